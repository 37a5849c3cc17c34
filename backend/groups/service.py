"""Peer groups: the audience wall, membership, threads, posts, reactions and moderation effects.

``access_*`` fetches what a caller may see (the same 404 otherwise), ``check_*`` validates, ``do_*``
writes. Every public function that writes commits exactly once; realtime events are queued on the
session and sent only after that commit.

The wall (PRODUCT.md 2.1, "enforced on the server in every read and write, REST and realtime alike")
lives in one function, ``_standing``: every route, the socket room joins, the report resolvers and the
chat feature go through it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, cached_property, lru_cache
from operator import itemgetter
from typing import Any, NamedTuple, cast

from sqlalchemy import Integer, String, and_, bindparam, case, exists, func, literal_column, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from backend import safeguarding
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import Block, Mute, User
from backend.core import presence
from backend.core.db import db, read_first, read_rows, utcnow
from backend.core.errors import Conflict, Forbidden, NotFound, Unprocessable
from backend.core.html import render_markdown, screening_text
from backend.core.rates import check_rate
from backend.core.realtime import call_after_commit, emit_after_commit
from backend.extensions import socketio
from backend.groups import joining, lifecycle, redactions, schemas
from backend.groups.models import (
    ACTIVE,
    ADOPTERS,
    ADULT_ADOPTEES,
    AUDIENCES,
    BLOCKED,
    CARERS,
    CURRENT_STATES,
    ENDED,
    GROUP_ACTIVE,
    GROUP_DECLINED,
    GROUP_PROPOSED,
    GROUP_REFUSED,
    HELD,
    HIDDEN,
    INVITE,
    INVITED,
    LEADER,
    LEFT,
    MEMBER,
    OPEN,
    PENDING,
    PRE_MODERATED,
    PROSPECTIVE_ADOPTERS,
    PUBLISHED,
    REACTIONS,
    REMOVED,
    REQUEST,
    SPECIAL_GUARDIANS,
    STAFF,
    TAKEN_DOWN,
    YOUNG_PEOPLE,
    ContentVersion,
    Group,
    Membership,
    Post,
    Reaction,
    Thread,
)
from backend.reports import service as reports
from moderation import api as moderation

log = logging.getLogger(__name__)

# Who belongs in each audience. Adult adoptees and carers are separate spaces unless the audience
# says otherwise; special guardians and kinship carers have their own (their needs "differ in key
# ways" from adopters', 000_31aa2d9e7a128d19.txt).
AUDIENCE_PERSONAS: dict[str, frozenset[str]] = {
    ADOPTERS: frozenset({p.ADOPTER}),
    SPECIAL_GUARDIANS: frozenset({p.SPECIAL_GUARDIAN}),
    CARERS: frozenset({p.ADOPTER, p.SPECIAL_GUARDIAN}),
    PROSPECTIVE_ADOPTERS: frozenset({p.PROSPECTIVE_ADOPTER}),
    YOUNG_PEOPLE: frozenset({p.YOUNG_PERSON}),
    ADULT_ADOPTEES: frozenset({p.ADULT_ADOPTEE}),
}
# Decision: prospective adopters may READ open carers' groups (learning from families who have
# adopted is part of preparation) but never join, post, react or see who is in them: the space
# belongs to the families in it. They join and post in prospective adopters' groups.
GUEST_READERS: dict[str, frozenset[str]] = {
    ADOPTERS: frozenset({p.PROSPECTIVE_ADOPTER}),
    SPECIAL_GUARDIANS: frozenset({p.PROSPECTIVE_ADOPTER}),
    CARERS: frozenset({p.PROSPECTIVE_ADOPTER}),
}
# Peer-led groups a verified adult may propose: only audiences that include them, never young people's.
PROPOSABLE: dict[str, frozenset[str]] = {
    p.ADOPTER: frozenset({ADOPTERS, CARERS}),
    p.SPECIAL_GUARDIAN: frozenset({SPECIAL_GUARDIANS, CARERS}),
    p.ADULT_ADOPTEE: frozenset({ADULT_ADOPTEES}),
}
GROUP_CREATORS = (p.AGENCY_WORKER, p.ADMIN)
PROPOSAL_DECIDERS = (p.AGENCY_WORKER, p.ADMIN)

DEFAULT_PAGE = 20
MAX_PAGE = 50
CONTEXT_POSTS = 3  # previous posts handed to moderation as context (evidence)
REDACTED = "This was edited by a moderator."

Need = str  # see | read | join | post | members | manage | administer | moderate


# --- the wall ----------------------------------------------------------------------------------


class _Facts:
    """Facts about the caller that the wall may need; each costs a query, so each is computed at
    most once and only when a rule actually asks for it (members reading a page need neither)."""

    def __init__(self, user: User) -> None:
        self.user = user

    @cached_property
    def dbs(self) -> bool:
        return accounts.may_work_with_young_people(self.user)

    @cached_property
    def verified(self) -> bool:
        # A young person's account exists only through a verified family's invitation (the age
        # assurance and the consent); adults are verified by their agency.
        return self.user.persona == p.YOUNG_PERSON or accounts.is_verified(self.user)


@dataclass(frozen=True)
class Standing:
    """What one person may do in one group. Computed only by ``_standing``."""

    group: Group
    membership: Membership | None
    see: bool = False  # the group's card: name, description, settings
    read: bool = False  # its threads and published posts
    join: bool = False  # join, ask to join, or accept an invitation
    post: bool = False  # start threads, reply, react; receive live updates
    members: bool = False  # the member list and member count
    manage: bool = False  # approve requests, invite, remove members (leaders, staff, admins)
    administer: bool = False  # edit the group, appoint leaders, assign staff (staff, admins)
    moderate: bool = False  # see held and hidden content (moderation staff)
    staff: bool = False  # acts as staff here (assigned, or moderation staff)
    unverified: bool = False  # in the audience but not yet verified: may see, not join

    @property
    def member(self) -> bool:
        return self.membership is not None and self.membership.status == ACTIVE


def _standing(facts: _Facts, group: Group, membership: Membership | None) -> Standing:
    """The audience wall and every group permission, in one place.

    - Young people see only young people's groups; adults never see them, their threads or members,
      except staff with a recorded, in-date enhanced DBS check (PRODUCT.md 2.1 and 3) who are assigned
      to the group, or moderation staff (moderator, DSL, admin) with an in-date DBS check.
    - Moderation staff see every adult group, invite-only included, for moderation; they read, never post.
    - Invite-only groups are invisible to everyone else who is not a member or invited.
    - Adults must be verified by their agency before they read or join (a self-registered account
      could be anyone, including a birth relative tracing a family: 002_b9e294b48f0aa846.txt).
    """
    user = facts.user
    nothing = Standing(group, membership)
    if group.status != GROUP_ACTIVE or not user.is_active:
        return nothing
    persona = user.persona
    youth_group = group.audience == YOUNG_PEOPLE
    # Crossing the wall: only adults who are staff with an in-date DBS check, never the other way.
    if youth_group != (persona == p.YOUNG_PERSON) and (persona not in p.STAFF or not facts.dbs):
        return nothing
    state = membership.status if membership is not None else None
    role = membership.role if membership is not None else None

    eligible = persona in AUDIENCE_PERSONAS[group.audience]
    member = eligible and state == ACTIVE
    assigned = persona in p.STAFF and state == ACTIVE and role == STAFF
    moderator = persona in p.MODERATION_STAFF
    admin = persona == p.ADMIN
    leader = member and role == LEADER
    listed = eligible and (group.visibility != INVITE or state in CURRENT_STATES)
    # Agency workers see the cards of adult groups that are not invite-only (to signpost families);
    # their content only where they are assigned.
    worker_card = persona == p.AGENCY_WORKER and not youth_group and group.visibility != INVITE

    # Evaluated lazily and last in each rule: ``facts.verified`` may cost a query, and members
    # reading a page never need it.
    def guest() -> bool:
        return (
            persona in GUEST_READERS.get(group.audience, ()) and group.visibility == OPEN and facts.verified
        )

    def open_reader() -> bool:
        return eligible and group.visibility == OPEN and facts.verified

    join = (
        eligible
        and state != ACTIVE
        and (state == INVITED or (group.visibility in (OPEN, REQUEST) and state != REMOVED))
        and facts.verified
    )
    return Standing(
        group=group,
        membership=membership,
        see=member or assigned or moderator or listed or worker_card or guest(),
        read=member or assigned or moderator or open_reader() or guest(),
        join=join,
        post=member or assigned,
        # Young people's member lists are for staff only: a young person never gets a list of others.
        members=(assigned or moderator) if youth_group else (member or assigned or moderator),
        manage=leader or assigned or admin,
        administer=assigned or admin,
        moderate=moderator,
        staff=assigned or moderator,
        unverified=eligible and not join and state not in (ACTIVE, REMOVED) and not facts.verified,
    )


def standing(user: User, group: Group, membership: Membership | None = None) -> Standing:
    if membership is None:
        membership = _membership(group.id, user.id)
    return _standing(_Facts(user), group, membership)


def _require(s: Standing, need: Need) -> Standing:
    if not getattr(s, need):
        raise NotFound()
    return s


def group_standing(user: User, group_id: int, need: Need = "see") -> Standing:
    """The group with the caller's standing in it, or 404 if they lack ``need``."""
    row = db.session.execute(
        select(Group, Membership)
        .outerjoin(Membership, and_(Membership.group_id == Group.id, Membership.user_id == user.id))
        .where(Group.id == group_id)
    ).first()
    if row is None:
        raise NotFound()
    return _require(_standing(_Facts(user), row[0], row[1]), need)


