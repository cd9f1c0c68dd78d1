"""Budgets for ``render`` and ``evaluate`` over folders (issue 10, "Batch everywhere").

A folder of many maps costs time in proportion to the maps and memory as one map does
(nothing is kept from one map to the next), and a folder of hostile files (empty,
binary, deeply nested) is reported file by file, in bounded time, never a traceback.
Budgets are generous for a busy 2-core machine and set against a trivial run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.budget._run import Outcome, assert_clean_failure, run_argmap

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "examples" / "classroom" / "good-student.argmap.yaml"
MAPS = 150


@pytest.fixture(scope="module")
def trivial(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    folder = tmp_path_factory.mktemp("one")
    shutil.copy(SOURCE, folder / "one.yaml")
    outcome = run_argmap("evaluate", folder / "one.yaml", "-o", folder / "one.txt",
                         timeout=60)
    assert outcome.exit_code == 0
    return outcome


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    for i in range(MAPS):
        shutil.copy(SOURCE, folder / f"student-{i:03d}.argmap.yaml")
    return folder


@pytest.mark.parametrize(("verb", "options"), [
    ("evaluate", ()),
    ("render", ("-f", "dot")),
])
def test_a_folder_costs_its_maps_and_the_memory_of_one(
        classroom: Path, tmp_path: Path, trivial: Outcome, verb: str,
        options: tuple[str, ...]) -> None:
    out = tmp_path / "out"
    outcome = run_argmap(verb, classroom, "-o", out, *options, timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    assert len(list(out.iterdir())) == MAPS
    # a whole process per map would cost MAPS start-ups; the batch costs one, plus
    # the work on each map (a few milliseconds for 25 nodes)
    assert outcome.seconds < 30 * trivial.seconds + 30, outcome.seconds
    assert outcome.max_rss_mib < trivial.max_rss_mib + 80, outcome.max_rss_mib


def test_a_folder_of_hostile_files_fails_file_by_file(tmp_path: Path,
                                                      trivial: Outcome) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "empty.yaml").write_bytes(b"")
    (folder / "binary.json").write_bytes(bytes(range(256)) * 64)
    (folder / "nested.yaml").write_bytes(b"[" * 100_000)
    (folder / "aliases.yaml").write_bytes(
        b"a: &a [x, x, x, x, x, x, x, x, x]\n"
        + b"".join(b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n"
                   % ((98 + i,) * 2 + (97 + i,) * 9) for i in range(20)))
    (folder / "huge.argdown").write_bytes(b"[T]: x\n" + b"  <+ a\n" * 200_000)
    shutil.copy(SOURCE, folder / "good.yaml")
    for verb, options in (("evaluate", ()), ("render", ("-f", "dot"))):
        out = tmp_path / f"out-{verb}"
        outcome = run_argmap(verb, folder, "-o", out, *options, "--max-bytes", "1000000",
                             timeout=300)
        assert_clean_failure(outcome)
        assert outcome.exit_code in (1, 2), outcome.stderr
        last = outcome.stderr.splitlines()[-1]
        assert "1 of 6 files" in last, last
        assert (out / ("good.txt" if verb == "evaluate" else "good.dot")).exists()
        assert outcome.seconds < 20 * trivial.seconds + 60, outcome.seconds
        assert outcome.max_rss_mib < trivial.max_rss_mib + 300, outcome.max_rss_mib
