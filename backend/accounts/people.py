"""People: registration of adults, the account a caller may see (``access_user``), the wall between
young people and adults, profiles and capabilities.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import select

from backend.accounts import display_names
from backend.accounts import personas as p
from backend.accounts.authentication import Principal, check_password_policy, hash_password, normalise_email
from backend.accounts.hooks import _screen_profile_text
from backend.accounts.models import (
    AccountStatus,
    Family,
    PrivacySettings,
    StaffRecord,
    User,
    YouthLink,
)
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, NotFound, Unprocessable

REMOVED_NAME = "Removed account"

# Whom the walls ask about: an account, or the thread page's principal (the account's columns the
# walls read, with no account loaded: ``accounts.Principal``).
Person = User | Principal


def today() -> date:
    return datetime.now(UTC).date()


def _row(obj: Any) -> dict[str, Any]:
    """A model row as plain JSON-ready values (for export and simple views)."""
    out = {}
    for column in obj.__table__.columns:
        value = getattr(obj, column.key)
        out[column.key] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return out


def _privacy_defaults(user: User) -> PrivacySettings:
    # High privacy for everyone; adults may receive connection requests from other adults (that is
    # how peer support starts), young people may not (Ofcom children's codes).
    adult = user.persona != p.YOUNG_PERSON
    # Every setting is given (not left to the columns' defaults, applied only on insert), so the
    # defaults read the same before they are stored (``privacy`` returns them unsaved).
    return PrivacySettings(
        user_id=user.id,
        allow_connection_requests=adult,
        youth_dms_enabled=False,
        show_presence=False,
        show_region=False,
        playdate_profile_enabled=False,
        location_enabled=False,
        personalised_suggestions=False,
        nudges_enabled=False,
        digest_cadence="monthly",
    )


def _new_user(
    *, email: str, password: str, display_name: str, persona: str, date_of_birth: date, region: str | None
) -> User:
    check_password_policy(password)
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict("An account with this email already exists", {"email": ["Already registered."]})
    user = User(
        email=email,
        password_hash=hash_password(password),
        display_name=display_names.check_display_name(display_name),
        persona=persona,
        date_of_birth=date_of_birth,
        region=region,
    )
    db.session.add(user)
    db.session.flush()
    _screen_profile_text(user, user.display_name)
    db.session.add(_privacy_defaults(user))
    return user


def do_register_adult(
    *,
    email: str,
    password: str,
    display_name: str,
    date_of_birth: date,
    persona: str,
    region: str | None = None,
) -> User:
    """Self-service registration for adults (the route goes through ``sign_up.do_sign_up``, which
    answers the same whether or not the email is taken)."""
    user = register_adult(
        email=email,
        password=password,
        display_name=display_name,
        date_of_birth=date_of_birth,
        persona=persona,
        region=region,
    )
    db.session.commit()
    return user


def register_adult(
    *,
    email: str,
    password: str,
    display_name: str,
    date_of_birth: date,
    persona: str,
    region: str | None = None,
) -> User:
    """Every check and write of an adult's registration, flushed, not committed. Age comes from the
    date of birth, never from the client."""
    if persona not in p.SELF_SERVICE:
        raise Unprocessable(
            "Persona not available", {"persona": ["Choose one of: " + ", ".join(p.SELF_SERVICE)]}
        )
    band = p.age_band(date_of_birth, today())
    if band is None:
        raise Unprocessable(
            "Too young for an account", {"date_of_birth": ["Accounts are for people aged 13 and over."]}
        )
    if band == p.YOUTH_BAND:
        raise Unprocessable(
            "Young people join by invitation",
            {"date_of_birth": ["Under-18s join from an invitation by their parent, carer or agency worker."]},
        )
    user = _new_user(
        email=email,
        password=password,
        display_name=display_name,
        persona=persona,
        date_of_birth=date_of_birth,
        region=region,
    )
    if persona in p.CARERS:
        family = Family(region=region)
        db.session.add(family)
        db.session.flush()
        user.family_id = family.id
    db.session.flush()
    return user


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def access_user(viewer: User, user_id: int) -> User:
    """Another account as the viewer may see it: the audience wall applies to people too.

    Young people and adults (other than staff cleared to work with young people) cannot see each
    other's accounts; removed accounts are not found.
    """
    user = db.session.get(User, user_id)
    if user is None or user.status == AccountStatus.DELETED:
        raise NotFound()
    if user.id != viewer.id and not same_side_of_the_wall(viewer, user):
        raise NotFound()
    return user


def is_youth(user: User) -> bool:
    return user.persona == p.YOUNG_PERSON


def same_side_of_the_wall(a: User, b: User) -> bool:
    if is_youth(a) == is_youth(b):
        return True
    staff = b if is_youth(a) else a
    return may_work_with_young_people(staff)


# --- profile and capabilities --------------------------------------------------------------------


def staff_record(user: Person) -> StaffRecord | None:
    return db.session.get(StaffRecord, user.id)


def may_work_with_young_people(user: Person, on: date | None = None) -> bool:
    """Only staff, and only with a recorded, in-date enhanced DBS check (PRODUCT.md section 3)."""
    if user.persona not in p.STAFF:
        return False
    record = staff_record(user)
    if record is None or record.dbs_checked_on is None or record.dbs_renewal_due is None:
        return False
    on = on or today()
    return record.dbs_checked_on <= on < record.dbs_renewal_due and user.is_active


def is_verified(user: Person) -> bool:
    if user.persona in p.CARERS:
        return user.family is not None and user.family.verified_at is not None
    return user.verified_at is not None


def capabilities(user: User) -> list[str]:
    caps: list[str] = []
    record = staff_record(user)
    if record is not None and record.is_mentor and record.training_completed_on is not None:
        caps.append("mentor")
    if user.persona in p.MODERATION_STAFF:
        caps.append("moderate")
    if user.persona in (p.SAFEGUARDING_LEAD, p.ADMIN):
        caps.append("safeguarding_cases")
    if user.persona in (p.AGENCY_WORKER, p.ADMIN):
        caps.append("verify_families")
    if may_work_with_young_people(user):
        caps.append("work_with_young_people")
    return caps


def profile(user: User) -> dict[str, Any]:
    """The caller's own profile. The date of birth is never returned, only the age band."""
    link = db.session.get(YouthLink, user.id)
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "persona": user.persona,
        "age_band": p.age_band(user.date_of_birth, today()) if user.date_of_birth else None,
        "region": user.region,
        "bio_html": user.bio_html,
        "verified": is_verified(user),
        "capabilities": capabilities(user),
        "family_id": user.family_id,
        "linked_family_id": link.family_id if link else None,
        "link_notice": (
            "Your account is linked to your family's account so they know you are here. "
            "They cannot read your messages."
            if link
            else None
        ),
        "created_at": user.created_at,
    }


