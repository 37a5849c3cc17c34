"""A moderator's pattern too slow to screen with cannot hold everything (security issue #10.14): it
is refused when added, with a 422 naming it, and one stored anyway is isolated at run time and
retired, while content goes on being judged by the other rules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from moderation import api, db, rules
from moderation.models import AuditEntry, WatchedRule
from tests.moderation.helpers import subject

SLOW = r"(?:\w+\s*){1,1000}x"  # RE2 runs it in linear time, at about 40 microseconds a character
# Ordinary words, long enough for the slow pattern to take well over its run-time budget.
LONG_ORDINARY = ("We had a lovely day at the park and the children played on the swings " * 55)[:3900]


def test_a_pattern_too_slow_to_screen_with_is_refused_by_name(client: Any, cast: Any) -> None:
    response = client.post(
        "/api/v1/moderation/rules",
        json={"kind": "pattern", "value": SLOW, "action": "hold", "priority": 2},
        headers=cast.moderator.headers,
    )
    assert response.status_code == 422
    assert set(response.json) == {"code", "message", "errors"}
    assert SLOW in response.json["message"]
    assert "too slow" in response.json["errors"]["value"][0]
    assert client.get("/api/v1/moderation/rules", headers=cast.moderator.headers).json["items"] == []
    cheap = client.post(
        "/api/v1/moderation/rules",
        json={
            "kind": "pattern",
            "value": r"\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b",
            "action": "hold",
            "priority": 2,
        },
        headers=cast.moderator.headers,
    )
    assert cheap.status_code == 201, cheap.json


def _store_rule_without_checks(value: str) -> int:
    """As a pattern stored before the cost check existed would be."""
    with db.write() as session:
        rule = WatchedRule(
            kind="pattern",
            value=value,
            action="hold",
            priority=2,
            audience="all",
            note="",
            created_by_id=1,
            created_at=db.utcnow(),
        )
        session.add(rule)
        session.flush()
        rules._bump(session)
        session.commit()
        rule_id = rule.id
    rules._forget()
    return rule_id


def test_a_slow_rule_is_isolated_then_retired_and_the_other_rules_still_judge(app: Any) -> None:
    rule_id = _store_rule_without_checks(SLOW)
    # Over its budget on each of these: not charged to the screen's budget, so nothing fails closed.
    for _ in range(3):
        verdict = api.screen(subject(LONG_ORDINARY))
        assert verdict.action == "allow", verdict
    # Three in a row: retired for every process, and the audit log says why.
    rule = db.session().get(WatchedRule, rule_id)
    assert rule is not None and rule.retired_at is not None
    entry = db.session().scalars(select(AuditEntry).where(AuditEntry.action == "rule.switched_off")).one()
    assert entry.target_id == str(rule_id) and entry.detail["value"] == SLOW
    db.end_read()
    # The other rules still judge: a phone number is held, an ordinary message allowed.
    assert api.screen(subject(LONG_ORDINARY + " ring me on 07700 900123")).action == "hold"
    assert api.screen(subject(LONG_ORDINARY)).action == "allow"
