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
import threading

import re2

from .lexicon import read_terms
from .patterns import Rule, RuleSet, alternatives, search_span
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
            r"on (?:<PLATFORM>|linkedin|spotify|skype|yubo)[,]? (?:as|under)<F4>[,:]? ['\"]?[a-z]+ [a-z'-]+",
            r"(?:<PLATFORM>|spotify|linkedin)(?: account| page| channel)? (?:is under|is called|is) "
            r"['\"]?[a-z]+ "
            r"[a-z'-]+",
        ),
        "Connect with me on LinkedIn, Priya Walcott-Rhodes",
    ),
    Rule(
        # "I'm Mark Ellery on Facebook": the name before the platform.
        "social_name_before",
        # The platform is named before or after the name (the check reads it there): a pattern that
        # let both be missing matched "I'm so tired" twice a message, only to be refused (B7).
        alternatives(
            r"(?:<NAME_BEFORE>) on (?:<PLATFORM>)[,]? [a-z]+ [a-z'-]+(?: on (?:<PLATFORM>|linkedin))?",
            r"(?:<NAME_BEFORE>) [a-z]+ [a-z'-]+ on (?:<PLATFORM>|linkedin)",
        ),
        "I'm Sam Okafor on Facebook",
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
            rf"cottage|semi|one|live|lives|living|works?|walk|walks|we|i)(?:<F4>|(?: in (?:the|a)<F3>)):? "
            rf"(?:on|at|along|off|"
            rf"down|up) "
            rf"(?:the (?:top|end|bottom|corner|far end) of )?(?:[a-z][a-z']* ){{1,2}}(?:{_STREET_TYPES}|row)",
        ),
        "we're the house on Ferncliffe Drive with the rainbow",
    ),
    Rule(
        # A home placed by a landmark: "we live right behind St Mungo's", "the house opposite X Park".
        "street_address",
        r"(?:(?:we|i|they) live|(?:we'?re|we are) the (?:house|flat|bungalow|one)|our house is) (?:right |"
        r"just )?"
        r"(?:behind|opposite|next door to|across the road from|above|over) (?:the )?(?:st\.? )?[a-z][a-z']+",
        "we live right behind St Oswald's church",
    ),
    Rule(
        "school_name",
        alternatives(
            r"(?:at|goes to|go to|started at|starts at|expelled from|excluded from) (?:st\.? )?"
            r"[a-z][a-z']+(?: [a-z][a-z']+)?,? (?:in )?(?:year|yr|y) ?[0-9]{1,2}",
            r"(?:expelled|excluded|kicked out) from [a-z][a-z']+",
            r"st\.? [a-z]+'s (?:in )?(?:year|yr|reception|nursery)",
            r"my school name [a-z][a-z']+",
            # A year or form and the school: "year 10 at Blessed Edmund's", "in 9R at Brookfield".
            r"(?:year|yr|blwyddyn) ?[0-9]{1,2}[a-z]{0,2} at (?:st\.? )?[a-z][a-z']+(?: (?:of "
            r")?[a-z][a-z']+){0,3}",
            r"(?:in|i'?m in|im in) [0-9]{1,2}[a-z]{1,2} at (?:st\.? )?[a-z][a-z']+(?: [a-z][a-z']+){0,2}",
            # A name before a school's kind the older rule does not know ("Greenhill Secondary").
            r"[a-z][a-z']+ (?:secondary|junior|juniors|infant|middle|prep|salesian|free school)",
            # A child "at" a capitalised name, with school words near ("kids at Thornleigh Salesian?
            # ... the black blazers").
        ),
        "My granddaughter goes to St Columba's in Year 3",
    ),
    Rule(
        # A child "at" a capitalised name, with school words or an age near ("kids at Thornleigh
        # Salesian? ... the black blazers", "Jack, 14, goes to All Saints in Crosby Vale").
        "school_name",
        r"(?:kids|son|daughter|lad|lad's|girl|boy|child|grandson|granddaughter|grandkids|"
        r"children)(?:'s)?<F4> "
        r"(?:at|goes to|go to|started at|is at|are at|'s at) (?:st\.? )?[a-z][a-z']+(?: (?:of "
        r")?[a-z][a-z']+){0,3}",
        "our lad's just started at Moorcroft in year 7",
        veto=lambda text, start, end: _SCHOOL_WORDS.search(text, max(0, start - 80), end + 80) is None,
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
        "yubo",
        "xbox",
        "psn",
        "linkedin",
    ),
    "SHAPE": r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z][a-z_]*[0-9]{2,}",
    "PLATFORM": alternatives(*read_terms("platforms.txt")),
    "NAME_BEFORE": r"i'?m|im|i am|we'?re|we are|he'?s|she'?s|messages? me",
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
    r"aldi|lidl|bus|buses|traffic|roadworks|market|meet|meetup|meet-up|group)\b"
)
_SCHOOL_KIND_AT_END = re.compile(r"\b(?:secondary|junior|juniors|infant|middle|prep|salesian|free school)$")
_NAME_FILLER = frozenset({"in", "of", "st", "st.", "the", "now", "secondary", "junior", "juniors", "infant"})
_SCHOOL_WORDS: re.Pattern[str] = re.compile(
    r"\b(?:1[0-8]|[0-9]{1,2}[a-z]|blazers?|uniform|year ?[0-9]+|form tutor|teachers?|head ?teacher|pupils|"
    r"sixth form|senco|ofsted|"
    r"started|starting|term)\b"
)
_WHO = re.compile(r"\b(?:we|i|you|u|ur|your|our|my|she|he|her|his|they|their|house|home|flat|cottage)\b")
_CAPITAL_WORD = re.compile(r"[A-Z][a-zA-Z'-]+")

