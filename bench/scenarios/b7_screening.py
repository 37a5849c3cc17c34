"""B7: content screening (QUALITY.md B7): screen() p99 <= 1 ms for a 500-character message with every
rule and the trained model on.

Varied 500-character messages are built from the labelled screening corpus
(tests/moderation/screening/corpus.jsonl): most are ordinary adoption and teen talk, and
``RISKY_SHARE`` of them carry one risky sentence (self-harm, an address, a slur, a grooming line...)
among ordinary ones, in adult and youth spaces alike. Every rule family runs on every message, with
watched terms and patterns, a family's protected names, and the flood check (a flood key per sender).

The screener is warmed first, as at start-up, and what start-up loaded is frozen out of the cyclic
garbage collector as both server entry points do (``backend/serve.py``, ``backend/wsgi.py``): without
that, a full collection rescans the classifier and the compiled rules, a pause of 25-60 ms on this
machine that can blow screening's 50 ms budget and fail a message closed. One unmeasured pass over
other messages of the same kind then fills RE2's lazily built automata and the model's table of
common words, as a running server would have. Each message comes from its own sender, so the flood
check runs on every message without anyone flooding. Each repeat then screens its own messages,
each once, timed: no message is screened twice, so the model's cache of recent texts (which spares
a repeated message) never serves a timed one and every screen pays for the model. The figures are
the medians over repeats. ``p50_cpu_ms`` and ``p99_cpu_ms`` are the same screens on the thread's CPU
clock: on a shared machine the wall-clock tail is mostly time spent waiting for a core, and the CPU
figures show what screening itself costs (the target is on the wall clock).
The same screens are then timed on text no screen has read before (``novel_*``): messages mixed as
above, from the labelled messages of every writer's file (moderation/screening/dataset.py), each used
once. The corpus above has 1,093 sentences, so by the timed passes every sentence has been read
many times in other company and RE2 has built the automata states they reach; text people write is
new, and without the screening gate (moderation/screening/gate.py) most of a screen's cost on it is
building states (bench/LEDGER.md, "Screening on text nobody wrote before", "The screening gate").
The target is met only on both. The reference, measured
in the same run, is alt-profanity-check's own ``predict_prob`` on one message at a time (what calling
the library per message would cost for the classifier alone).

``python -m bench.scenarios.b7_screening [--quick]`` runs it alone.
"""

from __future__ import annotations

import gc
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.stats import median, percentile, ratio

ID = "B7"
TARGET = "screen() p99 <= 1 ms for a 500-character message with every rule and the trained model on"
P99_TARGET_MS = 1.0
MESSAGE_CHARS = 500
RISKY_SHARE = 0.3
CORPUS = Path(__file__).resolve().parents[2] / "tests" / "moderation" / "screening" / "corpus.jsonl"


def sizes(quick: bool) -> dict[str, int]:
    if quick:
        return {"messages": 5000, "repeats": 1, "novel_messages": 1000, "reference_messages": 200}
    return {"messages": 5000, "repeats": 3, "novel_messages": 800, "reference_messages": 500}


