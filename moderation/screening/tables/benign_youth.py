"""Benign look-alikes in young people's spaces: what a rule holds that is not aimed at anyone.

The offensive-language path (``abuse.Harassment``) holds a young person's message that the profanity
model scores high for its strongest words. Some of those words are everyday words as well ("our
guinea pig", "my brain won't shut up", "bloody hell", "Plymouth Hoe", "this stupid bus"): they are
abuse only when said to or about a person. Such a word counts only when the message names someone
("you", "ur", "she", "him" ...) or is a bare exclamation of a few words ("stupid ginger minger").
The swear words themselves ("fuck", "shit", "bitch") and the insults that only ever name a person
("idiot", "loser") still count on the score alone.
"""

from __future__ import annotations

import re

# Words the model weighs among its strongest that are also everyday words: an animal, a verb, a
# place, a mild oath, something judged to be rubbish.
AIMED_ONLY = frozenset(
    {
        "pig",
        "shut",
        "hell",
        "damn",
        "hoe",
        "crap",
        "arse",
        "stupid",
        "stupidity",
        "dumb",
        "suck",
        "sucks",
        "stinks",
        "fool",
        "ignorant",
        "idiotic",
        "liar",
        "coward",
        "hypocrite",
    }
)

# A person in the message: spoken to, or spoken of.
_SOMEONE = re.compile(
    r"\b(?:you|u|ur|your|youre|you'?re|ya|yer|yourself|urself|y'?all|yall|he|she|her|him|his|he'?s|"
    r"she'?s|hes|shes|this (?:girl|boy|lad|guy|kid|bloke|woman|man)|that (?:girl|boy|lad|guy|kid|bloke|"
    r"woman|man))\b"
)
_WORDS = re.compile(r"[a-z0-9']+")
SHORT = 4  # words: a bare exclamation ("stupid ginger minger") needs nobody named


def aimed_word_counts(text: str, start: int, end: int) -> bool:
    """Does the strongly-weighted word at ``start:end`` of ``text`` (normalised) count towards holding it?"""
    if text[start:end] not in AIMED_ONLY:
        return True
    return _SOMEONE.search(text) is not None or len(_WORDS.findall(text)) <= SHORT


# --------------------------------------------------------------------------------------------------
# "I want to die" as a reaction to a moment, not a wish about one's life
# --------------------------------------------------------------------------------------------------
# Said by the writer of themselves ("i want to die", "i literally wanna die", "made me want to die")
# in a message that says it is a laugh or an embarrassment ("lol", "jk", "not literally", "so
# embarrassing", "cringe", "my crush"), with nothing of a risk now beside it ("can't do this",
# "anymore", "for real", "not joking", a means, "tonight"). "😭😭😭 i cant do this i want to die" and
# "he says he wants to die lol" (someone else) are still held.
_BY_ME = re.compile(
    r"\b(?:i|me|im|i'?m)(?:\s+(?:just|literally|actually|honestly|lowkey|legit|really|kinda|now|so|and))*$"
)
_A_LAUGH_OR_BLUSH = re.compile(
    r"\b(?:lol|lmao|lmfao|rofl|haha\w*|jk|not literally|embarrass\w*|cringe\w*|awkward|mortified|"
    r"my crush)\b"
)
_RISK_NOW = re.compile(
    r"\b(?:can'?t (?:do this|cope|take|go on|carry on)|cant (?:do this|cope|take|go on|carry on)|anymore|"
    r"any more|every ?day|every night|all the time|always|not joking|no joke|for real|fr|seriously|"
    r"mean it|no one|nobody|alone|hate (?:myself|my life|me)|hurt|pills|tablets|cut|cutting|bridge|rope|"
    r"tonight|plan|planned|goodbye|sorry|real talk|not even|no but)\b"
)


