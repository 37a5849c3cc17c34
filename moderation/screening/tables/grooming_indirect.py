"""Grooming told without the stage words the rules in ``grooming.py`` look for (issue #12): the
concepts behind what the writers' groomers said, and what carers tell of it. The family that runs
these is ``grooming.Grooming`` (with its fragments: <TRUSTED_ADULT>, <ME2>, <PIC>, <GIFT>).

In young people's spaces, the groomer's side:

- interest in the child's body, bedroom or bathing: "such nice legs in that pic", "u should wear
  shorts more", "which bedroom do u sleep in", "do u shower in the morning or night", "turn around";
- an older person making an age gap sound normal: "do you like older boys", "how old is old enough",
  "i'm 22 but young at heart", "when ur 16 we'll get married", "ur basically an adult";
- a cover story or a hidden channel: "tell them you're going to Ellie's", "add my alt so no one sees",
  "do not discuss with parents", "if u get caught u say nothing", "download telegram and i'll explain";
- a favour owed for a gift: "just need u to do me a little favour", "a few pics to say thanks";
- recruiting to carry (county lines): "the olders", "nobody suspects a kid in uniform", "bring two
  more from your year", "we'll look after u proper";
- being watched and fetched: "i'll get u from the gates", "what street is that", "come knock".

In adults' spaces (the ``grooming`` family reads these only; the stage rules stay young people's):

- someone offering carers time alone with their children, away from the professionals: "no need to
  involve the social worker", "drop-off only", "send me a photo of your child";
- a carer telling of it: a man "asking for pictures", "sent her explicit pictures", "telling her she
  could be a model", "keeps asking him to meet", "cash to hold bags", "cuckooed", "her family don't
  need to come", "pops round when her carers are at work".

Look-alikes tested beside each: "nice legs on that table", "i'll get u from the gates, mum said",
"the school asked for photos for the yearbook", "no need to involve the social worker for a nosebleed",
and anything told as reported or blocked ("that creep asked what bedroom i sleep in so i blocked him").
"""

from __future__ import annotations

import re

from ..patterns import ADULT_ONLY, YOUTH_ONLY, Rule, alternatives, either, followed_by, near, preceded_by

# A family errand or an arrangement the carers made ("mum said i'll get u from the station").
_CARERS_ARRANGED = re.compile(
    r"\b(?:mum|mam|mom|dad|carers?|nan|gran|parents) (?:said|says|asked|arranged|knows|is coming)\b"
)


def _carers_arranged(text: str, start: int, end: int) -> bool:
    return near(_CARERS_ARRANGED, text, start, end)


# Told as reported and warned about: "that creep asked me what bedroom i sleep in so i blocked him".
_WARNED = re.compile(
    r"\b(?:blocked|reported|told (?:my|the) (?:carer|mum|mam|dad|teacher|mods?)|ceop|red flag)\b"
)


def _warned(text: str, start: int, end: int) -> bool:
    return _WARNED.search(text) is not None


