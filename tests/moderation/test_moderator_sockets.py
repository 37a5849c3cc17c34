"""The /moderation namespace follows people's rights as they change, and notices about young
people's items reach only leads whose DBS check is in date."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine

from backend.accounts import personas as p
from backend.extensions import socketio
from moderation import api
from moderation import db as moderation_db
from tests.factories import make_user
from tests.moderation.helpers import open_item

NS = "/moderation"


def _connect(app: Any, token: str) -> Any:
    return socketio.test_client(app, namespace=NS, auth={"token": token})


def _events(socket: Any, name: str) -> list[dict[str, Any]]:
    return [e["args"][0] for e in socket.get_received(NS) if e["name"] == name]


def test_a_suspended_moderator_is_disconnected_at_once(app: Any, client: Any, cast: Any) -> None:
    socket = _connect(app, cast.moderator2.token)
    assert socket.is_connected(NS)
    response = client.post(
        f"/api/v1/admin/users/{cast.moderator2.id}/suspension",
        json={"suspended": True, "reason": "under investigation"},
        headers=cast.admin.headers,
    )
    assert response.status_code == 200
    assert not socket.is_connected(NS)
    open_item(audience="adult")
    assert not _connect(app, cast.moderator2.token).is_connected(NS)


def test_a_cleared_dbs_check_stops_young_peoples_items_at_once(app: Any, client: Any, cast: Any) -> None:
    socket = _connect(app, cast.moderator2.token)
    youth = open_item(audience="youth")
    assert [e["id"] for e in _events(socket, "queue_item")] == [youth]

    response = client.put(
        f"/api/v1/users/{cast.moderator2.id}/vetting",
        json={"dbs_checked_on": None},
        headers=cast.agency_worker.headers,
    )
    assert response.status_code == 200 and response.json["may_work_with_young_people"] is False
    assert socket.is_connected(NS)  # still a moderator, for adults' items
    open_item(audience="youth")
    adult = open_item(audience="adult")
    assert [e["id"] for e in _events(socket, "queue_item")] == [adult]


def test_youth_notices_reach_only_leads_with_an_in_date_dbs_check(app: Any, client: Any, cast: Any) -> None:
    lead_without_dbs = make_user(p.SAFEGUARDING_LEAD, dbs=None)
    checked, unchecked = _connect(app, cast.dsl.token), _connect(app, lead_without_dbs.token)
    start = moderation_db.utcnow()
    with time_machine.travel(start, tick=False):
        youth, adult = open_item(0, audience="youth"), open_item(0, audience="adult")
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert api.run_due_timers()["breached"] == 2

    assert sorted(e["item_id"] for e in _events(checked, "deadline_breached")) == sorted([youth, adult])
    assert [e["item_id"] for e in _events(unchecked, "deadline_breached")] == [adult]
    listed = {
        persona: [
            n["item_id"]
            for n in client.get("/api/v1/moderation/notifications", headers=headers).json["items"]
        ]
        for persona, headers in (("checked", cast.dsl.headers), ("unchecked", lead_without_dbs.headers))
    }
    assert sorted(listed["checked"]) == sorted([youth, adult]) and listed["unchecked"] == [adult]
