"""Workflow definitions are data, checked when loaded: every shipped file loads, and each kind of
mistake is refused with the file and the field named (a bad definition fails ``make test``)."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.applications import workflows as w


def test_every_shipped_workflow_loads() -> None:
    loaded = w.load_directory(w.WORKFLOWS_DIR)
    assert set(loaded) == {"asgsf_application", "adopter_approval", "local_support_pathway"}
    asgsf = loaded["asgsf_application"]
    assert asgsf.fair_access_limit == 5000
    assert asgsf.stage("support_requested").transition_to("approved") is None
    submit = asgsf.stage("assessment_completed").transition_to("application_submitted")
    assert submit is not None and submit.guards[0].months == 3
    assert asgsf.stage("application_submitted").transition_to("not_progressed").reason_required  # type: ignore[union-attr]
    local = loaded["local_support_pathway"]
    assert local.stage("first_contact").target == timedelta(hours=72)
    assert local.stage("call_back").target == timedelta(days=28)
    approval = loaded["adopter_approval"]
    assert list(approval.stages)[:6] == [
        "enquiry",
        "registration_of_interest",
        "stage_1",
        "stage_2",
        "panel",
        "approval",
    ]


def _asgsf() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((w.WORKFLOWS_DIR / "asgsf_application.yaml").read_text())
    return data


def _stage(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in data["stages"] if s["key"] == key)


def _break(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(_asgsf())
    change(data)
    return data


BAD = [
    ("unknown field", lambda d: d.update(colour="blue"), "unknown field"),
    (
        "transition to nowhere",
        lambda d: _stage(d, "approved")["transitions"].append({"to": "moon", "by": ["agency"]}),
        "'moon'",
    ),
    ("unknown role", lambda d: _stage(d, "approved")["transitions"][0].update(by=["robot"]), ".by"),
    ("terminal with a target", lambda d: _stage(d, "ended").update(target_days=3), "terminal"),
    ("open stage with no target", lambda d: _stage(d, "approved").pop("target_days"), "target"),
    ("both targets", lambda d: _stage(d, "approved").update(target_hours=3), "not both"),
    ("unknown responsible", lambda d: _stage(d, "approved").update(responsible="nobody"), "responsible"),
    (
        "unknown guard",
        lambda d: _stage(d, "assessment_completed")["transitions"][0]["guards"][0].update(kind="vibes"),
        "kind",
    ),
    (
        "guard on no stage",
        lambda d: _stage(d, "assessment_completed")["transitions"][0]["guards"][0].update(stage="nope"),
        "'nope'",
    ),
    (
        "unreachable stage",
        lambda d: d["stages"].append(
            {
                "key": "island",
                "title": "I",
                "plain": "p",
                "next_step": "n",
                "responsible": "agency",
                "terminal": True,
            }
        ),
        "cannot be reached",
    ),
    ("bad reminder date", lambda d: d["reminders"][0].update(month=2, day=30), "not a date"),
    ("reminder on no stage", lambda d: d["reminders"][0].update(stages=["nope"]), "nope"),
    ("measure on no stage", lambda d: d["measures"][0].update(to="nope"), "nope"),
    ("string for a number", lambda d: _stage(d, "approved").update(target_days="six"), "expected"),
    ("empty title", lambda d: d.update(title="  "), "empty"),
    ("reason required without codes", lambda d: d.pop("reason_codes"), "reason"),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_a_bad_definition_is_refused_with_where_and_why(case: Any) -> None:
    _name, change, words = case
    with pytest.raises(w.WorkflowError) as raised:
        w.parse_workflow(_break(change), "asgsf_application.yaml")
    assert words in str(raised.value)
    assert "asgsf_application.yaml" in str(raised.value)


def test_a_bad_file_in_the_folder_fails_the_load(tmp_path: Path) -> None:
    (tmp_path / "asgsf_application.yaml").write_text(yaml.safe_dump(_asgsf()))
    assert set(w.load_directory(tmp_path)) == {"asgsf_application"}
    (tmp_path / "broken.yaml").write_text("key: [unclosed")
    with pytest.raises(w.WorkflowError, match=r"broken\.yaml: not valid YAML"):
        w.load_directory(tmp_path)
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump({**_asgsf(), "key": "other_name"}))
    with pytest.raises(w.WorkflowError, match="must match the file name"):
        w.load_directory(tmp_path)


def test_three_calendar_months_and_the_fund_year() -> None:
    assert w.add_months(datetime(2026, 11, 30, tzinfo=UTC), 3) == datetime(2027, 2, 28, tzinfo=UTC)
    assert w.add_months(datetime(2026, 1, 15, tzinfo=UTC), 3) == datetime(2026, 4, 15, tzinfo=UTC)
    reminder = w.workflow("asgsf_application").reminders[0]
    assert reminder.year_end(date(2027, 1, 1)) == date(2027, 3, 31)
    assert reminder.year_end(date(2027, 4, 1)) == date(2028, 3, 31)
    assert reminder.threshold_due(date(2027, 2, 16)) is None  # 43 days before
    assert reminder.threshold_due(date(2027, 2, 17)) == 42
    assert reminder.threshold_due(date(2027, 3, 20)) == 14  # a late first run: only the nearest
    assert reminder.threshold_due(date(2027, 3, 31)) == 14
