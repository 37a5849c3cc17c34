"""Abuse and harassment: term lists (Aho-Corasick), phrase rules and the profanity model."""

from __future__ import annotations

import pytest

from moderation.screening.abuse import read_terms

from .conftest import Screen, categories, found, labels


@pytest.mark.parametrize(
    ("text", "label", "verdict"),
    [
        ("you're a useless idiot", "insult", "hold"),
        ("shut up you stupid cow", "insult", "hold"),
        ("stupid b1tch", "insult", "hold"),
        ("I know where you live", "threat", "hold"),
        ("imma batter you at school", "threat", "hold"),
        ("just kys", "incitement", "hold"),
        ("nobody likes you", "bullying", "hold"),
        ("fuck off", "abusive_language", "hold"),
        ("fuuuuck off", "abusive_language", "hold"),
        ("you're such a twat", "insult", "hold"),
        ("shut up p.a.k.i", "slur", "block"),
        ("you r3tard", "slur", "block"),
        ("n1gger", "slur", "block"),
        ("what a f*ggot", "slur", "block"),
    ],
)
def test_harassment(screen: Screen, text: str, label: str, verdict: str) -> None:
    result = screen(text, "adult")
    assert label in labels(result, "harassment")
    assert result.verdict == verdict
    assert result.priority == 3


def test_slur_reported_in_a_story_is_held_not_blocked(screen: Screen) -> None:
    result = screen("he was called a paki at school and came home in tears")
    assert labels(result, "harassment") == {"slur_reported"}
    assert result.verdict == "hold"


@pytest.mark.parametrize(
    "text",
    [
        "This bloody paperwork never ends",
        "What a shit week, the school rang three times",
        "I'm fucking exhausted tonight",
        "you're not stupid, the system is confusing",
        "Thank you, you're a star",
        "I hate that you're going through this, sending love",
        "She told me to fuck off this morning and then hugged me at bedtime",
        "the class clown at school",
        "gonna smash you at fifa",
    ],
)
def test_adult_venting_and_support_pass(screen: Screen, text: str) -> None:
    assert "harassment" not in categories(screen(text, "adult"))


def test_youth_spaces_hold_swearing_the_model_scores_high(screen: Screen) -> None:
    text = "this lesson is fucking shit"
    youth = screen(text, "youth")
    assert labels(youth, "harassment") == {"offensive_language"}
    assert found(youth, "harassment", text) == ["fucking", "shit"]
    assert "harassment" not in categories(screen(text, "adult"))


@pytest.mark.parametrize(
    "text", ["i'm gay and proud", "my best mate is queer", "that's sick bro", "i want to die"]
)
def test_youth_words_of_identity_or_distress_are_not_profanity(screen: Screen, text: str) -> None:
    assert "harassment" not in categories(screen(text, "youth"))


def test_insult_span(screen: Screen) -> None:
    text = "honestly, you're a complete m0r0n"
    assert found(screen(text), "harassment", text) == ["m0r0n"]


# ---- every listed term, one by one (terms/README.md: each term is checked) -------------------------

_INSULTS = read_terms("insults.txt")
_ADJECTIVES = read_terms("insult_adjectives.txt")


@pytest.mark.parametrize("term", _INSULTS)
def test_every_insult_aimed_at_someone_is_held(screen: Screen, term: str) -> None:
    result = screen(f"you're such a {term}", "adult")
    assert labels(result, "harassment") & {"insult", "slur"}, term
    assert result.verdict in ("hold", "block")


@pytest.mark.parametrize("term", _INSULTS)
def test_every_insult_not_aimed_at_anyone_is_left_alone(screen: Screen, term: str) -> None:
    assert "insult" not in labels(screen(f"the word {term} is in the dictionary", "adult"), "harassment")


@pytest.mark.parametrize("term", _ADJECTIVES)
def test_every_insulting_adjective_said_of_someone_is_held(screen: Screen, term: str) -> None:
    assert labels(screen(f"you are so {term}", "adult"), "harassment") & {"insult", "slur"}, term


# ---- threats, hate and ganging up written as concepts (issue #12) -----------------------------------


