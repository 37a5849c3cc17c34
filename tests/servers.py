"""Real server processes for tests that need them (resume, several processes with Redis).

Each is ``python -m backend.serve`` as a user would start it, forked from a parent that has already
imported and warmed the app (``tests/zygote.py``), so a server answers in a fraction of a second
instead of paying some 10 s of CPU for imports and model loading. ``TEST_SERVERS_FORK=0`` starts each
one from nothing instead.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess(Protocol):
    pid: int

    def poll(self) -> int | None: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...
    def wait(self, timeout: float | None = None) -> int: ...


class _Zygote:
    """This test process's ``python -m tests.zygote``, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None

    def _started(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.zygote"],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert process.stdout is not None
            ready = process.stdout.readline()
            if not ready:
                raise RuntimeError("tests.zygote did not start (see its error above)")
            self._process = process
            atexit.register(self.close)
        return self._process

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            process = self._started()
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            answer = process.stdout.readline()
        if not answer:
            raise RuntimeError("tests.zygote ended")
        return dict(json.loads(answer))

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.stdin is not None:
            process.stdin.close()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


_zygote = _Zygote()


class _Forked:
    """A server forked by the zygote, with the part of ``subprocess.Popen`` the tests use."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        request = {"op": "spawn", "env": env, "argv": [], "cwd": str(ROOT), "log": str(log_path)}
        self.pid = int(_zygote.ask(request)["pid"])
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = _zygote.ask({"op": "poll", "pid": self.pid})["returncode"]
        return self.returncode

    def _signal(self, signum: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("backend.serve", timeout or 0)
            time.sleep(0.05)
        return code


def start_server(env: dict[str, str], log_path: Path) -> ServerProcess:
    """``python -m backend.serve`` with ``env`` as its whole environment, output to ``log_path``."""
    if os.environ.get("TEST_SERVERS_FORK", "1") != "0":
        return _Forked(env, log_path)
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "backend.serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )


@contextlib.contextmanager
def server(app_config: dict[str, Any], **env: str) -> Iterator[str]:
    """Start ``python -m backend.serve`` on the same databases as the test app; yield its URL."""
    port = free_port()
    environment = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": app_config["DATABASE_URL"],
        "MODERATION_DATABASE_URL": app_config["MODERATION_DATABASE_URL"],
        "SECRET_KEY": app_config["SECRET_KEY"],
        "INSTANCE_PATH": app_config["INSTANCE_PATH"],
        "TIMERS_ENABLED": "0",
        "LOG_LEVEL": "WARNING",
        # These tests send bursts to prove delivery; screening's flood rule is tested on its own.
        "SCREENING_FLOOD_MAX_MESSAGES": "1000",
        **env,
    }
    log_path = Path(app_config["INSTANCE_PATH"]) / f"server-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    process = start_server(environment, log_path)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {log_path.read_text()[-2000:]}") from None
                time.sleep(0.05)
        try:
            yield url
        except BaseException as failure:
            # A test failing against a server shows what the server said (errors are logged).
            said = log_path.read_text(errors="replace")[-3000:]
            failure.add_note(f"server log, last 3,000 characters:\n{said}")
            raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
