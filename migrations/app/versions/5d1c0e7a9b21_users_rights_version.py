"""users.rights_version: live rights on open sockets

Revision ID: 5d1c0e7a9b21
Revises: 7bc80b469b00
Create Date: 2026-12-01 23:59:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "5d1c0e7a9b21"
down_revision = "7bc80b469b00"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rights_version", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("rights_version")
