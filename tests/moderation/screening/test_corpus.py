"""Screening quality on labelled messages: per-category precision and recall, and how many ordinary
adult messages are held.

``corpus_holdout.jsonl`` was written after the rules were last changed and has never been used to
tune them, so its figures are the honest estimate for messages nobody has seen. ``corpus.jsonl`` is
what the rules were developed against: the messages written with the first rules ("set":
"development"), then four earlier held-out sets ("heldout-1".."heldout-4"), each written after a
round of rule changes, scored once, and only then used to find the phrasings the rules had missed.
Both files must meet the same targets. Each line: {"text", "audience", "labels": [category, ...]},
optionally "protected_terms" (the family's names the service would pass in) and "set".
Authors are established members (links from new accounts are covered in test_engine.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from moderation.screening import AuthorFacts, Screener, ScreenInput

HERE = Path(__file__).parent

RECALL_TARGETS = {
    "self_harm": 0.95,
    "identity_exposure": 0.95,
    "abuse_disclosure": 0.90,
    "child_to_parent_violence": 0.90,
    "grooming": 0.90,
    "birth_family_contact": 0.90,
    "harassment": 0.90,
}
EVALUATED = (*RECALL_TARGETS, "link")
MAX_BENIGN_ADULT_HELD = 0.05


@dataclass
class Report:
    name: str
    size: int = 0
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EVALUATED, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EVALUATED, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EVALUATED, 0))
    benign_adult: int = 0
    benign_adult_held: int = 0
    misses: list[str] = field(default_factory=list)

    def precision(self, category: str) -> float | None:
        found = self.tp[category] + self.fp[category]
        return self.tp[category] / found if found else None

    def recall(self, category: str) -> float | None:
        labelled = self.tp[category] + self.fn[category]
        return self.tp[category] / labelled if labelled else None

    @property
    def held_share(self) -> float:
        return self.benign_adult_held / self.benign_adult if self.benign_adult else 0.0

    def table(self) -> str:
        def pct(value: float | None) -> str:
            return "   -  " if value is None else f"{value:6.1%}"

        lines = [
            f"{self.name}: {self.size} messages",
            f"  {'category':26} {'precision':>9} {'recall':>7} {'labelled':>9} {'found':>6}",
        ]
        for c in EVALUATED:
            lines.append(
                f"  {c:26} {pct(self.precision(c)):>9} {pct(self.recall(c)):>7} "
                f"{self.tp[c] + self.fn[c]:>9} {self.tp[c] + self.fp[c]:>6}"
            )
        lines.append(
            f"  benign adult messages held: {self.benign_adult_held}/{self.benign_adult}"
            f" = {self.held_share:.1%}"
        )
        lines.extend(f"  {miss}" for miss in self.misses)
        return "\n".join(lines)


def evaluate(name: str, screener: Screener) -> Report:
    report = Report(name)
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        persona = "young_person" if case["audience"] == "youth" else "adopter"
        author = AuthorFacts(user_id=1, account_age_days=60, verified=True, persona=persona)
        item = ScreenInput(case["text"], case["audience"], author, tuple(case.get("protected_terms", ())))
        result = screener.screen(item)
        assert not result.failed_closed, case["text"]
        found = {m.category for m in result.matches}
        labelled = set(case["labels"])
        report.size += 1
        for category in EVALUATED:
            if category in found and category in labelled:
                report.tp[category] += 1
            elif category in found:
                report.fp[category] += 1
                report.misses.append(f"false positive {category}: {case['text']!r}")
            elif category in labelled:
                report.fn[category] += 1
                report.misses.append(f"missed {category}: {case['text']!r}")
        if not labelled and case["audience"] == "adult":
            report.benign_adult += 1
            report.benign_adult_held += result.verdict != "allow"
    return report


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus_holdout.jsonl"])
def test_quality_targets(name: str, screener: Screener, capsys: pytest.CaptureFixture[str]) -> None:
    report = evaluate(name, screener)
    with capsys.disabled():
        print("\n" + report.table())
    for category, target in RECALL_TARGETS.items():
        recall = report.recall(category)
        assert recall is not None, f"{name} has no {category} messages"
        assert recall >= target, f"{name}: {category} recall {recall:.1%} < {target:.0%}"
    assert report.held_share <= MAX_BENIGN_ADULT_HELD


def test_corpus_shape() -> None:
    cases = [
        json.loads(line) for line in (HERE / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    holdout = [
        json.loads(line)
        for line in (HERE / "corpus_holdout.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    assert len(cases) >= 300
    assert sum(1 for c in cases if not c["labels"]) >= 120
    assert len(holdout) >= 80
    texts = [c["text"] for c in cases]
    assert len(set(texts)) == len(texts)
    assert not set(texts) & {c["text"] for c in holdout}
    for case in cases + holdout:
        assert set(case) <= {"text", "audience", "labels", "protected_terms", "set"}
        assert case["audience"] in ("adult", "youth")
        assert set(case["labels"]) <= set(EVALUATED)
