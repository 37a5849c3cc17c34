"""Abuse disclosure: fragments and rules (PRODUCT.md 2.7). The family is ``risk.AbuseDisclosure``."""

from __future__ import annotations

import re

from ..lexicon import FRAGMENTS as PEOPLE
from ..patterns import ADULT_ONLY, YOUTH_ONLY, Rule, alternatives, followed_by
from .benign_youth import beaten_at_a_game

# Body parts that make "she hurt her ..." an injury, not a person hurt ("she hurt her ankle").
_INJURY = (
    r"(?:his|her|my|their|your) (?:back|leg|legs|arm|arms|knee|knees|ankle|ankles|wrist|wrists|"
    r"feelings|shoulder|neck|head|foot|feet|hand|hands|finger|fingers|toe|toes|hip|eye)"
)

ABUSE_FRAGMENTS = {
    **PEOPLE,
    # An adult or older person in a child's life who might harm them.
    "ADULT_ROLE": alternatives(
        "step ?dad",
        "step ?father",
        "step ?mum",
        "step ?mom",
        "dad",
        "daddy",
        "father",
        "mum",
        "mom",
        "mam",
        "mummy",
        "mother",
        "uncle",
        "aunt",
        "auntie",
        "aunty",
        "grandad",
        "granddad",
        "grandpa",
        "grandfather",
        "nan",
        "nana",
        "nanna",
        "gran",
        "granny",
        "grandma",
        "grandmother",
        "cousin",
        "brother",
        "sister",
        "foster (?:carer|dad|mum|mother|father|parent|brother|sister)",
        "carer",
        "teacher",
        "coach",
        "tutor",
        "neighbour",
        "babysitter",
        "childminder",
        "youth worker",
        "priest",
        "lodger",
        "(?:mum|mom|mam|dad)'?s (?:new )?(?:boyfriend|girlfriend|partner|husband|wife|mate|friend|bf|gf)",
        "(?:birth|bio|real) (?:dad|mum|mom|father|mother|parents?|brother|sister|uncle)",
        "<PARTNER>",
        "ex",
        "ex-?partner",
        "ex-?husband",
        "ex-?wife",
    ),
    "ABUSER_ADULT_SPACE": r"(?:my|me|our|his|her|their|the|a|an|your|[a-z]+'s) <ADULT_ROLE>",
    "ABUSER_YOUTH_SPACE": alternatives(
        "<ABUSER_ADULT_SPACE>",
        "<ADULT_ROLE>",
        # "he's been hitting me": the contraction is part of the word, not a gap before the next one.
        "(?:he|she|they)(?:'s|'re|'ve|'d|'ll)?",
        "someone",
        "somebody",
        "some ?one",
        "(?:a|an|some|this) (?:man|woman|guy|lad|adult|older (?:boy|girl|man|guy|lad|kid))",
    ),
    "AUX": alternatives(
        "always",
        "keeps",
        "keep",
        "still",
        "sometimes",
        "has been",
        "have been",
        "been",
        "is",
        "was",
        "would",
        "will",
        "used to",
        "tried to",
        "tries to",
        "wants to",
        "started",
        "has",
        "had",
        "also",
        "even",
        "then",
        "just",
    ),
    "HARM": alternatives(
        "hits?",
        "hitting",
        "beats?",
        "beating",
        "beat up",
        "beats up",
        "hurts?",
        "hurting",
        "punch(?:es|ed|ing)?",
        "kick(?:s|ed|ing)?",
        "slap(?:s|ped|ping)?",
        "chok(?:es|ed|ing)",
        "strangl(?:es|ed|ing)",
        "smack(?:s|ed|ing)?",
        "whack(?:s|ed|ing)?",
        "belt(?:s|ed|ing)?",
        "whip(?:s|ped|ping)?",
        "burn(?:s|ed|t|ing)?",
        "shov(?:es|ed|ing)",
        "push(?:es|ed|ing)?",
        "grab(?:s|bed|bing)?",
        "drag(?:s|ged|ging)?",
        "abus(?:es|ed|ing)",
        "touch(?:es|ed|ing)",
        "molest(?:s|ed|ing)?",
        "rap(?:es|ed|ing)",
        "assault(?:s|ed|ing)?",
        "batter(?:s|ed|ing)?",
        "starv(?:es|ed|ing)",
        "pinch(?:es|ed|ing)?",
        "pin(?:s|ned|ning)",
        "bit",
        "bites",
        "spits? (?:on|at)",
        "spat (?:on|at)",
        "threaten(?:s|ed|ing)?",
        "hurt",
    ),
    "VICTIM_CHILD": alternatives(
        "him",
        "her",
        "them",
        "(?:my|our|the|his|her|their) (?:<CHILD>|kids|children|baby|babies|little ones|grandchildren|"
        "grandkids)",
    ),
    "VICTIM_YOUTH": alternatives(
        "me",
        "us",
        "my (?:mum|mom|mam|nan|gran|dad)",
        "my (?:little |baby |big |younger |older )?(?:brother|sister|bro|sis|siblings?|brothers|sisters)",
        "him",
        "her",
        "them",
    ),
}

