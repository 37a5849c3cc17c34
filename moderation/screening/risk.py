"""Risk to life or of harm: self-harm and suicide, abuse disclosure, child-to-parent violence.

PRODUCT.md 2.7: these run on everything, a risk-to-life signal always shows the author crisis
signposts at once, and rules are stricter in young people's spaces.

The phrases are grouped by what a moderator must do about them, not by wording: "imminent" (a
stated plan, a time, an act under way: P0, fifteen minutes) against "ideation" and history (P1).
Idioms that use the same words ("I could kill for a coffee", "this homework is killing me", "cut
the grass") are not in these patterns, and a few near-misses are vetoed by the words around them.

The phrases themselves are tables in ``tables/`` (``self_harm_words.py``, ``self_harm.py``,
``abuse_disclosure.py``, ``child_to_parent.py``, and beside each the same risk said indirectly:
``self_harm_indirect.py``, ``abuse_indirect.py``, ``child_to_parent_indirect.py``); this module is the
code that reads them.
"""

from __future__ import annotations

import re

from .lexicon import read_terms
from .patterns import RuleSet, merge
from .tables.abuse_carers import ABUSE_CARER_RULES
from .tables.abuse_disclosure import ABUSE_FRAGMENTS, ABUSE_RULES
from .tables.abuse_indirect import ABUSE_INDIRECT_RULES
from .tables.abuse_signs import ABUSE_SIGN_RULES
from .tables.benign_youth import SINCE_LAST, abuse_told_as_over
from .tables.child_to_parent import CPV_FRAGMENTS, CPV_RULES
from .tables.child_to_parent_indirect import CPV_INDIRECT_RULES
from .tables.harm_unseen import HARM_UNSEEN_ABUSE_RULES, HARM_UNSEEN_CPV_RULES
from .tables.self_harm import SELF_HARM_RULES
from .tables.self_harm_indirect import SELF_HARM_INDIRECT_RULES
from .tables.self_harm_leavings import SELF_HARM_LEAVING_RULES
from .tables.self_harm_plans import (
    SELF_HARM_PLAN_LAST_RULES,
    SELF_HARM_PLAN_MORE_RULES,
    SELF_HARM_PLAN_RULES,
)
from .tables.self_harm_signs import SELF_HARM_SIGN_RULES
from .tables.self_harm_signs_more import SELF_HARM_SIGN_MORE_RULES
from .tables.self_harm_unseen import (
    SELF_HARM_UNSEEN_PLAN_RULES,
    SELF_HARM_UNSEEN_RULES,
    SELF_HARM_UNSEEN_TOLD_RULES,
)
from .tables.self_harm_words import SELF_HARM_FRAGMENTS
from .types import Action, Doc, Hit

# The phrase tables live in ``tables/``; they are named here too, as the families' rules.
__all__ = [
    "ABUSE_FRAGMENTS",
    "ABUSE_INDIRECT_RULES",
    "ABUSE_RULES",
    "CPV_FRAGMENTS",
    "CPV_INDIRECT_RULES",
    "CPV_RULES",
    "RECOVERED_PRIORITY",
    "SELF_HARM_FRAGMENTS",
    "SELF_HARM_INDIRECT_RULES",
    "SELF_HARM_LEAVING_RULES",
    "SELF_HARM_PLAN_LAST_RULES",
    "SELF_HARM_PLAN_MORE_RULES",
    "SELF_HARM_PLAN_RULES",
    "SELF_HARM_RULES",
    "SELF_HARM_SIGN_MORE_RULES",
    "SELF_HARM_SIGN_RULES",
    "SELF_HARM_UNSEEN_PLAN_RULES",
    "SELF_HARM_UNSEEN_RULES",
    "SELF_HARM_UNSEEN_TOLD_RULES",
    "AbuseDisclosure",
    "ChildToParentViolence",
    "SelfHarm",
    "bare_goodbye",
    "emoji_only_risk",
    "recovered_experience",
]

