"""The one interface the backend may import from moderation.

At start-up the backend calls ``init_app`` and hands over what moderation must not import: who the
caller is (``Actor``), and the Socket.IO server. Features then call ``screen`` before anyone else
sees a piece of content, ``report`` when a user reports something, and register ``on_decision``
handlers that apply moderators' decisions (hide a post, release a held message, mute a user).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from flask_smorest import Blueprint
from sqlalchemy import Engine, text

from moderation import (
    appeals,
    db,
    deliveries,
    effects,
    intake,
    notifications,
    realtime,
    reports,
    routes,
    rules,
    second_reading,
    timers,
    unstored,
)
from moderation.cli import group as cli_group
from moderation.paging import ID_MAX, Cursor, encode_cursor, limit_field, page, page_in_memory, page_schema
from moderation.types import (
    SUBJECT_TYPES,
    Actor,
    AppealStatus,
    Audience,
    AuthorFacts,
    Decision,
    DecisionHandler,
    Intake,
    ModerationError,
    ReportReceipt,
    ReportStatus,
    ScreenedItem,
    Signpost,
    Subject,
    Verdict,
)

__all__ = [
    "ID_MAX",
    "REPORT_REASONS",
    "SUBJECT_TYPES",
    "Actor",
    "AppealStatus",
    "Audience",
    "AuthorFacts",
    "Cursor",
    "Decision",
    "DecisionHandler",
    "Intake",
    "ModerationError",
    "ReportReceipt",
    "ReportStatus",
    "ScreenedItem",
    "Signpost",
    "Subject",
    "Verdict",
    "encode_cursor",
    "limit_field",
    "page",
    "page_in_memory",
    "page_schema",
]

log = logging.getLogger(__name__)

REPORT_REASONS = reports.REASONS
# The registered decision handlers, by action (read-only for callers; register with on_decision).
_handlers = effects._handlers


def init_app(
    app: Flask,
    database_url: str,
    *,
    current_actor: Callable[[], Actor | None] | None = None,
    socket_actor: Callable[[Any], Actor | None] | None = None,
    socketio: Any = None,
    on_effect_error: Callable[[], None] | None = None,
    server_engine: Callable[[str], Engine] | None = None,
) -> None:
    """Bind moderation to an app: its own database, the backend's identity and realtime hooks, the
    ``/moderation`` namespace, the ``flask moderation`` commands and (with TIMERS_ENABLED) the timer
    thread. ``on_effect_error`` is called after a decision handler raised, so the backend can roll
    back its own session before the next handler runs. ``server_engine`` makes the engine for a
    server database (PostgreSQL) with the host's timeouts and pool; without it, moderation's own."""
    db.init_app(app, database_url, server_engine)
    app.extensions["moderation_hooks"] = {
        "current_actor": current_actor,
        "socket_actor": socket_actor,
        "socketio": socketio,
        "on_effect_error": on_effect_error,
    }
    realtime.init_app(app, socketio)
    app.register_error_handler(ModerationError, _error)
    app.cli.add_command(cli_group)
    intake.configure(
        flood_max_messages=app.config.get("SCREENING_FLOOD_MAX_MESSAGES", 8),
        flood_window_seconds=app.config.get("SCREENING_FLOOD_WINDOW_SECONDS", 10),
        # With several processes the risk memories are kept in Redis, so a person's weak signals add
        # up whichever process screens each one (screening/context.py).
        redis_url=app.config.get("REDIS_URL"),
        redis_prefix=app.config.get("REDIS_PREFIX", "kinship:"),
    )
    if app.config.get("TIMERS_ENABLED"):
        timers.start(app)
    if app.config.get("SECOND_READING_ENABLED", True):
        second_reading.start(app)


def _error(exc: ModerationError) -> ResponseReturnValue:
    # The app's one error shape (ARCHITECTURE.md 4.5), for refusals raised inside moderation.
    return jsonify({"code": exc.code, "message": exc.message, "errors": exc.errors}), exc.code


def blueprint() -> Blueprint:
    """The flask-smorest blueprint; the backend mounts it at /api/v1/moderation."""
    return routes.blp


def recheck_moderator_sockets() -> int:
    """Call after someone's rights changed (suspension, persona, DBS check): this process's
    ``/moderation`` sockets leave what they may no longer see at once; other processes' sockets
    follow within ``MODERATION_TIMER_SECONDS``."""
    return realtime.recheck_sockets()


def on_decision(action: str, handler: DecisionHandler) -> None:
    """Register the backend's effect for a decision action (called after the decision commits).

    Actions: release, remove, redact (params["replacement"]), hide (the reports rule), warn,
    mute (params["hours"]), suspend. Handlers must be idempotent: a failed effect is retried.
    """
    effects.register(action, handler)


def decision_handlers(action: str) -> tuple[DecisionHandler, ...]:
    """The backend's effects registered for a decision action, in the order they run."""
    return effects.handlers(action)


