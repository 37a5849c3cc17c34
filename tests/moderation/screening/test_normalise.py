"""normalise.py: the classifier's reading of a message (leetspeak, stretched letters, words spelled
out letter by letter, numbers with look-alike letters, every chat abbreviation in slang.tsv), and the
de-obfuscated view the phrase rules also read."""

from __future__ import annotations

import pytest

from moderation.screening import identity
from moderation.screening import normalise as normalise_module
from moderation.screening import text as text_module
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


# ---- every entry of the folding tables, one by one (issue #12) -------------------------------------


@pytest.mark.parametrize(("char", "latin"), sorted(text_module._LOOKALIKES.items()))
def test_every_lookalike_letter_folds_to_its_latin_twin(char: str, latin: str) -> None:
    assert text_module.normalise(f"s{char}d {char.upper()}").text == f"s{latin}d {latin}"


@pytest.mark.parametrize("char", sorted(text_module._INVISIBLE))
def test_every_invisible_character_is_dropped(char: str) -> None:
    assert text_module.normalise(f"ki{char}ll").text == "kill"


@pytest.mark.parametrize(("char", "plain"), sorted(text_module._PUNCTUATION.items()))
def test_every_punctuation_twin_folds(char: str, plain: str) -> None:
    assert text_module.normalise(f"a{char}b").text == f"a{plain}b"


@pytest.mark.parametrize(("symbol", "letter"), sorted((chr(k), v) for k, v in normalise_module._LEET.items()))
def test_every_leetspeak_symbol_reads_as_its_letter(symbol: str, letter: str) -> None:
    assert model_text(f"ab{symbol}cd") == f"ab{letter}cd"


@pytest.mark.parametrize(("word", "digit"), sorted(identity._DIGIT_WORDS.items()))
def test_every_digit_word_is_read_in_a_phone_number(word: str, digit: str) -> None:
    text = f"07700 90012 {word}"
    digits, spans = identity._digits_of(text, 0, len(text))
    assert digits == "0770090012" + digit
    assert text[slice(*spans[-1])] == word


@pytest.mark.parametrize(("word", "times"), sorted(identity._REPEATS.items()))
def test_every_repeat_word_repeats_the_next_digit(word: str, times: int) -> None:
    text = f"07700 900 {word} 4"
    digits, _ = identity._digits_of(text, 0, len(text))
    assert digits == "07700900" + "4" * times


@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_a_spelled_out_number_is_identity_exposure(screen: Screen, audience: str) -> None:
    text = "ring me on oh seven seven double oh nine double oh one two three"
    assert "identity_exposure" in categories(screen(text, audience))
