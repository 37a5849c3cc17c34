"""Consultations through the API: published by an agency worker, answered once by members of the
audience, free text screened, results aggregated with small cells hidden."""

from __future__ import annotations

from typing import Any

from backend.accounts import personas as p
from tests.factories import make_teen, make_user


def test_a_consultation_from_publishing_to_results_through_the_api(client: Any, cast: Any) -> None:
    worker = cast.agency_worker
    published = client.post(
        "/api/v1/consultations",
        json={
            "title": "Support groups this year",
            "audience": "carers",
            "questions": [
                {"kind": "single_choice", "text": "Did you join a group?", "options": ["yes", "no"]},
                {"kind": "scale", "text": "How useful?", "scale_min": 1, "scale_max": 3},
                {"kind": "free_text", "text": "What would help?"},
            ],
        },
        headers=worker.headers,
    )
    assert published.status_code == 201, published.json
    cid = published.json["id"]
    carers = [make_user(p.ADOPTER) for _ in range(7)]
    for i, carer in enumerate(carers):
        answer = client.post(
            f"/api/v1/consultations/{cid}/responses",
            json={
                "answers": [
                    {"question": "q1", "choice": "yes" if i < 6 else "no"},
                    {"question": "q2", "value": 3 if i < 5 else 2},
                    {"question": "q3", "text": f"More evening sessions please, number {i}"},
                ]
            },
            headers=carer.headers,
        )
        assert answer.status_code == 201, answer.json
    again = client.post(
        f"/api/v1/consultations/{cid}/responses",
        json={"answers": [{"question": "q1", "choice": "no"}]},
        headers=carers[0].headers,
    )
    assert again.status_code == 409
    # Outside the audience or the agency: the consultation does not exist for them.
    outsider = make_user(p.ADOPTER, agency="South VAA")
    for who in (outsider, cast.adult_adoptee, cast.teen, make_teen(carers[0])):
        assert (
            client.post(
                f"/api/v1/consultations/{cid}/responses",
                json={"answers": [{"question": "q1", "choice": "no"}]},
                headers=who.headers,
            ).status_code
            == 404
        )
    assert (
        client.get(
            f"/api/v1/consultations/{cid}/results", headers=cast.other_agency_worker.headers
        ).status_code
        == 404
    )

    results = client.get(f"/api/v1/consultations/{cid}/results", headers=worker.headers).json
    assert results["respondents"] == 7
    q1, q2, q3 = results["questions"]
    # yes 6, no 1: "no" is hidden, and so is a second cell of the line ("yes"), or 7 - 6 would give
    # it away; the total stays.
    assert q1["counts"] == [{"answer": "yes", "count": None}, {"answer": "no", "count": None}]
    assert q1["answered"] == 7
    # 3: five, 2: two, 1: none -> 2 and 1 hidden (both small); the total may stay (two unknowns).
    assert q2["counts"] == [
        {"answer": "1", "count": None},
        {"answer": "2", "count": None},
        {"answer": "3", "count": 5},
    ]
    assert q2["answered"] == 7 and q2["median"] == 3.0
    assert q3["answered"] == 7 and q3["texts"] == sorted(
        f"More evening sessions please, number {i}" for i in range(7)
    )

    csv = client.get(f"/api/v1/consultations/{cid}/results.csv", headers=worker.headers).get_data(
        as_text=True
    )
    assert "q1,single_choice,Did you join a group?,no,suppressed" in csv

    listed = client.get("/api/v1/consultations", headers=carers[0].headers).json["items"]
    assert [(c["id"], c["answered"]) for c in listed] == [(cid, True)]


def test_free_text_is_screened_and_a_young_peoples_consultation_needs_dbs(client: Any, cast: Any) -> None:
    young = client.post(
        "/api/v1/consultations",
        json={
            "title": "Your say",
            "audience": "young_people",
            "questions": [{"kind": "free_text", "text": "What helps you?"}],
        },
        headers=cast.other_agency_worker.headers,  # no DBS check recorded
    )
    assert young.status_code == 422 and "DBS" in young.json["message"]
    published = client.post(
        "/api/v1/consultations",
        json={
            "title": "Your say",
            "audience": "carers",
            "questions": [{"kind": "free_text", "text": "What helps you?"}],
        },
        headers=cast.agency_worker.headers,
    ).json
    refused = client.post(
        f"/api/v1/consultations/{published['id']}/responses",
        json={"answers": [{"question": "q1", "text": "I want to kill myself tonight"}]},
        headers=cast.adopter.headers,
    )
    assert refused.status_code == 422 and "answers" in refused.json["errors"]
    # Refused answers are not counted as answered: the member may answer again.
    ok = client.post(
        f"/api/v1/consultations/{published['id']}/responses",
        json={"answers": [{"question": "q1", "text": "The evening group helps a lot"}]},
        headers=cast.adopter.headers,
    )
    assert ok.status_code == 201, ok.json
