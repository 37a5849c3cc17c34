"""Named personas for tests, created through the models (fast) with real tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import Child, Family, PrivacySettings, StaffRecord, User, YouthLink
from backend.auth import service as auth
from backend.auth import tokens
from backend.core.db import db, utcnow

PASSWORD = "a-long-test-password"
CLIENT_ID = "test-client"


@cache
def _password_hash() -> str:
    return accounts.hash_password(PASSWORD)


def years_ago(years: int, days: int = 0) -> date:
    today = accounts.today()
    try:
        then = today.replace(year=today.year - years)
    except ValueError:
        then = today.replace(year=today.year - years, day=28)
    return then - timedelta(days=days)


@dataclass
class Persona:
    user: User
    token: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


_counter = [0]


def make_user(
    persona: str,
    *,
    name: str | None = None,
    age: int = 40,
    verified: bool = True,
    agency: str | None = "North RAA",
    dbs: str | None = None,  # "in_date" | "lapsed" | None
    mentor: bool = False,
    family: Family | None = None,
    region: str | None = "North West",
) -> Persona:
    _counter[0] += 1
    n = _counter[0]
    user = User(
        email=f"{persona}{n}@test.example",
        password_hash=_password_hash(),
        display_name=name or f"{persona.replace('_', ' ').title()} {n}",
        persona=persona,
        date_of_birth=years_ago(age, days=30),
        region=region,
        agency=agency if persona in (*p.STAFF, p.ADULT_ADOPTEE) else None,
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(PrivacySettings(user_id=user.id, allow_connection_requests=persona != p.YOUNG_PERSON))
    if persona in p.CARERS:
        family = family or Family(agency=agency, region=region, verified_at=utcnow() if verified else None)
        db.session.add(family)
        db.session.flush()
        user.family_id = family.id
    elif verified and persona in (p.ADULT_ADOPTEE, p.PROSPECTIVE_ADOPTER):
        user.verified_at = utcnow()
    if dbs or mentor:
        today = accounts.today()
        checked = (
            today - timedelta(days=400)
            if dbs == "in_date" or (mentor and not dbs)
            else today - timedelta(days=4 * 365)
        )
        db.session.add(
            StaffRecord(
                user_id=user.id,
                dbs_checked_on=checked,
                dbs_renewal_due=checked + timedelta(days=3 * 365),
                training_completed_on=today - timedelta(days=100),
                is_mentor=mentor,
            )
        )
    db.session.commit()
    issued = auth.do_issue_tokens(user, CLIENT_ID)
    return Persona(user, issued.access_token, {"refresh_token": issued.refresh_token})


def add_child(family_id: int, *, age: int = 14, legal_route: str = "adoption") -> Child:
    born = years_ago(age, days=30)
    child = Child(
        family_id=family_id, birth_month=born.month, birth_year=born.year, legal_route=legal_route, needs=[]
    )
    db.session.add(child)
    db.session.commit()
    return child


def make_teen(carer: Persona, age: int = 15) -> Persona:
    """A young person linked to a carer's family, as if they had accepted an invitation."""
    assert carer.user.family_id is not None
    born = years_ago(age, days=30)
    child = Child(
        family_id=carer.user.family_id,
        birth_month=born.month,
        birth_year=born.year,
        legal_route="adoption",
        needs=[],
    )
    db.session.add(child)
    db.session.flush()
    teen = make_user(p.YOUNG_PERSON, age=age, verified=False)
    teen.user.date_of_birth = born
    db.session.add(
        YouthLink(user_id=teen.id, family_id=carer.user.family_id, child_id=child.id, invited_by_id=carer.id)
    )
    db.session.commit()
    return teen


class Cast:
    """Every persona the access tests need, made lazily per test."""

    def __init__(self) -> None:
        self._made: dict[str, Persona] = {}

    def __getattr__(self, name: str) -> Persona:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._made:
            self._made[name] = self._make(name)
        return self._made[name]

    def _make(self, name: str) -> Persona:
        makers = {
            "adopter": lambda: make_user(p.ADOPTER),
            "adopter2": lambda: make_user(p.ADOPTER),
            "unverified_adopter": lambda: make_user(p.ADOPTER, verified=False),
            "guardian": lambda: make_user(p.SPECIAL_GUARDIAN),
            "prospective": lambda: make_user(p.PROSPECTIVE_ADOPTER),
            "teen": lambda: make_teen(self.adopter),
            "teen2": lambda: make_teen(self.guardian),
            "adult_adoptee": lambda: make_user(p.ADULT_ADOPTEE, age=24),
            "mentor": lambda: make_user(p.ADOPTER, mentor=True),
            "agency_worker": lambda: make_user(p.AGENCY_WORKER, dbs="in_date"),
            "other_agency_worker": lambda: make_user(p.AGENCY_WORKER, agency="South VAA"),
            "moderator": lambda: make_user(p.MODERATOR, dbs="in_date"),
            "moderator2": lambda: make_user(p.MODERATOR, dbs="in_date"),
            "lapsed_moderator": lambda: make_user(p.MODERATOR, dbs="lapsed"),
            "dsl": lambda: make_user(p.SAFEGUARDING_LEAD, dbs="in_date"),
            "admin": lambda: make_user(p.ADMIN),
        }
        return makers[name]()

    def fresh(self, name: str) -> Persona:
        """A new persona of the same kind as ``name``, made for one call and shared with nothing else
        (for calls that use up their caller, such as deleting the account)."""
        return self._make(name)


