"""The language server: pygls over stdio, on top of :mod:`argmap.lsp._analysis`.

Diagnostics: each change (re)starts a short timer for its document; when it runs out,
the text is analysed in a worker thread (the event loop keeps answering requests) and
the result is published unless a newer version of the document has come in meanwhile.
Requests (completion, hover, definition, ...) answer from the latest analysis; those
that edit the text (rename) analyse the current text first when the latest analysis is
of an older version.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from argmap._version import __version__
from argmap.errors import Diagnostic, Location
from argmap.lsp._analysis import (
    ID_PATTERN,
    Analysis,
    Entry,
    Occurrence,
    Span,
    analyze,
    diagnostic_span,
    is_map,
    iter_sections,
    replacement_span,
    severity_rank,
)
from argmap.lsp._context import KINDS_BY_KEY, id_key_at
from argmap.lsp._positions import Columns

__all__ = ["DEBOUNCE_SECONDS", "ArgmapLanguageServer", "create_server"]

#: How long a document must stay unchanged before it is analysed again.
DEBOUNCE_SECONDS = 0.05  # argmap.lsp.DEBOUNCE_SECONDS says the same
#: LSP's error code for a request that was valid but could not be carried out.
_REQUEST_FAILED = -32803
#: Analyses kept per document for texts that come back (undo, save).
_RECENT = 4
#: Longest text shown for an entry in completion details and the outline.
_DETAIL = 100

_SYMBOL_KINDS = {
    "side": t.SymbolKind.Enum,
    "source": t.SymbolKind.File,
    "claim": t.SymbolKind.String,
    "evidence": t.SymbolKind.Constant,
    "argument": t.SymbolKind.Function,
    "attack": t.SymbolKind.Event,
}
_COMPLETION_KINDS = {
    "side": t.CompletionItemKind.Enum,
    "source": t.CompletionItemKind.File,
    "claim": t.CompletionItemKind.Value,
    "evidence": t.CompletionItemKind.Constant,
    "argument": t.CompletionItemKind.Function,
    "attack": t.CompletionItemKind.Event,
}
_SECTION_KIND = {"sides": "side", "sources": "source", "claims": "claim",
                 "evidence": "evidence", "arguments": "argument", "attacks": "attack"}


def _short(text: str, limit: int = _DETAIL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _markdown(text: str) -> str:
    """``text`` with Markdown's active characters escaped (a map's text is not markup)."""
    out = []
    for char in text:
        if char in "\\`*_{}[]()<>#+-.!|~":
            out.append("\\")
        out.append(char)
    return "".join(out)


def _file_of(uri: str) -> str | None:
    """The local path of a ``file:`` URI, else ``None`` (an unsaved buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        name = unquote(parsed.path)
        return name or None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and path[2:3] == ":":
        path = path[1:]
    return path


class ArgmapLanguageServer(LanguageServer):
    """The argmap language server (see :func:`create_server`)."""

    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__("argmap", __version__,
                         text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.analyses: dict[str, Analysis] = {}
        # The analyses of the latest texts of each document, newest first, with the
        # configuration they were checked with: a text seen again is not analysed again.
        self.recent: dict[str, list[tuple[Any, Analysis]]] = {}
        # The latest analysis whose text parsed: its ids serve completion while the
        # text being typed does not parse.
        self.indexed: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        # The open documents' URIs as the client spells them, by pygls's key for them
        # (the unquoted URI): diagnostics must carry the client's spelling.
        self.uris: dict[str, str] = {}
        self.configs: dict[str, tuple[Any, tuple[Diagnostic, ...]]] = {}
        # One worker: analyses run one at a time, off the event loop.
        self.worker = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="argmap-analysis")

    # ---------------------------------------------------------------- analysis

    def config_for(self, file: str | None) -> tuple[Any, tuple[Diagnostic, ...]]:
        """The check configuration for a file (the nearest argmap.toml or pyproject.toml
        above it), cached by folder; a broken configuration is a diagnostic and the
        defaults apply."""
        from argmap.check import ConfigError, find_config, resolve_config  # noqa: PLC0415

        folder = str(Path(file).parent) if file and Path(file).is_absolute() else ""
        cached = self.configs.get(folder)
        if cached is not None:
            return cached
        try:
            found = find_config(folder) if folder else None
            answer: tuple[Any, tuple[Diagnostic, ...]] = (resolve_config(found), ())
        except ConfigError as exc:
            problem = Diagnostic("configuration", f"{exc.where}{exc.reason}",
                                 Location(file, None, None), hint=exc.hint)
            answer = (None, (problem,))
        except OSError as exc:
            problem = Diagnostic("configuration", f"cannot read the configuration: {exc}",
                                 Location(file, None, None))
            answer = (None, (problem,))
        self.configs[folder] = answer
        return answer

    def document(self, uri: str) -> TextDocument | None:
        """The open document of a URI as the client spells it: pygls keys its documents
        by the unquoted URI, so `file:///a%20b/m.yaml` (a space, as editors quote it) is
        found under `file:///a b/m.yaml`."""
        found: TextDocument | None = self.workspace.text_documents.get(unquote(uri))
        return found

    def analyse_now(self, uri: str, *, check: bool = True) -> Analysis:
        """Analyse the document's current text (in the calling thread)."""
        document = self.workspace.get_text_document(uri)
        file = _file_of(uri)
        config, extra = self.config_for(file) if check else (None, ())
        return analyze(document.source, file=file, version=document.version,
                       config=config, check=check, extra=extra)

    def current(self, uri: str) -> Analysis | None:
        """An analysis of the text as it is now (the latest one if it is up to date)."""
        document = self.document(uri)
        if document is None:
            return None
        latest = self.analyses.get(uri)
        if latest is not None and latest.version == document.version \
                and latest.text == document.source:
            return latest
        return self.analyse_now(uri, check=False)

    def latest(self, uri: str) -> Analysis | None:
        """The latest analysis, or a fresh one if there is none yet."""
        found = self.analyses.get(uri)
        return found if found is not None else self.current(uri)

    def schedule(self, uri: str, delay: float) -> None:
        """Analyse the document after ``delay`` seconds without a newer change."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._run(uri, delay))

    async def _run(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        document = self.document(uri)
        if document is None:
            return
        text, version = document.source, document.version
        file = _file_of(uri)
        if not is_map(file, text):
            # Not an argument map (a client may send every YAML and JSON file): quiet.
            self.text_document_publish_diagnostics(
                t.PublishDiagnosticsParams(uri=uri, diagnostics=[], version=version))
            return
        config, extra = self.config_for(file)
        loop = asyncio.get_running_loop()
        try:
            analysis = self.recent_analysis(uri, text, config)
            if analysis is not None:
                analysis.version = version  # the same text again: nothing to redo
            else:
                analysis = await loop.run_in_executor(
                    self.worker,
                    lambda: analyze(text, file=file, version=version, config=config,
                                    extra=extra))
                self.remember(uri, config, analysis)
        except Exception as exc:
            logging.getLogger(__name__).exception("analysis failed")
            self.window_log_message(t.LogMessageParams(
                t.MessageType.Error, f"argmap: analysing {uri} failed: {exc!r}"))
            return
        now = self.document(uri)
        if now is None or now.version != version:
            return  # a newer version is on its way: this result is stale
        self.analyses[uri] = analysis
        if analysis.indexed:
            self.indexed[uri] = analysis
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        self.publish(uri, analysis)
        # The index of ids, for the requests to come: after the diagnostics are out, and
        # given up as soon as another change is waiting (a request builds it if need be).
        if uri not in self.pending:
            await loop.run_in_executor(self.worker, analysis.build_index,
                                       lambda: uri in self.pending)

    def recent_analysis(self, uri: str, text: str, config: Any) -> Analysis | None:
        """The analysis of one of the document's latest texts if ``text`` is one of them
        (an undo, a save, a change that was taken back) and the configuration is the
        same."""
        for seen_config, analysis in self.recent.get(uri, ()):
            if seen_config is config and analysis.text == text:
                return analysis
        return None

    def remember(self, uri: str, config: Any, analysis: Analysis) -> None:
        kept = self.recent.setdefault(uri, [])
        kept.insert(0, (config, analysis))
        # a large text's analysis is big: only the latest of those is kept
        del kept[_RECENT if len(analysis.text) < 1_000_000 else 1:]

    def publish(self, uri: str, analysis: Analysis) -> None:
        columns = self.columns(analysis)
        found = [self.lsp_diagnostic(analysis, d, columns) for d in analysis.diagnostics]
        self.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=analysis.version))

    # ---------------------------------------------------------------- conversions

    def columns(self, analysis: Analysis) -> Columns:
        encoding = str(self.workspace.position_encoding or "utf-16")
        found = analysis.columns.get(encoding)
        if found is None:
            found = analysis.columns[encoding] = Columns(analysis.lines, encoding)
        return found

    @staticmethod
    def range_of(span: Span, columns: Columns) -> t.Range:
        return t.Range(t.Position(span.line, columns.to_client(span.line, span.start)),
                       t.Position(span.line, columns.to_client(span.line, span.end)))

    def lsp_diagnostic(self, analysis: Analysis, diagnostic: Diagnostic,
                       columns: Columns) -> t.Diagnostic:
        message = diagnostic.message
        if diagnostic.hint:
            message += f"\nhint: {diagnostic.hint}"
        data = None
        if diagnostic.replacement is not None:
            data = {"replacement": diagnostic.replacement}
        return t.Diagnostic(
            range=self.range_of(diagnostic_span(analysis, diagnostic), columns),
            message=message,
            severity=t.DiagnosticSeverity(severity_rank(diagnostic.severity)),
            code=diagnostic.code,
            source="argmap",
            data=data,
        )

    def cursor(self, analysis: Analysis, position: t.Position) -> tuple[int, int]:
        columns = self.columns(analysis)
        return position.line, columns.from_client(position.line, position.character)

    async def indexed_latest(self, uri: str) -> Analysis | None:
        """The latest analysis with its index of ids, built off the event loop if it is
        not yet (a new analysis, in the worker, if there is none yet)."""
        loop = asyncio.get_running_loop()
        analysis = self.analyses.get(uri)
        if analysis is None:
            document = self.document(uri)
            if document is None:
                return None
            text, version, file = document.source, document.version, _file_of(uri)
            analysis = await loop.run_in_executor(
                None, lambda: analyze(text, file=file, version=version, check=False))
        await loop.run_in_executor(None, analysis.build_index)
        return analysis

    async def up_to_date(self, uri: str) -> Analysis | None:
        """An analysis of the text as it is now; when the latest one is older, a new one
        (validation only) made off the event loop."""
        document = self.document(uri)
        if document is None:
            return None
        latest = self.analyses.get(uri)
        if latest is not None and latest.version == document.version \
                and latest.text == document.source:
            return latest
        text, version, file = document.source, document.version, _file_of(uri)
        analysis = await asyncio.get_running_loop().run_in_executor(
            None, lambda: analyze(text, file=file, version=version, check=False))
        await asyncio.get_running_loop().run_in_executor(None, analysis.build_index)
        return analysis

    def at(self, uri: str, position: t.Position, analysis: Analysis | None = None
           ) -> tuple[Analysis, Occurrence] | None:
        """The analysis (the latest, unless given) and the id under the cursor."""
        analysis = analysis if analysis is not None else self.latest(uri)
        if analysis is None:
            return None
        row, column = self.cursor(analysis, position)
        found = analysis.occurrence_at(row, column)
        return (analysis, found) if found is not None else None

    def location(self, uri: str, analysis: Analysis, span: Span) -> t.Location:
        return t.Location(uri, self.range_of(span, self.columns(analysis)))


def _hover_text(analysis: Analysis, occurrence: Occurrence, entry: Entry | None) -> str:
    if entry is None:
        word = {"side": "side", "source": "source"}.get(occurrence.namespace, "id")
        return f"unknown {word} `{occurrence.id}`: it is not defined in this map"
    head = f"**{entry.kind}** `{entry.id}`"
    if entry.main:
        head += " (main claim)"
    parts = [head]
    if entry.title and entry.title != entry.text:
        parts.append(f"*{_markdown(entry.title)}*")
    if entry.text:
        parts.append(_markdown(entry.text))
    if entry.side:
        side = analysis.entry("side", entry.side)
        name = f" ({_markdown(side.text)})" if side is not None and side.text else ""
        parts.append(f"side: `{entry.side}`{name}")
    if entry.kind in ("claim", "evidence", "argument"):
        status = analysis.status(entry.id)
        if status is not None:
            line = f"status (grounded): **{status.status.value}**"
            if status.explanation:
                line += f": {_markdown(status.explanation)}"
            parts.append(line)
        elif analysis.result.map is None:
            parts.append("status: not evaluated while the map has errors")
    return "\n\n".join(parts)


def _outline(server: ArgmapLanguageServer, analysis: Analysis) -> list[t.DocumentSymbol]:
    """Sections of the map with their entries, each ranging to the next boundary."""
    columns = server.columns(analysis)
    lines = analysis.lines
    sections = list(iter_sections(analysis))
    definitions = [o for o in analysis.occurrences if o.definition]
    starts = sorted({o.span.line for o in definitions}
                    | {loc.line - 1 for _, loc in sections if loc.line})

    def end_before(row: int) -> t.Position:
        import bisect  # noqa: PLC0415 -- tiny

        index = bisect.bisect_right(starts, row)
        last = (starts[index] - 1) if index < len(starts) else len(lines) - 1
        while last > row and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
            last -= 1
        return t.Position(last, columns.to_client(last, len(lines[last].rstrip("\r"))))

    symbols: list[t.DocumentSymbol] = []
    for section, loc in sections:
        if loc.line is None:
            continue
        kind = _SECTION_KIND[section]
        children = []
        for occurrence in definitions:
            entry = analysis.entry(occurrence.namespace, occurrence.id)
            if entry is None or entry.kind != kind or entry.span != occurrence.span:
                continue
            selection = server.range_of(entry.span, columns)
            children.append(t.DocumentSymbol(
                name=entry.id, kind=_SYMBOL_KINDS[kind],
                range=t.Range(selection.start, end_before(entry.span.line)),
                selection_range=selection,
                detail=_short(entry.text) or None))
        row = loc.line - 1
        start = t.Position(row, columns.to_client(row, (loc.column or 1) - 1))
        end = children[-1].range.end if children else end_before(row)
        symbols.append(t.DocumentSymbol(
            name=section, kind=t.SymbolKind.Namespace, range=t.Range(start, end),
            selection_range=t.Range(start, t.Position(row, start.character + len(section))),
            children=children))
    return symbols


def _rename_text(analysis: Analysis, occurrence: Occurrence, new: str) -> str:
    """``new`` as written at ``occurrence``: in quotes where YAML would read it
    unquoted as something else than text (``true``, ``12``)."""
    if occurrence.quoted or analysis.format != "yaml":
        return new
    from argmap._parse import resolve_plain  # noqa: PLC0415 -- same package

    return new if isinstance(resolve_plain(new), str) else f'"{new}"'


def create_server(debounce: float = DEBOUNCE_SECONDS) -> ArgmapLanguageServer:
    """A new argmap language server with every feature registered."""
    server = ArgmapLanguageServer(debounce)

    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapLanguageServer, params: t.DidOpenTextDocumentParams) -> None:
        ls.uris[unquote(params.text_document.uri)] = params.text_document.uri
        ls.schedule(params.text_document.uri, 0)

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapLanguageServer, params: t.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgmapLanguageServer, params: t.DidSaveTextDocumentParams) -> None:
        ls.configs.clear()  # a configuration file may have changed
        ls.schedule(params.text_document.uri, 0)

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapLanguageServer, params: t.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.uris.pop(unquote(uri), None)
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.analyses.pop(uri, None)
        ls.indexed.pop(uri, None)
        ls.recent.pop(uri, None)
        ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_files(ls: ArgmapLanguageServer, params: t.DidChangeWatchedFilesParams
                         ) -> None:
        ls.configs.clear()
        for uri in list(ls.uris.values()):
            ls.schedule(uri, ls.debounce)

    @server.feature(t.TEXT_DOCUMENT_COMPLETION,
                    t.CompletionOptions(trigger_characters=[" ", "[", ",", "-", '"']))
    async def completion(ls: ArgmapLanguageServer, params: t.CompletionParams
                         ) -> t.CompletionList | None:
        uri = params.text_document.uri
        document = ls.document(uri)
        analysis = ls.analyses.get(uri)
        if document is None:
            return None
        lines = document.source.split("\n")
        row = params.position.line
        if not 0 <= row < len(lines):
            return None
        column = Columns(lines, str(ls.workspace.position_encoding or "utf-16")).from_client(
            row, params.position.character)
        key = id_key_at(lines, row, column)
        if key is None:
            return None
        if analysis is None or not analysis.indexed:
            # The text does not parse as it is: the ids of the latest text that did.
            analysis = ls.indexed.get(uri) or await ls.up_to_date(uri)
            if analysis is None or not analysis.indexed:
                return t.CompletionList(is_incomplete=False, items=[])
        await asyncio.get_running_loop().run_in_executor(None, analysis.build_index)
        kinds = KINDS_BY_KEY[key]
        items = []
        for entry in analysis.entries_of(kinds):
            text = entry.text
            items.append(t.CompletionItem(
                label=entry.id,
                kind=_COMPLETION_KINDS[entry.kind],
                detail=_short(text) if text else entry.kind,
                documentation=t.MarkupContent(t.MarkupKind.Markdown,
                                              f"**{entry.kind}** `{entry.id}`\n\n"
                                              f"{_markdown(text)}"),
                sort_text=f"{kinds.index(entry.kind)}{entry.id}",
            ))
        return t.CompletionList(is_incomplete=False, items=items)

    @server.feature(t.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: ArgmapLanguageServer, params: t.DefinitionParams
                   ) -> t.Location | None:
        uri = params.text_document.uri
        found = ls.at(uri, params.position, await ls.indexed_latest(uri))
        if found is None:
            return None
        analysis, occurrence = found
        entry = analysis.entry(occurrence.namespace, occurrence.id)
        if entry is None:
            return None
        return ls.location(params.text_document.uri, analysis, entry.span)

    @server.feature(t.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: ArgmapLanguageServer, params: t.ReferenceParams
                   ) -> list[t.Location] | None:
        uri = params.text_document.uri
        found = ls.at(uri, params.position, await ls.indexed_latest(uri))
        if found is None:
            return None
        analysis, occurrence = found
        declaration = params.context.include_declaration
        return [ls.location(params.text_document.uri, analysis, o.span)
                for o in analysis.uses(occurrence.namespace, occurrence.id)
                if declaration or not o.definition]

    @server.feature(t.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ArgmapLanguageServer, params: t.HoverParams) -> t.Hover | None:
        uri = params.text_document.uri
        found = ls.at(uri, params.position, await ls.indexed_latest(uri))
        if found is None:
            return None
        analysis, occurrence = found
        entry = analysis.entry(occurrence.namespace, occurrence.id)
        loop = asyncio.get_running_loop()
        # The evaluation behind the status runs off the event loop.
        text = await loop.run_in_executor(None, _hover_text, analysis, occurrence, entry)
        return t.Hover(t.MarkupContent(t.MarkupKind.Markdown, text),
                       ls.range_of(occurrence.span, ls.columns(analysis)))

    @server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(ls: ArgmapLanguageServer, params: t.PrepareRenameParams
                             ) -> t.PrepareRenamePlaceholder | None:
        uri = params.text_document.uri
        found = ls.at(uri, params.position, await ls.up_to_date(uri))
        if found is None:
            return None  # not an id: the client says it cannot rename here
        analysis, occurrence = found
        return t.PrepareRenamePlaceholder(
            range=ls.range_of(occurrence.span, ls.columns(analysis)),
            placeholder=occurrence.id)

    @server.feature(t.TEXT_DOCUMENT_RENAME, t.RenameOptions(prepare_provider=True))
    async def rename(ls: ArgmapLanguageServer, params: t.RenameParams
                     ) -> t.WorkspaceEdit | None:
        uri = params.text_document.uri
        analysis = await ls.up_to_date(uri)
        found = ls.at(uri, params.position, analysis)
        if found is None:
            raise JsonRpcException("there is no id here to rename", code=_REQUEST_FAILED)
        analysis, occurrence = found
        new = params.new_name
        if not ID_PATTERN.match(new):
            raise JsonRpcException(
                f"{new!r} is not a valid id: 1 to 64 letters, digits, '_', '-' or '.', "
                "starting with a letter or digit", code=_REQUEST_FAILED)
        if new == occurrence.id:
            return t.WorkspaceEdit(changes={uri: []})
        taken = analysis.entry(occurrence.namespace, new)
        if taken is not None:
            raise JsonRpcException(
                f"the id {new!r} is already used by {taken.kind} {new!r} (line "
                f"{taken.span.line + 1}); pick another", code=_REQUEST_FAILED)
        columns = ls.columns(analysis)
        edits = [t.TextEdit(ls.range_of(o.span, columns), _rename_text(analysis, o, new))
                 for o in analysis.uses(occurrence.namespace, occurrence.id)]
        return t.WorkspaceEdit(document_changes=[t.TextDocumentEdit(
            t.OptionalVersionedTextDocumentIdentifier(uri=uri, version=analysis.version),
            list(edits))])

    @server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def symbols(ls: ArgmapLanguageServer, params: t.DocumentSymbolParams
                      ) -> list[t.DocumentSymbol] | None:
        analysis = await ls.indexed_latest(params.text_document.uri)
        if analysis is None:
            return None
        return _outline(ls, analysis)

    @server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                    t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
    def code_action(ls: ArgmapLanguageServer, params: t.CodeActionParams
                    ) -> list[t.CodeAction] | None:
        uri = params.text_document.uri
        analysis = ls.analyses.get(uri)
        if analysis is None:
            return None
        columns = ls.columns(analysis)
        wanted = params.range
        actions = []
        for diagnostic in analysis.diagnostics:
            span = replacement_span(analysis, diagnostic)
            if span is None or diagnostic.replacement is None:
                continue
            shown = ls.range_of(diagnostic_span(analysis, diagnostic), columns)
            if not _overlaps(shown, wanted):
                continue
            old = analysis.lines[span.line][span.start:span.end]
            new = diagnostic.replacement
            actions.append(t.CodeAction(
                title=f"Replace '{old}' with '{new}'",
                kind=t.CodeActionKind.QuickFix,
                is_preferred=True,
                diagnostics=[ls.lsp_diagnostic(analysis, diagnostic, columns)],
                edit=t.WorkspaceEdit(document_changes=[t.TextDocumentEdit(
                    t.OptionalVersionedTextDocumentIdentifier(uri=uri,
                                                              version=analysis.version),
                    [t.TextEdit(ls.range_of(span, columns), new)])]),
            ))
        return actions

    return server


def _overlaps(a: t.Range, b: t.Range) -> bool:
    def key(p: t.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


class _OneLineErrors(logging.Formatter):
    """Log records on one line each; an exception as its type and message (and those of
    its cause), not a traceback: the editor's log shows what went wrong, briefly."""

    def formatException(self, ei: Any) -> str:
        exc = ei[1]
        parts: list[str] = []
        while exc is not None and len(parts) < 3:
            parts.append(f"{type(exc).__name__}: {exc}")
            exc = exc.__cause__
        return " (caused by) ".join(parts)

    def formatMessage(self, record: logging.LogRecord) -> str:
        # pygls puts whole tracebacks in some messages: their first line says it
        record.message = record.message.split("\n", 1)[0].rstrip(": ")
        return super().formatMessage(record)

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", " | ")


def _log_to_stderr() -> None:
    """Warnings and errors of the server and pygls to standard error, one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineErrors("argmap lsp: %(levelname)s: %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)


def serve_stdio(debounce: float = DEBOUNCE_SECONDS,
                streams: Sequence[Any] | None = None) -> int:
    """Run the server on standard input and output until the client ends it; the exit
    code LSP asks for: 0 after a ``shutdown`` request, else 1.

    The server writes to a duplicate of the output's file descriptor, and ``sys.stdout``
    points at standard error meanwhile: a stray ``print`` cannot corrupt the protocol,
    and closing the connection does not close ``sys.stdout``.
    """
    _log_to_stderr()
    server = create_server(debounce)
    if streams is not None:
        server.start_io(*streams)
    else:
        output = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
        saved = sys.stdout
        sys.stdout = sys.stderr
        try:
            server.start_io(sys.stdin.buffer, output)
        finally:
            sys.stdout = saved
            if not output.closed:
                output.close()
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
