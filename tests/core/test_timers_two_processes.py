"""Every background job fires exactly once with two server processes (issue #20: "timers (deadline
escalations, reminders, digests) fire exactly once with two processes").

One scene makes every job in ``backend.jobs.registered()`` (and moderation's deadline timers, which
run in moderation's own thread) have work due at the same instant, made the way the product makes
it: an event tomorrow with people going, applications past their target and inside the fund-year
reminder window, a family opted in to journey nudges, playdate profiles going quiet, a mentor who
never answered, a young person turning 18, digests and quiet-hours releases due, held content
without a queue item, content whose write rolled back, a missed moderation deadline. Then two apps
on the same two databases (two processes, as far as the databases can tell) run every job at once,
for several rounds, and each person must have been told each thing once and each state changed once.

A job registered later without a scene here fails ``test_every_registered_job_has_a_scene``.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select

from backend import jobs
from backend.accounts import personas as p
from backend.accounts.models import AccountEvent, Child, User
from backend.applications import tracking
from backend.core.db import db
from backend.extensions import socketio
from backend.mentoring import requests
from backend.mentoring.models import Match, MatchStatus, MentoringRequest, RequestStatus
from backend.notifications import service as notifications
from backend.notifications.models import Delivery, Digest, Notification
from backend.playdates import quiet
from backend.playdates.models import PlaydateProfile
from moderation import api as moderation_api
from moderation import db as moderation_db
from moderation.models import AuditEntry, QueueItem
from moderation.models import Notification as LeadNotice
from tests.chat.helpers import connect, join, make_group, send
from tests.conftest import dispose, make_app
from tests.events.helpers import create_event
from tests.factories import Persona, make_teen, make_user, support_fund_started
from tests.mentoring.helpers import offering, seeking
from tests.moderation_link.test_outbox import DISCLOSURE, _forget_records, moderation_unreachable
from tests.moderation_link.test_unstored import _send_but_fail_to_commit
from tests.playdates.helpers import put_profile

# The instant every job finds its work due: 09:30 UK time on Monday 1 March 2027, so daily, weekly
# and monthly digests are all due (from 08:00), the fund year ends in 30 days (the 42-day reminder
# window is open), a young person may be nudged (08:00-21:00), and a teen born on 1 March 2009 is 18.
NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
ROUNDS = 4
MODERATION_TIMERS = "moderation deadline timers"  # moderation's own thread (moderation/timers.py)


@dataclass
class Scene:
    """What the scene made, and so what each job must do exactly once."""

    coordinator: int = 0
    overdue_applications: list[int] = field(default_factory=list)
    fund_year_families: list[int] = field(default_factory=list)  # carers to be reminded
    goers: list[int] = field(default_factory=list)  # going to tomorrow's event
    waiting: int = 0  # on its waitlist: no reminder
    nudged: int = 0
    going_quiet: int = 0  # a playdate profile to be given notice
    to_hide: int = 0  # a playdate profile whose notice has run its course
    seeker: int = 0
    match: int = 0
    teen: int = 0
    digests: dict[int, set[str]] = field(default_factory=dict)  # person -> cadences due
    deferred: list[int] = field(default_factory=list)  # notification ids quiet hours held back
    leads: list[int] = field(default_factory=list)
    held: list[tuple[str, int]] = field(default_factory=list)  # content held with no queue item
    breached_item: int = 0
    orphan_item: int = 0


def _set_preferences(client: Any, who: Persona, body: dict[str, Any]) -> None:
    response = client.patch("/api/v1/notifications/preferences", json=body, headers=who.headers)
    assert response.status_code == 200, response.json


def _applications(scene: Scene, app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Five days before: an application whose first stage (a 72-hour target) is now past it, and a
    running support fund application (the fund year's re-application reminder)."""
    with time_machine.travel(NOW - timedelta(days=5), tick=False):
        worker = make_user(p.AGENCY_WORKER, dbs="in_date")
        adopter, guardian = make_user(p.ADOPTER), make_user(p.SPECIAL_GUARDIAN)
        late = tracking.do_create(
            worker.user, {"workflow": "local_support_pathway", "family_id": guardian.user.family_id}
        ).resource
        support_fund_started(worker.user, adopter.user.family_id)
    scene.coordinator = worker.id
    scene.overdue_applications = [late["id"]]
    scene.fund_year_families = [adopter.id]


