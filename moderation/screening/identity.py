"""Identity exposure: anything that would let a stranger find a child or a family.

PRODUCT.md 2.7 lists phone numbers, email addresses, full UK postcodes, street addresses, school
names, social-media handles and "add me on ..." (moving off platform), and the family's own
protected names (a child's birth name, birth relatives' names). Adopted children's safety can
depend on their new identity and address staying unknown to some birth relatives, and 000 and 002
describe social media being used to trace and contact them. Held for review: P2 in adult spaces,
P1 in young people's spaces.
"""

from __future__ import annotations

import functools
import re

import phonenumbers
import re2
from phonenumbers import PhoneNumberType

from .identity_more import not_a_school_here, scan_more
from .lexicon import FRAGMENTS as PEOPLE
from .lexicon import read_terms
from .patterns import Rule, RuleSet, alternatives, either, find_spans, followed_by, merge, preceded_by
from .text import normalise_term
from .types import Action, Doc, Hit

# --------------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------------

_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "hundred": "00",  # "07700 nine hundred 745"
}  # fmt: skip
_REPEATS = {"double": 2, "triple": 3, "treble": 3}
_NUMBER_WORD = "|".join([*_DIGIT_WORDS, *_REPEATS])

# A cheap first look: nine or more digits or digit words in a row, with at most three characters of
# separators between them ("07700 900123", "0 7 7 0 0...", "oh seven seven double oh ..."). Only
# such runs are handed to ``phonenumbers``, which is far slower than this search.
_PHONE_RUN = re2.compile(
    # Words before single characters: leftmost-first matching must read "one" as a word, not as "o".
    rf"(?:\+|\b)(?:(?:\b(?:{_NUMBER_WORD})\b|[0-9]|o)[^a-z0-9+]{{0,3}}){{9,}}".encode("ascii")
)
# "o" is a zero only on its own or among digits ("O77OO"), never inside a word ("on", "home").
_PHONE_TOKEN = re.compile(
    rf"\+|[0-9]|\b(?:{_NUMBER_WORD})\b|(?<![a-z])o(?![a-z])|(?<![a-z])o(?=o+(?![a-z]))|(?<=o)o"
)

# Numbers a person can be reached at. Freephone, shared-cost and national (0300) numbers belong to
# organisations (Childline is 0800 1111), so they are not a person's identity.
_PERSONAL_TYPES = frozenset(
    {
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.PERSONAL_NUMBER,
        PhoneNumberType.VOIP,
        PhoneNumberType.PAGER,
    }
)


def _digits_of(text: str, start: int, end: int) -> tuple[str, list[tuple[int, int]]]:
    """The digits ``text[start:end]`` spells out, each with the span of the text it came from."""
    digits: list[str] = []
    spans: list[tuple[int, int]] = []
    repeat = 1
    # One character past the run, so "o" at its end can see whether it is the start of "on".
    for token in _PHONE_TOKEN.finditer(text, start, end + 1):
        if token.start() >= end:
            break
        word = token.group()
        span = token.span()
        if word in _REPEATS:
            repeat = _REPEATS[word]
            continue
        digit = "+" if word == "+" else _DIGIT_WORDS.get(word, word)
        for _ in range(repeat):
            for char in digit:  # "hundred" is two digits, each pointing at the word
                digits.append(char)
                spans.append(span)
        repeat = 1
    return "".join(digits), spans


def _is_personal_number(national: str) -> bool:
    """Is this national significant number (UK, without its 0) one a person can be reached at?"""
    number = phonenumbers.PhoneNumber(country_code=44, national_number=int(national))
    if not phonenumbers.is_possible_number(number):
        return False
    kind = phonenumbers.number_type(number)  # UNKNOWN when the number is not allocated
    if kind != PhoneNumberType.UNKNOWN:
        return kind in _PERSONAL_TYPES
    # Possible but not allocated (a typo, or the 07700 900xxx range kept for drama): still someone's
    # number as far as the reader is concerned, if it has the shape of a mobile or landline.
    return national[:1] in {"1", "2", "7"}


