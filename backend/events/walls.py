"""Who may see, join, organise and count an event: one pure function over loaded facts.

The audience wall is the groups' own (``groups.audience_admits``): a young people's event (a teen
activity day) is for young people and for staff with an in-date enhanced DBS check; adults' events
for their verified audience and staff. An event of a group is also behind that group's wall (the
caller must be able to read the group). Everyone else gets the same 404 as for a missing event.

An event is cancelled by its organiser, an agency worker of the organiser's agency, or an admin,
each only while they may see it.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.accounts.vetting import agency_of
from backend.core.db import db
from backend.core.errors import NotFound
from backend.events.models import Event, EventStatus, RsvpStatus
from backend.groups import service as groups
from backend.groups.models import YOUNG_PEOPLE


@dataclass(frozen=True)
class EventStanding:
    see: bool = False
    rsvp: bool = False  # come, join the waitlist, cancel
    details: bool = False  # the venue, the online link, the attached expert session's room
    attendance: bool = False  # who is going and waiting; the attendance export
    organiser: bool = False
    cancel: bool = False  # call the event off


def _standing(
    persona: str,
    is_organiser: bool,
    in_audience: bool,
    in_group: bool,
    rsvp_status: str | None,
    organisers_agency: bool = False,
) -> EventStanding:
    """``organisers_agency``: the caller is an agency worker of the organiser's agency (their own, or
    their family's for a group leader)."""
    see = is_organiser or (in_audience and in_group)
    if not see:
        return EventStanding()
    rsvp = in_audience and in_group and persona not in p.STAFF and not is_organiser
    return EventStanding(
        see=True,
        rsvp=rsvp,
        details=is_organiser or (rsvp and rsvp_status == RsvpStatus.GOING),
        attendance=is_organiser or persona in p.AGENCY_STAFF,
        organiser=is_organiser,
        # A colleague can call off an event when its organiser cannot; a worker acts only for their
        # own agency (PRODUCT.md 3); admins for any event they may see.
        cancel=is_organiser or persona == p.ADMIN or (persona == p.AGENCY_WORKER and organisers_agency),
    )


def _of_organisers_agency(user: User, event: Event) -> bool:
    if user.persona != p.AGENCY_WORKER or not user.agency or event.organiser_id == user.id:
        return False
    organiser = db.session.get(User, event.organiser_id)
    return organiser is not None and agency_of(organiser) == user.agency


def standing(user: User, event: Event, rsvp_status: str | None) -> EventStanding:
    if not user.is_active or event.status == EventStatus.REFUSED:  # refused: for nobody, organiser too
        return EventStanding()
    in_audience = groups.audience_admits(user, event.audience)
    in_group = True
    if event.group_id is not None and in_audience:
        in_group = groups.standing(user, groups.get_group(event.group_id)).read
    # An organiser who has since lost the audience (a lapsed DBS check) is outside like anyone else.
    is_organiser = event.organiser_id == user.id and (in_audience or event.audience != YOUNG_PEOPLE)
    return _standing(
        user.persona,
        is_organiser,
        in_audience,
        in_group,
        rsvp_status,
        _of_organisers_agency(user, event),
    )


def require(s: EventStanding, need: str) -> EventStanding:
    if not getattr(s, need):
        raise NotFound()
    return s
