"""Which sockets belong to which person, and which staff keep which staffed room open, on every process.

Socket.IO rooms are per socket; our rules are per person. This registry maps a user to their live
socket ids, so the server can move all of a person's sockets in or out of a room, or leave them out
of one broadcast (blocked and muted people), wherever those sockets are connected.

Each process knows its own sockets exactly (the local tables below). On the embedded default that is
everything. With REDIS_URL the registry is shared through Redis as **leases**: every entry carries an
expiry a few seconds ahead (``PRESENCE_LEASE_SECONDS``), and each process's heartbeat
(``heartbeat``, run every ``LIVE_RIGHTS_SECONDS`` by ``core/live_rights.py``) writes all of its own
entries again. So:

- a process that dies without running its disconnect handlers (a crash, or gunicorn killing a
  worker after its graceful timeout) leaves nothing behind once its leases run out: a staffed youth
  room is open only while a live lease says a DBS-checked member of staff is there (PRODUCT.md 2.2);
- after Redis restarts or loses its data, every process's next heartbeat rebuilds the registry.

Where presence is unknown the safety rules fail closed: a Redis error means no staff are present
(the room closes), and ``sids_of`` raises ``PresenceUnknown`` rather than answer with a partial list
(a muted person's socket left out of the list would receive the message). The registry is partial
after Redis lost its data and before every live process has heartbeated again; a reader notices
because a process it saw alive at its own last heartbeat, whose lease has not run out, is missing
from the registry's list of processes (each heartbeat writes a process's entries and its own name in
one transaction, so a process that is listed has all its entries there), or because its own
heartbeat has been failing (an outage: it cannot know what the others did meanwhile).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, current_app

from backend.core.db import db
from backend.core.errors import ServiceUnavailable
from backend.extensions import socketio

log = logging.getLogger(__name__)
_KEY = "presence"
DEFAULT_LEASE_SECONDS = 10.0


class PresenceUnknown(ServiceUnavailable):
    """The shared registry cannot say who is connected right now (Redis unreachable, or rebuilding)."""

    message = "Live updates are catching up; try again in a few seconds"


class LocalSockets:
    """This process's own sockets and staff presence: always exact, whatever Redis is doing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users: dict[str, int] = {}  # sid -> user id
        self._sids: dict[int, set[str]] = defaultdict(set)  # user id -> sids
        self._staff: dict[int, set[str]] = defaultdict(set)  # room id -> sids of staff in it

    def add(self, user_id: int, sid: str) -> None:
        with self._lock:
            self._users[sid] = user_id
            self._sids[user_id].add(sid)

    def remove(self, user_id: int, sid: str) -> None:
        with self._lock:
            self._users.pop(sid, None)
            self._sids[user_id].discard(sid)
            if not self._sids[user_id]:
                del self._sids[user_id]
            for room_id in [r for r, sids in self._staff.items() if sid in sids]:
                self._drop_staff(room_id, sid)

    def local_sids(self, user_ids: Iterable[int]) -> list[str]:
        with self._lock:
            return [sid for uid in user_ids for sid in self._sids.get(uid, ())]

    def local_sockets(self) -> dict[str, int]:
        """sid -> user id for every socket connected to this process."""
        with self._lock:
            return dict(self._users)

    def staff_add(self, room_id: int, sid: str) -> None:
        with self._lock:
            self._staff[room_id].add(sid)

    def staff_remove(self, room_id: int, sid: str) -> None:
        with self._lock:
            self._drop_staff(room_id, sid)

    def _drop_staff(self, room_id: int, sid: str) -> None:
        self._staff[room_id].discard(sid)
        if not self._staff[room_id]:
            del self._staff[room_id]

    def local_staff(self, room_id: int) -> bool:
        with self._lock:
            return bool(self._staff.get(room_id))

    def _snapshot(self) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
        with self._lock:
            return (
                {u: set(s) for u, s in self._sids.items()},
                {r: set(s) for r, s in self._staff.items()},
            )


class MemoryRegistry(LocalSockets):
    """One process: its own sockets are all the sockets there are."""

    def sids(self, user_ids: Iterable[int]) -> list[str]:
        return self.local_sids(user_ids)

    def staff_present(self, room_id: int) -> bool:
        return self.local_staff(room_id)

    def heartbeat(self) -> None:
        return None


