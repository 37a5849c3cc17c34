"""Socket.IO connection handling on the default namespace.

Clients connect with ``auth={"token": access_token}``; a token anywhere else (such as the URL) is
ignored. Each connection joins a private room ``user:<id>`` so the server can reach all of one
person's sockets, and remembers only the user id: every event re-reads the account, so a suspended
or deleted account is refused at its next event even on another process.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, cast

from flask import request, session
from flask_socketio import ConnectionRefusedError, disconnect, join_room
from marshmallow import Schema, ValidationError
from sqlalchemy import Row, Table, bindparam, inspect, select
from sqlalchemy.orm import make_transient_to_detached

from backend.accounts import service as accounts
from backend.accounts.models import Family, User
from backend.core import json_input, presence
from backend.core.db import db
from backend.core.errors import ApiError, Unauthorized, error_body
from backend.core.realtime import call_after_commit
from backend.extensions import socketio

log = logging.getLogger(__name__)


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def authenticate_socket(auth: Any) -> User:
    token = auth.get("token") if isinstance(auth, dict) else None
    if not isinstance(token, str) or not token:
        raise ConnectionRefusedError("authentication required")
    try:
        return accounts.authenticate_access_token(token)
    except Unauthorized as exc:
        raise ConnectionRefusedError("authentication required") from exc


# Every event re-reads the account (and its family: screening a carer's message needs to know the
# family is verified) as one plain row, all columns. The event's objects are copies of detached ones
# built from that row; they are built again only when the row differs from what this socket last
# saw (suspended, muted, renamed, turned 18, family verified...), so an unchanged account costs one
# plain read and no object loading.
_USERS = cast(Table, User.__table__)
_FAMILIES = cast(Table, Family.__table__)
_ACCOUNT_ROW = (
    select(_USERS, _FAMILIES)
    .outerjoin(_FAMILIES, _FAMILIES.c.id == _USERS.c.family_id)
    .where(_USERS.c.id == bindparam("user_id"))
)
# sid -> (the account's row as the socket last saw it, detached objects built from that row).
_seen: dict[str, tuple[Row[Any], User]] = {}


def socket_user() -> User | None:
    """The account behind this socket, as it is now, if it is still active."""
    user_id = session.get("user_id")
    if not isinstance(user_id, int):
        return None
    row = db.session.execute(_ACCOUNT_ROW, {"user_id": user_id}).first()
    if row is None:
        return None
    sid = str(request.sid)  # type: ignore[attr-defined]
    seen = _seen.get(sid)
    if seen is None or seen[0] != row:
        seen = _seen[sid] = (row, _detached_copy(row))
    # load=False: the session's copy takes the attributes as they are, with no SQL (the row just
    # read says they are current).
    user = db.session.merge(seen[1], load=False)
    return user if user.is_active else None


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


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    """Any client connects with ``auth={"token": ...}``; refused without a valid token."""
    user = authenticate_socket(auth)
    session["user_id"] = user.id
    join_room(user_room(user.id))
    presence.connected(user.id, request.sid)  # type: ignore[attr-defined]
    for hook in _connect_hooks:
        hook(user)


@socketio.on(json_input.MALFORMED_EVENT)
def on_malformed_event(*_ignored: Any) -> dict[str, Any]:
    """A client event whose JSON did not decode within bounds -> ack 400; no other handler ran."""
    return error_body(400, "Malformed JSON payload", {"json": ["The payload is not valid JSON."]})


@socketio.on("disconnect")
def on_disconnect(reason: Any = None) -> None:
    """A socket went away: forget it, and let features tidy up (staff presence in youth rooms)."""
    user_id = session.get("user_id")
    sid = str(request.sid)  # type: ignore[attr-defined]
    _seen.pop(sid, None)
    if isinstance(user_id, int):
        presence.disconnected(user_id, sid)
        for hook in _disconnect_hooks:
            hook(user_id, sid)


_connect_hooks: list[Callable[[User], None]] = []
_disconnect_hooks: list[Callable[[int, str], None]] = []


def on_socket_connect(fn: Callable[[User], None]) -> Callable[[User], None]:
    """Features join a new socket to the rooms its person belongs to (group live updates)."""
    _connect_hooks.append(fn)
    return fn


def on_socket_disconnect(fn: Callable[[int, str], None]) -> Callable[[int, str], None]:
    _disconnect_hooks.append(fn)
    return fn


def _disconnect_everywhere(user_id: int) -> None:
    server = socketio.server
    if server is None:
        return
    for sid in presence.sids_of([user_id]):
        server.disconnect(sid, namespace="/")  # reaches other processes through the message queue
        presence.disconnected(user_id, sid)


@accounts.on_account_closed
def _sign_out_sockets(user: User) -> None:
    user_id = user.id
    call_after_commit(lambda: _disconnect_everywhere(user_id))


def handler(schema: Schema | None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a client -> server event like a route: reload the account (refuse a closed one), load
    the payload with a schema, call one service function, and answer the ack with its result or the
    standard error shape. Nothing raised here ever reaches the client as a stack trace."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapped(payload: Any = None) -> Any:
            user = socket_user()
            if user is None:
                disconnect()
                return error_body(401, "Authentication required")
            try:
                data = schema.load(payload if payload is not None else {}) if schema is not None else {}
                return fn(user, **data)
            except ValidationError as exc:
                db.session.rollback()
                return error_body(422, "Invalid request", exc.normalized_messages())  # type: ignore[arg-type]
            except ApiError as exc:
                db.session.rollback()
                return error_body(exc.code, exc.message, exc.errors)
            except Exception:
                db.session.rollback()
                log.exception("socket event failed")
                return error_body(500, "Internal server error")

        return wrapped

    return decorate
