"""Risk to life told in the ways tables/self_harm_unseen.py reads (issue #12, ninth round): each concept
caught at P0/P1 with the crisis signposts in both audiences, and its look-alikes found by no self-harm
rule. The sentences are written for these tests, not taken from the data files."""

from __future__ import annotations

import pytest

from .conftest import Screen, check_risk_to_life_concept, self_harm_rule_hits

BOTH = ("youth", "adult")

CONCEPTS: dict[str, tuple[list[str], list[str]]] = {
    "not being missed": (
        [
            "if i vanished tonight nobody would even notice till the weekend",
            "lay awake wondering whether anyone would miss me. probably not",
        ],
        [
            "if i went missing from PE nobody would notice the difference lol",
            "nobody would notice if i skipped the party tbh i'd love a night in",
        ],
    ),
    "a silence explained ahead": (
        [
            "if you don't hear from me after tonight, you'll know why",
            "i won't be around to see the results anyway",
        ],
        [
            "if i don't reply tomorrow you'll know why, the wifi at my nan's is awful",
            "I won't be around to see it, we're on holiday, can someone record the concert",
        ],
    ),
    "stopping being a burden": (
        [
            "she told me im a nuisance so i'm going to stop being a problem for good",
            "I'm just a drain on everyone.",
        ],
        [
            "i'm going to stop being a problem in class, promised miss i would try",
            "doing everyone a favour by going to bed early, i'm so grumpy",
        ],
    ),
    "not able to keep going, or done, with a farewell": (
        [
            "really dont fink i can carry on",
            "i can't do this any more. bye everyone",
        ],
        [
            "i don't think i can keep going to these early meetings",
            "homework done. bye for now, off to football",
            "can't any more with this heat, goodbye sunshine",
        ],
    ),
    "asking to be stopped": (
        [
            "pls someone message me, scared of what i might do",
            "his thoughts keep telling him to jump off the landing",
        ],
        [
            "scared of what i'm going to do after sixth form, no idea about uni",
            "need someone to talk me out of buying another hoodie",
        ],
    ),
    "rather dead than be here": (
        ["honestly i'd rather be dead than keep living like this"],
        ["i'd rather die than live in a flat with no garden"],
    ),
    "the means asked about or tried out": (
        [
            "how deep is too deep when you cut",
            "stood in the middle of the road for ages and waited",
            "she keeps going up the tower block at night, been up there twice this week",
        ],
        [
            "the surveyor is wondering if the beam would hold the loft conversion",
            "stood in the road waiting for the bus for twenty minutes",
            "went up the tower again to see the fireworks",
        ],
    ),
    "a last kindness": (
        [
            "told my best mate i love her and to have a good life",
            "he asked me to look after his cat, he's never asked that before",
        ],
        [
            "she asked me to look after her cat while she's on holiday next week",
            "my nan wrote letters to all of us for christmas, so sweet",
            "our social worker wrote letters to all of us about the new contact plan",
        ],
    ),
    "someone's self-harm told": (
        [
            "my mate keeps hurting herself on purpose and hides it",
            "this older lad keeps telling her to cut and send him pics",
            "my friend is threatening to jump off the multi storey",
        ],
        [
            "my sister cut herself shaving and there was blood on the sink",
            "he told her to cut the cake while we sang",
            "mum keeps threatening to throw my phone in the bin",
        ],
    ),
    "a plan or a day beside despair": (
        [
            "nobody cares anyway. got a plan for sunday",
            "no point ringing anyone now, already took them",
        ],
        [
            "got a plan for sunday, roast then the cinema!",
            "already took them to the vet, the puppies are fine",
        ],
    ),
    "a crisis cared for now": (
        ["psych liaison are seeing him in the morning", "the crisis line were kind. i'm ok for tonight"],
        ["I volunteered on a crisis line for years, and the training was brilliant"],
    ),
}


def test_done_with_a_farewell_in_young_peoples_spaces(screen: Screen) -> None:
    caught = ["tonight. i'm done.", "done. sorry", "i give up. on school, on friends, on me"]
    look_alikes = ["essay done. sorry for the wait", "we're done pretending this group chat is fun"]
    check_risk_to_life_concept(screen, "done, with a farewell", ("youth",), caught, look_alikes)
    assert not self_harm_rule_hits("done! bye x", "adult")


@pytest.mark.parametrize("concept", sorted(CONCEPTS))
def test_unseen_concept(screen: Screen, concept: str) -> None:
    caught, look_alikes = CONCEPTS[concept]
    check_risk_to_life_concept(screen, concept, BOTH, caught, look_alikes)


def test_each_side_has_enough_cases() -> None:
    assert sum(len(caught) for caught, _ in CONCEPTS.values()) >= 15
    assert sum(len(alikes) for _, alikes in CONCEPTS.values()) >= 15


@pytest.mark.parametrize(
    "text",
    [
        "kys jk... unless",
        "we're done pretending you're funny",
        "my carer said she can't go on like this with the laundry lol",
        "rip me, maths mock tomorrow",
        "if i went missing at school the office would ring my mum in five minutes",
        "scared of what i'm gonna do in the exam, i've revised nothing",
        "she's at the hospital for an assessment of her hip",
        "crisis team were lovely, he's safe for now, thank you all",
        "lol actually tho that's a good idea",
        "I won't be around to see it but have fun at the match",
    ],
)
def test_jokes_taunts_and_everyday_talk_are_not_the_writers_risk(text: str) -> None:
    for audience in BOTH:
        assert not self_harm_rule_hits(text, audience), (text, audience)
