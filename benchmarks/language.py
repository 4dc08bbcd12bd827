"""Benchmark: language detection with fewer langdetect trials, speed and German / not-German errors.

Texts in several languages come from the machine's own gettext translations
(``/usr/share/locale/LANG/LC_MESSAGES/*.mo``; English from their message ids):
translated messages of six words or more, joined into texts of about 150 and
700 characters, 60 of each per language (a fixed seed). Each text is detected
by langdetect's full vote (``pipeline.extract.language.vote_language``) with 7 trials
(langdetect's default) and with fewer, and by ``detect_language`` as the batch
runs it (German when the first trial settles on German, else the vote of
``pipeline.extract.language.TRIALS``). The last line gives, for ``detect_language``,
the time over the 7-trial vote's and the errors in the one decision the batch
makes (German or not), on these texts and on the German ones alone:

    python benchmarks/language.py
"""

from __future__ import annotations

import gettext
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract import language  # noqa: E402

LOCALES = Path("/usr/share/locale")
LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "cs", "en")
PER_SIZE = 60
SIZES = (150, 700)
SEED = 1


def messages(code: str) -> list[str]:
    """Translated messages of at least six words (English: the message ids of the German catalogues)."""
    found = []
    for catalogue in sorted((LOCALES / ("de" if code == "en" else code) / "LC_MESSAGES").glob("*.mo")):
        try:
            with catalogue.open("rb") as file:
                pairs = gettext.GNUTranslations(file)._catalog.items()
        except (OSError, ValueError):
            continue
        for message_id, translation in pairs:
            text = message_id if code == "en" else translation
            if isinstance(message_id, str) and isinstance(text, str):
                text = re.sub(r"%\S+|\{[^}]*\}|[_&]", "", text).strip()
                if len(text.split()) >= 6 and "\n" not in text:
                    found.append(text)
    return found


def texts() -> list[tuple[str, str]]:
    rng = random.Random(SEED)
    made = []
    for code in LANGUAGES:
        pool = messages(code)
        if not pool:
            continue
        for size in SIZES:
            for _ in range(PER_SIZE):
                text = ""
                while len(text) < size:
                    text += rng.choice(pool) + " "
                made.append((code, text))
    return made


def detect_all(items: list[tuple[str, str]], detect) -> tuple[list[str], float]:
    started = time.perf_counter()
    found = [detect(text) for _, text in items]
    return found, time.perf_counter() - started


def main() -> None:
    items = texts()
    if not items:
        sys.exit(f"no gettext catalogues under {LOCALES}")
    german = [item for item in items if item[0] == "de"]
    print(f"texts: {len(items)} in {len({code for code, _ in items})} languages")
    language.detect_language("Vorlauf: die Sprachprofile werden einmal geladen.")
    _, baseline = detect_all(items, lambda text: language.vote_language(text, 7))
    _, german_baseline = detect_all(german, lambda text: language.vote_language(text, 7))
    detectors = {f"vote of {trials} trials": lambda text, trials=trials: language.vote_language(text, trials)
                 for trials in (7, 3, 2, 1)}
    detectors["detect_language"] = language.detect_language
    for name, detect in detectors.items():
        found, seconds = detect_all(items, detect)
        exact = sum(code == guess for (code, _), guess in zip(items, found)) / len(items)
        errors = sum((code == "de") != (guess == "de") for (code, _), guess in zip(items, found))
        print(f"{name}: {seconds:.2f} s ({seconds / baseline:.2f} of 7 trials), "
              f"exact language {exact:.3f}, German/not-German errors {errors}")
    _, german_seconds = detect_all(german, language.detect_language)
    # seconds, errors and exact are detect_language's, the last of the detectors
    print(f"time_vs_7_trials={seconds / baseline:.2f} "
          f"german_texts_time_vs_7_trials={german_seconds / german_baseline:.2f} "
          f"german_errors={errors} exact={exact:.3f}")


if __name__ == "__main__":
    main()
