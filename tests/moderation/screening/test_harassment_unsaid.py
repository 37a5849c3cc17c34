"""Harassment with no insult or threat word, fourth set (tables/harassment_unsaid.py), and insult
words the writer condemns or feels: each concept with messages it must hold and look-alikes sharing
its words that it must leave alone. Written for these tests, not taken from the labelled files."""

from __future__ import annotations

import pytest

from .conftest import Screen, categories, labels

RULE_LABELS = {"threat", "belonging", "insult", "bullying", "hate", "incitement"}


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        # menace by knowledge or watching
        ("Careful now. We know a lot more about you than you think.", "adult"),
        ("my brother goes to your school, he'll find you", "youth"),
        ("I've got mates round your estate. Enjoy your evening.", "adult"),
        ("We'll be keeping an eye on you and your little family.", "adult"),
        ("u'll get what's coming to u", "youth"),
        ("wait by the chippy at 6 and you'll find out if I'm joking", "youth"),
        ("remember what happened to the last girl who snitched", "youth"),
        ("you better not be at the park on saturday", "youth"),
        ("Nice car. Be a shame if everyone found out where you park it.", "adult"),
        ("i know which bus u take home", "youth"),
        ("I know your road. Think on.", "adult"),
        ("if u show up at training u know what's coming", "youth"),
        ("id keep ur head down if i was u", "youth"),
        ("we're all going to ignore you at lunch", "youth"),
        ("leave my sister alone or else", "youth"),
        # a looked-after child's status made the taunt
        ("hope ur next foster home is even worse", "youth"),
        ("hope his next carers see right through him", "adult"),
        ("why did ur mum give u away then lol", "youth"),
        ("glasses and no parents, tragic", "youth"),
        ("just go back to the children's home", "youth"),
        ("that boy is damaged goods", "adult"),
        ("why not just send him back", "adult"),
        ("You got a trophy, not a child.", "adult"),
        ("Was fostering just a status symbol for you?", "adult"),
        ("his adoptive parents got a lemon there", "youth"),
        # contempt said politely
        ("She can hardly string two words together, bless.", "adult"),
        ("reading ur post killed my last brain cells", "youth"),
        ("crying on here is the only thing ur good at", "youth"),
        ("In person you're insufferable.", "adult"),
        ("shall I explain it to you again in small words", "adult"),
        ("so brave of u to go out looking like that", "youth"),
        ("the whole year hates you", "youth"),
        ("if u vanished nobody would notice", "youth"),
        ("ur not good at anything", "youth"),
        ("Her daughter's behaviour explains itself. Apple. Tree.", "adult"),
        ("doing a tier list of the fattest people in our form", "youth"),
        # shutting out and dogpiling
        ("everybody unfollow her rn", "youth"),
        ("everyone put a 🤡 under her latest pic", "youth"),
        ("we honestly don't want you in this chat", "youth"),
        ("some people can't tell when they're not wanted", "adult"),
        ("Another week, another of her pity party threads.", "adult"),
        ("started a petition to get Jordan kicked out of the team", "youth"),
        # coded hate
        ("88 and 1488, proud", "youth"),
        ("white power brother", "youth"),
        ("You'll never get it out of them, it's in the blood.", "adult"),
        ("They're all like that from that sort of family.", "adult"),
        # a child's family and status mocked, a parent blamed
        ("nobody ever wanted u anyway", "youth"),
        ("no one will ever love you, face it", "youth"),
        ("ever wondered why ur foster carers dont love u", "youth"),
        ("you're the reason your dad left", "youth"),
        ("short and adopted, unlucky mate", "youth"),
        ("her dad's in jail lmao", "youth"),
        ("If you'd been a proper mum he'd have turned out fine.", "adult"),
        ("ur sister smells like bins and u stink of wee", "youth"),
        ("'i'm upset' ... nobody asked", "youth"),
        ("cry more 😂", "youth"),
        ("kung flu boy", "youth"),
        ("take ur lunch back to ur own country", "youth"),
        ("imagine having 2 dads lol", "youth"),
        ("ur pronouns are it/its", "youth"),
        ("ur so cringe honestly", "youth"),
        ("trans girls shouldnt be in our changing rooms", "youth"),
        ("i just dont want a lesbian in our room on the trip", "youth"),
        ("they'll batter u after school if u carry on", "youth"),
        ("saw u crying on the bus, want me to tell everyone or will u", "youth"),
        ("oh sorry i forgot u were the main character", "youth"),
        ("u make everyone uncomfortable tbh", "youth"),
        # self-harm urged, obfuscated
        ("just k1ll ur s3lf", "youth"),
        ("k.y.s honestly", "youth"),
    ],
)
def test_unsaid_harassment_is_held(screen: Screen, text: str, audience: str) -> None:
    result = screen(text, audience)
    assert labels(result, "harassment") & RULE_LABELS, text
    assert result.verdict != "allow"


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        # fair disagreement and advice
        ("I'd ring the school again tomorrow if I were you, they have to reply.", "adult"),
        ("I'd stay home if I were you, that cold sounds awful.", "adult"),
        ("I hope her next placement is a good one, she deserves it.", "adult"),
        ("I know your street is lovely in spring, we used to walk there.", "adult"),
        ("I'll keep an eye on you after your op, don't worry.", "adult"),
        ("Tidy your room or else we'll be late for Nana's.", "adult"),
        ("she's not a project, she's my daughter", "adult"),
        ("we got a dud tumble dryer off marketplace", "adult"),
        ("we've got an apple tree in the garden", "adult"),
        ("making a tier list of the best crisps", "youth"),
        ("everyone comment congrats on her post, she passed her test!", "youth"),
        ("everyone unfollow that spam account", "youth"),
        ("I don't want you in pain, go and see the GP", "adult"),
        ("Do you need someone to read the letter to you? Happy to help.", "adult"),
        ("I'm not good at anything creative but I can bake", "adult"),
        ("Maybe if you'd had help sooner he wouldn't have struggled so much.", "adult"),
        ("your kitchen smells like fresh bread", "adult"),
        ("I know nobody asked, but look at my sunflowers", "youth"),
        ("I cry more at films since the adoption", "adult"),
        ("my laptop needs to just die already", "youth"),
        ("everyone report that scam account", "youth"),
        ("we had two mums at the party, both lovely", "youth"),
        ("trans kids shouldn't be scared at school", "youth"),
        ("they'll do you a discount if you ask at the till", "adult"),
        ("you make everyone feel welcome here", "adult"),
        # a taunt told or condemned by the one it was said to
        ("a boy at school called me damaged goods and i cried", "youth"),
        ("Adopted children are not damaged goods.", "adult"),
        ("how do I answer kids who ask 'why did ur mum give u away'?", "youth"),
        ("people keep writing 'k y s' under my friend's videos, we reported them", "youth"),
        # places, helplines, public services
        ("In 1488 Dias sailed round the Cape, we did it in history", "youth"),
        ("my cousin goes to the same uni as me", "youth"),
    ],
)
def test_unsaid_harassment_look_alikes_pass(screen: Screen, text: str, audience: str) -> None:
    assert not labels(screen(text, audience), "harassment") & RULE_LABELS, text


