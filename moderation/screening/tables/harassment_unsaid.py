"""Harassment with no insult and no threat word, fourth set (issue #12, the seventh session's writers):
how people menace, mock and shut out someone in polite or knowing words. Run by ``abuse.Harassment``
beside ``harassment_indirect.py`` (and, like every harassment phrase, over the de-obfuscated view
too, so "k1ll ur s3lf" and "k.y.s." read as what they spell).

- menace by knowledge or watching: "I know more about you than you think", "I've got friends in your
  area", "my cousin goes to your school", "you'll get what's coming", "come find out if I'm joking",
  "remember what happened to the last person who grassed", "u better not be in town on friday",
  "... or else", "be a shame if people knew which one it was";
- an adopted or looked-after child's status made the taunt: "hope ur next placement is worse", "then
  why did she leave u", "four eyes and no parents", "go back to care", "damaged goods", "send her
  back";
- contempt said politely: "can barely string a sentence together", "I lost brain cells reading
  that", "it's all you're good at", "online you're unbearable", "so brave for wearing that in
  public", "everyone hates you";
- shutting out and dogpiling: "everyone unadd him", "everyone go comment X on her post", "we don't
  want you in it", "learn when they're not wanted", "her pity party";
- coded hate: "1488", "white power", "you can't train it out of them", "they're all like that from
  that background".

Look-alikes vetoed beside each (tests/moderation/screening/test_harassment_unsaid.py): fair
disagreement, banter, a taunt told by the one it was said to, advice about a placement, "or else
we'll miss the bus", "I'll keep an eye on you after your op".
"""

from __future__ import annotations

import re

from ..patterns import Rule, alternatives, either, followed_by, preceded_by
from .harassment_indirect import _TOLD, QUOTED

_YOU = r"(?:you|u|ya|yer)"
_YOUR = r"(?:your|ur|yer)"


# Told as what happened to someone ("she said I was damaged goods", "he told her to go back to care"),
# or condemned ("calling a child damaged goods is vile"): their story, not an attack here.
def _in_quotes(text: str, start: int, end: int) -> bool:
    """The words are quoted ("people keep writing 'k y s' under her videos"): told, not said."""
    return text[max(0, start - 2) : start].rstrip().endswith(("'", '"'))


_REPORTED = either(
    QUOTED,
    _TOLD,
    _in_quotes,
    preceded_by(
        r"(?:call|calls|called|calling|said|says(?! it all)|told|ask|asks|asked|asking|writing|write|writes|"
        r"comment|comments|not|aren'?t|isn'?t|feel like|feels like|felt like|as if|word|words|"
        r"phrase)[^.!?]{0,25}",
        40,
    ),
)

