"""Columns in code points (Python's) to the client's units and back.

LSP counts columns in UTF-16 code units unless the client and server agree on UTF-8 or
UTF-32.  A line of ASCII costs nothing.  For another line, the units before every
:data:`STEP`-th character are counted once (by the codec, in C); a conversion then
encodes at most one step of the line: bounded time per position even on a line of
millions of characters.
"""

from __future__ import annotations

import bisect

__all__ = ["STEP", "Columns"]

#: Characters between two checkpoints of a long line.
STEP = 4096

_CODECS = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1)}


class Columns:
    """Column conversions for the lines of one text."""

    def __init__(self, lines: list[str], encoding: str = "utf-16") -> None:
        self.lines = lines
        self.encoding = encoding if encoding in ("utf-8", "utf-32") else "utf-16"
        self._checkpoints: dict[int, list[int]] = {}

    def _units(self, text: str) -> int:
        codec, width = _CODECS[self.encoding]
        return len(text.encode(codec, "surrogatepass")) // width

    def _line(self, row: int) -> tuple[str, list[int]] | None:
        """The line and the units before each checkpoint, or ``None`` when units and
        code points are the same on it."""
        if not 0 <= row < len(self.lines) or self.encoding == "utf-32":
            return None
        text = self.lines[row]
        if text.isascii():
            return None
        checkpoints = self._checkpoints.get(row)
        if checkpoints is None:
            checkpoints = [0]
            for start in range(0, len(text), STEP):
                checkpoints.append(checkpoints[-1] + self._units(text[start : start + STEP]))
            self._checkpoints[row] = checkpoints
        return text, checkpoints

    def to_client(self, row: int, column: int) -> int:
        """The client's column of code point ``column`` of line ``row``."""
        found = self._line(row)
        if found is None:
            return column
        text, checkpoints = found
        column = max(0, min(column, len(text)))
        step = column // STEP
        return checkpoints[step] + self._units(text[step * STEP : column])

    def from_client(self, row: int, units: int) -> int:
        """The code-point column of the client's column ``units`` of line ``row``
        (inside a character that takes several units: that character)."""
        found = self._line(row)
        if found is None:
            return units
        text, checkpoints = found
        if units >= checkpoints[-1]:
            return len(text) + (units - checkpoints[-1])
        step = bisect.bisect_right(checkpoints, units) - 1
        counted = checkpoints[step]
        column = step * STEP
        for char in text[column : column + STEP]:
            width = self._units(char)
            if counted + width > units:
                break
            counted += width
            column += 1
        return column