# "he hit me up on snap", "she beat me at fifa", "he beat me to it".
_LITTLE_ONE = re.compile(r"\b(?:little|baby|younger|lil|wee) (?:brother|bro|sister|sis|cousin)\b")


def _little_one_did_it(text: str, start: int) -> bool:
    """The one who did it (where the match starts) is a little brother, sister or cousin; not "he'll
    hurt my little sister", where the little one is the one hurt."""
    found = _LITTLE_ONE.search(text, max(0, start - 12), start + 24)
    return found is not None and found.start() <= start + 3


_TAUGHT_ABOUT = re.compile(
    r"\b(?:talk|talks|talked|talking|assembly|session|lesson|pshe|documentary|drama|film|programme|series|"
    r"taught|teach|learn|learned|learnt|learning|leaflet|training|course|workshop|article|book|video)\b"
    r"[^.!?]{0,40}$"
)

_FROM_PLAY = re.compile(
    r"\b(?:football|rugby|boxing|karate|judo|kickboxing|hockey|netball|training|match|cricket|camp|scouts|"
    r"trampolin\w*|skate ?park|bmx|paintball|the pub|hot plates?|work|shift)\b"
)

# County lines as a topic in the news or an awareness session, with no worry told about a child:
# "the Panorama on county lines", "a man was jailed for county lines", "a county lines assembly".
_TOPIC = re.compile(
    r"\b(?:awareness|panorama|bbc|news|the press|piece|jailed|sentenced|a (?:local )?case|assembly|letter|"
    r"module|checklist|sessions?|training|talk|documentary|watch|watched|read|reading|explained)\b"
)
_WORRY = re.compile(
    r"\b(?:worried (?:he|she|that|our|my)|i think (?:he|she)|scared (?:he|she)|afraid (?:he|she)|suspect|"
    r"found|has been|he'?s been|she'?s been|is being|drawn into|involved in)\b"
)


def _topic_only(text: str, start: int, end: int) -> bool:
    return _TOPIC.search(text, max(0, start - 120), end + 120) is not None and _WORRY.search(text) is None


NOT_VIOLENCE = followed_by(
    r"up (?:on|via|over|sometime|later|when|if|tomorrow|tonight|anytime|any time|for|with|about)|"
    r"at (?:fifa|fortnite|chess|football|cards|games?|the game|a game|pool|darts|racing|tennis|"
    r"uno|monopoly|everything)|in (?:a |the )?(?:race|game|match|quiz)|to it|back with|"
    r"with (?:a|the) (?:ball|snowball|pillow)|in \d+ (?:moves|goals|points|seconds|minutes)|"
    # "keeps hitting me... with the worst puns", "me nan hits me with the 'you'll catch your death'"
    r"(?:\.+\s*)?with (?:the |her |his |a )?(?:worst |same |usual )?(?:[a-z]+ )?(?:puns?|jokes?|lines?|"
    r"[\"'\u201c\u2018])|"
    # "she hurt her ankle": the "her" was read as the person hurt, the body part follows it.
    r"(?:back|leg|legs|arm|arms|knee|knees|ankle|ankles|wrist|wrists|feelings|shoulder|neck|foot|feet|hand|"
    r"hands|finger|fingers|toe|toes|hip|eye)\b|" + _INJURY
)