# A past experience told as over ("I used to self harm when I was 12, two years clean now, it gets
# better"; "I was suicidal at 19, I'm 34 now"): people share these to give others hope, and holding
# them silences exactly the voices a young person needs to hear. Only when the message has a past
# marker and a recovery marker and nothing that sounds current ("again", "lately", "tonight",
# "still", "want to", "scared"...). Even then it is not let go unseen: allowed, with signposts,
# and queued at P3 for a moderator to read.
_PAST = re.compile(
    r"\b(?:used to|ages ago|in (?:year|yr) \d+|in the past|last (?:winter|summer|spring|autumn)|"
    r"(?:it'?s|its) been (?:a|one|\d+|two|three|four|five|six) (?:years?|months?) since|"
    r"when i was (?:younger|little|a (?:kid|child|teen|teenager)|\d+|in care|at school|"
    r"in year)|(?:years|months) ago|years back|at (?:1\d|2\d)\b|as a (?:kid|teen|teenager)|back then|"
    r"in my (?:teens|twenties|youth)|decade|"
    r"back in|(?:19|20)\d\ds?\b|last year|i was once|(?:years|months) on from|(?:i'?m|im) (?:[2-9]\d|in my "
    r"\w+) now|(?:years|months) since|(?:he'?s|she'?s|hes|shes) (?:1[6-9]|[2-9]\d) now)"
)
_RECOVERED = re.compile(
    r"\b(?:now|anymore|any more|clean|haven'?t (?:in|since|for)|gets? (?:better|easier)|got help|"
    r"got better|recovered|recovery|(?:better|other|healthier|new) ways to cope|"
    r"doing (?:\w+ ){0,2}better|happier|happy|good place|came through|"
    r"come through|through it|hope is real|it passed|(?:so much|much|loads|way) better|got married|graduated|"
    r"qualified|apprenticeship|doing (?:really |so )?well|(?:hasn'?t|has not|never) (?:returned|come back)|"
    r"(?:i'?m|im) still here|(?:\d+|two|three|four|five|ten|fifteen|twenty) years? "
    r"(?:clean|free|later|on)|(?:self[- ]?harm|sh) free|free (?:of|from) it|proud|"
    r"(?:on|out) the other side|getting help (?:was|is|has been)|(?:was|is) the depression talking|"
    r"(?:stopped|quit) (?:\w+ ){0,2}(?:years?|months?) ago)\b"
)
_CURRENT = re.compile(
    r"\b(?:again|relapsed?|relapsing|started|starting|back to|still|lately|recently|tonight|today|"
    r"right now|rn|this week|last night|(?<!didn't )(?<!didnt )(?<!did not )(?:want to|wanna)|going to|"
    r"gonna|plan|planning|cant|can't|scared|"
    r"help me|struggling|urges?|thinking about|keep|(?:he|she|they) keeps (?:saying|on|talking|telling)|"
    r"not jokin[g']? now|now i (?:cut|burn|hurt myself|scratch)|"
    # the crisis told in the present inside a long post that also has a past and a "now" in it: "I sit
    # in the bath at night and think about...", "every day I think about not being alive", "I've
    # decided", "he's been messaging me at 3am saying..."
    r"i (?:sit|lie|lay) (?:awake|in|on|there|up)|(?:i|he|she) (?:find|finds) (?:myself|himself|herself)|"
    r"(?:every|each) (?:single )?(?:day|night|morning) i|night after night|most nights|"
    r"(?:i'?ve|ive|i have|i'?d|she'?s|he'?s) (?:already )?decided|(?<!used to )i think about|"
    r"(?:he'?s|she'?s|hes|shes|he has|she has|they'?ve) been (?:messaging|texting|saying|posting|talking)|"
    r"doesn'?t even (?:frighten|scare)|not even (?:upset|scared|frightened)|before i go)\b"
)
RECOVERED_PRIORITY = 3

# A message of little but emoji for a way to die ("🪦🪦🪦 soon", "🔪🩸😵", "😔💊💊💊"): the words the
# rules read are gone (emoji fold to spaces, text.py), so the emoji themselves are the signal. Only
# when at most a few short words of leaving or time come with them: "rip my phone battery 🪦" and
# "when the teacher says 'pop quiz' 🪦🪦🪦" are jokes told in words.
# One character class, searched in C: a loop over a 500-character message in Python cost more than
# all the self-harm phrase rules together (bench B7).
_RISK_EMOJI = re.compile("[" + "".join(re.escape(e) for e in read_terms("risk_emoji.txt")) + "]")
_FEW_WORDS = frozenset(
    {"soon", "again", "bye", "byee", "x", "xx", "xxx", "gone", "time", "its", "it's", "nearly", "almost"}
    | {"now", "tonight", "today", "done", "that's", "it", "from", "me", "for", "good", "forever"}
    | {"hopefully", "nite", "sry", "kidding", "unless"}
)


# A young person's whole message a goodbye, with nothing ordinary said beside it ("bye x", "bye
# everyone", "ta ra all. for good"): how a final goodbye is posted. An everyday goodbye gives its reason
# or a return ("bye everyone gotta go to tea", "bye x see u in form tmrw", "bye for now"), and any word
# outside this list lets the message go. Young people's spaces only; short messages only, so it costs
# nothing on the rest.
_GOODBYE_OPENERS = frozenset({"bye", "byee", "byeee", "goodbye", "tara", "ta", "cya", "farewell"})
_GOODBYE_WORDS = _GOODBYE_OPENERS | frozenset(
    {
        "ra",
        "everyone",
        "everybody",
        "all",
        "guys",
        "yall",
        "y'all",
        "x",
        "xx",
        "xxx",
        "for",
        "good",
        "forever",
    }
)


