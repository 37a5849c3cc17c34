"""The Socket.IO message queue on Redis, which recovers within seconds and tells clients to resync.

Scaled out, every emit goes through Redis pub/sub, and each process delivers to its own sockets what
its listener hears. python-socketio's ``RedisManager`` re-subscribes after a failure on a backoff that
grows to 60 s, while publishing works again at once: for up to a minute after Redis returned, a
process's sockets silently missed what other processes sent. Pub/sub keeps nothing, so whatever was
published while a listener was away (or failed to publish) is lost to its sockets for good.

``RecoveringRedisManager`` therefore:

- re-subscribes every ``RETRY_SECONDS`` (1 s) while Redis is away;
- pings on its subscription every ``PING_SECONDS`` and treats ``SILENT_SECONDS`` without an answer
  as a failure, so a frozen Redis (connections open, nothing answering) is noticed too, not only a
  closed connection;
- after any failure, its own or a failed publish, once the subscription answers again, sends
  ``resync`` to every socket of this process: the client calls ``sync`` from the last ``seq`` it
  has per room and gets exactly what it missed from the database (docs/realtime.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from typing import Any

import redis
import socketio
from flask import Flask

log = logging.getLogger(__name__)

RESYNC_EVENT = "resync"


class RecoveringRedisManager(socketio.RedisManager):  # type: ignore[misc]
    RETRY_SECONDS = 1.0
    PING_SECONDS = 1.0
    SILENT_SECONDS = 3.0

    def __init__(self, url: str, *, channel: str, connect_timeout: float, socket_timeout: float) -> None:
        options = {"socket_connect_timeout": connect_timeout, "socket_timeout": socket_timeout}
        super().__init__(url, channel=channel, redis_options=options)
        # Subscribed and answering (read by /healthz).
        self.listening = False
        # Something published may not have reached this process's sockets since the last resync.
        self.missed = False

    def _publish(self, data: Any) -> Any:
        result = super()._publish(data)  # logs and gives up (None) after two failed attempts
        if result is None:
            self.missed = True
        return result

    def _redis_listen_with_retries(self) -> Iterator[dict[str, Any]]:
        while True:
            client = redis.Redis.from_url(self.redis_url, **self.redis_options)
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                pubsub.subscribe(self.channel)
                yield from self._listen_on(pubsub)
            except Exception as exc:
                if self.listening or not self.missed:
                    log.error("message queue lost (%s): retrying every second", type(exc).__name__)
                self.listening = False
                self.missed = True
            finally:
                try:
                    pubsub.close()
                    client.close()
                except Exception:  # the connection is already gone
                    log.debug("closing a lost message queue connection failed")
            time.sleep(self.RETRY_SECONDS)

    def _listen_on(self, pubsub: Any) -> Iterator[dict[str, Any]]:
        # Redis answers in order, so a pong after SUBSCRIBE means the subscription is in place.
        pubsub.ping()
        pinged = heard = time.monotonic()
        while True:
            message = pubsub.get_message(timeout=self.PING_SECONDS)
            now = time.monotonic()
            if message is not None:
                heard = now
                if message["type"] == "pong":
                    self._answering()
                elif message["type"] == "message":
                    yield message
            if now - pinged >= self.PING_SECONDS:
                pubsub.ping()
                pinged = now
            if now - heard > self.SILENT_SECONDS:
                raise redis.exceptions.TimeoutError(f"subscription silent for {self.SILENT_SECONDS} s")

    def _answering(self) -> None:
        if not self.listening:
            log.info("message queue subscribed")
            self.listening = True
        if self.missed:
            self.missed = False
            self.resync_local_sockets()

    def resync_local_sockets(self) -> None:
        """Tell every socket of this process (not of others: each process knows what its own
        listener missed) to fetch what it may have missed."""
        log.warning("message queue back after an interruption: asking local sockets to resync")
        # The plain Manager's emit delivers to this process's sockets; PubSubManager's would publish.
        local = super(socketio.PubSubManager, self)
        local.emit(RESYNC_EVENT, {"reason": "realtime_interrupted"}, namespace="/")  # type: ignore[attr-defined]


def manager(settings: Mapping[str, Any]) -> RecoveringRedisManager | None:
    """The client manager for ``REDIS_URL``; None on the embedded default (one process, in memory)."""
    url = settings["REDIS_URL"]
    if not url:
        return None
    return RecoveringRedisManager(
        url,
        # This deployment's own channel (DEPLOYMENT_NAME): Redis pub/sub ignores database numbers.
        channel=settings["REDIS_PREFIX"] + "socketio",
        connect_timeout=settings["REDIS_CONNECT_TIMEOUT"],
        socket_timeout=settings["REDIS_SOCKET_TIMEOUT"],
    )


def listener_ok(app: Flask) -> bool:
    """False while this process's message-queue listener is cut off from Redis. True before it has
    started (it starts with the first socket: until then there is nobody to deliver to)."""
    server = app.extensions["socketio"].server
    queue = server.manager if server is not None else None
    if not isinstance(queue, RecoveringRedisManager) or not server.manager_initialized:
        return True
    return queue.listening