def _messages(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(text, audience) pairs of exactly MESSAGE_CHARS characters."""
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    benign = {
        a: [c["text"] for c in cases if not c["labels"] and c["audience"] == a] for a in ("adult", "youth")
    }
    risky = {a: [c["text"] for c in cases if c["labels"] and c["audience"] == a] for a in ("adult", "youth")}
    rng = random.Random(seed)
    return _packed(benign, risky, count, rng, rng.choice)


def _novel_messages(count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(text, audience) pairs of MESSAGE_CHARS characters, mixed as ``_messages`` mixes them, from
    the labelled messages of every writer's file: none used twice, none from the corpus or the
    start-up warm-up."""
    from moderation.screening.dataset import examples
    from moderation.screening.model import WARM_UP

    corpus = CORPUS.read_text(encoding="utf-8").splitlines()
    read = {json.loads(line)["text"] for line in corpus if line.strip()}
    read |= set(WARM_UP.read_text(encoding="utf-8").splitlines())
    benign: dict[str, list[str]] = {"adult": [], "youth": []}
    risky: dict[str, list[str]] = {"adult": [], "youth": []}
    for case in examples():
        text = " ".join(case.text.split())
        if text not in read:
            (risky if case.labels else benign)[case.audience].append(text)
    rng = random.Random(seed)
    for pool in (*benign.values(), *risky.values()):
        rng.shuffle(pool)
    try:
        return _packed(benign, risky, count, rng, list.pop)
    except IndexError:
        raise ValueError(f"the labelled messages make fewer than {count} novel messages") from None


def _packed(
    benign: dict[str, list[str]],
    risky: dict[str, list[str]],
    count: int,
    rng: random.Random,
    take: Callable[[list[str]], str],
) -> list[tuple[str, str]]:
    """Messages of ordinary sentences, ``RISKY_SHARE`` of them with one risky sentence among them,
    seven in ten in adults' spaces; ``take`` gives a sentence from a list."""
    messages = []
    for _ in range(count):
        audience = "adult" if rng.random() < 0.7 else "youth"
        sentences = [take(risky[audience])] if rng.random() < RISKY_SHARE else []
        while sum(len(s) + 1 for s in sentences) < MESSAGE_CHARS:
            sentences.insert(rng.randrange(len(sentences) + 1), take(benign[audience]))
        messages.append((" ".join(sentences)[:MESSAGE_CHARS], audience))
    return messages


def _items(messages: list[tuple[str, str]]) -> list[Any]:
    from moderation.screening import AuthorFacts, ScreenInput, WatchedRule

    watched = (
        WatchedRule(id=1, kind="term", value="spice", action="hold", priority=2, audience="all"),
        WatchedRule(id=2, kind="term", value="county lines", action="hold", priority=1, audience="youth"),
        WatchedRule(id=3, kind="term", value="sugar daddy", action="hold", priority=1, audience="all"),
        WatchedRule(
            id=4, kind="pattern", value=r"(?i)\bk[i1!]ll\s+list\b", action="block", priority=1, audience="all"
        ),
        WatchedRule(
            id=5,
            kind="pattern",
            value=r"(?i)\b(?:cash|money)\s*app\b",
            action="hold",
            priority=3,
            audience="all",
        ),
    )
    protected = ("Kayden", "Shannon Doyle", "Tyler-Jay")
    authors = {
        "adult": AuthorFacts(user_id=1, account_age_days=3, verified=False, persona="adopter"),
        "youth": AuthorFacts(user_id=2, account_age_days=90, verified=True, persona="young_person"),
    }
    return [
        ScreenInput(
            text,
            audience,  # type: ignore[arg-type]
            authors[audience],
            protected_terms=protected,
            watched_rules=watched,
            flood_key=f"user:{n}",  # one message per sender per pass: the check runs, nobody floods
        )
        for n, (text, audience) in enumerate(messages)
    ]


def _timed(screener: Any, items: list[Any]) -> tuple[list[float], list[float], dict[str, int]]:
    """Wall-clock and CPU milliseconds per screen (each sorted), and the verdicts."""
    times, cpu_times = [], []
    verdicts = {"allow": 0, "hold": 0, "block": 0, "failed_closed": 0}
    clock, cpu_clock = time.perf_counter, time.thread_time
    for item in items:
        # The CPU clock is read outside the wall clock's readings, so its cost is not in the wall time.
        cpu_started = cpu_clock()
        started = clock()
        result = screener.screen(item)
        elapsed = clock() - started
        cpu_times.append((cpu_clock() - cpu_started) * 1000.0)
        times.append(elapsed * 1000.0)
        verdicts[result.verdict] += 1
        verdicts["failed_closed"] += result.failed_closed
    return sorted(times), sorted(cpu_times), verdicts


def _timed_pass(items: list[Any]) -> dict[str, Any]:
    """One timed pass over ``items`` with a fresh screener: its percentiles and verdicts."""
    from moderation.screening import Screener

    times, cpu_times, verdicts = _timed(Screener(), items)
    return {
        "p50_ms": percentile(times, 50),
        "p90_ms": percentile(times, 90),
        "p99_ms": percentile(times, 99),
        "max_ms": times[-1],
        "p50_cpu_ms": percentile(cpu_times, 50),
        "p99_cpu_ms": percentile(cpu_times, 99),
        **verdicts,
    }


def _reference_ms(messages: list[tuple[str, str]]) -> float | None:
    """The library's own predict_prob, one message per call, median ms."""
    from profanity_check import predict_prob

    predict_prob(["warm up"])
    times = []
    for text, _ in messages:
        started = time.perf_counter()
        predict_prob([text])
        times.append((time.perf_counter() - started) * 1000.0)
    return percentile(sorted(times), 50)


def run(quick: bool = False) -> dict[str, Any]:
    from moderation.screening import Screener

    n = sizes(quick)
    count = n["messages"]
    # The first pass's messages, then each repeat's own: every timed message is new to the screener.
    messages = _messages(count * (n["repeats"] + 1))
    warm_up, timed = messages[:count], messages[count:]
    started = time.perf_counter()
    Screener().warm()
    warm_s = time.perf_counter() - started
    gc.collect()
    gc.freeze()
    _timed(Screener(), _items(warm_up))  # fills RE2's lazily built automata, as on a running server

    # A fresh screener per pass (the compiled rules are shared), so its flood state starts empty.
    runs = [
        _timed_pass(_items(timed[repeat * count : (repeat + 1) * count])) for repeat in range(n["repeats"])
    ]
    per_pass = n["novel_messages"]
    novel = _novel_messages(per_pass * n["repeats"])
    novel_runs = [
        _timed_pass(_items(novel[repeat * per_pass : (repeat + 1) * per_pass]))
        for repeat in range(n["repeats"])
    ]
    novel_p99 = median(r["p99_ms"] for r in novel_runs)
    reference = _reference_ms(timed[: n["reference_messages"]])
    p50, p99 = median(r["p50_ms"] for r in runs), median(r["p99_ms"] for r in runs)
    figures: dict[str, Any] = {
        "screens": n["messages"],
        "repeats": n["repeats"],
        "p50_ms": _round(p50),
        "p90_ms": _round(median(r["p90_ms"] for r in runs)),
        "p99_ms": _round(p99),
        "max_ms": _round(median(r["max_ms"] for r in runs)),
        "p50_cpu_ms": _round(median(r["p50_cpu_ms"] for r in runs)),
        "p99_cpu_ms": _round(median(r["p99_cpu_ms"] for r in runs)),
        "library_predict_prob_ms": _round(reference),
        "p50_vs_library": ratio(p50, reference),
        "p99_vs_library": ratio(p99, reference),
        "failed_closed": sum(r["failed_closed"] for r in runs),
        "novel_p50_ms": _round(median(r["p50_ms"] for r in novel_runs)),
        "novel_p99_ms": _round(novel_p99),
        "novel_p99_cpu_ms": _round(median(r["p99_cpu_ms"] for r in novel_runs)),
        "novel_max_ms": _round(median(r["max_ms"] for r in novel_runs)),
        "novel_failed_closed": sum(r["failed_closed"] for r in novel_runs),
        "details": {
            "message_chars": MESSAGE_CHARS,
            "risky_share": RISKY_SHARE,
            "warm_seconds": round(warm_s, 2),
            "verdicts_last_repeat": {k: runs[-1][k] for k in ("allow", "hold", "block")},
            "runs": [{k: _round(v) if isinstance(v, float) else v for k, v in r.items()} for r in runs],
            # Each new-text pass too, so its slowest screens are on record beside the corpus's.
            "novel_runs": [
                {k: _round(v) if isinstance(v, float) else v for k, v in r.items()} for r in novel_runs
            ],
        },
    }
    met = (
        p99 is not None
        and novel_p99 is not None
        and max(p99, novel_p99) <= P99_TARGET_MS
        and figures["failed_closed"] + figures["novel_failed_closed"] == 0
    )
    return {"id": ID, "target": TARGET, "figures": figures, "met": bool(met)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
