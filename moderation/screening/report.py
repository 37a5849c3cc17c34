"""``make screening-report``: per-category precision and recall, and how much benign content is held,
on the development (train) and validation splits of the labelled messages (dataset.py), and per
group and audience, counted as the blind set is counted, on those splits and leaving each writer out
(each written file screened with a model fitted and calibrated without it).

Each is given for the screen alone and, where the second reader can be counted fairly, with the
second reading after it (``reader.py``): on validation (which no reader was fitted on), leaving each
writer out, and on the blind sets.

Prints the table and writes ``bench/results/screening.md``. The blind sets are read only with
``--blind`` (``make screening-report BLIND=1``), which the lead runs once per change: it adds their
figures, aggregate only (never a message), counted the same way. Nobody who writes rules or trains
the model runs it (``tests/moderation/screening/blind/README.md``).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import reader
from .dataset import ROOT, Example, examples, read_file
from .engine import SIGNPOSTS, Screener
from .model import ScreeningModel
from .types import AuthorFacts, Match, ScreenInput, ScreenResult

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
        result = _screen(screener, case)
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


# ---- counted as the blind set is counted ------------------------------------------------------
# Per group and audience: risk to life counts only at P0/P1 with signposts and a risk-to-life
# category; other groups when the verdict is not allow and a category of the group is named (and
# child-to-parent violence in adults' spaces, which is allowed by design, when it is named: queued
# for a moderator, as issue #12 counts it); links in young people's spaces when held as a link;
# benign messages when the verdict is not allow.

BLIND_GROUPS: dict[str, frozenset[str]] = {
    "risk to life": RISK_TO_LIFE,
    "harm": frozenset({"abuse_disclosure", "grooming", "child_to_parent_violence"}),
    "tracing": frozenset({"birth_family_contact"}),
    "harassment": frozenset({"harassment"}),
    "identity": frozenset({"identity_exposure"}),
}
ROWS = (*BLIND_GROUPS, "youth links", "benign held")
TARGETS = {
    "risk to life": ">= 0.95",
    "harm": ">= 0.9",
    "tracing": ">= 0.85",
    "harassment": ">= 0.85",
    "identity": ">= 0.9",
    "youth links": ">= 0.9",
    "benign held": "<= 5% adult, <= 10% youth",
}


def counted(case: Example, result: ScreenResult) -> dict[str, bool]:
    """For each row ``case`` belongs to, whether screening got it (for benign: whether it was held)."""
    found = {m.category for m in result.matches}
    held = result.verdict != "allow"
    out: dict[str, bool] = {}
    for row, members in BLIND_GROUPS.items():
        if not case.labels & members:
            continue
        if row == "risk to life":
            urgent = result.priority is not None and result.priority <= 1 and bool(result.signposts)
            out[row] = urgent and bool(found & members)
        elif row == "harm" and case.audience == "adult" and "child_to_parent_violence" in case.labels:
            out[row] = bool(found & members) and (held or "child_to_parent_violence" in found)
        else:
            out[row] = held and bool(found & members)
    if "link" in case.labels and case.audience == "youth":
        out["youth links"] = held and "link" in found
    if not case.labels:
        out["benign held"] = held
    return out


@dataclass
class Confusion:
    """What each labelled category (or a benign message) was read as: per pair (labelled, found),
    the messages with that label in which screening named that category ("nothing" when it named
    none). A message with two labels, or two categories found, counts in each pair."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, case: Example, result: ScreenResult) -> None:
        found = sorted({m.category for m in result.matches} & set(LABELS)) or ["nothing"]
        for labelled in sorted(case.labels & set(LABELS)) or ["benign"]:
            for category in found:
                self.counts[labelled, category] += 1

    def rows(self, title: str) -> list[str]:
        columns = [*LABELS, "nothing"]
        out = [
            f"#### {title}",
            "",
            "Rows: the label; columns: the categories screening named (abbreviated as the rows are ordered).",
            "",
            f"| labelled | {' | '.join(_short(c) for c in columns)} |",
            f"|---|{'---|' * len(columns)}",
        ]
        for labelled in [*LABELS, "benign"]:
            cells = [str(self.counts.get((labelled, c), 0) or ".") for c in columns]
            out.append(f"| {labelled} | {' | '.join(cells)} |")
        return [*out, ""]


def _short(category: str) -> str:
    return "".join(word[0] for word in category.split("_")) if "_" in category else category[:4]


