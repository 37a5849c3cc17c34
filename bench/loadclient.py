"""Load client: Socket.IO over WebSocket and keep-alive HTTP, always in processes of its own.

The harness runs ``python -m bench.loadclient <kind>`` with a JSON object of parameters on stdin and
reads one JSON object of figures from the last line of stdout. Kinds (see each function):

- ``fanout``: one room of N clients, S of them sending; deliveries/s, last-recipient latency, loss.
- ``ack``: one client, K sequential emits each waiting for its ack; ack latency, lost acks.
- ``idle``: C connections opened and held; how many held, server RSS before/after.
- ``http``: keep-alive GETs from a few processes x threads for a fixed time; requests/s, latency.

Nothing here knows about the product: URL, per-client ``auth``, room id and event names are
parameters, and the payloads are the chat contract (``join {room}``, ``send {room, client_id,
body}``, broadcast ``message {seq, client_id, ...}``) that the bare reference mirrors.

Timing uses ``time.monotonic``: CLOCK_MONOTONIC is one system-wide clock on Linux, so stamps taken
in different processes of this machine compare directly. Every loop is bounded by a count and a
deadline, and every wait has a timeout, so a stuck server ends a measurement instead of hanging it.

Connections are not closed one by one at the end: websocket-client's close waits up to 3 s for the
server's close frame, which the client's own read thread swallows, so polite closes would take
seconds per client. The processes exit instead, and the kernel drops every socket at once (the
server sees each as a disconnect, as when a phone loses signal).
"""

from __future__ import annotations

import http.client
import itertools
import json
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import engineio
import socketio

from bench import osutil
from bench.stats import latency_summary

CLOCK = time.monotonic
# Worker processes are spawned, not forked: forking a process that already runs client threads
# copies locks in unknown states.
MP = multiprocessing.get_context("spawn")


# --- Socket.IO client plumbing ---


