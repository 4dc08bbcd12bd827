"""Dates: when an article was published and when the event in a sentence happens.

``publication_date`` reads an article's date from its ``published`` metadata
or, failing that, from a dateline near the top of its text ("Berlin, 12. März
2025 –", "Stand: 12.03.2025"). ``event_date`` finds the date or period a
German sentence gives for its event and resolves it against the publication
date: "am 5. Mai", "im März 2025", "Q3 2024", "im dritten Quartal", "Anfang
2026", "Ende des Jahres", "bis 2025", "seit 2023", "im Laufe dieses Jahres",
"im Vorjahr", "am Freitag", "gestern". The result is an ``EventDate``: the
first day of the period, its precision (day, month, quarter or year) and the
words it was read from. Day dates and relative days are parsed by dateparser
(offline, German settings); the periods it does not know are this module's
own rules. When a sentence names several dates the first one wins, except
that weekdays and relative days ("wie der Konzern am Freitag mitteilte")
usually date the announcement, not the event, and only count when nothing
else is named. Everything here is a pure function.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

import dateparser

from pipeline.core.records import Article

PRECISIONS = ("day", "month", "quarter", "year")

MONTHS = {
    "januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feb.": 2, "märz": 3, "mär.": 3, "april": 4, "apr.": 4,
    "mai": 5, "juni": 6, "juli": 7, "august": 8, "aug.": 8, "september": 9, "sept.": 9, "sep.": 9,
    "oktober": 10, "okt.": 10, "november": 11, "nov.": 11, "dezember": 12, "dez.": 12,
}
WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
ORDINALS = {"erste": 1, "zweite": 2, "dritte": 3, "vierte": 4}
#: Year offset from the publication year of "im Vorjahr", "im kommenden Jahr", ...
YEAR_OFFSETS = {
    "dieses": 0, "diesen": 0, "diesem": 0, "laufenden": 0, "laufende": 0,
    "vergangenen": -1, "vergangenes": -1, "letzten": -1, "letztes": -1,
    "nächsten": 1, "nächstes": 1, "kommenden": 1, "kommendes": 1,
}
#: "vor zwei Jahren": how many years back.
YEARS_AGO = {"einem": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "zehn": 10}

_MONTH = r"(?P<month>" + "|".join(re.escape(name) for name in sorted(MONTHS, key=len, reverse=True)) + r")"
_MONTH_END = r"(?![\wäöü])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d.,]\d)"
_RELATIVE_YEAR = "(?P<rel>" + "|".join(YEAR_OFFSETS) + ")"
# Nouns and units after a four-digit number that make it a count or an amount, not a year.
_NOT_A_YEAR = (r"(?!\s*(?:%|€|\$|Prozent|Euro|Dollar|US-Dollar|Franken|Yuan|Pfund|Yen|Mitarbeiter"
               r"|Beschäftigte|Stellen|Arbeitsplätze|Menschen|Kunden|Stück|Tonnen|Kilometer|Meter|Mal))")


@dataclass(frozen=True)
class EventDate:
    """A date or period: its first day, how precise it is, and the words it came from."""

    date: dt.date
    precision: str  # one of PRECISIONS
    text: str

    @property
    def label(self) -> str:
        return date_label(self.date, self.precision)


def date_label(value: dt.date, precision: str) -> str:
    """``2025-03-12`` (day), ``2025-03`` (month), ``2025-Q1`` (quarter) or ``2025`` (year)."""
    if precision == "day":
        return value.isoformat()
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if precision == "quarter":
        return f"{value.year:04d}-Q{(value.month - 1) // 3 + 1}"
    if precision == "year":
        return f"{value.year:04d}"
    raise ValueError(f"Unknown date precision {precision!r}; expected one of {PRECISIONS}")


def period_end(start: dt.date, precision: str) -> dt.date:
    """The last day of the period that begins on ``start``."""
    months = {"day": 0, "month": 1, "quarter": 3, "year": 12}[precision]
    if months == 0:
        return start
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)


def parse_period(text: str) -> EventDate:
    """A period as a user writes it: ``2025``, ``2025-03``, ``2025-Q3``, ``2025-03-12``, or German
    ("März 2025", "12.03.2025", "Q3 2024"). Raises ``ValueError`` for anything else."""
    problem = ValueError(f"Not a date or period: {text!r} (try 2025, 2025-03, 2025-Q3 or 2025-03-12)")
    match = _LABEL.fullmatch(text.strip())
    if match:
        year, month, quarter, day = (int(part) if part else None
                                     for part in match.group("year", "month", "quarter", "day"))
        try:
            if quarter:
                return EventDate(dt.date(year, 3 * quarter - 2, 1), "quarter", text)
            if month:
                return EventDate(dt.date(year, month, day or 1), "day" if day else "month", text)
        except ValueError:
            raise problem from None
        return EventDate(dt.date(year, 1, 1), "year", text)
    found = event_date(text, None)
    if found is None or found.text != " ".join(text.split()):
        raise problem
    return found


def publication_date(article: Article) -> dt.date | None:
    """The article's publication date: its metadata, else a dateline near the top."""
    if article.published:
        published = _parse_metadata_date(article.published)
        if published is not None:
            return published
    for line in [line for line in article.text.splitlines() if line.strip()][:_DATELINE_LINES]:
        match = _DATELINE.match(line)
        if match:
            found = event_date(match.group("date"), None)
            if found is not None and found.precision == "day":
                return found.date
    return None