_LABELS = {
    "personal_page": "social_handle",
    "social_name": "social_handle",
    "social_name_before": "social_handle",
}
_NOT_A_HANDLE: frozenset[str] = frozenset(read_terms("not_handles.txt")) | frozenset(
    {"for", "just", "the", "and", "but", "only", "mostly", "under", "down", "off", "on", "my", "me", "not",
     "so", "too", "also", "full", "banned", "blocked", "dead", "boring", "deleted"}
)  # fmt: skip
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
    # A school's kind after its name is part of the name, capitalised as one ("Greenhill Secondary"):
    # "Starting secondary school" and "moving up to juniors" name no school.
    kind = _SCHOOL_KIND_AT_END.search(text, start, end)
    if kind is not None and not doc.norm.original[doc.norm.span(kind.start(), kind.end())[0]][:1].isupper():
        return False
    original = re.findall(r"[A-Za-z][A-Za-z'.]*", doc.norm.original[first:last])
    lowered = [w.lower() for w in original]
    names = [w for w, low in zip(original, lowered, strict=False)
             if low not in {"at", "to", "from", "goes", "go", "started", "starts", "expelled", "excluded",
                            "kicked", "out", "in", "year", "yr", "y", "st", "st.", "reception", "nursery",
                            "my", "school", "name", "secondary", "junior", "juniors", "infant", "middle",
                            "prep", "free", "is", "are", "of"}]  # fmt: skip
    # The name is what follows the last "at", "to" or "from" ("Jack, 14, goes to All Saints").
    found = list(re.finditer(r"\b(?:at|to|from)\b", doc.norm.original[first:last], flags=re.IGNORECASE))
    if found:
        after = doc.norm.original[first:last][found[-1].end() :]
        names = []
        for w in re.findall(r"[A-Za-z][A-Za-z'.]*", after):
            if w.lower() in _NAME_FILLER:
                continue
            if not w[:1].isupper():
                break  # the name ends where the capitals do ("at Hollins, say hi")
            names.append(w)
    if not names or any(w.lower() in _NOT_NAMES for w in names):
        return False
    return all(w[:1].isupper() for w in names)


