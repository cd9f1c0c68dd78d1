"""The loading pipeline: bytes, data with positions, schema, model, references.

Each step adds diagnostics; the model is built only from data the schema accepted.
Reference checks (duplicate ids across sections, unknown ids, references of the wrong
kind) run on the model, with positions looked up in the parsed document.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap import _parse
from argmap.errors import Diagnostic, Location, ReadError, Severity, UsageError, pointer
from argmap.model import (
    Argument,
    ArgumentMap,
    Attack,
    AttackType,
    Claim,
    Contradiction,
    Evidence,
    EvidenceType,
    Side,
    Source,
)

__all__ = [
    "MAX_DIAGNOSTICS",
    "ValidationResult",
    "capped",
    "detect_format",
    "read_bytes",
    "validate_bytes",
]

#: Most diagnostics reported for one file; the rest are summed up in one last diagnostic
#: ("... and 1,234 more problems").  Also bounds the time and memory spent on a file with
#: a great many mistakes.
MAX_DIAGNOSTICS = 100

_FORMATS = ("yaml", "json")


@attrs.frozen
class ValidationResult:
    """What validating one input gave: the map (when it is valid) and every diagnostic.

    ``diagnostics`` are ordered most useful first: syntax and encoding problems, then
    schema violations (most relevant first), then reference problems in file order.
    """

    file: str | None
    map: ArgumentMap | None
    diagnostics: tuple[Diagnostic, ...]
    _document: _parse.Document | None = attrs.field(default=None, repr=False, eq=False)
    #: For a map imported from another format (Argdown): where its entries are written.
    _source: Callable[..., Location] | None = attrs.field(default=None, repr=False,
                                                         eq=False, alias="source")

    def locate(self, *path: str | int, key: bool = False) -> Location:
        """Where the part of the file at ``path`` is (``locate("claims", "c1", "text")``).

        With ``key=True``, the position of the key rather than of its value.  Checks use
        it to give their findings a line and column.  For an Argdown file, the line and
        column of the statement, argument or relation an entry was imported from.
        """
        if self._source is not None:
            return self._source(*path, key=key)
        return _Locator(self._document, self.file)(*path, key=key)

    @property
    def ok(self) -> bool:
        """True when there is no error-level diagnostic."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def detect_format(name: str | None, text: str | None = None) -> str:
    """``"yaml"`` or ``"json"`` from a file name, else from the first character."""
    if name:
        suffix = Path(name).suffix.lower()
        if suffix in (".yaml", ".yml"):
            return "yaml"
        if suffix == ".json":
            return "json"
    if text is not None and text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return "json"
    return "yaml"


def special_kind(mode: int) -> str | None:
    """"a FIFO" (or the like) for a file mode that is neither a regular file nor a folder."""
    import stat  # noqa: PLC0415 -- small, only here

    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"  # pragma: no cover -- no other kinds on POSIX


def read_bytes(path: str | os.PathLike[str], max_bytes: int = _parse.MAX_BYTES) -> bytes:
    """Read a file, refusing one larger than ``max_bytes`` before reading it."""
    name = os.fspath(path)
    try:
        # O_NONBLOCK: opening a FIFO does not wait for a writer; fstat then refuses it.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            kind = special_kind(status.st_mode)
            if kind is not None:
                raise ReadError(name, f"not a regular file ({kind}); name the map file "
                                "itself, or use - to read standard input")
            size = status.st_size
            if size > max_bytes:
                raise ReadError(
                    name,
                    f"the file is {size:,} bytes, more than the limit of {max_bytes:,}; "
                    "split the map or raise the limit (max_bytes / --max-bytes)",
                )
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise ReadError(name, "it is a directory") from None
    except FileNotFoundError:
        raise ReadError(name, "no such file") from None
    except PermissionError:
        raise ReadError(name, "permission denied") from None
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from None
    except ValueError as exc:  # a NUL character or a lone surrogate in the name
        raise ReadError(name, f"not a usable file name ({exc})") from None
    if len(data) > max_bytes:
        raise ReadError(name, f"the file is larger than the limit of {max_bytes:,} bytes")
    return data


