"""Finding the submissions, naming their students, reading the roster, and running the
per-file function over a process pool."""

from __future__ import annotations

import csv
import glob
import io
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

import attrs

from argmap.errors import UsageError
from argmap.grade._grading import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    MIN_MEMORY,
    describe,
    grade_files,
)
from argmap.grade._open import LINK_DIR_REASON, LINK_REASON, NOT_REGULAR_REASON
from argmap.grade._profile import Assignment
from argmap.grade._result import Message, RequirementResult, Submission

__all__ = ["IDENTITIES", "SUBMISSION_SUFFIXES", "Collected", "Found", "collect", "grade_all",
           "identity_of", "read_roster"]

#: The endings of files graded as submissions.
SUBMISSION_SUFFIXES = (".yaml", ".yml", ".json", ".argdown", ".ad")
#: How a student is named: by the file's name, the folder below the one named, or the
#: map's ``authors``.
IDENTITIES = ("name", "folder", "authors")

#: The file a report folder of ``argmap grade`` holds (see ``_reports.REPORT_MARKER``).
_MARKER = ".argmap-grade"
#: Why a report folder found among the submissions is not entered.
REPORT_REASON = (f"a report folder of argmap grade (it holds {_MARKER}): not graded; "
                 "keep the reports outside the submissions")

_COMPANIONS = ("README", "LICENSE", "LICENCE", "CHANGELOG")
_CONFIGS = frozenset({"argmap.toml", "pyproject.toml"})


@attrs.frozen
class Found:
    """A submission file and the folder named on the command line it was found in.

    ``chosen``: the file was named itself (not found in a folder or by a pattern), so
    it may be a symbolic link; any other is refused if it is one when it is read.
    """

    path: str
    root: str | None
    chosen: bool = False


@attrs.frozen
class Collected:
    """The submissions found, and the files that look like submissions but were not
    graded (another extension, a hidden name), each with why."""

    files: tuple[Found, ...]
    skipped: tuple[tuple[str, str], ...]


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # noqa: PTH116 -- follows links on purpose
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def collect(paths: Sequence[str], *, exclude: Iterable[str] = (),
            named: bool = True) -> Collected:
    """The submissions under ``paths`` (files, folders, or glob patterns).

    Folders are walked (hidden folders are not entered; the folders and files of
    ``exclude``, such as the report folder and the assignment, are left out).  No
    symbolic link found in a folder or matched by a pattern is followed, to a file or
    to a folder: a student's archive could link to any file the teacher can read.  Each
    is listed in ``skipped``.  A file or folder named itself (``named``) may be a link:
    the teacher chose it.  Raises :class:`~argmap.errors.UsageError` for a name that
    matches nothing.
    """
    excluded = {i for i in map(_identity, exclude) if i is not None}
    files: list[Found] = []
    skipped: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    for name in paths:
        if not named and os.path.islink(name):  # noqa: PTH114 -- a str path, as given
            skipped.append((name, LINK_REASON))
            continue
        if os.path.isdir(name):  # noqa: PTH112 -- a str path, as given
            if _is_report(name):
                skipped.append((name, REPORT_REASON))
                continue
            _walk(name, files, skipped, excluded, seen)
            continue
        if os.path.exists(name):  # noqa: PTH110 -- same
            if not os.path.isfile(name):  # noqa: PTH113 -- same
                skipped.append((name, NOT_REGULAR_REASON))
                continue
            ident = _identity(name)
            if ident is not None and (ident in excluded or ident in seen):
                continue
            if not named and _is_report(os.path.dirname(name) or "."):  # noqa: PTH120 -- str
                skipped.append((name, REPORT_REASON))
                continue
            if ident is not None:
                seen.add(ident)
            files.append(Found(name, None, chosen=named))
            continue
        if any(c in name for c in "*?["):
            matches = sorted(glob.glob(name, recursive=True))  # noqa: PTH207 -- patterns as given
            if matches:
                inner = collect(matches, exclude=exclude, named=False)
                files.extend(inner.files)
                skipped.extend(inner.skipped)
                continue
        raise UsageError(f"no such file or folder: {name}")
    return Collected(tuple(files), tuple(skipped))


