"""The classroom example of reasoning mistakes: ``examples/classroom/reasoning/``.

The map there is valid, and ``argmap check`` on the folder, under the folder's own
``argmap.toml`` (profile ``classroom``), reports each mistake numbered ``# (n)`` in the
file, at the line, column, code and severity the folder's README table gives, and
prints exactly the README's transcript.
"""

from __future__ import annotations

import functools
import itertools
import re

import pytest
import typer
from typer.testing import CliRunner

import argmap
from argmap import Diagnostic, Severity
from argmap.check import CheckConfig, check_result, find_config, resolve_config
from argmap.cli import _app

from .conftest import EXAMPLES, ROOT

FOLDER = EXAMPLES / "classroom" / "reasoning"
MAP = FOLDER / "reasoning-mistakes.argmap.yaml"
README = FOLDER / "README.md"
COMMAND = "argmap check examples/classroom/reasoning/"

#: The mistakes the brief asks the map to show, by number, with the rule that finds each.
EXPECTED_CODES = {
    1: {"support-cycle"},
    2: {"same-side-conflict"},
    3: {"evidence-without-source"},
    4: {"undated-source", "unlinked-source"},
    5: {"unanswered-objection"},
    6: {"unsupported-claim"},
    7: {"evidence-as-conclusion"},
    8: {"duplicate-statement"},
}

ROW = re.compile(
    r"^\| (\d+) \| .+? \| `([\w.-]+):(\d+):(\d+)` \| `([a-z-]+)` \| (error|warning|info) \| .+ \|$",
    re.MULTILINE,
)


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    """Run the real command line from the project root, as the README shows it."""
    monkeypatch.chdir(ROOT)
    app = _app()
    assert isinstance(app, typer.Typer)
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@functools.cache
def _findings(profile: str | None = None) -> tuple[Diagnostic, ...]:
    """What ``argmap check`` finds in the map, with the configuration found for it."""
    config = resolve_config(find_config(MAP), profile=profile)
    return tuple(check_result(argmap.validate(MAP), config=config, text=MAP.read_bytes()))


def _rows() -> list[tuple[int, str, int, int, str, str]]:
    """(number, file, line, column, code, severity) of every row of the README table."""
    return [
        (int(n), name, int(line), int(col), code, severity)
        for n, name, line, col, code, severity in ROW.findall(README.read_text("utf-8"))
    ]


@functools.cache
def _marks() -> dict[int, int]:
    """Mistake number -> the line of the file whose comment carries ``# (n)``."""
    marks: dict[int, int] = {}
    for number, line in enumerate(MAP.read_text(encoding="utf-8").splitlines(), start=1):
        for n in re.findall(r"# \((\d+)\)", line):
            assert int(n) not in marks, f"({n}) is marked twice"
            marks[int(n)] = number
    return marks


def test_the_map_is_valid() -> None:
    result = argmap.validate(MAP)
    assert result.diagnostics == ()
    assert result.map is not None
    assert {c.side for c in result.map.main_claims} == {"later", "keep"}


def test_the_folder_s_argmap_toml_is_found_and_chooses_the_classroom_profile() -> None:
    found = find_config(MAP)
    assert found == FOLDER / "argmap.toml"
    assert find_config(FOLDER) == found
    assert resolve_config(found).profile == "classroom"


def test_check_on_the_folder_exits_1_under_the_classroom_profile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, output = _run(monkeypatch, "check", "examples/classroom/reasoning/")
    assert code == 1
    assert output.endswith("1 file checked: 1 file with errors, 5 errors, 4 warnings\n")
    # The list of rules, for that map, names the folder's settings.
    code, output = _run(monkeypatch, "check", "--list-rules", str(MAP.relative_to(ROOT)))
    assert code == 0
    assert output.splitlines()[-1].startswith(
        "profile 'classroom', examples/classroom/reasoning/argmap.toml;"
    )


def test_every_marked_mistake_is_numbered_and_found_by_the_rule_it_illustrates() -> None:
    marks = _marks()
    assert sorted(marks) == list(range(1, 9))
    found: dict[int, set[str]] = {}
    for finding in _findings():
        assert finding.location.line in marks.values(), f"unmarked finding: {finding}"
        number = next(n for n, line in marks.items() if line == finding.location.line)
        found.setdefault(number, set()).add(finding.code)
    assert found == EXPECTED_CODES


