"""Language detection: which articles the German pipeline may process.

``detect_language`` runs langdetect on the start of an article and returns an
ISO 639-1 code ("de", "en", "fr", ...) or "unknown" when the text has no
letters to judge by. langdetect samples at random; a factory of our own with
a fixed seed makes the result the same on every call and every run, without
changing langdetect's global state for anyone else. The language profiles are
loaded once, on first use. The batch stage routes articles with
``is_german``; everything else is reported as skipped with its language.
Two things make it cheaper on German news, the common case: when
langdetect's first random trial settles on German, that is the answer, and
only other texts get the full vote of ``TRIALS`` trials (``vote_language``);
and langdetect's n-gram extraction, half of its time, is done by a faster
equivalent of ours (same n-grams in the same order, so the same answers).
"""

from __future__ import annotations

import re
from functools import lru_cache

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.ngram import NGram

GERMAN = "de"
UNKNOWN = "unknown"
SEED = 0
# The first paragraph decides the language as well as the whole article, and detection time
# grows with the text: benchmarks/language.py makes no German/not-German error on texts of 150
# or 700 characters; 500 cost half the time of 2,000 on benchmarks/ingest.py's articles.
MAX_CHARS = 500
# Longer "words" (a URL, a hash, a run of one letter) are no evidence of a language and,
# letter n-grams being what langdetect counts, would outvote the sentences around them.
MAX_WORD_CHARS = 40
_WORD = re.compile(r"\S+")
# Random trials averaged per text (langdetect's default is 7; each costs about the same). On
# 1,320 texts of 150 and 700 characters in eleven languages (the system's gettext translations)
# 3 trials made no error between German and not German, as 7 did (benchmarks/language.py).
TRIALS = 3


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(SEED)
    return factory


def detect_language(text: str) -> str:
    """The language of ``text`` as an ISO 639-1 code, or "unknown".

    German when langdetect's first trial converges on German, else
    ``vote_language``. Only the first ``MAX_CHARS`` characters of words of
    at most ``MAX_WORD_CHARS`` characters are read. The same text always
    gets the same answer.
    """
    detector = _detector(_sample(text), 1)
    try:
        first = detector.get_probabilities()
    except LangDetectException:  # no letters at all: "12345 !!!"
        return UNKNOWN
    if first and first[0].lang == GERMAN and first[0].prob > Detector.CONV_THRESHOLD:
        return GERMAN
    detector.n_trial, detector.langprob = TRIALS, None  # vote again, from the n-grams already read
    return detector.detect()


def vote_language(text: str, trials: int = TRIALS) -> str:
    """langdetect's answer for (the start of) ``text``, averaged over ``trials`` random trials."""
    try:
        return _detector(_sample(text), trials).detect()
    except LangDetectException:
        return UNKNOWN


def _detector(sample: str, trials: int) -> Detector:
    detector = _Detector(_factory())
    detector.n_trial = trials  # an attribute without a setter in langdetect
    detector.append(sample)
    return detector


def _sample(text: str) -> str:
    words, length = [], 0
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) <= MAX_WORD_CHARS:
            words.append(word)
            length += len(word) + 1
            if length >= MAX_CHARS:
                break
    return " ".join(words)


class _NormalizedCharacters(dict):
    """``str.translate`` table: each character as langdetect's ``NGram.normalize`` gives it."""

    def __missing__(self, code: int) -> str:
        normalized = self[code] = NGram.normalize(chr(code))
        return normalized


_NORMALIZED = _NormalizedCharacters()


class _Detector(Detector):
    """langdetect's detector with a faster ``_extract_ngrams``: characters normalised in one
    ``str.translate`` pass and ``NGram.add_char``'s window kept in local variables, the result
    kept for another detection of the same text."""

    _ngrams: list[str] | None = None

    def _extract_ngrams(self) -> list[str]:
        if self._ngrams is None:
            self._ngrams = self._read_ngrams()
        return self._ngrams

    def _read_ngrams(self) -> list[str]:
        known, found = self.word_lang_prob_map, []
        grams, capital_word = " ", False
        for char in self.text.translate(_NORMALIZED):
            last = grams[-1]
            if last == " ":
                grams, capital_word = " ", False
                if char == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += char
            capital_word = char.isupper() and (capital_word or last.isupper())
            if capital_word:
                continue
            if char != " " and char in known:
                found.append(char)
            if len(grams) >= 2:
                if grams[-2:] in known:
                    found.append(grams[-2:])
                if len(grams) == 3 and grams in known:
                    found.append(grams)
        return found


def is_german(language: str) -> bool:
    """True for the code ``detect_language`` gives German text."""
    return language == GERMAN
