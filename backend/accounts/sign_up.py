"""Self-service sign-up that does not tell anyone whether an email address has an account.

Whether someone has an account here says they are an adoptive family, a special guardian or an
adopted person: the kind of fact that identity-exposure screening protects elsewhere (PRODUCT.md 2.7).
So ``POST /api/v1/accounts`` answers the same way (202, ``SIGN_UP_RECEIVED``) for a new email and for
one already registered, after the same work:

- every check a registration makes (persona, age, password policy, display-name screening) runs in
  both cases, so a refusal (422) never depends on the email;
- for a registered email, the whole registration is rehearsed under a stand-in address (the same
  password hashing, inserts and screening) and rolled back, so the time taken is the same too;
- the owner of the existing account is told: an ``AccountEvent`` of kind ``sign_up_attempted`` on
  their account (there is no email or notifications service yet; the event is in their data export,
  ``GET /api/v1/me/export``, and in the account's record for staff), and a log line with the account
  id (never the address).

The person who signed up is told to sign in: with the password they just chose if the account is new,
or with their existing password (or by asking for help) if they already had one.
"""

from __future__ import annotations

import logging
import secrets
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.accounts import service as accounts
from backend.accounts.models import AccountEvent, User
from backend.core.db import db
from backend.core.errors import Conflict

log = logging.getLogger(__name__)

SIGN_UP_RECEIVED = {
    "status": "received",
    "message": (
        "Thank you. If this email address was new to us, your account is ready: sign in with it and "
        "the password you chose. If you already had an account, sign in with your existing password."
    ),
}

# Never a deliverable address (RFC 2606 reserves .invalid), so a rehearsal can never collide with
# or stand for a real account.
_STAND_IN_DOMAIN = "sign-up.invalid"


def do_sign_up(
    *,
    email: str,
    password: str,
    display_name: str,
    date_of_birth: date,
    persona: str,
    region: str | None = None,
) -> dict[str, Any]:
    """Register an adult, or tell the owner of the existing account; the same answer either way."""
    details: dict[str, Any] = dict(
        password=password,
        display_name=display_name,
        date_of_birth=date_of_birth,
        persona=persona,
        region=region,
    )
    email = accounts.normalise_email(email)
    owner_id = _owner_of(email)
    if owner_id is None:
        try:
            accounts.register_adult(email=email, **details)
            db.session.commit()
            return SIGN_UP_RECEIVED
        except (IntegrityError, Conflict):
            # Registered by a concurrent sign-up between our look-up and our insert.
            db.session.rollback()
            owner_id = _owner_of(email)
            if owner_id is None:
                raise
    else:
        # The same checks and the same work as a new registration (a 422 here is the same 422 a new
        # address would get), then nothing of it is kept.
        try:
            accounts.register_adult(email=f"{secrets.token_hex(16)}@{_STAND_IN_DOMAIN}", **details)
        finally:
            db.session.rollback()
    _tell_the_owner(owner_id)
    return SIGN_UP_RECEIVED


def _owner_of(email: str) -> int | None:
    return db.session.scalar(select(User.id).where(User.email == email))


def _tell_the_owner(user_id: int) -> None:
    db.session.add(AccountEvent(user_id=user_id, kind="sign_up_attempted", actor_id=None, detail={}))
    db.session.commit()
    log.info("sign-up attempted with a registered email", extra={"user_id": user_id})
