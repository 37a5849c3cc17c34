"""Demo data for the embedded default: a first-party client and one account per persona.

Idempotent (run by every ``make run``) and refused when APP_ENV=production.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import Child, Family, PrivacySettings, StaffRecord, User, YouthLink
from backend.auth import service as auth
from backend.core import docs_page
from backend.core.db import db, utcnow

DEMO_PASSWORD = "demo-password-1"
DEMO_CLIENT_ID = "community-demo"
DEMO_REDIRECT_URIS = ["http://127.0.0.1:8765/callback", "http://localhost:8765/callback"]
DEMO_AGENCY = "Northshire Regional Adoption Agency"
DEMO_REGION = "North West"

# email, display name, persona, age in years
DEMO_ACCOUNTS = [
    ("adopter@demo.example", "Sam (adopter)", p.ADOPTER, 41),
    ("guardian@demo.example", "Pat (special guardian)", p.SPECIAL_GUARDIAN, 63),
    ("prospective@demo.example", "Alex (prospective adopter)", p.PROSPECTIVE_ADOPTER, 34),
    ("teen@demo.example", "Jay", p.YOUNG_PERSON, 15),
    ("adoptee@demo.example", "Robin (adult adoptee)", p.ADULT_ADOPTEE, 29),
    ("mentor@demo.example", "Chris (mentor)", p.ADOPTER, 52),
    # Staff are marked by the server ("role" in the public profile), never by their name, and a name
    # claiming a staff role is refused (accounts/display_names.py).
    ("worker@demo.example", "Morgan", p.AGENCY_WORKER, 45),
    ("moderator@demo.example", "Jo", p.MODERATOR, 38),
    ("dsl@demo.example", "Lee", p.SAFEGUARDING_LEAD, 50),
    ("admin@demo.example", "Operator", p.ADMIN, 40),
]


class DemoRefused(RuntimeError):
    pass


def _born(age: int) -> date:
    today = accounts.today()
    return date(today.year - age, 1 if today.month > 2 else 3, 15) - timedelta(days=0)


def _account(email: str, name: str, persona: str, age: int, password_hash: Callable[[], str]) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None:
        return user
    user = User(
        email=email,
        password_hash=password_hash(),
        display_name=name,
        persona=persona,
        date_of_birth=_born(age),
        region=DEMO_REGION,
        agency=DEMO_AGENCY if persona in (*p.STAFF, p.ADULT_ADOPTEE) else None,
        verified_at=utcnow() if persona in (p.ADULT_ADOPTEE, p.PROSPECTIVE_ADOPTER) else None,
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(PrivacySettings(user_id=user.id, allow_connection_requests=persona != p.YOUNG_PERSON))
    if persona in p.CARERS:
        family = Family(agency=DEMO_AGENCY, region=DEMO_REGION, verified_at=utcnow())
        db.session.add(family)
        db.session.flush()
        user.family_id = family.id
    return user


def _vet(user: User, *, mentor: bool = False) -> None:
    if db.session.get(StaffRecord, user.id) is None:
        checked = accounts.today() - timedelta(days=200)
        db.session.add(
            StaffRecord(
                user_id=user.id,
                dbs_checked_on=checked,
                dbs_renewal_due=checked + timedelta(days=3 * 365),
                training_completed_on=checked,
                is_mentor=mentor,
            )
        )


def load_accounts() -> dict[str, User]:
    # Hashed only if an account is missing: a restart finds them all and spends no argon2 time here.
    password_hash = functools.cache(lambda: accounts.hash_password(DEMO_PASSWORD))
    users = {
        email: _account(email, name, persona, age, password_hash)
        for email, name, persona, age in DEMO_ACCOUNTS
    }
    adopter, teen = users["adopter@demo.example"], users["teen@demo.example"]
    assert adopter.family_id is not None and teen.date_of_birth is not None
    if db.session.get(YouthLink, teen.id) is None:
        child = Child(
            family_id=adopter.family_id,
            birth_month=teen.date_of_birth.month,
            birth_year=teen.date_of_birth.year,
            placement_date=date(teen.date_of_birth.year + 3, 6, 1),
            legal_route="adoption",
            needs=["attachment"],
            # The linked teen's record was confirmed by the family's agency (PRODUCT.md 1).
            confirmed_at=utcnow(),
            confirmed_by_id=users["worker@demo.example"].id,
        )
        db.session.add(child)
        db.session.add(
            Child(
                family_id=adopter.family_id,
                birth_month=4,
                birth_year=accounts.today().year - 7,
                legal_route="adoption",
                needs=["sibling_group"],
            )
        )
        db.session.flush()
        db.session.add(
            YouthLink(
                user_id=teen.id, family_id=adopter.family_id, child_id=child.id, invited_by_id=adopter.id
            )
        )
    for email in ("worker@demo.example", "moderator@demo.example", "dsl@demo.example"):
        _vet(users[email])
    _vet(users["mentor@demo.example"], mentor=True)
    db.session.commit()
    return users


def load() -> None:
    if current_app.config["APP_ENV"] == "production":
        raise DemoRefused("demo data is never loaded in production")
    # The docs page's "Authorize" signs in as this client too, on whichever port make run serves.
    port = current_app.config["PORT"]
    docs_redirects = [
        *docs_page.redirect_uris(f"http://127.0.0.1:{port}"),
        *docs_page.redirect_uris(f"http://localhost:{port}"),
    ]
    auth.do_register_client(DEMO_CLIENT_ID, "Community demo app", DEMO_REDIRECT_URIS + docs_redirects)
    users = load_accounts()
    # The groups' demo imports this module, so both feature demos are imported here, not at the top.
    from backend.applications import demo as applications_demo
    from backend.chat import demo as chat_demo
    from backend.events import demo as events_demo
    from backend.groups import demo as groups_demo
    from backend.journeys import demo as journeys_demo
    from backend.mentoring import demo as mentoring_demo
    from backend.notifications import demo as notifications_demo
    from backend.playdates import demo as playdates_demo

    groups_demo.load(users)
    chat_demo.load()  # each group's room gets a short history, once
    journeys_demo.load(users)
    mentoring_demo.load(users)
    applications_demo.load(users)
    playdates_demo.load(users, _account)
    events_demo.load(users)
    notifications_demo.load(users)
