"""The classifier's reading of a message (normalise.py): leetspeak, stretched letters, words spelled
out letter by letter, numbers with look-alike letters, and every chat abbreviation in slang.tsv."""

from __future__ import annotations

import pytest

from moderation.screening.normalise import load_slang, model_text

SLANG = load_slang()


@pytest.mark.parametrize(("written", "meaning"), sorted(SLANG.items()))
def test_every_slang_entry_reads_as_its_meaning(written: str, meaning: str) -> None:
    # In a sentence and upper-cased, as people write it.
    assert f"honestly {meaning} now" == model_text(f"honestly {written.upper()} now")


def test_slang_is_only_whole_words() -> None:
    assert model_text("skms and rnb") == "skms and rnb"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("I want to d1e", "i want to die"),
        ("su1c1d3", "suicide"),
        ("h@te", "hate"),
        ("k!ll myself", "kill myself"),
        ("sooooo tired", "soo tired"),
        ("s u i c i d e", "suicide"),
        ("k.i.l.l myself", "kill myself"),
        ("ring 0770090O774", "ring 07700900774"),
        ("Ｋｉｌｌ", "kill"),
        ("my 3 kids are 7 and 9", "my 3 kids are 7 and 9"),
    ],
)
def test_tricks_are_undone(text: str, read: str) -> None:
    assert model_text(text) == read
