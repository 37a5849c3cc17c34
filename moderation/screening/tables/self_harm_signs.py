"""Risk to life told by its signs, not named (issue #12, the validation and leave-one-writer-out
misses): what people write when they neither say "suicide" nor an indirect phrase of
``self_harm_indirect.py``, but tell what they do, what was done, or what they see in someone else.

Each group is one idea written many ways, not one sentence:

- gathering the means: counting, saving or buying up tablets ("nights are when I count the
  tablets", "she's been buying paracetamol in every shop", "found six boxes of co-codamol");
- an overdose taken, told as a number or someone else's pills ("took 6 of my mum's co-codamol",
  "took some of dad's pills an hour ago"): P0, the act is under way;
- self-injury told by its consequence or its hiding ("did it again tonight, worse", "needs stitches
  but can't go to A&E", "plasters on her wrists", "long sleeves in summer and you know why",
  "bingeing and then cutting", "pro-sh groups");
- an urge at a place, or a place studied ("my head keeps telling me to jump", "walk along the line
  till something comes", "which train is fastest", "where you can get to without people seeing");
- a goodbye or others better off said bare ("ur all better off x", "ta ra everyone, for good",
  "last night on here x", "to whoever finds me", "goodbye texts");
- a reason or a time limit on living ("the only reason I haven't yet is my cat", "not sure I'll be
  here in January", "I keep thinking of ways", "nothing left to lose, I'm going to make it stop").

The look-alikes each idea shares its words with are vetoed beside it: counting tablets into a
dosette box, "took 2 paracetamol for my headache", "needs stitches after falling off his bike",
"long sleeves in summer for her eczema", "thinking of ways to save money", "last night on here
someone said", "the drop on that rollercoaster is massive".

Every rule is P1 ("ideation") but the overdose taken (P0). The family that runs them is
``risk.SelfHarm``; fragments are in ``self_harm_words.py``.
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, followed_by, near, preceded_by
from .self_harm_indirect import _AWAY, _BREAK, _ORDINARY_REASON


def _ordinary_leaving(text: str, start: int, end: int) -> bool:
    """Away told with its ordinary reason after it ("bye forever cos she's moving to australia",
    "don't think i'll be here at christmas, we're going to my nan's"): self_harm_indirect's vetoes."""
    after = text[end : end + 160]
    return any(found.search(after) is not None for found in (_AWAY, _BREAK, _ORDINARY_REASON, _STARTING))


# ... or something starting elsewhere: "cos he's got his army training starting monday".
_STARTING = re.compile(r"\b(?:training|army|navy|raf|camp|course|starting|starts|residential|placement at)\b")


# What a goodbye "forever" is said to when it is a stage of life left: a subject dropped, a school, a job.
_A_STAGE_LEFT = re.compile(
    r"\b(?:chemistry|physics|biology|maths|math|science|english|french|spanish|german|geography|history|"
    r"school|high school|primary|year \d+|sixth form|college|gcses?|a ?levels?|exams?|homework|uniform|"
    r"job|shift|braces|cast|stitches)\b"
)


# Someone else as the danger: "not feeling safe tonight, someone's banging on the door".
_DANGER_FROM_OTHERS = re.compile(
    r"\b(?:someone|somebody|police|door|outside|neighbou?rs?|ex|he|she|they|him|them|banging|knocking|"
    r"shouting|drunk|fight\w*|burglar\w*|break in|broke in|storm|alarm)\b"
)
# A feeling described in general, to "you": "that dark place where you think everyone would be better off".
_GENERIC_YOU = preceded_by(r"(?:you|u) (?:think|feel|believe|thought|felt)(?: that| like)?", 30)

# What an overdose is taken from, as people write it.
_PILLS = (
    "(?:pills|tablets|paracetamol|painkillers|meds|medication|medicine|<MEDICINE>|sleeping (?:pills|tablets)|"
    "co-?codamol|ibuprofen|aspirin|insulin|anti-?histamines?|nurofen|calpol|lithium|tablits)"
)
# Whose: "my", "mum's", "my dad's", "the".
_WHOSE = "(?:(?:my|me|her|his|their|the|our|mums?|dads?|nans?|grans?|mum'?s|dad'?s|nan'?s|gran'?s) ){1,2}"

