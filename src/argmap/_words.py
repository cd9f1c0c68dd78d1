"""Counted nouns in messages: "1 argument", "2 arguments", never "1 arguments".

Every message that puts a number before a noun goes through :func:`count`, so the noun
agrees with the number (English: the singular for exactly one, the plural otherwise,
zero included).  No imports: the fastest commands use it too.
"""

from __future__ import annotations

__all__ = ["count", "noun"]


def noun(n: int, singular: str, plural: str | None = None) -> str:
    """``singular`` if ``n`` is one, else ``plural`` (by default ``singular + "s"``).

    >>> noun(1, "premise"), noun(0, "premise"), noun(3, "property", "properties")
    ('premise', 'premises', 'properties')
    """
    if n == 1:
        return singular
    return singular + "s" if plural is None else plural


def count(n: int, singular: str, plural: str | None = None, *,
          thousands: bool = False) -> str:
    """The number and the noun that agrees with it; ``thousands`` groups the digits.

    >>> count(1, "argument"), count(0, "attack"), count(12000, "edge", thousands=True)
    ('1 argument', '0 attacks', '12,000 edges')
    """
    number = f"{n:,}" if thousands else str(n)
    return f"{number} {noun(n, singular, plural)}"
