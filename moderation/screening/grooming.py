"""Grooming signs, looked for in young people's spaces only.

The patterns follow the stages safeguarding training describes: finding out about the child (age,
where they live and go to school), gifts and money, asking for secrecy, moving the chat somewhere
unwatched, asking for photos, sexual talk, and arranging to meet. Any of them is held for a
moderator (P1); sexual talk and meeting up are P0 because a child may be in danger in person.
Adult spaces do not run these stage rules: adults there talk to adults, and moving off platform is
already an identity-exposure match everywhere. They run only the adults' rules of
``tables/grooming_indirect.py`` (a carer telling of grooming, someone offering to have their children).
"""

from __future__ import annotations

import re

from .identity import OFF_PLATFORM_RULES, PLATFORMS
from .lexicon import FRAGMENTS as PEOPLE
from .patterns import YOUTH_ONLY, Rule, RuleSet, alternatives, either, followed_by, merge, near, preceded_by
from .tables.grooming_carers import GROOMING_CARER_RULES
from .tables.grooming_indirect import GROOMING_INDIRECT_RULES
from .tables.grooming_sideways import GROOMING_SIDEWAYS_RULES
from .tables.grooming_signs import GROOMING_SIGN_RULES
from .tables.harm_unseen import HARM_UNSEEN_GROOMING_RULES
from .types import Action, Doc, Hit

GROOMING_FRAGMENTS = {
    **PEOPLE,
    "PLATFORM": PLATFORMS,
    "TRUSTED_ADULT": alternatives(
        "parents?",
        "mum",
        "mom",
        "mam",
        "dad",
        "carers?",
        "foster (?:carers?|parents?|mum|dad)",
        "family",
        "social worker",
        "teachers?",
        "adults?",
        "friends",
        "nan",
        "gran",
        "guardians?",
        "folks",
    ),
    "GIFT": alternatives(
        "gift ?cards?",
        "gifts?",
        "presents?",
        "anything",
        "whatever",
        "stuff",
        "things",
        "something",
        "money",
        "cash",
        "robux",
        "v-?bucks",
        "vbucks",
        "vouchers?",
        "new phone",
        "phone",
        "credit",
        "top ?up",
        "airpods",
        "trainers",
        "clothes",
        "makeup",
        "vape",
        "vapes",
        r"\$ ?\d+",
        r"\d+ (?:quid|pounds|squid)",
        "skins?",
        "a (?:new )?(?:game|console|ps5|xbox|switch)",
    ),
    "PIC": alternatives(
        "pics?",
        "piccies",
        "photos?",
        "pictures?",
        "selfies?",
        "snaps?",
        "vids?",
        "videos?",
        "face ?pics?",
        "body ?pics?",
    ),
    "ME2": alternatives("you", "u", "ya", "yu"),
}

# A secret that is a surprise for someone else ("don't tell mum, it's her birthday cake"), a secret
# santa, or a secret said not to be kept: young people's own news, not an adult asking for secrecy.
# (A surprise promised to the reader, "I'll get you a present, don't tell", is still held, and
# gifts have their own rule.)
# "It's a surprise" alone is what a groomer says too ("send me a few pics first and don't tell your
# carer, it's a surprise"): the gift or the occasion must be named, and nothing asked of the reader.
_SURPRISE = re.compile(r"\b(?:present|pressie|gift|birthday|bday|xmas|christmas|santa|cake)\b")
_FOR_YOU = re.compile(
    r"\b(?:(?:for|get|buy|bought|send|got|give) (?:you|u|ya)|send me|pics?|photos?|selfies?|meet)\b"
)


def _surprise_for_someone_else(text: str, start: int, end: int) -> bool:
    # The gift or occasion named near the secret; nothing asked of the reader anywhere in the message.
    return near(_SURPRISE, text, start, end) and _FOR_YOU.search(text) is None


