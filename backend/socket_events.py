"""Socket.IO connection handling on the default namespace.

Clients connect with ``auth={"token": access_token}``; a token anywhere else (such as the URL) is
ignored. Each connection joins a private room ``user:<id>`` so the server can reach all of one
person's sockets, and is bound to its sign-in (the token's family and expiry, ``backend/auth/live.py``):
every event re-reads the account and that sign-in, so a suspended account, a revoked sign-in or an
expired token is refused at its next event even on another process. Before its token expires a
client sends ``auth`` with a fresh one.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any, cast

from flask import Flask, current_app, request, session
from flask_socketio import ConnectionRefusedError, emit, join_room, leave_room
from marshmallow import Schema, ValidationError
from sqlalchemy import Row, String, Table, and_, bindparam, inspect, select
from sqlalchemy.orm import make_transient_to_detached

from backend.accounts import service as accounts
from backend.accounts.models import Family, User
from backend.auth import live, tokens
from backend.auth.models import TokenFamily
from backend.core import deadline, json_input, outages, presence, socket_rates, sockets
from backend.core.db import db
from backend.core.errors import ApiError, Unauthorized, error_body
from backend.core.realtime import call_after_commit, user_room
from backend.core.schemas import LoadSchema, text
from backend.extensions import socketio

log = logging.getLogger(__name__)


def authenticate_socket(auth: Any) -> tuple[User, live.SocketSignIn]:
    token = auth.get("token") if isinstance(auth, dict) else None
    if not isinstance(token, str) or not token:
        raise ConnectionRefusedError("authentication required")
    try:
        return _signed_in(token)
    except Unauthorized as exc:
        raise ConnectionRefusedError("authentication required") from exc


def _signed_in(token: str) -> tuple[User, live.SocketSignIn]:
    """The active account behind an access token and the sign-in it belongs to, or ``Unauthorized``."""
    user = accounts.authenticate_access_token(token)  # every check: signature, expiry, live family
    claims = tokens.verify_access_token(token)
    assert claims.family_id is not None  # authenticate_access_token refuses a token without one
    return user, live.SocketSignIn(user.id, claims.family_id, claims.expires_at)


# Every event re-reads the account (and its family: screening a carer's message needs to know the
# family is verified; and the socket's sign-in: revoked means signed out) as one plain row. The
# event's objects are copies of detached ones built from that row; they are built again only when
# the row differs from what this socket last saw (suspended, muted, renamed, turned 18, family
# verified...), so an unchanged account costs one plain read and no object loading.
_USERS = cast(Table, User.__table__)
_FAMILIES = cast(Table, Family.__table__)
_SIGN_INS = cast(Table, TokenFamily.__table__)
_ACCOUNT_ROW = (
    select(
        _USERS,
        _FAMILIES,
        _SIGN_INS.c.id.label("sign_in_id"),
        _SIGN_INS.c.revoked_at.label("sign_in_revoked_at"),
    )
    .outerjoin(_FAMILIES, _FAMILIES.c.id == _USERS.c.family_id)
    .outerjoin(
        _SIGN_INS,
        and_(_SIGN_INS.c.id == bindparam("family_id", type_=String), _SIGN_INS.c.user_id == _USERS.c.id),
    )
    .where(_USERS.c.id == bindparam("user_id"))
)
# sid -> (the account's row as the socket last saw it, detached objects built from that row).
_seen: dict[str, tuple[Row[Any], User]] = {}


def socket_user() -> User | None:
    """The account behind this socket, as it is now, if it and the socket's sign-in are still live."""
    user, _ = socket_account()
    return user


def socket_account() -> tuple[User | None, str | None]:
    """The account behind this socket as it is now, or why its sign-in is over (``live`` reasons)."""
    sid = str(request.sid)  # type: ignore[attr-defined]
    sign_in = live.sign_in_of(sid)
    if sign_in is None or session.get("user_id") != sign_in.user_id:
        return None, live.SIGNED_OUT
    row = db.session.execute(
        _ACCOUNT_ROW, {"user_id": sign_in.user_id, "family_id": sign_in.family_id}
    ).first()
    reason = live.sign_in_ended(
        account_status=row.status if row is not None else None,
        family_revoked=row is None or row.sign_in_id is None or row.sign_in_revoked_at is not None,
        expires_at=sign_in.expires_at,
        now=time.time(),
    )
    if row is None or reason is not None:
        return None, reason or live.ACCOUNT_CLOSED
    seen = _seen.get(sid)
    if seen is None or seen[0] != row:
        seen = _seen[sid] = (row, _detached_copy(row))
    # load=False: the session's copy takes the attributes as they are, with no SQL (the row just
    # read says they are current).
    return db.session.merge(seen[1], load=False), None


