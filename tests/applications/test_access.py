"""Persona x route access table for applications, workflows, insights and consultations: who gets
in, and everyone else's 404 (or 401 without a token)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from backend.applications import tracking
from backend.insights import consultations
from tests.factories import (
    ALL_PERSONAS,
    AccessRow,
    assert_access_row,
    assert_table_covers,
    route_of,
    row_ids,
)

_n = itertools.count(1)
FAMILY = {"adopter"}
WORKERS = {"agency_worker", "admin"}


def _adopters_application(cast: Any) -> int:
    """A new local pathway application of the adopter's family (a new one per call)."""
    created = tracking.do_create(
        cast.agency_worker.user,
        {"workflow": "local_support_pathway", "family_id": cast.adopter.user.family_id},
    ).resource
    # Close any earlier one so the next call makes a new one rather than answering the open one.
    return int(created["id"])


def _fresh_application(cast: Any) -> int:
    from backend.applications.models import Application, ApplicationStatus
    from backend.core.db import db

    for open_one in db.session.query(Application).filter_by(status=ApplicationStatus.OPEN):
        open_one.status = ApplicationStatus.CLOSED
    db.session.commit()
    return _adopters_application(cast)


_published: dict[int, int] = {}


def _carers_consultation(cast: Any) -> int:
    """One carers' consultation per cast (each persona answers it once): publishing the same text
    a dozen times in a minute would be held by screening's flood rule."""
    if id(cast) in _published:
        return _published[id(cast)]
    published = consultations.do_publish(
        cast.agency_worker.user,
        {
            "title": f"Groups survey {next(_n)}",
            "audience": "carers",
            "questions": [{"kind": "scale", "text": "How useful?", "scale_min": 1, "scale_max": 5}],
        },
    )
    _published[id(cast)] = int(published["id"])
    return _published[id(cast)]


TABLE: list[AccessRow] = [
    (
        "GET",
        lambda c: "/api/v1/applications",
        None,
        {"adopter", "unverified_adopter", "guardian", "prospective", "mentor", "agency_worker"},
        200,
    ),
    # A verified family starts its own request; the unverified one is told to get verified first (422).
    (
        "POST",
        lambda c: "/api/v1/applications",
        lambda c: {"workflow": "asgsf_application"},
        {"adopter", "guardian", "mentor"},
        201,
    ),
    (
        "POST",
        lambda c: "/api/v1/applications",
        lambda c: {"workflow": "adopter_approval", "applicant_id": c.prospective.id},
        {"agency_worker"},
        201,
    ),
    (
        "GET",
        lambda c: f"/api/v1/applications/{_adopters_application(c)}",
        None,
        {"adopter", "agency_worker"},
        200,
    ),
    (
        "POST",
        lambda c: f"/api/v1/applications/{_fresh_application(c)}/transitions",
        lambda c: {"to_stage": "call_back"},
        {"agency_worker"},
        200,
    ),
    (
        "POST",
        lambda c: f"/api/v1/applications/{_fresh_application(c)}/review-request",
        lambda c: {"note": "Please review"},
        FAMILY,
        201,
    ),
    ("GET", lambda c: "/api/v1/workflows", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/insights/waiting-times?workflow=asgsf_application", None, WORKERS, 200),
    ("GET", lambda c: "/api/v1/insights/waiting-times.csv?workflow=asgsf_application", None, WORKERS, 200),
    (
        "GET",
        lambda c: "/api/v1/consultations",
        None,
        {"adopter", "unverified_adopter", "guardian", "teen", "adult_adoptee", "mentor", *WORKERS},
        200,
    ),
    (
        "POST",
        lambda c: "/api/v1/consultations",
        lambda c: {
            "title": f"Groups survey {next(_n)}",
            "audience": "carers",
            "questions": [{"kind": "free_text", "text": "What helps?"}],
        },
        {"agency_worker"},
        201,
    ),
    # Carers of the agency answer a carers' consultation (the unverified family is not in the audience).
    (
        "POST",
        lambda c: f"/api/v1/consultations/{_carers_consultation(c)}/responses",
        lambda c: {"answers": [{"question": "q1", "value": 4}]},
        {"adopter", "guardian", "mentor"},
        201,
    ),
    ("GET", lambda c: f"/api/v1/consultations/{_carers_consultation(c)}/results", None, WORKERS, 200),
    ("GET", lambda c: f"/api/v1/consultations/{_carers_consultation(c)}/results.csv", None, WORKERS, 200),
]

# Where a persona reaches the route but the request is refused on its merits, not hidden.
REFUSED_ON_MERITS = {
    ("POST", "/api/v1/applications", "unverified_adopter"): 422,
    # The family sees its application but this move is the agency's: a 403 that says so.
    ("POST", "/api/v1/applications/<int:application_id>/transitions", "adopter"): 403,
}


@pytest.mark.parametrize("row", TABLE, ids=row_ids(TABLE))
def test_access_table(client: Any, cast: Any, row: AccessRow) -> None:
    assert_access_row(client, cast, row, refused=lambda *request: _refused(client.application, *request))


def _refused(app: Any, method: str, path: str, persona: str) -> int:
    """Outside a row: 404, unless the request is refused on its merits."""
    starters = ("adopter", "guardian", "mentor", "agency_worker")
    if method == "POST" and path == "/api/v1/applications" and persona in starters:
        return 422  # a starter using the other row's body: refused on its merits
    return REFUSED_ON_MERITS.get((method, route_of(app, method, path)[1], persona), 404)


def test_every_new_route_is_in_the_table(app: Any, cast: Any) -> None:
    assert_table_covers(app, cast, TABLE, "applications", "insights")
