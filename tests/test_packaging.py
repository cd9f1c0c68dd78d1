"""Packaging: one version in one place, and a wheel that carries the package and nothing else.

The whole-install check (wheel into a clean virtual environment, CLI run from it) is
``scripts/check-wheel.sh``, which CI runs after the test suite.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import argmap

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "argmap"


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_the_version_has_one_source() -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert "version" not in project
    assert "version" in project["dynamic"]
    tool = _pyproject()["tool"]
    assert isinstance(tool, dict)
    assert tool["hatch"]["version"]["path"] == "src/argmap/_version.py"
    namespace: dict[str, object] = {}
    exec((SRC / "_version.py").read_text(encoding="utf-8"), namespace)  # noqa: S102 -- our own one-line file
    assert namespace["__version__"] == argmap.__version__


def test_cli_package_and_installed_metadata_agree_on_the_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"argmap {argmap.__version__}\n"
    # the Typer path (not main's `--version` fast path) says the same
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "--version", "validate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"argmap {argmap.__version__}\n")
    # an editable install's metadata is written at install time: scripts/setup.sh
    # reinstalls when _version.py changes, so a stale .venv fails here
    assert importlib.metadata.version("argmap") == argmap.__version__


def _build_wheel(out: Path) -> Path:
    pytest.importorskip("build", reason="the dev extra's `build` builds the wheel")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("argmap-*.whl")
    return wheel


@pytest.mark.slow
def test_the_wheel_carries_the_package_schema_and_py_typed_and_nothing_else(
    tmp_path: Path,
) -> None:
    wheel = _build_wheel(tmp_path)
    version = argmap.__version__
    assert wheel.name == f"argmap-{version}-py3-none-any.whl"
    dist_info = f"argmap-{version}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode())
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
        schema = archive.read("argmap/schemas/argmap.schema.json")

    package = sorted(name for name in names if not name.startswith(f"{dist_info}/"))
    expected = sorted(
        "argmap/" + path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )
    assert package == expected
    assert "argmap/py.typed" in package
    assert "argmap/schemas/argmap.schema.json" in package
    assert not [n for n in names if n.split("/")[0] in {"tests", "benchmarks", "docs"}]
    assert not [n for n in names if n.endswith((".png", ".svg", ".pyc"))]
    assert sorted(n for n in names if n.startswith(f"{dist_info}/")) == [
        f"{dist_info}/{part}" for part in ("METADATA", "RECORD", "WHEEL", "entry_points.txt")
    ]

    # the schema shipped in the package is the one published in schemas/
    assert schema == (ROOT / "schemas" / "argmap.schema.json").read_bytes()
    # the metadata: the version from _version.py, the entry point, the dependencies
    assert metadata["Name"] == "argmap"
    assert metadata["Version"] == version
    assert metadata["Requires-Python"] == ">=3.11"
    assert "argmap = argmap.cli:main" in entry_points
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    requires = metadata.get_all("Requires-Dist") or []
    runtime = sorted(str(Requirement(r)) for r in requires if "extra ==" not in r)
    assert runtime == sorted(str(Requirement(d)) for d in project["dependencies"])
    assert any("extra == 'dev'" in r or 'extra == "dev"' in r for r in requires)


def _completion_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = readme.split("\n## Install\n", 1)[1].split("\n## ", 1)[0]
    (snippet,) = re.findall(r"```bash\n(.*?)```", install, re.DOTALL)
    return str(snippet)


def test_the_documented_bash_completion_names_every_command_then_files() -> None:
    from argmap import cli

    snippet = _completion_snippet()
    words = re.search(r'compgen -W "([^"]+)"', snippet)
    assert words is not None
    assert sorted(words.group(1).split()) == sorted(cli._COMMANDS)
    script = (
        snippet
        + 'COMP_WORDS=(argmap c); COMP_CWORD=1; _argmap; echo "1:${COMPREPLY[*]}"\n'
        + "COMPREPLY=(); COMP_WORDS=(argmap check ex); COMP_CWORD=2; _argmap;"
        + ' echo "2:${#COMPREPLY[@]}"\n'
        + "complete -p argmap\n"
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],  # noqa: S607 -- bash from PATH
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "1:check convert",  # command names after `argmap`
        "2:0",  # nothing from the function later: `-o default` completes file names
        "complete -o default -F _argmap argmap",
    ]
