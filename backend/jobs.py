"""The backend's background jobs: today only turning 18 (PRODUCT.md section 1).

Each server process runs the job every ``JOBS_PERIOD_SECONDS`` (hourly by default, so a birthday is
acted on the same morning) when ``TIMERS_ENABLED`` is set. The job is idempotent and each move is a
conditional write, so several processes running it move each person exactly once.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask

log = logging.getLogger(__name__)


def run_due_jobs() -> None:
    from backend.accounts import service as accounts

    moved = accounts.do_turning_18()
    if moved:
        log.info("turning 18", extra={"moved": len(moved)})


def start(app: Flask) -> threading.Event:
    """Start this process's job thread (a daemon: it never holds the process up); set the returned
    event to stop it."""
    period = float(app.config["JOBS_PERIOD_SECONDS"])
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(period):
            try:
                with app.app_context():
                    run_due_jobs()
            except Exception:  # the app context's teardown has closed the session
                log.exception("background jobs failed; trying again next period")

    threading.Thread(target=loop, name="backend-jobs", daemon=True).start()
    app.extensions["backend_jobs"] = stop
    return stop
