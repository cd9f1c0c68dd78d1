"""``argmap lsp`` end to end: a real client over the server's standard input and output.

One server is started for the module (``LspClient`` in tests/test_lsp_client.py); each
test opens its own documents.  Positions in requests and answers are LSP's: 0-based
lines, columns in UTF-16 code units (the maps have non-ASCII text before the ids).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from tests.test_lsp_client import ARGMAP, LspClient, uri_of

# A map whose argument names a premise that does not exist (`harmm`), with text outside
# the Basic Multilingual Plane (two UTF-16 units) before ids on the same lines.
MISSPELLED = textwrap.dedent("""\
    argmap: 1
    title: Téléphones à l'école 😋
    sides:
      pro: {name: "Für 😋 ein Verbot"}
    claims:
      thesis: {text: "Schools should ban phones 😋", main: true, side: pro}
      harm: {text: "Phones harm pupils' focus in class", side: pro}
      fun: {text: "Phones make breaks more fun for pupils"}
    arguments:
      a1:
        premises: [harmm]
        conclusion: thesis
    attacks:
      - {note: "😋 é 😋", attacker: fun, target: harm}
    """)

# The same map, spelled right: valid.
VALID = MISSPELLED.replace("[harmm]", "[harm]")


def position(text: str, line: int, needle: str, nth: int = 0) -> dict[str, int]:
    """The LSP position (UTF-16 column) of the ``nth`` ``needle`` on 0-based ``line``."""
    row = text.split("\n")[line]
    index = -1
    for _ in range(nth + 1):
        index = row.index(needle, index + 1)
    return {"line": line, "character": len(row[:index].encode("utf-16-le")) // 2}


def line_of(text: str, needle: str) -> int:
    return next(i for i, row in enumerate(text.split("\n")) if needle in row)


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` after LSP text edits (UTF-16 ranges), applied from the last one."""
    rows = text.split("\n")

    def offset(pos: dict[str, int]) -> int:
        row = rows[pos["line"]]
        units = row.encode("utf-16-le")[: 2 * pos["character"]].decode("utf-16-le")
        return sum(len(r) + 1 for r in rows[: pos["line"]]) + len(units)

    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"])
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(workspace_edit: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    if workspace_edit.get("documentChanges"):
        return [e for change in workspace_edit["documentChanges"]
                if change["textDocument"]["uri"] == uri for e in change["edits"]]
    found: list[dict[str, Any]] = workspace_edit["changes"][uri]
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lsp")


@pytest.fixture(scope="module")
def client(folder: Path) -> Iterator[LspClient]:
    lsp = LspClient([*ARGMAP, "lsp", "--debounce", "20"], cwd=folder)
    lsp.initialize(folder)
    yield lsp
    assert lsp.close() == 0, lsp.stderr()


def opened(client: LspClient, folder: Path, name: str, text: str,
           language: str = "yaml") -> tuple[str, list[dict[str, Any]]]:
    """Open ``text`` as ``folder/name``; its URI and first diagnostics."""
    uri = uri_of(folder / name)
    client.open(uri, text, language)
    return uri, client.diagnostics(uri, 1)


def doc(uri: str, pos: dict[str, int], **extra: Any) -> dict[str, Any]:
    return {"textDocument": {"uri": uri}, "position": pos, **extra}


# ------------------------------------------------------------------ the issue's examples


def test_issue_example_1_misspelled_id_diagnostic_at_its_line(client: LspClient,
                                                              folder: Path) -> None:
    _uri, diagnostics = opened(client, folder, "misspelled.argmap.yaml", MISSPELLED)
    unknown = [d for d in diagnostics if d["code"] == "unknown-reference"]
    assert len(unknown) == 1, diagnostics
    found = unknown[0]
    row = line_of(MISSPELLED, "[harmm]")
    start = position(MISSPELLED, row, "harmm")
    assert found["range"] == {"start": start,
                              "end": {"line": row, "character": start["character"] + 5}}
    assert found["severity"] == 1
    assert found["source"] == "argmap"
    assert "'harmm' does not exist" in found["message"]
    assert "did you mean 'harm'?" in found["message"]


def test_issue_example_2_id_among_completions_with_text(client: LspClient,
                                                        folder: Path) -> None:
    text = MISSPELLED.replace("[harmm]", "[harm, f]")
    uri, _ = opened(client, folder, "complete.argmap.yaml", text)
    row = line_of(text, "[harm, f]")
    at = position(text, row, "f]")
    at["character"] += 1  # after the `f` being typed
    result = client.request("textDocument/completion", doc(uri, at))
    items = {item["label"]: item for item in result["items"]}
    # premises are claims or evidence: every claim, no side, no argument
    assert set(items) == {"thesis", "harm", "fun"}
    assert items["fun"]["detail"] == "Phones make breaks more fun for pupils"


def test_issue_example_3_rename_edits_every_use(client: LspClient, folder: Path) -> None:
    uri, _ = opened(client, folder, "rename.argmap.yaml", VALID)
    row = line_of(VALID, "attacker: fun, target: harm")
    at = position(VALID, row, "harm")
    prepared = client.request("textDocument/prepareRename", doc(uri, at))
    assert prepared["placeholder"] == "harm"
    edit = client.request("textDocument/rename", doc(uri, at, newName="focus-harm"))
    edits = edits_of(edit, uri)
    # the definition, the premise and the attack's target
    assert len(edits) == 3
    renamed = apply_edits(VALID, edits)
    result = argmap.validates(renamed, format="yaml")
    assert result.ok, result.diagnostics
    assert result.map is not None
    assert "harm" not in result.map.claims
    assert result.map.arguments["a1"].premises == ("focus-harm",)
    assert result.map.attacks[0].target == "focus-harm"
    assert "😋 é 😋" in renamed  # the rest of the line is untouched


# ------------------------------------------------------------------ diagnostics


def test_columns_count_utf16_units_after_astral_characters(client: LspClient,
                                                           folder: Path) -> None:
    text = VALID.replace("attacker: fun, target: harm", "attacker: fnu, target: harm")
    _uri, diagnostics = opened(client, folder, "astral.argmap.yaml", text)
    (found,) = [d for d in diagnostics if d["code"] == "unknown-reference"]
    row = line_of(text, "attacker: fnu")
    start = position(text, row, "fnu")
    # "😋 é 😋" holds two characters of two UTF-16 units each before the id
    assert start["character"] == text.split("\n")[row].index("fnu") + 2
    assert found["range"]["start"] == start
    assert found["range"]["end"]["character"] == start["character"] + 3


def test_check_findings_carry_rule_code_and_severity(client: LspClient,
                                                     folder: Path) -> None:
    text = VALID + "evidence:\n  e1: {text: \"Pupils with phones scored lower in tests\"}\n"
    _uri, diagnostics = opened(client, folder, "check.argmap.yaml", text)
    codes = {d["code"]: d for d in diagnostics}
    # a warning (evidence without source) and a note (unanswered objection)
    assert codes["evidence-without-source"]["severity"] == 2
    assert codes["evidence-without-source"]["range"]["start"]["line"] == line_of(text, "e1:")
    assert codes["unanswered-objection"]["severity"] == 3


def test_check_configuration_of_the_folder_applies(client: LspClient, folder: Path) -> None:
    sub = folder / "quiet"
    sub.mkdir()
    (sub / "argmap.toml").write_text('[check]\nignore = ["unanswered-objection"]\n')
    _, diagnostics = opened(client, sub, "configured.argmap.yaml", VALID)
    assert "unanswered-objection" not in {d["code"] for d in diagnostics}


def test_edits_update_diagnostics_and_only_the_latest_version_counts(
        client: LspClient, folder: Path) -> None:
    uri, diagnostics = opened(client, folder, "edits.argmap.yaml", MISSPELLED)
    assert any(d["code"] == "unknown-reference" for d in diagnostics)
    seen = len(client.notifications)
    for version in range(2, 8):  # typing fast: only the last version matters
        client.change(uri, version, VALID if version % 2 else MISSPELLED)
    final = client.diagnostics(uri, 7, after=seen)
    assert [d for d in final if d["severity"] == 1] == []
    client.change(uri, 8, MISSPELLED)
    assert any(d["code"] == "unknown-reference" for d in client.diagnostics(uri, 8))


def test_incremental_changes_are_applied(client: LspClient, folder: Path) -> None:
    uri, _ = opened(client, folder, "incremental.argmap.yaml", VALID)
    row = line_of(VALID, "attacker: fun")
    start = position(VALID, row, "fun")
    end = {"line": row, "character": start["character"] + 3}
    # as editors send it: only the range that changed (here after astral characters)
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": start, "end": end}, "text": "fnu"}]})
    (found,) = [d for d in client.diagnostics(uri, 2) if d["code"] == "unknown-reference"]
    assert found["range"] == {"start": start, "end": end}
    assert "did you mean 'fun'?" in found["message"]


def test_requests_are_answered_while_a_large_map_is_analysed(client: LspClient,
                                                             folder: Path) -> None:
    small, _ = opened(client, folder, "small.argmap.yaml", VALID)
    n = 10000  # seconds of validation and check: far longer than a hover takes
    big_text = "argmap: 1\nclaims:\n" + "".join(
        f"  c{i}: {{text: Claim number {i} is one claim of a long chain.}}\n"
        for i in range(n)) + "arguments:\n" + "".join(
        f"  a{i}: {{premises: [c{i + 1}], conclusion: c{i}}}\n" for i in range(n - 1))
    big = uri_of(folder / "big.argmap.yaml")
    client.open(big, big_text)
    at = position(VALID, line_of(VALID, "conclusion: thesis"), "thesis")
    asked = client.request_async("textDocument/hover", doc(small, at))
    answer = client.response(asked)
    assert "Schools should ban phones" in answer["result"]["contents"]["value"]
    published = client.wait_for("textDocument/publishDiagnostics",
                                lambda p: p.get("uri") == big, timeout=120)
    # the hover did not wait for the large map's validation and check
    assert answer["_received"] < published["_received"]


def test_quick_fix_replaces_the_misspelled_id(client: LspClient, folder: Path) -> None:
    uri, diagnostics = opened(client, folder, "fix.argmap.yaml", MISSPELLED)
    (found,) = [d for d in diagnostics if d["code"] == "unknown-reference"]
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": found["range"],
        "context": {"diagnostics": [found]}})
    (action,) = actions
    assert action["kind"] == "quickfix"
    assert action["title"] == "Replace 'harmm' with 'harm'"
    fixed = apply_edits(MISSPELLED, edits_of(action["edit"], uri))
    assert fixed == VALID
    client.change(uri, 2, fixed)
    assert [d for d in client.diagnostics(uri, 2) if d["severity"] == 1] == []


