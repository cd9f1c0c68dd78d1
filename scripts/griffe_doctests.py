"""A Griffe extension for the API pages (mkdocs.yml): doctest examples become code blocks.

argmap's docstrings (reStructuredText style) show examples as doctests (``>>>`` lines and
their output).  Markdown would read them as prose, and an output such as
``[('a', 'in'), ('b', 'out')]`` as a link reference; fenced as ``pycon`` they are shown
as the console session they are.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """``text`` with each run of doctest lines (``>>>``, ``...`` and the output up to a
    blank line) inside a fenced ``pycon`` block; text already fenced is left as it is."""
    out: list[str] = []
    in_doctest = False
    in_fence = False
    indent = ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        if not in_fence and not in_doctest and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            in_doctest = True
        elif in_doctest and not stripped:
            out.append(f"{indent}```")
            in_doctest = False
        out.append(line)
    if in_doctest:
        out.append(f"{indent}```")
    return "\n".join(out)


class FenceDoctests(griffe.Extension):
    """Fence the doctests of every docstring that Griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)