def _walk(root: str, files: list[Found], skipped: list[tuple[str, str]],
          excluded: set[tuple[int, int]], seen: set[tuple[int, int]]) -> None:
    found: list[Found] = []
    for folder, dirs, names in os.walk(root):
        keep = []
        for d in sorted(dirs):
            full = os.path.join(folder, d)  # noqa: PTH118 -- strings throughout
            if d.startswith(".") or _identity(full) in excluded:
                continue  # hidden folders (.git) and the report folder
            if os.path.islink(full):  # noqa: PTH114 -- same
                skipped.append((full, LINK_DIR_REASON))
                continue
            if _is_report(full):
                skipped.append((full, REPORT_REASON))
                continue
            keep.append(d)
        dirs[:] = keep
        for file in sorted(names):
            full = os.path.join(folder, file)  # noqa: PTH118 -- same
            if os.path.islink(full):  # noqa: PTH114 -- same
                skipped.append((full, LINK_REASON))
                continue
            ident = _identity(full)
            if ident is not None and (ident in excluded or ident in seen):
                continue
            suffix = Path(file).suffix.lower()
            if file.startswith("."):
                if suffix in SUBMISSION_SUFFIXES or not file.startswith((".git", ".DS_Store")):
                    skipped.append((full, "a hidden file"))
                continue
            if file in _CONFIGS or file.upper().startswith(_COMPANIONS):
                continue
            if suffix not in SUBMISSION_SUFFIXES:
                skipped.append((full, f"not a map extension ({', '.join(SUBMISSION_SUFFIXES)})"))
                continue
            if not os.path.isfile(full):  # noqa: PTH113 -- a FIFO or a device would hang or never end
                skipped.append((full, NOT_REGULAR_REASON))
                continue
            if ident is not None:
                seen.add(ident)
            found.append(Found(full, root))
    files.extend(sorted(found, key=lambda f: f.path))


def _is_report(folder: str) -> bool:
    """Whether ``folder`` is a report folder grade wrote (it holds the marker)."""
    return os.path.isfile(os.path.join(folder, _MARKER))  # noqa: PTH113, PTH118 -- str paths


def identity_of(found: Found, submission: Submission, how: str) -> str:
    """The student a submission belongs to (see :data:`IDENTITIES`)."""
    path = Path(found.path)
    if how == "authors" and submission.authors:
        return ", ".join(a.strip() for a in submission.authors if a.strip()) or path.name
    if how == "folder":
        if found.root is not None:
            parts = Path(os.path.relpath(found.path, found.root)).parts
            if len(parts) >= 2:
                return parts[0]
            # a loose file in the class folder: named after itself, not the class
            return path.name.split(".", 1)[0] or path.name
        parent = path.parent.name
        if parent:
            return parent
    name = path.name
    return name.split(".", 1)[0] or name


