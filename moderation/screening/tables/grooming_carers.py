"""Grooming and exploitation told by carers in adults' spaces (issue #12, seventh round of writers):
the signs a carer sees and reports, not the groomer's own words. Read by ``grooming.Grooming`` in
adults' spaces only (the stage rules of ``grooming.py`` stay young people's).

- an age gap: a child's age told beside a "boyfriend", "friend" or man who is an adult ("she's 14,
  he's 24", "a man in his thirties", "a 25-year-old boyfriend"); held only when a child's age is told;
- secrecy the adult asked for, reported: "told her not to tell", "don't tell your nan", "our little
  secret", "delete this after reading", "parents aren't allowed at shoots";
- a child asked to come to the adult alone: "asked her to come to his flat", "get in his car";
- the questions that find a child: "asked what school he goes to and whether he's home alone";
- images: paid for ("sends her money for outfit pics"), sold, or held over the child (sextortion:
  "has her photos and is demanding money", "send them to her school unless she sends more");
- criminal exploitation: "working for them", "owes them", a second phone, taxis paid for by nobody
  the family knows, cash the child cannot explain, going missing for nights, asked for by a nickname;
- an adult giving a child what a child may not buy (vapes, alcohol, cannabis).

Look-alikes tested beside each: an adult's own partner's age with no child's age, "I told her not to
tell her brother about the party", "the admissions form asked what school he goes to", "a second
phone for work", "birthday money in his drawer", "my socks keep going missing", "he's working for a
builder", "my toddler blackmailed me into another story".
"""

from __future__ import annotations

import re

from ..patterns import ADULT_ONLY, Rule, alternatives, either, followed_by, near, preceded_by

# A child's age told in the message: "(14)", "our 13yo", "she's 12", "aged 15", "teen daughter".
_MINOR = re.compile(
    r"\((?:[4-9]|1[0-7])\b|\b(?:[4-9]|1[0-7]) ?(?:yo|y/o|yrs? old|years? old|-year-old|year-old)\b|"
    r"\b(?:she'?s|he'?s|shes|hes|she is|he is|aged|who'?s|is only|is just|only|just turned) (?:only |just )?"
    r"(?:[4-9]|1[0-7])\b(?! ?(?:minutes|mins|hours|days|weeks|months|quid|pounds|times|%))|"
    r"\b(?:our|my|the|a|his|her) (?:[4-9]|1[0-7])\b(?! ?(?:minutes|mins|hours|days|weeks|months|times|%))|"
    r"\b(?:[4-9]|1[0-7])(?:,|\)) |"
    r"\b(?:daughter|son|girl|boy|niece|nephew|grandson|granddaughter|lad|lass|child|kid|brother|sister)"
    r"(?:,|'?s|s| is| was) (?:only |just )?(?:[4-9]|1[0-7])\b|"
    r"\bgrand(?:daughter|son)\b|"
    r"\bteen(?:age)? (?:daughter|son|girl|boy|niece|nephew|grandson|granddaughter|members|lad|lass)|"
    r"\b(?:year|yr) (?:[7-9]|1[01])\b|\bschool ?bag|\bblazer\b|\bschool uniform|"
    r"\b(?:is|was) (?:only |just )?(?:[4-9]|1[0-7])(?=[.,!?)]|$| and | but | years?\b| yrs?\b)"
)


def _no_child_age(text: str, start: int, end: int) -> bool:
    return _MINOR.search(text) is None


_NUMBER = re.compile(r"\d+")


def _no_child_or_near_age(text: str, start: int, end: int) -> bool:
    """No child's age told, or the adult's age told is within three years of the oldest child's
    ("our 17yo's girlfriend is 18")."""
    children = [int(n) for m in _MINOR.finditer(text) for n in _NUMBER.findall(m.group())]
    if not _MINOR.search(text):
        return True
    adult = [int(n) for n in _NUMBER.findall(text[start:end])]
    return bool(adult and children and adult[-1] - max(children) < 4)


