"""Why someone who can see a group may not join it: the reason a refused join answers with (403).

A group the caller cannot see stays a 404, the same as a missing one (ARCHITECTURE.md section 5: no
probing across the wall). Once they can see its card, a bare refusal only leaves them stuck, so the
answer names the rule that applies to them. It says nothing about anyone else in the group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.groups.models import (
    ADOPTERS,
    ADULT_ADOPTEES,
    CARERS,
    INVITE,
    PROSPECTIVE_ADOPTERS,
    SPECIAL_GUARDIANS,
    YOUNG_PEOPLE,
    MembershipStatus,
)

if TYPE_CHECKING:
    from backend.groups.walls import Standing

# Who each audience is for, in the words the reason uses.
AUDIENCE_NAMES = {
    ADOPTERS: "adoptive parents",
    SPECIAL_GUARDIANS: "special guardians and kinship carers",
    CARERS: "adoptive parents, special guardians and kinship carers",
    PROSPECTIVE_ADOPTERS: "people going through approval to adopt",
    YOUNG_PEOPLE: "young people aged 13 to 17",
    ADULT_ADOPTEES: "adults who were adopted",
}


def join_refusal(user: User, s: Standing) -> str:
    """The reason ``user``, who may see the group (``s.see``) but not join it, is refused."""
    state = s.membership.status if s.membership is not None else None
    audience = AUDIENCE_NAMES[s.group.audience]
    if state == MembershipStatus.REMOVED:
        return "You were removed from this group by its leaders or staff, so you can't rejoin it yourself."
    if state == MembershipStatus.ACTIVE:  # in it, but the wall no longer admits them (their persona changed)
        return f"This group is for {audience}, so it is no longer open to you."
    if user.persona in p.STAFF:
        # Staff do not join peer groups: they are assigned to run one (PRODUCT.md 2.1 and 3).
        return "Staff don't join groups: the group's staff or an admin assigns staff to run it."
    if s.group.visibility == INVITE:
        return "This group is invite only: its leaders or staff can invite you."
    if user.persona == p.PROSPECTIVE_ADOPTER:
        # GUEST_READERS in service.py: prospective adopters read carers' open groups, never join.
        return (
            f"This group is for {audience}. You can read it while you prepare; "
            "prospective adopters' groups are yours to join."
        )
    return f"This group is for {audience}."
