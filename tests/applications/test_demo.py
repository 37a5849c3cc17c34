"""Demo applications: the demo adopter and guardian follow theirs, the demo worker's caseload holds
them, one overdue; loading twice changes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from backend import demo
from backend.applications.models import Application
from backend.core.db import db
from tests.groups.test_demo import token_for


def test_demo_applications(app: Any, client: Any) -> None:
    demo.load()
    demo.load()
    assert db.session.scalar(select(func.count()).select_from(Application)) == 4
    caseload = client.get("/api/v1/applications", headers=token_for("worker@demo.example")).json["items"]
    assert len(caseload) == 4
    overdue = client.get("/api/v1/applications?overdue=true", headers=token_for("worker@demo.example")).json[
        "items"
    ]
    assert [a["workflow"] for a in overdue] == ["local_support_pathway"]
    for email, expected in (
        ("adopter@demo.example", 1),
        ("guardian@demo.example", 2),
        ("prospective@demo.example", 1),
    ):
        mine = client.get("/api/v1/applications", headers=token_for(email)).json["items"]
        assert len(mine) == expected
        assert {a["stage"] for a in mine} != set()
