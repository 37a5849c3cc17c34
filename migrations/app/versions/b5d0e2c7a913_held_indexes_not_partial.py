"""held content indexes by (status, id) instead of partial indexes

SQLite prepares a statement anew on every execution when it compares a column that a partial index's
condition names with a bound parameter (it reads the bound value to test the condition): every read of
these tables by status was compiled again each time. An ordinary index serves the sweep as well.

Revision ID: b5d0e2c7a913
Revises: f2a8d6c4b310
Create Date: 2026-12-02 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "b5d0e2c7a913"
down_revision = "f2a8d6c4b310"
branch_labels = None
depends_on = None

# The tables whose held rows backend.moderation_link.sweep pages through by id.
TABLES = ("chat_messages", "group_threads", "group_posts")


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_held_id", table_name=table)
        op.create_index(f"ix_{table}_status_id", table, ["status", "id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_status_id", table_name=table)
        where = sa.text("status = 'pending'")
        op.create_index(f"ix_{table}_held_id", table, ["id"], sqlite_where=where, postgresql_where=where)
