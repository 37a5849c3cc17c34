"""A private ``redis-server`` for one test: started on a free port with no persistence, so a test can
kill it, freeze it (SIGSTOP: connections stay open and nothing answers) and start it again on the
same port, without touching the machine's shared Redis."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

import redis

from tests.servers import free_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
NO_PERSISTENCE = ("--save", "", "--appendonly", "no")


class RedisServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.frozen = False

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        assert self.process is None, "already running"
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", *NO_PERSISTENCE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2, socket_timeout=0.2)
        ends = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.RedisError:
                if self.process.poll() is not None or time.monotonic() > ends:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
            finally:
                client.close()

    def kill(self) -> None:
        """Gone at once, as after a crash: open connections are reset, new ones refused."""
        if self.process is None:
            return
        if self.frozen:
            self.thaw()
        self.process.kill()
        self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.kill()
        self.start()

    def freeze(self) -> None:
        """Stopped, not gone: connections open and writes accepted by the kernel, no answers."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)
        self.frozen = False
