"""Persona x route access table for the playdate finder: verified carers only; everyone else gets
the same 404 as for a missing route, and nobody without a token gets anything but 401."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import pytest

from backend.core.db import db, utcnow
from backend.playdates import profiles
from backend.playdates.models import PlaydateHide, PlaydateInvitation
from tests.factories import (
    AccessRow,
    assert_access_row,
    assert_table_covers,
    make_user,
    row_ids,
)
from tests.playdates.helpers import HOME, profile_body

FINDERS = {"adopter", "guardian", "mentor"}  # verified carers (the mentor is a verified adopter)

_n = itertools.count(1)


def _profile(persona: Any) -> str:
    existing = profiles.own_profile(persona.user)
    if existing is not None:
        return existing.handle
    view = profiles.do_put_profile(persona.user, profile_body(*HOME)).resource
    return str(view["handle"])


def _with_profiles(cast: Any) -> None:
    for name in FINDERS:
        _profile(getattr(cast, name))


def _fresh_family(cast: Any) -> str:
    """A new verified family nearby, with its profile on: its handle."""
    _with_profiles(cast)
    return _profile(make_user("adopter"))


def _invitation(from_id: int, to_id: int) -> int:
    start = utcnow() + timedelta(days=2)
    invitation = PlaydateInvitation(
        from_id=from_id,
        to_id=to_id,
        venue_type="park",
        window_start=start,
        window_end=start + timedelta(hours=1),
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation.id


def _to_guardian(cast: Any) -> int:
    """A new pending invitation from a new family to the guardian."""
    _with_profiles(cast)
    return _invitation(make_user("adopter").id, cast.guardian.id)


def _hidden_by_finders(cast: Any) -> int:
    target = make_user("adopter").id
    db.session.add_all([PlaydateHide(owner_id=getattr(cast, n).id, hidden_id=target) for n in FINDERS])
    db.session.commit()
    return target


def _invite_body(cast: Any) -> dict[str, Any]:
    start = utcnow() + timedelta(days=3)
    return {
        "handle": _fresh_family(cast),
        "venue_type": "playground",
        "window_start": start.isoformat(),
        "window_end": (start + timedelta(hours=2)).isoformat(),
    }


TABLE: list[AccessRow] = [
    ("PUT", lambda c: "/api/v1/playdates/profile", lambda c: profile_body(*HOME), FINDERS, 201),
    ("GET", lambda c: (_with_profiles(c), "/api/v1/playdates/profile")[1], None, FINDERS, 200),
    ("DELETE", lambda c: (_with_profiles(c), "/api/v1/playdates/profile")[1], None, FINDERS, 204),
    ("GET", lambda c: (_with_profiles(c), "/api/v1/playdates/nearby?age_band=3-4")[1], None, FINDERS, 200),
    ("GET", lambda c: "/api/v1/playdates/invitations", None, FINDERS, 200),
    ("POST", lambda c: "/api/v1/playdates/invitations", _invite_body, FINDERS, 201),
    (
        "GET",
        lambda c: f"/api/v1/playdates/invitations/{_invitation(c.adopter.id, c.guardian.id)}",
        None,
        {"adopter", "guardian"},
        200,
    ),
    ("POST", lambda c: f"/api/v1/playdates/invitations/{_to_guardian(c)}/accept", None, {"guardian"}, 200),
    ("POST", lambda c: f"/api/v1/playdates/invitations/{_to_guardian(c)}/decline", None, {"guardian"}, 204),
    ("POST", lambda c: f"/api/v1/playdates/hidden/{c.adopter2.id}", None, FINDERS, 204),
    ("DELETE", lambda c: f"/api/v1/playdates/hidden/{_hidden_by_finders(c)}", None, FINDERS, 204),
]


@pytest.mark.parametrize("row", TABLE, ids=row_ids(TABLE))
def test_access_table(client: Any, cast: Any, row: AccessRow) -> None:
    assert_access_row(client, cast, row)


def test_every_playdates_route_is_in_the_table(app: Any, cast: Any) -> None:
    assert_table_covers(app, cast, TABLE, "playdates")