ALL_PERSONAS = (
    "adopter",
    "unverified_adopter",
    "guardian",
    "prospective",
    "teen",
    "adult_adoptee",
    "mentor",
    "agency_worker",
    "moderator",
    "lapsed_moderator",
    "dsl",
    "admin",
)


def route_of(app: Flask, method: str, path: str) -> tuple[str, str]:
    """The (method, rule) a concrete request reaches, e.g. ("GET", "/api/v1/users/<int:user_id>").
    Raises (failing the test) when no route takes that method at that path."""
    rule, _args = app.url_map.bind("localhost").match(urlsplit(path).path, method=method, return_rule=True)
    return method, rule.rule


def routes_of(app: Flask, *blueprints: str) -> set[tuple[str, str]]:
    """Every (method, rule) the app serves for the named blueprints, HEAD and OPTIONS aside."""
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".", 1)[0] in blueprints
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }


# --- persona x route access tables ----------------------------------------------------------------

# One row: method, the path (from the cast), the body (or None), the personas that succeed, and the
# success status. Everyone else gets the same 404 as for something that does not exist (unless the
# table says a persona is refused on the request's merits), and nobody gets anything without a token.
AccessRow = tuple[str, Callable[[Any], str], Callable[[Any], Any] | None, set[str], int]


def row_ids(table: Sequence[AccessRow]) -> list[str]:
    return [f"{method} {i}" for i, (method, *_rest) in enumerate(table)]


def assert_access_row(
    client: Any,
    cast: Any,
    row: AccessRow,
    *,
    headers: Callable[[Any], dict[str, str]] = lambda actor: dict(actor.headers),
    refused: Callable[[str, str, str], int] = lambda method, path, persona: 404,
) -> None:
    """Check one row for every persona. ``headers``: a request's headers for a persona (e.g. with an
    idempotency key); ``refused``: the status of a persona outside the row (404 unless refused on
    the merits of the request)."""
    method, path_for, body_for, allowed, success = row
    for persona in ALL_PERSONAS:
        path = path_for(cast)
        body = body_for(cast) if body_for else None
        response = client.open(path, method=method, json=body, headers=headers(getattr(cast, persona)))
        if persona in allowed:
            assert response.status_code == success, (persona, path, response.get_data(as_text=True)[:300])
        else:
            expected = refused(method, path, persona)
            assert response.status_code == expected, (persona, path, response.status_code, response.json)
        assert client.open(path, method=method, json=body).status_code == 401


def assert_table_covers(app: Flask, cast: Any, table: Sequence[AccessRow], *blueprints: str) -> None:
    """The (method, rule) pairs the table's real paths reach are exactly those the blueprints serve:
    a new route (or method) must come with its rows."""
    exercised = {route_of(app, method, path_for(cast)) for method, path_for, *_rest in table}
    served = routes_of(app, *blueprints)
    assert exercised == served, ("missing", served - exercised, "stale", exercised - served)


# The stages a support fund application passes through to its support starting (content/workflows).
SUPPORT_FUND_TO_STARTED = (
    "assessment_of_need",
    "assessment_completed",
    "application_submitted",
    "approved",
    "provider_commissioned",
    "support_started",
)


def support_fund_started(worker: User, family_id: int) -> dict[str, Any]:
    """A support fund application an agency worker has taken through to support starting, as the API
    would: created, then moved stage by stage."""
    from backend.applications import tracking

    application = tracking.do_create(
        worker, {"workflow": "asgsf_application", "family_id": family_id}
    ).resource
    for stage in SUPPORT_FUND_TO_STARTED:
        tracking.do_transition(worker, application["id"], {"to_stage": stage})
    return application


def token_part(data: dict[str, Any] | bytes) -> str:
    """One base64url part of a compact token, as a test forges it."""
    raw = data if isinstance(data, bytes) else json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def signed_token(app: Flask, header: dict[str, Any] | bytes, claims: dict[str, Any] | bytes) -> str:
    """A token with any header and claims, signed with the app's own key (so only the header or the
    claims can be what a verifier refuses)."""
    signing_input = f"{token_part(header)}.{token_part(claims)}"
    key = tokens._key_bytes(app.config["SECRET_KEY"])
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{token_part(signature)}"
