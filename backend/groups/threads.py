"""Reading threads and posts through the wall: a thread's standing, the thread list, cursors, and
``access_post`` / ``access_thread`` (the same 404 for missing and forbidden).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Protocol

from sqlalchemy import Integer, and_, bindparam, case, func, or_, select

from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db
from backend.core.errors import NotFound, Unprocessable
from backend.core.schemas import ID_MAX
from backend.groups.models import ContentStatus, Group, Membership, Post, Reaction, Thread
from backend.groups.views import _reactions_view, thread_view
from backend.groups.walls import (
    Need,
    PersonFacts,
    Rights,
    Standing,
    _require,
    _standing,
    group_standing,
)

# --- threads and posts: reading ----------------------------------------------------------------


DEFAULT_PAGE = 20
MAX_PAGE = 50


def _content_visible(status: str, author_id: int, viewer_id: int, s: Rights) -> bool:
    """Published (and removed placeholders) for readers; held and hidden content only for its
    author and moderation staff; screening-blocked content for nobody."""
    if status == ContentStatus.BLOCKED:
        return False
    if status in (ContentStatus.PUBLISHED, ContentStatus.REMOVED):
        return True
    return author_id == viewer_id or s.moderate


@cache
def _thread_statement() -> Any:
    """A thread with its group and the caller's membership, built once (the thread page's hot path)."""
    me = bindparam("me", type_=Integer)
    return (
        select(Thread, Group, Membership, accounts.hidden_from(Thread.author_id, me).label("author_hidden"))
        .join(Group, Group.id == Thread.group_id)
        .outerjoin(Membership, and_(Membership.group_id == Group.id, Membership.user_id == me))
        .where(Thread.id == bindparam("thread_id", type_=Integer))
    )


def _thread_row(user: User, thread_id: int) -> tuple[Thread, Standing, bool]:
    """The thread, the caller's standing in its group, and whether its author is hidden from them."""
    row = db.session.execute(_thread_statement(), {"me": user.id, "thread_id": thread_id}).first()
    if row is None:
        raise NotFound()
    thread, group, membership, author_hidden = row
    return thread, _standing(PersonFacts(user), group, membership), bool(author_hidden)


class ThreadFacts(Protocol):
    """What ``_thread_visible`` reads of a thread: a ``Thread``, or the thread page's row."""

    @property
    def status(self) -> str: ...
    @property
    def author_id(self) -> int: ...


def _thread_visible(thread: ThreadFacts, user: accounts.Person, s: Rights, author_hidden: bool) -> bool:
    if not s.read or author_hidden:
        return False
    if thread.status == ContentStatus.REMOVED:
        return s.moderate
    return _content_visible(thread.status, thread.author_id, user.id, s)


@dataclass(frozen=True)
class ThreadAccess:
    """What ``access_thread`` found: the thread and the caller's standing in its group."""

    thread: Thread
    standing: Standing


@dataclass(frozen=True)
class PostAccess:
    """What ``access_post`` found: the post, its thread and the caller's standing in the group."""

    post: Post
    thread: Thread
    standing: Standing


def access_thread(user: User, thread_id: int, need: Need = "read") -> ThreadAccess:
    """A thread the caller may see: the group's wall, its status, and not by someone hidden from them."""
    thread, s, author_hidden = _thread_row(user, thread_id)
    if not _thread_visible(thread, user, _require(s, need), author_hidden):
        raise NotFound()
    return ThreadAccess(thread, s)


def thread_detail(user: User, thread_id: int) -> dict[str, Any]:
    thread = access_thread(user, thread_id).thread
    return thread_view(thread, db.session.get(User, thread.author_id), _reply_counts([thread.id])[thread.id])


def _reply_counts(thread_ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        select(Post.thread_id, func.count())
        .where(
            Post.thread_id.in_(thread_ids), Post.status == ContentStatus.PUBLISHED, Post.is_opening.is_(False)
        )
        .group_by(Post.thread_id)
    ).all()
    counts = dict.fromkeys(thread_ids, 0)
    counts.update({thread_id: n for thread_id, n in rows})
    return counts


