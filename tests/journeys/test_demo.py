"""`make run`'s demo data gives the demo family a populated journey (with the project's own articles)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

import content
from backend import demo
from backend.accounts.models import Child, User
from backend.auth import service as auth
from backend.core.db import db
from backend.notifications.models import Notification


@pytest.fixture(autouse=True)
def fixture_content() -> content.Library:
    """The real articles here, not the fixtures: the demo names them."""
    return content.library()


def headers_for(email: str) -> dict[str, str]:
    user = db.session.scalar(select(User).where(User.email == email))
    assert user is not None
    return {"Authorization": f"Bearer {auth.do_issue_tokens(user, demo.DEMO_CLIENT_ID).access_token}"}


def test_the_demo_family_has_a_populated_journey(app: Any, client: Any) -> None:
    assert app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    children = db.session.scalar(select(func.count()).select_from(Child))
    nudges = db.session.scalar(
        select(func.count()).select_from(Notification).where(Notification.category == "journey")
    )
    assert app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Child)) == children  # idempotent
    assert nudges and nudges == db.session.scalar(
        select(func.count()).select_from(Notification).where(Notification.category == "journey")
    )

    family = client.get("/api/v1/me/journey", headers=headers_for("adopter@demo.example")).json
    kinds = [j["about"]["kind"] for j in family["journeys"]]
    assert kinds == ["carer", "child", "child", "child"]
    ahead = {s["slug"] for j in family["journeys"] for s in j["next"]}
    assert "moving-to-secondary-school" in ahead
    assert all(j["recommended"]["articles"] for j in family["journeys"])
    # The demo's carers' events and its vetted mentor reach the family's journey (issue #16).
    events = [e for j in family["journeys"] for e in j["recommended"]["events"]]
    mentors = [m for j in family["journeys"] for m in j["recommended"]["mentors"]]
    assert events and all(e["audience"] != "young_people" and "venue" not in e for e in events)
    assert mentors and all(m["audience"] != "young_people" for m in mentors)
    marks = client.get("/api/v1/me/bookmarks", headers=headers_for("adopter@demo.example")).json["items"]
    assert [m["article"]["slug"] for m in marks] == ["year-6-to-year-7-planning-ahead"]

    lib = content.library().articles
    teen = client.get("/api/v1/me/journey", headers=headers_for("teen@demo.example")).json
    articles = teen["journeys"][0]["recommended"]["articles"]
    assert articles and all(lib[a["slug"]].audience == "young_person" for a in articles)
    assert all(g["audience"] == "young_people" for g in teen["journeys"][0]["recommended"]["groups"])
    for kind in ("events", "mentors"):
        assert all(x["audience"] == "young_people" for x in teen["journeys"][0]["recommended"][kind])

    guardian = client.get("/api/v1/me/journey", headers=headers_for("guardian@demo.example")).json
    (child,) = [j for j in guardian["journeys"] if j["about"].get("legal_route") == "kinship"]
    current = {s["slug"] for s in child["current"]}
    assert {"first-year-after-placement", "special-guardianship-and-kinship"} <= current
