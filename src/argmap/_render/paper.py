"""Print output: a PDF on real pages (fitted to one, or tiled across many) and PNG
resolution.

Graphviz writes a PDF of one page exactly as large as the drawing, and its PDF device
(cairo) cannot cut a drawing into pages.  So argmap places that page itself: it appends
an *incremental update* to Graphviz's file (the original objects stay as they are, byte
for byte) with new page objects of the paper size.  Each new page shows the original
drawing's content stream, the same object for every page, framed by two small streams
of its own: one that clips to the printable area and moves and scales the drawing into
it, one that restores the state.  So a tiled poster of twenty pages holds the drawing
once, the fonts once, and stays vector: text stays text.

* **Fit** (``page`` without ``tile``): one page; the drawing is shrunk to fit inside
  the margins (never enlarged beyond ``scale``, default its natural size) and centred.
  For a map of up to :data:`FIT_SEARCH_NODES` nodes laid out by ``dot``,
  :func:`fit_map` tries up to six layouts (:func:`fit_candidates`: two directions,
  three ``unflatten`` settings) and keeps the one that gets the largest scale, so its
  text prints largest.
* **Tile** (``tile``): the drawing at ``scale`` (default 1: the point sizes of the
  diagram are the printed sizes) cut into printable areas, row by row from the top left;
  a thin grey frame on each page marks where to trim before joining the pages.

PNG: ``dpi`` sets the resolution (Graphviz's ``dpi``), ``scale`` multiplies it, and the
image is kept within :data:`PNG_MAX_PIXELS` a side.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs

from argmap._render.backend import (
    GraphvizError,
    GraphvizNotFoundError,
    GraphvizTimeoutError,
    run_engine,
    run_unflatten,
)
from argmap.errors import ArgmapError, UsageError

if TYPE_CHECKING:
    from argmap._render.build import Built
    from argmap._render.options import RenderOptions
    from argmap.model import ArgumentMap

__all__ = [
    "AUTO_MIN_POINTS",
    "DPI_RANGE",
    "FIT_SEARCH_NODES",
    "FIT_SEARCH_SECONDS",
    "MARGIN",
    "MAX_PAGES",
    "PAGE_FIT_ATTRIBUTES",
    "PAGE_SIZES",
    "PNG_MAX_INCHES",
    "PNG_MAX_PIXELS",
    "SCALE_RANGE",
    "FitCandidate",
    "FitResult",
    "auto_outline",
    "candidate_source",
    "check_print_options",
    "fit_candidates",
    "fit_map",
    "fit_scale",
    "fitted_page",
    "on_pages",
    "page_layout",
    "png_attributes",
    "png_cap_note",
    "printable_area",
    "small_print_note",
]

#: Paper sizes in PDF points (1/72 inch), portrait: width, height.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": (595.276, 841.89),
    "A3": (841.89, 1190.551),
    "letter": (612.0, 792.0),
}

#: The white margin round the printable area of every page, in points (12.7 mm).
MARGIN = 36.0

#: A tiled PDF is refused beyond this many pages (lower the scale or print larger paper).
MAX_PAGES = 500

#: Accepted ``dpi`` and ``scale`` values.
DPI_RANGE = (10.0, 1200.0)
SCALE_RANGE = (0.05, 20.0)

#: A drawing fitted onto one page is laid out tighter (``dot``'s gaps between nodes and
#: ranks; no padding and no PDF margin round the drawing: the page has its own margin;
#: the boxes keep their size).
PAGE_FIT_ATTRIBUTES = {"nodesep": "0.05", "ranksep": "0.2", "pad": "0", "margin": "0"}

#: A fitted page of a map of up to this many drawn nodes (claims, evidence, arguments)
#: tries several layouts and keeps the one that prints largest (:func:`fitted_page`);
#: a larger map gets the one layout it would get anyway.  ``dot`` takes about 0.3 s
#: per layout of the 100-node seed debate, so the search costs a few seconds at most.
FIT_SEARCH_NODES = 250

#: ... and gives up trying further layouts after this many seconds (whatever it found
#: by then is used).
FIT_SEARCH_SECONDS = 20.0

#: On a fitted page, ``layout="auto"`` draws the outline instead of the map when the
#: map's best layout prints 12-point text below this many points (and the outline
#: prints it larger): below 6 points a page is no longer read, only looked at.
AUTO_MIN_POINTS = 6.0

#: PNG images are scaled down to fit this many pixels a side (100 inches at 96 dpi): a
#: bitmap of a map of thousands of nodes would otherwise take gigabytes.
PNG_MAX_PIXELS = 9600

#: The same limit in inches at the default 96 dpi.
PNG_MAX_INCHES = 100


def check_print_options(options: RenderOptions, format: str) -> None:
    """Refuse print options the output ``format`` cannot honour (a usage error)."""
    if options.page is not None and format != "pdf":
        raise UsageError(f"a page size applies to PDF output, not {format.upper()} "
                         "(write a .pdf, or leave out --page)")
    if options.dpi is not None and format != "png":
        raise UsageError(f"dpi applies to PNG output, not {format.upper()} "
                         "(an SVG or PDF is drawn in vectors; leave out --dpi)")
    if options.layout == "outline" and format == "html":
        raise UsageError("the outline layout is for print and images (SVG, PNG, PDF, "
                         "DOT); the HTML page draws the map, with search and zoom "
                         "(leave out --layout, or write a .pdf or .svg)")
    if options.scale is not None and format not in ("png", "pdf"):
        raise UsageError(f"scale applies to PNG and PDF output, not {format.upper()} "
                         "(SVG and HTML are zoomed by their viewer)")


def png_attributes(options: RenderOptions) -> dict[str, str]:
    """Graphviz graph attributes for a PNG: resolution and the size limit."""
    dpi = (options.dpi or 96.0) * (options.scale or 1.0)
    inches = PNG_MAX_PIXELS / dpi
    return {"dpi": f"{dpi:g}", "size": f"{inches:.4g},{inches:.4g}"}


def png_cap_note(png: bytes) -> str | None:
    """A note when the PNG ``png`` was shrunk to :data:`PNG_MAX_PIXELS` a side (its
    width or height is at the limit), saying how to get more detail; else ``None``."""
    if len(png) < 24 or png[12:16] != b"IHDR":
        return None
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    if max(width, height) < PNG_MAX_PIXELS - 2:
        return None
    return (f"the PNG is {width:,} x {height:,} pixels: images are kept within "
            f"{PNG_MAX_PIXELS:,} pixels a side, so this drawing was shrunk to fit (a "
            "higher --dpi or --scale cannot enlarge it); for every detail write an SVG "
            "(any size), or a PDF on pages: --page A3 --tile")


def page_size(options: RenderOptions) -> tuple[float, float]:
    """The paper size in points, turned for landscape."""
    assert options.page is not None  # noqa: S101 -- callers check
    width, height = PAGE_SIZES[options.page]
    return (height, width) if options.landscape else (width, height)


def printable_area(options: RenderOptions) -> tuple[float, float]:
    """The width and height, in points, inside the margins of ``options.page``."""
    paper_w, paper_h = page_size(options)
    return paper_w - 2 * MARGIN, paper_h - 2 * MARGIN


def page_layout(width: float, height: float, options: RenderOptions, *,
                stacked: int | None = None
                ) -> list[tuple[float, float, float, tuple[float, float, float, float]]]:
    """Where a drawing of ``width`` x ``height`` points goes on each page.

    One entry per page: the scale, the x and y translation of the drawing on the page,
    and the clip rectangle (x, y, width, height) on the page.  ``stacked``: the drawing
    is that many page-sized regions one above the other (an outline flowed onto
    pages), each shown whole on its own page, at the top of the printable area.
    """
    paper_w, paper_h = page_size(options)
    area_w, area_h = paper_w - 2 * MARGIN, paper_h - 2 * MARGIN
    width, height = max(width, 1.0), max(height, 1.0)
    clip = (MARGIN, MARGIN, area_w, area_h)
    if stacked is not None:
        region = height / max(stacked, 1)
        scale = min(area_w / width, area_h / region)
        top = MARGIN + area_h
        shown = scale * region
        return [(scale, MARGIN, top - scale * (height - index * region),
                 (MARGIN, top - shown, area_w, shown)) for index in range(max(stacked, 1))]
    if not options.tile:
        scale = min(area_w / width, area_h / height, options.scale or 1.0)
        return [(scale, (paper_w - scale * width) / 2, (paper_h - scale * height) / 2,
                 clip)]
    scale = options.scale or 1.0
    drawn_w, drawn_h = width * scale, height * scale
    columns = max(1, math.ceil(drawn_w / area_w - 1e-6))
    rows = max(1, math.ceil(drawn_h / area_h - 1e-6))
    if columns * rows > MAX_PAGES:
        raise UsageError(
            f"tiling this drawing at scale {scale:g} would take {columns * rows:,} pages "
            f"({columns} x {rows}), more than {MAX_PAGES}; lower --scale, use larger "
            "paper, or draw part of the map with --focus, --side or --tag")
    pages = []
    for row in range(rows):
        bottom = drawn_h - (row + 1) * area_h  # of this page's area, in drawing space
        for column in range(columns):
            left = column * area_w
            pages.append((scale, MARGIN - left, MARGIN - bottom, clip))
    return pages


_OBJECT = r"(\d+)\s+(\d+)\s+obj\s*<<"
_PAGE = re.compile((_OBJECT + r"\s*/Type\s*/Page\b(?!s)").encode("ascii"))
_REF = r"(\d+\s+\d+\s+R)"
_NUMBER = r"(-?[\d.]+)"


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _page_dict(pdf: bytes) -> tuple[bytes, bytes]:
    """The text of the one page dictionary of Graphviz's PDF, and its object number."""
    pages = list(_PAGE.finditer(pdf))
    if len(pages) != 1:
        raise ArgmapError("cannot place the drawing on pages: Graphviz's PDF does not "
                          f"have one page object (found {len(pages)})")
    found = pages[0]
    end = pdf.find(b"endobj", found.end())
    if end < 0:
        raise ArgmapError("cannot place the drawing on pages: Graphviz's PDF is cut short")
    return pdf[found.start():end], found.group(1)


