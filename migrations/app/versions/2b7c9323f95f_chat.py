"""chat

Revision ID: 2b7c9323f95f
Revises: a227549857c4
Create Date: 2026-11-27 13:50:28.725516
"""

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision = "2b7c9323f95f"
down_revision = "a227549857c4"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "chat_connections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("responded_at", backend.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["users.id"], name=op.f("fk_chat_connections_recipient_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["users.id"], name=op.f("fk_chat_connections_requester_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_connections")),
        sa.UniqueConstraint(
            "requester_id", "recipient_id", name=op.f("uq_chat_connections_requester_id_recipient_id")
        ),
    )
    with op.batch_alter_table("chat_connections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_connections_recipient_id"), ["recipient_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chat_connections_requester_id"), ["requester_id"], unique=False)

    op.create_table(
        "chat_rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("dm_low_id", sa.Integer(), nullable=True),
        sa.Column("dm_high_id", sa.Integer(), nullable=True),
        sa.Column("staffed", sa.Boolean(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["dm_high_id"], ["users.id"], name=op.f("fk_chat_rooms_dm_high_id_users")),
        sa.ForeignKeyConstraint(["dm_low_id"], ["users.id"], name=op.f("fk_chat_rooms_dm_low_id_users")),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], name=op.f("fk_chat_rooms_group_id_groups")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_rooms")),
        sa.UniqueConstraint("dm_low_id", "dm_high_id", name=op.f("uq_chat_rooms_dm_low_id_dm_high_id")),
        sa.UniqueConstraint("group_id", name=op.f("uq_chat_rooms_group_id")),
    )
    op.create_table(
        "chat_expert_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("audience", sa.String(length=30), nullable=False),
        sa.Column("starts_at", backend.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", backend.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_chat_expert_sessions_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["host_id"], ["users.id"], name=op.f("fk_chat_expert_sessions_host_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["chat_rooms.id"], name=op.f("fk_chat_expert_sessions_room_id_chat_rooms")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_expert_sessions")),
        sa.UniqueConstraint("room_id", name=op.f("uq_chat_expert_sessions_room_id")),
    )
    op.create_table(
        "chat_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("answer_to_id", sa.Integer(), nullable=True),
        sa.Column("created_at", backend.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("published_at", backend.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["answer_to_id"], ["chat_messages.id"], name=op.f("fk_chat_messages_answer_to_id_chat_messages")
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["chat_rooms.id"], name=op.f("fk_chat_messages_room_id_chat_rooms")
        ),
        sa.ForeignKeyConstraint(["sender_id"], ["users.id"], name=op.f("fk_chat_messages_sender_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_messages")),
        sa.UniqueConstraint(
            "room_id", "sender_id", "client_id", name=op.f("uq_chat_messages_room_id_sender_id_client_id")
        ),
        sa.UniqueConstraint("room_id", "seq", name=op.f("uq_chat_messages_room_id_seq")),
    )
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.create_index("ix_chat_messages_room_id_id", ["room_id", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chat_messages_sender_id"), ["sender_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_messages_sender_id"))
        batch_op.drop_index("ix_chat_messages_room_id_id")

    op.drop_table("chat_messages")
    op.drop_table("chat_expert_sessions")
    op.drop_table("chat_rooms")
    with op.batch_alter_table("chat_connections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_connections_requester_id"))
        batch_op.drop_index(batch_op.f("ix_chat_connections_recipient_id"))

    op.drop_table("chat_connections")
