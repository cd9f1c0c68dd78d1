"""References, ids and the public loading API."""

from __future__ import annotations

from collections.abc import Callable
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


# ------------------------------------------------------------------------------------
# issue 8


def test_suggestions_find_typos_anywhere_in_a_large_map() -> None:
    """Item 9: the suggestion search is indexed; it still finds what difflib finds."""
    claims = "".join(f"  claim-{i:05d}-economy: {{text: Claim {i}.}}\n" for i in range(3000))
    source = (
        "argmap: 1\nclaims:\n" + claims + "  target: {text: T.}\narguments:\n"
        "  r1: {premises: [claim-01234-econmy], conclusion: target}\n"  # end
        "  r2: {premises: [claim-01234economy], conclusion: target}\n"  # middle
        "  r3: {premises: [xlaim-01234-economy], conclusion: target}\n"  # start
        "  r4: {premises: [something-else], conclusion: target}\n"
    )
    hints = [d.hint for d in argmap.validates(source).diagnostics]
    assert hints == ["did you mean 'claim-01234-economy'?"] * 3 + ["check the spelling, or add it"]


def test_diagnostics_are_capped_with_a_count_of_the_rest() -> None:
    """Item 12: 200k errors took a minute and a GB; at most 100 are made, then a count."""
    keys = "".join(f"    x{i}: 1\n" for i in range(150))
    result = argmap.validates("argmap: 1\nclaims:\n  c:\n    text: t\n" + keys)
    diagnostics = result.diagnostics
    assert len(diagnostics) == argmap._load.MAX_DIAGNOSTICS + 1
    assert [d.location.line for d in diagnostics[:3]] == [5, 6, 7]  # file order
    last = diagnostics[-1]
    assert last.code == "too-many-problems"
    assert last.message.startswith("... and 50 more problems, not shown")
    # Too many to count: "at least".
    many = argmap.validates('{"argmap": 1, "attacks": [' + ",".join(["1"] * 5000) + "]}")
    assert many.diagnostics[-1].message.startswith("... and at least 1,000 more problems")
    # Reference problems are capped too, and all kinds are counted together.
    refs = "".join(f"  r{i}: {{premises: [p{i}], conclusion: c}}\n" for i in range(130))
    result = argmap.validates("argmap: 1\nclaims:\n  c: {text: t}\narguments:\n" + refs)
    assert [d.code for d in result.diagnostics].count("unknown-reference") == 100
    assert result.diagnostics[-1].message.startswith("... and 30 more problems")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_long_numbers_are_diagnosed_where_they_stand(fmt: str) -> None:
    """Item 14: integers over 4,300 digits raised ValueError in every command and in loads."""
    digits = "1" * 5000
    if fmt == "yaml":
        source = f"argmap: 1\nclaims:\n  c: {{text: {digits}}}\n"
        where = (3, 13)
    else:
        source = '{"argmap": 1,\n "claims": {"c": {"text": -' + digits + "}}}"
        where = (2, 27)
    with pytest.raises(InvalidMapError) as info:
        argmap.loads(source, format=fmt)  # type: ignore[arg-type]
    (found,) = info.value.diagnostics
    assert found.code == "number-too-long"
    assert (found.location.line, found.location.column) == where
    assert found.location.pointer == "/claims/c/text"
    assert "5,000 digits" in found.message
    (top,) = argmap.validates("argmap: " + digits + "\n").diagnostics
    assert (top.code, top.location.line, top.location.column) == ("number-too-long", 1, 9)


def test_long_digit_texts_are_written_quoted() -> None:
    digits = "9" * 5000
    debate = argmap.ArgumentMap(claims={"c": argmap.Claim(id="c", text="x", note=digits)})
    assert argmap.loads(argmap.dumps(debate)) == debate


def test_lone_surrogates_in_a_str_are_a_diagnostic() -> None:
    """Item 16: lone surrogates in a str passed to loads raised UnicodeEncodeError."""
    result = argmap.validates("argmap: 1\nclaims:\n  c: {text: a\ud800}\n")
    (found,) = result.diagnostics
    assert (found.code, found.location.line, found.location.column) == ("encoding", 3, 14)
    with pytest.raises(InvalidMapError):
        argmap.loads('{"argmap": 1, "title": "\udcff"}')


