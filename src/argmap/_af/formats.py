"""Readers and writers of the ICCMA formats: ``.af`` (ICCMA 2023), ``.apx``, ``.tgf``.

* ``af``: a header ``p af N``, then one attack ``i j`` per line with arguments numbered
  ``1 .. N``; lines starting with ``#`` are comments.  Arguments are labelled ``"1"`` ..
  ``"N"`` (what competition solvers print).  With ``names=True``, a file whose comment
  lines are exactly ``N`` single names (``# a1``, one per argument, in order, as
  :func:`write_framework` writes them) gets those names as labels instead.
* ``apx`` (ASPARTIX): facts ``arg(a).`` and ``att(a,b).``; ``%`` starts a comment; names
  are ASP constants, numbers or double-quoted strings.
* ``tgf`` (trivial graph format): one argument per line, a line ``#``, then one attack
  ``a b`` per line; text after the first word of a node line is ignored.

A malformed input raises :class:`FrameworkSyntaxError`, whose ``diagnostics`` locate every
problem found (line and column, 1-based).  The attack relation is a set: an attack listed
twice counts once, and :func:`parse_framework` says so in a warning (``duplicate-attack``),
as it does for an argument declared twice (``duplicate-argument``).

Costs are bounded by the input: an ``.af`` header may declare at most ``max_arguments``
arguments (:data:`MAX_ARGUMENTS` unless raised), and numbers of more than
:data:`_MAX_DIGITS` digits are reported as out of range, never converted.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

import attrs

from argmap._af.framework import Framework, NumberLabels
from argmap._words import noun
from argmap.errors import ArgmapError, Diagnostic, Location, Severity, UsageError

__all__ = [
    "FORMATS",
    "MAX_ARGUMENTS",
    "FrameworkSyntaxError",
    "ParsedFramework",
    "format_for_path",
    "parse_framework",
    "read_framework",
    "read_framework_file",
    "write_framework",
]

#: The framework formats argmap reads and writes, by name (= file extension).
FORMATS = ("af", "apx", "tgf")

_MAX_DIAGNOSTICS = 20

#: The largest number of arguments an ``.af`` header may declare unless the caller raises
#: it (``max_arguments``, ``--max-arguments``): memory is allocated per declared argument
#: (about 25 bytes each for the grounded labelling), so a 20-byte header must not be able
#: to ask for gigabytes.
MAX_ARGUMENTS = 10_000_000

#: The largest framework file read unless the caller raises it (``max_bytes``,
#: ``--max-bytes``).  A file is refused before it is read when it is larger.
MAX_FRAMEWORK_BYTES = 256 * 1024 * 1024

#: Numbers longer than this are out of range for any framework (and are never converted,
#: so Python's limit on long integer strings is never reached).
_MAX_DIGITS = 12


class FrameworkSyntaxError(ArgmapError):
    """A framework file is malformed; ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else "malformed framework"
        more = len(self.diagnostics) - 1
        suffix = f" (and {more} more {noun(more, 'problem')})" if more > 0 else ""
        super().__init__(f"{first}{suffix}")


