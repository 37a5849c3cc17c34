"""A young person's account: the invitation chain that is the age assurance and the consent.

PRODUCT.md 1: "A young_person account is created only from an invitation by a linked, verified
parent/guardian or an agency worker, for a child record that an agency worker of the family's agency
has confirmed; the invitation is accepted by the young person, not in the carer's session. ... a carer
alone can never create a young person's account." So:

1. An agency worker of the family's agency confirms the child record (``do_confirm_child``). A carer
   can add children, but cannot confirm one: an invented child stays unconfirmed.
2. A verified carer invites only for a confirmed child; a worker of the family's agency may invite
   for any child of that family, which confirms the child by the same act.
3. The invitation names the young person's own email address, which must not belong to any
   account (the carer's included). Its secret goes to that address only, after the commit; the
   inviter never sees it.
4. Acceptance is public but signed out: a request carrying a bearer token (a carer's session) is
   refused, and it must name the invited address. The child must still be confirmed, and the date
   of birth must match the child record's month and year and be 13 to 17.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from backend.accounts import mail, people, sanctions, service
from backend.accounts import personas as p
from backend.accounts.models import Child, Family, Invitation, User, YouthLink
from backend.auth import tokens
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, Forbidden, NotFound, Unprocessable

INVITATION_DAYS = 14


def _is_family_agency_worker(actor: User, family: Family) -> bool:
    return actor.persona == p.AGENCY_WORKER and bool(actor.agency) and family.agency == actor.agency


def _confirm(child: Child, worker: User) -> None:
    if child.confirmed_at is None:
        child.confirmed_at = utcnow()
        child.confirmed_by_id = worker.id
        for carer_id in db.session.scalars(select(User.id).where(User.family_id == child.family_id)):
            sanctions.record_event(carer_id, "child_confirmed", worker, child_id=child.id)


def do_confirm_child(worker: User, child_id: int) -> Child:
    """An agency worker of the family's agency confirms a child record; 404 to anyone else."""
    child = db.session.get(Child, child_id)
    if child is None or not _is_family_agency_worker(worker, child.family):
        raise NotFound()
    _confirm(child, worker)
    db.session.commit()
    return child


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str  # for the young person's mail only; never returned to the inviter


def do_create_invitation(actor: User, child_id: int, email: str) -> NewInvitation:
    """A verified carer (confirmed child) or their agency's worker invites the young person."""
    child = service.access_child(actor, child_id)
    family = child.family
    by_worker = _is_family_agency_worker(actor, family)
    if not by_worker and not (actor.persona in p.CARERS and actor.family_id == family.id):
        raise NotFound()
    if not by_worker and not service.is_verified(actor):
        raise Unprocessable("Only verified families can invite a young person")
    if not by_worker and child.confirmed_at is None:
        raise Unprocessable(
            "Your agency confirms this child first",
            {"child_id": ["An agency worker of your family's agency confirms the child's record first."]},
        )
    if db.session.scalar(select(YouthLink.user_id).where(YouthLink.child_id == child.id)):
        raise Conflict("This child already has a linked account")
    address = service.normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == address)) is not None:
        raise Conflict(
            "This email already belongs to an account",
            {"email": ["Use the young person's own email address, not one with an account."]},
        )
    if by_worker:
        _confirm(child, actor)
    secret = tokens.new_secret()
    invitation = Invitation(
        token_hash=tokens.hash_secret(secret),
        family_id=child.family_id,
        child_id=child.id,
        created_by_id=actor.id,
        email=address,
        expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
    )
    db.session.add(invitation)
    mail.send_after_commit(
        address,
        "You're invited to join",
        "Someone who looks after you has invited you to the young people's spaces.\n"
        f"Your invitation code: {secret}\n"
        f"It works once, for {INVITATION_DAYS} days. Only use it yourself, signed out.",
    )
    db.session.commit()
    return NewInvitation(invitation, secret)


def do_accept_invitation(
    *,
    token: str,
    email: str,
    password: str,
    display_name: str,
    date_of_birth: date,
    signed_in: bool,
) -> User:
    """The young person accepts, signed out, with the invited address."""
    if signed_in:
        raise Forbidden(
            "Sign out first: the young person accepts their own invitation",
            {"Authorization": ["An invitation is accepted without anyone's sign-in."]},
        )
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == tokens.hash_secret(token))
    )
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at < utcnow():
        raise NotFound("Invitation not found or expired")
    child = db.session.get(Child, invitation.child_id)
    # Fail closed: an invitation from before confirmation was required, or a child since removed.
    if child is None or child.confirmed_at is None or invitation.email is None:
        raise NotFound("Invitation not found or expired")
    if service.normalise_email(email) != invitation.email:
        raise Unprocessable(
            "Use the address the invitation was sent to", {"email": ["Not the invited address."]}
        )
    band = p.age_band(date_of_birth, service.today())
    if band != p.YOUTH_BAND:
        raise Unprocessable(
            "This invitation is for a young person aged 13 to 17",
            {"date_of_birth": ["Must be aged 13 to 17."]},
        )
    # The birth month and year must match the confirmed record.
    if (date_of_birth.year, date_of_birth.month) != (child.birth_year, child.birth_month):
        raise Unprocessable(
            "Date of birth does not match the invitation", {"date_of_birth": ["Check the date."]}
        )
    user = people._new_user(
        email=email,
        password=password,
        display_name=display_name,
        persona=p.YOUNG_PERSON,
        date_of_birth=date_of_birth,
        region=None,
    )
    db.session.add(
        YouthLink(
            user_id=user.id,
            family_id=invitation.family_id,
            child_id=child.id,
            invited_by_id=invitation.created_by_id,
        )
    )
    invitation.accepted_at = utcnow()
    invitation.accepted_user_id = user.id
    sanctions.record_event(user.id, "joined_by_invitation", None, family_id=invitation.family_id)
    db.session.commit()
    return user
