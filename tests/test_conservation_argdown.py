"""Conservation for Argdown (issue 7): nothing of a file or a map is lost silently.

Reader: for every Argdown file of the shared corpora, what Argdown itself reads
(``reference-counts.json``: statements, arguments, relations by type) is compared with
the FINAL map.  Each element and relation is either in the map, in the documented
representation (docs/convert.md, "Argdown"), checked here end to end against the map's
claims, arguments, attacks and contradictions, or named by a diagnostic at its line whose
reason is true of it.  ``in == in the map + reported`` for every kind, and the map holds
nothing that no element accounts for.

Writer: every claim, evidence item, argument, attack, contradiction, side, source, tag
and note of a generated map is in the Argdown text (read back) or named in an
``export-loss`` diagnostic.  Round trips: argmap -> Argdown -> argmap gives the map in
its documented normal form; Argdown -> argmap -> Argdown keeps the counts by type.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap._formats.argdown import (
    THESIS_TAGS,
    Traced,
    _plain,
    _tag_text,
    parse_argdown,
    trace_argdown,
)
from argmap.check import check_map
from argmap.convert import export_losses, export_map, import_map, read_map
from argmap.errors import Severity
from argmap.evaluate import evaluate_map
from argmap.model import ArgumentMap, AttackType, Claim, Evidence
from argmap.strategies import argument_maps

from .conftest import CORPORA

ROOT = CORPORA / "argdown"
REFERENCE: dict[str, dict[str, object]] = (
    json.loads((ROOT / "reference-counts.json").read_text(encoding="utf-8"))
    if ROOT.is_dir() else {}
)
VALID = sorted(name for name, counts in REFERENCE.items() if counts["valid"])
RELATION_KINDS = ("support", "attack", "undercut", "contradictory", "entails", "contrary")


class _Reps:
    """What each Argdown element stands for in the final map, from the trace."""

    def __init__(self, argmap: ArgumentMap, trace: list[Traced]) -> None:
        self.map = argmap
        self.claim: dict[tuple[str, str], str] = {}  # statement / gist -> claim id
        self.main: dict[str, str] = {}  # argument with a structure -> its last inference
        for entry in trace:
            title = entry.label[1:-1]
            if entry.kind == "statement":
                self.claim[("statement", title)] = entry.parts[0][1]
            elif entry.kind == "argument" and entry.parts[0][0] == "claim":
                self.claim[("argument", title)] = entry.parts[0][1]
            elif entry.kind == "argument":
                self.main[title] = entry.parts[-1][1]

    def pcs(self, ref: tuple[str, str]) -> bool:
        return ref[0] == "argument" and ref[1] in self.main

    def as_premise(self, ref: tuple[str, str]) -> str:
        if self.pcs(ref):
            return self.map.arguments[self.main[ref[1]]].conclusion
        return self.claim[ref]

    def as_attacker(self, ref: tuple[str, str]) -> str:
        return self.main[ref[1]] if self.pcs(ref) else self.claim[ref]

    def as_target(self, ref: tuple[str, str]) -> str:
        return self.main[ref[1]] if self.pcs(ref) else self.claim[ref]


def _attacks(argmap: ArgumentMap) -> dict[str, tuple[str, str, AttackType | None]]:
    return {a.id: (a.attacker, a.target, a.type) for a in argmap.attacks if a.id}


def _check_represented(entry: Traced, reps: _Reps) -> None:
    """The parts of ``entry`` exist in the map, between the right nodes."""
    m = reps.map
    attacks = _attacks(m)
    kinds = [p[0] for p in entry.parts]
    if entry.kind == "statement":
        assert kinds == ["claim"]
        assert entry.parts[0][1] in m.claims
        return
    if entry.kind == "argument":
        assert kinds == ["claim"] or set(kinds) == {"argument"}
        for _, node in entry.parts:
            assert node in (m.claims if kinds == ["claim"] else m.arguments)
        if kinds == ["claim"]:
            assert "gist" in m.claims[entry.parts[0][1]].tags
        return
    assert entry.source is not None
    assert entry.target is not None
    source, target = entry.source, entry.target
    if entry.kind in ("support", "entails"):
        if reps.pcs(target):
            ((what, arg, premise),) = entry.parts
            assert what == "premise"
            assert arg == reps.main[target[1]]
            assert premise == reps.as_premise(source)
            assert premise in m.arguments[arg].premises
            return
        ((what, arg),) = entry.parts
        assert what == "argument"
        found = m.arguments[arg]
        assert found.premises == (reps.as_premise(source),)
        assert found.conclusion == reps.as_premise(target)
        assert (found.scheme == "entailment") == (entry.kind == "entails")
        return
    if entry.kind == "contradictory" and kinds == ["contradiction"]:
        ((_, a, b),) = entry.parts
        assert {a, b} == {reps.as_premise(source), reps.as_premise(target)}
        assert any(set(c.claims) == {a, b} for c in m.contradictions)
        return
    assert set(kinds) == {"attack"}
    ends = {attacks[p[1]][:2] for p in entry.parts}
    if entry.kind == "undercut" and not reps.pcs(target):
        gist = reps.claim[target]
        supports = {a.id for a in m.arguments.values() if a.premises == (gist,)}
        assert ends == ({(reps.as_attacker(source), s) for s in supports}
                        or {(reps.as_attacker(source), gist)})
        return
    expected = {(reps.as_attacker(source), reps.as_target(target))}
    if entry.kind == "contradictory":
        expected.add((reps.as_attacker(target), reps.as_target(source)))
    assert ends == expected
    for part in entry.parts:
        kind = attacks[part[1]][2]
        assert (kind is AttackType.UNDERCUT) == (attacks[part[1]][1] in m.arguments)


def _check_reported(entry: Traced, reps: _Reps) -> None:
    """The diagnostic is at the element's line, names it, and its reason is true."""
    found = entry.reported
    assert found is not None
    assert found.location.line == entry.line
    assert entry.label in found.message
    m = reps.map
    assert entry.source is not None
    assert entry.target is not None
    source, target = entry.source, entry.target
    if found.code == "duplicate-relation":
        # "says in argmap what ... already says": the map holds that relation already.
        if entry.kind in ("support", "entails"):
            premise, conclusion = reps.as_premise(source), reps.as_premise(target)
            assert any(set(a.premises) == {premise} and a.conclusion == conclusion
                       for a in m.arguments.values())
        elif entry.kind == "contradictory" and not (reps.pcs(source) or reps.pcs(target)):
            pair = {reps.as_premise(source), reps.as_premise(target)}
            assert any(set(c.claims) == pair for c in m.contradictions)
        else:
            assert any((a.attacker, a.target) == (reps.as_attacker(source),
                                                  reps.as_target(target))
                       for a in m.attacks)
    else:
        assert found.code == "too-many-premises"
        assert len(m.arguments[reps.main[target[1]]].premises) >= 100


