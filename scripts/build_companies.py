"""Write ``pipeline/data/companies.jsonl``, the derived half of the gazetteer: company names
from open data, beside the hand-kept ``pipeline/data/gazetteer.jsonl``.

Sources:

- every constituent of the stock indices in **pytickersymbols** (MIT licence; DAX, MDAX,
  SDAX, TecDAX, EURO STOXX 50, S&P 500, NASDAQ 100, FTSE 100, CAC 40, Nikkei 225 and
  others, about 1,800 listed companies);
- the company names annotated (ORGANIZATION_COMPANY) in the **SmartData** train split
  (``../shared/data/smartdata/train.jsonl``; DFKI, CC BY 4.0; Schiersch et al., LREC 2018)
  that at least two documents name. The dev split is never read.

A name is listed with its legal form stripped ("Lanxess AG" -> "Lanxess"), the full form as
an alias. A name that is also a common German word (Zipf frequency >= ``COMMON_WORD_ZIPF``,
"Advent", "Visa") or a given or family name is put in ``common_words``: the ruler leaves it
alone, and it still resolves to its entry when the model labels it an organisation. SmartData
names that are common words are left out. A name the hand-kept gazetteer already knows, under
any of its spellings, is left to the hand-kept entry.

Needs ``pip install -e ".[lexicon]"``; the output is committed, so newsgraph needs none of
these packages. Usage: ``python3 scripts/build_companies.py [SMARTDATA_TRAIN]``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from pytickersymbols import PyTickerSymbols
from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.entities import COMPANIES_PATH, GAZETTEER_PATH, read_gazetteer, strip_legal_form, surface_variants
from pipeline.extract.lexicon import is_listed_name

COMMON_WORD_ZIPF = 3.3
DEFAULT_SMARTDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "smartdata" / "train.jsonl"
# Trailing words of a listing name that news leaves out ("Adobe Inc.", "Abbott Laboratories" stays).
LISTING_SUFFIX = re.compile(r"(?:,?\s+(?:Inc\.?|Corp\.?|Corporation|Company|Co\.|Aktiengesellschaft|S\.p\.A\.|"
                            r"SpA|ASA|AB|A/S|Oyj|Holding|Holdings|Group|Gruppe|plc|PLC|SE|AG|N\.V\.|S\.A\.|"
                            r"Ltd\.?|Limited|& Co\. KGaA|KGaA))+$")
MIN_SMARTDATA_DOCUMENTS = 2
DECLINED_ADJECTIVE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+?)(?:en|er|es)$")
NAME_CHARACTERS = re.compile(r"^[\w&.'+ -]+$")


def short_name(name: str) -> str:
    """The name as news writes it: listing suffixes and legal forms removed."""
    shorter = strip_legal_form(LISTING_SUFFIX.sub("", name).strip(" ,"))
    return shorter if len(shorter) >= 2 else name


def is_common_word(name: str) -> bool:
    """A one-word name that German text also uses as an ordinary word or a person's name."""
    if " " in name:
        return False
    return zipf_frequency(name, "de") >= COMMON_WORD_ZIPF or is_listed_name(name, "PER") or is_listed_name(name, "LOC")


def listed_companies() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for stock in PyTickerSymbols().get_all_stocks():
        full = " ".join(stock["name"].split())
        short = short_name(full)
        # "Partners Group", "Ball Corporation": a short form that is an ordinary word names nothing.
        names[full if is_common_word(short) and short != full else short].add(full)
    return names


def undeclined(name: str) -> str:
    """ "Deutschen Bahn" -> "Deutsche Bahn": the nominative of a name that opens with an adjective
    (news writes it declined after an article; the gazetteer adds the declined forms itself)."""
    first, _, rest = name.partition(" ")
    match = DECLINED_ADJECTIVE.match(first)
    if rest and match and zipf_frequency(first.lower(), "de") >= COMMON_WORD_ZIPF:
        return f"{match.group(1)}e {rest}"
    return name


def smartdata_companies(path: Path) -> dict[str, set[str]]:
    documents: Counter = Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            documents.update({" ".join(e["text"].split()) for e in record["entities"]
                              if e["type"] == "ORGANIZATION_COMPANY"})
    names: dict[str, set[str]] = defaultdict(set)
    for text, count in documents.items():
        name = undeclined(short_name(text))
        if (count >= MIN_SMARTDATA_DOCUMENTS and any(ch.isupper() for ch in name) and "_" not in name
                and NAME_CHARACTERS.match(name) and not is_common_word(name)):
            names[name].add(text)
    return names


def main() -> None:
    smartdata = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SMARTDATA
    known = {variant.casefold() for entry in read_gazetteer(GAZETTEER_PATH)
             for surface in (entry.name, *entry.aliases, *entry.common_words)
             for variant in surface_variants(surface, entry.label)}
    sources = [("pytickersymbols", listed_companies()), ("smartdata-train", smartdata_companies(smartdata))]
    entries: dict[str, dict] = {}
    taken: set[str] = set(known)
    for source, names in sources:
        for name in sorted(names):
            surfaces = {name, *names[name]}
            if any(surface.casefold() in taken for surface in surfaces):
                continue
            taken.update(variant.casefold() for surface in surfaces for variant in surface_variants(surface, "ORG"))
            entry = {"name": name, "label": "ORG", "aliases": sorted(surfaces - {name}), "source": source}
            common = sorted(surface for surface in surfaces if is_common_word(surface))
            if common:
                entry["common_words"] = common
            entries[name] = entry
    with COMPANIES_PATH.open("w", encoding="utf-8") as out:
        for name in sorted(entries, key=str.casefold):
            out.write(json.dumps(entries[name], ensure_ascii=False) + "\n")
    print(f"{len(entries)} companies -> {COMPANIES_PATH}")


if __name__ == "__main__":
    main()
