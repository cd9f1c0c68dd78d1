"""Choosing how Graphviz lays a map out, from the measured structure of the drawn graph.

``dot`` (layered) is the clearest layout for an argument map, but its cost is not a
function of the node count alone.  It places every node on a rank and replaces each edge
that spans several ranks by a chain of virtual nodes, then reorders every rank to remove
crossings.  A small map whose arguments share many premises across the whole map (a
*dense* map: 85 nodes, 35 arguments of 15 premises) ranks into a tall, narrow graph
whose long edges turn into thousands of virtual nodes and tens of thousands of
crossings: ``dot`` then runs for minutes.  A cross-linked debate of 1,400 nodes does the
same at a larger scale.

:func:`measure` computes, in linear time, what drives that cost: the ranks a layered
layout gives (cycles broken as ``dot`` breaks them, by reversing back edges found
depth-first; each node then as low as its premises allow and sources pulled up next to
what they support, an approximation of ``dot``'s network-simplex ranking), the virtual
nodes the long edges need, and an estimate of the crossings between adjacent ranks.
:func:`plan` turns that into an engine and its options: full ``dot``; ``dot`` with
bounded optimisation passes; the same with straight edges (routing curved edges through
thousands of virtual nodes is the slowest step of all); or ``sfdp`` (force-directed,
near-linear) when even that would be slow.  The thresholds were measured on generated
cross-linked debates and dense maps (``benchmarks/bench_render.py``).  Whatever the
estimate says, the caller also gives ``dot`` a time budget and falls back to ``sfdp``
when it runs over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from argmap._words import count

__all__ = [
    "BOUNDED_DOT",
    "CURVED_DOT",
    "FORCE_DIRECTED",
    "FULL_DOT",
    "PREVIEW_SECONDS",
    "QUICK_COST_PER_NODE",
    "SECONDS_PER_COST",
    "STRAIGHT_DOT_COST",
    "STRAIGHT_DOT_CROSSINGS",
    "LayoutPlan",
    "Structure",
    "measure",
    "plan",
    "preview_plan",
]

#: ``dot`` with its full optimisation and curved edges: only while every measure is small.
#: Curved (and polyline) edges are routed through the boxes of every virtual node, which
#: is what makes ``dot`` take minutes on cross-linked maps (measured: 300 virtual nodes,
#: 0.3 s; 1,500, 6 s; 5,000, 27 s), and full crossing minimisation grows with crossings.
FULL_DOT = {"nodes": 400, "virtual": 400, "crossings": 20_000}

#: ``dot`` with bounded passes and curved edges, while the long edges are few.
CURVED_DOT = {"nodes": 1_500, "virtual": 800, "crossings": 200_000}

#: Up to this estimated cost (:attr:`Structure.cost`) ``dot`` runs with bounded passes and
#: straight edges (about 1 s per 8,000 on one core); above it, ``sfdp``.
STRAIGHT_DOT_COST = 16_000

#: ... and up to this many estimated crossings: the bounded passes still reorder wide
#: ranks, at about 2 s per million crossings on one core (a tree of 5,000 nodes has
#: ranks of 1,700 nodes and 1.6 million: 3.5 s for ``dot`` alone).
STRAIGHT_DOT_CROSSINGS = 1_000_000

#: What one unit of :attr:`Structure.cost` costs ``dot``, in seconds, before a layout on
#: this machine was timed: one quiet core lays out about 8,000 per second (cross-linked
#: debates of 300 and 400 nodes, costs 6,400 and 12,000, took 0.46 s and 0.8 s).
SECONDS_PER_COST = 1 / 8_000

#: The quick layout a live preview may show first (``sfdp``) takes about 0.6 ms per
#: node on one quiet core, ``dot`` about 0.07 ms per unit of :attr:`Structure.cost`
#: (cross-linked debates of 300 and 400 nodes: ``sfdp`` 0.19 s and 0.25 s, ``dot`` 0.46 s
#: and 0.8 s; a generated debate of 750 nodes and cost 5,500: both 0.5 s).  So the
#: quick layout is at least twice as quick only from this cost per node on.
QUICK_COST_PER_NODE = 18

#: How long the live preview lets ``dot`` take on a save before it shows a quick layout
#: first: with reading, checking, evaluating and building (a quarter of a second for a
#: map of 300 nodes) the new picture is then on the page within a second.
PREVIEW_SECONDS = 0.5

#: ``dot`` options that bound its crossing-minimisation and network-simplex passes.
BOUNDED_DOT = {"mclimit": "0.05", "remincross": "false", "searchsize": "5",
               "nslimit": "0.2", "nslimit1": "0.2"}

#: Options of the force-directed engines: a bounded number of PRISM passes removes
#: overlaps, ``sep`` leaves a margin round every box, straight edges.
FORCE_DIRECTED = {"overlap": "prism20", "sep": "+16", "splines": "false",
                  "quadtree": "fast"}


@attrs.frozen
class Structure:
    """What a layered layout of the drawn graph would have to handle.

    ``nodes`` and ``edges`` count the drawn graph (edges that constrain the layout);
    ``ranks`` the levels of a layered layout; ``virtual`` the extra nodes its long edges
    need; ``crossings`` an estimate of the edge crossings between adjacent ranks when
    the edges of a rank are ordered no better than at random (a tree scores its true
    difficulty, not zero: ``dot`` still has to search for the order).
    """

    nodes: int
    edges: int
    ranks: int
    virtual: int
    crossings: int

    @property
    def cost(self) -> int:
        """An estimate of ``dot``'s work: the ranked nodes plus the crossings per node."""
        ranked = self.nodes + self.virtual
        return ranked + self.crossings // max(self.nodes, 1)


