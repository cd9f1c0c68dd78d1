"""Configuration of ``argmap check``: profiles, files, discovery and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.check import (
    BUILTIN_PROFILES,
    CheckConfig,
    ConfigError,
    find_config,
    get_rule,
    load_config,
    resolve_config,
    rules,
)
from argmap.errors import Severity, UsageError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_default_profile_is_the_rules_defaults() -> None:
    config = resolve_config()
    assert config.select == {r.code for r in rules() if r.enabled}
    assert config.profile == "default"
    assert config.file is None
    for rule in rules():
        assert config.severity_of(rule) is rule.severity
        assert dict(config.options_of(rule)) == dict(rule.options)


def test_builtin_profiles() -> None:
    strict = resolve_config(profile="strict")
    assert strict.select == {r.code for r in rules()}
    assert {strict.severity_of(r) for r in rules() if r.family != "substance"} <= {
        Severity.ERROR}
    assert all(strict.severity_of(r) is Severity.ERROR for r in rules())
    assert strict.options_of(get_rule("unsupported-claim"))["objections-need-reasons"] is True
    classroom = resolve_config(profile="classroom")
    assert classroom.severity_of(get_rule("unsupported-claim")) is Severity.ERROR
    assert classroom.severity_of(get_rule("unanswered-objection")) is Severity.WARNING
    assert "single-premise" not in classroom.select
    assert set(BUILTIN_PROFILES) == {"default", "strict", "classroom"}


def test_pyproject_settings_and_own_profile(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        """\
[project]
name = "course"

[tool.argmap.check]
profile = "year-9"
extend-select = ["single-premise"]

[tool.argmap.check.severity]
substance = "warning"
unlinked-source = "info"

[tool.argmap.check.options.shallow-reasoning]
min-depth = 3

[tool.argmap.check.profiles.year-9]
extends = "classroom"
ignore = ["undated-source", "logic"]
""",
    )
    config = resolve_config(path)
    assert config.profile == "year-9"
    assert config.file == str(path)
    assert "single-premise" in config.select
    assert "undated-source" not in config.select
    assert "same-side-conflict" not in config.select
    # Written order counts: the family first, then the one rule.
    assert config.severity_of(get_rule("unsupported-claim")) is Severity.WARNING
    assert config.severity_of(get_rule("unlinked-source")) is Severity.INFO
    assert config.options_of(get_rule("shallow-reasoning"))["min-depth"] == 3
    # Command-line selections come last.
    narrowed = resolve_config(path, select=["structure"], ignore=["disconnected"])
    assert narrowed.select == {r.code for r in rules() if r.family == "structure"} - {
        "disconnected"}
    # --profile replaces the file's profile, the file's own keys still apply.
    other = resolve_config(path, profile="default")
    assert "undated-source" in other.select
    assert "single-premise" in other.select


def test_argmap_toml_uses_a_check_table(tmp_path: Path) -> None:
    path = write(tmp_path / "argmap.toml", '[check]\nignore = ["disconnected"]\n')
    assert load_config(path) == {"ignore": ["disconnected"]}
    assert "disconnected" not in resolve_config(path).select
    assert load_config(write(tmp_path / "x" / "argmap.toml", "")) == {}


def test_discovery_walks_up_and_prefers_argmap_toml(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(deep) in (None, *[p / n for p in tmp_path.parents
                                         for n in ("argmap.toml", "pyproject.toml")])
    write(tmp_path / "pyproject.toml", "[project]\nname = 'no argmap table'\n")
    found = find_config(deep)
    assert found is None or tmp_path not in found.parents
    write(tmp_path / "a" / "pyproject.toml", "[tool.argmap.check]\nignore = ['logic']\n")
    assert find_config(deep) == tmp_path / "a" / "pyproject.toml"
    assert find_config(deep / "map.yaml") == tmp_path / "a" / "pyproject.toml"
    write(tmp_path / "a" / "argmap.toml", "[check]\n")
    assert find_config(deep) == tmp_path / "a" / "argmap.toml"
    write(tmp_path / "a" / "b" / "pyproject.toml", "[tool.argmap]\nrender = {}\n")
    assert find_config(deep) == tmp_path / "a" / "b" / "pyproject.toml"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[tool.argmap.check]\nselect = ["suport-cycle"]\n', 2,
         ["unknown rule 'suport-cycle'", "did you mean 'support-cycle'"]),
        ("[tool.argmap.check]\nselct = []\n", 2, ["unknown key 'selct'", "did you mean 'select'"]),
        ('[tool.argmap.check]\nprofile = "clasroom"\n', 2,
         ["unknown profile 'clasroom'", "did you mean 'classroom'"]),
        ("[tool.argmap.check.severity]\nunsupported-claim = \"fatal\"\n", 2,
         ['must be "error", "warning" or "info"']),
        ("[tool.argmap.check.options.shallow-reasoning]\nmin-depth = \"two\"\n", 2,
         ["must be a whole number"]),
        ("[tool.argmap.check.options.shallow-reasoning]\nmax-depth = 2\n", 2,
         ["has no option 'max-depth'"]),
        ("[tool.argmap.check]\nwarnings-as-errors = 1\n", 2, ["true or false"]),
        ("[tool.argmap.check]\nselect = 3\n", 2, ["must be a list of rule codes"]),
        ("[tool.argmap.check]\nselect = [\n", 2, ["invalid TOML"]),
        ("[tool.argmap.check.profiles.a]\nextends = \"b\"\n[tool.argmap.check.profiles.b]\n"
         "extends = \"a\"\n[tool.argmap.check]\nprofile = \"a\"\n", None,
         ["loop: a -> b -> a"]),
        ("[tool.argmap]\ncheck = 3\n", 2, ["must be a table"]),
    ],
)
def test_bad_configuration_says_where(
    tmp_path: Path, text: str, line: int | None, words: list[str]
) -> None:
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as caught:
        resolve_config(path)
    error = caught.value
    assert isinstance(error, UsageError)
    assert error.file == str(path)
    if line is not None:
        assert error.line == line
    for word in words:
        assert word in str(error)


def test_unreadable_and_non_utf8_configuration(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        resolve_config(tmp_path / "missing.toml")
    path = tmp_path / "argmap.toml"
    path.write_bytes(b"[check]\nignore = ['\xff']\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        resolve_config(path)


def test_check_config_validates_what_code_builds() -> None:
    with pytest.raises(ConfigError, match="unknown rule 'nope'"):
        CheckConfig(select={"nope"})
    with pytest.raises(ConfigError, match="no option 'depth'"):
        CheckConfig(options={"shallow-reasoning": {"depth": 1}})
    with pytest.raises(ConfigError, match="a list of strings"):
        CheckConfig(options={"unsupported-claim": {"exempt-tags": "assumption"}})
    config = CheckConfig().selecting(extend_select=["all"], ignore=["substance"])
    assert config.select == {r.code for r in rules() if r.family != "substance"}
    with pytest.raises(ConfigError, match="unknown rule 'bogus'"):
        CheckConfig().selecting(select=["bogus"])
