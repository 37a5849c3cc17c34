"""Life events and data rights: turning 18 ends youth memberships, a deleted account's memberships
end (its content stays, shown as from "Removed account"), and the groups part of an export.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select

from backend.accounts.models import User
from backend.core.db import db
from backend.groups.membership import _end
from backend.groups.models import (
    CURRENT_STATES,
    YOUNG_PEOPLE,
    ContentVersion,
    Group,
    Membership,
    MembershipStatus,
    Post,
    Reaction,
    Thread,
)

# --- life events and data rights ----------------------------------------------------------------


def end_youth_memberships(user: User) -> None:
    """On the 18th birthday youth memberships end (PRODUCT.md section 1); the sockets leave the rooms."""
    memberships = db.session.scalars(
        select(Membership)
        .join(Group, Group.id == Membership.group_id)
        .where(
            Membership.user_id == user.id,
            Membership.status.in_(CURRENT_STATES),
            Group.audience == YOUNG_PEOPLE,
        )
    )
    for membership in memberships:
        _end(membership, MembershipStatus.ENDED)


def anonymise(user: User) -> None:
    """Content stays, shown as from "Removed account" (accounts.public_profile); memberships end."""
    for membership in db.session.scalars(
        select(Membership).where(Membership.user_id == user.id, Membership.status.in_(CURRENT_STATES))
    ):
        _end(membership, MembershipStatus.ENDED)


def export(user: User) -> dict[str, Any]:
    """The caller's groups data (UK GDPR right of access): memberships, proposals, threads, posts,
    their earlier versions and reactions."""

    def row(obj: Any, *skip: str) -> dict[str, Any]:
        out = {}
        for column in obj.__table__.columns:
            if column.key in skip:
                continue
            value = getattr(obj, column.key)
            out[column.key] = value.isoformat() if isinstance(value, datetime) else value
        return out

    session = db.session
    memberships = session.execute(
        select(Membership, Group.name)
        .join(Group, Group.id == Membership.group_id)
        .where(Membership.user_id == user.id)
    ).all()
    post_ids = select(Post.id).where(Post.author_id == user.id)
    thread_ids = select(Thread.id).where(Thread.author_id == user.id)
    return {
        "memberships": [{**row(m), "group_name": name} for m, name in memberships],
        "groups_created_or_proposed": [
            row(g) for g in session.scalars(select(Group).where(Group.created_by_id == user.id))
        ],
        "threads": [row(t) for t in session.scalars(select(Thread).where(Thread.author_id == user.id))],
        "posts": [row(x) for x in session.scalars(select(Post).where(Post.author_id == user.id))],
        "earlier_versions": [
            row(v)
            for v in session.scalars(
                select(ContentVersion).where(
                    or_(
                        ContentVersion.post_id.in_(post_ids),
                        and_(ContentVersion.post_id.is_(None), ContentVersion.thread_id.in_(thread_ids)),
                    )
                )
            )
        ],
        "reactions": [row(r) for r in session.scalars(select(Reaction).where(Reaction.user_id == user.id))],
    }
