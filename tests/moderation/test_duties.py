"""Separation of duties (PRODUCT.md 3): nobody claims or decides an item about their own content,
about themselves, or that they reported; the same holds for confirming a suspension."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import select

from moderation import api, db
from moderation.models import Appeal, QueueItem, Report
from tests.moderation.helpers import decide, open_item, subject

_keys = itertools.count(1)


def claim(client: Any, persona: Any, item_id: int) -> Any:
    return client.post(f"/api/v1/moderation/queue/{item_id}/claim", headers=persona.headers)


def assert_refused(response: Any, why: str) -> None:
    assert response.status_code == 403, response.json
    assert response.json["code"] == 403 and why in response.json["message"]
    assert list(response.json["errors"]) == ["item_id"]


def report_as(persona: Any, **kw: Any) -> int:
    """The item a report by ``persona`` lands on."""
    receipt = api.report(subject(**kw), persona.id, "bullying", f"duty-{next(_keys)}")
    return int(db.session().scalars(select(Report.item_id).where(Report.id == receipt.report_id)).one())


def conflicted_items(cast: Any) -> dict[str, int]:
    """One item per kind of conflict for ``cast.moderator``."""
    me = cast.moderator.id
    return {
        "own content": open_item(2, author_id=me),
        "about yourself": open_item(2, type="user", id=str(me), author_id=cast.adopter.id),
        "about yourself (profile)": open_item(2, type="profile", id=str(me), author_id=cast.adopter.id),
        "you reported": report_as(cast.moderator, type="post", id="9101", author_id=cast.adopter.id),
    }


WHY = {
    "own content": "your own content",
    "about yourself": "about yourself",
    "about yourself (profile)": "about yourself",
    "you reported": "you reported",
}


@pytest.mark.parametrize("kind", list(WHY))
def test_a_conflicted_moderator_may_neither_claim_nor_decide(client: Any, cast: Any, kind: str) -> None:
    item_id = conflicted_items(cast)[kind]
    assert_refused(claim(client, cast.moderator, item_id), WHY[kind])
    for action, extra in (("remove", {}), ("warn", {}), ("suspend", {}), ("escalate", {}), ("release", {})):
        assert_refused(decide(client, cast.moderator, item_id, action, **extra), WHY[kind])
    item = db.session().get(QueueItem, item_id)
    assert item is not None and item.active and item.claimed_by_id is None and item.resolution is None
    # A colleague with no stake in it may.
    assert claim(client, cast.moderator2, item_id).status_code == 200
    assert decide(client, cast.moderator2, item_id, "remove").status_code == 200


def test_a_report_about_a_moderator_through_the_api_is_not_theirs_to_handle(client: Any, cast: Any) -> None:
    response = client.post(
        "/api/v1/reports",
        json={"subject_type": "user", "subject_id": cast.moderator.id, "reason": "bullying"},
        headers={**cast.adopter.headers, "Idempotency-Key": "about-the-moderator"},
    )
    assert response.status_code == 201, response.json
    item_id = db.session().scalars(select(QueueItem.id)).one()
    assert_refused(claim(client, cast.moderator, item_id), "yourself")
    assert_refused(decide(client, cast.moderator, item_id, "dismiss"), "yourself")
    assert decide(client, cast.moderator2, item_id, "dismiss").status_code == 200


def test_a_reporter_cannot_handle_a_later_item_on_the_same_subject(client: Any, cast: Any) -> None:
    """The report rule follows the subject, not one item: a new item on content the moderator once
    reported (an edit re-screened, an appeal) is still not theirs."""
    first = report_as(cast.moderator, type="post", id="9102", author_id=cast.adopter.id)
    assert decide(client, cast.moderator2, first, "release").status_code == 200
    later = open_item(2, type="post", id="9102", author_id=cast.adopter.id)
    assert later != first
    assert_refused(claim(client, cast.moderator, later), "you reported")


def test_a_suspension_is_confirmed_only_by_an_unconflicted_second_moderator(client: Any, cast: Any) -> None:
    item_id = report_as(cast.moderator2, type="post", id="9103", author_id=cast.adopter.id)
    assert decide(client, cast.moderator, item_id, "suspend").status_code == 200
    # moderator2 reported the content: they may neither confirm nor decline the suspension.
    assert_refused(decide(client, cast.moderator2, item_id, "suspend", confirm=True), "you reported")
    assert_refused(decide(client, cast.moderator2, item_id, "suspend", confirm=False), "you reported")
    assert db.session().get(QueueItem, item_id).status == "awaiting_confirmation"  # type: ignore[union-attr]
    confirmed = decide(client, cast.dsl, item_id, "suspend", confirm=True)
    assert confirmed.status_code == 200, confirmed.json
    assert confirmed.json["decisions"][-1]["state"] == "confirmed"


def test_the_author_of_an_appeal_item_stays_excluded(client: Any, cast: Any) -> None:
    """An appeal about a moderator's own removed content: the removing moderator is excluded, and
    so is the author (a moderator appealing their own removal)."""
    item_id = open_item(2, type="post", id="9104", author_id=cast.moderator2.id)
    assert decide(client, cast.moderator, item_id, "remove").status_code == 200
    appeal = api.appeal(cast.moderator2.id, "post", "9104", "Please look again")
    appeal_item = db.session().scalars(select(Appeal.item_id).where(Appeal.id == appeal["id"])).one()
    assert_refused(claim(client, cast.moderator, appeal_item), "different moderator")
    assert_refused(claim(client, cast.moderator2, appeal_item), "your own content")
    assert claim(client, cast.dsl, appeal_item).status_code == 200
