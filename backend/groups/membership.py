"""Membership: joining, leaving, invitations, approvals, roles and staff assignment, and the hooks
other features register for a membership starting or ending. ``do_*`` writes and commits once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.exc import IntegrityError

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core import presence
from backend.core.db import db
from backend.core.errors import Forbidden, NotFound, Unprocessable
from backend.core.realtime import emit_after_commit, user_room
from backend.core.statuses import Saved
from backend.groups import joining
from backend.groups.live import group_room
from backend.groups.models import (
    CURRENT_STATES,
    LEADER,
    MEMBER,
    OPEN,
    STAFF,
    Group,
    Membership,
    MembershipStatus,
)
from backend.groups.views import _author, _membership_view
from backend.groups.walls import (
    Standing,
    _membership,
    audience_is_youth,
    group_standing,
    standing,
)
from backend.notifications import hooks as notifications

# --- hooks for other features ------------------------------------------------------------------

MembershipHook = Callable[[int, int], None]  # (user_id, group_id)
_ended_hooks: list[MembershipHook] = []
_started_hooks: list[MembershipHook] = []


def on_membership_ended(fn: MembershipHook) -> MembershipHook:
    """Called inside the transaction whenever an active membership ends (left, removed, turned 18,
    account deleted, staff unassigned): the chat feature takes the person out of the group's room."""
    if fn not in _ended_hooks:  # a feature's register(app) runs once per app
        _ended_hooks.append(fn)
    return fn


def membership_hooks() -> dict[str, tuple[MembershipHook, ...]]:
    """What runs when a membership starts or ends, in order (filled by the features' register(app))."""
    return {"started": tuple(_started_hooks), "ended": tuple(_ended_hooks)}


def on_membership_started(fn: MembershipHook) -> MembershipHook:
    """Called inside the transaction whenever a membership becomes active."""
    if fn not in _started_hooks:
        _started_hooks.append(fn)
    return fn


def _activate(membership: Membership) -> None:
    membership.status = MembershipStatus.ACTIVE
    presence.enter_room_after_commit(membership.user_id, group_room(membership.group_id))
    for hook in _started_hooks:
        hook(membership.user_id, membership.group_id)


def _end(membership: Membership, status: str) -> None:
    was_active = membership.status == MembershipStatus.ACTIVE
    membership.status = status
    if was_active:
        presence.leave_room_after_commit(membership.user_id, group_room(membership.group_id))
        for hook in _ended_hooks:
            hook(membership.user_id, membership.group_id)


def _assign_staff(group: Group, user: User, actor: User | None) -> Membership:
    membership = _membership(group.id, user.id) or Membership(group_id=group.id, user_id=user.id)
    membership.role = STAFF
    membership.decided_by_id = actor.id if actor else None
    db.session.add(membership)
    if membership.status != MembershipStatus.ACTIVE:
        _activate(membership)
    db.session.flush()
    return membership


# --- membership --------------------------------------------------------------------------------


def do_join(user: User, group_id: int) -> Saved[dict[str, Any]]:
    """Open group: member at once. Request: pending until a leader approves. Invite-only: only by
    accepting an invitation. Joining again is harmless. A group the caller cannot see: 404; one they
    see but may not join: 403 with the reason (``joining.join_refusal``). Returns the membership and
    whether this call made it (false when the caller was already in, had asked, or was invited)."""
    s = group_standing(user, group_id, "see")
    membership = s.membership
    if membership is not None and (
        (membership.status == MembershipStatus.ACTIVE and s.post)
        or membership.status == MembershipStatus.PENDING
    ):
        return Saved(_membership_view(membership), False)  # already in, or already asked
    created = membership is None or membership.status not in CURRENT_STATES
    if not s.join:
        if s.unverified:
            raise Unprocessable(
                "Your account needs verifying before you join groups",
                {"_schema": ["Your agency verifies your family before you can join peer groups."]},
            )
        reason = joining.join_refusal(user, s)  # they see the group: say why, not a bare 404
        raise Forbidden(reason, {"_schema": [reason]})
    if membership is None:
        membership = Membership(group_id=group_id, user_id=user.id, status=MembershipStatus.PENDING)
        db.session.add(membership)
    membership.role = MEMBER
    if s.group.visibility == OPEN or membership.status == MembershipStatus.INVITED:
        _activate(membership)
    else:
        membership.status = MembershipStatus.PENDING
    try:
        db.session.commit()
    except IntegrityError:  # the same person joining twice at once: the other request won
        db.session.rollback()
        existing = _membership(group_id, user.id)
        if existing is None:
            raise
        return Saved(_membership_view(existing), False)
    return Saved(_membership_view(membership), created)


def do_leave(user: User, group_id: int) -> None:
    """Leave a group, withdraw a request or decline an invitation. The row is kept as history."""
    membership = _membership(group_id, user.id)
    if membership is None or membership.status not in CURRENT_STATES:
        raise NotFound()
    _end(membership, MembershipStatus.LEFT)
    db.session.commit()


def _manageable(actor: User, group_id: int, user_id: int) -> tuple[Standing, Membership]:
    s = group_standing(actor, group_id, "manage")
    membership = _membership(group_id, user_id)
    if membership is None:
        raise NotFound()
    return s, membership


def do_approve(actor: User, group_id: int, user_id: int) -> dict[str, Any]:
    """A leader or staff member approves a request to join. Approving twice is harmless."""
    s, membership = _manageable(actor, group_id, user_id)
    if membership.status == MembershipStatus.ACTIVE:
        return _membership_view(membership)
    if membership.status != MembershipStatus.PENDING:
        raise NotFound()
    person = db.session.get(User, user_id)
    # The wall is checked for the person joining too: their persona may have changed since asking.
    if person is None or not standing(person, s.group, membership).join:
        raise NotFound()
    membership.decided_by_id = actor.id
    _activate(membership)
    emit_after_commit("membership_approved", {"group_id": group_id}, to=user_room(user_id))
    notifications.on_membership_approved(group_id, user_id)
    db.session.commit()
    return _membership_view(membership)


