"""The demo: the demo mentor is vetted and the demo prospective adopter gets suggestions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend import demo
from backend.accounts.models import User
from backend.auth import service as auth
from backend.core.db import db
from backend.mentoring.models import MentoringRequest


def _headers(email: str) -> dict[str, str]:
    user = db.session.scalar(select(User).where(User.email == email))
    assert user is not None
    return {"Authorization": f"Bearer {auth.do_issue_tokens(user, demo.DEMO_CLIENT_ID).access_token}"}


def test_the_demo_prospective_adopter_is_suggested_the_vetted_demo_mentor(app: Any, client: Any) -> None:
    demo.load()
    demo.load()  # idempotent
    prospective = db.session.scalar(select(User).where(User.email == "prospective@demo.example"))
    mentor = db.session.scalar(select(User).where(User.email == "mentor@demo.example"))
    assert prospective is not None and mentor is not None
    [request] = db.session.scalars(
        select(MentoringRequest).where(MentoringRequest.requester_id == prospective.id)
    )
    found = client.get(
        f"/api/v1/mentoring/requests/{request.id}/suggestions", headers=_headers("prospective@demo.example")
    )
    assert found.status_code == 200, found.json
    assert [s["mentor"]["id"] for s in found.json["items"]] == [mentor.id]
    assert found.json["items"][0]["reasons"][0] == "you share: adoption, sibling group, LGBT+ family"
