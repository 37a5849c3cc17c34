"""A person's journey: for each child of a carer's family, and for the person themself, the stages
they are in and the ones ahead with dates, and what helps with them (PRODUCT.md 2.5, 004 proposal 3).

Whose journey is whose: a carer (adopter, special guardian) sees one per child and their own; a
prospective adopter their approval journey; a young person their own (from their own date of birth,
and the placement and legal route of the child record their account is linked to); an adult
adoptee theirs. Staff have none.

Recommendations for a young person come only from topics they chose (``JourneyTopics``): nothing is
inferred from their age or reading (profiling off by default, ICO Children's Code, PRODUCT.md 3).
Adults' come from their stages' tags and any topics they chose.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

import content
from backend.accounts import personas as p
from backend.accounts.models import AccountStatus, Child, User, YouthLink
from backend.core.db import db, utcnow
from backend.journeys import recommend
from backend.journeys.calendar import Facts, Placed, Placement, journey, month_label, uk_today
from backend.journeys.models import JourneyTopics
from backend.journeys.walls import AUDIENCE_OF

NEXT_SHOWN = 4
ARTICLES_SHOWN = 6
# The article legal routes a child's route reads (early permanence is a route into adoption).
ROUTES_OF = {
    "adoption": ("adoption",),
    "early_permanence": ("adoption",),
    "special_guardianship": ("special_guardianship",),
    "kinship": ("kinship",),
}
CARER_ROUTES = {p.ADOPTER: ("adoption",), p.SPECIAL_GUARDIAN: ("special_guardianship", "kinship")}


def first_of_birth_month(child: Child) -> date:
    return date(child.birth_year, child.birth_month, 1)


def subjects(user: User) -> list[tuple[dict[str, Any], Facts, tuple[str, ...]]]:
    """Each journey of this person: (who it is about, the facts, the legal routes of its articles)."""
    found: list[tuple[dict[str, Any], Facts, tuple[str, ...]]] = []
    persona = user.persona
    if persona in p.CARERS:
        found.append(({"kind": "carer"}, Facts("carer", persona=persona), CARER_ROUTES[persona]))
        family = user.family
        for child in family.children if family is not None else []:
            facts = Facts(
                "child",
                birth=first_of_birth_month(child),
                placement=child.placement_date,
                legal_route=child.legal_route,
            )
            about = {
                "kind": "child",
                "child_id": child.id,
                "born": month_label(facts.birth),  # month and year only: a child has no name here
                "legal_route": child.legal_route,
            }
            found.append((about, facts, ROUTES_OF.get(child.legal_route, content.LEGAL_ROUTES)))
    elif persona == p.PROSPECTIVE_ADOPTER:
        found.append(({"kind": "prospective"}, Facts("prospective", persona=persona), ("adoption",)))
    elif persona == p.YOUNG_PERSON:
        link = db.session.get(YouthLink, user.id)
        linked = db.session.get(Child, link.child_id) if link is not None else None
        facts = Facts(
            "young_person",
            persona=persona,
            birth=user.date_of_birth,
            placement=linked.placement_date if linked is not None else None,
            legal_route=linked.legal_route if linked is not None else None,
        )
        routes = ROUTES_OF.get(linked.legal_route, content.LEGAL_ROUTES) if linked else content.LEGAL_ROUTES
        found.append(({"kind": "young_person"}, facts, routes))
    elif persona == p.ADULT_ADOPTEE:
        facts = Facts("adult_adoptee", persona=persona, birth=user.date_of_birth)
        found.append(({"kind": "adult_adoptee"}, facts, content.LEGAL_ROUTES))
    return found


def topics(user: User) -> list[str]:
    row = db.session.get(JourneyTopics, user.id)
    known = content.library().tags
    return [t for t in (row.topics if row is not None else []) if t in known]


def do_set_topics(user: User, chosen: list[str]) -> dict[str, Any]:
    """Replace the topics this person chose (each a content tag; the schema checks them)."""
    row = db.session.get(JourneyTopics, user.id)
    ordered = sorted(set(chosen))
    if row is None:
        db.session.add(JourneyTopics(user_id=user.id, topics=ordered))
    else:
        row.topics = ordered
    db.session.commit()
    return {"topics": ordered}


def stage_view(placed: Placed) -> dict[str, Any]:
    return {
        "slug": placed.stage.slug,
        "title": placed.stage.title,
        "summary": placed.stage.summary,
        "status": placed.placement.value,
        "starts_on": placed.starts_on,
        "ends_on": placed.ends_on,
        "starts": month_label(placed.starts_on),
        "resources_from": placed.resources_from,
        "tags": list(placed.stage.tags),
    }


def _articles(
    audience: str | None, stages: set[str], routes: tuple[str, ...], only_tags: frozenset[str] | None
) -> list[dict[str, Any]]:
    lib = content.library()
    order = {slug: stage.order for slug, stage in lib.stages.items()}
    found = [
        a
        for a in lib.articles.values()
        if a.audience == audience
        and stages & set(a.stages)
        and set(routes) & set(a.legal_routes)
        and (only_tags is None or only_tags & set(a.tags))
    ]
    found.sort(key=lambda a: (min(order[s] for s in a.stages if s in stages), a.title))
    return [
        {"slug": a.slug, "title": a.title, "summary": a.summary, "reading_minutes": a.reading_minutes}
        for a in found[:ARTICLES_SHOWN]
    ]


def my_journey(user: User, now: datetime | None = None) -> dict[str, Any]:
    """Every journey of the caller, as of today in the UK."""
    today = uk_today(now or utcnow())
    lib = content.library()
    chosen = frozenset(topics(user))
    youth = user.persona == p.YOUNG_PERSON
    audience = AUDIENCE_OF.get(user.persona)
    journeys = []
    for about, facts, routes in subjects(user):
        placed = journey(lib.stages, facts, today)
        current = [x for x in placed if x.placement is Placement.CURRENT]
        upcoming = sorted(
            (x for x in placed if x.placement is Placement.UPCOMING),
            key=lambda x: (x.starts_on or date.max, x.stage.order),
        )[:NEXT_SHOWN]
        available = [x for x in placed if x.placement is Placement.AVAILABLE]
        open_now = {x.stage.slug for x in [*current, *upcoming] if x.resources_open(today)}
        if youth:
            tags = chosen  # only what they opted into
            articles = _articles(audience, open_now, routes, chosen) if chosen else []
        else:
            tags = chosen | {t for x in placed if x.stage.slug in open_now for t in x.stage.tags}
            articles = _articles(audience, open_now, routes, None)
        recommended: dict[str, Any] = {"articles": articles, **recommend.suggest(user, frozenset(tags))}
        journeys.append(
            {
                "about": about,
                "current": [stage_view(x) for x in current],
                "next": [stage_view(x) for x in upcoming],
                "always_available": [stage_view(x) for x in available],
                "recommended": recommended,
            }
        )
    return {"as_of": today, "topics": sorted(chosen), "journeys": journeys}


def stage_list() -> list[dict[str, Any]]:
    return [
        {
            "slug": s.slug,
            "title": s.title,
            "summary": s.summary,
            "journeys": list(s.journeys),
            "lead_months": s.lead_months,
            "tags": list(s.tags),
            "order": s.order,
        }
        for s in content.library().stages.values()
    ]


def people_with_journeys() -> list[User]:
    """Everyone a journey can be computed for (the nudge job's population)."""
    personas = (*p.CARERS, p.PROSPECTIVE_ADOPTER, p.YOUNG_PERSON, p.ADULT_ADOPTEE)
    return list(
        db.session.scalars(
            select(User).where(User.persona.in_(personas), User.status == AccountStatus.ACTIVE)
        )
    )
