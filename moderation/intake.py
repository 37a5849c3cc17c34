"""Screening content before anyone else sees it, and opening queue items for what needs a look.

PRODUCT.md 2.7 and ARCHITECTURE.md (the moderation boundary): every post, message, profile text and
listing is screened; a pre-moderated space holds everything; if screening fails in any way the
content is held, never published (fail closed); a risk-to-life signal always carries the crisis
signposts, whatever the verdict.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from moderation import db, queue, rules, second_reading
from moderation.screening import SIGNPOSTS, Screener, ScreenInput, ScreenResult
from moderation.screening import AuthorFacts as ScreeningAuthor
from moderation.screening.flood import Flood
from moderation.serial import jsonable
from moderation.settings import setting
from moderation.types import Audience, Signpost, Subject, Verdict

log = logging.getLogger(__name__)

_screener = Screener()

# The flood rule's category, also the subject type of an author's flooding item.
FLOODING = Flood.category
FAIL_CLOSED_REASON = "Held for review while screening is unavailable."
PRE_MODERATED_REASON = "This space is pre-moderated: a moderator will review it before others see it."


def _input(subject: Subject, *, count_flood: bool) -> tuple[ScreenInput, bool]:
    """The screener's input, and whether it has everything: False when the moderation database is
    down and this process never loaded the watched rules or this family's protected terms. The
    built-in rules need no database, so they still run (and show their crisis signposts)."""
    author = subject.author
    complete = True
    try:
        watched = rules.watched_rules()
    except Exception as exc:
        watched, complete = (), _unloaded("watched rules", exc)
    try:
        terms = rules.protected_terms(subject.family_key)
    except Exception as exc:
        terms, complete = (), _unloaded("protected terms", exc)
    screen_input = ScreenInput(
        text=subject.text,
        audience=subject.audience,
        author=ScreeningAuthor(
            user_id=author.user_id,
            account_age_days=author.account_age_days,
            verified=author.verified,
            persona=author.persona,
        ),
        protected_terms=terms,
        watched_rules=watched,
        # Only the author's own posting counts towards flooding (not someone reporting it).
        flood_key=f"user:{author.user_id}" if count_flood else None,
        # Only the author's own posting counts towards the room's risk memory too.
        room_key=subject.space if count_flood else None,
        place=subject.place,
        subject=f"{subject.type}:{subject.id}",
    )
    return screen_input, complete


def _unloaded(what: str, exc: Exception) -> bool:
    # The type only: a database error's text can quote the content (QUALITY.md 2, logs).
    log.warning("screening without the %s (%s); failing closed", what, type(exc).__name__)
    return False


def crisis_signposts() -> tuple[Signpost, ...]:
    """Childline, Samaritans, 999: what a risk-to-life signal shows (the screening package's list)."""
    return tuple(
        Signpost(name=s.name, contact=s.contact, description=s.description) for s in SIGNPOSTS["self_harm"]
    )


def configure(
    *,
    flood_max_messages: int,
    flood_window_seconds: float,
    redis_url: str | None = None,
    redis_prefix: str = "kinship:",
) -> None:
    """Build the process's screener with the app's flood thresholds and, with several processes,
    the Redis its risk memories share (``redis_url``), then compile the rules and load the classifier
    now (start-up), not on the first message."""
    global _screener
    flood = _screener.flood
    if redis_url or (flood.max_messages, flood.window_seconds) != (flood_max_messages, flood_window_seconds):
        _screener = Screener(
            flood_max_messages=flood_max_messages,
            flood_window_seconds=flood_window_seconds,
            redis_url=redis_url,
            redis_prefix=redis_prefix,
        )
    _screener.warm()


def _signposts(result: ScreenResult | None) -> tuple[Signpost, ...]:
    if result is None:
        return ()
    return tuple(
        Signpost(name=s.name, contact=s.contact, description=s.description) for s in result.signposts
    )


def _categories(result: ScreenResult | None) -> tuple[str, ...]:
    if result is None:
        return ()
    return tuple(sorted({m.category for m in result.matches}))


def run_screener(subject: Subject, *, count_flood: bool = True) -> ScreenResult | None:
    """The engine's answer, or None when it raised (which callers treat as a hold). Screened without
    rules it could not load, content the built-in rules would allow is held (fail closed), and
    anything they found stands, signposts included."""
    try:
        screen_input, complete = _input(subject, count_flood=count_flood)
        result = _screener.screen(screen_input)
        if not complete and result.verdict == "allow":
            result = replace(result, verdict="hold", failed_closed=True)
        return result
    except Exception:
        log.exception("screening raised; failing closed")
        return None
    finally:
        db.end_read()
        _retire_switched_off_rules()


def _retire_switched_off_rules() -> None:
    """Watched patterns the screener switched off for being too slow: retired for every process.
    Never raises: this process has stopped running them whatever happens here."""
    slow = _screener.watched.take_switched_off()
    if not slow:
        return
    try:
        rules.do_switch_off_slow_rules(slow)
    except Exception:
        log.exception("could not retire watched rules switched off for being slow")


_DEFAULT_PRIORITY = {
    "hold": "MODERATION_HOLD_PRIORITY",
    "block": "MODERATION_BLOCK_PRIORITY",
    "allow": "MODERATION_ALLOWED_MATCH_PRIORITY",
}


def screen(subject: Subject) -> Verdict:
    result = run_screener(subject)
    second_reading.submit(subject, result)  # read again, off the request, for a risk to life
    categories = _categories(result)
    signposts = _signposts(result)
    if result is None or result.failed_closed:
        action, reason = "hold", FAIL_CLOSED_REASON
    else:
        action, reason = result.verdict, result.reason
    priority = setting(_DEFAULT_PRIORITY[action])
    if result is not None and result.priority is not None:
        # The engine's priority stands; a failed run keeps the hold default unless it saw worse.
        priority = min(priority, result.priority) if result.failed_closed else result.priority
    if subject.mode == "pre" and action == "allow":
        action, reason = "hold", PRE_MODERATED_REASON
        priority = min(priority, setting("MODERATION_PRE_MODERATED_PRIORITY"))
    if action == "allow" and not categories:
        return Verdict(action="allow", signposts=signposts)
    context = _with_earlier_signals(subject, result)
    if context:
        subject = replace(subject, context=context)
    item_id = _open_item(subject, action, priority, categories, result)
    return Verdict(
        action=action,  # type: ignore[arg-type]
        categories=categories,
        priority=priority,
        signposts=signposts,
        reason=reason,
        item_id=item_id,
        context=context,
    )


def _with_earlier_signals(subject: Subject, result: ScreenResult | None) -> tuple[dict[str, Any], ...]:
    """The evidence context with the risk memory's earlier weak signals (an ``accumulated`` alert's
    messages, oldest first), or () when there are none. A signal the content's own context already
    shows (the same text in the same space) is marked there; the others, posted elsewhere, come
    first. Either way the entry says who, where and what it was (``subject``)."""
    if result is None or not result.earlier:
        return ()
    context = [dict(entry) for entry in subject.context_items()]
    elsewhere = []
    for signal in result.earlier:
        marks = {
            "weak_signal": True,
            "author": signal.author,
            "space": signal.space,
            "subject": signal.subject,
        }
        shown = next(
            (
                entry
                for entry in context
                if signal.space == subject.space
                and entry.get("text") == signal.text
                and "weak_signal" not in entry
            ),
            None,
        )
        if shown is not None:
            shown.update(marks)
        else:
            elsewhere.append({**marks, "text": signal.text, "at": signal.at})
    return (*elsewhere, *context)


def item_subject(subject: Subject, categories: tuple[str, ...]) -> Subject:
    """The subject a queue item is kept under: the content's own, except for flooding alone. A burst
    of blocked messages is one thing for a moderator to look at, not one item each: they gather, as
    evidence, on the author's open flooding item."""
    if categories == (FLOODING,):
        return replace(subject, type=FLOODING, id=str(subject.author.user_id))
    return subject


def _open_item(
    subject: Subject, action: str, priority: int, categories: tuple[str, ...], result: ScreenResult | None
) -> int | None:
    """Open (or add to) the subject's queue item, committed before the verdict is returned. If even
    that fails, the content is still held and the verdict comes back with no ``item_id``: the caller,
    who holds the content, keeps an intake record in its own transaction and hands it over with
    ``api.deliver`` once this database answers again (``deliveries.receive``)."""
    try:
        with db.write() as session:
            item, _evidence = queue.open_or_update(
                session,
                item_subject(subject, categories),
                source="screening",
                priority=priority,
                categories=categories,
                held=action == "hold",
                matches=result.matches if result is not None else (),
                verdict=action,
            )
            session.commit()
    except Exception:
        log.exception("could not open a moderation item for screened content")
        return None
    return item.id


def dry_run(text: str, audience: Audience) -> dict[str, Any]:
    """Run a text through the rules without storing anything (the moderators' rule tester)."""
    author = ScreeningAuthor(user_id=0, account_age_days=365.0, verified=True, persona="moderator")
    try:
        result = _screener.screen(
            ScreenInput(
                text=text,
                audience=audience,
                author=author,
                protected_terms=(),
                watched_rules=rules.watched_rules(),
                flood_key=None,
            )
        )
    finally:
        db.end_read()
        _retire_switched_off_rules()
    return {
        "verdict": result.verdict if not result.failed_closed else "hold",
        "failed_closed": result.failed_closed,
        "categories": list(_categories(result)),
        "priority": result.priority,
        "reason": result.reason,
        "spans": [jsonable(m) for m in result.matches],
        "signposts": [jsonable(s) for s in result.signposts],
    }