GROOMING_INDIRECT_RULES = (
    Rule(
        "sexual",
        alternatives(
            "(?:u|you|ur|your) (?:have|got|has|look|looked) (?:such |so |really |well )?(?:nice|fit|hot|"
            "sexy|gorgeous|peng|lush) (?:legs|bum|figure|lips|thighs|curves)",
            "(?:nice|fit|hot|sexy|gorgeous|peng|lush) (?:legs|bum|figure|thighs|curves) in (?:that|ur|your|"
            "the) (?:pic|photo|picture|selfie|snap|vid|video|netball|pe|dance)",
            "(?:u|you) should wear (?:shorts|skirts|a skirt|dresses|less|tighter|crop tops|a bikini)",
            "(?:what are|whats|what'?s|wats|can i (?:ask|have|get)) (?:ur|your) (?:measurements|dress size|"
            "waist size|hip size)",
            "turn (?:a)?round<F3> (?:wanna|want to|let me|so i can|i wanna) see",
            "(?:what|which|wat|wich) (?:bedroom|room) do (?:u|you) sleep in",
            "(?:do|d) (?:u|you) (?:shower|have a shower|have a bath|bath) (?:in the )?(?:morning|night|at "
            "night|naked|alone|on (?:ur|your) own)",
            "(?:tryna|trying to|just) picture (?:u|you)",
            "teach (?:u|you) (?:some )?(?:stuff|things)<F6> (?:boys|men|guys|lads) (?:will )?(?:like|want)",
            "(?:don'?t|dont) be shy (?:with|around) me",
        ),
        "u have such nice legs in that netball pic",
        audiences=YOUTH_ONLY,
        veto=_warned,
    ),
    Rule(
        "flattery",
        alternatives(
            "(?:do|d) (?:u|you) (?:like|prefer|date|go for) older (?:boys|men|guys|lads|girls|women)",
            "how old is old enough",
            "old enough to make (?:ur|your) own (?:choices|decisions|mind up)",
            r"(?:i'?m|im|i am) (?:1[89]|[2-6]\d)<F3> (?:but|though) (?:i'?m|im|i am)<F2> young at heart",
            "(?:we'?d|wed|we would) get on<F3> (?:age|doesn'?t matter|dont matter)",
            r"when (?:i'?m|im|ur|you'?re|youre|u r|you are) (?:16|sixteen|18|eighteen) (?:we'?ll|we will|"
            r"we can|we'?re gonna|we are going to) (?:get married|be together|move in|run away)",
            "(?:ur|you'?re|youre|you are|u r) (?:basically|practically|pretty much|already) (?:an adult|"
            "grown up|a woman|a man)",
            "(?:you'?re|ur|youre|you are|u r) (?:such )?an old soul",
            "(?:never|not ever) felt this way (?:about|with) (?:any|some)",
            "(?:think|thinking) about (?:you|u) (?:a lot|all the time|constantly|every night)",
            # Told by the young person: an adult who says it is a relationship.
            r"(?:online )?(?:bf|boyfriend|gf|girlfriend) (?:is|who'?s|whos|is like) (?:19|[2-6]\d)",
            "waiting (?:till|until|for) (?:i'?m|im|i am) ready",
        ),
        "do you like older boys?",
        audiences=YOUTH_ONLY,
        veto=either(_warned, preceded_by(r"(?:my|our) (?:mum|mam|dad|carer|nan|gran)s? (?:says?|said)")),
    ),
    Rule(
        "secrecy",
        alternatives(
            "tell (?:them|ur|your|ya) (?:<TRUSTED_ADULT> )?(?:you'?re|ur|youre|u r|you are) (?:going|"
            "staying|sleeping|stopping) (?:to|at|round|over at) [a-z]+'?s",
            "(?:alt|second|secret|spare|burner|other) (?:account|acc|phone|number|insta|snap)<F3> so "
            "(?:no one|nobody|noone|no1|ur|your)<F1> (?:sees?|knows?|finds? out|checks?)",
            "(?:do not|don'?t|dont) discuss (?:this |it )?with (?:your |ur )?(?:<TRUSTED_ADULT>)",
            "if (?:u|you) (?:get|gets) (?:caught|stopped|asked|pulled)<F3> (?:u|you) (?:say|know|saw) "
            "(?:nothing|nowt|nuffin)",
            "(?:download|get|install) (?:telegram|kik|signal|wickr|session|whatsapp|discord|wizz)<F3> (?:and|"
            "n|so) (?:i'?ll|ill|we can|i can) (?:explain|talk|chat|tell)",
            "(?:why|cos|because) i (?:can'?t|cant) (?:stay|talk) on here",
            "(?:things|stuff) (?:u|you) (?:can'?t|cant) (?:say|talk about|tell anyone) (?:on here|here|to "
            "anyone|to ur|to your)",
            "(?:said|says|told me|tells me) (?:don'?t|dont|not to|to not|never to) tell (?:my |me )?"
            "(?:adoptive |foster )?(?:<TRUSTED_ADULT>)",
            "pretend(?:ing|s)? to be (?:my|ur|your|her|his) (?:dad|mum|mam|carer|uncle|brother|parent|"
            "foster)",
        ),
        "tell them you're going to ellie's and come into town with me",
        audiences=YOUTH_ONLY,
        veto=_warned,
    ),
    Rule(
        "gifts",
        alternatives(
            "(?:need|want|just need) (?:u|you) to do (?:me )?a (?:little|small|lil|tiny|quick) favou?r",
            "(?:pics?|photos?|selfies?|vids?) (?:to say|as a|for a) (?:thanks|thank you|ty)",
            "(?:u|you) can keep the (?:money|cash|change)<F3> (?:you|u) deserve",
            r"(?:send|give|get) (?:u|you|ya) \d+ (?:v-?bucks|robux|coins|gems)",
            "top up (?:ur|your)(?: [a-z]+)? (?:account|acc|card)",
        ),
        "just need u to do me a little favour after",
        audiences=YOUTH_ONLY,
        veto=_warned,
    ),
    Rule(
        # County lines: older ones recruiting children to carry, hold or bring others.
        "gifts",
        alternatives(
            "(?:the|my|our|his|her) olders",
            "(?:nobody|no one|noone|no1) (?:suspects|checks|stops|searches) (?:a|the) (?:yout|youth|kid|"
            "child|girl|boy)",
            "(?:bring|get|recruit) (?:\\d+|two|three|a few|some) (?:more )?(?:yutes|youts|kids|boys|lads|"
            "girls)"
            "<F3> (?:from|in) (?:my|ur|your|the) (?:year|school|class|estate|home)",
            "(?:the ones|kids) in care<F2> (?:cos|because|since) (?:no one|nobody|noone) checks",
            "(?:we'?ll|we will|they'?ll|ill|i'?ll) look after (?:u|you) (?:proper|properly|right)",
            "(?:u'?ll|you'?ll|youll|u will|you will) never want for (?:nothing|anything)",
            "(?:got|have) a job for (?:u|you)<F3> (?:better than|pays|no questions)",
        ),
        "nobody suspects a yout in school uniform",
        audiences=YOUTH_ONLY,
        veto=_warned,
    ),
    Rule(
        "meeting",
        alternatives(
            "(?:i'?ll|ill|i will|i can|let me)<F1> (?:get|pick|collect|meet) (?:u|you|ya)(?: up)? "
            "(?:from|at|outside) (?:the |ur |your )?(?:school )?gates?",
            "(?:is that|that'?s|thats) (?:the|ur|your) [a-z]+ (?:behind|near|next to|opposite|by) (?:ur|"
            "your) "
            "(?:house|flat|school)",
            "(?:what|which|wat) (?:street|road|estate|house) (?:is that|do (?:u|you) live)",
            "come (?:and )?knock (?:next time|anytime|any time|on my door)",
            "(?:sending|sent|send|bought|buying|pay for) (?:me|u|you) a (?:train|bus|coach) ticket",
            "(?:maccies|mcdonalds|kfc|town|the cinema|a drive|food)<F2> (?:then|n then|and then) (?:back "
            "to |back )?mine",
            "(?:skip|bunk|wag) (?:school|tmrw|tomorrow|tmr|2moro|class)<F3> (?:ill|i'?ll|we'?ll|and come)",
        ),
        "ill get u from the gates at 11",
        audiences=YOUTH_ONLY,
        veto=either(_warned, _carers_arranged),
    ),
    Rule(
        # Asking a child for what finds them: the name before adoption, a survey of who and where.
        "meeting",
        alternatives(
            "the one before (?:u|you) (?:were|got|was) adopted",
            "(?:give|tell|send) me (?:your|ur) (?:school|address|postcode|street)",
            "(?:i'?ll|ill|i will) come (?:and )?find (?:you|u)",
            "(?:asking|asked|asks|keeps asking)<F2> (?:if|whether) (?:i'?m|im|i am|i was) adopted",
            "(?:i'?ll|ill|i will|i can|let me) be (?:ur|your) (?:daddy|new dad|real dad|new family)",
            "(?:ur|your) (?:real |birth |old |original )?name<F3> before (?:u|you) (?:were|got|was) adopted",
            "send (?:us |me )?(?:your|ur) (?:full name|date of birth|dob|home address)<F6> (?:photo|pic|"
            "picture|selfie)",
        ),
        "whats ur real name? the one before u were adopted?",
        audiences=YOUTH_ONLY,
        veto=_warned,
    ),
    Rule(
        # Someone offering carers their children, away from the people who keep them safe.
        "secrecy",
        alternatives(
            "(?:no need to|best not to|better not to|don'?t need to|dont need to|don'?t bother to|without) "
            "(?:involve|involving|mention(?:ing)?(?: it| this)? to|tell(?:ing)?) (?:the|their|your|his|her) "
            "(?:social worker|caseworker|case worker|sw|social services|carers?|parents)",
            "(?:do|does|learn) better without (?:parents|carers|mum|dad|the parents)",
            "drop[- ]off only",
            "send me a (?:photo|pic|picture) of (?:your|ur) (?:child|son|daughter|kids?|children|boy|girl|"
            "lad)",
            "(?:pops?|comes?|came|goes|went) (?:round|over)<F2> when (?:her|his|their) (?:carers|parents|"
            "foster carers|mum|dad) (?:are|is) (?:at work|out|away)",
        ),
        "happy to take a lad for a weekend, no need to involve the social worker",
        audiences=ADULT_ONLY,
        veto=either(
            followed_by(r"for|over|about|yet|until|unless|if|every time|'?s|s'|in (?:his|her|their)"),
            _carers_arranged,
        ),
    ),
    Rule(
        # A carer telling of someone working on their child.
        "reported",
        alternatives(
            "(?:askin|asking|asked|asks|been asking|keeps asking) (?:her|him|them) for (?:pictures|"
            "pics|photos|nudes|images|videos)",
            "(?:an|and|n) (?:askin|asking) for (?:pictures|pics|photos|nudes)",
            "(?:sent|sending|sends|been sending|been sent) (?:her |him |them )?(?:explicit|naked|sexual|rude|"
            "dirty|indecent|nude) (?:pictures|pics|photos|images|videos|messages)",
            "(?:she|he) could be a model",
            "(?:she'?s|he'?s|shes|hes|she is|he is) (?:no tae|not to|no to|never to) tell",
            "(?:keeps|kept|been) asking (?:him|her|them) to meet",
            "(?:asked|asking|asks|wants) (?:him|her|them) to (?:meet (?:him|up)|stay (?:over|the night))",
            "(?:been asked|was asked|is asked) to stay (?:over|the night)",
            "meet (?:him|her|them) (?:alone|on (?:her|his|their) own|in secret)",
            "(?:her|his|their) (?:family|parents|carers|mum|dad|grandparents) (?:don'?t|dont|doesn'?t|do "
            "not|won'?t) need to (?:come|know|be there)",
            "(?:giving|gave|gives|pays?|paying|paid)(?: [a-z]+){0,4} (?:cash|money|\\d+ quid) to (?:hold|"
            "carry|keep|store|run|drop|deliver) (?:bags|packages|parcels|drugs|stuff|things)",
            "run (?:a )?(?:phone|line|county line) (?:out of|in|for)",
            "cuckoo(?:ed|ing)",
            "(?:a |one )?phone that only rings one number",
            "(?:mentor|coach|man|fella|bloke|guy|stranger|adult|\\d\\d(?: year old| yo)?)<F4> (?:messages|"
            "texts|snapchats|dms|calls) (?:him|her) (?:constantly|all the time|every night|late at night|at "
            "night)",
            "(?:gave|passed|slipped|given|handed) (?:her|him) a (?:phone|sim|sim card|burner)",
        ),
        "some man on snapchat keeps asking her for pictures",
        audiences=ADULT_ONLY,
        # The school, the agency or a form asking for photos; a warning read or given.
        veto=lambda text, start, end: (
            re.search(
                r"\b(?:school|agency|panel|passport|yearbook|form|social worker|the la|council|"
                r"training|course|leaflet|article|if (?:someone|anyone|somebody|a stranger|people))\b",
                text[max(0, start - 60) : start],
            )
            is not None
        ),
    ),
)
