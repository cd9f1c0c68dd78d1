"""Generate large, valid argument maps for benchmarks.

    python benchmarks/generate.py --claims 10000 -o benchmarks/data/map-10000.yaml

The maps look like real debates: two sides, evidence with sources, arguments with one
to three linked premises, attacks of all three types and a few contradictions.  The
same seed gives the same map.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from argmap import _dump
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
    Source,
)

WORDS = [
    "deterrence",
    "alliance",
    "theater",
    "escalation",
    "partnership",
    "sanctions",
    "munitions",
    "industry",
    "security",
    "balance",
    "power",
    "region",
    "strategy",
    "threat",
    "resources",
    "pacific",
    "europe",
    "treaty",
    "economy",
    "policy",
    "risk",
    "pressure",
    "influence",
    "conflict",
    "supply",
    "capacity",
    "commitment",
]


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate(claims: int, seed: int = 1) -> ArgumentMap:
    """A map with ``claims`` claims, about as many evidence items and arguments."""
    rng = random.Random(seed)
    sides = {"pro": Side(id="pro", name="Pro"), "con": Side(id="con", name="Con")}
    sources = {
        f"s{i}": Source(
            id=f"s{i}",
            title=sentence(rng, 5),
            author="A. Author",
            publisher="Publisher",
            date=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
            url=f"https://example.org/paper/{i}",
        )
        for i in range(max(1, claims // 20))
    }
    claim_map = {
        f"c{i}": Claim(
            id=f"c{i}",
            text=sentence(rng),
            side="pro" if i % 2 else "con",
            main=i < 2,
            tags=(rng.choice(WORDS),),
        )
        for i in range(claims)
    }
    evidence = {
        f"e{i}": Evidence(
            id=f"e{i}",
            text=sentence(rng),
            type=rng.choice(list(EvidenceType)),
            source=f"s{rng.randrange(len(sources))}",
            quote=sentence(rng, 20),
            locator=f"p. {rng.randrange(1, 300)}",
            side="pro" if i % 2 else "con",
        )
        for i in range(claims // 2)
    }
    arguments = {}
    for i in range(2, claims):
        conclusion = f"c{rng.randrange(0, i)}"
        premises = [f"c{i}"]
        for _ in range(rng.randrange(0, 3)):
            premises.append(f"e{rng.randrange(len(evidence))}" if evidence else f"c{i}")
        arguments[f"a{i}"] = Argument(
            id=f"a{i}",
            premises=tuple(dict.fromkeys(premises)),
            conclusion=conclusion,
            warrant=sentence(rng, 8) if i % 5 == 0 else None,
        )
    arg_ids = list(arguments)
    attacks = []
    for i in range(claims // 3):
        kind = rng.choice(list(AttackType))
        attacker = f"c{rng.randrange(claims)}"
        if kind is AttackType.UNDERCUT and arg_ids:
            target = rng.choice(arg_ids)
        elif kind is AttackType.UNDERMINE and evidence:
            target = f"e{rng.randrange(len(evidence))}"
        else:
            kind, target = AttackType.REBUT, f"c{rng.randrange(claims)}"
        attacks.append(Attack(attacker=attacker, target=target, type=kind, id=f"x{i}"))
    contradictions = [
        Contradiction(claims=(f"c{2 * i}", f"c{2 * i + 1}")) for i in range(claims // 50)
    ]
    return ArgumentMap(
        title="Generated debate",
        sides=sides,
        sources=sources,
        claims=claim_map,
        evidence=evidence,
        arguments=arguments,
        attacks=attacks,
        contradictions=contradictions,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True, help="a .yaml or .json file")
    args = parser.parse_args()
    argmap = generate(args.claims, args.seed)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = _dump.to_json(argmap) if out.suffix == ".json" else _dump.to_yaml(argmap)
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
