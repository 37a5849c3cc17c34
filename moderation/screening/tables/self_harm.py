"""Self-harm and suicide: the rules, graded "imminent" (a stated plan, a time, an act under way:
P0) or "ideation" and history (P1), with the vetoes for the idioms that share their words.

The family that runs them is ``risk.SelfHarm``; the fragments are in ``self_harm_words.py``.
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, either, followed_by, preceded_by
from .benign_youth import (
    a_song_quoted,
    a_story_about_someone,
    disappearing_for_a_while,
    laughing_it_off,
    overdose_in_a_lesson_or_story,
    tired_not_done,
    window_at_an_annoyance,
)
from .self_harm_vetoes import (
    A_DOSE_AS_MEANT,
    ADVICE_ABOUT_ANYONE,
    BETTER_OFF_WITHOUT_ME_DOING,
    DEATH_TOLD,
    DENIED,
    GOODBYE_AT_A_PARTING,
    IN_A_GAME,
    TAKEN_JUST_NOW,
    TOPIC,
    WHAT_CHILDREN_SAY,
)

# An accident, not self-harm: "cut myself shaving", "hurt myself at football".
_ACCIDENT_AFTER = followed_by(
    r"shaving|cooking|chopping|gardening|playing|lifting|falling|doing|by accident|accidentally|"
    r"on (?:a|the|some|me|my) (?:tin|can|glass|paper|nail|fence|door|table|brambles?|nettles?|edge|"
    r"straighteners|curling tongs|oven|hob|iron|kettle|grill|toaster|stove|pan|tray|fryer|deep fat fryer|bbq|"
    r"barbecue|radiator|glue gun)|"
    r"at (?:football|rugby|netball|work|the gym|training|school|pe|the park)|"
    r"with (?:a|the) (?:tin|can) opener|for (?:forgetting|not|being|leaving|saying)|laughing"
)
# ... or told as an accident anywhere in its sentence: "stabbed myself with a compass in maths by accident".
_BY_ACCIDENT = re.compile(r"(?<!not )(?<!wasnt )(?<!wasn't )\b(?:by accident|accidentally|accidently)\b")


def _accident(text: str, start: int, end: int) -> bool:
    stop = re.search(r"[.!?]", text[end:])
    return (
        _ACCIDENT_AFTER(text, start, end)
        or _BY_ACCIDENT.search(text, end, end + stop.start() if stop else len(text)) is not None
    )


_ACCIDENT = _accident

# "cutting" as in cutting something else: vetoed unless it goes on to a body part.
_CUTTING_SOMETHING = followed_by(
    r"(?!(?:his|her|their|my) (?:arms?|forearms?|legs?|wrists?|thighs?|skin|stomach|tummy|hips?|belly))"
    r"(?:the|a|an(?! (?:he|she|i|they|it'?s|its|that|then|now)\b)|his|her|my|their|your|back|down|out|up|"
    r"off|into|through|across|corners|class|classes|lessons?|school|it|that|this|onions?|paper|hair|grass|"
    r"ties|contact|costs|hours|sugar|me|him|them|us|you|some|someone|people|friends|cake|wood|fabric|food|"
    r"meat|carbs|teeth|out)"
)
# "dying of embarrassment", "I'd rather die than wear that", and "die" for "dye" ("wants to die
# his hair blue").
_IDIOM_DIE = followed_by(
    r"[\"'\u201d\u2019]?\s*(?:of (?:embarrassment|shame|cringe|boredom|laughter)|laughing|for (?:a|some|"
    r"one)|than|"
    r"(?:his|her|my|their|your|its) (?:hair|clothes|shoes|top|jeans|fringe)|(?:it|them) (?:blue|pink|red|"
    r"black|green|purple))"
)
# "don't want to live with them" is about where, not whether, to live.
_WHERE_TO_LIVE = followed_by(
    r"here|there|in|with|at|near|abroad|like|to|him|her|them|people|you|on|for|into|without|the|a|an|"
    r"my|our|his|their|this|that|somewhere|anywhere|home|school|round|over|alone|together|next|out|off|from"
)

_ENDS_WITH_LIVE = re.compile(r"\b(?:live|living)$")

# "I'm going to jump" is a plan; "going to jump on the trampoline" is not.
_JUMP_SOMEWHERE = followed_by(r"(?!(?:off|from|tonight|now|today|in front)\b)[a-z]+")
# "I need to cut" alone is self-harm; "I need to cut his hair" is not.
_CUT_SOMETHING = followed_by(
    r"(?!(?:again|tonight|now|today|deep|deeper|more|so|myself|my (?:arms?|legs?|wrists?|thighs?|skin|"
    r"stomach))\b)[a-z]+"
)

SELF_HARM_RULES = (
    Rule(
        "suicide_imminent",
        alternatives(
            "noose",
            r"i'?m done[.!, ]+goodbye",
            "(?:on|at|up on) the (?:roof|bridge|edge|ledge|cliff|tracks|train tracks|railway)<F6> "
            "(?:<I_WILL>|want to|wanna) jump",
        ),
        "I found a noose in his wardrobe",
        "imminent",
    ),
    Rule("suicide_imminent", "<I_WILL> jump", "i'm going to jump", "imminent", veto=_JUMP_SOMEWHERE),
    Rule(
        "self_harm_imminent",
        "(?:<I_WILL>|i want to|i wanna|i need to|i have to|urge to|urges to) (?:cut|sh)",
        "i need to cut",
        "imminent",
        veto=_CUT_SOMETHING,
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "why (?:am i|do i|should i) (?:even |still )?(?:alive|here|exist|bother living|keep living|"
            "keep going)",
            "i (?:don'?t|do not|dont) deserve to (?:live|be alive|be here|exist)",
            "(?:might|may|could|should|might as well|may as well)(?: just)? end it",
            "(?:i|and|so i|so|i think i) should (?:just )?(?:die|kill <SELF>|end it|not exist|not be alive|"
            "not be here)",
            "(?:hate|hating) (?:being alive|living|existing)",
            "(?:my own|planning my|plan my|picture my|imagine my) funeral",
            "(?:living|life|my life|existing|being alive) (?:is|feels|seems) (?:so |completely |totally |"
            "just )?(?:pointless|meaningless|not worth it)",
            "better off not (?:existing|being here|being alive|being born|alive|here)",
        ),
        "why am i even alive",
        "ideation",
        veto=followed_by(r"with|between|early|there|here|now|soon|at|before|after|on|for|by|the"),
    ),
    Rule(
        "suicide_ideation",
        "(?:got|have|bought|found|hidden|hid|hiding) (?:a |the |some )?rope",
        "i've got a rope",
        "ideation",
        audiences=YOUTH_ONLY,
    ),
    # ---- imminent (P0): a stated plan, a time, something already done -------------------------
    Rule("suicide_imminent", "<I_WILL><F2> <SUICIDE_ACT>", "I'm going to kill myself", "imminent"),
    Rule("suicide_imminent", "<SUICIDE_ACT><F1> <SOON>", "gonna end it all tonight", "imminent"),
    Rule(
        "suicide_imminent",
        "<I_WILL><F1> end (?:it|things)",
        "I'm going to end it tonight",
        "imminent",
        veto=followed_by(
            r"with|between|for|there|off|up|on|early|before|after|properly|now with|at|in|by|the"
        ),
    ),
    Rule(
        "suicide_imminent",
        "(?:i'?ve|i have|ive|i|i just|i've just|just|i already|i've already) (?:taken|took|swallowed|had|"
        "necked|downed|done) <OD_AMOUNT>",
        "I've taken the pills",
        "imminent",
        # "took all me meds for the week out into the pill box": sorting a prescription.
        veto=followed_by(
            r"out|for the (?:week|day|month)|into|back|as prescribed|like (?:the|my) (?:nurse|doctor|gp)"
        ),
    ),
    Rule(
        "suicide_imminent",
        "(?:i'?ve|i have|i|i just) (?:just )?(?:(?:od'd|oded|od-ed)|overdosed)",
        "i just od'd",
        "imminent",
    ),
    Rule(
        "suicide_imminent",
        "(?:he|she|they)(?:'s| has| have|'ve) (?:just )?(?:taken|swallowed) <OD_AMOUNT>",
        "she's just taken an overdose",
        "imminent",
    ),
    Rule(
        "suicide_imminent",
        "(?:he'?s|she'?s|they'?re|he is|she is|they are|he'?ll|she'?ll|he will|she will) (?:going to|gonna|"
        "about to|threatening to) (?:kill|hang) <THEIRSELF><F1> (?:<SOON>|now)",
        "she says she's going to kill herself tonight",
        "imminent",
    ),
    Rule(
        "suicide_imminent",
        alternatives(
            "this is (?:my )?goodbye",
            "goodbye (?:forever|world|cruel world)",
            "(?:tell|say to) (?:my |me )?(?:mum|mam|mom|ma|dad|da|nan|family|everyone|them)<F1> (?:i'?m|im|i "
            "am) sorry",
            "(?:wrote|written|writing|left|leaving|write) (?:a |my )?(?:suicide|goodbye) (?:note|letter|"
            "message)",
            "suicide note",
            "won'?t (?:be alive|wake up|see) (?:tomorrow|in the morning|the morning|another day|next week)",
            "not (?:be alive|wake up) (?:tomorrow|in the morning)",
            "by the time (?:you|u|anyone|someone) (?:reads?|sees?|finds?) this",
            "(?:got|have|bought|saved|stockpiled|collected|hoarded|hidden|hid)<F2> (?:rope|pills|tablets|"
            "noose)<F1> (?:ready|to do it|to end it|for tonight)",
            "(?:tied|made|tying|making) (?:a |the )?noose",
        ),
        "by the time you read this I'll be gone",
        "imminent",
    ),
    Rule(
        # Planning, or looking for a method: the highest-risk signs short of an act.
        "suicide_imminent",
        alternatives(
            "(?:planning|planned|plan|worked out|working out|figured out|researching|researched|looked up|"
            "looking up|searching|searched|googling|googled) (?:how|ways|the best way|the easiest way|"
            "methods)(?: to)? (?:end it|die|kill <SELF>|do it|overdose|hang <SELF>|end my life)",
            "(?:easiest|quickest|best|painless|least painful|fastest|surest) (?:way|ways|method) to (?:die|"
            "kill <SELF>|end it|end my life|commit suicide)",
            "how (?:many|much) (?:pills|tablets|paracetamol|painkillers|[a-z]+ pills|[a-z]+ tablets)(?: "
            "would| does| do| will)?(?: it)? (?:takes?|kill|to (?:die|overdose|od))",
            "how (?:many|much)<F2> (?:to|would|does it take to|will) (?:overdose|od|kill (?:you|me|someone))",
        ),
        "what's the easiest way to die",
        "imminent",
    ),
    Rule(
        "self_harm_imminent",
        alternatives(
            "<I_WILL><F2> (?:cut|burn|hurt|harm|starve|scratch|stab) <SELF>",
            "(?:cut|burn|hurt|harm) <SELF> (?:tonight|again tonight|right now)",
            "(?:i'?ve|i have|i) just (?:cut|burnt|burned|hurt|harmed|stabbed) (?:<SELF>|<BODY>)",
            "(?:it|the cut|the cuts|the blood|my arm|my wrist|my leg)<F1> (?:won'?t|will not|doesn'?t|"
            "isn'?t) stop(?:ping)? bleeding",
            "cut (?:too|really|so) deep",
        ),
        "I'm going to cut myself tonight",
        "imminent",
    ),
    # ---- ideation and history (P1) ----------------------------------------------------------------
    Rule(
        "suicide_ideation",
        "(?:kill|killing|killed|kil) (?:<SELF>|<THEIRSELF>)",
        "sometimes I think about killing myself",
        "ideation",
        veto=_ACCIDENT,
    ),
    Rule(
        "suicide_ideation",
        "(?:drown|drowning|drowned|drownd|drowing) (?:<SELF>|<THEIRSELF>)",
        "he said he was going to drown himself",
        "ideation",
        veto=followed_by(r"in|with|under"),  # "drowning myself in coursework"
    ),
    Rule(
        # Someone else's stated plan, as a worried friend or carer tells it: "she said she's gonna end it".
        "suicide_ideation",
        "(?:he|she|they|he'?s|she'?s|they'?re|hes|shes|theyre)<F2> (?:going to|gonna|goin to|about to|"
        "wants to|wanna|planning to|will|'?ll) (?:end it|end it all|end (?:his|her|their) (?:own )?life|"
        "take (?:his|her|their) (?:own )?life|take poison|drink poison)",
        "my mate said she's gonna end it",
        "ideation",
        veto=followed_by(r"with|between|for|early|off|up|there|at|on|by|before|after|and start|the"),
    ),
    Rule(
        # A way to die pictured: "thought about driving into a wall", "wanted to walk into the sea".
        "suicide_ideation",
        "(?:think|thinking|thought|thinks|fantasi[sz]e|fantasi[sz]ing|wanted|want|wanna|urges?|tempted|"
        "imagine|imagining)(?: about| of| to| tae)?<F2> (?:crashing|crash|driving|drive|walking|walk|"
        "stepping|step|jumping|jump|throwing <SELF>|throw <SELF>) (?:the car |my car )?(?:into|in front of|"
        "off|intae|under) (?:a |the |an )?(?:wall|tree|sea|river|canal|train|lorry|bus|bridge|cliff|edge|"
        "motorway|traffic|reservoir)",
        "thought about driving into a wall on the way home",
        "ideation",
        veto=followed_by(r"for a (?:swim|dip)|to cool|with (?:my|the|our) (?:mates|friends|family)|lol|haha"),
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "wish(?:es|ed)? (?:he|she|they) (?:was|were|had) never (?:been )?born",
            "wish(?:es|ed)? (?:he|she|they) (?:was|were)(?:n'?t| not) (?:alive|here)",
            "(?:does|would|will|do|can) (?:an? )?(?:[a-z]+ )?(?:overdose|od) (?:actually |really )?"
            "(?:work|kill)",
            "(?:paracetamol|ibuprofen|aspirin|insulin|pill|tablet|sleeping pill) (?:overdose|od) "
            "(?:actually |really )?(?:works?|kills?)",
        ),
        "he said he wishes he was never born",
        "ideation",
    ),
    Rule(
        # Saving up a medicine: a plan in the making ("been stockpiling me tablets", "the tablets saved").
        "suicide_ideation",
        alternatives(
            "(?:saving|saved|save|stockpil[a-z]*|hoard[a-z]*|stash[a-z]*|collecting|squirrell?ing) (?:up )?"
            "(?:(?:my|me|her|his|their|the|some|all|[a-z]+'s) ){0,2}(?:adhd |sleeping )?(?:pills|tablets|"
            "meds|medication|paracetamol|painkillers|insulin)",
            "(?:pills|tablets|meds|medication|paracetamol|painkillers) (?:saved|saved up|stashed|stockpiled)",
        ),
        "been stockpiling me tablets",
        "ideation",
        veto=followed_by(r"for (?:a|the|my|her|his) (?:holiday|trip|headache|migraine|period|cold)"),
    ),
    Rule(
        # Going to sleep and not waking, said as a hope.
        "suicide_ideation",
        "(?:sleep|bed|asleep)<F3> (?:and )?(?:hopefully |hope i |just )?(?:not|never|don'?t|dont) "
        "(?:wake|get) up(?: again| ever)?",
        "gonna go to sleep and hopefully not wake up",
        "ideation",
        veto=either(followed_by(r"(?:until|till|til|before|early|for|in time|on time)"), tired_not_done),
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "kms",
            "unalive",
            "un-alive",
            "sewer ?slide",
            "suicid[a-z]*",
            r"s[u*]+[i1!l*]c[i1!l*]d[a-z0-9*]*",
            "(?:ending|end) it all",
            "(?:end|ending|ended) (?:my|his|her|their) (?:own )?life",
            "(?:take|taking|took|taken) (?:my|his|her|their) (?:own )?life",
            "(?:top|topping|topped|off|offing|offed) <SELF>",
            "(?:hang|hanging|hanged|hung) (?:<SELF>|<THEIRSELF>)",
        ),
        "i feel suicidal",
        "ideation",
        veto=lambda text, start, end: (
            IN_A_GAME(text, start, end)
            or (
                text[start:end].startswith("s")
                and not text[start:end].startswith("sewer")
                and (
                    TOPIC(text, start, end)
                    or ADVICE_ABOUT_ANYONE(text, start, end)
                    or DENIED(text, start, end)
                    or DEATH_TOLD(text, start, end)
                )
            )
        ),
    ),
    Rule(
        "suicide_ideation",
        "(?:want|wanna|wants|wanted|wanting|wish|wished|wishes|wishing|would rather|rather|ready|just want|"
        "longing|hope|hoping|prefer) (?:to |i (?:could|would|was|were) |i'?d |id )?(?:just )?(?:die|be dead|"
        "dead|disappear forever|not wake up|never wake up|not exist|stop existing|not be alive|not be here|"
        "not be born|sleep forever|be gone|go to sleep forever|(?:fall asleep|go to sleep|sleep) and (?:not|"
        "never) wake up)",
        "I just want to die",
        "ideation",
        veto=either(
            _IDIOM_DIE, WHAT_CHILDREN_SAY, ADVICE_ABOUT_ANYONE, laughing_it_off, a_song_quoted, tired_not_done
        ),
    ),
    Rule(
        "suicide_ideation",
        "wish (?:i|id|i'd) (?:wasn'?t|weren'?t|was not|were not|had not been|hadn'?t been|had never been|"
        "never been|never existed|not been|was never|were never|never was|could disappear|could just "
        "disappear|didn'?t exist|did not exist|could sleep forever|could go to sleep and not wake up)(?: "
        "(?:here|alive|born|around|anymore))?",
        "I sometimes wish I wasn't here",
        "ideation",
        veto=either(disappearing_for_a_while, a_song_quoted),
    ),
    Rule(
        "suicide_ideation",
        "(?:don'?t|do not|dont|didn'?t|doesn'?t|does not|doesnt|no longer|never) (?:want|wanna|wish) (?:to "
        ")?<LIVE_ON>(?: anymore| any more| tomorrow)?",
        "i dont want to be alive anymore",
        "ideation",
        # Only the word "live" can be about where ("don't want to live with them"); "be alive at
        # christmas" is not (a plain endswith("live") also matched "alive" and let that one through).
        veto=lambda text, start, end: (
            (_ENDS_WITH_LIVE.search(text, start, end) is not None and _WHERE_TO_LIVE(text, start, end))
            or a_song_quoted(text, start, end)
            or tired_not_done(text, start, end)
        ),
    ),
    Rule(
        "suicide_ideation",
        "(?:no|what'?s the|whats the|there'?s no|there is no|don'?t see (?:the|any)|can'?t see (?:the|any)|"
        "see no) (?:point|reason) (?:for me |for me to |in me |in |of )?(?:living|being alive|be alive|live|"
        "going on|carrying on|go on|carry on|to live|to be alive|to be here|in life|life|existing|exist|"
        "being here|me being here|to go on|to carry on|in me being alive|anymore|any more)",
        "there's no point in living",
        "ideation",
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:better off|better|easier|happier|calmer)(?: off)?(?: for (?:everyone|everybody|them|you all|"
            "my family))? (?:dead|without me|if i (?:was|were)(?:n'?t| not) (?:here|around|alive|born)|if i "
            "(?:was|were) (?:dead|gone)|if i (?:died|disappeared|wasn'?t born))",
            "(?:not|won'?t) (?:going to |gonna )?be (?:here|around|alive) (?:much longer|for much longer|for "
            "long)",
            "(?:say|saying|said|wrote|write|writing) (?:goodbye|bye|my goodbyes) to (?:my family|everyone|"
            "everybody|you all|my friends|the world|all of you)",
            "(?:jump|jumping|jumped|climb|climbed) out (?:of )?(?:a|the|his|her|my) (?:bedroom )?window",
            "(?:everyone|everybody|they|my family|the world|you all)<F2> (?:be )?better (?:off )?without me",
        ),
        "everyone would be better off without me",
        "ideation",
        veto=either(BETTER_OFF_WITHOUT_ME_DOING, window_at_an_annoyance, GOODBYE_AT_A_PARTING),
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:tried|try|trying|attempted|attempt|attempts|attempting) (?:to )?(?:kill|hang|end|take) "
            "(?:<SELF>|<THEIRSELF>|(?:my|his|her|their) (?:own )?life)",
            "(?:tried|attempted) to (?:overdose|od)",
            "(?:suicide|suicidal) (?:attempt|attempts|thoughts|ideation|feelings)",
            "attempted suicide",
            # "overdosed on haribo" is vetoed below.
            "(?:overdosed|(?:od'd|oded|od-ed))",
            "(?:took|taken|take|taking) (?:an|another) (?:overdose|od)",
            "(?:an|the|her|his|my|another) overdose",
        ),
        "she tried to kill herself last year",
        "ideation",
        # "overdosed on haribo"; a birth parent's history told ("her history includes an overdose").
        veto=either(
            followed_by(
                r"on (?:[a-z]+ )?(?:sweets|sugar|chocolate|haribo|caffeine|coffee|netflix|tiktok|memes|cake|"
                r"crisps|energy drinks|red bull|love|kindness|christmas)"
            ),
            # (Not "died of an overdose": the classifier reads a message without its vetoed phrases,
            # and a child who "wants to be with mummy" after one must still be read in full.)
            preceded_by(r"history (?:of|includes)"),
            # first aid: "what to do with an overdose casualty"
            followed_by(r"casualt(?:y|ies)|patients?|first aid|training|awareness|response|kit"),
            overdose_in_a_lesson_or_story,
        ),
    ),
    Rule(
        "suicide_ideation",
        "(?:tired|sick) of (?:living|being alive|existing|life)",
        "i'm so tired of living",
        "ideation",
        veto=_WHERE_TO_LIVE,
    ),
    Rule(
        # An overdose taken just now, by anyone: the act is under way. Without the time it is the next
        # rule's, P1 ("she swallowed a load of pills" may be a story).
        "suicide_imminent",
        "(?:swallowed|took|taken|had|necked|downed) <OD_AMOUNT>",
        "took a whole packet of my meds an hour ago",
        "imminent",
        needs=TAKEN_JUST_NOW,
        veto=A_DOSE_AS_MEANT,
    ),
    Rule(
        "suicide_ideation",
        "(?:swallowed|took|taken|had|necked|downed) <OD_AMOUNT>",
        "she swallowed a load of pills",
        "ideation",
        veto=A_DOSE_AS_MEANT,
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:nobody|no one|noone|no1|no-one) (?:would|will|'?d)(?: even)? (?:care|notice)<F1> if i (?:was|"
            "were|died|disappeared|wasn'?t here|was gone|killed <SELF>)",
            "(?:nobody|no one|noone|no1|no-one) (?:would|will|'?d) (?:miss|even miss) me",
            "(?:want|wanna|need) (?:it all|everything|all of it|the pain|it|this|life) to (?:stop|end|be "
            "over)",
            "(?:give|giving|given|gave) up on (?:life|living|everything|myself)",
            "(?:life|it|living)(?:'s| is)? (?:isn'?t|is not|not|ain'?t|aint) worth (?:living|it anymore|it "
            "any more)",
            "(?:so |just |completely |totally )?done with (?:life|living|everything|it all|this life|"
            "existing|being alive)",
            "not worth living",
            "i (?:should|might as well|may as well|could just) (?:just )?(?:die|kill <SELF>|end it)",
            "(?:i'?m|i am|im) (?:just )?(?:a|such a) burden",
            "(?:jump|jumping|jumped|throw <SELF>|throwing <SELF>) (?:off (?:a|the) (?:bridge|building|roof|"
            "cliff|multi ?storey)|in front of (?:a|the) (?:train|bus|car|lorry))",
        ),
        "nobody would even notice if i was gone",
        "ideation",
        veto=followed_by(r"to (?:nobody|no one|noone|anyone)|on (?:nobody|no one|anyone)"),
    ),
    Rule(
        "suicide_ideation",
        "(?:want|wanna|wish i could|i could) (?:to )?(?:just )?(?:disappear|vanish)",
        "i hate myself and i want to disappear",
        "ideation",
        audiences=YOUTH_ONLY,
        veto=either(disappearing_for_a_while, a_song_quoted),
    ),
    Rule(
        "suicide_ideation",
        "(?:thinking|thought|think|thoughts|dreaming|fantasi[sz]ing) (?:about|of|abt) (?:dying|death|ending "
        "it|ending things|ending my life|killing (?:<SELF>|<THEIRSELF>)|suicide|not being here|taking "
        "<OD_AMOUNT>|overdosing|taking an overdose|jumping off|hanging <SELF>|not being alive|not waking up|"
        "not existing|disappearing forever|taking my (?:own )?life)",
        "I keep thinking about dying",
        "ideation",
        # "thinking about ending it with him"; advice ("if someone's told you they're thinking of suicide")
        veto=either(followed_by(r"with (?:him|her|them|my|his|the)"), ADVICE_ABOUT_ANYONE),
    ),
    Rule(
        "suicide_ideation",
        "(?:want|wants|wanted|wanting|wanna|going|trying|tried|planning|plans?|threaten(?:s|ed|ing)?) to "
        "(?:kill|hang) <THEIRSELF>",
        "my son says he wants to kill himself",
        "ideation",
        veto=ADVICE_ABOUT_ANYONE,
    ),
    Rule(
        "suicide_ideation",
        "(?:can'?t|cannot|cant) (?:go on|carry on|keep going|do this|cope|take (?:it|this)|live like this) "
        "(?:anymore|any more|any longer)",
        "i cant do this anymore",
        "ideation",
        audiences=YOUTH_ONLY,  # a warning sign from a teenager; from a tired carer, ordinary venting
    ),
    Rule(
        "self_harm",
        alternatives(r"self[ -]?harm[a-z]*", r"self[ -]?injur[a-z]*", r"self[ -]?mutilat[a-z]*"),
        "she's been self-harming",
        "ideation",
        veto=either(TOPIC, ADVICE_ABOUT_ANYONE, a_story_about_someone),
    ),
    Rule(
        "self_harm",
        "(?:want|wanna|wants|urge|urges|need|needs) to (?:cut|burn|hurt|harm|punish|scratch) (?:<SELF>|"
        "<THEIRSELF>)",
        "i want to hurt myself",
        "ideation",
        veto=ADVICE_ABOUT_ANYONE,
    ),
    Rule(
        "self_harm",
        # Hurting one's own body: "cutting herself", "I scratch my arms", "she burns her legs" (but not
        # "she scratched my arms": that is someone hurting the writer).
        alternatives(
            "<SH_VERB> (?:<SELF>|<THEIRSELF>)",
            "(?:i|i'?ve|i have|i'?m|i am|i keep|i kept|i always|i sometimes|i just|i still|i started|keep|"
            "kept|been|started|i've been) (?:been )?<SH_VERB><F1> my <PART>",
            "(?:she|he|they)(?:'s|'re| is| are| has| have| keeps| kept| has been| have been| started)? "
            "(?:been )?<SH_VERB><F1> (?:her|his|their) <PART>",
            "i (?:cut|burned|burnt|scratched|hurt|harmed|sh'd)(?: myself)? (?:again|tonight|last night|deep|"
            "deeper|too deep|today|more)",
        ),
        "she's been cutting herself",
        "ideation",
        veto=either(_ACCIDENT, ADVICE_ABOUT_ANYONE),
    ),
    Rule(
        "self_harm",
        "(?:been|is|was|'s|keeps|kept|started|starting|start|still|(?:caught|found) (?:him|her|them|me)|"
        "back to|stop|stopped|quit|quitting|keep|kept) (?:cutting|cuting|cuttin)(?: again| agen)?",
        "she's been cutting again",
        "ideation",
        veto=_CUTTING_SOMETHING,
    ),
    Rule(
        "self_harm",
        alternatives(
            "(?:cuts|scars|marks|wounds|burns|scratches)<F1> (?:on|all over|up and down|across|all up|up) "
            "<BODY>",
            "<BODY><F2> (?:covered in|full of|all) (?:cuts|scars|burns|scratches)",
        ),
        "I saw cuts on her arms",
        "ideation",
    ),
    Rule(
        "self_harm",
        alternatives(
            "(?:sh|self harm|selfharm|cutting) (?:urges|relapse|scars|marks|cuts)",
            "relapsed(?: (?:on|with))?(?: (?:sh|self harm|cutting))?",
            r"\d+ (?:days|weeks|months) (?:clean|sh free|without cutting)",
            "clean (?:from|of) (?:sh|self harm|cutting)",
        ),
        "i relapsed last night",
        "ideation",
    ),
    Rule(
        "self_harm",
        alternatives(
            "(?:razor|sharpener|pencil sharpener|craft) blades?",
            "blades? (?:out of|from) (?:a |my |the )?(?:sharpener|razor)",
            "(?:hiding|hid|hides|hidden|found|keeps|keep|took|taken|stole|stolen|nicked) (?:a |the |some |"
            "her |his |my |[a-z]+'?s )?(?:blades?|razors?)",
            "ligatures?",
        ),
        "we found razor blades hidden in his room",
        "ideation",
    ),
    Rule(
        "self_harm",
        alternatives(
            "sh['-]?ing",
            "sh['-]ed",
            "i deserve (?:to (?:die|hurt|suffer|be hurt|feel pain|be punished|bleed)|pain|it all)",
            "(?:punch|punching|punched|punches|hit|hitting|hits|bang|banging|banged|bangs) (?:the )?walls? "
            "(?:until|till|til) (?:my|his|her|their) (?:knuckles|hands|fists|head)",
            "(?:bang|banging|bangs|banged|hit|hitting|hits) (?:my|his|her|their) head (?:against|on|off) "
            "(?:the |a )?(?:wall|walls|floor|door|radiator)",
            r"(?:haven'?t|have not|not|didn'?t|stopped) (?:eaten|eat|eating)<F2> (?:in|for) (?:\d+|two|"
            r"three|four|"
            "five|days|a week)<F1> (?:on purpose|deliberately|so i|to lose|to punish)",
        ),
        "been sh'ing again",
        "ideation",
    ),
    Rule(
        "self_harm",
        "(?:tied|tying|tie|put|wrapped|wrapping) (?:something|a (?:belt|scarf|cord|rope|lace|tie|charger "
        "cable))<F1> (?:round|around) (?:my|her|his|their) neck",
        "she tied a scarf round her neck",
        "ideation",
    ),
    Rule(
        "self_harm",
        "(?:making|made|make|makes) (?:<SELF>|<THEIRSELF>) (?:sick|throw up|vomit)",
        "I've been making myself sick after meals",
        "ideation",
        veto=followed_by(r"with (?:worry|stress|laughing)|laughing"),
    ),
)
