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
problem found (line and column, 1-based).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from argmap._af.framework import Framework, NumberLabels
from argmap.errors import ArgmapError, Diagnostic, Location, UsageError

__all__ = [
    "FORMATS",
    "FrameworkSyntaxError",
    "format_for_path",
    "read_framework",
    "write_framework",
]

#: The framework formats argmap reads and writes, by name (= file extension).
FORMATS = ("af", "apx", "tgf")

_MAX_DIAGNOSTICS = 20

#: The largest number of arguments an ``.af`` header may declare (memory is allocated
#: per declared argument).
MAX_ARGUMENTS = 50_000_000


class FrameworkSyntaxError(ArgmapError):
    """A framework file is malformed; ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else "malformed framework"
        more = len(self.diagnostics) - 1
        suffix = f" (and {more} more problem(s))" if more > 0 else ""
        super().__init__(f"{first}{suffix}")


def format_for_path(path: str) -> str | None:
    """The framework format of a file name (``af``, ``apx`` or ``tgf``), or ``None``."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return suffix if suffix in FORMATS else None


def read_framework(
    text: str, format: str, *, file: str | None = None, names: bool = False
) -> Framework:
    """Parse a framework in ``format`` (``af``, ``apx`` or ``tgf``).

    ``file`` names the input in diagnostics.  Raises :class:`FrameworkSyntaxError` for a
    malformed input and :class:`~argmap.errors.UsageError` for an unknown format.

    >>> af = read_framework("p af 3\\n# a comment\\n1 2\\n2 3\\n", "af")
    >>> list(af.labels), list(af.attacks)
    (['1', '2', '3'], [(0, 1), (1, 2)])
    >>> read_framework("arg(a). arg(b). att(a,b).", "apx").labels
    ('a', 'b')
    """
    fmt = format.lower().lstrip(".")
    if fmt == "af":
        return _read_af(text, file, names)
    if fmt == "apx":
        return _read_apx(text, file)
    if fmt == "tgf":
        return _read_tgf(text, file)
    raise UsageError(f"unknown framework format {format!r}; use one of {', '.join(FORMATS)}")


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


# --- af ------------------------------------------------------------------------------

_HEADER = re.compile(r"p\s+af\s+(\d+)\s*")
_COMMENTS = re.compile(r"^#[^\n]*(?:\n|$)", re.MULTILINE)


def _read_af(text: str, file: str | None, names: bool) -> Framework:
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
    n = int(header.group(1))
    if n > MAX_ARGUMENTS:
        raise FrameworkSyntaxError([_diag(
            file, line_no, 1, "af-header",
            f"the header declares {n:,} arguments, more than the limit of {MAX_ARGUMENTS:,}",
        )])
    body = text[pos:]
    labels: tuple[str, ...] | None = None
    if "#" in body:
        if names:
            labels = _names_from_comments(body, n)
        body = _COMMENTS.sub("", body)
    numbers = _numbers(body)
    if numbers is not None and len(numbers) % 2 == 0 and (
        not numbers or (max(numbers) <= n and 0 not in numbers)
    ):
        return Framework._trusted(
            NumberLabels(n) if labels is None else labels, numbers[0::2], numbers[1::2], 1
        )
    # Slow path: find and locate every problem.
    raise FrameworkSyntaxError(_af_problems(text, line_no, pos, n, file))


_DIGITS = b"0123456789 \n"


_TO_COMMAS = bytes.maketrans(b" \t\r\n\f\v", b",,,,,,")


def _numbers(body: str) -> list[int] | None:
    """The whitespace-separated numbers of ``body``, or ``None`` if anything else is there.

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
    except ValueError:  # leading zeros, for example
        numbers = list(map(int, raw.split()))
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
            if not word.isdigit():
                problems.append(_diag(file, line_no, column, "af-attack",
                                      f"{word[:20]!r} is not an argument number"))
            elif not 1 <= int(word) <= n:
                problems.append(_diag(file, line_no, column, "af-range",
                                      f"argument {word} is outside 1..{n}",
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


def _read_apx(text: str, file: str | None) -> Framework:
    labels: list[str] = []
    index: dict[str, int] = {}
    raw_attacks: list[tuple[str, str, int]] = []
    problems: list[Diagnostic] = []
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
                line, col = _line_col(text, m.start(2))
                problems.append(_diag(file, line, col, "apx-duplicate",
                                      f"argument {name!r} is declared twice", None))
            else:
                index[name] = len(labels)
                labels.append(name)
        else:
            raw_attacks.append((_apx_unquote(m.group(4)), _apx_unquote(m.group(5)), m.start()))
        pos = m.end()
    sources: list[int] = []
    targets: list[int] = []
    for attacker, target, where in raw_attacks:
        s = index.get(attacker)
        t = index.get(target)
        if s is None or t is None:
            line, col = _line_col(text, where)
            missing = attacker if s is None else target
            problems.append(_diag(file, line, col, "apx-unknown",
                                  f"attack names an undeclared argument {missing!r}",
                                  f"declare it with arg({_apx_name(missing)})."))
            continue
        sources.append(s)
        targets.append(t)
    # Duplicate declarations are reported but harmless; stop only on real errors.
    errors = [p for p in problems if p.code != "apx-duplicate"]
    if errors:
        raise FrameworkSyntaxError(problems[:_MAX_DIAGNOSTICS])
    return Framework(labels, sources, targets)


# --- tgf -----------------------------------------------------------------------------


def _read_tgf(text: str, file: str | None) -> Framework:
    labels: list[str] = []
    index: dict[str, int] = {}
    sources: list[int] = []
    targets: list[int] = []
    problems: list[Diagnostic] = []
    in_edges = False
    for line_no, raw in enumerate(text.split("\n"), start=1):
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
                problems.append(_diag(file, line_no, col, "tgf-duplicate",
                                      f"argument {name!r} is declared twice"))
                continue
            index[name] = len(labels)
            labels.append(name)
            continue
        if len(words) < 2:
            problems.append(_diag(file, line_no, col, "tgf-syntax",
                                  f"expected an edge 'a b', found {line[:40]!r}"))
            continue
        s = index.get(words[0])
        t = index.get(words[1])
        if s is None or t is None:
            missing = words[0] if s is None else words[1]
            column = col if s is None else raw.index(words[1], col - 1 + len(words[0])) + 1
            problems.append(_diag(file, line_no, column, "tgf-unknown",
                                  f"edge names an undeclared node {missing!r}",
                                  "list every node before the '#' line"))
            continue
        sources.append(s)
        targets.append(t)
        if len(problems) >= _MAX_DIAGNOSTICS:
            break
    if problems:
        raise FrameworkSyntaxError(problems)
    return Framework(labels, sources, targets)
