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
import itertools
import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from typing import Any

from argmap._parse import Document, Problems
from argmap._words import count
from argmap.errors import Diagnostic

__all__ = ["MAX_ERRORS", "schema", "schema_text", "validate_document"]

#: Most schema violations explained per file; the rest are only counted (up to
#: :data:`_COUNT_LIMIT` more), so that a file with a million mistakes costs little.
MAX_ERRORS = 100
#: How many violations beyond the explained ones are counted before counting stops.
_COUNT_LIMIT = 1000

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
    """jsonschema's validator for the schema, with ``items`` bounded by ``maxItems``.

    An array longer than its ``maxItems`` is already an error (reported with its real
    length); only its first ``maxItems`` items are then checked one by one.  Checking
    every item of a hostile million-item ``premises`` took minutes; the file is wrong
    either way, and the first items' problems are the useful ones.
    """
    from jsonschema import (  # noqa: PLC0415 -- heavy; loaded on first use
        Draft202012Validator,
        validators,
    )

    each = Draft202012Validator.VALIDATORS["items"]

    def bounded_items(validator: Any, items: Any, instance: Any, schema: Any) -> Any:
        most = schema.get("maxItems")
        if (isinstance(most, int) and validator.is_type(instance, "array")
                and len(instance) > most):
            instance = instance[:most]
        return each(validator, items, instance, schema)

    unique = Draft202012Validator.VALIDATORS["uniqueItems"]

    def bounded_unique(validator: Any, flag: Any, instance: Any, schema: Any) -> Any:
        most = schema.get("maxItems")
        if (isinstance(most, int) and validator.is_type(instance, "array")
                and len(instance) > most):
            instance = instance[:most]
        return unique(validator, flag, instance, schema)

    def ordered_additional(validator: Any, extra: Any, instance: Any, schema: Any) -> Any:
        # jsonschema puts the extra keys in a set: their order (so which problems come
        # first, and are kept under the limit) would change with the hash seed.  Here
        # they keep the order of the file.
        if (validator.is_type(instance, "object") and validator.is_type(extra, "object")):
            known = schema.get("properties", {})
            patterns = schema.get("patternProperties", {})
            fine = _fast_check(extra)
            for name, value in instance.items():
                if name in known or any(re.search(p, name) for p in patterns):
                    continue
                if fine is not None and fine(value):
                    continue  # valid: jsonschema (slow) is only asked to explain problems
                yield from validator.descend(value, extra, path=name)
            return
        yield from additional(validator, extra, instance, schema)

    def fast_names(validator: Any, names: Any, instance: Any, schema: Any) -> Any:
        if not validator.is_type(instance, "object"):
            return
        fine = _fast_check(names)
        for name in instance:
            if fine is not None and fine(name):
                continue
            yield from validator.descend(instance=name, schema=names)

    additional = Draft202012Validator.VALIDATORS["additionalProperties"]
    extend: Any = validators.extend  # untyped in jsonschema
    bounded = extend(Draft202012Validator, {"items": bounded_items,
                                            "additionalProperties": ordered_additional,
                                            "propertyNames": fast_names,
                                            "uniqueItems": bounded_unique})
    return bounded(schema())


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


_FAST_PARTS: dict[str, Any] = {}


def _fast_check(part: Any) -> Any:
    """The fast validator's ``is_valid`` for a part of the schema (None if unavailable).

    A map of 200,000 entries is checked entry by entry in well under a second this way;
    jsonschema then only looks at the entries that are wrong, to explain them.
    """
    if not isinstance(part, dict) or _fast_validator() is None:
        return None
    key = json.dumps(part, sort_keys=True)
    if key not in _FAST_PARTS:
        import jsonschema_rs  # noqa: PLC0415 -- optional accelerator, loaded on first use

        whole = schema()
        wrapped = {**part, "$defs": whole.get("$defs", {})}
        if "$schema" in whole:
            wrapped["$schema"] = whole["$schema"]
        try:
            _FAST_PARTS[key] = jsonschema_rs.validator_for(wrapped).is_valid
        except Exception:  # pragma: no cover -- the schema compiles as a whole
            _FAST_PARTS[key] = None
    check = _FAST_PARTS[key]
    if check is None:
        return None

    def fine(value: Any) -> bool:
        try:
            return bool(check(value))
        except Exception:
            return False

    return fine


def is_valid_fast(data: Any) -> bool:
    """True when the fast validator accepts ``data`` (False when unsure)."""
    fast = _fast_validator()
    if fast is None:
        return False
    try:
        return bool(fast.is_valid(data))
    except Exception:
        return False


