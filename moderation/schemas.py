"""Moderation's request and response schemas. Unknown fields are refused; text is bounded."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

from moderation.cases import REFERRAL_TO, RISK_RATINGS
from moderation.decisions import ACTIONS, MAX_MUTE_HOURS
from moderation.models import ITEM_SOURCES, ITEM_STATUSES, CaseStatus
from moderation.paging import ID_MAX, Cursor, limit_field, page_schema
from moderation.queue import MAX_PAGE_SIZE
from moderation.types import SUBJECT_TYPES

# Ids are INTEGER columns (32-bit on PostgreSQL): a larger number names nothing and is refused as
# invalid input rather than overflowing the driver.
ID_RANGE = validate.Range(1, ID_MAX)

AUDIENCES = ("adult", "youth")


def _text(max_length: int, *, min_length: int = 1, **kwargs: object) -> fields.String:
    return fields.String(validate=validate.Length(min=min_length, max=max_length), **kwargs)  # type: ignore[arg-type]


# Text no database of ours can store: NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable(value: Any) -> bool:
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if isinstance(value, list | tuple):
        return any(_unstorable(v) for v in value)
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    return False


class Load(Schema):
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
                if _unstorable(v)
            }
            if bad:
                raise ValidationError(bad)
        return data


# --- requests ---------------------------------------------------------------------------------------


class ScreenTest(Load):
    text = _text(5000, required=True)
    audience = fields.String(required=True, validate=validate.OneOf(AUDIENCES))


class RuleCreate(Load):
    kind = fields.String(required=True, validate=validate.OneOf(("term", "pattern")))
    value = _text(500, required=True)
    action = fields.String(load_default="hold", validate=validate.OneOf(("hold", "block")))
    priority = fields.Integer(load_default=2, validate=validate.Range(0, 4))
    audience = fields.String(load_default="all", validate=validate.OneOf(("all", *AUDIENCES)))
    note = _text(500, min_length=0, load_default="")


class QueueQuery(Load):
    status = fields.String(validate=validate.OneOf(ITEM_STATUSES))
    priority = fields.Integer(validate=validate.Range(0, 4))
    audience = fields.String(validate=validate.OneOf(AUDIENCES))
    source = fields.String(validate=validate.OneOf(ITEM_SOURCES))
    cursor = _text(200)
    limit = fields.Integer(load_default=50, validate=validate.Range(1, MAX_PAGE_SIZE))


class DecisionIn(Load):
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    reason = _text(2000, required=True)
    replacement = _text(2000)
    hours = fields.Integer(validate=validate.Range(1, MAX_MUTE_HOURS))
    confirm = fields.Boolean()


class CaseCreate(Load):
    title = _text(200, required=True)
    risk_rating = fields.String(required=True, validate=validate.OneOf(RISK_RATINGS))
    summary = _text(10000, min_length=0, load_default="")
    subject_user_id = fields.Integer(load_default=None, allow_none=True, validate=ID_RANGE)
    item_id = fields.Integer(load_default=None, allow_none=True, validate=ID_RANGE)
    youth = fields.Boolean(load_default=False)


class CaseQuery(Load):
    status = fields.String(validate=validate.OneOf(tuple(s.value for s in CaseStatus)))
    limit = limit_field()
    cursor = Cursor(int)


class CaseUpdate(Load):
    risk_rating = fields.String(validate=validate.OneOf(RISK_RATINGS))
    status = fields.String(validate=validate.OneOf(tuple(s.value for s in CaseStatus)))


class EntryCreate(Load):
    occurred_on = fields.Date(required=True)
    text = _text(10000, required=True)


class ActionCreate(Load):
    kind = fields.String(required=True, validate=validate.OneOf(("action", "referral")))
    description = _text(5000, required=True)
    referred_to = fields.String(validate=validate.OneOf(REFERRAL_TO))
    due_on = fields.Date()


class OutcomeIn(Load):
    outcome = _text(5000, required=True)


class LinkItem(Load):
    item_id = fields.Integer(required=True, validate=ID_RANGE)


class NewestFirstQuery(Load):
    limit = limit_field(default=100)
    cursor = Cursor(int)


class RulesQuery(Load):
    limit = limit_field()
    cursor = Cursor(int)


# --- responses --------------------------------------------------------------------------------------


class ScreenOut(Schema):
    verdict = fields.String()
    failed_closed = fields.Boolean()
    categories = fields.List(fields.String())
    priority = fields.Integer(allow_none=True)
    reason = fields.String()
    spans = fields.List(fields.Dict())
    signposts = fields.List(fields.Dict())


class RuleOut(Schema):
    id = fields.Integer()
    kind = fields.String()
    value = fields.String()
    action = fields.String()
    priority = fields.Integer()
    audience = fields.String()
    note = fields.String()
    created_by_id = fields.Integer()
    created_at = fields.DateTime()


class ItemOut(Schema):
    id = fields.Integer()
    subject_type = fields.String(validate=validate.OneOf(SUBJECT_TYPES))  # documents the enum
    subject_id = fields.Integer()
    author_id = fields.Integer(allow_none=True)
    audience = fields.String()
    space = fields.String()
    source = fields.String()
    status = fields.String()
    priority = fields.Integer()
    deadline_at = fields.DateTime()
    breached = fields.Boolean()
    categories = fields.List(fields.String())
    excerpt = fields.String()
    held = fields.Boolean()
    hidden = fields.Boolean()
    report_count = fields.Integer()
    claimed_by_id = fields.Integer(allow_none=True)
    lease_expires_at = fields.DateTime(allow_none=True)
    effect_pending = fields.Boolean()
    resolution = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


QueuePage = page_schema(ItemOut, "QueuePage")


class DecisionOut(Schema):
    id = fields.Integer()
    action = fields.String()
    moderator_id = fields.Integer(allow_none=True)
    reason = fields.String()
    params = fields.Dict()
    state = fields.String()
    confirmed_by_id = fields.Integer(allow_none=True)
    effect_state = fields.String()
    effect_attempts = fields.Integer()
    created_at = fields.DateTime()


class EvidenceOut(Schema):
    id = fields.Integer()
    source = fields.String()
    report_id = fields.Integer(allow_none=True)
    content = fields.String()
    context = fields.List(fields.Dict())
    matches = fields.List(fields.Dict())
    categories = fields.List(fields.String())
    verdict = fields.String(allow_none=True)
    author = fields.Dict()
    space = fields.String()
    captured_at = fields.DateTime()


class ItemReportOut(Schema):
    id = fields.Integer()
    reporter_id = fields.Integer()
    reporter_verified = fields.Boolean()
    reason = fields.String()
    details = fields.String(allow_none=True)
    created_at = fields.DateTime()


class ItemDetail(ItemOut):
    content = fields.String()
    evidence = fields.List(fields.Nested(EvidenceOut))
    reports = fields.List(fields.Nested(ItemReportOut))
    decisions = fields.List(fields.Nested(DecisionOut))
    appeal = fields.Dict(allow_none=True)
    excluded_moderator_id = fields.Integer(allow_none=True)


class NotificationOut(Schema):
    id = fields.Integer()
    kind = fields.String()
    item_id = fields.Integer(allow_none=True)
    recipient_id = fields.Integer(allow_none=True)
    body = fields.Dict()
    created_at = fields.DateTime()


class CaseSummary(Schema):
    id = fields.Integer()
    title = fields.String()
    status = fields.String()
    risk_rating = fields.String()
    subject_user_id = fields.Integer(allow_none=True)
    youth = fields.Boolean()
    opened_by_id = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    closed_at = fields.DateTime(allow_none=True)


class EntryOut(Schema):
    id = fields.Integer()
    occurred_on = fields.Date()
    text = fields.String()
    recorded_by_id = fields.Integer()
    recorded_at = fields.DateTime()


class ActionOut(Schema):
    id = fields.Integer()
    kind = fields.String()
    referred_to = fields.String(allow_none=True)
    description = fields.String()
    due_on = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    outcome_recorded_at = fields.DateTime(allow_none=True)
    created_by_id = fields.Integer()
    created_at = fields.DateTime()


class CaseDetail(CaseSummary):
    summary = fields.String()
    chronology = fields.List(fields.Nested(EntryOut))
    actions = fields.List(fields.Nested(ActionOut))
    items = fields.List(fields.Nested(ItemOut))


class AuditVerification(Schema):
    ok = fields.Boolean()
    rows = fields.Integer()
    first_broken_id = fields.Integer(allow_none=True)
    problem = fields.String(allow_none=True)


RulePage = page_schema(RuleOut)
NotificationPage = page_schema(NotificationOut)
CasePage = page_schema(CaseSummary)
