"""The status of every argument under a semantics, with an explanation of each."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from functools import cached_property
from itertools import compress, repeat
from operator import add, attrgetter, is_
from typing import TypeVar, overload

import attrs

from argmap._af.framework import Framework, Semantics, Status
from argmap._af.grounded import IN, OUT, UNDEC, grounded_codes, labelling_of
from argmap._af.solve import Outcome, acceptance
from argmap._words import count

__all__ = ["ArgumentStatus", "Evaluation", "Explanation", "evaluate_framework"]

_T = TypeVar("_T")


class _CodeView(Sequence[_T]):
    """A read-only sequence that maps one byte code per argument through a table: the
    statuses of a grounded evaluation cost one byte per argument, not a list."""

    __slots__ = ("_codes", "_table")

    def __init__(self, codes: bytes | bytearray, table: tuple[_T, ...]) -> None:
        self._codes = codes
        self._table = table

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, i: int) -> _T: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[_T]: ...
    def __getitem__(self, i: int | slice) -> _T | Sequence[_T]:
        if isinstance(i, slice):
            return tuple(map(self._table.__getitem__, self._codes[i]))
        return self._table[self._codes[i]]

    def __iter__(self) -> Iterator[_T]:
        return map(self._table.__getitem__, self._codes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


@attrs.frozen
class Explanation:
    """Why an argument has its status, from a reference labelling.

    ``basis`` names that labelling: ``"grounded"`` (the grounded labelling) or
    ``"extension"`` (the labelling of one extension found, for arguments the grounded
    labelling leaves undecided).  ``label`` is the argument's label there;
    ``attackers`` are all its attackers; ``defeated_by`` the attackers that are *in*
    there; ``defenders`` the *in* arguments that attack its attackers (they reinstate
    it); ``undecided_attackers`` the attackers that are neither in nor out.

    ``semantics``, ``status`` (the argument's status under it, which is ``label`` for
    grounded) and ``extension_exists`` let :meth:`text` say what the status means.
    """

    basis: str
    label: Status
    attackers: tuple[str, ...] = ()
    defeated_by: tuple[str, ...] = ()
    defenders: tuple[str, ...] = ()
    undecided_attackers: tuple[str, ...] = ()
    semantics: str = "grounded"
    status: Status | None = None
    extension_exists: bool | None = True

    def _reason(self) -> str:
        """Why the argument has ``label`` in the reference labelling."""
        if self.label is Status.IN:
            if not self.attackers:
                return "nothing attacks it"
            return (f"every attacker is out ({', '.join(self.attackers)}), defeated by "
                    f"{', '.join(self.defenders) or 'nothing'}")
        if self.label is Status.OUT:
            return f"defeated by {', '.join(self.defeated_by)}"
        return f"attacked by {', '.join(self.undecided_attackers or self.attackers)}"

    def text(self) -> str:
        """A one-line English explanation of the status (true under its semantics)."""
        sem = self.semantics
        status = self.label if self.status is None else self.status
        if sem == "grounded":
            if status is Status.UNDECIDED:
                return f"undecided: {self._reason()}, neither accepted nor defeated"
            if status is Status.IN:
                return f"accepted: {self._reason()}"
            return self._reason()
        if status is Status.UNKNOWN:
            return f"unknown: the time limit ran out before its {sem} status was settled"
        if self.extension_exists is False:
            return f"undecided: there is no {sem} extension to accept or reject it in"
        found = self.basis == "extension"
        if status is Status.IN:
            head = f"accepted: in every {sem} extension"
            if self.label is not Status.IN:
                return head
            return f"{head}; {'in the one found, ' if found else ''}{self._reason()}"
        if status is Status.OUT:
            head = f"out: in no {sem} extension"
            if not found:
                if self.label is Status.OUT:  # attacked by the grounded extension
                    return (f"{head}; defeated by {', '.join(self.defeated_by)}, which "
                            f"every {sem} extension contains")
                return f"{head}; attacked by {', '.join(self.attackers)}"
            head = f"{head}; attacked by {', '.join(self.attackers)}"
            if self.label is Status.OUT:
                return f"{head}; in the one found, defeated by {', '.join(self.defeated_by)}"
            return head
        head = f"undecided: in some {sem} extensions but not all"
        if not found:
            return f"{head}; attacked by {', '.join(self.attackers)}"
        if self.label is Status.UNDECIDED:
            return f"{head}; the one found leaves it open ({self._reason()})"
        state = "in" if self.label is Status.IN else "out"
        return f"{head}; in the one found it is {state}: {self._reason()}"

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        return {
            "basis": self.basis,
            "label": self.label.value,
            "attackers": list(self.attackers),
            "defeated_by": list(self.defeated_by),
            "defenders": list(self.defenders),
            "undecided_attackers": list(self.undecided_attackers),
            "text": self.text(),
        }


@attrs.frozen
class ArgumentStatus:
    """One argument's status under a semantics.

    ``status`` is ``in`` when the argument is sceptically accepted (in every extension),
    ``out`` when it is in no extension, ``undecided`` when it is in some extensions but
    not all, and ``unknown`` when the time limit ran out first.  Under grounded
    semantics ``status`` is the grounded label instead (``out`` = attacked by an accepted
    argument, ``undecided`` = neither).  When a semantics has no extension at all
    (stable, sometimes), every status is ``undecided``.
    """

    label: str
    status: Status
    credulous: bool | None
    sceptical: bool | None
    explanation: Explanation | None = None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        return {
            "label": self.label,
            "status": self.status.value,
            "credulous": self.credulous,
            "sceptical": self.sceptical,
            "explanation": None if self.explanation is None else self.explanation.to_json(),
        }


@attrs.frozen(repr=False)
class Evaluation:
    """The status of every argument of a framework under one semantics.

    ``statuses``, ``credulous``, ``sceptical`` and ``explanations`` hold one entry per
    argument, in argument order (for grounded semantics, views of one byte per argument;
    ``explanations`` is ``None`` when not asked for);
    :attr:`arguments` gathers them into :class:`ArgumentStatus` records.  ``outcome`` is
    :attr:`~argmap.af.Outcome.TIMEOUT` when the time limit ran out (some statuses are
    then ``unknown``); ``extension`` is one extension found (labels), or ``None``;
    ``extension_exists`` is False when the semantics has no extension (only stable can),
    ``None`` when that is unknown.
    """

    framework: Framework
    semantics: Semantics
    statuses: Sequence[Status]
    credulous: Sequence[bool | None]
    sceptical: Sequence[bool | None]
    explanations: tuple[Explanation, ...] | None
    outcome: Outcome
    #: The extension found: argument indices, or the grounded codes (1 = in).
    _witness: frozenset[int] | bytes | bytearray | None = attrs.field(alias="witness")
    extension_exists: bool | None
    seconds: float

    @cached_property
    def extension(self) -> frozenset[str] | None:
        """One extension found (labels), or ``None``; made on first use."""
        witness = self._witness
        if witness is None:
            return None
        if isinstance(witness, bytes | bytearray):
            return frozenset(compress(self.framework.labels, map(IN.__eq__, witness)))
        return self.framework.names(witness)

    def __repr__(self) -> str:
        return (f"<Evaluation {self.semantics.value}: {count(len(self.statuses), 'argument')}, "
                f"{self.outcome.value}>")

    def _record(self, i: int) -> ArgumentStatus:
        return ArgumentStatus(
            self.framework.labels[i], self.statuses[i], self.credulous[i], self.sceptical[i],
            None if self.explanations is None else self.explanations[i],
        )

    @cached_property
    def arguments(self) -> tuple[ArgumentStatus, ...]:
        """One record per argument, in argument order."""
        return tuple(self._record(i) for i in range(len(self.statuses)))

    def __iter__(self) -> Iterator[ArgumentStatus]:
        return iter(self.arguments)

    def status(self, label: str) -> ArgumentStatus:
        """The status record of the argument named ``label``."""
        return self._record(self.framework.index_of(label))

    def with_status(self, status: Status) -> tuple[str, ...]:
        """The labels of the arguments with this status, in argument order."""
        return tuple(self.iter_status(status))

    def counts(self) -> dict[Status, int]:
        """How many arguments have each status."""
        if isinstance(self.statuses, _CodeView):
            codes = self.statuses._codes
            found = {Status.IN: codes.count(IN), Status.OUT: codes.count(OUT),
                     Status.UNKNOWN: 0}
            found[Status.UNDECIDED] = len(codes) - found[Status.IN] - found[Status.OUT]
            return found
        from collections import Counter  # noqa: PLC0415 -- light

        by_value = Counter(self._status_values())  # str keys: hashed in C
        return {status: by_value.get(status.value, 0) for status in Status}

    def iter_status(self, status: Status) -> Iterator[str]:
        """The labels of the arguments with this status, in argument order, lazily."""
        return compress(self.framework.labels, map(is_, repeat(status), self.statuses))

    def _status_values(self) -> Iterator[str]:
        # attrgetter reads each member's value in C (Status.value is a Python property).
        return map(attrgetter("_value_"), self.statuses)

    def json_arguments(self) -> Iterator[str]:
        """Each argument's record of :meth:`to_json`, encoded as compact JSON text.

        Much faster than encoding the records: only the labels go through the (C) string
        encoder, and the rest of each record is one of a few fixed strings.  The iterator
        returned is a chain of C iterators (no generator frame resumed per argument).
        """
        import json  # noqa: PLC0415 -- only JSON output needs it
        from functools import partial  # noqa: PLC0415 -- same
        from json.encoder import encode_basestring  # noqa: PLC0415 -- same (C)

        labels = self.framework.labels
        if self.explanations is not None:
            records = self.to_json()["arguments"]
            assert isinstance(records, list)  # noqa: S101 -- to_json's own shape
            return map(partial(json.dumps, ensure_ascii=False, separators=(",", ":")),
                       records)
        pattern = ',"status":{},"credulous":{},"sceptical":{}}}'
        heads = map(add, repeat('{"label":'), map(encode_basestring, labels))
        if isinstance(self.statuses, _CodeView):  # grounded: one byte per argument
            codes = self.statuses._codes
            table = {
                code: pattern.format(*map(json.dumps, (
                    self.statuses[i].value, self.credulous[i], self.sceptical[i])))
                for code, i in ((c, codes.find(c)) for c in range(3)) if i >= 0}
            return map(add, heads, map(table.__getitem__, codes))
        keys = list(zip(self._status_values(), self.credulous, self.sceptical, strict=True))
        tails = {key: pattern.format(*map(json.dumps, key)) for key in set(keys)}
        # Every step is a loop in C.
        return map(add, heads, map(tails.__getitem__, keys))

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dictionary (the shape of ``argmap evaluate --format json``).

        Each argument has ``label``, ``status``, ``credulous`` and ``sceptical``, and
        ``explanation`` when explanations were computed.
        """
        arguments: list[dict[str, object]] = [
            {"label": label, "status": status, "credulous": c, "sceptical": k}
            for label, status, c, k in zip(self.framework.labels, self._status_values(),
                                           self.credulous, self.sceptical, strict=True)
        ]
        if self.explanations is not None:
            for record, explanation in zip(arguments, self.explanations, strict=True):
                record["explanation"] = explanation.to_json()
        return {
            "semantics": self.semantics.value,
            "outcome": self.outcome.value,
            "extension_exists": self.extension_exists,
            "extension": None if self.extension is None else sorted(self.extension),
            "seconds": round(self.seconds, 6),
            "arguments": arguments,
        }


