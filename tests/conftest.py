"""Shared fixtures: an app on a fresh database per test, on SQLite and on PostgreSQL too.

Which servers the suite uses is decided here, once, so that ``make test``, ``pytest`` and CI run the same
tests: ``TEST_POSTGRES_URL`` / ``TEST_REDIS_URL`` when set (set one to an empty string to leave that
server out), otherwise the machine's own PostgreSQL (database ``test``) and Redis when they answer on
localhost. The header says which were used and the summary counts what did not run, and why.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, text

from backend import create_app
from backend.core.db import Base, db
from moderation import api as moderation_api
from moderation import intake
from moderation.models import metadata as moderation_metadata
from moderation.screening import Screener

LOCAL_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _server_url(variable: str, local_url: str, port: int) -> str | None:
    """The variable when set (empty means "leave this server out"), else the local server if it answers."""
    configured = os.environ.get(variable)
    if configured is not None:
        return configured or None
    return local_url if _answers(port) else None


# Under pytest-xdist each worker gets its own PostgreSQL schemas, so workers never share tables.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
# ... and its own Redis database and deployment name (the Socket.IO channel and every key), so one
# worker's FLUSHDB or broadcast never reaches another's servers (Redis pub/sub ignores databases).
_WORKER_NUMBER = int(WORKER[2:]) if WORKER.startswith("gw") and WORKER[2:].isdigit() else 0
os.environ["DEPLOYMENT_NAME"] = f"test-{WORKER}"  # set in each worker (not inherited from the controller)
# Reading again off the request (moderation/second_reading.py) costs 10-50 ms of CPU a message: off
# for the apps and server processes tests start, except in its own tests (test_second_reading.py).
os.environ["SECOND_READING_ENABLED"] = "0"

POSTGRES_URL = _server_url("TEST_POSTGRES_URL", LOCAL_POSTGRES_URL, 5432)
REDIS_URL = _server_url("TEST_REDIS_URL", f"redis://127.0.0.1:6379/{15 - _WORKER_NUMBER % 8}", 6379)

BACKENDS = ["sqlite"] + (["postgres"] if POSTGRES_URL else [])

needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL, reason="no PostgreSQL: TEST_POSTGRES_URL is empty or nothing answers"
)
# Each worker's Redis tests stay within its own database and deployment name (above). Only when
# TEST_REDIS_URL names one database for every worker do they share it (a FLUSHDB would reach another
# worker's keys), and then every Redis test runs on one xdist worker, one at a time.
# (Likewise with more than eight workers, whose default databases repeat.) Every worker must decide alike.
SHARED_REDIS_DATABASE = WORKER.startswith("gw") and (
    bool(os.environ.get("TEST_REDIS_URL")) or int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 8
)
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="no Redis: TEST_REDIS_URL is empty or nothing answers")


def pytest_report_header() -> list[str]:
    return [
        f"databases: sqlite{', postgres ' + POSTGRES_URL if POSTGRES_URL else ' only (no PostgreSQL)'}",
        f"redis: {REDIS_URL or 'none (Redis tests will not run)'}",
    ]


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups into the test ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not SHARED_REDIS_DATABASE:
        return  # each worker on its own database: Redis tests are spread over the workers like the rest
    for item in items:
        if _uses_redis(item):
            item.add_marker(pytest.mark.xdist_group("redis"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        terminalreporter.write_line("every collected test ran")
        return
    reasons = Counter(
        str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else "skipped" for report in skipped
    )
    terminalreporter.write_line(f"{len(skipped)} tests did not run:")
    for reason, count in reasons.most_common():
        terminalreporter.write_line(f"  {count} x {reason}")


def postgres_schema_url(schema: str) -> str:
    """The test database with its search_path set to one schema, so app and moderation stay apart."""
    assert POSTGRES_URL
    sep = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"


def reset_postgres_schemas(*schemas: str) -> None:
    with _postgres_admin().begin() as conn:
        for schema in schemas:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))


# The shared PostgreSQL schemas of the ``app`` fixture, once their tables exist.
_shared_postgres_ready = False


def empty_postgres_tables(app_schema: str, moderation_schema: str) -> None:
    """Empty every table of the two schemas and restart their sequences, so each test starts as on a
    new database. DELETE, not TRUNCATE: a test leaves a few rows in a few tables, and TRUNCATE of
    ninety tables makes new files for each (2-3 s a test; DELETE takes about 0.1 s). The replica
    role switches off triggers and foreign-key checks, so the audit log's refusal of deletes, which
    protects the real log, does not get in the way of a test's fresh start."""
    tables = [f'"{app_schema}"."{t.name}"' for t in Base.metadata.sorted_tables] + [
        f'"{moderation_schema}"."{t.name}"' for t in moderation_metadata.sorted_tables
    ]
    with _postgres_admin().begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        # As TRUNCATE would: wait for any write still under way (a server or thread of the test before
        # may be finishing one), so nothing it commits survives into this test.
        conn.execute(text(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE"))
        for table in tables:
            conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(
            text(
                "SELECT setval(s.oid, 1, false) FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace"
                " WHERE s.relkind = 'S' AND n.nspname IN (:app, :moderation)"
            ),
            {"app": app_schema, "moderation": moderation_schema},
        )


_postgres_admin_engine: Any = None


def _postgres_admin() -> Any:
    """One engine per process for emptying and resetting the test schemas."""
    global _postgres_admin_engine
    assert POSTGRES_URL
    if _postgres_admin_engine is None:
        _postgres_admin_engine = create_engine(
            POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1), pool_size=1
        )
    return _postgres_admin_engine


def database_urls(backend: str, tmp_path: Any, prefix: str = "t") -> dict[str, str]:
    if backend == "sqlite":
        return {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
            "MODERATION_DATABASE_URL": f"sqlite:///{tmp_path / 'moderation.db'}",
        }
    app_schema, moderation_schema = f"{prefix}_{WORKER}_app", f"{prefix}_{WORKER}_moderation"
    reset_postgres_schemas(app_schema, moderation_schema)
    return {
        "DATABASE_URL": postgres_schema_url(app_schema),
        "MODERATION_DATABASE_URL": postgres_schema_url(moderation_schema),
    }


def fixture_app(tmp_path: Any, backend: str) -> Flask:
    """The ``app`` fixture's app with its tables, empty. On PostgreSQL the tables are made once per
    session in shared schemas and emptied before each test."""
    global _shared_postgres_ready
    if backend == "sqlite":
        app = make_app(tmp_path)
    elif _shared_postgres_ready:
        empty_postgres_tables(f"shared_{WORKER}_app", f"shared_{WORKER}_moderation")
        return make_app(
            tmp_path,
            backend,
            DATABASE_URL=postgres_schema_url(f"shared_{WORKER}_app"),
            MODERATION_DATABASE_URL=postgres_schema_url(f"shared_{WORKER}_moderation"),
        )
    else:
        app = make_app(tmp_path, backend, **database_urls(backend, tmp_path, "shared"))
        _shared_postgres_ready = True
    create_schema(app)
    return app


def make_app(tmp_path: Any, backend: str = "sqlite", **overrides: Any) -> Flask:
    config: dict[str, Any] = {
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret-key-not-for-production",
        "TIMERS_ENABLED": False,
        "LIVE_RIGHTS_SECONDS": 0,  # tests run the live-rights sweep and the presence heartbeat directly
        # /healthz's 2 s budget is tested by the fault suite with its own bound; on a loaded CI machine an
        # ordinary test's first check (cold engines and rules) can take longer than that.
        "HEALTH_TIMEOUT": 30,
        "TESTING": True,
    }
    config.update(overrides)
    if "DATABASE_URL" not in config or "MODERATION_DATABASE_URL" not in config:
        config = {**database_urls(backend, tmp_path), **config}
    return create_app(config)


def create_schema(app: Flask) -> None:
    engines = (db.engine(app), moderation_api.engine(app))
    if not _copy_empty_sqlite_databases(engines):
        Base.metadata.create_all(engines[0])
        moderation_metadata.create_all(engines[1])


# Per process: one empty SQLite database of each kind with every table, made once and copied for each
# test (a copy takes a millisecond; creating ninety tables with their indexes and triggers, 100 ms).
_empty_sqlite_databases: tuple[Path, Path] | None = None


def _copy_empty_sqlite_databases(engines: tuple[Any, Any]) -> bool:
    global _empty_sqlite_databases
    sqlite_files = [e.url.database for e in engines if e.url.get_backend_name() == "sqlite"]
    targets = [Path(name) for name in sqlite_files if name]
    if len(targets) != 2 or any(t.exists() for t in targets):
        return False  # not two files, or already opened: make the tables in place
    if _empty_sqlite_databases is None:
        folder = Path(tempfile.mkdtemp(prefix=f"empty-databases-{WORKER}-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = make_app(folder)
        Base.metadata.create_all(db.engine(template))
        moderation_metadata.create_all(moderation_api.engine(template))
        dispose(template)  # closes the WAL, so each file is the whole database
        _empty_sqlite_databases = (folder / "app.db", folder / "moderation.db")
    for source, target in zip(_empty_sqlite_databases, targets, strict=True):
        shutil.copyfile(source, target)
    return True


def dispose(app: Flask) -> None:
    db.engine(app).dispose()
    moderation_api.engine(app).dispose()


def _uses_redis(item: pytest.Item) -> bool:
    return bool(item.get_closest_marker("redis")) or any(
        m.kwargs.get("reason", "").startswith("no Redis") for m in item.iter_markers("skipif")
    )


@pytest.fixture(autouse=True)
def fresh_redis(request: pytest.FixtureRequest) -> None:
    """A Redis test starts with its worker's database empty. Ids restart in every test's database, so
    without this one test's rate-limit counts (kept in Redis, per user id) reach the next: two tests
    sending twenty messages each as the same id within ten seconds hit the 30 per 10 s limit."""
    if REDIS_URL and _uses_redis(request.node):
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        try:
            client.flushdb()
        finally:
            client.close()


@pytest.fixture(autouse=True)
def fresh_flood_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screening counts each author's recent messages per process; ids restart in every test's
    database, so each test starts with no history."""
    monkeypatch.setattr(intake, "_screener", Screener())


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def app(tmp_path: Any, backend: str) -> Iterator[Flask]:
    app = fixture_app(tmp_path, backend)
    with app.app_context():
        yield app
    dispose(app)


@pytest.fixture
def client(app: Flask) -> Any:
    return app.test_client()


@pytest.fixture
def cast(app: Flask) -> Any:
    """Named personas (adopter, guardian, teen, moderator, dsl, ...), created on first use."""
    from tests.factories import Cast

    return Cast()
