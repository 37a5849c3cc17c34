"""Reading articles: search, one article, bookmarks and feedback (check_* validate, do_* write once).

Feedback is co-production (004 proposal 6): a yes/no and an optional comment. A comment is screened
like any other text someone writes here (a disclosure in it reaches the moderators, and its author
sees the crisis signposts at once), and it is never shown to anyone: agencies read counts only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

import content
from backend import safeguarding
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db
from backend.core.errors import Unprocessable
from backend.core.html import INTERNAL_LINK_PREFIX, render_content_markdown, screening_text
from backend.core.rates import count_rate
from backend.core.statuses import Saved
from backend.journeys.models import Bookmark, CommentState, Feedback
from backend.journeys.walls import access_article, readable_audiences, standing

SUBJECT = "feedback"  # moderation's subject type for a feedback comment


def summary_view(article: content.Article) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "title": article.title,
        "summary": article.summary,
        "stages": list(article.stages),
        "audience": article.audience,
        "legal_routes": list(article.legal_routes),
        "evidence": list(article.evidence),
        "tags": list(article.tags),
        "reading_minutes": article.reading_minutes,
        "reviewed_by": article.reviewed_by,
        "reviewed_on": article.reviewed_on,
    }


def render(article: content.Article) -> str:
    """The body as safe HTML, its internal links pointing at the API's article paths."""
    linked = content.link_internal(article.body, lambda slug: f"{INTERNAL_LINK_PREFIX}{slug}")
    return render_content_markdown(linked)


def search(
    user: User, *, stage: str | None = None, audience: str | None = None, q: str | None = None
) -> list[dict[str, Any]]:
    """Articles this person may read, by title; ``q`` matches title, summary or body, every word."""
    audiences = readable_audiences(user)
    words = (q or "").lower().split()
    found = []
    for article in content.library().articles.values():
        if article.audience not in audiences or (audience and article.audience != audience):
            continue
        if stage and stage not in article.stages:
            continue
        if words:
            text = f"{article.title}\n{article.summary}\n{article.body}".lower()
            if not all(word in text for word in words):
                continue
        found.append(summary_view(article))
    return found


def detail(user: User, slug: str) -> dict[str, Any]:
    article = access_article(user, slug)
    mine = db.session.scalar(select(Feedback).where(Feedback.user_id == user.id, Feedback.slug == slug))
    return {
        **summary_view(article),
        "body_html": render(article),
        "bookmarked": _bookmark(user, slug) is not None,
        "my_feedback": {"helpful": mine.helpful} if mine is not None else None,
    }


def _bookmark(user: User, slug: str) -> Bookmark | None:
    return db.session.scalar(select(Bookmark).where(Bookmark.user_id == user.id, Bookmark.slug == slug))


def do_bookmark(user: User, slug: str) -> Saved[dict[str, Any]]:
    article = access_article(user, slug)
    existing = _bookmark(user, slug)
    if existing is not None:
        return Saved(bookmark_view(existing, article), False)
    mark = Bookmark(user_id=user.id, slug=slug)
    db.session.add(mark)
    db.session.commit()
    return Saved(bookmark_view(mark, article), True)


def do_unbookmark(user: User, slug: str) -> None:
    access_article(user, slug)
    existing = _bookmark(user, slug)
    if existing is not None:
        db.session.delete(existing)
        db.session.commit()


def bookmark_view(mark: Bookmark, article: content.Article) -> dict[str, Any]:
    return {"id": mark.id, "bookmarked_at": mark.created_at, "article": summary_view(article)}


def bookmarks(user: User) -> list[dict[str, Any]]:
    """The caller's bookmarks of articles they may still read (an article removed from content/, or
    one they may no longer read, drops out)."""
    lib = content.library().articles
    rows = db.session.scalars(select(Bookmark).where(Bookmark.user_id == user.id))
    return [
        bookmark_view(mark, article)
        for mark in rows
        if (article := lib.get(mark.slug)) is not None and standing(user, article).read
    ]


def do_feedback(user: User, slug: str, *, helpful: bool, comment: str | None) -> Saved[dict[str, Any]]:
    """Record (or replace) the caller's feedback; a comment is screened before it is kept."""
    access_article(user, slug)
    comment = (comment or "").strip() or None
    if comment is not None:
        accounts.check_can_post(user)
        count_rate(user, "post")  # a comment is screened like a post, and limited like one
    row = db.session.scalar(select(Feedback).where(Feedback.user_id == user.id, Feedback.slug == slug))
    created = row is None
    if row is None:
        row = Feedback(user_id=user.id, slug=slug, helpful=helpful)
        db.session.add(row)
    row.helpful, row.comment = helpful, comment
    row.comment_state = CommentState.NONE if comment is None else CommentState.PENDING
    db.session.flush()  # the id first: moderation keeps its copy under it
    signposts: list[dict[str, str]] = []
    if comment is not None:
        verdict = safeguarding.screen(
            safeguarding.subject(
                type=SUBJECT,
                id=row.id,
                author=user,
                text=screening_text(plain=comment),
                youth_space=accounts.is_youth(user),
                space=f"article:{slug}",
            )
        )
        signposts = [
            {"name": s.name, "contact": s.contact, "description": s.description} for s in verdict.signposts
        ]
        if verdict.action == "block":
            row.comment_state = CommentState.BLOCKED
            db.session.commit()  # kept, never counted: the id moderation's evidence names
            reason = verdict.reason or "This comment can't be kept because it breaks the community rules."
            errors: dict[str, Any] = {"comment": [reason]}
            if signposts:
                errors["signposts"] = signposts
            raise Unprocessable(reason, errors)
        row.comment_state = CommentState.PUBLISHED if verdict.action == "allow" else CommentState.PENDING
    db.session.commit()
    return Saved(
        {
            "slug": slug,
            "helpful": row.helpful,
            "comment_status": row.comment_state,
            "signposts": signposts,
        },
        created,
    )


def feedback_summary() -> list[dict[str, Any]]:
    """Counts per article, nothing else: no comment text, no names (agencies read feedback in
    aggregate only)."""
    counted = (CommentState.PUBLISHED, CommentState.PENDING)
    rows = db.session.execute(
        select(
            Feedback.slug,
            func.sum(case((Feedback.helpful.is_(True), 1), else_=0)),
            func.count(Feedback.id),
            func.sum(case((Feedback.comment_state.in_(counted), 1), else_=0)),
        ).group_by(Feedback.slug)
    ).all()
    lib = content.library().articles
    found = []
    for slug, helpful, total, comments in rows:
        article = lib.get(slug)
        found.append(
            {
                "slug": slug,
                "title": article.title if article is not None else None,
                "helpful": int(helpful or 0),
                "not_helpful": int(total) - int(helpful or 0),
                "comments": int(comments or 0),
            }
        )
    return found


def apply_decision(subject_id: str, state: CommentState) -> None:
    """A moderator's decision about a feedback comment (idempotent)."""
    row = db.session.get(Feedback, int(subject_id)) if subject_id.isdigit() else None
    if row is not None and row.comment is not None and row.comment_state != CommentState.BLOCKED:
        row.comment_state = state
        db.session.commit()