def screen(subject: Subject) -> Verdict:
    """Screen content before anyone else sees it. Fails closed: any failure means hold."""
    try:
        return intake.screen(subject)
    except Exception:
        log.exception("screening failed; holding the content")
        return Verdict(action="hold", reason=intake.FAIL_CLOSED_REASON)


def deliver(record: Intake) -> int:
    """Hand over screened content whose verdict came back without an ``item_id`` (this database was
    unreachable): its queue item is opened, or added to, and its id returned. Idempotent on
    ``record.key``. Raises while the moderation database cannot take it; the caller keeps the record
    (in its own transaction, beside the content) and tries again."""
    return deliveries.receive(record)


def subjects_with_items(subjects: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (subject type, subject id) have a queue item, live or closed: the backend's
    sweep for held content that has none."""
    return deliveries.with_items(subjects)


def screened_items(
    since: datetime, until: datetime, after_id: int = 0, limit: int = 200
) -> list[ScreenedItem]:
    """Open queue items screening opened for content (messages, posts, threads) between ``since``
    and ``until``, in id order: the backend checks that each one's content was stored."""
    return unstored.screened(since, until, after_id, limit)


def close_unstored(items: list[ScreenedItem]) -> int:
    """Close items whose content the app never stored (its write rolled back after screening), as
    ``not_stored`` with an audit row; an item that changed since it was listed is left open."""
    return unstored.close(items)


def report(
    subject: Subject,
    reporter_id: int,
    reason: str,
    key: str,
    *,
    details: str | None = None,
    reporter_verified: bool = False,
) -> ReportReceipt:
    """Store a user's report with its evidence snapshot; acknowledged only after commit.

    The same ``key`` from the same reporter returns the stored report (``created=False``); a key
    reused for a different subject or reason raises a ``ModerationError`` (409).
    """
    if reason not in reports.REASONS:
        raise ValueError(f"unknown report reason {reason!r}")
    return reports.do_report(
        subject, reporter_id, reason, key, details=details, reporter_verified=reporter_verified
    )


def find_report(reporter_id: int, key: str) -> ReportReceipt | None:
    """The report this reporter already made under this idempotency key, if any."""
    return reports.find(reporter_id, key)


def my_reports(user_id: int, before: int | None = None, limit: int = 50) -> list[ReportReceipt]:
    """Up to ``limit + 1`` of a reporter's reports older than ``before``, newest first, with status
    and outcome (never the sanction)."""
    return reports.mine(user_id, before, limit)


def appeal(author_id: int, subject_type: str, subject_id: str, reason: str) -> dict[str, Any]:
    """An author appeals the removal of their content, once (a ``ModerationError``: 409 the second time,
    404 when nothing of theirs was removed). Returns {id, subject_type, subject_id,
    status, created_at}."""
    return appeals.do_appeal(author_id, subject_type, subject_id, reason)


def my_appeals(user_id: int, before: int | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Up to ``limit + 1`` of an author's appeals older than ``before``, newest first."""
    return appeals.mine(user_id, before, limit)


def set_protected_terms(family_key: str, terms: list[str], *, actor: Actor) -> list[str]:
    """Replace a family's protected names; stored only in the moderation database."""
    return rules.do_set_protected_terms(actor, family_key, terms)


def protected_terms(family_key: str) -> list[str]:
    return rules.get_protected_terms(family_key)


def reporters_of(item_id: int) -> list[int]:
    """Who reported a queue item: the backend tells them its outcome (``Decision.item_id``)."""
    return reports.reporter_ids(item_id)


def lead_notices_since(after: datetime, limit: int = 100) -> list[dict[str, Any]]:
    """Notices for the safeguarding lead (missed deadlines, escalations) created after ``after``,
    oldest first: {id, kind, item_id, recipient_id (None: whoever is on call), priority, audience,
    created_at}. The backend copies them into its own notifications (idempotent on ``id``)."""
    return notifications.since(after, limit)


def author_signposts_since(after: datetime, limit: int = 100) -> list[dict[str, Any]]:
    """Crisis signposts owed to authors for a risk to life found after their content was published
    (the second reading), created after ``after``, oldest first: {id, recipient_id, category,
    signposts: [{name, contact, description}]}. The backend tells each author (idempotent on ``id``)."""
    return notifications.author_signposts_since(after, limit)


def run_due_timers(now: datetime | None = None) -> dict[str, Any]:
    """One pass of the timers: missed deadlines, lapsed claims, effect retries."""
    return timers.run_due_timers(now)


def database_ok() -> bool:
    """True when the moderation database answers (used by the health check)."""
    try:
        db.session().execute(text("SELECT 1"))
        db.end_read()
        return True
    except Exception:
        return False


def engine(app: Flask) -> Engine:
    return db.engine(app)
