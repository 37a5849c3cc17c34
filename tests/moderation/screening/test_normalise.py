"""normalise.py: the classifier's reading of a message (leetspeak, stretched letters, words spelled
out letter by letter, numbers with look-alike letters, every chat abbreviation in slang.tsv), and the
de-obfuscated view the phrase rules also read."""

from __future__ import annotations

import pytest

from moderation.screening.normalise import load_slang, model_text, rule_view

from .conftest import Screen, categories, found

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


# ---- the rules read the de-obfuscated view too (engine.py), with spans in the author's text --------


@pytest.mark.parametrize(
    ("text", "category", "span"),
    [
        ("i want to d1e", "self_harm", "want to d1e"),
        ("k.i.l.l myself", "self_harm", "k.i.l.l myself"),
        ("i want to diiiiie", "self_harm", "want to diiiiie"),
        ("s u i c i d e", "self_harm", "s u i c i d e"),
        ("my dad h1t me last night", "abuse_disclosure", "my dad h1t me"),
        ("I wаnt to d1e", "self_harm", "wаnt to d1e"),  # a Cyrillic "а" as well
    ],
)
def test_rules_see_through_obfuscation(screen: Screen, text: str, category: str, span: str) -> None:
    result = screen(text, "youth")
    assert category in categories(result)
    assert span in found(result, category, text)
    assert result.verdict == "hold"


@pytest.mark.parametrize(
    "text", ["court date is 12/03/2025 at 10am", "he starts Year 7 in September", "my 2nd and 4th kids"]
)
def test_numbers_are_not_obfuscation(screen: Screen, text: str) -> None:
    assert screen(text, "youth").verdict == "allow"


def test_rule_view_maps_every_character_back() -> None:
    text = "k.i.l.l me, soooo d1e"
    view = rule_view(text)
    assert view is not None
    read, origin = view
    assert read == "kill me, so die"
    assert len(origin) == len(read)
    assert all(text[o] in (c, "1") for o, c in zip(origin, read, strict=True))
    assert rule_view("nothing to undo here") is None
