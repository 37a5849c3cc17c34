"""Waiting times, targets met and reasons not progressed, for agencies' boards (PRODUCT.md 2.6).

Split by region and legal route, because equity between special guardians and adopters is the point
(001: 3,619 special guardianship applications to the fund against 38,532 from adoptive families).
Every figure is an aggregate over a whole table suppressed by ``suppression`` (fewer than 5
families: hidden, with complementary cells so totals do not give them away).

Statistics: the median (the middle value, or the mean of the two middle values) and the 90th
percentile by the nearest-rank method (the value at position ceil(0.9 n) of the sorted waits), in
days to one decimal place.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections import defaultdict
from collections.abc import Hashable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.accounts.schemas import LEGAL_ROUTES
from backend.applications.models import Application, ApplicationEvent
from backend.applications.workflows import Workflow, all_workflows
from backend.core.db import db
from backend.core.errors import Unprocessable
from backend.insights import suppression as s

NOT_RECORDED = "not recorded"
_FIGURES = ("families", "median_days", "p90_days", "within_target", "past_target", "share_within_target")
CSV_FIELDS = (
    "section",
    "key",
    "title",
    "region",
    "legal_route",
    "families",
    "median_days",
    "p90_days",
    "within_target",
    "past_target",
    "share_within_target",
    "suppressed",
)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1)


def _days(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400


def _family_key(application: Application) -> str:
    return (
        f"family:{application.family_id}"
        if application.family_id
        else f"applicant:{application.applicant_id}"
    )


def scope_for(user: User) -> str | None:
    """An agency worker sees their agency's figures; an admin every agency's (None)."""
    return None if user.persona == p.ADMIN else (user.agency or "\x00no agency")


def _load(workflow: Workflow, agency: str | None) -> list[tuple[Application, list[ApplicationEvent]]]:
    query = select(Application).where(Application.workflow == workflow.key)
    if agency is not None:
        query = query.where(Application.agency == agency)
    applications = list(db.session.scalars(query.order_by(Application.id)))
    events: dict[int, list[ApplicationEvent]] = defaultdict(list)
    if applications:
        for row in db.session.scalars(
            select(ApplicationEvent)
            .join(Application, Application.id == ApplicationEvent.application_id)
            .where(
                Application.workflow == workflow.key,
                *([Application.agency == agency] if agency is not None else []),
            )
            .order_by(ApplicationEvent.id)
        ):
            events[row.application_id].append(row)
    return [(a, events[a.id]) for a in applications]


def _first_entry(rows: list[ApplicationEvent], stage: str, after: datetime | None = None) -> datetime | None:
    for row in rows:
        if row.to_stage == stage and (after is None or row.at >= after):
            return row.at
    return None


def _stage_visits(rows: list[ApplicationEvent]) -> dict[str, float]:
    """Each stage's first completed visit: days from entering it to the next move."""
    visits: dict[str, float] = {}
    entered: tuple[str, datetime] | None = None
    for row in rows:
        if row.to_stage is None:
            continue
        if entered is not None and entered[0] not in visits:
            visits[entered[0]] = _days(entered[1], row.at)
        entered = (row.to_stage, row.at)
    return visits


def _cell(application: Application) -> tuple[str, str]:
    return (application.region or NOT_RECORDED, application.legal_route)


