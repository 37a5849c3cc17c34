"""What a notification can be about: the categories as data, each with its default cadence, whether a
person may turn it off, and the defaults for young people (ICO Children's Code: high privacy by
default; nothing on that is not needed for their safety or for something they asked for)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Cadence(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    OFF = "off"


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
    when_on: Cadence = Cadence.IMMEDIATE


CATEGORIES: dict[str, Category] = {
    c.name: c
    for c in (
        Category("group_activity", "New threads in groups you belong to", Cadence.DAILY, Cadence.OFF),
        Category(
            "mentions_and_replies",
            "Replies in threads you started or posted in",
            Cadence.IMMEDIATE,
            Cadence.IMMEDIATE,
        ),
        # Something the person asked for (ICO Children's Code: on for young people too).
        Category(
            "memberships", "Answers to your requests to join groups", Cadence.IMMEDIATE, Cadence.IMMEDIATE
        ),
        Category("chat_message", "Messages and connection requests", Cadence.IMMEDIATE, Cadence.IMMEDIATE),
        Category(
            "moderation_outcome",
            "What happened to your reports and appeals, and decisions about your content",
            Cadence.IMMEDIATE,
            Cadence.IMMEDIATE,
            may_turn_off=False,
        ),
        Category(
            "mentoring", "Mentoring, buddying and consultant matches", Cadence.IMMEDIATE, Cadence.IMMEDIATE
        ),
        Category("playdates", "Playdate invitations", Cadence.IMMEDIATE, Cadence.OFF),
        Category("events", "Events you are going to, and reminders", Cadence.IMMEDIATE, Cadence.IMMEDIATE),
        # Transition nudges are opt-in: off until the person turns them on (then monthly by default).
        Category(
            "journey",
            "Life-stage articles ahead of each transition",
            Cadence.OFF,
            Cadence.OFF,
            when_on=Cadence.MONTHLY,
        ),
        Category(
            "applications", "Progress of your support applications", Cadence.IMMEDIATE, Cadence.IMMEDIATE
        ),
        # Signposts for someone whose words read as a risk to their life or a friend's, or as abuse
        # told, found after they were published (moderation's second reading): never off, never held
        # back.
        Category(
            "support",
            "Where to find help, if something you wrote sounds like you or a friend may be at risk or hurt",
            Cadence.IMMEDIATE,
            Cadence.IMMEDIATE,
            may_turn_off=False,
        ),
        Category(
            "safeguarding",
            "Safeguarding alerts for the on-call team",
            Cadence.IMMEDIATE,
            Cadence.OFF,
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
