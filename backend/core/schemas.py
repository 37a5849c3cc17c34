"""Schema base classes: unknown fields are refused everywhere; strings are trimmed and bounded."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

# Ids are 64-bit integers in every database we run on: a larger number names nothing (and would
# overflow the driver), so it is refused as invalid input rather than looked up.
ID_MAX = 2**63 - 1


def record_id(**kwargs: object) -> fields.Integer:
    """A record id in a request or socket payload: a positive 64-bit integer."""
    return fields.Integer(validate=validate.Range(min=1, max=ID_MAX), **kwargs)  # type: ignore[arg-type]


class LoadSchema(Schema):
    class Meta:
        unknown = RAISE


class DumpSchema(Schema):
    pass


def text(max_length: int, *, min_length: int = 1, **kwargs: object) -> fields.String:
    return fields.String(validate=validate.Length(min=min_length, max=max_length), **kwargs)  # type: ignore[arg-type]


class ErrorSchema(Schema):
    code = fields.Integer(required=True)
    message = fields.String(required=True)
    errors = fields.Dict(required=True)
