"""What staff and moderators do to accounts: personas granted, suspension, posting mutes and
warnings, each with its account event in the same transaction.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from backend.accounts import personas as p
from backend.accounts.hooks import _rights_changed, _suspension_hooks
from backend.accounts.models import (
    AccountEvent,
    AccountStatus,
    User,
)
from backend.auth.models import TokenFamily
from backend.core.db import db, utcnow
from backend.core.errors import Forbidden, NotFound, Unauthorized, Unprocessable

# --- account events and personas -----------------------------------------------------------------


def record_event(user_id: int, kind: str, actor: User | None = None, **detail: Any) -> None:
    db.session.add(
        AccountEvent(user_id=user_id, kind=kind, actor_id=actor.id if actor else None, detail=detail)
    )


def do_grant_persona(admin: User, user_id: int, persona: str) -> User:
    """Staff personas are granted only by an admin; never to or from a young person's account."""
    if admin.persona != p.ADMIN:
        raise NotFound()
    user = db.session.get(User, user_id)
    if user is None or user.status == AccountStatus.DELETED:
        raise NotFound()
    if persona not in p.PERSONAS or persona == p.YOUNG_PERSON or user.persona == p.YOUNG_PERSON:
        raise Unprocessable("Persona cannot be granted", {"persona": ["Not allowed for this account."]})
    previous, user.persona = user.persona, persona
    record_event(user.id, "persona_changed", admin, previous=previous, persona=persona)
    _rights_changed(user)
    db.session.commit()
    return user


def _close_sessions(user: User, reason: str) -> None:
    db.session.execute(
        update(TokenFamily)
        .where(TokenFamily.user_id == user.id, TokenFamily.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )
    for hook in _suspension_hooks:
        hook(user)
    _rights_changed(user)


def do_admin_set_suspended(admin: User, user_id: int, suspended: bool, reason: str) -> User:
    if admin.persona != p.ADMIN or admin.id == user_id:
        raise NotFound()
    return do_set_suspended(admin.id, user_id, suspended, reason)


def do_set_suspended(actor_id: int | None, user_id: int, suspended: bool, reason: str) -> User:
    """Used by moderation decisions and admins. A suspended account is signed out everywhere."""
    user = db.session.get(User, user_id)
    if user is None or user.status == AccountStatus.DELETED:
        raise NotFound()
    user.status = AccountStatus.SUSPENDED if suspended else AccountStatus.ACTIVE
    if suspended:
        _close_sessions(user, "suspended")
    db.session.add(
        AccountEvent(
            user_id=user.id,
            kind="suspended" if suspended else "reinstated",
            actor_id=actor_id,
            detail={"reason": reason},
        )
    )
    db.session.commit()
    return user


# --- posting sanctions ---------------------------------------------------------------------------


def check_can_post(user: User) -> None:
    """Every feature that accepts content calls this: suspended or muted people may not post."""
    if not user.is_active:
        raise Unauthorized()
    if user.posting_muted_until is not None and user.posting_muted_until > utcnow():
        raise Forbidden(
            "You cannot post right now",
            {"posting_muted_until": [user.posting_muted_until.isoformat()]},
        )


def do_mute_posting(actor_id: int | None, user_id: int, hours: int, reason: str) -> User:
    """A moderator's mute: the person may read but not post for a while."""
    user = db.session.get(User, user_id)
    if user is None or user.status == AccountStatus.DELETED:
        raise NotFound()
    user.posting_muted_until = utcnow() + timedelta(hours=hours)
    db.session.add(
        AccountEvent(
            user_id=user.id,
            kind="posting_muted",
            actor_id=actor_id,
            detail={"hours": hours, "reason": reason},
        )
    )
    db.session.commit()
    return user


def do_record_warning(actor_id: int | None, user_id: int, reason: str) -> None:
    db.session.add(AccountEvent(user_id=user_id, kind="warned", actor_id=actor_id, detail={"reason": reason}))
    db.session.commit()