def validate_bytes(
    raw: bytes | str,
    *,
    file: str | None = None,
    format: str | None = None,
    max_bytes: int = _parse.MAX_BYTES,
) -> ValidationResult:
    """Run the whole pipeline on the content of one file.

    An Argdown file (``format="argdown"``, or a ``.argdown``/``.ad`` name) is imported
    on the way; its conversion notes are among the diagnostics.
    """
    if format is not None and format not in _FORMATS and format != "argdown":
        raise UsageError(f"unknown format {format!r}; use 'yaml', 'json' or 'argdown'")
    if not isinstance(raw, (str, bytes, bytearray, memoryview)):
        raise UsageError(f"a map is text or bytes, not {type(raw).__name__}")
    if file is not None and not isinstance(file, str):
        raise UsageError(f"`file` names the input in messages: a str, not {type(file).__name__}")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise UsageError(f"`max_bytes` must be a whole number, not {max_bytes!r}")
    if not isinstance(raw, (str, bytes)):
        raw = bytes(raw)
    from argmap._formats.reading import converted_format  # noqa: PLC0415 -- light start-up

    converted = format if format == "argdown" else (
        converted_format(file) if format is None else None)
    if converted is not None:
        from argmap._formats.reading import read_converted_located  # noqa: PLC0415 -- same

        imported, problems, lines = read_converted_located(raw, file=file, format=converted,
                                                           max_bytes=max_bytes)
        return ValidationResult(file, imported, problems, source=lines)
    # "surrogatepass" so that a str holding lone surrogates is measured, then refused
    # with a diagnostic by _parse.check_text.
    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if size > max_bytes:
        return ValidationResult(
            file,
            None,
            (
                Diagnostic(
                    "too-large",
                    f"the input is {size:,} bytes, more than the limit of {max_bytes:,}",
                    Location(file),
                    hint="split the map or raise the limit (max_bytes / --max-bytes)",
                ),
            ),
        )
    try:
        if isinstance(raw, str):
            text = _parse.check_text(raw, file)
            if text.startswith("\ufeff"):
                text = text[1:]
        else:
            text = _parse.decode(raw, file)
        fmt = format or detect_format(file, text)
        doc = _parse.parse(text, fmt, file)
    except _parse.ParseFailure as failure:
        found = _parse.Problems(failure.diagnostics)
        found.omitted += failure.omitted  # counted before the failure, not kept
        found.exact = found.exact and failure.exact
        return ValidationResult(file, None, capped([found], file))
    from argmap._schema import validate_document  # noqa: PLC0415 -- loads jsonschema lazily

    schema_problems = validate_document(doc)
    references = _parse.Problems()
    built: ArgumentMap | None = None
    if isinstance(doc.data, dict) and not schema_problems and not schema_problems.omitted:
        try:
            built = build(doc.data)
        except (TypeError, ValueError, KeyError, AttributeError):
            # The fast validator and jsonschema disagree: let jsonschema decide.
            schema_problems = validate_document(doc, fast=False)
            built = None
        else:
            references = check_references(built, doc)
    if isinstance(doc.data, dict) and schema_problems:
        # Check references too, on the entries the schema accepted, so that one run
        # reports every problem; entries with schema errors stand in as known ids.
        broken = {_entry_of(d.location.pointer) for d in schema_problems}
        try:
            partial, placeholders = _build_tolerant(doc.data, broken)
        except (TypeError, ValueError, KeyError, AttributeError):
            pass  # too damaged to say more: the schema errors stand alone
        else:
            references = check_references(partial, doc, placeholders)
    # A number too long to read stands as `null` in the data: its own diagnostic says
    # what is wrong, not the schema's "is empty".
    unreadable = {
        (d.location.line, d.location.column) for d in doc.problems if d.code == "number-too-long"
    }
    if unreadable:
        kept = _parse.Problems(
            d
            for d in schema_problems
            if (d.location.line, d.location.column) not in unreadable
        )
        kept.omitted, kept.exact = schema_problems.omitted, schema_problems.exact
        schema_problems = kept
    diagnostics = capped([doc.problems, schema_problems, references], file)
    ok = not any(d.severity is Severity.ERROR for d in diagnostics)
    return ValidationResult(file, built if ok else None, diagnostics, doc)


