"""The examples: the seed debate is a faithful, valid map; the classroom files say what
their README says.

The seed map's evidence is checked word for word against the article it maps
(``../shared/seed/one-threat-article.txt``, where present); the classroom README's table
and console transcript are checked against what ``argmap validate`` reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import argmap
from argmap import ArgumentMap, AttackType, Claim, Evidence, EvidenceType, Severity
from argmap.cli import _app

from .conftest import EXAMPLES, ROOT

SEED = EXAMPLES / "one-threat.argmap.yaml"
CLASSROOM = EXAMPLES / "classroom"
ARTICLE = ROOT.parent / "shared" / "seed" / "one-threat-article.txt"


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    return argmap.load(SEED)


def _norm(text: str) -> str:
    """Collapse runs of white space (the article has non-breaking spaces)."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    """The article's body paragraphs, numbered from 1 as the map's locators count them."""
    if not ARTICLE.is_file():
        pytest.skip("../shared/seed/one-threat-article.txt is not present")
    lines = [_norm(line) for line in ARTICLE.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    start = next(i for i, line in enumerate(lines) if line.startswith("Since the outbreak"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Chels Michta is"))
    return lines[start:end]


# --------------------------------------------------------------------------------------
# The seed debate


def test_seed_validates_without_any_diagnostic() -> None:
    result = argmap.validate(SEED)
    assert result.diagnostics == ()
    assert result.map is not None


def test_seed_metadata_and_source(seed: ArgumentMap) -> None:
    assert seed.version == 1
    assert seed.title
    assert seed.description
    assert seed.authors == ("argmap developers",)
    assert seed.source == "article"
    article = seed.sources["article"]
    assert article.title == "Russia and China: Two Countries, One Threat"
    assert article.author == "Chels Michta"
    assert article.publisher == "Center for European Policy Analysis (CEPA), Europe's Edge"
    # The text gives neither a date nor a web address: none is invented, and the note
    # says so.
    assert article.date is None
    assert article.url is None
    assert article.note is not None
    assert "date" in article.note


def test_seed_has_both_sides_each_with_one_main_thesis(seed: ArgumentMap) -> None:
    assert {k: v.name for k, v in seed.sides.items()} == {
        "separate": "Separate threats",
        "one": "One threat",
    }
    mains = {c.side: c.id for c in seed.main_claims}
    assert mains == {"separate": "separate-threats", "one": "one-threat"}
    pairs = [set(c.claims) for c in seed.contradictions]
    assert {"separate-threats", "one-threat"} in pairs
    # Every node has a side, except the article's own caveat on South Korea.
    sideless = {n.id for n in seed.nodes() if seed.side_of(n.id) is None}
    assert sideless == {"sk-reluctant"}


# Every argument the article makes or reports: (id, kind, words its text must contain).
ARTICLE_POINTS: list[tuple[str, type, tuple[str, ...]]] = [
    # The Pacific-first case (¶2-4).
    ("little-tying", Claim, ("little tying",)),
    ("ukraine-distraction", Claim, ("distraction", "long-term systemic challenge")),
    ("pacific-first", Claim, ("privilege the Pacific", "deterrent")),
    ("husband-resources", Claim, ("husband", "Taiwan")),
    ("break-blockade", Claim, ("naval capabilities", "blockade")),
    ("long-range-strike", Claim, ("long-range strike",)),
    # The article's reply.
    ("theaters-linked", Claim, ("inextricably linked",)),
    ("no-limits", Evidence, ("no-limits", "partnership")),
    ("xi-putin", Evidence, ("Xi Jinping", "Putin", "personal relationship")),
    ("rutte", Evidence, ("Rutte",)),
    ("not-either-or", Claim, ("either-or",)),
    ("nk-troops", Evidence, ("10,000",)),
    ("multi-theater", Claim, ("multi-theater",)),
    ("china-supplies", Evidence, ("dual-use goods", "drone", "missile technology")),
    ("iran-missiles", Evidence, ("Iran", "ballistic missiles")),
    ("axis", Claim, ("four-nation", "axis")),
    ("major-escalation", Claim, ("major escalation",)),
    ("deterrence-failed", Claim, ("failure of US deterrence",)),
    ("turning-point", Claim, ("turning point",)),
    ("testing-us", Claim, ("test US responses",)),
    ("cold-war-record", Evidence, ("Cold War", "kinetically")),
    ("junior-partners", Claim, ("junior partners",)),
    ("precedent", Claim, ("precedent", "Cold War")),
    ("sk-may-shift", Claim, ("South Korea", "Ukraine")),
    ("sk-reluctant", Evidence, ("reluctant", "155mm")),
    ("calculus-change", Claim, ("calculus",)),
    ("sk-manufacturer", Evidence, ("major weapons manufacturer",)),
    ("munitions-shortfall", Evidence, ("munitions production",)),
    ("sk-infusion", Claim, ("factories", "infusion")),
    ("pow-escalation", Claim, ("PoW", "Korean Peninsula")),
    ("systemic-shift", Claim, ("structural systemic transformation",)),
    ("legacy-assumption", Claim, ("Asian powers", "Atlantic theater")),
    ("horizontal-escalation", Claim, ("horizontal escalation",)),
    ("asian-power-enters", Claim, ("Asian", "Euro-Atlantic")),
    ("balance-of-power", Claim, ("balance of power in Europe",)),
    ("order-confrontation", Claim, ("international order", "axis")),
    ("russia-dependent", Claim, ("dependent on China",)),
    ("china-influence", Claim, ("influence with Moscow",)),
    ("china-broker", Claim, ("conflict-termination agreement",)),
    ("sea-change", Claim, ("sea change",)),
    ("xi-power-broker", Claim, ("power broker", "Indo-Pacific")),
]


@pytest.mark.parametrize(("node_id", "kind", "words"), ARTICLE_POINTS, ids=str)
def test_seed_maps_every_point_of_the_article(
    seed: ArgumentMap, node_id: str, kind: type, words: tuple[str, ...]
) -> None:
    node = seed.node(node_id)
    assert isinstance(node, kind), f"{node_id} should be a {kind.__name__}"
    assert isinstance(node, (Claim, Evidence))
    for word in words:
        assert word in node.text, f"{node_id}: {word!r} not in {node.text!r}"
    # Each point takes part in the reasoning: it concludes or premises an argument,
    # or attacks something.
    used = {a.conclusion for a in seed.arguments.values()}
    used |= {p for a in seed.arguments.values() for p in a.premises}
    used |= {a.attacker for a in seed.attacks}
    assert node_id in used


def test_seed_every_node_is_connected_to_a_main_thesis(seed: ArgumentMap) -> None:
    """Through arguments and attacks, every node of the map bears on a thesis."""
    links: dict[str, set[str]] = {}

    def link(a: str, b: str) -> None:
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)

    for arg in seed.arguments.values():
        link(arg.id, arg.conclusion)
        for premise in arg.premises:
            link(premise, arg.id)
    for attack in seed.attacks:
        for attacker in (attack.attacker, *attack.co_premises):
            link(attacker, attack.target)
            if attack.id is not None:  # an undercut may target the attack by its id
                link(attacker, attack.id)
    mains = {c.id for c in seed.main_claims}
    for node in seed.nodes():
        seen: set[str] = set()
        todo = [node.id]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(links.get(current, ()))
        assert seen & mains, f"{node.id} is connected to no main thesis"


def test_seed_every_claim_bears_on_something(seed: ArgumentMap) -> None:
    """A claim that is neither a premise nor an attacker is a final conclusion: a thesis,
    or the Pacific-first case's practical upshot."""
    used = {p for a in seed.arguments.values() for p in a.premises}
    used |= {a.attacker for a in seed.attacks}
    ends = {c for c in seed.claims if c not in used}
    assert ends == {"one-threat", "husband-resources"}


