"""Which ids fit where the cursor is: the key an id is being typed for.

While typing, the text is often not valid YAML or JSON yet (``premises: [c1, ``), so
the key is read from the text around the cursor rather than from a parse: the current
line up to the cursor, and for an item of a block list (``- c1``) or a multi-line JSON
list the nearest line above that opens it.  Only a bounded stretch of text is read.
"""

from __future__ import annotations

import re

__all__ = ["KINDS_BY_KEY", "id_key_at"]

#: Keys whose values are ids -> the kinds of entries they name.
KINDS_BY_KEY: dict[str, tuple[str, ...]] = {
    "premises": ("claim", "evidence"),
    "co_premises": ("claim", "evidence"),
    "conclusion": ("claim",),
    "attacker": ("claim", "evidence", "argument"),
    "target": ("claim", "evidence", "argument", "attack"),
    "between": ("claim",),
    "side": ("side",),
    "source": ("source",),
}

_KEYS = "|".join(KINDS_BY_KEY)
_PARTIAL = r"[\"']?[A-Za-z0-9_.-]*"
# `key: ` or `key: [a, b, ` (YAML, or JSON with quoted keys), then the id being typed.
_SAME_LINE = re.compile(
    rf"(?:^|[\s{{,])[\"']?({_KEYS})[\"']?\s*:\s*(?:\[[^\]\[{{}}]*?(?:,\s*)?)?{_PARTIAL}\Z"
)
# A list item being typed: `- c` (YAML block list) or `"c` (JSON list on many lines).
_ITEM = re.compile(rf"\s*(?:-\s+)?{_PARTIAL}\Z")
# A line that is a finished item of such a list.
_ITEM_LINE = re.compile(r"\s*(?:-\s+)?[\"']?[A-Za-z0-9_.-]+[\"']?\s*,?\s*(?:#.*)?\Z")
# The line that opens the list: `premises:` or `"premises": [`.
_OPENER = re.compile(rf"\s*(?:-\s+)?[\"']?({_KEYS})[\"']?\s*:\s*\[?\s*(?:#.*)?\Z")

#: Characters of the line before the cursor that are looked at.
_WINDOW = 1000
#: Lines above the cursor looked at for the start of a list.
_ABOVE = 200


def id_key_at(lines: list[str], row: int, column: int) -> str | None:
    """The id-valued key whose value the cursor is in, or ``None``."""
    if not 0 <= row < len(lines):
        return None
    before = lines[row][max(0, column - _WINDOW) : column]
    match = _SAME_LINE.search(before)
    if match:
        return match.group(1)
    if not _ITEM.fullmatch(before):
        return None
    for above in range(row - 1, max(-1, row - 1 - _ABOVE), -1):
        text = lines[above].rstrip("\r")
        if len(text) > _WINDOW:
            return None
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        opener = _OPENER.fullmatch(text)
        if opener:
            return opener.group(1)
        if not _ITEM_LINE.fullmatch(text):
            return None
    return None
