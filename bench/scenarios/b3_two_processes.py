"""B3: the chat scaled out: two product server processes, Redis, and one room spanning both.

Two ``python -m backend.serve`` processes share one PostgreSQL database (their own schemas,
``bench_b3_app`` and ``bench_b3_moderation``, dropped and re-created here; nothing else in the
database is touched) and one Redis database (``BENCH_REDIS_URL``, default db 14, flushed first),
which carries Socket.IO's emits between the processes and the presence registry. The 50 members of
one room connect alternately to process A and process B (25 each); the sender is on A, so every
message reaches B's 25 members only through Redis.

The load client is the harness's fan-out (``bench.loadclient``: same senders, receivers in separate
processes, the same loss check per member by ``seq``) with one change: member ``i`` connects to
``urls[i % 2]``. It runs as ``python -m bench.scenarios.b3_two_processes`` with JSON parameters on
stdin, like ``python -m bench.loadclient``. Loss is reported for all members and for B's alone.

The throughput target is relative to B1, so this scenario also measures B1's shape in the same run:
one product process on SQLite, no Redis, the same room size and message count. Both sides run the
same full pipeline (authentication, membership, block check, rate limit (off), sanitise, screening,
persist with the room's seq, commit, broadcast).

Set ``BENCH_POSTGRES_URL`` / ``BENCH_REDIS_URL`` to use other servers.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable
from typing import Any

from bench import harness, loadclient, osutil
from bench.scenarios.b1_fanout import MEMBERS, Attempts, prepare, product_server

ID = "B3"
TARGET = "2 processes + Redis, one room spanning both: 100% delivery checked by seq; throughput >= 0.75 x B1"
RATIO_TARGET = 0.75
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
APP_SCHEMA = "bench_b3_app"
MODERATION_SCHEMA = "bench_b3_moderation"
LOSS_KEYS = ("lost_deliveries", "duplicates", "acks_lost", "not_published")


# --- the databases -------------------------------------------------------------------------------


def schema_url(schema: str) -> str:
    """The PostgreSQL database with its search_path set to one schema."""
    sep = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"


def _reset_schemas(create: bool = True) -> None:
    """Drop (and re-create) this scenario's own two schemas; no other schema is touched."""
    from sqlalchemy import create_engine, text

    url = "postgresql+psycopg://" + POSTGRES_URL.removeprefix("postgresql://")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for schema in (APP_SCHEMA, MODERATION_SCHEMA):
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                if create:
                    conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()


def _flush_redis() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


# --- the load client (its own process) -------------------------------------------------------------


def _member(cfg: dict[str, Any], index: int) -> loadclient.RoomMember:
    """Member ``index`` of the room, connecting to ``urls[index % len(urls)]``."""
    urls = cfg["urls"]
    return loadclient.RoomMember(index, {**cfg, "url": urls[index % len(urls)]})


def _start(cfg: dict[str, Any], indexes: list[int]) -> list[loadclient.RoomMember]:
    members = [_member(cfg, i) for i in indexes]
    loadclient.parallel(lambda k: members[k].start(), list(range(len(members))), workers=8)
    return members


def _report(members: list[loadclient.RoomMember]) -> dict[str, Any]:
    return {**loadclient._member_report(members), "indexes": [m.index for m in members]}


def _receivers(
    report: Callable[..., None], done: Any, cfg: dict[str, Any], indexes: list[int], expected: Any
) -> None:
    """Worker: as ``loadclient._fanout_receivers``, with each member on its own server."""
    members = _start(cfg, indexes)
    report("ready")
    done.wait(timeout=cfg["max_seconds"] + cfg["ack_timeout"] + 60)
    loadclient._drain(members, expected.value, loadclient.CLOCK() + cfg["drain_seconds"])
    report("result", **_report(members))


def spanning_fanout(urls: list[str], **params: Any) -> dict[str, Any]:
    """``loadclient.fanout`` with member ``i`` on ``urls[i % len(urls)]`` (senders included), and the
    loss check also reported for the members on servers other than the first sender's."""
    cfg = loadclient.with_defaults("fanout", loadclient.FANOUT_DEFAULTS, {"url": urls[0], **params})
    cfg["urls"] = urls
    if not 1 <= cfg["senders"] <= cfg["clients"]:
        raise ValueError("need 1 <= senders <= clients")
    cfg["tag"] = f"b{uuid.uuid4().hex[:10]}-"
    cfg["warmup_tag"] = f"warmup-{cfg['tag']}"
    loadclient.raise_fd_limit()
    expected = loadclient.MP.Value("i", 0)
    shares = loadclient.shares(list(range(cfg["senders"], cfg["clients"])), cfg["processes"])
    began_connect = loadclient.CLOCK()
    with loadclient.Workers(_receivers, [(cfg, share, expected) for share in shares]) as workers:
        senders = _start(cfg, list(range(cfg["senders"])))
        workers.gather("ready", timeout=cfg["connect_timeout"] * 3 + 30)
        connect_seconds = loadclient.CLOCK() - began_connect
        loadclient._warm_up(cfg, senders[0].sio)
        log, began, ended = loadclient._run_senders(cfg, senders)
        expected.value = len(log.published_seqs)
        workers.event.set()
        loadclient._drain(senders, expected.value, loadclient.CLOCK() + cfg["drain_seconds"])
        reports = [_report(senders), *workers.gather("result", timeout=cfg["drain_seconds"] + 30)]
    figures = loadclient._fanout_figures(cfg, log, began, ended, connect_seconds, reports)
    # The members reached only through the message queue: those not on the first sender's server.
    remote = [
        seqs
        for r in reports
        for index, seqs in zip(r["indexes"], r["seqs"], strict=True)
        if index % len(urls) != 0
    ]
    remote_loss = loadclient._loss(remote, log.published_seqs)
    figures |= {
        "servers": len(urls),
        "remote_members": len(remote),
        "remote_deliveries": sum(len(s) for s in remote),
        "remote_lost_deliveries": remote_loss["lost_deliveries"],
        "remote_duplicates": remote_loss["duplicates"],
    }
    return figures