def access_group(user: User, group_id: int, need: Need = "see") -> Group:
    """A group the caller may see (or, with ``need``, read/post in/manage...); 404 otherwise."""
    return group_standing(user, group_id, need).group


def audience_is_youth(group: Group) -> bool:
    return group.audience == YOUNG_PEOPLE


def may_staff(user: User, group: Group) -> bool:
    """True if the user may act as staff in this group's spaces (assigned staff or moderation staff;
    for young people's groups only with an in-date enhanced DBS check)."""
    return standing(user, group).staff


def is_member(user_id: int, group_id: int) -> bool:
    """An active membership (member, leader or assigned staff). Eligibility is not rechecked here:
    use ``access_group(user, group_id, "post")`` for a permission check."""
    membership = _membership(group_id, user_id)
    return membership is not None and membership.status == ACTIVE


def member_ids(group_id: int) -> list[int]:
    """Everyone with an active membership (members, leaders, assigned staff)."""
    return list(
        db.session.scalars(
            select(Membership.user_id).where(Membership.group_id == group_id, Membership.status == ACTIVE)
        )
    )


def get_group(group_id: int | None) -> Group:
    """A group by id with no permission check (for features that already checked access)."""
    group = db.session.get(Group, group_id) if group_id is not None else None
    if group is None:
        raise NotFound()
    return group


def audience_admits(user: User, audience: str) -> bool:
    """Whether a person belongs to an audience outside any one group (e.g. an expert session for
    carers): the audience's own people once verified, and staff; young people's audiences admit
    young people and staff with an in-date DBS check only."""
    if audience not in AUDIENCE_PERSONAS or not user.is_active:
        return False
    facts = _Facts(user)
    if (audience == YOUNG_PEOPLE) != (user.persona == p.YOUNG_PERSON):
        return user.persona in p.STAFF and facts.dbs
    return user.persona in p.STAFF or (user.persona in AUDIENCE_PERSONAS[audience] and facts.verified)


def share_a_group(a_id: int, b_id: int) -> bool:
    """Both have an active membership of the same active group."""
    a, b = Membership.__table__.alias("a"), Membership.__table__.alias("b")
    shared = db.session.execute(
        select(a.c.group_id)
        .join(b, b.c.group_id == a.c.group_id)
        .join(Group, Group.id == a.c.group_id)
        .where(
            a.c.user_id == a_id,
            b.c.user_id == b_id,
            a.c.status == ACTIVE,
            b.c.status == ACTIVE,
            Group.status == GROUP_ACTIVE,
        )
        .limit(1)
    ).first()
    return shared is not None


def _membership(group_id: int, user_id: int) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(Membership.group_id == group_id, Membership.user_id == user_id)
    )


# --- hooks for other features ------------------------------------------------------------------

MembershipHook = Callable[[int, int], None]  # (user_id, group_id)
_ended_hooks: list[MembershipHook] = []
_started_hooks: list[MembershipHook] = []


def on_membership_ended(fn: MembershipHook) -> MembershipHook:
    """Called inside the transaction whenever an active membership ends (left, removed, turned 18,
    account deleted, staff unassigned): the chat feature takes the person out of the group's room."""
    _ended_hooks.append(fn)
    return fn


def on_membership_started(fn: MembershipHook) -> MembershipHook:
    """Called inside the transaction whenever a membership becomes active."""
    _started_hooks.append(fn)
    return fn


def group_room(group_id: int) -> str:
    return f"group:{group_id}"


def _user_room(user_id: int) -> str:
    return f"user:{user_id}"


def _activate(membership: Membership) -> None:
    membership.status = ACTIVE
    presence.enter_room_after_commit(membership.user_id, group_room(membership.group_id))
    for hook in _started_hooks:
        hook(membership.user_id, membership.group_id)


def _end(membership: Membership, status: str) -> None:
    was_active = membership.status == ACTIVE
    membership.status = status
    if was_active:
        presence.leave_room_after_commit(membership.user_id, group_room(membership.group_id))
        for hook in _ended_hooks:
            hook(membership.user_id, membership.group_id)


def live_group_ids(user: User) -> list[int]:
    """Groups whose live updates this person's sockets receive: active memberships in groups they
    may still post in (the wall is rechecked, so a lapsed DBS check or a changed persona drops out)."""
    facts = _Facts(user)
    rows = db.session.execute(
        select(Group, Membership)
        .join(Membership, Membership.group_id == Group.id)
        .where(Membership.user_id == user.id, Membership.status == ACTIVE, Group.status == GROUP_ACTIVE)
    ).all()
    return [group.id for group, membership in rows if _standing(facts, group, membership).post]


def hidden_from(author: Any, viewer: Any) -> Any:
    """SQL form of ``accounts.hidden_user_ids(viewer)`` for one author column: either has blocked the
    other, or the viewer muted the author. Used inside this feature's queries so the thread page
    needs no separate look-ups (a test keeps it equal to the accounts rule)."""
    return or_(
        exists().where(
            or_(
                and_(Block.blocker_id == viewer, Block.blocked_id == author),
                and_(Block.blocker_id == author, Block.blocked_id == viewer),
            )
        ),
        exists().where(Mute.muter_id == viewer, Mute.muted_id == author),
    )


# --- realtime ----------------------------------------------------------------------------------


def _broadcast(
    event: str, data: dict[str, Any], group_id: int, author_ids: Iterable[int], *, skip: Iterable[int] = ()
) -> None:
    """Send to the group's room once committed, leaving out every socket of the people hiding the
    authors (the post's and the thread's): blocked and muted people never receive their content."""
    excluded = accounts.people_hiding(*author_ids) | set(skip)
    room = group_room(group_id)

    def send() -> None:
        skip_sids = presence.sids_of(excluded)
        socketio.emit(event, data, to=room, skip_sid=skip_sids or None)

    call_after_commit(send)


def _to_author(event: str, data: dict[str, Any], author_id: int) -> None:
    emit_after_commit(event, data, to=_user_room(author_id))


# --- views -------------------------------------------------------------------------------------


def _author(user: User | None) -> dict[str, Any] | None:
    return accounts.public_profile(user) if user is not None else None


