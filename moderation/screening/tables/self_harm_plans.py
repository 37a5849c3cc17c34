"""Risk to life told by its plans and its leavings (issue #12, the misses of the seventh session's
writers, written-18 to -22, and the older files' validation misses): what people write when the plan
is made and told sideways, in neither the plain words (``self_harm.py``), the indirect phrases
(``self_harm_indirect.py``) nor the signs (``self_harm_signs.py``, ``self_harm_signs_more.py``).

Each group is one idea written many ways, not one sentence:

- belongings left to someone as if for after: a young person's will, "so he's got it after", a
  list of who gets whose things, someone asked to look after a pet or a sibling "if something
  happens to me";
- a wish that the writer had never been, granted: "she wishes she never took me, so I'll make her
  wish come true", "maybe I'll fix it", "she'll get her wish";
- the means known, kept or bought, with the purpose withheld: "I know where grandad keeps his
  pills", a hosepipe bought "and I'm not saying what for", a question "asking for real" or "not for a
  friend" about a means, "a tree that would work", "I keep looking at it", a belt or rope tied in a
  loop or from a rail;
- the how and where worked out: "worked out how and where", "a plan for how I'd do it", "how easy it
  would be", making it look like an accident, going under and not coming up, sleep "the long kind",
  how long before someone cannot swim or passes out;
- a place and the courage: "where no one goes", "to work up the courage";
- following someone into death, a pact; thanks said as a goodbye ("thanks for trying with me",
  "you tried your best, I'm just broken", "it feels like a goodbye"); a limit or a sign ("I'll give
  it till Christmas, if it's still like this I'm going", "that's my sign", "I won't carry on").

A second tuple (``SELF_HARM_PLAN_MORE_RULES``) holds belongings given away, others spared the writer
"much longer", letters left for everyone, medicines kept back or asked where they are kept, self-injury
told by its act ("pushed the blade into my leg", "the thing to my legs") and leaving with no return
("don't look for me", young people's spaces); a third (``SELF_HARM_PLAN_LAST_RULES``) a voice or the
writer's head giving the order, joining the dead, means at hand "I could use", and not expecting to
post again.

Some rules say what they *need* around them (``Rule.needs``: a means or a death near "not joking", a
wish told near "make her wish come true", an "if" before "that's my sign"): where it is missing the rule
does not apply, and, unlike a veto, nothing is judged harmless, so the classifier still reads the
sentence.

Look-alikes vetoed beside each: a wish for a puppy made to come true, "I know where mum keeps the
biscuits", "working up the courage to ask her out", "how easy it would be to order a takeaway",
"a rope tied to the tree for a swing", "thanks for trying, the link didn't work", away with its
ordinary reason. All P1 ("ideation").
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, followed_by, near, preceded_by
from .self_harm_signs import _LIFE_STORY, _ordinary_leaving

# The things a young person gives away or leaves (their own, not money lent).
_THINGS = (
    "(?:stuff|things|clothes|games|console|switch|xbox|ps[45]|playstation|phone|account|plushies|"
    "teddies|lego|trainers|shirt|hoodie|room|bike|books|cards|makeup|jewellery|records|albums?)"
)

# Said of the writer: never wanted, never born, a burden someone is stuck with.
_UNWANTED = re.compile(
    r"\b(?:never (?:been )?born|never (?:wanted|had|took|adopted|asked for) (?:me|kids|children|a kid)|"
    r"stuck with me|rather (?:i'?d|i had|i) (?:died|not been born|never)|"
    r"wish(?:es|ed)? (?:i|she|he|they) (?:was|were|had|'d|never)|"
    r"(?:better|easier) (?:off )?without me)\b"
)

# Means and death, near a question whose purpose is withheld, a "not joking", a look kept on "it".
_MEANS_OR_DEATH = re.compile(
    r"\b(?:overdose|od|pills|tablets|meds|paracetamol|sertraline|citalopram|codeine|methadone|insulin|"
    r"antidepressants?|painkillers|medicine cabinet|blades?|razors?|rope|hosepipe|belt|noose|bridge|river|"
    r"canal|weir|sea|drown\w*|underwater|breath|pass out|die|dye|dying|dead|death|kill|jump|train|cliff|"
    r"car park|multi ?storey|roof|knife|knives|funeral|(?:my|a|his|her) will|suicide note|goodbyes?|"
    r"leave my|giving away|give away|nowhere|end it|not be here|not be around|not coming home)\b"
)
# The writer or their life, near "look like an accident": "ways to take myself out of the picture that
# would look like an accident" (not "he broke it and made it look like an accident").
_SELF_OUT = re.compile(
    r"\b(?:myself|mesel[fv]|how i'?d|i'?d do it|my life|out of the picture|insurance|off the road|let go|"
    r"fell off|i meant it)\b"
)


def _needs(compiled: re.Pattern[str], window: int = 150):  # type: ignore[no-untyped-def]
    """What a rule needs: ``compiled`` within ``window`` characters of the match."""
    return lambda text, start, end: near(compiled, text, start, end, window)


# What the ordinary versions of "would work", "on purpose" questions and so on go on with.
_ORDINARY_USE = followed_by(
    r"for|as|if|well|better|best|great|perfectly|nicely|with|on|in|out|fine|ok|okay|too|instead|"
    r"wonders"
)


# Ordinary pastimes at a quiet spot: "a spot where no one goes, we go fishing there".
_PASTIME = re.compile(
    r"\b(?:fish\w*|picnic\w*|swim\w*|camp\w*|read\w*|dog|dogs|walk\w*|smok\w*|vap\w*|chill\w*|hang out|"
    r"kiss\w*|bird\w*|photos?|den|revis\w*|sketch\w*|draw\w*|paint\w*|peaceful|beautiful|lovely|sunsets?|"
    r"views?|with my (?:dad|mum|mam|nan|gran|mates|friends|family))\b"
)
# Courage to ask, tell or try something: "working up the courage to ask her out".
_COURAGE_FOR = re.compile(
    r"\b(?:ask\w*|tell\w*|audition\w*|ring\w*|call\w*|phone\w*|speak\w*|talk\w*|interview\w*|confront\w*|"
    r"exam\w*|date|dm|message|text|jump in|dive|perform\w*|sing\w*|apply\w*|contact|number|reply|write|"
    r"letter|meet\w*|birth \w+)\b"
)
# A ligature's ordinary uses.
_SWING_OR_CLIMB = followed_by(
    r"for (?:a |the |his |her )?(?:swing|tyre swing|climbing frame|washing|tent|hammock|boxing bag|"
    r"punch ?bag|"
    r"dog|den|zip ?line|game|costume)"
)
# Thanks for trying, of a task: "thanks for trying, the link didn't work".
_TASK = re.compile(r"\b(?:link|app|site|website|form|code|file|printer|wifi|password|login|fix|search)\b")

# "how easy it would be" to do something ordinary: "to get a takeaway", "to just quit my job".
_EASY_ORDINARY = followed_by(
    r"to (?:just )?(?:get|find|make|cook|order|buy|book|fix|set|pick|sort|organise|organize|switch|change|"
    r"learn|lose|forget|quit|leave (?:work|my job|the job)|move|sell|apply|claim|join|use|print|ring|call|"
    r"email|phone|cancel|swap|bake|build|clean|tidy|walk away from (?:the|this|my|our) (?:job|house|course))|"
    r"for|if|with|when|once"
)

# The sentence goes on after the match; an "if" before it in its sentence.
_AFTER_IT = followed_by(r"[a-z0-9]+")
_IF_BEFORE = preceded_by(r"\bif\b[^.!?]{0,80}", 100)

SELF_HARM_PLAN_RULES = (
    Rule(
        # Belongings left as if for after, by a young person: "writing my will", "he's sorted out his
        # will", "giving my stuff to my brother so he's got it after", "a list of who gets his lego",
        # "can someone look after my cat if something happens to me", "look out for my little brother if
        # im not around", "tell charlie he can have my room", "can i leave my xbox account to someone".
        # Young people's spaces only: carers write wills and name guardians as a matter of course.
        "suicide_ideation",
        alternatives(
            "(?:writing|wrote|written|write|sorted|sorting|made|making|done|doing|did) (?:out |oot )?(?:my|"
            "his|her|their|me|a) (?:own )?will",
            "so (?:he|she|they|u|you)(?:'s|s| has|'ve| have)? (?:got|gets|get|has|have|can have) (?:it|them|"
            "my "
            "\\w+) after",
            "(?:list|note|letter|written|wrote|decided|deciding|sorted)<F3> (?:of |about )?who (?:gets|"
            "should "
            "get|will get|can have) (?:my|his|her|their|me)",
            "(?:look|looks|lookin|looking|take care|keep an eye) (?:after|aftr|out for|of|on) (?:my|"
            "me)<F3> (?:if|"
            "when) (?:something|smthin|smthn|smth|sumthin|anything|owt) (?:happens|happen|happened|"
            "happns) (?:to|"
            "2) me",
            "(?:look|looks|lookin|looking|take care|keep an eye) (?:after|aftr|out for|of|on) (?:my|"
            "me)<F3> (?:if|"
            "when) (?:i'?m|im|i am) (?:not (?:around|here)|gone)",
            "(?:tell|told|telling) [a-z]+ (?:he|she|they) can have my " + _THINGS,
            "(?:can|could) (?:i|u|you) (?:leave|give) (?:my|me) (?:\\w+ )?"
            + _THINGS
            + " to (?:someone|somebody|"
            "sum1|people)",
        ),
        "writing my will in my maths book",
        "ideation",
        audiences=YOUTH_ONLY,
        # "so she's got them after" where the sentence ends ("after school" is other news)
        needs=lambda text, start, end: (
            not (text[start:end].endswith("after") and followed_by(r"[a-z0-9]+")(text, start, end))
        ),
        veto=lambda text, start, end: (
            _ordinary_leaving(text, start, end) or followed_by(r"power|to|i am|i\.am")(text, start, end)
        ),
    ),
    Rule(
        # A wish that the writer had never been, granted: "she wishes she never took me. so im going to make
        # her wish come true", "he's stuck with me. i think i'll unstick him", "he wished i was never born.
        # maybe i'll fix it", "she said she'd rather I'd died as a baby. maybe she'll get her wish". Only
        # with the wish told near it: a wish for a puppy made to come true is not this.
        "suicide_ideation",
        alternatives(
            "(?:make|making|give|giving|grant|granting) (?:her|his|their|them|him|my \\w+'?s?) (?:wish|"
            "wishes)"
            "(?: come true)?",
            "(?:she|he|they|you|u)(?:'ll|ll| will| can| might| may)? (?:get|gets|have|has) (?:her|his|their|"
            "your|ur) wish",
            "(?:i'?ll|ill|i will|im gonna|i'?m gonna|i'?m going to|im going to|going to|"
            "gonna) (?:just )?(?:fix|"
            "sort|unstick|solve|sort out) (?:it|that|him|her|them|the problem|things for (?:her|him|them))",
        ),
        "my dad wishes he never had me so i'll make his wish come true",
        "ideation",
        needs=_needs(_UNWANTED, 160),
    ),
    Rule(
        # The means known, kept or bought with its purpose withheld: "i know where me grandad keeps his heart
        # pills", "bought a hosepipe today. i'm not saying what for", "found a tree that would work",
        # "worked out which of the meds would do it", "a belt looped round the loft hatch", "a rope tied in a
        # loop under his bed".
        "suicide_ideation",
        alternatives(
            "i know where (?:my |me |the |our )?(?:\\w+ )?(?:keeps|keep|hides|hide|puts|stores|locks) (?:his|"
            "her|"
            "their|the|all the|me|my)<F2> (?:heart |sleeping )?(?:pills|tablets|meds|medication|medicine|"
            "paracetamol|insulin|painkillers|knives|blades|razors|rope|gun|shotgun)",
            "(?:bought|got|buying|ordered|picked up) (?:a|some|the|another) (?:new )?(?:hosepipe|hose|rope|"
            "length of rope|tow rope|charcoal|helium|razor blades|blades)<F2>[.,!]* (?:i'?m |im |and i'?m )?"
            "(?:not saying what for|not telling (?:anyone|you) what for|don'?t ask|dont ask)",
            "(?:haven'?t|have not|havent|not) told<F4> but (?:i'?ve|ive|i have) (?:bought|got|ordered) (?:a|"
            "some|"
            "the)",
            "(?:tree|branch|beam|banister|bannister|rope|belt|meds|pills|tablets|bridge|drop|car park|spot|"
            "place|river|weir)<F4> (?:that |which )?(?:would|will|could|'?d) (?:do it|do the job|work|"
            "hold (?:me|"
            "my weight))",
            "(?:rope|belt|scarf|cord|cable|dressing gown cord|lead|tie) (?:tied|knotted|looped|hung|hanging|"
            "hanged)<F1> (?:in(?:to)? a (?:loop|noose)|(?:round|around|from|over|to) (?:the|his|her|my|a) "
            "(?:loft hatch|wardrobe rail|wardrobe|banister|bannister|beam|rafters?|hook|curtain rail|ceiling|"
            "pipe|light fitting|door|stair ?gate))",
            "(?:hanged|hung|tied|looped|knotted) (?:a|the|his|her|my|me) (?:dressing gown )?(?:belt|rope|"
            "scarf|cord|tie|cable)<F1> "
            "(?:from|round|around|over|to|on|in a loop) (?:the|his|her|my|a)<F1> (?:loft hatch|wardrobe rail|"
            "wardrobe|banister|bannister|beam|rafters?|curtain rail|ceiling|pipe|light fitting|door|rail)",
        ),
        "i know where my nan keeps her sleeping tablets",
        "ideation",
        veto=lambda text, start, end: (
            _SWING_OR_CLIMB(text, start, end)
            # "a tree that would work for the treehouse"
            or (
                text[start:end].endswith(("work", "do it", "job", "me", "weight"))
                and _ORDINARY_USE(text, start, end)
            )
        ),
    ),
    Rule(
        # The means watched, named just before: "I've got her old methadone in a bag. I keep looking at it",
        # "started looking at the beam and thinking about it", "been looking at it for a week".
        "suicide_ideation",
        "(?:keep|kept|been|started|start|starting|can'?t stop|cant stop) (?:looking|staring|to look|"
        "to stare) "
        "at (?:it|them|the (?:beam|banister|bannister|loft hatch|rafters|bridge|pills|tablets|rope|belt|"
        "tree))",
        "got all my tablets in one box. i keep looking at it",
        "ideation",
        needs=lambda text, start, end: (
            near(_MEANS_OR_DEATH, text, start, start, 200) or not text[start:end].endswith(("it", "them"))
        ),
    ),
    Rule(
        # The how and where worked out: "worked out how and where", "a plan for how I'd do it", "i think about
        # how easy it would be", "going under and not coming back up", "how long it would take if I just
        # slipped under", "some sleep, the long kind", "how long before they cannot swim", "hold your breath
        # underwater to pass out".
        "suicide_ideation",
        alternatives(
            "(?:worked out|work out|working out|figured out|planned|planning|know|"
            "decided) (?:the )?(?:how and "
            "(?:the )?where|where and how|how and when|when and how)",
            "(?:a plan|planned|plan|planning|thought about|worked out) (?:for |of )?how (?:i'?d|i would|"
            "i'?ll|"
            "i will|to) do it",
            "(?:think|thinking|thought|wonder|wondering|wondered|imagine|imagining) (?:about )?how easy it "
            "(?:would|'?d) be",
            "(?:go|going|goin|slip|slipped|slipping|sink|sinking|went) under<F3> (?:and )?(?:not|never) "
            "(?:coming|come|came|comin) (?:back )?up",
            "how long it (?:would|'?d|will) take if i (?:just )?(?:slipped|went|go|slip|stayed|stay) under",
            "(?:sleep|rest)[.,!]* the (?:long|forever|permanent|endless) (?:kind|sort|type|one)",
            "how long (?:before|until|till|til)<F6> (?:(?:can'?t|cannot|cant|can no longer|"
            "stop being able to) "
            "swim|pass out|black out|drown|bleed out|lose consciousness)",
            "hold (?:your|my|ur|their) breath<F3> (?:underwater|under water)<F4> (?:to )?(?:pass out|"
            "black out|"
            "drown)",
        ),
        "I've worked out how and where",
        "ideation",
        veto=lambda text, start, end: (
            _EASY_ORDINARY(text, start, end)
            # "worked out how and where to park"
            or (text[start:end].endswith(("where", "how", "when")) and followed_by(r"to")(text, start, end))
            or (
                text[start:end].endswith("do it")
                and followed_by(r"if|differently|next|better")(text, start, end)
            )
            or near(
                re.compile(r"\b(?:lesson|badge|sauna|lifeguard|first aid|course|swimming club)\b"),
                text,
                start,
                end,
                100,
            )
        ),
    ),
    Rule(
        # Death made to look like an accident, with the writer in it: "ways to take myself out of the picture
        # that would look like an accident", "make it look like the car went off the road".
        "suicide_ideation",
        "(?:make it|would|will|could|it'?d|it would) look like (?:an? )?(?:accident|the car went|i (?:fell|"
        "slipped|crashed))",
        "ways to do it myself that would look like an accident",
        "ideation",
        needs=_needs(_SELF_OUT, 150),
    ),
    Rule(
        # A place and the courage: "there's a spot up by the lake where no one goes. i keep going there to
        # work up the courage", "I know which bit of the woods is quiet".
        "suicide_ideation",
        alternatives(
            "(?:work|working|worked|build|building|get|getting|got|pluck|plucking) up (?:the )?(?:courage|"
            "nerve|guts|bottle)",
            # "there's a field behind my house where nobody goes. I'll go there"
            "(?:a|the) (?:spot|place|bit|part|field|wood|woods|quarry|lane|track)<F5> (?:where )?(?:no ?one|"
            "nobody|no1|noone) (?:ever )?(?:goes|"
            "comes|would find|will find|can see|would see)",
            "(?:know|found|picked|chosen|chose) (?:which|a|the) (?:bit|spot|place|"
            "part) (?:of (?:the )?\\w+ )?"
            "(?:is|'s|are) (?:quiet|empty|deserted)",
        ),
        "i keep going up there to work up the courage",
        "ideation",
        veto=lambda text, start, end: (
            (
                text[start:end].endswith(("courage", "nerve", "guts", "bottle"))
                and (
                    followed_by(r"to|for|and|up")(text, start, end)
                    or near(_COURAGE_FOR, text, start, end, 80)
                )
            )
            or near(_PASTIME, text, start, end, 100)
        ),
    ),
    Rule(
        # Following someone into death, a pact: "if her mam dies she's going with her", "if one goes we both
        # go"; thanks said as a goodbye: "thanks for trying with me", "you tried your best. i'm just broken",
        # "it feels like a goodbye"; a limit: "I'll give it till christmas. if it's still like this I'm
        # going".
        "suicide_ideation",
        alternatives(
            "if (?:\\w+ ){0,3}(?:dies|died|passes away|doesn'?t make it|"
            "don'?t make it)[.,]* (?:then )?(?:she'?s|"
            "he'?s|i'?m|im|they'?re|i'?ll|ill|she'?ll|he'?ll|i will|shes|hes) (?:goin|going|gonna go|go|"
            "going "
            "to go|follow\\w*) (?:with (?:her|him|them)|too|as well|after (?:her|him|them))",
            "if (?:one|1) (?:of us )?(?:goes|dies|does it) we (?:both|all) (?:go|die|do it)",
            "(?:thanks|thank you|thank u|thx|ty) for trying (?:with me|so hard with me)",
            "(?:thanks|thank you|thank u) for trying[.,!]* (?:\\w+[.,!]* )?(?:you|u) were the only one",
            "(?:u|you) (?:tried|did) (?:ur|your|yer) best[.,!]* (?:i'?m|im|i am) (?:just )?(?:broken|sorry|"
            "done|"
            "tired|not worth)",
            "(?:feels|felt|sounds|sounded|reads|read|looked|looks) like (?:a|her|his|their) (?:goodbye|final "
            "goodbye|farewell)",
            "(?:give|giving|gave) it (?:till|until|til|to|one more|"
            "another) \\w+(?: \\w+)?[.,!]* if<F6> (?:i'?m|"
            "im|i am) (?:going|goin|gone|done|out)",
        ),
        "if her nan dies she's going with her",
        "ideation",
        veto=lambda text, start, end: (
            _ordinary_leaving(text, start, end)
            or (
                text[start:end].endswith(("goodbye", "farewell"))
                and followed_by(r"party|card|present|gift|hug|at|to|from|for|when|as")(text, start, end)
            )
            or ("trying" in text[start:end] and near(_TASK, text, start, end, 80))
        ),
    ),
    Rule(
        # A sign or a limit after "if": "if my birth mum doesn't turn up on saturday that's my sign", "if they
        # take him I won't carry on" (not "that's my sign to go to bed", "won't carry on with swimming").
        "suicide_ideation",
        alternatives(
            "(?:that'?s|thats|that will be|that'?ll be|it'?s|its) my sign",
            "(?:i |then i )?(?:won'?t|will not|wont|can'?t|cannot|cant) carry on",
        ),
        "if she doesn't ring tonight that's my sign",
        "ideation",
        # after an "if", and where the sentence ends ("that's my sign to go to bed" is not it)
        needs=lambda text, start, end: (
            _IF_BEFORE(text, start, end) and not followed_by(r"[a-z]+")(text, start, end)
        ),
        veto=_ordinary_leaving,
    ),
    Rule(
        # A means or a death with its purpose withheld or its joke taken back: "what happens if you take all
        # of your brothers meds at once. asking for real", "anyone know if you can overdose on sertraline. not
        # asking for a friend", "blades in pencil sharpeners... need one for something", "writing my will
        # in it, not even joking", "where i see myself in 5 years: nowhere. i mean it".
        "suicide_ideation",
        alternatives(
            "(?:not|isn'?t|wasn'?t|im not|i'?m not) asking for a friend",
            "(?:i am |i'?m |im )?asking for (?:real|reasons|me|myself|a reason)",
            "(?:need|needs|want|wanted|needed) (?:one|some|them|it) for (?:something|smthin|smth|sumthin|"
            "reasons)",
            "what (?:happens|would happen|will happen) if (?:you|u|i|someone|a person) (?:take|took|swallow|"
            "swallowed|had|have) (?:all|a whole|the whole|loads|a load|lots|a lot|too many|"
            "\\d+)<F5> (?:pills|"
            "tablets|meds|medication|medicine|paracetamol|painkillers|<MEDICINE>)",
            "not (?:even )?(?:joking|jokin|kidding)",
            "i (?:mean|meen) it",
            "(?:i'?m|im) not sure (?:i'?m|im) joking",
            "not (?:in )?the funny way",
        ),
        "is it bad if you take all of your mums pills at once. asking for real",
        "ideation",
        needs=_needs(_MEANS_OR_DEATH, 120),
        # said to someone else, to hold on: "if you're in it now, hang on. i mean it"
        veto=preceded_by(r"(?:hang|hold) on[.!, ]*|keep going[.!, ]*|(?:you|u) matter[.!, ]*", 30),
    ),
)

# Things given away as outgrown, replaced or for a reason: "giving away my old bike, got a new one",
# "giving away her jewellery early so she can see them enjoy it".
_GIVEN_FOR_A_REASON = re.compile(
    r"\b(?:old|outgrown|grown out|too small|doesn'?t fit|don'?t fit|spare|new one|got a new|upgrad\w*|"
    r"baby bank|moving house|selling|early|enjoy\w*|so (?:i|she|he) can see)\b"
)
# A needle or a blade put into skin for a reason: a jab, a blood test, a splinter.
_CARE_OR_CRAFT = re.compile(
    r"\b(?:injection|vaccine|jab|blood test|nurse|doctor|insulin|diabet\w*|splinter|sewing|pinned|"
    r"by accident|accidentally|tattoo|piercing|acupuncture)\b"
)
# Letters of thanks or of a season: "wrote thank you letters for everyone at the party".
_OCCASION = re.compile(r"\b(?:thank ?you|christmas|birthday|valentines?|pen ?pals?|santa)\b")
# Sent away by someone else: "he says i'm going to india in the summer and not coming back".
_SENT_AWAY = preceded_by(r"(?:says|said|saying|told me|making me|sending me|taking me)\b[^.!?]{0,60}", 80)

SELF_HARM_PLAN_MORE_RULES = (
    Rule(
        # Belongings given away, told by whoever sees it: "he's been giving his games away", "she's been
        # giving away all her stuff", "had given away his bike"; and by a young person with a sign that it
        # is final: "giving away my whole account, dont need it anymore", "giving away my signed shirt and
        # my switch. no reason", "giving away my teddies. they think its cute. its not".
        "suicide_ideation",
        alternatives(
            "(?:been|started|has|had|have|keeps|kept|is|was|'s|s) (?:giving|given|gave)(?: away)? "
            "(?:all (?:of )?)?(?:his|her|their) (?:\\w+ )?" + _THINGS + "(?: away)?",
            "(?:giving|give|gave) away (?:all )?(?:my|me) (?:whole |signed |favourite |fave |best )?"
            "(?:\\w+ )?"
            + _THINGS
            + "[^?!]{0,80}\\b(?:don'?t need|dont need|won'?t need|wont need|no reason|not cute)",
        ),
        "she's been giving away all her things",
        "ideation",
        veto=lambda text, start, end: (
            near(_GIVEN_FOR_A_REASON, text, start, end, 80) or _ordinary_leaving(text, start, end)
        ),
    ),
    Rule(
        # Others spared the writer, soon: "you won't have to deal with my moods much longer", "wouldn't be
        # bothering anyone again", "won't be a bother to you for long".
        "suicide_ideation",
        "(?:won'?t|wont|will not|wouldn'?t|wouldnt) (?:have to )?(?:deal with|put up with|worry about|"
        "be bothering|bother|be a (?:bother|burden) to) (?:me|my \\w+|anyone|anybody|you|u|you all|yous|"
        "you lot)(?: \\w+)? (?:much longer|for much longer|for long|again|anymore|any more)",
        "you won't have to put up with me much longer",
        "ideation",
        veto=lambda text, start, end: (
            _ordinary_leaving(text, start, end)
            or followed_by(r"with|about|till|until|today|tonight|this|sorted|thanks|i promise")(
                text, start, end
            )
        ),
    ),
    Rule(
        # Letters left for everyone, or one to be sure of: "wrote letters for everyone, they're under my
        # bed", "make sure my brother gets his".
        "suicide_ideation",
        alternatives(
            "(?:wrote|written|rote|writing|write|done) (?:\\w+ )?(?:letters|leters|notes) (?:for|to) "
            "(?:every1|"
            "evry1|everyone|everybody|each of (?:you|u|them)|all of (?:you|u|them))",
            "make sure (?:my|me) \\w+(?: \\w+)? gets (?:hers|his|theirs|their letter|her letter|his letter)",
        ),
        "i've written letters for everyone",
        "ideation",
        veto=lambda text, start, end: (
            near(_OCCASION, text, start, end, 60) or near(_LIFE_STORY, text, start, end, 100)
        ),
    ),
    Rule(
        # Medicines kept back, and asked where they are kept: "i've been saving them up instead of taking
        # them", "asked where we keep the paracetamol".
        "suicide_ideation",
        alternatives(
            "(?:saving|saved|stockpiling|hoarding|keeping|kept|hiding|hid) (?:them|it|my \\w+|her \\w+|"
            "his \\w+) (?:up )?instead of taking (?:them|it)",
            "ask(?:ed|ing|s)? (?:me |us |her |him )?where (?:we|you|i|they|mum|dad|nan) (?:keep|keeps|hide|"
            "hides|put|puts) (?:the|our|my|your) (?:pills|tablets|paracetamol|painkillers|meds|medicine|"
            "medication|knives|sharp knives|razors|blades)",
        ),
        "she's been saving them up instead of taking them",
        "ideation",
    ),
    Rule(
        # Self-injury told by its act or its hiding: "pushed the blade into my arm", "doing the thing to my
        # legs again", "i skratch my arms" (misspelt), "thinking about riding my bike into traffic".
        "self_harm",
        alternatives(
            "(?:pushed|pressed|stuck|dug|jabbed|pushing|pressing|digging|sticking) (?:the|a|my|me) (?:knife|"
            "blade|scissors|compass|razor|pin|needle|glass|nail file)<F1> (?:into|in) (?:my|me|her|his) "
            "<PART>",
            "(?:doing|did|do|done) the thing (?:to|on|with) my <PART>",
            "(?:i |she |he )?(?:skratch|skratches|skratching|scrach|scraching|scartch) (?:my|me|her|his) "
            "<PART>",
            "(?:think|thinking|thought) about (?:crashing|riding|cycling|swerving|driving|steering) "
            "(?:my |the )?(?:bike |car )?into (?:traffic|the traffic|oncoming|a lorry|a bus|a wall|"
            "the river)",
        ),
        "i pushed the blade into my arm",
        "ideation",
        veto=lambda text, start, end: near(_CARE_OR_CRAFT, text, start, end, 80),
    ),
    Rule(
        # Leaving with no return, and no one to follow, by a young person: "going out tonight. not coming
        # back. dont look for me", "dinnae follow me".
        "suicide_ideation",
        alternatives(
            "(?:no|not|never|i'?m not|im not|i am not) (?:comin|coming) back",
            "(?:dinnae|don'?t|dont|do not|pls dont|please don'?t) (?:come )?(?:look(?:ing)? for|come after|"
            "follow|try to find) me",
        ),
        "not coming back. dont look for me",
        "ideation",
        audiences=YOUTH_ONLY,
        # the message or its sentence ends there ("not coming back to school" is other news)
        needs=lambda text, start, end: not _AFTER_IT(text, start, end),
        veto=lambda text, start, end: _ordinary_leaving(text, start, end) or _SENT_AWAY(text, start, end),
    ),
)

# The dead, near "join them": "birth mum's dead, adoptive mum's dead. I'm going to join them".
_THE_DEAD = re.compile(r"\b(?:dead|died|passed|passed away|grave|heaven|gone now|buried|funeral)\b")

SELF_HARM_PLAN_LAST_RULES = (
    Rule(
        # A voice or the writer's own head giving the order: "my head keeps saying do it do it", "his thoughts
        # tell him to jump from the window", "the voice tells me to end it".
        "suicide_ideation",
        "(?:brain|head|mind|voices?|thoughts?)(?:'s)?<F1> (?:keeps? |kept |is |are |just )?(?:saying|sayin|"
        "telling (?:me|him|her|them)|tell (?:me|him|her|them)|tells (?:me|him|her|them)|says|"
        "screaming at (?:me|him|her)|shouting at (?:me|him|her)|begging (?:me|him|her))<F1> (?:to )?(?:do it|"
        "jump|end it|kill|hurt|cut|step off|walk into)",
        "my head keeps telling me to do it",
        "ideation",
        veto=followed_by(
            r"(?:it )?(?:for|to (?:the|my|a)|lol|haha|tomorrow|later|now(?: or never)? (?:before|and))"
        ),
    ),
    Rule(
        # Joining the dead, told after them: "adoptive mum's dead, birth mum's dead. i'm going to join them".
        "suicide_ideation",
        # "he keeps saying he wants to 'join his birth dad'", told by a carer
        "(?:going to|gonna|want to|wants to|wanted to|wanna|will|i'?ll|ready to|time to) '?join (?:them|him|"
        "her|my \\w+|(?:his|her) (?:birth )?\\w+)",
        "they're both dead now. i'm going to join them",
        "ideation",
        needs=lambda text, start, end: near(_THE_DEAD, text, start, start, 150),
        veto=followed_by(r"(?:at|in|for|on) (?:the|a|their|his|her)|(?:at|in) \\w+|for (?:tea|dinner|lunch)"),
    ),
    Rule(
        # Means at hand, told as things the writer could use: "bare tings in the cupboard i could use",
        # "enough in the bathroom cabinet i could use".
        "suicide_ideation",
        "(?:things|tings|stuff|pills|tablets|enough|plenty)<F2> in (?:the|my|our|me) (?:cupboard|cabinet|"
        "medicine cabinet|bathroom|drawer|kitchen drawer|shed|garage)<F2> (?:i|you|u) (?:could|can|might) "
        "use",
        "plenty of things in the bathroom cabinet i could use",
        "ideation",
        veto=followed_by(r"for|to|as|in|on|instead|when|if"),
    ),
    Rule(
        # Not expecting to post again, in adults' long farewells: "I do not expect to post again".
        "suicide_ideation",
        "(?:do not|don'?t|dont|won'?t|will not) (?:expect|plan|intend) to (?:post|write|be (?:here|on here|"
        "around)) (?:again|any more|anymore)",
        "i do not expect to post again",
        "ideation",
        veto=lambda text, start, end: (
            _ordinary_leaving(text, start, end)
            or followed_by(r"until|till|for|before|soon|this|on")(text, start, end)
        ),
    ),
)
