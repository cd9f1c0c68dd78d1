"""Hypothesis strategies for abstract argumentation frameworks (needs hypothesis).

>>> from hypothesis import given
>>> @given(frameworks(max_arguments=5))
... def check(af: Framework) -> None:
...     assert len(af) <= 5
>>> check()
"""

from __future__ import annotations

from hypothesis import strategies as st

from argmap._af.framework import Framework

__all__ = ["frameworks"]


@st.composite
def frameworks(
    draw: st.DrawFn,
    *,
    min_arguments: int = 0,
    max_arguments: int = 8,
    max_attacks: int | None = None,
    self_attacks: bool = True,
) -> Framework:
    """Frameworks with ``min_arguments`` to ``max_arguments`` arguments labelled
    ``a0``, ``a1``, ... and any attacks among them (self-attacks unless turned off)."""
    n = draw(st.integers(min_value=min_arguments, max_value=max_arguments))
    labels = [f"a{i}" for i in range(n)]
    if n == 0 or (n == 1 and not self_attacks):
        return Framework(labels)
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    if not self_attacks:
        pair = pair.filter(lambda p: p[0] != p[1])
    limit = n * n if max_attacks is None else max_attacks
    attacks = draw(st.lists(pair, max_size=limit, unique=True))
    return Framework(labels, [s for s, _ in attacks], [t for _, t in attacks])
