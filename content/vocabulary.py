"""The fixed vocabularies of content/ (CONTENT_SPEC.md) and the stage definitions, read from data.

``stages.yaml`` and ``tags.yaml`` are data: this module reads and checks them, and the journey code
(``backend/journeys``) computes dates from the rules they hold. No Flask, no backend imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent

AUDIENCES = ("carer", "young_person", "adult_adoptee")
LEGAL_ROUTES = ("adoption", "special_guardianship", "kinship")
EVIDENCE = ("lived_experience", "practice", "research")
JOURNEYS = ("child", "carer", "prospective", "young_person", "adult_adoptee")
RANGE_RULES = ("school_year_offset", "age_years", "months_after_placement")
LIST_RULES = ("persona", "persona_next", "legal_route")
RULES = (*RANGE_RULES, *LIST_RULES, "on_request")
PERSONAS = ("adopter", "special_guardian", "prospective_adopter", "young_person", "adult_adoptee")
# The nine English regions (the directory's ``region``).
REGIONS = (
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


class ContentError(ValueError):
    """Content that breaks the contract: every problem found, one a line, each naming its file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """One way a stage is placed on a journey (see stages.yaml): ``kind`` with either a range
    (``start``, ``until``: numbers, ``until`` None when open-ended) or ``values``."""

    kind: str
    start: int | None = None
    until: int | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stage:
    slug: str
    title: str
    summary: str
    journeys: tuple[str, ...]
    rules: tuple[Rule, ...]
    lead_months: int
    nudge: str | None
    tags: tuple[str, ...]
    order: int


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_tags(path: Path = HERE / "tags.yaml") -> dict[str, Tag]:
    raw = _yaml(path)
    problems: list[str] = []
    tags: dict[str, Tag] = {}
    if not isinstance(raw, dict):
        raise ContentError([f"{path.name}: a mapping of tag slug to label and keywords"])
    for slug, spec in raw.items():
        if not isinstance(spec, dict) or set(spec) != {"label", "keywords"}:
            problems.append(f"{path.name}: {slug}: needs exactly label and keywords")
            continue
        keywords = spec["keywords"]
        if not isinstance(spec["label"], str) or not isinstance(keywords, list) or not keywords:
            problems.append(f"{path.name}: {slug}: label is text, keywords a non-empty list")
            continue
        tags[str(slug)] = Tag(str(slug), spec["label"], tuple(str(k).lower() for k in keywords))
    if problems:
        raise ContentError(problems)
    return tags


_STAGE_FIELDS = {"slug", "title", "summary", "journeys", "when", "lead_months", "tags"}
_STAGE_OPTIONAL = {"nudge"}


def _rule(where: str, spec: Any, problems: list[str]) -> Rule | None:
    if not isinstance(spec, dict) or len(spec) != 1:
        problems.append(f"{where}: each rule is one of {', '.join(RULES)}")
        return None
    ((kind, value),) = spec.items()
    if kind in RANGE_RULES:
        if not isinstance(value, dict) or not set(value) <= {"from", "until"} or "from" not in value:
            problems.append(f"{where}: {kind} takes {{from: N, until: M}} (until optional)")
            return None
        start, until = value["from"], value.get("until")
        if type(start) is not int or (until is not None and (type(until) is not int or until <= start)):
            problems.append(f"{where}: {kind}: from and until are whole numbers, until after from")
            return None
        return Rule(kind, start=start, until=until)
    if kind in LIST_RULES:
        allowed = PERSONAS if kind != "legal_route" else LEGAL_ROUTES
        if not isinstance(value, list) or not value or not set(value) <= set(allowed):
            problems.append(f"{where}: {kind} lists some of {', '.join(allowed)}")
            return None
        return Rule(kind, values=tuple(value))
    if kind == "on_request" and value is True:
        return Rule(kind)
    problems.append(f"{where}: unknown rule {kind!r}")
    return None


def load_stages(path: Path = HERE / "stages.yaml", tags: dict[str, Tag] | None = None) -> dict[str, Stage]:
    """The stages in their file order, checked: every field, every rule and every tag."""
    known_tags = tags if tags is not None else load_tags()
    raw = _yaml(path)
    if not isinstance(raw, list):
        raise ContentError([f"{path.name}: a list of stages"])
    problems: list[str] = []
    stages: dict[str, Stage] = {}
    for order, spec in enumerate(raw):
        where = f"{path.name}: stage {order + 1}"
        if not isinstance(spec, dict):
            problems.append(f"{where}: a mapping")
            continue
        missing, unknown = _STAGE_FIELDS - set(spec), set(spec) - _STAGE_FIELDS - _STAGE_OPTIONAL
        if missing or unknown:
            problems.append(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
            continue
        where = f"{path.name}: {spec['slug']}"
        rules = [_rule(where, r, problems) for r in spec["when"] or [None]]
        bad_tags = set(spec["tags"]) - set(known_tags)
        if bad_tags:
            problems.append(f"{where}: unknown tags {sorted(bad_tags)}")
        if not set(spec["journeys"]) <= set(JOURNEYS):
            problems.append(f"{where}: journeys are some of {', '.join(JOURNEYS)}")
        if type(spec["lead_months"]) is not int or spec["lead_months"] < 0:
            problems.append(f"{where}: lead_months is a whole number of months, 0 or more")
        if spec["slug"] in stages:
            problems.append(f"{where}: defined twice")
        if None in rules:
            continue
        stages[spec["slug"]] = Stage(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            journeys=tuple(spec["journeys"]),
            rules=tuple(r for r in rules if r is not None),
            lead_months=spec["lead_months"],
            nudge=spec.get("nudge"),
            tags=tuple(spec["tags"]),
            order=order,
        )
    if problems:
        raise ContentError(problems)
    return stages
