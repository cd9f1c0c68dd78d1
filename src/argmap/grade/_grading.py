"""Grading one submission: a pure function of (file, assignment) -> :class:`Submission`.

:func:`grade_file` is what the process pool runs, and what a Dask bag or a Ray task
would run: it reads nothing but its file, writes nothing, and returns a picklable
record.  Every measure is linear in the size of the map (each walk keeps a visited set;
the evidence under each reason is counted only up to what is asked).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from argmap._starter import is_placeholder
from argmap._words import count as counted
from argmap.errors import Diagnostic, Location, ReadError, Severity
from argmap.grade._profile import Assignment, Requirement
from argmap.grade._result import NOT_A_MAP, SKIPPED, Message, RequirementResult, Submission
from argmap.model import Argument, ArgumentMap, Claim, Evidence

if TYPE_CHECKING:
    from argmap.check import CheckConfig, Locate

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MEMORY",
    "MIN_MEMORY",
    "describe",
    "grade_bytes",
    "grade_file",
    "grade_files",
    "grade_map",
    "over_memory",
]

#: The largest submission read (a student's map is a few kilobytes).
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
#: Messages listed per requirement; the rest are counted in one last message.
MAX_MESSAGES = 20
#: Seconds Graphviz gets to draw one submission's map.
DRAW_TIMEOUT = 20.0
#: Seconds one submission gets, reading, grading and drawing together (``--timeout``).
DEFAULT_TIMEOUT = 20.0
#: A map is not drawn when less than this is left of its time budget.
MIN_DRAW_SECONDS = 0.5
#: MiB one submission's grading may allocate (``--memory``; see :func:`_memory_cap`).
DEFAULT_MEMORY = 1024


def _data_bytes() -> int | None:
    """The size of this process's data now (heap and private mappings: what
    ``RLIMIT_DATA`` counts, and the stack), or ``None`` where Linux's /proc is not."""
    try:
        with open("/proc/self/statm", "rb") as statm:  # noqa: PTH123 -- one small read
            fields = statm.read().split()
        return int(fields[5]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class _OverMemory(BaseException):
    """The grading of a submission went over its memory cap (a BaseException, as
    :class:`_OverBudget`)."""


#: Seconds of CPU time between two looks at the memory in use (``ITIMER_PROF``).
MEMORY_CHECK_SECONDS = 0.01
#: How far past the cap the hard stop (``RLIMIT_DATA``) lies: the margin the watch
#: needs to notice first, and that Python needs to unwind once it has.
_MEMORY_MARGIN = 64 * 1024 * 1024


@contextlib.contextmanager
def _memory_cap(mib: int | None) -> Iterator[None]:
    """Stop the code inside once it holds ``mib`` MiB more than this process does now.

    Two guards.  A watch: every 10 ms of CPU time (``SIGPROF``: memory only grows
    while the process runs) the data size is read from /proc, and over the cap
    :class:`_OverMemory` is raised, while the allocations that unwinding needs still
    succeed.  And a hard stop for what the watch cannot see between two looks (one
    huge allocation): the soft ``RLIMIT_DATA`` (on Linux the heap and every private
    writable mapping: what Python allocates, not the shared libraries) a margin past
    the cap, where an allocation fails with :class:`MemoryError`.  The hard stop is not
    the only guard on purpose: CPython 3.11, out of memory in many small allocations,
    can loop for ever unwinding the exception (it needs memory to do so).

    Both are process-wide, so this is meant for a process that grades and does nothing
    else (``grade_all``'s workers), in its main thread, where ``SIGPROF`` has its
    default action (a library does not replace its host's handler); elsewhere, and
    without /proc (not Linux), nothing is capped.  Graphviz, which a child of the
    worker runs to draw the maps, is started after the cap is lifted (a limit is
    inherited by a child).
    """
    base = _data_bytes() if mib else None
    if (base is None or mib is None or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGPROF) is not signal.SIG_DFL):
        yield
        return
    import resource  # noqa: PLC0415 -- POSIX only, and only with a cap

    cap = base + mib * 1024 * 1024

    def watch(_signum: int, _frame: object) -> None:
        now = _data_bytes()
        if now is not None and now > cap:
            raise _OverMemory

    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    stop = cap + max(_MEMORY_MARGIN, cap // 4)
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            stop = min(stop, bound)
    signal.signal(signal.SIGPROF, watch)
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (stop, hard))
        signal.setitimer(signal.ITIMER_PROF, MEMORY_CHECK_SECONDS, MEMORY_CHECK_SECONDS)
        yield
    finally:
        # a last look, or the time budget's alarm, may land here: lifting the cap must
        # still finish (the alarm fires again until the budget's own cleanup)
        while True:
            try:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, signal.SIG_DFL)
                resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
                break
            except (_OverMemory, _OverBudget):
                continue


#: The lowest ``--memory`` cap accepted, in MiB.  A fresh worker grows by about 2 MiB
#: grading a tiny YAML or JSON map and 5 MiB a tiny Argdown one (the modules it loads
#: on the first file): a cap below this floor would stop every student's grading.
MIN_MEMORY = 16
#: A file smaller than this that goes over the cap is no fault of its student: the
#: cap is too low for the grader, and the teacher is warned.
SMALL_MAP_BYTES = 64 * 1024
#: How the reason of a small map stopped at the cap starts (see :data:`SMALL_MAP_BYTES`).
CAP_TOO_LOW = "grading stopped at the memory cap (--memory)"


def over_memory(mib: int | None, size: int | None = None) -> str:
    """Why a submission whose grading ran over the memory cap scores 0 (``size``: the
    file's size in bytes, when known)."""
    if size is not None and size < SMALL_MAP_BYTES:
        return (f"{CAP_TOO_LOW} of {mib} MiB, though the file is only {size:,} bytes: the "
                "cap is too low for grading, not the map's fault (the teacher should raise "
                "--memory and grade again)")
    return (f"used more than {mib} MiB while being graded and was stopped: the map is far "
            "larger than the assignment needs (the teacher can raise --memory)")


