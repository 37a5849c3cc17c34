"""Mentoring request and response shapes: the only place they are written."""

from __future__ import annotations

from marshmallow import fields, validate

from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema, record_id, text
from backend.mentoring import matches, matching
from backend.mentoring.schemes import MAX_CAPACITY, SCHEMES
from moderation import api as moderation

SCHEME = fields.String(required=True, validate=validate.OneOf(sorted(SCHEMES)))


def _tags(choices: tuple[str, ...], max_items: int = 12) -> fields.List:
    return fields.List(
        fields.String(validate=validate.OneOf(choices)),
        load_default=list,
        validate=validate.Length(max=max_items),
    )


class MentoringChildIn(LoadSchema):
    """A child described by ages only: never a name, school or photo."""

    age_at_placement = fields.Integer(required=True, validate=validate.Range(min=0, max=17))
    age_now = fields.Integer(required=True, validate=validate.Range(min=0, max=60))


class MentoringAttributesIn(LoadSchema):
    legal_routes = _tags(matching.LEGAL_ROUTES)
    children = fields.List(
        fields.Nested(MentoringChildIn), load_default=list, validate=validate.Length(max=12)
    )
    needs = _tags(matching.NEEDS)
    family_structure = _tags(matching.FAMILY_STRUCTURES)
    region = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(matching.REGIONS))
    languages = fields.List(text(20), load_default=list, validate=validate.Length(max=8))
    availability = _tags(matching.AVAILABILITY)
    modes = _tags(matching.MODES)
    # Used only when a person asks for a shared culture, and never alone (002).
    cultures = fields.List(text(40), load_default=list, validate=validate.Length(max=4))


class MentoringProfileIn(LoadSchema):
    offers = fields.List(
        fields.String(validate=validate.OneOf(sorted(SCHEMES))), validate=validate.Length(max=3)
    )
    attributes = fields.Nested(MentoringAttributesIn)
    about = text(1000, min_length=0)
    capacity = fields.Integer(validate=validate.Range(min=0, max=MAX_CAPACITY))
    paused = fields.Boolean()
    opted_in = fields.Boolean()


class MentoringProfileOut(DumpSchema):
    user_id = fields.Integer()
    offers = fields.List(fields.String())
    attributes = fields.Dict()
    about = fields.String()
    capacity = fields.Integer()
    paused = fields.Boolean()
    opted_in = fields.Boolean()
    approved_schemes = fields.List(fields.String())
    vetted_for = fields.List(
        fields.String(), metadata={"description": "Schemes whose vetting is in date today"}
    )


class MentorVettingIn(LoadSchema):
    dbs_checked_on = fields.Date(load_default=None, allow_none=True)
    dbs_renewal_due = fields.Date(load_default=None, allow_none=True)
    training_completed_on = fields.Date(load_default=None, allow_none=True)
    approved = fields.Boolean(required=True)
    schemes = fields.List(fields.String(validate=validate.OneOf(sorted(SCHEMES))), load_default=list)


class MentorVettingOut(DumpSchema):
    user_id = fields.Integer()
    dbs_checked_on = fields.Date(allow_none=True)
    dbs_renewal_due = fields.Date(allow_none=True)
    training_completed_on = fields.Date(allow_none=True)
    approved_schemes = fields.List(fields.String())
    vetted_for = fields.List(fields.String())


class MentoringRequestIn(LoadSchema):
    scheme = SCHEME
    goals = text(2000, min_length=0, load_default="")
    preferences = _tags(matching.PREFERENCES)
    needs = _tags(matching.NEEDS, 6)  # experience asked of the mentor, e.g. school exclusion
    stages = _tags(matching.STAGES, 4)  # e.g. "teenage": has parented a teenager


class MentoringRequestOut(DumpSchema):
    id = fields.Integer()
    scheme = fields.String()
    goals = fields.String()
    preferences = fields.List(fields.String())
    experience = fields.List(fields.String())
    status = fields.String()
    created_at = fields.DateTime()


class SuggestionsQuery(LoadSchema):
    limit = limit_field(20, 20)
    cursor = Cursor(int)


