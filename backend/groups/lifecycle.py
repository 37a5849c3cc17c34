"""A group's life as other features see it: the moment a group opens.

A group opens when an agency worker or admin creates it, or when they approve a carer's proposal
(a proposal is not a group yet: nobody can see, join or enter it). Features that give every group
something of its own register here and are called inside the transaction that opens the group, so
the group and what it comes with commit together or not at all: the chat feature gives each group
its live chat room (PRODUCT.md 2.2, "live chat rooms per group").
"""

from __future__ import annotations

from collections.abc import Callable

from backend.groups.models import Group, GroupStatus

GroupHook = Callable[[Group], None]
_opened_hooks: list[GroupHook] = []


def on_group_opened(fn: GroupHook) -> GroupHook:
    """Register ``fn(group)``: called inside the transaction whenever a group opens."""
    if fn not in _opened_hooks:
        _opened_hooks.append(fn)
    return fn


def opened(group: Group) -> None:
    """The group is open from this transaction on: give it everything registered features attach."""
    assert group.status == GroupStatus.ACTIVE and group.id is not None, "only a flushed, active group opens"
    for hook in _opened_hooks:
        hook(group)
