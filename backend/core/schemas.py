"""Schema base classes: unknown fields are refused everywhere; strings are trimmed and bounded."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate


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
