"""JSON output: the one encoder for every JSON newsgraph writes for people and tools, and the JSON shape
of a relation.

``json_text`` writes a value as JSON text with umlauts kept (``ensure_ascii=False``); Decimals become
numbers by ``number`` (an integral one an integer: ``12000000000``, never ``1.2E+10``), dates and
times their ISO text, sets a sorted list, anything else its ``str``. ``relation_json`` is a
``Relation`` as ``newsgraph extract`` and ``newsgraph relations`` print it; ``money_json`` an amount.
The model files that training writes are not output and keep their own writing.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from pipeline.core.records import Money, Relation


def number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: integral values as integers (12000000000, not 1.2E+10), others as floats."""
    return int(value) if value == value.to_integral_value() else float(value)


def json_text(value: object, *, indent: int | None = None) -> str:
    """``value`` as JSON text (no final newline), non-ASCII characters kept."""
    return json.dumps(value, ensure_ascii=False, indent=indent, default=_encode)


def _encode(value: object) -> object:
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def money_json(money: Money | None, *, shared_by: int | None = None, equivalent: bool = True) -> dict | None:
    """``{"value", "currency", "qualifier"}``, with ``upper`` for a range, unless ``equivalent`` is False
    the parenthetical ``equivalent`` amount in the same shape, and ``shared_by`` when it is more than 1
    (how many relations give this one amount)."""
    if money is None:
        return None
    data = {"value": number(money.value), "currency": money.currency, "qualifier": money.qualifier}
    if money.upper is not None:
        data["upper"] = number(money.upper)
    if equivalent and money.equivalent is not None:
        data["equivalent"] = money_json(money.equivalent)
    if shared_by is not None and shared_by > 1:
        data["shared_by"] = shared_by
    return data


def relation_json(relation: Relation, *, shared_by: int | None = None, equivalent: bool = True) -> dict:
    """A relation in the JSON shape of ``newsgraph extract`` and ``newsgraph relations``.

    ``shared_by`` (how many relations give this one amount, when more than one) is added to the amount;
    ``newsgraph relations`` gives it and leaves out the ``equivalent`` amount (``equivalent=False``),
    ``newsgraph extract`` the other way round.
    """
    return {
        "type": relation.type,
        "article": relation.article,
        "url": relation.url,
        "roles": dict(relation.roles),
        "amount": money_json(relation.amount, shared_by=shared_by, equivalent=equivalent),
        "amount_start": relation.amount_start,
        "percent": number(relation.percent.value) if relation.percent else None,
        "evidence": relation.evidence,
        "start": relation.start,
        "end": relation.end,
        "confidence": relation.confidence,
        "event_date": relation.event_date,
        "date_precision": relation.date_precision,
        "date_text": relation.date_text,
        "reported": relation.reported,
    }


#: The keys of ``relation_json``, in order: the columns of ``newsgraph relations``.
RELATION_KEYS = tuple(relation_json(Relation("", {}, "", 0, 0, 0.0)))
