"""Monetary amounts and percentages in German news text.

``parse_money`` and ``parse_percent`` turn the surface text of one amount
("rund 6,8 Milliarden USD", "Etwa 60 %") into ``records.Money`` /
``records.Percent``: an exact ``Decimal`` full number, an ISO 4217 currency and
a qualifier ("over", "about", "almost", "up_to", "at_least", "under", "range").
``find_amounts`` and ``find_percents`` scan running text and return character
offsets; a parenthetical conversion ("40 Milliarden Yuan (5,5 Milliarden USD)")
is two amounts, the first linked to the second through ``Money.equivalent``.
A number is an amount only with a currency or a scale word (Tausend, Mio.,
Milliarden, billion, ...); a scaled number without a currency counts only when
no noun follows it, so "5 Millionen Nutzer" is not money but "zwischen 5 und 6
Milliarden." is (currency None); a number of more than ``MAX_DIGITS`` digits or
an amount over ``MAX_AMOUNT`` is never one. German notation ("1.500", "5,5") is read first;
English notation ("$1.5 billion") is used with English scale words and as a
fallback when the German reading is impossible. Percentage ranges keep only the
lower bound (``Percent`` has no upper field). ``MoneyRecognizer`` is the spaCy
component that writes these as MONEY / PERCENT entities. No library fitted:
price parsers read one price from a short string but know no scale words,
qualifiers, ranges or offsets in running text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.core.records import Money, Percent

SPANS_KEY = "newsgraph_money"

for _extension in ("money", "percent"):
    if not Span.has_extension(_extension):
        Span.set_extension(_extension, default=None)


# --- vocabulary -------------------------------------------------------------

QUALIFIERS: dict[str, str] = {
    "über": "over", "mehr als": "over", "knapp über": "over", "gut": "over", "gute": "over",
    "rund": "about", "etwa": "about", "ca.": "about", "circa": "about",
    "zirka": "about", "ungefähr": "about", "annähernd": "about",
    "knapp": "almost", "fast": "almost", "beinahe": "almost", "nahezu": "almost",
    "bis zu": "up_to", "maximal": "up_to", "höchstens": "up_to",
    "mindestens": "at_least", "wenigstens": "at_least",
    "weniger als": "under", "unter": "under", "knapp unter": "under",
}


# A noun that "über" follows when it means "for, worth" rather than "more than": "ein Vertrag über ...".
WORTH_NOUN = re.compile(r"(?:[Vv]ertrag|[Aa]uftrag|[Aa]nleihe|[Kk]redit|[Dd]arlehen|[Rr]echnung|[Bb]estellung|[Ss]check"
                        r"|[Oo]rder|[Dd]eal|[Zz]usage|[Bb]ürgschaft|[Ff]inanzierung|[Aa]ngebot|[Rr]unde|[Kk]apitalerhöhung"
                        r"|[Aa]bruf)\s+$")
WORTH_NOUN_REACH = 40  # characters before "über" in which such a noun ends


@dataclass(frozen=True)
class _Scale:
    factor: int
    english: bool  # English scale words switch the number notation to "1,500.5"


SCALES: dict[str, _Scale] = {
    **dict.fromkeys(("Tausend", "Tsd.", "Tsd"), _Scale(10**3, False)),
    **dict.fromkeys(("Million", "Millionen", "Mio.", "Mio", "Mill."), _Scale(10**6, False)),
    **dict.fromkeys(("Milliarde", "Milliarden", "Mrd.", "Mrd"), _Scale(10**9, False)),
    # German "Billion" is 10^12; only the lowercase English word means 10^9.
    **dict.fromkeys(("Billion", "Billionen", "Bio."), _Scale(10**12, False)),
    "thousand": _Scale(10**3, True),
    "million": _Scale(10**6, True),
    **dict.fromkeys(("billion", "bn"), _Scale(10**9, True)),
    "trillion": _Scale(10**12, True),
}

#: The largest amount read, 10^16 (ten thousand trillion): ten times the largest sums in the
#: news (national debts in yen); "1.000.000.000.000 Billionen Euro" (10^24) is no amount.
MAX_AMOUNT = Decimal(10) ** 16
#: Digits a number may have to be read (a serial number or a run of digits is no amount;
#: with a scale word the value stays within Decimal's 28 digits of precision).
MAX_DIGITS = 15
NUMBER_WORDS: dict[str, Decimal] = {
    **dict.fromkeys(("ein", "eine", "einer", "einem", "einen"), Decimal(1)),
    "eineinhalb": Decimal("1.5"), "anderthalb": Decimal("1.5"),
    "zwei": Decimal(2), "zweieinhalb": Decimal("2.5"), "drei": Decimal(3),
    "vier": Decimal(4), "fünf": Decimal(5), "sechs": Decimal(6), "sieben": Decimal(7),
    "acht": Decimal(8), "neun": Decimal(9), "zehn": Decimal(10), "elf": Decimal(11),
    "zwölf": Decimal(12), "zwanzig": Decimal(20), "dreißig": Decimal(30),
    "fünfzig": Decimal(50), "hundert": Decimal(100),
}


def _declined(adjective: str, noun: str) -> tuple[str, str]:
    """'kanadisch', 'Dollar' -> 'kanadische Dollar', 'kanadischen Dollar'."""
    return f"{adjective}e {noun}", f"{adjective}en {noun}"


#: Currency names and signs written after the number ("5 Mrd. Euro", "1,2 Mio. €").
CURRENCY_NAMES: dict[str, tuple[str, ...]] = {
    "USD": ("USD", "$", "US$", "Dollar", "Dollars", "US-Dollar", "US-Dollars", "US Dollar",
            *_declined("amerikanisch", "Dollar")),
    "EUR": ("EUR", "€", "Euro", "Euros"),
    "CNY": ("CNY", "RMB", "CN¥", "Yuan", "Renminbi", *_declined("chinesisch", "Yuan")),
    "JPY": ("JPY", "¥", "Yen", *_declined("japanisch", "Yen")),
    "CHF": ("CHF", "Franken", "Schweizer Franken", "SFr."),
    "GBP": ("GBP", "£", "Pfund", "Pfund Sterling", *_declined("britisch", "Pfund")),
    "KRW": ("KRW", "₩", "Won", *_declined("südkoreanisch", "Won")),
    "INR": ("INR", "₹", "Rupie", "Rupien", *_declined("indisch", "Rupien")),
    "TWD": ("TWD", "NT$", "Taiwan-Dollar", "Neue Taiwan-Dollar", "Neuen Taiwan-Dollar",
            *_declined("taiwanisch", "Dollar")),
    "HKD": ("HKD", "HK$", "Hongkong-Dollar", "HK-Dollar"),
    "CAD": ("CAD", "C$", "CA$", "Kanada-Dollar", *_declined("kanadisch", "Dollar")),
    "AUD": ("AUD", "A$", "AU$", "Austral-Dollar", *_declined("australisch", "Dollar")),
    "RUB": ("RUB", "₽", "Rubel", *_declined("russisch", "Rubel")),
    "SEK": ("SEK", *_declined("schwedisch", "Kronen")),
    "NOK": ("NOK", *_declined("norwegisch", "Kronen")),
    "DKK": ("DKK", *_declined("dänisch", "Kronen")),
    "PLN": ("PLN", "Zloty", "Złoty"),
}

#: Currency signs and codes written before the number ("$40 billion", "€ 3,5 Millionen").
CURRENCY_SIGNS: dict[str, tuple[str, ...]] = {
    "USD": ("USD", "$", "US$", "US-$"),
    "EUR": ("EUR", "€"),
    "CNY": ("CNY", "RMB", "CN¥"),
    "JPY": ("JPY", "¥"),
    "CHF": ("CHF",),
    "GBP": ("GBP", "£"),
    "KRW": ("KRW", "₩"),
    "INR": ("INR", "₹"),
    "TWD": ("TWD", "NT$"),
    "HKD": ("HKD", "HK$"),
    "CAD": ("CAD", "C$", "CA$"),
    "AUD": ("AUD", "A$", "AU$"),
    "RUB": ("RUB", "₽"),
    "SEK": ("SEK",), "NOK": ("NOK",), "DKK": ("DKK",), "PLN": ("PLN",),
}


def _by_surface(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {surface: code for code, surfaces in table.items() for surface in surfaces}


_CURRENCY_BY_NAME = _by_surface(CURRENCY_NAMES)
_CURRENCY_BY_SIGN = _by_surface(CURRENCY_SIGNS)


# --- patterns ---------------------------------------------------------------

# Spaces inside one amount: never a line break, but no-break and thin spaces.
SP = r"[ \t\u00a0\u202f\u2009]"
# Between number, scale word and currency: spaces, or a hyphen ("12-Milliarden-Dollar-Auftrag").
SEP = rf"(?:-|{SP}*)"
# An amount never starts inside a number ("1.500", "12,5"), a word or after a
# hyphen ("Covid-19 Millionen", "-5 Mio." is a loss we do not model).
START = r"(?<![\w.,\-–])"
DIGITS = r"\d+(?:[.,\u202f\u2009]\d+)*"
JOINER = rf"(?:{SP}+(?P<joiner>und|bis){SP}+|{SP}*(?P<dash>[-–]){SP}*)"
PERCENT_UNIT = r"(?:%|Prozent(?!\w))"


def _alternation(surfaces: Iterable[str], *, ignore_case: bool = False) -> str:
    """A regex matching any of ``surfaces``, longest first, whole words only."""
    pieces = []
    for surface in sorted(surfaces, key=len, reverse=True):
        piece = f"{SP}+".join(re.escape(word) for word in surface.split(" "))
        if surface[-1].isalnum():
            piece += r"(?!\w)"
        pieces.append(piece)
    body = "|".join(pieces)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


QUALIFIER = _alternation(QUALIFIERS, ignore_case=True)
SCALE = _alternation(SCALES)
NUMBER = rf"(?:{DIGITS}|{_alternation(NUMBER_WORDS, ignore_case=True)})"
CURRENCY_NAME = _alternation(_CURRENCY_BY_NAME)
CURRENCY_SIGN = _alternation(_CURRENCY_BY_SIGN)


def _quantity(prefix: str) -> str:
    """Optional sign, number, optional scale word, optional currency name."""
    return (
        rf"(?:(?P<{prefix}sign>{CURRENCY_SIGN}){SP}*)?"
        rf"(?P<{prefix}number>{NUMBER})"
        rf"(?:{SEP}(?P<{prefix}scale>{SCALE}))?"
        rf"(?:{SEP}(?P<{prefix}name>{CURRENCY_NAME}))?"
    )


LEAD = rf"{START}(?:(?P<qualifier>{QUALIFIER}){SP}+)?"
BETWEEN = rf"(?:(?P<between>[Zz]wischen){SP}+)?"
SINGLE_AMOUNT = re.compile(LEAD + _quantity(""))
RANGE_AMOUNT = re.compile(LEAD + BETWEEN + _quantity("low_") + JOINER + _quantity("high_"))
SINGLE_PERCENT = re.compile(rf"{LEAD}(?P<number>{NUMBER}){SEP}{PERCENT_UNIT}")
RANGE_PERCENT = re.compile(
    rf"{LEAD}{BETWEEN}(?P<low_number>{NUMBER})(?:{SEP}{PERCENT_UNIT})?"
    rf"{JOINER}(?P<high_number>{NUMBER}){SEP}{PERCENT_UNIT}"
)
# Where any amount or percentage can start; far cheaper to search for than the full readings.
CANDIDATE = re.compile(rf"{LEAD}{BETWEEN}(?:{CURRENCY_SIGN}{SP}*)?{NUMBER}")
_AT_CANDIDATE = re.compile(f"(?={CANDIDATE.pattern})")
# After a currency-less amount: a noun means it counts things ("5 Millionen Nutzer").
COUNTED_NOUN = re.compile(rf"{SP}*-?{SP}*[A-ZÄÖÜ]")
# "2025 Euro-Anleihen": an unscaled number before a currency compound is no amount.
COMPOUND_CONTINUES = re.compile(r"-\w")
NUMBER_FOLLOWS = re.compile(rf"{SP}*\d")
EQUIVALENT_OPEN = re.compile(
    rf"{SP}*\({SP}*(?:(?i:umgerechnet|das entspricht|entspricht|also){SP}+|[=≈~]{SP}*)?"
)
EQUIVALENT_CLOSE = re.compile(rf"{SP}*[),;]")

_GERMAN_NUMBER = re.compile(r"(\d{1,3}(?:[.\u202f\u2009]\d{3})+|\d+)(?:,(\d+))?")
_ENGLISH_NUMBER = re.compile(r"(\d{1,3}(?:[,\u202f\u2009]\d{3})+|\d+)(?:\.(\d+))?")


# --- reading matches ----------------------------------------------------------


def _normal(surface: str) -> str:
    return " ".join(surface.split())


def _to_decimal(number: str, *, english: bool) -> Decimal | None:
    """'1.500' -> 1500, '5,5' -> 5.5, 'zwei' -> 2; None when no notation fits."""
    if number[0].isalpha():
        return NUMBER_WORDS[number.lower()]
    notations = (_ENGLISH_NUMBER, _GERMAN_NUMBER) if english else (_GERMAN_NUMBER, _ENGLISH_NUMBER)
    for notation in notations:
        if parts := notation.fullmatch(number):
            whole, fraction = re.sub(r"\D", "", parts[1]), parts[2]
            if len(whole.lstrip("0")) + len(fraction or "") > MAX_DIGITS:
                return None
            return Decimal(f"{whole}.{fraction}" if fraction else whole)
    return None


def _tidy(value: Decimal) -> Decimal:
    """5.5 * 10^9 -> Decimal('5500000000'), not '5500000000.0'."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _factor(scale: _Scale | None) -> int:
    return scale.factor if scale else 1


