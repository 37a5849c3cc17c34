"""B2: the send -> ack round trip of one chat message through the product's whole pipeline.

One client, connected with a member's token and joined to its group's room, emits ``send`` messages
one after another, each waiting for its ack (the ack comes after the message is screened, stored
with its room seq, committed and broadcast, the sender's own socket included). The floor is the bare
Flask-SocketIO server's ``echo`` (an ack with the payload, nothing else), measured with the same
load client in the same run; the bare server's ``send`` (seq, broadcast, ack) is reported too.

The server's CPU time per ack (its process over the whole run, warm-up included) is held against
the bare echo's too (QUALITY.md B2). A lost ack is a send that got no answer within 5 s; a bad ack is
an answer other than ``published`` with a seq. The full run sends 10,000 messages (the target's
count); the quick run 1,000.

Data and server settings as in B1 (``bench.scenarios.b1_fanout.prepare``).
"""

from __future__ import annotations

from typing import Any

from bench import harness
from bench.scenarios.b1_fanout import prepare, product_server

ID = "B2"
TARGET = (
    "send -> ack p50 <= 2.5 x bare echo; server CPU per ack <= 2 x bare echo's; 0 lost acks in 10,000 sends"
)
RATIO_TARGET = 2.5
CPU_RATIO_TARGET = 2.0


def run(quick: bool = False) -> dict[str, Any]:
    count = 1000 if quick else 10_000
    with prepare(members=2) as prep:
        with harness.bare_socketio("threading") as bare:
            echo = harness.ack(bare, count=count, event="echo", expect="echo", join_event=None)
            bare_send = harness.ack(bare, count=count, event="send", expect="published")
        with product_server("b2-app", prep.env) as app:
            # Generous time limit: the point is to count lost acks, not to cut the run short.
            send = harness.ack(
                app,
                auth=prep.auth[:1],
                room=prep.room,
                count=count,
                event="send",
                expect="published",
                max_seconds=600,
            )
    ratio = harness.ratio(send.get("ack_p50_ms"), echo.get("ack_p50_ms"))
    cpu_ratio = harness.ratio(send.get("server_cpu_us_per_ack"), echo.get("server_cpu_us_per_ack"))
    lost = send.get("acks_lost", 0) + (count - send.get("sent", 0))  # unsent (time limit) counts as lost
    figures = {
        "send_ack_p50_ms": send.get("ack_p50_ms"),
        "send_ack_p99_ms": send.get("ack_p99_ms"),
        "bare_echo_ack_p50_ms": echo.get("ack_p50_ms"),
        "ratio_to_bare_echo": ratio,
        "bare_send_ack_p50_ms": bare_send.get("ack_p50_ms"),
        "ratio_to_bare_send": harness.ratio(send.get("ack_p50_ms"), bare_send.get("ack_p50_ms")),
        "sends": send.get("sent"),
        "acks_lost": lost,
        "bad_acks": send.get("bad_acks"),
        "server_cpu_us_per_ack": send.get("server_cpu_us_per_ack"),
        "bare_echo_server_cpu_us_per_ack": echo.get("server_cpu_us_per_ack"),
        "cpu_ratio_to_bare_echo": cpu_ratio,
        "details": {"product_send": send, "bare_echo": echo, "bare_send": bare_send},
    }
    met = (
        ratio is not None
        and ratio <= RATIO_TARGET
        and cpu_ratio is not None
        and cpu_ratio <= CPU_RATIO_TARGET
        and lost == 0
        and not send.get("bad_acks")
    )
    return harness.result(ID, TARGET, figures, met=met)
