"""Find what is wrong or weak in an argument map: a catalogue of rules with stable codes.

Findings are :class:`~argmap.errors.Diagnostic` records (code, severity, message,
location, hint), never exceptions::

    import argmap
    from argmap.check import check_map, check_result, resolve_config

    result = argmap.validate("student.argmap.yaml")
    for finding in check_result(result):          # validation problems, or the findings
        print(finding)                            # path:line:col: warning[code]: ...

    config = resolve_config(profile="classroom", ignore=["unlinked-source"])
    findings = check_map(result.map, config=config, locate=result.locate)

A map built in code is checked the same way; without ``locate`` the findings carry a
JSON pointer but no line.  Every rule is listed by :func:`rules` and documented in
``docs/rules/<code>.md``; selection, severities and options come from
:class:`CheckConfig`, usually built by :func:`resolve_config` from a profile and the
``[tool.argmap.check]`` table of ``pyproject.toml`` (or ``[check]`` of
``argmap.toml``) that :func:`find_config` finds.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol, TypeAlias

from argmap._rules.config import (
    BUILTIN_PROFILES,
    CheckConfig,
    ConfigError,
    find_config,
    load_config,
    resolve_config,
)
from argmap._rules.registry import FAMILIES, Finding, Rule, all_rules, get_rule
from argmap._rules.suppress import SUPPRESSION, unknown_codes
from argmap.errors import Diagnostic, Location, Severity, pointer

if TYPE_CHECKING:
    from argmap._load import ValidationResult
    from argmap.model import ArgumentMap

__all__ = [
    "BUILTIN_PROFILES",
    "FAMILIES",
    "MAX_FINDINGS",
    "CheckConfig",
    "ConfigError",
    "Locate",
    "Rule",
    "check_map",
    "check_result",
    "describe_rules",
    "find_config",
    "get_rule",
    "load_config",
    "resolve_config",
    "rules",
    "suppressions",
]


class Locate(Protocol):
    """Where a part of the map's file is, by path (:meth:`ValidationResult.locate`)."""

    def __call__(self, *path: str | int, key: bool = False) -> Location: ...


def _no_file(*path: str | int, key: bool = False) -> Location:
    return Location(None, None, None, pointer(path))


def rules() -> tuple[Rule, ...]:
    """Every rule, by family (structure, logic, substance)."""
    return all_rules()


#: Most findings ``check`` reports for one file (as the loader does for validation
#: problems); the rest are summed up in one last ``too-many-problems`` diagnostic.
MAX_FINDINGS = 100

_Raw: TypeAlias = tuple[int, Severity, Finding]


def check_map(
    argmap: ArgumentMap,
    *,
    config: CheckConfig | None = None,
    locate: Locate | None = None,
    limit: int | None = None,
) -> list[Diagnostic]:
    """Run the enabled rules on a map; the findings in file order.

    ``locate`` gives findings their file, line and column (pass
    :meth:`ValidationResult.locate`); without it they carry only a JSON pointer.  The
    map should be valid (references resolved); rules skip what they cannot resolve.

    With ``limit``, at most that many findings are returned, the most severe first (then
    in file order), and a last ``too-many-problems`` diagnostic counts the rest by
    severity; only the findings shown are located, so the cost stays bounded.
    """
    where = locate if locate is not None else _no_file
    return _report(_run(argmap, config), where, limit, {})


def _run(argmap: ArgumentMap, config: CheckConfig | None) -> list[_Raw]:
    """Every finding of the enabled rules, with its rule's order and severity."""
    from argmap._rules.registry import MapIndex  # noqa: PLC0415 -- keeps the API module small

    config = config if config is not None else CheckConfig()
    index = MapIndex(argmap)
    found: list[_Raw] = []
    # The rules allocate many small objects and create no reference cycles; with a large
    # parsed document alive, the cyclic collector would otherwise rescan it again and
    # again (it doubled the time on a 10,000-claim file).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for order, rule in enumerate(all_rules()):
            if not config.enabled(rule):
                continue
            severity = config.severity_of(rule)
            options = config.options_of(rule)
            found.extend((order, severity, finding) for finding in rule(index, options))
    finally:
        if collecting:
            gc.enable()
    return found


def _report(
    raw: list[_Raw],
    where: Locate,
    limit: int | None,
    silenced: Mapping[int, frozenset[str] | None],
) -> list[Diagnostic]:
    """The findings as diagnostics: located, unsuppressed, in order, capped at ``limit``."""
    from argmap._limits import omitted  # noqa: PLC0415 -- light start-up

    codes = [r.code for r in all_rules()]

    def diagnostic(item: _Raw) -> tuple[int, Diagnostic]:
        order, severity, finding = item
        location = where(*finding.path, key=finding.key)
        return order, Diagnostic(codes[order], finding.message, location, severity,
                                 finding.hint)

    def by_severity(item: tuple[int, Diagnostic]) -> tuple[int, int, int, int]:
        loc = item[1].location
        return (item[1].severity.rank, loc.line or 0, loc.column or 0, item[0])

    if silenced:
        # Suppressions go by line: every finding is located, then the cap applies.
        located = [item for item in map(diagnostic, raw)
                   if not _silenced(item[1], silenced)]
        if limit is None or len(located) <= limit:
            shown = located
        else:
            located.sort(key=by_severity)
            shown, rest = located[:limit], [d.severity for _, d in located[limit:]]
            return _with_summary(shown, rest, where, limit, by_severity, omitted)
    elif limit is None or len(raw) <= limit:
        shown = [diagnostic(item) for item in raw]
    else:
        # Most severe first; within a severity, the first in the file.  Every finding is
        # located: the order in which rules found them (which can follow a set's hash
        # order) must not choose which ones are shown.
        located = sorted(map(diagnostic, raw), key=by_severity)
        shown, rest = located[:limit], [d.severity for _, d in located[limit:]]
        return _with_summary(shown, rest, where, limit, by_severity, omitted)
    shown.sort(key=lambda item: (item[1].location.line or 0, item[1].location.column or 0,
                                 item[0]))
    return [d for _, d in shown]


