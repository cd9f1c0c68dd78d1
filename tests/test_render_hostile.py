"""A valid map always renders, whatever its text says (issue 8, item 22).

Maps come from :func:`argmap.strategies.argument_maps`; then every text field (titles,
texts, notes, warrants, quotes, locators, sources, side names, tags, the map's own
title) is replaced by hostile text: only line breaks, tabs and CR; markup and entities;
DOT syntax such as ``"]; a -> b [``; Graphviz escapes (``\\l``, ``\\N``, ``\\G``);
control characters; right-to-left marks, combining accents and emoji.

The DOT text is then compared with the DOT text of the *same* map whose texts are all
``x``: tokenised as Graphviz reads DOT, with every quoted or HTML string replaced by a
placeholder, both token streams must be equal, so no text added a node, an edge, an
attribute or a subgraph; and every HTML-like label must be well-formed markup whose
only elements are the ones argmap writes.  Through ``dot`` (fewer examples) the SVG
must come back (exit 0), parse as XML, and hold as many nodes and edges as the plain
map's, with no script and no event attribute.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.model import ArgumentMap, Source
from argmap.render import RenderOptions, render, to_dot
from argmap.strategies import argument_maps

_PIECES = [
    "\n", "\n\n\n", "\t", "\r", "\r\n", " ", "\u00a0", "\u2028", "\u2029", "\u0085",
    "<", ">", "&", '"', "'", "<b>", "</b>", "</TD></TR></TABLE>", "<BR/>",
    '<IMG SRC="/etc/passwd"/>', "<script>alert(1)</script>", "&amp;", "&#x3c;", "&lt;",
    "]]>", "<!--", "-->", '"]; a -> b [', "]; node [shape=box", "}", "{", "|", ";",
    "subgraph cluster_x {", "-> x", "label=<x>", 'URL="javascript:alert(1)"',
    "\\l", "\\n", "\\r", "\\G", "\\N", "\\E", "\\T", "\\H", "\\L", "\\", "\\\\", '\\"',
    "\x01", "\x1b[31m", "\x7f", "\x0b", "\x0c",
    "\u202e", "\u200f", "\u200b", "\ufeff", "\u0301", "e\u0301", "\u0e49\u0e49\u0e49",
    "😀", "👩\u200d👩\u200d👧", "עברית", "مرحبا", "中文", "\U0001d518\U0001d52b\U0001d526",
]


def hostile_texts() -> st.SearchStrategy[str]:
    """Texts of hostile pieces and characters (never empty)."""
    characters = st.characters(codec="utf-8", exclude_characters="\x00")
    whitespace = st.lists(st.sampled_from(["\n", "\r", "\t", "\r\n", " "]), min_size=1,
                          max_size=6).map("".join)
    pieces = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(characters, max_size=4)),
                      min_size=1, max_size=8).map("".join)
    return st.one_of(whitespace, pieces).filter(bool)


def hostile_tags() -> st.SearchStrategy[str]:
    """Tags the schema allows (no comma, not starting with white space), hostile inside."""
    first = st.sampled_from(["<", '"', "\\", "&", "x", "😀", "\u202e", "]"])
    rest = hostile_texts().map(lambda text: text.replace(",", ";")[:40])
    return st.builds(lambda a, b: a + b, first, rest)


def _rewrite(debate: ArgumentMap, text: Callable[[str], str],
             tag: Callable[[str], str]) -> ArgumentMap:
    """The map with every free text passed through ``text`` and every tag through ``tag``."""

    def opt(value: str | None) -> str | None:
        return None if value is None else text(value)

    def source(value: str | Source | None) -> str | Source | None:
        if not isinstance(value, Source):
            return value
        return attrs.evolve(value, title=opt(value.title), author=opt(value.author),
                            publisher=opt(value.publisher), note=opt(value.note))

    def tags(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(tag(v) for v in values)

    return attrs.evolve(
        debate,
        title=opt(debate.title), description=opt(debate.description),
        authors=tuple(text(a) for a in debate.authors), source=source(debate.source),
        sides={k: attrs.evolve(v, name=text(v.name), description=opt(v.description))
               for k, v in debate.sides.items()},
        sources={k: source(v) for k, v in debate.sources.items()},
        claims={k: attrs.evolve(v, text=text(v.text), title=opt(v.title), note=opt(v.note),
                                tags=tags(v.tags)) for k, v in debate.claims.items()},
        evidence={k: attrs.evolve(v, text=text(v.text), title=opt(v.title),
                                  quote=opt(v.quote), locator=opt(v.locator),
                                  note=opt(v.note), source=source(v.source),
                                  tags=tags(v.tags))
                  for k, v in debate.evidence.items()},
        arguments={k: attrs.evolve(v, title=opt(v.title), text=opt(v.text),
                                   warrant=opt(v.warrant), backing=opt(v.backing),
                                   qualifier=opt(v.qualifier), scheme=opt(v.scheme),
                                   note=opt(v.note), tags=tags(v.tags))
                   for k, v in debate.arguments.items()},
        attacks=tuple(attrs.evolve(a, note=opt(a.note)) for a in debate.attacks),
        contradictions=tuple(attrs.evolve(c, note=opt(c.note))
                             for c in debate.contradictions),
    )


@st.composite
def hostile_maps(draw: st.DrawFn) -> tuple[ArgumentMap, ArgumentMap]:
    """A valid map with hostile text everywhere, and the same map with plain text."""
    debate = draw(argument_maps(max_nodes=6))
    texts = hostile_texts()
    tag_text = hostile_tags()
    chosen_tags: dict[str, str] = {}

    def hostile_tag(value: str) -> str:
        if value not in chosen_tags:
            chosen_tags[value] = draw(tag_text.filter(
                lambda t: t not in chosen_tags.values()))
        return chosen_tags[value]

    hostile = _rewrite(debate, lambda _: draw(texts), hostile_tag)
    names = {tag: f"t{index}" for index, tag in enumerate(chosen_tags)}
    plain = _rewrite(debate, lambda _: "x", lambda value: names[value])
    return hostile, plain


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<html><)
  | (?P<arrow>->|--)
  | (?P<punct>[\[\]{};=,:])
  | (?P<id>[A-Za-z_\x80-\U0010ffff~][\w\x80-\U0010ffff~.-]*|-?(?:\.\d+|\d+(?:\.\d*)?))
""", re.VERBOSE | re.DOTALL)

