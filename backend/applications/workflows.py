"""Workflow definitions: read from ``content/workflows/*.yaml`` and checked when they are loaded.

Pure: no database, no Flask. A definition names its stages (with plain words for families, who is
responsible and a target duration), the transitions allowed from each stage and who may make them
(``agency``, ``family``, ``system``), the reason codes, the guards on transitions (the ASGSF rule that
an assessment older than 3 months is redone before submission, 001_c1d62c914661358b.txt), reminders
and the waiting-time measures the insights report. Anything unknown or inconsistent is refused with
the file and the field named, so a bad definition fails at start-up and in ``make test``
(``tests/applications/test_workflows.py`` loads every file), never half-way through a family's case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

# The repository's content folder, found from this file (content/ holds data only).
WORKFLOWS_DIR = Path(__file__).resolve().parents[2] / "content" / "workflows"

ROLES = frozenset({"agency", "family", "system"})
RESPONSIBLE = {
    "agency": "Your agency",
    "family": "You",
    "fund": "The support fund",
    "provider": "The support provider",
    "panel": "The adoption panel",
    "court": "The court",
}
APPLICANTS = frozenset({"carers", "prospective_adopters"})
GUARDS = frozenset({"assessment_within"})
REMINDER_KINDS = frozenset({"fund_year_end"})
_KEY = re.compile(r"^[a-z][a-z0-9_]{1,58}$")


class WorkflowError(ValueError):
    """A definition that cannot be used, with where the problem is."""


@dataclass(frozen=True)
class Guard:
    """A condition a transition must meet. ``assessment_within``: the application entered ``stage``
    no more than ``months`` calendar months ago."""

    kind: str
    stage: str
    months: int
    message: str


@dataclass(frozen=True)
class Transition:
    to: str
    by: frozenset[str]
    reason_required: bool = False
    records_amount_approved: bool = False
    guards: tuple[Guard, ...] = ()


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    plain: str  # what this stage means, for the family
    next_step: str
    responsible: str
    target: timedelta | None
    terminal: bool
    transitions: tuple[Transition, ...]

    def transition_to(self, stage: str) -> Transition | None:
        return next((t for t in self.transitions if t.to == stage), None)


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str
    month: int
    day: int
    days_before: tuple[int, ...]
    stages: frozenset[str]
    title: str
    body: str

    def year_end(self, today: date) -> date:
        """The end of the fund year that ``today`` falls in (e.g. the next 31 March)."""
        end = date(today.year, self.month, self.day)
        return end if today <= end else date(today.year + 1, self.month, self.day)

    def threshold_due(self, today: date) -> int | None:
        """The smallest ``days_before`` whose window has opened, or None: one reminder per window,
        even when the job first runs late."""
        remaining = (self.year_end(today) - today).days
        opened = [d for d in self.days_before if remaining <= d]
        return min(opened) if opened else None


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    from_stage: str
    to_stage: str
    target_days: int | None


@dataclass(frozen=True)
class Workflow:
    key: str
    title: str
    description: str
    applicants: str
    family_may_start: bool
    family_may_request_review: bool
    first_stage: str
    stages: Mapping[str, Stage]
    reason_codes: Mapping[str, str]
    measures: tuple[Measure, ...] = ()
    reminders: tuple[Reminder, ...] = ()
    fair_access_limit: int | None = None  # pounds; above it, match funding is flagged
    stage_order: tuple[str, ...] = field(default=())

    def stage(self, key: str) -> Stage:
        return self.stages[key]


# --- reading -------------------------------------------------------------------------------------


class _Reader:
    """Reads one mapping, refusing unknown fields and naming the path of every problem."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise WorkflowError(f"{where}: expected a mapping")
        self.data, self.where, self.used = data, where, set[str]()

    def get(
        self, name: str, kind: type | tuple[type, ...], *, required: bool = True, default: Any = None
    ) -> Any:
        self.used.add(name)
        if name not in self.data:
            if required:
                raise WorkflowError(f"{self.where}: '{name}' is required")
            return default
        value = self.data[name]
        if isinstance(value, bool) and kind is int:
            raise WorkflowError(f"{self.where}.{name}: expected a number")
        if not isinstance(value, kind):
            raise WorkflowError(f"{self.where}.{name}: expected {getattr(kind, '__name__', kind)}")
        if isinstance(value, str) and not value.strip():
            raise WorkflowError(f"{self.where}.{name}: must not be empty")
        return value

    def key(self, name: str) -> str:
        value = self.get(name, str)
        if not _KEY.match(value):
            raise WorkflowError(f"{self.where}.{name}: '{value}' is not a key (lower case, digits, _)")
        return str(value)

    def done(self) -> None:
        unknown = set(self.data) - self.used
        if unknown:
            raise WorkflowError(f"{self.where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")


