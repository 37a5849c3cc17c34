"""``make screening-report``: per-category precision and recall, and how much benign content is held,
on the development (train) and validation splits of the labelled messages (dataset.py).

Prints the table and writes ``bench/results/screening.md``. The blind set is not read here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .dataset import Example, examples
from .engine import Screener
from .types import AuthorFacts, ScreenInput

LABELS = (
    "self_harm",
    "friend_concern",
    "abuse_disclosure",
    "grooming",
    "child_to_parent_violence",
    "birth_family_contact",
    "harassment",
    "identity_exposure",
    "link",
)
RISK_TO_LIFE = frozenset({"self_harm", "friend_concern"})
OUT = Path(__file__).resolve().parents[2] / "bench" / "results" / "screening.md"


@dataclass
class Scores:
    name: str
    size: int = 0
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    # risk to life: labelled messages that got P0/P1 and signposts
    life_labelled: int = 0
    life_urgent: int = 0
    benign: dict[str, int] = field(default_factory=lambda: {"adult": 0, "youth": 0})
    benign_held: dict[str, int] = field(default_factory=lambda: {"adult": 0, "youth": 0})

    def rows(self) -> list[str]:
        def pct(a: int, b: int) -> str:
            return f"{a / b:6.1%}" if b else "    - "

        out = [
            f"### {self.name}: {self.size} messages",
            "",
            "| category | precision | recall | labelled | found |",
            "|---|---|---|---|---|",
        ]
        for c in LABELS:
            tp, fp, fn = self.tp[c], self.fp[c], self.fn[c]
            out.append(f"| {c} | {pct(tp, tp + fp)} | {pct(tp, tp + fn)} | {tp + fn} | {tp + fp} |")
        out += [
            "",
            f"- risk to life (self_harm or friend_concern) at P0/P1 with signposts: "
            f"{self.life_urgent}/{self.life_labelled} = {pct(self.life_urgent, self.life_labelled).strip()}",
            *(
                f"- benign {a} messages held: {self.benign_held[a]}/{self.benign[a]}"
                f" = {pct(self.benign_held[a], self.benign[a]).strip()}"
                for a in ("adult", "youth")
            ),
            "",
        ]
        return out


def score(name: str, cases: Iterable[Example], screener: Screener) -> Scores:
    scores = Scores(name)
    for case in cases:
        persona = "young_person" if case.audience == "youth" else "adopter"
        author = AuthorFacts(user_id=1, account_age_days=60, verified=True, persona=persona)
        result = screener.screen(ScreenInput(case.text, case.audience, author, case.protected_terms))  # type: ignore[arg-type]
        found = {m.category for m in result.matches}
        scores.size += 1
        for c in LABELS:
            if c in found and c in case.labels:
                scores.tp[c] += 1
            elif c in found:
                scores.fp[c] += 1
            elif c in case.labels:
                scores.fn[c] += 1
        if case.labels & RISK_TO_LIFE:
            scores.life_labelled += 1
            urgent = result.priority is not None and result.priority <= 1 and bool(result.signposts)
            scores.life_urgent += urgent and bool(found & RISK_TO_LIFE)
        if not case.labels:
            scores.benign[case.audience] += 1
            scores.benign_held[case.audience] += result.verdict != "allow"
    return scores


# Cross-writer estimate: the model fitted without one writer's file, then that file screened. The
# honest proxy for writers nobody here has read (the rules' authors have read these files: treat it
# as an upper bound for the rules' part). The thresholds are the shipped ones, which were themselves
# set on folds that each left one file out.
CROSS_HELD = ("written/written-1.jsonl", "written/written-2.jsonl", "written/written-3.jsonl")


def cross_writer(cases: list[Example]) -> list[str]:
    from .model import load
    from .train import fit

    thresholds = load().thresholds
    lines = ["## Cross-writer: the model fitted without the file it is scored on", ""]
    for held in CROSS_HELD:
        scored = [c for c in cases if c.source == held]
        if not scored:
            continue
        model = fit([c for c in cases if c.source != held], thresholds)
        screener = Screener(time_budget_ms=10_000, model=model)
        screener.warm()
        lines += score(f"{held.split('/')[-1]} (fitted on the other files)", scored, screener).rows()
    return lines


def main() -> None:
    screener = Screener(time_budget_ms=10_000)
    screener.warm()
    cases = list(examples())
    lines = [
        "# Screening quality (make screening-report)",
        "",
        "Labelled messages from tests/moderation/screening (corpus, holdout, written), split by a hash",
        "of the text (moderation/screening/dataset.py). The model is fitted on `train` only; `validation`",
        "is the estimate for unseen messages. The blind set is scored separately by the lead.",
        "",
    ]
    for split in ("train", "validation"):
        lines += score(split, (c for c in cases if c.split == split), screener).rows()
    if "--no-cross" not in sys.argv:
        lines += cross_writer(cases)
    text = "\n".join(lines)
    sys.stdout.write(text + "\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
