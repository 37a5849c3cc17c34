"""Everyday messages are never held. Found by other work (a consultation's title, an article's title,
a greeting in a group chat): the classifier's harassment head scored "Hello everyone, glad to be here"
0.94, so it is in shadow until the data teaches it what ordinary chat looks like (issue #12)."""

from __future__ import annotations

import pytest

from moderation.screening.engine import Screener
from moderation.screening.types import AuthorFacts, ScreenInput

ORDINARY = (
    "Hello everyone, glad to be here",
    "Thanks for starting this group",
    "Hi all, new here. We adopted two years ago.",
    "Does anyone have tips for bedtime routines?",
    "Looking after yourself as a carer",
    "Our son starts secondary school in September",
    "Has anyone used the Virtual School for help with an EHCP?",
    "Welcome to the group, lovely to have you",
    "See you all at the coffee morning on Saturday",
    "Just wanted to say thank you for all the advice last week",
)


@pytest.fixture(scope="module")
def screener() -> Screener:
    warmed = Screener(time_budget_ms=10_000)
    warmed.warm()
    return warmed


@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_everyday_messages_are_allowed(screener: Screener, audience: str) -> None:
    persona = "young_person" if audience == "youth" else "adopter"
    author = AuthorFacts(user_id=1, account_age_days=60, verified=True, persona=persona)
    held = [
        text
        for text in ORDINARY
        if screener.screen(ScreenInput(text, audience, author, ())).verdict != "allow"  # type: ignore[arg-type]
    ]
    assert held == []