def _reactions_view(counts: dict[str, int], mine: set[str]) -> list[dict[str, Any]]:
    return [{"kind": k, "count": counts[k], "mine": k in mine} for k in REACTIONS if counts.get(k)]


def post_view(
    post: Post | Any,
    author: User | None,
    reactions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A post as readers see it (``post`` is a Post or a row with the same column names). A removed
    post is a placeholder: no body, no author, no reactions."""
    removed = post.status == TAKEN_DOWN
    return {
        "id": post.id,
        "thread_id": post.thread_id,
        "group_id": post.group_id,
        "is_opening": post.is_opening,
        "status": post.status,
        "author": None if removed else _author(author),
        "body_html": None if removed else post.body_html,
        "created_at": post.created_at,
        "edited_at": None if removed else post.edited_at,
        "reactions": [] if removed else (reactions or []),
    }


def thread_view(thread: Thread, author: User | None, reply_count: int | None = None) -> dict[str, Any]:
    return {
        "id": thread.id,
        "group_id": thread.group_id,
        "title": thread.title,
        "status": thread.status,
        "author": _author(author),
        "created_at": thread.created_at,
        "edited_at": thread.edited_at,
        "last_post_at": thread.last_post_at,
        "reply_count": reply_count,
    }


def _group_view(s: Standing, member_count: int | None = None) -> dict[str, Any]:
    group, membership = s.group, s.membership
    return {
        "id": group.id,
        "name": group.name,
        "description_html": group.description_html,
        "audience": group.audience,
        "region": group.region,
        "visibility": group.visibility,
        "moderation_mode": group.moderation_mode,
        "status": group.status,
        "member_count": member_count if s.members else None,
        "membership": (
            {"role": membership.role, "status": membership.status}
            if membership is not None and membership.status in CURRENT_STATES
            else None
        ),
        "permissions": {
            "read": s.read,
            "join": s.join,
            "post": s.post,
            "see_members": s.members,
            "manage": s.manage,
            "administer": s.administer,
            "moderate": s.moderate,
        },
        "created_at": group.created_at,
    }


def _proposal_view(group: Group) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": group.name,
        "description_html": group.description_html,
        "audience": group.audience,
        "region": group.region,
        "visibility": group.visibility,
        "moderation_mode": group.moderation_mode,
        "status": group.status,
        "proposed_by": _author(db.session.get(User, group.created_by_id)),
        "decision_reason": group.decision_reason,
        "decided_at": group.decided_at,
        "created_at": group.created_at,
    }


def _membership_view(membership: Membership) -> dict[str, Any]:
    return {
        "group_id": membership.group_id,
        "user_id": membership.user_id,
        "role": membership.role,
        "status": membership.status,
        "created_at": membership.created_at,
        "updated_at": membership.updated_at,
    }


def _signposts(verdict: moderation.Verdict) -> list[dict[str, str]]:
    return [{"name": s.name, "contact": s.contact, "description": s.description} for s in verdict.signposts]


# --- groups ------------------------------------------------------------------------------------


def _member_counts(group_ids: list[int]) -> dict[int, int]:
    if not group_ids:
        return {}
    rows = db.session.execute(
        select(Membership.group_id, func.count())
        .where(Membership.group_id.in_(group_ids), Membership.status == ACTIVE)
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
    facts = _Facts(user)
    query = (
        select(Group, Membership)
        .outerjoin(Membership, and_(Membership.group_id == Group.id, Membership.user_id == user.id))
        .where(Group.status == GROUP_ACTIVE)
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


def _assign_staff(group: Group, user: User, actor: User | None) -> Membership:
    membership = _membership(group.id, user.id) or Membership(group_id=group.id, user_id=user.id)
    membership.role = STAFF
    membership.decided_by_id = actor.id if actor else None
    db.session.add(membership)
    if membership.status != ACTIVE:
        _activate(membership)
    db.session.flush()
    return membership


def do_create_group(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Agency workers and admins create groups; the creator is assigned as the group's staff."""
    if user.persona not in GROUP_CREATORS:
        raise NotFound()
    if data["audience"] == YOUNG_PEOPLE and not accounts.may_work_with_young_people(user):
        raise Unprocessable(
            "A young people's group is created by staff with an in-date enhanced DBS check",
            {"audience": ["You need a recorded, in-date enhanced DBS check for young people's groups."]},
        )
    group = _new_group(user, data, GROUP_ACTIVE)
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
    check_rate(user, "post")  # before rendering and screening, the costly steps
    group = _new_group(user, data, GROUP_PROPOSED)
    verdict = _screen_proposal(user, group)
    if verdict.action != "allow":
        group.status = GROUP_REFUSED  # kept: the moderators' queue item names this row
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
    query = select(Group).where(Group.status.in_((GROUP_PROPOSED, GROUP_DECLINED))).order_by(Group.id)
    if user.persona in PROPOSAL_DECIDERS:
        query = query.where(Group.status == GROUP_PROPOSED)
    else:
        query = query.where(Group.created_by_id == user.id)
    return [_proposal_view(group) for group in db.session.scalars(query)]


def do_decide_proposal(user: User, group_id: int, approve: bool, reason: str | None = None) -> dict[str, Any]:
    """Approve (the proposer becomes the group's peer leader, the approver its staff) or decline."""
    if user.persona not in PROPOSAL_DECIDERS:
        raise NotFound()
    group = db.session.get(Group, group_id)
    if group is None or group.status != GROUP_PROPOSED or group.audience == YOUNG_PEOPLE:
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
        group.status = GROUP_ACTIVE
        leader = Membership(group_id=group.id, user_id=proposer.id, role=LEADER, decided_by_id=user.id)
        db.session.add(leader)
        _activate(leader)
        _assign_staff(group, user, user)
        lifecycle.opened(group)
    else:
        group.status = GROUP_DECLINED
    emit_after_commit(
        "group_proposal_decided",
        {"id": group.id, "status": group.status, "reason": reason},
        to=_user_room(group.created_by_id),
    )
    db.session.commit()
    return _proposal_view(group)


# --- membership --------------------------------------------------------------------------------


def do_join(user: User, group_id: int) -> tuple[dict[str, Any], bool]:
    """Open group: member at once. Request: pending until a leader approves. Invite-only: only by
    accepting an invitation. Joining again is harmless. A group the caller cannot see: 404; one they
    see but may not join: 403 with the reason (``joining.join_refusal``). Returns the membership and
    whether this call made it (false when the caller was already in, had asked, or was invited)."""
    s = group_standing(user, group_id, "see")
    membership = s.membership
    if membership is not None and ((membership.status == ACTIVE and s.post) or membership.status == PENDING):
        return _membership_view(membership), False  # already in, or already asked
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
        membership = Membership(group_id=group_id, user_id=user.id, status=PENDING)
        db.session.add(membership)
    membership.role = MEMBER
    if s.group.visibility == OPEN or membership.status == INVITED:
        _activate(membership)
    else:
        membership.status = PENDING
    try:
        db.session.commit()
    except IntegrityError:  # the same person joining twice at once: the other request won
        db.session.rollback()
        existing = _membership(group_id, user.id)
        if existing is None:
            raise
        return _membership_view(existing), False
    return _membership_view(membership), created


def do_leave(user: User, group_id: int) -> None:
    """Leave a group, withdraw a request or decline an invitation. The row is kept as history."""
    membership = _membership(group_id, user.id)
    if membership is None or membership.status not in CURRENT_STATES:
        raise NotFound()
    _end(membership, LEFT)
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
    if membership.status == ACTIVE:
        return _membership_view(membership)
    if membership.status != PENDING:
        raise NotFound()
    person = db.session.get(User, user_id)
    # The wall is checked for the person joining too: their persona may have changed since asking.
    if person is None or not standing(person, s.group, membership).join:
        raise NotFound()
    membership.decided_by_id = actor.id
    _activate(membership)
    emit_after_commit("membership_approved", {"group_id": group_id}, to=_user_room(user_id))
    db.session.commit()
    return _membership_view(membership)


def do_remove_member(actor: User, group_id: int, user_id: int) -> None:
    """Leaders remove members (or refuse a request, or withdraw an invitation); staff and admins
    remove leaders too. Staff are unassigned through the staff route."""
    s, membership = _manageable(actor, group_id, user_id)
    if membership.status == REMOVED:
        return
    if membership.status not in CURRENT_STATES or membership.role == STAFF or user_id == actor.id:
        raise NotFound()
    if membership.role == LEADER and not s.administer:
        raise NotFound()
    membership.decided_by_id = actor.id
    _end(membership, REMOVED)
    db.session.commit()


def do_invite(actor: User, group_id: int, user_id: int) -> tuple[dict[str, Any], bool]:
    """Leaders and staff invite someone who may see the group (same audience, verified, no block).
    Returns the membership and whether this call made the invitation (false: already in or invited)."""
    s = group_standing(actor, group_id, "manage")
    person = db.session.get(User, user_id)
    if person is None or person.id == actor.id:
        raise NotFound()
    membership = _membership(group_id, user_id)
    if membership is not None and membership.status in (ACTIVE, INVITED):
        return _membership_view(membership), False
    candidate = Membership(group_id=group_id, user_id=user_id, role=MEMBER, status=INVITED)
    # The same 404 for "no such person" and "may not be invited": no probing across the wall.
    if not standing(person, s.group, candidate).join or accounts.is_blocked(actor.id, person.id):
        raise NotFound()
    if membership is None:
        membership = candidate
        db.session.add(membership)
    membership.role, membership.status, membership.invited_by_id = MEMBER, INVITED, actor.id
    db.session.flush()
    emit_after_commit(
        "group_invitation",
        {"group_id": group_id, "name": s.group.name, "invited_by": _author(actor)},
        to=_user_room(user_id),
    )
    db.session.commit()
    return _membership_view(membership), True


def do_set_role(actor: User, group_id: int, user_id: int, role: str) -> dict[str, Any]:
    """Staff (or an admin) appoint or stand down a peer leader among the members."""
    s = group_standing(actor, group_id, "administer")
    membership = _membership(group_id, user_id)
    if membership is None or membership.status != ACTIVE or membership.role == STAFF:
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


def do_assign_staff(actor: User, group_id: int, user_id: int) -> tuple[dict[str, Any], bool]:
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
    created = membership is None or membership.role != STAFF or membership.status != ACTIVE
    if membership is None or created:
        membership = _assign_staff(s.group, person, actor)
    db.session.commit()
    return _membership_view(membership), created


def do_unassign_staff(actor: User, group_id: int, user_id: int) -> None:
    group_standing(actor, group_id, "administer")
    membership = _membership(group_id, user_id)
    if membership is None or membership.role != STAFF or membership.status != ACTIVE:
        raise NotFound()
    membership.decided_by_id = actor.id
    _end(membership, ENDED)
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
    states = CURRENT_STATES if s.manage else (ACTIVE,)
    query = (
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.group_id == group_id, Membership.status.in_(states))
        .order_by(
            case(MEMBER_ROLE_ORDER, value=Membership.role, else_=2), Membership.created_at, Membership.id
        )
    )
    if not s.manage:
        query = query.where(~hidden_from(Membership.user_id, user.id))
    return [{**_membership_view(m), "user": _author(u)} for m, u in db.session.execute(query)]


