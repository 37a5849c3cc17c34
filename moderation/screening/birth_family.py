"""Birth-family tracing and unplanned contact.

002: "contact might happen via social media without the consent of the family or adopted child
and where this happens support also needs to be provided"; 000 notes that social media lets young
people trace birth families earlier than before and lets birth families make contact. A moderator
looks before such a post goes out (P2 in adult spaces, P1 from a young person), because both a
how-to and a story naming where a relative was found can put a child at risk.

Planned, supported contact is everyday adoption talk and is not this category: "letterbox contact",
"contact with his birth grandparents went well", "we met his birth mum at the agency". The rules
therefore need a tracing or reaching-out verb next to a birth relative, or a relative making
contact through a channel the family did not arrange.  The rules for contact told without such a verb
(``tables/birth_family_indirect.py``) are vetoed when the words around them say that the contact goes
through the plan; on the tracing verbs that veto cost more real tracing than it spared look-alikes.
"""

from __future__ import annotations

import re

from .identity import PLATFORMS
from .lexicon import FRAGMENTS as PEOPLE
from .patterns import Rule, RuleSet, alternatives, either, followed_by, merge, preceded_by
from .tables.benign_youth import tracing_through_the_plan
from .tables.birth_family_indirect import BIRTH_FAMILY_INDIRECT_FRAGMENTS, BIRTH_FAMILY_INDIRECT_RULES
from .types import Action, Doc, Hit

BIRTH_FAMILY_FRAGMENTS = {
    **PEOPLE,
    "PLATFORM": PLATFORMS,
    "WHOSE": r"(?:my|his|her|their|our|your|ur|me|the(?: child'?s| kids'?| children'?s)?|[a-z]+'s)",
    "TRACE": alternatives(
        "found",
        "find",
        "finding",
        "tracked down",
        "track down",
        "tracking down",
        "traced",
        "trace",
        "tracing",
        "looked up",
        "look up",
        "looking up",
        "searched for",
        "searching for",
        "search for",
        "search",
        "looking for",
        "look for",
        "looked for",
        "stalking",
        "stalked",
        "located",
        "locate",
        "googled",
        "google",
    ),
    "REACH": alternatives(
        "message",
        "messaged",
        "messaging",
        "dm",
        "dmed",
        "dm'?d",
        "contact",
        "contacted",
        "contacting",
        "add",
        "added",
        "adding",
        "friend request(?:ed)?",
        "follow",
        "followed",
        "following",
        "get in touch with",
        "got in touch with",
        "getting in touch with",
        "reach out to",
        "reached out to",
        "reaching out to",
        "write to",
        "wrote to",
        "text",
        "texted",
        "inbox",
        "inboxed",
        "meet",
        "meeting",
        "visit",
    ),
    # What a birth relative does that is contact: "messaged him", "turned up at school".
    "MADE_CONTACT": alternatives(
        "(?:messaged|messages|messaging|contacted|contacts|contacting|found|finds|tracked down|tracked|"
        "traced|added|adds|follows|followed|friended|dm'?d|dmed|inboxed|texted|rang|called|phoned|emailed|"
        "wrote to) (?:him|her|me|us|them|my|our|his|the)",
        "(?:sent|sending|sends|send|started sending) (?:him|her|me|us|them) (?:a |some |loads of )?(?:friend "
        "requests?|follow requests?|messages?|dms?|texts?|requests?|gifts?|presents?|letters?|cards?)",
        "(?:reached|reaches|reaching) out(?: to)?",
        "(?:got|gets|getting) in touch",
        "(?:turned|turns|turning|showed|shows|showing) up",
        "(?:is|has been|keeps|kept|started|been) (?:messaging|following|contacting|texting|commenting|"
        "liking)",
        "wants? to (?:meet|see|contact|talk to|speak to) (?:him|her|me|us|them)",
        "(?:found|knows|has) (?:our|his|her|my) (?:address|school|number|profile|account)",
        "(?:found|knows) where (?:we|he|she|i|they) (?:live|lives|go|goes)",
    ),
}

