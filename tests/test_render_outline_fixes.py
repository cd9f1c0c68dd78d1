"""The outline's structure and looks, after a tester's findings (4, 5, 6, 11, 12, 14, 17):
roots in dependency order, main theses never nested, deep levels distinct, reference
rows unlike boxes, a margin round every text, ``--label id``, centred headings.

Every test checks the end result: the SVG (texts, classes, positions) or the PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap._render.outline import FULL_LEVELS, INDENT_CAP
from argmap.render import RenderOptions, render
from tests.test_render_outline import SEED, SVG, _classes, _groups, _text, assert_nothing_lost

pytestmark = pytest.mark.dot

_NUMBER = re.compile(r"^(?:[A-Z ·]+ · )?(\d+) · ")
_SEE = re.compile(r"see (\d+)")


def _rows(svg: bytes) -> list[tuple[list[str], str]]:
    """The outline's row nodes in drawing order (reading order): classes and text."""
    return [(_classes(g), _text(g)) for g in _groups(svg)
            if _classes(g)[0] == "node" and (g.get("id") or "").startswith(
                ("argmap_", "outline_")) and not (g.get("id") or "").startswith(
                ("outline_key", "outline_title", "outline_continued"))]


def _order_ok(svg: bytes) -> list[str]:
    """The reference rows that come before the box they point to."""
    seen: set[str] = set()
    early = []
    for classes, text in _rows(svg):
        if "outline-ref" in classes:
            found = _SEE.search(text)
            assert found is not None, text
            if found.group(1) not in seen:
                early.append(text)
        else:
            number = _NUMBER.match(text)
            if number is not None:
                seen.add(number.group(1))
    return early


def _loose_roots(svg: bytes) -> list[str]:
    """The boxes drawn as roots (at a column's left edge) that something else drawn
    points to with a reference row, main theses apart: a premise or attacker loose
    before or after what it bears on."""
    groups = _groups(svg)
    columns = {round(_bbox(g)[0]) for g in groups if "outline-heading" in _classes(g)}
    assert columns
    roots = {}
    for group in groups:
        if any(k in _classes(group) for k in ("claim", "evidence", "argument")):
            number = _NUMBER.match(_text(group))
            if number is not None and round(_bbox(group)[0]) in columns:
                roots[number.group(1)] = _text(group)
    referenced = {m.group(1) for _, text in _rows(svg) if (m := _SEE.search(text))}
    return sorted(text for number, text in roots.items()
                  if number in referenced and "MAIN THESIS" not in text)


def _boxes(svg: bytes) -> list[str]:
    """The full rows' texts, in reading order."""
    return [text for classes, text in _rows(svg) if "outline-ref" not in classes
            and "outline-contra" not in classes and "outline-heading" not in classes]


def _bbox(group: ET.Element) -> tuple[float, float, float, float]:
    """The (left, top, right, bottom) of a node's first shape (SVG units)."""
    shape = next(e for e in group if e.tag in (f"{SVG}path", f"{SVG}polygon"))
    raw = shape.get("d") or shape.get("points") or ""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", raw)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


# -- 4: roots in the order of what depends on what ----------------------------------


@pytest.mark.parametrize("options", [
    RenderOptions(layout="outline", focus="sk-may-shift", depth=2, legend=False),
    RenderOptions(layout="outline", tags=("north-korea",), legend=False),
    RenderOptions(layout="outline", legend=False),
], ids=["focus", "tag", "plain"])
def test_no_reference_precedes_its_box(options: RenderOptions) -> None:
    svg = render(argmap.load(SEED), "svg", options)
    assert _order_ok(svg) == []
    assert _loose_roots(svg) == []
    if options.focus is not None:
        first = _boxes(svg)[0]
        assert first.startswith("1 · CLAIM · sk-may-shift"), first


def test_the_focused_node_is_box_one_with_its_tree_under_it() -> None:
    """Finding 4's command: the focused claim first, its premises under it, no see N
    before box N (they were top-level boxes 1-3 and the focus 4th)."""
    debate = argmap.load(SEED)
    svg = render(debate, "svg", RenderOptions(layout="outline", focus="sk-may-shift",
                                              depth=2, legend=False))
    boxes = _boxes(svg)
    assert boxes[0].startswith("1 · CLAIM · sk-may-shift")
    headings = [text for classes, text in _rows(svg) if "outline-heading" in classes]
    assert headings[0] == "One threat: in focus"
    for node_id in ("nk-experience", "tech-payoff", "calculus-change"):
        assert any(node_id in box for box in boxes[1:]), node_id
    # the loose premises come after the focus and nothing before it
    nk = next(i for i, box in enumerate(boxes) if "nk-experience" in box)
    assert nk > 0


