"""Harassment with no insult word in it (issue #12): the concepts behind what the word lists miss.
The family that runs these is ``abuse.Harassment`` (beside ``abuse.THREAT_RULES``, whose fragments
these use).

- telling someone their family is not real or that they do not belong in it: "you're not his real
  mum", "you'll never be her family", "they only keep you for the money", "nobody's kid";
- shutting someone out, and getting others to: "you're not welcome", "we made a new chat without
  you", "everyone ignore her", "kick him out of the gc";
- threats of future harm with no harm verb: "watch yourself", "you're a dead man", "we know what
  school you go to", "let's see how brave you are then", "I'll make sure your whole year sees";
- statements that dehumanise a group or deny it family: "they're animals", "X shouldn't be allowed
  to adopt", "children belong with a mother and father", "kidnappers with paperwork", "bred by".

Look-alikes vetoed beside each: a threat quoted in someone's story, "watch yourself on the ice",
"you're not welcome to bring dogs", "can everyone ignore the spam account".
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, either, followed_by, preceded_by

# A threat quoted in someone's story ("he screamed 'I'll kill you'") is the child-to-parent violence
# family's business, not harassment of another member. (Also used by ``abuse.THREAT_RULES``.) "Just
# saying" is the speaker's own taunt ("just saying if i was ur birth mum id have given u up too").
QUOTED = preceded_by(
    r"(?:said|says(?! it all)|(?<!just )saying|shouted|shouting|screamed|screaming|yelled|yelling|told "
    r"(?:me|him|her|"
    r"us)|"
    r"threatened|keeps saying|kept saying|texted|messaged|wrote)[^.!?]{0,30}",
    60,
)

# A taunt told by the one it was said to ("i keep getting told 'your real mum didnt want you'", "we
# were told we should never have been approved"): their story, not harassment of another member.
_TOLD = preceded_by(
    r"(?:(?:get|gets|getting|got|being|been|were|was) told|(?:telling|tells|told|said to|says to|calls?|"
    r"called) (?:me|us))(?: that)?(?: (?:we|i|she|he|they))?\s*['\"]?",
    40,
)

# Groups that hate on this forum is aimed at: families by make-up, faith, origin, disability, and
# adopted and looked-after children themselves.
_GROUP = (
    r"(?:muslims?|muslim (?:families|parents|people)|black (?:kids|people|families|parents)|foreign "
    r"(?:kids|people|families)|asylum (?:kids|seekers)|immigrants?|travellers?|gypsies|gays?|gay (?:couples?|"
    r"dads|men|parents)|lesbians?|lesbian couples?|trans (?:kids|people)|two (?:dads|mums|men|women|blokes)|"
    r"same[- ]sex (?:couples?|parents)|mixed[- ]race (?:kids|children)|disabled (?:kids|people)|autistic "
    r"(?:kids|people)|special needs kids|adoptees|care kids|foster kids|single (?:mums?|dads?|adopters?))"
)

HARASSMENT_INDIRECT_RULES = (
    Rule(
        "belonging",
        alternatives(
            "(?:ur|your|you'?re|you are|u r|youre|you)<F1> (?:not|never) (?:even )?(?:his|her|their|a|the) "
            # (Not "my": "you're not my real mum" is what a child says to a carer, not to a member.)
            "(?:real|proper) (?:mum|mam|mom|dad|mother|father|parents?|family|brother|sister|son|"
            "daughter)",
            "(?:you'?ll|you will|ur|youll|u'?ll|you) never be (?:his|her|their) (?:real )?(?:family|mum|mam|"
            "mom|dad|mother|father|parents?)",
            "(?:ur|your|you and (?:ur|your)) (?:fake|pretend) (?:family|mum|dad|parents|brother|sister)",
            "(?:nobody'?s|no one'?s|noones) (?:kid|child)",
            "only (?:keep|kept|have|took|adopted|want) (?:u|you) (?:for|cos of|because of) (?:the )?(?:money|"
            "benefits|allowance)",
            "lucky (?:anyone|anybody|someone) (?:took|wanted|adopted|takes) (?:you|u)",
            "(?:just )?some (?:kid|child) (?:they|she|he) took in",
            "(?:nobody'?s|no one'?s|nobody is|no one is) (?:gonna|going to|ever going to|ever gonna) "
            "(?:adopt|want|foster) (?:you|u|a \\d+)",
            "(?:bought|buying) a baby",
            "playing house with (?:someone|somebody) else'?s (?:child|kid|baby)",
        ),
        "you're not even his real mum",
        veto=QUOTED,
    ),
    Rule(
        "bullying",
        alternatives(
            "(?:ur|you'?re|you are|u r|youre|your)<F1> not welcome",
            "(?:made|started|making) a new (?:one|gc|group|chat|group chat) without (?:u|you|her|him|them)",
            "(?:everyone|every1|evry1|can everyone|let'?s all|lets all|we all|we should all|can we all|can "
            "we "
            "just|please can everyone)<F3> (?:ignore|block|mute|unfriend|stop (?:engaging|talking) with|"
            "spam (?:his|her|their) (?:dms|page|account|inbox|comments)|"
            "vote (?:him|her|them) off)",
            "(?:nobody|no one|noone) (?:sits|sit) with (?:her|him|them)<F4> (?:if (?:u|you) do|ur out|"
            "you'?re "
            "out)",
            "(?:anyone|any1) who (?:adds|talks to|sits with|invites) (?:him|her|them)<F3> (?:is getting|"
            "gets|will "
            "get) (?:removed|kicked|blocked)",
        ),
        "ngl ur not welcome here",
        veto=either(QUOTED, followed_by(r"to|the (?:spam|bot|scam)|spam|bots?|scam")),
    ),
    Rule(
        "bullying",
        alternatives(
            "(?:kick|boot|chuck|vote) (?:him|her|them|[a-z]+) (?:out|off)(?: (?:of|from) (?:the|this|our) "
            "(?:chat|gc|group|team|server))?",
            "(?:don'?t|dont) let (?:him|her|them) (?:in|into|join|sit with|play)",
        ),
        "kick her out the gc",
        audiences=YOUTH_ONLY,
        veto=either(QUOTED, followed_by(r"(?:of|from) (?:the )?house|at \d+|when")),
    ),
    Rule(
        "threat",
        alternatives(
            "watch (?:yourself|urself)",
            "(?:you'?re|ur|youre|u r|he'?s|hes|she'?s|shes) a dead (?:man|woman|girl|boy|kid)",
            "(?:head|face|teeth) (?:kicked|smashed|caved|punched) in",
            "we know (?:what|which|where) (?:school|house|street|road|estate)? ?(?:u|you) (?:go|live)",
            "(?:won'?t|wont|can'?t|cant) (?:be able to )?(?:protect|save) (?:you|u)",
            "(?:i'?ve got|ive got|i have|got) (?:people|mates|friends) who(?:'ll| will| would| can) find "
            "(?:you|u)",
            "see how (?:hard|brave|tough|big|smart|funny) (?:u|you|she|he) (?:r|are|is)",
            "bet (?:u|you)(?:'ll| will) be (?:walking home|on (?:ur|your) own)",
            "dare (?:u|you) to say (?:that|it) to my face",
            "make (?:sure )?(?:ur|your) whole (?:year|school|class|family) (?:sees|see|knows|finds out)",
            "(?:we'?ll|we will|i'?ll|ill) make (?:you|u) (?:move|leave|regret it)",
            "(?:move|leave) or (?:we'?ll|we will|i'?ll) make (?:you|u)",
            "(?:i'?m|im|we'?re|were) coming round",
            "(?:i )?hope (?:your|ur)<F2> (?:placement|adoption) (?:breaks down|fails|disrupts)",
            "(?:you|u) deserve (?:everything|all) (?:that )?(?:happened|happens|you got|u got)",
            "(?:you|u) don'?t deserve (?:him|her|them|that (?:child|boy|girl)|those (?:kids|children))",
        ),
        "watch yourself at school tomorrow",
        veto=either(
            QUOTED,
            followed_by(
                r"on (?:the|that)|in the (?:kitchen|water|sea|pool|road)|near|with the|round the|around the|"
                r"crossing|later|tomorrow|at \d|with (?:a|the|some)|for (?:tea|dinner|a)|to (?:see|help|"
                r"drop|pick)"
            ),
        ),
    ),
    Rule(
        "hate",
        alternatives(
            f"{_GROUP}<F6> (?:shouldn'?t|should not|should never|must not) be allowed",
            f"typical {_GROUP}",
            f"{_GROUP}<F6> what could (?:possibly )?go wrong",
            f"{_GROUP}<F4> (?:are|r) (?:all )?(?:animals|vermin|parasites|scum|a disease|filth|a plague)",
            "(?:animals|vermin|parasites|scum),? half of them",
            "(?:send|sending) them (?:all )?back (?:where they came from|home)",
            "go back (?:to|where) (?:your|ur|their) (?:own )?(?:country|came from)",
            "(?:children|kids) belong with a (?:mother and (?:a )?father|mum and (?:a )?dad)",
            "(?:no|won'?t have (?:any|an)) idea how to be a (?:man|woman)",
            "(?:experiment|experimenting) on (?:a|that|the|these) (?:child|children|kid|kids)",
            "(?:kidnappers|child snatchers|baby (?:thieves|snatchers|buyers)) with paperwork",
            "(?:bred|spawned) by (?:addicts|junkies|druggies|criminals|scum)",
            "(?:what|we all know what) (?:two|gay) (?:blokes|men|dads)<F4> (?:is|are) really about",
        ),
        "travellers shouldn't be allowed to foster",
        veto=QUOTED,
    ),
    Rule(
        # Wanting someone gone from the space, said to them or of them (the writers of written-7 to -12):
        # "wish you'd just disappear from this forum", "do everyone a favour and sign off for good",
        # "cant wait for u to get moved again so we dont have to see u", "dont ever post again".
        "bullying",
        alternatives(
            "(?:wish|hope|if only) (?:you|u)(?:'d|d| would)? (?:just )?(?:disappear|vanish|go away|sign off|"
            "log off|leave (?:this|the|us)|piss off|sod off|do one|drop dead)",
            "do (?:us|everyone|every1|everybody|the world|the group|the forum)(?: here)?(?: all)? a favou?r "
            "(?:and|n|&) (?:just )?(?:leave|go away|sign off|log off|disappear|do one|get lost|die|delete|"
            "jump|"
            "piss off|sod off|shut up|quit|never post)",
            "(?:can'?t|cant|cannot) wait (?:for|till|until) (?:u|you|her|him)<F3> (?:moved|gone|to leave|"
            "leaves|kicked out|sent back)",
            "so (?:we|i|everyone|every1) (?:dont|don'?t|do not|never) have to (?:see|look at|hear|listen to|"
            "put up with) (?:u|you|ur|your)",
            "(?:dont|don'?t|do not) (?:ever )?(?:post|comment|come (?:back )?(?:in|on) here|show (?:your|ur) "
            "face) (?:in |on )?(?:here )?again",
            "who (?:told|said) (?:u|you) (?:u|you) (?:could|can) (?:sit|come|join|post|talk)",
            "(?:nobody|no one|noone|no1) (?:reply|respond|answer|talk) to (?:her|him|them)",
            "(?:nobody|no one|noone|no1) asked (?:u|you|ya)",
            "(?:ranking|rating|rank|rate)<F6><F3> by how (?:ugly|fat|fit|hot|weird|thick|stupid|annoying|"
            "poor)",
        ),
        "honestly wish you'd just disappear from this forum",
        veto=either(
            QUOTED,
            followed_by(
                r"(?:he'?s|she'?s|they'?re|hes|shes|its|it'?s) (?:a )?(?:bot|scam|spam|troll|fake)|bots?|"
                r"scam|spam|for a (?:bit|while|day|week)"
            ),
        ),
    ),
    Rule(
        # Ganging up until someone leaves: "we'll spam every thread he's in till he leaves", "we all
        # reply 'who asked' to everything she posts until she gives up". Only with the group named.
        "bullying",
        "(?:till|until|til) (?:he|she|they) (?:leaves|gives up|quits|gets the hint|deletes (?:his|her|their) "
        "(?:account|acc)|leaves the (?:group|chat|forum|gc))",
        "we'll spam every thread he's in till he leaves",
        veto=lambda text, start, end: (
            re.search(
                r"\b(?:we all|we'?ll|we will|everyone|every1|everybody|let'?s|lets|who'?s with me|spam|reply|"
                r"ignore|plan)\b",
                text[max(0, start - 90) : start],
            )
            is None
            or QUOTED(text, start, end)
        ),
    ),
    Rule(
        # Threats made of what will be told or done if the reader acts: "if u report me again ill find
        # u at school", "if you come in this chat again ill tell everyone you wet the bed", "keep
        # talking n see wat happens to ur little bro", "i've found your linkedin. don't think i won't".
        "threat",
        alternatives(
            "if (?:u|you) (?:report|block|tell|grass|come|post|say|comment|talk)<F5> (?:i'?ll|ill|i will|"
            "imma|"
            "ima|we'?ll|we will) (?:find (?:u|you)|expose (?:u|you)|(?:tell|send|show) (?:everyone|every1|"
            "everybody|them|the whole [a-z]+)<F1> (?:ur|your|you|u|what (?:u|you)|about (?:u|you|ur|your)|"
            "the "
            "(?:screenshots|pics|photos|messages|chats))|post (?:ur|your|the screenshots|the pics|what))",
            "make sure (?:everyone|every1|everybody|the whole [a-z]+)<F4> knows? (?:ur|you'?re|youre|u r|you "
            "are|what (?:u|you))",
            "(?:see|watch) (?:wat|what) happens to (?:ur|your|yer) (?:little |baby |big )?(?:bro|brother|"
            "sister|sis|mum|mam|mom|dad|family|kids?|son|daughter|dog|cat|house|car)",
            "(?:i'?ll|ill|i will|i'?m going to|im going to) (?:be )?(?:contact|contacting|ring|ringing|call|"
            "calling|email|emailing|write to|writing to|report (?:you|u) to) (?:your|ur) (?:employer|boss|"
            "work|workplace|manager|line manager|professional body)",
            "(?:i'?ve|ive|i have) found (?:your|ur) (?:linkedin|facebook|fb|address|house|workplace|employer|"
            "insta|instagram|work)",
            "(?:don'?t|dont) think i (?:won'?t|wont|will not)",
            "(?:rip|tear|knock|take) (?:her|his|your|ur|their|yer) (?:head|face|block) off",
            "(?:deserves?|deserved) a (?:good )?(?:kicking|hiding|beating|battering|slap|smack|punch|"
            "leathering|kick in)",
            "i (?:want to|wanna) (?:kill|stab|punch|batter|hurt|smash) (?:u|you|ya)",
            # Self-harm urged as a tip: "go touch the train tracks, they're lovely this time of year".
            "go (?:and )?(?:touch|lie on|lay on|play on|play in|sit on|stand on|walk on) (?:the )?(?:train "
            "tracks|tracks|railway|railway line|motorway|traffic)",
        ),
        "if u report me again ill find u at school",
        veto=either(
            QUOTED,
            followed_by(
                r"[a-z]+ (?:at|in|on) (?:the )?(?:graduation|wedding|party)|cry|lol|haha|for (?:spoil|"
                r"not|eating|taking)"
            ),
        ),
    ),
    Rule(
        # An adopted child's family turned into a taunt: "no wonder her birth mum gave her up", "if i
        # was ur birth mum id have given u up too", "ur real one left u anyway", "hope ur real mum ODs".
        "belonging",
        alternatives(
            "no wonder (?:ur|your|her|his|their) (?:birth |real |bio |first )?(?:mum|mam|mom|dad|parents|"
            "family|mother|father) (?:gave|give|gives|left|dumped|didn'?t want|abandoned|got rid of)",
            "(?:i'?d|id|i would) (?:have|of|'?ve) (?:given|give|gave) (?:u|you) up (?:too|as well|an all)",
            "(?:ur|your) real (?:one|mum|mam|mom|dad|parents) (?:left|dumped|didn'?t want|abandoned|gave up "
            "on|gave) (?:u|you)",
            "hope (?:ur|your) (?:real |birth |bio )?(?:mum|mam|mom|dad|parents|family)<F1> (?:od|ods|od'?s|"
            "overdoses?|dies|relapses|goes back to prison|gets locked up)",
            "no wonder (?:ur|you'?re|youre|u r|you are|she'?s|he'?s|shes|hes) (?:single|alone|adopted|in "
            "care|unloved|on (?:ur|your|her|his) own)",
            "real (?:mums|mothers|parents|dads|mams) (?:give birth|don'?t adopt|have their own)",
            "thinks (?:she'?s|he'?s|shes|hes|she is|he is|they'?re|you'?re|ur) (?:a )?'?real '?(?:mum|mam|"
            "mom|mother|parent|dad|family)",
            # Scare quotes ("it's 'parents' like you"): the closing quote, as no word boundary
            # comes before the opening one.
            "(?:parents|mums|dads|carers|mothers|fathers)' like (?:you|u)",
            "(?:feel|feels) sorry for (?:him|her|u|you)<F2> (?:cos|because|coz)<F1> (?:adopted|in care|"
            "fostered)",
            "(?:keep|keeps|kept|always) calling me (?:an? )?(?:adoptee|adopted|care|foster|orphan|reject|"
            "unwanted)",
            "(?:parenting|adoption|adopting|fostering|being a (?:mum|dad|parent|carer)) (?:isn'?t|is not|"
            "wasn'?t|was never|just isn'?t) for (?:you|u)",
            "(?:dim|thick|stupid|useless|incompetent|clueless|dense|daft)<F2> (?:and|yet|but) (?:still )?"
            "(?:allowed|let|approved) to (?:foster|adopt|parent|have (?:kids|children))",
            "(?:you|u|another one who|one who) (?:should never|shouldn'?t ever|should not) (?:have )?(?:got|"
            "been given|been allowed|been approved for|had) (?:an? |those |them |any |the )?(?:sgo|kids|"
            "children|placement|"
            "adoption order|that (?:child|boy|girl))",
            "(?:kids|children) like (?:yours|urs|your (?:son|daughter|boy|girl|lad)) (?:are|is|r) (?:why|the "
            "reason|ruining|a menace|a danger)",
            "(?:u|you|ya) (?:stink|reek)",
        ),
        "no wonder her birth mum gave her up",
        # The taunt told by the one it was said to: "i keep getting told 'your real mum didnt want you'".
        veto=either(
            QUOTED,
            _TOLD,
        ),
    ),
    Rule(
        # Hate said as a theory or a jibe rather than an insult word.
        "hate",
        alternatives(
            "great replacement",
            "brown (?:on the )?outside<F2> white (?:on the )?inside",
            "(?:need|needs|deserve|deserves) a (?:mother and (?:a )?father|mum and (?:a )?dad)<F1> not an? "
            "(?:experiment|social experiment|lifestyle)",
            "(?:he'?s|she'?s|they'?re|hes|shes) not (?:really )?trans<F3> (?:confused|a phase|attention)",
            "typical (?:scouser|scousers|geordie|geordies|brummie|brummies|pikey|pikeys|chav|chavs)",
        ),
        "typical scouser, always on the rob",
        veto=QUOTED,
    ),
    Rule(
        # Death wished on someone in polite or joking words (the ninth to twelfth writers): "do the
        # world a favour and don't wake up tomorrow", "there's a rope shop in town if you're that
        # miserable", "go find a tall building and test gravity", "if i were you i'd have jumped".
        "incitement",
        alternatives(
            "(?:hope (?:you|u)|and) (?:don'?t|dont|never) wake up(?: tomorrow| again)?",
            "(?:do|doing) (?:the world|everyone|every1|us all|us|the kids|your kids) a favou?r (?:and|by) "
            "(?:disappearing|dying|not waking up|jumping|leaving for good)",
            "rope shop",
            "(?:find|go find|go up|climb) (?:a|the) (?:tall|high|tallest|highest) (?:building|bridge|cliff)",
            "test (?:gravity|if (?:you|u) can fly)",
            "(?:i'?d|id|i would) have jumped (?:already|by now|ages ago)",
            "take the long walk",
            "as pointless as (?:your|ur) existence",
        ),
        "do the world a favour and don't wake up tomorrow",
        # "hope you never wake up this early again", "so you don't wake up at 5".
        veto=either(
            QUOTED, followed_by(r"this|so|at|before|early|late|with|to|in|on|like|feeling|until|till")
        ),
    ),
    Rule(
        # Threats left unsaid: "carry on and see what happens", "i'd stay out of my way if i were
        # you", "we know what car she drives", "be a shame if your placement got reviewed", "one more
        # post and it goes to your employer", "i will find you".
        "threat",
        alternatives(
            "(?:carry on|keep (?:going|it up|talking|posting|on)) (?:and|n) see (?:what|wat) happens",
            "(?:i'?d|id|i would) stay out of my way",
            "(?:we|i|they) know (?:what|which) car (?:she|he|you|u|they) drives?",
            "(?:be a|would be a|it'?d be a) shame if (?:your|ur) (?:placement|kids?|son|daughter|children|"
            "job|"
            "house|family|account|social worker|employer|boss)",
            "(?:be a|would be a|it'?d be a) shame if (?:something|anything) (?:happened|were to happen)",
            "one more (?:post|comment|word|message)<F4> (?:and|n) (?:it|this|they|these|that) (?:goes|go|"
            "gets|"
            "get|will|'?ll)",
            "one more (?:post|comment|word|message)<F4> (?:and|n) i(?:'?ll| will) (?:share|post|send|forward|"
            "screenshot|expose)",
            "(?:i will|i'?ll|ill|so do i|so will i|and i will) find (?:you|u)",
            "make sure (?:you|u)(?: both| all)? regret it",
            "(?:i'?ll|ill|i will) be round",
            "(?:i'?ve|ive|i have) saved everything (?:you|u)",
        ),
        "carry on and see what happens",
        veto=either(
            QUOTED, followed_by(r"a|an|the|some|one|it|them|when|for|at|in|with|there|later|online|on|here")
        ),
    ),
    Rule(
        # An adoptive, kinship or special-guardian family called not real or bought (the eleventh and
        # twelfth writers): "that's not a family, it's a benefits arrangement", "you are not their
        # parents, you are paid carers", "fake parents, fake families", "your 'son' (and i use the
        # word loosely)", "they'll approve anyone these days", "you were the problem, that's why you
        # were removed".
        "belonging",
        alternatives(
            "(?:that'?s|thats|it'?s|its|this is) not a (?:real )?family<F1> (?:it'?s|its|just|that'?s)",
            "(?:you are|you'?re|ur|u r|youre) not (?:their|his|her|the kids'?|that child'?s) (?:real )?"
            "(?:parents|mum|mam|dad|mother|father|family)",
            "fake (?:parents|families|mums|dads|mum|dad|family|mother)",
            "paid carers with",
            "(?:and )?i use the (?:word|term) loosely",
            "(?:kinship carers|special guardians|adopters|foster carers|adoptive parents|"
            "sgos?)<F1> (?:are|is) "
            "(?:just|only) (?:benefit|grandparents|granny|paid|babysitters|scroungers|glorified)",
            "(?:they'?ll|they will|they) approve anyone",
            "(?:shouldn'?t|should not|should never) have been approved",
            "only reason (?:you|u|she|he|they) (?:got|were|was) approved",
            "(?:you|u) were the problem",
            "(?:that'?s|thats) why (?:you|u) were (?:removed|taken|adopted|put in care|given up)",
            "(?:never|wouldn'?t|won'?t|not|none of us will) (?:let|be letting|letting) (?:my|our) (?:kids|"
            "children|son|daughter|boy|girl)<F2> (?:play with|near|go near|mix with) (?:an? )?(?:adopted|"
            "foster|"
            "care|kids from|children from|your|ur|that|those)",
            "(?:back|be back) in care by",
            "(?:write|writing) (?:him|her|them) off",
            "like father,? like son",
            "(?:living|live|lives) off the allowance",
        ),
        "that's not a family, it's a benefits arrangement",
        veto=either(
            QUOTED,
            _TOLD,
        ),
    ),
)
