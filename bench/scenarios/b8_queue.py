"""B8: the moderation queue under load (QUALITY.md B8).

The real app on the embedded default (two SQLite files in a temporary directory): 100,000 queue items
bulk-inserted, then 20 writer threads, each in its own app context, go through the service layer as
the product does (a user's report, which screens the content, opens or updates the subject's item
with an evidence snapshot and an audit row; and a moderator's decision on an item, with its audit
row), while a reader pages through ``GET /api/v1/moderation/queue`` as a moderator (bearer token,
Flask test client) for the same time.

The headline reader is a second process with its own app on the same two databases, as a second
server process would serve a moderator's screen: it measures what the database does under 20
writers. The same read from a thread inside the writers' process is reported beside it: there the
reader also waits for Python's GIL behind whichever writer is running, which is a property of one
CPython process, not of the queue. Also reported: the read without writers (the reference, same
data), write throughput, and every database-busy error that reached a caller (the target is none).

``python -m bench.scenarios.b8_queue [--quick]`` runs it alone.
"""

from __future__ import annotations

import itertools
import random
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench import harness
from bench.stats import latency_summary

ID = "B8"
TARGET = "queue of 100,000 items, 20 concurrent writers: queue page read p99 <= 25 ms; 0 database-busy errors"
P99_TARGET_MS = 25.0
WRITERS = 20
_keys = itertools.count(1)  # unique subjects and idempotency keys across both phases


def sizes(quick: bool) -> dict[str, Any]:
    if quick:
        return {"items": 20_000, "seconds": 4.0, "idle_reads": 200}
    return {"items": 100_000, "seconds": 15.0, "idle_reads": 1000}


def _app(tmp: Path) -> Any:
    from backend import create_app

    return create_app(
        {
            "INSTANCE_PATH": str(tmp / "instance"),
            "DATABASE_URL": f"sqlite:///{tmp / 'app.db'}",
            "MODERATION_DATABASE_URL": f"sqlite:///{tmp / 'moderation.db'}",
            "SECRET_KEY": "bench-secret-key-not-for-production",
            "TIMERS_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "LOG_LEVEL": "WARNING",
            "ACCESS_TOKEN_TTL": 3600,
        }
    )


def _schema(app: Any) -> None:
    from backend.core.db import db
    from backend.models import metadata as app_metadata
    from moderation import api
    from moderation.models import metadata

    app_metadata.create_all(db.engine(app))
    metadata.create_all(api.engine(app))


def _moderator_token() -> tuple[int, str]:
    from backend.accounts import personas as p
    from backend.accounts import service as accounts
    from backend.accounts.models import StaffRecord, User
    from backend.auth import service as auth
    from backend.core.db import db

    user = User(email="moderator@bench.example", display_name="Bench moderator", persona=p.MODERATOR)
    db.session.add(user)
    db.session.flush()
    today = accounts.today()
    db.session.add(
        StaffRecord(
            user_id=user.id,
            dbs_checked_on=today - timedelta(days=30),
            dbs_renewal_due=today + timedelta(days=900),
        )
    )
    db.session.commit()
    return user.id, auth.do_issue_tokens(user, "bench-client").access_token


