"""Every client -> server socket event has a per-person bound (backend/core/socket_rates.py)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from backend.core import json_input, socket_rates
from backend.extensions import socketio
from tests.chat.helpers import connect, events, join, make_group

_ids = itertools.count(1)


def test_typing_is_rate_limited_per_person_and_not_rebroadcast_beyond_it(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "carers", [cast.adopter, cast.guardian])
    typist, second_tab, listener = (
        connect(app, cast.adopter),
        connect(app, cast.adopter),
        connect(app, cast.guardian),
    )
    for socket in (typist, second_tab, listener):
        assert join(socket, room)["ok"]
    events(listener, "typing")

    acks = [typist.emit("typing", {"room": room}, callback=True) for _ in range(8)]
    # A second socket of the same person shares the bound: opening sockets buys nothing.
    acks += [second_tab.emit("typing", {"room": room}, callback=True) for _ in range(8)]
    assert acks[:10] == [{"ok": True}] * 10
    assert all(ack["code"] == 429 for ack in acks[10:]), acks[10:]
    assert len(events(listener, "typing")) == 10
    # Someone else is not held back by the typist's bound.
    assert listener.emit("typing", {"room": room}, callback=True) == {"ok": True}


def _payload(event: str, room: int) -> Any:
    return {
        "join": {"room": room},
        "leave": {"room": room},
        "sync": {"room": room, "after_seq": 0},
        "typing": {"room": room},
        "send": {"room": room, "client_id": "same-message", "body": "hello"},
    }[event]


def handled_events() -> set[str]:
    # A malformed packet's handler only answers a constant 400 (its decoding is already bounded by
    # size and depth, backend/core/json_input.py): nothing in it to rate.
    return {event for event, _fn, namespace in socketio.handlers if namespace == "/"} - {
        "connect",
        "disconnect",
        json_input.MALFORMED_EVENT,
    }


@pytest.mark.parametrize("event", ["join", "leave", "sync", "typing", "send"])
def test_every_room_event_has_a_bound(app: Any, cast: Any, event: str) -> None:
    """Three allowed, then 429 and nothing done. ``send`` repeats one client id: retries of a stored
    message are not new messages, so only this per-event bound stops them."""
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    app.config[f"RATE_LIMIT_SOCKET_{event.upper()}"] = "3/minute"
    socket = connect(app, cast.adopter)
    if event != "join":
        app.config["RATE_LIMIT_SOCKET_JOIN"] = "100/minute"
        assert join(socket, room)["ok"]
    acks = [socket.emit(event, _payload(event, room), callback=True) for _ in range(3)]
    assert all("code" not in ack for ack in acks), acks
    over = socket.emit(event, _payload(event, room), callback=True)
    assert over["code"] == 429 and set(over) == {"code", "message", "errors"}
    assert socket.is_connected()


def test_auth_and_connect_have_a_bound(app: Any, cast: Any) -> None:
    app.config["RATE_LIMIT_SOCKET_AUTH"] = "2/minute"
    app.config["RATE_LIMIT_SOCKET_CONNECT"] = "3/minute"
    first = connect(app, cast.adopter)
    assert [first.emit("auth", {"token": cast.adopter.token}, callback=True).get("ok") for _ in range(2)] == [
        True,
        True,
    ]
    assert first.emit("auth", {"token": cast.adopter.token}, callback=True)["code"] == 429
    # An invalid payload counts too: it is work all the same.
    assert first.emit("auth", {"nonsense": 1}, callback=True)["code"] == 429
    connect(app, cast.adopter), connect(app, cast.adopter)
    assert not socketio.test_client(app, auth={"token": cast.adopter.token}).is_connected()
    assert socketio.test_client(app, auth={"token": cast.guardian.token}).is_connected()


def test_no_socket_event_is_unbounded(app: Any) -> None:
    """Every client -> server event on / has a rate (the handler refuses to register without one,
    and auth and connect count themselves), and every rate is for an event that exists."""
    bounded = set(socket_rates.DEFAULT_RATES) - {"connect"}
    assert handled_events() == bounded
    for event, fn, namespace in socketio.handlers:
        if namespace == "/" and event in handled_events() - {"auth"}:
            assert getattr(fn, "rate", None) == event, event
    with pytest.raises(KeyError):
        from backend.socket_events import handler

        handler(None, rate="something-new")
