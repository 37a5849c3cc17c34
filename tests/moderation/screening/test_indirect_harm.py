"""Issue #12: harm and harassment told without the words the first rules looked for
(tables/grooming_indirect.py, the later rules of tables/abuse_indirect.py and
tables/harassment_indirect.py). For each concept, a message it must catch and a look-alike it must
leave alone, judged by the family's rules alone (the classifier is tested elsewhere). Every message
here was written for this test and is in no data file."""

from __future__ import annotations

import pytest

from moderation.screening.abuse import Harassment
from moderation.screening.grooming import Grooming
from moderation.screening.risk import AbuseDisclosure
from moderation.screening.text import normalise
from moderation.screening.types import Doc, ScreenInput

from .conftest import ADULT, TEEN, Screen, categories

_GROOMING = Grooming()
_ABUSE = AbuseDisclosure()
_HARASSMENT = Harassment()


def _held(family: object, text: str, audience: str) -> list[str]:
    author = TEEN if audience == "youth" else ADULT
    doc = Doc(ScreenInput(text, audience, author), normalise(text))  # type: ignore[arg-type]
    return [hit.label for hit in family.scan(doc) if hit.action != "allow"]  # type: ignore[attr-defined]


# (concept, caught, look-alike), in young people's spaces: the groomer's side.
GROOMING_YOUTH = [
    (
        "secrecy reported",
        "he told me not to tell my foster mum about the phone",
        "he told me to tell my foster mum about the trip",
    ),
    ("what finds a child", "just give me your school and i'll explain", "just give me your answer by friday"),
    (
        "a new family offered",
        "let me be your new family, they don't deserve you",
        "let me be your partner for the science project",
    ),
    (
        "the child's body",
        "you've got really fit legs in that dance photo",
        "nice legs on that table, where's it from",
    ),
    ("the child's body", "u should wear skirts more tbh", "you should wear your coat, it's freezing"),
    (
        "bedroom and bathing",
        "which bedroom do you sleep in, the one at the front?",
        "which bedroom is the biggest in your house",
    ),
    ("an age gap made normal", "do u prefer older guys? be honest", "do u prefer older games or new ones"),
    (
        "an age gap made normal",
        "when you're 16 we can be together properly",
        "when you're 16 we can do the sixth form open day",
    ),
    (
        "a cover story",
        "tell your mum you're staying at jess's and come to mine",
        "tell your mum i said thanks for the lift",
    ),
    (
        "a cover story",
        "message me on my spare account so nobody sees",
        "my spare account got hacked so ignore it",
    ),
    (
        "a favour for a gift",
        "i'll sort ur skins, just need you to do a quick favour for me",
        "can u do me a favour and save me a seat",
    ),
    (
        "a favour for a gift",
        "keep the robux, just a couple of selfies to say thanks",
        "thanks for the robux, sending a thank you card",
    ),
    ("recruited to carry", "my olders said they need a few more youngers", "my older brother said he'd help"),
    ("recruited to carry", "no one searches a kid in a school blazer", "no one checks the lost property box"),
    (
        "fetched from school",
        "let me pick u up outside the school gates tomorrow",
        "my mum will pick us up from the station",
    ),
    (
        "what finds a child",
        "what was your name before you got adopted?",
        "what was your fave film before you got your phone",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), GROOMING_YOUTH)
def test_grooming_from_the_groomers_side(screen: Screen, concept: str, caught: str, look_alike: str) -> None:
    assert _held(_GROOMING, caught, "youth"), (concept, caught)
    assert "grooming" in categories(screen(caught, "youth"))
    assert not _held(_GROOMING, look_alike, "youth"), (concept, look_alike)


def test_grooming_told_as_blocked_is_not_held() -> None:
    assert not _held(_GROOMING, "some creep asked which bedroom do u sleep in so i blocked him", "youth")


# (concept, caught, look-alike), in adults' spaces: carers telling of it, and an offer to have children.
GROOMING_ADULT = [
    (
        "professionals kept out",
        "happy to have your boys over the holidays, best not to mention it to their social worker",
        "best not to mention it to their social worker until the review, it's a small thing",
    ),
    (
        "professionals kept out",
        "the lessons are drop-off only, kids focus better",
        "the party is drop off at 2 and pick up at 4",
    ),
    (
        "asked for pictures",
        "a lad from her gaming server has been asking her for photos",
        "the school has been asking for photos for the yearbook",
    ),
    (
        "paid to hold",
        "older boys are paying him cash to keep bags under his bed",
        "we're paying him to keep his room tidy",
    ),
    ("taken over", "our son's flat has been cuckooed by a gang", "we had a cuckoo clock at nan's"),
    (
        "asked to meet alone",
        "a man from church wants her to meet him on her own",
        "her friend wants her to meet at the park",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), GROOMING_ADULT)
