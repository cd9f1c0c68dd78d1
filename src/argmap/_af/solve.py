"""Complete, preferred and stable semantics with an incremental SAT solver.

The grounded labelling is computed first (in linear time): its ``in`` arguments belong
to every complete extension and its ``out`` arguments to none, and the complete
labellings of the framework are exactly the grounded labelling combined with the
complete labellings of the sub-framework on the *undecided* arguments.  Only that
sub-framework (often much smaller) is encoded, in O(n + m) clauses, with a variable
"a is not in" per argument (so that the solver's default polarity makes extensions
large) and, except for stable, a variable "a is out":

* admissible (preferred extensions, credulous acceptance): an argument that is in has
  every attacker out; an argument that is out has an attacker in; no argument is both
  (m + 2n clauses);
* complete (only to list complete extensions): also, an argument with an attacker in is
  out, and an argument whose attackers are all out is in (2m + 3n clauses);
* stable: attackers and targets are never both in; every argument is in or has an
  attacker that is in (m + n clauses).

One solver instance is kept per question and used incrementally: preferred extensions
are found by growing an admissible set (asking for a strict superset under an
assumption) until none exists, then excluding its subsets with one clause.  Acceptance
questions ask about all open arguments at once ("a model with an argument not yet seen
in one"), and sceptical preferred acceptance follows the counter-example loop of
CEGARTIX-style solvers.

Every potentially exponential computation runs against a time limit.  The solver is
CaDiCaL, which cannot be interrupted; so with a time limit the search runs in a forked
child process that streams each result (an extension, an argument's acceptance) back
through a pipe as soon as it is known, and is killed when the time is up: what arrived
is kept, the rest is unknown.  Where ``fork`` does not exist the search runs in-process
with Glucose 4, which a timer thread interrupts.  python-sat is imported on first use.
"""

from __future__ import annotations

import enum
import itertools
import math
import os
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from argmap._af.framework import Framework, Semantics
from argmap._af.grounded import IN, grounded_codes
from argmap._words import count
from argmap.errors import ArgmapError, UsageError

if TYPE_CHECKING:
    import threading

__all__ = [
    "DEFAULT_LIMIT",
    "AcceptanceResult",
    "ExtensionsResult",
    "Outcome",
    "acceptance",
    "extensions",
]


#: How many extensions :func:`extensions` lists unless told otherwise.
DEFAULT_LIMIT = 1000

#: Time limits above this many seconds (about 115 days, or infinite) mean no limit.
MAX_TIMEOUT = 1e7


class Outcome(enum.Enum):
    """How a potentially long computation ended."""

    #: Everything asked for was computed.
    DONE = "done"
    #: Enumeration stopped after the maximum number of extensions asked for.
    LIMIT = "limit"
    #: The time limit ran out; what was not computed is unknown.
    TIMEOUT = "unknown"


class _Timeout(Exception):
    """Internal: the deadline passed."""


@attrs.frozen(repr=False)
class ExtensionsResult:
    """The extensions found, and whether that is all of them.

    ``outcome`` is :attr:`Outcome.DONE` when ``extensions`` holds every extension,
    :attr:`Outcome.LIMIT` when enumeration stopped at ``limit`` and
    :attr:`Outcome.TIMEOUT` when the time limit ran out (the extensions found so far are
    still listed; whether more exist is unknown).
    """

    framework: Framework
    semantics: Semantics
    extensions: tuple[frozenset[str], ...]
    outcome: Outcome
    seconds: float

    @property
    def complete(self) -> bool:
        """True when every extension is listed."""
        return self.outcome is Outcome.DONE

    def __repr__(self) -> str:
        return (f"<ExtensionsResult {self.semantics.value}: "
                f"{count(len(self.extensions), 'extension')}, {self.outcome.value}>")


@attrs.frozen(repr=False)
class AcceptanceResult:
    """Credulous and sceptical acceptance of every argument (by index).

    ``credulous[i]`` is True when argument ``i`` belongs to at least one extension,
    ``sceptical[i]`` when it belongs to every extension (vacuously true when there is no
    extension, see ``extension_exists``); ``None`` means the time limit ran out first.
    ``witness`` is one extension (argument indices) when one was found.
    """

    framework: Framework
    semantics: Semantics
    credulous: tuple[bool | None, ...]
    sceptical: tuple[bool | None, ...]
    extension_exists: bool | None
    witness: frozenset[int] | None
    outcome: Outcome
    seconds: float

    def __repr__(self) -> str:
        return f"<AcceptanceResult {self.semantics.value}: {self.outcome.value}>"


