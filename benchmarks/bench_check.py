"""Speed of ``argmap check``: every rule on maps of 10,000 claims.

    .venv/bin/python benchmarks/bench_check.py                 # 10,000 claims, 7 runs
    .venv/bin/python benchmarks/bench_check.py --claims 50000 --runs 3

Two maps are built with the model classes:

* *debate*: the shape of a real debate (benchmarks/generate.py: two sides, evidence with
  sources, arguments with one to three linked premises, attacks, contradictions), plus
  support loops (one argument in a hundred points back up the tree), duplicated texts
  and placeholder texts, so that every rule has work to do and findings to report;
* *chain*: one chain of 10,000 claims, each the reason for the next, closed into a
  single loop: the worst case for recursion depth (Tarjan, the depth search).

Timed: ``check_map`` with every rule enabled (in process, the map already loaded), each
rule on its own, and the whole ``argmap check`` process on the debate written as YAML
(parsing and validation included; compare ``argmap validate`` on the same file).
Prints medians.

Measured on the project's 2-core machine (10,000 claims, 9 runs, other jobs running):
debate, every rule, 11,761 findings: median 0.26 s; chain of 10,000 claims closed into
one loop: 0.14 s (0.07 s with the default profile); whole process on the debate's 5 MB
YAML file: `argmap check` 1.27 s against `argmap validate` 1.07 s.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import attrs  # noqa: E402 -- after the path set-up above

from argmap import dumps  # noqa: E402 -- same
from argmap.check import CheckConfig, check_map, rules  # noqa: E402 -- same
from argmap.model import Argument, ArgumentMap, Claim  # noqa: E402 -- same
from generate import generate  # noqa: E402 -- same
from timing import median_time  # noqa: E402 -- after the path set-up


def debate(claims: int) -> ArgumentMap:
    """The generated debate, with loops, duplicates and placeholders added."""
    base = generate(claims, seed=7)
    rng = random.Random(7)
    extra = {}
    ids = list(base.claims)
    parent: dict[str, str] = {}
    for arg in base.arguments.values():
        parent.setdefault(arg.premises[0], arg.conclusion)
    for i in range(claims // 100):
        # Close a loop: an ancestor a few steps up the tree becomes a reason for the claim.
        low = ids[rng.randrange(2, len(ids))]
        top = low
        for _ in range(rng.randrange(1, 6)):
            top = parent.get(top, top)
        if top != low:
            extra[f"loop{i}"] = Argument(id=f"loop{i}", premises=(top,), conclusion=low)
    texts = dict(base.claims)
    for i in range(0, claims, 250):
        texts[ids[i]] = attrs.evolve(texts[ids[i]], text=texts[ids[i + 1]].text.upper())
        texts[ids[i + 2]] = attrs.evolve(texts[ids[i + 2]], text="TODO")
    return attrs.evolve(base, claims=texts, arguments={**base.arguments, **extra})


def chain(claims: int) -> ArgumentMap:
    """Claim i is the reason for claim i+1; the last is the reason for the first."""
    return ArgumentMap(
        claims={
            f"c{i}": Claim(id=f"c{i}", text=f"Step number {i} of the chain holds.",
                           main=i == claims - 1)
            for i in range(claims)
        },
        arguments={
            f"a{i}": Argument(id=f"a{i}", premises=(f"c{i}",), conclusion=f"c{(i + 1) % claims}")
            for i in range(claims)
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-process", action="store_true",
                        help="skip the whole-process timing (YAML parsing dominates it)")
    args = parser.parse_args()
    every = CheckConfig(select={r.code for r in rules()})
    maps = {"debate": debate(args.claims), "chain": chain(args.claims)}
    for name, argmap in maps.items():
        size = (len(argmap.claims), len(argmap.evidence), len(argmap.arguments),
                len(argmap.attacks))
        found = check_map(argmap, config=every)
        def everything(m: ArgumentMap = argmap) -> object:
            return check_map(m, config=every)

        seconds = median_time(everything, args.runs)
        print(f"{name}: {size[0]:,} claims, {size[1]:,} evidence, {size[2]:,} arguments, "
              f"{size[3]:,} attacks; {len(found):,} findings")
        print(f"  check_map, all {len(every.select)} rules: median {seconds * 1000:.0f} ms")

        def defaults(m: ArgumentMap = argmap) -> object:
            return check_map(m)

        print(f"  check_map, default profile: median "
              f"{median_time(defaults, args.runs) * 1000:.0f} ms")
        if name == "debate":
            for rule in rules():
                def single(m: ArgumentMap = argmap, code: str = rule.code) -> object:
                    return check_map(m, config=CheckConfig(select={code}))

                t = median_time(single, args.runs)
                print(f"    {rule.code:<24} {t * 1000:7.1f} ms")
    if args.no_process:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "debate.argmap.yaml"
        path.write_text(dumps(maps["debate"]), encoding="utf-8")
        (Path(folder) / "argmap.toml").write_text("[check]\n", encoding="utf-8")
        for command in ("validate", "check"):
            def run(command: str = command) -> None:
                subprocess.run([sys.executable, "-m", "argmap", command, str(path)],
                               capture_output=True, check=False)
            t = median_time(run, max(1, min(args.runs, 3)))
            print(f"whole process `argmap {command}` on the debate as YAML "
                  f"({path.stat().st_size / 1e6:.1f} MB): median {t:.2f} s")


if __name__ == "__main__":
    main()
