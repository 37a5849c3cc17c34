"""The wall of a group (PRODUCT.md 2.1, "enforced on the server in every read and write, REST and
realtime alike"): who belongs in each audience, a caller's ``Standing`` computed by one pure
function, ``_standing``, and the ``access_*`` reads that raise the same 404 for missing and forbidden.
Every route, the socket room joins, the report resolvers and the chat feature go through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from sqlalchemy import and_, select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db
from backend.core.errors import NotFound
from backend.groups.models import (
    ADOPTERS,
    ADULT_ADOPTEES,
    CARERS,
    CURRENT_STATES,
    INVITE,
    LEADER,
    OPEN,
    PROSPECTIVE_ADOPTERS,
    REQUEST,
    SPECIAL_GUARDIANS,
    STAFF,
    YOUNG_PEOPLE,
    Group,
    GroupStatus,
    Membership,
    MembershipStatus,
)

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

Need = str  # see | read | join | post | members | manage | administer | moderate


# --- the wall ----------------------------------------------------------------------------------


class PersonFacts:
    """Facts about the caller that the wall may need; each costs a query, so each is computed at
    most once and only when a rule actually asks for it (members reading a page need neither).
    Chat's room standing shares one with the group's wall (``standing_of``), so one event asks once."""

    def __init__(self, user: accounts.Person) -> None:
        self.user = user

    @cached_property
    def dbs(self) -> bool:
        return accounts.may_work_with_young_people(self.user)

    @cached_property
    def verified(self) -> bool:
        # A young person's account exists only through a verified family's invitation (the age
        # assurance and the consent); adults are verified by their agency.
        return self.user.persona == p.YOUNG_PERSON or accounts.is_verified(self.user)


class GroupFacts(Protocol):
    """What the wall reads of a group: a ``Group``, or the thread page's row (``thread_page``)."""

    @property
    def id(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def audience(self) -> str: ...
    @property
    def visibility(self) -> str: ...


class MembershipFacts(Protocol):
    """What the wall reads of a membership."""

    @property
    def status(self) -> str: ...
    @property
    def role(self) -> str: ...


@dataclass(frozen=True)
class Rights:
    """What one person may do in one group, as named booleans. Computed only by ``_rights``."""

    see: bool = False  # the group's card: name, description, settings
    read: bool = False  # its threads and published posts
    join: bool = False  # join, ask to join, or accept an invitation
    post: bool = False  # start threads, reply, react; receive live updates
    members: bool = False  # the member list and member count
    manage: bool = False  # approve requests, invite, remove members (leaders, staff, admins)
    administer: bool = False  # edit the group, appoint leaders, assign staff (staff, admins)
    moderate: bool = False  # see held, hidden and removed content (moderators, safeguarding lead)
    staff: bool = False  # acts as staff here (assigned, or moderation staff)
    unverified: bool = False  # in the audience but not yet verified: may see, not join


@dataclass(frozen=True, kw_only=True)
class Standing(Rights):
    """One person's rights in one group, with the group and their membership. Made by ``_standing``."""

    group: Group
    membership: Membership | None

    @property
    def member(self) -> bool:
        return self.membership is not None and self.membership.status == MembershipStatus.ACTIVE


def _standing(facts: PersonFacts, group: Group, membership: Membership | None) -> Standing:
    return Standing(group=group, membership=membership, **_rights(facts, group, membership).__dict__)


def _rights(facts: PersonFacts, group: GroupFacts, membership: MembershipFacts | None) -> Rights:
    """The audience wall and every group permission, in one place.

    - Young people see only young people's groups; adults never see them, their threads or members,
      except staff with a recorded, in-date enhanced DBS check (PRODUCT.md 2.1 and 3) who are assigned
      to the group, or moderation staff (moderator, DSL, admin) with an in-date DBS check.
    - Moderation staff see every adult group, invite-only included, for moderation; they read, never post.
      Held, hidden and removed content is read by moderators and the safeguarding lead only, never
      by admins (least privilege: docs/moderation.md section 4).
    - Invite-only groups are invisible to everyone else who is not a member or invited.
    - Adults must be verified by their agency before they read or join (a self-registered account
      could be anyone, including a birth relative tracing a family: 002_b9e294b48f0aa846.txt).
    """
    user = facts.user
    nothing = Rights()
    if group.status != GroupStatus.ACTIVE or not user.is_active:
        return nothing
    persona = user.persona
    youth_group = group.audience == YOUNG_PEOPLE
    # Crossing the wall: only adults who are staff with an in-date DBS check, never the other way.
    if youth_group != (persona == p.YOUNG_PERSON) and (persona not in p.STAFF or not facts.dbs):
        return nothing
    state = membership.status if membership is not None else None
    role = membership.role if membership is not None else None

    eligible = persona in AUDIENCE_PERSONAS[group.audience]
    member = eligible and state == MembershipStatus.ACTIVE
    assigned = persona in p.STAFF and state == MembershipStatus.ACTIVE and role == STAFF
    moderator = persona in p.MODERATION_STAFF
    # Held, hidden and removed content: moderators and the safeguarding lead, never admins.
    reads_held = persona in p.HELD_CONTENT_READERS
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
        and state != MembershipStatus.ACTIVE
        and (
            state == MembershipStatus.INVITED
            or (group.visibility in (OPEN, REQUEST) and state != MembershipStatus.REMOVED)
        )
        and facts.verified
    )
    return Rights(
        see=member or assigned or moderator or listed or worker_card or guest(),
        read=member or assigned or moderator or open_reader() or guest(),
        join=join,
        post=member or assigned,
        # Young people's member lists are for staff only: a young person never gets a list of others.
        members=(assigned or moderator) if youth_group else (member or assigned or moderator),
        manage=leader or assigned or admin,
        administer=assigned or admin,
        moderate=reads_held,
        staff=assigned or moderator,
        unverified=eligible
        and not join
        and state not in (MembershipStatus.ACTIVE, MembershipStatus.REMOVED)
        and not facts.verified,
    )