def _bulk_items(count: int) -> None:
    """The backlog, inserted in batches (its own rows, not through the service: this is the setup)."""
    from sqlalchemy import insert

    from moderation import db
    from moderation.models import QueueItem

    rng = random.Random(8)
    now = db.utcnow()
    engine = db.engine()
    with engine.begin() as conn:
        batch = []
        for n in range(count):
            priority = rng.choice((0, 1, 2, 2, 3, 3, 3, 4, 4, 4))
            created = now - timedelta(seconds=rng.randint(0, 3 * 86400))
            batch.append(
                {
                    "subject_type": "post",
                    "subject_id": f"backlog-{n}",
                    "author_id": rng.randint(1, 5000),
                    "audience": "youth" if n % 5 == 0 else "adult",
                    "space": f"group:{n % 300}",
                    "source": rng.choice(("screening", "report")),
                    "open_key": f"post:backlog-{n}",
                    "active": True,
                    "status": "open",
                    "priority": priority,
                    "deadline_at": created + timedelta(minutes=(15, 60, 480, 1440, 4320)[priority]),
                    "categories": [],
                    "content": f"Backlog item {n}: a post someone reported about the school gates.",
                    "held": n % 3 == 0,
                    "report_count": 1,
                    "action_taken": False,
                    "effect_pending": False,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            if len(batch) == 5000:
                conn.execute(insert(QueueItem), batch)
                batch = []
        if batch:
            conn.execute(insert(QueueItem), batch)


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _writer(app: Any, moderator_id: int, index: int, stop: threading.Event, tally: dict[str, Any]) -> None:
    """Reports and decisions through the service layer, as fast as the database lets them through."""
    from moderation import api, decisions
    from moderation.types import Actor, AuthorFacts, Subject

    actor = Actor(moderator_id, "moderator", "Bench moderator", may_work_with_young_people=True)
    rng = random.Random(index)
    n = 0
    with app.app_context():
        while not stop.is_set():
            n += 1
            subject_id = f"w{index}-{next(_keys)}"
            try:
                subject = Subject(
                    type="post",
                    id=subject_id,
                    author=AuthorFacts(
                        user_id=rng.randint(1, 5000), account_age_days=90.0, verified=True, persona="adopter"
                    ),
                    text="Someone posted the name of our children's school, St Mary's, in the group.",
                    audience="adult",
                    space="group:7",
                )
                key = f"key-{index}-{next(_keys)}"
                receipt = api.report(subject, 10_000 + index, "identifying_information", key)
                tally["reports"][index] += 1
                if n % 2 == 0:
                    from moderation import db
                    from moderation.models import Report

                    item_id = db.session().get(Report, receipt.report_id).item_id  # type: ignore[union-attr]
                    db.end_read()
                    decisions.decide(actor, item_id, action="remove", reason="Identifies a school")
                    tally["decisions"][index] += 1
            except Exception as exc:
                key = "busy_errors" if _is_busy(exc) else "other_errors"
                tally[key][index] += 1
                tally["examples"].append(f"{type(exc).__name__}: {str(exc)[:160]}")


def _read_pages(client: Any, headers: dict[str, str], rng: random.Random) -> float:
    """One page read, first page or a deeper one (following cursors); returns seconds."""
    params: dict[str, Any] = {"limit": 50}
    if rng.random() < 0.3:
        params["priority"] = rng.randint(0, 4)
    started = time.perf_counter()
    response = client.get("/api/v1/moderation/queue", query_string=params, headers=headers)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(
            f"queue read failed: {response.status_code} {response.get_data(as_text=True)[:200]}"
        )
    return elapsed


def _reads_for(app: Any, token: str, seconds: float, seed: int) -> tuple[list[float], list[str]]:
    """Page reads for ``seconds``; returns their durations and any errors."""
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    rng = random.Random(seed)
    timings: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    with app.app_context():
        while time.perf_counter() < deadline:
            try:
                timings.append(_read_pages(client, headers, rng))
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {str(exc)[:160]}")
    return timings, errors


def _reader_process(tmp_dir: str, token: str, seconds: float, start: Any, out: Any) -> None:
    """A second server process on the same databases: warms up, waits for the writers, reads."""
    app = _app(Path(tmp_dir))
    _reads_for(app, token, 1.0, seed=3)
    start.wait()
    out.send(_reads_for(app, token, seconds, seed=2))


def _with_writers(app: Any, moderator_id: int, seconds: float, read: Any) -> tuple[dict[str, Any], Any]:
    """Run the 20 writers for ``seconds`` while ``read()`` measures; returns the tally and its result."""
    tally: dict[str, Any] = {
        key: [0] * WRITERS for key in ("reports", "decisions", "busy_errors", "other_errors")
    }
    tally["examples"] = []
    stop = threading.Event()
    writers = [
        threading.Thread(target=_writer, args=(app, moderator_id, i, stop, tally), daemon=True)
        for i in range(WRITERS)
    ]
    for thread in writers:
        thread.start()
    try:
        measured = read()
    finally:
        stop.set()
        for thread in writers:
            thread.join(timeout=60)
    return tally, measured


def run(quick: bool = False) -> dict[str, Any]:
    import multiprocessing

    n = sizes(quick)
    seconds = n["seconds"]
    with tempfile.TemporaryDirectory(prefix="b8-") as tmp_dir:
        app = _app(Path(tmp_dir))
        _schema(app)
        with app.app_context():
            moderator_id, token = _moderator_token()
            started = time.perf_counter()
            _bulk_items(n["items"])
            bulk_s = time.perf_counter() - started
        _reads_for(app, token, 1.0, seed=4)  # warm caches and the connection pool
        idle, idle_errors = _reads_for(app, token, seconds / 2, seed=1)

        context = multiprocessing.get_context("spawn")
        start = context.Event()
        receive, send = context.Pipe(duplex=False)
        reader = context.Process(
            target=_reader_process, args=(tmp_dir, token, seconds, start, send), daemon=True
        )
        reader.start()

        def other_process() -> tuple[list[float], list[str]]:
            time.sleep(0.5)  # the writers get going first
            start.set()
            if not receive.poll(seconds + 120):
                raise RuntimeError("the reader process did not report")
            result: tuple[list[float], list[str]] = receive.recv()
            return result

        tally, (loaded, read_errors) = _with_writers(app, moderator_id, seconds, other_process)
        reader.join(timeout=30)
        same_tally, (same_loaded, same_errors) = _with_writers(
            app, moderator_id, seconds / 2, lambda: _reads_for(app, token, seconds / 2, seed=5)
        )
        api_engine = app.extensions["moderation_db"].kw["bind"]
        api_engine.dispose()

    under = latency_summary(loaded, "read")
    same = latency_summary(same_loaded, "same_process_read")
    baseline = latency_summary(idle, "idle_read")
    writes = sum(tally["reports"]) + sum(tally["decisions"])
    busy = sum(tally["busy_errors"]) + sum(same_tally["busy_errors"])
    busy += sum(_is_busy(Exception(e)) for e in (*read_errors, *same_errors, *idle_errors))
    other = sum(tally["other_errors"]) + sum(same_tally["other_errors"])
    other += sum(not _is_busy(Exception(e)) for e in (*read_errors, *same_errors, *idle_errors))
    p99 = under["read_p99_ms"]
    figures = {
        "items": n["items"],
        "writers": WRITERS,
        "read_p50_ms": under["read_p50_ms"],
        "read_p99_ms": p99,
        "idle_read_p99_ms": baseline["idle_read_p99_ms"],
        "read_p99_ratio_to_idle": harness.ratio(p99, baseline["idle_read_p99_ms"]),
        "same_process_read_p50_ms": same["same_process_read_p50_ms"],
        "same_process_read_p99_ms": same["same_process_read_p99_ms"],
        "reads": under["read_samples"],
        "writes_per_s": round(writes / seconds, 1),
        "reports": sum(tally["reports"]),
        "decisions": sum(tally["decisions"]),
        "database_busy_errors": busy,
        "other_errors": other,
        "bulk_insert_s": round(bulk_s, 2),
        "details": {
            "other_process_reader": under,
            "same_process_reader": same,
            "idle": baseline,
            "error_examples": (tally["examples"] + same_tally["examples"] + read_errors + same_errors)[:5],
        },
    }
    met = p99 is not None and p99 <= P99_TARGET_MS and busy == 0 and other == 0
    return harness.result(ID, TARGET, figures, met=met)


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2, default=str))
