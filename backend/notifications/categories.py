"""What a notification can be about: the categories as data, each with its default cadence, whether a
person may turn it off, and the defaults for young people (ICO Children's Code: high privacy by
default; nothing on that is not needed for their safety or for something they asked for)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Cadence(StrEnum):
    immediate = "immediate"
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"
    off = "off"


@dataclass(frozen=True)
class Category:
    name: str
    description: str
    default: Cadence
    youth_default: Cadence
    may_turn_off: bool = True
    staff_only: bool = False
    # What turning an opt-in category "on" means (PATCH ``"on"``): journey nudges come monthly, as
    # most adopters asked for (PRODUCT.md 2.5, seed 003).
    when_on: Cadence = Cadence.immediate


CATEGORIES: dict[str, Category] = {
    c.name: c
    for c in (
        Category("group_activity", "New threads in groups you belong to", Cadence.daily, Cadence.off),
        Category(
            "mentions_and_replies",
            "Replies in threads you started or posted in",
            Cadence.immediate,
            Cadence.immediate,
        ),
        # Something the person asked for (ICO Children's Code: on for young people too).
        Category(
            "memberships", "Answers to your requests to join groups", Cadence.immediate, Cadence.immediate
        ),
        Category("chat_message", "Messages and connection requests", Cadence.immediate, Cadence.immediate),
        Category(
            "moderation_outcome",
            "What happened to your reports and appeals, and decisions about your content",
            Cadence.immediate,
            Cadence.immediate,
            may_turn_off=False,
        ),
        Category(
            "mentoring", "Mentoring, buddying and consultant matches", Cadence.immediate, Cadence.immediate
        ),
        Category("playdates", "Playdate invitations", Cadence.immediate, Cadence.off),
        Category("events", "Events you are going to, and reminders", Cadence.immediate, Cadence.immediate),
        # Transition nudges are opt-in: off until the person turns them on (then monthly by default).
        Category(
            "journey",
            "Life-stage articles ahead of each transition",
            Cadence.off,
            Cadence.off,
            when_on=Cadence.monthly,
        ),
        Category(
            "applications", "Progress of your support applications", Cadence.immediate, Cadence.immediate
        ),
        Category(
            "safeguarding",
            "Safeguarding alerts for the on-call team",
            Cadence.immediate,
            Cadence.off,
            may_turn_off=False,
            staff_only=True,
        ),
    )
}


def category(name: str) -> Category:
    """The category, or ValueError: a feature naming an unknown category is a programming error."""
    try:
        return CATEGORIES[name]
    except KeyError:
        raise ValueError(f"unknown notification category {name!r}") from None
