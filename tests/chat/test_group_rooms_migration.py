"""The data migration gives every active group that existed before groups opened with their room
its chat room, once, and leaves proposals and groups that already had one alone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from backend.core import migrate
from tests.conftest import BACKENDS, dispose, make_app

BEFORE = "2b7c9323f95f"  # the chat tables, before groups opened with their rooms


@pytest.mark.parametrize("backend", BACKENDS)
def test_existing_active_groups_get_their_room(tmp_path: Any, backend: str) -> None:
    app = make_app(tmp_path, backend)
    engine = migrate.engine_for(app, "app")
    migrate._run(engine, "app", "upgrade", BEFORE)  # the app's history only: moderation has its own
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, display_name, persona, bio_html, status, failed_logins, created_at)"
                " VALUES (1, 'Morgan', 'agency_worker', '', 'active', 0, :now)"
            ),
            {"now": now},
        )
        for group_id, status in ((1, "active"), (2, "active"), (3, "proposed"), (4, "declined")):
            conn.execute(
                text(
                    "INSERT INTO groups (id, name, description_html, audience, visibility, moderation_mode,"
                    " status, created_by_id, created_at)"
                    " VALUES (:id, :name, '', 'adopters', 'open', 'post', :status, 1, :now)"
                ),
                {"id": group_id, "name": f"Group {group_id}", "status": status, "now": now},
            )
        conn.execute(
            text(
                "INSERT INTO chat_rooms (id, kind, group_id, staffed, last_seq, created_at)"
                " VALUES (7, 'group', 2, :no, 4, :now)"
            ),
            {"no": False, "now": now},
        )
    migrate.upgrade(app)
    with engine.connect() as conn:
        rooms = conn.execute(text("SELECT group_id, id, last_seq FROM chat_rooms ORDER BY group_id")).all()
    assert [(g, last) for g, _id, last in rooms] == [(1, 0), (2, 4)]
    assert dict((g, i) for g, i, _ in rooms)[2] == 7  # the room it had is the room it keeps
    dispose(app)
