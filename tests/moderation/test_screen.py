"""screen(): every verdict path end to end, fail-closed behaviour, evidence, rules and protected terms."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from moderation import api, db, intake
from moderation.models import AuditEntry, Evidence, QueueItem
from moderation.screening import ScreenResult
from tests.moderation.helpers import CLEAN, CPV_ADULT, INSULT, MEETING, SELF_HARM, subject
from tests.moderation.screening.test_context import WEAK


def _item(item_id: int | None) -> QueueItem:
    assert item_id is not None
    item = db.session().get(QueueItem, item_id)
    assert item is not None
    return item


def _count(model: Any) -> int:
    return int(db.session().scalar(select(func.count()).select_from(model)) or 0)


def test_clean_text_is_allowed_and_nothing_is_stored(app: Any) -> None:
    verdict = api.screen(subject(CLEAN))
    assert verdict.action == "allow" and verdict.item_id is None and verdict.signposts == ()
    assert _count(QueueItem) == 0


def test_risk_to_life_is_held_at_p0_with_evidence_and_signposts(app: Any) -> None:
    context = ({"id": 1, "sender_id": 5, "text": "how are you", "at": "2025-01-01T10:00:00+00:00"},)
    verdict = api.screen(subject(SELF_HARM, type="message", context=context))
    assert verdict.action == "hold" and verdict.priority == 0
    assert "self_harm" in verdict.categories
    assert {s.contact for s in verdict.signposts} >= {"0800 1111", "116 123", "999"}
    item = _item(verdict.item_id)
    assert item.held and item.priority == 0 and item.source == "screening" and item.active
    evidence = db.session().scalars(select(Evidence).where(Evidence.item_id == item.id)).one()
    assert evidence.content == SELF_HARM and evidence.context == [context[0]]
    assert (
        evidence.matches and evidence.matches[0]["category"] == "self_harm" and evidence.matches[0]["spans"]
    )


def test_an_insult_is_held(app: Any) -> None:
    verdict = api.screen(subject(INSULT))
    assert verdict.action == "hold" and verdict.categories == ("harassment",) and verdict.signposts == ()
    item = _item(verdict.item_id)
    assert item.held and item.categories == ["harassment"] and item.priority == verdict.priority


def test_blocked_content_is_queued_for_the_record(client: Any, cast: Any) -> None:
    """A moderator's block rule; blocked content is never shown, and its item is kept for review."""
    rule = {"kind": "term", "value": "old boathouse", "action": "block", "priority": 1}
    assert (
        client.post("/api/v1/moderation/rules", json=rule, headers=cast.moderator.headers).status_code == 201
    )
    verdict = api.screen(subject(MEETING))
    assert verdict.action == "block" and verdict.categories == ("watched",) and verdict.priority == 1
    item = _item(verdict.item_id)
    assert not item.held and item.categories == ["watched"]


def test_allowed_content_that_matched_a_category_is_still_queued(app: Any) -> None:
    verdict = api.screen(subject(CPV_ADULT, audience="adult"))
    assert verdict.action == "allow" and "child_to_parent_violence" in verdict.categories
    item = _item(verdict.item_id)
    assert not item.held and item.priority == verdict.priority


def test_a_pre_moderated_space_holds_everything(app: Any) -> None:
    verdict = api.screen(subject(CLEAN, mode="pre"))
    assert verdict.action == "hold" and verdict.item_id is not None
    assert _item(verdict.item_id).held


def test_fails_closed_when_the_screener_raises(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_input: Any) -> ScreenResult:
        raise RuntimeError("engine bug")

    monkeypatch.setattr(intake._screener, "screen", broken)
    verdict = api.screen(subject(CLEAN))
    assert verdict.action == "hold" and verdict.reason == intake.FAIL_CLOSED_REASON
    assert _item(verdict.item_id).held  # and a moderator will see it


def test_fails_closed_when_the_screener_says_so(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        intake._screener,
        "screen",
        lambda _input: ScreenResult("allow", (), None, (), "timeout", failed_closed=True),
    )
    assert api.screen(subject(CLEAN)).action == "hold"


