"""Regression tests for the second new-user report (render, convert, serve, solve, help).

Each test reproduces what the tester saw (docs: /work/nu2/REPORT.md, findings 6, 8, 9,
11 and 14) and checks what a user sees now: the exit code, the message, the file.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import argmap
from argmap.cli import _app

ROOT = Path(__file__).resolve().parent.parent
DEBATE = ROOT / "examples" / "one-threat.argmap.yaml"

runner = CliRunner()


def invoke(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


# -- 6: the dot budget times the layout, not the rasteriser --------------------------------


def test_budget_applies_to_the_layout_and_the_raster_gets_the_rest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A PNG is laid out first (``-Tdot``) within --dot-budget; drawing it is not timed
    against the budget, so a high DPI can never make argmap fall back to sfdp."""
    from argmap._render import draw
    from argmap._render.options import RenderOptions

    calls: list[tuple[str, str, float | None]] = []
    from argmap._render.backend import run_engine as real

    def spy(source: str, *, engine: str, fmt: str, timeout: float | None = None) -> bytes:
        calls.append((engine, fmt, timeout))
        return real(source, engine=engine, fmt=fmt, timeout=timeout)

    monkeypatch.setattr(draw, "run_engine", spy)
    debate = argmap.load(DEBATE)
    raw, built, notes = draw.lay_out(debate, "png", RenderOptions(), None, timeout=120,
                                     dot_budget=8, graph_attributes={"dpi": "30"})
    assert raw.startswith(b"\x89PNG")
    assert notes == ()
    assert built.engine == "dot"
    assert calls[0] == ("dot", "dot", 8)  # the layout alone, within the budget
    assert calls[1][:2] == ("dot", "png")  # then the drawing, with what is left
    assert calls[1][2] is not None
    assert calls[1][2] > 100
    # an SVG is cheap to draw: one run, as before
    calls.clear()
    draw.lay_out(debate, "svg", RenderOptions(), None, timeout=120, dot_budget=8)
    assert [c[:2] for c in calls] == [("dot", "svg")]


@pytest.mark.dot
def test_high_dpi_png_keeps_the_dot_layout(tmp_path: Path) -> None:
    """Finding 6: `render debate.yaml -o s.png --dpi 300` said "`dot` did not finish
    within 8 s" and fell back to sfdp, though the layout took 0.3 s; the time was the
    rasteriser.  With a budget far above the layout and below the drawing, no note."""
    out = tmp_path / "s.png"
    code, _, err = invoke("render", str(DEBATE), "-o", str(out), "--dpi", "300",
                          "--dot-budget", "3", "--verbose")
    assert code == 0, err
    assert "did not finish" not in err
    assert "sfdp" not in err
    assert out.read_bytes().startswith(b"\x89PNG")


# -- 8: convert with the wrong --from; YAML on standard input ------------------------------


@pytest.fixture
def aif_file(tmp_path: Path) -> Path:
    target = tmp_path / "d.aif.json"
    code, _, err = invoke("convert", str(DEBATE), "-o", str(target))
    assert code == 0, err
    return target


