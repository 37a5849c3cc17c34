"""The nearby search trusts each profile's ``visible`` flag and family instead of reading the owners'
accounts per candidate (``search.py``). These tests hold it to that: the flag follows every change
of an owner's rights made through the product, the matches equal a brute-force scan over the rules
as the accounts say now, and a page never shows a family whose account no longer qualifies."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import literal_column, select
from sqlalchemy.exc import DBAPIError

from backend.accounts import personas as p
from backend.accounts.models import Block, Family, User
from backend.auth import service as auth
from backend.core.db import db
from backend.playdates import location, profiles, search
from backend.playdates import vocabulary as v
from backend.playdates.models import PlaydateHide, PlaydateProfile
from tests.factories import CLIENT_ID, make_user
from tests.playdates.helpers import HOME, handles, put_profile


def _visible(user_id: int) -> bool:
    return bool(db.session.scalar(select(PlaydateProfile.visible).where(PlaydateProfile.user_id == user_id)))


def test_the_flag_follows_every_change_of_rights_made_through_the_api(client: Any) -> None:
    admin = make_user(p.ADMIN)
    viewer, suspended, regranted = make_user(p.ADOPTER), make_user(p.ADOPTER), make_user(p.SPECIAL_GUARDIAN)
    for who in (viewer, suspended, regranted):
        put_profile(client, who)
    assert len(handles(client, viewer)) == 2
    # Suspended: not found, and still not found once reinstated until the family turns it on again.
    for flag in (True, False):
        response = client.post(
            f"/api/v1/admin/users/{suspended.id}/suspension",
            json={"suspended": flag, "reason": "test"},
            headers=admin.headers,
        )
        assert response.status_code == 200, response.json
        assert not _visible(suspended.id)
        assert len(handles(client, viewer)) == 1
    # Given a persona that may not use the finder (an adult adoptee): hidden in the same transaction.
    response = client.post(
        f"/api/v1/admin/users/{regranted.id}/persona",
        json={"persona": p.ADULT_ADOPTEE},
        headers=admin.headers,
    )
    assert response.status_code == 200, response.json
    assert not _visible(regranted.id)
    assert handles(client, viewer) == set()
    # The reinstated family signs in again (suspension signed it out), turns the finder back on and
    # is found again.
    suspended.token = auth.do_issue_tokens(db.session.get(User, suspended.id), CLIENT_ID).access_token
    put_profile(client, suspended)
    assert len(handles(client, viewer)) == 1


def _brute_force(viewer: User, cell: str, age: int, interest: int) -> set[int]:
    """Every profile, tested in Python against the rules read from the accounts as they are now."""
    ring = set(location.nearby_cells(cell))
    apart = {
        b
        for a, b in db.session.execute(select(PlaydateHide.owner_id, PlaydateHide.hidden_id))
        if a == viewer.id
    }
    apart |= {
        a
        for a, b in db.session.execute(select(PlaydateHide.owner_id, PlaydateHide.hidden_id))
        if b == viewer.id
    }
    apart |= {b for a, b in db.session.execute(select(Block.blocker_id, Block.blocked_id)) if a == viewer.id}
    apart |= {a for a, b in db.session.execute(select(Block.blocker_id, Block.blocked_id)) if b == viewer.id}
    found = set()
    for profile in db.session.scalars(select(PlaydateProfile)):
        owner = db.session.get(User, profile.user_id)
        family = db.session.get(Family, owner.family_id) if owner and owner.family_id else None
        if (
            profile.cell in ring
            and profile.visible
            and owner is not None
            and owner.status == "active"
            and owner.persona in p.CARERS
            and family is not None
            and family.verified_at is not None
            and owner.family_id != viewer.family_id
            and owner.id not in apart
            and (not age or profile.age_bands & age)
            and (not interest or profile.interests & interest)
        ):
            found.add(profile.id)
    return found


def test_matches_equal_a_brute_force_scan_over_the_rules(client: Any) -> None:
    admin = make_user(p.ADMIN)
    viewer = make_user(p.ADOPTER)
    put_profile(client, viewer)
    co_carer = make_user(p.SPECIAL_GUARDIAN, family=viewer.user.family)  # the viewer's own family
    put_profile(client, co_carer, age_bands=["0-2"])
    others = [make_user(p.ADOPTER) for _ in range(8)]
    for n, who in enumerate(others):
        put_profile(
            client, who, age_bands=["0-2"] if n % 2 else ["8-11"], interests=["music"] if n % 3 else ["sport"]
        )
    far = make_user(p.ADOPTER)
    put_profile(client, far, lat=HOME[0] + 0.5)  # well outside the ring
    # Kept apart four ways, one suspended, one no longer a carer.
    client.post(f"/api/v1/playdates/hidden/{others[0].id}", headers=viewer.headers)
    client.post(f"/api/v1/playdates/hidden/{viewer.id}", headers=others[1].headers)
    db.session.add_all(
        [
            Block(blocker_id=viewer.id, blocked_id=others[2].id),
            Block(blocker_id=others[3].id, blocked_id=viewer.id),
        ]
    )
    db.session.commit()
    client.post(
        f"/api/v1/admin/users/{others[4].id}/suspension",
        json={"suspended": True, "reason": "test"},
        headers=admin.headers,
    )
    client.post(
        f"/api/v1/admin/users/{others[5].id}/persona",
        json={"persona": p.ADULT_ADOPTEE},
        headers=admin.headers,
    )
    db.session.expire_all()
    user = db.session.get(User, viewer.id)
    cell = profiles.own_profile(user).cell  # type: ignore[union-attr]
    checked = 0
    for age in (None, "0-2", "8-11"):
        for interest in (None, "music", "sport"):
            got = search.matching(user, cell, age, interest)
            expected = _brute_force(
                user,
                cell,
                v.bit(v.AGE_BANDS, age) if age else 0,
                v.bit(v.INTERESTS, interest) if interest else 0,
            )
            assert sorted(got) == sorted(expected), (age, interest)
            # The driver-cursor shortcut equals the statement run the general way, through the session.
            general = db.session.scalars(search.MATCHING, search.matching_params(user, cell, age, interest))
            assert sorted(got) == sorted(general), (age, interest)
            checked += len(expected)
    assert checked > 0
    # Exactly the two families no rule keeps from the viewer, and the page shows both.
    assert len(search.matching(user, cell)) == 2
    assert len(handles(client, viewer)) == 2


def test_a_page_never_shows_a_family_whose_account_stopped_qualifying(client: Any) -> None:
    """Were the flag ever stale (an account changed outside the product's services), the page still
    re-checks the accounts of the families it shows."""
    viewer, other = make_user(p.ADOPTER), make_user(p.ADOPTER)
    put_profile(client, viewer)
    put_profile(client, other)
    assert len(handles(client, viewer)) == 1
    for change in ("status", "persona", "verified"):
        owner = db.session.get(User, other.id)
        assert owner is not None and owner.family is not None
        if change == "status":
            owner.status = "suspended"
        elif change == "persona":
            owner.persona = p.ADULT_ADOPTEE
        else:
            owner.family.verified_at = None
        db.session.commit()
        assert _visible(other.id)  # written behind the services' back: the flag did not move
        assert handles(client, viewer) == set(), change
        owner.status, owner.persona = "active", p.ADOPTER
        owner.family.verified_at = db.session.get(Family, viewer.user.family_id).verified_at  # type: ignore[union-attr]
        db.session.commit()
        assert len(handles(client, viewer)) == 1


def test_a_driver_error_in_the_search_is_raised_as_sqlalchemy_raises_it(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search runs on the driver's cursor (``core.db.driver_rows``); its errors must still reach
    the error handlers as SQLAlchemy's, so that an unreachable database is answered as an outage."""
    viewer = make_user(p.ADOPTER)
    put_profile(client, viewer)
    user = db.session.get(User, viewer.id)
    cell = profiles.own_profile(user).cell  # type: ignore[union-attr]
    broken = "SELECT no_such_column FROM playdate_profiles"
    with pytest.raises(DBAPIError) as general:
        db.session.connection().exec_driver_sql(broken)
    db.session.rollback()
    monkeypatch.setattr(
        search, "MATCHING", select(literal_column("no_such_column")).select_from(PlaydateProfile)
    )
    with pytest.raises(DBAPIError) as ours:
        search.matching(user, cell)  # type: ignore[arg-type]
    db.session.rollback()
    assert type(ours.value) is type(general.value)
    assert type(ours.value.orig) is type(general.value.orig)
