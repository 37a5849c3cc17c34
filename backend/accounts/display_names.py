"""Display names: cleaned before they are stored, and never a claim to be staff or a helpline.

People in crisis, and children, trust a name that says "moderator", "safeguarding lead" or
"Childline" (PRODUCT.md 2.7: crisis signposts such as Childline and Samaritans are shown by the app
itself). Staff are marked by the server (``role`` in the public profile, from the persona an admin
granted), never by what someone typed. So:

1. ``clean``: Unicode NFKC (fullwidth, mathematical and circled letters become plain ones), then
   every invisible or direction-changing character is removed (zero-width spaces and joiners, the
   bidi embeddings, overrides and isolates, soft hyphens, fillers), and runs of spaces become one.
   What is stored is what is checked, so a right-to-left override cannot make a stored name read
   differently from the one we checked.
2. ``skeletons``: the cleaned name with Cyrillic and Greek look-alikes folded to the Latin letter
   they imitate, case-folded, accents dropped, digit and symbol stand-ins replaced ("m0d3rat0r"),
   anything else a separator.
3. ``claims_staff``: a skeleton names a staff role or a helpline. Distinctive words match anywhere,
   spaces and punctuation removed ("J.o M-o-d-e-r-a-t-o-r", "JoModerator"); short or common words
   ("mod", "dsl", "staff", "admin") match only as whole words, so "Modupe", "Staffordshire Sam" and
   "Badminton Bea" stay fine.
"""

from __future__ import annotations

import re
import unicodedata

from backend.core.errors import Unprocessable

# Invisible or direction-changing characters that are not Unicode format characters (category Cf,
# all of which are removed): combining grapheme joiner, Hangul and halfwidth fillers, braille blank.
_INVISIBLE = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}

# Latin look-alikes in Cyrillic and Greek, both cases (folded before case-folding, because the
# capitals imitate different letters: Greek "Μ" reads M, its small "μ" reads u).
_LOOKALIKES = str.maketrans(
    {
        # Cyrillic capitals and small letters
        "А": "A", "В": "B", "Е": "E", "Ё": "E", "З": "3", "К": "K", "М": "M", "Н": "H", "О": "O",
        "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J",
        "Ԁ": "D", "Һ": "H", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ү": "Y", "Ь": "b",
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
        "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ь": "b", "п": "n", "г": "r",
        # Greek capitals and small letters
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "Ϳ": "J",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v", "ο": "o",
        "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
        # Latin letters that are not ASCII but read as one
        "ɡ": "g", "ɑ": "a", "ı": "i", "ɩ": "i", "ʏ": "y", "ʟ": "l", "ɴ": "n", "ʀ": "r", "ᴍ": "m",
        "ᴏ": "o", "ᴅ": "d", "ᴀ": "a", "ᴇ": "e", "ᴛ": "t", "ꜱ": "s", "ʜ": "h", "ɪ": "i", "ᴋ": "k",
    }
)  # fmt: skip
# Digits and symbols standing in for letters (after case-folding). "1", "|" and "!" read as i or
# l, so the skeleton is taken both ways.
_STAND_INS = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s"}
_AMBIGUOUS = ("1", "|", "!")

# Staff roles and helplines, written as skeletons. Anywhere in the name, spaces removed:
_ANYWHERE = (
    "moderator",
    "moderation",
    "safeguard",
    "designatedlead",
    "administrator",
    "sysadmin",
    "official",
    "supportteam",
    "helpdesk",
    "helpline",
    "trustandsafety",
    "trustsafety",
    "childline",
    "samaritan",
    "nspcc",
    "ceop",
    "police",
    "barnardo",
    "agencyworker",
    "socialservices",
    "childrensservices",
)
# Whole words only (common inside ordinary names: "Modupe", "Badminton Bea", "Staffordshire Sam"):
_WORDS = {"mod", "mods", "admin", "admins", "dsl", "staff", "verified", "sysop", "lado"}


def clean(name: str) -> str:
    """NFKC, without invisible or direction-changing characters, spaces collapsed and trimmed."""
    text = unicodedata.normalize("NFKC", name)
    kept = (
        ch
        for ch in text
        if ch == " " or (ch.isprintable() and unicodedata.category(ch) != "Cf" and ch not in _INVISIBLE)
    )
    return " ".join("".join(kept).split())


def skeletons(name: str) -> set[str]:
    """The name as it reads, words split by one space: look-alikes folded, case-folded, accents
    dropped, stand-ins replaced (both readings of the ambiguous ones)."""
    text = unicodedata.normalize("NFD", clean(name).translate(_LOOKALIKES).casefold())
    text = "".join(_STAND_INS.get(ch, ch) for ch in text if unicodedata.category(ch) != "Mn")
    readings = set()
    for letter in ("i", "l"):
        reading = "".join(letter if ch in _AMBIGUOUS else ch for ch in text)
        readings.add(" ".join(re.sub(r"[^a-z]+", " ", reading).split()))
    return readings


def claims_staff(name: str) -> bool:
    """True when the name reads as a staff role or a helpline."""
    for reading in skeletons(name):
        words = reading.split()
        compact = "".join(words)
        if any(term in compact for term in _ANYWHERE) or any(word in _WORDS for word in words):
            return True
    return False


def check_display_name(name: str) -> str:
    """The name to store, or a 422 naming ``display_name``."""
    cleaned = clean(name)
    if not any(ch.isalnum() for ch in cleaned):
        raise Unprocessable("Display name not allowed", {"display_name": ["Use some letters or numbers."]})
    if claims_staff(cleaned):
        raise Unprocessable(
            "Display name not allowed",
            {
                "display_name": [
                    "Names cannot claim a staff role or a helpline: staff are marked by the app itself."
                ]
            },
        )
    return cleaned
