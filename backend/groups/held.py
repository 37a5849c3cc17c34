"""Threads and posts for the moderation link: those waiting for a moderator
(``moderation_link.sweep``) and which are stored at all (``moderation_link.unstored``)."""

from __future__ import annotations

import functools
from datetime import datetime

from sqlalchemy import select

from backend import safeguarding
from backend.accounts.models import User
from backend.core.db import db
from backend.core.html import screening_text
from backend.groups import posting
from backend.groups import service as groups
from backend.groups.models import PRE_MODERATED, ContentStatus, Group, Post, Thread
from backend.moderation_link import sweep
from moderation import api as moderation


def held_threads(after_id: int, limit: int) -> list[sweep.HeldContent]:
    """Held threads (title and opening text screened together) with ids above ``after_id``."""
    rows = db.session.execute(
        select(Thread, Group, User)
        .join(Group, Group.id == Thread.group_id)
        .join(User, User.id == Thread.author_id)
        .where(Thread.status == ContentStatus.PENDING, Thread.id > after_id)
        .order_by(Thread.id)
        .limit(limit)
    ).all()
    return [
        (thread.id, functools.partial(_thread_subject, thread, group, author))
        for thread, group, author in rows
    ]


def held_posts(after_id: int, limit: int) -> list[sweep.HeldContent]:
    """Held replies with ids above ``after_id`` (an opening post is its thread's)."""
    rows = db.session.execute(
        select(Post, Group, User)
        .join(Group, Group.id == Post.group_id)
        .join(User, User.id == Post.author_id)
        .where(Post.status == ContentStatus.PENDING, Post.is_opening.is_(False), Post.id > after_id)
        .order_by(Post.id)
        .limit(limit)
    ).all()
    return [(post.id, functools.partial(_post_subject, post, group, author)) for post, group, author in rows]


def _thread_subject(thread: Thread, group: Group, author: User) -> moderation.Subject:
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.is_opening.is_(True)))
    body = screening_text(html=opening.body_html) if opening is not None else ""
    return _subject("thread", thread.id, author, group, f"{thread.title}\n\n{body}".strip())


def _post_subject(post: Post, group: Group, author: User) -> moderation.Subject:
    context = posting._context_for(post.thread_id, post.id)
    return _subject("post", post.id, author, group, screening_text(html=post.body_html), context)


def _subject(
    kind: str, content_id: int, author: User, group: Group, text: str, context: tuple[dict, ...] = ()
) -> moderation.Subject:
    """As screening saw it (``groups.posting._screen``)."""
    return safeguarding.subject(
        type=kind,
        id=content_id,
        author=author,
        text=text,
        youth_space=groups.audience_is_youth(group),
        space=groups.group_room(group.id),
        pre_moderated=group.moderation_mode == PRE_MODERATED,
        context=context,
    )


def stored_threads(ids: list[int]) -> dict[int, tuple[int, datetime]]:
    """Which of these thread ids are stored (in any status): their author and creation time."""
    rows = db.session.execute(
        select(Thread.id, Thread.author_id, Thread.created_at).where(Thread.id.in_(ids))
    )
    return {thread_id: (author_id, created_at) for thread_id, author_id, created_at in rows}


def stored_posts(ids: list[int]) -> dict[int, tuple[int, datetime]]:
    """Which of these post ids are stored (in any status): their author and creation time."""
    rows = db.session.execute(select(Post.id, Post.author_id, Post.created_at).where(Post.id.in_(ids)))
    return {post_id: (author_id, created_at) for post_id, author_id, created_at in rows}