def do_remove_member(actor: User, group_id: int, user_id: int) -> None:
    """Leaders remove members (or refuse a request, or withdraw an invitation); staff and admins
    remove leaders too. Staff are unassigned through the staff route."""
    s, membership = _manageable(actor, group_id, user_id)
    if membership.status == MembershipStatus.REMOVED:
        return
    if membership.status not in CURRENT_STATES or membership.role == STAFF or user_id == actor.id:
        raise NotFound()
    if membership.role == LEADER and not s.administer:
        raise NotFound()
    membership.decided_by_id = actor.id
    _end(membership, MembershipStatus.REMOVED)
    db.session.commit()


def do_invite(actor: User, group_id: int, user_id: int) -> Saved[dict[str, Any]]:
    """Leaders and staff invite someone who may see the group (same audience, verified, no block).
    Returns the membership and whether this call made the invitation (false: already in or invited)."""
    s = group_standing(actor, group_id, "manage")
    person = db.session.get(User, user_id)
    if person is None or person.id == actor.id:
        raise NotFound()
    membership = _membership(group_id, user_id)
    if membership is not None and membership.status in (MembershipStatus.ACTIVE, MembershipStatus.INVITED):
        return Saved(_membership_view(membership), False)
    candidate = Membership(group_id=group_id, user_id=user_id, role=MEMBER, status=MembershipStatus.INVITED)
    # The same 404 for "no such person" and "may not be invited": no probing across the wall.
    if not standing(person, s.group, candidate).join or accounts.is_blocked(actor.id, person.id):
        raise NotFound()
    if membership is None:
        membership = candidate
        db.session.add(membership)
    membership.role, membership.status, membership.invited_by_id = MEMBER, MembershipStatus.INVITED, actor.id
    db.session.flush()
    emit_after_commit(
        "group_invitation",
        {"group_id": group_id, "name": s.group.name, "invited_by": _author(actor)},
        to=user_room(user_id),
    )
    db.session.commit()
    return Saved(_membership_view(membership), True)


def do_set_role(actor: User, group_id: int, user_id: int, role: str) -> dict[str, Any]:
    """Staff (or an admin) appoint or stand down a peer leader among the members."""
    s = group_standing(actor, group_id, "administer")
    membership = _membership(group_id, user_id)
    if membership is None or membership.status != MembershipStatus.ACTIVE or membership.role == STAFF:
        raise NotFound()
    if role == LEADER and audience_is_youth(s.group):
        raise Unprocessable(
            "Young people's groups are led by DBS-checked staff",
            {"role": ["Assign staff to lead a young people's group."]},
        )
    membership.role = role
    membership.decided_by_id = actor.id
    db.session.commit()
    return _membership_view(membership)


def do_assign_staff(actor: User, group_id: int, user_id: int) -> Saved[dict[str, Any]]:
    """Assign a staff member (agency worker, moderator, DSL, admin) to run the group. For young
    people's groups they need a recorded, in-date enhanced DBS check (PRODUCT.md section 3). The
    membership, and whether the assignment is new (False: they already ran the group)."""
    s = group_standing(actor, group_id, "administer")
    person = db.session.get(User, user_id)
    if person is None or not person.is_active or person.persona not in p.STAFF:
        raise NotFound()
    if audience_is_youth(s.group) and not accounts.may_work_with_young_people(person):
        raise Unprocessable(
            "Staff in young people's groups need an in-date enhanced DBS check",
            {"user_id": ["No recorded, in-date enhanced DBS check."]},
        )
    membership = _membership(group_id, user_id)
    created = membership is None or membership.role != STAFF or membership.status != MembershipStatus.ACTIVE
    if membership is None or created:
        membership = _assign_staff(s.group, person, actor)
    db.session.commit()
    return Saved(_membership_view(membership), created)


def do_unassign_staff(actor: User, group_id: int, user_id: int) -> None:
    group_standing(actor, group_id, "administer")
    membership = _membership(group_id, user_id)
    if membership is None or membership.role != STAFF or membership.status != MembershipStatus.ACTIVE:
        raise NotFound()
    membership.decided_by_id = actor.id
    _end(membership, MembershipStatus.ENDED)
    db.session.commit()


# Members are listed staff first, then peer leaders, then everyone else (by joining time).
MEMBER_ROLE_ORDER = {STAFF: 0, LEADER: 1}


def member_order(member: dict[str, Any]) -> tuple[int, datetime, int]:
    """A listed member's place in ``list_members``' order (its page cursor)."""
    return (MEMBER_ROLE_ORDER.get(member["role"], 2), member["created_at"], member["user_id"])


def list_members(user: User, group_id: int) -> list[dict[str, Any]]:
    """Active members for those who may see members; requests and invitations for managers too.
    People the viewer has blocked, been blocked by or muted are left out (except for managers)."""
    s = group_standing(user, group_id, "members")
    states = CURRENT_STATES if s.manage else (MembershipStatus.ACTIVE,)
    query = (
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.group_id == group_id, Membership.status.in_(states))
        .order_by(
            case(MEMBER_ROLE_ORDER, value=Membership.role, else_=2), Membership.created_at, Membership.id
        )
    )
    if not s.manage:
        query = query.where(~accounts.hidden_from(Membership.user_id, user.id))
    return [{**_membership_view(m), "user": _author(u)} for m, u in db.session.execute(query)]
