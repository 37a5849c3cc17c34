"""Risk to life or of harm: self-harm and suicide, abuse disclosure, child-to-parent violence."""

from __future__ import annotations

import pytest

from moderation.screening import SIGNPOSTS

from .conftest import Screen, categories, found, labels

CRISIS = {"Childline": "0800 1111", "Samaritans": "116 123", "Emergency services": "999"}


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("I'm going to end it tonight", 0),
        ("I've taken the pills", 0),
        ("im gonna kill myself when everyone's asleep", 0),
        ("i took 20 of my mums tablets", 0),
        ("by the time you read this i'll be gone", 0),
        ("I sometimes wish I wasn't here", 1),
        ("she's been cutting again", 1),
        ("kms fr", 1),
        ("i feel su1c1dal", 1),
        ("everyone would be better off without me", 1),
        ("our daughter took an overdose last year", 1),
        # an overdose taken just now, told with no "I" or of someone else: under way, P0
        ("took a whole packet of my meds an hour ago", 0),
        ("took loads of paracetamol earlier, feel weird", 0),
        ("she swallowed all her tablets 20 mins ago", 0),
        # the same with no time, long ago, or for what the tablets are for: P1, still held
        ("she swallowed a load of pills", 1),
        ("my birth mum swallowed a load of pills when i was 5", 1),
        ("took loads of paracetamol this morning for my cold", 1),
        ("he asked me tonight why his mum died. she had an overdose when he was 2", 1),
    ],
)
def test_self_harm_priority(screen: Screen, text: str, priority: int) -> None:
    result = screen(text)
    assert "self_harm" in categories(result)
    assert result.verdict == "hold"
    assert result.priority == priority


@pytest.mark.parametrize(
    "text",
    [
        "I could kill for a coffee",
        "this homework is killing me",
        "I nearly died laughing",
        "cut the grass and cut myself shaving",
        "he wants to die his hair blue",
        "I'm dying to hear how panel went",
        "we're cutting back on screen time",
        "lol my mum will kill me if i fail",
        "I don't want to live with them anymore",
    ],
)
def test_idioms_are_not_self_harm(screen: Screen, text: str) -> None:
    assert "self_harm" not in categories(screen(text, "youth"))


@pytest.mark.parametrize(
    "text",
    [
        "i dont wanna be alive at christmas",
        "I don't want to be alive with them around",
        "dont want to be alive on my birthday",
    ],
)
def test_not_wanting_to_be_alive_is_not_about_where_to_live(screen: Screen, text: str) -> None:
    # The "live with them" look-alike is about the word "live"; "alive" ends with the same letters.
    result = screen(text, "youth")
    assert "self_harm" in categories(result)
    assert result.verdict == "hold"


@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_self_harm_always_shows_crisis_signposts(screen: Screen, audience: str) -> None:
    for text in ("I sometimes wish I wasn't here", "I'm going to end it tonight", "she's been self-harming"):
        result = screen(text, audience)
        assert {s.name: s.contact for s in result.signposts} == CRISIS
    # Even when the verdict is a block for something else in the same message.
    result = screen("you're a p4ki and i want to die", audience)
    assert result.verdict == "block"
    assert {s.name for s in result.signposts} >= set(CRISIS)


def test_signpost_numbers_are_the_real_ones() -> None:
    contacts = {s.name: s.contact for s in SIGNPOSTS["self_harm"]}
    assert contacts == CRISIS


def test_self_harm_span(screen: Screen) -> None:
    text = "Honestly. I sometimes wish I wasn't here. Anyway."
    assert found(screen(text), "self_harm", text) == ["wish I wasn't here"]


@pytest.mark.parametrize(
    ("text", "audience", "priority"),
    [
        ("he hits me when mum's out", "youth", 0),
        ("someone touched me", "youth", 0),
        ("i dont feel safe at home", "youth", 0),
        ("my uncle said i'd get taken away if i told", "youth", 0),
        ("My daughter told me her uncle touched her", "adult", 1),
        ("My partner hits the kids when he's drunk", "adult", 1),
        ("I think my niece is being groomed online", "adult", 1),
    ],
)
def test_abuse_disclosure(screen: Screen, text: str, audience: str, priority: int) -> None:
    result = screen(text, audience)
    assert "abuse_disclosure" in categories(result)
    assert (result.verdict, result.priority) == ("hold", priority)
    assert {s.name for s in result.signposts} >= {"Childline", "Emergency services"}


@pytest.mark.parametrize(
    "text",
    [
        "gonna beat my brother at fifa tonight",
        "he hit me up on whatsapp",
        "my daughter told me she hurt her ankle at netball",
        "My partner hit the roof when he saw the bill",
    ],
)
def test_not_abuse(screen: Screen, text: str) -> None:
    assert "abuse_disclosure" not in categories(screen(text, "youth"))
    assert "abuse_disclosure" not in categories(screen(text, "adult"))


@pytest.mark.parametrize(
    "text",
    [
        "my son punched me again",
        "she threw a chair at me",
        "Our 15 year old attacked my husband when he took his phone",
        "He went for me with a kitchen knife",
        "we're living with child to parent violence",
        "I've been hit by my daughter three times this week",
    ],
)
def test_child_to_parent_violence_allowed_but_reported_for_carers(screen: Screen, text: str) -> None:
    result = screen(text, "adult")
    assert "child_to_parent_violence" in categories(result)
    assert result.verdict == "allow"
    assert result.priority == 2


@pytest.mark.parametrize(
    "text", ["i hit my mum last night", "I lost it and punched my dad", "pushed my nan over"]
)
def test_child_to_parent_violence_held_from_young_people(screen: Screen, text: str) -> None:
    result = screen(text, "youth")
    assert labels(result, "child_to_parent_violence") == {"child_to_parent_violence"}
    assert (result.verdict, result.priority) == ("hold", 1)


def test_he_hits_me_is_abuse_from_a_young_person_and_cpv_from_a_carer(screen: Screen) -> None:
    assert categories(screen("he hits me", "youth")) == {"abuse_disclosure"}
    assert categories(screen("he hits me", "adult")) == {"child_to_parent_violence"}
