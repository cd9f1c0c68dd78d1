"""The docs site (mkdocs.yml, scripts/mkdocs_hooks.py) and what docs say against what
argmap does.

``mkdocs build --strict`` itself runs in scripts/test.sh (after mypy); here the pages the
hooks generate are checked against their sources (the JSON Schema, the Typer app, the
rule registry), the tutorial's printed outputs against real runs, and the known
disagreements of docs and behaviour (issue 13) stay fixed.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import argmap
from argmap._report_ci import DOCS_URL
from argmap.cli import _COMMANDS

from .conftest import ROOT

pytest.importorskip("mkdocs", reason="the docs extra (mkdocs) is not installed")


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hooks = _load("argmap_mkdocs_hooks", ROOT / "scripts" / "mkdocs_hooks.py")
doctests = _load("argmap_griffe_doctests", ROOT / "scripts" / "griffe_doctests.py")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may use !ENV and the like; none is needed to read the keys tested."""


def _config() -> dict[str, object]:
    loaded = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 -- a SafeLoader
    assert isinstance(loaded, dict)
    return loaded


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_pages(value)]
    return []


def test_site_url_is_the_sarif_help_base() -> None:
    assert _config()["site_url"] == DOCS_URL


def test_nav_lists_every_page_and_leaves_room() -> None:
    generated = {"reference/format.md", "reference/cli.md", "rules/index.md"}
    pages = _nav_pages(_config()["nav"])
    for page in pages:
        assert (ROOT / "docs" / page).is_file() or page in generated, page
    top = {p.name for p in (ROOT / "docs").glob("*.md")}
    optional = {page for entries in hooks.OPTIONAL_PAGES.values() for _, page in entries}
    assert top - set(pages) <= optional
    assert optional == {"teaching.md", "serve.md", "lsp.md"}