@dataclass
class Tally:
    """Counts per (row, audience): [got, of]; what each label was read as; and, when ``keep`` is set,
    the messages counted as not got (for the confusion lists of the splits that are not blind)."""

    counts: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    confusion: Confusion = field(default_factory=Confusion)
    keep: bool = False
    wrong: list[tuple[Example, ScreenResult, list[str]]] = field(default_factory=list)

    def add(self, case: Example, result: ScreenResult) -> None:
        counts = counted(case, result)
        for row, got in counts.items():
            cell = self.counts.setdefault((row, case.audience), [0, 0])
            cell[0] += got
            cell[1] += 1
        self.confusion.add(case, result)
        missed = [row for row, got in counts.items() if got == (row == "benign held")]
        if self.keep and missed:
            self.wrong.append((case, result, missed))

    def merge(self, other: Tally) -> None:
        for key, (got, of) in other.counts.items():
            cell = self.counts.setdefault(key, [0, 0])
            cell[0] += got
            cell[1] += of
        self.confusion.counts.update(other.confusion.counts)

    def wrong_rows(self, title: str) -> list[str]:
        """The messages missed, or benign and held: each with its audience, what it was labelled,
        what screening named, and its verdict."""
        out = [f"#### {title}: {len(self.wrong)} messages", ""]
        out += ["| missed | audience | labelled | found (verdict) | text |", "|---|---|---|---|---|"]
        for case, result, missed in sorted(self.wrong, key=lambda w: (w[2], w[0].audience, w[0].text)):
            found = ", ".join(f"{m.category} P{m.priority}" for m in result.matches) or "-"
            text = case.text if len(case.text) <= 200 else case.text[:200] + "..."
            text = text.replace("|", "/").replace("\n", " ")
            labelled = ", ".join(sorted(case.labels)) or "benign"
            row = [", ".join(missed), case.audience, labelled, f"{found} ({result.verdict})", text]
            out.append(f"| {' | '.join(row)} |")
        return [*out, ""]

    def cell(self, row: str, audiences: tuple[str, ...]) -> str:
        got = sum(self.counts.get((row, a), [0, 0])[0] for a in audiences)
        of = sum(self.counts.get((row, a), [0, 0])[1] for a in audiences)
        return f"{got / of:.3f} ({got}/{of})" if of else "-"

    def rows(self, title: str) -> list[str]:
        out = [f"#### {title}", "", "| | adult | youth | both | target |", "|---|---|---|---|---|"]
        for row in ROWS:
            cells = [self.cell(row, a) for a in (("adult",), ("youth",), ("adult", "youth"))]
            out.append(f"| {row} | {' | '.join(cells)} | {TARGETS[row]} |")
        return [*out, ""]


Reading = Callable[[Example, tuple[str, ...]], "list[reader.Finding]"]


def tally(
    cases: Iterable[Example], screener: Screener, second: Reading | None = None, *, keep: bool = False
) -> Tally:
    """Counted as the blind set is; with ``second``, as it stands after the second reading too; with
    ``keep``, the messages not got kept for ``Tally.wrong_rows``."""
    out = Tally(keep=keep)
    for case in cases:
        result = _screen(screener, case)
        if second is not None:
            result = with_second_reading(result, case, second)
        out.add(case, result)
    return out


def with_second_reading(result: ScreenResult, case: Example, second: Reading) -> ScreenResult:
    """The screen's result once the second reader has read the message (reader.py): each finding
    adds its category at its priority, with its signposts, and one the screen would have held
    counts as held (second_reading.py hides the published content pending review)."""
    groups = reader.unread_groups(result)
    found = second(case, groups) if groups else []
    if not found:
        return result
    whole = ((0, len(case.text)),)
    priority = min(f.priority for f in found)
    held = any(f.action == "hold" for f in found)
    signposts = [s for f in found for s in SIGNPOSTS.get(f.category, ())]
    return replace(
        result,
        verdict="hold" if held and result.verdict == "allow" else result.verdict,
        matches=(*result.matches, *(Match(f.category, "second_reader", whole, f.priority) for f in found)),
        priority=min(result.priority if result.priority is not None else priority, priority),
        signposts=result.signposts or tuple(dict.fromkeys(signposts)),
    )


def _second(case: Example, groups: tuple[str, ...]) -> list[reader.Finding]:
    return reader.findings(case.text, case.audience, groups)


def _screen(screener: Screener, case: Example) -> ScreenResult:
    persona = "young_person" if case.audience == "youth" else "adopter"
    # No flood_key or room_key: the risk memories stay off, so each message is judged on its own.
    author = AuthorFacts(user_id=1, account_age_days=60, verified=True, persona=persona)
    return screener.screen(ScreenInput(case.text, case.audience, author, case.protected_terms))  # type: ignore[arg-type]


def blind_sets() -> list[str]:
    """Each blind set's figures, aggregate only, with a fresh screener each (no memory between sets):
    the screen alone, then with the second reading, and both summed over every blind set, with what
    each label was read as (counts only)."""
    lines = ["## Blind sets (aggregate only; see tests/moderation/screening/blind/README.md)", ""]
    alone, read_again = Tally(), Tally()
    for path in sorted((ROOT / "blind").glob("blind-*.jsonl")):
        screener = Screener(time_budget_ms=10_000)
        screener.warm()
        cases = list(read_file(path, f"blind/{path.name}"))
        alone.merge(counts := tally(cases, screener))
        lines += counts.rows(path.name)
        screener = Screener(time_budget_ms=10_000)
        screener.warm()
        read_again.merge(counts := tally(cases, screener, _second))
        lines += counts.rows(f"{path.name}, with the second reading")
    return [
        *lines,
        *alone.rows("Every blind set"),
        *read_again.rows("Every blind set, with the second reading"),
        *alone.confusion.rows("Every blind set: what each label was read as"),
        *read_again.confusion.rows("Every blind set, with the second reading: what each label was read as"),
    ]


