"""What the language server knows about one version of a map: no LSP types here.

:func:`analyze` validates and checks a text as ``argmap validate`` and ``argmap check``
do and indexes every id: where each entry is defined (the key under ``claims``,
``evidence``, ``arguments``, ``sides``, ``sources``, or an attack's ``id``) and where it
is used (``premises``, ``conclusion``, ``attacker``, ``target``, ``co_premises``,
``between``, ``side``, ``source``).  Spans come from the positions the loader keeps
(:meth:`argmap.ValidationResult.locate`), checked against the text; lines and columns
here are 0-based and count code points (the server converts them to the client's
units).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap._load import ValidationResult, validate_bytes
from argmap._parse import MAX_BYTES
from argmap.errors import ArgmapError, Diagnostic, Location, Severity

__all__ = [
    "ID_PATTERN",
    "Analysis",
    "Entry",
    "Occurrence",
    "Span",
    "analyze",
    "namespace_of_kinds",
]

#: What an id may be (the schema's ``$defs/id``).
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")

#: Sections of entries by id -> (namespace, kind word).
SECTIONS: dict[str, tuple[str, str]] = {
    "sides": ("side", "side"),
    "sources": ("source", "source"),
    "claims": ("node", "claim"),
    "evidence": ("node", "evidence"),
    "arguments": ("node", "argument"),
}


def namespace_of_kinds(kinds: Sequence[str]) -> str:
    """The namespace of ids of these kinds (claims, evidence, arguments and attacks share
    one; sides and sources have their own)."""
    if "side" in kinds:
        return "side"
    if "source" in kinds:
        return "source"
    return "node"


@attrs.frozen(order=True)
class Span:
    """Part of one line: 0-based line, start and end columns in code points."""

    line: int
    start: int
    end: int

    def contains(self, line: int, column: int) -> bool:
        """True when the cursor at ``line``/``column`` touches the span (either end)."""
        return line == self.line and self.start <= column <= self.end


@attrs.frozen
class Entry:
    """A defined id: a side, source, claim, evidence item, argument or attack."""

    id: str
    namespace: str
    kind: str
    span: Span
    #: The entry's text (a side's name, a source's title, an attack's summary).
    text: str
    title: str | None = None
    main: bool = False
    side: str | None = None


@attrs.frozen
class Occurrence:
    """An id where it stands in the text: its definition or a use under ``key``."""

    id: str
    namespace: str
    span: Span
    definition: bool
    key: str
    #: The id is written in quotes (a rename keeps them).
    quoted: bool = False


@attrs.define(eq=False)
class Analysis:
    """One analysed version of a document.

    The index of ids (:attr:`entries`, :attr:`occurrences`) is built on first use, so
    that diagnostics can be published before it is: the server builds it right after.
    """

    text: str
    version: int | None
    format: str
    result: ValidationResult
    diagnostics: list[Diagnostic]
    lines: list[str] = attrs.field(factory=list)
    _index: tuple[dict[tuple[str, str], Entry], list[Occurrence]] | None = None
    _by_line: dict[int, list[Occurrence]] = attrs.field(factory=dict)
    _evaluation: Any = None
    _evaluated: bool = False
    _lock: threading.RLock = attrs.field(factory=threading.RLock)
    #: Column converters of this text by position encoding (built by the server).
    columns: dict[str, Any] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        self.lines = self.text.split("\n")

    @property
    def indexed(self) -> bool:
        """The ids could be read: the text parsed into a mapping (YAML or JSON)."""
        document = self.result._document  # the loader's positions (same package)
        return (self.format != "argdown" and document is not None
                and isinstance(document.data, dict))

    def build_index(self, stop: Callable[[], bool] | None = None
                    ) -> tuple[dict[tuple[str, str], Entry], list[Occurrence]] | None:
        """The entries and occurrences of ids (built once, thread-safe).

        ``stop`` is asked now and then while building; when it says True, building
        stops and ``None`` is returned (a later call builds the index).
        """
        with self._lock:
            if self._index is None:
                entries: dict[tuple[str, str], Entry] = {}
                occurrences: list[Occurrence] = []
                document = self.result._document
                if self.indexed and document is not None:
                    try:
                        _index(document.data, self.result, self.lines, entries,
                               occurrences, stop)
                    except _Stopped:
                        return None
                occurrences.sort(key=lambda o: (o.span.line, o.span.start))
                for occurrence in occurrences:
                    self._by_line.setdefault(occurrence.span.line, []).append(occurrence)
                self._index = (entries, occurrences)
            return self._index

    def _built(self) -> tuple[dict[tuple[str, str], Entry], list[Occurrence]]:
        built = self.build_index()
        assert built is not None  # noqa: S101 -- without `stop`, building always ends
        return built

    @property
    def entries(self) -> dict[tuple[str, str], Entry]:
        """Defined ids by (namespace, id): the first definition of each."""
        return self._built()[0]

    @property
    def occurrences(self) -> list[Occurrence]:
        """Every id where it stands (definitions and uses), in file order."""
        return self._built()[1]

    def occurrence_at(self, line: int, column: int) -> Occurrence | None:
        """The id under the cursor, if any."""
        self._built()
        for occurrence in self._by_line.get(line, ()):
            if occurrence.span.contains(line, column):
                return occurrence
        return None

    def uses(self, namespace: str, node_id: str) -> list[Occurrence]:
        """Every occurrence of the id (its definition included), in file order."""
        return [o for o in self.occurrences if o.namespace == namespace and o.id == node_id]

    def entry(self, namespace: str, node_id: str) -> Entry | None:
        return self.entries.get((namespace, node_id))

    def entries_of(self, kinds: Sequence[str]) -> list[Entry]:
        """The entries of these kinds, in file order."""
        return [e for e in self.entries.values() if e.kind in kinds]

    def status(self, node_id: str) -> Any:
        """The node's :class:`argmap.evaluate.NodeStatus` under grounded semantics, or
        ``None`` when the map is not valid (computed once per analysis)."""
        with self._lock:
            if not self._evaluated:
                self._evaluated = True
                if self.result.map is not None:
                    from argmap.evaluate import evaluate_map  # noqa: PLC0415 -- on demand

                    try:
                        self._evaluation = evaluate_map(self.result.map, "grounded")
                    except ArgmapError:
                        self._evaluation = None
        if self._evaluation is None:
            return None
        try:
            return self._evaluation.node(node_id)
        except KeyError:
            return None


_VERSION_KEY = re.compile(r"""(?:^|[{,])\s*["']?argmap["']?\s*:""", re.MULTILINE)


def is_map(file: str | None, text: str) -> bool:
    """Whether a document is an argument map: an Argdown file, a name with
    ``.argmap.`` in it (``debate.argmap.yaml``), or a text with an ``argmap:`` key.

    Editors whose client attaches the server to every YAML or JSON file get no
    diagnostics for other files (a CI workflow, a package.json).
    """
    name = Path(file).name.lower() if file else ""
    if ".argmap." in name or name.endswith((".argdown", ".ad")):
        return True
    return _VERSION_KEY.search(text) is not None


def detect(file: str | None, text: str) -> str:
    """``yaml``, ``json`` or ``argdown`` from the file name, else from the text."""
    lower = (file or "").lower()
    if lower.endswith((".argdown", ".ad")):
        return "argdown"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    return "json" if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "yaml"


def analyze(
    text: str,
    *,
    file: str | None = None,
    version: int | None = None,
    config: Any = None,
    check: bool = True,
    extra: Sequence[Diagnostic] = (),
) -> Analysis:
    """Validate (and with ``check``, check) ``text`` and index its ids.

    ``file`` names the document in diagnostics and picks the format by its extension;
    ``config`` is the :class:`argmap.check.CheckConfig` to check with (default rules
    when ``None``); ``extra`` diagnostics are put first (a configuration problem).
    """
    fmt = detect(file, text)
    locate = None
    if fmt == "argdown":
        from argmap._formats.reading import read_converted_located  # noqa: PLC0415

        # Imported on the way; findings are located at their Argdown lines.
        imported, problems, locate = read_converted_located(
            text, file=file, format="argdown", max_bytes=MAX_BYTES)
        result = ValidationResult(file, imported, problems)
    else:
        result = validate_bytes(text, file=file, format=fmt)
    diagnostics = list(extra)
    if check:
        from argmap.check import check_result  # noqa: PLC0415 -- light start-up

        # An Argdown file has no suppression comments in argmap's syntax.
        diagnostics.extend(check_result(result, config=config,
                                        text=text if locate is None else None,
                                        locate=locate))
    else:
        diagnostics.extend(result.diagnostics)
    return Analysis(text, version, fmt, result, diagnostics)


def _text_of(value: Any, *keys: str) -> str:
    if isinstance(value, Mapping):
        for key in keys:
            found = value.get(key)
            if isinstance(found, str):
                return found
    return ""


class _Stopped(Exception):
    """Building the index was stopped (a newer text is waiting)."""


#: Entries indexed between two questions to ``stop``.
_STOP_EVERY = 64


def _index(
    data: Mapping[str, Any],
    result: ValidationResult,
    lines: list[str],
    entries: dict[tuple[str, str], Entry],
    occurrences: list[Occurrence],
    stop: Callable[[], bool] | None = None,
) -> None:
    countdown = _STOP_EVERY

    def tick() -> None:
        nonlocal countdown
        countdown -= 1
        if countdown <= 0:
            countdown = _STOP_EVERY
            if stop is not None and stop():
                raise _Stopped

    def span_of(name: str, location: Location) -> tuple[Span, bool] | None:
        if location.line is None or location.column is None:
            return None
        row, column = location.line - 1, location.column - 1
        if not 0 <= row < len(lines):
            return None
        text = lines[row]
        if text.startswith(name, column):
            return Span(row, column, column + len(name)), False
        if text[column : column + 1] in ("'", '"') and text.startswith(name, column + 1):
            return Span(row, column + 1, column + 1 + len(name)), True
        return None

    def use(name: Any, namespace: str, key: str, *path: str | int) -> None:
        if not isinstance(name, str) or not name:
            return
        found = span_of(name, result.locate(*path))
        if found is not None:
            occurrences.append(Occurrence(name, namespace, found[0], False, key, found[1]))

    def define(entry_id: str, namespace: str, kind: str, location: Location,
               value: Any) -> None:
        found = span_of(entry_id, location)
        if found is None:
            return
        span, quoted = found
        occurrences.append(Occurrence(entry_id, namespace, span, True, kind, quoted))
        if (namespace, entry_id) in entries:
            return  # a duplicate id: the first definition is the one named
        text = _text_of(value, "text", "name", "title")
        title = _text_of(value, "title") or None
        side = _text_of(value, "side") or None
        main = isinstance(value, Mapping) and value.get("main") is True
        entries[namespace, entry_id] = Entry(entry_id, namespace, kind, span, text, title,
                                             main, side)

    for section, (namespace, kind) in SECTIONS.items():
        table = data.get(section)
        if not isinstance(table, Mapping):
            continue
        for entry_id, value in table.items():
            tick()
            if not isinstance(entry_id, str):
                continue
            define(entry_id, namespace, kind, result.locate(section, entry_id, key=True),
                   value)
            if not isinstance(value, Mapping):
                continue
            use(value.get("side"), "side", "side", section, entry_id, "side")
            if section == "evidence":
                use(value.get("source"), "source", "source", section, entry_id, "source")
            if section == "arguments":
                premises = value.get("premises")
                if isinstance(premises, str):
                    use(premises, "node", "premises", section, entry_id, "premises")
                elif isinstance(premises, list):
                    for i, premise in enumerate(premises):
                        use(premise, "node", "premises", section, entry_id, "premises", i)
                use(value.get("conclusion"), "node", "conclusion", section, entry_id,
                    "conclusion")
    use(data.get("source"), "source", "source", "source")
    attacks = data.get("attacks")
    for i, attack in enumerate(attacks if isinstance(attacks, list) else ()):
        tick()
        if not isinstance(attack, Mapping):
            continue
        attack_id = attack.get("id")
        if isinstance(attack_id, str) and attack_id:
            summary = f"{attack.get('attacker')} attacks {attack.get('target')}"
            define(attack_id, "node", "attack", result.locate("attacks", i, "id"), summary)
        use(attack.get("attacker"), "node", "attacker", "attacks", i, "attacker")
        use(attack.get("target"), "node", "target", "attacks", i, "target")
        co = attack.get("co_premises")
        if isinstance(co, str):
            use(co, "node", "co_premises", "attacks", i, "co_premises")
        elif isinstance(co, list):
            for j, premise in enumerate(co):
                use(premise, "node", "co_premises", "attacks", i, "co_premises", j)
    contradictions = data.get("contradictions")
    for i, pair in enumerate(contradictions if isinstance(contradictions, list) else ()):
        tick()
        between = pair.get("between") if isinstance(pair, Mapping) else None
        if isinstance(between, list):
            for j, claim in enumerate(between):
                use(claim, "node", "between", "contradictions", i, "between", j)


def severity_rank(severity: Severity) -> int:
    """LSP's DiagnosticSeverity: 1 error, 2 warning, 3 information."""
    return {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}[severity]


_STOP = frozenset(" \t,:[]{}#")


def diagnostic_span(analysis: Analysis, diagnostic: Diagnostic) -> Span:
    """The part of the text a diagnostic is about: the id, key or value at its
    location (to the end of that token), or the first line when it has no line."""
    lines = analysis.lines
    loc = diagnostic.location
    if loc.line is None or not 0 < loc.line <= len(lines):
        return Span(0, 0, len(lines[0]) if lines else 0)
    row = loc.line - 1
    text = lines[row].rstrip("\r")
    column = min(max((loc.column or 1) - 1, 0), len(text))
    if loc.column is None:
        start = len(text) - len(text.lstrip())
        return Span(row, start, max(len(text), start))
    end = column
    if text[column : column + 1] in ("'", '"'):
        quote = text[column]
        close = text.find(quote, column + 1)
        end = close + 1 if close > 0 else len(text)
    else:
        limit = min(len(text), column + 512)
        while end < limit and text[end] not in _STOP:
            end += 1
    if end == column:
        end = min(len(text), column + 1)
    return Span(row, column, end)


def replacement_span(analysis: Analysis, diagnostic: Diagnostic) -> Span | None:
    """Where a did-you-mean replacement goes: the token at the location, without its
    quotes; ``None`` when there is no replacement or no line."""
    if diagnostic.replacement is None or diagnostic.location.line is None:
        return None
    span = diagnostic_span(analysis, diagnostic)
    text = analysis.lines[span.line]
    if span.end - span.start >= 2 and text[span.start] in ("'", '"') \
            and text[span.end - 1] == text[span.start]:
        return Span(span.line, span.start + 1, span.end - 1)
    return span


def iter_sections(analysis: Analysis) -> Iterator[tuple[str, Location]]:
    """The top-level sections of entries that the document has, with their key's place."""
    document = analysis.result._document  # same package: the loader's positions
    if document is None or not isinstance(document.data, dict):
        return
    for section in (*SECTIONS, "attacks"):
        if section in document.data:
            yield section, analysis.result.locate(section, key=True)
