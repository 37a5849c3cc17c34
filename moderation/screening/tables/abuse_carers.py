"""Abuse of a child told by the carer who noticed it, or by the child sideways (issue #12, seventh
round of writers). Read by ``risk.AbuseDisclosure`` with the other abuse tables.

- what a child said that shows they were told to keep quiet: "Mummy says if I tell about the locked
  room she'll die", "he'll stop her seeing her brother if she grasses";
- a child afraid of a named adult coming to them: "please don't let Uncle Paul come in my room",
  "flinches when he moves suddenly", "he'll lock me in again";
- sexual abuse told in a child's words: "touch his special bits", "says I'm his girlfriend";
- marks brought back from a named person's house: "came back from his dad's with a black eye", a
  rash on the wrists "like from a tie", a hand held under the hot tap;
- food kept from a child: "forgets to feed him", "ate bread from the bin", "one meal a day",
  "can't have tea unless my jobs are done";
- an adult told of hurting a baby or child: "shaking our toddler", "is hurting our son".

Look-alikes tested beside each: "if you tell dad I ate the cake he'll go mad", "please don't let the
dog come in my room", "came home from football with a black eye", "forgets to feed the cat",
"shaking the baby's rattle", "he locked himself in his room".
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, either, followed_by, preceded_by

_BY_WRITER = preceded_by(r"(?:i|we|i'?ve|we'?ve|i have|we have)(?: (?:just|always|never|then))?")
_SPORT = followed_by(
    r"(?:football|rugby|school|training|the park|cricket|boxing|karate|judo|hockey|netball|pe|camp|scouts|"
    r"cubs|brownies|the match|a match|swimming|trampolining|soft play)"
)
_PET = re.compile(
    r"\b(?:cat|dog|puppy|kitten|fish|hamster|rabbit|guinea pig|budgie|pets?|plants?|tortoise|foxe?s?|"
    r"seagulls?|birds?|rats?)\b"
)


def _pet(text: str, start: int, end: int) -> bool:
    # The pet after the match ("forgets to feed the cat"), or before it for the bins ("the dog ate from
    # the bin"): a child's "when i forget to feed her" beside the dog is not the pet's story.
    before = max(0, start - 20) if "bin" in text[start:end] else start
    return _PET.search(text, before, end + 20) is not None


def _own_diet(text: str, start: int, end: int) -> bool:
    """The writer's own eating: "I have one meal a day"."""
    return text[start:end].startswith(("have", "had", "get", "got")) and _BY_WRITER(text, start, end)


# A child hitting a sibling, or a pet: not an adult's abuse of a child.
_CHILD_OR_PET_DOES = preceded_by(
    r"(?:toddler|son|daughter|brother|sister|twins?|dog|cat|boy|girl|baby|kids?|children|\d+ ?yo|year old)"
    r"(?: \w+)?"
)


