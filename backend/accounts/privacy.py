"""Privacy settings: defaults, values young people may not change, and changes that need confirming."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import (
    PrivacySettings,
    User,
)
from backend.accounts.people import _privacy_defaults, is_youth
from backend.core.db import db
from backend.core.errors import Unprocessable

# --- privacy -------------------------------------------------------------------------------------

# For each setting, the value that is more private. Moving away from it lowers privacy.
_PRIVATE_VALUE: dict[str, Any] = {
    "allow_connection_requests": False,
    "youth_dms_enabled": False,
    "show_presence": False,
    "show_region": False,
    "playdate_profile_enabled": False,
    "location_enabled": False,
    "personalised_suggestions": False,
    "nudges_enabled": False,
}
_YOUTH_LOCKED = {
    "allow_connection_requests",
    "playdate_profile_enabled",
    "location_enabled",
    "personalised_suggestions",
}


def privacy(user: User) -> PrivacySettings:
    """The person's settings: the stored ones, or the defaults, unsaved, for an account with none
    stored (sign-up stores them). Reading never writes, so checks that read it (who may message
    whom) stay checks; ``do_update_privacy`` stores them."""
    return db.session.get(PrivacySettings, user.id) or _privacy_defaults(user)


def do_update_privacy(user: User, changes: dict[str, Any], confirm: bool) -> PrivacySettings:
    """Any change that lowers privacy needs an explicit confirmation (PRODUCT.md section 3)."""
    settings = privacy(user)
    lowering = [
        name
        for name, value in changes.items()
        if name in _PRIVATE_VALUE and value != _PRIVATE_VALUE[name] and getattr(settings, name) != value
    ]
    if is_youth(user):
        locked = sorted(set(lowering) & _YOUTH_LOCKED)
        if locked:
            raise Unprocessable(
                "Not available for young people's accounts", {name: ["Not available."] for name in locked}
            )
    if lowering and not confirm:
        raise Unprocessable(
            "Confirm to reduce your privacy",
            {"confirm": [f"Set confirm to true to turn on: {', '.join(sorted(lowering))}."]},
        )
    for name, value in changes.items():
        setattr(settings, name, value)
    db.session.add(settings)  # the defaults, if none were stored yet
    db.session.commit()
    return settings
