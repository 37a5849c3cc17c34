"""Client issue #11.8: one status rule for writes (``backend/core/statuses.py``): 201 for a newly created
resource, 200 when the call answers with one that already existed, 204 for a delete with no body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.chat.helpers import make_group


def _operations(client: Any) -> list[tuple[str, str, dict[str, Any]]]:
    spec = client.get("/api/openapi.json").json
    return [
        (method.upper(), path, operation)
        for path, operations in spec["paths"].items()
        if path.startswith("/api/v1")
        for method, operation in operations.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _success(operation: dict[str, Any]) -> dict[str, bool]:
    """The 2xx statuses an operation declares, each with whether it has a body."""
    return {
        code: bool(response.get("content"))
        for code, response in operation["responses"].items()
        if code.startswith("2")
    }


def test_the_route_table_follows_one_status_rule(client: Any) -> None:
    checked = 0
    for method, path, operation in _operations(client):
        success = _success(operation)
        assert success, (method, path)
        if "204" in success:  # 204 never carries a body, and is the answer of a delete without one
            assert success == {"204": False}, (method, path, success)
        if method == "DELETE":
            assert success in ({"204": False}, {"200": True}), (method, path, success)
        if "201" in success:  # a created resource is returned; an existing one, if any, is 200 with it
            assert success["201"] and set(success) <= {"200", "201"}, (method, path, success)
        if method == "GET":
            assert set(success) == {"200"}, (method, path, success)
        checked += 1
    assert checked > 80


def test_membership_is_one_resource_joined_with_put_and_left_with_delete(client: Any) -> None:
    paths = {path for _method, path, _operation in _operations(client)}
    assert not any(path.endswith("/join") for path in paths)
    methods = {m for m, path, _o in _operations(client) if path == "/api/v1/groups/{group_id}/membership"}
    assert methods == {"PUT", "DELETE"}


# Each call that may create or find: (what to set up and call) -> (persona, method, url, body, headers).
def _join(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    group, _room = make_group(cast.agency_worker, "adopters", [])
    return cast.adopter, "PUT", f"/api/v1/groups/{group.id}/membership", None, {}


def _ask_to_join(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    group, _room = make_group(cast.agency_worker, "adopters", [], visibility="request")
    return cast.adopter, "PUT", f"/api/v1/groups/{group.id}/membership", None, {}


def _invite(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    group, _room = make_group(cast.agency_worker, "adopters", [], [cast.agency_worker], visibility="invite")
    return (
        cast.agency_worker,
        "POST",
        f"/api/v1/groups/{group.id}/invitations",
        {"user_id": cast.adopter.id},
        {},
    )


def _connect(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    return cast.adopter, "POST", "/api/v1/connections", {"user_id": cast.adopter2.id}, {}


def _dm(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    asked = client.post(
        "/api/v1/connections", json={"user_id": cast.adopter2.id}, headers=cast.adopter.headers
    )
    accepted = client.post(f"/api/v1/connections/{asked.json['id']}/accept", headers=cast.adopter2.headers)
    assert accepted.status_code == 200, accepted.json
    return cast.adopter, "POST", "/api/v1/rooms/dm", {"user_id": cast.adopter2.id}, {}


def _report(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    body = {"subject_type": "user", "subject_id": cast.adopter2.id, "reason": "bullying"}
    return cast.adopter, "POST", "/api/v1/reports", body, {"Idempotency-Key": "same-key"}


def _block(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    return cast.adopter, "POST", f"/api/v1/me/blocks/{cast.adopter2.id}", None, {}


def _mute(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    return cast.adopter, "POST", f"/api/v1/me/mutes/{cast.adopter2.id}", None, {}


def _assign_staff(client: Any, cast: Any) -> tuple[Any, str, str, Any, dict[str, str]]:
    group, _room = make_group(cast.agency_worker, "adopters", [], [cast.agency_worker])
    return cast.agency_worker, "PUT", f"/api/v1/groups/{group.id}/staff/{cast.moderator2.id}", None, {}


CREATE_OR_FIND: dict[str, Callable[[Any, Any], tuple[Any, str, str, Any, dict[str, str]]]] = {
    "join an open group": _join,
    "ask to join a request group": _ask_to_join,
    "invite to a group": _invite,
    "ask to connect": _connect,
    "open a direct-message room": _dm,
    "report (same Idempotency-Key)": _report,
    "block someone": _block,
    "mute someone": _mute,
    "assign a group's staff": _assign_staff,
}


@pytest.mark.parametrize("case", sorted(CREATE_OR_FIND))
def test_created_is_201_and_the_same_call_again_is_200_with_the_same_resource(
    client: Any, cast: Any, case: str
) -> None:
    persona, method, url, body, headers = CREATE_OR_FIND[case](client, cast)
    first = client.open(url, method=method, json=body, headers={**persona.headers, **headers})
    assert first.status_code == 201, (case, first.json)
    again = client.open(url, method=method, json=body, headers={**persona.headers, **headers})
    assert again.status_code == 200, (case, again.json)
    assert again.json == first.json or again.json.get("id", "same") == first.json.get("id", "same"), case