def test_quick_fix_for_a_misspelled_key_and_attack_type(client: LspClient,
                                                        folder: Path) -> None:
    text = VALID.replace("conclusion: thesis", "conclusion: thesis\n    titel: Focus") \
                .replace("target: harm}", "target: harm, type: undermin}")
    uri, diagnostics = opened(client, folder, "fix-keys.argmap.yaml", text)
    fixes: list[dict[str, Any]] = []
    for found in diagnostics:
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": found["range"],
            "context": {"diagnostics": [found]}})
        fixes.extend(edits_of(a["edit"], uri)[0] for a in actions)
    assert sorted(e["newText"] for e in fixes) == ["title", "undermine"]
    fixed = apply_edits(text, fixes)
    assert argmap.validates(fixed, format="yaml").ok


def test_json_maps_are_served_too(client: LspClient, folder: Path) -> None:
    data = argmap.dumps(argmap.loads(VALID, format="yaml"), format="json")
    text = data.replace('"conclusion": "thesis"', '"conclusion": "thesys"')
    assert text != data
    uri, diagnostics = opened(client, folder, "map.json", text, "json")
    (found,) = [d for d in diagnostics if d["code"] == "unknown-reference"]
    assert "did you mean 'thesis'?" in found["message"]
    row = found["range"]["start"]["line"]
    definition = client.request("textDocument/definition",
                                doc(uri, position(text, row, "thesys")))
    assert definition is None  # nothing is called thesys
    at = position(text, line_of(text, '"harm"'), "harm")
    refs = client.request("textDocument/references",
                          doc(uri, at, context={"includeDeclaration": True}))
    assert len(refs) == 3


