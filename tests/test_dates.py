"""Tests for pipeline.extract.dates: publication dates, event dates in German sentences, periods."""

import datetime as dt

import pytest

from pipeline.core.records import Article, Relation
from pipeline.extract.dates import EventDate, date_label, event_date, parse_period, period_end, publication_date
from pipeline.run.extraction import with_dates

PUBLISHED = dt.date(2025, 1, 22)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "label", "precision", "text"),
    [
        ("Der Vertrag wurde im März 2025 unterschrieben.", "2025-03", "month", "im März 2025"),
        ("Das neue Werk soll bis 2025 fertig sein.", "2025", "year", "bis 2025"),
        ("Seit 2023 beliefert der Hersteller den Autokonzern.", "2023", "year", "Seit 2023"),
        ("Der Konzern will im Laufe dieses Jahres 3 Milliarden Euro investieren.", "2025", "year",
         "im Laufe dieses Jahres"),
        ("Der Umsatz hatte sich im Vorjahr verdoppelt.", "2024", "year", "im Vorjahr"),
        ("Im vergangenen Jahr kaufte die Firma zwei Start-ups.", "2024", "year", "Im vergangenen Jahr"),
        ("Die Zahlen für Q3 2024 lagen über den Erwartungen.", "2024-Q3", "quarter", "Q3 2024"),
        ("Im dritten Quartal 2024 stieg der Gewinn um 12 Prozent.", "2024-Q3", "quarter", "Im dritten Quartal 2024"),
        ("Im 4. Quartal 2023 brach die Nachfrage ein.", "2023-Q4", "quarter", "Im 4. Quartal 2023"),
        ("Im zweiten Quartal sollen die ersten Chips ausgeliefert werden.", "2025-Q2", "quarter",
         "Im zweiten Quartal"),
        ("Sabine Keller übernimmt am 5. Mai die Leitung des Werks.", "2025-05-05", "day", "am 5. Mai"),
        ("Der Kauf wurde am 12. März 2024 in Walldorf besiegelt.", "2024-03-12", "day", "am 12. März 2024"),
        ("Die Fabrik öffnet am 03.11.2025 ihre Tore.", "2025-11-03", "day", "am 03.11.2025"),
        ("Anfang 2026 soll die Fertigung in Dresden beginnen.", "2026-Q1", "quarter", "Anfang 2026"),
        ("Bis Ende des Jahres will die Bank 500 Stellen abbauen.", "2025-Q4", "quarter", "Bis Ende des Jahres"),
        ("Mitte 2027 soll das Rechenzentrum laufen.", "2027", "year", "Mitte 2027"),
        ("Die Übernahme wurde 2024 abgeschlossen.", "2024", "year", "2024"),
        ("Im kommenden Jahr will der Versender expandieren.", "2026", "year", "Im kommenden Jahr"),
        ("Vor zwei Jahren hatte die Bank die Sparte gekauft.", "2023", "year", "Vor zwei Jahren"),
        ("Im laufenden Quartal rechnet die Firma mit weniger Umsatz.", "2025-Q1", "quarter", "Im laufenden Quartal"),
        ("Wie der Konzern am Freitag mitteilte, sinkt der Gewinn.", "2025-01-17", "day", "am Freitag"),
        ("Wie der Konzern am Mittwochabend mitteilte, sinkt der Gewinn.", "2025-01-22", "day", "am Mittwochabend"),
        ("Der Vorstand hatte gestern zugestimmt.", "2025-01-21", "day", "gestern"),
    ],
)
def test_each_form_resolves_against_the_publication_date(sentence, label, precision, text):
    found = event_date(sentence, PUBLISHED)
    assert found is not None, sentence
    assert (found.label, found.precision, found.text) == (label, precision, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Konzern will im Laufe dieses Jahres investieren.",
        "Der Umsatz hatte sich im Vorjahr verdoppelt.",
        "Sie übernimmt am 5. Mai die Leitung.",
        "Wie der Konzern am Freitag mitteilte, sinkt der Gewinn.",
        "Im zweiten Quartal sollen Chips ausgeliefert werden.",
        "Bis Ende des Jahres will die Bank Stellen abbauen.",
    ],
)
def test_relative_forms_need_a_publication_date(sentence):
    assert event_date(sentence, None) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Auftrag hat ein Volumen von 7,5 Mrd. Euro.",
        "Das Werk beschäftigt rund 2000 Mitarbeiter.",
        "Der Kauf umfasst rund 1.200 Beschäftigte.",
        "Die Anlage kostet 2025 Euro pro Stunde.",
        "Die Firma verkauft Chips an Autobauer.",
    ],
)
def test_amounts_and_counts_are_not_dates(sentence):
    assert event_date(sentence, PUBLISHED) is None


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # the event's date, not the day it was announced
        ("Die Firma übernimmt zum 1. Juli die Sparte, wie sie am Freitag mitteilte.", "2025-07-01"),
        # the first date named wins
        ("Das Unternehmen will bis 2025 40 Milliarden Yuan investieren, doppelt so viel wie im Vorjahr.", "2025"),
    ],
)
def test_which_date_wins_when_a_sentence_names_several(sentence, label):
    assert event_date(sentence, PUBLISHED).label == label


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Titel\n\nText ohne Datum.", "2025-01-22", dt.date(2025, 1, 22)),
        ("Titel\n\nText ohne Datum.", "2025-01-22T09:30:00+01:00", dt.date(2025, 1, 22)),
        ("Titel\n\nText ohne Datum.", "22.01.2025", dt.date(2025, 1, 22)),
        ("Titel\n\nBerlin, 12. März 2025 – Die Firma kauft Chips.", None, dt.date(2025, 3, 12)),
        ("Titel\n12.03.2025 | Redaktion\nDie Firma kauft Chips.", None, dt.date(2025, 3, 12)),
        ("Titel\nStand: 2025-03-12\nDie Firma kauft Chips.", None, dt.date(2025, 3, 12)),
        ("Titel\n\nMünchen, Mittwoch, 5. Februar 2025 (Agentur) - Die Firma kauft.", None, dt.date(2025, 2, 5)),
        ("Titel\n\nDie Firma kauft am 12. März 2025 Chips.", None, None),  # an event date, not a dateline
        ("Titel\n\nText ohne Datum.", None, None),
    ],
)
def test_publication_date_from_metadata_or_dateline(text, published, expected):
    assert publication_date(Article("id", text, "test.txt", published=published)) == expected


