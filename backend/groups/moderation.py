"""Moderation and groups: what a report sends to moderation (``subject_for_*``, under the group's
wall) and the effects of moderators' decisions on threads and posts (registered in ``register``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend import safeguarding
from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.core.errors import NotFound
from backend.core.html import render_markdown, screening_text
from backend.groups import redactions
from backend.groups.live import group_room
from backend.groups.models import PRE_MODERATED, ContentStatus, ContentVersion, Post, Thread
from backend.groups.posting import _announce_change, _announce_thread, _context_for
from backend.groups.threads import access_post, access_thread
from backend.groups.walls import audience_is_youth
from moderation import api as moderation

# --- reports: content copies under this feature's rules ----------------------------------------


REDACTED = "This was edited by a moderator."


def subject_for_post(user: User, post_id: int) -> moderation.Subject:
    """What a report about a post hands to moderation: raises NotFound if the reporter may not see it."""
    found = access_post(user, post_id)
    post, thread, group = found.post, found.thread, found.standing.group
    if post.status == ContentStatus.REMOVED:
        raise NotFound()
    author = db.session.get(User, post.author_id)
    assert author is not None
    return safeguarding.subject(
        type="post",
        id=post.id,
        author=author,
        text=screening_text(html=post.body_html),
        youth_space=audience_is_youth(group),
        space=group_room(group.id),
        pre_moderated=group.moderation_mode == PRE_MODERATED,
        context=_context_for(thread.id, post.id),
    )


def subject_for_thread(user: User, thread_id: int) -> moderation.Subject:
    """What a report about a thread hands to moderation: its title and opening text."""
    found = access_thread(user, thread_id)
    thread, group = found.thread, found.standing.group
    if thread.status == ContentStatus.REMOVED:
        raise NotFound()
    author = db.session.get(User, thread.author_id)
    assert author is not None
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.is_opening.is_(True)))
    body = opening.body_html if opening is not None and opening.status != ContentStatus.REMOVED else ""
    return safeguarding.subject(
        type="thread",
        id=thread.id,
        author=author,
        text=screening_text(plain=thread.title, html=body),
        youth_space=audience_is_youth(group),
        space=group_room(group.id),
        pre_moderated=group.moderation_mode == PRE_MODERATED,
    )


# --- moderation decisions ----------------------------------------------------------------------


def _decision_rows(decision: moderation.Decision) -> tuple[Thread | None, Post | None]:
    """The thread and post a decision is about; (None, None) for anything not ours or gone."""
    if decision.subject_type not in ("post", "thread"):
        return None, None
    try:
        subject_id = int(decision.subject_id)
    except (TypeError, ValueError):
        return None, None
    if decision.subject_type == "post":
        post = db.session.get(Post, subject_id)
        return (db.session.get(Thread, post.thread_id), post) if post is not None else (None, None)
    thread = db.session.get(Thread, subject_id)
    if thread is None:
        return None, None
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.is_opening.is_(True)))
    return thread, opening


def _set_post_status(post: Post, thread: Thread, status: str) -> None:
    before = post.status
    if before in (status, ContentStatus.BLOCKED):
        return
    post.status = status
    if status == ContentStatus.REMOVED:
        post.removed_at = utcnow()
    if status == ContentStatus.PUBLISHED and post.created_at > thread.last_post_at:
        thread.last_post_at = post.created_at
    _announce_change(post, thread, before, db.session.get(User, post.author_id))


def _set_thread_status(thread: Thread, status: str) -> None:
    before = thread.status
    if before in (status, ContentStatus.BLOCKED):
        return
    thread.status = status
    _announce_thread(thread, before)


def _removed_by_a_moderator(thread: Thread, post: Post | None) -> bool:
    """Was this taken-down content removed by a moderator (not deleted by its author)? A moderator's
    removal leaves a "remove" version; an author's deletion leaves none, and is never undone."""
    about = ContentVersion.post_id == post.id if post is not None else ContentVersion.post_id.is_(None)
    latest = db.session.scalar(
        select(ContentVersion.reason)
        .where(ContentVersion.thread_id == thread.id, about)
        .order_by(ContentVersion.id.desc())
        .limit(1)
    )
    return latest == "remove"


