from __future__ import annotations

from marshmallow import fields, validate

from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema, Signpost, record_id, text
from backend.reports.subjects import REPORTABLE
from moderation import api as moderation

# A subject is named by its type and its integer record id, the same in requests and answers.
REPORTABLE_TYPE = validate.OneOf(REPORTABLE)
SUBJECT_TYPE = validate.OneOf(moderation.SUBJECT_TYPES)
REPORT_STATUS = validate.OneOf([s.value for s in moderation.ReportStatus])
APPEAL_STATUS = validate.OneOf([s.value for s in moderation.AppealStatus])


class ReportCreate(LoadSchema):
    subject_type = fields.String(required=True, validate=REPORTABLE_TYPE)
    subject_id = record_id(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(moderation.REPORT_REASONS))
    details = text(2000, min_length=0, load_default=None, allow_none=True)


class ReportOut(DumpSchema):
    id = fields.Integer()
    subject_type = fields.String(validate=REPORTABLE_TYPE)  # validators document the enum
    subject_id = fields.Integer()
    reason = fields.String()
    status = fields.String(validate=REPORT_STATUS)
    outcome = fields.String()
    created_at = fields.String(metadata={"format": "date-time"})  # ISO 8601, as written by the service
    signposts = fields.List(fields.Nested(Signpost))


class NewestFirstQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int)


class AppealCreate(LoadSchema):
    subject_type = fields.String(required=True, validate=SUBJECT_TYPE)
    subject_id = record_id(required=True)
    reason = text(2000, required=True)


class AppealOut(DumpSchema):
    id = fields.Integer()
    subject_type = fields.String(validate=SUBJECT_TYPE)
    subject_id = fields.Integer()
    status = fields.String(validate=APPEAL_STATUS)
    created_at = fields.DateTime()


class ProtectedTerms(LoadSchema):
    terms = fields.List(text(80, min_length=2), required=True, validate=validate.Length(max=50))


class ProtectedTermOut(DumpSchema):
    term = fields.String()


ProtectedTermPage = page_schema(ProtectedTermOut, base=DumpSchema)


class ProtectedTermsQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(str)  # the last term shown (terms are listed in order)


ReportPage = page_schema(ReportOut, base=DumpSchema)
AppealPage = page_schema(AppealOut, base=DumpSchema)