HARASSMENT_UNSAID_RULES = (
    Rule(
        # Menace by what the writer knows or who is near: no harm is named, the reader is to fill it in.
        "threat",
        alternatives(
            f"(?:i|we) know (?:a lot |much )?more about {_YOU} than {_YOU} (?:think|realise|know)",
            f"(?:i'?ve|ive|i have|we'?ve|we have|got) (?:friends|mates|people|family|cousins|contacts) "
            f"(?:in|round|near|around) {_YOUR} (?:area|way|street|road|estate|school|town|village|ends)",
            f"(?:they'?ll|they will|we'?ll|we will|i'?ll|ill) be (?:keeping an eye on|watching) {_YOU}"
            f"(?: and {_YOUR} (?:little )?(?:family|kids|lot))?",
            f"(?:cousin|brother|bro|sister|mate|mates|friend|friends) (?:goes|go|is|are) (?:to )?{_YOUR} "
            f"school",
            f"{_YOU}(?:'ll| will| are gonna| r gonna|ll)? get what'?s coming(?: to {_YOU})?",
            "(?:come|you'?ll|u'?ll) find out if (?:i'?m|im) (?:joking|serious|bluffing|kidding)",
            "remember what happened to (?:the last|that) (?:person|kid|girl|boy|one|guy|lad|woman|man) who",
            f"{_YOU} (?:better|'?d better|had better) not (?:be|show (?:your|ur) face|come|turn up) "
            f"(?:in|at|near|round|around|on|anywhere)",
            "(?:be a|would be a|it'?d be a|be such a) shame if (?:people|everyone|everybody|anyone|they|the "
            "whole [a-z]+) (?:knew|found out|saw)",
            f"(?:i|we) know (?:{_YOU}|{_YOU} (?:live|are|'re|r)) (?:on|at) [a-z]+ [a-z]+",
            f"(?:i|we) know (?:what|which|where) (?:school|house|street|road|estate|class|bus) {_YOU} (?:go|"
            f"live|"
            f"get|take|are)",
            f"if {_YOU}<F6> {_YOU} know what'?s (?:happening|coming|gonna happen|going to happen)",
            f"(?:i'?d|id|i would) (?:move different|move differently|watch (?:it|out|ur back|your back)|keep "
            f"(?:ur|your) head down) if i (?:was|were) {_YOU}",
            f"(?:all of us|we|everyone|every1)(?: are| r|'re|re)?(?: all)? (?:going to|gonna) ignore {_YOU}",
            f"(?:they'?ll|they will|they'?re gonna|theyre gonna|they'?re going to|he'?ll|she'?ll|he will|"
            f"she will) "
            f"(?:jump|batter|beat up|smash|stab|knock out|kick (?:your|ur) head in|do) {_YOU}(?: in| after| "
            f"at| "
            f"outside| if| when)",
            f"(?:want me to|shall i|should i) tell (?:everyone|every1|everybody|the whole [a-z]+) or "
            f"(?:will|do) "
            f"{_YOU}",
        ),
        "I know more about you than you think",
        veto=either(
            _REPORTED, followed_by(r"after (?:your|ur)|while|when (?:you|u)'?re (?:ill|poorly|off)|to help")
        ),
    ),
    Rule(
        # "I know your street." said as a warning, not as a remark about it.
        "threat",
        "(?:i|we) know (?:your|ur) (?:street|road|address|house|school|car|workplace|estate|kids'? school)",
        "I know your street. Don't push me.",
        veto=either(
            _REPORTED,
            followed_by(
                r"is|was|has|'s|are|were|will|would|can|could|and|well|from|very|sounds|too|probably|might|"
                r"must|"
                r"so|better|isn'?t|doesn'?t|has|had|'ll|'d|like|because|cos"
            ),
        ),
    ),
    Rule(
        # "... or else" closing a demand, with nothing said after it.
        "threat",
        "or else",
        "stop talking to my mates or else",
        veto=either(_REPORTED, followed_by(r"[a-z0-9']+")),
    ),
    Rule(
        # An adopted or looked-after child's status turned into the taunt.
        "belonging",
        alternatives(
            "hope (?:ur|your|her|his|their) next (?:placement|carers?|family|foster (?:home|family|carers?)|"
            "home|parents)<F1> (?:is|are) (?:even )?(?:worse|shit|crap|stricter|as bad)",
            "hope (?:ur|your|her|his|their) next (?:placement|carers?|family|parents)<F1> (?:see|sees) "
            "(?:through|right through)",
            f"(?:then )?why did (?:she|he|they|ur mum|your mum|ur dad|your dad|ur real mum|your real mum) "
            f"(?:leave|give up on|give|dump|abandon|not want) {_YOU}",
            "(?:and|with|got|have|has) no (?:parents|mum and dad|real parents|family)[,.! ]*(?:unlucky|lol|"
            "lmao|haha|rip|sad|tragic)",
            f"(?:go|going|get|send (?:her|him|them|{_YOU})|sent) back to (?:care|the care home|the home|"
            f"foster care|the children'?s home|the kids home)",
            "damaged goods",
            "(?:just|should|why not|can'?t (?:you|u)|cant (?:you|u))(?: just)? (?:send|return|give) (?:her|"
            "him|"
            "them|it) back",
            "(?:wanted|want|got|adopted|fostered) (?:a|an) (?:project|trophy|accessory|status symbol|charity "
            "case)<F1> not (?:a|an) (?:family|child|son|daughter|kid)",
            f"(?:(?:was|is) (?:adoption|fostering|it|the kid|the child|he|she)|(?:adoption|fostering|the kid|"
            f"the child|he|she|they) (?:was|is|were)) (?:just )?(?:a|an) (?:status "
            f"thing|status symbol|trophy|accessory|project) for {_YOU}",
            "(?:parents|carers|adopters|mum|dad|they) (?:got|ended up with|were given|were lumbered with) a "
            "(?:dud|lemon|faulty one|reject)",
            f"(?:nobody|no one|noone|no1) (?:ever )?wanted {_YOU}",
            f"(?:nobody|no one|noone|no1) (?:will|is going to|is gonna|would) ever love {_YOU}",
            f"why (?:ur|your|yer) (?:carers|parents|mum|mam|dad|family|foster carers) (?:dont|don'?t|never|"
            f"do "
            f"not|didn'?t) (?:love|want) {_YOU}",
            "(?:the )?reason (?:ur|your|yer) (?:mum|mam|dad|parents|carers?|family) (?:drinks|drank|left|"
            "gave "
            "(?:u|you) up|hates? (?:u|you)|gave up)",
            "(?:and|\\+) (?:ur |you'?re )?(?:adopted|in care|fostered|an orphan)[,.! ]*(?:unlucky|lol|lmao|"
            "rip|"
            "tragic|haha)",
            "(?:mum|mam|dad|parents|brother|sister)(?:'s| is| are)? in (?:prison|jail|the nick) (?:lol|lmao|"
            "haha)",
            "criminal family",
            "(?:maybe )?if (?:you'?d|you had|u'?d|you) (?:bothered|actually bothered|parented (?:properly|"
            "her|him)|been a (?:proper|better|real|decent) (?:mum|mother|parent|dad|father))",
            f"if {_YOU} (?:weren'?t|wasn'?t|werent|wasnt) (?:a|such a) (?:drunk|junkie|addict|mess|waste)",
            "(?:no returns|return to sender|return policy|refund)<F2> (?:on|for) (?:that|the|your|ur|her|"
            "his) (?:kid|child|one|boy|girl)",
        ),
        "hope ur next placement is worse",
        veto=either(
            _REPORTED,
            preceded_by(
                r"(?:never|wouldn'?t|won'?t|not|don'?t|dont|no one|nobody|hard not to|feel like|"
                r"feels like|want to|wanted to)[^.!?]{0,20}",
                30,
            ),
        ),
    ),
    Rule(
        # Contempt said politely: the reader's mind, worth or company run down without an insult word.
        "insult",
        alternatives(
            "(?:can|could) (?:barely|hardly|not even|n'?t even) (?:string|put) (?:a|two) (?:sentence|words)",
            "(?:lost|losing|killed|kill|killing)<F2> brain cells",
            f"(?:all|the only thing|only thing) (?:{_YOU}(?:'re|re| are| r)?|ur|youre) (?:any )?good (?:at|"
            f"for)",
            "(?:online|offline|in person|in real life|irl) (?:you'?re|youre|ur|u r|you are) (?:unbearable|"
            "insufferable|worse|vile|awful|even worse)",
            f"how consistently wrong {_YOU}",
            f"forgot {_YOU} (?:were|was|are|r) the main character",
            f"{_YOU} make (?:everyone|every1|everybody|people|us all|the whole [a-z]+) (?:uncomfortable|"
            f"sick|cringe|"
            f"feel sick)",
            # Condescension marked as such ("read it to you again", "explain it to u slowly").
            f"(?:read|explain|spell) (?:it|the question|that|this|it all) (?:out )?to {_YOU} (?:again|"
            f"slowly|in small "
            f"words|with pictures|with crayons)",
            f"(?:so )?brave (?:for|of {_YOU} to|to) (?:wear|wearing|go out|going out|leave the house|leaving "
            f"the house|post|posting|show|showing)<F4> (?:in public|like that|looking like (?:that|this))",
            f"(?:everybody|everyone|every1|evry1|the whole [a-z]+) (?:hates|can'?t stand|cant stand) {_YOU}",
            f"(?:nobody|no one|noone|no1|literally no one) would (?:notice|care|miss {_YOU}) if {_YOU}",
            f"if {_YOU} (?:disappeared|vanished|died|left)<F2> (?:literally )?(?:no one|nobody|noone|no1) "
            f"would (?:notice|care|miss)",
            "(?:if i had|if i'?d had|with) a face like (?:urs|yours|that)",
            f"(?:{_YOU}(?:'re|re| are| r)?|ur|youre) (?:not|never) (?:even )?good at anything",
            f"name one thing (?:{_YOU}(?:'re|re| are| r)?|ur|youre) (?:good at|any good)",
            "apple[,.] tree",
            f"{_YOU} (?:smell|smells|stink|stinks) (?:like|of) (?:a )?(?:care home|bin|bins|tramp|wee|piss|"
            f"sewage|fish|dog|bo|cabbage|charity shop|sick)",
            "(?:nobody|no one|noone|no1) asked",
            "(?:cry|crying) more",
            "die already",
            "(?:tier list|ranking|list|league table) of the (?:ugliest|fattest|weirdest|thickest|most "
            "annoying|"
            "smelliest|poorest|dumbest)",
        ),
        "he can barely string a sentence together",
        veto=either(
            _REPORTED,
            # "I know nobody asked, but here's my cat"; "cry more than ever at films".
            preceded_by(
                r"know|knew|ik|realise|sorry|get it|i get|needs to(?: just)?|need to(?: just)?|phone|battery|"
                r"laptop",
                25,
            ),
            followed_by(r"(?:but|than|about|at|when|if|for)"),
        ),
    ),
    Rule(
        # Shutting someone out and getting others to pile on.
        "bullying",
        alternatives(
            "(?:everyone|every1|everybody|evry1|let'?s all|lets all|we should all|all of you)<F2> (?:unadd|"
            "unfollow|remove|go comment|comment|go report|report|mass report|flag|spam|dislike|go spam|go "
            "reply) "
            "(?:on )?(?:him|her|"
            "them|"
            "his|her|their)",
            "(?:everyone|every1|everybody|evry1|let'?s all|lets all|all of you)(?: go)? (?:reply|comment|"
            "put|write|"
            "spam|post)<F3> (?:on|under|to) (?:her|his|their|[a-z]+'s) (?:latest |new |last )?(?:post|posts|"
            "pic|"
            "photo|video|status|story|comment)",
            "petition (?:for|to get|to make)<F2> (?:to leave|out|kicked out|removed|banned|to move)",
            f"(?:we|i|they|nobody|no one) (?:literally |just |really |honestly )?(?:don'?t|dont|do not) want "
            f"{_YOU} (?:in|here|around|near|on|at) (?:it|this|here|our|the)",
            "when (?:they'?re|you'?re|ur|she'?s|he'?s|theyre|youre|shes|hes|they are|you are) not wanted",
            "(?:her|his|your|ur|the same|another|their) pity party",
            "(?:stop|quit) (?:indulging|feeding|encouraging) (?:her|him|them|his|their)",
            f"(?:why do|why does|stop) {_YOU} (?:keep )?(?:trying to|try to) (?:join|sit with|talk to|come)",
        ),
        "everyone unadd him",
        veto=either(
            _REPORTED,
            followed_by(r"(?:spam|scam|bot|fake)"),
            # Kindness asked of everyone ("everyone comment congrats on her post").
            lambda text, start, end: (
                re.search(
                    r"\b(?:congrats|congratulations|happy birthday|well done|support|love|kind|nice|good "
                    r"luck|"
                    r"hearts?)\b",
                    text[start:end],
                )
                is not None
            ),
        ),
    ),
    Rule(
        # Hate in code, or said of a group as breeding.
        "hate",
        alternatives(
            "1488",
            "chinese virus",
            "(?:gay|lesbian|lesbians|trans|muslim|muslims|black|disabled|autistic|traveller|travellers|"
            "gypsy|gypsies)"
            "(?: people| kids| girls| boys| men| women| lot)? (?:shouldn'?t|should not|shouldnt) be (?:in|"
            "near|around|"
            "with|at) (?:the|our|my|us)",
            "(?:don'?t|dont|do not) want (?:a|an|any) (?:lesbian|gay|trans|muslim|black|disabled|autistic|"
            "traveller|"
            "gypsy|gypsies|lesbians|gays)s? (?:kid |girl |boy |person )?(?:in|near|on|at|around) (?:our|my|"
            "the)",
            "kung flu",
            "(?:in|to|back to) (?:ur|your|their|yer) own (?:country|countries)",
            "(?:they|these people|those people|them lot|that lot) (?:come|coming|came) over here",
            "imagine having (?:2|two) (?:mums|dads|mams)",
            "(?:more like|pronouns? (?:is|are)) it ?/ ?its?",
            "what even is a (?:they ?/ ?them|nonbinary|non-binary|enby)",
            "(?:smell|smells|stink|stinks) of (?:curry|cabbage|garlic)",
            "(?:deaf|blind|disabled|autistic|gay|lesbian|trans|muslim|black|wheelchair)<F4> (?:adopting|"
            "fostering|parenting|raising|adopt|foster)<F6> what could (?:possibly )?go wrong",
            "white power",
            "sieg heil",
            "heil hitler",
            "(?:can'?t|cannot|cant|never) (?:train|breed|beat|educate|get) it out of (?:them|those|that lot)",
            "(?:all|always) like that (?:from|with) (?:that|those|their) (?:background|sort|type|lot|kind|"
            "family|families|estate)",
            "(?:from|with) (?:that|those|their) (?:background|sort|type|kind)<F2> (?:always|never|all) "
            "(?:the "
            "same|like that|turn out)",
        ),
        "you can't train it out of them",
        veto=either(_REPORTED, preceded_by(r"in|since|year|born|no", 12)),
    ),
    Rule(
        # Self-harm urged, written with the self split off ("kill ur self", read from "k1ll ur s3lf").
        "incitement",
        "(?:go |just |pls |please )?kill (?:ur|your|yo) ?self",
        "go kill ur self",
        veto=QUOTED,
    ),
)

