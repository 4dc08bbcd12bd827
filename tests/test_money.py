"""Tests for pipeline.extract.money: parsing, scanning and the spaCy component."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

import pipeline.extract.nlp
from conftest import SHARED_SAMPLES as SAMPLES
from pipeline.core.records import Money, Percent
from pipeline.extract.money import (
    CURRENCY_NAMES,
    CURRENCY_SIGNS,
    MAX_AMOUNT,
    QUALIFIERS,
    SCALES,
    SPANS_KEY,
    find_amounts,
    find_percents,
    parse_money,
    parse_percent,
)

E = Decimal  # short for the table below

# surface, value, currency, qualifier, upper
MONEY_CASES = [
    ("12 Milliarden USD", E("12e9"), "USD", None, None),
    ("5,5 Mrd. Euro", E("5.5e9"), "EUR", None, None),
    ("1,2 Mio. €", E("1.2e6"), "EUR", None, None),
    ("€ 3,5 Millionen", E("3.5e6"), "EUR", None, None),
    ("$40 billion", E("40e9"), "USD", None, None),
    ("$1.5 billion", E("1.5e9"), "USD", None, None),
    ("$ 2,5 trillion", E("2.5e12"), "USD", None, None),
    ("US$ 300 million", E("300e6"), "USD", None, None),
    ("40 Milliarden Yuan", E("40e9"), "CNY", None, None),
    ("2 Billionen Yen", E("2e12"), "JPY", None, None),
    ("1.500 Euro", E(1500), "EUR", None, None),
    ("1.500.000 Euro", E(1500000), "EUR", None, None),
    ("2,35 Euro", E("2.35"), "EUR", None, None),
    ("knapp 700 Millionen Franken", E("700e6"), "CHF", "almost", None),
    ("über 12 Milliarden USD", E("12e9"), "USD", "over", None),
    ("Über 3 Mrd. Dollar", E("3e9"), "USD", "over", None),
    ("mehr als 250 Mio. US-Dollar", E("250e6"), "USD", "over", None),
    ("rund 6,8 Milliarden USD", E("6.8e9"), "USD", "about", None),
    ("etwa 4 Mrd. Euro", E("4e9"), "EUR", "about", None),
    ("ca. 80 Mio. €", E("80e6"), "EUR", "about", None),
    ("circa 1,1 Milliarden Euro", E("1.1e9"), "EUR", "about", None),
    ("ungefähr 900 Tsd. Euro", E("900e3"), "EUR", "about", None),
    ("fast 2 Milliarden Pfund", E("2e9"), "GBP", "almost", None),
    ("beinahe 15 Mio. CHF", E("15e6"), "CHF", "almost", None),
    ("bis zu 7,5 Milliarden Euro", E("7.5e9"), "EUR", "up_to", None),
    ("mindestens 3 Mrd. Yuan", E("3e9"), "CNY", "at_least", None),
    ("weniger als 500 Millionen Rupien", E("500e6"), "INR", "under", None),
    ("unter 10 Mio. Euro", E("10e6"), "EUR", "under", None),
    ("zwischen 5 und 6 Milliarden", E("5e9"), None, "range", E("6e9")),
    ("zwischen 5 und 6 Milliarden Euro", E("5e9"), "EUR", "range", E("6e9")),
    ("5 bis 6 Mrd. Euro", E("5e9"), "EUR", "range", E("6e9")),
    ("5-6 Mrd. Euro", E("5e9"), "EUR", "range", E("6e9")),
    ("2,5 – 3 Mio. Dollar", E("2.5e6"), "USD", "range", E("3e6")),
    ("500 Millionen bis 1 Milliarde Euro", E("500e6"), "EUR", "range", E("1e9")),
    ("zwischen 5 Millionen Euro und 6 Millionen Euro", E("5e6"), "EUR", "range", E("6e6")),
    ("ein bis zwei Milliarden Dollar", E("1e9"), "USD", "range", E("2e9")),
    ("eine Milliarde US-Dollar", E("1e9"), "USD", None, None),
    ("Zwei Millionen Euro", E("2e6"), "EUR", None, None),
    ("12-Milliarden-Dollar", E("12e9"), "USD", None, None),
    ("3 Milliarden RMB", E("3e9"), "CNY", None, None),
    ("10 Mrd. Renminbi", E("10e9"), "CNY", None, None),
    ("CNY 2 Mrd.", E("2e9"), "CNY", None, None),
    ("¥ 500 Mio.", E("500e6"), "JPY", None, None),
    ("80 Milliarden japanische Yen", E("80e9"), "JPY", None, None),
    ("CHF 1,2 Mio.", E("1.2e6"), "CHF", None, None),
    ("3 Mio. Schweizer Franken", E("3e6"), "CHF", None, None),
    ("£ 40 Mio.", E("40e6"), "GBP", None, None),
    ("2 Milliarden britische Pfund", E("2e9"), "GBP", None, None),
    ("7 Mio. GBP", E("7e6"), "GBP", None, None),
    ("5 Billionen Won", E("5e12"), "KRW", None, None),
    ("1.200 Milliarden Rupien", E("1.2e12"), "INR", None, None),
    ("30 Milliarden Taiwan-Dollar", E("30e9"), "TWD", None, None),
    ("NT$ 12 Mrd.", E("12e9"), "TWD", None, None),
    ("4 Mrd. Hongkong-Dollar", E("4e9"), "HKD", None, None),
    ("600 Millionen kanadische Dollar", E("600e6"), "CAD", None, None),
    ("2 Milliarden australischen Dollar", E("2e9"), "AUD", None, None),
    ("100 Milliarden Rubel", E("100e9"), "RUB", None, None),
    ("9 Mrd. schwedische Kronen", E("9e9"), "SEK", None, None),
    ("5 Mrd. $", E("5e9"), "USD", None, None),
    ("1 Bio. Euro", E("1e12"), "EUR", None, None),
    ("750 Mio", E("750e6"), None, None, None),
    ("20 Mrd EUR", E("20e9"), "EUR", None, None),
    ("EUR 1.250.000", E(1250000), "EUR", None, None),
    ("3,5 Tausend Euro", E(3500), "EUR", None, None),
    ("2,5 Mill. Euro", E("2.5e6"), "EUR", None, None),
    ("1.5 Milliarden Euro", E("1.5e9"), "EUR", None, None),
    ("$1,200 million", E("1.2e9"), "USD", None, None),
    ("$5bn", E("5e9"), "USD", None, None),
    ("  über 12 Milliarden USD  ", E("12e9"), "USD", "over", None),
    ("99 Euro", E(99), "EUR", None, None),
    ("0,5 Mrd. Euro", E("0.5e9"), "EUR", None, None),
    ("12,5 Mrd.\u00a0€", E("12.5e9"), "EUR", None, None),
]

# surface, value, qualifier
PERCENT_CASES = [
    ("Etwa 60 %", E(60), "about"),
    ("60 %", E(60), None),
    ("60%", E(60), None),
    ("12,5 Prozent", E("12.5"), None),
    ("rund 3 Prozent", E(3), "about"),
    ("mehr als 50 Prozent", E(50), "over"),
    ("knapp 20 %", E(20), "almost"),
    ("bis zu 49 Prozent", E(49), "up_to"),
    ("mindestens 25,1 %", E("25.1"), "at_least"),
    ("unter 5 %", E(5), "under"),
    ("zwischen 5 und 6 Prozent", E(5), "range"),
    ("10 bis 15 %", E(10), "range"),
    ("zehn Prozent", E(10), None),
    ("0,25 %", E("0.25"), None),
]


@pytest.mark.parametrize(("surface", "value", "currency", "qualifier", "upper"), MONEY_CASES)
def test_parse_money(surface, value, currency, qualifier, upper):
    money = parse_money(surface)
    assert (money.value, money.currency, money.qualifier, money.upper) == (
        value, currency, qualifier, upper,
    )
    assert money.equivalent is None


def test_parse_money_value_is_a_plain_full_number():
    assert str(parse_money("5,5 Milliarden USD").value) == "5500000000"
    assert str(parse_money("2,35 Euro").value) == "2.35"


@pytest.mark.parametrize(("surface", "value", "qualifier"), PERCENT_CASES)
def test_parse_percent(surface, value, qualifier):
    assert parse_percent(surface) == Percent(value, qualifier)


def test_parse_money_links_a_parenthetical_equivalent():
    money = parse_money("40 Milliarden Yuan (5,5 Milliarden USD)")
    assert money == Money(E("40e9"), "CNY", equivalent=Money(E("5.5e9"), "USD"))


@pytest.mark.parametrize(
    "text",
    [
        "", "12", "2025", "im Jahr 2025", "Drittanbieter", "5 Millionen Nutzer",
        "12 Milliarden USD investieren", "Milliarden Euro", "zwei Euro",
        "12.03.2025", "$5 Mrd. USD", "rund", "5 und 6 Milliarden Euro",
    ],
)
def test_parse_money_rejects_what_is_not_one_amount(text):
    with pytest.raises(ValueError, match="not a monetary amount"):
        parse_money(text)


@pytest.mark.parametrize("text", ["60", "Prozentpunkte", "3 Prozentpunkte", "60 % der Aufträge"])
def test_parse_percent_rejects_what_is_not_one_percentage(text):
    with pytest.raises(ValueError, match="not a percentage"):
        parse_percent(text)


# --- scanning whole sentences -----------------------------------------------------

# sentence, expected surfaces in order
SENTENCES = [
    (
        "Der Konzern will über 12 Milliarden USD in Rechenzentren stecken.",
        ["über 12 Milliarden USD"],
    ),
    (
        "Bis 2025 sollen 40 Milliarden Yuan (5,5 Milliarden USD) in die Fertigung fließen.",
        ["40 Milliarden Yuan", "5,5 Milliarden USD"],
    ),
    (
        "Im Jahr 2025 investiert die Firma rund 6,8 Milliarden USD im Ausland.",
        ["rund 6,8 Milliarden USD"],
    ),
    (
        "Die Kosten liegen zwischen 5 und 6 Milliarden Euro, teilte der Vorstand mit.",
        ["zwischen 5 und 6 Milliarden Euro"],
    ),
    (
        "Der Umsatz stieg von 5,5 Mrd. Euro auf 6,1 Mrd. Euro.",
        ["5,5 Mrd. Euro", "6,1 Mrd. Euro"],
    ),
    (
        "Analysten erwarten 5 bis 6 Mrd. Euro Gewinn und einen Preis von 1.500 Euro je Gerät.",
        ["5 bis 6 Mrd. Euro", "1.500 Euro"],
    ),
    (
        "Für knapp 700 Millionen Franken übernimmt die Bank einen Drittanbieter aus Zug.",
        ["knapp 700 Millionen Franken"],
    ),
    (
        "Der Rivale meldete $40 billion Umsatz, während die Dienste 5 Millionen Nutzer zählen.",
        ["$40 billion"],
    ),
    (
        "Ein 12-Milliarden-Dollar-Auftrag ging am 12.03.2025 an den Hersteller.",
        ["12-Milliarden-Dollar"],
    ),
    (
        "Die Regierung stellt 2 Billionen Yen bereit; 2025 Euro-Anleihen sind nicht betroffen.",
        ["2 Billionen Yen"],
    ),
    (
        "Das Budget beträgt zwischen 5 und 6 Milliarden.\nNeue Zahlen folgen.",
        ["zwischen 5 und 6 Milliarden"],
    ),
    (
        "Etwa 1,2 Mio. € (umgerechnet 1,3 Mio. Dollar) flossen an Covid-19 Projekte.",
        ["Etwa 1,2 Mio. €", "1,3 Mio. Dollar"],
    ),
]


@pytest.mark.parametrize(("sentence", "surfaces"), SENTENCES)
def test_find_amounts_in_sentences(sentence, surfaces):
    found = find_amounts(sentence)
    assert [sentence[start:end] for start, end, _ in found] == surfaces
    for start, end, money in found:
        assert replace(money, equivalent=None) == parse_money(sentence[start:end])


def test_find_amounts_links_the_parenthetical_equivalent():
    sentence = "Geplant sind 40 Milliarden Yuan (5,5 Milliarden USD) für Chips."
    (_, _, first), (start, end, second) = find_amounts(sentence)
    assert sentence[start:end] == "5,5 Milliarden USD"
    assert first.equivalent == second == Money(E("5.5e9"), "USD")
    assert (first.value, first.currency) == (E("40e9"), "CNY")


@pytest.mark.parametrize(
    "text",
    [
        "Im Jahr 2025 wuchs der Markt um 12 Punkte.",
        "Am 12.03.2025 um 14.30 Uhr kamen 5 Millionen Menschen und 300 Tausend Besucher.",
        "Drittanbieter liefern seit 2019 Chips, Version 17.5 folgt.",
        "Covid-19 Milliarden und Seite 5 und 6 Milliarden Sterne.",
        "Die 100-Dollar-Scheine und 2025 Euro-Anleihen.",
        "Millionen Euro flossen, ein paar Mrd. ebenso.",
        "Sie teilte 2024-2025 mit, es seien 3 Prozentpunkte mehr.",
    ],
)
def test_no_false_positives(text):
    assert find_amounts(text) == []
    assert find_percents(text) == []


def test_find_percents_in_a_sentence():
    sentence = "Etwa 60 % der Aufträge gehen an Lieferanten, 12,5 Prozent ins Ausland."
    found = find_percents(sentence)
    assert [(sentence[s:e], p) for s, e, p in found] == [
        ("Etwa 60 %", Percent(E(60), "about")),
        ("12,5 Prozent", Percent(E("12.5"))),
    ]


def test_sample_article_amounts():
    article = SAMPLES / "bytedance-ai-chips.de.txt"
    if not article.exists():
        pytest.skip(f"reference sample not found at {SAMPLES}")
    text = article.read_text(encoding="utf-8")
    expected = json.loads((SAMPLES / "bytedance-ai-chips.de.expected.json").read_text("utf-8"))
    found = [
        (text[s:e], m.value, m.currency, m.qualifier, text.count("\n", 0, s) + 1)
        for s, e, m in find_amounts(text)
    ]
    assert found == [
        (x["surface"], E(x["value"]), x["currency"], x["qualifier"], x["line"])
        for x in expected["money"]
    ]
    percents = [(text[s:e], p.value, p.qualifier) for s, e, p in find_percents(text)]
    assert percents == [(x["surface"], E(x["value"]), x["qualifier"]) for x in expected["percentages"]]


# --- properties ------------------------------------------------------------------

GERMAN_SCALES = [s for s, scale in SCALES.items() if not scale.english]
ENGLISH_SCALES = [s for s, scale in SCALES.items() if scale.english]
NAMES = [(surface, code) for code, surfaces in CURRENCY_NAMES.items() for surface in surfaces]
SIGNS = [(surface, code) for code, surfaces in CURRENCY_SIGNS.items() for surface in surfaces]
def numbers(at_most: Decimal = Decimal(999_999_999)) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=min(at_most, Decimal(999_999_999)), places=2, allow_nan=False)


def german_notation(number: Decimal) -> str:
    whole, _, fraction = f"{number:.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{grouped},{fraction}" if fraction else grouped


def english_notation(number: Decimal) -> str:
    return f"{number:,.2f}".rstrip("0").rstrip(".")


@st.composite
def amounts(draw) -> tuple[str, Money]:
    """A German amount surface and the Money it stands for."""
    english = draw(st.booleans())
    scale = draw(st.sampled_from(ENGLISH_SCALES if english else [None, *GERMAN_SCALES]))
    factor = SCALES[scale].factor if scale else 1
    number = draw(numbers(MAX_AMOUNT / factor))
    text = english_notation(number) if english else german_notation(number)
    if scale is None and "," in text:  # no scale word: make it a German thousands grouping
        text = german_notation(number.to_integral_value())
        number = number.to_integral_value()
    if draw(st.booleans()):
        sign, code = draw(st.sampled_from(SIGNS))
        space = " " if sign[-1].isalpha() else draw(st.sampled_from(["", " "]))
        surface = f"{sign}{space}{text}" + (f" {scale}" if scale else "")
    else:
        name, code = draw(st.sampled_from(NAMES))
        surface = f"{text} {scale} {name}" if scale else f"{text} {name}"
    return surface, Money(number * factor, code)


@given(amounts())
def test_formatted_amounts_parse_back(amount):
    surface, money = amount
    assert parse_money(surface) == money


@given(amounts(), st.sampled_from(sorted(QUALIFIERS)), st.booleans())
def test_a_qualifier_changes_only_the_qualifier(amount, qualifier, capital):
    surface, money = amount
    lead = qualifier[0].upper() + qualifier[1:] if capital else qualifier
    assert parse_money(f"{lead} {surface}") == replace(money, qualifier=QUALIFIERS[qualifier])


@given(amounts())
def test_an_amount_in_a_sentence_is_found_exactly(amount):
    surface, money = amount
    sentence = f"Laut Bericht will die Firma im Jahr 2025 {surface} investieren."
    start = sentence.index(surface)
    assert find_amounts(sentence) == [(start, start + len(surface), money)]


fragments = st.sampled_from(
    [
        "im Jahr", "2025", "12", "1.500", "5,5", "Mrd.", "Milliarden", "Millionen", "Euro",
        "USD", "$", "€", "(", ")", "-", "bis", "und", "zwischen", "über", "rund", "Nutzer",
        "Drittanbieter", "%", "Prozent", "eine", ".", ",", "12.03.2025", "billion", "Yuan",
    ]
)


@given(st.lists(fragments, max_size=12), st.lists(st.sampled_from([" ", "", "\n"]), min_size=12, max_size=12))
def test_found_spans_always_parse(words, gaps):
    text = "".join(word + gap for word, gap in zip(words, gaps))
    for start, end, money in find_amounts(text):
        assert parse_money(text[start:end]) == replace(money, equivalent=None)
    for start, end, percent in find_percents(text):
        assert parse_percent(text[start:end]) == percent


@given(st.text(alphabet="0123456789 .,-–()$€%MrdioEuUSDbisundzwPt\n", max_size=40))
def test_scanning_arbitrary_text_never_fails(text):
    for start, end, money in find_amounts(text):
        assert parse_money(text[start:end]) == replace(money, equivalent=None)
    for start, end, percent in find_percents(text):
        assert parse_percent(text[start:end]) == percent


# --- spaCy component -------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    pipeline.extract.nlp.add_compound_splitting(nlp)
    nlp.add_pipe("newsgraph_money")
    return nlp


def test_component_labels_money_and_percent(nlp):
    doc = nlp("ByteDance will über 12 Milliarden USD investieren. Etwa 60 % gehen nach China.")
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("über 12 Milliarden USD", "MONEY"),
        ("Etwa 60 %", "PERCENT"),
    ]
    money, percent = doc.ents
    assert money._.money == Money(E("12e9"), "USD", "over")
    assert money._.percent is None
    assert percent._.percent == Percent(E(60), "about")
    assert [span.text for span in doc.spans[SPANS_KEY]] == ["über 12 Milliarden USD", "Etwa 60 %"]


def test_component_keeps_the_equivalent_link(nlp):
    doc = nlp("Bis 2025 fließen 40 Milliarden Yuan (5,5 Milliarden US-Dollar) in Chips.")
    first, second = doc.ents
    assert (first.text, second.text) == ("40 Milliarden Yuan", "5,5 Milliarden US-Dollar")
    assert first._.money.equivalent == second._.money


def test_component_expands_hyphen_compounds_to_tokens(nlp):
    doc = nlp("Ein 12-Milliarden-Dollar-Auftrag ging an Nvidia.")
    (ent,) = doc.ents
    assert ent.text == "12-Milliarden-Dollar"
    assert ent._.money == Money(E("12e9"), "USD")


def test_component_overrides_overlapping_entities():
    nlp = spacy.blank("de")
    pipeline.extract.nlp.add_compound_splitting(nlp)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "ByteDance"},
            {"label": "MISC", "pattern": [{"TEXT": "USD"}, {"TEXT": "im"}]},
        ]
    )
    nlp.add_pipe("newsgraph_money")
    doc = nlp("ByteDance investiert rund 6,8 Milliarden USD im Ausland.")
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("ByteDance", "ORG"),
        ("rund 6,8 Milliarden USD", "MONEY"),
    ]


def test_component_through_nlp_pipe(nlp):
    texts = ["Der Umsatz lag bei 1.500 Euro.", "Keine Zahlen im Jahr 2025.", "Rund 3 Prozent mehr."]
    docs = list(nlp.pipe(texts))
    assert [[ent._.money or ent._.percent for ent in doc.ents] for doc in docs] == [
        [Money(E(1500), "EUR")],
        [],
        [Percent(E(3), "about")],
    ]


@pytest.mark.parametrize("text", ["3" * 43 + " %", "3" * 43 + " Milliarden Euro", "3" * 30 + ",5 Prozent",
                                  "Bestellnummer 1234567890123456789 Euro"])
def test_a_run_of_more_than_fifteen_digits_is_no_amount(text):
    """Found by the atheris harness: 43 digits before "%" made Decimal.quantize raise."""
    assert find_amounts(text) == [] and find_percents(text) == []


@pytest.mark.parametrize("text", ["1.000.000.000.000 Billionen Euro", "20.000 Billionen Yen", "zwischen 5 und 10.001.000 "
                                  "Milliarden Dollar", "$20,000 trillion"])
def test_an_amount_over_ten_thousand_trillion_is_no_amount(text):
    assert find_amounts(f"Der Preis: {text}.") == []


def test_the_largest_sums_in_the_news_are_still_amounts():
    assert parse_money("1.300 Billionen Yen") == Money(Decimal("1300") * 10**12, "JPY")
    assert parse_money("10.000 Billionen Euro").value == MAX_AMOUNT


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("Der Kaufpreis liegt bei gut 1,3 Milliarden Euro.", "over"),  # "gut": a good 1.3 bn, so over
        ("Sie zahlt gut einer Milliarde Euro.", "over"),
        ("Der Konzern erhält einen Auftrag über 600 Millionen Euro.", None),  # "über": what the order is for
        ("Die KfW sagt eine Wandelanleihe über 600 Millionen Euro zu.", None),
        ("Der Umsatz lag bei über 600 Millionen Euro.", "over"),
        ("Das Start-up schloss eine Finanzierungsrunde über 42 Millionen Euro ab.", None),
        ("Er beteiligte sich an einer Kapitalerhöhung über 700 Millionen Dollar.", None),
        ("Die Bundeswehr plant einen ersten Abruf über 160 Millionen Euro.", None),
    ],
)
def test_gut_is_over_but_a_contract_over_an_amount_is_for_it(text, qualifier):
    ((_, _, money),) = find_amounts(text)
    assert money.qualifier == qualifier