def capped(groups: Sequence[_parse.Problems], file: str | None) -> tuple[Diagnostic, ...]:
    """The diagnostics of all groups, most useful first, at most MAX_DIAGNOSTICS of them.

    What is left out (here or by a group's own limit) is summed up in a last diagnostic,
    so that nothing disappears silently.
    """
    found = [d for group in groups for d in group]
    found.sort(key=_order)
    omitted = sum(group.omitted for group in groups) + max(0, len(found) - MAX_DIAGNOSTICS)
    if not omitted:
        return tuple(found)
    shown = found[:MAX_DIAGNOSTICS]
    exact = all(group.exact for group in groups)
    # What a group left out itself is counted as errors (schema and reference problems).
    counts = {Severity.ERROR: sum(group.omitted for group in groups)}
    for d in found[MAX_DIAGNOSTICS:]:
        counts[d.severity] = counts.get(d.severity, 0) + 1
    from argmap._limits import omitted as summary  # noqa: PLC0415 -- only on many problems

    shown.append(summary(file, counts, limit=MAX_DIAGNOSTICS, exact=exact,
                         hint="fix the problems above and validate again; the first ones "
                         "often cause many of the rest"))
    return tuple(shown)


def _order(diagnostic: Diagnostic) -> tuple[int, int, int, int]:
    """Errors first, syntax before content, then file order."""
    loc = diagnostic.location
    early = 0 if diagnostic.code in ("syntax", "encoding", "too-large", "too-deep") else 1
    return (diagnostic.severity.rank, early, loc.line or 0, loc.column or 0)


def _entry_of(json_pointer: str) -> tuple[str, ...]:
    parts = json_pointer.split("/")[1:3]
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in parts)


def _build_tolerant(
    data: Mapping[str, Any], broken: set[tuple[str, ...]]
) -> tuple[ArgumentMap, frozenset[str]]:
    """A model of the entries without schema errors, and the ids standing in for the rest."""
    placeholders: set[str] = set()
    clean: dict[str, Any] = {"argmap": 1}
    for section in ("sides", "sources", "claims", "evidence", "arguments"):
        value = data.get(section)
        if (section,) in broken or not isinstance(value, dict):
            continue
        clean[section] = {}
        for key, entry in value.items():
            if (section, key) in broken:
                if section in ("claims", "evidence", "arguments"):
                    placeholders.add(key)
                    clean[section][key] = _PLACEHOLDER[section]
                elif section == "sides":
                    clean[section][key] = {"name": "?"}
                else:
                    clean[section][key] = {"title": "?"}
            else:
                clean[section][key] = entry
    for section in ("attacks", "contradictions"):
        value = data.get(section)
        if (section,) in broken or not isinstance(value, list):
            continue
        clean[section] = [
            entry for index, entry in enumerate(value) if (section, str(index)) not in broken
        ]
    source_broken = any(entry[:1] == ("source",) for entry in broken)
    if isinstance(data.get("source"), (str, dict)) and not source_broken:
        clean["source"] = data["source"]
    return build(clean), frozenset(placeholders)


_PLACEHOLDER: dict[str, Any] = {
    "claims": {"text": "?"},
    "evidence": {"text": "?"},
    "arguments": {"premises": [], "conclusion": ""},
}


# --------------------------------------------------------------------------------------
# data -> model (the data has passed the schema)


def _source(value: Any) -> str | Source | None:
    if value is None or isinstance(value, str):
        return value
    return Source(**value)


