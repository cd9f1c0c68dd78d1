"""Which links may appear in rendered output: http, https and mailto, nothing else.

A link is kept only when its raw text starts with ``http://``, ``https://`` or
``mailto:`` (in any letter case) and contains no whitespace, control or invisible
formatting character anywhere.  The check is on the literal characters, so entity
tricks (``&#106;avascript:``), percent-encoding, leading spaces, embedded tabs or
newlines (``java\\tscript:``), full-width letters and zero-width characters all fail it:
``javascript:``, ``data:``, ``vbscript:`` and every other scheme are dropped.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["safe_url"]

_ALLOWED = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]|[Mm][Aa][Ii][Ll][Tt][Oo]:\S)")
_MAX_URL = 2000


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a safe http, https or mailto link, else ``None``.

    >>> safe_url("https://example.org/a?b=1&c=2")
    'https://example.org/a?b=1&c=2'
    >>> safe_url("JaVaScRiPt:alert(1)") is None
    True
    >>> safe_url(" https://example.org") is None
    True
    """
    if not url or len(url) > _MAX_URL or not _ALLOWED.match(url):
        return None
    for char in url:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn",
                                                            "Zs", "Zl", "Zp"):
            return None
        if char in "<>\"'`\\":
            return None
    return url
