"""``render`` and ``evaluate`` over several files and folders (issue 10, "Batch
everywhere"): one output per input into the folder -o names, a bad file never stops the
batch, the exit status is the worst, skipped look-alikes are named, a summary ends the
run, and the progress bar is drawn only on a terminal."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap.cli import _app

ROOT = Path(__file__).resolve().parents[1]
CLASSROOM = ROOT / "examples" / "classroom"
CORPORA = ROOT.parent / "shared" / "corpora"
ARGDOWN = CORPORA / "argdown" / "examples" / "legalisation-softdrugs.argdown"
ICCMA = CORPORA / "iccma" / "admbuster_10000.af"
runner = CliRunner()


def invoke(*args: str | Path) -> tuple[int, str, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def submissions(tmp_path: Path) -> Path:
    """A class folder: two good maps (one in a sub-folder), a map with errors, one
    that does not parse, an empty file, an Argdown file, a hidden draft and notes."""
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(CLASSROOM / "good-student.argmap.yaml", folder / "ann.argmap.yaml")
    shutil.copy(CLASSROOM / "mistakes.argmap.yaml", folder / "ben.argmap.yaml")
    shutil.copy(CLASSROOM / "syntax-error.argmap.yaml", folder / "cem.yaml")
    (folder / "dan.yml").write_bytes(b"")
    (folder / "sub").mkdir()
    shutil.copy(CLASSROOM / "reasoning" / "reasoning-mistakes.argmap.yaml",
                folder / "sub" / "eve.argmap.yaml")
    if ARGDOWN.exists():
        shutil.copy(ARGDOWN, folder / "fay.argdown")
    else:  # the shared corpora are not there: a small Argdown map of our own
        (folder / "fay.argdown").write_text(
            "[T]: Soft drugs should be legal.\n  <+ <R>: Prohibition fails.\n",
            encoding="utf-8")
    (folder / ".draft.yaml").write_text("argmap: 1\n", encoding="utf-8")
    (folder / ".old").mkdir()  # a hidden folder: named, not entered
    shutil.copy(CLASSROOM / "good-student.argmap.yaml", folder / ".old" / "ann.yaml")
    (folder / ".git").mkdir()  # a tool's folder: neither entered nor named
    (folder / ".git" / "config.yaml").write_text("x: [\n", encoding="utf-8")
    (folder / "notes.txt").write_text("remember to grade\n", encoding="utf-8")
    (folder / "README.md").write_text("the class of 9b\n", encoding="utf-8")
    return folder


GOOD = {"ann", "sub/eve", "fay"}
BAD = {"ben": 1, "cem": 1, "dan": 1}


def test_render_a_folder_writes_one_diagram_per_map(submissions: Path, tmp_path: Path) -> None:
    out = tmp_path / "diagrams"  # created
    code, stdout, err = invoke("render", submissions, "-o", out, "-f", "dot")
    assert code == 1  # the worst: invalid maps; unreadable is 2 (below)
    assert stdout == ""
    written = {p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.dot")}
    assert written == GOOD
    assert (out / "ann.dot").read_text("utf-8").startswith("digraph argmap {")
    # the invalid maps report their problems with file:line:column, and the batch goes on
    assert f"{submissions / 'ben.argmap.yaml'}:23:11: error[schema]" in err
    assert f"{submissions / 'cem.yaml'}:13:38: error[syntax]" in err
    # look-alikes named once; the hidden draft said, not the README
    note = next(line for line in err.splitlines() if "note: skipped" in line)
    assert ".draft.yaml" in note
    assert f"{submissions / '.old'}/" in note
    assert ".git" not in note
    assert "notes.txt" in note
    assert "README" not in note
    last = err.splitlines()[-1]
    assert last.startswith(f"argmap: rendered 3 of 6 files into {out} as DOT; 3 failed: ")
    for name in ("ben.argmap.yaml", "cem.yaml", "dan.yml"):
        assert name in last


def test_render_svg_and_several_named_files(tmp_path: Path) -> None:
    first = tmp_path / "a.argmap.yaml"
    shutil.copy(CLASSROOM / "good-student.argmap.yaml", first)
    second = tmp_path / "b.json"
    code, _, _ = invoke("convert", first, "-o", second, "-q")
    assert code == 0
    code, _, err = invoke("render", first, second, "-o", tmp_path / "svg")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "svg").iterdir()) == ["a.svg", "b.svg"]
    assert (tmp_path / "svg" / "a.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert err == f"argmap: rendered 2 of 2 files into {tmp_path / 'svg'} as SVG\n"
    # -q: nothing said when all went well
    code, _, err = invoke("render", first, second, "-o", tmp_path / "svg2", "-q")
    assert (code, err) == (0, "")


def test_inputs_that_would_meet_on_one_name_keep_their_whole_names(tmp_path: Path) -> None:
    shutil.copy(CLASSROOM / "good-student.argmap.yaml", tmp_path / "ann.yaml")
    invoke("convert", tmp_path / "ann.yaml", "-o", tmp_path / "ann.json", "-q")
    code, _, err = invoke("render", tmp_path / "ann.yaml", tmp_path / "ann.json",
                          "-o", tmp_path / "out", "-f", "dot")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ann.json.dot",
                                                                     "ann.yaml.dot"]


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(CLASSROOM / "good-student.argmap.yaml", out / "m.yaml")
    precious = out / "m.dot"
    precious.write_text("not a map, but an input all the same\n", encoding="utf-8")
    code, _, err = invoke("render", out / "m.yaml", precious, "-o", out, "-f", "dot")
    assert code == 2  # the worst: m.yaml's output would have destroyed an input
    assert precious.read_text("utf-8") == "not a map, but an input all the same\n"
    assert "same file as the input" in err
    assert "2 failed" in err.splitlines()[-1]


def test_unreadable_input_is_exit_2_and_the_batch_goes_on(tmp_path: Path) -> None:
    shutil.copy(CLASSROOM / "good-student.argmap.yaml", tmp_path / "good.yaml")
    code, _, err = invoke("render", tmp_path / "missing.yaml", tmp_path / "good.yaml",
                          "-o", tmp_path / "out", "-f", "dot")
    assert code == 2
    assert "no such file" in err
    assert (tmp_path / "out" / "good.dot").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["{a}", "{a}", "-o", "-"], "output folder"),
    (["{a}", "-", "-o", "{tmp}/out"], "standard input"),
    (["{a}", "{a}", "-o", "{a}"], "is a file"),
])
def test_batch_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    a = tmp_path / "a.yaml"
    shutil.copy(CLASSROOM / "good-student.argmap.yaml", a)
    before = a.read_bytes()
    filled = [x.format(a=a, tmp=tmp_path) for x in args]
    for command in ("render", "evaluate"):
        code, _, err = invoke(command, *filled)
        if command == "evaluate" and message == "output folder":
            assert code == 0  # evaluate writes several reports to stdout
            continue
        assert code == 2, (command, err)
        assert message in err
    assert a.read_bytes() == before


def test_single_file_render_says_what_it_wrote(tmp_path: Path) -> None:
    source = CLASSROOM / "good-student.argmap.yaml"
    code, out, err = invoke("render", source, "-o", tmp_path / "m.dot")
    assert (code, out, err) == (0, "", f"argmap: wrote {tmp_path / 'm.dot'}\n")
    code, out, err = invoke("render", source, "-o", tmp_path / "q.dot", "-q")
    assert (code, out, err) == (0, "", "")
    # to standard output: nothing said (the output is the diagram)
    code, out, err = invoke("render", source, "-o", "-", "-f", "dot")
    assert (code, err) == (0, "")
    assert out.startswith("digraph")
    # to a device: nothing said either (nothing was written to a file)
    code, out, err = invoke("render", source, "-o", "/dev/null", "-f", "dot")
    assert (code, out, err) == (0, "", "")


def test_evaluate_a_folder_to_standard_output(submissions: Path) -> None:
    code, out, err = invoke("evaluate", submissions)
    assert code == 1
    headers = [line for line in out.splitlines() if ": grounded semantics; framework" in line]
    assert [Path(h.split(":")[0]).name for h in headers] == [
        "ann.argmap.yaml", "fay.argdown", "eve.argmap.yaml"]
    assert "\n\n" in out  # a blank line between reports
    assert "not a valid argument map" in err
    assert err.splitlines()[-1].startswith("argmap: evaluated 3 of 6 files; 3 failed: ")


def test_evaluate_json_is_one_array(submissions: Path) -> None:
    code, out, _ = invoke("evaluate", submissions, "-f", "json", "--no-explain")
    assert code == 1
    reports = json.loads(out)
    assert [Path(r["file"]).name for r in reports] == [
        "ann.argmap.yaml", "fay.argdown", "eve.argmap.yaml"]
    ann = reports[0]
    assert {n["id"]: n["status"] for n in ann["nodes"]}["start-later"] == "in"


def test_evaluate_into_a_folder_with_frameworks(submissions: Path, tmp_path: Path) -> None:
    if ICCMA.exists():
        shutil.copy(ICCMA, submissions / "sub" / "buster.af")
    else:
        (submissions / "sub" / "buster.af").write_text("p af 2\n1 2\n", encoding="utf-8")
    out = tmp_path / "reports"
    code, stdout, err = invoke("evaluate", submissions, "-o", out, "-f", "json")
    assert code == 1
    assert stdout == ""
    written = {p.relative_to(out).as_posix() for p in out.rglob("*.json")}
    assert written == {"ann.json", "fay.json", "sub/eve.json", "sub/buster.json"}
    framework = json.loads((out / "sub" / "buster.json").read_text("utf-8"))
    assert framework["file"] == str(submissions / "sub" / "buster.af")
    assert framework["outcome"] == "done"
    assert err.splitlines()[-1].startswith(f"argmap: evaluated 4 of 7 files into {out};")


def test_evaluate_single_file_to_a_file(tmp_path: Path) -> None:
    source = CLASSROOM / "good-student.argmap.yaml"
    target = tmp_path / "status.txt"
    code, out, err = invoke("evaluate", source, "-o", target)
    assert (code, out) == (0, "")
    assert err == f"argmap: wrote {target}\n"
    code, expected, _ = invoke("evaluate", source)
    assert target.read_text("utf-8") == expected


def test_export_af_takes_one_input(tmp_path: Path) -> None:
    source = CLASSROOM / "good-student.argmap.yaml"
    code, _, err = invoke("evaluate", source, source, "--export-af", tmp_path / "x.af")
    assert code == 2
    assert "--export-af writes one framework" in err
    code, _, err = invoke("evaluate", source, "--export-af", tmp_path / "x.af")
    assert code == 0
    assert err == f"argmap: wrote {tmp_path / 'x.af'}\n"


def test_hostile_names_are_escaped_in_the_summary(tmp_path: Path) -> None:
    evil = tmp_path / "evil\x1b]0;pwned\x07.yaml"
    evil.write_text("argmap: [\n", encoding="utf-8")
    code, _, err = invoke("render", tmp_path, "-o", tmp_path / "out", "-f", "dot")
    assert code == 1
    assert "\x1b" not in err
    assert "\\x1b]0;pwned\\x07" in err.splitlines()[-1]


def _run_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run argmap with its standard error on a pseudo-terminal; what was drawn there."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "argmap", *args], cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=secondary, env={**os.environ, "COLUMNS": "100"})
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_progress_only_on_a_terminal(submissions: Path, tmp_path: Path) -> None:
    code, drawn = _run_on_a_terminal(
        ["render", str(submissions), "-o", str(tmp_path / "out"), "-f", "dot"], tmp_path)
    assert code == 1
    assert "rendering" in drawn  # the bar's label
    assert "argmap: rendered 3 of 6 files" in drawn
    # an invalid map's problems are printed above the bar, each on a line of its own
    # (after a line break, or after the bar's "erase the line" sequence)
    problem = f"{submissions / 'ben.argmap.yaml'}:23:11: error[schema]"
    at = drawn.index(problem)
    assert drawn[at - 1] == "\n" or drawn[:at].endswith("\x1b[2K"), drawn[at - 80:at]
    # not a terminal: no bar, no cursor movement
    done = subprocess.run([sys.executable, "-m", "argmap", "render", str(submissions),
                           "-o", str(tmp_path / "out2"), "-f", "dot"],
                          capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 1
    assert "rendering" not in done.stderr
    assert "\x1b" not in done.stderr


def test_the_output_folder_is_not_read_as_input(submissions: Path) -> None:
    """Reports written into a folder inside the inputs' folder are not read as maps on
    the next run; they are named in a note."""
    out = submissions / "reports"
    first = invoke("evaluate", submissions, "-o", out, "-f", "json")
    assert first[0] == 1
    code, _, err = invoke("evaluate", submissions, "-o", out, "-f", "json")
    assert code == first[0]
    assert f"argmap: note: left out 3 files in the output folder {out}: " in err
    assert err.splitlines()[-1].startswith(f"argmap: evaluated 3 of 6 files into {out};")


def test_a_sub_folder_that_cannot_be_made_fails_that_map_only(submissions: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where the sub-folder should go\n", encoding="utf-8")
    code, _, err = invoke("render", submissions, "-o", out, "-f", "dot")
    assert code == 2
    assert f"cannot create the folder {out / 'sub'}" in err
    assert "internal error" not in err
    assert (out / "ann.dot").exists()