# A slur or insult word the writer condemns or quotes as a word ("please don't use 'r*tarded' as an
# insult", "stop saying 'gay' like it's bad"), or how someone feels about themselves ("feeling like a
# failure"): not aimed at anyone here.
_CONDEMNED = re.compile(
    r"\b(?:don'?t|do not|dont|never|stop|please stop|shouldn'?t|should not|not ok to|not okay to|quit)"
    r"(?: \w+)? (?:use|using|say|saying|call|calling|write|writing)(?: the word)?\W{0,3}$"
)
_SELF_FELT = re.compile(
    r"\b(?:feel|feels|feeling|felt|think of myself as|called myself)(?: \w+)? like (?:a|an|such a|such "
    r"an)\W*$"
)


def word_condemned(text: str, start: int) -> bool:
    before = text[max(0, start - 50) : start]
    return _CONDEMNED.search(before) is not None or _SELF_FELT.search(before) is not None


# A phrase in quotation marks with who said it after ('"I'm going to kill you" - my 9yo to her
# brother', '"you're dead" was followed by "can I have toast"'): a carer's story, not a threat here.
_ATTRIBUTED = re.compile(r"\s*(?:-+|,|\.\.\.)?\s*(?:my|our|says|said|from|was|were|he|she|they|his|her)\b")


_OWNED_QUOTE = re.compile(
    r"\b(?:my|our)\b[^.!?\"]{0,25}(?:'s|s'|said|says|shouted|screamed|yelled)\s*['\"]\s*$"
)


def quoted_and_attributed(text: str, start: int, end: int) -> bool:
    if not text[max(0, start - 2) : start].rstrip().endswith(("'", '"')):
        return False
    if _OWNED_QUOTE.search(text[max(0, start - 40) : start]):
        return True  # "my son's 'I'm going to kill you' when I turned the wifi off"
    close = re.search(r"['\"](?!\w)", text[end : end + 60])
    return close is not None and _ATTRIBUTED.match(text, end + close.end()) is not None
