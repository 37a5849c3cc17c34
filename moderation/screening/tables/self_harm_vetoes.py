"""Self-harm and suicide: the vetoes for look-alikes that share several rules' words, kept apart from
the rules (``self_harm.py``) that use them.

Each veto judges one phrase by the words around it, never the whole message: a real risk said in
another sentence is still read by the rules and, without the vetoed sentence, by the classifier
(learned.py). None of them is enough on its own to let a plan, a means or an act go: they sit on the
rules for the words people use as a topic, in advice or in denial, not on the imminent ones.
``TAKEN_JUST_NOW`` is the other way round: what an overdose told as taken needs around it to be P0.
"""

from __future__ import annotations

import re

from ..patterns import either, followed_by, near, preceded_by

# The word as a topic, not as what the writer feels: training, awareness, news, research, a book,
# a death told ("died by suicide", "lost her to suicide"), a talk about it with a child, an essay or
# a theory of it, a training for those who work with it ("Responding to suicidal young people"), a
# group it is common in ("suicide in young men"), first aid for it. It vetoes only the bare nouns
# ("suicide", "self-harm"); "I feel suicidal", "thinking about suicide" and "she's been
# self-harming" are other rules, and still held.
TOPIC = either(
    followed_by(
        r"(?:and (?:self[- ]?harm\w*|suicide) )?(?:prevention|awareness|squad|door|doors|blonde|silence|"
        r"rates?|statistics|stats|training|course|workshop|webinar|session|talk|risk|admissions|guidance|"
        r"policy|research|charity|charities|alliance|first aid|section|module|day|week|month|helpline|"
        r"intervention|storyline|among|campaign|petition|"
        r"bereavement|loss|survivors?|is (?:not|never|preventable)|in (?:looked after|adopted|adolescents|"
        r"teens|young people|children|the news|young (?:men|women|males|lads)|men|boys|lads|the uk)|"
        r"with (?:your|our|my|their|the) (?:teen|child|children|kids?|son|daughter|young person))"
    ),
    preceded_by(
        r"died by|died of|dies by|death by|deaths? (?:from|by)|lost (?:[a-z']+ ){0,4}to|bereaved by|"
        # a death told: "ruled a suicide", "since her suicide" ("her suicide attempt" is another rule)
        r"(?:was )?ruled (?:it )?(?:as )?(?:a )?|(?:after|since|before) (?:his|her|their)|"
        r"(?:course|training|workshop|webinar|session|book|books|leaflet|guidance|section|talk|module|"
        r"story|documentary|episode|podcast|assembly|lesson|pshe|article|research|film|movie|show|series|"
        r"poem|play|novel|song|piece|programme|drama|news|paper|homily|sermon|essay|dissertation|"
        r"coursework|assignment|project) (?:on|about|around)"
        r"(?: (?:a|an|the|her|his|their|[a-z]+'s|[a-z]+ [a-z]+'s))?|"
        r"(?:talk|session|visit|speaker|assembly) (?:from|by) (?:a|an|the) [a-z]+ (?:on|about)|"
        r"theor(?:y|ies) (?:of|on|about)|"
        r"(?:first aid|wound care|aftercare) for|"
        r"(?:responding|respond|responds) to|working with|"
        # sprints at training: "coach made us do 20 suicides"
        r"(?:do|did|doing|run|ran|running) (?:\d+|some|more|a few|ten|twenty|loads of)|"
        r"(?:how (?:to|do (?:we|you|i))|we|to) talk(?:ed|ing)? (?:\w+ ){0,4}about|"
        r"talking to (?:your|a|our) (?:child|children|kids?|teens?|teenagers?|young person) about|"
        r"signs (?:that )?(?:someone|a (?:child|teen|person|young person))(?: might be| is| may be)?|"
        r"(?:don'?t|do not|doesn'?t) (?:have|need) to be|character (?:is|was|who is|gets)|(?:zero|papyrus)|"
        r"ask(?:ing)? (?:\w+ )?(?:directly|straight) about|"
        r"(?:course|training|lesson|talk) (?:\w+ ){0,2}covered(?: \w+ and)?",
        60,
    ),
)
# A death told, of the noun "suicide" alone: "found dead last week. It was suicide." (the sentence
# ending there), "a birth parent's suicide". Not "suicidal", and not self-harm: "the hospital says
# it's self-harm" and "our daughter's self-harm" are news of a risk now.
_IT_WAS = preceded_by(r"it was", 12)
_SENTENCE_ENDS = re.compile(r"\s*(?:[.!]|$)")
_RELATIVES = preceded_by(
    r"(?:parent|mum|mam|mother|dad|father|brother|sister|uncle|aunt|auntie|cousin|friend|grandad|grandma|nan|"
    r"husband|wife|partner|son|daughter)'s",
    20,
)