_NOT_SECRECY = either(
    _surprise_for_someone_else,
    followed_by(r"santa"),
    preceded_by(r"(?:don'?t|dont|doesn'?t|won'?t|can'?t|not|never|isn'?t|wasn'?t)(?: really)?"),
)
# "you're so mature for your age, said every teacher ever", "I get told I'm so grown up": the
# compliment reported from someone else, not said to the reader.
_REPORTED = either(
    followed_by(
        r"(?:lol\s*)?[-\u2013,]?\s*(?:(?:my|our|the|every|his|her) \w+ )?(?:literally )?(?:said|says)"
    ),
    preceded_by(
        r"(?:get|got|gets|getting|keep getting) told(?: that)?(?: i'?m)?|(?:said|says) (?:to me )?(?:that )?"
    ),
)
# A meet-up the families arrange together ("our mums are talking about meeting halfway").
_FAMILIES_ARRANGE = re.compile(
    r"\b(?:our|both) (?:mums|mams|moms|dads|carers|parents|families)\b|"
    r"\b(?:mums|carers|parents|families) (?:know|are talking|are mates|agreed|are arranging|said (?:yes|ok))"
)


def _families_arrange(text: str, start: int, end: int) -> bool:
    return near(_FAMILIES_ARRANGE, text, start, end)


# An errand for the family paid in pocket money ("nan gave me $10 to take the bags to the charity shop").
_FAMILY_ERRAND = re.compile(
    r"\b(?:mum|mam|mom|dad|nan|nana|nanna|gran|granny|grandad|grandma|carers?|teacher|auntie|aunt|uncle|"
    r"charity shop|shopping|recycling|the tip|car boot)\b"
)


_REPORTED_OR_WARNED = re.compile(
    r"(?<!not )(?<!didnt )(?<!didn't )(?<!never )\b(?:reported|report (?:them|it|him|her)|"
    r"blocked (?:him|her|them)|told (?:my|the) (?:carer|mum|mam|dad|"
    r"teacher|mods?)|mods? (?:sorted|dealt)|ceop|never send|red flag|online safety|safety lesson)\b"
)
# Taught as a lesson or given as advice: "we did role play in PSHE on what to say if someone asks for
# nudes", "PSHE homework: write about a time you were asked to keep a secret".
_TAUGHT = re.compile(
    r"\b(?:pshe|assembly|safeguarding talk|role ?play|homework|they said if|if (?:someone|anyone|somebody|"
    r"a stranger|ur friend|your friend|a friend)(?: online)? (?:ever|says|asks|messages|tells)|even if"
    r" they)\b"
)


def _taught(text: str, start: int, end: int) -> bool:
    return near(_TAUGHT, text, start, end)


# "Secret" as a plain adjective: a secret stash of sweets, a secret handshake, the secret recipe.
_SECRET_THING = followed_by(
    r"stash|handshake|recipe|santa|talent|weapon|hideout|den|base|language|playlist|snacks?|sweets|haribo|"
    r"ingredient|admirer of|is that i|is i"
)


