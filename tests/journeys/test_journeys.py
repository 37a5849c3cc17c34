"""Journeys per persona, through the API: each sees only what that persona may see."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine

from backend.accounts.models import PrivacySettings
from backend.core.db import db
from backend.journeys import recommend
from tests.factories import make_teen

NOW = datetime(2026, 10, 5, 11, 0, tzinfo=UTC)  # a Monday morning in October (BST)
CARER_ARTICLE = "fixture-getting-ready-for-year-7"
YOUTH_ARTICLE = "fixture-who-am-i"
ADULT_ADOPTEE_ARTICLE = "fixture-records-after-18"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _group(client: Any, worker: Any, name: str, audience: str) -> int:
    response = client.post(
        "/api/v1/groups",
        json={"name": name, "description": "", "audience": audience},
        headers=worker.headers,
    )
    assert response.status_code == 201, response.json
    return int(response.json["id"])


def _journey(client: Any, who: Any) -> dict[str, Any]:
    response = client.get("/api/v1/me/journey", headers=who.headers)
    assert response.status_code == 200, response.json
    return dict(response.json)


def _stages(journey: dict[str, Any], part: str) -> dict[str, dict[str, Any]]:
    return {s["slug"]: s for s in journey[part]}


def test_a_carer_adds_a_child_and_sees_the_journey_ahead(client: Any, cast: Any) -> None:
    """Through the API alone: a child added in Year 6 shows secondary school ahead, with dates."""
    adopter, worker = cast.adopter, cast.agency_worker
    youth_group = _group(client, worker, "Young people talking about school", "young_people")
    adult_group = _group(client, worker, "Adopters: school and transitions", "adopters")
    added = client.post(
        "/api/v1/me/family/children",
        json={
            "birth_month": 3,
            "birth_year": 2016,
            "placement_date": "2018-06-01",
            "legal_route": "adoption",
        },
        headers=adopter.headers,
    )
    assert added.status_code == 201, added.json
    journey = _journey(client, adopter)
    assert journey["as_of"] == "2026-10-05"
    kinds = [j["about"]["kind"] for j in journey["journeys"]]
    assert kinds == ["carer", "child"]
    child = journey["journeys"][1]
    assert child["about"] == {
        "kind": "child",
        "child_id": added.json["id"],
        "born": "March 2016",
        "legal_route": "adoption",
    }
    upcoming = _stages(child, "next")
    secondary = upcoming["moving-to-secondary-school"]
    assert (secondary["starts_on"], secondary["starts"], secondary["resources_from"]) == (
        "2027-09-01",
        "September 2027",
        "2026-09-01",
    )
    assert upcoming["adolescence-identity-belonging"]["starts_on"] == "2028-03-01"  # 12 in March 2028
    current = _stages(child, "current")
    assert {"school-and-send", "online-safety", "life-story-work", "birth-family-contact"} <= set(current)
    assert "special-guardianship-and-kinship" not in current  # an adopted child
    assert [s["slug"] for s in child["always_available"]] == ["child-to-parent-violence"]
    # Resources for Year 7 are open: the carer's article about it is recommended, and the adults' group.
    recommended = child["recommended"]
    assert [a["slug"] for a in recommended["articles"]] == [CARER_ARTICLE]
    assert [g["id"] for g in recommended["groups"]] == [adult_group]
    assert youth_group not in [g["id"] for g in recommended["groups"]]
    assert recommended["events"] == [] and recommended["mentors"] == []
    # The article reads through the API, its internal link pointing at the API path.
    article = client.get(f"/api/v1/articles/{CARER_ARTICLE}", headers=adopter.headers).json
    assert f'href="/api/v1/articles/{YOUTH_ARTICLE}"' in article["body_html"]
    assert "<script" not in article["body_html"]


def test_a_young_person_is_recommended_only_what_they_opted_into(client: Any, cast: Any) -> None:
    teen, worker = cast.teen, cast.agency_worker
    youth_group = _group(client, worker, "Identity and belonging (young people)", "young_people")
    _group(client, worker, "Identity and belonging for adopters", "adopters")
    journey = _journey(client, teen)
    assert [j["about"]["kind"] for j in journey["journeys"]] == ["young_person"]
    own = journey["journeys"][0]
    assert "adolescence-identity-belonging" in _stages(own, "current")
    assert "moving-to-secondary-school" not in _stages(own, "current") | _stages(own, "next")
    # Profiling off by default: nothing recommended until they choose topics themselves.
    assert own["recommended"] == {"articles": [], "groups": [], "events": [], "mentors": []}
    chosen = client.put("/api/v1/me/journey/topics", json={"topics": ["identity"]}, headers=teen.headers)
    assert chosen.status_code == 200 and chosen.json == {"topics": ["identity"]}
    own = _journey(client, teen)["journeys"][0]
    assert [a["slug"] for a in own["recommended"]["articles"]] == [YOUTH_ARTICLE]
    assert [g["id"] for g in own["recommended"]["groups"]] == [youth_group]  # never the adults' group
    # A young person's list and search show young people's articles only; adults' are 404.
    listed = client.get("/api/v1/articles", headers=teen.headers).json
    assert [a["slug"] for a in listed["items"]] == [YOUTH_ARTICLE] and listed["next_cursor"] is None
    assert client.get("/api/v1/articles?audience=carer", headers=teen.headers).json["items"] == []
    assert client.get(f"/api/v1/articles/{CARER_ARTICLE}", headers=teen.headers).status_code == 404
    # A topic that is not a tag is refused, naming the field.
    bad = client.put("/api/v1/me/journey/topics", json={"topics": ["football"]}, headers=teen.headers)
    assert bad.status_code == 422 and "topics" in bad.json["errors"]


def test_suggestions_from_other_features_keep_to_the_wall(
    client: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events and mentoring plug in as recommenders; whatever they return, a young person's journey
    shows only young people's things and an adult's never shows them."""

    def events(user: Any, tags: frozenset[str], limit: int) -> list[dict[str, Any]]:
        return [
            {"id": 1, "name": "Youth games night", "audience": "young_people"},
            {"id": 2, "name": "Coffee morning", "audience": "adopters"},
            {"id": 3, "name": "No audience said"},
        ]

    monkeypatch.setitem(recommend._recommenders, "events", events)
    client.put("/api/v1/me/journey/topics", json={"topics": ["identity"]}, headers=cast.teen.headers)
    teen = _journey(client, cast.teen)["journeys"][0]["recommended"]["events"]
    assert [e["id"] for e in teen] == [1]
    adult = _journey(client, cast.adult_adoptee)["journeys"][0]["recommended"]["events"]
    assert [e["id"] for e in adult] == [2]


