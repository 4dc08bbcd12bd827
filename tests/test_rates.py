"""Tests for pipeline.core.rates: USD and EUR values at the shipped ECB reference rates."""

import datetime as dt
from decimal import Decimal

import pytest

from pipeline.core.rates import convert

WEDNESDAY = dt.date(2025, 1, 22)


def test_a_dollar_amount_in_euros_at_the_rate_of_that_day():
    result = convert(Decimal("12E9"), "USD", WEDNESDAY)
    assert result.usd == Decimal(12_000_000_000) and result.rate_date == WEDNESDAY and result.note is None
    assert Decimal(11_000_000_000) < result.eur < Decimal(12_000_000_000)  # the euro was worth about 1.04 dollars


def test_a_euro_amount_is_itself_in_euros():
    result = convert(Decimal(1_000_000), "EUR", WEDNESDAY)
    assert result.eur == Decimal(1_000_000) and result.usd > result.eur


def test_cross_rates_go_through_the_euro():
    yuan = convert(Decimal("40E9"), "CNY", WEDNESDAY)
    dollars_per_euro = convert(Decimal(1_000_000), "EUR", WEDNESDAY).usd / Decimal(1_000_000)
    assert abs(yuan.usd - yuan.eur * dollars_per_euro) < Decimal(1_000)


@pytest.mark.parametrize(("day", "rate_day"), [
    (dt.date(2025, 1, 25), dt.date(2025, 1, 24)),  # Saturday -> Friday
    (dt.date(2024, 12, 25), dt.date(2024, 12, 24)),  # Christmas, no fixing
])
def test_a_day_without_a_rate_takes_the_last_business_day_before_it(day, rate_day):
    assert convert(Decimal(100), "USD", day).rate_date == rate_day


def test_a_day_after_the_shipped_rates_takes_the_last_one_and_names_it():
    result = convert(Decimal(100), "USD", dt.date(2099, 1, 1))
    assert result.usd == Decimal(100) and result.rate_date < dt.date(2099, 1, 1)


@pytest.mark.parametrize(("value", "currency", "day", "note"), [
    (Decimal(100), "CNY", dt.date(2003, 6, 2), "no ECB rate for CNY before 2005-04-01"),
    (Decimal(100), "XYZ", WEDNESDAY, "no ECB rate for XYZ"),
    (Decimal(100), None, WEDNESDAY, "no currency named"),
    (Decimal(100), "USD", None, "no date for a rate"),
])
def test_no_rate_says_why(value, currency, day, note):
    result = convert(value, currency, day)
    assert (result.usd, result.eur, result.rate_date, result.note) == (None, None, None, note)