# --- threads and posts: reading ----------------------------------------------------------------


def _content_visible(status: str, author_id: int, viewer_id: int, s: Standing) -> bool:
    """Published (and removed placeholders) for readers; held and hidden content only for its
    author and moderation staff; screening-blocked content for nobody."""
    if status == BLOCKED:
        return False
    if status in (PUBLISHED, TAKEN_DOWN):
        return True
    return author_id == viewer_id or s.moderate


@cache
def _thread_statement() -> Any:
    """A thread with its group and the caller's membership, built once (the thread page's hot path)."""
    me = bindparam("me", type_=Integer)
    return (
        select(Thread, Group, Membership, hidden_from(Thread.author_id, me).label("author_hidden"))
        .join(Group, Group.id == Thread.group_id)
        .outerjoin(Membership, and_(Membership.group_id == Group.id, Membership.user_id == me))
        .where(Thread.id == bindparam("thread_id", type_=Integer))
    )


def _thread_row(user: User, thread_id: int) -> tuple[Thread, Standing, bool]:
    """The thread, the caller's standing in its group, and whether its author is hidden from them."""
    row = db.session.execute(_thread_statement(), {"me": user.id, "thread_id": thread_id}).first()
    if row is None:
        raise NotFound()
    thread, group, membership, author_hidden = row
    return thread, _standing(_Facts(user), group, membership), bool(author_hidden)


def _thread_visible(thread: Thread, user: User, s: Standing, author_hidden: bool) -> bool:
    if not s.read or author_hidden:
        return False
    if thread.status == TAKEN_DOWN:
        return s.moderate
    return _content_visible(thread.status, thread.author_id, user.id, s)


def access_thread(user: User, thread_id: int, need: Need = "read") -> tuple[Thread, Standing]:
    """A thread the caller may see: the group's wall, its status, and not by someone hidden from them."""
    thread, s, author_hidden = _thread_row(user, thread_id)
    if not _thread_visible(thread, user, _require(s, need), author_hidden):
        raise NotFound()
    return thread, s


def thread_detail(user: User, thread_id: int) -> dict[str, Any]:
    thread, _s = access_thread(user, thread_id)
    return thread_view(thread, db.session.get(User, thread.author_id), _reply_counts([thread.id])[thread.id])


def _reply_counts(thread_ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        select(Post.thread_id, func.count())
        .where(Post.thread_id.in_(thread_ids), Post.status == PUBLISHED, Post.is_opening.is_(False))
        .group_by(Post.thread_id)
    ).all()
    counts = dict.fromkeys(thread_ids, 0)
    counts.update({thread_id: n for thread_id, n in rows})
    return counts


def _page_size(limit: int | None) -> int:
    return max(1, min(limit or DEFAULT_PAGE, MAX_PAGE))


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _thread_cursor(thread: Thread) -> str:
    micros = (thread.last_post_at - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}.{thread.id}"


_MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL


def _bad_cursor() -> Unprocessable:
    return Unprocessable("Invalid cursor", {"cursor": ["Use the next_cursor of a previous page."]})


def _parse_thread_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        micros, _, thread_id = cursor.partition(".")
        at, last_id = _EPOCH + timedelta(microseconds=int(micros)), int(thread_id)
    except (ValueError, OverflowError) as exc:
        raise _bad_cursor() from exc
    if not 0 <= last_id <= _MAX_ID:
        raise _bad_cursor()
    return at, last_id


def _parse_post_cursor(cursor: str) -> int:
    try:
        last_id = int(cursor)
    except ValueError as exc:
        raise _bad_cursor() from exc
    if not 0 <= last_id <= _MAX_ID:
        raise _bad_cursor()
    return last_id


def _reply_count_column() -> Any:
    return (
        select(func.count(Post.id))
        .where(Post.thread_id == Thread.id, Post.status == PUBLISHED, Post.is_opening.is_(False))
        .correlate(Thread)
        .scalar_subquery()
    )


