"""A second, more aggressive reading of a message, for the screening classifier (issue #12).

``text.normalise`` folds case, accents, look-alike letters and invisible characters once for every
rule, keeping an offset map. This module goes further, for the classifier's features: it reads
digits and symbols inside words as the letters they stand for (``d1e``, ``su1c1d3``, ``k!ll``),
squashes stretched letters (``sooooo`` -> ``soo``), joins words spelled out letter by letter
(``s u i c i d e``, ``k.i.l.l``) and expands chat abbreviations and slang into their meaning
(``terms/slang.tsv``: ``kms`` -> ``kill myself``). Its output has no offset map: the classifier
judges a whole message, and its matches point at the whole message.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import re2

from .patterns import find_spans, search_span
from .text import normalise as fold

SLANG_FILE = Path(__file__).parent / "terms" / "slang.tsv"

# Inside a word that has letters, these stand for letters: "d1e", "su1c1d3", "h@te", "k!ll".
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a",
                       "$": "s", "!": "i", "|": "l", "+": "t"})  # fmt: skip
# Only words with a digit or symbol in them are looked at (most words have none).
# (Tried only where a word starts, not at every letter: the lookbehind keeps it linear.)
_LEET_WORD = re.compile(r"(?<![a-z0-9@$!|+])[a-z]*[0-9@$!|+][a-z0-9@$!|+]*")
_STRETCH = re.compile(r"([a-z])\1{2,}")
# Three or more single letters separated by one space, dot, dash or underscore: "s u i c i d e".
_SPELLED = re.compile(r"\b(?:[a-z][ ._\-*]){2,}[a-z]\b")
_TOKEN = re.compile(r"[a-z0-9]+")


def load_slang(path: Path = SLANG_FILE) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        written, meaning = line.split("\t")
        table[written.strip()] = meaning.strip()
    return table


@lru_cache(maxsize=1)
def _slang() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    table = load_slang()
    words = {written: meaning for written, meaning in table.items() if " " not in written}
    phrases = tuple((f" {w} ", f" {m} ") for w, m in table.items() if " " in w)
    return words, phrases


_DIGIT_LOOKALIKES = str.maketrans({"o": "0", "i": "1", "l": "1"})


def _unleet(found: re.Match[str]) -> str:
    return _unleet_word(found.group())


def _unleet_word(word: str) -> str:
    if not any("a" <= c <= "z" for c in word):
        return word  # a plain number ("2025") or symbol
    digits = sum(c.isdigit() for c in word)
    if digits * 2 > len(word) and len(word) >= 5:
        # Mostly digits: a number with look-alike letters in it ("0770090O774"); a short word is
        # leetspeak all the same ("d13").
        return word.translate(_DIGIT_LOOKALIKES)
    return word.translate(_LEET)


def _join(found: re.Match[str]) -> str:
    return re.sub(r"[ ._\-*]", "", found.group())


# Whether the rewrites below have anything to do: the rules' de-obfuscation pattern (below), or a
# number with a look-alike letter in it ("0770090O774"), or a word starting or ending in a digit
# or symbol ("d13", "h8", "$hit").
_LOOKALIKE_NUMBER = re.compile(r"[0-9][oil]|[oil][0-9]|\b[a-z]+[0-9@$!|+]|[0-9@$!|+][a-z]+\b")


def model_text(text: str, *, folded: bool = False) -> str:
    """The message as the classifier reads it: folded (unless ``folded`` says it is already),
    de-leeted, squashed, joined and expanded."""
    return _expanded(_model_tokens(text, folded))


def model_words(text: str, *, folded: bool = False) -> list[str]:
    """``model_text(text, folded=folded).split()``: the tokens themselves when none of them is
    slang or starts a slang phrase (half of B7's messages), without joining them and splitting
    them again."""
    tokens = _model_tokens(text, folded)
    if _slang_starts().isdisjoint(tokens):
        return tokens
    return _expanded(tokens).split()


@lru_cache(maxsize=1)
def _slang_starts() -> frozenset[str]:
    """The tokens ``_expanded`` may change anything at: slang words, and each slang phrase's first
    word (a phrase matches at whole words, so a message without its first word has none of it)."""
    words, phrases = _slang()
    return frozenset(words) | frozenset(phrase.split()[0] for phrase, _ in phrases if phrase.split())


def _model_tokens(text: str, folded: bool) -> list[str]:
    """The message's tokens, rewritten (``model_text`` before slang)."""
    if not folded:
        text = fold(text).text
    if not text.isascii():  # not folded after all: the definitions, which read any text
        if _OBFUSCATED.search(text) or _LOOKALIKE_NUMBER.search(text):
            text = _LEET_WORD.sub(_unleet, text)
            text = _STRETCH.sub(r"\1\1", text)
            text = _SPELLED.sub(_join, text)
        tokens = _TOKEN.findall(text.replace("'", ""))
    else:
        # The same rewrites through RE2 (about a third of messages have something to rewrite, if
        # only "great!"), and the tokens as ``_TOKEN`` finds them: runs of letters and digits.
        if _needs_rewrite(text):
            text = _replace_each(_LEET_WORD_FAST, text, _unleet_word)
            text = _replace_each(_STRETCH_FAST, text, _two_letters)
            text = _replace_each(_SPELLED_FAST, text, _joined)
        tokens = text.replace("'", "").translate(_NOT_TOKEN).split()
    return tokens


def _expanded(tokens: list[str]) -> str:
    """The tokens joined, each slang word and phrase replaced by its meaning."""
    words, phrases = _slang()
    out = " ".join(map(words.get, tokens, tokens))  # each token, or its meaning if it is slang
    if phrases:
        padded = f" {out} "
        for phrase, meaning in phrases:
            if phrase in padded:
                padded = padded.replace(phrase, meaning)
        out = padded.strip()
    return out


# ---- a de-obfuscated view for the rules, with offsets -------------------------------------------

# a digit or symbol between letters of a word: "d1e", "su1c1d3" (not "3pm", "2nd", "b4")
_LEET_INSIDE = r"[a-z]*[a-z][0-9@$!|+]+[a-z][a-z0-9@$!|+]*"
# a word spelled out: "k.i.l.l", "s u i c i d e"
_SPELLED_OUT = r"\b(?:[a-z][ ._\-*]){2,}[a-z]\b"
# The definition (Python's re); a letter stretched ("diiiie") is group 1.
_OBFUSCATED = re.compile(rf"{_LEET_INSIDE}|([a-z])\1{{2,}}|{_SPELLED_OUT}")

# The same searches run by RE2 over the bytes of the (ASCII) folded text. Python's re tries these
# alternations at every character, about 90 microseconds for 500 characters, and every message was
# searched twice (the rules' view, the model's text): most of a screen's budget for a search that
# usually finds nothing. RE2's automaton reads the text once. RE2 has no back-references, so the
# stretched letter is written out letter by letter (a{3,}|b{3,}|...); otherwise the patterns are
# the ones above, and RE2 picks the same leftmost-first, greedy matches as re does for them.
# test_fast_paths.py checks both agree on every corpus message and on generated tricky text.
_STRETCHED_LETTER = "|".join(f"{letter}{{3,}}" for letter in string.ascii_lowercase)
_OBFUSCATED_FAST = re2.compile(f"({_LEET_INSIDE})|({_STRETCHED_LETTER})|({_SPELLED_OUT})".encode("ascii"))
_REWRITE_FAST = re2.compile(
    f"{_LEET_INSIDE}|{_STRETCHED_LETTER}|{_SPELLED_OUT}|{_LOOKALIKE_NUMBER.pattern}".encode("ascii")
)


# The model's rewrites, run by RE2 on ASCII text. ``_LEET_WORD``'s look-behind only saves ``re`` from
# trying inside a word: a match always runs to the end of its word, so the next search starts after
# it, and RE2 (leftmost first) finds the same words without it.
_LEET_WORD_FAST = re2.compile(_LEET_WORD.pattern.removeprefix("(?<![a-z0-9@$!|+])").encode("ascii"))
_STRETCH_FAST = re2.compile(_STRETCHED_LETTER.encode("ascii"))
_SPELLED_FAST = re2.compile(_SPELLED.pattern.encode("ascii"))
_SEPARATORS = str.maketrans("", "", " ._-*")
# Every ASCII character that is not a letter or digit separates tokens.
_NOT_TOKEN = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isdigit() and not "a" <= chr(c) <= "z"}
)


