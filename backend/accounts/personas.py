"""Personas, age bands and what each may do. One place for these facts (PRODUCT.md section 1)."""

from __future__ import annotations

from datetime import date

ADOPTER = "adopter"
SPECIAL_GUARDIAN = "special_guardian"
PROSPECTIVE_ADOPTER = "prospective_adopter"
YOUNG_PERSON = "young_person"
ADULT_ADOPTEE = "adult_adoptee"
AGENCY_WORKER = "agency_worker"
MODERATOR = "moderator"
SAFEGUARDING_LEAD = "safeguarding_lead"
ADMIN = "admin"

PERSONAS = (
    ADOPTER,
    SPECIAL_GUARDIAN,
    PROSPECTIVE_ADOPTER,
    YOUNG_PERSON,
    ADULT_ADOPTEE,
    AGENCY_WORKER,
    MODERATOR,
    SAFEGUARDING_LEAD,
    ADMIN,
)
# Adults may register themselves as these; staff personas are granted only by an admin, and young
# people join only from an invitation (the invitation is the age assurance and the consent).
SELF_SERVICE = (ADOPTER, SPECIAL_GUARDIAN, PROSPECTIVE_ADOPTER, ADULT_ADOPTEE)
CARERS = (ADOPTER, SPECIAL_GUARDIAN)
STAFF = (AGENCY_WORKER, MODERATOR, SAFEGUARDING_LEAD, ADMIN)
MODERATION_STAFF = (MODERATOR, SAFEGUARDING_LEAD, ADMIN)
# Who reads held, hidden and removed content in the feature spaces (least privilege, PRODUCT.md 1:
# admins are operators, for configuration and accounts, with no need to read what people disclose;
# the same rule as moderation/access.py). docs/moderation.md section 4.
HELD_CONTENT_READERS = (MODERATOR, SAFEGUARDING_LEAD)
# Agency work: verifying families and adults, recording vetting, scheduling expert sessions.
AGENCY_STAFF = (AGENCY_WORKER, ADMIN)

YOUTH_BAND = "13-17"
ADULT_BAND = "18+"
MIN_AGE = 13
ADULT_AGE = 18


def age_on(date_of_birth: date, today: date) -> int:
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def age_band(date_of_birth: date, today: date) -> str | None:
    """The band shown to others; None for under-13s, who never have accounts."""
    age = age_on(date_of_birth, today)
    if age < MIN_AGE:
        return None
    return YOUTH_BAND if age < ADULT_AGE else ADULT_BAND


def eighteenth_birthday(date_of_birth: date) -> date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + ADULT_AGE)
    except ValueError:  # born on 29 February: legally 18 on 1 March in England
        return date(date_of_birth.year + ADULT_AGE, 3, 1)
