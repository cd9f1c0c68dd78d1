"""Check configuration: profiles, ``[tool.argmap.check]`` / ``argmap.toml``, selectors.

A *spec* is a table with the keys ``select``, ``extend-select``, ``ignore``,
``severity``, ``options`` and ``warnings-as-errors`` (plus ``extends`` in a profile and
``profile`` and ``profiles`` at the top).  Built-in profiles are specs written here; a
configuration file's specs are read with :mod:`tomllib` and checked key by key, each
problem reported with the file and the line it is on.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from argmap._rules.registry import FAMILIES, OptionValue, Rule, all_rules
from argmap.errors import Severity, UsageError

__all__ = [
    "BUILTIN_PROFILES",
    "CheckConfig",
    "ConfigError",
    "expand_selectors",
    "find_config",
    "load_config",
    "resolve_config",
]

CONFIG_NAMES = ("argmap.toml", "pyproject.toml")
_MAX_CONFIG_BYTES = 4 * 1024 * 1024

#: The built-in profiles, as specs (the same shape as a ``[...profiles.NAME]`` table).
BUILTIN_PROFILES: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        # The rules enabled by default with their default severities.
        "default": {},
        # Every rule, every weakness a warning, every warning an error.
        "strict": {
            "extend-select": ["all"],
            "severity": {"substance": "warning"},
            "options": {"unsupported-claim": {"objections-need-reasons": True}},
            "warnings-as-errors": True,
        },
        # What a teacher grades: a student's map fails on missing reasons and sources.
        "classroom": {
            "severity": {
                "unsupported-claim": "error",
                "evidence-without-source": "error",
                "empty-statement": "error",
                "duplicate-statement": "error",
                "shallow-reasoning": "error",
                "unanswered-objection": "warning",
                "undated-source": "warning",
                "unlinked-source": "warning",
            },
            "options": {
                "shallow-reasoning": {"min-depth": 2},
                "unanswered-objection": {"every-main-side": True},
            },
        },
    }
)

_SEVERITIES = {s.value: s for s in Severity}
_SPEC_KEYS = ("select", "extend-select", "ignore", "severity", "options", "warnings-as-errors")
_TOP_KEYS = ("profile", "profiles", *_SPEC_KEYS)
_PROFILE_KEYS = ("extends", *_SPEC_KEYS)


class ConfigError(UsageError):
    """A configuration file or option is wrong; ``file`` and ``line`` say where."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.file = file
        self.line = line
        self.hint = hint
        self.reason = message
        #: ``file:line: `` (or ``file: ``, or nothing) to put before the message.
        self.where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        text = f"{self.where}{message}"
        if hint:
            text += f" (hint: {hint})"
        super().__init__(text)


def _codes() -> dict[str, Rule]:
    return {r.code: r for r in all_rules()}


