"""Issue #12: risk to life told by its plans and its leavings (tables/self_harm_plans.py): belongings left
as if for after, a wish that the writer had never been granted, the means known or bought with the
purpose withheld, the how and where worked out, a place and the courage, following someone into death,
thanks said as a goodbye, a sign or a limit, a means asked about "for real". For each concept, messages
it must catch and look-alikes it must leave alone, judged by the rules alone, and the caught message
screened whole at P0/P1 with the crisis signposts. Every message here was written for this test and is
in no data file."""

from __future__ import annotations

import pytest

from moderation.screening.risk import recovered_experience
from moderation.screening.text import normalise

from .conftest import Screen, check_risk_to_life_concept, self_harm_doc, self_harm_rule_hits


def _vetoed(text: str, audience: str) -> dict[str, list[tuple[int, int]]]:
    return self_harm_doc(text, audience)[1].vetoed


# (concept, audiences, caught, look-alikes)
PLANS = [
    (
        "belongings left as if for after",
        ("youth",),
        [
            "done my will on my phone notes, my sister gets the telly",
            "giving my hoodies to my cousin so she's got them after",
            "wrote a list of who gets my games",
            "will someone look after my hamster if anything happens to me",
            "pls keep an eye on my little sister when im gone",
            "tell ellie she can have my switch",
        ],
        [
            "did my will power essay for RE",
            "giving my hoodies to my cousin so she's got them after school",
            "arguing over who gets the front seat",
            "can you look after my hamster while we're on holiday",
            "tell ellie she can have my seat on the bus tomorrow",
        ],
    ),
    (
        "a wish that the writer had never been, granted",
        ("adult", "youth"),
        [
            "my foster mum said she wishes she never had me. i'll make her wish come true",
            "he says he never wanted kids and he's stuck with me. so i'll fix that",
            "she told me she wished i'd never been born. well she'll get her wish",
        ],
        [
            "my little sister wished for a puppy so we made her wish come true at christmas",
            "the boiler's broken again so i'll fix it at the weekend",
            "she'll get her wish, we're going to disneyland in may",
        ],
    ),
    (
        "the means known, kept or bought with the purpose withheld",
        ("adult", "youth"),
        [
            "i know where my stepdad keeps his sleeping pills",
            "went to b&q and bought a rope. not saying what for",
            "there's a bridge on the ring road that would do it",
            "tied a dressing gown cord to the banister last night",
            "he'd hung a belt from the curtain rail in his room",
        ],
        [
            "i know where my mum keeps the good biscuits",
            "bought a new hose for the garden. dont ask what for, the old one burst",
            "found a tree that would work for the treehouse",
            "tied a rope to the tree for a swing",
            "hung my belt on the hook by the door",
        ],
    ),
    (
        "the means watched, named before",
        ("adult", "youth"),
        [
            "got a whole box of codeine saved. i keep looking at it",
            "in the garage there's a beam. i keep staring at the beam",
        ],
        ["the new puppy is so cute i keep looking at it", "new phone case came, i keep looking at it lol"],
    ),
    (
        "the how and where worked out",
        ("adult", "youth"),
        [
            "i've figured out the how and where now",
            "i've got a plan for how i'd do it",
            "stood on the platform thinking how easy it would be",
            "i wonder how easy it would be to step off the edge",
            "sometimes in the bath i think about slipping under and never coming back up",
            "i could do with some sleep. the long kind",
            "how long before a person in cold water can't swim any more",
        ],
        [
            "worked out how and where to park for the match",
            "i think about how easy it would be to just order a takeaway every night",
            "we've got a plan for how to do it if the school says no",
            "how long before a baby can swim on its own",
        ],
    ),
    (
        "death made to look like an accident",
        ("adult", "youth"),
        ["thinking of ways to end myself that would look like an accident so the kids get the insurance"],
        ["if we mop it up now the spill would look like an accident"],
    ),
    (
        "a place and the courage",
        ("adult", "youth"),
        [
            "i go down to the old quarry where nobody goes. working up the courage",
            "i know which part of the wood is quiet now",
        ],
        [
            "working up the courage to ask her to prom",
            "there's a spot by the canal where no one goes, we go fishing there",
        ],
    ),
    (
        "following someone into death, a pact",
        ("adult", "youth"),
        [
            "my friend says if her dad dies she's going with him",
            "me and my mate agreed if one goes we both go",
        ],
        [
            "if the hamster dies she's going to be heartbroken",
            "if one goes to the party we both go, that's the deal",
        ],
    ),
    (
        "thanks said as a goodbye",
        ("adult", "youth"),
        [
            "thank you for trying with me, you were always kind",
            "nan you tried your best. i'm just broken",
            "his text last night felt like a goodbye",
        ],
        [
            "thanks for trying, the link still doesn't work though",
            "it felt like a goodbye party more than a birthday",
        ],
    ),
    (
        "a sign or a limit",
        ("adult", "youth"),
        [
            "giving it till my birthday. if nothing changes i'm done",
            "if he doesn't reply tonight that's my sign",
            "if they move her to another placement i won't carry on",
        ],
        [
            "if it rains on saturday that's my sign to stay in bed",
            "that's my sign, the bus is here",
            "i won't carry on with swimming after this term",
        ],
    ),
    (
        "a means asked about with its purpose withheld",
        ("adult", "youth"),
        [
            "how many of my sertraline would it take. not asking for a friend",
            "what happens if you swallow a whole packet of paracetamol. asking for real",
            "can you get the blades out of a razor easily. need one for something",
            "picked a song for my funeral. not even joking",
        ],
        [
            "what time does the chippy shut, asking for a friend lol",
            "need one for something at school, can anyone lend me a calculator",
            "this film is amazing, not even joking",
            "if you're going through it now, hold on. i mean it",
        ],
    ),
]


