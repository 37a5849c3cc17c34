"""Risk to life or of harm: self-harm and suicide, abuse disclosure, child-to-parent violence.

PRODUCT.md 2.7: these run on everything, a risk-to-life signal always shows the author crisis
signposts at once, and rules are stricter in young people's spaces.

The phrases are grouped by what a moderator must do about them, not by wording: "imminent" (a
stated plan, a time, an act under way: P0, fifteen minutes) against "ideation" and history (P1).
Idioms that use the same words ("I could kill for a coffee", "this homework is killing me", "cut
the grass") are not in these patterns, and a few near-misses are vetoed by the words around them.
"""

from __future__ import annotations

import re

from .lexicon import FRAGMENTS as PEOPLE
from .patterns import Rule, RuleSet, alternatives, either, followed_by, merge
from .types import Action, Doc, Hit

YOUTH_ONLY = frozenset({"youth"})
ADULT_ONLY = frozenset({"adult"})

# Body parts that make "she hurt her ..." an injury, not a person hurt ("she hurt her ankle").
_INJURY = (
    r"(?:his|her|my|their|your) (?:back|leg|legs|arm|arms|knee|knees|ankle|ankles|wrist|wrists|"
    r"feelings|shoulder|neck|head|foot|feet|hand|hands|finger|fingers|toe|toes|hip|eye)"
)

# --------------------------------------------------------------------------------------------------
# Self-harm and suicide
# --------------------------------------------------------------------------------------------------

SELF_HARM_FRAGMENTS = {
    **PEOPLE,
    # "I'm going to", "im gonna", "i've decided to", "i'll".
    "I_WILL": alternatives(
        "<IM> (?:just |really |actually |definitely |seriously |literally )?(?:going to|gonna|goin to|gunna|"
        "gna|about to|ready to|planning to|planning on|finna|gonna go and)",
        "i (?:will|shall|have decided to|decided to|plan to|am planning to)",
        "i'?ve decided to",
        "i'?ll",
    ),
    "SUICIDE_ACT": alternatives(
        "kill <SELF>",
        "kms",
        "end (?:it all|my life|my own life|everything)",
        "take my (?:own )?life",
        "top <SELF>",
        "off <SELF>",
        "unalive(?: <SELF>)?",
        "commit suicide",
        "hang <SELF>",
        "jump (?:off (?:a|the) (?:bridge|building|roof|cliff|multi ?storey)|in front of (?:a|the) (?:train|"
        "bus|car|lorry))",
        "overdose",
        "od",
        "take <OD_AMOUNT>",
        "take an? (?:overdose|od)",
        "not be (?:here|alive) (?:tomorrow|anymore|any more|much longer)",
    ),
    "SOON": alternatives(
        "tonight",
        "today",
        "tomorrow",
        "this (?:weekend|evening|afternoon|morning|week)",
        "soon",
        "in an hour",
        "after school",
        "when (?:everyone|they|mum|dad|my (?:mum|dad|parents|carers|nan))(?:'s|'re| is| are| has| have)?(?: "
        "gone)?(?: to)? (?:asleep|bed|sleep|out|away|at work)",
        "before (?:school|morning|monday|the morning)",
    ),
    # Enough of a medicine to be an overdose: "all my pills", "loads of paracetamol", "the pills".
    "OD_AMOUNT": alternatives(
        "(?:a|an) overdose",
        "an od",
        "the (?:pills|tablets)",
        "(?:all|all of|loads of|a load of|a lot of|lots of|a bunch of|a handful of|a packet of|a box of|"
        r"a bottle of|a whole (?:packet|box|bottle) of|the whole (?:packet|box|bottle)(?: of)?|too many|"
        r"too much|like \d+|\d{2,}(?: of)?|\d+ packets? of|every one of|every)"
        "(?: (?:my|me|mums?|mum's|dads?|dad's|her|his|their|the|nan's|nans|these|those|[a-z]+'s)){0,2} "
        "(?:heart )?(?:pills|tablets|"
        "paracetamol|painkillers|meds|medication|medicine|antidepressants|sleeping (?:pills|tablets)|"
        "co-?codamol|ibuprofen|aspirin|insulin)",
    ),
    "SH_VERB": alternatives(
        "cut",
        "cuts",
        "cutting",
        "cuting",
        "cuttin",
        "burn",
        "burns",
        "burning",
        "burnt",
        "burned",
        "scratch",
        "scratches",
        "scratching",
        "scratched",
        "hurt",
        "hurts",
        "hurting",
        "harm",
        "harms",
        "harming",
        "harmed",
        "hit",
        "hits",
        "hitting",
        "punch",
        "punches",
        "punching",
        "punched",
        "bite",
        "bites",
        "biting",
        "bit",
        "starve",
        "starves",
        "starving",
        "starved",
        "bang",
        "bangs",
        "banging",
        "banged",
        "stab",
        "stabbed",
        "stabbing",
    ),
    "PART": r"(?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|hips?|belly)",
    "BODY": r"(?:(?:my|her|his|their|our) (?:[a-z]+'s )?|[a-z]+'s )<PART>",
    "LIVE_ON": alternatives(
        "be here",
        "be alive",
        "live",
        "exist",
        "wake up",
        "be around",
        "carry on living",
        "go on living",
        "keep living",
        "keep going",
        "be in this world",
        "be on this earth",
    ),
}

