"""Rights are live on open sockets (QUALITY.md 2: "a change of vetting, persona, suspension,
membership or age takes effect on open sockets within seconds, on every process").

Each test puts a live socket in a young people's chat room (``room:<id>``) and group room
(``group:<id>``), proves it hears the next young person's message and thread, changes the person's
rights the way it happens in the product (mostly REST), and proves the same socket no longer hears
the next ones. The youth walls themselves (no role in a room lets anyone past them) are here too.
"""

from __future__ import annotations

import itertools
import sys
import threading
import time
from datetime import timedelta
from typing import Any

import pytest
import socketio as socketio_client
import time_machine

from backend import live_rights
from backend.accounts import service as accounts
from backend.accounts.models import PrivacySettings
from backend.core import presence
from backend.core.db import db, utcnow
from backend.extensions import socketio
from tests.chat.helpers import connect, events, force_verdict, join, make_group, send
from tests.servers import server

_n = itertools.count(1)


@pytest.fixture(autouse=True)
def allow_all(monkeypatch: pytest.MonkeyPatch) -> None:
    force_verdict(monkeypatch, "allow")


class Youth:
    """A young people's group with its chat room: teen and teen2 members, agency_worker and
    moderator2 assigned staff (both DBS-checked); teen's socket in the room to speak."""

    def __init__(self, app: Any, client: Any, cast: Any) -> None:
        self.app, self.client, self.cast = app, client, cast
        self.group, self.room = make_group(
            cast.agency_worker,
            "young_people",
            [cast.teen, cast.teen2],
            staff=[cast.agency_worker, cast.moderator2],
        )
        self.teen = connect(app, cast.teen)
        assert join(self.teen, self.room)["ok"] is True

    def watch(self, persona: Any) -> Any:
        """A socket of ``persona`` in the chat room and (from its connect) the group's room."""
        socket = connect(self.app, persona)
        assert join(socket, self.room)["ok"] is True
        return socket

    def speak(self) -> tuple[str, str]:
        """The young person's next chat message and next thread; returns their markers."""
        marker = f"youth-{next(_n)}"
        assert send(self.teen, self.room, marker, client_id=marker)["status"] == "published"
        title = f"thread-{marker}"
        response = self.client.post(
            f"/api/v1/groups/{self.group.id}/threads",
            json={"title": title, "body": "only for young people"},
            headers=self.cast.teen.headers,
        )
        assert response.status_code == 201, response.json
        return marker, title

    @staticmethod
    def heard(socket: Any, said: tuple[str, str]) -> tuple[bool, bool]:
        """Did the socket get that message (room:<id>) and that thread (group:<id>)?"""
        if not socket.is_connected():
            return False, False
        received = socket.get_received()
        messages = [e["args"] for e in received if e["name"] == "message"]
        threads = [e["args"][0] for e in received if e["name"] == "thread_created"]
        marker, title = said
        return (
            any(m["client_id"] == marker for m in messages),
            any(t["title"] == title for t in threads),
        )


@pytest.fixture
def youth(app: Any, client: Any, cast: Any) -> Youth:
    return Youth(app, client, cast)


