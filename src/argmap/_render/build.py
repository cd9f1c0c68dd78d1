"""An argument map as a :class:`graphviz.Digraph`: the visual language of argmap.

Every piece of user text reaches the DOT source through :func:`argmap._render.text.
label_text` inside an HTML-like label that this module assembles from fixed markup, and
through the graphviz package's own quoting (node names, attribute values).  No attribute
value comes from the map except escaped label text, so a map cannot set ``image``,
``imagepath``, ``fontpath``, ``shapefile`` or any other attribute, nor add nodes or
edges, whatever its text says.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from argmap._render.layout import LayoutPlan, Structure, measure, plan
from argmap._render.links import safe_url
from argmap._render.text import label_text, shorten, wrap
from argmap._render.theme import THEMES, Theme
from argmap.model import Argument, ArgumentMap, Attack, Claim, Evidence, Source

if TYPE_CHECKING:
    import graphviz

    from argmap._render.options import RenderOptions

__all__ = ["Built", "Group", "NodeInfo", "build"]

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")
STATUS_WORDS = {"in": "IN", "out": "OUT", "undecided": "UNDECIDED"}
#: With ``color_by="status"``, the mark in a node's header: the status in words, and
#: for a defeated node a word that says so (the border is dashed as well, so that a
#: defeated node is marked in the diagram itself, in colour and in black and white).
STATUS_MARKS = {"in": "IN", "out": "OUT · DEFEATED", "undecided": "UNDECIDED"}
#: The border style a status adds: defeated nodes dashed, undecided ones dotted.
STATUS_BORDERS = {"out": "dashed", "undecided": "dotted"}

#: A contradiction is a double line with a bar at both ends.  Graphviz draws two
#: parallel lines from a two-colour list ("c:c", 2 points apart), and paints the head's
#: bar in the first colour of the list and the tail's in the second (Graphviz 2.43), so
#: every colour of the list must be visible: a list with ``invis`` in it (the earlier
#: "c:invis:c") lost the bar at the tail.  A pen of 1 point leaves a 1-point gap.
_DOUBLE_LINE_WIDTH = "1"


def _double_line(color: str) -> str:
    """The colour list of a double line in ``color`` (see :data:`_DOUBLE_LINE_WIDTH`)."""
    return f"{color}:{color}"


@attrs.frozen
class NodeInfo:
    """What the SVG post-processor and the HTML page know about one drawn node."""

    key: str
    id: str
    kind: str
    tooltip: str
    url: str | None
    details: Mapping[str, Any]


@attrs.frozen
class Built:
    """The graph, its engine and the drawn nodes by SVG element id."""

    graph: graphviz.Digraph
    engine: str
    nodes: Mapping[str, NodeInfo]
    title: str | None
    layout: LayoutPlan
    structure: Structure
    names: Mapping[str, str]
    groups: tuple[Group, ...]
    group_title: str = "Sides"


@attrs.frozen
class Group:
    """A side or cluster the HTML page can hide: its label, box and node keys."""

    label: str
    cluster: str | None
    keys: tuple[str, ...]


def _font(text: str, *, size: int | None = None, color: str | None = None) -> str:
    attributes = ""
    if size is not None:
        attributes += f' POINT-SIZE="{size}"'
    if color is not None:
        attributes += f' COLOR="{color}"'
    # an empty <FONT></FONT> is a syntax error in Graphviz's HTML-like labels
    return f"<FONT{attributes}>{text or ' '}</FONT>"


def _lines(lines: Iterable[str]) -> str:
    return "".join(f'{label_text(line)}<BR ALIGN="LEFT"/>' for line in lines)


def source_line(source: Source | None, locator: str | None = None, *,
                short: bool = False) -> str | None:
    """A one-line citation of what is known: title, author, publisher, date, locator.

    ``short``: the author (or, without one, the title), the date and the locator, as
    fits under a box in a diagram.
    """
    parts: list[str] = []
    if source is not None:
        if short:
            parts.extend(p for p in (source.author or source.title, source.date) if p)
        else:
            parts.extend(p for p in (source.title, source.author, source.publisher,
                                     source.date) if p)
        if not parts and source.url:
            parts.append(source.url)
    if locator:
        parts.append(locator)
    return ", ".join(parts) if parts else None


class _Builder:
    def __init__(self, argmap: ArgumentMap, options: RenderOptions,
                 status: Mapping[str, str] | None) -> None:
        self.map = argmap
        self.options = options
        self.status = status
        self.theme: Theme = THEMES[options.theme]
        self.names: dict[str, str] = {}
        self.infos: dict[str, NodeInfo] = {}
        self.side_index = {side_id: i for i, side_id in enumerate(argmap.sides)}
        tags: dict[str, int] = {}
        for node in argmap.nodes():
            for tag in node.tags:
                tags.setdefault(tag, len(tags))
        self.tag_index = tags
        self.used_sides: set[str] = set()
        self.used_tags: set[str] = set()
        self.drawn = 0

    # -- names -------------------------------------------------------------------
    def name(self, node_id: str) -> str:
        name = self.names.get(node_id)
        if name is None:
            name = node_id if _SAFE_NAME.match(node_id) else f"~{len(self.names)}"
            self.names[node_id] = name
        return name

    # -- colours -----------------------------------------------------------------
    def colors(self, node_id: str) -> tuple[str, str]:
        mode = self.options.color_by
        theme = self.theme
        if mode == "side":
            side = self.map.side_of(node_id)
            index = self.side_index.get(side) if side is not None else None
            if side is not None and index is not None:
                self.used_sides.add(side)
            return theme.side_colors(index)
        if mode == "tag":
            node = self.map.node(node_id)
            tag = node.tags[0] if node is not None and node.tags else None
            if tag is not None:
                self.used_tags.add(tag)
            return theme.tag_colors(self.tag_index.get(tag) if tag is not None else None)
        if mode == "status":
            return theme.status_colors(self.node_status(node_id))
        return theme.neutral

    def status_border(self, node_id: str) -> str | None:
        """The border style that marks the node's status (``color_by="status"`` only)."""
        if self.options.color_by != "status":
            return None
        status = self.node_status(node_id)
        return STATUS_BORDERS.get(status) if status is not None else None

    def node_status(self, node_id: str) -> str | None:
        if self.status is None:
            return None
        value = self.status.get(node_id)
        return value if value in STATUS_WORDS else None

    # -- labels ------------------------------------------------------------------
    def header(self, kind: str, node_id: str, side: str | None) -> str:
        """The small grey line(s) above a box's text: status mark, kind, id, side.

        The parts are never cut, but they go onto several lines when together they
        would be wider than the text below (a long id or side name, a status mark),
        so that the header never sets the width of the box.
        """
        theme = self.theme
        parts = [(label_text(kind), False), (label_text(node_id), False)]
        side_shown = self.options.color_by == "side" or self.options.cluster_by == "side"
        if side is not None and side in self.map.sides and (
            not side_shown or theme.name == "print"
        ):
            parts.append((label_text(self.map.sides[side].name), False))
        status = self.node_status(node_id) if self.options.color_by == "status" else None
        if status is not None:
            parts.insert(0, (STATUS_MARKS[status], True))
        # 9-point header text fits about 4/3 as many characters as 12-point body text
        limit = max(self.options.wrap * 4 // 3, 24) if self.options.wrap else 0
        lines: list[list[tuple[str, bool]]] = [[]]
        width = 0
        for part in parts:
            size = len(html.unescape(part[0]))
            if lines[-1] and limit and width + 3 + size > limit:
                lines.append([])
                width = 0
            width += size + (3 if lines[-1] else 0)
            lines[-1].append(part)
        text = '<BR ALIGN="LEFT"/>'.join(
            " · ".join(f"<B>{t}</B>" if bold else t for t, bold in line) for line in lines)
        return _font(text, size=9, color=theme.muted) + '<BR ALIGN="LEFT"/>'

    def body(self, text: str, title: str | None) -> list[str]:
        mode = self.options.label
        if mode == "id":
            return []
        if mode == "title":
            return wrap(title or shorten(text, 80), self.options.wrap)
        return wrap(text, self.options.wrap)

    def claim_label(self, claim: Claim) -> str:
        kind = "MAIN THESIS" if claim.main else "CLAIM"
        lines = _lines(self.body(claim.text, claim.title))
        if claim.main and lines:
            lines = f"<B>{lines}</B>"
        return f"<{self.header(kind, claim.id, claim.side)}{lines}>"

    def evidence_label(self, item: Evidence) -> str:
        kind = "EVIDENCE" if item.type.value == "fact" else f"EVIDENCE ({item.type.value})"
        out = self.header(kind, item.id, item.side) + _lines(self.body(item.text, item.title))
        cited = source_line(self.map.source_of(item), item.locator, short=True)
        if cited and self.options.label != "id":
            width = max(self.options.wrap, 20) if self.options.wrap else 0
            limit = 200 if self.options.label == "full" else 60
            cite_lines = wrap("— " + shorten(cited, limit), width)
            out += _font("<I>" + _lines(cite_lines) + "</I>", size=10,
                         color=self.theme.muted)
        return f"<{out}>"

    def argument_label(self, arg: Argument) -> str | None:
        mode = self.options.label
        if mode == "id":
            text = arg.id
        elif arg.title:
            text = arg.title if mode == "title" else arg.title + (
                f" ({arg.qualifier})" if arg.qualifier else "")
        else:
            return None
        lines = wrap(text, max(self.options.wrap - 8, 12) if self.options.wrap else 0)
        return "<" + _font("<I>" + _lines(lines) + "</I>", size=10) + ">"

    # -- details for tooltips and the HTML page --------------------------------------
    def source_details(self, item: Evidence) -> dict[str, Any] | None:
        source = self.map.source_of(item)
        if source is None and not item.locator and not item.quote:
            return None
        out: dict[str, Any] = {}
        if source is not None:
            for key in ("title", "author", "publisher", "date", "note"):
                value = getattr(source, key)
                if value:
                    out[key] = value
            url = safe_url(source.url)
            if url:
                out["url"] = url
        if item.locator:
            out["locator"] = item.locator
        if item.quote:
            out["quote"] = item.quote
        return out

    def info(self, key: str, node: Claim | Evidence | Argument) -> NodeInfo:
        side = self.map.side_of(node.id)
        details: dict[str, Any] = {"id": node.id}
        url: str | None = None
        if isinstance(node, Claim):
            kind = "claim"
            details.update(kind="main thesis" if node.main else "claim", text=node.text)
            tooltip = node.text
        elif isinstance(node, Evidence):
            kind = "evidence"
            details.update(kind=f"evidence ({node.type.value})", text=node.text)
            source = self.source_details(node)
            tooltip = node.text
            if source is not None:
                details["source"] = source
                url = source.get("url")
                cited = source_line(self.map.source_of(node), node.locator)
                if cited:
                    tooltip += "\n— " + cited
        else:
            kind = "argument"
            details.update(kind="argument", premises=list(node.premises),
                           conclusion=node.conclusion)
            for key_name in ("text", "warrant", "backing", "qualifier", "scheme"):
                value = getattr(node, key_name)
                if value:
                    details[key_name] = value
            tooltip = node.title or node.text or (
                f"{' + '.join(node.premises)} ⇒ {node.conclusion}")
        if node.title:
            details["title"] = node.title
        if side is not None:
            details["side"] = self.map.sides[side].name if side in self.map.sides else side
        if node.tags:
            details["tags"] = list(node.tags)
        status = self.node_status(node.id)
        if status is not None:
            details["status"] = status
        return NodeInfo(key, node.id, kind, shorten(tooltip, 4000), url, details)

    # -- the graph ---------------------------------------------------------------
    def cluster_key(self, node_id: str) -> tuple[str, str] | None:
        mode = self.options.cluster_by
        if mode == "side":
            side = self.map.side_of(node_id)
            if side is None:
                return None
            name = self.map.sides[side].name if side in self.map.sides else side
            return (f"side {self.side_index.get(side, side)}", name)
        if mode == "tag":
            node = self.map.node(node_id)
            if node is None or not node.tags:
                return None
            return (f"tag {self.tag_index[node.tags[0]]}", node.tags[0])
        return None

    def side_group(self, node_id: str) -> tuple[str, str] | None:
        """The node's group in the HTML page when it is in no cluster: its side, or in a
        map without sides, its first tag."""
        if not self.map.sides:
            node = self.map.node(node_id)
            if node is None or not node.tags:
                return None
            return (f"tag {self.tag_index[node.tags[0]]}", node.tags[0])
        side = self.map.side_of(node_id)
        if side is None:
            return None
        name = self.map.sides[side].name if side in self.map.sides else side
        return (f"side {self.side_index.get(side, side)}", name)

    def graph_attributes(self, layout: LayoutPlan) -> dict[str, str]:
        theme = self.theme
        attributes = {
            "charset": "UTF-8",
            "bgcolor": theme.background,
            "fontname": theme.font,
            "fontcolor": theme.text,
            "pad": "0.3",
            "outputorder": "edgesfirst",
        }
        if layout.engine == "dot":
            attributes.update(rankdir=self.options.rankdir, newrank="true",
                              nodesep="0.35", ranksep="0.5")
        # the options argmap._render.layout chose for this graph's structure
        attributes.update(layout.attributes)
        return attributes

    def layout_edges(self, drawn_args: list[Argument],
                     planned: list[tuple[int, Attack, str | None]],
                     shown: Callable[[str], bool]) -> list[tuple[str, str]]:
        """The edges that constrain a layered layout, by node name (as drawn)."""
        edges: list[tuple[str, str]] = []
        for arg in drawn_args:
            inference = self.name(arg.id)
            edges.extend((self.name(p), inference) for p in arg.premises if shown(p))
            edges.append((inference, self.name(arg.conclusion)))
        attack_names = {attack.id: name for _, attack, name in planned
                        if attack.id is not None and name is not None}
        for _, attack, name in planned:
            target = attack_names.get(attack.target) if self.map.node(
                attack.target) is None else None
            target = target or self.name(attack.target)
            if name is None:
                edges.append((self.name(attack.attacker), target))
            else:
                edges.extend((self.name(a), name) for a in attack.attackers)
                edges.append((name, target))
        return edges

    def build(self, visible: set[str] | None, engine_choice: str | None) -> Built:
        import graphviz  # noqa: PLC0415 -- heavy-ish, only when drawing

        argmap = self.map
        theme = self.theme

        def shown(node_id: str) -> bool:
            return argmap.node(node_id) is not None and (visible is None or node_id in visible)

        drawn_args = [
            arg for arg in argmap.arguments.values()
            if shown(arg.id) and shown(arg.conclusion)
        ]
        drawn_ids = [n.id for n in argmap.nodes() if n.id not in argmap.arguments and shown(n.id)]
        self.drawn = len(drawn_ids) + len(drawn_args)
        planned = self.plan_attacks(shown, {arg.id for arg in drawn_args})
        structure = measure(
            [self.name(i) for i in drawn_ids] + [self.name(a.id) for a in drawn_args],
            self.layout_edges(drawn_args, planned, shown))
        layout = plan(structure, engine_choice)
        engine = layout.engine
        graph = graphviz.Digraph("argmap", engine=engine)
        graph.attr("graph", **self.graph_attributes(layout))
        if argmap.title and self.options.show_title:
            graph.attr("graph", label="<" + _font(
                "<B>" + label_text(shorten(argmap.title, 300)) + "</B>", size=20) + ">",
                labelloc="t", labeljust="c")
        graph.attr("node", fontname=theme.font, fontsize="12", fontcolor=theme.text,
                   penwidth="1.2", margin="0.14,0.08", shape="box", style="rounded,filled")
        graph.attr("edge", fontname=theme.font, fontsize="10", fontcolor=theme.muted,
                   penwidth="1.5", arrowsize="0.8")

        clusters: dict[str, tuple[str, list[tuple[str, dict[str, str]]]]] = {}
        loose: list[tuple[str, dict[str, str]]] = []
        groups: dict[str, tuple[str, list[str]]] = {}
        names: dict[str, str] = {}

        def place(node_id: str, attributes: dict[str, str], name: str | None = None) -> None:
            name = name or self.name(node_id)
            names[attributes["id"]] = name
            key = self.cluster_key(node_id)
            if key is None:
                loose.append((name, attributes))
            else:
                clusters.setdefault(key[0], (key[1], []))[1].append((name, attributes))
            group = key or self.side_group(node_id)
            if group is not None:
                groups.setdefault(group[0], (group[1], []))[1].append(attributes["id"])

        for node_id in drawn_ids:
            node = argmap.node(node_id)
            key = f"argmap_{len(self.infos)}"
            fill, border = self.colors(node_id)
            if isinstance(node, Claim):
                attributes = {"id": key, "fillcolor": fill, "color": border,
                              "label": self.claim_label(node),
                              "class": "claim main" if node.main else "claim"}
                if node.main:
                    attributes.update(penwidth="3", peripheries="2")
            elif isinstance(node, Evidence):
                attributes = {"id": key, "fillcolor": fill, "color": border,
                              "label": self.evidence_label(node), "class": "evidence",
                              "shape": "note", "style": "filled"}
            else:
                continue
            border_style = self.status_border(node_id)
            if border_style is not None:
                attributes["style"] = attributes.get("style", "rounded,filled") + (
                    "," + border_style)
                attributes["penwidth"] = attributes.get("penwidth", "2")
                # a class without a hyphen: Graphviz writes "-" in classes as "&#45;"
                attributes["class"] += " defeated" if border_style == "dashed" else " open"
            self.infos[key] = self.info(key, node)
            place(node_id, attributes)

        for arg in drawn_args:
            key = f"argmap_{len(self.infos)}"
            label = self.argument_label(arg)
            attributes = {"id": key, "class": "argument", "color": theme.support}
            if label is None:
                attributes.update(shape="circle", style="filled", label="", width="0.16",
                                  height="0.16", fixedsize="true", fillcolor=theme.support)
            else:
                attributes.update(label=label, fillcolor=theme.inference_fill,
                                  margin="0.08,0.03", height="0.3")
            self.infos[key] = self.info(key, arg)
            place(arg.id, attributes)

        for index, attack, name in planned:
            if name is None:
                continue
            key = f"argmap_{len(self.infos)}"
            self.infos[key] = self.attack_info(key, index, attack)
            attributes = {"id": key, "class": "attack-inference", "shape": "diamond",
                          "style": "filled", "label": "", "width": "0.22", "height": "0.22",
                          "fixedsize": "true", "color": theme.attack,
                          "fillcolor": theme.attack}
            place(attack.attacker, attributes, name)

        for index, (title, members) in enumerate(clusters.values()):
            with graph.subgraph(name=f"cluster_{index}") as sub:
                sub.attr(label="<" + _font("<B>" + label_text(shorten(title, 200)) + "</B>",
                                           size=14) + ">",
                         style="rounded,filled", fillcolor=theme.cluster_fill,
                         color=theme.cluster_border, fontcolor=theme.muted,
                         labelloc="b" if self.options.rankdir == "BT" else "t")
                sub.attr("graph", id=f"cluster_{index}")
                for name, attributes in members:
                    sub.node(name, **attributes)
        for name, attributes in loose:
            graph.node(name, **attributes)

        mains = [self.name(c.id) for c in argmap.main_claims if shown(c.id)]
        if engine == "dot" and len(mains) > 1:
            # the theses of the debate side by side, on one level
            with graph.subgraph() as theses:
                theses.attr(rank="same")
                for name in mains:
                    theses.node(name)

        # Edges of one kind share their style through an anonymous subgraph's defaults
        # (no effect on the layout), which keeps the DOT text small for large maps.
        with graph.subgraph() as premises, graph.subgraph() as supports:
            premises.attr("edge", arrowhead="none", color=theme.support, penwidth="1.3",
                          **{"class": "premise"})
            supports.attr("edge", color=theme.support, penwidth="1.8",
                          **{"class": "support"})
            for arg in drawn_args:
                inference = self.name(arg.id)
                for premise in arg.premises:
                    if shown(premise):
                        premises.edge(self.name(premise), inference)
                supports.edge(inference, self.name(arg.conclusion))

        attack_names = {attack.id: name for _, attack, name in planned
                        if attack.id is not None and name is not None}
        with graph.subgraph() as attacks, graph.subgraph() as joint:
            attacks.attr("edge", color=theme.attack, style="dashed", arrowhead="tee",
                         penwidth="1.8", arrowsize="1.1")
            joint.attr("edge", color=theme.attack, style="dashed", arrowhead="none",
                       penwidth="1.3", **{"class": "attack-premise"})
            for _, attack, name in planned:
                kind = argmap.attack_type(attack)
                kind_name = kind.value if kind is not None else "rebut"
                target = attack_names.get(attack.target) if argmap.node(
                    attack.target) is None else None
                target = target or self.name(attack.target)
                if name is None:
                    attacks.edge(self.name(attack.attacker), target,
                                 **{"class": f"attack {kind_name}"})
                    continue
                for attacker in attack.attackers:
                    joint.edge(self.name(attacker), name)
                attacks.edge(name, target, **{"class": f"attack {kind_name}"})

        with graph.subgraph() as contradictions:
            contradictions.attr("edge", dir="both", arrowhead="tee", arrowtail="tee",
                                color=_double_line(theme.contradiction),
                                constraint="false", penwidth=_DOUBLE_LINE_WIDTH,
                                **{"class": "contradiction"})
            for contradiction in argmap.contradictions:
                a, b = contradiction.claims
                if shown(a) and shown(b):
                    contradictions.edge(self.name(a), self.name(b))

        if self.options.legend:
            self.legend(graph, engine, joint=any(name for _, _, name in planned))
        cluster_ids = {key: f"cluster_{index}" for index, key in enumerate(clusters)}
        found = tuple(Group(label, cluster_ids.get(key) if engine == "dot" else None,
                            tuple(members)) for key, (label, members) in groups.items())
        by_tag = self.options.cluster_by == "tag" or not argmap.sides
        return Built(graph, engine, dict(self.infos), argmap.title, layout, structure,
                     names, found, "Tags" if by_tag else "Sides")

    # -- attacks -------------------------------------------------------------------
    def plan_attacks(
        self, shown: Callable[[str], bool], drawn_args: set[str]
    ) -> list[tuple[int, Attack, str | None]]:
        """The attacks to draw, in map order, with the name of their node if they need one.

        An attack is drawn when its attackers and its target are drawn; its target may be
        another attack (an undercut of an objection).  It gets a node of its own (a small
        diamond its attackers flow into) when it has co-premises or is itself attacked.
        """
        argmap = self.map
        by_id = argmap.attacks_by_id

        def drawn(node_id: str) -> bool:
            if node_id in argmap.arguments:
                return node_id in drawn_args
            return shown(node_id)

        chosen: dict[int, Attack] = {}
        chosen_ids: set[str] = set()
        pending = [(i, a) for i, a in enumerate(argmap.attacks)
                   if all(drawn(x) for x in a.attackers)]
        changed = True
        while changed:
            changed = False
            waiting = []
            for index, attack in pending:
                if argmap.node(attack.target) is None and attack.target in by_id:
                    if attack.target not in chosen_ids:
                        waiting.append((index, attack))
                        continue
                elif not drawn(attack.target):
                    continue
                chosen[index] = attack
                if attack.id is not None:
                    chosen_ids.add(attack.id)
                changed = True
            pending = waiting
        attacked = {a.target for a in chosen.values()}
        planned: list[tuple[int, Attack, str | None]] = []
        for index in sorted(chosen):
            attack = chosen[index]
            name: str | None = None
            if attack.co_premises or (attack.id is not None and attack.id in attacked):
                if attack.id is not None and argmap.node(attack.id) is None:
                    name = self.name(attack.id)
                else:
                    name = f"~attack-{index}"
            planned.append((index, attack, name))
        return planned

    def attack_info(self, key: str, index: int, attack: Attack) -> NodeInfo:
        kind = self.map.attack_type(attack)
        kind_name = kind.value if kind is not None else "attack"
        details: dict[str, Any] = {
            "id": attack.id or f"attack {index + 1}",
            "kind": f"objection ({kind_name})",
            "premises": list(attack.attackers),
            "conclusion": attack.target,
        }
        if attack.note:
            details["text"] = attack.note
        tooltip = f"{' + '.join(attack.attackers)} {kind_name}s {attack.target}"
        return NodeInfo(key, str(details["id"]), "attack", tooltip, None, details)

    # -- the legend --------------------------------------------------------------
    def legend(self, graph: graphviz.Digraph, engine: str, *, joint: bool = False) -> None:
        theme = self.theme
        mut = theme.muted

        def text(words: str, size: int = 10) -> str:
            return "<" + _font(label_text(words), size=size) + ">"

        with graph.subgraph(name="cluster_legend") as legend:
            legend.attr(label="<" + _font("<B>Legend</B>", size=12) + ">", style="rounded",
                        color=theme.cluster_border, fontcolor=mut, id="legend",
                        labelloc="b" if self.options.rankdir == "BT" else "t")
            legend.attr("node", fontsize="10", margin="0.08,0.04")
            names = {
                "thesis": "~legend-thesis", "claim": "~legend-claim",
                "evidence": "~legend-evidence", "inference": "~legend-inference",
                "objection": "~legend-objection", "undercut": "~legend-undercut",
                "rival": "~legend-rival",
            }
            fill, border = theme.neutral
            legend.node(names["thesis"], label=text("Main thesis"), shape="box",
                        style="rounded,filled", fillcolor=fill, color=border, penwidth="3",
                        peripheries="2")
            legend.node(names["claim"], label=text("Claim (premise)"), shape="box",
                        style="rounded,filled", fillcolor=fill, color=border)
            legend.node(names["evidence"], label="<" + _font("Evidence", size=10)
                        + '<BR ALIGN="LEFT"/>' + _font("<I>— its source</I>", size=9,
                                                        color=mut) + ">",
                        shape="note", style="filled", fillcolor=fill, color=border)
            legend.node(names["inference"], label="", shape="circle", style="filled",
                        width="0.16", height="0.16", fixedsize="true",
                        fillcolor=theme.support, color=theme.support,
                        xlabel=text("inference", 9))
            legend.node(names["objection"], label=text("Objection"), shape="box",
                        style="rounded,filled", fillcolor=fill, color=border)
            legend.node(names["undercut"], label=text("Undercut"), shape="box",
                        style="rounded,filled", fillcolor=fill, color=border)
            legend.node(names["rival"], label=text("Rival claim"), shape="box",
                        style="rounded,filled", fillcolor=fill, color=border)
            legend.edge(names["claim"], names["inference"], arrowhead="none",
                        color=theme.support, penwidth="1.3",
                        label=text("premises jointly", 9))
            legend.edge(names["evidence"], names["inference"], arrowhead="none",
                        color=theme.support, penwidth="1.3")
            legend.edge(names["inference"], names["thesis"], color=theme.support,
                        penwidth="1.8", label=text("support", 9))
            if joint:
                # the map has joint (or undercut) objections: show one
                legend.node("~legend-joint", label="", shape="diamond", style="filled",
                            width="0.22", height="0.22", fixedsize="true",
                            color=theme.attack, fillcolor=theme.attack,
                            xlabel=text("objection's inference", 9))
                legend.node("~legend-co-premise", label=text("Co-premise"), shape="box",
                            style="rounded,filled", fillcolor=fill, color=border)
                for name in (names["objection"], "~legend-co-premise"):
                    legend.edge(name, "~legend-joint", color=theme.attack, style="dashed",
                                arrowhead="none", penwidth="1.3")
                legend.edge("~legend-joint", names["claim"], color=theme.attack,
                            style="dashed", arrowhead="tee", penwidth="1.8",
                            label=text("attack", 9))
            else:
                legend.edge(names["objection"], names["claim"], color=theme.attack,
                            style="dashed", arrowhead="tee", penwidth="1.8",
                            label=text("attack", 9))
            legend.edge(names["undercut"], names["inference"], color=theme.attack,
                        style="dashed", arrowhead="tee", penwidth="1.8",
                        label=text("undercut", 9))
            legend.edge(names["rival"], names["thesis"], dir="both", arrowhead="tee",
                        arrowtail="tee", penwidth=_DOUBLE_LINE_WIDTH,
                        color=_double_line(theme.contradiction),
                        label=text("contradiction", 9))
            rows = self.legend_rows()
            if rows:
                legend.node("~legend-colors", shape="plain", style="solid",
                            label="<" + rows + ">")
                if engine == "dot":
                    legend.edge("~legend-colors", names["objection"], style="invis")

    def legend_rows(self) -> str:
        theme = self.theme
        rows: list[tuple[str, str]] = []
        mode = self.options.color_by
        if mode == "side":
            for side_id, side in self.map.sides.items():
                if side_id in self.used_sides:
                    rows.append((theme.side_colors(self.side_index[side_id])[0], side.name))
        elif mode == "tag":
            for tag, index in self.tag_index.items():
                if tag in self.used_tags:
                    rows.append((theme.tag_colors(index)[0], tag))
            if len(rows) > 24:
                rows = [*rows[:24], (theme.neutral[0], f"… and {len(rows) - 24} more tags")]
        elif mode == "status":
            rows = [(theme.status_colors(s)[0], f"{word}: " + {
                "in": "accepted", "out": "defeated (dashed border)",
                "undecided": "undecided (dotted border)"}[s])
                for s, word in STATUS_WORDS.items()]
        if not rows:
            return ""
        cells = "".join(
            f'<TR><TD BGCOLOR="{fill}" BORDER="1" WIDTH="18" HEIGHT="12"> </TD>'
            f'<TD ALIGN="LEFT">{_font(label_text(shorten(name, 60)), size=10)}</TD></TR>'
            for fill, name in rows
        )
        return ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">'
                f"{cells}</TABLE>")


def build(argmap: ArgumentMap, options: RenderOptions,
          status: Mapping[str, str] | None = None, *, engine: str | None = None) -> Built:
    """Draw ``argmap`` (or the part ``options`` select) as a Graphviz digraph.

    ``engine`` overrides ``options.engine`` (the fallback layout after a time-out).
    """
    from argmap._render.select import visible_ids  # noqa: PLC0415 -- small, but only here

    visible = visible_ids(argmap, focus=options.focus, depth=options.depth,
                          tags=options.tags, sides=options.sides)
    return _Builder(argmap, options, status).build(visible, engine or options.engine)