def test_a_premise_never_comes_loose_before_its_conclusion() -> None:
    """The seed's china-challenge was box 64 alone, before 65 whose argument said
    "see 64": now nothing that another node uses stands as a root before it."""
    debate = argmap.load(SEED)
    svg = render(debate, "svg", RenderOptions(layout="outline", legend=False))
    assert _order_ok(svg) == []
    assert _loose_roots(svg) == []
    # it is drawn under the argument that uses it, not as a root of its own
    challenge = next(g for g in _groups(svg) if g.get("data-argmap-id") == "china-challenge")
    columns = {round(_bbox(g)[0]) for g in _groups(svg) if "outline-heading" in _classes(g)}
    assert round(_bbox(challenge)[0]) not in columns


def test_a_cycle_only_root_is_picked_up_last() -> None:
    debate = argmap.loads("""argmap: 1
claims:
  a: {text: A holds}
  b: {text: B holds}
  lone: {text: Nothing bears on this and it bears on nothing}
arguments:
  ab: {premises: [a], conclusion: b, title: A so B}
  ba: {premises: [b], conclusion: a, title: B so A}
""")
    svg = assert_nothing_lost(debate)
    boxes = _boxes(svg)
    assert boxes[0].startswith("1 · CLAIM · lone")
    assert boxes[1].startswith("2 · CLAIM · a")


# -- 5: every main thesis a root under its own side's heading -----------------------


_MUTUAL = """argmap: 1
sides:
  pro: {{name: For}}
  con: {{name: "{side_name}"}}
claims:
  t1: {{text: The first thesis holds, main: true, side: pro}}
  t2: {{text: The second thesis holds, main: true, side: con}}
  e1: {{text: A reason for the first, side: pro}}
arguments:
  a1: {{premises: [e1], conclusion: t1, title: Reason one}}
attacks:
  - {{attacker: t2, target: t1}}
  - {{attacker: t1, target: t2}}
"""


@pytest.mark.parametrize("side_name", ["Against", "נגד"])
def test_main_theses_attacking_each_other_stay_roots(side_name: str) -> None:
    debate = argmap.loads(_MUTUAL.format(side_name=side_name))
    svg = assert_nothing_lost(debate)
    rows = _rows(svg)
    headings = [text for classes, text in rows if "outline-heading" in classes]
    assert headings == ["For", side_name]
    order = [text for _, text in rows]
    first = order.index("For")
    second = order.index(side_name)
    t1 = next(i for i, t in enumerate(order) if "MAIN THESIS · t1" in t)
    t2 = next(i for i, t in enumerate(order) if "MAIN THESIS · t2" in t)
    assert first < t1 < second < t2
    refs = [text for classes, text in rows if "outline-ref" in classes]
    t2_number = _NUMBER.match(order[t2])
    assert t2_number is not None
    assert f"\u2192 see {t2_number.group(1)} · t2 · The second thesis holds" in refs
    assert "\u2192 see 1 · t1 · The first thesis holds" in refs
    # each root at its column's left edge, where its heading starts
    lefts = {g.get("data-argmap-id") or _text(g): _bbox(g)[0] for g in _groups(svg)
             if g.get("data-argmap-id") in ("t1", "t2") or "outline-heading" in _classes(g)}
    assert lefts["t1"] == pytest.approx(lefts["For"], abs=4.5)
    assert lefts["t2"] == pytest.approx(lefts[side_name], abs=4.5)


# -- 6: deep levels readable from the lines ----------------------------------------


def test_deeper_levels_keep_distinct_indents_and_rails() -> None:
    depth = FULL_LEVELS + 4
    claims = "\n".join(f"  c{i}: {{text: Claim {i}{', main: true' if i == 0 else ''}}}"
                       for i in range(depth + 1))
    args = "\n".join(f"  a{i}: {{premises: [c{i + 1}], conclusion: c{i}}}"
                     for i in range(depth))
    # one premise, no title: folded, one level per claim
    debate = argmap.loads(f"argmap: 1\nclaims:\n{claims}\narguments:\n{args}\n")
    svg = assert_nothing_lost(debate)
    boxes = {}
    for group in _groups(svg):
        node_id = group.get("data-argmap-id", "")
        if re.fullmatch(r"c\d+", node_id):
            boxes[int(node_id[1:])] = _bbox(group)
    # the step from each claim to the next, where both are in one column (the next
    # below it, not at the top of the next column)
    steps = {i: boxes[i + 1][0] - boxes[i][0] for i in range(depth)
             if boxes[i + 1][1] > boxes[i][3]}
    assert len(steps) >= depth - 2
    assert all(step >= 8.0 for step in steps.values()), steps  # every level its own
    full = [step for i, step in steps.items() if i < FULL_LEVELS]
    deep = [step for i, step in steps.items() if i >= FULL_LEVELS]
    assert full
    assert deep
    assert max(deep) < min(full)  # narrower past the first levels
    # one rail per parent, each at its own x
    rails = set()
    for group in _groups(svg):
        if "rail" in _classes(group):
            path = group.find(f"{SVG}path")
            assert path is not None
            rails.add(round(float(re.findall(r"-?[\d.]+", path.get("d") or "")[0]), 1))
    assert len(rails) == depth, rails
    assert depth < INDENT_CAP


