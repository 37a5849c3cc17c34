"""Risk to life said in ways the other self-harm tables do not read (issue #12, ninth round).

The ideas behind the development messages of self-harm or worry about a friend still not held at P0/P1
with the crisis signposts, one concept per rule (each rule's comment names it), each with its look-alikes
vetoed beside it; a context a rule only needs is a ``needs``, so the classifier still reads the sentence.
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, Veto, alternatives, either, followed_by, near, preceded_by
from .self_harm_plans import _MEANS_OR_DEATH
from .self_harm_signs import _ordinary_leaving


def _around(words: str, window: int) -> Veto:
    """A check: one of ``words`` (alternatives, as a regex) within ``window`` characters of the match."""
    compiled = re.compile(r"\b(?:" + words + r")\b")
    return lambda text, start, end: near(compiled, text, start, end, window)


# Despair near a plan or a time: what makes "I've got a plan for Friday" not a night out.
_DESPAIR = (
    r"ruined|burden|hate myself|better off|worthless|useless|mistake|no point|pointless|can'?t do this|done|"
    r"(?:he'?s|she'?s|they'?re) right|(?:nobody|no one) (?:cares|wants)|had enough|gutful|(?:sick|tired) of "
    r"(?:me|it|it all|everything|life|living)"
)
_DESPAIR_NEAR, _DESPAIR_CLOSE = _around(_DESPAIR, 150), _around(_DESPAIR, 120)
_A_DAY_NEAR = _around(r"tonight|tomorrow|friday|saturday|sunday|this weekend", 80)
_LAST_THINGS = _around(r"delete everything|give \w+ (?:the|my)|goodbye|letters?", 120)
# Ordinary things a person is "done" with or sorry about: homework, a chore, a late reply.
_DONE_ORDINARY = _around(
    r"homework|essay|coursework|revision|exam|test|chores?|dishes|washing|hoovering|tidying|room|"
    r"shift|work|dinner|tea|food|eating|shopping|form|forms|application|painting|drawing|level|game|"
    r"quest|match|run|workout|gym|swim|reply|late|spam|typo|wait|delay|waffle|rant|long post|moan|lol|"
    r"lmao|haha|yay|woo+|finally|finished it|all done|well done|done it|done that",
    60,
)
# Tired of a thing, not of living: the heat, a cold, the paperwork.
_TIRED_OF_A_THING = _around(
    r"heat|weather|cold|flu|covid|bug|school run|traffic|noise|queue|paperwork|meetings?|emails?|"
    r"forms?|appointments?|this (?:heat|rain|snow|week|month)|the (?:heat|rain|snow|kids|school)",
    60,
)
# Hurt told with its ordinary cause: a sport, a fall, shaving, the garden, cooking.
_ORDINARY_INJURY = _around(
    r"rugby|football|hockey|netball|fell|fall|falling|accident|accidentally|bike|scooter|skateboard|"
    r"trampoline|grazes?|shaving|shave|garden|brambles|thorns?|cooking|baking|nosebleeds?|nose|gums|teeth|"
    r"tooth|brace|braces|period|not on purpose|didn'?t mean|by mistake",
    60,
)
# Scared of what one will do with a future or to someone else: "... with my life", "... to him".
_SCARED_OF_A_FUTURE = followed_by(
    r"with (?:my|me) life|for (?:a )?(?:job|career|work|uni|college|a living)|after (?:school|uni|college|"
    r"exams|sixth form|year \d+|gcses|a levels)|about (?:uni|college|school|work|money)|next|"
    r"to (?:him|her|them|my (?:ex|brother|sister|dad|mum|mam|stepdad|stepmum|teacher)|that (?:boy|girl|"
    r"lad|man|woman))|if (?:i (?:see|meet|bump into)|he|she|they)|in (?:the|my|an?) |at |on (?:the|my) |when|"
    r"tomorrow|for (?:the|my|an?) "
)
# Talked out of a purchase or a plan: "talk me out of buying another plant", "... a fringe".
_TALKED_OUT_OF_ORDINARY = _around(
    r"buy\w*|order\w*|shop\w*|dress|shoes|trainers|takeaway|pizza|puppy|kitten|tattoo|piercing|"
    r"fringe|haircut|hair|dye|quitting|resign\w*|booking|holiday|car|phone|sale|basket|cart|lol|haha",
    60,
)
# A crisis service named in work, training or advice, or an assessment of another kind.
_SERVICE_AS_WORK_OR_ADVICE = _around(
    r"work|worked|working|volunteer\w*|training|trained|course|job|shift|colleague|manager|"
    r"if (?:you|u|anyone|any1|your|ur)|you can (?:ring|call|text)|number (?:for|is)|details|leaflet|"
    r"poster|info|information|recommend|signpost\w*|research|student|placement|nursing|nurse|"
    r"asd|autism|autistic|adhd|ehcp|needs assessment|hearing|eyes?|x-?ray|broken|fracture|sprain\w*|"
    r"food|money|weather|roads?|snow|heating|sleepover|camping|dinner",
    80,
)
_POISONS = (
    r"antifreeze|bleach|weedkiller|weed killer|rat poison|poison|paraquat|screenwash|screen wash|"
    r"drain cleaner|white spirit|lighter fluid|methanol|paracetamol|pills|tablets"
)
_MEANS_NEAR = _around(
    r"bridge|car park|multi ?storey|tower|block|building|roof|cliffs?|viaduct|quarry|flats|balcony|"
    r"top floor|window|ledge|pier|crane|spire|beam|rafter|banister|bannister|loft hatch|hook|rail|"
    r"door frame|tree|branch|pipe|rope|belt|scarf|cord|cable|ligature|cut|cuts|cutting|wrists?|arm|"
    r"blade|razor|" + _POISONS,
    160,
)
# A means near a question about it; building work on a beam, or a pet or toddler that swallowed something.
_BUILDING_OR_ACCIDENT = either(
    _around(
        r"loft conversion|builders?|surveyor|joists?|plaster\w*|ladder|shelf|shelves|swing|hammock|"
        r"punch ?bag|pull ?up bar|tv|telly|mirror|picture|frame|weight of the|new floor",
        80,
    ),
    _around(
        r"dog|cat|puppy|kitten|pet|toddler|baby|little one|(?:my|our) (?:son|daughter|boy|girl) "
        r"(?:drank|ate|swallowed)|by accident|accidentally|child ?proof|poisons? (?:unit|centre)|111",
        100,
    ),
)
# A beloved thing passed on in everyday life (outgrown, minded for a trip), or letters for a season.
_ORDINARY_GIFT = either(
    _around(
        r"outgrown|grown out|too (?:small|big|tight)|don'?t fit|doesn'?t fit|never wear|don'?t wear|"
        r"new one|upgrad\w*|clear(?:ing)? out|declutter\w*|no room|moving|charity shop run|spring clean|"
        r"for her birthday|for his birthday|hand ?me ?downs?|thank you|thank-you|christmas|xmas|wedding|"
        r"pen ?pal|time capsule|school project|leavers?|retirement|secret santa|santa|lol|so sweet|cute",
        80,
    ),
    _around(
        r"while|when (?:he'?s|she'?s|they'?re) (?:away|on)|holiday|weekend|week|trip|away|camp|"
        r"op(?:eration)?|working|shift|tonight|tomorrow|for a (?:few|couple)|for (?:the|a) (?:night|day)",
        60,
    ),
)
_NEVER_BEFORE = _around(
    r"never (?:asked|did)|out of nowhere|i'?m gone|(?:don'?t|not) open|better off|sorry", 150
)
_SHUT_IN = _around(r"door'?s? (?:is )?(?:shut|closed|down)|engine (?:running|on)|hose|pipe|locked", 100)
_SIGHTSEEING = _around(
    r"fireworks|views?|photos?|sunset|sunrise|walk the dog|dog walk|geocach\w*|climbing club|scouts|guides|"
    r"fossils?|trainspotting|platform|tickets?|radio|podcast|peace and quiet|fixing|mechanic|mot|charging",
    100,
)
_CRISIS_SERVICE = _around(r"crisis (?:line|team|service)s?|samaritans|home treatment", 100)
_HIDDEN = _around(r"sleeves|tap running|running the tap|locked|says? (?:he'?s|she'?s) fine|hiding|hides", 160)
_FAREWELL_END = re.compile(
    r"(?:sorry|soz|sry|bye|goodbye|love you|love u|forgive me|on me|myself|life|living|everything|people|"
    r"anyone|childline|samaritans)$"
)


def _ends_or_farewell(text: str, start: int, end: int) -> bool:
    """A short message whose match ends its sentence, or itself ends with a farewell ("done. sorry")."""
    ends = _FAREWELL_END.search(text, start, end) or re.match(r"\s*(?:$|[.!])", text[end:])
    return len(text) <= 160 and ends is not None


SELF_HARM_UNSEEN_RULES = (
    Rule(
        # Not being missed: "if I vanished nobody would even notice", "wonder whether I'd be missed".
        "suicide_ideation",
        alternatives(
            "if (?:i|he|she|they) (?:went|go|goes|was|were) (?:missing|gone|awol)<F4> (?:no ?one|nobody|"
            "no1|noone|anyone)(?:'s| is| would| will| wud| d)?(?: even)? (?:notice|miss|look|care|realise|"
            "realize|know|gonna|going to)",
            "if (?:i|he|she) (?:dip|dipped|disappeared|vanished|disappear|vanish|died|wasn'?t here|weren'?t "
            "here|was not here)<F4> (?:no ?one|nobody|no1|noone)(?:'s| is| would| will| wud| d)?(?: even)? "
            "(?:notice|miss|look|care|realise|realize|gonna|going to)",
            "(?:no ?one|nobody|no1|noone) (?:would|will|wud|'?d)(?: even)? (?:care|notice|miss (?:me|her|"
            "him)) if (?:i|he|she) (?:was|were|went|wasn'?t|weren'?t) (?:gone|missing|dead|not here|here)",
            "whether (?:they'?d|i'?d|anyone would|i would|people would) (?:be )?miss(?:ed|ing me|ing)?",
            "how long (?:before|until|till) (?:anyone|anybody|people|someone) (?:would )?(?:noticed?|"
            "missed? me|found me|realised)",
        ),
        "if i vanished nobody would even notice till monday",
        "ideation",
        veto=followed_by(
            r"(?:the|that|my|if i (?:skipped|missed|left|didn'?t))\b(?! (?:for|till|until))|"
            r"(?:it|me) (?:at|in) (?:school|class|work|the party)|lol|haha|tbh i'?d love"
        ),
    ),
    Rule(
        # Not around to see it, or a silence explained ahead: "if you don't hear from me, you'll know why".
        "suicide_ideation",
        alternatives(
            "(?:won'?t|wont|will not|not going to|not gonna) be (?:around|here|alive) (?:to see|to find "
            "out|to know|to watch) (?:it|that|them|how|what|the (?:end|results?|day))",
            "if (?:i|u|you) (?:don'?t|dont|do not|never) (?:hear from me|see me (?:on|online)|reply|answer|"
            "respond|post|message|come (?:on|online)|wake up)<F4>,? (?:you'?ll|you|u|yall|y'all|you all|"
            "everyone) (?:know|knows|will know|'?ll know) why",
        ),
        "if you don't hear from me after tonight, you'll know why",
        "ideation",
        veto=either(
            _ordinary_leaving,
            _around(
                r"record|film|video|photos?|send me|tell me|holiday|abroad|away|working|shift|uni|retire\w*|"
                r"old|older|grandkids|in 20|in fifty|century|2100|planet|have fun|enjoy|good luck",
                80,
            ),
        ),
    ),
    Rule(
        # Stopping being a burden by going: "she's going to stop being the problem", "a drain on everyone".
        "suicide_ideation",
        alternatives(
            "(?:i'?m|im|i am|i'?ll|ill|i will|she'?s|he'?s|shes|hes) (?:going to|gonna|gunna|just going "
            "to|gonna just) stop being (?:a|the|their|everyone'?s|every1s) (?:problem|burden|bother|"
            "drain|waste|weight|trouble|worry)",
            "doing (?:everyone|everybody|every1|them|you all|yous|the world|the family) a favour by "
            "(?:going|leaving|disappearing|not being (?:here|around)|being gone|dying|ending it)",
            "(?:let|leave) (?:everyone|everybody|every1|them all|you all|the family) (?:to )?get on "
            "without me",
            "(?:i'?m|im|i am) (?:just )?(?:a|such a) (?:drain|burden|weight) on (?:everyone|everybody|"
            "every1|them|the family|my family|you all)",
            "(?:i'?m|im|i am) (?:just |such )?a drain",
        ),
        "she's going to stop being the problem for everyone",
        "ideation",
        veto=either(
            followed_by(
                r"in (?:class|lessons?|school)|at (?:school|home|work)|and (?:get|start|help|do|tidy)|by "
                r"(?:getting|doing|helping|tidying|paying|cooking)|to (?:bed|sleep|the|my|his|her|work|"
                r"school|uni)|home|early|first|out|on (?:the|my) (?:battery|phone|budget|bank)|"
                r"(?:for|on) the (?:nhs|economy|taxpayer|system)"
            ),
            _around(r"battery|bank account|budget|job|chores|tidy|pay my way|rent|energy bill|charger", 60),
        ),
    ),
    Rule(
        # Not able to keep going, however spelt: "don't fink i can carry on".
        "suicide_ideation",
        "(?:don'?t|dont|do not) (?:think|fink|fnk|know if|no if) (?:i|i'?ll) (?:can|could) (?:keep goin|"
        "keep going|keep on|go on|carry on|do this any ?more|last)",
        "honestly dont fink i can carry on",
        "ideation",
        veto=either(
            followed_by(
                r"to|with|like this with|on (?:holiday|the|a|my)|back|for|without (?:coffee|sleep|tea)|"
                r"in (?:this|the|that) (?:heat|job|house|school)|at (?:this|that|the)"
            ),
            _TIRED_OF_A_THING,
        ),
    ),
    Rule(
        # The same with a farewell in the match (so what follows is not an errand): "can't any more. bye x".
        "suicide_ideation",
        alternatives(
            "(?:i )?(?:just )?(?:can'?t|cant|cannot) (?:do it |do this )?any ?more[.!,]* (?:love|bye|sorry|"
            "goodbye|xx+|take care|thank you|thanks)",
            "(?:can'?t|cant|cannot) (?:keep goin|keep going|go on)[.!,]* (?:love|bye|sorry|goodbye|xx+|"
            "take care|tell (?:my|mum|mam|dad|everyone))",
        ),
        "cant do this any more. bye x",
        "ideation",
        needs=lambda text, start, end: not _TIRED_OF_A_THING(text, start, end),
    ),
    Rule(
        # Done, with a farewell or a time, in a short message: "done. bye", "tonight. i'm done".
        "suicide_ideation",
        alternatives(
            "(?:i'?m |im |i am |so |all )?done[.!,]* (?:sorry|soz|sry|bye|goodbye|love you|love u|"
            "i'?m sorry|forgive me)",
            "(?:tonight|today|now)[.!,]* (?:i'?m )?done",
            "done (?:pretending|trying|reaching|fighting it)",
            "give up[.!]*,? on(?: \\w+,?){0,8} on (?:me|myself|life|living|everything)",
            "(?:i'?m|im|i am) (?:way )?past (?:ringing|calling|talking to|texting) (?:people|anyone|"
            "childline|samaritans)",
        ),
        "tonight. i'm done.",
        "ideation",
        audiences=YOUTH_ONLY,
        needs=_ends_or_farewell,
        veto=either(
            _DONE_ORDINARY,
            followed_by(r"for|about|if|it took|to keep|i'?ll|ill|will|back|see|brb|talk"),
            preceded_by(r"we'?re|we are|they'?re|you'?re|ur|u r|are you|r u"),
        ),
    ),
    Rule(
        # Asking to be stopped: "afraid of what I might do", "talk me down", thoughts saying jump.
        "suicide_ideation",
        alternatives(
            "(?:scared|afraid|frightened|terrified) (?:of|about) what (?:i'?m|im|i am|i|i'?ll|ill|i might) "
            "(?:going to|gonna|might|will|could|about to)? ?(?:do|doing)(?: to myself)?",
            "(?:need|want|needs|wants) (?:someone|somebody|sum1|sumone|some1|anyone|anybody) to talk (?:me|"
            "him|her) (?:out of|down from) (?:something|it|this|doing it|doing something)",
            "(?:thoughts|voices?|head|brain|mind)<F3> (?:tell|tells|telling|told|keep telling|keeps telling) "
            "(?:me|him|her|them) to (?:jump|kill|hurt|die|cut|end|hang|drown|step)",
        ),
        "someone answer pls, afraid of what i might do",
        "ideation",
        veto=either(
            _SCARED_OF_A_FUTURE,
            _TALKED_OUT_OF_ORDINARY,
            followed_by(
                r"in(?:to)? (?:the )?(?:pool|water|sea|lake)|for joy|on (?:the|a) trampoline|up\b|ship"
            ),
        ),
    ),
    Rule(
        # Rather dead than be here: "sooner be dead than keep going".
        "suicide_ideation",
        "(?:rather|sooner) (?:be dead|die|not exist|not be alive|not wake up|be gone) than (?:be here|be "
        "alive|live like this|keep living|keep going|go on|carry on|stay (?:here|alive)|wake up)",
        "i'd sooner be dead than keep going",
        "ideation",
        veto=followed_by(r"in|at|with|next to|near|on|for|without (?:wifi|my phone|coffee)"),
    ),
    Rule(
        # The means asked about or looked at: "would the beam take my weight", "how deep is too deep" to cut.
        "suicide_ideation",
        alternatives(
            "wonder(?:ing|ed|s)? (?:if|whether) (?:it|the \\w+|that \\w+|they) (?:would|will|could|'?d) "
            "(?:hold|take (?:my|the) weight|take me)",
            "how deep (?:is|would be|should|do) (?:too|to|2|you|u|i)",
            "(?:drink|drank|swallow|take|ate|eat) (?:" + _POISONS + ")<F3> (?:does|would|will|did) it "
            "(?:hurt|kill|work)",
            "(?:where|somewhere|a place) (?:u|you|i|one) (?:can|could) (?:get|go|climb)(?: up)? (?:to )?"
            "without (?:people|anyone|anybody|being|nobody|no one) (?:seeing|noticing|stopping)",
        ),
        "if you swallow bleach would it hurt much",
        "ideation",
        needs=_MEANS_NEAR,
        veto=_BUILDING_OR_ACCIDENT,
    ),
    Rule(
        # The place or means tried out: waiting in the road, practising on a ledge, a car in a shut garage.
        "suicide_ideation",
        alternatives(
            "stood in the (?:road|middle of the road|traffic)<F3> (?:and )?waited",
            "practi[sc](?:ing|ed|e)'? (?:sitting|standing|leaning|hanging) (?:on|off|out of|over) (?:the|a) "
            "(?:ledge|window|edge|roof|railing|balcony|bridge)",
            "(?:sitting|sat|sits|been) in (?:his|her|the|my|their) car in the (?:garage|shut garage)",
            "(?:go|going to|gonna|gunna) (?:go )?meet the train",
            "(?:been|gone|went|go) up (?:the|to the|there at the) (?:quarry|tower block|bridge|viaduct|"
            "multi ?storey|cliffs?|roof)<F3> (?:twice|three times|again|every night|most nights|a few times)",
            "(?:been|gone|went) up there (?:twice|three times|again|every night|most nights)",
        ),
        "stood in the road on the bypass and waited",
        "ideation",
        needs=lambda text, start, end: "garage" not in text[start:end] or _SHUT_IN(text, start, end),
        veto=either(
            followed_by(r"for (?:the|a|my|our|him|her|them|ages|a bit)|to cross|to get|to see|with"),
            _SIGHTSEEING,
        ),
    ),
    Rule(
        # A joke taken back near a means ("off the roof lol actually tho"); not a taunt ("kys jk... unless").
        "suicide_ideation",
        "(?:lol|lmao|jk|kidding|joking|haha)[.!,]* (?:ok )?(?:actually tho|actually though|for real tho|"
        "but actually|unless|not really|or am i)",
        "jumping off the roof at school lol actually tho",
        "ideation",
        needs=lambda text, start, end: (
            (len(text) <= 40 and not text[end:].strip()) or _MEANS_NEAR(text, start, end)
        ),
        veto=either(
            followed_by(r"you|u|we|it|they|the|he|she|i (?:have|get)|someone"),
            preceded_by(r"\b(?:kys|kill yourself|kill urself|you'?re|ur|u r)\b[^.!?]{0,40}", 60),
        ),
    ),
    Rule(
        # A last kindness: "love you, have a good life", a pet handed over "never asked before", letters.
        "suicide_ideation",
        alternatives(
            "(?:i love|love) (?:her|him|them|you) and (?:to )?(?:have|live) a (?:good|nice|great|happy|"
            "long) life",
            "asked (?:me|us) to look after (?:his|her|their) (?:dog|cat|pets?|rabbit|hamster|snake|fish|"
            "plants?|xbox|playstation|stuff)",
            "(?:she|he|they|you) (?:might|may) as well have (?:em|them|it|my \\w+) now",
            "(?:letter|note|card) (?:to|for me to) open (?:on my birthday|when (?:i'?m|im) gone|after|"
            "later|in (?:june|july|a year|\\w+ months))",
            "(?:writin|writing|wrote|written) (?:letters|notes) (?:to|for) (?:all of us|us all|everyone|"
            "every1|each of us)",
        ),
        "told my sister i love her and to have a happy life",
        "ideation",
        needs=lambda text, start, end: (
            _NEVER_BEFORE(text, start, end) or not re.search(r"look after|letters|notes", text[start:end])
        ),
        veto=_ORDINARY_GIFT,
    ),
    Rule(
        # Someone's self-harm told: "he burns every night", "hurting herself on purpose", "told her to cut".
        "self_harm",
        alternatives(
            "(?:she|he|they|i) (?:cuts|cut|burns|scratches|hits) (?:every|evry|each|most) (?:night|nite|"
            "day|morning)",
            "(?:burning|burnt|burned|cutting|cuttin|hitting|scratching|hurting) (?:herself|himself|"
            "themselves|myself|meself)<F6> on purpose",
            "(?:been|is|was|started|keeps) cuttin(?:g)?(?: again)?[.!]? (?:an|and) (?:last night|"
            "yesterday|today|she|he)",
            "(?:telling|told|tells|encouraging|encouraged|dared|daring) (?:her|him|me) to (?:cut|self[- ]?"
            "harm|hurt (?:herself|himself|myself)|burn (?:herself|himself|myself)|starve)",
            "(?:photo|photos|pic|pics|picture|pictures) of (?:her|his|my|their) cuts",
            "blood on the (?:sink|towels?|tissues|sheets|sleeves|bathroom floor)",
        ),
        "my mate says he burns every night",
        "ideation",
        needs=lambda text, start, end: "blood" not in text[start:end] or _HIDDEN(text, start, end),
        veto=either(
            _ORDINARY_INJURY,
            followed_by(
                r"the|his|her|it|back|down|out|up|off|across|in|through|class|lessons|corners|"
                r"costs|ties|loose|a |some|my|your|hair|grass|cake"
            ),
        ),
    ),
    Rule(
        # A threat on a life told by another: "threatening to throw himself off", "wants ta be ded".
        "suicide_ideation",
        alternatives(
            "threaten(?:ing|ed|s)? to (?:jump (?:off|from|in front)|kill (?:her|him|my|them)sel(?:f|ves)|"
            "end (?:it all|(?:her|his|their|my) (?:own )?life)|hang (?:her|him|my|them)sel(?:f|ves)|"
            "overdose|take an overdose|drown (?:her|him|my)self|throw (?:her|him|my)self|walk into "
            "(?:the )?(?:sea|river|traffic))",
            "wants? (?:te|ta|tae|to|2) be (?:deed|deid|ded)",
        ),
        "her brother keeps threatening to throw himself off the flyover",
        "ideation",
        veto=followed_by(r"into (?:the )?(?:pool|water) for|ship|the queue"),
    ),
    Rule(
        # The pull of a birth parent's suicide reached at the same age: "it's fate", "a family tradition".
        "suicide_ideation",
        alternatives(
            "(?:it'?s|its|it is) (?:just )?(?:fate|a family tradition|destiny|my turn|his turn|her turn)",
            "same age (?:he|she|they) (?:was|were)",
            "feel(?:ing)? it pull(?:ing)?(?: at)? (?:me|him|her)",
        ),
        "her mum took her own life at 15 and she's 15 now. she keeps saying it's just destiny",
        "ideation",
        needs=_around(
            r"suicide|killed (?:him|her|them)self|took (?:his|her|their) own life|hanged (?:him|her)self", 220
        ),
        veto=_around(
            r"research|risk factors?|statistic\w*|study|studies|should i worry|genetic counselling|"
            r"therapy to mark|anniversary|memorial",
            150,
        ),
    ),
    Rule(
        # A crisis being cared for now: psychiatric liaison, the home treatment team, A&E for an assessment.
        "suicide_ideation",
        alternatives(
            "psych(?:iatric)? liaison",
            "home treatment team",
            "(?:a&e|a and e|a & e)<F3> (?:for|waiting for) (?:an? )?(?:mental health |psych |psychiatric )?"
            "assessment",
            "(?:hospital|ward)<F3> (?:for|waiting for) (?:an? )?(?:mental health|psych\\w*) assessment",
            "(?:i'?m|im|i am) (?:okay|ok|safe|alright) for tonight",
        ),
        "he's at the hospital waiting for a psych assessment",
        "ideation",
        needs=lambda text, start, end: "tonight" not in text[start:end] or _CRISIS_SERVICE(text, start, end),
        veto=either(
            _SERVICE_AS_WORK_OR_ADVICE, followed_by(r"of|on|for (?:his|her|their) (?:hip|knee|eyes)")
        ),
    ),
)

_TOO_LATE = _around(r"too late|not (?:going to|gonna) (?:ring|call|tell)|childline|samaritans|no point", 120)
_NUMB = _around(
    r"doesn'?t (?:taste|sound|feel|mean)|don'?t feel anything|feel nothing|numb|nothing matters|no point|"
    r"pointless|empty|grey|gray",
    150,
)
_SORRY_GONE = _around(r"sorry|disappointment|goodbye|bye|burden|sort it|blocked|not answering", 150)

# A plan, a time or means gathered, and a silence after a goodbye.
SELF_HARM_UNSEEN_PLAN_RULES = (
    Rule(
        # A plan for a day beside despair; an attempt meant to work ("a cry for help ... wanted it to work").
        "suicide_ideation",
        alternatives(
            "(?:i'?ve|ive|i have|i got|got) (?:got )?a plan (?:for|on) (?:friday|saturday|sunday|monday|"
            "tuesday|wednesday|thursday|tonight|tomorrow|the weekend|this weekend)",
            "cry for help<F6> want(?:ed)? it to work",
        ),
        "everyone's better off. i've got a plan for saturday",
        "ideation",
        needs=lambda text, start, end: "cry for help" in text[start:end] or _DESPAIR_NEAR(text, start, end),
    ),
    Rule(
        # The means bought, with a day and despair near: "got the stuff. tomorrow. sick of it all".
        "suicide_ideation",
        "(?:bought|got|ordered|picked up) (?:the|all the|my) (?:stuff|things|bits)",
        "got all the stuff. tomorrow then. sick of everything",
        "ideation",
        needs=lambda text, start, end: _A_DAY_NEAR(text, start, end) and _DESPAIR_CLOSE(text, start, end),
    ),
    Rule(
        # Absence foretold: "if I'm not in college don't come looking for me".
        "suicide_ideation",
        "if (?:i'?m not|im not|he'?s not|she'?s not|(?:i|he|she) (?:ain'?t|am not|isn'?t|is not|not|"
        "don'?t turn up|don'?t show up|don'?t come))(?: (?:at|in|to))? (?:school|college|work|the group|"
        "group|class)<F3> (?:don'?t|dont|do not) (?:look|come looking|bother looking) for (?:me|him|her)",
        "if i'm not in college tomorrow don't come looking for me",
        "ideation",
    ),
    Rule(
        # Tablets taken and help refused: "too late to ring anyone, already took them".
        "suicide_imminent",
        "already (?:took|taken|swallowed|had|necked) (?:them|it|the lot|em)",
        "no point calling anyone, already swallowed them",
        "imminent",
        needs=_TOO_LATE,
    ),
    Rule(
        # Waiting for it to end with nothing felt: "everything's grey, just waiting for it all to stop".
        "suicide_ideation",
        "(?:just )?waiting for (?:it|it all|life|everything|all this) to (?:be over|end|stop)",
        "everything's grey and numb, just waiting for it all to end",
        "ideation",
        needs=_NUMB,
    ),
    Rule(
        # One's own epitaph with the dates: "rip me 2009-2026".
        "suicide_ideation",
        "(?:rip|r i p|rest in peace) me (?:19|20)\\d\\d ?-? ?(?:19|20)\\d\\d",
        "his status just says rip me 2009-2026",
        "ideation",
    ),
    Rule(
        # A goodbye and then gone dark: "give my xbox to sam" then blocked, location turned off after "sorry".
        "suicide_ideation",
        alternatives(
            "give (?:my|all my|me) \\w+ to [a-z0-9']+<F3> (?:and )?(?:then )?(?:blocked|switched off|"
            "turned off)",
            "(?:turned|switched|turnt) off (?:her|his|their|my) (?:location|find my|phone tracking|snap map)",
        ),
        "texted me give my xbox to sam and then blocked me",
        "ideation",
        needs=lambda text, start, end: "give" in text[start:end] or _SORRY_GONE(text, start, end),
    ),
)

_WORTH_MORE_GONE = _around(
    r"better off|manage better|more for (?:us|them|her|him) than|than (?:i|he|she) can|broken me|"
    r"how much longer|lie awake|just in case|can'?t do this|pics|photos|pictures|nudes|send them",
    200,
)
_ORDINARY_EVENT = _around(
    r"bungee|sky ?dive|marathon|exam|audition|ask (?:him|her) out|tattoo|leavers?|last day|year 11|"
    r"year 13|graduation|prom|lol|forgot",
    80,
)
_TOLD_SIGNS = {
    "see me": _around(r"i'?ll be gone|given me|gave me|keys|goodbye|for good", 120),
    "waste of": _around(
        r"keeps? saying|depression|or worse|stopped (?:coming|going|eating)|withdrawn|burden|better off", 150
    ),
    "memories": lambda text, start, end: near(_MEANS_OR_DEATH, text, start, end, 120),
    "gave me": _around(r"you were always|remember me|won'?t need|keep it|been off|in my head", 150),
    "do it": _around(r"999|jk|ambulance|police|suicide|kill|end it|pills|not joking", 120),
}


def _told_with_its_sign(text: str, start: int, end: int) -> bool:
    """Said of someone else, the words need their sign beside them: a goodbye, a means, worry."""
    matched = text[start:end]
    if "go on" in matched:
        return re.match(r"\s*(?:like|with|to|about|holiday|a |the |for)", text[end:]) is None
    return "born" in matched or any(
        key in matched and sign(text, start, end) for key, sign in _TOLD_SIGNS.items()
    )


# What others are told in worry: the writer's friend, brother, child or a member; what a carer finds.
SELF_HARM_UNSEEN_TOLD_RULES = (
    Rule(
        # Someone else's despair or goodbye, with its sign near: "says she can't go on", a gift given.
        "suicide_ideation",
        alternatives(
            "(?:says?|saying|said) (?:he|she|they) (?:can'?t|cant|cannot) go on",
            "sorry (?:i|he|she|they) (?:was|were) (?:ever )?born",
            "won'?t see me (?:again|next (?:week|month|time|year)|anymore|any more)",
            "(?:i'?m|im|i am) (?:just )?(?:a|such a) waste of (?:space|oxygen|air|skin)",
            "(?:says?|saying|said) (?:theyre|they'?re|he'?s|she'?s|hes|shes) (?:gonna|going to) do it",
            "this is it<F2> (?:cheers|thanks|thank you|ta) for (?:the|all the) memories",
            "gave me (?:his|her|their) (?:signed|favourite|fave|fav|best|lucky|prized) \\w+",
        ),
        "my cousin keeps saying she can't go on",
        "ideation",
        needs=_told_with_its_sign,
        veto=either(_ordinary_leaving, _ORDINARY_EVENT),
    ),
    Rule(
        # What a carer finds: a search for hiding harm, a list to "sort before", a hit list with own name.
        "self_harm",
        alternatives(
            "(?:hurt|harm|cut|burn|starve) (?:yourself|urself|myself|themselves|oneself|herself|himself) "
            "without (?:your |ur |my )?(?:parents|anyone|anybody|people|mum|dad|them|carers?) (?:knowing|"
            "noticing|seeing|finding out)",
            "(?:hit|kill|death) list<F6> (?:his|her|my|their) own name",
            "things to (?:sort|do|finish) before",
            "chok(?:e|ing) (?:herself|himself|myself|themselves) out",
            "to see what (?:it'?s|its|it is|it would be|it'?d be) like to die",
            "(?:punched|smashed|broke) the (?:mirror|window)<F3> (?:and )?used the glass",
        ),
        "her search history: cut yourself without your parents noticing",
        "ideation",
        needs=lambda text, start, end: "things to" not in text[start:end] or _LAST_THINGS(text, start, end),
    ),
    Rule(
        # Worth more gone: insurance and "better off", all arranged "just in case", images held over one.
        "suicide_ideation",
        alternatives(
            "(?:life )?insurance would (?:pay|do more|be enough|cover|give)",
            "knows where everything is",
            "(?:rather|sooner) (?:die|be dead) than (?:have|let) (?:that|it|them|those) (?:happen|get out|go "
            "round|be seen|be shared)",
        ),
        "the life insurance would pay off the house and they'd be better off",
        "ideation",
        needs=_WORTH_MORE_GONE,
    ),
)
