"""Shared test helpers for the playdate finder: positions around Manchester and profile bodies."""

from __future__ import annotations

from typing import Any

import h3

HOME = (53.4808, -2.2426)  # central Manchester


def profile_body(lat: float, lng: float, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "latitude": lat,
        "longitude": lng,
        "area": "North West",
        "age_bands": ["3-4", "5-7"],
        "interests": ["outdoors", "animals"],
        "accessibility": ["quiet_spaces"],
        "availability": ["weekends"],
        "confirm": True,
    }
    body.update(extra)
    return body


def put_profile(client: Any, who: Any, lat: float = HOME[0], lng: float = HOME[1], **extra: Any) -> Any:
    response = client.put(
        "/api/v1/playdates/profile", json=profile_body(lat, lng, **extra), headers=who.headers
    )
    assert response.status_code in (200, 201), response.json
    return response


def handles(client: Any, who: Any, query: str = "") -> set[str]:
    response = client.get(f"/api/v1/playdates/nearby{query}", headers=who.headers)
    assert response.status_code == 200, response.json
    return {item["handle"] for item in response.json["items"]}


def cell_centre(lat: float, lng: float) -> tuple[float, float]:
    return h3.cell_to_latlng(h3.latlng_to_cell(lat, lng, 7))


def cell_corners(lat: float, lng: float) -> list[tuple[float, float]]:
    """Points just inside the cell's corners (pulled 10% towards the centre)."""
    cell = h3.latlng_to_cell(lat, lng, 7)
    c_lat, c_lng = h3.cell_to_latlng(cell)
    return [(c_lat + 0.9 * (a - c_lat), c_lng + 0.9 * (b - c_lng)) for a, b in h3.cell_to_boundary(cell)]
