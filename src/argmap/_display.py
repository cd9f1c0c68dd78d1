"""Untrusted text made safe to show: control characters become visible escapes.

Map texts, ids, file names and parser messages come from files argmap did not write.
Printed raw, a control character can rewrite a terminal (``ESC ] 0 ;`` sets its title,
``ESC [ 2 J`` clears it), a bidi override can make a line read differently from what it
says (CVE-2021-42574), and a lone surrogate (a file name that is not UTF-8) cannot be
encoded at all.  Every human-readable output goes through :func:`for_display`; JSON
output goes through :func:`json_safe`, which keeps the value exact (JSON escapes
decode back to the same characters).

Both are one ``str.translate`` over a fixed table: linear in the text, and a text with
nothing to escape is returned as it is.
"""

from __future__ import annotations

import re

__all__ = ["for_display", "json_safe"]

#: Bidirectional formatting characters: marks, embeddings, overrides and isolates.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
#: Line and paragraph separators (some terminals and editors break lines at them).
_SEPARATORS = (0x2028, 0x2029)

_UNSAFE = [*range(0x00, 0x20), *range(0x7F, 0xA0), *_BIDI, *_SEPARATORS]


def _escape(code: int) -> str:
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


_DISPLAY: dict[int, str] = {code: _escape(code) for code in _UNSAFE if code != 0x09}
_DISPLAY.update({code: _escape(code) for code in range(0xD800, 0xE000)})
_DISPLAY_LINES = {code: text for code, text in _DISPLAY.items() if code != 0x0A}
#: JSON already escapes C0 controls; C1, DEL, bidi controls, separators and lone
#: surrogates it writes raw (with ``ensure_ascii=False``).
_JSON: dict[int, str] = {
    code: f"\\u{code:04x}"
    for code in (*range(0x7F, 0xA0), *_BIDI, *_SEPARATORS, *range(0xD800, 0xE000))
}

_ANY_DISPLAY = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                          "\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_ANY_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                       "\ud800-\udfff]")


def for_display(text: str, *, newlines: bool = False) -> str:
    r"""``text`` with every control character shown as an escape (``\x1b``, ``\u202e``).

    Escaped: C0 controls but tab, DEL, C1 controls, bidi controls, line and paragraph
    separators and lone surrogates (a byte that was not UTF-8 shows as ``\xff``).  Line
    breaks are kept when ``newlines`` is true (a block of text), escaped otherwise (one
    record a line).  Applying it twice changes nothing more.

    >>> for_display("title\x1b]0;pwned\x07")
    'title\\x1b]0;pwned\\x07'
    >>> for_display("a\nb"), for_display("a\nb", newlines=True)
    ('a\\x0ab', 'a\nb')
    """
    if _ANY_DISPLAY.search(text) is None:
        return text
    return text.translate(_DISPLAY_LINES if newlines else _DISPLAY)


def json_safe(text: str) -> str:
    r"""JSON text with the characters a terminal would act on written as ``\uXXXX``.

    ``text`` must be the output of ``json.dumps``: these characters then occur only
    inside strings, where the escape decodes to the same character, so the value is
    unchanged.

    >>> json_safe('{"t": "\u202eabc"}')
    '{"t": "\\u202eabc"}'
    """
    if _ANY_JSON.search(text) is None:
        return text
    return text.translate(_JSON)
