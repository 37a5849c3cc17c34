"""Demo data: upcoming events for carers and for young people, organised by the demo agency worker,
with the demo adopter going to one and the demo teen to the teen activity day. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.events.models import Event, EventKind, Rsvp, RsvpStatus

# (kind, title, audience, days ahead, hours long, capacity, venue, online link, accessibility, description)
EVENTS = (
    (
        EventKind.STAY_AND_PLAY,
        "Stay and play for under-fives",
        "carers",
        5,
        2,
        12,
        "Longsight Community Hall",
        "",
        "Step-free; a quiet room is set aside.",
        "Toys, snacks and other carers to chat to.",
    ),
    (
        EventKind.COFFEE_MORNING,
        "Kinship carers' coffee morning",
        "special_guardians",
        8,
        2,
        15,
        "The Old Library Cafe, Levenshulme",
        "",
        "Step-free entrance.",
        "An informal catch-up with cake.",
    ),
    (
        EventKind.WEBINAR,
        "Life story work: what to tell, and when",
        "carers",
        12,
        1,
        100,
        "",
        "https://meet.example.org/life-story",
        "Live captions.",
        "A practitioner talks through life story work.",
    ),
    (
        EventKind.ACTIVITY_DAY,
        "Teen climbing day",
        "young_people",
        9,
        5,
        10,
        "Manchester Climbing Centre",
        "",
        "Staff are trained in first aid; quiet breaks any time.",
        "Climbing, pizza and no pressure to talk.",
    ),
)


def load(users: dict[str, User]) -> None:
    worker = users["worker@demo.example"]
    if db.session.scalar(select(Event.id).where(Event.organiser_id == worker.id)) is not None:
        return
    today = utcnow().replace(hour=10, minute=0, second=0, microsecond=0)
    made = []
    for kind, title, audience, days, hours, capacity, venue, link, access, description in EVENTS:
        event = Event(
            kind=kind,
            title=title,
            description=description,
            audience=audience,
            organiser_id=worker.id,
            starts_at=today + timedelta(days=days),
            ends_at=today + timedelta(days=days, hours=hours),
            capacity=capacity,
            venue=venue,
            online_link=link,
            area="Manchester",
            accessibility_notes=access,
        )
        db.session.add(event)
        made.append(event)
    db.session.flush()
    db.session.add(
        Rsvp(event_id=made[0].id, user_id=users["adopter@demo.example"].id, status=RsvpStatus.GOING)
    )
    db.session.add(Rsvp(event_id=made[3].id, user_id=users["teen@demo.example"].id, status=RsvpStatus.GOING))
    db.session.commit()