def _with_summary(
    shown: list[tuple[int, Diagnostic]],
    rest: list[Severity],
    where: Locate,
    limit: int,
    order: Callable[[tuple[int, Diagnostic]], tuple[int, int, int, int]],
    omitted: Callable[..., Diagnostic],
) -> list[Diagnostic]:
    shown.sort(key=order)
    counts = Counter(rest)
    summary = omitted(
        where().file, counts, limit=limit,
        hint="fix the findings above and check again, or narrow the run with --select "
        "or --ignore",
    )
    return [*(d for _, d in shown), summary]


def _silenced(finding: Diagnostic, silenced: Mapping[int, frozenset[str] | None]) -> bool:
    line = finding.location.line
    if line is None or line not in silenced:
        return False
    codes = silenced[line]
    return codes is None or finding.code in codes


def check_result(
    result: ValidationResult,
    *,
    config: CheckConfig | None = None,
    text: str | bytes | None = None,
    limit: int | None = MAX_FINDINGS,
    locate: Locate | None = None,
) -> list[Diagnostic]:
    """Validation diagnostics, then the check's findings when the map is valid.

    A map that does not validate is not checked: its validation diagnostics are the
    answer.  With the file's ``text``, findings on a line that carries an
    ``# argmap: ignore[code, ...]`` comment are dropped (see :func:`suppressions`), and
    a code in such a comment that no rule has is an ``unknown-ignore-code`` warning
    where it is written (with the code it probably means).  At most ``limit``
    findings are reported (``None``: all), the most severe first,
    and a last ``too-many-problems`` diagnostic counts the rest.  ``locate`` replaces
    :meth:`ValidationResult.locate` (for a map imported from another format, whose
    lines are not in a YAML document).
    """
    out = list(result.diagnostics)
    if result.map is not None:
        silenced = suppressions(text) if text is not None else {}
        where = locate if locate is not None else result.locate
        found = _report(_run(result.map, config), where, limit, silenced)
        if text is not None:  # a misspelt code in an ignore comment is reported
            unknown = unknown_codes(text, where().file, {r.code for r in all_rules()},
                                    FAMILIES)
            if unknown:
                found = sorted([*found, *unknown], key=_file_order)
        out.extend(found)
    return out


def _file_order(diagnostic: Diagnostic) -> tuple[int, int, int]:
    loc = diagnostic.location
    last = diagnostic.code == "too-many-problems"  # the count of the rest stays last
    return (int(last), loc.line or 0, loc.column or 0)


_SUPPRESSION = SUPPRESSION


def suppressions(text: str | bytes) -> Mapping[int, frozenset[str] | None]:
    """Lines with an ``# argmap: ignore[code, ...]`` comment -> the codes they silence.

    ``None`` stands for every code (``# argmap: ignore`` without a list).  Put the
    comment on the line a finding points at, for example an entry's key::

        article:  # argmap: ignore[undated-source, unlinked-source]

    >>> dict(suppressions("a: 1\\nb: 2  # argmap: ignore[support-cycle]\\n"))
    {2: frozenset({'support-cycle'})}
    """
    if isinstance(text, bytes):
        if b"ignore" not in text:
            return {}
        text = text.decode("utf-8", "replace")
    found: dict[int, frozenset[str] | None] = {}
    line, position = 1, 0
    for match in _SUPPRESSION.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        codes = match.group(1)
        if codes is None:
            found[line] = None
        else:
            named = frozenset(c.strip().lower() for c in codes.split(",") if c.strip())
            before = found.get(line, frozenset())
            found[line] = None if before is None else before | named
    return found


def describe_rules(config: CheckConfig | None = None) -> list[dict[str, object]]:
    """Every rule as a JSON-ready record, as ``config`` sets it up (default: defaults).

    The shape of ``argmap check --list-rules --format json``: ``code``, ``family``,
    ``enabled`` and ``severity`` (configured), ``default_enabled``,
    ``default_severity``, ``summary``, ``options`` (configured) and ``doc``.
    """
    config = config if config is not None else CheckConfig()
    return [
        {
            "code": r.code,
            "family": r.family,
            "enabled": config.enabled(r),
            "severity": config.severity_of(r).value,
            "default_enabled": r.enabled,
            "default_severity": r.severity.value,
            "summary": r.summary,
            "options": {
                k: list(v) if isinstance(v, tuple) else v
                for k, v in config.options_of(r).items()
            },
            "doc": r.doc,
        }
        for r in all_rules()
    ]