# Second table (SELF_HARM_PLAN_MORE_RULES).
PLANS += [
    (
        "belongings given away",
        ("adult", "youth"),
        [
            "my brother has been giving all his games away to his mates",
            "she's given away her makeup and her good trainers this week",
            "giving away my fave hoodie and my lego. dont need them anymore",
        ],
        [
            "she's been giving her old clothes to the baby bank",
            "giving away my old bike, dont need it anymore since i got a new one",
            "nan has been giving her jewellery to the grandkids early so she can see them wear it",
        ],
    ),
    (
        "others spared the writer, soon",
        ("adult", "youth"),
        ["you lot won't have to put up with me much longer", "i won't be bothering anyone again"],
        [
            "you won't have to put up with my moaning much longer, we're off on holiday friday",
            "i won't bother you again about the dla form, sorted now",
        ],
    ),
    (
        "letters left for everyone",
        ("adult", "youth"),
        ["wrote notes for everyone, they're in my drawer", "make sure my little brother gets his letter"],
        [
            "wrote thank you letters for everyone who came to the party",
            "writing letters for each of them to open on their birthday",
        ],
    ),
    (
        "medicines kept back, or asked where they are kept",
        ("adult", "youth"),
        [
            "i stopped my pills but i'm keeping them instead of taking them",
            "she asked me where we keep the tablets",
        ],
        ["she asked me where we keep the plasters", "we're saving it instead of spending it"],
    ),
    (
        "self-injury told by its act",
        ("adult", "youth"),
        [
            "i dug the compass into my arm in maths",
            "did the thing to my thighs again",
            "i skratch my arms til they bleed",
            "i keep thinking about riding my bike into the traffic",
        ],
        [
            "the nurse stuck the needle into my arm for the blood test",
            "i stuck a pin in my arm by accident sewing",
            "thinking about riding my bike into town later",
        ],
    ),
]

# Third table (SELF_HARM_PLAN_LAST_RULES).
PLANS += [
    (
        "a voice or the writer's head giving the order",
        ("adult", "youth"),
        ["my head keeps telling me to jump", "her thoughts tell her to end it"],
        ["my brain keeps telling me to eat the whole cake lol", "my head says do it for the team"],
    ),
    (
        "joining the dead",
        ("adult", "youth"),
        ["both my grans are dead now. i want to join them"],
        [
            "my friends are at the park, i'll join them in a bit",
            "nan passed last year. we'll join them at the grave for the service",
        ],
    ),
    (
        "means at hand the writer could use",
        ("adult", "youth"),
        ["there's enough in the medicine cabinet i could use"],
        ["loads of stuff in the shed i could use for the den"],
    ),
    (
        "not expecting to post again",
        ("adult",),
        ["thank you all for the kindness. i do not expect to post again."],
        [
            "i don't expect to post again until after the move, no wifi",
            "i don't plan to post again on holiday",
        ],
    ),
]