def build(data: Mapping[str, Any]) -> ArgumentMap:
    """The model of schema-valid data."""
    return ArgumentMap(
        version=data["argmap"],
        title=data.get("title"),
        description=data.get("description"),
        authors=tuple(data.get("authors", ())),
        source=_source(data.get("source")),
        sides={k: Side(id=k, **v) for k, v in data.get("sides", {}).items()},
        sources={k: Source(id=k, **v) for k, v in data.get("sources", {}).items()},
        claims={k: Claim(id=k, **v) for k, v in data.get("claims", {}).items()},
        evidence={
            k: Evidence(
                id=k,
                **{
                    **v,
                    "type": EvidenceType(v.get("type", "fact")),
                    "source": _source(v.get("source")),
                },
            )
            for k, v in data.get("evidence", {}).items()
        },
        arguments={k: Argument(id=k, **v) for k, v in data.get("arguments", {}).items()},
        attacks=tuple(
            Attack(**{**a, "type": AttackType(a["type"]) if "type" in a else None})
            for a in data.get("attacks", ())
        ),
        contradictions=tuple(
            Contradiction(claims=tuple(c["between"]), note=c.get("note"))
            for c in data.get("contradictions", ())
        ),
    )


# --------------------------------------------------------------------------------------
# references


class _Locator:
    """Finds positions for model parts in a parsed document (or none without one)."""

    def __init__(self, doc: _parse.Document | None, file: str | None = None) -> None:
        self.doc = doc
        self.file = file

    def __call__(self, *path: str | int, key: bool = False) -> Location:
        if self.doc is None:
            return Location(self.file, None, None, pointer(path))
        return self.doc.locate(path, key=key)


_KIND_WORD = {Claim: "a claim", Evidence: "an evidence item", Argument: "an argument"}


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")


class _Suggester:
    """"Did you mean" for unknown ids, in time that does not grow with the map.

    The candidates are sorted once, forwards and backwards (reversed strings); a name is
    compared only with its nearest neighbours in each order, which share its beginning
    or its end.  A typo in the middle of a long id is found that way; so is one at
    either end of it.  Answers are cached, and after :attr:`MAX_QUERIES` different names
    no more suggestions are computed (the report shows at most MAX_DIAGNOSTICS anyway).
    """

    #: Neighbours compared on each side, in each order.
    WINDOW = 16
    MAX_QUERIES = 500

    def __init__(self) -> None:
        self._orders: dict[str, tuple[list[str], list[str]]] = {}
        self._cache: dict[tuple[str, str], str | None] = {}

    def __call__(self, name: str, kind: str, candidates: Iterable[str]) -> str | None:
        """The closest candidate id to ``name``, or ``None``."""
        key = (kind, name)
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) >= self.MAX_QUERIES:
            return None
        if kind not in self._orders:
            valid = [c for c in candidates if _ID.match(c)]
            self._orders[kind] = (sorted(valid), sorted(c[::-1] for c in valid))
        forwards, backwards = self._orders[kind]
        near = set(_neighbours(forwards, name, self.WINDOW))
        near.update(c[::-1] for c in _neighbours(backwards, name[::-1], self.WINDOW))
        close = difflib.get_close_matches(name, sorted(near), n=1, cutoff=0.6)
        answer = close[0] if close else None
        self._cache[key] = answer
        return answer


def _neighbours(ordered: list[str], name: str, window: int) -> list[str]:
    at = bisect.bisect_left(ordered, name)
    return ordered[max(0, at - window) : at + window]


