"""The backend's side of the moderation boundary: who is calling, and what decisions do here.

Moderation never imports the backend; the backend hands it these functions at start-up and
registers the effects of user-level decisions (warn, mute, suspend). Content-level effects (hide a
post, release a chat message) are registered by the features that own the content.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g

from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import Timeouts, db, make_engine
from backend.core.errors import NotFound, Unauthorized, Unprocessable
from backend.core.html import screening_text
from backend.core.realtime import call_after_commit
from backend.moderation_link import outbox
from moderation import api as moderation

log = logging.getLogger(__name__)


def actor_for(user: User) -> moderation.Actor:
    return moderation.Actor(
        user_id=user.id,
        persona=user.persona,
        display_name=user.display_name,
        may_work_with_young_people=accounts.may_work_with_young_people(user),
        verified=accounts.is_verified(user),
    )


def current_actor() -> moderation.Actor | None:
    user = g.get("user")
    return actor_for(user) if user is not None else None


def socket_actor(auth: Any) -> moderation.Actor | None:
    token = auth.get("token") if isinstance(auth, dict) else None
    if not isinstance(token, str):
        return None
    try:
        return actor_for(accounts.authenticate_access_token(token))
    except Unauthorized:
        return None


def author_facts(user: User) -> moderation.AuthorFacts:
    return moderation.AuthorFacts(
        user_id=user.id,
        account_age_days=accounts.account_age_days(user),
        verified=accounts.is_verified(user),
        persona=user.persona,
    )


def subject(
    *,
    type: str,
    id: int | str,
    author: User,
    text: str,
    youth_space: bool,
    space: str,
    pre_moderated: bool = False,
    context: tuple[dict[str, Any], ...] | Callable[[], tuple[dict[str, Any], ...]] = (),
    place: str = "",
) -> moderation.Subject:
    """A copy of a piece of content for moderation, with the author's facts and protected terms key."""
    family_id = author.family_id
    if family_id is None and author.persona == "young_person":
        family_id = accounts.linked_family_id(author)
    return moderation.Subject(
        type=type,
        id=str(id),
        author=author_facts(author),
        text=text,
        audience="youth" if youth_space else "adult",
        space=space,
        mode="pre" if pre_moderated else "post",
        family_key=f"family:{family_id}" if family_id else None,
        context=context,
        place=place,
    )


def screen(subject: moderation.Subject) -> moderation.Verdict:
    """Screen before anyone else sees it. Failing closed is ``moderation.api.screen``'s own promise
    (one layer: if moderation cannot answer, its database is down or it raised, the verdict is a
    hold, never an allow; ARCHITECTURE.md, the moderation boundary), so it is not wrapped again here.

    Call it inside the transaction that stores the content: a verdict that came back without the
    queue item it needs leaves an intake record in that transaction, delivered to moderation later
    (``moderation_link.outbox``), so held content and its item are durable together."""
    verdict = moderation.screen(subject)
    outbox.keep(subject, verdict)
    return verdict


def rollback_refused_edit() -> None:
    """Undo an edit that screening refused, keeping its refused text for moderation: if moderation
    could not store it (its database is down), the intake record ``screen`` added outlives the
    rollback (``outbox.rollback_keeping_records``)."""
    outbox.rollback_keeping_records()


def screen_profile_text(user: User, text: str) -> None:
    """A display name is seen by everyone the person meets, so it is screened like a post; anything
    but ``allow`` refuses the change (a held name cannot wait half-shown). Moderators still see what
    was held in their queue."""
    verdict = screen(
        subject(
            type="profile",
            id=user.id,
            author=user,
            text=screening_text(plain=text),
            youth_space=accounts.is_youth(user),
            space=f"profile:{user.id}",
        )
    )
    refuse_unless_allowed(
        verdict, "Display name not allowed", "display_name", "This name can't be used here."
    )


def signposts_view(verdict: moderation.Verdict | moderation.ReportReceipt) -> list[dict[str, str]]:
    """The crisis signposts screening raised, in the one shape every answer carries them
    (``core.schemas.Signpost``): HTTP answers, socket acks and ``errors.signposts`` alike."""
    return [{"name": s.name, "contact": s.contact, "description": s.description} for s in verdict.signposts]


def refuse_unless_allowed(verdict: moderation.Verdict, message: str, field: str, fallback: str) -> None:
    """For text that cannot wait half-shown (a name, a group proposal): anything but ``allow`` is a
    422 with the reason, and with the crisis signposts when screening raised them."""
    if verdict.action == "allow":
        return
    errors: dict[str, Any] = {field: [verdict.reason or fallback]}
    if verdict.signposts:
        errors["signposts"] = signposts_view(verdict)
    raise Unprocessable(message, errors)


# --- user-level decisions ---------------------------------------------------------------------------
# Moderation calls these after a decision has committed, and retries them if they raise, so each one
# tolerates being applied again and treats a removed account as nothing left to do.


def _for_author(apply: Callable[[moderation.Decision, int], None]) -> moderation.DecisionHandler:
    def handler(decision: moderation.Decision) -> None:
        if decision.author_id is None:
            return
        try:
            apply(decision, decision.author_id)
        except NotFound:
            log.info("moderation decision for a removed account: nothing to apply")

    return handler


@_for_author
def on_warn(decision: moderation.Decision, author_id: int) -> None:
    accounts.do_record_warning(decision.moderator_id, author_id, decision.reason)


@_for_author
def on_mute(decision: moderation.Decision, author_id: int) -> None:
    accounts.do_mute_posting(decision.moderator_id, author_id, int(decision.params["hours"]), decision.reason)


@_for_author
def on_suspend(decision: moderation.Decision, author_id: int) -> None:
    # Only ever called for a suspension a second moderator confirmed (the two-moderator rule).
    accounts.do_set_suspended(decision.moderator_id, author_id, True, decision.reason)


def _recheck_moderator_sockets(user: User) -> None:
    """A moderator suspended, demoted or whose DBS check changed stops receiving what they may no
    longer see over /moderation (moderation re-checks the sockets against the committed rights)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def recheck() -> None:
        with app.app_context():  # a fresh session: the committed one can run no more SQL
            moderation.recheck_moderator_sockets()

    call_after_commit(recheck)


def _rollback_app_session() -> None:
    """After a decision handler raised: the next handler starts from a clean app session."""
    db.session.rollback()


def register(app: Flask) -> None:
    """The backend's side of moderation, listed once: display names are screened, user-level
    decisions take effect here, and moderators' sockets follow their rights."""
    accounts.on_profile_text(screen_profile_text)
    moderation.on_decision("warn", on_warn)
    moderation.on_decision("mute", on_mute)
    moderation.on_decision("suspend", on_suspend)
    accounts.on_rights_changed(_recheck_moderator_sockets)


def init_app(app: Flask, socketio: Any) -> None:
    moderation.init_app(
        app,
        app.config["MODERATION_DATABASE_URL"],
        current_actor=current_actor,
        socket_actor=socket_actor,
        socketio=socketio,
        on_effect_error=_rollback_app_session,
        # The same connect, statement and answer timeouts as the app's own database.
        server_engine=functools.partial(make_engine, timeouts=Timeouts.from_config(app.config)),
    )
