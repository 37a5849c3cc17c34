"""Risk to life told by its signs, continued (issue #12, the leave-one-writer-out misses): the concepts
of ``self_harm_signs.py`` (where the shared vetoes are, and why) that did not fit in that module.

- lethality asked with the subject first ("if u can die from taking 20 of ur antidepressants", "can
  you cut through an artery", "what is it like when you drown", "jumped or fell");
- the means in hand or watched ("the blade in my hand", "staring at the knife block"), the engine
  running in a closed garage, letters written "for after";
- joining the dead ("be with my real mum. she's dead", "go to heaven to see his dad");
- others better off, a wish to be hit, waking disappointed, told "so someone knows", injury told by
  its means ("scratched my arm with a compass").

Look-alikes vetoed beside each: life-story letters to open on an 18th birthday, "to heaven ... one
day when she's old", "if I was gone tomorrow my grandson would have nowhere" (care planned for),
"typing this so someone knows the car park is shut". All P1 ("ideation").
"""

from __future__ import annotations

import re

from ..patterns import Rule, alternatives, followed_by, near
from .self_harm_signs import _GAME, _GOES_ON, _LIFE_STORY, _PILLS, _ordinary_leaving

SELF_HARM_SIGN_MORE_RULES = (
    Rule(
        # Lethality asked with the subject first, or by what it does: "does anyone know if u can die from
        # taking 20 of ur antidepressants", "how many you need to take for it to actually work", "can u cut
        # through a vein", "what is it like when you drown", "if they can tell if you jumped or fell", "a
        # forum that tells u the best ways", "how to get paracetamol without it being noticed".
        "suicide_ideation",
        alternatives(
            "(?:u|you|someone|people|a person|i) (?:can|could|would|will) (?:actually |really )?die (?:from|"
            "if|of|"
            "by)<F3> (?:taking|swallowing|mixing|cutting|jumping|pills|tablets|paracetamol|<MEDICINE>|"
            "an overdose|"
            "overdosing|od)",
            "how many<F4> (?:take|swallow|need)<F3> for it to (?:actually |really )?(?:work|be enough|kill)",
            "cut (?:through |open )?(?:a|an|the|my|ur|your|me) (?:vein|veins|artery|arteries)",
            "what (?:is|'?s) it like when (?:you|u) (?:drown|die|hang|overdose|bleed out)",
            "(?:jumped|jump) or (?:fell|fall|slipped)",
            "(?:tells?|teach(?:es)?|shows?) (?:u|you|people) (?:the best ways|how to (?:hurt|kill|cut|harm) "
            "(?:urself|yourself|yourselves|ur self))",
            "{_PILLS}<F3> without (?:it being noticed|anyone (?:noticing|knowing)|being noticed)",
            "do it so (?:no ?one|nobody|no1)<F2> (?:finds?|notices?) (?:you|u|me)",
        ).replace("{_PILLS}", _PILLS),
        "does anyone know if u can die from taking 20 of ur antidepressants",
        "ideation",
        veto=lambda text, start, end: near(_GAME, text, start, end, 80),
    ),
    Rule(
        # The means in hand or watched, and the car in a closed garage: "i hav the blade in my hand rite
        # now", "been staring at the knife block", "in the garage with the door down and the engine
        # running", "sitting in his car in the garage for hours".
        "suicide_ideation",
        alternatives(
            "(?:the|a|my) (?:blade|razor|rope|noose) in my hand",
            "(?:staring|stare|stared|keep looking|kept looking|been looking) at the (?:knife block|knives|"
            "blades?|"
            "razors?|pills|tablets|rope)",
            "garage[^.!?]{0,50}\\b(?:engine|car) (?:running|on)",
            "(?:writing|wrote|written|write|started writing|done) (?:the |my |"
            "all the )?letters?<F6> (?:for after|"
            "so they understand)",
            "(?:already )?(?:wrote|written|done) (?:the|my|all the) letters[.!,]* (?:just|now)",
            "letters? for each of (?:my|the) (?:grandchildren|grandkids|kids|children|family)",
        ),
        "i hav the blade in my hand rite now",
        "ideation",
        veto=lambda text, start, end: (
            followed_by(r"cutting|chopping|slicing|peeling|at (?:ikea|the shop)")(text, start, end)
            # letters for a child to open later, as life-story work
            or near(_LIFE_STORY, text, start, end, 100)
        ),
    ),
    Rule(
        # Joining the dead: "meet her birth mum in the sky", "i want to be with my real mum. she's dead",
        # "go to heaven to see his birth mum", "i want to go where she's gone", "the year I go to him".
        # Being with a living birth parent is everyday adoption talk and is not here: only with the dead.
        "suicide_ideation",
        alternatives(
            "(?:want|wants|wanna|going|gonna|go|goin) (?:to )?(?:be with|see|meet|join)<F4> (?:in (?:heaven|"
            "the "
            "sky)|up there)",
            "(?:want|wants|wanna|go|going|gonna) (?:to )?(?:go )?to heaven",
            "(?:go|going|gonna go|want to go) where (?:she|he|they)(?:'s| has| have|s)? gone",
            "(?:be with|join|see) (?:my|his|her|their|me) (?:birth |real |first )?(?:mum|mam|mom|dad|nan|"
            "gran|"
            "brother|sister|son|daughter|baby)[.,]* (?:she'?s|he'?s|shes|hes|who'?s|who is|they'?re) (?:dead|"
            "gone|"
            "in heaven)",
            "this is the year i go to (?:him|her|them)",
        ),
        "i just want to be with my real mum. she's dead",
        "ideation",
        # "wants to go to heaven to see her nan one day"
        veto=lambda text, start, end: (
            re.search(
                r"\b(?:one day|some ?day|when (?:i'?m|im|she'?s|he'?s|we'?re|i am) (?:old|older))\b",
                text[end : end + 60],
            )
            is not None
        ),
    ),
    Rule(
        # Others better off, a wish to be hit, waking disappointed, told for others to know: "if i was gone my
        # mum could get a better kid", "i hope a car hits me", "if i got hit by a bus id be relieved",
        # "every morning I wake up disappointed that I woke up", "easier to just end it than phone the
        # council", "posting so someone knows", "typing to see if anyone stops me", "not that i'll be here
        # to ask", "if i'm not here next week you can have my room", "tell me its ok to go".
        "suicide_ideation",
        alternatives(
            "if i (?:was gone|were gone|wasn'?t here|wasnt here|wasn'?t around|wasnt around|was dead|"
            "died)<F6> "
            "(?:could|would|'?d|can|will) (?:just )?(?:have|get|be|afford|live|rest|stop)",
            "(?:hope|hoping|wish|wishing)<F1> (?:a|the) (?:car|bus|lorry|train|truck) (?:hits|hit|runs over|"
            "would "
            "hit|will hit) me",
            "(?:walk|walking|run|running|step|stepping) (?:out )?in front of (?:one|a car|a bus|a lorry|"
            "a train|a "
            "truck|traffic)",
            "(?:got|get|was) hit by a (?:bus|car|train|lorry)<F3> (?:id|i'?d|i would) be (?:relieved|glad|"
            "happy|"
            "fine with it)",
            "disappointed (?:that )?i (?:woke up|am still (?:here|alive)|'?m still (?:here|alive)|"
            "m still here)",
            "(?:easier|better) to (?:just )?(?:end it|die|not be here|not exist)",
            "(?:posting|saying (?:it|this) here|telling you|typing|writing this)<F3> so (?:someone|somebody|"
            "some1) "
            "knows",
            "to see if (?:anyone|someone|anybody) (?:stops|will stop|would stop|can stop) me",
            "not that (?:i'?ll|ill|i will) be (?:here|around)",
            "if (?:i'?m|im|i am) not (?:here|around)<F3> (?:you|u) can have my",
            "(?:tell|told|telling) me (?:it'?s|its|it is) (?:ok|okay|alright) to (?:go|let go|die|stop)",
            "(?:sh|sh'?d|sh'?ed) again",
            "(?:cut|cutting|went) deeper than (?:usual|before|ever|last time)",
            "(?:scratch\\w*|cut\\w*|carv\\w*) (?:my|me|her|his) <PART> with (?:a|the|my) (?:compass|blade|"
            "razor|"
            "scissors|knife|sharpener|pencil sharpener|glass)",
            "(?:burn\\w*) (?:herself|himself|hersen|hissen|themselves|myself|mesen|meself) (?:with|wi) (?:a|"
            "the|my) "
            "(?:lighter|cigarette|fag|match|matches)",
            "(?:go|going|gonna go|goin|sleep|sleeping|going to sleep) (?:now )?for good",
        ),
        "if i was gone my mum could get a better kid",
        "ideation",
        veto=lambda text, start, end: (
            (
                text[start:end].endswith(("good", "here", "around", "my"))
                and _ordinary_leaving(text, start, end)
            )
            # "if i was gone tomorrow my grandson would have nowhere": care planned for, by a carer
            or followed_by(r"nowhere|no ?one|nobody|no home|to go (?:into|in) care")(text, start, end)
            or (
                text[start:end].endswith("knows")
                and followed_by(r"the|about|that|where|how|what|when")(text, start, end)
            )
            or (text[start:end].endswith(("go", "stop")) and _GOES_ON(text, start, end))
            or followed_by(r"with (?:him|her|them)|between")(text, start, end)
        ),
    ),
)