# Read or trained about, or the family's own official errands: not something happening to a child.
_READ_OR_OFFICIAL = re.compile(
    r"\b(?:(?:the )?(?:school|agency|panel|council|admissions|form|dentist|gp|doctor) (?:asked|asks|wants|"
    r"needs|requested|said)|passport|social worker|training|course|leaflet|article|documentary|podcast|book|"
    r"webinar|workshop|briefing|dsl|talk(?:ing)? to (?:your|our|the|my) (?:kids|teens|children)|"
    r"about (?:grooming|sextortion|exploitation|online safety|county lines)|"
    r"if (?:someone|anyone|somebody|a stranger|people)|(?:a|any) (?:child|young person|kid))\b"
)


def _read_or_official(text: str, start: int, end: int) -> bool:
    return _READ_OR_OFFICIAL.search(text, max(0, start - 60), end) is not None


# The writer is the one who said it ("I told her not to tell her brother"): carers' own rules.
# Advice about anyone at all, not a report of someone ("explaining that anyone who asks them to keep a
# secret from you is someone to tell us about"): online-safety guidance says these words.
_ANYONE_WHO = preceded_by(
    r"(?:anyone|anybody|someone|somebody|people|an adult|adults|a stranger|strangers|whoever|any adult)"
    r"(?: online)? (?:who|that)|if (?:anyone|anybody|someone|somebody|an adult|a stranger|any adult)",
    window=60,
)
_SAID_BY_WRITER = preceded_by(r"(?:i|we|i'?ve|we'?ve|i have|we have|i always|we always|i just|we just)")
# A surprise or a treat kept from someone else.
_SURPRISE = re.compile(
    r"\b(?:surprise|party|birthday|bday|christmas|xmas|present for|cake|ice cream|sweets|late night|stay"
    r" up)\b"
)


def _surprise(text: str, start: int, end: int) -> bool:
    return near(_SURPRISE, text, start, end, 80)


# Earned or given by the family: birthday money, a paper round, a Saturday job.
_EARNED = re.compile(
    r"\b(?:birthday|christmas|xmas|saved up|saving up|savings|paper round|saturday job|part[- ]time|job at|"
    r"wages|pocket money|tooth fairy|grandparents gave|for work|work phone|business|spare|old phone|"
    r"hand ?-?me ?-?down|emergenc(?:y|ies)|from us|from me|we (?:got|bought|gave)|duke of edinburgh|dofe|"
    r"builder|apprentice|shift|tesco|council|local authority)\b"
)


def _earned(text: str, start: int, end: int) -> bool:
    return near(_EARNED, text, start, end)


# Selling one's own work: "she sells her photos at the craft fair".
_CRAFT = re.compile(r"\b(?:etsy|craft|fair|exhibition|gallery|ebay|vinted|prints|art (?:show|class|club))\b")

# Things a child is given: new phones and clothes, cash, nails done.
_GOODS = re.compile(
    r"\b(?:new (?:phone|iphone|trainers|coat|jacket|clothes|bike|bag|watch|airpods)|iphone|designer|cash|"
    r"money|\$ ?\d+|nails|gucci|nike|north face|canada goose|vapes?|jewellery|necklace|bracelet|presents?|"
    r"gifts?|parcels?)\b"
)

_ADULT_AGE = r"(?:1[89]|[2-5][0-9])"
_WHO = (
    "(?:boyfriend|girlfriend|friend|mate|mentor|fella|man|guy|bloke|woman|lady|coach|tutor|agent|"
    "photographer|streamer|lad)"
)

