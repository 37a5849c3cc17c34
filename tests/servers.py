"""Real server processes for tests that need them (resume, several processes with Redis)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "backend.serve"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
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
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
