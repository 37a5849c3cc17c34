"""Grooming and abuse told by their signs (issue #12, seventh round of writers): carers in adults'
spaces telling what they saw or what a child said, and young people telling it sideways. Each concept
has a message it must catch and a look-alike sharing its words that it must let through."""

from __future__ import annotations

import pytest

from moderation.screening.grooming import GROOMING_FRAGMENTS, Grooming
from moderation.screening.patterns import RuleSet
from moderation.screening.risk import ABUSE_FRAGMENTS, AbuseDisclosure
from moderation.screening.tables.abuse_carers import ABUSE_CARER_RULES
from moderation.screening.tables.grooming_carers import GROOMING_CARER_RULES
from moderation.screening.tables.grooming_sideways import GROOMING_SIDEWAYS_RULES
from moderation.screening.text import normalise
from moderation.screening.types import Doc, ScreenInput

from .conftest import ADULT, TEEN, Screen, categories

_GROOMING = Grooming()
_ABUSE = AbuseDisclosure()


def _held(family: object, text: str, audience: str) -> list[str]:
    author = TEEN if audience == "youth" else ADULT
    doc = Doc(ScreenInput(text, audience, author), normalise(text))  # type: ignore[arg-type]
    return [hit.label for hit in family.scan(doc) if hit.action != "allow"]  # type: ignore[attr-defined]


# (concept, caught, look-alike), told by carers in adults' spaces.
GROOMING_CARERS = [
    (
        "an adult beside a child",
        "our granddaughter is 13 and her new boyfriend is 27",
        "my partner is 27 and we've just been approved to adopt",
    ),
    (
        "an adult beside a child",
        "my nephew (14) keeps hanging round with a bloke in his thirties from the gym",
        "my nephew's PE teacher is a bloke in his thirties, he's lovely",
    ),
    (
        "an age gap that is no gap",
        "she's 15 and she says he's 23",
        "our 17yo's boyfriend is 18, they met at college",
    ),
    (
        "secrecy the adult asked for",
        "the man from the chip shop told her not to tell us about the lifts, she's 12",
        "I told her not to tell her brother about the birthday party",
    ),
    (
        "secrecy the adult asked for",
        "his messages end with 'don't tell your nan, it's between us'. he's 12",
        "we've kept the present a secret from his nan, surprise party on Friday",
    ),
    (
        "chats moved somewhere unwatched",
        "a lad off Minecraft keeps asking him to move the chats to Telegram",
        "we moved the family chat to WhatsApp so grandad can see the photos",
    ),
    (
        "asked to come to him",
        "the neighbour keeps asking her to come to his flat when we're out",
        "her best friend asked her to come to the cinema on Saturday",
    ),
    (
        "asked to come to him",
        "a man in a grey car tried to get him to get in his car outside the shop",
        "we asked him to get in the car so we wouldn't miss the ferry",
    ),
    (
        "an adult beside a child",
        "a lad keeps hanging about for our 13yo after school, he's in his 20s",
        "our 13yo's new teacher is lovely, she's in her 20s",
    ),
    (
        "secrecy the adult asked for",
        "the new 'mate' asked our son not to mention the lifts to us",
        "the school asked our son to mention the trip to us",
    ),
    (
        "asked to come to him",
        "the man next door has been asking her to help at his house alone",
        "our neighbour asked her to help at the fete with her friends",
    ),
    (
        "asked to come to him",
        "someone online wants to meet him at the park without telling your mum",
        "his friend wants to meet him at the park with his mum",
    ),
    (
        "things the child will not account for",
        "our 13yo has £300 and a new coat and won't tell us who gave it",
        "our 13yo has a new girlfriend and won't tell us who she is",
    ),
    (
        "the questions that find a child",
        "someone on her game keeps asking her whether she's home alone after school",
        "the admissions form asked what school he goes to now",
    ),
    (
        "images paid for",
        "a man online has been sending him vouchers for photos, he's 12",
        "we're sending him vouchers for his birthday",
    ),
    (
        "images held over the child",
        "someone has his pictures and is demanding money, he's 15 and terrified",
        "the photographer has his pictures from sports day",
    ),
    (
        "images held over the child",
        "they've said they'll post them to her school unless she pays more",
        "the school posts the newsletter every Friday",
    ),
    (
        "criminal exploitation",
        "he's 14 and says he owes them, he's been doing runs for them since summer",
        "he's 14 and doing a paper round, he owes me a tenner",
    ),
    (
        "criminal exploitation",
        "we found a second phone hidden in her coat and she won't say who gave it",
        "she has a second phone for work, the rota comes through on it",
    ),
    (
        "criminal exploitation",
        "he's got £400 stuffed in his pillow and no job",
        "he's got £400 in his savings from his birthday and Christmas",
    ),
    (
        "criminal exploitation",
        "our foster son keeps going missing for days and comes back exhausted",
        "the tv remote keeps disappearing, I blame the dog",
    ),
    (
        "criminal exploitation",
        "a lad knocked asking for her by a nickname we've never heard",
        "a lad knocked asking if she wanted to play football",
    ),
    (
        "what a child may not buy",
        "a man at the bus stop keeps buying him vapes, he's 13",
        "my brother-in-law keeps buying him lego, he's 13",
    ),
    (
        "late-night messages",
        "her swimming coach keeps texting her after midnight, she's 12",
        "her nan rings her every night before bed, she's 12",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), GROOMING_CARERS)
