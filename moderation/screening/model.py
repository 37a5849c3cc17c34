"""The screening classifier: a linear model per category group, beside the rules (issue #12).

The rules are precise but only catch the phrasings someone wrote them for; the classifier, trained
on labelled messages (``train.py``, ``make train-screening``), adds recall on language nobody here
wrote. It is applied directly, with no library call per message: a message's features (its words,
word pairs and character 4-grams, read through ``normalise.model_text``, and each word and pair again
as said in the message's audience) are looked up in the artefact's vocabulary and each head's score is
a sum of weights, scaled by the number of features, through a sigmoid. The artefact
(``model/screening.npz``) is loaded once per process.

Heads: one per group (the decision, with a threshold per audience calibrated on out-of-fold
predictions) and one per label (which category a group match is reported as).
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np

from .normalise import model_text, model_words

ARTEFACT = Path(__file__).parent / "model" / "screening.npz"
# Read once per process at start-up (``engine.Screener.warm``): every n-th message of the training
# split, written by ``make train-screening`` beside the artefact. Without them a new process's first
# messages paid for building the rules' automata (30-50 ms for a 500-character message, over the
# screening budget) and were held.
WARM_UP = Path(__file__).parent / "model" / "warm-up.txt"

GROUPS: dict[str, tuple[str, ...]] = {
    "risk_to_life": ("self_harm", "friend_concern"),
    "harm": ("abuse_disclosure", "grooming", "child_to_parent_violence"),
    "tracing": ("birth_family_contact",),
    "harassment": ("harassment",),
    "identity": ("identity_exposure",),
}
LABELS: tuple[str, ...] = tuple(label for labels in GROUPS.values() for label in labels)
HEADS: tuple[str, ...] = (*GROUPS, *LABELS)
AUDIENCES = ("adult", "youth")

_CACHE_LIMIT = 50_000  # words and texts remembered; cleared when full, so a flood cannot grow it


def _word_features(word: str) -> tuple[str, ...]:
    """A word and its character 4-grams (padded with spaces)."""
    padded = f" {word} "
    return (word, *(padded[i : i + 4] for i in range(max(1, len(padded) - 3))))


def _in_audience(audience: str, words: str) -> str:
    """A word or word pair as said in one audience's spaces: the same words can weigh differently
    from a teenager and from a carer ("my mum hit me" is a disclosure from one, a fear from the
    other). Leaving each writer out, these copies beside the shared features raised the adults' risk
    to life and harm recall by 2-4 points at the same share of benign messages flagged (4 December
    2026). "|" is never in a word (normalise folds it to "l"), so these never meet a shared feature."""
    return f"{audience}|{words}"


def features(text: str, audience: str) -> dict[str, int]:
    """The message as the classifier reads it, as feature counts: each distinct word once, with its
    character 4-grams (a 4-gram shared by two words counts twice), each distinct word pair, and each
    word and pair again as said in ``audience``. A message's feature vector is these counts divided by
    the square root of their total."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    words = model_text(text).split()
    found: dict[str, int] = {}
    for word in dict.fromkeys(words):
        for feature in (*_word_features(word), _in_audience(audience, word)):
            found[feature] = found.get(feature, 0) + 1
    for pair in dict.fromkeys(f"{a} {b}" for a, b in itertools.pairwise(words)):
        for feature in (pair, _in_audience(audience, pair)):
            found[feature] = found.get(feature, 0) + 1
    return found


@dataclass(frozen=True)
class Scores:
    groups: dict[str, float]
    labels: dict[str, float]


def _scores(p: tuple[float, ...]) -> Scores:
    """The heads' probabilities, in ``HEADS`` order, as named scores."""
    n = len(GROUPS)
    return Scores(dict(zip(GROUPS, p[:n], strict=True)), dict(zip(LABELS, p[n:], strict=True)))