def report(
    user: User, workflow_key: str, region: str | None = None, legal_route: str | None = None
) -> dict[str, Any]:
    workflow = all_workflows().get(workflow_key)
    if workflow is None:
        raise Unprocessable("Unknown workflow", {"workflow": [f"Choose one of {sorted(all_workflows())}."]})
    agency = scope_for(user)
    data = _load(workflow, agency)
    regions = sorted({_cell(a)[0] for a, _rows in data})
    routes = list(LEGAL_ROUTES)
    out: list[dict[str, Any]] = []

    for measure in workflow.measures:
        units: dict[s.Cell, list[tuple[str, float]]] = defaultdict(list)
        for application, rows in data:
            start = _first_entry(rows, measure.from_stage)
            end = _first_entry(rows, measure.to_stage, start) if start else None
            if start and end:
                units[_cell(application)].append((_family_key(application), _days(start, end)))
        grid = s.with_margins(regions, routes, units)
        hidden = s.suppress(regions, routes, [s.distinct(grid, lambda u: u[0])])
        for cell, items in grid.items():
            waits = [wait for _family, wait in items]
            shown = cell not in hidden
            within = sum(w <= measure.target_days for w in waits) if measure.target_days is not None else None
            out.append(
                _row(
                    "waiting_time",
                    measure.key,
                    measure.title,
                    cell,
                    shown,
                    families=len({f for f, _w in items}),
                    median_days=median(waits) if shown and waits else None,
                    p90_days=p90(waits) if shown and waits else None,
                    share=round(within / len(waits), 3) if shown and waits and within is not None else None,
                )
            )

    for stage in workflow.stages.values():
        if stage.target is None:
            continue
        target_days = stage.target.total_seconds() / 86400
        inside: dict[s.Cell, list[str]] = defaultdict(list)
        past: dict[s.Cell, list[str]] = defaultdict(list)
        for application, rows in data:
            spent = _stage_visits(rows).get(stage.key)
            if spent is not None:
                (inside if spent <= target_days else past)[_cell(application)].append(
                    _family_key(application)
                )
        in_grid, past_grid = s.with_margins(regions, routes, inside), s.with_margins(regions, routes, past)
        # Linked: within + past = all, so a cell hidden in one is hidden in both.
        hidden = s.suppress(regions, routes, [s.distinct(in_grid), s.distinct(past_grid)])
        for cell in in_grid:
            shown = cell not in hidden
            n_in, n_past = len(in_grid[cell]), len(past_grid[cell])
            out.append(
                _row(
                    "stage_target",
                    stage.key,
                    stage.title,
                    cell,
                    shown,
                    families=n_in + n_past,
                    within=n_in,
                    past=n_past,
                    share=round(n_in / (n_in + n_past), 3) if shown else None,
                )
            )

    # Reasons are separate tables with no total across reasons: the reason dimension has no margin
    # to subtract from.
    for code, label in workflow.reason_codes.items():
        families_by_cell: dict[s.Cell, list[str]] = defaultdict(list)
        for application, rows in data:
            if any(r.reason == code for r in rows):
                families_by_cell[_cell(application)].append(_family_key(application))
        grid_r = s.with_margins(regions, routes, families_by_cell)
        hidden = s.suppress(regions, routes, [s.distinct(grid_r)])
        for cell, items in grid_r.items():
            out.append(
                _row("reason_not_progressed", code, label, cell, cell not in hidden, families=len(set(items)))
            )

    if region is not None:
        out = [r for r in out if r["region"] == region]
    if legal_route is not None:
        out = [r for r in out if r["legal_route"] == legal_route]
    return {
        "workflow": workflow.key,
        "agency": agency if agency is not None else None,
        "min_cell": s.MIN_CELL,
        "rows": out,
    }


def _row(
    section: str,
    key: str,
    title: str,
    cell: tuple[Hashable, Hashable],
    shown: bool,
    *,
    families: int,
    median_days: float | None = None,
    p90_days: float | None = None,
    within: int | None = None,
    past: int | None = None,
    share: float | None = None,
) -> dict[str, Any]:
    return {
        "section": section,
        "key": key,
        "title": title,
        "region": cell[0],
        "legal_route": cell[1],
        "families": families if shown else None,
        "median_days": median_days if shown else None,
        "p90_days": p90_days if shown else None,
        "within_target": within if shown else None,
        "past_target": past if shown else None,
        "share_within_target": share if shown else None,
        "suppressed": not shown,
    }


def safe_cell(value: Any) -> Any:
    """A spreadsheet runs a cell that starts with = + - or @ as a formula; such text gets a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    """The same rows as the JSON, one a line; a hidden figure reads "suppressed" (fewer than 5)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: "suppressed" if row["suppressed"] and k in _FIGURES else safe_cell(row[k])
                for k in CSV_FIELDS
            }
        )
    return buffer.getvalue()
