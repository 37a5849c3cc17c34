"""Where a family lives never leaks finer than its H3 cell (PRODUCT.md 2.4).

The trilateration test plays an attacker with many accounts who moves them over a grid of positions
around a family and records, from each position, whether the family appears. It then moves the family
to the opposite corner of the same cell and does it again: the attacker's observations are identical,
so nothing they can collect tells the two homes apart; and what they do learn is exactly the set of
positions whose cell is in the fixed ring around the family's cell, i.e. the cell and nothing finer.
"""

from __future__ import annotations

import itertools
import json
import logging
from typing import Any

import h3
import pytest

from backend.accounts import personas as p
from backend.core.db import db
from backend.extensions import socketio
from backend.notifications.models import Notification
from backend.playdates import location
from tests.factories import add_child, make_user, route_of, routes_of
from tests.playdates.helpers import HOME, cell_corners, handles, put_profile

GRID = 9  # 9 x 9 positions, about 1 km apart, covering the ring and beyond
STEP_LAT, STEP_LNG = 0.009, 0.015


def _positions() -> list[tuple[float, float]]:
    half = GRID // 2
    return [
        (HOME[0] + i * STEP_LAT, HOME[1] + j * STEP_LNG)
        for i, j in itertools.product(range(-half, half + 1), repeat=2)
    ]


def _observe(client: Any, attackers: list[Any], handle: str) -> list[bool]:
    """From each grid position (the attacker's accounts taking turns), does the family appear?"""
    seen = []
    for attacker, (lat, lng) in zip(itertools.cycle(attackers), _positions(), strict=False):
        put_profile(client, attacker, lat, lng)
        seen.append(handle in handles(client, attacker))
    return seen


def test_an_attacker_with_many_accounts_and_positions_learns_only_the_cell(client: Any) -> None:
    family = make_user(p.ADOPTER)
    first, second = cell_corners(*HOME)[0], cell_corners(*HOME)[3]  # opposite corners of one cell
    assert location.cell_of(*first) == location.cell_of(*second)
    handle = put_profile(client, family, *first).json["handle"]
    attackers = [make_user(p.ADOPTER) for _ in range(4)]

    from_first = _observe(client, attackers, handle)
    put_profile(client, family, *second)
    from_second = _observe(client, attackers, handle)

    assert from_first == from_second  # the two homes are indistinguishable
    ring = set(h3.grid_disk(location.cell_of(*first), location.RING))
    expected = [location.cell_of(lat, lng) in ring for lat, lng in _positions()]
    assert from_first == expected  # what is learnt: which cells see the family, a function of its cell
    assert any(expected) and not all(expected)  # the grid reaches past the ring on every side


def test_results_carry_no_order_or_count_that_ranks_by_closeness(client: Any) -> None:
    """A full result page is a random sample in random order: two searches differ in order."""
    searcher = make_user(p.ADOPTER)
    put_profile(client, searcher)
    for i in range(30):
        put_profile(client, make_user(p.ADOPTER), HOME[0] + 0.001 * i, HOME[1])
    pages = [client.get("/api/v1/playdates/nearby", headers=searcher.headers).json["items"] for _ in range(4)]
    assert all(len(page) == 20 for page in pages)  # capped
    orders = {tuple(item["handle"] for item in page) for page in pages}
    assert len(orders) > 1


FORBIDDEN_KEYS = {"latitude", "longitude", "lat", "lng", "lon", "distance", "distance_km", "cell", "h3", "km"}


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner)


