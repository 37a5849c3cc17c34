"""Display names cannot impersonate staff or a helpline, however they are spelled; what is stored is
the cleaned name; staff are marked by the server's ``role`` field."""

from __future__ import annotations

from typing import Any

import pytest

from backend.accounts import display_names
from tests.factories import years_ago

RLO, PDF, ZWSP, ZWJ, LRI, PDI, SHY, BOM = (
    "\u202e",
    "\u202c",
    "\u200b",
    "\u200d",
    "\u2066",
    "\u2069",
    "\xad",
    "\ufeff",
)

IMPERSONATIONS = [
    # the issue's own examples
    "Jo (moderator)",
    "Lee (safeguarding lead)",
    "Childline",
    # plain variants
    "Jo - Moderator",
    "JoModerator",
    "MODERATOR JO",
    "Jo the mod",
    "Jo [Mod]",
    "mods",
    "Admin",
    "Site admin Jo",
    "Lee DSL",
    "Lee, Designated Safeguarding Lead",
    "Safeguarding team",
    "Staff: Jo",
    "Official account",
    "Support Team",
    "Samaritans",
    "NSPCC helpline",
    "Police officer Dan",
    "Childline 0800 1111",
    "Trust & Safety",
    "Administrator",
    "Jo (moderation)",
    # punctuation and spacing inside the word
    "J.o M-o-d-e-r-a-t-o-r",
    "m o d e r a t o r",
    "Child_line",
    "N.S.P.C.C",
    # digits and symbols for letters
    "M0d3rat0r",
    "Jo m0d",
    "adm1n",
    "Ch1ldl1ne",
    "$amaritans",
    "Saf3guard1ng lead",
    # accents
    "Jo (Mödérâtör)",
    "Chíldlíne",
    # Cyrillic and Greek look-alikes
    "Jo (mоdеrаtоr)",  # Cyrillic о е а
    "Jo (МОDЕRАТОR)",  # Cyrillic capitals
    "Сhildline",  # Cyrillic С
    "Јо (mod)",  # Cyrillic Ј о, then a plain mod
    "Jo (ΜΟDΕRΑΤΟR)",  # Greek capitals
    "Jo (αdmin)",  # Greek alpha
    "Ѕаmаritаns",
    "рolice",  # Cyrillic р
    "Jo (ᴍᴏᴅᴇʀᴀᴛᴏʀ)",  # small capitals
    # invisible and direction-changing characters
    f"Jo (mod{ZWSP}erator)",
    f"Jo (mod{ZWJ}erator)",
    f"Child{SHY}line",
    f"{BOM}Samaritans",
    f"Jo ({LRI}moderator{PDI})",
    f"Jo {RLO}(moderator){PDF}",
    f"Jo m{ZWSP}o{ZWSP}d",
    # compatibility forms NFKC folds
    "Ｊｏ （ｍｏｄｅｒａｔｏｒ）",  # fullwidth
    "𝐉𝐨 (𝐦𝐨𝐝𝐞𝐫𝐚𝐭𝐨𝐫)",  # mathematical bold
    "ⓜⓞⓓⓔⓡⓐⓣⓞⓡ",  # circled
]

ORDINARY = [
    "Jo",
    "Modupe",
    "Badminton Bea",
    "Staffordshire Sam",
    "Amanda",
    "Sam (adopter)",
    "Pat, special guardian",
    "Chris the gardener",
    "Zoë",
    "Ana María",
    "Дмитрий",  # a real Cyrillic name
    "Αλέξανδρος",  # a real Greek name
    "Team Smith",
    "Polly",
    "Ollie 77",
]


def patch_name(client: Any, persona: Any, name: str) -> Any:
    return client.patch("/api/v1/me", json={"display_name": name}, headers=persona.headers)


@pytest.mark.parametrize("name", IMPERSONATIONS)
def test_the_rule_refuses_every_impersonation(name: str) -> None:
    assert display_names.claims_staff(name), (name, display_names.skeletons(name))


@pytest.mark.parametrize("name", ORDINARY)
def test_the_rule_keeps_ordinary_names(name: str) -> None:
    assert not display_names.claims_staff(name), (name, display_names.skeletons(name))


def test_impersonating_names_are_refused_through_the_api(client: Any, cast: Any) -> None:
    before = client.get("/api/v1/me", headers=cast.adopter.headers).json["display_name"]
    for name in IMPERSONATIONS:
        response = patch_name(client, cast.adopter, name)
        assert response.status_code == 422, (name, response.json)
        assert response.json["code"] == 422 and list(response.json["errors"]) == ["display_name"], name
    # Staff too: a real moderator is marked by the server, not by their name.
    assert patch_name(client, cast.moderator, "Jo (moderator)").status_code == 422
    assert client.get("/api/v1/me", headers=cast.adopter.headers).json["display_name"] == before
    for name in ORDINARY:  # one person each: screening's flood rule counts a person's changes
        response = patch_name(client, cast.fresh("adopter"), name)
        assert response.status_code == 200 and response.json["display_name"] == name, (name, response.json)


def test_registration_refuses_them_too(client: Any) -> None:
    body = {
        "email": "jo@test.example",
        "password": "a sensible long passphrase",
        "date_of_birth": years_ago(30).isoformat(),
        "persona": "adopter",
    }
    refused = client.post("/api/v1/accounts", json={**body, "display_name": "Jo (mоderator)"})
    assert refused.status_code == 422 and "display_name" in refused.json["errors"]
    assert client.post("/api/v1/accounts", json={**body, "display_name": "Jo"}).status_code == 202


def test_the_stored_name_is_the_cleaned_one(client: Any, cast: Any) -> None:
    response = patch_name(client, cast.adopter, f"  Ｊo{ZWSP}  {RLO}Smith{PDF} ")
    assert response.status_code == 200 and response.json["display_name"] == "Jo Smith"
    invisible = patch_name(client, cast.adopter, f"{ZWSP}{RLO}{ZWJ}")
    assert invisible.status_code == 422 and "display_name" in invisible.json["errors"]


def test_staff_are_marked_by_the_server(client: Any, cast: Any) -> None:
    staff = client.get(f"/api/v1/users/{cast.moderator.id}", headers=cast.adopter.headers).json
    assert staff["role"] == "moderator"
    peer = client.get(f"/api/v1/users/{cast.adopter2.id}", headers=cast.adopter.headers).json
    assert peer["role"] is None