def _detached_copy(row: Row[Any]) -> User:
    """Objects built from the account's row, as if just loaded and then detached from their session."""
    values = row._mapping
    user = User(**{a.key: values[_USERS.c[a.columns[0].name]] for a in inspect(User).column_attrs})
    family = None
    if user.family_id is not None:
        family = Family(
            **{a.key: values[_FAMILIES.c[a.columns[0].name]] for a in inspect(Family).column_attrs}
        )
        make_transient_to_detached(family)
    user.family = family
    make_transient_to_detached(user)
    return user


def on_connect(auth: Any = None) -> None:
    """Any client connects with ``auth={"token": ...}``; refused without a valid token."""
    user, sign_in = authenticate_socket(auth)
    if not socket_rates.within_rate("connect", user.id):
        db.session.rollback()
        raise ConnectionRefusedError("too many connections; try again in a minute")
    session["user_id"] = user.id
    live.bind(str(request.sid), sign_in)  # type: ignore[attr-defined]
    join_room(live.family_room(sign_in.family_id))
    join_room(user_room(user.id))
    presence.connected(user.id, request.sid)  # type: ignore[attr-defined]
    for hook in _connect_hooks:
        hook(user)


def on_malformed_event(*_ignored: Any) -> dict[str, Any]:
    """A client event whose JSON did not decode within bounds -> ack 400; no other handler ran."""
    return error_body(400, "Malformed JSON payload", {"json": ["The payload is not valid JSON."]})


def on_disconnect(reason: Any = None) -> None:
    """A socket went away: forget it, and let features tidy up (staff presence in youth rooms)."""
    user_id = session.get("user_id")
    sid = str(request.sid)  # type: ignore[attr-defined]
    _seen.pop(sid, None)
    live.forget(sid)
    if isinstance(user_id, int):
        presence.disconnected(user_id, sid)
        for hook in _disconnect_hooks:
            hook(user_id, sid)


_connect_hooks: list[Callable[[User], None]] = []
_disconnect_hooks: list[Callable[[int, str], None]] = []


def on_socket_connect(fn: Callable[[User], None]) -> Callable[[User], None]:
    """Features join a new socket to the rooms its person belongs to (group live updates)."""
    if fn not in _connect_hooks:  # a feature's register(app) runs once per app
        _connect_hooks.append(fn)
    return fn


def on_socket_disconnect(fn: Callable[[int, str], None]) -> Callable[[int, str], None]:
    """Features tidy up after a socket went away (staff presence in youth rooms)."""
    if fn not in _disconnect_hooks:
        _disconnect_hooks.append(fn)
    return fn


def _disconnect_everywhere(user_id: int) -> None:
    server = socketio.server
    if server is None:
        return
    server.emit(live.SIGNED_OUT_EVENT, {"reason": live.ACCOUNT_CLOSED}, to=user_room(user_id), namespace="/")
    try:
        sids = presence.sids_of([user_id])
    except presence.PresenceUnknown:
        # This process's sockets were closed by the live-rights re-check after the commit; the
        # others' timers close theirs within LIVE_RIGHTS_SECONDS (backend/live_rights.py).
        return
    for sid in sids:
        server.disconnect(sid, namespace="/")  # reaches other processes through the message queue
        presence.disconnected(user_id, sid)


def _sign_out_sockets(user: User) -> None:
    user_id = user.id
    call_after_commit(lambda: _disconnect_everywhere(user_id))


_SIGNED_OUT_MESSAGES = {
    live.EXPIRED: "Your sign-in has expired: connect again with a fresh access token",
    live.SIGNED_OUT: "You have been signed out",
    live.ACCOUNT_CLOSED: "Authentication required",
}


# How long after an event's ack its socket is disconnected, when the event found the sign-in over.
ACK_BEFORE_DISCONNECT_SECONDS = 0.2


def _end_this_socket(reason: str) -> None:
    """Tell the client why (``signed_out``), then disconnect it once the event's 401 ack is out.

    Disconnecting inside the handler would close the connection before python-socketio sends the
    ack (it sends it when the handler returns), and the client would never get an answer. From now
    on the socket has no sign-in here, so anything else it sends meanwhile is refused too."""
    db.session.rollback()
    sid = str(request.sid)  # type: ignore[attr-defined]
    live.forget(sid)
    emit(live.SIGNED_OUT_EVENT, {"reason": reason})
    socketio.start_background_task(_disconnect_after_ack, sid)


def _disconnect_after_ack(sid: str) -> None:
    socketio.sleep(ACK_BEFORE_DISCONNECT_SECONDS)
    if socketio.server is not None:
        socketio.server.disconnect(sid, namespace="/")


