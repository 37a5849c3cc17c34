"""The backend's background jobs: turning 18 (PRODUCT.md section 1) and the moderation outbox.

Each server process runs them in one thread when ``TIMERS_ENABLED`` is set: turning 18, the sweep
for held content with no moderation item and the closing of items about content never stored
(``moderation_link.unstored``) every ``JOBS_PERIOD_SECONDS`` (hourly by default, so a
birthday is acted on the same morning), the moderation outbox's reconciler every
``OUTBOX_PERIOD_SECONDS`` (5 s by default: held content reaches the moderators' queue within seconds
of their database coming back). Each job is idempotent and each
step a conditional write, so several processes running them do each thing exactly once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from flask import Flask

log = logging.getLogger(__name__)


def run_due_jobs() -> None:
    from backend.accounts import service as accounts

    moved = accounts.do_turning_18()
    if moved:
        log.info("turning 18", extra={"moved": len(moved)})


def run_outbox() -> None:
    from backend.moderation_link import outbox

    delivered = outbox.deliver_due()
    if delivered:
        log.info("moderation outbox", extra={"delivered": delivered})


def run_sweep() -> None:
    from backend.moderation_link import sweep, unstored

    sweep.sweep()
    unstored.close_unstored()


# Jobs that features install from their ``register(app)``: (name, the config key of its period, job).
_feature_jobs: list[tuple[str, str, Callable[[], None]]] = []


def register_job(name: str, period_setting: str, job: Callable[[], None]) -> None:
    """A feature's job, run like the others (idempotent: a feature's register may run once per app)."""
    if all(existing != name for existing, _setting, _job in _feature_jobs):
        _feature_jobs.append((name, period_setting, job))


def start(app: Flask) -> threading.Event:
    """Start this process's job thread (a daemon: it never holds the process up); set the returned
    event to stop it."""
    jobs: list[tuple[str, float, Callable[[], None]]] = [
        ("turning 18", float(app.config["JOBS_PERIOD_SECONDS"]), run_due_jobs),
        ("held content sweep", float(app.config["JOBS_PERIOD_SECONDS"]), run_sweep),
        ("moderation outbox", float(app.config["OUTBOX_PERIOD_SECONDS"]), run_outbox),
        *((name, float(app.config[setting]), job) for name, setting, job in _feature_jobs),
    ]
    tick = min(period for _name, period, _job in jobs)
    stop = threading.Event()

    def loop() -> None:
        due = {name: time.monotonic() + period for name, period, _job in jobs}
        while not stop.wait(tick):
            for name, period, job in jobs:
                if time.monotonic() < due[name]:
                    continue
                due[name] = time.monotonic() + period
                try:  # one job's failure never starves the other
                    with app.app_context():
                        job()
                except Exception:  # the app context's teardown has closed the session
                    log.exception("background job %s failed; trying again next period", name)

    threading.Thread(target=loop, name="backend-jobs", daemon=True).start()
    app.extensions["backend_jobs"] = stop
    return stop
