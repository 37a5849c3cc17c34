"""Harm told indirectly, ninth round (issue #12, rules9-b): the ideas the eighth round's tables still
missed in the development data. Three tables, one per family: ``HARM_UNSEEN_ABUSE_RULES`` (read by
``risk.AbuseDisclosure``), ``HARM_UNSEEN_GROOMING_RULES`` (read by ``grooming.Grooming`` beside the
carers' and signs' tables, vetoes not passed on) and ``HARM_UNSEEN_CPV_RULES`` (read by
``risk.ChildToParentViolence``).

Abuse:
- told to lie about an injury: "mum said to say i fell", "told the hospital it was a fall", "its not
  me doing it" (marks someone else made);
- hurt by the adult who cares for the writer, told by an adult adoptee or a young person: "my adoptive
  mum still slaps me", "pinned me against the wall", "got
  strangled when they back chat", "did it with a hose pipe", "he was worse tonight";
- contempt from a carer as a daily thing: "keeps saying im disgusting", "reads them out in a funny
  voice", "takes my wages", "says i owe her for rescuing me", "not allowed to cry";
- food or warmth withheld and a home that nobody runs (young people's spaces): "not allowed food till
  Saturday", "nobody washes my clothes", "mould everywhere", "she drinks all day";
- sexual abuse told around its edges: "check your willy", "touch his 'special bits'", "did stuff",
  a secret game with an adult, "made me keep secrets".

Grooming:
- a gift from someone outside the family, told with a child: "sent him a PS5", "gift cards", "came
  back with a new phone", "parcels from a man she met on a game";
- secrecy or deletion asked by the adult: "delete after reading", "your mum wouldn't understand",
  "our little arrangement", "not add anyone from school";
- images asked for with a price or a setting: "robux if i send him a picture", "a photo in your school
  uniform", "video call in the bath", "til he posts them";
- an adult's age told as no obstacle, and an adult's closeness: "i'm 25. but that doesn't matter",
  "run away together", "money for 'cuddles'", "the coach kisses her";
- someone asking the members for their children (adults' spaces): "send me their snapchats", "girls
  11-14 ideally";
- errands for criminals told by their signs: "a second SIM card", "texts saying 'job on'", "drugs in
  his bag", "money transfers into his account", "if i tell the police they will".

Child-to-parent violence: a young person's own push or blow at a carer ("i pushed my nani and she
fell"), a knife picked up to scare; in adults' spaces a grandparent shoved into a radiator, a table
tipped onto a carer, "hit me again", "been violent all week".

Look-alikes tested beside each (tests/moderation/screening/test_harm_unseen.py).
"""

from __future__ import annotations

import dataclasses
import re

from ..patterns import ADULT_ONLY, YOUTH_ONLY, Rule, alternatives, either, followed_by, near, preceded_by

# A child told near the finding in adults' spaces: a child's age, or a family word for a child.
_CHILD = re.compile(
    r"\b(?:(?:[1-9]|1[0-7]) ?(?:yo|y/o|year old|years old|-year-old)|(?:she|he)'?s (?:[1-9]|1[0-7])\b|"
    r"\((?:[1-9]|1[0-7])\b|son|daughter|grandson|granddaughter|niece|nephew|foster (?:child|son|"
    r"daughter)|lad we|girl we|our (?:boy|girl|lad|lass|lassie|teen|kid|child|youngest|eldest)|"
    r"little (?:brother|sister)|teens?|kids|children|boys|girls)\b"
)


def _child_near(text: str, start: int, end: int) -> bool:
    return near(_CHILD, text, start, end, 200)


