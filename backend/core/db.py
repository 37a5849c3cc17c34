"""The app database: typed declarative base, engines and the per-context session.

Every feature's models subclass ``Base``. One session per Flask app context (a request or one
Socket.IO event), created on first use and closed at teardown; services are the only callers of
``commit``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import psycopg
from flask import Flask, current_app, g
from sqlalchemy import DateTime, Engine, Index, MetaData, Select, create_engine, event, func, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from backend.core import deadline

log = logging.getLogger(__name__)

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


def held_index(table: str) -> Index:
    """An index of a content table by ``(status, id)``: the hourly moderation sweep
    (``moderation_link.sweep``) pages through held content by id, and with this index it reads only
    the few held rows, never the whole table.

    Not a partial index (``... WHERE status = 'pending'``, as it was): to decide whether a query's
    ``status = ?`` matches a partial index's condition, SQLite looks at the value bound to ``?`` and
    then marks the statement to be prepared again whenever that parameter is bound, which is every
    execution. Every statement comparing these tables' status to a parameter was being compiled anew
    each time (the thread page's: 155 us a run instead of 70, bench/LEDGER.md). An ordinary index
    asks nothing of bound values; ``tests/core/test_indexes.py`` keeps partial indexes out."""
    return Index(f"ix_{table}_status_id", "status", "id")


@dataclass(frozen=True)
class Timeouts:
    """How long the app waits on a server database (PostgreSQL), in seconds; from the settings.

    Without these a database that accepts connections and never answers held a request's thread for
    as long as the network let it (75 s seen), and one answering slowly held it for the sum of every
    round trip (QUALITY.md section 3: every wait is bounded)."""

    connect: float = 3.0  # DATABASE_CONNECT_TIMEOUT: a new connection, from TCP to ready
    statement: float = 5.0  # DATABASE_STATEMENT_TIMEOUT: the server cancels a statement running longer
    pool: float = 3.0  # DATABASE_POOL_TIMEOUT: waiting for a free pooled connection

    @property
    def answer(self) -> float | None:
        """The longest wait for any one answer: the server's own limit plus a second, so a query the
        server cancels reports its cancellation; past it the server (or the network) is not there.
        A statement timeout of 0 turns both off (not advised: only the request deadline is left)."""
        return self.statement + 1.0 if self.statement > 0 else None

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Timeouts:
        return cls(
            connect=float(config["DATABASE_CONNECT_TIMEOUT"]),
            statement=float(config["DATABASE_STATEMENT_TIMEOUT"]),
            pool=float(config["DATABASE_POOL_TIMEOUT"]),
        )


class BoundedConnection(psycopg.Connection[Any]):
    """A psycopg connection whose every wait for the server ends: at its answer timeout, or sooner at
    the current request's deadline (``backend.core.deadline``).

    psycopg waits for an answer for as long as the socket stays open, and a server that is stopped,
    swapping or behind a broken proxy keeps it open (its kernel still acknowledges our packets, so
    TCP keepalives and ``tcp_user_timeout`` never fire). Every round trip (query, commit, rollback,
    the pool's ping) goes through ``wait``; when one runs out, the connection is closed (it is
    mid-conversation, so unusable) and the caller gets an OperationalError, which SQLAlchemy treats as
    a disconnect (the pool drops the connection) and the error handlers answer with 503."""

    answer_timeout: float | None = None

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        if timeout is None:
            timeout = self.answer_timeout
            left = deadline.remaining()
            if left is not None:
                timeout = left if timeout is None else min(timeout, left)
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except psycopg.errors._WaitTimeout:
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database did not answer within {timeout:.1f} s; connection closed"
            ) from None


def _bound_connections(engine: Engine, timeouts: Timeouts) -> None:
    """Make every new connection of a PostgreSQL engine a ``BoundedConnection`` with the timeouts."""

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        # libpq counts whole seconds, at least 2; a request's deadline shortens it.
        left = deadline.remaining()
        connect = timeouts.connect if left is None else min(timeouts.connect, left)
        cparams["connect_timeout"] = max(2, round(connect))
        # Keep what the URL asked for (a search_path, say) and add the server-side statement limit.
        statement_ms = max(0, round(timeouts.statement * 1000))
        cparams["options"] = f"{cparams.get('options', '')} -c statement_timeout={statement_ms}".strip()
        # A peer that vanished (host down, cable cut) is noticed within a minute even on an idle
        # pooled connection, and unacknowledged writes give up at the answer timeout.
        cparams.update(keepalives=1, keepalives_idle=30, keepalives_interval=10, keepalives_count=3)
        if timeouts.answer is not None:
            cparams["tcp_user_timeout"] = round(timeouts.answer * 1000)
        connection = BoundedConnection.connect(*cargs, **cparams)
        connection.answer_timeout = timeouts.answer
        return connection


@contextmanager
def without_time_bounds(connection: Connection) -> Iterator[None]:
    """Lift the statement and answer timeouts for the current transaction of one connection, for
    administrative work that may rightly take long (migrations building an index). Requests and
    timers never use this."""
    if connection.dialect.name != "postgresql":
        yield
        return
    raw = connection.connection.dbapi_connection
    # SET LOCAL ends with the transaction, so the pooled connection goes back with its limit.
    connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
    previous = getattr(raw, "answer_timeout", None)
    if isinstance(raw, BoundedConnection):
        raw.answer_timeout = None
    try:
        yield
    finally:
        if isinstance(raw, BoundedConnection):
            raw.answer_timeout = previous


def make_engine(url: str, timeouts: Timeouts | None = None) -> Engine:
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
            # SQLite's default page cache is 2 MB per connection; the indexes the hot reads use are
            # larger (the playdate finder's alone is 4.5 MB at 100,000 families, benchmark B5), and a
            # read that misses the cache goes to the file. 32 MB, filled only as pages are read.
            cur.execute("PRAGMA cache_size=-32768")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    timeouts = timeouts or Timeouts()
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, pool_timeout=timeouts.pool)
    if engine.dialect.name == "postgresql":
        _bound_connections(engine, timeouts)
    return engine


def read_rows(conn: Connection, statement: Select[Any], params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
    """``conn.execute(statement, params).all()``: the same rows with the same values (SQLAlchemy's
    result processors applied), read on the driver's cursor (``driver_rows``), and on SQLite in no
    set order (sort them if order matters), packed in one row and one column (a JSON array of the
    rows).

    Why packed: Python 3.11's sqlite3 releases the GIL about 7 times per statement, then once per row
    and once for every column of every row it reads (counted with a PyEval_SaveThread interposer). In
    a threaded server each release can hand the interpreter to another request's thread: a context
    switch, and the request waits for the GIL to come back. One row of 9 columns makes 17 releases;
    packed, any result makes 8. For hot read paths (QUALITY.md B4). The columns must be ones JSON
    holds exactly in SQLite: integers, text, booleans, timestamps, NULL (not BLOBs or REALs).
    Other databases' drivers read rows without releasing the GIL per column: plain select there."""
    dialect = conn.dialect
    if dialect.name != "sqlite":
        rows = driver_rows(conn, statement, params)
        processors = _processors(statement, dialect)
        if not processors:
            return rows
        rows = [list(row) for row in rows]
    else:
        packed = _packed(statement)
        ((value,),) = driver_rows(conn, packed, params)  # an aggregate: always one row
        rows = json.loads(value)
        processors = _processors(statement, dialect)
    for row in rows:
        for i, process in processors:
            row[i] = process(row[i])
    return rows


def read_first(conn: Connection, statement: Select[Any], params: Mapping[str, Any]) -> Sequence[Any] | None:
    """The one row of a statement that selects at most one (``.first()``), read as ``read_rows``."""
    rows = read_rows(conn, statement, params)
    return rows[0] if rows else None


@lru_cache(maxsize=64)
def _packed(statement: Select[Any]) -> Select[Any]:
    """The packed form of a prebuilt statement (cached by identity): one JSON array of its rows."""
    rows = statement.subquery()
    return select(func.json_group_array(func.json_array(*rows.c)))


@lru_cache(maxsize=64)
def _processors(statement: Select[Any], dialect: Dialect) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(column index, result processor) for the columns of a prebuilt statement that have one on this
    database (booleans and timestamps on SQLite, our UTC timestamps everywhere). A timestamp's is
    memoised (``TIMESTAMP_MEMO`` values per column): parsing SQLite's text into an aware datetime
    took about 0.8 us, 34 us of a thread page's 21 rows, and hot pages show the same timestamps
    again and again. Its value, a datetime, is immutable."""
    found = []
    for i, column in enumerate(statement.selected_columns):
        process = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if process is None:
            continue
        if isinstance(column.type, DateTime | UTCDateTime):
            process = lru_cache(maxsize=TIMESTAMP_MEMO)(process)
        found.append((i, process))
    return tuple(found)


TIMESTAMP_MEMO = 4096


@dataclass(frozen=True, slots=True)
class _DriverForm:
    """A prebuilt statement as this database's driver takes it (``driver_rows``)."""

    sql: str
    positions: tuple[str, ...] | None  # parameter names in order for a positional driver (SQLite)
    constants: Mapping[str, Any]  # the values the statement binds itself (literals in a where)
    processors: tuple[tuple[str, Callable[[Any], Any]], ...]  # bind processors, by parameter name


@lru_cache(maxsize=64)
def _driver_form(statement: Any, dialect: Dialect) -> _DriverForm:
    compiled = statement.compile(dialect=dialect)
    # Expanding (IN) and literal-execute parameters are rendered per execution: not prebuilt.
    assert not compiled.post_compile_params and not compiled.literal_execute_params, "parameters expand"
    names = compiled.bind_names  # bind parameter -> its name in the SQL
    processors = []
    for bind, name in names.items():
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors.append((name, process))
    return _DriverForm(
        sql=str(compiled),
        positions=tuple(compiled.positiontup or ()) if compiled.positional else None,
        constants={name: bind.effective_value for bind, name in names.items() if not bind.required},
        processors=tuple(processors),
    )


def driver_rows(connection: Connection, statement: Any, params: Mapping[str, Any]) -> list[Any]:
    """Every row of a prebuilt statement (built once and reused: its SQL is rendered once per
    database), run on a cursor of the connection's own DBAPI connection, in its transaction, and
    returned as the driver gives them: no result processing (``read_rows`` applies it).

    SQLAlchemy's execution around a statement (context, compiled-cache lookup, result and row
    objects) cost about as much as SQLite running the thread page's statements (bench/LEDGER.md).
    What it does that matters is kept: the statement's own bound values and bind processors are
    applied; ``before_cursor_execute`` and ``after_cursor_execute`` listeners see the statement (so
    statement counters and loggers count it; their ``context`` is None); and a driver error is
    raised as SQLAlchemy raises it (``DBAPIError.instance``, the connection invalidated when the
    dialect says it is broken), so an unreachable database is still an outage (503)."""
    dialect = connection.dialect
    form = _driver_form(statement, dialect)
    values = {**form.constants, **params}
    for name, process in form.processors:
        values[name] = process(values[name])
    parameters: Any = values if form.positions is None else tuple(values[name] for name in form.positions)
    sql = form.sql
    dispatch = connection.dispatch
    pooled = connection.connection
    cursor = pooled.cursor()
    try:
        for listener in dispatch.before_cursor_execute:
            sql, parameters = listener(connection, cursor, sql, parameters, None, False)
        cursor.execute(sql, parameters)
        rows = list(cursor.fetchall())
        for listener in dispatch.after_cursor_execute:
            listener(connection, cursor, sql, parameters, None, False)
        return rows
    except dialect.loaded_dbapi.Error as error:
        broken = dialect.is_disconnect(error, pooled.dbapi_connection, cursor)
        if broken:
            connection.invalidate(error)
        raise DBAPIError.instance(
            sql, parameters, error, dialect.loaded_dbapi.Error, connection_invalidated=broken, dialect=dialect
        ) from error
    finally:
        cursor.close()


def close_session(session: Session) -> None:
    """End a context's session. Closing rolls back what is open; if the database is gone, that
    rollback fails, and the connection is dropped instead (its server side ends with it): the
    request has its answer already and must not fail at teardown."""
    try:
        session.close()
    except Exception as exc:
        log.warning("closing a session failed (%s); its connection is dropped", type(exc).__name__)
        session.invalidate()


def close_reader(connection: Connection) -> None:
    """Return a context's read connection (``Database.reader``) to the pool, as ``close_session``
    does a session's: dropped instead if the database is gone."""
    try:
        connection.close()
    except Exception as exc:
        log.warning("closing a read connection failed (%s); it is dropped", type(exc).__name__)
        connection.invalidate()


class Database:
    """Holds one engine per app and hands out the session of the current app context, or, for reads
    on the driver's cursor, a connection without a session (``reader``)."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.reader_key = key + "_reader"

    def init_app(self, app: Flask, url: str) -> None:
        engine = make_engine(url, Timeouts.from_config(app.config))
        app.extensions[self.key] = sessionmaker(engine, expire_on_commit=False)

        @app.teardown_appcontext
        def _close(_exc: BaseException | None) -> None:
            session = g.pop(self.key, None)
            if session is not None:
                close_session(session)
            reader = g.pop(self.reader_key, None)
            if reader is not None:
                close_reader(reader)

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

    def reader(self) -> Connection:
        """A connection to read from with ``read_rows``, ``read_first`` or ``driver_rows``: the
        session's own when this context has a session (so its uncommitted writes are seen), else one
        checked out for this context alone, with no ORM session made, and returned to the pool at
        teardown. A request that only reads on the driver's cursor (the thread page, QUALITY.md B4)
        then skips making, beginning and closing a session: about 25 us of its 0.7 ms in-process.
        Writes always go through ``session``; a session made after the reader was taken checks out
        its own connection (the reader stays usable until teardown)."""
        session: Session | None = g.get(self.key)
        if session is not None:
            return session.connection()
        connection: Connection | None = g.get(self.reader_key)
        if connection is None:
            connection = self.engine().connect()
            setattr(g, self.reader_key, connection)
        return connection


db = Database("app_db")
