"""Risk to life told by its time and its arrangements (issue #12, the misses of the eighth session's
writers, written-23 and -24, and the older files' misses): what people write when the end has a date,
the goodbye is said, the affairs are settled, in none of the words the other self-harm tables read.

Each group is one idea written many ways, not one sentence:

- "end it" with its date or its event after it ("end it after the exams", "before the final
  hearing", "on Friday"): the plain-word rule lets "end it before" go, since that is how a
  relationship or a contract is ended; here it is held unless one is named near it;
- a goodnight or a goodbye made final ("goodnight everyone. forever", "nite all, for good this
  time", "and goodbye. Thank you for the years", "this is my last message to anyone");
- not being here as what is wished or looked for ("ways to not be here", "better off not here at
  all", "had enough of everything, including being alive");
- not being around by a time ("I won't be around by the summer", "she'll be gone by Christmas",
  "I know I won't be in year 10", "by then it won't matter");
- one's own funeral arranged or pictured ("sorted my funeral", "a playlist for my funeral", "I
  wonder who would come to my funeral");
- the affairs settled and the peace made ("getting my affairs in order. Final week", "made my peace
  with everyone", "left a note under the kettle", "birthday cards for the next ten years");
- tablets already taken, told by the young person or the one who found them ("took a handful
  earlier", "sister took pills, mum not home, what do i do").

Look-alikes vetoed beside each: a relationship or a subscription ended, "goodbye forever to my
braces", "better off not here at this party, it's dead", "the snow will be gone by Christmas", a
funeral plan bought, a will and a guardian named, "took a handful of sweets". All P1 ("ideation").
"""

from __future__ import annotations

import re

from ..patterns import Rule, alternatives, followed_by, near
from .self_harm_plans import _MEANS_OR_DEATH
from .self_harm_signs import _A_STAGE_LEFT, _ordinary_leaving

# What is ended when "it" is not a life: a relationship, a contract, a call, a game.
_SOMETHING_ENDED = re.compile(
    r"\b(?:with (?:him|her|them)|boyfriend|girlfriend|bf|gf|partner|husband|wife|relationship|dating|"
    r"together|break(?:ing)? up|broke up|split|marriage|contract|subscription|membership|lease|tenancy|"
    r"placement|call|meeting|game|match|story|chapter|book|series|season|stream|friendship|argument|row|"
    r"feud|fight|lesson|class|course|job|internship|agreement|sub|trial|level|boss|episode|run|streak)\b"
)
# A goodbye to something ordinary, or for an ordinary reason: "goodbye forever, twitter", "bye for good
# to this group chat, too much drama", "goodnight everyone, for good this time i'm going to sleep".
_ORDINARY_GOODBYE = re.compile(
    r"\b(?:twitter|tiktok|insta\w*|facebook|snapchat|app|account|chat|server|group chat|drama|sleep|bed|"
    r"lol|lmao|haha|joke|jk|phone|laptop|wifi|sugar|caffeine|coffee|chocolate|diet|smoking|vaping|"
    r"ex|hair|car|house|thread|topic|subject|advice|for now)\b"
)
# A place, party or event left for an ordinary reason: "better off not here at this party, it's dead".
_SOMEWHERE_ORDINARY = followed_by(
    r"at (?:this|the|that|work|school|college)|in (?:this|the|that)|on (?:this|the|that)|"
    r"for (?:this|the|that)|"
    r"tonight|today|tomorrow|during|while"
)
# What can be gone by a date that is not a person: "the snow will be gone by Christmas".
_GONE_BY = (
    "(?:christmas|xmas|summer|the summer|easter|new year|my birthday|his birthday|her birthday|friday|"
    "saturday|sunday|monday|tuesday|wednesday|thursday|the weekend|next week|next month|next year|"
    "the end of (?:the )?(?:week|month|year|term)|half term|spring|autumn|winter|january|february|march|"
    "april|june|july|august|september|october|november|december)"
)
# Away for a reason, or what does not matter soon is a mark or a price: "it won't matter soon, the
# deadline moved".
_AWAY_OR_NOT_A_LIFE = re.compile(r"\b(?:moving|move|holiday|abroad|deadline|marks?|grades?|sale|price)\b")
# A funeral arranged as a product or for someone else: "sorted my funeral plan with the co-op".
_FUNERAL_PRODUCT = followed_by(r"plan|plans|policy|cover|insurance|director|directors|bond|fund|savings")
# Told lightly or as good sense: "not to be morbid but ... mostly Abba, the kids will have a laugh".
_FUNERAL_IN_JEST = re.compile(
    r"\b(?:morbid|healthy|laugh|lol|lmao|haha|joke|joking|one day|someday|when i'?m old|years? away|"
    r"organised|organized|practical)\b"
)
_PREPAID = re.compile(r"\b(?:co-?op|prepaid|pre-paid|over 50s|over fifties|monthly|premium|quote)\b")
# An end near "affairs in order": without it, a will and a guardian named are what carers do.
_FINAL = re.compile(
    r"\b(?:final|last|it'?s time|its time|goodbye|soon|before i go|finished|tonight|not be here|won'?t be "
    r"here|nothing left|done now|the end)\b"
)
# A note left with a sign it is the last: "left a note under the kettle, the kids are at school. It's time".
_NOTE_FINAL = re.compile(
    r"\b(?:it'?s time|its time|goodbye|sorry|forgive|cleared|deleted|tonight|for everyone|for the kids|"
    r"love you all|don'?t look|dont look)\b"
)
# A note left for an errand: "left a note on the door for the parcel".
_ERRAND = re.compile(
    r"\b(?:milkman|postman|delivery|parcel|courier|neighbour|cleaner|window cleaner|plumber)\b"
)
# Affairs put in order for a move: "before the move to Spain! Final week".
_MOVING = re.compile(
    r"\b(?:move|moving|emigrat\w*|relocat\w*|selling|abroad|spain|france|australia|canada|new zealand|"
    r"house sale|completion|retire\w*|operation|surgery|hospital stay|deployment|posting)\b"
)
_NOTE_LEFT = re.compile(r"(?:note|letter) (?:under|on|in|by|beside|next to)")