@attrs.frozen
class LayoutPlan:
    """The engine, its graph attributes, and why it was chosen."""

    engine: str
    attributes: Mapping[str, str]
    reason: str


def measure(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> Structure:
    """The :class:`Structure` of a directed graph (edges from tail to head)."""
    index: dict[str, int] = {}
    for name in nodes:
        index.setdefault(name, len(index))
    pairs: list[tuple[int, int]] = []
    for tail_name, head_name in edges:
        for name in (tail_name, head_name):
            index.setdefault(name, len(index))
        if tail_name != head_name:
            pairs.append((index[tail_name], index[head_name]))
    n = len(index)
    out: list[list[int]] = [[] for _ in range(n)]
    for number, (tail, _head) in enumerate(pairs):
        out[tail].append(number)
    # break cycles: reverse the edges a depth-first search finds going back
    state = bytearray(n)  # 0 new, 1 on the stack, 2 done
    reverse = bytearray(len(pairs))
    for root in range(n):
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, 0)]
        while stack:
            node, position = stack[-1]
            if position < len(out[node]):
                stack[-1] = (node, position + 1)
                number = out[node][position]
                head = pairs[number][1]
                if state[head] == 1:
                    reverse[number] = 1
                elif state[head] == 0:
                    state[head] = 1
                    stack.append((head, 0))
            else:
                state[node] = 2
                stack.pop()
    dag = [(h, t) if reverse[i] else (t, h) for i, (t, h) in enumerate(pairs)]
    successors: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for tail, head in dag:
        successors[tail].append(head)
        indegree[head] += 1
    # longest path from the sources, in topological order
    rank = [0] * n
    order = [v for v in range(n) if indegree[v] == 0]
    remaining = indegree[:]
    for v in order:  # the list grows while it is walked
        for w in successors[v]:
            rank[w] = max(rank[w], rank[v] + 1)
            remaining[w] -= 1
            if remaining[w] == 0:
                order.append(w)
    # pull each source up to just below the nearest node it points to
    for v in range(n):
        if indegree[v] == 0 and successors[v]:
            rank[v] = min(rank[w] for w in successors[v]) - 1
    ranks = (max(rank) - min(rank) + 1) if n else 0
    # the edge segments between each pair of adjacent ranks (a difference array: linear
    # in edges plus ranks however long the edges are)
    virtual = 0
    change = [0] * (max(rank, default=0) + 2)
    for tail, head in dag:
        low, high = sorted((rank[tail], rank[head]))
        span = max(high - low, 1)
        virtual += span - 1
        change[low] += 1
        change[low + span] -= 1
    crossings = 0
    segments = 0
    for delta in change:
        segments += delta
        crossings += segments * (segments - 1) // 4
    return Structure(nodes=n, edges=len(pairs), ranks=ranks, virtual=virtual,
                     crossings=crossings)


def _within(structure: Structure, limits: Mapping[str, int]) -> bool:
    return all(getattr(structure, name) <= limit for name, limit in limits.items())


def plan(structure: Structure, engine: str | None = None) -> LayoutPlan:
    """The layout for a graph of this structure: ``engine`` if given, else the clearest
    layout whose estimated cost stays small (``dot`` while it is affordable).

    ``dot`` chosen by the user gets the cheapest of its settings that the structure
    needs; other engines get the force-directed options.
    """
    summary = (f"{count(structure.nodes, 'node')}, {count(structure.edges, 'edge')}, "
               f"{count(structure.ranks, 'rank')}, {count(structure.virtual, 'virtual node')}, "
               f"about {count(structure.crossings, 'crossing')}; estimated cost {structure.cost}")
    if engine is None:
        affordable = (structure.cost <= STRAIGHT_DOT_COST
                      and structure.crossings <= STRAIGHT_DOT_CROSSINGS)
        engine = "dot" if affordable else "sfdp"
    if engine != "dot":
        return LayoutPlan(engine, dict(FORCE_DIRECTED), f"{engine}: {summary}")
    if _within(structure, FULL_DOT):
        return LayoutPlan("dot", {}, f"dot: {summary}")
    if _within(structure, CURVED_DOT):
        return LayoutPlan("dot", dict(BOUNDED_DOT),
                          f"dot with bounded passes: {summary}")
    return LayoutPlan("dot", {**BOUNDED_DOT, "splines": "line"},
                      f"dot with bounded passes and straight edges: {summary}")


def preview_plan(structure: Structure, full: LayoutPlan, *,
                 seconds_per_cost: float = SECONDS_PER_COST,
                 budget: float = PREVIEW_SECONDS) -> LayoutPlan | None:
    """The quick layout a live preview shows first, or ``None`` when the ``full`` plan
    (what :func:`plan` chose; ``argmap render`` draws it) is expected within ``budget``
    seconds, or when the quick one would not be much quicker.

    ``dot``'s time is predicted as ``structure.cost * seconds_per_cost`` (a preview
    passes the rate it measured on its last large layout, so a loaded machine predicts
    longer times).  Only a ``dot`` plan gets a quick layout, and only when its cost per
    node is at least :data:`QUICK_COST_PER_NODE` (long edges through many ranks, where
    ``sfdp`` takes at most half as long): ``sfdp`` (force-directed, near-linear, with
    :data:`FORCE_DIRECTED`), which loses the ranks and side boxes but not a node or an
    edge; the layered drawing follows it.
    """
    if full.engine != "dot":
        return None
    predicted = structure.cost * seconds_per_cost
    if predicted <= budget or structure.cost < QUICK_COST_PER_NODE * structure.nodes:
        return None
    return LayoutPlan("sfdp", dict(FORCE_DIRECTED),
                      f"the layered layout (estimated cost {structure.cost}) is expected "
                      f"to take {predicted:.1f} s, over the preview's {budget:g} s")
