"""The thread page's fast path (QUALITY.md B4): two prebuilt Core statements read as plain rows,
with no ORM objects, written out as JSON from tuples. Proven equal to the general path by
tests/groups/test_thread_page_fast_path.py and pinned in statement count (bench/LEDGER.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Integer, String, and_, bindparam, case, func, literal_column, or_, select
from sqlalchemy.engine import Connection

from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db, read_first, read_rows
from backend.core.errors import NotFound
from backend.groups.models import REACTIONS, ContentStatus, Group, Membership, Post, Reaction, Thread
from backend.groups.threads import _page_size, _parse_post_cursor, _thread_visible
from backend.groups.walls import PersonFacts, _rights


def list_posts(
    user: User, thread_id: int, *, cursor: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The thread page: posts oldest first with authors and reactions, keyset-paginated, as dicts
    (``post_view``'s shape). The route serves the same page straight from ``read_post_page``."""
    posts, next_cursor = read_post_page(user, thread_id, cursor=cursor, limit=limit)
    return {"items": [_post_dict(post) for post in posts], "next_cursor": next_cursor}


class PageAuthor(NamedTuple):
    """A post's author as readers see it (``accounts.public_profile``'s fields that ``Author`` dumps)."""

    id: int
    display_name: str
    persona: str
    removed: bool


class PageReaction(NamedTuple):
    kind: str
    count: int  # type: ignore[assignment]  # the JSON's name; it hides tuple.count, never called here
    mine: bool


class PagePost(NamedTuple):
    """One post of the thread page as readers see it, in ``PostOut``'s field order. Named tuples, not
    dicts or ORM objects: the page is the hot path and is written out as JSON from these
    (``schemas.post_page_json``, proven equal to ``PostPage().dump``)."""

    id: int
    thread_id: int
    group_id: int
    is_opening: bool
    status: str
    author: PageAuthor | None  # None for a removed placeholder
    body_html: str | None
    created_at: datetime
    edited_at: datetime | None
    reactions: tuple[PageReaction, ...]


POST_FIELDS = PagePost._fields
AUTHOR_FIELDS = PageAuthor._fields
REACTION_FIELDS = PageReaction._fields


def read_post_page(
    user: accounts.Person, thread_id: int, *, cursor: str | None = None, limit: int | None = None
) -> tuple[list[PagePost], str | None]:
    """The thread page's posts (see ``PagePost``) and the next cursor, for an account or a principal
    (which has every attribute of an account that the wall reads).

    Two statements whatever the page size (QUALITY.md B4): the thread with its group, the caller's
    membership and whether its author is hidden from them; then the posts with their authors and
    reactions, blocked and muted authors filtered out in SQL. Both are prebuilt Core selects run on
    the driver's cursor of the context's read connection (``db.reader()``: no ORM session unless the
    context has one) and read as plain rows, packed on SQLite (``core.db.read_rows``: few GIL
    releases), with no ORM objects; the wall is the same
    ``_standing`` every other route uses. Removed posts are placeholders (``post_view``'s rule).
    """
    conn = db.reader()
    found = read_first(conn, _thread_read_statement(), {"me": user.id, "thread_id": thread_id})
    if found is None:
        raise NotFound()
    t_status, t_author, g_id, g_status, g_audience, g_visibility, m_status, m_role, author_hidden = found
    group = _GroupFacts(g_id, g_status, g_audience, g_visibility)
    # ``status`` is never NULL in a membership row: NULL here means the outer join found none.
    membership = _MembershipFacts(m_status, m_role) if m_status is not None else None
    # A principal has every attribute of an account that the wall reads (accounts.Person).
    s = _rights(PersonFacts(user), group, membership)
    if not _thread_visible(_ThreadFacts(t_status, t_author), user, s, bool(author_hidden)):
        raise NotFound()
    size = _page_size(limit)
    params = {
        "thread_id": thread_id,
        "me": user.id,
        "after": _parse_post_cursor(cursor) if cursor else 0,
        "limit": size + 1,
    }
    rows = _page_rows(conn, s.moderate, params)
    posts: list[PagePost] = []
    authors: dict[tuple[Any, ...], PageAuthor] = {}  # a page has few authors: each shown once
    for row in rows[:size]:
        post_id, thread, group_id, is_opening, status, body_html, created_at, edited_at = row[:8]
        if status == ContentStatus.REMOVED:  # a placeholder: no body, no author, no reactions
            posts.append(
                PagePost(post_id, thread, group_id, is_opening, status, None, None, created_at, None, ())
            )
            continue
        account = tuple(row[8:12])
        author = authors.get(account)
        if author is None:
            author = authors[account] = _shown_author(*account)
        reactions = _reactions_from(row[12])
        posts.append(
            PagePost(
                post_id,
                thread,
                group_id,
                is_opening,
                status,
                author,
                body_html,
                created_at,
                edited_at,
                reactions,
            )
        )
    return posts, (str(rows[size - 1][0]) if len(rows) > size else None)


def _shown_author(user_id: int, display_name: str, persona: str, status: str) -> PageAuthor:
    # accounts.public_profile reads only these four attributes of an account.
    profile = accounts.public_profile(_AuthorRow(user_id, display_name, persona, status))
    return PageAuthor(*(profile[k] for k in AUTHOR_FIELDS))


