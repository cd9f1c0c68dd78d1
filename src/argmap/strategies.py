"""Hypothesis strategies for argument maps.

For property-based tests of argmap and of code that uses it::

    from hypothesis import given
    from argmap.strategies import argument_maps

    @given(argument_maps())
    def test_my_exporter(debate):
        ...

Every map drawn is valid: it passes the JSON Schema and its references resolve, with
the right kinds.  Texts include quotes, backslashes, markup, emoji, right-to-left
script and line breaks, so renderers and exporters meet hostile labels.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

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

__all__ = ["argument_maps", "ids", "lines", "sources", "tags", "texts"]

_TRICKY = [
    'He said "no"',
    "C:\\N\\G",
    "<b>bold</b> & {a|b}",
    "line one\nline two",
    "مرحبا بالعالم",
    "😀 emoji",
    "javascript:alert(1)",
    "]; node [shape=box",
    "yes",
    "0o17",
    "~",
    "null",
    "-1.5e3",
]


def ids() -> st.SearchStrategy[str]:
    """Valid ids: a letter or digit, then letters, digits, '_', '-' or '.'."""
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,11}", fullmatch=True)


def texts(max_size: int = 60) -> st.SearchStrategy[str]:
    """Texts the format accepts, including the tricky ones above.

    At least one visible character; line breaks and tabs, but no other control
    characters (and no surrogates).
    """
    alphabet = st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cs"), include_characters="\n\t"
    )
    return st.one_of(
        st.sampled_from(_TRICKY),
        st.text(alphabet, min_size=1, max_size=max_size).filter(_visible),
    )


def lines(max_size: int = 60) -> st.SearchStrategy[str]:
    """One-line texts (titles, names): like :func:`texts`, without line breaks or tabs."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
    return st.one_of(
        st.sampled_from([t for t in _TRICKY if "\n" not in t]),
        st.text(alphabet, min_size=1, max_size=max_size).filter(_visible),
    )


def _visible(text: str) -> bool:
    """True when the format counts ``text`` as not blank (the schema's own pattern)."""
    import re  # noqa: PLC0415 -- used only while generating

    from argmap._schema import schema  # noqa: PLC0415 -- loaded on first use

    return re.search(schema()["$defs"]["text"]["pattern"], text) is not None


def tags() -> st.SearchStrategy[tuple[str, ...]]:
    """Tuples of distinct tags (no commas, not starting with white space)."""
    tag = st.from_regex(r"[a-z\u00e9\u4e2d][a-z0-9 \u00e9\u4e2d-]{0,12}", fullmatch=True)
    return st.lists(tag, max_size=3, unique=True).map(tuple)


_dates = st.one_of(
    st.none(),
    st.integers(1900, 2100).map(str),
    st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10),
)
_urls = st.one_of(
    st.none(),
    st.sampled_from(["https://example.org/a?b=c&d=<e>", 'http://x.test/"q"', "mailto:a@b.c"]),
)


def sources(source_id: str | None = None) -> st.SearchStrategy[Source]:
    """Sources with at least one field set."""
    optional = st.one_of(st.none(), lines(40))
    return st.builds(
        Source,
        id=st.just(source_id),
        title=lines(40),
        author=optional,
        publisher=optional,
        date=_dates,
        url=_urls,
        note=st.none(),
    )


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def argument_maps(draw: st.DrawFn, max_nodes: int = 12) -> ArgumentMap:
    """Valid argument maps with up to ``max_nodes`` claims (and as many other nodes)."""
    node_ids = draw(st.lists(ids(), min_size=1, max_size=3 * max_nodes, unique=True))
    n_claims = draw(st.integers(1, min(max_nodes, len(node_ids))))
    claim_ids = node_ids[:n_claims]
    rest = node_ids[n_claims:]
    n_evidence = draw(st.integers(0, len(rest)))
    evidence_ids = rest[:n_evidence]
    argument_ids = rest[n_evidence:]
    side_ids = draw(st.lists(ids(), max_size=3, unique=True))
    source_ids = draw(st.lists(ids(), max_size=3, unique=True))
    side_ref = st.sampled_from(side_ids) if side_ids else st.none()

    sides = {
        s: Side(id=s, name=draw(lines(20)), description=draw(_maybe(texts()))) for s in side_ids
    }
    srcs = {s: draw(sources(s)) for s in source_ids}
    claims = {
        c: Claim(
            id=c,
            text=draw(texts()),
            title=draw(_maybe(lines(20))),
            side=draw(_maybe(side_ref)),
            main=draw(st.booleans()),
            tags=draw(tags()),
            note=draw(_maybe(texts())),
        )
        for c in claim_ids
    }
    source_ref = st.one_of(
        st.none(),
        st.sampled_from(source_ids) if source_ids else st.none(),
        sources(),
    )
    evidence = {
        e: Evidence(
            id=e,
            text=draw(texts()),
            type=draw(st.sampled_from(EvidenceType)),
            title=draw(_maybe(lines(20))),
            source=draw(source_ref),
            quote=draw(_maybe(texts())),
            locator=draw(_maybe(lines(10))),
            side=draw(_maybe(side_ref)),
            tags=draw(tags()),
        )
        for e in evidence_ids
    }
    propositions = claim_ids + evidence_ids
    arguments = {
        a: Argument(
            id=a,
            premises=tuple(
                draw(st.lists(st.sampled_from(propositions), min_size=1, max_size=3, unique=True))
            ),
            conclusion=draw(st.sampled_from(claim_ids)),
            title=draw(_maybe(lines(20))),
            warrant=draw(_maybe(texts())),
            qualifier=draw(_maybe(texts(10))),
            scheme=draw(_maybe(texts(20))),
            side=draw(_maybe(side_ref)),
        )
        for a in argument_ids
    }
    all_nodes = propositions + argument_ids
    attacks: list[Attack] = []
    taken = set(node_ids)
    for index in range(draw(st.integers(0, len(all_nodes)))):
        attacker = draw(st.sampled_from(all_nodes))
        named = [a.id for a in attacks if a.id is not None]
        target = draw(st.sampled_from(all_nodes + named))
        if target in arguments or target in named:
            kind = draw(st.sampled_from([AttackType.UNDERCUT, None]))
        elif target in evidence:
            kind = draw(st.sampled_from([AttackType.UNDERMINE, None]))
        else:
            kind = draw(st.sampled_from([AttackType.REBUT, AttackType.UNDERMINE, None]))
        attack_id = draw(_maybe(ids().filter(lambda i: i not in taken)))
        if attack_id is not None:
            taken.add(attack_id)
        co_premises = [
            p
            for p in draw(st.lists(st.sampled_from(propositions), max_size=2, unique=True))
            if p != attacker
        ]
        attacks.append(
            Attack(
                attacker=attacker,
                target=target,
                type=kind,
                id=attack_id,
                co_premises=tuple(co_premises),
                note=draw(_maybe(texts())),
            )
        )
        del index
    contradictions = []
    if len(claim_ids) >= 2:
        for pair in draw(
            st.lists(
                st.lists(st.sampled_from(claim_ids), min_size=2, max_size=2, unique=True),
                max_size=2,
            )
        ):
            contradictions.append(Contradiction(claims=(pair[0], pair[1])))
    return ArgumentMap(
        title=draw(_maybe(lines())),
        description=draw(_maybe(texts())),
        authors=tuple(draw(st.lists(lines(20), max_size=2))),
        source=draw(source_ref),
        sides=sides,
        sources=srcs,
        claims=claims,
        evidence=evidence,
        arguments=arguments,
        attacks=attacks,
        contradictions=contradictions,
    )
