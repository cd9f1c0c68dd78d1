"""Time ``argmap.render``: map to DOT text, and map to finished SVG (Graphviz included).

Run:  .venv/bin/python benchmarks/bench_render.py            (100, 1,000, 5,000 nodes)
      .venv/bin/python benchmarks/bench_render.py --sizes 300 2000 --repeat 3

Maps are generated (seeded, so every run draws the same ones) in the shape of real
debates: two sides with a main thesis each, trees of arguments with one to three linked
premises, evidence with sources, attacks (rebuttals, underminers, undercuts) and
contradictions, and sentence-length texts.  A node is a claim, an evidence item or an
argument.  Medians are printed.  Reference: the Argdown CLI 1.7.5 takes about 1.4 s
for DOT and 29 s for SVG on a 5,000-node debate on the project's machines.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from argmap.model import (
    Argument,
    ArgumentMap,
    Attack,
    Claim,
    Contradiction,
    Evidence,
    EvidenceType,
    Side,
    Source,
)
from argmap.render import RenderOptions, graphviz_available, render, to_dot

ARGDOWN_DOT_5000 = 1.4
ARGDOWN_SVG_5000 = 29.0

_WORDS = (
    "threat", "policy", "alliance", "deterrence", "budget", "troops", "supply", "escalation",
    "partnership", "security", "region", "war", "economy", "sanctions", "missiles",
    "industry", "strategy", "theater", "ally", "pressure", "risk", "treaty", "credibility",
    "resources", "capacity", "negotiation", "ceasefire"
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 22))]
    return (" ".join(words)).capitalize() + "."


def generate_map(nodes: int, seed: int = 1) -> ArgumentMap:
    """A valid debate of about ``nodes`` claims, evidence items and arguments."""
    rng = random.Random(seed)
    sides = {"pro": Side(id="pro", name="Proposition"), "con": Side(id="con", name="Opposition")}
    sources = {f"s{i}": Source(id=f"s{i}", title=f"Report {i}", author="A. Author",
                               date="2024", url=f"https://example.org/report/{i}")
               for i in range(20)}
    claims: dict[str, Claim] = {
        "pro-main": Claim(id="pro-main", text=_sentence(rng), side="pro", main=True),
        "con-main": Claim(id="con-main", text=_sentence(rng), side="con", main=True),
    }
    evidence: dict[str, Evidence] = {}
    arguments: dict[str, Argument] = {}
    attacks: list[Attack] = []
    open_claims = list(claims)
    count = 2
    while count < nodes:
        conclusion = rng.choice(open_claims[-200:])
        side = claims[conclusion].side
        premises: list[str] = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            if count >= nodes - 1:
                break
            if rng.random() < 0.3:
                eid = f"e{count}"
                evidence[eid] = Evidence(id=eid, text=_sentence(rng),
                                         type=rng.choice(list(EvidenceType)),
                                         source=f"s{rng.randrange(20)}", side=side,
                                         locator=f"p. {rng.randint(1, 300)}")
                premises.append(eid)
            else:
                cid = f"c{count}"
                claims[cid] = Claim(id=cid, text=_sentence(rng), side=side)
                open_claims.append(cid)
                premises.append(cid)
            count += 1
        if not premises:
            break
        aid = f"a{count}"
        arguments[aid] = Argument(id=aid, premises=tuple(premises), conclusion=conclusion,
                                  title=_sentence(rng)[:30] if rng.random() < 0.3 else None)
        count += 1
    ids = list(claims)
    other = {"pro": "con", "con": "pro"}
    for i in range(max(1, len(ids) // 12)):
        attacker = rng.choice(ids)
        side = claims[attacker].side or "pro"
        targets = [c for c in ids[-400:] if claims[c].side == other[side]]
        if rng.random() < 0.3 and arguments:
            target = rng.choice(list(arguments))
        elif targets:
            target = rng.choice(targets)
        else:
            continue
        attacks.append(Attack(attacker=attacker, target=target, id=f"x{i}"))
    return ArgumentMap(
        title=f"Generated debate of {nodes} nodes", sides=sides, sources=sources,
        claims=claims, evidence=evidence, arguments=arguments, attacks=tuple(attacks),
        contradictions=(Contradiction(claims=("pro-main", "con-main")),),
    )


def _dot_text(debate: ArgumentMap, options: RenderOptions) -> str:
    return str(to_dot(debate, options).source)


def _median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print the median times to DOT and to SVG for each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--engine", default=None, help="force a layout engine")
    args = parser.parse_args(argv)
    if not graphviz_available():
        print("Graphviz is not installed: only DOT times are measured", file=sys.stderr)
    options = RenderOptions(engine=args.engine)
    print(f"{'nodes':>6} {'engine':>6} {'to DOT (s)':>11} {'to SVG (s)':>11}")
    for size in args.sizes:
        debate = generate_map(size)
        drawn = len(debate.claims) + len(debate.evidence) + len(debate.arguments)
        graph = to_dot(debate, options)
        dot_time = _median_time(partial(_dot_text, debate, options), args.repeat)
        svg_repeat = max(1, args.repeat if size < 2000 else min(args.repeat, 3))
        svg_time = (_median_time(partial(render, debate, "svg", options), svg_repeat)
                    if graphviz_available() else float("nan"))
        print(f"{drawn:>6} {graph.engine:>6} {dot_time:>11.3f} {svg_time:>11.3f}")
        if size == 5000:
            print(f"       vs Argdown 1.7.5: DOT {ARGDOWN_DOT_5000 / dot_time:.0f}x faster, "
                  f"SVG {ARGDOWN_SVG_5000 / svg_time:.1f}x faster")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
