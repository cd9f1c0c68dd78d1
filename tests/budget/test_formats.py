"""Budgets for hostile inputs to the format readers and writers (issue 8).

Each input is small next to the 64 MiB limit and once cost time or memory out of
proportion (a quadratic path), or is the shape that would.  The whole ``argmap convert``
process must end cleanly within a budget measured generously for a 2-core machine: a
multiple of a trivial conversion's time, and a fixed peak memory.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.budget._run import Outcome, assert_clean_failure, run_argmap

#: Wall time allowed, as a multiple of a trivial conversion (plus a floor in seconds).
RATIO = 25
FLOOR = 20.0
MEMORY_MIB = 800


@pytest.fixture(scope="module")
def trivial(tmp_path_factory: pytest.TempPathFactory) -> float:
    folder = tmp_path_factory.mktemp("trivial")
    (folder / "m.aif.json").write_text('{"nodes": [{"nodeID": "1", "type": "I", "text": "A"}],'
                                       ' "edges": []}', encoding="utf-8")
    outcome = run_argmap("convert", folder / "m.aif.json", "-o", folder / "m.yaml")
    assert outcome.exit_code == 0, outcome.stderr
    return outcome.seconds


def _within(outcome: Outcome, trivial: float) -> None:
    assert_clean_failure(outcome)
    assert outcome.seconds < max(FLOOR, RATIO * trivial), outcome.seconds
    assert outcome.max_rss_mib < MEMORY_MIB, outcome.max_rss_mib


def _aif(nodes: list[tuple[str, str]], edges: list[tuple[str, str]]) -> str:
    return json.dumps({"nodes": [{"nodeID": i, "type": t, "text": f"text {i}"}
                                 for i, t in nodes],
                       "edges": [{"fromID": a, "toID": b} for a, b in edges]})


def test_one_inference_with_many_premises(tmp_path: Path, trivial: float) -> None:
    # Deduplicating premises was quadratic in their number.
    n = 20_000
    nodes = [(f"p{i}", "I") for i in range(n)] + [("c", "I"), ("ra", "RA")]
    edges = [(f"p{i}", "ra") for i in range(n)] + [("ra", "c")]
    (tmp_path / "in.aif.json").write_text(_aif(nodes, edges), encoding="utf-8")
    outcome = run_argmap("convert", tmp_path / "in.aif.json", "-o", tmp_path / "out.yaml",
                         timeout=120)
    _within(outcome, trivial)
    assert "too-many-premises" in outcome.stderr  # kept to the first 100, and said so


def test_many_broken_edges_give_a_capped_list(tmp_path: Path, trivial: float) -> None:
    n = 30_000
    edges = [(f"x{i}", f"y{i}") for i in range(n)]
    (tmp_path / "in.aif.json").write_text(_aif([("a", "I")], edges), encoding="utf-8")
    outcome = run_argmap("convert", tmp_path / "in.aif.json", "-o", tmp_path / "out.yaml",
                         timeout=120)
    _within(outcome, trivial)
    assert outcome.stderr.count("warning[unknown-reference]") == 1001
    assert f"and {n - 1000:,} more warnings [unknown-reference]" in outcome.stderr


def test_split_keys_next_to_given_ones(tmp_path: Path, trivial: float) -> None:
    # An RA node with many conclusions, beside nodes named like the keys it splits into.
    n = 3_000
    nodes = [("p", "I"), ("R", "RA")] + [(f"c{i}", "I") for i in range(n)]
    nodes += [("R" + "#" * k, "RA") for k in range(1, 300)] + [(f"R#{i}", "L")
                                                              for i in range(2, n)]
    edges = [("p", "R")] + [("R", f"c{i}") for i in range(n)]
    (tmp_path / "in.aif.json").write_text(_aif(nodes, edges), encoding="utf-8")
    outcome = run_argmap("convert", tmp_path / "in.aif.json", "-o", tmp_path / "out.yaml",
                         timeout=120)
    _within(outcome, trivial)


def test_microtexts_segments_shared_by_every_adu(tmp_path: Path, trivial: float) -> None:
    # Every ADU made of one joint of every EDU: the texts alone would be A x E long.
    n = 4_000
    parts = ['<arggraph id="x">', '<joint id="j"/>']
    parts += [f'<edu id="e{i}">word {i}</edu>' for i in range(n)]
    parts += [f'<adu id="a{i}" type="pro"/>' for i in range(n)]
    parts += [f'<edge id="s{i}" src="e{i}" trg="j" type="seg"/>' for i in range(n)]
    parts += [f'<edge id="t{i}" src="j" trg="a{i}" type="seg"/>' for i in range(n)]
    parts.append("</arggraph>")
    (tmp_path / "in.xml").write_text("\n".join(parts), encoding="utf-8")
    outcome = run_argmap("convert", tmp_path / "in.xml", "-o", tmp_path / "out.yaml",
                         timeout=120)
    _within(outcome, trivial)


def test_microtexts_ignored_elements_count(tmp_path: Path, trivial: float) -> None:
    n = 1_000_001
    (tmp_path / "in.xml").write_text("<arggraph>" + "<x/>" * n + "</arggraph>",
                                     encoding="utf-8")
    outcome = run_argmap("convert", tmp_path / "in.xml", "-o", tmp_path / "out.yaml",
                         timeout=120)
    _within(outcome, trivial)
    assert outcome.exit_code == 1
    assert "too-large" in outcome.stderr


@pytest.mark.parametrize("suffix", ["mmd", "graphml", "sadface.json", "aif.json"])
def test_writers_on_a_wide_map(tmp_path: Path, trivial: float, suffix: str) -> None:
    n = 5_000
    claims = {f"c{i}": {"text": f"<b>claim</b> \"{i}\" #{i}", "tags": ["t"], "note": "n"}
              for i in range(n)}
    arguments = {f"a{i}": {"premises": [f"c{i}"], "conclusion": f"c{(i + 1) % n}"}
                 for i in range(n)}
    attacks = [{"attacker": f"c{i}", "target": f"a{(i + 7) % n}"} for i in range(n)]
    (tmp_path / "m.argmap.json").write_text(json.dumps({
        "argmap": 1, "claims": claims, "arguments": arguments, "attacks": attacks}),
        encoding="utf-8")
    outcome = run_argmap("convert", tmp_path / "m.argmap.json", "-o",
                         tmp_path / f"out.{suffix}", timeout=120)
    _within(outcome, trivial)
    assert outcome.exit_code == 0, outcome.stderr
