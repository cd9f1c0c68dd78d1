"""``argmap convert`` through the real CLI: formats, exit codes, output files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap.cli import _app
from argmap.convert import import_map

runner = CliRunner()

AIF = json.dumps({
    "nodes": [{"nodeID": "1", "type": "I", "text": "Tea is good"},
              {"nodeID": "2", "type": "I", "text": "It is warm"},
              {"nodeID": "3", "type": "RA", "text": "Default Inference"},
              {"nodeID": "4", "type": "L", "text": "Bob: tea is good"}],
    "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
})
MAP = "argmap: 1\nclaims:\n  c1:\n    text: A claim.\n  c2:\n    text: A reason.\n" \
      "arguments:\n  a1:\n    premises: [c2]\n    conclusion: c1\n"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "debate.aif.json").write_text(AIF, encoding="utf-8")
    (tmp_path / "plain.json").write_text(AIF, encoding="utf-8")
    (tmp_path / "map.argmap.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "broken.aif.json").write_text('{"nodes": [\n  {"nodeID": 1,}]}',
                                              encoding="utf-8")
    return tmp_path


def test_aif_to_yaml_file(folder: Path) -> None:
    code, _, err = invoke("convert", str(folder / "debate.aif.json"), "-o",
                          str(folder / "out.yaml"))
    assert code == 0, err
    debate = import_map((folder / "out.yaml").read_bytes(), "yaml")
    assert debate.arguments["3"].premises == ("2",)
    assert "not-imported" in err  # the locution left out is reported


def test_plain_json_is_recognised_by_content_and_stdout_defaults_to_yaml(folder: Path
                                                                         ) -> None:
    code, out, _ = invoke("convert", str(folder / "plain.json"), "-o", "-", "-q")
    assert code == 0
    assert out.startswith("argmap: 1\n")


@pytest.mark.parametrize(("target", "check"), [
    ("out.aif.json", lambda t: json.loads(t)["nodes"]),
    ("out.xaif.json", lambda t: json.loads(t)["AIF"]["nodes"]),
    ("out.argdown", lambda t: "<a1>" in t),
    ("out.json", lambda t: json.loads(t)["argmap"] == 1),
])
def test_export_by_extension(folder: Path, target: str, check: object) -> None:
    code, _, err = invoke("convert", str(folder / "map.argmap.yaml"), "-o",
                          str(folder / target))
    assert code == 0, err
    assert callable(check)
    assert check((folder / target).read_text(encoding="utf-8"))


def test_from_and_to_override_names_and_stdin_works() -> None:
    code, out, _ = invoke("convert", "-", "--from", "aif", "--to", "argdown", "-o", "-",
                          stdin=AIF)
    assert code == 0
    assert "[1]: Tea is good" in out


def test_syntax_error_exits_1_with_line_and_column(folder: Path) -> None:
    target = folder / "out.yaml"
    code, _, err = invoke("convert", str(folder / "broken.aif.json"), "-o", str(target))
    assert code == 1
    assert "broken.aif.json:2:16: error[syntax]" in err
    assert not target.exists()  # nothing written on failure


@pytest.mark.parametrize(("args", "message"), [
    (["missing.aif.json", "-o", "-"], "no such file"),
    (["{folder}/map.argmap.yaml", "-o", "out.xml"], "cannot export microtexts"),
    (["{folder}/map.argmap.yaml", "--from", "mermaid", "-o", "-"], "cannot import mermaid"),
    (["{folder}/map.argmap.yaml", "--indent", "99", "-o", "-"], "99"),
    (["{folder}/map.argmap.yaml", "-o", "out.txt"], "cannot tell the output format"),
    (["{folder}/notes.txt", "-o", "-"], "cannot tell the format"),
    (["{folder}/map.argmap.yaml", "--to", "pdf", "-o", "-"], "unknown output format"),
    (["{folder}/map.argmap.yaml", "--from", "rtf", "-o", "-"], "unknown input format"),
])
def test_usage_errors_exit_2(folder: Path, args: list[str], message: str) -> None:
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    code, _, err = invoke("convert", *[a.format(folder=folder) for a in args])
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_strict_exits_1_when_something_was_lost(folder: Path) -> None:
    lossy = json.dumps({"nodes": [{"nodeID": "a", "type": "I", "text": "A"},
                                  {"nodeID": "r", "type": "RA", "text": "x"}],
                        "edges": [{"fromID": "a", "toID": "r"}]})
    (folder / "lossy.aif.json").write_text(lossy, encoding="utf-8")
    code, _, err = invoke("convert", str(folder / "lossy.aif.json"), "-o", "-", "--strict")
    assert code == 1
    assert "warning[dropped-relation]" in err
    code, _, _ = invoke("convert", str(folder / "debate.aif.json"), "-o", "-", "--strict")
    assert code == 0


def test_existing_output_is_replaced_atomically(folder: Path) -> None:
    target = folder / "out.yaml"
    target.write_text("old", encoding="utf-8")
    code, _, _ = invoke("convert", str(folder / "debate.aif.json"), "-o", str(target),
                        "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("argmap: 1")
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_help_has_an_example() -> None:
    code, out, _ = invoke("convert", "--help")
    assert code == 0
    assert "argmap convert micro_b001.xml -o micro_b001.argmap.yaml" in out


def test_help_names_every_output_format_and_indent() -> None:
    code, out, _ = invoke("convert", "--help")
    assert code == 0
    text = " ".join(out.split())
    for part in ("mermaid", "graphml", ".mmd", ".graphml", "sadface", "--indent"):
        assert part in text, part
