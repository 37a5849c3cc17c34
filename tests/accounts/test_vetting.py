"""Recording a DBS check (PRODUCT.md 3): never one's own, only by a worker of the person's agency or
an admin, with sane dates, every change audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from backend.accounts import service
from backend.accounts.models import AccountEvent, StaffRecord
from backend.core.db import db
from tests.factories import make_user


def put(client: Any, actor: Any, user_id: int, **body: Any) -> Any:
    return client.put(f"/api/v1/users/{user_id}/vetting", json=body, headers=actor.headers)


def today_iso(days: int = 0) -> str:
    return (service.today() + timedelta(days=days)).isoformat()


def record_of(user_id: int) -> StaffRecord | None:
    db.session.expire_all()
    return db.session.get(StaffRecord, user_id)


@pytest.mark.parametrize("who", ["agency_worker", "admin", "other_agency_worker"])
def test_nobody_records_their_own_vetting(client: Any, cast: Any, who: str) -> None:
    me = getattr(cast, who)
    before = record_of(me.id)
    response = put(client, me, me.id, dbs_checked_on=today_iso(), dbs_renewal_due="2099-01-01")
    assert response.status_code == 403, response.json
    assert response.json["code"] == 403 and "own vetting" in response.json["message"]
    assert list(response.json["errors"]) == ["user_id"]
    assert put(client, me, me.id, dbs_checked_on=today_iso()).status_code == 403
    after = record_of(me.id)
    assert (after.dbs_renewal_due if after else None) == (before.dbs_renewal_due if before else None)


def test_only_a_worker_of_the_persons_agency_or_an_admin_records_it(client: Any, cast: Any) -> None:
    north_mod = make_user("moderator", agency="North RAA")
    north_mentor = make_user("adopter", agency="North RAA")  # a carer: the family's agency counts
    body = {"dbs_checked_on": today_iso(-10)}
    for target in (north_mod, north_mentor):
        refused = put(client, cast.other_agency_worker, target.id, **body)  # South VAA
        assert refused.status_code == 404 and refused.json["message"] == "Not found"
        assert record_of(target.id) is None
        assert put(client, cast.agency_worker, target.id, **body).status_code == 200  # North RAA
    south_mod = make_user("moderator", agency="South VAA")
    assert put(client, cast.agency_worker, south_mod.id, **body).status_code == 404
    assert put(client, cast.admin, south_mod.id, **body).status_code == 200


def test_a_worker_cannot_strip_another_agencys_check(client: Any, cast: Any) -> None:
    assert service.may_work_with_young_people(cast.moderator.user)  # North RAA, in date
    stripped = put(client, cast.other_agency_worker, cast.moderator.id, dbs_checked_on=None)
    assert stripped.status_code == 404
    assert service.may_work_with_young_people(cast.moderator.user)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"dbs_checked_on": "+1"}, "dbs_checked_on"),  # a check in the future
        ({"dbs_checked_on": "0", "dbs_renewal_due": "2099-01-01"}, "dbs_renewal_due"),
        ({"dbs_checked_on": "-10", "dbs_renewal_due": "+1200"}, "dbs_renewal_due"),  # > 3 years
        ({"dbs_checked_on": "-1500"}, "dbs_renewal_due"),  # lapsed: renewal (3 years on) is past
        ({"dbs_checked_on": "-100", "dbs_renewal_due": "-1"}, "dbs_renewal_due"),  # due in the past
        ({"dbs_checked_on": "-100", "dbs_renewal_due": "0"}, "dbs_renewal_due"),  # due today: lapsed
        ({"dbs_checked_on": None, "dbs_renewal_due": "+100"}, "dbs_checked_on"),
        ({"dbs_checked_on": "-10", "training_completed_on": "+5"}, "training_completed_on"),
    ],
)
def test_dates_are_bounded(client: Any, cast: Any, body: dict[str, Any], field: str) -> None:
    target = make_user("moderator")
    sent = {k: (today_iso(int(v)) if isinstance(v, str) and v[0] in "+-0" else v) for k, v in body.items()}
    response = put(client, cast.agency_worker, target.id, **sent)
    assert response.status_code == 422, response.json
    assert list(response.json["errors"]) == [field]
    assert record_of(target.id) is None


def test_a_renewal_up_to_three_years_is_kept_and_every_change_is_audited(client: Any, cast: Any) -> None:
    target = make_user("moderator")
    checked = service.today() - timedelta(days=10)
    three_years = checked.replace(year=checked.year + 3)
    given = put(
        client,
        cast.agency_worker,
        target.id,
        dbs_checked_on=checked.isoformat(),
        dbs_renewal_due=today_iso(400),
    )
    assert given.status_code == 200 and given.json["dbs_renewal_due"] == today_iso(400)
    default = put(client, cast.admin, target.id, dbs_checked_on=checked.isoformat())
    assert default.status_code == 200, default.json
    assert default.json["dbs_renewal_due"] == three_years.isoformat()
    assert default.json["may_work_with_young_people"] is True
    cleared = put(client, cast.agency_worker, target.id, dbs_checked_on=None)
    assert cleared.status_code == 200 and cleared.json["may_work_with_young_people"] is False
    events = db.session.scalars(
        select(AccountEvent)
        .where(AccountEvent.user_id == target.id, AccountEvent.kind == "vetting_recorded")
        .order_by(AccountEvent.id)
    ).all()
    assert [e.actor_id for e in events] == [cast.agency_worker.id, cast.admin.id, cast.agency_worker.id]
    assert events[0].detail["before"] == {}
    assert events[0].detail["after"]["dbs_renewal_due"] == today_iso(400)
    assert events[1].detail["before"]["dbs_renewal_due"] == today_iso(400)
    assert events[1].detail["after"]["dbs_renewal_due"] == three_years.isoformat()
    assert events[2].detail["after"]["dbs_checked_on"] is None
