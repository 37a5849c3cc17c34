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

from ..patterns import YOUTH_ONLY, Rule, alternatives, either, followed_by, preceded_by

# A threat quoted in someone's story ("he screamed 'I'll kill you'") is the child-to-parent violence
# family's business, not harassment of another member. (Also used by ``abuse.THREAT_RULES``.)
QUOTED = preceded_by(
    r"(?:said|says|saying|shouted|shouting|screamed|screaming|yelled|yelling|told (?:me|him|her|us)|"
    r"threatened|keeps saying|kept saying|texted|messaged|wrote)[^.!?]{0,30}",
    60,
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
)