# Someone outside the family: an online friend, a man, an adult's age, a name nobody knows.
_OUTSIDER = re.compile(
    r"\b(?:a man|the man|a bloke|a fella|an adult|older (?:lads?|boys?|men|man|guy|bloke)|strangers?|"
    r"someone|somebody|online|'(?:friend|mate|uncle|boyfriend|best friend|tutor|coach|mentor|big man|"
    r"bossman|d)'|never met|nobody knows|no idea who|friend of a friend|from (?:a|the) game|roblox|"
    r"fortnite|discord|snapchat|instagram|xbox|playstation|minecraft|tiktok|gaming|from the estate|"
    r"didn'?t buy|(?:19|[2-5]\d)[- ]?(?:year[- ]old|yo)|in (?:his|her|their) (?:20s|30s|40s|twenties|"
    r"thirties|forties))\b"
)
# The family or the writer giving: "we bought him a phone", "nan sent her a new phone".
_FAMILY_GIVER = preceded_by(
    r"(?:we|i|nan|nana|gran|granny|grandma|grandad|grandpa|mum|mam|mom|dad|uncle|auntie|aunt|aunty|"
    r"parents|carers?|brother|sister|cousin|godmother|godfather|santa)(?: \w+){0,2}",
    window=40,
)
# A lesson or a story about these signs, not the writer's child.
_TAUGHT = re.compile(
    r"\b(?:lesson|assembly|training|course|workshop|webinar|article|documentary|episode|news|leaflet|"
    r"signs? of|what to look for|pshe|novel|book|in the film|storyline|soap)\b"
)


def _taught(text: str, start: int, end: int) -> bool:
    return near(_TAUGHT, text, start, end, 100)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a match: from the last stop before it to the next stop after it."""
    left = max(text.rfind(stop, 0, start) for stop in ".!?\n") + 1
    rights = [i for i in (text.find(stop, end) for stop in ".!?\n") if i >= 0]
    return left, min(rights) if rights else len(text)


_MEDICAL = re.compile(
    r"\b(?:doctor|gp|nurse|hospital|op|operation|surgery|anaesthetic|fasting|fast|ramadan|blood test|"
    r"procedure|scan|circumcision|potty|nappy|nappies|bath ?time|toilet training|puberty|lesson|pshe|"
    r"talk)\b"
)


def _medical(text: str, start: int, end: int) -> bool:
    """A doctor, an operation or fasting in the same sentence: "not allowed to eat until after the op"."""
    left, right = _sentence(text, start, end)
    return _MEDICAL.search(text, left, right) is not None


_HURT = (
    r"(?:slaps?|slapped|hits?|hit|pinned|pins|pushe?s|pushed|punche?s|punched|kicks?|kicked|beats?|"
    r"beat|shoves?|shoved|chokes?|choked|strangles?|strangled|throttled|grabs?|grabbed)"
)
_CARER = (
    r"(?:adoptive|foster|step|birth) ?(?:mum|mam|mom|mother|dad|father|parents?|carers?|nan|gran)|"
    r"foster carers?|stepdad|stepmum|step-dad|step-mum"
)
# Denied or hoped for: "she would never hit me", "doesn't hit me anymore".
_DENIED_BEFORE = preceded_by(
    r"(?:never|not|n'?t|nt|no longer|wouldnt|wont|doesnt|didnt|stopped)(?: \w+){0,3}", 30
)
_NEGATION = re.compile(
    r"\b(?:never|not|no longer|wouldn'?t|doesn'?t|didn'?t|won'?t|wont|doesnt|didnt|wouldnt)\b"
)


def _DENIED(text: str, start: int, end: int) -> bool:
    """Denied before the match or inside it: "she would never hit me", "doesn't hit me anymore"."""
    return _DENIED_BEFORE(text, start, end) or _NEGATION.search(text, start, end) is not None


# Away from home on purpose: "camping trip: same shirt all week".
_AWAY = re.compile(r"\b(?:camping|festival|holiday|residential|trip|forgot to pack|dofe|expedition)\b")
_STUFF = re.compile(r"(?:did|does|doing|do)\W+stuff")
_ADULT_MEANS = re.compile(
    r"\b(?:my car|a car|my flat|a flat|my place|never have to go back|placement|your carers|ur carers|"
    r"i'?m (?:19|[2-5]\d)|im (?:19|[2-5]\d)|(?:19|[2-5]\d) ?(?:yo|year old)|don'?t tell|dont tell|our "
    r"secret|older than)\b"
)
_SURPRISE = re.compile(r"\b(?:surprise|party|present|birthday)\b")

# In adults' spaces "pinned me against the wall" is most often a carer telling of their child
# (child-to-parent violence, allowed and noted): read as abuse there only when the writer tells of
# their own adoptive, foster or step parent and no child is the subject of the sentence.
_CARED_FOR = re.compile(
    rf"\b(?:my (?:{_CARER})|adoptee|i was adopted|adopted at|i was fostered|i'?m 1[89]|im 1[89])\b"
)
_CHILD_SUBJECT = re.compile(
    r"\b(?:son|daughter|grandson|granddaughter|lad|boy|girl|teen|kid|nephew|niece|[0-9]+ ?(?:yo|y/o)|"
    r"year old|(?:he|she)'?s 1[0-7])\b"
)


def _adult_adoptee(text: str, start: int, end: int) -> bool:
    left, _ = _sentence(text, start, end)
    return (
        _CARED_FOR.search(text, max(0, start - 300), end) is not None
        and _CHILD_SUBJECT.search(text, left, start) is None
    )


def _in_each_space(rule: Rule, adult_example: str) -> tuple[Rule, Rule]:
    """The rule as it is in young people's spaces, and in adults' only for an adult adoptee's own carer."""
    return (
        dataclasses.replace(rule, audiences=YOUTH_ONLY),
        dataclasses.replace(rule, example=adult_example, audiences=ADULT_ONLY, needs=_adult_adoptee),
    )