def _qualifier(match: re.Match) -> str | None:
    if not match["qualifier"]:
        return None
    word = _normal(match["qualifier"]).lower()
    start = match.start("qualifier")
    if word == "über" and WORTH_NOUN.search(match.string, max(0, start - WORTH_NOUN_REACH), start):
        return None  # "ein Auftrag über 600 Millionen Euro": the amount the contract is for, not a lower bound
    return QUALIFIERS[word]


def _currency(match: re.Match, prefixes: Iterable[str]) -> tuple[bool, str | None]:
    """(consistent, code): at most one currency, written either as sign or as name."""
    signs = {_CURRENCY_BY_SIGN[_normal(s)] for p in prefixes if (s := match[f"{p}sign"])}
    names = {_CURRENCY_BY_NAME[_normal(n)] for p in prefixes if (n := match[f"{p}name"])}
    codes = signs | names
    if len(codes) > 1 or (signs and names):
        return False, None
    return True, next(iter(codes), None)


def _stands_alone(match: re.Match, money: Money, scaled: bool, name: str | None) -> bool:
    """Reject readings that the words right after the match contradict."""
    if money.currency is None:
        return COUNTED_NOUN.match(match.string, match.end()) is None
    if scaled:
        return True
    if COMPOUND_CONTINUES.match(match.string, match.end()):
        return False
    # "bis 2025 USD 5 Mrd.": a sign between two numbers belongs to the second.
    sign_like = name is not None and _normal(name) in _CURRENCY_BY_SIGN
    return not (sign_like and NUMBER_FOLLOWS.match(match.string, match.end()))


