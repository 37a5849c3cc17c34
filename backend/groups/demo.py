"""Demo groups: every audience, with members and a few threads, so a new sign-in meets a living
community, and finds groups of its audience still to join (open ones, and one that asks to join).
Idempotent: groups are found by name; content is added only to a group that has none.

Content goes through the same models as real posts (sanitised HTML, status published); the groups,
their people and their threads are data in ``demo_groups``, written so that screening would let them
through. A small cast of community members (accounts that cannot sign in: their
password is a random secret nobody holds) gives each group more than one voice.
"""

from __future__ import annotations

import functools
import secrets
from datetime import date, timedelta

from sqlalchemy import select

from backend import demo as base
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import Child, User, YouthLink
from backend.core.db import db, utcnow
from backend.core.html import render_markdown
from backend.groups import lifecycle
from backend.groups.demo_groups import COMMUNITY, GROUPS, SIGN_IN, WORKER, DemoGroup
from backend.groups.models import (
    LEADER,
    MEMBER,
    REACTIONS,
    STAFF,
    ContentStatus,
    Group,
    Membership,
    MembershipStatus,
    Post,
    Reaction,
    Thread,
)
from backend.groups.walls import AUDIENCE_PERSONAS


def _community(users: dict[str, User]) -> dict[str, User]:
    """The community members (created once), keyed like the sign-in accounts."""
    # Hashed only if a member is missing (a restart finds them all).
    secret_hash = functools.cache(lambda: accounts.hash_password(secrets.token_urlsafe(32)))
    people: dict[str, User] = {}
    for key, name, persona, age in COMMUNITY:
        email = f"{key}@community.demo.example"
        existing = db.session.scalar(select(User).where(User.email == email))
        user = existing or base._account(email, name, persona, age, secret_hash)
        if persona == p.YOUNG_PERSON and db.session.get(YouthLink, user.id) is None:
            _link_young_person(user, users["guardian@demo.example"])
        people[key] = user
    return people


def _link_young_person(user: User, carer: User) -> None:
    """A young person's account exists only through a family's invitation: record that link."""
    assert carer.family_id is not None and user.date_of_birth is not None
    born: date = user.date_of_birth
    child = Child(
        family_id=carer.family_id,
        birth_month=born.month,
        birth_year=born.year,
        legal_route="special_guardianship",
        needs=[],
    )
    db.session.add(child)
    db.session.flush()
    db.session.add(
        YouthLink(user_id=user.id, family_id=carer.family_id, child_id=child.id, invited_by_id=carer.id)
    )


def _ensure_membership(group: Group, user: User, role: str) -> None:
    membership = db.session.scalar(
        select(Membership).where(Membership.group_id == group.id, Membership.user_id == user.id)
    )
    if membership is None:
        db.session.add(
            Membership(group_id=group.id, user_id=user.id, role=role, status=MembershipStatus.ACTIVE)
        )
    elif membership.status != MembershipStatus.ACTIVE:
        membership.status, membership.role = MembershipStatus.ACTIVE, role


def _in_audience(user: User, spec: DemoGroup) -> User:
    if user.persona not in AUDIENCE_PERSONAS[spec.audience]:
        raise ValueError(f"{user.display_name} is not in the audience of {spec.name}")
    return user


def _add_threads(group: Group, spec: DemoGroup, people: dict[str, User]) -> None:
    now = utcnow()
    for t, (title, posts) in enumerate(spec.threads):
        started = now - timedelta(days=3 + 4 * t, hours=2 * len(posts))
        author = people[posts[0][0]]
        thread = Thread(
            group_id=group.id,
            author_id=author.id,
            title=title,
            status=ContentStatus.PUBLISHED,
            created_at=started,
        )
        db.session.add(thread)
        db.session.flush()
        for n, (key, text) in enumerate(posts):
            at = started + timedelta(hours=3 * n)
            post = Post(
                thread_id=thread.id,
                group_id=group.id,
                author_id=people[key].id,
                is_opening=n == 0,
                body_html=render_markdown(text),
                status=ContentStatus.PUBLISHED,
                created_at=at,
            )
            db.session.add(post)
            db.session.flush()
            thread.last_post_at = at
            # A few reactions from the other people in the conversation.
            for r, (other, _text) in enumerate(posts):
                if other != key and (n + r) % 2 == 0:
                    db.session.add(
                        Reaction(
                            post_id=post.id,
                            user_id=people[other].id,
                            kind=REACTIONS[(n + r) % len(REACTIONS)],
                        )
                    )


def load(users: dict[str, User]) -> None:
    """Create the demo groups, put the demo accounts in theirs (``DemoGroup.members``), add threads."""
    people = {key: users[email] for key, email in SIGN_IN.items()}
    people.update(_community(users))
    creator = users[WORKER]
    for spec in GROUPS:
        group = db.session.scalar(select(Group).where(Group.name == spec.name))
        if group is None:
            group = Group(
                name=spec.name,
                description_html=render_markdown(spec.description),
                audience=spec.audience,
                region=spec.region,
                visibility=spec.visibility,
                moderation_mode=spec.mode,
                created_by_id=creator.id,
            )
            db.session.add(group)
            db.session.flush()
            lifecycle.opened(group)  # with its chat room, as every group opens
        for key in spec.staff:
            _ensure_membership(group, people[key], STAFF)
        for key in spec.leaders:
            _ensure_membership(group, _in_audience(people[key], spec), LEADER)
        for key in (*spec.members, *spec.community):
            _ensure_membership(group, _in_audience(people[key], spec), MEMBER)
        if db.session.scalar(select(Thread.id).where(Thread.group_id == group.id).limit(1)) is None:
            db.session.flush()
            _add_threads(group, spec, people)
    db.session.commit()
