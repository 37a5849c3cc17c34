"""Risk to life said indirectly: the concepts behind what people write when they do not use the
words "suicide" or "kill myself" (issue #12). Every rule here is P1 ("ideation"): a moderator
reads it within the hour and the author sees the crisis signposts at once.

Each group is one idea written many ways, not one sentence:

- being gone: "when I'm gone", "I'll be gone by the weekend", "logging off for good";
- others better off: "you'll all be fine without me", "I won't be a problem for anyone";
- asking how lethal something is: "how many of X would kill you", "can you die from...",
  "how high to not survive", "the tallest car park you can get up without a ticket";
- the means at hand: "the tablets are in my bag", "knife at my wrist", "a knot in my cord";
- being somewhere high or on the tracks and waiting: "stood on the tracks and waited";
- hurting one's body by other means: "dig my nails in till I bleed", "on purpose",
  "scratching words into my arm", hiding or covering cuts;
- a decision made: "made my decision", "decided to die", "stop living".

The look-alikes each idea shares its words with are vetoed beside it: "when I'm gone on holiday",
"they'll manage fine without me this weekend", "how much screen time is too much",
"scratching my bites till they bleed", "tied the knot last summer".

The family that runs them is ``risk.SelfHarm`` (with ``self_harm.py``); fragments are in
``self_harm_words.py``.
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, Veto, alternatives, followed_by
from .self_harm import _IDIOM_DIE
from .self_harm_vetoes import BETTER_OFF_WITHOUT_ME_DOING

# The clause goes on with more words ("before I go to bed", "I'll be free to go shopping"): the
# phrase was not the end of the thought, so it is not the final goodbye it would be on its own.
_CLAUSE_GOES_ON = followed_by(r"(?!(?:x+|now|for good|forever|properly|permanently|already|ok|okay)\b)[a-z]+")
# Ordinary itches and skin conditions scratched till they bleed.
_SKIN_CONDITION = re.compile(
    r"\b(?:bites?|eczema|itch\w*|spots?|scabs?|rash|mosquito\w*|chicken ?pox|psoriasis|hives)\b"
)


def _skin_condition(text: str, start: int, end: int) -> bool:
    return _SKIN_CONDITION.search(text, max(0, start - 60), end + 40) is not None


# "made my peace with it", "stop living in the past": the clause goes on to say what about (but
# "a decision about my future" is still one).
_WHAT_ABOUT = followed_by(
    r"(?:with|about|on|to|re|regarding|over|that|for|in|of|at)\b(?! my (?:future|life))"
)

# "my phone might as well be dead", "the party might as well be dead": a thing, not a person.
_THING_DEAD = re.compile(
    r"\b(?:phone|battery|laptop|tablet|ipad|xbox|ps[45]|console|car|charger|plant|party|town|wifi|group|chat|"
    r"thread|forum|game|server|channel|account)s?\b[^.!?]*$"
)
# A goodbye before a journey, with the phone off for it: "thanks for everything at the leaving do,
# her phone's off now, she's on the plane".
_AWAY = re.compile(
    r"\b(?:plane|flight|airport|abroad|holiday|battery|charg\w*|signal|festival|camping|exams?)\b"
)

_BREAK = re.compile(
    r"\b(?:cos|because|coz|before the|for (?:a|the) (?:week|month|year|summer)|deleting|bye for now|going to "
    r"(?:australia|uni|college|university)|moving|ride|roller ?coaster|trip|exams?|gcses|mocks)\b"
)

# Being away told with its ordinary reason, after it: "won't be here on Monday. I have a dentist
# appointment", "i'll be gone soon enough, sixth form in september", "won't be a problem for you much
# longer, he's off to uni open days", "we're off to Center Parcs".
_ORDINARY_REASON = re.compile(
    r"\b(?:dentist|doctors?|appointment|holiday|hols|trip|camping|cent(?:er|re) parcs|butlins|abroad|"
    r"off to (?:uni|university|college|the|my|[a-z]+ for)|open days?|sixth form|moving (?:house|to|in)|"
    r"going to my (?:nan|gran|dad|mum|mam|aunt|auntie|uncle|cousin)(?:'?s)?|"
    r"at my (?:dad|mum|mam|nan|gran)'?s|"
    r"my (?:dad|mum|mam|nan|gran)'?s (?:that|this|for the) (?:weekend|week))\b"
)

_AWAY_FOR_A_WHILE: Veto = followed_by(
    r"on|to|for (?:a|the|two|three|\d|work|christmas|easter|summer|half term)|away|abroad|out|shopping|"
    r"(?:this|next|at the|over the) (?:week|weekend|month|holidays?|summer)"
)

SELF_HARM_INDIRECT_RULES = (
    # ---- being gone ------------------------------------------------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:when|wen|once|after) (?:i'?m|im|i am|ur|you'?re|u r) (?:gone|dead|not here|not around)",
            "(?:i'?ll|ill|i will|i'?d|id)(?: probably| already| just)? be dead (?:before|by) <F2>",
            "(?:i'?ll|ill|i will|i'?d|id)(?: probably| already| just)? be gone (?:before (?:anyone|you|u|"
            "they|"
            "morning|tomorrow|christmas|my birthday)|by (?:the weekend|christmas|my birthday|next week|then|"
            "tomorrow|the end of))",
            "(?:i'?ll|ill|i will|i'?m|im|i am)(?: probably| already| just)? (?:be )?gone (?:soon|for good|"
            "forever|permanently|before (?:anyone|you|u|they|morning|tomorrow))",
            "(?:log|logging|logged|sign|signing|signed|peace|checking|check) (?:off|out) (?:for good|forever|"
            "permanently)",
            "(?:i'?m|im|i am) (?:off|out|leaving|going|gone)[.,!]* (?:permanently|for good|forever)",
            "disappear (?:for real|for good|forever|permanently)",
            "(?:i'?ll|ill|i will) be free to (?:go|leave)",
            "i should (?:just )?go too",
            "(?:before|b4) i go",
            "(?:won'?t|wont|will not) be (?:here|around|alive) (?:by|for|after|at|on) <F2>",
        ),
        "when i'm gone please look after my cat",
        "ideation",
        veto=lambda text, start, end: (
            _AWAY_FOR_A_WHILE(text, start, end)
            or (text[start:end].endswith(("go", "leave")) and _CLAUSE_GOES_ON(text, start, end))
            or _ORDINARY_REASON.search(text, end) is not None
        ),
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:don'?t|dont|do not) (?:plan on|expect to|intend to|think i'?ll) (?:see|seeing|make it to|"
            "making it to|reach|reaching|be here (?:for|at|by)|be around (?:for|at|by)) (?:\\d+|my "
            "\\d+[a-z]*|"
            "christmas|next year|my birthday|the summer|another)",
            "what happens to (?:ur|your|my|their) (?:stuff|things|phone|pets?|cat|dog) (?:when|wen|if) (?:ur|"
            "you'?re|u r|i'?m|im|you|u|i) (?:gone|dead|die)",
        ),
        "i dont plan on seeing 17",
        "ideation",
        veto=lambda text, start, end: _ORDINARY_REASON.search(text, end) is not None,
    ),
    # ---- everyone better off -----------------------------------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:fine|better off|happier|manage fine|manage|cope|okay|ok|better) without me",
            "(?:won'?t|wont|will not|never) be a (?:problem|burden) (?:for|to) (?:anyone|anybody|you|them|"
            "no one|nobody)",
            "(?:throw a party|celebrate|be glad|be happy|be relieved|be better off) if i (?:died|was dead|"
            "were dead|was gone|disappeared)",
            "if i (?:wasn'?t|wasnt|weren'?t|was not|were not) (?:here|around|alive|in the way) (?:she|he|"
            "they|"
            "you|everyone|my [a-z]+)(?: could| would|'?d) (?:rest|be happier|be better|be free|be fine|cope)",
            "(?:would|'?d) (?:get|have) a better (?:family|life|mum|dad|home|parent|carer)<F3> (?:if|"
            "without) "
            "(?:i|me)",
            "(?:world|everyone|everybody|they|family)<F1> (?:needs?|deserves?) less of me",
            "i should (?:just )?do (?:them|everyone|everybody|the world|you)(?: all)? a favou?r",
        ),
        "you'll all be fine without me",
        "ideation",
        veto=lambda text, start, end: (
            followed_by(
                r"for (?:a|the|one|two|\d)|while|at (?:the|work)|on|this|next|tonight|today|when|until|till|"
                r"til|lol|haha|at|in (?:the|a)"
            )(text, start, end)
            or _ORDINARY_REASON.search(text, end) is not None
            or BETTER_OFF_WITHOUT_ME_DOING(text, start, end)
        ),
    ),
    # ---- asking how lethal something is ------------------------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:how|hwo|hw) (?:much|many)(?: of)?(?: (?:the|my|me|[a-z]+'s))?<F2> (?:pills|tablets|"
            "<MEDICINE>|"
            "paracetamol|insulin|ibuprofen|painkillers|meds|medication|sleeping (?:pills|tablets))<F3> "
            "(?:would|wud|will|to|does it take to|is|are)<F2> (?:be )?(?:fatal|lethal|deadly|kill|too much|"
            "an "
            "overdose|enough)",
            "(?:fatal|lethal|deadly) (?:dose|amount)",
            "(?:can|could|do|does|would|will|wud|cud) (?:u|you|ya|i|someone|a person|people) (?:actually |"
            "really )?die (?:from|if|of|by)<F3> (?:cutting|cut|mixing|taking|swallowing|jumping|drowning|"
            "hanging|pills|tablets|paracetamol|ibuprofen|insulin|sleeping|overdose|od|vein|too deep|too much|"
            "too many|<MEDICINE>)",
            "(?:if|when|wen) (?:u|you|i|someone) (?:swallow|swallows|take|takes|drink|drinks|mix|mixes)<F6> "
            "(?:do|would|will|wud) (?:u|you|i|they) (?:die|just die)",
            "(?:how|hwo) (?:high|far)<F5> (?:to|would|wud|does)<F3> (?:not survive|die|be fatal|kill)",
            "(?:definitely|surely) (?:not survive|die)",
            "(?:tallest|highest) (?:building|bridge|car ?parks?|multi ?storey|cliff|block of flats|tower)"
            "<F5> (?:without|(?:isn'?t|not) covered|no cameras|get to the top|get up|can get)",
            "(?:does it|would it|wud it|will it|do you|does it) hurt (?:to|if|when)<F3> (?:jump|drown|hang|"
            "cut|"
            "die|od|overdose)",
            "what'?s it like to (?:drown|die|hang|overdose|od|bleed out)",
            "painless ways?",
            "(?:how long|how much)<F4> carbon monoxide",
            "(?:make|made) it (?:look|seem) like an accident",
            "(?:big|large|bigger) packs? of (?:paracetamol|pills|tablets|painkillers)",
            "(?:paracetamol|pills|tablets|painkillers)<F1> in big packs",
        ),
        "how many of my tablets would it take to kill me",
        "ideation",
        veto=lambda text, start, end: (
            text[start:end].startswith("painless")
            and followed_by(r"to (?!die|go|end|do it|kill)")(text, start, end)
        ),
    ),
    # ---- the means at hand ---------------------------------------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:(?:the|my|a) )?(?:rope|noose)<F1> (?:is |are )?(?:in my|under my|ready|in the (?:shed|loft|"
            "garage|wardrobe))",
            "(?:the|my|a) (?:blades?|razors?) (?:is |are )?(?:ready|hidden|under my (?:bed|pillow|mattress))",
            "(?:the|all (?:the|my|me)|enough) (?:tablets|pills) (?:are )?(?:in my|ready|out|lined up|"
            "counted out|saved)",
            "(?:and|&) (?:the|my|me) (?:pills|tablets) (?:out|ready|lined up)",
            "(?:knife|blade|razor|scissors|compass|glass)<F2> (?:at|to|against) (?:my|her|his) (?:wrists?|"
            "arms?|throat|skin|thighs?|legs?)",
            "stash[.:,]?<F1> (?:pills|tablets|blades|razors|meds)",
            "(?:got|get|getting|have) (?:my|me) (?:compass|blades?|razors?|sharpener) out",
            "(?:tied|tying|made|making) (?:a|the) (?:knot|loop) in (?:my|the|a|his|her) (?:dressing gown )?"
            "(?:cord|belt|cable|lead|rope|scarf|tie|charger)",
            "(?:ran|run|running|left) the (?:engine|car)<F3> (?:windows? (?:shut|closed|up)|(?:closed|shut) "
            "garage|garage door (?:shut|closed|down))",
            "(?:tablets|pills)<F4> to see what (?:happens|it does|they do)",
            "empty (?:blister packs?|pill packets|packets of (?:pills|tablets|paracetamol))",
        ),
        "the tablets are in my bag ready",
        "ideation",
    ),
    # ---- somewhere high, or on the tracks, and waiting ----------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:stood|standing|stand|sat|sitting|sit|been|went|go|going|gone|walked|walk|climbed|climb|"
            "waited|waiting|wait|found)(?: (?:up|out|down|back|over|there|again))? (?:on|at|to|up|onto|near|"
            "by) (?:the |a )?(?:top of the |edge of the )?"
            "(?:bridge|railway (?:line|bridge|tracks)|train tracks|tracks|roof|multi ?storey|car park roof|"
            "cliffs?|quarry|reservoir|stairwell|ledge|motorway bridge)<F4> (?:and (?:just )?(?:waited|wait|"
            "stood|looked down|thought)|just (?:standing|stood|looking)|alone|on (?:my|his|her|their) own|a "
            "lot|to jump|(?:three|four|five|several|a few|\\d+) times|and (?:thinks?|thought) about)",
            "(?:stood|standing|stand|sat|sitting|waited|waiting|i'?m|im|i am) (?:on|at) (?:the )?(?:railway "
            "line|train tracks|the tracks|edge of the (?:cliff|roof|platform)|roof of (?:the|our|my) "
            "(?:flats|block|building)|top of the stairwell)",
            "(?:stand|standing|stood|lie|lying|lay)<F1> in (?:the middle of )?the road (?:and (?:just )?wait|"
            "on purpose|hoping)",
            "(?:walk|walked|walking|go|going) (?:in|into)<F3> and (?:not|never) (?:come|coming) (?:out|back)",
            "(?:went|gone|go|going|been|came|climbed)(?: up| out)?(?: there| here) to jump",
            "jump off (?:a|the) [a-z]+ (?:bridge|building|roof|cliff|multi ?storey|car park|flyover|viaduct)",
            "(?:found|picked up|brought home|stopped) by (?:the )?police (?:on|at) (?:a|the) (?:bridge|roof|"
            "railway|tracks|cliffs?|quarry|multi ?storey)",
        ),
        "he stood on the train tracks last night and waited",
        "ideation",
    ),
    # ---- hurting one's body by other means -----------------------------------------------------
    Rule(
        "self_harm",
        alternatives(
            "(?:dig|digs|digging|dug|press|presses|pressing|pressed|pinch|pinches|pinching|pinched|scratch|"
            "scratches|scratching|scratched|hit|hits|hitting|bang|bangs|banging|burn|burns|burning|bite|bites|"
            "biting|pull|pulls|pulling)<F6> (?:till|until|til|so) (?:i|"
            "it|they|theyre|they'?re|it'?s|there'?s|theres)(?: are| is)? (?:bleed|bleeds|bleeding|bled|"
            "bruise|bruises|bruised|black and blue|bald|raw|red lines)",
            "(?:i|i'?ve|i'?m|im|been|keep|kept) <F1> (?:pulling|pull|pulled|hit|hitting|burn|burning|burnt|"
            "scratch|scratching|cut|cutting|bang|banging|fell|fall|falling|throw|threw|bruise|bruising|"
            "starve|starving|pinch|pinching|press|pressing)<F1> (?:my|me|<SELF>)<F3> (?:on purpose|"
            "deliberately)",
            "accidentally on purpose",
            "(?:scratch|scratching|scratched|carve|carving|carved|etch|etching|etched)<F4> in(?:to| to) "
            "(?:my|her|his|their) <PART>",
            "(?:hide|hiding|hid|cover|covering|covered)(?: up)? (?:the |my |her |his |these |those )?(?:cuts|"
            "fresh scars)",
            "(?:because|cos|coz|cuz|bc) of (?:the|my|her|his) (?:cuts|scars)",
            "bandages? on (?:her|his|my|their) (?:wrists?|arms?|forearms?|legs?|thighs?)",
            "only feel (?:real|alive|something|better|calm) when (?:i'?m|im|i am) (?:bleeding|cutting|"
            "hurting)",
            "(?:and|then) cut(?: again| for the first time)?",
            "<SH_VERB><F1> my own <PART>",
        ),
        "i dig my nails in till i bleed",
        "ideation",
        veto=lambda text, start, end: (
            _skin_condition(text, start, end)
            or followed_by(r"from (?:surgery|an operation|the op|my op|chicken ?pox|acne|the accident)")(
                text, start, end
            )
            or (
                text[start:end].rstrip().endswith("cut")
                and text[start:end].startswith(("and", "then"))
                and followed_by(r"[a-z]+")(text, start, end)
            )
        ),
    ),
    # ---- a decision made -------------------------------------------------------------------
    Rule(
        # Each of these also begins an ordinary sentence ("made my peace with it", "stop living in the
        # past", "ending it with him", "can't see a future with him"): vetoed when the clause goes on
        # to say what about.
        "suicide_ideation",
        alternatives(
            # "my" only: "made the decision much quicker", "a decision" are everyday talk of panels and plans.
            "(?:made|reached|come to|came to) my (?:decision|peace)",
            "(?:thinkin|thinking|think|thought|thoughts)(?: about| bout| abt| of)? (?:endin|ending) (?:it|"
            "things|my life)",
            "(?:only|best) (?:option|way out|choice|answer) is to (?:die|end it|kill <SELF>|go)",
            "(?:can'?t|cant|cannot|don'?t|dont) see (?:a|any) future(?: for me)?",
            "(?:im|i'?m) jumping",
        ),
        "I've made my decision",
        "ideation",
        veto=lambda text, start, end: (
            _WHAT_ABOUT(text, start, end)
            or (text[start:end].endswith("jumping") and _CLAUSE_GOES_ON(text, start, end))
        ),
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:decided|deciding|decision) to (?:die|stop living|end it|end my life)",
            "(?:thinkin|thinking|think|thought|thoughts)(?: about| bout| abt| of)? unaliv[a-z]*",
            "(?:think|thinking|thought|thinks) about how to (?:end it|end things|end my life|go quietly|die|"
            "kill "
            "<SELF>)",
            "(?:don'?t|dont|do not) see (?:why|how) i (?:should|can|could) (?:go on|carry on|keep going)",
            "what'?s (?:even )?the point (?:anymore|any more|of me|of (?:anything|it all|living|going on))",
            "(?:hope|hoping|wish|wishing|pray|praying) (?:i|ill|i'?ll|i'?d|id)<F4> (?:and )?die",
            "(?:want|wanna|need) to stop[.!]* (?:forever|permanently|for good|everything|existing)",
            "(?:who(?:'?d| would| will)(?: even)?|nobody would|no one would) (?:come to|go to|turn up to|"
            "miss me at) my funeral",
            "(?:planned|planning|plan|chose|chosen|picked) my funeral",
            # Notes left, not letters written ("wrote letters to everyone today" is a weak signal that
            # the risk memory adds up, context.py).
            "(?:left|leave|leaving)<F1> notes (?:for|to) "
            "(?:everyone|everybody|my (?:family|kids|children|mum|parents|friends)|them all)",
            "(?:he|she|they)(?:'s| has| have)? (?:made|had) (?:two|three|\\d+|several|a few|another) "
            "attempts",
            "(?:drawing|draws|drew|writing|writes|wrote) (?:pictures|drawings|poems|stories|songs)<F3> (?:of|"
            "about) (?:<THEIRSELF>|being) (?:hanging|dead|dying|buried)",
        ),
        "he said he's decided to die in the spring",
        "ideation",
        veto=_IDIOM_DIE,
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:stop|stopping) (?:living|existing|being alive)",
            "(?:threatening|threatened|threatens) to (?:jump|(?:kill|hang) (?:<SELF>|<THEIRSELF>)|end it|"
            "overdose|"
            "od)",
            "packs? of (?:paracetamol|pills|tablets|painkillers)<F2> (?:hidden|under|stashed|saved)",
            "<I_WILL> (?:walk|drive|jump|throw <SELF>) (?:into|in front of|off) (?:the |a )?(?:sea|river|"
            "canal|"
            "train|traffic|bridge|cliff|reservoir|lorry)",
            "(?:cos|because|coz|cuz|bc) (?:i'?m|im|i am) gone",
            "(?:this is|it'?s|its) my last (?:post|message)(?: (?:on here|ever|here))?",
            "(?:it'?s|its) (?:nearly|almost) time",
        ),
        "I am going to stop living on Sunday",
        "ideation",
        # "stop living in the past", "my last post about the raffle", "nearly time for tea"
        veto=lambda text, start, end: followed_by(
            r"in (?:the|a|fear|denial)|with|like|under|off|on (?:the|a|benefits|edge)|at|near|here|there|as|"
            r"for|about|of|before|till|until|to|on this (?:topic|subject)"
        )(text, start, end),
    ),
    Rule(
        "suicide_ideation",
        "(?:written|wrote|left|writing|finished) my (?:note|letters)",
        "i've written my note",
        "ideation",
        veto=followed_by(
            r"to (?:the|school|his|her|my|work)|for (?:the|school|his|her|work|college)|about|on"
        ),
    ),
    Rule(
        "suicide_ideation",
        "(?:sleep|asleep|tired)<F5> (?:like )?(?:permanently|forever)",
        "ima sleep forever",
        "ideation",
        audiences=YOUTH_ONLY,
        veto=followed_by(r"after|lol|haha|lmao|in the|on the|this|at|till|until|on sundays"),
    ),
    # ---- said of oneself or told of someone else (the fifth session's writers) ---------------------
    Rule(
        "suicide_ideation",
        alternatives(
            # "might as well be dead", said of a person, not of a phone or a party (vetoed below).
            "(?:might|may) as well (?:just )?be dead",
            "(?:i|he|she|they|hes|shes|theyre)<F2> (?:don'?t|dont|doesn'?t|doesnt|do not|does not) deserve "
            "to (?:live|be alive|exist)",
        ),
        "i might as well be dead",
        "ideation",
        veto=lambda text, start, end: (
            _THING_DEAD.search(text, max(0, start - 30), start) is not None
            or followed_by(r"of|in|with|at|near|there|here|like|on|under|somewhere|anywhere")(
                text, start, end
            )
        ),
    ),
    Rule(
        # A goodbye posted before something unsaid; not before a trip, a ride or a break from the app
        # ("see u on the other side" before the roller coaster, "cos hes going to australia").
        "suicide_ideation",
        "(?:see|c) (?:you|u|ya|yous|y'?all)(?: all)? on the other side",
        "posted see you on the other side and logged off",
        "ideation",
        veto=lambda text, start, end: (
            followed_by(r"of")(text, start, end)
            or _AWAY.search(text) is not None
            or _BREAK.search(text) is not None
        ),
    ),
    Rule(
        # Walking into water as a stated plan, said of oneself or told of someone else ("she's going to
        # walk into the sea", "he's been rehearsing walking into the river"): a place after it ("at
        # Blackpool") does not veto it, as it does the rule above that starts from "I'll".
        "suicide_ideation",
        "(?:going to|gonna|goin to|goin tae|wants? to|wanna|will|'ll|rehearsing|about|threaten(?:s|ed|ing)? "
        "to|keep thinking about|thinking about|thought about)<F1> (?:walk|walking|wade|wading|swim|swimming) "
        "(?:out )?(?:into|intae|in to) the (?:sea|river|loch|lake|canal|reservoir|waves|ocean|water)",
        "she said she's going to walk into the sea",
        "ideation",
        veto=followed_by(
            r"for a|to (?:cool|paddle|swim)|with (?:the|my|our) (?:dog|kids|mates|friends)|lol|haha"
        ),
    ),
    Rule(
        # A goodbye and then silence, as a worried friend or carer tells it: "texted 'sorry for
        # everything, love you' and isn't picking up", "her last story was a letter ... nothing back".
        "suicide_ideation",
        "(?:sorry for everything|thank(?:s| you) for everything|remember me|(?:it'?s|its) for the best|"
        "goodbye|(?:a|her|his|the) note|(?:none of (?:this|it)|not) (?:is )?(?:your|ur) fault)[^!?]{0,120}?"
        "\\b(?:(?:isn'?t|isnt|is not|not|hasn'?t|hasnt|has not|won'?t|wont|stopped|not been) (?:answering|"
        "picking up|replying|responding|answered|replied|responded)|(?:her|his|their) phone(?:'s| is)"
        "(?: now)? (?:off|switched off|dead|going to voicemail)|blocked me on everything)",
        "she texted sorry for everything and now she isn't answering",
        "ideation",
        veto=lambda text, start, end: _AWAY.search(text) is not None,
    ),
    Rule(
        # Old scars and the wish for new ones.
        "self_harm",
        "(?:scars|cuts)<F6> (?:make|do|making|doing|want|need) (?:some )?(?:new|more|fresh) ones",
        "my scars are healing and i want to make new ones",
        "ideation",
    ),
    Rule(
        # Gamers' goodbyes, the means at hand and lethality asked sideways (the fifth session's
        # writers): "uninstalling myself soon", "alt f4 my whole life", "afk forever", "got dad's
        # shotgun cabinet key", "the lough's deep enough", "hoping i'll fall", "which ones you don't
        # wake up from", "how long does it take to lose consciousness".
        "suicide_ideation",
        alternatives(
            "uninstall(?:ing|ed)? (?:myself|meself|me)",
            "alt ?f4 (?:my|me|myself)",
            "respawn irl",
            "(?:afk|logout|log out|logging out|logging off) (?:forever|for good|permanent(?:ly)?)",
            "gg irl",
            "(?:got|have|found|took|taken|nicked)(?: [a-z']+){0,2} (?:shotgun|gun|rifle)(?: cabinet)? keys?",
            "(?:loch|lough|river|lake|reservoir|canal|quarry|sea|water)<F6>(?:'s| is)? deep enough",
            "(?:hoping|hope) (?:i'?ll|i will|i) (?:fall|slip|drown|get hit|don'?t come back|not come back)",
            "(?:which|what) (?:ones?|pills|tablets|meds)<F2> (?:you|u|people) (?:don'?t|dont|never) wake up "
            "from",
            "how long (?:does it take|till|until|before)<F3> (?:to )?(?:lose consciousness|stop breathing|"
            "bleed out)",
        ),
        "uninstalling myself soon",
        "ideation",
        veto=lambda text, start, end: (
            followed_by(
                r"asleep|in love|for (?:a|the)|to (?:swim|paddle|dive)|for (?:swimming|diving)|of|from"
            )(text, start, end)
            or _ORDINARY_REASON.search(text, end) is not None
        ),
    ),
)