GROOMING_RULES = (
    Rule(
        "secrecy",
        alternatives(
            "(?:don'?t|do not|dont|never|no need to|better not|mustn'?t) (?:tell|show|say (?:anything )?to|"
            "mention (?:this|it|me|us) to|let) (?:your |ur |yer |ya |any )?(?:<TRUSTED_ADULT>|anyone|any1|"
            "anybody|nobody|no one)",
            # Reported by the young person: "he said not to tell my parents yet".
            "(?:said|says|told me|tells me|asked me|wants me) (?:not to|to not|never to) (?:tell|mention "
            "(?:it|this) to) (?:my |me )?(?:<TRUSTED_ADULT>|anyone|any1|anybody|nobody|no one)",
            "(?:our|a|my) (?:little )?secret",
            "keep (?:this|it|us|me|our chats?|this chat|what we (?:say|talk about)) (?:between us|(?:a "
            ")?secret|private|to yourself|quiet|on the dl|on the down ?low|hidden)",
            "(?:nobody|no one|no1|noone|nobody else) (?:needs to|has to|will|would ever|else needs to|"
            "should) know",
            "(?:they|your parents|your mum|your carers|adults|your family|grown ups|people) (?:wouldn'?t|"
            "won'?t|don'?t|would never) (?:understand|get it)",
            "(?:just )?between (?:us|you and me|u and me)",
            "(?:only|just) (?:i|me) understand (?:you|u)",
            "(?:the )?only (?:one|person) who (?:really )?(?:gets|understands|cares about) (?:you|u)",
            "(?:you|u) can trust me",
        ),
        "don't tell your parents about this",
        audiences=YOUTH_ONLY,
        veto=either(_NOT_SECRECY, _taught, _SECRET_THING),
    ),
    Rule(
        "secrecy",
        "(?:delete|clear|wipe|hide) (?:this|these|our|the|my) (?:chat|chats|messages|msgs|convo|"
        "conversation|dms|texts)",
        "delete our chats after",
        audiences=YOUTH_ONLY,
        # "do not delete the messages, screenshot them" is the advice to keep evidence.
        veto=preceded_by(
            r"don'?t|do not|dont|never|not to|shouldn'?t|should not|mustn'?t|must not|no need to"
        ),
    ),
    Rule(
        "age_question",
        alternatives(
            "how old (?:are|r|is|re) (?:<ME2>)",
            "how old(?: r)? (?:<ME2>)",
            "asl",
            "a/s/l",
            "what age (?:are|r) (?:<ME2>)",
            "(?:are|r) (?:<ME2>) (?:over|under|older than|younger than) (?:1[0-9]|[0-9])",
            r"(?:are|r) (?:<ME2>) (?:1[0-9]|[0-9])\??",
            "(?:<ME2>) (?:look|seem|sound|act) (?:so |very |much |so much |way |a lot )?(?:older|mature|"
            "grown up)",
            "(?:mature|grown up|old) for (?:your|ur) age",
            r"(?:mature|grown up) for (?:a |an )?(?:\d{1,2}|[a-z]+teen)(?: year old)?",
            "(?:you'?re|ur|you are|u r|youre|<ME2> seem|<ME2> sound|<ME2> act) (?:so |really |very |well |"
            "proper )?(?:mature|grown up)",
            "when(?:'s| is) (?:your|ur) (?:birthday|bday) and how old",
        ),
        "how old are you?",
        audiences=YOUTH_ONLY,
        veto=_REPORTED,
    ),
    Rule(
        # A young person telling of an adult in their messages, or of someone lying about their age.
        "older_contact",
        alternatives(
            r"(?:who'?s|who is|he'?s|she'?s|he is|she is|they'?re|hes|shes) (?:1[89]|[2-6][0-9])(?: years "
            r"old| yo| yr old)?"
            "<F2> (?:keeps|kept|has been|is|started|always|been) (?:messaging|texting|snapchatting|dming|"
            "talking to|sending|asking|calling|adding)",
            r"(?:says|said|told me) (?:he'?s|she'?s|they'?re|he is|she is) (?:1[0-9]|[0-9])<F3> (?:but|"
            r"though)",
            "(?:an?|this|some) (?:older|grown) (?:man|guy|boy|woman|girl|lad)<F2> (?:keeps|kept|has been|is|"
            "started) (?:messaging|texting|snapchatting|dming|talking to|sending|asking)",
        ),
        "my cousin's friend who is 19 keeps messaging me",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "gifts",
        alternatives(
            "(?:i'?ll|i will|i can|i could|let me|i'?m gonna|want me to|i'?d|i wanna|i want to|ill) (?:send|"
            "buy|get|give|pay|transfer|top up|gift) (?:<ME2>|ur|your)(?: (?:a|an|some|sum|the|that))?(?: "
            "new)?(?: [a-z]+)? (?:<GIFT>)",
            "(?:want|need|do (?:you|u) want|d'you want|u want|would (?:you|u) like|wanna) (?:some )?(?:free "
            ")?(?:money|cash|robux|v-?bucks|vbucks|gift ?cards?|skins)",
            "i (?:can|could|will|'?ll) pay (?:<ME2>)",
            "(?:send|give|tell) me (?:your|ur) (?:bank|account|card|paypal|cashapp|sort code)",
        ),
        "I'll send you a gift card",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "photo_request",
        alternatives(
            "send (?:me )?(?:a |some |sum |more |another |any )?(?:<PIC>)",
            "(?:can|could|will|would|may) (?:i|<ME2>) (?:see|have|get|send me) (?:a |some |sum |any "
            ")?(?:<PIC>) (?:of (?:<ME2>|yourself|urself))?",
            "what (?:do )?(?:<ME2>) (?:look|looks) like",
            "(?:show|let) me (?:see )?(?:what (?:<ME2>) look like|your (?:face|body|legs|outfit)|ur (?:face|"
            "body))",
            "(?:got|have) (?:<ME2> )?(?:any )?(?:<PIC>) of (?:<ME2>|yourself|urself)",
            "(?:asking|asked|asks|keeps asking|kept asking) (?:me )?(?:for|to send|to see) (?:a |some |more "
            ")?(?:<PIC>|nudes)",
            "(?:<PIC>) of (?:<ME2>|yourself|urself)",
            "turn (?:on )?(?:your|ur) (?:camera|cam)",
        ),
        "send me a pic of you",
        audiences=YOUTH_ONLY,
        veto=lambda text, start, end: (
            followed_by(r"of (?:the|your|ur) (?:homework|work|notes|answers|drawing|cat|dog|art|worksheet)")(
                text, start, end
            )
            # Told as something reported or warned about: "reported that weirdo who asked for pics",
            # "if someone messages u asking for pics report them", "never send pics".
            or _REPORTED_OR_WARNED.search(text) is not None
            or _taught(text, start, end)
        ),
    ),
    Rule(
        "sexual",
        alternatives(
            "nudes?",
            "naked",
            "(?:in|wearing) (?:your|ur) (?:underwear|bra|pants|knickers|boxers|bikini|pjs|pyjamas)",
            "(?:are|r) (?:<ME2>) (?:a )?virgin",
            "touch (?:yourself|urself)",
            "sexy",
            "sex",
            # "your body" alone is also health talk ("your body is changing", PSHE): it needs a
            # look, a touch or a compliment beside it.
            "(?:see|show|send|pics? of|photos? of|touch|love|like|rate|nice|hot|fit|sexy|perfect) "
            "(?:your|ur) body",
            "(?:your|ur) body (?:is|looks|looked|is looking)(?: so| really| well| proper)? (?:hot|fit|sexy|"
            "nice|perfect|amazing|gorgeous|developed|grown up|mature)",
            "(?:take|show|took) (?:off )?(?:your|ur) (?:top|clothes|shirt|bra|pants)",
            "horny",
            "(?:hot|spicy|private|dirty) (?:pics|pictures|photos|vids|videos|snaps|chat)",
            "dtf",
            "(?:do|would) (?:<ME2>) (?:do|want) (?:stuff|things|it) with (?:me|an older)",
            "what (?:are|r) (?:<ME2>) wearing",
            "sugar ?daddy",
            "(?:wear|wearing) (?:to|in) bed",
        ),
        "send me nudes",
        audiences=YOUTH_ONLY,
        veto=followed_by(r"ed|education|eds"),
    ),
    Rule(
        "meeting",
        alternatives(
            "(?:let'?s|we (?:should|could|can)|wanna|want to|do (?:<ME2>) (?:want|wanna)(?: to)?|can we|"
            "could we|shall we|why don'?t we|we'?ll|we will|i wanna|i want to|come and|come) (?:meet|hang "
            "out|link up|link|meet up|hook up)(?: up)?(?: irl| in person| sometime| for real)?",
            "meet (?:me|up|irl|in person|in real life) (?:at|after|tomorrow|tonight|on|this|near|outside|by|"
            "in|behind|round)",
            "(?:i can|i'?ll|let me|i could|want me to) (?:come (?:and |to )?)?(?:pick (?:<ME2>) up|meet "
            "(?:<ME2>)|pick up (?:<ME2>)|come round|come over|come to (?:yours|your house|ur house))",
            "where do (?:<ME2>) live",
            "(?:what'?s|whats|wats|what is|send me|give me|tell me) (?:your|ur) (?:address|postcode|home "
            "address|house number)",
            "come (?:to|round|over to|over|round to) (?:mine|my house|my place|my flat|my room)",
            "(?:my|me) (?:parents|mum|dad|folks|carers) (?:are|r|is|will be|won'?t be) (?:away|out|gone|home "
            "late|not (?:in|home))",
            "(?:which|what) (?:school|town|area|city|part of) do (?:<ME2>) (?:go to|live in|live|go)",
            "what school (?:do|d) (?:<ME2>) go to",
            "(?:which|what) (?:school|college|sixth form) (?:are|r|do|d) (?:<ME2>) (?:at|in|go to|attend)",
            "where ?abouts (?:do|d|are|r) (?:<ME2>) (?:live|from|based)",
            "(?:which|what) (?:area|town|city|part|bit|estate) (?:are|r) (?:<ME2>) (?:in|from)",
            "(?:are|r) (?:<ME2>) (?:home )?(?:alone|on (?:your|ur) own|by (?:yourself|urself))",
            "(?:are|r|is) (?:your|ur) (?:parents|mum|mom|dad|carers|folks|foster carers|nan) (?:home|in|"
            "around|out|away|there|asleep|in bed|at work)",
            "(?:is|anyone) (?:anyone|else) (?:else )?(?:home|in|there) with (?:<ME2>)",
            "when (?:are|r) (?:your|ur) (?:parents|mum|dad|carers|folks) (?:out|away|not home|at work)",
            "meet (?:irl|in real life|in person)",
            "(?:let'?s|wanna|can we|could we|we should|shall we|do (?:<ME2>) want to) (?:video ?call|vc|"
            "facetime)",
            "(?:be|become) (?:my|your|ur) (?:girlfriend|boyfriend|gf|bf)",
        ),
        "we should meet up sometime",
        audiences=YOUTH_ONLY,
        veto=_families_arrange,
    ),
    *(Rule(r.label, r.pattern, r.example, audiences=YOUTH_ONLY, veto=r.veto) for r in OFF_PLATFORM_RULES),
    Rule(
        # Meeting with the people who would keep a child safe left out: "dont bring anyone", "just us".
        "meeting",
        alternatives(
            "(?:don'?t|dont|do not) bring (?:anyone|any1|anybody|ur mates|your mates|your friends)",
            "come (?:on )?(?:your|ur) own",
            "come alone",
            "(?:meet|meet up|film|come|hang out|hang|chill|party)<F4> (?:just us|just (?:u|you) and me|"
            "(?:with )?no adults)",
            "(?:i'?ll|ill|i will|i can|i could|let me) (?:collect|pick) (?:you|u|ya)(?: up)?",
            "(?:i'?ll|ill|i will|i can|i could|let me) (?:drive|take) (?:you|u|ya) (?:to|there|home)",
            "so (?:the )?(?:teachers|<TRUSTED_ADULT>|no one|nobody|noone)<F1> (?:don'?t|dont|won'?t|wont|"
            "can'?t|cant) see",
            "(?:time|think|ready)<F2> (?:we|to) (?:met|meet) (?:properly|irl|in real life|in person)",
        ),
        "i'll collect u, dont bring anyone",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "secrecy",
        alternatives(
            "hide (?:it|this|them|the [a-z]+) from (?:your|ur|yer|ya) <TRUSTED_ADULT>",
            "(?:your|ur|yer|ya) <TRUSTED_ADULT> (?:don'?t|dont|do not|doesn'?t|doesnt|won'?t) need to know",
            "(?:just )?say (?:you|u) found it",
            "if (?:anyone|any1|anybody|they|ur mum|your mum) asks?<F2> (?:we|say|tell|just)",
            "(?:do|does) (?:your|ur) <TRUSTED_ADULT> (?:check|look at|read|go through) (?:your|ur) (?:phone|"
            "messages|dms|chats)",
            "what time (?:does|do) (?:your|ur) <TRUSTED_ADULT> go to (?:bed|sleep|work)",
        ),
        "hide it from ur mum",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        # Flattery that makes a child feel older, and setting the groomer against the child's family.
        "flattery",
        alternatives(
            "(?:you|u) (?:don'?t|dont|do not) (?:act|look|seem|sound) (?:\\d+|[a-z]+teen)",
            "(?:could|can|would) pass for (?:1[6-9]|[2-9][0-9]|an adult|older)",
            "wise beyond (?:your|ur) years",
            "(?:a |our )?special (?:connection|bond|friendship)",
            "age is (?:just|only) a number",
            "not like (?:the )?other (?:kids|girls|boys|teens)",
            "(?:don'?t|dont|do not|never) (?:get|understand|love|treat) (?:you|u) like i do",
            "i'?m (?:the only one|the only person) (?:you|u) can trust",
            "i'?m (?:your|ur) (?:real|new) family now",
            "(?:secret|special) (?:friend|boyfriend|girlfriend)",
        ),
        "age is just a number",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "sexual",
        alternatives(
            "(?:your|ur) bra size",
            "(?:nice|fit|hot|great|good) body for (?:a |an )?(?:\\d+|[a-z]+teen)",
            "(?:selfie|pic|photo)<F2> in (?:bed|the bath|the shower)",
        ),
        "wats ur bra size",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        # County lines: money for carrying or holding something.
        "gifts",
        alternatives(
            "(?:wanna|want to|do (?:you|u) want to|fancy) (?:earn|make) (?:\\$ ?\\d+|\\d+ (?:quid|pounds)|"
            "some (?:easy )?(?:money|cash|p|paper|dough)|easy (?:money|cash))",
            "(?:carry|drop|deliver|hold|take|mind) (?:a|this|the|my|some) (?:bag|package|parcel|box)<F3> "
            "(?:to|for) (?:me|my)",
            # Told by the young person: money or gifts for holding or carrying ("gave her $50 to hold a
            # bag", "wants me to bring a bag to liverpool, he'll give me $200").
            "(?:gave|give|gives|giving|pay|pays|paid|paying|offer|offers|offered|offering)(?: [a-z]+){0,2} "
            "(?:\\$ ?\\d+|\\d+ (?:quid|pounds)|cash|money)<F3> (?:to )?(?:hold|carry|drop|deliver|take|bring|"
            "mind|run) (?:a |the |some |his |her |their |(?:a|some) (?:few )?)?(?:bags?|packages?|parcels?|"
            "stuff|boxes)",
            "(?:hold|carry|drop|deliver|take|bring|mind) (?:a|the|some) (?:bags?|packages?|parcels?)<F6> "
            "(?:\\$ ?\\d+|\\d+ (?:quid|pounds)|cash|money)",
        ),
        "wanna earn some easy money",
        audiences=YOUTH_ONLY,
        veto=lambda text, start, end: (
            _FAMILY_ERRAND.search(text, max(0, start - 30), min(len(text), end + 40)) is not None
        ),
    ),
)

