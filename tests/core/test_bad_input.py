"""Input no database can hold (ids too big, NUL, lone surrogates) is refused: never a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backend.core import gate, json_input
from backend.core.schemas import ID_MAX
from backend.extensions import socketio

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
    for url in (f"/api/v1/reports/mine?limit={HUGE}", f"/api/v1/rooms/1/messages?after_seq={HUGE}"):
        response = client.get(url, headers=cast.adopter.headers)
        assert response.status_code == 422, (url, response.json)


def test_reports_of_ids_too_big_for_the_database_are_refused_like_other_body_ids(
    client: Any, cast: Any
) -> None:
    """A subject id is a record id like any other in a body (#11.6): too big is invalid (422, naming
    the field, as for ``user_id`` above), never looked up and never a 500."""
    headers = {**cast.adopter.headers, "Idempotency-Key": "huge-1"}
    for huge in (HUGE, 10**30, ID_MAX + 1):
        body = {"subject_type": "message", "subject_id": huge, "reason": "bullying"}
        response = client.post("/api/v1/reports", json=body, headers=headers)
        assert response.status_code == 422 and set(response.json["errors"]) == {"subject_id"}, response.json


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


# --- every body-taking and every query-reading operation, from the route table ---------------------


def operations(app: Any) -> list[tuple[str, str, Any]]:
    """(method, url with every id 1, what the operation declares) for every /api/v1 operation."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        url = re.sub(r"<[^>]+>", "1", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, url, gate.operation_of(gate.view_method(app, rule.endpoint, method))))
    return found


def caller_for(cast: Any, operation: Any) -> dict[str, str]:
    """A signed-in persona the operation is for (so the request gets past who-may-call)."""
    for name in ("adopter", "agency_worker", "moderator", "dsl", "admin"):
        persona = getattr(cast, name)
        if operation.personas is None or persona.user.persona in operation.personas:
            return dict(persona.headers)
    raise AssertionError(operation)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_nested_too_deeply_is_a_malformed_body_on_every_route(app: Any, client: Any, cast: Any) -> None:
    """#10.17: 5,000 levels broke the decoder's recursion (500), a few hundred broke the checks
    that walk the decoded body (500); 33 levels is already more than any payload of ours needs."""
    checked = 0
    for method, url, operation in operations(app):
        if not operation.takes_json or method not in gate.BODY_METHODS:
            continue
        headers = {**caller_for(cast, operation), "Content-Type": "application/json"}
        for body in (nested(5000), '{"a": ' + nested(450) + "}", nested(json_input.MAX_DEPTH + 1)):
            response = client.open(url, method=method, data=body, headers=headers)
            assert response.status_code == 400, (method, url, response.status_code, response.json)
            assert response.json["message"] == "Malformed JSON body", (method, url)
            assert set(response.json["errors"]) == {"json"}
        checked += 1
    assert checked > 20
    # The limit leaves room for everything real: 32 levels decode and reach the schema (422 there).
    at_limit = client.patch(
        "/api/v1/me",
        data='{"display_name": ' + nested(json_input.MAX_DEPTH - 1) + "}",
        headers={**cast.adopter.headers, "Content-Type": "application/json"},
    )
    assert at_limit.status_code == 422 and "display_name" in at_limit.json["errors"], at_limit.json


def test_numbers_the_decoder_refuses_are_a_malformed_body(client: Any, cast: Any) -> None:
    response = client.post(
        "/api/v1/rooms/dm",
        data='{"user_id": %s}' % ("1" * 5000),
        headers={**cast.adopter.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and response.json["message"] == "Malformed JSON body", response.json


def test_socket_payloads_nested_too_deeply_are_refused_before_any_handler(app: Any, cast: Any) -> None:
    """A packet is decoded before its event is known: one too deep, or that does not decode, is
    refused by the decoder, so no handler walks it, and the event is acked 400. 450 levels used to
    reach the handler's checks (ack 500); 5,000 broke the decoder (no ack at all)."""
    from tests.chat.helpers import connect

    socket = connect(app, cast.adopter)
    for n, depth in enumerate((450, json_input.MAX_DEPTH + 1, 5000), start=1):
        body = '{"room":1,"client_id":"x","body":' + nested(depth) + "}"
        for packet in (f'2{n}["send",{body}]', f'2{n}["send",{{"room":1,"body":[1,}}]'):
            socket.acks = None
            socketio.server._handle_eio_message(socket.eio_sid, packet)
            assert socket.acks == {
                "args": [
                    {
                        "code": 400,
                        "message": "Malformed JSON payload",
                        "errors": {"json": ["The payload is not valid JSON."]},
                    }
                ],
                "namespace": "/",
            }, (depth, socket.acks)
    # Without an ack id there is nobody to answer: the packet is dropped, as before.
    with pytest.raises(json_input.MalformedJson):
        socketio.server._handle_eio_message(socket.eio_sid, '2["send",' + nested(5000) + "]")
    # The connection is unharmed and ordinary payloads still get their ack.
    ack = socket.emit("join", {"room": 10**30}, callback=True)
    assert ack["code"] == 422 and "room" in ack["errors"], ack


def test_unknown_query_parameters_are_refused_on_every_route(app: Any, client: Any, cast: Any) -> None:
    """#11.5: like unknown body fields, naming the parameter, including on routes that read none."""
    checked = 0
    for method, url, operation in operations(app):
        response = client.open(
            f"{url}?curser=abc", method=method, json={}, headers=caller_for(cast, operation)
        )
        assert response.status_code == 422, (method, url, response.status_code)
        assert response.json["errors"] == {"curser": ["Unknown field."]}, (method, url, response.json)
        checked += 1
    assert checked > 50
    mine = client.get("/api/v1/reports/mine?limit=5&curser=abc", headers=cast.adopter.headers)
    assert mine.status_code == 422 and set(mine.json["errors"]) == {"curser"}
    # Declared parameters still work.
    assert client.get("/api/v1/reports/mine?limit=5", headers=cast.adopter.headers).status_code == 200


def test_a_body_without_a_json_content_type_is_415_with_a_hint(app: Any, client: Any, cast: Any) -> None:
    """#11.7: a JSON body sent without its Content-Type used to be read as no body at all (422
    "Missing data", or even 200 when every field is optional)."""
    checked = 0
    for method, url, operation in operations(app):
        if not operation.takes_json or method not in gate.BODY_METHODS:
            continue
        headers = caller_for(cast, operation)
        for content_type in (None, "text/plain", "application/x-www-form-urlencoded"):
            sent = {**headers, "Content-Type": content_type} if content_type else headers
            response = client.open(url, method=method, data='{"a": 1}', headers=sent)
            assert response.status_code == 415, (method, url, content_type, response.status_code)
            assert "Content-Type: application/json" in response.json["message"]
            assert set(response.json["errors"]) == {"Content-Type"}
        checked += 1
    assert checked > 20
    ok = client.patch(
        "/api/v1/me",
        data='{"display_name": "Sam"}',
        headers={**cast.adopter.headers, "Content-Type": "application/json; charset=utf-8"},
    )
    assert ok.status_code == 200 and ok.json["display_name"] == "Sam"