def _size(path: str) -> int | None:
    try:
        return os.lstat(path).st_size
    except (OSError, ValueError):
        return None


class _OverBudget(BaseException):
    """The time budget of a submission ran out (a BaseException: no ``except
    Exception`` on the way may swallow it)."""


@contextlib.contextmanager
def _budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_OverBudget` in this thread after ``seconds`` (a real-time timer).

    Only in the main thread, where ``SIGALRM`` still has its default action (a library
    must not replace a handler its host installed), and where the platform has
    ``setitimer``; elsewhere the code runs without a budget.
    """
    if (seconds is None or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL):
        yield
        return

    def handler(_signum: int, _frame: object) -> None:
        raise _OverBudget

    signal.signal(signal.SIGALRM, handler)
    try:
        # After the first expiry the timer fires again every 0.1 s: an exception raised
        # where Python cannot pass it on (a garbage-collector callback, an `except
        # Exception` in a library) is lost, and the next one stops the work all the same.
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001), 0.1)
        yield
    finally:
        while True:  # a last alarm may land here: cleaning up must still finish
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                break
            except _OverBudget:
                continue


def _too_slow_to_draw(seconds: float) -> str:
    return (f"the map was too large to draw within the time budget of {seconds:g} s "
            "per submission; the grade above stands (it does not depend on the drawing)")


def _points(value: float) -> float:
    return round(max(0.0, value), 2)


def describe(requirement: Requirement) -> str:
    """The requirement in words (the rubric)."""
    s = requirement.settings
    name = requirement.name
    if name == "thesis":
        parts = ["a main thesis (a claim with main: true)"]
        if s.get("side"):
            parts.append(f"on the side {s['side']!r}")
        if s.get("keywords"):
            parts.append("mentioning " + ", ".join(repr(k) for k in s["keywords"]))
        return " ".join(parts)
    if name == "reasons":
        return f"at least {counted(s['min'], 'reason')} (arguments) for the main thesis"
    if name == "evidence":
        return (f"at least {counted(s['per-reason'], 'evidence item')} under each reason "
                "for the thesis")
    if name == "sources":
        need = s.get("need", "date-or-link").replace("-", " ")
        return f"every evidence item cites a source with a {need}"
    if name == "objections":
        return f"at least {counted(s['min'], 'objection')} to the thesis or its reasons"
    if name == "answers":
        return f"at least {counted(s['min'], 'objection')} answered"
    if name == "linked-premises":
        return (f"at least {counted(s['min'], 'argument')} with linked premises "
                "(two or more together)")
    if name == "depth":
        return f"a chain of reasons at least {counted(s['min'], 'step')} deep below the thesis"
    if name == "relations":
        return "only these relations: " + ", ".join(s["allowed"])
    return "these check rules find nothing: " + ", ".join(s["pass"])


def grade_file(path: str, assignment: Assignment, *, max_bytes: int = DEFAULT_MAX_BYTES,
               draw: bool = True, timeout: float | None = DEFAULT_TIMEOUT) -> Submission:
    """Grade the submission in the file ``path`` (never raises for a bad file: a file
    that cannot be read or graded scores 0 with the reason).

    ``timeout`` is the file's time budget in seconds (reading, grading and drawing;
    ``None``: none): a file whose grading runs over it scores 0 with status
    ``timeout``; one whose drawing runs over it keeps its grade, without the picture.
    The budget is kept in the main thread only (it needs ``SIGALRM``).
    """
    return grade_files([path], assignment, max_bytes=max_bytes, draw=draw,
                       timeout=timeout)[0]


def grade_bytes(raw: bytes, assignment: Assignment, *, file: str,
                max_bytes: int = DEFAULT_MAX_BYTES, draw: bool = True) -> Submission:
    """Grade a submission given as bytes (``file`` names it and chooses the format:
    ``.yaml``/``.yml``, ``.json``, ``.argdown``/``.ad``)."""
    return _grade_raw(raw, assignment, file=file, max_bytes=max_bytes, draw=draw)[0]


def grade_files(paths: Sequence[str], assignment: Assignment, *,
                max_bytes: int = DEFAULT_MAX_BYTES, draw: bool = True,
                timeout: float | None = DEFAULT_TIMEOUT, memory: int | None = None,
                refuse_links: Collection[str] = (),
                roots: Mapping[str, str] | None = None) -> list[Submission]:
    """Grade several files, as :func:`grade_file` each; with ``draw``, their maps are
    laid out by one run of Graphviz (starting ``dot`` once per map costs more than
    laying out a student's map).  What a process pool runs, a chunk at a time.

    ``memory`` caps what grading each file may allocate, in MiB: one over it scores 0
    with status ``memory``.  The cap is on the whole process while a file is graded
    (Linux's ``RLIMIT_DATA``): pass it only in a process that does nothing else, as
    :func:`~argmap.grade.grade_all`'s workers.  The files of ``refuse_links`` (found in
    a folder, not named) are not read if they have become symbolic links since they
    were found, nor is any file that is not a regular file: they are listed as skipped.
    ``roots`` maps such a file to the folder named on the command line it was found in:
    no folder between them is followed either if it has become a link.
    """
    refused = set(refuse_links)
    roots = roots or {}
    graded = [_grade_timed(p, assignment, max_bytes=max_bytes, timeout=timeout,
                           memory=memory, follow=p not in refused, root=roots.get(p))
              for p in paths]
    if not draw:
        return [sub for sub, _ in graded]
    drawn = _draw_many([(m, sub.flagged) for sub, m in graded if m is not None],
                       [None if timeout is None else timeout - sub.seconds
                        for sub, m in graded if m is not None], timeout)
    out = []
    pictures = iter(drawn)
    for sub, m in graded:
        if m is None:
            out.append(sub)
            continue
        svg, note = next(pictures)
        out.append(attrs.evolve(sub, svg=svg, draw_note=note))
    return out


