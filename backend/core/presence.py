"""Which sockets belong to which person, on every server process.

Socket.IO rooms are per socket; our rules are per person. This registry maps a user to their live
socket ids (in memory on the embedded default, in Redis when REDIS_URL is set, so every process
sees every socket). With it the server can move all of a person's sockets in or out of a room, or
leave them out of one broadcast (blocked and muted people), wherever those sockets are connected;
the Socket.IO message queue carries the room changes to the other processes.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from flask import Flask, current_app

from backend.core.db import db
from backend.extensions import socketio

_KEY = "presence"


class MemoryRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sids: dict[int, set[str]] = defaultdict(set)
        self._staff: dict[int, set[str]] = defaultdict(set)

    def staff_add(self, room_id: int, sid: str) -> None:
        with self._lock:
            self._staff[room_id].add(sid)

    def staff_remove(self, room_id: int, sid: str) -> None:
        with self._lock:
            self._staff[room_id].discard(sid)

    def staff_present(self, room_id: int) -> bool:
        with self._lock:
            return bool(self._staff.get(room_id))

    def add(self, user_id: int, sid: str) -> None:
        with self._lock:
            self._sids[user_id].add(sid)

    def remove(self, user_id: int, sid: str) -> None:
        with self._lock:
            self._sids[user_id].discard(sid)
            if not self._sids[user_id]:
                del self._sids[user_id]

    def sids(self, user_ids: Iterable[int]) -> list[str]:
        with self._lock:
            return [sid for uid in user_ids for sid in self._sids.get(uid, ())]


class RedisRegistry:
    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._prefix = prefix

    def _key(self, user_id: int) -> str:
        return f"{self._prefix}sids:{user_id}"

    def _staff_key(self, room_id: int) -> str:
        return f"{self._prefix}staff:{room_id}"

    def staff_add(self, room_id: int, sid: str) -> None:
        self._redis.sadd(self._staff_key(room_id), sid)

    def staff_remove(self, room_id: int, sid: str) -> None:
        self._redis.srem(self._staff_key(room_id), sid)

    def staff_present(self, room_id: int) -> bool:
        return bool(self._redis.scard(self._staff_key(room_id)))

    def add(self, user_id: int, sid: str) -> None:
        self._redis.sadd(self._key(user_id), sid)

    def remove(self, user_id: int, sid: str) -> None:
        self._redis.srem(self._key(user_id), sid)

    def sids(self, user_ids: Iterable[int]) -> list[str]:
        ids = list(user_ids)
        if not ids:
            return []
        pipe = self._redis.pipeline()
        for uid in ids:
            pipe.smembers(self._key(uid))
        return [sid.decode() for members in pipe.execute() for sid in members]


def init_app(app: Flask) -> None:
    url = app.config["REDIS_URL"]
    app.extensions[_KEY] = RedisRegistry(url, app.config["REDIS_PREFIX"]) if url else MemoryRegistry()


def registry(app: Flask | None = None) -> Any:
    return (app or current_app).extensions[_KEY]


def connected(user_id: int, sid: str) -> None:
    registry().add(user_id, sid)


def disconnected(user_id: int, sid: str) -> None:
    registry().remove(user_id, sid)


def sids_of(user_ids: Iterable[int]) -> list[str]:
    return registry().sids(user_ids)


def staff_arrived(room_id: int, sid: str) -> None:
    """A DBS-checked member of staff is in a staffed room: it is open while one is."""
    registry().staff_add(room_id, sid)


def staff_left(room_id: int, sid: str) -> None:
    registry().staff_remove(room_id, sid)


def staff_present(room_id: int) -> bool:
    return bool(registry().staff_present(room_id))


def _room_change(user_id: int, room: str, enter: bool, namespace: str) -> None:
    manager = socketio.server.manager if socketio.server else None
    if manager is None:
        return
    for sid in sids_of([user_id]):
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
