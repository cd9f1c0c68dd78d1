"""Round trips through AIF and Argdown on maps generated from the model classes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.convert import detect_format, export_map, import_map, read_map
from argmap.model import (
    Argument,
    ArgumentMap,
    Attack,
    AttackType,
    Claim,
    Contradiction,
    Evidence,
    EvidenceType,
    Side,
)
from argmap.strategies import argument_maps

_IDS = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).map(lambda s: " ".join(s.split())).filter(
    # The format refuses blank texts: at least one letter, digit, mark of punctuation
    # or symbol (not only format characters such as U+200B).
    lambda s: any(unicodedata.category(c)[0] in "LNPS" for c in s))
_TAGS = st.lists(st.from_regex(r"[a-z][a-z0-9 -]{0,10}[a-z0-9]", fullmatch=True),
                 max_size=3, unique=True)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """Valid maps: claims, evidence, arguments, typed attacks, contradictions, sides."""
    ids = draw(st.lists(_IDS, min_size=2, max_size=14, unique=True))
    n_claims = draw(st.integers(1, len(ids)))
    n_evidence = draw(st.integers(0, len(ids) - n_claims))
    claim_ids = ids[:n_claims]
    evidence_ids = ids[n_claims:n_claims + n_evidence]
    argument_ids = ids[n_claims + n_evidence:]
    sides = {"pro": Side(id="pro", name="Pro"), "con": Side(id="con", name="Con")}
    side = st.sampled_from([None, "pro", "con"])
    claims = {
        c: Claim(id=c, text=draw(_TEXT), title=draw(st.none() | _TEXT), side=draw(side),
                 main=draw(st.booleans()), tags=draw(_TAGS), note=draw(st.none() | _TEXT))
        for c in claim_ids
    }
    evidence = {
        e: Evidence(id=e, text=draw(_TEXT), type=draw(st.sampled_from(list(EvidenceType))),
                    side=draw(side), tags=draw(_TAGS))
        for e in evidence_ids
    }
    propositions = claim_ids + evidence_ids
    arguments = {
        a: Argument(
            id=a,
            premises=draw(st.lists(st.sampled_from(propositions), min_size=1, max_size=3,
                                   unique=True)),
            conclusion=draw(st.sampled_from(claim_ids)),
            title=draw(st.none() | _TEXT), scheme=draw(st.none() | _TEXT),
            warrant=draw(st.none() | _TEXT), side=draw(side),
        )
        for a in argument_ids
    }
    everything = propositions + argument_ids
    attacks = []
    attack_ids = iter(f"x.{i}" for i in range(100))
    for _ in range(draw(st.integers(0, 6))):
        target = draw(st.sampled_from(everything))
        if target in arguments:
            kind = AttackType.UNDERCUT
        elif target in evidence:
            kind = AttackType.UNDERMINE
        else:
            kind = draw(st.sampled_from([AttackType.REBUT, AttackType.UNDERMINE]))
        attacks.append(Attack(attacker=draw(st.sampled_from(everything)), target=target,
                              type=kind, id=next(attack_ids) if draw(st.booleans()) else None))
    contradictions = []
    if len(claim_ids) >= 2 and draw(st.booleans()):
        a, b = draw(st.lists(st.sampled_from(claim_ids), min_size=2, max_size=2, unique=True))
        contradictions.append(Contradiction(claims=(a, b)))
    result = ArgumentMap(title=draw(st.none() | _TEXT), sides=sides, claims=claims,
                         evidence=evidence, arguments=arguments, attacks=attacks,
                         contradictions=contradictions)
    assert argmap.validate_map(result).ok, argmap.validate_map(result).diagnostics
    return result


@given(maps())
def test_aif_round_trip_is_lossless_for_claims_arguments_and_attacks(original: ArgumentMap
                                                                     ) -> None:
    back = import_map(export_map(original, "aif"), "aif")
    assert argmap.validate_map(back).ok
    assert dict(back.claims) == dict(original.claims)
    assert dict(back.evidence) == dict(original.evidence)
    assert dict(back.arguments) == dict(original.arguments)
    assert back.attacks == original.attacks
    assert back.contradictions == original.contradictions
    assert back == original


@given(maps())
def test_xaif_round_trip(original: ArgumentMap) -> None:
    back = import_map(export_map(original, "xaif"), "xaif")
    assert back == original


@given(maps())
def test_argdown_round_trip_keeps_statements_inferences_and_attacks(original: ArgumentMap
                                                                    ) -> None:
    text = export_map(original, "argdown")
    back = import_map(text, "argdown")
    assert argmap.validate_map(back).ok
    texts = {k: v.text for k, v in original.claims.items()}
    texts.update({k: v.text for k, v in original.evidence.items()})
    back_texts = {k: v.text for k, v in back.claims.items()}
    back_texts.update({k: v.text for k, v in back.evidence.items()})
    for node_id, text in texts.items():
        assert back_texts[node_id] == text
    for arg in original.arguments.values():
        again = back.arguments[arg.id]
        assert (again.premises, again.conclusion) == (arg.premises, arg.conclusion)
    # Attacks come back between the same nodes, self-attacks included (issue 7, item 2);
    # tests/test_conservation_argdown.py checks the Argdown round trips in full.
    def ends(attack: Attack) -> tuple[str, str]:
        return attack.attacker, attack.target

    expected = {ends(a) for a in original.attacks
                if not (a.target in original.attacks_by_id
                        and original.node(a.target) is None)}
    assert {ends(a) for a in back.attacks} == expected
    assert {frozenset(c.claims) for c in back.contradictions} == {
        frozenset(c.claims) for c in original.contradictions}


def test_native_formats_round_trip() -> None:
    original = ArgumentMap(claims={"c": Claim(id="c", text="Tea is good.")})
    for name in ("yaml", "json"):
        assert import_map(export_map(original, name), name) == original
    assert attrs.asdict(original)  # the model is plain attrs data


@given(argument_maps())
def test_aif_round_trip_of_the_shared_strategy_is_exact(original: ArgumentMap) -> None:
    assert import_map(export_map(original, "aif"), "aif") == original


@pytest.mark.parametrize("target", ["yaml", "json", "aif", "xaif", "sadface", "argdown"])
def test_every_corpus_map_survives_export_and_reimport(corpora: Path, target: str) -> None:
    files = [p for p in sorted(corpora.rglob("*"))
             if p.is_file() and p.suffix in (".json", ".xml", ".argdown")
             and "iccma" not in p.parts]
    imported = 0
    for path in files:
        raw = path.read_bytes()
        fmt = detect_format(str(path), raw)
        assert fmt is not None
        result = read_map(raw, fmt)
        if result.map is None:
            continue  # the few Argdown files Argdown itself rejects
        imported += 1
        back = import_map(export_map(result.map, target), target)
        if target == "argdown":
            assert set(result.map.claims) <= set(back.claims), path
            assert set(result.map.arguments) <= set(back.arguments), path
        else:
            assert back == result.map, path
    assert imported >= 290
