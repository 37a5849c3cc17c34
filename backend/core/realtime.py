"""Socket.IO emits that happen only if the write they announce was committed.

Services call ``emit_after_commit`` while they write; the emits wait in the session and are sent by
the ``after_commit`` hook. A rollback drops them, so no client ever hears of a write that did not
happen (Zulip's ``send_event_on_commit``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from backend.core.db import db
from backend.extensions import socketio

log = logging.getLogger(__name__)
_PENDING = "pending_emits"


def user_room(user_id: int) -> str:
    """The Socket.IO room of every socket of one person (joined at connect, ``socket_events``)."""
    return f"user:{user_id}"


@dataclass(frozen=True)
class PendingEmit:
    event: str
    data: Any
    to: str | None
    namespace: str
    skip_sid: str | list[str] | None

    def send(self) -> None:
        socketio.emit(self.event, self.data, to=self.to, namespace=self.namespace, skip_sid=self.skip_sid)


@dataclass(frozen=True)
class PendingCall:
    fn: Callable[[], object]

    def send(self) -> None:
        self.fn()


def emit_after_commit(
    event_name: str,
    data: Any,
    *,
    to: str | None = None,
    namespace: str = "/",
    skip_sid: str | list[str] | None = None,
    session: Session | None = None,
) -> None:
    """Queue an emit on the session; it is sent when (and only if) the session commits."""
    target = session if session is not None else db.session
    target.info.setdefault(_PENDING, []).append(PendingEmit(event_name, data, to, namespace, skip_sid))


def call_after_commit(fn: Callable[[], object], session: Session | None = None) -> None:
    """Run a realtime side effect (room change, disconnect) only once the write is committed."""
    target = session if session is not None else db.session
    target.info.setdefault(_PENDING, []).append(PendingCall(fn))


def pending_emits(session: Session) -> list[PendingEmit | PendingCall]:
    return list(session.info.get(_PENDING, []))


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    for item in session.info.pop(_PENDING, []):
        try:
            item.send()
        except Exception:  # the write is committed: a realtime hiccup must not turn it into an error
            log.exception("realtime side effect after commit failed")


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)
