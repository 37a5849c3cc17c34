"""Abuse and harassment: slurs, insults and threats aimed at a person, and abusive language.

Two sources, because each misses what the other sees:

- term lists (``terms/``) matched with one Aho-Corasick automaton, through leetspeak ("1d10t"),
  masking ("c*nt"), stretching ("fuuuuck") and spacing ("f u c k"): slurs block the message, insults
  aimed at someone hold it; phrase rules add threats ("I know where you live") and telling someone
  to harm themselves, which no word list or profanity model catches;
- alt-profanity-check's trained model (``classifier.py``), which knows thousands of words.

The model scores swearing, not harassment: "this bloody paperwork" scores 0.94. In adult spaces
swearing about a situation is ordinary venting among tired carers, so the model holds a message only
when a strongly profane word is aimed at "you". Young people's spaces hold on the score alone, at a
lower threshold (PRODUCT.md 2.7: stricter rules in young people's spaces).
"""

from __future__ import annotations

import re
import threading

import ahocorasick
import re2

from . import classifier
from .lexicon import FRAGMENTS as PEOPLE
from .lexicon import read_terms
from .normalise import rule_view
from .patterns import GAP, Rule, RuleSet, alternatives, followed_by, merge
from .tables.benign_youth import aimed_word_counts
from .tables.harassment_indirect import HARASSMENT_INDIRECT_RULES, QUOTED
from .tables.harassment_knowing import HARASSMENT_KNOWING_RULES
from .tables.harassment_unsaid import HARASSMENT_UNSAID_RULES, quoted_and_attributed, word_condemned
from .tables.harassment_unseen import HARASSMENT_UNSEEN_RULES
from .types import Action, Doc, Hit

YOUTH_THRESHOLD = 0.75  # any strongly offensive message from or to a young person is looked at
ADULT_THRESHOLD = 0.80  # and then only when a strongly profane word is aimed at "you" (``Harassment._model``)
PROFANE_COEFFICIENT = 2.5  # the model's strongest words (~80): "fuck", "idiot", "twat", not "hate"
PRIORITY = 3

# Leetspeak digits and symbols read as letters, for the term lists only ("1d10t", "b1tch", "$lag").
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"}
)
# Three or more of one letter in a row: "fuuuuck", "bitchhhh".
_STRETCHED = re2.compile("|".join(c * 3 for c in "abcdefghijklmnopqrstuvwxyz").encode("ascii"))
_STRETCH_RUN = re.compile(r"([a-z])\1{2,}")
# Single letters with one separator between them: "f u c k", "n.o.n.c.e".
_SPACED = re2.compile(rb"\b(?:[a-z][ .*_-]){2,}[a-z]\b")
_WORD = re.compile(r"[a-z0-9*']+")

SECOND_PERSON = frozenset(
    [
        "you",
        "u",
        "ur",
        "your",
        "youre",
        "you're",
        "ya",
        "yer",
        "yourself",
        "urself",
        "yourselves",
        "y'all",
        "yall",
    ]
)
# Words that aim an insult without "you": "shut up idiot", "oi loser".
_ADDRESS_CUES = frozenset(["oi", "oy", "stfu", "gtfo", "off", "up", "listen"])
_INTENSIFIERS = frozenset(
    [
        "so",
        "such",
        "a",
        "an",
        "really",
        "very",
        "proper",
        "well",
        "absolute",
        "absolutely",
        "complete",
        "completely",
        "total",
        "totally",
        "utter",
        "utterly",
        "little",
        "big",
        "massive",
        "fat",
        "fucking",
        "bloody",
        "effing",
        "actual",
        "actually",
        "literally",
        "just",
        "such",
    ]
)
_COPULAS = frozenset(
    ["are", "r", "is", "look", "looks", "sound", "sounds", "act", "acting", "be", "being", "seem", "seems"]
)
_THIRD_PERSON = frozenset(["he's", "she's", "hes", "shes", "they're", "theyre"])
_HE_SHE = (["he"], ["she"], ["they"])
# Words the model weighs as profane that name who someone is: a young person saying "I'm gay" is
# not being offensive, whatever the model learned from the way others use the word.
NOT_PROFANE = frozenset(
    ["gay", "queer", "homosexual", "lesbian", "lesbians", "gays", "bisexual", "trans", "transgender"]
)
_REPORTED = re.compile(
    r"\b(?:called|calling|call|said|says|saying|shouted|shouting|yelled|screamed|wrote|written|graffiti|"
    r"word|words|slur|slurs|name|names|term)\b[^.!?]*$"
)


