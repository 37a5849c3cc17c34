"""playdate profiles carry their family; one covering index for the nearby search

Revision ID: e7b3c5a1d904
Revises: fd26bb1cae9c
Create Date: 2026-12-02 07:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "e7b3c5a1d904"
down_revision = "fd26bb1cae9c"
branch_labels = None
depends_on = None

NEARBY = ["cell", "visible", "age_bands", "interests", "family_id", "user_id", "id"]


def upgrade() -> None:
    with op.batch_alter_table("playdate_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("family_id", sa.Integer(), nullable=True))
    # The owner's family, copied from the account (profiles exist only for carers with a family).
    op.execute(
        "UPDATE playdate_profiles SET family_id = "
        "(SELECT users.family_id FROM users WHERE users.id = playdate_profiles.user_id)"
    )
    # A profile whose owner may no longer use the finder is not shown (the search trusts the flag).
    op.execute(
        "UPDATE playdate_profiles SET visible = false WHERE user_id IN (SELECT users.id FROM users "
        "LEFT JOIN families ON families.id = users.family_id WHERE users.status <> 'active' "
        "OR users.persona NOT IN ('adopter', 'special_guardian') "
        "OR families.verified_at IS NULL)"
    )
    op.execute("DELETE FROM playdate_profiles WHERE family_id IS NULL")
    with op.batch_alter_table("playdate_profiles", schema=None) as batch_op:
        batch_op.alter_column("family_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_playdate_profiles_family_id_families"), "families", ["family_id"], ["id"]
        )
        batch_op.drop_index("ix_playdate_profiles_cell_visible")
        batch_op.create_index("ix_playdate_profiles_nearby", NEARBY, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("playdate_profiles", schema=None) as batch_op:
        batch_op.drop_index("ix_playdate_profiles_nearby")
        batch_op.create_index("ix_playdate_profiles_cell_visible", ["cell", "visible"], unique=False)
        batch_op.drop_constraint(batch_op.f("fk_playdate_profiles_family_id_families"), type_="foreignkey")
        batch_op.drop_column("family_id")
