"""Harm and young people's harassment told indirectly, ninth round (tables/harm_unseen.py,
tables/harassment_unseen.py). Each concept has messages it must catch, screened whole, and look-alikes
sharing its words (friends' banter, fair disagreement, venting, news, school lessons, planned contact)
that none of the new rules may find."""

from __future__ import annotations

import pytest

from moderation.screening.abuse import THREAT_FRAGMENTS
from moderation.screening.grooming import GROOMING_FRAGMENTS
from moderation.screening.patterns import RuleSet
from moderation.screening.risk import ABUSE_FRAGMENTS
from moderation.screening.tables.harassment_unseen import HARASSMENT_UNSEEN_RULES
from moderation.screening.tables.harm_unseen import (
    HARM_UNSEEN_ABUSE_RULES,
    HARM_UNSEEN_CPV_RULES,
    HARM_UNSEEN_GROOMING_RULES,
)
from moderation.screening.text import normalise

from .conftest import Screen, categories

_SETS = (
    RuleSet(HARM_UNSEEN_ABUSE_RULES, ABUSE_FRAGMENTS),
    RuleSet(HARM_UNSEEN_GROOMING_RULES, GROOMING_FRAGMENTS),
    RuleSet(HARM_UNSEEN_CPV_RULES, ABUSE_FRAGMENTS),
    RuleSet(HARASSMENT_UNSEEN_RULES, THREAT_FRAGMENTS),
)
HARM = {"abuse_disclosure", "grooming", "child_to_parent_violence"}


def _new_rules_find(text: str, audience: str) -> list[str]:
    norm = normalise(text)
    return [
        f"{found.rule.label}: {norm.text[found.start : found.end]}"
        for rules in _SETS
        for found in rules.find(norm.text, norm.data, audience)
    ]


# (audience, message): harm the screener must hold with a harm category (child-to-parent violence in
# adults' spaces: named and queued).
HARM_CAUGHT = [
    ("youth", "dad told me to tell the school i slipped on the ice. i didnt slip"),
    ("youth", "its not me doing it, the marks on my back. i cant say who"),
    ("adult", "I'm 31 and my adoptive father still grabs me by the arm when I visit and I freeze"),
    ("adult", "My stepdad pinned me to the floor last night when I said I was moving out. I'm 19"),
    ("youth", "my foster carer always says im a burden and that nobody else would have me"),
    ("youth", "she reads my texts out at tea in front of the others and they all laugh"),
    ("youth", "wasnt allowed any dinner till i said sorry, that was tuesday and its thursday"),
    ("youth", "nobody cooks for us anymore, mum's too drunk to get up most days"),
    (
        "adult",
        "She said the babysitter's boyfriend wanted to look at her privates and that it's a secret game",
    ),
    ("youth", "my uncle makes me keep secrets about what happens at his flat"),
    ("adult", "A bloke she met on Roblox has been sending her gift cards every week. She's 12."),
    ("adult", "Our 14yo keeps coming home with cash and new trainers and a man in his 30s drops him off"),
    ("adult", "The messages from the 'mentor' say 'delete these after reading' and he's 13"),
    ("youth", "this guy online said i could earn vbucks if i send him a selfie in my pyjamas"),
    ("youth", "im 24 but that shouldnt matter if we get on, dont tell ur mum"),
    (
        "adult",
        "Teen lads wanted to help at my unit, boys 13-15 ideally, cash, no need for their parents to know",
    ),
    (
        "adult",
        "Our grandson (14) has a spare SIM hidden in his shoe and keeps getting texts saying 'where are u'",
    ),
    ("youth", "they said if i tell the police they'll hurt my little sister"),
    ("youth", "i kicked my foster mum last night and now i cant look at her"),
    ("adult", "Our daughter (12) shoved her nan into the wall on Sunday and she's bruised all down her arm"),
]


@pytest.mark.parametrize(("audience", "text"), HARM_CAUGHT)
def test_harm_told_indirectly_is_caught(screen: Screen, audience: str, text: str) -> None:
    assert _new_rules_find(text, audience), text
    result = screen(text, audience)
    found = categories(result) & HARM
    assert found, (text, result.matches)
    if audience == "adult" and found == {"child_to_parent_violence"}:
        return  # noted for a moderator, as adults' spaces allow it
    assert result.verdict != "allow", text


# Young people's harassment the screener must hold as harassment.
HARASSMENT_CAUGHT = [
    "oi foster reject nobody asked",
    "just go back to ur junkie mum, no one wants u here",
    "lol they call her the charity case in our form",
    "ur carers will never love u like a real kid",
    "where's your real dad then? oh wait",
    "do what i say or i'll tell the whole year you're in care",
    "i know ur birth name btw. be a shame if it got out",
    "we'll batter you after school, dont bother hiding",
    "say one more word and see what happens tomorrow",
    "who else thinks her singing is the most annoying thing on here",
    "someone record it next time she cries in english",
    "forgive me if i dont care about ur little feelings",
    "honestly the least interesting person in this group",
    "party's for real friends only so obviously not u",
    "remember when he said his mum was a nurse? shes actually in jail lol",
    "the new girl cried in drama again, someone film it next time",
    "a lad in my form said i should go back to where i came from cos im adopted",
]


