"""Creating and cancelling events: who may organise, for which audience, and the screening of their
texts.

Organisers are agency workers and admins (any audience they may reach: a young people's event needs
an in-date enhanced DBS check, the groups' wall decides), and the leaders of an approved adults'
group (for their group, and its audience only). Texts others will read (title, description, venue,
accessibility notes) are screened before anyone sees them; anything but ``allow`` refuses the event,
which is kept as ``refused`` and never served (the queue item names it; ``models.EventStatus``).

Cancelling (the organiser, an agency worker of the organiser's agency, or an admin: ``walls``) takes
the event's lock, so no RSVP or promotion slips in; everyone going or waiting is told through
notifications; the event stays listed, marked cancelled, and its calendar file says CANCELLED.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from backend import safeguarding
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat.models import ExpertSession
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, NotFound, Unprocessable
from backend.core.html import screening_text
from backend.core.rates import count_rate
from backend.events import times
from backend.events.models import Event, EventKind, EventStatus, Rsvp, RsvpStatus
from backend.events.reading import access_event
from backend.events.rsvp import lock
from backend.groups import service as groups
from backend.groups.models import LEADER, YOUNG_PEOPLE
from backend.notifications import service as notifications


def _organiser_audience(user: User, data: dict[str, Any]) -> str:
    """The audience of the event this person may organise (a group's event: the group's), or a 404
    or 422 saying why they may not."""
    group_id = data.get("group_id")
    if user.persona in p.AGENCY_STAFF:
        audience = data["audience"]
        if group_id is not None:
            audience = groups.access_group(user, group_id, "administer").audience
        if not groups.audience_admits(user, audience):
            raise Unprocessable(
                "Young people's events need an in-date enhanced DBS check",
                {"audience": ["You may not organise events for this audience."]},
            )
        return str(audience)
    # A group leader: an approved (active) adults' group they lead, for its own audience.
    if group_id is None or accounts.is_youth(user) or user.persona in p.STAFF:
        raise NotFound()
    s = groups.group_standing(user, group_id, "manage")
    if s.membership is None or s.membership.role != LEADER or s.group.audience == YOUNG_PEOPLE:
        raise NotFound()
    return s.group.audience


def _check_session(data: dict[str, Any]) -> None:
    session_id = data.get("expert_session_id")
    if session_id is None:
        return
    session = db.session.get(ExpertSession, session_id)
    if data["kind"] != EventKind.EXPERT_QA or session is None or session.audience != data["audience"]:
        raise Unprocessable(
            "Only an expert Q&A takes an expert session, of the same audience",
            {"expert_session_id": ["Choose an expert session of this event's audience."]},
        )


def _event_times(data: dict[str, Any]) -> tuple[datetime, datetime]:
    """The event's start and end as stored, or a 422: it starts in the future and ends after."""
    starts_at, ends_at = times.from_input(data["starts_at"]), times.from_input(data["ends_at"])
    if starts_at <= utcnow():
        raise Unprocessable("An event starts in the future", {"starts_at": ["Must be in the future."]})
    if ends_at <= starts_at:
        raise Unprocessable("An event ends after it starts", {"ends_at": ["Must be after starts_at."]})
    return starts_at, ends_at


def _screen(user: User, event: Event) -> None:
    parts = (event.title, event.description, event.venue, event.accessibility_notes)
    verdict = safeguarding.screen(
        safeguarding.subject(
            type="event",
            id=event.id,
            author=user,
            text=screening_text(plain="\n".join(t for t in parts if t)),
            youth_space=event.audience == YOUNG_PEOPLE,
            space=f"event:{event.id}",
            # The venue's address is what it is for (shown only to people going): not identity exposure.
            place=event.venue,
        )
    )
    if verdict.action != "allow":
        event.status = EventStatus.REFUSED
        db.session.commit()
    safeguarding.refuse_unless_allowed(
        verdict, "Event not accepted", "_schema", "This event can't be published."
    )


def do_create_event(user: User, data: dict[str, Any]) -> Event:
    if user.persona not in (*p.AGENCY_STAFF, *p.CARERS, p.ADULT_ADOPTEE):
        raise NotFound()
    if user.persona not in p.AGENCY_STAFF and data.get("audience") is None:
        data["audience"] = ""  # a leader's event takes its group's audience
    if user.persona in p.AGENCY_STAFF and data.get("audience") is None and data.get("group_id") is None:
        raise Unprocessable("Choose an audience", {"audience": ["Missing data for required field."]})
    data["audience"] = _organiser_audience(user, data)
    data["starts_at"], data["ends_at"] = _event_times(data)
    _check_session(data)
    if not data.get("venue") and not data.get("online_link"):
        raise Unprocessable("Give a venue or an online link", {"venue": ["Give a venue or an online link."]})
    count_rate(user, "post")
    event = Event(organiser_id=user.id, **data)
    db.session.add(event)
    db.session.flush()
    _screen(user, event)
    db.session.commit()
    return event


def do_cancel_event(user: User, event_id: int) -> Event:
    """Call the event off; 409 when it already is, or has ended."""
    access_event(user, event_id, "cancel")
    event = lock(event_id)
    if event.status == EventStatus.CANCELLED:
        raise Conflict("This event is already cancelled")
    if event.ends_at <= utcnow():
        raise Conflict("This event has already taken place")
    event.status = EventStatus.CANCELLED
    event.cancelled_at = utcnow()
    event.cancelled_by_id = user.id
    told = db.session.scalars(
        select(Rsvp.user_id).where(
            Rsvp.event_id == event.id, Rsvp.status.in_((RsvpStatus.GOING, RsvpStatus.WAITLISTED))
        )
    ).all()
    when = times.shown(event.starts_at).strftime("%A %d %B at %H:%M")
    for person_id in told:
        notifications.notify(
            person_id,
            "events",
            "An event has been cancelled",
            f"{event.title} ({when}, UK time) has been cancelled.",
            f"/api/v1/events/{event.id}",
            dedupe_key=f"events:cancelled:{event.id}",
        )
    db.session.commit()
    return event