def on_auth(payload: Any = None) -> dict[str, Any]:
    """Client re-authenticates its socket with a fresh access token (before the one it connected
    with expires) -> ack {ok, expires_at}; the socket is bound to the new token's sign-in."""
    sid = str(request.sid)  # type: ignore[attr-defined]
    current = live.sign_in_of(sid)
    if current is None:
        _end_this_socket(live.SIGNED_OUT)
        return error_body(401, _SIGNED_OUT_MESSAGES[live.SIGNED_OUT])
    try:
        if not socket_rates.within_rate("auth", current.user_id):
            return error_body(429, "Too many requests; please slow down")
        data = AuthIn().load(payload if payload is not None else {})
        _, sign_in = _signed_in(data["token"])
    except ValidationError as exc:
        return error_body(422, "Invalid request", exc.normalized_messages())  # type: ignore[arg-type]
    except Unauthorized:
        # The socket keeps the sign-in it has (if that is over, its next event or the sweep ends it).
        return error_body(401, "Invalid or expired token")
    except Exception as exc:
        return _failure_ack(exc)
    finally:
        db.session.rollback()  # only reads
    if sign_in.user_id != current.user_id:
        return error_body(403, "A socket stays with the person who opened it: connect a new one")
    previous = live.bind(sid, sign_in)
    if previous is not None and previous.family_id != sign_in.family_id:
        leave_room(live.family_room(previous.family_id))
        join_room(live.family_room(sign_in.family_id))
    return {"ok": True, "expires_at": sign_in.expires_at}


class AuthIn(LoadSchema):
    token = text(4096, required=True)


def handler(schema: Schema | None, *, rate: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a client -> server event like a route: reload the account and its sign-in (refuse an
    ended one), count the event against the person's ``rate`` (``core/socket_rates.py``; every event
    has one), load the payload with a schema, call one service function, and answer the ack with its
    result or the standard error shape. Every step runs under the request deadline
    (backend.core.deadline) and inside the error handling: with a database or Redis down the ack is a
    503, never silence. Nothing raised here ever reaches the client as a stack trace."""
    socket_rates.check_bounded(rate)

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapped(payload: Any = None) -> Any:
            with deadline.within(current_app.config["REQUEST_TIMEOUT"]):
                try:
                    user, ended = socket_account()
                    if user is None:
                        _end_this_socket(ended or live.SIGNED_OUT)
                        return error_body(
                            401, _SIGNED_OUT_MESSAGES.get(ended or "", "Authentication required")
                        )
                    if not socket_rates.within_rate(rate, user.id):
                        db.session.rollback()
                        return error_body(429, "Too many requests; please slow down")
                    data = schema.load(payload if payload is not None else {}) if schema is not None else {}
                    return fn(user, **data)
                except ValidationError as exc:
                    db.session.rollback()
                    return error_body(422, "Invalid request", exc.normalized_messages())  # type: ignore[arg-type]
                except ApiError as exc:
                    db.session.rollback()
                    return error_body(exc.code, exc.message, exc.errors)
                except Exception as exc:
                    return _failure_ack(exc)

        wrapped.rate = rate  # type: ignore[attr-defined]
        return wrapped

    return decorate


def _failure_ack(exc: Exception) -> dict[str, Any]:
    """The ack of an event that raised: 503 when a dependency is down or too slow (the client may
    retry), 500 for anything else."""
    try:
        db.session.rollback()
    except Exception:  # the database may be what failed; the ack must still go out
        log.warning("rollback after a failed socket event failed")
    if outages.is_outage(exc):
        log.error("socket event: dependency unavailable: %s", type(exc).__name__)
        return error_body(503, outages.MESSAGE)
    log.exception("socket event failed")
    return error_body(500, "Internal server error")


def _event_failed(exc: Exception) -> Any:
    """Any socket event, in any namespace, that raised outside ``handler``: its ack is the error.
    A connection attempt that raised (its account could not be read, the socket registry is
    unreachable) is refused with the reason, so the client knows to retry; never left unanswered."""
    event = getattr(request, "event", None) or {}
    if event.get("message") == "connect":
        ack = _failure_ack(exc)
        raise ConnectionRefusedError("unavailable" if ack["code"] == 503 else "server error", ack) from exc
    return _failure_ack(exc)


def register(app: Flask) -> None:
    """What the connection layer installs (called by ``create_app`` before ``socketio.init_app``)."""
    sockets.on("connect", on_connect)
    sockets.on(json_input.MALFORMED_EVENT, on_malformed_event)
    sockets.on("disconnect", on_disconnect)
    sockets.on("auth", on_auth)
    sockets.on_error_default(_event_failed)
    # A suspended or deleted account's sockets are signed out everywhere once the change commits.
    accounts.on_account_closed(_sign_out_sockets)
