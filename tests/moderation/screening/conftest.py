"""Fixtures for the screening tests: one warmed screener per session (the classifier takes a couple
of seconds to load), and small helpers to build inputs and read results."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from moderation.screening import AuthorFacts, Screener, ScreenInput, ScreenResult
from moderation.screening.risk import SelfHarm
from moderation.screening.text import normalise
from moderation.screening.types import Doc

ADULT = AuthorFacts(user_id=1, account_age_days=60, verified=True, persona="adopter")
TEEN = AuthorFacts(user_id=2, account_age_days=60, verified=True, persona="young_person")


@pytest.fixture(scope="session")
def screener() -> Screener:
    # A generous budget: these tests check what is found, not how fast (timing stays out of unit
    # tests on shared machines, QUALITY.md); the budget itself is tested with a fake clock.
    screener = Screener(time_budget_ms=10_000)
    screener.warm()
    return screener


Screen = Callable[..., ScreenResult]


@pytest.fixture
def screen(screener: Screener) -> Screen:
    def run(text: str, audience: str = "adult", **kwargs: object) -> ScreenResult:
        author = kwargs.pop("author", TEEN if audience == "youth" else ADULT)
        return screener.screen(ScreenInput(text, audience, author, **kwargs))  # type: ignore[arg-type]

    return run


def found(result: ScreenResult, category: str, text: str) -> list[str]:
    """The pieces of ``text`` that the matches of ``category`` point at."""
    return [text[a:b] for m in result.matches if m.category == category for a, b in m.spans]


def labels(result: ScreenResult, category: str) -> set[str]:
    return {m.label for m in result.matches if m.category == category}


def categories(result: ScreenResult) -> set[str]:
    return {m.category for m in result.matches}


CRISIS = {"Childline", "Samaritans", "Emergency services"}
_SELF_HARM = SelfHarm()


def self_harm_doc(text: str, audience: str) -> tuple[list[str], Doc]:
    """The self-harm rules alone on ``text``: the labels of their hits that are not allowed, and the
    scanned document (its ``vetoed`` spans say what the rules judged harmless)."""
    author = TEEN if audience == "youth" else ADULT
    doc = Doc(ScreenInput(text, audience, author), normalise(text))  # type: ignore[arg-type]
    return [hit.label for hit in _SELF_HARM.scan(doc) if hit.action != "allow"], doc


def self_harm_rule_hits(text: str, audience: str) -> list[str]:
    return self_harm_doc(text, audience)[0]


def check_risk_to_life_concept(
    screen: Screen, concept: str, audiences: tuple[str, ...], caught: list[str], look_alikes: list[str]
) -> None:
    """One concept of the self-harm tables: each caught text is found by a self-harm rule and screened
    at P0/P1 with the crisis signposts in every audience given; no look-alike is found by one."""
    for audience in audiences:
        for text in caught:
            assert self_harm_rule_hits(text, audience), (concept, text, audience)
            result = screen(text, audience)
            assert result.priority is not None and result.priority <= 1, (concept, text, audience)
            assert {s.name for s in result.signposts} >= CRISIS
        for text in look_alikes:
            assert not self_harm_rule_hits(text, audience), (concept, text, audience)
