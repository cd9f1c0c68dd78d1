"""Generated maps for the render tests: cross-linked debates and small dense maps.

Seeded, so every run draws the same maps.  ``cross_linked_map`` has the shape of the
Argdown debates in ``../shared/bench/gen_debate.py``: two sides, arguments whose
premises are claims from anywhere in the debate (not only their own branch), support
and attacks across branches, so a layered layout gets long edges and many crossings.
``dense_map`` is issue 8's item 10: few claims, arguments with many premises each.
"""

from __future__ import annotations

import json
import random

__all__ = ["cross_linked_map", "dense_map"]


def _sentence(rng: random.Random, words: tuple[str, ...]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(6, 16))]
    return " ".join(chosen).capitalize() + "."


_WORDS = ("policy", "tax", "energy", "health", "school", "market", "privacy", "climate",
          "data", "risk", "cost", "benefit", "growth", "trust", "safety", "law", "court")


def dense_map(claims: int, arguments: int, premises: int, seed: int = 1) -> str:
    """A valid map of ``claims`` claims and ``arguments`` arguments of ``premises`` each."""
    rng = random.Random(seed)  # noqa: S311 -- test maps, not secrets
    lines = ["argmap: 1", "title: A small dense map", "claims:"]
    lines += [f"  c{i}: {{text: {json.dumps(_sentence(rng, _WORDS))}}}" for i in range(claims)]
    lines.append("arguments:")
    for number in range(arguments):
        conclusion = rng.randrange(claims)
        chosen = rng.sample([i for i in range(claims) if i != conclusion], premises)
        lines.append(f"  a{number}: {{premises: [{', '.join(f'c{i}' for i in chosen)}], "
                     f"conclusion: c{conclusion}}}")
    return "\n".join(lines) + "\n"


def cross_linked_map(nodes: int, seed: int = 42) -> str:
    """A valid two-sided debate of about ``nodes`` claims and arguments, cross-linked."""
    rng = random.Random(seed)  # noqa: S311 -- test maps, not secrets
    claims: list[tuple[str, str]] = [("c0", "pro"), ("c1", "con")]
    lines_claims = [
        f"  c0: {{text: {json.dumps(_sentence(rng, _WORDS))}, side: pro, main: true}}",
        f"  c1: {{text: {json.dumps(_sentence(rng, _WORDS))}, side: con, main: true}}",
    ]
    lines_arguments: list[str] = []
    lines_attacks: list[str] = []
    count = 2
    while count < nodes:
        if rng.random() < 0.5 or len(claims) < 4:
            side = rng.choice(("pro", "con"))
            cid = f"c{len(claims)}"
            lines_claims.append(f"  {cid}: {{text: {json.dumps(_sentence(rng, _WORDS))}, "
                                f"side: {side}}}")
            claims.append((cid, side))
            if rng.random() < 0.3:
                target = rng.choice(claims[:-1])[0]
                lines_attacks.append(f"  - {{attacker: {cid}, target: {target}}}")
        else:
            conclusion = rng.choice(claims[: max(2, len(claims) - 1)])[0]
            count_premises = rng.choice((1, 1, 2, 2, 3))
            pool = [c for c, _ in claims if c != conclusion]
            chosen = rng.sample(pool, min(count_premises, len(pool)))
            lines_arguments.append(
                f"  a{count}: {{premises: [{', '.join(chosen)}], conclusion: {conclusion}}}")
        count += 1
    return "\n".join([
        "argmap: 1", "title: A cross-linked debate",
        "sides:", "  pro: {name: Proposition}", "  con: {name: Opposition}",
        "claims:", *lines_claims,
        "arguments:", *lines_arguments,
        "attacks:", *lines_attacks,
    ]) + "\n"
