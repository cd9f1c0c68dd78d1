"""The grounded labelling in O(n + m) time, and the :class:`Labelling` type."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from itertools import compress
from operator import not_

import attrs

from argmap._af.framework import Framework, Status

__all__ = ["Labelling", "grounded", "grounded_codes", "labelling_of"]

# Internal label codes, one byte per argument.
UNDEC = 0
IN = 1
OUT = 2

_STATUS = (Status.UNDECIDED, Status.IN, Status.OUT)


@attrs.frozen(repr=False)
class Labelling:
    """A labelling of a framework: each argument ``in``, ``out`` or ``undecided``.

    ``codes`` holds one byte per argument (0 undecided, 1 in, 2 out) in argument order;
    use :meth:`status` and the set properties rather than the codes.
    """

    framework: Framework
    codes: bytes

    def __repr__(self) -> str:
        return (f"<Labelling: {self.codes.count(IN)} in, {self.codes.count(OUT)} out, "
                f"{self.codes.count(UNDEC)} undecided>")

    def status(self, argument: str | int) -> Status:
        """The label of an argument, given by label or index."""
        i = argument if isinstance(argument, int) else self.framework.index_of(argument)
        return _STATUS[self.codes[i]]

    def _with(self, code: int) -> frozenset[str]:
        labels = self.framework.labels
        return frozenset(labels[i] for i, c in enumerate(self.codes) if c == code)

    @property
    def in_(self) -> frozenset[str]:
        """The accepted arguments (the extension)."""
        return self._with(IN)

    @property
    def out(self) -> frozenset[str]:
        """The arguments attacked by an accepted argument."""
        return self._with(OUT)

    @property
    def undecided(self) -> frozenset[str]:
        """The arguments neither accepted nor attacked by an accepted argument."""
        return self._with(UNDEC)

    def as_dict(self) -> dict[str, str]:
        """Each argument label mapped to ``"in"``, ``"out"`` or ``"undecided"``."""
        names = ("undecided", "in", "out")
        return dict(zip(self.framework.labels, (names[c] for c in self.codes), strict=True))


def grounded_codes(
    n: int, sources: Sequence[int], targets: Sequence[int], base: int = 0
) -> bytearray:
    """The grounded labelling as codes (0 undecided, 1 in, 2 out), in O(n + m).

    Attack ``k`` goes from ``sources[k]`` to ``targets[k]``; indices count from ``base``
    (0 or 1) and the result has one code per argument, from index ``base`` on.

    An argument becomes ``in`` once all its attackers are ``out``; an argument attacked
    by an ``in`` one becomes ``out``.  Each attack is looked at most twice.  The
    successors of each argument are kept as linked lists through two flat arrays of C
    integers (``head`` and ``following``), which CPython builds much faster than a list
    per node and which take 4 bytes per argument and per attack.  Unattacked arguments
    are walked lazily, so memory follows the attacks, not the declared arguments.
    """
    size = n + base
    m = len(sources)
    pending = [0] * size  # attackers not yet out
    kind = "i" if max(size, m) < 2**31 else "q"
    head = array(kind, [-1]) * size  # the last attack from each argument, or -1
    following = array(kind, [0]) * m  # the previous attack from the same one
    for t in targets:
        pending[t] += 1
    for k, s in enumerate(sources):
        following[k] = head[s]
        head[s] = k
    codes = bytearray(size)
    stack: list[int] = []
    push = stack.append
    pop = stack.pop
    for start in compress(range(base, size), map(not_, pending[base:] if base else pending)):
        if codes[start]:  # freed and labelled while the scan was on its way
            continue
        push(start)
        while stack:
            a = pop()
            codes[a] = IN
            k = head[a]
            while k >= 0:
                b = targets[k]
                k = following[k]
                if not codes[b]:
                    codes[b] = OUT
                    j = head[b]
                    while j >= 0:
                        c = targets[j]
                        j = following[j]
                        left = pending[c] - 1
                        pending[c] = left
                        if not left and not codes[c]:
                            push(c)
    return codes[base:] if base else codes


def grounded(af: Framework) -> Labelling:
    """The grounded labelling: the least complete labelling, computed in linear time.

    >>> af = Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
    >>> lab = grounded(af)
    >>> sorted(lab.in_), sorted(lab.out)
    (['a', 'c'], ['b'])
    """
    base, sources, targets = af.raw_attacks()
    return Labelling(af, bytes(grounded_codes(len(af), sources, targets, base)))


def labelling_of(af: Framework, extension: Iterable[int]) -> Labelling:
    """The labelling of a conflict-free set of argument indices: its members ``in``,
    what they attack ``out``, the rest ``undecided``."""
    codes = bytearray(len(af))
    members = set(extension)
    for i in members:
        codes[i] = IN
    for s, t in af.attacks:
        if s in members and codes[t] != IN:
            codes[t] = OUT
    return Labelling(af, bytes(codes))
