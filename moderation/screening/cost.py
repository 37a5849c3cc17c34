"""Per-call screening cost, measured in-process (QUALITY.md B7: p99 <= 1 ms for a 500-character
message with every rule and the classifier on). ``python -m moderation.screening.cost``.

Messages are 500 characters cut from the labelled messages joined together, so they carry the words
the rules and the model react to; each is screened once after a warm-up.
"""

from __future__ import annotations

import sys
import time

from .dataset import examples
from .engine import Screener
from .types import Audience, AuthorFacts, ScreenInput

COUNT = 2_000
LENGTH = 500


def messages(count: int = COUNT, length: int = LENGTH) -> list[str]:
    joined = " ".join(case.text for case in examples())
    step = max(1, (len(joined) - length) // count)
    return [joined[i * step : i * step + length] for i in range(count)]


def main() -> None:
    screener = Screener(time_budget_ms=10_000)
    screener.warm()
    author = AuthorFacts(user_id=1, account_age_days=60, verified=True, persona="young_person")
    texts = messages()
    for text in texts[:200]:  # warm caches
        screener.screen(ScreenInput(text, "youth", author))
    costs = []
    for i, text in enumerate(texts):
        audience: Audience = "youth" if i % 2 else "adult"
        started = time.perf_counter()
        screener.screen(ScreenInput(text, audience, author))
        costs.append((time.perf_counter() - started) * 1000)
    costs.sort()
    p50, p99 = costs[len(costs) // 2], costs[int(len(costs) * 0.99)]
    sys.stdout.write(f"{len(costs)} screens of {LENGTH} characters: p50 {p50:.3f} ms, p99 {p99:.3f} ms\n")


if __name__ == "__main__":
    main()
