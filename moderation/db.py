"""Moderation's own database: its own metadata, engine and per-context session.

Kept apart from the app database on purpose (separate file or server, no foreign keys into app
tables) so that safeguarding records survive whatever happens to the content they concern.

Every moderation write runs in a serialised transaction (``begin_write``): moderation writes are few
(holds, reports, decisions), and serialising them keeps the audit hash chain linear, makes
de-duplication per subject race-free and lets timers fire once each across processes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from weakref import WeakKeyDictionary

from flask import Flask, current_app, g
from sqlalchemy import DateTime, Engine, MetaData, create_engine, event, text
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

_KEY = "moderation_db"
_WRITE = "moderation_write"
_LOCK = "moderation_write_lock"
WRITE_WAIT_SECONDS = 30
# Any fixed number: the PostgreSQL advisory lock that serialises moderation writers.
_WRITE_LOCK_KEY = 7_201_802


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime refused: use timezone-aware UTC")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ModerationBase(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {datetime: UTCDateTime()}


def _engine(url: str, server_engine: Callable[[str], Engine] | None = None) -> Engine:
    if not url.startswith("sqlite"):
        if server_engine is not None:
            return server_engine(url)
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so the driver must not open transactions on its own.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in ("journal_mode=WAL", "busy_timeout=15000", "foreign_keys=ON", "synchronous=NORMAL"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A writer takes SQLite's write lock up front (IMMEDIATE), so it waits its turn under
        # busy_timeout; a deferred transaction that reads first and writes later would instead fail
        # at once with "database is locked" when another writer got there in between. Readers stay
        # deferred and read their WAL snapshot without waiting for anyone.
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def init_app(app: Flask, url: str, server_engine: Callable[[str], Engine] | None = None) -> None:
    """``server_engine`` makes the engine for a server database (not SQLite) the way the host app
    makes its own: with its timeouts and pool."""
    app.extensions[_KEY] = sessionmaker(_engine(url, server_engine), expire_on_commit=False)

    @app.teardown_appcontext
    def _close(_exc: BaseException | None) -> None:
        session = g.pop(_KEY, None)
        if session is not None:
            try:
                session.close()
            except Exception:
                # The database is gone, so the rollback in close failed: drop the connection (its
                # server side ends with it) rather than fail a request that has its answer.
                session.invalidate()


def engine(app: Flask | None = None) -> Engine:
    bind = (app or current_app).extensions[_KEY].kw["bind"]
    assert isinstance(bind, Engine)
    return bind


def session() -> Session:
    current: Session | None = g.get(_KEY)
    if current is None:
        current = current_app.extensions[_KEY]()
        setattr(g, _KEY, current)
    return current


_process_locks: WeakKeyDictionary[Engine, threading.Lock] = WeakKeyDictionary()
_process_locks_guard = threading.Lock()


def _process_lock(bind: Engine) -> threading.Lock:
    with _process_locks_guard:
        lock = _process_locks.get(bind)
        if lock is None:
            lock = _process_locks[bind] = threading.Lock()
        return lock


def begin_write() -> Session:
    """The session, in a transaction that holds moderation's write lock until it ends.

    Call it first in every service function that writes, before any read whose answer the write
    depends on. A read-only transaction already open (nothing pending in it) is ended first.

    Writers of one process queue on a lock before they take a pooled connection, so threads waiting
    their turn never hold the connections readers need; between processes the database serialises
    them (SQLite's write lock, PostgreSQL's advisory lock).
    """
    current = session()
    if current.info.get(_WRITE) and current.in_transaction():
        return current
    if current.in_transaction():
        if current.new or current.dirty or current.deleted:
            raise RuntimeError("begin_write() called after unsaved changes")
        current.commit()
    lock = _process_lock(engine())
    if not lock.acquire(timeout=WRITE_WAIT_SECONDS):
        raise PoolTimeout("timed out waiting for the moderation write lock")
    current.info[_LOCK] = lock
    try:
        connection = current.connection(execution_options={_WRITE: True})
        current.info[_WRITE] = True
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})
    except BaseException:
        current.rollback()  # ends the transaction, which releases the lock (below)
        if current.info.pop(_LOCK, None) is not None:
            lock.release()
        raise
    return current


@contextmanager
def write() -> Iterator[Session]:
    """``with db.write() as session: ... session.commit()``: a refusal raised inside rolls back at
    once, so the write lock is never held a moment longer than the work."""
    current = begin_write()
    try:
        yield current
    except BaseException:
        current.rollback()
        raise


def end_read() -> None:
    """Close a read-only transaction so it does not hold a snapshot (or a pooled connection)."""
    current: Session | None = g.get(_KEY)
    if current is not None and current.in_transaction() and not current.info.get(_WRITE):
        current.commit()


@event.listens_for(Session, "after_transaction_end")
def _write_ended(current: Session, transaction: Any) -> None:
    """Commit, rollback or close: the write transaction is over, so is this process's turn."""
    if transaction.parent is not None:
        return
    current.info.pop(_WRITE, None)
    lock = current.info.pop(_LOCK, None)
    if lock is not None:
        lock.release()
