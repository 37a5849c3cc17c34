"""Every article passes the project's own screening in the space its audience says (young people's
articles in youth spaces, the rest in adult spaces), so nothing we publish trips the rules it teaches
(issue #16)."""

from __future__ import annotations

from typing import Any

import content
from backend.core.html import screening_text
from backend.journeys.articles import render
from moderation import api as moderation


def test_every_article_passes_screening(app: Any) -> None:
    refused = []
    for n, article in enumerate(content.load().articles.values(), start=1):
        youth = article.audience == "young_person"
        verdict = moderation.screen(
            moderation.Subject(
                type="post",
                id=str(n),
                author=moderation.AuthorFacts(
                    user_id=n,
                    account_age_days=365.0,
                    verified=True,
                    persona="young_person" if youth else "adopter",
                ),
                text=screening_text(plain=f"{article.title}\n{article.summary}", html=render(article)),
                audience="youth" if youth else "adult",
                space=f"article:{article.slug}",
            )
        )
        if verdict.action != "allow":
            refused.append(
                (article.slug, article.audience, verdict.action, verdict.categories, verdict.reason)
            )
    assert refused == [], refused


def test_the_same_screening_refuses_what_articles_must_not_say(app: Any) -> None:
    """The control: the call above really screens (a phone number in a youth space is not allowed)."""
    verdict = moderation.screen(
        moderation.Subject(
            type="post",
            id="1",
            author=moderation.AuthorFacts(
                user_id=1, account_age_days=365.0, verified=True, persona="young_person"
            ),
            text="Text me on 07700 900123 and add me on snap",
            audience="youth",
            space="article:control",
        )
    )
    assert verdict.action != "allow", verdict
