"""Mentoring demo data: the demo mentor's approved profile and the prospective adopter's request.

Idempotent. After ``make run`` the prospective adopter's request has suggestions (the demo mentor
first, with reasons), and the mentor's vetting is the DBS check and training ``backend/demo.py``
records, plus the agency's approval here.
"""

from __future__ import annotations

from sqlalchemy import select

from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.mentoring.models import MentoringProfile, MentoringRequest, RequestStatus

MENTOR_ATTRIBUTES = {
    "legal_routes": ["adoption"],
    "children": [{"age_at_placement": 3, "age_now": 14}, {"age_at_placement": 5, "age_now": 16}],
    "needs": ["sibling_group", "school_exclusion", "birth_family_contact"],
    "family_structure": ["lgbt", "couple"],
    "region": "North West",
    "languages": ["en"],
    "availability": ["weekday_evening", "weekend"],
    "modes": ["online", "in_person"],
}
PROSPECTIVE_ATTRIBUTES = {
    "legal_routes": ["adoption"],
    "needs": ["sibling_group"],
    "family_structure": ["lgbt"],
    "region": "North West",
    "languages": ["en"],
    "availability": ["weekday_evening"],
    "modes": ["online"],
}


def load(users: dict[str, User]) -> None:
    mentor, worker = users["mentor@demo.example"], users["worker@demo.example"]
    prospective = users["prospective@demo.example"]
    if db.session.get(MentoringProfile, mentor.id) is None:
        db.session.add(
            MentoringProfile(
                user_id=mentor.id,
                offers=["mentoring", "buddying"],
                attributes=MENTOR_ATTRIBUTES,
                about="Adopted two brothers; happy to talk through approval, introductions and school.",
                capacity=2,
                approved_schemes=["mentoring", "buddying"],
                approved_by_id=worker.id,
                approved_at=utcnow(),
            )
        )
    if db.session.get(MentoringProfile, prospective.id) is None:
        db.session.add(MentoringProfile(user_id=prospective.id, offers=[], attributes=PROSPECTIVE_ATTRIBUTES))
    has_request = db.session.scalar(
        select(MentoringRequest.id).where(MentoringRequest.requester_id == prospective.id)
    )
    if has_request is None:
        db.session.add(
            MentoringRequest(
                requester_id=prospective.id,
                scheme="buddying",
                goals="Someone who has adopted siblings, to talk to before panel.",
                preferences=["same_family_structure", "lives_near"],
                experience=["need:sibling_group"],
                agency=None,
                status=RequestStatus.REQUESTED,
            )
        )
    db.session.commit()
