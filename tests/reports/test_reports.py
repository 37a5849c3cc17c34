"""Reports and appeals through HTTP: acknowledged only once stored, idempotent, the three-report hide
rule, outcomes without sanctions, and one appeal decided by a different moderator."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from backend.core.db import db as app_db
from backend.reports import service as reports_service
from backend.reports.subjects import REPORTABLE
from moderation import api, db
from moderation.models import Evidence, QueueItem, Report
from tests.moderation.helpers import INSULT, decide, recording, subject

REPORTS = "/api/v1/reports"
_keys = itertools.count(1)


def report(client: Any, persona: Any, subject_id: Any, *, key: str | None = None, **body: Any) -> Any:
    headers = {**persona.headers, "Idempotency-Key": key or f"k{next(_keys)}"}
    payload = {"subject_type": "user", "subject_id": subject_id, "reason": "bullying", **body}
    return client.post(REPORTS, json=payload, headers=headers)


def _reports() -> int:
    return int(db.session().scalar(select(func.count()).select_from(Report)) or 0)


def test_a_report_is_stored_with_its_evidence(client: Any, cast: Any) -> None:
    app_db.session.get(
        type(cast.adopter2.user), cast.adopter2.id
    ).bio_html = "<p>Message me, I know your kids</p>"
    app_db.session.commit()
    response = report(client, cast.adopter, cast.adopter2.id, details="Sent to my child")
    assert response.status_code == 201, response.json
    body = response.json
    assert body["status"] == "under_review" and body["outcome"] == "under review" and body["signposts"] == []
    item = db.session().scalars(select(QueueItem)).one()
    assert (item.subject_type, item.subject_id, item.author_id, item.source) == (
        "user",
        str(cast.adopter2.id),
        cast.adopter2.id,
        "report",
    )
    evidence = db.session().scalars(select(Evidence)).one()
    assert "I know your kids" in evidence.content and evidence.report_id == body["id"]
    stored = db.session().get(Report, body["id"])
    assert stored is not None and stored.details == "Sent to my child" and stored.reporter_verified


def test_the_same_key_gives_the_same_report(client: Any, cast: Any) -> None:
    first = report(client, cast.adopter, cast.adopter2.id, key="abc-1")
    again = report(client, cast.adopter, cast.adopter2.id, key="abc-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json == again.json and _reports() == 1
    # The same key from someone else is their own report; a key reused for another report is refused.
    assert report(client, cast.guardian, cast.adopter2.id, key="abc-1").status_code == 201
    assert report(client, cast.adopter, cast.guardian.id, key="abc-1").status_code == 409
    assert _reports() == 2


def test_the_idempotency_key_is_required(client: Any, cast: Any) -> None:
    response = client.post(
        REPORTS,
        json={"subject_type": "user", "subject_id": cast.adopter2.id, "reason": "spam"},
        headers=cast.adopter.headers,
    )
    assert response.status_code == 400 and "Idempotency-Key" in response.json["errors"]
    too_long = report(client, cast.adopter, cast.adopter2.id, key="x" * 101)
    assert too_long.status_code == 400 and _reports() == 0


def test_unknown_and_unseeable_subjects_get_the_same_404(client: Any, cast: Any) -> None:
    answers = [
        report(client, cast.teen, cast.adopter2.id),  # adults are behind the wall for young people
        report(client, cast.adopter, cast.teen.id),  # and young people for adults
        report(client, cast.adopter, 99999),
    ]
    assert {(a.status_code, str(a.json)) for a in answers} == {(404, str(answers[0].json))}
    # A subject is a reportable type (an enum in the schema) and an integer id: anything else is
    # malformed input, named like any invalid field (#11.6), not looked up.
    not_a_number = report(client, cast.adopter, "not-a-number")
    assert not_a_number.status_code == 422 and set(not_a_number.json["errors"]) == {"subject_id"}
    spaceship = report(client, cast.adopter, 1, subject_type="spaceship")
    assert spaceship.status_code == 422 and set(spaceship.json["errors"]) == {"subject_type"}
    assert report(client, cast.adopter, cast.adopter2.id, reason="gossip").status_code == 422
    assert report(client, cast.adopter, cast.adopter2.id, details="x" * 2001).status_code == 422
    assert _reports() == 0


def test_a_report_is_acknowledged_only_after_it_is_committed(
    client: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    reporter, reported = cast.adopter, cast.adopter2  # made before the commit breaks
    session = db.session()

    def failing_commit() -> None:
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(session, "commit", failing_commit)
    response = report(client, reporter, reported.id, key="lost-1")
    assert response.status_code == 503 and "id" not in response.json
    monkeypatch.undo()
    session.rollback()
    assert _reports() == 0
    # The client retries with the same key and gets its report, stored this time.
    assert report(client, reporter, reported.id, key="lost-1").status_code == 201
    assert _reports() == 1


def test_three_distinct_verified_reporters_hide_the_content(client: Any, cast: Any) -> None:
    with recording() as recorder:
        target = cast.adopter2.id
        assert report(client, cast.adopter, target).status_code == 201
        assert report(client, cast.adopter, target).status_code == 201  # the same person again
        assert report(client, cast.unverified_adopter, target).status_code == 201  # not verified
        assert report(client, cast.guardian, target).status_code == 201
        assert recorder.decisions == []
        assert report(client, cast.adult_adoptee, target).status_code == 201
        assert [d.action for d in recorder.decisions] == ["hide"]
        assert report(client, cast.mentor, target).status_code == 201
        assert [d.action for d in recorder.decisions] == ["hide"]  # hidden once
    hide = recorder.decisions[0]
    assert (hide.subject_type, hide.subject_id, hide.moderator_id) == ("user", str(target), None)
    item = db.session().scalars(select(QueueItem)).one()
    assert item.hidden_at is not None and item.report_count == 6


def test_a_self_harm_report_gets_the_crisis_signposts(client: Any, cast: Any) -> None:
    response = report(client, cast.adopter, cast.adopter2.id, reason="self_harm")
    assert response.status_code == 201
    assert {s["contact"] for s in response.json["signposts"]} >= {"0800 1111", "116 123", "999"}
    assert db.session().scalars(select(QueueItem)).one().priority == 0


def test_my_reports_show_the_outcome_but_never_the_sanction(client: Any, cast: Any) -> None:
    first = report(client, cast.adopter, cast.adopter2.id).json["id"]
    second = report(client, cast.adopter, cast.guardian.id).json["id"]
    items = {i.subject_id: i.id for i in db.session().scalars(select(QueueItem))}
    mine = client.get(f"{REPORTS}/mine", headers=cast.adopter.headers).json["items"]
    assert [(r["id"], r["outcome"]) for r in mine] == [(second, "under review"), (first, "under review")]

    decide(client, cast.moderator, items[str(cast.adopter2.id)], "mute", hours=24)
    decide(client, cast.moderator, items[str(cast.adopter2.id)], "release")
    decide(client, cast.moderator, items[str(cast.guardian.id)], "release")
    mine = client.get(f"{REPORTS}/mine", headers=cast.adopter.headers).json["items"]
    assert [(r["id"], r["status"], r["outcome"]) for r in mine] == [
        (second, "closed", "no action needed"),
        (first, "closed", "action taken"),
    ]
    assert "mute" not in str(mine)
    nothing = client.get(f"{REPORTS}/mine", headers=cast.guardian.headers).json
    assert nothing == {"items": [], "next_cursor": None}
    newest = client.get(f"{REPORTS}/mine", query_string={"limit": 1}, headers=cast.adopter.headers).json
    assert [r["id"] for r in newest["items"]] == [second] and newest["next_cursor"]
    older = client.get(
        f"{REPORTS}/mine", query_string={"cursor": newest["next_cursor"]}, headers=cast.adopter.headers
    ).json
    assert [r["id"] for r in older["items"]] == [first] and older["next_cursor"] is None


def test_reports_are_rate_limited(client: Any, cast: Any, app: Any) -> None:
    app.config["RATE_LIMIT_REPORTS"] = "2/hour"
    assert report(client, cast.adopter, cast.adopter2.id).status_code == 201
    assert report(client, cast.adopter, cast.guardian.id).status_code == 201
    assert report(client, cast.adopter, cast.mentor.id).status_code == 429
    assert report(client, cast.guardian, cast.adopter2.id).status_code == 201  # per person


def test_records_survive_the_deletion_of_the_account(client: Any, cast: Any) -> None:
    name = cast.adopter2.user.display_name
    report(client, cast.adopter, cast.adopter2.id)
    assert client.delete("/api/v1/me", headers=cast.adopter2.headers).status_code == 204
    item_id = db.session().scalars(select(QueueItem.id)).one()
    detail = client.get(f"/api/v1/moderation/queue/{item_id}", headers=cast.moderator.headers).json
    assert detail["author_id"] == cast.adopter2.id and name in detail["content"]
    assert name in detail["evidence"][0]["content"] and detail["reports"][0]["reporter_id"] == cast.adopter.id


# --- appeals -------------------------------------------------------------------------------------


def _removed_post(client: Any, cast: Any, author: Any) -> str:
    verdict = api.screen(subject(INSULT, type="post", id="501", author_id=author.id))
    assert decide(client, cast.moderator, verdict.item_id, "remove").status_code == 200
    return "501"


def test_an_author_appeals_once_and_another_moderator_decides(client: Any, cast: Any) -> None:
    post_id = _removed_post(client, cast, cast.adopter)
    body = {"subject_type": "post", "subject_id": post_id, "reason": "It was a quote from a film"}
    assert client.post("/api/v1/appeals", json=body, headers=cast.guardian.headers).status_code == 404
    appealed = client.post("/api/v1/appeals", json=body, headers=cast.adopter.headers)
    assert appealed.status_code == 201, appealed.json
    assert appealed.json["status"] == "under_review"
    assert client.post("/api/v1/appeals", json=body, headers=cast.adopter.headers).status_code == 409

    item = db.session().scalars(select(QueueItem).where(QueueItem.source == "appeal")).one()
    assert item.excluded_moderator_id == cast.moderator.id and item.content == INSULT
    assert (
        client.post(f"/api/v1/moderation/queue/{item.id}/claim", headers=cast.moderator.headers).status_code
        == 403
    )
    assert decide(client, cast.moderator, item.id, "release").status_code == 403
    with recording() as recorder:
        assert (
            decide(client, cast.moderator2, item.id, "release", reason="Quote, in context").status_code == 200
        )
    assert [(d.action, d.subject_id) for d in recorder.decisions] == [("release", post_id)]
    mine = client.get("/api/v1/appeals/mine", headers=cast.adopter.headers).json["items"]
    assert [(a["subject_id"], a["status"]) for a in mine] == [(int(post_id), "overturned")]
    # The author is told in the same words as the status: the decision was overturned.
    told = client.get("/api/v1/notifications", headers=cast.adopter.headers).json["items"]
    assert [n["title"] for n in told if n["link"] == "/appeals/mine"] == ["Your appeal succeeded"]


def test_reports_and_appeals_spell_their_statuses_as_the_api_does(client: Any) -> None:
    """One spelling for "under review" (``under_review``, the API's convention, as a report's
    status always was), a StrEnum whose names are its values, and the values listed in the
    OpenAPI document so a generated client gets an enum for each."""
    schemas = client.get("/api/openapi.json").json["components"]["schemas"]
    assert schemas["AppealOut"]["properties"]["status"]["enum"] == ["under_review", "overturned", "upheld"]
    assert schemas["ReportOut"]["properties"]["status"]["enum"] == ["under_review", "closed"]
    for statuses in (api.AppealStatus, api.ReportStatus):
        assert [member.name.lower() for member in statuses] == [member.value for member in statuses]


def test_only_a_removal_can_be_appealed(client: Any, cast: Any) -> None:
    verdict = api.screen(subject(INSULT, type="post", id="502", author_id=cast.adopter.id))
    decide(client, cast.moderator, verdict.item_id, "release")
    body = {"subject_type": "post", "subject_id": "502", "reason": "?"}
    assert client.post("/api/v1/appeals", json=body, headers=cast.adopter.headers).status_code == 404


def test_subject_ids_are_integers_in_and_out_and_subject_types_an_enum(client: Any, cast: Any) -> None:
    """#11.6: a subject id went in as an integer and came back as a string from reports, appeals
    and the queue; one type now, documented as such, with the subject types as an enum."""
    target = cast.adopter2.id
    made = report(client, cast.adopter, target)
    assert made.status_code == 201 and made.json["subject_id"] == target, made.json
    assert [
        r["subject_id"] for r in client.get(f"{REPORTS}/mine", headers=cast.adopter.headers).json["items"]
    ] == [target]
    post_id = int(_removed_post(client, cast, cast.guardian))
    body = {"subject_type": "post", "subject_id": post_id, "reason": "It was a quote from a film"}
    appealed = client.post("/api/v1/appeals", json=body, headers=cast.guardian.headers)
    assert appealed.status_code == 201 and appealed.json["subject_id"] == post_id, appealed.json
    mine = client.get("/api/v1/appeals/mine", headers=cast.guardian.headers).json["items"]
    assert [a["subject_id"] for a in mine] == [post_id]
    page = client.get("/api/v1/moderation/queue", headers=cast.moderator.headers).json
    assert page["items"] and all(type(i["subject_id"]) is int for i in page["items"]), page
    detail = client.get(f"/api/v1/moderation/queue/{page['items'][0]['id']}", headers=cast.moderator.headers)
    assert type(detail.json["subject_id"]) is int

    schemas = client.get("/api/openapi.json").json["components"]["schemas"]
    for name in ("ReportCreate", "ReportOut", "AppealCreate", "AppealOut", "ItemOut", "ItemDetail"):
        fields = schemas[name]["properties"]
        assert fields["subject_id"]["type"] == "integer", name
        assert fields["subject_type"]["enum"], name
    assert set(schemas["ReportCreate"]["properties"]["subject_type"]["enum"]) == set(REPORTABLE)
    assert set(schemas["ItemOut"]["properties"]["subject_type"]["enum"]) == set(api.SUBJECT_TYPES)


def test_the_reportable_types_are_exactly_those_with_a_resolver(app: Any) -> None:
    assert set(reports_service._resolvers) == set(REPORTABLE)
    with pytest.raises(ValueError):
        reports_service.register_subject("spaceship", lambda user, subject_id: None)  # type: ignore[arg-type,return-value]
