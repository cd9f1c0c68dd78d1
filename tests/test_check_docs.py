"""Every rule's documentation page and its examples, run through ``argmap check``.

Each rule has ``docs/rules/<code>.md`` and two maps, ``docs/rules/examples/<code>-bad.yaml``
and ``-good.yaml``: the bad one must trigger exactly that rule (and nothing else, with every
default rule and that rule enabled), the good one nothing at all.  The pages show the
examples and the command's output verbatim; these tests keep them in step.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap.check import rules
from argmap.cli import _app

from .conftest import ROOT

DOCS = ROOT / "docs"
EXAMPLES = DOCS / "rules" / "examples"
CODES = [r.code for r in rules()]
runner = CliRunner()


@pytest.fixture
def no_config(tmp_path: Path) -> Path:
    path = tmp_path / "argmap.toml"
    path.write_text("[check]\n", encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.stdout


def test_every_rule_has_a_page_and_two_examples() -> None:
    pages = {p.stem for p in (DOCS / "rules").glob("*.md")}
    assert pages == set(CODES)
    files = {p.name for p in EXAMPLES.glob("*.yaml")}
    assert files == {f"{c}-{kind}.yaml" for c in CODES for kind in ("bad", "good")}
    overview = (DOCS / "check.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"[`{code}`](rules/{code}.md)" in overview


@pytest.mark.parametrize("code", CODES)
def test_bad_example_triggers_exactly_its_rule(code: str, no_config: Path) -> None:
    exit_code, out = check("--config", str(no_config), "--extend-select", code,
                           "--format", "json", str(EXAMPLES / f"{code}-bad.yaml"))
    found = json.loads(out)["files"][0]["diagnostics"]
    assert found, f"{code}-bad.yaml triggers nothing"
    assert {d["code"] for d in found} == {code}, found
    rule = next(r for r in rules() if r.code == code)
    assert {d["severity"] for d in found} == {rule.severity.value}
    assert all(d["line"] is not None and d["column"] is not None for d in found)
    assert exit_code == (1 if rule.severity.value == "error" else 0)


@pytest.mark.parametrize("code", CODES)
def test_good_example_is_clean(code: str, no_config: Path) -> None:
    exit_code, out = check("--config", str(no_config), "--extend-select", code,
                           "--format", "json", str(EXAMPLES / f"{code}-good.yaml"))
    assert json.loads(out)["files"][0]["diagnostics"] == []
    assert exit_code == 0


@pytest.mark.parametrize("code", CODES)
def test_page_shows_the_examples_and_the_real_output(
    code: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = (DOCS / "rules" / f"{code}.md").read_text(encoding="utf-8")
    assert page.startswith(f"# `{code}`\n")
    for heading in ("## What it finds", "## Why it matters", "## Example"):
        assert heading in page
    blocks = re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)
    assert blocks == [
        (EXAMPLES / f"{code}-{kind}.yaml").read_text(encoding="utf-8") for kind in ("bad", "good")
    ]
    shown = re.findall(r"```text\n(.*?)```", page, re.DOTALL)
    assert len(shown) == 1
    rule = next(r for r in rules() if r.code == code)
    (tmp_path / "argmap.toml").write_text("[check]\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    extra = [] if rule.enabled else ["--extend-select", code]
    _, out = check("--config", str(tmp_path / "argmap.toml"), *extra,
                   f"docs/rules/examples/{code}-bad.yaml")
    assert shown[0] == out
    for name in rule.options:
        assert f"`{name}`" in page
