"""The fast path through alt-profanity-check's model gives the library's own probabilities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def test_a_restart_reads_the_cached_numbers_and_gives_the_same_probabilities(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """The first load from the library caches its numbers (keyed by the library's model files); the
    next start reads them without scikit-learn and screens exactly alike."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = classifier._load()
    (cached,) = (tmp_path / "kinship-community").glob("profanity-*.npz")
    again = classifier.ProfanityModel.read(cached)
    assert again.mean_coefficient == fresh.mean_coefficient and again.token_pattern == fresh.token_pattern
    for text in [*EXTRA, "you absolute idiot", "have a lovely day"]:
        assert again.probability(text) == fresh.probability(text)
    # A damaged cache is only a slower start: the library's numbers, and a good cache again.
    cached.write_bytes(b"not a model")
    assert classifier._load().probability("you absolute idiot") == fresh.probability("you absolute idiot")
    assert classifier.ProfanityModel.read(cached).mean_coefficient == fresh.mean_coefficient
