"""The backend's background jobs, registered by the features (``register(app)``): turning 18
(PRODUCT.md section 1, ``backend/accounts``) and the moderation outbox (``backend/moderation_link``).

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


# name -> (the config key of its period in seconds, the job); filled by the features' register(app).
Job = Callable[[], None]
_jobs: dict[str, tuple[str, Job]] = {}


def register(name: str, period_setting: str, job: Job) -> None:
    """Run ``job`` every ``app.config[period_setting]`` seconds inside an app context (registering the
    same name again replaces it: a feature's register(app) runs once per app)."""
    _jobs[name] = (period_setting, job)


def registered() -> dict[str, tuple[str, Job]]:
    """name -> (period setting, job), in registration order."""
    return dict(_jobs)


def start(app: Flask) -> threading.Event:
    """Start this process's job thread (a daemon: it never holds the process up); set the returned
    event to stop it."""
    jobs = [(name, float(app.config[setting]), job) for name, (setting, job) in _jobs.items()]
    if not jobs:
        stop = threading.Event()
        app.extensions["backend_jobs"] = stop
        return stop
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
