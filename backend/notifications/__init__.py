"""Notifications: one service every feature uses (issue #15).

``register(app)`` installs, listed once: the moderation decision handlers that tell reporters the
outcome of their reports and authors the result of their appeals, and the timer job that releases
what quiet hours held back, composes digests, copies moderation's alerts for the on-call lead and
tells authors where to find help when moderation's second reading found a risk to life, or abuse
told, in what they wrote.
The one-line calls other features make (``hooks.on_post_published`` ...) are listed in ``hooks``.
"""

from __future__ import annotations

from flask import Flask

from backend import jobs


def register(app: Flask) -> None:
    """Everything this feature installs."""
    from backend.notifications import hooks
    from moderation import api as moderation

    for action in hooks.OUTCOME_ACTIONS:
        moderation.on_decision(action, hooks.on_moderation_decision)
    jobs.register("notifications", "NOTIFICATIONS_PERIOD_SECONDS", run_jobs)


def run_jobs() -> None:
    """One pass: quiet-hours releases, due digests, lead alerts (each step idempotent)."""
    from backend.notifications import digests, hooks

    digests.release_deferred()
    digests.compose_digests()
    hooks.copy_lead_alerts()
    hooks.copy_author_signposts()