def conservation(name: str) -> dict[str, Counter[str]]:
    """Counts by kind for one corpus file: in (Argdown's), in the map, reported, silent."""
    text = (ROOT / name).read_text(encoding="utf-8")
    result, trace = trace_argdown(text, name)
    assert result.ok, [str(d) for d in result.diagnostics]
    m = result.map
    assert m is not None
    assert argmap.validate_map(m).ok
    reps = _Reps(m, trace)
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("in", "map", "reported",
                                                                "silent")}
    for entry in trace:
        if entry.parts:
            _check_represented(entry, reps)
            counts["map"][entry.kind] += 1
        elif entry.reported is not None:
            _check_reported(entry, reps)
            assert entry.reported in result.diagnostics
            counts["reported"][entry.kind] += 1
        else:
            counts["silent"][entry.kind] += 1
    reference = REFERENCE[name]
    counts["in"]["statement"] = int(reference["statements"])  # type: ignore[call-overload]
    counts["in"]["argument"] = int(reference["arguments"])  # type: ignore[call-overload]
    relations = reference["relations"]
    assert isinstance(relations, dict)
    counts["in"].update({kind: int(n) for kind, n in relations.items()})
    # Nothing in the map that no element or relation accounts for.
    claimed = Counter(p[:2] for entry in trace for p in entry.parts if p[0] != "premise")
    assert {i for (k, i) in claimed if k == "claim"} == set(m.claims)
    assert {i for (k, i) in claimed if k == "argument"} == set(m.arguments)
    assert {i for (k, i) in claimed if k == "attack"} == {a.id for a in m.attacks}
    assert len(m.attacks) == len({a.id for a in m.attacks})
    assert sum(n for (k, _), n in claimed.items() if k == "contradiction") == len(
        m.contradictions)
    return counts


@pytest.mark.parametrize("name", VALID, ids=lambda n: n.split("/")[-1][:40])
def test_every_element_of_every_file_is_in_the_map_or_reported(name: str) -> None:
    counts = conservation(name)
    assert not counts["silent"], counts["silent"]
    for kind in ("statement", "argument", *RELATION_KINDS):
        assert counts["in"][kind] == counts["map"][kind] + counts["reported"][kind], kind


