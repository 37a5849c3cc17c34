"""A veto covers only the phrase it judged. A look-alike the rules vetoed ("tired of living with them",
"threw a pillow at me", "you're not stupid") keeps the classifier off that phrase's sentence, not off
the whole message: a real disclosure of the same category in another sentence is still caught, by the
model or by the rules. Every message here was written for this test and is in no data file."""

from __future__ import annotations

import pytest

from moderation.screening import Screener, ScreenInput
from moderation.screening.engine import _shared_families
from moderation.screening.learned import _blanked
from moderation.screening.text import normalise
from moderation.screening.types import Doc

from .conftest import ADULT, TEEN, Screen, categories

# (audience, category, look-alike the rules veto, a disclosure only the model reads)
CASES = [
    (
        "youth",
        "self_harm",
        "i'm so tired of living with them.",
        "wrote goodbye letters for everyone tonight, by next week none of it will matter",
    ),
    (
        "adult",
        "self_harm",
        "We're all so tired of living with the builders.",
        "I've been planning how I'd do it, the kids would have their dad",
    ),
    (
        "youth",
        "abuse_disclosure",
        "he threw a pillow at me lol.",
        "my carers boyfriend keeps sending me pics of himself in the bath and says its our joke",
    ),
    (
        "adult",
        "harassment",
        "you're not stupid for asking.",
        "honestly the people on this forum are a bunch of whinging entitled snowflakes, give the kids back",
    ),
    (
        "youth",
        "harassment",
        "ur not ugly dont listen to them.",
        "ur mum didnt want u and neither do we so go away",
    ),
]


def _vetoed(text: str, audience: str) -> dict[str, list[tuple[int, int]]]:
    author = TEEN if audience == "youth" else ADULT
    doc = Doc(ScreenInput(text, audience, author), normalise(text))  # type: ignore[arg-type]
    for family in _shared_families():
        family.scan(doc)
    return doc.vetoed


@pytest.mark.parametrize(("audience", "category", "look_alike", "disclosure"), CASES)
def test_the_look_alike_alone_is_allowed(
    screen: Screen, audience: str, category: str, look_alike: str, disclosure: str
) -> None:
    # The rules did judge the phrase (or this test would not be about a veto)...
    assert category in _vetoed(look_alike, audience)
    # ...and nothing holds it.
    assert screen(look_alike, audience).verdict == "allow"


@pytest.mark.parametrize(("audience", "category", "look_alike", "disclosure"), CASES)
def test_a_disclosure_beside_a_vetoed_look_alike_is_caught(
    screen: Screen, audience: str, category: str, look_alike: str, disclosure: str
) -> None:
    assert category in categories(screen(disclosure, audience))  # the model reads it alone
    for text in (f"{look_alike} {disclosure}", f"{disclosure}. {look_alike}"):
        assert category in _vetoed(text, audience)
        result = screen(text, audience)
        assert result.verdict == "hold", text
        assert category in categories(result), text


def test_a_vetoed_phrase_is_recorded_by_its_span() -> None:
    text = "i'm so tired of living with them"
    assert _vetoed(text, "youth") == {"self_harm": [(7, 22)]}
    assert text[7:22] == "tired of living"
    # The model reads the message without the phrase's sentence (its context is part of the look-alike).
    assert _blanked(text, [(7, 22)]) == " " * len(text)
    two = "i'm so tired of living with them. wrote letters for everyone"
    assert _blanked(two, [(7, 22)]) == " " * 32 + ". wrote letters for everyone"


def test_a_veto_in_the_de_obfuscated_view_points_at_the_text() -> None:
    # "tir3d" is read as "tired" in the view; the veto's span is mapped back to the text.
    screener = Screener(time_budget_ms=10_000)
    text = "i'm so tir3d of living with them"
    doc = Doc(ScreenInput(text, "youth", TEEN), normalise(text))
    screener._rules_on_view(doc)
    assert [text[s:e] for s, e in doc.vetoed.get("self_harm", [])] == ["tir3d of living"]


# ---- the rules: a look-alike's context counts near the match, not anywhere in the message --------


def test_a_surprise_elsewhere_does_not_excuse_secrecy(screen: Screen) -> None:
    assert screen("don't tell your mum, it's her birthday cake", "youth").verdict == "allow"
    text = (
        "don't tell your mum about the cake, we're making it for her birthday on sunday and it's going to "
        "be amazing. anyway how was school today, did you get your maths test back yet? i got a six. "
        "don't tell your carers about us ok"
    )
    assert "grooming" in categories(screen(text, "youth"))


def test_planned_contact_elsewhere_does_not_excuse_a_meeting(screen: Screen) -> None:
    planned = "me and my birth brother r meeting at the contact centre sunday"
    assert screen(planned, "youth").verdict == "allow"
    text = (
        "we do letterbox with my birth mum through the agency, she writes twice a year and sends a photo. "
        "school is ok, got a new art teacher who is really nice and lets us listen to music. "
        "me and my birth brother r meeting at the park sunday"
    )
    assert "birth_family_contact" in categories(screen(text, "youth"))


def test_families_arranging_elsewhere_does_not_excuse_a_meeting(screen: Screen) -> None:
    assert screen("our mums are talking about it, we should meet up sometime", "youth").verdict == "allow"
    text = (
        "our mums are mates so we see each other at church on sundays sometimes, it's nice. anyway school "
        "has been so long this week, we had three tests and a mock. we should meet up sometime"
    )
    assert "grooming" in categories(screen(text, "youth"))


# ---- the model's own look-alike gate: contact through the plan ------------------------------------


@pytest.mark.parametrize(
    ("audience", "planned", "disclosure"),
    [
        (
            "youth",
            "we get letters via letterbox from my birth mum twice a year.",
            "a lady outside the shop said she was my real nan and gave me her number, "
            "she said to ring her tonight",
        ),
        (
            "adult",
            "We have letterbox contact through the agency with his birth mum.",
            "The boys dad got out of prison last month and rang our home phone asking to speak to him, "
            "no idea how he got the number",
        ),
    ],
)
def test_contact_through_the_plan_does_not_hide_tracing_elsewhere(
    screen: Screen, audience: str, planned: str, disclosure: str
) -> None:
    assert screen(planned, audience).verdict == "allow"
    assert "birth_family_contact" in categories(screen(disclosure, audience))
    assert "birth_family_contact" in categories(screen(f"{planned} {disclosure}", audience))