def laughing_it_off(text: str, start: int, end: int) -> bool:
    """A veto: the wish to die at ``start`` is the writer's joke or blush about a moment."""
    if _BY_ME.search(text[max(0, start - 40) : start].rstrip()) is None:
        return False
    return _A_LAUGH_OR_BLUSH.search(text) is not None and _RISK_NOW.search(text) is None


# Throwing oneself out of the window at an annoyance: "if I hear that song one more time I'll jump out
# the window", "when she puts her music on I want to jump out the window". Only the window, only with
# the annoyance ("one more", music, a sound) in its sentence, and not with a height, a floor, a ledge
# or a time ("jump out my window tonight, it's high enough").
_ONE_MORE = re.compile(r"\b(?:one more|another|music|song|songs|tune|playlist|tiktok|sound|assembly)\b")
_SENTENCE = re.compile(r"[.!?\n]")
_HEIGHT_OR_TIME = re.compile(
    r"\b(?:tonight|now|high|floor|storey|ledge|roof|hurt|die|dead|kill|end|really|fr|serious\w*)\b"
)


def window_at_an_annoyance(text: str, start: int, end: int) -> bool:
    """A veto for the window jump said of an annoyance in the same sentence."""
    if not text[start:end].endswith("window"):
        return False
    stops = list(_SENTENCE.finditer(text, 0, start))
    begin = stops[-1].end() if stops else 0
    after = _SENTENCE.search(text, end)
    finish = after.start() if after else len(text)
    sentence = text[begin:finish]
    return _ONE_MORE.search(sentence) is not None and _HEIGHT_OR_TIME.search(text) is None


# --------------------------------------------------------------------------------------------------
# Abuse told as over: "my birth dad used to hit me but he's not around now and I'm safe"
# --------------------------------------------------------------------------------------------------
# A young person (or an adult) telling their own story, or a sibling's, as past and over: a past
# ("used to", "when I was little", "before I was adopted"), a safety now ("I'm safe now", "he's in
# prison", "I'm doing therapy about it", "it's in my life story book"), and nothing current ("still",
# "again", "last night", "scared", "keeps", "at contact"). Like a self-harm past told as over
# (risk.recovered_experience) it is allowed, and queued at P3 for a moderator to read.
_ABUSE_PAST = re.compile(
    r"\b(?:used to|when i was (?:little|younger|small|a baby|a kid|a child|\d+|in care)|when (?:she|he) was "
    r"(?:little|younger|small|a baby|a kid|a child)|as a (?:baby|kid|child|toddler)|when little|long time "
    r"ago|years ago|before i (?:was adopted|got adopted|came here|went into care|came into care)|"
    r"(?:why|that'?s why) i (?:got|was) (?:taken|put) into care)\b"
)
_SAFE_NOW = re.compile(
    r"\b(?:(?:i'?m|im|i am|i feel|she'?s|she feels|he'?s|he feels|we'?re|feels?) (?:so )?(?:safe|ok|okay|"
    r"fine)(?: now)?|safe (?:now|with)|in prison|(?:not|isn'?t|never) (?:around|allowed to see)|"
    r"(?:doing|having|had|done) (?:loads of |some )?(?:therapy|counselling)|counsell?or|life story|"
    r"forever home|not around now|can'?t (?:hurt|find) (?:me|us|her|him) (?:now|anymore|any more))"
)
_ABUSE_NOW = re.compile(
    r"\b(?:still|again|last (?:night|week)|yesterday|today|this (?:morning|week)|tonight|right now|"
    r"scared|afraid|frightened|keeps?|every (?:day|night|time)|always|at contact|at the moment|currently|"
    r"help me|what (?:do|should) i do|don'?t know what to do|(?:wants|trying|tries) to (?:see|find|contact)|"
    r"message\w*|found me|comes? (?:round|back)|just (?:hit|hurt))\b"
)


def abuse_told_as_over(text: str) -> bool:
    """``text`` (folded) tells abuse as past and over, with a safety now and nothing current in it."""
    return (
        _ABUSE_PAST.search(text) is not None
        and _SAFE_NOW.search(text) is not None
        and _ABUSE_NOW.search(text) is None
    )