def read_roster(path: str) -> list[str]:
    """The students of a roster CSV: its ``student`` column (or its first column).

    A header row is recognised by a ``student`` (or ``name``) cell; blank rows and
    repeated names are dropped.  Raises :class:`~argmap.errors.UsageError`.
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such roster file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the roster: {exc.strerror or exc}") from None
    if len(raw) > 16 * 1024 * 1024:
        raise UsageError(f"{path}: the roster is larger than 16 MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: the roster is not UTF-8 text (save it as CSV UTF-8)"
                         ) from None
    try:
        sample = text[:4096]
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [row for row in csv.reader(io.StringIO(text), dialect)
                if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise UsageError(f"{path}: not a roster CSV ({exc}); list one student a row"
                         ) from None
    if not rows:
        return []
    column = 0
    header = [c.strip().casefold() for c in rows[0]]
    for wanted in ("student", "name", "id"):
        if wanted in header:
            column = header.index(wanted)
            rows = rows[1:]
            break
    names = [row[column].strip() for row in rows if len(row) > column and row[column].strip()]
    return list(dict.fromkeys(names))


def _crashed(path: str, assignment: Assignment, reason: str) -> Submission:
    requirements = tuple(
        RequirementResult(r.name, describe(r), r.points, 0.0,
                          (Message(f"no points: {reason}", lost=r.points),))
        for r in assignment.requirements)
    return Submission(path, "unreadable", 0.0, assignment.max_score, False, requirements,
                      problems=(Message(reason),), reason=reason)


def grade_all(
    paths: Sequence[str],
    assignment: Assignment,
    *,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    draw: bool = True,
    done: Callable[[Submission], None] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory: int | None = None,
    refuse_links: Collection[str] = (),
    roots: Mapping[str, str] | None = None,
) -> list[Submission]:
    """Grade every file, ``jobs`` processes at a time; the results in the order of
    ``paths``.  ``done`` is called as each one finishes (to show progress).

    Files go to the workers in small chunks (:func:`grade_files`: one Graphviz run
    draws a chunk's maps).  A worker that dies (out of memory, killed) does not stop
    the run: the files of the chunks that were lost are graded again, each in a pool of
    its own, and the one that kills its worker again gets 0 with the reason.
    ``timeout`` is each file's time budget (see :func:`~argmap.grade.grade_file`);
    ``memory`` what grading each file may allocate, in MiB (``None``: no cap): with a
    cap, files are graded in worker processes even with ``jobs=1``, so that this
    process is never capped.  ``refuse_links``: the files found in a folder or by a
    pattern (see :attr:`Found.chosen`), which are not read if they have become
    symbolic links since they were found; ``roots`` maps them to the folder named on
    the command line they were found in (no folder below it is followed either).
    """
    if memory is not None and memory < MIN_MEMORY:
        raise UsageError(f"a memory cap of {memory} MiB is below the {MIN_MEMORY} MiB a "
                         "worker needs to grade even a tiny map")
    work = partial(grade_files, assignment=assignment, max_bytes=max_bytes, draw=draw,
                   timeout=timeout, memory=memory, roots=dict(roots or {}))
    refused = frozenset(refuse_links)
    size = max(1, min(CHUNK, -(-len(paths) // (max(jobs, 1) * 4))))
    chunks = [list(range(i, min(i + size, len(paths)))) for i in range(0, len(paths), size)]
    results: dict[int, Submission] = {}
    if memory is None and (jobs <= 1 or len(chunks) <= 1):
        for chunk in chunks:
            names = [paths[i] for i in chunk]
            graded = work(names, refuse_links=[p for p in names if p in refused])
            for i, sub in zip(chunk, graded, strict=True):
                results[i] = sub
                if done is not None:
                    done(sub)
        return [results[i] for i in range(len(paths))]
    lost = _pool_round(paths, chunks, work, jobs, results, done, assignment, refused)
    for i in lost:  # alone, so that the file that kills its worker is the one blamed
        if _pool_round(paths, [[i]], work, 1, results, done, assignment, refused):
            results[i] = _crashed(paths[i], assignment,
                                  "grading stopped on this file (the worker ran out of "
                                  "memory or was killed)")
            if done is not None:
                done(results[i])
    return [results[i] for i in range(len(paths))]


#: Most files a worker grades in one task.
CHUNK = 16


def _pool_round(paths: Sequence[str], chunks: list[list[int]],
                work: Callable[..., list[Submission]], jobs: int,
                results: dict[int, Submission], done: Callable[[Submission], None] | None,
                assignment: Assignment, refused: frozenset[str]) -> list[int]:
    """One pool over ``chunks``; returns the files of the chunks lost with a worker."""
    broken: list[int] = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(chunks)))) as pool:
        futures: dict[Future[list[Submission]], list[int]] = {}
        for chunk in chunks:
            names = [paths[i] for i in chunk]
            futures[pool.submit(work, names, refuse_links=[p for p in names if p in refused])
                    ] = chunk
        for future, chunk in _in_order(futures):
            try:
                graded = future.result()
            except BrokenProcessPool:
                broken.extend(chunk)
                continue
            except Exception as exc:  # one file's bug must not stop the class
                graded = [_crashed(paths[i], assignment,
                                   f"grading failed on this file ({type(exc).__name__})")
                          for i in chunk]
            for i, sub in zip(chunk, graded, strict=True):
                results[i] = sub
                if done is not None:
                    done(sub)
    return sorted(broken)


def _in_order(futures: dict[Future[list[Submission]], list[int]]
              ) -> Iterator[tuple[Future[list[Submission]], list[int]]]:
    from concurrent.futures import as_completed  # noqa: PLC0415 -- tiny

    for future in as_completed(futures):
        yield future, futures[future]
