"""AIF JSON and xAIF import: the real AIFdb exports, the mapping rules, hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap.convert import detect_format, export_map, import_map, read_map
from argmap.errors import InvalidMapError, Severity
from argmap.model import AttackType, EvidenceType, Source

AIF_FILES = [
    ("AIFdbMapConverter__nodeset21145.aif.json", "aif", (14, 4, 1)),
    ("amf-evaluation-metrics__data.xaif.json", "xaif", (4, 3, 1)),
    ("arguebuf-python__6064-original.aif.json", "aif", (9, 5, 0)),
    ("arguebuf-python__6064-reconstructed.aif.json", "aif", (9, 8, 0)),
    ("arguebuf-typescript__xaif.json", "xaif", (2, 1, 0)),
]


def _counts(data: dict[str, object]) -> tuple[int, int, int]:
    """I nodes; RA and MA nodes (one argument per conclusion); CA nodes (one per target)."""
    aif = data.get("AIF", data)
    assert isinstance(aif, dict)
    kinds = {str(n["nodeID"]): n["type"] for n in aif["nodes"]}
    targets: dict[str, int] = {}
    for edge in aif["edges"]:
        source, target = str(edge["fromID"]), str(edge["toID"])
        if kinds[source] in ("RA", "MA", "CA") and kinds[target] in ("I", "RA", "MA", "CA"):
            targets[source] = targets.get(source, 0) + 1
    supports = sum(n for k, n in targets.items() if kinds[k] in ("RA", "MA"))
    conflicts = sum(n for k, n in targets.items() if kinds[k] == "CA")
    return sum(k == "I" for k in kinds.values()), supports, conflicts


@pytest.mark.parametrize(("name", "fmt", "expected"), AIF_FILES)
def test_every_aif_file_imports_to_a_valid_map(
    corpora: Path, name: str, fmt: str, expected: tuple[int, int, int]
) -> None:
    path = corpora / "aif" / name
    raw = path.read_bytes()
    assert detect_format(str(path), raw) == fmt
    result = read_map(raw, fmt, file=str(path))
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.map is not None
    assert argmap.validate_map(result.map).ok
    got = (len(result.map.claims), len(result.map.arguments), len(result.map.attacks))
    assert got == expected == _counts(json.loads(raw))
    # Nothing is lost silently: dialogue nodes, if any, are reported.
    kinds = {n["type"] for n in json.loads(raw).get("AIF", json.loads(raw))["nodes"]}
    if kinds & {"L", "YA", "TA"}:
        assert any(d.code == "not-imported" for d in result.diagnostics)


def test_ma_nodes_become_rephrase_arguments(corpora: Path) -> None:
    path = corpora / "aif" / "arguebuf-python__6064-reconstructed.aif.json"
    debate = import_map(path.read_bytes(), "aif")
    rephrases = [a for a in debate.arguments.values() if "rephrase" in a.tags]
    assert len(rephrases) == 3
    assert all(a.scheme for a in rephrases)


def test_conflict_on_a_claim_used_as_premise_is_an_undermine(corpora: Path) -> None:
    path = corpora / "aif" / "AIFdbMapConverter__nodeset21145.aif.json"
    debate = import_map(path.read_bytes(), "aif")
    (attack,) = debate.attacks
    used = {p for a in debate.arguments.values() for p in a.premises}
    concluded = {a.conclusion for a in debate.arguments.values()}
    expected = (AttackType.UNDERMINE if attack.target in used - concluded
                else AttackType.REBUT)
    assert attack.type is expected


def _aif(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]]) -> str:
    return json.dumps({
        "nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
        "edges": [{"edgeID": str(n), "fromID": a, "toID": b} for n, (a, b) in enumerate(edges)],
    })


def test_ca_on_an_ra_node_is_an_undercut_and_linked_attackers_are_co_premises() -> None:
    text = _aif(
        [("p", "I", "It rains"), ("c", "I", "Streets are wet"), ("ra", "RA", "Default Inference"),
         ("u1", "I", "The streets are covered"), ("u2", "I", "Covers keep water off"),
         ("ca", "CA", "Default Conflict")],
        [("p", "ra"), ("ra", "c"), ("u1", "ca"), ("u2", "ca"), ("ca", "ra")],
    )
    debate = import_map(text, "aif")
    (attack,) = debate.attacks
    assert (attack.attacker, attack.co_premises, attack.target) == ("u1", ("u2",), "ra")
    assert attack.type is AttackType.UNDERCUT
    assert debate.arguments["ra"].premises == ("p",)
    assert debate.arguments["ra"].scheme is None  # "Default Inference" names no scheme


def test_ca_on_a_ca_node_undercuts_that_attack() -> None:
    text = _aif(
        [("a", "I", "A"), ("b", "I", "B"), ("x", "I", "X"), ("ca1", "CA", "Conflict"),
         ("ca2", "CA", "Conflict")],
        [("a", "ca1"), ("ca1", "b"), ("x", "ca2"), ("ca2", "ca1")],
    )
    debate = import_map(text, "aif")
    first, second = debate.attacks
    assert first.id == "ca1"
    assert (second.target, second.type) == ("ca1", AttackType.UNDERCUT)
    assert argmap.validate_map(debate).ok


def test_what_argmap_cannot_say_is_reported_not_dropped_silently() -> None:
    text = _aif(
        [("a", "I", "A"), ("b", "I", "B"), ("w", "I", "W"), ("ra", "RA", "Inference"),
         ("ra2", "RA", "Inference"), ("pa", "PA", "Preference"), ("odd", "QQ", "?")],
        [("a", "ra"), ("ra", "b"), ("w", "ra2"), ("ra2", "ra"), ("a", "pa"), ("pa", "b")],
    )
    result = read_map(text, "aif")
    assert result.ok
    assert result.map is not None
    codes = {d.code for d in result.diagnostics}
    assert {"dropped-relation", "not-imported", "unsupported"} <= codes
    assert list(result.map.arguments) == ["ra"]


def test_awkward_ids_and_texts_become_valid() -> None:
    text = _aif(
        [("node one", "I", "x" * 5000), ("ünï", "I", ""), ("1", "I", "ok"),
         ("RA 7", "RA", "Argument From Expert Opinion")],
        [("node one", "RA 7"), ("ünï", "RA 7"), ("RA 7", "1")],
    )
    result = read_map(text, "aif")
    assert result.ok, result.diagnostics
    assert result.map is not None
    m = result.map
    assert set(m.claims) == {"node-one", "uni", "1"}
    assert len(m.claims["node-one"].text) == 2000
    assert m.claims["node-one"].note is not None
    assert "x" * 5000 in m.claims["node-one"].note
    assert m.claims["uni"].text == "(no text)"
    assert m.arguments["RA-7"].scheme == "Argument From Expert Opinion"


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ('{"nodes": [\n  {"nodeID": 1,}\n]}', "syntax", 2, 16),
        ('[1, 2]', "format", 1, 1),
        ('{"nodes": {}}', "format", 1, 1),
        ("[" * 100_000 + "]" * 100_000, "too-deep", 1, 1),
    ],
)
def test_unreadable_input_gives_a_located_error(text: str, code: str, line: int,
                                                column: int) -> None:
    result = read_map(text, "aif", file="in.json")
    assert result.map is None
    first = result.diagnostics[0]
    assert (first.code, first.location.line, first.location.column) == (code, line, column)
    assert first.severity is Severity.ERROR
    with pytest.raises(InvalidMapError):
        import_map(text, "aif")


def test_bad_extension_values_are_ignored_or_reported() -> None:
    text = json.dumps({"nodes": [
        {"nodeID": "a", "type": "I", "text": "A",
         "argmap": {"side": "nowhere", "tags": ["ok", 3, ","], "main": "yes",
                    "kind": "evidence", "type": "bogus",
                    "source": {"url": "javascript:alert(1)", "title": "T", "date": "May"}}},
        {"nodeID": "b", "type": "I", "text": "B", "argmap": {"source": "nosuch"}},
    ], "edges": []})
    result = read_map(text, "aif")
    assert result.ok
    assert result.map is not None
    item = result.map.evidence["a"]
    assert item.type is EvidenceType.OTHER
    assert item.tags == ("ok",)
    assert item.source == Source(title="T")  # the javascript: link and bad date are gone
    assert item.side is None
    assert sum(d.code == "unknown-reference" for d in result.diagnostics) == 2


def test_export_is_aif_that_other_tools_read(corpora: Path) -> None:
    path = corpora / "aif" / "AIFdbMapConverter__nodeset21145.aif.json"
    debate = import_map(path.read_bytes(), "aif")
    data = json.loads(export_map(debate, "aif"))
    kinds = {n["nodeID"]: n["type"] for n in data["nodes"]}
    assert sorted(set(kinds.values())) == ["CA", "I", "RA"]
    for edge in data["edges"]:
        assert edge["fromID"] in kinds
        assert edge["toID"] in kinds
    xaif = json.loads(export_map(debate, "xaif"))
    assert xaif["AIF"]["nodes"] == data["nodes"]
    assert import_map(export_map(debate, "aif"), "aif") == debate


# --- issue 7, items 6-8; issue 8, item 6 -----------------------------------------------


def _undercut_map() -> argmap.ArgumentMap:
    from argmap.model import Argument, ArgumentMap, Attack, Claim

    return ArgumentMap(
        claims={k: Claim(id=k, text=k.upper()) for k in "abc"},
        arguments={"arg": Argument(id="arg", premises=("a",), conclusion="b"),
                   "same": Argument(id="same", premises=("b",), conclusion="c",
                                    tags=("rephrase",))},
        attacks=[Attack(attacker="c", target="b", id="x"), Attack(attacker="a", target="x"),
                 Attack(attacker="arg", target="c")],
    )


def test_own_export_of_an_undercut_of_an_attack_reads_back_without_warnings() -> None:
    # Issue 7, item 6: a CA node whose target is a CA node, and an argument as attacker
    # (RA -> CA), read back with no dropped-relation warning.
    original = _undercut_map()
    for fmt in ("aif", "xaif"):
        result = read_map(export_map(original, fmt), fmt)
        assert [d for d in result.diagnostics if d.severity is not Severity.INFO] == []
        assert result.map == original


def test_own_export_of_an_undercut_passes_convert_strict(tmp_path: Path) -> None:
    from tests.test_convert_cli import invoke

    (tmp_path / "m.aif.json").write_text(export_map(_undercut_map(), "aif"), encoding="utf-8")
    code, _, err = invoke("convert", str(tmp_path / "m.aif.json"), "--strict",
                          "-o", str(tmp_path / "back.yaml"))
    assert code == 0, err


def test_rephrase_arguments_are_written_back_as_ma_nodes(corpora: Path) -> None:
    # Issue 7, item 7.
    data = json.loads(export_map(_undercut_map(), "aif"))
    kinds = {n["nodeID"]: n["type"] for n in data["nodes"]}
    assert (kinds["arg"], kinds["same"]) == ("RA", "MA")
    path = corpora / "aif" / "arguebuf-python__6064-reconstructed.aif.json"
    debate = import_map(path.read_bytes(), "aif")
    again = json.loads(export_map(debate, "aif"))
    original = json.loads(path.read_bytes())
    def count(d: dict[str, list[dict[str, str]]], kind: str) -> int:
        return sum(n["type"] == kind for n in d["nodes"])
    assert count(again, "MA") == count(original, "MA") == 3
    assert count(again, "RA") == count(original, "RA")
    assert import_map(export_map(debate, "aif"), "aif") == debate


def test_xaif_dialogue_parts_are_kept_or_named(corpora: Path) -> None:
    # Issue 7, item 8: text and speakers are kept; OVA, schemefulfillments, locutions,
    # participants are named.
    path = corpora / "aif" / "arguebuf-typescript__xaif.json"
    result = read_map(path.read_bytes(), "xaif")
    assert result.ok
    assert result.map is not None
    assert result.map.description == "Source text: A because B"
    assert {c.note for c in result.map.claims.values()} == {"Said by Participant Rachel."}
    notes = " ".join(d.message for d in result.diagnostics if d.code == "not-imported")
    for part in ("`OVA`", "`schemefulfillments`", "`participants`", "`locutions`"):
        assert part in notes
    amf = read_map((corpora / "aif" / "amf-evaluation-metrics__data.xaif.json").read_bytes(),
                   "xaif")
    assert amf.map is not None
    assert amf.map.description is not None
    assert "We should go eat" in amf.map.description
    assert any("`dialog`" in d.message for d in amf.diagnostics)


def test_aifdb_speakers_come_from_the_locution_text(corpora: Path) -> None:
    path = corpora / "aif" / "AIFdbMapConverter__nodeset21145.aif.json"
    debate = import_map(path.read_bytes(), "aif")
    said = [c.note for c in debate.claims.values() if c.note]
    assert said
    assert all(n.startswith("Said by ") for n in said)


def test_generated_ids_never_take_an_id_the_input_gives() -> None:
    # Issue 8, item 6: RA node "R" with two conclusions is split; nodes named "R#2" and
    # "R-2" must not be overwritten.
    text = _aif(
        [("a", "I", "A"), ("b", "I", "B"), ("c", "I", "C"), ("d", "I", "D"),
         ("R", "RA", "Default Inference"), ("R#2", "RA", "Default Inference"),
         ("R-2", "RA", "Default Inference")],
        [("a", "R"), ("R", "b"), ("R", "c"), ("b", "R#2"), ("R#2", "d"), ("c", "R-2"),
         ("R-2", "a")],
    )
    result = read_map(text, "aif")
    assert result.ok
    assert result.map is not None
    args = result.map.arguments
    assert len(args) == 4
    assert args["R-2"].premises == ("c",)  # the given id is kept for its own node
    assert {(a.premises, a.conclusion) for a in args.values()} == {
        (("a",), "b"), (("a",), "c"), (("b",), "d"), (("c",), "a")}


def test_edges_argmap_cannot_use_are_named() -> None:
    text = _aif(
        [("a", "I", "A"), ("b", "I", "B"), ("ra", "RA", "x"), ("ca", "CA", "x")],
        [("a", "b"), ("a", "a"), ("a", "ra"), ("a", "ra"), ("ra", "b"), ("b", "ca"),
         ("ca", "a")],
    )
    result = read_map(text, "aif")
    assert result.map is not None
    messages = [d.message for d in result.diagnostics]
    assert any("edge '0' joins two I nodes" in m for m in messages)
    assert any("edge '1' joins node 'a' to itself" in m for m in messages)
    assert any("edge '3' repeats edge '2'" in m for m in messages)
    assert len(result.map.arguments) == 1
    assert len(result.map.attacks) == 1


def test_input_over_the_element_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap._formats import aif

    monkeypatch.setattr(aif, "MAX_ELEMENTS", 10)
    text = _aif([(str(i), "L", "x") for i in range(11)], [])
    result = read_map(text, "aif")
    assert result.map is None
    assert result.diagnostics[0].code == "too-large"


def test_unusable_extension_values_are_named() -> None:
    text = json.dumps({"nodes": [
        {"nodeID": "a", "type": "I", "text": "A",
         "argmap": {"tags": ["ok", 3], "main": "yes", "kind": "evidence", "type": "bogus",
                    "source": {"url": "javascript:alert(1)", "title": "T"}, "colour": "red"}},
        {"nodeID": "b", "type": "I", "text": "B", "argmap": {"title": "fine", "main": True}},
    ], "edges": []})
    result = read_map(text, "aif")
    (note,) = [d for d in result.diagnostics if "argmap fields" in d.message]
    assert note.message.endswith("left out: tags, main, type, source, colour")
    assert note.message.startswith("node 'a'")


def test_a_named_conflict_scheme_is_kept_in_the_attack_note() -> None:
    text = _aif([("a", "I", "A"), ("b", "I", "B"), ("ca", "CA", "Conflict From Bias")],
                [("a", "ca"), ("ca", "b")])
    (attack,) = import_map(text, "aif").attacks
    assert attack.note == "Conflict scheme: Conflict From Bias"


def test_an_id_with_a_final_line_break_is_not_taken_as_given() -> None:
    # Issue 8, item 5, in the importers: "c1\n" and "c1" must not both become ids that
    # print the same; the one with the line break is renamed.
    text = _aif([("c1\n", "I", "with a line break"), ("c1", "I", "plain")], [])
    result = read_map(text, "aif")
    assert result.ok, result.diagnostics
    assert result.map is not None
    ids = set(result.map.claims)
    assert "c1" in ids
    assert len(ids) == 2
    assert not any("\n" in i for i in ids)
    assert argmap.validate_map(result.map).ok
