"""Demo data: the demo adopter's family has the finder on, with several demo families nearby (each a
demo account with the demo password), so a search shows something at once. Idempotent."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.playdates import location
from backend.playdates import vocabulary as v
from backend.playdates.models import InvitationStatus, PlaydateInvitation, PlaydateProfile

ADOPTER_POSITION = (53.4808, -2.2426)  # the demo adopter's family, central Manchester
# (email, display name, persona, position, age bands, interests, accessibility, about)
FAMILIES: tuple[tuple[str, str, str, tuple[float, float], list[str], list[str], list[str], str], ...] = (
    (
        "family.ash@demo.example",
        "Ash (adopter)",
        p.ADOPTER,
        (53.4850, -2.2350),
        ["3-4", "5-7"],
        ["outdoors", "animals"],
        ["quiet_spaces"],
        "Two little ones who love the farm and puddles.",
    ),
    (
        "family.kit@demo.example",
        "Kit (kinship carer)",
        p.SPECIAL_GUARDIAN,
        (53.4700, -2.2500),
        ["8-11"],
        ["sport", "swimming"],
        ["step_free"],
        "Grandparent raising a football-mad grandson.",
    ),
    (
        "family.mo@demo.example",
        "Mo (adopter)",
        p.ADOPTER,
        (53.4900, -2.2600),
        ["5-7"],
        ["arts_and_crafts", "sensory_play"],
        ["send_friendly", "quiet_spaces"],
        "Crafts, calm and short visits.",
    ),
    (
        "family.rae@demo.example",
        "Rae (adopter)",
        p.ADOPTER,
        (53.4750, -2.2200),
        ["0-2", "3-4"],
        ["music", "reading"],
        [],
        "New to the area, happy to meet at the library.",
    ),
)


def load(users: dict[str, User], account: Callable[[str, str, str, int, Callable[[], str]], User]) -> None:
    adopter = users["adopter@demo.example"]
    password_hash = adopter.password_hash or ""
    _profile(
        adopter, ADOPTER_POSITION, ["5-7", "12-15"], ["outdoors", "board_games"], [], "Muddy walks welcome."
    )
    made = []
    for email, name, persona, position, ages, interests, access, about in FAMILIES:
        user = account(email, name, persona, 40, lambda: password_hash)
        _profile(user, position, ages, interests, access, about)
        made.append(user)
    db.session.flush()
    # One suggestion waiting for the demo adopter to answer.
    if db.session.scalar(select(PlaydateInvitation.id).where(PlaydateInvitation.to_id == adopter.id)) is None:
        start = (utcnow() + timedelta(days=4)).replace(hour=10, minute=0, second=0, microsecond=0)
        db.session.add(
            PlaydateInvitation(
                from_id=made[0].id,
                to_id=adopter.id,
                venue_type="park",
                venue_details="Heaton Park, by the animal centre",
                message="Would yours like to see the farm animals with ours?",
                window_start=start,
                window_end=start + timedelta(hours=2),
                status=InvitationStatus.PENDING,
            )
        )
    db.session.commit()


def _profile(
    user: User,
    position: tuple[float, float],
    ages: list[str],
    interests: list[str],
    access: list[str],
    about: str,
) -> None:
    if db.session.scalar(select(PlaydateProfile.id).where(PlaydateProfile.user_id == user.id)) is not None:
        return
    db.session.add(
        PlaydateProfile(
            user_id=user.id,
            family_id=user.family_id,
            handle=secrets.token_urlsafe(12),
            visible=True,
            cell=location.cell_of(*position),
            area="North West",
            age_bands=v.to_mask(v.AGE_BANDS, ages),
            interests=v.to_mask(v.INTERESTS, interests),
            accessibility=v.to_mask(v.ACCESSIBILITY, access),
            availability=v.to_mask(v.AVAILABILITY, ["weekends", "school_holidays"]),
            about=about,
        )
    )
