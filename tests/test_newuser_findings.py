"""Findings of a new user trying argmap from its README (each is what the user sees)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap._words import count, noun
from argmap.af import extensions, read_framework

from .budget._run import run_argmap


def test_counted_nouns_agree_with_their_number() -> None:
    assert count(1, "argument") == "1 argument"
    assert count(0, "argument") == "0 arguments"
    assert count(2, "property", "properties") == "2 properties"
    assert noun(1, "attack") == "attack"


def test_framework_of_one_argument_is_singular(tmp_path: Path) -> None:
    """Finding 6: "framework of 1 arguments"."""
    path = tmp_path / "one.af"
    path.write_text("p af 1\n1 1\n", encoding="utf-8")
    outcome = run_argmap("evaluate", path)
    assert outcome.exit_code == 0, outcome.stderr
    assert "framework of 1 argument and 1 attack\n" in outcome.stdout
    two = tmp_path / "two.af"
    two.write_text("p af 2\n1 2\n2 1\n", encoding="utf-8")
    outcome = run_argmap("evaluate", two, "-s", "preferred", "-e", "5")
    assert "framework of 2 arguments and 2 attacks" in outcome.stdout
    assert "2 preferred extensions (all of them):" in outcome.stdout
    af = read_framework("p af 1\n", "af")
    assert repr(af) == "<Framework: 1 argument, 0 attacks>"
    assert "1 extension," in repr(extensions(af, "preferred"))


@pytest.mark.parametrize(("text", "expected"), [
    ("p af 2\n1 x\n3 1\n", "(and 1 more problem)"),
    ("p af 2\n3 1\n3 1\n3 1\n", "(and 2 more problems)"),
])
def test_more_problems_agree(text: str, expected: str) -> None:
    from argmap.af import FrameworkSyntaxError

    with pytest.raises(FrameworkSyntaxError) as caught:
        read_framework(text, "af")
    assert str(caught.value).endswith(expected)


def _syntax_error(text: str) -> str:
    """What ``argmap validate`` prints first for a YAML file with this text."""
    import argmap

    result = argmap.validates(text, format="yaml", file="m.yaml")
    assert not result.ok
    return str(result.diagnostics[0])


@pytest.mark.parametrize(("text", "where", "says"), [
    ('argmap: 1\nclaims:\n  a: {text: "It rains."\n', "m.yaml:3:6:",
     "the '{' here is never closed: the file ends first"),
    ('argmap: 1\nclaims:\n  a:\n    text: "It rains.\n', "m.yaml:4:11:",
     'the quote " that opens this text is never closed: the file ends first'),
    ("argmap: 1\nclaims:\n  a: {text: 'It rains.}\n", "m.yaml:3:13:",
     "the quote ' that opens this text is never closed"),
    ("argmap: 1\nclaims:\n  a:\n    tags: [x, y\n  b:\n    text: B\n", "m.yaml:4:11:",
     "the '[' here is never closed: line 5, column 4 is reached first"),
])
def test_unclosed_bracket_or_quote_points_where_it_opened(text: str, where: str,
                                                          says: str) -> None:
    """Finding 2: an error at the end of the file pointed past its last line."""
    shown = _syntax_error(text)
    assert shown.startswith(where)
    assert says in shown
    line = int(where.split(":")[1])
    assert line <= text.count("\n")


def test_error_at_the_end_stays_within_the_file() -> None:
    text = "argmap: 1\nclaims:\n  a:\n    text: A\n  d\n"
    shown = _syntax_error(text)
    assert shown.startswith("m.yaml:5:4: error[syntax]: could not find expected ':'")
    assert "at the end of the file" in shown
    assert "a key needs a ':' after it" in shown


@pytest.mark.parametrize("quote", ["\u201c", "\u2018", "\u00ab"])
def test_curly_quotes_hint_says_they_are_not_quotes(quote: str) -> None:
    """Finding 3: a text in typographic quotes with ': ' in it."""
    closing = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}[quote]
    shown = _syntax_error(f"argmap: 1\nclaims:\n  a:\n    text: {quote}Rutte: a "
                          f"threat{closing}\n")
    assert f"{quote} is a typographic quote" in shown
    assert "straight quotes" in shown


def test_indentation_hints_name_the_indentation() -> None:
    """Finding 3: a key indented too far, or too little, got a hint about ': '."""
    deeper = _syntax_error("argmap: 1\nclaims:\n  a:\n    text: A\n      note: x\n")
    assert deeper.startswith("m.yaml:5:")
    assert "indented 6 spaces, more than the line above (4)" in deeper
    assert "indent 'note:' by 4 spaces, as far as 'text:'" in deeper
    assert "must be quoted" not in deeper
    odd = _syntax_error("argmap: 1\nclaims:\n  a:\n    text: A\n   b:\n    text: B\n")
    assert odd.startswith("m.yaml:5:")
    assert "indented 3 spaces, but the keys of the mapping it belongs to (from line 3) " \
           "are indented 2" in odd
    colon = _syntax_error("argmap: 1\nclaims:\n  a:\n    text: It rains: a lot\n")
    assert "a text that contains ': ' must be quoted" in colon


def test_misspelt_ignore_code_is_reported(tmp_path: Path) -> None:
    """Finding 4: a misspelt code in `# argmap: ignore[...]` was silently accepted."""
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\nclaims:\n"
        "  a:  # argmap: ignore[unsuported-claim, support-cycle, Structure]\n"
        "    text: It rains all day in the city.\n"
        "  b:  # ARGMAP: IGNORE[unsupported-claim]\n"
        "    text: The streets are wet in the morning.\n", encoding="utf-8")
    outcome = run_argmap("check", path)
    lines = outcome.stdout.splitlines()
    unknown = [line for line in lines if "unknown-ignore-code" in line]
    assert unknown == [
        f"{path}:3:24: warning[unknown-ignore-code]: `# argmap: ignore[...]` names "
        "'unsuported-claim', which is no rule's code: it silences nothing (hint: did you "
        "mean 'unsupported-claim'?)",
        f"{path}:3:57: warning[unknown-ignore-code]: `# argmap: ignore[...]` names "
        "'Structure', which is no rule's code: it silences nothing (hint: 'structure' is "
        "a family of rules; a comment silences findings by their code: name the codes "
        "(`argmap check --list-rules` lists them))",
    ]
    # a known code still works: b's finding is silenced, a's (misspelt) is not
    assert not any(f"{path}:5:3: info[unsupported-claim]" in line for line in lines)
    assert any(f"{path}:3:3: info[unsupported-claim]" in line for line in lines)


def test_library_check_result_reports_unknown_ignore_codes() -> None:
    import argmap
    from argmap.check import check_result

    text = "argmap: 1\nclaims:\n  a:  # argmap: ignore[unsuported-claim]\n    text: A b c d.\n"
    result = argmap.validates(text, format="yaml", file="m.yaml")
    found = [d for d in check_result(result, text=text) if d.code == "unknown-ignore-code"]
    assert [(d.location.line, d.location.column) for d in found] == [(3, 24)]
    assert "did you mean 'unsupported-claim'?" in (found[0].hint or "")


def test_aif_dangling_edge_names_the_edge_and_the_missing_node() -> None:
    """Finding 5: the warning named the edge by its index and both nodes."""
    import json

    from argmap.convert import read_map

    text = json.dumps({
        "nodes": [{"nodeID": "1", "type": "I", "text": "It rains."},
                  {"nodeID": "2", "type": "RA", "text": "Default Inference"},
                  {"nodeID": "3", "type": "I", "text": "The streets are wet."}],
        "edges": [{"edgeID": "e7", "fromID": "1", "toID": "2"},
                  {"edgeID": "e8", "fromID": "2", "toID": "3"},
                  {"edgeID": "e9", "fromID": "2", "toID": "44"},
                  {"fromID": "55", "toID": "1"},
                  {"edgeID": "e11", "toID": "3"}],
    })
    result = read_map(text, "aif", file="d.json")
    found = {d.message: d for d in result.diagnostics if d.code == "unknown-reference"}
    assert set(found) == {
        "edge 'e9' ('2' -> '44') is left out: its toID '44' names no node of the file",
        "edge #4 (it has no edgeID) ('55' -> '1') is left out: its fromID '55' names no "
        "node of the file",
        "edge 'e11' ('' -> '3') is left out: it has no fromID",
    }
    located = found["edge 'e9' ('2' -> '44') is left out: its toID '44' names no node of "
                    "the file"].location
    assert located.file == "d.json"
    assert located.line == 1


@pytest.mark.parametrize("fmt", ["pdf", "PNG", "svg", "html", "dot"])
def test_export_map_to_a_drawing_points_to_render(fmt: str) -> None:
    """Finding 7: `export_map(m, "pdf")` listed microtexts, which argmap cannot write."""
    import argmap
    from argmap.convert import export_map

    debate = argmap.loads("argmap: 1\nclaims:\n  a: {text: It rains.}\n", format="yaml")
    with pytest.raises(argmap.UsageError) as caught:
        export_map(debate, fmt)
    message = str(caught.value)
    assert f"argmap.render.render(argument_map, {fmt.lower()!r})" in message
    assert "microtexts" not in message


def test_convert_to_a_pdf_file_points_to_render(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: {text: It rains.}\n", encoding="utf-8")
    outcome = run_argmap("convert", path, "-o", tmp_path / "m.pdf")
    assert outcome.exit_code == 2
    assert "a PDF is a drawing: use argmap render MAP -o out.pdf" in outcome.stderr
    assert "microtexts" not in outcome.stderr
    assert not (tmp_path / "m.pdf").exists()
    typo = run_argmap("convert", path, "--to", "mermad", "-o", tmp_path / "m.out")
    assert typo.exit_code == 2
    assert "did you mean 'mermaid'?" in typo.stderr


ARGDOWN = """# Uniforms

