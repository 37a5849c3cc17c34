"""Events through their API: audiences, capacity and the waitlist, reminders, attendance, calendar."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from backend.accounts import personas as p
from backend.core.db import db, utcnow
from backend.events import files, reminders
from backend.events.models import Event
from backend.notifications.models import Notification
from tests.events.helpers import create_event, event_body
from tests.factories import make_teen, make_user


def test_an_event_from_nothing_through_the_api(client: Any) -> None:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    a, b, c = (
        make_user(p.ADOPTER, name="Ann"),
        make_user(p.SPECIAL_GUARDIAN, name="Bea"),
        make_user(p.ADOPTER),
    )
    event = create_event(client, worker)
    event_id = event["id"]
    assert event["venue"] == "St Mary's Hall, Church Lane"  # the organiser sees it
    assert event["timezone"] == "Europe/London" and event["attendance"] == []

    listed = client.get("/api/v1/events", headers=a.headers).json["items"]
    assert [e["id"] for e in listed] == [event_id]
    assert listed[0]["venue"] is None and listed[0]["online_link"] is None  # not going yet

    first = client.post(f"/api/v1/events/{event_id}/rsvp", headers=a.headers)
    assert first.status_code == 201 and first.json["my_rsvp"] == {
        "status": "going",
        "waitlist_position": None,
    }
    assert first.json["venue"] == "St Mary's Hall, Church Lane"
    assert client.post(f"/api/v1/events/{event_id}/rsvp", headers=a.headers).status_code == 200
    assert (
        client.post(f"/api/v1/events/{event_id}/rsvp", headers=b.headers).json["my_rsvp"]["status"] == "going"
    )
    waiting = client.post(f"/api/v1/events/{event_id}/rsvp", headers=c.headers).json
    assert waiting["my_rsvp"] == {"status": "waitlisted", "waitlist_position": 1}
    assert waiting["venue"] is None and waiting["going"] == 2 and waiting["waiting"] == 1

    # The organiser sees who is coming; a carer does not.
    seen = client.get(f"/api/v1/events/{event_id}", headers=worker.headers).json
    assert [(x["display_name"], x["status"]) for x in seen["attendance"]][:2] == [
        ("Ann", "going"),
        ("Bea", "going"),
    ]
    assert client.get(f"/api/v1/events/{event_id}", headers=a.headers).json["attendance"] is None

    # A cancellation promotes the first person waiting, who is told.
    assert client.delete(f"/api/v1/events/{event_id}/rsvp", headers=a.headers).status_code == 204
    promoted = client.get(f"/api/v1/events/{event_id}", headers=c.headers).json
    assert promoted["my_rsvp"]["status"] == "going" and promoted["venue"] is not None
    told = db.session.query(Notification).filter_by(user_id=c.id, category="events").all()
    assert len(told) == 1
    assert client.delete(f"/api/v1/events/{event_id}/rsvp", headers=a.headers).status_code == 404

    exported = client.get(f"/api/v1/events/{event_id}/attendance.csv", headers=worker.headers)
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert sorted((r["attendee"], r["status"]) for r in rows) == sorted(
        [("Bea", "going"), (c.user.display_name, "going")]
    )
    assert client.get(f"/api/v1/events/{event_id}/attendance.csv", headers=b.headers).status_code == 404

    ics = client.get(f"/api/v1/events/{event_id}.ics", headers=b.headers)
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    text = ics.get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "LOCATION:St Mary's Hall\\, Church Lane\r\n" in text
    assert "DTSTART:" in text and "UID:event-" in text
    # Someone not going gets the area, never the venue.
    outsider = make_user(p.ADOPTER)
    assert "St Mary" not in client.get(f"/api/v1/events/{event_id}.ics", headers=outsider.headers).get_data(
        as_text=True
    )


def test_teen_activity_days_are_for_young_people(client: Any) -> None:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    no_dbs = make_user(p.AGENCY_WORKER)
    adopter = make_user(p.ADOPTER)
    teen = make_teen(adopter)
    body = {"kind": "activity_day", "title": "Climbing day for teens", "audience": "young_people"}
    refused = client.post("/api/v1/events", json=event_body(**body), headers=no_dbs.headers)
    assert refused.status_code == 422
    event = create_event(client, worker, **body)
    assert client.get(f"/api/v1/events/{event['id']}", headers=teen.headers).status_code == 200
    assert client.post(f"/api/v1/events/{event['id']}/rsvp", headers=teen.headers).status_code == 201
    for adult in (adopter, no_dbs, make_user(p.ADULT_ADOPTEE)):
        assert client.get(f"/api/v1/events/{event['id']}", headers=adult.headers).status_code == 404
        assert client.post(f"/api/v1/events/{event['id']}/rsvp", headers=adult.headers).status_code == 404
        assert event["id"] not in [
            e["id"] for e in client.get("/api/v1/events", headers=adult.headers).json["items"]
        ]
    # Carers' events are not for young people.
    carers = create_event(client, worker)
    assert client.get(f"/api/v1/events/{carers['id']}", headers=teen.headers).status_code == 404
    # The export numbers young people; it never names them.
    exported = client.get(f"/api/v1/events/{event['id']}/attendance.csv", headers=worker.headers).get_data(
        as_text=True
    )
    assert teen.user.display_name not in exported and "Attendee 1" in exported
    # Young people cannot organise.
    assert client.post("/api/v1/events", json=event_body(**body), headers=teen.headers).status_code == 404


def test_carers_cannot_organise_without_leading_a_group(client: Any) -> None:
    adopter = make_user(p.ADOPTER)
    assert client.post("/api/v1/events", json=event_body(), headers=adopter.headers).status_code == 404


def test_reminders_the_day_before_go_once(app: Any, client: Any) -> None:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    a, b = make_user(p.ADOPTER), make_user(p.ADOPTER)
    event = create_event(client, worker, capacity=1)
    for who in (a, b):
        client.post(f"/api/v1/events/{event['id']}/rsvp", headers=who.headers)
    row = db.session.get(Event, event["id"])
    assert row is not None
    assert reminders.run() == 0  # ten days ahead: not yet
    the_day_before = row.starts_at - timedelta(hours=20)
    assert reminders.run(the_day_before) == 1  # the one going, not the one waiting
    assert reminders.run(the_day_before) == 0
    assert reminders.run(the_day_before + timedelta(hours=1)) == 0
    told = db.session.query(Notification).filter_by(category="events").all()
    assert [n.user_id for n in told] == [a.id]
    assert "Saturday stay and play" in told[0].body


def test_online_events_and_bad_input(client: Any) -> None:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    online = create_event(
        client, worker, kind="webinar", venue="", online_link="https://meet.example.org/abc"
    )
    assert online["online_link"] == "https://meet.example.org/abc"
    for bad in (
        {"venue": "", "online_link": ""},
        {"capacity": 0},
        {"kind": "rave"},
        {"starts_at": (utcnow() - timedelta(days=1)).isoformat()},
        {"online_link": "javascript:alert(1)"},
        {"ends_at": "2020-01-01T00:00:00"},
    ):
        response = client.post("/api/v1/events", json=event_body(**bad), headers=worker.headers)
        assert response.status_code == 422, (bad, response.status_code)


def test_a_venue_is_given_with_its_full_address(client: Any) -> None:
    """The venue is shown only to people going, and its street address and postcode are what it is
    for: screening does not read them as identity exposure. The same address in the description,
    or a phone number in the venue, still refuses the event."""
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    venue = "Riverside Family Centre, 22 Station Road, York YO1 6HT"
    for audience in ("carers", "young_people"):
        event = create_event(client, worker, audience=audience, kind="activity_day", venue=venue)
        assert event["venue"] == venue
    for bad in (
        {"description": "Come to 22 Station Road, York YO1 6HT, my house."},
        {"venue": "Riverside Family Centre, ring 07700 900461 at the door"},
    ):
        response = client.post("/api/v1/events", json=event_body(**bad), headers=worker.headers)
        assert response.status_code == 422, (bad, response.json)
        assert response.json["message"] == "Event not accepted"


def test_times_without_an_offset_are_london_time(client: Any) -> None:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    event = create_event(client, worker, starts_at="2031-07-01T10:00:00", ends_at="2031-07-01T12:00:00")
    assert event["starts_at"] == "2031-07-01T10:00:00+01:00"  # British Summer Time
    ics = client.get(f"/api/v1/events/{event['id']}.ics", headers=worker.headers).get_data(as_text=True)
    assert "DTSTART:20310701T090000Z\r\n" in ics


def test_calendar_text_is_escaped_and_folded() -> None:
    assert files.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 100
    folded = files.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def test_an_organiser_cancels_an_event(client: Any) -> None:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    a, b, c = make_user(p.ADOPTER), make_user(p.SPECIAL_GUARDIAN), make_user(p.ADOPTER)
    event_id = create_event(client, worker, capacity=1)["id"]
    for who in (a, b, c):
        assert client.post(f"/api/v1/events/{event_id}/rsvp", headers=who.headers).status_code == 201
    assert client.delete(f"/api/v1/events/{event_id}/rsvp", headers=c.headers).status_code == 204
    # Attendees cannot call it off.
    assert client.post(f"/api/v1/events/{event_id}/cancellation", headers=a.headers).status_code == 404

    response = client.post(f"/api/v1/events/{event_id}/cancellation", headers=worker.headers)
    assert response.status_code == 200, response.json
    assert response.json["status"] == "cancelled" and response.json["cancelled_at"] is not None
    event = db.session.get(Event, event_id)
    assert event is not None and event.cancelled_by_id == worker.id
    # The one going and the one waiting are told, once each; the one who had left is not.
    for who, count in ((a, 1), (b, 1), (c, 0)):
        told = db.session.query(Notification).filter_by(user_id=who.id, title="An event has been cancelled")
        assert told.count() == count, who.user.display_name
        assert all("Saturday stay and play" in n.body for n in told)
    # Twice is a conflict, and tells nobody again.
    assert client.post(f"/api/v1/events/{event_id}/cancellation", headers=worker.headers).status_code == 409
    assert db.session.query(Notification).filter_by(title="An event has been cancelled").count() == 2

    # RSVPs stop: nobody new, nobody promoted when the person going leaves, no reminders.
    assert client.post(f"/api/v1/events/{event_id}/rsvp", headers=c.headers).status_code == 409
    assert client.delete(f"/api/v1/events/{event_id}/rsvp", headers=a.headers).status_code == 204
    waiting = client.get(f"/api/v1/events/{event_id}", headers=b.headers).json
    assert waiting["my_rsvp"]["status"] == "waitlisted" and waiting["venue"] is None
    assert (
        db.session.query(Notification).filter_by(user_id=b.id, title="A place has come up for you").count()
        == 0
    )
    assert event.starts_at is not None
    assert reminders.run(event.starts_at - timedelta(hours=2)) == 0

    # Listed as cancelled; the calendar file says so, as a newer version of the entry.
    listed = client.get("/api/v1/events", headers=b.headers).json["items"]
    assert [(e["id"], e["status"]) for e in listed] == [(event_id, "cancelled")]
    ics = client.get(f"/api/v1/events/{event_id}.ics", headers=b.headers).get_data(as_text=True)
    assert "STATUS:CANCELLED\r\n" in ics and "SEQUENCE:1\r\n" in ics


def test_who_else_may_cancel_an_event(client: Any) -> None:
    organiser = make_user(p.AGENCY_WORKER, dbs="in_date", agency="North RAA")
    colleague = make_user(p.AGENCY_WORKER, dbs="in_date", agency="North RAA")
    elsewhere = make_user(p.AGENCY_WORKER, dbs="in_date", agency="South RAA")
    admin = make_user(p.ADMIN)
    first, second = (create_event(client, organiser)["id"] for _ in range(2))
    # A worker of another agency: the same 404 as for a missing event.
    assert client.post(f"/api/v1/events/{first}/cancellation", headers=elsewhere.headers).status_code == 404
    assert client.post(f"/api/v1/events/{first}/cancellation", headers=colleague.headers).status_code == 200
    assert client.post(f"/api/v1/events/{second}/cancellation", headers=admin.headers).status_code == 200
    assert client.post("/api/v1/events/999999/cancellation", headers=admin.headers).status_code == 404
    # A group leader's event: a worker of the leader's family's agency may call it off.
    leader = make_user(p.ADOPTER, agency="South RAA")
    start = utcnow() + timedelta(days=3)
    event = Event(
        kind="coffee_morning",
        title="Coffee",
        audience="carers",
        organiser_id=leader.id,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=5,
        venue="The cafe",
    )
    db.session.add(event)
    db.session.commit()
    assert (
        client.post(f"/api/v1/events/{event.id}/cancellation", headers=colleague.headers).status_code == 404
    )
    assert (
        client.post(f"/api/v1/events/{event.id}/cancellation", headers=elsewhere.headers).status_code == 200
    )


def test_an_event_that_has_ended_cannot_be_cancelled(client: Any) -> None:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    event_id = create_event(client, worker)["id"]
    event = db.session.get(Event, event_id)
    assert event is not None
    event.starts_at, event.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    db.session.commit()
    response = client.post(f"/api/v1/events/{event_id}/cancellation", headers=worker.headers)
    assert response.status_code == 409 and response.json["code"] == 409