def _rejected(doc: Doc, rule: Rule, start: int, end: int) -> bool:
    """What the author's own text says against a match (capitals, quotes, public places): checked as
    the rule's veto, so a later rule may still match where this one was refused."""
    text = doc.norm.text
    label = rule.label
    if label == "street_address" and not _street_ok(doc, text, start, end):
        return True
    if label == "school_name" and not _school_ok(doc, text, start, end):
        return True
    if label == "social_name_before" and not _name_before_ok(doc, text, start, end):
        return True
    if (
        label == "street_address"
        and rule.pattern.startswith("(?:(?:we|i|they) live")
        and not (_capital_names_any(doc, start, end + 1))
    ):
        return True
    if label == "social_name" and not _capital_names(doc, start, end, 0):
        return True  # "find me on Facebook, Jo Bloggs": the name written as a name
    if label == "real_name" and not _capital_names(doc, start, end, 0):
        return True
    if (
        label == "social_handle"
        and "called" in text[start:end]
        and not re.search(r"called\s*[\"']", text[start:end])
    ):
        return True  # a name given for a page is quoted: "both called 'Three Little Acorns'"
    # ... and follows the page's kind ("our vlog is on YouTube, both called ...").
    return (
        label == "social_handle"
        and "called" in text[start:end]
        and not re.search(
            r"\b(?:youtube|instagram|insta|tiktok|channel|vlog|blog|page|account|fb|facebook)\b",
            text[max(0, start - 60) : start],
        )
    )


def _with_checks(rule: Rule) -> Rule:
    own = rule.veto

    def veto(text: str, start: int, end: int) -> bool:
        doc = getattr(_LOCAL, "doc", None)
        return (own is not None and own(text, start, end)) or (
            doc is not None and _rejected(doc, rule, start, end)
        )

    object.__setattr__(rule, "veto", veto)
    return rule


_LOCAL = threading.local()  # the message being scanned, for the vetoes that read the author's capitals


def scan_more(doc: Doc, priority: int, action: Action) -> list[tuple[str, int, int, int, Action]]:
    text, data = doc.norm.text, doc.norm.data
    found: list[tuple[str, int, int, int, Action]] = []
    _LOCAL.doc = doc
    for f in RULES.find(text, data, doc.audience):
        label = f.rule.label
        found.append((_LABELS.get(label, label), f.start, f.end, priority, action))
    # Each check below runs on every message: each is gated by a substring or an RE2 search of the
    # bytes (linear, one pass), and the Python regex (look-arounds, groups) runs only past the gate.
    # A number given in pieces joined by "then" ("07700 then 900 then 123"): read without the "then"s.
    if (b"then" in data or b"followed by" in data) and _THEN.search(text):
        from .identity import find_phone_numbers  # identity imports this module

        joined = _THEN.sub(" ", text)
        if find_phone_numbers(joined, joined.encode("ascii")):
            found.append(("phone_number", 0, len(text), priority, action))
    # A number with letters for digits or its words misspelled ("O7 7OO 9OO S8I", "sevn sevn",
    # "oh7, seven, double oh, niner"): read as digits.
    if search_span(_NUMBERISH_GATE, data) or search_span(_SIX_NUMBER_WORDS, data):
        from .identity import find_phone_numbers  # identity imports this module

        read = _as_digits(text)
        if read != text and find_phone_numbers(read, read.encode("ascii")):
            found.append(("phone_number", 0, len(text), priority, action))
    # Where a young person is now, with an invitation to come ("i'm at the X now, come say hi").
    if doc.audience == "youth" and b"come" in data and _COME_FIND.search(text):
        found.append(("location", 0, len(text), priority, action))
    # An email in words ("patrick underscore ofarrell at live dot ie"), said to be an email.
    if b"mail" in data and _EMAIL_WORD.search(text):
        spoken = _SPOKEN.sub(lambda m: {"underscore": "_", "at": "@", "dot": "."}[m.group(1)], text)
        if _EMAIL.search(spoken):
            found.append(("email", 0, len(text), priority, action))
    # An email spelled letter by letter: the letters joined, read as an email (which needs an "@").
    if b"@" in data:
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