[Uniforms]: Schools should require uniforms.
  + <Cheaper>: Uniforms cost less than fashion.
    + [Costs]: A uniform costs 40 euros.
  - <Identity>: Uniforms suppress identity.

[Lonely]: Nobody links this.
"""


def test_argdown_findings_have_columns_in_the_library_and_the_cli(tmp_path: Path) -> None:
    """Findings 8 and 9: Argdown findings had lines but no columns, and a library
    caller of check_result got no lines at all (only the CLI did)."""
    import argmap
    from argmap.check import check_result

    path = tmp_path / "d.argdown"
    path.write_text(ARGDOWN, encoding="utf-8")
    result = argmap.validate(str(path))
    found = {(d.code, d.location.line, d.location.column) for d in check_result(result)}
    assert ("unsupported-claim", 5, 5) in found  # "    + [Costs]: ..."
    assert ("unanswered-objection", 6, 3) in found  # "  - <Identity>: ..."
    assert ("disconnected", 8, 1) in found
    assert result.locate("claims", "Lonely") == argmap.Location(
        str(path), 8, 1, "/claims/Lonely")
    outcome = run_argmap("check", path)
    assert f"{path}:5:5: info[unsupported-claim]" in outcome.stdout
    assert f"{path}:8:1: warning[disconnected]" in outcome.stdout


def test_argdown_import_notes_have_columns() -> None:
    from argmap.convert import read_map

    text = ("[A]: Cats purr.\n  >< [A]\n<P>: p.\n  +> [A]\n  +> [A]\n"
            "[B]: Dogs bark.\n    + [B]: Dogs bark loudly.\n")
    result = read_map(text, "argdown", file="x.argdown")
    found = sorted((d.code, d.location.line, d.location.column) for d in result.diagnostics)
    assert found == [("approximated", 2, 3), ("duplicate-relation", 5, 3),
                     ("other-text", 7, 5)]


@pytest.mark.parametrize(("text", "where", "says"), [
    ('{"argmap": 1,\n "claims": {"a": {"text": "x"}\n', "m.json:2:12:",
     "the '{' here is never closed: the file ends first"),
    ('{"argmap": 1,\n "claims": {"a": {"text": "x}}}\n', "m.json:2:27:",
     "the string that starts here is never closed: line 2 ends first"),
    ('{"a": "x\\"y", "b": [1, 2\n', "m.json:1:20:", "the '[' here is never closed"),
])
def test_json_errors_at_the_end_point_where_the_bracket_or_string_opened(
        text: str, where: str, says: str) -> None:
    """Finding 2, for JSON: the parser stops at the end of the file, past the last line."""
    import argmap

    result = argmap.validates(text, format="json", file="m.json")
    shown = str(result.diagnostics[0])
    assert shown.startswith(where)
    assert says in shown
