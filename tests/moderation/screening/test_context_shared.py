"""The risk memories shared through Redis (context.SharedSignals): with several server processes, a
person's weak signals add up whichever process screens each one; when Redis does not answer, each
process counts in its own memory and screening does not wait."""

from __future__ import annotations

import threading
import uuid

import pytest

from moderation.screening import Screener, ScreenInput, WeakSignal
from moderation.screening.context import RiskMemory, SharedSignals, Unanswered
from tests.conftest import REDIS_URL, needs_redis

from .conftest import TEEN
from .test_context import WEAK

pytestmark = [pytest.mark.redis, needs_redis]


def _processes(n: int) -> list[Screener]:
    """``n`` screeners sharing one deployment's keys in Redis, as ``n`` server processes would."""
    prefix = f"test-{uuid.uuid4().hex}:"
    return [Screener(time_budget_ms=10_000, redis_url=REDIS_URL, redis_prefix=prefix) for _ in range(n)]


def test_weak_signals_screened_by_different_processes_add_up() -> None:
    first, second = _processes(2)
    places = [
        (first, "room:4", "message:1"),
        (second, "thread:9", "thread:9"),
        (first, "room:4", "message:3"),
    ]
    results = [
        process.screen(ScreenInput(text, "youth", TEEN, flood_key="user:2", room_key=space, subject=subject))
        for text, (process, space, subject) in zip(WEAK, places, strict=True)
    ]
    assert [r.verdict for r in results] == ["allow", "allow", "hold"]
    assert [(m.category, m.label) for m in results[2].matches] == [("self_harm", "accumulated")]
    assert [(s.text, s.space, s.subject) for s in results[2].earlier] == [
        (WEAK[0], "room:4", "message:1"),
        (WEAK[1], "thread:9", "thread:9"),
    ]
    # Spent for every process: the next weak message starts a new count.
    assert second.screen(ScreenInput(WEAK[0], "youth", TEEN, flood_key="user:2")).verdict == "allow"


def test_a_rooms_signals_add_up_across_processes() -> None:
    processes = _processes(3)
    results = [
        process.screen(ScreenInput(text, "youth", TEEN, flood_key=f"user:{n}", room_key="room:5"))
        for n, (process, text) in enumerate(zip(processes, WEAK, strict=True))
    ]
    assert [m.label for m in results[2].matches] == ["accumulated_room"]
    assert [s.author for s in results[2].earlier] == ["user:0", "user:1"]


def test_an_alert_is_completed_once_when_processes_race() -> None:
    """The script is atomic: twelve signals at once, two to an alert, make exactly six alerts."""
    prefix = f"test-{uuid.uuid4().hex}:"
    memories = [
        RiskMemory(clock=lambda: 0.0, needed=2, shared=SharedSignals(REDIS_URL, prefix)) for _ in range(4)
    ]
    alerts: list[tuple[WeakSignal, ...]] = []
    start = threading.Barrier(12)

    def send(n: int) -> None:
        start.wait()
        found = memories[n % 4].weak_signal("user:7", WeakSignal(f"signal {n}", "", "user:7", None, None))
        if found is not None:
            alerts.append(found)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(alerts) == 6 and all(len(earlier) == 1 for earlier in alerts)
    assert len({earlier[0].text for earlier in alerts}) == 6  # no signal counted twice


def test_without_redis_each_process_counts_alone_and_does_not_wait() -> None:
    # Nothing listens on port 1: the connection is refused at once.
    shared = SharedSignals("redis://127.0.0.1:1/0", "test:", retry_after=60)
    memory = RiskMemory(clock=lambda: 0.0, shared=shared)
    signal = WeakSignal("one", "", "user:2", None, None)
    with pytest.raises(Unanswered):
        shared.record("user:2", signal, memory)

    def must_not_be_called(**_kwargs: object) -> None:
        raise AssertionError("Redis is left alone while it rests")

    shared._script = must_not_be_called  # type: ignore[assignment,method-assign]
    # Counted in this process's memory meanwhile: the third completes the alert, with the others.
    assert memory.weak_signal("user:2", signal) is None
    assert memory.weak_signal("user:2", WeakSignal("two", "", "user:2", None, None)) is None
    earlier = memory.weak_signal("user:2", WeakSignal("three", "", "user:2", None, None))
    assert [s.text for s in earlier or ()] == ["one", "two"]


def test_a_screener_with_redis_down_still_raises_the_alert() -> None:
    screener = Screener(time_budget_ms=10_000, redis_url="redis://127.0.0.1:1/0")
    results = [screener.screen(ScreenInput(text, "youth", TEEN, flood_key="user:2")) for text in WEAK]
    assert [r.verdict for r in results] == ["allow", "allow", "hold"]
    assert [s.text for s in results[2].earlier] == list(WEAK[:2])
