"""In-process A/B timings of screening's shortcuts (bench/LEDGER.md, B7): each against the plain way
it replaces, on B7's 500-character messages, in the same process, alternating, medians.

    PYTHONPATH=. .venv/bin/python -m bench.screening_ab [--quick]

Times are on the thread's CPU clock (a shared machine's waits for a core are left out).
tests/moderation/screening/test_fast_paths.py checks that each shortcut gives exactly what the
plain way gives.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.scenarios.b7_screening import _messages


def _per_item_us(fn: Callable[[Any], Any], items: Sequence[Any]) -> float:
    started = time.thread_time()
    for item in items:
        fn(item)
    return (time.thread_time() - started) / len(items) * 1e6


def ab(
    name: str,
    shortcut: Callable[[Any], Any],
    general: Callable[[Any], Any],
    batches: Sequence[Sequence[Any]],
) -> dict[str, Any]:
    a: list[float] = []
    b: list[float] = []
    for n, batch in enumerate(batches):  # alternate which goes first
        pair = ((shortcut, a), (general, b)) if n % 2 else ((general, b), (shortcut, a))
        for fn, out in pair:
            out.append(_per_item_us(fn, batch))
    fast, slow = statistics.median(a), statistics.median(b)
    print(f"{name:<44} shortcut {fast:8.1f} us   plain {slow:8.1f} us   plain/shortcut {slow / fast:5.2f}x")
    return {"shortcut": name, "shortcut_us": round(fast, 1), "plain_us": round(slow, 1)}


def main(quick: bool = False) -> list[dict[str, Any]]:
    from moderation.screening import Screener, classifier, normalise
    from moderation.screening.text import normalise as fold

    rounds, size = (3, 500) if quick else (7, 1000)
    messages = _messages(size * (rounds + 2), seed=11)
    Screener().warm()
    gc.collect()
    gc.freeze()
    texts = [text for text, _ in messages]
    folded = [fold(text).text for text in texts]
    batches = [folded[i * size : (i + 1) * size] for i in range(rounds)]
    rows = [
        ab(
            "de-obfuscation searches (RE2)",
            lambda t: (normalise._obfuscations(t), normalise._needs_rewrite(t)),
            lambda t: (
                normalise._OBFUSCATED.search(t),
                normalise._OBFUSCATED.search(t) or normalise._LOOKALIKE_NUMBER.search(t),
            ),
            batches,
        )
    ]
    profanity = classifier.load()
    raw = [texts[i * size : (i + 1) * size] for i in range(rounds)]
    rows.append(ab("profanity probability", profanity.probability, profanity.probability_numpy, raw))

    return rows


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
