"""Content screening: allow, hold for review, or block, before anyone else sees a piece of content.

PRODUCT.md 2.7. Pure Python (no Flask, no database; Redis only for the risk memories of a
deployment with several processes, context.py); the moderation service calls ``screen`` and turns the
result into a queue item. Call ``Screener.warm()`` at start-up. ``reader`` is the second reader, a
slower model that moderation runs after the screen, off the request (moderation/second_reading.py).
"""

from .engine import SIGNPOSTS, Screener, screen
from .types import (
    CATEGORIES,
    AuthorFacts,
    Match,
    ScreenInput,
    ScreenResult,
    Signpost,
    WatchedRule,
    WeakSignal,
)
from .watched import pattern_cost_problem, validate_pattern

__all__ = [
    "CATEGORIES",
    "SIGNPOSTS",
    "AuthorFacts",
    "Match",
    "ScreenInput",
    "ScreenResult",
    "Screener",
    "Signpost",
    "WatchedRule",
    "WeakSignal",
    "pattern_cost_problem",
    "screen",
    "validate_pattern",
]