@pytest.mark.parametrize(("concept", "audiences", "caught", "look_alikes"), PLANS)
def test_risk_to_life_told_by_its_plans(
    screen: Screen, concept: str, audiences: tuple[str, ...], caught: list[str], look_alikes: list[str]
) -> None:
    check_risk_to_life_concept(screen, concept, audiences, caught, look_alikes)


def test_belongings_left_only_in_young_peoples_spaces() -> None:
    """Carers write wills and name guardians as a matter of course."""
    assert self_harm_rule_hits("done my will on my phone notes, my sister gets the telly", "youth")
    assert not self_harm_rule_hits("we've finally done our will and named my sister as guardian", "adult")


def test_leaving_with_no_return_in_young_peoples_spaces() -> None:
    assert self_harm_rule_hits("going out later. not coming back. dont come looking for me", "youth")
    assert not self_harm_rule_hits("not coming back to this cafe, the chips were cold", "youth")
    assert not self_harm_rule_hits(
        "he says i'm going to pakistan for the summer and not coming back.", "youth"
    )
    assert not self_harm_rule_hits("going out later. not coming back. dont come looking for me", "adult")


def test_a_rule_that_needs_context_judges_nothing_harmless_without_it() -> None:
    """ "not joking" with no means or death near it does not apply, and is not recorded as a vetoed
    look-alike: the classifier still reads its sentence (learned.py)."""
    assert not self_harm_rule_hits("i want out of everything, not even joking", "youth")
    assert "self_harm" not in _vetoed("i want out of everything, not even joking", "youth")


@pytest.mark.parametrize(
    ("caught", "look_alike"),
    [
        # "an" for "and", and a body part after "cutting her"
        ("my mate's been cuttin an he says its nothing", "she's been cutting an onion for the curry"),
        ("my sister has been cutting her belly where nobody sees", "she's been cutting her fringe again"),
        ("my dad caught me cutting last night", "my dad caught me cutting the hedge crooked"),
        # death over coming back, as over going back
        ("he says he'd rather be dead than come back home", "i'd rather die than come back in that coat"),
    ],
)
def test_self_injury_and_death_over_home_said_in_other_words(caught: str, look_alike: str) -> None:
    assert self_harm_rule_hits(caught, "adult") and self_harm_rule_hits(caught, "youth"), caught
    assert not self_harm_rule_hits(look_alike, "adult") and not self_harm_rule_hits(look_alike, "youth"), (
        look_alike
    )


@pytest.mark.parametrize(
    "text",
    [
        "goodbye physics forever, dropped it today",
        "bye year 13 forever, what a ride",
        "the training covered suicide and self-harm in care leavers, very useful",
        "we learned how to ask someone directly about suicide",
    ],
)
def test_a_stage_left_and_a_training_are_not_risks(text: str) -> None:
    assert not self_harm_rule_hits(text, "youth") and not self_harm_rule_hits(text, "adult"), text


def test_asking_about_suicide_is_a_training_only_when_asked_directly() -> None:
    assert self_harm_rule_hits("i keep asking google about suicide", "adult")


@pytest.mark.parametrize(
    ("over", "current"),
    [
        (
            "It's been five years since my daughter tried to take her life. She's 21 now and just started a "
            "nursing degree. So proud.",
            "It's been five years since my daughter tried to take her life. Now she's started cutting again.",
        ),
        (
            "Twelve years ago I tried to end my life. I'm still here. Kids, a garden, a job I like.",
            "Twelve years ago I tried to end my life and I still want to.",
        ),
        (
            "I used to hit myself when I was angry as a kid but running made it so much better",
            "I used to hit myself when I was angry and lately I've started again",
        ),
    ],
)
def test_a_past_told_as_over_said_in_other_words(over: str, current: str) -> None:
    assert recovered_experience(normalise(over).text), over
    assert not recovered_experience(normalise(current).text), current