def standing(user: User, group: Group, membership: Membership | None = None) -> Standing:
    if membership is None:
        membership = _membership(group.id, user.id)
    return _standing(PersonFacts(user), group, membership)


def standing_of(facts: PersonFacts, group: Group, membership: Membership | None) -> Standing:
    """``standing`` from rows the caller has already loaded (``membership`` None: there is none, so
    nothing is looked up), asking the caller's ``facts``, which the caller may ask again."""
    return _standing(facts, group, membership)


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
    return _require(_standing(PersonFacts(user), row[0], row[1]), need)


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
    return membership is not None and membership.status == MembershipStatus.ACTIVE


def member_ids(group_id: int) -> list[int]:
    """Everyone with an active membership (members, leaders, assigned staff)."""
    return list(
        db.session.scalars(
            select(Membership.user_id).where(
                Membership.group_id == group_id, Membership.status == MembershipStatus.ACTIVE
            )
        )
    )


def get_group(group_id: int | None) -> Group:
    """A group by id with no permission check (for features that already checked access)."""
    group = db.session.get(Group, group_id) if group_id is not None else None
    if group is None:
        raise NotFound()
    return group


def audience_admits(user: User, audience: str, facts: PersonFacts | None = None) -> bool:
    """Whether a person belongs to an audience outside any one group (e.g. an expert session for
    carers): the audience's own people once verified, and staff; young people's audiences admit
    young people and staff with an in-date DBS check only. ``facts``: the caller's, if it has them."""
    if audience not in AUDIENCE_PERSONAS or not user.is_active:
        return False
    facts = facts or PersonFacts(user)
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
            a.c.status == MembershipStatus.ACTIVE,
            b.c.status == MembershipStatus.ACTIVE,
            Group.status == GroupStatus.ACTIVE,
        )
        .limit(1)
    ).first()
    return shared is not None


def _membership(group_id: int, user_id: int) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(Membership.group_id == group_id, Membership.user_id == user_id)
    )


def live_group_ids(user: User) -> list[int]:
    """Groups whose live updates this person's sockets receive: active memberships in groups they
    may still post in (the wall is rechecked, so a lapsed DBS check or a changed persona drops out)."""
    facts = PersonFacts(user)
    rows = db.session.execute(
        select(Group, Membership)
        .join(Membership, Membership.group_id == Group.id)
        .where(
            Membership.user_id == user.id,
            Membership.status == MembershipStatus.ACTIVE,
            Group.status == GroupStatus.ACTIVE,
        )
    ).all()
    return [group.id for group, membership in rows if _standing(facts, group, membership).post]