def _variants(term: str) -> set[str]:
    """The spellings a term is looked for in: plurals, and masked middles ("c*nt", "f**got")."""
    forms = {term, term + "s", term + "es"}
    if " " not in term and len(term) >= 4:
        for start in range(1, len(term) - 1):
            for end in range(start + 1, min(start + 3, len(term) - 1) + 1):
                forms.add(term[:start] + "*" * (end - start) + term[end:])
    return forms


_NEGATIONS = frozenset(
    [
        "not",
        "never",
        "no",
        "dont",
        "isnt",
        "arent",
        "wasnt",
        "aint",
        "wont",
        "cant",
        "didnt",
        "doesnt",
        "shouldnt",
        "wouldnt",
        "couldnt",
        "nobody",
    ]
)


def _is_negated(tokens: list[str]) -> bool:
    return any(t in _NEGATIONS or t.endswith("n't") for t in tokens)


# An insult between friends says so: "ur so dumb 😂 love u tho", "ur a weirdo n i love u for it",
# "(affectionately) i love u bestie". Only insults: slurs, threats and ganging up are judged anyway.
_BANTER = re.compile(r"\b(?:(?:i )?(?:love|luv) (?:u|you|ya)|ily|bestie|affectionately)\b")


# Where a negation stops counting: "nobody asked you, you useless cow" insults whatever came before
# the comma; "you're not stupid" and "not being funny but ..." keep theirs.
_CLAUSE_BREAK = re.compile(r"[.!?,;:]|\bbut\b")


