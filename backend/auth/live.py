"""A socket lives only as long as the sign-in it was opened with (QUALITY.md: "a socket dies with
its sign-in").

Each socket on ``/`` is bound to its sign-in: the token family of the access token it connected (or
last re-authenticated) with, and that token's expiry. The sign-in ends when the family is revoked
(sign-out at ``/oauth/revoke``, refresh-token reuse, a replayed authorization code, suspension or
deletion of the account) or when the access token expires without the client sending ``auth`` with a
fresh one. Then the socket is told why (``signed_out``) and disconnected:

- on the process that ended the sign-in, at once, after the revocation commits
  (``end_sign_in_after_commit``);
- on every process, at the socket's next event: each event re-reads the account and the family in
  the one statement it already runs (``backend/socket_events.py``), so nothing is sent or synced on
  an ended sign-in, whatever happened to Redis;
- on every process, within ``LIVE_RIGHTS_SECONDS``, for sockets that only listen: a sweep of this
  process's own sockets against the database (``sweep_local_sockets``). It needs no message queue.

The rule itself is one pure function, ``sign_in_ended`` (``sign_in_is_live``), so any sweep of local
sockets (rights, presence) can call it.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from backend.accounts.models import AccountStatus, User
from backend.auth.models import TokenFamily
from backend.core.db import db
from backend.core.realtime import call_after_commit
from backend.extensions import socketio
from moderation import api as moderation

log = logging.getLogger(__name__)

NAMESPACE = "/"
SIGNED_OUT_EVENT = "signed_out"

# Why a socket's sign-in ended, as the client sees it in ``signed_out`` {"reason"}.
EXPIRED = "expired"  # the access token expired: connect again with a fresh one
SIGNED_OUT = "signed_out"  # the sign-in was ended (sign-out, revocation, a stolen token detected)
ACCOUNT_CLOSED = "account_closed"  # the account is suspended or deleted

# Per-family ``revoked_reason`` values that mean the account itself was closed.
_ACCOUNT_CLOSING = frozenset({"suspended", "account_deleted"})


@dataclass(frozen=True, slots=True)
class SocketSignIn:
    user_id: int
    family_id: str
    expires_at: int  # the access token's ``exp``, seconds since the epoch


def sign_in_ended(
    *, account_status: str | None, family_revoked: bool, expires_at: float, now: float
) -> str | None:
    """Why a socket's sign-in is over, or None while it is live. Pure: the caller reads the account's
    status and whether the sign-in's token family is revoked (or missing, or not the account's own:
    ``family_revoked=True``) from the database, and gives the time."""
    if account_status != AccountStatus.ACTIVE:
        return ACCOUNT_CLOSED
    if family_revoked:
        return SIGNED_OUT
    if now >= expires_at:
        return EXPIRED
    return None


def sign_in_is_live(
    *, account_status: str | None, family_revoked: bool, expires_at: float, now: float
) -> bool:
    return (
        sign_in_ended(
            account_status=account_status, family_revoked=family_revoked, expires_at=expires_at, now=now
        )
        is None
    )


def family_room(family_id: str) -> str:
    """Every socket of one sign-in, on every process (the Socket.IO message queue carries emits)."""
    return f"sign_in:{family_id}"


_lock = threading.Lock()


def _sockets() -> dict[str, SocketSignIn]:
    """This process's sockets on ``/`` and their sign-ins (one registry per app)."""
    return current_app.extensions.setdefault("sign_in_sockets", {})  # type: ignore[no-any-return]


def bind(sid: str, sign_in: SocketSignIn) -> SocketSignIn | None:
    """Bind a socket to a sign-in; returns the one it was bound to before, if any."""
    sockets = _sockets()
    with _lock:
        previous = sockets.get(sid)
        sockets[sid] = sign_in
    return previous


def forget(sid: str) -> None:
    sockets = _sockets()
    with _lock:
        sockets.pop(sid, None)


def sign_in_of(sid: str) -> SocketSignIn | None:
    return _sockets().get(sid)


