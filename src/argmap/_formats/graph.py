"""The intermediate graph every importer builds, and its lowering to an argument map.

The formats of the field disagree with argmap on a few points:

* their ids are anything (numbers, UUIDs, titles with spaces), argmap ids are short names;
* their texts may be empty or longer than argmap allows;
* they let an attack target another attack or have several linked attackers (AIF CA
  nodes, microtext ``und``/``add`` edges), while an argmap attack goes from one node to a
  claim, an evidence item or an argument.

Importers therefore describe what they read as a :class:`Graph` of propositions
(:class:`Prop`) and relations (:class:`Rel`: support or attack, from several sources to a
proposition or to another relation), and :func:`lower` turns it into an
:class:`~argmap.model.ArgumentMap`: a support becomes an argument, an attack an attack
(linked attackers become ``co_premises``; an attack on an attack an undercut of that
attack, which then gets an id).  What cannot be said (support of an inference, an attack
as attacker) is dropped with a diagnostic, never silently.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from typing import Literal

import attrs
from anyascii import anyascii

from argmap._parse import Document
from argmap._words import count, noun
from argmap.errors import Diagnostic, Location, Severity
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
    "MAX_ELEMENTS",
    "MAX_ITEMS",
    "Graph",
    "Prop",
    "Rel",
    "Where",
    "clean_tags",
    "clip",
    "lower",
    "readable_id",
    "split_key",
    "valid_id",
]

#: Most propositions plus relations one import accepts (bounded memory and time).
MAX_ITEMS = 500_000
#: Most nodes plus edges one JSON input may hold, counting those the reader ignores.
MAX_ELEMENTS = 2_000_000
#: Diagnostics listed per code and severity; the rest are counted in one more.
NOTES_PER_CODE = 1000
TEXT_MAX = 2000
TITLE_MAX = 200
LONG_MAX = 100_000
PREMISES_MAX = 100
TAGS_MAX = 100
EMPTY_TEXT = "(no text)"

_ID_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")  # \Z: no final line break
_ID_BAD_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")
_WS = re.compile(r"\s+")


class Where:
    """A location looked up only when a diagnostic needs it (finding positions in a
    large JSON document costs a scan of the whole text)."""

    __slots__ = ("doc", "path")

    def __init__(self, doc: Document, path: tuple[str | int, ...]) -> None:
        self.doc = doc
        self.path = path

    def resolve(self) -> Location:
        """The location, with line and column."""
        return self.doc.locate(self.path)


@attrs.define
class Prop:
    """A proposition: becomes a claim, or evidence when ``evidence`` is set."""

    key: str
    text: str
    title: str | None = None
    side: str | None = None
    main: bool = False
    tags: list[str] = attrs.field(factory=list)
    note: str | None = None
    evidence: EvidenceType | None = None
    id_hint: str | None = None
    #: For evidence: the source (an id of :attr:`Graph.sources` or inline), quote, locator.
    source: str | Source | None = None
    quote: str | None = None
    locator: str | None = None


@attrs.define
class Rel:
    """A support (becomes an argument) or an attack, from ``sources`` to ``target``.

    Sources and target are keys of propositions or of other relations.
    """

    key: str
    kind: Literal["support", "attack"]
    sources: list[str]
    target: str
    title: str | None = None
    text: str | None = None
    scheme: str | None = None
    side: str | None = None
    tags: list[str] = attrs.field(factory=list)
    note: str | None = None
    attack_type: AttackType | None = None
    warrant: str | None = None
    backing: str | None = None
    qualifier: str | None = None
    id_hint: str | None = None
    #: An attack keeps its key as its id (``False``: the attack gets no id).
    keep_id: bool = True
    #: Infer a missing attack type from the target (``False``: leave it unwritten).
    infer_type: bool = True
    #: Where the relation was written (for diagnostics).
    where: Location | Where | None = None


@attrs.define
class Graph:
    """What an importer read, before lowering."""

    file: str | None = None
    props: dict[str, Prop] = attrs.field(factory=dict)
    rels: dict[str, Rel] = attrs.field(factory=dict)
    sides: dict[str, Side] = attrs.field(factory=dict)
    #: Pairs of proposition keys, with a note.
    contradictions: list[tuple[str, str, str | None]] = attrs.field(factory=list)
    title: str | None = None
    description: str | None = None
    authors: list[str] = attrs.field(factory=list)
    source: str | Source | None = None
    sources: dict[str, Source] = attrs.field(factory=dict)
    diagnostics: list[Diagnostic] = attrs.field(factory=list)
    #: Infer ``undermine`` for attacks on propositions used only as premises.
    infer_undermine: bool = False
    #: Filled by :func:`lower`: the map id given to each proposition and relation key.
    ids: dict[str, str] = attrs.field(factory=dict)
    #: Diagnostics left out per code once :data:`NOTES_PER_CODE` were recorded.
    suppressed: dict[str, int] = attrs.field(factory=dict)

    def note(
        self,
        code: str,
        message: str,
        *,
        severity: Severity = Severity.WARNING,
        where: Location | Where | None = None,
        hint: str | None = None,
    ) -> None:
        """Record a diagnostic about the input (at most :data:`NOTES_PER_CODE` per code
        and severity; :meth:`summarise` counts the rest)."""
        counts = self.suppressed
        seen = counts.get(f"{code}/{severity.value}/seen", 0) + 1
        counts[f"{code}/{severity.value}/seen"] = seen
        if seen > NOTES_PER_CODE:
            return
        if isinstance(where, Where):
            where = where.resolve()
        location = where if where is not None else Location(self.file)
        self.diagnostics.append(Diagnostic(code, message, location, severity, hint))

    def summarise(self) -> None:
        """One diagnostic per code that was capped: how many more there were."""
        for name, seen in list(self.suppressed.items()):
            if seen <= NOTES_PER_CODE:
                continue
            code, level, _ = name.split("/")
            self.suppressed[name] = NOTES_PER_CODE  # summarised once
            self.diagnostics.append(Diagnostic(
                code, f"and {seen - NOTES_PER_CODE:,} more "
                f"{noun(seen - NOTES_PER_CODE, level)} [{code}] "
                "like the above "
                f"(only the first {NOTES_PER_CODE:,} are listed)", Location(self.file),
                Severity(level)))

    def full(self) -> bool:
        """True (with an error diagnostic) once the input holds too many items."""
        if len(self.props) + len(self.rels) < MAX_ITEMS:
            return False
        if not any(d.code == "too-large" for d in self.diagnostics):
            self.note(
                "too-large",
                f"the input has more than {MAX_ITEMS:,} propositions and relations",
                severity=Severity.ERROR,
                hint="split the input into several maps",
            )
        return True


def valid_id(value: object) -> bool:
    """True for a string the argmap format accepts as an id."""
    return isinstance(value, str) and _ID_OK.match(value) is not None


def clip(text: str | None, limit: int) -> str | None:
    """``text`` cut to ``limit`` characters (an ellipsis marks the cut); ``None`` stays."""
    if text is None:
        return None
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "\u2026"


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags the schema accepts: no commas, no leading space, at most 63 characters, unique."""
    out: list[str] = []
    for tag in tags:
        cleaned = tag.replace(",", " ").lstrip()[:63]
        if cleaned and cleaned not in out:
            out.append(cleaned)
        if len(out) >= TAGS_MAX:
            break
    return tuple(out)


