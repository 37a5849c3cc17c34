"""Staff operations (moderation, admin, agency work) are decided on who is calling before anything
else: to everyone else they answer exactly like a route that does not exist, whatever method, body
or content type is sent (#10.18). Generated from the route table, so a new staff route is covered
the day it is added."""

from __future__ import annotations

import re
from typing import Any

from backend.core import gate
from tests.factories import ALL_PERSONAS

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
STAFF_PREFIXES = ("/api/v1/moderation", "/api/v1/admin")


def restricted_routes(app: Any) -> list[tuple[str, dict[str, frozenset[str] | None]]]:
    """(url with every id 1, method -> personas) for every route with a staff-only operation."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        personas = {
            method: gate.operation_of(gate.view_method(app, rule.endpoint, method)).personas
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        }
        if any(p is not None for p in personas.values()):
            found.append((re.sub(r"<[^>]+>", "1", rule.rule), personas))
    return found


def test_every_moderation_and_admin_operation_names_who_it_is_for(app: Any) -> None:
    unmarked = [
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(STAFF_PREFIXES)
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
        if gate.operation_of(gate.view_method(app, rule.endpoint, method)).personas is None
    ]
    assert unmarked == []


def test_outsiders_get_the_missing_route_answer_whatever_they_send(app: Any, client: Any, cast: Any) -> None:
    missing = client.get("/api/v1/no-such-route", headers=cast.adopter.headers)
    assert missing.status_code == 404
    routes = restricted_routes(app)
    assert len(routes) >= 25
    checked = 0
    controlled = set()
    for url, personas in routes:
        for name in ALL_PERSONAS:
            caller = getattr(cast, name)
            allowed = {m for m, who in personas.items() if who is None or caller.user.persona in who}
            attempts = [(m, {"json": {"unexpected": 1}}) for m in personas if m not in allowed]
            attempts += [
                (m, {"data": "not json", "content_type": "text/plain"}) for m in personas if m not in allowed
            ]
            if not allowed:  # the route is nothing to them: no method of it may show through
                attempts += [(m, {"json": {}}) for m in METHODS if m not in personas]
            for method, body in attempts:
                response = client.open(url, method=method, headers=caller.headers, **body)
                assert response.status_code == 404, (name, method, url, response.status_code, response.json)
                assert response.json == missing.json, (name, method, url)
                checked += 1
            # Control: those it is for reach the method check and the body check.
            if allowed == set(personas):
                wrong = next(m for m in METHODS if m not in personas)
                assert client.open(url, method=wrong, headers=caller.headers, json={}).status_code == 405
                for method in personas:
                    operation = gate.operation_of(gate.view_method(app, _endpoint(app, url, method), method))
                    if operation.takes_json:
                        response = client.open(
                            url, method=method, headers=caller.headers, json={"unexpected": 1}
                        )
                        assert response.status_code == 422, (name, method, url, response.status_code)
                        assert "unexpected" in response.json["errors"]
                controlled.add(url)
    assert checked > 500
    assert controlled == {url for url, _ in routes}


def test_anonymous_callers_get_the_missing_route_answer_for_wrong_methods(app: Any, client: Any) -> None:
    for url, personas in restricted_routes(app):
        if all(who is not None for who in personas.values()):
            for method in (m for m in METHODS if m not in personas):
                assert client.open(url, method=method, json={}).status_code == 404, (method, url)
            assert client.options(url).status_code == 404, url


def _endpoint(app: Any, url: str, method: str) -> str:
    endpoint, _ = app.url_map.bind("localhost").match(url, method=method)
    return str(endpoint)
