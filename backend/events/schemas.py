"""Events: load schemas (unknown fields refused, bounded) and the only dump shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema, record_id, text
from backend.events.models import EventKind
from backend.groups.models import AUDIENCES

KINDS = tuple(k.value for k in EventKind)


class EventIn(LoadSchema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    title = text(120, min_length=3, required=True)
    description = text(4000, min_length=0, load_default="")
    audience = fields.String(validate=validate.OneOf(AUDIENCES))  # a group's event takes its group's
    group_id = record_id(load_default=None, allow_none=True)
    expert_session_id = record_id(load_default=None, allow_none=True)
    starts_at = fields.DateTime(required=True, metadata={"description": "Europe/London if no offset"})
    ends_at = fields.DateTime(required=True, metadata={"description": "Europe/London if no offset"})
    capacity = fields.Integer(required=True, validate=validate.Range(min=1, max=10_000))
    venue = text(300, min_length=0, load_default="")
    online_link = fields.Url(schemes={"https"}, validate=validate.Length(max=500), load_default="")
    area = text(80, min_length=0, load_default="")
    accessibility_notes = text(1000, min_length=0, load_default="")

    @validates_schema
    def _link_or_venue(self, data: dict[str, Any], **_: Any) -> None:
        if not data.get("venue") and not data.get("online_link"):
            raise ValidationError("Give a venue or an online link.", "venue")


class EventQuery(LoadSchema):
    kind = fields.String(validate=validate.OneOf(KINDS))
    audience = fields.String(validate=validate.OneOf(AUDIENCES))
    group_id = record_id()
    limit = limit_field()
    cursor = Cursor(datetime, int)  # (starts_at, id)


class EventPersonOut(DumpSchema):
    id = fields.Integer()
    display_name = fields.String()


class EventMyRsvpOut(DumpSchema):
    status = fields.String()
    waitlist_position = fields.Integer(allow_none=True)


class EventAttendeeOut(DumpSchema):
    user_id = fields.Integer()
    display_name = fields.String()
    status = fields.String()
    since = fields.DateTime()


class EventOut(DumpSchema):
    id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    description = fields.String()
    audience = fields.String()
    group_id = fields.Integer(allow_none=True)
    organiser = fields.Nested(EventPersonOut)
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    timezone = fields.String()
    capacity = fields.Integer()
    going = fields.Integer()
    waiting = fields.Integer()
    area = fields.String()
    accessibility_notes = fields.String()
    status = fields.String(metadata={"description": "scheduled or cancelled"})
    cancelled_at = fields.DateTime(allow_none=True)
    my_rsvp = fields.Nested(EventMyRsvpOut, allow_none=True)
    venue = fields.String(allow_none=True)  # only for people going and the organiser
    online_link = fields.String(allow_none=True)  # only for people going and the organiser
    chat_room_id = fields.Integer(allow_none=True)  # an expert Q&A's session room, for people going
    attendance = fields.List(fields.Nested(EventAttendeeOut), allow_none=True)  # organiser and agency staff


EventPage = page_schema(EventOut)
