"""The typed model of an argument map.

An :class:`ArgumentMap` holds *nodes* (claims, evidence and arguments, which share one
namespace of ids), the *relations* between them (arguments support their conclusion
from jointly held premises; attacks; contradictions), the *sides* of a debate and the
*sources* evidence cites.  Every class is a frozen attrs class; collections are tuples
or read-only mappings, so a map can be shared freely.

The model is what a valid file means.  Building one by hand checks nothing, so that
building a large map stays fast; :func:`argmap.validate_map` checks a map built in code
as loading checks a file: first the model's invariants (every entry stored under its own
id, ``claims={"c1": Claim(id="c1", ...)}``; every field of its type; no lone
surrogates in texts), then the schema and the references.  :func:`argmap.dumps` refuses
a map whose invariants do not hold (it would not read back as the same map).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TypeAlias

import attrs

__all__ = [
    "FORMAT_VERSION",
    "Argument",
    "ArgumentMap",
    "Attack",
    "AttackType",
    "Claim",
    "Contradiction",
    "Evidence",
    "EvidenceType",
    "Node",
    "Side",
    "Source",
]

#: The format version this library reads and writes (the ``argmap:`` key of a file).
FORMAT_VERSION = 1


def _tuple(value: str | Iterable[str]) -> tuple[str, ...]:
    """One string or several, as a tuple (so ``premises: c1`` means ``(c1,)``)."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _frozen_mapping(value: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(value))


def _pair(value: Iterable[str]) -> tuple[str, str]:
    first, second = value
    return (first, second)


class EvidenceType(enum.Enum):
    """What kind of evidence an item is."""

    FACT = "fact"
    STATISTIC = "statistic"
    QUOTE = "quote"
    EXAMPLE = "example"
    TESTIMONY = "testimony"
    STUDY = "study"
    OBSERVATION = "observation"
    OTHER = "other"


class AttackType(enum.Enum):
    """The three ways one node can attack another.

    * ``rebut``: against a claim (typically a conclusion): "that is false".
    * ``undermine``: against a premise or a piece of evidence: "your reason is false".
    * ``undercut``: against an argument's inference: "even if your premises hold, they do
      not support your conclusion".
    """

    REBUT = "rebut"
    UNDERMINE = "undermine"
    UNDERCUT = "undercut"


@attrs.frozen(kw_only=True)
class Source:
    """A publication, web page, interview, ... that evidence cites."""

    id: str | None = None
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Side:
    """A position in a debate (for example "separate threats" or "one threat")."""

    id: str
    name: str
    description: str | None = None


@attrs.frozen(kw_only=True)
class Claim:
    """A proposition that can be supported, attacked and accepted or rejected."""

    id: str
    text: str
    title: str | None = None
    side: str | None = None
    main: bool = False
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Evidence:
    """A fact, statistic, quote, example or testimony, ideally with its source.

    ``source`` is either the id of an entry of :attr:`ArgumentMap.sources` or an inline
    :class:`Source`; ``quote`` is the passage of the source the evidence rests on and
    ``locator`` where in the source it is (page, section, timestamp).
    """

    id: str
    text: str
    type: EvidenceType = EvidenceType.FACT
    title: str | None = None
    source: str | Source | None = None
    quote: str | None = None
    locator: str | None = None
    side: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Argument:
    """Premises that *jointly* support a conclusion (linked co-premises).

    Independent reasons for the same conclusion are separate arguments.  The optional
    Toulmin parts: ``warrant`` (why the premises bear on the conclusion), ``backing``
    (what supports the warrant) and ``qualifier`` ("probably", "in most cases").
    ``scheme`` names an argumentation scheme (for example "argument from expert
    opinion").
    """

    id: str
    premises: tuple[str, ...] = attrs.field(converter=_tuple)
    conclusion: str
    title: str | None = None
    text: str | None = None
    warrant: str | None = None
    backing: str | None = None
    qualifier: str | None = None
    scheme: str | None = None
    side: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Attack:
    """``attacker`` (a claim, evidence or argument) attacks ``target``.

    ``target`` is a claim, an evidence item, an argument, or (for an undercut) another
    attack, named by that attack's ``id``: an objection to the inference of an
    objection.  ``co_premises`` are further claims or evidence that attack only
    *jointly* with ``attacker`` (linked, like an argument's premises).

    ``type`` may be left out (``None``); :meth:`ArgumentMap.attack_type` then infers it
    from the target: an argument or attack is undercut, evidence undermined, a claim
    rebutted.
    """

    attacker: str
    target: str
    type: AttackType | None = None
    id: str | None = None
    co_premises: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    note: str | None = None

    @property
    def attackers(self) -> tuple[str, ...]:
        """The attacker followed by its co-premises."""
        return (self.attacker, *self.co_premises)


