"""Run the two Alembic histories (app and moderation) against an app's engines."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import Flask
from sqlalchemy import Engine

from backend.core.db import db, without_time_bounds
from moderation import api as moderation

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
DATABASES = ("app", "moderation")


def engine_for(app: Flask, database: str) -> Engine:
    return db.engine(app) if database == "app" else moderation.engine(app)


def _run(engine: Engine, database: str, fn: str, *args: object, **kwargs: object) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS / database))
    # Migrations may rightly run longer than a request's statement timeout (index builds).
    with engine.begin() as connection, without_time_bounds(connection):
        cfg.attributes["connection"] = connection
        getattr(command, fn)(cfg, *args, **kwargs)


def upgrade(app: Flask, revision: str = "head") -> None:
    for database in DATABASES:
        _run(engine_for(app, database), database, "upgrade", revision)


def downgrade(app: Flask, database: str, revision: str = "base") -> None:
    _run(engine_for(app, database), database, "downgrade", revision)


def revision(app: Flask, database: str, message: str) -> None:
    _run(engine_for(app, database), database, "revision", message=message, autogenerate=True)
