"""Issue #12: risk to life told by its time and its arrangements (tables/self_harm_leavings.py): "end it"
with a date or an event, a goodnight made final, not being here as what is looked for, not being around
by a time, one's own funeral arranged, affairs settled and peace made, tablets already taken; and a
crisis told in the present inside a long post that also tells a past (risk.recovered_experience). For
each concept, messages it must catch and look-alikes it must leave alone, judged by the rules alone, and
the caught message screened whole at P0/P1 with the crisis signposts. Every message here was written for
this test and is in no data file."""

from __future__ import annotations

import pytest

from moderation.screening.risk import recovered_experience
from moderation.screening.text import normalise

from .conftest import Screen, check_risk_to_life_concept, self_harm_rule_hits

# (concept, audiences, caught, look-alikes)
LEAVINGS = [
    (
        "'end it' with its date or its event",
        ("adult", "youth"),
        [
            "i'm going to end it after my birthday so nobody's party is spoiled",
            "she told her brother she's gonna end it before the review at school",
            "he's planning to end it on saturday, he wrote it on his wall",
        ],
        [
            "i'm going to end it with him after valentines, he's not right for me",
            "we're going to end it before the contract renews in march",
            "im gonna end it on this level, the boss is impossible",
        ],
    ),
    (
        "a goodnight or a goodbye made final",
        ("adult", "youth"),
        [
            "night all. forever this time",
            "goodnight everybody and farewell",
            "thank you for all the years, you lot kept me going longer than anyone",
            "this is my final message to anyone on here",
        ],
        [
            "goodnight everyone, for good this time i'm off to sleep lol",
            "thank you for all the years of advice on here, off to the new forum",
            "this is my last message before the holidays, see you all in january",
            "this is my last post for a bit, revision time",
            "night all, forever thankful for you lot",
        ],
    ),
    (
        "not being here as what is wished or looked for",
        ("adult", "youth"),
        [
            "been looking up ways to not be around any more",
            "honestly i'd be better off not alive",
            "I've had enough of it all, even being alive",
        ],
        [
            "i'd be better off not here at this party, it's dead",
            "had enough of everything this week, even the dog's ignoring me",
        ],
    ),
    (
        "not being around by a time",
        ("adult", "youth"),
        [
            "i won't be around by easter so the mocks don't matter",
            "she keeps saying she'll be gone by her birthday",
            "no point choosing options, i know i won't be in year 11",
            "sent my brother a message for the morning. after tonight it won't matter",
        ],
        [
            "the snow will be gone by christmas",
            "i won't be here for christmas, we're going to my nan's",
            "it won't matter soon cos the deadline moved",
            "i'll be gone by friday, moving to leeds for the new job",
        ],
    ),
    (
        "one's own funeral arranged or pictured",
        ("adult", "youth"),
        [
            "i've picked the songs for my funeral and written down who should come",
            "he says he's sorted his own funeral and we shouldn't worry",
            "sometimes i wonder who would even turn up to my funeral",
        ],
        [
            "I've sorted my funeral plan with the co-op, one less thing for the kids",
            "we planned my dad's funeral together, it was lovely",
            "she wants abba at her wedding and her funeral lol",
            "she pinched my last crisps. planning her funeral",
            "not being morbid, I've picked out my funeral hymns, I'm just organised",
        ],
    ),
    (
        "the affairs settled and the peace made",
        ("adult", "youth"),
        [
            "Got my affairs in order now. This is the last week",
            "made my peace with all of you this week",
            "left a letter on my pillow for mum. i'm sorry",
            "I've written his birthday cards for the next ten years",
        ],
        [
            "We are getting our affairs in order, will done and my sister named as guardian",
            "getting my affairs in order before the adoption panel, finally feel organised",
            "affairs in order before we emigrate to canada, last week in the house",
            "left a note on the door for the parcel",
            "left a note on the table for the cleaner",
        ],
    ),
    (
        "tablets already taken",
        ("adult", "youth"),
        [
            "swallowed a handful. feel weird now. please don't tell",
            "my brother has taken all his tablets and he won't wake up",
            "already took them an hour ago, it's too late to help",
        ],
        [
            "took a handful of sweets from the jar lol",
            "she took tablets for her headache and now feels better",
            "my sister took paracetamol for her period, she's fine now",
        ],
    ),
    (
        "the means and the will to take them all, or the nerve to use them",
        ("adult", "youth"),
        [
            "if the court says no i'm going to swallow every pill in the house",
            "got his old tablets in my drawer. gonna take the lot",
            "the rope's in the shed. just not brave enough to use it yet",
        ],
        [
            "they had a sale on at the car boot so i'll take the lot",
            "it's my birthday, gonna neck the whole bottle of prosecco",
            "bought a new drill but i'm scared to use it",
        ],
    ),
    (
        "a quiet place chosen, a head giving the order (older rules, said in other words)",
        ("adult", "youth"),
        [
            "there's a quarry up past the farm where nobody goes. i'll go up there tonight",
            "my head's been screaming at me to do it all week",
        ],
        [
            "there's a wood near us where nobody goes, we take the dogs for walks there",
            "my head's screaming at me to do my tax return",
        ],
    ),
]


@pytest.mark.parametrize(("concept", "audiences", "caught", "look_alikes"), LEAVINGS)
def test_risk_to_life_told_by_its_time_and_arrangements(
    screen: Screen, concept: str, audiences: tuple[str, ...], caught: list[str], look_alikes: list[str]
) -> None:
    check_risk_to_life_concept(screen, concept, audiences, caught, look_alikes)


def test_joining_the_dead_told_by_a_carer() -> None:
    text = "our daughter keeps saying she wants to 'join her birth mum'. her birth mum died when she was 6"
    assert self_harm_rule_hits(text, "adult")
    assert not self_harm_rule_hits("she wants to join her birth mum's family for christmas", "adult")


@pytest.mark.parametrize(
    ("now", "over"),
    [
        (
            "Adopted at 4, I'm 38 now. Our son is 7 now and doing well at school. But I lie awake at night "
            "thinking my family would be better off without me.",
            "Adopted at 4, I'm 38 now. When I was 19 I thought my family would be better off without me. I "
            "got help and it gets better.",
        ),
        (
            "I lost my kids to care 3 years ago and I'm clean now. Every day I think about killing myself.",
            "I lost my kids to care 3 years ago and I tried to kill myself then. I'm clean now and doing "
            "well.",
        ),
        (
            "Our two were placed in 2019, they're 10 and 12 now. I've decided I want to end my life.",
            "Our two were placed in 2019, they're 10 and 12 now. I wanted to end my life back then. I'm "
            "happy now.",
        ),
    ],
)
def test_a_crisis_told_now_in_a_long_post_with_a_past_is_not_recovery(now: str, over: str) -> None:
    assert not recovered_experience(normalise(now).text), now
    assert recovered_experience(normalise(over).text), over
