"""Undoing a redaction that an appeal overturned (PRODUCT.md 2.7: "an author may appeal a removal
once; a different moderator decides").

A moderator's redaction replaces a title or a body and keeps the original as a ``redact`` version.
When the appeal is upheld, moderation releases the content; the original text comes back from that
version, unless the author has edited it since (their later, screened words stand). The redacted
text is kept in its turn as a ``restore`` version, so a repeated release (moderation retries an
effect until it succeeds) finds nothing left to undo.
"""

from __future__ import annotations

from sqlalchemy import select

from backend.core.db import db
from backend.groups.models import ContentVersion, Post, Thread

REDACT, RESTORE = "redact", "restore"


def _latest(thread: Thread, post: Post | None) -> ContentVersion | None:
    about = ContentVersion.post_id == post.id if post is not None else ContentVersion.post_id.is_(None)
    return db.session.scalar(
        select(ContentVersion)
        .where(ContentVersion.thread_id == thread.id, about)
        .order_by(ContentVersion.id.desc())
        .limit(1)
    )


def restore_title(thread: Thread, moderator_id: int | None) -> bool:
    """Put back a thread's redacted title; True if it changed."""
    latest = _latest(thread, None)
    if latest is None or latest.reason != REDACT or latest.title is None:
        return False
    db.session.add(
        ContentVersion(
            thread_id=thread.id,
            title=thread.title,
            status=thread.status,
            reason=RESTORE,
            actor_id=moderator_id,
        )
    )
    thread.title = latest.title
    return True


def restore_body(thread: Thread, post: Post, moderator_id: int | None) -> bool:
    """Put back a post's redacted body; True if it changed."""
    latest = _latest(thread, post)
    if latest is None or latest.reason != REDACT or latest.body_html is None:
        return False
    db.session.add(
        ContentVersion(
            thread_id=thread.id,
            post_id=post.id,
            body_html=post.body_html,
            status=post.status,
            reason=RESTORE,
            actor_id=moderator_id,
        )
    )
    post.body_html = latest.body_html
    return True
