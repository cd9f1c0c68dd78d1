"""``# argmap: ignore[code, ...]`` comments: where they are and what they name.

A comment that names a code no rule has silences nothing; a misspelt code would hide
that silently, so each unknown code is reported where it is written, with the rule it
probably means.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator

from argmap.errors import Diagnostic, Location, Severity

__all__ = ["SUPPRESSION", "UNKNOWN_IGNORE", "unknown_codes"]

#: The comment, any letter case; group 1 is the list of codes, if there is one.
SUPPRESSION = re.compile(r"#\s*argmap:\s*ignore\b(?:\[([^\]\n]*)\])?", re.IGNORECASE)
#: The code of the warning about an unknown code in such a comment.
UNKNOWN_IGNORE = "unknown-ignore-code"


def _listed(text: str) -> Iterator[tuple[str, int]]:
    """Each code named in a comment, with its offset in ``text``."""
    for match in SUPPRESSION.finditer(text):
        listed = match.group(1)
        if listed is None:
            continue
        offset = match.start(1)
        for part in listed.split(","):
            name = part.strip()
            if name:
                yield name, offset + part.index(name)
            offset += len(part) + 1


def unknown_codes(text: str | bytes, file: str | None, known: Collection[str],
                  families: Collection[str] = ()) -> list[Diagnostic]:
    """A warning for each code in an ignore comment of ``text`` that no rule has.

    ``known`` are the rule codes; a family name (``families``) is reported too, since a
    comment silences findings by their code only.

    >>> [str(d) for d in unknown_codes("a: 1  # argmap: ignore[undated-sorce]\\n", "m.yaml",
    ...                                 ["undated-source"])]  # doctest: +NORMALIZE_WHITESPACE
    ["m.yaml:1:24: warning[unknown-ignore-code]: `# argmap: ignore[...]` names
    'undated-sorce', which is no rule's code: it silences nothing (hint: did you mean
    'undated-source'?)"]
    """
    if isinstance(text, bytes):
        if b"ignore" not in text:
            return []
        text = text.decode("utf-8", "replace")
    if "ignore" not in text.lower():
        return []
    found: list[Diagnostic] = []
    line, position = 1, 0
    line_start = 0
    for name, offset in _listed(text):
        breaks = text.count("\n", position, offset)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", 0, offset) + 1
        position = offset
        code = name.lower()
        if code in known:
            continue
        if code in families:
            hint = (f"'{code}' is a family of rules; a comment silences findings by their "
                    "code: name the codes (`argmap check --list-rules` lists them)")
        else:
            close = difflib.get_close_matches(code, sorted(known), n=1, cutoff=0.6)
            hint = (f"did you mean {close[0]!r}?" if close
                    else "`argmap check --list-rules` lists the codes")
        found.append(Diagnostic(
            UNKNOWN_IGNORE,
            f"`# argmap: ignore[...]` names {name!r}, which is no rule's code: it silences "
            "nothing",
            Location(file, line, offset - line_start + 1), Severity.WARNING, hint=hint))
    return found