class RedisRegistry(LocalSockets):
    """Leased entries in Redis sorted sets (member: a sid; score: when its lease runs out)."""

    def __init__(
        self,
        url: str,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        clock: Callable[[], float] = time.time,
        prefix: str = "kinship:",
    ) -> None:
        import redis

        super().__init__()
        self.PREFIX = f"{prefix}presence"  # the deployment's own keys (DEPLOYMENT_NAME)
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._error = redis.RedisError
        self.lease = float(lease_seconds)
        self.clock = clock
        self.node = uuid.uuid4().hex  # this process, for as long as it lives
        # Processes seen alive at this process's last heartbeat, with when their leases run out.
        self._known: dict[str, float] = {}
        # Since when this process's heartbeats have failed (None: the last one worked).
        self._blind_since: float | None = None

    def _sids_key(self, user_id: int) -> str:
        return f"{self.PREFIX}:sids:{user_id}"

    def _staff_key(self, room_id: int) -> str:
        return f"{self.PREFIX}:staff:{room_id}"

    @property
    def _nodes_key(self) -> str:
        return f"{self.PREFIX}:nodes"

    def _lease(self, key: str, member: str) -> None:
        pipe = self._redis.pipeline(transaction=False)
        pipe.zadd(key, {member: self.clock() + self.lease})
        pipe.expire(key, int(self.lease) + 1)
        pipe.execute()

    def _best_effort(self, what: str, fn: Callable[[], Any]) -> None:
        """Write through to Redis now; if Redis is down, the heartbeat writes it once Redis is back."""
        try:
            fn()
        except self._error:
            log.warning("presence: Redis unavailable; %s waits for the next heartbeat", what)

    def add(self, user_id: int, sid: str) -> None:
        super().add(user_id, sid)
        self._best_effort("a new socket", lambda: self._lease(self._sids_key(user_id), sid))

    def remove(self, user_id: int, sid: str) -> None:
        super().remove(user_id, sid)
        self._best_effort("a closed socket", lambda: self._redis.zrem(self._sids_key(user_id), sid))

    def staff_add(self, room_id: int, sid: str) -> None:
        super().staff_add(room_id, sid)
        self._best_effort("staff presence", lambda: self._lease(self._staff_key(room_id), sid))

    def staff_remove(self, room_id: int, sid: str) -> None:
        super().staff_remove(room_id, sid)
        self._best_effort("staff leaving", lambda: self._redis.zrem(self._staff_key(room_id), sid))

    def staff_present(self, room_id: int) -> bool:
        """Open only while a live lease says so; unknown (Redis error) counts as nobody there."""
        if self.local_staff(room_id):
            return True
        try:
            return bool(self._redis.zcount(self._staff_key(room_id), self.clock(), "+inf"))
        except self._error:
            log.warning("presence: Redis unavailable; staffed room %s counts as closed", room_id)
            return False

    def sids(self, user_ids: Iterable[int]) -> list[str]:
        """Every live socket of these people on every process; ``PresenceUnknown`` rather than a list
        that may be missing some."""
        ids = list(user_ids)
        local = self.local_sids(ids)
        now = self.clock()
        try:
            pipe = self._redis.pipeline(transaction=False)
            pipe.zrangebyscore(self._nodes_key, now, "+inf")
            for uid in ids:
                pipe.zrangebyscore(self._sids_key(uid), now, "+inf")
            alive, *members = pipe.execute()
        except self._error as exc:
            raise PresenceUnknown() from exc
        listed = {n.decode() for n in alive}
        lost = [n for n, expires in self._known.items() if expires > now and n not in listed]
        if lost or self._blind_since is not None:
            # Redis lost its data since our last heartbeat: those processes' sockets are missing
            # until they heartbeat again (within LIVE_RIGHTS_SECONDS).
            raise PresenceUnknown()
        remote = {sid.decode() for found in members for sid in found}
        return sorted(remote.union(local))

    def heartbeat(self) -> None:
        """Renew (or, after Redis lost them, rebuild) every lease of this process, in one transaction,
        then learn which processes are alive. Raises the Redis error when Redis is unreachable."""
        users, staff = self._snapshot()
        now = self.clock()
        expires = now + self.lease
        ttl = int(self.lease) + 1
        pipe = self._redis.pipeline(transaction=True)
        for user_id, sids in users.items():
            key = self._sids_key(user_id)
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.zadd(key, dict.fromkeys(sids, expires))
            pipe.expire(key, ttl)
        for room_id, sids in staff.items():
            key = self._staff_key(room_id)
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.zadd(key, dict.fromkeys(sids, expires))
            pipe.expire(key, ttl)
        pipe.zremrangebyscore(self._nodes_key, "-inf", now)
        pipe.zadd(self._nodes_key, {self.node: expires})
        pipe.expire(self._nodes_key, ttl)
        pipe.zrangebyscore(self._nodes_key, now, "+inf", withscores=True)
        try:
            *_, alive = pipe.execute()
        except self._error:
            if self._blind_since is None:
                self._blind_since = now
            raise
        # A process known before stays expected until its last lease runs out, even if it is missing
        # now (Redis lost it, and it has not heartbeated since): until then the registry is partial.
        # After an outage (we could not watch the others renew) whoever was alive when we lost sight
        # stays expected for one more lease.
        if self._blind_since is not None:
            blind_since, self._blind_since = self._blind_since, None
            known = {n: max(e, now + self.lease) for n, e in self._known.items() if e > blind_since}
        else:
            known = {n: e for n, e in self._known.items() if e > now}
        known.update((n.decode(), float(score)) for n, score in alive)
        self._known = known


