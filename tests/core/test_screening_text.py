"""Screening sees everything a reader can see or follow, for every kind of content (security issue
#10.3): link targets, mailto: addresses and link titles as well as the text shown, whether the
content arrives by chat, as a post or thread, a group proposal or a display name. Real screening
runs here (no stubs), through the API and Socket.IO."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from backend.core.db import db, utcnow
from backend.core.html import render_markdown, screening_text
from moderation import db as moderation_db
from moderation.models import QueueItem
from tests.chat.helpers import connect, events, join, make_group, send

# Contact details that only a link's target (or title) carries: the text shown is harmless.
HIDDEN_CONTACTS = [
    "[add me](https://wa.me/447700900123)",
    "[my snap](https://www.snapchat.com/add/coolkid99)",
    "[write to me](mailto:jo.bloggs@example.com)",
]


def test_screening_text_has_the_text_shown_and_everything_followed() -> None:
    body = render_markdown(
        '[add me](https://wa.me/447700900123) &amp; [mail](mailto:jo@example.com "or 07700 900124")'
    )
    text = screening_text(plain="A title", html=body)
    assert text.startswith("A title\n\nadd me & mail")  # entities decoded, title first
    for followed in ("https://wa.me/447700900123", "mailto:jo@example.com", "or 07700 900124"):
        assert followed in text
    assert "nofollow" not in text  # the sanitiser's own rel is not the author's words


def test_screening_text_reads_every_attribute_the_sanitiser_lets_through() -> None:
    # Images are dropped today; if the allowlist ever admits them, their alt text and source are read.
    html = '<p><img alt="call 07700 900123" src="https://example.org/a.png">hi</p>'
    assert screening_text(html=html) == "hi\ncall 07700 900123\nhttps://example.org/a.png"
    # A target the text already shows is not repeated.
    assert screening_text(html=render_markdown("https://example.org/x")) == "https://example.org/x"
    assert screening_text(plain="  just a name ") == "just a name"


def _established(*personas: Any) -> None:
    """Accounts older than the new-account link rule, so only the contact details can hold."""
    for persona in personas:
        persona.user.created_at = utcnow() - timedelta(days=90)
    db.session.commit()


def _queue_categories() -> set[str]:
    categories = {c for item in moderation_db.session().scalars(select(QueueItem)) for c in item.categories}
    moderation_db.end_read()
    return categories


@pytest.mark.parametrize("body", HIDDEN_CONTACTS)
def test_youth_chat_holds_contact_details_in_link_targets(app: Any, cast: Any, body: str) -> None:
    _established(cast.teen, cast.teen2)
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen, cast.teen2])
    sender, other = connect(app, cast.teen), connect(app, cast.teen2)
    join(sender, room)
    join(other, room)
    ack = send(sender, room, body)
    assert ack["status"] == "pending"
    assert events(other, "message") == []
    # The plain wording still goes out: it is the target that held the message.
    assert send(sender, room, "add me")["status"] == "published"


@pytest.mark.parametrize("body", HIDDEN_CONTACTS)
def test_youth_threads_replies_and_edits_hold_contact_details_in_link_targets(
    app: Any, client: Any, cast: Any, body: str
) -> None:
    _established(cast.teen)
    group, _room = make_group(cast.agency_worker, "young_people", [cast.teen])
    started = client.post(
        f"/api/v1/groups/{group.id}/threads",
        json={"title": "Hello all", "body": body},
        headers=cast.teen.headers,
    )
    assert started.status_code == 201 and started.json["status"] == "pending"
    fine = client.post(
        f"/api/v1/groups/{group.id}/threads",
        json={"title": "Hello again", "body": "Anyone like football?"},
        headers=cast.teen.headers,
    )
    assert fine.json["status"] == "published"
    reply = client.post(
        f"/api/v1/threads/{fine.json['id']}/posts", json={"body": body}, headers=cast.teen.headers
    )
    assert reply.status_code == 201 and reply.json["status"] == "pending"
    # An edit is screened again the same way.
    ordinary = client.post(
        f"/api/v1/threads/{fine.json['id']}/posts", json={"body": "Me too"}, headers=cast.teen.headers
    )
    assert ordinary.json["status"] == "published"
    edited = client.patch(
        f"/api/v1/posts/{ordinary.json['id']}", json={"body": body}, headers=cast.teen.headers
    )
    assert edited.status_code == 200 and edited.json["status"] == "pending"


def test_a_link_title_is_screened_in_posts(app: Any, client: Any, cast: Any) -> None:
    # The title shows as a tooltip; only the href was screened before.
    _established(cast.adopter)
    group, _room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    body = '[a good article](https://example.org/support "text me on 07700 900123")'
    started = client.post(
        f"/api/v1/groups/{group.id}/threads",
        json={"title": "Reading", "body": body},
        headers=cast.adopter.headers,
    )
    assert started.status_code == 201 and started.json["status"] == "pending"
    assert "identity_exposure" in _queue_categories()


def test_group_proposals_screen_link_targets(app: Any, client: Any, cast: Any) -> None:
    _established(cast.adopter)
    proposal = {
        "name": "Kinship cuppa",
        "description": "[Message me to join](https://wa.me/447700900123)",
        "audience": "adopters",
        "region": "North West",
    }
    refused = client.post("/api/v1/group-proposals", json=proposal, headers=cast.adopter.headers)
    assert refused.status_code == 422, refused.json
    proposal["description"] = "Tea and a chat, monthly."
    assert (
        client.post("/api/v1/group-proposals", json=proposal, headers=cast.adopter.headers).status_code == 201
    )


def test_a_young_persons_display_name_is_screened(app: Any, client: Any, cast: Any) -> None:
    _established(cast.teen)
    refused = client.patch(
        "/api/v1/me", json={"display_name": "wa.me/447700900123"}, headers=cast.teen.headers
    )
    assert refused.status_code == 422
    assert (
        client.patch("/api/v1/me", json={"display_name": "Sam"}, headers=cast.teen.headers).status_code == 200
    )