def test_readme_table_gives_each_finding_where_argmap_reports_it() -> None:
    rows = _rows()
    assert sorted({row[0] for row in rows}) == list(range(1, 9))
    assert all(name == MAP.name for _, name, *_ in rows)
    listed = {(line, col, code, severity) for _, _, line, col, code, severity in rows}
    reported = {(f.location.line, f.location.column, f.code, f.severity.value) for f in _findings()}
    assert len(rows) == len(listed)
    assert listed == reported
    # The number of each row is the number marked on the line it gives.
    marks = _marks()
    for number, _, line, _, code, _ in rows:
        assert marks[number] == line, f"README row ({number}) {code}: line {line}"
        assert code in EXPECTED_CODES[number]


def test_readme_transcript_is_what_argmap_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split(f"$ {COMMAND}\n", 1)[1].split("```", 1)[0]
    code, output = _run(monkeypatch, *COMMAND.split()[1:])
    assert code == 1
    assert output == block, "examples/classroom/reasoning/README.md is out of date"


def test_readme_validate_transcript(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _run(monkeypatch, "validate", str(MAP.relative_to(ROOT)))
    assert code == 0
    command = f"$ argmap validate {MAP.relative_to(ROOT).as_posix()}\n"
    assert command + output in README.read_text(encoding="utf-8")


def test_default_profile_finds_the_same_things_with_default_severities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``--profile default`` overrides the folder's profile, as the README says."""
    classroom, default = _findings(), _findings("default")
    where = [(f.location.line, f.location.column, f.code) for f in classroom]
    assert [(f.location.line, f.location.column, f.code) for f in default] == where
    errors = {f.code for f in default if f.severity is Severity.ERROR}
    assert errors == {"support-cycle", "same-side-conflict"}
    code, output = _run(monkeypatch, *COMMAND.split()[1:], "--profile", "default")
    assert code == 1
    summary = output.splitlines()[-1]
    assert summary == "1 file checked: 1 file with errors, 2 errors, 3 warnings, 4 notes"
    readme = README.read_text(encoding="utf-8")
    assert f"$ {COMMAND} --profile default\n...\n{summary}\n" in readme


def test_strict_profile_asks_more_as_the_readme_says() -> None:
    strict = _findings("strict")
    assert all(f.severity is Severity.ERROR for f in strict)
    objections = {"bedtime-later", "parents-drive", "bus-costs"}
    unsupported = {
        f.location.pointer.rsplit("/", 1)[-1] for f in strict if f.code == "unsupported-claim"
    }
    assert objections < unsupported
    assert any(f.code == "single-premise" for f in strict)


# --------------------------------------------------------------------------------------
# The fixes the README's table gives: each one removes its mistake's findings and no
# other, whatever other mistakes are fixed too.

#: Mistake number -> the edits (text to find, exactly once, and its replacement) that
#: carry out the README's fix.
FIXES: dict[int, tuple[tuple[str, str], ...]] = {
    1: (
        (
            "  we-know-from-grades:  # (1) better grades because we learn better, and the "
            "other way round\n    premises: [better-grades]\n",
            "  rested:\n    premises: [later-more-sleep]\n",
        ),
    ),
    2: (
        (
            "    text: Buses for a later start would cost the school more money.\n"
            "    side: later\n",
            "    text: Buses for a later start would cost the school more money.\n    side: keep\n",
        ),
    ),
    3: (
        (
            "on school nights.\n",
            "on school nights.\n    source: cdc\n",
        ),
        (
            "\nclaims:\n",
            "  cdc:\n"
            "    title: Short Sleep Duration Among Middle School and High School Students\n"
            "    author: Centers for Disease Control and Prevention\n"
            "    publisher: MMWR, volume 67, issue 3\n"
            "    date: 2018-01-26\n"
            "    url: https://www.cdc.gov/mmwr/volumes/67/wr/mm6703a1.htm\n"
            "\nclaims:\n",
        ),
    ),
    4: (
        (
            "    author: American Academy of Sleep Medicine\n",
            "    author: American Academy of Sleep Medicine\n"
            "    date: 2016-06-15\n"
            "    url: https://doi.org/10.5664/jcsm.5866\n",
        ),
    ),
    5: (
        (
            "\n\nevidence:\n",
            "\n  doors-open:\n"
            "    text: The school would still open at 7:30 for students dropped off early.\n"
            "    side: later\n\nevidence:\n",
        ),
        (
            "\n\ncontradictions:\n",
            "\n  - attacker: doors-open\n    target: parents-drive\n    type: rebut\n"
            "\ncontradictions:\n",
        ),
    ),
    6: (
        (
            "\n\nattacks:\n",
            "\n  rested-mood:\n    premises: [later-more-sleep]\n    conclusion: happier\n"
            "\nattacks:\n",
        ),
    ),
    7: (
        (
            "  seattle-proves-experts:\n    premises: [seattle-sleep]\n"
            "    conclusion: aap-statement  # (7) an argument for a piece of evidence\n",
            "",
        ),
    ),
    8: (
        ("  - attacker: seattle-again\n", "  - attacker: seattle-sleep\n"),
        (
            "  seattle-again:\n    type: study\n"
            "    text: >-  # (8) the same evidence again, copied under a new name\n"
            "      When Seattle's high schools started nearly an hour later, the students' "
            "median\n      sleep rose by 34 minutes a day.\n"
            "    source: seattle\n    side: later\n",
            "",
        ),
    ),
}

#: What fixing (2) brings to light: once `bus-costs` is on the side that raises it, it is
#: an objection the `later` side leaves unanswered.
REVEALED_BY_FIX_2 = ("unanswered-objection", "/attacks/3")


def _fixed(numbers: frozenset[int]) -> str:
    text = MAP.read_text(encoding="utf-8")
    for number in sorted(numbers):
        for old, new in FIXES[number]:
            assert text.count(old) == 1, f"fix ({number}): {old!r}"
            text = text.replace(old, new)
    return text


def _found_in(text: str) -> set[tuple[str, str]]:
    result = argmap.validates(text, format="yaml", file=str(MAP))
    assert result.diagnostics == (), [str(d) for d in result.diagnostics]
    config = resolve_config(find_config(MAP))
    return {(f.code, f.location.pointer) for f in check_result(result, config=config)}


def _expected_after(numbers: frozenset[int]) -> set[tuple[str, str]]:
    marks = _marks()
    kept = {
        (f.code, f.location.pointer)
        for f in _findings()
        if not any(marks[n] == f.location.line for n in numbers)
    }
    return kept | ({REVEALED_BY_FIX_2} if 2 in numbers else set())


@pytest.mark.parametrize("number", sorted(FIXES))
def test_each_fix_removes_its_own_findings(number: int) -> None:
    assert _found_in(_fixed(frozenset({number}))) == _expected_after(frozenset({number}))


def test_the_mistakes_are_independent() -> None:
    """Every set of fixes (all 256) removes exactly the findings of the mistakes it fixes."""
    numbers = sorted(FIXES)
    for size in range(len(numbers) + 1):
        for chosen in itertools.combinations(numbers, size):
            fixed = frozenset(chosen)
            assert _found_in(_fixed(fixed)) == _expected_after(fixed), sorted(fixed)


def test_with_every_fix_only_the_revealed_objection_is_left() -> None:
    assert _found_in(_fixed(frozenset(FIXES))) == {REVEALED_BY_FIX_2}


def test_a_side_that_answers_nothing_is_told_in_the_classroom() -> None:
    """The README's section "A student who answers no objection at all"."""
    text = MAP.read_text(encoding="utf-8")
    for attack in (
        "  - attacker: seattle-again\n    target: bedtime-later\n    type: rebut\n",
        "  - attacker: bus-costs  # (2) an objection to my own side\n"
        "    target: start-later\n    type: rebut\n",
    ):
        assert text.count(attack) == 1
        text = text.replace(attack, "")
    result = argmap.validates(text, format="yaml", file=str(MAP))
    assert result.map is not None
    assert [a.attacker for a in result.map.attacks] == ["bedtime-later", "parents-drive"]
    classroom = resolve_config(find_config(MAP))
    assert {
        f.location.pointer
        for f in check_result(result, config=classroom)
        if f.code == "unanswered-objection"
    } == {"/attacks/0", "/attacks/1"}
    default = CheckConfig(select={"unanswered-objection"})
    assert check_result(result, config=default) == []
    named = CheckConfig(
        select={"unanswered-objection"},
        options={"unanswered-objection": {"sides": ("later", "keep")}},
    )
    assert {f.location.pointer for f in check_result(result, config=named)} == {
        "/attacks/0",
        "/attacks/1",
    }
    readme = README.read_text(encoding="utf-8")
    assert '[check.options.unanswered-objection]\nsides = ["later", "keep"]\n' in readme
