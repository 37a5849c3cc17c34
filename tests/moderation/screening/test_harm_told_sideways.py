"""Issue #12, eighth round: harm told by its signs (tables/grooming_signs.py, tables/abuse_signs.py and
the last rules of tables/child_to_parent_indirect.py), and tracing said sideways (the last rules of
tables/birth_family_indirect.py). For each concept, messages it must catch and look-alikes it must
leave alone, judged by the family's rules alone (the classifier is tested elsewhere); each caught
message is also checked through the whole screener. Every message here was written for this test and
is in no data file."""

from __future__ import annotations

import pytest

from moderation.screening.birth_family import BirthFamilyContact
from moderation.screening.grooming import Grooming
from moderation.screening.risk import AbuseDisclosure, ChildToParentViolence
from moderation.screening.text import normalise
from moderation.screening.types import Doc, ScreenInput

from .conftest import ADULT, TEEN, Screen, categories

_GROOMING = Grooming()
_ABUSE = AbuseDisclosure()
_CPV = ChildToParentViolence()
_TRACING = BirthFamilyContact()


def _found(family: object, text: str, audience: str) -> list[str]:
    author = TEEN if audience == "youth" else ADULT
    doc = Doc(ScreenInput(text, audience, author), normalise(text))  # type: ignore[arg-type]
    return [hit.label for hit in family.scan(doc)]  # type: ignore[attr-defined]


# (concept, caught, audience)
GROOMING_CAUGHT = [
    (
        "trusted role, privately",
        "His swimming coach keeps texting him on Snapchat after lights out. He's 12.",
        "adult",
    ),
    ("trusted role, privately", "her tutor contacts her from a private account nobody else follows", "adult"),
    ("turned against the family", "He tells her he loves her, and that her parents don't really.", "adult"),
    ("turned against the family", "someone online says she's too mature for her family", "adult"),
    ("turned against the family", "he told him to block us on find my so we can't see where he is", "adult"),
    ("turned against the family", "this guy keeps saying i should run away to his flat", "youth"),
    (
        "money from nobody known",
        "A bloke from the skatepark has been giving him cash every weekend. He's 13.",
        "adult",
    ),
    ("money from nobody known", "some lads from the estate bought him new trainers and a jacket", "adult"),
    ("money from nobody known", "He says a 'friend' bought them. He's got three new hoodies.", "adult"),
    (
        "money from nobody known",
        "this old man gave me a tenner for nothing and said he'd need me to help him out",
        "youth",
    ),
    ("errands", "We're worried she's being used to move stuff for a gang across town", "adult"),
    ("errands", "someone asked him to pick up a bag from a flat and drop it to a car park", "adult"),
    ("errands", "they said i can hang with them if i do a couple of drops", "youth"),
    ("errands", "older boys are using his bank account and giving him a cut", "adult"),
    ("errands", "They've told him he's in debt to them now and has to pay it off", "adult"),
    ("errands", "He's been told he has to steal to order from the shopping centre", "adult"),
    ("lured somewhere", "a neighbour keeps asking the boys round to his shed to see his snake", "adult"),
    ("lured somewhere", "A stranger outside the chippy offered my 9 year old a lift home", "adult"),
    ("lured somewhere", "this online friend offered to pay for her coach to Manchester", "adult"),
    ("lured somewhere", "She's been sneaking out after school to meet a 30-year-old", "adult"),
    ("lured somewhere", "a guy says he'll give me $100 if u come to the hotel", "youth"),
    # "to play" is not a play about the signs (the lesson veto once read it as one).
    ("lured somewhere", "a man keeps inviting the kids into his garage to play video games", "adult"),
    ("sexual interest", "The drum teacher keeps asking her about her periods. She's 12.", "adult"),
    ("sexual interest", "a lad at the club hugs her for too long every time and she hates it", "adult"),
    ("sexual interest", "he keeps asking for a selfie with my top off", "youth"),
    ("sexual interest", "this man said to prove i trust him", "youth"),
    ("images held over", "the account has her pics and is threatening to post them unless she pays", "adult"),
    ("images held over", "2 more days before they share them, i sent the photos", "youth"),
    (
        "images held over",
        "He sent a video to someone who now wants £500 or they'll send it to his mates.",
        "adult",
    ),
    ("a phone nobody gave", "Found a new mobile under his bed. We didn't buy it and he won't say.", "adult"),
    ("a phone nobody gave", "Her gaming friend posted her an iphone, we only found the box", "adult"),
]

