"""Changing one's password ends every other sign-in.

Someone changes their password because they think someone else may know it: so every sign-in except
the one making the change is ended (its tokens stop working and its open sockets are disconnected,
``auth/service.revoke_family``), the same as a sign-out on each of those devices.
"""

from __future__ import annotations

from sqlalchemy import select

from backend.accounts import service as accounts
from backend.accounts.models import AccountEvent, User
from backend.auth import service as auth
from backend.auth.models import TokenFamily
from backend.core.db import db
from backend.core.errors import Unprocessable


def do_change_password(
    user: User, current_sign_in: str | None, current_password: str, new_password: str
) -> None:
    """Check the current password (one hash verification, like sign-in), apply the password
    policy, store the new hash and end every other sign-in of the account. One commit."""
    if not accounts.password_matches(user.password_hash, current_password):
        raise Unprocessable(
            "Password not changed", {"current_password": ["That is not your current password."]}
        )
    try:
        accounts.check_password_policy(new_password)
    except Unprocessable as exc:  # the same rule as at sign-up, reported on this form's field
        raise Unprocessable(exc.message, {"new_password": list(exc.errors.get("password", []))}) from exc
    user.password_hash = accounts.hash_password(new_password)
    others = db.session.scalars(
        select(TokenFamily.id).where(
            TokenFamily.user_id == user.id,
            TokenFamily.revoked_at.is_(None),
            TokenFamily.id != (current_sign_in or ""),
        )
    ).all()
    for family_id in others:
        auth.revoke_family(family_id, "password_changed")
    db.session.add(
        AccountEvent(
            user_id=user.id, kind="password_changed", actor_id=user.id, detail={"signed_out": len(others)}
        )
    )
    db.session.commit()