# Beaten at a game or a race: "he beat me at uno", "we played chess and I beat him", "he reckons
# he'll beat me, we're doing a 5k". Only "beat", only with the game in its sentence, and not with what
# follows a beating after it ("after the match because we lost", "with his belt").
_GAME = re.compile(
    r"\b(?:played|playing|play|uno|chess|cards|monopoly|scrabble|race|5k|10k|parkrun|fifa|mario ?kart|"
    r"fortnite|game|games|quiz|match|arm wrestl\w*|tennis|ping pong|pool|darts|first time|rematch)\b"
)
_BEAT = re.compile(r"\bbeat(?:s|en)?\b")
# What follows a beating, not a win: "beat me after the match because we lost", "beat me with a belt".
_A_BEATING_AFTER = re.compile(
    r"\s*(?:(?:me|him|her|us|them|me up|him up|her up)\s+)?(?:up|black|after|because|cos|coz|cause|bc|"
    r"with|when|til|till|until|so|for(?! the first time)|if|every|again|and (?:i|it) (?:cried|hurt|bled))\b"
)


def beaten_at_a_game(text: str, start: int, end: int) -> bool:
    """A veto: the "beat" in ``start:end`` is winning, with a game in the same sentence."""
    beat = _BEAT.search(text, start, end)
    if beat is None or _A_BEATING_AFTER.match(text, beat.end()) is not None:
        return False
    stops = list(_SENTENCE.finditer(text, 0, start))
    begin = stops[-1].end() if stops else 0
    after = _SENTENCE.search(text, end)
    return _GAME.search(text, begin, after.start() if after else len(text)) is not None


# --------------------------------------------------------------------------------------------------
# Self-harm as a school subject or a story's: "a play about a girl who self harms", "a documentary
# about why people self harm", "I did mine on self harm". A veto for the bare noun only (like
# self_harm_vetoes.TOPIC): "I self harm" and "she's been self-harming" are other rules.
# --------------------------------------------------------------------------------------------------
_WORK = (
    r"(?:book|books|play|film|movie|show|series|episode|documentary|story|novel|drama|project|lesson|"
    r"essay|presentation|assembly|poem|song|article|video)"
)
_STORY = re.compile(
    rf"\b(?:{_WORK} (?:[a-z']+ ){{0,4}}about (?:a |an |the )?(?:girl|boy|character|man|woman|lad|teen|"
    r"teenager|kid|someone|somebody|people|young people|students?|pupils?)(?: who| that)?|"
    r"about why (?:people|someone|teens|teenagers|young people|girls|boys|kids)|"
    r"(?:did|do|doing|done) (?:mine|my (?:project|essay|presentation|talk|poster|coursework)) "
    r"(?:on|about))\s*$"
)


def a_story_about_someone(text: str, start: int, end: int) -> bool:
    """A veto: the self-harm word at ``start`` is what a story, a lesson or a project is about."""
    return _STORY.search(text, max(0, start - 90), start) is not None


# A milestone counted from the last time: "100 days since I last hurt myself", "it's been a year since I
# last self-harmed", "3 years today since I last self harmed". Read by risk.recovered_experience as a
# milestone: allowed with signposts, queued at P3.
SINCE_LAST = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:years?|yrs?|months?|"
    r"weeks?|days?)(?: today| now)? since (?:i|my) last (?:self[- ]?harm(?:ed)?|sh'?d|hurt myself|cut|"
    r"relapse)"
)


