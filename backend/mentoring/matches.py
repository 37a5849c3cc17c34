"""A match's life: chosen -> accepted (active, a direct-message room opens) or declined or expired ->
sessions -> review after the scheme's unit -> closed with both sides' feedback and an outcome.

A concern raised with a session is a report about the other person through ``backend/reports``
(reason and details as the person gives them), so it reaches the moderators' queue like any report.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select, update

from backend import safeguarding
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat import service as chat
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, Unprocessable
from backend.core.html import screening_text
from backend.mentoring import people, walls
from backend.mentoring.models import (
    LIVE_MATCH,
    Match,
    MatchStatus,
    MentoringRequest,
    MentoringSession,
    RequestStatus,
)
from backend.mentoring.schemes import scheme as scheme_named
from backend.notifications import service as notifications
from backend.reports import service as reports

OUTCOMES = ("goals_met", "partly_met", "ended_early", "rematch")
MODES = ("in_person", "online", "phone")


def _notify(user_id: int, title: str, body: str, match_id: int, key: str) -> None:
    notifications.notify(
        user_id,
        "mentoring",
        title,
        body,
        f"/mentoring/matches/{match_id}",
        dedupe_key=f"mentoring:{key}:{match_id}",
    )


def _request(match: Match) -> MentoringRequest:
    request = db.session.get(MentoringRequest, match.request_id)
    assert request is not None
    return request


def do_accept(user: User, match_id: int) -> Match:
    match = walls.access_match(user, match_id, "mentor").match
    if match.status != MatchStatus.CHOSEN:
        raise Conflict("This match is not waiting for an answer", {"status": [match.status]})
    if match.expires_at <= utcnow():
        raise Conflict("This request has expired", {"status": [MatchStatus.EXPIRED.value]})
    mentor = db.session.get(User, match.mentor_id)
    assert mentor is not None
    failed = people.pair_exclusions(_request(match), mentor, scheme_named(match.scheme), counting=match)
    if failed:
        # Something changed since the choice (vetting lapsed, places filled, a block): fail closed.
        raise Conflict("This match can no longer go ahead", {"match": failed})
    match.status = MatchStatus.ACTIVE
    match.responded_at = utcnow()
    _request(match).status = RequestStatus.MATCHED
    # The pair's own direct-message room (chat admits them while the match is live).
    room = chat.ensure_dm_room(match.mentor_id, match.mentee_id)
    match.room_id = room.id
    for person in (match.mentor_id, match.mentee_id):
        _notify(
            person, "Your mentoring match is active", "You can now message each other.", match.id, "active"
        )
    db.session.commit()
    return match


def do_decline(user: User, match_id: int) -> Match:
    match = walls.access_match(user, match_id, "mentor").match
    if match.status != MatchStatus.CHOSEN:
        raise Conflict("This match is not waiting for an answer", {"status": [match.status]})
    match.status = MatchStatus.DECLINED
    match.responded_at = utcnow()
    _request(match).status = RequestStatus.SUGGESTED
    _notify(
        match.mentee_id,
        "Your mentoring request was not taken up",
        "Choose someone else from your suggestions.",
        match.id,
        "declined",
    )
    db.session.commit()
    return match


def do_expire(now: datetime | None = None) -> list[int]:
    """Chosen matches whose mentor did not answer in time: expired, and the seeker told (the job).

    Safe with several server processes running it: each expiry is claimed by a conditional update
    (still ``chosen``) in the same transaction as the request's return to its suggestions and the
    seeker's notification. A process whose list is stale (another expired the match, and the seeker
    has since chosen someone else) claims nothing, so it never puts the new choice back."""
    now = now or utcnow()
    expired = []
    for match_id in _due_to_expire(now):
        claimed = db.session.execute(
            update(Match)
            .where(Match.id == match_id, Match.status == MatchStatus.CHOSEN.value, Match.expires_at <= now)
            .values(status=MatchStatus.EXPIRED.value)
            .returning(Match.request_id, Match.mentee_id)
            .execution_options(synchronize_session=False)
        ).first()
        if claimed is None:
            db.session.rollback()
            continue
        request_id, mentee_id = claimed
        db.session.execute(
            update(MentoringRequest)
            .where(MentoringRequest.id == request_id, MentoringRequest.status == RequestStatus.CHOSEN.value)
            .values(status=RequestStatus.SUGGESTED.value)
            .execution_options(synchronize_session=False)
        )
        _notify(
            mentee_id,
            "Your mentoring request expired",
            "Choose someone else from your suggestions.",
            match_id,
            "expired",
        )
        db.session.commit()
        expired.append(match_id)
    return expired


def _due_to_expire(now: datetime) -> list[int]:
    ids = db.session.scalars(
        select(Match.id)
        .where(Match.status == MatchStatus.CHOSEN.value, Match.expires_at <= now)
        .order_by(Match.id)
    ).all()
    db.session.commit()  # end the read
    return list(ids)


def _screen_notes(user: User, match: Match, notes: str) -> None:
    verdict = safeguarding.screen(
        safeguarding.subject(
            type="profile",
            id=user.id,
            author=user,
            text=screening_text(plain=notes),
            youth_space=accounts.is_youth(user),
            space=f"mentoring_match:{match.id}",
        )
    )
    safeguarding.refuse_unless_allowed(verdict, "Notes not allowed", "notes", "This can't be shared.")


def do_log_session(
    user: User,
    match_id: int,
    *,
    held_on: date,
    minutes: int,
    mode: str,
    notes: str,
    concern: dict[str, Any] | None,
) -> tuple[MentoringSession, dict[str, Any] | None]:
    match = walls.access_match(user, match_id, "pair").match
    if match.status not in [str(s) for s in LIVE_MATCH]:
        raise Conflict("Sessions are logged on an active match", {"status": [match.status]})
    if held_on > accounts.today():
        raise Unprocessable("That date is in the future", {"held_on": ["Not after today."]})
    if notes:
        _screen_notes(user, match, notes)
    session = MentoringSession(
        match_id=match.id, logged_by_id=user.id, held_on=held_on, minutes=minutes, mode=mode, notes=notes
    )
    db.session.add(session)
    db.session.flush()
    count = len(sessions_of(match))
    if match.status == MatchStatus.ACTIVE and count >= scheme_named(match.scheme).sessions_before_review:
        match.status = MatchStatus.REVIEW
        for person in (match.mentor_id, match.mentee_id):
            _notify(
                person,
                "Time to review your mentoring",
                "Your unit of sessions is complete.",
                match.id,
                "review",
            )
    db.session.commit()
    receipt = None
    if concern is not None:
        other = match.mentee_id if user.id == match.mentor_id else match.mentor_id
        context = f"Raised from mentoring session {session.id} ({held_on.isoformat()})."
        details = f"{context} {concern.get('details') or ''}".strip()
        receipt = reports.do_report(
            user,
            key=f"mentoring-session-{session.id}",
            subject_type="user",
            subject_id=other,
            reason=concern["reason"],
            details=details,
        ).resource
        session.concern_report_id = receipt["id"]
        db.session.commit()
    return session, receipt


def sessions_of(match: Match) -> list[MentoringSession]:
    return list(
        db.session.scalars(
            select(MentoringSession)
            .where(MentoringSession.match_id == match.id)
            .order_by(MentoringSession.id)
        )
    )


def do_close(user: User, match_id: int, *, outcome: str, feedback: str) -> Match:
    """Either side closes (or, once closed, adds their own feedback). A ``rematch`` outcome reopens
    the request for new suggestions, with someone else."""
    match = walls.access_match(user, match_id, "pair").match
    if match.status not in (*[str(s) for s in LIVE_MATCH], MatchStatus.CLOSED.value):
        raise Conflict("Only an active match is closed", {"status": [match.status]})
    mine = "mentor_feedback" if user.id == match.mentor_id else "mentee_feedback"
    if match.status == MatchStatus.CLOSED and getattr(match, mine):
        raise Conflict("You have already given your feedback", {"feedback": ["Already recorded."]})
    if feedback:
        _screen_notes(user, match, feedback)
    setattr(match, mine, feedback or "")
    if match.status != MatchStatus.CLOSED:
        match.status = MatchStatus.CLOSED
        match.closed_at = utcnow()
        match.outcome = outcome
        request = _request(match)
        request.status = RequestStatus.SUGGESTED if outcome == "rematch" else RequestStatus.CLOSED
        other = match.mentee_id if user.id == match.mentor_id else match.mentor_id
        _notify(other, "Your mentoring match was closed", "Please add your feedback.", match.id, "closed")
    db.session.commit()
    return match


def matches_for(user: User) -> list[Match]:
    """The caller's own matches; for agency staff, their agency's (admins: all)."""
    query = select(Match).order_by(Match.id)
    if user.persona == p.ADMIN:
        return list(db.session.scalars(query))
    if user.persona == p.AGENCY_WORKER:
        if not user.agency:
            return []
        return list(db.session.scalars(query.where(Match.agency == user.agency)))
    return list(db.session.scalars(query.where(or_(Match.mentor_id == user.id, Match.mentee_id == user.id))))


def session_view(session: MentoringSession, with_notes: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": session.id,
        "held_on": session.held_on,
        "minutes": session.minutes,
        "mode": session.mode,
        "logged_by": session.logged_by_id,
        "concern_raised": session.concern_report_id is not None,
    }
    if with_notes:
        out["notes"] = session.notes
    return out


def match_view(user: User, match: Match) -> dict[str, Any]:
    standing = walls.match_standing(user, match)
    people_ = {
        u.id: u for u in (db.session.get(User, match.mentor_id), db.session.get(User, match.mentee_id)) if u
    }
    scheme = scheme_named(match.scheme)
    sessions = sessions_of(match)
    return {
        "id": match.id,
        "scheme": match.scheme,
        "status": match.status,
        "request_id": match.request_id,
        "mentor": accounts.public_profile(people_[match.mentor_id]),
        "mentee": accounts.public_profile(people_[match.mentee_id]),
        "score": match.score,
        "reasons": list(match.reasons or []),
        "agency": match.agency,
        "coordinator_id": match.coordinator_id,
        "chosen_at": match.chosen_at,
        "expires_at": match.expires_at,
        "room_id": match.room_id if standing.notes else None,
        "sessions_before_review": scheme.sessions_before_review,
        "sessions": [session_view(s, standing.notes) for s in sessions],
        "outcome": match.outcome,
        "closed_at": match.closed_at,
        # Feedback is for the scheme's review: the coordinator reads it (only session notes are private).
        "mentor_feedback": match.mentor_feedback,
        "mentee_feedback": match.mentee_feedback,
    }
