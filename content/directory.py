"""Who to contact, by local authority or agency: ``content/directory.yaml`` (CONTENT_SPEC.md), checked.

Every entry is a clearly marked example (``example: true``) and its numbers are Ofcom's drama
numbers (01632 960xxx), so no real service is ever named by mistake; 999 may appear as the
emergency route. At least one entry per English region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from content.vocabulary import REGIONS, ContentError

REQUIRED = {"region", "local_authority", "example", "support_duty_line", "out_of_hours", "virtual_school"}
OPTIONAL = {"kinship_support"}
TEXT_FIELDS = ("support_duty_line", "out_of_hours", "virtual_school", "kinship_support")
NUMBER = re.compile(r"\+?\d[\d ]{5,}\d")
DRAMA = re.compile(r"01632 ?960\d{3}")


@dataclass(frozen=True)
class Entry:
    region: str
    local_authority: str
    example: bool
    support_duty_line: str
    out_of_hours: str
    virtual_school: str
    kinship_support: str | None


def canonical_region(name: str) -> str | None:
    """The region as the directory spells it, whatever the case; None if not an English region."""
    for region in REGIONS:
        if region.lower() == name.strip().lower():
            return region
    return None


def load_directory(path: Path, *, every_region: bool = True) -> list[Entry]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    if not isinstance(raw, list):
        raise ContentError([f"{path.name}: a list of entries"])
    problems: list[str] = []
    entries: list[Entry] = []
    for n, spec in enumerate(raw, start=1):
        where = f"{path.name}: entry {n}"
        if not isinstance(spec, dict):
            problems.append(f"{where}: a mapping")
            continue
        missing, unknown = REQUIRED - set(spec), set(spec) - REQUIRED - OPTIONAL
        if missing or unknown:
            problems.append(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
            continue
        region = canonical_region(str(spec["region"]))
        if region is None:
            problems.append(f"{where}: region {spec['region']!r} is not one of {', '.join(REGIONS)}")
        if spec["example"] is not True:
            problems.append(f"{where}: every entry is marked example: true")
        texts = {name: spec.get(name) for name in TEXT_FIELDS}
        for name, value in [("local_authority", spec["local_authority"]), *texts.items()]:
            if value is None and name in OPTIONAL:
                continue
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}: {name} is non-empty text")
                continue
            for number in NUMBER.findall(value):
                if not DRAMA.fullmatch(number.strip()):
                    problems.append(f"{where}: {name}: {number.strip()!r} is not a 01632 960xxx drama number")
        if region is not None and not problems:
            entries.append(
                Entry(
                    region=region,
                    local_authority=spec["local_authority"].strip(),
                    example=True,
                    support_duty_line=spec["support_duty_line"].strip(),
                    out_of_hours=spec["out_of_hours"].strip(),
                    virtual_school=spec["virtual_school"].strip(),
                    kinship_support=(spec.get("kinship_support") or "").strip() or None,
                )
            )
    if every_region and not problems:
        missing_regions = set(REGIONS) - {e.region for e in entries}
        if missing_regions:
            problems.append(f"{path.name}: no entry for {sorted(missing_regions)}")
    if problems:
        raise ContentError(problems)
    return entries
