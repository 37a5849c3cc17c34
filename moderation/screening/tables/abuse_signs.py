"""Abuse told sideways (issue #12, eighth round of writers): young people and carers telling of harm
by what surrounds it, not by the act. Read by ``risk.AbuseDisclosure`` with the other abuse tables.

- the story told to cover marks: "scars from the belt but everyone thinks i fell off my bike", "had to
  stay off school cos of the marks", "mums telling everyone i've got flu" (beside the marks);
- blamed for an adult's anger: "its my fault he gets angry because i look at him wrong";
- telling a professional it was fine with the adult in the room: "told my social worker everything
  was fine because my mum was sat right next to me";
- a lock wanted against the family: "a lock for my door without my family seeing";
- care withheld: "only fed us when he felt like it", "not taken me to the dentist for 3 years", "sent
  to bed without eating";
- a child made to sleep or be shut where no child sleeps: "makes him sleep on the landing", "shut in
  the coal shed".

Look-alikes tested beside each (tests/moderation/screening/test_abuse_signs.py): "got a bruise from
rugby and mum wants me to tell the school nurse", "my fault he got angry, I broke his controller",
"told my social worker it was fine and it is", "my new room has a lock", "tea isn't till 7", "sent
to my room without my phone", "slept on the floor at the sleepover".
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, either, near, preceded_by

_MARKS = re.compile(r"\b(?:marks?|bruises?|bruised|scars?|black eye|burns?|cuts|welts?|swelling|split lip)\b")
# The same words about play and sport: "a bruise from rugby", "a shiner from football".
_SPORT_OR_PLAY = re.compile(
    r"\b(?:rugby|football|training|match|pe|trampoline|netball|hockey|boxing|karate|judo|fell off my "
    r"(?:scooter|skateboard)|lol|lmao|haha|play|drama|film|book|game)\b"
)


def _sport_or_play(text: str, start: int, end: int) -> bool:
    return near(_SPORT_OR_PLAY, text, start, end, 60)


# Sport given as the story ("from the belt but i say its from rugby") is the cover, not the cause.
_SPORT_AS_STORY = re.compile(
    r"\b(?:say|says|said|tell|tells|told|thinks?|pretend)\b[^.!?]{0,20}\b(?:from|at|in)\b"
)


def _marks_from_sport(text: str, start: int, end: int) -> bool:
    if "belt" in text[start:end]:
        return False
    return _sport_or_play(text, start, end) and not near(_SPORT_AS_STORY, text, start, end, 60)


_SIBLING_OR_FRIEND_BEFORE = preceded_by(
    r"(?:brother|sister|bro|sis|mate|friend|bestie|bf|gf|boyfriend|girlfriend|teacher|coach)(?: \w+){0,4}",
    window=60,
)

ABUSE_SIGN_RULES = (
    Rule(
        # The story told to cover the marks.
        "physical_abuse",
        alternatives(
            "(?:marks|bruises?|scars?|cuts|black eye|burns?|welts?)(?: [a-z']+){0,8} (?:but|and) (?:everyone|"
            "they|people|school|teachers?|she|he|mum|dad|my \\w+) (?:thinks?|thought|says?|said|tells?|told)"
            "(?: (?:everyone|them|people|school))? (?:i|i'?ve|me|it was)",
            "(?:stay|stayed|kept|keep|keeps|staying|stop|stopped) (?:me )?(?:off|"
            "home from) school (?:cos|coz|"
            "because|till|until|so)(?: of)?(?: the| my)? (?:marks|bruises?|black eye|my face|the swelling|my"
            " eye|my lip)",
            "(?:telling|tells|told|tell) (?:everyone|school|the school|teachers?|people|them)(?: that)? "
            "(?:i'?ve got|i have|i had|i'?m|im|i was) (?:flu|a cold|a bug|ill|sick|poorly|chicken ?pox)",
            "(?:marks|scars|welts|bruises|lines)(?: [a-z']+){0,4} from (?:the|his|her|a|dad'?s|mum'?s) belt",
        ),
        "i have marks on my arm but everyone thinks i fell off the wall",
        audiences=YOUTH_ONLY,
        needs=lambda text, start, end: near(_MARKS, text, start, end, 160),
        veto=_marks_from_sport,
    ),
    Rule(
        # Blamed for an adult's anger, and making oneself small for it.
        "emotional_abuse",
        alternatives(
            "(?:my fault|because of me|cos of me|coz of me) (?:he|she|they|dad|mum|my dad|my mum|my stepdad|"
            "my step dad) (?:gets?|got|is|are|goes|went) (?:so )?(?:angry|mad|cross|violent|like that|drunk)"
            "(?: [a-z']+){0,2} (?:because|cos|coz|bc) i",
            "(?:try|trying|tried) not to (?:look at|talk to|speak to|breathe near|make a sound near) (?:him|"
            "her) at all",
        ),
        "he says its my fault he gets angry because i look at him wrong",
        audiences=YOUTH_ONLY,
        veto=_SIBLING_OR_FRIEND_BEFORE,
    ),
    Rule(
        # Telling a professional it was fine with the adult listening.
        "abuse_disclosed",
        alternatives(
            "(?:told|tell|said to) (?:my |the |our )?(?:social worker|sw|teacher|iro|police|nurse|school|"
            "counsellor)(?: [a-z']+){0,4} (?:fine|ok|okay|nothing)(?: [a-z']+){0,3} (?:because|cos|coz|bc|as)"
            " (?:[a-z']+ ){0,2}(?:was|were|is|are) (?:sat |sitting |stood |standing )?(?:right )?(?:next to|"
            "beside|there|in the room|listening|watching)",
        ),
        "i told my social worker everything was fine cos my dad was sat right there",
        veto=preceded_by(r"(?:if|when) (?:you|u)", window=40),
    ),
    Rule(
        # A lock wanted against the family, kept from them.
        "unsafe_at_home",
        alternatives(
            "lock(?: [a-z']+){0,5} without (?:ur|my|your|the|them|him|her) (?:family |parents |mum |dad |"
            "carers |stepdad |step dad )?(?:seeing|knowing|noticing|finding out)",
        ),
        "how do i get a lock for my door without my family knowing",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        # Care withheld: food when an adult feels like it, years without a dentist, bed without eating.
        "neglect",
        alternatives(
            "(?:only )?(?:fed|feeds|feed|feeding) (?:us|me|him|her|them) when (?:he|she|they) (?:felt|feels|"
            "feel|remembers?|remembered|could be bothered|can be bothered)",
            "(?:doesn'?t|doesnt|never|won'?t|wont|didn'?t|didnt|hasn'?t|hasnt|not) (?:take|takes|took|taken) "
            "(?:me|u|us|you|him|her) to (?:the )?(?:dentist|doctors?|gp|optician)(?: [a-z']+){0,2} (?:for|in)"
            " (?:like |about |over |nearly )?(?:\\d+|two|three|four|five|years)",
            "(?:sent|send|sends) (?:me |us |him |her )?to bed without (?:eating|food|any food|dinner|tea|"
            "supper|anything to eat)",
        ),
        "she only feeds us when she feels like it",
    ),
    Rule(
        # A child made to sleep, or shut, where no child should be.
        "child_abuse",
        alternatives(
            "(?:makes?|made|making) (?:him|her|me|them|us) (?:sleep|stay|sit|stand) (?:on|in) the (?:landing|"
            "floor|shed|garage|cupboard|hallway|hall|coal shed|cellar|bath|car|garden|porch|doorstep)"
            "(?: [a-z']+){0,4} (?:as a (?:lesson|punishment)|with no (?:pillow|blanket|bed|covers)|for)",
            "(?:shut|locked|locks|shuts|put) (?:in|into) the (?:coal shed|shed|cellar|coal hole|"
            "cupboard under"
            " the stairs|garage)(?: [a-z']+){0,3} (?:if|when|as|for)",
        ),
        "his dad makes him sleep on the landing with no pillow as a lesson",
        veto=either(
            _sport_or_play,
            lambda text, start, end: (
                re.search(
                    r"\b(?:sleepover|camping|tent|festival|hotel|airbnb|caravan|holiday|guests?|party)\b",
                    text[max(0, start - 80) : end + 80],
                )
                is not None
            ),
        ),
    ),
)