# Leave one writer out: each written file (one writer's voices) screened by the whole screener with a
# model fitted on the other files' train split, its thresholds calibrated as train.py calibrates them
# but on the other files only. The honest proxy for writers nobody here has read, though the rules'
# authors have read these files (treat the rules' part as an upper bound).


def leave_one_writer_out(cases: list[Example]) -> list[str]:
    from .model import features
    from .train import _targets, calibrate, out_of_fold

    sets = [features(c.text, c.audience) for c in cases]
    y = _targets([c.labels for c in cases])
    train = np.array([c.split == "train" for c in cases])
    sources = np.array([c.source for c in cases])
    scores, models = out_of_fold(cases, sets, y, train)
    lines = [
        "## Leave one writer out: each written file screened with a model fitted without it",
        "",
        "Rules, model and context together; the thresholds calibrated on the other files' out-of-fold",
        "scores. Counted as the blind set is counted (report.py, `counted`).",
        "",
    ]
    pooled, fold_alone, fold_second = Tally(), Tally(), Tally()
    per_file: list[str] = []
    fold_scores = _fold_scores()
    for source in sorted(s for s in set(sources) if s.startswith("written/")):
        model = models[source]
        model.thresholds = calibrate(cases, scores, y, train & (sources != source))
        screener = Screener(time_budget_ms=10_000, model=model)
        screener.warm()
        written = [c for c in cases if c.source == source]
        result = tally(written, screener)
        pooled.merge(result)
        per_file += result.rows(f"{source.split('/')[-1]}: fitted and calibrated without it")
        # The second reader's scores without the writer exist for the train split's messages only.
        scored = [c for c in written if reader.case_key(c.text, c.audience) in fold_scores]
        if scored:
            screener = Screener(time_budget_ms=10_000, model=model)
            screener.warm()
            fold_alone.merge(tally(scored, screener))
            screener = Screener(time_budget_ms=10_000, model=model)
            screener.warm()
            fold_second.merge(tally(scored, screener, _second_without_writer(model, fold_scores)))
    second = []
    if fold_scores:
        second = [
            "### With the second reading",
            "",
            "The written files' train-split messages (the second reader's out-of-fold scores are for those:",
            "each from a reader fitted on four of five folds of files, never on the message's own file;",
            "reader_train.py), screened as above, alone and then with the second reading. Its thresholds",
            "are the artefact's, set on those same scores.",
            "",
            *fold_alone.rows(
                "Train-split messages of the written files, each file left out: the screen alone"
            ),
            *fold_second.rows("The same, with the second reading"),
        ]
    return [*lines, *pooled.rows("All written files, each left out in turn"), *second, *per_file]


def _fold_scores() -> dict[int, dict[str, float]]:
    """Each training message's scores from a reader that never read its writer (reader_train.py)."""
    if not reader.FOLD_SCORES.exists():
        return {}
    with np.load(reader.FOLD_SCORES) as saved:
        return {
            key: dict(zip(reader.OUTPUTS, row.tolist(), strict=True))
            for key, row in zip(saved["key"].tolist(), saved["reader"], strict=True)
        }


def _second_without_writer(model: ScreeningModel, fold_scores: dict[int, dict[str, float]]) -> Reading:
    """The second reading with the out-of-fold reader scores and the writer's left-out linear model."""

    def read(case: Example, groups: tuple[str, ...]) -> list[reader.Finding]:
        scores = fold_scores[reader.case_key(case.text, case.audience)]
        return reader.findings(case.text, case.audience, groups, linear=model, read=scores)

    return read


def main() -> None:
    screener = Screener(time_budget_ms=10_000)
    screener.warm()
    cases = list(examples())
    lines = [
        "# Screening quality (make screening-report)",
        "",
        "Labelled messages from tests/moderation/screening (corpus, holdout, written), split by a hash",
        "of the text (moderation/screening/dataset.py). The model is fitted on `train` only; `validation`",
        "is the estimate for unseen messages. The blind sets are added only by the lead (`--blind`).",
        "",
    ]
    for split in ("train", "validation"):
        lines += score(split, (c for c in cases if c.split == split), screener).rows()
        counts = tally((c for c in cases if c.split == split), screener)
        lines += counts.rows(f"{split}, counted as the blind set is")
        lines += counts.confusion.rows(f"{split}: what each label was read as")
    # The second reader was fitted on the train split: only validation is news to it.
    validation = [c for c in cases if c.split == "validation"]
    read_again = tally(validation, screener, _second, keep=True)
    lines += read_again.rows("validation, with the second reading")
    if "--no-cross" not in sys.argv:
        lines += leave_one_writer_out(cases)
    if "--blind" in sys.argv:
        lines += blind_sets()
    # Last, as it is long: the validation messages missed or held wrongly, as the product reads them.
    lines += read_again.wrong_rows("validation, with the second reading: missed, or benign and held")
    text = "\n".join(lines)
    sys.stdout.write(text + "\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