def _single_money(match: re.Match) -> Money | None:
    consistent, currency = _currency(match, ("",))
    scale = SCALES[match["scale"]] if match["scale"] else None
    number = _to_decimal(match["number"], english=bool(scale and scale.english))
    words = match["number"][0].isalpha()
    if not consistent or number is None or (scale is None and (currency is None or words)):
        return None
    money = Money(_tidy(number * _factor(scale)), currency, _qualifier(match))
    return money if _stands_alone(match, money, scale is not None, match["name"]) else None


def _is_range(match: re.Match) -> bool:
    """'zwischen ... und/bis ...' or '... bis/- ...'; 'und' alone lists two amounts."""
    joiner = match["joiner"] or match["dash"]
    return joiner in ("und", "bis") if match["between"] else joiner != "und"


def _range_money(match: re.Match) -> Money | None:
    consistent, currency = _currency(match, ("low_", "high_"))
    low_scale = SCALES[match["low_scale"]] if match["low_scale"] else None
    high_scale = SCALES[match["high_scale"]] if match["high_scale"] else None
    # "5 bis 6 Mrd." shares the scale; "5 Mrd. bis 2030" is no range.
    if not consistent or not _is_range(match) or (low_scale and not high_scale):
        return None
    low_scale = low_scale or high_scale
    words = match["low_number"][0].isalpha() or match["high_number"][0].isalpha()
    if high_scale is None and (currency is None or words):
        return None
    english = bool(high_scale and (high_scale.english or low_scale.english))
    low = _to_decimal(match["low_number"], english=english)
    high = _to_decimal(match["high_number"], english=english)
    if low is None or high is None:
        return None
    low, high = low * _factor(low_scale), high * _factor(high_scale)
    if not low < high:
        return None
    money = Money(_tidy(low), currency, "range", _tidy(high))
    return money if _stands_alone(match, money, high_scale is not None, match["high_name"]) else None