def readable_id(title: str) -> str:
    """An argmap id made from a title in any script: transliterated to ASCII, runs of
    other characters turned into ``-``, at most 56 characters; ``n`` when nothing is left.

    >>> readable_id("Überwachung"), readable_id("Ärger"), readable_id("Наблюдение")
    ('Uberwachung', 'Arger', 'Nablyudenie')
    >>> readable_id("监控社会"), readable_id("Côte d'Ivoire"), readable_id("!!!")
    ('JianKongSheHui', 'Cote-d-Ivoire', 'n')
    """
    base = _ID_BAD_CHARS.sub("-", anyascii(title)).strip("-_.")[:56].rstrip("-_.")
    if not base or not base[0].isalnum():
        return "n"
    return base


class _Ids:
    """Assigns valid, unique argmap ids to the keys of the input.

    Ids the input gives (valid as they are) are reserved first, so an id made up for
    another element (``n-2``, a transliterated title, ``R-2`` for a split node) never
    takes one that a later element of the input names.
    """

    def __init__(self, given: Iterable[str] = ()) -> None:
        self.used: set[str] = set()
        self.reserved: set[str] = {w for w in given if _ID_OK.match(w)}
        self.next_suffix: dict[str, int] = {}  # per base: no quadratic search for "n-9999"

    def make(self, wanted: str) -> str:
        if _ID_OK.match(wanted) and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        base = wanted if _ID_OK.match(wanted) else readable_id(wanted)
        candidate = base
        counter = self.next_suffix.get(base, 2)
        while candidate in self.used or (candidate in self.reserved and candidate != wanted):
            candidate = f"{base[:56]}-{counter}"
            counter += 1
        self.next_suffix[base] = counter
        self.used.add(candidate)
        return candidate


