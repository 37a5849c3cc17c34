"""Look-alikes of risk to life that the eighth round's writers held most often (rules8-benign): the
words as a topic in a training or an essay, advice about anyone at all, being not suicidal but worn
out, a game's "end it all", a task nobody would miss the writer at, and a past told as over. Each
concept has its look-alikes, which the self-harm rules must let go, beside real risks in the same
words, which they must still hold. Every message here was written for this test and is in no data
file."""

from __future__ import annotations

import pytest

from moderation.screening import ScreenInput
from moderation.screening.birth_family import BirthFamilyContact
from moderation.screening.risk import recovered_experience
from moderation.screening.text import normalise
from moderation.screening.types import Doc

from .conftest import ADULT, TEEN, Screen, categories, self_harm_rule_hits

# (concept, look-alike the rules let go, a real risk in the same words)
CONCEPTS = [
    # Said not to be suicidal, with what it is instead.
    ("denied", "I'm not suicidal, I'm just running on empty this week.", "I feel suicidal most nights."),
    (
        "denied",
        "not in a suicidal way, more in a hide-under-the-duvet way",
        "im not suicidal im just tired and want it all to end",
    ),
    (
        "denied",
        "Not suicidal. Just shattered and need a night off.",
        "I'm not suicidal, I just don't want to wake up.",
    ),
    (
        "denied",
        "honestly not suicidal, only sick of the school run",
        "not suicidal just think they'd be better off without me",
    ),
    # Advice about anyone at all, not news of someone.
    (
        "advice",
        "if a mate tells you they want to hurt themselves, tell an adult you trust",
        "my mate told me she wants to hurt herself",
    ),
    (
        "advice",
        "When your child self-harms it is not about you, try to stay calm.",
        "my child self-harms and I don't know what to do",
    ),
    (
        "advice",
        "if anyone says they're thinking about suicide, stay with them and call 111",
        "if you must know my son is thinking about suicide",
    ),
    (
        "advice",
        "the course told us to ask plainly: are you thinking about suicide?",
        "are you thinking about suicide? cos i am",
    ),
    (
        "advice",
        "if someone is suicidal, don't leave them alone",
        "if my sister is suicidal again what do I do",
    ),
    # The word as a topic: an essay, a theory, a talk from a charity, first aid for it, a training.
    (
        "topic",
        "my psychology essay on Durkheim's theory of suicide is due friday",
        "I think about suicide every day",
    ),
    (
        "topic",
        "we had a talk from a charity about suicide in young men",
        "my brother talks about suicide a lot lately",
    ),
    ("topic", "the first aid for self-harm module was really practical", "my self-harm has got worse"),
    (
        "topic",
        "Workshop next week: 'Responding to suicidal teenagers'",
        "my suicidal teenager won't talk to me",
    ),
    (
        "topic",
        "a free evening on talking to your child about self-harm",
        "my son's self-harm scars are getting deeper",
    ),
    # A game's "end it all".
    ("game", "about to end it all in minecraft, creepers everywhere", "about to end it all tonight"),
    # A task nobody would miss the writer at.
    (
        "task",
        "the team would be better off without me doing the penalties tbh",
        "the team would be better off without me being here",
    ),
    (
        "task",
        "they'd be happier without me cooking, I burn everything",
        "they'd be better off without me ruining everything",
    ),
]


@pytest.mark.parametrize(("concept", "look_alike", "risk"), CONCEPTS)
def test_look_alikes_are_let_go_and_risks_in_the_same_words_held(
    concept: str, look_alike: str, risk: str
) -> None:
    for audience in ("adult", "youth"):
        assert self_harm_rule_hits(look_alike, audience) == [], (concept, audience, look_alike)
        assert self_harm_rule_hits(risk, audience), (concept, audience, risk)


@pytest.mark.parametrize(
    "text",
    [
        "not suicidal, just tired of being a carer",
        "Not suicidal, just need a proper night's sleep and a cup of tea I can finish.",
        "if a friend says they want to hurt themselves, please tell a trusted adult"
        " even if they ask you not to",
        "doing my sociology coursework on suicide rates among young men",
    ],
)
def test_look_alikes_are_allowed_whole(screen: Screen, text: str) -> None:
    for audience in ("adult", "youth"):
        assert screen(text, audience).verdict == "allow", (audience, text)


