"""People as the matcher sees them, from rows, with every fact evaluated today.

Vetting is never a stored flag: it is read from the DBS record, the training date and the agency's
approval each time someone is matched, so a check that lapses takes the mentor out of matching by
itself, the day it lapses (PRODUCT.md 2.3 and 3).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, or_, select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import AccountStatus, Block, StaffRecord, User
from backend.core.db import db
from backend.mentoring import matching
from backend.mentoring.models import (
    LIVE_MATCH,
    OPEN_MATCH,
    Match,
    MatchStatus,
    MentoringProfile,
    MentoringRequest,
)
from backend.mentoring.schemes import APPROVAL, DBS, TRAINING, Scheme


def vetting_in_date(
    user: User, profile: MentoringProfile, scheme: Scheme, record: StaffRecord | None, on: date
) -> bool:
    """Everything the scheme asks of this person, in date on ``on``."""
    needs = scheme.vetting_for(user.persona)
    if not needs and user.persona != p.YOUNG_PERSON:
        return False  # a scheme with nothing required of adults is a misconfiguration: fail closed
    if APPROVAL in needs and (
        profile.approved_at is None or scheme.name not in (profile.approved_schemes or [])
    ):
        return False
    if DBS in needs and (
        record is None
        or record.dbs_checked_on is None
        or record.dbs_renewal_due is None
        or not record.dbs_checked_on <= on < record.dbs_renewal_due
    ):
        return False
    trained = (
        record is not None and record.training_completed_on is not None and record.training_completed_on <= on
    )
    return TRAINING not in needs or trained


def youth_opted_in(user: User, profile: MentoringProfile) -> bool:
    """A young person's two opt-ins: to buddying (the profile) and to direct messages (privacy)."""
    return bool(profile.opted_in) and accounts.privacy(user).youth_dms_enabled


def active_counts(user_ids: Iterable[int]) -> dict[int, int]:
    ids = list(user_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Match.mentor_id, func.count())
        .where(Match.mentor_id.in_(ids), Match.status.in_([str(s) for s in OPEN_MATCH]))
        .group_by(Match.mentor_id)
    ).all()
    return {mentor_id: count for mentor_id, count in rows}


def mentor_of(
    user: User,
    profile: MentoringProfile,
    scheme: Scheme,
    on: date,
    open_matches: int,
    record: StaffRecord | None = None,
) -> matching.Mentor:
    youth = accounts.is_youth(user)
    return matching.Mentor(
        user_id=user.id,
        persona=user.persona,
        youth=youth,
        born=user.date_of_birth.toordinal() if user.date_of_birth else 0,
        opted_in=youth_opted_in(user, profile) if youth else True,
        places=(profile.capacity or 0) - open_matches,
        offers=scheme.name in (profile.offers or []) and user.is_active,
        vetted=vetting_in_date(user, profile, scheme, record, on),
        paused=bool(profile.paused),
        features=matching.features_of(profile.attributes or {}),
    )


def mentors_for(scheme: Scheme, on: date) -> list[matching.Mentor]:
    """Everyone with a profile who is not a staff member, as mentors of ``scheme`` today (those who
    fail a constraint are kept: the pool's mask leaves them out, and cohorts explain why)."""
    rows = db.session.execute(
        select(User, MentoringProfile, StaffRecord)
        .join(MentoringProfile, MentoringProfile.user_id == User.id)
        .outerjoin(StaffRecord, StaffRecord.user_id == User.id)
        .where(User.status == AccountStatus.ACTIVE, User.persona.in_(sorted(scheme.offerers())))
        .order_by(User.id)
    ).all()
    counts = active_counts(u.id for u, _pr, _r in rows)
    return [
        mentor_of(u, pr, scheme, on, counts.get(u.id, 0), r)
        for u, pr, r in rows
        if scheme.name in (pr.offers or [])
    ]


def blocked_ids(user_id: int) -> set[int]:
    rows = db.session.execute(
        select(Block.blocker_id, Block.blocked_id).where(
            or_(Block.blocker_id == user_id, Block.blocked_id == user_id)
        )
    ).all()
    return {b if a == user_id else a for a, b in rows}


def declined_ids(request: MentoringRequest, but: int | None = None) -> set[int]:
    """Mentors this person should not be offered again: who declined or let them expire, and anyone
    already matched on this request (a rematch is with someone new). ``but``: a match to leave out
    (the one being accepted is not a "previous" one)."""
    previous = db.session.scalars(
        select(Match.mentor_id).where(
            Match.mentee_id == request.requester_id,
            Match.id != (but or 0),
            or_(
                Match.status.in_([MatchStatus.DECLINED.value, MatchStatus.EXPIRED.value]),
                Match.request_id == request.id,
            ),
        )
    )
    return set(previous)


def seeker_of(
    user: User, profile: MentoringProfile | None, request: MentoringRequest, but: int | None = None
) -> matching.Seeker:
    youth = accounts.is_youth(user)
    attributes = profile.attributes if profile is not None else {}
    return matching.Seeker(
        user_id=user.id,
        persona=user.persona,
        youth=youth,
        born=user.date_of_birth.toordinal() if user.date_of_birth else 0,
        opted_in=(profile is not None and youth_opted_in(user, profile)) if youth else True,
        features=matching.features_of(attributes or {}),
        preferences=frozenset(request.preferences or []),
        experience=frozenset(request.experience or []),
        excluded=frozenset(blocked_ids(user.id) | declined_ids(request, but)),
    )


def pair_exclusions(
    request: MentoringRequest, mentor_user: User, scheme: Scheme, *, counting: Match | None = None
) -> list[str]:
    """The hard constraints for one pair, read fresh (choose, accept, applying a cohort).
    ``counting``: a match already holding one of the mentor's places that is this very pair's."""
    requester = db.session.get(User, request.requester_id)
    if requester is None or not requester.is_active or not mentor_user.is_active:
        return ["audience"]
    profile = db.session.get(MentoringProfile, mentor_user.id)
    if profile is None:
        return ["not_offered"]
    open_count = active_counts([mentor_user.id]).get(mentor_user.id, 0)
    if counting is not None and counting.status in [str(s) for s in OPEN_MATCH]:
        open_count -= 1
    mentor = mentor_of(
        mentor_user,
        profile,
        scheme,
        accounts.today(),
        open_count,
        db.session.get(StaffRecord, mentor_user.id),
    )
    own = counting.id if counting is not None else None
    seeker = seeker_of(requester, db.session.get(MentoringProfile, requester.id), request, own)
    return matching.exclusions(seeker, mentor, scheme)


def live_pair(a_id: int, b_id: int) -> bool:
    """An active match between the two, either way round: a right to message directly."""
    found = db.session.scalar(
        select(Match.id).where(
            Match.status.in_([str(s) for s in LIVE_MATCH]),
            or_(
                (Match.mentor_id == a_id) & (Match.mentee_id == b_id),
                (Match.mentor_id == b_id) & (Match.mentee_id == a_id),
            ),
        )
    )
    return found is not None
