"""Rights are live: open sockets follow their owner's rights as they change, on every process.

A socket is let into a room (``room:<id>`` for chat, ``group:<id>`` for a group's live updates) by a
wall; the same wall must keep it there. Any change to what a person may see (vetting recorded or
cleared, persona changed, suspension or deletion, a membership ended, turning 18) raises the
person's ``users.rights_version`` in the same transaction (``rights_changed``). Then:

- at once, after the commit, the process that made the change re-checks its own sockets of that
  person;
- every process's timer (``sweep``, every ``LIVE_RIGHTS_SECONDS``) reads the versions of the people
  whose sockets it holds, in one query against the app database, and re-checks the sockets whose
  owner's version moved. It depends on nothing but the database and the process's own socket
  table, so it converges within seconds even while Redis is down or has lost the shared registry.
- A DBS check also lapses with no write at all, when its renewal date arrives: the sweep re-checks
  every socket at the first pass of each (UTC) day and every ``LIVE_RIGHTS_FULL_SECONDS``.

A re-check runs, for each room the socket is in, the wall function its feature registered with
``room_wall`` (the one that decided the join); a room the wall now refuses is left, and an account
no longer active is disconnected. PRODUCT.md section 3: "every role and rights change takes effect
at once, on open connections too".

The same timer renews this process's presence leases (``presence.heartbeat``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select, update

from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.auth import live as sign_in_live
from backend.core import presence
from backend.core.db import db
from backend.core.realtime import call_after_commit
from backend.extensions import socketio
from backend.groups import service as groups

log = logging.getLogger(__name__)
NAMESPACE = "/"
_STATE = "live_rights"
_BATCH = 500  # ids per version query

# room prefix -> wall(user, target id, sid) -> may the socket stay in "<prefix>:<target id>"
Wall = Callable[[User, int, str], bool]
_walls: dict[str, Wall] = {}


def register(app: Flask) -> None:
    """The changes of rights this module follows (called by ``create_app``; the timer starts with
    ``start`` once the app is ready)."""
    accounts.on_rights_changed(_account_rights_changed)
    accounts.on_turned_18(_turned_18)
    groups.on_membership_ended(_membership_ended)


def room_wall(prefix: str) -> Callable[[Wall], Wall]:
    """Register the wall that keeps sockets in the rooms named ``<prefix>:<id>``. It must be the
    function (or call the function) that decided the join; it may tidy up (staff presence) when it
    answers no."""

    def register(fn: Wall) -> Wall:
        _walls[prefix] = fn
        return fn

    return register


class _State:
    """What this process has checked: sid -> the owner's rights version at that check."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked: dict[str, int | None] = {}
        self.full_at = time.monotonic()
        self.full_day: date | None = None


def _state(app: Flask | None = None) -> _State:
    return (app or current_app).extensions.setdefault(_STATE, _State())  # type: ignore[no-any-return]


# --- a change of rights ------------------------------------------------------------------------


def rights_changed(user_ids: Iterable[int]) -> None:
    """Called inside the transaction that changes what these people may see."""
    ids = sorted(set(user_ids))
    if not ids:
        return
    db.session.execute(
        update(User)
        .where(User.id.in_(ids))
        .values(rights_version=User.rights_version + 1)
        .execution_options(synchronize_session=False)
    )
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def recheck_now() -> None:
        with app.app_context():  # a fresh session: the committed one can run no more SQL
            recheck(ids)

    call_after_commit(recheck_now)


def _account_rights_changed(user: User) -> None:
    rights_changed([user.id])


def _turned_18(user: User) -> None:
    rights_changed([user.id])


def _membership_ended(user_id: int, group_id: int) -> None:
    rights_changed([user_id])


# --- re-checking this process's sockets ------------------------------------------------------------


def recheck(user_ids: Iterable[int] | None = None) -> int:
    """Re-check this process's sockets (of these people, or all) against the walls, now. Returns how
    many sockets lost a room or were disconnected."""
    sockets = presence.local_sockets()
    if user_ids is not None:
        wanted = set(user_ids)
        sockets = {sid: uid for sid, uid in sockets.items() if uid in wanted}
    return _recheck_sockets(sockets)


def _recheck_sockets(sockets: dict[str, int]) -> int:
    server = socketio.server
    if server is None or not sockets:
        return 0
    users = {u.id: u for u in _load(User, set(sockets.values()))}
    changed = 0
    for sid, user_id in sockets.items():
        try:
            changed += _recheck_socket(server, sid, user_id, users.get(user_id))
        except Exception:  # one socket's failure must not leave the others unchecked
            db.session.rollback()
            log.exception("live rights: re-checking a socket failed; disconnecting it")
            _disconnect(server, sid, user_id)  # fail closed
            changed += 1
    return changed