def test_optional_pages_join_the_nav_when_they_exist(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    (tmp_path / "serve.md").write_text("# Live preview\n", encoding="utf-8")
    monkeypatch.setattr(hooks, "DOCS", tmp_path)
    config = {"nav": [{"Guide": [{"Format": "format.md"}]}]}
    hooks.on_config(config)
    assert config["nav"] == [{"Guide": [{"Format": "format.md"},
                                        {"Live preview (serve)": "serve.md"}]}]


def test_format_reference_covers_the_schema() -> None:
    page = hooks.format_reference()
    schema = json.loads((ROOT / "schemas" / "argmap.schema.json").read_text("utf-8"))
    for key in schema["properties"]:
        assert f"| `{key}` |" in page
    for name, spec in schema["$defs"].items():
        if "properties" in spec:
            assert f"\n## {name}\n" in page
            for key in spec["properties"]:
                assert f"| `{key}` |" in page
        else:
            assert f"| `{name}` |" in page
    # a description of the schema reaches the page as it is
    assert schema["$defs"]["claim"]["properties"]["main"]["description"] in page


def test_cli_reference_has_every_registered_command() -> None:
    page = hooks.cli_reference()
    registered = ["validate", "schema", "render", "check", "evaluate", "solve", "convert"]
    for name in _COMMANDS:
        module = ROOT / "src" / "argmap" / "_cli" / f"{_COMMANDS[name]}.py"
        heading = f"\n## argmap {name}\n" in page
        assert heading == module.is_file(), name
    for name in registered:
        assert f"\n## argmap {name}\n" in page
    assert "Usage: argmap check [OPTIONS] [FILES]..." in page or "argmap check" in page
    assert "sarif" in page  # the --format choices of validate and check


def test_rule_catalogue_links_every_rule_page() -> None:
    from argmap.check import describe_rules

    page = hooks.rule_catalogue()
    for rule in describe_rules():
        code = rule["code"]
        assert f"[`{code}`]({code}.md)" in page
        assert (ROOT / "docs" / "rules" / f"{code}.md").is_file()


def test_every_picture_marker_follows_a_valid_map() -> None:
    found = 0
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in hooks._YAML_THEN_IMAGE.finditer(text):
            found += 1
            assert argmap.validates(match["body"], format="yaml").ok
        drawn = set(re.findall(r"\]\((images/(?:tutorial|semantics)-[\w-]+\.svg)\)", text))
        made = {m["target"] for m in hooks._YAML_THEN_IMAGE.finditer(text)}
        assert drawn <= made, f"{page.name}: pictures without a map before them"
    assert found >= 9


@pytest.mark.dot
def test_status_pictures_are_coloured_by_status() -> None:
    text = (ROOT / "docs" / "semantics.md").read_text(encoding="utf-8")
    bodies = {m["target"]: m["body"] for m in hooks._YAML_THEN_IMAGE.finditer(text)}
    grounded = hooks._picture(bodies["images/semantics-alibi-grounded.svg"]).decode()
    preferred = hooks._picture(bodies["images/semantics-alibi-preferred.svg"]).decode()
    assert "<svg" in grounded
    assert "IN" not in re.findall(r">(IN|OUT|UNDECIDED)\b", grounded)
    assert "IN" in re.findall(r">(IN|OUT|UNDECIDED)\b", preferred)


def test_link_rewriting_to_copied_repository_files() -> None:
    class FakeFiles:
        def get_file_from_path(self, path: str) -> object | None:
            known = {"schemas/argmap.schema.json", "examples/README.md", "format.md"}
            return object() if path in known else None

    class FakePage:
        class file:  # mimics mkdocs' Page.file
            src_uri = "rules/self-attack.md"

    text = ("[a](../../schemas/argmap.schema.json) [b](../format.md#ids) "
            "[c](https://example.org/x) [d](../../missing.md) [e](../../examples/README.md)")
    out = hooks.on_page_markdown(text, FakePage(), {}, FakeFiles())
    assert out == ("[a](../schemas/argmap.schema.json) [b](../format.md#ids) "
                   "[c](https://example.org/x) [d](../../missing.md) "
                   "[e](../examples/README.md)")


def test_doctests_become_code_blocks() -> None:
    text = "Intro.\n\n>>> f(1)\n[('a', 'in')]\n\nAfter.\n```\n>>> kept\n```"
    assert doctests.fence_doctests(text) == (
        "Intro.\n\n```pycon\n>>> f(1)\n[('a', 'in')]\n```\n\nAfter.\n```\n>>> kept\n```")


# --------------------------------------------------------------------------------------
# the tutorial's outputs are real


def _tutorial() -> tuple[list[str], list[str]]:
    text = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    maps = re.findall(r"```yaml\n(argmap: 1\n.*?)```", text, re.DOTALL)
    runs = re.findall(r"```text\n(\$ argmap .*?)```", text, re.DOTALL)
    return maps, runs


def test_tutorial_outputs_are_what_argmap_prints(tmp_path: Path) -> None:
    maps, runs = _tutorial()
    step4 = maps[3]
    assert runs
    for run in runs:
        command, *expected = run.rstrip("\n").split("\n")
        argv = command.removeprefix("$ argmap ").split()
        body = step4
        if expected and "missing `premises`" in expected[0]:
            body = step4.replace("    premises: [little-tying]", "    premise: [little-tying]")
        (tmp_path / "one-threat.argmap.yaml").write_text(body, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "argmap", *argv], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.stdout.rstrip("\n").split("\n") == expected


def test_tutorial_grounded_statuses_as_told() -> None:
    from argmap.evaluate import evaluate_map

    maps, _ = _tutorial()
    statuses = evaluate_map(argmap.loads(maps[4], format="yaml")).statuses()
    told = {"no-limits": "in", "little-tying": "out", "distinct": "out",
            "separate-threats": "out", "one-threat": "in"}
    assert {k: statuses[k].value for k in told} == told


# --------------------------------------------------------------------------------------
# docs and behaviour agree (issue 13)


def test_size_limit_in_docs_is_the_default() -> None:
    from argmap._cli.common import MAX_BYTES_DEFAULT
    from argmap._parse import MAX_BYTES

    assert MAX_BYTES == MAX_BYTES_DEFAULT == 32 * 1024 * 1024
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"64 ?MiB (per file|by default)", text), page
    assert "32 MiB per file" in (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_dollar_schema_is_accepted_as_the_docs_say() -> None:
    docs = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert "A `\"$schema\"` key at the top of a map" in docs
    assert "is accepted" in docs
    body = "$schema: ../schemas/argmap.schema.json\nargmap: 1\nclaims:\n  c: {text: C}\n"
    result = argmap.validates(body, format="yaml")
    assert result.ok, [str(d) for d in result.diagnostics]
    assert "$schema" not in argmap.dumps(argmap.loads(body, format="yaml"), format="json")


def test_library_property_example_passes_on_its_own(tmp_path: Path) -> None:
    """The Hypothesis example of docs/library.md, run as a user would (its own process,
    no conftest, Hypothesis's default profile): no health check or deadline stops it."""
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    (code,) = [b for b in re.findall(r"```python\n(.*?)```", text, re.DOTALL)
               if "argument_maps" in b]
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