# An accident, not self-harm: "cut myself shaving", "hurt myself at football".
_ACCIDENT = followed_by(
    r"shaving|cooking|chopping|gardening|playing|lifting|falling|doing|by accident|accidentally|"
    r"on (?:a|the|some) (?:tin|can|glass|paper|nail|fence|door|table|bramble|edge)|"
    r"at (?:football|rugby|netball|work|the gym|training|school|pe|the park)|"
    r"with (?:a|the) (?:tin|can) opener|for (?:forgetting|not|being|leaving|saying)|laughing"
)
# "cutting" as in cutting something else: vetoed unless it goes on to a body part.
_CUTTING_SOMETHING = followed_by(
    r"(?!(?:his|her|their|my) (?:arms?|legs?|wrists?|thighs?|skin|stomach))"
    r"(?:the|a|an|his|her|my|their|your|back|down|out|up|off|into|through|across|corners|class|"
    r"classes|lessons?|school|it|that|this|onions?|paper|hair|grass|ties|contact|costs|hours|sugar|"
    r"me|him|them|us|you|some|someone|people|friends|cake|wood|fabric|food|meat|carbs|teeth|out)"
)
# "dying of embarrassment", and "die" for "dye" ("wants to die his hair blue").
_IDIOM_DIE = followed_by(
    r"[\"'\u201d\u2019]?\s*(?:of (?:embarrassment|shame|cringe|boredom|laughter)|laughing|for (?:a|some|one)|"
    r"(?:his|her|my|their|your|its) (?:hair|clothes|shoes|top|jeans|fringe)|(?:it|them) (?:blue|pink|red|"
    r"black|green|purple))"
)
# "don't want to live with them" is about where, not whether, to live.
_WHERE_TO_LIVE = followed_by(
    r"here|there|in|with|at|near|abroad|like|to|him|her|them|people|you|on|for|into|without|the|a|an|"
    r"my|our|his|their|this|that|somewhere|anywhere|home|school|round|over|alone|together|next|out|off|from"
)

