"""events record who cancelled them and when

Revision ID: f2a8d6c4b310
Revises: e7b3c5a1d904
Create Date: 2026-12-02 07:30:00
"""

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision = "f2a8d6c4b310"
down_revision = "e7b3c5a1d904"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cancelled_at", backend.core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("cancelled_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_events_cancelled_by_id_users"), "users", ["cancelled_by_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_events_cancelled_by_id_users"), type_="foreignkey")
        batch_op.drop_column("cancelled_by_id")
        batch_op.drop_column("cancelled_at")
