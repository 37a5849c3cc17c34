"""Harassment in young people's spaces that the earlier tables missed (issue #12, ninth round,
rules9-b). Run by ``abuse.Harassment`` beside ``harassment_knowing.py``; young people's spaces only.
In these spaces the one it was done to telling of it ("everyone at school calls me 'the adopted
one'") is itself a reason for a moderator to look, so a taunt reported by its target is held too (P3).

- adoption or care made the taunt: "foster freak", "go back to care", "returned to sender", "where's
  your REAL mum", "ur carers dont love u", "back to ur druggie mum", "the charity case";
- a threat to expose what the target keeps private: "tell everyone im adopted if i dont", "what i was
  called before", "post ur house next", "posted my home address";
- a threat for later at school: "they'll jump you after school", "see what happens on monday";
- piling on: "who else thinks [x] is the cringiest", "drop a skull", "someone film it next time";
- cruelty said politely: "the least interesting person", "forgive me if I don't care about your
  little", "everyone has trauma get over it", "only real friends are invited ... obviously not you";
- a family's secret told for a laugh: "her dad's actually in prison lol".

Look-alikes tested beside each (tests/moderation/screening/test_harm_unseen.py): friends' banter, a
question about how to answer "where's your real mum", a lesson on care leavers, an address for a party
the writer gives for themselves, a match "after school".
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, either, near, preceded_by

# A lesson, a talk, advice or a question about how to answer: not the taunt itself.
_LESSON = re.compile(
    r"\b(?:lesson|assembly|pshe|workshop|training|article|book|film|episode|how (?:do|should|can) (?:i|you|"
    r"u) (?:answer|respond|reply|deal)|what do (?:i|you|u) (?:say|answer)|if (?:someone|anyone|people) "
    r"(?:says|asks|calls)|never say|don'?t say|shouldn'?t say|stop saying|stop calling|anyone else find|"
    r"find it hard|its rude|it'?s rude|could get|(?:you|u) (?:could|can|might) (?:say|answer|reply)|try "
    r"saying|one answer|reply with|answer with)\b"
)


def _lesson(text: str, start: int, end: int) -> bool:
    """A lesson or advice around the taunt, not inside it ("someone film it next time" is no film)."""
    return (
        _LESSON.search(text, max(0, start - 80), start) is not None
        or _LESSON.search(text, end, end + 80) is not None
    )


# Friends' banter that says so.
_BANTER = re.compile(r"\b(?:love (?:u|you|ya)|jk|only joking|bestie|bff|ily|my fave|hehe)\b")


def _banter(text: str, start: int, end: int) -> bool:
    """Banter said around the taunt, not inside it ("ur carers dont love u" is no "love u")."""
    return (
        _BANTER.search(text, max(0, start - 60), start) is not None
        or _BANTER.search(text, end, end + 60) is not None
    )


# Told as over: "i told them it's not ok and they stopped".
_RESOLVED = re.compile(
    r"\b(?:(?:they|it|she|he)(?: \w+)? (?:stopped|has stopped|have stopped)|sorted (?:it|now)|told them "
    r"(?:it'?s|its) not ok)\b"
)


def _resolved(text: str, start: int, end: int) -> bool:
    return near(_RESOLVED, text, start, end, 100)


_HOLIDAY = preceded_by(r"(?:holiday|trip|residential|camp|school|half term|xmas|christmas)(?: \w+){0,4}", 40)

HARASSMENT_UNSEEN_RULES = (
    Rule(
        # Adoption or care made the taunt, said to the target or told by them.
        "belonging",
        alternatives(
            "(?:foster|care|adopted|adoption) (?:freak|kid freak|reject|mistake|trash|scum|rat|tramp)",
            "(?:go|send (?:her|him|them|u|you)) back to (?:care|the care home|the home|foster care|"
            "(?:ur|your|her|his) (?:druggie|junkie|crackhead|smackhead|alcoholic|real|birth|prison) "
            "(?:mum|mam|mom|dad|family|parents))",
            "returned to sender",
            "(?:should|to|just|go|u can|you can) go back to where (?:u|you|she|he|they) (?:came|come) from",
            "said i should ['\"]?go back to where i (?:came|come) from",
            "the (?:adopted|foster|care|charity) (?:one|kid|girl|boy|case)",
            "(?:ur|your) carers (?:don'?t|dont|never|will never|could never|can'?t|cant) (?:love|want|like) "
            "(?:u|you)",
            "(?:where'?s|wheres|where is) (?:ur|your|her|his) real (?:mum|mam|mom|dad|family|parents)",
            "(?:my|her|his|ur|your) real (?:mum|parents|dad|family) (?:were|was|is|are) (?:junkies|druggies|"
            "crackheads|alcoholics|smackheads|prostitutes?|a prostitute|in prison)",
            "(?:(?:she|he)'?s|shes|hes|(?:she|he) is) a prostitute",
            "(?:fat|ugly|thick|ginger|weird|poor),? adopted and",
            "'?charity case'?",
        ),
        "go back to care where u belong",
        audiences=YOUTH_ONLY,
        veto=either(_lesson, _banter, _resolved),
    ),
    Rule(
        # A threat to expose what the target keeps private, or their home.
        "threat",
        alternatives(
            "tell (?:everyone|every1|everybody|the whole (?:school|year|class))(?: at (?:my|ur|your|school))?"
            "(?: that)? (?:i'?m|im|i am|ur|you'?re|u r|youre|she'?s|he'?s) (?:adopted|in care|fostered)",
            "(?:tell|telling) (?:everyone|every1|everybody)(?: \\w+){0,4} what (?:i|u|you) (?:was|were) "
            "called before",
            "(?:post|share|leak) (?:ur|your) (?:house|address|real name|birth name)(?: \\w+){0,1}",
            "posted my (?:home )?address",
            "(?:i|we) know (?:ur|your) (?:birth|old|real) name",
        ),
        "say theyll tell everyone im adopted if i dont",
        audiences=YOUTH_ONLY,
        veto=_lesson,
    ),
    Rule(
        # A threat for later, at school.
        "threat",
        alternatives(
            "(?:jump|batter|deck|smash|leather|stab|knock) (?:you|u|her|him) (?:out )?(?:after school|at the "
            "gates?|on monday|tomoz|tomorrow)",
            "(?:see|watch) what happens (?:on )?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|tomoz|"
            "after school|at school)",
            "(?:she|he|they)'?d? (?:beat|batter|deck) me up",
        ),
        "keep talking and see what happens on monday",
        audiences=YOUTH_ONLY,
        veto=either(_lesson, _HOLIDAY),
    ),
    Rule(
        # Piling on: a vote against someone, a call to film them, the class invoked.
        "ganging_up",
        alternatives(
            "who else thinks(?: [a-z']+){1,4} (?:is|are) (?:the )?(?:cringiest|cringe|worst|ugliest|weirdest|"
            "most annoying|most pathetic)",
            "(?:someone|some1|somebody) (?:film|record|video) it next time",
            "drop a (?:skull|l)\\b",
        ),
        "who else thinks his poetry is the cringiest thing here",
        audiences=YOUTH_ONLY,
        veto=_lesson,
    ),
    Rule(
        # Cruelty said politely, or a party the target is told they are not at.
        "contempt",
        alternatives(
            "(?:the )?least interesting person",
            "(?:the )?misfortune of (?:reading|meeting|knowing|hearing)",
            "forgive me if i (?:don'?t|dont|do not) care about (?:your|ur)",
            "everyone has trauma,? get over it",
            "obviously not (?:you|u)",
            "(?:actually|really) in (?:prison|jail) lol",
            "(?:ur|your|his|her) little ['\"]?(?:identity crisis|trauma|feelings|problems)",
        ),
        "forgive me if i dont care about your little identity crisis",
        audiences=YOUTH_ONLY,
        veto=either(_lesson, _banter),
    ),
)