def test_grooming_told_by_its_signs(screen: Screen, concept: str, caught: str, look_alike: str) -> None:
    assert _held(_GROOMING, caught, "adult"), (concept, caught)
    assert "grooming" in categories(screen(caught, "adult"))
    assert not _held(_GROOMING, look_alike, "adult"), (concept, look_alike)


def test_quoted_secrecy_needs_a_child() -> None:
    # Adults say these to each other; from a carer they are a groomer's words only beside a child.
    for text in ("don't tell your parents", "just between us, contact wipes me out"):
        assert not _held(_GROOMING, text, "adult"), text


def test_the_carers_rules_stay_in_adults_spaces() -> None:
    # The carers' signs are read in adults' spaces only; young people's spaces keep the stage rules.
    assert all(rule.audiences == frozenset({"adult"}) for rule in GROOMING_CARER_RULES)
    assert all(rule.audiences == frozenset({"youth"}) for rule in GROOMING_SIDEWAYS_RULES)


# (concept, caught, look-alike), told sideways by young people.
GROOMING_SIDEWAYS = [
    (
        "a favour owed for a gift",
        "this guy keeps sending me money and now he says i owe him a favour??",
        "my mate helped me with my maths so now i owe him one lol",
    ),
    (
        "silence about us",
        "he made me swear i would never tell anyone about us",
        "she made me promise not to tell anyone she fancies jack",
    ),
    (
        "time alone not to be told",
        "my coach does special training alone with me and im not allowed to tell",
        "we've got extra training before the cup final",
    ),
    (
        "a friend with an adult",
        "my best mate is 14 and she's seeing a 26 year old",
        "my sister is 24 and she's seeing a 26 year old",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), GROOMING_SIDEWAYS)
def test_grooming_told_sideways(screen: Screen, concept: str, caught: str, look_alike: str) -> None:
    assert _held(_GROOMING, caught, "youth"), (concept, caught)
    assert "grooming" in categories(screen(caught, "youth"))
    assert not _held(_GROOMING, look_alike, "youth"), (concept, look_alike)


