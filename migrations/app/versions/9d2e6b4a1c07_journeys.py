"""journeys: article bookmarks, article feedback and the topics a person chose

Revision ID: 9d2e6b4a1c07
Revises: 94549e7df7d6
Create Date: 2026-12-02 03:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision = "9d2e6b4a1c07"
down_revision = "94549e7df7d6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_bookmarks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_article_bookmarks_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_bookmarks")),
        sa.UniqueConstraint("user_id", "slug", name=op.f("uq_article_bookmarks_user_id_slug")),
    )
    op.create_index(op.f("ix_article_bookmarks_user_id"), "article_bookmarks", ["user_id"], unique=False)
    op.create_table(
        "article_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("comment_state", sa.String(length=10), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_article_feedback_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_feedback")),
        sa.UniqueConstraint("user_id", "slug", name=op.f("uq_article_feedback_user_id_slug")),
    )
    op.create_index("ix_article_feedback_slug", "article_feedback", ["slug"], unique=False)
    op.create_table(
        "journey_topics",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("updated_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_journey_topics_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_journey_topics")),
    )


def downgrade() -> None:
    op.drop_table("journey_topics")
    op.drop_index("ix_article_feedback_slug", table_name="article_feedback")
    op.drop_table("article_feedback")
    op.drop_index(op.f("ix_article_bookmarks_user_id"), table_name="article_bookmarks")
    op.drop_table("article_bookmarks")
