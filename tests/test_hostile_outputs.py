"""Never lose or damage a file (issue 8, items 1, 2 and 16).

Item 1: an output that is the same file as an input is refused with exit 2, whatever
the path says (``./m.yaml``, ``dir/../m.yaml``, a symbolic link, a hard link, standard
input redirected from it), in every command that writes, and the input is unchanged.
Item 2: outputs that are not regular files (``/dev/null``, ``/dev/full``, a FIFO,
``/dev/stdout``) are written directly, never replaced; a full disk is exit 2 with a
clear message; a replaced file keeps its permissions.  Item 16: ``argmap.dump`` to a
folder or into a missing folder raises :class:`argmap.errors.WriteError`.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import argmap
from argmap._io import same_file_as, write_file
from argmap.cli import main
from argmap.errors import ArgmapError, WriteError

MAP = "argmap: 1\nclaims:\n  c1:\n    text: Cities should ban cars.\n    main: true\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``argmap ARGS`` in process: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as done:
        main(args)
    out, err = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0), out, err


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "m.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- item 1: an output that is an input -------------------------------------------


SAME_FILE_COMMANDS = [
    ["render", "m.yaml", "-o", "{out}", "--format", "svg"],
    ["render", "m.yaml", "-o", "{out}", "--format", "dot"],
    ["convert", "m.yaml", "-o", "{out}"],
    ["convert", "m.yaml", "-o", "{out}", "--to", "json"],
    ["evaluate", "m.yaml", "--export-af", "{out}"],
]


def _aliases(folder: Path) -> dict[str, str]:
    """Names for m.yaml: itself, relative forms, a symbolic and a hard link."""
    (folder / "link.yaml").symlink_to("m.yaml")
    os.link(folder / "m.yaml", folder / "hard.yaml")
    (folder / "chain.yaml").symlink_to(folder / "link.yaml")
    return {
        "same": "m.yaml",
        "dot-slash": "./m.yaml",
        "dot-dot": "sub/../m.yaml",
        "absolute": str(folder / "m.yaml"),
        "symlink": "link.yaml",
        "symlink-chain": "chain.yaml",
        "hard-link": "hard.yaml",
    }


@pytest.mark.parametrize("template", SAME_FILE_COMMANDS, ids=lambda t: " ".join(t[:1] + t[3:]))
def test_an_output_naming_the_input_is_refused(
    folder: Path, template: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    aliases = _aliases(folder)
    for how, name in aliases.items():
        out_name = name
        if template[0] == "evaluate":
            # --export-af wants a framework name: make the .af the input, then aim at it
            (folder / "x.af").write_text("p af 2\n1 2\n", encoding="utf-8")
            (folder / "x-link.af").unlink(missing_ok=True)
            (folder / "x-link.af").symlink_to("x.af")
            template = ["evaluate", "x.af", "--export-af", "{out}"]
            out_name = {"same": "x.af", "symlink": "x-link.af"}.get(how, "./x.af")
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        args = [out_name if a == "{out}" else a for a in template]
        code, _, err = run(args, capsys)
        assert code == 2, (how, args, err)
        assert "same file" in err, (how, err)
        after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        assert after == before, f"{how}: a file changed"


def test_the_issue_example_render_svg_over_the_input(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`argmap render m.yaml -o m.yaml --format svg` exited 0 and m.yaml was SVG."""
    code, _, err = run(["render", "m.yaml", "-o", "m.yaml", "--format", "svg"], capsys)
    assert code == 2
    assert "argmap: error: the output m.yaml is the same file as the input m.yaml" in err
    assert (folder / "m.yaml").read_text(encoding="utf-8") == MAP


def test_stdin_redirected_from_the_output_is_refused(folder: Path) -> None:
    with (folder / "m.yaml").open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "convert", "-", "-o", "m.yaml", "--to", "json"],
            stdin=stdin, capture_output=True, text=True, cwd=folder, check=False,
        )
    assert done.returncode == 2
    assert "same file as standard input" in done.stderr
    assert (folder / "m.yaml").read_text(encoding="utf-8") == MAP


def test_a_different_file_is_written(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["convert", "m.yaml", "-o", "sub/m.json"], capsys)
    assert code == 0
    assert argmap.load(folder / "sub" / "m.json") == argmap.load(folder / "m.yaml")


def test_same_file_as_the_library_check(folder: Path) -> None:
    _aliases(folder)
    assert same_file_as("sub/../hard.yaml", ["m.yaml"]) == "m.yaml"
    assert same_file_as("new.yaml", ["m.yaml"]) is None  # not there yet: no input
    assert same_file_as("-", ["m.yaml"]) is None
    with pytest.raises(WriteError, match="same file"):
        write_file("link.yaml", b"x", inputs=["m.yaml"])
    assert (folder / "m.yaml").read_text(encoding="utf-8") == MAP


# -- item 2: devices, FIFOs, a full disk, permissions ------------------------------


