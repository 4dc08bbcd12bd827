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
and langdetect's inner loops (the reading of the text into n-grams, half of
its time, and the update of each language's probability per n-gram) are
done by faster equivalents of ours (the same n-grams in the same order and
the same arithmetic, so the same answers).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

import numpy
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
    """langdetect's detector, faster: spaces collapsed and Latin letters counted with regular
    expressions instead of a loop over the characters, the n-grams of each word looked up in
    ``_word_ngrams`` (and kept for another detection of the same text), and the probabilities of
    the languages updated as one array (the same arithmetic, so the same results to the last bit)."""

    _ngrams: list[str] | None = None

    def append(self, text: str) -> None:
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACES.sub(" ", text[:self.max_text_length])  # a run of spaces is one

    def cleaning_text(self) -> None:
        # langdetect drops the Latin letters of a text with more than twice as many other letters: with
        # Latin letters a third of the text or more, as in any German one, there cannot be as many.
        if 3 * (len(self.text) - len(_LATIN.sub("", self.text))) < len(self.text):
            super().cleaning_text()

    def _init_probability(self) -> numpy.ndarray:
        return numpy.array(super()._init_probability())

    def _update_lang_prob(self, prob: numpy.ndarray, word: str, alpha: float) -> bool:
        # langdetect's update, on an array: the same arithmetic on each language's probability
        lang_prob_map = _profile_arrays(word)
        if lang_prob_map is None:
            return False
        prob *= alpha / self.BASE_FREQ + lang_prob_map
        return True

    def _normalize_prob(self, prob: numpy.ndarray) -> float:
        prob /= sum(prob.tolist())  # summed in order, as langdetect sums them
        return max(0.0, float(prob.max()))

    def _extract_ngrams(self) -> list[str]:
        if self._ngrams is None:
            self._ngrams = self._read_ngrams()
        return self._ngrams

    def _read_ngrams(self) -> list[str]:
        # langdetect starts afresh after each space, so a word's n-grams (with those of the space after
        # it) depend on the word alone (and on the profiles: this detector is made with ``_factory()``'s).
        *words, last = self.text.translate(_NORMALIZED).split(" ")
        found = []
        for word in words:
            if word:
                found += _word_ngrams(word + " ")
        return found + list(_word_ngrams(last)) if last else found


@lru_cache(maxsize=1 << 14)  # about 9 MB
def _profile_arrays(ngram: str) -> numpy.ndarray | None:
    """An n-gram's probability in each language of langdetect's profiles, as an array."""
    probabilities = _factory().word_lang_prob_map.get(ngram)
    return None if probabilities is None else numpy.array(probabilities)


_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")  # what langdetect counts as Latin ("A" <= ch <= "z")


@lru_cache(maxsize=1 << 14)  # the frequent words; about 4 MB
def _word_ngrams(word: str) -> tuple[str, ...]:
    """The n-grams langdetect reads from ``word`` (normalised, perhaps with the space after it) after
    a space or at the start of a text: ``NGram.add_char``'s window kept in local variables."""
    known, found = _factory().word_lang_prob_map, []
    grams, capital_word = " ", False
    for char in word:
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
    return tuple(map(sys.intern, found))  # one string per n-gram, whatever the words it is in


def is_german(language: str) -> bool:
    """True for the code ``detect_language`` gives German text."""
    return language == GERMAN
