"""Chat test helpers: groups with members and their chat rooms, socket clients, screening stubs."""

from __future__ import annotations

import itertools
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from backend.chat.models import Room
from backend.core.db import db
from backend.extensions import socketio
from backend.groups import service as groups
from backend.groups.models import MEMBER, STAFF, Group, Membership, MembershipStatus
from moderation import api as moderation
from tests.factories import Persona

_ids = itertools.count(1)


def make_group(
    creator: Persona, audience: str, members: list[Persona], staff: list[Persona] = (), **fields: Any
) -> tuple[Group, int]:
    """A group with active members (and assigned staff); returns (group, room id).

    The group is opened the way the product opens one (``do_create_group`` by a staff ``creator``,
    who is then unassigned unless listed in ``staff``), and the room is the one it opened with:
    this helper never creates a room. Memberships are written directly, as fixtures (joining through
    the API is proven in tests/chat/test_group_rooms_api.py), so a test may put people the group's
    own rules would refuse (a lapsed moderator as youth staff) into it."""
    data = {"name": f"Group {next(_ids)}", "audience": audience, **fields}
    group = groups.get_group(groups.do_create_group(creator.user, data)["id"])
    if creator not in staff:
        groups.do_unassign_staff(creator.user, group.id, creator.id)
    for persona in members:
        db.session.add(
            Membership(group_id=group.id, user_id=persona.id, role=MEMBER, status=MembershipStatus.ACTIVE)
        )
    for persona in staff:
        if persona is not creator:
            db.session.add(
                Membership(group_id=group.id, user_id=persona.id, role=STAFF, status=MembershipStatus.ACTIVE)
            )
    db.session.commit()
    room_id = db.session.scalar(select(Room.id).where(Room.group_id == group.id))
    assert room_id is not None, "a group opens with its chat room"
    return group, room_id


def session_body(
    host: Persona, audience: str, starts: datetime, topic: str = "Life story work"
) -> dict[str, Any]:
    """What an agency worker sends to schedule a one-hour expert session from ``starts``."""
    return {
        "host_id": host.id,
        "topic": topic,
        "audience": audience,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
    }


def connect(app: Any, persona: Persona) -> Any:
    client = socketio.test_client(app, auth={"token": persona.token})
    assert client.is_connected()
    return client


def disconnected(client: Any, namespace: str = "/", timeout: float = 3) -> bool:
    """Whether the server disconnects the socket within ``timeout``. (A socket refused at an event
    is disconnected just after its 401 ack is sent, not while the handler runs.)"""
    deadline = time.monotonic() + timeout
    while client.is_connected(namespace) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not client.is_connected(namespace)


def join(client: Any, room: int) -> dict[str, Any]:
    return dict(client.emit("join", {"room": room}, callback=True))


def send(client: Any, room: int, body: str, client_id: str | None = None) -> dict[str, Any]:
    payload = {"room": room, "client_id": client_id or f"c{next(_ids)}", "body": body}
    return dict(client.emit("send", payload, callback=True))


def events(client: Any, name: str) -> list[dict[str, Any]]:
    """Received events of one name. (Flask-SocketIO's test client passes the payload of an event
    called "message" unwrapped, since "message" is also Socket.IO's unnamed-send event.)"""
    received = [e for e in client.get_received() if e["name"] == name]
    return [e["args"] if name in ("message", "json") else e["args"][0] for e in received]


def force_verdict(monkeypatch: pytest.MonkeyPatch, action: str, **extra: Any) -> list[moderation.Subject]:
    """Make screening return a chosen verdict (and record what it was asked)."""
    seen: list[moderation.Subject] = []

    def fake(subject: moderation.Subject) -> moderation.Verdict:
        seen.append(subject)
        return moderation.Verdict(action=action, **extra)  # type: ignore[arg-type]

    monkeypatch.setattr(moderation, "screen", fake)
    return seen


def decide(action: str, message_id: int, **params: Any) -> None:
    """Apply a moderator's decision through the handlers the chat feature registered."""
    decision = moderation.Decision(
        action=action,
        subject_type="message",
        subject_id=str(message_id),
        author_id=None,
        moderator_id=None,
        reason="test",
        params=params,
    )
    for handler in moderation._handlers.get(action, []):
        handler(decision)