def list_threads(
    user: User, group_id: int, *, cursor: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Threads, latest activity first, keyset-paginated; blocked and muted people's threads left out.
    Two statements whatever the page size: the group with the caller's membership, then the threads
    with their authors and reply counts (blocked and muted authors filtered in SQL)."""
    s = group_standing(user, group_id, "read")
    size = _page_size(limit)
    query = (
        select(Thread, User, _reply_count_column())
        .join(User, User.id == Thread.author_id)
        .where(Thread.group_id == group_id, ~hidden_from(Thread.author_id, user.id))
        .order_by(Thread.last_post_at.desc(), Thread.id.desc())
        .limit(size + 1)
    )
    if s.moderate:
        query = query.where(Thread.status != BLOCKED)
    else:
        query = query.where(
            or_(
                Thread.status == PUBLISHED,
                and_(Thread.author_id == user.id, Thread.status.in_((HELD, HIDDEN))),
            )
        )
    if cursor:
        at, thread_id = _parse_thread_cursor(cursor)
        query = query.where(
            or_(Thread.last_post_at < at, and_(Thread.last_post_at == at, Thread.id < thread_id))
        )
    rows = db.session.execute(query).all()
    page = rows[:size]
    return {
        "items": [thread_view(t, u, n) for t, u, n in page],
        "next_cursor": _thread_cursor(page[-1][0]) if len(rows) > size else None,
    }


def list_posts(
    user: User, thread_id: int, *, cursor: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The thread page: posts oldest first with authors and reactions, keyset-paginated, as dicts
    (``post_view``'s shape). The route serves the same page straight from ``read_post_page``."""
    posts, next_cursor = read_post_page(user, thread_id, cursor=cursor, limit=limit)
    return {"items": [_post_dict(post) for post in posts], "next_cursor": next_cursor}


# One post of the thread page as readers see it, in ``PostOut``'s field order: (id, thread_id,
# group_id, is_opening, status, author, body_html, created_at, edited_at, reactions), where author is
# None or (id, display_name, persona, removed) and reactions a tuple of (kind, count, mine). Tuples,
# not dicts: the page is the hot path and is written out as JSON from these (``schemas``).
PagePost = tuple[Any, ...]
POST_FIELDS = (
    "id",
    "thread_id",
    "group_id",
    "is_opening",
    "status",
    "author",
    "body_html",
    "created_at",
    "edited_at",
    "reactions",
)
AUTHOR_FIELDS = ("id", "display_name", "persona", "removed")
REACTION_FIELDS = ("kind", "count", "mine")


def read_post_page(
    user: User | accounts.Principal, thread_id: int, *, cursor: str | None = None, limit: int | None = None
) -> tuple[list[PagePost], str | None]:
    """The thread page's posts (see ``PagePost``) and the next cursor, for an account or a principal
    (which has every attribute of an account that the wall reads).

    Two statements whatever the page size (QUALITY.md B4): the thread with its group, the caller's
    membership and whether its author is hidden from them; then the posts with their authors and
    reactions, blocked and muted authors filtered out in SQL. Both are prebuilt Core selects run on
    the session's connection and read as plain rows, packed on SQLite (``core.db.read_rows``: few
    GIL releases), with no ORM objects; the wall is the same
    ``_standing`` every other route uses. Removed posts are placeholders (``post_view``'s rule).
    """
    conn = db.session.connection()
    found = read_first(conn, _thread_read_statement(), {"me": user.id, "thread_id": thread_id})
    if found is None:
        raise NotFound()
    t_status, t_author, g_id, g_status, g_audience, g_visibility, m_status, m_role, author_hidden = found
    group = _GroupFacts(g_id, g_status, g_audience, g_visibility)
    # ``status`` is never NULL in a membership row: NULL here means the outer join found none.
    membership = _MembershipFacts(m_status, m_role) if m_status is not None else None
    reader = cast(User, user)
    s = _standing(_Facts(reader), cast(Group, group), cast(Membership | None, membership))
    if not _thread_visible(cast(Thread, _ThreadFacts(t_status, t_author)), reader, s, bool(author_hidden)):
        raise NotFound()
    size = _page_size(limit)
    params = {
        "thread_id": thread_id,
        "me": user.id,
        "after": _parse_post_cursor(cursor) if cursor else 0,
        "limit": size + 1,
    }
    rows = _page_rows(conn, s.moderate, params)
    posts: list[PagePost] = []
    authors: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # a page has few authors: each shown once
    for row in rows[:size]:
        post_id, thread, group_id, is_opening, status, body_html, created_at, edited_at = row[:8]
        if status == TAKEN_DOWN:  # a placeholder: no body, no author, no reactions
            posts.append((post_id, thread, group_id, is_opening, status, None, None, created_at, None, ()))
            continue
        account = tuple(row[8:12])
        author = authors.get(account)
        if author is None:
            author = authors[account] = _shown_author(*account)
        reactions = _reactions_from(row[12])
        posts.append(
            (
                post_id,
                thread,
                group_id,
                is_opening,
                status,
                author,
                body_html,
                created_at,
                edited_at,
                reactions,
            )
        )
    return posts, (str(rows[size - 1][0]) if len(rows) > size else None)


def _shown_author(user_id: int, display_name: str, persona: str, status: str) -> tuple[Any, ...]:
    # accounts.public_profile reads only these four attributes of an account.
    profile = accounts.public_profile(cast(User, _AuthorRow(user_id, display_name, persona, status)))
    return tuple(profile[k] for k in AUTHOR_FIELDS)


def _post_dict(post: PagePost) -> dict[str, Any]:
    item = dict(zip(POST_FIELDS, post, strict=True))
    author = item["author"]
    item["author"] = dict(zip(AUTHOR_FIELDS, author, strict=True)) if author is not None else None
    item["reactions"] = [dict(zip(REACTION_FIELDS, r, strict=True)) for r in item["reactions"]]
    return item


class _AuthorRow(NamedTuple):
    id: int
    display_name: str
    persona: str
    status: str


class _ThreadFacts(NamedTuple):
    """What ``_thread_visible`` reads of a thread."""

    status: str
    author_id: int


class _GroupFacts(NamedTuple):
    """What ``_standing`` reads of a group."""

    id: int
    status: str
    audience: str
    visibility: str


class _MembershipFacts(NamedTuple):
    """What ``_standing`` and ``Standing.member`` read of a membership."""

    status: str
    role: str


@cache
def _thread_read_statement() -> Any:
    """The thread page's first statement: the thread's status and author, its group's wall facts, the
    caller's membership and whether the thread's author is hidden from them. Built once."""
    t, g, m = Thread.__table__, Group.__table__, Membership.__table__
    me = bindparam("me", type_=Integer)
    return (
        select(
            t.c.status,
            t.c.author_id,
            g.c.id,
            g.c.status,
            g.c.audience,
            g.c.visibility,
            m.c.status,
            m.c.role,
            hidden_from(t.c.author_id, me).label("author_hidden"),
        )
        .select_from(
            t.join(g, g.c.id == t.c.group_id).outerjoin(m, and_(m.c.group_id == g.c.id, m.c.user_id == me))
        )
        .where(t.c.id == bindparam("thread_id", type_=Integer))
    )


@cache
def _page_statement(moderate: bool, dialect: str) -> Any:
    """One page of posts with their authors and reactions, built once per process and dialect with
    bound parameters: the page is the hot path (QUALITY.md B4). Each post's reactions come as one
    string of kinds, ``*`` marking the reader's own (``"hug,heart*,hug"``), from a correlated
    subquery on the (post_id, user_id, kind) index: cheaper than joining and grouping the reactions
    of the page. (``func.aggregate_strings`` would render its separator anew on every execution.)"""
    me = bindparam("me", type_=Integer)
    if moderate:
        status_ok = Post.status != BLOCKED
    else:
        # Equalities rather than IN lists: a prebuilt statement then needs no expansion per execution.
        status_ok = or_(
            Post.status == PUBLISHED,
            Post.status == TAKEN_DOWN,
            and_(Post.author_id == me, or_(Post.status == HELD, Post.status == HIDDEN)),
        )
    mark = case((Reaction.user_id == me, literal_column("'*'", String)), else_=literal_column("''", String))
    concat = func.string_agg if dialect == "postgresql" else func.group_concat
    reactions = (
        select(concat(Reaction.kind + mark, literal_column("','", String)))
        .where(Reaction.post_id == Post.id)
        .correlate(Post)
        .scalar_subquery()
    )
    return (
        select(
            Post.id,
            Post.thread_id,
            Post.group_id,
            Post.is_opening,
            Post.status,
            Post.body_html,
            Post.created_at,
            Post.edited_at,
            User.id.label("author_id"),
            User.display_name.label("author_name"),
            User.persona.label("author_persona"),
            User.status.label("author_status"),
            reactions.label("reactions"),
        )
        .join(User, User.id == Post.author_id)
        .where(
            Post.thread_id == bindparam("thread_id", type_=Integer),
            Post.id > bindparam("after", type_=Integer),
            ~hidden_from(Post.author_id, me),
            status_ok,
        )
        .order_by(Post.id)
        .limit(bindparam("limit", type_=Integer))
    )


def _page_rows(conn: Connection, moderate: bool, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
    """The rows of ``_page_statement``, in order: packed on SQLite (``read_rows``: 21 rows of 13
    columns made about 300 GIL releases per page, packed 8)."""
    rows = read_rows(conn, _page_statement(moderate, conn.dialect.name), params)
    return sorted(rows, key=itemgetter(0))  # by post id, as the select orders them (packed rows may not be)


@lru_cache(maxsize=4096)
def _reactions_from(marked: str | None) -> tuple[tuple[str, int, bool], ...]:
    """Per-kind (kind, count, mine) in ``REACTIONS`` order, as ``_reactions_view`` gives them, from a
    page row's reaction string (see ``_page_statement``). Counting substrings is exact because no
    kind is part of another (checked below). Pages repeat the same few strings: the immutable
    answers are cached."""
    if not marked:
        return ()
    return tuple((kind, n, kind + "*" in marked) for kind in REACTIONS if (n := marked.count(kind)))


# ``_reactions_from`` counts kinds as substrings of "kind[*],kind[*],...".
assert not any(a != b and a in b for a in REACTIONS for b in REACTIONS), "a reaction kind inside another"
assert not any("," in k or "*" in k for k in REACTIONS), "a reaction kind with a separator in it"


def access_post(user: User, post_id: int, need: Need = "read") -> tuple[Post, Thread, Standing]:
    """A post the caller may see: its thread is visible to them, and so is the post."""
    row = db.session.execute(
        select(
            Post,
            Thread,
            Group,
            Membership,
            hidden_from(Thread.author_id, user.id).label("thread_author_hidden"),
            hidden_from(Post.author_id, user.id).label("post_author_hidden"),
        )
        .join(Thread, Thread.id == Post.thread_id)
        .join(Group, Group.id == Post.group_id)
        .outerjoin(Membership, and_(Membership.group_id == Group.id, Membership.user_id == user.id))
        .where(Post.id == post_id)
    ).first()
    if row is None:
        raise NotFound()
    post, thread, group, membership, thread_author_hidden, post_author_hidden = row
    s = _standing(_Facts(user), group, membership)
    if (
        not getattr(s, need)
        or not _thread_visible(thread, user, s, bool(thread_author_hidden))
        or post_author_hidden
        or not _content_visible(post.status, post.author_id, user.id, s)
    ):
        raise NotFound()
    return post, thread, s


def _reactions_of(post_id: int, user_id: int) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(Reaction.kind, func.count(), func.max(case((Reaction.user_id == user_id, 1), else_=0)))
        .where(Reaction.post_id == post_id)
        .group_by(Reaction.kind)
    ).all()
    return _reactions_view({k: n for k, n, _m in rows}, {k for k, _n, m in rows if m})


# --- threads and posts: writing ----------------------------------------------------------------


def _render_body(body: str) -> str:
    body_html = render_markdown(body)
    if not screening_text(html=body_html):
        raise Unprocessable("Write something first", {"body": ["The post is empty."]})
    return body_html


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) < 3:
        raise Unprocessable("Title too short", {"title": ["Use at least 3 characters."]})
    return title


