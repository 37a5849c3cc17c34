"""The nearby search: families whose cell is in the fixed ring around the searcher's own cell.

The query is ``cell IN (ring)`` on an indexed string column (``ix_playdate_profiles_cell_visible``),
with the age band and interest as bit tests, on SQLite and PostgreSQL alike, no extension. Benchmark
B5 (``bench/scenarios/b5_playdates.py``) checks it against a brute-force scan of every profile in
Python, with the same cells and filters, over 100,000 families.

What a search returns leaks nothing finer than a cell: no distance, no cell, no account id, and a
small random sample of the matches in random order (``PAGE_CAP``), so neither the order nor the page
boundary says who is closer.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import and_, exists, or_, select

from backend.accounts import personas as p
from backend.accounts.models import AccountStatus, Block, Family, User
from backend.core.db import db
from backend.core.errors import Conflict
from backend.playdates import location
from backend.playdates import vocabulary as v
from backend.playdates.models import PlaydateHide, PlaydateProfile
from backend.playdates.profiles import own_profile, touch
from backend.playdates.walls import access_finder

PAGE_CAP = 20
_random = random.SystemRandom()

RESULT_COLUMNS = (
    PlaydateProfile.handle,
    PlaydateProfile.area,
    PlaydateProfile.age_bands,
    PlaydateProfile.interests,
    PlaydateProfile.accessibility,
    PlaydateProfile.availability,
    PlaydateProfile.about,
)


def kept_apart(a: Any, b: Any) -> Any:
    """SQL: either has hidden their family from the other, or either has blocked the other."""
    return or_(
        exists().where(
            or_(
                and_(PlaydateHide.owner_id == a, PlaydateHide.hidden_id == b),
                and_(PlaydateHide.owner_id == b, PlaydateHide.hidden_id == a),
            )
        ),
        exists().where(
            or_(
                and_(Block.blocker_id == a, Block.blocked_id == b),
                and_(Block.blocker_id == b, Block.blocked_id == a),
            )
        ),
    )


def kept_apart_ids(viewer_id: int) -> set[int]:
    """Everyone the viewer is kept apart from: hidden either way, or blocked either way (two small
    indexed reads, so the search itself tests a list rather than four subqueries per row)."""
    hides = db.session.execute(
        select(PlaydateHide.owner_id, PlaydateHide.hidden_id).where(
            or_(PlaydateHide.owner_id == viewer_id, PlaydateHide.hidden_id == viewer_id)
        )
    ).all()
    blocks = db.session.execute(
        select(Block.blocker_id, Block.blocked_id).where(
            or_(Block.blocker_id == viewer_id, Block.blocked_id == viewer_id)
        )
    ).all()
    return {b if a == viewer_id else a for a, b in [*hides, *blocks]}


def matching_statement(
    viewer_id: int,
    family_id: int | None,
    cells: list[str],
    age_band: str | None,
    interest: str | None,
    apart: set[int] | None = None,
) -> Any:
    """Every profile the viewer may find in ``cells``: visible, of an active, verified carer of another
    family, not kept apart from the viewer, matching the filters. With ``apart`` (``kept_apart_ids``)
    the hide and block rule is a list; without it, the same rule as correlated subqueries."""
    statement = (
        select(*RESULT_COLUMNS)
        .join(User, User.id == PlaydateProfile.user_id)
        .join(Family, Family.id == User.family_id)
        .where(
            PlaydateProfile.cell.in_(cells),
            PlaydateProfile.visible.is_(True),
            PlaydateProfile.user_id != viewer_id,
            User.status == AccountStatus.ACTIVE,
            # Not indexable on purpose: the search must start from the cell index, never from the
            # persona index over every account (SQLite's planner, without statistics, would).
            (User.persona + "").in_(p.CARERS),
            Family.verified_at.is_not(None),
        )
    )
    if apart is None:
        statement = statement.where(~kept_apart(PlaydateProfile.user_id, viewer_id))
    elif apart:
        statement = statement.where(PlaydateProfile.user_id.not_in(sorted(apart)))
    if family_id is not None:
        statement = statement.where(User.family_id != family_id)
    if age_band is not None:
        statement = statement.where(PlaydateProfile.age_bands.op("&")(v.bit(v.AGE_BANDS, age_band)) != 0)
    if interest is not None:
        statement = statement.where(PlaydateProfile.interests.op("&")(v.bit(v.INTERESTS, interest)) != 0)
    return statement


def result_view(row: Any) -> dict[str, Any]:
    handle, area, ages, interests, accessibility, availability, about = row
    return {
        "handle": handle,
        "area": area,
        "age_bands": v.from_mask(v.AGE_BANDS, ages),
        "interests": v.from_mask(v.INTERESTS, interests),
        "accessibility": v.from_mask(v.ACCESSIBILITY, accessibility),
        "availability": v.from_mask(v.AVAILABILITY, availability),
        "about": about,
    }


def matching(user: User, cell: str, age_band: str | None = None, interest: str | None = None) -> list[Any]:
    """Every match, unsampled (the benchmark compares this with its oracle)."""
    cells = location.nearby_cells(cell)
    apart = kept_apart_ids(user.id)
    statement = matching_statement(user.id, user.family_id, cells, age_band, interest, apart)
    return list(db.session.execute(statement))


def searcher_profile(user: User) -> PlaydateProfile:
    access_finder(user)
    profile = own_profile(user)
    if profile is None or not profile.visible:
        # Finding others means being findable: a family searches from its own profile's cell.
        raise Conflict("Turn your playdate profile on to see families nearby")
    return profile


def nearby(user: User, age_band: str | None = None, interest: str | None = None) -> list[dict[str, Any]]:
    profile = searcher_profile(user)
    rows = matching(user, profile.cell, age_band, interest)
    picked = _random.sample(rows, min(PAGE_CAP, len(rows)))
    touch(profile)
    db.session.commit()
    return [result_view(row) for row in picked]