def test_the_seed_on_a3_landscape_still_prints_large_enough() -> None:
    from tests.test_render_print_fit import printed_sizes

    debate = argmap.load(SEED)
    data = render(debate, "pdf", RenderOptions(theme="print", page="A3", landscape=True,
                                               layout="outline"))
    assert printed_sizes(data)[12.0] >= 7.5


# -- 11: reference rows unlike any box ---------------------------------------------


def test_reference_rows_are_distinct_from_undecided_boxes() -> None:
    """Two theses rebutting each other are both undecided (grounded semantics); the
    reference rows between them must not look like them."""
    from argmap.evaluate import evaluate_map

    debate = argmap.loads(_MUTUAL.format(side_name="Against"))
    status = {n.id: n.status.value for n in evaluate_map(debate).nodes}
    assert status["t1"] == status["t2"] == "undecided"
    svg = render(debate, "svg", RenderOptions(layout="outline", color_by="status",
                                              theme="print"), status=status)
    refs = [g for g in _groups(svg) if "outline-ref" in _classes(g)]
    open_boxes = [g for g in _groups(svg) if "open" in _classes(g)]
    assert refs
    assert open_boxes
    for group in refs:
        drawn = ET.tostring(group, encoding="unicode")
        assert "stroke-dasharray" not in drawn
        assert 'fill="transparent"' in drawn or 'fill="none"' in drawn
        assert 'stroke="transparent"' in drawn
        assert _text(group).startswith("\u2192 see ")
        assert 'font-style="italic"' in drawn
        assert "UNDECIDED" not in _text(group)
    for group in open_boxes:
        assert "UNDECIDED" in _text(group)
        assert "stroke-dasharray" in ET.tostring(group, encoding="unicode")
    key = " ".join(_text(g) for g in ET.fromstring(svg).iter(f"{SVG}g")  # noqa: S314
                   if (g.get("id") or "").startswith("outline_key"))
    assert "\u2192 see N (no border): drawn in full in box N" in key
    assert "UNDECIDED" in key or "undecided" in key.lower()


# -- 12: a margin round every row's text -------------------------------------------


def _printed(tmp_path: Path, source: Path, options: list[str]
             ) -> tuple[bytes, float, list[tuple[str, float, float, float, float]]]:
    """Render ``source`` as SVG and PDF (the same drawing, at scale 1): the SVG, its
    width, and every word the PDF prints with its box (left, top, right, bottom) in the
    SVG's coordinates."""
    svg_path, pdf_path = tmp_path / "o.svg", tmp_path / "o.pdf"
    for path in (svg_path, pdf_path):
        subprocess.run([sys.executable, "-m", "argmap", "render", str(source), "-o",
                        str(path), "--layout", "outline", *options],
                       check=True, capture_output=True)
    svg = svg_path.read_bytes()
    root = ET.fromstring(svg)  # noqa: S314 -- our own output
    width = float(root.get("width", "0").removesuffix("pt"))
    height = float(root.get("height", "0").removesuffix("pt"))
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    tx, ty = (float(v) for v in re.findall(
        r"translate\((-?[\d.]+)[ ,](-?[\d.]+)\)", graph.get("transform", ""))[0])
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils) to read where the PDF prints words")
    words = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"],  # noqa: S607 -- poppler's, from PATH
                           check=True, capture_output=True, text=True).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', words)
    assert page is not None
    # the PDF's page is the SVG's with an equal margin all round
    dx = (float(page.group(1)) - width) / 2 + tx
    dy = (float(page.group(2)) - height) / 2 + ty
    found = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', words):
        x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
        found.append((match.group(5), x0 - dx, y0 - dy, x1 - dx, y1 - dy))
    return svg, width - 2 * tx, found


