"""Grooming and exploitation told by their signs (issue #12, eighth round of writers): what carers
report in adults' spaces and young people pass on sideways in theirs, when neither the groomer's own
words nor the seventh round's signs (``grooming_carers.py``) are in the message. Read by
``grooming.Grooming`` beside the carers' table; its vetoes are not passed to the classifier either.

- someone in a position of trust reaching a child privately: "her PE teacher has been messaging her
  on WhatsApp", "still messages him from a personal account";
- the child turned against the family: "telling him he loves him, that we don't", "too special for her
  boring family", "told her to block us on location sharing", "run away to his house";
- money or goods from an adult nobody can account for: "a man on Snapchat has sent her money for phone
  credit", "some lads from the gym who pay him $50 a time", "he says a 'mate' gave it him";
- criminal exploitation by its errands: "being used to carry drugs", "collect a parcel from the station
  and take it to an address", "let friends use his bank account", "steal to order", "in debt to them",
  "if i just do a few runs";
- a child lured somewhere: "inviting the kids into his garage", "come and see his puppies in his van",
  "offered my 12 year old a lift home and sweets", "offered to pay for his train", "a meet at the
  shopping centre", "sneaking out to meet a 25-year-old";
- an adult's sexual interest told by the carer or the child: "asking about her periods", "hugging her
  goodbye for too long", "money for 'cuddles'", "give her 'massages'", "a picture with no top on",
  "don't wear much", "prove he trusts him";
- images held over a child (sextortion): "threatened to release them to her college", "got a video of
  him and they want $1000 by Friday", "1 more week til he posts them";
- a phone nobody in the family gave: "an iPhone hidden in his drawer. We never bought it", "sent her a
  phone in the post".

Look-alikes tested beside each (tests/moderation/screening/test_grooming_signs.py): the coach who
texts the team group chat, "my dad helped me set up a second account", "grandad gives him a fiver",
a paper round, "we met him and his mum", the school nurse asking about periods, a sports massage, a
sister threatening to post baby photos, "nan sent me a new phone".
"""

from __future__ import annotations

import re

from ..patterns import ADULT_ONLY, Rule, alternatives, either, near, preceded_by
from .grooming_carers import _SAID_BY_WRITER, _earned, _read_or_official

# The family before the giver or the inviter: a gift, a lift or a ticket from them is not a stranger's.
_FAMILY_BEFORE = preceded_by(
    r"(?:nan|nana|gran|granny|grandma|grandad|grandpa|grandparents|mum|mam|mom|dad|parents|carers?|aunt|"
    r"auntie|aunty|uncle|cousin|step ?dad|step ?mum|brother|sister|we|i|they)(?: \w+){0,2}",
    window=50,
)

# The talk or lesson about these signs, and the family's own arrangement with the group or app.
_TAUGHT = re.compile(
    r"\b(?:lesson|talk|assembly|training|course|workshop|webinar|article|documentary|film|drama|series|"
    r"episode|news|leaflet|signs? (?:of|to)|what to look for|pshe|(?:a|the|school|nativity) play|quiz|"
    r"video about|warned us)\b"
)


def _taught(text: str, start: int, end: int) -> bool:
    return near(_TAUGHT, text, start, end, 80)


# Group messages and messages the parents are part of: "texts the team group chat", "parents' WhatsApp".
_GROUP = re.compile(
    r"\b(?:group|team chat|parents'?|the parents|class|all the (?:kids|parents)|newsletter)\b"
)

_ROLE = (
    r"(?:(?:pe|drama|maths|music|science|english|form|art|dance|swimming|football|gym|riding|piano) )?"
    r"(?:teacher|coach|tutor|teaching assistant|ta|youth worker|instructor|scout leader|leader|mentor|"
    r"trainer|caretaker|lifeguard|volunteer)"
)
_IMAGE = r"(?:pics?|pictures?|photos?|selfies?|videos?|vids?|images?|nudes)"
_PIC_NEAR = re.compile(r"\b(?:pics?|pictures?|photos?|selfies?|videos?|vids?|images?|nudes|naked)\b")

# The family's own errands: a parcel from the post office taken to nan's.
_ERRAND = re.compile(
    r"\b(?:post office|royal mail|amazon|ebay|vinted|depot|collection point|locker|nan'?s|gran'?s|grandma'?s|"
    r"grandad'?s|neighbou?r'?s?|auntie'?s|click and collect|for (?:me|us|his (?:mum|dad|nan)|her (?:mum|"
    r"dad|nan)))\b"
)