@attrs.frozen(kw_only=True)
class Contradiction:
    """Two claims that cannot both be true (a symmetric relation)."""

    claims: tuple[str, str] = attrs.field(converter=_pair)
    note: str | None = None


Node: TypeAlias = Claim | Evidence | Argument


def _attacks(value: Iterable[Attack]) -> tuple[Attack, ...]:
    return tuple(value)


def _contradictions(value: Iterable[Contradiction]) -> tuple[Contradiction, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ArgumentMap:
    """A whole argument map: metadata, sides, sources, nodes and relations.

    Mappings are keyed by id and keep the order of the file.
    """

    version: int = FORMAT_VERSION
    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    source: str | Source | None = None
    sides: Mapping[str, Side] = attrs.field(factory=dict, converter=_frozen_mapping)
    sources: Mapping[str, Source] = attrs.field(factory=dict, converter=_frozen_mapping)
    claims: Mapping[str, Claim] = attrs.field(factory=dict, converter=_frozen_mapping)
    evidence: Mapping[str, Evidence] = attrs.field(factory=dict, converter=_frozen_mapping)
    arguments: Mapping[str, Argument] = attrs.field(factory=dict, converter=_frozen_mapping)
    attacks: tuple[Attack, ...] = attrs.field(default=(), converter=_attacks)
    contradictions: tuple[Contradiction, ...] = attrs.field(
        default=(), converter=_contradictions
    )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return all(
            (dict(a) if isinstance(a, Mapping) else a) == (dict(b) if isinstance(b, Mapping) else b)
            for a, b in zip(
                attrs.astuple(self, recurse=False), attrs.astuple(other, recurse=False), strict=True
            )
        )

    __hash__ = None  # type: ignore[assignment]

    def node(self, node_id: str) -> Node | None:
        """The claim, evidence or argument with this id, or ``None``."""
        return self.claims.get(node_id) or self.evidence.get(node_id) or self.arguments.get(node_id)

    def nodes(self) -> Iterator[Node]:
        """Every claim, then every evidence item, then every argument, in file order."""
        yield from self.claims.values()
        yield from self.evidence.values()
        yield from self.arguments.values()

    @property
    def main_claims(self) -> tuple[Claim, ...]:
        """The claims marked ``main: true`` (the theses of the map)."""
        return tuple(c for c in self.claims.values() if c.main)

    @property
    def attacks_by_id(self) -> Mapping[str, Attack]:
        """The attacks that have an id, by id (undercuts may target them)."""
        return {a.id: a for a in self.attacks if a.id is not None}

    def attack_type(self, attack: Attack) -> AttackType | None:
        """The attack's type as written, or inferred from its target's kind.

        Returns ``None`` when the type is not written and the target does not exist.
        """
        if attack.type is not None:
            return attack.type
        if attack.target in self.arguments:
            return AttackType.UNDERCUT
        if attack.target in self.evidence:
            return AttackType.UNDERMINE
        if attack.target in self.claims:
            return AttackType.REBUT
        if attack.target in self.attacks_by_id:
            return AttackType.UNDERCUT
        return None

    def side_of(self, node_id: str) -> str | None:
        """The side a node belongs to: its own, or for an argument its conclusion's."""
        node = self.node(node_id)
        if node is None:
            return None
        if node.side is not None:
            return node.side
        if isinstance(node, Argument):
            conclusion = self.node(node.conclusion)
            if conclusion is not None and not isinstance(conclusion, Argument):
                return conclusion.side
        return None

    def source_of(self, evidence: Evidence) -> Source | None:
        """The evidence's source, resolving an id through :attr:`sources`."""
        if isinstance(evidence.source, str):
            return self.sources.get(evidence.source)
        return evidence.source
