"""The insights facade (``__all__`` is the contract)."""

from __future__ import annotations

from typing import Any

from backend.accounts.models import User
from backend.insights import waiting_times as _waiting
from backend.insights.consultations import do_publish, do_respond, list_consultations, results, results_csv

__all__ = [
    "do_publish",
    "do_respond",
    "list_consultations",
    "results",
    "results_csv",
    "waiting_times",
    "waiting_times_csv",
]


def waiting_times(
    user: User, workflow: str, region: str | None = None, legal_route: str | None = None
) -> dict[str, Any]:
    return _waiting.report(user, workflow, region, legal_route)


def waiting_times_csv(
    user: User, workflow: str, region: str | None = None, legal_route: str | None = None
) -> str:
    return _waiting.to_csv(_waiting.report(user, workflow, region, legal_route)["rows"])
