"""Schema base classes: unknown fields are refused everywhere; strings are trimmed and bounded."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

# ``ID_MAX``, the ceiling of every id and cursor number (ids are INTEGER columns, 32-bit on PostgreSQL),
# has its one home in moderation, which may not import the backend. A larger number names nothing (and
# would overflow the driver), so it is refused as invalid input, not looked up.
from moderation.api import ID_MAX


def record_id(**kwargs: object) -> fields.Integer:
    """A record id in a request or socket payload: a positive integer up to ``ID_MAX``."""
    return fields.Integer(validate=validate.Range(min=1, max=ID_MAX), **kwargs)  # type: ignore[arg-type]


# Text no database of ours can store: NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(value: Any) -> bool:
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if isinstance(value, list | tuple):
        return any(unstorable(v) for v in value)
    if isinstance(value, dict):
        return any(unstorable(k) or unstorable(v) for k, v in value.items())
    return False


class LoadSchema(Schema):
    class Meta:
        unknown = RAISE

    @pre_load
    def _refuse_unstorable_text(self, data: Any, **_: Any) -> Any:
        """Refused as invalid input, naming the field, rather than failing at the database. (Query
        strings arrive as a multi-dict proxy: any mapping is checked.)"""
        if isinstance(data, Mapping):
            bad = {
                key: ["Contains characters that cannot be stored."]
                for key, v in data.items()
                if unstorable(v)
            }
            if bad:
                raise ValidationError(bad)
        return data


class DumpSchema(Schema):
    pass


def text(max_length: int, *, min_length: int = 1, **kwargs: object) -> fields.String:
    return fields.String(validate=validate.Length(min=min_length, max=max_length), **kwargs)  # type: ignore[arg-type]


class Signpost(DumpSchema):
    """A crisis signpost (PRODUCT.md 2.7), the one shape every answer carries them in: the posts and
    threads written, the chat ``send`` ack, a report's receipt and ``errors.signposts`` of a refusal
    (``backend/safeguarding.py``'s ``signposts_view`` makes it)."""

    name = fields.String(required=True, metadata={"description": "Who to contact, e.g. Childline"})
    contact = fields.String(required=True, metadata={"description": "How: a phone number or an address"})
    description = fields.String(required=True, metadata={"description": "When and why to contact them"})


class ErrorSchema(Schema):
    """Every 4xx and 5xx answer of the API (``core.errors``); the OAuth endpoints answer in OAuth's
    own shape instead (RFC 6749 section 5.2)."""

    code = fields.Integer(required=True, metadata={"description": "The HTTP status code"})
    message = fields.String(required=True, metadata={"description": "What went wrong, for people"})
    errors = fields.Dict(
        required=True,
        metadata={
            "description": "Field name -> list of problems with it; empty when none is to blame. When "
            "screening refused some text and raised crisis signposts, `signposts` lists them as "
            "`Signpost` objects ({name, contact, description})."
        },
    )
