"""Applications and workflows: load schemas (unknown fields refused, lengths bounded) and dump schemas."""

from __future__ import annotations

from marshmallow import fields, validate

from backend.accounts.schemas import LEGAL_ROUTES
from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema, record_id, text

NOTE = 2000
KEY = 60
AMOUNT = validate.Range(min=0, max=1_000_000)


class ApplicationIn(LoadSchema):
    workflow = text(KEY, required=True)
    family_id = record_id(load_default=None, allow_none=True)
    applicant_id = record_id(load_default=None, allow_none=True)
    coordinator_id = record_id(load_default=None, allow_none=True)
    legal_route = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(LEGAL_ROUTES))
    amount_requested = fields.Integer(load_default=None, allow_none=True, validate=AMOUNT)
    note = text(NOTE, min_length=0, load_default="")


class ApplicationQuery(LoadSchema):
    workflow = text(KEY)
    stage = text(KEY)
    overdue = fields.Boolean()
    limit = limit_field()
    cursor = Cursor(int)


class TransitionIn(LoadSchema):
    to_stage = text(KEY, required=True)
    reason = text(KEY, load_default=None, allow_none=True)
    note = text(NOTE, min_length=0, load_default="")
    amount_approved = fields.Integer(load_default=None, allow_none=True, validate=AMOUNT)


class ReviewRequestIn(LoadSchema):
    note = text(NOTE, min_length=0, load_default="")


class CoordinatorOut(DumpSchema):
    id = fields.Integer(required=True)
    display_name = fields.String(required=True)


class ApplicationSummaryOut(DumpSchema):
    id = fields.Integer(required=True)
    reference = fields.String(required=True, metadata={"description": "Quote this; never the family's name"})
    workflow = fields.String(required=True)
    workflow_title = fields.String(required=True)
    family_id = fields.Integer(allow_none=True)
    applicant_id = fields.Integer(allow_none=True)
    agency = fields.String(required=True)
    coordinator = fields.Nested(CoordinatorOut, allow_none=True)
    stage = fields.String(required=True)
    stage_title = fields.String(required=True)
    status = fields.String(required=True)
    in_plain_words = fields.String(required=True)
    next_step = fields.String(required=True)
    responsible = fields.String(required=True, metadata={"description": "Who acts next, for the reader"})
    stage_entered_at = fields.DateTime(required=True)
    due_at = fields.DateTime(allow_none=True)
    overdue = fields.Boolean(required=True)
    amount_requested = fields.Integer(allow_none=True)
    amount_approved = fields.Integer(allow_none=True)
    fair_access_limit = fields.Integer(allow_none=True)
    match_funding_needed = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)


class TimelineEntryOut(DumpSchema):
    at = fields.DateTime(required=True)
    kind = fields.String(required=True)
    from_stage = fields.String(allow_none=True)
    to_stage = fields.String(allow_none=True)
    stage_title = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    reason_text = fields.String(allow_none=True)
    note = fields.String(required=True)
    by = fields.String(required=True)
    what = fields.String(required=True)


class MoveOut(DumpSchema):
    to_stage = fields.String(required=True)
    title = fields.String(required=True)
    reason_required = fields.Boolean(required=True)


class ApplicationOut(ApplicationSummaryOut):
    timeline = fields.List(fields.Nested(TimelineEntryOut), required=True)
    allowed_moves = fields.List(fields.Nested(MoveOut), required=True)
    may_request_review = fields.Boolean(required=True)


ApplicationPage = page_schema(ApplicationSummaryOut, "ApplicationPage")


class TransitionRuleOut(DumpSchema):
    to = fields.String(required=True)
    by = fields.List(fields.String(), required=True)
    reason_required = fields.Boolean(required=True)


class WorkflowStageOut(DumpSchema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    plain = fields.String(required=True)
    next_step = fields.String(required=True)
    responsible = fields.String(required=True)
    target_hours = fields.Integer(allow_none=True)
    terminal = fields.Boolean(required=True)
    transitions = fields.List(fields.Nested(TransitionRuleOut), required=True)


class WorkflowOut(DumpSchema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    applicants = fields.String(required=True)
    family_may_start = fields.Boolean(required=True)
    fair_access_limit = fields.Integer(allow_none=True)
    reason_codes = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    stages = fields.List(fields.Nested(WorkflowStageOut), required=True)


class WorkflowQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(str)


WorkflowPage = page_schema(WorkflowOut, "WorkflowPage")