ABUSE_CARER_RULES = (
    Rule(
        # A child told that telling will cost them or someone they love.
        "abuse_disclosed",
        alternatives(
            "if (?:i|you|she|he) (?:tell|tells|told|say|says|grass|grasses|snitch|snitches)<F6> (?:she'?ll|"
            "he'?ll|they'?ll|she will|he will|they will|mummy will|daddy will|nana will|i'?ll|i will|i'?d|i"
            " would) "
            "(?:die|burn|hurt (?:me|you|nana|mummy|her|him)|go to prison|be taken away|be moved|be sent away|"
            "get moved|never see|stop (?:her|him|me)"
            " (?:seeing|"
            "seein))",
            "(?:he|she|they)(?:'ll| will| ll) stop (?:her|him|me) (?:seeing|seein) (?:her|his|my) \\w+ if "
            "(?:she|he|i) (?:tells?|grasses|grass|snitches|says)",
        ),
        "mummy says if i tell you about the locked room she'll die",
    ),
    Rule(
        # Afraid of an adult coming to them.
        "abuse_disclosed",
        alternatives(
            "(?:please )?(?:don'?t|dont|do not) let (?:\\w+ ){1,2}(?:come|get) (?:in|into|near) (?:my|me|to"
            " my) "
            "(?:room|bed|bedroom|bath)",
            "flinch(?:es|ed|ing)? (?:when|whenever|every time|if) (?:he|she|my \\w+|her \\w+|his \\w+) "
            "(?:moves|raises|lifts|comes near|walks (?:in|past)|reaches|goes to)",
            "(?:he|she|they)(?:'ll| will| ll) lock (?:me|him|her) in (?:again|the|my|his|her)",
            "lock(?:s|ed)? (?:me|him|her|them) in (?:the )?(?:cupboard|shed|cellar|basement|garage|loft|coal "
            "hole|dark)",
        ),
        "please don't let uncle paul come in my room",
        veto=either(
            _BY_WRITER,
            followed_by(r"(?:for|while|so) (?:a|the)? ?(?:minute|moment|bit)"),
            lambda text, start, end: _PET.search(text, start, end) is not None,
        ),
    ),
    Rule(
        # Sexual abuse in a child's own words, as a carer passes them on.
        "sexual_abuse",
        alternatives(
            "touch (?:his|her|him|my|their) (?:special|private|secret|rude|funny) (?:bits|parts|place|area)",
            "(?:make|makes|made|making) (?:him|her|me) (?:touch (?:him|her|it|his|hers)|do things|do stuff)",
            "says? (?:i'?m|im|she'?s|he'?s|shes|hes) his (?:girlfriend|wife|special girl|special boy|little "
            "wife)",
        ),
        "he lets him touch his special bits",
        veto=preceded_by(r"(?:nice|kind|fun|lovely|great|good|cool|helps?|helped) "),
    ),
    Rule(
        # Marks brought back from a named adult's house.
        "physical_abuse",
        alternatives(
            "(?:came|come|comes|coming) (?:home|back) from (?:his|her|their) (?:\\w+ )?(?:dad|dads|mum|mums|"
            "nan|"
            "nans|nanna|gran|grans|grandad|grandads|grandparents|uncle|uncles|aunt|auntie|birth \\w+|other "
            "house|other nan)(?:'s|s)?(?: house| place| flat)?<F4> (?:with|wiv|wi) (?:a )?(?:black eye|"
            "bruises?|"
            "bruising|marks?|a mark|burns?|a burn|a rash|split lip|nappy rash|fingermarks|finger marks)",
            "(?:rash|marks?|bruises?|burns?|bruising) (?:on|round|around) (?:her|his) (?:wrists?|ankles?|"
            "neck|"
            "thighs?)<F2> (?:like|from) (?:a |some )?(?:tie|rope|string|cord|belt|cable tie|fingers?|a hand|"
            "being (?:held|tied|grabbed))",
            "(?:put|puts|held|holds|hold) (?:my|his|her) (?:hand|hands|arm|fingers?) (?:in|under) (?:the )?"
            "(?:hot tap|hot water|boiling water|kettle)",
            "(?:shaking|shook|shakes|shake) (?:our|the|my|her|his) (?:toddler|baby|newborn)",
            "(?:is|been|keeps|was) (?:hurting|hitting|beating|kicking) (?:our|my|the|her|his) (?:adopted |"
            "foster |little )?(?:son|daughter|toddler|baby|boy|girl|grandson|granddaughter|nephew|niece)",
        ),
        "she came back from her dad's with a black eye",
        veto=either(
            _SPORT,
            _CHILD_OR_PET_DOES,
            followed_by(r"'s|s'|rattle|bottle|feelings|by accident|accidentally"),
        ),
    ),
    Rule(
        # Food kept from a child.
        "neglect",
        alternatives(
            "forgets? to feed (?:him|her|them|me|the kids|the children)",
            "(?:ate|eating|eats|eat) (?:\\w+ )?(?:from|out of) (?:the|a) bins?",
            "(?:given|gets|get|got|have|had) (?:only )?one meal a day",
            "(?:can'?t|cant|cannot|not allowed to|isn'?t allowed to|doesn'?t get to) have (?:any )?(?:tea|"
            "dinner|food|breakfast|lunch|supper) (?:unless|until|till|if)",
            "(?:leaves|left|leaving) (?:her|his|the|a) (?:toddler|baby|little one)<F2> (?:in (?:a|the|her|"
            "his) "
            "cot|alone)<F3> (?:for|all) (?:the )?(?:whole )?(?:day|night|hours)",
        ),
        "my carer says i cant have tea unless all my jobs are done",
        veto=either(
            _pet,
            _own_diet,
            followed_by(
                r"i'?ve|ive|i have|you'?ve|youve|u'?ve|you (?:finish|eat|have)|my homework|finished (?:my|"
                r"your) (?:homework|veg)"
            ),
        ),
    ),
    Rule(
        # What marks and videos were, told by the young person.
        "sexual_abuse",
        alternatives(
            "(?:made|makes|make|making) me watch<F4> (?:and )?(?:then )?(?:do|copy) (?:what|it|the same|"
            "them)",
        ),
        "he made me watch stuff on his phone and then do what was in it",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "physical_abuse",
        alternatives(
            "(?:bruises|marks|burns|cuts|bruise|mark)<F3> (?:are|were|r|is|was) (?:from|cos of|because of)"
            " (?:him|"
            "her|my (?:dad|mum|carer|stepdad|step dad|foster \\w+|uncle|nan|grandad|mam|da|ma))",
        ),
        "the bruises are from him, not from falling",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        # Watched or checked on while washing or asleep, told by the young person.
        "sexual_abuse",
        alternatives(
            "(?:check|checks|checking|watch|watches|watching|look at|looks at)<F4> (?:after|in|during|while "
            "(?:i'?m|im) in) (?:my|the) (?:shower|bath)",
            "watch(?:es|ing)? (?:me|us|them|her|him) (?:sleep|sleeping|get changed|getting changed|in the "
            "(?:shower|bath))",
        ),
        "he always wants to check i'm ok after my shower",
        audiences=YOUTH_ONLY,
        veto=preceded_by(r"(?:i|we|i like to|i love to|i used to)"),
    ),
    Rule(
        # A carer's daily contempt or rejection, told by the young person.
        "emotional_abuse",
        alternatives(
            "(?:calls?|calling|called) me (?:a |an )?'?(?:feral |little |dirty |fat )?(?:waste of space|"
            "worthless|useless|disgusting|thick|"
            "tramp|slag|whore|feral|junkie|mistake|ungrateful|vile|scum|pathetic)",
            "(?:wish(?:es)?|wished) (?:she|he|they) (?:never|had never|hadn'?t) (?:took|taken|adopted|had|"
            "fostered) me",
            "(?:i|me) ruined (?:her|his|their) li(?:fe|ves)",
            "(?:telling|tells|told|tell) me (?:i'?m|im|i am) (?:thick|useless|worthless|disgusting|a waste"
            " of "
            "space|nothing|a mistake|a burden)",
            "(?:get|got|getting|gets) called (?:a |an )?\\w+<F4> by (?:my|me) (?:dad|mum|carer|da|ma|stepdad|"
            "step "
            "dad|step mum|stepmum|foster \\w+|nan|grandad|mam)",
        ),
        "my carer calls me a waste of space every day",
        audiences=YOUTH_ONLY,
        veto=either(
            followed_by(
                r"at (?:fifa|football|maths|games|cooking|this|that)|lol|haha|when i|for (?:beating|"
                r"winning|losing)|but|to|out|there|with|along|shopping"
            ),
            preceded_by(
                r"(?:mate|friend|bro|sister|brother|sis|bestie|teacher|coach|everyone)(?: jokingly| "
                r"always| just)?|(?:think|thought|feel like|felt like|worry|worried)(?: that)?"
            ),
        ),
    ),
)