def DEATH_TOLD(text: str, start: int, end: int) -> bool:
    if text[start:end] != "suicide":
        return False
    if _IT_WAS(text, start, end):
        return _SENTENCE_ENDS.match(text, end) is not None
    return _RELATIVES(text, start, end)


# The words quoted as what children in general say, in a question or a training: "how do you respond
# when a child uses 'I want to die' type language", "a lot of our kids say 'I wish I was dead' when
# dysregulated", "ours says 'I want to die' about everything". Not one child's words told as news
# ("he told me last night he wants to die"), which are other subjects.
WHAT_CHILDREN_SAY = preceded_by(
    r"(?:a child|children|kids|a kid|young people|a young person|teens|teenagers|your (?:child|kid|teen)|"
    r"our kids|ours|a lot of (?:our |the )?(?:kids|children))(?: [a-z]+){0,2} (?:says?|saying|uses?|using|"
    r"talks? about|talking about)(?: (?:things like|stuff like|like))?[\s\"'\u201c\u2018]*(?:i )?(?:just )?",
    80,
)

# Advice about anyone at all, not news of someone: "if a friend says they want to hurt themselves,
# tell a trusted adult", "if your child self-harms, don't take it personally", "If someone's told you
# they're thinking of suicide, ask them", and the question a training teaches ("ask directly: 'are you
# thinking about suicide?'"). Not "if my friend says she wants to kill herself again" (a real friend),
# and nothing of the writer's own between the "if" and the words ("if anyone wants to know, my
# daughter tried to kill herself" is news, and held).
_ANYONE = (
    r"(?:friend|mate|child|kid|young person|teen|teenager|student|pupil|someone|somebody|anyone|anybody|"
    r"person|loved one|a child|a young person)"
)
_NOTHING_OF_MINE = r"(?:(?!\b(?:my|me|i|i'?m|im|i'?ve|our|we|us|mine)\b)[^.!?,;:])"
_IF_ANYONE = preceded_by(
    rf"\b(?:if|when|whether) (?:you (?:have|'?ve got|know) )?(?:a |an |any |your |some )?{_ANYONE}\b"
    rf"{_NOTHING_OF_MINE}{{0,45}}",
    80,
)
# Asked, not told: "if a friend tells you they're going to hurt themselves, do you HAVE to tell an
# adult?" is how a young person asks about a real friend, and is read as worry for one.
_A_QUESTION = re.compile(r"[^.!\n]*\?")


def _advice_not_a_question(text: str, start: int, end: int) -> bool:
    return _IF_ANYONE(text, start, end) and _A_QUESTION.match(text, end) is None


ADVICE_ABOUT_ANYONE = either(
    _advice_not_a_question,
    preceded_by(
        r"ask(?:ing|ed|s)?(?: (?:them|him|her|someone|the person|your child|directly|straight out|straight|"
        r"outright|plainly))*[:,]?[\s\"'\u201c\u2018]*(?:are you|r u|are they)"
        r"(?: (?:thinking|thought|having thoughts) (?:about|of))?",
        60,
    ),
)

# Said not to be suicidal, and what it is instead: "I'm not suicidal, I'm just TIRED", "not suicidal
# just need a human", "Not in a suicidal way. In a 'need to scream into a pillow' way". Only with
# the other thing said ("just", "in a ... way"), and only when nothing after it is a risk itself:
# "I'm not suicidal, I just don't want to wake up" is passive ideation, and is held.
_NOT_BEFORE = re.compile(
    r"\b(?:not|n'?t|never)(?: (?:in|like) an?| really| actually| feeling| feel| been| being)?\s*$"
)
_INSTEAD_AFTER = re.compile(
    r"[\s,.;:!\"'-]*(?:(?:i'?m|im|i am|i|it'?s|its|but|more|honestly|really)\s+){0,3}(?:just|only|simply|"
    r"in an? |way\b)"
)
_RISK_AFTER = re.compile(
    r"\b(?:die|dying|dead|death|kill|end (?:it|things|my life)|gone|disappear\w*|not (?:be )?here|wake up|"
    r"sleep forever|hurt|cut|harm|pointless|no point|burden|better off|give up|giving up|can'?t (?:go on|"
    r"cope|do this|carry on)|overdose|pills|tablets|plan|plans|planning|bridge|rope|exist\w*|alive|"
    r"anymore|any more|tonight)\b"
)


