"""Building mentors and seekers for the mentoring tests, through the feature's own services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import PrivacySettings
from backend.core.db import db
from backend.mentoring import profiles
from backend.mentoring.schemes import SCHEMES
from tests.factories import Persona, make_teen, make_user

ATTRS: dict[str, Any] = {
    "legal_routes": ["special_guardianship"],
    "needs": ["sibling_group", "school_exclusion"],
    "children": [{"age_at_placement": 6, "age_now": 14}],
    "family_structure": ["single"],
    "region": "North West",
    "languages": ["en"],
    "availability": ["weekend"],
    "modes": ["online"],
}


def youth_opt_in(person: Persona) -> None:
    settings = db.session.get(PrivacySettings, person.id)
    assert settings is not None
    settings.youth_dms_enabled = True
    db.session.commit()


def offering(persona: Persona, worker: Persona, schemes: list[str] | None = None, **attrs: Any) -> Persona:
    """``persona`` offers every scheme open to them (or ``schemes``), approved and vetted today."""
    user = persona.user
    names = schemes or [n for n, s in SCHEMES.items() if user.persona in s.offerers()]
    youth = user.persona == p.YOUNG_PERSON
    profiles.do_save_profile(
        user,
        {
            "offers": names,
            "attributes": {**ATTRS, **attrs},
            "capacity": 2,
            **({"opted_in": True} if youth else {}),
        },
    )
    today = accounts.today()
    profiles.do_record_vetting(
        worker.user,
        user.id,
        dbs_checked_on=None if youth else today - timedelta(days=100),
        dbs_renewal_due=None,
        training_completed_on=None if youth else today - timedelta(days=50),
        approved=True,
        schemes=names,
    )
    if youth:
        youth_opt_in(persona)
    return persona


def seeking(persona: Persona, **attrs: Any) -> Persona:
    youth = persona.user.persona == p.YOUNG_PERSON
    profiles.do_save_profile(
        persona.user, {"attributes": {**ATTRS, **attrs}, **({"opted_in": True} if youth else {})}
    )
    if youth:
        youth_opt_in(persona)
    return persona


def teen_aged(carer: Persona, age: int) -> Persona:
    return make_teen(carer, age=age)


def adult(persona: str, **kwargs: Any) -> Persona:
    return make_user(persona, **kwargs)