def _name_before_ok(doc: Doc, text: str, start: int, end: int) -> bool:
    """ "I'm Mark Ellery on Facebook": the two words after "I'm" are written as a name and a
    platform is named right there."""
    first, last = doc.norm.span(start, end)
    words = doc.norm.original[first:last].replace(",", " ").split()
    names = [w for w in words if w.lower() not in {"on", "me", "messages", "message"}]
    lowered = [w.lower().strip("'") for w in words]
    if not any(w in _PLATFORM_WORDS for w in lowered):
        return False
    name = [w for w in names[1:] if w.lower().strip("'") not in _PLATFORM_WORDS][:2]
    return (
        len(name) == 2 and all(_CAPITAL_WORD.fullmatch(w) for w in name) and name[0].lower() not in _NOT_NAMES
    )


_PLATFORM_WORDS = frozenset(read_terms("platforms.txt")) | {
    "linkedin",
    "facebook",
    "fb",
    "insta",
    "instagram",
}
_NUMBERISH = re.compile(
    r"\b(?:sevn|nyne|niner|fife|fower|tree|wun|[0-9]+[oilsz]+[0-9oilsz]*|[oilsz]+[0-9]+[0-9oilsz]*|oh[0-9])\b"
)
_NUMBER_WORDS = re.compile(
    r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|hundred|double|[0-9]+)\b"
)
# The same two tests in RE2, as the gate of the digits reading: a number-like word, or six number
# words in the message (``len(_NUMBER_WORDS.findall(text)) >= 6``).
_NUMBERISH_GATE = re2.compile(_NUMBERISH.pattern.encode("ascii"))
_SIX_NUMBER_WORDS = re2.compile(f"(?s)(?:{_NUMBER_WORDS.pattern}.*?){{6}}".encode("ascii"))
_MISSPELT = {"sevn": "seven", "nyne": "nine", "niner": "nine", "fife": "five", "fower": "four",
             "tree": "three", "wun": "one"}  # fmt: skip
_LOOKALIKE_DIGITS = str.maketrans("oilsz", "01152")


def _as_digits(text: str) -> str:
    def word(match: re.Match[str]) -> str:
        token = match.group()
        if token in _MISSPELT:
            return _MISSPELT[token]
        if token.isdigit():
            return token
        if _OH_DIGITS.fullmatch(token):
            return "0" + token[2:]
        if _DIGIT_LOOKALIKES.fullmatch(token):  # digits with look-alike letters ("o7", "s8i")
            return token.translate(_LOOKALIKE_DIGITS)
        return _LETTERS_DIGITS_JOIN.sub(" ", token)

    read = _READ_AS_DIGITS.sub(word, text)
    return _THEN.sub(" ", _STOP_BETWEEN_PIECES.sub(" ", read))


# The words _as_digits may change: a misspelt number word, or one with a digit in it. Every other
# word reads as itself, so it is not handed to Python at all (most of a message).
_READ_AS_DIGITS = re.compile(
    r"(?<![a-z0-9])(?:" + "|".join(_MISSPELT) + r"|[a-z0-9]*[0-9][a-z0-9]*)(?![a-z0-9])"
)
_OH_DIGITS = re.compile(r"oh[0-9]+")
_DIGIT_LOOKALIKES = re.compile(r"[0-9oilsz]+")
_LETTERS_DIGITS_JOIN = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
_STOP_BETWEEN_PIECES = re.compile(r"(?<=[0-9a-z])[.,]\s+(?=[0-9a-z])")


_COME_FIND = re.compile(
    r"\b(?:i'?m|im|i am|i work|i'?ll be|ill be)\b[^.!?]{0,50}\b(?:at|in) (?:the )?[a-z][^.!?]{0,80}?"
    r"(?:\bnow\b|\bweekends\b|\btill\b|\buntil\b)[^.!?]{0,80}\bcome (?:and )?(?:say hi|see me|find me|say "
    r"hello)"
)
_EMAIL_WORD = re.compile(r"\b(?:e-?mail|mail me|email me)\b[^.!?]{0,40}\bat\b[^.!?]{0,30}\bdot\b")
_SPOKEN = re.compile(r"\s+(underscore|at|dot)\s+")


RULES = RuleSet([_with_checks(rule) for rule in IDENTITY_MORE_RULES], _FRAGMENTS)
