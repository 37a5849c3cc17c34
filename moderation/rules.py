"""Moderator-managed watched terms and patterns, and families' protected terms.

Screening runs for every message, so both are cached per process. The ``screening_rules`` counter
is bumped in the same transaction as every rule or protected-terms change; a process re-reads it
(one primary-key read) at most every ``MODERATION_RULES_REFRESH_SECONDS``, and drops its cache when
it moved. A change made by this process applies at its next screen; one made by another process
within that refresh interval (a second by default). When the counter cannot be read (the moderation
database is down), the process keeps screening with what it last knew and tries again at the next
interval: screening, and the crisis signposts it shows, must not stop with this database
(PRODUCT.md 2.7). Whatever it never loaded (the rules at a cold start, a family's terms not yet read)
still raises the database's error, and screening fails closed without it (``intake._input``).
Patterns are RE2 (linear time, so a moderator's pattern cannot hang screening) and are checked by
the screening package before they are stored.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from moderation import audit, db
from moderation.models import Counter, ProtectedTerms, WatchedRule
from moderation.screening import WatchedRule as ScreeningRule
from moderation.screening import pattern_cost_problem, validate_pattern
from moderation.settings import setting
from moderation.types import Actor, Invalid, NotFound

log = logging.getLogger(__name__)

_CACHE = "moderation_rules_cache"
_COUNTER = "screening_rules"
MAX_PROTECTED_TERMS = 50
# Families whose protected terms one process keeps at once (a few hundred bytes each).
MAX_CACHED_FAMILIES = 10_000


@dataclass
class _Cache:
    """What one process knows of the rules as of ``version``, last checked at ``checked_at``."""

    version: int
    checked_at: float
    rules: tuple[ScreeningRule, ...] | None = None
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _version(session: Any) -> int:
    return session.scalar(select(Counter.value).where(Counter.name == _COUNTER)) or 0


def _bump(session: Any) -> None:
    """Every change to rules or protected terms calls this inside its own transaction."""
    changed = session.execute(update(Counter).where(Counter.name == _COUNTER).values(value=Counter.value + 1))
    if changed.rowcount == 0:
        session.add(Counter(name=_COUNTER, value=1))


def _forget() -> None:
    """This process changed a rule: its next screen reads everything afresh."""
    current_app.extensions.pop(_CACHE, None)


def _cache(session: Any) -> _Cache:
    """This process's cache, checked against the counter when it is older than the refresh interval."""
    now = time.monotonic()
    cache: _Cache | None = current_app.extensions.get(_CACHE)
    if cache is not None and now - cache.checked_at < setting("MODERATION_RULES_REFRESH_SECONDS"):
        return cache
    try:
        version = _version(session)
    except Exception as exc:
        _end_failed_read(session)
        if cache is None:
            raise
        # The type only: a database error's text can quote parameters (QUALITY.md 2, logs).
        log.warning("screening rules version unreadable (%s); using the last known rules", type(exc).__name__)
        cache.checked_at = now  # the next try comes after one more interval, not on every screen
        return cache
    if cache is None or cache.version != version:
        cache = _Cache(version, now)
    cache.checked_at = now
    current_app.extensions[_CACHE] = cache
    return cache


def _end_failed_read(session: Any) -> None:
    """End the read that failed so the session can be used again; a write transaction (the rules
    read while a late intake is stored, ``deliveries.receive``) is left to its owner: rolling it back
    here would end its write lock under it."""
    if session.info.get(db._WRITE):
        return
    try:
        session.rollback()
    except Exception:
        session.invalidate()


def _read(session: Any, read: Callable[[], Any]) -> Any:
    """A read of what the cache lacks; a failed one leaves the session usable, and raises."""
    try:
        return read()
    except Exception:
        _end_failed_read(session)
        raise


def _screening_rule(rule: WatchedRule) -> ScreeningRule:
    return ScreeningRule(
        id=rule.id,
        kind=rule.kind,  # type: ignore[arg-type]
        value=rule.value,
        action=rule.action,  # type: ignore[arg-type]
        priority=rule.priority,
        audience=rule.audience,  # type: ignore[arg-type]
    )


def watched_rules() -> tuple[ScreeningRule, ...]:
    """The live rules for the screener, from this process's cache unless a rule changed since."""
    session = db.session()
    cache = _cache(session)
    if cache.rules is None:
        query = select(WatchedRule).where(WatchedRule.retired_at.is_(None)).order_by(WatchedRule.id)
        rows = _read(session, lambda: session.scalars(query).all())
        cache.rules = tuple(_screening_rule(r) for r in rows)
    return cache.rules


def rule_view(rule: WatchedRule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "kind": rule.kind,
        "value": rule.value,
        "action": rule.action,
        "priority": rule.priority,
        "audience": rule.audience,
        "note": rule.note,
        "created_by_id": rule.created_by_id,
        "created_at": rule.created_at,
    }


