"""Benign look-alikes most often held in young people's spaces (rules9-c, tables/benign_youth.py):
an everyday word the profanity model weighs as strong ("guinea pig", "shut up", "stupid bus") when
nobody is named; "I want to die" laughed off as a blush; a window jump at an annoying song; beaten at
a game; abuse told as past and over, with a safety now; self-harm as a story's or a lesson's subject;
a milestone counted from the last time; disappearing for a while or somewhere; a song's words quoted;
a goodbye said at a leaving do or a party;
an overdose in a first-aid lesson or a story; not waking for tiredness or a timetable;
and a young person's tracing wished for through the plan. Each concept has look-alikes that must go
through and real risks in the same words that must still be held. Every message here was written for this test
and is in no data file."""

from __future__ import annotations

import pytest

from moderation.screening.risk import recovered_experience
from moderation.screening.tables.benign_youth import abuse_told_as_over, aimed_word_counts
from moderation.screening.text import normalise

from .conftest import Screen, categories

# (category that must not be held, young person's look-alike)
LOOK_ALIKES = [
    # everyday words the model weighs strongly, nobody named
    ("harassment", "my hamster escaped again and hid behind the fridge, cheeky little pig"),
    ("harassment", "the pig at the city farm tried to eat my shoelace"),
    ("harassment", "my head wont shut up about tomorrows audition"),
    ("harassment", "this stupid printer jammed three times before my coursework was due"),
    ("harassment", "macbeth is honestly a bit dumb, why trust three random witches"),
    ("harassment", "bloody hell the queue for the new rollercoaster was two hours"),
    ("harassment", "damn, the chippy closes at 8 on sundays"),
    ("harassment", "the revision timetable sucks but at least there's pizza after"),
    # "I want to die" as a blush or a laugh
    ("self_harm", "i just want to die, i sang the wrong words in the choir solo lol"),
    ("self_harm", "my voice cracked in drama and i literally wanna die, so embarrassing"),
    ("self_harm", "walked into a glass door in front of my crush, i want to die haha"),
    # a window jump at an annoyance
    ("self_harm", "if my brother plays that song one more time im jumping out the window"),
    ("self_harm", "one more assembly about uniform and i'll climb out the window"),
    # beaten at a game
    ("abuse_disclosure", "my dad beat me at scrabble again, he always gets the z"),
    ("abuse_disclosure", "we did parkrun and my carer beat me by a whole minute"),
    # abuse told as past and over, with a safety now
    ("abuse_disclosure", "when i was little my birth dad used to hit me. he's in prison and im safe now"),
    (
        "abuse_disclosure",
        "before i came into care my mum's partner used to hurt me. i'm safe with my forever family",
    ),
    # self-harm as a subject
    ("self_harm", "our english set is reading a novel about a boy who self harms, it's really moving"),
    ("self_harm", "did my psychology presentation about why teenagers self harm and got a merit"),
    # a milestone from the last time
    ("self_harm", "six months since i last hurt myself today, treating myself to a milkshake"),
    ("self_harm", "it's two years since my last self harm and i've got a job now"),
    # disappearing for a while or somewhere; a song's words quoted
    ("self_harm", "honestly wish i could disappear under my duvet for the whole half term"),
    ("self_harm", "i want to disappear to my gran's caravan for a week with no wifi"),
    ("self_harm", "my sister has 'i want to die young' on repeat, the chorus is so catchy"),
    ("self_harm", 'that song that goes "i wish i wasnt here" is my new favourite track'),
    # an overdose in a first-aid lesson or a story; not waking up for tiredness or a timetable
    ("self_harm", "we learnt the recovery position at cadets and first aid for an overdose"),
    ("self_harm", "in the film the main character's dad takes an overdose and i sobbed"),
    ("self_harm", "after the residential i wanna sleep forever lol, so knackered"),
    ("self_harm", "i dont wanna wake up for the 5am alarm for the ski trip"),
    # a goodbye at an ordinary parting
    ("self_harm", "said bye to everyone at the leaving do, gonna miss miss patel so much"),
    ("self_harm", "said goodbye to everyone at the end of term party, best year ever"),
    # tracing wished for through the plan
    ("birth_family_contact", "once im 18 i'd like to find my birth dad, my sw says the agency can help"),
    ("birth_family_contact", "is there a safest way to trace my birth sister? dont want to upset anyone"),
    (
        "birth_family_contact",
        "my carers said we'll look for my birth nan together through the adoption team when im older",
    ),
]

