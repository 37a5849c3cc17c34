from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.core.db import utcnow


def event_body(**extra: Any) -> dict[str, Any]:
    start = (utcnow() + timedelta(days=10)).replace(microsecond=0)
    body: dict[str, Any] = {
        "kind": "stay_and_play",
        "title": "Saturday stay and play",
        "description": "Toys, snacks and a quiet corner.",
        "audience": "carers",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "capacity": 2,
        "venue": "St Mary's Hall, Church Lane",
        "area": "Manchester",
        "accessibility_notes": "Step-free; a quiet room is available.",
    }
    body.update(extra)
    return body


def create_event(client: Any, who: Any, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/v1/events", json=event_body(**extra), headers=who.headers)
    assert response.status_code == 201, response.json
    return response.json  # type: ignore[no-any-return]
