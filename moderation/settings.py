"""Moderation's settings: read from the app's config, with the policy defaults below.

PRODUCT.md 2.7 sets the default deadlines (P0 15 minutes ... P4 72 hours); an operator may shorten
or lengthen them with ``MODERATION_DEADLINES`` (seconds per priority) without a code change.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app

DEFAULTS: dict[str, Any] = {
    # Seconds to a decision, per priority P0..P4 (PRODUCT.md 2.7).
    "MODERATION_DEADLINES": {0: 15 * 60, 1: 3600, 2: 8 * 3600, 3: 24 * 3600, 4: 72 * 3600},
    # A claim is a lease: a moderator who walks away does not keep an item from everyone else.
    "MODERATION_LEASE_SECONDS": 600,
    # Reports from this many distinct verified people hide the content until a moderator decides.
    "MODERATION_HIDE_AFTER_REPORTS": 3,
    # Priority of an item when the rules give none: a pre-moderated post waiting for approval, a
    # hold, a block kept for the record, and allowed content that still matched a category.
    "MODERATION_PRE_MODERATED_PRIORITY": 2,
    "MODERATION_HOLD_PRIORITY": 2,
    "MODERATION_BLOCK_PRIORITY": 3,
    "MODERATION_ALLOWED_MATCH_PRIORITY": 4,
    "MODERATION_APPEAL_PRIORITY": 3,
    # The on-call safeguarding lead named on breach notifications (None: whoever is on call reads the
    # shared list).
    "MODERATION_ON_CALL_LEAD_ID": None,
    # Background timer period, and how long a failed decision effect waits before its next try.
    "MODERATION_TIMER_SECONDS": 30,
    "MODERATION_EFFECT_RETRY_MAX_SECONDS": 3600,
    # How stale another process's rule or protected-terms change may be when screening (rules.py).
    "MODERATION_RULES_REFRESH_SECONDS": 1.0,
}


def setting(name: str) -> Any:
    return current_app.config.get(name, DEFAULTS[name])


def deadline_for(priority: int) -> timedelta:
    deadlines = setting("MODERATION_DEADLINES")
    # An operator's setting may name only some priorities (JSON keys are strings); the rest keep
    # the policy defaults.
    default = DEFAULTS["MODERATION_DEADLINES"][priority]
    seconds = deadlines.get(priority, deadlines.get(str(priority), default))
    return timedelta(seconds=int(seconds))