def bare_goodbye(original: str) -> bool:
    """``original`` (the author's text) is a goodbye and nothing else."""
    if len(original) > 40:
        return False
    words = re.findall(r"[a-z']+", original.lower())
    return bool(words) and words[0] in _GOODBYE_OPENERS and all(word in _GOODBYE_WORDS for word in words)


def emoji_only_risk(original: str) -> bool:
    """``original`` (the author's text) is mostly emoji for a way to die, with at most a few words of
    leaving or time."""
    if len(original) > 80 or _RISK_EMOJI.search(original) is None:  # a few words at most, see below
        return False
    words = re.findall(r"[a-z']+", original.lower())
    return len(words) <= 4 and all(word in _FEW_WORDS for word in words)


# A milestone of recovery is a past told as over on its own, and its "today" is the anniversary, not a
# relapse: "3 years clean from self harm today", "5 months no sh today", "im 2 years clean now",
# "six years ago tonight I was in an ambulance".
_NUMBER = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_MILESTONE = re.compile(
    rf"\b(?:{_NUMBER} (?:years?|yrs?|months?|weeks?|days?) (?:clean|free|(?:self[- ]?harm|sh) free|without "
    r"(?:self[- ]?harm|sh|cutting)|no (?:self[- ]?harm|sh|cutting))|clean (?:from|of) (?:self[- ]?harm|sh|"
    rf"cutting) (?:for )?{_NUMBER} (?:years?|yrs?|months?|weeks?|days?)|"
    # an anniversary: "ten years ago tonight I nearly took my own life. Today I took my son to football"
    rf"{_NUMBER} years? ago (?:today|tonight|this week)|"
    # a carer's news of it: "today he told us he's been free of it for a year"
    rf"(?:been )?(?:free of it|clean) for (?:{_NUMBER}|over a|more than a) (?:years?|months?)|"
    # counted from the last time: "100 days since I last hurt myself" (tables/benign_youth.py)
    rf"{SINCE_LAST})\b"
)


def recovered_experience(text: str) -> bool:
    """``text`` (folded) tells a self-harm or suicidal past as over, with nothing current in it."""
    milestone = _MILESTONE.search(text) is not None
    if not (milestone or (_PAST.search(text) and _RECOVERED.search(text))):
        return False
    return not any(_current(text, m, milestone) for m in _CURRENT.finditer(text))


# Advice to others is not the writer's present: "if anyone's struggling talk to someone", "keep going".
_ADVICE_BEFORE = re.compile(r"\b(?:if|anyone|any1|anybody|you|u|ur|youre|you'?re|those)\b[^.!?]{0,15}$")


# Words of the present that are not the risk's present: "want to share what helped", "planning
# uni", "I'm not going to say it's been easy", "I still check on her" (a carer), "please tell
# someone today" (advice to the reader).
_NOT_THE_RISK_AFTER = {
    "want to": re.compile(r" (?:share|say|thank|mark|let|tell (?:you|everyone)|give back|pass on)\b"),
    "wanna": re.compile(r" (?:share|say|thank|mark|let|tell (?:you|everyone)|give back|pass on)\b"),
    "planning": re.compile(
        r" (?:uni|university|college|my (?:future|wedding|gap year)|a (?:trip|party|holiday)|"
        r"for (?:uni|college|the future))\b"
    ),
    "going to": re.compile(r" (?:say|lie|pretend)\b"),
    "still": re.compile(r" (?:check|checking|worry|worrying)(?: \w+){0,2} (?:on|about) (?:her|him|them)\b"),
}
_TELL_SOMEONE_BEFORE = re.compile(
    r"\b(?:tell|talk to|ring|call|text|reach out to) (?:someone|somebody|anyone|a (?:friend|teacher|gp|"
    r"adult))[^.!?]{0,3}$"
)


_STARTED_SOMETHING = re.compile(r" (?:an? |his |her |my |at |college|uni|work|school|secondary|sixth form)")


def _current(text: str, found: re.Match[str], milestone: bool) -> bool:
    word = found.group()
    if word in ("today", "tonight", "this week") and milestone:
        return False
    if word == "struggling" and _ADVICE_BEFORE.search(text, 0, found.start()):
        return False
    # "I'm still here" said of surviving; "just started an apprenticeship" is not a relapse started.
    if word == "still" and re.match(r" here\b(?![,.]? but)", text[found.end() : found.end() + 12]):
        return False
    after = _NOT_THE_RISK_AFTER.get(word)
    if after is not None and after.match(text, found.end()):
        return False
    if word == "today" and _TELL_SOMEONE_BEFORE.search(text, 0, found.start()):
        return False
    if word == "started" and _STARTED_SOMETHING.match(text, found.end()):
        return False
    return not (word == "keep" and text.startswith(" going", found.end()))


