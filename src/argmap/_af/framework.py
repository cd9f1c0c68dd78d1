"""The abstract argumentation framework type (Dung 1995)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import overload

import attrs

from argmap._words import count
from argmap.errors import UsageError

__all__ = ["Framework", "NumberLabels", "Semantics", "Status"]


class Semantics(enum.Enum):
    """The acceptability semantics argmap computes."""

    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"

    @classmethod
    def parse(cls, value: Semantics | str) -> Semantics:
        """The semantics named ``value`` (case-insensitive); :class:`UsageError` if none."""
        if isinstance(value, Semantics):
            return value
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise UsageError(f"unknown semantics {value!r}; use one of {names}") from None


class Status(enum.Enum):
    """The status of an argument: a label of a labelling, or a justification status.

    In a labelling, ``in`` arguments are accepted, ``out`` ones are attacked by an
    accepted argument and ``undecided`` ones are neither.  ``unknown`` is only used when a
    time limit stopped the computation before the status was found.
    """

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"
    UNKNOWN = "unknown"


class NumberLabels(Sequence[str]):
    """The labels ``"1"`` .. ``"n"``, made on demand (what ``.af`` files use)."""

    __slots__ = ("_n",)

    def __init__(self, n: int) -> None:
        self._n = n

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return tuple(str(k + 1) for k in range(self._n)[i])
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return str(i + 1)

    def __iter__(self) -> Iterator[str]:
        return map(str, range(1, self._n + 1))

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str) and value.isdigit() and str(int(value)) == value and (
            1 <= int(value) <= self._n)

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        if isinstance(value, str) and value in self:
            i = int(value) - 1
            if start <= i and (stop is None or i < stop):
                return i
        raise ValueError(f"{value!r} is not a label")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NumberLabels):
            return self._n == other._n
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"NumberLabels({self._n})"


def _labels(value: Iterable[str]) -> Sequence[str]:
    if isinstance(value, NumberLabels):
        return value
    return tuple(value)


def _ints(value: Iterable[int]) -> tuple[int, ...] | list[int]:
    if isinstance(value, list):
        return value
    return tuple(value)


@attrs.frozen(eq=False, repr=False)
class Framework:
    """An abstract argumentation framework: arguments and an attack relation.

    Arguments are numbered ``0 .. n-1`` and named by ``labels`` (unique strings).  The
    attacks are two parallel sequences of argument indices: attack ``k`` goes from
    ``sources[k]`` to ``targets[k]``.  Build one from names with :meth:`from_attacks`;
    the constructor checks that labels are unique and indices are in range.  The attack
    relation is a set: an attack given twice is kept once (its first occurrence).
    Frameworks are immutable and compare equal when labels and attacks (in order) are
    equal.

    >>> af = Framework.from_attacks(["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "b")])
    >>> len(af), af.attack_count
    (3, 2)
    >>> sorted(af.attacks_by_label())
    [('a', 'b'), ('b', 'c')]
    """

    labels: Sequence[str] = attrs.field(converter=_labels)
    _raw_sources: Sequence[int] = attrs.field(default=(), converter=_ints, alias="sources")
    _raw_targets: Sequence[int] = attrs.field(default=(), converter=_ints, alias="targets")
    #: 0 when the raw attack sequences count from 0, 1 when they count from 1 (``.af``).
    _base: int = attrs.field(default=0, kw_only=True, alias="_base")
    _checked: bool = attrs.field(default=False, kw_only=True, alias="_checked")

    def __attrs_post_init__(self) -> None:
        if self._checked:
            return
        n = len(self.labels)
        base = self._base
        sources, targets = self._raw_sources, self._raw_targets
        if len(sources) != len(targets):
            raise UsageError("sources and targets of attacks must have the same length")
        if sources and (
            min(sources) < base
            or min(targets) < base
            or max(sources) >= n + base
            or max(targets) >= n + base
        ):
            raise UsageError(f"an attack names an argument index outside 0..{n - 1}")
        if not isinstance(self.labels, NumberLabels) and len(set(self.labels)) != n:
            seen: set[str] = set()
            for label in self.labels:
                if label in seen:
                    raise UsageError(f"argument label {label!r} is used twice")
                seen.add(label)
        pairs = dict.fromkeys(zip(sources, targets, strict=True))
        if len(pairs) != len(sources):  # repeated attacks: keep the first of each
            object.__setattr__(self, "_raw_sources", [s for s, _ in pairs])
            object.__setattr__(self, "_raw_targets", [t for _, t in pairs])

    @classmethod
    def _trusted(cls, labels: Sequence[str], sources: list[int], targets: list[int],
                 base: int) -> Framework:
        """A framework from already-checked parts (readers use this; no copies)."""
        return cls(labels, sources, targets, _base=base, _checked=True)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return (
            len(self.labels) == len(other.labels)
            and tuple(self.labels) == tuple(other.labels)
            and tuple(self.sources) == tuple(other.sources)
            and tuple(self.targets) == tuple(other.targets)
        )

    def __hash__(self) -> int:
        return hash((tuple(self.labels), tuple(self.sources), tuple(self.targets)))

    @cached_property
    def sources(self) -> tuple[int, ...]:
        """The attacker of each attack (an argument index)."""
        if self._base:
            return tuple(map(self._base.__rsub__, self._raw_sources))
        return tuple(self._raw_sources)

    @cached_property
    def targets(self) -> tuple[int, ...]:
        """The attacked argument of each attack (an argument index)."""
        if self._base:
            return tuple(map(self._base.__rsub__, self._raw_targets))
        return tuple(self._raw_targets)

    def raw_attacks(self) -> tuple[int, Sequence[int], Sequence[int]]:
        """``(base, sources, targets)`` as stored: indices count from ``base`` (0 or 1).

        Algorithms that can work with either numbering use this to avoid a copy.
        """
        return self._base, self._raw_sources, self._raw_targets

    @classmethod
    def from_attacks(
        cls, arguments: Iterable[str], attacks: Iterable[tuple[str, str]]
    ) -> Framework:
        """A framework from argument names and ``(attacker, target)`` name pairs.

        Raises :class:`~argmap.errors.UsageError` when an attack names an unknown
        argument or a name is repeated.
        """
        labels = tuple(arguments)
        index = {label: i for i, label in enumerate(labels)}
        sources: list[int] = []
        targets: list[int] = []
        for attacker, target in attacks:
            try:
                sources.append(index[attacker])
                targets.append(index[target])
            except KeyError as exc:
                raise UsageError(f"attack ({attacker}, {target}) names an unknown "
                                 f"argument {exc.args[0]!r}") from None
        return cls(labels, sources, targets)

    def __len__(self) -> int:
        return len(self.labels)

    def __repr__(self) -> str:
        return (f"<Framework: {count(len(self.labels), 'argument')}, "
                f"{count(len(self.sources), 'attack')}>")

    @property
    def attack_count(self) -> int:
        """The number of attacks (each pair of arguments once)."""
        return len(self._raw_sources)

    @property
    def attacks(self) -> Iterator[tuple[int, int]]:
        """The attacks as ``(attacker, target)`` index pairs."""
        return zip(self.sources, self.targets, strict=True)

    def attacks_by_label(self) -> Iterator[tuple[str, str]]:
        """The attacks as ``(attacker, target)`` label pairs."""
        labels = self.labels
        for s, t in zip(self.sources, self.targets, strict=True):
            yield labels[s], labels[t]

    @cached_property
    def index(self) -> dict[str, int]:
        """The index of each argument label."""
        return {label: i for i, label in enumerate(self.labels)}

    def index_of(self, label: str) -> int:
        """The index of the argument named ``label``; :class:`UsageError` if none."""
        try:
            if isinstance(self.labels, NumberLabels):
                return self.labels.index(label)
            return self.index[label]
        except (KeyError, ValueError):
            raise UsageError(f"no argument named {label!r}") from None

    @cached_property
    def successors(self) -> tuple[tuple[int, ...], ...]:
        """For each argument, the arguments it attacks (in attack order)."""
        return _adjacency(len(self.labels), self.sources, self.targets)

    @cached_property
    def predecessors(self) -> tuple[tuple[int, ...], ...]:
        """For each argument, its attackers (in attack order)."""
        return _adjacency(len(self.labels), self.targets, self.sources)

    def names(self, indices: Iterable[int]) -> frozenset[str]:
        """The labels of a set of argument indices."""
        labels = self.labels
        return frozenset(labels[i] for i in indices)

    def restrict(self, keep: Sequence[int]) -> Framework:
        """The sub-framework on the arguments ``keep`` (in that order) and their attacks."""
        new = [-1] * len(self.labels)
        for j, i in enumerate(keep):
            new[i] = j
        sources: list[int] = []
        targets: list[int] = []
        for s, t in zip(self.sources, self.targets, strict=True):
            ns = new[s]
            if ns >= 0:
                nt = new[t]
                if nt >= 0:
                    sources.append(ns)
                    targets.append(nt)
        labels = self.labels
        return Framework(tuple(labels[i] for i in keep), sources, targets)


def _adjacency(
    n: int, sources: Sequence[int], targets: Sequence[int]
) -> tuple[tuple[int, ...], ...]:
    lists: list[list[int]] = [[] for _ in range(n)]
    for s, t in zip(sources, targets, strict=True):
        lists[s].append(t)
    return tuple(map(tuple, lists))
