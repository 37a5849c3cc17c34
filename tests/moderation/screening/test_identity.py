"""Identity exposure: what would let a stranger find a child or a family (PRODUCT.md 2.7)."""

from __future__ import annotations

import pytest

from .conftest import ADULT, Screen, categories, found, labels


@pytest.mark.parametrize(
    ("text", "label", "piece"),
    [
        ("ring me on 07700 900461 tonight", "phone_number", "07700 900461"),
        ("it's 07700.900.461", "phone_number", "07700.900.461"),
        ("mobile +44 7700 900 318", "phone_number", "+44 7700 900 318"),
        ("call +44 (0)7911 123456", "phone_number", "+44 (0)7911 123456"),
        ("landline 0113 496 0827", "phone_number", "0113 496 0827"),
        ("my number 0 7 7 0 0 9 0 0 1 2 3", "phone_number", "0 7 7 0 0 9 0 0 1 2 3"),
        ("oh seven seven double oh nine double oh four five six", "phone_number",
         "oh seven seven double oh nine double oh four five six"),
        ("O77OO 9OO123", "phone_number", "O77OO 9OO123"),
        ("email jess.m@example.co.uk please", "email", "jess.m@example.co.uk"),
        ("it's jessm22 at gmail dot com", "email", "jessm22 at gmail dot com"),
        ("sam (at) ourfamily (dot) co (dot) uk", "email", "sam (at) ourfamily (dot) co (dot) uk"),
        ("we're at SW1A 1AA now", "postcode", "SW1A 1AA"),
        ("postcode ls62qt", "postcode", "ls62qt"),
        ("we live at 12 Acacia Avenue", "street_address", "12 Acacia Avenue"),
        ("Flat 3, 5 Park Road is ours", "street_address", "Flat 3, 5 Park Road"),
        ("we live on Maple Drive", "street_address", "live on Maple Drive"),
        ("she's at St Mary's Primary", "school_name", "St Mary's Primary"),
        ("year 7 at Oakfield Academy", "school_name", "Oakfield Academy"),
        ("he goes to Kings Road High School", "school_name", "Kings Road High School"),
        ("Hillside Infant School rang", "school_name", "Hillside Infant School"),
        ("@jess_x on insta", "social_handle", "@jess_x"),
        ("my snap is jess_x2011", "social_handle", "my snap is jess_x2011"),
        ("add me on snap", "off_platform", "add me on snap"),
        ("what's your insta", "off_platform", "what's your insta"),
        ("message me on WhatsApp", "off_platform", "message me on WhatsApp"),
        ("text me", "off_platform", "text me"),
    ],
)  # fmt: skip
def test_finds_identity_details(screen: Screen, text: str, label: str, piece: str) -> None:
    result = screen(text)
    assert label in labels(result, "identity_exposure")
    assert piece in found(result, "identity_exposure", text)


@pytest.mark.parametrize(
    "text",
    [
        "we're in the SW1 area",  # an outward code is a district, not a home
        "court date is 12/03/2025 at 10am",
        "we got £1,250 from the fund",
        "he starts Year 7 in September",
        "call Childline on 0800 1111",  # an organisation's number, not a person's
        "ref 4412 9983 21 on the letter",
        "my son's school has been great about his EHCP",
        "forest school on Fridays",
        "she hates school at the moment",
        "walked 3 miles down the lane",
        "my insta is private",
        "call me old fashioned but no phones at bedtime",
        "@sarah thank you, that helps",  # a mention of a member, no platform named
        "she said she'd text me the details later",
        "I could meet you at 3pm",
    ],
)
def test_ordinary_talk_is_not_identity(screen: Screen, text: str) -> None:
    assert "identity_exposure" not in categories(screen(text))


def test_protected_terms_whole_word_and_case_insensitive(screen: Screen) -> None:
    text = "KAYDEN's birth dad and Kaydenville are not the same"
    result = screen(text, protected_terms=("Kayden", "Shannon  Doyle"))
    assert found(result, "identity_exposure", text) == ["KAYDEN"]
    text = "her mum, shannon doyle, rang"
    assert found(screen(text, protected_terms=("Shannon Doyle",)), "identity_exposure", text) == [
        "shannon doyle"
    ]