def _grade_timed(path: str, assignment: Assignment, *, max_bytes: int,
                 timeout: float | None, memory: int | None = None,
                 follow: bool = True, root: str | None = None,
                 ) -> tuple[Submission, ArgumentMap | None]:
    """:func:`_grade_path` within ``timeout`` seconds and ``memory`` MiB: over either,
    0 with the reason."""
    started = time.monotonic()
    try:
        with _budget(timeout), _memory_cap(memory):
            return _grade_path(path, assignment, max_bytes=max_bytes, draw=False,
                               follow=follow, capped=memory is not None, root=root)
    except _OverBudget:
        return _zero(path, assignment, "timeout",
                     f"grading this file took longer than the time budget of {timeout:g} s "
                     "per submission and was stopped: the map is far larger than the "
                     "assignment needs (the teacher can raise --timeout)",
                     started=started), None
    except (_OverMemory, MemoryError):  # the cap is lifted, the grading's memory free
        return _zero(path, assignment, "memory", over_memory(memory, _size(path)),
                     started=started), None


def _grade_path(path: str, assignment: Assignment, *, max_bytes: int = DEFAULT_MAX_BYTES,
                draw: bool = True, follow: bool = True, capped: bool = False,
                root: str | None = None) -> tuple[Submission, ArgumentMap | None]:
    """Grade the submission in the file ``path`` (never raises for a bad file: a file
    that cannot be read or graded scores 0 with the reason)."""
    from argmap.grade._open import Skipped, read_submission  # noqa: PLC0415 -- light start-up

    started = time.monotonic()
    try:
        raw = read_submission(path, max_bytes, follow=follow, root=root)
    except Skipped as exc:
        return _zero(path, assignment, SKIPPED, exc.reason, started=started), None
    except ReadError as exc:
        return _zero(path, assignment, "unreadable", f"cannot read the file: {exc.reason}",
                     started=started), None
    except MemoryError:
        if capped:
            raise
        return _zero(path, assignment, "unreadable", "not enough memory to read the file",
                     started=started), None
    return _grade_raw(raw, assignment, file=path, max_bytes=max_bytes, draw=draw,
                       started=started)


def _grade_raw(raw: bytes, assignment: Assignment, *, file: str,
               max_bytes: int = DEFAULT_MAX_BYTES, draw: bool = True,
               started: float | None = None) -> tuple[Submission, ArgumentMap | None]:
    """Grade a submission given as bytes (``file`` names it and chooses the format:
    ``.yaml``/``.yml``, ``.json``, ``.argdown``/``.ad``)."""
    from argmap import _load  # noqa: PLC0415 -- light start-up
    from argmap._formats.reading import (  # noqa: PLC0415 -- same
        converted_format,
        read_converted_located,
    )

    started = time.monotonic() if started is None else started
    if not raw.removeprefix(b"\xef\xbb\xbf").strip():
        return _zero(file, assignment, "empty", "the file is empty: there is no map to grade",
                     started=started), None
    if b"\x00" in raw[:8192]:
        return _zero(file, assignment, "unreadable",
                     "the file is binary (it holds NUL bytes), not a map in text",
                     started=started), None
    if len(raw) > max_bytes:
        return _zero(file, assignment, "unreadable",
                     f"the file is larger than the limit of {max_bytes:,} bytes",
                     started=started), None
    notes: tuple[Message, ...] = ()
    locate: Locate
    try:
        if converted_format(file) is not None:
            imported, diagnostics, lines = read_converted_located(
                raw, file=file, format="argdown", max_bytes=max_bytes)
            argmap = imported
            problems = [d for d in diagnostics if d.severity is Severity.ERROR]
            notes = tuple(_message(d) for d in diagnostics if d.severity is not Severity.ERROR)
            locate = lines if lines is not None else _nowhere(file)
        else:
            result = _load.validate_bytes(raw, file=file, max_bytes=max_bytes)
            argmap = result.map
            problems = [d for d in result.diagnostics if d.severity is Severity.ERROR]
            notes = tuple(_message(d) for d in result.diagnostics
                          if d.severity is not Severity.ERROR)
            locate = result.locate
    except RecursionError:
        return _zero(file, assignment, "unreadable", "the file is nested too deeply to read",
                     started=started), None
    if argmap is None or problems:
        other = None if converted_format(file) is not None else _not_a_map(raw)
        if other is not None:
            return _zero(file, assignment, NOT_A_MAP, other, started=started), None
        shown = tuple(_message(d) for d in problems) or notes
        return _zero(file, assignment, "invalid",
                     f"the map does not validate ({counted(len(problems), 'problem')}): fix them "
                     "with `argmap validate` and hand it in again",
                     problems=shown, started=started), None
    return grade_map(argmap, assignment, file=file, locate=locate, notes=notes, draw=draw,
                     started=started), argmap


def _not_a_map(raw: bytes) -> str | None:
    """Why a file that does not validate is no argument map at all, or ``None``.

    A JSON Schema (``$schema`` or ``$id`` at the top, no ``argmap`` key), such as the
    ``argmap.schema.json`` `argmap new` suggests keeping next to a map, is not a
    submission; a map with mistakes is one.  Only a file that mentions ``$schema`` or
    ``$id`` is parsed again.
    """
    if b"$schema" not in raw and b"$id" not in raw:
        return None
    import json  # noqa: PLC0415 -- rare

    import yaml  # noqa: PLC0415 -- same

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        try:
            data = yaml.safe_load(raw)
        except (yaml.YAMLError, RecursionError, ValueError):
            return None
    if not isinstance(data, dict) or "argmap" in data:
        return None
    if "$schema" in data or "$id" in data:
        return ("not an argument map: a JSON Schema or other data file ($schema/$id, no "
                "`argmap` key)")
    return None


