"""Hostile documents for the fuzzers: valid maps damaged the way attackers and careless
editors damage them.

:func:`hostile_documents` draws a valid map (``argmap.strategies``), replaces some of
its values with hostile ones (huge integers, non-finite floats, control characters,
bidi overrides, lone surrogates, NUL, deep nesting), serialises it as YAML or JSON
(with or without escapes, surrogates passed through as bytes), then splices in a few
syntax fragments (tags, anchors and aliases, merge keys, directives, stray brackets,
bytes that are not UTF-8).  Shared by the hypothesis tests and the atheris entry point.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from hypothesis import strategies as st

from argmap._dump import to_data
from argmap.strategies import argument_maps

#: What a terminal would act on (C0 but tab and line feed, DEL, C1, bidi controls,
#: separators, lone surrogates) - must never reach human-readable output raw.
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ud800-\udfff]"
)

HOSTILE_TEXTS = [
    "\x1b]0;PWNED\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\u202eevil\u202c",
    "\u2066x\u2069",
    "a\u2028b",
    "\ud800",
    "\udcff",
    "a\x00b",
    "\x7f",
    "\r\n",
    "\t",
    "\ufeff",
    '"]; x [label="',
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "c1\n",
    " ",
    "",
]

_SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**4400, -(10**5000), float("inf"), float("nan"), -0.0, 1e308]),
    st.none(),
    st.booleans(),
)


def _nested(depth: int) -> str:
    """A placeholder that :func:`_dump` writes as ``depth`` nested brackets (a Python
    list that deep would overflow the serialisers' recursion, not the reader's)."""
    return f"DEEP{depth}DEEP"


_DEEP = re.compile(r"[\"']?DEEP(\d+)DEEP[\"']?")


HOSTILE_VALUES: st.SearchStrategy[Any] = st.one_of(
    _SCALARS,
    st.integers(min_value=50, max_value=3000).map(_nested),
    st.lists(_SCALARS, max_size=3),
    st.dictionaries(st.sampled_from(["text", "txt", "\x1b", "\u202e", "1", ""]), _SCALARS,
                    max_size=3),
)

#: Fragments of syntax spliced into the serialised text.
FRAGMENTS = [
    "&a ", "*a", "*missing", "!!python/object/apply:os.system ['touch pwned'] ",
    "!!binary ", "!include ", "<<: *a\n", "? ", "%YAML 1.1\n---\n", "---\n", "...\n",
    "{", "}", "[", "]", '"', "'", "\t", "\\", "\x00", "\x1b", "\r", "\u202e", "\ufeff",
    "#", ": ", "- ", "\n  ", "9" * 5000, "1e99999", "0x" + "f" * 40,
]
BYTE_FRAGMENTS = [b"\xff", b"\xfe\xff", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80", b"\xe2\x80"]


def _replace(doc: Any, data: st.DataObject) -> Any:
    """``doc`` with one value (chosen by walking down) replaced by a hostile one."""
    if not isinstance(doc, (dict, list)) or not doc or data.draw(st.booleans()):
        return data.draw(HOSTILE_VALUES)
    keys = list(doc) if isinstance(doc, dict) else list(range(len(doc)))
    key = data.draw(st.sampled_from(keys))
    if isinstance(doc, dict) and data.draw(st.integers(0, 9)) == 0:
        # or a hostile key
        doc = dict(doc)
        doc[data.draw(st.sampled_from(HOSTILE_TEXTS))] = doc.pop(key)
        return doc
    copy: Any = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[key] = _replace(copy[key], data)
    return copy


def _dump(doc: Any, fmt: str, escaped: bool) -> bytes:
    import yaml

    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # write the huge integers; the reader must cope
    try:
        if fmt == "yaml":
            try:
                text = yaml.safe_dump(doc, allow_unicode=not escaped, sort_keys=False)
            except (ValueError, yaml.YAMLError):
                fmt = "json"  # JSON is YAML too
        if fmt == "json":
            text = json.dumps(doc, ensure_ascii=escaped)
    finally:
        sys.set_int_max_str_digits(limit)
    text = _DEEP.sub(lambda m: "[" * int(m[1]) + "1" + "]" * int(m[1]), text)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def hostile_documents(draw: st.DrawFn) -> tuple[bytes, str]:
    """(the bytes of a damaged map, "yaml" or "json")."""
    debate = draw(argument_maps(max_nodes=4))
    data = draw(st.data())
    doc: Any = to_data(debate)
    for _ in range(draw(st.integers(0, 3))):
        doc = _replace(doc, data)
    fmt = draw(st.sampled_from(["yaml", "json"]))
    raw = _dump(doc, fmt, draw(st.booleans()))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(raw)))
        piece = draw(st.one_of(st.sampled_from(FRAGMENTS).map(lambda s: s.encode()),
                               st.sampled_from(BYTE_FRAGMENTS)))
        raw = raw[:at] + piece + raw[at:]
    return raw, fmt