# "I'm going to jump" is a plan; "going to jump on the trampoline" is not.
_JUMP_SOMEWHERE = followed_by(r"(?!(?:off|from|tonight|now|today|in front)\b)[a-z]+")
# "I need to cut" alone is self-harm; "I need to cut his hair" is not.
_CUT_SOMETHING = followed_by(
    r"(?!(?:again|tonight|now|today|deep|deeper|more|so|myself|my (?:arms?|legs?|wrists?|thighs?|skin|"
    r"stomach))\b)"
    r"[a-z]+"
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
            "(?:(?:my|me|her|his|their|the|some|all|[a-z]+'s) ){0,2}(?:sleeping )?(?:pills|tablets|meds|"
            "medication|paracetamol|painkillers|insulin)",
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
        veto=followed_by(r"(?:until|till|til|before|early|for|in time|on time)"),
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
        veto=followed_by(r"prevention|awareness|squad|door|doors|blonde|silence|rates?|statistics|training"),
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
        veto=_IDIOM_DIE,
    ),
    Rule(
        "suicide_ideation",
        "wish (?:i|id|i'd) (?:wasn'?t|weren'?t|was not|were not|had not been|hadn'?t been|had never been|"
        "never been|never existed|not been|was never|were never|never was|could disappear|could just "
        "disappear|didn'?t exist|did not exist|could sleep forever|could go to sleep and not wake up)(?: "
        "(?:here|alive|born|around|anymore))?",
        "I sometimes wish I wasn't here",
        "ideation",
    ),
    Rule(
        "suicide_ideation",
        "(?:don'?t|do not|dont|didn'?t|doesn'?t|does not|doesnt|no longer|never) (?:want|wanna|wish) (?:to "
        ")?<LIVE_ON>(?: anymore| any more| tomorrow)?",
        "i dont want to be alive anymore",
        "ideation",
        # Only "live" can be about where ("don't want to live with them"); "be alive at christmas" is not.
        veto=lambda text, start, end: (
            text[start:end].endswith(("live", "living")) and _WHERE_TO_LIVE(text, start, end)
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
    ),
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:tried|try|trying|attempted|attempt|attempts|attempting) (?:to )?(?:kill|hang|end|take) "
            "(?:<SELF>|<THEIRSELF>|(?:my|his|her|their) (?:own )?life)",
            "(?:suicide|suicidal) (?:attempt|attempts|thoughts|ideation|feelings)",
            "attempted suicide",
            "(?:overdosed|(?:od'd|oded|od-ed))",
            "(?:took|taken|take|taking) (?:an|another) (?:overdose|od)",
            "(?:an|the|her|his|my|another) overdose",
        ),
        "she tried to kill herself last year",
        "ideation",
    ),
    Rule(
        "suicide_ideation",
        "(?:tired|sick) of (?:living|being alive|existing|life)",
        "i'm so tired of living",
        "ideation",
        veto=_WHERE_TO_LIVE,
    ),
    Rule(
        "suicide_ideation",
        "(?:swallowed|took|taken|had|necked|downed) <OD_AMOUNT>",
        "she swallowed a load of pills",
        "ideation",
        veto=followed_by(
            r"out|to count|back|away|off|from|for (?:a|her|his|my) (?:headache|cold|period|migraine)|"
            r"for the (?:week|day|month)|into|as prescribed"
        ),
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
    ),
    Rule(
        "suicide_ideation",
        "(?:thinking|thought|think|thoughts|dreaming|fantasi[sz]ing) (?:about|of|abt) (?:dying|death|ending "
        "it|ending things|ending my life|killing (?:<SELF>|<THEIRSELF>)|suicide|not being here|taking "
        "<OD_AMOUNT>|overdosing|taking an overdose|jumping off|hanging <SELF>|not being alive|not waking up|"
        "not existing|disappearing forever|taking my (?:own )?life)",
        "I keep thinking about dying",
        "ideation",
    ),
    Rule(
        "suicide_ideation",
        "(?:want|wants|wanted|wanting|wanna|going|trying|tried|planning|plans?|threaten(?:s|ed|ing)?) to "
        "(?:kill|hang) <THEIRSELF>",
        "my son says he wants to kill himself",
        "ideation",
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
    ),
    Rule(
        "self_harm",
        "(?:want|wanna|wants|urge|urges|need|needs) to (?:cut|burn|hurt|harm|punish|scratch) (?:<SELF>|"
        "<THEIRSELF>)",
        "i want to hurt myself",
        "ideation",
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
        veto=_ACCIDENT,
    ),
    Rule(
        "self_harm",
        "(?:been|is|was|'s|keeps|kept|started|starting|start|still|caught (?:him|her|them)|found (?:him|her|"
        "them)|back to|stop|stopped|quit|quitting|keep|kept) (?:cutting|cuting|cuttin)(?: again| agen)?",
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

# --------------------------------------------------------------------------------------------------
# Abuse disclosure
# --------------------------------------------------------------------------------------------------

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
_NOT_VIOLENCE = followed_by(
    r"up (?:on|via|over|sometime|later|when|if|tomorrow|tonight|anytime|any time|for|with|about)|"
    r"at (?:fifa|fortnite|chess|football|cards|games?|the game|a game|pool|darts|racing|tennis|"
    r"uno|monopoly|everything)|in (?:a |the )?(?:race|game|match|quiz)|to it|back with|"
    r"with (?:a|the) (?:ball|snowball|pillow)|"
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
        veto=_NOT_VIOLENCE,
    ),
    Rule(
        "child_abuse",
        "<ABUSER_ADULT_SPACE><F2> (?:<AUX> )?<HARM><F1> <VICTIM_CHILD>",
        "my partner hits the kids when he's drunk",
        audiences=ADULT_ONLY,
        veto=_NOT_VIOLENCE,
    ),
    Rule(
        # An adult disclosing abuse of themselves by a partner or relative. Children living with
        # domestic abuse are victims of it in their own right (Domestic Abuse Act 2021).
        "domestic_abuse",
        "<ABUSER_ADULT_SPACE><F2> (?:<AUX> )?<HARM><F1> (?:me|us)",
        "my husband hits me",
        audiences=ADULT_ONLY,
        veto=_NOT_VIOLENCE,
    ),
    Rule(
        "abuse_disclosed",
        "(?:i was|i got|i'?m being|i am being|i'?ve been|i have been|i been|i keep getting|i get) "
        "(?:sexually |physically )?(?:abused|raped|molested|assaulted|groomed|beaten|hit|touched|attacked|"
        "beaten up|battered|hurt by|exploited)",
        "i've been abused",
        audiences=YOUTH_ONLY,
        veto=followed_by(r"by (?:a|the) (?:ball|car)|in (?:the|a) (?:game|match)|on the head by a ball"),
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
    ),
)

