"""The demo's chat: `make run` (the demo-data command) gives every demo group its room with a short
history, once; each demo account finds the rooms of its groups in `GET /api/v1/rooms` and reads the
history there. Every line would pass the real screener."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from backend import demo
from backend.accounts.models import User
from backend.auth import service as auth
from backend.chat.models import Message, Room
from backend.core.db import db
from backend.core.html import screening_text
from backend.groups import service as groups
from backend.groups.models import Group
from moderation import api as moderation_api


def headers_for(email: str) -> dict[str, str]:
    user = db.session.scalar(select(User).where(User.email == email))
    assert user is not None
    return {"Authorization": f"Bearer {auth.do_issue_tokens(user, demo.DEMO_CLIENT_ID).access_token}"}


def test_the_demo_data_command_loads_each_groups_room_with_history_once(app: Any, client: Any) -> None:
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    messages = db.session.scalar(select(func.count()).select_from(Message))
    assert app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Message)) == messages  # idempotent

    for group in db.session.scalars(select(Group)):
        room = db.session.scalar(select(Room).where(Room.group_id == group.id))
        assert room is not None and room.last_seq > 0, group.name

    for email in ("adopter@demo.example", "teen@demo.example", "guardian@demo.example"):
        headers = headers_for(email)
        user = db.session.scalar(select(User).where(User.email == email))
        assert user is not None
        rooms = [
            r for r in client.get("/api/v1/rooms", headers=headers).json["items"] if r["kind"] == "group"
        ]
        assert {r["group_id"] for r in rooms} == set(groups.live_group_ids(user)) != set(), email
        for room in rooms:
            history = client.get(f"/api/v1/rooms/{room['id']}/messages", headers=headers).json["items"]
            assert [m["seq"] for m in history] == list(range(1, room["last_seq"] + 1)), (email, room)


def test_demo_chat_passes_the_real_screener(app: Any) -> None:
    demo.load()
    held = []
    rows = db.session.execute(
        select(Message, Room, User.persona)
        .join(Room, Room.id == Message.room_id)
        .join(User, User.id == Message.sender_id)
    )
    for message, room, persona in rows:
        group = groups.get_group(room.group_id)
        subject = moderation_api.Subject(
            type="message",
            id=str(message.id),
            author=moderation_api.AuthorFacts(
                user_id=1_000_000 + message.id, account_age_days=400, verified=True, persona=persona
            ),
            text=screening_text(html=message.body_html),
            audience="youth" if groups.audience_is_youth(group) else "adult",
            space=f"room:{room.id}",
        )
        verdict = moderation_api.screen(subject)
        if verdict.action != "allow":
            held.append((group.name, subject.text[:60], verdict.action, verdict.categories))
    assert held == []