# A past told as over, in the ways this round's writers told it: "in the past", "last winter", "it's
# been a year since", "out the other side", "stopped ... years ago", a carer's "been free of it for a
# year"; and present words that are not the risk's present ("want to share what helped", "planning
# uni", "I'm not going to lie", "I still check on her", "please tell someone today").
@pytest.mark.parametrize(
    "text",
    [
        "Our daughter self harmed in the past, she's in therapy now and doing well."
        " Want to share what helped us.",
        "had a dark spell last winter and thought about ending it, got help and I'm out the other side now",
        "it's been two years since my overdose. i'm still here and i'm glad",
        "6 months self harm free! planning uni now",
        "I cut for years and stopped 3 years ago. If you're in a bad place please tell someone today.",
        "He tried to take his life at 15. He's 24 now, married, doing brilliantly. I still worry about him.",
        "She told us about her self-harm a year ago. Today she said she's been clean for six months.",
        "I used to think I was a burden. Turns out that was the depression talking,"
        " getting help was the best thing.",
    ],
)
def test_a_past_told_as_over_is_recognised(text: str) -> None:
    assert recovered_experience(normalise(text).text)


@pytest.mark.parametrize(
    "text",
    [
        "i self harmed in the past and i'm still here but i want to do it again",
        "it's been a year since my overdose and i'm still here, but i don't want to be",
        "last winter i thought about ending it and i'm planning to do it this time",
        "I stopped cutting 2 years ago but the urges are back",
        "I was clean for a year but I relapsed tonight",
    ],
)
def test_a_past_with_the_risk_now_is_not(text: str) -> None:
    assert not recovered_experience(normalise(text).text)


# Birth-family tracing look-alikes: tracing in a story, decided against or not yet, a wish told with
# the family or the plan, a relative writing through the plan or not turning up; beside real tracing
# and contact in the same words.
_BIRTH_FAMILY = BirthFamilyContact()


def _birth_family_hits(text: str, audience: str) -> list[str]:
    author = TEEN if audience == "youth" else ADULT
    doc = Doc(ScreenInput(text, audience, author), normalise(text))  # type: ignore[arg-type]
    return [hit.label for hit in _BIRTH_FAMILY.scan(doc)]


BIRTH_FAMILY = [
    (
        "story",
        "the drama we watched was about a girl tracking down her birth dad",
        "my daughter tracked down her birth dad",
    ),
    (
        "story",
        "a novel where the hero searches for his birth mother, really moving",
        "after the novel he searched for his birth mother online",
    ),
    (
        "story",
        "in the school play my character goes looking for her real mum",
        "the play made her want to go looking for her real mum",
    ),
    (
        "decided",
        "she's 20 and has chosen not to search for her birth family, which we respect",
        "she's 20 and has been searching for her birth family",
    ),
    (
        "decided",
        "he doesn't want to contact his birth dad, and that's fine",
        "he wants to contact his birth dad without telling us",
    ),
    (
        "with family",
        "i want to message my birth brother but i'll ask my carers first",
        "i want to message my birth brother but i wont ask my carers first",
    ),
    (
        "with family",
        "i told my worker i want to write to my birth mum one day",
        "i want to write to my birth mum",
    ),
    (
        "with family",
        "my mum and dad let me message my birth sister, the social worker helped set it up",
        "i messaged my birth sister behind mum and dads back",
    ),
    (
        "plan",
        "his birth mum wrote to the agency asking for letterbox to restart",
        "his birth mum wrote to him on facebook",
    ),
    (
        "not at all",
        "birth dad didn't turn up to contact again, she was gutted",
        "birth dad turned up at her school again",
    ),
    (
        "official route",
        "i used the intermediary service to trace my birth mum, it took nine months",
        "i used the intermediary service but it was slow so i traced my birth mum on facebook",
    ),
    (
        "official route",
        "i traced my birth mother through the official intermediary route in my 30s",
        "i traced my birth mother through facebook in my 30s",
    ),
    (
        "official route",
        "we've started the official process with the adoption contact register to find his birth sister",
        "we've started looking on facebook to find his birth sister",
    ),
    (
        "official route",
        "we went to the intermediary service last year and she's been writing to her birth sister since",
        "we went to the intermediary service last year and now she's in contact with her birth sister on "
        "snapchat",
    ),
]


@pytest.mark.parametrize(("concept", "look_alike", "risk"), BIRTH_FAMILY)
def test_birth_family_look_alikes_are_let_go_and_tracing_held(
    concept: str, look_alike: str, risk: str
) -> None:
    for audience in ("adult", "youth"):
        assert _birth_family_hits(look_alike, audience) == [], (concept, audience, look_alike)
        assert _birth_family_hits(risk, audience), (concept, audience, risk)