def test_examples_readme_gives_the_seed_map_s_size(seed: ArgumentMap) -> None:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    size = (
        f"It holds {len(seed.claims)} claims, {len(seed.evidence)} evidence items, "
        f"{len(seed.arguments)} arguments, {len(seed.attacks)} attacks and "
        f"{len(seed.contradictions)} contradiction."
    )
    assert size in _norm(text)


def test_seed_rutte_is_testimony_quoted_exactly(seed: ArgumentMap) -> None:
    rutte = seed.evidence["rutte"]
    assert rutte.type is EvidenceType.TESTIMONY
    assert rutte.source == "article"
    assert rutte.quote is not None
    assert (
        "“The deepening military cooperation between Russia and North Korea is a threat to "
        "both Indo-Pacific and Euro-Atlantic security”"
    ) in _norm(rutte.quote)


def test_seed_evidence_cites_the_article_with_a_paragraph(seed: ArgumentMap) -> None:
    assert len(seed.evidence) >= 10
    for item in seed.evidence.values():
        assert item.source == "article", item.id
        assert item.quote, item.id
        assert item.locator is not None
        assert re.fullmatch(r"paragraph [0-9]+", item.locator), item.id


def test_seed_quotes_are_word_for_word_from_the_paragraph_they_name(
    seed: ArgumentMap, paragraphs: list[str]
) -> None:
    assert paragraphs[0].startswith("Since the outbreak")
    for item in seed.evidence.values():
        assert item.quote is not None
        assert item.locator is not None
        number = int(item.locator.split()[-1])
        assert _norm(item.quote) in paragraphs[number - 1], (
            f"evidence {item.id!r}: the quote is not in paragraph {number}"
        )


