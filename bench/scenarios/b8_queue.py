"""B8: the moderation queue under load (QUALITY.md B8).

The real app on the embedded default (two SQLite files in a temporary directory): 100,000 queue items
bulk-inserted, then 20 writer threads, each in its own app context, go through the service layer as
the product does (a user's report, which screens the content, opens or updates the subject's item
with an evidence snapshot and an audit row; and a moderator's decision on an item, with its audit
row), while a reader pages through ``GET /api/v1/moderation/queue`` as a moderator (bearer token,
Flask test client) for the same time. The reader pages as a moderator does: it follows
``next_cursor`` to the next page most of the time and otherwise starts again at the first page,
a third of the time filtered to one priority, so reads are spread over pages and filters.

The headline reader is a second process with its own app on the same two databases, as a second
server process would serve a moderator's screen, reading back to back (a closed loop, so it keeps one
CPU busy). Beside it: the same process reading at a fixed rate (``paced``, an open loop: latency is
counted from the moment a read was due, so a read that had to wait counts its wait), the same read
from a thread inside the writers' process (there the reader also waits for Python's GIL behind
whichever writer is running, a property of one CPython process, not of the queue), and the read
without writers (the reference, same data).

On a 2-core machine the writers' process keeps about one core busy and the closed-loop reader the
other, so anything else running on the machine makes the reader wait for a CPU. To tell that wait
from the read's own time, each read also records the time its thread spent runnable but not running
(``/proc/thread-self/schedstat``): ``read_p99_without_cpu_wait_ms`` is the p99 of each read's latency
less that wait, and ``other_load_cores`` is the CPU that processes other than the bench's own used
on the machine during the loaded read (from ``/proc/stat``, in cores). Also reported: write
throughput, how long each write transaction holds SQLite's write lock (``BEGIN IMMEDIATE`` to
``COMMIT``), and every database-busy error that reached a caller (the target is none).

``python -m bench.scenarios.b8_queue [--quick]`` runs it alone.
"""

from __future__ import annotations

import itertools
import os
import random
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench import harness, osutil
from bench.stats import latency_summary

ID = "B8"
TARGET = "queue of 100,000 items, 20 concurrent writers: queue page read p99 <= 25 ms; 0 database-busy errors"
P99_TARGET_MS = 25.0
WRITERS = 20
PAGE = 50
FOLLOW = 0.8  # how often the reader goes on to the next page rather than back to the first
PACED_PER_S = 20.0  # the paced reader's rate: more than a moderation team reads (pushes come live)
_keys = itertools.count(1)  # unique subjects and idempotency keys across both phases


def sizes(quick: bool) -> dict[str, Any]:
    if quick:
        return {"items": 20_000, "seconds": 4.0, "paced_seconds": 6.0}
    return {"items": 100_000, "seconds": 15.0, "paced_seconds": 30.0}


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


# Post ids no real row has, within the API's id range: the backlog's, then each writer's own.
BACKLOG_IDS, WRITER_IDS = 1_000_000_000, 1_500_000_000


def _bulk_items(count: int) -> None:
    """The backlog, inserted in batches (its own rows, not through the service: this is the setup)."""
    from sqlalchemy import insert

    from moderation import db
    from moderation.models import ItemStatus, QueueItem

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
                    "subject_id": str(BACKLOG_IDS + n),  # subject ids are integers (issue #11)
                    "author_id": rng.randint(1, 5000),
                    "audience": "youth" if n % 5 == 0 else "adult",
                    "space": f"group:{n % 300}",
                    "source": rng.choice(("screening", "report")),
                    "open_key": f"post:{BACKLOG_IDS + n}",
                    "active": True,
                    "status": ItemStatus.OPEN,
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


