"""Issue #12, generalisation: look-alikes that must stay allowed, a past told as over, links written
to slip past a filter, handles as links in young people's spaces, and the model artefact being the
one ``make train-screening`` makes from the data in the repository. Every message here was written
for this test and is in no data file."""

from __future__ import annotations

import numpy as np
import pytest

from moderation.screening.links import find_links
from moderation.screening.model import ARTEFACT, HEADS, load_artefact
from moderation.screening.risk import recovered_experience
from moderation.screening.text import normalise
from moderation.screening.train import _fit, _targets, training_hash

from .conftest import Screen, categories, labels

CRISIS = {"Childline", "Samaritans", "Emergency services"}


@pytest.mark.parametrize("audience", ["adult", "youth"])
@pytest.mark.parametrize(
    "text",
    [
        "The Virtual School are funding extra tutoring after the PEP",
        "had a call from the virtual school head about my options for sixth form",
    ],
)
def test_the_virtual_school_is_a_service_not_a_school_name(screen: Screen, audience: str, text: str) -> None:
    assert "identity_exposure" not in categories(screen(text, audience))


def test_a_named_school_is_still_a_school_name(screen: Screen) -> None:
    assert "identity_exposure" in categories(screen("she goes to Oakfield Primary School now", "youth"))


# ---- a past told as over ----------------------------------------------------------------------

PAST_OVER = (
    "i used to self harm when i was 13 but i've been clean two years now, it honestly gets better",
    "Years ago I tried to kill myself. I'm 41 now, I have a family and a job I love.",
    # A milestone: its "today" is the anniversary.
    "4 months self harm free today, so proud of myself",
    "clean from self harm for a year today, thank you all",
    "i used to self harm but i found better ways to cope, like music",
    "Five years ago tonight I tried to end my life. Tonight I'm watching my grandson's nativity.",
)
STILL_CURRENT = (
    "i used to self harm when i was 13 and i've started again this week",
    "4 months self harm free but i want to cut again today",
    "five years ago tonight I tried to end my life and tonight I want to again",
    "years ago I tried to kill myself and lately I keep thinking about it",
    "i used to think about ending it, now i want to again",
)


@pytest.mark.parametrize("audience", ["adult", "youth"])
@pytest.mark.parametrize("text", PAST_OVER)
def test_a_past_told_as_over_is_allowed_with_signposts_and_queued(
    screen: Screen, audience: str, text: str
) -> None:
    result = screen(text, audience)
    assert result.verdict == "allow"
    assert "self_harm" in categories(result)  # a moderator still sees it
    assert result.priority == 3
    assert {s.name for s in result.signposts} >= CRISIS


@pytest.mark.parametrize("audience", ["adult", "youth"])
@pytest.mark.parametrize("text", STILL_CURRENT)
def test_anything_current_keeps_it_urgent(screen: Screen, audience: str, text: str) -> None:
    assert not recovered_experience(normalise(text).text)
    result = screen(text, audience)
    assert result.verdict == "hold" and result.priority is not None and result.priority <= 1
    assert {s.name for s in result.signposts} >= CRISIS


# ---- links written to slip past a filter -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("join us at discord . gg / teenzone", "discord . gg / teenzone"),
        ("read it here www(.)news(.)co(.)uk/story", "www(.)news(.)co(.)uk/story"),
        ("quiz at funquiz[.]net/which-dog", "funquiz[.]net/which-dog"),
        ("my page is art . neocities . org", "art . neocities . org"),
        ("listen soundcloud com / beatsbyk", "soundcloud com / beatsbyk"),
        ("playlist spoti.fi/3abcde", "spoti.fi/3abcde"),
        ("try chatterz dot example its better", "chatterz dot example"),
    ],
)
def test_disguised_links_are_links(text: str, link: str) -> None:
    data = normalise(text).data
    assert [data[a:b].decode() for a, b in find_links(data)] == [link]


@pytest.mark.parametrize(
    "text", ["i am fine. it is ok", "see you at 3. so tired", "he said no . it was fine", "ok . so what"]
)
def test_sentences_are_not_links(text: str) -> None:
    assert find_links(normalise(text).data) == []


def test_a_handle_on_another_platform_is_a_link_in_young_peoples_spaces(screen: Screen) -> None:
    text = "add me on snap its sunny.days_22"
    youth = screen(text, "youth")
    assert "identity_exposure" in categories(youth)
    assert labels(youth, "link") == {"handle"}
    assert "link" not in categories(screen(text, "adult"))


# ---- the artefact ----------------------------------------------------------------------------------


def test_the_committed_artefact_is_trained_on_the_data_in_the_repository() -> None:
    # make train-screening records what it was fitted on (the training split, the slang table and
    # the settings); a change to any of them without a retrain fails here.
    with np.load(ARTEFACT, allow_pickle=False) as data:
        assert str(data["training_hash"]) == training_hash()
    assert load_artefact().thresholds


def test_fitting_is_deterministic() -> None:
    sets = [{"a": 1, "b": 1}, {"b": 1, "c": 1}, {"a": 1, "c": 1}, {"a": 1, "b": 1, "c": 1}] * 3
    y = _targets([frozenset({"self_harm"}), frozenset(), frozenset({"harassment"}), frozenset()] * 3)
    first, second = _fit(sets, y), _fit(sets, y)
    assert first[0] == second[0]
    assert np.array_equal(first[1], second[1]) and np.array_equal(first[2], second[2])
    assert first[1].shape == (3, len(HEADS))