class ScreeningModel:
    """Applied directly: each distinct word's weight sum (over the word, its 4-grams and the word as
    said in the audience) is computed once per audience and cached, so a message costs a dictionary
    look-up per word and per word pair, and one sum of small vectors. Scores are also cached per
    audience and text (a repeated message is not scored twice)."""

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
        # The word-pair features again, per audience, keyed by their two words: a message's pairs
        # are looked up as tuples, without joining each into a string first (words have no spaces,
        # so the feature "a b" is the pair ("a", "b"); 4-grams have their spaces only at an end).
        # A pair's row is the sum of its shared weights and its weights in the audience ("a b" and
        # "youth|a b"), so a pair costs one look-up and one row, not two.
        rows_of: dict[str, dict[tuple[str, ...], list[int]]] = {a: {} for a in ("", *AUDIENCES)}
        for feature, i in self._index.items():
            audience, _, words = feature.rpartition("|")
            if words.count(" ") == 1 and words[0] != " " and words[-1] != " ":
                rows_of[audience][tuple(words.split(" "))] = [i]
        self._pairs: dict[str, dict[tuple[str, ...], int]] = {}
        self._pair_weights: dict[str, np.ndarray] = {}
        for audience in AUDIENCES:
            merged = dict(rows_of[""])
            for pair, rows in rows_of[audience].items():
                merged[pair] = merged.get(pair, []) + rows
            self._pairs[audience] = {pair: n for n, pair in enumerate(merged)}
            sums = np.zeros((len(merged), len(HEADS)))
            for n, rows in enumerate(merged.values()):
                sums[n] = self._weights[rows].sum(axis=0)
            self._pair_weights[audience] = sums
        self.thresholds = thresholds  # group -> audience -> threshold
        # Each word seen in an audience gets a slot: a row of its weight sum (the word, its 4-grams
        # and the word as said in the audience) with its feature count in the last column, so that
        # one sum over a message's slots gives both. The words the model has a feature for get
        # theirs now, for good; any other word when a message first brings it, in a table of
        # ``_CACHE_LIMIT`` slots that is emptied when full.
        known = {
            audience: sorted(
                {f for f in self._index if " " not in f and "|" not in f}
                | {f.partition("|")[2] for f in self._index if f.startswith(f"{audience}|") and " " not in f}
            )
            for audience in AUDIENCES
        }
        self._known_count = sum(len(spoken) for spoken in known.values())
        self._word_sums = np.zeros((self._known_count + _CACHE_LIMIT, len(HEADS) + 1))
        self._used = 0
        self._known: dict[str, dict[str, int]] = {a: {} for a in AUDIENCES}
        for audience, spoken in known.items():
            self._add_words(spoken, audience, self._known[audience])
        self._slots = {a: dict(self._known[a]) for a in AUDIENCES}
        # One thread uses the table at a time: two threads giving out ``self._used`` at once would
        # give two words one slot, and one reading its message's rows while another empties and
        # refills the table would sum other words' weights.
        self._table_lock = threading.Lock()
        # The heads' probabilities by audience and text, as tuples of floats: the garbage collector
        # stops following a tuple of floats, where 50,000 cached ``Scores`` made every full
        # collection walk them all (5 ms with 20,000 of them, B7's first new-text pass).
        self._texts: dict[tuple[str, str], tuple[float, ...]] = {}

    @property
    def vocabulary(self) -> list[str]:
        return sorted(self._index, key=self._index.__getitem__)

    def _word_sum(self, words: dict[str, None], audience: str) -> np.ndarray:
        """The sum of the slots of ``words`` said in ``audience``, giving each new word one. When
        the table would overflow it is emptied first, never part-way through a message (a slot
        handed out earlier for this message would otherwise be given to another word)."""
        with self._table_lock:
            slots = self._slots[audience]
            known = list(map(slots.get, words))
            if None in known:
                if self._used + len(words) > len(self._word_sums):
                    self._slots = {a: dict(self._known[a]) for a in AUDIENCES}
                    self._used = self._known_count
                    slots = self._slots[audience]
                    known = list(map(slots.get, words))
                new = [word for word, slot in zip(words, known, strict=True) if slot is None]
                self._add_words(new, audience, slots)
                known = list(map(slots.get, words))
            return self._word_sums[cast("list[int]", known)].sum(axis=0)

    def _add_words(self, new: Sequence[str], audience: str, slots: dict[str, int]) -> None:
        """Give each word in ``new`` the next slot, in ``slots``: its features' weight sum and count.
        One gather and one ``reduceat`` for all of them (a numpy call per word costs more than its
        arithmetic)."""
        rows: list[int] = []
        starts: list[int] = []  # where each word's rows begin in ``rows``
        counts: list[int] = []
        first = self._used
        for n, word in enumerate(new):
            found = (*_word_features(word), _in_audience(audience, word))
            starts.append(len(rows))
            rows.extend(i for i in map(self._index.get, found) if i is not None)
            counts.append(len(found))
            slots[word] = first + n
        self._used += len(new)
        self._word_sums[first : self._used, -1] = counts
        sums = self._word_sums[first : self._used, :-1]
        sums[:] = 0.0
        # reduceat sums from each start to the next; a word with no known feature (no rows) keeps 0.
        ends = [*starts[1:], len(rows)]
        with_rows = [k for k in range(len(new)) if starts[k] < ends[k]]
        if with_rows:
            sums[with_rows] = np.add.reduceat(self._weights[rows], [starts[k] for k in with_rows], axis=0)

    def scores(self, text: str, audience: str, *, folded: bool = False) -> Scores:
        """The heads' probabilities for ``features(text, audience)``: the same sum train.py fits.
        ``folded`` says ``text`` has been through ``text.normalise`` already (the engine's text has)."""
        cached = self._texts.get((audience, text))
        if cached is not None:
            return _scores(cached)
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}")
        words = model_words(text, folded=folded)
        pairs = set(itertools.pairwise(words))
        # In row order, not the set's: the set's order follows the strings' hashes, which change from
        # one process to the next, and a sum of full-precision weights (the models the report fits
        # leaving a writer out) then differs in its last bit: enough to move a message sitting on a
        # threshold, so the report's figures could differ between two runs of the same code.
        rows = sorted(i for i in map(self._pairs[audience].get, pairs) if i is not None)
        z = self._bias
        if words:
            summed = self._word_sum(dict.fromkeys(words), audience)
            # Each distinct word's features, and each distinct pair, shared and as said in the audience.
            total = summed[-1] + 2 * len(pairs)
            if rows:
                z = z + (summed[:-1] + self._pair_weights[audience][rows].sum(axis=0)) / math.sqrt(total)
            else:
                z = z + summed[:-1] / math.sqrt(total)
        p = tuple((1.0 / (1.0 + np.exp(-z))).tolist())
        if len(self._texts) >= _CACHE_LIMIT:
            self._texts.clear()
        self._texts[(audience, text)] = p
        return _scores(p)

    def save(self, path: Path = ARTEFACT, *, training_hash: str = "") -> None:
        vocabulary = self.vocabulary
        groups = list(GROUPS)
        np.savez_compressed(
            path,
            vocabulary=np.array("\n".join(vocabulary)),
            # Half precision keeps the artefact small; a score moves by under 0.001 (measured on the
            # labelled messages when it was chosen, 4 December 2026).
            weights=self._weights.astype(np.float16),
            bias=self._bias,
            heads=np.array("\n".join(HEADS)),
            thresholds=np.array([[self.thresholds[g][a] for a in ("adult", "youth")] for g in groups]),
            training_hash=np.array(training_hash),
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
