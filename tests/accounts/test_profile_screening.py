"""Display names are screened like posts: contact details, schools and the like are refused."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.accounts.models import User
from backend.core.db import db
from moderation import db as moderation_db
from moderation.models import QueueItem
from tests.accounts.test_accounts import register


def test_registration_refuses_a_name_that_shares_contact_details(client: Any) -> None:
    response = register(client, display_name="Sam, text me on 07700 900123")
    assert response.status_code == 422 and "display_name" in response.json["errors"]
    assert db.session.scalar(select(User.id).where(User.display_name.like("Sam%"))) is None
    assert register(client, display_name="Sam").status_code == 202


def test_a_new_name_is_screened_and_a_refusal_keeps_the_old_one(client: Any, cast: Any) -> None:
    before = cast.adopter.user.display_name
    refused = client.patch(
        "/api/v1/me", json={"display_name": "Jo from St Mary's Primary"}, headers=cast.adopter.headers
    )
    assert refused.status_code == 422 and "display_name" in refused.json["errors"]
    db.session.refresh(cast.adopter.user)
    assert cast.adopter.user.display_name == before
    held = moderation_db.session().scalars(select(QueueItem).where(QueueItem.subject_type == "profile")).all()
    assert [item.author_id for item in held] == [cast.adopter.id]  # the moderators still see it

    fine = client.patch("/api/v1/me", json={"display_name": "Jo"}, headers=cast.adopter.headers)
    assert fine.status_code == 200 and fine.json["display_name"] == "Jo"