def _clause_before(text: str, start: int) -> list[str]:
    """The last six words before ``start`` in its own clause (for a negation to deny the insult)."""
    window = text[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    return _WORD.findall(window.translate(_LEET))[-6:]


# An insult said as an exclamation needs no "you": the whole message ("Prick.", "n0nce"), "what a ..."
# ("What a clown.", "what a stupid, stupid woman"), an adjective opening a sentence about a person
# ("Pathetic little man."), or a name called at the end of a sentence ("Keep crying, snowflake.").
_PERSON = frozenset(
    ["woman", "women", "man", "men", "bloke", "girl", "boy", "lad", "person", "people", "cow", "creature"]
)
_SENTENCE_START = re.compile(r"(?:^|[.!?\n])[\s\"'*~_-]*$")
_VOCATIVE_END = re.compile(r"[\s]*(?:[.!?]|$)")


def _exclaimed(text: str, start: int, kind: str, adjectives: frozenset[str]) -> bool:
    words = _WORD.findall(text.translate(_LEET))
    end = start + len(_WORD.findall(text[start:])[0]) if _WORD.findall(text[start:]) else start
    if kind == "insult" and len(words) <= 2:
        return True
    before = _WORD.findall(text[max(0, start - 40) : start].translate(_LEET))
    after = _WORD.findall(text[end : end + 40].translate(_LEET))
    # "what a (stupid, stupid) <insult or person>"
    tail = [t for t in before[-4:] if t not in ("a", "an") and t not in adjectives and t not in _INTENSIFIERS]
    if tail[-1:] == ["what"] and "what" in before[-4:]:
        return kind == "insult" or _names_a_person(after, adjectives)
    # "Pathetic little man." as a sentence of its own
    if kind == "adjective" and _SENTENCE_START.search(text, 0, start):
        return _names_a_person(after, adjectives) and len(words) <= 8
    # ", snowflake." at the end of a sentence
    if kind == "insult":
        stripped = text[:start].rstrip()
        return stripped.endswith(",") and _VOCATIVE_END.match(text, end) is not None
    return False


def _names_a_person(after: list[str], adjectives: frozenset[str]) -> bool:
    rest = [t for t in after if t not in adjectives and t not in _INTENSIFIERS]
    return rest[:1] != [] and rest[0] in _PERSON


# --------------------------------------------------------------------------------------------------
# Threats, incitement and abusive phrases
# --------------------------------------------------------------------------------------------------

THREAT_FRAGMENTS = {
    **PEOPLE,
    "AT_YOU": alternatives(
        "you", "u", "ya", "yu", "your (?:face|head|legs|family|mum|house)", "ur (?:face|head|mum)"
    ),
    "HARM": alternatives(
        "kill",
        "batter",
        "stab",
        "smash",
        "punch",
        "hurt",
        "beat",
        "bang",
        "slap",
        "deck",
        "knock out",
        "merk",
        "shank",
        "jump",
        "rush",
        "end",
        "break",
        "burn",
        "murder",
        "strangle",
        "choke",
        "wreck",
        "destroy",
        "ruin",
        "leather",
        "knife",
        "cut",
        "shoot",
        "bottle",
        "glass",
    ),
}

# A threat quoted in someone's story is not harassment (its home is tables/harassment_indirect.py).
_QUOTED = QUOTED
# "You're dead funny": in England "dead" is also just "very".
_FRIENDLY_DEAD = followed_by(
    r"right|funny|good|nice|lucky|clever|sweet|cute|brave|kind|talented|smart|on|jammy"
)
_GAMES = followed_by(
    r"(?:at|in|on) (?:fifa|fortnite|the game|a game|games|chess|football|cod|pool|darts|cards|uno|monopoly|"
    r"mario ?kart|smash|minecraft|roblox|the quiz|a race|the race)"
)

THREAT_RULES = (
    Rule(
        "threat",
        alternatives(
            "(?:i'?ll|i will|i'?m (?:gonna|going to|coming to)|im (?:gonna|going to)|gonna|i'?d|i could|"
            "we'?ll|we will|imma|ima|i'?m going to come and|ill) (?:[a-z]+ )?<HARM> <AT_YOU>",
            "(?:i know|i'?ll find out|i will find out|i found out|i'?ll find|we know|i can find) where "
            "(?:you|u|ya) (?:live|go to school|work|are)",
            "(?:watch|mind) (?:your|ur) back",
            "(?:you'?re|ur|you are|u r|youre|u are) (?:so )?(?:dead|gonna die|going to die|getting "
            "(?:battered|merked|jumped|stabbed|done|it|shanked)|finished|done for)",
            "(?:you|u) (?:will|'?ll|are gonna|r gonna|gonna) (?:regret|pay for) (?:this|it|that)",
            "(?:i'?ll|i will|i'?m (?:gonna|going to)|im (?:gonna|going to)|gonna|we'?ll|imma|ima) (?:get|"
            "catch|find|see) (?:you|u|ya) (?:after school|outside|at lunch|at break|on the way home|when "
            "(?:you|u) least expect it|and (?:batter|smash|kill|hurt|stab|jump))",
        ),
        "I know where you live",
        veto=lambda text, start, end: (
            _QUOTED(text, start, end) or _GAMES(text, start, end) or _FRIENDLY_DEAD(text, start, end)
        ),
    ),
    Rule(
        "incitement",
        alternatives(
            "kys",
            "kill (?:yourself|urself|ya ?self|yoself|your ?self|urslf)",
            "go (?:and )?die",
            "hope (?:you|u) die",
            "(?:neck|hang) (?:yourself|urself)",
            "drink bleach",
            "(?:you|u) should (?:die|kill yourself|just die|not exist)",
            "nobody would miss (?:you|u)",
            "(?:world|everyone)(?:'d| would) be better (?:off )?without (?:you|u)",
        ),
        "just kys",
        veto=_QUOTED,
    ),
    Rule(
        "bullying",
        alternatives(
            "(?:nobody|no one|no1|noone) (?:likes|loves|wants|cares about|would care about) (?:you|u)",
            "everyone hates (?:you|u)",
            "(?:you|u) have no friends",
            "(?:you'?re|ur|you are|u r|youre) (?:a |an |such a |the |the worst |one )?(?:terrible|awful|"
            "horrible|useless|rubbish|shit|crap|bad|worst|pathetic|disgusting|vile|sorry|poor) (?:excuse for "
            "a |excuse of a )?(?:parent|mother|mum|mom|dad|father|carer|person|human|human being|adopter|"
            "guardian|friend)",
            "(?:you|u) (?:disgusting|pathetic|sorry|vile) excuse (?:for|of) a",
            "(?:you|u) (?:don'?t|dont) (?:belong|deserve to be) here",
            "(?:your kind|your lot|you lot|ur kind|people like (?:you|u)) (?:don'?t|dont|do not) belong "
            "(?:here|in (?:this|these|our))",
            "(?:people|ppl|scum|freaks|losers|idiots|someone) like (?:you|u) (?:shouldn'?t|should not|make "
            "me|are|r|don'?t)",
            "(?:you|u|ya|people like (?:you|u)|your kind|the likes of (?:you|u)) (?:make me (?:sick|puke|"
            "vomit)|(?:disgust|disgusts|sicken|sickens|repulse|repulses|revolt|revolts) me)",
            "(?:i )?hope (?:you|u|your|ur)(?: [a-z]+){0,2} (?:die|dies|suffer|suffers|rot|rots|get (?:taken|"
            "hurt|cancer|run over|what you deserve))",
            "(?:you|u) (?:don'?t|do not|dont) deserve (?:to be a (?:parent|mum|dad|mother|father|carer)|"
            "(?:your|ur|those|them|any) (?:kids|children)|to live|to have (?:kids|children))",
            "(?:get out|get lost|go away|leave|get off|gtfo)(?: of| from)? (?:this|the|our|my) (?:chat|group|"
            "server|gc|group chat)",
        ),
        "nobody likes you",
        veto=_QUOTED,
    ),
    Rule(
        # Exposure as a threat: "i'll post ur real name everywhere", "leak ur pics to the group".
        "threat",
        "(?:i'?ll|i will|ill|i'?m (?:gonna|going to)|im (?:gonna|going to)|gonna|imma|ima|we'?ll|watch me) "
        "(?:post|leak|share|send|spread|put|screenshot|expose|tell|show)(?: (?:it|this) to)?(?: (?:everyone|"
        "every1|everybody|the (?:whole )?(?:group|school|chat|gc)))?(?: (?:all|about|at school))? (?:your|ur|"
        "yer|ya|her|his|what (?:ur|your|her|his|you|u)) (?:real |old |birth |baby |private |naked )?(?:name|"
        "address|pics|pictures|photos|nudes|vids|videos|messages|secrets|number|care home|school|story|past|"
        "business|mum|mam|dad|family|did|said|are|is)",
        "ill post ur real name everywhere",
        veto=_QUOTED,
    ),
    Rule(
        "threat",
        alternatives(
            "(?:dox|doxx|doxxed|doxed|doxing|doxxing) (?:you|u|ya|her|him|them)",
            "make (?:her|his|your|ur|their) life (?:hell|a misery|a living hell)",
            "(?:you'?re|ur|you are|u r|youre|u are|you|u|he'?s|she'?s|hes|shes) (?:getting|gonna get|"
            "going to get|will get|'?ll get|gets) (?:a kicking|a beating|battered|banged|merked|jumped|"
            "stabbed|wet|shanked|rushed|smacked|slapped|done in|leathered)",
        ),
        "i'll dox u",
        veto=_QUOTED,
    ),
    Rule(
        "threat",
        "(?:gonna|going to|i'?ll|ill|i will|imma|ima|wait till i|when i) (?:find|catch) (?:him|her|them) "
        "(?:and|outside|after|on)",
        "im gonna find him and slap him",
        audiences=frozenset({"youth"}),
        veto=_QUOTED,
    ),
    Rule(
        # Violence to someone's face or head, said to them: "smash ur face in", "kick yer head in".
        "threat",
        "(?:smash|batter|kick|punch|knock|cave|stamp|bash|slap) (?:your|ur|yer|ya|his|her) (?:face|head|"
        "teeth|skull) (?:in|off)",
        "gonna smash ur face in",
        veto=_QUOTED,
    ),
    Rule(
        # Hate at a group: a call for people to be removed, punished or barred from family life.
        "hate",
        alternatives(
            "(?:should|should all|need to|needs to|ought to|must) (?:all )?(?:be )?(?:rounded up|locked "
            "up|shot|deported|sent back|gassed|put down|wiped out|strung up|sterili[sz]ed|kicked out of "
            "the country)",
            "(?:shouldn'?t|should not|should never|must never|mustn'?t) be allowed (?:to|near) (?:adopt|"
            "foster|raise (?:kids|children)|have (?:kids|children)|be (?:parents|carers|mums|dads))",
            "go back to (?:where (?:you|u|ya|they|she|he) (?:came|come) from|(?:your|ur|their|his|her) own "
            "country|the jungle|your country|ur country)",
        ),
        "go back to where you came from",
        veto=_QUOTED,
    ),
    Rule(
        # Ganging up: "let's all report her account", "make a group chat to slag off amy".
        "bullying",
        alternatives(
            "(?:let'?s|lets|we should|everyone|every1|everybody) (?:all )?(?:go )?(?:block|mass report|"
            "report|unfollow|spam|roast) (?:her|him|them|@[a-z0-9_.]+|[a-z]+ (?:he'?s|she'?s|hes|shes))",
            "(?:let'?s|lets|we should|everyone|every1|everybody|go and|go) (?:all )?(?:ignore|block|report) "
            "(?:her|him|them|@[a-z0-9_.]+)(?: account| page)?(?: till| until| so)",
            "(?:slag|slagging|slagged) (?:off )?(?:her|him|them|[a-z]+) off",
            "(?:slag|slagging|slagged) off (?:[a-z]+)",
            "group ?chat (?:to|for|about) (?:slag|slagging|roast|roasting|bully|bullying|talk about|laugh at|"
            "take the piss out of)",
            "everyone (?:is )?(?:laughing|laffing|laughs) at (?:you|u|ya|her|him)",
            "(?:everyone|every1|everybody|the whole (?:school|class|year|group)) (?:thinks|knows) "
            "(?:you'?re|ur|u r|youre|you are|she'?s|he'?s) (?:a|an|so|such a|well|proper|dead) [a-z]+",
        ),
        "let's all report her account till it gets banned",
        audiences=frozenset({"youth"}),
        veto=_QUOTED,
    ),
    Rule(
        "abusive_language",
        alternatives(
            r"(?:fuck|f\*+k|f\*+|f|fk|fck|feck|piss|sod|bugger|eff) off",
            r"(?:fuck|f\*+k|fk|fck|screw|sod|frick) (?:you|u|ya)",
            "stfu",
            "gtfo",
            r"shut (?:the fuck|tf|the f\*+k?|ur|your) (?:up|mouth|face)",
        ),
        "fuck off",
        veto=_QUOTED,
    ),
)


class _TermIndex:
    """One automaton over every spelling of every listed term."""

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, tuple[str, str]] = {}
        # Later lists do not overwrite a slur: a word on both lists is treated as the slur.
        for kind, name in (
            ("adjective", "insult_adjectives.txt"),
            ("insult", "insults.txt"),
            ("slur", "slurs.txt"),
        ):
            for term in read_terms(name):
                for form in _variants(term.translate(_LEET)):
                    entries[form] = (kind, term)
        for form, (kind, term) in entries.items():
            self._automaton.add_word(form, (kind, term, len(form)))
        self._automaton.make_automaton()

    def find(self, view: str) -> list[tuple[str, str, int, int]]:
        found = []
        for last, (kind, term, length) in self._automaton.iter(view):
            start, end = last - length + 1, last + 1
            before = view[start - 1] if start > 0 else " "
            after = view[end] if end < len(view) else " "
            if not (before.isalnum() or before == "*" or after.isalnum() or after == "*"):
                found.append((kind, term, start, end))
        return found


