"""Decisions: each action reaches the backend's handler after the commit; two moderators for a
suspension; effects that fail are retried; escalation reaches the safeguarding lead."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select

from moderation import api, db
from moderation.models import AuditEntry, DecisionRecord, Notification, QueueItem
from tests.moderation.helpers import SELF_HARM, decide, open_item, subject

CASES = [
    ("release", {}, {}),
    ("remove", {}, {}),
    ("redact", {"replacement": "[name removed]"}, {"replacement": "[name removed]"}),
    ("warn", {}, {}),
    ("mute", {"hours": 24}, {"hours": 24}),
]


@pytest.mark.parametrize(("action", "body", "params"), CASES, ids=[c[0] for c in CASES])
def test_each_action_reaches_the_registered_handler(
    client: Any, cast: Any, recorder: Any, action: str, body: dict[str, Any], params: dict[str, Any]
) -> None:
    verdict = api.screen(subject(SELF_HARM, type="message", id="77", author_id=cast.adopter.id))
    item_id = verdict.item_id
    assert item_id is not None
    response = decide(client, cast.moderator, item_id, action, reason="Breaks the rules on sharing", **body)
    assert response.status_code == 200, response.json
    [decision] = recorder.decisions
    assert decision == api.Decision(
        action=action,
        subject_type="message",
        subject_id="77",
        author_id=cast.adopter.id,
        moderator_id=cast.moderator.id,
        reason="Breaks the rules on sharing",
        item_id=item_id,
        params=params,
    )
    closes = action in ("release", "remove", "redact")
    assert response.json["status"] == ("closed" if closes else "open")
    assert response.json["decisions"][-1]["effect_state"] == "done"
    assert not response.json["effect_pending"]
    # The decision and its audit row were committed together, before the handler ran.
    row = db.session().scalars(select(AuditEntry).where(AuditEntry.action == f"decision.{action}")).one()
    assert row.actor_id == cast.moderator.id and row.target_id == str(item_id)


def test_user_level_decisions_change_the_account(client: Any, cast: Any) -> None:
    """The backend's own handlers (backend/safeguarding.py): warn, mute and suspend the author."""
    from backend.accounts.models import AccountEvent
    from backend.core.db import db as app_db

    item_id = api.screen(subject(SELF_HARM, author_id=cast.adopter2.id)).item_id
    assert decide(client, cast.moderator, item_id, "warn").status_code == 200
    assert decide(client, cast.moderator, item_id, "mute", hours=2).status_code == 200
    assert decide(client, cast.moderator, item_id, "suspend").status_code == 200
    assert decide(client, cast.moderator2, item_id, "suspend", confirm=True).status_code == 200
    kinds = app_db.session.scalars(
        select(AccountEvent.kind).where(AccountEvent.user_id == cast.adopter2.id).order_by(AccountEvent.id)
    ).all()
    assert kinds == ["warned", "posting_muted", "suspended"]
    assert client.get("/api/v1/me", headers=cast.adopter2.headers).status_code == 401


def test_a_suspension_needs_a_second_different_moderator(client: Any, cast: Any, recorder: Any) -> None:
    item_id = open_item(1, author_id=cast.adopter.id)
    first = decide(client, cast.moderator, item_id, "suspend", reason="Grooming pattern")
    assert first.status_code == 200 and first.json["status"] == "awaiting_confirmation"
    assert first.json["decisions"][-1]["state"] == "awaiting_confirmation"
    assert recorder.decisions == []  # nothing happens to the account yet
    assert decide(client, cast.moderator, item_id, "suspend").status_code == 409  # already pending
    assert decide(client, cast.moderator, item_id, "suspend", confirm=True).status_code == 403  # not oneself
    confirmed = decide(client, cast.moderator2, item_id, "suspend", reason="Agreed", confirm=True)
    assert confirmed.status_code == 200, confirmed.json
    assert confirmed.json["status"] == "open"  # the content itself still needs a decision
    [decision] = recorder.decisions
    assert decision.action == "suspend" and decision.moderator_id == cast.moderator.id
    assert decision.params == {"confirmation_reason": "Agreed"}
    record = db.session().get(DecisionRecord, confirmed.json["decisions"][-1]["id"])
    assert record is not None and record.confirmed_by_id == cast.moderator2.id
    assert (
        decide(client, cast.moderator2, item_id, "suspend", confirm=True).status_code == 409
    )  # none pending


