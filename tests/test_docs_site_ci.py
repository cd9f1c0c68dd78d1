"""docs/ci.md: the GitHub Actions workflow's `run:` lines work, in order, on a sample
repository of maps, with argmap installed the way the workflow installs it (pip, into a
fresh virtual environment); the pre-commit example names the hooks that exist."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLES, ROOT
from .test_reporters import assert_valid_sarif

PAGE = ROOT / "docs" / "ci.md"
BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)


def _blocks() -> list[Any]:
    return [yaml.safe_load(b) for b in BLOCK.findall(PAGE.read_text(encoding="utf-8"))]


def _workflow() -> dict[str, Any]:
    (workflow,) = [b for b in _blocks() if isinstance(b, dict) and "jobs" in b
                   and "argmap" in b["jobs"] and "steps" in b["jobs"]["argmap"]]
    return workflow


def test_workflow_shape() -> None:
    job = _workflow()["jobs"]["argmap"]
    assert job["permissions"]["security-events"] == "write"
    uses = [s.get("uses", "") for s in job["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert any("--format sarif > argmap.sarif" in r for r in runs)
    upload = next(s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "argmap.sarif"


def test_precommit_example_names_the_hooks() -> None:
    (config,) = [b for b in _blocks() if isinstance(b, dict) and "repos" in b]
    ids = {h["id"] for r in config["repos"] for h in r["hooks"]}
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert ids == {h["id"] for h in manifest}


@pytest.mark.slow
def test_workflow_run_lines(tmp_path: Path) -> None:
    job = _workflow()["jobs"]["argmap"]
    repo = tmp_path / "repo"
    (repo / "maps" / "class").mkdir(parents=True)
    shutil.copy(EXAMPLES / "one-threat.argmap.yaml", repo / "maps")
    shutil.copy(EXAMPLES / "classroom" / "good-student.argmap.yaml", repo / "maps" / "class")
    (repo / "maps" / "class" / "bad.argmap.yaml").write_text(
        "argmap: 1\nclaims:\n  c1:\n    txt: x\n", encoding="utf-8")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    env = {**os.environ, **job["env"], "ARGMAP_PACKAGE": str(ROOT),
           "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("VIRTUAL_ENV", None)
    codes = {}
    for step in job["steps"]:
        if "run" not in step:
            continue
        done = subprocess.run([shutil.which("bash") or "/bin/bash", "-eo", "pipefail", "-c",
                               step["run"]], cwd=repo,
                              env=env, capture_output=True, text=True, timeout=900,
                              check=False)
        codes[step["name"]] = done.returncode
        if step["name"] == "Install argmap":
            assert done.returncode == 0, done.stderr[-3000:]
            assert shutil.which("argmap", path=str(venv / "bin"))
        if step["name"].startswith("Validate"):
            assert done.returncode == 1  # the bad map
            assert ("::error file=maps/class/bad.argmap.yaml,line=4,col=5,"
                    "title=argmap schema::") in done.stdout
    assert list(codes.values()) == [0, 1, 1, 1]
    log = json.loads((repo / "argmap.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    uris = {a["location"]["uri"] for a in log["runs"][0]["artifacts"]}
    assert uris == {"maps/one-threat.argmap.yaml", "maps/class/good-student.argmap.yaml",
                    "maps/class/bad.argmap.yaml"}
    root = ET.parse(repo / "argmap-junit.xml").getroot()  # noqa: S314 -- our own output
    assert root.get("name") == "argmap check"
    assert int(root.get("failures", "0")) == 2
