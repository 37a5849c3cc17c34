"""Abuse disclosed without the words "abuse", "hit" or "touched" (issue #12): the concepts behind
how children and adult survivors tell it. The family that runs them is ``risk.AbuseDisclosure``
(with ``abuse_disclosure.py``, whose fragments these use).

- someone did "things" or "stuff" to a child;
- harm by other means: things thrown at a child, hair pulled out, hit round the face, bones broken;
- punishments that are abuse: kneeling on rice, sleeping on the floor, no food, the wooden spoon;
- sexual abuse told around its edges: coming in at night or while changing, filming in the shower,
  showing adult videos, a "game" in the bath, a child lent or paid for;
- a child exploited or threatened with images: "I owe him", parcels to drop, "they'll send it to my
  school unless...".

The look-alikes vetoed beside each: "threw a pillow at me", "hit in the face by a ball at netball",
"I owe him a fiver", "mum comes in at night to check on me", "get the wooden spoon out for the cake".
"""

from __future__ import annotations

from ..patterns import ADULT_ONLY, YOUTH_ONLY, Rule, alternatives, either, followed_by, preceded_by

_PLAY = followed_by(
    r"with (?:a|the) (?:ball|football|netball)|at (?:football|rugby|netball|pe|hockey|training)|by (?:a|"
    r"the) ball|"
    r"lol|haha|back"
)

