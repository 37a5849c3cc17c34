"""mentoring: profiles, requests, matches, sessions and cohorts (issue #18)

Revision ID: 645c32845d87
Revises: 9d2e6b4a1c07
Create Date: 2026-12-02 03:40:33.608795
"""

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision = "645c32845d87"
down_revision = "9d2e6b4a1c07"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "mentoring_cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=120), nullable=False),
        sa.Column("scheme", sa.String(length=30), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("proposal", sa.JSON(), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.Column("applied_at", backend.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_mentoring_cohorts_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_cohorts")),
    )
    with op.batch_alter_table("mentoring_cohorts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentoring_cohorts_agency"), ["agency"], unique=False)

    op.create_table(
        "mentoring_profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("offers", sa.JSON(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("opted_in", sa.Boolean(), nullable=False),
        sa.Column("approved_schemes", sa.JSON(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", backend.core.db.UTCDateTime(), nullable=True),
        sa.Column("created_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["users.id"], name=op.f("fk_mentoring_profiles_approved_by_id_users")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_mentoring_profiles_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_mentoring_profiles")),
    )
    op.create_table(
        "mentoring_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=30), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("preferences", sa.JSON(), nullable=False),
        sa.Column("experience", sa.JSON(), nullable=False),
        sa.Column("agency", sa.String(length=120), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["users.id"], name=op.f("fk_mentoring_requests_requester_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_requests")),
    )
    with op.batch_alter_table("mentoring_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentoring_requests_agency"), ["agency"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mentoring_requests_requester_id"), ["requester_id"], unique=False
        )

    op.create_table(
        "mentoring_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=30), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=120), nullable=True),
        sa.Column("coordinator_id", sa.Integer(), nullable=True),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("chosen_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.Column("expires_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.Column("responded_at", backend.core.db.UTCDateTime(), nullable=True),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", backend.core.db.UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("mentor_feedback", sa.Text(), nullable=True),
        sa.Column("mentee_feedback", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["mentoring_cohorts.id"],
            name=op.f("fk_mentoring_matches_cohort_id_mentoring_cohorts"),
        ),
        sa.ForeignKeyConstraint(
            ["coordinator_id"], ["users.id"], name=op.f("fk_mentoring_matches_coordinator_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["mentee_id"], ["users.id"], name=op.f("fk_mentoring_matches_mentee_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["users.id"], name=op.f("fk_mentoring_matches_mentor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["mentoring_requests.id"],
            name=op.f("fk_mentoring_matches_request_id_mentoring_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["chat_rooms.id"], name=op.f("fk_mentoring_matches_room_id_chat_rooms")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_matches")),
    )
    with op.batch_alter_table("mentoring_matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentoring_matches_agency"), ["agency"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentoring_matches_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentoring_matches_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentoring_matches_request_id"), ["request_id"], unique=False)
        batch_op.create_index(
            "ix_mentoring_matches_status_expires_at", ["status", "expires_at"], unique=False
        )

    op.create_table(
        "mentoring_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("logged_by_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("concern_report_id", sa.Integer(), nullable=True),
        sa.Column("created_at", backend.core.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["logged_by_id"], ["users.id"], name=op.f("fk_mentoring_sessions_logged_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["match_id"],
            ["mentoring_matches.id"],
            name=op.f("fk_mentoring_sessions_match_id_mentoring_matches"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_sessions")),
    )
    with op.batch_alter_table("mentoring_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentoring_sessions_match_id"), ["match_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("mentoring_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentoring_sessions_match_id"))

    op.drop_table("mentoring_sessions")
    with op.batch_alter_table("mentoring_matches", schema=None) as batch_op:
        batch_op.drop_index("ix_mentoring_matches_status_expires_at")
        batch_op.drop_index(batch_op.f("ix_mentoring_matches_request_id"))
        batch_op.drop_index(batch_op.f("ix_mentoring_matches_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_mentoring_matches_mentee_id"))
        batch_op.drop_index(batch_op.f("ix_mentoring_matches_agency"))

    op.drop_table("mentoring_matches")
    with op.batch_alter_table("mentoring_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentoring_requests_requester_id"))
        batch_op.drop_index(batch_op.f("ix_mentoring_requests_agency"))

    op.drop_table("mentoring_requests")
    op.drop_table("mentoring_profiles")
    with op.batch_alter_table("mentoring_cohorts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentoring_cohorts_agency"))

    op.drop_table("mentoring_cohorts")
