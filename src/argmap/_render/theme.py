"""The visual language: colours, shapes and line styles of the two themes.

``color`` is for screens and colour print; ``print`` works in black and white: sides
are told apart by grey levels (and their names in each box), support and attack by line
style and arrowhead alone.  In both themes:

* a claim is a rounded box, the main thesis a rounded box with a heavy double border;
* evidence is a "note" (a page with a folded corner) with its source in italics;
* an argument is a small inference node: its premises flow into it (lines without
  arrowheads) and one arrow leaves it for the conclusion, so linked co-premises read
  as one joint reason;
* support is a solid line with a filled arrowhead, attack a dashed line ending in a bar
  (a "tee"); an undercut is an attack that ends on an inference node;
* a contradiction is a double line with a bar at both ends.
"""

from __future__ import annotations

import attrs

__all__ = ["COLOR", "PRINT", "THEMES", "Theme"]


@attrs.frozen(kw_only=True)
class Theme:
    """Every colour and style the diagram uses (Graphviz colour strings)."""

    name: str
    font: str = "Helvetica,Arial,sans-serif"
    text: str = "#1a1a1a"
    muted: str = "#5f6368"
    background: str = "white"
    support: str
    attack: str
    contradiction: str
    neutral: tuple[str, str]
    #: (fill, border) per side, in the order sides are declared; repeats when exhausted.
    sides: tuple[tuple[str, str], ...]
    #: (fill, border) per tag, for ``color_by="tag"``.
    tags: tuple[tuple[str, str], ...]
    #: (fill, border) per acceptance status.
    status: tuple[tuple[str, tuple[str, str]], ...]
    inference_fill: str
    cluster_fill: str
    cluster_border: str

    def side_colors(self, index: int | None) -> tuple[str, str]:
        """The (fill, border) of the side at ``index`` (``None``: no side)."""
        if index is None:
            return self.neutral
        return self.sides[index % len(self.sides)]

    def tag_colors(self, index: int | None) -> tuple[str, str]:
        """The (fill, border) of the tag at ``index`` (``None``: untagged)."""
        if index is None:
            return self.neutral
        return self.tags[index % len(self.tags)]

    def status_colors(self, status: str | None) -> tuple[str, str]:
        """The (fill, border) of an acceptance status (``None``: unknown)."""
        return dict(self.status).get(status or "", self.neutral)


COLOR = Theme(
    name="color",
    support="#2e7d32",
    attack="#c62828",
    contradiction="#6a1b9a",
    neutral=("#ffffff", "#757575"),
    # blue, amber, teal, violet, brown, slate: none of them reads as support green or
    # attack red, and the first two stay apart for the common colour-vision deficiencies.
    sides=(
        ("#dce9f8", "#1f5fa8"),
        ("#fdebc8", "#b26a00"),
        ("#d5f0ec", "#00796b"),
        ("#ebe0f5", "#6a3d9a"),
        ("#efe3d9", "#795548"),
        ("#e3e7ec", "#455a64"),
    ),
    tags=(
        ("#e3f2fd", "#1565c0"),
        ("#fff3e0", "#ef6c00"),
        ("#e0f2f1", "#00695c"),
        ("#f3e5f5", "#7b1fa2"),
        ("#fce4ec", "#ad1457"),
        ("#f1f8e9", "#558b2f"),
        ("#efebe9", "#5d4037"),
        ("#eceff1", "#37474f"),
    ),
    status=(
        ("in", ("#d8f0d2", "#2e7d32")),
        ("out", ("#f9d6d5", "#b71c1c")),
        ("undecided", ("#fff4c2", "#9a7b00")),
    ),
    inference_fill="#ffffff",
    cluster_fill="#fafafa",
    cluster_border="#bdbdbd",
)

PRINT = Theme(
    name="print",
    text="#000000",
    muted="#404040",
    support="#000000",
    attack="#000000",
    contradiction="#000000",
    neutral=("#ffffff", "#000000"),
    sides=(
        ("#ffffff", "#000000"),
        ("#d9d9d9", "#000000"),
        ("#f0f0f0", "#000000"),
        ("#bfbfbf", "#000000"),
    ),
    tags=(
        ("#ffffff", "#000000"),
        ("#d9d9d9", "#000000"),
        ("#f0f0f0", "#000000"),
        ("#bfbfbf", "#000000"),
    ),
    status=(
        ("in", ("#ffffff", "#000000")),
        ("out", ("#bfbfbf", "#000000")),
        ("undecided", ("#ececec", "#000000")),
    ),
    inference_fill="#ffffff",
    cluster_fill="#ffffff",
    cluster_border="#7f7f7f",
)

THEMES = {"color": COLOR, "print": PRINT}
