"""The thread page's reads without an ORM session (``db.reader()``, QUALITY.md B4): in a context with
no session the token lookup and the page run on a connection checked out for the context alone,
returned at teardown; the page is the same; and a database outage during the page is still a 503 in
the standard error shape.

The test client's requests share the test's app context (and so its session); each request here runs
in an app context of its own, as every request does in production.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import g
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool.base import _ConnectionFairy

from backend.core.db import db
from backend.groups import thread_page
from tests.core.test_outages import UNAVAILABLE
from tests.groups.conftest import World
from tests.groups.test_thread_page_fast_path import page_url


def test_the_page_is_read_without_a_session_and_its_connection_returned(
    app: Any, client: Any, cast: Any, world: World
) -> None:
    url = page_url(world.adopters_thread.id)
    expected = client.get(url, headers=cast.adopter.headers)  # through the test's session
    assert expected.status_code == 200
    pool = db.engine().pool
    checked_out = pool.checkedout()  # type: ignore[attr-defined]
    with app.app_context():
        response = client.get(url, headers=cast.adopter.headers)
        assert g.get(db.key) is None, "an ORM session was made"
        assert g.get(db.reader_key) is not None
    assert pool.checkedout() == checked_out  # type: ignore[attr-defined]
    assert response.status_code == 200
    assert response.data == expected.data


def test_the_reader_is_the_sessions_connection_when_there_is_a_session(app: Any) -> None:
    with app.app_context():
        session = db.session
        assert db.reader() is session.connection()  # its uncommitted writes are seen
        assert g.get(db.reader_key) is None


def test_a_session_made_after_the_reader_has_its_own_connection_and_both_are_returned(app: Any) -> None:
    pool = db.engine().pool
    checked_out = pool.checkedout()  # type: ignore[attr-defined]
    with app.app_context():
        reader = db.reader()
        assert db.reader() is reader
        assert db.session.execute(select(1)).scalar_one() == 1
        assert db.session.connection() is not reader
        assert reader.exec_driver_sql("SELECT 2").scalar_one() == 2  # still usable
    assert pool.checkedout() == checked_out  # type: ignore[attr-defined]


class _DeadCursor:
    """A cursor on a connection the server has just dropped."""

    def __init__(self, dbapi: Any) -> None:
        self.dbapi = dbapi

    def execute(self, *_args: Any) -> Any:
        raise self.dbapi.OperationalError("server closed the connection unexpectedly")

    def close(self) -> None:
        pass


def test_a_database_outage_during_the_page_is_a_503(
    app: Any, client: Any, cast: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = page_url(world.adopters_thread.id)
    headers = cast.adopter.headers
    assert client.get(url, headers=headers).status_code == 200
    page_rows = thread_page._page_rows
    raised: list[BaseException] = []

    def rows_in_an_outage(conn: Any, moderate: bool, params: dict[str, Any]) -> Any:
        # The token lookup and the thread's facts were read; the page's own statement meets the outage.
        dbapi = conn.dialect.loaded_dbapi
        monkeypatch.setattr(_ConnectionFairy, "cursor", lambda _self, *_a, **_k: _DeadCursor(dbapi))
        try:
            return page_rows(conn, moderate, params)
        except BaseException as exc:
            raised.append(exc)
            raise

    monkeypatch.setattr(thread_page, "_page_rows", rows_in_an_outage)
    with app.app_context():
        response = client.get(url, headers=headers)
    monkeypatch.undo()
    assert (response.status_code, response.json) == (503, UNAVAILABLE)
    assert isinstance(raised[0], DBAPIError)  # raised as SQLAlchemy raises a driver's error
    with app.app_context():
        assert client.get(url, headers=headers).status_code == 200  # and afterwards it serves again


def test_a_database_unreachable_for_the_token_lookup_is_a_503(
    app: Any, client: Any, cast: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = page_url(world.adopters_thread.id)
    headers = cast.adopter.headers
    engine = db.engine()
    dbapi = engine.dialect.loaded_dbapi

    def refused(*_args: Any, **_kwargs: Any) -> Any:
        raise dbapi.OperationalError("connection refused")

    monkeypatch.setattr(engine.pool, "connect", refused)
    with app.app_context():
        response = client.get(url, headers=headers)
    monkeypatch.undo()
    assert (response.status_code, response.json) == (503, UNAVAILABLE)
