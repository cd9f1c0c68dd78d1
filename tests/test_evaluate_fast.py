"""``argmap evaluate FILE.af``: the Typer-free fast path of ``argmap.cli.main`` and the
Typer path give the same bytes on stdout and stderr and the same exit status."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap import cli

FRAMEWORK = "p af 5\n# a comment\n1 2\n2 1\n2 3\n4 4\n4 5\n"
APX = "arg(a).\narg(b).\natt(a,b).\natt(b,a).\n"
TGF = "a\nb\n#\na b\n"
BROKEN = "p af 2\n1 3\n"
NAMED = "p af 2\n# 1 alpha\n# 2 beta\n1 2\n"

# (options, whether the fast path takes them)
CASES: list[tuple[list[str], bool]] = [
    ([], True),
    (["-s", "preferred", "--explain"], True),
    (["--semantics", "complete", "--explain"], True),
    (["-s", "stable", "--explain"], True),
    (["-f", "json"], True),
    (["--format", "json", "--indent", "2", "-s", "stable", "--explain"], True),
    (["-e", "3", "-s", "complete"], True),
    (["--extensions", "2", "--statuses", "-f", "json", "-s", "preferred"], True),
    (["--timeout", "5.5", "-s", "preferred"], True),
    (["-t", "0", "-s", "preferred"], True),
    (["--max-arguments", "3"], True),
    (["--max-bytes", "10"], True),
    (["--no-explain", "--mediated", "--no-require-support", "--require-support"], False),
    (["--no-explain", "--mediated", "--no-require-support"], True),
    (["--indent", "007", "-f", "json"], True),
    # not taken: Typer parses (and reports) them
    (["-s", "bogus"], False),
    (["-s", "Preferred"], False),
    (["-s"], False),
    (["--indent", "17", "-f", "json"], False),
    (["-t", "nan"], False),
    (["-t", "-1"], False),
    (["--timeout", "2000000"], False),
    (["--timeout", "1e3"], False),
    (["-e", "-1"], False),
    (["--bogus"], False),
    (["--explain", "--no-explain"], False),
    (["-s", "preferred", "-s", "stable"], False),
    (["--semantics=preferred"], False),
    (["-spreferred"], False),
    (["--help"], False),
    (["-h"], False),
    (["extra.af"], False),
    (["--input-format", "af"], False),
]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    # the only thing that may differ: how long the evaluation took
    out = re.sub(r'"seconds": ?[0-9.e-]+', '"seconds":0', out)
    return (code if isinstance(code, int) else 0), out, err


def both(args: list[str], capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    fast = run(args, capsys)
    with monkeypatch.context() as patched:
        patched.setattr(cli, "_evaluate_fast", lambda _args: None)
        typer_path = run(args, capsys)
    assert fast == typer_path
    return fast


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in (("x.af", FRAMEWORK), ("x.apx", APX), ("x.tgf", TGF),
                       ("broken.af", BROKEN), ("named.AF", NAMED)):
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.mark.parametrize(("options", "fast"), CASES)
def test_fast_and_typer_paths_agree(files: Path, options: list[str], fast: bool,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["evaluate", "x.af", *options]
    assert (cli._evaluate_fast(args) is not None) is fast
    code, out, err = both(args, capsys, monkeypatch)
    assert code in (0, 1, 2)
    assert out or err


@pytest.mark.parametrize("args", [
    ["evaluate", "x.apx", "-s", "preferred", "--explain"],
    ["evaluate", "x.tgf", "-f", "json", "--explain"],
    ["evaluate", "named.AF", "--af-names", "--explain"],
    ["evaluate", "broken.af"],
    ["evaluate", "missing.af"],
    ["evaluate", "broken.af", "-f", "json"],
])
def test_files_and_their_errors(files: Path, args: list[str],
                                capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli._evaluate_fast(args) is not None
    code, out, err = both(args, capsys, monkeypatch)
    if "broken" in args[1]:
        assert code == 1
        assert "error[" in err
    elif "missing" in args[1]:
        assert code == 2
        assert "missing.af" in err
    else:
        assert code == 0
        assert "semantics" in out


@pytest.mark.parametrize("args", [
    ["evaluate", "x.yaml"], ["evaluate", "x.af", "--export-af", "y.apx"],
    ["evaluate"], ["evaluate", "-"], ["validate", "x.af"],
])
def test_other_inputs_go_to_typer(args: list[str]) -> None:
    assert args[:1] != ["evaluate"] or cli._evaluate_fast(args) is None


def test_the_fast_path_does_not_import_typer(files: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from argmap import cli\n"
            "try:\n    cli.main(['evaluate', 'x.af', '-f', 'json'])\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "assert 'typer' not in sys.modules and 'click' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert '"semantics":"grounded"' in done.stdout
