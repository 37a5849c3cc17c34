"""B4: the forum thread page (``GET /api/v1/threads/{id}/posts``), 20 posts with authors and reactions.

The scenario builds the real app on a temporary SQLite database (embedded default), seeds one group
with a thread of 20 posts by 5 members, each post with 3 reactions, and:

1. counts the SQL statements of one page in-process (SQLite's own trace of every statement it runs,
   checked against a ``before_cursor_execute`` listener on the app engine; the bearer-token lookup
   reported apart), for page sizes 5, 10 and 20;
2. serves the app with gunicorn, one gthread worker with 4 threads (the same server and worker as the
   bare WSGI reference), and drives the page with a bearer token from the harness's HTTP load client
   (its own processes, keep-alive connections, 127.0.0.1 only) for a fixed time;
3. measures the bare WSGI JSON endpoint the same way, in the same run, and reports the ratio;
4. for context, measures ``GET /api/v1/me`` on the same app server: the platform's floor for any
   authenticated route (token check, Flask, flask-smorest, limiter, headers), whatever the feature.

The comparison: both servers are started by this scenario, one after the other, each with
``harness.gunicorn_argv`` (``python -m gunicorn --workers 1 -k gthread --threads 4 --log-level
warning``, the same command line but for the app), and measured by the same load client with its
defaults (2 processes x 4 keep-alive connections, 1 s warm-up, then 10 s, 4 s quick; median of 3
runs, 1 quick). The app runs as deployed apart from ``LOG_LEVEL=WARNING`` (no per-request log line;
the reference writes none either), ``TIMERS_ENABLED=0`` and a one-hour token lifetime; rate limiting,
security headers, the token check and the audience wall are all on. The bare reference answers a
fixed body of 20 small objects encoded at import; the page is 20 posts of about 300 characters each
with authors and reactions (about 13 KB).
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench import harness

ID = "B4"
TARGET = (
    "thread page of 20 posts: SQL statements <= 4 and independent of page size; req/s >= 0.15 x bare WSGI"
)
RATIO_TARGET = 0.15
STATEMENT_TARGET = 4
SECRET = "bench-secret-key-not-for-production"


def _config(tmp: Path) -> dict[str, Any]:
    return {
        "INSTANCE_PATH": str(tmp / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp / 'app.db'}",
        "MODERATION_DATABASE_URL": f"sqlite:///{tmp / 'moderation.db'}",
        "SECRET_KEY": SECRET,
        "TIMERS_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "ACCESS_TOKEN_TTL": 3600,
    }


def _seed(posts: int = 20, authors: int = 5, reactions_per_post: int = 3) -> tuple[int, str]:
    """A group, a thread of ``posts`` posts and reactions; returns the thread id and a reader's token."""
    from backend.accounts import personas as p
    from backend.accounts.models import Family, PrivacySettings, User
    from backend.auth import service as auth
    from backend.core.db import db, utcnow
    from backend.core.html import render_markdown
    from backend.groups.models import (
        REACTIONS,
        STAFF,
        ContentStatus,
        Group,
        Membership,
        MembershipStatus,
        Post,
        Reaction,
        Thread,
    )

    now = utcnow()
    people = []
    for n in range(authors):
        family = Family(agency="Bench RAA", region="North West", verified_at=now)
        db.session.add(family)
        db.session.flush()
        user = User(
            email=f"member{n}@bench.example",
            display_name=f"Member {n}",
            persona=p.ADOPTER,
            family_id=family.id,
            region="North West",
        )
        db.session.add(user)
        db.session.flush()
        db.session.add(PrivacySettings(user_id=user.id))
        people.append(user)
    worker = User(email="worker@bench.example", display_name="Worker", persona=p.AGENCY_WORKER)
    db.session.add(worker)
    db.session.flush()
    group = Group(name="Bench adopters", audience="adopters", created_by_id=worker.id)
    db.session.add(group)
    db.session.flush()
    db.session.add(
        Membership(group_id=group.id, user_id=worker.id, role=STAFF, status=MembershipStatus.ACTIVE)
    )
    for user in people:
        db.session.add(Membership(group_id=group.id, user_id=user.id, status=MembershipStatus.ACTIVE))
    thread = Thread(
        group_id=group.id, author_id=people[0].id, title="Letterbox letters", status=ContentStatus.PUBLISHED
    )
    db.session.add(thread)
    db.session.flush()
    for n in range(posts):
        post = Post(
            thread_id=thread.id,
            group_id=group.id,
            author_id=people[n % authors].id,
            is_opening=n == 0,
            body_html=render_markdown(f"Post {n}: we wrote ours together at the **kitchen table**. " * 4),
            status=ContentStatus.PUBLISHED,
            created_at=now + timedelta(seconds=n),
        )
        db.session.add(post)
        db.session.flush()
        for r in range(reactions_per_post):
            reactor = people[(n + r + 1) % authors]
            db.session.add(
                Reaction(post_id=post.id, user_id=reactor.id, kind=REACTIONS[(n + r) % len(REACTIONS)])
            )
    db.session.commit()
    token = auth.do_issue_tokens(people[1], "bench-client").access_token
    return thread.id, token


