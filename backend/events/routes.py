"""Events over HTTP: load -> one service call -> dump. Missing and not allowed are the same 404."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from backend.core.auth import current_user
from backend.core.pagination import page_in_memory
from backend.core.statuses import created_or_existing, creates
from backend.events import files, organising, reading, rsvp, schemas
from backend.events.walls import standing

blp = Blueprint(
    "events", __name__, url_prefix="/api/v1", description="Events: stay-and-play, activity days, webinars"
)


@blp.route("/events")
class Events(MethodView):
    @blp.arguments(schemas.EventQuery, location="query", as_kwargs=True)
    @blp.response(200, schemas.EventPage)
    def get(self, limit: int, cursor: Any, **query: Any) -> Any:
        """Upcoming events the caller may see (the groups' audience walls apply), soonest first."""
        found = reading.list_events(current_user(), **query)
        return page_in_memory(found, limit, cursor, lambda e: (e["starts_at"], e["id"]))

    @blp.arguments(schemas.EventIn)
    @blp.response(201, schemas.EventOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Organise an event: agency workers and admins (young people's events need an in-date DBS
        check), or the leader of an approved adults' group for that group. Texts are screened."""
        user = current_user()
        event = organising.do_create_event(user, data)
        return reading.event_view(user, event, standing(user, event, None), None)


@blp.route("/events/<int:event_id>")
class EventDetail(MethodView):
    @blp.response(200, schemas.EventOut)
    def get(self, event_id: int) -> Any:
        """One event; the venue or link only for people going and the organiser; attendance for the
        organiser and agency staff."""
        return reading.event_detail(current_user(), event_id)


@blp.route("/events/<int:event_id>/cancellation")
class Cancellation(MethodView):
    @blp.response(200, schemas.EventOut)
    def post(self, event_id: int) -> Any:
        """Cancel the event: its organiser, an agency worker of the organiser's agency, or an admin.
        Everyone going or waiting is told; it takes no more replies, stays listed as cancelled, and
        its calendar file says CANCELLED."""
        user = current_user()
        organising.do_cancel_event(user, event_id)
        return reading.event_detail(user, event_id)


@blp.route("/events/<int:event_id>/rsvp")
class Rsvp(MethodView):
    @creates(blp, schemas.EventOut)
    def post(self, event_id: int) -> Any:
        """Come to the event, or join its waitlist when it is full (promoted in order when a place frees)."""
        return created_or_existing(rsvp.do_rsvp(current_user(), event_id))

    @blp.response(204)
    def delete(self, event_id: int) -> None:
        """Cancel; the first person waiting takes the place."""
        rsvp.do_cancel(current_user(), event_id)


@blp.route("/events/<int:event_id>/attendance.csv")
class Attendance(MethodView):
    @blp.response(200, content_type="text/csv", description="Attendance, one row per person going or waiting")
    def get(self, event_id: int) -> Any:
        """The attendance export for the organiser and agency staff (young people are numbered, not named)."""
        body = files.attendance_csv(current_user(), event_id)
        return Response(
            body,
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="event-{event_id}-attendance.csv"'},
        )


@blp.route("/events/<int:event_id>.ics")
class Calendar(MethodView):
    @blp.response(200, content_type="text/calendar", description="An iCalendar (RFC 5545) file")
    def get(self, event_id: int) -> Any:
        """The event as a calendar entry (the venue only for people going)."""
        body = files.calendar(current_user(), event_id)
        return Response(
            body,
            content_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="event-{event_id}.ics"'},
        )
