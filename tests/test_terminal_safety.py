"""What reaches a terminal (issue 8, item 24), found by trying argmap as a new user would:
argument names of .tgf/.apx files and file names are escaped by `evaluate` and `solve`,
and a PNG is never poured into a terminal."""

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


@pytest.mark.dot
def test_a_png_is_not_written_to_a_terminal(tmp_path: Path) -> None:
    """`render -o - -f png` on a terminal would pour binary into it: refused, exit 2."""
    import shutil
    import subprocess
    import sys

    if shutil.which("script") is None:
        pytest.skip("needs `script` (util-linux, on every Debian system)")
    source = tmp_path / "m.yaml"
    source.write_text("argmap: 1\nclaims:\n  c: {text: A claim.}\n", encoding="utf-8")
    command = f"{sys.executable} -m argmap render {source} -o - -f png; echo rc=$?"
    done = subprocess.run(["script", "-qc", command, "/dev/null"],  # noqa: S607 -- util-linux
                          capture_output=True, timeout=120, check=False)
    assert b"\x89PNG" not in done.stdout
    assert b"refusing to write a binary image" in done.stdout
    assert b"rc=2" in done.stdout
