"""The audience wall on people leaks nothing: an account the wall hides answers exactly as a missing
one, in status and body, on every route that names a person by id (PRODUCT.md 2.1: young people and
adults never see each other; a removed account is not found)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from backend.accounts.models import Block, Mute, User
from backend.core.db import db

_keys = itertools.count(1)

# method, path for a person's id, JSON body for a person's id (or None)
PersonRoute = tuple[str, Callable[[int], str], Callable[[int], Any] | None]

ROUTES: dict[str, PersonRoute] = {
    "profile": ("GET", lambda uid: f"/api/v1/users/{uid}", None),
    "block": ("POST", lambda uid: f"/api/v1/me/blocks/{uid}", None),
    "mute": ("POST", lambda uid: f"/api/v1/me/mutes/{uid}", None),
    "connection request": ("POST", lambda uid: "/api/v1/connections", lambda uid: {"user_id": uid}),
    "direct message": ("POST", lambda uid: "/api/v1/rooms/dm", lambda uid: {"user_id": uid}),
    "report a person": (
        "POST",
        lambda uid: "/api/v1/reports",
        lambda uid: {"subject_type": "user", "subject_id": str(uid), "reason": "bullying"},
    ),
}


def _missing_id() -> int:
    return int(db.session.scalar(select(func.max(User.id))) or 0) + 1000


def _call(client: Any, caller: Any, name: str, uid: int) -> tuple[int, Any]:
    method, path_for, body_for = ROUTES[name]
    headers = {**caller.headers, "Idempotency-Key": f"wall-{next(_keys)}"}
    response = client.open(
        path_for(uid), method=method, json=body_for(uid) if body_for else None, headers=headers
    )
    return response.status_code, response.get_json(silent=True)


def _deleted(client: Any, cast: Any) -> int:
    gone = cast.fresh("adopter")
    assert client.delete("/api/v1/me", headers=gone.headers).status_code == 204
    return gone.id


# caller, and whom the wall hides from them
HIDDEN: dict[str, tuple[str, Callable[[Any, Any], int]]] = {
    "adult -> young person": ("adopter", lambda client, cast: cast.teen.id),
    "young person -> adult": ("teen", lambda client, cast: cast.adopter2.id),
    "staff without DBS -> young person": ("lapsed_moderator", lambda client, cast: cast.teen.id),
    "adult -> removed account": ("guardian", _deleted),
}


@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("case", list(HIDDEN))
def test_a_hidden_account_looks_exactly_like_a_missing_one(
    client: Any, cast: Any, route: str, case: str
) -> None:
    caller_name, hidden_for = HIDDEN[case]
    caller = getattr(cast, caller_name)
    hidden = hidden_for(client, cast)
    missing = _call(client, caller, route, _missing_id())
    assert missing[0] == 404
    assert _call(client, caller, route, hidden) == missing
    # And nothing was recorded against the hidden account.
    assert db.session.scalar(select(Block.id).where(Block.blocked_id == hidden)) is None
    assert db.session.scalar(select(Mute.id).where(Mute.muted_id == hidden)) is None


def test_the_wall_still_lets_people_on_the_same_side_block_and_mute(client: Any, cast: Any) -> None:
    """The control: the same calls succeed where the wall does not stand (and for DBS-checked staff)."""
    assert _call(client, cast.teen, "block", cast.teen2.id)[0] == 201
    assert _call(client, cast.teen, "mute", cast.moderator.id)[0] == 201  # in-date DBS: visible
    assert _call(client, cast.moderator, "mute", cast.teen.id)[0] == 201
    assert _call(client, cast.adopter, "block", cast.adopter2.id)[0] == 201
