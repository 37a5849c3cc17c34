"""Presence is leased and fails closed (QUALITY.md 3: "a crash or restart never leaves a staffed youth
room open without live staff, and mutes, blocks and suspensions apply to every socket after a Redis
restart").

"Another process" is a second registry on the same Redis, as a second server process would hold:
its heartbeat is run (or not) by the test, which is how a process dies without its disconnect
handlers. These tests use ``TEST_REDIS_URL`` and empty that Redis database first.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
import socketio as socketio_client

from backend import live_rights
from backend.chat.models import Room
from backend.core.db import db
from backend.core.presence import PresenceUnknown, RedisRegistry
from tests.chat.helpers import connect, events, force_verdict, join, make_group, send
from tests.conftest import REDIS_URL, needs_redis
from tests.servers import server

pytestmark = needs_redis


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def registries(
    app: Any, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[RedisRegistry, RedisRegistry]]:
    """(here, elsewhere): this process's registry, installed in the app, and another process's."""
    assert REDIS_URL is not None
    redis.Redis.from_url(REDIS_URL).flushdb()
    force_verdict(monkeypatch, "allow")
    here = RedisRegistry(REDIS_URL, lease_seconds=10, clock=clock)
    elsewhere = RedisRegistry(REDIS_URL, lease_seconds=10, clock=clock)
    app.extensions["presence"] = here
    yield here, elsewhere
    app.extensions["presence"] = here


def _staffed_youth_room(cast: Any) -> int:
    _, room_id = make_group(cast.agency_worker, "young_people", [cast.teen], staff=[cast.agency_worker])
    room = db.session.get(Room, room_id)
    assert room is not None
    room.staffed = True
    db.session.commit()
    return room_id


def test_staff_presence_is_a_lease_that_runs_out_when_its_process_stops_renewing_it(
    app: Any, client: Any, cast: Any, clock: Clock, registries: tuple[RedisRegistry, RedisRegistry]
) -> None:
    _, elsewhere = registries
    room = _staffed_youth_room(cast)
    teen = connect(app, cast.teen)
    assert join(teen, room)["open"] is False
    assert send(teen, room, "anyone there?")["code"] == 403

    elsewhere.staff_add(room, "staff-socket-on-the-other-process")
    assert send(teen, room, "hello")["status"] == "published"
    clock.now += 6
    elsewhere.heartbeat()  # the other process is alive and renews its lease
    clock.now += 6
    assert send(teen, room, "still open")["status"] == "published"

    # The other process dies (a crash, or SIGTERM then SIGKILL after the graceful timeout): no
    # disconnect handler runs, no heartbeat renews the lease.
    clock.now += 5
    assert send(teen, room, "after the crash")["code"] == 403
    rooms = client.get("/api/v1/rooms", headers=cast.teen.headers).json["items"]
    assert [r["open"] for r in rooms if r["id"] == room] == [False]


def test_a_redis_error_closes_a_staffed_room(
    app: Any, cast: Any, registries: tuple[RedisRegistry, RedisRegistry], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, elsewhere = registries
    room = _staffed_youth_room(cast)
    elsewhere.staff_add(room, "staff-socket-on-the-other-process")
    teen = connect(app, cast.teen)
    assert join(teen, room)["open"] is True
    monkeypatch.setattr(
        here, "_redis", redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    )
    assert join(teen, room)["open"] is False
    assert send(teen, room, "is anyone there?")["code"] == 403

    # A member of staff on this process is known here without Redis: their presence still counts.
    staff = connect(app, cast.agency_worker)
    assert join(staff, room)["open"] is True
    assert send(teen, room, "hello")["status"] == "published"


def test_the_registry_is_rebuilt_after_redis_loses_it_and_hides_and_sign_outs_still_apply(
    app: Any, client: Any, cast: Any, registries: tuple[RedisRegistry, RedisRegistry]
) -> None:
    """The sockets live on this process; the writes (a mute, a message, a suspension) are handled by
    the other one, which knows these sockets only through Redis."""
    here, elsewhere = registries
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2, cast.mentor])
    muter, reader, writer = connect(app, cast.mentor), connect(app, cast.adopter2), connect(app, cast.adopter)
    for socket in (muter, reader, writer):
        join(socket, room)
    suspended = connect(app, cast.prospective)
    here.heartbeat()
    elsewhere.heartbeat()
    assert elsewhere.sids([cast.mentor.id]) == here.local_sids([cast.mentor.id])

    assert REDIS_URL is not None
    redis.Redis.from_url(REDIS_URL).flushdb()  # Redis restarted empty
    app.extensions["presence"] = elsewhere

    # A suspension handled by the other process: it holds none of the sockets and the registry
    # cannot be trusted yet, so nothing is disconnected there; this process's sweep does it.
    response = client.post(
        f"/api/v1/admin/users/{cast.prospective.id}/suspension",
        json={"suspended": True, "reason": "test"},
        headers=cast.admin.headers,
    )
    assert response.status_code == 200
    assert suspended.is_connected()
    app.extensions["presence"] = here
    assert live_rights.sweep() == 1
    assert not suspended.is_connected()
    assert here.local_sids([cast.prospective.id]) == []
    app.extensions["presence"] = elsewhere

    # A mute made after the loss. Until every live process has renewed its leases the registry may
    # miss the muter's socket: nothing is sent rather than sent to them.
    assert client.post(f"/api/v1/me/mutes/{cast.adopter.id}", headers=cast.mentor.headers).status_code == 201
    assert send(writer, room, "too early", client_id="early")["code"] == 503
    here.heartbeat()  # this process rebuilds its entries
    assert send(writer, room, "still too early", client_id="early")["code"] == 503
    elsewhere.heartbeat()
    assert send(writer, room, "after the rebuild", client_id="late")["status"] == "published"
    assert [m["client_id"] for m in events(reader, "message")] == ["late"]
    assert events(muter, "message") == []


class _Listener:
    def __init__(self, url: str, token: str) -> None:
        self.got: list[str] = []
        self.client = socketio_client.Client(reconnection=False)
        self.client.on("message", lambda data: self.got.append(data["client_id"]))
        self.client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=10)

    def call(self, event: str, data: dict[str, Any]) -> Any:
        return self.client.call(event, data, timeout=10)


def _until(condition: Any, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.slow
def test_two_server_processes_after_a_redis_flush(app: Any, client: Any, cast: Any) -> None:
    """Real processes on one database and one Redis. Redis loses everything; a mute made afterwards
    still hides the muted person's message from the muter's socket on the other process, and a
    suspension still disconnects the suspended person's socket there."""
    assert REDIS_URL is not None
    redis.Redis.from_url(REDIS_URL).flushdb()
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2, cast.mentor])
    settings = {"REDIS_URL": REDIS_URL, "RATELIMIT_ENABLED": "0", "LIVE_RIGHTS_SECONDS": "0.5"}
    with server(app.config, **settings) as one, server(app.config, **settings) as two:
        writer = _Listener(one, cast.adopter.token)
        muter, reader = _Listener(two, cast.mentor.token), _Listener(two, cast.adopter2.token)
        suspended = _Listener(two, cast.prospective.token)
        for listener in (writer, muter, reader):
            assert listener.call("join", {"room": room})["ok"] is True
        time.sleep(1.5)  # both processes have heartbeated and seen each other

        redis.Redis.from_url(REDIS_URL).flushdb()
        assert (
            client.post(f"/api/v1/me/mutes/{cast.adopter.id}", headers=cast.mentor.headers).status_code == 201
        )
        response = client.post(
            f"/api/v1/admin/users/{cast.prospective.id}/suspension",
            json={"suspended": True, "reason": "test"},
            headers=cast.admin.headers,
        )
        assert response.status_code == 200

        acks: list[Any] = []

        def sent() -> bool:
            time.sleep(0.2)  # a client retrying after a 503
            acks.append(writer.call("send", {"room": room, "client_id": "after", "body": "after the flush"}))
            return acks[-1].get("status") == "published"

        assert _until(sent), acks
        assert set(a.get("code", 0) for a in acks[:-1]) <= {503}  # refused, never sent unhidden
        assert _until(lambda: "after" in reader.got)
        time.sleep(0.5)
        assert "after" not in muter.got
        assert _until(lambda: not suspended.client.connected)
        for listener in (writer, muter, reader):
            listener.client.disconnect()


