"""``make train-screening``: fit the screening classifier and write ``model/screening.npz``.

Fitted on the ``train`` split only (dataset.py: a fixed hash of the text). Each head is a logistic
regression on binary features scaled by 1/sqrt(feature count), which is what ``model.py`` computes
at run time. Thresholds, per group and audience, come from 5-fold out-of-fold predictions on the
train split, so the validation split stays unseen until the report. scikit-learn is needed only
here, never at run time.
"""

from __future__ import annotations

import math
import sys

import numpy as np

from .dataset import examples
from .model import ARTEFACT, GROUPS, HEADS, ScreeningModel, features

# What a model-only match must achieve on out-of-fold predictions. The rules keep precision; the
# model adds recall, more of it in young people's spaces, where a missed message costs most.
MIN_PRECISION = {"adult": 0.9, "youth": 0.8}
MAX_BENIGN_FLAGGED = {"adult": 0.002, "youth": 0.01}
MIN_DOCUMENTS = 2  # a feature seen in one message only is noise
C = 0.5


def _targets(labels: list[frozenset[str]]) -> np.ndarray:
    columns = []
    for head in HEADS:
        members = set(GROUPS.get(head, (head,)))
        columns.append([bool(label & members) for label in labels])
    return np.array(columns, dtype=np.int8).T


def _matrix(sets: list[set[str]], index: dict[str, int]):  # type: ignore[no-untyped-def]
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, found in enumerate(sets):
        scale = 1.0 / math.sqrt(len(found)) if found else 0.0
        for feature in found:
            c = index.get(feature)
            if c is not None:
                rows.append(r)
                cols.append(c)
                vals.append(scale)
    return csr_matrix((vals, (rows, cols)), shape=(len(sets), len(index)))


def _fit(sets: list[set[str]], y: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

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
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
        model.fit(x, y[:, h])
        weights[:, h] = model.coef_[0]
        bias[h] = model.intercept_[0]
    return vocabulary, weights, bias


def _threshold(p: np.ndarray, positive: np.ndarray, benign: np.ndarray, audience: str) -> float:
    for t in np.arange(0.30, 0.99, 0.01):
        flagged = p >= t
        if not flagged.any():
            break
        precision = (flagged & positive).sum() / flagged.sum()
        benign_rate = (flagged & benign).sum() / max(benign.sum(), 1)
        if precision >= MIN_PRECISION[audience] and benign_rate <= MAX_BENIGN_FLAGGED[audience]:
            return float(round(t, 2))
    return 0.99


def main() -> None:
    cases = [c for c in examples() if c.split == "train"]
    sets = [features(c.text) for c in cases]
    y = _targets([c.labels for c in cases])
    audiences = np.array([c.audience for c in cases])
    benign = np.array([not c.labels for c in cases])

    # Out-of-fold probabilities for calibrating thresholds.
    folds = 5
    fold_of = np.arange(len(cases)) % folds
    oof = np.zeros((len(cases), len(HEADS)))
    for k in range(folds):
        train = [s for s, f in zip(sets, fold_of, strict=True) if f != k]
        vocabulary, weights, bias = _fit(train, y[fold_of != k])
        model = ScreeningModel(vocabulary, weights, bias, {g: {"adult": 1, "youth": 1} for g in GROUPS})
        for i in np.flatnonzero(fold_of == k):
            oof[i] = list(model.scores(cases[i].text).groups.values()) + [0.0] * (len(HEADS) - len(GROUPS))

    thresholds: dict[str, dict[str, float]] = {}
    for g_index, group in enumerate(GROUPS):
        thresholds[group] = {}
        for audience in ("adult", "youth"):
            mask = audiences == audience
            thresholds[group][audience] = _threshold(
                oof[mask, g_index], y[mask, g_index] == 1, benign[mask], audience
            )
    vocabulary, weights, bias = _fit(sets, y)
    # Keep only features that move some head: the artefact stays small.
    keep = np.abs(weights).max(axis=1) >= 1e-3
    vocabulary = [f for f, k in zip(vocabulary, keep, strict=True) if k]
    model = ScreeningModel(vocabulary, weights[keep], bias, thresholds)
    model.save(ARTEFACT)
    sys.stdout.write(f"{len(cases)} training messages, {len(vocabulary)} features\n")
    for group, by_audience in thresholds.items():
        sys.stdout.write(f"  {group:14} adult {by_audience['adult']:.2f}  youth {by_audience['youth']:.2f}\n")
    sys.stdout.write(f"wrote {ARTEFACT} ({ARTEFACT.stat().st_size:,} bytes)\n")


if __name__ == "__main__":
    main()
