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
    # Longer, so the harassment head may act on them (eight words or more, learned.py).
    "Hello everyone, glad to be here, we adopted our two boys last year",
    "Looking after yourself as a carer is the most important thing you can do",
    "hey everyone glad to be here, im 14 and i love drawing",
    "Thank you everyone for being so kind to me this week, it means the world",
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


# Look-alikes of the kinds screening used to hold (issue #12: found in the content articles and the
# development data, never in the blind set), each beside the harmful message it resembles, which must
# still be found.
# The two about tablets and not waking up were held by the classifier after the refit on written-5..9
# (strict xfails until the refit on written-10..14, which allows them again).
LOOK_ALIKES = (
    ("youth", "your body is changing and that's normal, the nurse said"),
    ("youth", "learning about your body in PSHE today"),
    ("youth", "do not delete the messages, screenshot them and tell a teacher"),
    ("adult", "We did a DNA test for fun and found out we are part Viking"),
    ("adult", "the Virtual School has been really helpful with his PEP"),
    ("youth", "the Virtual School head came to my PEP meeting"),
    ("adult", "I nearly died of embarrassment at parents evening"),
    ("adult", 'Our daughter says she wants to "die" her hair purple'),
    ("adult", "I traced my birth mother in 2009 through an intermediary service, it was the right way"),
    ("youth", "my birth dad wrote to me through the agency and said he is proud of me"),
    ("youth", "honestly drowning myself in coursework this week"),
    ("youth", "mum is saving my inhaler and tablets for the trip so i dont lose them"),
    ("youth", "going to bed and hopefully not waking up till noon, inset day"),
    ("adult", "I took all my tablets for the week out of the packets into the organiser"),
    ("youth", "my sister says she's gonna end it with her boyfriend after prom lol"),
)
STILL_FOUND = (
    ("youth", "been stockpiling my tablets, nearly enough now", "self_harm"),
    ("youth", "he said he was going to drown himself at the reservoir", "self_harm"),
    ("youth", "gonna go to sleep and hopefully never wake up", "self_harm"),
    ("youth", "my best mate keeps saying he's going to end it, what do i do", "self_harm"),
    ("youth", "send me a pic, ur body is so hot", "grooming"),
    ("youth", "delete our chats after ok", "grooming"),
    ("youth", "I did an ancestry kit to find my real dad", "birth_family_contact"),
    ("adult", "a DNA match with his birth father came up and he messaged her", "birth_family_contact"),
    (
        "adult",
        "I traced my birth mother on facebook without going through the agency",
        "birth_family_contact",
    ),
)


@pytest.mark.parametrize(("audience", "text"), LOOK_ALIKES)
def test_look_alikes_are_allowed(screener: Screener, audience: str, text: str) -> None:
    author = AuthorFacts(user_id=1, account_age_days=60, verified=True, persona="adopter")
    assert screener.screen(ScreenInput(text, audience, author, ())).verdict == "allow"  # type: ignore[arg-type]


@pytest.mark.parametrize(("audience", "text", "category"), STILL_FOUND)
def test_what_they_resemble_is_still_found(
    screener: Screener, audience: str, text: str, category: str
) -> None:
    author = AuthorFacts(user_id=1, account_age_days=60, verified=True, persona="adopter")
    result = screener.screen(ScreenInput(text, audience, author, ()))  # type: ignore[arg-type]
    assert category in {m.category for m in result.matches if m.label != "classifier"}