def _explain(af: Framework, codes: Sequence[int], i: int, basis: str,
             preds: Sequence[Sequence[int]]) -> Explanation:
    labels = af.labels
    attackers = preds[i]
    code = codes[i]
    names = tuple(labels[j] for j in attackers)
    if code == IN:
        defenders: dict[int, None] = {}
        for j in attackers:
            for d in preds[j]:
                if codes[d] == IN:
                    defenders[d] = None
        return Explanation(basis, Status.IN, names,
                           defenders=tuple(labels[d] for d in defenders))
    if code == OUT:
        return Explanation(basis, Status.OUT, names,
                           defeated_by=tuple(labels[j] for j in attackers if codes[j] == IN))
    return Explanation(basis, Status.UNDECIDED, names,
                       undecided_attackers=tuple(labels[j] for j in attackers
                                                 if codes[j] == UNDEC))


def evaluate_framework(
    af: Framework,
    semantics: Semantics | str = Semantics.GROUNDED,
    *,
    timeout: float | None = None,
    explain: bool = True,
) -> Evaluation:
    """The status of every argument of ``af`` under ``semantics``, explained.

    Grounded takes linear time.  Complete, preferred and stable settle what the grounded
    labelling leaves undecided with a SAT solver; ``timeout`` (seconds) bounds that, and
    what is not settled then is ``unknown``.

    >>> af = Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
    >>> [(a.label, a.status.value) for a in evaluate_framework(af)]
    [('a', 'in'), ('b', 'out'), ('c', 'in')]
    >>> evaluate_framework(af).status("c").explanation.text()
    'accepted: every attacker is out (b), defeated by a'
    """
    sem = Semantics.parse(semantics)
    start = time.monotonic()
    base, sources, targets = af.raw_attacks()
    codes = grounded_codes(len(af), sources, targets, base)
    statuses: Sequence[Status]
    if sem is Semantics.GROUNDED:
        statuses = _CodeView(codes, (Status.UNDECIDED, Status.IN, Status.OUT))
        cred: Sequence[bool | None] = _CodeView(codes, (False, True, False))
        scep: Sequence[bool | None] = cred
        outcome = Outcome.DONE
        witness: frozenset[int] | None = None
        exists: bool | None = True
    else:
        result = acceptance(af, sem, timeout=timeout)
        cred, scep = result.credulous, result.sceptical
        outcome, witness, exists = result.outcome, result.witness, result.extension_exists
        found: list[Status] = []
        for c, s in zip(cred, scep, strict=True):
            if exists is False:
                found.append(Status.UNDECIDED)
            elif s is True and exists:
                found.append(Status.IN)
            elif c is False:
                found.append(Status.OUT)
            elif c is True and s is False:
                found.append(Status.UNDECIDED)
            else:
                found.append(Status.UNKNOWN)
        statuses = found
    explanations: tuple[Explanation, ...] | None = None
    if explain:
        preds = af.predecessors
        other = None
        if sem is not Semantics.GROUNDED and witness is not None:
            other = labelling_of(af, witness).codes
        explanations = tuple(
            attrs.evolve(
                _explain(af, codes, i, "grounded", preds)
                if codes[i] != UNDEC or other is None
                else _explain(af, other, i, "extension", preds),
                semantics=sem.value, status=statuses[i], extension_exists=exists)
            for i in range(len(af))
        )
    found_extension: frozenset[int] | bytearray | None = witness
    if sem is Semantics.GROUNDED:
        found_extension = codes
    else:
        statuses, cred, scep = tuple(statuses), tuple(cred), tuple(scep)
    return Evaluation(af, sem, statuses, cred, scep, explanations, outcome, found_extension,
                      exists, time.monotonic() - start)
