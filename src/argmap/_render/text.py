"""User text on its way into a Graphviz label: cleaned, wrapped and escaped.

Labels are HTML-like Graphviz labels.  User text is escaped for XML (``&``, ``<``,
``>``, quotes), so it can never open a tag (``<IMG SRC=...>`` stays text) nor close the
label, and its backslashes are doubled: Graphviz expands ``\\N``, ``\\G`` and friends even
inside HTML-like labels, and ``\\\\`` is how it spells one literal backslash there.
Characters XML cannot carry (C0 controls, lone surrogates, U+FFFE/U+FFFF) become
U+FFFD so that the SVG Graphviz writes stays well-formed.
"""

from __future__ import annotations

import html
import re

__all__ = ["MAX_LABEL_CHARS", "clean", "label_text", "shorten", "wrap"]

#: Longer texts are cut (with an ellipsis) in diagrams; the HTML page shows them whole.
MAX_LABEL_CHARS = 2000

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    r"""Text safe for XML: line ends normalised, unrepresentable characters replaced.

    >>> clean("a\r\nb\x00c\td")
    'a\nb\ufffdc d'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _NOT_XML.sub("\ufffd", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with an ellipsis when cut.

    >>> shorten("a long sentence here", 10)
    'a long se…'
    """
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters (paragraph breaks kept, long words split).

    ``width`` 0 means no wrapping: only the text's own line breaks.

    >>> wrap("Separate threats need separate strategies", 20)
    ['Separate threats', 'need separate', 'strategies']
    >>> wrap("abcdefghij", 4)
    ['abcd', 'efgh', 'ij']
    """
    lines: list[str] = []
    for paragraph in clean(shorten(text, MAX_LABEL_CHARS)).split("\n"):
        if width <= 0 or len(paragraph) <= width:
            lines.append(paragraph.strip())
            continue
        line = ""
        for whole in paragraph.split():
            word = whole
            while len(word) > width:
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:width])
                word = word[width:]
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def label_text(text: str) -> str:
    r"""One piece of user text as content of an HTML-like Graphviz label.

    >>> print(label_text('C:\\N <b> & "x"'))
    C:\\N &lt;b&gt; &amp; &quot;x&quot;
    >>> label_text("\n\n")
    '  '
    """
    # a label line never holds a raw line break: Graphviz's HTML lexer fails on some
    # (a text of only line breaks was a syntax error); wrap() splits lines before this
    line = clean(text).replace("\n", " ")
    return html.escape(line, quote=True).replace("\\", "\\\\")
