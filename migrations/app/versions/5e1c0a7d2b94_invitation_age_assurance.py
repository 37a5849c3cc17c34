"""invitations bound to the young person; children confirmed by their agency

Revision ID: 5e1c0a7d2b94
Revises: c4e1d2a9b7f3
Create Date: 2026-12-02 00:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision = "5e1c0a7d2b94"
down_revision = "c4e1d2a9b7f3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("children") as batch:
        batch.add_column(sa.Column("confirmed_at", backend.core.db.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("confirmed_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_children_confirmed_by_id_users"), "users", ["confirmed_by_id"], ["id"]
        )
    with op.batch_alter_table("invitations") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("invitations") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("children") as batch:
        batch.drop_constraint(batch.f("fk_children_confirmed_by_id_users"), type_="foreignkey")
        batch.drop_column("confirmed_by_id")
        batch.drop_column("confirmed_at")