# --------------------------------------------------------------------------------------------------
# Child-to-parent violence
# --------------------------------------------------------------------------------------------------

CPV_FRAGMENTS = {
    **PEOPLE,
    # In a carers' space, "he" and "she" in a story of violence are nearly always the child.
    "CHILD_SUBJECT": alternatives("<MY_CHILD>(?:'s|'ll|'d)?", "(?:he|she|they)(?:'s|'re|'ve|'d|'ll)?"),
    "HIT_BY_CHILD": alternatives(
        "hit",
        "hitting",
        "punched",
        "punching",
        "kicked",
        "kicking",
        "slapped",
        "slapping",
        "pushed",
        "pushing",
        "shoved",
        "shoving",
        "attacked",
        "attacking",
        "hurt",
        "hurting",
        "bit",
        "biting",
        "scratched",
        "scratching",
        "strangled",
        "headbutted",
        "head butted",
        "went for",
        "lashed out at",
        "lashing out at",
        "threw (?:[a-z]+ ){0,3}at",
        "throwing (?:[a-z]+ ){0,3}at",
        "throws? (?:[a-z]+ ){0,3}at",
    ),
    "STRIKE": alternatives(
        "punch(?:es|ed|ing)?",
        "kick(?:s|ed|ing)?",
        "hit(?:s|ting)?",
        "slap(?:s|ped|ping)?",
        "bit",
        "bites?",
        "biting",
        "bitten",
        "headbutt(?:s|ed|ing)?",
        "head ?butt(?:s|ed|ing)?",
        "strangl(?:e|es|ed|ing)",
        "chok(?:e|es|ed|ing)",
        "scratch(?:es|ed|ing)?",
        "push(?:es|ed|ing)?",
        "shov(?:e|es|ed|ing)",
        "thump(?:s|ed|ing)?",
        "whack(?:s|ed|ing)?",
        "smack(?:s|ed|ing)?",
        "attack(?:s|ed|ing)?",
        "assault(?:s|ed|ing)?",
        "batter(?:s|ed|ing)?",
        "beat(?:s|ing)?",
        "beat up",
        "hurt(?:s|ing)?",
        "elbow(?:s|ed|ing)?",
        "pinch(?:es|ed|ing)?",
        "throttl(?:e|es|ed|ing)",
        "pin(?:s|ned|ning)",
        "grab(?:s|bed|bing)?",
        "drag(?:s|ged|ging)?",
        "trip(?:s|ped|ping)?",
        "lash(?:es|ed|ing)? out at",
        "(?:went|goes|go|going) for",
        "(?:came|comes|coming) at",
        "lunged at",
        "lunges at",
        "flew at",
        "flies at",
        "spat (?:at|on|in)",
        "spit(?:s|ting)? (?:at|on)",
        "kicks? off at",
        "kicked off at",
    ),
    "VICTIM_CARER": alternatives(
        "me",
        "us",
        "(?:my|our) face",
        "my (?:<PARTNER>|mum|mom|dad|nan|mother|father|mam|gran|grandma|grandad|husband|wife)",
        "(?:his|her|their) (?:mum|mom|dad|mam|nan|mother|father|gran|grandma|grandad|carers?|parents?|"
        "adoptive (?:mum|dad|parents?))",
    ),
    "WEAPON": alternatives(
        "knife",
        "knives",
        "kitchen knife",
        "bat",
        "hammer",
        "scissors",
        "stick",
        "fork",
        "weapon",
        "screwdriver",
    ),
}