def test_wrong_argument_types_are_usage_errors(tmp_path: Path) -> None:
    debate = argmap.ArgumentMap(claims={"c": argmap.Claim(id="c", text="x")})
    calls: list[Callable[[], object]] = [
        lambda: argmap.loads(12),  # type: ignore[arg-type]
        lambda: argmap.validates(None),  # type: ignore[arg-type]
        lambda: argmap.validates("argmap: 1\n", format="xml"),  # type: ignore[arg-type]
        lambda: argmap.validates("argmap: 1\n", file=3),  # type: ignore[arg-type]
        lambda: argmap.validates("argmap: 1\n", max_bytes="1"),  # type: ignore[arg-type]
        lambda: argmap.load(3.5),  # type: ignore[arg-type]
        lambda: argmap.validate_map({"claims": {}}),  # type: ignore[arg-type]
        lambda: argmap.dumps(debate, format="toml"),  # type: ignore[arg-type]
        lambda: argmap.dumps("argmap: 1"),  # type: ignore[arg-type]
        lambda: argmap.dump(debate, None),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(argmap.UsageError):
            call()
    with pytest.raises(ReadError):
        argmap.load(str(tmp_path / "a\x00b.yaml"))
    with pytest.raises(ReadError):
        argmap.validate(str(tmp_path / "a\ud800.yaml"))


def test_map_built_in_code_with_a_key_that_is_not_its_id() -> None:
    """Item 23: claims={"a": Claim(id="b")} passed validate_map; loads(dumps(m)) != m."""
    debate = argmap.ArgumentMap(claims={"a": argmap.Claim(id="b", text="x")})
    result = argmap.validate_map(debate)
    assert not result.ok
    assert result.map is None
    (found,) = result.diagnostics
    assert found.code == "model"
    assert found.location.pointer == "/claims/a/id"
    assert "stored under the key 'a' but its id is 'b'" in found.message
    assert found.hint == "use the same id for both: claims={'b': Claim(id='b', ...)}"
    with pytest.raises(InvalidMapError) as info:
        argmap.dumps(debate)
    assert info.value.diagnostics == result.diagnostics


def test_model_invariants_every_problem_named_by_path() -> None:
    debate = argmap.ArgumentMap(
        title=5,  # type: ignore[arg-type]
        sides={"s": argmap.Claim(id="s", text="x")},
        sources={"src": argmap.Source(id="src", date=2019)},  # type: ignore[arg-type]
        claims={
            "c": argmap.Claim(id="c", text="x", main="yes", tags=("a", 3)),  # type: ignore[arg-type]
            "d": argmap.Claim(id="d", text="\udc80"),
        },
        evidence={
            "e": argmap.Evidence(id="e", text="x", type="fact",  # type: ignore[arg-type]
                                 source=argmap.Source(id="src", title="T")),
        },
        arguments={"r": argmap.Argument(id="r", premises=["c", None], conclusion="d")},  # type: ignore[list-item]
        attacks=[argmap.Attack(attacker="c", target="d", type="rebut")],  # type: ignore[arg-type]
        contradictions=["c, d"],  # type: ignore[list-item]
    )
    result = argmap.validate_map(debate)
    assert [d.location.pointer for d in result.diagnostics] == [
        "/title",
        "/sides/s",
        "/sources/src/date",
        "/claims/c/main",
        "/claims/c/tags/1",
        "/claims/d/text",
        "/evidence/e/type",
        "/evidence/e/source/id",
        "/arguments/r/premises/1",
        "/attacks/0/type",
        "/contradictions/0",
    ]
    assert {d.code for d in result.diagnostics} == {"model"}
    messages = [d.message for d in result.diagnostics]
    assert messages[0] == "`title` of the map must be a str or None, not int 5"
    assert "must be one of EvidenceType.FACT" in messages[6]


def test_ids_with_a_final_newline_built_in_code() -> None:
    """Item 5 at the code level: the id check of validate_map refuses them too."""
    debate = argmap.ArgumentMap(
        claims={"c\n": argmap.Claim(id="c\n", text="x"), "c": argmap.Claim(id="c", text="y")}
    )
    result = argmap.validate_map(debate)
    assert [d.location.pointer for d in result.diagnostics] == ["/claims/c\n"]
    assert "not a valid id (it contains a line break at its end)" in result.diagnostics[0].message
