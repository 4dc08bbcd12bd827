"""Rates: an amount in US dollars and euros at the ECB reference rate of a day, offline.

The European Central Bank's historical euro reference rates ship inside the
``currencyconverter`` package, so nothing is downloaded at run time.
``convert`` values an amount at the rate of the given day or, as weekends and
holidays have none, of the last ECB business day before it, and says which
day that was. After the last day the shipped file covers it uses that last
rate (again naming its day). When there is no rate at all (no currency, no
date, a currency the ECB does not quote, or a day before its series begins,
such as the yuan before April 2005) the result has no values and a note
saying why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from currency_converter import CurrencyConverter, RateNotFoundError

#: The ECB publishes no rates on weekends and TARGET holidays; the longest gap is a few days.
MAX_DAYS_WITHOUT_RATE = 7


@dataclass(frozen=True)
class Conversion:
    """An amount in USD and EUR at the ECB rate of ``rate_date``, or a ``note`` saying why not."""

    usd: Decimal | None
    eur: Decimal | None
    rate_date: dt.date | None
    note: str | None = None


def convert(value: Decimal, currency: str | None, on: dt.date | None) -> Conversion:
    """``value`` units of ``currency`` in USD and EUR at the ECB rate of ``on`` (whole units)."""
    if currency is None:
        return Conversion(None, None, None, "no currency named")
    if on is None:
        return Conversion(None, None, None, "no date for a rate")
    converter = _converter()
    for code in (currency, "USD"):
        if code not in converter.currencies:
            return Conversion(None, None, None, f"no ECB rate for {code}")
        first, last = converter.bounds[code]
        if on < first:
            return Conversion(None, None, None, f"no ECB rate for {code} before {first.isoformat()}")
        on = min(on, last)
    for back in range(MAX_DAYS_WITHOUT_RATE + 1):
        day = on - dt.timedelta(days=back)
        try:
            eur = converter.convert(float(value), currency, "EUR", date=day)
            usd = converter.convert(float(value), currency, "USD", date=day)
        except RateNotFoundError:
            continue
        return Conversion(Decimal(round(usd)), Decimal(round(eur)), day)
    return Conversion(None, None, None, f"no ECB rate for {currency} near {on.isoformat()}")


@cache
def _converter() -> CurrencyConverter:
    # Loads the shipped file (about half a second); a missing rate raises instead of being interpolated.
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)