def _single_percent(match: re.Match) -> Percent | None:
    value = _to_decimal(match["number"], english=False)
    return None if value is None else Percent(_tidy(value), _qualifier(match))


def _range_percent(match: re.Match) -> Percent | None:
    low = _to_decimal(match["low_number"], english=False)
    high = _to_decimal(match["high_number"], english=False)
    if low is None or high is None or not low < high or not _is_range(match):
        return None
    return Percent(_tidy(low), "range")


# --- scanning -----------------------------------------------------------------

_Reading = tuple[re.Pattern, Callable[[re.Match], "Money | Percent | None"]]
_MONEY_READINGS: tuple[_Reading, ...] = ((RANGE_AMOUNT, _range_money), (SINGLE_AMOUNT, _single_money))
_PERCENT_READINGS: tuple[_Reading, ...] = (
    (RANGE_PERCENT, _range_percent), (SINGLE_PERCENT, _single_percent),
)


class _Hit(NamedTuple):
    start: int
    end: int
    value: Money | Percent


def _read_at(text: str, position: int, readings: tuple[_Reading, ...]) -> _Hit | None:
    """The first reading (range before single) that matches at ``position`` and makes sense."""
    for pattern, read in readings:
        if (match := pattern.match(text, position)) and (value := read(match)) is not None:
            if isinstance(value, Money) and max(value.value, value.upper or 0) > MAX_AMOUNT:
                return None
            return _Hit(match.start(), match.end(), value)
    return None


