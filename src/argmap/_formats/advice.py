"""What to say about a format name that ``convert`` does not know, or cannot use.

Diagram formats (SVG, PNG, PDF, DOT, HTML) are drawn by ``render``, not written by
``convert``; a reader who asks ``convert`` for a PDF is pointed there.  Otherwise the
formats listed are the ones that work in the direction asked (``microtexts`` is read,
never written), with the closest name when the name looks like a typo.
"""

from __future__ import annotations

import difflib

from argmap._formats import REGISTRY

__all__ = ["DIAGRAM_FORMATS", "able", "unknown_format"]

#: What ``argmap render`` (``argmap.render.render``) draws, with common other spellings.
DIAGRAM_FORMATS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "gv": "dot",
                   "html": "html", "htm": "html"}
#: Picture formats argmap draws none of: they are named so the advice stays true.
_OTHER_PICTURES = ("jpg", "jpeg", "gif", "webp", "bmp", "tiff", "eps", "ps")


def able(direction: str) -> list[str]:
    """The format names that can be read (``import``) or written (``export``)."""
    if direction == "import":
        return [n for n, f in REGISTRY.items() if f.can_import]
    return [n for n, f in REGISTRY.items() if f.can_export]


def unknown_format(name: str, direction: str, *, api: bool = True) -> tuple[str, str]:
    """The message and the hint for ``name``, a format ``convert`` does not have.

    ``direction`` is ``import`` or ``export``; ``api`` phrases the hint for a library
    caller (``argmap.render.render``) rather than for the command line.

    >>> hint = unknown_format("pdf", "export")[1]
    >>> hint.startswith("a PDF is a drawing: use argmap.render.render(argument_map, 'pdf')")
    True
    >>> "microtexts" in hint  # read, never written
    False
    """
    key = name.lower().strip().lstrip(".")
    names = able(direction)
    what = "writes" if direction == "export" else "reads"
    call = "export_map" if direction == "export" else "import_map"
    if not api:
        call = "convert"
    listed = f"{call} {what} {', '.join(names)}"
    drawn = DIAGRAM_FORMATS.get(key)
    if drawn is not None and direction == "export":
        how = (f"argmap.render.render(argument_map, {drawn!r}) (on the command line, "
               f"argmap render MAP -o out.{drawn})" if api else
               f"argmap render MAP -o out.{drawn}")
        return (f"unknown format {name!r}",
                f"a{'n' if drawn in ('svg', 'html') else ''} {drawn.upper()} is a drawing: "
                f"use {how}; {listed}")
    if key in _OTHER_PICTURES and direction == "export":
        return (f"unknown format {name!r}",
                f"argmap draws svg, png, pdf, dot and html (argmap render); {listed}")
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    hint = (f"did you mean {close[0]!r}? " if close else "") + listed
    return f"unknown format {name!r}", hint