# --------------------------------------------------------------------------------------------------
# Tracing wished for through the plan: "when I'm 18 I want to find my birth mum through the proper
# service", "my dad said we can do it properly through the agency together", "what's the safest way to
# find my birth family?". The plan said anywhere in the message (the tracing rule's own vetoes read
# only the words straight after it), and nothing that goes around it: no platform, no secret, no
# contact already made, no meeting arranged, no defiance ("whatever my social worker says"). Young
# people's spaces only (``BirthFamilyContact.scan``): an adult adoptee's own tracing is held whatever
# its plan.
# --------------------------------------------------------------------------------------------------
_THE_PLAN = re.compile(
    r"\b(?:agency|adoption (?:team|service|support)|social worker|sw|proper (?:service|channels|way)|"
    r"properly|letterbox|letter box|with support|at the review|life story work|when (?:i'?m|im|i am|i turn) "
    r"(?:18|eighteen|older)|(?:till|until|til) (?:i'?m|im|i am) (?:18|eighteen|older)|safest way|"
    r"(?:how do i|how would i|how can i) (?:ask|go about|start))\b"
)
_AROUND_THE_PLAN = re.compile(
    r"\b(?:secret\w*|behind|without|don'?t tell|dont tell|anyway|already|found (?:her|him|them|my)|"
    r"messag\w+|dm\w*|texted|texting|added|snap\w*|insta\w*|ig|facebook|fb|tiktok|whatsapp|online|"
    r"tonight|tomorrow|saturday|sunday|after school|after college|meet(?:ing)? (?:up|at|in)|address|"
    r"lives? (?:in|on|near)|number|fake|account|profile|search\w* for (?:her|him) on|not through|straight to|"
    r"myself|won'?t know|wont know|don'?t know|dont know|next week|going round|go round|every weekend|"
    r"ringing|rang|phon\w+|turned up|waiting|whatever|no matter|even if|don'?t care|dont care|against|"
    r"anyway|won'?t stop me|cant stop me|can'?t stop me)\b"
)


def tracing_through_the_plan(text: str) -> bool:
    """``text`` (folded) wishes for tracing through the plan or when older, and nothing around it."""
    return _THE_PLAN.search(text) is not None and _AROUND_THE_PLAN.search(text) is None


# --------------------------------------------------------------------------------------------------
# Disappearing for a while, or somewhere: "wish I could disappear for the weekend", "disappear into my
# bed for a week", "disappear into a cottage in the Lake District", "disappear off the face of the
# earth after that presentation". Not "for good", "forever" without a place, or "completely".
# --------------------------------------------------------------------------------------------------
_A_WHILE_OR_A_PLACE = re.compile(
    r"\s*(?:for (?:like |about |just )?(?:a|the|one|two|\d+) (?:bit|while|day|days|week|weeks|weekend|month|"
    r"hour|hours|summer|holidays?)|for (?:the )?(?:rest of the )?(?:day|week|weekend|summer|holidays)|"
    r"(?:into|under|to|in) (?:my|me|a|the|her|his) (?:bed|room|duvet|covers|blanket|hoodie|floor|ground|"
    r"shed|caravan|cottage|cabin|island|beach|book|books|nan'?s|gran'?s|garden)|"
    r"off the face of the earth (?:after|for|until|till|til))"
)
_FOR_GOOD = re.compile(r"\b(?:for good|forever|for ever|completely|permanently|and never come back)\b")


def disappearing_for_a_while(text: str, start: int, end: int) -> bool:
    """A veto: the wish to disappear at ``start`` is for a while or somewhere, not for good."""
    if _A_WHILE_OR_A_PLACE.match(text, end) is None:
        return False
    stop = _SENTENCE.search(text, end)
    return _FOR_GOOD.search(text, end, stop.start() if stop else len(text)) is None


# A song's words: "'i wanna disappear' is such a bop", "the lyric 'i just want to disappear'", "that
# song that goes 'i don't wanna be here anymore'". Only quoted, with the song named near it.
_QUOTE_BEFORE = re.compile(r"[\"'](?:i |im |i'?m )?(?:just |literally )?$")
_A_SONG = re.compile(
    r"\b(?:song|songs|lyric|lyrics|bop|banger|bangers|tune|track|album|playlist|chorus|verse)\b"
)


