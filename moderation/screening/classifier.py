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

import importlib.resources
import math
import re
import threading
import warnings
from typing import Any

import numpy as np
from scipy.special import expit


class ProfanityModel:
    """The library's model as plain numbers: ``probability(text)`` equals ``predict_prob([text])[0]``."""

    def __init__(self, vectorizer: Any, model: Any) -> None:
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
        self._token = re.compile(params["token_pattern"])
        stop_words = vectorizer.get_stop_words() or frozenset()
        folds = model.calibrated_classifiers_
        vocabulary = {word: i for word, i in vectorizer.vocabulary_.items() if word not in stop_words}
        self._index = vocabulary  # word -> column of the fitted arrays
        self._idf = np.asarray(vectorizer.idf_, dtype=np.float64)
        # idf x coefficient, one column per fold: a message's decision values are then one small
        # matrix product over the words it contains.
        self._weighted = np.stack([self._idf * f.estimator.coef_[0] for f in folds], axis=1)
        self._intercepts = np.array([f.estimator.intercept_[0] for f in folds], dtype=np.float64)
        # Each fold's sigmoid calibration: p = expit(-(a * decision + b)).
        self._a = np.array([f.calibrators[0].a_ for f in folds], dtype=np.float64)
        self._b = np.array([f.calibrators[0].b_ for f in folds], dtype=np.float64)
        mean = np.mean([f.estimator.coef_[0] for f in folds], axis=0)
        # The model's average weight for each word (used to pick its strongest words).
        self.mean_coefficient: dict[str, float] = {word: float(mean[i]) for word, i in vocabulary.items()}

    def probability(self, text: str) -> float:
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
        return float(np.mean(expit(-(self._a * decisions + self._b))))


_lock = threading.Lock()
_loaded: ProfanityModel | None = None


def load() -> ProfanityModel:
    """The model, loaded once per process (importing scikit-learn takes a couple of seconds, so the
    service calls ``Screener.warm`` at start-up rather than paying it on the first message)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = _load()
    return _loaded


def _load() -> ProfanityModel:
    import joblib
    from sklearn.exceptions import InconsistentVersionWarning

    data = importlib.resources.files("profanity_check") / "data"
    with warnings.catch_warnings():
        # The library pickled its model with whichever scikit-learn it was built with. When ours
        # differs, unpickling warns that estimator behaviour may have changed. We never call the
        # estimators: we read only their fitted arrays (vocabulary, idf, coefficients, intercepts,
        # sigmoid a and b), whose meaning has not changed across releases, and the tests compare our
        # probabilities with the library's own on every run. So this one warning is expected and
        # silenced here, and nothing else is.
        warnings.simplefilter("ignore", InconsistentVersionWarning)
        vectorizer = joblib.load(data / "vectorizer.joblib")
        model = joblib.load(data / "model.joblib")
    return ProfanityModel(vectorizer, model)
