"""The bench harness's own pieces: results writing, failure capture, statistics, server processes, and
tiny measurements against the bare references (checked for correctness, never for speed).

Not collected by default (norecursedirs); run with ``.venv/bin/python -m pytest tests/bench -q``.
"""

from __future__ import annotations

import json
import math
import os
import sys
import types
from pathlib import Path

import pytest

from bench import harness, osutil, run
from bench.stats import latency_summary, median, percentile, ratio

# --- statistics and combining repeats ---


def test_percentiles_interpolate_and_handle_empty() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0], 99) == 5.0
    assert percentile([], 50) is None
    assert median([3.0, None, 1.0, 2.0]) == 2.0


def test_latency_summary_is_in_milliseconds_and_json_safe() -> None:
    summary = latency_summary([0.001, 0.002, 0.003], "ack")
    assert summary["ack_p50_ms"] == 2.0
    assert summary["ack_samples"] == 3
    assert latency_summary([], "ack")["ack_p99_ms"] is None


def test_ratio_has_no_value_without_a_reference() -> None:
    assert ratio(6.0, 10.0) == 0.6
    assert ratio(6.0, 0) is None
    assert ratio(None, 10.0) is None


def test_combine_takes_medians_but_adds_up_losses() -> None:
    runs = [
        {"deliveries_per_s": 10.0, "lost_deliveries": 0, "label": "a"},
        {"deliveries_per_s": 30.0, "lost_deliveries": 2, "label": "b"},
        {"deliveries_per_s": 20.0, "lost_deliveries": 1, "label": "c"},
    ]
    combined = harness.combine(runs)
    assert combined["deliveries_per_s"] == 20.0
    assert combined["lost_deliveries"] == 3
    assert combined["label"] == "a"
    assert combined["repeats"] == 3


# --- the runner: results files and failure capture ---


def sample_results() -> list[dict]:
    return [
        {
            "id": "B0",
            "target": "a | b",
            "figures": {"rate": 1234.5, "p99_ms": math.nan, "ok": True, "details": {"x": [1, math.inf]}},
            "met": True,
            "quick": True,
            "date": "2026-01-01T00:00:00+00:00",
            "machine": run.machine_facts(),
        },
        {"id": "B9", "target": "t", "figures": {}, "met": False, "error": "BenchError: no server"},
    ]


def test_results_are_valid_json_and_a_markdown_table(tmp_path: Path) -> None:
    json_path, md_path = run.write_results(sample_results(), tmp_path)

    data = json.loads(json_path.read_text())  # strict: NaN/inf must have become null
    assert [r["id"] for r in data] == ["B0", "B9"]
    assert data[0]["figures"]["p99_ms"] is None
    assert data[0]["figures"]["details"]["x"] == [1, None]
    assert data[0]["machine"]["cpu_count"] == os.cpu_count()

    md = md_path.read_text()
    assert "| id | target | key figures | met |" in md
    assert "| B0 | a \\| b | rate=1,234; p99_ms=None; ok=True | yes |" in md
    assert "| B9 | t |  | **no** |" in md
    assert "BenchError: no server" in md
    assert not list(tmp_path.glob("*.tmp"))


