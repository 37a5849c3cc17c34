"""The backend's background jobs, each registered by its feature's ``register(app)``:

- ``turning 18`` (accounts; PRODUCT.md section 1): a conditional update of the persona;
- ``held content sweep`` (moderation_link): held content with no queue item gets one outbox record
  (a unique key), and items about content never stored are closed once;
- ``moderation outbox`` (moderation_link, ``OUTBOX_PERIOD_SECONDS``): each record is leased by a
  conditional update, and moderation's intake key makes one queue item of it;
- ``notifications`` (``NOTIFICATIONS_PERIOD_SECONDS``): quiet-hours releases (a conditional update),
  digests (a unique row per person, cadence and period), copies of moderation's alerts for the
  safeguarding lead (the alert's dedupe key);
- ``event reminders`` (events), the day before: a conditional update of the RSVP (``reminded_at``);
- ``mentoring expiry`` (mentoring), a mentor who did not answer in 7 days: a conditional update of the
  match (still ``chosen``);
- ``playdate profiles going quiet`` (playdates), a notice then hiding: conditional updates;
- ``application reminders`` (applications), stages past their target and the fund year: a
  conditional update per stage entry, and the notification's dedupe key;
- ``journey nudges`` (journeys): the notification's dedupe key per person, child and stage.

The period setting is ``JOBS_PERIOD_SECONDS`` (hourly: a birthday is acted on the same morning)
unless named. Moderation's deadline timers (missed deadlines, lapsed claims, effects to retry) run in
moderation's own thread (``moderation/timers.py``, ``MODERATION_TIMER_SECONDS``): moderation never
imports the backend.

Each server process runs these in one thread when ``TIMERS_ENABLED`` is set (the outbox's 5 s gets
held content to the moderators' queue within seconds of their database coming back). Every step is a
conditional write or an insert on a unique key, in the same transaction as its notification, so
several processes running them do each thing exactly once: ``tests/core/test_timers_two_processes.py``
makes every job have work due at once and runs them all in two apps on the same databases.
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