def _guard(data: Any, where: str) -> Guard:
    r = _Reader(data, where)
    kind = r.get("kind", str)
    if kind not in GUARDS:
        raise WorkflowError(f"{where}.kind: '{kind}' is not one of {sorted(GUARDS)}")
    guard = Guard(kind=kind, stage=r.key("stage"), months=r.get("months", int), message=r.get("message", str))
    if guard.months < 1:
        raise WorkflowError(f"{where}.months: must be at least 1")
    r.done()
    return guard


def _transition(data: Any, where: str) -> Transition:
    r = _Reader(data, where)
    to = r.key("to")
    by = r.get("by", list)
    if not by or not set(by) <= ROLES:
        raise WorkflowError(f"{where}.by: must list some of {sorted(ROLES)}")
    transition = Transition(
        to=to,
        by=frozenset(by),
        reason_required=r.get("reason_required", bool, required=False, default=False),
        records_amount_approved=r.get("records_amount_approved", bool, required=False, default=False),
        guards=tuple(
            _guard(g, f"{where}.guards[{i}]")
            for i, g in enumerate(r.get("guards", list, required=False, default=[]))
        ),
    )
    r.done()
    return transition


def _stage(data: Any, where: str) -> Stage:
    r = _Reader(data, where)
    key = r.key("key")
    terminal = r.get("terminal", bool, required=False, default=False)
    days = r.get("target_days", int, required=False)
    hours = r.get("target_hours", int, required=False)
    if days is not None and hours is not None:
        raise WorkflowError(f"{where}: give target_days or target_hours, not both")
    target = (
        timedelta(days=days) if days is not None else timedelta(hours=hours) if hours is not None else None
    )
    if target is not None and target <= timedelta(0):
        raise WorkflowError(f"{where}: a target must be positive")
    responsible = r.get("responsible", str)
    if responsible not in RESPONSIBLE:
        raise WorkflowError(f"{where}.responsible: '{responsible}' is not one of {sorted(RESPONSIBLE)}")
    transitions = tuple(
        _transition(t, f"{where}.transitions[{i}]")
        for i, t in enumerate(r.get("transitions", list, required=False, default=[]))
    )
    if terminal and (transitions or target is not None):
        raise WorkflowError(f"{where}: a terminal stage has no transitions and no target")
    if not terminal and not transitions:
        raise WorkflowError(f"{where}: a stage that is not terminal needs at least one transition")
    if not terminal and target is None:
        raise WorkflowError(f"{where}: a stage that is not terminal needs a target duration")
    if len({t.to for t in transitions}) != len(transitions):
        raise WorkflowError(f"{where}: a transition to the same stage is listed twice")
    stage = Stage(
        key=key,
        title=r.get("title", str),
        plain=r.get("plain", str),
        next_step=r.get("next_step", str),
        responsible=responsible,
        target=target,
        terminal=terminal,
        transitions=transitions,
    )
    r.done()
    return stage


def _reminder(data: Any, where: str) -> Reminder:
    r = _Reader(data, where)
    kind = r.get("kind", str)
    if kind not in REMINDER_KINDS:
        raise WorkflowError(f"{where}.kind: '{kind}' is not one of {sorted(REMINDER_KINDS)}")
    days_before = tuple(r.get("days_before", list))
    if not days_before or not all(
        isinstance(d, int) and not isinstance(d, bool) and 0 < d < 366 for d in days_before
    ):
        raise WorkflowError(f"{where}.days_before: a list of whole days between 1 and 365")
    reminder = Reminder(
        key=r.key("key"),
        kind=kind,
        month=r.get("month", int),
        day=r.get("day", int),
        days_before=days_before,
        stages=frozenset(r.get("stages", list)),
        title=r.get("title", str),
        body=r.get("body", str),
    )
    try:
        date(2001, reminder.month, reminder.day)  # not a leap year: 29 February is refused
    except ValueError as exc:
        raise WorkflowError(f"{where}: month {reminder.month} day {reminder.day} is not a date") from exc
    r.done()
    return reminder


def _measure(data: Any, where: str) -> Measure:
    r = _Reader(data, where)
    measure = Measure(
        key=r.key("key"),
        title=r.get("title", str),
        from_stage=r.key("from"),
        to_stage=r.key("to"),
        target_days=r.get("target_days", int, required=False),
    )
    r.done()
    return measure


