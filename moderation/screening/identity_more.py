"""Identity exposure said around the plain forms (issue #12, the seventh session's writers): run by
``identity.IdentityExposure.scan`` beside its own rules.

- a page that is someone's: a social profile's address with its path ("facebook.com/jo.p.smith",
  "instagram dot com slash jo_art", "chat.whatsapp.com/AbC"), or a personal site's host ("x dot
  wordpress dot com", "linktr.ee/x", "etsy dot com slash shop slash x"); a platform's bare name
  ("facebook.com") or a public page (gov.uk, nhs.uk, a charity) is not;
- a handle on a platform the older rules did not name, or said with "as", "under", "called" or a tag:
  "i stream on twitch as sleepydragonxo", "kik me its dannyboiii_23", "discord is skull#4421",
  "u/tiredmum on reddit", "my pinterest is cloudberry.girl";
- an email spelled letter by letter ("s a r a h . k i n g @ g m a i l . c o m");
- a number given in pieces ("first bit is 07700", "second bit 900 633") or begun in words ("oh seven
  seven");
- where someone is found, told by the street with a capital ("we're the house on Ferncliffe Drive",
  "at the top of Oakroyd Street", "I know you're at Sycamore Close", "along Hanover Terrace every
  morning"), or a school by its name and year ("St Columba's in Year 3", "expelled from
  Castleview");
- a member's real name revealed ("'CalmMum84' on here is actually Joanne Fairweather").

Look-alikes (tests/moderation/screening/test_identity_more.py): the Virtual School, national
helplines, towns, public services on a named street, "the bus along High Street".
"""

from __future__ import annotations

import re

from .lexicon import read_terms
from .patterns import Rule, RuleSet, alternatives
from .types import Action, Doc

_STREET_TYPES = alternatives(*read_terms("street_types.txt"))

# Sites where the path after the host is a person's page.
_PROFILE_HOSTS = (
    r"(?:www ?(?:\.|<DOT>) ?)?(?:facebook|fb|instagram|insta|tiktok|twitter|x|youtube|twitch|pinterest|"
    r"linkedin|threads|vsco|reddit|tumblr|snapchat|onlyfans|patreon|ko-fi|etsy|depop|vinted|github|"
    r"soundcloud|spotify) ?(?:\.|<DOT>) ?(?:com|net|tv|co|me)"
)
# A platform's own pages, not a person's.
_PUBLIC_PATH = re.compile(
    r"(?:/| slash )\s*(?:groups|help|events|watch|hashtag|explore|legal|about|policies|"
    r"pages|search|settings|login|privacy)\b"
)
_DOT = r"(?:\(dot\)|\[dot\]|\(\.\)|\[\.\]| dot )"
_SLASH = r"(?: ?/ ?| slash )"