def _count_statements(app: Any, thread_id: int, token: str) -> dict[str, Any]:
    """Statements of one page request, per page size, counted by SQLite itself (its trace callback
    on every connection in use: the page reads on the driver's cursor, ``core.db.driver_rows``) and
    checked against a ``before_cursor_execute`` listener on the app engine."""
    from sqlalchemy import event

    from backend.core.db import db

    engine = db.engine(app)
    client = app.test_client()
    per_size: dict[str, int] = {}
    auth_statements = 0
    for limit in (5, 10, 20):
        traced: list[str] = []
        heard: list[str] = []
        tracing: list[Any] = []

        def count(_conn: Any, _cursor: Any, statement: str, *_args: Any, heard: list[str] = heard) -> None:
            heard.append(statement)

        def ran(statement: str, traced: list[str] = traced) -> None:
            # sqlite3's own BEGIN and COMMIT are not the app's statements (SQLAlchemy never hears them).
            if statement.split(None, 1)[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
                traced.append(statement)

        def trace(dbapi_connection: Any, *_args: Any, tracing: list[Any] = tracing, ran: Any = ran) -> None:
            dbapi_connection.set_trace_callback(ran)
            tracing.append(dbapi_connection)

        event.listen(engine, "before_cursor_execute", count)
        event.listen(engine, "checkout", trace)
        # The requests share this context's session, and so its connection.
        trace(db.session.connection().connection.dbapi_connection)
        try:
            response = client.get(
                f"/api/v1/threads/{thread_id}/posts?limit={limit}",
                headers={"Authorization": f"Bearer {token}"},
            )
        finally:
            event.remove(engine, "before_cursor_execute", count)
            event.remove(engine, "checkout", trace)
            for dbapi_connection in tracing:
                dbapi_connection.set_trace_callback(None)
        if response.status_code != 200 or len(response.get_json()["items"]) != limit:
            raise harness.BenchError(f"thread page failed in-process: {response.status_code}")
        if len(heard) != len(traced):
            raise harness.BenchError(f"statement listener heard {len(heard)}, SQLite ran {len(traced)}")
        auth_statements = sum("token_families" in s for s in traced)
        per_size[str(limit)] = len(traced) - auth_statements
    return {"per_page_size": per_size, "auth_lookup": auth_statements}


def run(quick: bool = False) -> dict[str, Any]:
    seconds = 4.0 if quick else 10.0
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="bench-b4-") as tmpdir:
        tmp = Path(tmpdir)
        config = _config(tmp)

        from backend import create_app
        from backend.core.db import Base, db
        from moderation import api as moderation_api
        from moderation.models import metadata as moderation_metadata

        app = create_app(config)
        with app.app_context():
            Base.metadata.create_all(db.engine(app))
            moderation_metadata.create_all(moderation_api.engine(app))
            thread_id, token = _seed()
            statements = _count_statements(app, thread_id, token)
        db.engine(app).dispose()
        moderation_api.engine(app).dispose()

        env = {
            key: str(value)
            for key, value in config.items()
            if key in ("INSTANCE_PATH", "DATABASE_URL", "MODERATION_DATABASE_URL", "SECRET_KEY", "LOG_LEVEL")
        }
        env |= {"TIMERS_ENABLED": "0", "ACCESS_TOKEN_TTL": "3600", "APP_ENV": "development"}
        path = f"/api/v1/threads/{thread_id}/posts?limit=20"
        headers = {"Authorization": f"Bearer {token}"}
        server = harness.Server(
            "b4-app-gthread",
            harness.gunicorn_argv("backend:create_app()", ["-k", "gthread", "--threads", "4"]),
            env=env,
            ready_path="/healthz",
        )
        with server:
            page = harness.repeat(
                lambda: harness.http(server, path, headers=headers, seconds=seconds), repeats
            )
            # The platform's floor on the same server: an authenticated route that does almost nothing.
            floor = harness.repeat(
                lambda: harness.http(server, "/api/v1/me", headers=headers, seconds=seconds), repeats
            )
        with harness.bare_wsgi("gthread", threads=4) as bare:
            reference = harness.repeat(lambda: harness.http(bare, "/", seconds=seconds), repeats)

    per_size = statements["per_page_size"]
    ratio = harness.ratio(page.get("requests_per_s"), reference.get("requests_per_s"))
    statements_ok = max(per_size.values()) <= STATEMENT_TARGET and len(set(per_size.values())) == 1
    figures = {
        "requests_per_s": page.get("requests_per_s"),
        "bare_wsgi_requests_per_s": reference.get("requests_per_s"),
        "ratio_to_bare": ratio,
        "request_p50_ms": page.get("request_p50_ms"),
        "request_p99_ms": page.get("request_p99_ms"),
        "server_cpu_us_per_request": page.get("server_cpu_us_per_request"),
        "bare_server_cpu_us_per_request": reference.get("server_cpu_us_per_request"),
        "authenticated_floor_requests_per_s": floor.get("requests_per_s"),
        "floor_ratio_to_bare": harness.ratio(floor.get("requests_per_s"), reference.get("requests_per_s")),
        "floor_server_cpu_us_per_request": floor.get("server_cpu_us_per_request"),
        "sql_statements_per_page": per_size["20"],
        "sql_statements_by_page_size": per_size,
        "auth_lookup_statements": statements["auth_lookup"],
        "errors": page.get("errors"),
        "server": "gunicorn, 1 gthread worker, 4 threads (both)",
        "details": {"thread_page": page, "bare_wsgi": reference, "authenticated_floor": floor},
    }
    met = statements_ok and ratio is not None and ratio >= RATIO_TARGET and not page.get("errors")
    return harness.result(ID, TARGET, figures, met=met)
