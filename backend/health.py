"""``GET /healthz``: is each dependency answering, and quickly? 200 when all are, 503 otherwise.

The answer comes within ``HEALTH_TIMEOUT`` whatever the dependencies do: the checks run side by side,
each under that deadline, and one that has not answered by then is reported ``slow``. A load
balancer takes a process out of rotation on a 503, so a database that answers in 16-45 s must make
this 503, not a late "ok".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import text

from backend.core import deadline, message_queue
from backend.core.db import db
from moderation import api as moderation

bp = Blueprint("health", __name__)

# A check answers True (ok) or False or raises (down); one not done within the budget is slow.
Check = Callable[[Flask], bool]


def _redis_ok(app: Flask) -> bool:
    import redis

    client = redis.Redis.from_url(
        app.config["REDIS_URL"],
        socket_connect_timeout=app.config["REDIS_CONNECT_TIMEOUT"],
        socket_timeout=app.config["REDIS_SOCKET_TIMEOUT"],
    )
    try:
        return bool(client.ping())
    finally:
        client.close()


def _app_db_ok(_app: Flask) -> bool:
    db.session.execute(text("SELECT 1"))
    return True


def _moderation_db_ok(_app: Flask) -> bool:
    return moderation.database_ok()


def _message_queue_ok(app: Flask) -> bool:
    return message_queue.listener_ok(app)


def _run(app: Flask, name: str, check: Check, budget: float, results: dict[str, str]) -> None:
    try:
        with app.app_context(), deadline.within(budget):
            results[name] = "ok" if check(app) else "down"
    except Exception:
        results[name] = "down"


@bp.get("/healthz")
def healthz() -> Any:
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    budget = float(app.config["HEALTH_TIMEOUT"])
    checks: dict[str, Check] = {
        "app_database": _app_db_ok,
        "moderation_database": _moderation_db_ok,
    }
    if app.config["REDIS_URL"]:
        checks["redis"] = _redis_ok
        checks["message_queue"] = _message_queue_ok
    results: dict[str, str] = {}
    threads = [
        threading.Thread(target=_run, args=(app, name, check, budget, results), daemon=True)
        for name, check in checks.items()
    ]
    ends = time.monotonic() + budget
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, ends - time.monotonic()))
    # A check still running past the budget is reported as slow; its thread ends at its own timeouts.
    report = {name: results.get(name, "slow") for name in checks}
    healthy = all(v == "ok" for v in report.values())
    return jsonify({"status": "ok" if healthy else "degraded", "checks": report}), 200 if healthy else 503
