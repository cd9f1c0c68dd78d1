"""``argmap check --list-rules`` in every output format: each does what it says, or is
refused with exit 2 (it used to print the text table whatever ``--format`` said)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from argmap._report_ci import DOCS_URL, SARIF_SCHEMA
from argmap._rules.registry import all_rules

from .conftest import ROOT
from .test_check_cli import invoke
from .test_reporters import assert_valid_sarif


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with its own configuration: one rule turned on, one off, one retuned."""
    (tmp_path / "argmap.toml").write_text(
        '[check]\nprofile = "default"\nextend-select = ["single-premise"]\n'
        'ignore = ["disconnected"]\n\n[check.severity]\nunsupported-claim = "error"\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sarif_rules(out: str) -> tuple[Any, dict[str, Any]]:
    log = json.loads(out)
    assert_valid_sarif(log)
    assert log["$schema"] == SARIF_SCHEMA
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    return run, {r["id"]: r for r in run["tool"]["driver"]["rules"]}


def test_sarif_lists_every_rule_as_configured(isolated: Path) -> None:
    code, out, err = invoke("check", "--list-rules", "--format", "sarif", str(isolated))
    assert code == 0
    # the one line on stderr: the path only picks the configuration, it is not checked
    assert err.count("\n") == 1, err
    assert "run without --list-rules to check them" in err, err
    run, rules = _sarif_rules(out)
    assert run["results"] == []  # rule metadata only
    assert list(rules) == [r.code for r in all_rules()]
    for r in all_rules():
        descriptor = rules[r.code]
        assert descriptor["name"]
        assert r.summary.rstrip(".") in descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"]
        assert descriptor["helpUri"] == f"{DOCS_URL}rules/{r.code}/"
        assert (ROOT / "docs" / "rules" / f"{r.code}.md").is_file()
    # as configured, not as the defaults are
    single = rules["single-premise"]["defaultConfiguration"]
    assert single["enabled"] is True
    assert rules["disconnected"]["defaultConfiguration"]["enabled"] is False
    unsupported = rules["unsupported-claim"]
    assert unsupported["defaultConfiguration"]["level"] == "error"
    assert "as configured: enabled, error (by default: enabled, info)" in \
        unsupported["fullDescription"]["text"]
    properties = run["invocations"][0]["properties"]
    assert properties["config"] == "argmap.toml"  # relative to the working folder


def test_sarif_carries_rule_options_as_parameters(isolated: Path) -> None:
    code, out, _ = invoke("check", "--list-rules", "-f", "sarif", str(isolated))
    assert code == 0
    _, rules = _sarif_rules(out)
    with_options = [r for r in all_rules() if r.options]
    assert with_options
    for r in with_options:
        parameters = rules[r.code]["defaultConfiguration"]["parameters"]
        assert set(parameters) == set(r.options)
        assert "Options: " in rules[r.code]["fullDescription"]["text"]


def test_sarif_follows_the_profile(isolated: Path) -> None:
    code, default, _ = invoke("check", "--list-rules", "-f", "sarif", "--profile", "default",
                              "--config", str(isolated / "argmap.toml"))
    code2, strict, _ = invoke("check", "--list-rules", "-f", "sarif", "--profile", "strict",
                              "--config", str(isolated / "argmap.toml"))
    assert code == code2 == 0
    levels = [{k: v["defaultConfiguration"] for k, v in _sarif_rules(out)[1].items()}
              for out in (default, strict)]
    assert levels[0] != levels[1]


def test_json_validates_against_the_rules_schema(isolated: Path) -> None:
    code, out, _ = invoke("check", "--list-rules", "-f", "json", str(isolated))
    assert code == 0
    schema = json.loads((ROOT / "schemas" / "rules.schema.json").read_text("utf-8"))
    payload = json.loads(out)
    jsonschema.Draft202012Validator(schema).validate(payload)
    assert [r["code"] for r in payload["rules"]] == [r.code for r in all_rules()]


@pytest.mark.parametrize("fmt", ["junit", "github"])
def test_formats_without_a_rule_list_are_a_usage_error(fmt: str) -> None:
    done = subprocess.run([sys.executable, "-m", "argmap", "check", "--list-rules",
                           "--format", fmt], capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"--list-rules has no {fmt} form" in done.stderr
    assert "--format text|json|sarif" in done.stderr
    assert "Traceback" not in done.stderr


def test_text_is_still_the_table() -> None:
    code, out, _ = invoke("check", "--list-rules", "-f", "text")
    assert code == 0
    assert out.startswith("code ")
    assert "details: docs/rules/<code>.md" in out
