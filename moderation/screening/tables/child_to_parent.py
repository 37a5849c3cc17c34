"""Child-to-parent violence: fragments and rules. The family is ``risk.ChildToParentViolence``."""

from __future__ import annotations

import re

from ..lexicon import FRAGMENTS as PEOPLE
from ..patterns import ADULT_ONLY, Rule, alternatives, either, followed_by, preceded_by
from .abuse_disclosure import NOT_VIOLENCE

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


# The name as a topic: a training day, a report, research, a support group on it. Living with it
# ("we're living with child to parent violence") is still noted.
_TOPIC = either(
    preceded_by(
        r"(?:training|course|workshop|webinar|session|report|research|stats|statistics|resources?|thread|"
        r"piece|support group|books?|talk|seminar|day|podcast|guidance|policy) (?:on|about|around|into|for)|"
        r"the rise in|(?:attended|went on|did) (?:the |a )?(?:[a-z'-]+ ){0,3}"
    ),
    followed_by(
        r"(?:training|workshop|webinar|session|course|report|research|support (?:group|line|service)|"
        r"resources|stats|statistics|in (?:adoptive|adopted|kinship) families|reports)"
    ),
)

CPV_RULES = (
    Rule(
        "child_to_parent_violence",
        "<CHILD_SUBJECT><F3> <STRIKE>(?: (?:and|&) <STRIKE>)?<F1> <VICTIM_CARER>",
        "my son punched me again",
        audiences=ADULT_ONLY,
        veto=either(
            NOT_VIOLENCE,
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
        veto=lambda text, start, end: (
            text[start:end].startswith(("child", "adolescent", "cpv", "apv")) and _TOPIC(text, start, end)
        ),
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