def _next_hit(text: str, position: int, readings: tuple[_Reading, ...]) -> _Hit | None:
    starts = _candidate_starts(text)
    for start in starts[bisect_left(starts, position):]:
        if hit := _read_at(text, start, readings):
            return hit
        # That start made no sense ("2025 - 5 Mrd."); a later one may ("5 Mrd.").
    return None


@lru_cache(maxsize=1)
def _candidate_starts(text: str) -> list[int]:
    """Every position where ``CANDIDATE`` matches, overlapping ones too: the amounts and the
    percentages of a text are read from the same scan."""
    return [match.start() for match in _AT_CANDIDATE.finditer(text)]


def _equivalent_after(text: str, money: Money, end: int) -> tuple[_Hit, int] | None:
    """The amount in "(5,5 Milliarden USD)" right after ``end``, and where its bracket ends."""
    opening = EQUIVALENT_OPEN.match(text, end)
    if opening is None or money.currency is None:
        return None
    hit = _read_at(text, opening.end(), _MONEY_READINGS)
    if hit is None or hit.value.currency in (None, money.currency):
        return None
    closing = EQUIVALENT_CLOSE.match(text, hit.end)
    return (hit, closing.end()) if closing else None


def find_amounts(text: str) -> list[tuple[int, int, Money]]:
    """Every monetary amount in ``text`` as (start, end, Money), in text order.

    The span includes a leading qualifier ("rund 6,8 Milliarden USD") and a
    whole range ("zwischen 5 und 6 Milliarden Euro"). In "40 Milliarden Yuan
    (5,5 Milliarden USD)" both amounts are returned and the first one's
    ``equivalent`` is the second.
    """
    found: list[tuple[int, int, Money]] = []
    position = 0
    while hit := _next_hit(text, position, _MONEY_READINGS):
        position = hit.end
        if linked := _equivalent_after(text, hit.value, hit.end):
            equivalent, _ = linked
            found.append((hit.start, hit.end, replace(hit.value, equivalent=equivalent.value)))
            found.append(tuple(equivalent))
            position = equivalent.end
        else:
            found.append(tuple(hit))
    return found