def test_seed_attacks_between_the_sides_of_every_kind(seed: ArgumentMap) -> None:
    kinds: dict[AttackType, list[tuple[str, str]]] = {}
    for attack in seed.attacks:
        kind = seed.attack_type(attack)
        assert kind is not None
        kinds.setdefault(kind, []).append((attack.attacker, attack.target))
    cross = {
        kind: [
            (a, t) for a, t in pairs if seed.side_of(a) == "one" and seed.side_of(t) == "separate"
        ]
        for kind, pairs in kinds.items()
    }
    # Rebuttals of the Pacific-first conclusions, undercuts of its inferences, and the
    # undermining of the premise that nothing ties China and Russia together.
    assert ("not-either-or", "pacific-first") in cross[AttackType.REBUT]
    assert ("ukraine-is-china", "ukraine-distraction") in cross[AttackType.REBUT]
    assert ("theaters-linked", "distraction") in cross[AttackType.UNDERCUT]
    assert ("deterrence-indivisible", "pacific-first-case") in cross[AttackType.UNDERCUT]
    assert ("axis", "little-tying") in cross[AttackType.UNDERMINE]
    assert ("no-limits", "little-tying") in cross[AttackType.UNDERMINE]
    # The article's answer to its own caveat: an undercut of the attack itself.
    assert ("calculus-change", "sk-reluctance") in kinds[AttackType.UNDERCUT]
    assert seed.attacks_by_id["sk-reluctance"].attacker == "sk-reluctant"


def test_seed_uses_linked_premises_and_toulmin_parts(seed: ArgumentMap) -> None:
    args = seed.arguments
    assert set(args["axis-exists"].premises) == {"nk-troops", "china-supplies", "iran-missiles"}
    assert set(args["taiwan-means"].premises) == {
        "pacific-first",
        "break-blockade",
        "long-range-strike",
    }
    assert args["rutte-linked"].scheme == "argument from expert opinion"
    assert sum(a.warrant is not None for a in args.values()) >= 5
    assert sum(a.qualifier is not None for a in args.values()) >= 5
    assert sum(a.scheme is not None for a in args.values()) >= 5


def test_seed_reconstructed_claims_are_marked(seed: ArgumentMap) -> None:
    """Claims the article does not write out are tagged `implicit` and say so."""
    implicit = [c for c in seed.claims.values() if "implicit" in c.tags]
    assert {c.id for c in implicit} == {"deterrence-indivisible", "ukraine-is-china"}
    for claim in implicit:
        assert claim.note is not None
        assert "Not written out in the article" in claim.note


def test_seed_has_no_error_level_check_findings() -> None:
    from argmap.check import check_result

    findings = check_result(argmap.validate(SEED))
    errors = [str(f) for f in findings if f.severity is Severity.ERROR]
    assert errors == []


def test_seed_dumps_and_loads_back_equal(seed: ArgumentMap) -> None:
    for fmt in ("yaml", "json"):
        assert argmap.loads(argmap.dumps(seed, format=fmt), format=fmt) == seed


def test_seed_is_written_in_block_style() -> None:
    """Readable for a student: no flow mappings, no tabs, every part headed by a comment."""
    text = SEED.read_text(encoding="utf-8")
    assert "\t" not in text
    assert not re.search(r":\s*\{", text)
    assert len(re.findall(r"^\s*# ---- ", text, re.MULTILINE)) >= 20


# --------------------------------------------------------------------------------------
# The classroom files


