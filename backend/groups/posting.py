"""Writing threads and posts: screening through ``backend/safeguarding.py`` (fail closed), statuses,
edits with their earlier versions, deletions and reactions; realtime events after commit.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend import safeguarding
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.core.errors import NotFound, Unprocessable
from backend.core.html import render_markdown, screening_text
from backend.core.rates import count_rate
from backend.groups import schemas
from backend.groups.live import _broadcast, _to_author, group_room
from backend.groups.models import (
    PRE_MODERATED,
    REACTIONS,
    ContentStatus,
    ContentVersion,
    Group,
    Post,
    Reaction,
    Thread,
)
from backend.groups.threads import _reactions_of, access_post, access_thread, thread_detail
from backend.groups.views import post_view, thread_view
from backend.groups.walls import audience_is_youth, group_standing
from backend.notifications import hooks as notifications
from moderation import api as moderation

log = logging.getLogger(__name__)
CONTEXT_POSTS = 3  # previous posts handed to moderation as context (evidence)


# --- threads and posts: writing ----------------------------------------------------------------


def _render_body(body: str) -> str:
    body_html = render_markdown(body)
    if not screening_text(html=body_html):
        raise Unprocessable("Write something first", {"body": ["The post is empty."]})
    return body_html


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) < 3:
        raise Unprocessable("Title too short", {"title": ["Use at least 3 characters."]})
    return title


def _screen(
    *,
    kind: str,
    content_id: int,
    author: User,
    group: Group,
    text: str,
    context: tuple[dict[str, Any], ...] = (),
) -> moderation.Verdict:
    return safeguarding.screen(
        safeguarding.subject(
            type=kind,
            id=content_id,
            author=author,
            text=text,
            youth_space=audience_is_youth(group),
            space=group_room(group.id),
            pre_moderated=group.moderation_mode == PRE_MODERATED,
            context=context,
        )
    )


def _status_for(verdict: moderation.Verdict, group: Group, current: str | None = None) -> str:
    """Allow publishes; hold holds; a pre-moderated group holds everything; content hidden after
    reports stays hidden until a moderator decides, whatever an edit says."""
    if verdict.action == "block":
        return ContentStatus.BLOCKED
    if current == ContentStatus.HIDDEN:
        return ContentStatus.HIDDEN
    if verdict.action == "allow" and group.moderation_mode != PRE_MODERATED:
        return ContentStatus.PUBLISHED
    if verdict.action == "allow":
        log.info("pre-moderated group %s: allowed content held for approval", group.id)
    return ContentStatus.PENDING


def _refused(verdict: moderation.Verdict, field: str) -> Unprocessable:
    reason = verdict.reason or "This can't be posted because it breaks the community rules."
    errors: dict[str, Any] = {field: [reason]}
    if verdict.signposts:
        errors["signposts"] = safeguarding.signposts_view(verdict)
    return Unprocessable(reason, errors)


def _context_for(thread_id: int, before_id: int | None) -> tuple[dict[str, Any], ...]:
    query = select(Post).where(Post.thread_id == thread_id, Post.status == ContentStatus.PUBLISHED)
    if before_id is not None:
        query = query.where(Post.id < before_id)
    posts = list(db.session.scalars(query.order_by(Post.id.desc()).limit(CONTEXT_POSTS)))
    return tuple(
        {
            "type": "post",
            "id": str(post.id),
            "author_id": post.author_id,
            "text": screening_text(html=post.body_html),
        }
        for post in reversed(posts)
    )


def do_start_thread(user: User, group_id: int, *, title: str, body: str) -> dict[str, Any]:
    """Start a thread. Title and opening text are screened together before anyone else sees them."""
    accounts.check_can_post(user)
    count_rate(user, "post")  # before rendering and screening, the costly steps
    s = group_standing(user, group_id, "post")
    group = s.group
    title, body_html = _clean_title(title), _render_body(body)
    now = utcnow()
    thread = Thread(
        group_id=group.id,
        author_id=user.id,
        title=title,
        status=ContentStatus.PENDING,
        created_at=now,
        last_post_at=now,
    )
    db.session.add(thread)
    db.session.flush()
    post = Post(
        thread_id=thread.id,
        group_id=group.id,
        author_id=user.id,
        is_opening=True,
        body_html=body_html,
        status=ContentStatus.PENDING,
        created_at=now,
    )
    db.session.add(post)
    db.session.flush()  # ids first: moderation keeps its copy under them
    verdict = _screen(
        kind="thread",
        content_id=thread.id,
        author=user,
        group=group,
        text=screening_text(plain=title, html=body_html),
    )
    thread.status = post.status = _status_for(verdict, group)
    if thread.status == ContentStatus.BLOCKED:
        # Kept (never served) so the id moderation holds its evidence under is never reused.
        db.session.commit()
        raise _refused(verdict, "body")
    _announce_thread(thread, None)
    _announce_change(post, thread, None, user)  # the opening post is announced like every post
    db.session.commit()
    return {
        **thread_view(thread, user, 0),
        "opening_post": post_view(post, user),
        "signposts": safeguarding.signposts_view(verdict),
    }


def do_reply(user: User, thread_id: int, *, body: str) -> dict[str, Any]:
    """Reply in a published thread; screened before anyone else sees it."""
    accounts.check_can_post(user)
    count_rate(user, "post")  # before rendering and screening, the costly steps
    found = access_thread(user, thread_id, "post")
    thread, group = found.thread, found.standing.group
    if thread.status != ContentStatus.PUBLISHED:
        raise NotFound()
    body_html = _render_body(body)
    post = Post(
        thread_id=thread.id,
        group_id=thread.group_id,
        author_id=user.id,
        body_html=body_html,
        status=ContentStatus.PENDING,
    )
    db.session.add(post)
    db.session.flush()
    verdict = _screen(
        kind="post",
        content_id=post.id,
        author=user,
        group=group,
        text=screening_text(html=body_html),
        context=_context_for(thread.id, post.id),
    )
    post.status = _status_for(verdict, group)
    if post.status == ContentStatus.BLOCKED:
        db.session.commit()
        raise _refused(verdict, "body")
    if post.status == ContentStatus.PUBLISHED:
        thread.last_post_at = post.created_at
    _announce_change(post, thread, None, user)
    db.session.commit()
    return {**post_view(post, user), "signposts": safeguarding.signposts_view(verdict)}


def _announce_change(post: Post, thread: Thread, before: str | None, author: User | None) -> None:
    """Tell the right people about a new post (``before`` None) or one whose text or status changed.

    Published: the group's room (less the people hiding the post's or the thread's author). Not
    published: its author only; readers who had it are told to drop it, without its text."""
    payload = schemas.LivePost().dump(post_view(post, author))
    notifications.on_post_published(thread, post, before)  # replies: the thread's people are told
    authors = [post.author_id, thread.author_id]
    if post.status == ContentStatus.PUBLISHED:
        event = "post_updated" if before == ContentStatus.PUBLISHED else "post_created"
        _broadcast(event, payload, post.group_id, authors)
        return
    if before == ContentStatus.PUBLISHED:
        gone = {"id": post.id, "thread_id": post.thread_id, "group_id": post.group_id, "status": post.status}
        _broadcast("post_removed", gone, post.group_id, authors, skip=[post.author_id])
    if post.status == ContentStatus.REMOVED:
        event = "post_removed"
    else:
        event = "post_created" if before is None else "post_updated"
    _to_author(event, payload, post.author_id)


def do_edit_post(user: User, post_id: int, *, body: str) -> dict[str, Any]:
    """The author edits a post: the previous text is kept as a version and the new text is screened."""
    accounts.check_can_post(user)
    count_rate(user, "post")  # before rendering and screening, the costly steps
    found = access_post(user, post_id, "post")
    post, thread, group = found.post, found.thread, found.standing.group
    if post.author_id != user.id or post.status not in (
        ContentStatus.PUBLISHED,
        ContentStatus.PENDING,
        ContentStatus.HIDDEN,
    ):
        raise NotFound()
    body_html = _render_body(body)
    before = post.status
    db.session.add(
        ContentVersion(
            thread_id=thread.id,
            post_id=post.id,
            body_html=post.body_html,
            status=before,
            reason="edit",
            actor_id=user.id,
        )
    )
    post.body_html, post.edited_at = body_html, utcnow()
    verdict = _screen(
        kind="post",
        content_id=post.id,
        author=user,
        group=group,
        text=screening_text(html=body_html),
        context=_context_for(thread.id, post.id),
    )
    status = _status_for(verdict, group, before)
    if status == ContentStatus.BLOCKED:
        safeguarding.rollback_refused_edit()  # the post stays as it was; moderation has the refused text
        raise _refused(verdict, "body")
    post.status = status
    _announce_change(post, thread, before, user)
    db.session.commit()
    return {
        **post_view(post, user, _reactions_of(post.id, user.id)),
        "signposts": safeguarding.signposts_view(verdict),
    }


def do_edit_thread(user: User, thread_id: int, *, title: str) -> dict[str, Any]:
    """The author changes a thread's title: versioned and screened again with the opening text."""
    accounts.check_can_post(user)
    count_rate(user, "post")  # before rendering and screening, the costly steps
    found = access_thread(user, thread_id, "post")
    thread, group = found.thread, found.standing.group
    if thread.author_id != user.id or thread.status not in (
        ContentStatus.PUBLISHED,
        ContentStatus.PENDING,
        ContentStatus.HIDDEN,
    ):
        raise NotFound()
    title = _clean_title(title)
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.is_opening.is_(True)))
    before = thread.status
    db.session.add(
        ContentVersion(
            thread_id=thread.id, title=thread.title, status=before, reason="edit", actor_id=user.id
        )
    )
    thread.title, thread.edited_at = title, utcnow()
    text = screening_text(plain=title, html=opening.body_html if opening is not None else "")
    verdict = _screen(kind="thread", content_id=thread.id, author=user, group=group, text=text)
    status = _status_for(verdict, group, before)
    if status == ContentStatus.BLOCKED:
        safeguarding.rollback_refused_edit()  # the thread stays as it was; moderation has the refused title
        raise _refused(verdict, "title")
    thread.status = status
    _announce_thread(thread, before)
    db.session.commit()
    return {**thread_detail(user, thread.id), "signposts": safeguarding.signposts_view(verdict)}