def find_percents(text: str) -> list[tuple[int, int, Percent]]:
    """Every percentage in ``text`` as (start, end, Percent), qualifier included."""
    found: list[tuple[int, int, Percent]] = []
    position = 0
    while hit := _next_hit(text, position, _PERCENT_READINGS):
        found.append(tuple(hit))
        position = hit.end
    return found


def parse_money(text: str) -> Money:
    """The amount that ``text`` consists of: "über 12 Milliarden USD" -> Money(12e9, "USD", "over").

    Text of the form "40 Milliarden Yuan (5,5 Milliarden USD)" gives the first
    amount with the second as its ``equivalent``. Raises ``ValueError`` when
    ``text`` (surrounding spaces aside) is not exactly one amount.
    """
    stripped = text.strip()
    hit = _read_at(stripped, 0, _MONEY_READINGS)
    if hit is not None and hit.end == len(stripped):
        return hit.value
    if hit is not None and (linked := _equivalent_after(stripped, hit.value, hit.end)):
        equivalent, bracket_end = linked
        if bracket_end == len(stripped) and stripped.endswith(")"):
            return replace(hit.value, equivalent=equivalent.value)
    raise ValueError(f"not a monetary amount: {text!r}")


def parse_percent(text: str) -> Percent:
    """The percentage that ``text`` consists of: "Etwa 60 %" -> Percent(60, "about").

    Raises ``ValueError`` when ``text`` is not exactly one percentage.
    """
    stripped = text.strip()
    hit = _read_at(stripped, 0, _PERCENT_READINGS)
    if hit is None or hit.end != len(stripped):
        raise ValueError(f"not a percentage: {text!r}")
    return hit.value


# --- spaCy component ------------------------------------------------------------


class MoneyRecognizer:
    """Labels amounts MONEY and percentages PERCENT, overriding overlapping entities.

    The spans go to ``doc.spans["newsgraph_money"]`` and ``doc.ents``, with the
    parsed value in ``span._.money`` / ``span._.percent``. Entities already set
    that overlap none of them are kept. Registered as ``newsgraph_money`` in
    ``pipeline.extract.nlp``.
    """

    def __init__(self, nlp: Language, name: str = "newsgraph_money"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find_spans(doc))
        return doc

    def find_spans(self, doc: Doc) -> list[Span]:
        """MONEY and PERCENT spans, expanded to token boundaries, values attached."""
        spans, text = [], doc.text  # Doc.text joins the tokens anew on every access
        for label, extension, found in (
            ("MONEY", "money", find_amounts(text)),
            ("PERCENT", "percent", find_percents(text)),
        ):
            for start, end, value in found:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    setattr(span._, extension, value)
                    spans.append(span)
        return sorted(spans, key=lambda span: (span.start, span.end))

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.spans[SPANS_KEY] = spans
        amounts = filter_spans(spans)
        taken = {i for span in amounts for i in range(span.start, span.end)}
        kept = [ent for ent in doc.ents if taken.isdisjoint(range(ent.start, ent.end))]
        doc.ents = sorted([*amounts, *kept], key=lambda span: span.start)
