"""Who may read which article, as one pure rule, and the one way to fetch an article (same 404 for
missing and not allowed).

Young people read young people's articles only: what is written for adults (crisis plans, contact
disputes, records) is not for them to meet by chance, and their app shows them nothing else (PRODUCT.md
2.1: young people see only young people's spaces). Adults and staff may read every article (a carer
may want to read what their teenager reads); what an adult is *recommended* is their own audience's.
"""

from __future__ import annotations

from dataclasses import dataclass

import content
from backend.accounts import personas as p
from backend.accounts.models import User
from backend.core.errors import NotFound

# The article audience written for each persona (content's ``audience``).
AUDIENCE_OF = {
    p.ADOPTER: "carer",
    p.SPECIAL_GUARDIAN: "carer",
    p.PROSPECTIVE_ADOPTER: "carer",
    p.YOUNG_PERSON: "young_person",
    p.ADULT_ADOPTEE: "adult_adoptee",
}


@dataclass(frozen=True)
class ArticleStanding:
    read: bool  # may open it, bookmark it and give feedback
    own_audience: bool  # written for this person (what recommendations draw on)


def _standing(persona: str, active: bool, article: content.Article) -> ArticleStanding:
    if not active:
        return ArticleStanding(read=False, own_audience=False)
    own = AUDIENCE_OF.get(persona) == article.audience
    if persona == p.YOUNG_PERSON:
        return ArticleStanding(read=own, own_audience=own)
    return ArticleStanding(read=True, own_audience=own)


def standing(user: User, article: content.Article) -> ArticleStanding:
    return _standing(user.persona, user.is_active, article)


def readable_audiences(user: User) -> tuple[str, ...]:
    """The audiences whose articles this person may read."""
    if user.persona == p.YOUNG_PERSON:
        return ("young_person",)
    return content.AUDIENCES


def access_article(user: User, slug: str) -> content.Article:
    """The article, if this person may read it; the same 404 when it does not exist."""
    article = content.library().articles.get(slug)
    if article is None or not standing(user, article).read:
        raise NotFound()
    return article