# The routes an adopted adult traces by as the law sets them out (an intermediary service, the
# Adoption Contact Register): tracing told through them is the safe way, not the risk this category is for.
_OFFICIAL_ROUTE = (
    r"intermediary(?: service| agency| route)?|adoption contact register|tracing (?:agency|service)|"
    r"(?:official|proper|legal) (?:intermediary )?(?:route|routes|process|channels?)"
)
# A few words may come first ("traced my birth mother in 2009 through an intermediary"), but not
# a "not" or "without" ("found him on facebook without going through the agency").
_VIA_AGENCY = followed_by(
    r"(?:(?!not\b|without\b|instead\b|never\b|behind\b)[a-z0-9']+ ){0,3}"
    r"(?:through|via|with the help of|with help from|using) (?:the |our |his |her |an? )?(?:agency|social "
    r"worker|letterbox|post[- ]adoption|raa|local authority|council|la|adoption service|support worker|"
    rf"{_OFFICIAL_ROUTE})"
)
# Tracing with the route told first: "I used the intermediary service to trace my birth mum". Not
# when the sentence turns away from it ("used the intermediary service but it was slow so I found her
# online"). For the tracing rules only: contact told after a route ("we went to the intermediary
# service and now she's messaging her birth sister on snapchat") is still contact.
_ROUTE_FIRST = preceded_by(
    r"(?:used|using|use|through|via|with|applied to|went to|contacted|started)(?: the| an?| our)? "
    rf"(?:{_OFFICIAL_ROUTE})"
    r"(?:(?!\b(?:but|so|instead|then|until|now|not|never|without|gave up|too slow)\b)[^.!?]){0,40}",
    100,
)

# "We found out his birth dad has died" is news, not tracing; "he wants to meet his birth mum when
# he's 18" is a plan the family supports.
_NEWS_OR_LATER = either(
    lambda text, start, end: re.match(r"(?:found|find|finding) out\b", text[start:end]) is not None,
    followed_by(
        r"(?:when|once) (?:he|she|they|i|we)(?:'?s|'?re|'?m| is| are| am| turns?| gets?| get)? "
        r"(?:18|eighteen|older|an adult|adults|ready|grown up)"
    ),
)

