"""A pre-imported parent for the tests' server processes: ``python -m tests.zygote``.

Starting ``python -m backend.serve`` from nothing costs some 10 s of CPU before it answers: importing
the app (Flask, SQLAlchemy, numpy, scikit-learn for the profanity model), compiling the screening
rules, loading the screening classifiers and making the argon2 dummy hash. The tests start dozens of
servers, each on the same code. So each test process starts this one parent once: it imports and
warms all of that, starts no thread, and then forks a server per request. A forked server runs
``backend.serve.main`` exactly as ``python -m backend.serve`` would, with the environment the test
asked for; it creates its app itself (configuration, databases, Redis, screening's start-up check),
so nothing per-test is shared with the parent or with another server.

The parent reads one JSON request per line on stdin and answers one JSON line on stdout:

- ``{"op": "spawn", "env": {...}, "argv": [...], "cwd": ..., "log": path}``: fork a server, whose
  stdout and stderr go to ``log``; answers ``{"pid": n}``.
- ``{"op": "poll", "pid": n}``: ``{"returncode": null}`` while it runs, else its exit status (a
  negative number for a signal, as ``subprocess`` says it).

It reaps its children itself (``waitpid``), so their CPU time is counted as the test run's. It exits
when its stdin closes (the test process ended).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import sys
import tempfile
import threading
import traceback
from typing import Any


def warm() -> None:
    """Everything a server loads before serving that is the same for every server."""
    from backend import serve  # noqa: F401  (the app, its routes and every feature package)
    from backend.accounts import service  # noqa: F401  (the argon2 dummy hash)
    from moderation.screening import Screener

    Screener().warm()  # the compiled rules and both classifiers, kept process-wide
    # One throwaway app, never served: what every app builds the same way is built once here (the
    # OpenAPI document's reading of the views' code, schema and routing caches). With its timers off
    # it starts no thread; it opens no database connection.
    from backend import create_app
    from backend.core.db import db
    from moderation import api as moderation

    with tempfile.TemporaryDirectory(prefix="zygote-") as instance:
        app = create_app(
            {
                "INSTANCE_PATH": instance,
                "DATABASE_URL": f"sqlite:///{instance}/app.db",
                "MODERATION_DATABASE_URL": f"sqlite:///{instance}/moderation.db",
                "SECRET_KEY": "zygote-warm-up-app-never-serves",
                "TIMERS_ENABLED": False,
                "LIVE_RIGHTS_SECONDS": 0,
                "REDIS_URL": None,
            }
        )
        app.extensions["smorest_api"].spec.to_dict()
        db.engine(app).dispose()
        moderation.engine(app).dispose()


def _exit_status(status: int) -> int:
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def _serve_in_child(request: dict[str, Any]) -> None:
    """The forked child: become ``python -m backend.serve`` and never return."""
    code = 1
    try:
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["backend.serve", *request["argv"]]
        from backend import serve

        serve.main(request["argv"])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def main() -> None:
    # Answers go to the pipe the test process reads; anything else printed (a warning, a step line)
    # goes to stderr, so it can never be taken for an answer.
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    warm()
    # Forking with a thread running would copy a process in which that thread's locks may be held.
    running = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    if running:
        raise SystemExit(f"tests.zygote: threads started while warming: {running}")
    gc.collect()
    gc.freeze()  # the warmed objects are shared with every child, copy-on-write; the GC leaves them
    exited: dict[int, int] = {}
    spawned: set[int] = set()
    print(json.dumps({"ready": os.getpid()}), file=out, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        while True:  # reap whatever has ended
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            exited[pid] = _exit_status(status)
        if request["op"] == "spawn":
            out.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                os.close(out.fileno())  # only the parent answers the test process
                _serve_in_child(request)
            spawned.add(pid)
            answer: dict[str, Any] = {"pid": pid}
        elif request["op"] == "poll":
            answer = {"returncode": exited.get(request["pid"])}
        else:
            answer = {"error": f"unknown op {request['op']!r}"}
        print(json.dumps(answer), file=out, flush=True)
    # stdin closed: the test process is gone. Servers are stopped by their tests; any left over (a test
    # process that died mid-test) is stopped here rather than left running.
    for pid in spawned - set(exited):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break


if __name__ == "__main__":
    main()