def _screen(
    *,
    kind: str,
    content_id: int,
    author: User,
    group: Group,
    text: str,
    context: tuple[dict[str, Any], ...] = (),
) -> moderation.Verdict:
    return safeguarding.screen(
        safeguarding.subject(
            type=kind,
            id=content_id,
            author=author,
            text=text,
            youth_space=audience_is_youth(group),
            space=group_room(group.id),
            pre_moderated=group.moderation_mode == PRE_MODERATED,
            context=context,
        )
    )


def _status_for(verdict: moderation.Verdict, group: Group, current: str | None = None) -> str:
    """Allow publishes; hold holds; a pre-moderated group holds everything; content hidden after
    reports stays hidden until a moderator decides, whatever an edit says."""
    if verdict.action == "block":
        return BLOCKED
    if current == HIDDEN:
        return HIDDEN
    if verdict.action == "allow" and group.moderation_mode != PRE_MODERATED:
        return PUBLISHED
    if verdict.action == "allow":
        log.info("pre-moderated group %s: allowed content held for approval", group.id)
    return HELD


def _refused(verdict: moderation.Verdict, field: str) -> Unprocessable:
    reason = verdict.reason or "This can't be posted because it breaks the community rules."
    errors: dict[str, Any] = {field: [reason]}
    if verdict.signposts:
        errors["signposts"] = _signposts(verdict)
    return Unprocessable(reason, errors)


def _context_for(thread_id: int, before_id: int | None) -> tuple[dict[str, Any], ...]:
    query = select(Post).where(Post.thread_id == thread_id, Post.status == PUBLISHED)
    if before_id is not None:
        query = query.where(Post.id < before_id)
    posts = list(db.session.scalars(query.order_by(Post.id.desc()).limit(CONTEXT_POSTS)))
    return tuple(
        {
            "type": "post",
            "id": str(post.id),
            "author_id": post.author_id,
            "text": screening_text(html=post.body_html),
        }
        for post in reversed(posts)
    )


def do_start_thread(user: User, group_id: int, *, title: str, body: str) -> dict[str, Any]:
    """Start a thread. Title and opening text are screened together before anyone else sees them."""
    accounts.check_can_post(user)
    check_rate(user, "post")  # before rendering and screening, the costly steps
    s = group_standing(user, group_id, "post")
    group = s.group
    title, body_html = _clean_title(title), _render_body(body)
    now = utcnow()
    thread = Thread(
        group_id=group.id, author_id=user.id, title=title, status=HELD, created_at=now, last_post_at=now
    )
    db.session.add(thread)
    db.session.flush()
    post = Post(
        thread_id=thread.id,
        group_id=group.id,
        author_id=user.id,
        is_opening=True,
        body_html=body_html,
        status=HELD,
        created_at=now,
    )
    db.session.add(post)
    db.session.flush()  # ids first: moderation keeps its copy under them
    verdict = _screen(
        kind="thread",
        content_id=thread.id,
        author=user,
        group=group,
        text=screening_text(plain=title, html=body_html),
    )
    thread.status = post.status = _status_for(verdict, group)
    if thread.status == BLOCKED:
        # Kept (never served) so the id moderation holds its evidence under is never reused.
        db.session.commit()
        raise _refused(verdict, "body")
    _announce_thread(thread, None)
    _announce_change(post, thread, None, user)  # the opening post is announced like every post
    db.session.commit()
    return {
        **thread_view(thread, user, 0),
        "opening_post": post_view(post, user),
        "signposts": _signposts(verdict),
    }