HARM_UNSEEN_ABUSE_RULES = (
    Rule(
        # Told to lie about an injury, the lie told for the adult, or marks someone else made.
        "physical_abuse",
        alternatives(
            "(?:said|says|told me|tells me|made me|makes me|wants me) (?:to )?(?:say|tell (?:them|everyone|"
            "school|the school|the doctor|the hospital|people)) (?:that )?(?:i|he|she) (?:fell|tripped|"
            "slipped|walked into|banged|bumped)",
            "told (?:the )?(?:hospital|a&e|doctors?|gp|school|nurse|teachers?) (?:it was|that it was) "
            "(?:a fall|an accident|the stairs|a door)",
            "i (?:didn'?t|didnt|did not) fall",
            "(?:it'?s|its) not me doing (?:it|them|this|that)",
        ),
        "mum said to say i fell off my bike. i didnt fall",
        veto=either(_taught, preceded_by(r"(?:if|when) (?:you|u|they|someone)(?: \w+){0,3}", 40)),
    ),
    Rule(
        # Hurt by one's own adoptive, foster or step parent: an adult adoptee or a young person.
        "physical_abuse",
        alternatives(
            f"(?:{_CARER})<F6> (?:still )?{_HURT} me",
            f"(?:{_CARER})[^.!?]{{0,80}}, (?:but )?(?:she|he) (?:still )?{_HURT} me",
            f"(?:being|getting|been|gets|got) (?:hit|beaten|hurt|slapped|kicked|punched|starved) by (?:her|"
            f"his|their|my) (?:{_CARER})",
            "(?:starving|starves|starved) (?:him|her|them|me)",
        ),
        "my adoptive mum still slaps me when she's angry",
        veto=either(_DENIED, _taught),
    ),
    *_in_each_space(
        Rule(
            # Held against a wall, moved by force, beaten when the others are out, by whoever cares for
            # the writer.
            "physical_abuse",
            alternatives(
                "pinned me (?:against|to|up against) (?:the|a) (?:wall|floor|door|fridge|bed)",
                "pushe?s me (?:around|about)",
                "(?:gets|got|getting) (?:a bit )?['\"]?handy['\"]? when (?:he|she)'?s? (?:had|been) "
                "(?:a drink|drinking)",
                "(?:pulled|yanked|dragged) (?:my|me by (?:my|the)) (?:jumper|hair|hood|collar|arm)"
                "(?: \\w+){0,2} so hard",
                "(?:takes|took|taking) it out on (?:me|us)",
                "(?:had|put|kept|locked|left) me (?:out )?(?:in|outside in) (?:the )?(?:yard|garden|cold|"
                "snow)(?: \\w+){0,3} (?:in my (?:boxers|pants|pyjamas|underwear)|all night|at \\d)",
                "(?:got|get|gets|getting) (?:strangled|choked|battered|beaten|belted|hit) (?:when|for|if) "
                "(?:they|you|u|i|we) (?:back ?chat|talk back|answer back|are cheeky|cheek)",
                "(?:dad|mum|mam|da|stepdad|he|she) did (?:it|that|this) with (?:a|the|his|her) "
                "(?:belt|hose ?pipe|cable|wire|stick|slipper|wooden spoon|shoe|lead|buckle)",
                "(?:beat|beats|hits|batters|belts) (?:me|mi) every time",
                "(?:he|she|dad|mum|da)(?:'s| was| is| got) (?:even )?worse (?:tonight|today|this time|"
                "last night)",
                "makes? (?:her|him|me|them) watch (?:while|when|as) (?:he|she) (?:hurts|hits|beats|attacks)",
                "(?:he'?s|she'?s|i'?m|im|hes|shes) ['\"]?not allowed to cry",
            ),
            "he pinned me against the wall when i tried to leave",
            veto=either(
                _DENIED,
                _taught,
                preceded_by(r"\bmy (?:brother|sister|bro|sis|mate|friend|cousin)(?: \w+){0,3}", 40),
                # A game's scores: "he beats me every time at fifa".
                followed_by(
                    r"(?:at|in|on) (?:fifa|chess|cards|football|tennis|games?|mario|uno|monopoly)", 30
                ),
            ),
        ),
        "my adoptive dad pinned me against the wall when i tried to leave",
    ),
    *_in_each_space(
        Rule(
            # Contempt from a carer as the writer's daily life, or their letters and diary mocked.
            "emotional_abuse",
            alternatives(
                f"(?:{_CARER}|carer|mum|dad|mam|she|he)(?: \\w+){{0,2}} (?:keeps|always|still) (?:saying|"
                f"calling me|calls me|tells me|says)(?: that)? (?:i'?m|im|i am|me)? ?['\"]?(?:disgusting|"
                f"worthless|useless|a waste|nothing|a mistake|ungrateful|the orphan|a crack baby|a burden|"
                f"rubbish)",
                "(?:reads?|reading|read) (?:my|our|their|his|her|them|it)(?: (?:diary|letters?))?"
                "(?: \\w+){0,6} (?:out|aloud)(?: \\w+){0,6} (?:at dinner|in front of|funny voice|laugh|"
                "take the piss|rips?)",
                f"(?:{_CARER}|mum|dad|she|he)(?: \\w+){{0,3}} (?:takes?|took|keeps?) my (?:wages|pay|money|"
                f"benefits|bank card)",
                "(?:says?|said) i owe (?:her|him|them) for ['\"]?(?:rescuing|saving|taking in|adopting) me",
            ),
            "my foster carer keeps saying im disgusting",
            veto=either(_DENIED, _taught),
        ),
        "my adoptive mum keeps saying im worthless",
    ),
    Rule(
        # Food withheld or a home nobody runs, told by the young person living in it.
        "neglect",
        alternatives(
            "(?:not|wasn'?t|wasnt|weren'?t|isn'?t|aren'?t) allowed (?:to eat|(?:any )?(?:food|dinner|tea|"
            "breakfast|lunch))(?: \\w+){0,3} (?:until|till|til|unless)",
            "(?:nobody|no one|no-one|noone) (?:washes|cleans|buys|cooks|feeds|makes)(?: \\w+){0,2} (?:my|me|"
            "us|our)",
            "(?:same|one) (?:school )?(?:shirt|uniform|clothes|jumper) (?:all|every) (?:week|day)",
            "mould (?:everywhere|all over)",
            "(?:food'?s|foods|the food'?s|the food has|food has) (?:run out|gone)",
            "(?:always|just|stays) in bed and (?:doesn'?t|doesnt|never|won'?t|wont) get up",
            "too (?:depressed|drunk|out of it|high) to (?:get up|get out of bed|cook|notice)",
            "(?:she|he|mum|dad) drinks all day",
        ),
        "nobody washes my clothes and the foods run out",
        audiences=YOUTH_ONLY,
        veto=either(
            _taught,
            _medical,
            preceded_by(r"(?:if|when)(?: \w+){0,4}", 40),
            lambda text, start, end: near(_AWAY, text, start, end, 60),
            followed_by(
                r"(?:everyone|every1|we'?re all|we are all|all of us|grace|the table|after (?:church|"
                r"prayers))",
                40,
            ),
        ),
    ),
    Rule(
        # Sexual abuse told around its edges: private parts checked or touched, stuff done, a secret game.
        "sexual_abuse",
        alternatives(
            "(?:check|checks|checking|checked|touch|touches|touching|touched|see|look at) (?:your|my|his|"
            "her|their) ['\"]?(?:willy|winkie|privates|private parts|special bits|bits|front bottom|"
            "down there|minnie)",
            "(?:did|does|doing|do) stuff",
            "(?:game|games)(?: \\w+){0,12} (?:it'?s|its|it is) (?:a|our) secret",
            "if (?:you|u) (?:tell|told)(?: \\w+){0,4} (?:about )?(?:the|our) games? we play",
            "(?:made|makes|making|make) me keep (?:secrets|a secret|it (?:a )?secret)",
        ),
        "he said mum's boyfriend wants to check his willy in the bathroom",
        # "did stuff" only as the child's or carer's quoted words, or with night, bath or room.
        needs=lambda text, start, end: (
            _STUFF.match(text, start, end) is None
            or text[start - 1 : start] in ("'", '"')
            or text[end : end + 1] in ("'", '"')
            or re.match(
                r"\s*(?:at night|to (?:me|her|him)|in the bath|in (?:my|her|his) (?:room|bed))", text[end:]
            )
            is not None
        ),
        veto=either(
            _taught,
            _medical,
            # "my sister made me keep a secret": a sibling's or a friend's secret, said by the writer.
            preceded_by(r"\bmy (?:sister|brother|bro|sis|mate|friend|bestie|cousin)(?: \w+){0,2}", 30),
            lambda text, start, end: near(_SURPRISE, text, start, end, 60),
        ),
    ),
)

