"""Live group updates: the room names and the emits sent after commit (docs/realtime.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backend.accounts import service as accounts
from backend.core import presence
from backend.core.realtime import call_after_commit, emit_after_commit, user_room
from backend.extensions import socketio


def group_room(group_id: int) -> str:
    return f"group:{group_id}"


# --- realtime ----------------------------------------------------------------------------------


def _broadcast(
    event: str, data: dict[str, Any], group_id: int, author_ids: Iterable[int], *, skip: Iterable[int] = ()
) -> None:
    """Send to the group's room once committed, leaving out every socket of the people hiding the
    authors (the post's and the thread's): blocked and muted people never receive their content."""
    excluded = accounts.people_hiding(*author_ids) | set(skip)
    room = group_room(group_id)

    def send() -> None:
        skip_sids = presence.sids_of(excluded)
        socketio.emit(event, data, to=room, skip_sid=skip_sids or None)

    call_after_commit(send)


def _to_author(event: str, data: dict[str, Any], author_id: int) -> None:
    emit_after_commit(event, data, to=user_room(author_id))
