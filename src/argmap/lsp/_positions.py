"""Columns in code points (Python's) to the client's units and back.

LSP counts columns in UTF-16 code units unless the client and server agree on UTF-8 or
UTF-32.  Lines of ASCII cost nothing; for a line with other characters the positions
of those characters and the running sum of their extra units are computed once, so a
conversion is a binary search even on a very long line.
"""

from __future__ import annotations

import bisect

__all__ = ["Columns"]


def _extra_units(char: str, encoding: str) -> int:
    """Units beyond the first that ``char`` takes in ``encoding``."""
    if encoding == "utf-8":
        return len(char.encode("utf-8")) - 1
    if encoding == "utf-32":
        return 0
    return 1 if ord(char) > 0xFFFF else 0


class Columns:
    """Column conversions for the lines of one text."""

    def __init__(self, lines: list[str], encoding: str = "utf-16") -> None:
        self.lines = lines
        self.encoding = encoding if encoding in ("utf-8", "utf-32") else "utf-16"
        self._tables: dict[int, tuple[list[int], list[int]]] = {}

    def _table(self, row: int) -> tuple[list[int], list[int]] | None:
        """For a line that needs it: the code-point positions of its wide characters,
        and the extra units of all wide characters before each (a running sum)."""
        if not 0 <= row < len(self.lines):
            return None
        text = self.lines[row]
        if text.isascii() or self.encoding == "utf-32":
            return None
        table = self._tables.get(row)
        if table is None:
            positions: list[int] = []
            before: list[int] = []
            total = 0
            for index, char in enumerate(text):
                if ord(char) < 0x80:
                    continue
                extra = _extra_units(char, self.encoding)
                if extra:
                    positions.append(index)
                    before.append(total)
                    total += extra
            before.append(total)
            table = self._tables[row] = (positions, before)
        return table

    def to_client(self, row: int, column: int) -> int:
        """The client's column of code point ``column`` of line ``row``."""
        table = self._table(row)
        if table is None:
            return column
        positions, before = table
        return column + before[bisect.bisect_left(positions, column)]

    def from_client(self, row: int, units: int) -> int:
        """The code-point column of the client's column ``units`` of line ``row``
        (inside a character that takes several units: that character)."""
        table = self._table(row)
        if table is None:
            return units
        positions, before = table
        # The client column of wide character k is positions[k] + before[k]; find the
        # last one at or before ``units``.
        low, high = 0, len(positions)
        while low < high:
            middle = (low + high) // 2
            if positions[middle] + before[middle] <= units:
                low = middle + 1
            else:
                high = middle
        if low == 0:
            return units
        k = low - 1
        start = positions[k] + before[k]
        width = before[k + 1] - before[k] + 1
        if units < start + width:
            return positions[k]
        return units - before[k + 1]
