"""Run the two Alembic histories (app and moderation) against an app's engines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from flask import Flask
from sqlalchemy import Connection, Engine

from backend.core.db import db, without_time_bounds
from moderation import api as moderation

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
DATABASES = ("app", "moderation")


def engine_for(app: Flask, database: str) -> Engine:
    return db.engine(app) if database == "app" else moderation.engine(app)


def _run(engine: Engine, database: str, fn: str, *args: object, **kwargs: object) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS / database))
    with engine.connect() as connection:
        # SQLite alters a table by rebuilding it (Alembic's batch mode: copy, drop, rename). With
        # foreign keys enforced, dropping a table other rows point to fails (an events table with
        # RSVPs), so they are off while the migrations run, checked once they have, and back on
        # before the connection returns to the pool. (The pragma only takes effect outside a
        # transaction.)
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _pragma(connection, "foreign_keys=OFF")
        try:
            # Migrations may rightly run longer than a request's statement timeout (index builds).
            with connection.begin(), without_time_bounds(connection):
                cfg.attributes["connection"] = connection
                getattr(command, fn)(cfg, *args, **kwargs)
            if sqlite and (broken := _pragma(connection, "foreign_key_check")):
                raise RuntimeError(f"{database}: rows point to rows that do not exist: {broken[:5]}")
        finally:
            if sqlite:
                _pragma(connection, "foreign_keys=ON")


def _pragma(connection: Connection, pragma: str) -> list[Any]:
    result = connection.exec_driver_sql(f"PRAGMA {pragma}")
    rows = list(result.fetchall()) if result.returns_rows else []
    connection.commit()
    return rows


def upgrade(app: Flask, revision: str = "head") -> None:
    for database in DATABASES:
        _run(engine_for(app, database), database, "upgrade", revision)


def downgrade(app: Flask, database: str, revision: str = "base") -> None:
    _run(engine_for(app, database), database, "downgrade", revision)


def revision(app: Flask, database: str, message: str) -> None:
    _run(engine_for(app, database), database, "revision", message=message, autogenerate=True)
