"""`argmap render`: formats, output files, errors and exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap.cli import _app

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "render" / "small.argmap.yaml"
runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> tuple[int, bytes, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_help_has_examples() -> None:
    code, out, _ = invoke("render", "--help")
    assert code == 0
    assert b"argmap render examples/one-threat.argmap.yaml -o debate.svg" in out


def test_dot_to_stdout() -> None:
    code, out, _ = invoke("render", str(SMALL), "-o", "-", "--format", "dot")
    assert code == 0
    assert out.startswith(b"digraph argmap {")


def test_stdout_needs_a_format() -> None:
    code, _, err = invoke("render", str(SMALL), "-o", "-")
    assert code == 2
    assert "--format" in err


def test_unknown_extension(tmp_path: Path) -> None:
    code, _, err = invoke("render", str(SMALL), "-o", str(tmp_path / "map.gif"))
    assert code == 2
    assert ".svg" in err


def test_stdin_input() -> None:
    code, out, _ = invoke("render", "-", "-o", "-", "-f", "dot",
                          stdin=SMALL.read_text("utf-8"))
    assert code == 0
    assert b"later-start" in out


def test_invalid_map_reports_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  c1:\n    txt: A claim.\n", encoding="utf-8")
    out_file = tmp_path / "out.dot"
    code, _, err = invoke("render", str(bad), "-o", str(out_file))
    assert code == 1
    assert f"{bad}:4:" in err
    assert not out_file.exists()


def test_missing_input(tmp_path: Path) -> None:
    code, _, err = invoke("render", str(tmp_path / "nope.yaml"), "-o", "-", "-f", "dot")
    assert code == 2
    assert "no such file" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--focus", "nope"), "no claim"),
        (("--engine", "bogus"), "engine"),
        (("--rankdir", "XY"), "XY"),
    ],
)
def test_bad_options(args: tuple[str, ...], message: str) -> None:
    code, _, err = invoke("render", str(SMALL), "-o", "-", "-f", "dot", *args)
    assert code == 2
    assert message in err


def test_focus_and_tag_options() -> None:
    code, out, _ = invoke("render", str(SMALL), "-o", "-", "-f", "dot", "--focus", "tired",
                          "--depth", "1", "--tag", "health", "--no-legend", "--label", "id")
    assert code == 0
    assert b"tired" in out
    assert b"buses" not in out
    assert b"legend" not in out


def test_missing_graphviz_keeps_existing_output(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("dot") is None
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")
    code, _, err = invoke("render", str(SMALL), "-o", str(target))
    assert code == 2
    assert "apt-get install graphviz" in err
    assert target.read_bytes() == b"old"
    code, _, _ = invoke("render", str(SMALL), "-o", str(tmp_path / "map.dot"))
    assert code == 0
    assert (tmp_path / "map.dot").read_text("utf-8").startswith("digraph")


@pytest.mark.dot
@pytest.mark.parametrize(
    ("suffix", "magic"),
    [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF"), (".html", b"<!DOCTYPE html>"),
     (".gv", b"digraph")],
)
def test_format_from_extension(tmp_path: Path, suffix: str, magic: bytes) -> None:
    target = tmp_path / f"map{suffix}"
    code, _, err = invoke("render", str(SMALL), "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(magic)


@pytest.mark.dot
def test_color_by_status_uses_evaluate() -> None:
    code, out, err = invoke("render", str(SMALL), "-o", "-", "-f", "svg", "--color-by",
                            "status", "--theme", "print")
    assert code == 0, err
    assert b"UNDECIDED" in out or b"IN" in out
    assert b"accepted" in out  # the legend


@pytest.mark.dot
def test_chosen_engine_over_its_time_limit_stops_with_a_clear_message(tmp_path: Path) -> None:
    """Issue 8, item 10: a clear message instead of minutes of waiting."""
    from tests.render_maps import dense_map

    source = tmp_path / "dense.yaml"
    source.write_text(dense_map(60, 40, 20), encoding="utf-8")
    out = tmp_path / "dense.svg"
    code, _, err = invoke("render", str(source), "-o", str(out), "--engine", "dot",
                          "--timeout", "1")
    assert code == 2
    assert "`dot` took longer than 1 s and was stopped" in err
    assert "--engine sfdp" in err
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.dot
def test_default_layout_of_a_dense_map_is_drawn_and_explained(tmp_path: Path) -> None:
    from tests.render_maps import dense_map

    source = tmp_path / "dense.yaml"
    source.write_text(dense_map(50, 35, 15), encoding="utf-8")
    out = tmp_path / "dense.svg"
    code, _, err = invoke("render", str(source), "-o", str(out), "-v")
    assert code == 0
    assert "argmap: layout: sfdp: 85 nodes, 560 edges" in err
    assert out.read_bytes().lstrip().startswith(b"<?xml")


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-3", "1e999"])
def test_bad_time_limits_are_usage_errors(tmp_path: Path, value: str) -> None:
    code, _, err = invoke("render", str(SMALL), "-o", str(tmp_path / "x.svg"),
                          "--timeout", value)
    assert code == 2
    assert "Traceback" not in err