def test_no_response_log_or_notification_carries_a_position_cell_or_distance(
    app: Any, client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Every finder and events route (checked against the app's routes), the notifications they cause
    as stored and as pushed live, the export and the log lines: no position, cell or distance, and
    nothing of the families' children's records."""
    caplog.set_level(logging.DEBUG)
    a, b, c = make_user(p.ADOPTER), make_user(p.ADOPTER), make_user(p.ADOPTER)
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    a_lat, a_lng = 53.48123456, -2.24234567
    b_lat, b_lng = 53.49876543, -2.23456789
    # The children's records (month and year of birth, needs) must never leave through the finder.
    child_details: dict[int, list[str]] = {}
    for who in (a, b, c):
        child = add_child(who.user.family_id, age=6)
        child.needs = [f"needs-marker-{who.id}"]
        child_details[who.id] = [f"needs-marker-{who.id}", f"{child.birth_year}-{child.birth_month:02d}"]
    db.session.commit()
    sockets = [socketio.test_client(app, auth={"token": who.token}) for who in (a, b, c)]
    bodies: list[str] = []
    keys: set[str] = set()
    exercised: set[tuple[str, str]] = set()

    def call(
        method: str, path: str, who: Any, body: Any = None, ok: tuple[int, ...] = (200, 201, 204)
    ) -> Any:
        response = client.open(path, method=method, json=body, headers=who.headers)
        assert response.status_code in ok, (path, response.status_code, response.get_data(as_text=True))
        exercised.add(route_of(app, method, path))
        bodies.append(response.get_data(as_text=True))
        if response.status_code != 204 and response.is_json:
            keys.update(k for k in _walk(response.json) if isinstance(k, str))
        return response

    from tests.playdates.helpers import profile_body
    from tests.playdates.test_finder import _window

    call("PUT", "/api/v1/playdates/profile", a, profile_body(a_lat, a_lng))
    handle = call("PUT", "/api/v1/playdates/profile", b, profile_body(b_lat, b_lng)).json["handle"]
    call("PUT", "/api/v1/playdates/profile", c, profile_body(b_lat, a_lng))
    call("GET", "/api/v1/playdates/profile", a)
    call("GET", "/api/v1/playdates/nearby", a)
    call("GET", "/api/v1/playdates/nearby?age_band=3-4&interest=outdoors", a)
    body = {"handle": handle, "venue_type": "library", "venue_details": "Central Library", **_window()}
    invitation = call("POST", "/api/v1/playdates/invitations", a, body).json["id"]
    call("GET", "/api/v1/playdates/invitations", b)
    call("POST", f"/api/v1/playdates/invitations/{invitation}/accept", b)
    call("GET", f"/api/v1/playdates/invitations/{invitation}", a)
    declined = call("POST", "/api/v1/playdates/invitations", c, {**body, "venue_details": ""}).json["id"]
    call("POST", f"/api/v1/playdates/invitations/{declined}/decline", b)
    call("POST", f"/api/v1/playdates/hidden/{worker.id}", a)
    call("DELETE", f"/api/v1/playdates/hidden/{worker.id}", a)
    # A family's own export holds its own children's records, and no other family's.
    exports = {who.id: call("GET", "/api/v1/me/export", who).get_data(as_text=True) for who in (a, b)}
    for owner, text in exports.items():
        for other, details in child_details.items():
            assert other == owner or not any(d in text for d in details), (owner, other)
    start = "2030-06-01T10:00:00"
    event = call(
        "POST",
        "/api/v1/events",
        worker,
        {
            "kind": "stay_and_play",
            "title": "Stay and play",
            "audience": "carers",
            "starts_at": start,
            "ends_at": "2030-06-01T12:00:00",
            "capacity": 1,
            "venue": "Community hall",
        },
    ).json["id"]
    call("POST", f"/api/v1/events/{event}/rsvp", a)
    call("POST", f"/api/v1/events/{event}/rsvp", b)
    call("GET", "/api/v1/events", a)
    call("GET", f"/api/v1/events/{event}", worker)
    call("GET", f"/api/v1/events/{event}.ics", a)
    call("GET", f"/api/v1/events/{event}/attendance.csv", worker)
    call("DELETE", f"/api/v1/events/{event}/rsvp", a)  # b is promoted, and told
    call("POST", f"/api/v1/events/{event}/cancellation", worker)  # b is told
    call("GET", f"/api/v1/events/{event}.ics", b)
    call("DELETE", "/api/v1/playdates/profile", a)
    # Every route of both features (and the export, which carries their data).
    assert exercised - {("GET", "/api/v1/me/export")} == routes_of(app, "playdates", "events")

    notes = db.session.query(Notification).all()
    assert len(notes) >= 4  # the invitations, the acceptance, the promotion, the cancellation
    pushed = [json.dumps(e["args"]) for sock in sockets for e in sock.get_received()]
    assert any("An event has been cancelled" in text for text in pushed)  # the realtime copies
    texts = (
        bodies
        + pushed
        + [f"{n.title} {n.body} {n.link}" for n in notes]
        + [r.getMessage() + str(r.__dict__) for r in caplog.records]
    )
    cells = {location.cell_of(a_lat, a_lng), location.cell_of(b_lat, b_lng), location.cell_of(b_lat, a_lng)}
    cells |= {c for cell in list(cells) for c in h3.grid_disk(cell, location.RING)}
    for text in texts:
        for secret in ("53.4812", "53.4987", "2.2423", "2.2345", *cells, *(str(int(c, 16)) for c in cells)):
            assert secret not in text, (secret, text[:300])
        assert "distance" not in text.lower()
        if text not in exports.values():  # an export holds its own family's children (checked above)
            for detail in (d for details in child_details.values() for d in details):
                assert detail not in text, (detail, text[:300])
    assert not keys & FORBIDDEN_KEYS, keys & FORBIDDEN_KEYS
    for sock in sockets:
        sock.disconnect()
