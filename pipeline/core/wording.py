"""Wording shared by every message newsgraph prints."""


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``count`` and the noun in the number it needs: ``plural(1, "event")`` is "1 event", ``plural(0, "event")``
    "0 events"; ``nouns`` is the plural when it is not ``noun`` + "s"."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
