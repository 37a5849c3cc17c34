"""Reusable pieces for scenarios: server processes, measurements, and result assembly.

A scenario starts the servers it compares (each its own process on a free 127.0.0.1 port, stopped
on exit even after an error), runs measurements through the load client (a separate process), and
returns ``result(...)``. Every measurement adds the server's CPU time spent during it, which is far
steadier than wall-clock throughput on a shared machine: ``server_cpu_us_per_delivery`` compares
two servers even when the load client, not the server, is the bottleneck.

Servers must be started from the main thread: each gets PR_SET_PDEATHSIG, so the kernel stops it if
the thread that started it dies (the bench killed with SIGKILL leaves nothing behind).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from http import client as http_client  # plain `import http.client` would clash with http() below
from pathlib import Path
from typing import Any

from bench import osutil
from bench.stats import median
from bench.stats import ratio as ratio  # re-exported: scenarios compute their ratios with it

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


class BenchError(RuntimeError):
    """The harness could not measure (a server did not start, a load client failed or hung)."""


class _PortTaken(BenchError):
    """Another process bound the free port first; starting again on a new port is worth it."""


# --- server processes ---


def free_port() -> int:
    """A port free right now on 127.0.0.1 (the server binds it a moment later; a clash is retried)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_RUNNING: set[Server] = set()


def stop_all() -> None:
    """Stop every server still running (atexit, signal handlers, tests)."""
    for server in list(_RUNNING):
        server.stop()


atexit.register(stop_all)


