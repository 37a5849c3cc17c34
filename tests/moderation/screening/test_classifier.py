"""The fast path through alt-profanity-check's model gives the library's own probabilities."""

from __future__ import annotations

import json
from pathlib import Path

from moderation.screening import classifier

HERE = Path(__file__).parent

EXTRA = [
    "",
    "!!! ???",
    "the and of to",  # stop words only: an empty vector
    "FUCK fuck Fuck off you twat",
    "ünïcödé wörds and émojis 😀",
    "a" * 3000,
    "you you you idiot idiot idiot idiot",
]


def test_fast_path_equals_predict_prob_on_the_corpus() -> None:
    from profanity_check import predict_prob

    texts = [
        json.loads(line)["text"]
        for name in ("corpus.jsonl", "corpus_holdout.jsonl")
        for line in (HERE / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ] + EXTRA
    model = classifier.load()
    expected = predict_prob(texts)
    worst = max(abs(model.probability(text) - float(p)) for text, p in zip(texts, expected, strict=True))
    assert worst < 1e-9


def test_the_model_is_loaded_once() -> None:
    assert classifier.load() is classifier.load()
