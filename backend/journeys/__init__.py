"""Life-stage journeys (issue #16): stages computed from each child's birth month and year, placement
and legal route; articles from ``content/``; bookmarks, feedback, transition nudges and the directory.

``register(app)`` installs everything this feature hooks into, listed once.
"""

from __future__ import annotations

import importlib
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

# Features that may offer journey suggestions: each, when it exists, offers
# ``journey_suggestions(user, tags, limit) -> list[dict]`` (every item with an ``audience``) in its
# service facade. Looked up by name so journeys work with whichever of them has landed.
SUGGESTING_FEATURES = {"events": "backend.events.service", "mentors": "backend.mentoring.service"}


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
    """Recommenders, moderation decisions about feedback comments, data rights and the nudge job."""
    recommend.register_recommender("groups", recommend.group_suggestions)
    for kind, module_name in SUGGESTING_FEATURES.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as missing:
            if missing.name and module_name.startswith(missing.name):
                continue  # that feature has not landed
            raise
        suggestions = getattr(module, "journey_suggestions", None)
        if suggestions is not None:
            recommend.register_recommender(kind, suggestions)
    moderation.on_decision("release", _on_release)
    moderation.on_decision("remove", _on_remove)
    accounts.register_exporter("journeys", data_rights.export)
    accounts.on_account_deleted(data_rights.on_account_deleted)
    jobs.register("journey nudges", "JOBS_PERIOD_SECONDS", _run_nudges)