def client_main() -> int:
    params = json.loads(sys.stdin.read() or "{}")
    figures = spanning_fanout(**params)
    sys.stdout.write(json.dumps(figures, default=str) + "\n")
    return 0


# --- the scenario ----------------------------------------------------------------------------------


def measure(servers: list[harness.Server], **params: Any) -> dict[str, Any]:
    """One spanning fan-out against ``servers`` (the first is the sender's), with the CPU time of
    all of them."""
    urls = [s.url for s in servers]
    limit = params.get("max_seconds", 15.0) + params.get("drain_seconds", 15.0) + 120
    cpu_before = sum(s.cpu_seconds() for s in servers)
    proc = subprocess.Popen(
        [harness.PYTHON, "-m", "bench.scenarios.b3_two_processes"],
        cwd=harness.ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=osutil.new_session_dying_with_parent,
    )
    try:
        out, err = proc.communicate(json.dumps({"urls": urls, **params}), timeout=limit)
    except subprocess.TimeoutExpired:
        osutil.signal_group(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise harness.BenchError(f"spanning load client timed out:\n{err[-3000:]}") from None
    finally:
        osutil.signal_group(proc.pid, signal.SIGKILL)
    lines = [line for line in out.splitlines() if line.strip()]
    if proc.returncode != 0 or not lines:
        raise harness.BenchError(f"spanning load client failed ({proc.returncode}):\n{err[-3000:]}")
    figures: dict[str, Any] = json.loads(lines[-1])
    figures["server_cpu_s"] = round(sum(s.cpu_seconds() for s in servers) - cpu_before, 3)
    total = figures.get("deliveries_total")
    figures["server_cpu_us_per_delivery"] = round(figures["server_cpu_s"] * 1e6 / total, 2) if total else None
    return figures


def sizes(quick: bool) -> dict[str, int]:
    if quick:
        return {"messages": 1000, "repeats": 1}
    return {"messages": 2000, "repeats": 3}


def run(quick: bool = False) -> dict[str, Any]:
    n = sizes(quick)
    attempt = Attempts()
    common = {"clients": MEMBERS, "messages": n["messages"], "max_seconds": 15}

    # B1's shape, in this run: one process, SQLite, no Redis.
    with prepare() as prep, product_server("b3-single", prep.env) as single:
        one = attempt(
            "b1_shape",
            lambda: harness.repeat(
                lambda: harness.fanout(single, auth=prep.auth, room=prep.room, **common), n["repeats"]
            ),
        )

    _flush_redis()
    _reset_schemas()
    try:
        with (
            prepare(
                database_url=schema_url(APP_SCHEMA),
                moderation_url=schema_url(MODERATION_SCHEMA),
                redis_url=REDIS_URL,
            ) as prep,
            product_server("b3-app-a", prep.env) as a,
            product_server("b3-app-b", prep.env) as b,
        ):
            two = attempt(
                "two_processes",
                lambda: harness.repeat(
                    lambda: measure([a, b], auth=prep.auth, room=prep.room, **common), n["repeats"]
                ),
            )
    finally:
        _reset_schemas(create=False)
        _flush_redis()

    ratio = harness.ratio(two.get("deliveries_per_s"), one.get("deliveries_per_s"))
    lost = sum(two.get(key) or 0 for key in LOSS_KEYS)
    expected = two.get("expected_deliveries")
    figures: dict[str, Any] = {
        "deliveries_per_s": two.get("deliveries_per_s"),
        "b1_shape_deliveries_per_s": one.get("deliveries_per_s"),
        "ratio_to_b1": ratio,
        "lost_deliveries": two.get("lost_deliveries"),
        "remote_lost_deliveries": two.get("remote_lost_deliveries"),
        "remote_deliveries": two.get("remote_deliveries"),
        "duplicates": two.get("duplicates"),
        "not_published": two.get("not_published"),
        "delivered_pct": (round(100.0 * (two.get("deliveries") or 0) / expected, 3) if expected else None),
        "last_recipient_p50_ms": two.get("last_recipient_p50_ms"),
        "last_recipient_p99_ms": two.get("last_recipient_p99_ms"),
        "send_ack_p50_ms": two.get("send_ack_p50_ms"),
        "server_cpu_us_per_delivery": two.get("server_cpu_us_per_delivery"),
        "b1_shape_server_cpu_us_per_delivery": one.get("server_cpu_us_per_delivery"),
        "setup": "2 x backend.serve (werkzeug, threading) + Redis + PostgreSQL; B1 shape: 1 process, SQLite",
        "details": {"two_processes": two, "b1_shape": one},
    }
    if attempt.failures:
        figures["failures"] = attempt.failures
    met = (
        not attempt.failures
        and ratio is not None
        and ratio >= RATIO_TARGET
        and lost == 0
        and bool(expected)
        and two.get("deliveries") == expected
    )
    return harness.result(ID, TARGET, figures, met=met)


if __name__ == "__main__":
    from bench.scenarios import b3_two_processes as module  # functions pickled under their real name

    try:
        code = module.client_main()
    except Exception:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
