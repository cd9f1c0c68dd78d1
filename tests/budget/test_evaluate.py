"""``argmap evaluate`` on hostile maps: shared premises and conclusions (issue 7, 9).

k objections to one premise of k arguments, and k rebuttals of one conclusion of k
arguments, make k * k attacks when the translation copies every attacker to every
argument; with gates it stays linear.  The map validates (it is an ordinary file).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.budget._run import assert_clean_failure, run_argmap


def _fan(k: int) -> dict[str, object]:
    claims: dict[str, object] = {"p": {"text": "A shared premise."},
                                 "q": {"text": "Another shared premise."},
                                 "t": {"text": "A shared conclusion.", "main": True}}
    claims.update({f"o{i}": {"text": f"Objection {i}."} for i in range(k)})
    claims.update({f"x{i}": {"text": f"Rebuttal {i}."} for i in range(k)})
    claims.update({f"c{i}": {"text": f"Conclusion {i}."} for i in range(k)})
    arguments = {f"a{i}": {"premises": ["p"], "conclusion": f"c{i}"} for i in range(k)}
    arguments.update({f"b{i}": {"premises": ["q"], "conclusion": "t"} for i in range(k)})
    attacks = [{"attacker": f"o{i}", "target": "p"} for i in range(k)]
    attacks += [{"attacker": f"x{i}", "target": "t"} for i in range(k)]
    return {"argmap": 1, "claims": claims, "arguments": arguments, "attacks": attacks}


def test_shared_premises_and_conclusions_stay_linear(tmp_path: Path) -> None:
    small = tmp_path / "small.json"
    small.write_text(json.dumps(_fan(1)), encoding="utf-8")
    big = tmp_path / "fan.json"
    big.write_text(json.dumps(_fan(1500)), encoding="utf-8")  # 4.5 million copies
    trivial = run_argmap("evaluate", small, "--mediated", timeout=60)
    assert trivial.exit_code == 0, trivial.stderr
    outcome = run_argmap("evaluate", big, "--mediated", "--format", "json", timeout=120)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0, outcome.stderr[-2000:]
    report = json.loads(outcome.stdout)
    assert report["main"] == [{"id": "t", "status": "out"}]
    assert report["framework"]["attacks"] < 20 * 1500
    # Generous for a shared 2-core machine: the copying translation needs minutes and
    # gigabytes here.
    assert outcome.seconds < max(30.0, 30 * trivial.seconds), outcome.seconds
    assert outcome.max_rss_mib < 800, outcome.max_rss_mib