def split_key(key: str, number: int, taken: Container[str]) -> str:
    """The key of the ``number``-th relation a node with several targets is split into:
    ``key#number``, with further ``#`` marks while that names an element of the input."""
    candidate = f"{key}#{number}"
    while candidate in taken:
        candidate += "#"
    return candidate


def lower(graph: Graph) -> ArgumentMap:
    """The argument map of ``graph``; what is lost is added to ``graph.diagnostics``."""
    ids = _Ids([*(p.id_hint or k for k, p in graph.props.items()),
                *(r.id_hint or k for k, r in graph.rels.items())])
    node_id: dict[str, str] = {}
    for key, prop in graph.props.items():
        node_id[key] = ids.make(prop.id_hint or key)
    for key, rel in graph.rels.items():
        node_id[key] = ids.make(rel.id_hint or key)
    graph.ids = node_id

    claims: dict[str, Claim] = {}
    evidence: dict[str, Evidence] = {}
    texts: dict[str, str] = {}
    for key, prop in graph.props.items():
        pid = node_id[key]
        text, note = _text_and_note(graph, prop.text, prop.note, f"proposition {key!r}")
        texts[key] = text
        side = prop.side if prop.side in graph.sides else None
        if prop.side is not None and side is None:
            graph.note("unknown-reference", f"proposition {key!r} names the side "
                       f"{prop.side!r}, which the input does not define; it is left out")
        source = prop.source
        if isinstance(source, str) and source not in graph.sources:
            graph.note("unknown-reference", f"proposition {key!r} cites the source "
                       f"{source!r}, which the input does not define; it is left out")
            source = None
        if prop.evidence is not None:
            evidence[pid] = Evidence(
                id=pid, text=text, type=prop.evidence, title=clip(prop.title, TITLE_MAX),
                side=side, tags=clean_tags(prop.tags), note=note, source=source,
                quote=clip(prop.quote, LONG_MAX), locator=clip(prop.locator, TEXT_MAX),
            )
        else:
            claims[pid] = Claim(
                id=pid, text=text, title=clip(prop.title, TITLE_MAX), side=side,
                main=prop.main, tags=clean_tags(prop.tags), note=note,
            )

    rels = graph.rels
    # Relations that cannot become anything: support of an inference, no usable source.
    dropped: set[str] = set()
    for key, rel in rels.items():
        if rel.target not in graph.props and rel.target not in rels:
            dropped.add(key)
            graph.note("dropped-relation", f"relation {key!r}: its target {rel.target!r} is "
                       "missing", where=rel.where)
        elif rel.kind == "support" and rel.target in rels:
            dropped.add(key)
            graph.note(
                "dropped-relation",
                f"support {key!r} supports an inference (relation {rel.target!r}); argmap "
                "arguments conclude claims, so it is left out",
                where=rel.where,
                hint="restate the warrant as a claim and support that",
            )
        elif not any(s in graph.props or (s in rels and rels[s].kind == "support")
                     for s in rel.sources):
            dropped.add(key)
            graph.note("dropped-relation", f"relation {key!r} has no source argmap can use "
                       "(attackers and premises are claims, evidence or arguments)",
                       where=rel.where)
    # What depends on a dropped relation goes too: a worklist over the relations that
    # name it (linear time, no recursion on the depth of the input).
    dependents: dict[str, list[str]] = {}
    for key, rel in rels.items():
        for name in {rel.target, *rel.sources}:
            if name in rels:
                dependents.setdefault(name, []).append(key)
    work = list(dropped)
    while work:
        for key in dependents.get(work.pop(), ()):
            if key in dropped:
                continue
            rel = rels[key]
            usable = any(s in graph.props or (s in rels and s not in dropped
                                              and rels[s].kind == "support")
                         for s in rel.sources)
            if rel.target in dropped or not usable:
                dropped.add(key)
                work.append(key)
                graph.note("dropped-relation", f"relation {key!r} depends on a relation that "
                           "was left out", where=rel.where)

    premises_of: dict[str, set[str]] = {}
    conclusions: set[str] = set()
    for key, rel in rels.items():
        if key in dropped or rel.kind != "support":
            continue
        conclusions.add(rel.target)
        for source in rel.sources:
            premises_of.setdefault(source, set()).add(key)

    arguments: dict[str, Argument] = {}
    attacks: list[Attack] = []

    def premises(rel: Rel) -> list[str]:
        """The claims and evidence among a relation's sources (an argument stands for its
        conclusion)."""
        out: list[str] = []
        taken: set[str] = set()
        for source in rel.sources:
            if source in graph.props:
                found: str | None = node_id[source]
            elif source in rels and rels[source].kind == "support" and source not in dropped:
                found = node_id.get(rels[source].target)
            else:
                found = None
            if found is not None and found not in taken:
                taken.add(found)
                out.append(found)
        if len(out) > PREMISES_MAX:
            graph.note("too-many-premises",
                       f"relation {rel.key!r} has {count(len(out), 'premise')}; "
                       f"the first {PREMISES_MAX} are kept", where=rel.where)
            out = out[:PREMISES_MAX]
        return out

    def rel_fields(rel: Rel) -> dict[str, object]:
        return {
            "title": clip(rel.title, TITLE_MAX),
            "text": clip(rel.text, LONG_MAX) or None,
            "scheme": clip(rel.scheme, TEXT_MAX) or None,
            "side": rel.side if rel.side in graph.sides else None,
            "tags": clean_tags(rel.tags),
            "note": clip(rel.note, LONG_MAX),
            "warrant": clip(rel.warrant, TEXT_MAX) or None,
            "backing": clip(rel.backing, TEXT_MAX) or None,
            "qualifier": clip(rel.qualifier, TEXT_MAX) or None,
        }

    for key, rel in rels.items():
        if key in dropped or rel.kind != "support":
            continue
        found = premises(rel)
        if not found:
            dropped.add(key)
            graph.note("dropped-relation", f"support {key!r} has no premise argmap can use",
                       where=rel.where)
            continue
        arguments[node_id[key]] = Argument(
            id=node_id[key], premises=tuple(found), conclusion=node_id[rel.target],
            **rel_fields(rel),  # type: ignore[arg-type]  # keys match Argument's fields
        )

    # Attacks that other attacks undercut need an id.
    targeted = {rel.target for key, rel in rels.items()
                if key not in dropped and rel.kind == "attack" and rel.target in rels}
    kept: set[str] = set()
    pending: list[tuple[str, Attack]] = []
    for key, rel in rels.items():
        if key in dropped or rel.kind != "attack":
            continue
        if rel.target in rels and rels[rel.target].kind == "support" and (
                node_id[rel.target] not in arguments):
            graph.note("dropped-relation", f"attack {key!r} targets a relation that was left "
                       "out", where=rel.where)
            continue
        target = node_id[rel.target]
        kind = _attack_type(graph, rel, rel.target in rels,
                            rel.target in premises_of and rel.target not in conclusions,
                            target in evidence)
        first = rel.sources[0] if rel.sources else ""
        if first in rels and rels[first].kind == "support" and node_id[first] in arguments:
            attacker = node_id[first]  # an argument attacks
            co_premises = [p for p in premises(Rel(key=key, kind="attack",
                                                   sources=rel.sources[1:], target=""))
                           if p != attacker]
        else:
            found = premises(rel)
            if not found:
                graph.note("dropped-relation", f"attack {key!r} has no attacker argmap can use",
                           where=rel.where)
                continue
            attacker, co_premises = found[0], found[1:]
        if any(s in rels and rels[s].kind == "attack" for s in rel.sources):
            graph.note("dropped-relation", f"attack {key!r} has an attack among its sources; "
                       "attackers are claims, evidence or arguments, so that source is left "
                       "out", where=rel.where)
        pending.append((key, Attack(
            attacker=attacker, target=target, type=kind,
            id=node_id[key] if rel.keep_id or key in targeted else None,
            co_premises=tuple(co_premises), note=clip(rel.note, LONG_MAX),
        )))
        kept.add(key)
    # Undercuts of attacks that were left out go too (a worklist again).
    work = [key for key, rel in rels.items() if rel.kind == "attack" and key not in kept]
    while work:
        for key in dependents.get(work.pop(), ()):
            if key in kept and rels[key].target not in kept:
                kept.discard(key)
                work.append(key)
                graph.note("dropped-relation", f"attack {key!r} targets an attack that was "
                           "left out", where=rels[key].where)
    attacks.extend(attack for key, attack in pending if key in kept)

    contradictions: list[Contradiction] = []
    for first, second, remark in graph.contradictions:
        a, b = node_id.get(first), node_id.get(second)
        if a is not None and b is not None and a in claims and b in claims and a != b:
            contradictions.append(Contradiction(claims=(a, b), note=clip(remark, LONG_MAX)))
        else:
            graph.note("dropped-relation", f"contradiction between {first!r} and {second!r} "
                       "needs two different claims")

    map_source = graph.source
    if isinstance(map_source, str) and map_source not in graph.sources:
        graph.note("unknown-reference", f"the map cites the source {map_source!r}, which the "
                   "input does not define; it is left out")
        map_source = None
    graph.summarise()
    return ArgumentMap(
        title=clip(graph.title, TEXT_MAX),
        description=clip(graph.description, LONG_MAX),
        authors=tuple(a for a in (clip(x, TEXT_MAX) for x in graph.authors[:1000]) if a),
        source=map_source,
        sides=graph.sides,
        sources=graph.sources,
        claims=claims,
        evidence=evidence,
        arguments=arguments,
        attacks=tuple(attacks),
        contradictions=tuple(contradictions),
    )


