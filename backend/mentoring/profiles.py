"""Profiles (a person's lived experience and what they offer) and their vetting by an agency worker.

The profile's text is seen by the people it is suggested to, so it is screened before it is saved
(anything but ``allow`` refuses it, as for a display name: ``safeguarding.refuse_unless_allowed``).

Vetting reuses ``accounts/vetting.py``: the same access rule (a worker of the person's own agency or
an admin; nobody records their own), the same date checks and the same audited write of the DBS
check and training, with the agency's approval for named schemes recorded in the same transaction.
A young person (a buddy) has no DBS check: only approval, by a worker of their family's agency.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from backend import safeguarding
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts import vetting
from backend.accounts.models import StaffRecord, User
from backend.core.db import db, utcnow
from backend.core.errors import NotFound, Unprocessable
from backend.core.html import screening_text
from backend.core.statuses import Saved
from backend.mentoring import people
from backend.mentoring.models import MentoringProfile
from backend.mentoring.schemes import SCHEMES, scheme

PROFILE_PERSONAS = (p.ADOPTER, p.SPECIAL_GUARDIAN, p.PROSPECTIVE_ADOPTER, p.YOUNG_PERSON, p.ADULT_ADOPTEE)


def check_may_have_profile(user: User) -> None:
    if user.persona not in PROFILE_PERSONAS or not user.is_active:
        raise NotFound()


def do_save_profile(user: User, data: dict[str, Any]) -> Saved[MentoringProfile]:
    """Create or update the caller's profile; returns it and whether it is new."""
    check_may_have_profile(user)
    offers = data.get("offers")
    if offers is not None:
        bad = [name for name in offers if user.persona not in scheme(name).offerers()]
        if bad:
            raise Unprocessable(
                "You cannot offer that scheme", {"offers": [f"{', '.join(bad)}: not open to your role."]}
            )
    if "opted_in" in data and data["opted_in"] and user.persona != p.YOUNG_PERSON:
        raise Unprocessable("Only for young people", {"opted_in": ["Only young people opt in to buddying."]})
    about = data.get("about")
    if about:
        verdict = safeguarding.screen(
            safeguarding.subject(
                type="profile",
                id=user.id,
                author=user,
                text=screening_text(plain=about),
                youth_space=accounts.is_youth(user),
                space=f"mentoring_profile:{user.id}",
            )
        )
        safeguarding.refuse_unless_allowed(
            verdict, "Profile text not allowed", "about", "This can't be shown."
        )
    profile = db.session.get(MentoringProfile, user.id)
    created = profile is None
    if profile is None:
        profile = MentoringProfile(user_id=user.id, offers=[], attributes={}, approved_schemes=[])
        db.session.add(profile)
    for key in ("offers", "attributes", "about", "capacity", "paused", "opted_in"):
        if key in data:
            setattr(profile, key, data[key])
    db.session.commit()
    return Saved(profile, created)


def own_profile(user: User) -> MentoringProfile:
    check_may_have_profile(user)
    profile = db.session.get(MentoringProfile, user.id)
    if profile is None:
        raise NotFound()
    return profile


def vetted_schemes(user: User, profile: MentoringProfile) -> list[str]:
    record = db.session.get(StaffRecord, user.id)
    today = accounts.today()
    return [name for name, s in SCHEMES.items() if people.vetting_in_date(user, profile, s, record, today)]


def profile_view(user: User, profile: MentoringProfile) -> dict[str, Any]:
    return {
        "user_id": user.id,
        "offers": list(profile.offers or []),
        "attributes": dict(profile.attributes or {}),
        "about": profile.about or "",
        "capacity": profile.capacity,
        "paused": profile.paused,
        "opted_in": profile.opted_in,
        "approved_schemes": list(profile.approved_schemes or []),
        "vetted_for": vetted_schemes(user, profile),
    }


def _access_youth_subject(actor: User, user_id: int) -> User:
    """A young buddy's approval: only a worker of their family's agency (or an admin)."""
    user = db.session.get(User, user_id)
    if (
        actor.persona not in p.AGENCY_STAFF
        or user is None
        or user.persona != p.YOUNG_PERSON
        or not user.is_active
    ):
        raise NotFound()
    family_id = accounts.linked_family_id(user)
    family = accounts.access_family(actor, family_id) if family_id is not None else None
    if family is None:
        raise NotFound()
    return user


def do_record_vetting(
    actor: User,
    user_id: int,
    *,
    dbs_checked_on: date | None,
    dbs_renewal_due: date | None,
    training_completed_on: date | None,
    approved: bool,
    schemes: list[str],
) -> dict[str, Any]:
    """Record a mentor's (or buddy's) vetting and approval, audited, in one transaction."""
    target = db.session.get(User, user_id)
    youth = target is not None and target.persona == p.YOUNG_PERSON
    user = _access_youth_subject(actor, user_id) if youth else vetting.access_vetting_subject(actor, user_id)
    if user.persona not in PROFILE_PERSONAS:
        raise NotFound()
    bad = [name for name in schemes if user.persona not in scheme(name).offerers()]
    if bad:
        raise Unprocessable("Not a scheme this person can offer", {"schemes": [", ".join(bad)]})
    if youth and (dbs_checked_on or dbs_renewal_due or training_completed_on):
        raise Unprocessable(
            "Young people have no DBS record here",
            {"dbs_checked_on": ["Only approval is recorded for a young buddy."]},
        )
    profile = db.session.get(MentoringProfile, user.id)
    if profile is None:
        profile = MentoringProfile(user_id=user.id, offers=[], attributes={}, approved_schemes=[])
        db.session.add(profile)
    profile.approved_schemes = sorted(set(schemes)) if approved else []
    profile.approved_by_id = actor.id if approved else None
    profile.approved_at = utcnow() if approved else None
    if youth:
        accounts.record_event(
            user.id, "mentoring_approval", actor, approved=approved, schemes=sorted(set(schemes))
        )
        db.session.commit()
    else:
        vetting.check_dates(dbs_checked_on, dbs_renewal_due, training_completed_on)  # before any write
        # Audits the DBS check and training, and commits the approval with them.
        vetting.do_record_vetting(
            actor,
            user.id,
            dbs_checked_on=dbs_checked_on,
            dbs_renewal_due=dbs_renewal_due,
            training_completed_on=training_completed_on,
            is_mentor=approved,
        )
    record = db.session.get(StaffRecord, user.id)
    return {
        "user_id": user.id,
        "dbs_checked_on": record.dbs_checked_on if record else None,
        "dbs_renewal_due": record.dbs_renewal_due if record else None,
        "training_completed_on": record.training_completed_on if record else None,
        "approved_schemes": list(profile.approved_schemes or []),
        "vetted_for": vetted_schemes(user, profile),
    }
