from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

from backend.core.schemas import DumpSchema, LoadSchema, record_id, text
from moderation import api as moderation


class SubjectId(fields.Field):
    """An id as a string, whether the client sends 12 or "12"."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValidationError("Give the id as a number or a string.")
        as_text = str(value).strip()
        if not 1 <= len(as_text) <= 64:
            raise ValidationError("Between 1 and 64 characters.")
        return as_text


class ReportCreate(LoadSchema):
    subject_type = text(40, required=True)
    subject_id = SubjectId(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(moderation.REPORT_REASONS))
    details = text(2000, min_length=0, load_default=None, allow_none=True)


class CrisisSignpost(DumpSchema):
    name = fields.String()
    contact = fields.String()
    description = fields.String()


class ReportOut(DumpSchema):
    id = fields.Integer()
    subject_type = fields.String()
    subject_id = fields.String()
    reason = fields.String()
    status = fields.String()
    outcome = fields.String()
    created_at = fields.String()
    signposts = fields.List(fields.Nested(CrisisSignpost))


class BeforeQuery(LoadSchema):
    before = record_id()


class AppealCreate(LoadSchema):
    subject_type = text(40, required=True)
    subject_id = SubjectId(required=True)
    reason = text(2000, required=True)


class AppealOut(DumpSchema):
    id = fields.Integer()
    subject_type = fields.String()
    subject_id = fields.String()
    status = fields.String()
    created_at = fields.DateTime()


class ProtectedTerms(LoadSchema):
    terms = fields.List(text(80, min_length=2), required=True, validate=validate.Length(max=50))


class ProtectedTermsOut(DumpSchema):
    terms = fields.List(fields.String())