def test_after_an_outage_longer_than_a_lease_the_registry_is_trusted_only_once_rebuilt(
    app: Any,
    cast: Any,
    clock: Clock,
    registries: tuple[RedisRegistry, RedisRegistry],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here, elsewhere = registries
    muter = connect(app, cast.mentor)
    here.heartbeat()
    elsewhere.heartbeat()
    sid = here.local_sids([cast.mentor.id])
    assert elsewhere.sids([cast.mentor.id]) == sid

    working = elsewhere._redis
    down = redis.Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    for registry in (here, elsewhere):
        monkeypatch.setattr(registry, "_redis", down)
        with pytest.raises(redis.RedisError):
            registry.heartbeat()
    clock.now += 60  # every lease has run out during the outage
    assert REDIS_URL is not None
    redis.Redis.from_url(REDIS_URL).flushdb()  # and Redis comes back empty
    monkeypatch.setattr(elsewhere, "_redis", working)
    monkeypatch.setattr(here, "_redis", working)

    with pytest.raises(PresenceUnknown):
        elsewhere.sids([cast.mentor.id])  # its own heartbeat has not worked since
    elsewhere.heartbeat()
    with pytest.raises(PresenceUnknown):
        elsewhere.sids([cast.mentor.id])  # this process was alive before the outage: not back yet
    here.heartbeat()
    assert elsewhere.sids([cast.mentor.id]) == sid
    assert muter.is_connected()
