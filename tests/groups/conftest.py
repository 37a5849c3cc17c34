"""Groups fixtures: a deterministic screener, a world of groups across every audience, and helpers
to apply moderators' decisions through the handlers the groups feature registered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from backend.accounts.models import User
from backend.core.db import db
from backend.groups import service
from backend.groups.models import Group, Post, Thread
from moderation import api as moderation_api

REAL_SCREEN = moderation_api.screen


class Screener:
    """Stands in for ``moderation.api.screen``: returns the verdict the test chose, records subjects."""

    def __init__(self) -> None:
        self.verdict = moderation_api.Verdict(action="allow")
        self.subjects: list[moderation_api.Subject] = []

    def set(self, action: str, reason: str = "", signposts: tuple[moderation_api.Signpost, ...] = ()) -> None:
        self.verdict = moderation_api.Verdict(action=action, reason=reason, signposts=signposts)  # type: ignore[arg-type]

    def __call__(self, subject: moderation_api.Subject) -> moderation_api.Verdict:
        self.subjects.append(subject)
        return self.verdict


@pytest.fixture(autouse=True)
def screener(monkeypatch: pytest.MonkeyPatch) -> Iterator[Screener]:
    fake = Screener()
    monkeypatch.setattr(moderation_api, "screen", fake)
    yield fake


def decide(action: str, subject_type: str, subject_id: int | str, **params: Any) -> None:
    """Apply a moderator's decision through the handlers registered with ``moderation.api``."""
    decision = moderation_api.Decision(
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        author_id=None,
        moderator_id=None,
        reason="test decision",
        params=params,
    )
    handlers = moderation_api._handlers.get(action, [])
    assert handlers, f"no handler registered for {action}"
    for handler in handlers:
        handler(decision)


def group_data(name: str, audience: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "description": f"A space for {audience.replace('_', ' ')}.",
        "audience": audience,
        "region": extra.pop("region", "North West"),
        "visibility": extra.pop("visibility", "open"),
        "moderation_mode": extra.pop("moderation_mode", "post"),
    }


def make_group(creator: User, name: str, audience: str, **extra: Any) -> Group:
    view = service.do_create_group(creator, group_data(name, audience, **extra))
    group = service.get_group(view["id"])
    return group


def join(user: User, group: Group) -> None:
    service.do_join(user, group.id)


def start_thread(
    user: User, group: Group, title: str = "Letterbox contact", body: str = "Hello all"
) -> Thread:
    view = service.do_start_thread(user, group.id, title=title, body=body)
    thread = db.session.get(Thread, view["id"])
    assert thread is not None
    return thread


def reply(user: User, thread: Thread, body: str = "Same here, thank you") -> Post:
    view = service.do_reply(user, thread.id, body=body)
    post = db.session.get(Post, view["id"])
    assert post is not None
    return post


@dataclass
class World:
    """Groups for every audience with members, threads and posts.

    - open_adopters (adopters, open): adopter member, mentor leader, agency_worker staff; a thread by
      adopter with a reply by mentor, and a held thread by adopter.
    - request_carers (carers, request): guardian member; agency_worker staff.
    - invite_adopters (adopters, invite): mentor member; agency_worker staff; a thread by mentor.
    - youth (young_people, request): teen member; agency_worker (in-date DBS) staff; a thread by teen.
    - adoptees (adult_adoptees, open): adult_adoptee member; agency_worker staff; a thread.
    - prospective (prospective_adopters, open): prospective member; agency_worker staff.
    - guardians (special_guardians, open): guardian member; created by admin (admin is its staff).
    """

    open_adopters: Group
    request_carers: Group
    invite_adopters: Group
    youth: Group
    adoptees: Group
    prospective: Group
    guardians: Group
    adopters_thread: Thread
    adopters_opening: Post
    adopters_reply: Post
    held_thread: Thread
    invite_thread: Thread
    youth_thread: Thread
    youth_post: Post
    adoptees_thread: Thread
    extra: dict[str, Any] = field(default_factory=dict)


def build_world(cast: Any, screener: Screener) -> World:
    worker, admin = cast.agency_worker.user, cast.admin.user
    open_adopters = make_group(worker, "North West Adopters", "adopters")
    request_carers = make_group(worker, "Carers Together", "carers", visibility="request")
    invite_adopters = make_group(worker, "Adopters Circle", "adopters", visibility="invite")
    youth = make_group(worker, "Teen Space", "young_people", visibility="request", region=None)
    adoptees = make_group(worker, "Adult Adoptees Connect", "adult_adoptees", region=None)
    prospective = make_group(worker, "Starting Out", "prospective_adopters")
    guardians = make_group(admin, "Kinship Carers", "special_guardians")

    join(cast.adopter.user, open_adopters)
    join(cast.mentor.user, open_adopters)
    service.do_set_role(worker, open_adopters.id, cast.mentor.id, "leader")
    join(cast.guardian.user, request_carers)
    service.do_approve(worker, request_carers.id, cast.guardian.id)
    service.do_invite(worker, invite_adopters.id, cast.mentor.id)
    join(cast.mentor.user, invite_adopters)
    join(cast.teen.user, youth)
    service.do_approve(worker, youth.id, cast.teen.id)
    join(cast.adult_adoptee.user, adoptees)
    join(cast.prospective.user, prospective)
    join(cast.guardian.user, guardians)

    adopters_thread = start_thread(cast.adopter.user, open_adopters, "Letterbox contact", "Our first letter")
    opening = db.session.query(Post).filter_by(thread_id=adopters_thread.id).one()
    adopters_reply = reply(cast.mentor.user, adopters_thread, "We wrote ours together")
    screener.set("hold")
    held_thread = start_thread(cast.adopter.user, open_adopters, "A held thread", "Held text")
    screener.set("allow")
    invite_thread = start_thread(cast.mentor.user, invite_adopters, "Circle news", "Welcome")
    youth_thread = start_thread(cast.teen.user, youth, "Starting Year 10", "Anyone else nervous?")
    youth_post = db.session.query(Post).filter_by(thread_id=youth_thread.id).one()
    adoptees_thread = start_thread(
        cast.adult_adoptee.user, adoptees, "Records requests", "How long did yours take?"
    )
    return World(
        open_adopters=open_adopters,
        request_carers=request_carers,
        invite_adopters=invite_adopters,
        youth=youth,
        adoptees=adoptees,
        prospective=prospective,
        guardians=guardians,
        adopters_thread=adopters_thread,
        adopters_opening=opening,
        adopters_reply=adopters_reply,
        held_thread=held_thread,
        invite_thread=invite_thread,
        youth_thread=youth_thread,
        youth_post=youth_post,
        adoptees_thread=adoptees_thread,
    )


@pytest.fixture
def world(cast: Any, screener: Screener) -> World:
    return build_world(cast, screener)