def _nowhere(file: str) -> Locate:
    def locate(*path: str | int, key: bool = False) -> Location:
        return Location(file)
    return locate


def _message(d: Diagnostic) -> Message:
    return Message(d.message, d.location.line, d.location.column, d.hint,
                   code=d.code, severity=d.severity.value)


def _zero(file: str, assignment: Assignment, status: str, reason: str, *,
          problems: tuple[Message, ...] = (), started: float) -> Submission:
    requirements = tuple(
        RequirementResult(r.name, describe(r), r.points, 0.0,
                          (Message(f"no points: {reason}", lost=r.points),))
        for r in assignment.requirements)
    return Submission(file, status, 0.0, assignment.max_score, False, requirements,
                      problems=problems or (Message(reason, 1 if status != "unreadable"
                                                     else None),),
                      reason=reason, seconds=time.monotonic() - started)


class _Graph:
    """The map as the requirements see it: who supports and attacks what."""

    def __init__(self, argmap: ArgumentMap, locate: Locate) -> None:
        self.map = argmap
        self.locate = locate
        #: Claims and evidence still holding a starter's ``<placeholder>`` text (as
        #: `argmap new` writes them): they earn nothing, as if they were not there.
        self.unfilled: set[str] = {
            c.id for c in argmap.claims.values() if is_placeholder(c.text)} | {
            e.id for e in argmap.evidence.values() if is_placeholder(e.text)}
        unfilled = self.unfilled
        self.for_node: dict[str, list[Argument]] = defaultdict(list)
        for a in argmap.arguments.values():
            if a.premises and all(p in unfilled for p in a.premises):
                continue  # a reason nobody has written yet
            self.for_node[a.conclusion].append(a)
        self.attack_index = {id(a): i for i, a in enumerate(argmap.attacks)}
        #: The attacks that count: those by something written (not a placeholder).
        self.attacks: list[int] = [i for i, a in enumerate(argmap.attacks)
                                   if not all(n in unfilled for n in a.attackers)]
        self.attacked: set[str] = {argmap.attacks[i].target for i in self.attacks}
        #: Evidence items, and claims tagged `evidence` (Argdown has no evidence kind).
        self.evidence: set[str] = (set(argmap.evidence) | {
            c.id for c in argmap.claims.values() if "evidence" in c.tags}) - unfilled

    def root(self) -> Claim | None:
        """The claim the map argues for when none is marked: a conclusion that is no
        premise, with the most arguments for it (the first such in the file)."""
        premises = {p for a in self.map.arguments.values() for p in a.premises}
        best: Claim | None = None
        count = 0
        for c in self.map.claims.values():
            n = len(self.for_node.get(c.id, ()))
            if n > count and c.id not in premises:
                best, count = c, n
        return best

    def where(self, node: str | None) -> tuple[int | None, int | None]:
        if node is None:
            return (None, None)
        m = self.map
        kind = ("claims" if node in m.claims else "evidence" if node in m.evidence
                else "arguments" if node in m.arguments else None)
        if kind is None:
            return (None, None)
        loc = self.locate(kind, node, key=True)
        return (loc.line, loc.column)

    def where_attack(self, index: int) -> tuple[int | None, int | None]:
        loc = self.locate("attacks", index)
        return (loc.line, loc.column)

    def say(self, text: str, node: str | None, hint: str | None = None,
            lost: float = 0.0) -> Message:
        line, column = self.where(node)
        return Message(text, line, column, hint, node=node, lost=_points(lost))

    def tree(self, root: str) -> set[str]:
        """The root and everything that supports it, at any depth (arguments too)."""
        seen = {root}
        stack = [root]
        while stack:
            node = stack.pop()
            for a in self.for_node.get(node, ()):
                if a.id not in seen:
                    seen.add(a.id)
                    stack.append(a.id)
                for p in a.premises:
                    if p not in seen:
                        seen.add(p)
                        stack.append(p)
        return seen

    def depth(self, root: str) -> tuple[int, list[str]]:
        """The longest chain of reasons below ``root`` and the arguments along it.

        Iterative (a chain of 100,000 reasons does not overflow the stack); a cycle is
        cut where it closes.
        """
        memo: dict[str, tuple[int, str | None, str | None]] = {}
        on_path: set[str] = set()
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            if done:
                best: tuple[int, str | None, str | None] = (0, None, None)
                for a in self.for_node.get(node, ()):
                    below = max((memo.get(p, (0, None, None))[0] for p in a.premises
                                 if p not in on_path or p in memo), default=0)
                    nxt = max(a.premises, key=lambda p: memo.get(p, (0, None, None))[0],
                              default=None)
                    if below + 1 > best[0]:
                        best = (below + 1, a.id, nxt)
                memo[node] = best
                on_path.discard(node)
                continue
            if node in memo or node in on_path:
                continue
            on_path.add(node)
            stack.append((node, True))
            for a in self.for_node.get(node, ()):
                for p in a.premises:
                    if p not in memo and p not in on_path:
                        stack.append((p, False))
        chain: list[str] = []
        node_id: str | None = root
        seen: set[str] = set()
        while node_id is not None and node_id in memo and node_id not in seen:
            seen.add(node_id)
            _, arg, nxt = memo[node_id]
            if arg is None:
                break
            chain.append(arg)
            node_id = nxt
        return memo.get(root, (0, None, None))[0], chain


