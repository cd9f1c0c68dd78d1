"""The JSON outputs of the commands match their published schemas (schemas/*.schema.json).

Each schema is strict (``additionalProperties: false``): a key added to an output
without being added to its schema (and so to the documented contract) fails here.
Outputs come from real runs of the command line on the examples, the shared corpora
(Argdown imports, ICCMA frameworks) and hostile inputs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .conftest import CORPORA, EXAMPLES, ROOT

SCHEMAS = ROOT / "schemas"


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_matches(name: str, payload: Any) -> None:
    errors = sorted(validator(name).iter_errors(payload), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:5]]


def run_json(*args: str, cwd: Path = ROOT, codes: tuple[int, ...] = (0, 1)) -> Any:
    done = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode in codes, done.stderr.decode("utf-8", "replace")
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", ["report", "rules", "evaluation"])
def test_schemas_are_valid_and_documented(name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == f"urn:argmap:schema:{name}:1"
    validator(name)  # checks the schema itself
    docs = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    assert f"schemas/{name}.schema.json" in docs


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize("extra", [(), ("--quiet",), ("--indent", "2")])
def test_report_of_examples(command: str, extra: tuple[str, ...]) -> None:
    payload = run_json(command, "--format", "json", *extra, "examples/")
    assert_matches("report", payload)
    assert payload["summary"]["errors"] > 0  # the classroom's mistakes


def test_report_of_argdown_corpus(corpora: Path) -> None:
    payload = run_json("check", "--format", "json", str(corpora / "argdown" / "examples"))
    assert_matches("report", payload)
    assert payload["summary"]["files"] > 3


def test_report_of_unreadable_stdin_and_many_errors(tmp_path: Path) -> None:
    many = "argmap: 1\nclaims:\n" + "".join(f"  c{i}:\n    txt: x\n" for i in range(300))
    (tmp_path / "many.yaml").write_text(many, encoding="utf-8")
    (tmp_path / "ctl\x1b.yaml").write_bytes(b"argmap: 1\nclaims:\n  c1:\n    text: \xff\n")
    payload = run_json("validate", "--format", "json", "many.yaml", "ctl\x1b.yaml",
                       "missing.yaml", cwd=tmp_path, codes=(2,))
    assert_matches("report", payload)
    last = payload["files"][0]["diagnostics"][-1]
    assert last["code"] == "too-many-problems"
    assert last["omitted"]["errors"] > 0
    assert payload["files"][2]["diagnostics"][0]["code"] == "io"
    done = subprocess.run([sys.executable, "-m", "argmap", "check", "-f", "json", "-"],
                          input=b"argmap: 1\nclaims:\n  a: {text: A, main: true}\n",
                          capture_output=True, timeout=60, check=False)
    assert_matches("report", json.loads(done.stdout))


@pytest.mark.parametrize("profile", ["default", "strict", "classroom"])
def test_rule_catalogue(profile: str) -> None:
    payload = run_json("check", "--list-rules", "--format", "json", "--profile", profile)
    assert_matches("rules", payload)
    assert payload["profile"] == profile


MAP = str(EXAMPLES / "one-threat.argmap.yaml")


@pytest.mark.parametrize("extra", [
    (),
    ("--no-explain",),
    ("--semantics", "preferred", "--extensions", "3"),
    ("--semantics", "stable", "--indent", "1"),
])
def test_evaluation_of_a_map(extra: tuple[str, ...]) -> None:
    payload = run_json("evaluate", MAP, "--format", "json", *extra)
    assert_matches("evaluation", payload)
    assert "nodes" in payload


def test_evaluation_of_an_argdown_map(corpora: Path) -> None:
    source = next(iter(sorted((corpora / "argdown" / "examples").glob("*.argdown"))))
    payload = run_json("evaluate", str(source), "--format", "json", "--input-format",
                       "argdown")
    assert_matches("evaluation", payload)


@pytest.mark.parametrize("extra", [
    (),
    ("--explain",),
    ("--explain", "--indent", "2", "--semantics", "preferred"),
    ("--extensions", "2", "--semantics", "complete"),
    ("--extensions", "2", "--statuses", "--semantics", "stable"),
])
def test_evaluation_of_a_framework(tmp_path: Path, extra: tuple[str, ...]) -> None:
    (tmp_path / "f.af").write_text("p af 4\n1 2\n2 1\n3 4\n", encoding="utf-8")
    payload = run_json("evaluate", "f.af", "--format", "json", *extra, cwd=tmp_path)
    assert_matches("evaluation", payload)


def test_evaluation_of_a_corpus_framework(corpora: Path) -> None:
    instance = corpora / "iccma" / "a1210993_20150717_0403.gml.80.af"
    payload = run_json("evaluate", str(instance), "--format", "json", "--semantics",
                       "preferred", "--extensions", "1", "--statuses")
    assert_matches("evaluation", payload)
    assert len(payload["arguments"]) == 7346


def test_schemas_refuse_drift() -> None:
    """The schemas are strict: an undocumented key or a wrong value is refused."""
    payload = run_json("validate", "--format", "json", "examples/one-threat.argmap.yaml")
    payload["summary"]["new_key"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(payload, json.loads(
            (SCHEMAS / "report.schema.json").read_text(encoding="utf-8")))
    evaluation = run_json("evaluate", MAP, "--format", "json")
    evaluation["nodes"][0]["status"] = "maybe"
    assert list(validator("evaluation").iter_errors(evaluation))
    assert CORPORA  # the corpora path is configured (tests above skip without it)


def test_evaluation_of_several_inputs(tmp_path: Path) -> None:
    """Several inputs print one JSON array of the single-input reports, maps and
    frameworks alike; a file that fails is left out of it (and reported on stderr)."""
    framework = tmp_path / "x.af"
    framework.write_text("p af 2\n1 2\n", encoding="utf-8")
    payload = run_json("evaluate", MAP, str(framework), "--format", "json")
    assert isinstance(payload, list)
    assert len(payload) == 2
    assert_matches("evaluation", payload)
