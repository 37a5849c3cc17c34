"""Input no database can hold (ids too big, NUL, lone surrogates) is refused: never a 500."""

from __future__ import annotations

import re
from typing import Any

from backend.core.schemas import ID_MAX

HUGE = str(10**30)


def test_every_route_refuses_an_id_too_big_for_the_database(app: Any, client: Any, cast: Any) -> None:
    checked = 0
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule:
            continue
        url = re.sub(r"<[^>]+>", HUGE, rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, headers=cast.moderator.headers, json={})
            assert response.status_code == 404, (method, url, response.status_code)
            assert response.json["code"] == 404
            checked += 1
    assert checked > 20


def test_the_largest_id_is_looked_up_and_not_found(client: Any, cast: Any) -> None:
    response = client.get(f"/api/v1/groups/{ID_MAX}", headers=cast.adopter.headers)
    assert response.status_code == 404


def test_socket_payloads_refuse_huge_room_ids(app: Any, cast: Any) -> None:
    from tests.chat.helpers import connect

    socket = connect(app, cast.adopter)
    for event, payload in (
        ("join", {"room": 10**30}),
        ("send", {"room": 10**30, "client_id": "x", "body": "hi"}),
        ("sync", {"room": 10**30, "after_seq": 0}),
    ):
        ack = socket.emit(event, payload, callback=True)
        assert ack["code"] == 422 and "room" in ack["errors"], (event, ack)


def test_request_bodies_refuse_huge_ids(client: Any, cast: Any) -> None:
    response = client.post("/api/v1/rooms/dm", json={"user_id": 10**30}, headers=cast.adopter.headers)
    assert response.status_code == 422, response.json
    assert "user_id" in response.json["errors"], response.json


def test_query_strings_refuse_huge_numbers(client: Any, cast: Any) -> None:
    for url in (f"/api/v1/reports/mine?before={HUGE}", f"/api/v1/rooms/1/messages?after_seq={HUGE}"):
        response = client.get(url, headers=cast.adopter.headers)
        assert response.status_code == 422, (url, response.json)


def test_reports_of_ids_too_big_for_the_database_are_not_found(client: Any, cast: Any) -> None:
    body = {"subject_type": "message", "subject_id": HUGE, "reason": "bullying"}
    headers = {**cast.adopter.headers, "Idempotency-Key": "huge-1"}
    assert client.post("/api/v1/reports", json=body, headers=headers).status_code == 404


def test_text_no_database_can_store_is_refused_naming_the_field(client: Any, cast: Any) -> None:
    for bad in ("Sam\x00", "Sam\ud800"):
        response = client.patch("/api/v1/me", json={"display_name": bad}, headers=cast.adopter.headers)
        assert response.status_code == 422 and "display_name" in response.json["errors"], response.json
    rules = client.post(
        "/api/v1/moderation/rules",
        json={"kind": "term", "value": "x\x00", "action": "hold"},
        headers=cast.moderator.headers,
    )
    assert rules.status_code == 422 and "value" in rules.json["errors"], rules.json


def test_query_strings_with_unstorable_text_are_refused(client: Any, cast: Any) -> None:
    response = client.get("/api/v1/groups?q=a%00b", headers=cast.adopter.headers)
    assert response.status_code == 422 and "q" in response.json["errors"], response.json
