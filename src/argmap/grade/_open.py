"""Opening a submission file so that what is read is what was scanned.

The scan (:func:`argmap.grade.collect`) skips symbolic links and anything that is not a
regular file; but a student's folder can change between the scan and the read (a file
swapped for a link to the teacher's files, a FIFO that would hang the grader).  So the
file is opened once, without following a link in its last component (``O_NOFOLLOW``)
and without waiting for a writer (``O_NONBLOCK``), checked with ``fstat`` on that very
descriptor, and read from it: there is no second look-up by name to race against.
"""

from __future__ import annotations

import errno
import os
import stat

from argmap.errors import ArgmapError, ReadError

__all__ = ["LINK_DIR_REASON", "LINK_REASON", "NOT_REGULAR_REASON", "Skipped", "read_submission"]

#: Why a symbolic link found in a submissions folder is not graded.
LINK_REASON = ("a symbolic link: not followed (it could point anywhere; copy the file "
               "itself into the folder, or name it on the command line)")
#: Why a symbolic link to a folder is not entered.
LINK_DIR_REASON = ("a symbolic link to a folder: not followed (copy the folder itself in, "
                   "or name it on the command line)")
#: Why a FIFO, a device or a socket is not graded (reading it could hang or never end).
NOT_REGULAR_REASON = "not a regular file"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: ``errno`` of an ``O_NOFOLLOW`` open of a link (ELOOP; EMLINK on some BSDs).
_LINK_ERRORS = frozenset({errno.ELOOP, getattr(errno, "EMLINK", errno.ELOOP)})


class Skipped(ArgmapError):
    """The file is not graded, as the scan would have skipped it (``reason`` says why)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _below(root: str, path: str) -> list[str] | None:
    """The components of ``path`` below the folder ``root`` (``None``: not below it)."""
    try:
        rel = os.path.relpath(path, root)
    except ValueError:  # another drive
        return None
    parts = [p for p in rel.replace(os.sep, "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts or os.path.isabs(rel):  # noqa: PTH117 -- str paths
        return None
    return parts


def _open_below(root: str, parts: list[str], flags: int) -> int:
    """Open ``root/parts...`` one component at a time, following no link below
    ``root`` (the folder the teacher named, which may be one): each folder with
    ``O_NOFOLLOW | O_DIRECTORY`` relative to the one above, then the file with
    ``flags``.  Raises :class:`Skipped` for a link on the way."""
    directory = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    dfd = os.open(root, directory)
    try:
        for part in parts[:-1]:
            try:
                nfd = os.open(part, directory | _NOFOLLOW, dir_fd=dfd)
            except OSError as exc:
                if exc.errno in (*_LINK_ERRORS, errno.ENOTDIR) and _is_link(part, dfd):
                    raise Skipped(LINK_DIR_REASON) from None
                raise
            os.close(dfd)
            dfd = nfd
        try:
            return os.open(parts[-1], flags | _NOFOLLOW, dir_fd=dfd)
        except OSError as exc:
            if exc.errno in _LINK_ERRORS and _is_link(parts[-1], dfd):
                raise Skipped(LINK_REASON) from None
            raise
    finally:
        os.close(dfd)


def _is_link(name: str, dfd: int) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=dfd).st_mode)
    except OSError:
        return False


def read_submission(path: str, max_bytes: int, *, follow: bool = True,
                    root: str | None = None) -> bytes:
    """The bytes of the submission ``path`` (at most ``max_bytes``).

    Raises :class:`Skipped` for a symbolic link (unless ``follow``: the teacher named
    the file itself) and for anything that is not a regular file, and
    :class:`~argmap.errors.ReadError` for a file that cannot be read or is too large.
    With ``root`` (the folder named on the command line that ``path`` was found in)
    and not ``follow``, no component of ``path`` below ``root`` is followed if it is a
    link, whenever it became one: a folder swapped for a link after the scan is
    skipped as the scan would have skipped it.
    """
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | (0 if follow else _NOFOLLOW)
    if not follow and not _NOFOLLOW and os.path.islink(path):  # noqa: PTH114 -- no O_NOFOLLOW here
        raise Skipped(LINK_REASON)
    parts = (_below(root, path) if root is not None and not follow and _NOFOLLOW
             and os.open in os.supports_dir_fd else None)
    try:
        fd = os.open(path, flags) if parts is None else _open_below(
            root or ".", parts, flags)
    except OSError as exc:
        if not follow and exc.errno in _LINK_ERRORS and os.path.islink(path):  # noqa: PTH114 -- same
            raise Skipped(LINK_REASON) from None
        raise _read_error(path, exc) from None
    except ValueError as exc:  # a NUL character or a lone surrogate in the name
        raise ReadError(path, f"not a usable file name ({exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(path, "it is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise Skipped(NOT_REGULAR_REASON)
        if info.st_size > max_bytes:
            raise ReadError(
                path, f"the file is {info.st_size:,} bytes, more than the limit of "
                f"{max_bytes:,}; split the map or raise the limit (--max-bytes)")
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise _read_error(path, exc) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise ReadError(path, f"the file is larger than the limit of {max_bytes:,} bytes")
    return data


def _read_error(path: str, exc: OSError) -> ReadError:
    if exc.errno == errno.ENOENT:
        return ReadError(path, "no such file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReadError(path, "permission denied")
    if exc.errno == errno.EISDIR:
        return ReadError(path, "it is a directory")
    return ReadError(path, exc.strerror or str(exc))
