"""The screening report's counting (report.py): how a result is counted against its labels, with the
second reading after it, and the confusion lists. Results are built here, so what is shown is the
arithmetic, whatever the shipped models read."""

from __future__ import annotations

from moderation.screening import reader
from moderation.screening.dataset import Example
from moderation.screening.engine import SIGNPOSTS
from moderation.screening.report import Reading, Tally, with_second_reading
from moderation.screening.types import Match, ScreenResult

ALLOWED = ScreenResult("allow", (), None, (), "Allowed")


def case(text: str, audience: str, *labels: str) -> Example:
    return Example(text, audience, frozenset(labels), (), "written/test.jsonl")


def held(category: str, priority: int = 2) -> ScreenResult:
    return ScreenResult("hold", (Match(category, "rule", ((0, 4),), priority),), priority, (), "Held")


def test_counted_as_the_blind_set_and_what_each_label_was_read_as() -> None:
    tally = Tally(keep=True)
    disclosure = case("he hits me", "youth", "abuse_disclosure")
    tally.add(disclosure, held("abuse_disclosure"))
    tally.add(case("my mate posted a goodbye", "youth", "friend_concern"), held("self_harm", 1))
    ordinary = case("homework is killing me", "youth")
    tally.add(ordinary, held("self_harm", 1))
    tally.add(case("see you saturday", "adult"), ALLOWED)

    assert tally.counts[("harm", "youth")] == [1, 1]
    # Risk to life needs signposts as well as P0/P1: a bare hold is not counted as got.
    assert tally.counts[("risk to life", "youth")] == [0, 1]
    assert tally.counts[("benign held", "youth")] == [1, 1]
    assert tally.counts[("benign held", "adult")] == [0, 1]
    assert tally.confusion.counts[("abuse_disclosure", "abuse_disclosure")] == 1
    assert tally.confusion.counts[("friend_concern", "self_harm")] == 1
    assert tally.confusion.counts[("benign", "self_harm")] == 1
    assert tally.confusion.counts[("benign", "nothing")] == 1
    # The confusion list keeps what was missed and the benign message held, nothing else.
    assert [(c.text, missed) for c, _, missed in tally.wrong] == [
        ("my mate posted a goodbye", ["risk to life"]),
        ("homework is killing me", ["benign held"]),
    ]
    rows = tally.wrong_rows("test")
    assert any("homework is killing me" in row and "self_harm P1 (hold)" in row for row in rows)
    table = tally.confusion.rows("test")
    assert "| benign | " in "\n".join(table)


def test_the_second_reading_counts_as_the_product_deals_with_it() -> None:
    asked: list[tuple[str, ...]] = []

    def reading(*found: reader.Finding) -> Reading:
        def read(example: Example, groups: tuple[str, ...]) -> list[reader.Finding]:
            asked.append(groups)
            return list(found)

        return read

    disclosure = case("something happened at my uncles", "youth", "abuse_disclosure")
    after = with_second_reading(ALLOWED, disclosure, reading(reader.Finding("abuse_disclosure", 2, "hold")))
    assert asked == [("risk_to_life", "harm")]
    assert after.verdict == "hold" and after.priority == 2
    assert [m.label for m in after.matches] == ["second_reader"]
    assert after.signposts == SIGNPOSTS["abuse_disclosure"]
    tally = Tally()
    tally.add(disclosure, after)
    assert tally.counts[("harm", "youth")] == [1, 1]

    # Violence from a child told by a carer is noted, not held: counted as got (it is queued), and a
    # benign message noted so is not counted as held.
    violence = case("he kicked the door in and went for me", "adult", "child_to_parent_violence")
    noting = reading(reader.Finding("child_to_parent_violence", 3, "allow"))
    noted = with_second_reading(ALLOWED, violence, noting)
    assert noted.verdict == "allow" and noted.priority == 3
    tally.add(violence, noted)
    assert tally.counts[("harm", "adult")] == [1, 1]
    ordinary = case("he kicked off about his tea", "adult")
    tally.add(ordinary, with_second_reading(ALLOWED, ordinary, noting))
    assert tally.counts[("benign held", "adult")] == [0, 1]

    # What the screen found is not read again: a risk to life held at P1 leaves only harm to read.
    asked.clear()
    with_second_reading(held("self_harm", 1), disclosure, reading())
    assert asked == [("harm",)]
    asked.clear()
    both = ScreenResult(
        "hold",
        (Match("self_harm", "rule", ((0, 4),), 0), Match("grooming", "rule", ((0, 4),), 2)),
        0,
        (),
        "Held",
    )
    assert with_second_reading(both, disclosure, reading()) is both
    assert asked == []