GROOMING_CARER_RULES = (
    Rule(
        # An adult beside a child: held only when a child's age is told in the message.
        "age_gap",
        alternatives(
            f"{_WHO} (?:who'?s|who is|whos|is|aged|'s|s|of about|of) (?:about |around |nearly |at least )?"
            f"\\(?{_ADULT_AGE}",
            f"{_WHO} \\({_ADULT_AGE}",
            "(?:he'?s|hes|he is|who'?s|whos) in his (?:late |early |mid )?(?:twenties|thirties|forties|"
            "fifties|"
            "20s|30s|40s|50s)",
            "(?:man|men|fella|guy|bloke|woman|boyfriend|lad|lads) in (?:his|her|their) (?:late |early |mid )?"
            "(?:twenties|thirties|forties|fifties|20s|30s|40s|50s)",
            f"(?:a|an|the|her|his) {_ADULT_AGE}[- ]?(?:year[- ]old|yo|yr old) (?:man|fella|guy|bloke|"
            f"boyfriend|"
            "woman|lad|friend|mate)",
            f"(?:she|he) (?:says|said|thinks|reckons) (?:he'?s|he is|hes|she'?s|she is) {_ADULT_AGE}\\b",
            "(?:an |her |his |a )?(?:older|grown) (?:man|men|guy|guys|bloke|fella|boyfriend|woman)",
            "grown men",
        ),
        "our daughter (14) has a boyfriend who's 24",
        audiences=ADULT_ONLY,
        veto=either(
            _no_child_or_near_age,
            followed_by(
                r"(?:years|yrs) (?:ago|later)|of (?:us|them)|(?:minutes|mins|hours|days|weeks|months|miles|"
                r"times|quid|pounds|%|\\$|percent|years? (?:married|together|in))"
            ),
        ),
    ),
    Rule(
        # Secrecy the adult asked of the child, told by the carer.
        "secrecy",
        alternatives(
            "(?:told|tells|telling|asked|asks|asking|warned|begged|made) (?:her|him|them|the (?:boys|girls|"
            "kids)|(?:our|my) (?:son|daughter|boy|girl|lad|grandson|granddaughter|nephew|niece)) "
            "(?:not to|never to|to not) (?:tell|mention|say|show|let on)",
            "(?:told|tells|telling|asked|asks|asking) (?:her|him|them) to keep (?:it|this|things|them|their "
            "\\w+|the \\w+)? ?(?:a )?secret",
            "keep (?:it|this|them|their chats?|the chats?|the messages|things) (?:secret |hidden )?from "
            "(?:us|me|her (?:parents|carers|nan|mum|dad|family)|his (?:parents|carers|nan|mum|dad|family))",
            "(?:told|tells|telling) (?:her|him|them|the (?:boys|girls|kids)) (?:it'?s|its) (?:a|our|their) "
            "secret",
            "(?:don'?t|dont|do not|never) tell (?:anyone|anybody|no one|noone) (?:we|about us|about this|"
            "about "
            "our)",
            "(?:asking|asked|asks|wants|wanted|telling|told|persuaded|getting)(?: her| him| them)? to"
            " (?:move|"
            "take|switch) (?:the |their |your |ur )?(?:chats?|it|conversations?|messages)? ?(?:to|onto|over "
            "to) (?:snapchat|whatsapp|signal|telegram|kik|discord|an? (?:encrypted|private|secret|other)"
            " \\w+)",
            "(?:set up|make|made|open|opened) a (?:second|secret|hidden|private) (?:account|profile)",
            "delete (?:this|it|them|the chats?|the messages?)(?: after (?:reading|you read)| so)",
            "(?:parents|carers|mums|dads) (?:aren'?t|are not|not|arent) allowed (?:at|to come|on|in)",
            "(?:told|asked|wants|wanted) (?:her|him) to come alone",
        ),
        "he told her not to tell us",
        audiences=ADULT_ONLY,
        veto=either(_SAID_BY_WRITER, _ANYONE_WHO, _surprise, _read_or_official),
    ),
    Rule(
        # The adult's own words of secrecy, quoted by the carer: held only when a child's age is told,
        # since adults say "just between us" and "don't tell your mum" to each other.
        "secrecy",
        alternatives(
            "(?:don'?t|dont|do not|never) tell (?:your|ur|yer) (?:nan|nana|nanna|gran|granny|grandad|grandma|"
            "mum|mam|mom|dad|parents|carers?|foster \\w+|family|aunt|auntie|uncle|fake \\w+)",
            "(?:your|ur) (?:nan|nana|mum|mam|dad|parents|carers?|gran|grandad|grandma|family) "
            "(?:doesn'?t|don'?t|dont|doesnt|won'?t|wont) (?:need to|have to) know",
            "(?:our|a|their) little secret",
            "just between (?:us|me and (?:you|u)|the two of (?:us|you))",
        ),
        "his messages say 'don't tell your nan', he's 11",
        audiences=ADULT_ONLY,
        veto=either(_no_child_age, _SAID_BY_WRITER, _ANYONE_WHO, _surprise, _read_or_official),
    ),
    Rule(
        # A child asked to come to the adult, or to go with him.
        "meeting",
        alternatives(
            "(?:asked|asking|asks|wants|wanted|invited|inviting|told|telling|offered|offering|keeps asking|"
            "kept asking)(?: her| him| them)?(?: to)? (?:come|go|get|stay)(?: round| over| back)? "
            "(?:to|at|in|into) (?:his|a man'?s|a stranger'?s) (?:house|flat|place|caravan|van|car|bedroom|"
            "room|home|hotel)",
            "(?:asked|asking|asks|keeps asking|kept asking|told|trying to get|tried to get|offered|offering)"
            "(?: her| him)?(?: to)? get in(?:to)? (?:his|a|the man'?s) (?:car|van|motor)",
            "(?:get|catch|take|got) (?:a|the) train to (?:see|meet) (?:him|her|them)",
            "(?:at|to|round|in) (?:his|a man'?s) (?:house|flat|place|caravan|van|car) (?:alone|on (?:her|"
            "his) own)",
            "(?:meet|meeting|see) (?:her|him|them)?<F3> without (?:telling )?(?:your|ur|her|his) (?:mum|dad|"
            "nan|"
            "parents|carers|gran|family)",
            "(?:he'?ll|he will|he'?d|he would) meet (?:her|him) at (?:the )?(?:station|euston|king'?s cross)",
            "(?:and )?not (?:to )?bring (?:anyone|anybody|a friend|her friends|his friends)",
            "(?:private|extra|special|one[- ]to[- ]one) (?:mentoring|training|lessons?|sessions?|voice"
            " chats?|"
            "video calls?) (?:sessions? )?(?:at his|alone|after (?:midnight|closing|dark)|without|late at"
            " night)",
            "(?:went off|goes off|gone off|going off|picked up|dropped off|driven (?:round|about|around))"
            "(?: with| by| in)? (?:an? )?(?:older|grown) (?:lad|lads|man|men|guy|guys)",
            "(?:getting|got|gets|get) into (?:a|an|his|their) (?:\\w+ )?(?:van|car|audi|merc|bmw|range"
            " rover) "
            "(?:at|on|outside|round|near) (?:the )?(?:end of|corner|bottom of|top of)",
        ),
        "a man at the park keeps asking her to get in his car",
        audiences=ADULT_ONLY,
        veto=either(_SAID_BY_WRITER, _read_or_official),
    ),
    Rule(
        # The questions that find a child, reported.
        "meeting",
        alternatives(
            "(?:asked|asking|asks|kept asking|keeps asking|wanted to know|wants to know)(?: him| her| them)? "
            "(?:what school (?:she|he) (?:goes to|go(?:es)? to|attends)|where (?:she|he) (?:goes to school|"
            "lives|sleeps)|what (?:he|she) looks like in|(?:whether|if) (?:he|she)(?:'s| is| was| were| are) "
            "(?:home )?alone|which room|(?:for|about) (?:her|his) (?:home )?(?:address|postcode))",
            "asked (?:which|what) room (?:his|her) (?:parents|carers|mum|dad|nan) sleeps?",
        ),
        "someone on his game keeps asking him whether he's home alone",
        audiences=ADULT_ONLY,
        veto=_read_or_official,
    ),
    Rule(
        # Images of the child: paid for, sold, asked for, or held over them.
        "images",
        alternatives(
            "(?:sends?|sent|sending|pays?|paid|paying|offer(?:s|ed|ing)?|gives?|gave|giving)(?: her| him)? "
            "(?:money|cash|\\$ ?\\d+|\\w+ vouchers|vouchers|gift cards?|robux|gems|skins|v-?bucks)<F4> "
            "(?:for|in exchange for|per) (?:\\w+ )?(?:pics|photos|pictures|videos|vids|set|little favours|"
            "favours|private content|content)",
            "(?:selling|sells|sold) (?:her|his) (?:own )?(?:pictures|pics|photos|videos|content)",
            "(?:asked|asking|asks|wants|wanted|demanding)(?: her| him)? (?:for )?(?:\\w+ )?(?:outfit|"
            "underwear|"
            "bikini|uniform|shirtless|bath|bed|pyjama|pj|pants|lingerie) (?:pics|photos|pictures|videos|"
            "vids)",
            "(?:asking|asked|asks|wants|wanted|keeps asking)(?: her| him)? to send (?:him |them )?(?:videos|"
            "pics|photos|pictures|nudes|images|more)",
            "(?:wants|want|asked for|asking for|demanding|demanded) nudes",
            "(?:pics|photos|pictures|videos|vids|cam|video call)(?: of (?:her|him|herself|himself))? in "
            "(?:her|his|your|ur) (?:pants|underwear|pjs|pyjamas|bra|knickers|bikini|boxers|school uniform|"
            "uniform|bath|bed)",
            "(?:photos|pics|pictures|videos|vids) of himself (?:naked|nude|in his (?:pants|boxers|"
            "underwear))",
            "(?:has|have|got|'s got|has got)(?: hold of)?(?: her| his| my \\w+'?s?| our \\w+'?s?)? (?:photos|"
            "pics|"
            "pictures|videos?|nudes|images)(?: of (?:her|him))? and (?:is |are |he'?s |they'?re |hes |theyre"
            " )?"
            "(?:demanding|threatening|asking for|wants|want|saying)",
            "(?:send|post|share|put) (?:it|them|the (?:pics|photos|video|videos|pictures)) to (?:her|his|"
            "their) "
            "(?:school|friends|family|mates|contacts|followers)",
            "unless (?:she|he) (?:sends?|pays?) (?:more|money)",
            "(?:wants?|wanted|demanding) (?:\\$ ?\\d+|money)(?: or| unless) (?:they'?ll|he'?ll|she'?ll|"
            "theyll|hell)",
            "(?:sextorted|sextorting)",
            "(?:blackmailed|blackmailing|being blackmailed)",
        ),
        "a man online has her photos and is demanding money",
        audiences=ADULT_ONLY,
        veto=either(
            _read_or_official,
            followed_by(
                r"(?:me|us|my husband|my wife|his dad|her dad|his mum|her mum)\b|attention|rent|towards|"
                r"board|"
                r"sulk|kick off|strop|of (?:the|their|our|my|a|an|his new|her new|his holiday|her holiday)\b|"
                r"to (?:the|his|her) (?:nan|gran|grandma|grandad|family|teacher|school)"
            ),
            lambda text, start, end: near(_CRAFT, text, start, end),
        ),
    ),
    Rule(
        # Criminal exploitation, told by its signs.
        "exploitation",
        alternatives(
            "(?:working|grafting|running|selling|dealing|doing (?:jobs|work|runs|favours|a bit of work))"
            "(?: drugs)? for (?:him|them|a man|a gang|some (?:older )?(?:lads|men|boys)|older (?:lads|boys|"
            "men)|"
            "the olders|someone|a fella)",
            "(?:says|said|saying|thinks|reckons|that) (?:he|she) owes (?:them|him|someone|some|older|the)",
            "owes? (?:them |him )?\\$ ?\\d+ for",
            "(?:he|she) (?:now )?owes (?:them|him|some|older|the olders)",
            "(?:coerced|groomed|recruited|forced|pressured) into (?:dealing|selling|running|carrying|county "
            "lines|crime)",
            "(?:at risk of|victim of|victims of) (?:exploitation|cse|cce|county lines|grooming|being"
            " groomed)",
            "(?:let|put|move|moving|putting) money (?:go )?(?:through|into) (?:her|his) (?:account|bank)",
            "saved as (?:big man|boss|the boss|emojis?|an? (?:heart )?emoji|a heart)",
            "(?:gives?|gave|giving|handed|hands|offered|offering|paid|pays)(?: (?:him|her))?(?: \\$ ?\\d+|"
            " money| "
            "cash)?(?: (?:a|the) (?:bag|package|parcel|bags|packages))? to (?:drop|deliver|hold|carry|hide|"
            "look "
            "after|keep) (?:a |the )?(?:package|parcel|bag|bags|packages|stuff|at)",
            "(?:drop|deliver) (?:stuff|things|packages?|parcels?|bags?|a package|a bag|product) off",
            "(?:got|found|had|has|with|there'?s) \\$ ?\\d{3,}(?: rolled up| stuffed| hidden)? (?:in|under) "
            "(?:his|her) (?:socks?|sock drawer|drawer|bag|pocket|room|bed|mattress|pillow|shoes?|blazer)",
            "work (?:it|the debt|the money) off for (?:them|him)",
            "work off (?:the|his|her) debt",
            "lost product",
            "(?:a|his|her) (?:second|secret|2nd|extra) (?:phone|mobile|sim)",
            "(?:phone|sim) (?:that|which) (?:isn'?t|is not|wasn'?t|was not) (?:his|hers|ours)",
            "pay[- ]as[- ]you[- ]go phone",
            "burner (?:phones?|sims?)",
            "(?:taxis?|ubers?|uber rides|cabs?) (?:i|we) (?:never|didn'?t) (?:ordered|order|book|booked)",
            "(?:taxis?|ubers?|uber rides|cabs?|train tickets?|train fares?)(?: all)? paid for(?: by"
            " someone)?",
            "(?:wad|wads|roll|rolls|bundle|bundles) of (?:cash|money|notes)",
            "(?:cash|money) (?:she|he) (?:can'?t|cannot|won'?t|couldn'?t|wont|cant) explain",
            "(?:he|she|they|he'?s|she'?s|hes|shes)(?: (?:has|have|keeps|kept|started|been|is|was)){0,2} going"
            " missing",
            "going missing (?:for (?:nights|days|\\d+ (?:nights|days))|overnight|on school (?:days|nights)|"
            "after school)",
            "(?:missing|gone|went) (?:for|overnight)(?: \\d+| two| three)? (?:nights|days)",
            "by a (?:nick ?name|street name|name) (?:i|we)(?:'ve| have)? never heard",
            "(?:drop|drops|dropping|deliver|delivering|hold|holding|hide|hiding|look after|looking after) "
            "(?:stuff|things|packages?|parcels?|bags?|a package|a bag|product|knives)(?: off)? "
            "(?:at|to|round|for (?:him|them|money)|in (?:the bushes|his wardrobe|her wardrobe|his room))",
        ),
        "he says he owes them and has to keep working for them",
        audiences=ADULT_ONLY,
        veto=either(
            _earned,
            _read_or_official,
            followed_by(
                r"(?:an? )?(?:apology|tenner|fiver|favour back|one|lunch|drink|pint|thanks|thank you)|"
                r"charger|"
                r"case|cable|contract|calls?\b|number for"
            ),
        ),
    ),
    Rule(
        # New things or cash the child will not account for.
        "gifts",
        alternatives(
            "(?:won'?t|wont|will not|refuses to|refused to|can'?t|cannot|couldn'?t) (?:say|tell (?:me|us)|"
            "explain) (?:where|who)(?: (?:it|they|he|she|the \\w+))?(?: (?:came|come|got|bought|gave|is|are|"
            "was"
            "|were))?(?: (?:it|them))? ?(?:from|it|them)",
        ),
        "she's 14 and came home with a new iphone and won't say where it came from",
        audiences=ADULT_ONLY,
        veto=either(_no_child_age, lambda text, start, end: not near(_GOODS, text, start, end, 160)),
    ),
    Rule(
        # Someone messaging a child in the small hours.
        "reported",
        alternatives(
            "(?:messaging|texting|messages|texts|snapchatting|dm'?ing|dms|calling|ringing|video calling) "
            "(?:her|him)(?: privately| constantly| on a separate number)? (?:late at night|in the middle of"
            " the "
            "night|at midnight|after midnight|at (?:1|2|3|4|11) ?(?:am|pm))",
        ),
        "her coach has been messaging her late at night, she's 13",
        audiences=ADULT_ONLY,
        veto=either(_no_child_age, _SAID_BY_WRITER),
    ),
    Rule(
        # An adult giving a child what a child may not buy.
        "gifts",
        alternatives(
            "(?:buys|bought|gives|gave|sends|sent|giving|buying|sending|supplying|supplies) (?:her|him|them) "
            "(?:vapes|vape|cigarettes|fags|alcohol|vodka|booze|cannabis|weed|drugs|coke)",
        ),
        "a man at the bus station keeps buying her vapes, she's 13",
        audiences=ADULT_ONLY,
        veto=_no_child_age,
    ),
)
