"""Life events and data rights: turning 18 (PRODUCT.md section 1), the export of a person's data
(UK GDPR right of access) and deleting an account (content kept, shown as "Removed account").
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select, update

from backend.accounts import personas as p
from backend.accounts.hooks import _deletion_hooks, _exporters, _turned_18_hooks
from backend.accounts.models import (
    AccountEvent,
    AccountStatus,
    Block,
    Family,
    Invitation,
    Mute,
    PrivacySettings,
    User,
    YouthLink,
)
from backend.accounts.people import REMOVED_NAME, _row, staff_record, today
from backend.accounts.privacy import privacy
from backend.accounts.sanctions import _close_sessions, record_event
from backend.auth.models import TokenFamily
from backend.core.db import db, utcnow

# --- turning 18 --------------------------------------------------------------------------------


def do_turning_18(on: date | None = None) -> list[int]:
    """Daily job: young people who have turned 18 become adult adoptees. Safe to run twice, and in
    several server processes at once."""
    on = on or today()
    moved = [user.id for user in turning_18_candidates(on) if _move_to_adult(user, on)]
    db.session.commit()
    return moved


def turning_18_candidates(on: date) -> list[User]:
    young = db.session.scalars(
        select(User).where(User.persona == p.YOUNG_PERSON, User.status == AccountStatus.ACTIVE)
    )
    return [u for u in young if u.date_of_birth and p.eighteenth_birthday(u.date_of_birth) <= on]


def _move_to_adult(user: User, on: date) -> bool:
    # A conditional write: when two processes run the job at once each person moves (and the hooks
    # run) exactly once, in whichever process updates the row first.
    claimed = db.session.execute(
        update(User)
        .where(User.id == user.id, User.persona == p.YOUNG_PERSON)
        .values(persona=p.ADULT_ADOPTEE)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    user.persona = p.ADULT_ADOPTEE
    # Adults can receive connection requests from adults; nothing else about privacy changes.
    settings = db.session.get(PrivacySettings, user.id)
    if settings is not None:
        settings.youth_dms_enabled = False
    record_event(user.id, "turned_18", None, on=on.isoformat())
    for hook in _turned_18_hooks:
        hook(user)
    return True


# --- data rights ---------------------------------------------------------------------------------


def export(user: User) -> dict[str, Any]:
    """Everything stored about the caller, as JSON (UK GDPR right of access)."""
    session = db.session
    user_row = _row(user)
    user_row.pop("password_hash", None)
    data: dict[str, Any] = {
        "exported_at": utcnow().isoformat(),
        "user": user_row,
        "privacy_settings": _row(privacy(user)),
        "staff_record": _row(record) if (record := staff_record(user)) else None,
        "youth_link": _row(link) if (link := session.get(YouthLink, user.id)) else None,
        "blocks": [_row(b) for b in session.scalars(select(Block).where(Block.blocker_id == user.id))],
        "mutes": [_row(m) for m in session.scalars(select(Mute).where(Mute.muter_id == user.id))],
        "account_events": [
            _row(e) for e in session.scalars(select(AccountEvent).where(AccountEvent.user_id == user.id))
        ],
        "invitations_created": [
            {k: v for k, v in _row(i).items() if k != "token_hash"}
            for i in session.scalars(select(Invitation).where(Invitation.created_by_id == user.id))
        ],
        "sign_in_sessions": [
            {k: v for k, v in _row(f).items()}
            for f in session.scalars(select(TokenFamily).where(TokenFamily.user_id == user.id))
        ],
    }
    if user.family_id is not None and user.persona in p.CARERS:
        family = session.get(Family, user.family_id)
        assert family is not None
        data["family"] = _row(family)
        data["children"] = [_row(c) for c in family.children]
    for name, exporter in _exporters.items():
        data[name] = exporter(user)
    return data


def do_delete_account(user: User) -> None:
    """Remove the account: sign-in closed, identity erased, content kept but anonymised.

    Moderation's records (reports, evidence, cases) are not touched here: they live in the
    moderation database under its own retention policy, so nothing a moderator needs is lost.
    """
    _close_sessions(user, "account_deleted")
    for hook in _deletion_hooks:
        hook(user)
    user.status = AccountStatus.DELETED
    user.email = None
    user.password_hash = None
    user.display_name = REMOVED_NAME
    user.bio_html = ""
    user.date_of_birth = None
    user.region = None
    user.deleted_at = utcnow()
    db.session.execute(delete(Block).where(Block.blocker_id == user.id))
    db.session.execute(delete(Mute).where(Mute.muter_id == user.id))
    record_event(user.id, "account_deleted", user)
    db.session.commit()