ABUSE_INDIRECT_RULES = (
    Rule(
        "abuse_disclosed",
        alternatives(
            "(?:did|does|doing|done|do|used to do|makes? me do|made me do) (?:bad |sexual |horrible |weird |"
            "rude )?(?:things|stuff) to (?:me|him|her|them|us|my [a-z]+)",
            "(?:did|does|doing|done|used to do) (?:bad|sexual|horrible|weird|rude) (?:things|stuff)",
            "(?:does|did) the other thing",
            "<ABUSER_YOUTH_SPACE> (?:does|did|used to do) (?:things|stuff) (?:at night|when|and|in (?:the|"
            "my|his|her))",
        ),
        "my uncle did things to me when i was little",
        veto=preceded_by(r"(?:nice|kind|fun|lovely|great|good|cool) "),
    ),
    Rule(
        "physical_abuse",
        alternatives(
            "(?:threw|throws|thrown|throwing|chucked|chucks|lobbed) (?:me (?:against|into|down|across|on)|"
            "(?:a|the|his|her|my) [a-z]+ at (?:me|my (?:head|face)|us))",
            "(?:pulled|pulls|yanked|yanks|dragged|drags)<F1> (?:me )?(?:by )?my hair(?: out| in clumps| so "
            "hard| "
            "across| down| along)?",
            "(?:smacked|slapped|hit|punched|kicked|whacked|belted|thumped|clouted|smacks|slaps|hits|punches|"
            "kicks) (?:me )?(?:round|across|in|on) the (?:face|head|stomach|back|ribs|legs)",
            "(?:break|broke|broken|snap|snapped) my (?:fingers?|arm|nose|wrist|ribs?|leg|jaw)",
            "fist through the wall next to my head",
        ),
        "he threw me against the wardrobe",
        # In adults' spaces a carer telling of a thrown chair is child-to-parent violence (its own family).
        audiences=YOUTH_ONLY,
        veto=lambda text, start, end: (
            _PLAY(text, start, end)
            or any(
                w in text[start:end] for w in ("ball", "pillow", "sweet", "paper", "dice", "frisbee", "snow")
            )
        ),
    ),
    Rule(
        "physical_abuse",
        alternatives(
            "(?:hold|held|holds|holding|put|puts|pressed|presses) my (?:hand|hands|arm|fingers?) (?:on|"
            "against|"
            "over) (?:the|a) (?:cooker|hob|ring|iron|radiator|kettle|fire|oven)",
            "(?:tie|tied|ties|tying) (?:me|him|her|them) to (?:the|a|my|his|her) (?:chair|bed|table|"
            "radiator)",
        ),
        "my foster carer used to tie me to the chair at tea",
    ),
    Rule(
        "physical_abuse",
        alternatives(
            "(?:makes?|made|making|forced?|forces|forcing) (?:me|us|him|her)<F1> (?:kneel|stand|sleep|sit|"
            "stay|"
            "wait) (?:on rice|for hours|all night|in the rain|in the cold|in the dark|on the (?:kitchen "
            ")?floor|in "
            "the (?:shed|cupboard|cellar|garage|coal hole))",
            "(?:get|got|gets|getting) the (?:wooden spoon|belt|slipper|strap|cane)",
            "(?:shaved|cut) (?:off )?my hair<F3> (?:as (?:a )?)?punishment",
        ),
        "they make me kneel on rice for hours",
        audiences=YOUTH_ONLY,
        veto=followed_by(r"out|for the|to stir|and stir|from the drawer"),
    ),
    Rule(
        "neglect",
        alternatives(
            "(?:not|never|aren'?t|isn'?t|am not|i'?m not|im not) (?:allowed|aloud) to (?:eat|have (?:tea|"
            "dinner|"
            "food|breakfast|lunch))",
            "(?:or|else) (?:i|we) (?:don'?t|dont|do not|can'?t|cant) (?:eat|get (?:tea|food|dinner|fed))",
            "(?:padlock|padlocked|lock|locked)<F1> (?:on )?(?:the |our )?(?:fridge|food cupboards?)",
            "(?:no|haven'?t had|havent had|aint had|ain'?t had|not had) (?:any )?(?:electric|electricity|"
            "gas|heating|"
            "hot water|food|tea|dinner|a shower|a bath)<F2> (?:for|in) (?:(?:\\d+|two|three|four|five|a|"
            "several) )?"
            "(?:days|weeks)",
            "(?:left|leave|leaves|leaving) (?:them|us|me|him|her)<F3> (?:in the car|alone|on (?:my|our|"
            "their) "
            "own)<F4> (?:all night|overnight|for (?:hours|days)|outside the pub)",
            "(?:takes?|took|taking) (?:all )?(?:my|me|ur|your) (?:pip|benefits?|wages|money|bank card)",
            "(?:sells?|sold|selling) my (?:meds|medication|tablets|pills)",
            "(?:raid|raiding|eat|eating) (?:from |out of )?the (?:school )?bins",
        ),
        "im not allowed to eat with the family",
        audiences=YOUTH_ONLY,
        # House rules about where and what: "not allowed to eat in my room", "...sweets before tea".
        veto=followed_by(
            r"in (?:my|the|his|her) (?:room|bedroom|car|lounge|living room)|upstairs|sweets|snacks|junk|"
            r"chocolate|"
            r"crisps|before|after|till|until|on the sofa|in bed"
        ),
    ),
    Rule(
        "sexual_abuse",
        alternatives(
            "(?:comes?|came|coming|tries to come|keeps coming|trys to come) in(?:to (?:my|the) (?:room|"
            "bedroom|"
            "bathroom))?<F2> (?:at night|when i'?m (?:changing|changin|asleep|in the (?:bath|shower))|while "
            "i'?m "
            "(?:changing|changin|asleep))",
            "(?:films?|filmed|filming|watches|watched|watching|takes? (?:pics|pictures|photos) of) (?:me|"
            "you|her|"
            "him)<F2> (?:in the (?:shower|bath)|when (?:i'?m|im|you'?re) (?:changing|in the shower)|"
            "(?:getting|get) "
            "(?:changed|dressed)|naked|undressed)",
            "(?:shows?|showed|showing|showin) (?:me|us|him|her)<F4> (?:videos|vids|pics|pictures|films|"
            "stuff)<F4> "
            "(?:of )?(?:grown ups|adults|naked|people doing|doin|sex|porn|rude)",
            "(?:grown ?up|adult|rude|dirty) (?:videos|films|vids)",
            "(?:tickle|special|secret|naughty|wrestling) game<F6> (?:in the (?:bath|bed|bedroom)|it hurts|"
            "(?:not "
            "allowed|mustn'?t) (?:to )?tell)",
            "(?:pay|paid|paying|pays) to be (?:in the (?:bed)?room|alone) with",
            "(?:lend|lent|lends|sell|sold|selling|give|gave|giving) (?:me|her|him|them|us) to (?:her|his|"
            "their|a|"
            "the) (?:friends?|mates?|men|man|fella)",
            "(?:had to|have to|made me|make me|makes me|making me) (?:have sex with|do (?:stuff|things) "
            "(?:with|"
            "to) (?:him|her|them|his mates)|do what (?:his|her|their) mates want|sleep with (?:him|them|his "
            "(?:mates|friends)) (?:to|for|so))",
            "(?:without (?:any )?clothes(?: on)?|with no clothes on)",
            "likes? (?:her|me|him|them) to (?:dress up|undress|sit on his lap)",
            "is it (?:rape|abuse|sexual assault|assault|grooming) (?:if|when)",
            "(?:says?|saying|sayin|comments?|commenting|talks?) (?:stuff|things) about my (?:body|boobs|bum|"
            "chest)",
            "(?:give|gives|gave|giving) me (?:drink|alcohol|vodka|drugs|pills)<F4> (?:and|then|n) (?:i|"
            "i'?ve)<F1> "
            "(?:wake up|woke up|pass out|passed out|don'?t remember|dont remember|can'?t remember)",
        ),
        "he tries to come in when i'm changing",
        veto=followed_by(r"to (?:check|say|tuck|kiss|give|ask|see if)|with (?:a|my|the) (?:drink|tea|cuppa)"),
    ),
    Rule(
        "exploitation",
        alternatives(
            "(?:or|unless|else) (?:they'?ll|theyll|he'?ll|hell|she'?ll|shell|they will|he will|she will|"
            "they are "
            "going to|he'?s going to) (?:send|show|post|share|leak)",
            "(?:send|show|post|share|leak)<F6> unless (?:i|you|u) (?:send|do|pay|give)",
            "(?:i owe (?:him|them|her)|says i owe|said i owe|say i owe)",
            "(?:drop|deliver|carry|hold|sell|selling) (?:wee |little |small )?(?:parcels|packages|bags|"
            "drugs)<F3> "
            "(?:for (?:him|them|his mates)|at (?:folk'?s|people'?s) doors)",
            "took me to a (?:flat|house)<F4> (?:made me|selling|to sell)",
            "(?:get|got|getting|tries to get|tryna get|trying to get|keeps tryna get) me alone",
        ),
        "he says i owe him for the trainers",
        audiences=YOUTH_ONLY,
        veto=followed_by(
            r"a (?:fiver|tenner|quid|pound|drink|favour|coffee)|one|big time|an apology|\$?\d|money for"
        ),
    ),
    Rule(
        # A beating named as a punishment, and a child shut in (the fifth session's writers): "got a
        # hidin off me da for losing my phone", "he's locking her in her room when he goes to the pub".
        "physical_abuse",
        alternatives(
            "(?:got|get|gets|getting|gave me|gives me|give me) a (?:good )?(?:hidin|hiding|belting|"
            "leathering|battering|kicking|beating|skelping|skelpin) (?:off|from|by) "
            "(?:me|my|his|her|their|our) (?:da|dad|mam|mum|mom|stepdad|step dad|step mum|stepmum|nan|"
            "grandad|uncle|auntie|carer|foster)",
            "(?:locking|locks|locked|shuts|shut|shutting) (?:her|him|them|me|<MY_CHILD>|the kids?) in "
            "(?:her|his|their|my|the|a) (?:back |spare |box )?(?:room|bedroom|cupboard|shed|garage|box room)",
            "(?:put|puts|been put|shut|locked) in (?:a|the) (?:cupboard|cellar|shed|coal hole|cage|dog cage)"
            "<F2> (?:as (?:a )?punishment|for hours|all night|all day|like (?:you|me|i) (?:were|was))",
        ),
        "got a hidin off me da for losing my phone",
        veto=followed_by(
            r"by (?:accident|mistake)|accidentally|for a (?:minute|second)|lol|haha|"
            r"(?:to|for) (?:calm|cool|revise|study)"
        ),
    ),
    Rule(
        # Abuse told by what it leaves and what the child does about it (the writers of written-2 to
        # -13): marks kept from school, a door barricaded at night, a head held under water, being
        # made the family's "mistake", a secret game, an adult who says the child is his girlfriend.
        "abuse_disclosed",
        alternatives(
            "(?:keeps?|kept|keeping) me (?:off|home from) school<F3> so (?:no one|nobody|noone|they|the "
            "teachers?)<F1> (?:sees?|notices?|sees? the|can see)",
            "so (?:no one|nobody|noone|the teachers?|school) (?:sees?|notices?|can see) the (?:marks|bruises|"
            "burns|cuts)",
            "(?:put|push|pushed|wedge|wedged|move|moved|drag|dragged) (?:the |a |my )?(?:chest of dra[a-z]+|"
            "drawers|chair|wardrobe|bed|desk) (?:in ?front of|infront of|against|behind|under) (?:my|the) "
            "(?:bedroom )?door<F4> (?:in ?case|incase|so|because|cos|when|before) (?:he|she|they)",
            "(?:tries|tried|trying|rattles|rattling|tries to open) (?:the )?(?:door ?handle|handle) of my "
            "(?:room|bedroom|door)",
            "(?:shoves|shoved|pushes|pushed|holds|held|dunks|dunked|puts|put) my head (?:in|under|into|down) "
            "(?:the )?(?:sink|water|bath|toilet|loo)",
            "(?:grab|grabs|grabbed) (?:my )?arm (?:hard|so hard|really hard|tight)",
            "(?:call|calls|called) me the mistake",
            "(?:says?|said) (?:i'?m|im|i am) the reason (?:her|his|their) life",
            "(?:eat|eats|have|has|get) (?:my |our )?(?:dinner|tea|meals?|food) on the floor",
            "(?:throws|threw|chucks|chucked) my (?:things|stuff|clothes|hearing aids?|glasses|phone) out "
            "(?:the|of the) window",
            "no (?:tea|food|dinner|breakfast) again",
            "(?:our|their|his|her) (?:secret|special) game",
            "(?:plays?|played|playing) (?:the |a |our |their )?(?:secret|special|tickle) game with (?:her|"
            "him|"
            "me|them|us)",
            "(?:been|was|is|keeps) at me since i was (?:small|little|a kid|young|\\d+)",
            "what (?:he|she|they) (?:does|did|do) to me<F3> (?:my )?(?:adoption|placement)",
            "(?:the )?trusted adult (?:is|was) the problem",
            "(?:a hole in the wall|the wall|the door) (?:next to|beside|right by) my head",
            "if i (?:dont|don'?t|do not) do what (?:he|she|they) (?:says?|wants?|tells? me)",
            "(?:lick|lickin|licking) (?:mi|me) (?:every day|fi|inna|wid|if|when)",
            "(?:mi|me) (?:stepfada|fada|mada|stepmada|puppa|mumma) (?:lick|beat|buss)",
            "<ABUSER_ADULT_SPACE><F2> says? (?:i'?m|im|i am|she'?s|shes|he'?s|hes) (?:his|her) (?:girlfriend|"
            "boyfriend|wife|little wife|husband)",
            "cigarette burns? (?:on|all over) (?:his|her|my|their) (?:hands?|arms?|legs?|back|body|neck)",
            # A child's own words for it, reported: "daddy hurts my bum", "does the sleepy game".
            "(?:daddy|dad|mummy|uncle|grandad|granda|he|she|[a-z]+'s (?:friend|boyfriend|mate|"
            "fella))(?: [a-z]+)? (?:hurts|"
            "hurt|touches|touched) (?:my|his|her) (?:bum|bottom|willy|privates|front bottom|private parts|"
            "fanny|"
            "minnie|tuppence|winkle)",
            "(?:does|(?:he|she|daddy|dad|mummy|uncle|grandad|granda) did) the (?:sleepy|tickle|doctors|"
            "naughty) "
            "game",
            "play(?:ed|ing|s)? doctors with (?:her|him|me|them)",
            "(?:took|takes|taking|take) (?:pictures|pics|photos|videos) of (?:her|him|me|"
            "them) in the (?:bath|"
            "shower)",
            "(?:showing|showed|shows|show) (?:her|him|me|them) (?:pictures|pics|photos|videos) of (?:his|"
            "her) "
            "(?:willy|penis|privates|private parts|bits)",
            "(?:sent|send|sends)(?: (?:him|her|me|them))? to bed without (?:tea|dinner|food|"
            "supper)<F2> (?:most "
            "nights|every night|again)",
            "no food (?:for|in) (?:\\d+|two|three|four|five|a few|several) days",
            "(?:made|makes|make|making) (?:him|her|me|them) (?:carry|hold|sell|deliver) (?:knives|drugs|weed|"
            "parcels|packages)",
            "(?:won'?t|wont|refuses to) (?:change|get changed|undress|get undressed) in front of (?:anyone|"
            "anybody|me|us|her|him)",
        ),
        "dad keeps me off school so no one sees the marks",
        veto=either(
            followed_by(
                r"night|nights|of (?:monopoly|cards|chess)|show|lol|haha|after|on the (?:slide|bike)"
            ),
            # "the saddle hurts my bum", "she hurt her bum on the slide": an ache, not a person.
            lambda text, start, end: any(
                w in text[max(0, start - 30) : end + 30] for w in ("saddle", "slide")
            ),
        ),
    ),
    Rule(
        # A partner's control told in everyday words: what the writer may eat, spend or see.
        "abuse_disclosed",
        alternatives(
            "(?:he|she|husband|partner|wife|boyfriend|girlfriend) (?:decides|controls|dictates|chooses|"
            "checks) "
            "(?:what i (?:eat|spend|wear)|who i (?:see|talk to|speak to|text)|where i (?:go|can go)|when i)",
            "(?:he|she|husband|partner|wife|boyfriend|girlfriend)(?:'s| is| has)?<F2> (?:controls|"
            "controlling|"
            "controlled) (?:everything|my (?:money|phone|bank|car))",
            "(?:won'?t|wont|doesn'?t|doesnt) let me (?:see my (?:own )?(?:family|friends|mum|mam)|"
            "have (?:any )?"
            "money)",
            "(?:has|have|got) (?:her|him|me) cut off from (?:us|my|her|his|their)",
            "(?:i'?ve|i have) (?:started|been) (?:hitting|smacking|slapping|shaking|punching|"
            "hurting) (?:<MY_CHILD>|"
            "him|her)",
        ),
        "he decides what I eat, what I spend, who I see",
        audiences=ADULT_ONLY,
        # "she controls everything about the wedding", "won't let me have money for sweets".
        veto=followed_by(r"about|in the|at|on|for|to do with|lol|haha"),
    ),
)