def list_rules() -> list[dict[str, Any]]:
    rows = (
        db.session()
        .scalars(select(WatchedRule).where(WatchedRule.retired_at.is_(None)).order_by(WatchedRule.id))
        .all()
    )
    db.end_read()
    return [rule_view(r) for r in rows]


def do_add_rule(
    actor: Actor, *, kind: str, value: str, action: str, priority: int, audience: str, note: str
) -> dict[str, Any]:
    if kind == "pattern":
        # Refused if RE2 cannot use it, or if it is too slow to run on every screen (it would hold
        # everything: security issue #10.14).
        problem = validate_pattern(value) or pattern_cost_problem(value)
        if problem:
            shown = value if len(value) <= 80 else value[:77] + "..."
            raise Invalid(f'The pattern "{shown}" cannot be used', {"value": [problem]})
    elif not value.strip():
        raise Invalid("Empty term", {"value": ["Give a term."]})
    with db.write() as session:
        rule = WatchedRule(
            kind=kind,
            value=value if kind == "pattern" else value.strip(),
            action=action,
            priority=priority,
            audience=audience,
            note=note,
            created_by_id=actor.user_id,
            created_at=db.utcnow(),
        )
        session.add(rule)
        session.flush()
        _bump(session)
        audit.record(
            session,
            "rule.added",
            "rule",
            rule.id,
            actor=actor,
            kind=kind,
            value=rule.value,
            action=action,
            priority=priority,
            audience=audience,
        )
        session.commit()
    _forget()
    return rule_view(rule)


def do_retire_rule(actor: Actor, rule_id: int) -> None:
    with db.write() as session:
        rule = session.get(WatchedRule, rule_id)
        if rule is None or rule.retired_at is not None:
            raise NotFound()
        rule.retired_at = db.utcnow()
        rule.retired_by_id = actor.user_id
        _bump(session)
        audit.record(session, "rule.retired", "rule", rule.id, actor=actor, kind=rule.kind, value=rule.value)
        session.commit()
    _forget()


def do_switch_off_slow_rules(slow: list[tuple[ScreeningRule, float]]) -> None:
    """Retire patterns that screening switched off for running over their time budget again and
    again, so every process stops running them; the audit log says which and why, for the
    moderators to write a cheaper one. Content meanwhile is judged by the other rules."""
    if not slow:
        return
    with db.write() as session:
        for screening_rule, seconds in slow:
            rule = session.get(WatchedRule, screening_rule.id)
            if rule is None or rule.retired_at is not None or rule.value != screening_rule.value:
                continue  # already retired, or changed since
            rule.retired_at = db.utcnow()
            _bump(session)
            audit.record(
                session,
                "rule.switched_off",
                "rule",
                rule.id,
                kind=rule.kind,
                value=rule.value,
                reason="too slow to screen with",
                last_run_ms=round(seconds * 1000, 1),
            )
        session.commit()
    _forget()


# --- protected terms -------------------------------------------------------------------------------


def protected_terms(family_key: str | None) -> tuple[str, ...]:
    """A family's protected terms for the screener, from this process's cache unless they changed."""
    if not family_key:
        return ()
    session = db.session()
    cache = _cache(session)
    terms = cache.terms.get(family_key)
    if terms is None:
        if len(cache.terms) >= MAX_CACHED_FAMILIES:
            cache.terms.clear()
        stored = _read(session, lambda: _stored_terms(session, family_key))
        terms = cache.terms[family_key] = stored
    return terms


def _stored_terms(session: Any, family_key: str) -> tuple[str, ...]:
    # A column read, not session.get: the identity map could hand back terms the family has changed.
    terms = session.scalar(select(ProtectedTerms.terms).where(ProtectedTerms.family_key == family_key))
    return tuple(terms or ())


def get_protected_terms(family_key: str) -> list[str]:
    """What the family sees: always the stored list, never the cache."""
    terms = list(_stored_terms(db.session(), family_key))
    db.end_read()
    return terms


def do_set_protected_terms(actor: Actor, family_key: str, terms: list[str]) -> list[str]:
    """Replace a family's protected terms. The audit row records that they changed and how many
    there are, never the names themselves: the log is permanent and the names are the secret."""
    cleaned = sorted({t.strip() for t in terms if t.strip()}, key=str.casefold)
    if len(cleaned) > MAX_PROTECTED_TERMS:
        raise Invalid("Too many protected terms", {"terms": [f"At most {MAX_PROTECTED_TERMS}."]})
    with db.write() as session:
        row = session.get(ProtectedTerms, family_key)
        if row is None:
            row = ProtectedTerms(family_key=family_key, terms=cleaned)
            session.add(row)
        row.terms = cleaned
        row.updated_by_id = actor.user_id
        row.updated_at = db.utcnow()
        _bump(session)
        audit.record(session, "protected_terms.set", "family", family_key, actor=actor, count=len(cleaned))
        session.commit()
    _forget()
    return cleaned
