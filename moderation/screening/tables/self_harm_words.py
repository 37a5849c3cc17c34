"""Self-harm and suicide: the words the rules in ``self_harm.py`` are built from (PRODUCT.md 2.7).

Each entry is a fragment (a list of alternatives) in the shorthand of ``patterns.py``, used in a
rule as ``<NAME>``.
"""

from __future__ import annotations

from ..lexicon import FRAGMENTS as PEOPLE
from ..patterns import alternatives

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
        "paracetamol|painkillers|meds|medication|medicine|<MEDICINE>|sleeping (?:pills|tablets)|"
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
    "PART": r"(?:arms?|forearms?|wrists?|legs?|thighs?|skin|stomach|tummy|hips?|belly|palms?)",
    # Medicines by name, as people write them (misspelt too): what an overdose is taken from.
    "MEDICINE": alternatives(
        "antidepressants?",
        "antidepresants?",
        "anti-depressants?",
        "sertraline",
        "fluoxetine",
        "citalopram",
        "amitriptyline",
        "diazepam",
        "codeine",
        "tramadol",
        "nytol",
        "calpol",
        "piriton",
    ),
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
