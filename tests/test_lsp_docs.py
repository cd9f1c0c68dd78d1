"""The editor setups of docs/lsp.md: what can be checked without the editors.

The VS Code settings (JSON) and the Helix configuration (TOML) are parsed and must
start `argmap lsp` for YAML and JSON; the command they name is run through a whole LSP
session.  The Neovim snippets are run in a real Neovim by tests/test_lsp_editors.py.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

from tests.test_lsp_client import LspClient, uri_of

from .conftest import ROOT

PAGE = (ROOT / "docs" / "lsp.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE, re.DOTALL)


def resolve(command: str) -> str:
    """``argmap`` as installed next to this Python (the tests' virtual environment)."""
    beside = Path(sys.executable).parent / command
    return str(beside) if beside.exists() else command


def test_vs_code_settings_start_the_server_for_yaml_and_json() -> None:
    (settings,) = [json.loads(b) for b in blocks("json")]
    assert settings["glspc.server.command"] == "argmap"
    assert settings["glspc.server.commandArguments"] == ["lsp"]
    assert settings["glspc.server.languageId"] == ["yaml", "json"]


def test_helix_configuration_parses_and_names_the_server() -> None:
    (text,) = blocks("toml")
    config = tomllib.loads(text)
    server = config["language-server"]["argmap"]
    assert [server["command"], *server["args"]] == ["argmap", "lsp"]
    languages = {entry["name"]: entry["language-servers"] for entry in config["language"]}
    assert set(languages) == {"yaml", "json"}
    # Helix's own servers for the language (25.07's defaults) are kept, argmap after them
    assert languages["yaml"] == ["yaml-language-server", "ansible-language-server", "argmap"]
    assert languages["json"] == ["vscode-json-language-server", "argmap"]


def test_the_documented_command_serves_a_session(tmp_path: Path) -> None:
    config = tomllib.loads(blocks("toml")[0])["language-server"]["argmap"]
    client = LspClient([resolve(config["command"]), *config["args"]], cwd=tmp_path)
    try:
        capabilities = client.initialize(tmp_path)["capabilities"]
        for feature in ("completionProvider", "definitionProvider", "referencesProvider",
                        "hoverProvider", "renameProvider", "documentSymbolProvider",
                        "codeActionProvider"):
            assert capabilities.get(feature), feature
        uri = uri_of(tmp_path / "m.argmap.yaml")
        client.open(uri, "argmap: 1\nclaims:\n  c: {text: A claim, main: true}\n"
                    "arguments:\n  a: {premises: [d], conclusion: c}\n")
        (found,) = [d for d in client.diagnostics(uri, 1) if d["severity"] == 1]
        assert found["code"] == "unknown-reference"
        assert found["range"]["start"]["line"] == 4
    finally:
        assert client.close() == 0