# (concept, caught, look-alike, audience)
ABUSE_SIGNS = [
    (
        "told to keep quiet",
        "my grandson (7) said 'daddy says if I tell about the garage he'll burn our house'",
        "if you tell dad I ate the cake he'll go mad",
        "adult",
    ),
    (
        "afraid of an adult coming to them",
        "she woke up crying 'don't let grandad come in my room'",
        "she woke up crying 'don't let the dog come in my room'",
        "adult",
    ),
    (
        "afraid of an adult coming to them",
        "he flinches whenever his stepdad raises his voice",
        "he flinches at loud bangs since bonfire night",
        "adult",
    ),
    (
        "a child's words for sexual abuse",
        "my daughter (5) said a man at the pool made her touch his private parts",
        "she's learning the names of body parts at nursery",
        "adult",
    ),
    (
        "marks from a named adult's house",
        "he came back from his uncle's with bruises on his arms",
        "he came back from football with bruises on his arms",
        "adult",
    ),
    (
        "marks from a named adult's house",
        "there are marks round her ankles like from a rope",
        "there are marks round her ankles from her new socks",
        "adult",
    ),
    (
        "food kept from a child",
        "his mum forgets to feed him when he stays at hers",
        "his mum forgets to feed the cat when we're away",
        "adult",
    ),
    (
        "food kept from a child",
        "i'm not allowed to have dinner unless the whole kitchen is spotless. is that normal",
        "you can't have dinner until you've finished your homework, is what my teacher jokes",
        "youth",
    ),
    (
        "an adult hurting a baby",
        "I caught my partner shaking our baby to make her stop crying",
        "I caught my partner shaking the baby's rattle to make her smile",
        "adult",
    ),
    (
        "watched washing",
        "my stepdad keeps coming to check on me while i'm in the bath and i hate it",
        "my mum checks i've had a bath before school",
        "youth",
    ),
    (
        "daily contempt",
        "my foster dad calls me worthless in front of everyone",
        "my mate calls me useless at fifa lol",
        "youth",
    ),
    (
        "told to keep quiet",
        "my foster mum says if i tell anyone about the slaps i will be moved away from my brother",
        "my mate says if i tell anyone about his crush he'll be so embarrassed",
        "youth",
    ),
    (
        "what marks were",
        "the marks on my arms are from my stepdad, not from the cat",
        "the marks on my arms are from the cat scratching me",
        "youth",
    ),
    (
        "shown and made to copy",
        "he made me watch videos on his laptop and then do the same",
        "my mum made me watch the news and then do my homework",
        "youth",
    ),
    (
        "daily contempt",
        "my stepmum keeps telling me im worthless",
        "my brother keeps telling me im rubbish at fifa",
        "youth",
    ),
    (
        "rejection by a carer",
        "when she's drunk she says she wishes she never adopted me",
        "my mum wishes she never took me to ikea cos i moaned",
        "youth",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike", "audience"), ABUSE_SIGNS)
def test_abuse_told_by_its_signs(
    screen: Screen, concept: str, caught: str, look_alike: str, audience: str
) -> None:
    assert _held(_ABUSE, caught, audience), (concept, caught)
    assert "abuse_disclosure" in categories(screen(caught, audience))
    assert not _held(_ABUSE, look_alike, audience), (concept, look_alike)


# Everyday carers' talk sharing the signs' words: none of it is held by the new rules.
CARERS_EVERYDAY = [
    "my car keys keep going missing, I blame the 8 year old",
    "had too much cake at the party, I'll work it off at the gym",
    "the back burner on the hob has stopped lighting",
    "she's 14 and lost her second phone charger this month",
    "her grandma keeps asking her to send photos of the new puppy",
    "my daughter (15) sells her photos at the craft fair, so proud",
    "he says he owes them an apology after the match, he's 13",
    "I have one meal a day since the diet started",
    "our toddler keeps hitting the baby when she's tired",
    "the dog ate chips out of the bin again",
    "just between us, the review went better than I feared",
]


@pytest.mark.parametrize("text", CARERS_EVERYDAY)
def test_carers_everyday_talk_is_not_held(text: str) -> None:
    assert not _held(_GROOMING, text, "adult"), text
    assert not _held(_ABUSE, text, "adult"), text


# Look-alikes of older rules, now let through.
TOPIC_NOT_WORRY = [
    ("adult", "did anyone see the documentary on county lines? made me think"),
    ("adult", "our school sent a letter about a county lines assembly next week"),
    ("youth", "we did a pshe lesson on what to do if someone asks you to keep a secret"),
    ("youth", "my carer found my secret stash of haribo lol"),
    # Advice about anyone at all, not a report of someone.
    ("adult", "We explained that anyone who asks them to keep a secret from us is someone to tell us about"),
    ("adult", "If someone online asks him to keep it a secret, he knows to come to us"),
]


@pytest.mark.parametrize(("audience", "text"), TOPIC_NOT_WORRY)
def test_topics_and_plain_secrets_are_not_held(audience: str, text: str) -> None:
    assert not _held(_ABUSE, text, audience), text
    assert not _held(_GROOMING, text, audience), text


def test_still_held_when_worry_is_told_beside_the_topic() -> None:
    text = "after the county lines talk I'm worried he's been drawn into it, new phone and cash"
    assert _held(_ABUSE, text, "adult")


@pytest.mark.parametrize("rules", [GROOMING_CARER_RULES, GROOMING_SIDEWAYS_RULES])
def test_each_grooming_sign_rule_catches_its_example(rules: tuple) -> None:
    ruleset = RuleSet(rules, GROOMING_FRAGMENTS)
    for rule in rules:
        for audience in rule.audiences:
            norm = normalise(rule.example)
            found = {f.rule.label for f in ruleset.find(norm.text, norm.data, audience)}
            assert rule.label in found, rule.example


def test_each_abuse_sign_rule_catches_its_example() -> None:
    ruleset = RuleSet(ABUSE_CARER_RULES, ABUSE_FRAGMENTS)
    for rule in ABUSE_CARER_RULES:
        for audience in rule.audiences:
            norm = normalise(rule.example)
            found = {f.rule.label for f in ruleset.find(norm.text, norm.data, audience)}
            assert rule.label in found, rule.example
