"""The rule registry, the findings rules yield and the index of a map they share.

A rule is a function from a :class:`MapIndex` (the map plus lookup tables built once,
each in linear time) and the rule's options to an iterable of :class:`Finding`.  The
engine in :mod:`argmap.check` turns findings into diagnostics: it adds the rule's code,
the configured severity and a location found through the caller's ``locate``.

Rules are registered with :func:`rule` in the family modules (``structure``, ``logic``,
``substance``) and looked up by code with :func:`get_rule`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TypeAlias

import attrs

from argmap.errors import Severity
from argmap.model import Argument, ArgumentMap, Evidence, Source

__all__ = [
    "FAMILIES",
    "Finding",
    "MapIndex",
    "OptionValue",
    "Rule",
    "all_rules",
    "get_rule",
    "normalise_text",
    "rule",
]

#: Rule families, in the order rules are listed and run.
FAMILIES = ("structure", "logic", "substance")

OptionValue: TypeAlias = bool | int | str | tuple[str, ...]
Path: TypeAlias = tuple[str | int, ...]


@attrs.frozen
class Finding:
    """One thing a rule found: where (a path into the file), what, and how to fix it.

    ``path`` is the path of keys and indices of the offending part (for example
    ``("arguments", "a1", "conclusion")``); with ``key=True`` the location is that of
    the key rather than of its value.
    """

    path: Path
    message: str
    hint: str | None = None
    key: bool = False


RuleCheck: TypeAlias = Callable[["MapIndex", Mapping[str, OptionValue]], Iterable[Finding]]


def _frozen(value: Mapping[str, OptionValue]) -> Mapping[str, OptionValue]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Rule:
    """A check with a stable code.

    ``severity`` and ``enabled`` are the defaults (configuration can change both);
    ``options`` maps each option's name to its default value, whose type is the type the
    option takes (``bool``, ``int``, ``str`` or a tuple of strings).
    """

    code: str
    family: str
    severity: Severity
    summary: str
    check: RuleCheck = attrs.field(repr=False, eq=False)
    enabled: bool = True
    options: Mapping[str, OptionValue] = attrs.field(factory=dict, converter=_frozen)

    @property
    def doc(self) -> str:
        """The path of the rule's documentation page, relative to the project root."""
        return f"docs/rules/{self.code}.md"

    def __call__(self, index: MapIndex, options: Mapping[str, OptionValue]) -> Iterable[Finding]:
        return self.check(index, options)


_REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    family: str,
    severity: Severity,
    summary: str,
    *,
    enabled: bool = True,
    options: Mapping[str, OptionValue] | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register the decorated function as the rule ``code``."""
    if family not in FAMILIES:
        raise ValueError(f"unknown rule family {family!r}")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", code) or code in FAMILIES:
        raise ValueError(f"bad rule code {code!r}")

    def register(func: RuleCheck) -> RuleCheck:
        if code in _REGISTRY:
            raise ValueError(f"rule {code!r} is registered twice")
        _REGISTRY[code] = Rule(code, family, severity, summary, func, enabled, options or {})
        return func

    return register


def _load_families() -> None:
    # The family modules register their rules when imported.
    from argmap._rules import logic, structure, substance  # noqa: F401, PLC0415 -- registration


def all_rules() -> tuple[Rule, ...]:
    """Every rule, by family (structure, logic, substance), then in registration order."""
    _load_families()
    return tuple(
        sorted(_REGISTRY.values(), key=lambda r: FAMILIES.index(r.family))
    )


def get_rule(code: str) -> Rule:
    """The rule with this code; raises ``KeyError`` for an unknown code."""
    _load_families()
    return _REGISTRY[code]


# --------------------------------------------------------------------------------------
# text

_NON_WORD = re.compile(r"[\W_]+")
# ASCII punctuation and control characters to spaces (the fast path of normalise_text).
_ASCII_BLANKS = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() and chr(c).isascii())}
)


def normalise_text(text: str) -> str:
    """Text compared for sameness: NFKC, case-folded, punctuation and spacing collapsed.

    >>> normalise_text("  The  economy, GROWS!  ")
    'the economy grows'
    >>> normalise_text("\\uff26\\uff35ll-width \\u00c9T\\u00c9_\\u00e9t\\u00e9")
    'full width été été'
    """
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_BLANKS).split())
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", folded).strip()


# --------------------------------------------------------------------------------------
# graphs


def strongly_connected(n: int, adjacency: list[list[int]]) -> list[list[int]]:
    """The strongly connected components (Tarjan's algorithm, iterative).

    Components come in reverse topological order: when an edge leads from one
    component to another, the other comes first.

    >>> strongly_connected(4, [[1], [2], [0], [3]])
    [[2, 1, 0], [3]]
    """
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            edges = adjacency[v]
            if i < len(edges):
                work[-1] = (v, i + 1)
                w = edges[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                found.append(component)
    return found



# --------------------------------------------------------------------------------------
# the index


class MapIndex:
    """A map and the lookup tables rules share, each built on first use in linear time."""

    def __init__(self, argmap: ArgumentMap) -> None:
        self.map = argmap

    @cached_property
    def supporting(self) -> Mapping[str, list[Argument]]:
        """Conclusion id -> the arguments concluding it, in file order."""
        table: dict[str, list[Argument]] = {}
        for arg in self.map.arguments.values():
            table.setdefault(arg.conclusion, []).append(arg)
        return table

    @cached_property
    def numbering(self) -> tuple[list[str], dict[str, int]]:
        """Every claim, evidence item and argument id in order, and id -> its number."""
        order = [*self.map.claims, *self.map.evidence, *self.map.arguments]
        return order, {node_id: i for i, node_id in enumerate(order)}

    @cached_property
    def support_graph(self) -> tuple[list[list[int]], list[list[str]]]:
        """Support edges premise -> conclusion between node numbers, and their arguments.

        ``adjacency[v]`` lists the conclusions node ``v`` is a premise for and
        ``labels[v]`` the arguments of those edges.  Self-loops (a premise that is its
        argument's conclusion) and dangling references are left out.
        """
        names, number = self.numbering
        adjacency: list[list[int]] = [[] for _ in names]
        labels: list[list[str]] = [[] for _ in names]
        for arg in self.map.arguments.values():
            target = number.get(arg.conclusion)
            if target is None:
                continue
            for premise in arg.premises:
                source = number.get(premise)
                if source is None or source == target:
                    continue
                adjacency[source].append(target)
                labels[source].append(arg.id)
        return adjacency, labels

    @cached_property
    def support_components(self) -> list[list[int]]:
        """The strongly connected parts of the support graph, conclusions first."""
        adjacency, _ = self.support_graph
        return strongly_connected(len(adjacency), adjacency)

    @cached_property
    def premise_of(self) -> Mapping[str, list[Argument]]:
        """Premise id -> the arguments it is a premise of, in file order."""
        table: dict[str, list[Argument]] = {}
        for arg in self.map.arguments.values():
            for premise in arg.premises:
                table.setdefault(premise, []).append(arg)
        return table

    @cached_property
    def attacks_on(self) -> Mapping[str, list[int]]:
        """Target id -> indices of the attacks on it."""
        table: dict[str, list[int]] = {}
        for index, attack in enumerate(self.map.attacks):
            table.setdefault(attack.target, []).append(index)
        return table

    @cached_property
    def attacks_by(self) -> Mapping[str, list[int]]:
        """Attacker id -> indices of its attacks (co-premises of an attack included)."""
        table: dict[str, list[int]] = {}
        for index, attack in enumerate(self.map.attacks):
            for attacker in dict.fromkeys(attack.attackers):
                table.setdefault(attacker, []).append(index)
        return table

    @cached_property
    def attack_ids(self) -> Mapping[str, int]:
        """Attack id -> its index, for attacks that have an id (undercuts may target them)."""
        table: dict[str, int] = {}
        for index, attack in enumerate(self.map.attacks):
            if attack.id is not None:
                table.setdefault(attack.id, index)
        return table

    @cached_property
    def sides(self) -> Mapping[str, str | None]:
        """Node id -> its side (:meth:`ArgumentMap.side_of`), for every node."""
        table: dict[str, str | None] = {}
        for node in self.map.claims.values():
            table[node.id] = node.side
        for item in self.map.evidence.values():
            table[item.id] = item.side
        claims, evidence = self.map.claims, self.map.evidence
        for arg in self.map.arguments.values():
            side = arg.side
            if side is None:
                target = claims.get(arg.conclusion) or evidence.get(arg.conclusion)
                side = target.side if target is not None else None
            table[arg.id] = side
        for attack_id, number in self.attack_ids.items():
            if attack_id not in table:
                table[attack_id] = table.get(self.map.attacks[number].attacker)
        return table

    @cached_property
    def normalised(self) -> Mapping[str, str]:
        """Claim or evidence id -> its text as :func:`normalise_text` gives it."""
        return {node_id: normalise_text(text) for _, node_id, text in self.statements()}

    def side(self, node_id: str) -> str | None:
        return self.sides.get(node_id)

    def kind(self, node_id: str) -> str:
        """``claims``, ``evidence``, ``arguments``, ``attacks`` (an attack's id) or ``""``."""
        if node_id in self.map.claims:
            return "claims"
        if node_id in self.map.evidence:
            return "evidence"
        if node_id in self.map.arguments:
            return "arguments"
        if node_id in self.attack_ids:
            return "attacks"
        return ""

    def node_path(self, node_id: str) -> Path:
        """The path of a node's entry (``("claims", id)``), or ``()`` when unknown."""
        kind = self.kind(node_id)
        if kind == "attacks":
            return ("attacks", self.attack_ids[node_id])
        return (kind, node_id) if kind else ()

    def sources(self) -> Iterable[tuple[Path, Source]]:
        """Every source with the path of where it is written: the map's, listed, inline."""
        if isinstance(self.map.source, Source):
            yield ("source",), self.map.source
        for source_id, source in self.map.sources.items():
            yield ("sources", source_id), source
        for item in self.map.evidence.values():
            if isinstance(item.source, Source):
                yield ("evidence", item.id, "source"), item.source

    def statements(self) -> Iterable[tuple[Path, str, str]]:
        """(path of the text, id, text) of every claim and evidence item, in file order."""
        for claim in self.map.claims.values():
            yield ("claims", claim.id, "text"), claim.id, claim.text
        for item in self.map.evidence.values():
            yield ("evidence", item.id, "text"), item.id, item.text


def describe(index: MapIndex, node_id: str) -> str:
    """``claim 'c1'``, ``evidence 'e2'``, ``argument 'a3'`` or ``attack 'x4'``."""
    node = index.map.node(node_id)
    if node is None and node_id in index.attack_ids:
        return f"attack {node_id!r}"
    if isinstance(node, Argument):
        return f"argument {node_id!r}"
    if isinstance(node, Evidence):
        return f"evidence {node_id!r}"
    return f"claim {node_id!r}"