class SelfHarm:
    """Always held; imminent intent is P0, ideation and history P1. Signposts come from the engine.
    A past experience told as over (``recovered_experience``) is allowed with signposts and queued
    at P3 instead."""

    category = "self_harm"

    def __init__(self) -> None:
        # The plain words first, then the same risks said indirectly (tables/self_harm_indirect.py),
        # then told by their signs: means gathered, injuries' consequences, goodbyes (self_harm_signs.py,
        # self_harm_signs_more.py), then told by its plans and leavings (self_harm_plans.py), by its
        # date and its arrangements (self_harm_leavings.py), and by what those still missed
        # (self_harm_unseen.py).
        self.rules = RuleSet(
            SELF_HARM_RULES
            + SELF_HARM_INDIRECT_RULES
            + SELF_HARM_SIGN_RULES
            + SELF_HARM_SIGN_MORE_RULES
            + SELF_HARM_PLAN_RULES
            + SELF_HARM_PLAN_MORE_RULES
            + SELF_HARM_PLAN_LAST_RULES
            + SELF_HARM_LEAVING_RULES
            + SELF_HARM_UNSEEN_RULES
            + SELF_HARM_UNSEEN_PLAN_RULES
            + SELF_HARM_UNSEEN_TOLD_RULES,
            SELF_HARM_FRAGMENTS,
            self.category,
        )

    def scan(self, doc: Doc) -> list[Hit]:
        found: list[tuple[str, int, int, int, Action]] = [
            (f.rule.label, f.start, f.end, 0 if f.rule.level == "imminent" else 1, "hold")
            for f in self.rules.find(doc.norm.text, doc.norm.data, doc.audience, doc.vetoed)
        ]
        if found and recovered_experience(doc.norm.text):
            found = [(label, a, b, RECOVERED_PRIORITY, "allow") for label, a, b, _, _ in found]
        hits = merge(self.category, found)
        if not found and emoji_only_risk(doc.norm.original):
            whole = ((0, len(doc.norm.original)),)
            hits.append(Hit(self.category, "risk_emoji", whole, 1, "hold", spans_in_original=True))
        elif not found and doc.audience == "youth" and bare_goodbye(doc.norm.original):
            whole = ((0, len(doc.norm.original)),)
            hits.append(Hit(self.category, "bare_goodbye", whole, 1, "hold", spans_in_original=True))
        return hits


class AbuseDisclosure:
    """Held: P0 from a young person (they may be at risk now), P1 from an adult. Abuse told as past
    and over (``tables.benign_youth.abuse_told_as_over``) is allowed and queued at P3 instead."""

    category = "abuse_disclosure"

    def __init__(self) -> None:
        # The plain words, then abuse told without them (tables/abuse_indirect.py), by a carer
        # (abuse_carers.py) and by what surrounds it (abuse_signs.py).
        self.rules = RuleSet(
            ABUSE_RULES
            + ABUSE_INDIRECT_RULES
            + ABUSE_CARER_RULES
            + ABUSE_SIGN_RULES
            + HARM_UNSEEN_ABUSE_RULES,
            ABUSE_FRAGMENTS,
            self.category,
        )

    def scan(self, doc: Doc) -> list[Hit]:
        priority = 0 if doc.audience == "youth" else 1
        found: list[tuple[str, int, int, int, Action]] = [
            (f.rule.label, f.start, f.end, priority, "hold")
            for f in self.rules.find(doc.norm.text, doc.norm.data, doc.audience, doc.vetoed)
        ]
        # Abuse told as past and over, with a safety now: allowed, and queued for a moderator at P3.
        if found and abuse_told_as_over(doc.norm.text):
            found = [(label, a, b, RECOVERED_PRIORITY, "allow") for label, a, b, _, _ in found]
        return merge(self.category, found)


class ChildToParentViolence:
    """Everyday, legitimate peer-support talk among carers: allowed in adult spaces but reported
    (P2) so moderators can offer support (004 names child-to-parent violence among the needs
    adoption support must meet); held (P1) when a young person writes about it."""

    category = "child_to_parent_violence"

    def __init__(self) -> None:
        # The plain words, then violence told in passing (tables/child_to_parent_indirect.py).
        self.rules = RuleSet(
            CPV_RULES + CPV_INDIRECT_RULES + HARM_UNSEEN_CPV_RULES, CPV_FRAGMENTS, self.category
        )

    def scan(self, doc: Doc) -> list[Hit]:
        action: Action = "hold" if doc.audience == "youth" else "allow"
        priority = 1 if doc.audience == "youth" else 2
        found: list[tuple[str, int, int, int, Action]] = [
            (f.rule.label, f.start, f.end, priority, action)
            for f in self.rules.find(doc.norm.text, doc.norm.data, doc.audience, doc.vetoed)
        ]
        return merge(self.category, found)
