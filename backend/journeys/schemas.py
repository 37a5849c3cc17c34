"""Journeys, articles, stages and the directory: load schemas (unknown fields refused, lengths
bounded) and dump schemas, the only place a response shape is written."""

from __future__ import annotations

from marshmallow import fields, validate

import content
from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import DumpSchema, LoadSchema, text
from content.vocabulary import load_stages, load_tags

COMMENT = 1000
SLUG = 120

# The vocabularies are data (content/); read once, when this module is imported.
_TAGS = load_tags()
_STAGES = load_stages(tags=_TAGS)


# --- stages -------------------------------------------------------------------------------------


class StageOut(DumpSchema):
    slug = fields.String()
    title = fields.String()
    summary = fields.String()
    journeys = fields.List(fields.String())
    lead_months = fields.Integer(metadata={"description": "Resources and nudges this long before it starts."})
    tags = fields.List(fields.String())
    order = fields.Integer()


StagePage = page_schema(StageOut)


class PageQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int)


# --- articles -----------------------------------------------------------------------------------


class ArticleQuery(LoadSchema):
    stage = fields.String(validate=validate.OneOf(list(_STAGES)))
    audience = fields.String(validate=validate.OneOf(content.AUDIENCES))
    q = text(80)
    limit = limit_field()
    cursor = Cursor(str, str)  # (title, slug)


class ArticleOut(DumpSchema):
    slug = fields.String()
    title = fields.String()
    summary = fields.String()
    stages = fields.List(fields.String())
    audience = fields.String()
    legal_routes = fields.List(fields.String())
    evidence = fields.List(fields.String())
    tags = fields.List(fields.String())
    reading_minutes = fields.Integer()
    reviewed_by = fields.String()
    reviewed_on = fields.Date()


ArticlePage = page_schema(ArticleOut)


class MyFeedbackOut(DumpSchema):
    helpful = fields.Boolean()


class ArticleDetailOut(ArticleOut):
    body_html = fields.String(metadata={"description": "Sanitised HTML; internal links are API paths."})
    bookmarked = fields.Boolean()
    my_feedback = fields.Nested(MyFeedbackOut, allow_none=True)


class BookmarkOut(DumpSchema):
    id = fields.Integer()
    bookmarked_at = fields.DateTime()
    article = fields.Nested(ArticleOut)


BookmarkPage = page_schema(BookmarkOut)


class FeedbackIn(LoadSchema):
    helpful = fields.Boolean(required=True)
    comment = text(COMMENT, min_length=0, load_default=None, allow_none=True)


class SignpostOut(DumpSchema):
    name = fields.String()
    contact = fields.String()
    description = fields.String()


class FeedbackOut(DumpSchema):
    slug = fields.String()
    helpful = fields.Boolean()
    comment_status = fields.String(metadata={"description": "none, published, pending or removed"})
    signposts = fields.List(fields.Nested(SignpostOut))


class FeedbackCountsOut(DumpSchema):
    slug = fields.String()
    title = fields.String(allow_none=True)
    helpful = fields.Integer()
    not_helpful = fields.Integer()
    comments = fields.Integer()


FeedbackCountsPage = page_schema(FeedbackCountsOut)


class FeedbackSummaryQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(str)


# --- journeys -----------------------------------------------------------------------------------


class PlacedStageOut(DumpSchema):
    slug = fields.String()
    title = fields.String()
    summary = fields.String()
    status = fields.String(metadata={"description": "current, upcoming or available"})
    starts_on = fields.Date(allow_none=True)
    ends_on = fields.Date(allow_none=True, metadata={"description": "The day after it ends (exclusive)."})
    starts = fields.String(allow_none=True, metadata={"description": 'e.g. "September 2027"'})
    resources_from = fields.Date(allow_none=True)
    tags = fields.List(fields.String())


class AboutOut(DumpSchema):
    kind = fields.String(metadata={"description": "child, carer, prospective, young_person or adult_adoptee"})
    child_id = fields.Integer()
    born = fields.String(metadata={"description": "Month and year of birth of the child"})
    legal_route = fields.String()


class ArticleLinkOut(DumpSchema):
    slug = fields.String()
    title = fields.String()
    summary = fields.String()
    reading_minutes = fields.Integer()


class JourneySuggestionOut(DumpSchema):
    id = fields.Integer()
    name = fields.String()
    audience = fields.String()
    region = fields.String(allow_none=True)
    shared_tags = fields.List(fields.String())


class RecommendedOut(DumpSchema):
    articles = fields.List(fields.Nested(ArticleLinkOut))
    groups = fields.List(fields.Nested(JourneySuggestionOut))
    events = fields.List(fields.Dict())
    mentors = fields.List(fields.Dict())


class JourneyOut(DumpSchema):
    about = fields.Nested(AboutOut)
    current = fields.List(fields.Nested(PlacedStageOut))
    next = fields.List(fields.Nested(PlacedStageOut))
    always_available = fields.List(fields.Nested(PlacedStageOut))
    recommended = fields.Nested(RecommendedOut)


class MyJourneyOut(DumpSchema):
    as_of = fields.Date(metadata={"description": "Today in the UK"})
    topics = fields.List(fields.String())
    journeys = fields.List(fields.Nested(JourneyOut))


class TopicsIn(LoadSchema):
    topics = fields.List(
        fields.String(validate=validate.OneOf(list(_TAGS))),
        required=True,
        validate=validate.Length(max=20),
    )


class TopicsOut(DumpSchema):
    topics = fields.List(fields.String())


# --- directory ----------------------------------------------------------------------------------


class DirectoryQuery(LoadSchema):
    region = fields.String(validate=validate.OneOf(content.REGIONS))
    limit = limit_field()
    cursor = Cursor(int)


class DirectoryEntryOut(DumpSchema):
    id = fields.Integer()
    region = fields.String()
    local_authority = fields.String()
    example = fields.Boolean()
    support_duty_line = fields.String()
    out_of_hours = fields.String()
    virtual_school = fields.String()
    kinship_support = fields.String(allow_none=True)


DirectoryPage = page_schema(DirectoryEntryOut)
