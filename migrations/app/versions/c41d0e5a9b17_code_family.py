"""authorization codes remember the sign-in they started

Revision ID: c41d0e5a9b17
Revises: 5e1c0a7d2b94
Create Date: 2026-12-01 23:58:00
"""

import sqlalchemy as sa
from alembic import op

revision = "c41d0e5a9b17"
down_revision = "5e1c0a7d2b94"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("oauth_codes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("family_id", sa.String(length=32), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_oauth_codes_family_id_oauth_token_families"),
            "oauth_token_families",
            ["family_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("oauth_codes", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_oauth_codes_family_id_oauth_token_families"), type_="foreignkey"
        )
        batch_op.drop_column("family_id")