_SIBLING_JOKE = re.compile(r"\b(?:lol|lmao|haha|baby (?:pics|photos)|joke|jokes|joking)\b|\U0001f602")

GROOMING_SIGN_RULES = (
    Rule(
        # Someone in a position of trust reaching a child privately.
        "reported",
        alternatives(
            f"{_ROLE}(?: \\w+){{0,2}} (?:has been|have been|keeps|kept|is|was|still|started|now|'s been)?"
            " ?(?:messaging|texting|dm'?ing|snapchatting|following|messages|texts|follows|dms|calling|"
            "ringing)"
            " (?:her|him)(?: \\w+){0,3} (?:on (?:whatsapp|snapchat|snap|insta|instagram|tiktok|facebook|"
            "messenger|his phone|her phone)|from (?:a|his|her) (?:personal|private|secret|fake|own|second)"
            " (?:account|number|phone))",
            "(?:messages|messaging|texts|texting|follows|following|contacts|contacting) (?:her|"
            "him) from (?:a|"
            "his|her) (?:personal|private|secret|fake|second) (?:account|number|phone)",
        ),
        "her PE teacher has been messaging her on whatsapp late at night",
        veto=either(lambda text, start, end: near(_GROUP, text, start, end, 60), _taught, _SAID_BY_WRITER),
    ),
    Rule(
        # The child turned against the family that keeps them safe.
        "flattery",
        alternatives(
            "(?:loves?|loved) (?:her|him)(?: \\w+){0,2},? (?:and )?that (?:we|her parents|his parents|her"
            " family|his family|her carers|his carers) (?:don'?t|do not|dont)",
            "too (?:special|mature|grown up|good) for (?:her|his|their)(?: \\w+)? (?:family|parents|carers|"
            "mum|dad|home)",
            "(?:told|tells|telling|asked|got) (?:her|him) to (?:block|hide from|turn off (?:her|his) location"
            " for) (?:us|me|her (?:parents|carers|mum|dad)|his (?:parents|carers|mum|dad))",
            "run away (?:to|with) (?:him|them|his (?:house|flat|place)|her (?:house|flat|place))",
            "(?:parents|carers|we|your mum|your dad) (?:would|will|'d|'ll) (?:just )?'?(?:slow things down|"
            "spoil it|ruin it|not understand|never understand)",
        ),
        "he's been telling her she's too special for her boring family",
        veto=either(_taught, _SAID_BY_WRITER),
    ),
    Rule(
        # Money or goods from an adult nobody in the family can account for.
        "gifts",
        alternatives(
            "(?:a |an |the |some |older )?(?:man|men|woman|lads|boys|guy|guys|bloke|someone|somebody|"
            "stranger|"
            "gang|adults?|'mate'|'friend'|'friends'|online friend|sugar daddy)(?: [a-z']+){0,6} (?:has |"
            "have )?"
            "(?:gives?|gave|giving|given|sends?|sent|sending|pays?|paid|paying|buys?|bought|buying|offered|"
            "offering|offers)(?: to (?:buy|pay for|send))? (?:her|him|them|the (?:kids|boys|girls|children)|"
            "(?:my|our) (?:\\d+ ?yo|\\d+[- ]year[- ]old|son|daughter|boy|girl|grandson|granddaughter|lad))"
            "(?: [a-z']+){0,2} (?:money|cash|\\$ ?\\d+|\\d+ quid|vapes?|phone credit|credit|gift ?cards?|"
            "vouchers|food and money|lifts|riding gear|designer \\w+|a new \\w+|new \\w+|gifts|presents|"
            "energy drinks|sweets|in vapes)",
            "(?:says|said|claims|reckons) (?:a |his |her |some )?'(?:mate|friend|mates|friends|lads?)'"
            " (?:gave|bought|sent|gives|buys)",
            "(?:for nothing|no reason)(?: [a-z']+){0,6} (?:more where (?:that|it) came from|help (?:me|him|"
            "them) out)",
            "more where (?:that|it) came from if (?:you|u|i|he|she) (?:help|helps|do|does)",
        ),
        "a man on snapchat has sent her money for phone credit",
        veto=either(_earned, _read_or_official, _taught, _FAMILY_BEFORE),
    ),
    Rule(
        # Criminal exploitation told by its errands and debts.
        "exploitation",
        alternatives(
            "(?:being |been |is |was )?used (?:him |her |them )?to (?:carry|move|sell|deliver|hold|run|hide)"
            " (?:drugs|stuff|packages|parcels|weed|bags|things|money)",
            "(?:collect|pick up|picks up|collecting|picking up|collected|picked up) (?:a |the )?(?:parcel|"
            "package|bag|bags|packages|parcels)(?: [a-z']+){0,6} (?:and )?(?:take|drop|bring|deliver|taking|"
            "dropping) (?:it|them)",
            "(?:if|as long as) (?:i|he|she|u|you) (?:just )?(?:do|does|run|make) (?:a few|some|a couple of)"
            " (?:runs|drops|deliveries|jobs)",
            "(?:posts?|posting|deliver|delivering|drop|dropping) (?:packages|parcels)",
            "(?:use|using|used|uses) (?:his|her) (?:bank )?(?:account|card)",
            "(?:money|transfers?|payments?|\\$ ?[\\d,]+)(?: [a-z']+){0,2} (?:in and out|into|out of|through)"
            " (?:his|her) (?:bank )?account",
            "money mule",
            "steal(?:ing)? to order",
            "'?in debt'? to (?:them|him|some|older|the)",
            "(?:don'?t|dont|do not) forget (?:what|who) (?:you|u) owe",
            "(?:pay|paying) (?:them|him) back'? by (?:keeping|holding|hiding|doing|running|selling|carrying)",
            "(?:he|she) (?:was|is|has been|'s been) '?holding'? for",
            "(?:running|run|runs|ran) errands",
            "(?:'adopted'|adopted) by (?:a|the) gang",
        ),
        "we think he's being used to carry drugs",
        veto=either(
            _earned, _read_or_official, _taught, lambda text, start, end: near(_ERRAND, text, start, end)
        ),
    ),
    Rule(
        # A child lured somewhere by an adult: into a garage or van, a lift, a ticket, a meet.
        "meeting",
        alternatives(
            "(?:inviting|invites|invited|asking|asked|asks|wants|wanted)(?: \\w+){0,3}"
            " (?:into|in to|round to|to (?:come|go)(?: and \\w+)?(?: \\w+){0,3} (?:in|to|at|on|into))"
            " (?:his|her|their|a|the) (?:'?\\w+'? )?(?:garage|van|shed|studio|hotel|'studio'|club|"
            "'club'|boat|"
            "flat|caravan|lock ?up|unit|'party'|party)",
            "(?:come|go) (?:and )?see (?:his|her) (?:puppies|puppy|kittens|dog|pets)",
            "(?:man|woman|stranger|someone|guy|bloke|lads|men)(?: [a-z']+){0,6} offered (?:her|him|them|"
            "(?:my|"
            "our) [a-z0-9 -]+?) a lift",
            "offered to (?:pay for|buy|book) (?:his|her|their|them|him) (?:a )?(?:train|tickets?|coach|"
            "bus|taxi|travel|hotel|uber)",
            "(?:buy|bought|buying|book|booked|booking|get|got) (?:her|him) a (?:train |coach |bus )?ticket"
            " to",
            "suggested (?:a )?(?:meet|meet ?up|meeting)(?: [a-z']+){0,3} (?:at|in)",
            "(?:sneaking|sneaks|snuck|sneak) out(?: at night| after school)? to (?:meet|see|go to) "
            "(?:a |an |some |her |his )?(?:man|men|\\d+[- ]?year[- ]old|older|adult|guy|boyfriend|"
            "'?parties'?|"
            "a party|a flat)",
            "(?:meeting|meets|met|meet) (?:a|an|some) (?:man|men|older man|adult) from (?:a |an |the )?"
            "(?:dating app|app|online|gym|internet|snapchat|tiktok|instagram|game)",
            "(?:stay|sleep) over any ?time",
            "(?:adult|older|grown) (?:men|males) (?:there|at (?:the|these))",
            "(?:men|man|lads|bloke) '(?:look|looks) after (?:her|him)'",
            "blacked[- ]out (?:windows|car|cars|van|audi|merc|bmw)",
            "(?:give|pay|send)(?: (?:you|u|me|her|him))? (?:\\$ ?\\d+|money|cash) if (?:you|u|i|she|he) "
            "(?:come|comes) to (?:the|his|my|a) (?:hotel|flat|house|party)",
        ),
        "a man keeps inviting the kids into his garage to play video games",
        veto=either(_read_or_official, _taught, _FAMILY_BEFORE),
    ),
    Rule(
        # An adult's sexual interest in a child, told by the carer or the child.
        "sexual",
        alternatives(
            f"{_ROLE}(?: [a-z']+){{0,3}} (?:has been |keeps |kept |is |was |started )?(?:asking|asked|asks)"
            " (?:her |him )?about (?:her|his) (?:periods?|bra|underwear|body|virginity|sex life)",
            "(?:hug|hugs|hugging|hugged|cuddling|cuddles|holding)(?: (?:her|him|me))?(?: goodbye| hello)? "
            "(?:for )?(?:a bit )?(?:too long|longer than)",
            "(?:money|cash|\\$ ?\\d+|sweets|presents?|gifts?|vapes?) for '(?:cuddles|hugs|kisses|massages)'",
            "(?:give|giving|gives|gave) (?:her|him|me|them) '(?:massages?|cuddles|special \\w+)'",
            "misses (?:their|our|your|ur) '?(?:cuddles|hugs|kisses)'?",
            f"(?:asking|asked|asks|wants|wanted|sending|send|sent|"
            f"keeps asking)(?: [a-z']+){{0,5}} (?:a |an )?"
            f"{_IMAGE}(?: [a-z']+){{0,2}} (?:with )?'?(?:no top on|no shirt on|(?:his|her) (?:shirt|top|"
            "clothes) off|without (?:a|his|her) (?:top|shirt|clothes))",
            f"full[- ]body {_IMAGE}",
            f"{_IMAGE} of (?:his|her|their) (?:bedroom|willies?|willy|privates|private parts|body)",
            "(?:don'?t|dont|do not) wear (?:much|anything)",
            "prove (?:he|she|you|u|they|i) (?:trusts?|loves?|cares? about|likes?) (?:him|her|me|them)",
        ),
        "he asked him to prove he trusts him by sending a picture with no top on",
        veto=either(
            _taught,
            lambda text, start, end: (
                re.search(
                    r"\b(?:nurse|gp|doctor|physio|sports massage|therapist|consultant|hospital)\b",
                    text[max(0, start - 80) : end + 80],
                )
                is not None
            ),
        ),
    ),
    Rule(
        # Images held over a child: released, posted or paid for, unless the child gives in.
        "images",
        alternatives(
            f"(?:threaten\\w*|going|gonna) to (?:release|post|share|leak|send|put up) (?:them|it|"
            f"the {_IMAGE}|"
            f"(?:her|his|my) {_IMAGE})",
            "(?:\\d+|one|two|a) (?:more )?(?:days?|weeks?|hours?) (?:til|till|until|before) (?:he|she|they)"
            " (?:posts?|shares?|sends?|leaks?) (?:them|it|the)",
            "(?:wants?|want|wanted|demanding|demands|asking for) (?:\\$ ?[\\d,]+|\\d+ (?:quid|pounds)|money|"
            "(?:\\w+ )?vouchers|gift ?cards?)(?: by \\w+| or| unless| within|\\.)",
            "threaten\\w* to '?tell (?:his|her|my|your|ur) (?:mum|dad|parents|carers|school|friends)"
            "(?: [a-z']+){0,4}'? (?:if|unless)",
        ),
        "he's got a video of him and they want $1000 by friday",
        needs=lambda text, start, end: near(_PIC_NEAR, text, start, end, 200),
        veto=either(
            _taught,
            _earned,
            _read_or_official,
            lambda text, start, end: near(_SIBLING_JOKE, text, start, end, 80),
            preceded_by(r"(?:sister|brother|mum|dad|nan|mate|friend|bestie|bff)(?: \w+){0,2}", window=40),
        ),
    ),
    Rule(
        # A phone nobody in the family gave the child.
        "gifts",
        alternatives(
            "(?:phone|iphone|mobile|sim card|sim)(?: [a-z']+){0,6}\\. (?:we|i) (?:never|didn'?t|did not) "
            "(?:buy|bought|give|gave|get|got|agree)",
            "(?:online|internet|gaming|game) (?:friend|mate|boyfriend|girlfriend)(?: [a-z0-9',]+){0,4} "
            "(?:sent|gave|bought|posted) (?:her|him) (?:a |an )?(?:phone|iphone|mobile|sim|gifts?|presents?"
            "|money)",
        ),
        "found an iphone in his sock drawer. we never bought it",
        audiences=ADULT_ONLY,
        veto=either(_earned, _read_or_official),
    ),
)
