"""Insights and consultations: load schemas (unknown fields refused, lengths bounded) and dump schemas."""

from __future__ import annotations

from marshmallow import fields, validate

from backend.accounts.schemas import LEGAL_ROUTES
from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema
from backend.core.schemas import text as bounded
from backend.insights.models import QuestionKind

AUDIENCES = ("carers", "young_people", "adult_adoptees")


class WaitingTimesQuery(LoadSchema):
    workflow = bounded(60, required=True)
    region = bounded(80)
    legal_route = fields.String(validate=validate.OneOf((*LEGAL_ROUTES, "all")))


class InsightRowOut(DumpSchema):
    section = fields.String(
        required=True, metadata={"description": "waiting_time | stage_target | reason_not_progressed"}
    )
    key = fields.String(required=True)
    title = fields.String(required=True)
    region = fields.String(required=True, metadata={"description": "A region, or 'all' for the column total"})
    legal_route = fields.String(
        required=True, metadata={"description": "A legal route, or 'all' for the row total"}
    )
    families = fields.Integer(allow_none=True)
    median_days = fields.Float(allow_none=True)
    p90_days = fields.Float(allow_none=True)
    within_target = fields.Integer(allow_none=True)
    past_target = fields.Integer(allow_none=True)
    share_within_target = fields.Float(allow_none=True)
    suppressed = fields.Boolean(
        required=True,
        metadata={"description": "Fewer than 5 families, or hidden so a total cannot reveal one that is"},
    )


class WaitingTimesOut(DumpSchema):
    workflow = fields.String(required=True)
    agency = fields.String(allow_none=True)
    min_cell = fields.Integer(required=True)
    rows = fields.List(fields.Nested(InsightRowOut), required=True)


class QuestionIn(LoadSchema):
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in QuestionKind]))
    text = bounded(300, required=True)
    options = fields.List(bounded(120), validate=validate.Length(max=12))
    scale_min = fields.Integer(validate=validate.Range(min=0, max=10))
    scale_max = fields.Integer(validate=validate.Range(min=0, max=10))


class ConsultationIn(LoadSchema):
    title = bounded(200, required=True)
    introduction = bounded(2000, min_length=0, load_default="")
    audience = fields.String(required=True, validate=validate.OneOf(AUDIENCES))
    questions = fields.List(fields.Nested(QuestionIn), required=True, validate=validate.Length(min=1, max=20))


class QuestionOut(DumpSchema):
    key = fields.String(required=True)
    kind = fields.String(required=True)
    text = fields.String(required=True)
    options = fields.List(fields.String())
    scale_min = fields.Integer()
    scale_max = fields.Integer()


class ConsultationOut(DumpSchema):
    id = fields.Integer(required=True)
    agency = fields.String(required=True)
    audience = fields.String(required=True)
    title = fields.String(required=True)
    introduction = fields.String(required=True)
    questions = fields.List(fields.Nested(QuestionOut), required=True)
    status = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    answered = fields.Boolean(required=True, metadata={"description": "Whether the caller has answered"})


ConsultationPage = page_schema(ConsultationOut, "ConsultationPage")


class ConsultationQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int)


class AnswerIn(LoadSchema):
    question = bounded(40, required=True)
    choice = bounded(120, load_default=None, allow_none=True)
    value = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0, max=10))
    text = bounded(2000, load_default=None, allow_none=True)


class ResponseIn(LoadSchema):
    answers = fields.List(fields.Nested(AnswerIn), required=True, validate=validate.Length(min=1, max=20))


class CountOut(DumpSchema):
    answer = fields.String(required=True)
    count = fields.Integer(allow_none=True, metadata={"description": "null: suppressed"})


class QuestionResultOut(DumpSchema):
    key = fields.String(required=True)
    kind = fields.String(required=True)
    text = fields.String(required=True)
    answered = fields.Integer(allow_none=True)
    counts = fields.List(fields.Nested(CountOut), required=True)
    median = fields.Float(allow_none=True)
    texts = fields.List(fields.String(), allow_none=True)


class ResultsOut(DumpSchema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    audience = fields.String(required=True)
    respondents = fields.Integer(allow_none=True)
    min_cell = fields.Integer(required=True)
    questions = fields.List(fields.Nested(QuestionResultOut), required=True)