def check_references(
    argmap: ArgumentMap,
    doc: _parse.Document | None = None,
    placeholders: frozenset[str] = frozenset(),
) -> _parse.Problems:
    """Duplicate ids, unknown ids and references of the wrong kind, in file order.

    ``placeholders`` are ids whose entries had schema errors: they count as existing,
    and their own references are not checked.
    """
    at = _Locator(doc)
    out = _parse.Problems()
    suggest = _Suggester()
    node_ids = [*argmap.claims, *argmap.evidence, *argmap.arguments]
    attack_ids = argmap.attacks_by_id
    targets = [*node_ids, *attack_ids]

    # One namespace for claims, evidence, arguments and attack ids.
    first_seen: dict[str, str] = {}
    for section, ids in (
        ("claims", argmap.claims),
        ("evidence", argmap.evidence),
        ("arguments", argmap.arguments),
    ):
        for node_id in ids:
            if node_id in first_seen:
                out.append(
                    Diagnostic(
                        "duplicate-id",
                        f"the id {node_id!r} is used in both {first_seen[node_id]} and {section}",
                        at(section, node_id, key=True),
                        hint="give each claim, evidence item and argument its own id",
                    )
                )
            else:
                first_seen[node_id] = section
    for index, attack in enumerate(argmap.attacks):
        if attack.id is None:
            continue
        if attack.id in first_seen:
            out.append(
                Diagnostic(
                    "duplicate-id",
                    f"the attack id {attack.id!r} is already used in {first_seen[attack.id]}",
                    at("attacks", index, "id"),
                    hint="give the attack an id of its own, or leave `id` out",
                )
            )
        else:
            first_seen[attack.id] = "attacks"

    def unknown(what: str, ref: str, kind: str, *path: str | int) -> None:
        if not isinstance(ref, str):
            # Not an id at all: a schema problem, reported (or counted) by the schema,
            # here when the entry's own error was beyond the schema's limit.
            return
        if out.full:
            out.omitted += 1
            return
        candidates = {
            "sides": argmap.sides,
            "sources": argmap.sources,
            "claims": argmap.claims,
            "nodes": node_ids,
            "targets": targets,
        }[kind]
        close = suggest(ref, kind, candidates)
        hint = f"did you mean {close!r}?" if close else "check the spelling, or add it"
        out.append(
            Diagnostic("unknown-reference", f"{what} {ref!r} does not exist", at(*path),
                       hint=hint, replacement=close)
        )

    def wrong_kind(message: str, hint: str, *path: str | int) -> None:
        out.append(Diagnostic("wrong-reference-kind", message, at(*path), hint=hint))

    def check_side(side: str | None, *path: str | int) -> None:
        if side is not None and side not in argmap.sides:
            if not argmap.sides:
                out.append(
                    Diagnostic(
                        "unknown-reference",
                        f"side {side!r} does not exist: the map has no `sides`",
                        at(*path, "side"),
                        hint=f"add `sides:` with `{side}: {{name: ...}}`",
                    )
                )
            else:
                unknown("side", side, "sides", *path, "side")

    def check_source(source: str | Source | None, *path: str | int) -> None:
        if isinstance(source, str) and source not in argmap.sources:
            unknown("source", source, "sources", *path)

    check_source(argmap.source, "source")
    for claim in argmap.claims.values():
        check_side(claim.side, "claims", claim.id)
    for item in argmap.evidence.values():
        check_side(item.side, "evidence", item.id)
        check_source(item.source, "evidence", item.id, "source")
    for arg in argmap.arguments.values():
        if arg.id in placeholders:
            continue
        check_side(arg.side, "arguments", arg.id)
        single = isinstance(doc.data["arguments"][arg.id]["premises"], str) if doc else False
        for index, premise in enumerate(arg.premises):
            path: tuple[str | int, ...] = (
                ("arguments", arg.id, "premises")
                if single
                else ("arguments", arg.id, "premises", index)
            )
            node = argmap.node(premise)
            if premise in placeholders:
                continue
            if node is None:
                unknown(f"premise of argument {arg.id!r}:", premise, "nodes", *path)
            elif isinstance(node, Argument):
                wrong_kind(
                    f"premise {premise!r} of argument {arg.id!r} is an argument; premises are "
                    "claims or evidence",
                    f"use the conclusion of {premise!r} ({node.conclusion!r}) as the premise",
                    *path,
                )
        conclusion = argmap.node(arg.conclusion)
        if arg.conclusion in placeholders:
            pass
        elif conclusion is None:
            unknown(
                f"conclusion of argument {arg.id!r}:",
                arg.conclusion,
                "claims",
                "arguments",
                arg.id,
                "conclusion",
            )
        elif isinstance(conclusion, Argument):
            wrong_kind(
                f"the conclusion {arg.conclusion!r} of argument {arg.id!r} is an argument; a "
                "conclusion is a claim",
                "to attack or support an inference, use `attacks` with type undercut",
                "arguments",
                arg.id,
                "conclusion",
            )
    for index, attack in enumerate(argmap.attacks):
        attacker = argmap.node(attack.attacker)
        if attacker is None and attack.attacker in attack_ids:  # an attack is not a node
            wrong_kind(
                f"the attacker {attack.attacker!r} is an attack; attackers are claims, "
                "evidence or arguments",
                "name the claim or argument that makes the objection",
                "attacks",
                index,
                "attacker",
            )
        elif attacker is None and attack.attacker not in placeholders:
            unknown("attacker", attack.attacker, "nodes", "attacks", index, "attacker")
        for position, premise in enumerate(attack.co_premises):
            node = argmap.node(premise)
            if premise in placeholders:
                continue
            if node is None:
                unknown(
                    "co-premise", premise, "nodes", "attacks", index, "co_premises", position
                )
            elif isinstance(node, Argument):
                wrong_kind(
                    f"co-premise {premise!r} is an argument; co-premises are claims or evidence",
                    f"use the conclusion of {premise!r} ({node.conclusion!r})",
                    "attacks",
                    index,
                    "co_premises",
                    position,
                )
        if attack.target in attack_ids and argmap.node(attack.target) is None:
            if attack.type not in (None, AttackType.UNDERCUT):
                wrong_kind(
                    f"a {attack.type.value} cannot target an attack; {attack.target!r} is an "
                    "attack",
                    "use type undercut to object to the inference of an attack, or target "
                    "the claim it attacks",
                    "attacks",
                    index,
                    "type",
                )
            elif attack_ids[attack.target] is attack:
                wrong_kind(
                    f"attack {attack.target!r} undercuts itself",
                    "target another attack or an argument",
                    "attacks",
                    index,
                    "target",
                )
            continue
        target = argmap.node(attack.target)
        if target is None:
            if attack.target not in placeholders:
                unknown(
                    "target", attack.target, "targets", "attacks", index, "target"
                )
            continue
        kind = attack.type
        if attack.target in placeholders:
            continue
        if kind is AttackType.UNDERCUT and not isinstance(target, Argument):
            wrong_kind(
                f"an undercut must target an argument or an attack, but {attack.target!r} "
                f"is {_KIND_WORD[type(target)]}",
                "use type rebut (against a claim) or undermine (against a premise or "
                "evidence), or target the argument whose inference you attack",
                "attacks",
                index,
                "type",
            )
        elif kind in (AttackType.REBUT, AttackType.UNDERMINE) and isinstance(target, Argument):
            wrong_kind(
                f"a {kind.value} must target a claim or evidence, but {attack.target!r} is "
                "an argument",
                "use type undercut to attack an argument's inference, or target its "
                f"conclusion {target.conclusion!r}",
                "attacks",
                index,
                "type",
            )
        elif kind is AttackType.REBUT and isinstance(target, Evidence):
            wrong_kind(
                f"a rebut must target a claim, but {attack.target!r} is evidence",
                "use type undermine to attack evidence",
                "attacks",
                index,
                "type",
            )
    for index, contradiction in enumerate(argmap.contradictions):
        a, b = contradiction.claims
        for position, ref in enumerate((a, b)):
            node = argmap.node(ref)
            if ref in placeholders:
                continue
            if node is None:
                unknown("claim", ref, "claims", "contradictions", index, "between", position)
            elif not isinstance(node, Claim):
                wrong_kind(
                    f"contradictions are between claims, but {ref!r} is {_KIND_WORD[type(node)]}",
                    "to object to evidence or an argument, use `attacks`",
                    "contradictions",
                    index,
                    "between",
                    position,
                )
        if a == b:
            out.append(
                Diagnostic(
                    "invalid-relation",
                    f"claim {a!r} is said to contradict itself",
                    at("contradictions", index, "between"),
                    hint="name two different claims",
                )
            )
    return out
