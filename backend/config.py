"""Settings from the environment, with embedded defaults.

With no variables set the app runs fully on one machine: two SQLite files under ``instance/``, an
in-memory Socket.IO manager and in-memory rate limits. Each production dependency is one variable.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"


class ConfigError(RuntimeError):
    """The environment asks for something unsafe or impossible; refuse to start."""


def _secret_key(instance: Path, env: str) -> str:
    """SECRET_KEY from the environment, else one generated once and kept under instance/.

    Production must set it explicitly: a key silently generated on one host would differ on the next
    and sign everyone out (and a lost file would be worse than a loud failure at start-up).
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if env == "production":
        raise ConfigError("SECRET_KEY must be set when APP_ENV=production")
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The app's settings: environment first, then embedded defaults, then explicit overrides."""
    overrides = dict(overrides or {})
    env = overrides.get("APP_ENV") or os.environ.get("APP_ENV", "development")
    instance = Path(overrides.get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH") or DEFAULT_INSTANCE)
    instance.mkdir(parents=True, exist_ok=True)

    def env_int(name: str, default: int) -> int:
        return int(os.environ.get(name, default))

    def env_seconds(name: str, default: float) -> float:
        return float(os.environ.get(name, default))

    config: dict[str, Any] = {
        "APP_ENV": env,
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'app.db'}",
        "MODERATION_DATABASE_URL": os.environ.get("MODERATION_DATABASE_URL")
        or f"sqlite:///{instance / 'moderation.db'}",
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        # Names this deployment on shared services: every Redis key and the Socket.IO channel start with
        # it, so staging, production and test runs on one Redis never reach each other's rooms or limits
        # (Redis pub/sub ignores database numbers).
        "DEPLOYMENT_NAME": os.environ.get("DEPLOYMENT_NAME", "kinship"),
        # Every wait is bounded (QUALITY.md section 3), in seconds. PostgreSQL: a new connection, one
        # statement (the server cancels it; the client gives up on any answer a second later) and a
        # free pooled connection. SQLite waits only for its write lock (busy_timeout, 15 s).
        "DATABASE_CONNECT_TIMEOUT": env_seconds("DATABASE_CONNECT_TIMEOUT", 3),
        "DATABASE_STATEMENT_TIMEOUT": env_seconds("DATABASE_STATEMENT_TIMEOUT", 5),
        "DATABASE_POOL_TIMEOUT": env_seconds("DATABASE_POOL_TIMEOUT", 3),
        # Redis (message queue, socket registry, rate limits): connecting, and any one reply.
        "REDIS_CONNECT_TIMEOUT": env_seconds("REDIS_CONNECT_TIMEOUT", 2),
        "REDIS_SOCKET_TIMEOUT": env_seconds("REDIS_SOCKET_TIMEOUT", 2),
        # A request or socket event waits on databases until this long after it started, then 503.
        "REQUEST_TIMEOUT": env_seconds("REQUEST_TIMEOUT", 10),
        # /healthz answers within this: a dependency slower than it is reported degraded.
        "HEALTH_TIMEOUT": env_seconds("HEALTH_TIMEOUT", 2),
        "CORS_ORIGINS": [o.strip() for o in os.environ.get("CORS_ORIGINS", "").split(",") if o.strip()],
        "PORT": env_int("PORT", 5000),
        # How many server processes this deployment runs; more than one needs REDIS_URL (production refuses
        # otherwise: each process would have its own rooms and rate limits).
        "PROCESSES": env_int("PROCESSES", 1),
        # threading (with simple-websocket) by default; gevent for many idle sockets in production.
        "SOCKETIO_ASYNC_MODE": os.environ.get("SOCKETIO_ASYNC_MODE", "threading"),
        "MAX_CONTENT_LENGTH": env_int("MAX_CONTENT_LENGTH", 64 * 1024),
        "JWT_ISSUER": os.environ.get("JWT_ISSUER", "kinship-community"),
        "JWT_AUDIENCE": os.environ.get("JWT_AUDIENCE", "kinship-community-api"),
        "ACCESS_TOKEN_TTL": env_int("ACCESS_TOKEN_TTL", 15 * 60),
        "REFRESH_TOKEN_TTL": env_int("REFRESH_TOKEN_TTL", 30 * 24 * 3600),
        "LOGIN_LOCKOUT_THRESHOLD": env_int("LOGIN_LOCKOUT_THRESHOLD", 5),
        "LOGIN_LOCKOUT_SECONDS": env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60),
        "RATELIMIT_ENABLED": os.environ.get("RATELIMIT_ENABLED", "1") != "0",
        # Screening's flood rule: more than this many messages from one person in the window is
        # blocked. Load tests and benches raise it; people never need to.
        "SCREENING_FLOOD_MAX_MESSAGES": env_int("SCREENING_FLOOD_MAX_MESSAGES", 8),
        "SCREENING_FLOOD_WINDOW_SECONDS": env_int("SCREENING_FLOOD_WINDOW_SECONDS", 10),
        # Background timers (deadlines, turning-18 job). Tests drive them directly instead.
        "TIMERS_ENABLED": os.environ.get("TIMERS_ENABLED", "1") != "0",
        "JOBS_PERIOD_SECONDS": env_int("JOBS_PERIOD_SECONDS", 3600),
        # Screened text without a risk-to-life finding is read again by a slower model, off the
        # request (moderation/second_reading.py). Tests that are not about it turn it off.
        "SECOND_READING_ENABLED": os.environ.get("SECOND_READING_ENABLED", "1") != "0",
        # How often each process hands held content that moderation could not queue at the time
        # (its database was down) to moderation again (backend/moderation_link/outbox.py).
        "OUTBOX_PERIOD_SECONDS": env_int("OUTBOX_PERIOD_SECONDS", 5),
        # Notifications: quiet-hours releases, due digests and copies of lead alerts (notifications/).
        "NOTIFICATIONS_PERIOD_SECONDS": env_int("NOTIFICATIONS_PERIOD_SECONDS", 60),
        # Live rights and presence (backend/live_rights.py, core/presence.py): every process renews
        # its presence leases and re-checks the sockets whose owner's rights changed this often (0:
        # off, for tests that drive it directly), and all its sockets this often and daily; a lease
        # not renewed for PRESENCE_LEASE_SECONDS is gone (a dead process's staff stop counting).
        "LIVE_RIGHTS_SECONDS": float(os.environ.get("LIVE_RIGHTS_SECONDS", 2)),
        "LIVE_RIGHTS_FULL_SECONDS": env_int("LIVE_RIGHTS_FULL_SECONDS", 300),
        "PRESENCE_LEASE_SECONDS": float(os.environ.get("PRESENCE_LEASE_SECONDS", 10)),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        # Reverse proxies in front of the app (nginx: 1). Their X-Forwarded-For is trusted for the
        # client address, so rate limits count people, not the proxy.
        "PROXY_COUNT": env_int("PROXY_COUNT", 0),
        # Mail to people without an account yet (a young person's invitation): unset = kept in an
        # in-memory outbox, nothing sent (backend/accounts/mail.py).
        "SMTP_HOST": os.environ.get("SMTP_HOST") or None,
        "SMTP_PORT": env_int("SMTP_PORT", 25),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "no-reply@localhost"),
        # flask-smorest / OpenAPI
        "API_TITLE": "Kinship community API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        # The docs page is ours (backend/core/docs_page), with Swagger UI served from this server.
        "DOCS_OAUTH_CLIENT_ID": os.environ.get("DOCS_OAUTH_CLIENT_ID", "community-demo"),
        "JSON_SORT_KEYS": False,
    }
    config.update(_policy_settings_from_environment())
    config.update(overrides)
    config["SECRET_KEY"] = overrides.get("SECRET_KEY") or _secret_key(instance, env)
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", config["DEPLOYMENT_NAME"]):
        raise ConfigError("DEPLOYMENT_NAME must be 1-40 letters, digits, '.', '_' or '-'")
    config["REDIS_PREFIX"] = f"{config['DEPLOYMENT_NAME']}:"
    if env == "production":
        _refuse_unsafe_production(config)
    period, lease = float(config["LIVE_RIGHTS_SECONDS"]), float(config["PRESENCE_LEASE_SECONDS"])
    if period > 0 and lease < 2 * period:
        # A lease must outlive a missed heartbeat, or live staff would keep closing their rooms.
        raise ConfigError("PRESENCE_LEASE_SECONDS must be at least twice LIVE_RIGHTS_SECONDS")
    return config


