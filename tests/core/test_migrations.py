"""Alembic: an empty database upgraded to head matches the models exactly; downgrade to base works."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from backend.core import migrate
from backend.models import metadata as app_metadata
from moderation.models import metadata as moderation_metadata
from tests.conftest import BACKENDS, dispose, make_app

METADATA = {"app": app_metadata, "moderation": moderation_metadata}


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_gives_exactly_the_models_and_downgrade_empties(tmp_path: Any, backend: str) -> None:
    app = make_app(tmp_path, backend)
    migrate.upgrade(app)
    for database, metadata in METADATA.items():
        engine = migrate.engine_for(app, database)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        assert diff == [], f"{database}: migrations and models differ: {diff}"
        assert set(metadata.tables) <= set(inspect(engine).get_table_names())

    for database in METADATA:
        migrate.downgrade(app, database)
        engine = migrate.engine_for(app, database)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

    # And back up again: the history is repeatable.
    migrate.upgrade(app)
    for database, metadata in METADATA.items():
        assert set(metadata.tables) <= set(inspect(migrate.engine_for(app, database)).get_table_names())
    dispose(app)  # close the pooled connections now, not whenever the garbage collector gets to them


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_latest_migrations_go_down_and_up_again_over_the_demo_data(tmp_path: Any, backend: str) -> None:
    """An existing install is upgraded with its data in it: the two newest revisions (the ones an install
    made before them gets next) are undone and redone over the demo data, and nothing is lost. On SQLite
    a column change rebuilds the table, which must not trip on the rows that point to it (an events
    table with RSVPs did)."""
    from sqlalchemy import func, select

    from backend import demo
    from backend.events.models import Event, Rsvp

    app = make_app(tmp_path, backend)
    migrate.upgrade(app)
    with app.app_context():
        demo.load()
        from backend.core.db import db

        before = (
            db.session.scalar(select(func.count()).select_from(Event)),
            db.session.scalar(select(func.count()).select_from(Rsvp)),
        )
        db.session.close()
        assert before[0] and before[1]
        migrate.downgrade(app, "app", "-2")
        migrate.upgrade(app)
        after = (
            db.session.scalar(select(func.count()).select_from(Event)),
            db.session.scalar(select(func.count()).select_from(Rsvp)),
        )
        db.session.close()
    assert after == before
    dispose(app)