# Tracing told of a story, not of the family: "a documentary about adoptees searching for birth
# parents", "a play where my character runs away to find her birth mum". Not when the story only
# set someone off ("after the film she went and found her birth mum", "the film made him want to").
_IN_A_STORY = preceded_by(
    r"\b(?:film|movie|novel|book|documentary|drama|play|soap|storyline|programme|show|series|episode|podcast|"
    r"character)\b(?:(?!\b(?:now|then|and|since|after|so|but|made|makes|inspired)\b)[^.!?]){0,40}"
    r"\b(?:about|where|in which|who|whose)\b"
    r"(?:(?!\b(?:now|then|and|since|after|so|but|made|makes|inspired|he|she|i|we|they|him|me|"
    r"us)\b)[^.!?]){0,50}"
    r"|\b(?:my|his|her|the|a|whose) character(?: (?:goes|runs away to|tries to|has to|wants to|is|starts))?",
    120,
)
# Decided against it, or not yet: "has decided not to look for birth family", "doesn't want to
# message her birth dad". (Contact told as under way is other rules: "doesn't want us to know
# she's been messaging her birth dad" is still held.)
_DECIDED_NOT = preceded_by(
    r"(?:decided|decides|chose|chosen|choosing|choose) not to|(?:not|isn'?t|aren'?t) (?:ready|going|"
    r"planning) to|(?:doesn'?t|don'?t|dont|doesnt|never|not)",
    30,
)
# A wish to reach a relative, told with the family or the plan: "i want to message my birth sister
# but i want to ask mum first", "i told my social worker i want to meet my birth dad", "mum and dad
# let me message my birth brother, the social worker helped set it up". Only for a wish or a first
# message, never for a relative found or already in touch, and not when it says it will go around
# them ("but i'm not gonna ask mum first").
_NO_AROUND = (
    r"(?:(?!\b(?:not|never|without|instead|behind|secretly|don'?t|dont|won'?t|wont|can'?t|cant|shouldn'?t|"
    r"isn'?t|aren'?t|ain'?t)\b)[^.!?])"
)
_WITH_THE_FAMILY = either(
    followed_by(
        rf"{_NO_AROUND}{{0,50}}\b(?:ask|asking|asked|check with|talk to|tell) (?:my |our |me |the )?(?:mum|"
        r"mam|dad|parents|carers?|social worker|worker|agency)(?: and (?:my )?(?:mum|dad|mam))? first|"
        rf"{_NO_AROUND}{{0,60}}\b(?:the |my |our )?(?:social worker|sw|worker|agency) (?:helped|is helping|"
        r"helping|will help|set it up|helped (?:us |me )?set)",
        120,
    ),
    preceded_by(
        r"(?:told|asked|tell|telling|asking) (?:my|our|the) (?:social worker|sw|worker|mum|mam|dad|parents|"
        r"carers?|therapist|life story worker)(?: that)? (?:i|he|she|we)|(?:mum|mam|dad|parents|carers?) "
        r"(?:and|n|&) (?:mum|mam|dad) (?:let|lets|said i could|are letting) (?:me|him|her)|"
        r"(?:mum|mam|dad|parents|carers?) (?:let|lets|said i could|are letting) (?:me|him|her)",
        60,
    ),
)
# What a relative did through the plan, or did not do: "birth dad wrote to the agency asking to
# start letterbox", "angry at birth dad for not turning up again".
_THROUGH_PLAN_OR_NOT_AT_ALL = either(
    followed_by(
        r"(?:agency|social worker|letterbox|letter box|post[- ]adoption|intermediary|local authority|"
        r"council|adoption (?:team|service)|contact cent(?:re|er))"
    ),
    lambda text, start, end: (
        re.search(r"\b(?:not|never|didn'?t|did not|failed to)\b", text[start:end]) is not None
    ),
)

