"""Groups themselves: listing, detail, creation and settings (agency workers and admins)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db
from backend.core.errors import NotFound, Unprocessable
from backend.core.html import render_markdown
from backend.groups import lifecycle
from backend.groups.membership import _assign_staff
from backend.groups.models import (
    CURRENT_STATES,
    OPEN,
    YOUNG_PEOPLE,
    Group,
    GroupStatus,
    Membership,
    MembershipStatus,
)
from backend.groups.views import _group_view
from backend.groups.walls import GROUP_CREATORS, PersonFacts, _standing, group_standing, standing

# --- groups ------------------------------------------------------------------------------------


def _member_counts(group_ids: list[int]) -> dict[int, int]:
    if not group_ids:
        return {}
    rows = db.session.execute(
        select(Membership.group_id, func.count())
        .where(Membership.group_id.in_(group_ids), Membership.status == MembershipStatus.ACTIVE)
        .group_by(Membership.group_id)
    ).all()
    return {group_id: count for group_id, count in rows}


def list_groups(
    user: User,
    *,
    audience: str | None = None,
    region: str | None = None,
    q: str | None = None,
    mine: bool = False,
) -> list[dict[str, Any]]:
    """Groups the caller may see, with member counts only where they may see members."""
    facts = PersonFacts(user)
    query = (
        select(Group, Membership)
        .outerjoin(Membership, and_(Membership.group_id == Group.id, Membership.user_id == user.id))
        .where(Group.status == GroupStatus.ACTIVE)
        .order_by(Group.name, Group.id)
    )
    # The wall again in SQL, so a young person's search never even loads an adult group (and back).
    if user.persona == p.YOUNG_PERSON:
        query = query.where(Group.audience == YOUNG_PEOPLE)
    elif not (user.persona in p.STAFF and facts.dbs):
        query = query.where(Group.audience != YOUNG_PEOPLE)
    if audience:
        query = query.where(Group.audience == audience)
    if region:
        query = query.where(func.lower(Group.region) == region.strip().lower())
    if q:
        like = f"%{q.strip().lower()}%"
        query = query.where(
            or_(func.lower(Group.name).like(like), func.lower(Group.description_html).like(like))
        )
    if mine:
        query = query.where(Membership.status.in_(CURRENT_STATES))
    standings = [_standing(facts, group, membership) for group, membership in db.session.execute(query)]
    visible = [s for s in standings if s.see]
    counts = _member_counts([s.group.id for s in visible if s.members])
    return [_group_view(s, counts.get(s.group.id, 0)) for s in visible]


def group_detail(user: User, group_id: int) -> dict[str, Any]:
    s = group_standing(user, group_id, "see")
    count = _member_counts([group_id]).get(group_id, 0) if s.members else None
    return _group_view(s, count)


def _new_group(creator: User, data: dict[str, Any], status: str) -> Group:
    group = Group(
        name=data["name"].strip(),
        description_html=render_markdown(data.get("description") or ""),
        audience=data["audience"],
        region=(data.get("region") or "").strip() or None,
        visibility=data.get("visibility") or OPEN,
        moderation_mode=data.get("moderation_mode") or "post",
        status=status,
        created_by_id=creator.id,
    )
    db.session.add(group)
    db.session.flush()
    return group


def do_create_group(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Agency workers and admins create groups; the creator is assigned as the group's staff."""
    if user.persona not in GROUP_CREATORS:
        raise NotFound()
    if data["audience"] == YOUNG_PEOPLE and not accounts.may_work_with_young_people(user):
        raise Unprocessable(
            "A young people's group is created by staff with an in-date enhanced DBS check",
            {"audience": ["You need a recorded, in-date enhanced DBS check for young people's groups."]},
        )
    group = _new_group(user, data, GroupStatus.ACTIVE)
    membership = _assign_staff(group, user, user)
    lifecycle.opened(group)
    db.session.commit()
    return _group_view(standing(user, group, membership), 1)


def do_update_group(user: User, group_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Staff assigned to the group (or an admin) change its settings. The audience never changes:
    moving a group across the wall would move its members' words with it."""
    s = group_standing(user, group_id, "administer")
    group = s.group
    if "name" in changes:
        group.name = changes["name"].strip()
    if "description" in changes:
        group.description_html = render_markdown(changes["description"] or "")
    if "region" in changes:
        group.region = (changes["region"] or "").strip() or None
    for key in ("visibility", "moderation_mode"):
        if key in changes:
            setattr(group, key, changes[key])
    db.session.commit()
    return group_detail(user, group_id)
