"""Tests for pipeline.apps.output.emit in every format."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest

from pipeline.apps.output import OutputFormat, emit
from pipeline.core.json_output import json_text, number
from pipeline.core.wording import plural

ROWS = [
    {"vendor": "Nvidia", "buyer": "ByteDance", "amount": Decimal("12000000000"), "currency": "USD", "item": "KI-Chips"},
    {"vendor": "Huawei", "buyer": "ByteDance", "amount": None, "currency": None, "item": "Prozessoren für Rechenzentren"},
    {"vendor": "Carl Zeiss", "buyer": "ASML", "amount": Decimal("1.5E+9"), "currency": "EUR", "item": "Spiegel (Öptik)"},
]


def _emit(rows, headers, fmt) -> str:
    out = io.StringIO()
    emit(rows, headers, fmt, file=out)
    return out.getvalue()


def test_table_aligns_columns_and_right_aligns_numbers():
    lines = _emit(ROWS, None, OutputFormat.table).splitlines()
    assert lines[0].split() == ["vendor", "buyer", "amount", "currency", "item"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["Nvidia", "ByteDance", "12000000000", "USD", "KI-Chips"]
    assert lines[4].split()[:4] == ["Carl", "Zeiss", "ASML", "1500000000"]
    amount_end = lines[2].index("12000000000") + len("12000000000")
    assert lines[4].index("1500000000") + len("1500000000") == amount_end
    assert lines[0].index("currency") == lines[2].index("USD") == lines[4].index("EUR")
    item_column = lines[0].index("item")
    assert [line[item_column:] for line in lines[2:]] == ["KI-Chips", "Prozessoren für Rechenzentren", "Spiegel (Öptik)"]


def test_table_flattens_line_breaks_in_cells():
    output = _emit([{"evidence": "Erster Satz.\nZweiter Satz."}], None, "table")
    assert output.splitlines()[2] == "Erster Satz. Zweiter Satz."


def test_csv_round_trips_through_the_csv_module():
    parsed = list(csv.reader(io.StringIO(_emit(ROWS, None, OutputFormat.csv))))
    assert parsed == [
        ["vendor", "buyer", "amount", "currency", "item"],
        ["Nvidia", "ByteDance", "12000000000", "USD", "KI-Chips"],
        ["Huawei", "ByteDance", "", "", "Prozessoren für Rechenzentren"],
        ["Carl Zeiss", "ASML", "1500000000", "EUR", "Spiegel (Öptik)"],
    ]


def test_tsv_uses_tabs():
    lines = _emit(ROWS, ["buyer", "vendor"], "tsv").splitlines()
    assert lines == ["buyer\tvendor", "ByteDance\tNvidia", "ByteDance\tHuawei", "ASML\tCarl Zeiss"]


def test_json_is_one_array_with_decimals_as_numbers_and_umlauts_kept():
    text = _emit(ROWS, None, OutputFormat.json)
    assert "für" in text and "\\u" not in text
    data = json.loads(text)
    assert data[0] == {"vendor": "Nvidia", "buyer": "ByteDance", "amount": 12000000000, "currency": "USD", "item": "KI-Chips"}
    assert isinstance(data[0]["amount"], int)
    assert data[1]["amount"] is None
    assert text.startswith("[\n  {")


def test_json_keeps_nested_values_and_csv_writes_them_as_json():
    relation = {"type": "PURCHASE", "roles": {"buyer": "ByteDance", "vendor": "Nvidia"}, "amount": {"value": Decimal("2.5"), "currency": "EUR"}}
    assert json.loads(_emit([relation], None, "json")) == [
        {"type": "PURCHASE", "roles": {"buyer": "ByteDance", "vendor": "Nvidia"}, "amount": {"value": 2.5, "currency": "EUR"}}
    ]
    row = list(csv.reader(io.StringIO(_emit([relation], None, "csv"))))[1]
    assert json.loads(row[1]) == {"buyer": "ByteDance", "vendor": "Nvidia"}


def test_list_values_are_joined_in_flat_formats():
    row = {"name": "Nvidia", "aliases": ["NVIDIA", "NVIDIA Corp."], "articles": ["a1", "b2"]}
    assert _emit([row], None, "csv").splitlines()[1] == 'Nvidia,"NVIDIA, NVIDIA Corp.","a1, b2"'


def test_list_rows_need_headers_and_become_objects_in_json():
    rows = [["Nvidia", Decimal("25.5"), True], ["Huawei", None, False]]
    assert json.loads(_emit(rows, ["name", "percent", "ask"], "json")) == [
        {"name": "Nvidia", "percent": 25.5, "ask": True},
        {"name": "Huawei", "percent": None, "ask": False},
    ]
    assert _emit(rows, ["name", "percent", "ask"], "csv").splitlines()[1:] == ["Nvidia,25.5,true", "Huawei,,false"]
    with pytest.raises(ValueError, match="headers"):
        _emit(rows, None, "csv")
    with pytest.raises(ValueError, match="2 values for 3 headers"):
        _emit([["Nvidia", 1]], ["name", "percent", "ask"], "csv")


def test_nl_writes_one_object_per_line():
    lines = _emit(ROWS, ["vendor", "amount"], OutputFormat.nl).splitlines()
    assert [json.loads(line) for line in lines] == [
        {"vendor": "Nvidia", "amount": 12000000000},
        {"vendor": "Huawei", "amount": None},
        {"vendor": "Carl Zeiss", "amount": 1500000000},
    ]


@pytest.mark.parametrize(("fmt", "expected"), [("json", "[]\n"), ("csv", "name\n"), ("nl", ""), ("table", "name\n----\n")])
def test_no_rows(fmt, expected):
    assert _emit([], ["name"], fmt) == expected


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        _emit(ROWS, None, "xml")


@pytest.mark.parametrize("count, words", [(0, "0 events"), (1, "1 event"), (2, "2 events")])
def test_plural_words_a_count(count, words):
    assert plural(count, "event") == words
    assert plural(count, "entity", "entities") == words.replace("events", "entities").replace("event", "entity")


def test_json_text_is_the_one_encoder_decimals_dates_sets_and_umlauts():
    value = {"amount": Decimal("12E+9"), "share": Decimal("2.5"), "day": datetime.date(2025, 3, 4),
             "names": {"b", "a"}, "text": "für"}
    assert json_text(value) == ('{"amount": 12000000000, "share": 2.5, "day": "2025-03-04", "names": ["a", "b"], '
                                '"text": "für"}')
    assert json_text([1], indent=2) == "[\n  1\n]"
    assert (number(Decimal("12E+9")), number(Decimal("2.50"))) == (12000000000, 2.5)
    assert isinstance(number(Decimal("3.0")), int)
