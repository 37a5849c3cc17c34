"""One whole journey through the API alone, from the mentor's profile to a rematch."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from backend.accounts import service as accounts
from backend.core.db import db
from backend.notifications.models import Notification


def test_a_mentoring_journey_through_the_api(client: Any, cast: Any) -> None:
    mentor, seeker, worker = cast.mentor, cast.prospective, cast.agency_worker
    today = accounts.today()

    # The mentor describes their lived experience; the agency's worker vets and approves them.
    attrs = {
        "legal_routes": ["adoption"],
        "children": [{"age_at_placement": 4, "age_now": 15}],
        "needs": ["sibling_group", "school_exclusion"],
        "family_structure": ["lgbt"],
        "region": "North West",
        "languages": ["en"],
        "availability": ["weekday_evening"],
        "modes": ["online"],
    }
    made = client.put(
        "/api/v1/mentoring/profile",
        json={
            "offers": ["mentoring"],
            "attributes": attrs,
            "about": "Two brothers, now teens.",
            "capacity": 2,
        },
        headers=mentor.headers,
    )
    assert made.status_code == 201, made.json
    assert made.json["vetted_for"] == []
    again = client.put("/api/v1/mentoring/profile", json={"capacity": 2}, headers=mentor.headers)
    assert again.status_code == 200
    vetted = client.post(
        f"/api/v1/mentoring/profiles/{mentor.id}/vetting",
        json={
            "dbs_checked_on": (today - timedelta(days=30)).isoformat(),
            "training_completed_on": (today - timedelta(days=10)).isoformat(),
            "approved": True,
            "schemes": ["mentoring"],
        },
        headers=worker.headers,
    )
    assert vetted.status_code == 200, vetted.json
    assert vetted.json["vetted_for"] == ["mentoring"]

    # The prospective adopter asks, with preferences, and sees why the mentor is suggested.
    mine = {**attrs, "children": [], "needs": ["sibling_group"], "availability": ["weekend"]}
    assert (
        client.put("/api/v1/mentoring/profile", json={"attributes": mine}, headers=seeker.headers).status_code
        == 201
    )
    asked = client.post(
        "/api/v1/mentoring/requests",
        json={
            "scheme": "mentoring",
            "goals": "Preparing for a sibling placement.",
            "preferences": ["lives_near"],
            "needs": ["school_exclusion"],
            "stages": ["teenage"],
        },
        headers=seeker.headers,
    )
    assert asked.status_code == 201, asked.json
    request_id = asked.json["id"]
    found = client.get(f"/api/v1/mentoring/requests/{request_id}/suggestions", headers=seeker.headers)
    assert found.status_code == 200, found.json
    assert found.json["next_cursor"] is None
    [suggestion] = found.json["items"]
    assert suggestion["mentor"]["id"] == mentor.id
    assert suggestion["reasons"] == [
        "you share: adoption, sibling group, LGBT+ family",
        "lives in your region",
        "speaks en",
        "meets online",
        "has the experience you asked for: school exclusion, a teenager",
    ]
    assert 0 < suggestion["fit"] <= 100

    # Chosen, then accepted: active, a direct-message room opens, both are told.
    chosen = client.post(
        f"/api/v1/mentoring/requests/{request_id}/choose",
        json={"mentor_id": mentor.id},
        headers=seeker.headers,
    )
    assert chosen.status_code == 201, chosen.json
    match_id = chosen.json["id"]
    assert chosen.json["status"] == "chosen"
    accepted = client.post(f"/api/v1/mentoring/matches/{match_id}/accept", headers=mentor.headers)
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["status"] == "active"
    room_id = accepted.json["room_id"]
    rooms = client.get("/api/v1/rooms", headers=seeker.headers).json["items"]
    assert any(r["id"] == room_id and r["kind"] == "dm" for r in rooms)
    # Either may open the same room through chat (the match is their link).
    opened = client.post("/api/v1/rooms/dm", json={"user_id": mentor.id}, headers=seeker.headers)
    assert opened.status_code == 200 and opened.json["id"] == room_id
    for person in (mentor, seeker):
        told = db.session.scalars(select(Notification.title).where(Notification.user_id == person.id)).all()
        assert "Your mentoring match is active" in told, told

    # Sessions: the unit (6) brings the review.
    for n in range(6):
        logged = client.post(
            f"/api/v1/mentoring/matches/{match_id}/sessions",
            json={
                "held_on": (today - timedelta(days=7 * (6 - n))).isoformat(),
                "minutes": 60,
                "mode": "online",
                "notes": f"Session {n + 1}: talked about school.",
            },
            headers=mentor.headers if n % 2 else seeker.headers,
        )
        assert logged.status_code == 201, logged.json
    listed = client.get("/api/v1/mentoring/matches", headers=seeker.headers).json["items"]
    assert [m["status"] for m in listed] == ["review"]
    assert len(listed[0]["sessions"]) == 6 and listed[0]["sessions"][0]["notes"].startswith("Session 1")

    # The agency's worker sees the match, never the notes.
    staff_view = client.get("/api/v1/mentoring/matches", headers=worker.headers).json["items"]
    assert [m["id"] for m in staff_view] == [match_id]
    assert all("notes" not in s for s in staff_view[0]["sessions"])
    assert staff_view[0]["room_id"] is None

    # Closed with both sides' feedback; a rematch reopens the request for someone new.
    closed = client.post(
        f"/api/v1/mentoring/matches/{match_id}/close",
        json={"outcome": "rematch", "feedback": "Helpful, but we want a guardian's view."},
        headers=seeker.headers,
    )
    assert closed.status_code == 200 and closed.json["status"] == "closed"
    theirs = client.post(
        f"/api/v1/mentoring/matches/{match_id}/close",
        json={"outcome": "rematch", "feedback": "Good sessions."},
        headers=mentor.headers,
    )
    assert theirs.status_code == 200
    assert (theirs.json["mentor_feedback"], theirs.json["mentee_feedback"]) == (
        "Good sessions.",
        "Helpful, but we want a guardian's view.",
    )
    assert (
        client.post(
            f"/api/v1/mentoring/matches/{match_id}/close", json={"outcome": "rematch"}, headers=mentor.headers
        ).status_code
        == 409
    )
    # The closed match no longer links them for direct messages.
    assert (
        client.post("/api/v1/rooms/dm", json={"user_id": mentor.id}, headers=seeker.headers).status_code
        == 404
    )
    again = client.get(f"/api/v1/mentoring/requests/{request_id}/suggestions", headers=seeker.headers)
    assert again.status_code == 200 and again.json["items"] == []  # the same mentor is not offered again