# How a UK number can begin: "+44", "0044", "44" (each maybe with the trunk "0" kept, as in
# "+44 (0)7700..."), or "0". What follows is the national significant number (NSN): 9 or 10 digits.
_PREFIXES = ("+440", "+44", "00440", "0044", "440", "44", "0")


def _uk_numbers_at(digits: str, start: int) -> list[tuple[int, str]]:
    """(characters used, NSN) for each UK number that could start at ``start``, longest first. A
    mobile written without its leading 0 ("7700 900123") counts as well."""
    rest = digits[start:]
    prefix = next((p for p in _PREFIXES if rest.startswith(p)), "" if rest.startswith("7") else None)
    if prefix is None:
        return []
    lengths = (10, 9) if prefix else (10,)
    return [
        (len(prefix) + n, rest[len(prefix) : len(prefix) + n])
        for n in lengths
        if len(rest) >= len(prefix) + n and rest[len(prefix) : len(prefix) + n].isdigit()
    ]


def find_phone_numbers(text: str, data: bytes) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for run in _PHONE_RUN.finditer(data):
        digits, sources = _digits_of(text, run.start(), run.end())
        start = 0
        while start < len(digits):
            for length, national in _uk_numbers_at(digits, start):
                if _is_personal_number(national):
                    spans.append((sources[start][0], sources[start + length - 1][1]))
                    start += length
                    break
            else:
                start += 1
    return spans


# --------------------------------------------------------------------------------------------------
# Phrase rules: email, postcode, address, school, handles, moving off platform
# --------------------------------------------------------------------------------------------------

# Mail providers whose name alone gives an address away ("jo at gmail"); "live", "sky" and "me" are
# everyday words and count only with their ".com" ("at me dot com").
_EMAIL_PROVIDERS = alternatives(*read_terms("email_providers.txt"))

_STREET_TYPES = alternatives(*read_terms("street_types.txt"))

PLATFORMS = alternatives(*read_terms("platforms.txt"))

IDENTITY_FRAGMENTS = {
    **PEOPLE,
    "PLATFORM": PLATFORMS,
    "HANDLE_PLATFORM": alternatives(*read_terms("handle_platforms.txt")),
    "AT": alternatives("@", r"\(at\)", r"\[at\]", r"\{at\}", "<at>", " at "),
    "DOT": alternatives(r"\(dot\)", r"\[dot\]", r"\{dot\}", " dot "),
    "TLD": r"(?:com|co|org|net|ac|me|io|info|uk)(?: ?(?:<DOT>|\.) ?uk)?",
}


def _looks_like_handle(text: str, start: int, end: int) -> bool:
    """Veto "my snap is private", "my insta is down": the handle part is an everyday word."""
    handle = text[start:end].rsplit(None, 1)[-1].strip("@:=-")
    return handle in _EVERYDAY_WORDS


_EVERYDAY_WORDS = frozenset(read_terms("not_handles.txt"))

# "12 the ...", "3 kids in the park", "2 hours down the lane": an address has name words between
# the number and the road type, not these.
_NOT_NAME_WORDS = frozenset(read_terms("not_name_words.txt"))


def _after_preposition(text: str, start: int, end: int) -> int:
    """Where the street name begins in "we live on Maple Drive" (after "on", "in", "at" or "to")."""
    found = re.search(r"\b(?:on|in|at|to)\s+(?:the\s+)?", text[start:end])
    return start + found.end() if found else start


def _not_a_house(text: str, start: int, end: int) -> bool:
    """ "We live at 3 The Paddocks" is an address; "we're at 3 pm" and "at 2 hours' drive" are not."""
    after_number = re.split(r"[0-9]+[a-z]?,?\s+", text[start:end], maxsplit=1)[-1].split()
    if not after_number or after_number[0] in _NOT_A_STREET_NAME:
        return True
    # "we live at 12 Acacia Avenue": left to the rule that starts at the number, so the span is
    # the address itself.
    return _STREET_TYPE_WORD.match(text, end) is not None or after_number[-1] in _STREET_TYPE_SET


