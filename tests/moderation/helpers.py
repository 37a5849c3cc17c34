"""Moderation test helpers: subjects, items opened through the service layer, recorded decisions."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from moderation import api, db, effects, queue
from moderation.types import AuthorFacts, Decision, Subject

_ids = itertools.count(1)

# Texts with a known verdict under the screening rules (the engine's own tests cover the rules; these
# drive each path through moderation).
CLEAN = "We had a lovely afternoon at the park with the children."
SELF_HARM = "I want to kill myself tonight"  # risk to life: hold, P0, crisis signposts
INSULT = "you are a stupid idiot"  # harassment aimed at someone: hold
CPV_ADULT = "my son hit me again last night and I am scared of him"  # allowed for adults, queued
# Fine between adults; grooming risk for young people. (Until the model read words per audience it was
# "meet me behind the old boathouse": that model notes "behind" in adults' spaces as possible
# child-to-parent violence, allowed at P3, a known false note reported on issue #12.)
MEETING = "meet me at the old boathouse"

ALL_ACTIONS = ("release", "remove", "redact", "hide", "warn", "mute", "suspend")


def subject(
    text: str = "An ordinary message about the school run.",
    *,
    author_id: int | None = None,
    audience: str = "adult",
    type: str = "post",
    id: str | None = None,
    mode: str = "post",
    family_key: str | None = None,
    context: tuple[dict[str, Any], ...] | Callable[[], tuple[dict[str, Any], ...]] = (),
    verified: bool = True,
    account_age_days: float = 400.0,
    space: str | None = None,
) -> Subject:
    return Subject(
        type=type,
        id=id or str(next(_ids)),
        # A fresh author unless one is given: screening's flood check counts each author's messages.
        author=AuthorFacts(
            user_id=author_id or 100_000 + next(_ids),
            account_age_days=account_age_days,
            verified=verified,
            persona="adopter",
        ),
        text=text,
        audience=audience,  # type: ignore[arg-type]
        # A room of its own unless one is given: screening's room memory counts each room's messages.
        space=space or f"group:{next(_ids)}",
        mode=mode,  # type: ignore[arg-type]
        family_key=family_key,
        context=context,
    )


def open_item(
    priority: int = 2, *, audience: str = "adult", source: str = "screening", held: bool = True, **kw: Any
) -> int:
    """An item opened through the service layer, as screening would."""
    with db.write() as session:
        item, _evidence = queue.open_or_update(
            session, subject(audience=audience, **kw), source=source, priority=priority, held=held
        )
        session.commit()
    return item.id


class Recorder:
    """Records every decision handed to the backend's handlers (a stand-in for the features)."""

    def __init__(self) -> None:
        self.decisions: list[Decision] = []
        self.fail: set[str] = set()

    def __call__(self, decision: Decision) -> None:
        if decision.action in self.fail:
            raise RuntimeError("the feature is down")
        self.decisions.append(decision)

    def actions(self) -> list[str]:
        return [d.action for d in self.decisions]


@contextmanager
def recording() -> Iterator[Recorder]:
    recorder = Recorder()
    for action in ALL_ACTIONS:
        api.on_decision(action, recorder)
    try:
        yield recorder
    finally:
        for action in ALL_ACTIONS:
            effects._handlers[action].remove(recorder)


def decide(
    client: Any, persona: Any, item_id: int, action: str, reason: str = "Per policy", **extra: Any
) -> Any:
    return client.post(
        f"/api/v1/moderation/queue/{item_id}/decision",
        json={"action": action, "reason": reason, **extra},
        headers=persona.headers,
    )