def _load(model: Any, ids: set[int]) -> list[Any]:
    out: list[Any] = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), _BATCH):
        out.extend(db.session.scalars(select(model).where(model.id.in_(ordered[start : start + _BATCH]))))
    return out


def _disconnect(server: Any, sid: str, user_id: int) -> None:
    server.disconnect(sid, namespace=NAMESPACE)  # runs the disconnect handlers (staff presence...)
    presence.disconnected(user_id, sid)  # and forgets it even if they could not run


def _recheck_socket(server: Any, sid: str, user_id: int, user: User | None) -> int:
    manager = server.manager
    if not (manager.is_connected(sid, NAMESPACE) or manager.is_pre_connected(sid, NAMESPACE)):
        presence.disconnected(user_id, sid)  # gone, though its disconnect handler never ran
        return 0
    if user is None or not user.is_active:
        _disconnect(server, sid, user_id)
        return 1
    lost = 0
    for room in _rooms_of(server, sid):
        prefix, _, target = str(room).partition(":")
        wall = _walls.get(prefix)
        if wall is None or not target.isdigit():
            continue  # the socket's own rooms (its sid, user:<id>) are not behind a wall
        if not wall(user, int(target), sid):
            server.leave_room(sid, room, namespace=NAMESPACE)
            lost = 1
    return lost


_ROOM_WALKS = 5  # tries at listing a socket's rooms before the re-check fails closed


def _rooms_of(server: Any, sid: str) -> list[str]:
    """The socket's rooms. python-socketio's ``get_rooms`` walks the namespace's whole room table,
    which a join or leave on another thread can change mid-walk ("dictionary changed size during
    iteration"). That race is no reason to disconnect a healthy socket (a sweep while a thousand
    sockets connected did, once in B9), so the walk is tried again; only a table that never stops
    changing gets to the caller's fail-closed path."""
    for _ in range(_ROOM_WALKS - 1):
        try:
            return list(server.manager.get_rooms(sid, NAMESPACE))
        except RuntimeError:
            continue
    return list(server.manager.get_rooms(sid, NAMESPACE))


def socket_joined(sid: str) -> None:
    """A socket just entered a room behind a wall: the next sweep checks it again, so a rights change
    committed between the join's check and the socket entering the room is not missed."""
    _state().checked.pop(sid, None)


def sweep(app: Flask | None = None) -> int:
    """One timer pass: re-check the sockets whose owner's rights version moved since they were last
    checked (all of them at the first pass of a day and every ``LIVE_RIGHTS_FULL_SECONDS``)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    state = _state(app)
    sockets = presence.local_sockets()
    with state.lock:
        for gone in set(state.checked) - set(sockets):
            del state.checked[gone]
        if not sockets:
            return 0
        versions: dict[int, int] = {}
        ordered = sorted(set(sockets.values()))
        for start in range(0, len(ordered), _BATCH):
            rows = db.session.execute(
                select(User.id, User.rights_version).where(User.id.in_(ordered[start : start + _BATCH]))
            )
            versions.update((user_id, version) for user_id, version in rows)
        today = accounts.today()
        full = state.full_day != today or time.monotonic() - state.full_at >= float(
            app.config.get("LIVE_RIGHTS_FULL_SECONDS", 300)
        )
        if full:
            state.full_day, state.full_at = today, time.monotonic()
        due = {
            sid: uid
            for sid, uid in sockets.items()
            if full or sid not in state.checked or state.checked[sid] != versions.get(uid)
        }
        # The version read before the check: a change committed during it is seen at the next pass.
        for sid, uid in due.items():
            state.checked[sid] = versions.get(uid)
    return _recheck_sockets(due)


# --- the timer ------------------------------------------------------------------------------------


def tick(app: Flask) -> None:
    """One pass of this process's timer: renew the presence leases, sweep rights, then sweep
    sign-ins (sockets whose sign-in ended on another process or whose access token expired while
    they only listened, backend/auth/live.py). Each step runs whatever happened to the others (a
    Redis outage must not stop the database-driven sweeps)."""
    try:
        presence.heartbeat(app)
    except Exception:
        log.warning("presence heartbeat failed (Redis unavailable?); retrying next pass", exc_info=True)
    try:
        with app.app_context():
            sweep(app)
    except Exception:
        log.exception("live rights sweep failed; retrying next pass")
    try:
        with app.app_context():
            sign_in_live.sweep_local_sockets()
    except Exception:
        log.exception("sign-in sweep failed; retrying next pass")


def start(app: Flask) -> threading.Event | None:
    """Start this process's timer thread (a daemon); set the returned event to stop it."""
    period = float(app.config.get("LIVE_RIGHTS_SECONDS", 2))
    if period <= 0:
        return None
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(period):
            tick(app)

    threading.Thread(target=loop, name="live-rights", daemon=True).start()
    app.extensions["live_rights_timer"] = stop
    return stop
