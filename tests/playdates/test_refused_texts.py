"""Refused texts in the finder and events leave queue items that name something real (issue #19).

Screening stores a refused text in moderation's queue before the app answers. A refused first playdate
profile is rolled back (nothing of the request is saved), so its item names the family's profile by
the owner's account id, which always exists and is never anyone else's. A refused event or playdate
invitation is kept as ``refused`` and never served, as groups keep a blocked thread: its item names a
stored row whose id is never reused. The hourly close of items about content never stored leaves all
of them open for a moderator.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select

from backend.accounts import personas as p
from backend.core.db import db, utcnow
from backend.events.models import Event
from backend.moderation_link import outbox, unstored
from backend.notifications.models import Notification
from backend.playdates.models import PlaydateInvitation, PlaydateProfile
from moderation.models import Evidence, QueueItem
from tests.events.helpers import event_body
from tests.factories import make_user
from tests.moderation_link.test_outbox import _items, _moderation_rows, _outbox, moderation_unreachable
from tests.playdates.helpers import HOME, profile_body, put_profile

REFUSED = "Meet me at the old boathouse"


def _block_rule(client: Any) -> None:
    added = client.post(
        "/api/v1/moderation/rules",
        json={"kind": "term", "value": "old boathouse", "action": "block", "priority": 1, "audience": "all"},
        headers=make_user(p.MODERATOR, dbs="in_date").headers,
    )
    assert added.status_code == 201, added.json


def _still_open_after_the_unstored_sweep(item: QueueItem) -> None:
    unstored.close_unstored(utcnow() + timedelta(hours=1))
    [after] = _moderation_rows(QueueItem, id=item.id)
    assert after.active and after.resolution is None


def test_a_refused_first_profile_names_the_family_not_a_rolled_back_row(client: Any) -> None:
    _block_rule(client)
    a, b = make_user(p.ADOPTER), make_user(p.ADOPTER)
    refused = client.put(
        "/api/v1/playdates/profile", json=profile_body(*HOME, about=REFUSED), headers=a.headers
    )
    assert refused.status_code == 422
    assert db.session.scalar(select(PlaydateProfile.id).where(PlaydateProfile.user_id == a.id)) is None
    [item] = _items("playdate_profile", a.id)
    assert item.author_id == a.id
    [evidence] = _moderation_rows(Evidence, item_id=item.id)
    assert evidence.content == REFUSED and evidence.verdict == "block"
    # Another family's profile takes whatever id the rolled-back one had; the item is not about it.
    other = put_profile(client, b).json
    other_id = db.session.scalar(select(PlaydateProfile.id).where(PlaydateProfile.user_id == b.id))
    assert other["handle"] and _items("playdate_profile", b.id) == []
    assert other_id is not None
    _still_open_after_the_unstored_sweep(item)
    # The same family's later, refused edit joins the same item (one subject: the family's profile).
    put_profile(client, a)
    again = client.put("/api/v1/playdates/profile", json={"about": REFUSED + " again"}, headers=a.headers)
    assert again.status_code == 422
    assert [i.id for i in _items("playdate_profile", a.id)] == [item.id]
    assert client.get("/api/v1/playdates/profile", headers=a.headers).json["about"] == ""


def test_a_refused_event_is_kept_unserved_under_the_id_its_item_names(client: Any) -> None:
    _block_rule(client)
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    adopter = make_user(p.ADOPTER)
    refused = client.post("/api/v1/events", json=event_body(venue=REFUSED), headers=worker.headers)
    assert refused.status_code == 422
    [kept] = db.session.scalars(select(Event).where(Event.organiser_id == worker.id)).all()
    assert kept.status == "refused"
    [item] = _items("event", kept.id)
    assert item.author_id == worker.id
    assert REFUSED in _moderation_rows(Evidence, item_id=item.id)[0].content
    # Served to nobody, the organiser included, in any form.
    for who in (worker, adopter):
        assert client.get(f"/api/v1/events/{kept.id}", headers=who.headers).status_code == 404
        assert client.get(f"/api/v1/events/{kept.id}.ics", headers=who.headers).status_code == 404
        assert client.post(f"/api/v1/events/{kept.id}/rsvp", headers=who.headers).status_code == 404
        assert client.get("/api/v1/events", headers=who.headers).json["items"] == []
    assert client.get(f"/api/v1/events/{kept.id}/attendance.csv", headers=worker.headers).status_code == 404
    assert client.post(f"/api/v1/events/{kept.id}/cancellation", headers=worker.headers).status_code == 404
    # The next event takes a new id.
    accepted = client.post("/api/v1/events", json=event_body(), headers=worker.headers)
    assert accepted.status_code == 201 and accepted.json["id"] != kept.id
    _still_open_after_the_unstored_sweep(item)


def test_a_refused_invitation_is_kept_unserved_and_the_family_is_not_told(client: Any) -> None:
    _block_rule(client)
    a, b = make_user(p.ADOPTER), make_user(p.ADOPTER)
    put_profile(client, a)
    handle = put_profile(client, b).json["handle"]
    start = utcnow() + timedelta(days=3)
    body = {
        "handle": handle,
        "venue_type": "park",
        "venue_details": REFUSED,
        "window_start": start.isoformat(),
        "window_end": (start + timedelta(hours=2)).isoformat(),
    }
    refused = client.post("/api/v1/playdates/invitations", json=body, headers=a.headers)
    assert refused.status_code == 422
    [kept] = db.session.scalars(select(PlaydateInvitation).where(PlaydateInvitation.from_id == a.id)).all()
    assert kept.status == "refused"
    [item] = _items("playdate_invitation", kept.id)
    assert item.author_id == a.id
    for who in (a, b):
        assert client.get("/api/v1/playdates/invitations", headers=who.headers).json["items"] == []
        assert client.get(f"/api/v1/playdates/invitations/{kept.id}", headers=who.headers).status_code == 404
    assert (
        client.post(f"/api/v1/playdates/invitations/{kept.id}/accept", headers=b.headers).status_code == 404
    )
    assert db.session.query(Notification).filter_by(user_id=b.id).count() == 0
    # A proposal with acceptable words still goes through.
    body["venue_details"] = "By the big slide"
    assert client.post("/api/v1/playdates/invitations", json=body, headers=a.headers).status_code == 201
    _still_open_after_the_unstored_sweep(item)


def test_a_refused_event_keeps_its_evidence_while_moderation_is_down(app: Flask, client: Any) -> None:
    _block_rule(client)
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    with moderation_unreachable(app):
        refused = client.post("/api/v1/events", json=event_body(venue=REFUSED), headers=worker.headers)
    assert refused.status_code == 422
    [kept] = db.session.scalars(select(Event).where(Event.organiser_id == worker.id)).all()
    [record] = _outbox()  # committed with the kept row
    assert (record.subject_type, record.subject_id, record.author_id) == ("event", str(kept.id), worker.id)
    assert outbox.deliver_due() == 1
    [item] = _items("event", kept.id)
    assert REFUSED in _moderation_rows(Evidence, item_id=item.id)[0].content