_STREET_TYPE_SET = frozenset(_STREET_TYPES.replace("?", "").split("|")) | {"meadow"}
_STREET_TYPE_WORD = re.compile(rf"\s*(?:{_STREET_TYPES})\b")

# Words that follow a number without being a street name ("The Paddocks" is one; "the" alone is fine).
_NOT_A_STREET_NAME = (_NOT_NAME_WORDS - {"the"}) | frozenset(
    ["oclock", "o'clock", "noon", "midnight", "today", "tonight", "tomorrow", "sharp", "ish"]
)


def _not_an_address(text: str, start: int, end: int) -> bool:
    words = re.findall(r"[a-z']+", text[start:end])
    # The last word is the road type; those before it (after any flat number) must look like a name.
    names = [w for w in words[:-1] if w not in {"flat", "apartment", "apt", "unit"}]
    return not names or any(w in _NOT_NAME_WORDS for w in names)


_HOUSE_NUMBER = re.compile(r",?\s+(?:number|no|house)\b")


def _before_house_number(text: str, start: int, end: int) -> int:
    """Where "Station Road, number 42" has its road type end (the part the name check reads)."""
    found = _HOUSE_NUMBER.search(text, start, end)
    return found.start() if found else end


# Words that come before "school" without naming one: "his new school", "after school", "love school".
_NOT_SCHOOL_NAMES = frozenset(read_terms("not_school_names.txt"))
_WHOSE = frozenset(f"{w}'s" for w in read_terms("whose.txt")) | {"kids'"}
_SCHOOL_TYPES = frozenset(
    {"school", "academy", "college", "primary", "infants", "juniors", "high", "grammar"}
)
_SCHOOL_QUALIFIERS = frozenset(read_terms("school_qualifiers.txt"))


def _not_a_school_name(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1] in "'.-":
        return True  # the tail of a word ("mary's" read from its "s")
    words = re.findall(r"[a-z0-9.']+", text[start:end])
    names = [w for w in words if w not in _SCHOOL_TYPES and w not in _SCHOOL_QUALIFIERS]
    if not names:
        return True
    if names[0] in {"st", "st.", "saint"}:
        return len(names) < 2
    # "son's school", "mum's college": a possessive that names whose school, not the school itself
    # ("Queen Elizabeth's Grammar" is a name).
    return any(w in _NOT_SCHOOL_NAMES or w in _WHOSE for w in names)


def _plain_school_mention(text: str, start: int, end: int) -> bool:
    """ "<word> school" with no qualifier is too often not a name ("forest school", "love school");
    it counts only when the author wrote the name with a capital (checked in ``scan``)."""
    words = text[start:end].split()
    return (
        words[-1] == "school"
        and words[-2] not in _SCHOOL_QUALIFIERS
        and words[0] not in {"st", "st.", "saint"}
    )


def _ordinal(text: str, start: int, end: int) -> bool:
    """Vetoes "y7 3rd", which looks like a postcode to the pattern: an inward code is never an
    ordinal (but "NE1 4ST" is a postcode, as "4st" is no ordinal)."""
    return re.fullmatch(r"1st|2nd|3rd|[04-9]th", text[end - 3 : end]) is not None