def format_for_path(path: str) -> str | None:
    """The framework format of a file name (``af``, ``apx`` or ``tgf``), or ``None``."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return suffix if suffix in FORMATS else None


@attrs.frozen
class ParsedFramework:
    """A framework read from text, and the warnings about it (``notes``).

    A note names what the framework does not keep as written: an attack listed twice
    (the attack relation is a set) or an argument declared twice.
    """

    framework: Framework
    notes: tuple[Diagnostic, ...] = ()


def parse_framework(
    text: str,
    format: str,
    *,
    file: str | None = None,
    names: bool = False,
    max_arguments: int = MAX_ARGUMENTS,
) -> ParsedFramework:
    """Parse a framework in ``format`` (``af``, ``apx`` or ``tgf``), with warnings.

    ``file`` names the input in diagnostics; an ``.af`` header may declare at most
    ``max_arguments`` arguments.  Raises :class:`FrameworkSyntaxError` for a malformed
    input and :class:`~argmap.errors.UsageError` for an unknown format.

    >>> parsed = parse_framework("arg(a). arg(b). att(a,b). att(a,b).", "apx")
    >>> parsed.framework.attack_count
    1
    >>> [(n.code, n.location.line, n.location.column) for n in parsed.notes]
    [('duplicate-attack', 1, 17)]
    """
    fmt = format.lower().lstrip(".")
    if fmt == "af":
        return _read_af(text, file, names, max_arguments)
    if fmt == "apx":
        return _read_apx(text, file)
    if fmt == "tgf":
        return _read_tgf(text, file)
    raise UsageError(f"unknown framework format {format!r}; use one of {', '.join(FORMATS)}")


def read_framework(
    text: str,
    format: str,
    *,
    file: str | None = None,
    names: bool = False,
    max_arguments: int = MAX_ARGUMENTS,
) -> Framework:
    """Parse a framework in ``format`` (``af``, ``apx`` or ``tgf``).

    The same as :func:`parse_framework` without the warnings: repeated attacks count
    once, repeated declarations declare one argument.

    >>> af = read_framework("p af 3\\n# a comment\\n1 2\\n2 3\\n", "af")
    >>> list(af.labels), list(af.attacks)
    (['1', '2', '3'], [(0, 1), (1, 2)])
    >>> read_framework("arg(a). arg(b). att(a,b).", "apx").labels
    ('a', 'b')
    """
    return parse_framework(text, format, file=file, names=names,
                           max_arguments=max_arguments).framework


def read_framework_file(
    path: str,
    format: str | None = None,
    *,
    names: bool = False,
    max_bytes: int = MAX_FRAMEWORK_BYTES,
    max_arguments: int = MAX_ARGUMENTS,
) -> ParsedFramework:
    """Read and parse a framework file (``format`` defaults to its extension).

    Raises :class:`~argmap.errors.ReadError` for a file that cannot be read, is larger
    than ``max_bytes`` or is not UTF-8, besides the errors of :func:`parse_framework`.
    """
    import os  # noqa: PLC0415 -- only file readers need it

    from argmap.errors import ReadError  # noqa: PLC0415 -- same

    fmt = format or format_for_path(path)
    if fmt is None:
        if not os.path.lexists(path):  # a missing file is what to say, not its name
            raise ReadError(path, "no such file")
        raise UsageError(f"cannot tell the framework format of {path!r}; name the file "
                         ".af, .apx or .tgf, or give the format")
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 -- a plain open is the lighter one
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise ReadError(path, f"the file is {size:,} bytes, more than the limit of "
                                f"{max_bytes:,}; raise the limit (max_bytes, --max-bytes)")
            raw = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise ReadError(path, "it is a directory") from None
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    if len(raw) > max_bytes:  # a file that grew, or a pipe
        raise ReadError(path, f"the file is larger than the limit of {max_bytes:,} bytes; "
                        "raise the limit (max_bytes, --max-bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"not UTF-8 text (byte {exc.start})") from None
    del raw
    return parse_framework(text, fmt, file=path, names=names, max_arguments=max_arguments)


def write_framework(af: Framework, format: str) -> str:
    """The framework as text in ``format`` (``af``, ``apx`` or ``tgf``).

    ``af`` numbers the arguments in order and writes each label as a comment line
    (``# label``) after the header, so that ``read_framework(..., names=True)`` gets the
    labels back; ``apx`` quotes labels that are not plain ASP constants.

    >>> af = Framework.from_attacks(["x", "y"], [("x", "y")])
    >>> print(write_framework(af, "af"), end="")
    p af 2
    # x
    # y
    1 2
    >>> print(write_framework(af, "apx"), end="")
    arg(x).
    arg(y).
    att(x,y).
    """
    fmt = format.lower().lstrip(".")
    if fmt == "af":
        parts = [f"p af {len(af)}\n"]
        parts.extend(f"# {_one_line(label)}\n" for label in af.labels)
        parts.extend(f"{s + 1} {t + 1}\n" for s, t in af.attacks)
        return "".join(parts)
    if fmt == "apx":
        names = [_apx_name(label) for label in af.labels]
        parts = [f"arg({name}).\n" for name in names]
        parts.extend(f"att({names[s]},{names[t]}).\n" for s, t in af.attacks)
        return "".join(parts)
    if fmt == "tgf":
        for label in af.labels:
            if not label or any(c.isspace() for c in label) or label == "#":
                raise UsageError(f"label {label!r} cannot be written to TGF (it needs a "
                                 "single word); use the af or apx format")
        parts = [f"{label}\n" for label in af.labels]
        parts.append("#\n")
        labels = af.labels
        parts.extend(f"{labels[s]} {labels[t]}\n" for s, t in af.attacks)
        return "".join(parts)
    raise UsageError(f"unknown framework format {format!r}; use one of {', '.join(FORMATS)}")


def _one_line(label: str) -> str:
    return " ".join(label.split()) or "_"


_APX_PLAIN = re.compile(r"[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*")


def _apx_name(label: str) -> str:
    if _APX_PLAIN.fullmatch(label):
        return label
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _diag(file: str | None, line: int, column: int, code: str, message: str,
          hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, Location(file, line, column), hint=hint)


def _note(file: str | None, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(code, message, Location(file, line, column), Severity.WARNING)


def _duplicate_attack(file: str | None, line: int, column: int, attacker: str, target: str,
                      times: int) -> Diagnostic:
    return _note(file, line, column, "duplicate-attack",
                 f"the attack {attacker} -> {target} is listed {times} times; the attack "
                 "relation is a set, so it counts once")


def _line_keys(body: str, count: int) -> list[str] | bool:
    """Repeated attacks, found from the lines when ``body`` holds ``count`` attacks one
    per line, each written one way only ("i j": single spaces, no leading zeros): False
    if the lines are not like that, True if no line is repeated, else the lines (one key
    per attack, for :func:`_dedupe`).  Decided in C."""
    if ("\t" in body or "\r" in body or "  " in body or "\n " in body or " \n" in body
            or body.startswith(" ") or "\n\n" in body.rstrip("\n")):
        return False
    if " 0" in body or "\n0" in body or body.startswith("0"):
        return False  # a leading zero (0 itself is no argument: checked before)
    lines = body.rstrip("\n").split("\n") if body.strip() else []
    if len(lines) != count:
        return False
    if len(set(lines)) == count:  # a set is built faster than a dict
        return True
    return lines


def _attack_keys(sources: Sequence[int], targets: Sequence[int], n: int) -> list[int] | None:
    """``None`` if no attack is repeated (the common case, decided in C), else one
    integer key per attack."""
    from operator import add  # noqa: PLC0415 -- only readers need it

    keys = list(map(add, map((n + 1).__mul__, sources), targets))
    return None if len(set(keys)) == len(keys) else keys


#: Up to this many repeated attacks are deleted from copies of the lists one by one
#: (each deletion moves the rest of a list in C); more are filtered in one pass.
_DELETE_ONE_BY_ONE = 64


def _dedupe(sources: list[int], targets: list[int], keys: Sequence[Hashable]
            ) -> tuple[list[int], list[int], dict[int, int]]:
    """The attacks without repeats (each kept at its last occurrence, in order), and
    for each repeated attack the index of its first occurrence mapped to how often it is
    listed.  ``keys`` has one key per attack, equal for equal attacks.

    Repeats are rare: they are found with loops in C (a count of each key, then the
    positions of the keys counted more than once), and only they are looked at one by
    one; the lists given are not changed.
    """
    from collections import Counter  # noqa: PLC0415 -- rare path
    from itertools import compress  # noqa: PLC0415 -- same

    times = Counter(keys)
    repeated = set(compress(times, map((1).__lt__, times.values())))
    del times
    groups: dict[Hashable, list[int]] = {}
    for k in compress(range(len(keys)), map(repeated.__contains__, keys)):
        groups.setdefault(keys[k], []).append(k)
    counts = {group[0]: len(group) for group in groups.values()}
    drop = sorted(k for group in groups.values() for k in group[:-1])
    if len(drop) <= _DELETE_ONE_BY_ONE:
        kept_s, kept_t = sources.copy(), targets.copy()
        for k in reversed(drop):
            del kept_s[k], kept_t[k]
        return kept_s, kept_t, counts
    keep = bytearray(b"\x01") * len(keys)
    for k in drop:
        keep[k] = 0
    return list(compress(sources, keep)), list(compress(targets, keep)), counts


# --- af ------------------------------------------------------------------------------

_HEADER = re.compile(r"p\s+af\s+(\d+)\s*")
_COMMENTS = re.compile(r"^#[^\n]*(?:\n|$)", re.MULTILINE)


def _read_af(text: str, file: str | None, names: bool,
             max_arguments: int) -> ParsedFramework:
    # Find the header: the first line that is neither blank nor a comment.
    pos = 0
    line_no = 0
    header: re.Match[str] | None = None
    length = len(text)
    while pos < length:
        end = text.find("\n", pos)
        if end < 0:
            end = length
        line_no += 1
        line = text[pos:end].rstrip("\r")
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            header = _HEADER.fullmatch(stripped)
            if header is None:
                raise FrameworkSyntaxError([_diag(
                    file, line_no, 1 + len(line) - len(line.lstrip()), "af-header",
                    f"expected the header 'p af N', found {stripped[:40]!r}",
                    "an ICCMA 2023 .af file starts with 'p af' and the number of arguments",
                )])
            pos = end + 1
            break
        pos = end + 1
    if header is None:
        raise FrameworkSyntaxError([_diag(file, max(line_no, 1), 1, "af-header",
                                          "missing the header 'p af N'",
                                          "an ICCMA 2023 .af file starts with 'p af N'")])
    digits = header.group(1).lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS or int(digits) > max_arguments:
        n_declared = int(digits) if len(digits) <= _MAX_DIGITS else 2
        shown = f"{int(digits):,}" if len(digits) <= _MAX_DIGITS else (
            f"a {len(digits):,}-digit number of")
        raise FrameworkSyntaxError([_diag(
            file, line_no, 1, "af-header",
            f"the header declares {shown} {noun(n_declared, 'argument')}, more than the limit of "
            f"{max_arguments:,}",
            "memory is set aside for every declared argument; raise the limit "
            "(max_arguments, --max-arguments) if the framework really is that large",
        )])
    n = int(digits)
    body = text[pos:]
    labels: tuple[str, ...] | None = None
    if "#" in body:
        if names:
            labels = _names_from_comments(body, n)
        body = _COMMENTS.sub("", body)
    numbers = _numbers(body)
    if numbers is not None and len(numbers) % 2 == 0 and (
        not numbers or (max(numbers) <= n and min(numbers) > 0)
    ):
        sources, targets = numbers[0::2], numbers[1::2]
        del numbers
        notes: tuple[Diagnostic, ...] = ()
        by_line = _line_keys(body, len(sources))
        keys: Sequence[Hashable] | None = (
            None if by_line is True
            else by_line if by_line is not False
            else _attack_keys(sources, targets, n))
        if keys is not None:
            kept_s, kept_t, counts = _dedupe(sources, targets, keys)
            del keys, by_line
            notes = _af_repeats(text, line_no, pos, counts, sources, targets, file)
            sources, targets = kept_s, kept_t
        return ParsedFramework(Framework._trusted(
            NumberLabels(n) if labels is None else labels, sources, targets, 1
        ), notes)
    # Slow path: find and locate every problem.
    raise FrameworkSyntaxError(_af_problems(text, line_no, pos, n, file))


def _af_repeats(text: str, header_line: int, pos: int, counts: dict[int, int],
                sources: Sequence[int], targets: Sequence[int],
                file: str | None) -> tuple[Diagnostic, ...]:
    """A note for each repeated attack (at most _MAX_DIAGNOSTICS), where it is first
    listed; ``sources`` and ``targets`` are the attacks as listed, repeats included."""
    wanted = sorted(counts)[:_MAX_DIAGNOSTICS]
    body = text[pos:]
    lines = body.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    places: dict[int, tuple[int, int]] = {}  # attack -> (row, column)
    if (len(lines) == len(sources) and "\n#" not in body and "\n\n" not in body
            and not body.startswith("#")):
        for index in wanted:  # one attack per line and nothing else: on line `index`
            raw = lines[index]
            places[index] = (index, len(raw) - len(raw.lstrip()) + 1)
    else:  # find the line of each attack's first number
        pending = iter(wanted)
        k: int | None = next(pending, None)
        seen = 0  # numbers on the lines before this one
        for row, raw in enumerate(lines):
            if k is None:
                break
            if raw.startswith("#"):
                continue
            words = [m.start() + 1 for m in re.finditer(r"\S+", raw)]
            while k is not None and 2 * k < seen + len(words):
                places[k] = (row, words[2 * k - seen])
                k = next(pending, None)
            seen += len(words)
    found = [_duplicate_attack(file, header_line + 1 + places[k][0], places[k][1],
                               str(sources[k]), str(targets[k]), counts[k])
             for k in wanted if k in places]
    more = len(counts) - len(found)
    if more > 0:
        found.append(_note(file, header_line, 1, "duplicate-attack",
                           f"and {more:,} more {noun(more, 'attack')} listed more than once"))
    return tuple(found)


_DIGITS = b"0123456789 \n"


_TO_COMMAS = bytes.maketrans(b" \t\r\n\f\v", b",,,,,,")


def _numbers(body: str) -> list[int] | None:
    """The whitespace-separated numbers of ``body``, or ``None`` if anything else is there
    (or a number too long to be an argument).

    The JSON parser turns a comma-separated list into ints far faster than ``int`` on
    each word, so well-formed files take that path (bytes throughout: one C pass turns
    the whitespace into commas).
    """
    try:
        raw = body.encode("ascii")
    except UnicodeEncodeError:
        return None
    if raw.translate(None, _DIGITS).translate(None, b"\t\r\f\v"):
        return None
    listed = raw.translate(_TO_COMMAS).strip(b",")
    if not listed:
        return []
    if b",," in listed:
        listed = b",".join(raw.split())
    import json  # noqa: PLC0415 -- only readers of .af files need it

    try:
        numbers = json.loads(b"[" + listed + b"]")
    except ValueError:  # leading zeros, for example, or a number of thousands of digits
        words = raw.split()
        if any(len(w) > _MAX_DIGITS for w in words):
            return None
        numbers = list(map(int, words))
    return numbers if isinstance(numbers, list) else None


def _names_from_comments(body: str, n: int) -> tuple[str, ...] | None:
    found = [m.group(0)[1:].strip() for m in _COMMENTS.finditer(body)]
    if len(found) != n or any(not x or len(x.split()) != 1 for x in found):
        return None
    if len(set(found)) != n:
        return None
    return tuple(found)


def _af_problems(text: str, header_line: int, pos: int, n: int,
                 file: str | None) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for offset, raw in enumerate(text[pos:].split("\n")):
        line_no = header_line + 1 + offset
        line = raw.rstrip("\r")
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        col = len(line) - len(stripped) + 1
        words = [(m.start() + 1, m.group(0)) for m in re.finditer(r"\S+", line)]
        if len(words) != 2:
            problems.append(_diag(file, line_no, col, "af-attack",
                                  f"expected an attack 'i j', found {stripped[:40]!r}",
                                  "each line after the header is two argument numbers"))
        for column, word in words[:2]:
            if not (word.isascii() and word.isdigit()):
                problems.append(_diag(file, line_no, column, "af-attack",
                                      f"{word[:20]!r} is not an argument number"))
            elif len(word) > _MAX_DIGITS or not 1 <= int(word) <= n:
                shown = word if len(word) <= 20 else f"{word[:12]}... ({len(word):,} digits)"
                problems.append(_diag(file, line_no, column, "af-range",
                                      f"argument {shown} is outside 1..{n}",
                                      "the header 'p af N' declares arguments 1 to N"))
        if len(problems) >= _MAX_DIAGNOSTICS:
            break
    if not problems:  # pragma: no cover - the fast path only fails on a real problem
        problems.append(_diag(file, header_line, 1, "af-attack", "malformed attack lines"))
    return problems


# --- apx -----------------------------------------------------------------------------

_APX_TERM = r'(?:"(?:[^"\\\n]|\\.)*"|[A-Za-z0-9_]+)'
_APX_STATEMENT = re.compile(
    r"\s*(?:(arg)\s*\(\s*(" + _APX_TERM + r")\s*\)|(att)\s*\(\s*(" + _APX_TERM
    + r")\s*,\s*(" + _APX_TERM + r")\s*\))\s*\."
)
_APX_SKIP = re.compile(r"(?:\s+|%[^\n]*)+")


def _apx_unquote(term: str) -> str:
    if term.startswith('"'):
        return re.sub(r"\\(.)", r"\1", term[1:-1])
    return term


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _read_apx(text: str, file: str | None) -> ParsedFramework:
    labels: list[str] = []
    index: dict[str, int] = {}
    raw_attacks: list[tuple[str, str, int]] = []
    problems: list[Diagnostic] = []
    notes: list[Diagnostic] = []
    pos = 0
    length = len(text)
    while pos < length:
        skip = _APX_SKIP.match(text, pos)
        if skip:
            pos = skip.end()
            if pos >= length:
                break
        m = _APX_STATEMENT.match(text, pos)
        if m is None:
            line, col = _line_col(text, pos)
            snippet = text[pos:pos + 30].split("\n", maxsplit=1)[0]
            problems.append(_diag(file, line, col, "apx-syntax",
                                  f"expected 'arg(name).' or 'att(a,b).', found {snippet!r}"))
            nxt = text.find(".", pos)
            if nxt < 0 or len(problems) >= _MAX_DIAGNOSTICS:
                break
            pos = nxt + 1
            continue
        if m.group(1):
            name = _apx_unquote(m.group(2))
            if name in index:
                if len(notes) < _MAX_DIAGNOSTICS:
                    line, col = _line_col(text, m.start(2))
                    notes.append(_note(file, line, col, "duplicate-argument",
                                       f"argument {name!r} is declared twice; it is one "
                                       "argument"))
            else:
                index[name] = len(labels)
                labels.append(name)
        else:
            raw_attacks.append((_apx_unquote(m.group(4)), _apx_unquote(m.group(5)), m.start()))
        pos = m.end()
    sources: list[int] = []
    targets: list[int] = []
    places: list[int] = []
    for attacker, target, where in raw_attacks:
        s = index.get(attacker)
        t = index.get(target)
        if s is None or t is None:
            if len(problems) < _MAX_DIAGNOSTICS:
                line, col = _line_col(text, where)
                missing = attacker if s is None else target
                problems.append(_diag(file, line, col, "apx-unknown",
                                      f"attack names an undeclared argument {missing!r}",
                                      f"declare it with arg({_apx_name(missing)})."))
            continue
        sources.append(s)
        targets.append(t)
        places.append(where)
    if problems:
        raise FrameworkSyntaxError(problems[:_MAX_DIAGNOSTICS])
    if _attack_keys(sources, targets, len(labels)) is not None:
        sources, targets, _ = _repeats_noted(sources, targets, labels, places, text, file,
                                             notes)
    return ParsedFramework(Framework._trusted(tuple(labels), sources, targets, 0),
                           tuple(notes))


def _repeats_noted(sources: list[int], targets: list[int], labels: Sequence[str],
                   places: list[int], text: str, file: str | None,
                   notes: list[Diagnostic]) -> tuple[list[int], list[int], dict[int, int]]:
    """Drop repeated attacks, with a note for each (located by character offset)."""
    keys = _attack_keys(sources, targets, len(labels)) or []
    kept_s, kept_t, counts = _dedupe(sources, targets, keys)
    for k in sorted(counts)[:_MAX_DIAGNOSTICS]:
        line, col = _line_col(text, places[k])
        notes.append(_duplicate_attack(file, line, col, labels[sources[k]],
                                       labels[targets[k]], counts[k]))
    if len(counts) > _MAX_DIAGNOSTICS:
        notes.append(_note(file, 1, 1, "duplicate-attack",
                           f"and {len(counts) - _MAX_DIAGNOSTICS:,} more "
                           f"{noun(len(counts) - _MAX_DIAGNOSTICS, 'attack')} listed "
                           "more than once"))
    return kept_s, kept_t, counts


# --- tgf -----------------------------------------------------------------------------


def _read_tgf(text: str, file: str | None) -> ParsedFramework:
    labels: list[str] = []
    index: dict[str, int] = {}
    sources: list[int] = []
    targets: list[int] = []
    places: list[int] = []
    problems: list[Diagnostic] = []
    notes: list[Diagnostic] = []
    in_edges = False
    offset = 0
    for line_no, raw in enumerate(text.split("\n"), start=1):
        here = offset
        offset += len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        col = len(raw) - len(raw.lstrip()) + 1
        if line == "#":
            if in_edges:
                problems.append(_diag(file, line_no, col, "tgf-syntax",
                                      "a second '#' line", "TGF has one '#' line between "
                                      "the nodes and the edges"))
            in_edges = True
            continue
        words = line.split()
        if not in_edges:
            name = words[0]
            if name in index:
                if len(notes) < _MAX_DIAGNOSTICS:
                    notes.append(_note(file, line_no, col, "duplicate-argument",
                                       f"argument {name!r} is declared twice; it is one "
                                       "argument"))
                continue
            index[name] = len(labels)
            labels.append(name)
            continue
        if len(words) < 2:
            problems.append(_diag(file, line_no, col, "tgf-syntax",
                                  f"expected an edge 'a b', found {line[:40]!r}"))
        else:
            s = index.get(words[0])
            t = index.get(words[1])
            if s is None or t is None:
                missing = words[0] if s is None else words[1]
                column = col if s is None else raw.index(words[1], col - 1 + len(words[0])) + 1
                problems.append(_diag(file, line_no, column, "tgf-unknown",
                                      f"edge names an undeclared node {missing!r}",
                                      "list every node before the '#' line"))
            else:
                sources.append(s)
                targets.append(t)
                places.append(here + col - 1)
        if len(problems) >= _MAX_DIAGNOSTICS:
            break
    if problems:
        raise FrameworkSyntaxError(problems)
    if _attack_keys(sources, targets, len(labels)) is not None:
        sources, targets, _ = _repeats_noted(sources, targets, labels, places, text, file,
                                             notes)
    return ParsedFramework(Framework._trusted(tuple(labels), sources, targets, 0),
                           tuple(notes))