HARM_UNSEEN_GROOMING_RULES = (
    Rule(
        # A gift from someone outside the family, told with a child.
        "gifts",
        alternatives(
            "(?:given|gave|gives|giving|sent|sends|sending|buying|bought|buys|paid|pays|paying|offering|"
            "offered|brings|bringing) (?:him|her|them|our (?:son|daughter|boy|girl|lad|12yo|13yo|14yo|15yo)|"
            "my (?:11yo|12yo|13yo|14yo)|the boys|the girls|the kids)(?: \\w+){0,3} (?:a |an |some |the |his "
            "|her )?(?:odd )?(?:new |brand new )?(?:phone|sim|moped|trainers|vapes?|gift ?cards?|"
            "vouchers|ps5|playstation|bike|perfume|makeup|train (?:ticket|fare)|hotel room|skins?|bundles?|"
            "nitro|robux|"
            "pocket money|cash|money|presents?|energy drinks|jordans|hoodie|cigarettes|vodka|stuff|things|"
            "lifts)",
            "(?:leaving|left) (?:presents|gifts|parcels)",
            "(?:getting|gets|got|receiving|been getting) (?:parcels|packages|presents|gifts|gift ?cards)"
            "(?: \\w+){0,3} from",
            "sent (?:a )?(?:parcel|package)",
            "(?:coming|comes|came|come) (?:home|back)(?: \\w+){0,3} with (?:gift ?cards|cash|money|new "
            "trainers|a new phone|gifts)",
            "(?:new|second|another) (?:phone|sim|sim card)(?: \\w+){0,4} (?:i|we) (?:didn'?t|didnt|never) "
            "(?:buy|give|get)",
        ),
        "a man from the club has been buying our son trainers and a phone",
        needs=lambda text, start, end: (
            near(_OUTSIDER, text, start, end, 160)
            and (_child_near(text, start, end) or text.startswith(("i ", "im ", "my ")))
        ),
        veto=either(_FAMILY_GIVER, _taught),
    ),
    Rule(
        # Secrecy or deletion the adult asked for, and the family cast as the obstacle.
        "secrecy",
        alternatives(
            "delete (?:after reading|this chat|our chats?|these messages|these|the chat|it after)",
            "(?:your|ur|her|his) (?:mum|mam|mom|dad|parents|carers?|nan|gran|family) (?:wouldn'?t|wouldnt|"
            "won'?t|wont|would never|don'?t|dont|doesn'?t|doesnt) (?:understand|get it|get us)",
            "(?:our|a) (?:little )?(?:arrangement|secret between us)",
            "without (?:your|ur|her|his) (?:mum|mam|mom|dad|parents|carers?|nan|gran) (?:fussing|knowing|"
            "finding out|getting involved|interfering)",
            "(?:parents|carers|they) would (?:just )?(?:slow (?:things|it) down|get in the way|ruin it|not "
            "understand)",
            "(?:don'?t|dont) tell anyone,? (?:they'?ll|theyll|they will|people will) (?:be )?(?:jealous|"
            "ruin it|not understand)",
            "(?:it )?(?:stays|stay) ours",
            "other people would (?:twist|ruin|not understand|misunderstand) it",
            "not (?:to )?add anyone from (?:school|your school|ur school)",
            "(?:gave|given|give) (?:him|her) (?:his|her) (?:personal|private|own) (?:mobile|number|"
            "phone number)",
        ),
        "he said to delete after reading and that her mum wouldn't understand",
        veto=either(
            _taught,
            lambda text, start, end: near(
                re.compile(
                    r"\b(?:surprise|party|present|birthday|spam|scam email|virus|birth family|tracing)\b"
                ),
                text,
                start,
                end,
                60,
            ),
        ),
    ),
    Rule(
        # Images asked for with a price or a setting a child should not be photographed in, or held.
        "images",
        alternatives(
            "(?:robux|v-?bucks|nitro|skins?|gift ?cards?|vouchers|money|cash|\\$ ?\\d+|\\d+ (?:quid|pounds))"
            "(?: \\w+){0,3} (?:if|for) (?:i|you|u|he|she|they) (?:send|sent|sends)(?: \\w+){0,2} (?:a )?"
            "(?:pic|picture|photo|selfie|video)",
            "(?:pic|picture|photo|selfie|video|photos|pictures|pics)(?: of (?:her|him|me|your|ur)self)? "
            "['\"]?in (?:your|ur|her|his|my) (?:school )?(?:uniform|pe kit|kit|bath|bed|underwear|pyjamas|"
            "swimming costume|swimsuit)",
            "video call(?: \\w+){0,2} in the (?:bath|shower|bed)",
            "video call(?: \\w+){0,2} (?:one at a time|alone|on (?:her|his|their) own|privately)",
            "(?:til|till|until|before) (?:he|she|they) (?:posts?|shares?|leaks?|sends?) (?:them|it|the pics|"
            "my pics)",
            "(?:has|got|have) a video(?: \\w+){0,4} (?:demanding|wants|asking for) (?:money|cash|\\$)",
            "(?:asked|asking|asks) for (?:his|her) own",
            "(?:spicy|sexy|naughty|private) (?:pics|pictures|photos|snaps)",
            "(?:leak|post|share|send round) (?:her|his|my|ur|your) (?:pics|pictures|photos|nudes|video)",
        ),
        "someone offered me robux if i send him a picture in my pe kit",
        veto=either(_taught, preceded_by(r"(?:sister|brother|mum|dad|nan|school|team)(?: \w+){0,4}", 40)),
    ),
    Rule(
        # An adult's age told as no obstacle, an adult's closeness with a child.
        "age_gap",
        alternatives(
            "(?:i'?m|im|i am) (?:19|[2-5]\\d)[.,!]* but (?:that|age|it) (?:doesn'?t|doesnt|dont|don'?t|does "
            "not|shouldn'?t) matter",
            "(?:if|when) (?:she|he|they|ur mum|your mum|ur dad|your dad) (?:knew|found out|finds out) "
            "(?:ur|you'?re|you are|u r|youre|i'?m|im) (?:19|[2-5]\\d)",
            "(?:a )?real hug instead of a virtual one",
            "teach (?:u|you) (?:some )?(?:stuff|things) (?:boys|men|guys|lads) (?:will )?like",
            "stuff (?:boys|men|guys|lads) (?:will |would )?like",
            "(?:what'?s|whats) the furthest (?:u'?ve|you'?ve|uve|youve|u|you) (?:ever )?gone",
            "promise (?:u'?ll|you'?ll|ull|youll) always (?:reply|answer|text|message) (?:to )?me first",
            "(?:money|cash|sweets|presents|gifts|vapes)(?: \\w+){0,2} for ['\"]?(?:cuddles|hugs|kisses|"
            "massages)",
            "(?:coach|teacher|tutor|instructor|trainer|neighbour|uncle|man)(?: \\w+){0,3} (?:kisses|kissed|"
            "strokes|stroked) (?:her|him|me)",
        ),
        "i'm 25. but that doesnt matter right",
        veto=either(_taught, preceded_by(r"(?:film|song|book|lyrics?)(?: \w+){0,4}", 40)),
    ),
    Rule(
        # Words friends say too ("age is just a number", "run away together"), taken as grooming only
        # with an adult's means or age, the placement or a secret near.
        "age_gap",
        alternatives("age is (?:just|only) a number", "run away together"),
        "we should run away together, i've got a car and a flat",
        needs=lambda text, start, end: near(_ADULT_MEANS, text, start, end, 150),
        veto=_taught,
    ),
    Rule(
        # Someone asking the members for their children, their handles or a child of a given age.
        "reaching_children",
        alternatives(
            "(?:send|share|give|dm|pm) me (?:their|your (?:kids'?|children'?s|teens?'?|sons?'?|"
            "daughters?'?)) (?:snapchats?|snaps|usernames?|numbers?|handles?|instas?|accounts?)",
            "(?:share|send|post) (?:their|your) (?:kids'?|children'?s|teens?'?) (?:usernames?|snapchats?|"
            "handles?|numbers?)",
            "(?:girls|boys|lads|teens|kids)(?: aged)? (?:1[0-6]) ?(?:-|to) ?(?:1[0-7])(?:,)? (?:ideally|"
            "preferably|only|especially)",
            "(?:ideally|preferably|especially) (?:a )?(?:girls?|boys?|lads?|teens?)(?: aged)? (?:around )?"
            "1[0-6]",
            "access to the (?:youth|young people'?s|teen|teens'?) (?:section|area|space|groups?|chat)",
            "no need for (?:her|his|their) (?:carers|parents|mum|dad) to (?:meet|know|come)",
            "under 16 because",
        ),
        "send me their snapchats and I'll reach out to the lads myself",
        audiences=ADULT_ONLY,
        veto=_taught,
    ),
    Rule(
        # Errands for someone, told by their signs: a second SIM, a job text, drugs, money passed on.
        "exploitation",
        alternatives(
            "(?:second|spare|another|extra) sim(?: card)?",
            "(?:texts?|messages?|calls?)(?: \\w+){0,5} (?:saying|that say) ['\"]?(?:job on|the phone'?s "
            "ringing|get to the station|where are u|u owe|you owe)",
            "drugs in (?:his|her|their) (?:bag|pocket|bedroom|room)",
            "(?:money|cash) (?:transfers?|payments?) into (?:his|her|their) (?:bank )?account",
            "(?:cash|money) to (?:hold|keep|look after|mind) (?:bags?|a bag|stuff|parcels?|packages?)",
            "(?:one|1) more (?:trip|run|drop|job) to",
            "(?:if|when) (?:i|we|you|u|she|he) (?:tel|tell|call|ring|go to|grass to) (?:the )?(?:police|feds|"
            "cops)(?: \\w+){0,2} (?:they|thay|he|she|we)(?:'ll|ll| will| wil| gonna| are gonna| would|'d)",
            "(?:ring|call|text|warn) (?:them|him|me) if (?:the )?(?:police|feds|cops|old bill)",
            "(?:teach|show) (?:him|her|you|u|me|them) how to (?:make|earn) (?:money|cash|easy money)",
            "(?:paid|pays|paying) (?:her|him|them)(?: \\w+){0,5} to ['\"]?(?:sit|wait|keep|do|hold|drive|"
            "deliver|stand|watch|go to)",
            "looking after (?:it )?for a (?:friend|mate)",
            "(?:got|have|'?ve got) a job for (?:u|you)[.!,]? better than school",
            "picked up by (?:a|the same) (?:taxi|car)(?: \\w+){0,3} every (?:friday|saturday|night|weekend)",
            "taxis?(?: \\w+){0,3} (?:she|he|they) (?:hasn'?t|hasnt|didn'?t|didnt|never) (?:paid|ordered|"
            "booked)",
            "(?:missing|missing from home) episodes?",
            "(?:says|said) (?:he'?s|she'?s|hes|shes|it'?s) ['\"]?(?:working|a job|for work)",
        ),
        "we found a second sim card in our daughter's blazer",
        needs=lambda text, start, end: (
            _child_near(text, start, end) or text.startswith(("i ", "they", "thay"))
        ),
        veto=either(
            _taught,
            # The family paying for a chore: "we pay him $5 to wash the car".
            preceded_by(r"\b(?:we|i)(?: \w+){0,1}", 12),
            preceded_by(r"(?:my|our|the|for) (?:work|dual|travel|holiday|abroad)(?: \w+){0,3}", 40),
            lambda text, start, end: near(
                re.compile(r"\b(?:paper round|chores|pocket money|wash(?:ing)? the car|babysit\w*|mow\w*)\b"),
                text,
                start,
                end,
                60,
            ),
        ),
    ),
)