IDENTITY_MORE_RULES = (
    Rule(
        "personal_page",
        alternatives(
            # A profile's address with its path; "groups", "help", "events" are not a person.
            rf"{_PROFILE_HOSTS}{_SLASH}@?[a-z0-9_.-]{{3,40}}",
            rf"chat ?(?:\.|<DOT>) ?whatsapp ?(?:\.|<DOT>) ?com{_SLASH}[a-z0-9]{{4,}}",
            # A personal site's host: a blog, link page or shop in the person's own name.
            r"[a-z0-9-]{3,40} ?(?:\.|<DOT>) ?(?:wordpress|substack|blogspot|carrd|wixsite|squarespace|"
            r"tumblr|bigcartel|weebly) ?(?:\.|<DOT>) ?(?:com|co|net|org)",
            rf"(?:linktr ?(?:\.|<DOT>) ?ee|ko-fi ?(?:\.|<DOT>) ?com|carrd ?(?:\.|<DOT>) ?co){_SLASH}"
            r"[a-z0-9_.-]{3,40}",
            # A site written with its dots hidden ("www(.)ourlittlepatchwork(.)blog"): hidden from
            # whom, if not from moderation.
            rf"www ?{_DOT} ?[a-z0-9-]{{3,40}} ?{_DOT} ?[a-z]{{2,6}}",
            r"www \. [a-z0-9-]{3,40} \. [a-z]{2,6}",
        ),
        "find me at facebook.com/jo.p.smith",
        veto=lambda text, start, end: _PUBLIC_PATH.search(text[start:end]) is not None,
    ),
    Rule(
        "social_handle",
        alternatives(
            r"(?:stream|streams|streaming|post|posts|posting|am|i'?m|im|go|goes|known|vlog|vlogs) (?:on|as) "
            r"(?:<MORE_PLATFORM>) as @?[a-z0-9_.]{3,30}",
            r"(?:<MORE_PLATFORM>) me[,.!:]? ?(?:lol |pls |x )?(?:its |it'?s |im |i'?m |as |"
            r"@)?@?[a-z0-9_.]{3,30}",
            r"(?:my |our |me |his |her )?(?:<MORE_PLATFORM>|gt|tag)(?: name| account| handle| username)? "
            r"(?:is "
            r"under|is just|is|=|:|'s) @?[a-z0-9_.#]{3,30}",
            r"[a-z][a-z0-9_.]{2,30}#[0-9]{4}",
            r"u/[a-z0-9_-]{3,30}",
            # A handle by its shape near a platform's name: "hit me up on tele @kaiyo_uk", "snap?? its
            # xo_harley_xo", "roblox!! i'm Sparkle_Unicorn_2014", "handle is X on the gram".
            r"(?:<MORE_PLATFORM>|the gram)<F3>[?!:. ]* (?:its |it'?s |im |i'?m |is )?@?<SHAPE>",
            r"<SHAPE> on (?:the gram|<MORE_PLATFORM>)",
        ),
        "i stream on twitch as sleepydragonxo",
        veto=lambda text, start, end: text[start:end].rsplit(None, 1)[-1].strip("@:=-") in _NOT_A_HANDLE,
    ),
    Rule(
        # A person's name given as where to find them; held only when written as a name (capitals).
        "social_name",
        alternatives(
            r"(?:find|add|follow|search for|connect with|look up) (?:me|us|him|her|my [a-z]+)? ?on "
            r"(?:<PLATFORM>|linkedin|spotify|skype)[,:.]? (?:he'?s|she'?s|i'?m|we'?re|as|under|called|it'?s|"
            r"its)?"
            r" ?['\"]?[a-z]+ [a-z'-]+",
            r"(?:<PLATFORM>|spotify|linkedin)(?: account| page| channel)? (?:is under|is called|is) "
            r"['\"]?[a-z]+ "
            r"[a-z'-]+",
        ),
        "Connect with me on LinkedIn, Priya Walcott-Rhodes",
    ),
    Rule(
        "social_handle",
        alternatives(
            r"(?:search|look up|look for) ['\"]?[a-z0-9 ]{3,40}['\"]? on (?:<PLATFORM>|linkedin|pinterest|"
            r"spotify|reddit)<F1>[,.]? (?:that'?s|thats|it'?s|its) (?:me|us)",
            r"(?:both |all )?called ['\"]?[a-z0-9][a-z0-9 ]{2,40}[a-z0-9]",
        ),
        "Search 'Tasha Loves Lego' on FB, that's me",
    ),
    Rule(
        "phone_number",
        alternatives(
            r"(?:first|second|third|last|next|other|rest of|end) (?:bit|half|part|digits|numbers?|three|four|"
            r"five|six)(?: of (?:my|the|me) (?:number|num|no|digits|mobile))?(?: is| are|:|=|-)? ?"
            r"(?:[0-9]{3,5}(?: [0-9]{3})?)",
            r"(?:my|me) (?:number|nums?|no|mobile|digits)'?s?(?: is| are|:)? 07[0-9]{3}",
            r"(?:ends|ending)(?: in| with)? [0-9]{3} ?[0-9]{3}",
            r"(?:oh|o|zero|nought) (?:seven|7) (?:seven|eight|nine|five|four|double|triple|7|8|9)",
        ),
        "first bit is 07700",
    ),
    Rule(
        "street_address",
        alternatives(
            rf"(?:we'?re|i'?m|you'?re|youre|ur|she'?s|he'?s|they'?re|we are|i am|you are|house|home|flat|"
            rf"cottage|semi|one|live|lives|living|works?|walk|walks|we|i)<F4> (?:on|at|along|off|down|up) "
            rf"(?:the (?:top|end|bottom|corner|far end) of )?(?:[a-z][a-z']* ){{1,2}}(?:{_STREET_TYPES}|row)",
        ),
        "we're the house on Ferncliffe Drive with the rainbow",
    ),
    Rule(
        "school_name",
        alternatives(
            r"(?:at|goes to|go to|started at|starts at|expelled from|excluded from) (?:st\.? )?"
            r"[a-z][a-z']+(?: [a-z][a-z']+)?,? (?:in )?(?:year|yr|y) ?[0-9]{1,2}",
            r"(?:expelled|excluded|kicked out) from [a-z][a-z']+",
            r"st\.? [a-z]+'s (?:in )?(?:year|yr|reception|nursery)",
            r"my school name [a-z][a-z']+",
            # A name before a school's kind the older rule does not know ("Greenhill Secondary").
            r"[a-z][a-z']+ (?:secondary|junior|juniors|infant|middle|prep|salesian|free school)",
            # A child "at" a capitalised name, with school words near ("kids at Thornleigh Salesian?
            # ... the black blazers").
            r"(?:kids|son|daughter|lad|girl|boy|child|grandson|granddaughter|children)(?:'s)? (?:at|goes to|"
            r"go to|started at|is at|are at) [a-z][a-z']+(?: [a-z][a-z']+)?",
        ),
        "My granddaughter goes to St Columba's in Year 3",
    ),
    Rule(
        "real_name",
        r"(?:on here|in here|on this app|on this forum|on this site) is (?:actually|really|called|irl) "
        r"[a-z]+ [a-z'-]+",
        "'CalmMum84' on here is actually Joanne Fairweather",
    ),
)

