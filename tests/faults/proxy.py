"""A TCP proxy that can break the connection to a server on purpose: cut it, slow it or black-hole it.

Put it between the app and PostgreSQL (or anything else spoken over TCP) to see what clients get
when the network or the server misbehaves, without touching the server itself:

- ``cut()``: every open connection is closed and new ones are closed as soon as they arrive (the
  server is down, or restarting).
- ``slow(seconds)``: every chunk the server sends arrives ``seconds`` late, so each round trip takes
  that much longer (a distant or overloaded server).
- ``black_hole()``: connections are accepted and stay open, and nothing goes through in either
  direction (a stopped or hung server whose kernel still acknowledges packets).
- ``heal()``: back to passing everything straight through.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

PASS, CUT, SLOW, BLACK_HOLE = "pass", "cut", "slow", "black_hole"


class FaultProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.mode = PASS
        self.latency = 0.0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._closed = False
        threading.Thread(target=self._accept, name="fault-proxy", daemon=True).start()

    # What a test changes.

    def cut(self) -> None:
        self.mode = CUT
        self._close_all()

    def slow(self, seconds: float) -> None:
        self.latency = seconds
        self.mode = SLOW

    def black_hole(self) -> None:
        self.mode = BLACK_HOLE

    def heal(self) -> None:
        """Pass everything again. The connections of the faulty time are closed (some were left
        mid-conversation): clients notice and reconnect, and the server ends their sessions, so no
        transaction of the faulty time holds a lock into the next test."""
        was = self.mode
        self.mode, self.latency = PASS, 0.0
        if was != PASS:
            self._close_all()

    @contextlib.contextmanager
    def fault(self, mode: str, latency: float = 0.0) -> Iterator[None]:
        {CUT: self.cut, BLACK_HOLE: self.black_hole, SLOW: lambda: self.slow(latency)}[mode]()
        try:
            yield
        finally:
            self.heal()

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        self._close_all()

    # The plumbing.

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.mode == CUT:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._sockets.update((client, server))
            for source, sink, delayed in ((client, server, False), (server, client, True)):
                threading.Thread(target=self._pump, args=(source, sink, delayed), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, delayed: bool) -> None:
        """Copy one direction. Only the server's answers are delayed, so a round trip gains the
        latency once."""
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if self.mode == BLACK_HOLE:
                    continue  # read and dropped: the sender sees its bytes accepted, never an answer
                if delayed and self.mode == SLOW:
                    time.sleep(self.latency)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._forget(source, sink)

    def _forget(self, *sockets: socket.socket) -> None:
        for sock in sockets:
            with self._lock:
                self._sockets.discard(sock)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _close_all(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        self._forget(*sockets)
