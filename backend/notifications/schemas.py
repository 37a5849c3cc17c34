"""Notifications over HTTP: load schemas (unknown fields refused) and the shapes answered."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from marshmallow import ValidationError, fields, validate

from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema
from backend.notifications.categories import CATEGORIES, Cadence
from backend.notifications.preferences import MAX_LEAD_WEEKS, MIN_LEAD_WEEKS

CATEGORY = validate.OneOf(tuple(CATEGORIES))
CADENCE_OR_ON = validate.OneOf((*(c.value for c in Cadence), "on"))


class UserNotification(DumpSchema):
    id = fields.Integer()
    category = fields.String(validate=CATEGORY)
    title = fields.String()
    body = fields.String()
    link = fields.String()
    urgent = fields.Boolean()
    created_at = fields.String(metadata={"format": "date-time"})
    read = fields.Boolean()
    digest_id = fields.Integer(allow_none=True, metadata={"description": "The digest that gathered it"})


NotificationPage = page_schema(UserNotification, "UserNotificationPage")


class NotificationQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int)
    unread = fields.Boolean(load_default=False, metadata={"description": "Only the unread ones"})


class ReadAllOut(DumpSchema):
    marked = fields.Integer()
    unread = fields.Integer()


class ClockTime(fields.Field):  # type: ignore[type-arg]
    """A UK wall-clock time as ``HH:MM``."""

    _PATTERN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> time:
        match = self._PATTERN.match(value) if isinstance(value, str) else None
        if match is None:
            raise ValidationError("A time as HH:MM (24-hour, UK time).")
        return time(int(match.group(1)), int(match.group(2)))


class QuietHoursIn(LoadSchema):
    start = ClockTime(required=True, metadata={"type": "string", "example": "22:00"})
    end = ClockTime(required=True, metadata={"type": "string", "example": "07:00"})


class QuietHoursOut(DumpSchema):
    start = fields.String()
    end = fields.String()


class CategoryPreference(DumpSchema):
    category = fields.String(validate=CATEGORY)
    description = fields.String()
    cadence = fields.String(validate=validate.OneOf(tuple(c.value for c in Cadence)))
    default = fields.String()
    may_turn_off = fields.Boolean()


class PreferencesOut(DumpSchema):
    categories = fields.List(fields.Nested(CategoryPreference))
    quiet_hours = fields.Nested(QuietHoursOut, allow_none=True)
    quiet_hours_fixed = fields.Boolean(metadata={"description": "True for young people: 21:00 to 07:00"})
    journey_lead_weeks = fields.Integer()


class PreferencesUpdate(LoadSchema):
    categories = fields.Dict(
        keys=fields.String(validate=validate.Length(max=30)),
        values=fields.String(validate=CADENCE_OR_ON),
        validate=validate.Length(max=len(CATEGORIES)),
        metadata={"description": "Category -> immediate, daily, weekly, monthly, off, or on"},
    )
    quiet_hours = fields.Nested(
        QuietHoursIn, allow_none=True, metadata={"description": "Adults only; null turns them off"}
    )
    journey_lead_weeks = fields.Integer(validate=validate.Range(min=MIN_LEAD_WEEKS, max=MAX_LEAD_WEEKS))