_FRAGMENTS = {
    "MORE_PLATFORM": alternatives(
        "twitch",
        "youtube",
        "tiktok",
        "kik",
        "reddit",
        "pinterest",
        "vsco",
        "tumblr",
        "discord",
        "steam",
        "spotify",
        "insta",
        "instagram",
        "snap",
        "snapchat",
        "sc",
        "ig",
        "skype",
        "tele",
        "telegram",
        "wattpad",
        "roblox",
        "xbox",
        "psn",
        "linkedin",
    ),
    "SHAPE": r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z][a-z_]*[0-9]{2,}",
    "PLATFORM": alternatives(*read_terms("platforms.txt")),
    "DOT": alternatives(r"\(dot\)", r"\[dot\]", r"\{dot\}", " dot ", r"\(\.\)", r"\[\.\]"),
}

# Words a capitalised street or school name must not be ("the top of High Street" is a public street
# only by its being named; these are not names at all).
_NOT_NAMES = frozenset(read_terms("not_name_words.txt")) | frozenset(
    {"high", "main", "the", "this", "that", "our", "my", "your", "a", "same", "next", "one", "virtual",
     "primary", "secondary", "high school", "school", "college", "mainstream", "special", "year", "home",
     "uni", "work", "nursery", "sixth", "church", "town", "city", "village", "london", "court", "care",
     "class", "it", "them", "him", "her", "school's", "sure", "here", "there"}
)  # fmt: skip
# Public places on a named street are not someone's home.
_PUBLIC = re.compile(
    r"\b(?:council|library|surgery|gp|hospital|clinic|town hall|police|station|virtual school|jobcentre|"
    r"office|museum|church|leisure centre|cafe|café|hub|centre|center|court|tesco|asda|sainsbury'?s|"
    r"aldi|lidl|bus|buses|traffic|roadworks|market)\b"
)
_SCHOOL_WORDS = re.compile(
    r"\b(?:blazers?|uniform|year ?[0-9]+|form tutor|teachers?|head ?teacher|pupils|sixth form|senco|ofsted|"
    r"started|starting|term)\b"
)
_WHO = re.compile(r"\b(?:we|i|you|u|ur|your|our|my|she|he|her|his|they|their|house|home|flat|cottage)\b")
_CAPITAL_WORD = re.compile(r"[A-Z][a-zA-Z'-]+")

_LABELS = {"personal_page": "social_handle", "social_name": "social_handle"}
_NOT_A_HANDLE = frozenset(read_terms("not_handles.txt")) | frozenset(
    {"for", "just", "the", "and", "but", "only", "mostly", "under", "down", "off", "on", "my", "me", "not",
     "so", "too", "also", "full", "banned", "blocked", "dead", "boring", "deleted"}
)  # fmt: skip
_RULES = RuleSet(IDENTITY_MORE_RULES, _FRAGMENTS)
_THEN = re.compile(r"(?<=[0-9a-z])[ ,]*\(?\b(?:then|and then|followed by)\b\)?[ ,]*(?=[0-9a-z])")
_SPELLED = re.compile(r"(?:(?<![a-z0-9])[a-z0-9@.](?![a-z0-9]) ?){8,}")
_EMAIL = re.compile(r"[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")


def _capital_names(doc: Doc, start: int, end: int, skip: int) -> bool:
    """Did the author write the name words (all but the last ``skip`` words) with capitals?"""
    first, last = doc.norm.span(start, end)
    words = doc.norm.original[first:last].replace(",", " ").split()
    tail = [w.strip("'\"") for w in words[-(skip + 2) : len(words) - skip or None]]
    return len(tail) == 2 and all(_CAPITAL_WORD.fullmatch(w) for w in tail)