def test_dev_null_stays_a_device(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = Path("/dev/null").stat()
    code, _, err = run(["render", "m.yaml", "-o", "/dev/null", "--format", "dot"], capsys)
    assert (code, err) == (0, "")
    after = Path("/dev/null").stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_exit_2_with_a_clear_message(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path("/dev/full").stat()
    for args in (["render", "m.yaml", "-o", "/dev/full", "--format", "dot"],
                 ["convert", "m.yaml", "-o", "/dev/full", "--to", "yaml"],
                 ["schema", "-o", "/dev/full"]):
        code, _, err = run(args, capsys)
        assert code == 2, args
        assert "cannot write /dev/full: no space left on the device" in err
    after = Path("/dev/full").stat()
    assert stat.S_ISCHR(after.st_mode)
    assert after.st_ino == before.st_ino


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [
    ["validate", "m.yaml", "--format", "json"],
    ["schema"],
    ["render", "m.yaml", "-o", "-", "--format", "dot"],
    ["convert", "m.yaml", "-o", "-"],
])
def test_stdout_on_a_full_disk_is_exit_2(folder: Path, args: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run([sys.executable, "-m", "argmap", *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, cwd=folder, check=False)
    assert done.returncode == 2, done.stderr
    assert "no space left on the device" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


def test_a_closed_pipe_ends_quietly(folder: Path) -> None:
    """`argmap schema | head -c 1`: the reader goes away; no traceback, no noise."""
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "schema"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=folder)
    assert proc.stdout is not None
    proc.stdout.read(1)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 1)
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err


def test_a_fifo_is_written_not_replaced(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = folder / "pipe.dot"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader)
    thread.start()
    code, _, err = run(["render", "m.yaml", "-o", str(fifo), "--format", "dot"], capsys)
    thread.join(timeout=60)
    assert (code, err) == (0, "")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received[0].startswith(b"digraph argmap {")


def test_dev_stdout_writes_to_standard_output(folder: Path) -> None:
    """`-o /dev/stdout` with stdout redirected to a file appends there, in order, and
    does not replace the file the shell opened."""
    log = folder / "log.txt"
    log.write_bytes(b"before\n")
    with log.open("ab") as out:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "convert", "m.yaml", "-o", "/dev/stdout",
             "--to", "json"],
            stdout=out, stderr=subprocess.PIPE, cwd=folder, check=False,
        )
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("before\n{")
    assert '"c1"' in text


def test_a_replaced_file_keeps_its_permissions(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = folder / "out.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o640)
    code, _, _ = run(["convert", "m.yaml", "-o", "out.json"], capsys)
    assert code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert '"c1"' in out.read_text(encoding="utf-8")


def test_a_symlinked_output_is_written_through(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "real.json").write_text("{}", encoding="utf-8")
    (folder / "alias.json").symlink_to("real.json")
    code, _, _ = run(["convert", "m.yaml", "-o", "alias.json"], capsys)
    assert code == 0
    assert (folder / "alias.json").is_symlink()
    assert '"c1"' in (folder / "real.json").read_text(encoding="utf-8")


def test_no_temporary_file_is_left_behind_on_failure(folder: Path) -> None:
    (folder / "ro").mkdir()
    target = folder / "ro" / "out.json"
    target.write_text("old", encoding="utf-8")
    if os.geteuid() == 0:
        # root ignores folder permissions: make the rename fail instead
        target.unlink()
        target.mkdir()
        with pytest.raises(WriteError, match="folder"):
            write_file(target, b"new")
    else:
        (folder / "ro").chmod(0o500)
        try:
            with pytest.raises(WriteError, match="permission denied"):
                write_file(target, b"new")
        finally:
            (folder / "ro").chmod(0o700)
        assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in (folder / "ro").iterdir()] == ["out.json"]


@pytest.mark.parametrize("target", ["missing/out.dot", "sub", "m.yaml/x.dot"])
def test_unwritable_targets_are_exit_2(
    folder: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["render", "m.yaml", "-o", target, "--format", "dot"], capsys)
    assert code == 2
    assert err.startswith(f"argmap: error: cannot write {target}: ")
    assert "Traceback" not in err


# -- item 16: the library raises only ArgmapError -----------------------------------


@pytest.mark.parametrize("where", ["folder", "missing-folder", "under-a-file"])
def test_dump_raises_write_error(folder: Path, where: str) -> None:
    debate = argmap.load(folder / "m.yaml")
    target = {"folder": folder / "sub", "missing-folder": folder / "nope" / "m.yaml",
              "under-a-file": folder / "m.yaml" / "x.yaml"}[where]
    with pytest.raises(WriteError) as raised:
        argmap.dump(debate, target)
    assert isinstance(raised.value, ArgmapError)
    assert raised.value.path == str(target)
    assert raised.value.reason
    assert not isinstance(raised.value, OSError)
