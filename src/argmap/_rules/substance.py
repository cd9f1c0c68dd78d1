"""Substance rules: what a teacher checks in a student's map.

Claims need reasons, evidence needs sources, sources need a date and a link, objections
need answers, statements need content, and the main claim needs reasoning of some
depth.  Every rule is linear in the size of the map.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping

from argmap._rules.registry import (
    Finding,
    MapIndex,
    OptionValue,
    describe,
    normalise_text,
    rule,
)
from argmap._words import count
from argmap.errors import Severity

__all__: list[str] = []


def _strings(value: OptionValue) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else ()


def _int(value: OptionValue) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


@rule(
    "unsupported-claim",
    "substance",
    Severity.INFO,
    "A claim with no argument for it (no reasons, no evidence).",
    options={
        "exempt-tags": ("assumption", "definition", "common-ground", "given"),
        "objections-need-reasons": False,
    },
)
def unsupported_claim(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    """Claims no argument concludes.

    Exempt: claims tagged with one of ``exempt-tags`` (agreed starting points), and,
    unless ``objections-need-reasons`` is true, claims whose only role is to attack
    (an objection or a rebuttal stated in one sentence).
    """
    exempt = set(_strings(options["exempt-tags"]))
    attackers_need = options["objections-need-reasons"] is True
    supporting, attacks_by = index.supporting, index.attacks_by
    premises = {p for arg in index.map.arguments.values() for p in arg.premises}
    for claim in index.map.claims.values():
        if claim.id in supporting or exempt.intersection(claim.tags):
            continue
        if (
            not attackers_need
            and claim.id in attacks_by
            and claim.id not in premises
            and not claim.main
        ):
            continue
        role = "main claim" if claim.main else "claim"
        yield Finding(
            ("claims", claim.id),
            f"{role} {claim.id!r} has no reasons or evidence: no argument concludes it",
            f"add an argument with `conclusion: {claim.id}` whose premises are the reasons "
            "or evidence for it (or tag an agreed starting point `assumption`)",
            key=True,
        )


@rule(
    "evidence-without-source",
    "substance",
    Severity.WARNING,
    "Evidence that does not say where it comes from.",
)
def evidence_without_source(
    index: MapIndex, options: Mapping[str, OptionValue]
) -> Iterator[Finding]:
    for item in index.map.evidence.values():
        if item.source is None:
            yield Finding(
                ("evidence", item.id),
                f"evidence {item.id!r} has no source",
                "add `source:` with the id of an entry under `sources`, or the source "
                "written out (title, author, date, url)",
                key=True,
            )


def _source_name(path: tuple[str | int, ...]) -> str:
    if path[0] == "sources":
        return f"source {path[1]!r}"
    if path[0] == "evidence":
        return f"the source of evidence {path[1]!r}"
    return "the map's source"


@rule(
    "undated-source",
    "substance",
    Severity.INFO,
    "A source without a date.",
)
def undated_source(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for path, source in index.sources():
        if source.date is None:
            yield Finding(
                path,
                f"{_source_name(path)} has no date",
                "add `date:` (YYYY, YYYY-MM or YYYY-MM-DD): readers judge evidence by how "
                "recent it is",
                key=True,
            )


@rule(
    "unlinked-source",
    "substance",
    Severity.INFO,
    "A source without a link (url).",
)
def unlinked_source(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for path, source in index.sources():
        if source.url is None:
            yield Finding(
                path,
                f"{_source_name(path)} has no link",
                "add `url:` so readers can check it (for a printed book, the publisher's "
                "or a library catalogue's page)",
                key=True,
            )


def _obligated_sides(
    index: MapIndex, listed: tuple[str, ...], every_main_side: bool = False
) -> set[str | None]:
    """The sides that must answer objections against them.

    ``listed`` when given; otherwise every side that takes part in the exchange (it
    attacks something), the side of the main claims when they all share one, and nodes
    without a side.  A side that only states its case (a position a text reports in
    order to reject it) is not expected to answer.  With ``every_main_side`` (the
    classroom profile: both sides of a class debate argue for a thesis), every side
    with a main claim must answer too.
    """
    if listed:
        return set(listed)
    obliged: set[str | None] = {None}
    if every_main_side:
        obliged.update(c.side for c in index.map.main_claims)
    for attack in index.map.attacks:
        obliged.update(index.side(attacker) for attacker in attack.attackers)
    main_sides = {c.side for c in index.map.main_claims}
    if len(main_sides) == 1:
        obliged |= main_sides
    return obliged


def _reasons_of(index: MapIndex, attacker: str) -> Iterator[str]:
    """The attacker and what it rests on directly: what an answer to it may attack.

    For an argument, its premises; for a claim, the arguments concluding it and their
    premises.
    """
    yield attacker
    arg = index.map.arguments.get(attacker)
    if arg is not None:
        yield from arg.premises
    for support in index.supporting.get(attacker, ()):
        yield support.id
        yield from support.premises


def _answerable(index: MapIndex) -> set[str]:
    """Nodes an attack on which answers an objection (main claims are never among them)."""
    mains = {c.id for c in index.map.main_claims}
    out: set[str] = set()
    for attacker in index.attacks_by:
        if attacker not in mains:
            out.update(_reasons_of(index, attacker))
    return out - mains


@rule(
    "unanswered-objection",
    "substance",
    Severity.INFO,
    "An objection that nothing in the map answers.",
    options={"sides": (), "every-main-side": False},
)
def unanswered_objection(
    index: MapIndex, options: Mapping[str, OptionValue]
) -> Iterator[Finding]:
    """An attack on the reasoning (not on another objection) that nothing answers.

    An objection is answered when the attack itself is undercut (an attack whose target
    is its id), or when one of its attackers (the attacker and its co-premises) is
    attacked, or, for an argument, one of its premises, or, for a claim, one of the
    arguments concluding it or their premises.  Attacks on attackers or on attacks are
    answers and need no answer themselves, so the last word of an exchange is not
    reported.  Only objections against the sides that must answer
    count (:func:`_obligated_sides`; the ``sides`` option names them explicitly, and
    ``every-main-side`` adds every side with a main claim).
    Attacks within one side are ``same-side-conflict``'s.
    """
    argmap = index.map
    attacks_on, attack_ids = index.attacks_on, index.attack_ids
    obliged = _obligated_sides(
        index, _strings(options["sides"]), options["every-main-side"] is True
    )
    answers = _answerable(index)
    unanswered: dict[str, list[int]] = {}
    for number, attack in enumerate(argmap.attacks):
        target = attack.target
        if target in attack.attackers or target in answers or target in attack_ids:
            continue  # a self-attack, or an answer (to an attacker or to an attack)
        side, target_side = index.side(attack.attacker), index.side(target)
        if (side is not None and side == target_side) or target_side not in obliged:
            continue
        if any(
            target in (a.conclusion, a.id)
            for attacker in attack.attackers
            for a in index.premise_of.get(attacker, ())
        ):
            continue  # it also supports the target: support-and-attack reports it
        if attack.id is not None and attack.id in attacks_on:
            continue  # the attack itself is undercut
        if any(
            part in attacks_on
            for attacker in attack.attackers
            for part in _reasons_of(index, attacker)
        ):
            continue
        unanswered.setdefault(attack.attacker, []).append(number)
    for attacker, numbers in unanswered.items():
        targets = sorted({argmap.attacks[i].target for i in numbers})
        against = ", ".join(repr(t) for t in targets[:5])
        if len(targets) > 5:
            against += f" and {len(targets) - 5} more"
        yield Finding(
            ("attacks", numbers[0]),
            f"the objection {describe(index, attacker)} against {against} is not answered",
            f"add an attack on {attacker!r} (or on its reasons, or on the attack) that "
            "answers it, or concede the point in the map",
        )


@rule(
    "evidence-as-conclusion",
    "substance",
    Severity.WARNING,
    "An argument whose conclusion is an evidence item.",
)
def evidence_as_conclusion(
    index: MapIndex, options: Mapping[str, OptionValue]
) -> Iterator[Finding]:
    evidence = index.map.evidence
    for arg in index.map.arguments.values():
        if arg.conclusion in evidence:
            yield Finding(
                ("arguments", arg.id, "conclusion"),
                f"argument {arg.id!r} concludes evidence {arg.conclusion!r}; evidence is "
                "backed by its source, not argued for",
                f"if {arg.conclusion!r} needs reasons, make it a claim (under `claims`); "
                "otherwise give it a source and drop the argument",
            )


@rule(
    "duplicate-statement",
    "substance",
    Severity.WARNING,
    "Two claims or evidence items saying the same thing (ignoring case and punctuation).",
)
def duplicate_statement(
    index: MapIndex, options: Mapping[str, OptionValue]
) -> Iterator[Finding]:
    first: dict[str, str] = {}
    normalised = index.normalised
    for path, node_id, _ in index.statements():
        key = normalised[node_id]
        if not key:
            continue
        seen = first.setdefault(key, node_id)
        if seen != node_id:
            yield Finding(
                path,
                f"{describe(index, node_id)} says the same as {describe(index, seen)}",
                f"use {seen!r} wherever {node_id!r} is used and remove {node_id!r}",
            )


_PLACEHOLDERS = frozenset(
    normalise_text(t)
    for t in (
        "todo", "tbd", "tba", "fixme", "xxx", "n/a", "na", "none", "null", "nothing",
        "placeholder", "text", "claim", "evidence", "reason", "argument", "lorem ipsum",
        "test", "asdf", "foo", "bar", "yes", "no", "ok", "same", "idem", "see above",
        "to do", "write this", "add text", "new claim", "new evidence",
    )
)


def _too_short(key: str, min_words: int, min_chars: int) -> bool:
    words = key.split()
    if len(words) >= min_words:
        return False
    # A character of a script written without spaces (Chinese, Japanese) carries about
    # as much as a short word: count it three times.
    letters = sum(3 if unicodedata.east_asian_width(ch) in "WF" else 1 for w in words
                  for ch in w)
    return letters < min_chars


@rule(
    "empty-statement",
    "substance",
    Severity.WARNING,
    "A claim or evidence item with no real content (blank, a placeholder, a word or two).",
    options={"min-words": 3, "min-chars": 12},
)
def empty_statement(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    min_words, min_chars = _int(options["min-words"]), _int(options["min-chars"])
    normalised = index.normalised
    for path, node_id, text in index.statements():
        key = normalised[node_id]
        if not key:
            problem = "is empty"
        elif key in _PLACEHOLDERS:
            problem = f"is a placeholder ({text.strip()!r})"
        elif len(key) < 4 * (min_words + min_chars) and _too_short(key, min_words, min_chars):
            problem = f"is too short to be a statement ({text.strip()!r})"
        else:
            continue
        yield Finding(
            path,
            f"the text of {describe(index, node_id)} {problem}",
            "write the claim or evidence as a full sentence that can be true or false",
        )


@rule(
    "single-premise",
    "substance",
    Severity.WARNING,
    "An argument with fewer co-premises than the course asks for (off by default).",
    enabled=False,
    options={"min-premises": 2, "warrant-counts": True},
)
def single_premise(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    need = _int(options["min-premises"])
    warrant_counts = options["warrant-counts"] is True
    for arg in index.map.arguments.values():
        have = len(arg.premises) + (1 if warrant_counts and arg.warrant else 0)
        if have < need:
            yield Finding(
                ("arguments", arg.id, "premises"),
                f"argument {arg.id!r} has {count(len(arg.premises), 'premise')}; at least "
                f"{count(need, 'co-premise')} {'is' if need == 1 else 'are'} asked for",
                "add the unstated premise that links the reason to the conclusion"
                + (" (or write it as `warrant:`)" if warrant_counts else ""),
            )


def _depths(index: MapIndex) -> list[int]:
    """Steps of reasoning below every node (by number): the longest chain of arguments.

    Computed on the support graph with each loop (strongly connected part) taken as one
    node, in reverse topological order, so the answer is defined and does not depend on
    the order of the file: an argument inside a loop counts as one step.
    """
    names, number = index.numbering
    supporting = index.supporting
    components = index.support_components
    part = [0] * len(names)
    for i, component in enumerate(components):
        for v in component:
            part[v] = i
    depth = [0] * len(components)
    # Tarjan lists conclusions before their premises: go backwards.
    for i in range(len(components) - 1, -1, -1):
        best = 0
        for v in components[i]:
            for arg in supporting.get(names[v], ()):
                step = 1
                for premise in arg.premises:
                    p = number.get(premise)
                    if p is not None and part[p] != i and depth[part[p]] + 1 > step:
                        step = depth[part[p]] + 1
                best = max(best, step)
        depth[i] = best
    return [depth[part[v]] for v in range(len(names))]


@rule(
    "shallow-reasoning",
    "substance",
    Severity.INFO,
    "A main claim whose longest chain of reasons is shorter than the minimum depth.",
    options={"min-depth": 2},
)
def shallow_reasoning(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    need = _int(options["min-depth"])
    mains = [c.id for c in index.map.main_claims]
    if not mains or need <= 0:
        return
    depth = _depths(index)
    _, number = index.numbering
    for claim_id in mains:
        have = depth[number[claim_id]]
        if have == 0 or have >= need:
            continue  # no reasons at all is unsupported-claim's finding
        yield Finding(
            ("claims", claim_id),
            f"the reasoning for main claim {claim_id!r} is {count(have, 'step')} deep; at least "
            f"{need} {'is' if need == 1 else 'are'} asked for",
            "support the reasons themselves: give each premise of the main claim its own "
            "argument, down to evidence",
            key=True,
        )