def do_reply(user: User, thread_id: int, *, body: str) -> dict[str, Any]:
    """Reply in a published thread; screened before anyone else sees it."""
    accounts.check_can_post(user)
    check_rate(user, "post")  # before rendering and screening, the costly steps
    thread, s = access_thread(user, thread_id, "post")
    if thread.status != PUBLISHED:
        raise NotFound()
    body_html = _render_body(body)
    post = Post(
        thread_id=thread.id, group_id=thread.group_id, author_id=user.id, body_html=body_html, status=HELD
    )
    db.session.add(post)
    db.session.flush()
    verdict = _screen(
        kind="post",
        content_id=post.id,
        author=user,
        group=s.group,
        text=screening_text(html=body_html),
        context=_context_for(thread.id, post.id),
    )
    post.status = _status_for(verdict, s.group)
    if post.status == BLOCKED:
        db.session.commit()
        raise _refused(verdict, "body")
    if post.status == PUBLISHED:
        thread.last_post_at = post.created_at
    _announce_change(post, thread, None, user)
    db.session.commit()
    return {**post_view(post, user), "signposts": _signposts(verdict)}


def _announce_change(post: Post, thread: Thread, before: str | None, author: User | None) -> None:
    """Tell the right people about a new post (``before`` None) or one whose text or status changed.

    Published: the group's room (less the people hiding the post's or the thread's author). Not
    published: its author only; readers who had it are told to drop it, without its text."""
    payload = schemas.LivePost().dump(post_view(post, author))
    authors = [post.author_id, thread.author_id]
    if post.status == PUBLISHED:
        event = "post_updated" if before == PUBLISHED else "post_created"
        _broadcast(event, payload, post.group_id, authors)
        return
    if before == PUBLISHED:
        gone = {"id": post.id, "thread_id": post.thread_id, "group_id": post.group_id, "status": post.status}
        _broadcast("post_removed", gone, post.group_id, authors, skip=[post.author_id])
    if post.status == TAKEN_DOWN:
        event = "post_removed"
    else:
        event = "post_created" if before is None else "post_updated"
    _to_author(event, payload, post.author_id)


def do_edit_post(user: User, post_id: int, *, body: str) -> dict[str, Any]:
    """The author edits a post: the previous text is kept as a version and the new text is screened."""
    accounts.check_can_post(user)
    check_rate(user, "post")  # before rendering and screening, the costly steps
    post, thread, s = access_post(user, post_id, "post")
    if post.author_id != user.id or post.status not in (PUBLISHED, HELD, HIDDEN):
        raise NotFound()
    body_html = _render_body(body)
    before = post.status
    db.session.add(
        ContentVersion(
            thread_id=thread.id,
            post_id=post.id,
            body_html=post.body_html,
            status=before,
            reason="edit",
            actor_id=user.id,
        )
    )
    post.body_html, post.edited_at = body_html, utcnow()
    verdict = _screen(
        kind="post",
        content_id=post.id,
        author=user,
        group=s.group,
        text=screening_text(html=body_html),
        context=_context_for(thread.id, post.id),
    )
    status = _status_for(verdict, s.group, before)
    if status == BLOCKED:
        safeguarding.rollback_refused_edit()  # the post stays as it was; moderation has the refused text
        raise _refused(verdict, "body")
    post.status = status
    _announce_change(post, thread, before, user)
    db.session.commit()
    return {**post_view(post, user, _reactions_of(post.id, user.id)), "signposts": _signposts(verdict)}


def do_edit_thread(user: User, thread_id: int, *, title: str) -> dict[str, Any]:
    """The author changes a thread's title: versioned and screened again with the opening text."""
    accounts.check_can_post(user)
    check_rate(user, "post")  # before rendering and screening, the costly steps
    thread, s = access_thread(user, thread_id, "post")
    if thread.author_id != user.id or thread.status not in (PUBLISHED, HELD, HIDDEN):
        raise NotFound()
    title = _clean_title(title)
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.is_opening.is_(True)))
    before = thread.status
    db.session.add(
        ContentVersion(
            thread_id=thread.id, title=thread.title, status=before, reason="edit", actor_id=user.id
        )
    )
    thread.title, thread.edited_at = title, utcnow()
    text = screening_text(plain=title, html=opening.body_html if opening is not None else "")
    verdict = _screen(kind="thread", content_id=thread.id, author=user, group=s.group, text=text)
    status = _status_for(verdict, s.group, before)
    if status == BLOCKED:
        safeguarding.rollback_refused_edit()  # the thread stays as it was; moderation has the refused title
        raise _refused(verdict, "title")
    thread.status = status
    _announce_thread(thread, before)
    db.session.commit()
    return {**thread_detail(user, thread.id), "signposts": _signposts(verdict)}


def _announce_thread(thread: Thread, before: str | None) -> None:
    """The same for a thread: new (``before`` None), retitled, released, hidden or removed."""
    payload = schemas.ThreadOut().dump(thread_view(thread, db.session.get(User, thread.author_id)))
    if thread.status == PUBLISHED:
        event = "thread_updated" if before == PUBLISHED else "thread_created"
        _broadcast(event, payload, thread.group_id, [thread.author_id])
        return
    if before == PUBLISHED:
        gone = {"id": thread.id, "group_id": thread.group_id, "status": thread.status}
        _broadcast("thread_removed", gone, thread.group_id, [thread.author_id], skip=[thread.author_id])
    # The author's event names the change as a post's does (``_announce_change``).
    if thread.status == TAKEN_DOWN:
        event = "thread_removed"
    else:
        event = "thread_created" if before is None else "thread_updated"
    _to_author(event, payload, thread.author_id)


def do_delete_post(user: User, post_id: int) -> None:
    """The author deletes their post: it becomes a "removed" placeholder; the row and its versions
    stay (moderation evidence is never destroyed by a user action)."""
    post = db.session.get(Post, post_id)
    if post is None or post.author_id != user.id or post.status in (TAKEN_DOWN, BLOCKED):
        raise NotFound()
    thread = db.session.get(Thread, post.thread_id)
    assert thread is not None
    before = post.status
    post.status, post.removed_at = TAKEN_DOWN, utcnow()
    _announce_change(post, thread, before, user)
    db.session.commit()


def do_react(user: User, post_id: int, kind: str, on: bool) -> dict[str, Any]:
    """Add (idempotent) or take back one reaction of a kind on a published post."""
    if kind not in REACTIONS:
        raise NotFound()
    if on:
        accounts.check_can_post(user)
    post, _thread, _s = access_post(user, post_id, "post")
    if post.status != PUBLISHED:
        raise NotFound()
    existing = db.session.scalar(
        select(Reaction).where(
            Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind
        )
    )
    if on and existing is None:
        db.session.add(Reaction(post_id=post.id, user_id=user.id, kind=kind))
        try:
            db.session.flush()
        except IntegrityError:  # the same reaction from a concurrent request: already there
            db.session.rollback()
    elif not on and existing is not None:
        db.session.delete(existing)
    db.session.commit()
    return {"post_id": post_id, "reactions": _reactions_of(post_id, user.id)}


# --- reports: content copies under this feature's rules ----------------------------------------


def subject_for_post(user: User, post_id: int) -> moderation.Subject:
    """What a report about a post hands to moderation: raises NotFound if the reporter may not see it."""
    post, thread, s = access_post(user, post_id)
    if post.status == TAKEN_DOWN:
        raise NotFound()
    author = db.session.get(User, post.author_id)
    assert author is not None
    return safeguarding.subject(
        type="post",
        id=post.id,
        author=author,
        text=screening_text(html=post.body_html),
        youth_space=audience_is_youth(s.group),
        space=group_room(s.group.id),
        pre_moderated=s.group.moderation_mode == PRE_MODERATED,
        context=_context_for(thread.id, post.id),
    )


def subject_for_thread(user: User, thread_id: int) -> moderation.Subject:
    """What a report about a thread hands to moderation: its title and opening text."""
    thread, s = access_thread(user, thread_id)
    if thread.status == TAKEN_DOWN:
        raise NotFound()
    author = db.session.get(User, thread.author_id)
    assert author is not None
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.is_opening.is_(True)))
    body = opening.body_html if opening is not None and opening.status != TAKEN_DOWN else ""
    return safeguarding.subject(
        type="thread",
        id=thread.id,
        author=author,
        text=screening_text(plain=thread.title, html=body),
        youth_space=audience_is_youth(s.group),
        space=group_room(s.group.id),
        pre_moderated=s.group.moderation_mode == PRE_MODERATED,
    )


