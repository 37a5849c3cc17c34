"""No partial indexes: on SQLite they make statements be compiled again on every execution.

To decide whether a query's ``status = ?`` satisfies a partial index's ``WHERE status = 'pending'``,
SQLite reads the value bound to ``?`` and marks the statement to be prepared anew whenever that
parameter is bound again: every execution. The held-content indexes were partial, and every read of
posts, threads and chat messages by status paid a full compile each time (``core.db.held_index``).

SQLite calls a connection's authorizer while it prepares a statement and never while it runs one, so
authorizer calls during a repeated execution are recompilations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from backend.core.db import _driver_form, _packed, db
from backend.groups.models import ContentStatus
from backend.groups.thread_page import _page_statement
from backend.models import metadata as app_metadata
from moderation.models import metadata as moderation_metadata
from tests.conftest import create_schema, dispose, make_app


@pytest.mark.parametrize("metadata", [app_metadata, moderation_metadata], ids=["app", "moderation"])
def test_no_index_is_partial(metadata: Any) -> None:
    partial = [
        index.name
        for table in metadata.tables.values()
        for index in table.indexes
        if any(options.get("where") is not None for options in index.dialect_options.values())
    ]
    assert partial == []


def _recompiled_on_rerun(dbapi_connection: Any, sql: str, parameters: Any) -> int:
    """Authorizer calls (SQLite preparing) while the statement runs a second and third time."""
    import sqlite3

    calls: list[Any] = []

    def authorizer(*args: Any) -> int:
        calls.append(args)
        return sqlite3.SQLITE_OK

    # Setting an authorizer expires every prepared statement: set it before the first run.
    dbapi_connection.set_authorizer(authorizer)
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute(sql, parameters).fetchall()  # prepared, and kept in the statement cache
        assert calls, "the authorizer heard no compilation"
        calls.clear()
        cursor.execute(sql, parameters).fetchall()
        cursor.execute(sql, parameters).fetchall()
    finally:
        dbapi_connection.set_authorizer(None)
    return len(calls)


@pytest.fixture
def sqlite_connection(tmp_path: Any) -> Iterator[Any]:
    app = make_app(tmp_path, "sqlite")
    create_schema(app)
    raw = db.engine(app).raw_connection()
    try:
        yield raw.driver_connection
    finally:
        raw.close()
        dispose(app)


@pytest.mark.parametrize("table", ["chat_messages", "group_threads", "group_posts"])
def test_reads_by_status_are_compiled_once(sqlite_connection: Any, table: str) -> None:
    sql = f"SELECT id FROM {table} WHERE status = ? AND id > ? ORDER BY id LIMIT 10"
    assert _recompiled_on_rerun(sqlite_connection, sql, (ContentStatus.PUBLISHED.value, 0)) == 0


@pytest.mark.parametrize("moderate", [False, True], ids=["member", "moderator"])
def test_the_thread_page_statement_is_compiled_once(sqlite_connection: Any, moderate: bool) -> None:
    from sqlalchemy.dialects import sqlite

    form = _driver_form(_packed(_page_statement(moderate, "sqlite")), sqlite.dialect())
    values = {**form.constants, "me": 1, "thread_id": 1, "after": 0, "limit": 21}
    assert form.positions is not None
    parameters = tuple(values[name] for name in form.positions)
    assert _recompiled_on_rerun(sqlite_connection, form.sql, parameters) == 0
