"""Print output (issue 11): PDF on real pages, fitted or tiled; PNG resolution; defeated
nodes marked in the diagram itself."""

from __future__ import annotations

import math
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.errors import UsageError
from argmap.render import PAGE_SIZES, RenderOptions, render, to_dot

pytestmark = pytest.mark.dot

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "render" / "small.argmap.yaml"
SEED = ROOT / "examples" / "one-threat.argmap.yaml"


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of each page of the PDF, as a reader finds them: through the last
    cross-reference section (the incremental update), whose every offset must point at
    the object it names."""
    xref_at = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    assert pdf[xref_at:xref_at + 4] == b"xref"
    section = pdf[xref_at:pdf.index(b"trailer", xref_at)].decode("ascii").splitlines()[1:]
    offsets: dict[int, int] = {}
    i = 0
    while i < len(section):
        first, count = map(int, section[i].split())
        for k in range(count):
            entry = section[i + 1 + k]
            assert len(entry) + 1 == 20, repr(entry)  # 20 bytes with the line end
            where, _generation, kind = entry.split()
            if kind == "n":
                offsets[first + k] = int(where)
        i += 1 + count
    for number, at in offsets.items():
        assert pdf[at:].startswith(f"{number} 0 obj".encode()), number

    def body(number: int) -> bytes:
        start = offsets[number]
        return pdf[start:pdf.index(b"endobj", start)]

    trailer = pdf[pdf.index(b"trailer", xref_at):]
    assert re.search(rb"/Prev\s+\d+", trailer)
    pages_object = [n for n in offsets if b"/Type /Pages" in body(n)]
    assert len(pages_object) == 1
    tree = body(pages_object[0])
    kids = [int(k) for k in re.findall(rb"(\d+) 0 R", tree.split(b"/Kids")[1].split(b"]")[0])]
    count = int(re.search(rb"/Count (\d+)", tree).group(1))  # type: ignore[union-attr]
    assert count == len(kids)
    sizes = []
    for kid in kids:
        box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", body(kid))
        assert box is not None
        sizes.append((float(box.group(1)), float(box.group(2))))
    return sizes


def _natural_size(pdf: bytes) -> tuple[float, float]:
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None
    return float(box.group(1)), float(box.group(2))


def _frame_scale(pdf: bytes) -> float:
    """The scale argmap gave the drawing on the first page."""
    found = re.search(rb"re W n ([\d.]+) 0 0 ([\d.]+) ", pdf)
    assert found is not None
    return float(found.group(1))


@pytest.mark.parametrize("page", sorted(PAGE_SIZES))
def test_page_fits_the_drawing_on_one_page(page: str) -> None:
    debate = argmap.load(SMALL)
    pdf = render(debate, "pdf", RenderOptions(page=page))
    width, height = PAGE_SIZES[page]
    assert _pages(pdf) == [pytest.approx((width, height), abs=0.01)]
    landscape = render(debate, "pdf", RenderOptions(page=page.lower(), landscape=True))
    assert _pages(landscape) == [pytest.approx((height, width), abs=0.01)]


def test_seed_debate_on_one_a3_landscape_page() -> None:
    """The seed debate in the print theme: one A3 landscape page, laid out tighter
    than the unpaged PDF and scaled as large as the page allows."""
    debate = argmap.load(SEED)
    from argmap.evaluate import evaluate_map

    status = {n.id: n.status.value for n in evaluate_map(debate).nodes}
    options = RenderOptions(theme="print", color_by="status", page="A3", landscape=True,
                            wrap=30, layout="map")  # the diagram (auto: the outline)
    pdf = render(debate, "pdf", options, status=status)
    assert _pages(pdf) == [pytest.approx((1190.551, 841.89), abs=0.01)]
    natural_w, natural_h = _natural_size(pdf)
    scale = _frame_scale(pdf)
    assert scale == pytest.approx(min((1190.551 - 72) / natural_w, (841.89 - 72) / natural_h),
                                  rel=1e-3)
    # the drawing's 12-point text prints at 4.6 points or more (it was 3.8 before the
    # header lines wrapped, 4.3 before the fitted page tried several layouts; the
    # printed size read from the PDF's text: tests/test_render_print_fit.py)
    assert 12 * scale >= 4.6, scale
    if shutil.which("pdftoppm"):
        done = subprocess.run(["pdftoppm", "-r", "20", "-png", "-"], input=pdf,  # noqa: S607 -- the system pdftoppm, when installed
                              capture_output=True, check=True)
        assert done.stdout.startswith(b"\x89PNG")


def test_tile_cuts_the_drawing_across_pages() -> None:
    debate = argmap.load(SEED)
    whole = render(debate, "pdf")
    natural_w, natural_h = _natural_size(whole)
    pdf = render(debate, "pdf", RenderOptions(page="A4", tile=True))
    area_w, area_h = 595.276 - 72, 841.89 - 72
    expected = math.ceil(natural_w / area_w) * math.ceil(natural_h / area_h)
    pages = _pages(pdf)
    assert len(pages) == expected
    assert len(pages) > 4
    assert all(p == pytest.approx((595.276, 841.89), abs=0.01) for p in pages)
    half = render(debate, "pdf", RenderOptions(page="A4", tile=True, scale=0.5))
    assert len(_pages(half)) < len(pages)
    # the drawing is in the file once, whatever the number of pages
    assert len(pdf) < 1.5 * len(whole)


def test_tile_refuses_thousands_of_pages() -> None:
    with pytest.raises(UsageError, match="pages"):
        render(argmap.load(SEED), "pdf", RenderOptions(page="A4", tile=True, scale=20))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_dpi_and_scale() -> None:
    debate = argmap.load(SMALL)
    base = _png_size(render(debate, "png"))
    double = _png_size(render(debate, "png", RenderOptions(dpi=192)))
    assert double[0] == pytest.approx(2 * base[0], rel=0.02)
    half = _png_size(render(debate, "png", RenderOptions(scale=0.5)))
    assert half[0] == pytest.approx(base[0] / 2, rel=0.02)
    both = _png_size(render(debate, "png", RenderOptions(dpi=192, scale=1.5)))
    assert both[0] == pytest.approx(3 * base[0], rel=0.02)


@pytest.mark.parametrize(("options", "fmt", "word"), [
    ({"page": "A4"}, "svg", "PDF"),
    ({"dpi": 300}, "pdf", "PNG"),
    ({"scale": 2}, "svg", "PNG and PDF"),
    ({"page": "A5"}, "pdf", "A4"),
    ({"dpi": 5}, "png", "10"),
    ({"scale": float("nan")}, "png", "0.05"),
])
def test_print_options_that_do_not_apply_are_refused(options: dict[str, object], fmt: str,
                                                     word: str) -> None:
    with pytest.raises(UsageError, match=re.escape(word)):
        render(argmap.load(SMALL), fmt, RenderOptions(**options))  # type: ignore[arg-type]


def test_tile_and_landscape_need_a_page() -> None:
    with pytest.raises(UsageError, match="page"):
        RenderOptions(tile=True)
    with pytest.raises(UsageError, match="page"):
        RenderOptions(landscape=True)


def test_defeated_nodes_are_marked_in_the_diagram_itself() -> None:
    debate = argmap.load(SMALL)
    status = {"later-start": "in", "keep-early": "out", "tired": "undecided", "buses": "out",
              "study": "out"}
    for theme in ("color", "print"):
        source = to_dot(debate, RenderOptions(color_by="status", theme=theme),
                        status=status).source
        keep = next(line for line in source.splitlines() if "keep-early" in line
                    and "label=" in line)
        assert "DEFEATED" in keep
        assert "dashed" in keep
        study = next(line for line in source.splitlines() if "EVIDENCE" in line)
        assert "filled,dashed" in study
        tired = next(line for line in source.splitlines() if "CLAIM · tired" in line)
        assert "dotted" in tired
        later = next(line for line in source.splitlines() if "later-start" in line
                     and "label=" in line)
        assert "dashed" not in later
        assert "DEFEATED" not in later
    # and in the drawn SVG: the defeated box has a dashed outline and the word
    svg = render(debate, "svg", RenderOptions(color_by="status", theme="print"),
                 status=status).decode()
    group = re.search(r'<g id="argmap_\d+" class="node claim main defeated"'
                      r'.*?</g>', svg, re.DOTALL)
    assert group is not None
    assert "stroke-dasharray" in group.group(0)
    assert "DEFEATED" in group.group(0)


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


def test_cli_print_options(tmp_path: Path) -> None:
    out = tmp_path / "wall.pdf"
    done = _cli("render", SMALL, "-o", out, "--page", "A3", "--landscape", "--theme", "print")
    assert done.returncode == 0, done.stderr
    assert _pages(out.read_bytes()) == [pytest.approx((1190.551, 841.89), abs=0.01)]
    done = _cli("render", SMALL, "-o", tmp_path / "x.png", "--dpi", "150", "--scale", "2")
    assert done.returncode == 0, done.stderr
    for args, message in (
        (("-o", tmp_path / "x.svg", "--page", "A4"), "PDF"),
        (("-o", tmp_path / "x.pdf", "--tile"), "page"),
        (("-o", tmp_path / "x.pdf", "--dpi", "300"), "PNG"),
        (("-o", tmp_path / "x.pdf", "--page", "A5"), "A5"),
        (("-o", tmp_path / "x.png", "--dpi", "nan"), "dpi"),
        (("-o", tmp_path / "x.svg", "--side", "nobody"), "later"),
    ):
        done = _cli("render", SMALL, *args)
        assert done.returncode == 2, (args, done.stderr)
        assert message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    done = _cli("render", "--help")
    for word in ("--page", "A4", "letter", "--landscape", "--tile", "--dpi", "--scale",
                 "--side"):
        assert word in done.stdout, word


def test_side_filter() -> None:
    debate = argmap.load(SMALL)
    source = to_dot(debate, RenderOptions(sides=("keep",))).source
    assert "keep-early" in source
    assert "buses" in source
    assert "body-clock" not in source
    with pytest.raises(UsageError, match="later"):
        to_dot(debate, RenderOptions(sides=("nobody",)))