def test_fails_closed_even_when_moderation_cannot_store_the_item(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down() -> Any:
        raise RuntimeError("moderation database unreachable")

    monkeypatch.setattr(db, "begin_write", down)
    verdict = api.screen(subject(SELF_HARM))
    assert verdict.action == "hold" and verdict.item_id is None and verdict.signposts


def test_signals_about_one_subject_land_on_one_item(app: Any) -> None:
    first = api.screen(subject(CPV_ADULT, id="p1"))
    second = api.screen(subject(SELF_HARM, id="p1"))  # the author edited the post
    assert first.item_id == second.item_id
    item = _item(first.item_id)
    assert (
        item.priority == 0 and item.held and {"self_harm", "child_to_parent_violence"} <= set(item.categories)
    )
    assert _count(Evidence) == 2 and _count(QueueItem) == 1


def test_rules_are_stricter_for_young_people(app: Any) -> None:
    adult = api.screen(subject(MEETING, audience="adult"))
    youth = api.screen(subject(MEETING, audience="youth"))
    assert (adult.action, adult.item_id) == ("allow", None)
    assert youth.action == "hold" and "grooming" in youth.categories
    assert _item(youth.item_id).audience == "youth"


def test_dry_run_screens_without_storing_anything(client: Any, cast: Any) -> None:
    audit_rows = _count(AuditEntry)
    response = client.post(
        "/api/v1/moderation/screen",
        json={"text": SELF_HARM, "audience": "youth"},
        headers=cast.moderator.headers,
    )
    assert response.status_code == 200, response.json
    body = response.json
    assert body["verdict"] == "hold" and "self_harm" in body["categories"] and body["priority"] == 0
    assert body["spans"][0]["spans"]
    assert _count(QueueItem) == 0 and _count(AuditEntry) == audit_rows
    bad = client.post(
        "/api/v1/moderation/screen", json={"text": "x", "audience": "teens"}, headers=cast.moderator.headers
    )
    assert bad.status_code == 422 and "audience" in bad.json["errors"]


def test_watched_rules_apply_at_once_and_retire_cleanly(client: Any, cast: Any) -> None:
    text = MEETING
    assert api.screen(subject(text)).action == "allow"  # and the rule set is now cached
    created = client.post(
        "/api/v1/moderation/rules",
        json={
            "kind": "term",
            "value": "old boathouse",
            "action": "block",
            "priority": 1,
            "note": "local risk",
        },
        headers=cast.moderator.headers,
    )
    assert created.status_code == 201, created.json
    verdict = api.screen(subject(text))
    assert verdict.action == "block" and "watched" in verdict.categories
    listed = client.get("/api/v1/moderation/rules", headers=cast.moderator.headers).json["items"]
    assert [r["value"] for r in listed] == ["old boathouse"]

    assert (
        client.delete(
            f"/api/v1/moderation/rules/{created.json['id']}", headers=cast.moderator.headers
        ).status_code
        == 204
    )
    assert api.screen(subject(text)).action == "allow"
    assert client.get("/api/v1/moderation/rules", headers=cast.moderator.headers).json["items"] == []
    assert (
        client.delete(
            f"/api/v1/moderation/rules/{created.json['id']}", headers=cast.moderator.headers
        ).status_code
        == 404
    )
    actions = (
        db.session()
        .scalars(select(AuditEntry.action).where(AuditEntry.target_type == "rule").order_by(AuditEntry.id))
        .all()
    )
    assert actions == ["rule.added", "rule.retired"]


def test_a_pattern_re2_refuses_is_a_422(client: Any, cast: Any) -> None:
    response = client.post(
        "/api/v1/moderation/rules",
        json={"kind": "pattern", "value": "(?<=a)b"},
        headers=cast.moderator.headers,
    )
    assert response.status_code == 422 and "value" in response.json["errors"]
    ok = client.post(
        "/api/v1/moderation/rules",
        json={"kind": "pattern", "value": r"\bsnap(chat)?\b"},
        headers=cast.moderator.headers,
    )
    assert ok.status_code == 201, ok.json


def test_protected_terms_are_kept_by_moderation_and_screened(client: Any, cast: Any, app: Any) -> None:
    url = "/api/v1/me/family/protected-terms"
    response = client.put(url, json={"terms": ["Kayleigh-Ann", "Brennan"]}, headers=cast.adopter.headers)
    assert response.status_code == 200, response.json
    listed = {"items": [{"term": "Brennan"}, {"term": "Kayleigh-Ann"}], "next_cursor": None}
    assert response.json == listed
    assert client.get(url, headers=cast.adopter.headers).json == listed
    # Another family sees its own (empty) list; a young person, staff and others have none to see.
    assert client.get(url, headers=cast.guardian.headers).json == {"items": [], "next_cursor": None}
    for persona in (cast.teen, cast.moderator, cast.agency_worker, cast.adult_adoptee):
        assert client.get(url, headers=persona.headers).status_code == 404

    family_key = f"family:{cast.adopter.user.family_id}"
    verdict = api.screen(subject("we used to live near Brennan's house", family_key=family_key))
    assert verdict.action == "hold" and verdict.categories == ("identity_exposure",)
    assert (
        api.screen(subject("we used to live near Brennan's house", family_key="family:999")).action == "allow"
    )

    # The audit row says the terms changed and how many there are, never the names.
    row = db.session().scalars(select(AuditEntry).where(AuditEntry.action == "protected_terms.set")).one()
    assert row.detail == {"count": 2} and "Brennan" not in str(row.detail)
    if app.config["DATABASE_URL"].startswith("sqlite"):
        from backend.core.db import db as app_db

        dump = "\n".join(app_db.engine().raw_connection().driver_connection.iterdump())
        assert "Brennan" not in dump  # never in the app database
    too_many = client.put(url, json={"terms": [f"name{i}" for i in range(51)]}, headers=cast.adopter.headers)
    assert too_many.status_code == 422


def test_another_process_rule_changes_apply_within_the_refresh_interval(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rules and protected terms are cached per process; a change written by another process (here:
    straight into the tables, with the counter bumped as its service would) is picked up once the
    refresh interval has passed, and not a moment later."""
    from moderation import rules
    from moderation.models import ProtectedTerms, WatchedRule

    clock = [1000.0]
    monkeypatch.setattr(rules.time, "monotonic", lambda: clock[0])
    app.config["MODERATION_RULES_REFRESH_SECONDS"] = 1.0
    family_key = "family:4242"
    text = "we walked past the old boathouse with Brennan"
    assert api.screen(subject(text, family_key=family_key)).action == "allow"  # both now cached

    with db.write() as session:
        session.add(ProtectedTerms(family_key=family_key, terms=["Brennan"], updated_by_id=1))
        session.add(
            WatchedRule(
                kind="term",
                value="old boathouse",
                action="block",
                priority=1,
                audience="all",
                note="",
                created_by_id=1,
                created_at=db.utcnow(),
            )
        )
        rules._bump(session)
        session.commit()
    clock[0] += 0.5
    assert api.screen(subject(text, family_key=family_key)).action == "allow"  # within the interval
    clock[0] += 0.6
    verdict = api.screen(subject(text, family_key=family_key))
    assert verdict.action == "block"
    assert {"watched", "identity_exposure"} <= set(verdict.categories)


def test_context_given_as_a_function_is_read_only_when_an_item_opens(app: Any) -> None:
    calls: list[int] = []
    context = ({"id": 1, "sender_id": 5, "text": "how are you", "at": "2025-01-01T10:00:00+00:00"},)

    def read_context() -> tuple[dict[str, Any], ...]:
        calls.append(1)
        return context

    assert api.screen(subject(CLEAN, type="message", context=read_context)).action == "allow"
    assert calls == []
    verdict = api.screen(subject(SELF_HARM, type="message", context=read_context))
    assert verdict.action == "hold" and calls == [1]
    evidence = db.session().scalars(select(Evidence).where(Evidence.item_id == verdict.item_id)).one()
    assert evidence.context == list(context)


def test_a_flood_is_one_item_per_author_with_each_message_as_evidence(app: Any) -> None:
    """Flooding blocks the burst; the moderator gets one item about the author, not one per message."""
    intake.configure(flood_max_messages=8, flood_window_seconds=10.0)
    verdicts = [
        api.screen(subject(f"message number {n} about nothing much", author_id=777, type="message"))
        for n in range(12)
    ]
    blocked = [v for v in verdicts if v.action == "block"]
    assert [v.action for v in verdicts[:8]] == ["allow"] * 8 and len(blocked) == 4
    assert {v.item_id for v in blocked} == {blocked[0].item_id}
    item = _item(blocked[0].item_id)
    assert (item.subject_type, item.subject_id, item.author_id) == ("flooding", "777", 777)
    assert item.categories == ["flooding"] and item.active
    evidence = (
        db.session()
        .scalars(select(Evidence.content).where(Evidence.item_id == item.id).order_by(Evidence.id))
        .all()
    )
    assert evidence == [f"message number {n} about nothing much" for n in range(8, 12)]
    # Someone else's messages are theirs alone.
    assert api.screen(subject(CLEAN, author_id=778)).action == "allow"


def test_weak_signals_from_several_people_in_one_room_open_a_p1_item_with_the_messages(app: Any) -> None:
    # Each of WEAK alone is a weak risk-to-life signal, allowed (screening/test_context.py).
    room = "room:4242"
    earlier: list[dict[str, Any]] = []
    verdicts = []
    for n, text in enumerate(WEAK):
        verdicts.append(
            api.screen(subject(text, audience="youth", type="message", space=room, context=tuple(earlier)))
        )
        earlier.append({"id": n + 1, "sender_id": 500 + n, "text": text, "at": "2025-01-01T10:00:00+00:00"})
    assert [v.action for v in verdicts[:2]] == ["allow", "allow"]
    third = verdicts[2]
    assert third.action == "hold" and third.priority == 1 and "self_harm" in third.categories
    assert {s.contact for s in third.signposts} >= {"0800 1111", "116 123", "999"}
    item = _item(third.item_id)
    assert item.priority == 1 and item.held
    evidence = db.session().scalars(select(Evidence).where(Evidence.item_id == item.id)).one()
    # The earlier messages in the room are the evidence beside the one that completed them, marked
    # as the weak signals that added up (and not shown twice).
    assert [(m["text"], m.get("weak_signal")) for m in evidence.context] == [(t, True) for t in WEAK[:2]]
