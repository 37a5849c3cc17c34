"""Harassment with no insult and no threat word, fifth set (issue #12, the eighth session's writers,
rules8-benign). Run by ``abuse.Harassment`` beside ``harassment_unsaid.py``, over the de-obfuscated
view too.

- self-harm urged in the newer word: "go unalive urself";
- an adoptive family mocked as not real: "your new 'family'", "hope it works out better than the
  last one", "how hard you try to seem like a proper family", "your real one didn't want you",
  "she's not my sister, she's adopted";
- shutting out, in young people's spaces: "ur not on it" (the lunch table's list), "stop sitting
  near us", "after we told her to leave";
- hate said of a group as a whole: "those communities can't raise children", "[a group] adopting
  now? where will it end";
- an address given with an invitation to go round: "if anyone wants to pay her a visit".

Look-alikes vetoed beside each (tests/moderation/screening/test_lookalikes_benign.py): a taunt told
by the one it was said to, scare quotes about oneself, an admin's list, a hospital visit.
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, either, followed_by, near, preceded_by
from .harassment_indirect import _TOLD, QUOTED

_YOU = r"(?:you|u|ya|yer)"
_YOUR = r"(?:your|ur|yer)"
_KIN = r"(?:family|mum|mam|mom|dad|parents|son|daughter|kids?|child|children|brother|sister|siblings?)"

# Told as what someone else said ("they keep saying 'your new family'"), or quoted: their story.
_REPORTED = either(
    QUOTED,
    _TOLD,
    preceded_by(
        r"(?:call|calls|called|calling|said|says|told|ask|asks|asked|asking|askin|keep|keeps|kept|"
        r"writing|write|writes|comment|comments|like)[^.!?]{0,25}",
        40,
    ),
)

# An address, a street or where someone is found near the invitation to go round.
_WHERE_SOMEONE_IS = re.compile(
    r"\b(?:lives?|living|address|that'?s where|thats where|find (?:her|him|them)|\d+ [a-z]+ (?:street|st|"
    r"road|"
    r"rd|lane|close|mews|avenue|drive|way|crescent|court|grove|gardens|place))\b"
)
# ... but a visit that is kindness: a hospital, company, flowers.
_KIND_VISIT = re.compile(
    r"\b(?:hospital|ward|hospice|care home|company|visitors|cheer (?:her|him|them) up|flowers|card|cake|"
    r"lonely|poorly|recovering)\b"
)

HARASSMENT_KNOWING_RULES = (
    Rule(
        # Self-harm urged, in the word for it that gets past filters.
        "incitement",
        alternatives(
            f"(?:go |just |pls |please |and )?(?:unalive|un-alive) (?:{_YOUR} ?self|yourself|yoself|"
            f"ya ?self)",
            f"(?:go |just |pls |please )?(?:unalive|un-alive) {_YOU}",
        ),
        "go unalive urself",
        # "the game will unalive you too if you miss the jump": a game's death.
        veto=either(_REPORTED, followed_by(r"too|as well|in (?:the )?game")),
    ),
    Rule(
        # The adoptive family mocked as not real, or the child as unwanted.
        "belonging",
        alternatives(
            "(?:hope|hoping|fingers crossed|let'?s hope) (?:it|this one|they|she|he|"
            "the new one) (?:works? out|goes|lasts?|turns? out) better than the "
            "last (?:one|family|placement|lot|kid|child|time)",
            f"(?:{_YOU}|they|she|he) (?:[a-z]+ )?(?:try|tries|trying|tried) (?:so hard )?to (?:seem|look|act|"
            f"pass|play) (?:like )?(?:a |the )?(?:proper|real|normal) {_KIN}",
            f"{_YOUR} (?:real|actual|proper|birth) (?:one|mum|mam|mom|dad|parents|family) (?:didn'?t|didnt|"
            f"did "
            f"not|never|don'?t|dont) (?:want|love) (?:{_YOU}|a)",
            r"(?:not|isn'?t|isnt) (?:my|our|his|her|a) (?:real |proper )?(?:sister|brother|sibling|son|"
            r"daughter|mum|dad)[,.!? ]*(?:she'?s|he'?s|shes|hes|they'?re|she is|he is|theyre) (?:just |"
            r"only )?"
            r"adopted",
        ),
        "hope it works out better than the last one",
        veto=_REPORTED,
    ),
    Rule(
        # The family in scare quotes: "your new 'family'" (the closing quote is checked after the word,
        # as the rule's word boundary cannot end on a quote).
        "belonging",
        f"{_YOUR} (?:new |little |lovely |so-called |so called )?['\"]{_KIN}",
        "congratulations on your new 'family'",
        needs=lambda text, start, end: text[end : end + 1] in ("'", '"'),
        veto=_REPORTED,
    ),
    Rule(
        # Shutting someone out, in young people's spaces: the list they are not on, the table they
        # may not sit near, the group that told them to leave.
        "bullying",
        alternatives(
            f"(?:ur|{_YOU}(?:'re|re| are| r)) not on (?:it|the list|our list)",
            f"(?:ur|{_YOU}(?:'re|re| are| r)) not (?:invited|welcome)(?: (?:here|with us|at (?:our|"
            f"the) table|"
            f"anymore))?",
            "(?:stop|quit|don'?t|dont) (?:sitting|sit|hanging around|hanging round|following us) (?:near|"
            "with|next to|by|around|round) us",
            f"(?:we|everyone|every1|everybody|we all) (?:told|asked) (?:her|him|them|{_YOU}) to (?:leave|go "
            f"away|get lost|stop posting|stay away|not come back)",
            "(?:list|rota) of who'?s (?:allowed|invited|welcome)",
        ),
        "we're making a list of who's allowed. ur not on it",
        audiences=YOUTH_ONLY,
        veto=either(
            _REPORTED,
            # An admin's or an organiser's list, a real reason to stay away.
            followed_by(
                r"(?:yet|to (?!(?:my|our|the|this|sit|join|come|hang)\b)|without|unless|until|till|because|"
                r"cos|cuz|if (?:you'?re|"
                r"ur|u r) (?:ill|sick|poorly)|sign up|email|message me|dm me|ask|this (?:time|week|round|"
                r"year))"
            ),
            # No room left: "the quiz team is full so ur not on it".
            preceded_by(
                r"(?:full|no (?:room|space|spaces|places)|only (?:\w+ )?(?:spaces|places))[^.!?]{0,20}", 40
            ),
        ),
    ),
    Rule(
        # A group judged unfit as a whole.
        "hate",
        alternatives(
            "(?:those|these|that|their|them|such) (?:communities|cultures|kind of people|sort of people|"
            "type of "
            "people|immigrants|foreigners) (?:can'?t|cannot|can not|don'?t know how to|never|shouldn'?t|"
            "should "
            "not) (?:raise|bring up|look after|parent|care for|be trusted with|be allowed)",
            "(?:muslims?|black|asian|gay|gays|lesbians?|trans|immigrants?|foreigners|travellers?|gypsies|"
            "disabled)(?: [a-z]+)? (?:adopting|fostering|raising|adopt|foster)(?: [a-z]+){0,3}(?: now)?"
            "[?.!, ]+where (?:will|does) it (?:all )?end",
        ),
        "when those communities can't raise children",
        veto=_REPORTED,
    ),
    Rule(
        # An address given with an invitation to go round.
        "threat",
        "if (?:anyone|any1|anybody|someone|you|u|yous|you lot|u lot)<F1> (?:wants?|fancies|fancy) (?:to )?"
        "(?:pay(?:ing)? (?:her|him|them) a (?:little |quick )?visit|giv(?:e|ing) (?:her|him|them) a piece of "
        "(?:their|your|ur) mind|hav(?:e|ing) a (?:word|little word|chat) with (?:her|him|them)|sort(?:ing)? "
        "(?:her|him|them) out|teach(?:ing)? (?:her|him|them) a lesson|knock(?:ing)? on (?:her|his|"
        "their) door)",
        "she lives on Mill Road if anyone wants to pay her a visit",
        needs=lambda text, start, end: near(_WHERE_SOMEONE_IS, text, start, end),
        veto=lambda text, start, end: near(_KIND_VISIT, text, start, end),
    ),
)
