"""The app database: typed declarative base, engines and the per-context session.

Every feature's models subclass ``Base``. One session per Flask app context (a request or one
Socket.IO event), created on first use and closed at teardown; services are the only callers of
``commit``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import DateTime, Engine, MetaData, Select, create_engine, event, func, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

# Stable constraint names so Alembic migrations are reproducible on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite drops the zone; we put it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


def make_engine(url: str) -> Engine:
    """An engine with the pragmas the embedded default needs to behave like a real database."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # WAL lets readers run beside the writer; busy_timeout waits instead of failing with
            # "database is locked"; foreign keys are off by default in SQLite.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=15000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def read_rows(conn: Connection, statement: Select[Any], params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
    """``conn.execute(statement, params).all()``: the same rows with the same values, but on SQLite
    in no set order (sort them if order matters), packed in one row and one column (a JSON array of
    the rows) and unpacked with the result processors SQLAlchemy applies to the plain select.

    Why: Python 3.11's sqlite3 releases the GIL about 7 times per statement, then once per row and
    once for every column of every row it reads (counted with a PyEval_SaveThread interposer). In
    a threaded server each release can hand the interpreter to another request's thread: a context
    switch, and the request waits for the GIL to come back. One row of 9 columns makes 17 releases;
    packed, any result makes 8. For hot read paths (QUALITY.md B4). The columns must be ones JSON
    holds exactly in SQLite: integers, text, booleans, timestamps, NULL (not BLOBs or REALs).
    Other databases' drivers read rows without releasing the GIL per column: plain select there."""
    dialect = conn.dialect
    if dialect.name != "sqlite":
        return conn.execute(statement, params).all()
    packed, processors = _packed(statement, dialect)
    rows: list[list[Any]] = json.loads(conn.execute(packed, params).scalar_one())
    for row in rows:
        for i, process in processors:
            row[i] = process(row[i])
    return rows


def read_first(conn: Connection, statement: Select[Any], params: Mapping[str, Any]) -> Sequence[Any] | None:
    """The one row of a statement that selects at most one (``.first()``), read as ``read_rows``."""
    rows = read_rows(conn, statement, params)
    return rows[0] if rows else None


@lru_cache(maxsize=64)
def _packed(
    statement: Select[Any], dialect: Dialect
) -> tuple[Select[Any], tuple[tuple[int, Callable[[Any], Any]], ...]]:
    """The packed form of a prebuilt statement (cached by identity) and, for its columns that have
    one (booleans, timestamps), (column index, result processor)."""
    rows = statement.subquery()
    packed = select(func.json_group_array(func.json_array(*rows.c)))
    columns = statement.selected_columns
    processors = [column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns]
    return packed, tuple((i, process) for i, process in enumerate(processors) if process is not None)


class Database:
    """Holds one engine per app and hands out the session of the current app context."""

    def __init__(self, key: str) -> None:
        self.key = key

    def init_app(self, app: Flask, url: str) -> None:
        engine = make_engine(url)
        app.extensions[self.key] = sessionmaker(engine, expire_on_commit=False)

        @app.teardown_appcontext
        def _close(_exc: BaseException | None) -> None:
            session = g.pop(self.key, None)
            if session is not None:
                session.close()

    def engine(self, app: Flask | None = None) -> Engine:
        factory = (app or current_app).extensions[self.key]
        bind = factory.kw["bind"]
        assert isinstance(bind, Engine)
        return bind

    @property
    def session(self) -> Session:
        session: Session | None = g.get(self.key)
        if session is None:
            session = current_app.extensions[self.key]()
            setattr(g, self.key, session)
        return session


db = Database("app_db")
