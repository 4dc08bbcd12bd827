"""Output: the one place that prints rows, in the format the user asked for.

``emit`` writes a list of rows (dicts, or lists with ``headers``) as an
aligned plain-text table, CSV, TSV, a JSON array or newline-delimited JSON.
Commands build rows and hand them over; they never format output
themselves. JSON (written by ``json_output.json_text``) keeps nested values (a relation's ``roles`` and
``amount``) as they are and writes Decimals as numbers; the flat formats
write a list of plain values joined by ", " and other nested values as
compact JSON. ``plural`` words a count for messages: "1 article", "2 articles".
"""

from __future__ import annotations

import csv
import datetime
import sys
from decimal import Decimal
from enum import Enum
from typing import Sequence, TextIO

from pipeline.core.json_output import json_text


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    nl = "nl"  # one JSON object per line


def emit(
    rows: Sequence[dict] | Sequence[Sequence],
    headers: Sequence[str] | None = None,
    fmt: OutputFormat | str = OutputFormat.table,
    *,
    file: TextIO | None = None,
) -> None:
    """Write ``rows`` to ``file`` (standard output by default) as ``fmt``.

    ``headers`` names and orders the columns; with dict rows it may be left
    out (the keys in first-seen order are used). Raises ``ValueError`` for an
    unknown format.
    """
    fmt = OutputFormat(fmt)
    file = sys.stdout if file is None else file
    headers = list(headers) if headers is not None else _keys(rows)
    records = [_as_record(row, headers) for row in rows]
    if fmt is OutputFormat.json:
        file.write(json_text(records, indent=2) + "\n")
    elif fmt is OutputFormat.nl:
        for record in records:
            file.write(json_text(record) + "\n")
    elif fmt in (OutputFormat.csv, OutputFormat.tsv):
        writer = csv.writer(file, delimiter="," if fmt is OutputFormat.csv else "\t", lineterminator="\n")
        if headers:
            writer.writerow(headers)
        writer.writerows([_cell(record[key]) for key in headers] for record in records)
    else:
        _write_table(file, headers, [[_cell(record[key]) for key in headers] for record in records])


def _keys(rows: Sequence[dict] | Sequence[Sequence]) -> list[str]:
    keys: dict[str, None] = {}
    for row in rows:
        if not isinstance(row, dict):
            raise ValueError("Rows that are lists need headers")
        keys.update(dict.fromkeys(row))
    return list(keys)


def _as_record(row: dict | Sequence, headers: list[str]) -> dict:
    if isinstance(row, dict):
        return {key: row.get(key) for key in headers}
    if len(row) != len(headers):
        raise ValueError(f"Row has {len(row)} values for {len(headers)} headers: {row!r}")
    return dict(zip(headers, row))


def _cell(value: object) -> str:
    """One value as the text of a table or CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, (list, tuple)) and not any(isinstance(item, (dict, list, tuple)) for item in value):
        return ", ".join(_cell(item) for item in value)
    if isinstance(value, (dict, list, tuple)):
        return json_text(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _write_table(file: TextIO, headers: list[str], cells: list[list[str]]) -> None:
    # Line breaks inside a cell (an evidence sentence) would break the columns.
    cells = [[" ".join(cell.split()) for cell in row] for row in cells]
    widths = [max([len(header), *(len(row[index]) for row in cells)]) for index, header in enumerate(headers)]
    numeric = [bool(cells) and all(_is_number(row[index]) for row in cells) for index in range(len(headers))]

    def line(values: list[str]) -> str:
        padded = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric)
        ]
        return "  ".join(padded).rstrip()

    file.write(line(headers) + "\n")
    file.write("  ".join("-" * width for width in widths) + "\n")
    for row in cells:
        file.write(line(row) + "\n")


def _is_number(text: str) -> bool:
    if text == "":
        return True
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
