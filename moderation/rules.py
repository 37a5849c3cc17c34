"""Moderator-managed watched terms and patterns, and families' protected terms.

Watched rules are cached per process and re-read only when the ``watched_rules`` counter, bumped in
the same transaction as every rule change, says the cache is stale: one primary-key read per screen
instead of loading every rule. Patterns are RE2 (linear time, so a moderator's pattern cannot hang
screening) and are checked by the screening package before they are stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from moderation import audit, db
from moderation.models import Counter, ProtectedTerms, WatchedRule
from moderation.screening import WatchedRule as ScreeningRule
from moderation.screening import validate_pattern
from moderation.types import Actor, Invalid, NotFound

_CACHE = "moderation_rules_cache"
_COUNTER = "watched_rules"
MAX_PROTECTED_TERMS = 50


@dataclass(frozen=True)
class _Cached:
    version: int
    rules: tuple[ScreeningRule, ...]


def _version(session: Any) -> int:
    return session.scalar(select(Counter.value).where(Counter.name == _COUNTER)) or 0


def _bump(session: Any) -> None:
    changed = session.execute(update(Counter).where(Counter.name == _COUNTER).values(value=Counter.value + 1))
    if changed.rowcount == 0:
        session.add(Counter(name=_COUNTER, value=1))


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
    version = _version(session)
    cached: _Cached | None = current_app.extensions.get(_CACHE)
    if cached is not None and cached.version == version:
        return cached.rules
    rows = session.scalars(
        select(WatchedRule).where(WatchedRule.retired_at.is_(None)).order_by(WatchedRule.id)
    )
    fresh = _Cached(version, tuple(_screening_rule(r) for r in rows))
    current_app.extensions[_CACHE] = fresh
    return fresh.rules


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
        problem = validate_pattern(value)
        if problem:
            raise Invalid("That pattern cannot be used", {"value": [problem]})
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


# --- protected terms -------------------------------------------------------------------------------


def protected_terms(family_key: str | None) -> tuple[str, ...]:
    if not family_key:
        return ()
    # A column read, not session.get: the identity map could hand back terms the family has changed.
    terms = db.session().scalar(select(ProtectedTerms.terms).where(ProtectedTerms.family_key == family_key))
    return tuple(terms or ())


def get_protected_terms(family_key: str) -> list[str]:
    terms = list(protected_terms(family_key))
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
        audit.record(session, "protected_terms.set", "family", family_key, actor=actor, count=len(cleaned))
        session.commit()
    return cleaned