# (concept, look-alike, audience)
GROOMING_LEFT = [
    (
        "trusted role, privately",
        "His swimming coach texts the team group on Snapchat when training moves",
        "adult",
    ),
    (
        "trusted role, privately",
        "Her tutor messages her mum on WhatsApp after each lesson, lovely woman",
        "adult",
    ),
    ("turned against the family", "she says we're too strict for a 15 year old and stormed off", "adult"),
    ("turned against the family", "she ran away to her room and slammed the door", "youth"),
    ("turned against the family", "Familiar things move with them: their bedding, their cups.", "adult"),
    ("money from nobody known", "His grandad gives him a fiver every time he visits, he's 8", "adult"),
    ("money from nobody known", "My uncle bought him new trainers for his birthday", "adult"),
    ("money from nobody known", "a man at the shop gave me my change and said have a nice day", "youth"),
    ("errands", "he's saving for a bike from his paper round, he delivers leaflets too", "adult"),
    ("errands", "can you pick up a parcel from the post office and drop it to nan's", "adult"),
    ("errands", "i did a few runs this morning before school, knackered", "youth"),
    ("errands", "we set up his first bank account at 14 so his wages go in", "adult"),
    ("lured somewhere", "My dad offered my mate a lift home after football", "youth"),
    ("lured somewhere", "We booked her a train ticket to see her cousins in York", "adult"),
    ("lured somewhere", "her nan offered to pay for her coach to the airport", "adult"),
    ("lured somewhere", "the school play was about a man luring kids into his garage", "adult"),
    ("sexual interest", "The school nurse asked about her periods at the check-up", "adult"),
    ("sexual interest", "my nan hugs me for ages when i leave lol", "youth"),
    ("sexual interest", "the physio gives him a massage after the match", "adult"),
    ("images held over", "my sister threatened to post my baby pics on insta lol", "youth"),
    ("images held over", "The school wants £20 by Friday for the photos", "adult"),
    ("a phone nobody gave", "My nan sent me a new phone for christmas", "youth"),
    ("a phone nobody gave", "Found his old phone under his bed. We bought it in 2019.", "adult"),
]


@pytest.mark.parametrize(("concept", "text", "audience"), GROOMING_CAUGHT)
def test_grooming_told_by_its_signs(screen: Screen, concept: str, text: str, audience: str) -> None:
    assert _found(_GROOMING, text, audience), (concept, text)
    assert "grooming" in categories(screen(text, audience))


@pytest.mark.parametrize(("concept", "text", "audience"), GROOMING_LEFT)
def test_grooming_signs_leave_look_alikes(concept: str, text: str, audience: str) -> None:
    assert not _found(_GROOMING, text, audience), (concept, text)


ABUSE_CAUGHT = [
    ("cover story", "theres bruises on my legs but mum tells school i fell down the stairs", "youth"),
    ("cover story", "kept off school because of my black eye, dad rang in and said i had a bug", "youth"),
    ("cover story", "the welts are from his belt, i tell people its a rash", "youth"),
    ("blamed for anger", "mum says its because of me she gets so angry cos i breathe too loud", "youth"),
    ("told it was fine", "told the police it was ok cos he was standing right there", "youth"),
    ("a lock kept secret", "where can i buy a door lock without my stepdad knowing", "youth"),
    ("care withheld", "dad only feeds us when he remembers", "youth"),
    ("care withheld", "she hasnt taken me to the doctors in like two years even with my ear", "youth"),
    ("care withheld", "they send him to bed without any food if he talks back", "adult"),
    ("nowhere to sleep", "Her stepmum makes her sleep on the floor with no blanket", "adult"),
    ("nowhere to sleep", "he gets shut in the cellar if he wets the bed", "adult"),
]