# How each change is made, by whom: vetting by an admin (nobody certifies themselves), persona and
# suspension by an admin, unassignment by the group's other staff. A check that lapses does so with
# time, not by a request (a lapsed check cannot be recorded): see the renewal-date test below.
CHANGES = {
    "dbs_cleared": lambda y, who: y.client.put(
        f"/api/v1/users/{who.id}/vetting", json={"dbs_checked_on": None}, headers=y.cast.admin.headers
    ),
    "persona_adult_non_staff": lambda y, who: y.client.post(
        f"/api/v1/admin/users/{who.id}/persona", json={"persona": "adopter"}, headers=y.cast.admin.headers
    ),
    "suspended": lambda y, who: y.client.post(
        f"/api/v1/admin/users/{who.id}/suspension",
        json={"suspended": True, "reason": "suspended from staff duties"},
        headers=y.cast.admin.headers,
    ),
    "staff_unassigned": lambda y, who: y.client.delete(
        f"/api/v1/groups/{y.group.id}/staff/{who.id}", headers=y.cast.moderator2.headers
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_staff_socket_leaves_youth_rooms_when_rights_change(youth: Youth, change: str) -> None:
    staff = youth.cast.agency_worker
    socket = youth.watch(staff)
    assert youth.heard(socket, youth.speak()) == (True, True)

    response = CHANGES[change](youth, staff)
    assert response.status_code < 300, response.json

    assert youth.heard(socket, youth.speak()) == (False, False), change
    if socket.is_connected():
        assert join(socket, youth.room)["code"] == 404  # and cannot walk back in
    else:
        assert change == "suspended"


def test_turning_18_takes_the_sockets_out_of_every_youth_room(app: Any, youth: Youth) -> None:
    cast = youth.cast
    older = youth.watch(cast.teen2)
    session = _youth_session(youth.client, cast)
    assert join(older, session)["ok"] is True
    assert youth.heard(older, youth.speak()) == (True, True)

    birthday = accounts.today() + timedelta(days=2)
    cast.teen2.user.date_of_birth = birthday.replace(year=birthday.year - 18)
    db.session.commit()
    with time_machine.travel(birthday, tick=False):
        assert accounts.do_turning_18() == [cast.teen2.id]

    assert youth.heard(older, youth.speak()) == (False, False)
    assert send(youth.teen, session, "in the session")["status"] == "published"
    assert events(older, "message") == []
    assert join(older, session)["code"] == 404


def test_membership_ending_takes_a_young_persons_sockets_out(youth: Youth) -> None:
    socket = youth.watch(youth.cast.teen2)
    assert youth.heard(socket, youth.speak()) == (True, True)
    response = youth.client.delete(
        f"/api/v1/groups/{youth.group.id}/membership", headers=youth.cast.teen2.headers
    )
    assert response.status_code == 204
    assert youth.heard(socket, youth.speak()) == (False, False)


def test_a_dbs_check_reaching_its_renewal_date_is_seen_by_the_sweep(youth: Youth) -> None:
    """Nothing is written when a check lapses with time: the first sweep of the new day sees it."""
    staff = youth.cast.agency_worker
    checked = accounts.today() - timedelta(days=3 * 365 - 1)  # renewal due tomorrow
    response = youth.client.put(
        f"/api/v1/users/{staff.id}/vetting",
        json={
            "dbs_checked_on": checked.isoformat(),
            "dbs_renewal_due": (accounts.today() + timedelta(days=1)).isoformat(),
        },
        headers=youth.cast.admin.headers,
    )
    assert response.json["may_work_with_young_people"] is True
    socket = youth.watch(staff)
    live_rights.sweep()
    assert youth.heard(socket, youth.speak()) == (True, True)

    with time_machine.travel(utcnow() + timedelta(days=1, hours=1), tick=False):
        assert live_rights.sweep() == 1
    assert youth.heard(socket, youth.speak()) == (False, False)


def test_a_change_made_by_another_process_reaches_this_ones_sockets_through_the_sweep(
    youth: Youth, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change is written as another app instance on the same database would write it: the
    process that made it holds none of these sockets, so only the sweep can act here."""
    staff = youth.cast.agency_worker
    socket = youth.watch(staff)
    live_rights.sweep()
    with monkeypatch.context() as elsewhere:
        elsewhere.setattr(live_rights, "recheck", lambda user_ids=None: 0)
        assert CHANGES["dbs_cleared"](youth, staff).status_code == 200
    assert youth.heard(socket, youth.speak()) == (True, True)  # nothing else acted

    assert live_rights.sweep() == 1
    assert youth.heard(socket, youth.speak()) == (False, False)
    assert live_rights.sweep() == 0  # checked once per change


# --- the walls: no role in a youth room is a way past them ------------------------------------------


def _youth_session(client: Any, cast: Any, scheduler: Any = None, host: Any = None) -> int:
    response = client.post(
        "/api/v1/sessions",
        json={
            "host_id": (host or cast.agency_worker).id,
            "topic": "Talking about your story",
            "audience": "young_people",
            "starts_at": (utcnow() - timedelta(minutes=5)).isoformat(),
            "ends_at": (utcnow() + timedelta(hours=1)).isoformat(),
        },
        headers=(scheduler or cast.agency_worker).headers,
    )
    assert response.status_code == 201, response.json
    return int(response.json["room_id"])


def test_scheduling_a_youth_session_lets_no_unvetted_adult_in(app: Any, client: Any, cast: Any) -> None:
    """An admin with no DBS check schedules a young people's session with a DBS-checked host: the
    admin cannot join, read its history, receive a young person's message or post to them."""
    room = _youth_session(client, cast, scheduler=cast.admin, host=cast.agency_worker)
    teen = connect(app, cast.teen)
    assert join(teen, room)["ok"] is True
    assert send(teen, room, "hello from a young person")["status"] == "published"

    admin = connect(app, cast.admin)
    assert join(admin, room)["code"] == 404
    assert send(admin, room, "hello")["code"] == 404
    assert client.get(f"/api/v1/rooms/{room}/messages", headers=cast.admin.headers).status_code == 404
    assert room not in [
        s["room_id"] for s in client.get("/api/v1/sessions", headers=cast.admin.headers).json["items"]
    ]
    send(teen, room, "another")
    assert events(admin, "message") == []

    host = connect(app, cast.agency_worker)
    assert join(host, room)["ok"] is True


@pytest.mark.parametrize("host", ["other_agency_worker", "lapsed_moderator", "admin"])
def test_a_youth_session_needs_a_host_who_passes_the_wall(client: Any, cast: Any, host: str) -> None:
    response = client.post(
        "/api/v1/sessions",
        json={
            "host_id": getattr(cast, host).id,
            "topic": "Q&A",
            "audience": "young_people",
            "starts_at": utcnow().isoformat(),
            "ends_at": (utcnow() + timedelta(hours=1)).isoformat(),
        },
        headers=cast.agency_worker.headers,
    )
    assert response.status_code == 422 and "host_id" in response.json["errors"]


def test_a_host_whose_dbs_check_is_cleared_leaves_the_youth_session(app: Any, client: Any, cast: Any) -> None:
    room = _youth_session(client, cast)
    teen, host = connect(app, cast.teen), connect(app, cast.agency_worker)
    assert join(teen, room)["ok"] is True and join(host, room)["ok"] is True
    send(teen, room, "first")
    assert len(events(host, "message")) == 1

    response = client.put(
        f"/api/v1/users/{cast.agency_worker.id}/vetting",
        json={"dbs_checked_on": None},
        headers=cast.admin.headers,
    )
    assert response.status_code == 200
    send(teen, room, "second")
    assert events(host, "message") == []
    assert join(host, room)["code"] == 404
    assert client.get(f"/api/v1/rooms/{room}/messages", headers=cast.agency_worker.headers).status_code == 404


def test_a_youth_dm_closes_to_both_when_one_turns_18(app: Any, client: Any, cast: Any) -> None:
    make_group(cast.agency_worker, "young_people", [cast.teen, cast.teen2])
    for persona in (cast.teen, cast.teen2):
        settings = db.session.get(PrivacySettings, persona.id)
        assert settings is not None
        settings.youth_dms_enabled = True
    db.session.commit()
    dm = client.post("/api/v1/rooms/dm", json={"user_id": cast.teen2.id}, headers=cast.teen.headers)
    assert dm.status_code == 201, dm.json
    room = dm.json["id"]
    teen, older = connect(app, cast.teen), connect(app, cast.teen2)
    assert join(teen, room)["ok"] is True and join(older, room)["ok"] is True

    birthday = accounts.today() + timedelta(days=2)
    cast.teen2.user.date_of_birth = birthday.replace(year=birthday.year - 18)
    db.session.commit()
    with time_machine.travel(birthday, tick=False):
        assert accounts.do_turning_18() == [cast.teen2.id]

    assert send(teen, room, "still there?")["code"] == 404
    assert events(older, "typing") == [] and events(older, "message") == []
    assert join(older, room)["code"] == 404 and join(teen, room)["code"] == 404


# --- two real processes, one database, no Redis ------------------------------------------------------


class _Listener:
    def __init__(self, url: str, token: str) -> None:
        self.got: list[str] = []
        self.client = socketio_client.Client(reconnection=False)
        self.client.on("message", lambda data: self.got.append(data["client_id"]))
        self.client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=10)

    def call(self, event: str, data: dict[str, Any]) -> Any:
        return self.client.call(event, data, timeout=10)


@pytest.mark.slow
def test_a_server_process_drops_a_socket_when_another_process_clears_the_dbs_check(
    app: Any, client: Any, cast: Any
) -> None:
    """The DBS check is cleared through this (test) process's API; the socket lives in a separate
    server process, which shares only the database. Its sweep removes the socket within seconds."""
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen], staff=[cast.agency_worker])
    with server(app.config, RATELIMIT_ENABLED="0", LIVE_RIGHTS_SECONDS="0.5") as url:
        teen, staff = _Listener(url, cast.teen.token), _Listener(url, cast.agency_worker.token)
        assert teen.call("join", {"room": room})["ok"] is True
        assert staff.call("join", {"room": room})["ok"] is True

        def reaches_staff(marker: str) -> bool:
            assert (
                teen.call("send", {"room": room, "client_id": marker, "body": marker})["status"]
                == "published"
            )
            deadline = time.monotonic() + 1.5
            while time.monotonic() < deadline and marker not in staff.got:
                time.sleep(0.05)
            return marker in staff.got

        assert reaches_staff("before")
        response = client.put(
            f"/api/v1/users/{cast.agency_worker.id}/vetting",
            json={"dbs_checked_on": None},
            headers=cast.admin.headers,
        )
        assert response.status_code == 200
        deadline = time.monotonic() + 10
        while reaches_staff(f"after-{next(_n)}"):
            assert time.monotonic() < deadline, "the other process never dropped the socket"
        assert not reaches_staff("last")
        assert staff.call("join", {"room": room})["code"] == 404
        teen.client.disconnect()
        staff.client.disconnect()