def on_release(decision: moderation.Decision) -> None:
    """release: held or hidden content is published (and announced live); so is content whose
    removal was overturned on appeal."""
    thread, post = _decision_rows(decision)
    if thread is None:
        return
    if decision.subject_type == "thread":
        if thread.status in (ContentStatus.PENDING, ContentStatus.HIDDEN) or (
            thread.status == ContentStatus.REMOVED and _removed_by_a_moderator(thread, None)
        ):
            _set_thread_status(thread, ContentStatus.PUBLISHED)
            if post is not None and post.status in (ContentStatus.PENDING, ContentStatus.HIDDEN):
                # The opening text was screened with the title: published with it, and announced
                # like any released post (after its thread, so clients know the thread first).
                _set_post_status(post, thread, ContentStatus.PUBLISHED)
    elif post is not None and (
        post.status in (ContentStatus.PENDING, ContentStatus.HIDDEN)
        or (post.status == ContentStatus.REMOVED and _removed_by_a_moderator(thread, post))
    ):
        post.removed_at = None
        _set_post_status(post, thread, ContentStatus.PUBLISHED)
    if decision.appeal:
        _restore_redacted(decision, thread, post)
    db.session.commit()


def _restore_redacted(decision: moderation.Decision, thread: Thread, post: Post | None) -> None:
    """An upheld appeal against a redaction: the original text of what the redaction left published
    comes back (``redactions``)."""
    moderator_id = decision.moderator_id
    if (
        decision.subject_type == "thread"
        and thread.status == ContentStatus.PUBLISHED
        and redactions.restore_title(thread, moderator_id)
    ):
        thread.edited_at = utcnow()
        _announce_thread(thread, thread.status)
    if (
        post is not None
        and post.status == ContentStatus.PUBLISHED
        and redactions.restore_body(thread, post, moderator_id)
    ):
        post.edited_at = utcnow()
        _announce_change(post, thread, post.status, db.session.get(User, post.author_id))


def on_remove(decision: moderation.Decision) -> None:
    """remove: the content becomes a removed placeholder (a whole thread disappears for readers); a
    "remove" version records it, so that an appeal can undo it."""
    thread, post = _decision_rows(decision)
    if thread is None:
        return
    if decision.subject_type == "thread":
        if thread.status not in (ContentStatus.REMOVED, ContentStatus.BLOCKED):
            db.session.add(_removal_version(decision, thread.id, title=thread.title, status=thread.status))
        _set_thread_status(thread, ContentStatus.REMOVED)
    elif post is not None:
        if post.status not in (ContentStatus.REMOVED, ContentStatus.BLOCKED):
            db.session.add(_removal_version(decision, thread.id, post_id=post.id, status=post.status))
        _set_post_status(post, thread, ContentStatus.REMOVED)
    db.session.commit()


def _removal_version(decision: moderation.Decision, thread_id: int, **fields: Any) -> ContentVersion:
    return ContentVersion(thread_id=thread_id, reason="remove", actor_id=decision.moderator_id, **fields)


def on_hide(decision: moderation.Decision) -> None:
    """hide (after several reports, or by the second reading): like held content until decided."""
    thread, post = _decision_rows(decision)
    if thread is None:
        return
    if decision.subject_type == "thread":
        if thread.status == ContentStatus.PUBLISHED:
            _set_thread_status(thread, ContentStatus.HIDDEN)
    elif post is not None and post.status == ContentStatus.PUBLISHED:
        _set_post_status(post, thread, ContentStatus.HIDDEN)
    db.session.commit()


def on_redact(decision: moderation.Decision) -> None:
    """redact: the text is replaced (the original kept as a version) and the content published."""
    thread, post = _decision_rows(decision)
    if thread is None:
        return
    replacement = str(decision.params.get("replacement") or REDACTED)
    if decision.subject_type == "thread" and thread.status not in (
        ContentStatus.REMOVED,
        ContentStatus.BLOCKED,
    ):
        db.session.add(
            ContentVersion(
                thread_id=thread.id,
                title=thread.title,
                status=thread.status,
                reason="redact",
                actor_id=decision.moderator_id,
            )
        )
        title = " ".join((replacement.splitlines() or [""])[0].split())[:200]
        thread.title, thread.edited_at = title if len(title) >= 3 else REDACTED, utcnow()
        before = thread.status
        thread.status = ContentStatus.PUBLISHED
        _announce_thread(thread, before)
    if post is not None and post.status not in (ContentStatus.REMOVED, ContentStatus.BLOCKED):
        db.session.add(
            ContentVersion(
                thread_id=thread.id,
                post_id=post.id,
                body_html=post.body_html,
                status=post.status,
                reason="redact",
                actor_id=decision.moderator_id,
            )
        )
        before = post.status
        post.body_html, post.edited_at, post.status = (
            render_markdown(replacement),
            utcnow(),
            ContentStatus.PUBLISHED,
        )
        _announce_change(post, thread, before, db.session.get(User, post.author_id))
    db.session.commit()
