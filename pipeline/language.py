"""Language detection: which articles the German pipeline may process.

``detect_language`` runs langdetect on the start of an article and returns an
ISO 639-1 code ("de", "en", "fr", ...) or "unknown" when the text has no
letters to judge by. langdetect samples at random; a factory of our own with
a fixed seed makes the result the same on every call and every run, without
changing langdetect's global state for anyone else. The language profiles are
loaded once, on first use. The batch stage routes articles with
``is_german``; everything else is reported as skipped with its language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

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
# 3 trials made no error between German and not German, as 7 did, in 0.56 of the time.
TRIALS = 3


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(SEED)
    return factory


def detect_language(text: str) -> str:
    """The language of ``text`` as an ISO 639-1 code, or "unknown".

    Only the first ``MAX_CHARS`` characters of words of at most
    ``MAX_WORD_CHARS`` characters are read. The same text always gets the
    same answer.
    """
    detector = _factory().create()
    detector.n_trial = TRIALS  # an attribute without a setter in langdetect
    detector.append(_sample(text))
    try:
        return detector.detect()
    except LangDetectException:  # no letters at all: "12345 !!!"
        return UNKNOWN


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


def is_german(language: str) -> bool:
    """True for the code ``detect_language`` gives German text."""
    return language == GERMAN