def test_the_corpus_is_read_whole(corpora: Path) -> None:
    total: dict[str, Counter[str]] = {k: Counter() for k in ("in", "map", "reported",
                                                               "silent")}
    for name in VALID:
        for key, found in conservation(name).items():
            total[key].update(found)
    assert sum(total["silent"].values()) == 0
    assert sum(total["in"].values()) > 1500
    # Issue 7, items 1 and 5: what used to be dropped is now in the map.
    assert total["reported"]["support"] == 0


# -- the numbered examples of issue 7 -------------------------------------------------


def _read(text: str) -> tuple[ArgumentMap, list[str]]:
    result = read_map(text, "argdown", file="x.argdown")
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.map is not None
    return result.map, [f"{d.code}: {d.message}" for d in result.diagnostics]


def test_item1_support_of_an_argument_that_supports_a_statement() -> None:
    m, notes = _read("[S]: Some statement.\n\n<A>: Gist of A.\n    +> [S]\n\n"
                     "<B>: Gist of B.\n    +> <A>\n")
    assert m.arguments["B"].premises == ("B-gist",)
    assert m.arguments["B"].conclusion == "A-gist"
    assert m.arguments["A"].conclusion == "S"
    assert not any("premises and a conclusion" in n for n in notes)


@pytest.mark.parametrize(("text", "attacker", "target"), [
    ("<S>: This argument defeats itself.\n    - <S>\n", "S-gist", "S-gist"),
    ("[S]: This statement defeats itself.\n    - [S]\n", "S", "S"),
    ("<S>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n<S>\n    - <S>\n", "S", "S"),
])
def test_item2_self_attacks_are_kept(text: str, attacker: str, target: str) -> None:
    m, _ = _read(text)
    assert [(a.attacker, a.target) for a in m.attacks] == [(attacker, target)]
    status = {n.id: n.status for n in evaluate_map(m, "grounded").nodes}
    assert status[target].value != "in"


def test_item2_self_support_is_kept() -> None:
    m, _ = _read("[S]: Supports itself.\n    + [S]\n")
    assert [(a.premises, a.conclusion) for a in m.arguments.values()] == [(("S",), "S")]


def test_item3_contradiction_between_arguments_is_symmetric() -> None:
    m, _ = _read("<A>: a\n    >< <B>: b\n")
    assert [set(c.claims) for c in m.contradictions] == [{"A-gist", "B-gist"}]
    m, _ = _read("<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n<A>\n    >< <B>: b\n")
    assert {(a.attacker, a.target) for a in m.attacks} == {("A", "B-gist"), ("B-gist", "A")}


def test_item4_attack_from_an_argument_is_no_duplicate_of_its_conclusion() -> None:
    m, _ = _read("<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n<A>\n    -> [T]: t\n\n"
                 "[C]\n    -> [T]\n")
    assert sorted((a.attacker, a.target) for a in m.attacks) == [("A", "T"), ("C", "T")]
    back = import_map(export_map(m, "argdown"), "argdown")
    assert sorted((a.attacker, a.target) for a in back.attacks) == [("A", "T"), ("C", "T")]


def test_item4_check_reports_duplicate_relations() -> None:
    m = argmap.loads("argmap: 1\nclaims:\n  a: {text: A holds.}\n  b: {text: B holds.}\n"
                     "arguments:\n  x: {premises: [a], conclusion: b}\n"
                     "  y: {premises: [a], conclusion: b}\n"
                     "attacks:\n  - {attacker: a, target: b}\n  - {attacker: a, target: b}\n")
    found = [d for d in check_map(m) if d.code == "duplicate-relation"]
    assert len(found) == 2
    assert "same premises and conclusion as argument 'x'" in found[0].message
    # A written-twice Argdown relation is counted once and said so.
    result = read_map("[a]: A\n    - [b]: B\n    - [b]\n", "argdown")
    assert any(d.code == "duplicate-relation" and d.location.line == 3
               for d in result.diagnostics)


def test_item5_a_statement_supporting_an_argument_becomes_its_premise() -> None:
    m, notes = _read("<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[S]: s\n    +> <A>\n")
    assert m.arguments["A"].premises == ("P", "S")
    assert m.arguments["A"].conclusion == "C"
    assert any(n.startswith("approximated") and "[S] +> <A>" in n for n in notes)


def test_item10_control_characters_survive_export() -> None:
    # Built in code: a file with a NUL in a text is refused (issue 8, item 22), but the
    # writer must hold for any map it is given.
    m = argmap.ArgumentMap(claims={"a": argmap.Claim(id="a", text="NUL \u0000 here")})
    text = export_map(m, "argdown")
    assert "\x00" not in text
    back = import_map(text, "argdown")
    assert back.claims["a"].text == "NUL \u2400 here"
    assert any("control characters" in d.message and "'a'" in d.message
               for d in export_losses(m, "argdown"))


