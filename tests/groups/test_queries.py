"""SQL statements per request on the list endpoints, pinned (QUALITY.md B4: the thread page, 20 posts
with authors and reactions, in at most 4 statements whatever the page size; it takes 2).

Counted around one request by the database driver itself on SQLite (every statement, raw cursor
included; see ``statements``), and by a ``before_cursor_execute`` listener on the app engine. The bearer
token lookup (one statement joining users and token_families, run by the auth layer for every
request) is excluded and checked separately.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from backend.core.db import db
from backend.groups import service
from backend.groups.models import REACTIONS
from tests.factories import make_user
from tests.groups.conftest import World, join, reply

THREAD_PAGE_LIMIT = 4  # the bar (QUALITY.md B4)
THREAD_PAGE_STATEMENTS = 2  # what it takes: thread+group+membership, then posts+authors+reactions
TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "ROLLBACK"})


@contextmanager
def statements(app: Any) -> Iterator[list[str]]:
    """The statements the app database runs meanwhile. Hot reads run on the driver's cursor
    (``core.db.driver_rows``), not through SQLAlchemy's execution, so the count must not depend on
    SQLAlchemy seeing them: on SQLite it is taken from the driver itself (sqlite3's trace callback on
    every connection in use, whatever path a statement took), and the ``before_cursor_execute``
    listener, which ``driver_rows`` honours, must have seen the same statements. On PostgreSQL the
    listener's count is used."""
    heard: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        heard.append(statement)

    engine = db.engine(app)
    traced: list[str] = []
    tracing: list[Any] = []

    def ran(statement: str) -> None:
        # The driver's own transaction control (sqlite3 begins and commits by itself) is not a
        # statement of the app's, and SQLAlchemy never hears of it.
        if statement.split(None, 1)[0].upper() not in TRANSACTION_CONTROL:
            traced.append(statement)

    def trace(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.set_trace_callback(ran)
        tracing.append(dbapi_connection)

    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        # Connections checked out from now on, and the one the test's session holds (the test
        # client's requests share the test's app context, so its session).
        event.listen(engine, "checkout", trace)
        trace(db.session.connection().connection.dbapi_connection)
    event.listen(engine, "before_cursor_execute", count)
    seen = traced if sqlite else heard
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)
        if sqlite:
            event.remove(engine, "checkout", trace)
            for dbapi_connection in tracing:
                dbapi_connection.set_trace_callback(None)
    if sqlite:
        assert len(heard) == len(traced), (heard, traced)


def split_auth(seen: list[str]) -> tuple[list[str], list[str]]:
    auth = [s for s in seen if "token_families" in s]
    return auth, [s for s in seen if "token_families" not in s]


def seed_thread(cast: Any, world: World, posts: int) -> int:
    """A thread with ``posts`` posts by several authors, each with several reactions."""
    authors = [cast.adopter.user, cast.mentor.user]
    for _ in range(3):
        person = make_user("adopter")
        join(person.user, world.open_adopters)
        authors.append(person.user)
    thread = world.adopters_thread
    for n in range(posts - 2):  # the world's thread has an opening post and one reply
        reply(authors[n % len(authors)], thread, f"Reply number {n}")
    for post_id in [p["id"] for p in service.list_posts(cast.adopter.user, thread.id, limit=50)["items"]]:
        for i, reactor in enumerate(authors[:3]):
            service.do_react(reactor, post_id, REACTIONS[(post_id + i) % len(REACTIONS)], True)
    return thread.id


def count_request(app: Any, client: Any, url: str, persona: Any) -> tuple[list[str], list[str], Any]:
    with statements(app) as seen:
        response = client.get(url, headers=persona.headers)
    assert response.status_code == 200, response.json
    auth, rest = split_auth(seen)
    return auth, rest, response.json