def end_socket(sid: str, reason: str) -> None:
    """Tell one local socket why, then disconnect it (its ``disconnect`` handler tidies up)."""
    server = socketio.server
    forget(sid)
    if server is None:
        return
    server.emit(SIGNED_OUT_EVENT, {"reason": reason}, to=sid, namespace=NAMESPACE)
    server.disconnect(sid, namespace=NAMESPACE)


def end_sign_in(family_id: str, reason: str) -> None:
    """The sign-in is over: tell its sockets everywhere, disconnect the ones on this process now."""
    server = socketio.server
    if server is None:
        return
    # Through the message queue, the client of a socket on another process learns at once; that
    # process disconnects it at its next event or sweep.
    server.emit(SIGNED_OUT_EVENT, {"reason": reason}, to=family_room(family_id), namespace=NAMESPACE)
    with _lock:
        sids = [sid for sid, s in _sockets().items() if s.family_id == family_id]
    for sid in sids:
        forget(sid)
        server.disconnect(sid, namespace=NAMESPACE)


def reason_for_revocation(revoked_reason: str | None) -> str:
    return ACCOUNT_CLOSED if revoked_reason in _ACCOUNT_CLOSING else SIGNED_OUT


def end_sign_in_after_commit(family_id: str, revoked_reason: str) -> None:
    """Once the revocation commits (and only if it does), end the sign-in's sockets."""
    reason = reason_for_revocation(revoked_reason)
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def end() -> None:
        # A fresh app context, so a fresh session: the one that just committed can run no more SQL,
        # and the disconnect handlers (staff presence) may need some.
        with app.app_context():
            end_sign_in(family_id, reason)
            # /moderation sockets are re-checked with the token they connected with: this process's
            # at once, other processes' at their next timer pass (moderation/realtime.py).
            moderation.recheck_moderator_sockets()

    call_after_commit(end, db.session)


def sweep_local_sockets(now: float | None = None) -> int:
    """Disconnect this process's sockets whose sign-in has ended (revoked on another process,
    expired while only listening, account closed); returns how many. One statement per 500 sockets."""
    server = socketio.server
    if server is None:
        return 0
    with _lock:
        entries = list(_sockets().items())
    # A socket that went away without its disconnect handler running is only forgotten. One still in
    # its connect handler (bound already, not yet connected: "pre-connected") is kept for the next
    # sweep; forgetting it would refuse its first event as signed out (2 of 1,000 in benchmark B9).
    manager = server.manager
    for sid, _ in entries:
        if not (manager.is_connected(sid, NAMESPACE) or manager.is_pre_connected(sid, NAMESPACE)):
            forget(sid)
    entries = [(sid, s) for sid, s in entries if manager.is_connected(sid, NAMESPACE)]
    if not entries:
        return 0
    now = time.time() if now is None else now
    state: dict[str, tuple[int, datetime | None, str]] = {}
    family_ids = sorted({s.family_id for _, s in entries})
    for start in range(0, len(family_ids), 500):
        rows = db.session.execute(
            select(TokenFamily.id, TokenFamily.user_id, TokenFamily.revoked_at, User.status)
            .join(User, User.id == TokenFamily.user_id)
            .where(TokenFamily.id.in_(family_ids[start : start + 500]))
        )
        state.update({row[0]: (row[1], row[2], row[3]) for row in rows})
    db.session.rollback()  # a read: end the transaction before any disconnect handler runs
    ended = 0
    for sid, sign_in in entries:
        found = state.get(sign_in.family_id)
        ours = found is not None and found[0] == sign_in.user_id
        reason = sign_in_ended(
            account_status=found[2] if ours and found else None,
            family_revoked=not ours or (found is not None and found[1] is not None),
            expires_at=sign_in.expires_at,
            now=now,
        )
        if reason is not None and sign_in_of(sid) == sign_in:  # not re-authenticated meanwhile
            end_socket(sid, reason)
            ended += 1
    return ended