class Server:
    """One server process on a free loopback port; a context manager that stops it on exit.

    ``argv`` and ``env`` values may contain ``{port}``. Ready when an HTTP GET of ``ready_path``
    answers below 500. Output goes to a log file whose tail is put into any start-up error.
    """

    def __init__(
        self,
        name: str,
        argv: list[str],
        *,
        env: dict[str, str] | None = None,
        ready_path: str = "/",
        start_timeout: float = 30.0,
        stop_timeout: float = 10.0,
    ) -> None:
        self.name = name
        self.argv = argv
        self.env = env or {}
        self.ready_path = ready_path
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, attempts: int = 3) -> Server:
        """Start and wait until ready; only a port clash is retried (any other failure would repeat)."""
        for attempt in range(1, attempts + 1):
            try:
                self._spawn()
                self._wait_ready()
                return self
            except _PortTaken:
                self.stop()
                if attempt == attempts:
                    raise
            except BaseException:
                self.stop()
                raise
        return self

    def _spawn(self) -> None:
        self.port = free_port()
        fd, log = tempfile.mkstemp(prefix=f"bench-{self.name}-", suffix=".log")
        self.log_path = Path(log)
        env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            **{k: v.format(port=self.port) for k, v in self.env.items()},
        }
        with os.fdopen(fd, "wb") as out:
            self.proc = subprocess.Popen(
                [a.format(port=self.port) for a in self.argv],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                # Servers are started from the main thread only (see the module docstring).
                preexec_fn=osutil.new_session_dying_with_parent,
            )
        _RUNNING.add(self)

    def _wait_ready(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.log_tail()
                error = _PortTaken if "already in use" in tail else BenchError
                raise error(f"{self.name} exited with {self.proc.returncode} on start:\n{tail}")
            if _http_status(self.port, self.ready_path) in range(100, 500):
                return
            time.sleep(0.1)
        raise BenchError(f"{self.name} not ready after {self.start_timeout}s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM to the whole process group, SIGKILL if it lingers; safe to call twice."""
        _RUNNING.discard(self)
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            osutil.signal_group(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                osutil.signal_group(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        # Workers left in the group (a gunicorn worker whose master died first) go too.
        osutil.signal_group(proc.pid, signal.SIGKILL)
        # BENCH_KEEP_LOGS=1 keeps server logs (in the temp directory) to read a product's errors.
        if self.log_path is not None and not os.environ.get("BENCH_KEEP_LOGS"):
            with contextlib.suppress(OSError):
                self.log_path.unlink()

    def log_tail(self, lines: int = 30) -> str:
        if self.log_path is None:
            return ""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def pids(self) -> list[int]:
        """The server's processes: its whole process group (a gunicorn master and its workers)."""
        return osutil.group_members(self.proc.pid) if self.proc is not None else []

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the server's live processes."""
        return sum(osutil.cpu_seconds(pid) for pid in self.pids())


def python_module(
    name: str, module: str, *args: str, env: dict[str, str] | None = None, ready_path: str = "/"
) -> Server:
    """``python -m module args...`` as a Server, e.g. the product's embedded server:
    ``python_module("app", "backend.serve", env={"PORT": "{port}", ...}, ready_path="/healthz")``."""
    return Server(name, [PYTHON, "-m", module, *args], env=env, ready_path=ready_path)


def _http_status(port: int, path: str) -> int:
    conn = http_client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except (OSError, http_client.HTTPException):
        return 0
    finally:
        conn.close()


# --- reference servers ---


def gevent_available() -> bool:
    return importlib.util.find_spec("gevent") is not None


def bare_socketio(async_mode: str = "threading", server: str = "werkzeug", nagle: bool = False) -> Server:
    """The bare Flask-SocketIO reference (bench/references/bare_socketio.py), not yet started.

    ``server="werkzeug"`` is Flask-SocketIO's own server, as ``backend.serve`` runs the product;
    ``server="gunicorn"`` is one gunicorn worker (gthread with 1,000 threads, or gevent), as deployed.
    Raises BenchError for gevent when gevent is not installed (check ``gevent_available()``).
    """
    if async_mode == "gevent" and not gevent_available():
        raise BenchError("gevent is not installed: pip install gevent (the project's [gevent] extra)")
    if server == "werkzeug":
        argv = [
            PYTHON,
            "-m",
            "bench.references.bare_socketio",
            "--port",
            "{port}",
            "--async-mode",
            async_mode,
        ]
        return Server(
            f"bare-socketio-{async_mode}", argv + (["--nagle"] if nagle else []), ready_path="/health"
        )
    if server == "gunicorn":
        worker = ["-k", "gevent"] if async_mode == "gevent" else ["-k", "gthread", "--threads", "1000"]
        argv = gunicorn_argv("bench.references.bare_socketio:create_wsgi_app()", worker)
        return Server(
            f"bare-socketio-{async_mode}-gunicorn",
            argv,
            env={"BARE_ASYNC_MODE": async_mode},
            ready_path="/health",
        )
    raise ValueError(f"unknown server {server!r}")


def bare_wsgi(worker_class: str = "gthread", threads: int = 4) -> Server:
    """The bare WSGI JSON endpoint (bench/references/bare_wsgi.py) under one gunicorn worker."""
    worker = ["-k", worker_class] + (["--threads", str(threads)] if worker_class == "gthread" else [])
    return Server(f"bare-wsgi-{worker_class}", gunicorn_argv("bench.references.bare_wsgi:app", worker))


def gunicorn_argv(app: str, worker_args: list[str]) -> list[str]:
    """gunicorn with one worker on the loopback port; quiet, and quick to stop."""
    return [
        PYTHON,
        "-m",
        "gunicorn",
        "--bind",
        "127.0.0.1:{port}",
        "--workers",
        "1",
        *worker_args,
        "--graceful-timeout",
        "2",
        "--log-level",
        "warning",
        app,
    ]


# --- measurements (each runs the load client in its own process) ---

# Extra seconds a load client may take beyond its own limits (process start, connects, drain).
_SLACK = 60.0


def run_loadclient(kind: str, params: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run ``python -m bench.loadclient kind`` with params; its figures, or BenchError."""
    proc = subprocess.Popen(
        [PYTHON, "-m", "bench.loadclient", kind],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Its own group (its worker processes share it, so one signal ends them all), and it dies
        # with the bench.
        preexec_fn=osutil.new_session_dying_with_parent,
    )
    try:
        out, err = proc.communicate(json.dumps(params), timeout=timeout)
    except subprocess.TimeoutExpired:
        osutil.signal_group(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise BenchError(f"load client {kind} timed out after {timeout:.0f}s:\n{_tail(err)}") from None
    finally:
        osutil.signal_group(proc.pid, signal.SIGKILL)  # stragglers of a failed run
    if proc.returncode != 0:
        raise BenchError(f"load client {kind} failed ({proc.returncode}):\n{_tail(err)}")
    lines = [line for line in out.splitlines() if line.strip()]
    if not lines:
        raise BenchError(f"load client {kind} printed no figures:\n{_tail(err)}")
    return json.loads(lines[-1])


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join((text or "").splitlines()[-lines:])


def _measure(kind: str, target: Server | str, params: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run one measurement against ``target`` (a Server, or a URL for a server started elsewhere)
    and add the server's CPU seconds when the bench owns the server."""
    server = target if isinstance(target, Server) else None
    params = {"url": target.url if server else target, **params}
    cpu_before = server.cpu_seconds() if server else None
    figures = run_loadclient(kind, params, timeout)
    if server and cpu_before is not None:
        figures["server_cpu_s"] = round(server.cpu_seconds() - cpu_before, 3)
    return figures


def _per_unit_us(figures: dict[str, Any], count_key: str) -> float | None:
    count, cpu = figures.get(count_key), figures.get("server_cpu_s")
    return round(cpu * 1e6 / count, 2) if cpu is not None and count else None


def fanout(target: Server | str, **params: Any) -> dict[str, Any]:
    """Room fan-out (see ``bench.loadclient.fanout`` for parameters); adds server CPU per delivery."""
    limit = params.get("max_seconds", 15.0) + params.get("drain_seconds", 15.0) + 2 * _SLACK
    figures = _measure("fanout", target, params, limit)
    figures["server_cpu_us_per_delivery"] = _per_unit_us(figures, "deliveries_total")
    return figures


def ack(target: Server | str, **params: Any) -> dict[str, Any]:
    """Sequential ack round trips (see ``bench.loadclient.ack``); adds server CPU per ack."""
    figures = _measure("ack", target, params, params.get("max_seconds", 60.0) + _SLACK)
    figures["server_cpu_us_per_ack"] = _per_unit_us(figures, "acks_total")
    return figures


def idle(target: Server, **params: Any) -> dict[str, Any]:
    """Idle connections held open (see ``bench.loadclient.idle``); memory is read from the server's
    whole process group."""
    params = {"server_pids": target.pids(), **params}
    limit = params.get("max_seconds", 120.0) + params.get("hold_seconds", 5.0) + 2 * _SLACK
    return _measure("idle", target, params, limit)


def http(target: Server | str, path: str = "/", **params: Any) -> dict[str, Any]:
    """Keep-alive HTTP GET load on ``path`` (see ``bench.loadclient.http_load``)."""
    base = target.url if isinstance(target, Server) else target
    params = {**params, "url": base.rstrip("/") + path}
    figures = _measure(
        "http", target, params, params.get("seconds", 10.0) + params.get("warmup_seconds", 1.0) + _SLACK
    )
    figures["server_cpu_us_per_request"] = _per_unit_us(figures, "requests_total")
    return figures


# --- repeats and results ---

# Counts that must add up over repeats (anything lost in any run is lost); other numbers are medians.
SUM_KEYS = frozenset(
    {
        "acks_lost",
        "bad_acks",
        "not_published",
        "lost_deliveries",
        "members_with_loss",
        "duplicates",
        "out_of_order",
        "errors",
        "connections_failed",
    }
)


def repeat(measure: Callable[[], dict[str, Any]], times: int, pause: float = 1.0) -> dict[str, Any]:
    """Run a measurement ``times`` times and combine: medians of numbers, sums of loss counts.
    The pause lets the server finish dropping the previous run's connections."""
    runs = []
    for n in range(times):
        if n:
            time.sleep(pause)
        runs.append(measure())
    return combine(runs)


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    if len(runs) == 1:
        return {**runs[0], "repeats": 1}
    out: dict[str, Any] = {}
    for key, value in runs[0].items():
        values = [r.get(key) for r in runs]
        if isinstance(value, bool) or not isinstance(value, int | float):
            out[key] = value
        elif key in SUM_KEYS:
            out[key] = sum(v for v in values if isinstance(v, int | float))
        else:
            out[key] = median(v for v in values if isinstance(v, int | float))
    out["repeats"] = len(runs)
    return out


def pick(figures: dict[str, Any], keys: Iterable[str], prefix: str = "") -> dict[str, Any]:
    """A few figures from a measurement, renamed with a prefix, for a scenario's headline figures."""
    return {f"{prefix}{k}": figures.get(k) for k in keys}


def result(scenario_id: str, target: str, figures: dict[str, Any], met: bool, **extra: Any) -> dict[str, Any]:
    """The dict a scenario's ``run`` returns. Top-level numbers in ``figures`` are the headline
    (shown in latest.md); put full measurement dicts under ``figures["details"]``."""
    return {"id": scenario_id, "target": target, "figures": figures, "met": bool(met), **extra}