def _capped(messages: list[Message], noun: str) -> tuple[Message, ...]:
    if len(messages) <= MAX_MESSAGES:
        return tuple(messages)
    rest = messages[MAX_MESSAGES:]
    lost = _points(sum(m.lost for m in rest))
    return (*messages[:MAX_MESSAGES],
            Message(f"... and {len(rest):,} more {noun} like these", lost=lost))


def _thesis(graph: _Graph, req: Requirement | None) -> tuple[Claim | None, float, str]:
    """The claim taken as the thesis, the share of the thesis points it earns, and why
    not all."""
    mains = graph.map.main_claims or tuple(
        c for c in graph.map.claims.values() if {"thesis", "main"} & set(c.tags))
    if not mains:
        root = graph.root()
        if root is None:
            return None, 0.0, "no claim is marked as the main thesis"
        return root, 0.5, (f"no claim is marked as the main thesis; {root.id!r}, the claim "
                           "the map argues for, is taken as the thesis")
    settings = req.settings if req is not None else {}
    side = settings.get("side")
    keywords = [k.casefold() for k in settings.get("keywords", ())]

    def side_ok(c: Claim) -> bool:
        if not side:
            return True
        own = graph.map.side_of(c.id)
        if own is None:
            return False
        named = graph.map.sides.get(own)
        return own == side or (named is not None and named.name.casefold() == side.casefold())

    def words_ok(c: Claim) -> bool:
        text = c.text.casefold()
        return all(k in text for k in keywords)

    for c in mains:
        if side_ok(c) and words_ok(c) and c.id not in graph.unfilled:
            return c, 1.0, ""
    first = mains[0]
    if first.id in graph.unfilled:
        return first, 0.0, ("its text is still the starter's placeholder "
                            f"{' '.join(first.text.split())!r}")
    missing = []
    if not side_ok(first):
        missing.append(f"it is not on the side {side!r}")
    if not words_ok(first):
        absent = [k for k in settings.get("keywords", ()) if k.casefold() not in
                  first.text.casefold()]
        missing.append("it does not mention " + ", ".join(repr(k) for k in absent))
    return first, 0.5, "; ".join(missing)


def grade_map(argmap: ArgumentMap, assignment: Assignment, *, file: str, locate: Locate,
              notes: tuple[Message, ...] = (), draw: bool = True,
              started: float | None = None) -> Submission:
    """Grade a valid map (``locate`` gives the line of each entry, as
    :meth:`argmap.ValidationResult.locate` does)."""
    started = time.monotonic() if started is None else started
    graph = _Graph(argmap, locate)
    thesis_req = assignment.requirement("thesis")
    thesis, share, why = _thesis(graph, thesis_req)
    reasons = list(graph.for_node.get(thesis.id, ())) if thesis is not None else []
    results = []
    for req in assignment.requirements:
        earned, messages = _GRADERS[req.name](graph, req, thesis, share, why, reasons)
        results.append(RequirementResult(req.name, describe(req), req.points,
                                         _points(min(earned, req.points)), tuple(messages)))
    score = _points(sum(r.earned for r in results))
    flagged = tuple(dict.fromkeys(m.node for r in results for m in r.messages
                                  if m.node is not None))
    svg, draw_note = _draw(argmap, flagged) if draw else (None, None)
    return Submission(file, "graded", score, assignment.max_score,
                      score >= assignment.pass_score and score > 0, tuple(results),
                      notes=notes, authors=argmap.authors, title=argmap.title,
                      flagged=flagged, svg=svg, draw_note=draw_note,
                      seconds=time.monotonic() - started,
                      sides=tuple((side.id, side.name) for side in argmap.sides.values()))


_Grader = Callable[[_Graph, Requirement, Claim | None, float, str, list[Argument]],
                   tuple[float, list[Message]]]

_NO_THESIS = ("mark your thesis with `main: true` (the claim the whole map argues for; in "
              "Argdown: tag it #thesis)")


