"""Who may see and do what in moderation: need-to-know, decided here and nowhere else.

- The queue, rules and the dry-run screen: moderators and the safeguarding lead. Admins are
  operators (configuration, accounts, PRODUCT.md 1) and have no need to read what people disclose.
- Young people's items: only staff with a recorded, in-date enhanced DBS check (PRODUCT.md 3).
  To everyone else they do not exist: the same 404 as a missing item, and left out of lists.
- Safeguarding cases and breach notifications: the safeguarding lead only (PRODUCT.md 2.7).
- Checking the audit chain: moderators, the lead and admins; it shows row numbers, never content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app

from moderation.models import QueueItem
from moderation.types import Actor, NotAuthenticated, NotFound

MODERATORS = ("moderator", "safeguarding_lead")
SAFEGUARDING_LEAD = "safeguarding_lead"
AUDIT_CHECKERS = ("moderator", "safeguarding_lead", "admin")

F = TypeVar("F", bound=Callable[..., Any])


def only(*personas: str) -> Callable[[F], F]:
    """Mark a route as being for these personas. The app that mounts moderation reads the mark
    (the ``_personas`` attribute, the backend's ``core.gate``) and answers everyone else 404 before
    it looks at the method or the body, so nobody learns from a 405 or a 422 that the route is
    there. The view still calls ``require_*`` below: the mark hides, the check decides."""

    def mark(view: F) -> F:
        view._personas = frozenset(personas)  # type: ignore[attr-defined]
        return view

    return mark


def current_actor() -> Actor:
    """The caller, as the backend told us at start-up; 401 when there is none."""
    hook = current_app.extensions["moderation_hooks"]["current_actor"]
    actor = hook() if hook is not None else None
    if actor is None:
        raise NotAuthenticated()
    return actor


def is_moderator(actor: Actor) -> bool:
    return actor.persona in MODERATORS


def sees_youth(actor: Actor) -> bool:
    return is_moderator(actor) and actor.may_work_with_young_people


def is_safeguarding_lead(actor: Actor) -> bool:
    return actor.persona == SAFEGUARDING_LEAD


def require_moderator(actor: Actor) -> Actor:
    """Everything under /moderation that is not for moderators does not exist for the caller."""
    if not is_moderator(actor):
        raise NotFound()
    return actor


def require_lead(actor: Actor) -> Actor:
    if not is_safeguarding_lead(actor):
        raise NotFound()
    return actor


def require_audit_checker(actor: Actor) -> Actor:
    if actor.persona not in AUDIT_CHECKERS:
        raise NotFound()
    return actor


def may_see_item(actor: Actor, item: QueueItem) -> bool:
    return is_moderator(actor) and (item.audience != "youth" or actor.may_work_with_young_people)