def test_protected_terms_through_lookalike_characters(screen: Screen) -> None:
    text = "K\u0430yden is doing well"  # a Cyrillic "а"
    result = screen(text, protected_terms=("Kayden",))
    assert found(result, "identity_exposure", text) == ["K\u0430yden"]


def test_adult_hold_p2_youth_hold_p1(screen: Screen) -> None:
    adult = screen("ring me on 07700 900461")
    youth = screen("ring me on 07700 900461", "youth")
    assert (adult.verdict, adult.priority) == ("hold", 2)
    assert (youth.verdict, youth.priority) == ("hold", 1)


def test_spans_point_into_the_original_text_after_folding(screen: Screen) -> None:
    text = "\U0001f600 ring me \u2014 07700\u00a0900461 \u200bok"
    result = screen(text)
    assert found(result, "identity_exposure", text)[-1] == "07700\u00a0900461"


# Issue #12: a handle recognised by its shape next to "add me", a platform or a gamer tag, however the
# sentence is built; everyday words in the same places are not handles.
@pytest.mark.parametrize(
    "text",
    [
        "add me: sunny.days_22",
        "on snap too, milly.rose.x",
        "mines ghostfox_99 on steam",
        "tag is pixel.panda",
    ],
)
def test_a_handle_by_its_shape(screen: Screen, text: str) -> None:
    assert "identity_exposure" in categories(screen(text, "youth"))


@pytest.mark.parametrize("text", ["add me on here instead", "my tag is private", "i play on steam a lot"])
def test_not_a_handle_by_its_shape(text: str) -> None:
    from moderation.screening.identity import IdentityExposure
    from moderation.screening.text import normalise
    from moderation.screening.types import Doc, ScreenInput

    from .conftest import TEEN

    doc = Doc(ScreenInput(text, "youth", TEEN), normalise(text))
    assert not [h for h in IdentityExposure().scan(doc) if h.label == "social_handle"]


# A place named on purpose (an event's venue, shown only to the people going): its address is what it
# is for. The same address anywhere else in the text, and anything else in the venue, are still found.
EVENT = "Climbing day for teens\nHarnesses provided.\n{venue}\nStep-free; a quiet room is available."
VENUES = [
    "Community Centre, 14 High Street, Leeds LS1 4AB",
    "The Hub, 3 Mill Road, Bristol",
    "Room 2, Riverside Family Centre, 22 Station Road, York YO1 6HT",
    "Main hall at Oakfield Academy",
]


@pytest.mark.parametrize("venue", VENUES)
@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_an_address_in_the_place_named_on_purpose_is_allowed(
    screen: Screen, venue: str, audience: str
) -> None:
    text = EVENT.format(venue=venue)
    assert screen(text, audience, author=ADULT).verdict != "allow"  # without the place: an address
    assert screen(text, audience, author=ADULT, place=venue).verdict == "allow"


@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_the_place_allows_only_its_own_address(screen: Screen, audience: str) -> None:
    venue = "The Hub, 3 Mill Road, Bristol"
    elsewhere = "Climbing day\nI live at 12 Acacia Avenue, pop round after.\nThe Hub, 3 Mill Road, Bristol"
    held = screen(elsewhere, audience, author=ADULT, place=venue)
    pieces = found(held, "identity_exposure", elsewhere)
    assert any("12 Acacia Avenue" in piece for piece in pieces)
    assert not any("Mill Road" in piece for piece in pieces)
    number = "The Hub, 3 Mill Road, ring 07700 900461 when there"
    text = EVENT.format(venue=number)
    assert "phone_number" in labels(screen(text, audience, author=ADULT, place=number), "identity_exposure")
    # A place that is not in the text as given allows nothing: the text is screened whole.
    assert (
        screen(EVENT.format(venue=venue), audience, author=ADULT, place="Somewhere else").verdict != "allow"
    )