# Medicines handled as medicines: a dosette box filled, a prescription collected, a dose given.
_MEDICINE_ROUTINE = re.compile(
    r"\b(?:dosette|pill ?(?:box|organiser|organizer)|blister|prescri\w*|pharmac\w*|chemist|dose|doses|"
    r"each morning|every morning|morning and night|for the week|gp|doctor|nurse|adhd|melatonin|ritalin|"
    r"concerta|for (?:my|his|her|a|the) (?:headache|migraine|period|cold|tooth|back|pain|hay ?fever))\b"
)


def _medicine_routine(text: str, start: int, end: int) -> bool:
    return near(_MEDICINE_ROUTINE, text, start, end, 80)


# An injury by accident or a skin condition: "needs stitches after he fell off his bike",
# "long sleeves in summer for her eczema".
_ACCIDENT_OR_SKIN = re.compile(
    r"\b(?:fell|fall|fallen|crash\w*|bike|football|rugby|trampoline|dog bit|bitten|accident\w*|"
    r"eczema|psoriasis|sun ?burn\w*|burns? easily|burn like|lobster|pale|freckl\w*|sensory|religio\w*|"
    r"modest\w*|hijab|cold|tattoos?|"
    r"birthmark|bites?|itch\w*|rash)\b"
)


def _accident_or_skin(text: str, start: int, end: int) -> bool:
    return near(_ACCIDENT_OR_SKIN, text, start, end, 80)


# The clause goes on with more words ("last night on here was fun", "make it stop raining").
_GOES_ON = followed_by(r"(?!(?:x+|now|for good|forever|tonight|lol)\b)[a-z]+")

# The clause goes on to say what about, and it is ordinary: "everyone is better off with a routine",
# "doing us a favour by driving", "nobody would notice if we left early", "thinking of ways to save
# money", "you won't see me again until monday". A list of what ordinary clauses go on with, not any
# word: a vetoed phrase's sentence is hidden from the classifier too (learned._read), so "everybody
# would be better off and I'm thinking about the river" must not be vetoed for its "and".
_ORDINARY_CLAUSE = followed_by(
    r"(?:with|at|in|on|for|by|when|while|than|that|the|a|an|this|these|lol|haha|having|using|knowing|doing|"
    r"going|getting|financially|if (?!(?:i|he|she)\b)|until|till|til|before|after|about|whether|what|how|"
    r"where|who|your|our|their|it|them|us|you|without (?!me\b)|to (?!do it|die|go|end|kill))"
)
# What makes "nobody would notice" about the writer gone: the end of the thought, or "if I died".
_ABOUT_THE_WRITER_GONE = re.compile(
    r"\s*(?:[.!?,;]|$|x+\b|(?:if|when|once) (?:i|i'?m|im) (?:just )?(?:died|was gone|disappeared|wasn'?t "
    r"(?:here|around|alive)|wasnt|went|left|fell|jumped|killed|ended|stopped)\b|(?:i'?m|im|i was|i'?d|id) "
    r"(?:gone|dead)\b)"
)
# A clear-out, not a goodbye: "giving away her old clothes to charity", "who gets the big room when we move".
_CLEAR_OUT = re.compile(
    r"\b(?:charity|car boot|vinted|ebay|declutter\w*|moving|move|outgrown|too small|loft|"
    r"clear(?:ing|ed)? out|sell\w*|sold|marketplace|freecycle|wedding|christmas|birthday|present|"
    r"when (?:we|i|you) (?:move|die|go)|uni|university|college|tenner|quid|pounds)\b"
)
# ... unless it is for after: "give all my stuff to charity so mum doesnt have to sort it after".
_FOR_AFTER = re.compile(
    r"\b(?:(?:have|has) to sort|sort it (?:all )?after|when i'?m gone|for after|after i'?m)\b"
)
# A song played, not a goodbye: "'see you in another life' playing at the leavers disco".
_A_SONG = re.compile(r"\b(?:playing|played|disco|karaoke|sang|singing|album|concert|gig)\b")
# What "use it on herself", "burn it with a lighter" say of a thing: cream, rope ends, a candle.
_NOT_A_BODY = re.compile(
    r"\b(?:cream|lotion|spray|shampoo|make ?up|brush|moisturi\w*|sun ?cream|plaster|rope|ends?|thread|"
    r"string|candle|wick|hair|nails?)\b"
)
# Letters or a box for a child to open later: "a letter for each of my grandchildren to open on their
# 18th birthdays", life-story work.
_LIFE_STORY = re.compile(
    r"\b(?:life ?story|memory box|to open|birthdays?|when (?:they'?re|she'?s|he'?s) older)\b"
)
# Said as a joke: "nobody would notice if I skived lol", "asking for a friend 😅".
_JOKING = re.compile(r"\b(?:lol|lmao|haha\w*|jk|asking for a friend)\b")
# A game, not a height: "how high to fall in minecraft for it to be instant death" (but "not for
# minecraft" says it is not a game).
_GAME = re.compile(r"(?<!not for )(?<!not in )\b(?:minecraft|fortnite|roblox|in (?:the )?game|in gta)\b")
# "make it stop" said of a noise or a child's crying.
_A_NOISE_STOPPED = followed_by(
    r"raining|crying|barking|beeping|ringing|screaming|snowing|happening|lol|haha|from|with|by|"
    r"for (?:him|her|them|the|a|my|our)"
)

