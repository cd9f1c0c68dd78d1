"""arg-microtexts arggraph XML: all 62 English texts, counted independently, and safety."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap
from argmap.convert import detect_format, read_map
from argmap.errors import Severity
from argmap.model import AttackType

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "microtexts" / "en"
FILES = sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []


def _expected(xml: str) -> dict[str, int]:
    """Counts straight from the XML text, by regular expressions (not by the importer)."""
    edges = re.findall(r'<edge id="([^"]+)" src="([^"]+)" trg="([^"]+)" type="([a-z]+)"', xml)
    kind = {e[0]: e[3] for e in edges}
    count = {t: sum(e[3] == t for e in edges) for t in ("sup", "exa", "add", "reb", "und")}
    add_on_support = sum(e[3] == "add" and kind[e[2]] in ("sup", "exa") for e in edges)
    return {
        "adus": len(re.findall(r"<adu ", xml)),
        "pro": len(re.findall(r'<adu [^>]*type="pro"', xml)),
        "supports": count["sup"] + count["exa"],
        "attacks": count["reb"] + count["und"],
        "undercuts": count["und"],
        "premises": count["sup"] + count["exa"] + add_on_support,
        "co_premises": count["add"] - add_on_support,
    }


def test_the_corpus_is_all_there(corpora: Path) -> None:
    assert len(FILES) == 62


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_text_imports_valid_with_the_counts_of_the_xml(path: Path) -> None:
    raw = path.read_bytes()
    assert detect_format(str(path), raw) == "microtexts"
    result = read_map(raw, "microtexts", file=str(path))
    assert result.ok, [str(d) for d in result.diagnostics]
    debate = result.map
    assert debate is not None
    assert argmap.validate_map(debate).ok
    expected = _expected(raw.decode("utf-8"))
    got = {
        "adus": len(debate.claims),
        "pro": sum(c.side == "pro" for c in debate.claims.values()),
        "supports": len(debate.arguments),
        "attacks": len(debate.attacks),
        "undercuts": sum(debate.attack_type(a) is AttackType.UNDERCUT for a in debate.attacks),
        "premises": sum(len(a.premises) for a in debate.arguments.values()),
        "co_premises": sum(len(a.co_premises) for a in debate.attacks),
    }
    assert got == expected
    assert len(debate.main_claims) == 1
    assert all(c.text and c.text != "(no text)" for c in debate.claims.values())
    assert not [d for d in result.diagnostics if d.severity is not Severity.INFO]


def test_b001_reads_as_annotated() -> None:
    if not FILES:
        pytest.skip("corpus not present")
    debate = read_map((CORPUS / "micro_b001.xml").read_bytes(), "microtexts").map
    assert debate is not None
    assert debate.main_claims[0].id == "a5"
    assert debate.claims["a1"].side == "opp"
    assert debate.claims["a3"].text == "But still Germany produces way too much rubbish"
    rebut, undercut = debate.attacks
    assert (rebut.id, rebut.attacker, rebut.target, rebut.type) == (
        "c1", "a1", "a5", AttackType.REBUT)
    # c3 (a3, with the added premise a4) undercuts the rebuttal c1.
    assert (undercut.attacker, undercut.co_premises, undercut.target, undercut.type) == (
        "a3", ("a4",), "c1", AttackType.UNDERCUT)
    assert debate.arguments["c2"].premises == ("a2",)


def test_joints_and_example_support() -> None:
    xml = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="t" stance="con">
  <edu id="e1">Cats purr</edu><edu id="e2">and dogs bark.</edu><edu id="e3">Pets talk.</edu>
  <joint id="j1"/>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
  <edge id="s1" src="e1" trg="j1" type="seg"/><edge id="s2" src="e2" trg="j1" type="seg"/>
  <edge id="s3" src="j1" trg="a1" type="seg"/><edge id="s4" src="e3" trg="a2" type="seg"/>
  <edge id="c1" src="a1" trg="a2" type="exa"/>
</arggraph>"""
    debate = read_map(xml, "microtexts").map
    assert debate is not None
    assert debate.claims["a1"].text == "Cats purr and dogs bark."
    assert debate.arguments["c1"].scheme == "example"
    assert debate.description is not None
    assert "con" in debate.description


