"""Writing outputs without losing a user's file.

One function, :func:`write_file`, writes every output argmap produces (``dump``, and
every command's ``-o``):

* an output that is the same file as one of the inputs (same device and inode, after
  following links: ``./m.yaml``, ``dir/../m.yaml``, a symbolic or a hard link) is
  refused before anything is written;
* a regular file (or a new one) is written atomically: into a temporary file in the
  same folder, flushed to disk, then renamed over the target, so that an interrupted or
  failed write leaves the old file as it was.  A replaced file keeps its permission
  bits (and, where allowed, its owner); a symbolic link is written through (the link
  stays, the file it points to is replaced); a hard link is not: the other names keep
  the old content;
* anything else (a terminal, ``/dev/null``, ``/dev/full``, a FIFO, ``/dev/stdout``) is
  opened and written directly: renaming a file over a device node would replace it;
* every failure is a :class:`~argmap.errors.WriteError` with a reason a user can act on
  ("no space left on the device", "no such folder", "it is a folder").
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from argmap.errors import WriteError

__all__ = ["atomic_write", "file_identity", "os_error_reason", "same_file_as", "write_file"]

#: Names that stand for a descriptor the process already has open.
_FD_PREFIXES = ("/dev/fd/", "/proc/self/fd/")
_STD_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "it is a folder; name a file in it",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ELOOP: "too many levels of symbolic links",
    errno.ENXIO: "nothing is reading from it (a socket or a FIFO without a reader)",
    errno.EPIPE: "the reader went away (broken pipe)",
}


def os_error_reason(exc: OSError, target: str) -> str:
    """What went wrong in words a user can act on (for a file named ``target``)."""
    if exc.errno == errno.ENOENT:
        parent = Path(target).parent
        return f"no such folder: {parent}" if not parent.is_dir() else "no such file"
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def file_identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` names, links followed; ``None`` if none.

    ``"-"`` names standard input.
    """
    try:
        st = os.fstat(0) if os.fspath(path) == "-" else os.stat(path)  # noqa: PTH116 -- follows links on purpose
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def same_file_as(
    target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]
) -> str | None:
    """The first of ``inputs`` that is the same file as ``target``, or ``None``.

    Compares device and inode after following links, so a relative path, ``..``, a
    symbolic link and a hard link to the input are all the same file.  Standard input
    (``-``) counts when it was redirected from the target.  A target that does not
    exist yet is no input.
    """
    if os.fspath(target) == "-":
        return None
    wanted = file_identity(target)
    if wanted is None:
        return None
    for name in inputs:
        if file_identity(name) == wanted:
            return os.fspath(name)
    return None


def _descriptor(name: str) -> int | None:
    """The open descriptor a name like ``/dev/stdout`` or ``/dev/fd/3`` stands for."""
    if name in _STD_STREAMS:
        return _STD_STREAMS[name]
    for prefix in _FD_PREFIXES:
        if name.startswith(prefix) and name[len(prefix):].isdigit():
            return int(name[len(prefix):])
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _write_direct(name: str, data: bytes) -> None:
    """Write to something that is not a regular file: open it and write, no rename."""
    fd = os.open(name, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_atomic(target: Path, data: bytes, existing: os.stat_result | None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))  # noqa: PTH101 -- on the temp name
            # only the owner or root may give a file away; otherwise it stays ours
            with contextlib.suppress(OSError, AttributeError):
                os.chown(tmp, existing.st_uid, existing.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # noqa: PTH101 -- on the temp name
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_file(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write ``data`` to ``path`` safely (see the module's documentation).

    Raises :class:`~argmap.errors.WriteError` when ``path`` is the same file as one of
    ``inputs``, or when the write fails; the target is then unchanged.
    """
    name = os.fspath(path)
    clash = same_file_as(name, inputs)
    if clash is not None:
        shown = "standard input" if clash == "-" else f"the input {clash}"
        raise WriteError(
            name,
            f"it is the same file as {shown}; writing would destroy the input "
            "(name another output file)",
        )
    try:
        fd = _descriptor(name)
        if fd is not None:
            for stream in (sys.stdout, sys.stderr):  # what was printed comes first
                if stream is not None and not stream.closed:
                    stream.flush()
            _write_all(fd, data)
            return
        try:
            existing: os.stat_result | None = os.stat(name)  # noqa: PTH116 -- follows links
        except FileNotFoundError:
            existing = None
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", name)
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            _write_direct(name, data)
            return
        # write through symbolic links: the link stays, the file it names is replaced
        target = Path(os.path.realpath(name)) if existing is not None else Path(name)
        _write_atomic(target, data, existing)
    except OSError as exc:
        raise WriteError(name, os_error_reason(exc, name)) from None


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path``; the name kept for callers of ``argmap._dump``."""
    write_file(path, data)