def test_a_scenario_that_raises_is_recorded_not_met(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(quick: bool = False) -> dict:
        raise RuntimeError("boom")

    fake = types.SimpleNamespace(ID="B42", TARGET="never", run=broken)
    monkeypatch.setattr(run, "load", lambda path: fake)
    result = run.run_scenario(Path("b42_fake.py"), quick=True)
    assert result["id"] == "B42"
    assert result["met"] is False
    assert result["error"] == "RuntimeError: boom"
    assert "seconds" in result


def test_a_scenario_returning_a_bad_shape_is_recorded_not_met(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.SimpleNamespace(ID="B43", TARGET="t", run=lambda quick=False: {"met": True})
    monkeypatch.setattr(run, "load", lambda path: fake)
    result = run.run_scenario(Path("b43_fake.py"), quick=True)
    assert result["met"] is False
    assert "figures" in result["error"]


def test_scenarios_are_discovered_in_numeric_order() -> None:
    names = [p.stem for p in run.scenario_files()]
    assert "b0_references" in names
    numbers = [run._natural_key(n)[0] for n in names]
    assert numbers == sorted(numbers)


def test_only_rejects_unknown_ids() -> None:
    with pytest.raises(SystemExit):
        run._selected(run.scenario_files(), "B999")


# --- server processes ---


@pytest.mark.slow
def test_a_server_that_dies_on_start_reports_its_output() -> None:
    server = harness.Server("dies", [sys.executable, "-c", "import sys; print('no luck'); sys.exit(3)"])
    with pytest.raises(harness.BenchError, match="no luck"):
        server.start(attempts=1)
    assert server.proc is None


@pytest.mark.slow
def test_a_port_clash_is_retried_then_reported() -> None:
    script = "import sys; print('OSError: [Errno 98] Address already in use'); sys.exit(1)"
    server = harness.Server("clash", [sys.executable, "-c", script])
    with pytest.raises(harness.BenchError, match="already in use"):
        server.start(attempts=2)
    assert server not in harness._RUNNING


@pytest.mark.slow
def test_servers_stop_with_their_whole_process_group() -> None:
    with harness.bare_wsgi(worker_class="sync") as server:
        pgid = server.proc.pid
        assert len(server.pids()) == 2  # gunicorn master and its one worker
        assert server.cpu_seconds() > 0
    assert osutil.group_members(pgid) == []
    assert server not in harness._RUNNING


# --- tiny measurements against the references (correctness only) ---


@pytest.fixture(scope="module")
def bare_socketio() -> harness.Server:
    with harness.bare_socketio() as server:
        yield server


@pytest.mark.slow
def test_tiny_fanout_against_the_bare_reference_loses_nothing(bare_socketio: harness.Server) -> None:
    figures = harness.fanout(bare_socketio, clients=6, senders=2, messages=40, processes=2, warmup=5)
    assert figures["messages_published"] == 40
    assert figures["deliveries"] == figures["expected_deliveries"] == 240
    assert figures["lost_deliveries"] == 0
    assert figures["duplicates"] == 0
    assert figures["acks_lost"] == 0
    assert figures["last_recipient_samples"] == 40
    assert figures["server_cpu_us_per_delivery"] > 0


@pytest.mark.slow
def test_fanout_at_a_fixed_rate_keeps_the_pace(bare_socketio: harness.Server) -> None:
    figures = harness.fanout(bare_socketio, clients=3, messages=20, rate=50, processes=1, warmup=0)
    assert figures["lost_deliveries"] == 0
    assert figures["send_seconds"] >= 0.35  # 20 messages at 50/s cannot all leave at once


@pytest.mark.slow
def test_ack_round_trips_check_the_contract(bare_socketio: harness.Server) -> None:
    send = harness.ack(bare_socketio, count=30, warmup=2)
    echo = harness.ack(bare_socketio, count=30, warmup=2, event="echo", expect="echo", join_event=None)
    for figures in (send, echo):
        assert figures["acks"] == 30
        assert figures["acks_lost"] == figures["bad_acks"] == 0
        assert figures["ack_p50_ms"] is not None


@pytest.mark.slow
def test_a_refused_join_fails_the_measurement_loudly(bare_socketio: harness.Server) -> None:
    # Joining through "echo" gets {"room": 1} back, which is not the {"ok": true} of a good join.
    with pytest.raises(harness.BenchError, match="join refused"):
        harness.fanout(bare_socketio, clients=3, messages=5, join_event="echo", processes=1)


@pytest.mark.slow
def test_idle_connections_are_held_and_memory_is_read(bare_socketio: harness.Server) -> None:
    figures = harness.idle(bare_socketio, connections=20, hold_seconds=0.5, settle_seconds=0.2, processes=2)
    assert figures["connections_opened"] == figures["still_connected_after_hold"] == 20
    assert figures["server_rss_after_kb"] > 0


@pytest.mark.slow
def test_http_load_against_the_bare_endpoint() -> None:
    with harness.bare_wsgi() as server:
        figures = harness.http(server, "/", seconds=1.0, warmup_seconds=0.2, processes=1, threads=2)
    assert figures["requests_ok"] > 0
    assert figures["errors"] == 0
    assert figures["request_p99_ms"] is not None


def test_loss_ignores_held_messages_returned_to_their_sender() -> None:
    from bench.loadclient import _loss

    figures = _loss([[1, None, 2, 3], [1, 3]], published={1, 2, 3})
    assert figures == {"lost_deliveries": 1, "members_with_loss": 1, "duplicates": 0, "out_of_order": 0}