def test_each_persona_gets_its_own_journey(client: Any, cast: Any) -> None:
    prospective = _journey(client, cast.prospective)["journeys"]
    assert [j["about"]["kind"] for j in prospective] == ["prospective"]
    assert "preparing-and-approval" in _stages(prospective[0], "current")
    assert _stages(prospective[0], "next")["matching-and-introductions"]["starts_on"] is None
    adoptee = _journey(client, cast.adult_adoptee)["journeys"]
    assert [j["about"]["kind"] for j in adoptee] == ["adult_adoptee"]
    assert "adult-life" in _stages(adoptee[0], "current")
    assert [a["slug"] for a in adoptee[0]["recommended"]["articles"]] == [ADULT_ADOPTEE_ARTICLE]
    guardian = _journey(client, cast.guardian)["journeys"]
    assert "special-guardianship-and-kinship" in _stages(guardian[0], "current")
    for staff in ("agency_worker", "moderator", "dsl", "admin"):
        assert _journey(client, getattr(cast, staff))["journeys"] == []


def test_bookmarks_and_feedback(client: Any, cast: Any) -> None:
    adopter, worker = cast.adopter, cast.agency_worker
    path = f"/api/v1/articles/{CARER_ARTICLE}"
    assert client.put(f"{path}/bookmark", headers=adopter.headers).status_code == 201
    assert client.put(f"{path}/bookmark", headers=adopter.headers).status_code == 200
    marks = client.get("/api/v1/me/bookmarks", headers=adopter.headers).json
    assert [m["article"]["slug"] for m in marks["items"]] == [CARER_ARTICLE]
    assert client.get(path, headers=adopter.headers).json["bookmarked"] is True
    assert client.delete(f"{path}/bookmark", headers=adopter.headers).status_code == 204
    assert client.get("/api/v1/me/bookmarks", headers=adopter.headers).json["items"] == []

    first = client.post(
        f"{path}/feedback",
        json={"helpful": True, "comment": "Really useful, thank you."},
        headers=adopter.headers,
    )
    assert first.status_code == 201 and first.json["comment_status"] == "published", first.json
    again = client.post(f"{path}/feedback", json={"helpful": False}, headers=adopter.headers)
    assert again.status_code == 200 and again.json["comment_status"] == "none"
    client.post(f"{path}/feedback", json={"helpful": True}, headers=cast.guardian.headers)
    # A comment that would take someone off the platform is not kept as said.
    risky = client.post(
        f"{path}/feedback",
        json={"helpful": True, "comment": "Text me on 07700 900123 to chat about it"},
        headers=cast.mentor.headers,
    )
    assert risky.status_code == 422 or risky.json["comment_status"] == "pending", risky.json
    summary = client.get("/api/v1/articles/feedback-summary", headers=worker.headers).json
    (row,) = summary["items"]
    assert row == {
        "slug": CARER_ARTICLE,
        "title": row["title"],
        "helpful": 2,
        "not_helpful": 1,
        "comments": int(risky.status_code != 422),
    }
    assert "07700" not in str(summary) and "thank you" not in str(summary)