ABUSE_RULES = (
    Rule(
        "sexual_abuse",
        alternatives(
            "(?:someone|somebody|some ?one|he|she|they|a man|a boy|an adult)<F2> (?:touched|touches|has "
            "touched|keeps touching|was touching|touching) me",
            "touched me (?:down there|there|where|inappropriately|in (?:my|private)|on my (?:private|bum|"
            "chest|boobs|privates|body)|under)",
            "(?:abused|raped|molested|assaulted) me",
            "(?:keeps?|kept|started|starts|and|been|is|was|always|comes? in and) touching me",
            "(?:does|did|doing|do) (?:stuff|things|sexual (?:stuff|things)) to me",
            "(?:tried|tries|trying|keeps trying|kept trying|try) to (?:kiss|touch|grope|undress|feel) me",
            "(?:comes?|coming|came|creeps?|creeping) (?:in|into) my (?:room|bed|bedroom)<F2> (?:at night|"
            "when)",
            "(?:makes?|forces?|forced|forcing) me (?:to )?(?:send (?:pics|photos|pictures|nudes|images|"
            "videos|selfies|naked)|touch|do (?:stuff|things|sexual)|watch (?:porn|videos|things)|take (?:off "
            ")?my (?:clothes|top|pants)|send (?:pics|photos|nudes)|keep (?:it|secrets|a secret))",
            "made me (?:touch|do (?:stuff|things|sexual)|watch (?:porn|videos|things)|take (?:off )?my "
            "(?:clothes|top|pants)|send (?:pics|photos|pictures|nudes|images|videos|selfies|naked))",
        ),
        "someone touched me and I don't know who to tell",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "physical_abuse",
        "<ABUSER_YOUTH_SPACE><F4> (?:<AUX> )?<HARM><F1> <VICTIM_YOUTH>",
        "he hits me when mum's out",
        audiences=YOUTH_ONLY,
        # A toddler's tantrum is not abuse: "my little brother bit me when i took his toy, he's 3".
        veto=lambda text, start, end: (
            NOT_VIOLENCE(text, start, end)
            or _little_one_did_it(text, start)
            or beaten_at_a_game(text, start, end)
        ),
    ),
    Rule(
        "child_abuse",
        "<ABUSER_ADULT_SPACE><F2> (?:<AUX> )?<HARM><F1> <VICTIM_CHILD>",
        "my partner hits the kids when he's drunk",
        audiences=ADULT_ONLY,
        veto=NOT_VIOLENCE,
    ),
    Rule(
        # An adult disclosing abuse of themselves by a partner or relative. Children living with
        # domestic abuse are victims of it in their own right (Domestic Abuse Act 2021).
        "domestic_abuse",
        "<ABUSER_ADULT_SPACE><F2> (?:<AUX> )?<HARM><F1> (?:me|us)",
        "my husband hits me",
        audiences=ADULT_ONLY,
        veto=NOT_VIOLENCE,
    ),
    Rule(
        "abuse_disclosed",
        "(?:i was|i got|i'?m being|i am being|i'?ve been|i have been|i been|i keep getting|i get) "
        "(?:sexually |physically )?(?:abused|raped|molested|assaulted|groomed|beaten|hit|touched|attacked|"
        "beaten up|battered|hurt by|exploited)",
        "i've been abused",
        audiences=YOUTH_ONLY,
        veto=followed_by(
            r"by (?:a|the) (?:ball|car)|in (?:the|a) (?:game|match)|on the head by a ball|at (?:fifa|"
            r"fortnite|"
            r"chess|football|cards|games?|pool|darts|uno|monopoly|mario ?kart|smash)"
        ),
    ),
    Rule(
        "threat_to_silence",
        "(?:said|says|told me|threatened|warned)<F2> (?:i'?ll|i will|i'?d|i would|he'?ll|she'?ll|they'?ll|he "
        "would|she would|they would|he'?d|she'?d) (?:get hurt|get in trouble|be taken away|hurt me|kill me|"
        "hit me|beat me|hurt my|be sent away|get taken away|get sent away)<F2> if i (?:tell|told|say|said|"
        "speak|spoke|tell anyone)",
        "he said I'll get taken away if I tell",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "threat_to_silence",
        "if i (?:tell|told|say|said|speak|spoke|grass)(?: (?:anyone|anybody|someone|a teacher|the police|"
        "(?:my|the) [a-z]+))? (?:he|she|they|i)(?:'ll|'d| will| would| is going to| are going to) (?:hurt|"
        "kill|hit|beat|get|be|send|take)",
        "if i tell anyone he'll hurt my mum",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "unsafe_at_home",
        alternatives(
            "(?:not|don'?t feel|never feel|never|dont feel) safe (?:at home|at my house|in my house|going "
            "home|with (?:him|her|them|my))",
            "(?:scared|afraid|frightened|terrified|too scared) (?:to go|of going|to be|of being) (?:home|"
            "back home|alone with)",
            "(?:scared|afraid|frightened|terrified) of (?:my (?:step ?dad|stepdad|dad|mum|mom|uncle|brother|"
            "foster carer|carers?|parents?)|(?:mum|dad)'?s (?:boyfriend|girlfriend|partner))",
            "(?:lock|locks|locked) me (?:in|out)",
            "(?:kicked|chucked|threw|throws|kicks) me out",
            "(?:bruises|marks|burns|welts)<F1> (?:from|where|because) (?:he|she|they|my|mum|dad)",
        ),
        "i don't feel safe at home",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "neglect",
        alternatives(
            "(?:doesn'?t|don'?t|never|won'?t|didn'?t|dont|doesnt) (?:feed|give) (?:me|us) (?:any )?(?:food|"
            "dinner|tea|breakfast|lunch|anything to eat)",
            "(?:no|not enough|never any|never enough) food (?:at home|in the house|in our house)",
            "(?:don'?t|do not|dont|never|doesn'?t|hardly ever) (?:get|gets) (?:fed|food|dinner|tea|breakfast|"
            "lunch|enough to eat|anything to eat)",
            "(?:doesn'?t|don'?t|won'?t|never|dont|doesnt|wont) let (?:me|us) (?:eat|have (?:food|dinner|"
            "tea))",
            "(?:left|leave|leaves) (?:me|us) (?:alone|on my own|on our own) (?:for days|all weekend|"
            "overnight|for (?:a|the) (?:night|weekend))",
        ),
        "mum doesn't give us any food",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        # Going without: food, warmth or a bed, said in everyday words.
        "neglect",
        alternatives(
            "(?:haven'?t|havent|have not|ain'?t|aint|not|never) (?:had|eaten|ate|got)<F2> (?:a )?(?:proper )?"
            "(?:meal|dinner|tea|food|breakfast|anything to eat|anything)<F1> (?:in|for) (?:like |about |over "
            ")?(?:\\d+|two|three|four|five|six|a few|days|a week|ages)(?: days| whole days)?",
            "(?:nowt|nothing|no food) in the (?:fridge|cupboards?|house)",
            "(?:locks?|locked|locking) the (?:fridge|food|cupboards?|kitchen)",
            "(?:only|just) (?:get|have|got) one meal",
            "(?:no|there'?s no|theres no|we'?ve no|got no) (?:electric|electricity|heating|hot water|gas)"
            "<F2> (?:for|in|since)",
            "slept (?:in|on) (?:the|a) (?:park|shed|car|garden|street|stairs|bus stop|doorstep)",
            "(?:locked|kicked|chucked|shut) (?:me )?out<F2> (?:all night|overnight|at night|"
            "at \\d+ ?(?:pm|am)?|till (?:\\d+|morning|late))",
            "(?:nobody|no one|noone)<F2> (?:picked|picks|pick) me up<F3> (?:for|in) (?:\\d+|two|three|days)",
        ),
        "i havent had a proper meal in 3 days",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "abuse_disclosed",
        alternatives(
            "(?:<MY_CHILD>|he|she|they)<F1> (?:has |have |just |finally |then )?(?:told|disclosed|said|says|"
            "revealed|confided|admitted)<F4> (?:touched|touches|touching|abused|abuses|abusing|hit|hits|"
            "hitting|hurt|hurts|hurting|beat|beats|beating|raped|molested|assaulted|made (?:him|her|them) "
            "(?:touch|do|watch))",
            "(?:made|has made|makes|make|making) (?:a |another )?disclosure",
            "disclosed (?:abuse|sexual abuse|that|to)",
        ),
        "my daughter told me her uncle touched her",
        audiences=ADULT_ONLY,
        veto=followed_by(_INJURY),
    ),
    Rule(
        "child_abuse",
        "(?:is|are|was|were|being|been|getting|gets|got) (?:sexually |physically )?(?:hit|beaten|abused|hurt|"
        "touched|molested|raped|smacked|slapped|kicked|punched|assaulted|attacked|strangled|burnt|burned|"
        "locked in) by <ABUSER_ADULT_SPACE>",
        "a child in her care is being hit by her birth dad at contact",
    ),
    Rule(
        "suspected_abuse",
        "(?:i think|i'?m worried|worried|i suspect|suspect|concerned|scared|afraid|i fear|i'?m sure)<F6> "
        "(?:is being|being|has been|was being|is getting|getting|might be being|may be being) (?:sexually |"
        "physically )?(?:abused|hurt|groomed|hit|beaten|exploited|neglected|touched|harmed|mistreated|"
        "trafficked)",
        "I'm worried my niece is being groomed online",
    ),
    Rule(
        "injuries",
        alternatives(
            "(?:came|comes|come|got|gets) (?:home|back)<F3> (?:with|covered in) (?:bruises|marks|burns|a "
            "black eye|welts|a split lip|fingermarks|finger marks)",
            r"unexplained (?:bruis[a-z]*|injur[a-z]*|marks|burns)",
            "(?:turned|turns|turning) up<F2> with (?:a black eye|bruises|marks|burns|a split lip)",
        ),
        "he came back from his dad's with bruises",
        # Back from a sport or a job: "came back from football with bruises", "burns from the hot plates".
        veto=lambda text, start, end: _FROM_PLAY.search(text, start, end + 40) is not None,
    ),
    Rule(
        "exploitation",
        alternatives(
            "county lines",
            "child (?:sexual|criminal) exploitation",
            "being exploited",
            "sexually exploited",
            "(?:being|been|getting) groomed",
        ),
        "worried he's been drawn into county lines",
        # The topic taught or watched: "the police came into school to talk about county lines".
        veto=lambda text, start, end: (
            _TAUGHT_ABOUT.search(text, max(0, start - 60), start) is not None or _topic_only(text, start, end)
        ),
    ),
)