# "My grandson is being hit at his dad's": the child is the one being hurt (abuse, not CPV).
_PASSIVE_VERB = re.compile(
    r"\b(?:being|been|gets|got|get)\s+(?:hit|punched|kicked|slapped|smacked|bitten|bit|attacked|hurt|pushed|"
    r"shoved|scratched|strangled|beaten|beat|grabbed|dragged|headbutted|thumped|whacked|battered|assaulted)\b"
)
_OTHER_SUBJECT = re.compile(r"\b(?:he|she|they|someone|somebody)\b")


def _passive(text: str, start: int, end: int) -> bool:
    """ "My grandson is being hit at his dad's": the child is the one hurt (abuse, not CPV)."""
    return _PASSIVE_VERB.search(text, start, end) is not None


def _someone_else(text: str, start: int, end: int) -> bool:
    """ "If I tell anyone he'll hurt my mum": another person does the hitting."""
    return _OTHER_SUBJECT.search(text, start, end) is not None


CPV_RULES = (
    Rule(
        "child_to_parent_violence",
        "<CHILD_SUBJECT><F3> <STRIKE>(?: (?:and|&) <STRIKE>)?<F1> <VICTIM_CARER>",
        "my son punched me again",
        audiences=ADULT_ONLY,
        veto=either(
            _NOT_VIOLENCE,
            followed_by(r"with (?:his|her) (?:homework|feelings|words)|with what|by saying"),
            _passive,
        ),
    ),
    Rule(
        "child_to_parent_violence",
        "(?:i'?ve been|i have been|i was|i got|i get|we'?ve been|we were|we get|we got|i keep getting) "
        "(?:hit|punched|kicked|attacked|bitten|assaulted|headbutted|scratched|strangled|hurt|slapped|"
        "threatened) by (?:my|our) (?:<CHILD_AGE> )?<CHILD>",
        "I've been hit by my daughter three times this week",
        audiences=ADULT_ONLY,
    ),
    Rule(
        "child_to_parent_violence",
        "<CHILD_SUBJECT><F2> (?:threw|throws|throwing|chucked|chucks|chucking|lobbed|hurled|launched|"
        "flung)<F4> (?:at|towards) (?:me|us|my (?:head|face|<PARTNER>))",
        "she threw a chair at me",
        audiences=ADULT_ONLY,
    ),
    Rule(
        "child_to_parent_violence",
        "<CHILD_SUBJECT><F2> (?:smashed|smashes|smashing|trashed|trashes|trashing|wrecked|wrecks|destroyed|"
        "kicked in|punched|punches|put (?:his|her) (?:fist|foot) through)<F2> (?:the|our|his|her|my|a) "
        "(?:house|room|bedroom|kitchen|door|doors|wall|walls|window|windows|tv|telly|car|furniture|hole)",
        "he trashed his room and smashed the door",
        audiences=ADULT_ONLY,
    ),
    Rule(
        "child_to_parent_violence",
        "<CHILD_SUBJECT><F2> (?:smashed|hit|whacked|broke|cracked|brought|slammed|threw)<F2> (?:over|on|"
        "across|against|into|at) (?:my|our) (?:head|face|back|arm|arms|hand|hands|leg|legs|nose|chest)",
        "my daughter smashed a mug over my head",
        audiences=ADULT_ONLY,
    ),
    Rule(
        "child_to_parent_violence",
        alternatives(
            "<CHILD_SUBJECT><F2> (?:threatened|threatens|threatening|said (?:he'?d|she'?d|he would|she would|"
            "he'?ll|she'?ll|they'?d)|says (?:he'?ll|she'?ll|he'?s going to|she'?s going to)|screamed "
            "(?:he'?d|she'?d)|keeps saying (?:he'?ll|she'?ll))<F1> (?:to )?(?:kill|stab|hurt|hit|batter|"
            "smash|punch|burn|attack)<F1> (?:me|us|my|the house|everyone)",
            "(?:came|come|comes|went|goes|coming) (?:at|for) (?:me|us) with (?:a|the|his|her) <WEAPON>",
            "threatened (?:me|us) with (?:a|the|his|her) <WEAPON>",
            "(?:grabbed|got|took|picked up|holding|held|waving) (?:a|the) <WEAPON><F3> (?:at|to|towards) "
            "(?:me|us|my)",
        ),
        "he threatened to stab me",
        audiences=ADULT_ONLY,
    ),
    Rule(
        "child_to_parent_violence",
        alternatives(
            "child (?:to|on) parent (?:violence|abuse|aggression)",
            "adolescent (?:to|on) parent (?:violence|abuse)",
            "cpv",
            "apv",
            "cpva",
            "(?:physically |verbally )?(?:violent|abusive|aggressive) (?:towards|to|at|with) (?:me|us|his "
            "(?:mum|dad|parents|family|siblings)|her (?:mum|dad|parents|family|siblings))",
            "(?:scared|afraid|frightened|terrified) of (?:my|our) (?:own )?(?:<CHILD>|teenager)",
            "(?:locked|lock|hid|hide|hiding|barricaded) (?:myself|ourselves)<F1> in (?:the|my|our) "
            "(?:bathroom|bedroom|car|room|loo|toilet)",
            "(?:physical|verbal) (?:violence|aggression|attacks?|assaults?) (?:from|by) (?:my|our|him|her|"
            "them)",
            "<CHILD_SUBJECT>(?:'s| is| are|'re| has been| gets| can be| became| becomes| getting| got| has "
            "become| is becoming| has got| has gotten) (?:so |very |really |more |increasingly |quite |"
            "extremely )?(?:violent|aggressive)",
        ),
        "we're living with child to parent violence",
        audiences=ADULT_ONLY,
    ),
    Rule(
        # The young person's own account: "I hit my mum", "I lost it and punched my dad".
        "child_to_parent_violence",
        # Young people often drop the "I" at the start of a message: "pushed my mum over".
        "(?:i<F4> |^)<HIT_BY_CHILD> my (?:<CARER>)",
        "I lost it and hit my mum",
        # ... but not "if i tell anyone he'll hurt my mum": someone else does the hitting there.
        veto=either(followed_by(r"'s (?:car|phone)|up"), _someone_else),
    ),
)


