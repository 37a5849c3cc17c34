"""Hiding a family from named accounts. The search and invitations apply a hide both ways, and
treat a block (``accounts``) as a hide without the family doing anything."""

from __future__ import annotations

from sqlalchemy import select

from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db
from backend.core.errors import BadRequest, NotFound
from backend.playdates.models import PlaydateHide
from backend.playdates.walls import access_finder


def kept_apart(a_id: int, b_id: int) -> bool:
    """Either hid from the other, or either blocked the other."""
    hidden = db.session.scalar(
        select(PlaydateHide.id).where(
            ((PlaydateHide.owner_id == a_id) & (PlaydateHide.hidden_id == b_id))
            | ((PlaydateHide.owner_id == b_id) & (PlaydateHide.hidden_id == a_id))
        )
    )
    return hidden is not None or accounts.is_blocked(a_id, b_id)


def do_hide(user: User, other_id: int) -> None:
    access_finder(user)
    if other_id == user.id:
        raise BadRequest("You cannot hide from yourself")
    accounts.access_user(user, other_id)  # the audience wall: a hidden account answers as a missing one
    existing = db.session.scalar(
        select(PlaydateHide.id).where(PlaydateHide.owner_id == user.id, PlaydateHide.hidden_id == other_id)
    )
    if existing is None:
        db.session.add(PlaydateHide(owner_id=user.id, hidden_id=other_id))
    db.session.commit()


def do_unhide(user: User, other_id: int) -> None:
    access_finder(user)
    hide = db.session.scalar(
        select(PlaydateHide).where(PlaydateHide.owner_id == user.id, PlaydateHide.hidden_id == other_id)
    )
    if hide is None:
        raise NotFound()
    db.session.delete(hide)
    db.session.commit()


def hidden_ids(user: User) -> list[int]:
    return list(db.session.scalars(select(PlaydateHide.hidden_id).where(PlaydateHide.owner_id == user.id)))
