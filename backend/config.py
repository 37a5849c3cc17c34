"""Settings from the environment, with embedded defaults.

With no variables set the app runs fully on one machine: two SQLite files under ``instance/``, an
in-memory Socket.IO manager and in-memory rate limits. Each production dependency is one variable.
"""

from __future__ import annotations

import json
import os
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

    config: dict[str, Any] = {
        "APP_ENV": env,
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'app.db'}",
        "MODERATION_DATABASE_URL": os.environ.get("MODERATION_DATABASE_URL")
        or f"sqlite:///{instance / 'moderation.db'}",
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "CORS_ORIGINS": [o.strip() for o in os.environ.get("CORS_ORIGINS", "").split(",") if o.strip()],
        "PORT": env_int("PORT", 5000),
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
        # How often each process checks its own sockets' sign-ins against the database (revoked on
        # another process, expired while only listening): the most a socket outlives its sign-in.
        "SIGN_IN_SWEEP_SECONDS": env_int("SIGN_IN_SWEEP_SECONDS", 5),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        # Reverse proxies in front of the app (nginx: 1). Their X-Forwarded-For is trusted for the
        # client address, so rate limits count people, not the proxy.
        "PROXY_COUNT": env_int("PROXY_COUNT", 0),
        # flask-smorest / OpenAPI
        "API_TITLE": "Kinship community API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/",
        "JSON_SORT_KEYS": False,
    }
    config.update(_policy_settings_from_environment())
    config.update(overrides)
    config["SECRET_KEY"] = overrides.get("SECRET_KEY") or _secret_key(instance, env)
    return config


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
