"""The screening classifier: a linear model per category group, beside the rules (issue #12).

The rules are precise but only catch the phrasings someone wrote them for; the classifier, trained
on labelled messages (``train.py``, ``make train-screening``), adds recall on language nobody here
wrote. It is applied directly, with no library call per message: a message's features (its words,
word pairs and character 4-grams, read through ``normalise.model_text``) are looked up in the
artefact's vocabulary and each head's score is a sum of weights, scaled by the number of features,
through a sigmoid. The artefact (``model/screening.npz``) is loaded once per process.

Heads: one per group (the decision, with a threshold per audience calibrated on out-of-fold
predictions) and one per label (which category a group match is reported as).
"""

from __future__ import annotations

import itertools
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .normalise import model_text

ARTEFACT = Path(__file__).parent / "model" / "screening.npz"

GROUPS: dict[str, tuple[str, ...]] = {
    "risk_to_life": ("self_harm", "friend_concern"),
    "harm": ("abuse_disclosure", "grooming", "child_to_parent_violence"),
    "tracing": ("birth_family_contact",),
    "harassment": ("harassment",),
    "identity": ("identity_exposure",),
}
LABELS: tuple[str, ...] = tuple(label for labels in GROUPS.values() for label in labels)
HEADS: tuple[str, ...] = (*GROUPS, *LABELS)

_WORD_FEATURES: dict[str, tuple[str, ...]] = {}
_WORD_CACHE_LIMIT = 100_000


def _word_features(word: str) -> tuple[str, ...]:
    """A word and its character 4-grams (padded with spaces), cached: most words recur, and a
    cached string keeps its hash, so the look-ups cost little."""
    found = _WORD_FEATURES.get(word)
    if found is None:
        padded = f" {word} "
        found = (word, *(padded[i : i + 4] for i in range(max(1, len(padded) - 3))))
        if len(_WORD_FEATURES) >= _WORD_CACHE_LIMIT:
            _WORD_FEATURES.clear()  # bounded: a flood of new words cannot grow it for ever
        _WORD_FEATURES[word] = found
    return found


def features(text: str) -> set[str]:
    """Words, word pairs and each word's character 4-grams, of the message as the classifier reads it."""
    words = model_text(text).split()
    found: set[str] = set()
    for word in words:
        found.update(_word_features(word))
    found.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return found


@dataclass(frozen=True)
class Scores:
    groups: dict[str, float]
    labels: dict[str, float]


class ScreeningModel:
    def __init__(
        self,
        vocabulary: list[str],
        weights: np.ndarray,
        bias: np.ndarray,
        thresholds: dict[str, dict[str, float]],
    ) -> None:
        if weights.shape != (len(vocabulary), len(HEADS)) or bias.shape != (len(HEADS),):
            raise ValueError("screening model artefact does not match its heads")
        self._index = {feature: i for i, feature in enumerate(vocabulary)}
        self._weights = weights.astype(np.float64)
        self._bias = bias.astype(np.float64)
        self.thresholds = thresholds  # group -> audience -> threshold
        self._words: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}

    def _word(self, word: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        entry = self._words.get(word)
        if entry is None:
            found = _word_features(word)
            get = self._index.get
            entry = (found, tuple(i for i in map(get, found) if i is not None))
            if len(self._words) >= _WORD_CACHE_LIMIT:
                self._words.clear()  # bounded: a flood of new words cannot grow it for ever
            self._words[word] = entry
        return entry

    def scores(self, text: str) -> Scores:
        """``features(text)`` looked up in the vocabulary, with each word's features and rows cached
        (the same sum: a feature is one row, so the union of the words' rows is the rows present)."""
        words = model_text(text).split()
        found: set[str] = set()
        rows: set[int] = set()
        for word in set(words):
            strings, indices = self._word(word)
            found.update(strings)
            rows.update(indices)
        get = self._index.get
        for pair in {f"{a} {b}" for a, b in itertools.pairwise(words)}:
            found.add(pair)
            row = get(pair)
            if row is not None:
                rows.add(row)
        z = self._bias.copy()
        if rows:
            picked = np.fromiter(rows, dtype=np.intp, count=len(rows))
            z += self._weights[picked].sum(axis=0) / math.sqrt(len(found))
        p = 1.0 / (1.0 + np.exp(-z))
        values = dict(zip(HEADS, p.tolist(), strict=True))
        return Scores({g: values[g] for g in GROUPS}, {label: values[label] for label in LABELS})

    def save(self, path: Path = ARTEFACT) -> None:
        vocabulary = sorted(self._index, key=self._index.__getitem__)
        groups = list(GROUPS)
        np.savez_compressed(
            path,
            vocabulary=np.array("\n".join(vocabulary)),
            weights=self._weights.astype(np.float32),
            bias=self._bias,
            heads=np.array("\n".join(HEADS)),
            thresholds=np.array([[self.thresholds[g][a] for a in ("adult", "youth")] for g in groups]),
        )


def load_artefact(path: Path = ARTEFACT) -> ScreeningModel:
    with np.load(path, allow_pickle=False) as data:
        if str(data["heads"]).split("\n") != list(HEADS):
            raise ValueError("screening model artefact was trained for other heads: run make train-screening")
        vocabulary = str(data["vocabulary"]).split("\n")
        thresholds = {
            g: {"adult": float(row[0]), "youth": float(row[1])}
            for g, row in zip(GROUPS, data["thresholds"], strict=True)
        }
        return ScreeningModel(vocabulary, data["weights"], data["bias"], thresholds)


_lock = threading.Lock()
_loaded: ScreeningModel | None = None


def load() -> ScreeningModel:
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = load_artefact()
    return _loaded