ABUSE_LEFT = [
    ("cover story", "got a bruise at rugby and mum says i need to tell the coach", "youth"),
    ("cover story", "stayed off school cos of my cold, mum rang in", "youth"),
    ("blamed for anger", "its my fault he got angry, i broke his controller lol", "youth"),
    ("told it was fine", "told my social worker everything was fine and it honestly is", "youth"),
    ("a lock kept secret", "my new room has a lock on the door 😍", "youth"),
    ("care withheld", "my mum feeds the cat when she gets in", "youth"),
    ("care withheld", "sent to my room without my phone for swearing", "youth"),
    (
        "nowhere to sleep",
        "at the festival they made us stay in the car for an hour till the rain stopped",
        "youth",
    ),
]


@pytest.mark.parametrize(("concept", "text", "audience"), ABUSE_CAUGHT)
def test_abuse_told_by_what_surrounds_it(screen: Screen, concept: str, text: str, audience: str) -> None:
    assert _found(_ABUSE, text, audience), (concept, text)
    assert "abuse_disclosure" in categories(screen(text, audience))


@pytest.mark.parametrize(("concept", "text", "audience"), ABUSE_LEFT)
def test_abuse_signs_leave_look_alikes(concept: str, text: str, audience: str) -> None:
    assert not _found(_ABUSE, text, audience), (concept, text)


# (caught, look-alike), adults' spaces: noted, never held.
CHILD_TO_PARENT = [
    ("We barricade the door with his desk now at night.", "The council put barricades up at the bonfire."),
    ("He kicks at my door until 2am most nights.", "He knocks on my door at 7 for breakfast."),
    (
        "She keeps going for me and her little brother when she's told no.",
        "She keeps going for the biscuits.",
    ),
    ("I've stopped ringing the police, nothing changes.", "I've stopped ringing the council about the bins."),
]


@pytest.mark.parametrize(("caught", "look_alike"), CHILD_TO_PARENT)
def test_child_to_parent_violence_by_the_house_around_it(
    screen: Screen, caught: str, look_alike: str
) -> None:
    assert _found(_CPV, caught, "adult"), caught
    assert not _found(_CPV, look_alike, "adult"), look_alike
    result = screen(caught, "adult")
    assert result.verdict == "allow" and "child_to_parent_violence" in categories(result)


# Tracing said sideways (the eighth round's rules of tables/birth_family_indirect.py).
TRACING_CAUGHT = [
    ("kinship claimed by a stranger", "an account i dont know dm'd me saying shes my real sister", "youth"),
    ("kinship claimed by a stranger", "someone on tiktok commented that he knew my old name", "youth"),
    (
        "someone from early life sought",
        "anyone who remembers me when i was in care in Leeds, get in touch",
        "youth",
    ),
    (
        "someone from early life sought",
        "Could someone check whether my birth mum still lives on Park Road?",
        "adult",
    ),
    ("drawn away by a birth relative", "my real dad keeps saying i can come and live with him", "youth"),
    ("drawn away by a birth relative", "His birth mum told him she'll come and take him one day.", "adult"),
]

TRACING_LEFT = [
    ("kinship claimed by a stranger", "my mum texted me saying its your mum, pick up milk", "youth"),
    ("kinship claimed by a stranger", "my teacher knew my old name from primary, awkward", "youth"),
    ("someone from early life sought", "can u check if the shop still lives up to the hype lol", "youth"),
    ("drawn away by a birth relative", "Dad will come and get him at 5 after football.", "adult"),
    (
        "drawn away by a birth relative",
        "my nan said i can come and live with her in the summer holidays",
        "youth",
    ),
    (
        "drawn away by a birth relative",
        "Birth mum said at supervised contact she'd love him to come and live with her one day.",
        "adult",
    ),
]


@pytest.mark.parametrize(("concept", "text", "audience"), TRACING_CAUGHT)
def test_tracing_said_sideways(screen: Screen, concept: str, text: str, audience: str) -> None:
    assert _found(_TRACING, text, audience), (concept, text)
    assert "birth_family_contact" in categories(screen(text, audience))


@pytest.mark.parametrize(("concept", "text", "audience"), TRACING_LEFT)
def test_tracing_said_sideways_leaves_look_alikes(concept: str, text: str, audience: str) -> None:
    assert not _found(_TRACING, text, audience), (concept, text)