class MentorCard(DumpSchema):
    id = fields.Integer()
    display_name = fields.String()
    persona = fields.String()
    region = fields.String(allow_none=True)
    about = fields.String()
    modes = fields.List(fields.String())


class MentorSuggestionOut(DumpSchema):
    rank = fields.Integer(metadata={"description": "1 for the best fit"})
    mentor = fields.Nested(MentorCard)
    score = fields.Integer()
    fit = fields.Integer(metadata={"description": "Percent of the best possible fit for this request"})
    reasons = fields.List(fields.String())


SuggestionPage = page_schema(MentorSuggestionOut, "SuggestionPage")


class ChooseIn(LoadSchema):
    mentor_id = record_id(required=True)


class MatchPersonOut(DumpSchema):
    id = fields.Integer()
    display_name = fields.String()
    persona = fields.String()
    role = fields.String(allow_none=True)
    removed = fields.Boolean()


class MentoringSessionOut(DumpSchema):
    id = fields.Integer()
    held_on = fields.Date()
    minutes = fields.Integer()
    mode = fields.String()
    logged_by = fields.Integer()
    concern_raised = fields.Boolean()
    notes = fields.String(metadata={"description": "Only for the pair"})


class MatchOut(DumpSchema):
    id = fields.Integer()
    scheme = fields.String()
    status = fields.String()
    request_id = fields.Integer()
    mentor = fields.Nested(MatchPersonOut)
    mentee = fields.Nested(MatchPersonOut)
    score = fields.Integer()
    reasons = fields.List(fields.String())
    agency = fields.String(allow_none=True)
    coordinator_id = fields.Integer(allow_none=True)
    chosen_at = fields.DateTime()
    expires_at = fields.DateTime()
    room_id = fields.Integer(allow_none=True)
    sessions_before_review = fields.Integer()
    sessions = fields.List(fields.Nested(MentoringSessionOut))
    outcome = fields.String(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    mentor_feedback = fields.String(allow_none=True)
    mentee_feedback = fields.String(allow_none=True)


MatchPage = page_schema(MatchOut, "MatchPage")


class MatchesQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int)


class MatchCloseIn(LoadSchema):
    outcome = fields.String(required=True, validate=validate.OneOf(matches.OUTCOMES))
    feedback = text(2000, min_length=0, load_default="")


class ConcernIn(LoadSchema):
    reason = fields.String(required=True, validate=validate.OneOf(moderation.REPORT_REASONS))
    details = text(2000, min_length=0, load_default=None, allow_none=True)


class MentoringSessionIn(LoadSchema):
    held_on = fields.Date(required=True)
    minutes = fields.Integer(required=True, validate=validate.Range(min=5, max=480))
    mode = fields.String(required=True, validate=validate.OneOf(matches.MODES))
    notes = text(4000, min_length=0, load_default="")
    concern = fields.Nested(ConcernIn, load_default=None, allow_none=True)


class SessionLogged(DumpSchema):
    session = fields.Nested(MentoringSessionOut)
    concern_report_id = fields.Integer(allow_none=True)


class CohortIn(LoadSchema):
    scheme = SCHEME
    request_ids = fields.List(
        record_id(), load_default=None, allow_none=True, validate=validate.Length(min=1, max=20000)
    )


class CohortPair(DumpSchema):
    request_id = fields.Integer()
    mentee_id = fields.Integer()
    mentor_id = fields.Integer()
    score = fields.Integer()
    fit = fields.Integer()
    reasons = fields.List(fields.String())
    match_id = fields.Integer()


class CohortUnmatched(DumpSchema):
    request_id = fields.Integer()
    reason = fields.String()


class CohortOut(DumpSchema):
    id = fields.Integer()
    scheme = fields.String()
    agency = fields.String()
    status = fields.String()
    pairs = fields.List(fields.Nested(CohortPair))
    unmatched = fields.List(fields.Nested(CohortUnmatched))
    applied = fields.List(fields.Nested(CohortPair))
    total_score = fields.Integer()
    created_at = fields.DateTime()
    applied_at = fields.DateTime(allow_none=True)


class AssignIn(LoadSchema):
    confirm = fields.Boolean(required=True, validate=validate.Equal(True))
