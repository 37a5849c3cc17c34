"""Every wait is bounded (QUALITY.md section 3): a silent or slow PostgreSQL gives a 503 in the
standard shape within the request deadline, and /healthz says "degraded" within its budget.

The bounds asserted are the configured ones (tests/faults/conftest.py FAULT_TIMEOUTS) plus slack
for a busy machine; before the fix these requests hung for as long as the network let them.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from backend.core.db import close_session, db, without_time_bounds
from tests.conftest import needs_postgres
from tests.core.test_outages import UNAVAILABLE
from tests.faults.conftest import FAULT_TIMEOUTS, HEALTH_BOUND, REQUEST_BOUND
from tests.faults.proxy import BLACK_HOLE, SLOW, FaultProxy

pytestmark = pytest.mark.slow


def timed(call: Any) -> tuple[Any, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def end_session() -> None:
    """In production every request has its own session, closed at teardown; here the test client's
    requests share the test's app context, and so its session: end what a failure left open."""
    close_session(db.session)


class Warm:
    """Two people, and the pools holding open connections, all made before the fault (the
    personas' objects are not touched during it: reading them could need the database)."""

    def __init__(self, client: Any, cast: Any) -> None:
        self.client = client
        self.headers = cast.adopter.headers
        self.other_id = cast.adopter2.id
        assert self.me().status_code == 200
        assert client.get("/healthz").status_code == 200

    def me(self) -> Any:
        response = self.client.get("/api/v1/me", headers=self.headers)
        end_session()
        return response

    def report(self) -> Any:
        headers = {**self.headers, "Idempotency-Key": f"fault-{time.monotonic_ns()}"}
        body = {"subject_type": "user", "subject_id": self.other_id, "reason": "bullying"}
        response = self.client.post("/api/v1/reports", json=body, headers=headers)
        end_session()
        return response


@pytest.fixture
def warm(client: Any, cast: Any) -> Warm:
    return Warm(client, cast)


@pytest.mark.parametrize("mode", [BLACK_HOLE, SLOW])
def test_healthz_is_degraded_within_its_budget(
    client: Any, warm: Warm, pg_proxy: FaultProxy, mode: str
) -> None:
    with pg_proxy.fault(mode, latency=2.0):
        response, took = timed(lambda: client.get("/healthz"))
    assert response.status_code == 503 and took < HEALTH_BOUND, took
    assert response.json["status"] == "degraded"
    assert response.json["checks"] == {"app_database": "slow", "moderation_database": "slow"}


def test_a_black_holed_database_gives_503_within_the_deadline(
    client: Any, warm: Warm, pg_proxy: FaultProxy
) -> None:
    with pg_proxy.fault(BLACK_HOLE):
        me, me_took = timed(warm.me)
        filed, report_took = timed(warm.report)
    assert (me.status_code, me.json) == (503, UNAVAILABLE)
    assert (filed.status_code, filed.json) == (503, UNAVAILABLE)
    assert me_took < REQUEST_BOUND and report_took < REQUEST_BOUND, (me_took, report_took)
    # Healed, the next request works: the connections left mid-conversation were dropped.
    assert warm.me().status_code == 200


def test_a_slow_database_gives_503_at_the_deadline_not_after_every_round_trip(
    client: Any, warm: Warm, pg_proxy: FaultProxy
) -> None:
    # A report makes dozens of round trips: at +0.5 s each it would take well past the deadline.
    with pg_proxy.fault(SLOW, latency=0.5):
        filed, took = timed(warm.report)
    assert (filed.status_code, filed.json) == (503, UNAVAILABLE)
    assert took < REQUEST_BOUND, took


def test_a_slightly_slow_database_still_answers(client: Any, warm: Warm, pg_proxy: FaultProxy) -> None:
    with pg_proxy.fault(SLOW, latency=0.02):
        me = warm.me()
        filed = warm.report()
        health = client.get("/healthz")
    assert (me.status_code, filed.status_code, health.status_code) == (200, 201, 200)


@needs_postgres
def test_the_server_cancels_a_statement_past_the_statement_timeout(app: Any) -> None:
    # Migrations lift both limits for their own transaction (an index build may take minutes)...
    engine = db.engine()
    with engine.begin() as connection, without_time_bounds(connection):
        assert connection.execute(text("SELECT pg_sleep(2.2), 1")).all()[0][1] == 1
    # ... and the connection goes back to the pool with them.
    started = time.monotonic()
    with pytest.raises(OperationalError, match="statement timeout"):
        db.session.execute(text("SELECT pg_sleep(10)"))
    assert time.monotonic() - started < FAULT_TIMEOUTS["DATABASE_STATEMENT_TIMEOUT"] + 1.5
    db.session.rollback()
