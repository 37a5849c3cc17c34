"""Moderator-managed watched rules: a term or an RE2 pattern, with its own action and priority.

Moderators add these when something new starts circulating (a local drug name, a known abuser's
alias). Patterns are compiled with RE2, whose matching time is linear in the text whatever the
pattern, so a careless "(a+)+$" cannot stall screening the way it would stall Python's ``re``.
Compiled rules are cached by (id, kind, value), so a rule edited under the same id is recompiled.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

import re2

from .text import normalise_term
from .types import Doc, Hit, WatchedRule

log = logging.getLogger(__name__)

MAX_PATTERN_LENGTH = 1000
CACHE_SIZE = 4096

_OPTIONS = re2.Options()
_OPTIONS.max_mem = 2 << 20  # a moderator's pattern gets 2 MiB of automaton; more is refused at entry
_OPTIONS.log_errors = False


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
    category = "watched"

    def __init__(self) -> None:
        self._cache: OrderedDict[tuple[int, str, str], re2._Regexp | None] = OrderedDict()
        self._lock = threading.Lock()

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
        hits = []
        for rule in doc.item.watched_rules:
            if rule.audience not in ("all", doc.audience):
                continue
            compiled = self.compiled(rule)
            if compiled is None:
                continue
            if rule.kind == "pattern":
                # Patterns are written against what people typed, so they read the original text
                # and give its character offsets.
                spans = tuple(m.span() for m in compiled.finditer(doc.item.text) if m.end() > m.start())
            else:
                spans = tuple(m.span() for m in compiled.finditer(doc.norm.data))
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
        return hits
