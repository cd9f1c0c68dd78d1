"""Regression tests for a tester's findings on validate/check (items 3, 5, 12 and 13).

Item 4 (speed of long lists) is in tests/budget/test_loader.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import _load

ROOT = Path(__file__).resolve().parents[1]
OK = "argmap: 1\nclaims:\n  a: {text: A claim.}\n"


def _argmap(*args: str | Path, seed: str = "0",
            timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, args)], env=env,
                          capture_output=True, timeout=timeout, check=False, cwd=ROOT,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def bad500(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "bad500.yaml"
    path.write_text("argmap: 1\nclaims:\n" + "".join(f"  c{i}: {{text: 5}}\n" for i in range(500)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [("validate",), ("check",), ("check", "-f", "sarif"),
                                  ("validate", "-f", "json")])
def test_which_problems_are_reported_does_not_depend_on_the_hash_seed(
        bad500: Path, args: tuple[str, ...]) -> None:
    """Item 3: with more than 100 problems, which 100 were shown changed run by run."""
    outputs = [_argmap(*args, bad500, seed=seed) for seed in ("1", "2", "3", "12345")]
    assert {o.returncode for o in outputs} == {1}
    assert len({o.stdout for o in outputs}) == 1
    text = outputs[0].stdout.decode()
    if args == ("validate",):
        lines = text.splitlines()
        assert "claim 'c0' must be a text" in lines[0]
        assert all(f"claim 'c{i}' must be a text" in lines[i] for i in range(100))
        assert "400 more problems, not shown" in text


def test_the_first_problems_in_the_file_come_first_across_sections(tmp_path: Path) -> None:
    """Item 3: arguments written before claims have their problems reported first."""
    path = tmp_path / "order.yaml"
    arguments = "".join(f"  r{i}: {{conclusion: 5, premises: [a]}}\n" for i in range(150))
    claims = "".join(f"  c{i}: {{text: 5}}\n" for i in range(150))
    path.write_text(f"argmap: 1\narguments:\n{arguments}claims:\n{claims}", encoding="utf-8")
    result = _argmap("validate", path)
    assert result.returncode == 1
    text = result.stdout.decode()
    assert "Traceback" not in result.stderr.decode()
    assert "argument 'r0'" in text.splitlines()[0]
    assert "claim 'c0'" not in text


def test_a_link_inside_a_folder_is_not_followed(tmp_path: Path) -> None:
    """Item 5: a link in a folder could show any file of a CI runner in annotations."""
    secret = tmp_path / "creds.yaml"
    secret.write_text("password: hunter2-hunter2\n", encoding="utf-8")
    folder = tmp_path / "vf"
    folder.mkdir()
    (folder / "ok.yaml").write_text(OK, encoding="utf-8")
    (folder / "pw.yaml").symlink_to(secret)
    (folder / "linked").symlink_to(tmp_path)
    for command in ("validate", "check"):
        result = _argmap(command, folder, "-f", "github")
        out, err = result.stdout.decode(), result.stderr.decode()
        assert result.returncode == 0, (command, out, err)
        assert "password" not in out + err
        assert "hunter2" not in out + err
        assert "pw.yaml (a symbolic link: not followed)" in err
        assert f"linked{os.sep} (a symbolic link: not followed)" in err
    # Named on the command line, the link is read: the user asked for it.
    named = _argmap("validate", folder / "pw.yaml")
    assert named.returncode == 1
    assert "password" in named.stdout.decode()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_not_waited_for(tmp_path: Path) -> None:
    """Item 12: a FIFO on the command line hung forever; in a folder it was ignored."""
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for command in ("validate", "check"):
        result = _argmap(command, fifo, timeout=30)
        assert result.returncode == 2
        assert "not a regular file (a FIFO)" in result.stdout.decode()
    (tmp_path / "ok.yaml").write_text(OK, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(OK, encoding="utf-8")
    result = _argmap("validate", tmp_path, timeout=30)
    assert result.returncode == 0
    assert "2 files validated" in result.stdout.decode()
    assert "fifo.yaml (not a regular file: a FIFO)" in result.stderr.decode()
    # Standard input stays supported.
    piped = subprocess.run([sys.executable, "-m", "argmap", "validate", "-"], input=OK.encode(),
                           capture_output=True, timeout=60, check=False)
    assert piped.returncode == 0


@pytest.mark.parametrize(("encoding", "name"), [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"),
                                                ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_is_named(tmp_path: Path, encoding: str, name: str) -> None:
    """Item 13: a UTF-16 file was called binary ("it holds NUL bytes")."""
    path = tmp_path / "windows.yaml"
    path.write_bytes(OK.encode(encoding))
    result = _load.validate_bytes(path.read_bytes(), file=str(path))
    assert [d.message for d in result.diagnostics] == [f"the file is {name}: save it as UTF-8"]
    assert result.diagnostics[0].location.line == 1


def test_a_binary_file_is_still_called_binary() -> None:
    result = _load.validate_bytes(b"argmap: 1\x00\x01\x02 stuff\n", file="b.yaml")
    assert "NUL character" in result.diagnostics[0].message


def test_list_rules_says_the_files_are_not_read(tmp_path: Path) -> None:
    """Item 13: `check --list-rules -f sarif FILE...` ignored the files without a word."""
    path = tmp_path / "m.yaml"
    path.write_text(OK, encoding="utf-8")
    result = _argmap("check", "--list-rules", "-f", "sarif", path)
    assert result.returncode == 0
    json.loads(result.stdout)
    err = result.stderr.decode()
    assert "with --list-rules the maps are not read" in err
    assert "only picks the configuration" in err


def test_json_positions_are_found_after_skipped_values(tmp_path: Path) -> None:
    """Item 4: the on-demand JSON locator gives the same positions as a full reading."""
    data = {"argmap": 1, "claims": {"a": {"text": "A", "tags": [1, {"x": [2, "]}"]}]},
                                    "b": {"text": 5}},
            "arguments": {"r": {"premises": ["a", {"y": 1}, 3], "conclusion": "b"}}}
    text = json.dumps(data, indent=2)
    result = _load.validate_bytes(text.encode(), file="m.json", format="json")
    found = {(d.location.pointer, d.location.line, d.location.column)
             for d in result.diagnostics}
    lines = text.splitlines()
    for pointer, line, column in found:
        assert line is not None
        assert column is not None
        if pointer.endswith("/text"):
            assert lines[line - 1][column - 1:].startswith("5")
        if pointer == "/arguments/r/premises/2":
            assert lines[line - 1][column - 1:].startswith("3")
    pointers = {p for p, _, _ in found}
    assert "/claims/b/text" in pointers
    assert "/arguments/r/premises/2" in pointers


def test_check_shows_its_first_findings_in_file_order_on_every_run(tmp_path: Path) -> None:
    """Item 3 in check: over 100 findings, those shown are the first in the file."""
    path = tmp_path / "many.yaml"
    claims = "".join(f"  c{i}: {{text: Claim {i}.}}\n" for i in range(300))
    arguments = "".join(f"  r{i}: {{premises: [c{i}], conclusion: c{(i + 1) % 300}}}\n"
                        for i in range(0, 300, 3))
    path.write_text(f"argmap: 1\nclaims:\n{claims}arguments:\n{arguments}", encoding="utf-8")
    for args in (("check",), ("check", "-f", "sarif")):
        outputs = [_argmap(*args, path, seed=seed) for seed in ("1", "2", "3")]
        assert len({o.stdout for o in outputs}) == 1
    lines = _argmap("check", path).stdout.decode().splitlines()
    assert "more problems, not shown" in lines[-2]
    warnings = [line for line in lines if "warning[empty-statement]" in line]
    assert "claim 'c0'" in warnings[0]
    assert [int(w.split(":")[1]) for w in warnings] == sorted(int(w.split(":")[1])
                                                              for w in warnings)