HARM_UNSEEN_CPV_RULES = (
    Rule(
        # A young person's own push or blow at a carer, or a knife picked up to scare.
        "child_to_parent_violence",
        alternatives(
            "i (?:pushed|shoved|hit|punched|kicked|slapped|headbutted|bit|scratched) my (?:nan|nani|nana|"
            "gran|granny|grandma|grandad|mum|mam|mom|dad|carer|carers|foster (?:mum|dad|carer)|adoptive "
            "(?:mum|dad)|step ?(?:mum|dad))",
            "(?:picked up|grabbed|got|took) a knife to (?:scare|threaten|frighten) (?:my|her|him|them)",
        ),
        "i pushed my nani and she fell and hurt her hip",
        audiences=YOUTH_ONLY,
        veto=either(
            _taught,
            lambda text, start, end: (
                re.match(
                    r"\s*(?:in (?:her|his|the) (?:wheel)?chair|on the swings?|round|around|to the|along|"
                    r"with a pillow|out of the way of)",
                    text[end : end + 40],
                )
                is not None
            ),
            lambda text, start, end: near(
                re.compile(r"\b(?:lol|lmao|haha|pillow|game|joke|joking)\b"), text, start, end, 40
            ),
        ),
    ),
    Rule(
        # A carer thrown into something hard, furniture tipped onto them, a child hitting again.
        "child_to_parent_violence",
        alternatives(
            "(?:shoved|pushed|threw|thrown|slammed) (?:his|her|their|me|my) (?:nan|gran|grandma|grandad|"
            "mum|dad|nana|granny)?(?: \\w+){0,1} (?:into|against|onto) (?:the|a) (?:radiator|wall|door|"
            "stairs|bannister|table|fireplace)",
            "(?:flipped|tipped|turned|threw|pushed) the (?:dining |kitchen )?table (?:over )?(?:onto|on|at) "
            "me",
            "(?:our|my) (?:lad|son|boy|girl|daughter|grandson|granddaughter|teen|kid)<F6> (?:hit|punched|"
            "kicked|headbutted|bit|slapped|attacked|went for) me again",
            "(?:the|our|my) (?:lad|son|boy|girl|daughter|kids?)(?:'s| has| is| was)? (?:been )?(?:violent|"
            "kicking off|lashing out)(?: \\w+){0,2} (?:all week|again|every day|every night|all day)",
        ),
        "our 10 year old flipped the table onto me",
        audiences=ADULT_ONLY,
        needs=_child_near,
        veto=_taught,
    ),
)