def _post_dict(post: PagePost) -> dict[str, Any]:
    item: dict[str, Any] = post._asdict()
    item["author"] = post.author._asdict() if post.author is not None else None
    item["reactions"] = [reaction._asdict() for reaction in post.reactions]
    return item


class _AuthorRow(NamedTuple):
    id: int
    display_name: str
    persona: str
    status: str


class _ThreadFacts(NamedTuple):
    """What ``_thread_visible`` reads of a thread."""

    status: str
    author_id: int


class _GroupFacts(NamedTuple):
    """What ``_standing`` reads of a group."""

    id: int
    status: str
    audience: str
    visibility: str


class _MembershipFacts(NamedTuple):
    """What ``_standing`` and ``Standing.member`` read of a membership."""

    status: str
    role: str


@cache
def _thread_read_statement() -> Any:
    """The thread page's first statement: the thread's status and author, its group's wall facts, the
    caller's membership and whether the thread's author is hidden from them. Built once."""
    t, g, m = Thread.__table__, Group.__table__, Membership.__table__
    me = bindparam("me", type_=Integer)
    return (
        select(
            t.c.status,
            t.c.author_id,
            g.c.id,
            g.c.status,
            g.c.audience,
            g.c.visibility,
            m.c.status,
            m.c.role,
            accounts.hidden_from(t.c.author_id, me).label("author_hidden"),
        )
        .select_from(
            t.join(g, g.c.id == t.c.group_id).outerjoin(m, and_(m.c.group_id == g.c.id, m.c.user_id == me))
        )
        .where(t.c.id == bindparam("thread_id", type_=Integer))
    )


@cache
def _page_statement(moderate: bool, dialect: str) -> Any:
    """One page of posts with their authors and reactions, built once per process and dialect with
    bound parameters: the page is the hot path (QUALITY.md B4). Each post's reactions come as one
    string of kinds, ``*`` marking the reader's own (``"hug,heart*,hug"``), from a correlated
    subquery on the (post_id, user_id, kind) index: cheaper than joining and grouping the reactions
    of the page. (``func.aggregate_strings`` would render its separator anew on every execution.)"""
    me = bindparam("me", type_=Integer)
    if moderate:
        status_ok = Post.status != ContentStatus.BLOCKED
    else:
        # Equalities rather than IN lists: a prebuilt statement then needs no expansion per execution.
        status_ok = or_(
            Post.status == ContentStatus.PUBLISHED,
            Post.status == ContentStatus.REMOVED,
            and_(
                Post.author_id == me,
                or_(Post.status == ContentStatus.PENDING, Post.status == ContentStatus.HIDDEN),
            ),
        )
    mark = case((Reaction.user_id == me, literal_column("'*'", String)), else_=literal_column("''", String))
    concat = func.string_agg if dialect == "postgresql" else func.group_concat
    reactions = (
        select(concat(Reaction.kind + mark, literal_column("','", String)))
        .where(Reaction.post_id == Post.id)
        .correlate(Post)
        .scalar_subquery()
    )
    return (
        select(
            Post.id,
            Post.thread_id,
            Post.group_id,
            Post.is_opening,
            Post.status,
            Post.body_html,
            Post.created_at,
            Post.edited_at,
            User.id.label("author_id"),
            User.display_name.label("author_name"),
            User.persona.label("author_persona"),
            User.status.label("author_status"),
            reactions.label("reactions"),
        )
        .join(User, User.id == Post.author_id)
        .where(
            Post.thread_id == bindparam("thread_id", type_=Integer),
            Post.id > bindparam("after", type_=Integer),
            ~accounts.hidden_from(Post.author_id, me),
            status_ok,
        )
        .order_by(Post.id)
        .limit(bindparam("limit", type_=Integer))
    )


def _page_rows(conn: Connection, moderate: bool, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
    """The rows of ``_page_statement``, in order: packed on SQLite (``read_rows``: 21 rows of 13
    columns made about 300 GIL releases per page, packed 8)."""
    rows = read_rows(conn, _page_statement(moderate, conn.dialect.name), params)
    return sorted(rows, key=itemgetter(0))  # by post id, as the select orders them (packed rows may not be)


@lru_cache(maxsize=4096)
def _reactions_from(marked: str | None) -> tuple[PageReaction, ...]:
    """Per-kind (kind, count, mine) in ``REACTIONS`` order, as ``_reactions_view`` gives them, from a
    page row's reaction string (see ``_page_statement``). Counting substrings is exact because no
    kind is part of another (checked below). Pages repeat the same few strings: the immutable
    answers are cached."""
    if not marked:
        return ()
    return tuple(
        PageReaction(kind, n, kind + "*" in marked) for kind in REACTIONS if (n := marked.count(kind))
    )


# ``_reactions_from`` counts kinds as substrings of "kind[*],kind[*],...".
assert not any(a != b and a in b for a in REACTIONS for b in REACTIONS), "a reaction kind inside another"
assert not any("," in k or "*" in k for k in REACTIONS), "a reaction kind with a separator in it"