@pytest.mark.parametrize(
    ("xml", "code", "line"),
    [
        ('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "yy">]>\n<arggraph id="x">&x;'
         "</arggraph>", "unsafe-xml", 2),
        ('<?xml version="1.0"?>\n<!DOCTYPE a [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
         "\n<arggraph>&xxe;</arggraph>", "unsafe-xml", 3),
        ("<arggraph>\n  <edu id='e1'>x</edu\n</arggraph>", "syntax", 3),
        ("<arggraph>" + "<edu>" * 1000, "unsafe-xml", 1),
        ("<graph/>", "format", 1),
        ("not xml", "syntax", 1),
    ],
)
def test_unsafe_or_broken_xml_is_refused_with_a_position(xml: str, code: str,
                                                         line: int) -> None:
    result = read_map(xml, "microtexts", file="x.xml")
    assert result.map is None
    first = result.diagnostics[0]
    assert (first.code, first.location.line) == (code, line)
    assert first.location.column is not None
    assert first.location.column >= 1


def test_billion_laughs_is_refused_quickly() -> None:
    entities = "".join(f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 10}">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY l0 "ha">{entities}]>\n<a>&l9;</a>'
    result = read_map(xml, "microtexts")
    assert result.map is None
    assert result.diagnostics[0].code == "unsafe-xml"


def test_external_dtd_is_not_fetched_and_dangling_references_are_reported() -> None:
    xml = """<?xml version="1.0"?>
<!DOCTYPE arggraph SYSTEM "http://example.invalid/arggraph.dtd">
<arggraph id="t">
  <edu id="e1">A</edu><adu id="a1" type="pro"/><adu id="a2" type="maybe"/>
  <edge id="s1" src="e1" trg="a1" type="seg"/>
  <edge id="c1" src="a2" trg="a9" type="sup"/>
  <edge id="c2" src="a1" trg="c9" type="und"/>
  <edge id="c3" src="a1" trg="a2" type="zap"/>
</arggraph>"""
    result = read_map(xml, "microtexts")
    assert result.ok
    assert result.map is not None
    assert {d.code for d in result.diagnostics} >= {"unknown-reference", "unsupported",
                                                   "format", "empty-text"}


def test_an_unknown_encoding_declaration_is_a_clean_diagnostic() -> None:
    # Issue 8, item 15: was "internal error (LookupError)".
    text = ('<?xml version="1.0" encoding="klingon"?>\n<arggraph id="x">'
            '<edu id="e1">Tea.</edu><adu id="a1" type="pro"/>'
            '<edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>')
    result = read_map(text, "microtexts", file="x.xml")
    assert result.ok
    assert result.map is not None
    (note,) = [d for d in result.diagnostics if d.code == "encoding"]
    assert "klingon" in note.message
    assert note.location.line == 1
    assert result.map.claims["a1"].text == "Tea."


def test_ignored_elements_count_toward_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 8, item 12: elements the reader ignores count too.
    from argmap._formats import microtexts

    monkeypatch.setattr(microtexts, "MAX_ELEMENTS", 100)
    result = read_map("<arggraph>" + "<x/>" * 200 + "</arggraph>", "microtexts")
    assert result.map is None
    assert result.diagnostics[0].code == "too-large"
    small = read_map("<arggraph>" + "<x/>" * 50 + '<adu id="a" type="pro"><y/></adu>'
                     "</arggraph>", "microtexts")
    (unknown,) = [d for d in small.diagnostics if d.code == "unsupported"]
    assert "<x> (50)" in unknown.message
    assert "<y> inside <adu> (1)" in unknown.message


def test_unknown_attributes_and_idle_segments_are_named() -> None:
    text = ('<arggraph id="x" colour="red"><edu id="e1">Tea.</edu><edu id="e2">Idle.</edu>'
            '<joint id="j9"/><adu id="a1" type="pro" weight="3"/>'
            '<edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>')
    result = read_map(text, "microtexts")
    assert result.map is not None
    messages = " ".join(d.message for d in result.diagnostics if d.code == "not-imported")
    assert "colour= on <arggraph> (1)" in messages
    assert "weight= on <adu> (1)" in messages
    assert "2 text units ground no ADU" in messages
    assert "'e2', 'j9'" in messages
    assert result.map.description is not None
    assert "Idle." in result.map.description
