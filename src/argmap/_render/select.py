"""Which part of a map to draw: everything, one claim and what bears on it, or a tag.

``focus``: the node, then, ``depth`` steps out, whatever bears on what is already shown:
the arguments for it (with all their premises, so a joint reason is never cut in half),
its attackers (with their co-premises and whatever undercuts their objection), the
claims it contradicts, and what undercuts a shown argument.  One step
is one such relation; an argument and its premises come in the same step.

``tags``: nodes carrying any of the tags, and every argument that carries one or
concludes a shown node, with all its premises.

``sides``: nodes of any of these sides (an argument's side is its conclusion's), with
all the premises of a shown argument.

Several together: the intersection.  Relations are drawn when both of their ends are shown.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable

from argmap.errors import UsageError
from argmap.model import ArgumentMap

__all__ = ["visible_ids"]


def _focus(argmap: ArgumentMap, focus: str, depth: int) -> set[str]:
    if argmap.node(focus) is None:
        known = ", ".join(sorted(argmap.claims)[:10])
        raise UsageError(f"--focus {focus!r}: no claim, evidence or argument has this id"
                         + (f" (claims include: {known})" if known else ""))
    for_target: dict[str, list[str]] = defaultdict(list)
    for arg in argmap.arguments.values():
        for_target[arg.conclusion].append(arg.id)
    attackers: dict[str, list[str]] = defaultdict(list)
    on_attack: dict[str, list[str]] = defaultdict(list)
    for attack in argmap.attacks:
        on_attack[attack.target].extend(attack.attackers)
    for attack in argmap.attacks:
        attackers[attack.target].extend(attack.attackers)
        if attack.id is not None:
            # an objection comes with what undercuts it
            attackers[attack.target].extend(on_attack.get(attack.id, ()))
    for contradiction in argmap.contradictions:
        a, b = contradiction.claims
        attackers[a].append(b)
        attackers[b].append(a)
    shown = {focus}
    frontier = [focus]
    for _ in range(depth):
        step: list[str] = []

        def add(node_id: str, into: list[str] = step) -> None:
            if node_id not in shown and argmap.node(node_id) is not None:
                shown.add(node_id)
                into.append(node_id)

        for node_id in frontier:
            node = argmap.node(node_id)
            for arg_id in for_target.get(node_id, ()):
                add(arg_id)
                for premise in argmap.arguments[arg_id].premises:
                    add(premise)
            for attacker in attackers.get(node_id, ()):
                add(attacker)
                if attacker in argmap.arguments:
                    for premise in argmap.arguments[attacker].premises:
                        add(premise)
            if node_id in argmap.arguments and node is not None:
                for premise in argmap.arguments[node_id].premises:
                    add(premise)
        frontier = step
        if not frontier:
            break
    return shown


def _tagged(argmap: ArgumentMap, tags: Iterable[str]) -> set[str]:
    wanted = set(tags)
    known_tags = {tag for node in argmap.nodes() for tag in node.tags}
    unknown = sorted(wanted - known_tags)
    if unknown:
        # a tag no node carries would draw an empty diagram: a usage error, as an
        # unknown --side or --focus is
        close = difflib.get_close_matches(unknown[0], sorted(known_tags), n=1)
        hint = (f"did you mean {close[0]!r}? " if close else "")
        listed = ", ".join(sorted(known_tags)[:10]) or "none: no node of the map has a tag"
        raise UsageError(f"--tag {unknown[0]!r}: no node of the map has this tag "
                         f"({hint}its tags: {listed})")
    shown = {
        node.id for node in argmap.nodes()
        if node.id not in argmap.arguments and wanted.intersection(node.tags)
    }
    for arg in argmap.arguments.values():
        if wanted.intersection(arg.tags) or arg.conclusion in shown:
            shown.add(arg.id)
            shown.update(p for p in arg.premises if argmap.node(p) is not None)
            if wanted.intersection(arg.tags) and argmap.node(arg.conclusion) is not None:
                shown.add(arg.conclusion)
    return shown


def _sided(argmap: ArgumentMap, sides: Iterable[str]) -> set[str]:
    wanted = set(sides)
    unknown = sorted(wanted - set(argmap.sides))
    if unknown:
        known = ", ".join(sorted(argmap.sides)[:10]) or "none: the map declares no sides"
        raise UsageError(f"--side {unknown[0]!r}: the map has no side with this id "
                         f"(its sides: {known})")
    shown = {node.id for node in argmap.nodes() if node.id not in argmap.arguments
             and argmap.side_of(node.id) in wanted}
    for arg in argmap.arguments.values():
        if argmap.side_of(arg.id) in wanted or arg.conclusion in shown:
            shown.add(arg.id)
            shown.update(p for p in arg.premises if argmap.node(p) is not None)
            if argmap.node(arg.conclusion) is not None:
                shown.add(arg.conclusion)
    return shown


def visible_ids(
    argmap: ArgumentMap, *, focus: str | None, depth: int, tags: Iterable[str],
    sides: Iterable[str] = (),
) -> set[str] | None:
    """The ids of the nodes to draw, or ``None`` for the whole map."""
    tag_list = list(tags)
    side_list = list(sides)
    if focus is None and not tag_list and not side_list:
        return None
    shown: set[str] | None = None
    if focus is not None:
        shown = _focus(argmap, focus, depth)
    if tag_list:
        tagged = _tagged(argmap, tag_list)
        shown = tagged if shown is None else shown & tagged
    if side_list:
        sided = _sided(argmap, side_list)
        shown = sided if shown is None else shown & sided
    assert shown is not None  # noqa: S101 -- one of the two branches ran
    return shown
