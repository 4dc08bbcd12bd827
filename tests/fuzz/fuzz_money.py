"""atheris harness for the money parser (not collected by pytest; see README "Fuzzing").

Any text: ``find_amounts``/``find_percents`` never raise and give spans inside
the text with finite, non-negative values in a known currency (or none);
``parse_money``/``parse_percent`` give a value or raise ``ValueError``.

    python tests/fuzz/fuzz_money.py -max_total_time=600
"""

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from pipeline.extract.money import find_amounts, find_percents, parse_money, parse_percent


def check(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    for start, end, money in find_amounts(text):
        assert 0 <= start < end <= len(text), (start, end, len(text))
        assert money.value.is_finite() and money.value >= 0, money
        assert money.currency is None or (len(money.currency) == 3 and money.currency.isupper()), money
        assert money.upper is None or money.upper >= money.value, money
    for start, end, percent in find_percents(text):
        assert 0 <= start < end <= len(text) and percent.value.is_finite(), (start, end, percent)
    for parse in (parse_money, parse_percent):
        try:
            parse(text)
        except ValueError:
            pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
