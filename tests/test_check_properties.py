"""Properties of ``check_map`` on generated and real maps."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.check import CheckConfig, check_map, rules
from argmap.errors import Severity
from argmap.model import Argument, ArgumentMap, Claim
from argmap.strategies import argument_maps

from .conftest import CORPORA

ALL = CheckConfig(select={r.code for r in rules()})
CODES = {r.code for r in rules()}


@given(argument_maps())
def test_every_finding_is_located_in_the_written_file(debate: ArgumentMap) -> None:
    result = argmap.validates(argmap.dumps(debate), format="yaml", file="gen.yaml")
    assert result.map is not None
    for finding in check_map(result.map, config=ALL, locate=result.locate):
        assert finding.code in CODES
        assert finding.location.file == "gen.yaml"
        assert finding.location.line is not None
        assert finding.location.column is not None
        assert finding.location.pointer.startswith("/")
        assert finding.message
        assert finding.hint


@given(argument_maps(), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_entries(
    debate: ArgumentMap, rng: object
) -> None:
    import random

    assert isinstance(rng, random.Random)

    def shuffled(mapping: dict[str, object]) -> dict[str, object]:
        items = list(mapping.items())
        rng.shuffle(items)
        return dict(items)

    other = attrs.evolve(
        debate,
        claims=shuffled(dict(debate.claims)),
        evidence=shuffled(dict(debate.evidence)),
        arguments=shuffled(dict(debate.arguments)),
    )

    def summary(m: ArgumentMap) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in check_map(m, config=ALL):
            counts[finding.code] = counts.get(finding.code, 0) + 1
        return counts

    # Which rules fire, and how often, is a property of the map, not of its order
    # (which parts count as "disconnected" without a main claim may change with the
    # order of equal-sized parts, but not how many).
    assert summary(debate) == summary(other)


@given(argument_maps())
def test_each_rule_alone_finds_what_it_finds_among_all(debate: ArgumentMap) -> None:
    together = check_map(debate, config=ALL)
    alone = [f for code in sorted(CODES)
             for f in check_map(debate, config=CheckConfig(select={code}))]
    assert sorted(map(str, together)) == sorted(map(str, alone))


def test_deep_chain_needs_no_recursion() -> None:
    n = 30_000
    chain = ArgumentMap(
        claims={f"c{i}": Claim(id=f"c{i}", text=f"Step {i} of a long chain.", main=i == n - 1)
                for i in range(n)},
        arguments={f"a{i}": Argument(id=f"a{i}", premises=(f"c{i}",), conclusion=f"c{i + 1}")
                   for i in range(n - 1)},
    )
    found = check_map(chain, config=ALL)
    assert {f.code for f in found} == {"unsupported-claim", "single-premise"}
    closed = attrs.evolve(chain, arguments={
        **chain.arguments,
        "back": Argument(id="back", premises=(f"c{n - 1}",), conclusion="c0"),
    })
    cycles = [f for f in check_map(closed, config=ALL) if f.code == "support-cycle"]
    assert len(cycles) == 1
    assert f"({n} steps)" in cycles[0].message


MICROTEXTS = sorted((CORPORA / "microtexts" / "en").glob("micro_*.xml"))


@pytest.mark.skipif(not MICROTEXTS, reason="the microtexts corpus is not there")
def test_real_argument_graphs_have_no_errors() -> None:
    """62 human-annotated argument graphs: consistent, so no error-level finding."""
    convert = pytest.importorskip("argmap.convert")
    checked = 0
    for path in MICROTEXTS:
        try:
            debate = convert.import_map(Path(path).read_bytes(), "microtexts")
        except argmap.ArgmapError:  # pragma: no cover -- the importer's business
            continue
        errors = [str(f) for f in check_map(debate, config=ALL)
                  if f.severity is Severity.ERROR]
        assert errors == [], path.name
        checked += 1
    assert checked >= 50
