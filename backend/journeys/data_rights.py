"""Export, deletion and turning 18 for journeys data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from backend.accounts.models import User
from backend.core.db import db
from backend.journeys.models import Bookmark, CommentState, Feedback, JourneyTopics


def export(user: User) -> dict[str, Any]:
    """Everything journeys keeps about the person (UK GDPR right of access)."""
    topics = db.session.get(JourneyTopics, user.id)
    return {
        "topics": topics.topics if topics is not None else [],
        "bookmarks": [
            {"slug": b.slug, "created_at": b.created_at.isoformat()}
            for b in db.session.scalars(select(Bookmark).where(Bookmark.user_id == user.id))
        ],
        "feedback": [
            {
                "slug": f.slug,
                "helpful": f.helpful,
                "comment": f.comment,
                "comment_status": f.comment_state,
                "updated_at": f.updated_at.isoformat(),
            }
            for f in db.session.scalars(select(Feedback).where(Feedback.user_id == user.id))
        ],
    }


def on_account_deleted(user: User) -> None:
    """Bookmarks and chosen topics go; feedback stays in the counts, no longer anyone's. A comment
    moderation holds evidence about is kept (its copy lives in moderation's own database anyway);
    other comments are cleared."""
    db.session.execute(delete(Bookmark).where(Bookmark.user_id == user.id))
    db.session.execute(delete(JourneyTopics).where(JourneyTopics.user_id == user.id))
    for row in db.session.scalars(select(Feedback).where(Feedback.user_id == user.id)):
        row.user_id = None
        row.comment = None if row.comment_state == CommentState.PUBLISHED else row.comment