MIN_SECRET_KEY_LENGTH = 32


def _refuse_unsafe_production(config: dict[str, Any]) -> None:
    """Production never starts on settings that would lose data, sign everyone out or split rooms."""
    problems = []
    if len(config["SECRET_KEY"]) < MIN_SECRET_KEY_LENGTH:
        problems.append(f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters")
    for name in ("DATABASE_URL", "MODERATION_DATABASE_URL"):
        if config[name].startswith("sqlite"):
            problems.append(f"{name} must be PostgreSQL (SQLite is the one-machine default)")
    if config["PROCESSES"] > 1 and not config["REDIS_URL"]:
        problems.append(f"REDIS_URL must be set when PROCESSES={config['PROCESSES']}")
    if problems:
        raise ConfigError("refusing to start with APP_ENV=production: " + "; ".join(problems))


def _policy_settings_from_environment() -> dict[str, Any]:
    """Policy numbers an operator may change without a code change: moderation's settings
    (``MODERATION_*`` in moderation/settings.py, JSON values such as
    ``MODERATION_DEADLINES='{"0": 900, "1": 3600}'``) and the per-person rate limits (``RATE_LIMIT_*``,
    strings such as ``30/10second``)."""
    settings: dict[str, Any] = {}
    for name, value in os.environ.items():
        if name.startswith("RATE_LIMIT_"):
            settings[name] = value
        elif name.startswith("MODERATION_") and name != "MODERATION_DATABASE_URL":
            try:
                settings[name] = json.loads(value)
            except ValueError as exc:
                raise RuntimeError(f"{name} must be a JSON value: {exc}") from exc
    return settings
