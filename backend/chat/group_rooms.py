"""Every group has its live chat room from the moment it opens (PRODUCT.md 2.2: "live chat rooms per
group"), created in the same transaction as the group, so no group is ever without one."""

from __future__ import annotations

from backend.chat.rooms import ensure_group_room
from backend.groups.models import Group


def open_group_room(group: Group) -> None:
    ensure_group_room(group.id)
