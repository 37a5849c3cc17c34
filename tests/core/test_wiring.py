"""What runs when, read from the registries the features' ``register(app)`` fill (ARCHITECTURE.md
section 4: no import for its side effects; "what happens when an account is deleted" has an answer in
one place). A new feature that installs a hook adds its line here, so a reviewer sees the change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

from backend import jobs
from backend.accounts import service as accounts
from backend.core import sockets
from backend.groups import service as groups
from backend.journeys import service as journeys
from backend.reports import service as reports
from moderation import api as moderation


def _names(functions: Iterable[Callable[..., Any]]) -> list[str]:
    return [f"{fn.__module__}.{fn.__name__}" for fn in functions]


def test_what_runs_when_an_account_is_deleted(app: Flask) -> None:
    hooks = accounts.registered_hooks()
    # Inside the deletion transaction: the person's content is kept, shown as "Removed account".
    assert _names(hooks["account_deleted"]) == [
        "backend.groups.data_rights.anonymise",
        "backend.journeys.data_rights.on_account_deleted",
        "backend.mentoring.data_rights.on_account_deleted",
        "backend.playdates.data_rights.on_deleted",
        "backend.events.data_rights.on_closed",
    ]
    # Deleting closes the account: its sockets are signed out everywhere after the commit; what the
    # person may see changed (moderators' sockets re-checked, then every socket of theirs).
    # Mentoring ends the person's matches; the playdate finder and events forget them.
    assert _names(hooks["account_closed"]) == [
        "backend.socket_events._sign_out_sockets",
        "backend.mentoring.data_rights.on_account_closed",
        "backend.playdates.data_rights.on_closed",
        "backend.events.data_rights.on_closed",
    ]
    # A playdate profile whose owner may no longer use the finder stops being shown (the search
    # trusts the profile's flag instead of reading the account).
    assert _names(hooks["rights_changed"]) == [
        "backend.safeguarding._recheck_moderator_sockets",
        "backend.live_rights._account_rights_changed",
        "backend.playdates.profiles.recheck",
    ]
    # Ending the memberships (anonymise) runs what follows any membership ending.
    assert _names(groups.membership_hooks()["ended"]) == [
        "backend.live_rights._membership_ended",
        "backend.chat.live.leave_group_chat",
    ]
    # Before deleting, a person may take their data: each feature's part of the export.
    assert _names(accounts.registered_exporters().values()) == [
        "backend.groups.data_rights.export",
        "backend.chat.data_rights.export",
        "backend.journeys.data_rights.export",
        "backend.applications.service.export_for",
        "backend.mentoring.data_rights.export",
        "backend.playdates.data_rights.export",
        "backend.events.data_rights.export",
    ]


def test_what_runs_when_a_person_turns_18(app: Flask) -> None:
    # Run by the "turning 18" job (and ``flask turning-18``), in one transaction per person.
    assert "turning 18" in jobs.registered()
    assert _names(accounts.registered_hooks()["turned_18"]) == [
        "backend.groups.data_rights.end_youth_memberships",
        "backend.live_rights._turned_18",
        "backend.mentoring.data_rights.on_turned_18",
    ]


def test_what_runs_when_a_moderator_removes_content(app: Flask) -> None:
    # The content's feature takes it down; the reporters are told the outcome; an article feedback
    # comment (journeys) is marked removed.
    assert _names(moderation.decision_handlers("remove")) == [
        "backend.groups.moderation.on_remove",
        "backend.chat.moderation.on_remove",
        "backend.notifications.hooks.on_moderation_decision",
        "backend.journeys._on_remove",
    ]
    # And the other content decisions, each handled by every feature that owns content.
    assert _names(moderation.decision_handlers("release")) == [
        "backend.groups.moderation.on_release",
        "backend.chat.moderation.on_release",
        "backend.notifications.hooks.on_moderation_decision",
        "backend.journeys._on_release",
    ]
    assert _names(moderation.decision_handlers("hide")) == [
        "backend.groups.moderation.on_hide",
        "backend.chat.moderation.on_hide",
    ]
    assert _names(moderation.decision_handlers("redact")) == [
        "backend.groups.moderation.on_redact",
        "backend.chat.moderation.on_redact",
        "backend.notifications.hooks.on_moderation_decision",
    ]
    for action in ("warn", "mute", "suspend"):
        assert _names(moderation.decision_handlers(action)) == [
            "backend.safeguarding.handler",
            "backend.notifications.hooks.on_moderation_decision",
        ]


def test_what_a_journey_suggests(app: Flask) -> None:
    # Besides articles, a journey suggests each feature's own things, through that feature's walls:
    # groups register theirs from journeys; events and mentoring in their own register(app).
    assert {kind: f"{fn.__module__}.{fn.__name__}" for kind, fn in journeys.recommenders().items()} == {
        "groups": "backend.journeys.recommend.group_suggestions",
        "mentors": "backend.mentoring.suggestions.journey_suggestions",
        "events": "backend.events.suggestions.journey_suggestions",
    }


def test_registering_again_installs_nothing_twice(app: Flask, tmp_path: Any) -> None:
    """create_app runs every register(app) once per app; a second app adds no second copy."""
    from tests.conftest import dispose, make_app

    before = (
        accounts.registered_hooks(),
        groups.membership_hooks(),
        moderation.decision_handlers("remove"),
        sockets.installed(),
        jobs.registered(),
        journeys.recommenders(),
    )
    second = make_app(tmp_path / "second")
    try:
        after = (
            accounts.registered_hooks(),
            groups.membership_hooks(),
            moderation.decision_handlers("remove"),
            sockets.installed(),
            jobs.registered(),
            journeys.recommenders(),
        )
        assert after == before
        assert set(reports._resolvers) == {"user", "post", "thread", "message"}
    finally:
        dispose(second)
