"""A socket in a group's chat room leaves it when the membership ends, so nothing more reaches it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine

from backend.accounts import service as accounts
from backend.core.db import db
from tests.chat.helpers import connect, events, force_verdict, join, make_group, send


@pytest.fixture(autouse=True)
def allow_all(monkeypatch: pytest.MonkeyPatch) -> None:
    force_verdict(monkeypatch, "allow")


def test_leaving_the_group_takes_the_socket_out_of_the_room(app: Any, client: Any, cast: Any) -> None:
    group, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    send(alice, room, "before")
    assert len(events(bob, "message")) == 1

    assert (
        client.delete(f"/api/v1/groups/{group.id}/membership", headers=cast.adopter2.headers).status_code
        < 300
    )
    send(alice, room, "after bob left")
    assert events(bob, "message") == []
    assert bob.emit("sync", {"room": room, "after_seq": 0}, callback=True)["code"] == 404


def test_turning_18_takes_the_socket_out_of_the_youth_room(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen, cast.teen2])
    teen, older = connect(app, cast.teen), connect(app, cast.teen2)
    join(teen, room), join(older, room)
    birthday = accounts.today() + timedelta(days=2)
    cast.teen2.user.date_of_birth = birthday.replace(year=birthday.year - 18)
    db.session.commit()
    with time_machine.travel(birthday, tick=False):
        assert accounts.do_turning_18() == [cast.teen2.id]
    send(teen, room, "only for young people")
    assert events(older, "message") == []
