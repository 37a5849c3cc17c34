"""Plain JSON values from moderation's records and the screening engine's dataclasses."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Any


def jsonable(value: Any) -> Any:
    """Dataclasses, tuples and datetimes as JSON values: for evidence snapshots and realtime events."""
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