def test_a_comment_about_self_harm_shows_signposts(client: Any, cast: Any) -> None:
    response = client.post(
        f"/api/v1/articles/{YOUTH_ARTICLE}/feedback",
        json={"helpful": False, "comment": "I want to kill myself"},
        headers=cast.teen.headers,
    )
    body = response.json
    signposts = body["errors"]["signposts"] if response.status_code == 422 else body["signposts"]
    assert any("0800 1111" in str(s) for s in signposts), body


def test_directory_and_stages(client: Any, cast: Any) -> None:
    everyone = client.get("/api/v1/directory", headers=cast.adopter.headers).json
    assert [e["region"] for e in everyone["items"]] == ["North West", "London"]
    assert all(e["example"] for e in everyone["items"])
    london = client.get("/api/v1/directory?region=London", headers=cast.teen.headers).json["items"]
    assert [e["local_authority"] for e in london] == ["Fixture London Borough (example entry)"]
    bad = client.get("/api/v1/directory?region=Atlantis", headers=cast.adopter.headers)
    assert bad.status_code == 422 and "region" in bad.json["errors"]
    stages = client.get("/api/v1/stages?limit=5", headers=cast.adopter.headers).json
    assert [s["slug"] for s in stages["items"]][:2] == [
        "preparing-and-approval",
        "matching-and-introductions",
    ]
    more = client.get(f"/api/v1/stages?cursor={stages['next_cursor']}", headers=cast.adopter.headers).json
    assert len(stages["items"]) + len(more["items"]) == 15


def test_search_title_summary_and_body(client: Any, cast: Any) -> None:
    def found(q: str) -> list[str]:
        response = client.get("/api/v1/articles", query_string={"q": q}, headers=cast.adopter.headers)
        return [a["slug"] for a in response.json["items"]]

    assert found("belong") == [YOUTH_ARTICLE]  # title
    assert found("asking to see records") == [ADULT_ADOPTEE_ARTICLE]  # summary
    assert found("canteen") == [CARER_ARTICLE]  # body only
    assert found("canteen belong") == []
    by_stage = client.get("/api/v1/articles?stage=adult-life", headers=cast.adopter.headers).json["items"]
    assert [a["slug"] for a in by_stage] == [ADULT_ADOPTEE_ARTICLE]
    assert client.get("/api/v1/articles?stage=nonsense", headers=cast.adopter.headers).status_code == 422


