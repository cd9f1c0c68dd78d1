"""Fuzzing budget: ``ARGMAP_FUZZ_EXAMPLES`` examples per fuzz test.

CI runs a small number (the default, 40, derandomised under CI=true so that a run is
reproducible); run longer on demand::

    ARGMAP_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/fuzz -p no:cacheprovider

A failing example is printed by hypothesis; keep it as a regression test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "40"))

settings.register_profile(
    "fuzz",
    parent=settings.get_profile("ci" if os.environ.get("CI") else "default"),
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)
FUZZ = settings.get_profile("fuzz")
