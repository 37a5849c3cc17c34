"""The turning-18 job: run in the background of every server process, moving each person once."""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from backend import create_app
from backend.accounts import data_rights, service
from backend.accounts.models import AccountEvent, User
from backend.core.db import db
from tests.conftest import dispose
from tests.factories import make_user, years_ago


def _server_process(app: Flask, tmp_path: Any) -> Flask:
    """Another server process's app on the same databases, with its job thread running fast."""
    return create_app(
        {
            "INSTANCE_PATH": str(tmp_path / "other"),
            "SECRET_KEY": "test-secret-key-not-for-production",
            "TESTING": True,
            "TIMERS_ENABLED": True,
            "JOBS_PERIOD_SECONDS": 0.01,
            "MODERATION_TIMER_SECONDS": 3600,
            "DATABASE_URL": app.config["DATABASE_URL"],
            "MODERATION_DATABASE_URL": app.config["MODERATION_DATABASE_URL"],
        }
    )


def _eighteen_today(count: int) -> list[User]:
    teens = []
    for n in range(count):
        teen = make_user("young_person", age=17, name=f"Teen {n}").user
        teen.date_of_birth = years_ago(18, days=n)  # 18 today, or in the last few days
        teens.append(teen)
    db.session.commit()
    return teens


def _turned_18_events() -> int:
    query = select(func.count()).select_from(AccountEvent).where(AccountEvent.kind == "turned_18")
    return int(db.session.scalar(query) or 0)


def test_a_process_that_read_first_but_moved_second_moves_nobody(app: Flask) -> None:
    teens = _eighteen_today(3)
    candidates = service.turning_18_candidates(service.today())  # this process reads them...
    assert {u.id for u in candidates} == {t.id for t in teens}
    with app.app_context():  # ...another process runs the whole job first (its own session)
        assert sorted(service.do_turning_18()) == sorted(t.id for t in teens)
    assert not any(data_rights._move_to_adult(user, service.today()) for user in candidates)
    db.session.commit()
    assert _turned_18_events() == 3


def test_the_job_thread_moves_people_in_the_background(app: Flask, tmp_path: Any) -> None:
    assert "backend_jobs" not in app.extensions  # the tests drive the jobs themselves
    teens = _eighteen_today(2)
    process = _server_process(app, tmp_path)
    deadline = time.monotonic() + 20
    while _turned_18_events() < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.extensions["backend_jobs"].set()
    process.extensions["moderation_timers"].set()
    for thread in threading.enumerate():  # let them finish before their engines are disposed
        if thread.name in ("backend-jobs", "moderation-timers"):
            thread.join(timeout=10)
    db.session.expire_all()
    assert [t.persona for t in teens] == ["adult_adoptee", "adult_adoptee"]
    assert _turned_18_events() == 2
    dispose(process)
