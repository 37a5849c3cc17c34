"""The finder's part of data rights: what an export holds, and what goes with a deleted account."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, or_, select

from backend.accounts.models import User
from backend.core.db import db
from backend.playdates import hiding, invitations, profiles
from backend.playdates.models import InvitationStatus, PlaydateHide, PlaydateInvitation


def export(user: User) -> dict[str, Any]:
    profile = profiles.own_profile(user)
    rows = db.session.scalars(
        select(PlaydateInvitation).where(
            or_(
                PlaydateInvitation.from_id == user.id,
                # A refused proposal was never shown to the family it was meant for.
                and_(
                    PlaydateInvitation.to_id == user.id,
                    PlaydateInvitation.status != InvitationStatus.REFUSED,
                ),
            )
        )
    )
    return {
        "profile": profiles.profile_view(profile) if profile is not None else None,
        "hidden_from": hiding.hidden_ids(user),
        "invitations": [invitations.invitation_view(user, i) for i in rows],
    }


def on_deleted(user: User) -> None:
    """Inside the deletion transaction: the profile and the hides go; invitations stay (the other
    family's record of them), and the deleted account's name is already replaced by accounts."""
    profiles.forget(user)
    db.session.execute(
        delete(PlaydateHide).where(or_(PlaydateHide.owner_id == user.id, PlaydateHide.hidden_id == user.id))
    )


def on_closed(user: User) -> None:
    profiles.hide_profile(user)