def parse_workflow(data: Any, where: str) -> Workflow:
    """One definition from its parsed YAML; raises ``WorkflowError`` naming the first problem."""
    r = _Reader(data, where)
    key = r.key("key")
    stages_list = [_stage(s, f"{where}.stages[{i}]") for i, s in enumerate(r.get("stages", list))]
    stages = {s.key: s for s in stages_list}
    if len(stages) != len(stages_list):
        raise WorkflowError(f"{where}.stages: a stage key is used twice")
    reasons = r.get("reason_codes", dict, required=False, default={})
    for code, label in reasons.items():
        if (
            not isinstance(code, str)
            or not _KEY.match(code)
            or not isinstance(label, str)
            or not label.strip()
        ):
            raise WorkflowError(f"{where}.reason_codes: '{code}' needs a key and a label")
    applicants = r.get("applicants", str)
    if applicants not in APPLICANTS:
        raise WorkflowError(f"{where}.applicants: '{applicants}' is not one of {sorted(APPLICANTS)}")
    limit = r.get("fair_access_limit", int, required=False)
    workflow = Workflow(
        key=key,
        title=r.get("title", str),
        description=r.get("description", str),
        applicants=applicants,
        family_may_start=r.get("family_may_start", bool),
        family_may_request_review=r.get("family_may_request_review", bool),
        first_stage=stages_list[0].key if stages_list else "",
        stages=stages,
        reason_codes=dict(reasons),
        measures=tuple(
            _measure(m, f"{where}.measures[{i}]")
            for i, m in enumerate(r.get("measures", list, required=False, default=[]))
        ),
        reminders=tuple(
            _reminder(m, f"{where}.reminders[{i}]")
            for i, m in enumerate(r.get("reminders", list, required=False, default=[]))
        ),
        fair_access_limit=limit,
        stage_order=tuple(stages),
    )
    r.done()
    _check_consistent(workflow, where)
    return workflow


def _check_consistent(w: Workflow, where: str) -> None:
    if not w.stages:
        raise WorkflowError(f"{where}.stages: at least one stage")
    if w.stages[w.first_stage].terminal:
        raise WorkflowError(f"{where}.stages: the first stage cannot be terminal")
    if w.fair_access_limit is not None and w.fair_access_limit <= 0:
        raise WorkflowError(f"{where}.fair_access_limit: must be positive")
    for stage in w.stages.values():
        for t in stage.transitions:
            if t.to not in w.stages:
                raise WorkflowError(f"{where}: stage '{stage.key}' moves to '{t.to}', which is not a stage")
            if t.reason_required and not w.reason_codes:
                raise WorkflowError(
                    f"{where}: '{stage.key}' -> '{t.to}' requires a reason but there are no reason codes"
                )
            if t.records_amount_approved and w.fair_access_limit is None:
                raise WorkflowError(f"{where}: '{t.to}' records an amount but there is no fair_access_limit")
            for g in t.guards:
                if g.stage not in w.stages:
                    raise WorkflowError(
                        f"{where}: a guard on '{stage.key}' -> '{t.to}' names '{g.stage}', not a stage"
                    )
    reached, frontier = {w.first_stage}, [w.first_stage]
    while frontier:
        for t in w.stages[frontier.pop()].transitions:
            if t.to not in reached:
                reached.add(t.to)
                frontier.append(t.to)
    unreachable = set(w.stages) - reached
    if unreachable:
        raise WorkflowError(
            f"{where}: stage(s) {sorted(unreachable)} cannot be reached from '{w.first_stage}'"
        )
    for m in w.measures:
        for s in (m.from_stage, m.to_stage):
            if s not in w.stages:
                raise WorkflowError(f"{where}: measure '{m.key}' names '{s}', not a stage")
    for rem in w.reminders:
        if not rem.stages <= set(w.stages):
            raise WorkflowError(
                f"{where}: reminder '{rem.key}' names stage(s) {sorted(rem.stages - set(w.stages))}"
            )


def load_file(path: Path) -> Workflow:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise WorkflowError(f"{path.name}: not valid YAML ({exc})") from exc
    workflow = parse_workflow(data, path.name)
    if workflow.key != path.stem:
        raise WorkflowError(f"{path.name}: the key '{workflow.key}' must match the file name")
    return workflow


def load_directory(directory: Path) -> dict[str, Workflow]:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise WorkflowError(f"{directory}: no workflow definitions")
    return {w.key: w for w in map(load_file, files)}


@cache
def all_workflows() -> dict[str, Workflow]:
    """Every shipped workflow by key (read once per process)."""
    return load_directory(WORKFLOWS_DIR)


def workflow(key: str) -> Workflow:
    return all_workflows()[key]


# --- rules the definitions drive -------------------------------------------------------------------


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` calendar months later (the month's last day when it has fewer days)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=min(day, moment.day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def due_at(stage: Stage, entered_at: datetime) -> datetime | None:
    return entered_at + stage.target if stage.target is not None else None
