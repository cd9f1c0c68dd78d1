"""The outline layout: a map as an indented tree of boxes flowed into columns.

A layered diagram of a debate leaves most of its area empty (the seed debate's boxes
cover about 12 % of its drawing), so fitted on one page its text prints too small to
read.  The outline is the dense print layout debaters and teachers know from outliners
and debate "flows": every main thesis with what bears on it indented below, one level
per relation, the column of boxes cut into newspaper columns.

* **Structure** (:func:`outline_rows`): the roots are the focused node (``--focus``),
  the main theses (with sides, a heading row per side first), then the nodes nothing
  drawn bears on (a conclusion no argument uses as a premise, an attacker nothing
  attacks...), in file order, then what only a cycle reaches.  A root is never nested
  under another: a relation between two main theses is a reference row.  Under a
  claim or evidence come the arguments for it and its attackers;
  under an argument row its premises and what undercuts it; under an objection row
  (an attack with co-premises, or one that is itself undercut) its attackers.  An
  argument of one premise, without a title or warrant, that nothing attacks and that
  attacks nothing is *folded*: its premise hangs directly under the conclusion, and the
  support connector carries the argument (its id is in the premise's header and on
  the connector in SVG).  A node is drawn in full once, where it is first reached;
  elsewhere (and on a cycle) a one-line reference row ``see N · id · first words``
  points to the full box, whose header starts with its number N.  A contradiction is
  a row ``contradicts N (id)`` under each of its two claims.  The walk keeps a
  visited set and an explicit stack: linear in the map, whatever its depth or cycles.
* **Measure**: Graphviz sizes every row's label (``dot -Tjson0`` over the nodes
  alone, with the labels, fonts and margins the map uses).
* **Flow** (:func:`flow`): rows go down a column of fixed width (the widest box plus
  the indent: :data:`INDENT` points a level for :data:`FULL_LEVELS` levels, then a
  narrower :data:`DEEP_INDENT`, capped at :data:`INDENT_CAP` levels: deeper rows keep
  the cap and show their level), and into the next column when full.  A parent stays with its first
  child; a column that starts inside a subtree repeats ``under N · id (continued)``.
  The number of columns and the column height are chosen to print the text as large
  as possible on the page (without a page: for a landscape, about √2, drawing).
* **Draw** (:func:`outline_graph`): the rows as Graphviz nodes at fixed positions and
  the connectors as edges with explicit straight splines (the ``nop2`` layout:
  Graphviz draws what it is given), built with the graphviz package's quoting; a rail
  runs down from each parent, with a tick to each child that shows the relation as
  the map does: support a solid arrow into the rail, attack a dashed line ending in a
  bar, a premise of an argument row a plain line, a contradiction a double line.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from argmap._render.backend import run_engine
from argmap._render.build import STATUS_MARKS, NodeInfo, _Builder, _font, _lines
from argmap._render.text import label_text, shorten, wrap
from argmap._words import count
from argmap.errors import ArgmapError, UsageError
from argmap.model import Argument, ArgumentMap, Attack, Claim, Evidence

if TYPE_CHECKING:
    import graphviz

    from argmap._render.options import RenderOptions

__all__ = [
    "COLUMN_GAP",
    "INDENT",
    "INDENT_CAP",
    "LANDSCAPE",
    "Outline",
    "OutlineDrawing",
    "OutlineResult",
    "Row",
    "draw_outline",
    "fit",
    "flow",
    "flow_pages",
    "outline_output",
    "outline_rows",
    "render_outline",
]

#: Points each of the first :data:`FULL_LEVELS` levels of the outline is indented by.
INDENT = 18.0
#: Levels indented by :data:`INDENT`; deeper ones by the narrower :data:`DEEP_INDENT`
#: (every level keeps an indent and a rail of its own, the column stays narrow).
FULL_LEVELS = 3
DEEP_INDENT = 10.0
#: Points from a box's left edge to the rail its children's connectors join (a box
#: deeper than :data:`FULL_LEVELS`: :data:`DEEP_RAIL`).
RAIL = 6.0
DEEP_RAIL = 3.0
#: Levels of indent at most; deeper rows stay at this indent and name their level.
INDENT_CAP = 10
#: Points between two columns.
COLUMN_GAP = 22.0
#: The aspect (width / height) an outline aims at without a page: landscape paper.
LANDSCAPE = math.sqrt(2.0)
#: Points between rows: before a root and before a side heading, between others.
GAP_ROOT = 12.0
GAP_HEADING = 16.0
GAP = 4.0
#: Points between the key band (title and key) and the columns.
BAND_GAP = 10.0
#: On pages (``tile``): points kept free at the top of each page, and at its foot for
#: the page number (in the drawing's points, before the scale).
PAGE_TOP = 4.0
PAGE_SIDE = 5.0
PAGE_FOOTER = 20.0
#: The most columns an outline is flowed into.
MAX_COLUMNS = 200

_BOX_KINDS = frozenset({"box", "argument", "attack"})


@attrs.define(slots=True)
class Row:
    """One row of the outline, in reading order.

    ``kind``: ``heading`` (a side), ``box`` (a claim or evidence in full),
    ``argument`` (an argument row), ``attack`` (an objection row), ``ref`` (a reference
    to a box drawn elsewhere) or ``contra`` (a contradiction).  ``key`` names what
    the row shows (a node id; an objection row's ``~attack:ID`` or ``~attack-N``);
    ``parent`` is the row index of the parent (-1 for a root);
    ``tick`` the class of the connector to the parent (the map's edge classes:
    ``support``, ``premise``, ``attack rebut``, ``attack-premise``,
    ``contradiction``; a folded argument's ``support folded``); ``via`` the folded
    argument's id; ``number`` the box number (full rows only).
    """

    kind: str
    key: str
    depth: int
    parent: int
    tick: str | None = None
    via: str | None = None
    number: int = 0
    width: float = 0.0
    height: float = 0.0
    column: int = 0
    top: float = 0.0


@attrs.frozen
class Outline:
    """The rows, each box's number by key, and the map's relations the rows draw."""

    rows: list[Row]
    numbers: Mapping[str, int]
    attacks: Mapping[str, tuple[int, Attack]]


def _attack_key(index: int, attack: Attack) -> str:
    return f"~attack-{index}" if attack.id is None else f"~attack:{attack.id}"


def outline_rows(argmap: ArgumentMap, shown: Callable[[str], bool],
                 drawn_args: Mapping[str, Argument],
                 planned: list[tuple[int, Attack, str | None]],
                 focus: str | None = None) -> Outline:
    """The outline of the drawn part of ``argmap`` (see the module's docstring).

    ``shown`` says which nodes are drawn, ``drawn_args`` the arguments drawn (shown,
    with their conclusion shown) and ``planned`` the attacks drawn (with a name when
    the attack gets a row of its own), as the map's builder decides them; ``focus``
    (drawn) is the first root.
    """
    args_for: dict[str, list[Argument]] = {}
    for arg in drawn_args.values():
        args_for.setdefault(arg.conclusion, []).append(arg)
    attack_rows: dict[str, tuple[int, Attack]] = {}
    attack_by_id: dict[str, str] = {}
    attacks_on: dict[str, list[tuple[int, Attack, bool]]] = {}
    attackers: set[str] = set()
    for index, attack, name in planned:
        key = _attack_key(index, attack)
        if name is not None:
            attack_rows[key] = (index, attack)
        if attack.id is not None:
            attack_by_id.setdefault(attack.id, key)
        attackers.update(attack.attackers)
    for index, attack, name in planned:
        target = attack.target
        if argmap.node(target) is None and target in attack_by_id:
            target = attack_by_id[target]
        attacks_on.setdefault(target, []).append((index, attack, name is not None))
    contra: dict[str, list[str]] = {}
    for contradiction in argmap.contradictions:
        a, b = contradiction.claims
        if shown(a) and shown(b):
            contra.setdefault(a, []).append(b)
            contra.setdefault(b, []).append(a)

    def folded(arg: Argument) -> bool:
        return (len(arg.premises) == 1 and not arg.title and not arg.warrant
                and shown(arg.premises[0])
                and arg.id not in attacks_on and arg.id not in attackers
                and arg.id not in args_for)

    Child = tuple[str, str, str | None, str | None]  # kind, key, tick, via

    def attack_children(key: str) -> Iterator[Child]:
        for index, attack, own_row in attacks_on.get(key, ()):
            kind = argmap.attack_type(attack)
            tick = f"attack {kind.value if kind is not None else 'rebut'}"
            if own_row:
                yield "attack", _attack_key(index, attack), tick, None
            else:
                yield _kind(attack.attacker), attack.attacker, tick, None

    def _kind(node_id: str) -> str:
        return "argument" if node_id in argmap.arguments else "box"

    def children(row: Row) -> Iterator[Child]:
        if row.kind == "box":
            for arg in args_for.get(row.key, ()):
                if folded(arg):
                    premise = arg.premises[0]
                    carried.add(arg.id)
                    yield _kind(premise), premise, "support folded", arg.id
                else:
                    yield "argument", arg.id, "support", None
            yield from attack_children(row.key)
            for other in contra.get(row.key, ()):
                yield "contra", other, "contradiction", None
        elif row.kind == "argument":
            arg = argmap.arguments[row.key]
            for premise in arg.premises:
                if shown(premise):
                    yield _kind(premise), premise, "premise", None
            for sub in args_for.get(row.key, ()):
                yield "argument", sub.id, "support", None
            yield from attack_children(row.key)
        elif row.kind == "attack":
            _, attack = attack_rows[row.key]
            for attacker in attack.attackers:
                yield _kind(attacker), attacker, "attack-premise", None
            yield from attack_children(row.key)

    rows: list[Row] = []
    numbers: dict[str, int] = {}
    carried: set[str] = set()  # folded arguments: drawn as their premise's connector
    # the roots chosen up front (the focus, the main theses): never nested under one
    # another, a relation between two of them is a reference row
    reserved: set[str] = set()

    def walk(kind: str, key: str) -> None:
        """Emit ``key`` as a root and everything under it, depth first."""
        numbers[key] = len(numbers) + 1
        rows.append(Row(kind, key, 0, -1, number=numbers[key]))
        stack: list[tuple[int, Iterator[Child]]] = [(len(rows) - 1, children(rows[-1]))]
        while stack:
            parent, pending = stack[-1]
            child = next(pending, None)
            if child is None:
                stack.pop()
                continue
            child_kind, child_key, tick, via = child
            depth = rows[parent].depth + 1
            if child_kind == "contra" or child_key in numbers or child_key in reserved:
                rows.append(Row("contra" if child_kind == "contra" else "ref", child_key,
                                depth, parent, tick, via))
                continue
            numbers[child_key] = len(numbers) + 1
            rows.append(Row(child_kind, child_key, depth, parent, tick, via,
                            number=numbers[child_key]))
            stack.append((len(rows) - 1, children(rows[-1])))

    def side_of(node_id: str) -> str | None:
        side = argmap.side_of(node_id)
        return side if side in argmap.sides else None

    last_heading: list[tuple[str | None, int]] = []

    def root(kind: str, key: str, side: str | None, phase: int) -> None:
        if key in numbers or key in carried:
            return
        reserved.discard(key)
        if argmap.sides and last_heading[-1:] != [(side, phase)]:
            last_heading.append((side, phase))
            rows.append(Row("heading", f"{phase}:{side or ''}", 0, -1))
        walk(kind, key)

    side_order = {side: i for i, side in enumerate(argmap.sides)}

    def by_side(node_id: str) -> int:
        side = side_of(node_id)
        return side_order[side] if side is not None else len(side_order)

    mains = [c.id for c in argmap.main_claims if shown(c.id)]
    main_set = set(mains)
    focused = focus if focus is not None and shown(focus) else None
    reserved.update(mains)
    if focused is not None:
        reserved.add(focused)
        root(_kind(focused), focused, side_of(focused), 1 if focused in main_set else 0)
    for claim_id in sorted(mains, key=by_side):
        root("box", claim_id, side_of(claim_id), 1)
    # then what nothing drawn bears on (a conclusion no argument uses, an attacker
    # nothing attacks...), each with its tree; last what only a cycle reaches
    below: set[str] = set()
    for arg in drawn_args.values():
        below.add(arg.id)
        below.update(p for p in arg.premises if shown(p))
    for _, attack, _ in planned:
        below.update(a for a in attack.attackers if shown(a))
    rest = [*(c for c in argmap.claims if shown(c)),
            *(e for e in argmap.evidence if shown(e)), *drawn_args]
    for node_id in sorted((n for n in rest if n not in below), key=by_side):
        root(_kind(node_id), node_id, side_of(node_id), 2)
    for node_id in sorted(rest, key=by_side):
        root(_kind(node_id), node_id, side_of(node_id), 2)
    return Outline(rows, numbers, attack_rows)


# -- flowing rows into columns ------------------------------------------------------


def _gap(row: Row) -> float:
    if row.depth:
        return GAP
    return GAP_HEADING if row.kind == "heading" else GAP_ROOT


def _break_at(rows: list[Row], index: int, start: int) -> int:
    """Where a column that cannot take ``rows[index]`` ends: before ``index``, or one
    or two rows earlier to keep a parent with its first child and a heading with its
    root (never emptying the column)."""
    at = index
    if rows[at].parent == at - 1 and at - 1 > start:
        at -= 1
    if at - 1 > start and rows[at - 1].kind == "heading":
        at -= 1
    return at


def _columns_needed(rows: list[Row], height: float, cont: float, limit: int) -> int:
    """How many columns of ``height`` points the rows need (more than ``limit``: stop
    counting and return ``limit + 1``)."""
    columns = 1
    start = 0
    used = 0.0
    index = 0
    count = len(rows)
    while index < count:
        row = rows[index]
        need = row.height if index == start else _gap(row) + row.height
        if index > start and used + need > height:
            index = _break_at(rows, index, start)
            columns += 1
            if columns > limit:
                return columns
            start = index
            used = cont + GAP if rows[index].depth > 0 else 0.0
            continue
        used += need
        index += 1
    return columns


def _height_for(rows: list[Row], columns: int, cont: float, total: float) -> float:
    """The smallest column height (to a point) that flows into ``columns``."""
    low = max(max(r.height for r in rows) + cont + GAP, total / columns)
    if _columns_needed(rows, low, cont, columns) <= columns:
        return low
    high = total + cont
    while high - low > 1.0:
        middle = (low + high) / 2
        if _columns_needed(rows, middle, cont, columns) <= columns:
            high = middle
        else:
            low = middle
    return high


@attrs.frozen
class Flow:
    """The chosen flow: columns, their height and width, and the column breaks with the
    parent row each continued column repeats (``-1``: none)."""

    columns: int
    height: float
    column_width: float
    breaks: tuple[tuple[int, int], ...]


def flow(rows: list[Row], column_width: float, cont: float,
         score: Callable[[int, float], float], aspect: float = LANDSCAPE) -> Flow:
    """Flow ``rows`` (their heights measured) into the number of columns that gets the
    best ``score(columns, column height)``, and place every row (``column``, ``top``).

    Columns near the count that fills a drawing of ``aspect`` (width / height) are
    tried (about a dozen), each at the smallest height that holds the rows.
    """
    total = sum(r.height + _gap(r) for r in rows) or 1.0
    # k columns of about total / k points fill a drawing of this aspect when
    # k * column_width / (total / k) == aspect
    guess = math.sqrt(aspect * total / column_width)
    best: tuple[float, int, float] | None = None
    tried: set[int] = set()
    candidates = sorted({1, *range(max(1, int(guess) - 3), int(guess) + 5)})
    for columns in candidates:
        if columns > min(len(rows), MAX_COLUMNS) or columns in tried:
            continue
        tried.add(columns)
        height = _height_for(rows, columns, cont, total)
        if _columns_needed(rows, height, cont, columns) > columns:
            continue
        value = score(columns, height)
        if best is None or value > best[0] * 1.005:
            best = (value, columns, height)
    assert best is not None  # noqa: S101 -- one column always holds the rows
    _, columns, height = best
    return _place(rows, column_width, cont, height, lambda _column: height)


def flow_pages(rows: list[Row], column_width: float, cont: float, first: float,
               height: float, per_page: int) -> Flow:
    """Flow ``rows`` into columns of ``height`` points, ``per_page`` columns a page,
    those of the first page ``first`` points high (the title and key are above them),
    for as many pages as the rows need; place every row (``column``, ``top`` within
    its column).

    A column breaks only between rows (as :func:`flow` breaks them); a column continued
    from a parent starts with that parent's "continued" row.  A first-page column too
    short for the row it would start is left empty (the rows start on the next page).
    """
    def capacity(number: int) -> float:
        return first if number < per_page else height

    def opening(index: int) -> float:
        return cont + GAP if rows[index].depth > 0 and index > 0 else 0.0

    def short(number: int, index: int) -> bool:
        # a first-page column with no room under the title and key for the row that
        # would start it: the rows go on at the next page
        return number < per_page and capacity(number) < opening(index) + rows[index].height

    return _place(rows, column_width, cont, height, capacity, short)


def _place(rows: list[Row], column_width: float, cont: float, height: float,
           capacity: Callable[[int], float],
           short: Callable[[int, int], bool] = lambda _column, _index: False) -> Flow:
    """Place every row (``column``, ``top`` within its column) in columns of
    ``capacity(column)`` points, breaking only between rows (:func:`_break_at`); a
    column continued from a parent starts with that parent's "continued" row; a column
    ``short`` for the row that would start it is left empty."""
    breaks: list[tuple[int, int]] = []
    start = 0
    column = 0
    while rows and short(column, 0):
        column += 1
    used = 0.0
    index = 0
    while index < len(rows):
        row = rows[index]
        extra = 0.0 if index == start else _gap(row)
        if index > start and used + extra + row.height > capacity(column):
            index = _break_at(rows, index, start)
            column += 1
            while short(column, index):
                column += 1
            start = index
            parent = rows[index].parent if rows[index].depth > 0 else -1
            breaks.append((index, parent))
            used = cont + GAP if parent >= 0 else 0.0
            continue
        row.column = column
        row.top = used + extra
        used += extra + row.height
        index += 1
    return Flow(column + 1, height, column_width, tuple(breaks))


# -- labels -------------------------------------------------------------------------


def _indent(depth: int) -> float:
    level = min(depth, INDENT_CAP)
    return INDENT * min(level, FULL_LEVELS) + DEEP_INDENT * max(level - FULL_LEVELS, 0)


def _rail(depth: int) -> float:
    """Points from the left edge of a box at ``depth`` to its children's rail."""
    return RAIL if depth < FULL_LEVELS else DEEP_RAIL


class _NumberingBuilder(_Builder):
    """The map's label builder, with a prefix and a suffix for the header's kind and
    id (set around one label's making)."""

    prefix = ""
    suffix = ""

    def header(self, kind: str, node_id: str, side: str | None) -> str:
        # filled by side, a box needs no side name: its fill says it, the key names
        # the fills (the map's print theme names it because its side boxes are grey)
        shown = None if self.options.color_by == "side" else side
        return super().header(self.prefix + kind, node_id + self.suffix, shown)

    def node_status(self, node_id: str) -> str | None:
        if self.suffix and node_id.endswith(self.suffix):  # called back by header()
            node_id = node_id[:-len(self.suffix)]
        return super().node_status(node_id)

    def _id_header(self, kind: str, node_id: str, side: str | None) -> str:
        """With ``--label id``: the header without the id (the id is the body)."""
        parts = [label_text(self.prefix + kind)] + [
            label_text(part) for part in self.suffix.split(" · ") if part]
        side_shown = self.options.color_by == "side" or self.options.cluster_by == "side"
        if side is not None and side in self.map.sides and (
                not side_shown or self.theme.name == "print"):
            parts.append(label_text(self.map.sides[side].name))
        status = super().node_status(node_id) if self.options.color_by == "status" \
            else None
        if status is not None:
            parts.insert(0, f"<B>{STATUS_MARKS[status]}</B>")
        return _font(" · ".join(parts), size=9, color=self.theme.muted) + \
            '<BR ALIGN="LEFT"/>'

    def _id_body(self, node_id: str, bold: bool) -> str:
        body = _lines(wrap(node_id, self.options.wrap))
        return f"<B>{body}</B>" if bold else body

    def claim_label(self, claim: Claim) -> str:
        if self.options.label != "id":
            return super().claim_label(claim)
        kind = "MAIN THESIS" if claim.main else "CLAIM"
        side = None if self.options.color_by == "side" else claim.side
        return (f"<{self._id_header(kind, claim.id, side)}"
                f"{self._id_body(claim.id, claim.main)}>")

    def evidence_label(self, item: Evidence) -> str:
        if self.options.label != "id":
            return super().evidence_label(item)
        kind = "EVIDENCE" if item.type.value == "fact" else f"EVIDENCE ({item.type.value})"
        side = None if self.options.color_by == "side" else item.side
        return f"<{self._id_header(kind, item.id, side)}{self._id_body(item.id, False)}>"


class _Labels:
    """The label and style of every row, in the map's visual language."""

    def __init__(self, argmap: ArgumentMap, options: RenderOptions,
                 status: Mapping[str, str] | None, outline: Outline) -> None:
        self.map = argmap
        self.options = options
        self.builder = _NumberingBuilder(argmap, options, status)
        self.theme = self.builder.theme
        self.outline = outline

    def budget(self) -> int:
        """Characters of 10-point text that fit the width of a box of wrapped
        12-point text (a little wider: 10-point letters are narrower)."""
        return max(int(self.options.wrap * 1.15), 24) if self.options.wrap else 60

    def number(self, key: str) -> str:
        number = self.outline.numbers.get(key)
        return str(number) if number is not None else "?"

    def _numbered(self, row: Row, make: Callable[[], str]) -> str:
        """The label ``make()`` builds with the map's builder, its header starting
        with the box number and naming, after the id, the folded argument and the
        level of a row deeper than the indent shows (wrapped as the map wraps it)."""
        builder = self.builder
        builder.prefix = f"{row.number} · "
        builder.suffix = (f" · via {row.via}" if row.via is not None else "") + (
            f" · level {row.depth}" if row.depth > INDENT_CAP else "")
        try:
            label = make()
        finally:
            builder.prefix = builder.suffix = ""
        # the number in bold: the header comes first, after at most a status mark
        return label.replace(f"{row.number} · ", f"<B>{row.number}</B> · ", 1)

    def node_text(self, node_id: str) -> str:
        node = self.map.node(node_id)
        if node is None:
            return ""
        if isinstance(node, Argument):
            return node.title or " + ".join(node.premises)
        return node.title or node.text

    def attributes(self, row: Row, key: str) -> dict[str, str]:
        """The Graphviz attributes of the row's node (``key``: its SVG id)."""
        theme = self.theme
        builder = self.builder
        # a margin all round the text (Graphviz's own estimate of a line's width can
        # fall a little short of the printed one: a little more at the sides)
        small = {"margin": "0.08,0.05", "height": "0.2", "width": "0.2"}
        if row.kind == "heading":
            phase, _, side = row.key.partition(":")
            name = self.map.sides[side].name if side in self.map.sides else "No side"
            if phase == "2":
                name += ": not reached from a main thesis"
            elif phase == "0":
                name += ": in focus"
            fill = theme.side_colors(builder.side_index.get(side))[0] if side else \
                theme.neutral[0]
            lines = wrap(shorten(name, 160), max(self.budget() * 3 // 4, 16))
            return {"id": key, "class": "outline-heading", "shape": "box", "style": "filled",
                    "penwidth": "0", "fillcolor": fill, "margin": "0.08,0.04",
                    "label": "<" + _font("<B>" + "".join(
                        f"{label_text(line)}<BR/>" for line in lines) + "</B>", size=14) + ">"}
        if row.kind == "box":
            node = self.map.node(row.key)
            fill, border = builder.colors(row.key)
            if isinstance(node, Claim):
                attributes = {"fillcolor": fill, "color": border,
                              "label": self._numbered(row, lambda: builder.claim_label(node)),
                              "class": "claim main" if node.main else "claim",
                              "shape": "box", "style": "rounded,filled"}
                if node.main:
                    attributes.update(penwidth="3", peripheries="2")
            else:
                assert isinstance(node, Evidence)  # noqa: S101 -- boxes are claims/evidence
                attributes = {"fillcolor": fill, "color": border,
                              "label": self._numbered(
                                  row, lambda: builder.evidence_label(node)),
                              "class": "evidence", "shape": "note", "style": "filled"}
            style = builder.status_border(row.key)
            if style is not None:
                attributes["style"] += "," + style
                attributes["penwidth"] = attributes.get("penwidth", "2")
                attributes["class"] += " defeated" if style == "dashed" else " open"
            return {"id": key, **attributes}
        if row.kind == "argument":
            arg = self.map.arguments[row.key]
            if self.options.label == "id" or not arg.title:
                words = "premises jointly" if len(arg.premises) > 1 else ""
                if arg.warrant and self.options.label == "full":
                    # what keeps the row from being folded, in one line
                    warrant = "warrant: " + " ".join(arg.warrant.split())
                    words = shorten(f"{words}, {warrant}" if words else warrant,
                                    self.budget())
            else:
                words = arg.title + (f" ({arg.qualifier})" if arg.qualifier and
                                     self.options.label == "full" else "")
            # one line where it fits: number, id, then the title (or "premises jointly")
            head = f"<B>{row.number}</B> · ARGUMENT · {label_text(arg.id)}"
            plain = f"{row.number} · ARGUMENT · {arg.id}"
            if row.depth > INDENT_CAP:
                head += f" · level {row.depth}"
                plain += f" · level {row.depth}"
            text = _font(head, size=9, color=theme.muted)
            if words and len(plain) * 0.9 + len(words) + 3 <= self.budget():
                text += " " + _font(f"<I>{label_text(words)}</I>", size=10)
                text += '<BR ALIGN="LEFT"/>'
            elif words:  # each wrapped line ends in its own break
                lines = wrap(words, self.budget())
                text += '<BR ALIGN="LEFT"/>' + _font("<I>" + _lines(lines) + "</I>",
                                                      size=10)
            else:
                text += '<BR ALIGN="LEFT"/>'
            return {"id": key, "class": "argument", "shape": "box", "style": "rounded,filled",
                    "fillcolor": theme.inference_fill, "color": theme.support,
                    "penwidth": "1", "label": "<" + text + ">", **small}
        if row.kind == "attack":
            index, attack = self.outline.attacks[row.key]
            kind = self.map.attack_type(attack)
            kind_name = kind.value if kind is not None else "attack"
            name = attack.id or f"attack {index + 1}"
            words = "jointly" if attack.co_premises else ""
            head = (f"<B>{row.number}</B> · OBJECTION ({kind_name}) · "
                    f"{label_text(name)} {words}")
            return {"id": key, "class": "attack-inference", "shape": "box",
                    "style": "rounded,dashed,filled", "fillcolor": theme.inference_fill,
                    "color": theme.attack, "penwidth": "1",
                    "label": "<" + _font(head, size=9, color=theme.muted) + ">", **small}
        if row.kind in ("ref", "contra"):
            # one line of 10-point text no wider than a box: the id and the words cut
            budget = self.budget()
            number = self.number(row.key)
            name = shorten(row.key, max(budget // 2, 12))
            if row.kind == "ref":
                plain = f"\u2192 see {number} · {name}"
                head = f"\u2192 see <B>{number}</B> · {label_text(name)}"
            else:
                plain = f"contradicts {number} ({name})"
                head = f"contradicts <B>{number}</B> ({label_text(name)})"
            tail = ([f"via {row.via}"] if row.via is not None else []) + (
                [f"level {row.depth}"] if row.depth > INDENT_CAP else [])
            if tail:
                # the folded argument's id in full (check's findings name it): on a
                # second line when the first has no room
                more = " · ".join(tail)
                joint = "<BR ALIGN=\"LEFT\"/>" if len(plain) + 3 + len(more) > budget \
                    else " · "
                plain = more if joint != " · " else f"{plain} · {more}"
                head += joint + label_text(more)
            left = budget - len(plain) - 3
            words = " ".join(self.node_text(row.key).split())
            if row.kind == "ref" and left >= 8 and words and self.options.label != "id":
                head += f" · {label_text(shorten(words, left))}"
            # no border and no fill, in italics: a pointer, never mistaken for a box
            # (whose border and fill may mark a status)
            head = f"<I>{head}</I>" + '<BR ALIGN="LEFT"/>'
            return {"id": key, "class": f"outline-{row.kind}", "shape": "box",
                    "style": "solid", "color": "transparent", "penwidth": "0",
                    "label": "<" + _font(head, size=10, color=theme.text) + ">", **small}
        raise ArgmapError(f"unknown outline row kind {row.kind!r}")  # pragma: no cover

    def name(self, key: str) -> str:
        """How a row's key is shown: a node's id, an objection's id (or its number
        among the map's attacks)."""
        found = self.outline.attacks.get(key)
        if found is None:
            return key
        index, attack = found
        return attack.id or f"attack {index + 1}"

    def continued(self, row: Row, key: str, width: float | None = None
                  ) -> dict[str, str]:
        """A column's first row, repeating the parent ``row`` the column continues;
        ``width``: set its text left in a cell that wide (points)."""
        name = shorten(self.name(row.key), max(self.budget() - 22, 8))
        text = _font(f"<I>under <B>{row.number or self.number(row.key)}</B> · "
                     f"{label_text(name)} (continued)</I>", size=9, color=self.theme.muted)
        if width is not None:
            text = ('<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="0" CELLSPACING="0">'
                    f'<TR><TD ALIGN="LEFT" WIDTH="{max(int(width), 1)}">{text}</TD></TR>'
                    "</TABLE>")
        return {"id": key, "class": "outline-continued", "shape": "plain", "style": "solid",
                "label": "<" + text + ">"}


# -- the key ------------------------------------------------------------------------

#: The connectors the key shows: edge class, words.
_KEY = (
    ("support", "supports"),
    ("attack rebut", "attacks"),
    ("premise", "premise of the argument above (several: jointly)"),
    ("contradiction", "contradicts"),
)

_SAMPLE = 26.0  # points of line in a key sample


def _edge_style(tick: str, theme_support: str, theme_attack: str,
                theme_contradiction: str) -> dict[str, str]:
    if tick.startswith("support"):
        return {"color": theme_support, "penwidth": "1.4", "arrowhead": "normal",
                "arrowsize": "0.6"}
    if tick == "premise":
        return {"color": theme_support, "penwidth": "1.2", "arrowhead": "none"}
    if tick == "attack-premise":
        return {"color": theme_attack, "penwidth": "1.2", "arrowhead": "none",
                "style": "dashed"}
    if tick == "contradiction":
        return {"color": f"{theme_contradiction}:{theme_contradiction}", "penwidth": "1",
                "arrowhead": "tee", "arrowsize": "0.6"}
    if tick == "rail":
        return {"color": "#7f7f7f", "penwidth": "1", "arrowhead": "none"}
    return {"color": theme_attack, "penwidth": "1.4", "arrowhead": "tee",
            "style": "dashed", "arrowsize": "0.8"}


def _arrow_length(style: Mapping[str, str]) -> float:
    if style.get("arrowhead", "none") == "none":
        return 0.0
    return 10.0 * float(style.get("arrowsize", "1"))


# -- measuring and drawing --------------------------------------------------------


def fit(area: tuple[float, float], width: float, height: float,
        max_scale: float | None = None) -> float:
    """The scale a drawing of ``width`` x ``height`` gets fitted into ``area``."""
    scale = min(area[0] / max(width, 1.0), area[1] / max(height, 1.0))
    return scale if max_scale is None else min(scale, max_scale)



@attrs.frozen
class OutlineDrawing:
    """What :func:`draw_outline` made: the graph, the nodes by SVG id, and figures."""

    graph: graphviz.Digraph
    nodes: Mapping[str, NodeInfo]
    title: str | None
    width: float
    height: float
    columns: int
    rows: int
    boxes: int
    folded: int = 0
    pages: int = 1
    scale: float = 1.0

    def describe(self) -> str:
        """The layout in words, for ``-v``."""
        folded = (f" ({count(self.folded, 'one-premise argument')} drawn as connectors,"
                  " not boxes)" if self.folded else "")
        pages = f" on {count(self.pages, 'page')}" if self.pages > 1 else ""
        return (f"outline: {count(self.boxes, 'box', 'boxes')} in "
                f"{count(self.rows, 'row')}, {count(self.columns, 'column')}{pages}"
                f"{folded}")


def _measure(graph_attributes: Mapping[str, str], node_defaults: Mapping[str, str],
             labelled: list[tuple[str, dict[str, str]]], timeout: float | None
             ) -> dict[str, tuple[float, float]]:
    """Graphviz's size (points) of each node: one ``-Tjson0`` pass over the nodes alone,
    all pinned at the origin (the ``nop`` layout: no layout work, only the labels are
    sized)."""
    import graphviz  # noqa: PLC0415 -- only when drawing

    graph = graphviz.Digraph("measure")
    graph.attr("graph", **{k: v for k, v in graph_attributes.items()
                           if k not in ("size", "dpi", "layout")}, layout="nop")
    graph.attr("node", **node_defaults, pos="0,0")
    for name, attributes in labelled:
        graph.node(name, **{k: v for k, v in attributes.items()
                            if k not in ("id", "class", "pos")})
    raw = run_engine(str(graph.source), engine="dot", fmt="json0", timeout=timeout)
    try:
        data = json.loads(raw.decode("utf-8"))
        sizes = {str(o["name"]): (float(o["width"]) * 72.0, float(o["height"]) * 72.0)
                 for o in data.get("objects", ()) if "width" in o}
    except (ValueError, KeyError, TypeError) as exc:
        raise ArgmapError(f"cannot read the box sizes Graphviz measured: {exc}") from None
    return sizes


def draw_outline(argmap: ArgumentMap, options: RenderOptions,
                 status: Mapping[str, str] | None, *,
                 area: tuple[float, float] = (LANDSCAPE, 1.0),
                 max_scale: float | None = None,
                 graph_attributes: Mapping[str, str] | None = None,
                 paged: tuple[float, float, float] | None = None,
                 timeout: float | None = None) -> OutlineDrawing:
    """The outline of ``argmap`` as a graph of pinned nodes and edges, flowed into the
    columns that print it largest on ``area`` (width, height in points: a page's
    printable area; by default a landscape aspect), at most ``max_scale``.

    ``paged`` (printable width, height, scale) flows it instead onto pages: a stack of
    page-sized regions, each as many columns as fit its width at the scale, breaking
    only between rows (:func:`flow_pages`), each page numbered at its foot; the scale is
    lowered (``OutlineDrawing.scale``) when the widest column or the tallest row would
    not fit a page.
    """
    import graphviz  # noqa: PLC0415 -- only when drawing

    from argmap._render.select import visible_ids  # noqa: PLC0415 -- small

    visible = visible_ids(argmap, focus=options.focus, depth=options.depth,
                          tags=options.tags, sides=options.sides)

    def shown(node_id: str) -> bool:
        return argmap.node(node_id) is not None and (visible is None or node_id in visible)

    builder = _Builder(argmap, options, status)
    drawn_args = {arg.id: arg for arg in argmap.arguments.values()
                  if shown(arg.id) and shown(arg.conclusion)}
    planned = builder.plan_attacks(shown, set(drawn_args))
    outline = outline_rows(argmap, shown, drawn_args, planned, options.focus)
    labels = _Labels(argmap, options, status, outline)
    theme = labels.theme
    rows = outline.rows

    graph_attrs = {"charset": "UTF-8", "bgcolor": theme.background, "fontname": theme.font,
                   "fontcolor": theme.text, "pad": "0.3", "outputorder": "edgesfirst",
                   "layout": "nop2"}
    graph_attrs.update(graph_attributes or {})
    # the map's node defaults, with a narrower margin inside the boxes
    node_defaults = {"fontname": theme.font, "fontsize": "12", "fontcolor": theme.text,
                     "penwidth": "1.2", "margin": "0.1,0.05", "shape": "box",
                     "style": "rounded,filled"}

    # every row's node, the title and the key
    row_attributes: list[dict[str, str]] = []
    infos: dict[str, NodeInfo] = {}
    for index, row in enumerate(rows):
        key = f"argmap_{len(infos)}" if row.kind in _BOX_KINDS else f"outline_{index}"
        attributes = labels.attributes(row, key)
        row_attributes.append(attributes)
        if row.kind in ("box", "argument"):
            node = argmap.node(row.key)
            assert node is not None  # noqa: S101 -- full rows are nodes of the map
            infos[key] = builder.info(key, node)
        elif row.kind == "attack":
            attack_index, attack = outline.attacks[row.key]
            infos[key] = builder.attack_info(key, attack_index, attack)
    sample_cont = labels.continued(Row("box", "x" * 40, 0, -1, number=99999), "cont")
    extra: list[tuple[str, dict[str, str]]] = [("cont", sample_cont)]
    title = argmap.title if options.show_title else None
    if title:
        extra.append(("title", {"shape": "plain", "style": "solid", "label": "<" + _font(
            "<B>" + label_text(shorten(title, 300)) + "</B>", size=20) + ">"}))
    key_items: list[tuple[str, str]] = []
    if options.legend:
        key_items = [(tick, words) for tick, words in _KEY]
        for tick, words in key_items:
            extra.append((f"key {tick}", {"shape": "plain", "style": "solid", "label": "<" + _font(
                label_text(words), size=10) + ">"}))
        extra.append(("key boxes", {"shape": "plain", "style": "solid", "label": "<" + _font(
            "<B>N</B>: box number · <I>\u2192 see N</I> (no border): drawn in full in box N"
            " · "
            "rows indented under a box bear on it", size=10) + ">"}))
        colours = labels.builder.legend_rows()
        if colours:
            extra.append(("key colours", {"shape": "plain", "style": "solid",
                                          "label": "<" + colours + ">"}))
    measured = _measure(graph_attrs, node_defaults,
                        [(f"r{i}", a) for i, a in enumerate(row_attributes)] + extra,
                        timeout)
    missing = [name for name, _ in extra if name not in measured] + [
        f"r{i}" for i in range(len(rows)) if f"r{i}" not in measured]
    if missing:
        raise ArgmapError(f"Graphviz did not size {len(missing)} of the outline's boxes "
                          f"(first: {missing[0]}); draw the map with --layout map")
    for index, row in enumerate(rows):
        row.width, row.height = measured[f"r{index}"]
    cont_height = measured["cont"][1]
    column_width = max([_indent(r.depth) + r.width for r in rows if r.kind != "heading"]
                       + [r.width for r in rows if r.kind == "heading"] + [120.0])

    # the band on top: title, then the key items flowed in lines
    def band(width: float) -> tuple[float, list[tuple[str, float, float]]]:
        """The band's height for a drawing ``width`` wide, and where each item goes
        (name, x, top)."""
        placed: list[tuple[str, float, float]] = []
        top = 0.0
        if title:
            placed.append(("title", max((width - measured["title"][0]) / 2, 0.0), 0.0))
            top = measured["title"][1] + 6.0
        items = [f"key {tick}" for tick, _ in key_items]
        if key_items:
            items.append("key boxes")
            if "key colours" in measured:
                items.append("key colours")
        x, line = 0.0, 0.0
        for name in items:
            w, h = measured[name]
            sample = _SAMPLE + 6.0 if name.startswith("key ") and name not in (
                "key boxes", "key colours") else 0.0
            if x > 0 and x + sample + w > width:
                top += line + 4.0
                x, line = 0.0, 0.0
            placed.append((name, x + sample, top))
            x += sample + w + 18.0
            line = max(line, h)
        top += line
        return (top + BAND_GAP if placed else 0.0), placed

    def total_width(columns: int) -> float:
        return columns * column_width + (columns - 1) * COLUMN_GAP

    def flow_score(columns: int, height: float) -> float:
        width = total_width(columns)
        return fit(area, width, height + band(width)[0], max_scale)

    per_page = 0  # columns a page holds (0: one drawing, not pages)
    page_height = 0.0
    scale = 1.0
    if paged is not None:
        # pages of the printable area at the scale asked for (smaller when the widest
        # column or the tallest row would not fit a page: nothing is cut at an edge)
        area_w, area_h, scale = paged
        tallest = max([r.height for r in rows] + [0.0]) + cont_height + GAP
        scale = min(scale, area_w / (column_width + 2 * PAGE_SIDE),
                    area_h / (tallest + PAGE_TOP + PAGE_FOOTER))
        page_width, page_height = area_w / scale, area_h / scale
        inner = page_width - 2 * PAGE_SIDE
        per_page = max(1, int((inner + COLUMN_GAP) // (column_width + COLUMN_GAP)))
        # a title or key line wider than the page is set smaller, not cut at its edge
        for name, attributes in extra:
            if name in measured and (name == "title" or name.startswith("key ")) \
                    and name != "key colours":
                w, h = measured[name]
                room = inner - (0.0 if name in ("title", "key boxes")
                                     else _SAMPLE + 6.0)
                natural = 20 if name == "title" else 10
                if w > room > 0:
                    points = max(5, int(natural * room / w))
                    attributes["label"] = attributes["label"].replace(
                        f'POINT-SIZE="{natural}"', f'POINT-SIZE="{points}"', 1)
                    measured[name] = (w * points / natural, h * points / natural)
        band_height, band_items = band(inner)
        chosen = flow_pages(rows, column_width, cont_height,
                            page_height - PAGE_TOP - PAGE_FOOTER - band_height,
                            page_height - PAGE_TOP - PAGE_FOOTER, per_page)
        pages = max(1, math.ceil(chosen.columns / per_page))
        width, height = page_width, pages * page_height
    else:
        if rows:
            chosen = flow(rows, column_width, cont_height, flow_score, area[0] / area[1])
        else:
            chosen = Flow(1, 0.0, column_width, ())
        pages = 1
        width = total_width(chosen.columns)
        band_height, band_items = band(width)
        width = max([width] + [x + measured[name][0] for name, x, _ in band_items])
        # the title centred over the whole drawing (the key may be wider than the columns)
        band_items = [(name, max((width - measured[name][0]) / 2, 0.0) if name == "title"
                       else x, top) for name, x, top in band_items]
        height = band_height + chosen.height

    graph = graphviz.Digraph("argmap_outline")
    # the drawing's box: nop2 keeps the one it is given
    graph.attr("graph", **graph_attrs, bb=f"0,0,{width:.2f},{height:.2f}")
    graph.attr("node", **node_defaults)
    graph.attr("edge", fontname=theme.font, fontsize="10", fontcolor=theme.muted,
               penwidth="1.5", arrowsize="0.8")

    def pos(x: float, top: float, w: float, h: float) -> str:
        return f"{x + w / 2:.2f},{height - top - h / 2:.2f}"

    def column_x(column: int) -> float:
        if not per_page:
            return column * (column_width + COLUMN_GAP)
        return PAGE_SIDE + column % per_page * (column_width + COLUMN_GAP)

    def column_top(column: int) -> float:
        """Where the rows of ``column`` start, from the top of the drawing."""
        if not per_page:
            return band_height
        page = column // per_page
        return page * page_height + PAGE_TOP + (band_height if page == 0 else 0.0)

    def fixed(name: str, attributes: Mapping[str, str], x: float, top: float,
              size: tuple[float, float]) -> None:
        w, h = size
        if attributes.get("shape") == "plain":  # as large as its label: no size to fix
            graph.node(name, **{**attributes, "pos": pos(x, top, w, h)})
            return
        graph.node(name, **{**attributes, "pos": pos(x, top, w, h),
                            "width": f"{w / 72:.4f}", "height": f"{h / 72:.4f}",
                            "fixedsize": "true"})

    # edges of one style share it through an anonymous subgraph's defaults (no effect
    # on the drawing), which keeps the DOT text of a large outline small
    edges: dict[str, list[tuple[str, str, dict[str, str]]]] = {}

    def line(tail: str, head: str, points: tuple[float, float, float, float], tick: str,
             **more: str) -> None:
        """A straight connector from (x0, y0) to (x1, y1) (drawing coordinates: y from
        the top), its arrowhead (if any) at (x1, y1)."""
        style = _edge_style(tick, theme.support, theme.attack, theme.contradiction)
        x0, y0, x1, y1 = points
        length = _arrow_length(style)
        total = math.hypot(x1 - x0, y1 - y0) or 1.0
        bx = x1 - (x1 - x0) * min(length / total, 0.9)
        by = y1 - (y1 - y0) * min(length / total, 0.9)
        spline = " ".join(
            f"{x0 + (bx - x0) * t:.2f},{height - (y0 + (by - y0) * t):.2f}"
            for t in (0.0, 1 / 3, 2 / 3, 1.0))
        end = f"e,{x1:.2f},{height - y1:.2f} " if length else ""
        edges.setdefault(tick, []).append((tail, head, {"pos": end + spline, **more}))

    if per_page:
        # two invisible corners pin the drawing's box to the stack of pages (Graphviz
        # sizes it by what is drawn)
        for corner, (cx, cy) in enumerate(((0.36, 0.36), (width - 0.36, height - 0.36))):
            graph.node(f"corner{corner}", shape="point", style="invis", width="0.01",
                       height="0.01", fixedsize="true", label="", pos=f"{cx:.2f},{cy:.2f}")
        # each page's band is on the first; every page is numbered at its foot
        for page in range(pages):
            foot = (f"{shorten(title, 80)} · " if title else "") + \
                f"page {page + 1} of {pages}"
            footer = {"shape": "plain", "style": "solid", "id": f"outline_page_{page + 1}",
                      "label": "<" + _font(label_text(foot), size=9) + ">"}
            foot_w = min(len(foot) * 5.0, width)
            graph.node(f"page{page + 1}", **footer,
                       pos=pos((width - foot_w) / 2, (page + 1) * page_height - 11.0,
                               foot_w, 11.0))
        band_items = [(name, x + PAGE_SIDE, top + PAGE_TOP) for name, x, top in band_items]
    for name, x, top in band_items:
        attributes = next(a for n, a in extra if n == name)
        fixed(name.replace(" ", "-"), {**attributes, "id": f"outline_{name.replace(' ', '_')}"},
              x, top, measured[name])
        if name.startswith("key ") and name not in ("key boxes", "key colours"):
            tick = name[4:]
            middle = top + measured[name][1] / 2
            line(name.replace(" ", "-"), name.replace(" ", "-"),
                 (x - _SAMPLE - 6.0, middle, x - 6.0, middle), tick,
                 **{"class": f"outline-key {tick}"})

    # the rows
    def node_name(index: int) -> str:
        return f"r{index}"

    def left(index: int) -> float:
        row = rows[index]
        return column_x(row.column) + (0.0 if row.kind == "heading" else _indent(row.depth))

    def top_of(index: int) -> float:
        return column_top(rows[index].column) + rows[index].top

    for index, row in enumerate(rows):
        attributes = row_attributes[index]
        size = (column_width if row.kind == "heading" else row.width, row.height)
        fixed(node_name(index), attributes, left(index), top_of(index), size)
    continued: dict[int, tuple[str, int]] = {}  # column -> its "continued" node, parent
    for number, (index, parent) in enumerate(chosen.breaks):
        if parent < 0:
            continue
        name = f"c{number}"
        row = rows[parent]
        column = rows[index].column
        fixed(name, labels.continued(row, f"outline_continued_{number}",
                                     measured["cont"][0]),
              column_x(column) + _indent(row.depth), column_top(column),
              (measured["cont"][0], cont_height))
        continued[column] = (name, parent)
    # connectors: a tick from each child to its parent's rail, one rail per parent and
    # column, from the parent (or the top of the column) down to its last tick there
    rails: dict[tuple[int, int], list[Any]] = {}
    for index, row in enumerate(rows):
        if row.parent < 0 or row.tick is None:
            continue
        above = rows[row.parent]
        x = left(index)
        deeper = min(row.depth, INDENT_CAP) > min(above.depth, INDENT_CAP)
        rail_x = (column_x(row.column) + _indent(above.depth) + _rail(above.depth)
                  if deeper else x - DEEP_INDENT + DEEP_RAIL)
        tick_y = top_of(index) + min(row.height / 2, 11.0)
        more: dict[str, str] = {"class": row.tick}
        if row.via is not None:
            via_key = f"argmap_{len(infos)}"
            infos[via_key] = builder.info(via_key, argmap.arguments[row.via])
            more["id"] = via_key
        line(node_name(index), node_name(row.parent), (x, tick_y, rail_x, tick_y),
             row.tick, **more)
        rail = rails.get((row.parent, row.column))
        if rail is None:
            if above.column == row.column and row.parent < index:
                start, start_y = node_name(row.parent), top_of(row.parent) + above.height
            elif continued.get(row.column, ("", -1))[1] == row.parent:
                start, start_y = (continued[row.column][0],
                                  column_top(row.column) + cont_height)
            else:
                start, start_y = node_name(index), column_top(row.column)
            rail = rails[(row.parent, row.column)] = [rail_x, start, start_y, "", 0.0]
        rail[3], rail[4] = node_name(index), tick_y
    for rail_x, start, start_y, end, end_y in rails.values():
        if end_y - start_y > 0.5:
            line(start, end, (rail_x, start_y, rail_x, end_y), "rail", **{"class": "rail"})
    for tick, drawn in edges.items():
        with graph.subgraph() as kind:
            kind.attr("edge", **_edge_style(tick, theme.support, theme.attack,
                                            theme.contradiction))
            for tail, head, attributes in drawn:
                kind.edge(tail, head, **attributes)
    boxes = sum(1 for r in rows if r.kind in _BOX_KINDS)
    folded = len({r.via for r in rows if r.via is not None})
    return OutlineDrawing(graph, infos, argmap.title, width, height, chosen.columns,
                          len(rows), boxes, folded, pages, scale)


def render_outline(argmap: ArgumentMap, device: str, options: RenderOptions,
                   status: Mapping[str, str] | None, *,
                   area: tuple[float, float] = (LANDSCAPE, 1.0),
                   max_scale: float | None = None,
                   graph_attributes: Mapping[str, str] | None = None,
                   paged: tuple[float, float, float] | None = None,
                   timeout: float | None = None) -> tuple[bytes, OutlineDrawing]:
    """The outline drawn by Graphviz in ``device`` (svg, png, pdf; ``dot``: the source
    with every position fixed); see :func:`draw_outline`."""
    drawing = draw_outline(argmap, options, status, area=area, max_scale=max_scale,
                           graph_attributes=graph_attributes, paged=paged,
                           timeout=timeout)
    source = str(drawing.graph.source)
    if device == "dot":
        return source.encode("utf-8"), drawing
    return run_engine(source, engine="dot", fmt=device, timeout=timeout), drawing


@attrs.frozen
class OutlineResult:
    """A finished outline: the bytes of the format, the layout in words, and the size
    12-point text prints at (on a fitted page; else ``None``)."""

    data: bytes
    layout: str
    printed: float | None
    notes: tuple[str, ...] = ()


def outline_output(argmap: ArgumentMap, format: str, options: RenderOptions,
                   status: Mapping[str, str] | None, *,
                   timeout: float | None = None) -> OutlineResult:
    """The outline in ``format`` (svg, png, pdf or dot), finished as the map's output
    is: an SVG with tooltips and node data, a PDF placed on ``options.page``."""
    from argmap._render.paper import (  # noqa: PLC0415 -- paper imports this module's users
        MAX_PAGES,
        fit_scale,
        on_pages,
        png_attributes,
        png_cap_note,
        printable_area,
        small_print_note,
    )

    attributes: dict[str, str] = {}
    area = (LANDSCAPE, 1.0)
    max_scale: float | None = None
    if format == "png":
        attributes.update(png_attributes(options))
    if format == "pdf" and options.page is not None:
        area = printable_area(options)
        attributes.update(pad="0", margin="0")
        max_scale = options.scale or 1.0
    paged = ((*area, options.scale or 1.0) if format == "pdf" and options.tile
             else None)
    raw, drawing = render_outline(argmap, format, options, status, area=area,
                                  max_scale=None if options.tile else max_scale,
                                  graph_attributes=attributes, paged=paged,
                                  timeout=timeout)
    layout = drawing.describe()
    printed: float | None = None
    notes: list[str] = []
    if paged is not None:
        if drawing.pages > MAX_PAGES:
            raise UsageError(
                f"the outline at scale {drawing.scale:g} flows onto {drawing.pages:,} "
                f"pages, more than {MAX_PAGES}; lower --scale, use larger paper, or "
                "draw part of the map with --focus, --side or --tag")
        layout += (f"; flowed onto pages, {count(drawing.pages, 'page')}, 12-point "
                   f"text prints at {12 * drawing.scale:.1f} points")
        if drawing.scale < paged[2] - 1e-9:
            notes.append(f"the outline is printed at scale {drawing.scale:.2f}, not "
                         f"{paged[2]:g}: at {paged[2]:g} its widest column or tallest "
                         "box would not fit on a page (use larger paper or --landscape, "
                         "or a smaller --wrap)")
            small = small_print_note(options, outline=12 * drawing.scale)
            if small:
                notes.append(small)
        # (each page's scale comes from the drawing's size: the page regions)
        raw = on_pages(raw, options, stacked=drawing.pages)
    elif format == "pdf" and options.page is not None:
        if not options.tile:
            printed = 12 * fit_scale(raw, options)
            layout += f"; fitted page: 12-point text prints at {printed:.1f} points"
            if options.layout == "outline":
                small = small_print_note(options, outline=printed)
                if small:
                    notes.append(small)
        raw = on_pages(raw, options)
    elif format == "png":
        capped = png_cap_note(raw)
        if capped:
            notes.append(capped)
    elif format == "svg":
        from argmap._render.svg import finish_svg  # noqa: PLC0415 -- only for SVG

        raw = finish_svg(raw, drawing.nodes, title=drawing.title)
    return OutlineResult(raw, layout, printed, tuple(notes))