class _InlineEngineIOClient(engineio.Client):
    """Engine.IO client that handles each incoming message on its read thread.

    The stock client starts a new thread for every incoming message. Under fan-out load that makes
    the load client, not the server, the bottleneck (thousands of thread starts per second on a
    2-core machine) and lets messages overtake each other, which would hide or fake ordering bugs.
    A browser handles messages in order on one thread, so inline dispatch is also the closer model.
    Our handlers only record and never block, so running them on the read thread is safe.
    """

    def _trigger_event(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "message":
            kwargs.pop("run_async", None)
        return super()._trigger_event(event, *args, **kwargs)


class _InlineClient(socketio.Client):
    def _engineio_client_class(self) -> type[engineio.Client]:
        return _InlineEngineIOClient


def new_socket(inline: bool = True) -> socketio.Client:
    """A client that never reconnects by itself (a reconnect would hide a dropped connection)."""
    cls = _InlineClient if inline else socketio.Client
    return cls(reconnection=False, handle_sigint=False)


def auth_for(auth: Any, index: int) -> Any:
    """``auth`` is None, one dict shared by all clients, or a list handed out round-robin (client
    ``index`` gets ``auth[index % len]``), so the product can give each client its own token."""
    if isinstance(auth, list):
        return auth[index % len(auth)] if auth else None
    return auth


def open_socket(
    cfg: dict[str, Any], index: int, join: bool, handlers: dict[str, Callable[..., None]] | None = None
) -> socketio.Client:
    """Connect client ``index`` over WebSocket only and, if asked, join the room (checking the ack).
    Handlers are registered before connecting, so no broadcast after the join can slip past them."""
    sio = new_socket(cfg["inline_dispatch"])
    for event, handler in (handlers or {}).items():
        sio.on(event, handler)
    sio.connect(
        cfg["url"],
        auth=auth_for(cfg["auth"], index),
        transports=["websocket"],
        wait_timeout=cfg["connect_timeout"],
    )
    if join:
        ack = sio.call(cfg["join_event"], {"room": cfg["room"]}, timeout=cfg["ack_timeout"])
        # Both the product and the reference answer a good join with {"ok": true, ...}.
        if not (isinstance(ack, dict) and ack.get("ok")):
            raise RuntimeError(f"join refused: {ack!r}")
    return sio


def raise_fd_limit() -> None:
    """Each connection is a file descriptor; lift the soft limit to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def parallel(fn: Callable[[int], Any], items: list[int], workers: int) -> list[Any]:
    """Run fn over items on a small thread pool; raises the first error."""
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(items) or 1))) as pool:
        return list(pool.map(fn, items))


def with_defaults(kind: str, defaults: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    """Parameters over defaults; a misspelt parameter is an error, not a silently ignored option."""
    unknown = set(params) - set(defaults)
    if unknown:
        raise ValueError(f"unknown {kind} parameters: {sorted(unknown)}")
    cfg = {**defaults, **params}
    if "url" in cfg and not cfg["url"]:
        raise ValueError("url is required")
    return cfg


# --- worker processes ---


def _worker_main(target: Callable[..., None], index: int, args: tuple, results: Any, event: Any) -> None:
    """Entry point of every worker: run target, turning any exception into an error report."""

    def report(phase: str, **data: Any) -> None:
        results.put({"worker": index, "phase": phase, **data})

    try:
        # Killed with the load client, so a load client killed on timeout takes its workers along.
        osutil.die_with_parent(signal.SIGKILL)
        raise_fd_limit()
        target(report, event, *args)
    except Exception as exc:
        report("error", error=f"{type(exc).__name__}: {exc}")


class Workers:
    """Spawned worker processes that report phases on one queue and wait on one shared event (the
    driver sets ``event`` to mean "sending is done" / "release the connections" / "start").

    ``gather(phase)`` returns one report of that phase per worker, and fails fast (with the
    worker's error) if a worker reports an error or dies, instead of waiting out a timeout.
    """

    def __init__(self, target: Callable[..., None], per_worker_args: list[tuple]) -> None:
        self.results = MP.Queue()
        self.event = MP.Event()
        self.procs = [
            MP.Process(target=_worker_main, args=(target, i, args, self.results, self.event), daemon=True)
            for i, args in enumerate(per_worker_args)
        ]

    def __enter__(self) -> Workers:
        for p in self.procs:
            p.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.event.set()
        for p in self.procs:
            p.join(timeout=15)
            if p.is_alive():
                p.kill()
                p.join(timeout=5)

    def gather(self, phase: str, timeout: float) -> list[dict[str, Any]]:
        deadline = CLOCK() + timeout
        got: dict[int, dict[str, Any]] = {}
        while len(got) < len(self.procs):
            try:
                item = self.results.get(timeout=0.25)
            except queue.Empty:
                self._check_alive(got, deadline, phase)
                continue
            if item["phase"] == "error":
                raise RuntimeError(f"load worker {item['worker']} failed: {item['error']}")
            if item["phase"] == phase:
                got[item["worker"]] = item
        return [got[i] for i in sorted(got)]

    def _check_alive(self, got: dict[int, Any], deadline: float, phase: str) -> None:
        dead = [i for i, p in enumerate(self.procs) if i not in got and p.exitcode is not None]
        if dead:
            # A report put just before exiting may still be in the pipe: one last look.
            with suppress(queue.Empty):
                item = self.results.get(timeout=1)
                if item["phase"] == "error":
                    raise RuntimeError(f"load worker {item['worker']} failed: {item['error']}")
                if item["phase"] == phase:
                    got[item["worker"]] = item
                    return
            raise RuntimeError(f"load workers {dead} exited before reporting {phase!r}")
        if CLOCK() > deadline:
            raise TimeoutError(f"load workers did not report {phase!r} in time")


def shares(items: list[int], processes: int) -> list[list[int]]:
    """Split items round-robin between at most ``processes`` non-empty shares."""
    n = max(1, min(processes, len(items)))
    return [items[p::n] for p in range(n)] if items else []


# --- fan-out ---

FANOUT_DEFAULTS: dict[str, Any] = {
    "url": None,
    "auth": None,
    "room": 1,
    "join_event": "join",
    "send_event": "send",
    "message_event": "message",
    "clients": 50,  # room members, senders included (the first `senders` of them)
    "senders": 1,
    "messages": 2000,  # total measured messages, split between senders
    "rate": None,  # total messages/s; None = each sender sends as fast as its acks come back
    "max_seconds": 15.0,  # sending stops at this time even if messages remain
    "warmup": 20,  # messages sent and ignored first, so start-up costs are not measured
    "body_size": 100,
    "processes": 2,  # receiver processes, so the client side is not limited to one core
    "connect_timeout": 10.0,
    "ack_timeout": 5.0,
    "drain_seconds": 15.0,  # how long receivers may lag behind the last ack
    "inline_dispatch": True,
}


@dataclass
class RoomMember:
    """One client in the fan-out room, recording each measured message it receives."""

    index: int
    cfg: dict[str, Any]
    sio: socketio.Client | None = None
    seqs: list[int] = field(default_factory=list)
    received_at: dict[str, float] = field(default_factory=dict)  # client_id -> first receipt
    warmup_received: int = 0  # counted only so server CPU can be divided by everything it delivered

    def on_message(self, data: Any = None) -> None:
        now = CLOCK()
        client_id = data.get("client_id") if isinstance(data, dict) else None
        if not isinstance(client_id, str):
            return
        if client_id.startswith(self.cfg["warmup_tag"]):
            self.warmup_received += 1
            return
        if not client_id.startswith(self.cfg["tag"]):
            return  # other traffic in the room (the product's own events, another run) is not ours
        self.seqs.append(data.get("seq"))
        self.received_at.setdefault(client_id, now)

    def start(self) -> None:
        self.sio = open_socket(
            self.cfg, self.index, join=True, handlers={self.cfg["message_event"]: self.on_message}
        )


def _start_members(cfg: dict[str, Any], indexes: list[int]) -> list[RoomMember]:
    members = [RoomMember(i, cfg) for i in indexes]
    parallel(lambda k: members[k].start(), list(range(len(members))), workers=8)
    return members


def _drain(members: list[RoomMember], expected: int, deadline: float) -> None:
    """Wait until every member has ``expected`` measured messages, or the deadline passes."""
    while CLOCK() < deadline and any(len(m.seqs) < expected for m in members):
        time.sleep(0.01)


def _member_report(members: list[RoomMember]) -> dict[str, Any]:
    """What the driver needs from a process: each member's seqs in arrival order, and per message
    the first and last receipt among this process's members."""
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for m in members:
        for client_id, t in m.received_at.items():
            first[client_id] = min(t, first.get(client_id, t))
            last[client_id] = max(t, last.get(client_id, t))
    warmup = sum(m.warmup_received for m in members)
    return {"seqs": [m.seqs for m in members], "first": first, "last": last, "warmup_deliveries": warmup}


def _fanout_receivers(
    report: Callable[..., None], done: Any, cfg: dict[str, Any], indexes: list[int], expected: Any
) -> None:
    """Worker: join, wait for the send phase to end, drain, report."""
    members = _start_members(cfg, indexes)
    report("ready")
    done.wait(timeout=cfg["max_seconds"] + cfg["ack_timeout"] + 60)
    _drain(members, expected.value, CLOCK() + cfg["drain_seconds"])
    report("result", **_member_report(members))


@dataclass
class SendLog:
    """What the senders saw: when each measured message left, and what its ack said."""

    sent_at: dict[str, float] = field(default_factory=dict)
    published_seqs: set[int] = field(default_factory=set)
    ack_latencies: list[float] = field(default_factory=list)
    acks_lost: int = 0
    not_published: int = 0
    first_bad_ack: Any = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record_ack(self, sent: float, ack: Any) -> None:
        with self.lock:
            self.ack_latencies.append(CLOCK() - sent)
            if _is_published(ack):
                self.published_seqs.add(ack["seq"])
            else:
                self.not_published += 1
                if self.first_bad_ack is None:
                    self.first_bad_ack = ack

    def lose_acks(self, n: int) -> None:
        with self.lock:
            self.acks_lost += n


def _is_published(ack: Any) -> bool:
    """The send contract: a published message's ack has status "published" and its room seq."""
    return isinstance(ack, dict) and ack.get("status") == "published" and isinstance(ack.get("seq"), int)


def _payload(cfg: dict[str, Any], client_id: str) -> dict[str, Any]:
    # The id's counter is not a word of its own in the text: message 1488 of a run was held by
    # screening as a hate code (harassment, P3), correctly, so every run had one message unpublished.
    body = f"bench {client_id.replace('-', 'n')} ".ljust(cfg["body_size"], "x")
    return {"room": cfg["room"], "client_id": client_id, "body": body}


def _send_closed_loop(
    cfg: dict[str, Any], sio: socketio.Client, ids: list[str], log: SendLog, stop: float
) -> None:
    """Send each message and wait for its ack before the next one."""
    for client_id in ids:
        if CLOCK() >= stop:
            return
        sent = CLOCK()
        log.sent_at[client_id] = sent
        try:
            ack = sio.call(cfg["send_event"], _payload(cfg, client_id), timeout=cfg["ack_timeout"])
        except socketio.exceptions.TimeoutError:
            log.lose_acks(1)
            continue
        log.record_ack(sent, ack)


def _send_at_rate(
    cfg: dict[str, Any], sio: socketio.Client, ids: list[str], log: SendLog, stop: float, offset: float
) -> None:
    """Send on a fixed schedule whatever the acks do (an open loop, as people type), so a slow
    server shows up as latency rather than as a slower send rate."""
    interval = cfg["senders"] / cfg["rate"]
    start = CLOCK() + offset
    pending: dict[str, float] = {}
    for n, client_id in enumerate(ids):
        due = start + n * interval
        if due >= stop:
            break
        time.sleep(max(0.0, due - CLOCK()))
        sent = CLOCK()
        log.sent_at[client_id] = sent
        pending[client_id] = sent

        def on_ack(*args: Any, _id: str = client_id, _sent: float = sent) -> None:
            pending.pop(_id, None)
            log.record_ack(_sent, args[0] if args else None)

        sio.emit(cfg["send_event"], _payload(cfg, client_id), callback=on_ack)
    wait_until = CLOCK() + cfg["ack_timeout"]
    while pending and CLOCK() < wait_until:
        time.sleep(0.005)
    log.lose_acks(len(pending))


def _warm_up(cfg: dict[str, Any], sio: socketio.Client) -> None:
    for n in range(cfg["warmup"]):
        with suppress(socketio.exceptions.TimeoutError):
            sio.call(cfg["send_event"], _payload(cfg, f"{cfg['warmup_tag']}{n}"), timeout=cfg["ack_timeout"])


def _run_senders(cfg: dict[str, Any], senders: list[RoomMember]) -> tuple[SendLog, float, float]:
    """All senders in parallel threads; returns the log and the send phase's start and end."""
    log = SendLog()
    ids = [f"{cfg['tag']}{n}" for n in range(cfg["messages"])]
    began = CLOCK()
    stop = began + cfg["max_seconds"]
    threads = []
    for s, sender in enumerate(senders):
        mine = ids[s :: len(senders)]
        if cfg["rate"]:
            target, args = _send_at_rate, (cfg, sender.sio, mine, log, stop, s / cfg["rate"])
        else:
            target, args = _send_closed_loop, (cfg, sender.sio, mine, log, stop)
        threads.append(threading.Thread(target=target, args=args, daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=cfg["max_seconds"] + cfg["ack_timeout"] + 5)
    return log, began, CLOCK()


def fanout(**params: Any) -> dict[str, Any]:
    """One room of ``clients`` members; the first ``senders`` send ``messages`` in total (closed
    loop, or at ``rate`` messages/s); every member, senders included, counts as a recipient."""
    cfg = with_defaults("fanout", FANOUT_DEFAULTS, params)
    if not 1 <= cfg["senders"] <= cfg["clients"]:
        raise ValueError("need 1 <= senders <= clients")
    # A fresh tag per run: the product's sends are idempotent per client_id, so ids must never repeat.
    cfg["tag"] = f"b{uuid.uuid4().hex[:10]}-"
    cfg["warmup_tag"] = f"warmup-{cfg['tag']}"
    raise_fd_limit()
    expected = MP.Value("i", 0)
    receiver_shares = shares(list(range(cfg["senders"], cfg["clients"])), cfg["processes"])
    connect_began = CLOCK()
    with Workers(_fanout_receivers, [(cfg, share, expected) for share in receiver_shares]) as workers:
        senders = _start_members(cfg, list(range(cfg["senders"])))
        # Generous: spawned processes first import socketio, then connect their share.
        workers.gather("ready", timeout=cfg["connect_timeout"] * 3 + 30)
        connect_seconds = CLOCK() - connect_began
        _warm_up(cfg, senders[0].sio)
        log, began, ended = _run_senders(cfg, senders)
        expected.value = len(log.published_seqs)
        workers.event.set()
        _drain(senders, expected.value, CLOCK() + cfg["drain_seconds"])
        reports = [_member_report(senders), *workers.gather("result", timeout=cfg["drain_seconds"] + 30)]
    return _fanout_figures(cfg, log, began, ended, connect_seconds, reports)


def _loss(all_seqs: list[list[int]], published: set[int]) -> dict[str, int]:
    """Per member, by seq: every published seq must arrive exactly once, in increasing order."""
    missing = duplicates = out_of_order = members_with_loss = 0
    for received in all_seqs:
        # A held message comes back to its sender only, without a seq: it is not a delivery.
        seqs = [seq for seq in received if seq is not None]
        got = set(seqs)
        lost_here = len(published - got)
        missing += lost_here
        members_with_loss += lost_here > 0
        duplicates += len(seqs) - len(got)
        out_of_order += sum(1 for a, b in itertools.pairwise(seqs) if b < a)
    return {
        "lost_deliveries": missing,
        "members_with_loss": members_with_loss,
        "duplicates": duplicates,
        "out_of_order": out_of_order,
    }


def _merge_times(
    reports: list[dict[str, Any]], key: str, pick: Callable[[float, float], float]
) -> dict[str, float]:
    out: dict[str, float] = {}
    for r in reports:
        for client_id, t in r[key].items():
            out[client_id] = pick(t, out.get(client_id, t))
    return out


def _fanout_figures(
    cfg: dict[str, Any], log: SendLog, began: float, ended: float, connect_seconds: float, reports: list[dict]
) -> dict[str, Any]:
    all_seqs = [seqs for r in reports for seqs in r["seqs"]]
    first = _merge_times(reports, "first", min)
    last = _merge_times(reports, "last", max)
    deliveries = sum(len(s) for s in all_seqs)
    # Throughput window: first measured send to last measured receipt, so a backlog still draining
    # after the last send counts against the server.
    window = max([ended, *last.values()]) - began
    send_seconds = ended - began
    return {
        "clients": cfg["clients"],
        "senders": cfg["senders"],
        "rate_target_per_s": cfg["rate"],
        "messages_sent": len(log.sent_at),
        "messages_published": len(log.published_seqs),
        "acks_lost": log.acks_lost,
        "not_published": log.not_published,
        "first_bad_ack": log.first_bad_ack,
        "deliveries": deliveries,
        # Measured and warm-up deliveries: what the server's CPU time over the whole run paid for.
        "deliveries_total": deliveries + sum(r["warmup_deliveries"] for r in reports),
        "expected_deliveries": len(log.published_seqs) * cfg["clients"],
        **_loss(all_seqs, log.published_seqs),
        "seconds": round(window, 3),
        "send_seconds": round(send_seconds, 3),
        "connect_seconds": round(connect_seconds, 3),
        "deliveries_per_s": round(deliveries / window, 1) if window > 0 else None,
        "messages_per_s": round(len(log.published_seqs) / send_seconds, 1) if send_seconds > 0 else None,
        **latency_summary([last[c] - log.sent_at[c] for c in last if c in log.sent_at], "last_recipient"),
        **latency_summary([first[c] - log.sent_at[c] for c in first if c in log.sent_at], "first_recipient"),
        **latency_summary(log.ack_latencies, "send_ack"),
    }


# --- ack round trip ---

ACK_DEFAULTS: dict[str, Any] = {
    "url": None,
    "auth": None,
    "room": 1,
    "join_event": "join",  # None: do not join a room first
    "event": "send",
    "expect": "published",  # "published" (send contract), "echo" (ack == payload) or None (any ack)
    "count": 1000,
    "max_seconds": 60.0,
    "warmup": 50,
    "body_size": 100,
    "connect_timeout": 10.0,
    "ack_timeout": 5.0,
    "inline_dispatch": True,
}


def ack(**params: Any) -> dict[str, Any]:
    """One client emits ``count`` messages one after another, each waiting for its ack. A timeout is
    a lost ack; an ack that does not match ``expect`` is a bad ack."""
    cfg = with_defaults("ack", ACK_DEFAULTS, params)
    tag = f"a{uuid.uuid4().hex[:10]}-"
    sio = open_socket(cfg, 0, join=bool(cfg["join_event"]))
    warmed = 0
    for n in range(cfg["warmup"]):
        with suppress(socketio.exceptions.TimeoutError):
            sio.call(cfg["event"], _payload(cfg, f"warmup-{tag}{n}"), timeout=cfg["ack_timeout"])
            warmed += 1
    latencies: list[float] = []
    lost = bad = 0
    first_bad = None
    began = CLOCK()
    stop = began + cfg["max_seconds"]
    sent = 0
    while sent < cfg["count"] and CLOCK() < stop:
        payload = _payload(cfg, f"{tag}{sent}")
        sent += 1
        t0 = CLOCK()
        try:
            reply = sio.call(cfg["event"], payload, timeout=cfg["ack_timeout"])
        except socketio.exceptions.TimeoutError:
            lost += 1
            continue
        latencies.append(CLOCK() - t0)
        if not _ack_matches(cfg["expect"], payload, reply):
            bad += 1
            first_bad = reply if first_bad is None else first_bad
    elapsed = CLOCK() - began
    return {
        "event": cfg["event"],
        "sent": sent,
        "acks": len(latencies),
        "acks_total": len(latencies) + warmed,  # with warm-up: what the server's CPU time paid for
        "acks_lost": lost,
        "bad_acks": bad,
        "first_bad_ack": first_bad,
        "seconds": round(elapsed, 3),
        "acks_per_s": round(len(latencies) / elapsed, 1) if elapsed > 0 else None,
        **latency_summary(latencies, "ack"),
    }


def _ack_matches(expect: str | None, payload: dict[str, Any], reply: Any) -> bool:
    if expect == "published":
        return _is_published(reply)
    if expect == "echo":
        return reply == payload
    return True


# --- idle connections ---

IDLE_DEFAULTS: dict[str, Any] = {
    "url": None,
    "auth": None,
    "room": 1,
    "join_event": None,  # set (e.g. "join") to also join the room on each connection
    "connections": 1000,
    "processes": 2,
    "connect_concurrency": 16,  # connects in flight per process
    "hold_seconds": 5.0,
    "settle_seconds": 1.0,  # after the last connect, before reading the server's memory
    "server_pids": [],  # processes whose VmRSS is summed (a gunicorn master and its worker)
    "connect_timeout": 10.0,
    "ack_timeout": 5.0,
    "max_seconds": 120.0,  # for opening all connections
    "inline_dispatch": True,
}


def _idle_holder(report: Callable[..., None], release: Any, cfg: dict[str, Any], indexes: list[int]) -> None:
    """Worker: open its share of connections, report, hold until released, report who is still on."""
    clients: list[socketio.Client] = []
    failures: list[str] = []
    lock = threading.Lock()

    deadline = CLOCK() + cfg["max_seconds"]

    # Why a held socket went away: the server's ``signed_out`` reason, or the client's disconnect
    # reason (ping timeout, transport closed, server disconnect), so a drop in B9 can be explained.
    dropped: list[str] = []

    def watched(i: int) -> dict[str, Callable[..., None]]:
        def signed_out(data: Any = None) -> None:
            with lock:
                dropped.append(f"{i}: signed_out {data!r}")

        def disconnect(reason: Any = None) -> None:
            with lock:
                dropped.append(f"{i}: disconnect {reason!r}")

        return {"signed_out": signed_out, "disconnect": disconnect}

    def open_one(i: int) -> None:
        try:
            if CLOCK() > deadline:
                raise TimeoutError("not attempted: max_seconds for opening connections is over")
            sio = open_socket(cfg, i, join=bool(cfg["join_event"]), handlers=watched(i))
        except Exception as exc:
            with lock:
                failures.append(f"{type(exc).__name__}: {exc}")
            return
        with lock:
            clients.append(sio)

    parallel(open_one, indexes, cfg["connect_concurrency"])
    report("opened", opened=len(clients), failed=len(failures), failures=failures[:3])
    release.wait(timeout=cfg["hold_seconds"] + 60)
    report("held", still_connected=sum(1 for c in clients if c.connected), dropped=dropped[:5])


def idle(**params: Any) -> dict[str, Any]:
    """Open ``connections`` sockets (optionally joining a room), hold them ``hold_seconds``, and
    report how many opened and stayed open, and the server's RSS (``server_pids``) before/after."""
    cfg = with_defaults("idle", IDLE_DEFAULTS, params)
    raise_fd_limit()
    rss_before = osutil.rss_kb(cfg["server_pids"])
    began = CLOCK()
    holder_shares = shares(list(range(cfg["connections"])), cfg["processes"])
    with Workers(_idle_holder, [(cfg, share) for share in holder_shares]) as workers:
        opened = workers.gather("opened", timeout=cfg["max_seconds"] + 30)
        open_seconds = CLOCK() - began
        time.sleep(cfg["settle_seconds"])  # let the server finish per-connection set-up
        rss_after = osutil.rss_kb(cfg["server_pids"])
        time.sleep(max(0.0, cfg["hold_seconds"] - cfg["settle_seconds"]))
        workers.event.set()
        held = workers.gather("held", timeout=60)
    ok = sum(o["opened"] for o in opened)
    per_conn = None
    if ok and rss_after is not None and rss_before is not None:
        per_conn = round((rss_after - rss_before) / ok, 2)
    return {
        "connections_requested": cfg["connections"],
        "connections_opened": ok,
        "connections_failed": sum(o["failed"] for o in opened),
        "first_failures": [f for o in opened for f in o["failures"]][:3],
        "still_connected_after_hold": sum(h["still_connected"] for h in held),
        "dropped_during_hold": [d for h in held for d in h["dropped"]][:5],
        "open_seconds": round(open_seconds, 3),
        "server_rss_before_kb": rss_before,
        "server_rss_after_kb": rss_after,
        "rss_per_connection_kb": per_conn,
    }


# --- HTTP ---

HTTP_DEFAULTS: dict[str, Any] = {
    "url": None,
    "headers": {},
    "seconds": 10.0,
    "warmup_seconds": 1.0,  # requests made but not counted, so connection set-up is not measured
    "processes": 2,
    "threads": 4,  # keep-alive connections per process
    "timeout": 5.0,
    "max_requests_per_thread": 1_000_000,
}


def _http_thread(cfg: dict[str, Any], start: float, out: dict[str, Any]) -> None:
    """Keep-alive GETs until the deadline (or max_requests); http.client reopens the connection by
    itself when the server closes it (gunicorn's sync worker closes after every response)."""
    parts = urlsplit(cfg["url"])
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    measure_from = start + cfg["warmup_seconds"]
    stop = measure_from + cfg["seconds"]
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=cfg["timeout"])
    try:
        for _ in range(cfg["max_requests_per_thread"]):
            t0 = CLOCK()
            if t0 >= stop:
                break
            try:
                conn.request("GET", path, headers=cfg["headers"])
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException):
                conn.close()  # the next request reconnects
                status = 0
            if t0 >= measure_from:
                out["latencies"].append(CLOCK() - t0)
                out["status"][status] = out["status"].get(status, 0) + 1
            else:
                out["warmup"] += 1
    finally:
        conn.close()


def _http_driver(report: Callable[..., None], go: Any, cfg: dict[str, Any]) -> None:
    """Worker: wait for the common start, run the threads, report latencies and status counts."""
    outs: list[dict[str, Any]] = [{"latencies": [], "status": {}, "warmup": 0} for _ in range(cfg["threads"])]
    report("ready")
    go.wait(timeout=60)
    start = CLOCK()
    threads = [threading.Thread(target=_http_thread, args=(cfg, start, o), daemon=True) for o in outs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=cfg["warmup_seconds"] + cfg["seconds"] + cfg["timeout"] + 5)
    status: dict[int, int] = {}
    for o in outs:
        for code, n in o["status"].items():
            status[code] = status.get(code, 0) + n
    warmup = sum(o["warmup"] for o in outs)
    report("result", latencies=[x for o in outs for x in o["latencies"]], status=status, warmup=warmup)


def http_load(**params: Any) -> dict[str, Any]:
    """GET ``url`` with ``headers`` over ``processes`` x ``threads`` keep-alive connections for
    ``seconds`` (after ``warmup_seconds``); only 2xx answers count as requests served."""
    cfg = with_defaults("http", HTTP_DEFAULTS, params)
    with Workers(_http_driver, [(cfg,)] * cfg["processes"]) as workers:
        workers.gather("ready", timeout=60)  # every process imported and waiting: start together
        workers.event.set()
        reports = workers.gather(
            "result", timeout=cfg["warmup_seconds"] + cfg["seconds"] + cfg["timeout"] + 30
        )
    latencies = [x for r in reports for x in r["latencies"]]
    status: dict[str, int] = {}
    for r in reports:
        for code, n in r["status"].items():
            status[str(code)] = status.get(str(code), 0) + n
    ok = sum(n for code, n in status.items() if code.startswith("2"))
    return {
        "connections": cfg["processes"] * cfg["threads"],
        "seconds": cfg["seconds"],
        "requests": len(latencies),
        "requests_ok": ok,
        # With warm-up: what the server's CPU time over the whole run paid for.
        "requests_total": len(latencies) + sum(r["warmup"] for r in reports),
        "errors": len(latencies) - ok,
        "status": status,
        "requests_per_s": round(ok / cfg["seconds"], 1),
        **latency_summary(latencies, "request"),
    }


# --- entry point ---

KINDS: dict[str, Callable[..., dict[str, Any]]] = {
    "fanout": fanout,
    "ack": ack,
    "idle": idle,
    "http": http_load,
}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in KINDS:
        print(f"usage: python -m bench.loadclient {{{','.join(KINDS)}}} < params.json", file=sys.stderr)
        return 2
    params = json.loads(sys.stdin.read() or "{}")
    figures = KINDS[argv[1]](**params)
    sys.stdout.write(json.dumps(figures, default=str) + "\n")
    return 0


if __name__ == "__main__":
    try:
        code = main(sys.argv)
    except Exception:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # Exit at once: open client sockets are dropped by the kernel (see the module docstring), and
    # nothing waits on client threads still blocked in a read.
    os._exit(code)