def validate_document(
    doc: Document, *, fast: bool = True, limit: int = MAX_ERRORS
) -> Problems:
    """The schema violations in ``doc``, most relevant first, at most ``limit`` of them.

    With ``fast`` (the default), a document the fast validator accepts is not looked at
    again; anything else is validated by jsonschema, which explains each problem.  Only
    the first ``limit`` violations (in the order of the file, roughly) are explained;
    the rest are counted into ``omitted`` (``exact`` is false when counting stopped).
    """
    out = Problems(limit=limit)
    if fast and doc.data is not None and is_valid_fast(doc.data):
        return out
    from jsonschema.exceptions import relevance  # noqa: PLC0415 -- heavy; loaded on first use

    if doc.data is None:
        out.append(
            Diagnostic(
                "empty",
                "the file is empty",
                doc.locate([]),
                hint="start the file with `argmap: 1`, then add `claims:`; see the examples/ "
                "folder",
            )
        )
        return out
    found = _validator().iter_errors(doc.data)
    errors = list(itertools.islice(found, limit + _COUNT_LIMIT))
    if len(errors) > limit:
        # The ones explained are the first in the file (of those found before counting
        # stopped), whatever order jsonschema found them in: the same on every run.
        more = len(errors) - limit + sum(1 for _ in itertools.islice(found, 1))
        errors.sort(key=lambda e: _file_order(doc, e))
        del errors[limit:]
        out.omitted = min(more, _COUNT_LIMIT)
        out.exact = more <= _COUNT_LIMIT
    errors.sort(key=relevance)
    seen: set[tuple[str, str]] = set()
    for error in _leaves(errors):
        diagnostics, uncounted = _diagnose(error, doc, limit)
        out.omitted += uncounted
        for diagnostic in diagnostics:
            key = (diagnostic.location.pointer, diagnostic.message)
            if key in seen:
                continue
            seen.add(key)
            out.append(diagnostic)
    return out


def _file_order(doc: Document, error: Any) -> tuple[int, int, str]:
    where = doc.locate(list(error.absolute_path))
    return (where.line or 0, where.column or 0, where.pointer or "")


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
    # a list of premises): the branches whose complaint is not about the instance's own
    # type, so that `premises: [a, 2024]` is about the item 2024, and `source: {date:
    # 2019}` about the date.  Else jsonschema's best match.
    wrong_type = {
        e.relative_schema_path[0]
        for e in error.context
        if e.validator == "type" and not e.relative_path and e.relative_schema_path
    }
    fitting = [
        e
        for e in error.context
        if e.relative_schema_path and e.relative_schema_path[0] not in wrong_type
    ]
    if fitting:
        candidate = best_match(fitting)
        if candidate is not None:
            return candidate
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
    if isinstance(value, int) and value.bit_length() > 64:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
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


def _diagnose(error: Any, doc: Document, limit: int) -> tuple[list[Diagnostic], int]:
    """The diagnostics of one violation (one per unknown key; else one).

    At most ``limit`` are made; the second value counts the others.
    """
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        where = _where(path)
        out = []
        extras = [k for k in error.instance if k not in error.schema.get("properties", {})]
        for extra in extras[:limit]:
            message = f"unknown key `{extra}` in {where}"
            close = difflib.get_close_matches(str(extra), allowed, n=1)
            if close:
                hint = f"did you mean `{close[0]}`? allowed keys: {', '.join(allowed)}"
            else:
                hint = f"allowed keys here: {', '.join(allowed)}"
            location = doc.locate([*path, extra], key=True)
            out.append(Diagnostic("schema", message, location, hint=hint,
                                  replacement=close[0] if close else None))
        return out, len(extras) - len(out)
    return [_diagnose_one(error, doc, path)], 0


