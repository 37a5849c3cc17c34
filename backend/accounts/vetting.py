"""Vetting records: the enhanced DBS check, its renewal and training, for staff and mentors.

The check is what lets staff see young people's spaces (``service.may_work_with_young_people``), so
recording it is guarded like a right (PRODUCT.md 3: "a recorded, in-date enhanced DBS check,
recorded by someone else (nobody certifies themselves)"; "a worker acts only for families of their
own agency"):

- only an agency worker of the person's own agency, or an admin, records or clears it; to anyone
  else the person is not found;
- nobody records their own;
- the dates are sane: the check was done on or before today; the renewal is due after today and no
  more than ``DBS_RENEWAL_YEARS`` after the check (an enhanced DBS check is typically renewed within
  three years); training was done on or before today;
- every change is audited in the app's audit table, ``account_events`` (kind ``vetting_recorded``,
  with the actor, the record before and after): ``moderation.api`` offers no audit interface to the
  backend, and a vetting record is an account fact, not a moderation one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from backend.accounts import hooks, sanctions, service
from backend.accounts import personas as p
from backend.accounts.models import AccountStatus, StaffRecord, User
from backend.core.db import db
from backend.core.errors import Forbidden, NotFound, Unprocessable

DBS_RENEWAL_YEARS = 3
_FIELDS = ("dbs_checked_on", "dbs_renewal_due", "training_completed_on", "is_mentor")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def agency_of(user: User) -> str | None:
    """The agency a person belongs to: their own (staff, adult adoptees) or their family's (carers,
    who may be mentors)."""
    if user.agency:
        return user.agency
    family = user.family
    return family.agency if family is not None else None


def access_vetting_subject(actor: User, user_id: int) -> User:
    """The person whose vetting the actor may record: same 404 for missing and not theirs."""
    if actor.persona not in (p.AGENCY_WORKER, p.ADMIN):
        raise NotFound()
    user = db.session.get(User, user_id)
    if user is None or user.status == AccountStatus.DELETED or user.persona == p.YOUNG_PERSON:
        raise NotFound()
    if actor.persona == p.AGENCY_WORKER and (not actor.agency or agency_of(user) != actor.agency):
        raise NotFound()
    if user.id == actor.id:
        raise Forbidden(
            "Nobody records their own vetting",
            {"user_id": ["Your DBS check is recorded by another worker of your agency or an admin."]},
        )
    return user


def check_dates(
    dbs_checked_on: date | None, dbs_renewal_due: date | None, training_completed_on: date | None
) -> date | None:
    """The renewal date to store (three years after the check when not given), or a 422 naming the
    field."""
    today = service.today()
    if training_completed_on is not None and training_completed_on > today:
        raise Unprocessable("Training date is in the future", {"training_completed_on": ["Not after today."]})
    if dbs_checked_on is None:
        if dbs_renewal_due is not None:
            raise Unprocessable(
                "A renewal date needs a check date", {"dbs_checked_on": ["Required with dbs_renewal_due."]}
            )
        return None
    if dbs_checked_on > today:
        raise Unprocessable("DBS check date is in the future", {"dbs_checked_on": ["Not after today."]})
    latest = _add_years(dbs_checked_on, DBS_RENEWAL_YEARS)
    renewal = dbs_renewal_due or latest
    if renewal > latest:
        raise Unprocessable(
            "Renewal is too far from the check",
            {
                "dbs_renewal_due": [
                    f"At most {DBS_RENEWAL_YEARS} years after the check ({latest.isoformat()})."
                ]
            },
        )
    if renewal <= today:
        raise Unprocessable(
            "This DBS check is no longer in date",
            {"dbs_renewal_due": ["Must be after today; record the new check instead."]},
        )
    return renewal


def _snapshot(record: StaffRecord | None) -> dict[str, Any]:
    if record is None:
        return {}
    values = {name: getattr(record, name) for name in _FIELDS}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def do_record_vetting(
    actor: User,
    user_id: int,
    *,
    dbs_checked_on: date | None,
    training_completed_on: date | None,
    is_mentor: bool = False,
    dbs_renewal_due: date | None = None,
) -> dict[str, Any]:
    """Record (or, with no check date, clear) a person's vetting, audited, effective at once."""
    user = access_vetting_subject(actor, user_id)
    renewal = check_dates(dbs_checked_on, dbs_renewal_due, training_completed_on)
    record = db.session.get(StaffRecord, user.id)
    before = _snapshot(record)
    if record is None:
        record = StaffRecord(user_id=user.id)
        db.session.add(record)
    record.dbs_checked_on = dbs_checked_on
    record.dbs_renewal_due = renewal
    record.training_completed_on = training_completed_on
    record.is_mentor = is_mentor
    record.recorded_by_id = actor.id
    sanctions.record_event(user.id, "vetting_recorded", actor, before=before, after=_snapshot(record))
    hooks._rights_changed(user)  # open connections lose or gain what the check allows, at once
    db.session.commit()
    return vetting_view(user, record)


def vetting_view(user: User, record: StaffRecord) -> dict[str, Any]:
    return {
        "user_id": user.id,
        "dbs_checked_on": record.dbs_checked_on,
        "dbs_renewal_due": record.dbs_renewal_due,
        "training_completed_on": record.training_completed_on,
        "is_mentor": record.is_mentor,
        "may_work_with_young_people": service.may_work_with_young_people(user),
    }
