"""The nearby search: families whose cell is in the fixed ring around the searcher's own cell.

One statement finds every match, and it reads one index only (``ix_playdate_profiles_nearby``:
the cell first, then the flag, the filters and the ids): ``cell IN (ring)``, ``visible``, the age band
and interest as bit tests, another family, and not kept apart from the searcher (hidden or blocked,
either way; a subquery run once per search). It does not join the owners' accounts: ``visible`` is
true only while the owner may use the finder (``profiles.recheck`` and ``hide_profile`` clear it in
the transaction that changes that), and the profile carries the owner's family. The page shown is
then read with the owners' accounts joined, so a family whose account no longer qualifies is never
shown even if its flag were stale. Plain SQL on SQLite and PostgreSQL, no extension. Benchmark B5
(``bench/scenarios/b5_playdates.py``) checks the matches against a brute-force scan in Python over
100,000 families.

What a search returns leaks nothing finer than a cell: no distance, no cell, no account id, and a
small random sample of the matches in random order (``PAGE_CAP``), so neither the order nor the page
boundary says who is closer.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import Integer, String, bindparam, select, true, union_all

from backend.accounts import personas as p
from backend.accounts.models import AccountStatus, Block, Family, User
from backend.core.db import db, driver_rows
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

_profiles = PlaydateProfile.__table__
_hides = PlaydateHide.__table__
_blocks = Block.__table__
_viewer = bindparam("viewer", type_=Integer)


def _kept_apart_ids() -> Any:
    """Everyone the viewer is kept apart from: hidden either way, or blocked either way."""
    return union_all(
        select(_hides.c.hidden_id).where(_hides.c.owner_id == _viewer),
        select(_hides.c.owner_id).where(_hides.c.hidden_id == _viewer),
        select(_blocks.c.blocked_id).where(_blocks.c.blocker_id == _viewer),
        select(_blocks.c.blocker_id).where(_blocks.c.blocked_id == _viewer),
    )


def _has_mask(column: Any, name: str) -> Any:
    """The profile has every bit of the mask: a filter is one vocabulary value (one bit), and no
    filter is 0, which every profile has."""
    mask = bindparam(name, type_=Integer)
    return column.op("&")(mask) == mask


# A ring holds at most this many cells (fewer around one of H3's pentagons); a smaller ring is padded by
# repeating a cell, so the statement always has the same parameters.
RING_CELLS = 1 + 3 * location.RING * (location.RING + 1)
_CELLS = [f"cell{i}" for i in range(RING_CELLS)]

# Built once: every search runs the same statement, rendered once per database (``driver_rows``).
MATCHING = select(_profiles.c.id).where(
    _profiles.c.cell.in_([bindparam(name, type_=String) for name in _CELLS]),
    _profiles.c.visible == true(),
    _profiles.c.family_id != bindparam("family", type_=Integer),
    _profiles.c.user_id != _viewer,
    _has_mask(_profiles.c.age_bands, "age"),
    _has_mask(_profiles.c.interests, "interest"),
    _profiles.c.user_id.not_in(_kept_apart_ids()),
)


def matching_params(user: User, cell: str, age_band: str | None, interest: str | None) -> dict[str, Any]:
    """``MATCHING``'s parameters for one search: the ring around ``cell``, the viewer and the filters."""
    ring = location.nearby_cells(cell)
    params: dict[str, Any] = dict(zip(_CELLS, ring + ring[:1] * (RING_CELLS - len(ring)), strict=True))
    params["viewer"] = user.id
    params["family"] = user.family_id
    params["age"] = v.bit(v.AGE_BANDS, age_band) if age_band else 0
    params["interest"] = v.bit(v.INTERESTS, interest) if interest else 0
    return params


def matching(user: User, cell: str, age_band: str | None = None, interest: str | None = None) -> list[int]:
    """The ids of every profile the viewer may find around ``cell``, unsampled (the benchmark compares
    them with its oracle).

    ``MATCHING`` runs on the driver's own cursor, in the session's transaction (``core.db.driver_rows``):
    the statement takes 0.06-0.09 ms on SQLite, and SQLAlchemy's execution around it (context,
    result, row objects) added about a quarter to that, and 0.08 ms when the CPU's caches are cold
    (``bench/LEDGER.md``). Equal to ``db.session.execute(MATCHING, params)``
    (``tests/playdates/test_search.py``); a driver error is raised as SQLAlchemy raises it, so an
    unreachable database is still an outage (503)."""
    params = matching_params(user, cell, age_band, interest)
    return [profile_id for (profile_id,) in driver_rows(db.session.connection(), MATCHING, params)]


def shown(user: User, ids: list[int]) -> list[Any]:
    """The result rows of these profiles, in the given order, re-checked against the owners' accounts
    as they are now (active, a carer, verified family, another family)."""
    if not ids:
        return []
    rows = db.session.execute(
        select(PlaydateProfile.id, *RESULT_COLUMNS)
        .join(User, User.id == PlaydateProfile.user_id)
        .join(Family, Family.id == User.family_id)
        .where(
            PlaydateProfile.id.in_(ids),
            PlaydateProfile.visible.is_(True),
            User.status == AccountStatus.ACTIVE,
            # Not indexable on purpose: the read must start from the profiles' ids, never from the
            # persona index over every account (SQLite's planner, without statistics, would).
            (User.persona + "").in_(p.CARERS),
            Family.verified_at.is_not(None),
            User.family_id != user.family_id,
        )
    ).all()
    by_id = {row[0]: tuple(row[1:]) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


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


def searcher_profile(user: User) -> PlaydateProfile:
    access_finder(user)
    profile = own_profile(user)
    if profile is None or not profile.visible:
        # Finding others means being findable: a family searches from its own profile's cell.
        raise Conflict("Turn your playdate profile on to see families nearby")
    return profile


def nearby(user: User, age_band: str | None = None, interest: str | None = None) -> list[dict[str, Any]]:
    profile = searcher_profile(user)
    views = page(user, profile.cell, age_band, interest)
    touch(profile)
    db.session.commit()
    return views


def page(
    user: User, cell: str, age_band: str | None = None, interest: str | None = None
) -> list[dict[str, Any]]:
    """What a search shows: a random sample of the matches, in random order."""
    ids = matching(user, cell, age_band, interest)
    picked = _random.sample(ids, min(PAGE_CAP, len(ids)))
    return [result_view(row) for row in shown(user, picked)]