def _diagnose_one(error: Any, doc: Document, path: list[str | int]) -> Diagnostic:
    where = _where(path)
    validator = error.validator
    value = error.instance
    hint: str | None = None
    replacement: str | None = None
    at_key = False
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        message = f"{where} is missing `{missing}`"
        hint = f"add `{missing}: ...` to it"
        at_key = bool(path)
        if path == [] and missing == "argmap":
            hint = "add `argmap: 1` as the first line (the format version)"
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
        replacement = close[0] if close and isinstance(value, str) else None
    elif "propertyNames" in error.absolute_schema_path:
        path = [*path, value]
        at_key = True
        message, hint = _pattern_message(f"the id {value!r} in {where}", value, error.schema)
        if " " in str(value) and str(value).strip():
            hint = f"use dashes instead of spaces, for example `{'-'.join(str(value).split())}`"
    elif validator == "pattern" and str(error.validator_value).startswith("[^\\s"):
        # An empty text also fails `minLength`, which says it first (the same message).
        blank = "must not be empty" if value == "" else f"is blank ({_BLANK})"
        message = f"{where} {blank}"
        hint = "write the text, or remove the key"
    elif validator == "pattern":
        message, hint = _pattern_message(where, value, error.schema)
    elif validator == "not" and "A-Za-z0-9_" in str(error.schema.get("pattern", "")):
        # An id with a line break (the only thing the id's `not` refuses).
        message, hint = _pattern_message(where, value, error.schema)
    elif validator == "not" and isinstance(value, str) and value.isspace():
        # Blank: the visible-character pattern already says so, once.
        message, hint = f"{where} is blank ({_BLANK})", None
    elif validator == "not" and isinstance(value, str):
        message, hint = _control_message(where, value, error.validator_value)
    elif validator == "minLength":
        message = f"{where} must not be empty"
        hint = "write the text, or remove the key"
    elif validator == "maxLength":
        message = f"{where} is too long ({len(value)} characters, at most {error.validator_value})"
        hint = "shorten it; long explanations belong in `note`"
    elif validator in ("minItems", "maxItems"):
        bound = error.validator_value
        word = "at least" if validator == "minItems" else "at most"
        message = f"{where} must have {word} {count(bound, 'item')}, not {len(value)}"
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
    return Diagnostic("schema", message, location, hint=hint, replacement=replacement)


_BLANK = "only spaces, line breaks or invisible characters"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _control(text: str) -> str:
    """'it contains a line break' (or the like) for a text with a control character."""
    match = _CONTROL.search(text)
    if match is None:
        return ""
    char = match.group()
    name = _NAMES.get(char, f"the control character U+{ord(char):04X}")
    ending = " at its end" if match.start() == len(text) - 1 else ""
    return f"it contains {name}{ending}"


_NAMES = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}


def _control_message(where: str, value: str, refused: Any) -> tuple[str, str]:
    """Why a text with a control character is refused, naming the first one."""
    pattern = refused.get("pattern", "") if isinstance(refused, dict) else ""
    match = re.search(pattern, value) if pattern else None
    if match is None:  # pragma: no cover -- the schema's only `not` is a pattern
        return (f"{where} contains characters that are not allowed", "see the schema")
    char = match.group()
    name = _NAMES.get(char, f"the control character U+{ord(char):04X}")
    at = match.start() + 1
    one_line = "\\t" not in pattern and "\\x0b" not in pattern
    if one_line and char in "\n\r\t":
        return (
            f"{where} contains {name} (at character {at}); it must be one line",
            "write it on one line: remove the line break or tab (in YAML, a `>-` block "
            "joins lines with spaces); long explanations belong in `text` or `note`",
        )
    return (
        f"{where} contains {name} (at character {at}), which has no place in a text",
        "remove it: texts may hold line breaks and tabs, but no other control characters "
        "(an escape such as \\u0007 or \\x1b in a quoted string writes one)",
    )


def _pattern_message(where: str, value: Any, subschema: dict[str, Any]) -> tuple[str, str]:
    pattern = subschema.get("pattern", "")
    if "A-Za-z0-9_" in pattern:
        text = str(value)
        if not text:
            why = "it is empty"
        elif _control(text):
            why = _control(text)
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
        why = _control(str(value)) or ("it contains spaces" if " " in str(value) else "")
        return (
            f"{where} is not an allowed link: {value!r}" + (f" ({why})" if why else ""),
            "links must start with http://, https:// or mailto: (for a DOI, write "
            "https://doi.org/...)",
        )
    if "[0-9]{4}" in pattern:
        shape = re.fullmatch(r"([0-9]{4})-(0[1-9]|1[0-2])-([0-9]{2})", str(value))
        if shape is not None:
            import calendar  # noqa: PLC0415 -- only on this error path

            year, month = int(shape.group(1)), int(shape.group(2))
            days = calendar.monthrange(year, month)[1]
            return (
                f"{where} is not a day of the calendar: {value!r} ("
                f"{calendar.month_name[month]} {year} has {days} days)",
                "check the day; write YYYY-MM when the day is unknown",
            )
        why = _control(str(value))
        return (
            f"{where} is not a date: {value!r}" + (f" ({why})" if why else ""),
            "write dates as YYYY, YYYY-MM or YYYY-MM-DD, for example 2024-11-05",
        )
    if "," in pattern:
        text = str(value)
        why = _control(text)
        if not why:
            if "," in text:
                why = "it contains a comma"
            elif not text or text[0].isspace():
                why = "it is empty" if not text else "it starts with a space"
            else:
                why = f"it is {len(text)} characters long"
        return (
            f"{where} is not a valid tag: {value!r} ({why})",
            "a tag is a short word or phrase on one line, at most 63 characters, without "
            "commas or control characters, that does not start with a space",
        )
    return (f"{where} does not match the pattern {pattern}", "see the schema's description")
