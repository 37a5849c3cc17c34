"""group chat rooms: every open group gets the chat room it should have opened with

Revision ID: c4e1d2a9b7f3
Revises: 5d1c0e7a9b21
Create Date: 2026-12-01 23:59:00.000000

Before this revision nothing in the product created a group's chat room. Groups now open with their
room in the same transaction (``backend/groups/lifecycle.py``); this gives every active group that
has none its room. Data only: the schema does not change.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision = "c4e1d2a9b7f3"
down_revision = "5d1c0e7a9b21"
branch_labels = None
depends_on = None

groups = sa.table("groups", sa.column("id", sa.Integer), sa.column("status", sa.String))
rooms = sa.table(
    "chat_rooms",
    sa.column("kind", sa.String),
    sa.column("group_id", sa.Integer),
    sa.column("staffed", sa.Boolean),
    sa.column("last_seq", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    has_room = sa.exists().where(rooms.c.group_id == groups.c.id)
    missing = sa.select(
        sa.literal("group"),
        groups.c.id,
        sa.false(),
        sa.literal(0),
        sa.literal(datetime.now(UTC), backend.core.db.UTCDateTime()),
    ).where(groups.c.status == "active", ~has_room)
    op.execute(rooms.insert().from_select(["kind", "group_id", "staffed", "last_seq", "created_at"], missing))


def downgrade() -> None:
    # The rooms stay: they may hold messages by now, and a group without its room is the bug this
    # revision repaired. Nothing in the schema changed, so there is nothing else to undo.
    pass