def _inside(box: tuple[float, float, float, float],
            word: tuple[str, float, float, float, float]) -> bool:
    cx, cy = (word[1] + word[3]) / 2, (word[2] + word[4]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _words_in_boxes(tmp_path: Path, options: list[str]) -> list[tuple[str, float]]:
    """For every word the seed's outline prints in a box or row, the smallest distance
    (points) from the row's border."""
    svg, _, words = _printed(tmp_path, SEED, options)
    boxes = [_bbox(g) for g in _groups(svg) if _classes(g)[0] == "node" and any(
        k in _classes(g) for k in ("argument", "attack-inference", "claim", "evidence",
                                   "outline-ref", "outline-contra"))]
    found = []
    for word in words:
        inside = [b for b in boxes if _inside(b, word)]
        if not inside:
            continue
        left, top, right, bottom = min(inside, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
        _, x0, y0, x1, y1 = word
        found.append((word[0], min(x0 - left, right - x1, y0 - top, bottom - y1)))
    return found


@pytest.mark.parametrize("options", [[], ["--wrap", "20"]], ids=["plain", "wrap20"])
def test_every_word_keeps_a_margin_from_its_border(tmp_path: Path,
                                                    options: list[str]) -> None:
    found = _words_in_boxes(tmp_path, options)
    assert len(found) > 500
    tight = [(word, round(gap, 1)) for word, gap in found if gap < 1.5]
    assert tight == []


# -- 14: --label id -----------------------------------------------------------------


def test_label_id_shows_the_id_as_the_body() -> None:
    debate = argmap.load(SEED)
    svg = render(debate, "svg", RenderOptions(layout="outline", label="id", legend=False))
    claim = next(g for g in _groups(svg) if g.get("data-argmap-id") == "sk-may-shift")
    lines = ["".join(t.itertext()) for t in claim.iter(f"{SVG}text")]
    joined = "".join(lines)
    assert joined.count("sk-may-shift") == 1
    assert lines[-1] == "sk-may-shift"
    assert re.fullmatch(r"\d+ · CLAIM", "".join(lines[:-1])), lines
    # no empty line under the id: its baseline near the box's bottom
    _, top, _, bottom = _bbox(claim)
    baseline = float(list(claim.iter(f"{SVG}text"))[-1].get("y", "0"))
    assert bottom - top <= 36.5  # Graphviz's least height: two lines fit it
    assert bottom - baseline < 12.0
    refs = [_text(g) for g in _groups(svg) if "outline-ref" in _classes(g)]
    assert refs
    for text in refs:
        # (a long "via" goes onto a line of its own)
        assert re.fullmatch(r"\u2192 see \d+ · [\w-]+(( · )?via [\w-]+)?( · level \d+)?",
                            text), text


def test_label_id_on_evidence_and_main_theses() -> None:
    debate = argmap.load(SEED)
    svg = render(debate, "svg", RenderOptions(layout="outline", label="id", legend=False))
    for node_id, kind in (("separate-threats", "MAIN THESIS"),
                          ("nk-troops", "EVIDENCE (statistic)")):
        group = next(g for g in _groups(svg) if g.get("data-argmap-id") == node_id)
        lines = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
        assert lines[-1] == node_id, lines
        assert kind in "".join(lines[:-1])


# -- 17: headings and the title centred -------------------------------------------


def test_every_heading_is_centred(tmp_path: Path) -> None:
    svg, _, words = _printed(tmp_path, SEED, ["--wrap", "20", "--no-legend"])
    headings = [g for g in _groups(svg) if "outline-heading" in _classes(g)]
    assert any("not reached" in _text(g) for g in headings)
    for group in headings:
        box = _bbox(group)
        lines: dict[int, list[tuple[str, float, float, float, float]]] = {}
        for word in words:
            if _inside(box, word):
                lines.setdefault(round(word[2]), []).append(word)
        assert lines, _text(group)
        for line in lines.values():  # each line centred, not only the widest
            left = min(w[1] for w in line)
            right = max(w[3] for w in line)
            assert (left + right) / 2 == pytest.approx((box[0] + box[2]) / 2, abs=1.5)


def test_a_one_claim_outline_centres_its_title(tmp_path: Path) -> None:
    source = tmp_path / "one.argmap.yaml"
    source.write_text("argmap: 1\ntitle: A short title\nclaims:\n"
                      "  c: {text: One claim, main: true}\n", encoding="utf-8")
    _, width, words = _printed(tmp_path, source, [])
    title = [w for w in words if w[0] in ("A", "short", "title") and w[2] < 40]
    assert len(title) == 3
    left = min(w[1] for w in title)
    right = max(w[3] for w in title)
    assert (left + right) / 2 == pytest.approx(width / 2, abs=3.0)
