"""References, ids and the public loading API."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap import AttackType, InvalidMapError, ReadError


def diags(source: str) -> list[tuple[str, int | None, int | None, str]]:
    result = argmap.validates(source, file="r.yaml")
    return [(d.code, d.location.line, d.location.column, d.message) for d in result.diagnostics]


HEAD = "argmap: 1\nsides:\n  one: {name: One threat}\n"


def test_unknown_references_with_suggestions() -> None:
    source = HEAD + (
        "claims:\n"
        "  linked: {text: The theaters are linked., side: onee}\n"  # 5
        "evidence:\n"
        "  rutte: {text: Rutte said so., source: nato}\n"  # 7
        "arguments:\n"
        "  a1:\n"
        "    premises: [rutte, linkd]\n"  # 10
        "    conclusion: linkde\n"  # 11
    )
    result = argmap.validates(source, file="r.yaml")
    found = [(d.code, d.location.line, d.location.column) for d in result.diagnostics]
    assert found == [
        ("unknown-reference", 5, 50),
        ("unknown-reference", 7, 41),
        ("unknown-reference", 10, 23),
        ("unknown-reference", 11, 17),
    ]
    hints = [d.hint for d in result.diagnostics]
    assert hints[0] == "did you mean 'one'?"
    assert hints[2] == "did you mean 'linked'?"
    assert hints[3] == "did you mean 'linked'?"


def test_wrong_kinds() -> None:
    source = HEAD + (
        "claims:\n  c1: {text: x}\n  c2: {text: y}\n"
        "evidence:\n  e1: {text: z}\n"
        "arguments:\n  a1: {premises: c1, conclusion: c2}\n  a2: {premises: [a1], conclusion: a1}\n"
        "attacks:\n"
        "  - {attacker: c2, target: c1, type: undercut}\n"
        "  - {attacker: c2, target: a1, type: rebut}\n"
        "  - {attacker: c2, target: e1, type: rebut}\n"
        "contradictions:\n  - between: [c1, e1]\n  - between: [c1, c1]\n"
    )
    codes = [c for c, *_ in diags(source)]
    assert codes == ["wrong-reference-kind"] * 6 + ["invalid-relation"]


def test_single_premise_as_text_is_located() -> None:
    source = (
        "argmap: 1\nclaims:\n  c1: {text: x}\narguments:\n  a1: {premises: zz, conclusion: c1}\n"
    )
    ((code, line, col, _),) = diags(source)
    assert (code, line, col) == ("unknown-reference", 5, 18)


def test_duplicate_ids_across_sections() -> None:
    source = "argmap: 1\nclaims:\n  x: {text: a}\nevidence:\n  x: {text: b}\n"
    assert [(c, line, col) for c, line, col, _ in diags(source)] == [("duplicate-id", 5, 3)]


def test_attack_id_clashes() -> None:
    source = (
        "argmap: 1\nclaims:\n  x: {text: a}\n  y: {text: b}\n"
        "attacks:\n  - {id: x, attacker: y, target: x}\n"
    )
    assert [c for c, *_ in diags(source)] == ["duplicate-id"]


def test_references_checked_even_with_schema_errors() -> None:
    source = (
        "argmap: 1\nclaims:\n  c1: {text: x, main: yes}\n  c2: {text: y}\n"
        "arguments:\n  a1: {premises: [c1, ghost], conclusion: c2}\n"
    )
    codes = [c for c, *_ in diags(source)]
    # c1 has a schema error but still exists; ghost does not.
    assert codes == ["schema", "unknown-reference"]


def test_attack_type_inferred() -> None:
    source = (
        "argmap: 1\nclaims:\n  c: {text: a}\n  d: {text: b}\nevidence:\n  e: {text: c}\n"
        "arguments:\n  a: {premises: [e], conclusion: c}\n"
        "attacks:\n  - {attacker: d, target: c}\n  - {attacker: d, target: e}\n"
        "  - {attacker: d, target: a}\n"
    )
    debate = argmap.loads(source)
    assert [debate.attack_type(a) for a in debate.attacks] == [
        AttackType.REBUT,
        AttackType.UNDERMINE,
        AttackType.UNDERCUT,
    ]
    assert all(a.type is None for a in debate.attacks)


def test_load_raises_with_all_diagnostics(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("argmap: 1\nclaims:\n  c: {text: ''}\n  d: {txt: x}\n", encoding="utf-8")
    with pytest.raises(InvalidMapError) as info:
        argmap.load(path)
    assert len(info.value.diagnostics) == 3
    assert str(path) in str(info.value)
    assert isinstance(info.value, argmap.ArgmapError)


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        argmap.load(tmp_path / "nope.yaml")
    with pytest.raises(ReadError, match="directory"):
        argmap.load(tmp_path)


def test_load_never_modifies_input(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    content = b"argmap: 1\nclaims:\n  c: {text: 'x'}\n"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    argmap.load(path)
    argmap.validate(path)
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before


def test_validate_map_built_in_code() -> None:
    good = argmap.ArgumentMap(claims={"c": argmap.Claim(id="c", text="x")})
    assert argmap.validate_map(good).ok
    bad = argmap.ArgumentMap(
        claims={"c": argmap.Claim(id="c", text="x")},
        arguments={"a": argmap.Argument(id="a", premises=("nope",), conclusion="c")},
    )
    result = argmap.validate_map(bad)
    assert [d.code for d in result.diagnostics] == ["unknown-reference"]
    assert result.diagnostics[0].location.pointer == "/arguments/a/premises/0"


def test_side_of_and_source_of() -> None:
    debate = argmap.loads(
        HEAD + "sources:\n  s: {title: T}\nclaims:\n  c: {text: x, side: one}\n"
        "evidence:\n  e: {text: y, source: s}\narguments:\n  a: {premises: e, conclusion: c}\n"
    )
    assert debate.side_of("a") == "one"
    assert debate.source_of(debate.evidence["e"]) == debate.sources["s"]
    assert debate.node("zz") is None
    assert [n.id for n in debate.nodes()] == ["c", "e", "a"]


def test_undercut_of_an_attack_and_linked_attack() -> None:
    """arg-microtexts undercut rebuttals and add linked premises to attacks."""
    source = (
        "argmap: 1\nclaims:\n  a: {text: a}\n  b: {text: b}\n  c: {text: c}\n  d: {text: d}\n"
        "attacks:\n"
        "  - {id: r1, attacker: a, co_premises: [c], target: b}\n"
        "  - {attacker: d, target: r1}\n"
    )
    debate = argmap.loads(source)
    first, second = debate.attacks
    assert first.attackers == ("a", "c")
    assert debate.attack_type(second) is AttackType.UNDERCUT
    assert debate.attacks_by_id == {"r1": first}


def test_attacks_on_attacks_wrong_kinds() -> None:
    source = (
        "argmap: 1\nclaims:\n  a: {text: a}\n  b: {text: b}\n"
        "attacks:\n"
        "  - {id: r1, attacker: a, target: b}\n"
        "  - {attacker: b, target: r1, type: rebut}\n"
        "  - {attacker: r1, target: a}\n"
        "  - {id: r2, attacker: a, target: r2}\n"
        "  - {attacker: a, co_premises: [zz], target: b}\n"
    )
    found = [(c, line) for c, line, _, _ in diags(source)]
    assert found == [
        ("wrong-reference-kind", 7),
        ("wrong-reference-kind", 8),
        ("wrong-reference-kind", 9),
        ("unknown-reference", 10),
    ]


def test_broken_inline_map_source_is_not_built() -> None:
    """Found by tests/test_fuzz.py: a schema error inside the map's own `source`."""
    result = argmap.validates('{"argmap": 1, "source": {"": null}}', format="json")
    assert [d.code for d in result.diagnostics] == ["schema"]
