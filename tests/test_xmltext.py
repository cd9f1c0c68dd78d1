"""The one XML text helper (``argmap._xmltext``) shared by the JUnit reporters of check
and grade and the GraphML exporter: whatever a text holds, the document parses and says
what the text says."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from argmap._xmltext import NOT_XML, attribute, content, data, shown

HOSTILE = "a\x00b\x1b[31m\x7f\x85\u202e\ufffe\uffff\ud800]]>]]&gt;<x/>&\r\n\tend"


def _parse(inner: str) -> ET.Element:
    return ET.fromstring(f"<doc>{inner}</doc>")  # noqa: S314 -- our own output


def test_control_characters_and_cdata_end_in_a_report() -> None:
    text = content(HOSTILE, newlines=True)
    assert "]]>" not in text
    element = _parse(text)
    assert element.text == shown(HOSTILE, newlines=True)
    assert "\\x1b[31m" in element.text
    assert "\\ufffe\\uffff" in element.text
    assert "]]>]]&gt;<x/>&" in element.text  # markup is text again, as written
    assert not NOT_XML.search(element.text)


def test_attribute_keeps_line_breaks_and_tabs() -> None:
    quoted = attribute("x]]>y\t1")
    element = ET.fromstring(f"<doc a={quoted} />")  # noqa: S314 -- our own output
    assert element.get("a") == "x]]>y\t1"


def test_data_is_exact_but_for_what_xml_cannot_carry() -> None:
    element = _parse(data(HOSTILE))
    assert element.text == NOT_XML.sub("\ufffd", HOSTILE)
    assert "\r" in element.text
    assert "\x85\u202e" in element.text


@given(st.text())
def test_any_text_parses(text: str) -> None:
    assert (_parse(content(text)).text or "") == shown(text)
    assert (_parse(data(text)).text or "") == NOT_XML.sub("\ufffd", text)
