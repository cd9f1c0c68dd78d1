"""The language server's editor-independent parts: columns, id contexts, the index."""

from __future__ import annotations

import random

import pytest

from argmap.lsp import analyze
from argmap.lsp._context import id_key_at
from argmap.lsp._positions import STEP, Columns

_CHARS = ["a", " ", "é", "€", "😋", "𝄞", "\u200b", "\ud800"]  # 1-4 bytes, a lone surrogate


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-32":
        return len(text)
    codec, width = ("utf-16-le", 2) if encoding == "utf-16" else ("utf-8", 1)
    return len(text.encode(codec, "surrogatepass")) // width


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
@pytest.mark.parametrize("length", [0, 7, STEP - 1, STEP, 3 * STEP + 5])
def test_columns_match_the_codecs(encoding: str, length: int) -> None:
    rng = random.Random(length)  # noqa: S311 -- test data, not secrets
    line = "".join(rng.choice(_CHARS) for _ in range(length))
    columns = Columns([line, "ascii"], encoding)
    probes = {0, length, *(rng.randrange(length + 1) for _ in range(50))}
    for column in sorted(probes):
        units = _units(line[:column], encoding)
        assert columns.to_client(0, column) == units
        assert columns.from_client(0, units) == column
    assert columns.to_client(1, 3) == 3
    assert columns.from_client(1, 3) == 3


def test_a_column_inside_a_wide_character_is_that_character() -> None:
    columns = Columns(["a😋b"], "utf-16")
    assert [columns.from_client(0, u) for u in range(5)] == [0, 1, 1, 2, 3]


@pytest.mark.parametrize(("lines", "expected"), [
    (["    premises: [a, b, c"], "premises"),
    (["    premises: [a, "], "premises"),
    (["    conclusion: th"], "conclusion"),
    (["  - {attacker: x, target: "], "target"),
    (['      "side": "p'], "side"),
    (["  source: "], "source"),
    (["    between: [a, "], "between"),
    (["    premises:", "      - a", "      - "], "premises"),
    (["    co_premises:", "      # a comment", "", "      - b"], "co_premises"),
    (['      "premises": [', '        "a",', '        "'], "premises"),
    (["    text: "], None),
    (["    premises: [a]  # done"], None),
    (["    note: |", "      - not a list"], None),
    (["claims:", "  c1: "], None),
])
def test_the_key_an_id_is_typed_for(lines: list[str], expected: str | None) -> None:
    assert id_key_at(lines, len(lines) - 1, len(lines[-1])) == expected


def test_every_id_valued_key_is_indexed() -> None:
    text = (
        "argmap: 1\nsource: paper\n"
        "sides:\n  pro: {name: For}\n  con: {name: Against}\n"
        "sources:\n  paper: {title: A paper}\n"
        "claims:\n  t: {text: The thesis., side: pro, main: true}\n"
        "  o: {text: The objection., side: con}\n  p: {text: A premise., side: pro}\n"
        "evidence:\n  e: {text: A fact., source: paper, side: pro}\n"
        "arguments:\n  a: {premises: [p, e], conclusion: t, side: pro}\n"
        "  b:\n    premises: p\n    conclusion: t\n"
        "attacks:\n  - {id: x, attacker: o, target: a, co_premises: [e]}\n"
        "  - {attacker: p, target: x, type: undercut}\n"
        "contradictions:\n  - {between: [t, o]}\n"
    )
    analysis = analyze(text, file="m.yaml", check=False)
    assert analysis.result.ok, analysis.result.diagnostics
    found = {(o.namespace, o.id, o.key) for o in analysis.occurrences if not o.definition}
    assert found == {
        ("source", "paper", "source"),
        ("side", "pro", "side"), ("side", "con", "side"),
        ("node", "p", "premises"), ("node", "e", "premises"), ("node", "t", "conclusion"),
        ("node", "o", "attacker"), ("node", "a", "target"), ("node", "e", "co_premises"),
        ("node", "p", "attacker"), ("node", "x", "target"),
        ("node", "t", "between"), ("node", "o", "between"),
    }
    assert {(e.namespace, e.id, e.kind) for e in analysis.entries.values()} == {
        ("side", "pro", "side"), ("side", "con", "side"), ("source", "paper", "source"),
        ("node", "t", "claim"), ("node", "o", "claim"), ("node", "p", "claim"),
        ("node", "e", "evidence"), ("node", "a", "argument"), ("node", "b", "argument"),
        ("node", "x", "attack"),
    }
    # every span holds its id
    for o in analysis.occurrences:
        assert analysis.lines[o.span.line][o.span.start : o.span.end] == o.id
    assert len(analysis.uses("node", "p")) == 4  # definition, two premises, an attacker


def test_a_text_that_does_not_parse_is_not_indexed() -> None:
    analysis = analyze("argmap: 1\nclaims: [\n", file="m.yaml")
    assert not analysis.indexed
    assert [d.code for d in analysis.diagnostics] == ["syntax"]


def test_building_the_index_stops_when_asked_and_resumes_later() -> None:
    text = "argmap: 1\nclaims:\n" + "".join(f"  c{i}: {{text: Claim {i}.}}\n"
                                           for i in range(500))
    analysis = analyze(text, file="m.yaml", check=False)
    asked = []

    def stop() -> bool:
        asked.append(1)
        return True

    assert analysis.build_index(stop) is None
    assert asked  # it was asked, and stopped at once
    assert len(analysis.entries) == 500  # built in full on first use
    assert analysis.occurrence_at(2, 3) is not None