# (category that must still be held, a real risk in the same words)
REAL = [
    ("harassment", "ur such a fat pig nobody wants u in the team"),
    ("harassment", "shut ur mouth or everyone finds out"),
    ("harassment", "she is so stupid and ugly lol nobody likes her"),
    ("harassment", "this lesson is fucking shit"),
    ("harassment", "stupid ginger minger"),
    ("self_harm", "i want to die. i cant do this anymore lol"),
    ("self_harm", "i want to die and i mean it, not joking this time"),
    ("self_harm", "i wanna die every day and nobody notices"),
    ("self_harm", "im going to jump out my bedroom window tonight, its high enough"),
    ("self_harm", "i want to jump out the window, i hate my life"),
    ("abuse_disclosure", "my dad beat me after the match because we lost"),
    ("abuse_disclosure", "my stepdad used to hit me and he still does when mum is at work"),
    (
        "abuse_disclosure",
        "my birth mums boyfriend used to hurt me, hes out of prison now and found me, im scared",
    ),
    ("self_harm", "said goodbye to everyone tonight. i wont be here tomorrow"),
    ("self_harm", "said my goodbyes to everyone at the leaving do, nobody will miss me when im gone"),
    ("self_harm", "i self harm most nights and nobody knows"),
    ("self_harm", "two years since i last self harmed but i cut again last night"),
    ("self_harm", "i want to die lol no but seriously i have the pills"),
    (
        "birth_family_contact",
        "i found my birth mum on facebook, my sw said wait till im 18 but i messaged her",
    ),
    ("birth_family_contact", "want to find my birth dad properly. gonna search for him on insta tonight"),
    ("birth_family_contact", "how do i find my birth brother without the agency knowing"),
]


@pytest.mark.parametrize(("category", "text"), LOOK_ALIKES)
def test_look_alikes_are_not_held(screen: Screen, category: str, text: str) -> None:
    result = screen(text, "youth")
    assert category not in {m.category for m in result.matches if m.priority < 3}, result.matches
    assert result.verdict == "allow", result.matches


@pytest.mark.parametrize(("category", "text"), REAL)
def test_real_risks_in_the_same_words_are_held(screen: Screen, category: str, text: str) -> None:
    result = screen(text, "youth")
    assert category in categories(result), result.matches
    assert result.verdict != "allow"


def test_a_strong_everyday_word_counts_only_with_someone_named() -> None:
    assert not aimed_word_counts("our guinea pig had babies", 11, 14)
    assert aimed_word_counts("ur a pig", 5, 8)
    assert aimed_word_counts("stupid ginger minger", 0, 6)  # a bare exclamation
    assert aimed_word_counts("this lesson is fucking shit", 23, 27)  # not an everyday word


def test_abuse_over_needs_a_past_a_safety_and_nothing_current() -> None:
    assert abuse_told_as_over(normalise("my birth dad used to hit me but im safe now").text)
    assert not abuse_told_as_over(normalise("my birth dad used to hit me").text)
    assert not abuse_told_as_over(normalise("he used to hit me, im safe now but he messaged me").text)


def test_a_milestone_since_the_last_time_is_recovery() -> None:
    assert recovered_experience(normalise("100 days since i last hurt myself").text)
    assert not recovered_experience(normalise("100 days since i last hurt myself, i want to again").text)


def test_abuse_over_is_still_queued_for_a_moderator(screen: Screen) -> None:
    result = screen("when i was small my birth dad used to hit me. im safe now with my mum", "youth")
    assert result.verdict == "allow"
    assert "abuse_disclosure" in categories(result)
    assert result.priority == 3


# The risk-to-life head reads school work without its words (learned._SCHOOL_WORK), and the rest still.
@pytest.mark.parametrize(
    "text",
    [
        "whats the point of physics tho. when will i ever use it",
        "what is the point of long division. genuinely asking",
        "did a letter to my future self in tutor time, open it when im 21",
    ],
)
def test_school_work_is_not_read_as_despair(screen: Screen, text: str) -> None:
    assert screen(text, "youth").verdict == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "i wrote a letter to my future self but there wont be one. goodbye everyone",
        "whats the point of revision when i wont be here for the exams. ive got the pills ready",
    ],
)
def test_school_words_beside_a_real_risk_are_still_held(screen: Screen, text: str) -> None:
    assert "self_harm" in categories(screen(text, "youth"))
