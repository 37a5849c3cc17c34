"""moderation outbox: intake records for held content whose queue item moderation could not store

Revision ID: 7bc80b469b00
Revises: 2b7c9323f95f
Create Date: 2026-12-01 23:51:26.517515
"""

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision = "7bc80b469b00"
down_revision = "2b7c9323f95f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "moderation_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.JSON(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("space", sa.String(length=80), nullable=False),
        sa.Column("mode", sa.String(length=4), nullable=False),
        sa.Column("family_key", sa.String(length=40), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=True),
        sa.Column("signposts", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", backend.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_moderation_outbox_key")),
    )
    with op.batch_alter_table("moderation_outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_moderation_outbox_next_attempt_at"), ["next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("moderation_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderation_outbox_next_attempt_at"))

    op.drop_table("moderation_outbox")
