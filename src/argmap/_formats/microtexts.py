"""The arggraph XML of the arg-microtexts corpus (Peldszus & Stede; ``arggraph.dtd``).

``<edu>`` text segments are joined (through ``seg`` edges, possibly via ``<joint>``
nodes) into the text of the ``<adu>`` they ground; each ADU becomes a claim on the side
``pro`` (proponent) or ``opp`` (opponent).  ``sup`` and ``exa`` edges become arguments
(``exa``: scheme "example"), ``add`` edges extra linked premises of the relation they
target, ``reb`` edges rebuttals and ``und`` edges undercuts of the relation they target.
The central claim (the one ADU with no outgoing edge) is the main thesis; the stance and
topic go into the map's description.

The XML is parsed with expat directly: a document type declaration with entity
declarations is refused, external entities are never fetched, and nesting is bounded.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any
from xml.parsers import expat

from argmap._formats.common import ImportResult, InputError
from argmap._formats.graph import Graph, Prop, Rel, lower
from argmap.errors import Diagnostic, Location, Severity
from argmap.model import Side, Source

__all__ = ["import_microtexts", "parse_xml"]

MAX_DEPTH = 32
#: Most elements one document may hold, counting those the reader ignores.
MAX_ELEMENTS = 1_000_000
_ATTRIBUTES = {"edu": ("id",), "joint": ("id",), "adu": ("id", "type"),
               "edge": ("id", "src", "trg", "type")}
#: Text units (EDUs, joints) visited to build the texts of all ADUs together.
_SEGMENT_BUDGET = 500_000
_UTF8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}


class _Refused(Exception):
    pass


def parse_xml(text: str, file: str | None,
              notes: list[Diagnostic] | None = None) -> ET.Element:
    """Parse XML safely into an element tree (errors carry line and column).

    ``text`` is already decoded, so the parser reads it as UTF-8 whatever the XML
    declaration says; a declaration that names another encoding is added to ``notes``.
    Every element counts toward :data:`MAX_ELEMENTS`, also those a reader ignores.
    """
    parser = expat.ParserCreate(encoding="UTF-8")  # the declaration cannot override it
    builder = ET.TreeBuilder()
    depth = 0
    count = 0
    refused: list[str] = []
    code = "unsafe-xml"

    def declaration(version: str | None, encoding: str | None, standalone: int) -> None:
        del version, standalone
        if encoding is not None and encoding.strip().lower() not in _UTF8_NAMES and (
                notes is not None):
            notes.append(Diagnostic(
                "encoding", f"the XML declaration names the encoding {encoding[:40]!r}; "
                "argmap reads XML as UTF-8 (this file is valid UTF-8, so it was read so)",
                Location(file, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1),
                Severity.WARNING, "save the file as UTF-8 and declare encoding=\"UTF-8\""))

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth, count, code
        depth += 1
        count += 1
        if depth > MAX_DEPTH:
            refused.append(f"elements nested deeper than {MAX_DEPTH} levels")
            raise _Refused
        if count > MAX_ELEMENTS:
            code = "too-large"
            refused.append(f"the document has more than {MAX_ELEMENTS:,} elements (counting "
                           "those argmap ignores)")
            raise _Refused
        builder.start(tag, attrs)

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(tag)

    def entity_decl(*_: Any) -> None:
        refused.append("the document declares entities (refused: entity expansion attacks)")
        raise _Refused

    def external(*_: Any) -> int:
        refused.append("the document refers to an external entity (never fetched)")
        raise _Refused

    parser.XmlDeclHandler = declaration
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = entity_decl
    parser.UnparsedEntityDeclHandler = entity_decl
    parser.ExternalEntityRefHandler = external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(text.encode("utf-8"), True)
    except _Refused:
        raise InputError(
            [
                Diagnostic(
                    code,
                    f"refused to read the XML: {refused[0] if refused else 'unsafe content'}",
                    Location(file, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1),
                    hint="split the document" if code == "too-large" else
                    "arggraph files need no DTD entities; remove the <!DOCTYPE ...> "
                    "internal subset",
                )
            ]
        ) from None
    except expat.ExpatError as exc:
        raise InputError(
            [
                Diagnostic(
                    "syntax",
                    f"invalid XML: {expat.ErrorString(exc.code)}",
                    Location(file, exc.lineno, exc.offset + 1),
                    hint="check for an unclosed tag, a stray '<' or '&', or a quote missing "
                    "around an attribute value",
                )
            ]
        ) from None
    return builder.close()


def import_microtexts(text: str, file: str | None) -> ImportResult:
    """Read an arggraph XML document."""
    notes: list[Diagnostic] = []
    root = parse_xml(text, file, notes)
    if root.tag != "arggraph":
        raise InputError([Diagnostic(
            "format", f"this is not an arggraph document: the root element is <{root.tag}>",
            Location(file, 1, 1), hint="pass --from to name the input's format")])
    graph = Graph(file=file)
    graph.diagnostics.extend(notes)
    where = Location(file)
    edus: dict[str, str] = {}
    joints: set[str] = set()
    adus: dict[str, str] = {}
    edges: dict[str, tuple[str, str, str]] = {}
    order: list[str] = []
    unknown: Counter[str] = Counter()
    odd_attributes: Counter[str] = Counter()
    for name in root.attrib:
        if name not in ("id", "topic_id", "stance"):
            odd_attributes[f"{name}= on <arggraph>"] += 1
    for element in root:
        for name in element.attrib:
            if name not in _ATTRIBUTES.get(element.tag, ("id",)):
                odd_attributes[f"{name}= on <{element.tag}>"] += 1
        if element.tag != "edu":  # an EDU's inner markup is part of its text
            unknown.update(f"<{child.tag}> inside <{element.tag}>" for child in element.iter()
                           if child is not element)
        ident = element.get("id", "")
        if element.tag in ("edu", "joint", "adu", "edge") and not ident:
            graph.note("format", f"an <{element.tag}> has no id; it is left out", where=where)
            continue
        if ident in edus or ident in joints or ident in adus or ident in edges:
            graph.note("duplicate-id", f"the id {ident!r} is used twice; the second element "
                       "is left out", where=where)
            continue
        if element.tag == "edu":
            edus[ident] = " ".join("".join(element.itertext()).split())
        elif element.tag == "joint":
            joints.add(ident)
        elif element.tag == "adu":
            adus[ident] = element.get("type", "")
        elif element.tag == "edge":
            edges[ident] = (element.get("src", ""), element.get("trg", ""),
                            element.get("type", ""))
            order.append(ident)
        else:
            unknown[f"<{element.tag}>"] += 1
        if len(edus) + len(adus) + len(edges) > 500_000:
            graph.note("too-large", "the document has more than 500,000 elements",
                       severity=Severity.ERROR, hint="split the document")
            return ImportResult(None, tuple(graph.diagnostics))

    if unknown:
        listed = ", ".join(f"{tag} ({n:,})" for tag, n in sorted(unknown.items())[:50])
        more = f" and {len(unknown) - 50:,} more kinds" if len(unknown) > 50 else ""
        graph.note("unsupported", f"unknown elements are left out: {listed}{more}",
                   where=where)

    # Segmentation: EDU -> ADU, EDU -> JOINT, JOINT -> ADU.
    parts: dict[str, list[str]] = {}
    for ident in order:
        src, trg, kind = edges[ident]
        if kind == "seg":
            parts.setdefault(trg, []).append(src)
    edu_order = {e: i for i, e in enumerate(edus)}

    budget = [_SEGMENT_BUDGET]  # units visited for all ADUs together: no A x E blow-up

    def adu_text(adu: str) -> str:
        found: list[str] = []
        stack = list(parts.get(adu, []))
        seen: set[str] = set()
        while stack:
            unit = stack.pop()
            if unit in seen:
                continue
            if budget[0] <= 0:
                graph.note("too-large", f"ADU {adu!r}: the segments of the ADUs lead to more "
                           f"than {_SEGMENT_BUDGET:,} text units in all; the rest of its text "
                           "is left out", where=where)
                break
            budget[0] -= 1
            seen.add(unit)
            if unit in edus:
                found.append(unit)
            elif unit in joints:
                stack.extend(parts.get(unit, []))
        return " ".join(edus[e] for e in sorted(found, key=edu_order.__getitem__))

    if odd_attributes:
        listed = ", ".join(f"{a} ({n:,})" for a, n in sorted(odd_attributes.items())[:50])
        graph.note("not-imported", f"attributes arggraph does not define are left out: "
                   f"{listed}", severity=Severity.INFO, where=where)
    grounding = {edges[i][0] for i in order if edges[i][2] == "seg"}
    idle = [u for u in (*edus, *joints) if u not in grounding]
    if idle:
        graph.note("not-imported", f"{len(idle)} text units ground no ADU (their text is "
                   f"only in the map's description): {', '.join(map(repr, idle[:50]))}"
                   + (f" and {len(idle) - 50:,} more" if len(idle) > 50 else ""),
                   severity=Severity.INFO, where=where)
    has_out = {edges[i][0] for i in order if edges[i][2] != "seg"}
    central = [a for a in adus if a not in has_out]
    for adu, role in adus.items():
        side = role if role in ("pro", "opp") else None
        if side is None:
            graph.note("format", f"ADU {adu!r} has the role {role!r}, not pro or opp",
                       where=where)
        text = adu_text(adu)
        graph.props[adu] = Prop(key=adu, text=text, side=side,
                                main=adu in central)
    graph.sides["pro"] = Side(id="pro", name="Proponent",
                              description="The author's position: the central claim and what "
                              "defends it.")
    graph.sides["opp"] = Side(id="opp", name="Opponent",
                              description="Objections the author considers.")

    adds: dict[str, list[str]] = {}
    for ident in order:
        src, trg, kind = edges[ident]
        if kind == "add":
            adds.setdefault(trg, []).append(src)
    for ident in order:
        src, trg, kind = edges[ident]
        if kind in ("seg", "add"):
            if kind == "add" and trg not in edges:
                graph.note("unknown-reference", f"add edge {ident!r} targets {trg!r}, which "
                           "is not an edge", where=where)
            continue
        if kind not in ("sup", "exa", "reb", "und"):
            graph.note("unsupported", f"edge {ident!r} has the unknown type {kind!r}",
                       where=where)
            continue
        if src not in adus:
            graph.note("unknown-reference", f"edge {ident!r} starts at {src!r}, which is not "
                       "an ADU", where=where)
            continue
        if kind == "und" and trg not in edges:
            graph.note("unknown-reference", f"undercut {ident!r} targets {trg!r}, which is not "
                       "an edge", where=where)
            continue
        if kind != "und" and trg not in adus:
            graph.note("unknown-reference", f"edge {ident!r} targets {trg!r}, which is not an "
                       "ADU", where=where)
            continue
        sources = [src, *[a for a in adds.get(ident, []) if a in adus]]
        graph.rels[ident] = Rel(
            key=ident, kind="support" if kind in ("sup", "exa") else "attack",
            sources=sources, target=trg, scheme="example" if kind == "exa" else None,
            side=adus[src] if adus[src] in ("pro", "opp") else None,
            tags=[kind] if kind == "exa" else [],
        )
    graph_id = root.get("id")
    topic = root.get("topic_id")
    stance = root.get("stance")
    topic_text = topic.replace("_", " ") if topic else None
    graph.title = (f"{graph_id}: {topic_text}" if graph_id and topic_text
                   else (graph_id or topic_text))
    summary = []
    if topic_text:
        summary.append(f"Topic: {topic_text}.")
    if stance:
        summary.append(f"The author's stance on it: {stance}.")
    full = " ".join(edus[e] for e in edus)
    if full:
        summary.append(f"Text: {full}")
    graph.description = "\n\n".join(summary) or None
    if graph_id:
        graph.source = Source(title=f"arg-microtexts {graph_id}")
    argmap = lower(graph)
    return ImportResult(argmap, tuple(graph.diagnostics))
