"""Reporters for code-scanning and test dashboards: SARIF 2.1.0 and JUnit XML.

Both are registered in :mod:`argmap._report` (``--format sarif``, ``--format junit``)
and take the same :class:`~argmap._report.FileReport` records as the text and JSON
reporters, so they say the same things: every diagnostic, with its file, line, column,
code, severity, message and hint.

**SARIF** (the OASIS Static Analysis Results Interchange Format, version 2.1.0, read by
GitHub code scanning, GitLab, Azure DevOps and SARIF viewers): one run per invocation;
a rule for each code that occurs, with a short description, help text and ``helpUri``
to its page on the docs site (``rules/<code>/`` for the rules of ``check``, the
validation section of the format reference for ``validate``'s codes); each result has a
``physicalLocation`` whose artifact URI is relative to the working folder (base id
``%SRCROOT%``) and a region with ``startLine``/``startColumn`` (columns count Unicode
code points, as argmap's do: the run says ``columnKind: unicodeCodePoints``).

**JUnit XML** (read by GitLab's test reports, Jenkins, Azure Pipelines, CircleCI): one
``testsuite`` per file, one ``testcase`` per diagnostic (``classname`` the file,
``name`` the code and place).  An error is a ``failure``, a file that could not be read
an ``error``, so a dashboard's red counts match argmap's exit code (1 for findings, 2
for unreadable inputs); warnings and notes are passing test cases that carry their
message in ``system-out``.  A file without diagnostics is one passing test case.  XML
1.0 cannot carry most control characters at all: they are shown escaped (``\\x1b``),
as in text output.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from argmap._version import __version__
from argmap._xmltext import attribute, content
from argmap.errors import Diagnostic, Severity

if TYPE_CHECKING:
    from argmap._report import FileReport

__all__ = ["DOCS_URL", "IMPORT_CODES", "SARIF_SCHEMA", "VALIDATION_CODES", "junit", "sarif",
           "sarif_rules"]

#: The docs site (``site_url`` in mkdocs.yml says the same; a test keeps them equal).
DOCS_URL = "https://argmap.readthedocs.io/en/latest/"

#: The ``$schema`` of SARIF 2.1.0 output (the OASIS errata 01 schema).
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

#: Codes of ``validate`` (and of reading any file) with a one-line description; the
#: table in docs/format.md, "Validation and its messages", lists the same codes.
VALIDATION_CODES: dict[str, str] = {
    "syntax": "The text is not YAML or JSON.",
    "number-too-long": "A whole number of more than 4,300 digits.",
    "encoding": "The file is not UTF-8, or contains NUL characters.",
    "empty": "The file holds nothing.",
    "too-large": "The file is beyond the size limit.",
    "too-deep": "The file is nested beyond the depth limit.",
    "yaml-anchor": "A YAML anchor (argmap refuses anchors).",
    "yaml-alias": "A YAML alias (argmap refuses aliases).",
    "yaml-tag": "A YAML tag (argmap refuses tags).",
    "duplicate-key": "The same key twice in one mapping.",
    "schema": "A missing or unknown key, a value of the wrong kind, an invalid id, date "
              "or link, a list too short.",
    "duplicate-id": "The same id for two nodes.",
    "unknown-reference": "An id that names nothing.",
    "wrong-reference-kind": "A reference to the wrong kind of node.",
    "invalid-relation": "A claim said to contradict itself.",
    "too-many-problems": "More problems than are reported for one file: how many more.",
    "model": "A map built in code with an entry stored under another key than its id, or "
             "a field of the wrong type.",
    "io": "The file could not be read.",
}

_VALIDATION_PAGE = "format/#validation-and-its-messages"

#: The notes an import gives (Argdown, AIF, SADFace and microtexts files are converted on
#: the way): code -> what it means.  docs/convert.md lists them.
IMPORT_CODES: dict[str, str] = {
    "not-imported": "A part of the input argmap has no place for, named with its ids or count.",
    "imported-dialogue": "The speakers of AIF propositions, kept in their notes.",
    "older-layout": "A SADFace document in the older layout, read as such.",
    "split-node": "A relation node with several targets, read as one relation per target.",
    "duplicate-relation": "A relation written twice, read once.",
    "dropped-relation": "A relation of the input that argmap cannot represent.",
    "unsupported": "A construct of the input the importer does not read.",
    "approximated": "A reading of the input that is argmap's choice.",
    "other-text": "A statement defined again with another text, kept in its note.",
    "attack-type": "An attack whose kind was inferred from the input.",
    "too-many-inferences": "An argument with more inferences than are read.",
    "too-many-premises": "An argument with more premises than are read.",
    "empty-text": "An empty text, read as `(no text)`.",
    "long-text": "A text longer than 2,000 characters, cut; the full text is in the note.",
    "format": "The input is not in the format it was read as.",
    "unsafe-xml": "XML with a DTD or entities, refused.",
}

_IMPORT_PAGE = "convert/#nothing-is-lost-silently"
_ASSIGNMENT_PAGE = "teaching/#profile-reference"

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _check_rules() -> dict[str, tuple[str, str, Severity]]:
    """The rules of ``check``: code -> (summary, family, default severity)."""
    from argmap._rules.registry import all_rules  # noqa: PLC0415 -- only when reporting

    return {r.code: (r.summary, r.family, r.severity) for r in all_rules()}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _rule_descriptor(
    code: str, checks: dict[str, tuple[str, str, Severity]], level: str
) -> dict[str, Any]:
    if code in checks:
        summary, family, severity = checks[code]
        return _check_rule(code, summary, family, _SARIF_LEVEL[severity])
    if code.startswith("assignment/"):
        summary = f"A requirement of the assignment profile: {code.split('/', 1)[1]}."
        uri = DOCS_URL + _ASSIGNMENT_PAGE
        tags = ["argmap", "grade"]
        more = "Each result says what the map lacks and how to earn the points; the " \
               "requirements are listed"
    elif code in IMPORT_CODES and code not in VALIDATION_CODES:
        summary = IMPORT_CODES[code]
        uri = DOCS_URL + _IMPORT_PAGE
        tags = ["argmap", "import"]
        more = "The conversion notes are listed"
    else:
        summary = VALIDATION_CODES.get(code, f"argmap diagnostic `{code}`.")
        uri = DOCS_URL + _VALIDATION_PAGE
        tags = ["argmap", "validation"]
        more = "Each result's message says how to fix it; the codes are listed"
    return _descriptor(code, summary, more, uri, level, tags)


def _descriptor(code: str, summary: str, more: str, uri: str, level: str,
                tags: list[str]) -> dict[str, Any]:
    return {
        "id": code,
        "name": "".join(part.capitalize() for part in code.split("-")) or code,
        "shortDescription": {"text": summary},
        "help": {
            "text": f"{summary} {more} at {uri}",
            "markdown": f"{summary} {more} [in argmap's docs]({uri}).",
        },
        "helpUri": uri,
        "defaultConfiguration": {"level": level},
        "properties": {"tags": tags},
    }


def _check_rule(code: str, summary: str, family: str, level: str) -> dict[str, Any]:
    """The descriptor of a rule of ``check`` (its page: docs/rules/<code>.md)."""
    return _descriptor(
        code, _sentence(summary),
        "Its page explains the rule, with a map that breaks it and one that does not",
        f"{DOCS_URL}rules/{quote(code)}/", level, ["argmap", "reasoning", family])


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {"driver": {"name": "argmap", "version": __version__,
                       "semanticVersion": __version__, "informationUri": DOCS_URL,
                       "rules": rules}}


def _state(enabled: object, severity: object) -> str:
    return f"{'enabled' if enabled else 'disabled'}, {severity}"


def sarif_rules(records: Sequence[Mapping[str, Any]], *, profile: str,
                config: str | None, indent: int | None = None) -> str:
    """The rule catalogue of ``check`` as a SARIF 2.1.0 log with no results: one run
    whose ``tool.driver.rules`` describes every rule as configured (what code-scanning
    tools import as rule metadata).

    ``records`` are :func:`argmap.check.describe_rules`'s.  Each rule's
    ``defaultConfiguration`` holds its configured level and whether it runs, and its
    options as ``parameters``; ``fullDescription`` says the same in words, with the
    defaults.
    """
    from argmap._report import dump_json  # noqa: PLC0415 -- the two modules use each other

    rules = []
    for r in records:
        severity = Severity(r["severity"])
        descriptor = _check_rule(r["code"], r["summary"], r["family"], _SARIF_LEVEL[severity])
        options = dict(r["options"])
        shown = "; ".join(f"{name} = {json.dumps(value)}" for name, value in options.items())
        full = {"text": (
            f"{descriptor['shortDescription']['text']} A {r['family']} rule; as configured: "
            f"{_state(r['enabled'], r['severity'])} (by default: "
            f"{_state(r['default_enabled'], r['default_severity'])})."
            + (f" Options: {shown}." if shown else ""))}
        descriptor = {**{k: v for k, v in descriptor.items() if k in ("id", "name")},
                      "shortDescription": descriptor["shortDescription"],
                      "fullDescription": full, **descriptor}
        configuration: dict[str, Any] = {"enabled": bool(r["enabled"]),
                                         "level": _SARIF_LEVEL[severity]}
        if options:
            configuration["parameters"] = options
        descriptor["defaultConfiguration"] = configuration
        descriptor["properties"].update({
            "family": r["family"], "severity": r["severity"],
            "defaultEnabled": r["default_enabled"],
            "defaultSeverity": r["default_severity"], "doc": r["doc"]})
        rules.append(descriptor)
    run: dict[str, Any] = {
        "tool": _driver(rules),
        "invocations": [{"executionSuccessful": True,
                         "properties": {"verb": "list-rules", "profile": profile,
                                        "config": config}}],
        "results": [],
    }
    return dump_json({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent)


def _artifact_location(name: str, cwd: str) -> dict[str, str]:
    """The artifact location of an input: a relative URI below the working folder
    ``cwd`` (``%SRCROOT%``), else (an absolute name elsewhere, or ``../``) an absolute
    ``file:`` URI."""
    # os.path, not pathlib: several times faster, and this runs once per file
    path = os.path.normpath(os.path.join(cwd, name))  # noqa: PTH118 -- see above
    relative = os.path.relpath(path, cwd)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": Path(path).as_uri()}
    posix = relative.replace(os.sep, "/")
    # keep the separators; escape spaces, '%', '#', '?' and every non-ASCII byte
    encoded = quote(posix.encode("utf-8", "surrogateescape"), safe="/-._~!$&'()*+,;=:@")
    return {"uri": encoded, "uriBaseId": "%SRCROOT%"}


def _message(d: Diagnostic) -> str:
    return d.message + (f" (hint: {d.hint})" if d.hint else "")


def sarif(
    reports: Sequence[FileReport], verb: str, *, quiet: bool = False, indent: int | None = None
) -> str:
    """The run as one SARIF 2.1.0 log (JSON text); ``quiet`` changes nothing (a log
    lists results, not files without them)."""
    from argmap._report import dump_json  # noqa: PLC0415 -- the two modules use each other

    cwd = os.getcwd()  # noqa: PTH109 -- a str for os.path (see _artifact_location)
    checks = _check_rules()
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    results: list[dict[str, Any]] = []

    def artifact(name: str) -> int:
        # one artifact per file, however it was named (`a.yaml`, `./a.yaml`, absolute)
        if name not in artifact_index:
            location = _artifact_location(name, cwd)
            key = location["uri"] + "\0" + location.get("uriBaseId", "")
            if key not in artifact_index:
                artifact_index[key] = len(artifacts)
                artifacts.append({"location": location})
            artifact_index[name] = artifact_index[key]
        return artifact_index[name]

    for report in reports:
        if report.file != "-":
            artifact(report.file)
        for d in report.diagnostics:
            level = _SARIF_LEVEL[d.severity]
            if d.code not in rule_index:
                rule_index[d.code] = len(rules)
                rules.append(_rule_descriptor(d.code, checks, level))
            result: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code],
                "level": level,
                "message": {"text": _message(d)},
            }
            file = d.location.file or report.file
            if file != "-":
                index = artifact(file)
                physical: dict[str, Any] = {
                    "artifactLocation": {**artifacts[index]["location"], "index": index},
                }
                if d.location.line is not None and d.location.line >= 1:
                    region: dict[str, int] = {"startLine": d.location.line}
                    if d.location.column is not None and d.location.column >= 1:
                        region["startColumn"] = d.location.column
                    physical["region"] = region
                location: dict[str, Any] = {"physicalLocation": physical}
                if d.location.pointer:
                    location["logicalLocations"] = [
                        {"fullyQualifiedName": d.location.pointer, "kind": "element"}
                    ]
                result["locations"] = [location]
            properties: dict[str, Any] = {"pointer": d.location.pointer}
            if d.hint:
                properties["hint"] = d.hint
            if file == "-":
                properties["file"] = "-"  # standard input: no artifact to point at
            result["properties"] = properties
            results.append(result)
    run: dict[str, Any] = {
        "tool": _driver(rules),
        "invocations": [
            {
                "executionSuccessful": not any(r.unreadable for r in reports),
                "properties": {"verb": verb, "files": len(reports)},
            }
        ],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(cwd).as_uri().rstrip("/") + "/"}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return dump_json(log, indent)


# --------------------------------------------------------------------------------------
# JUnit XML

_COMMAND = {"validated": "validate", "checked": "check", "graded": "grade"}


def _place(d: Diagnostic) -> str:
    if d.location.line is None:
        return ""
    column = f":{d.location.column}" if d.location.column is not None else ""
    return f" at {d.location.line}{column}"


def junit(
    reports: Sequence[FileReport], verb: str, *, quiet: bool = False, indent: int | None = None
) -> str:
    """The run as JUnit XML: ``testsuites`` > one ``testsuite`` a file > ``testcase``.

    ``quiet`` leaves out the suites of files without diagnostics (the totals on
    ``testsuites`` still count every file's test cases); ``indent`` is ignored (the
    XML is indented by two spaces).  Written as text, element by element (a tree of
    elements costs several times more on large batches).
    """
    name = f"argmap {_COMMAND.get(verb, verb)}"
    suites: list[str] = []
    total = failures = errors = 0
    for report in reports:
        suite_name = attribute(report.file)
        cases: list[str] = []
        suite_failures = suite_errors = 0
        if not report.diagnostics:
            cases.append(f"    <testcase name={attribute(name + ' ' + report.file)} "
                         f"classname={suite_name} file={suite_name} />")
        for d in report.diagnostics:
            file = d.location.file or report.file
            file_attr = suite_name if file == report.file else attribute(file)
            head = (f"    <testcase name={attribute(f'{d.severity.value}[{d.code}]{_place(d)}')} "
                    f"classname={suite_name} file={file_attr}")
            if d.location.line is not None:
                head += f' line="{d.location.line}"'
            body = content(str(d))
            if d.severity is Severity.ERROR:
                tag = "error" if report.unreadable else "failure"
                if report.unreadable:
                    suite_errors += 1
                else:
                    suite_failures += 1
                cases.append(f"{head}>\n      <{tag} message={attribute(_message(d))} "
                             f"type={attribute(d.code)}>{body}</{tag}>\n    </testcase>")
            else:
                cases.append(f"{head}>\n      <system-out>{body}</system-out>\n"
                             "    </testcase>")
        total += len(cases)
        failures += suite_failures
        errors += suite_errors
        if quiet and not report.diagnostics:
            continue
        suites.append(
            f"  <testsuite name={suite_name} tests=\"{len(cases)}\" "
            f"failures=\"{suite_failures}\" errors=\"{suite_errors}\" skipped=\"0\" "
            f"file={suite_name}>\n" + "\n".join(cases) + "\n  </testsuite>")
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name={attribute(name)} '
            f'tests="{total}" failures="{failures}" errors="{errors}"')
    if not suites:
        return head + " />\n"
    return head + ">\n" + "\n".join(suites) + "\n</testsuites>\n"
