"""Moderator-managed watched rules: a term or an RE2 pattern, with its own action and priority.

Moderators add these when something new starts circulating (a local drug name, a known abuser's
alias). Patterns are compiled with RE2, whose matching time is linear in the text whatever the
pattern, so a careless "(a+)+$" cannot stall screening the way it would stall Python's ``re``.
Compiled rules are cached by (id, kind, value), so a rule edited under the same id is recompiled.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

import re2

from .patterns import find_spans
from .text import normalise_term
from .types import Doc, Hit, WatchedRule

log = logging.getLogger(__name__)

MAX_PATTERN_LENGTH = 1000
CACHE_SIZE = 4096

_OPTIONS = re2.Options()
_OPTIONS.max_mem = 2 << 20  # a moderator's pattern gets 2 MiB of automaton; more is refused at entry
_OPTIONS.log_errors = False

# RE2 is linear in the text, but not cheap whatever the pattern: "(?:\w+\s*){1,1000}x" is a huge
# automaton and took 0.4 s per screen, so every screen blew its budget and held everything
# (security issue #10.14). So a pattern is timed before it is stored, on texts as long as the
# longest content screened (a 10,000-character post) and made of what RE2's worst cases feed on, and
# each pattern's CPU time is watched again on every screen.
# At entry, on each worst-case text: ordinary patterns take under 1 ms; one matching a phone number,
# on a text of nothing but digits, 3 to 5 ms (most of it making its 900 matches); the pattern above,
# 400 ms.
PATTERN_BUDGET_MS = 10.0
# At run time, one pattern on one text: well above the entry budget, so no pattern that passed entry
# trips it on a long post on a busy machine.
RULE_BUDGET_MS = 25.0
SLOW_STRIKES = 3  # this many over-budget runs in a row and the pattern is switched off
_LONGEST = 10_000
WORST_CASE_TEXTS = tuple(
    (unit * (_LONGEST // len(unit) + 1))[:_LONGEST]
    for unit in (
        "word ",
        "a",
        "0123456789 ",
        " \n\t",
        ".,;:!?-_()[]@#/",
        "Hi, I'm Sam (15) - snap me? sam_99@example.com 07700 900123 \u00e9\u00fc\U0001f642 ",
    )
)


def validate_pattern(value: str) -> str | None:
    """Why RE2 cannot use this pattern (for a 422), or None if it can."""
    if not value:
        return "the pattern is empty"
    if len(value) > MAX_PATTERN_LENGTH:
        return f"the pattern is longer than {MAX_PATTERN_LENGTH} characters"
    try:
        compiled = re2.compile(value, _OPTIONS)
    except re2.error as exc:
        return str(exc) or "RE2 cannot compile this pattern"
    if compiled.search("") is not None:
        return "the pattern matches an empty message, so it would match everything"
    return None


def pattern_cost_problem(value: str, cpu_clock: Callable[[], float] = time.thread_time) -> str | None:
    """Why this (valid) pattern is too slow to screen with, or None. Measures this thread's CPU, so
    a busy server does not make a good pattern look slow."""
    compiled = re2.compile(value, _OPTIONS)

    def cpu_ms(text: str) -> float:
        started = cpu_clock()
        for _match in compiled.finditer(text):
            pass
        return (cpu_clock() - started) * 1000

    for text in WORST_CASE_TEXTS:
        spent_ms = cpu_ms(text)
        if spent_ms > PATTERN_BUDGET_MS:
            spent_ms = min(spent_ms, cpu_ms(text))  # once more, in case the machine was busy
        if spent_ms > PATTERN_BUDGET_MS:
            return (
                f"the pattern is too slow to screen with: it took {spent_ms:.0f} ms on a "
                f"{len(text):,}-character text, and a pattern may take {PATTERN_BUDGET_MS:g} ms"
            )
    return None


def _compile(rule: WatchedRule) -> re2._Regexp | None:
    if rule.kind == "pattern":
        if validate_pattern(rule.value) is not None:
            return None
        return re2.compile(rule.value, _OPTIONS)
    term = normalise_term(rule.value)
    if not term:
        return None
    escaped = r"\s+".join(re2.escape(word) for word in term.split(" "))
    left = r"\b" if term[0].isalnum() else ""
    right = r"\b" if term[-1].isalnum() else ""
    return re2.compile(f"{left}{escaped}{right}".encode("ascii"), _OPTIONS)


class Watched:
    """Runs the watched rules. A pattern that takes more than ``RULE_BUDGET_MS`` of CPU on a text is
    isolated: its time is not charged to the screen's budget (so it cannot hold everything), and after
    ``SLOW_STRIKES`` such runs in a row this process stops running it and hands it to
    ``take_switched_off`` for the moderation service to retire and audit."""

    category = "watched"

    def __init__(self, cpu_clock: Callable[[], float] = time.thread_time) -> None:
        self._cache: OrderedDict[tuple[int, str, str], re2._Regexp | None] = OrderedDict()
        self._lock = threading.Lock()
        self._cpu_clock = cpu_clock
        self._strikes: dict[tuple[int, str], int] = {}
        self._switched_off: set[tuple[int, str]] = set()
        self._to_report: list[tuple[WatchedRule, float]] = []

    def compiled(self, rule: WatchedRule) -> re2._Regexp | None:
        key = (rule.id, rule.kind, rule.value)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        compiled = _compile(rule)
        if compiled is None:
            # The API refuses such patterns; one stored before that check is skipped, not fatal.
            log.warning("watched rule %s cannot be compiled and is skipped", rule.id)
        with self._lock:
            self._cache[key] = compiled
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return compiled

    def scan(self, doc: Doc) -> list[Hit]:
        hits: list[Hit] = []
        patterns: list[WatchedRule] = []
        for rule in doc.item.watched_rules:
            if rule.audience not in ("all", doc.audience):
                continue
            if rule.kind == "pattern":
                patterns.append(rule)
                continue
            compiled = self.compiled(rule)
            if compiled is not None:
                # A term never matches the empty string: its matches are finditer's, without the
                # wrapper's match objects.
                self._hit(hits, rule, tuple(spans[0] for spans in find_spans(compiled, doc.norm.data)))
        if not patterns:
            return hits
        # Patterns are written against what people typed, so they read the original text and give
        # its character offsets. Most messages are ASCII, where bytes and characters are one: RE2 is
        # called on the bytes directly (encoded once), as the rule families do. Through the wrapper,
        # each pattern encoded the text again and made a generator and match objects (bench/LEDGER.md).
        text = doc.item.text
        data = text.encode("ascii") if text.isascii() else None
        # Terms are escaped words, as cheap as RE2 gets; patterns are timed, one clock read each.
        before = self._cpu_clock()
        for rule in patterns:
            if (rule.id, rule.value) in self._switched_off:
                continue
            compiled = self.compiled(rule)
            if compiled is None:
                continue
            # A slow pattern's finished result still counts; a match of nothing is no match.
            if data is not None:
                spans = tuple(found[0] for found in find_spans(compiled, data) if found[0][1] > found[0][0])
            else:
                spans = tuple(m.span() for m in compiled.finditer(text) if m.end() > m.start())
            self._hit(hits, rule, spans)
            after = self._cpu_clock()
            self._timed(rule, after - before, doc)
            before = after
        return hits

    def _hit(self, hits: list[Hit], rule: WatchedRule, spans: tuple[tuple[int, int], ...]) -> None:
        if spans:
            priority = max(0, min(4, rule.priority))
            hits.append(
                Hit(
                    self.category,
                    f"{rule.kind}:{rule.id}",
                    spans,
                    priority,
                    rule.action,
                    rule.kind == "pattern",
                )
            )

    def _timed(self, rule: WatchedRule, seconds: float, doc: Doc) -> None:
        key = (rule.id, rule.value)
        if seconds * 1000 <= RULE_BUDGET_MS:
            if key in self._strikes:
                self._strikes.pop(key, None)
            return
        doc.excused_seconds.append(seconds)
        with self._lock:
            strikes = self._strikes[key] = self._strikes.get(key, 0) + 1
            switch_off = strikes >= SLOW_STRIKES and key not in self._switched_off
            if switch_off:
                self._switched_off.add(key)
                self._to_report.append((rule, seconds))
        log.warning(
            "watched rule %s took %.1f ms (budget %g ms, %d in a row)%s",
            rule.id,
            seconds * 1000,
            RULE_BUDGET_MS,
            strikes,
            "; switched off" if switch_off else "",
        )

    def take_switched_off(self) -> list[tuple[WatchedRule, float]]:
        """Rules this process switched off since the last call, with the CPU seconds of their last
        run, for the moderation service to retire for every process and to audit."""
        if not self._to_report:  # every screen asks: answered without the lock
            return []
        with self._lock:
            taken, self._to_report = self._to_report, []
        return taken