_PRIORITY = {"sexual": 0, "meeting": 0}


class Grooming:
    category = "grooming"

    def __init__(self) -> None:
        # The stages, then grooming told without their words (tables/grooming_indirect.py), which
        # has the family's only rules for adults' spaces: carers telling of it, and someone offering
        # to have their children.
        self.rules = RuleSet(GROOMING_RULES + GROOMING_INDIRECT_RULES, GROOMING_FRAGMENTS, self.category)
        # Grooming told by its signs: carers in adults' spaces (tables/grooming_carers.py), young people
        # sideways in theirs (tables/grooming_sideways.py). Their vetoes are not passed on to the
        # classifier: what they turn down ("a 45 year old man" with no child's age told, "a second phone
        # for work") is often part of another disclosure. Then the signs of the eighth round, in both
        # audiences (tables/grooming_signs.py).
        self.carer_rules = RuleSet(
            GROOMING_CARER_RULES + GROOMING_SIDEWAYS_RULES + GROOMING_SIGN_RULES + HARM_UNSEEN_GROOMING_RULES,
            GROOMING_FRAGMENTS,
            self.category,
        )

    def scan(self, doc: Doc) -> list[Hit]:
        action: Action = "hold"
        found = [
            (f.rule.label, f.start, f.end, _PRIORITY.get(f.rule.label, 1), action)
            for f in self.rules.find(doc.norm.text, doc.norm.data, doc.audience, doc.vetoed)
        ]
        found += [
            (f.rule.label, f.start, f.end, _PRIORITY.get(f.rule.label, 1), action)
            for f in self.carer_rules.find(doc.norm.text, doc.norm.data, doc.audience)
        ]
        return merge(self.category, found)
