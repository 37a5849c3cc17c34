"""Playdate finder: load schemas (unknown fields refused, bounded) and the only dump shapes.

No dump schema here has a field for coordinates, a cell, a distance or an account id of a family not
yet met: what is not in a schema never leaves the server."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema, text
from backend.playdates import vocabulary as v

ABOUT = 280


def _choices(vocabulary: tuple[str, ...], **kwargs: Any) -> fields.List:
    return fields.List(
        fields.String(validate=validate.OneOf(vocabulary)),
        validate=validate.Length(max=len(vocabulary)),
        **kwargs,
    )


class PlaydateProfileIn(LoadSchema):
    """The position is sent once and turned into a coarse cell at once; it is never stored."""

    latitude = fields.Float(validate=validate.Range(min=-90, max=90), allow_nan=False)
    longitude = fields.Float(validate=validate.Range(min=-180, max=180), allow_nan=False)
    area = fields.String(validate=validate.OneOf(v.AREAS))
    age_bands = _choices(v.AGE_BANDS)
    interests = _choices(v.INTERESTS)
    accessibility = _choices(v.ACCESSIBILITY)
    availability = _choices(v.AVAILABILITY)
    about = text(ABOUT, min_length=0)
    visible = fields.Boolean(load_default=True)
    confirm = fields.Boolean(load_default=False)

    @validates_schema
    def _both_or_neither(self, data: dict[str, Any], **_: Any) -> None:
        if ("latitude" in data) != ("longitude" in data):
            raise ValidationError("Send latitude and longitude together.", "latitude")


class PlaydateProfileOut(DumpSchema):
    visible = fields.Boolean()
    handle = fields.String()
    area = fields.String()
    age_bands = fields.List(fields.String())
    interests = fields.List(fields.String())
    accessibility = fields.List(fields.String())
    availability = fields.List(fields.String())
    about = fields.String()
    last_active_at = fields.DateTime()


class PlaydateNearbyQuery(LoadSchema):
    age_band = fields.String(validate=validate.OneOf(v.AGE_BANDS))
    interest = fields.String(validate=validate.OneOf(v.INTERESTS))


class PlaydateFamilyOut(DumpSchema):
    """A family as the finder shows it: a handle to invite, the area label and the children's bands."""

    handle = fields.String()
    area = fields.String()
    age_bands = fields.List(fields.String())
    interests = fields.List(fields.String())
    accessibility = fields.List(fields.String())
    availability = fields.List(fields.String())
    about = fields.String()


class PlaydateNearbyPage(DumpSchema):
    """A small random sample in random order; ``next_cursor`` is always null (no paging through)."""

    items = fields.List(fields.Nested(PlaydateFamilyOut))
    next_cursor = fields.String(allow_none=True)


class PlaydateInvitationIn(LoadSchema):
    handle = text(24, required=True)
    venue_type = fields.String(required=True, validate=validate.OneOf(v.VENUE_TYPES))
    venue_details = text(300, min_length=0, load_default="")
    message = text(500, min_length=0, load_default="")
    window_start = fields.AwareDateTime(required=True)
    window_end = fields.AwareDateTime(required=True)


class PlaydateOtherFamilyOut(DumpSchema):
    id = fields.Integer()
    display_name = fields.String()


class PlaydateInvitationOut(DumpSchema):
    id = fields.Integer()
    direction = fields.String()
    status = fields.String()
    venue_type = fields.String()
    window_start = fields.DateTime()
    window_end = fields.DateTime()
    message = fields.String()
    family = fields.Nested(
        PlaydateFamilyOut, allow_none=True
    )  # the proposer's profile, to the invited family
    other = fields.Nested(PlaydateOtherFamilyOut, allow_none=True)  # only once accepted
    venue_details = fields.String(allow_none=True)  # only once accepted
    chat_room_id = fields.Integer(allow_none=True)  # only once accepted


class PlaydateInvitationsQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int)


PlaydateInvitationPage = page_schema(PlaydateInvitationOut)