def _street_ok(doc: Doc, text: str, start: int, end: int) -> bool:
    words = re.findall(r"[a-z']+", text[start:end])
    name = words[-3:-1]
    if not name or name[-1] in _NOT_NAMES or any(w in {"the", "a", "of"} for w in name[-1:]):
        return False
    first, last = doc.norm.span(start, end)
    original = doc.norm.original[first:last].split()
    if not original or not _CAPITAL_WORD.match(original[-2] if len(original) >= 2 else ""):
        return False
    around = text[max(0, start - 60) : end + 60]
    if _PUBLIC.search(text[start:end]) and not re.search(r"\b(?:we|i|you)\b", text[start:end]):
        return False
    return _WHO.search(text[start:end]) is not None or _WHO.search(around) is not None


def _school_ok(doc: Doc, text: str, start: int, end: int) -> bool:
    first, last = doc.norm.span(start, end)
    original = re.findall(r"[A-Za-z][A-Za-z'.]*", doc.norm.original[first:last])
    lowered = [w.lower() for w in original]
    names = [w for w, low in zip(original, lowered, strict=False)
             if low not in {"at", "to", "from", "goes", "go", "started", "starts", "expelled", "excluded",
                            "kicked", "out", "in", "year", "yr", "y", "st", "st.", "reception", "nursery",
                            "my", "school", "name", "secondary", "junior", "juniors", "infant", "middle",
                            "prep", "free", "is", "are"}]  # fmt: skip
    if re.match(
        r"(?:kids|son|daughter|lad|girl|boy|child|grandson|granddaughter|children)\b", text[start:end]
    ):
        names = names[1:]
        if not _SCHOOL_WORDS.search(text, max(0, start - 80), end + 80):
            return False
    if not names or any(w.lower() in _NOT_NAMES for w in names):
        return False
    return all(w[:1].isupper() for w in names)


def scan_more(doc: Doc, priority: int, action: Action) -> list[tuple[str, int, int, int, Action]]:
    text, data = doc.norm.text, doc.norm.data
    found: list[tuple[str, int, int, int, Action]] = []
    for f in _RULES.find(text, data, doc.audience):
        label = f.rule.label
        if label == "street_address" and not _street_ok(doc, text, f.start, f.end):
            continue
        if label == "school_name" and not _school_ok(doc, text, f.start, f.end):
            continue
        if label == "social_name" and not _capital_names(doc, f.start, f.end, 0):
            continue  # "find me on Facebook, Jo Bloggs": the name written as a name
        if label == "real_name" and not _capital_names(doc, f.start, f.end, 0):
            continue
        if (
            label == "social_handle"
            and "called" in text[f.start : f.end]
            and not re.search(r"called\s*[\"']", text[f.start : f.end])
        ):
            continue  # a name given for a page is quoted: "both called 'Three Little Acorns'"
        if (
            label == "social_handle"
            and "called" in text[f.start : f.end]
            and not re.search(
                r"\b(?:youtube|instagram|insta|tiktok|channel|vlog|blog|page|account|fb|facebook)\b",
                text[max(0, f.start - 60) : f.start],
            )
        ):
            continue
        found.append((_LABELS.get(label, label), f.start, f.end, priority, action))
    # A number given in pieces joined by "then" ("07700 then 900 then 123"): read without the "then"s.
    if _THEN.search(text):
        from .identity import find_phone_numbers  # identity imports this module

        joined = _THEN.sub(" ", text)
        if find_phone_numbers(joined, joined.encode("ascii")):
            found.append(("phone_number", 0, len(text), priority, action))
    # An email spelled letter by letter: the letters joined, read as an email.
    for run in _SPELLED.finditer(text):
        joined = run.group().replace(" ", "")
        if _EMAIL.search(joined):
            found.append(("email", run.start(), run.end(), priority, action))
    return found


def not_a_school_here(doc: Doc, start: int, end: int) -> bool:
    """The older school rule's false alarms: a "name" that runs across a comma or a sentence stop
    ("my feet. Work, school run"), "high" with no "school" after it ("meds up high"), or "of school"
    after a lower-case word ("the feel of school uniform"). A name written with capitals stays."""
    span = doc.norm.text[start:end]
    if re.search(r"(?<!\bst)(?<!\bc\.e)(?<!\br\.c)[.,!?]\s", span):
        return True
    if _capital_names_any(doc, start, end):
        return False
    return (
        re.search(
            r"\b(?:up|so|how|ow|too|very|that|this|really|sky|knee|waist|mile|feet|metres|pretty|quite|as)"
            r"\s+high$",
            span,
        )
        is not None
        or re.search(r"\bof\s+(?:the\s+)?school$", span) is not None
    )


def _capital_names_any(doc: Doc, start: int, end: int) -> bool:
    first, last = doc.norm.span(start, end)
    words = doc.norm.original[first:last].split()[:-1]
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())
