r"""Untrusted text on its way into an XML 1.0 document: the one place that decides how.

XML 1.0 cannot carry most C0 control characters, lone surrogates, U+FFFE or U+FFFF at
all, not even as character references.  argmap writes XML of two kinds:

* **reports** read by people (the JUnit XML of ``check``, ``validate`` and ``grade``):
  :func:`shown` makes a text look as it does in text output (control characters, bidi
  controls and bytes that were not UTF-8 become visible escapes such as ``\x1b``, see
  :func:`argmap._display.for_display`), and also escapes the two noncharacters U+FFFE
  and U+FFFF, which ``for_display`` leaves as they are;
* **data** read back by programs (GraphML): :func:`data` keeps every character XML can
  carry exactly as it is and replaces the others by U+FFFD (:data:`NOT_XML` finds them,
  so that the exporter can name what it lost).

:func:`shown` returns plain text for a writer that escapes markup itself
(ElementTree); :func:`content` and :func:`attribute` escape it as well.  Markup is
always escaped, ``>`` included, so a ``]]>`` in a text never ends up in the document
as it is:

>>> content("a\x1b[2J]]><b>&")
'a\\x1b[2J]]&gt;&lt;b&gt;&amp;'
>>> shown("\ufffe\uffff")
'\\ufffe\\uffff'
>>> data("tab\there\x00\r")
'tab\there\ufffd&#13;'
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from argmap._display import for_display

__all__ = ["NOT_XML", "attribute", "content", "data", "shown"]

#: A character XML 1.0 cannot carry (the complement of its ``Char`` production).
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: The characters XML 1.0 cannot carry that :func:`for_display` leaves as they are.
_NONCHARACTERS = {0xFFFE: "\\ufffe", 0xFFFF: "\\uffff"}

#: Line breaks and tabs in an attribute, as character references (a parser would
#: otherwise turn each into a space).
_ATTRIBUTE_ENTITIES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def shown(text: str, *, newlines: bool = False) -> str:
    """``text`` as a report shows it, with nothing XML 1.0 cannot carry (not escaped
    for markup).  Line breaks are kept when ``newlines`` is true, escaped otherwise."""
    text = for_display(text, newlines=newlines)
    if "\ufffe" in text or "\uffff" in text:  # rare: translate() is slow per character
        text = text.translate(_NONCHARACTERS)
    return text


def content(text: str, *, newlines: bool = False) -> str:
    """:func:`shown`, escaped as element content."""
    return escape(shown(text, newlines=newlines))


def attribute(text: str) -> str:
    """:func:`shown`, as a quoted attribute value (line breaks and tabs as character
    references)."""
    return quoteattr(shown(text), _ATTRIBUTE_ENTITIES)


def data(text: str) -> str:
    """``text`` as exact element content: what XML 1.0 cannot carry becomes U+FFFD, and a
    carriage return a character reference (a raw one would be read back as a line
    feed, by XML's end-of-line handling)."""
    return escape(NOT_XML.sub("\ufffd", text), {"\r": "&#13;"})
