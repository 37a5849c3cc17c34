"""Who may see and act on requests, matches and cohorts: one pure standing, the same 404 for missing
and not allowed.

- A request is its requester's alone.
- A match is seen by its pair and by the agency's staff (the named coordinator's agency: PRODUCT.md
  2.3, "a named agency coordinator oversees each match"; "a worker acts only for families of their
  own agency", 3) and admins; staff never see the pair's private session notes.
- The pair acts on a match only while no block stands between them: a block made after matching
  ends what either can do in it (and chat refuses their direct messages by its own rule).
- A cohort is its agency's workers' (and admins').
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db
from backend.core.errors import NotFound
from backend.mentoring.models import Cohort, Match, MentoringRequest


@dataclass(frozen=True)
class MatchStanding:
    see: bool
    pair: bool  # the mentor or the mentee, with no block between them
    mentor: bool
    notes: bool  # may read the pair's private notes


def _standing(user: User, match: Match, blocked: bool) -> MatchStanding:
    in_pair = user.id in (match.mentor_id, match.mentee_id) and user.is_active
    staff = user.is_active and (
        user.persona == p.ADMIN
        or (user.persona == p.AGENCY_WORKER and bool(user.agency) and user.agency == match.agency)
    )
    acts = in_pair and not blocked
    return MatchStanding(
        see=in_pair or staff, pair=acts, mentor=acts and user.id == match.mentor_id, notes=in_pair
    )


def match_standing(user: User, match: Match) -> MatchStanding:
    blocked = accounts.is_blocked(match.mentor_id, match.mentee_id)
    return _standing(user, match, blocked)


@dataclass(frozen=True)
class MatchAccess:
    """What ``access_match`` found: the match and the caller's standing in it."""

    match: Match
    standing: MatchStanding


def access_match(user: User, match_id: int, need: str = "see") -> MatchAccess:
    """A match the caller may ``need``; 404 when it is missing or not theirs."""
    match = db.session.get(Match, match_id)
    if match is None:
        raise NotFound()
    standing = match_standing(user, match)
    if not getattr(standing, need):
        raise NotFound()
    return MatchAccess(match, standing)


def access_request(user: User, request_id: int) -> MentoringRequest:
    request = db.session.get(MentoringRequest, request_id)
    if request is None or request.requester_id != user.id or not user.is_active:
        raise NotFound()
    return request


def worker_agency(user: User) -> str | None:
    """The agency an agency worker acts for; None for anyone else (an admin acts for all)."""
    return user.agency if user.persona == p.AGENCY_WORKER else None


def access_cohort(user: User, cohort_id: int) -> Cohort:
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None or user.persona not in p.AGENCY_STAFF:
        raise NotFound()
    if user.persona == p.AGENCY_WORKER and (not user.agency or user.agency != cohort.agency):
        raise NotFound()
    return cohort
