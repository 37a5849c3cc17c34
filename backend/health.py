"""``GET /healthz``: is each dependency answering? 200 when all are, 503 otherwise."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from backend.core.db import db
from moderation import api as moderation

bp = Blueprint("health", __name__)


def _redis_ok(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        return bool(client.ping())
    except Exception:
        return False


def _app_db_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


@bp.get("/healthz")
def healthz() -> Any:
    checks = {
        "app_database": "ok" if _app_db_ok() else "down",
        "moderation_database": "ok" if moderation.database_ok() else "down",
    }
    if current_app.config["REDIS_URL"]:
        checks["redis"] = "ok" if _redis_ok(current_app.config["REDIS_URL"]) else "down"
    healthy = all(v == "ok" for v in checks.values())
    return jsonify({"status": "ok" if healthy else "degraded", "checks": checks}), 200 if healthy else 503
