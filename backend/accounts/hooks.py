"""The account events other features react to, and the registry they fill from their ``register(app)``
(``on_account_deleted``, ``on_turned_18``, ``on_account_closed``, ``on_rights_changed``,
``on_profile_text``, ``register_exporter``). Registering is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.accounts.models import (
    User,
)

# Later features plug into data rights and life events here, so accounts never imports them.
_exporters: dict[str, Callable[[User], Any]] = {}
_deletion_hooks: list[Callable[[User], None]] = []
_turned_18_hooks: list[Callable[[User], None]] = []
_suspension_hooks: list[Callable[[User], None]] = []
_rights_hooks: list[Callable[[User], None]] = []
_profile_text_hooks: list[Callable[[User, str], None]] = []


Hook = Callable[[User], None]


def register_exporter(name: str, fn: Callable[[User], Any]) -> None:
    _exporters[name] = fn


def registered_hooks() -> dict[str, tuple[Callable[..., Any], ...]]:
    """What runs, in order, on each account event: the registry the features' ``register(app)``
    filled (tests/core/test_wiring.py lists it)."""
    return {
        "account_deleted": tuple(_deletion_hooks),
        "turned_18": tuple(_turned_18_hooks),
        "account_closed": tuple(_suspension_hooks),
        "rights_changed": tuple(_rights_hooks),
        "profile_text": tuple(_profile_text_hooks),
    }


def registered_exporters() -> dict[str, Callable[[User], Any]]:
    """name -> the function that exports a person's data of that feature."""
    return dict(_exporters)


def on_account_deleted(fn: Hook) -> Hook:
    """Called inside the deletion transaction: anonymise the user's content, keep the content."""
    if fn not in _deletion_hooks:  # a feature's register(app) may run once per app
        _deletion_hooks.append(fn)
    return fn


def on_turned_18(fn: Hook) -> Hook:
    """Called inside the turning-18 job's transaction: end youth memberships, open adult spaces."""
    if fn not in _turned_18_hooks:  # a feature's register(app) may run once per app
        _turned_18_hooks.append(fn)
    return fn


def on_account_closed(fn: Hook) -> Hook:
    """Called inside the transaction when an account is suspended or deleted."""
    if fn not in _suspension_hooks:  # a feature's register(app) may run once per app
        _suspension_hooks.append(fn)
    return fn


def on_profile_text(fn: Callable[[User, str], None]) -> Callable[[User, str], None]:
    """Called with text others will see on a profile (the display name) before it is saved; the
    safeguarding side screens it and raises to refuse it."""
    if fn not in _profile_text_hooks:  # a feature's register(app) may run once per app
        _profile_text_hooks.append(fn)
    return fn


def _screen_profile_text(user: User, text: str) -> None:
    """Screen text others will see on a profile: screening records what it holds for moderators,
    so this is not a check."""
    for hook in _profile_text_hooks:
        hook(user, text)


def on_rights_changed(fn: Hook) -> Hook:
    """Called inside the transaction when what someone may see changes: their persona, their
    vetting (DBS check), or their account is closed."""
    if fn not in _rights_hooks:  # a feature's register(app) may run once per app
        _rights_hooks.append(fn)
    return fn


def _rights_changed(user: User) -> None:
    for hook in _rights_hooks:
        hook(user)