def test_a_second_moderator_may_decline_a_suspension(client: Any, cast: Any, recorder: Any) -> None:
    item_id = open_item(1, author_id=cast.adopter.id)
    decide(client, cast.moderator, item_id, "suspend")
    declined = decide(client, cast.dsl, item_id, "suspend", reason="Not enough evidence", confirm=False)
    assert declined.status_code == 200 and declined.json["decisions"][-1]["state"] == "declined"
    assert recorder.decisions == []
    assert db.session().scalars(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)).one() == (
        "decision.suspend_declined"
    )


def test_escalation_goes_to_the_safeguarding_lead(client: Any, cast: Any, app: Any) -> None:
    from backend.extensions import socketio

    lead = socketio.test_client(app, namespace="/moderation", auth={"token": cast.dsl.token})
    item_id = open_item(3)
    response = decide(client, cast.moderator, item_id, "escalate", reason="Possible abuse disclosure")
    assert response.status_code == 200
    assert response.json["status"] == "escalated" and response.json["priority"] == 0
    notice = db.session().scalars(select(Notification)).one()
    assert notice.kind == "escalated" and notice.item_id == item_id
    assert [e["name"] for e in lead.get_received("/moderation") if e["name"] == "escalated"] == ["escalated"]
    listed = client.get("/api/v1/moderation/notifications", headers=cast.dsl.headers)
    assert [n["item_id"] for n in listed.json["items"]] == [item_id]
    assert client.get("/api/v1/moderation/notifications", headers=cast.moderator.headers).status_code == 404


def test_held_content_cannot_be_dismissed_and_closed_items_take_no_more_decisions(
    client: Any, cast: Any, recorder: Any
) -> None:
    held = open_item(2, held=True)
    assert decide(client, cast.moderator, held, "dismiss").status_code == 409
    shown = open_item(4, held=False)
    dismissed = decide(client, cast.moderator, shown, "dismiss", reason="Fine in context")
    assert dismissed.status_code == 200 and dismissed.json["status"] == "closed"
    assert recorder.decisions == []  # nothing for a feature to do
    assert decide(client, cast.moderator, shown, "remove").status_code == 409


def test_bad_decisions_are_refused_with_the_field(client: Any, cast: Any) -> None:
    item_id = open_item(2)
    assert decide(client, cast.moderator, item_id, "mute").json["errors"] == {
        "hours": ["Between 1 and 720 hours."]
    }
    assert "replacement" in decide(client, cast.moderator, item_id, "redact").json["errors"]
    assert decide(client, cast.moderator, item_id, "ban").status_code == 422
    no_reason = client.post(
        f"/api/v1/moderation/queue/{item_id}/decision",
        json={"action": "remove"},
        headers=cast.moderator.headers,
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.json["errors"]
    assert db.session().get(QueueItem, item_id).active  # type: ignore[union-attr]


def test_a_failed_effect_stays_recorded_and_is_retried(client: Any, cast: Any, recorder: Any) -> None:
    item_id = api.screen(subject(SELF_HARM, type="message", id="5")).item_id
    recorder.fail.add("remove")
    start = db.utcnow()
    with time_machine.travel(start, tick=False):
        response = decide(client, cast.moderator, item_id, "remove")
        assert response.status_code == 200  # the decision stands
        assert response.json["status"] == "closed" and response.json["effect_pending"]
        assert response.json["decisions"][-1]["effect_state"] == "pending"
        assert api.run_due_timers()["effects_retried"] == 0  # the immediate try gets its grace
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        assert api.run_due_timers()["effects_retried"] == 1  # still failing: waits longer
        assert api.run_due_timers()["effects_retried"] == 0
    recorder.fail.clear()
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        assert api.run_due_timers() == {
            "breached": 0,
            "leases_expired": 0,
            "effects_retried": 1,
            "effects_applied": 1,
        }
    assert [d.action for d in recorder.decisions] == ["remove"]
    item = client.get(f"/api/v1/moderation/queue/{item_id}", headers=cast.moderator.headers).json
    assert not item["effect_pending"] and item["decisions"][-1]["effect_attempts"] == 2
    failures = db.session().scalars(select(AuditEntry).where(AuditEntry.action == "effect.failed")).all()
    assert [f.detail["attempts"] for f in failures] == [1, 2]
