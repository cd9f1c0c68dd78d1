"""Argument names of .tgf/.apx files and file names are untrusted: what `evaluate` and
`solve` print escapes control characters (issue 8, item 24), found by trying argmap as a
new user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.budget._run import run_argmap

_RAW = ("\x1b", "\x07")


@pytest.mark.parametrize("args", [
    ("evaluate", "e.tgf"),
    ("evaluate", "e.tgf", "-e", "5"),
    ("evaluate", "e.tgf", "--explain"),
    ("solve", "-p", "SE-GR", "-fo", "tgf", "-f", "e.tgf"),
    ("solve", "-p", "SE-GR", "-f", "no\x1b[2Jfile.af"),
    ("evaluate", "no\x1b]0;T\x07file.af"),
])
def test_names_reach_the_terminal_escaped(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "e.tgf").write_bytes(b"a\x1b[31m\nb\n#\na\x1b[31m b\n")
    outcome = run_argmap(*args, cwd=tmp_path, timeout=60)
    assert "Traceback" not in outcome.stderr
    printed = outcome.stdout + outcome.stderr
    assert not any(c in printed for c in _RAW), printed
    assert "\\x1b" in printed