def _event(scene: Scene, app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An event tomorrow morning, through the API: two going, one on the waitlist."""
    with time_machine.travel(NOW - timedelta(days=5), tick=False):
        worker = make_user(p.AGENCY_WORKER, dbs="in_date")
        starts = (NOW + timedelta(hours=12)).replace(microsecond=0)
        event = create_event(
            client,
            worker,
            capacity=2,
            starts_at=starts.isoformat(),
            ends_at=(starts + timedelta(hours=2)).isoformat(),
        )
        people = [make_user(p.ADOPTER) for _ in range(3)]
        for person in people:
            response = client.post(f"/api/v1/events/{event['id']}/rsvp", headers=person.headers)
            assert response.status_code == 201, response.json
    scene.goers = [person.id for person in people[:2]]
    scene.waiting = people[2].id


def _journey(scene: Scene, app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A family with a child in Year 6 (Year 7 starts next September) that opted in to nudges."""
    with time_machine.travel(NOW - timedelta(days=5), tick=False):
        adopter = make_user(p.ADOPTER)
        db.session.add(
            Child(
                family_id=adopter.user.family_id,
                birth_month=3,
                birth_year=2016,
                legal_route="adoption",
                needs=[],
            )
        )
        db.session.commit()
        response = client.patch(
            "/api/v1/me/privacy", json={"nudges_enabled": True, "confirm": True}, headers=adopter.headers
        )
        assert response.status_code == 200, response.json
        _set_preferences(client, adopter, {"categories": {"journey": "immediate"}})
    scene.nudged = adopter.id


def _playdates(scene: Scene, app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """One profile unused for 80 days (notice due: 14 days before 90), one unused for 100 days whose
    notice went 20 days ago (hide due)."""
    with time_machine.travel(NOW - timedelta(days=100), tick=False):
        hiding = make_user(p.ADOPTER)
        put_profile(client, hiding)
    with time_machine.travel(NOW - timedelta(days=80), tick=False):
        quiet_one = make_user(p.ADOPTER)
        put_profile(client, quiet_one)
    with time_machine.travel(NOW - timedelta(days=20), tick=False), app.app_context():
        assert quiet.run() == (1, 0)  # the product's own earlier run told the first family
    scene.going_quiet, scene.to_hide = quiet_one.id, hiding.id


def _mentoring(scene: Scene, app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A seeker chose a mentor eight days ago; the mentor never answered (seven days)."""
    with time_machine.travel(NOW - timedelta(days=8), tick=False):
        worker = make_user(p.AGENCY_WORKER, dbs="in_date")
        mentor = offering(make_user(p.ADOPTER), worker, ["buddying"])
        me = seeking(make_user(p.PROSPECTIVE_ADOPTER))
        request = requests.do_create_request(
            me.user, scheme="buddying", goals="", preferences=[], needs=[], stages=[]
        )
        match = requests.do_choose(me.user, request.id, mentor.id)
    scene.seeker, scene.match = me.id, match.id


def _turning_18(scene: Scene, app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A young person whose 18th birthday is today."""
    with time_machine.travel(NOW - timedelta(days=5), tick=False):
        carer = make_user(p.ADOPTER)
        teen = make_teen(carer, age=17)
        teen.user.date_of_birth = date(2009, 3, 1)
        db.session.commit()
    scene.teen = teen.id


def _notifications(scene: Scene, app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Digests due (daily, weekly and monthly), notifications quiet hours held back until 07:00, and
    a safeguarding lead to copy moderation's alerts to."""
    with time_machine.travel(NOW - timedelta(days=5), tick=False):
        daily, weekly, monthly = (make_user(p.ADOPTER) for _ in range(3))
        _set_preferences(client, weekly, {"categories": {"group_activity": "weekly"}})
        _set_preferences(client, monthly, {"categories": {"group_activity": "monthly"}})
        sleeper = make_user(p.ADOPTER)
        _set_preferences(
            client,
            sleeper,
            {
                "categories": {"group_activity": "immediate"},
                "quiet_hours": {"start": "22:00", "end": "07:00"},
            },
        )
        lead = make_user(p.SAFEGUARDING_LEAD, dbs="in_date")
    with time_machine.travel(NOW - timedelta(hours=12), tick=False):  # 21:30 the evening before
        for person in (daily, weekly, monthly):
            for n in range(2):
                notifications.notify(person.id, "group_activity", "New thread", "", f"/t/{person.id}/{n}")
        db.session.commit()
    with time_machine.travel(NOW - timedelta(hours=8), tick=False):  # 01:30: within quiet hours
        held_back = [
            notifications.notify(sleeper.id, "group_activity", "New thread", "", f"/t/night/{n}")
            for n in range(2)
        ]
        assert {n.delivery for n in held_back} == {Delivery.DEFERRED}
        db.session.commit()
    scene.digests = {daily.id: {"daily"}, weekly.id: {"weekly"}, monthly.id: {"monthly"}}
    scene.deferred = [n.id for n in held_back]
    scene.leads = [lead.id]


def _moderation(scene: Scene, app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two hours before, in a chat room: a disclosure screened and queued (its 15-minute deadline
    long missed, and a moderator's claim on it lapsed), two held while moderation's database was
    down (one with its outbox record, one whose record is gone: the sweep's), and one screened whose
    message was never stored."""
    with time_machine.travel(NOW - timedelta(hours=2), tick=False):
        worker = make_user(p.AGENCY_WORKER, dbs="in_date")
        alice, bob = make_user(p.ADOPTER), make_user(p.ADOPTER)
        _, room = make_group(worker, "adopters", [alice, bob])
        sock, other = connect(app, alice), connect(app, bob)
        join(sock, room), join(other, room)
        queued = send(sock, room, DISCLOSURE)
        assert queued["status"] == "pending"
        with moderation_unreachable(app):
            swept = send(sock, room, DISCLOSURE + " (1)")
        _forget_records()  # as if held before the outbox existed: the sweep's to find
        with moderation_unreachable(app):
            outboxed = send(sock, room, DISCLOSURE + " (2)")
        assert swept["status"] == outboxed["status"] == "pending"
        _send_but_fail_to_commit(monkeypatch, other, room, DISCLOSURE + " (never stored)")
        sock.disconnect(), other.disconnect()
        moderator = make_user(p.MODERATOR, dbs="in_date")
        session = moderation_db.session()
        queued_item = session.scalars(
            select(QueueItem.id).where(QueueItem.subject_id == str(queued["id"]))
        ).one()
        moderation_db.end_read()
        claim = client.post(f"/api/v1/moderation/queue/{queued_item}/claim", headers=moderator.headers)
        assert claim.status_code == 200, claim.json  # a 10-minute lease, long lapsed by NOW
    session = moderation_db.session()
    items = {i.subject_id: i.id for i in session.scalars(select(QueueItem).where(QueueItem.active == True))}  # noqa: E712
    moderation_db.end_read()
    assert len(items) == 2 and str(queued["id"]) in items, items  # the queued one and the orphan
    scene.breached_item = items.pop(str(queued["id"]))
    [scene.orphan_item] = items.values()
    scene.held = [("message", swept["id"]), ("message", outboxed["id"])]


SceneBuilder = Callable[[Scene, Flask, Any, pytest.MonkeyPatch], None]
SCENES: dict[str, SceneBuilder] = {
    "application reminders": _applications,
    "event reminders": _event,
    "journey nudges": _journey,
    "playdate profiles going quiet": _playdates,
    "mentoring expiry": _mentoring,
    "turning 18": _turning_18,
    "notifications": _notifications,
    # The moderation link's two jobs and moderation's timers share one scene.
    "held content sweep": _moderation,
    "moderation outbox": _moderation,
    MODERATION_TIMERS: _moderation,
}


def test_every_registered_job_has_a_scene(app: Flask) -> None:
    """A job added without a scene here is a job nobody has run in two processes."""
    assert set(jobs.registered()) | {MODERATION_TIMERS} == set(SCENES)


def _build(app: Flask, client: Any, monkeypatch: pytest.MonkeyPatch) -> Scene:
    scene = Scene()
    for build in dict.fromkeys(SCENES.values()):  # each scene once, in order
        build(scene, app, client, monkeypatch)
    return scene


def _every_job() -> list[tuple[str, Callable[[], Any]]]:
    return [(name, job) for name, (_setting, job) in jobs.registered().items()] + [
        (MODERATION_TIMERS, moderation_api.run_due_timers)
    ]


Order = list[tuple[str, Callable[[], Any]]]


def _run(
    process: Flask, order: Order, start: threading.Barrier, in_step: bool, errors: list[BaseException]
) -> None:
    try:
        start.wait()
        for _name, job in order:
            if in_step:
                start.wait()
            with process.app_context():
                job()
    except BaseException as exc:
        errors.append(exc)
        start.abort()  # the other app stops waiting at its next barrier


def _run_in_two_processes(app: Flask, other: Flask) -> list[BaseException]:
    """Two kinds of round. In step: both apps start each job together (a barrier before every job),
    so the two runs of one job race for the same rows. Shuffled: each app runs every job in its own
    order, so different jobs interleave (a breach beside the alerts' copy, the sweep beside the
    outbox). Each job runs in its own app context, as the job thread runs it."""
    errors: list[BaseException] = []
    shuffle = random.Random(20)
    every = _every_job()
    for round_number in range(ROUNDS):
        in_step = round_number % 2 == 0
        start = threading.Barrier(2)
        orders = [every, every] if in_step else [shuffle.sample(every, k=len(every)) for _ in range(2)]
        with time_machine.travel(NOW + timedelta(minutes=round_number), tick=False):
            threads = [
                threading.Thread(target=_run, args=(process, order, start, in_step, errors))
                for process, order in zip((app, other), orders, strict=True)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
            assert not any(t.is_alive() for t in threads), "a job hung"
    return errors


def test_every_job_fires_exactly_once_with_two_processes(
    app: Flask, client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = _build(app, client, monkeypatch)
    other = make_app(
        tmp_path / "other",
        DATABASE_URL=app.config["DATABASE_URL"],
        MODERATION_DATABASE_URL=app.config["MODERATION_DATABASE_URL"],
    )
    sent: list[tuple[str, Any, Any]] = []
    lock = threading.Lock()

    def record_emit(event: str, data: Any, **kw: Any) -> None:
        with lock:
            sent.append((event, kw.get("to"), data.get("id") if isinstance(data, dict) else None))

    monkeypatch.setattr(socketio, "emit", record_emit)
    try:
        errors = _run_in_two_processes(app, other)
    finally:
        dispose(other)
    monkeypatch.undo()
    assert errors == []
    db.session.rollback()

    told = list(db.session.scalars(select(Notification).where(Notification.created_at >= NOW)))
    # Nobody was told the same thing twice, by whichever job.
    twice = Counter((n.user_id, n.category, n.title, n.link) for n in told)
    assert [k for k, count in twice.items() if count > 1] == []
    # Each realtime notification event went out once.
    notification_events = Counter((to, i) for event, to, i in sent if event == "notification")
    assert [k for k, count in notification_events.items() if count > 1] == []

    def titles(user_id: int, category: str) -> list[str]:
        return [n.title for n in told if n.user_id == user_id and n.category == category]

    # Application reminders: the coordinator once per late stage; the family once in the window.
    assert len(titles(scene.coordinator, "applications")) == len(scene.overdue_applications) == 1
    for carer in scene.fund_year_families:
        assert titles(carer, "applications") == ["The support fund year ends on 31 March"]
    # Event reminders: each person going, once; not the waitlist.
    for goer in scene.goers:
        assert titles(goer, "events") == ["Reminder: an event tomorrow"]
    assert titles(scene.waiting, "events") == []
    # Journey nudges: once.
    assert titles(scene.nudged, "journey") == [
        "Year 7 starts next September: here is what helped other families"
    ]
    # Playdates: one notice; the other profile hidden, with no second notice.
    assert titles(scene.going_quiet, "playdates") == ["Your playdate profile will be hidden soon"]
    assert titles(scene.to_hide, "playdates") == []
    profiles = {pr.user_id: pr for pr in db.session.scalars(select(PlaydateProfile))}
    assert profiles[scene.going_quiet].visible and profiles[scene.going_quiet].quiet_notice_at is not None
    assert not profiles[scene.to_hide].visible
    # Mentoring: the match expired, the request offered again, the seeker told once.
    match = db.session.get(Match, scene.match)
    assert match is not None and match.status == MatchStatus.EXPIRED
    request = db.session.get(MentoringRequest, match.request_id)
    assert request is not None and request.status == RequestStatus.SUGGESTED
    assert titles(scene.seeker, "mentoring") == ["Your mentoring request expired"]
    # Turning 18: moved once, one account event.
    teen = db.session.get(User, scene.teen)
    assert teen is not None and teen.persona == p.ADULT_ADOPTEE
    moved = db.session.scalars(
        select(AccountEvent).where(AccountEvent.user_id == scene.teen, AccountEvent.kind == "turned_18")
    ).all()
    assert len(moved) == 1
    # Digests: one per person and cadence, each sent once.
    digests = db.session.execute(select(Digest.user_id, Digest.cadence, Digest.id)).all()
    assert {(u, str(c)) for u, c, _ in digests} == {(u, c) for u, cs in scene.digests.items() for c in cs}
    assert len(digests) == sum(len(cs) for cs in scene.digests.values())
    digest_events = Counter(i for event, _to, i in sent if event == "notification_digest")
    assert digest_events == Counter({d_id: 1 for _u, _c, d_id in digests})
    # Quiet hours: each held-back notification released once.
    for deferred_id in scene.deferred:
        record = db.session.get(Notification, deferred_id)
        assert record is not None and record.delivery == Delivery.SENT
        assert notification_events[(f"user:{record.user_id}", deferred_id)] == 1
    db.session.commit()

    # Moderation, in its own database.
    session = moderation_db.session()
    items = list(session.scalars(select(QueueItem)))
    notices = list(session.scalars(select(LeadNotice)))
    audit = list(session.scalars(select(AuditEntry)))
    moderation_db.end_read()
    # Held content without an item (the sweep's, the outbox's): exactly one item each.
    for subject_type, subject_id in scene.held:
        assert [i.subject_type for i in items if i.subject_id == str(subject_id)] == [subject_type]
    # The missed deadline escalated once: one breach notice, one audit row.
    breaches = Counter(n.item_id for n in notices if n.kind == "deadline_breached")
    assert breaches[scene.breached_item] == 1 and max(breaches.values()) == 1
    [breached] = [i for i in items if i.id == scene.breached_item]
    assert breached.claimed_by_id is None and breached.lease_expires_at is None  # the claim lapsed
    breach_audit = Counter(a.target_id for a in audit if a.action == "item.deadline_breached")
    assert breach_audit[str(scene.breached_item)] == 1 and max(breach_audit.values()) == 1
    # The item about a message never stored: closed once.
    [orphan] = [i for i in items if i.id == scene.orphan_item]
    assert not orphan.active and orphan.resolution == "not_stored"
    assert [a.target_id for a in audit if a.action == "item.subject_not_stored"] == [str(scene.orphan_item)]
    # Moderation's alerts reached each lead once (copied into the app's notifications).
    for lead in scene.leads:
        copied = Counter(n.dedupe_key for n in told if n.user_id == lead and n.category == "safeguarding")
        assert copied == Counter({f"moderation-notice:{n.id}": 1 for n in notices})