def _settled_with_an_end(text: str, start: int, end: int) -> bool:
    """Affairs put in order, or a note left, only near a sign of an end: a will and a guardian named, a
    note for the family, are ordinary. Peace made with everyone and cards for years ahead need nothing."""
    matched = text[start:end]
    if "affairs" in matched:
        return near(_FINAL, text, start, end, 150) and not near(_MOVING, text, start, end, 150)
    if _NOTE_LEFT.search(matched):
        return near(_NOTE_FINAL, text, start, end, 150)
    return True


# Urgency after pills taken by someone else: what a frightened sibling or friend writes.
_URGENT = re.compile(
    r"\b(?:what do i do|wat do i do|what should i do|won'?t wake|wont wake|not waking|can'?t wake|"
    r"cant wake|not home|no one home|nobody home|ambulance|999|911|help|please|pls|scared|being sick|"
    r"throwing up|feel (?:a bit )?sick|feel weird|not gonna tell|not going to tell|tell anyone)\b"
)
# "a handful of" something ordinary: sweets, crisps, nuts, people.
_HANDFUL_OF_ORDINARY = followed_by(r"of (?!(?:pills|tablets|meds|paracetamol|painkillers|them|my|her|his))")

SELF_HARM_LEAVING_RULES = (
    Rule(
        # "end it" with its date or its event after it: "im gonna end it after the exams so i dont ruin them",
        # "going to end it before the final hearing", "she wrote 'I'm going to end it on Friday'", "end it
        # before they can send me back", "gonna end it after this round".
        "suicide_ideation",
        "(?:i'?m|im|i am|she'?s|shes|he'?s|hes|they'?re|i'?ll|ill|i will|she'?ll|he'?ll) (?:going to|gonna|"
        "goin to|goin|planning to|gunna) (?:just )?end it (?:all )?(?:before|after|on|at|by) (?:the |this |"
        "that |my |our |they |their |friday|saturday|sunday|monday|tuesday|wednesday|thursday|christmas|"
        "xmas|new year|\\w+day)",
        "im gonna end it after the exams so i dont ruin them for everyone",
        "ideation",
        veto=lambda text, start, end: near(_SOMETHING_ENDED, text, start, end, 100),
    ),
    Rule(
        # A goodnight or a goodbye made final: "goodnight everyone. forever", "nite all. for good this time",
        # "Goodnight everyone. And goodbye. Thank you for the years", "this is my last message to anyone".
        "suicide_ideation",
        alternatives(
            "(?:good ?night|goodnite|night night|nite|night|g'?night) (?:all|everyone|everybody|guys|yall|"
            "y'all|folks|friends|x+)?[.,!]* (?:and )?(?:forever|for good|for the last time|goodbye|"
            "farewell)",
            "(?:thank you|thanks|ta) for (?:the|all the) years",
            "(?:this is|this'?ll be|it'?s|its) my (?:last|final) (?:message|post|msg) (?:(?:to|for) "
            "(?:anyone|anybody|everyone|everybody|you all|all of you)|ever)",
        ),
        "goodnight everyone. forever",
        "ideation",
        veto=lambda text, start, end: (
            _ordinary_leaving(text, start, end)
            # "goodnight everyone!! forever grateful for this group"
            or followed_by(
                r"to|from|on(?! here)|with|in|at|before|until|till|for now|i promise|grateful|thankful|"
                r"indebted|young|friends|yours"
            )(text, start, end)
            or near(_ORDINARY_GOODBYE, text, start, end, 60)
            or near(_A_STAGE_LEFT, text, start, end, 60)
        ),
    ),
    Rule(
        # Not being here as what is wished or looked for: "thinking of ways to not be here", "I'd be better
        # off not here at all", "had enough of everything, including being alive".
        "suicide_ideation",
        alternatives(
            "(?:ways|way|how) (?:to )?(?:not be here|not be around|not exist|stop existing|not be alive)",
            "(?:i'?d|i would|i'?d just|i) (?:be )?better off not (?:here|around|alive|existing)",
            "(?:had|have|'?ve had) enough of (?:everything|it all|life)?[.,]* (?:including|even) (?:being "
            "alive|living|breathing|existing)",
            "(?:had|have|'?ve had) enough of being alive",
        ),
        "I've been thinking of ways to not be here",
        "ideation",
        veto=lambda text, start, end: (
            _ordinary_leaving(text, start, end) or _SOMEWHERE_ORDINARY(text, start, end)
        ),
    ),
    Rule(
        # Not being around by a time: "i've already decided i'm not going to be around by the summer", "she'll
        # be gone by christmas", "i know i wont be in year 10", "by then it wont matter", "it won't matter
        # soon".
        "suicide_ideation",
        alternatives(
            "(?:not going to|not gonna|won'?t|wont|will not|not) be (?:around|here|alive) (?:by|for|at|"
            "in|till|until) " + _GONE_BY,
            "(?:i'?ll|ill|i will|she'?ll|shell|she will|he'?ll|he will|i'?m going to|im gonna|i'?m gonna|"
            "she'?s going to|he'?s going to) be (?:gone|dead|not here) (?:by|before) " + _GONE_BY,
            "(?:know|knew) (?:that )?(?:i|he|she) (?:won'?t|wont|will not|will never) (?:be|make it|get) "
            "(?:to )?(?:in )?(?:year|yr) \\d+",
            "(?:by then|after tonight|after tomorrow) (?:it|nothing) (?:won'?t|wont|will not|doesn'?t) "
            "matter",
            "(?:it|nothing) (?:won'?t|wont|will not) matter (?:soon|by then|after tonight|after tomorrow)",
        ),
        "i know i wont be in year 10",
        "ideation",
        veto=lambda text, start, end: (
            _ordinary_leaving(text, start, end)
            or followed_by(r"because|cos|coz|as|we|we'?re|i'?m moving|on holiday|abroad")(text, start, end)
            or near(_AWAY_OR_NOT_A_LIFE, text, start, end, 80)
        ),
    ),
    Rule(
        # One's own funeral arranged or pictured: "she's sorted her funeral and that's all I need to think
        # about", "made a playlist for my funeral", "i wonder if anyone would come to my funeral".
        "suicide_ideation",
        alternatives(
            "(?:sorted|arranged|arranging|organised|organized|organising)(?: out)? (?:my|me|her|his) "
            "(?:own )?funeral",
            # "planning his funeral" is what a brother who ate the last biscuit hears: the writer's own only
            "(?:planned|planning|chosen|picked)(?: out)? (?:my|me) (?:own )?funeral",
            "(?:playlist|songs?|music|flowers|outfit|clothes) for (?:my|me|her|his) (?:own )?funeral",
            "(?:anyone|anybody|any1|people|who|nobody|no one|no1) (?:would|will|'?d|wud) (?:even )?(?:come|"
            "turn up|show up|go|bother coming) to (?:my|me) funeral",
        ),
        "i made a playlist for my funeral",
        "ideation",
        veto=lambda text, start, end: (
            _FUNERAL_PRODUCT(text, start, end)
            or near(_PREPAID, text, start, end, 100)
            or near(_FUNERAL_IN_JEST, text, start, end, 120)
        ),
    ),
    Rule(
        # The affairs settled and the peace made: "getting my affairs in order. Final week", "I made my peace
        # with everyone this week. It feels finished", "left a note under the kettle ... It's time", "putting
        # the kids' birthday cards in envelopes for the next ten years".
        "suicide_ideation",
        alternatives(
            "(?:getting|got|get|put|putting|sorting|sorted|have|had) (?:my|his|her|me) affairs in order",
            "(?:made|making|make) (?:my )?peace with (?:everyone|everybody|every1|all of (?:you|them|"
            "u)|yous|you all)",
            "(?:left|leaving|written|wrote) (?:a|my|the) (?:note|letter) (?:under|on|in|by|beside|next to) "
            "(?:the|my) \\w+",
            "(?:cards|letters|presents|messages)<F3> for the next (?:\\w+|\\d+) (?:years|birthdays|"
            "christmases)",
        ),
        "Getting my affairs in order. Final week.",
        "ideation",
        needs=lambda text, start, end: _settled_with_an_end(text, start, end),
        veto=lambda text, start, end: near(_ERRAND, text, start, end, 60),
    ),
    Rule(
        # Tablets already taken: "took a handful earlier. feel a bit sick. not gonna tell anyone", "sister
        # took pills. mum not home. what do i do", "already took them 20 mins ago".
        "suicide_imminent",
        alternatives(
            "(?:i |i'?ve |ive |i have |just |already )?(?:took|taken|swallowed|necked|downed) a (?:whole )?"
            "handful",
            "(?:sister|brother|mum|mam|dad|mate|friend|bestie|cousin|she|he)(?:'s| has)? (?:took|taken|"
            "swallowed|necked) (?:some |loads of |a load of |all (?:her|his|the) )?(?:pills|tablets|meds|"
            "paracetamol|painkillers)",
            "already (?:took|taken|swallowed) them<F3> (?:ago|earlier)",
        ),
        "took a handful earlier. feel a bit sick. not gonna tell anyone",
        "imminent",
        needs=lambda text, start, end: near(_URGENT, text, start, end, 120),
        veto=lambda text, start, end: (
            _HANDFUL_OF_ORDINARY(text, start, end)
            or followed_by(r"for (?:a|her|his|the|my) |as prescribed|with (?:food|water|breakfast|tea)")(
                text, start, end
            )
        ),
    ),
    Rule(
        # The means and the will to take them all, or the nerve to use them: "if they take him back I'll
        # swallow the lot", "gonna neck the whole packet", "I've got the rope, but I'm scared to use it".
        "suicide_ideation",
        alternatives(
            "(?:i'?ll|ill|i will|i'?m going to|im gonna|i'?m gonna|gonna|going to|want to|wanna) (?:just )?"
            "(?:swallow|neck|down|take) (?:the lot|them all|all of them|the whole (?:box|packet|bottle|pack|"
            "lot)|every (?:one|last one|pill|tablet))",
            "(?:scared|afraid|too scared|not brave enough|brave enough|the nerve|the guts|the courage) "
            "to use (?:it|them)",
        ),
        "if they take her I'll swallow the lot",
        "ideation",
        # "neck the whole bottle" and "take the lot" are also a night out and a bargain: a means or a death
        # near, unless it is swallowed
        needs=lambda text, start, end: (
            "swallow" in text[start:end] or near(_MEANS_OR_DEATH, text, start, end, 120)
        ),
        veto=followed_by(r"of (?:sweets|chocolates|biscuits|crisps|cake)|home|with me|to (?:the|a)"),
    ),
)