def test_grooming_told_by_carers(screen: Screen, concept: str, caught: str, look_alike: str) -> None:
    assert _held(_GROOMING, caught, "adult"), (concept, caught)
    assert "grooming" in categories(screen(caught, "adult"))
    assert not _held(_GROOMING, look_alike, "adult"), (concept, look_alike)


# (concept, caught, look-alike, audience)
ABUSE = [
    (
        "a child's own words",
        "she keeps saying mummy's boyfriend hurts her bottom",
        "she keeps saying the slide hurts her bottom",
        "adult",
    ),
    (
        "a child's own words",
        "my uncle did the sleepy game again",
        "we did the sleepy game at the end of the party",
        "youth",
    ),
    (
        "going without",
        "he gets sent to bed without dinner every night there",
        "he gets sent to bed at eight every night there",
        "adult",
    ),
    (
        "exploited",
        "his cousins made him carry drugs across town",
        "his cousins made him carry the shopping",
        "adult",
    ),
    (
        "controlled",
        "my partner controls my money and my phone",
        "my partner controls the heating, annoyingly",
        "adult",
    ),
    (
        "harm by a carer",
        "I've been smacking my daughter when she screams",
        "I've been smacking my lips at this cake",
        "adult",
    ),
    (
        "near misses",
        "he threw a mug and it smashed on the door beside my head",
        "i hung a poster on the door beside my bed",
        "youth",
    ),
    (
        "marks hidden",
        "she makes me wear long sleeves so nobody sees the bruises",
        "i wear long sleeves so nobody sees my eczema",
        "youth",
    ),
    (
        "marks hidden",
        "he kept me home from school so the teachers wouldn't see",
        "mum kept me home from school cos i was sick",
        "youth",
    ),
    (
        "a door barricaded",
        "i push my desk against my door at night in case he comes in drunk",
        "i push my desk against the wall to make room",
        "youth",
    ),
    (
        "a head held under",
        "she held my head under the bath water for swearing",
        "she held my head while i was sick",
        "youth",
    ),
    (
        "made the mistake",
        "my stepdad calls me the mistake in front of everyone",
        "my teacher says i made a mistake on question 4",
        "youth",
    ),
    (
        "eating apart",
        "i have my tea on the floor in the hall while they eat at the table",
        "we had a picnic tea on the floor in the lounge",
        "youth",
    ),
    (
        "a secret game",
        "my uncle says it's our special game and not to tell",
        "it's our special game night tonight",
        "youth",
    ),
    (
        "years of it",
        "he's been at me since i was 8 and nobody knows",
        "she's been on at me since i was 8 to learn piano",
        "youth",
    ),
    (
        "coerced by a worker",
        "if i dont do what he wants he says i'll lose my placement",
        "if i don't do what the teacher says i get a detention",
        "youth",
    ),
    (
        "shut in",
        "the nursery were shutting our daughter in a spare room for hours",
        "we shut the dog in the spare room during fireworks",
        "adult",
    ),
    (
        "a child called a girlfriend",
        "her uncle says she's his girlfriend and she's 5",
        "my son says he's got a girlfriend at nursery",
        "adult",
    ),
    (
        "controlled",
        "my husband decides what I wear and who I talk to",
        "I decide what I wear and who I talk to",
        "adult",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike", "audience"), ABUSE)
def test_abuse_told_by_what_it_leaves(
    screen: Screen, concept: str, caught: str, look_alike: str, audience: str
) -> None:
    assert _held(_ABUSE, caught, audience), (concept, caught)
    assert "abuse_disclosure" in categories(screen(caught, audience))
    assert not _held(_ABUSE, look_alike, audience), (concept, look_alike)


# (concept, caught, look-alike), in both kinds of space
HARASSMENT = [
    (
        "death wished politely",
        "hope you never wake up again, honestly",
        "hope you never wake up this early again",
    ),
    (
        "death wished politely",
        "go up the tallest bridge and see if you can fly",
        "go up the tallest tower at the fair",
    ),
    (
        "a threat left unsaid",
        "keep posting and see what happens",
        "keep stirring and see what happens to the sauce",
    ),
    (
        "a threat left unsaid",
        "would be a shame if your social worker saw this thread",
        "shame if your sister misses the party",
    ),
    (
        "a threat left unsaid",
        "one more comment and this goes to your boss",
        "one more comment and I'll have read them all",
    ),
    (
        "a family called not real",
        "you're not their parents, just paid babysitters",
        "you're not their only parents, birth family matter too",
    ),
    (
        "a family called not real",
        "special guardians are just grandparents on a wage",
        "special guardians are grandparents too",
    ),
    (
        "a family called not real",
        "how were you ever approved? they approve anyone",
        "how long till you were approved? they took ages",
    ),
    (
        "a child's future written off",
        "he'll be back in care by summer, mark my words",
        "he'll be back in school by summer",
    ),
    (
        "harm urged as a tip",
        "go and lie on the railway line, it's peaceful",
        "go and walk on the beach, it's peaceful",
    ),
    (
        "a family turned into a taunt",
        "it's 'mums' like you that make me glad I was never adopted",
        "mums like you make this group worth it",
    ),
    (
        "a family turned into a taunt",
        "they only feel sorry for her because she's adopted",
        "i feel sorry for her, her cat died",
    ),
    (
        "wanting someone gone",
        "i wish you would just vanish from this group",
        "i wish you would just come to the meet up",
    ),
    ("wanting someone gone", "do us all a favour and log off", "do us all a favour and bring biscuits"),
    (
        "wanting someone gone",
        "so we don't have to look at your face anymore",
        "so we don't have to look at the rota again",
    ),
    ("wanting someone gone", "nobody respond to him, he's weird", "nobody responded to my post lol"),
    (
        "ganged up on",
        "lets all ignore everything she says till she quits",
        "i'll wait till she quits her job to tell her",
    ),
    (
        "a threat of what follows",
        "if you block me i'll tell everyone your secret",
        "if you come saturday i'll tell everyone the plan",
    ),
    (
        "a threat of what follows",
        "see what happens to your little sister",
        "see what happens to the cake in the oven",
    ),
    (
        "a threat of what follows",
        "I'm going to ring your employer about this",
        "I'm going to ring the employer helpline tomorrow",
    ),
    ("a threat of what follows", "that man deserves a good hiding", "that man deserves a medal"),
    (
        "a family turned into a taunt",
        "no wonder your birth dad left you",
        "no wonder you're tired after that week",
    ),
    (
        "a family turned into a taunt",
        "maybe adopting just isn't for you",
        "adopting isn't for everyone and that's ok",
    ),
    (
        "a family turned into a taunt",
        "you should never have been given those kids",
        "we should never have been given that old car",
    ),
    ("hate as a jibe", "typical brummies, always moaning", "typical monday, always raining"),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), HARASSMENT)
@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_harassment_without_insult_words(concept: str, caught: str, look_alike: str, audience: str) -> None:
    assert _held(_HARASSMENT, caught, audience), (concept, caught)
    assert not _held(_HARASSMENT, look_alike, audience), (concept, look_alike)


def test_a_taunt_told_by_the_one_it_was_said_to_is_not_harassment() -> None:
    assert not _held(_HARASSMENT, "people keep telling me 'no wonder your birth mum gave you up'", "youth")
    assert not _held(_HARASSMENT, "i got told 'no wonder your birth mum gave you up' today", "youth")


# (concept, caught, look-alike) in adults' spaces: noted for a moderator, never held.
CHILD_TO_PARENT = [
    ("a weapon", "he jabbed me with a fork at tea", "he jabbed the potatoes with a fork at tea"),
    ("fear of the child", "honestly I'm scared of my son now", "honestly I'm scared of spiders now"),
    (
        "injuries hidden",
        "I keep explaining away the bruises at work",
        "I keep explaining the homework at work",
    ),
    (
        "threats",
        "she threatened to stab her brother if he came in",
        "she threatened to tell her brother if he came in",
    ),
    ("getting away", "she kicked the bathroom door in to get at me", "she kicked the ball in to get a goal"),
    (
        "getting away",
        "i lock my bedroom door against my own son most nights",
        "i lock my bedroom door when i'm getting changed",
    ),
    (
        "a weapon",
        "he was threatening his sister with the kitchen knife",
        "he was threatening to tell his sister about the party",
    ),
    (
        "at a sibling",
        "our 9yo threw a plate at his little brother",
        "our 9yo threw a party for his little brother",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), CHILD_TO_PARENT)
def test_child_to_parent_violence_by_what_it_takes(
    screen: Screen, concept: str, caught: str, look_alike: str
) -> None:
    from moderation.screening.risk import ChildToParentViolence

    family = ChildToParentViolence()
    author = ADULT
    for text, expected in ((caught, True), (look_alike, False)):
        doc = Doc(ScreenInput(text, "adult", author), normalise(text))  # type: ignore[arg-type]
        assert bool(family.scan(doc)) is expected, (concept, text)
    result = screen(caught, "adult")
    assert result.verdict == "allow" and "child_to_parent_violence" in categories(result)


def test_a_verdict_on_the_writer_told_by_them_is_not_harassment() -> None:
    assert not _held(
        _HARASSMENT, "we were told we should never have been approved, by a panel member", "adult"
    )
