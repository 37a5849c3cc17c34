"""The hourly sweep reads held content through its (status, id) indexes, never by scanning a whole table.

``moderation_link.sweep`` pages through held chat messages, threads and posts by status and id. Those
tables grow with every message ever sent, and only a handful of rows are held at a time: each read
must be a search of the ``ix_<table>_status_id`` index (``core.db.held_index``: not a partial index,
see there).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event, text

from backend.core.db import db
from backend.moderation_link import sweep

SWEPT_TABLES = ("chat_messages", "group_threads", "group_posts")


@contextmanager
def _statements(app: Flask) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        seen.append((statement, parameters))

    engine = db.engine(app)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _plan(statement: str, parameters: Any) -> str:
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        # A table this small is cheaper to scan: ask whether the index can serve the read at all.
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters).all()
    else:
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    db.session.rollback()
    return "\n".join(str(row[-1]) for row in rows)


def test_the_sweep_reads_held_content_through_its_status_indexes(app: Flask) -> None:
    db.session.execute(text("SELECT 1"))  # the first statement's connection set-up stays out of it
    db.session.commit()
    with _statements(app) as seen:
        sweep.sweep()
    reads = {
        table: [(s, p) for s, p in seen if s.lstrip().upper().startswith("SELECT") and f"FROM {table}" in s]
        for table in SWEPT_TABLES
    }
    for table, statements in reads.items():
        assert statements, f"the sweep no longer reads {table}"
        for statement, parameters in statements:
            plan = _plan(statement, parameters)
            assert f"ix_{table}_status_id" in plan, f"{table} read without its held index:\n{plan}"
