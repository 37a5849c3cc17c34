"""Verifying families and individual adults, and moving a family between agencies.

PRODUCT.md 3: "a worker acts only for families of their own agency". Verifying a family opens its
children's details (ages, needs) to the agency's workers, so it must never be a way to take a family
over:

- an agency worker verifies only a family that already belongs to their agency (the carers name
  their agency themselves, ``PATCH /me/family``, while unverified); verification never changes the
  family's agency. A family of another agency, or with no agency yet, is not found;
- an individual adult (adult adoptee, prospective adopter) is verified by a worker of their agency,
  or joins the verifying worker's agency when they have none yet (they have no other way to name one);
- admins verify anyone and are the only ones who move a family to another agency: a transfer is
  its own action, with a reason, audited on each carer's account (``account_events``).
"""

from __future__ import annotations

from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts import sanctions
from backend.accounts.models import AccountStatus, Family, User
from backend.core.db import db, utcnow
from backend.core.errors import NotFound, Unprocessable


def _is_own_agency_worker(actor: User, agency: str | None) -> bool:
    return actor.persona == p.AGENCY_WORKER and bool(actor.agency) and agency == actor.agency


def _carer_ids(family: Family) -> list[int]:
    return list(db.session.scalars(select(User.id).where(User.family_id == family.id)))


def do_verify_family(actor: User, family_id: int) -> Family:
    """A worker of the family's own agency (or an admin) verifies it; same 404 for missing and not
    theirs."""
    family = db.session.get(Family, family_id)
    if family is None or not (actor.persona == p.ADMIN or _is_own_agency_worker(actor, family.agency)):
        raise NotFound()
    family.verified_at = utcnow()
    family.verified_by_id = actor.id
    for carer_id in _carer_ids(family):
        sanctions.record_event(carer_id, "family_verified", actor, family_id=family.id, agency=family.agency)
    db.session.commit()
    return family


def do_verify_user(actor: User, user_id: int) -> User:
    """Verification of an individual adult (adult adoptees, prospective adopters)."""
    if actor.persona not in (p.AGENCY_WORKER, p.ADMIN):
        raise NotFound()
    user = db.session.get(User, user_id)
    if (
        user is None
        or user.status == AccountStatus.DELETED
        or user.persona not in (p.ADULT_ADOPTEE, p.PROSPECTIVE_ADOPTER)
    ):
        raise NotFound()
    if actor.persona == p.AGENCY_WORKER:
        if not actor.agency or user.agency not in (None, actor.agency):
            raise NotFound()
        user.agency = actor.agency
    user.verified_at = utcnow()
    user.verified_by_id = actor.id
    sanctions.record_event(user.id, "verified", actor, agency=user.agency)
    db.session.commit()
    return user


def do_transfer_family(admin: User, family_id: int, *, agency: str, reason: str) -> Family:
    """An admin moves a family to another agency, with a reason; audited on every carer's account."""
    if admin.persona != p.ADMIN:
        raise NotFound()
    family = db.session.get(Family, family_id)
    if family is None:
        raise NotFound()
    agency = agency.strip()
    if agency == family.agency:
        raise Unprocessable("The family is already with this agency", {"agency": ["Name another agency."]})
    previous, family.agency = family.agency, agency
    for carer_id in _carer_ids(family):
        sanctions.record_event(
            carer_id,
            "family_transferred",
            admin,
            family_id=family.id,
            previous_agency=previous,
            agency=agency,
            reason=reason,
        )
    db.session.commit()
    return family
