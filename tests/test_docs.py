"""Documentation examples run: every YAML block in README.md and docs/*.md that starts
with `argmap: 1` is a valid map (unless it is marked as a mistake with `# invalid`)."""

from __future__ import annotations

import re

import pytest

import argmap

from .conftest import CORPORA, ROOT

BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)


def _blocks() -> list[tuple[str, int, str]]:
    found = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            body = match.group(1)
            if body.startswith("argmap: 1") and "# invalid" not in body:
                line = text.count("\n", 0, match.start()) + 2
                found.append((str(page.relative_to(ROOT)), line, body))
    return found


@pytest.mark.parametrize(("page", "line", "body"), _blocks(), ids=lambda v: str(v)[:40])
def test_documented_maps_are_valid(page: str, line: int, body: str) -> None:
    result = argmap.validates(body, format="yaml", file=f"{page}:{line}")
    assert result.ok, [str(d) for d in result.diagnostics]


def test_readme_starts_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("```sh\n", 1)[1]
    commands = [line.split("#")[0].strip() for line in head.split("```")[0].splitlines()]
    assert commands == ["bash scripts/demo.sh", "bash scripts/test.sh"]
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _python_blocks() -> list[tuple[str, int, str]]:
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in PYTHON_BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 2
            found.append((str(page.relative_to(ROOT)), line, match.group(1)))
    return found


@pytest.mark.parametrize(("page", "line", "code"), _python_blocks(), ids=lambda v: str(v)[:40])
def test_documented_python_runs(
    page: str, line: int, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "../shared" in code and not CORPORA.is_dir():
        pytest.skip("the example reads ../shared/corpora, which is not present")
    monkeypatch.chdir(ROOT)
    compiled = compile("\n" * (line - 1) + code, page, "exec")
    exec(compiled, {"__name__": "docs_example"})  # noqa: S102 -- our own documentation
