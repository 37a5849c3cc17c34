"""Journeys, articles, stages and the directory over HTTP: load -> one service call -> dump.
An article a person may not read is the same 404 as one that does not exist."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import personas as p
from backend.core.auth import current_user
from backend.core.gate import only
from backend.core.pagination import page_in_memory
from backend.core.statuses import created_or_existing, creates
from backend.journeys import schemas, service

blp = Blueprint(
    "journeys", __name__, url_prefix="/api/v1", description="Life-stage journeys, articles and the directory"
)


@blp.route("/me/journey")
class MyJourney(MethodView):
    @blp.response(200, schemas.MyJourneyOut)
    def get(self) -> Any:
        """The caller's journeys (one per child for carers, their own for everyone else): current
        stages, the next ones with dates and when their resources open, and recommendations."""
        return service.my_journey(current_user())


@blp.route("/me/journey/topics")
class MyTopics(MethodView):
    @blp.arguments(schemas.TopicsIn)
    @blp.response(200, schemas.TopicsOut)
    def put(self, data: dict[str, Any]) -> Any:
        """Choose the topics (content tags) recommendations are drawn from. For young people these
        are the only source of recommendations (nothing is inferred)."""
        return service.do_set_topics(current_user(), data["topics"])


@blp.route("/stages")
class Stages(MethodView):
    @blp.arguments(schemas.PageQuery, location="query")
    @blp.response(200, schemas.StagePage)
    def get(self, query: dict[str, Any]) -> Any:
        """Every life stage, in journey order."""
        return page_in_memory(service.stage_list(), query["limit"], query["cursor"], lambda s: (s["order"],))


@blp.route("/articles")
class Articles(MethodView):
    @blp.arguments(schemas.ArticleQuery, location="query", as_kwargs=True)
    @blp.response(200, schemas.ArticlePage)
    def get(self, limit: int, cursor: Any, **query: Any) -> Any:
        """Articles the caller may read, by title, filtered by stage and audience; ``q`` searches
        title, summary and body (every word must appear). Young people see young people's articles only."""
        found = service.search_articles(current_user(), **query)
        return page_in_memory(found, limit, cursor, lambda a: (a["title"], a["slug"]))


@blp.route("/articles/feedback-summary")
class FeedbackSummary(MethodView):
    @only(p.AGENCY_WORKER, p.ADMIN)
    @blp.arguments(schemas.FeedbackSummaryQuery, location="query")
    @blp.response(200, schemas.FeedbackCountsPage)
    def get(self, query: dict[str, Any]) -> Any:
        """Feedback counts per article (agency workers and admins): counts only, never a comment or a name."""
        return page_in_memory(
            service.feedback_summary(), query["limit"], query["cursor"], lambda f: (f["slug"],)
        )


@blp.route("/articles/<string(maxlength=120):slug>")
class Article(MethodView):
    @blp.response(200, schemas.ArticleDetailOut)
    def get(self, slug: str) -> Any:
        """One article, its body as sanitised HTML."""
        return service.article_detail(current_user(), slug)


@blp.route("/articles/<string(maxlength=120):slug>/bookmark")
class ArticleBookmark(MethodView):
    @creates(blp, schemas.BookmarkOut)
    def put(self, slug: str) -> Any:
        """Bookmark an article: 201 when new, 200 when it was already bookmarked."""
        return created_or_existing(service.do_bookmark(current_user(), slug))

    @blp.response(204)
    def delete(self, slug: str) -> None:
        """Remove a bookmark (204 whether or not there was one)."""
        service.do_unbookmark(current_user(), slug)


@blp.route("/me/bookmarks")
class MyBookmarks(MethodView):
    @blp.arguments(schemas.PageQuery, location="query")
    @blp.response(200, schemas.BookmarkPage)
    def get(self, query: dict[str, Any]) -> Any:
        """The caller's bookmarks, newest first."""
        found = service.bookmarks(current_user())
        return page_in_memory(found, query["limit"], query["cursor"], lambda b: (b["id"],), descending=True)


@blp.route("/articles/<string(maxlength=120):slug>/feedback")
class ArticleFeedback(MethodView):
    @blp.arguments(schemas.FeedbackIn)
    @creates(blp, schemas.FeedbackOut)
    def post(self, data: dict[str, Any], slug: str) -> Any:
        """Was this helpful? A yes or no and an optional comment, screened before it is kept and never
        shown to anyone (agencies see counts only). 201 the first time, 200 when it replaces an answer."""
        return created_or_existing(service.do_feedback(current_user(), slug, **data))


@blp.route("/directory")
class Directory(MethodView):
    @blp.arguments(schemas.DirectoryQuery, location="query", as_kwargs=True)
    @blp.response(200, schemas.DirectoryPage)
    def get(self, limit: int, cursor: Any, region: str | None = None) -> Any:
        """Who to contact, by local authority or agency: support duty line, out-of-hours route and
        Virtual School. Every entry is a clearly marked example."""
        return page_in_memory(service.directory(region), limit, cursor, lambda e: (e["id"],))
