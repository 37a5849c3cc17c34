"""The backend's durable hand-over to moderation: the intake outbox and its reconciler."""

from __future__ import annotations

import logging

from flask import Flask

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    """The moderation link's jobs (``backend/jobs.py``): the sweep for held content with no queue
    item and the closing of items about content never stored, hourly; the outbox every few seconds.
    The content types are registered by the features that own them (``sweep.register_held``)."""
    from backend import jobs

    jobs.register("held content sweep", "JOBS_PERIOD_SECONDS", run_sweep)
    jobs.register("moderation outbox", "OUTBOX_PERIOD_SECONDS", run_outbox)


def run_outbox() -> None:
    from backend.moderation_link import outbox

    delivered = outbox.deliver_due()
    if delivered:
        log.info("moderation outbox", extra={"delivered": delivered})


def run_sweep() -> None:
    from backend.moderation_link import sweep, unstored

    sweep.sweep()
    unstored.close_unstored()
