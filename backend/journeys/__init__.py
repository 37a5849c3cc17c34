"""Life-stage journeys (issue #16): stages computed from each child's birth month and year, placement
and legal route; articles from ``content/``; bookmarks, feedback, transition nudges and the directory.

``register(app)`` installs everything this feature hooks into, listed once.
"""

from __future__ import annotations

import logging

from flask import Flask

from backend import jobs
from backend.accounts import service as accounts
from backend.journeys import data_rights, recommend
from backend.journeys.articles import SUBJECT, apply_decision
from backend.journeys.models import CommentState
from backend.journeys.nudges import send_due_nudges
from moderation import api as moderation

log = logging.getLogger(__name__)


def _on_release(decision: moderation.Decision) -> None:
    if decision.subject_type == SUBJECT:
        apply_decision(decision.subject_id, CommentState.PUBLISHED)


def _on_remove(decision: moderation.Decision) -> None:
    if decision.subject_type == SUBJECT:
        apply_decision(decision.subject_id, CommentState.REMOVED)


def _run_nudges() -> None:
    sent = send_due_nudges()
    if sent:
        log.info("journey nudges", extra={"sent": sent})


def register(app: Flask) -> None:
    """Recommenders, moderation decisions about feedback comments, data rights and the nudge job.
    (Events and mentoring register their own recommenders in their ``register``.)"""
    recommend.register_recommender("groups", recommend.group_suggestions)
    moderation.on_decision("release", _on_release)
    moderation.on_decision("remove", _on_remove)
    accounts.register_exporter("journeys", data_rights.export)
    accounts.on_account_deleted(data_rights.on_account_deleted)
    jobs.register("journey nudges", "JOBS_PERIOD_SECONDS", _run_nudges)
