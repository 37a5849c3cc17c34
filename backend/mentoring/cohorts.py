"""Cohort assignment for an agency's intake: one optimal assignment, proposed, applied on confirmation.

An agency worker runs it over their agency's open requests for a scheme (or those they name): total
fit is maximised under every mentor's places (``assignment.assign``: capacity expanded into columns,
solved exactly on each request's best candidates). The proposal lists the pairs with their reasons
and the unmatched with why. Applying re-checks every pair's hard constraints (time has passed: a
check may have lapsed, a block may have been made) and creates each as a chosen match, which the
mentor accepts or declines as usual; a pair that no longer holds moves to the unmatched with why.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, NotFound, Unprocessable
from backend.mentoring import assignment, matching, people, requests, walls
from backend.mentoring.models import Cohort, CohortStatus, MentoringProfile, MentoringRequest, RequestStatus
from backend.mentoring.schemes import scheme as scheme_named

OPEN = (RequestStatus.REQUESTED.value, RequestStatus.SUGGESTED.value)


def _open_requests(agency: str | None, scheme: str, ids: list[int] | None) -> list[MentoringRequest]:
    query = select(MentoringRequest).where(MentoringRequest.scheme == scheme).order_by(MentoringRequest.id)
    if agency is not None:
        query = query.where(MentoringRequest.agency == agency)
    if ids is not None:
        found = list(db.session.scalars(query.where(MentoringRequest.id.in_(ids))))
        if len(found) != len(set(ids)):
            raise NotFound()  # a request of another agency answers as a missing one
        closed = [r.id for r in found if r.status not in OPEN]
        if closed:
            raise Unprocessable("Some requests are no longer open", {"request_ids": [str(i) for i in closed]})
        return found
    return list(db.session.scalars(query.where(MentoringRequest.status.in_(OPEN))))


def _why_unmatched(seeker: matching.Seeker, pool: matching.Pool, had_candidates: bool) -> str:
    if had_candidates:
        return "Every suitable mentor's places went to closer fits in this cohort."
    if not pool.mentors:
        return "No one offers this scheme yet."
    reasons: Counter[str] = Counter()
    for mentor in pool.mentors:
        failed = matching.exclusions(seeker, mentor, pool.scheme)
        if failed:
            reasons[failed[0]] += 1
        else:
            reasons["nothing_shared"] += 1
    words = dict(matching.REASON_WORDS, nothing_shared="shares nothing you asked about")
    parts = [f"{n} {words[r]}" for r, n in reasons.most_common()]
    return "No mentor meets every requirement: " + "; ".join(parts) + "."


def do_propose(actor: User, *, scheme: str, request_ids: list[int] | None) -> Cohort:
    if actor.persona not in p.AGENCY_STAFF:
        raise NotFound()
    agency = walls.worker_agency(actor)
    if actor.persona == p.AGENCY_WORKER and not agency:
        raise NotFound()
    chosen = scheme_named(scheme)
    open_requests = _open_requests(agency, scheme, request_ids)
    seekers = []
    for request in open_requests:
        user = db.session.get(User, request.requester_id)
        assert user is not None
        seekers.append(people.seeker_of(user, db.session.get(MentoringProfile, user.id), request))
    pool = matching.Pool(people.mentors_for(chosen, accounts.today()), chosen)
    if pool.mentors:
        result = assignment.assign(pool, seekers)
    else:
        result = assignment.Assignment([], list(range(len(seekers))))
    with_candidates = set()
    if pool.mentors and seekers:
        rows, _cols, _vals = assignment.candidate_edges(pool, seekers, 1)
        with_candidates = set(rows.tolist())
    pairs = []
    for i, j, score in result.pairs:
        mentor = pool.mentors[j]
        top = matching.max_score(seekers[i]) or 1
        pairs.append(
            {
                "request_id": open_requests[i].id,
                "mentee_id": seekers[i].user_id,
                "mentor_id": mentor.user_id,
                "score": score,
                "fit": min(100, round(100 * score / top)),
                "reasons": matching.explain(seekers[i], mentor.features),
            }
        )
    unmatched = [
        {"request_id": open_requests[i].id, "reason": _why_unmatched(seekers[i], pool, i in with_candidates)}
        for i in result.unmatched
    ]
    cohort = Cohort(
        agency=agency or "",
        scheme=scheme,
        created_by_id=actor.id,
        status=CohortStatus.PROPOSED,
        proposal={"pairs": pairs, "unmatched": unmatched, "total_score": result.total},
    )
    db.session.add(cohort)
    db.session.commit()
    return cohort


def do_apply(actor: User, cohort_id: int) -> Cohort:
    cohort = walls.access_cohort(actor, cohort_id)
    if cohort.status != CohortStatus.PROPOSED:
        raise Conflict("This cohort has already been applied", {"status": [cohort.status]})
    chosen = scheme_named(cohort.scheme)
    applied, unmatched = [], list(cohort.proposal.get("unmatched", []))
    for pair in cohort.proposal.get("pairs", []):
        request = db.session.get(MentoringRequest, pair["request_id"])
        mentor = db.session.get(User, pair["mentor_id"])
        failed = ["audience"] if request is None or mentor is None else []
        if request is not None and request.status not in OPEN:
            failed = ["request_closed"]
        if request is not None and mentor is not None and not failed:
            failed = people.pair_exclusions(request, mentor, chosen)
        if failed:
            words = [matching.REASON_WORDS.get(f, f.replace("_", " ")) for f in failed]
            unmatched.append(
                {"request_id": pair["request_id"], "reason": "The proposed mentor " + "; ".join(words) + "."}
            )
            continue
        assert request is not None and mentor is not None
        match = requests.do_create_match(
            request, mentor, coordinator_id=actor.id, cohort_id=cohort.id, commit=False
        )
        db.session.flush()  # the mentor's place is taken before the next pair is checked
        applied.append({**pair, "match_id": match.id})
    cohort.proposal = {**cohort.proposal, "applied": applied, "unmatched": unmatched}
    cohort.status = CohortStatus.APPLIED
    cohort.applied_at = utcnow()
    db.session.commit()
    return cohort


def cohort_view(cohort: Cohort) -> dict[str, Any]:
    proposal = cohort.proposal or {}
    return {
        "id": cohort.id,
        "scheme": cohort.scheme,
        "agency": cohort.agency,
        "status": cohort.status,
        "pairs": proposal.get("pairs", []),
        "unmatched": proposal.get("unmatched", []),
        "applied": proposal.get("applied", []),
        "total_score": proposal.get("total_score", 0),
        "created_at": cohort.created_at,
        "applied_at": cohort.applied_at,
    }