def test_thread_page_is_four_statements_whatever_the_page_size(
    app: Any, client: Any, cast: Any, world: World
) -> None:
    thread_id = seed_thread(cast, world, 40)
    counts = {}
    for limit in (5, 10, 20, 40):
        auth, rest, page = count_request(
            app, client, f"/api/v1/threads/{thread_id}/posts?limit={limit}", cast.adopter
        )
        assert len(page["items"]) == limit
        assert all(p["author"]["display_name"] for p in page["items"])
        assert sum(r["count"] for p in page["items"] for r in p["reactions"]) == 3 * limit
        assert len(auth) == 1, auth
        counts[limit] = len(rest)
    assert set(counts.values()) == {THREAD_PAGE_STATEMENTS}, counts
    assert THREAD_PAGE_STATEMENTS <= THREAD_PAGE_LIMIT


def test_thread_page_with_a_cursor_and_for_moderators_is_the_same(
    app: Any, client: Any, cast: Any, world: World
) -> None:
    thread_id = seed_thread(cast, world, 25)
    first = client.get(f"/api/v1/threads/{thread_id}/posts?limit=20", headers=cast.adopter.headers).json
    _, rest, page = count_request(
        app, client, f"/api/v1/threads/{thread_id}/posts?limit=20&cursor={first['next_cursor']}", cast.adopter
    )
    assert len(page["items"]) == 5 and len(rest) <= THREAD_PAGE_LIMIT
    _, rest, _ = count_request(app, client, f"/api/v1/threads/{thread_id}/posts?limit=20", cast.moderator)
    assert len(rest) <= THREAD_PAGE_LIMIT


def test_thread_list_statements_do_not_grow(app: Any, client: Any, cast: Any, world: World) -> None:
    seed_thread(cast, world, 4)
    counts = set()
    for n in range(12):
        service.do_start_thread(cast.mentor.user, world.open_adopters.id, title=f"Topic {n}", body="Body")
    for limit in (2, 6, 12):
        _, rest, page = count_request(
            app, client, f"/api/v1/groups/{world.open_adopters.id}/threads?limit={limit}", cast.adopter
        )
        assert len(page["items"]) == limit
        counts.add(len(rest))
    assert counts == {2}


def test_group_list_statements_do_not_grow_with_groups(
    app: Any, client: Any, cast: Any, world: World
) -> None:
    _, few, _ = count_request(app, client, "/api/v1/groups", cast.adopter)
    for n in range(10):
        group = service.get_group(
            service.do_create_group(
                cast.agency_worker.user, {"name": f"Group {n}", "audience": "adopters", "description": ""}
            )["id"]
        )
        join(cast.adopter.user, group)
    _, many, listed = count_request(app, client, "/api/v1/groups", cast.adopter)
    assert len(many) == len(few) <= 2
    assert len(listed["items"]) >= 12


def test_fast_page_serialiser_equals_the_schema_dump(cast: Any, world: World, screener: Any) -> None:
    """The thread page skips marshmallow for speed; it must give exactly what the schema would."""
    from backend.accounts import service as accounts
    from backend.groups import schemas

    thread = world.adopters_thread
    service.do_react(cast.adopter.user, world.adopters_reply.id, "hug", True)
    service.do_edit_post(cast.mentor.user, world.adopters_reply.id, body="Edited *text*")
    removed = reply(cast.mentor.user, thread, "To be removed")
    service.do_delete_post(cast.mentor.user, removed.id)
    screener.set("hold")
    reply(cast.adopter.user, thread, "Held")
    screener.set("allow")
    gone = make_user("adopter")
    join(gone.user, world.open_adopters)
    reply(gone.user, thread, "From someone who then left")
    accounts.do_delete_account(gone.user)
    page = service.list_posts(cast.adopter.user, thread.id, limit=3)
    full = service.list_posts(cast.adopter.user, thread.id, limit=50)
    for data in (page, full):
        assert schemas.post_page_json(data) == schemas.PostPage().dump(data)
    statuses = {p["status"] for p in full["items"]}
    assert statuses == {"published", "removed", "pending"}
    assert any(p["author"] and p["author"]["removed"] for p in full["items"])
    assert page["next_cursor"] is not None
