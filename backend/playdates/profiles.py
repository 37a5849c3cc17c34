"""A family's playdate profile: turn it on (with an explicit confirmation), change it, turn it off.

The coordinates in the request become a cell in ``location.cell_of`` and are dropped here; the
profile keeps the cell and the area label the family chose. The short text is screened like a group
proposal: anything but ``allow`` is refused with the reason (it cannot wait half-shown), and nothing
of the request is saved.

Moderation keeps the refused text under the subject ``playdate_profile`` with the owner's account id,
as for the other profile texts (display names, mentoring profiles): a family has one profile, and an
account id always exists and is never anyone else's. The profile's own id would not do: a refused
first profile is rolled back, and the queue item would name an id that was never stored (and that,
on SQLite, the next family's profile takes).
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import delete, select

from backend import safeguarding
from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.core.errors import NotFound, Unprocessable
from backend.core.html import screening_text
from backend.core.statuses import Saved
from backend.playdates import location
from backend.playdates import vocabulary as v
from backend.playdates.models import PlaydateProfile
from backend.playdates.walls import access_finder, standing

LISTS = (
    ("age_bands", v.AGE_BANDS),
    ("interests", v.INTERESTS),
    ("accessibility", v.ACCESSIBILITY),
    ("availability", v.AVAILABILITY),
)


def own_profile(user: User) -> PlaydateProfile | None:
    return db.session.scalar(select(PlaydateProfile).where(PlaydateProfile.user_id == user.id))


def touch(profile: PlaydateProfile) -> None:
    """Any use of the finder counts as activity and withdraws a pending "going quiet" notice."""
    profile.last_active_at = utcnow()
    profile.quiet_notice_at = None


def profile_view(profile: PlaydateProfile) -> dict[str, Any]:
    """The family's own view of its profile (never the cell)."""
    return {
        "visible": profile.visible,
        "handle": profile.handle,
        "area": profile.area,
        **{name: v.from_mask(vocab, getattr(profile, name)) for name, vocab in LISTS},
        "about": profile.about,
        "last_active_at": profile.last_active_at,
    }


def get_profile(user: User) -> dict[str, Any]:
    access_finder(user)
    profile = own_profile(user)
    if profile is None:
        raise NotFound("You have no playdate profile; the finder is off")
    touch(profile)
    view = profile_view(profile)
    db.session.commit()
    return view


def _screen_about(user: User, about: str) -> None:
    if not about:
        return
    verdict = safeguarding.screen(
        safeguarding.subject(
            type="playdate_profile",
            id=user.id,  # the family's profile, named by its owner (see the module's docstring)
            author=user,
            text=screening_text(plain=about),
            youth_space=False,
            space=f"playdate_profile:{user.id}",
        )
    )
    if verdict.action != "allow":
        safeguarding.rollback_refused_edit()  # nothing is saved; moderation keeps what was refused
    safeguarding.refuse_unless_allowed(verdict, "Text not allowed", "about", "This text can't be used here.")


def do_put_profile(user: User, data: dict[str, Any]) -> Saved[dict[str, Any]]:
    """Create or change the caller's profile; returns its view and whether this call created it."""
    access_finder(user)
    profile = own_profile(user)
    created = profile is None
    latitude, longitude = data.pop("latitude", None), data.pop("longitude", None)
    if created and (latitude is None or "area" not in data or not data.get("age_bands")):
        raise Unprocessable(
            "A new profile needs a position, an area and at least one age band",
            {
                name: ["Missing data for required field."]
                for name, missing in (
                    ("latitude", latitude is None),
                    ("area", "area" not in data),
                    ("age_bands", not data.get("age_bands")),
                )
                if missing
            },
        )
    visible = data.pop("visible", True)
    confirm = data.pop("confirm", False)
    # Turning the finder on shows the family to others nearby: it needs an explicit confirmation
    # (PRODUCT.md 3: anything that reduces privacy).
    if visible and (created or not profile.visible) and not confirm:  # type: ignore[union-attr]
        raise Unprocessable(
            "Turning the playdate finder on shows your family to others nearby; confirm to go ahead",
            {"confirm": ["Send confirm: true to turn the finder on."]},
        )
    if profile is None:
        profile = PlaydateProfile(user_id=user.id, handle=secrets.token_urlsafe(12), about="")
        db.session.add(profile)
    profile.family_id = user.family_id  # type: ignore[assignment]  # a verified carer has a family
    if latitude is not None:
        profile.cell = location.cell_of(latitude, longitude)
    if "area" in data:
        profile.area = data["area"]
    for name, vocab in LISTS:
        if name in data:
            setattr(profile, name, v.to_mask(vocab, data[name]))
    if "about" in data:
        profile.about = data["about"]
    profile.visible = visible
    touch(profile)
    db.session.flush()
    if "about" in data:
        _screen_about(user, profile.about)
    view = profile_view(profile)
    db.session.commit()
    return Saved(view, created)


def do_delete_profile(user: User) -> None:
    """Turn the finder off: the profile, its cell and its area are forgotten."""
    access_finder(user)
    profile = own_profile(user)
    if profile is None:
        raise NotFound()
    db.session.delete(profile)
    db.session.commit()


def forget(user: User) -> None:
    """On account deletion (inside its transaction): the profile goes with the account."""
    db.session.execute(delete(PlaydateProfile).where(PlaydateProfile.user_id == user.id))


def hide_profile(user: User) -> None:
    """On suspension: nobody finds the family while the account is closed. Reinstating the account
    does not show it again; the family turns the finder back on."""
    profile = own_profile(user)
    if profile is not None:
        profile.visible = False


def recheck(user: User) -> None:
    """On any change of rights (a persona changed, the account closed): a profile whose owner may no
    longer use the finder stops being shown, in the same transaction. The search relies on this, as
    it reads ``visible`` instead of the owner's account (``search.py``)."""
    if not standing(user).use:
        hide_profile(user)
