"""Mentors a life-stage journey suggests (issue #16): the people the matching engine would offer
this person, whose lived experience speaks to the stage's tags.

Nothing here relaxes the engine: the pool is ``people.mentors_for`` (vetting read today, places
left, paused, offering the scheme) and the seeker is ``people.seeker_of`` (blocks either way,
declined before, young people's opt-ins), so ``matching.exclusions`` applies in full: adults never
with young people, young people only with opted-in young buddies of a similar age, and only if they
opted in themselves. With no open request for a scheme, the suggestions are for a request with no
preferences. The stage's tags become *experience* asked of the mentor (``FEATURE_TAGS`` read
backwards), and only mentors who share one of them are kept.

Each item says the mentor's display name, the scheme, the reasons in words and the audience (the
group audience of the mentor's persona, so journeys can apply the wall again); never the profile's
private fields (about, region, children, availability...).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select

import content
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db
from backend.mentoring import matching, people
from backend.mentoring.models import MentoringProfile, MentoringRequest, RequestStatus
from backend.mentoring.schemes import SCHEMES, Scheme

# A mentor's lived-experience feature (``matching.features_of``) and the content tags it speaks to.
FEATURE_TAGS: dict[str, frozenset[str]] = {
    "need:attachment": frozenset({"attachment"}),
    "need:trauma": frozenset({"trauma"}),
    "need:fasd": frozenset({"fasd"}),
    "need:child_to_parent_violence": frozenset({"cpv"}),
    "need:school_exclusion": frozenset({"exclusion", "school"}),
    "need:birth_family_contact": frozenset({"contact", "letterbox"}),
    "need:sibling_group": frozenset({"siblings"}),
    "need:disability": frozenset({"send"}),
    "need:transracial_family": frozenset({"race-and-culture", "identity"}),
    "need:early_permanence": frozenset({"early-permanence"}),
    "route:special_guardianship": frozenset({"special-guardianship"}),
    "route:kinship": frozenset({"kinship"}),
    "family:lgbt": frozenset({"lgbt"}),
    "family:grandparent": frozenset({"grandparents"}),
    "family:single": frozenset({"single-carers"}),
    "now:early_years": frozenset({"nursery"}),
    "now:primary": frozenset({"school"}),
    "now:teenage": frozenset({"teenagers"}),
    "now:adult": frozenset({"independence"}),
}

# The group audience a mentor belongs to, by persona; anyone else is never suggested (fail closed).
PERSONA_AUDIENCE = {
    p.ADOPTER: "adopters",
    p.SPECIAL_GUARDIAN: "special_guardians",
    p.ADULT_ADOPTEE: "adult_adoptees",
    p.YOUNG_PERSON: "young_people",
}
OPEN_REQUEST = (RequestStatus.REQUESTED, RequestStatus.SUGGESTED)


def stage_features(tags: frozenset[str]) -> frozenset[str]:
    return frozenset(feature for feature, about in FEATURE_TAGS.items() if about & tags)


def _request(user: User, scheme: Scheme) -> MentoringRequest:
    """The person's open request for this scheme, or one with no preferences (never saved)."""
    found = db.session.scalar(
        select(MentoringRequest)
        .where(
            MentoringRequest.requester_id == user.id,
            MentoringRequest.scheme == scheme.name,
            MentoringRequest.status.in_([str(s) for s in OPEN_REQUEST]),
        )
        .order_by(MentoringRequest.id.desc())
        .limit(1)
    )
    if found is not None:
        return found
    return MentoringRequest(requester_id=user.id, scheme=scheme.name, preferences=[], experience=[])


def journey_suggestions(user: User, tags: frozenset[str], limit: int) -> list[dict[str, Any]]:
    """At most ``limit`` mentors across the schemes this person may ask for, best fit first."""
    wanted = stage_features(tags)
    if not wanted or limit <= 0 or not user.is_active:
        return []
    profile = db.session.get(MentoringProfile, user.id)
    youth = accounts.is_youth(user)
    if youth and (profile is None or not people.youth_opted_in(user, profile)):
        return []  # a young person is buddied only once they opted in
    on = accounts.today()
    best: dict[int, tuple[int, str, list[str], frozenset[str]]] = {}
    for scheme in SCHEMES.values():
        if user.persona not in scheme.askers():
            continue
        asked = people.seeker_of(user, profile, _request(user, scheme))
        seeker = replace(asked, experience=asked.experience | wanted)
        pool = matching.Pool(people.mentors_for(scheme, on), scheme)
        if not pool.mentors:
            continue
        for index, score in matching.suggest(pool, seeker, len(pool.mentors)):
            mentor = pool.mentors[index]
            shared = mentor.features & wanted
            if not shared or mentor.youth != youth:
                continue
            if mentor.user_id not in best or score > best[mentor.user_id][0]:
                reasons = matching.explain(asked, mentor.features)  # in the request's own terms
                best[mentor.user_id] = (score, scheme.name, reasons, shared)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    labels = content.library().tags
    out: list[dict[str, Any]] = []
    for mentor_id, (_score, scheme_name, reasons, shared) in ranked:
        mentor_user = db.session.get(User, mentor_id)
        audience = PERSONA_AUDIENCE.get(mentor_user.persona) if mentor_user is not None else None
        if mentor_user is None or audience is None:
            continue
        tags_shared = sorted(set().union(*(FEATURE_TAGS[f] for f in shared)) & tags)
        lived = ", ".join(labels[t].label if t in labels else t for t in tags_shared)
        out.append(
            {
                "kind": "mentor",
                "display_name": accounts.public_profile(mentor_user)["display_name"],
                "scheme": scheme_name,
                "reasons": [f"knows from experience: {lived}", *reasons],
                "audience": audience,
                "shared_tags": tags_shared,
            }
        )
        if len(out) >= limit:
            break
    return out
