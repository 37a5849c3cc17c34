"""Birth-family contact told without a tracing verb next to the relative (issue #12). The family that
runs these is ``birth_family.BirthFamilyContact`` (beside ``BIRTH_FAMILY_RULES``, whose fragments
these use, with ``<BR>`` below for a birth relative however it is written: "birth mum", "my real
sister", "dad (birth one)", "my auntie on my real mum's side").

- contact kept from the carers: "gonna meet my real sister, my parents think I'm at my mate's";
- a young person going to meet, visit or be picked up by a birth relative;
- a birth relative who knows, asks or is told where the child lives or goes to school, waits or
  watches outside, walks in, or follows the child's photos online;
- a birth relative found, looked up or searched for, or a child searched for by a birth relative.
- said sideways (eighth round): kinship claimed by a stranger ("a random account saying 'i think im ur
  auntie'", "knew my old name"), someone from early life sought ("anyone who knew me when I was
  small", "check if she still lives on the same street"), a birth relative drawing the child away
  ("he'll come and get him", "run away to her").

Contact the plan sets up (a contact centre, supervision, letterbox, the agency), said near the
match, is everyday adoption talk and vetoed: unless the message says it went around the plan ("our
letterbox goes through the agency, but she found where we live").
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, followed_by, near

# The channels the plan sets up...
_PLANNED = re.compile(
    r"\b(?:contact cent(?:re|er)|supervised|letterbox|letter box|agreed contact|planned contact|at contact|"
    r"contact (?:day|visit|session|meeting)|(?:the|our|through the|via the) agency|social worker|sw|"
    r"social services|family cent(?:re|er)|intermediary|post[- ]adoption|(?:proper|official) (?:way|route|"
    r"channels|service|intermediary)|when (?:i'?m|im|i am|he'?s|she'?s|they'?re) (?:18|eighteen|older)|"
    # not yet, and the worker says so: "i'm not ready to meet my birth family, my worker said no rush"
    r"(?:not|isn'?t|aren'?t) ready to|no rush|(?:my|our|her|his|the) (?:support |life story |key )?worker)\b"
)
# ...and the words that say it went around them.
_AROUND_IT = re.compile(
    r"\b(?:without|outside|behind|instead of|isn'?t enough|going against|not through|not via|doesn'?t know|"
    r"don'?t know|dont know|doesnt know|not telling|secretly|think (?:i'?m|im) at|not supposed to|no "
    r"(?:letter|intermediary|social worker)|pls dont report|please don'?t report)\b"
)


# A stranger or an account nobody knows, and a birth relative named: what the eighth round's rules need near.
_STRANGER = re.compile(
    r"\b(?:random|unknown|account|profile|friend request|someone|somebody|stranger|a number i|no idea who|"
    r"never met)\b"
)
_BIRTH = re.compile(
    r"\b(?:birth|real|bio|biological|first) (?:mum|mam|mom|dad|mother|father|family|nan|"
    r"gran|parents?|sister|brother|aunt|auntie|uncle)\b"
)

# "looking for my son's shoes", "trying to find my daughter a tutor": a thing for them, not them.
_NOT_A_PERSON = followed_by(r"'?s|a|an|some|the|new|somewhere|something|anything|advice|support|help|tips")


_ASKED_AFTER = re.compile(r"\b(?:called|named|name|surname|share)\b")
_BIRTH_DETAILS = re.compile(
    r"\b(?:taken into care|adopted (?:out|from|in|at)|born|birth (?:name|mum|mam|mother|dad|father|family|"
    r"brother|sister)|real name|(?:misses|miss|missing) (?:them|him|her)|before (?:adoption|i was adopted))\b"
)


def planned(text: str, start: int, end: int) -> bool:
    """A veto: the words around the match say the contact goes through the plan, and nothing in the
    message says it went around it. (Only the words around it: "we have letterbox contact" in one
    sentence does not excuse "her birth dad was waiting outside school" in another.)"""
    return near(_PLANNED, text, start, end) and _AROUND_IT.search(text) is None


BIRTH_FAMILY_INDIRECT_FRAGMENTS = {
    # A birth relative however it is written.
    "BR": alternatives(
        "<BIRTH_REL>(?:'?s)?",
        r"<RELATIVE> \(?(?:birth|bio|real)(?: one| side)?",
        "<RELATIVE> on (?:my|his|her|their|the) (?:birth|bio|real) (?:mums?|mams?|moms?|dads?|family'?s?) "
        "side",
        # (Whose relative is named, not any "<word>'s": a pattern that may start at any word is slow.)
        "(?:the kids'?|the children'?s|(?:our|my|his|her) (?:son|daughter|grandson|granddaughter|nephew|"
        "niece)"
        "'?s|his|her|their) (?:birth )?(?:mum|mother|dad|father)'?s (?:sister|brother|partner|boyfriend|"
        "girlfriend|mum|mother)",
    ),
    "CARERS": r"(?:my|our|the) (?:adoptive |foster )?(?:parents|mum|dad|mam|carers?|nan|gran)",
    "KEPT_FROM": alternatives(
        "<CARERS> (?:don'?t|dont|doesn'?t|doesnt|do not|does not|won'?t|wont|can'?t|cant) know",
        "<CARERS> (?:think|thinks) (?:i'?m|im|it'?s|its)",
        "without <CARERS> knowing",
        "(?:not|never) telling (?:anyone|anybody|<CARERS>)",
        "(?:pls|please) (?:don'?t|dont) report",
        "(?:nobody|no one|noone) knows",
    ),
}

BIRTH_FAMILY_INDIRECT_RULES = (
    Rule(
        "unplanned_contact",
        alternatives("<BR><F6> <KEPT_FROM>", "<KEPT_FROM><F6> <BR>"),
        "gonna see my birth sister saturday, my parents think im at my mates",
        veto=planned,
    ),
    Rule(
        "unplanned_contact",
        alternatives(
            "(?:meet|meeting|met up with|see|seeing|visit|visiting|go see|going to see|hang out with|go to|"
            "going to|walk past|get the (?:train|bus|coach) to see) (?:<WHOSE> )?<BR>",
            "<BR><F2> (?:r |are |is |were |'re )?(?:meeting|meeting up|hanging out|linking up)",
            "<BR><F3> (?:is |'s )?(?:gonna |going to |will |said (?:she|he)'?d |wants to |keeps )?(?:pick "
            "(?:me|him|her) up|come to (?:my|the|our) (?:school|house|play|club)|meet (?:me|him|her|us)|come "
            "(?:and )?(?:get|see) (?:me|him|her))",
        ),
        "me and my birth brother r meeting at the park sunday",
        audiences=YOUTH_ONLY,
        veto=planned,
    ),
    Rule(
        "unplanned_contact",
        alternatives(
            "<BR><F6> (?:knows?|found out|worked out|asked (?:me )?(?:for )?|has got|has|got) (?:which |what "
            ")?(?:school|our address|the address|their address|his address|her address|my address|our new "
            "address|street|estate|where (?:we|he|she|they|i) (?:live|lives|go|goes))",
            "<BR><F6> (?:waiting|waited|watching|watched|sat|sitting|standing|stood|hanging around|turned up|"
            "turns up|walked|came) (?:outside|by|at|near|in|into|up at|to) (?:the |our |my |his |her |their "
            ")?"
            "(?:front )?(?:door|school|gates?|secondary|primary|park|shop|cafe|house|bus stop|nativity|play)",
            "<BR><F4> (?:is |has been |has |keeps )?(?:following|liking|commenting on|tagging|posting|posted|"
            "set up|sharing|shared)",
            "(?:told|tells|gave|give|giving|sent|send) (?:<WHOSE> )?<BR><F2> (?:which|what|where|the name "
            "of|my|"
            "our|his|her) (?:school|address|street|snap|number|estate|i live|we live)",
            "<BR><F4> (?:got|gave|bought|sent) (?:me|him|her) (?:a phone|money|a ticket|the money)",
            "<BR><F4> (?:picking|picked|collecting|collected) (?:him|her|them|me) up",
        ),
        "his birth dad has been waiting outside the school gates",
        veto=planned,
    ),
    Rule(
        "tracing",
        alternatives(
            "<BR><F6> (?:find|found|look up|looked up|search|searched|track|tracked|trace|traced) (?:her|him|"
            "them)",
            "(?:find|found|finding|look up|looked up|search for|searched for|searching for|track down|trace|"
            "looking for) (?:my|his|her|our) (?:son|daughter|child|grandson|granddaughter|kids|children|"
            "grandchildren|sister|brother|siblings?)<F4> (?:on|through|via) (?:facebook|fb|tiktok|insta|"
            "instagram|snap|snapchat|snap map|xbox|roblox|linkedin|messenger|whatsapp|online|social media|a "
            "photo|the school'?s)",
            "(?:search|look through|go through)<F3> (?:adoption )?records (?:myself|without)",
        ),
        "if i send u my birth mums name can u find her on fb",
        veto=planned,
    ),
    Rule(
        # An appeal to the members to find someone, with the name or birth details to find them by
        # ("My daughter was born Poppy Tulley. Share this everywhere", "anyone in Swansea know a man
        # called Gareth Pryce? thats my birth dad", "Looking for my grandchildren, adopted 2016").
        "tracing",
        alternatives(
            "(?:looking for|trying to find|trying to trace|searching for|search for|help me (?:find|trace)) "
            "(?:my|our) (?:birth |real |bio )?(?:son|daughter|grandson|granddaughter|grandchildren|grandkids|"
            "grandsons|granddaughters|nephew|niece|twins|birth [a-z]+|real [a-z]+|bio [a-z]+)",
            "(?:anyone|anybody|does anyone|if anyone|if u|if you)(?: [a-z]+){0,5} (?:know|knows|recognise|"
            "recognises|seen|come across|look for|search for|find)(?: [a-z]+){0,2} (?:a |the )?(?:woman|man|"
            "lad|girl|boy|family|someone|anyone|people) (?:called|named|with (?:that|the) (?:last name|"
            "surname|name))",
            "(?:born|birth name (?:was|is)|real name (?:was|is)|was called|were called)(?: [a-z-]+){1,4} "
            "(?:in|on|at|from)(?: [a-z0-9]+){1,3}[.,!]* (?:anyone|someone|if anyone|please|pls|share|"
            "message me|let me know|i'?m looking|looking for)",
            "(?:please|pls|plz) share|share this(?: post)? everywhere",
        ),
        "looking for my granddaughter, adopted out of plymouth in 2016",
        veto=lambda text, start, end: (
            planned(text, start, end)
            or _NOT_A_PERSON(text, start, end)
            # A name asked after or a post to share: only with the birth or care history to find them by.
            or (_ASKED_AFTER.search(text, start, end) is not None and _BIRTH_DETAILS.search(text) is None)
        ),
    ),
    Rule(
        # Kinship claimed by a stranger, or the child's old name known (eighth round): "some random
        # account messaged me saying 'i think im ur auntie'", "knew my old name". Only with a stranger
        # or an unknown account near: "my mum texted saying it's your mum, get milk" is a mum.
        "unplanned_contact",
        alternatives(
            "(?:saying|says|said|claims?|claiming)(?: that)? '?(?:i think )?(?:i'?m|im|i am|she'?s|shes|"
            "he'?s|"
            "hes|it'?s|its|they'?re) (?:ur|your|my|his|her|the kids'?|their) (?:real |birth |bio )?(?:auntie|"
            "aunt|nan|nana|gran|granny|mum|mam|dad|sister|brother|cousin|uncle|grandad|grandma|mother|"
            "father)",
            "knew my (?:old|birth|real|first|original) (?:name|surname)",
        ),
        "a random account messaged me saying its ur real nan",
        needs=lambda text, start, end: near(_STRANGER, text, start, end, 100),
        veto=planned,
    ),
    Rule(
        # Someone from the child's early life sought, or their house looked for (eighth round):
        # "if anyone from Grimsby knew me when I was small", "check if she still lives on the same
        # street", "found her address on the electoral roll", "whispered her number in his ear".
        "tracing",
        alternatives(
            "anyone(?: from [a-z]+)?(?: who)? (?:knew|remembers?|remember) me when i was (?:small|little|"
            "a baby|a kid|young|in care|a toddler)",
            "check (?:if|whether) (?:a|she|he|the|my|her|his)(?: [a-z']+){0,4} still lives? (?:at|on|in|"
            "near|there|round|the same|nearby|by)",
            "(?:found|find|looked up|look up) (?:her|his|their|"
            "my birth \\w+'?s?) address on the electoral roll",
            "(?:whispered|slipped) (?:her|his|a) (?:phone |mobile )?number",
            "(?:knock|go round|turn up)(?: on (?:her|his|their) door)? anyway",
        ),
        "if anyone from hull knew me when i was little pls message",
        veto=planned,
    ),
    Rule(
        # A birth relative drawing the child away (eighth round): "he'll come and get him", "told me to
        # run away to her". Only with a birth relative near: "dad will come and get him at 5" is pick-up.
        "unplanned_contact",
        alternatives(
            "(?:he'?ll|she'?ll|they'?ll|he will|she will|they will|gonna|going to) come and (?:get|take) "
            "(?:him|her|them|me)",
            "(?:run away|come and live) (?:to|with) (?:her|him|them)",
        ),
        "my birth mum says i should run away to her",
        needs=lambda text, start, end: near(_BIRTH, text, start, end, 120),
        veto=planned,
    ),
)