def test_staff_whose_dbs_check_is_cleared_stop_keeping_a_staffed_room_open(youth: Youth) -> None:
    cast = youth.cast
    assert (
        youth.client.put(
            f"/api/v1/rooms/{youth.room}/staffed", json={"staffed": True}, headers=cast.moderator2.headers
        ).json["open"]
        is False
    )
    youth.watch(cast.agency_worker)  # DBS-checked staff: their presence opens it
    assert send(youth.teen, youth.room, "hello")["status"] == "published"
    assert [s["open"] for s in events(youth.teen, "room_state")] == [False, True]

    response = youth.client.put(
        f"/api/v1/users/{cast.agency_worker.id}/vetting",
        json={"dbs_checked_on": None},
        headers=cast.admin.headers,
    )
    assert response.status_code == 200
    assert [s["open"] for s in events(youth.teen, "room_state")] == [False]
    assert send(youth.teen, youth.room, "anyone?")["code"] == 403


def test_a_join_is_checked_again_at_the_next_sweep(youth: Youth, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rights change that commits between a join's check and the socket entering the room is seen
    by the next sweep: every join makes the socket due again."""
    live_rights.sweep()
    checked: list[set[str]] = []
    real = live_rights._recheck_sockets

    def recording(sockets: dict[str, int]) -> int:
        checked.append(set(sockets))
        return real(sockets)

    monkeypatch.setattr(live_rights, "_recheck_sockets", recording)
    live_rights.sweep()
    assert checked == [set()]
    join(youth.teen, youth.room)
    live_rights.sweep()
    assert len(checked[-1]) == 1


def test_a_recheck_while_other_sockets_join_and_leave_keeps_a_healthy_socket(youth: Youth) -> None:
    """python-socketio walks its whole room table to list a socket's rooms; joins and leaves on other
    threads change that table mid-walk. The re-check must not read that race as a failure and
    disconnect the socket (fail closed is for a check that cannot be made)."""
    manager = socketio.server.manager
    sockets = list(presence.local_sockets())
    assert sockets, "the young person's socket is registered"
    sid = sockets[0]
    stop = threading.Event()

    def churn() -> None:  # rooms coming and going, as sockets join and leave their rooms
        n = 0
        while not stop.is_set():
            room = f"churn:{n % 50}"
            manager.basic_enter_room(sid, "/", room)
            manager.basic_leave_room(sid, "/", room)
            n += 1

    for n in range(200):  # enough rooms that a walk spans many thread switches
        manager.basic_enter_room(sid, "/", f"standing:{n}")
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    thread = threading.Thread(target=churn, daemon=True)
    thread.start()
    try:
        changed = sum(live_rights.recheck() for _ in range(100))
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    assert changed == 0
    assert youth.teen.is_connected()
    assert youth.heard(youth.teen, youth.speak())[0] is True
