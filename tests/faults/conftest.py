"""Fixtures for fault injection: the app on PostgreSQL through a ``FaultProxy``, and, for a test that
asks for ``redis_server``, on a private Redis it can kill, freeze and restart.

- ``pg_proxy``: the proxy between the app and PostgreSQL (``cut``, ``slow``, ``black_hole``,
  ``heal``); healed after every test.
- ``app`` (overrides the suite's): the app on the test database's ``faults_*`` schemas through the
  proxy (on SQLite without TEST_POSTGRES_URL), with short timeouts (``FAULT_TIMEOUTS``) so scenarios
  finish quickly. ``client`` and ``cast`` work on it as everywhere else.
- ``redis_server``: a ``RedisServer`` of this test's own; the app's ``REDIS_URL`` points at it.
- ``fault_server(app)``: a real server process (``python -m backend.serve``) on the same databases
  (through the proxy), Redis and timeouts as ``app``, for what needs real sockets and real processes.

The machine's shared PostgreSQL and Redis are never stopped or slowed: only the proxy and the
private redis-server are.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.engine import make_url

from tests.conftest import (
    POSTGRES_URL,
    WORKER,
    create_schema,
    database_urls,
    dispose,
    make_app,
)
from tests.faults.proxy import FaultProxy
from tests.faults.redis_server import REDIS_SERVER, RedisServer
from tests.servers import server

APP_SCHEMA, MODERATION_SCHEMA = f"faults_{WORKER}_app", f"faults_{WORKER}_moderation"

# Seconds. Small, so a scenario's worst case is a few seconds; the defaults are in backend/config.py.
FAULT_TIMEOUTS: dict[str, float] = {
    "DATABASE_CONNECT_TIMEOUT": 2,  # libpq's minimum
    "DATABASE_STATEMENT_TIMEOUT": 1,
    "DATABASE_POOL_TIMEOUT": 1,
    "REQUEST_TIMEOUT": 3,
    "HEALTH_TIMEOUT": 1,
    "REDIS_CONNECT_TIMEOUT": 0.5,
    "REDIS_SOCKET_TIMEOUT": 0.5,
}
# What a caller may wait at worst: the deadline, plus one connection attempt begun just before it
# (libpq's minimum is 2 s), plus slack for a busy machine. /healthz: its budget plus slack.
REQUEST_BOUND = FAULT_TIMEOUTS["REQUEST_TIMEOUT"] + FAULT_TIMEOUTS["DATABASE_CONNECT_TIMEOUT"] + 1.5
HEALTH_BOUND = FAULT_TIMEOUTS["HEALTH_TIMEOUT"] + 1.0


@pytest.fixture(scope="session")
def pg_proxy() -> Iterator[FaultProxy]:
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    url = make_url(POSTGRES_URL)
    proxy = FaultProxy(url.host or "127.0.0.1", url.port or 5432)
    yield proxy
    proxy.close()


@pytest.fixture(scope="session")
def fault_database_urls(pg_proxy: FaultProxy, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The two schemas, made once with their tables (directly, not through the proxy); the URLs the
    app uses go through the proxy."""
    direct = database_urls("postgres", tmp_path_factory.mktemp("faults"), prefix="faults")
    setup = make_app(tmp_path_factory.mktemp("faults-setup"), "postgres", **direct)
    create_schema(setup)
    dispose(setup)

    def proxied(url: str) -> str:
        return make_url(url).set(host="127.0.0.1", port=pg_proxy.port).render_as_string(hide_password=False)

    return {name: proxied(url) for name, url in direct.items()}


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    if not os.path.exists(REDIS_SERVER):
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    yield server
    server.kill()


@pytest.fixture
def app(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Flask]:
    """On PostgreSQL through the proxy when TEST_POSTGRES_URL is set (the tables are emptied once per
    session, not per test, which costs seconds: a scenario must not count rows it did not make, or
    must call ``empty_postgres_tables(APP_SCHEMA, MODERATION_SCHEMA)``). Without it, on fresh SQLite
    files, so the Redis scenarios still run; the database scenarios (``pg_proxy``) are skipped."""
    config: dict[str, Any] = dict(FAULT_TIMEOUTS)
    if "redis_server" in request.fixturenames:
        config["REDIS_URL"] = request.getfixturevalue("redis_server").url()
    proxy: FaultProxy | None = None
    if POSTGRES_URL:
        proxy = request.getfixturevalue("pg_proxy")
        config.update(request.getfixturevalue("fault_database_urls"))
        app = make_app(tmp_path, "postgres", **config)
    else:
        app = make_app(tmp_path, **config)
        create_schema(app)
    try:
        with app.app_context():
            yield app
    finally:
        if proxy is not None:
            proxy.heal()
        dispose(app)


@contextlib.contextmanager
def fault_server(app: Flask, **env: str) -> Iterator[str]:
    """A server process configured as ``app`` (through the proxy, on its Redis, with the fault
    timeouts); yields its URL."""
    settings = {name: str(value) for name, value in FAULT_TIMEOUTS.items()}
    if app.config.get("REDIS_URL"):
        settings["REDIS_URL"] = app.config["REDIS_URL"]
    with server(app.config, **{**settings, **env}) as url:
        yield url
