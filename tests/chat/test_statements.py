"""SQL statements per chat event, pinned: a room's standing (``chat/walls.py`` ``RoomStanding``) is
computed once per event, so one send, join or sync never asks the database the same question twice.

Counted with a ``before_cursor_execute`` listener on the app engine around one socket event. The
socket's account re-read (one plain row per event, ``socket_events.socket_account``) is counted too:
it is part of every event's cost.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest

from backend.core.db import db, utcnow
from tests.chat.helpers import connect, force_verdict, join, make_group, send, session_body
from tests.groups.test_queries import statements


@pytest.fixture(autouse=True)
def allow_all(monkeypatch: pytest.MonkeyPatch) -> None:
    force_verdict(monkeypatch, "allow")


def counted(app: Any, event: Any) -> tuple[Any, list[str]]:
    # Each socket event runs in its own app context with a fresh session in production; the test
    # client reuses the test's, so what it holds is let go first (nothing is read for free).
    db.session.expunge_all()
    with statements(app) as seen:
        result = event()
    return result, seen


def assert_no_repeats(seen: list[str]) -> None:
    """No statement runs twice in one event (the same question asked again)."""
    repeated = {s: n for s, n in Counter(seen).items() if n > 1}
    assert not repeated, repeated


def connect_adults(client: Any, a: Any, b: Any) -> int:
    request = client.post("/api/v1/connections", json={"user_id": b.id}, headers=a.headers)
    client.post(f"/api/v1/connections/{request.json['id']}/accept", headers=b.headers)
    room = client.post("/api/v1/rooms/dm", json={"user_id": b.id}, headers=a.headers)
    assert room.status_code == 201, room.json
    return int(room.json["id"])


# Statements per event, as measured (before the standing, in brackets: what asking again cost).
# Every send: the account re-read, the room with its group and the caller's membership, then the
# message's own (insert, who must not receive it, next sequence number, publish).
GROUP_SEND = 6
DM_SEND = 9  # + the other person, the block check, the connection (10: the other person twice)
YOUTH_STAFFED_SEND = 7  # + the young person's family link, read by screening's subject
SESSION_SEND = 7  # + the session (9: the session three times)
STAFF_JOIN = 3  # account, room, the DBS check (7: membership again, the DBS check three times)
SYNC = 6  # account, room, blocks, mutes, messages, own held messages (7: the room twice)


def assert_send_costs(app: Any, socket: Any, room: int, expected: int) -> None:
    """A published send in ``room`` (after a first one, which builds the prebuilt statements) runs
    exactly ``expected`` statements, none of them twice."""
    join(socket, room)
    send(socket, room, "warm up")
    ack, seen = counted(app, lambda: send(socket, room, "Hello everyone"))
    assert ack["status"] == "published"
    assert_no_repeats(seen)
    assert len(seen) == expected, seen


def test_a_send_in_a_group_room(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    assert_send_costs(app, connect(app, cast.adopter), room, GROUP_SEND)


def test_a_send_in_a_direct_message(app: Any, client: Any, cast: Any) -> None:
    room = connect_adults(client, cast.adopter, cast.guardian)
    assert_send_costs(app, connect(app, cast.adopter), room, DM_SEND)


def test_a_send_in_a_staffed_youth_room(app: Any, client: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen, cast.teen2], staff=[cast.moderator])
    client.put(f"/api/v1/rooms/{room}/staffed", json={"staffed": True}, headers=cast.moderator.headers)
    join(connect(app, cast.moderator), room)  # the staff presence that opens it
    assert_send_costs(app, connect(app, cast.teen), room, YOUTH_STAFFED_SEND)


def test_a_send_in_an_expert_session(app: Any, client: Any, cast: Any) -> None:
    body = session_body(cast.agency_worker, "carers", utcnow() - timedelta(minutes=5))  # running now
    room = client.post("/api/v1/sessions", json=body, headers=cast.agency_worker.headers).json["room_id"]
    assert_send_costs(app, connect(app, cast.adopter), room, SESSION_SEND)


def test_staff_joining_a_staffed_youth_room(app: Any, client: Any, cast: Any) -> None:
    """The join of the member of staff whose presence opens the room: the wall and "counts as staff"
    are one standing."""
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen], staff=[cast.moderator])
    client.put(f"/api/v1/rooms/{room}/staffed", json={"staffed": True}, headers=cast.moderator.headers)
    moderator = connect(app, cast.moderator)
    ack, seen = counted(app, lambda: join(moderator, room))
    assert ack["open"] is True
    assert_no_repeats(seen)
    assert len(seen) == STAFF_JOIN, seen


def test_a_sync_reads_the_room_once(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice = connect(app, cast.adopter)
    join(alice, room)
    send(alice, room, "one")
    result, seen = counted(app, lambda: alice.emit("sync", {"room": room, "after_seq": 0}, callback=True))
    assert len(result["messages"]) == 1
    assert_no_repeats(seen)
    assert len(seen) == SYNC, seen