def test_wrong_from_is_refused_and_names_the_format_the_file_looks_like(
        aif_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "y.yaml"
    code, _, err = invoke("convert", str(aif_file), "-o", str(out), "--from", "sadface")
    assert code == 1
    assert "--from says sadface, but the file looks like AIF JSON" in err
    assert "--from aif" in err
    assert err.count("\n") < 5  # not ~250 warnings
    assert not out.exists()
    code, _, err = invoke("convert", str(DEBATE), "-o", str(out), "--from", "aif")
    assert code == 1
    assert "looks like argmap YAML" in err


def test_an_input_that_yields_an_empty_map_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "odd.json"
    source.write_text('{"nodes": [{"id": 3}], "edges": []}', encoding="utf-8")
    out = tmp_path / "odd.yaml"
    code, _, err = invoke("convert", str(source), "-o", str(out), "--from", "sadface")
    assert code == 1
    assert "nothing in it was read as SADFace JSON (the map would be empty)" in err
    assert not out.exists()


def test_yaml_on_standard_input_is_recognised_by_content(tmp_path: Path) -> None:
    out = tmp_path / "st.yaml"
    code, _, err = invoke("convert", "-", "-o", str(out),
                          stdin=DEBATE.read_text(encoding="utf-8"))
    assert code == 0, err
    assert argmap.load(out) == argmap.load(DEBATE)


def test_unknown_stdin_hint_lists_only_importable_formats() -> None:
    code, _, err = invoke("convert", "-", "-o", "-", stdin="hello\n")
    assert code == 2
    assert "cannot tell the format of - from its content" in err
    assert "mermaid" not in err
    assert "graphml" not in err
    assert "microtexts" in err


def test_content_format_is_certain_or_none() -> None:
    from argmap.convert import content_format

    assert content_format(DEBATE.read_bytes()) == "yaml"
    assert content_format('{"argmap": 1}') == "json"
    assert content_format('{"nodes": [{"id": 1}]}') is None  # could be anything
    assert content_format("[not json") is None


# -- 11: convert never overwrites a hand-written map without --force -----------------------


def test_convert_refuses_to_overwrite_a_hand_written_map(tmp_path: Path) -> None:
    original = DEBATE.read_text(encoding="utf-8")
    (tmp_path / "d.yaml").write_text(original, encoding="utf-8")
    yaml_file, json_file = str(tmp_path / "d.yaml"), str(tmp_path / "d.json")
    assert invoke("convert", yaml_file, "-o", json_file)[0] == 0
    code, _, err = invoke("convert", json_file, "-o", yaml_file)
    assert code == 2
    assert "refusing to overwrite" in err
    assert "--force" in err
    assert (tmp_path / "d.yaml").read_text(encoding="utf-8") == original  # comments kept
    # JSON maps and Argdown are hand-written too
    assert invoke("convert", yaml_file, "-o", json_file)[0] == 2
    (tmp_path / "d.argdown").write_text("[a]: A claim. #thesis\n", encoding="utf-8")
    assert invoke("convert", yaml_file, "-o", str(tmp_path / "d.argdown"))[0] == 2
    # --force replaces it
    code, _, err = invoke("convert", json_file, "-o", yaml_file, "--force")
    assert code == 0, err
    assert "#" not in (tmp_path / "d.yaml").read_text(encoding="utf-8").splitlines()[0]


def test_convert_replaces_generated_formats(tmp_path: Path) -> None:
    for name in ("d.aif.json", "d.sadface.json", "d.mmd", "d.graphml"):
        target = tmp_path / name
        target.write_text("an earlier export", encoding="utf-8")
        code, _, err = invoke("convert", str(DEBATE), "-o", str(target))
        assert code == 0, (name, err)
        assert target.read_text(encoding="utf-8") != "an earlier export"


# -- 9: Argdown #thesis is the main claim everywhere --------------------------------------


ARGDOWN = """# Cats

[Cats]: Cats make the best pets. #thesis
  <+ [Purr]: Cats purr when they are content. {certainty: 0.9}
  <+ [Clean]: Cats clean themselves. {source: "vet"}

## More
"""


def test_argdown_thesis_tag_marks_the_main_claim(tmp_path: Path) -> None:
    source = tmp_path / "cats.argdown"
    source.write_text(ARGDOWN, encoding="utf-8")
    code, out, err = invoke("check", str(source))
    assert "no-main-claim" not in out + err
    assert code == 0, out + err
    code, out, err = invoke("convert", str(source), "-o", "-")
    assert code == 0, err
    converted = argmap.loads(out)
    assert [c.id for c in converted.main_claims] == ["Cats"]
    # written back as #thesis, not reported as lost
    code, out, err = invoke("convert", str(source), "-o", "-", "-f", "argdown")
    assert code == 0
    assert "[Cats]: Cats make the best pets. #thesis" in out
    assert "main-thesis" not in err
    # #main too, and a YAML main claim gets #thesis in Argdown
    code, out, _ = invoke("convert", str(DEBATE), "-o", "-", "-f", "argdown")
    assert code == 0
    assert out.count("#thesis") == len(argmap.load(DEBATE).main_claims)
    (tmp_path / "m.argdown").write_text("[T]: Tea is good. #main\n", encoding="utf-8")
    code, out, _ = invoke("convert", str(tmp_path / "m.argdown"), "-o", "-")
    assert argmap.loads(out).claims["T"].main


def test_argdown_notes_have_the_line_of_the_element(tmp_path: Path) -> None:
    source = tmp_path / "cats.argdown"
    source.write_text(ARGDOWN, encoding="utf-8")
    _, out, err = invoke("check", str(source))
    notes = [line for line in (out + err).splitlines() if "not-imported" in line]
    assert any(line.startswith(f"{source}:4:") and "inline data" in line
               and "the first here" in line for line in notes), notes
    assert any(line.startswith(f"{source}:1:") and "2 headings" in line for line in notes)


def test_no_main_claim_hint_names_the_argdown_way(tmp_path: Path) -> None:
    source = tmp_path / "cats.argdown"
    source.write_text(ARGDOWN.replace(" #thesis", ""), encoding="utf-8")
    _, out, err = invoke("check", str(source))
    assert "no-main-claim" in out + err
    assert "tag its statement #thesis" in out + err


# -- 14: smaller inconsistencies ---------------------------------------------------------


def test_serve_on_a_missing_file_exits_2(tmp_path: Path) -> None:
    pytest.importorskip("starlette")
    code, _, err = invoke("serve", str(tmp_path / "typo.yaml"))
    assert code == 2
    assert "no such file" in err
    assert "argmap new -o" in err


def test_serve_gives_the_line_check_gives() -> None:
    pytest.importorskip("starlette")
    from argmap.serve import PreviewOptions
    from argmap.serve._snapshot import take

    text = DEBATE.read_text(encoding="utf-8")
    drawing = take(DEBATE, PreviewOptions())
    lines = text.splitlines()
    by_id = {d.get("id"): d for d in drawing.nodes.values()}
    one = by_id["one-threat"]
    assert lines[int(one["line"]) - 1].strip() == "one-threat:"
    assert lines[int(one["line"]) - 1].index("one-threat") + 1 == one["column"]
    result = argmap.validate(DEBATE)
    where = result.locate("claims", "one-threat", key=True)
    assert (where.line, where.column) == (one["line"], one["column"])


@pytest.mark.parametrize("name", ["one.svg", "one.PNG", "one.pdf", "one.html"])
def test_render_several_maps_into_a_diagram_name_is_refused(tmp_path: Path,
                                                             name: str) -> None:
    code, _, err = invoke("render", str(DEBATE), str(DEBATE), "-o", str(tmp_path / name))
    assert code == 2
    assert "name a folder with -o" in err
    assert not (tmp_path / name).exists()


def test_landscape_without_page_says_what_to_add(tmp_path: Path) -> None:
    code, _, err = invoke("render", str(DEBATE), "-o", str(tmp_path / "x.pdf"),
                          "--landscape")
    assert code == 2
    assert "no page size was given: add --page (for example --page A3" in err
    assert "(page='A3', --page A3)" not in err


def test_solve_on_a_missing_file_says_no_such_file() -> None:
    code, out, err = invoke("solve", "-p", "SE-GR", "-f", "/nonexist")
    assert code == 2
    assert "no such file" in err
    assert "cannot tell" not in err
    assert out == ""


def test_validate_raises_read_error_for_a_missing_file_as_the_readme_says(
        tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "an unreadable file raises ReadError" in readme
    with pytest.raises(argmap.ReadError):
        argmap.validate(tmp_path / "student.argmap.yaml")


def _commands() -> list[str]:
    from argmap.cli import _COMMANDS

    return sorted(_COMMANDS)


@pytest.mark.parametrize("command", ["", *_commands()])
def test_help_is_at_most_80_columns_on_a_wide_terminal(command: str) -> None:
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm"}
    args = [command, "--help"] if command else ["--help"]
    done = subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    if done.returncode == 2 and "extra" in done.stderr:
        pytest.skip(f"{command} needs an extra")
    assert done.returncode == 0, done.stderr
    wide = [line for line in done.stdout.splitlines() if len(line) > 80]
    assert wide == []


# -- 12: argmap new with an odd output name ------------------------------------------------


@pytest.mark.parametrize("name", ["line\nbreak.yaml", "a\x1bb.yaml", "my map's #1.yaml"])
def test_new_with_an_odd_name_writes_a_valid_map_and_a_pasteable_command(
        tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, _, err = invoke("new", "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert argmap.validate(target).ok
    assert "\x1b" not in text
    if name.isprintable():
        assert f"#     argmap check {shlex.quote(name)}\n" in text
        # the suggested command, pasted into a shell, names the file
        command = err.split("`")[1]
        assert shlex.split(command) == ["argmap", "check", str(target)]
    else:
        assert "#     argmap check <this file>\n" in text


# -- 10: the 100/100 model student passes the check the README prescribes -----------------


def test_model_student_passes_check_with_the_classroom_profile(tmp_path: Path) -> None:
    """Finding 10: amira scored 100/100 yet `argmap check` with the classroom profile
    (README, "For teachers") gave two errors (unsupported-claim).  The model answer now
    supports every claim it uses; the two source warnings left are advice that grade's
    `[sources] need = "date-or-link"` does not charge for (each source has one of them)."""
    classroom = ROOT / "examples" / "classroom"
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "amira.yaml").write_bytes((classroom / "submissions" / "amira.yaml")
                                        .read_bytes())
    (folder / "argmap.toml").write_text('[check]\nprofile = "classroom"\n',
                                        encoding="utf-8")
    code, out, err = invoke("check", str(folder / "amira.yaml"))
    assert code == 0, out + err
    assert "error[" not in out + err
    report = tmp_path / "report"
    code, out, err = invoke("grade", str(folder), "-a", str(classroom / "assignment.toml"),
                            "-o", str(report), "--no-draw")
    assert code == 0, out + err
    row = (report / "grades.csv").read_text(encoding="utf-8").splitlines()[1].split(",")
    assert row[0] == "amira"
    assert row[2:4] == ["100", "100"]
