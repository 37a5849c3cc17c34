"""Grooming (young people's spaces) and birth-family tracing or unplanned contact."""

from __future__ import annotations

import pytest

from .conftest import Screen, categories, found, labels


@pytest.mark.parametrize(
    ("text", "label", "priority"),
    [
        ("don't tell your parents about this", "secrecy", 1),
        ("this is our little secret ok", "secrecy", 1),
        ("how old are you?", "age_question", 1),
        ("asl", "age_question", 1),
        ("I'll send you a gift card", "gifts", 1),
        ("do u want some robux", "gifts", 1),
        ("add me on snap", "off_platform", 1),
        ("send me a pic of you", "photo_request", 1),
        ("send nudes", "sexual", 0),
        ("what are you wearing", "sexual", 0),
        ("we should meet up sometime", "meeting", 0),
        ("where do you live", "meeting", 0),
        ("come to mine on friday, my parents are away", "meeting", 0),
        # Told by the young person (the fifth session's writers).
        ("he said not to tell my parents yet", "secrecy", 1),
        ("a man keeps offering me cash to drop packages off", "gifts", 1),
    ],
)
def test_grooming_in_youth_spaces(screen: Screen, text: str, label: str, priority: int) -> None:
    result = screen(text, "youth")
    assert label in labels(result, "grooming")
    assert result.verdict == "hold"
    assert result.priority == priority


def test_grooming_rules_do_not_run_in_adult_spaces(screen: Screen) -> None:
    for text in ("how old are you?", "we should meet up sometime", "don't tell your parents"):
        assert "grooming" not in categories(screen(text, "adult"))


def test_grooming_span(screen: Screen) -> None:
    text = "hey, how old are u? just asking"
    assert found(screen(text, "youth"), "grooming", text) == ["how old are u"]


@pytest.mark.parametrize(
    "text",
    [
        "gonna beat my brother at fifa tonight",
        "anyone else got mocks next week?",
        # Held by the classifier as grooming after the refit on written-5..9; allowed again since the
        # refit on written-10..14 (it was an xfail until then).
        "send me the homework pic of the worksheet",
        "we did sex ed in pshe today",
        "my mum gave me 5 quid to carry the shopping bags home",
        "my mum told me not to tell my sister about her surprise party",
    ],
)
def test_ordinary_teen_talk_is_not_grooming(screen: Screen, text: str) -> None:
    assert "grooming" not in categories(screen(text, "youth"))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I found my birth mum on Facebook", "tracing"),
        ("how do I find my birth siblings", "tracing"),
        ("my son's birth dad messaged him", "unplanned_contact"),
        ("His birth uncle turned up at the school gates", "unplanned_contact"),
        ("i found my real sister on tiktok", "tracing"),
        ("my bio mum added me on snap", "unplanned_contact"),
    ],
)
def test_birth_family_contact(screen: Screen, text: str, label: str) -> None:
    adult, youth = screen(text, "adult"), screen(text, "youth")
    assert label in labels(adult, "birth_family_contact")
    assert (adult.verdict, adult.priority) == ("hold", 2)
    assert (youth.verdict, youth.priority) == ("hold", 1)


@pytest.mark.parametrize(
    "text",
    [
        "we had letterbox contact today",
        "contact with his birth grandparents went well",
        "we're meeting his birth parents at the agency next month",
        "we're in touch with his birth mum via letterbox",
        "We found out his birth dad has passed away",
        "He wants to meet his birth mum when he's 18 and we support that",
        "Birth mum's letter arrived and it was lovely",
    ],
)
def test_planned_contact_is_not_birth_family_contact(screen: Screen, text: str) -> None:
    assert "birth_family_contact" not in categories(screen(text, "adult"))