def event_date(sentence: str, published: dt.date | None) -> EventDate | None:
    """The date or period the sentence gives, resolved against ``published``.

    Relative expressions ("im Vorjahr", "am Freitag", "am 5. Mai") need
    ``published`` and are passed over without it. None when the sentence
    names no date that can be resolved.
    """
    candidates = []
    present: dict[int, bool] = {}  # by the pattern's id: a compiled pattern's hash reads its whole program
    for rule in _RULES:
        needed = present.get(id(rule.needs))
        if needed is None:
            needed = present[id(rule.needs)] = rule.needs.search(sentence) is not None
        if not needed:
            continue
        for match in rule.pattern.finditer(sentence):
            candidates.append((match.start(), -(match.end() - match.start()), rule, match))
    candidates.sort(key=lambda candidate: candidate[:2])
    taken_until = -1
    resolved: list[tuple[bool, EventDate]] = []
    for start, _, rule, match in candidates:
        if start < taken_until:  # overlaps a longer or earlier match
            continue
        taken_until = match.end()
        value = rule.resolve(match, published)
        if value is not None:
            resolved.append((rule.announcement, EventDate(value[0], value[1], " ".join(match.group(0).split()))))
    resolved.sort(key=lambda item: item[0])  # stable: text order within each group
    return resolved[0][1] if resolved else None


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    resolve: Callable[[re.Match, dt.date | None], tuple[dt.date, str] | None]
    # Something every match of ``pattern`` contains, far cheaper to search for: without it the
    # rule is skipped (most sentences name no date, and 14 full patterns cost 60 µs a sentence).
    needs: re.Pattern
    announcement: bool = False  # weekdays and relative days: only when nothing else is named


def _parse_metadata_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        settings = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}
        parsed = dateparser.parse(text, languages=["de", "en"], settings=settings)
        return parsed.date() if parsed else None


