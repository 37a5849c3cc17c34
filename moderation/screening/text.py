"""One normalised view of a message that every rule family reads.

The rules are written for lower-case ASCII English. People write in curly quotes, emoji, accented
letters, full-width or look-alike characters, and some hide words with zero-width characters; all
of that is folded here, once, so that each rule does not have to cope with it. Offsets found in
the normalised text are mapped back to the author's text, so a moderator sees the exact words.

Most messages are plain ASCII; for those the view is just ``text.lower()`` and offsets are the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that are there only to break a word up for a filter: dropped.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)

# Punctuation that has a plain ASCII twin.
_PUNCTUATION = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u02b9\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": ".",
    "\uff20": "@",
    # Currency signs all read as "$", so "£20" keeps a sign the rules can see.
    "£": "$",
    "€": "$",
}

# Cyrillic and Greek letters that look like Latin ones: "kіll" with a Cyrillic i must still read
# as "kill". NFKD does not fold these, so they are listed.
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ɡ": "g", "ո": "n", "ս": "u",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w",
}  # fmt: skip


def _fold(char: str) -> str:
    """The lower-case ASCII stand-in for one non-ASCII character ('' drops it)."""
    if char in _INVISIBLE:
        return ""
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    lowered = char.lower()
    if lowered in _LOOKALIKES:
        return _LOOKALIKES[lowered]
    if char.isspace():
        return " "
    # NFKD splits accents off ("é" -> "e" + accent) and folds compatibility forms (full-width
    # letters, ligatures, superscript digits) to their plain letters.
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if decomposed and decomposed.isascii():
        return decomposed.lower()
    if char.isalpha():
        # A letter of another script: keep it a word character so word boundaries stay right.
        return "x"
    if char.isdigit():
        return str(unicodedata.digit(char, 0))
    # Emoji and other symbols separate words.
    return " "


@dataclass(frozen=True, slots=True)
class Normalised:
    original: str
    text: str  # lower-case ASCII
    data: bytes  # ``text`` as bytes: what the RE2 rules search (byte offsets == character offsets)
    origin: tuple[int, ...] | None  # origin[i] = offset in ``original`` of text[i]; None = identical

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the author's text."""
        if self.origin is None:
            return start, end
        if start >= end:
            point = self.origin[start] if start < len(self.origin) else len(self.original)
            return point, point
        return self.origin[start], self.origin[end - 1] + 1


_FOLDED: dict[str, str] = {}  # each non-ASCII character's fold, computed once
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_DROPPED = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")


def _fold_cached(found: re.Match[str]) -> str:
    char = found.group()
    folded = _FOLDED.get(char)
    if folded is None:
        folded = _fold(char)
        if len(_FOLDED) < 100_000:  # bounded: a flood of rare characters cannot grow it for ever
            _FOLDED[char] = folded
    return folded


def normalise(text: str) -> Normalised:
    # The one ASCII character with a twin: a backtick for an apostrophe ("don`t"). One for one, so
    # offsets are unchanged.
    source = text.replace("`", "'") if "`" in text else text
    if source.isascii():
        lowered = source.lower()
        return Normalised(text, lowered, lowered.encode("ascii"), None)
    # Fold the non-ASCII characters, then lower-case (safe now: ASCII lower-casing keeps lengths).
    folded_text = _NON_ASCII.sub(_fold_cached, source).lower()
    # Most non-ASCII messages (curly quotes, emoji, accents) fold one character to one, so the
    # offsets stay the same. Dropped or expanded characters ("\u200b", "\ufb01") need a map back.
    if len(folded_text) == len(text) and not _DROPPED.search(text):
        return Normalised(text, folded_text, folded_text.encode("ascii"), None)
    origin: list[int] = []
    for index, char in enumerate(text):
        width = 1 if char.isascii() else len(_FOLDED.get(char) or _fold(char))
        origin.extend([index] * width)
    return Normalised(text, folded_text, folded_text.encode("ascii"), tuple(origin))


def normalise_term(term: str) -> str:
    """A protected name or watched phrase in the same form as the text it is looked for in."""
    return " ".join(normalise(term).text.split())