def _squeezed(view: str) -> tuple[str, list[int]]:
    """The text with stretched letters cut to one ("fuuuck" -> "fuck"), and where each came from."""
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for run in _STRETCH_RUN.finditer(view):
        pieces.append(view[last : run.start() + 1])
        origin.extend(range(last, run.start() + 1))
        last = run.end()
    pieces.append(view[last:])
    origin.extend(range(last, len(view)))
    return "".join(pieces), origin


class Harassment:
    category = "harassment"

    def __init__(self) -> None:
        self._terms = _TermIndex()
        self._adjectives = frozenset(term.translate(_LEET) for term in read_terms("insult_adjectives.txt"))
        # Threats and incitement, then harassment with no insult word in it (tables/harassment_indirect.py).
        self._phrases = RuleSet(
            THREAT_RULES
            + HARASSMENT_INDIRECT_RULES
            + HARASSMENT_UNSAID_RULES
            + HARASSMENT_KNOWING_RULES
            + HARASSMENT_UNSEEN_RULES,
            THREAT_FRAGMENTS,
        )
        self._lock = threading.Lock()
        self._loaded: tuple[classifier.ProfanityModel, re2._Regexp, re2._Regexp] | None = None

    def warm(self) -> None:
        self._model()

    def _model(self) -> tuple[classifier.ProfanityModel, re2._Regexp, re2._Regexp]:
        """The classifier, a pattern for its strongest words aimed at "you", and one for the words."""
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    model = classifier.load()
                    words = "|".join(
                        sorted(
                            word
                            for word, coef in model.mean_coefficient.items()
                            if coef >= PROFANE_COEFFICIENT
                            and word.isascii()
                            and word.isalpha()
                            and word not in NOT_PROFANE
                        )
                    )
                    you = PEOPLE["YOU"]
                    # A strongly profane word within two words after "you", or just before it.
                    aimed = (
                        rf"\b(?:{you})(?:{GAP}[a-z']+){{0,2}}{GAP}(?:{words})\b"
                        rf"|\b(?:{words}){GAP}(?:you|u|ya)\b"
                    )
                    self._loaded = (
                        model,
                        re2.compile(aimed.encode("ascii")),
                        re2.compile(rf"\b(?:{words})\b".encode("ascii")),
                    )
        return self._loaded

    def scan(self, doc: Doc) -> list[Hit]:
        model, aimed, profane = self._model()
        text, data = doc.norm.text, doc.norm.data
        # Stretched letters ("fuuuuck off") are read squeezed as well, mapped back to the text.
        squeezed: tuple[str, list[int]] | None = _squeezed(text) if _STRETCHED.search(data) else None
        found: list[tuple[str, int, int, int, Action]] = []
        for kind, start, end in self._listed_terms(text, squeezed):
            if word_condemned(text, start):  # "don't use 'r*tarded' as an insult", "feeling like a failure"
                doc.vetoed.setdefault(self.category, []).append((start, end))
            elif kind == "slur":
                if _REPORTED.search(text, max(0, start - 50), start):
                    found.append(("slur_reported", start, end, PRIORITY, "hold"))
                else:
                    found.append(("slur", start, end, PRIORITY, "block"))
            elif self._aimed_at_someone(text, start, kind, doc.audience):
                if _BANTER.search(text) is None:
                    found.append(("insult", start, end, PRIORITY, "hold"))
            elif _is_negated(_clause_before(text, start)):
                # An insult word denied ("you're not stupid"): judged harmless, so the classifier
                # reads the message without it (learned.py). One the rules merely could not see
                # aimed at anyone ("ugly ginger freak, dont ever post again") is left to the classifier.
                doc.vetoed.setdefault(self.category, []).append((start, end))
        for f in self._phrases.find(text, data, doc.audience):
            if not quoted_and_attributed(text, f.start, f.end):
                found.append((f.rule.label, f.start, f.end, PRIORITY, "hold"))
        if squeezed is not None:
            view, origin = squeezed
            for f in self._phrases.find(view, view.encode("ascii"), doc.audience):
                found.append((f.rule.label, origin[f.start], origin[f.end - 1] + 1, PRIORITY, "hold"))
        # The phrases over the de-obfuscated view too ("k1ll ur s3lf", "k.y.s."), mapped back.
        unleet = rule_view(text)
        if unleet is not None:
            unleet_view, at = unleet
            for f in self._phrases.find(unleet_view, unleet_view.encode("ascii"), doc.audience):
                if not text[max(0, at[f.start] - 2) : at[f.start]].rstrip().endswith(("'", '"')):
                    found.append((f.rule.label, at[f.start], at[f.end - 1] + 1, PRIORITY, "hold"))
        if not found:
            # The model reads the author's text as the library would; stretched words ("fuuuck")
            # are squeezed first, since the model knows only their usual spelling.
            probability = model.probability(doc.item.text if squeezed is None else squeezed[0])
            if probability >= YOUTH_THRESHOLD and doc.audience == "youth" and _BANTER.search(text) is None:
                # Held for the model's strongest words, not for a word such as "die" or "gay".
                for word in profane.finditer(data):
                    if not word_condemned(text, word.start()) and aimed_word_counts(text, *word.span()):
                        found.append(("offensive_language", word.start(), word.end(), PRIORITY, "hold"))
            elif probability >= ADULT_THRESHOLD and doc.audience == "adult":
                for hit in aimed.finditer(data):
                    if not _is_negated(_WORD.findall(text[hit.start() : hit.end()])):
                        found.append(("abusive_language", hit.start(), hit.end(), PRIORITY, "hold"))
        return merge(self.category, found)

    def _listed_terms(self, text: str, squeezed: tuple[str, list[int]] | None) -> list[tuple[str, int, int]]:
        view = text.translate(_LEET)
        found = [(kind, start, end) for kind, _, start, end in self._terms.find(view)]
        if squeezed is not None:
            squeezed_view, origin = squeezed
            for kind, _, start, end in self._terms.find(squeezed_view.translate(_LEET)):
                found.append((kind, origin[start], origin[end - 1] + 1))
        for run in _SPACED.finditer(view.encode("ascii")):
            letters = [i for i in range(run.start(), run.end()) if view[i].isalpha()]
            joined = "".join(view[i] for i in letters)
            for kind, _, start, end in self._terms.find(joined):
                if end - start >= 4:
                    found.append((kind, letters[start], letters[end - 1] + 1))
        return found

    def _aimed_at_someone(self, text: str, start: int, kind: str, audience: str) -> bool:
        """Is the insult at ``start`` said to or of a person: "you're a ...", "shut up ...",
        "... like you", "stupid <insult>", and in young people's spaces "she's a ..." as well?"""
        before = _WORD.findall(text[max(0, start - 80) : start].translate(_LEET))[-6:]
        after = _WORD.findall(text[start : start + 40])[1:3]
        if _is_negated(_clause_before(text, start)):
            return False
        rest = [t for t in before if t not in _INTENSIFIERS]
        last = rest[-1] if rest else ""
        if _exclaimed(text, start, kind, self._adjectives):
            return True  # "Prick.", "What a clown.", "Pathetic little man.", "Keep crying, snowflake."
        if kind == "adjective":
            # Only straight after "you"/"you're"/"you are so": "your fat intake" is not an insult.
            if last in _COPULAS:
                return any(t in SECOND_PERSON for t in rest[-3:-1])
            return last in SECOND_PERSON and (last != "your" or len(rest) < len(before))
        if before and before[-1] in self._adjectives:
            return True  # "stupid b1tch", "fat loser": an insult with or without "you"
        if audience == "youth" and (last in _THIRD_PERSON or (last in _COPULAS and rest[-2:-1] in _HE_SHE)):
            return True  # bullying talk about another young person: "she's a slag"
        return (
            any(t in SECOND_PERSON or t in _ADDRESS_CUES for t in before)
            or after[:1] in (["you"], ["u"])
            or after in (["like", "you"], ["like", "u"])
        )
