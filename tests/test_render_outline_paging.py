"""The outline on printed pages (a tester's findings 7, 8, 10, 15, 16 and 19): what
``auto`` chooses and says, the outline flowed over pages with ``--tile``, unknown tags,
``-v`` wording, several maps with ``--page``, the PNG size limit."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap._render.outline import draw_outline
from argmap._render.paper import printable_area
from argmap.errors import UsageError
from argmap.render import RenderOptions, render_result

pytestmark = pytest.mark.dot

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "one-threat.argmap.yaml"
MICROTEXT = ROOT.parent / "shared" / "corpora" / "microtexts" / "en" / "micro_b002.xml"


def _argmap(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, args)],
                          capture_output=True, text=True, timeout=300, check=False, cwd=cwd)


PDFINFO = shutil.which("pdfinfo") or ""


def _pdfinfo(path: Path) -> tuple[int, list[str]]:
    """The page count and each page's size line, from poppler's ``pdfinfo``."""
    done = subprocess.run([PDFINFO, "-f", "1", "-l", "9999", str(path)],
                          capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", done.stdout, re.M).group(1))  # type: ignore[union-attr]
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+ x [\d.]+)", done.stdout, re.M)
    return pages, sizes


needs_pdfinfo = pytest.mark.skipif(PDFINFO == "",
                                   reason="poppler's pdfinfo is not installed")


def _long_map(tmp_path: Path) -> Path:
    """A hostile map: one claim of 390 words (with ``--wrap 0``, a line thousands of
    points long)."""
    path = tmp_path / "long.argmap.yaml"
    path.write_text("argmap: 1\ntitle: long\nclaims:\n  c1:\n    text: "
                    + " ".join(["word"] * 390)
                    + "\n  c2:\n    text: short\narguments:\n  a1:\n    premises: [c2]\n"
                    "    conclusion: c1\n", encoding="utf-8")
    return path


# -- 7: the legend does not decide the layout ----------------------------------------


@pytest.mark.skipif(not MICROTEXT.exists(), reason="the shared corpora are not here")
def test_the_legend_does_not_turn_a_small_map_into_an_outline(tmp_path: Path) -> None:
    converted = tmp_path / "m.argmap.yaml"
    assert _argmap("convert", MICROTEXT, "-o", converted).returncode == 0
    out = tmp_path / "m.pdf"
    done = _argmap("render", converted, "-o", out, "--page", "A4", "-v")
    assert done.returncode == 0, done.stderr
    layout = next(line for line in done.stderr.splitlines() if "layout:" in line)
    assert "outline" not in layout
    printed = float(re.search(r"12-point text prints at ([\d.]+) points", layout).group(1))  # type: ignore[union-attr]
    assert printed >= 6.0
    assert "the legend is left out" in done.stderr
    assert "drawn as an outline" not in done.stderr


# -- 8: small print, the outline flowed over pages, honest notes ----------------------


def test_an_outline_below_six_points_says_so_and_how_to_print_larger(tmp_path: Path) -> None:
    done = _argmap("render", SEED, "-o", tmp_path / "s.pdf", "--page", "A4")
    assert done.returncode == 0, done.stderr
    assert "drawn as an outline" in done.stderr
    note = next(line for line in done.stderr.splitlines() if "below 6 points" in line)
    assert "the outline at" in note
    for way in ("--page A3", "--tile", "--focus", "--side"):
        assert way in note


def test_the_outline_asked_for_says_when_it_prints_small(tmp_path: Path) -> None:
    done = _argmap("render", SEED, "-o", tmp_path / "s.pdf", "--page", "A4",
                   "--layout", "outline")
    assert done.returncode == 0, done.stderr
    assert "below 6 points" in done.stderr


def test_auto_keeps_the_map_when_the_outline_is_no_larger(tmp_path: Path) -> None:
    done = _argmap("render", _long_map(tmp_path), "-o", tmp_path / "l.pdf", "--page",
                   "A4", "--wrap", "0", "-v")
    assert done.returncode == 0, done.stderr
    assert "drawn as an outline" not in done.stderr
    layout = next(line for line in done.stderr.splitlines() if "layout:" in line)
    assert "outline" not in layout
    note = next(line for line in done.stderr.splitlines() if "below 6 points" in line)
    # both were measured, both print below 6 points: the note says so of both
    assert "the map at" in note
    assert "the outline at" in note


def _boxes(source: str) -> list[tuple[str, float, float, float, float]]:
    """Every node of fixed size in the DOT source: name, centre x, y, width, height
    (points)."""
    out = []
    for found in re.finditer(r'^\s*(\w+) \[([^\n]*)\]$', source, re.M):
        body = found.group(2)
        pos = re.search(r'pos="([\d.-]+),([\d.-]+)"', body)
        width = re.search(r'\bwidth=([\d.]+)', body)
        height = re.search(r'\bheight=([\d.]+)', body)
        if pos and width and height and "invis" not in body:
            out.append((found.group(1), float(pos.group(1)), float(pos.group(2)),
                        float(width.group(1)) * 72, float(height.group(1)) * 72))
    return out


@pytest.mark.parametrize(("page", "landscape", "scale"),
                         [("A4", False, 1.0), ("A4", True, 0.8), ("A3", False, 2.0)])
def test_the_tiled_outline_flows_whole_boxes_onto_pages(page: str, landscape: bool,
                                                          scale: float) -> None:
    debate = argmap.load(SEED)
    options = RenderOptions(page=page, landscape=landscape, tile=True, scale=scale,
                            layout="outline")
    area = printable_area(options)
    drawing = draw_outline(debate, options, None, paged=(*area, scale))
    assert drawing.pages > 1
    page_w, page_h = area[0] / drawing.scale, area[1] / drawing.scale
    assert drawing.width == pytest.approx(page_w)
    assert drawing.height == pytest.approx(drawing.pages * page_h)
    source = str(drawing.graph.source)
    boxes = _boxes(source)
    assert len(boxes) >= drawing.rows
    for name, x, y, w, h in boxes:
        top, bottom = y + h / 2, y - h / 2
        region = int((drawing.height - top) // page_h)  # pages count from the top
        region_top = drawing.height - region * page_h
        assert bottom >= region_top - page_h - 0.01, f"{name} crosses a page's foot"
        assert top <= region_top + 0.01, f"{name} crosses a page's top"
        assert x - w / 2 >= 0, f"{name} crosses the left side"
        assert x + w / 2 <= page_w + 0.01, f"{name} crosses the right side"
    for number in range(1, drawing.pages + 1):
        assert f"page {number} of {drawing.pages}" in source
    assert "(continued)" in source


@needs_pdfinfo
def test_the_tiled_outline_pdf_has_one_proper_page_per_region(tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    done = _argmap("render", SEED, "-o", out, "--page", "A4", "--tile", "--layout",
                   "outline", "-v")
    assert done.returncode == 0, done.stderr
    found = re.search(r"on (\d+) pages", done.stderr)
    assert found is not None, done.stderr
    pages, sizes = _pdfinfo(out)
    assert pages == int(found.group(1)) > 1
    assert sizes == ["595.276 x 841.89"] * pages
    # the map diagram keeps the poster tiling
    poster = tmp_path / "p.pdf"
    assert _argmap("render", SEED, "-o", poster, "--page", "A4", "--tile",
                   "--layout", "map").returncode == 0
    assert _pdfinfo(poster)[0] >= 1


# -- 10: an unknown tag is a usage error ----------------------------------------------


def test_an_unknown_tag_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    done = _argmap("render", SEED, "-o", tmp_path / "x.svg", "--tag", "chian")
    assert done.returncode == 2
    assert "--tag 'chian'" in done.stderr
    assert "did you mean 'china'" in done.stderr
    assert not (tmp_path / "x.svg").exists()
    done = _argmap("render", SEED, "-o", tmp_path / "x.pdf", "--tag", "nope",
                   "--layout", "outline")
    assert done.returncode == 2
    assert "--tag 'nope'" in done.stderr
    with pytest.raises(UsageError, match="no node of the map has this tag"):
        render_result(argmap.load(SEED), "dot", RenderOptions(tags=("nope",)))
    # a known tag still draws
    assert _argmap("render", SEED, "-o", tmp_path / "y.svg", "--tag", "china"
                   ).returncode == 0


# -- 15: -v wording -------------------------------------------------------------------


def test_verbose_wording(tmp_path: Path) -> None:
    one = tmp_path / "one.argmap.yaml"
    one.write_text("argmap: 1\ntitle: t\nclaims:\n  c1:\n    text: Only one.\n",
                   encoding="utf-8")
    done = _argmap("render", one, "-o", tmp_path / "one.svg", "--layout", "outline", "-v")
    assert "outline: 1 box in 1 row, 1 column" in done.stderr
    done = _argmap("render", one, "-o", tmp_path / "one.pdf", "--page", "A4", "-v")
    assert "the only layout tried" in done.stderr
    assert "best of" not in done.stderr
    done = _argmap("render", SEED, "-o", tmp_path / "s.svg", "--layout", "outline", "-v")
    assert "(19 one-premise arguments drawn as connectors, not boxes)" in done.stderr
    done = _argmap("render", SEED, "-o", tmp_path / "s.pdf", "--engine", "sfdp",
                   "--layout", "map", "--page", "A4", "-v")
    assert done.returncode == 0, done.stderr
    assert re.search(r"layout: sfdp.*12-point text prints at [\d.]+ points", done.stderr)


# -- 16: several maps with --page -----------------------------------------------------


def test_page_makes_a_batch_pdf_and_contradictions_fail_up_front(tmp_path: Path) -> None:
    second = tmp_path / "b.argmap.yaml"
    second.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    done = _argmap("render", SEED, second, "-o", out, "--page", "A4")
    assert done.returncode == 0, done.stderr
    assert sorted(p.suffix for p in out.iterdir()) == [".pdf", ".pdf"]
    for args in (("-f", "svg", "--page", "A4"), ("-f", "html", "--layout", "outline")):
        done = _argmap("render", SEED, second, "-o", tmp_path / "bad", *args)
        assert done.returncode == 2
        assert done.stderr.count("error:") == 1, done.stderr
        assert "rendered 0" not in done.stderr
    done = _argmap("render", "--help")
    assert "--page makes them PDFs" in " ".join(done.stdout.split())


# -- 19: the PNG limit, page names in any case ----------------------------------------


def test_a_png_at_the_size_limit_says_so(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    done = _argmap("render", _long_map(tmp_path), "-o", out, "--layout", "outline",
                   "--wrap", "0")
    assert done.returncode == 0, done.stderr
    width = int.from_bytes(out.read_bytes()[16:20], "big")
    assert width >= 9598
    assert "9,600 pixels a side" in done.stderr
    assert "--tile" in done.stderr
    small = _argmap("render", SEED, "-o", tmp_path / "s.png")
    assert "pixels a side" not in small.stderr


@needs_pdfinfo
def test_page_names_in_any_letter_case(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    done = _argmap("render", SEED, "-o", out, "--page", "a4", "--layout", "map")
    assert done.returncode == 0, done.stderr
    assert _pdfinfo(out)[1] == ["595.276 x 841.89"]
    assert "[choices: A4, A3, letter]" in " ".join(_argmap("render", "--help").stdout.split())


def test_serve_reports_an_unknown_tag_as_it_reports_an_unknown_focus() -> None:
    pytest.importorskip("starlette")
    from argmap.serve import Preview, PreviewOptions  # the serve extra

    snapshot = Preview(SEED, PreviewOptions(render=RenderOptions(tags=("chian",)))).look()
    assert snapshot.ok is False
    assert any("did you mean 'china'" in d["message"] for d in snapshot.diagnostics)


@needs_pdfinfo
def test_a_tiled_outline_too_wide_for_the_page_is_scaled_down_with_a_note(
        tmp_path: Path) -> None:
    out = tmp_path / "l.pdf"
    done = _argmap("render", _long_map(tmp_path), "-o", out, "--page", "A4", "--tile",
                   "--layout", "outline", "--wrap", "0")
    assert done.returncode == 0, done.stderr
    assert "the outline is printed at scale 0.04, not 1" in done.stderr
    assert "below 6 points" in done.stderr
    assert "--tile to" not in done.stderr  # it is already tiled
    assert _pdfinfo(out) == (1, ["595.276 x 841.89"])
