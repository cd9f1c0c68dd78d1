"""Argdown: the subset parser against what Argdown itself reads, import, export, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap._formats.argdown import parse_argdown
from argmap.cli import _app
from argmap.convert import export_losses, export_map, import_map, read_map
from argmap.errors import Severity
from argmap.model import AttackType

ROOT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "argdown"
REFERENCE: dict[str, dict[str, object]] = (
    json.loads((ROOT / "reference-counts.json").read_text(encoding="utf-8"))
    if ROOT.is_dir() else {}
)
#: Files whose counts differ from Argdown's, and why (kept short on purpose: a new
#: mismatch fails the test, a fixed one too, so this list stays true).
KNOWN_MISMATCHES = {
    # Argdown rejects these; the subset parser reads them.
    "core-tests/lexer-argument.argdown": "invalid YAML inside inline data is not checked",
    "core-tests/lexer-definitions-references.argdown": "empty definitions are accepted",
    "core-tests/lexer-lists.argdown": "nested lists are read as statements",
    "doc-snippets/docs__guide__adding-images__000.argdown": "fails in Argdown's image plugin",
}


def _matches(name: str, expected: dict[str, object]) -> bool:
    model = parse_argdown((ROOT / name).read_text(encoding="utf-8"), name)
    if not expected["valid"]:
        return not model.ok
    got = model.counts()
    return model.ok and all(got[k] == expected[k] for k in ("statements", "arguments",
                                                             "relations"))


def test_counts_match_argdown(corpora: Path) -> None:
    mismatches = {name for name, expected in REFERENCE.items()
                  if not _matches(name, expected)}
    assert mismatches == set(KNOWN_MISMATCHES)
    assert len(REFERENCE) - len(mismatches) >= 219


@pytest.mark.parametrize("name", sorted(REFERENCE), ids=lambda n: n.split("/")[-1][:40])
def test_every_valid_file_imports_to_a_valid_map(name: str) -> None:
    if not REFERENCE[name]["valid"]:
        pytest.skip("Argdown itself rejects this file")
    result = read_map((ROOT / name).read_bytes(), "argdown", file=name)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.map is not None
    assert argmap.validate_map(result.map).ok


def test_a_first_example() -> None:
    text = """
[Censorship]: Censorship is not wrong in principle. #core
  + <Racial hatred>: Legislation against incitement to racial hatred is permissible.
    - <Inclusive debate>: Censorship drives racists underground. {source: "C1"}
  - <Free speech>: Everyone must be free to express herself.
    + [Absolute]: Freedom of speech is an absolute right.
      _ <No harm>: Freedom of speech ends where it harms others.
"""
    result = read_map(text, "argdown")
    assert result.ok
    assert result.map is not None
    m = result.map
    assert m.claims["Censorship"].tags == ("core",)
    # An argument without premise-conclusion structure: a gist claim and its support.
    assert m.claims["Racial-hatred-gist"].text.startswith("Legislation")
    assert m.arguments["Racial-hatred"].premises == ("Racial-hatred-gist",)
    assert m.arguments["Racial-hatred"].conclusion == "Censorship"
    kinds = {(a.attacker, a.target): m.attack_type(a) for a in m.attacks}
    assert kinds[("Inclusive-debate-gist", "Racial-hatred-gist")] is AttackType.UNDERMINE
    assert kinds[("Free-speech-gist", "Censorship")] is AttackType.REBUT
    assert any(d.code == "not-imported" for d in result.diagnostics)  # inline data


def test_premise_conclusion_structures_become_inference_steps() -> None:
    text = """<Chain>: Two steps.

(1) [P1]: First premise.
(2) Second premise.
-- Modus ponens --
(3) [Mid]: Intermediate.
(4) Third premise.
----
(5) [End]: Conclusion.
    <_ <Doubt>: The last step is weak.
