"""Families and children: a family's details and its children (never shown to anyone outside it)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts.models import (
    Child,
    Family,
    User,
    YouthLink,
)
from backend.accounts.people import today
from backend.core.db import db
from backend.core.errors import Conflict, NotFound, Unprocessable

# --- families and children -------------------------------------------------------------------


def access_family(viewer: User, family_id: int) -> Family:
    """A family's details (children included) for its own carers and its agency's workers only."""
    family = db.session.get(Family, family_id)
    if family is None:
        raise NotFound()
    if viewer.family_id == family.id and viewer.persona in p.CARERS:
        return family
    if viewer.persona == p.AGENCY_WORKER and viewer.agency and family.agency == viewer.agency:
        return family
    if viewer.persona == p.ADMIN:
        return family
    raise NotFound()


def own_family(user: User) -> Family:
    if user.family_id is None or user.persona not in p.CARERS:
        raise NotFound("You have no family record")
    return access_family(user, user.family_id)


def do_update_family(user: User, *, agency: str | None, region: str | None) -> Family:
    family = own_family(user)
    if family.verified_at is not None and agency is not None and agency != family.agency:
        raise Conflict("A verified family moves to another agency only by an admin's transfer")
    if agency is not None:
        family.agency = agency
    if region is not None:
        family.region = region
    db.session.commit()
    return family


def do_add_child(
    user: User,
    *,
    birth_month: int,
    birth_year: int,
    legal_route: str,
    placement_date: date | None = None,
    needs: Iterable[str] = (),
) -> Child:
    family = own_family(user)
    if date(birth_year, birth_month, 1) > today():
        raise Unprocessable("Birth date is in the future", {"birth_year": ["Not in the future."]})
    child = Child(
        family_id=family.id,
        birth_month=birth_month,
        birth_year=birth_year,
        legal_route=legal_route,
        placement_date=placement_date,
        needs=sorted(set(needs)),
    )
    db.session.add(child)
    db.session.commit()
    return child


def access_child(viewer: User, child_id: int) -> Child:
    child = db.session.get(Child, child_id)
    if child is None:
        raise NotFound()
    access_family(viewer, child.family_id)
    return child


def do_remove_child(user: User, child_id: int) -> None:
    child = access_child(user, child_id)
    if child.family_id != user.family_id:
        raise NotFound()
    if db.session.scalar(select(YouthLink.user_id).where(YouthLink.child_id == child.id)):
        raise Conflict("This child has a linked young person's account")
    db.session.delete(child)
    db.session.commit()
