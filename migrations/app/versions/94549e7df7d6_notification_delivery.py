"""notifications: delivery state, preferences, quiet hours and digests

Revision ID: 94549e7df7d6
Revises: 3f9a1c6e0b52
Create Date: 2026-12-02 04:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision = "94549e7df7d6"
down_revision = "3f9a1c6e0b52"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification_digests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("cadence", sa.String(length=10), nullable=False),
        sa.Column("period", sa.String(length=12), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notification_digests_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_digests")),
        sa.UniqueConstraint(
            "user_id", "cadence", "period", name=op.f("uq_notification_digests_user_id_cadence_period")
        ),
    )
    op.create_index(
        op.f("ix_notification_digests_user_id"), "notification_digests", ["user_id"], unique=False
    )
    op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("cadence", sa.String(length=10), nullable=False),
        sa.Column("updated_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notification_preferences_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "category", name=op.f("pk_notification_preferences")),
    )
    op.create_table(
        "notification_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("quiet_start", sa.Time(), nullable=True),
        sa.Column("quiet_end", sa.Time(), nullable=True),
        sa.Column("journey_lead_weeks", sa.Integer(), nullable=False),
        sa.Column("updated_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notification_settings_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_settings")),
    )
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("delivery", sa.String(length=10), nullable=False, server_default="sent"))
        batch.add_column(
            sa.Column("cadence", sa.String(length=10), nullable=False, server_default="immediate")
        )
        batch.add_column(sa.Column("deliver_at", backend.core.db.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("digest_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_notifications_digest_id_notification_digests"),
            "notification_digests",
            ["digest_id"],
            ["id"],
        )
        batch.create_index("ix_notifications_delivery_deliver_at", ["delivery", "deliver_at"], unique=False)
    # The defaults were only for rows that existed before; the models set both on every insert.
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column("delivery", server_default=None)
        batch.alter_column("cadence", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.drop_index("ix_notifications_delivery_deliver_at")
        batch.drop_constraint(batch.f("fk_notifications_digest_id_notification_digests"), type_="foreignkey")
        batch.drop_column("digest_id")
        batch.drop_column("deliver_at")
        batch.drop_column("cadence")
        batch.drop_column("delivery")
    op.drop_table("notification_settings")
    op.drop_table("notification_preferences")
    op.drop_index(op.f("ix_notification_digests_user_id"), table_name="notification_digests")
    op.drop_table("notification_digests")
