"""Reading and writing ICCMA formats; the real instances of the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from argmap._af.strategies import frameworks
from argmap.af import (
    Framework,
    FrameworkSyntaxError,
    Outcome,
    extensions,
    format_for_path,
    grounded,
    parse_framework,
    read_framework,
    write_framework,
)
from argmap.errors import ArgmapError, UsageError

ICCMA = Path(__file__).parents[1].parent / "shared" / "corpora" / "iccma"


def test_read_af() -> None:
    text = "# a leading comment\n\np af 4\n# names\n1 2\n2 3\n\n3 3\n"
    af = read_framework(text, "af")
    assert list(af.labels) == ["1", "2", "3", "4"]
    assert list(af.attacks) == [(0, 1), (1, 2), (2, 2)]
    assert af.sources == (0, 1, 2)
    assert af.index_of("4") == 3
    assert grounded(af).in_ == {"1", "4"}


def test_read_af_odd_spacing() -> None:
    af = read_framework("p af 3\r\n1\t2\r\n 2  3 \r\n", "af")
    assert list(af.attacks) == [(0, 1), (1, 2)]
    assert list(read_framework("p af 2\n01 2\n", "af").attacks) == [(0, 1)]
    assert read_framework("p af 0\n", "af").attack_count == 0


def test_read_af_names_from_comments() -> None:
    af = Framework.from_attacks(["x", "y", "z"], [("x", "y"), ("y", "z")])
    text = write_framework(af, "af")
    assert text.startswith("p af 3\n# x\n")
    back = read_framework(text, "af", names=True)
    assert back == af
    assert list(read_framework(text, "af").labels) == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ("1 2\n", 1, 1, "af-header"),
        ("", 1, 1, "af-header"),
        ("p af 2\n1 3\n", 2, 3, "af-range"),
        ("p af 2\n1 2 2\n", 2, 1, "af-attack"),
        ("p af 2\n1 x\n", 2, 3, "af-attack"),
        ("p af 2\n1 2\n0 1\n", 3, 1, "af-range"),
        ("# x\np af 99999999999\n", 2, 1, "af-header"),
    ],
)
def test_read_af_errors(text: str, line: int, column: int, code: str) -> None:
    with pytest.raises(FrameworkSyntaxError) as info:
        read_framework(text, "af", file="x.af")
    first = info.value.diagnostics[0]
    assert (first.location.line, first.location.column, first.code) == (line, column, code)
    assert first.location.file == "x.af"
    assert isinstance(info.value, ArgmapError)


def test_read_apx() -> None:
    text = 'arg(a). arg(b).\n% comment\narg("C 1").\natt(a,b). att(b, "C 1").\n'
    af = read_framework(text, "apx")
    assert list(af.labels) == ["a", "b", "C 1"]
    assert list(af.attacks_by_label()) == [("a", "b"), ("b", "C 1")]
    assert read_framework(write_framework(af, "apx"), "apx") == af


def test_read_apx_errors() -> None:
    with pytest.raises(FrameworkSyntaxError) as info:
        read_framework("arg(a).\natt(a,b).\nfoo(x).\n", "apx")
    codes = {(d.code, d.location.line) for d in info.value.diagnostics}
    assert codes == {("apx-syntax", 3), ("apx-unknown", 2)}


def test_read_tgf() -> None:
    af = read_framework("a first\nb\n#\na b\nb a\n", "tgf")
    assert list(af.labels) == ["a", "b"]
    assert read_framework(write_framework(af, "tgf"), "tgf") == af
    with pytest.raises(FrameworkSyntaxError) as info:
        read_framework("a\n#\na c\n", "tgf")
    assert info.value.diagnostics[0].location.column == 3
    with pytest.raises(UsageError):
        write_framework(Framework(["a b"]), "tgf")


def test_unknown_format() -> None:
    with pytest.raises(UsageError):
        read_framework("", "gml")
    with pytest.raises(UsageError):
        write_framework(Framework([]), "gml")
    assert format_for_path("x/y.APX") == "apx"
    assert format_for_path("x.yaml") is None


def test_framework_checks() -> None:
    with pytest.raises(UsageError, match="twice"):
        Framework(["a", "a"])
    with pytest.raises(UsageError, match="outside"):
        Framework(["a"], [0], [1])
    with pytest.raises(UsageError, match="unknown"):
        Framework.from_attacks(["a"], [("a", "b")])
    with pytest.raises(UsageError, match="no argument"):
        Framework(["a"]).index_of("b")
    af = Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
    sub = af.restrict([1, 2])
    assert list(sub.attacks_by_label()) == [("b", "c")]
    assert af.successors == ((1,), (2,), ())
    assert af.predecessors == ((), (0,), (1,))
    assert "3 arguments" in repr(af)


@given(frameworks(max_arguments=8))
def test_round_trip_every_format(af: Framework) -> None:
    assert read_framework(write_framework(af, "af"), "af", names=True) == af
    assert read_framework(write_framework(af, "apx"), "apx") == af
    assert read_framework(write_framework(af, "tgf"), "tgf") == af
    numbered = read_framework(write_framework(af, "af"), "af")
    assert list(numbered.attacks) == list(af.attacks)


def _instances() -> list[Path]:
    return sorted(ICCMA.glob("*.af")) if ICCMA.is_dir() else []


@pytest.mark.skipif(not _instances(), reason="shared/corpora/iccma is not there")
@pytest.mark.parametrize("path", _instances(), ids=lambda p: p.name)
def test_corpus_instances_parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    af = read_framework(text, "af")
    header = next(line for line in text.splitlines() if line.startswith("p af"))
    assert len(af) == int(header.split()[2])
    attack_lines = [ln for ln in text.splitlines()
                    if ln.strip() and not ln.startswith(("#", "p"))]
    assert af.attack_count == len(attack_lines)
    lab = grounded(af)
    assert len(lab.in_) + len(lab.out) + len(lab.undecided) == len(af)


@pytest.mark.skipif(not (ICCMA / "st_890_86_9_572.af").is_file(),
                    reason="shared/corpora/iccma is not there")
def test_hard_instance_ends_with_unknown() -> None:
    af = read_framework((ICCMA / "st_890_86_9_572.af").read_text(encoding="utf-8"), "af")
    result = extensions(af, "stable", timeout=1.0)
    assert result.outcome is Outcome.TIMEOUT
    assert result.seconds < 3.0


def test_number_labels_behave_like_a_tuple() -> None:
    af = read_framework("p af 3\n1 2\n", "af")
    labels = af.labels
    assert len(labels) == 3
    assert labels[0] == "1"
    assert labels[-1] == "3"
    assert list(labels[1:]) == ["2", "3"]
    assert "2" in labels
    assert "02" not in labels
    assert "4" not in labels
    assert labels == ("1", "2", "3")
    assert labels.index("3") == 2
    with pytest.raises(ValueError, match="not a label"):
        labels.index("x")
    with pytest.raises(IndexError):
        af.labels[len(af)]
    assert hash(labels) == hash(("1", "2", "3"))
    assert af == Framework(["1", "2", "3"], [0], [1])
    assert hash(af) == hash(Framework(["1", "2", "3"], [0], [1]))


def test_labelling_api() -> None:
    from argmap.af import Status, labelling_of

    af = Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
    lab = grounded(af)
    assert lab.as_dict() == {"a": "in", "b": "out", "c": "in"}
    assert lab.status("b") is Status.OUT
    assert lab.status(2) is Status.IN
    assert "2 in" in repr(lab)
    other = labelling_of(af, [1])
    assert other.as_dict() == {"a": "undecided", "b": "in", "c": "out"}


@pytest.mark.parametrize("repeats", [1, 5, 64, 65, 300])
@pytest.mark.parametrize("spacing", ["canonical", "loose"])
def test_repeated_attacks_dropped_like_a_set(repeats: int, spacing: str) -> None:
    """Repeated attacks are dropped (the last occurrence kept, in order) and counted
    where first listed, on both ways of finding them (by line and by number) and both
    ways of dropping them (one by one, or in one pass beyond 64)."""
    import random as _random

    rng = _random.Random(repeats)  # noqa: S311 -- a seeded test input, not a secret
    n = 50
    attacks = [(rng.randint(1, n), rng.randint(1, n)) for _ in range(400)]
    unique = list(dict.fromkeys(attacks))
    listed = unique + [rng.choice(unique) for _ in range(repeats)]
    sep = " " if spacing == "canonical" else "  "
    text = f"p af {n}\n" + "".join(f"{a}{sep}{b}\n" for a, b in listed)
    parsed = parse_framework(text, "af")
    last = {pair: i for i, pair in enumerate(listed)}
    expected = [pair for i, pair in enumerate(listed) if last[pair] == i]
    got = list(zip(parsed.framework.sources, parsed.framework.targets, strict=True))
    assert got == [(a - 1, b - 1) for a, b in expected]
    times: dict[tuple[int, int], int] = {}
    for pair in listed:
        times[pair] = times.get(pair, 0) + 1
    first = {pair: listed.index(pair) for pair in times if times[pair] > 1}
    notes = [d for d in parsed.notes if "listed" in d.message and "more" not in d.message]
    wanted = sorted(first.values())[:len(notes)]
    assert [d.location.line for d in notes] == [2 + k for k in wanted]
    assert all(f"listed {times[listed[k]]} times" in d.message
               for d, k in zip(notes, wanted, strict=True))