def _author_other_than(moderator_id: int, rng: random.Random) -> int:
    """A reported author who is never the deciding moderator (nobody may act on an item about their
    own content: with authors drawn from 1-5,000 the moderator's own id came up now and then)."""
    author_id = rng.randint(1, 5000)
    return 5001 if author_id == moderator_id else author_id


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
            subject_id = str(WRITER_IDS + index * 10_000_000 + next(_keys))
            try:
                subject = Subject(
                    type="post",
                    id=subject_id,
                    author=AuthorFacts(
                        user_id=_author_other_than(moderator_id, rng),
                        account_age_days=90.0,
                        verified=True,
                        persona="adopter",
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


def _runqueue_wait_s() -> float:
    """Seconds this thread has spent runnable, waiting for a CPU (0 where the kernel does not say)."""
    try:
        with open("/proc/thread-self/schedstat") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def _machine_busy_s() -> float:
    """CPU seconds all processes on the machine have used so far (all cores, from /proc/stat)."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _next_params(state: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The next page a moderator reads: usually the one after the last, else a first page."""
    if state.get("cursor") and rng.random() < FOLLOW:
        state["depth"] += 1
        return {**state["params"], "cursor": state["cursor"]}
    params: dict[str, Any] = {"limit": PAGE}
    if rng.random() < 0.3:
        params["priority"] = rng.randint(0, 4)
    state.update(params=params, depth=1)
    return params


def _read_page(client: Any, headers: dict[str, str], state: dict[str, Any], rng: random.Random) -> None:
    response = client.get("/api/v1/moderation/queue", query_string=_next_params(state, rng), headers=headers)
    if response.status_code != 200:
        raise RuntimeError(
            f"queue read failed: {response.status_code} {response.get_data(as_text=True)[:200]}"
        )
    state["cursor"] = response.json["next_cursor"]
    state["deepest"] = max(state["deepest"], state["depth"])


def _reads_for(
    app: Any, token: str, seconds: float, seed: int, rate: float | None = None, writers_pid: int | None = None
) -> dict[str, Any]:
    """Page reads for ``seconds``: back to back, or ``rate`` a second on a fixed schedule (then each
    latency counts from when the read was due). Returns latencies, CPU waits and errors, and the CPU
    (in cores) used meanwhile by this process, the writers' process and everything else."""
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    rng = random.Random(seed)
    state: dict[str, Any] = {"cursor": None, "depth": 0, "deepest": 0}
    latencies: list[float] = []
    waits: list[float] = []
    errors: list[str] = []
    cpu_started, machine_started = time.process_time(), _machine_busy_s()
    writers_started = osutil.cpu_seconds(writers_pid) if writers_pid else 0.0
    began = time.perf_counter()
    deadline = began + seconds
    n = 0
    with app.app_context():
        while True:
            due = began + n / rate if rate else time.perf_counter()
            if due >= deadline:
                break
            n += 1
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            waited = _runqueue_wait_s()
            try:
                _read_page(client, headers, state, rng)
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {str(exc)[:160]}")
                state["cursor"] = None
                continue
            latencies.append(time.perf_counter() - due)
            waits.append(_runqueue_wait_s() - waited)
    elapsed = time.perf_counter() - began
    own = time.process_time() - cpu_started
    writers = osutil.cpu_seconds(writers_pid) - writers_started if writers_pid else 0.0
    return {
        "latencies": latencies,
        "waits": waits,
        "errors": errors,
        "cpu_s": own,
        "deepest_page": state["deepest"],
        "cores": {
            "this_process": round(own / elapsed, 2),
            "writers_process": round(writers / elapsed, 2),
            "everything_else": round((_machine_busy_s() - machine_started - own - writers) / elapsed, 2),
        },
    }


def _reader_process(
    tmp_dir: str, token: str, seconds: float, paced_seconds: float, start: Any, out: Any
) -> None:
    """A second server process on the same databases: warms up, waits for the writers, reads back
    to back, then at a fixed rate."""
    app = _app(Path(tmp_dir))
    _reads_for(app, token, 1.0, seed=3)
    out.send("ready")
    start.wait()
    writers = os.getppid()
    out.send(_reads_for(app, token, seconds, seed=2, writers_pid=writers))
    out.send(_reads_for(app, token, paced_seconds, seed=6, rate=PACED_PER_S, writers_pid=writers))


def _receive(receive: Any, reader: Any, timeout: float) -> Any:
    """The reader process's next report; fails at once if the process died (say, an import error)."""
    deadline = time.monotonic() + timeout
    while not receive.poll(0.5):
        if not reader.is_alive():
            raise RuntimeError(f"the reader process exited with code {reader.exitcode} (its stderr says why)")
        if time.monotonic() > deadline:
            raise RuntimeError("the reader process did not report")
    return receive.recv()


def _summary(reads: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Latency percentiles, and the same less each read's wait for a CPU."""
    out: dict[str, Any] = dict(latency_summary(reads["latencies"], prefix))
    own = [max(0.0, lat - wait) for lat, wait in zip(reads["latencies"], reads["waits"], strict=True)]
    out[f"{prefix}_p99_without_cpu_wait_ms"] = latency_summary(own, "x")["x_p99_ms"]
    out[f"{prefix}_cpu_wait_p99_ms"] = latency_summary(reads["waits"], "x")["x_p99_ms"]
    out[f"{prefix}_cpu_ms_per_read"] = (
        round(reads["cpu_s"] * 1000 / len(reads["latencies"]), 3) if reads["latencies"] else None
    )
    out[f"{prefix}_deepest_page"] = reads["deepest_page"]
    out[f"{prefix}_errors"] = len(reads["errors"])
    return out


def _write_lock_holds(app: Any) -> list[float]:
    """Collects how long each write transaction of ``app`` holds SQLite's write lock: from its
    ``BEGIN IMMEDIATE`` to its ``COMMIT`` (or rollback)."""
    from sqlalchemy import event

    from moderation import api

    holds: list[float] = []
    engine = api.engine(app)

    @event.listens_for(engine, "after_cursor_execute")
    def _began(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement == "BEGIN IMMEDIATE":
            conn.info["b8_write_began"] = time.perf_counter()

    def _ended(conn: Any) -> None:
        began = conn.info.pop("b8_write_began", None)
        if began is not None:
            holds.append(time.perf_counter() - began)

    event.listen(engine, "commit", _ended)
    event.listen(engine, "rollback", _ended)
    return holds


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
    seconds, paced_seconds = n["seconds"], n["paced_seconds"]
    with tempfile.TemporaryDirectory(prefix="b8-") as tmp_dir:
        app = _app(Path(tmp_dir))
        _schema(app)
        with app.app_context():
            moderator_id, token = _moderator_token()
            started = time.perf_counter()
            _bulk_items(n["items"])
            bulk_s = time.perf_counter() - started
        _reads_for(app, token, 1.0, seed=4)  # warm caches and the connection pool
        idle = _reads_for(app, token, seconds / 2, seed=1)
        holds = _write_lock_holds(app)

        context = multiprocessing.get_context("spawn")
        start = context.Event()
        receive, send = context.Pipe(duplex=False)
        reader = context.Process(
            target=_reader_process, args=(tmp_dir, token, seconds, paced_seconds, start, send), daemon=True
        )
        reader.start()
        if _receive(receive, reader, 120) != "ready":  # imported, warmed up, waiting to start
            raise RuntimeError("the reader process did not get ready")

        def other_process() -> tuple[dict[str, Any], dict[str, Any]]:
            time.sleep(0.5)  # the writers get going first
            start.set()
            loaded: dict[str, Any] = _receive(receive, reader, seconds + 120)
            paced: dict[str, Any] = _receive(receive, reader, paced_seconds + 120)
            return loaded, paced

        writes_began = time.perf_counter()
        tally, (loaded, paced) = _with_writers(app, moderator_id, seconds + paced_seconds, other_process)
        writes_s = time.perf_counter() - writes_began
        reader.join(timeout=30)
        write_holds = list(holds)
        same_tally, same = _with_writers(
            app, moderator_id, seconds / 2, lambda: _reads_for(app, token, seconds / 2, seed=5)
        )
        api_engine = app.extensions["moderation_db"].kw["bind"]
        api_engine.dispose()

    under = _summary(loaded, "read")
    timed = _summary(paced, "paced_read")
    same_process = _summary(same, "same_process_read")
    baseline = _summary(idle, "idle_read")
    read_errors = [*loaded["errors"], *paced["errors"], *same["errors"], *idle["errors"]]
    writes = sum(tally["reports"]) + sum(tally["decisions"])
    busy = sum(tally["busy_errors"]) + sum(same_tally["busy_errors"])
    busy += sum(_is_busy(Exception(e)) for e in read_errors)
    other = sum(tally["other_errors"]) + sum(same_tally["other_errors"])
    other += sum(not _is_busy(Exception(e)) for e in read_errors)
    held = latency_summary(write_holds, "write_lock_hold")
    p99 = under["read_p99_ms"]
    figures = {
        "items": n["items"],
        "writers": WRITERS,
        "read_p50_ms": under["read_p50_ms"],
        "read_p99_ms": p99,
        "reads": under["read_samples"],
        "read_p99_without_cpu_wait_ms": under["read_p99_without_cpu_wait_ms"],
        "read_cpu_wait_p99_ms": under["read_cpu_wait_p99_ms"],
        "read_cpu_ms_per_read": under["read_cpu_ms_per_read"],
        "other_load_cores": loaded["cores"]["everything_else"],
        "paced_read_p50_ms": timed["paced_read_p50_ms"],
        "paced_read_p99_ms": timed["paced_read_p99_ms"],
        "paced_reads": timed["paced_read_samples"],
        "paced_reads_per_s": PACED_PER_S,
        "paced_other_load_cores": paced["cores"]["everything_else"],
        "idle_read_p50_ms": baseline["idle_read_p50_ms"],
        "idle_read_p99_ms": baseline["idle_read_p99_ms"],
        "read_p99_ratio_to_idle": harness.ratio(p99, baseline["idle_read_p99_ms"]),
        "same_process_read_p50_ms": same_process["same_process_read_p50_ms"],
        "same_process_read_p99_ms": same_process["same_process_read_p99_ms"],
        "writes_per_s": round(writes / writes_s, 1),
        "reports": sum(tally["reports"]),
        "decisions": sum(tally["decisions"]),
        "write_lock_hold_p50_ms": held["write_lock_hold_p50_ms"],
        "write_lock_hold_p99_ms": held["write_lock_hold_p99_ms"],
        "database_busy_errors": busy,
        "other_errors": other,
        "bulk_insert_s": round(bulk_s, 2),
        "details": {
            "other_process_reader": under,
            "paced_reader": timed,
            "same_process_reader": same_process,
            "idle": baseline,
            "write_lock_hold": held,
            "cpu_cores_during": {
                "read": loaded["cores"],
                "paced_read": paced["cores"],
                "same_process_read": same["cores"],
                "idle_read": idle["cores"],
            },
            "error_examples": (tally["examples"] + same_tally["examples"] + read_errors)[:5],
        },
    }
    met = p99 is not None and p99 <= P99_TARGET_MS and busy == 0 and other == 0
    return harness.result(ID, TARGET, figures, met=met)


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2, default=str))