def init_app(app: Flask) -> None:
    url = app.config["REDIS_URL"]
    lease = float(app.config.get("PRESENCE_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))
    app.extensions[_KEY] = (
        RedisRegistry(url, lease, prefix=app.config["REDIS_PREFIX"]) if url else MemoryRegistry()
    )


def registry(app: Flask | None = None) -> Any:
    return (app or current_app).extensions[_KEY]


def connected(user_id: int, sid: str) -> None:
    registry().add(user_id, sid)


def disconnected(user_id: int, sid: str) -> None:
    registry().remove(user_id, sid)


def sids_of(user_ids: Iterable[int]) -> list[str]:
    """Every live socket of these people, on every process. Raises ``PresenceUnknown`` (a 503) when
    that cannot be known: callers that hide content from these people must then not broadcast."""
    return list(registry().sids(user_ids))


def local_sockets() -> dict[str, int]:
    """sid -> user id of the sockets connected to this process."""
    return dict(registry().local_sockets())


def local_sids_of(user_id: int) -> list[str]:
    return list(registry().local_sids([user_id]))


def staff_arrived(room_id: int, sid: str) -> None:
    """A DBS-checked member of staff is in a staffed room: it is open while one is."""
    registry().staff_add(room_id, sid)


def staff_left(room_id: int, sid: str) -> None:
    registry().staff_remove(room_id, sid)


def staff_present(room_id: int) -> bool:
    return bool(registry().staff_present(room_id))


def heartbeat(app: Flask | None = None) -> None:
    registry(app).heartbeat()


def _room_change(user_id: int, room: str, enter: bool, namespace: str) -> None:
    manager = socketio.server.manager if socketio.server else None
    if manager is None:
        return
    sids = set(local_sids_of(user_id))  # this process's, always known
    try:
        sids.update(sids_of([user_id]))
    except PresenceUnknown:
        # Other processes converge through the rights sweep (core/live_rights.py), which re-checks
        # every socket of a person whose rights changed against the same walls.
        log.warning("presence unknown: room change for other processes left to the rights sweep")
    for sid in sids:
        if enter:
            manager.enter_room(sid, namespace, room)
        else:
            manager.leave_room(sid, namespace, room)


def enter_room_after_commit(user_id: int, room: str, namespace: str = "/") -> None:
    """Put all of a person's sockets in a room once their membership is committed."""
    _after_commit(lambda: _room_change(user_id, room, True, namespace))


def leave_room_after_commit(user_id: int, room: str, namespace: str = "/") -> None:
    """Take all of a person's sockets out of a room once their membership has ended."""
    _after_commit(lambda: _room_change(user_id, room, False, namespace))


def _after_commit(fn: Any) -> None:
    from backend.core.realtime import call_after_commit

    call_after_commit(fn, db.session)
