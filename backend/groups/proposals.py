"""Peer-led groups proposed by verified adults and decided by agency workers or admins; a proposal
is not a group yet (nobody can see, join or enter it) and its text is screened before anyone sees it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend import safeguarding
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, NotFound, Unprocessable
from backend.core.html import screening_text
from backend.core.rates import count_rate
from backend.core.realtime import emit_after_commit, user_room
from backend.groups import lifecycle
from backend.groups.directory import _new_group
from backend.groups.live import group_room
from backend.groups.membership import _activate, _assign_staff
from backend.groups.models import LEADER, YOUNG_PEOPLE, Group, GroupStatus, Membership
from backend.groups.views import _proposal_view
from backend.groups.walls import AUDIENCE_PERSONAS, PROPOSABLE, PROPOSAL_DECIDERS
from moderation import api as moderation

# --- proposals ---------------------------------------------------------------------------------


def do_propose_group(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """A verified carer (or adult adoptee) proposes a peer-led group; an agency worker decides."""
    allowed = PROPOSABLE.get(user.persona)
    if allowed is None:
        raise NotFound()
    if not accounts.is_verified(user):
        raise Unprocessable(
            "Only verified accounts can propose a group",
            {"_schema": ["Your agency verifies your account before you can propose a group."]},
        )
    if data["audience"] not in allowed:
        raise Unprocessable(
            "You can propose a group only for an audience you belong to",
            {"audience": ["Choose one of: " + ", ".join(sorted(allowed))]},
        )
    count_rate(user, "post")  # before rendering and screening, the costly steps
    group = _new_group(user, data, GroupStatus.PROPOSED)
    verdict = _screen_proposal(user, group)
    if verdict.action != "allow":
        group.status = GroupStatus.REFUSED  # kept: the moderators' queue item names this row
        db.session.commit()
    safeguarding.refuse_unless_allowed(
        verdict, "Proposal not accepted", "_schema", "This proposal can't be accepted as it is."
    )
    db.session.commit()
    return _proposal_view(group)


def _screen_proposal(user: User, group: Group) -> moderation.Verdict:
    """A proposal's name and description are the group's public face once approved, so they are
    screened like a thread; anything but ``allow`` refuses the proposal (a held one still reaches the
    moderators' queue). The agency worker's approval is a second look, not the only one."""
    return safeguarding.screen(
        safeguarding.subject(
            type="group",
            id=group.id,
            author=user,
            text=screening_text(plain=group.name, html=group.description_html),
            youth_space=False,  # young people's groups are never proposed
            space=group_room(group.id),
        )
    )


def list_proposals(user: User) -> list[dict[str, Any]]:
    """Agency workers and admins see every waiting proposal; everyone else sees their own."""
    query = (
        select(Group).where(Group.status.in_((GroupStatus.PROPOSED, GroupStatus.DECLINED))).order_by(Group.id)
    )
    if user.persona in PROPOSAL_DECIDERS:
        query = query.where(Group.status == GroupStatus.PROPOSED)
    else:
        query = query.where(Group.created_by_id == user.id)
    return [_proposal_view(group) for group in db.session.scalars(query)]


def do_decide_proposal(user: User, group_id: int, approve: bool, reason: str | None = None) -> dict[str, Any]:
    """Approve (the proposer becomes the group's peer leader, the approver its staff) or decline."""
    if user.persona not in PROPOSAL_DECIDERS:
        raise NotFound()
    group = db.session.get(Group, group_id)
    if group is None or group.status != GroupStatus.PROPOSED or group.audience == YOUNG_PEOPLE:
        raise NotFound()
    proposer = db.session.get(User, group.created_by_id)
    group.decided_by_id, group.decided_at, group.decision_reason = user.id, utcnow(), reason
    if approve:
        if (
            proposer is None
            or not proposer.is_active
            or proposer.persona not in AUDIENCE_PERSONAS[group.audience]
        ):
            raise Conflict("The proposer can no longer lead this group")
        group.status = GroupStatus.ACTIVE
        leader = Membership(group_id=group.id, user_id=proposer.id, role=LEADER, decided_by_id=user.id)
        db.session.add(leader)
        _activate(leader)
        _assign_staff(group, user, user)
        lifecycle.opened(group)
    else:
        group.status = GroupStatus.DECLINED
    emit_after_commit(
        "group_proposal_decided",
        {"id": group.id, "status": group.status, "reason": reason},
        to=user_room(group.created_by_id),
    )
    db.session.commit()
    return _proposal_view(group)