OFF_PLATFORM_RULES = (
    Rule(
        "off_platform",
        "(?:(?:add|follow|dm|pm|message|msg|inbox|text|snap|whatsapp|find|call|ring|facetime|ft|contact|"
        "reach) (?:me|us)|hmu|hit me up|talk to me|chat to me|chat with me|speak to me) (?:on|at|via|over|"
        "through) (?:<PLATFORM>)",
        "add me on snap",
    ),
    Rule(
        "off_platform",
        "(?:what'?s|whats|wats|wots|what is|wat is|can i (?:get|have|add)|could i (?:get|have)|give me|send "
        "me|drop|drop me|got|have you got|do you have|do u have|u got|you got|d'you have|have u got|gimme) "
        "(?:your|ur|yer|ya|you|u)? ?(?:snap|snapchat|sc|insta|instagram|ig|tiktok|number|no|num|digits|"
        "whatsapp|discord|kik|telegram|email|e-mail|socials|@|mobile|phone number|fb|facebook)",
        "what's your insta",
        veto=followed_by(r"one|1|of|\d"),
    ),
    Rule(
        "off_platform",
        "(?:text|txt|whatsapp|snap|facetime|dm|pm) me",
        "text me when you get this",
        veto=either(
            followed_by(r"here|on here|in here|in the app|through the app|on this app|back here"),
            # Someone else's promise ("she said she'd text me") is not an invitation to the reader.
            preceded_by(
                r"(?:she|he|they|friend|worker)(?:'d|'ll|\s+(?:would|will|can|could|should|might|never|"
                r"always|"
                r"didn't|doesn't|won't|to|said she'd|said he'd))?"
            ),
        ),
    ),
    Rule(
        "off_platform",
        "(?:drop|send|give|shoot|ping|leave) (?:me|us) (?:a |an )?(?:message|msg|text|dm|pm|line|call|ring|"
        "bell|voice note|email) (?:on|via|over|through|at) (?:<PLATFORM>)",
        "drop me a message on WhatsApp",
    ),
    Rule(
        "off_platform",
        alternatives(
            "(?:dm|pm|message|msg|add|follow|text|snap|inbox|call|ring|facetime) (?:you|u|ya) (?:on|via|"
            "over) (?:<PLATFORM>)",
            "(?:i'?m|we'?re|i am|we are) on (?:<PLATFORM>) as",
            "(?:search|look) (?:for )?(?:me|us)(?: up)? on (?:<PLATFORM>)",
            "look (?:me|us) up on (?:<PLATFORM>)",
        ),
        "I'm on Facebook as Mandy Clarke",
    ),
    Rule(
        "off_platform",
        "give (?:me|us) a (?:ring|bell|call|text)",
        "give me a bell sometime",
    ),
    Rule(
        "off_platform",
        "(?:call|ring|phone) me",
        "ring me later",
        veto=followed_by(
            r"['\"]?(?!(?:on|at|later|tonight|tomorrow|when|if|after|asap|anytime|any|x|please|pls|plz|back|now|"
            r"sometime|this|whenever)\b)[a-z]+"
        ),
    ),
    Rule(
        "off_platform",
        "(?:let'?s|we (?:can|could|should)|shall we|can we|why don'?t we|wanna|want to|do you want to) "
        "(?:move|take|go|talk|chat|continue|carry on|speak|switch)(?: this| it| our chat)? (?:on|over|to|"
        "onto|in) (?:<PLATFORM>|somewhere (?:else|private|more private))",
        "let's move this to whatsapp",
    ),
)