# Harassment with no insult word (tables/harassment_knowing.py): each concept said to someone, beside
# a look-alike in the same words that is not aimed at anyone.
HARASSMENT = [
    (
        "urged",
        "youth",
        "just unalive urself honestly",
        "my character got unalived in the last episode, gutted",
    ),
    ("urged", "youth", "nobody likes u, go unalive yourself", "that boss fight will unalive you too lol"),
    (
        "scare quotes",
        "adult",
        "Enjoy your lovely little 'family' while it lasts",
        "our book club is a proper 'family' now",
    ),
    (
        "last one",
        "adult",
        "Fingers crossed this one works out better than the last kid, eh",
        "hope the new car lasts better than the last one",
    ),
    (
        "seem real",
        "adult",
        "Bless, you try so hard to look like a real family",
        "we try so hard to look like a normal family on the school run",
    ),
    (
        "unwanted",
        "youth",
        "ur real mum didnt want u either",
        "my real mum didn't want to give me up, the court decided",
    ),
    (
        "not real kin",
        "youth",
        "hes not my brother hes only adopted lol",
        "he's not my birth brother but he's my brother",
    ),
    (
        "shut out",
        "youth",
        "stop sitting with us at break, we've said",
        "stop sitting with us if you're ill, i can't catch anything before my exam",
    ),
    (
        "shut out",
        "youth",
        "everyone told him to leave the gc but he's still here",
        "my mum told him to leave the gc cos it was for girls only",
    ),
    (
        "shut out",
        "youth",
        "made a list of who's invited, ur not on it",
        "ur not on the rota yet, dm me to be added",
    ),
    (
        "group unfit",
        "adult",
        "Those cultures can't raise children properly, that's a fact",
        "Some families can't raise children without far more support than they get",
    ),
    (
        "where will it end",
        "adult",
        "Gay couples adopting babies now? Where will it end",
        "Gay couples adopting is lovely, our friends just did",
    ),
    (
        "go round",
        "adult",
        "She lives at 12 Fern Road if anyone fancies having a word with her",
        "She lives at 12 Fern Road if anyone wants to pay her a visit, she's lonely since the op",
    ),
]


@pytest.mark.parametrize(("concept", "audience", "said", "look_alike"), HARASSMENT)
def test_harassment_said_knowingly_is_held_and_look_alikes_are_not(
    screen: Screen, concept: str, audience: str, said: str, look_alike: str
) -> None:
    assert "harassment" in categories(screen(said, audience)), (concept, said)
    assert "harassment" not in categories(screen(look_alike, audience)), (concept, look_alike)


# Advice is told; a question about "a friend" is how a young person asks about a real one.
@pytest.mark.parametrize(
    "text",
    [
        "if a mate says they're gonna hurt themselves do u have to tell someone?",
        "when a friend tells you they want to kill themselves what do you even say?",
    ],
)
def test_a_question_about_a_friend_is_still_held(text: str) -> None:
    assert self_harm_rule_hits(text, "youth")


def test_tracing_at_an_age_against_the_plan_is_still_held() -> None:
    text = "im gonna look for my birth dad when im 16 whatever my social worker says"
    assert _birth_family_hits(text, "youth")


# A death told, and first aid for an overdose: not the writer's risk. Beside them, the same words as
# someone's risk now.
@pytest.mark.parametrize(
    ("look_alike", "risk"),
    [
        (
            "We lost our uncle in the spring. It was suicide. The kids are struggling.",
            "it was suicide or nothing for me last night",
        ),
        (
            "how do we explain a birth dad's suicide to a seven year old?",
            "my mate's suicide attempt last week scared me",
        ),
        ("the coroner ruled it a suicide in the end", "i think about suicide every night"),
        (
            "the lifeguard course covered what to do with an overdose casualty",
            "she took an overdose this morning",
        ),
    ],
)
def test_a_death_told_and_first_aid_are_let_go(look_alike: str, risk: str) -> None:
    for audience in ("adult", "youth"):
        assert self_harm_rule_hits(look_alike, audience) == [], (audience, look_alike)
        assert self_harm_rule_hits(risk, audience), (audience, risk)


@pytest.mark.parametrize(
    "text",
    [
        "The hospital says it's self-harm. She's been in twice this month.",
        "our son's self-harm has got worse since the move",
        "the doctor said it was self-harm.",
        "my daughter's suicidal thoughts are back",
    ],
)
def test_news_of_a_risk_now_is_not_a_death_told(text: str) -> None:
    assert self_harm_rule_hits(text, "adult")
