"""The fast paths of screening (QUALITY.md B7) give exactly what their plain definitions give.

Screening runs some searches through RE2 and some arithmetic without per-call library overhead, for
speed; the plain Python definitions stay in the code as the reference. These tests hold the two
together on every labelled and written message (never the blind set) and on generated text full of
the characters the tricks use, so a change to a pattern or a table that is not made to both fails
here rather than changing verdicts unnoticed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from moderation.screening import normalise
from moderation.screening.text import normalise as fold

HERE = Path(__file__).parent
CORPORA = sorted(HERE.glob("corpus*.jsonl")) + sorted((HERE / "written").glob("*.jsonl"))


def _corpus_texts() -> list[str]:
    texts = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


@pytest.fixture(scope="module")
def folded_texts() -> list[str]:
    """Every corpus message folded as the rules read it, and generated strings of letters, digits,
    look-alike symbols and separators (leetspeak, stretched and spelled-out words)."""
    rng = random.Random(12)
    alphabet = "abdeiklostu0134578@$!|+ ._-*',?\n"
    generated = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40))) for _ in range(20_000)]
    return [fold(text).text for text in _corpus_texts()] + generated


def test_corpora_are_there() -> None:
    assert len(CORPORA) >= 4 and len(_corpus_texts()) > 3000


def test_obfuscation_search_agrees_with_its_definition(folded_texts: list[str]) -> None:
    for text in folded_texts:
        expected = [(*m.span(), bool(m.group(1))) for m in normalise._OBFUSCATED.finditer(text)]
        assert normalise._obfuscations(text) == expected, text


def test_rewrite_check_agrees_with_its_definition(folded_texts: list[str]) -> None:
    seen = set()
    for text in folded_texts:
        expected = bool(normalise._OBFUSCATED.search(text) or normalise._LOOKALIKE_NUMBER.search(text))
        assert normalise._needs_rewrite(text) == expected, text
        seen.add(expected)
    assert seen == {True, False}


def test_unfolded_text_takes_the_definition() -> None:
    # Text that is not ASCII has not been folded: the Python definition reads it.
    assert normalise._obfuscations("d1e caf\u00e9") == [(0, 3, False)]
    assert normalise._needs_rewrite("caf\u00e9 h8")