# --------------------------------------------------------------------------------------------------
# The families
# --------------------------------------------------------------------------------------------------


# A past experience told as over ("I used to self harm when I was 12, two years clean now, it gets
# better"; "I was suicidal at 19, I'm 34 now"): people share these to give others hope, and holding
# them silences exactly the voices a young person needs to hear. Only when the message has a past
# marker and a recovery marker and nothing that sounds current ("again", "lately", "tonight",
# "still", "want to", "scared"...). Even then it is not let go unseen: allowed, with signposts,
# and queued at P3 for a moderator to read.
_PAST = re.compile(
    r"\b(?:used to|when i was (?:younger|little|a (?:kid|child|teen|teenager)|\d+|in care|at school|"
    r"in year)|(?:years|months) ago|years back|at (?:1\d|2\d)\b|as a (?:kid|teen|teenager)|back then|"
    r"in my (?:teens|twenties|youth)|decade|"
    r"back in|(?:19|20)\d\ds?\b|last year)"
)
_RECOVERED = re.compile(
    r"\b(?:now|anymore|any more|clean|haven'?t (?:in|since|for)|gets? (?:better|easier)|got help|"
    r"got better|recovered|recovery|doing (?:\w+ )?better|happier|happy|good place|came through|"
    r"come through|through it|hope is real|it passed|(?:\d+|two|three|four|five|ten|fifteen|twenty) years? "
    r"(?:clean|free|later|on)|(?:self[- ]?harm|sh) free|free (?:of|from) it|proud)\b"
)
_CURRENT = re.compile(
    r"\b(?:again|relapsed?|relapsing|started|starting|back to|still|lately|recently|tonight|today|"
    r"right now|rn|this week|last night|want to|wanna|going to|gonna|plan|planning|cant|can't|scared|"
    r"help me|struggling|urges?|thinking about|keep)\b"
)
RECOVERED_PRIORITY = 3