def _grade_thesis(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                  why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    if thesis is None:
        return 0.0, [Message("no main thesis: " + why, 1, 1, _NO_THESIS, lost=req.points)]
    if share < 1.0 and why.startswith("no claim is marked"):
        return req.points * share, [graph.say(
            why, thesis.id, "mark your thesis with `main: true` (in Argdown: tag it "
            "#thesis)", req.points * (1 - share))]
    if share < 1.0:
        hint = []
        if thesis.id in graph.unfilled:
            hint.append("write your thesis in place of the <placeholder>")
        if req.settings.get("side"):
            hint.append(f"put the thesis on the side {req.settings['side']!r} (`side:`)")
        if req.settings.get("keywords"):
            hint.append("state the thesis the assignment asks for")
        return req.points * share, [graph.say(
            f"the main thesis {thesis.id!r} is not the one asked for: {why}", thesis.id,
            " and ".join(hint), req.points * (1 - share))]
    return req.points, []


def _grade_count(found: int, wanted: int, req: Requirement) -> float:
    return req.points * min(found, wanted) / wanted


def _grade_reasons(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                   why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    wanted = int(req.settings["min"])
    if thesis is None:
        return 0.0, [Message("no reasons can be counted without a main thesis", 1, 1,
                             _NO_THESIS, lost=req.points)]
    earned = _grade_count(len(reasons), wanted, req)
    if len(reasons) >= wanted:
        return earned, []
    return earned, [graph.say(
        f"{counted(len(reasons), 'reason')} for the thesis {thesis.id!r}; the assignment asks for "
        f"{wanted}", thesis.id,
        f"add an argument with `conclusion: {thesis.id}` for each further reason"
        + (" (a reason still in <angle brackets> does not count: write it)"
           if graph.unfilled else ""),
        req.points - earned)]


def _grade_evidence(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                    why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    need = int(req.settings["per-reason"])
    if thesis is None or not reasons:
        return 0.0, [_at(graph, thesis, "no reasons for a main thesis, so no evidence "
                         "under them to credit", "first give the thesis its reasons, then "
                         "back each with evidence", req.points)]
    evidence = graph.evidence
    below: dict[str, list[str]] = {}

    def under_claim(claim: str) -> list[str]:
        if claim not in below:
            found: list[str] = []
            for a in graph.for_node.get(claim, ()):
                for p in a.premises:
                    if p in evidence and p not in found:
                        found.append(p)
                        if len(found) >= need:
                            break
                if len(found) >= need:
                    break
            below[claim] = found
        return below[claim]

    denominator = len(reasons)
    good = 0
    messages = []
    share_each = req.points / denominator
    for r in reasons:
        found: list[str] = []
        for p in (*r.premises, *(q for a in graph.for_node.get(r.id, ()) for q in a.premises)):
            if len(found) >= need:
                break
            if p in evidence and p not in found:
                found.append(p)
            if p in graph.map.claims:
                for e in under_claim(p):
                    if e not in found:
                        found.append(e)
        if len(found) >= need:
            good += 1
        else:
            messages.append(graph.say(
                f"the reason {r.id!r} rests on {counted(len(found), 'evidence item')}; the "
                f"assignment asks for {need}", r.id,
                "add evidence (a fact, statistic, quote ...) as a premise of this "
                "argument or of an argument for one of its premises", share_each))
    return share_each * good, list(_capped(messages, "reasons"))


def _source_ok(graph: _Graph, e: Evidence | Claim, need: str) -> tuple[bool, str]:
    if isinstance(e, Claim):
        return False, ("a claim tagged evidence cannot cite a source (write it as an "
                       "evidence item with a `source:` in YAML or JSON)")
    source = graph.map.source_of(e)
    if source is None:
        return False, "no source cited"
    dated, linked = bool(source.date), bool(source.url)
    ok = {"date": dated, "link": linked, "date-or-link": dated or linked,
          "date-and-link": dated and linked}[need]
    if ok:
        return True, ""
    missing = [w for w, has in (("a date", dated), ("a link (url)", linked)) if not has]
    return False, "the source has no " + " and no ".join(w.removeprefix("a ") for w in missing)


def _grade_sources(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                   why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    need = str(req.settings.get("need", "date-or-link"))
    items: list[Evidence | Claim] = [*(
        e for e in graph.map.evidence.values() if e.id in graph.evidence), *(
        c for c in graph.map.claims.values() if c.id in graph.evidence)]
    if not items:
        first = next((e for e in graph.map.evidence if e in graph.unfilled), None)
        return 0.0, [_at(graph, thesis, "the map has no evidence, so no sources to credit",
                         "add evidence with a `source:` that has a date or a url",
                         req.points, node=first)]
    each = req.points / len(items)
    messages = []
    good = 0
    for e in items:
        ok, why_not = _source_ok(graph, e, need)
        if ok:
            good += 1
            continue
        messages.append(graph.say(
            f"the evidence {e.id!r}: {why_not}", e.id,
            "give it a `source:` with " + {"date": "a date", "link": "a url",
                                            "date-or-link": "a date or a url",
                                            "date-and-link": "a date and a url"}[need], each))
    return each * good, list(_capped(messages, "evidence items"))


def _objections(graph: _Graph, thesis: Claim | None) -> list[int]:
    if thesis is None:
        return []
    tree = graph.tree(thesis.id)
    return [i for i in graph.attacks if graph.map.attacks[i].target in tree]


def _grade_objections(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                      why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    wanted = int(req.settings["min"])
    if thesis is None:
        return 0.0, [Message("no objections can be counted without a main thesis", 1, 1,
                             _NO_THESIS, lost=req.points)]
    found = _objections(graph, thesis)
    earned = _grade_count(len(found), wanted, req)
    if len(found) >= wanted:
        return earned, []
    return earned, [graph.say(
        f"{counted(len(found), 'objection')} to the thesis {thesis.id!r} or its reasons; the "
        f"assignment asks for {wanted}", thesis.id,
        "add what a critic would say: an attack (`attacks:`) on the thesis, on one of "
        "its premises or on an argument for it", req.points - earned)]


def _answered(graph: _Graph, index: int) -> bool:
    attack = graph.map.attacks[index]
    if attack.id is not None and attack.id in graph.attacked:
        return True
    for node in attack.attackers:
        if node in graph.attacked:
            return True
        if any(a.id in graph.attacked for a in graph.for_node.get(node, ())):
            return True
    return False


def _grade_answers(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                   why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    wanted = int(req.settings["min"])
    objections = _objections(graph, thesis)
    if not objections:
        return 0.0, [_at(graph, thesis, "no objections in the map, so none answered",
                         "raise an objection to your thesis, then answer it with an "
                         "attack on the objection", req.points)]
    answered = [i for i in objections if _answered(graph, i)]
    earned = _grade_count(len(answered), wanted, req)
    if len(answered) >= wanted:
        return earned, []
    each = req.points / wanted
    messages: list[Message] = []
    for i in objections:
        if i in answered or len(messages) >= wanted - len(answered):
            continue
        attack = graph.map.attacks[i]
        line, column = graph.where(attack.attacker)
        messages.append(Message(
            f"the objection by {attack.attacker!r} against {attack.target!r} is not "
            "answered", line, column,
            f"add an attack with `target: {attack.attacker}` (rebut or undermine it)"
            + (f" or `target: {attack.id}` (undercut it)" if attack.id else ""),
            node=attack.attacker, lost=_points(each)))
    return earned, list(_capped(messages, "objections"))


def _grade_linked(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                  why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    wanted = int(req.settings["min"])
    linked = [a for a in graph.map.arguments.values()
              if sum(p not in graph.unfilled for p in a.premises) >= 2]
    earned = _grade_count(len(linked), wanted, req)
    if len(linked) >= wanted:
        return earned, []
    single = next((a for a in reasons if len(a.premises) < 2),
                  next(iter(graph.map.arguments.values()), None))
    text = (f"{counted(len(linked), 'argument')} with linked premises; the assignment asks for "
            f"{wanted}")
    hint = ("give an argument two or more premises that support its conclusion only "
            "together: `premises: [a, b]`")
    if single is None:
        return earned, [Message(text, 1, 1, hint, lost=_points(req.points - earned))]
    return earned, [graph.say(text, single.id, hint, req.points - earned)]


def _grade_depth(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                 why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    wanted = int(req.settings["min"])
    if thesis is None:
        return 0.0, [Message("no depth can be measured without a main thesis", 1, 1,
                             _NO_THESIS, lost=req.points)]
    depth, chain = graph.depth(thesis.id)
    earned = _grade_count(depth, wanted, req)
    if depth >= wanted:
        return earned, []
    node = chain[-1] if chain else thesis.id
    return earned, [graph.say(
        f"the longest chain of reasons below the thesis is {counted(depth, 'step')} deep; the "
        f"assignment asks for {wanted}", node,
        "give a premise of this argument its own argument (a reason for the reason)"
        if chain else f"add an argument with `conclusion: {thesis.id}`",
        req.points - earned)]


_GATE = ("earned once the map argues something: a main thesis with at least one reason "
         "for it")


def _grade_relations(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                     why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    if thesis is None or not reasons:
        return 0.0, [_gate(graph, thesis, req.points)]
    allowed = set(req.settings["allowed"])
    m = graph.map
    used: list[tuple[str, str | None, int | None]] = []
    used.extend(("support", a.id, None) for a in m.arguments.values())
    for i, attack in enumerate(m.attacks):
        typed = m.attack_type(attack)
        used.append((typed.value if typed is not None else "rebut", None, i))
    used.extend(("contradiction", None, None) for _ in m.contradictions)
    each = req.points / len(used)
    messages = []
    bad = 0
    for index, (kind, node, attack_index) in enumerate(used):
        if kind in allowed:
            continue
        bad += 1
        hint = f"this assignment allows {', '.join(sorted(allowed))}: rewrite it as one of them"
        if attack_index is not None:
            line, column = graph.where_attack(attack_index)
            attacker = m.attacks[attack_index].attacker
            messages.append(Message(f"a {kind} attack (by {attacker!r}) is not allowed here",
                                    line, column, hint, node=attacker, lost=_points(each)))
        elif node is not None:
            messages.append(graph.say(f"the argument {node!r} is a support, which is not "
                                      "allowed here", node, hint, each))
        else:
            pos = len(m.contradictions) - (len(used) - index)
            loc = graph.locate("contradictions", pos)
            messages.append(Message("a contradiction is not allowed here", loc.line,
                                    loc.column, hint, lost=_points(each)))
    return req.points - each * bad, list(_capped(messages, "relations"))


def _at(graph: _Graph, thesis: Claim | None, text: str, hint: str, lost: float, *,
        node: str | None = None) -> Message:
    """A message at ``node`` (or the thesis; the file's first line without either)."""
    where = node if node is not None else thesis.id if thesis is not None else None
    if where is None:
        return Message(text, 1, 1, hint, lost=_points(lost))
    if where in graph.unfilled:
        hint += " (a text still in <angle brackets> does not count: write it)"
    return graph.say(text, where, hint, lost)


def _gate(graph: _Graph, thesis: Claim | None, lost: float) -> Message:
    if thesis is None:
        return Message("no points yet: " + _GATE, 1, 1, _NO_THESIS, lost=_points(lost))
    return graph.say("no points yet: " + _GATE, thesis.id, "add a reason for the thesis "
                     "(a reason still in <angle brackets> does not count)", lost)


_POINTER_NODE = re.compile(r"^/(claims|evidence|arguments)/([^/]+)")


def _grade_rules(graph: _Graph, req: Requirement, thesis: Claim | None, share: float,
                 why: str, reasons: list[Argument]) -> tuple[float, list[Message]]:
    from argmap.check import check_map  # noqa: PLC0415 -- loads the rules

    codes: Sequence[str] = req.settings["pass"]
    if thesis is None or not reasons:
        return 0.0, [_gate(graph, thesis, req.points)]
    config = _rules_config(tuple(codes))
    findings = check_map(graph.map, config=config, locate=graph.locate, limit=500)
    by_code: dict[str, list[Diagnostic]] = defaultdict(list)
    for f in findings:
        by_code[f.code].append(f)
    each = req.points / len(codes)
    failed = [c for c in codes if by_code.get(c)]
    messages = []
    for code in failed:
        for n, f in enumerate(by_code[code]):
            found = _POINTER_NODE.match(f.location.pointer)
            messages.append(Message(f"[{code}] {f.message}", f.location.line,
                                    f.location.column, f.hint,
                                    node=found.group(2) if found else None, code=code,
                                    severity=f.severity.value,
                                    lost=_points(each) if n == 0 else 0.0))
    return each * (len(codes) - len(failed)), list(_capped(messages, "findings"))


@functools.lru_cache(maxsize=16)
def _rules_config(codes: tuple[str, ...]) -> CheckConfig:
    """The check configuration running just these rules (made once per process)."""
    from argmap.check import resolve_config  # noqa: PLC0415 -- loads the rules

    return resolve_config(select=list(codes))


_GRADERS: Mapping[str, _Grader] = {
    "thesis": _grade_thesis,
    "reasons": _grade_reasons,
    "evidence": _grade_evidence,
    "sources": _grade_sources,
    "objections": _grade_objections,
    "answers": _grade_answers,
    "linked-premises": _grade_linked,
    "depth": _grade_depth,
    "relations": _grade_relations,
    "rules": _grade_rules,
}


_NODE_GROUP = re.compile(r'<g id="([^"]*)" class="([^"]*)" data-argmap-id="([^"]*)"')


def _draw(argmap: ArgumentMap, flagged: Iterable[str], left: float | None = None,
          budget: float | None = None) -> tuple[str | None, str | None]:
    """The map as an inline ``<svg>`` with the flagged nodes' class ``lost``, or why not.

    ``left``: the seconds left of the submission's time budget of ``budget`` seconds.
    """
    from argmap.render import (  # noqa: PLC0415 -- same
        GraphvizError,
        GraphvizNotFoundError,
        GraphvizTimeoutError,
        RenderOptions,
        render,
    )

    if left is not None and left < MIN_DRAW_SECONDS:
        return None, _too_slow_to_draw(budget or 0)
    seconds = DRAW_TIMEOUT if left is None else min(left, DRAW_TIMEOUT)
    try:
        with _budget(None if left is None else seconds + 1.0):
            data = render(argmap, "svg", RenderOptions(show_title=False), timeout=seconds)
    except (_OverBudget, GraphvizTimeoutError):
        return None, _too_slow_to_draw(budget if budget is not None else seconds)
    except (GraphvizError, GraphvizNotFoundError) as exc:
        return None, f"the map could not be drawn: {exc}"
    except (OSError, RecursionError, MemoryError) as exc:
        return None, f"the map could not be drawn: {type(exc).__name__}"
    return _marked(data.decode("utf-8"), flagged)


def _marked(text: str, flagged: Iterable[str]) -> tuple[str | None, str | None]:
    start = text.find("<svg")
    if start < 0:
        return None, "the map could not be drawn: Graphviz gave no SVG"
    text = text[start:]
    marked = set(flagged)

    def mark(match: re.Match[str]) -> str:
        classes = match.group(2) + (" lost" if match.group(3) in marked else "")
        return f'<g id="{match.group(1)}" class="{classes}" data-argmap-id="{match.group(3)}"'

    return _NODE_GROUP.sub(mark, text), None


_PAGE_ID = re.compile(rb'<g id="page0,\d+_graph0"')
_BATCH_NAME = re.compile(rb"<title>argmap_\d+</title>")

#: Seconds per map the shared Graphviz run gets before each map is drawn on its own.
BATCH_SECONDS = 2.0


def _draw_many(maps: Sequence[tuple[ArgumentMap, Iterable[str]]],
               left: Sequence[float | None] | None = None, budget: float | None = None,
               ) -> list[tuple[str | None, str | None]]:
    """Draw several maps, those laid out by ``dot`` in one run of it.

    Maps for another engine, and every map of a batch whose run fails or runs over its
    time (BATCH_SECONDS a map), are drawn one by one as :func:`_draw` does (with its
    fallbacks and messages).
    """
    from argmap._render.backend import run_engine  # noqa: PLC0415 -- only when drawing
    from argmap._render.build import build  # noqa: PLC0415 -- same
    from argmap._render.svg import finish_svg  # noqa: PLC0415 -- same
    from argmap.render import (  # noqa: PLC0415 -- same
        GraphvizError,
        GraphvizNotFoundError,
        RenderOptions,
    )

    out: list[tuple[str | None, str | None] | None] = [None] * len(maps)
    remaining: list[float | None] = list(left) if left is not None else [None] * len(maps)
    batch = []
    options = RenderOptions(show_title=False)
    for i, (argmap, _) in enumerate(maps):
        began = time.monotonic()
        limit = remaining[i]
        if limit is not None and limit < MIN_DRAW_SECONDS:
            out[i] = (None, _too_slow_to_draw(budget or 0))
            continue
        try:
            with _budget(limit):
                built = build(argmap, options, None)
        except (RecursionError, MemoryError, ValueError):
            built = None
        except _OverBudget:
            out[i] = (None, _too_slow_to_draw(budget or 0))
            continue
        if limit is not None:
            remaining[i] = limit - (time.monotonic() - began)
        if built is not None and built.engine == "dot":
            batch.append((i, built))
    if len(batch) > 1:
        # each graph its own name: Graphviz merges graphs of one file that share one
        source = "\n".join(str(b.graph.source).replace("digraph argmap {",
                                                        f"digraph argmap_{n} {{", 1)
                           for n, (_, b) in enumerate(batch))
        limits = [r for i, _ in batch if (r := remaining[i]) is not None]
        seconds = min([BATCH_SECONDS * len(batch), *limits])
        began = time.monotonic()
        try:
            raw = run_engine(source, engine="dot", fmt="svg", timeout=seconds)
        except (GraphvizError, GraphvizNotFoundError, OSError):
            raw = b""
        spent = time.monotonic() - began
        for i, _ in batch:
            limit = remaining[i]
            if limit is not None:
                remaining[i] = limit - spent
        documents = raw.split(b"<?xml")[1:]
        if len(documents) == len(batch):
            for (i, built), document in zip(batch, documents, strict=True):
                # as if drawn alone: the graph's own id and name
                alone = _PAGE_ID.sub(b'<g id="graph0"', document, count=1)
                alone = _BATCH_NAME.sub(b"<title>argmap</title>", alone, count=1)
                svg = finish_svg(b"<?xml" + alone, built.nodes, title=built.title)
                out[i] = _marked(svg.decode("utf-8"), maps[i][1])
    return [done if done is not None else _draw(*maps[i], remaining[i], budget)
            for i, done in enumerate(out)]
