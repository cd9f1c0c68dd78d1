"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit on a sample repository.

``pre-commit try-repo <this checkout>`` installs argmap into a fresh virtual environment
with pip (from the package registry, or a local wheel cache: about 30 s here) and runs
the hooks on the sample repository's files, as a user's ``pre-commit run`` would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import EXAMPLES, ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
BAD = "argmap: 1\nclaims:\n  c1:\n    txt: x\n"


def test_hooks_manifest() -> None:
    """Both hooks exist, run the installed command, and take map files only."""
    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert set(hooks) == {"argmap-validate", "argmap-check"}
    for hook_id, hook in hooks.items():
        assert hook["entry"] == f"argmap {hook_id.removeprefix('argmap-')}"
        assert hook["language"] == "python"
        files = re.compile(hook["files"])
        for name in ("a.argmap.yaml", "maps/b.argmap.yml", "c.argmap.json", "d.argdown",
                     "e.ad"):
            assert files.search(name), name
        for name in ("notes.yaml", "pyproject.toml", "package.json", "a.argmap.yaml.bak"):
            assert not files.search(name), name


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git") or "git"
    return subprocess.run([git, *args], cwd=repo, capture_output=True, timeout=60, check=False)


@pytest.mark.slow
def test_try_repo_on_a_sample_repository(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs a git checkout of argmap and git")
    if _git(ROOT, "ls-files", "--error-unmatch", ".pre-commit-hooks.yaml").returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed (try-repo reads tracked files)")
    repo = tmp_path / "debates"
    (repo / "maps").mkdir(parents=True)
    shutil.copy(EXAMPLES / "one-threat.argmap.yaml", repo / "maps")
    (repo / "maps" / "bad.argmap.yaml").write_text(BAD, encoding="utf-8")
    (repo / "notes.yaml").write_text("not: a map\n", encoding="utf-8")  # not a hook file
    for args in (("init", "-q"), ("add", "-A"),
                 ("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "m")):
        assert _git(repo, *args).returncode == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files",
         "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert re.search(r"argmap validate\.+Failed", out), out
    assert re.search(r"argmap check\.+Failed", out), out
    assert "maps/bad.argmap.yaml:4:5: error[schema]: unknown key `txt`" in out
    # pre-commit passes only the map files; the good map passes, notes.yaml is not read
    assert "2 files validated: 1 file with errors, 2 errors" in out
    assert "2 files checked: 1 file with errors" in out
    assert "notes.yaml" not in out