# -- the writer -------------------------------------------------------------------------


@given(argument_maps())
def test_every_part_of_a_map_is_written_or_named_in_an_export_loss(m: ArgumentMap) -> None:
    text = export_map(m, "argdown")
    result = read_map(text, "argdown")
    assert result.ok, [str(d) for d in result.diagnostics]
    back = result.map
    assert back is not None
    losses = [d.message for d in export_losses(m, "argdown")]

    def named(what: str, node_id: str) -> bool:
        return any(what in line and (repr(node_id) in line or " more" in line)
                   for line in losses)

    nodes: list[Claim | Evidence] = [*m.claims.values(), *m.evidence.values()]
    for node in nodes:
        again = back.claims[node.id]
        assert again.text == " ".join(node.text.split()) or named("texts changed", node.id)
        for tag in node.tags:
            assert tag in again.tags or named("tags changed", node.id)
        if node.note is not None:
            assert named("notes", node.id)
        if node.side is not None:
            assert named("sides", node.id)
    for node_id in m.evidence:
        assert "evidence" in back.claims[node_id].tags
        assert named("evidence types", node_id)
    for arg in m.arguments.values():
        found = back.arguments[arg.id]
        assert (found.premises, found.conclusion) == (arg.premises, arg.conclusion)
        for tag in arg.tags:
            assert tag in found.tags or named("tags changed", arg.id)
        if arg.note is not None:
            assert named("notes", arg.id)
    back_attacks = {(a.attacker, a.target) for a in back.attacks}
    ids = m.attacks_by_id
    for attack in m.attacks:
        if attack.target in ids and m.node(attack.target) is None:
            assert any("undercuts another attack" in line for line in losses)
            continue
        assert (attack.attacker, attack.target) in back_attacks
        if attack.co_premises:
            assert any("co-premises" in line for line in losses)
    assert {frozenset(c.claims) for c in back.contradictions} == {
        frozenset(c.claims) for c in m.contradictions}
    for side in m.sides:
        assert named("the map's sides", side)
    for source in m.sources:
        assert named("the map's sources", source)