BIRTH_FAMILY_RULES = (
    Rule(
        "tracing",
        "<TRACE><F1> (?:<WHOSE> )?<BIRTH_REL>",
        "how do I find my birth siblings",
        veto=either(_VIA_AGENCY, _ROUTE_FIRST, _NEWS_OR_LATER, _IN_A_STORY, _DECIDED_NOT),
    ),
    Rule(
        "unplanned_contact",
        "(?:<WHOSE> )?<BIRTH_REL><F2> <MADE_CONTACT>",
        "my son's birth dad messaged him",
        veto=either(_VIA_AGENCY, _THROUGH_PLAN_OR_NOT_AT_ALL),
    ),
    Rule(
        "tracing",
        "(?:want|wanna|wants|wanted|going|planning|plan|trying|tried|thinking about|thinking of|should i|how "
        "(?:do|can|did|would|could) (?:i|you|we|he|she|u)|how to|can i|could i)<F1> (?:to )?<REACH><F1> "
        "(?:<WHOSE> )?<BIRTH_REL>",
        "I want to message my birth mum",
        veto=either(_VIA_AGENCY, _ROUTE_FIRST, _NEWS_OR_LATER, _IN_A_STORY, _DECIDED_NOT, _WITH_THE_FAMILY),
    ),
    Rule(
        "unplanned_contact",
        "(?:(?:in contact|in touch|talking|chatting|speaking) (?:with|to)|messaging|meeting|seeing|visiting|"
        "texting|snapchatting|calling|ringing|facetiming) (?:<WHOSE> )?<BIRTH_REL><F3> (?:(?:on|via|through|"
        "over) (?:<PLATFORM>|social media|socials|online)|online|on the internet|secretly|behind (?:our|my|"
        "their) backs?|without (?:us|me|them|anyone|our|my) (?:knowing|knowledge))",
        "she's been in contact with her birth sister on snapchat",
        veto=_VIA_AGENCY,
    ),
    Rule(
        "unplanned_contact",
        "(?:message|messaged|messaging|dm|dmed|dm'?d|add|added|friend request(?:ed)?|follow|followed|inbox|"
        "inboxed|got in touch with|reached out to) (?:<WHOSE> )?<BIRTH_REL>",
        "she messaged her birth dad behind our backs",
        veto=either(_VIA_AGENCY, _WITH_THE_FAMILY),
    ),
    Rule(
        "unplanned_contact",
        "(?:secretly|behind (?:our|my|their) backs?) (?:been )?(?:meeting|seeing|messaging|talking to|"
        "texting|visiting|contacting|in touch with|in contact with|speaking to) (?:<WHOSE> )?<BIRTH_REL>",
        "she's been secretly meeting her birth mum after school",
    ),
    Rule(
        # Without the word "birth": "found my real sister on tiktok", "his mum added him on facebook".
        "unplanned_contact",
        alternatives(
            "found (?:<WHOSE>) (?:[a-z]+ )?<RELATIVE> (?:on|through|via) (?:<PLATFORM>|social media|socials|"
            "online|the internet|google|ancestry|a dna)",
            "<RELATIVE> (?:messaged|added|found|followed|contacted|dmed|dm'?d|inboxed|friend requested|"
            "tracked down|traced) (?:him|her|me|us|them) (?:on|through|via) (?:<PLATFORM>|social media|"
            "socials|online)",
            "(?:friend|follow) request from (?:<WHOSE> )?(?:<BIRTH_REL>|(?:his|her|my) (?:old |other "
            ")?<RELATIVE>)",
        ),
        "his mum added him on facebook",
    ),
    Rule(
        # A young person's DNA kit can find birth relatives nobody planned for; adults (adoptees
        # above all) take DNA tests as a matter of course, so there only a match is news.
        "unplanned_contact",
        "(?:dna|ancestry|23andme) (?:test|kit|match|matches|results?)",
        "I did an ancestry kit to find my real dad",
        audiences=frozenset({"youth"}),
    ),
    Rule(
        "unplanned_contact",
        "(?:dna|ancestry|23andme) (?:match|matches|matched)<F3> (?:with )?(?:<WHOSE> )?<BIRTH_REL>",
        "a DNA match with his birth father came up",
        audiences=frozenset({"adult"}),
    ),
)


class BirthFamilyContact:
    category = "birth_family_contact"

    def __init__(self) -> None:
        # The tracing verbs, then contact told without them (tables/birth_family_indirect.py).
        self.rules = RuleSet(
            BIRTH_FAMILY_RULES + BIRTH_FAMILY_INDIRECT_RULES,
            {**BIRTH_FAMILY_FRAGMENTS, **BIRTH_FAMILY_INDIRECT_FRAGMENTS},
            self.category,
        )

    def scan(self, doc: Doc) -> list[Hit]:
        action: Action = "hold"
        priority = 1 if doc.audience == "youth" else 2
        found = [
            (f.rule.label, f.start, f.end, priority, action)
            for f in self.rules.find(doc.norm.text, doc.norm.data, doc.audience, doc.vetoed)
        ]
        # A young person's tracing wished for through the plan (tables/benign_youth.py): vetoed.
        if doc.audience == "youth" and found and tracing_through_the_plan(doc.norm.text):
            planned = [(a, b) for label, a, b, _, _ in found if label == "tracing"]
            doc.vetoed.setdefault(self.category, []).extend(planned)
            found = [hit for hit in found if hit[0] != "tracing"]
        return merge(self.category, found)