def a_song_quoted(text: str, start: int, end: int) -> bool:
    """A veto: the phrase at ``start`` is quoted from a song named within a sentence of it."""
    if _QUOTE_BEFORE.search(text, max(0, start - 16), start) is None:
        return False
    return _A_SONG.search(text, max(0, start - 80), min(len(text), end + 80)) is not None


# --------------------------------------------------------------------------------------------------
# An overdose as a first-aid lesson or a story's: "learnt what to do if someone's taken an overdose at
# cadets", "the main character takes an overdose", "the hospital drama had a whole episode about an
# overdose". The lesson or the story in its sentence, before it, and no one's risk now in the message.
# --------------------------------------------------------------------------------------------------
_LESSON_OR_STORY = re.compile(
    r"\b(?:first aid|cadets|scouts|guides|badge|course|recovery position|learnt|learned|learning|taught|"
    r"workshop|training|book|novel|character|episode|drama|series|film|movie|play|soap|storyline|"
    r"documentary)\b"
)
_SOMEONES_RISK_NOW = re.compile(
    r"\b(?:i (?:want|wanna|will|'?ll|am going|'?m going|have|'?ve got|ve got)|im (?:going|gonna)|"
    r"(?:she|he|they)(?:'?s| is| has| have)? (?:just )?(?:taken|took|takes|gonna|going)|tonight|right now|"
    r"rn|again|ambulance|a&e|hospital (?:now|tonight)|help me|scared|worried about)\b"
)


def overdose_in_a_lesson_or_story(text: str, start: int, end: int) -> bool:
    """A veto: the overdose at ``start`` is taught in a lesson or told of a story."""
    if "overdose" not in text[start:end]:
        return False
    stops = list(_SENTENCE.finditer(text, 0, start))
    begin = stops[-1].end() if stops else 0
    return _LESSON_OR_STORY.search(text, begin, start) is not None and _SOMEONES_RISK_NOW.search(text) is None


# Not waking up, or sleeping forever, because of being tired or an early start: "i dont wanna wake up
# tomorrow its a 6am start for the trip", "could sleep forever, just back from a school trip", "want
# to go to sleep forever its saturday". The tiredness or the timetable in its sentence, and nothing of
# a risk (nobody, alone, hating, "anymore", a means) in the message.
_TIRED_OR_TIMETABLE = re.compile(
    r"\b(?:tired|tiired|shattered|exhausted|knackered|sleepy|trip|shift|lesson|pe|cross country|\d+ ?am|"
    r"early|alarm|start|mondays?|saturday|sunday|weekend|lie in|lie-in|school tomorrow|for school|"
    r"back from|holidays?|half term|exams? (?:are|is) (?:over|done)|mocks)\b"
)
_A_RISK_BESIDE = re.compile(
    r"\b(?:nobody|no one|alone|again|everything|everyone|of it all|life|living|myself|worthless|pointless|"
    r"hate|hates|bull(?:y|ied|ies|ying)|anymore|any more|ever again|pills|"
    r"tablets|overdose|cut|cutting|die|dead|dying|kill|end it|point|burden|scared|can'?t (?:cope|go on|do "
    r"this)|cant (?:cope|go on|do this)|better off|goodbye|forever and|for good|not joking|fr|for real)\b"
)


def tired_not_done(text: str, start: int, end: int) -> bool:
    """A veto: not waking, or sleeping forever, is said of tiredness or a timetable."""
    if not re.search(r"\b(?:wake|sleep|asleep|bed)\b", text[start:end]):
        return False
    stops = list(_SENTENCE.finditer(text, 0, start))
    begin = stops[-1].end() if stops else 0
    after = _SENTENCE.search(text, end)
    finish = after.start() if after else len(text)
    return _TIRED_OR_TIMETABLE.search(text, begin, finish) is not None and _A_RISK_BESIDE.search(text) is None