# --- moderation decisions ----------------------------------------------------------------------


def _decision_rows(decision: moderation.Decision) -> tuple[Thread | None, Post | None]:
    """The thread and post a decision is about; (None, None) for anything not ours or gone."""
    if decision.subject_type not in ("post", "thread"):
        return None, None
    try:
        subject_id = int(decision.subject_id)
    except (TypeError, ValueError):
        return None, None
    if decision.subject_type == "post":
        post = db.session.get(Post, subject_id)
        return (db.session.get(Thread, post.thread_id), post) if post is not None else (None, None)
    thread = db.session.get(Thread, subject_id)
    if thread is None:
        return None, None
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.is_opening.is_(True)))
    return thread, opening


def _set_post_status(post: Post, thread: Thread, status: str) -> None:
    before = post.status
    if before in (status, BLOCKED):
        return
    post.status = status
    if status == TAKEN_DOWN:
        post.removed_at = utcnow()
    if status == PUBLISHED and post.created_at > thread.last_post_at:
        thread.last_post_at = post.created_at
    _announce_change(post, thread, before, db.session.get(User, post.author_id))


def _set_thread_status(thread: Thread, status: str) -> None:
    before = thread.status
    if before in (status, BLOCKED):
        return
    thread.status = status
    _announce_thread(thread, before)


def _removed_by_a_moderator(thread: Thread, post: Post | None) -> bool:
    """Was this taken-down content removed by a moderator (not deleted by its author)? A moderator's
    removal leaves a "remove" version; an author's deletion leaves none, and is never undone."""
    about = ContentVersion.post_id == post.id if post is not None else ContentVersion.post_id.is_(None)
    latest = db.session.scalar(
        select(ContentVersion.reason)
        .where(ContentVersion.thread_id == thread.id, about)
        .order_by(ContentVersion.id.desc())
        .limit(1)
    )
    return latest == "remove"


def _on_release(decision: moderation.Decision) -> None:
    """release: held or hidden content is published (and announced live); so is content whose
    removal was overturned on appeal."""
    thread, post = _decision_rows(decision)
    if thread is None:
        return
    if decision.subject_type == "thread":
        if thread.status in (HELD, HIDDEN) or (
            thread.status == TAKEN_DOWN and _removed_by_a_moderator(thread, None)
        ):
            _set_thread_status(thread, PUBLISHED)
            if post is not None and post.status in (HELD, HIDDEN):
                # The opening text was screened with the title: published with it, and announced
                # like any released post (after its thread, so clients know the thread first).
                _set_post_status(post, thread, PUBLISHED)
    elif post is not None and (
        post.status in (HELD, HIDDEN) or (post.status == TAKEN_DOWN and _removed_by_a_moderator(thread, post))
    ):
        post.removed_at = None
        _set_post_status(post, thread, PUBLISHED)
    if decision.appeal:
        _restore_redacted(decision, thread, post)
    db.session.commit()


def _restore_redacted(decision: moderation.Decision, thread: Thread, post: Post | None) -> None:
    """An upheld appeal against a redaction: the original text of what the redaction left published
    comes back (``redactions``)."""
    moderator_id = decision.moderator_id
    if (
        decision.subject_type == "thread"
        and thread.status == PUBLISHED
        and redactions.restore_title(thread, moderator_id)
    ):
        thread.edited_at = utcnow()
        _announce_thread(thread, thread.status)
    if post is not None and post.status == PUBLISHED and redactions.restore_body(thread, post, moderator_id):
        post.edited_at = utcnow()
        _announce_change(post, thread, post.status, db.session.get(User, post.author_id))


def _on_remove(decision: moderation.Decision) -> None:
    """remove: the content becomes a removed placeholder (a whole thread disappears for readers); a
    "remove" version records it, so that an appeal can undo it."""
    thread, post = _decision_rows(decision)
    if thread is None:
        return
    if decision.subject_type == "thread":
        if thread.status not in (TAKEN_DOWN, BLOCKED):
            db.session.add(_removal_version(decision, thread.id, title=thread.title, status=thread.status))
        _set_thread_status(thread, TAKEN_DOWN)
    elif post is not None:
        if post.status not in (TAKEN_DOWN, BLOCKED):
            db.session.add(_removal_version(decision, thread.id, post_id=post.id, status=post.status))
        _set_post_status(post, thread, TAKEN_DOWN)
    db.session.commit()


def _removal_version(decision: moderation.Decision, thread_id: int, **fields: Any) -> ContentVersion:
    return ContentVersion(thread_id=thread_id, reason="remove", actor_id=decision.moderator_id, **fields)


def _on_hide(decision: moderation.Decision) -> None:
    """hide (after several reports): treated like held content until a moderator decides."""
    thread, post = _decision_rows(decision)
    if thread is None:
        return
    if decision.subject_type == "thread":
        if thread.status == PUBLISHED:
            _set_thread_status(thread, HIDDEN)
    elif post is not None and post.status == PUBLISHED:
        _set_post_status(post, thread, HIDDEN)
    db.session.commit()


def _on_redact(decision: moderation.Decision) -> None:
    """redact: the text is replaced (the original kept as a version) and the content published."""
    thread, post = _decision_rows(decision)
    if thread is None:
        return
    replacement = str(decision.params.get("replacement") or REDACTED)
    if decision.subject_type == "thread" and thread.status not in (TAKEN_DOWN, BLOCKED):
        db.session.add(
            ContentVersion(
                thread_id=thread.id,
                title=thread.title,
                status=thread.status,
                reason="redact",
                actor_id=decision.moderator_id,
            )
        )
        title = " ".join((replacement.splitlines() or [""])[0].split())[:200]
        thread.title, thread.edited_at = title if len(title) >= 3 else REDACTED, utcnow()
        before = thread.status
        thread.status = PUBLISHED
        _announce_thread(thread, before)
    if post is not None and post.status not in (TAKEN_DOWN, BLOCKED):
        db.session.add(
            ContentVersion(
                thread_id=thread.id,
                post_id=post.id,
                body_html=post.body_html,
                status=post.status,
                reason="redact",
                actor_id=decision.moderator_id,
            )
        )
        before = post.status
        post.body_html, post.edited_at, post.status = render_markdown(replacement), utcnow(), PUBLISHED
        _announce_change(post, thread, before, db.session.get(User, post.author_id))
    db.session.commit()


for _action, _handler in (
    ("release", _on_release),
    ("remove", _on_remove),
    ("hide", _on_hide),
    ("redact", _on_redact),
):
    moderation.on_decision(_action, _handler)


# --- life events and data rights ----------------------------------------------------------------


@accounts.on_turned_18
def _end_youth_memberships(user: User) -> None:
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
        _end(membership, ENDED)


@accounts.on_account_deleted
def _anonymise(user: User) -> None:
    """Content stays, shown as from "Removed account" (accounts.public_profile); memberships end."""
    for membership in db.session.scalars(
        select(Membership).where(Membership.user_id == user.id, Membership.status.in_(CURRENT_STATES))
    ):
        _end(membership, ENDED)


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


accounts.register_exporter("groups", export)
# Every thread and post can be reported (POST /api/v1/reports), under this feature's access rules.
reports.register_subject("post", subject_for_post)
reports.register_subject("thread", subject_for_thread)

__all__ = [
    "AUDIENCES",
    "Standing",
    "access_group",
    "access_post",
    "access_thread",
    "audience_admits",
    "audience_is_youth",
    "get_group",
    "group_standing",
    "is_member",
    "live_group_ids",
    "may_staff",
    "member_ids",
    "on_membership_ended",
    "on_membership_started",
    "share_a_group",
    "standing",
    "subject_for_post",
    "subject_for_thread",
]
