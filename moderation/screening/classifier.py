"""alt-profanity-check's trained model, applied directly to one message at a time.

The library's ``predict_prob`` costs about 2.6 ms per single message, most of it scikit-learn's
per-call overhead in ``CalibratedClassifierCV`` (input validation, sparse matrices, five calibrated
classifiers called one by one). Screening has a budget of 1 ms for everything (QUALITY.md B7), so
this module loads the library's own fitted vectorizer and model once and evaluates the same
arithmetic in plain Python:

- the vectorizer is a ``TfidfVectorizer`` (lower-case, token pattern ``(?u)\\b\\w\\w+\\b``, English stop
  words, unigrams, l2 norm): a token's weight is count x idf, divided by the vector's length;
- the model is a ``CalibratedClassifierCV`` with sigmoid calibration over ``LinearSVC``s; for a binary
  task each calibrated classifier gives ``expit(-(a * decision + b))`` for the positive class, and
  the model's probability is the mean of these.

So for each vocabulary word we precompute idf x coef for every fold, and a message costs a
tokenisation, a few dictionary look-ups and one small matrix product.
``tests/moderation/screening/test_classifier.py`` checks the result equals the library's
``predict_prob`` (to 1e-9) on the whole corpus.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import math
import os
import re
import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


class ProfanityModel:
    """The library's model as plain numbers: ``probability(text)`` equals ``predict_prob([text])[0]``."""

    def __init__(
        self,
        token_pattern: str,
        index: dict[str, int],
        idf: np.ndarray,
        weighted: np.ndarray,
        intercepts: np.ndarray,
        a: np.ndarray,
        b: np.ndarray,
        mean_coefficient: dict[str, float],
    ) -> None:
        self.token_pattern = token_pattern
        self._token = re.compile(token_pattern)
        self._index = index  # word -> column of the fitted arrays
        self._idf = idf
        # idf x coefficient, one column per fold: a message's decision values are then one small
        # matrix product over the words it contains.
        self._weighted = weighted
        self._intercepts = intercepts
        # Each fold's sigmoid calibration: p = expit(-(a * decision + b)).
        self._a = a
        self._b = b
        # The model's average weight for each word (used to pick its strongest words).
        self.mean_coefficient = mean_coefficient
        # Each fold's intercept and calibration as plain floats, for ``probability``.
        self._folds = list(zip(intercepts.tolist(), a.tolist(), b.tolist(), strict=True))
        self._no_words = [0.0] * len(self._folds)

    @classmethod
    def from_library(cls, vectorizer: Any, model: Any) -> ProfanityModel:
        """The numbers of the library's fitted vectorizer and calibrated model."""
        params = vectorizer.get_params()
        # The arithmetic below is only right for the configuration the library ships; refuse anything
        # else rather than give different probabilities without noticing.
        expected = {
            "analyzer": "word",
            "lowercase": True,
            "ngram_range": (1, 1),
            "norm": "l2",
            "use_idf": True,
            "sublinear_tf": False,
            "binary": False,
            "preprocessor": None,
            "tokenizer": None,
            "strip_accents": None,
        }
        wrong = {k: params[k] for k, v in expected.items() if params.get(k) != v}
        if wrong or getattr(model, "method", None) != "sigmoid" or list(model.classes_) != [0, 1]:
            raise ValueError(f"unexpected profanity model configuration: {wrong or model}")
        stop_words = vectorizer.get_stop_words() or frozenset()
        folds = model.calibrated_classifiers_
        vocabulary = {word: i for word, i in vectorizer.vocabulary_.items() if word not in stop_words}
        idf = np.asarray(vectorizer.idf_, dtype=np.float64)
        mean = np.mean([f.estimator.coef_[0] for f in folds], axis=0)
        return cls(
            params["token_pattern"],
            vocabulary,
            idf,
            np.stack([idf * f.estimator.coef_[0] for f in folds], axis=1),
            np.array([f.estimator.intercept_[0] for f in folds], dtype=np.float64),
            np.array([f.calibrators[0].a_ for f in folds], dtype=np.float64),
            np.array([f.calibrators[0].b_ for f in folds], dtype=np.float64),
            {word: float(mean[i]) for word, i in vocabulary.items()},
        )

    def save(self, path: Path) -> None:
        """The numbers as an uncompressed ``.npz`` (no pickles), written whole or not at all."""
        words = list(self._index)
        arrays: dict[str, Any] = {
            "format": np.array(_CACHE_FORMAT),
            "token_pattern": np.array(self.token_pattern),
            "words": np.array("\n".join(words)),
            "columns": np.array([self._index[w] for w in words], dtype=np.int64),
            "mean": np.array([self.mean_coefficient[w] for w in words], dtype=np.float64),
            "idf": self._idf,
            "weighted": self._weighted,
            "intercepts": self._intercepts,
            "a": self._a,
            "b": self._b,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        with partial.open("wb") as out:
            np.savez(out, **arrays)
        os.replace(partial, path)

    @classmethod
    def read(cls, path: Path) -> ProfanityModel:
        with np.load(path, allow_pickle=False) as data:
            if int(data["format"]) != _CACHE_FORMAT:
                raise ValueError("another cache format")
            words = str(data["words"]).split("\n")
            columns = data["columns"].tolist()
            mean = data["mean"].tolist()
            return cls(
                str(data["token_pattern"]),
                dict(zip(words, columns, strict=True)),
                data["idf"],
                data["weighted"],
                data["intercepts"],
                data["a"],
                data["b"],
                dict(zip(words, mean, strict=True)),
            )

    def probability(self, text: str) -> float:
        """``predict_prob([text])[0]``: numpy for the sums over the message's words, plain Python
        for the five folds' calibration (numpy's per-call overhead costs more than the arithmetic
        on five numbers)."""
        counts: dict[int, int] = {}
        index = self._index
        for token in self._tokens(text):
            column = index.get(token)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if counts:
            columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            times = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            tfidf = times * self._idf[columns]
            length = math.sqrt(float(tfidf @ tfidf))
            decisions = ((times @ self._weighted[columns]) / length).tolist()
        else:
            decisions = self._no_words  # an empty vector: each fold's decision is its intercept
        total = 0.0
        for decision, (intercept, a, b) in zip(decisions, self._folds, strict=True):
            # expit(-(a * decision + b)); a large exponent (never seen) is a probability of 0.
            exponent = a * (decision + intercept) + b
            total += 0.0 if exponent > 700 else 1.0 / (1.0 + math.exp(exponent))
        return total / len(self._folds)

    def _tokens(self, text: str) -> list[str]:
        """``self._token.findall(text.lower())``. For ASCII text and the library's pattern (words of
        two or more word characters) the words are the runs of letters, digits and "_" with every
        other character read as a space: a third quicker than the regex."""
        lowered = text.lower()
        if self.token_pattern != _LIBRARY_TOKENS or not lowered.isascii():
            return self._token.findall(lowered)
        return [word for word in lowered.translate(_NOT_WORD).split() if len(word) > 1]

    def probability_numpy(self, text: str) -> float:
        """The arithmetic with numpy arrays (the first fast path; kept as a reference for the tests)."""
        counts: dict[int, int] = {}
        index = self._index
        for token in self._token.findall(text.lower()):
            column = index.get(token)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if counts:
            columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            times = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            tfidf = times * self._idf[columns]
            length = math.sqrt(float(tfidf @ tfidf))
            decisions = (times @ self._weighted[columns]) / length + self._intercepts
        else:
            decisions = self._intercepts  # an empty vector: each fold's decision is its intercept
        return float(np.mean(_expit(-(self._a * decisions + self._b))))


_LIBRARY_TOKENS = r"(?u)\b\w\w+\b"
# Every ASCII character that is not a word character (``\w``: letters, digits, "_").
_NOT_WORD = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")})


def _expit(x: np.ndarray) -> np.ndarray:
    """The logistic function, as scipy's ``expit`` (numpy only: importing scipy.special costs more
    than a server's whole start should)."""
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


_lock = threading.Lock()
_loaded: ProfanityModel | None = None


def load() -> ProfanityModel:
    """The model, loaded once per process, at start-up (``Screener.warm``: a server answers nothing
    before screening is ready), from the cached numbers when this machine has them (``_load``)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = _load()
    return _loaded


def _load() -> ProfanityModel:
    """From this machine's cache of the library's numbers when there is one for exactly these model
    files; otherwise from the library (importing scikit-learn, the slow part of a server's start),
    then cached for the next start. A cache that cannot be read or written is only a slower start."""
    # Found, not imported: importing profanity_check imports scikit-learn.
    spec = importlib.util.find_spec("profanity_check")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("alt-profanity-check is not installed")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    files = [data / "vectorizer.joblib", data / "model.joblib"]
    cached = _cache_path(files)
    if cached is not None and cached.exists():
        try:
            return ProfanityModel.read(cached)
        except Exception as exc:  # a damaged or foreign file: rebuild it from the library
            log.warning("profanity model cache unreadable (%s); loading the library's", type(exc).__name__)
    model = _from_library(files)
    if cached is not None:
        try:
            model.save(cached)
        except OSError as exc:
            log.info("profanity model cache not written (%s)", type(exc).__name__)
    return model


# Bumped whenever what ``save`` writes changes, so an old cache is never read as a new one.
_CACHE_FORMAT = 1


def _cache_path(files: list[Path]) -> Path | None:
    """``$XDG_CACHE_HOME/kinship-community/profanity-<digest>.npz``, the digest of the library's two
    model files (and the cache format): another release of the library is another file."""
    try:
        digest = hashlib.sha256(str(_CACHE_FORMAT).encode())
        for file in files:
            digest.update(file.read_bytes())
    except OSError:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kinship-community" / f"profanity-{digest.hexdigest()[:24]}.npz"


def _from_library(files: list[Path]) -> ProfanityModel:
    import joblib
    from sklearn.exceptions import InconsistentVersionWarning

    with warnings.catch_warnings():
        # The library pickled its model with whichever scikit-learn it was built with. When ours
        # differs, unpickling warns that estimator behaviour may have changed. We never call the
        # estimators: we read only their fitted arrays (vocabulary, idf, coefficients, intercepts,
        # sigmoid a and b), whose meaning has not changed across releases, and the tests compare our
        # probabilities with the library's own on every run. So this one warning is expected and
        # silenced here, and nothing else is.
        warnings.simplefilter("ignore", InconsistentVersionWarning)
        vectorizer = joblib.load(files[0])
        model = joblib.load(files[1])
    return ProfanityModel.from_library(vectorizer, model)