def test_good_student_map_is_valid_with_every_kind_of_part() -> None:
    result = argmap.validate(CLASSROOM / "good-student.argmap.yaml")
    assert result.diagnostics == ()
    good = result.map
    assert good is not None
    assert len(good.main_claims) == 2
    assert {good.attack_type(a) for a in good.attacks} == {AttackType.REBUT, AttackType.UNDERCUT}
    assert good.contradictions
    assert any(len(a.premises) > 1 for a in good.arguments.values())
    assert all(e.source in good.sources for e in good.evidence.values())


def test_good_student_map_has_no_error_level_check_findings() -> None:
    from argmap.check import check_result

    findings = check_result(argmap.validate(CLASSROOM / "good-student.argmap.yaml"))
    assert [str(f) for f in findings if f.severity is Severity.ERROR] == []


README = CLASSROOM / "README.md"
ROW = re.compile(r"^\| (\d+) \| (.+?) \| (.+?) \| `([a-z-]+)` \| .+ \|$", re.MULTILINE)
WHERE = re.compile(r"`([\w.-]+):(\d+):(\d+)`")


def _readme_rows() -> list[tuple[int, str, int, int, str]]:
    """(mistake number, file, line, column, code) for every location in the README table."""
    rows: list[tuple[int, str, int, int, str]] = []
    for match in ROW.finditer(README.read_text(encoding="utf-8")):
        number, _, where, code = match.groups()
        places = WHERE.findall(where)
        assert places, f"row {number} names no file:line:col"
        rows.extend((int(number), name, int(line), int(col), code) for name, line, col in places)
    return rows


def test_readme_table_lists_every_reported_mistake_where_argmap_reports_it() -> None:
    rows = _readme_rows()
    numbers = sorted({row[0] for row in rows})
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 15
    listed = {(name, line, col, code) for _, name, line, col, code in rows}
    reported = set()
    for name in ("mistakes.argmap.yaml", "syntax-error.argmap.yaml"):
        result = argmap.validate(CLASSROOM / name)
        assert result.map is None
        for diagnostic in result.diagnostics:
            assert diagnostic.severity is Severity.ERROR
            loc = diagnostic.location
            reported.add((name, loc.line, loc.column, diagnostic.code))
    assert listed == reported


def test_mistakes_are_numbered_in_the_file_as_in_the_readme() -> None:
    """The comment `# (n)` sits on the line the README gives for mistake n."""
    rows = _readme_rows()
    for name in ("mistakes.argmap.yaml",):
        lines = (CLASSROOM / name).read_text(encoding="utf-8").splitlines()
        for number, file, line, _, _ in rows:
            if file != name:
                continue
            marks = {int(n) for n in re.findall(r"# \((\d+)\)", lines[line - 1])}
            # A missing key is reported at its entry, one line above the comment.
            if line < len(lines):
                marks |= {int(n) for n in re.findall(r"# \((\d+)\)", lines[line])}
            assert number in marks, f"line {line} of {name} is not marked ({number})"


def test_readme_transcript_is_what_argmap_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    prompt = "$ argmap validate examples/classroom/mistakes.argmap.yaml "
    block = text.split(prompt, 1)[1].split("```", 1)[0]
    command, expected = block.split("\n", 1)
    args = ["validate", "examples/classroom/mistakes.argmap.yaml", *command.split()]
    monkeypatch.chdir(ROOT)
    app = _app()
    assert isinstance(app, typer.Typer)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert result.output == expected, "examples/classroom/README.md is out of date"


def test_good_student_transcript(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    app = _app()
    assert isinstance(app, typer.Typer)
    result = CliRunner().invoke(app, ["validate", "examples/classroom/good-student.argmap.yaml"])
    assert result.exit_code == 0
    assert result.output in README.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------
# All examples


def _example_files() -> list[Path]:
    return sorted(EXAMPLES.rglob("*.argmap.yaml"))


@pytest.mark.parametrize("path", _example_files(), ids=lambda p: p.name)
def test_schema_comment_points_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first[len(prefix) :]).resolve()
    assert target == (ROOT / "schemas" / "argmap.schema.json").resolve()


def test_examples_readme_names_every_example() -> None:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in _example_files():
        assert str(path.relative_to(EXAMPLES)) in text, path.name


def test_format_page_json_example_is_a_valid_map() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, re.DOTALL)
    maps = [b for b in blocks if '"argmap": 1' in b]
    assert maps
    for body in maps:
        result = argmap.validates(body, format="json", file="docs/format.md")
        assert result.diagnostics == (), [str(d) for d in result.diagnostics]