#: The only elements argmap writes inside HTML-like labels.
_LABEL_TAGS = {"FONT", "B", "I", "BR", "TABLE", "TR", "TD", "label"}


def _tokens(source: str) -> tuple[list[str], list[str]]:
    """DOT tokens (strings as placeholders) and the HTML-like labels, as Graphviz reads."""
    tokens: list[str] = []
    labels: list[str] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        assert match is not None, f"not DOT at {position}: {source[position:position + 60]!r}"
        kind = match.lastgroup
        if kind == "html":
            depth, end = 0, position
            while True:  # an HTML string ends at the '>' that balances its '<'
                char = source[end]
                depth += {"<": 1, ">": -1}.get(char, 0)
                end += 1
                if depth == 0:
                    break
            labels.append(source[position + 1:end - 1])
            tokens.append("<HTML>")
            position = end
            continue
        if kind == "string":
            tokens.append('"STRING"')
        elif kind != "space":
            tokens.append(match.group())
        position = match.end()
    return tokens, labels


def _check_label(label: str) -> None:
    root = ET.fromstring(f"<label>{label}</label>")  # noqa: S314 -- our own output
    assert {element.tag for element in root.iter()} <= _LABEL_TAGS, label


def _same_structure(hostile: ArgumentMap, plain: ArgumentMap, options: RenderOptions) -> None:
    hostile_tokens, labels = _tokens(to_dot(hostile, options).source)
    plain_tokens, _ = _tokens(to_dot(plain, options).source)
    assert hostile_tokens == plain_tokens
    for label in labels:
        _check_label(label)


_OPTIONS = [RenderOptions(), RenderOptions(cluster_by="tag", color_by="tag"),
            RenderOptions(label="title", rankdir="LR", theme="print", wrap=0)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_maps())
def test_hostile_text_never_becomes_structure(maps: tuple[ArgumentMap, ArgumentMap]) -> None:
    hostile, plain = maps
    # The strategy also draws texts the file format refuses (control characters, blank
    # titles): a map built in code must render all the same.
    for options in _OPTIONS:
        _same_structure(hostile, plain, options)


def test_titles_of_line_breaks_render() -> None:
    """Issue 8, item 22: a title of line breaks passed validation, then broke Graphviz."""
    # Such a file is now refused by validation (issue 8, item 22: blank texts and titles
    # on several lines); a map built in code with them must still render.
    debate = ArgumentMap(
        title="\n\n",
        sides={"s": argmap.Side(id="s", name="\r\n\t")},
        claims={"c": argmap.Claim(id="c", text="\n", title="\n\n", side="s"),
                "d": argmap.Claim(id="d", text="\t\r", side="s")},
        arguments={"a": argmap.Argument(id="a", premises=("d",), conclusion="c", title="\n")},
    )
    assert not argmap.validates('argmap: 1\ntitle: "\\n\\n"\nclaims: {c: {text: x}}\n').ok
    tokens, labels = _tokens(to_dot(debate).source)
    assert tokens.count("->") >= 2
    for label in labels:
        _check_label(label)
    if shutil.which("dot"):
        svg = render(debate, "svg")
        ET.fromstring(svg)  # noqa: S314 -- our own output


def _svg_counts(svg: bytes) -> tuple[int, int]:
    root = ET.fromstring(svg)  # noqa: S314 -- our own output
    nodes = edges = 0
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag != "script"
        assert not any(name.lower().startswith("on") for name in element.attrib), element
        classes = element.get("class", "").split()
        nodes += "node" in classes
        edges += "edge" in classes
    return nodes, edges


@pytest.mark.dot
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_maps())
def test_hostile_maps_render_through_dot(maps: tuple[ArgumentMap, ArgumentMap]) -> None:
    hostile, plain = maps
    options = RenderOptions(engine="dot")
    try:
        svg = render(hostile, "svg", options, timeout=60)
    except subprocess.CalledProcessError as exc:  # pragma: no cover - reported below
        raise AssertionError(exc) from None
    assert _svg_counts(svg) == _svg_counts(render(plain, "svg", options, timeout=60))