def test_nudges_once_per_stage_and_only_when_opted_in(app: Any, cast: Any) -> None:
    from backend.accounts.models import Child
    from backend.journeys.nudges import send_due_nudges
    from backend.notifications.models import Notification

    adopter = cast.adopter
    db.session.add(
        Child(
            family_id=adopter.user.family_id, birth_month=3, birth_year=2016, legal_route="adoption", needs=[]
        )
    )
    db.session.commit()
    send_due_nudges()
    assert db.session.query(Notification).count() == 0  # off by default
    db.session.get(PrivacySettings, adopter.id).nudges_enabled = True
    db.session.commit()
    send_due_nudges()
    send_due_nudges()
    (nudge,) = db.session.query(Notification).all()
    assert nudge.user_id == adopter.id and nudge.category == "journey"
    assert nudge.title == "Year 7 starts next September: here is what helped other families"
    assert "2016" not in nudge.title and "March" not in nudge.title
    assert nudge.link == "/api/v1/articles?stage=moving-to-secondary-school"


def test_young_people_are_never_nudged_at_night(app: Any, cast: Any) -> None:
    from backend.journeys.nudges import send_due_nudges
    from backend.notifications.models import Notification

    teen = make_teen(cast.adopter, age=17)  # turning 18 within the year: its nudge is due
    db.session.get(PrivacySettings, teen.id).nudges_enabled = True
    db.session.commit()
    night = datetime(2026, 10, 5, 22, 30, tzinfo=UTC)  # 23:30 in the UK
    assert send_due_nudges(night) == 0
    assert db.session.query(Notification).filter_by(user_id=teen.id).count() == 0
    assert send_due_nudges(datetime(2026, 10, 6, 8, 0, tzinfo=UTC)) == 1  # 09:00 in the UK
    (nudge,) = db.session.query(Notification).filter_by(user_id=teen.id).all()
    assert nudge.title.startswith("Turning 18")


def test_turning_18_through_the_api_at_midnight_uk_time(client: Any, cast: Any) -> None:
    from backend.auth import service as auth
    from tests.factories import CLIENT_ID

    teen = cast.teen
    teen.user.date_of_birth = date(2008, 7, 15)
    db.session.commit()

    def headers() -> dict[str, str]:  # a token issued at the travelled-to time
        return {"Authorization": f"Bearer {auth.do_issue_tokens(teen.user, CLIENT_ID).access_token}"}

    def journey() -> dict[str, Any]:
        response = client.get("/api/v1/me/journey", headers=headers())
        assert response.status_code == 200, response.json
        return dict(response.json["journeys"][0])

    with time_machine.travel(datetime(2026, 7, 14, 22, 59, tzinfo=UTC), tick=False):
        assert "turning-18-and-records" in _stages(journey(), "next")
    with time_machine.travel(datetime(2026, 7, 14, 23, 0, tzinfo=UTC), tick=False):  # midnight BST
        assert _stages(journey(), "current")["turning-18-and-records"]["starts_on"] == "2026-07-15"


def test_bookmarks_cost_the_same_statements_however_many(app: Any, client: Any, cast: Any) -> None:
    from sqlalchemy import event

    from backend.core.db import db as database

    adopter = cast.adopter
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    def read() -> int:
        statements.clear()
        engine = database.engine(app)
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get("/api/v1/me/bookmarks", headers=adopter.headers).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    client.put(f"/api/v1/articles/{CARER_ARTICLE}/bookmark", headers=adopter.headers)
    one = read()
    for slug in (YOUTH_ARTICLE, ADULT_ADOPTEE_ARTICLE):
        client.put(f"/api/v1/articles/{slug}/bookmark", headers=adopter.headers)
    assert read() == one <= 3, statements