def _text_and_note(
    graph: Graph, text: str, note: str | None, what: str
) -> tuple[str, str | None]:
    if not text:
        graph.note("empty-text", f"{what} has no text; it reads {EMPTY_TEXT!r}",
                   severity=Severity.INFO)
        return EMPTY_TEXT, clip(note, LONG_MAX)
    if len(text) <= TEXT_MAX:
        return text, clip(note, LONG_MAX)
    graph.note(
        "long-text",
        f"{what} has {len(text):,} characters, more than argmap's {TEXT_MAX}; the text is "
        "cut and the full text kept in its note",
        severity=Severity.INFO,
    )
    full = f"Full text: {text}" + (f"\n\n{note}" if note else "")
    return clip(text, TEXT_MAX) or EMPTY_TEXT, clip(full, LONG_MAX)


def _attack_type(
    graph: Graph, rel: Rel, on_argument: bool, only_premise: bool, on_evidence: bool
) -> AttackType | None:
    if on_argument:
        if rel.attack_type is None and not rel.infer_type:
            return None
        if rel.attack_type not in (None, AttackType.UNDERCUT):
            graph.note("attack-type", f"attack {rel.key!r} targets an inference; it becomes an "
                       "undercut", severity=Severity.INFO, where=rel.where)
        return AttackType.UNDERCUT
    if rel.attack_type is AttackType.UNDERCUT:
        graph.note("attack-type", f"attack {rel.key!r} is marked undercut but targets a "
                   "proposition; it becomes a rebut or undermine", severity=Severity.INFO,
                   where=rel.where)
    elif rel.attack_type is AttackType.REBUT and on_evidence:
        return AttackType.UNDERMINE
    elif rel.attack_type is not None:
        return rel.attack_type
    if not rel.infer_type:
        return None
    if on_evidence or (graph.infer_undermine and only_premise):
        return AttackType.UNDERMINE
    return AttackType.REBUT
