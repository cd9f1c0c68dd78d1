"""JSON Schema validation with messages a student can act on.

The schema ships inside the package (``argmap/schemas/argmap.schema.json``; the copy at
the repository's top level is kept identical by a test).  Validation errors of
jsonschema are turned into diagnostics that name the part of the map in plain words
("claim 'c1'"), say what is wrong and how to fix it, and are ordered most relevant
first (by jsonschema's own relevance, then by position in the file).
"""

from __future__ import annotations

import difflib
import functools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from typing import Any

from argmap._parse import Document
from argmap.errors import Diagnostic

__all__ = ["schema", "schema_text", "validate_document"]

_SECTIONS = {
    "claims": "claim",
    "evidence": "evidence",
    "arguments": "argument",
    "sides": "side",
    "sources": "source",
    "attacks": "attack",
    "contradictions": "contradiction",
}


def schema_text() -> str:
    """The JSON Schema of the format, as published."""
    return (resources.files("argmap") / "schemas" / "argmap.schema.json").read_text("utf-8")


@functools.cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the format, parsed."""
    result: dict[str, Any] = json.loads(schema_text())
    return result


@functools.cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # noqa: PLC0415 -- heavy; loaded on first use

    return Draft202012Validator(schema())


@functools.cache
def _fast_validator() -> Any:
    """jsonschema-rs's validator for the schema, or None where it cannot be imported.

    It answers "valid or not" about 200 times faster than jsonschema; jsonschema then
    explains what is wrong, so messages do not depend on which one is installed.
    """
    try:
        import jsonschema_rs  # noqa: PLC0415 -- optional accelerator, loaded on first use
    except ImportError:  # pragma: no cover -- it is a dependency, but stay correct without
        return None
    return jsonschema_rs.validator_for(schema())


def is_valid_fast(data: Any) -> bool:
    """True when the fast validator accepts ``data`` (False when unsure)."""
    fast = _fast_validator()
    if fast is None:
        return False
    try:
        return bool(fast.is_valid(data))
    except Exception:
        return False


def validate_document(doc: Document, *, fast: bool = True) -> list[Diagnostic]:
    """Every schema violation in ``doc``, most relevant first.

    With ``fast`` (the default), a document the fast validator accepts is not looked at
    again; anything else is validated by jsonschema, which explains each problem.
    """
    if fast and doc.data is not None and is_valid_fast(doc.data):
        return []
    from jsonschema.exceptions import relevance  # noqa: PLC0415 -- heavy; loaded on first use

    if doc.data is None:
        return [
            Diagnostic(
                "empty",
                "the file is empty",
                doc.locate([]),
                hint="start the file with `argmap: 1`, then add `claims:`; see the examples/ "
                "folder",
            )
        ]
    errors = list(_validator().iter_errors(doc.data))
    errors.sort(key=relevance)
    diagnostics: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    for error in _leaves(errors):
        diagnostic = _diagnose(error, doc)
        key = (diagnostic.location.pointer, diagnostic.message)
        if key not in seen:
            seen.add(key)
            diagnostics.append(diagnostic)
    return diagnostics


def _leaves(errors: Iterable[Any]) -> Iterator[Any]:
    """Replace an ``anyOf`` error by the best error of its best branch."""
    from jsonschema.exceptions import best_match  # noqa: PLC0415 -- see above

    for error in errors:
        if error.validator in ("anyOf", "oneOf") and error.context:
            yield _branch_error(error, best_match)
        else:
            yield error


def _branch_error(error: Any, best_match: Any) -> Any:
    # Prefer the branch whose type matches the instance (an object written as a source,
    # a list of premises), else jsonschema's best match.
    by_type = [e for e in error.context if e.validator != "type"]
    if (
        by_type
        and all(e.validator == "pattern" for e in by_type)
        and isinstance(error.instance, str)
    ):
        return by_type[0]
    candidate = best_match(by_type or error.context)
    return candidate if candidate is not None else error


def _where(path: Sequence[str | int]) -> str:
    """Plain words for a path: "claim 'c1'", "attack #2", "the map"."""
    if not path:
        return "the map"
    section = path[0]
    if isinstance(section, str) and section in _SECTIONS and len(path) >= 2:
        noun = _SECTIONS[section]
        item = path[1]
        name = f"{noun} #{item + 1}" if isinstance(item, int) else f"{noun} {item!r}"
        rest = list(path[2:])
        if rest:
            return f"`{_dotted(rest)}` of {name}"
        return name
    return f"`{_dotted(path)}`"


def _dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


_TYPE_WORDS = {
    "object": "a mapping (`key: value` lines)",
    "array": "a list (`- item` lines or `[a, b]`)",
    "string": "a text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}


def _diagnose(error: Any, doc: Document) -> Diagnostic:
    path = list(error.absolute_path)
    where = _where(path)
    validator = error.validator
    value = error.instance
    hint: str | None = None
    at_key = False
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        message = f"{where} is missing `{missing}`"
        hint = f"add `{missing}: ...` to it"
        at_key = bool(path)
        if path == [] and missing == "argmap":
            hint = "add `argmap: 1` as the first line (the format version)"
    elif validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in value if k not in error.schema.get("properties", {})]
        extra = extras[0] if extras else "?"
        path = [*path, extra]
        at_key = True
        message = f"unknown key `{extra}` in {where}"
        close = difflib.get_close_matches(str(extra), allowed, n=1)
        if close:
            hint = f"did you mean `{close[0]}`? allowed keys: {', '.join(allowed)}"
        else:
            hint = f"allowed keys here: {', '.join(allowed)}"
    elif validator == "type":
        expected = error.validator_value
        names: list[str] = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
        message = f"{where} must be {wanted}, not {_describe(value)}"
        last = path[-1] if path else None
        if value is None:
            message = f"{where} is empty"
            if last in ("premises", "co_premises"):
                hint = f"list the ids, for example `{last}: [a, b]`"
            elif "object" in names and len(path) == 2 and path[0] in _SECTIONS:
                hint = "write its keys under it, indented, for example `text: ...`"
            else:
                hint = "write a value after the colon, or remove the key"
        elif "object" in names and isinstance(value, str) and len(path) == 2:
            hint = (
                f"write the text under `text:`, for example `{path[1]}: {{text: \"...\"}}`, "
                "or put `text: ...` on the next line, indented"
            )
        elif "boolean" in names and isinstance(value, str):
            hint = "write true or false without quotes"
            if value.lower() in ("yes", "no", "on", "off", "y", "n"):
                hint = (
                    "argmap reads YAML 1.2, where yes/no/on/off are plain text: write true or false"
                )
        elif "string" in names and value is None:
            hint = "write the text after the colon, or remove the key"
        elif "string" in names and isinstance(value, float) and not math.isfinite(value):
            hint = "put the text in quotes"
        elif "string" in names and isinstance(value, (int, float, bool)):
            hint = f'put the value in quotes: "{_describe(value).split()[-1]}"'
        elif "object" in names and not path:
            hint = "an argument map is a mapping of keys: start the file with `argmap: 1`"
        elif "object" in names and isinstance(value, list):
            hint = "write entries as `id: {...}` under this key, not as a `- ` list"
        elif "array" in names and isinstance(value, dict):
            hint = "write entries as a list, each starting with `- `"
    elif validator == "const":
        message = f"{where} must be {error.validator_value!r}, not {_describe(value)}"
        if path == ["argmap"]:
            hint = "this version of argmap reads format version 1: write `argmap: 1`"
    elif validator == "enum":
        options = [str(o) for o in error.validator_value]
        message = f"{where} must be one of {', '.join(options)}, not {_describe(value)}"
        close = difflib.get_close_matches(str(value), options, n=1)
        hint = f"did you mean `{close[0]}`?" if close else None
    elif "propertyNames" in error.absolute_schema_path:
        path = [*path, value]
        at_key = True
        message, hint = _pattern_message(f"the id {value!r} in {where}", value, error.schema)
        if any(c.isspace() for c in str(value)):
            hint = f"use dashes instead of spaces, for example `{'-'.join(str(value).split())}`"
    elif validator == "pattern":
        message, hint = _pattern_message(where, value, error.schema)
    elif validator == "minLength":
        message = f"{where} must not be empty"
        hint = "write the text, or remove the key"
    elif validator == "maxLength":
        message = f"{where} is too long ({len(value)} characters, at most {error.validator_value})"
        hint = "shorten it; long explanations belong in `note`"
    elif validator in ("minItems", "maxItems"):
        bound = error.validator_value
        word = "at least" if validator == "minItems" else "at most"
        message = f"{where} must have {word} {bound} item(s), not {len(value)}"
        if path and path[-1] == "between":
            message = f"{where} must name exactly 2 claims, not {len(value)}"
            hint = "name the two claims that contradict each other: `between: [a, b]`"
        elif path and path[-1] in ("premises", "co_premises") and not value:
            hint = f"list the ids, for example `{path[-1]}: [a, b]`"
    elif validator == "uniqueItems":
        message = f"{where} lists the same item twice"
        hint = "remove the repeated item"
    elif validator == "minProperties":
        at_key = bool(path)
        message = f"{where} must not be empty"
        hint = "fill in at least a title or a url, or remove it"
    else:
        message = f"{where}: {error.message}"
    location = doc.locate(path, key=at_key)
    return Diagnostic("schema", message, location, hint=hint)


def _pattern_message(where: str, value: Any, subschema: dict[str, Any]) -> tuple[str, str]:
    pattern = subschema.get("pattern", "")
    if "A-Za-z0-9_" in pattern:
        text = str(value)
        if not text:
            why = "it is empty"
        elif any(c.isspace() for c in text):
            why = "it contains spaces"
        elif len(text) > 64:
            why = f"it is {len(text)} characters long"
        elif not (text[0].isascii() and text[0].isalnum()):
            why = f"it starts with {text[0]!r}"
        else:
            bad = sorted({c for c in text if not (c.isascii() and (c.isalnum() or c in "_.-"))})
            why = f"it contains {', '.join(repr(c) for c in bad)}"
        return (
            f"{where} is not a valid id ({why})",
            "ids are 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit "
            "and without spaces, for example `pacific-first`",
        )
    if "[Hh][Tt]" in pattern:
        return (
            f"{where} is not an allowed link: {value!r}",
            "links must start with http://, https:// or mailto: (for a DOI, write "
            "https://doi.org/...)",
        )
    if "[0-9]{4}" in pattern:
        return (
            f"{where} is not a date: {value!r}",
            "write dates as YYYY, YYYY-MM or YYYY-MM-DD, for example 2024-11-05",
        )
    if "," in pattern:
        return (
            f"{where} is not a valid tag: {value!r}",
            "a tag is a short word or phrase without commas that does not start with a space",
        )
    return (f"{where} does not match the pattern {pattern}", "see the schema's description")