def _page_size(limit: int | None) -> int:
    return max(1, min(limit or DEFAULT_PAGE, MAX_PAGE))


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _thread_cursor(thread: Thread) -> str:
    micros = (thread.last_post_at - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}.{thread.id}"


def _bad_cursor() -> Unprocessable:
    return Unprocessable("Invalid cursor", {"cursor": ["Use the next_cursor of a previous page."]})


def _parse_thread_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        micros, _, thread_id = cursor.partition(".")
        at, last_id = _EPOCH + timedelta(microseconds=int(micros)), int(thread_id)
    except (ValueError, OverflowError) as exc:
        raise _bad_cursor() from exc
    if not 0 <= last_id <= ID_MAX:
        raise _bad_cursor()
    return at, last_id


def _parse_post_cursor(cursor: str) -> int:
    try:
        last_id = int(cursor)
    except ValueError as exc:
        raise _bad_cursor() from exc
    if not 0 <= last_id <= ID_MAX:
        raise _bad_cursor()
    return last_id


def _reply_count_column() -> Any:
    return (
        select(func.count(Post.id))
        .where(
            Post.thread_id == Thread.id, Post.status == ContentStatus.PUBLISHED, Post.is_opening.is_(False)
        )
        .correlate(Thread)
        .scalar_subquery()
    )


def list_threads(
    user: User, group_id: int, *, cursor: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Threads, latest activity first, keyset-paginated; blocked and muted people's threads left out.
    Two statements whatever the page size: the group with the caller's membership, then the threads
    with their authors and reply counts (blocked and muted authors filtered in SQL)."""
    s = group_standing(user, group_id, "read")
    size = _page_size(limit)
    query = (
        select(Thread, User, _reply_count_column())
        .join(User, User.id == Thread.author_id)
        .where(Thread.group_id == group_id, ~accounts.hidden_from(Thread.author_id, user.id))
        .order_by(Thread.last_post_at.desc(), Thread.id.desc())
        .limit(size + 1)
    )
    if s.moderate:
        query = query.where(Thread.status != ContentStatus.BLOCKED)
    else:
        query = query.where(
            or_(
                Thread.status == ContentStatus.PUBLISHED,
                and_(
                    Thread.author_id == user.id,
                    Thread.status.in_((ContentStatus.PENDING, ContentStatus.HIDDEN)),
                ),
            )
        )
    if cursor:
        at, thread_id = _parse_thread_cursor(cursor)
        query = query.where(
            or_(Thread.last_post_at < at, and_(Thread.last_post_at == at, Thread.id < thread_id))
        )
    rows = db.session.execute(query).all()
    page = rows[:size]
    return {
        "items": [thread_view(t, u, n) for t, u, n in page],
        "next_cursor": _thread_cursor(page[-1][0]) if len(rows) > size else None,
    }


def access_post(user: User, post_id: int, need: Need = "read") -> PostAccess:
    """A post the caller may see: its thread is visible to them, and so is the post."""
    row = db.session.execute(
        select(
            Post,
            Thread,
            Group,
            Membership,
            accounts.hidden_from(Thread.author_id, user.id).label("thread_author_hidden"),
            accounts.hidden_from(Post.author_id, user.id).label("post_author_hidden"),
        )
        .join(Thread, Thread.id == Post.thread_id)
        .join(Group, Group.id == Post.group_id)
        .outerjoin(Membership, and_(Membership.group_id == Group.id, Membership.user_id == user.id))
        .where(Post.id == post_id)
    ).first()
    if row is None:
        raise NotFound()
    post, thread, group, membership, thread_author_hidden, post_author_hidden = row
    s = _standing(PersonFacts(user), group, membership)
    if (
        not getattr(s, need)
        or not _thread_visible(thread, user, s, bool(thread_author_hidden))
        or post_author_hidden
        or not _content_visible(post.status, post.author_id, user.id, s)
    ):
        raise NotFound()
    return PostAccess(post, thread, s)


def _reactions_of(post_id: int, user_id: int) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(Reaction.kind, func.count(), func.max(case((Reaction.user_id == user_id, 1), else_=0)))
        .where(Reaction.post_id == post_id)
        .group_by(Reaction.kind)
    ).all()
    return _reactions_view({k: n for k, n, _m in rows}, {k for k, _n, m in rows if m})