def test_argdown_files_get_validate_and_check_diagnostics(client: LspClient,
                                                          folder: Path) -> None:
    text = "[Thesis]: Schools should ban phones.\n  <+ <Focus>: Phones harm focus.\n" \
           "  <+ <Focus>: Phones harm focus, again.\n"
    path = folder / "debate.argdown"
    path.write_text(text, encoding="utf-8")
    _, diagnostics = opened(client, folder, "debate.argdown", text, "argdown")
    done = subprocess.run([*ARGMAP, "check", "--format", "json", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    expected = json.loads(done.stdout)
    expected = expected["files"][0]["diagnostics"] if "files" in expected else expected
    assert {d["code"] for d in diagnostics} == {d["code"] for d in expected}
    # the repeated relation is noted at its Argdown line
    assert any(d["code"] == "duplicate-relation" and d["range"]["start"]["line"] == 2
               for d in diagnostics)


def test_yaml_and_json_files_that_are_not_maps_stay_quiet(client: LspClient,
                                                         folder: Path) -> None:
    _, diagnostics = opened(client, folder, "ci.yaml", "name: CI\non: [push]\n")
    assert diagnostics == []
    _, diagnostics = opened(client, folder, "package.json", '{"name": "x"}', "json")
    assert diagnostics == []
    # a map is known by its `argmap:` key, or by its name
    _, diagnostics = opened(client, folder, "one-line.json", '{"argmap": 1, "claims": 3}',
                            "json")
    assert [d["code"] for d in diagnostics] == ["schema"]
    _, diagnostics = opened(client, folder, "named.argmap.yaml", "claims: {}\n")
    assert "missing `argmap`" in diagnostics[0]["message"]


def test_closing_a_document_clears_its_diagnostics(client: LspClient, folder: Path) -> None:
    uri, _ = opened(client, folder, "closed.argmap.yaml", MISSPELLED)
    seen = len(client.notifications)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, after=seen) == []


# ------------------------------------------------------------------ navigation


def test_definition_and_references(client: LspClient, folder: Path) -> None:
    uri, _ = opened(client, folder, "nav.argmap.yaml", VALID)
    use = position(VALID, line_of(VALID, "attacker: fun"), "harm")
    definition = client.request("textDocument/definition", doc(uri, use))
    row = line_of(VALID, "harm: {text")
    assert definition == {"uri": uri, "range": {
        "start": {"line": row, "character": 2}, "end": {"line": row, "character": 6}}}
    refs = client.request("textDocument/references",
                          doc(uri, use, context={"includeDeclaration": False}))
    lines = sorted(r["range"]["start"]["line"] for r in refs)
    assert lines == [line_of(VALID, "[harm]"), line_of(VALID, "attacker: fun")]
    with_declaration = client.request("textDocument/references",
                                      doc(uri, use, context={"includeDeclaration": True}))
    assert len(with_declaration) == 3
    # sides are a namespace of their own
    side_use = position(VALID, line_of(VALID, "thesis: {text"), "pro")
    side_refs = client.request("textDocument/references",
                               doc(uri, side_use, context={"includeDeclaration": True}))
    assert len(side_refs) == 3


def test_hover_shows_text_and_grounded_status(client: LspClient, folder: Path) -> None:
    uri, _ = opened(client, folder, "hover.argmap.yaml", VALID)
    at = position(VALID, line_of(VALID, "conclusion: thesis"), "thesis")
    hover = client.request("textDocument/hover", doc(uri, at))
    value = hover["contents"]["value"]
    assert "**claim** `thesis` (main claim)" in value
    assert "Schools should ban phones 😋" in value
    # harm is defeated by the unanswered `fun`, so the thesis has no standing support
    assert "status (grounded): **out**" in value
    fun = position(VALID, line_of(VALID, "attacker: fun"), "fun")
    assert "status (grounded): **in**" in client.request(
        "textDocument/hover", doc(uri, fun))["contents"]["value"]
    nothing = position(VALID, 0, "argmap")
    assert client.request("textDocument/hover", doc(uri, nothing)) is None


def test_document_symbols_outline_sides_claims_arguments(client: LspClient,
                                                         folder: Path) -> None:
    uri, _ = opened(client, folder, "outline.argmap.yaml", VALID)
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    outline = {s["name"]: [c["name"] for c in s.get("children", [])] for s in symbols}
    assert outline == {"sides": ["pro"], "claims": ["thesis", "harm", "fun"],
                       "arguments": ["a1"], "attacks": []}
    claims = next(s for s in symbols if s["name"] == "claims")
    for child in claims["children"]:
        start, end = child["range"]["start"], child["range"]["end"]
        assert (start["line"], start["character"]) <= (
            child["selectionRange"]["start"]["line"],
            child["selectionRange"]["start"]["character"])
        assert end["line"] == start["line"]  # one line each in this map


# ------------------------------------------------------------------ rename refusals


def test_prepare_rename_refuses_what_is_not_an_id(client: LspClient, folder: Path) -> None:
    uri, _ = opened(client, folder, "norename.argmap.yaml", VALID)
    text_pos = position(VALID, line_of(VALID, "harm: {text"), "Phones")
    assert client.request("textDocument/prepareRename", doc(uri, text_pos)) is None
    key_pos = position(VALID, line_of(VALID, "conclusion: thesis"), "conclusion")
    assert client.request("textDocument/prepareRename", doc(uri, key_pos)) is None


def test_rename_refuses_invalid_and_taken_names(client: LspClient, folder: Path) -> None:
    uri, _ = opened(client, folder, "badrename.argmap.yaml", VALID)
    at = position(VALID, line_of(VALID, "harm: {text"), "harm")
    error = client.request_error("textDocument/rename", doc(uri, at, newName="two words"))
    assert "not a valid id" in error["message"]
    error = client.request_error("textDocument/rename", doc(uri, at, newName="fun"))
    assert "already used by claim 'fun'" in error["message"]


def test_rename_to_a_yaml_keyword_is_quoted(client: LspClient, folder: Path) -> None:
    uri, _ = opened(client, folder, "quoted.argmap.yaml", VALID)
    at = position(VALID, line_of(VALID, "harm: {text"), "harm")
    edit = client.request("textDocument/rename", doc(uri, at, newName="true"))
    renamed = apply_edits(VALID, edits_of(edit, uri))
    result = argmap.validates(renamed, format="yaml")
    assert result.ok, result.diagnostics
    assert result.map is not None
    assert "true" in result.map.claims


# ------------------------------------------------------------------ completion contexts


@pytest.mark.parametrize(("line", "after", "expected"), [
    ("    conclusion: ", "", {"thesis", "harm", "fun"}),
    ("  - {attacker: fun, target: ", "}", {"thesis", "harm", "fun", "a1"}),
    ("      side: ", "", {"pro"}),
])
def test_completion_offers_the_kinds_the_key_takes(client: LspClient, folder: Path,
                                                   line: str, after: str,
                                                   expected: set[str]) -> None:
    text = VALID + "extra:\n" + line + after + "\n"
    uri, _ = opened(client, folder, f"kinds-{len(line)}.argmap.yaml", text)
    row = len(text.split("\n")) - 2
    result = client.request("textDocument/completion",
                            doc(uri, {"line": row, "character": len(line)}))
    assert {i["label"] for i in result["items"]} == expected


def test_completion_in_a_block_list_while_the_text_is_broken(client: LspClient,
                                                             folder: Path) -> None:
    uri, _ = opened(client, folder, "typing.argmap.yaml", VALID)
    text = VALID.replace("premises: [harm]", "premises:\n      - harm\n      - ")
    text = text.replace("attacks:\n", "attacks:\n  - {attacker: [\n")  # not YAML now
    client.change(uri, 2, text)
    client.diagnostics(uri, 2)
    row = line_of(text, "      - ") + 1
    result = client.request("textDocument/completion",
                            doc(uri, {"line": row, "character": 8}))
    assert {i["label"] for i in result["items"]} == {"thesis", "harm", "fun"}
    nothing = client.request("textDocument/completion",
                             doc(uri, {"line": 1, "character": 8}))
    assert nothing is None


# ------------------------------------------------------------------ other encodings


def test_utf8_position_encoding_when_the_client_asks(folder: Path) -> None:
    lsp = LspClient([*ARGMAP, "lsp"], cwd=folder)
    try:
        capabilities = lsp.initialize(folder, encodings=("utf-8",))["capabilities"]
        assert capabilities["positionEncoding"] == "utf-8"
        text = VALID.replace("attacker: fun", "attacker: fnu")
        uri = uri_of(folder / "utf8.argmap.yaml")
        lsp.open(uri, text)
        (found,) = [d for d in lsp.diagnostics(uri, 1) if d["code"] == "unknown-reference"]
        row = text.split("\n")[line_of(text, "attacker: fnu")]
        assert found["range"]["start"]["character"] == len(
            row[: row.index("fnu")].encode("utf-8"))
    finally:
        assert lsp.close() == 0


# ------------------------------------------------------------------ the command


def test_without_pygls_the_command_names_the_extra() -> None:
    code = ("import sys; sys.modules['pygls'] = None\n"
            "from argmap.cli import main; main(['lsp'])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert "pip install 'argmap[lsp]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_exit_without_shutdown_is_code_1(folder: Path) -> None:
    lsp = LspClient([*ARGMAP, "lsp"], cwd=folder)
    lsp.initialize(folder)
    lsp.notify("exit", None)
    assert lsp.process.wait(30) == 1
    assert "Traceback" not in lsp.stderr()
    lsp.close()


def test_help_names_the_setup_page() -> None:
    done = subprocess.run([*ARGMAP, "lsp", "--help"], capture_output=True, text=True,
                          timeout=60, check=False, env={**os.environ, "COLUMNS": "100"})
    assert done.returncode == 0
    assert "docs/lsp.md" in done.stdout
    assert "--debounce MS" in done.stdout


def test_malformed_messages_and_positions_do_not_end_the_server(folder: Path) -> None:
    lsp = LspClient([*ARGMAP, "lsp"], cwd=folder)
    try:
        lsp.initialize(folder)
        assert lsp.process.stdin is not None
        body = b'{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {'
        lsp.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        lsp.process.stdin.flush()
        uri = uri_of(folder / "odd.argmap.yaml")
        lsp.open(uri, VALID)
        lsp.diagnostics(uri, 1)
        # A position that is not an unsigned integer does not fit LSP's types: pygls
        # drops the message (it logs one line), and the server goes on.
        lsp.request_async("textDocument/hover", doc(uri, {"line": -1, "character": -5}))
        for line, character in ((10**9, 0), (0, 10**9), (3, 10**6)):
            where = {"line": line, "character": character}
            for method in ("textDocument/hover", "textDocument/definition",
                           "textDocument/completion", "textDocument/prepareRename"):
                answer = lsp.response(lsp.request_async(method, doc(uri, where)))
                assert answer.get("result") is None or "error" not in answer
        unknown = uri_of(folder / "never-opened.argmap.yaml")
        for method in ("textDocument/hover", "textDocument/documentSymbol"):
            answer = lsp.response(lsp.request_async(method, doc(unknown, {
                "line": 0, "character": 0})))
            assert answer.get("result") is None
        # still serving
        at = position(VALID, line_of(VALID, "conclusion: thesis"), "thesis")
        assert lsp.request("textDocument/definition", doc(uri, at)) is not None
        assert lsp.process.poll() is None
    finally:
        assert lsp.close() == 0
    assert "Traceback" not in lsp.stderr()