class _Engine:
    """A SAT encoding of the undecided part of a framework, used incrementally."""

    def __init__(self, af: Framework, semantics: Semantics, *, exact: bool = False,
                 mode: str | None = None, codes: bytearray | None = None) -> None:
        self.af = af
        #: Only set for in-process searches with a time limit (then Glucose is used).
        self.deadline: float | None = None
        #: The encoding: stable, complete (to enumerate complete extensions, ``exact``,
        #: and for ranges of semi-stable extensions), admissible (enough for preferred
        #: extensions and credulous acceptance) or conflict-free (stage extensions: the
        #: whole framework, with a range variable per argument).
        self.mode = mode or (
            "stable" if semantics is Semantics.STABLE
            else "complete" if exact and semantics is Semantics.COMPLETE
            else "admissible"
        )
        if self.mode == "conflict-free":
            # Stage extensions need not contain the grounded extension: no reduction.
            self.codes = bytearray(len(af))
        elif codes is not None:
            self.codes = codes
        else:
            base, sources, targets = af.raw_attacks()
            self.codes = grounded_codes(len(af), sources, targets, base)
        self.grounded_in = [i for i, c in enumerate(self.codes) if c == IN]
        self.undecided = [i for i, c in enumerate(self.codes) if not c]
        self.k = len(self.undecided)
        self._solver: Any = None
        self._timer: threading.Timer | None = None
        self._next_var = 0
        self._succ: list[list[int]] | None = None

    # -- solver management ------------------------------------------------------------

    def check(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _Timeout

    def _build(self) -> None:
        try:
            from pysat.solvers import Solver  # noqa: PLC0415 -- heavy; loaded on first use
        except ImportError:
            raise ArgmapError(
                "the complete, preferred and stable semantics need python-sat: "
                "pip install python-sat"
            ) from None

        k = self.k
        preds = self.local_predecessors()
        clauses: list[list[int]]
        # Variable a+1 says "a is NOT in", so that a solver's default polarity (false)
        # makes large extensions, and growing one to a preferred one takes few rounds.
        # Variable k+a+1 says "a is out" (attacked by an argument that is in).
        if self.mode == "stable":
            # Never both in; in, or attacked by one that is in.
            clauses = [[s + 1, t + 1] for t, ps in enumerate(preds) for s in ps]
            clauses += [[-t - 1, *[-s - 1 for s in ps]] for t, ps in enumerate(preds)]
            self._next_var = k + 1
        elif self.mode == "conflict-free":
            # Never both in; variable k+a+1 "a is in the range" holds exactly when a is
            # in or attacked by an argument that is in.
            clauses = [[s + 1, t + 1] for t, ps in enumerate(preds) for s in ps]
            clauses += [[-k - a - 1, -a - 1, *[-s - 1 for s in ps]]
                        for a, ps in enumerate(preds)]
            clauses += [[k + a + 1, a + 1] for a in range(k)]
            clauses += [[k + a + 1, s + 1] for a, ps in enumerate(preds) for s in ps]
            self._next_var = 2 * k + 1
        else:
            # a in: each attacker out; a out: some attacker in; a in: a not out (so in
            # arguments never attack each other).
            clauses = [[a + 1, k + s + 1] for a, ps in enumerate(preds) for s in ps]
            clauses += [[-k - a - 1, *[-s - 1 for s in ps]] for a, ps in enumerate(preds)]
            clauses += [[a + 1, -k - a - 1] for a in range(k)]
            add = clauses.append
            if self.mode == "complete":
                for a, ps in enumerate(preds):
                    for s in ps:
                        add([s + 1, k + a + 1])  # an attacker in: a out
                    add([-a - 1, *(-(k + s + 1) for s in ps)])  # defended: in
            self._next_var = 2 * k + 1
        self.check()
        name = "cadical195" if self.deadline is None else "glucose4"
        self._solver = Solver(name=name)
        _load(self._solver, clauses)
        if name == "cadical195":  # its default polarity is true
            self._solver.set_phases([-v for v in range(1, k + 1)])
        if self.deadline is not None:
            remaining = max(0.0, self.deadline - time.monotonic())
            import threading  # noqa: PLC0415 -- only the in-process fallback needs it

            self._timer = threading.Timer(remaining, self._solver.interrupt)
            self._timer.daemon = True
            self._timer.start()

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._solver is not None:
            self._solver.delete()
            self._solver = None

    def __enter__(self) -> _Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def new_var(self) -> int:
        if self._solver is None:
            self._build()  # it numbers the encoding's own variables first
        self._next_var += 1
        return self._next_var - 1

    def solve(self, assumptions: Sequence[int] = ()) -> list[int] | None:
        """The ``in`` arguments (local indices) of a model, or ``None`` if unsatisfiable."""
        self.check()
        if self._solver is None:
            self._build()
        solver = self._solver
        if self.deadline is None:
            ok = solver.solve(assumptions=assumptions)
        else:
            ok = solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
            if ok is None:
                raise _Timeout
        if not ok:
            return None
        model = solver.get_model()
        return [i for i in range(self.k) if model[i] < 0]

    def add(self, clause: list[int]) -> None:
        if self._solver is None:
            self._build()
        self._solver.add_clause(clause)

    # -- questions ----------------------------------------------------------------------

    def _local_attacks(self) -> Iterator[tuple[int, int]]:
        """The attacks within the undecided part, in local indices."""
        base, sources, targets = self.af.raw_attacks()
        local = [-1] * (len(self.af) + base)
        for i, g in enumerate(self.undecided):
            local[g + base] = i
        for s, t in zip(sources, targets, strict=True):
            ls = local[s]
            if ls >= 0:
                lt = local[t]
                if lt >= 0:
                    yield ls, lt

    def local_predecessors(self) -> list[list[int]]:
        """Attackers of each undecided argument within the undecided part (local)."""
        base, sources, targets = self.af.raw_attacks()
        local = [-1] * (len(self.af) + base)
        for i, g in enumerate(self.undecided):
            local[g + base] = i
        preds: list[list[int]] = [[] for _ in range(self.k)]
        for s, t in zip(sources, targets, strict=True):
            lt = local[t]
            if lt >= 0:
                ls = local[s]
                if ls >= 0:
                    preds[lt].append(ls)
        return preds

    def local_successors(self) -> list[list[int]]:
        """Targets of each undecided argument within the undecided part (local)."""
        succ: list[list[int]] = [[] for _ in range(self.k)]
        for s, t in self._local_attacks():
            succ[s].append(t)
        return succ

    def solve_with(self, clause: list[int]) -> list[int] | None:
        """Solve with ``clause`` added for this one call only."""
        switch = self.new_var()
        self.add([-switch, *clause])
        try:
            return self.solve([switch])
        finally:
            self.add([-switch])

    def maximise(self, members: list[int]) -> list[int]:
        """Grow a complete extension (local indices) to a preferred one."""
        k = self.k
        while True:
            inside = set(members)
            outside = [-i - 1 for i in range(k) if i not in inside]
            if not outside:
                return members
            switch = self.new_var()
            self.add([-switch, *outside])
            bigger = self.solve([*(-i - 1 for i in members), switch])
            self.add([-switch])
            if bigger is None:
                return members
            members = bigger

    def exclude_subsets(self, members: list[int]) -> bool:
        """Forbid subsets of ``members`` from now on; False if nothing else is left."""
        inside = set(members)
        outside = [-i - 1 for i in range(self.k) if i not in inside]
        if not outside:
            return False
        self.add(outside)
        return True

    def close_under_defence(self, members: list[int]) -> list[int]:
        """The least complete extension (local indices) containing the admissible set
        ``members``: add every argument it defends until none is left (O(n + m)).

        By Dung's fundamental lemma an admissible set stays admissible when an argument
        it defends is added, so the fixed point is admissible and contains all it
        defends.  Attackers outside the undecided part are attacked by the grounded
        extension, which every extension contains, so only local attackers count.
        """
        preds = self.local_predecessors()
        succ = self.local_successors_cached()
        inside = [False] * self.k
        defeated = [False] * self.k
        # How many attackers of each argument the set does not attack yet.
        open_attackers = [len(ps) for ps in preds]
        result: list[int] = []
        queue = list(members)
        while queue:
            a = queue.pop()
            if inside[a]:
                continue
            inside[a] = True
            result.append(a)
            for t in succ[a]:
                if defeated[t]:
                    continue
                defeated[t] = True
                for x in succ[t]:
                    open_attackers[x] -= 1
                    if not open_attackers[x] and not inside[x]:
                        queue.append(x)
        # Unattacked undecided arguments cannot exist (the grounded labelling has them
        # in), so the loop above saw every argument the set defends.
        return sorted(result)

    def in_range(self, a: int) -> list[int]:
        """Literals whose disjunction says "local argument ``a`` is in the range" (in, or
        attacked by an argument that is in); complete and conflict-free modes only."""
        if self.mode == "conflict-free":
            return [self.k + a + 1]
        return [-a - 1, self.k + a + 1]

    def not_in_range(self, a: int) -> list[int]:
        """Literals whose conjunction says "local argument ``a`` is not in the range"."""
        if self.mode == "conflict-free":
            return [-self.k - a - 1]
        return [a + 1, -self.k - a - 1]

    def range_of(self, members: Sequence[int]) -> set[int]:
        """The range of a set of local arguments: them and what they attack."""
        succ = self.local_successors_cached()
        found = set(members)
        for a in members:
            found.update(succ[a])
        return found

    def local_successors_cached(self) -> list[list[int]]:
        if self._succ is None:
            self._succ = self.local_successors()
        return self._succ

    def global_indices(self, members: Sequence[int]) -> frozenset[int]:
        undecided = self.undecided
        return frozenset(self.grounded_in).union(undecided[i] for i in members)


Event = tuple[str, Any, Any]


def _load(solver: Any, clauses: list[list[int]]) -> None:
    """Add clauses to a python-sat solver; straight into CaDiCaL when possible.

    python-sat's ``add_clause`` goes through two Python wrappers per clause, which is
    most of the cost of loading tens of thousands of clauses; its C function is called
    directly when it is there (it is in python-sat 1.8 and 1.9), else the public API.
    """
    import importlib  # noqa: PLC0415 -- with the solver

    inner = getattr(solver, "solver", None)
    handle = getattr(inner, "cadical", None)
    add = None
    if handle is not None:
        try:
            add = importlib.import_module("pysolvers").cadical195_add_cl
        except (ImportError, AttributeError):  # pragma: no cover - other python-sat builds
            add = None
    if add is None or type(inner).__name__ != "Cadical195":
        solver.append_formula(clauses)
        return
    if not all(map(add, itertools.repeat(handle, len(clauses)), clauses)) and inner:
        inner.status = False  # what python-sat's add_clause records on a conflict


def _enumerate(engine: _Engine, semantics: Semantics, limit: int | None) -> Iterator[Event]:
    """Events ``("ext", indices, None)``, one per extension, at most ``limit``."""
    count = 0
    if engine.k == 0:
        yield ("ext", tuple(engine.grounded_in), None)
        return
    k = engine.k
    while limit is None or count < limit:
        found = engine.solve()
        if found is None:
            return
        if semantics is Semantics.PREFERRED:
            found = engine.maximise(found)
        yield ("ext", tuple(engine.global_indices(found)), None)
        count += 1
        if semantics is Semantics.COMPLETE:
            inside = set(found)
            engine.add([i + 1 if i in inside else -i - 1 for i in range(k)])
        elif not engine.exclude_subsets(found):
            return


def _accept(engine: _Engine, semantics: Semantics) -> Iterator[Event]:
    """Events ``("exists", bool)``, ``("cred"/"scep", local index, bool)``, ``("witness",
    indices)`` for the undecided part of the framework.

    Each solver call asks about all open arguments at once: "an extension with at least
    one argument not yet seen in one" settles every argument of the model it returns, and
    when there is none, every open argument is rejected in one go; likewise "an extension
    without at least one of the remaining sceptical candidates".
    """
    k = engine.k
    first = engine.solve()
    yield ("exists", first is not None, None)
    if first is None:
        return
    if semantics is Semantics.PREFERRED:
        first = engine.maximise(first)
    elif semantics is Semantics.COMPLETE:
        # The encoding is the admissible one: the set found may leave out arguments it
        # defends, so the extension shown is its closure (the least complete superset).
        first = engine.close_under_defence(first)
    yield ("witness", tuple(engine.global_indices(first)), None)
    open_args = set(range(k))
    model: list[int] | None = first
    while model is not None:
        fresh = open_args.intersection(model)
        open_args.difference_update(fresh)
        for i in sorted(fresh):
            yield ("cred", i, True)
        if not open_args:
            break
        model = engine.solve_with([-a - 1 for a in open_args])
    for a in sorted(open_args):
        yield ("cred", a, False)
    if semantics is Semantics.COMPLETE:
        return  # sceptical complete acceptance is membership of the grounded extension
    candidates = set(first)
    for a in range(k):
        if a not in candidates:
            yield ("scep", a, False)
    if semantics is Semantics.PREFERRED:
        # An argument attacked by a credulously accepted one is missing from the
        # preferred extensions that contain its attacker.
        succ = engine.local_successors()
        attacked = {t for a in range(k) if a not in open_args for t in succ[a]}
        for a in sorted(candidates & attacked):
            yield ("scep", a, False)
        candidates -= attacked
    if semantics is Semantics.STABLE:
        # Counter-examples: a stable extension that misses a candidate.
        while candidates:
            model = engine.solve_with([a + 1 for a in candidates])
            if model is None:
                break
            dropped = candidates.difference(model)
            candidates.intersection_update(model)
            for a in sorted(dropped):
                yield ("scep", a, False)
        for a in sorted(candidates):
            yield ("scep", a, True)
        return
    # Preferred, argument by argument: look for an admissible set without it that is not
    # a subset of a preferred extension found so far, grow it to a new preferred one,
    # and repeat until one misses the argument or there is none (CEGARTIX-style).
    more = engine.exclude_subsets(first)
    for a in sorted(candidates):
        if a not in candidates:
            yield ("scep", a, False)
            continue
        while True:
            found = engine.solve([a + 1]) if more else None
            if found is None:
                yield ("scep", a, True)
                break
            preferred = engine.maximise(found)
            more = engine.exclude_subsets(preferred)
            candidates.intersection_update(preferred)
            if a not in candidates:
                yield ("scep", a, False)
                break


# --- running a search against a time limit ----------------------------------------------

_HEADER_BYTES = 4


def _drive(
    engine: _Engine, events: Callable[[], Iterator[Event]], timeout: float | None
) -> tuple[list[Event], bool]:
    """Run ``events()``; return the events produced and whether the run finished."""
    if timeout is not None and (math.isnan(timeout) or timeout < 0):
        raise UsageError(f"the time limit must be a number of seconds, not {timeout!r}")
    if timeout is None or timeout > MAX_TIMEOUT:
        return list(events()), True  # no limit: nothing to interrupt
    if hasattr(os, "fork"):
        return _drive_forked(events, time.monotonic() + timeout)
    engine.deadline = time.monotonic() + timeout
    produced: list[Event] = []
    try:
        produced.extend(events())
    except _Timeout:
        return produced, False
    return produced, True


def _drive_forked(events: Callable[[], Iterator[Event]], deadline: float) -> tuple[
        list[Event], bool]:
    import contextlib  # noqa: PLC0415 -- only timed searches need these
    import pickle  # noqa: PLC0415 -- same
    import select  # noqa: PLC0415 -- same
    import signal  # noqa: PLC0415 -- same
    import warnings  # noqa: PLC0415 -- same

    # Import python-sat here, not in the child, so that the child never waits for an
    # import lock that another thread of this process held when it was forked.
    with contextlib.suppress(ImportError):  # the child reports it as an ArgmapError
        import pysat.solvers  # noqa: F401, PLC0415 -- see above

    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a process with threads; the child here only
        # runs the solver and Python code that takes no locks, then leaves with _exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child process; its coverage is not collected
        os.close(read_end)
        code = 0
        try:
            for event in events():
                _write_all(write_end, _frame(pickle.dumps(event)))
            _write_all(write_end, _frame(pickle.dumps(("end", None, None))))
        except BaseException as exc:
            message = str(exc) if isinstance(exc, ArgmapError) else repr(exc)
            _write_all(write_end, _frame(pickle.dumps(("error", message, None))))
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    produced: list[Event] = []
    buffer = bytearray()
    finished = False
    error: str | None = None
    try:
        while not finished:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                break
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break  # the child died without saying "end"
            buffer += chunk
            while len(buffer) >= _HEADER_BYTES:
                size = int.from_bytes(buffer[:_HEADER_BYTES], "little")
                end = _HEADER_BYTES + size
                if len(buffer) < end:
                    break
                event = pickle.loads(bytes(buffer[_HEADER_BYTES:end]))  # noqa: S301 -- our own child wrote it
                del buffer[:end]
                if event[0] == "end":
                    finished = True
                elif event[0] == "error":
                    error = str(event[1])
                    finished = True
                else:
                    produced.append(event)
    finally:
        os.close(read_end)
        if not finished:
            with contextlib.suppress(ProcessLookupError):  # it may have ended just now
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if error is not None:
        raise ArgmapError(f"the solver process failed: {error}")
    return produced, finished


def _frame(data: bytes) -> bytes:
    return len(data).to_bytes(_HEADER_BYTES, "little") + data


def _write_all(fd: int, data: bytes) -> None:  # pragma: no cover - runs in the child
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


# --- public entry points -------------------------------------------------------------


def extensions(
    af: Framework,
    semantics: Semantics | str,
    *,
    limit: int | None = DEFAULT_LIMIT,
    timeout: float | None = None,
) -> ExtensionsResult:
    """The extensions of ``af`` under ``semantics``, at most ``limit`` of them.

    Stops with :attr:`Outcome.LIMIT` after ``limit`` extensions (more may exist; ``None``
    for no limit, default :data:`DEFAULT_LIMIT`) and with
    :attr:`Outcome.TIMEOUT` after ``timeout`` seconds (the extensions found by then are
    kept).  Grounded has exactly one extension and needs no time limit.

    >>> af = Framework.from_attacks("ab", [("a", "b"), ("b", "a")])
    >>> sorted(sorted(e) for e in extensions(af, "preferred").extensions)
    [['a'], ['b']]
    """
    sem = Semantics.parse(semantics)
    if limit is not None and limit < 0:
        raise UsageError("limit must not be negative")
    start = time.monotonic()
    found: list[tuple[int, ...]] = []
    outcome = Outcome.DONE
    if limit == 0:
        outcome = Outcome.LIMIT
    elif sem is Semantics.GROUNDED:
        base, sources, targets = af.raw_attacks()
        codes = grounded_codes(len(af), sources, targets, base)
        found.append(tuple(i for i, c in enumerate(codes) if c == IN))
    else:
        with _Engine(af, sem, exact=True) as engine:
            events, finished = _drive(engine, lambda: _enumerate(engine, sem, limit), timeout)
        found = [e[1] for e in events]
        if limit is not None and len(found) >= limit:
            outcome = Outcome.LIMIT  # there may be more
        elif not finished:
            outcome = Outcome.TIMEOUT
    return ExtensionsResult(af, sem, tuple(af.names(e) for e in found), outcome,
                            time.monotonic() - start)


def acceptance(
    af: Framework, semantics: Semantics | str, *, timeout: float | None = None
) -> AcceptanceResult:
    """Credulous and sceptical acceptance of every argument under ``semantics``.

    Arguments settled by the grounded labelling need no search; for the others one
    solver is reused, and every model found settles all the arguments it accepts at
    once.  When the time limit runs out, what is still open is ``None``.

    >>> af = Framework.from_attacks("abc", [("a", "b"), ("b", "a"), ("b", "c")])
    >>> r = acceptance(af, "preferred")
    >>> r.credulous, r.sceptical
    ((True, True, True), (False, False, False))
    """
    sem = Semantics.parse(semantics)
    start = time.monotonic()
    n = len(af)
    with _Engine(af, sem) as engine:
        credulous: list[bool | None] = [False] * n
        sceptical: list[bool | None] = [False] * n
        grounded_in = engine.grounded_in
        for i in grounded_in:
            credulous[i] = sceptical[i] = True
        if sem is Semantics.GROUNDED or engine.k == 0:
            return AcceptanceResult(af, sem, tuple(credulous), tuple(sceptical), True,
                                    frozenset(grounded_in), Outcome.DONE,
                                    time.monotonic() - start)
        undecided = engine.undecided
        for i in undecided:
            credulous[i] = None
            sceptical[i] = False if sem is Semantics.COMPLETE else None
        events, finished = _drive(engine, lambda: _accept(engine, sem), timeout)
    exists: bool | None = None
    witness: frozenset[int] | None = None
    for kind, first, second in events:
        if kind == "exists":
            exists = bool(first)
        elif kind == "witness":
            witness = frozenset(first)
        elif kind == "cred":
            credulous[undecided[first]] = second
        else:
            sceptical[undecided[first]] = second
    if exists is False:  # stable only: no extension, nothing credulous, all vacuously sceptical
        credulous = [False] * n
        sceptical = [True] * n
    elif exists is None and sem is Semantics.STABLE:
        for i in grounded_in:
            credulous[i] = sceptical[i] = None
    if sem is Semantics.COMPLETE and exists is None:
        exists = True  # the grounded extension is complete
    if witness is None and sem is Semantics.COMPLETE:
        witness = frozenset(grounded_in)
    return AcceptanceResult(af, sem, tuple(credulous), tuple(sceptical),
                            True if sem is not Semantics.STABLE and exists is None else exists,
                            witness, Outcome.DONE if finished else Outcome.TIMEOUT,
                            time.monotonic() - start)
