"""Fit the second reader (``reader.py``) and write ``model/second-reader.npz``: part of
``make train-screening``.

The pretrained encoder's first four layers are kept as they are; its last two and a head (each
group the reader reads and each of its categories, ``reader.OUTPUTS``, a sigmoid each over the mean
of the last layer's vectors) are trained on the training split, three passes, with a fixed seed and
order. The first four layers' output for every message is computed once and reused (they do not
change), which makes each fit a few minutes on two cores.

The thresholds, per group and audience, are set on out-of-fold scores: the source files (one
writer's voices each) are dealt into five folds, and each fold's messages are scored by a reader
fitted on the other four and by the linear model fitted without their file (``train.out_of_fold``).
The decision score is the mean of the two models' log-odds (``reader.combined``).

torch is needed here only (``make train-screening`` installs it); screening reads the artefact
with numpy.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence

import numpy as np

from .dataset import Example, examples
from .model import GROUPS, HEADS, features
from .reader import (
    ARTEFACT,
    FOLD_SCORES,
    LAYERS,
    MAX_PIECES,
    OUTPUTS,
    READ_GROUPS,
    TRAINED_LAYERS,
    WIDTH,
    WordPieces,
    base_files,
    case_key,
    combined,
    layer_names,
)
from .train import _targets, out_of_fold, threshold

SEED = 12
EPOCHS = 3
BATCH = 32
LEARNING_RATE = {"layers": 5e-5, "head": 1e-3}
FOLDS = 5
# What the second reader may cost, as a share of each audience's benign messages its combined score
# reaches on writers it never read. Most of those are held by the screen already (the linear model
# is half of the combined score); what is left is what a moderator is asked to look at after the
# fact. A harm finding also hides the message (learned.py holds it), which its author sees, so harm
# gets half the budget of risk to life, where a finding only asks a moderator to look and sends the
# author signposts. Measured in the report (``make screening-report``, "second reading").
MAX_BENIGN_FLAGGED = {
    "risk_to_life": {"adult": 0.02, "youth": 0.04},
    "harm": {"adult": 0.01, "youth": 0.02},
}


def _torch():  # type: ignore[no-untyped-def]
    try:
        import torch
    except ImportError:
        sys.exit("reader_train: torch is not installed (make train-screening installs it)")
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    return torch


def _targets_of(cases: Sequence[Example]) -> np.ndarray:
    """Per case, one column per output (``OUTPUTS``): each group (any of its labels) and each label."""
    out = np.zeros((len(cases), len(OUTPUTS)), dtype=np.float32)
    for row, case in enumerate(cases):
        for group, labels in READ_GROUPS.items():
            out[row, OUTPUTS.index(group)] = bool(case.labels & set(labels))
            for label in labels:
                out[row, OUTPUTS.index(label)] = label in case.labels
    return out


class Encoder:
    """The encoder in torch, from the package's weights: ``frozen`` runs the first layers once per
    message; ``Trainable`` holds the rest."""

    def __init__(self, torch, base: dict[str, np.ndarray]) -> None:  # type: ignore[no-untyped-def]
        self.torch = torch
        self.base = {name: torch.from_numpy(value) for name, value in base.items()}

    def frozen(self, windows: list[list[int]]) -> list:
        """Each message's output of the first layers (pieces x width), computed in batches of
        messages of similar length (a batch pads to its longest)."""
        torch, b = self.torch, self.base
        first = [
            {k: (b[w], b[v]) for k, (w, v) in layer_names(i).items()} for i in range(LAYERS - TRAINED_LAYERS)
        ]
        out: list = [None] * len(windows)
        order = sorted(range(len(windows)), key=lambda r: len(windows[r]))
        with torch.no_grad():
            for start in range(0, len(order), 64):
                chunk = order[start : start + 64]
                n = len(windows[chunk[-1]])
                ids = torch.zeros(len(chunk), n, dtype=torch.long)
                mask = torch.zeros(len(chunk), n, dtype=torch.bool)
                for row, r in enumerate(chunk):
                    ids[row, : len(windows[r])] = torch.tensor(windows[r])
                    mask[row, : len(windows[r])] = True
                x = (
                    b["embeddings.word_embeddings.weight"][ids]
                    + b["embeddings.position_embeddings.weight"][:n]
                    + b["embeddings.token_type_embeddings.weight"][0]
                )
                x = torch.nn.functional.layer_norm(
                    x, (WIDTH,), b["embeddings.LayerNorm.weight"], b["embeddings.LayerNorm.bias"], 1e-12
                )
                for parts in first:
                    x = layer_forward(torch, parts, x, mask)
                for row, r in enumerate(chunk):
                    out[r] = x[row, : len(windows[r])].clone()
        return out


def layer_forward(torch, parts, x, mask):  # type: ignore[no-untyped-def]
    """One encoder layer over a batch ``x`` (batch, pieces, width); ``mask`` is True on real pieces."""
    f = torch.nn.functional
    batch, n, _ = x.shape
    size = WIDTH // 12

    def heads(t):  # type: ignore[no-untyped-def]
        return t.view(batch, n, 12, size).transpose(1, 2)

    q, k, v = (heads(f.linear(x, *parts[name])) for name in ("query", "key", "value"))
    scores = q @ k.transpose(-1, -2) / size**0.5
    scores = scores.masked_fill(~mask[:, None, None, :], float("-inf"))
    context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, n, WIDTH)
    x = f.layer_norm(
        x + f.linear(context, *parts["attention_out"]), (WIDTH,), *parts["attention_norm"], 1e-12
    )
    wide = f.gelu(f.linear(x, *parts["widen"]))
    return f.layer_norm(x + f.linear(wide, *parts["narrow"]), (WIDTH,), *parts["out_norm"], 1e-12)


def _fit(torch, encoder: Encoder, states: list, y: np.ndarray, rows: np.ndarray):  # type: ignore[no-untyped-def]
    """The last layers and head, trained on ``rows``: {name: tensor} in the package's names."""
    torch.manual_seed(SEED)
    first = LAYERS - TRAINED_LAYERS
    params = {}
    for i in range(first, LAYERS):
        for w, b in layer_names(i).values():
            params[w] = torch.nn.Parameter(encoder.base[w].clone())
            params[b] = torch.nn.Parameter(encoder.base[b].clone())
    head = torch.nn.Linear(WIDTH, len(OUTPUTS))
    optimiser = torch.optim.AdamW(
        [
            {"params": list(params.values()), "lr": LEARNING_RATE["layers"]},
            {"params": list(head.parameters()), "lr": LEARNING_RATE["head"]},
        ],
        weight_decay=0.01,
    )
    targets = torch.from_numpy(y)
    generator = np.random.default_rng(SEED)
    for _ in range(EPOCHS):
        for batch in _batches(generator, rows, [states[i].shape[0] for i in rows]):
            logits = _forward(torch, params, head, [states[i] for i in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    out = {name: p.detach() for name, p in params.items()}
    out["head.weight"], out["head.bias"] = head.weight.detach(), head.bias.detach()
    return out


def _batches(generator: np.random.Generator, rows: np.ndarray, lengths: list[int]) -> list[np.ndarray]:
    """``rows`` in batches of ``BATCH`` messages of similar length, the batches in a random order:
    shuffled, cut into runs of 50 batches, each run sorted by length (a batch pads to its longest
    message, and most messages are short)."""
    length = dict(zip(rows.tolist(), lengths, strict=True))
    order = generator.permutation(rows)
    run = 50 * BATCH
    batches = []
    for start in range(0, len(order), run):
        chunk = sorted(order[start : start + run].tolist(), key=length.__getitem__)
        batches += [np.array(chunk[i : i + BATCH]) for i in range(0, len(chunk), BATCH)]
    return [batches[i] for i in generator.permutation(len(batches))]


def _forward(torch, params, head, states):  # type: ignore[no-untyped-def]
    n = max(s.shape[0] for s in states)
    x = torch.zeros(len(states), n, WIDTH)
    mask = torch.zeros(len(states), n, dtype=torch.bool)
    for row, s in enumerate(states):
        x[row, : s.shape[0]] = s
        mask[row, : s.shape[0]] = True
    for i in range(LAYERS - TRAINED_LAYERS, LAYERS):
        parts = {k: (params[w], params[b]) for k, (w, b) in layer_names(i).items()}
        x = layer_forward(torch, parts, x, mask)
    pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
    return head(pooled)


def _predict(torch, fitted, states: list, rows: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    params = {k: v for k, v in fitted.items() if not k.startswith("head.")}
    head = torch.nn.Linear(WIDTH, len(OUTPUTS))
    with torch.no_grad():
        head.weight.copy_(fitted["head.weight"])
        head.bias.copy_(fitted["head.bias"])
        out = np.zeros((len(rows), len(OUTPUTS)), dtype=np.float32)
        # Sorted by length, so a batch pads little.
        order = sorted(range(len(rows)), key=lambda r: states[rows[r]].shape[0])
        for start in range(0, len(order), 64):
            chunk = order[start : start + 64]
            logits = _forward(torch, params, head, [states[rows[r]] for r in chunk])
            out[chunk] = torch.sigmoid(logits).numpy()
    return out


def _thresholds(cases: Sequence[Example], reader_oof: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Per group and audience, on out-of-fold scores: the lowest threshold of the combined score
    within ``MAX_BENIGN_FLAGGED`` and ``MIN_PRECISION`` (printed with the recall it gives), as
    ``{"threshold.<group>.<audience>": t}``."""
    sets = [features(c.text, c.audience) for c in cases]
    everything = np.ones(len(cases), dtype=bool)
    linear_oof = out_of_fold(cases, sets, _targets([c.labels for c in cases]), everything)[0]
    audiences = np.array([c.audience for c in cases])
    benign = np.array([not c.labels for c in cases])
    out = {}
    for group in READ_GROUPS:
        linear = linear_oof[:, list(HEADS).index(group)]
        read = reader_oof[:, OUTPUTS.index(group)]
        score = np.array([combined(float(a), float(b)) for a, b in zip(linear, read, strict=True)])
        positive = y[:, OUTPUTS.index(group)] == 1
        for audience in ("adult", "youth"):
            rows = audiences == audience
            budget = MAX_BENIGN_FLAGGED[group][audience]
            t = threshold(score[rows], positive[rows], benign[rows], budget, audience)
            out[f"threshold.{group}.{audience}"] = t
            recall = (score[rows & positive] >= t).mean()
            print(f"reader_train: {group} {audience} threshold {t}, recall {recall:.3f}", file=sys.stderr)
    return out


def folds(cases: Sequence[Example]) -> np.ndarray:
    """Each case's fold: its source file's place in the sorted list of files, modulo FOLDS."""
    sources = sorted({c.source for c in cases})
    return np.array([sources.index(c.source) % FOLDS for c in cases])


def calibrate_only() -> None:
    """``--calibrate``: the thresholds set again from the saved out-of-fold scores (after a change to
    ``MAX_BENIGN_FLAGGED``), without fitting the reader again."""
    cases = [c for c in examples() if c.split == "train"]
    with np.load(FOLD_SCORES) as saved:
        scores = dict(zip(saved["key"].tolist(), saved["reader"], strict=True))
    reader_oof = np.array([scores[case_key(c.text, c.audience)] for c in cases], dtype=np.float32)
    with np.load(ARTEFACT) as artefact:
        arrays = {name: artefact[name] for name in artefact}
    thresholds = _thresholds(cases, reader_oof, _targets_of(cases))
    arrays |= {name: np.array(t) for name, t in thresholds.items()}
    np.savez_compressed(ARTEFACT, **arrays)


def main() -> None:
    if "--calibrate" in sys.argv:
        return calibrate_only()
    torch = _torch()
    torch.set_num_threads(2)
    cases = [c for c in examples() if c.split == "train"]
    base, vocabulary = base_files()
    pieces = WordPieces(vocabulary)
    encoder = Encoder(torch, base)
    states = encoder.frozen([pieces.windows(c.text)[0] for c in cases])
    y = _targets_of(cases)
    fold = folds(cases)
    print(
        f"reader_train: {len(cases)} messages read by the first {LAYERS - TRAINED_LAYERS} layers",
        file=sys.stderr,
    )
    reader_oof = np.zeros((len(cases), len(OUTPUTS)), dtype=np.float32)
    for k in range(FOLDS):
        fitted = _fit(torch, encoder, states, y, np.flatnonzero(fold != k))
        held = np.flatnonzero(fold == k)
        reader_oof[held] = _predict(torch, fitted, states, held)
        print(f"reader_train: fold {k + 1} of {FOLDS} scored", file=sys.stderr)
    # The report screens each written file leaving its writer out; these scores, from readers that
    # never read the file, let it add the second reading there too.
    keys = np.array([case_key(c.text, c.audience) for c in cases], dtype=np.uint64)
    np.savez_compressed(FOLD_SCORES, key=keys, reader=reader_oof)
    thresholds = _thresholds(cases, reader_oof, y)
    fitted = _fit(torch, encoder, states, y, np.arange(len(cases)))
    arrays = {name: value.numpy().astype(np.float16) for name, value in fitted.items()}
    arrays |= {name: np.array(t) for name, t in thresholds.items()}
    arrays["training_hash"] = np.array(training_hash(cases))
    np.savez_compressed(ARTEFACT, **arrays)
    print(f"reader_train: wrote {ARTEFACT.name}; thresholds {json.dumps(thresholds)}", file=sys.stderr)


def training_hash(cases: Sequence[Example]) -> str:
    """What the fitted reader is a function of: the training split and these settings (its
    thresholds are set afterwards, ``_thresholds``)."""
    digest = hashlib.sha256()
    for case in cases:
        digest.update(json.dumps([case.text, case.audience, sorted(case.labels), case.source]).encode())
    settings = [
        SEED,
        EPOCHS,
        BATCH,
        LEARNING_RATE,
        FOLDS,
        MAX_PIECES,
        TRAINED_LAYERS,
        list(GROUPS),
        list(OUTPUTS),
    ]
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


if __name__ == "__main__":
    main()
