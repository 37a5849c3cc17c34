"""Grooming told sideways by young people (issue #12, seventh round of writers): not the groomer's
words to the reader, but the young person passing on what happened to them or a friend, often as a
question ("what does that even mean"). Read by ``grooming.Grooming`` in young people's spaces.

- a favour owed for a gift: "he bought me airpods and now he's saying I owe him a favour";
- a promise of silence about "us": "he made me promise I wouldn't tell anyone about us";
- time alone that must not be told: "gives him 'special training' alone and he's not allowed to tell";
- a friend or cousin with an adult: "my cousin is 15 and she's with a 28 year old", "owes this older
  guy", "got my mate running for them".

Look-alikes tested beside each: "I owe him one for helping with my homework lol", "made me promise
not to tell anyone she fancies Jack", "extra training before the match", "my sister is 24 and her
boyfriend is 28".
"""

from __future__ import annotations

import re

from ..patterns import YOUTH_ONLY, Rule, alternatives, either, near, preceded_by

_GIFT = re.compile(
    r"\b(?:bought|buys|buying|gave|gives|giving|sent|sends|sending|paid|pays|money|cash|airpods|trainers|"
    r"phone|vouchers?|gift|present|\$ ?\d+)\b"
)


def _no_gift(text: str, start: int, end: int) -> bool:
    return not near(_GIFT, text, start, end, 160)


_CHILD_AGE = re.compile(
    r"\b(?:is|she'?s|he'?s|i'?m|im|aged) (?:only |just )?(?:1[0-7]|[5-9])\b|\b(?:1[0-7]|[5-9]) ?(?:yo|year"
    r" old)\b"
)


def _no_child_age(text: str, start: int, end: int) -> bool:
    return _CHILD_AGE.search(text) is None


GROOMING_SIDEWAYS_RULES = (
    Rule(
        "gifts",
        alternatives(
            "(?:says?|saying|said|telling me|tells me|now) (?:i|she|he|we) owes? (?:him|them|her) (?:a"
            " favour|"
            "favours|one|loads|big time)",
            "owes? (?:this|an|some) older (?:guy|man|lad|bloke|fella|boy)",
        ),
        "he bought me the new airpods and now hes saying i owe him a favour",
        audiences=YOUTH_ONLY,
        veto=_no_gift,
    ),
    Rule(
        "secrecy",
        alternatives(
            "(?:made|makes|making) me (?:promise|swear)<F6> (?:wouldn'?t|won'?t|not to|never|would never|"
            "wont|wouldnt) tell (?:anyone |anybody |no one )?about us",
            "(?:special|private|extra) training<F2> alone",
            "alone<F4> (?:and )?(?:he'?s|she'?s|i'?m|im|hes|shes) not allowed to tell",
        ),
        "he made me promise on my little sisters life i wouldn't tell anyone about us",
        audiences=YOUTH_ONLY,
    ),
    Rule(
        "reported",
        alternatives(
            "(?:she'?s|he'?s|shes|hes|she is|he is) (?:with|seeing|dating|going out with) (?:a|an) "
            "(?:1[89]|[2-5][0-9])[- ]?(?:year[- ]old|yo|yr old)",
            "(?:got|has|have|had) (?:my|his|her|our) (?:mate|friend|cousin|brother|sister|bro) (?:running|"
            "dealing|selling|shotting|working) for (?:them|him)",
        ),
        "my cousin is 15 and she's with a 28 year old",
        audiences=YOUTH_ONLY,
        veto=either(
            lambda text, start, end: "year" in text[start:end] and _no_child_age(text, start, end),
            preceded_by(r"(?:i|i'?m|im)"),
        ),
    ),
)
