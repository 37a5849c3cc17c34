"""partial indexes of held content for the hourly moderation sweep

Revision ID: 77d5324f0efa
Revises: c41d0e5a9b17
Create Date: 2026-12-02 01:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "77d5324f0efa"
down_revision = "c41d0e5a9b17"
branch_labels = None
depends_on = None

# (table, the status of its held rows): what backend.moderation_link.sweep pages through by id.
HELD = (("chat_messages", "pending"), ("group_threads", "pending"), ("group_posts", "pending"))


def upgrade() -> None:
    for table, status in HELD:
        where = sa.text(f"status = '{status}'")
        op.create_index(f"ix_{table}_held_id", table, ["id"], sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    for table, _status in HELD:
        op.drop_index(f"ix_{table}_held_id", table_name=table)
