"""The playdate finder through its API: opt-in, verified carers only, hiding, double opt-in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.accounts import personas as p
from backend.accounts.models import Block
from backend.core.db import db, utcnow
from backend.notifications.models import Notification
from backend.playdates import quiet
from backend.playdates.models import PlaydateProfile
from tests.factories import make_teen, make_user
from tests.playdates.helpers import HOME, handles, profile_body, put_profile


def _window(days: int = 3) -> dict[str, str]:
    start = utcnow() + timedelta(days=days)
    return {"window_start": start.isoformat(), "window_end": (start + timedelta(hours=2)).isoformat()}


def _invite(client: Any, who: Any, handle: str, **extra: Any) -> Any:
    body = {
        "handle": handle,
        "venue_type": "park",
        "venue_details": "By the big slide in the park",
        **_window(),
    }
    body.update(extra)
    return client.post("/api/v1/playdates/invitations", json=body, headers=who.headers)


def test_a_playdate_from_nothing_through_the_api(client: Any) -> None:
    """Two verified families turn the finder on, find each other, and one invitation, accepted,
    shares names and the venue and opens a direct message."""
    a, b = make_user(p.ADOPTER, name="Sam Adopter"), make_user(p.SPECIAL_GUARDIAN, name="Robin Guardian")
    # Off by default.
    assert client.get("/api/v1/playdates/profile", headers=a.headers).status_code == 404
    assert client.get("/api/v1/playdates/nearby", headers=a.headers).status_code == 409
    # Turning it on needs an explicit confirmation.
    refused = client.put(
        "/api/v1/playdates/profile", json=profile_body(*HOME, confirm=False), headers=a.headers
    )
    assert refused.status_code == 422 and "confirm" in refused.json["errors"]
    assert put_profile(client, a).status_code == 201
    assert put_profile(client, a, about="We love muddy walks").status_code == 200
    put_profile(client, b, HOME[0] + 0.01, HOME[1] + 0.01, age_bands=["5-7"])
    mine = client.get("/api/v1/playdates/profile", headers=a.headers).json
    assert (
        mine["visible"] is True
        and mine["age_bands"] == ["3-4", "5-7"]
        and mine["about"] == "We love muddy walks"
    )

    found = client.get("/api/v1/playdates/nearby?age_band=5-7&interest=animals", headers=a.headers).json
    assert found["next_cursor"] is None
    assert len(found["items"]) == 1
    family = found["items"][0]
    assert set(family) == {
        "handle",
        "area",
        "age_bands",
        "interests",
        "accessibility",
        "availability",
        "about",
    }
    assert family["area"] == "North West"
    assert "Robin" not in str(found)
    assert handles(client, a, "?age_band=0-2") == set()
    assert handles(client, a, "?interest=music") == set()

    sent = _invite(client, a, family["handle"], message="Fancy a play at the park?")
    assert sent.status_code == 201, sent.json
    assert sent.json["other"] is None and sent.json["venue_details"] is None
    assert _invite(client, a, family["handle"]).status_code == 200  # the same open proposal
    invitation_id = sent.json["id"]

    incoming = client.get("/api/v1/playdates/invitations", headers=b.headers).json["items"]
    assert [i["id"] for i in incoming] == [invitation_id]
    assert incoming[0]["direction"] == "incoming" and incoming[0]["venue_type"] == "park"
    assert incoming[0]["other"] is None and incoming[0]["venue_details"] is None
    assert incoming[0]["family"]["age_bands"] == ["3-4", "5-7"]
    assert "Sam" not in str(incoming)
    told = db.session.query(Notification).filter_by(user_id=b.id, category="playdates").all()
    assert len(told) == 1 and "Sam" not in told[0].title + told[0].body

    accepted = client.post(f"/api/v1/playdates/invitations/{invitation_id}/accept", headers=b.headers)
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["other"]["display_name"] == "Sam Adopter"
    assert accepted.json["venue_details"] == "By the big slide in the park"
    room_id = accepted.json["chat_room_id"]
    assert room_id is not None
    seen_by_a = client.get(f"/api/v1/playdates/invitations/{invitation_id}", headers=a.headers).json
    assert seen_by_a["status"] == "accepted" and seen_by_a["other"]["display_name"] == "Robin Guardian"
    assert seen_by_a["chat_room_id"] == room_id
    # The direct message is open to both, through chat's own API.
    rooms = client.get("/api/v1/rooms", headers=a.headers).json["items"]
    assert room_id in [r["id"] for r in rooms]
    assert client.get(f"/api/v1/rooms/{room_id}/messages", headers=b.headers).status_code == 200
    # Answering twice is a conflict.
    assert (
        client.post(f"/api/v1/playdates/invitations/{invitation_id}/decline", headers=b.headers).status_code
        == 409
    )
    # Turning off forgets the profile.
    assert client.delete("/api/v1/playdates/profile", headers=a.headers).status_code == 204
    assert client.get("/api/v1/playdates/profile", headers=a.headers).status_code == 404
    assert handles(client, b) == set()


def test_a_decline_is_silent(client: Any) -> None:
    a, b = make_user(p.ADOPTER), make_user(p.ADOPTER)
    put_profile(client, a)
    handle = put_profile(client, b).json["handle"]
    invitation_id = _invite(client, a, handle).json["id"]
    before = db.session.query(Notification).filter_by(user_id=a.id).count()
    assert (
        client.post(f"/api/v1/playdates/invitations/{invitation_id}/decline", headers=b.headers).status_code
        == 204
    )
    seen = client.get(f"/api/v1/playdates/invitations/{invitation_id}", headers=a.headers).json
    assert seen["status"] == "pending" and seen["other"] is None and seen["chat_room_id"] is None
    assert db.session.query(Notification).filter_by(user_id=a.id).count() == before
    # No direct message opens without an accepted invitation.
    opened = client.post("/api/v1/rooms/dm", json={"user_id": b.id}, headers=a.headers)
    assert opened.status_code == 404
    # Proposing again answers the same (silently declined) proposal, so the decline stays hidden.
    again = _invite(client, a, handle)
    assert again.status_code == 200 and again.json["id"] == invitation_id


def test_hidden_and_blocked_families_never_see_each_other(client: Any) -> None:
    a, b, c = make_user(p.ADOPTER), make_user(p.ADOPTER), make_user(p.SPECIAL_GUARDIAN)
    ha, hb, hc = (put_profile(client, x).json["handle"] for x in (a, b, c))
    assert handles(client, a) == {hb, hc}
    # C hides from A: neither sees the other, and nothing can be sent either way.
    assert client.post(f"/api/v1/playdates/hidden/{a.id}", headers=c.headers).status_code == 204
    assert handles(client, a) == {hb}
    assert handles(client, c) == {hb}
    assert _invite(client, a, hc).status_code == 404
    assert _invite(client, c, ha).status_code == 404
    assert client.delete(f"/api/v1/playdates/hidden/{a.id}", headers=c.headers).status_code == 204
    assert client.delete(f"/api/v1/playdates/hidden/{a.id}", headers=c.headers).status_code == 404
    assert handles(client, a) == {hb, hc}
    # A block hides without the family doing anything, both ways.
    db.session.add(Block(blocker_id=b.id, blocked_id=a.id))
    db.session.commit()
    assert handles(client, a) == {hc}
    assert handles(client, b) == {hc}
    # An invitation already sent disappears for both once they are kept apart.
    invitation = _invite(client, c, hb).json["id"]
    assert client.post(f"/api/v1/playdates/hidden/{c.id}", headers=b.headers).status_code == 204
    assert client.get(f"/api/v1/playdates/invitations/{invitation}", headers=b.headers).status_code == 404
    assert (
        client.post(f"/api/v1/playdates/invitations/{invitation}/accept", headers=b.headers).status_code
        == 404
    )


def test_young_people_and_unverified_carers_cannot_use_the_finder(client: Any) -> None:
    adopter = make_user(p.ADOPTER)
    put_profile(client, adopter)
    teen = make_teen(adopter)
    unverified = make_user(p.ADOPTER, verified=False)
    for who in (teen, unverified, make_user(p.ADULT_ADOPTEE), make_user(p.AGENCY_WORKER, dbs="in_date")):
        for method, path, body in (
            ("PUT", "/api/v1/playdates/profile", profile_body(*HOME)),
            ("GET", "/api/v1/playdates/profile", None),
            ("GET", "/api/v1/playdates/nearby", None),
            ("POST", f"/api/v1/playdates/hidden/{adopter.id}", None),
        ):
            response = client.open(path, method=method, json=body, headers=who.headers)
            assert response.status_code == 404, (who.user.persona, path, response.status_code)
    # A family whose verification is withdrawn drops out of everyone's results at once.
    other = make_user(p.ADOPTER)
    put_profile(client, other)
    assert len(handles(client, adopter)) == 1
    other.user.family.verified_at = None
    db.session.commit()
    assert handles(client, adopter) == set()


def test_invitations_are_rate_limited(app: Any, client: Any) -> None:
    app.config["RATE_LIMIT_PLAYDATE_INVITATION"] = "2/hour"
    a = make_user(p.ADOPTER)
    put_profile(client, a)
    targets = [put_profile(client, make_user(p.ADOPTER)).json["handle"] for _ in range(3)]
    statuses = [_invite(client, a, h).status_code for h in targets]
    assert statuses == [201, 201, 429]


def test_a_refused_text_is_not_saved(client: Any) -> None:
    a = make_user(p.ADOPTER)
    response = client.put(
        "/api/v1/playdates/profile",
        json=profile_body(*HOME, about="I want to kill myself tonight"),
        headers=a.headers,
    )
    assert response.status_code == 422
    assert client.get("/api/v1/playdates/profile", headers=a.headers).status_code == 404


def test_profiles_go_quiet_after_a_notice(app: Any, client: Any) -> None:
    app.config.update(PLAYDATES_QUIET_AFTER_DAYS=30, PLAYDATES_QUIET_NOTICE_DAYS=7)
    a, b = make_user(p.ADOPTER), make_user(p.ADOPTER)
    put_profile(client, a)
    hb = put_profile(client, b).json["handle"]
    profile = db.session.query(PlaydateProfile).filter_by(user_id=b.id).one()
    profile.last_active_at = utcnow() - timedelta(days=25)
    db.session.commit()
    assert quiet.run() == (1, 0)  # told first
    assert quiet.run() == (0, 0)  # once
    notices = db.session.query(Notification).filter_by(user_id=b.id, category="playdates").all()
    assert len(notices) == 1
    assert handles(client, a) == {hb}
    # A week on, with no use: hidden.
    assert quiet.run(utcnow() + timedelta(days=8)) == (0, 1)
    assert handles(client, a) == set()
    assert client.get("/api/v1/playdates/profile", headers=b.headers).json["visible"] is False
    # Using the finder again: turning it back on needs the confirmation again.
    assert put_profile(client, b).status_code == 200
    assert handles(client, a) == {hb}


def test_coordinates_are_checked(client: Any) -> None:
    a = make_user(p.ADOPTER)
    for bad in ({"latitude": 91, "longitude": 0}, {"latitude": 53.0}, {"latitude": "x", "longitude": 1}):
        body = {**profile_body(*HOME), **bad}
        if "longitude" not in bad:
            body.pop("longitude")
        response = client.put("/api/v1/playdates/profile", json=body, headers=a.headers)
        assert response.status_code == 422, bad