@pytest.mark.parametrize(
    ("text", "start", "precision", "end"),
    [
        ("2025", dt.date(2025, 1, 1), "year", dt.date(2025, 12, 31)),
        ("2025-03", dt.date(2025, 3, 1), "month", dt.date(2025, 3, 31)),
        ("2024-Q4", dt.date(2024, 10, 1), "quarter", dt.date(2024, 12, 31)),
        ("2024-02-29", dt.date(2024, 2, 29), "day", dt.date(2024, 2, 29)),
        ("März 2025", dt.date(2025, 3, 1), "month", dt.date(2025, 3, 31)),
        ("12.03.2025", dt.date(2025, 3, 12), "day", dt.date(2025, 3, 12)),
    ],
)
def test_parse_period_and_period_end(text, start, precision, end):
    period = parse_period(text)
    assert (period.date, period.precision) == (start, precision)
    assert period_end(period.date, period.precision) == end
    if "-" in text or text.isdigit():
        assert date_label(period.date, period.precision) == text


@pytest.mark.parametrize("text", ["gestern", "bald", "2025-13", "2025-02-30", ""])
def test_parse_period_rejects_what_is_no_absolute_period(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_event_date_is_a_frozen_record():
    found = EventDate(dt.date(2025, 3, 1), "month", "im März")
    with pytest.raises(AttributeError):
        found.precision = "day"


@pytest.mark.parametrize(
    ("evidence", "published", "expected"),
    [
        ("Der Konzern will bis 2029 investieren.", PUBLISHED, ("2029-01-01", "year", "bis 2029", "2025-01-22")),
        ("Der Konzern kauft Chips.", PUBLISHED, ("2025-01-22", "day", None, "2025-01-22")),
        ("Der Konzern will bis 2029 investieren.", None, ("2029-01-01", "year", "bis 2029", None)),
        ("Der Konzern kauft Chips im Vorjahr.", None, (None, None, None, None)),
    ],
)
def test_batch_dates_each_relation_from_its_sentence_else_the_publication_date(evidence, published, expected):
    relation = with_dates(Relation("PURCHASE", {"buyer": "A", "vendor": "B"}, evidence, 0, len(evidence), 0.9),
                          published)
    assert (relation.event_date, relation.date_precision, relation.date_text, relation.reported) == expected