@given(argument_maps())
def test_argmap_to_argdown_to_argmap_gives_the_normal_form(m: ArgumentMap) -> None:
    """The documented normal form: texts on one line (control characters as symbols),
    titles become the ids, evidence a claim tagged `evidence`, attacks typed as the
    import infers them, co-premises and undercuts of attacks left out."""
    back = import_map(export_map(m, "argdown"), "argdown")

    def tags(values: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for tag in values:
            clean = _tag_text(tag).replace(",", " ").lstrip()[:63]
            if clean and clean not in out:
                out.append(clean)
        return tuple(out)

    def text(node_id: str, value: str) -> str:  # a blank text reads as the title
        return _plain(value) or (back.claims[node_id].title or "")

    def claim_tags(claim: Claim) -> tuple[str, ...]:  # a main claim is written #thesis
        written = tags(claim.tags)
        if claim.main and not any(t.lower() in THESIS_TAGS for t in written):
            written = (*written, "thesis")
        return written

    expected_claims = {c.id: (text(c.id, c.text), claim_tags(c)) for c in m.claims.values()}
    expected_claims.update({e.id: (text(e.id, e.text), tags((*e.tags, "evidence")))
                            for e in m.evidence.values()})
    assert {c.id: (c.text, c.tags) for c in back.claims.values()} == expected_claims
    assert {c.id for c in back.claims.values() if c.main} == {
        c_id for c_id, (_, written) in expected_claims.items()
        if any(t.lower() in THESIS_TAGS for t in written)}
    assert all(c.title in (c.id, (m.claims.get(c.id) or m.evidence[c.id]).title)
               for c in back.claims.values())
    assert {a.id: (a.premises, a.conclusion, a.scheme and _plain(a.scheme),
                   a.text and _plain(a.text), tags(a.tags))
            for a in back.arguments.values()} == {
        a.id: (a.premises, a.conclusion, a.scheme and _plain(a.scheme),
               a.text and _plain(a.text), tags(a.tags)) for a in m.arguments.values()}
    ids = m.attacks_by_id
    kept = [a for a in m.attacks if not (a.target in ids and m.node(a.target) is None)]
    assert {(a.attacker, a.target) for a in back.attacks} == {
        (a.attacker, a.target) for a in kept}
    for attack in back.attacks:
        assert back.attack_type(attack) is (
            AttackType.UNDERCUT if attack.target in back.arguments
            else AttackType.UNDERMINE if any(attack.target in a.premises
                                             for a in back.arguments.values())
            and not any(attack.target == a.conclusion for a in back.arguments.values())
            else AttackType.REBUT)
    assert {frozenset(c.claims) for c in back.contradictions} == {
        frozenset(c.claims) for c in m.contradictions}


@pytest.mark.parametrize("name", VALID, ids=lambda n: n.split("/")[-1][:40])
def test_argdown_to_argmap_to_argdown_keeps_the_structure(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    first = import_map(text, "argdown", file=name)
    again = export_map(first, "argdown")
    second = import_map(again, "argdown")
    # Exact: argmap -> Argdown -> argmap gives the same map for every corpus file.
    assert {c.id: (c.text, c.tags) for c in second.claims.values()} == {
        c.id: (c.text, c.tags) for c in first.claims.values()}
    assert {a.id: (a.premises, a.conclusion, a.scheme) for a in second.arguments.values()
            } == {a.id: (a.premises, a.conclusion, a.scheme)
                  for a in first.arguments.values()}
    assert Counter((a.attacker, a.target, a.type) for a in second.attacks) == Counter(
        (a.attacker, a.target, a.type) for a in first.attacks)
    # Argdown's counts by type are kept, up to the documented normal form.
    model = parse_argdown(text)
    model.explode = False  # front-matter settings are not written back
    before, after = model.counts(), parse_argdown(again).counts()
    assert after["statements"] == before["statements"]
    assert after["arguments"] == before["arguments"]
    assert _normal_relations(name, "mode: strict" in again) == after["relations"]


def _normal_relations(name: str, strict: bool) -> dict[str, int]:
    """Relation counts as the export writes them back (docs/convert.md, "Argdown")."""
    text = (ROOT / name).read_text(encoding="utf-8")
    result, trace = trace_argdown(text, name)
    gists = {e.label[1:-1] for e in trace if e.kind == "argument" and e.parts
             and e.parts[0][0] == "claim"}
    out: Counter[str] = Counter()
    for entry in trace:
        if entry.kind not in RELATION_KINDS or not entry.parts:
            continue
        kinds = [p[0] for p in entry.parts]
        assert entry.source is not None
        assert entry.target is not None
        between = entry.source[0] == entry.target[0] == "statement" and strict
        if kinds == ["premise"]:
            # A statement's support of an argument comes back as its premise; an
            # argument without structure that supports one, as that support again.
            if entry.source[0] == "argument" and entry.source[1] in gists:
                out["support"] += 1
            continue
        if kinds == ["contradiction"]:
            out["contradictory"] += 1
        elif kinds == ["argument"]:
            out["entails" if between else "support"] += 1
        else:  # written `<_` when the attack targets an argument (an undercut)
            assert result.map is not None
            for _, attack_id in entry.parts:
                (attack,) = (a for a in result.map.attacks if a.id == attack_id)
                out["undercut" if attack.target in result.map.arguments
                    else "contrary" if between else "attack"] += 1
    return dict(out)


# -- the reader never fails other than with a diagnostic -------------------------------


@given(st.text(max_size=400))
def test_random_text_gives_a_map_or_diagnostics(text: str) -> None:
    result = read_map(text, "argdown")
    assert result.map is not None or any(d.severity is Severity.ERROR
                                         for d in result.diagnostics)


def _corpus_texts() -> list[str]:
    return [(ROOT / n).read_text(encoding="utf-8") for n in sorted(REFERENCE)[:60]]


@given(st.data())
def test_mutated_corpus_files_give_a_map_or_diagnostics(data: st.DataObject) -> None:
    texts = _corpus_texts()
    if not texts:
        pytest.skip("../shared/corpora is not present")
    text = data.draw(st.sampled_from(texts))
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        what = data.draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if what == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 40)):]
        elif what == "insert":
            piece = data.draw(st.sampled_from(
                ["[", "]", "<", ">", "+", "-", "_", "><", "\n", "    ", "(1) ", "----",
                 "#(", ")", "{", "}", "\\", "//", "/*", "<!--", "===\n", "@[", "\x00",
                 "\t", "--\n", "*"]) | st.text(max_size=5))
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + text[at : at + 200] + text[at:]
    result = read_map(text, "argdown")
    if result.map is not None:
        assert argmap.validate_map(result.map).ok
    else:
        assert any(d.severity is Severity.ERROR for d in result.diagnostics)