def _suggest(name: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def expand_selectors(selectors: Iterable[str]) -> frozenset[str]:
    """The rule codes that selectors name: a code, a family name, or ``all``.

    Raises :class:`ConfigError` for an unknown selector.
    """
    codes = _codes()
    out: set[str] = set()
    for selector in selectors:
        name = selector.strip().lower()
        if name == "all":
            out.update(codes)
        elif name in FAMILIES:
            out.update(c for c, r in codes.items() if r.family == name)
        elif name in codes:
            out.add(name)
        else:
            raise ConfigError(
                f"unknown rule {selector!r}",
                hint=_suggest(name, [*codes, *FAMILIES, "all"])
                or "see `argmap check --list-rules`",
            )
    return frozenset(out)


def _codeset(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _frozen_severity(value: Mapping[str, Severity]) -> Mapping[str, Severity]:
    return MappingProxyType(dict(value))


def _frozen_options(
    value: Mapping[str, Mapping[str, OptionValue | list[str]]],
) -> Mapping[str, Mapping[str, OptionValue]]:
    return MappingProxyType(
        {
            code: MappingProxyType(
                {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
            )
            for code, values in value.items()
        }
    )


def _default_select() -> frozenset[str]:
    return frozenset(r.code for r in all_rules() if r.enabled)


def _option_type_error(rule: Rule, name: str, value: object) -> str | None:
    default = rule.options[name]
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "true or false"
    if isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10**6
        return None if ok else "a whole number from 0 to 1000000"
    if isinstance(default, tuple):
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        return None if ok else "a list of strings"
    return None if isinstance(value, str) else "a string"


@attrs.frozen
class CheckConfig:
    """Which rules run, with which severity and options.

    ``select`` is the set of enabled rule codes; ``severity`` and ``options`` override
    rules' defaults by code; ``warnings_as_errors`` raises every warning to an error.
    ``profile`` and ``file`` record where the configuration came from.  Build one with
    :func:`resolve_config` (profiles and files) or directly::

        CheckConfig(select={"support-cycle", "unsupported-claim"},
                    options={"shallow-reasoning": {"min-depth": 3}})

    Unknown codes, option names and option values of the wrong type raise
    :class:`ConfigError`.
    """

    select: frozenset[str] = attrs.field(factory=_default_select, converter=_codeset)
    severity: Mapping[str, Severity] = attrs.field(factory=dict, converter=_frozen_severity)
    options: Mapping[str, Mapping[str, OptionValue]] = attrs.field(
        factory=dict, converter=_frozen_options
    )
    warnings_as_errors: bool = False
    profile: str = "default"
    file: str | None = None

    def __attrs_post_init__(self) -> None:
        codes = _codes()
        for code in (*self.select, *self.severity, *self.options):
            if code not in codes:
                raise ConfigError(
                    f"unknown rule {code!r}",
                    file=self.file,
                    hint=_suggest(code, codes) or "see `argmap check --list-rules`",
                )
        for code, values in self.options.items():
            rule = codes[code]
            for name, value in values.items():
                if name not in rule.options:
                    known = ", ".join(rule.options) or "none"
                    raise ConfigError(
                        f"rule {code!r} has no option {name!r} (its options: {known})",
                        file=self.file,
                    )
                expected = _option_type_error(rule, name, value)
                if expected:
                    raise ConfigError(
                        f"option {name!r} of rule {code!r} must be {expected}, not {value!r}",
                        file=self.file,
                    )

    def enabled(self, rule: Rule) -> bool:
        return rule.code in self.select

    def severity_of(self, rule: Rule) -> Severity:
        """The rule's severity under this configuration."""
        severity = self.severity.get(rule.code, rule.severity)
        if self.warnings_as_errors and severity is Severity.WARNING:
            return Severity.ERROR
        return severity

    def options_of(self, rule: Rule) -> Mapping[str, OptionValue]:
        """The rule's options: its defaults, overridden by this configuration."""
        merged = dict(rule.options)
        for name, value in self.options.get(rule.code, {}).items():
            merged[name] = tuple(value) if isinstance(value, list) else value
        return MappingProxyType(merged)

    def selecting(
        self,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> CheckConfig:
        """This configuration with the enabled rules replaced, extended or reduced.

        Each argument is a list of selectors: rule codes, family names or ``all``.
        """
        chosen = set(self.select if select is None else expand_selectors(select))
        chosen |= expand_selectors(extend_select)
        chosen -= expand_selectors(ignore)
        return attrs.evolve(self, select=frozenset(chosen))


# --------------------------------------------------------------------------------------
# specs


@attrs.define
class _State:
    select: set[str]
    severity: dict[str, Severity]
    options: dict[str, dict[str, OptionValue]]
    warnings_as_errors: bool = False


class _Where:
    """Finds the line of a key or value in a TOML text, for error messages."""

    def __init__(self, file: str | None, text: str | None) -> None:
        self.file = file
        self.lines = text.splitlines() if text else []

    def line(self, *tokens: str) -> int | None:
        """The first line mentioning every token, in order of preference."""
        for token in tokens:
            pattern = re.compile(r"(?<![\w-])" + re.escape(token) + r"(?![\w-])")
            for number, line in enumerate(self.lines, 1):
                if pattern.search(line.split("#", 1)[0] if "#" in line else line):
                    return number
        return None

    def error(self, message: str, *tokens: str, hint: str | None = None) -> ConfigError:
        return ConfigError(message, file=self.file, line=self.line(*tokens), hint=hint)


def _selector_list(value: object, key: str, where: _Where) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(f"`{key}` must be a list of rule codes", key,
                          hint=f'write {key} = ["support-cycle", "substance"]')
    try:
        return expand_selectors(value)
    except ConfigError as exc:
        bad = next((v for v in value if not _is_selector(v)), "")
        raise where.error(f"`{key}`: {exc.reason}", bad, key, hint=exc.hint) from None


def _is_selector(name: str) -> bool:
    try:
        expand_selectors([name])
    except ConfigError:
        return False
    return True


def _apply(spec: Mapping[str, Any], state: _State, where: _Where, allowed: Sequence[str],
           table: str) -> None:
    for key in spec:
        if key not in allowed:
            raise where.error(
                f"unknown key {key!r} in {table}",
                key,
                hint=_suggest(key, allowed) or f"the keys are: {', '.join(allowed)}",
            )
    if "select" in spec:
        state.select = set(_selector_list(spec["select"], "select", where))
    if "extend-select" in spec:
        state.select |= _selector_list(spec["extend-select"], "extend-select", where)
    if "ignore" in spec:
        state.select -= _selector_list(spec["ignore"], "ignore", where)
    if "warnings-as-errors" in spec:
        value = spec["warnings-as-errors"]
        if not isinstance(value, bool):
            raise where.error("`warnings-as-errors` must be true or false", "warnings-as-errors")
        state.warnings_as_errors = value
    severity = spec.get("severity", {})
    if not isinstance(severity, dict):
        raise where.error("`severity` must be a table of rule = level", "severity",
                          hint='write severity = { unsupported-claim = "error" }')
    for selector, level in severity.items():
        if not isinstance(level, str) or level.lower() not in _SEVERITIES:
            raise where.error(
                f"severity of {selector!r} must be \"error\", \"warning\" or \"info\", not "
                f"{level!r}",
                selector,
                "severity",
            )
        if not _is_selector(selector):
            raise where.error(
                f"`severity`: unknown rule {selector!r}",
                selector,
                "severity",
                hint=_suggest(selector, [*_codes(), *FAMILIES]) or "see `argmap check "
                "--list-rules`",
            )
        for code in expand_selectors([selector]):
            state.severity[code] = _SEVERITIES[level.lower()]
    options = spec.get("options", {})
    if not isinstance(options, dict):
        raise where.error("`options` must be a table of rule tables", "options",
                          hint="write [tool.argmap.check.options.shallow-reasoning]")
    codes = _codes()
    for code, values in options.items():
        if code not in codes:
            raise where.error(f"`options`: unknown rule {code!r}", code, "options",
                              hint=_suggest(code, codes) or "see `argmap check --list-rules`")
        if not isinstance(values, dict):
            raise where.error(f"options of {code!r} must be a table", code,
                              hint=f"write {code} = {{ option = value }}")
        rule = codes[code]
        for name, value in values.items():
            if name not in rule.options:
                known = ", ".join(rule.options) or "none"
                raise where.error(f"rule {code!r} has no option {name!r}", name, code,
                                  hint=_suggest(name, rule.options) or f"its options: {known}")
            expected = _option_type_error(rule, name, value)
            if expected:
                raise where.error(
                    f"option {name!r} of rule {code!r} must be {expected}, not {value!r}",
                    name,
                )
            state.options.setdefault(code, {})[name] = (
                tuple(value) if isinstance(value, list) else value
            )


def _resolve_profile(
    name: str,
    user: Mapping[str, Any],
    where: _Where,
    seen: tuple[str, ...] = (),
) -> _State:
    if name in seen:
        chain = " -> ".join((*seen, name))
        raise where.error(f"profiles extend each other in a loop: {chain}", name)
    if name in user:
        spec, spec_where = user[name], where
        if not isinstance(spec, dict):
            raise where.error(f"profile {name!r} must be a table", name)
    elif name in BUILTIN_PROFILES:
        spec, spec_where = BUILTIN_PROFILES[name], _Where("<built-in profiles>", None)
    else:
        known = sorted({*BUILTIN_PROFILES, *user})
        raise where.error(
            f"unknown profile {name!r}",
            name,
            hint=_suggest(name, known) or f"the profiles are: {', '.join(known)}",
        )
    base = spec.get("extends")
    if base is not None and not isinstance(base, str):
        raise where.error(f"`extends` of profile {name!r} must be a profile name", "extends")
    if base is not None:
        state = _resolve_profile(base, user, where, (*seen, name))
    elif name in user and name in BUILTIN_PROFILES and name != "default":
        # A user profile with a built-in's name and no `extends` refines the built-in.
        state = _resolve_profile(name, {}, where, (*seen, name))
    else:
        state = _State(set(_default_select()), {}, {})
    _apply(spec, state, spec_where, _PROFILE_KEYS, f"profile {name!r}")
    return state


# --------------------------------------------------------------------------------------
# files


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > _MAX_CONFIG_BYTES:
            raise ConfigError(f"the file is {size:,} bytes; a configuration file is smaller",
                              file=name)
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason})", file=name) from None
    except OSError as exc:
        raise ConfigError(f"cannot read it: {exc.strerror or exc}", file=name) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(found.group(1)) if found else None
        if line is None and "end of document" in message:
            line = max(1, len(text.splitlines()))
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise ConfigError(f"invalid TOML: {message}", file=name, line=line,
                          hint="see https://toml.io for the syntax") from None
    return text, data


def _check_table(path: Path, text: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """The ``check`` table of a configuration file (``None``: the file is not ours)."""
    where = _Where(str(path), text)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "argmap" not in tool:
            return None
        section = tool["argmap"]
        name = "[tool.argmap]"
    else:
        section = data
        name = path.name
    if not isinstance(section, dict):
        raise where.error(f"{name} must be a table", "argmap")
    check = section.get("check", {})
    if not isinstance(check, dict):
        raise where.error(f"`check` in {name} must be a table", "check",
                          hint="write the settings under [tool.argmap.check] (pyproject.toml) "
                          "or [check] (argmap.toml)")
    return check


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration that applies to a map file or folder (default: the cwd).

    Walks up from the folder: in each, ``argmap.toml`` wins, then a ``pyproject.toml``
    with a ``[tool.argmap]`` table.  Returns ``None`` when there is none.
    """
    here = Path(start if start is not None else Path.cwd()).absolute()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "argmap.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                raw = candidate.read_bytes()[:_MAX_CONFIG_BYTES]
            except OSError:
                continue
            if re.search(rb"^\s*\[\s*tool\s*\.\s*argmap\b|\btool\s*\.\s*argmap\b", raw,
                         re.MULTILINE):
                return candidate
    return None


def load_config(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The ``check`` table of a configuration file, as data (``{}`` when absent).

    Raises :class:`ConfigError` for a file that cannot be read or is not valid TOML.
    """
    file = Path(path)
    text, data = _read_toml(file)
    return _check_table(file, text, data) or {}


def resolve_config(
    file: str | os.PathLike[str] | None = None,
    *,
    profile: str | None = None,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> CheckConfig:
    """The configuration from a file (if any), a profile and command-line selections.

    Order: the profile (``profile`` here, else the file's ``profile`` key, else
    ``default``), then the file's own settings, then ``select`` (replaces the enabled
    rules), ``extend_select`` and ``ignore``.  Raises :class:`ConfigError`.
    """
    text: str | None = None
    spec: dict[str, Any] = {}
    name = None
    if file is not None:
        path = Path(file)
        name = str(path)
        text, data = _read_toml(path)
        spec = _check_table(path, text, data) or {}
    where = _Where(name, text)
    for key in spec:
        if key not in _TOP_KEYS:
            raise where.error(
                f"unknown key {key!r} in the check settings",
                key,
                hint=_suggest(key, _TOP_KEYS) or f"the keys are: {', '.join(_TOP_KEYS)}",
            )
    user = spec.get("profiles", {})
    if not isinstance(user, dict):
        raise where.error("`profiles` must be a table of profile tables", "profiles")
    chosen = spec.get("profile", "default")
    if not isinstance(chosen, str):
        raise where.error("`profile` must be a profile name", "profile")
    if profile is not None:
        if profile not in user and profile not in BUILTIN_PROFILES:
            known = sorted({*BUILTIN_PROFILES, *user})
            raise ConfigError(
                f"unknown profile {profile!r}",
                hint=_suggest(profile, known) or f"the profiles are: {', '.join(known)}",
            )
        chosen = profile
    state = _resolve_profile(chosen, user, where)
    top = {k: v for k, v in spec.items() if k not in ("profile", "profiles")}
    _apply(top, state, where, _SPEC_KEYS, "the check settings")
    config = CheckConfig(
        select=frozenset(state.select),
        severity=state.severity,
        options=state.options,
        warnings_as_errors=state.warnings_as_errors,
        profile=chosen,
        file=name,
    )
    return config.selecting(select, extend_select, ignore)
