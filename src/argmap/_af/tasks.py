"""The reasoning tasks of the ICCMA competitions: one question, only the work it needs.

A task is a problem and a semantics, written ``DC-PR``:

* ``DC`` (credulous acceptance): is the query argument in *some* extension?  If so, one
  extension that contains it is the certificate;
* ``DS`` (sceptical acceptance): is the query argument in *every* extension?  If not, one
  extension without it is the certificate (a counter-example);
* ``SE`` (some extension): one extension, or none when there is none (stable only).

Semantics: ``GR`` grounded, ``CO`` complete, ``PR`` preferred, ``ST`` stable, ``SST``
semi-stable, ``STG`` stage and ``ID`` ideal.  Each task computes only what it needs: the
grounded labelling (linear time) settles many questions at once; otherwise one
incremental SAT solver (see :mod:`argmap._af.solve`) answers the question:

* ``SE-PR`` grows one admissible set to a preferred extension; ``DC-PR`` grows one that
  contains the query; ``DS-PR`` first looks for a complete extension that attacks the
  query (grown, it is a preferred extension without the query), then follows the
  counter-example loop of CEGARTIX (a complete extension without the query that is not
  inside a preferred extension found so far, grown to a preferred one);
* ``ST``: one call, with the query in (``DC``) or out (``DS``);
* ``SST`` and ``STG`` grow the *range* (the extension and what it attacks) of a complete
  (semi-stable) or conflict-free (stage) set until no larger one exists; questions about
  the query alternate between the ranges of sets with the property asked about and the
  maximal ranges of all sets, ruling out one maximal range per round;
* ``ID``: the ideal extension is the largest admissible set of credulously accepted
  arguments none of whose attackers is credulously accepted (Dunne 2009); it needs the
  credulous acceptance of every argument the grounded labelling leaves open.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterator

import attrs

from argmap._af.framework import Framework, Semantics
from argmap._af.grounded import IN, grounded_codes
from argmap._af.solve import Event, Outcome, _drive, _Engine
from argmap.errors import UsageError

__all__ = ["PROBLEMS", "SEMANTICS", "TASKS", "TaskResult", "parse_task", "solve_task"]

#: The problems, in the order ICCMA lists them.
PROBLEMS = ("DC", "DS", "SE")
#: The semantics, by their ICCMA abbreviations.
SEMANTICS = ("CO", "PR", "ST", "SST", "STG", "ID", "GR")
#: Every task argmap solves, e.g. ``"DS-PR"``.
TASKS = tuple(f"{p}-{s}" for s in SEMANTICS for p in PROBLEMS)


def parse_task(task: str) -> tuple[str, str]:
    """``("DC", "PR")`` for ``"DC-PR"`` (case-insensitive); :class:`UsageError` if unknown.

    >>> parse_task("ds-sst")
    ('DS', 'SST')
    """
    name = task.strip().upper()
    if name not in TASKS:
        raise UsageError(f"unknown task {task!r}; use one of {', '.join(TASKS)}")
    problem, semantics = name.split("-", 1)
    return problem, semantics


@attrs.frozen(repr=False)
class TaskResult:
    """The answer to one task.

    ``answer`` is the YES/NO of a ``DC`` or ``DS`` task, and for ``SE`` whether an
    extension exists; ``None`` when the time limit ran out first (``outcome`` is then
    :attr:`Outcome.TIMEOUT`).  ``extension`` is the certificate (argument indices in
    ascending order): the extension found for ``SE``, one containing the query for a
    YES to ``DC``, one without it for a NO to ``DS``; otherwise ``None``.
    """

    framework: Framework
    task: str
    query: int | None
    answer: bool | None
    extension: tuple[int, ...] | None
    outcome: Outcome
    seconds: float

    def __repr__(self) -> str:
        return f"<TaskResult {self.task}: {self.answer}, {self.outcome.value}>"

    def iccma_lines(self) -> list[str]:
        """The answer in the output format of ICCMA 2023 (one string per line).

        ``SE``: ``w`` and the extension's arguments, or ``NO`` when there is none;
        ``DC``: ``YES`` and the extension on the next line, or ``NO``; ``DS``: ``YES``, or
        ``NO`` and the counter-example on the next line.  Nothing when the time ran out.
        """
        if self.answer is None:
            return []
        problem = self.task.split("-", 1)[0]
        labels = self.framework.labels
        witness = [] if self.extension is None else [
            " ".join(["w", *(labels[i] for i in self.extension)])]
        if problem == "SE":
            return witness if self.answer else ["NO"]
        if problem == "DC":
            return ["YES", *witness] if self.answer else ["NO"]
        return ["YES"] if self.answer else ["NO", *witness]


def solve_task(
    af: Framework,
    task: str,
    argument: str | int | None = None,
    *,
    timeout: float | None = None,
) -> TaskResult:
    """Solve the ICCMA task ``task`` (``"DC-PR"``, ``"SE-ST"``, ...) on ``af``.

    ``argument`` is the query of ``DC`` and ``DS`` tasks (a label, or an index); ``SE``
    tasks take none.  ``timeout`` bounds the search in seconds: the answer is then
    ``None`` and the outcome :attr:`Outcome.TIMEOUT`.

    >>> af = Framework.from_attacks("abc", [("a", "b"), ("b", "a"), ("b", "c")])
    >>> solve_task(af, "DS-PR", "c").iccma_lines()
    ['NO', 'w b']
    >>> solve_task(af, "DC-ST", "c").iccma_lines()
    ['YES', 'w a c']
    >>> solve_task(af, "SE-GR").iccma_lines()
    ['w']
    """
    problem, sem = parse_task(task)
    name = f"{problem}-{sem}"
    query: int | None = None
    if problem == "SE":
        if argument is not None:
            raise UsageError(f"{name} takes no query argument")
    elif argument is None:
        raise UsageError(f"{name} needs a query argument")
    elif isinstance(argument, int):
        if not 0 <= argument < len(af):
            raise UsageError(f"no argument with index {argument}")
        query = argument
    else:
        query = af.index_of(argument)
    start = time.monotonic()
    base, sources, targets = af.raw_attacks()
    codes = grounded_codes(len(af), sources, targets, base)
    if sem == "GR" or (sem == "CO" and (problem != "DC" or codes[query or 0] != 0)):
        answer, extension = _grounded(codes, problem, query)
        return TaskResult(af, name, query, answer, extension, Outcome.DONE,
                          time.monotonic() - start)
    mode = {"CO": "complete", "SST": "complete", "ST": "stable", "STG": "conflict-free"}.get(
        sem, "complete" if name == "DS-PR" else "admissible")
    with _Engine(af, Semantics.GROUNDED, mode=mode, codes=codes) as engine:
        events, finished = _drive(engine, lambda: _task_events(engine, problem, sem, query),
                                  timeout)
    result = [e for e in events if e[0] == "result"]
    if not finished or not result:
        return TaskResult(af, name, query, None, None, Outcome.TIMEOUT,
                          time.monotonic() - start)
    _, answer, extension = result[-1]
    return TaskResult(af, name, query, answer,
                      None if extension is None else tuple(sorted(extension)),
                      Outcome.DONE, time.monotonic() - start)


def _grounded(codes: bytearray, problem: str, query: int | None) -> tuple[
        bool, tuple[int, ...] | None]:
    extension = tuple(i for i, c in enumerate(codes) if c == IN)
    if problem == "SE":
        return True, extension
    accepted = codes[query or 0] == IN
    if problem == "DC":
        return accepted, extension if accepted else None
    return accepted, None if accepted else extension


# --- the searches ---------------------------------------------------------------------


def _task_events(engine: _Engine, problem: str, sem: str, query: int | None) -> Iterator[
        Event]:
    answer, members = _answer(engine, problem, sem, query)
    extension = None if members is None else tuple(members)
    yield ("result", answer, extension)


def _answer(engine: _Engine, problem: str, sem: str,
            query: int | None) -> tuple[bool, Collection[int] | None]:
    """``(answer, extension in global indices or None)``."""
    if sem == "ID":
        ideal = _ideal(engine)
        if problem == "SE":
            return True, ideal
        inside = query in set(ideal)
        if problem == "DC":
            return inside, ideal if inside else None
        return inside, None if inside else ideal
    one = _ONE[sem]
    if problem == "SE":
        found = one(engine, [])
        return found is not None, None if found is None else engine.global_indices(found)
    assert query is not None  # noqa: S101 -- DC and DS always have one (checked above)
    code = engine.codes[query]
    if code:  # the grounded labelling decides it (never for stage: no reduction there)
        accepted = code == IN
        # A grounded-in argument is in every complete extension, a grounded-out one in
        # none; stable semantics may have no extension at all.
        if problem == "DC" and not accepted:
            return False, None
        if problem == "DS" and accepted:
            return True, None
        found = one(engine, [])
        if found is None:  # only stable: no extension, so nothing is credulous
            return problem == "DS", None
        return accepted, engine.global_indices(found)
    local = engine.undecided.index(query)
    want = [-local - 1] if problem == "DC" else [local + 1]  # query in / query out
    if sem == "PR" and problem == "DS":
        found = _preferred_without(engine, local)
    else:
        found = one(engine, want)
    if problem == "DC":
        return found is not None, None if found is None else engine.global_indices(found)
    return found is None, None if found is None else engine.global_indices(found)


def _one_plain(engine: _Engine, assumptions: list[int]) -> list[int] | None:
    """One complete or stable extension (local indices) under the assumptions."""
    return engine.solve(assumptions)


def _one_preferred(engine: _Engine, assumptions: list[int]) -> list[int] | None:
    """One preferred extension that satisfies the assumptions (query in or nothing)."""
    found = engine.solve(assumptions)
    return None if found is None else engine.maximise(found)


def _preferred_without(engine: _Engine, local: int) -> list[int] | None:
    """A preferred extension without local argument ``local``, or ``None`` (CEGARTIX).

    The encoding is the complete one, so a set without the argument does not defend it
    either.  First: a complete extension that attacks the argument grows to a preferred
    one that attacks it too.  Otherwise the argument is undecided in every candidate:
    grow one to a preferred extension; if that contains the argument, rule out its
    subsets and look again.
    """
    attacking = engine.solve([engine.k + local + 1])
    if attacking is not None:
        return engine.maximise(attacking)
    while True:
        found = engine.solve([local + 1])
        if found is None:
            return None
        preferred = engine.maximise(found)
        if local not in set(preferred):
            return preferred
        if not engine.exclude_subsets(preferred):
            return None


def _grow_once(engine: _Engine, members: list[int], assumptions: list[int]) -> (
        list[int] | None):
    """A set (complete or conflict-free, per the encoding) whose range strictly contains
    the range of ``members`` and that satisfies the assumptions, or ``None``."""
    k = engine.k
    reach = engine.range_of(members)
    if len(reach) == k:
        return None
    switch = engine.new_var()
    wanted = [*assumptions, switch]
    for a in reach:
        lits = engine.in_range(a)
        if len(lits) == 1:
            wanted.append(lits[0])
        else:
            engine.add([-switch, *lits])
    engine.add([-switch, *(lit for a in range(k) if a not in reach
                           for lit in engine.in_range(a))])
    try:
        return engine.solve(wanted)
    finally:
        engine.add([-switch])


def _grow(engine: _Engine, members: list[int], assumptions: list[int]) -> list[int]:
    while True:
        bigger = _grow_once(engine, members, assumptions)
        if bigger is None:
            return members
        members = bigger


def _with_range(engine: _Engine, reach: set[int], assumptions: list[int]) -> (
        list[int] | None):
    """A set whose range is exactly ``reach`` and that satisfies the assumptions."""
    switch = engine.new_var()
    wanted = [*assumptions, switch]
    for a in range(engine.k):
        if a in reach:
            lits = engine.in_range(a)
            if len(lits) == 1:
                wanted.append(lits[0])
            else:
                engine.add([-switch, *lits])
        else:
            wanted.extend(engine.not_in_range(a))
    try:
        return engine.solve(wanted)
    finally:
        engine.add([-switch])


def _one_range_maximal(engine: _Engine, assumptions: list[int]) -> list[int] | None:
    """A semi-stable (complete encoding) or stage (conflict-free encoding) extension that
    satisfies the assumptions, or ``None``.

    Grow a set with the property to a maximal range among such sets; if no set at all
    has a larger range, it is an answer.  Otherwise grow further without the property to
    a maximal range R: a set with range exactly R and the property is an answer; if
    there is none, no answer has a range within R (R is maximal), so rule those out for
    good and look again.
    """
    while True:
        found = engine.solve(assumptions)
        if found is None:
            return None
        found = _grow(engine, found, assumptions)
        bigger = _grow_once(engine, found, [])
        if bigger is None:
            return found
        top = engine.range_of(_grow(engine, bigger, []))
        exact = _with_range(engine, top, assumptions)
        if exact is not None:
            return exact
        outside = [lit for a in range(engine.k) if a not in top for lit in engine.in_range(a)]
        if not outside:  # pragma: no cover - a set with the full range has no larger one
            return None
        engine.add(outside)


_ONE = {
    "CO": _one_plain,
    "ST": _one_plain,
    "PR": _one_preferred,
    "SST": _one_range_maximal,
    "STG": _one_range_maximal,
}


def _ideal(engine: _Engine) -> list[int]:
    """The ideal extension (global indices, ascending).

    It is the largest admissible subset of the credulously accepted arguments that no
    credulously accepted argument attacks (Dunne 2009), found by removing arguments that
    this set does not defend until none is left to remove (linear time).
    """
    af = engine.af
    n = len(af)
    credulous = bytearray(n)
    for i in engine.grounded_in:
        credulous[i] = 1
    for local in _credulous_locals(engine):
        credulous[engine.undecided[local]] = 1
    preds, succ = af.predecessors, af.successors
    member = bytearray(n)
    for x in range(n):
        if credulous[x] and not any(credulous[y] for y in preds[x]):
            member[x] = 1
    # defeat[y]: how many members attack y.  A member with an attacker that no member
    # attacks is not defended and leaves; its leaving may leave other attackers
    # undefeated.
    defeat = [0] * n
    for x in range(n):
        if member[x]:
            for y in succ[x]:
                defeat[y] += 1
    leaving = [x for x in range(n) if member[x] and any(not defeat[y] for y in preds[x])]
    while leaving:
        x = leaving.pop()
        if not member[x]:
            continue
        member[x] = 0
        for y in succ[x]:
            defeat[y] -= 1
            if not defeat[y]:
                leaving.extend(z for z in succ[y] if member[z])
    return [x for x in range(n) if member[x]]


def _credulous_locals(engine: _Engine) -> list[int]:
    """The local arguments in some admissible set (= some preferred extension); each
    model found settles every argument it accepts, so there are few solver calls."""
    open_args = set(range(engine.k))
    accepted: list[int] = []
    clause = [-a - 1 for a in open_args]
    model = engine.solve_with(clause) if clause else None
    while model is not None:
        fresh = open_args.intersection(model)
        open_args.difference_update(fresh)
        accepted.extend(fresh)
        if not open_args:
            break
        model = engine.solve_with([-a - 1 for a in open_args])
    return accepted

