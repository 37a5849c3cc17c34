"""Requests, suggestions and choosing a mentor: requested -> suggested -> chosen.

Suggestions are computed when asked for, with every fact read today (``people``), so a mentor whose
vetting lapsed, who paused, who filled their places, or who is now blocked either way simply stops
appearing; choosing re-checks the pair's hard constraints (fail closed) before anything is written.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend import safeguarding
from backend.accounts import service as accounts
from backend.accounts import vetting
from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, NotFound, Unprocessable
from backend.core.html import screening_text
from backend.mentoring import matching, people, walls
from backend.mentoring.models import Match, MatchStatus, MentoringProfile, MentoringRequest, RequestStatus
from backend.mentoring.schemes import scheme as scheme_named
from backend.notifications import service as notifications

RESPONSE_DAYS = 7  # a chosen mentor has this long to accept or decline
SUGGESTIONS = 20


def experience_features(needs: list[str], stages: list[str]) -> list[str]:
    return sorted({f"need:{n}" for n in needs} | {f"now:{s}" for s in stages})


def do_create_request(
    user: User, *, scheme: str, goals: str, preferences: list[str], needs: list[str], stages: list[str]
) -> MentoringRequest:
    chosen = scheme_named(scheme)
    if user.persona not in chosen.askers() or not user.is_active:
        raise NotFound()
    if db.session.get(MentoringProfile, user.id) is None:
        raise Unprocessable(
            "Tell us about your experience first",
            {"profile": ["Save your mentoring profile (PUT /mentoring/profile)."]},
        )
    if goals:
        # The chosen mentor reads the goals: screened like any content shared with someone else.
        verdict = safeguarding.screen(
            safeguarding.subject(
                type="profile",
                id=user.id,
                author=user,
                text=screening_text(plain=goals),
                youth_space=accounts.is_youth(user),
                space=f"mentoring_request:{user.id}",
            )
        )
        safeguarding.refuse_unless_allowed(verdict, "Goals not allowed", "goals", "This can't be shared.")
    request = MentoringRequest(
        requester_id=user.id,
        scheme=chosen.name,
        goals=goals,
        preferences=sorted(set(preferences)),
        experience=experience_features(needs, stages),
        agency=vetting.agency_of(user),
        status=RequestStatus.REQUESTED,
    )
    db.session.add(request)
    db.session.commit()
    return request


def request_view(request: MentoringRequest) -> dict[str, Any]:
    return {
        "id": request.id,
        "scheme": request.scheme,
        "goals": request.goals,
        "preferences": list(request.preferences or []),
        "experience": list(request.experience or []),
        "status": request.status,
        "created_at": request.created_at,
    }


def _mentor_card(user: User, profile: MentoringProfile) -> dict[str, Any]:
    """What a seeker sees of a suggested mentor: name, role, coarse region and their own words."""
    public = accounts.public_profile(user)
    return {
        "id": user.id,
        "display_name": public["display_name"],
        "persona": user.persona,
        "region": (profile.attributes or {}).get("region"),
        "about": profile.about or "",
        "modes": list((profile.attributes or {}).get("modes", [])),
    }


def suggestions(user: User, request_id: int, limit: int = SUGGESTIONS) -> list[dict[str, Any]]:
    """The best mentors for a request, ranked, each with its score and reasons in words."""
    request = walls.access_request(user, request_id)
    if request.status not in (RequestStatus.REQUESTED, RequestStatus.SUGGESTED):
        return []
    chosen = scheme_named(request.scheme)
    seeker = people.seeker_of(user, db.session.get(MentoringProfile, user.id), request)
    pool = matching.Pool(people.mentors_for(chosen, accounts.today()), chosen)
    ranked = matching.suggest(pool, seeker, limit) if pool.mentors else []
    top = matching.max_score(seeker) or 1
    out = []
    for rank, (index, score) in enumerate(ranked, start=1):
        mentor = pool.mentors[index]
        mentor_user = db.session.get(User, mentor.user_id)
        profile = db.session.get(MentoringProfile, mentor.user_id)
        assert mentor_user is not None and profile is not None
        out.append(
            {
                "rank": rank,
                "mentor": _mentor_card(mentor_user, profile),
                "score": score,
                "fit": min(100, round(100 * score / top)),
                "reasons": matching.explain(seeker, mentor.features),
            }
        )
    if request.status == RequestStatus.REQUESTED:
        request.status = RequestStatus.SUGGESTED
        db.session.commit()
    return out


def do_choose(user: User, request_id: int, mentor_id: int) -> Match:
    """The seeker chooses a mentor: the pair is checked again, then the mentor has
    ``RESPONSE_DAYS`` to answer."""
    request = walls.access_request(user, request_id)
    if request.status not in (RequestStatus.REQUESTED, RequestStatus.SUGGESTED):
        raise Conflict("This request already has a mentor chosen or is closed", {"status": [request.status]})
    mentor_user = db.session.get(User, mentor_id)
    chosen = scheme_named(request.scheme)
    if mentor_user is None:
        raise NotFound()
    failed = people.pair_exclusions(request, mentor_user, chosen)
    if failed:
        # The same 404 as a missing person: whether someone is blocked, on the other side of the
        # young people's wall or out of vetting is not the seeker's to learn.
        raise NotFound()
    return do_create_match(request, mentor_user, coordinator_id=None, cohort_id=None)


def do_create_match(
    request: MentoringRequest,
    mentor_user: User,
    *,
    coordinator_id: int | None,
    cohort_id: int | None,
    commit: bool = True,
) -> Match:
    requester = db.session.get(User, request.requester_id)
    assert requester is not None
    seeker = people.seeker_of(requester, db.session.get(MentoringProfile, requester.id), request)
    profile = db.session.get(MentoringProfile, mentor_user.id)
    features = matching.features_of(profile.attributes or {}) if profile else frozenset()
    # The agency that oversees the match: the seeker's, or else the one that approved the mentor;
    # its approving worker is the named coordinator unless a cohort's worker is.
    approver = db.session.get(User, profile.approved_by_id) if profile and profile.approved_by_id else None
    agency = request.agency or vetting.agency_of(mentor_user) or (approver.agency if approver else None)
    if coordinator_id is None and approver is not None and approver.agency == agency:
        coordinator_id = approver.id
    now = utcnow()
    match = Match(
        request_id=request.id,
        scheme=request.scheme,
        mentor_id=mentor_user.id,
        mentee_id=requester.id,
        agency=agency,
        coordinator_id=coordinator_id,
        cohort_id=cohort_id,
        status=MatchStatus.CHOSEN,
        score=matching.score_one(seeker.weights(), features),
        reasons=matching.explain(seeker, features),
        chosen_at=now,
        expires_at=now + timedelta(days=RESPONSE_DAYS),
    )
    db.session.add(match)
    request.status = RequestStatus.CHOSEN
    db.session.flush()
    notifications.notify(
        mentor_user.id,
        "mentoring",
        "Someone would like you as their mentor",
        f"Please accept or decline within {RESPONSE_DAYS} days.",
        f"/mentoring/matches/{match.id}",
        dedupe_key=f"mentoring:chosen:{match.id}",
    )
    if commit:
        db.session.commit()
    return match
