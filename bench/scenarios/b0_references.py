"""B0: the reference figures every product scenario is compared against, measured in this run.

Starts the bare Flask-SocketIO server (threading mode, as the product) and the bare gunicorn JSON
endpoint, and measures: fan-out to one room of 50 clients (as fast as acks allow, for deliveries/s;
and at 100 messages/s, for last-recipient latency), the send and echo ack round trips, idle
connections with the server's memory per connection, and HTTP requests/s. Met when all of it ran
and nothing was lost.

The full run adds: the gevent reference (when gevent is installed), the send ack round trip on
werkzeug's stock sockets (Nagle on, as ``backend.serve`` would be without TCP_NODELAY), and the
bare endpoint under gunicorn's sync worker too.
"""

from __future__ import annotations

from typing import Any

from bench import harness

ID = "B0"
TARGET = (
    "references run on this machine and lose nothing (bare Socket.IO fan-out, acks, idle; bare WSGI req/s)"
)

# Everything a loss check reads; all must be zero.
LOSS_KEYS = ("lost_deliveries", "acks_lost", "bad_acks", "not_published", "errors", "connections_failed")


def sizes(quick: bool) -> dict[str, Any]:
    """Counts per mode: quick finishes in well under a minute, full gives medians of repeats."""
    if quick:
        return {
            "repeats": 1,
            "fanout_messages": 1000,
            "rate_messages": 300,
            "acks": 1000,
            "idle": 200,
            "http_s": 5.0,
        }
    return {
        "repeats": 3,
        "fanout_messages": 2000,
        "rate_messages": 1000,
        "acks": 10_000,
        "idle": 1000,
        "http_s": 10.0,
        "nagle_acks": 200,  # each costs about 44 ms with Nagle on
    }


def socketio_figures(server: harness.Server, n: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Fan-out, fixed-rate latency and ack round trips against one bare Socket.IO server."""
    fan = harness.repeat(
        lambda: harness.fanout(server, clients=50, messages=n["fanout_messages"], max_seconds=15),
        n["repeats"],
    )
    paced = harness.repeat(
        lambda: harness.fanout(server, clients=50, messages=n["rate_messages"], rate=100, max_seconds=15),
        n["repeats"],
    )
    send = harness.ack(server, count=n["acks"], event="send", expect="published")
    echo = harness.ack(server, count=n["acks"], event="echo", expect="echo", join_event=None)
    headline = {
        **harness.pick(fan, ["deliveries_per_s", "server_cpu_us_per_delivery"], f"{prefix}fanout_"),
        **harness.pick(paced, ["last_recipient_p50_ms", "last_recipient_p99_ms"], f"{prefix}rate100_"),
        **harness.pick(send, ["ack_p50_ms", "ack_p99_ms"], f"{prefix}send_"),
        **harness.pick(echo, ["ack_p50_ms", "ack_p99_ms"], f"{prefix}echo_"),
    }
    details = {"fanout": fan, "fanout_rate100": paced, "ack_send": send, "ack_echo": echo}
    details = {f"{prefix}{name}": figures for name, figures in details.items()}
    return {"headline": headline, "details": details}


def idle_figures(server: harness.Server, n: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    held = harness.idle(server, connections=n["idle"], hold_seconds=3.0)
    headline = harness.pick(held, ["still_connected_after_hold", "rss_per_connection_kb"], f"{prefix}idle_")
    return {"headline": headline, "details": {f"{prefix}idle": held}}


def http_figures(n: dict[str, Any], worker_classes: list[str]) -> dict[str, Any]:
    headline: dict[str, Any] = {}
    details: dict[str, Any] = {}
    for worker in worker_classes:
        with harness.bare_wsgi(worker_class=worker) as server:
            figures = harness.http(server, "/", seconds=n["http_s"])
        headline |= harness.pick(
            figures, ["requests_per_s", "request_p50_ms", "request_p99_ms"], f"http_{worker}_"
        )
        details[f"http_{worker}"] = figures
    return {"headline": headline, "details": details}


def nagle_figures(n: dict[str, Any]) -> dict[str, Any]:
    """werkzeug's stock socket settings (Nagle on): what the product's ack round trip looks like when
    served by ``backend.serve`` without TCP_NODELAY (see bare_socketio._werkzeug_handler)."""
    with harness.bare_socketio("threading", nagle=True) as server:
        send = harness.ack(server, count=n["nagle_acks"], event="send", expect="published", warmup=5)
    return {
        "headline": harness.pick(send, ["ack_p50_ms"], "nagle_send_"),
        "details": {"ack_send_nagle": send},
    }


def lost_anything(details: dict[str, Any]) -> bool:
    return any(fig.get(key) for fig in details.values() for key in LOSS_KEYS)


def run(quick: bool = False) -> dict[str, Any]:
    n = sizes(quick)
    headline: dict[str, Any] = {}
    details: dict[str, Any] = {}
    failures: dict[str, str] = {}

    def section(name: str, measure: Any) -> None:
        """One part failing (say idle) must not hide the others' figures."""
        try:
            part = measure()
        except Exception as exc:
            failures[name] = f"{type(exc).__name__}: {exc}"
            return
        headline.update(part["headline"])
        details.update(part["details"])

    with harness.bare_socketio("threading") as server:
        section("socketio_threading", lambda: socketio_figures(server, n))
        section("idle_threading", lambda: idle_figures(server, n))
    if not quick:
        section("nagle", lambda: nagle_figures(n))
        if harness.gevent_available():
            with harness.bare_socketio("gevent") as server:
                section("socketio_gevent", lambda: socketio_figures(server, n, prefix="gevent_"))
                section("idle_gevent", lambda: idle_figures(server, n, prefix="gevent_"))
        else:
            headline["gevent"] = "not installed"
    section("http", lambda: http_figures(n, ["gthread"] if quick else ["gthread", "sync"]))

    idles = [fig for name, fig in details.items() if name.endswith("idle")]
    complete = not failures and all(fig.get("still_connected_after_hold") == n["idle"] for fig in idles)
    lost = lost_anything(details)
    headline["lost_anything"] = lost
    figures = {**headline, "details": details}
    if failures:
        figures["failures"] = failures
    return harness.result(ID, TARGET, figures, met=complete and not lost)