def _day_date(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    text = match.group("day_text")
    if published is None and not re.search(r"\d{4}", text):
        return None  # no year, and nothing to take it from
    settings = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month"], "PREFER_DATES_FROM": "current_period"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(text, languages=["de"], settings=settings)
    return (parsed.date(), "day") if parsed else None


def _relative_day(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    if published is None:
        return None
    parsed = dateparser.parse(
        match.group(0), languages=["de"],
        settings={"RELATIVE_BASE": dt.datetime.combine(published, dt.time()), "PREFER_DATES_FROM": "past"},
    )
    return (parsed.date(), "day") if parsed else None


def _weekday(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    # News name a weekday of the last few days: the latest such day on or before publication.
    if published is None:
        return None
    back = (published.weekday() - WEEKDAYS.index(match.group("weekday").lower())) % 7
    if match.group("last"):
        back = back or 7
    return published - dt.timedelta(days=back), "day"


def _year_of(match: re.Match, published: dt.date | None) -> int | None:
    """The match's explicit year, else the publication year moved by its "vergangenen", "nächsten"..."""
    if match.groupdict().get("year"):
        return int(match.group("year"))
    if published is None:
        return None
    return published.year + YEAR_OFFSETS[(match.groupdict().get("rel") or "dieses").lower()]


def _quarter(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    year = _year_of(match, published)
    number = match.group("q").rstrip(".").lower()
    quarter = int(number) if number.isdigit() else ORDINALS[number.removesuffix("n")]
    return (dt.date(year, 3 * quarter - 2, 1), "quarter") if year else None


def _relative_quarter(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    if published is None:
        return None
    index = published.year * 4 + (published.month - 1) // 3 - (1 if match.group("prev") else 0)
    return dt.date(index // 4, 3 * (index % 4) + 1, 1), "quarter"


def _month(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    year = _year_of(match, published)
    return (dt.date(year, MONTHS[match.group("month").lower()], 1), "month") if year else None


def _part_of_year(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    # "Anfang 2026" is the first quarter, "Ende 2026" the last; "Mitte 2026" straddles two, so only the year.
    year = _year_of(match, published)
    if year is None:
        return None
    part = match.group("part").lower()
    if part == "mitte":
        return dt.date(year, 1, 1), "year"
    return dt.date(year, 1 if part == "anfang" else 10, 1), "quarter"


def _year(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    year = _year_of(match, published)
    return (dt.date(year, 1, 1), "year") if year else None


def _years_ago(match: re.Match, published: dt.date | None) -> tuple[dt.date, str] | None:
    if published is None:
        return None
    return dt.date(published.year - YEARS_AGO.get((match.group("count") or "einem").lower(), 1), 1, 1), "year"


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


_LABEL = re.compile(r"(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?")
_DATELINE_LINES = 4
# "Berlin, 12. März 2025 –", "Mittwoch, 12.03.2025", "Stand: 2025-03-12", or the date alone on its line.
_DATELINE = _compile(
    r"\s*(?:[A-ZÄÖÜ][\w./ -]{0,40},\s*)?"
    r"(?:(?:Stand|Veröffentlicht|Publiziert|Erschienen|Aktualisiert|Datum)(?:\s+am)?:?\s*)?"
    r"(?:(?:" + "|".join(WEEKDAYS) + r"),\s*)?(?:den\s+)?"
    r"(?P<date>(?:19|20)\d\d-\d\d-\d\d|\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄ]+\.?)\s*(?:19|20)\d\d)"
    r"(?=\s*(?:$|[–—:|(/-]|Uhr|\d{1,2}:\d\d))"
)
_DAY_PREFIX = r"(?:\b(?:am|zum|vom|bis|seit|ab)\s+(?:(?:dem|zum)\s+)?)?(?<![\d.,])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])\."
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + r")(?:abend|morgen|vormittag|nachmittag|mittag)?"
_NUMBER_WORDS = r"(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|\d{1,2})"
# What the rules below need (``_Rule.needs``).
_DIGIT = re.compile(r"\d")
_MONTH_NAME = _compile(_MONTH + _MONTH_END)
_RELATIVE_DAY = _compile(r"\b(?:heute|gestern|vorgestern|vor)\b")
_WEEKDAY_NAME = _compile("|".join(WEEKDAYS))
_QUARTER_WORD = _compile("quartal")
_PART_WORD = _compile("anfang|mitte|ende")
_YEAR_WORD = _compile("jahr")
_RULES = (
    # 2025-03-12, 12.03.2025, 12.3., 12. März 2025, am 5. Mai
    _Rule(_compile(r"(?<![\w.])(?P<day_text>(?:19|20)\d\d-\d\d-\d\d)(?!\d)"), _day_date, _DIGIT),
    _Rule(_compile(_DAY_PREFIX + rf"(?P<day_text>{_DAY}(?:1[0-2]|0?[1-9])\.(?:(?:19|20)\d\d)?)(?![\d,])"),
          _day_date, _DIGIT),
    _Rule(_compile(_DAY_PREFIX + rf"(?P<day_text>{_DAY}\s*{_MONTH}{_MONTH_END}(?:\s+(?:19|20)\d\d(?!\d))?)"),
          _day_date, _MONTH_NAME),
    # heute, gestern, vor zwei Wochen; am Freitag, am vergangenen Montag
    _Rule(_compile(rf"\b(?:heute|gestern|vorgestern|vor\s+(?:einer\s+Woche|{_NUMBER_WORDS}\s+(?:Tagen|Wochen)))\b"),
          _relative_day, _RELATIVE_DAY, announcement=True),
    _Rule(_compile(rf"\b(?:am|vom|seit|bis|zum)\s+(?P<last>vergangenen\s+|letzten\s+)?{_WEEKDAY}\b"),
          _weekday, _WEEKDAY_NAME, announcement=True),
    # Q3 2024, im dritten Quartal 2024, im 3. Quartal, im vierten Quartal des vergangenen Jahres, im Vorquartal
    _Rule(_compile(rf"\bQ(?P<q>[1-4])\s*/?\s*{_YEAR}"), _quarter, _DIGIT),
    _Rule(_compile(rf"\b(?:(?:im|des|seit|bis|ab)\s+)?(?P<q>[1-4]\.|ersten|zweiten|dritten|vierten)\s*Quartal(?:s|es)?"
                   rf"(?:\s+{_YEAR}|\s+(?:des\s+)?{_RELATIVE_YEAR}\s+Jahres)?"), _quarter, _QUARTER_WORD),
    _Rule(_compile(r"\b(?:im\s+)?(?:(?P<prev>Vorquartal)|laufenden\s+Quartal)\b"), _relative_quarter, _QUARTER_WORD),
    # im März 2025, Mitte März
    _Rule(_compile(rf"\b(?:(?:im|seit|bis|ab|zum|vom|Anfang|Mitte|Ende)\s+)?{_MONTH}{_MONTH_END}\s+{_YEAR}"),
          _month, _MONTH_NAME),
    _Rule(_compile(rf"\b(?:im|seit|bis|ab|zum|vom|Anfang|Mitte|Ende)\s+{_MONTH}{_MONTH_END}"), _month, _MONTH_NAME),
    # Anfang 2026, Ende des Jahres, bis Ende des vergangenen Jahres
    _Rule(_compile(rf"\b(?:(?:bis|seit|ab)\s+)?(?:zum\s+)?(?P<part>Anfang|Mitte|Ende)\s+"
                   rf"(?:(?:des\s+Jahres\s+)?{_YEAR}|(?:des\s+)?(?:{_RELATIVE_YEAR}\s+)?Jahres)"),
          _part_of_year, _PART_WORD),
    # im Laufe dieses Jahres, im vergangenen Jahr, im Vorjahr, vor zwei Jahren
    _Rule(_compile(rf"\b(?:im\s+Laufe\s+)?(?:(?:im|in|des|vom)\s+)?{_RELATIVE_YEAR}\s+Jahr(?:es|e)?\b"
                   r"|\bim\s+Laufe\s+des\s+Jahres\b"), _year, _YEAR_WORD),
    _Rule(_compile(r"\b(?:im\s+)?Vorjahr(?:es)?\b|\bim\s+Jahr\s+zuvor\b"
                   r"|\bvor\s+(?P<count>einem|zwei|drei|vier|fünf|sechs|zehn)\s+Jahr(?:en)?\b"),
          _years_ago, _YEAR_WORD),
    # 2024, bis 2025, seit 2023, im Jahr 2019
    _Rule(_compile(r"\b(?:(?:im\s+Jahr(?:e)?|bis(?:\s+zum\s+Jahr)?|seit|ab|von|für|nach|vor|zwischen)\s+)?"
                   rf"(?<![\d.,]){_YEAR}\b{_NOT_A_YEAR}"), _year, _DIGIT),
)
