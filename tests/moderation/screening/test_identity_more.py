"""Identity exposure said around the plain forms (identity_more.py): each concept with messages it
must hold and look-alikes it must leave alone (public pages, helplines, towns, the Virtual School,
public services on a named street). Written for these tests, not taken from the labelled files."""

from __future__ import annotations

import pytest

from .conftest import Screen, categories, labels


@pytest.mark.parametrize(
    ("text", "audience", "label"),
    [
        # a page that is someone's
        ("my shop is at etsy.com/shop/wrensnest_makes", "adult", "social_handle"),
        ("pics of the kids are on instagram dot com slash the_oakes_five", "adult", "social_handle"),
        ("we blog at kinshipnanna dot wordpress dot com", "adult", "social_handle"),
        ("linktr.ee/jojo.sketches for all my stuff", "youth", "social_handle"),
        ("our site: www(.)fosteringwithfreddie(.)com", "adult", "social_handle"),
        ("join the chat: chat.whatsapp.com/Hq72KdLp", "adult", "social_handle"),
        # a handle on another platform, or a name to search for
        ("i post on tiktok as moth.and.moon", "youth", "social_handle"),
        ("snap me x its lottie_b09", "youth", "social_handle"),
        ("my vsco is peachy.days", "youth", "social_handle"),
        ("add me, gamer#2210", "youth", "social_handle"),
        ("I'm u/kinship_nan_3 if anyone wants to chat", "adult", "social_handle"),
        ("follow me on Instagram, I'm Grace Pemberton-Hale", "adult", "social_handle"),
        ("my channel is called 'Bramble and Bear Family'", "adult", "social_handle"),
        # an email spelled out, a number in pieces
        ("t o m . h a y e s 7 @ h o t m a i l . c o m", "adult", "email"),
        ("first half is 07801", "youth", "phone_number"),
        ("oh seven nine double one", "youth", "phone_number"),
        ("07911 then 123 then 456", "youth", "phone_number"),
        ("my mobile ends in 443 219", "adult", "phone_number"),
        # where someone is found
        ("We're the end terrace on Mulberry Lane with the blue van", "adult", "street_address"),
        ("I walk the kids along Fenwick Road every morning", "adult", "street_address"),
        ("you're at Laurel Close, aren't you", "adult", "street_address"),
        ("Our youngest is at St Aidan's in Year 2", "adult", "school_name"),
        ("my lad just started at Moorfield Secondary", "adult", "school_name"),
        ("that kid got excluded from Ridgeway for fighting", "adult", "school_name"),
        ("'SunnyDad' on here is actually Mark Ellison", "adult", "real_name"),
        # a name given with its platform, a year or form with the school, a child located by school
        ("I'm Dana Whitlock on Facebook if anyone wants to add me", "adult", "social_handle"),
        ("I'm on Facebook under my maiden name, Lisa Farrow.", "adult", "social_handle"),
        ("i'm in year 8 at Holmewood, anyone else?", "youth", "school_name"),
        ("im in 9K at Rowley, come find me", "youth", "school_name"),
        ("Our boy, 12, goes to St Wilfrid's in Hadley", "adult", "school_name"),
        # a home placed by a landmark, a cul-de-sac off a named road
        ("we live just behind St Chad's church, green gate", "adult", "street_address"),
        ("we live in the little close off Beech Road, 4th house", "adult", "street_address"),
        # digits written as letters or misspelt words, an email in words
        ("O7 8OO 9OO S5I", "youth", "phone_number"),
        ("oh seven niner double oh, fife fife two, one two three", "youth", "phone_number"),
        ("zero seven. seven double zero. nine hundred. then one two three.", "youth", "phone_number"),
        ("Email is sam underscore reid at live dot ie", "adult", "email"),
        # where a young person is now, with an invitation
        ("im at the Kingsgate centre costa now, come say hi!", "youth", "location"),
    ],
)
def test_identity_said_around_the_plain_forms(screen: Screen, text: str, audience: str, label: str) -> None:
    result = screen(text, audience)
    assert label in labels(result, "identity_exposure"), text
    assert result.verdict != "allow"


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("Our kinship group is facebook.com/groups/kinshipcarersuk if you want it", "adult"),
        ("The rules are on gov.uk, or ring the NSPCC helpline", "adult"),
        ("The Virtual School is on Church Street next to the library", "adult"),
        ("The council offices on Station Road have moved", "adult"),
        ("we moved to Leeds in year 2 of the placement", "adult"),
        ("the kids at Center Parcs had a great week", "adult"),
        ("my son's secondary has been brilliant about his EHCP", "adult"),
        ("we had lunch then 3 hours at the park then home", "adult"),
        ("the offer ends 14 June", "adult"),
        ("my insta is just for close family", "adult"),
        ("someone called a girl ugly on her video and i reported it", "youth"),
        ("She wants to be on my Facebook like her friends", "adult"),
        ("someone asked for my number so I blocked them", "youth"),
        ("The grandkids call me 'old man pill box' now", "adult"),
        ("we live in a small town near the coast", "adult"),
        ("I'm Sure it will all be fine on Facebook", "adult"),
        ("my son is at Cubs tonight", "adult"),
        ("our kids are at Grandma's for the weekend", "adult"),
        ("we live opposite the park", "adult"),
        ("i have 2 dogs and 3 cats and 1 hamster and 4 fish", "youth"),
        ("I'll be at the stay and play Saturday, come say hi", "adult"),
        ("Let's do the group meet at the Winter Gardens sometime", "adult"),
        # A school's kind without a capitalised name is the stage, not a school.
        ("Starting secondary: how did the first weeks go?", "adult"),
        ("Starting secondary school next week and im bricking it", "youth"),
        ("Moving up to juniors went better than we feared", "adult"),
    ],
)
def test_identity_look_alikes_pass(screen: Screen, text: str, audience: str) -> None:
    assert "identity_exposure" not in categories(screen(text, audience)), text