# Heights and drops enjoyed, not studied: rides, climbing, views.
_RIDE_OR_VIEW = re.compile(
    r"\b(?:rides|rollercoaster|roller coaster|coaster|flume|slide|theme park|alton towers|thorpe park|"
    r"climb\w*|abseil\w*|zip ?wire|bungee|views?|photo\w*|sunset|drone)\b"
)

SELF_HARM_SIGN_RULES = (
    # ---- gathering the means ---------------------------------------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            f"(?:count|counts|counting|counted|save|saves|saving|saved|hoard|hoarding|hoarded|stockpil\\w*|"
            "stash|stashing|stashed|collect|collecting|"
            f"collected) (?:up )?(?:all )?{_WHOSE}?(?:\\w+ )?{_PILLS}",
            f"{_PILLS} counted out",
            # "looking at her old lithium in the bathroom and counting it", "tablits savd up"
            f"{_PILLS}<F3> (?:and |then )?(?:counting|counted|count) (?:it|them)",
            f"{_PILLS} (?:saved|savd|put by|stashed|hidden)(?: up| away)?",
            "enough (?:put by|saved up|stashed|hidden) in (?:the|my|me) (?:bathroom|cabinet|drawer|room)",
            f"(?:buying|bought|buys|getting) {_PILLS}<F1> (?:in|from|at) (?:every|each|different|loads of) "
            "(?:shop|chemist|supermarket|pharmacy)",
            "(?:[5-9]|\\d\\d|five|six|seven|eight|nine|ten|twelve|twenty) (?:boxes|packets|"
            f"packs) (?:of )?{_PILLS}",
        ),
        "nights are the worst, that's when i count the tablets",
        "ideation",
        veto=_medicine_routine,
    ),
    # ---- an overdose taken -----------------------------------------------------------------------
    Rule(
        "suicide_imminent",
        alternatives(
            "(?:took|taken|taking|swallowed|swallowing|necked|had) (?:like )?(?:[5-9]|\\d\\d|five|six|seven|"
            "eight|nine|ten|"
            "twelve|"
            f"twenty|loads|a load|a handful|a bunch|a box|a packet|a whole (?:box|packet|strip)|the whole "
            f"(?:box|packet|strip)|some|a few)(?: of)? {_WHOSE}?{_PILLS}",
            "(?:swallowed|taken|took) (?:that|this|so|too) many",
        ),
        "took 6 of my mums co-codamol. feel sleepy",
        "imminent",
        veto=lambda text, start, end: (
            _medicine_routine(text, start, end)
            # "had some paracetamol and a nap", "took some tablets, feeling better": a dose taken.
            or re.match(r"\s*(?:and|,)?\s*(?:a nap|feel(?:ing)? (?:better|fine|ok))", text[end : end + 30])
            is not None
        ),
    ),
    # ---- self-injury told by its consequence or its hiding ----------------------------------------
    Rule(
        "self_harm",
        alternatives(
            "(?:plasters?|bandages?|marks|lines|scratches|cuts|burns) (?:all )?(?:on|up|over|across) (?:her|"
            "his|"
            "their|my|me) (?:wrists?|forearms?|thighs?)",
            "(?:her|his|their|my|mates?|friends?|mate'?s|friend'?s) (?:wrists|arms|forearms|thighs)<F4> "
            "(?:are |were |all )?(?:covered|cut up|marked|scarred)(?: in (?:cuts|scars|marks|lines|scratches|"
            "plasters))?",
            "long sleeves (?:in|all) (?:summer|the summer|the heat|pe|june|july|august)",
            "(?:binge\\w*|purg\\w*|starv\\w*) (?:and )?then (?:cutting|cuts|burning|burns|scratching)",
            "pro[- ]?(?:sh|ana|mia|self[- ]?harm|suicide)",
            "(?:sh|self[- ]?harm|cutting) (?:accounts|groups?|tips|pages|servers?)",
            "(?:cat|dog|kitten) did it[.!, ]+(?:she|he|they) (?:hasn'?t|hasnt|doesn'?t|doesnt|don'?t|dont) "
            "(?:got|have)",
        ),
        "saw my mates wrists in pe and theyre covered",
        "ideation",
        veto=lambda text, start, end: (
            _accident_or_skin(text, start, end)
            or followed_by(r"in (?!cuts|scars|marks|lines|scratches|plasters)|with")(text, start, end)
            or re.search(
                r"\b(?:talk|assembly|lesson|article|training|awareness|news|report(?:ing|ed)?|documentary|"
                r"ban|banned|law)\b",
                text[max(0, start - 60) : end + 60],
            )
            is not None
        ),
    ),
    Rule(
        # Injury told by its consequence, hidden from the adults who would act: young people only (a
        # carer's "he did it again tonight, worse" is as often a meltdown or a fight).
        "self_harm",
        alternatives(
            "did it again (?:tonight|last night|today|this morning)?[.!, ]*(?:and )?(?:worse|deeper|more)",
            "stitches<F6> (?:cant|can'?t|cannot|won'?t|wont|don'?t|dont|not) (?:go|tell|want|let)",
            "(?:cant|can'?t|won'?t|wont) go to (?:a ?& ?e|a and e|hospital)<F2> (?:cos|because|coz|cuz|or) "
            "(?:they'?ll|theyll|they will|they'?d|theyd|they would)",
        ),
        "did it again tonight. worse",
        "ideation",
        audiences=YOUTH_ONLY,
        veto=_accident_or_skin,
    ),
    # ---- an urge at a place, or a place studied --------------------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:head|brain|mind|voices?|thoughts?)<F2> (?:keeps? |kept )?(?:telling|tells|told|"
            "telling) me to "
            "(?:jump|step (?:off|out|in front)|do it|end it|hurt myself|cut|die|walk (?:into|in front)|"
            "let go)",
            "(?:walk|walking|stand|standing|lie|lying|lay|sit|sitting) (?:along|on|down|across) (?:the )?"
            "(?:line|tracks|railway|track|level crossing)<F3> (?:till|until|til|and wait)",
            "(?:count|counting|counted|timing|timed|watching|watched) (?:the )?trains[^.!?]{0,80}fastest",
            "(?:level crossing|railway line|train tracks|the tracks)[^.!?]{0,60}\\bplan|plan[^.!?]{0,60}"
            "(?:level crossing|railway line|train tracks|the tracks)",
            "(?:he'?ll|she'?ll|i'?ll|he will|she will|i will) '(?:walk|wade|swim) (?:out )?into the (?:sea|"
            "river|"
            "loch|lake|canal|reservoir|waves|ocean|water)",
            "(?:cord|rope|belt|cable|noose|flex)<F2> (?:round|around|over) the (?:banister|bannister|"
            "loft hatch|"
            "beam|rail)",
            "(?:drawings?|pictures?|sketch(?:es)?|poems?) of (?:herself|himself|themselves|themself|myself) "
            "(?:hanging|dead|dying|buried|in a coffin|with a noose)",
            "(?:bridge|roof|cliffs?|car ?park|multi ?storey|quarry|drop|tower|top floor)<F6> without "
            "(?:people|anyone|anybody|any1|no one|nobody) (?:seeing|noticing|stopping|watching)",
            "how high<F6> (?:for it to be|to be|be|is|it'?s|its) (?:instant|quick|painless)",
            "drop is (?:massive|huge|big enough|high enough|far enough)",
            "(?:opening|open|opened|lean(?:ing)? out of|stand(?:ing)? at) the window<F2> (?:\\d+(?:th|st|nd|"
            "rd)|"
            "top) floor",
            "let (?:a|the) (?:lorry|car|bus|train|truck|van) (?:hit|run over|take) (?:me|her|him|them)",
            # The means in hand, alone: "sat in the bathroom with a razor", "stood in the kitchen with the
            # big knife for twenty minutes" (not "in the kitchen with a knife chopping onions").
            "(?:sitting|sat|sit|lying|lay|standing|stood|locked) in (?:the|my) (?:bathroom|bedroom|room|"
            "kitchen|"
            "loo|toilet)<F2> with (?:a|the|my|dads?|mums?) (?:\\w+ )?(?:razor|blade|knife|pills|tablets|rope|"
            "belt)",
            "(?:end|ending|end it|ending it)<F1> (?:with|by|under|in front of) (?:the|a) (?:train|bus|lorry)",
        ),
        "my head keeps telling me to jump when im at the station",
        "ideation",
        veto=lambda text, start, end: (
            near(_RIDE_OR_VIEW, text, start, end, 80)
            or near(_GAME, text, start, end, 80)
            or followed_by(
                r"chopping|cutting (?:the|some|up)|making|cooking|peeling|slicing|to (?:cut|open|chop)"
            )(text, start, end)
        ),
    ),
    # ---- a goodbye, or others better off, said bare ----------------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            "(?:ur|you'?re|youre|u r|you are|yous are|y'?all are) all better off",
            "(?:saying|says|said|thinks|texted|messaged|posted|posting)<F3> (?:everyone|every1|everybody|"
            "everyones|everyone'?s|we|we'?d|we'?re|they|they'?d|they'?re|i|i'?d|you|you'?d)<F3> better off "
            "without (?:him|her|them)",
            "(?:he'?s|hes|she'?s|shes|they'?re|theyre|they are|he is|she is) better off[.!, ]*(?:i'?m|im|"
            "i am) "
            "sorting it",
            "(?:bye|goodbye|ta ?ra|cya|see ya|later|farewell)<F2>[.!, ]*(?:for good|forever|for ever|"
            "for the last "
            "time)",
            "(?:last|final) (?:night|day|post|message|one) (?:on here|from me)",
            "to whoever finds (?:me|this|my)",
            "goodbye (?:messages|texts|posts|videos|voice ?notes)",
            "(?:if i|when i) (?:disappeared|vanished|died|was gone|wasn'?t here)<F4> (?:would|will|wud) "
            "(?:anyone|anybody|any1|people|they|u|you)<F4> (?:care|notice|miss me)",
            "last (?:day|week|night|christmas|birthday|summer) on (?:earth|this earth|the planet)",
            "(?:someone|somebody|she|he|they|friend|mate)(?: is| are|'s| was| were| has been|"
            " keeps?) (?:saying|"
            "posting) goodbye",
            "(?:(?:i|she|he|they)(?:'?ve| have| has)?|i'?ve|ive|she'?s|shes|he'?s|hes) (?:made|got|"
            "had)(?: got)? a "
            "plan[^?]{0,60}\\b(?:calming|at peace|peaceful)",
            "(?:dye|die|d1e)<F1> not the (?:hair|clothes|fabric) kind",
            # Death over going back to a life: "she'd rather be dead than go home", "rather be dead than
            # see him again" (not "rather die than wear that dress", "than go to nan's for dinner").
            "(?:rather|sooner) (?:be dead|die) than (?:come|coming) (?:back )?(?:home|to (?:ours|us|"
            "this house))",
            "(?:rather|sooner) (?:be dead|die) than (?:go|going) (?:back|home|to (?:school|"
            "contact|the "
            "placement|another placement|court))",
            "(?:rather|sooner) (?:be dead|die) than (?:see|seeing|live with|living with|go through|going "
            "through|face|facing) (?:him|her|them|another|the next|it all)",
            # A date for it: "got a date n everything", "i've actually got a date picked".
            "(?:got|have) a date (?:n|and) everything",
            "(?:i'?ve|ive|i have)(?: actually| already)? got a date (?:picked|chosen|set)",
            # Help tried and the plan kept: "tried ringing childline but hung up. i'm still going to do it".
            "(?:childline|samaritans|crisis (?:line|team)|shout|helpline)[^?]{0,80}\\b(?:i'?m|im|"
            "i am) (?:still )?"
            "(?:going to|gonna) do it",
        ),
        "bye everyone ur all better off x",
        "ideation",
        veto=lambda text, start, end: (
            (text[start:end].startswith(("last", "final")) and _GOES_ON(text, start, end))
            or _ordinary_leaving(text, start, end)
            or _GENERIC_YOU(text, start, end)
            # a goodbye to a subject, a school or a job: "goodbye chemistry forever", "bye year 11 forever"
            or _A_STAGE_LEFT.search(text, start, end) is not None
        ),
    ),
    # ---- a reason or a time limit on living ------------------------------------------------------
    Rule(
        "suicide_ideation",
        alternatives(
            "only (?:reason|thing)<F2> (?:i haven'?t|i havent|i'?m still (?:here|alive|breathing|around)|"
            "im still "
            "(?:here|alive|around)|keeping me (?:here|alive))(?: yet| done it)?[.,!]* (?:is|are|was)",
            "(?:not sure|don'?t think|dont think|doubt|not convinced) (?:i'?ll|ill|i will|i'?m going to|"
            "im gonna) "
            "(?:still )?be (?:here|around|alive) (?:in (?:january|february|march|april|may|june|july|august|"
            "september|october|november|december|the new year|a (?:week|month|year))|by (?:christmas|the new "
            "year|my birthday|next (?:week|month|year))|at christmas|for christmas|much longer|any ?more|"
            "next "
            "(?:year|christmas))",
            "(?:thinking|think|thought|looking|looked|researching|googling) (?:of|at|about|up|"
            "into) (?:other |"
            "different )?ways (?:to do it|of doing it|to go|to die|to end it)",
            "(?:life )?insurance<F6> (?:pays? out|paid out|covers?|valid)<F4> (?:if it'?s|if its|for|if) "
            "(?:deliberate|suicide|self[- ]inflicted|on purpose)",
            "(?:nothing|nowt|no one|nobody)(?: left| else)? to live for",
            "(?:nothing|nowt|nothin) (?:left|else) to sort",
            "<I_WILL> make it (?:all )?stop",
            "(?:i|he|she) (?:should|shud) (?:just )?(?:be dead|not be (?:alive|here))",
            "(?:not|don'?t|dont) feel(?:ing)? safe (?:tonight|with myself|around myself|from myself|"
            "in my own "
            "head)",
            "(?:thinking|think|thought|thoughts)(?: about| bout| abt| of)? (?:just|simply) (?:endin|ending) "
            "(?:it|things|my life)",
        ),
        "the only reason i haven't yet is my cat",
        "ideation",
        veto=lambda text, start, end: (
            (text[start:end].endswith("stop") and _A_NOISE_STOPPED(text, start, end))
            or _ordinary_leaving(text, start, end)
            or ("safe" in text[start:end] and near(_DANGER_FROM_OTHERS, text, start, end, 80))
            # "he should be dead by now, the amount he smokes", "i should be dead of embarrassment"
            or (
                text[start:end].endswith(("dead", "here", "alive"))
                and followed_by(r"of|from|with|after|by now|than")(text, start, end)
            )
        ),
    ),
    Rule(
        # Said bare, as the end of the thought: "ur all better off. everyone's better off x", "he'd be
        # doing us all a favour", "nobody would even notice", "I keep thinking of ways". The same words
        # going on to say what about are ordinary ("better off with the new school", "doing us a favour
        # by driving", "nobody would notice if we left early", "thinking of ways to save money").
        "suicide_ideation",
        alternatives(
            "(?:everyone|every1|everybody|everyones|everyone'?s)(?: is| will be|'?ll be|'?d be| would be)? "
            "better off",
            "(?:doing|do|did)(?: [a-z]+)? (?:us|them|everyone|everybody|every1|the world|my [a-z]+|her|"
            "him)(?: "
            "all)? a favou?r(?: if (?:i|he|she) (?:was|were|wasn'?t|wasnt) (?:gone|dead|here|around))?",
            "(?:thinking|think|thought|looking|looked|researching|googling) (?:of|at|about|up|"
            "into) (?:other |"
            "different )?ways",
            "(?:you|u) (?:won'?t|wont|will never|never) (?:see|hear from) me again",
            "(?:the )?last time (?:you'?ll|you will|u'?ll|ull|anyone will|you lot will|yous will) (?:see|"
            "hear "
            "from) me",
        ),
        "he'd be doing us all a favour",
        "ideation",
        veto=lambda text, start, end: (
            _GENERIC_YOU(text, start, end)
            or _ORDINARY_CLAUSE(text, start, end)
            or _ordinary_leaving(text, start, end)
        ),
    ),
    Rule(
        # "Nobody would even notice." as the whole thought, or of the writer gone: not "nobody would
        # notice if I skipped period 5", "nobody would notice I skived the trip".
        "suicide_ideation",
        "(?:nobody|no one|noone|no1) would (?:even )?(?:notice|care|miss me)",
        "nobody would even notice. i'm invisible",
        "ideation",
        veto=lambda text, start, end: (
            _JOKING.search(text) is not None or _ABOUT_THE_WRITER_GONE.match(text, end) is None
        ),
    ),
    Rule(
        # Things given away and who gets them, told as an arrangement for after (the context memory adds
        # up "giving my stuff away" as a weak signal; these say it outright): "wrote down who should
        # have my saddle", "a list of who gets his things", "can someone take my fish if anything
        # happens to me", "giving away all her stuff, her good coat". Not a clear-out for charity or a
        # move, vetoed beside it.
        "suicide_ideation",
        alternatives(
            "(?:list|wrote|written|writing|write|note)<F2> (?:down |out )?(?:of )?who (?:gets|should have|"
            "should "
            "get|can have|is having|will have)",
            "(?:giving|given|gave|gev|give|givin|gives)(?: away)? (?:all )?(?:his|her|my|me|their) (?:stuff|"
            "things|"
            "clothes|belongings|possessions)(?: away)?",
            "(?:take|have|look after|feed) my<F2> if anything (?:happens|happened) to me",
        ),
        "he's written a list of who gets his things after",
        "ideation",
        veto=lambda text, start, end: (
            near(_CLEAR_OUT, text, start, end, 100) and not near(_FOR_AFTER, text, start, end, 100)
        ),
    ),
    Rule(
        # Leaving and not coming back, or not being in "ever": "i'm going to go out and not come back",
        # "won't be in school tmrw or ever", "if i dont log on tomorrow its cos it worked", "noone will
        # ever see me again", "im no gonnae be here much longer", "see you in another life".
        "suicide_ideation",
        alternatives(
            "(?:go|going|goin|gonna go|walk|walking|drive|driving|head|heading|went) (?:out|off|away|down|up)"
            "<F4> and (?:not|never) (?:come|coming|comin) back",
            "(?:don'?t|dont|never) (?:come|coming|comin) back from (?:the )?(?:woods|sea|river|forest|hills|"
            "cliffs|"
            "moors|loch|lake|marshes)",
            "(?:won'?t|wont|will not|not|int|ain'?t|aint|no) (?:gonna |gonnae |going to )?be (?:in|here|"
            "at school|in "
            "school|around|back)<F3>[\"' ]*(?:or|and|n) ever",
            "(?:not|never|nae) (?:comin|coming|come|goin|going) (?:in|back) ever again",
            "if i (?:don'?t|dont|do not) (?:log on|come on|reply|respond|answer|come in|post|show up|turn up|"
            "wake "
            "up)<F4> (?:it'?s|its|it is) (?:cos|because|coz|cuz|bc) (?:it worked|(?:i'?m|im) (?:not|gone|"
            "dead))",
            "(?:no ?one|nobody|no1|noone) (?:will|wil|'ll)<F1> (?:ever )?see me again",
            "(?:not|no|int|ain'?t|aint|nae) (?:gonna|gonnae|going to|goin to) be (?:here|around) much longer",
            "(?:see|c) (?:you|u|ya|yous) in (?:the next|another|a better) (?:life|world|arc)",
            "(?:tonight|today) (?:i'?m|im) gone",
            "(?:all of you|yous|you all|everyone) (?:are|r|is) free now",
            "it was (?:nice|good|lovely) knowing (?:you|u|yous|everyone|y'?all)",
        ),
        "when mum's carer comes i'm going to go out and not come back",
        "ideation",
        veto=lambda text, start, end: (
            _ordinary_leaving(text, start, end)
            or followed_by(r"till|until|til|for (?:a|the|an)|before|tonight|today")(text, start, end)
            or (text[start:end].startswith(("see", "c ")) and near(_A_SONG, text, start, end, 80))
        ),
    ),
    Rule(
        # Removing oneself as the fix, or the means at hand for it: "i'll make it so she doesnt have
        # to", "im gonna set her free", "waste of oxygen. gonna fix that then", "he'll use it on
        # himself", "drawing himself hanging", "gonna jump off the car park", "wants to finish his
        # life", "sitting in the garage with the engine running".
        "suicide_ideation",
        alternatives(
            "<I_WILL> make it so (?:she|he|they|nobody|no one|no1|yous|you|u|everyone|mum|mam|"
            "dad)<F2> (?:doesn'?t|"
            "doesnt|don'?t|dont|does not|won'?t|wont|never|has to|have to|needs? to)",
            "(?:<I_WILL>|i'?m|im) (?:gonna |going to )?set (?:her|him|them|you|yous|everyone|mum|mam) free",
            "(?:waste of (?:space|oxygen|air)|reason everyone'?s? (?:is )?unhappy)[^?]{0,60}\\b(?:fix|fixin|"
            "fixing|"
            "sort|sorting) (?:that|it)",
            "use (?:it|them|that) on (?:himself|herself|myself|themselves|meself|themself)",
            "(?:drawing|draws|drew|drawn|draw) (?:herself|himself|themselves|myself|themself) (?:hanging|"
            "dead|"
            "dying|in a coffin)",
            "(?:gonna|going to|goin to|will|'ll|threatening to|threatened to|wants? to|wanna) jump (?:off|"
            "from) "
            "(?:the|a) (?:[a-z]+ )?(?:car ?park|multi ?storey|bridge|roof|building|cliff|flyover|viaduct|"
            "tower|block|"
            "flats|balcony)",
            "(?:want|wants|wanted|going|trying|tried) to finish (?:his|her|my|their|me) (?:own )?life",
            "garage<F4> (?:with )?the engine (?:running|on)",
            "(?:how long|how much)<F6> (?:car fumes|exhaust fumes|the exhaust)",
            "(?:world|earth)<F3> (?:need|needs|want|wants) me (?:in it|here|around)",
            "(?:burn|burns|burning|burnt|burned) (?:myself|me|my <PART>|my body|it) with (?:a|the|"
            "my) (?:lighter|"
            "cigarette|fag|match|matches)",
            "(?:think|thinking|thought)<F2> (?:about|of|abt) (?:crashing|driving) (?:the|my) car",
        ),
        "im gonna set her free",
        "ideation",
        veto=lambda text, start, end: (
            near(_NOT_A_BODY, text, start, end, 60)
            or _JOKING.search(text) is not None
            # "wants to finish her life story book", "set him free in the garden" (a pet)
            or followed_by(
                r"story|book|work|drive|pay|worry about (?:the|money)|lift|in (?:the|a)|into|back|outside"
            )(text, start, end)
        ),
    ),
)