def DENIED(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    if _NOT_BEFORE.search(before) is None or _INSTEAD_AFTER.match(text, end, end + 40) is None:
        return False
    return _RISK_AFTER.search(text, end, end + 120) is None


# A game's "end it all": "gonna 'end it all' in Fortnite tonight".
IN_A_GAME = followed_by(
    r"[\"'\u201d\u2019]?\s*(?:in|on) (?:fortnite|minecraft|roblox|fifa|fc ?2\d|warzone|cod|apex|valorant|"
    r"rocket league|among us|the game|this game|that game|mario ?kart|smash|monopoly|uno)"
)

# "better off without me doing their homework": a task the writer is bad at, not the writer's life.
# Only with an everyday task after it; "better off without me ruining everything" or "... being
# here" is still held.
BETTER_OFF_WITHOUT_ME_DOING = followed_by(
    r"(?:doing|helping|cooking|singing|dancing|driving|nagging|coaching|teaching|refereeing|playing|"
    r"explaining|hovering|cleaning|tidying|organising|organizing|choosing|picking|packing|marking|"
    r"navigating|baking|decorating|diy|on (?:the|their|this) (?:team|quiz|pitch|trip|committee|rota))\b"
)

# "said bye to everyone at the leaving do": a goodbye at an ordinary parting, said where or when it
# happened. Only the goodbye, and only with the parting straight after it; "said goodbye to everyone
# tonight" or "... at last" is still held.
_AT_A_PARTING = re.compile(
    r"\s*(?:at|after|before) (?:the |my |our |their |his |her )?(?:leaving (?:do|party|assembly|drinks)|"
    r"(?:end of (?:the )?(?:term|year)|birthday|christmas) (?:party|disco|do)|prom|airport|station|"
    r"sleepover|last day (?:of|at) (?:school|year 11|year 13|college|term))\b"
)


def GOODBYE_AT_A_PARTING(text: str, start: int, end: int) -> bool:
    return "bye" in text[start:end] and _AT_A_PARTING.match(text, end) is not None


# Tablets counted out or taken for what they are for: "took all my tablets out to count them", "had a
# load of paracetamol for my headache", "took the pills as prescribed".
A_DOSE_AS_MEANT = followed_by(
    r"out|to count|back|away|off|from|for (?:a|her|his|my) (?:headache|cold|period|migraine)|"
    r"for the (?:week|day|month)|into|as prescribed"
)
# When an overdose was taken, told as just now: the act is under way.
_JUST_TAKEN = re.compile(
    r"\b(?:earlier|just now|(?:an?|one|two|three|few|couple of|\d+) (?:hours?|hrs?|mins?|minutes?) ago|"
    r"tonight|last night|this (?:morning|afternoon|evening))\b"
)
# A past told beside it: "she had an overdose when he was 2" (and "he asked me tonight why").
_LONG_AGO = re.compile(r"\bwhen (?:i|he|she|they|we|u|you) (?:was|were)\b|\byears ago\b|\b(?:19|20)\d\d\b")
# What the tablets were taken for, near them: "took loads of paracetamol this morning for my cold".
_TAKEN_FOR_AN_AILMENT = re.compile(
    r"\bfor (?:a|her|his|my|the|me) (?:bad )?(?:headache|cold|period|migraine|toothache|back|flu|"
    r"temperature|fever|cramps|pain|hay ?fever)\b"
)


def TAKEN_JUST_NOW(text: str, start: int, end: int) -> bool:
    """An overdose told as taken within the last hours ("took a whole packet of my meds an hour ago", "my
    friend took a load of her mum's pills last night"), not beside a long past or what it was for."""
    return (
        near(_JUST_TAKEN, text, start, end, 80)
        and not near(_TAKEN_FOR_AN_AILMENT, text, start, end, 80)
        and not near(_LONG_AGO, text, start, end, 80)
    )