@pytest.mark.parametrize("text", HARASSMENT_CAUGHT)
def test_youth_harassment_told_indirectly_is_caught(screen: Screen, text: str) -> None:
    assert _new_rules_find(text, "youth"), text
    result = screen(text, "youth")
    assert "harassment" in categories(result) and result.verdict != "allow", (text, result.matches)


# Look-alikes: none of the new rules may find anything in them.
LOOK_ALIKES = [
    # school lessons, news and advice
    ("youth", "in pshe we learned what to do if an adult tells you to say you fell"),
    ("adult", "Good article on the signs of exploitation: a second SIM, unexplained cash, taxis"),
    ("youth", "how do you answer when people ask where's your real mum? asking for our assembly"),
    ("youth", "'where's your real dad?' could get 'the one who raised me' or 'thats private'"),
    ("adult", "The training said groomers often ask kids to delete the chat. Worth knowing"),
    # recovered past, planned contact, ordinary family life
    ("adult", "Contact went well, birth mum brought him a new hoodie and the supervisor was lovely"),
    ("adult", "We bought our son a second phone for his Saturday job, his boss insists"),
    ("adult", "Grandad sent her a new phone for her 13th birthday, she's over the moon"),
    ("youth", "not allowed to eat until after my operation tomorrow, so hungry"),
    ("youth", "we're not allowed tea until everyone's home, house rule"),
    ("youth", "my sister made me keep it a secret, she's planning a surprise party for mum"),
    ("youth", "my foster mum would never hit me, she's the best"),
    ("adult", "My son beats me every time at chess now, he's 10"),
    ("youth", "camping trip: same shirt all week cos i forgot to pack lol"),
    ("youth", "i pushed my nan in her wheelchair round the garden centre today"),
    ("youth", "i hit my dad with a pillow lol he started it"),
    # friends' banter, fair disagreement, venting about a situation
    ("youth", "ur so weird love u tho bestie"),
    ("youth", "i don't agree with your point about the uniform, but fair enough"),
    ("youth", "pls stop calling my brother the adopted one, its rude"),
    ("youth", "people kept calling me the foster kid but i told them its not ok and they stopped"),
    ("youth", "we're going to jump on the trampoline after school"),
    ("youth", "see you tomorrow after school for the match!"),
    ("youth", "i want to go back to where i came from in poland for the summer to see my gran"),
    ("youth", "who else thinks the new series is the best thing on telly"),
    ("adult", "Reported the spam account 3 times, still there"),
    ("youth", "asking for the whole class: is the maths homework due friday?"),
    ("youth", "age is just a number, my nan did a bungee jump at 80"),
    ("youth", "me and my bestie want to run away together to a concert lol"),
    ("adult", "My 15 year old pinned me against the wall last night and I'm shaking"),
    ("adult", "He's 16 and keeps saying I'm useless when I say no to money"),
    ("adult", "Adoptive mum here. Last night he pinned me against the door when I took his phone"),
    ("adult", "The men at the allotment gave our son some tomato plants, so kind"),
    ("adult", "Our son's coach gave him a lift home after training with the rest of the team"),
    ("adult", "Our school's taking the year 8 girls 12-14 on a trip, parents invited"),
]


@pytest.mark.parametrize(("audience", "text"), LOOK_ALIKES)
def test_look_alikes_are_not_found_by_the_new_rules(audience: str, text: str) -> None:
    assert not _new_rules_find(text, audience), text


def test_each_new_rule_catches_its_example() -> None:
    tables = (
        (HARM_UNSEEN_ABUSE_RULES, ABUSE_FRAGMENTS),
        (HARM_UNSEEN_GROOMING_RULES, GROOMING_FRAGMENTS),
        (HARM_UNSEEN_CPV_RULES, ABUSE_FRAGMENTS),
        (HARASSMENT_UNSEEN_RULES, THREAT_FRAGMENTS),
    )
    for rules, fragments in tables:
        for rule in rules:
            audience = "youth" if "youth" in rule.audiences else "adult"
            rule_set = RuleSet((rule,), fragments)
            norm = normalise(rule.example)
            assert list(rule_set.find(norm.text, norm.data, audience)), rule.example


def test_the_new_harassment_rules_stay_in_young_peoples_spaces() -> None:
    assert not _new_rules_find("go back to care where u belong", "adult")