def recovered_experience(text: str) -> bool:
    """``text`` (folded) tells a self-harm or suicidal past as over, with nothing current in it."""
    return bool(_PAST.search(text) and _RECOVERED.search(text) and not _CURRENT.search(text))


class SelfHarm:
    """Always held; imminent intent is P0, ideation and history P1. Signposts come from the engine.
    A past experience told as over (``recovered_experience``) is allowed with signposts and queued
    at P3 instead."""

    category = "self_harm"

    def __init__(self) -> None:
        self.rules = RuleSet(SELF_HARM_RULES, SELF_HARM_FRAGMENTS, self.category)

    def scan(self, doc: Doc) -> list[Hit]:
        found: list[tuple[str, int, int, int, Action]] = [
            (f.rule.label, f.start, f.end, 0 if f.rule.level == "imminent" else 1, "hold")
            for f in self.rules.find(doc.norm.text, doc.norm.data, doc.audience, doc.vetoed)
        ]
        if found and recovered_experience(doc.norm.text):
            found = [(label, a, b, RECOVERED_PRIORITY, "allow") for label, a, b, _, _ in found]
        return merge(self.category, found)


class AbuseDisclosure:
    """Held: P0 from a young person (they may be at risk now), P1 from an adult."""

    category = "abuse_disclosure"

    def __init__(self) -> None:
        self.rules = RuleSet(ABUSE_RULES, ABUSE_FRAGMENTS, self.category)

    def scan(self, doc: Doc) -> list[Hit]:
        priority = 0 if doc.audience == "youth" else 1
        found: list[tuple[str, int, int, int, Action]] = [
            (f.rule.label, f.start, f.end, priority, "hold")
            for f in self.rules.find(doc.norm.text, doc.norm.data, doc.audience, doc.vetoed)
        ]
        return merge(self.category, found)


class ChildToParentViolence:
    """Everyday, legitimate peer-support talk among carers: allowed in adult spaces but reported
    (P2) so moderators can offer support (004 names child-to-parent violence among the needs
    adoption support must meet); held (P1) when a young person writes about it."""

    category = "child_to_parent_violence"

    def __init__(self) -> None:
        self.rules = RuleSet(CPV_RULES, CPV_FRAGMENTS, self.category)

    def scan(self, doc: Doc) -> list[Hit]:
        action: Action = "hold" if doc.audience == "youth" else "allow"
        priority = 1 if doc.audience == "youth" else 2
        found: list[tuple[str, int, int, int, Action]] = [
            (f.rule.label, f.start, f.end, priority, action)
            for f in self.rules.find(doc.norm.text, doc.norm.data, doc.audience, doc.vetoed)
        ]
        return merge(self.category, found)
