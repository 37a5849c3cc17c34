"""The chat part of a person's data export (UK GDPR right of access)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from backend.accounts.models import User
from backend.chat.connections import connection_view, connections
from backend.chat.models import Message
from backend.core.db import db

# --- data rights ---------------------------------------------------------------------------------


def export(user: User) -> dict[str, Any]:
    messages = db.session.scalars(select(Message).where(Message.sender_id == user.id).order_by(Message.id))
    return {
        "messages": [
            {
                "id": m.id,
                "room": m.room_id,
                "seq": m.seq,
                "status": m.status,
                "body_html": m.body_html,
                "created_at": m.created_at.isoformat(),
            }
            for m in messages
        ],
        "connections": [connection_view(user, c) for c in connections(user)],
        "message_count": db.session.scalar(
            select(func.count()).select_from(Message).where(Message.sender_id == user.id)
        ),
    }
