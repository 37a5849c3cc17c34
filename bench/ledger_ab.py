"""In-process A/B timings of the shortcuts listed in bench/LEDGER.md: each shortcut against the
general way it replaces, on the same data, in the same process, alternating, median of several runs.

    PYTHONPATH=. .venv/bin/python -m bench.ledger_ab [--quick]

The machine is shared and noisy: read the ratios, not the absolute times, and run it twice.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.scenarios import b4_thread_page as b4


def _per_call_us(fn: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls * 1e6


def ab(
    name: str, shortcut: Callable[[], Any], general: Callable[[], Any], calls: int, rounds: int
) -> dict[str, Any]:
    shortcut(), general()  # warm up (statement caches, imports)
    a: list[float] = []
    b: list[float] = []
    for _ in range(rounds):  # alternate, so drift in the machine's load hits both alike
        a.append(_per_call_us(shortcut, calls))
        b.append(_per_call_us(general, calls))
    fast, slow = statistics.median(a), statistics.median(b)
    row = {
        "shortcut": name,
        "shortcut_us": round(fast, 1),
        "general_us": round(slow, 1),
        "ratio": round(slow / fast, 2),
    }
    print(
        f"{name:<40} shortcut {fast:9.1f} us   general {slow:9.1f} us   general/shortcut {slow / fast:5.2f}x"
    )
    return row


def main(quick: bool = False) -> list[dict[str, Any]]:
    calls, rounds = (50, 3) if quick else (200, 7)
    with tempfile.TemporaryDirectory(prefix="ledger-ab-") as tmpdir:
        from flask import jsonify

        from backend import create_app
        from backend.chat import messages
        from backend.core.db import Base, db
        from backend.core.html import screening_text
        from backend.groups import schemas, thread_page
        from moderation import api as moderation_api
        from moderation.models import metadata as moderation_metadata

        app = create_app(b4._config(Path(tmpdir)))
        rows: list[dict[str, Any]] = []
        with app.app_context():
            Base.metadata.create_all(db.engine(app))
            moderation_metadata.create_all(moderation_api.engine(app))
            thread_id, token = b4._seed()
            from backend.groups.models import Thread

            thread = db.session.get(Thread, thread_id)
            assert thread is not None
            reader = thread.author_id
            conn = db.session.connection()
            params = {"thread_id": thread_id, "me": reader, "after": 0, "limit": 21}
            plain = thread_page._page_statement(False, conn.dialect.name)
            packed = thread_page._page_rows(conn, False, params)
            assert [tuple(r) for r in packed] == [tuple(r) for r in conn.execute(plain, params).all()]
            rows.append(
                ab(
                    "page rows packed (core.db.read_rows)",
                    lambda: thread_page._page_rows(conn, False, params),
                    lambda: conn.execute(plain, params).all(),
                    calls,
                    rounds,
                )
            )
            from backend.accounts.models import User

            user = db.session.get(User, reader)
            posts, cursor = thread_page.read_post_page(user, thread_id, limit=20)
            page = {"items": [thread_page._post_dict(p) for p in posts], "next_cursor": cursor}
            with app.test_request_context():
                assert (
                    schemas.post_page_response(posts, cursor).get_data()
                    == jsonify(schemas.PostPage().dump(page)).get_data()
                )
                rows.append(
                    ab(
                        "page JSON written out (post_page_response)",
                        lambda: schemas.post_page_response(posts, cursor),
                        lambda: jsonify(schemas.PostPage().dump(page)),
                        calls,
                        rounds,
                    )
                )
            rows += _b4_driver_rows(app, conn, plain, params, posts, calls, rounds)
            db.session.rollback()
        from backend.extensions import limiter

        client = app.test_client()
        path, headers = f"/api/v1/threads/{thread_id}/posts?limit=20", {"Authorization": f"Bearer {token}"}
        assert client.get(path, headers=headers).status_code == 200
        shortcut_check = limiter._has_route_wide_limits

        def general_request() -> Any:
            limiter._has_route_wide_limits = lambda: True  # type: ignore[method-assign]
            try:
                return client.get(path, headers=headers)
            finally:
                limiter._has_route_wide_limits = shortcut_check  # type: ignore[method-assign]

        rows.append(
            ab(
                "limiter pass skipped (core.limits.Limiter)",
                lambda: client.get(path, headers=headers),
                general_request,
                max(calls // 4, 10),
                rounds,
            )
        )
        bodies = [
            f"<p>Message {n}: how was the <strong>letterbox</strong> meeting today?</p>" for n in range(10)
        ]
        messages._screening_text.cache_clear()
        rows.append(
            ab(
                "chat context text cached (_screening_text)",
                lambda: [messages._screening_text(b) for b in bodies],
                lambda: [screening_text(html=b) for b in bodies],
                calls,
                rounds,
            )
        )
        marked = "heart*,heart,hug,thanks*,same_here,idea,heart"
        rows.append(
            ab(
                "reaction string cached (_reactions_from)",
                lambda: thread_page._reactions_from(marked),
                lambda: thread_page._reactions_from.__wrapped__(marked),
                calls * 10,
                rounds,
            )
        )
        from backend.auth import tokens

        with app.app_context():
            key = tokens._key_bytes(app.config["SECRET_KEY"])
            registry = tokens._claims_registry(app.config["JWT_ISSUER"], app.config["JWT_AUDIENCE"])

            def general_verify() -> tokens.AccessClaims:
                claims, access = tokens._signed_claims.__wrapped__(token, key)
                registry.validate(claims)
                return access

            assert tokens.verify_access_token(token) == general_verify()
            rows.append(
                ab(
                    "token signature remembered (tokens._signed_claims)",
                    lambda: tokens.verify_access_token(token),
                    general_verify,
                    calls * 10,
                    rounds,
                )
            )
        db.engine(app).dispose()
        moderation_api.engine(app).dispose()
    return rows


def _b4_driver_rows(
    app: Any, conn: Any, page: Any, params: dict[str, Any], posts: Any, calls: int, rounds: int
) -> list[dict[str, Any]]:
    """The thread page's shortcuts of 2 December 2026 (bench/LEDGER.md, B4)."""
    import json

    from flask import request
    from flask_smorest import Blueprint

    from backend.core import db as core_db
    from backend.groups import routes, schemas

    rows = []
    packed = core_db._packed(page)
    assert core_db.driver_rows(conn, packed, params) == [tuple(r) for r in conn.execute(packed, params).all()]
    rows.append(
        ab(
            "page statement on the driver's cursor (driver_rows)",
            lambda: core_db.driver_rows(conn, packed, params),
            lambda: conn.execute(packed, params).all(),
            calls,
            rounds,
        )
    )

    def in_context(fn: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            with app.app_context():
                return fn()

        return run

    rows.append(
        ab(
            "read connection without a session (db.reader)",
            in_context(lambda: core_db.db.reader()),
            in_context(lambda: core_db.db.session.connection()),
            calls,
            rounds,
        )
    )
    ((raw,),) = core_db.driver_rows(conn, packed, params)
    raw_rows = json.loads(raw)
    memo = core_db._processors(page, conn.dialect)
    plain = [
        (i, page.selected_columns[i].type.dialect_impl(conn.dialect).result_processor(conn.dialect, None))
        for i, _ in memo
    ]

    def process(processors: Any) -> list[list[Any]]:
        out = [list(row) for row in raw_rows]
        for row in out:
            for i, fn in processors:
                row[i] = fn(row[i])
        return out

    assert process(memo) == process(plain)
    rows.append(
        ab(
            "page timestamps memoised (read_rows)",
            lambda: process(memo),
            lambda: process(plain),
            calls,
            rounds,
        )
    )
    assert [schemas._post_text(p) for p in posts] == [schemas._written(p) for p in posts]
    rows.append(
        ab(
            "post texts memoised (post_page_response)",
            lambda: [schemas._post_text(p) for p in posts],
            lambda: [schemas._written(p) for p in posts],
            calls,
            rounds,
        )
    )
    with app.test_request_context("/?limit=20"):
        args = request.args
        parser = Blueprint.ARGUMENTS_PARSER
        assert schemas.quick_page_query(args) == parser.parse(routes._PAGE_QUERY, request, location="query")
        rows.append(
            ab(
                "page query read quickly (quick_page_query)",
                lambda: schemas.quick_page_query(args),
                lambda: parser.parse(routes._PAGE_QUERY, request, location="query"),
                calls * 10,
                rounds,
            )
        )
    return rows


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