def _search(pattern: str, text: bytes, what: str) -> re.Match[bytes]:
    found = re.search(pattern.encode("ascii"), text)
    if found is None:
        raise ArgmapError(f"cannot place the drawing on pages: no {what} in Graphviz's PDF")
    return found


def on_pages(pdf: bytes, options: RenderOptions, *, stacked: int | None = None) -> bytes:
    """Graphviz's one-page ``pdf`` placed on pages of ``options.page`` (fitted, tiled,
    or ``stacked`` regions one a page: see :func:`page_layout`), as an incremental
    update of the same file."""
    page, _ = _page_dict(pdf)
    box = _search(r"/MediaBox\s*\[\s*" + r"\s+".join([_NUMBER] * 4) + r"\s*\]", page,
                  "page size")
    x0, y0, x1, y1 = (float(v) for v in box.groups())
    contents = _search(r"/Contents\s+" + _REF, page, "page content").group(1)
    resources = _search(r"/Resources\s+" + _REF, page, "page resources").group(1)
    parent = _search(r"/Parent\s+" + _REF, page, "page tree").group(1)
    tail = pdf[pdf.rfind(b"trailer"):]
    size = int(_search(r"/Size\s+(\d+)", tail, "object count").group(1))
    root = _search(r"/Root\s+" + _REF, tail, "document catalog").group(1)
    info = re.search(rb"/Info\s+(\d+\s+\d+\s+R)", tail)
    previous = int(_search(r"startxref\s+(\d+)", pdf[-64:], "cross-reference").group(1))
    paper_w, paper_h = page_size(options)
    layout = page_layout(x1 - x0, y1 - y0, options, stacked=stacked)
    frame = options.tile and stacked is None  # a poster's tiles are trimmed and joined

    out = bytearray(pdf)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def stream(number: int, text: str) -> None:
        data = text.encode("ascii")
        add(number, b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")

    kids = []
    number = size
    for scale, dx, dy, (cx, cy, cw, ch) in layout:
        rect = f"{_number(cx)} {_number(cy)} {_number(cw)} {_number(ch)} re"
        stream(number, f"q {rect} W n {_number(scale)} 0 0 {_number(scale)} "
                       f"{_number(dx - scale * x0)} {_number(dy - scale * y0)} cm\n")
        after = number + 1
        # after the drawing: restore the state; on a tile, a thin grey trim frame
        stream(after, "Q\n" + (f"q 0.6 G 0.3 w {rect} S Q\n" if frame else ""))
        page_number = number + 2
        add(page_number, (
            f"<< /Type /Page /Parent {parent.decode()} "
            f"/MediaBox [0 0 {_number(paper_w)} {_number(paper_h)}] "
            f"/Contents [{number} 0 R {contents.decode()} {after} 0 R] "
            f"/Resources {resources.decode()} >>").encode("ascii"))
        kids.append(f"{page_number} 0 R")
        number += 3
    parent_number = int(parent.split()[0])
    add(parent_number, f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
        .encode("ascii"))
    total = number
    xref_at = len(out)
    lines = [b"xref\n", b"0 1\n", b"0000000000 65535 f \n"]
    for first in sorted(offsets):
        lines.append(b"%d 1\n" % first)
        lines.append(b"%010d 00000 n \n" % offsets[first])
    out.extend(b"".join(lines))
    trailer = f"<< /Size {total} /Root {root.decode()} /Prev {previous}"
    if info is not None:
        trailer += f" /Info {info.group(1).decode()}"
    out.extend(f"trailer\n{trailer} >>\nstartxref\n{xref_at}\n%%EOF\n".encode("ascii"))
    return bytes(out)


@attrs.frozen
class FitCandidate:
    """One way to lay out a fitted page: the direction arguments flow, and the
    ``unflatten`` flags (none: the plain ``dot`` layout)."""

    rankdir: str
    unflatten: tuple[str, ...] = ()

    def describe(self) -> str:
        """How the layout differs from the plain one, in words."""
        words = {"BT": "bottom to top", "TB": "top to bottom", "LR": "left to right",
                 "RL": "right to left"}[self.rankdir]
        if self.unflatten:
            words += f", staggered (unflatten {' '.join(self.unflatten)})"
        return words


@attrs.frozen
class FitResult:
    """The chosen fitted page: Graphviz's PDF, the layout, and the scale it gets."""

    pdf: bytes
    candidate: FitCandidate
    scale: float
    tried: int


#: ``unflatten`` settings a fitted page tries: none; leaves staggered over two ranks;
#: leaves over three ranks, fanned-out edges staggered too and loose nodes chained.
#: Measured on the corpora (``../shared/corpora/argdown``): each wins on some map.
_UNFLATTEN = ((), ("-l", "2"), ("-l", "3", "-f", "-c", "3"))


def fit_candidates(options: RenderOptions) -> list[FitCandidate]:
    """The layouts a fitted page tries, the one asked for first.

    The default direction (``BT``, premises below) is also tried left to right: a map
    whose widest rank holds many boxes fills a landscape page better that way.  Any
    other direction was chosen by the user and is kept.
    """
    directions = [options.rankdir] + (["LR"] if options.rankdir == "BT" else [])
    return [FitCandidate(rankdir, flags) for rankdir in directions for flags in _UNFLATTEN]


def fit_scale(pdf: bytes, options: RenderOptions) -> float:
    """The scale Graphviz's one-page ``pdf`` gets when fitted on ``options.page``."""
    page, _ = _page_dict(pdf)
    box = _search(r"/MediaBox\s*\[\s*" + r"\s+".join([_NUMBER] * 4) + r"\s*\]", page,
                  "page size")
    x0, y0, x1, y1 = (float(v) for v in box.groups())
    return page_layout(x1 - x0, y1 - y0, options)[0][0]


def candidate_source(candidate: FitCandidate, source_for: Callable[[str], str], *,
                     timeout: float | None = None) -> str:
    """The DOT source of ``candidate``: the map's source for its direction, through
    ``unflatten`` when it has flags (the same nodes and edges, with layout weights)."""
    source = source_for(candidate.rankdir)
    if candidate.unflatten:
        source = run_unflatten(source, candidate.unflatten, timeout=timeout)
    return source


def fitted_page(first: bytes, options: RenderOptions, source_for: Callable[[str], str],
                *, timeout: float | None = None) -> FitResult:
    """The best of :func:`fit_candidates` for a fitted page: the layout whose drawing
    gets the largest scale on the page (so its text prints largest).

    ``first`` is Graphviz's PDF of the first candidate (the layout asked for), already
    made; ``source_for(rankdir)`` gives the map's DOT source for a direction.  Each
    other candidate is laid out with ``dot``; one that fails or runs out of time is
    skipped, and the search stops after :data:`FIT_SEARCH_SECONDS` (or ``timeout``).
    A candidate must beat the best so far by 1 % to be chosen, so a tie keeps the
    layout asked for; once a layout prints at full size (``scale``, default 1) no
    other is tried.
    """
    candidates = fit_candidates(options)
    best = FitResult(first, candidates[0], fit_scale(first, options), 1)
    limit = FIT_SEARCH_SECONDS if timeout is None else min(FIT_SEARCH_SECONDS, timeout)
    started = time.monotonic()
    tried = 1
    for candidate in candidates[1:]:
        if best.scale >= (options.scale or 1.0) - 1e-9:
            break  # already at full size: no layout prints larger
        left = limit - (time.monotonic() - started)
        if left <= 0.5:
            break
        try:
            source = candidate_source(candidate, source_for, timeout=left)
            pdf = run_engine(source, engine="dot", fmt="pdf",
                             timeout=max(limit - (time.monotonic() - started), 0.5))
        except GraphvizTimeoutError:
            break
        except (GraphvizError, GraphvizNotFoundError):
            continue  # this layout cannot be made (no `unflatten` installed): skip it
        tried += 1
        scale = fit_scale(pdf, options)
        if scale > best.scale * 1.01:
            best = FitResult(pdf, candidate, scale, tried)
    return attrs.evolve(best, tried=tried)


def fit_map(argmap: ArgumentMap, options: RenderOptions, status: Mapping[str, str] | None,
            first: bytes, built: Built, *, timeout: float | None = None) -> FitResult | None:
    """:func:`fitted_page` for a map already laid out once (``first``, from ``built``),
    or ``None`` when the search does not apply: not a fitted page, not ``dot``, ``dot``
    with bounded passes (a map whose structure makes ``dot`` slow: see
    :mod:`argmap._render.layout`), or more than :data:`FIT_SEARCH_NODES` drawn nodes."""
    if (options.page is None or options.tile or built.engine != "dot"
            or built.layout.attributes or built.structure.nodes > FIT_SEARCH_NODES):
        return None
    from argmap._render.build import build  # noqa: PLC0415 -- imports graphviz

    def source_for(rankdir: str) -> str:
        if rankdir == options.rankdir:
            return str(built.graph.source)
        turned = build(argmap, attrs.evolve(options, rankdir=rankdir), status, engine="dot")
        turned.graph.attr("graph", **PAGE_FIT_ATTRIBUTES)
        return str(turned.graph.source)

    return fitted_page(first, options, source_for, timeout=timeout)


def small_print_note(options: RenderOptions, *, outline: float | None = None,
                     diagram: float | None = None) -> str | None:
    """The note for a fitted page whose 12-point text prints below
    :data:`AUTO_MIN_POINTS` (the outline's size, the map's, or both: the note is
    made only when every size given is below), with the ways to print it larger; else
    ``None``."""
    sizes = [(what, points) for what, points in (("the outline", outline), ("the map", diagram))
             if points is not None]
    if not sizes or any(points >= AUTO_MIN_POINTS for _, points in sizes):
        return None
    said = ", ".join(f"{what} at {points:.1f} points" for what, points in sizes)
    larger = []
    if options.page != "A3":
        larger.append("larger paper (--page A3)")
    if not options.landscape:
        larger.append("--landscape")
    if options.tile:
        larger.append("a smaller --wrap")
    else:
        larger.append("--layout outline --tile to flow the outline over several pages at "
                      "full size" if outline is not None else
                      "--tile to spread it over several pages at full size")
    larger.append("--focus ID, --side SIDE or --tag TAG to print a part")
    return (f"12-point text prints below {AUTO_MIN_POINTS:g} points on this page "
            f"({said}), too small to read: try {', '.join(larger[:-1])} or {larger[-1]}")


def auto_outline(argmap: ArgumentMap, options: RenderOptions,
                 status: Mapping[str, str] | None, pdf: bytes, layout: str, *,
                 timeout: float | None = None
                 ) -> tuple[tuple[bytes, str] | None, tuple[str, ...]]:
    """``layout="auto"`` on a fitted page: the outline instead of the map's ``pdf``
    (laid out as ``layout`` says) when the map prints 12-point text below
    :data:`AUTO_MIN_POINTS` and the outline prints it clearly larger (by 5 %, and
    larger as the note rounds it).

    Returns the outline's PDF placed on the page and its layout in words (``None``
    keeps the map, also when the outline cannot be drawn), and the notes: why the
    outline was drawn, and when both print below the threshold, that they do.
    """
    printed = 12 * fit_scale(pdf, options)
    if printed >= AUTO_MIN_POINTS:
        return None, ()
    from argmap._render.outline import outline_output  # noqa: PLC0415 -- imports graphviz

    try:
        drawn = outline_output(argmap, "pdf", options, status, timeout=timeout)
    except ArgmapError:  # Graphviz failed or ran out of time: the map as it was
        return None, ()
    if drawn.printed is None:
        return None, ()
    small = small_print_note(options, outline=drawn.printed, diagram=printed)
    if drawn.printed < printed * 1.05 or round(drawn.printed, 1) <= round(printed, 1):
        return None, ((small,) if small else ())
    notes = [f"drawn as an outline: the map's best layout prints 12-point text at "
             f"{printed:.1f} points on this page, the outline at {drawn.printed:.1f} "
             "points; --layout map keeps the diagram"]
    if small:
        notes.append(small)
    return (drawn.data, f"{drawn.layout}; instead of the map ({layout})"), tuple(notes)