def _announce_thread(thread: Thread, before: str | None) -> None:
    """The same for a thread: new (``before`` None), retitled, released, hidden or removed."""
    payload = schemas.ThreadOut().dump(thread_view(thread, db.session.get(User, thread.author_id)))
    if thread.status == ContentStatus.PUBLISHED:
        event = "thread_updated" if before == ContentStatus.PUBLISHED else "thread_created"
        _broadcast(event, payload, thread.group_id, [thread.author_id])
        return
    if before == ContentStatus.PUBLISHED:
        gone = {"id": thread.id, "group_id": thread.group_id, "status": thread.status}
        _broadcast("thread_removed", gone, thread.group_id, [thread.author_id], skip=[thread.author_id])
    # The author's event names the change as a post's does (``_announce_change``).
    if thread.status == ContentStatus.REMOVED:
        event = "thread_removed"
    else:
        event = "thread_created" if before is None else "thread_updated"
    _to_author(event, payload, thread.author_id)


def do_delete_post(user: User, post_id: int) -> None:
    """The author deletes their post: it becomes a "removed" placeholder; the row and its versions
    stay (moderation evidence is never destroyed by a user action)."""
    post = db.session.get(Post, post_id)
    if (
        post is None
        or post.author_id != user.id
        or post.status in (ContentStatus.REMOVED, ContentStatus.BLOCKED)
    ):
        raise NotFound()
    thread = db.session.get(Thread, post.thread_id)
    assert thread is not None
    before = post.status
    post.status, post.removed_at = ContentStatus.REMOVED, utcnow()
    _announce_change(post, thread, before, user)
    db.session.commit()


def do_react(user: User, post_id: int, kind: str, on: bool) -> dict[str, Any]:
    """Add (idempotent) or take back one reaction of a kind on a published post."""
    if kind not in REACTIONS:
        raise NotFound()
    if on:
        accounts.check_can_post(user)
    post = access_post(user, post_id, "post").post
    if post.status != ContentStatus.PUBLISHED:
        raise NotFound()
    existing = db.session.scalar(
        select(Reaction).where(
            Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind
        )
    )
    if on and existing is None:
        db.session.add(Reaction(post_id=post.id, user_id=user.id, kind=kind))
        try:
            db.session.flush()
        except IntegrityError:  # the same reaction from a concurrent request: already there
            db.session.rollback()
    elif not on and existing is not None:
        db.session.delete(existing)
    db.session.commit()
    return {"post_id": post_id, "reactions": _reactions_of(post_id, user.id)}