IDENTITY_RULES = (
    Rule(
        "email",
        r"[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}",
        "email me at jess.m@example.com",
    ),
    Rule(
        "email",
        r"[a-z0-9][a-z0-9._+-]* ?(?:<AT>) ?(?:(?:<EMAIL_PROVIDERS>|live|sky|me|mail|proton) ?(?:<DOT>|\.) "
        r"?(?:<TLD>)|(?:<EMAIL_PROVIDERS>))",
        "it's jessm22 at gmail dot com",
    ),
    Rule(
        "email",
        r"[a-z0-9][a-z0-9._+-]* ?(?:<AT>) ?[a-z0-9-]+ ?(?:<DOT>) ?(?:<TLD>)",
        "write to sam (at) ourfamily (dot) co (dot) uk",
    ),
    Rule(
        "postcode",
        # The full postcode (outward and inward code); the outward code alone ("the SW1 area") is a
        # district shared by thousands of homes.
        r"(?:[a-pr-uwyz][0-9]{1,2}|[a-pr-uwyz][a-hk-y][0-9]{1,2}|[a-pr-uwyz][0-9][a-hjkpstuw]|"
        r"[a-pr-uwyz][a-hk-y][0-9][abehmnprvwxy]) ?[0-9][abd-hjlnp-uw-z]{2}",
        "we're at SW1A 1AA",
        veto=_ordinal,
    ),
    Rule(
        "street_address",
        r"(?:(?:flat|apartment|apt|unit) ?[0-9]+[a-z]?,? )?[0-9]{1,4}[a-z]?,? (?:[a-z][a-z']* "
        r"){1,3}?(?:<STREET_TYPES>)",
        "flat 3, 5 Park Road",
        veto=_not_an_address,
    ),
    Rule(
        "street_address",
        "(?:live|lives|living|moved|move|moving|stay|staying|house is|home is|we'?re|address is) (?:on|in|at|"
        "to) (?:the )?(?:[a-z']+ ){1,2}(?:road|street|avenue|lane|close|drive|crescent|grove|gardens|terrace|"
        "mews|way)",
        "we live on Maple Drive",
        veto=lambda text, start, end: _not_an_address(text, _after_preposition(text, start, end), end),
    ),
    Rule(
        # A house number after "our address is" or "we live at", whatever the road is called
        # ("3 The Paddocks").
        "street_address",
        "(?:address(?: is)?|(?:we|i|they)(?: live| are|'re|'m| am) at|(?:live|living|staying) at|find (?:us|"
        "me) at) [0-9]{1,4}[a-z]?,? [a-z][a-z']*(?: [a-z][a-z']*){0,2}",
        "Our address is 3 The Paddocks, Thorpe",
        veto=lambda text, start, end: _not_a_house(text, start, end),
    ),
    Rule(
        "street_address",
        "(?:[a-z][a-z']* ){1,2}(?:<STREET_TYPES>),? (?:number|no|house|house number) [0-9]{1,4}",
        "we're on Station Road, number 42",
        veto=lambda text, start, end: _not_an_address(text, start, _before_house_number(text, start, end)),
    ),
    Rule(
        "school_name",
        r"(?:(?:st|st\.|saint) )?(?:[a-z][a-z'.]* ){1,3}(?:(?:<QUALIFIER>) )*(?:school|academy|college|"
        r"primary|infants|juniors|high|grammar)",
        "she's in year 7 at Oakfield Academy",
        veto=_not_a_school_name,
    ),
    Rule(
        "social_handle",
        r"(?:my|me|our|his|her|add|follow|find) (?:<HANDLE_PLATFORM>)(?: (?:name|handle|account|acc|"
        r"username))?(?: (?:is|name is|is just|its|it's)|'s)?(?:[ \t]*[:=-][ \t]*| )@?[a-z0-9_.]{3,30}",
        "my snap is jess_x",
        veto=_looks_like_handle,
    ),
    Rule(
        "social_handle",
        r"(?:<HANDLE_PLATFORM>)[ \t]*[:=-][ \t]*@?[a-z0-9_.]{3,30}",
        "insta: jess.m.2011",
        veto=_looks_like_handle,
    ),
    Rule(
        # A handle by its shape (letters with a dot, an underscore or trailing digits: "freyaa.m",
        # "mister_bean_tea", "benji.wallace07") next to "add me", a platform or a gamer tag, however
        # the sentence is built (issue #12): "add me: freyaa.m", "on snapchat too, jen.mum.of.3",
        # "mines frostbyte_jay on steam", "sent u a request on psn, mister_bean_tea".
        "social_handle",
        alternatives(
            r"add (?:me|him|her|us)(?: on (?:<HANDLE_PLATFORM>))?[ \t]*[:=-]?[ \t]*@?<HANDLE_SHAPE>",
            "<HANDLE_SHAPE> (?:add me|follow me|add him|add her)",
            "<HANDLE_SHAPE> on (?:<HANDLE_PLATFORM>|steam|psn|xbox|discord)",
            "(?:<HANDLE_PLATFORM>|tag|gamertag|username|user name|ign|psn|steam|xbox|discord|gmail|hotmail)"
            "(?: name)?(?: too| as)?(?: is|:|'s| -)?(?: mines?| mine'?s)? @?<HANDLE_SHAPE>",
            r"follow<F3>[!. ]*@[a-z0-9_.]{3,30}",
        ),
        "add me: freyaa.m",
        veto=_looks_like_handle,
    ),
    *OFF_PLATFORM_RULES,
    # Offering one's own number or email: identity exposure, but not a grooming sign by itself.
    Rule(
        "off_platform",
        "(?:my|here'?s my|this is my|heres my) (?:number|mobile number|mob|phone number|digits|whatsapp "
        "number|email|e-mail|email address)",
        "here's my number",
        veto=either(
            followed_by(r"one|1|of|changed|has changed|is changing|was"),
            # "not posting my number", "someone asked for my number": not given.
            preceded_by(r"(?:not|never|won'?t|don'?t|dont|asking for|asked for|asks for|ask for)(?: \w+)?"),
        ),
    ),
)