@pytest.mark.parametrize(
    ("condemned", "meant", "audience"),
    [
        ("please stop using 'r3tard' as an insult, my son has Down's", "shut up you r3tard", "youth"),
        ("don't say 'gyppo', it's a slur against Travellers", "go home gyppo", "adult"),
        ("Feeling like a failure tonight, the bedtime battle won again.", "you're a failure", "adult"),
        ("i feel like such an idiot for crying in class", "ur such an idiot", "youth"),
    ],
)
def test_a_word_condemned_or_felt_is_not_aimed(
    screen: Screen, condemned: str, meant: str, audience: str
) -> None:
    assert "harassment" not in categories(screen(condemned, audience)), condemned
    assert "harassment" in categories(screen(meant, audience)), meant


@pytest.mark.parametrize(
    ("told", "meant"),
    [
        ('"I\'m going to kill you!" - my 7yo to his sister over the last yoghurt', "I'm going to kill you"),
        ('Our daughter\'s "I know where you live" to the postman made us laugh', "I know where you live"),
    ],
)
def test_a_threat_quoted_with_who_said_it_is_a_story(screen: Screen, told: str, meant: str) -> None:
    assert "harassment" not in categories(screen(told, "adult")), told
    assert "harassment" in categories(screen(meant, "adult")), meant