class ProfileFacts(Protocol):
    """What a public profile shows of an account: a ``User``, or a row of the thread page."""

    @property
    def id(self) -> int: ...
    @property
    def display_name(self) -> str: ...
    @property
    def persona(self) -> str: ...
    @property
    def status(self) -> str: ...


def public_profile(user: ProfileFacts) -> dict[str, Any]:
    return {
        "id": user.id,
        "display_name": user.display_name if user.status != AccountStatus.DELETED else REMOVED_NAME,
        "persona": user.persona,
        # Staff are marked here, by the server, never by their name (accounts/display_names.py).
        "role": user.persona if user.persona in p.STAFF and user.status != AccountStatus.DELETED else None,
        "removed": user.status == AccountStatus.DELETED,
    }


def do_update_profile(user: User, *, display_name: str | None = None, region: str | None = None) -> User:
    if display_name is not None:
        display_name = display_names.check_display_name(display_name)
        _screen_profile_text(user, display_name)
        user.display_name = display_name
    if region is not None:
        user.region = region or None
    db.session.commit()
    return user


def linked_family_id(user: User) -> int | None:
    link = db.session.get(YouthLink, user.id)
    return link.family_id if link else None


def account_age_days(user: User) -> float:
    return max(0.0, (utcnow() - user.created_at).total_seconds() / 86400)
