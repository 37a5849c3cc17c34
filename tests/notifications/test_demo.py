"""After ``make run`` (demo.load) the demo adopter has unread notifications, read over the API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from backend import demo
from backend.accounts.models import User
from backend.auth import service as auth
from backend.core.db import db
from backend.notifications.models import Notification


def test_the_demo_adopter_has_unread_notifications(app: Any, client: Any) -> None:
    demo.load()
    count = db.session.scalar(select(func.count()).select_from(Notification))
    demo.load()
    assert db.session.scalar(select(func.count()).select_from(Notification)) == count  # idempotent
    adopter = db.session.scalar(select(User).where(User.email == "adopter@demo.example"))
    assert adopter is not None
    headers = {"Authorization": f"Bearer {auth.do_issue_tokens(adopter, demo.DEMO_CLIENT_ID).access_token}"}
    assert client.get("/api/v1/me", headers=headers).json["unread_notifications"] >= 3
    unread = client.get("/api/v1/notifications?unread=true", headers=headers).json["items"]
    assert len(unread) >= 3
