"""Mentoring and data rights: export, deletion, suspension and turning 18."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.mentoring.models import (
    OPEN_MATCH,
    Match,
    MatchStatus,
    MentoringProfile,
    MentoringRequest,
    MentoringSession,
    RequestStatus,
)


def export(user: User) -> dict[str, Any]:
    profile = db.session.get(MentoringProfile, user.id)
    own_requests = db.session.scalars(
        select(MentoringRequest).where(MentoringRequest.requester_id == user.id)
    )
    own_matches = db.session.scalars(
        select(Match).where(or_(Match.mentor_id == user.id, Match.mentee_id == user.id)).order_by(Match.id)
    ).all()
    sessions = db.session.scalars(
        select(MentoringSession).where(MentoringSession.match_id.in_([m.id for m in own_matches]))
    )
    return {
        "profile": None
        if profile is None
        else {
            "offers": profile.offers,
            "attributes": profile.attributes,
            "about": profile.about,
            "capacity": profile.capacity,
            "paused": profile.paused,
        },
        "requests": [
            {"id": r.id, "scheme": r.scheme, "goals": r.goals, "status": r.status} for r in own_requests
        ],
        "matches": [
            {
                "id": m.id,
                "scheme": m.scheme,
                "status": m.status,
                "role": "mentor" if m.mentor_id == user.id else "mentee",
                "outcome": m.outcome,
            }
            for m in own_matches
        ],
        "sessions": [
            {
                "match_id": s.match_id,
                "held_on": s.held_on.isoformat(),
                "minutes": s.minutes,
                "mode": s.mode,
                "notes": s.notes,
            }
            for s in sessions
        ],
    }


def end_open_matches(user: User, outcome: str) -> None:
    """Close every open match of this person and take them out of matching (inside the caller's
    transaction). History is kept (PRODUCT.md 3)."""
    now = utcnow()
    for match in db.session.scalars(
        select(Match).where(
            or_(Match.mentor_id == user.id, Match.mentee_id == user.id),
            Match.status.in_([str(s) for s in OPEN_MATCH]),
        )
    ):
        match.status = MatchStatus.CLOSED
        match.closed_at = now
        match.outcome = outcome
    for request in db.session.scalars(
        select(MentoringRequest).where(
            MentoringRequest.requester_id == user.id, MentoringRequest.status != RequestStatus.CLOSED.value
        )
    ):
        request.status = RequestStatus.CLOSED
    profile = db.session.get(MentoringProfile, user.id)
    if profile is not None:
        profile.paused = True


def on_account_deleted(user: User) -> None:
    end_open_matches(user, "account_closed")
    profile = db.session.get(MentoringProfile, user.id)
    if profile is not None:
        profile.about = ""
        profile.attributes = {}


def on_account_closed(user: User) -> None:
    end_open_matches(user, "account_closed")


def on_turned_18(user: User) -> None:
    """A young buddy turning 18 leaves young people's buddying: their youth matches end (the direct
    messages close to both by chat's wall) and their youth opt-in is cleared."""
    end_open_matches(user, "turned_18")
    profile = db.session.get(MentoringProfile, user.id)
    if profile is not None:
        profile.opted_in = False
        profile.approved_schemes = []
