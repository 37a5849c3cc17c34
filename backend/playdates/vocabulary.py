"""The finder's fixed vocabularies, and their bit masks. Families choose from these lists only, so
nothing free-form about a child (a name, a school, a diagnosis) can enter a profile this way."""

from __future__ import annotations

from collections.abc import Iterable

AGE_BANDS = ("0-2", "3-4", "5-7", "8-11", "12-15")
INTERESTS = (
    "outdoors",
    "arts_and_crafts",
    "music",
    "sport",
    "animals",
    "reading",
    "building",
    "swimming",
    "science",
    "dressing_up",
    "board_games",
    "sensory_play",
)
ACCESSIBILITY = ("send_friendly", "quiet_spaces", "step_free")
AVAILABILITY = ("weekday_mornings", "weekday_afternoons", "after_school", "weekends", "school_holidays")
# Public places only: invitations never propose a home.
VENUE_TYPES = (
    "park",
    "playground",
    "soft_play",
    "library",
    "cafe",
    "museum",
    "leisure_centre",
    "community_centre",
    "farm",
)
# The coarse area label a family picks (England's regions); never derived from the coordinates.
AREAS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)


def to_mask(vocabulary: tuple[str, ...], chosen: Iterable[str]) -> int:
    mask = 0
    for value in chosen:
        mask |= 1 << vocabulary.index(value)
    return mask


def from_mask(vocabulary: tuple[str, ...], mask: int) -> list[str]:
    return [value for i, value in enumerate(vocabulary) if mask >> i & 1]


def bit(vocabulary: tuple[str, ...], value: str) -> int:
    return 1 << vocabulary.index(value)