# A mention like "@jess_x" is a social handle when a platform is named near it; on its own it may
# be a mention of another member here.
_AT_HANDLE = re2.compile(rb"(?:^|[^a-z0-9_.@])(@[a-z0-9_.]{3,30})")
_PLATFORM_NEAR = re2.compile(
    rf"\b(?:{PLATFORMS}|add me|follow me|dm me|message me)\b".replace(" ", r"\s+").encode("ascii")
)


@functools.lru_cache(maxsize=4096)
def _protected_pattern(term: str) -> re2._Regexp | None:
    """Whole-word, case-insensitive (the text is already lower case), any spacing between words."""
    normalised = normalise_term(term)
    if len(normalised.replace(" ", "")) < 2:
        return None  # a single letter would match everywhere; the family's list is checked on entry
    escaped = r"\s+".join(re2.escape(word) for word in normalised.split(" "))
    left = r"\b" if normalised[0].isalnum() else ""
    right = r"\b" if normalised[-1].isalnum() else ""
    return re2.compile(f"{left}{escaped}{right}".encode("ascii"))


class IdentityExposure:
    category = "identity_exposure"

    def __init__(self) -> None:
        fragments = {
            **IDENTITY_FRAGMENTS,
            "EMAIL_PROVIDERS": _EMAIL_PROVIDERS,
            "STREET_TYPES": _STREET_TYPES,
            # A handle by its shape: a dot or underscore inside, or two digits or more at the end.
            "HANDLE_SHAPE": r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z][a-z_]*[0-9]{2,}",
            "QUALIFIER": alternatives(
                *sorted(_SCHOOL_QUALIFIERS - {"c.e.", "r.c."}), "c of e", "church of england"
            ),
        }
        self.rules = RuleSet(IDENTITY_RULES, fragments)

    def scan(self, doc: Doc) -> list[Hit]:
        action: Action = "hold"
        priority = 1 if doc.audience == "youth" else 2
        text, data = doc.norm.text, doc.norm.data
        found: list[tuple[str, int, int, int, Action]] = []
        for span in find_phone_numbers(text, data):
            found.append(("phone_number", *span, priority, action))
        for f in self.rules.find(text, data, doc.audience):
            if (
                f.rule.label == "school_name"
                and _plain_school_mention(text, f.start, f.end)
                and not _capitalised(doc, f.start, f.end)
            ) or (f.rule.label == "school_name" and not_a_school_here(doc, f.start, f.end)):
                continue
            found.append((f.rule.label, f.start, f.end, priority, action))
        found.extend(scan_more(doc, priority, action))
        if _PLATFORM_NEAR.search(data):
            for handle in _AT_HANDLE.finditer(data):
                found.append(("social_handle", handle.start(1), handle.end(1), priority, action))
        for term in doc.item.protected_terms:
            pattern = _protected_pattern(term)
            if pattern is not None:
                # RE2 called directly, without the wrapper's generator and match objects (a term
                # never matches the empty string; bench/LEDGER.md).
                for spans in find_spans(pattern, data):
                    found.append(("protected_term", *spans[0], priority, action))
        return merge(self.category, found)


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    """Did the author write the name before "school" with a capital, as a name is written?"""
    first, last = doc.norm.span(start, end)
    words = doc.norm.original[first:last].split()
    return len(words) >= 2 and words[-2][:1].isupper()