def _two_letters(piece: str) -> str:
    return piece[:2]  # ``_STRETCH``'s "\1\1"


def _joined(piece: str) -> str:
    return piece.translate(_SEPARATORS)  # ``_join``


def _replace_each(compiled: re2._Regexp, text: str, replace: Callable[[str], str]) -> str:
    """``re.sub`` with a function, for an RE2 pattern that never matches the empty string, over
    ASCII text."""
    pieces: list[str] = []
    last = 0
    for spans in find_spans(compiled, text.encode("ascii")):
        start, end = spans[0]
        pieces.append(text[last:start])
        pieces.append(replace(text[start:end]))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _needs_rewrite(text: str) -> bool:
    """``_OBFUSCATED.search(text) or _LOOKALIKE_NUMBER.search(text)``, in one RE2 pass."""
    if not text.isascii():  # not folded: the definition, which reads any text
        return bool(_OBFUSCATED.search(text) or _LOOKALIKE_NUMBER.search(text))
    return search_span(_REWRITE_FAST, text.encode("ascii")) is not None


def _obfuscations(text: str) -> list[tuple[int, int, bool]]:
    """Where ``_OBFUSCATED`` matches in ``text``, in order: (start, end, stretched)."""
    if not text.isascii():
        return [(*found.span(), bool(found.group(1))) for found in _OBFUSCATED.finditer(text)]
    return [
        (spans[0][0], spans[0][1], spans[2][0] >= 0)
        for spans in find_spans(_OBFUSCATED_FAST, text.encode("ascii"))
    ]


def rule_view(text: str) -> tuple[str, tuple[int, ...]] | None:
    """``text`` (already folded by ``text.normalise``) with leetspeak read as letters, stretched
    letters squashed to one and spelled-out words joined, and for each character of the result its
    offset in ``text``; None when there is nothing to undo (most messages). The rules run over this
    view as well as over the text itself (engine.py), so "i want to d1e" and "k.i.l.l myself" reach
    the rules written for "die" and "kill"."""
    found_all = _obfuscations(text)
    if not found_all:
        return None
    out: list[str] = []
    origin: list[int] = []
    position = 0
    for start, end, stretched in found_all:
        out.append(text[position:start])
        origin.extend(range(position, start))
        piece = text[start:end]
        if stretched:  # stretched: one letter ("diiiie" -> "die")
            out.append(piece[0])
            origin.append(start)
        elif any(c in " ._-*" for c in piece):  # spelled out: keep the letters
            letters = [(i, c) for i, c in enumerate(piece) if "a" <= c <= "z"]
            out.append("".join(c for _, c in letters))
            origin.extend(start + i for i, _ in letters)
        else:  # leetspeak: one character for one
            read = _unleet_word(piece)
            out.append(read)
            origin.extend(range(start, end))
        position = end
    out.append(text[position:])
    origin.extend(range(position, len(text)))
    view = "".join(out)
    if view == text:
        return None
    return view, tuple(origin)
