"""evidence.intake_key: a backend intake record delivered twice is stored once

Revision ID: a99fd97d428a
Revises: a49cc3da2092
Create Date: 2026-12-01 23:51:42.776690
"""

import sqlalchemy as sa
from alembic import op

revision = "a99fd97d428a"
down_revision = "a49cc3da2092"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("intake_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_evidence_intake_key"), ["intake_key"])


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_evidence_intake_key"), type_="unique")
        batch_op.drop_column("intake_key")
