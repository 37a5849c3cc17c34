from __future__ import annotations

from datetime import datetime

from marshmallow import fields, validate

from backend.chat.messages import SYNC_LIMIT
from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import ID_MAX, DumpSchema, LoadSchema, record_id, text

ROOM_ID = record_id(required=True, strict=True)
SESSION_AUDIENCES = (
    "adopters",
    "special_guardians",
    "carers",
    "prospective_adopters",
    "young_people",
    "adult_adoptees",
)


# --- Socket.IO payloads (client -> server) ---


class JoinIn(LoadSchema):
    room = ROOM_ID


class SendIn(LoadSchema):
    room = ROOM_ID
    client_id = text(64, required=True)
    body = text(4000, required=True)


class SyncIn(LoadSchema):
    room = ROOM_ID
    after_seq = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=ID_MAX))
    limit = fields.Integer(
        strict=True, load_default=SYNC_LIMIT, validate=validate.Range(min=1, max=SYNC_LIMIT)
    )


# --- HTTP ---


class SenderOut(DumpSchema):
    id = fields.Integer()
    display_name = fields.String()
    persona = fields.String()
    removed = fields.Boolean()


class MessageOut(DumpSchema):
    room = fields.Integer()
    id = fields.Integer()
    seq = fields.Integer(allow_none=True)
    client_id = fields.String()
    sender = fields.Nested(SenderOut)
    body_html = fields.String(allow_none=True)
    status = fields.String()
    pinned = fields.Boolean()
    created_at = fields.String(metadata={"format": "date-time"})  # ISO 8601, as written by the service


class MessagesQuery(LoadSchema):
    after_seq = fields.Integer(load_default=0, validate=validate.Range(min=0, max=ID_MAX))
    limit = limit_field(default=100, maximum=SYNC_LIMIT)
    cursor = Cursor(int, metadata={"description": "A previous page's next_cursor (instead of after_seq)."})


class MessagesOut(page_schema(MessageOut, "MessagePage", base=DumpSchema)):  # type: ignore[misc]
    """The list envelope plus the sync fields a reconnecting client uses (``last_seq``, ``has_more``)."""

    room = fields.Integer()
    last_seq = fields.Integer()
    has_more = fields.Boolean()


class ListQuery(LoadSchema):
    """A list ordered by id (rooms, connections)."""

    limit = limit_field()
    cursor = Cursor(int)


class SessionsQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(datetime, int)


class RoomOut(DumpSchema):
    id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    group_id = fields.Integer()
    last_seq = fields.Integer()
    staffed = fields.Boolean()
    open = fields.Boolean()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()


class DmIn(LoadSchema):
    user_id = record_id(required=True)


class StaffedIn(LoadSchema):
    staffed = fields.Boolean(required=True)


class ConnectionIn(LoadSchema):
    user_id = record_id(required=True)


class ConnectionOut(DumpSchema):
    id = fields.Integer()
    status = fields.String()
    direction = fields.String()
    other = fields.Nested(SenderOut)
    created_at = fields.DateTime()


class SessionIn(LoadSchema):
    host_id = record_id(required=True)
    topic = text(200, required=True)
    description = text(2000, min_length=0, load_default="")
    audience = fields.String(required=True, validate=validate.OneOf(SESSION_AUDIENCES))
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)


class SessionOut(DumpSchema):
    id = fields.Integer()
    room_id = fields.Integer()
    host_id = fields.Integer()
    topic = fields.String()
    description = fields.String()
    audience = fields.String()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()


class PinIn(LoadSchema):
    pinned = fields.Boolean(load_default=True)


RoomPage = page_schema(RoomOut, base=DumpSchema)
ConnectionPage = page_schema(ConnectionOut, base=DumpSchema)
SessionPage = page_schema(SessionOut, base=DumpSchema)
