"""Budgets of ``argmap lsp`` on hostile documents: the server answers and stays up.

One server gets, in turn, a giant document, a document that is one very long line of
emoji, an alias bomb and a map with thousands of unknown ids.  For each, the
diagnostics must arrive within a generous multiple of the time a trivial map takes
(plus a margin), the server must then still answer requests on it, and the server's
own peak memory (VmHWM) must stay bounded.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_lsp_client import ARGMAP, LspClient, uri_of

TRIVIAL = "argmap: 1\nclaims:\n  c: {text: A claim that stands alone., main: true}\n"


def peak_mib(client: LspClient) -> float:
    status = Path(f"/proc/{client.process.pid}/status").read_text(encoding="ascii")
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kib) / 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LspClient, Path,
                                                                       float]]:
    folder = tmp_path_factory.mktemp("lsp-budget")
    client = LspClient([*ARGMAP, "lsp", "--debounce", "0"], cwd=folder)
    client.initialize(folder)
    uri = uri_of(folder / "trivial.argmap.yaml")
    started = time.perf_counter()
    client.open(uri, TRIVIAL)
    client.diagnostics(uri, 1, timeout=60)
    trivial = time.perf_counter() - started
    yield client, folder, trivial
    assert client.close() == 0, client.stderr()


def served(server: tuple[LspClient, Path, float], name: str, text: str, *,
           times: float, mib: float) -> list[dict[str, object]]:
    """Open ``text``: its diagnostics, within budget; the server still answers."""
    client, folder, trivial = server
    uri = uri_of(folder / name)
    started = time.perf_counter()
    client.open(uri, text)
    diagnostics = client.diagnostics(uri, 1, timeout=300)
    seconds = time.perf_counter() - started
    assert seconds < times * trivial + 10, (seconds, trivial)
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert isinstance(symbols, list)
    hover = client.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 10**6}})
    assert hover is None or "contents" in hover
    assert client.process.poll() is None, client.stderr()
    assert peak_mib(client) < mib, peak_mib(client)
    assert "Traceback" not in client.stderr()
    return diagnostics


def test_a_document_over_the_size_limit(server: tuple[LspClient, Path, float]) -> None:
    text = "argmap: 1\nclaims:\n" + "".join(
        f"  c{i}: {{text: {'x' * 400}}}\n" for i in range(90_000))
    assert len(text) > 32 * 1024 * 1024
    diagnostics = served(server, "giant.argmap.yaml", text, times=40, mib=1500)
    assert [d["code"] for d in diagnostics] == ["too-large"]


def test_one_line_of_five_million_emoji(server: tuple[LspClient, Path, float]) -> None:
    line = '{"argmap": 1, "claims": {"c": {"text": "' + "😋" * 5_000_000 + \
        '", "main": "no"}}}'
    diagnostics = served(server, "line.json", line, times=40, mib=1500)
    (found,) = [d for d in diagnostics if "`main`" in str(d["message"])]
    start = found["range"]["start"]  # type: ignore[index]
    # after five million characters of two UTF-16 units each
    assert start == {"line": 0, "character": line.index('"no"') + 5_000_000}
    client, folder, _ = server
    completion = client.request("textDocument/completion", {
        "textDocument": {"uri": uri_of(folder / "line.json")},
        "position": {"line": 0, "character": 10_000_000}})
    assert completion is None


def test_an_alias_bomb(server: tuple[LspClient, Path, float]) -> None:
    lines = ["argmap: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    diagnostics = served(server, "bomb.argmap.yaml", "\n".join(lines) + "\n", times=10,
                         mib=400)
    assert diagnostics
    assert diagnostics[0]["range"]["start"]["line"] == 1  # type: ignore[index]


def test_thousands_of_unknown_ids(server: tuple[LspClient, Path, float]) -> None:
    claims = "".join(f"  claim-{i}: {{text: Claim number {i} of many.}}\n" for i in range(3000))
    arguments = "".join(
        f"  arg-{i}: {{premises: [premise-{i}-missing], conclusion: claim-{i}}}\n"
        for i in range(3000))
    text = f"argmap: 1\nclaims:\n{claims}arguments:\n{arguments}"
    diagnostics = served(server, "unknown.argmap.yaml", text, times=30, mib=600)
    assert len(diagnostics) == 101  # 100 shown, and one that counts the rest
    assert diagnostics[-1]["code"] == "too-many-problems"