"""
    m = import_map(text, "argdown")
    step, last = m.arguments["Chain-step1"], m.arguments["Chain"]
    assert step.premises[0] == "P1"
    assert step.conclusion == "Mid"
    assert step.scheme == "Modus ponens"
    assert last.premises[0] == "Mid"
    assert last.conclusion == "End"
    (undercut,) = m.attacks
    assert (undercut.target, undercut.type) == ("Chain", AttackType.UNDERCUT)


def test_strict_mode_relations_and_contradictions() -> None:
    text = ("===\nmodel:\n    mode: strict\n===\n\n"
            "[a]: A\n    +> [b]: B\n    -> [c]: C\n    >< [d]: D\n")
    model = parse_argdown(text)
    assert model.counts()["relations"] == {"entails": 1, "contrary": 1, "contradictory": 1}
    m = import_map(text, "argdown")
    assert m.arguments["a-to-b"].scheme == "entailment"
    assert [c.claims for c in m.contradictions] == [("a", "d")]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("\n    + [b]: orphan relation", 2, 5),
        ("[a]: A\n  +", 2, 3),
        ("===\ntitle: never closed\n", 1, 1),
        ("<A>(1): statement by number", 1, 1),
        ("<a>\n\n(1) p\n--\nrule without end\n", 4, 1),
    ],
)
def test_unsupported_or_broken_constructs_get_a_located_diagnostic(text: str, line: int,
                                                                   column: int) -> None:
    result = read_map(text, "argdown", file="x.argdown")
    assert result.map is None
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert errors
    assert (errors[0].location.line, errors[0].location.column) == (line, column)


@given(st.text(alphabet=st.sampled_from(list("[]<>()+-_#{}:*/ \n\tab1=.\\!")), max_size=300))
def test_any_text_parses_without_crashing(text: str) -> None:
    result = read_map(text, "argdown")
    if result.map is not None:
        assert argmap.validate_map(result.map).ok


def test_deep_indentation_is_no_recursion() -> None:
    lines = ["[a]: root"] + [" " * (i + 1) + f"+ [s{i}]: x" for i in range(5000)]
    m = import_map("\n".join(lines), "argdown")
    assert len(m.arguments) == 5000


def test_export_escapes_what_argdown_would_read_as_syntax() -> None:
    m = import_map('{"nodes": [{"nodeID": "c", "type": "I", '
                   '"text": "[x] <y> #z {w} // not a comment /* no */ \\\\"}]}', "aif")
    text = export_map(m, "argdown")
    assert text.splitlines()[0] == r"[c]: \[x\] \<y\> \#z \{w\} \/\/ not a comment \/\* no \*\/ \\"
    assert import_map(text, "argdown").claims["c"].text == m.claims["c"].text


def test_export_reports_what_argdown_cannot_say(corpora: Path) -> None:
    raw = (corpora / "microtexts" / "en" / "micro_b001.xml").read_bytes()
    debate = import_map(raw, "microtexts")
    losses = export_losses(debate, "argdown")
    assert any("undercuts another attack" in d.message for d in losses)
    assert all(d.code == "export-loss" for d in losses)
    text = export_map(debate, "argdown")
    assert "Not expressible in Argdown" in text
    back = import_map(text, "argdown")
    assert set(debate.claims) <= set(back.claims)
    assert export_losses(debate, "aif") == ()


@pytest.mark.parametrize("text", ["#()", "[]", "<>", "(1)", "--\n--", "[a]: {", "\\", "@[", "><"])
def test_odd_fragments_never_crash(text: str) -> None:
    result = read_map(text, "argdown")
    if result.map is not None:
        assert argmap.validate_map(result.map).ok


def test_ids_from_titles_in_other_scripts_stay_readable_and_unique() -> None:
    # Issue 7, item 12: [Überwachung] used to become `berwachung`, [Ärger] `rger`.
    text = (
        "[Überwachung]: Mehr Kameras.\n"
        "[Ärger]: Viel Ärger.\n"
        "[监控社会]: 监控无处不在。\n"
        "[Наблюдение]: Камеры везде.\n"
        "[Arger]: Another one, whose id would be the same.\n"
    )
    result = read_map(text, "argdown")
    assert result.ok, result.diagnostics
    assert result.map is not None
    ids = set(result.map.claims)
    assert {"Uberwachung", "Arger", "JianKongSheHui", "Nablyudenie"} <= ids
    assert len(ids) == 5
    texts = {c.text for c in result.map.claims.values()}
    assert "Viel Ärger." in texts


@pytest.mark.parametrize("tag", [
    "x)\n    <- [Injected]: text #(y",   # issue 8, item 4
    "a // b", "a /* b", "<!-- a", "a -->", "(x)", "a\r\n+ [B]: b", "\x00 nul",
])
def test_a_tag_never_injects_structure_into_the_export(tag: str) -> None:
    # Built in code: the format refuses line breaks and control characters in tags when
    # a file is read (issue 8, item 5), but the writer must hold for any map it is given.
    m = argmap.ArgumentMap(claims={
        "a": argmap.Claim(id="a", text="A claim.", tags=(tag,)),
        "b": argmap.Claim(id="b", text="Another claim.")})
    text = export_map(m, "argdown")
    result = read_map(text, "argdown")
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.map is not None
    assert set(result.map.claims) == {"a", "b"}
    assert not result.map.attacks
    assert not result.map.arguments
    assert len(result.map.claims["a"].tags) == 1
    if result.map.claims["a"].tags != (tag,):
        assert any("tags changed" in d.message and "'a'" in d.message
                   for d in export_losses(m, "argdown"))


@given(st.text(alphabet=st.sampled_from(list("[]<>()+-_#{}:*/\\@ \n\r\t\x00\x1fab")),
               min_size=1, max_size=40),
       st.text(alphabet=st.sampled_from(list("[]<>()+-_#{}:*/\\@ \n\r\t\x00\x1fab")),
               min_size=1, max_size=20))
def test_no_text_or_tag_adds_elements_to_the_export(text: str, tag: str) -> None:
    m = argmap.ArgumentMap(claims={"a": argmap.Claim(id="a", text=text, tags=(tag,)),
                                   "b": argmap.Claim(id="b", text="B.")},
                           arguments={"r": argmap.Argument(id="r", premises=("a",),
                                                           conclusion="b", scheme=text)})
    if not argmap.validate_map(m).ok:
        return
    back = import_map(export_map(m, "argdown"), "argdown")
    assert set(back.claims) == {"a", "b"}
    assert set(back.arguments) == {"r"}
    assert back.arguments["r"].premises == ("a",)
    assert not back.attacks


def test_argdown_files_are_read_by_validate_check_evaluate_and_render(tmp_path: Path) -> None:
    # Issue 11: `.argdown` files directly, conversion notes with their line and column.
    path = tmp_path / "debate.argdown"
    path.write_text("[T]: Tea is good.\n    + <Warm>: It warms you.\n\n"
                    "<A>\n\n(1) [P]: Tea has caffeine.\n----\n(2) [T]\n\n"
                    "[S]: Studies say so.\n    +> <A>\n", encoding="utf-8")
    app = _app()
    runner = CliRunner()
    result = runner.invoke(app, ["validate", str(path)])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    assert f"{path}:11:" in result.output
    assert "approximated" in result.output
    result = runner.invoke(app, ["check", str(path)])  # type: ignore[arg-type]
    assert result.exit_code in (0, 1)
    assert "syntax" not in result.output
    assert "YAML" not in result.output
    result = runner.invoke(app, ["evaluate", str(path)])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    assert "T" in result.output
    out = tmp_path / "debate.dot"
    result = runner.invoke(app, ["render", str(path), "-o", str(out)])  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    assert "digraph" in out.read_text(encoding="utf-8")
    broken = tmp_path / "broken.argdown"
    broken.write_text("[a]: A\n\n    + [b]: orphan\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])  # type: ignore[arg-type]
    assert result.exit_code == 1
    assert f"{broken}:3:5:" in result.output


@pytest.mark.parametrize("title", ["a {b", "a // b", "a /* b", "x] <y>", "a\\b", "<!-- c"])
def test_titles_come_back_without_adding_elements(title: str) -> None:
    from argmap._formats.graph import readable_id

    node_id = readable_id(title)
    m = argmap.ArgumentMap(claims={
        node_id: argmap.Claim(id=node_id, text="A.", title=title),
        "zz": argmap.Claim(id="zz", text="B.")})
    back = import_map(export_map(m, "argdown"), "argdown")
    assert set(back.claims) == {node_id, "zz"}
    assert back.claims[node_id].title == title