@pytest.mark.parametrize(
    ("text", "audience", "label"),
    [
        ("ill post ur real name and ur care home everywhere", "youth", "threat"),
        ("keep going and i'll leak your pics to the whole school", "youth", "threat"),
        ("gonna smash yer face in after school", "youth", "threat"),
        ("if u chat again i'll dox u", "youth", "threat"),
        ("people like that should all be rounded up", "adult", "hate"),
        ("they shouldn't be allowed to adopt, simple", "adult", "hate"),
        ("go back to your own country", "youth", "hate"),
        ("lets all report her till she leaves", "youth", "bullying"),
        ("making a group chat to slag her off", "youth", "bullying"),
    ],
)
def test_concept_rules(screen: Screen, text: str, audience: str, label: str) -> None:
    assert label in labels(screen(text, audience), "harassment")


@pytest.mark.parametrize(
    "text",
    [
        "my mum said she'd make his life a misery if he was late again",  # told, not threatened
        "everyone thinks hes joking but im not sure",
        "we should all report spam when we see it",
        "i'll post the photos from the trip later",
    ],
)
def test_concept_rules_leave_look_alikes(screen: Screen, text: str) -> None:
    assert "harassment" not in categories(screen(text, "youth"))


# ---- an insult said as an exclamation, without "you" (the fifth session's writers) ---------------


@pytest.mark.parametrize(
    ("text", "look_alike"),
    [
        ("Tosser.", "Tosser is a word my nan uses for the salad spinner."),
        ("What a clown.", "We saw a clown at the party, the kids loved it."),
        ("What a stupid, stupid woman.", "What a stupid question, sorry, ignore me."),
        ("Pathetic little man. Hiding behind a keyboard.", "Pathetic that the council still hasn't replied."),
        ("Keep crying, snowflake.", "The snowflake decorations are up in the hall."),
        ("Shut it, nobody asked you, you fat cow.", "Nobody asked you to be perfect, you're doing fine."),
    ],
)
@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_an_insult_exclaimed_needs_no_you(screen: Screen, text: str, look_alike: str, audience: str) -> None:
    assert labels(screen(text, audience), "harassment") & {"insult"}, text
    assert "insult" not in labels(screen(look_alike, audience), "harassment"), look_alike


@pytest.mark.parametrize(
    ("banter", "meant"),
    [
        ("ur so dumb 😂 love u tho", "ur so dumb and everyone hates u"),
        ("ur a weirdo n i love u for it", "ur a weirdo, get out of this chat"),
    ],
)
def test_an_insult_between_friends_says_so(screen: Screen, banter: str, meant: str) -> None:
    assert "harassment" not in categories(screen(banter, "youth")), banter
    assert "harassment" in categories(screen(meant, "youth")), meant


@pytest.mark.parametrize("audience", ["adult", "youth"])
@pytest.mark.parametrize(
    "text", ["See you at the stay and play on Saturday", "See you at the baby group on Saturday"]
)
def test_an_arrangement_to_see_someone_is_not_harassment(screen: Screen, audience: str, text: str) -> None:
    # The classifier learned "see you" from threats; an arrangement is everyday talk (learned._SEE_YOU).
    assert screen(text, audience).verdict == "allow"


@pytest.mark.parametrize(
    "text", ["see you after school. youre dead", "see you at the gates. watch your back"]
)
def test_a_threat_that_says_see_you_is_still_held(screen: Screen, text: str) -> None:
    result = screen(text, "adult")
    assert "harassment" in categories(result)
    assert result.verdict == "hold"


# ---- the writer's own doubt about someone not addressed (eighth round) ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "idk if she meant it or if everyone is just winding her up again",
        "im not sure what everyone thinks about the new lad in our form tbh",
    ],
)
def test_the_writers_own_doubt_is_not_harassment(screen: Screen, text: str) -> None:
    assert "harassment" not in categories(screen(text, "youth"))


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        # doubt that addresses someone, or contempt dressed as doubt, is still read
        ("im not sure why everyone puts up with you, youre a waste of space", "youth"),
        ("idk why ur even here nobody wants u", "youth"),
    ],
)
def test_doubt_aimed_at_someone_is_still_harassment(screen: Screen, text: str, audience: str) -> None:
    assert "harassment" in categories(screen(text, audience))
