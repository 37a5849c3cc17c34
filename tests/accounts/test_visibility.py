"""One rule for blocks and mutes, in every form the features use (backend/accounts/visibility.py):
the reader's side in Python and in SQL, the author's side in Python and as one prebuilt statement,
and between two people. A pattern of blocks and mutes in both directions, checked for every pair."""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal, select

from backend.accounts import service as accounts
from backend.core.db import db
from tests.factories import make_user


def test_every_form_of_the_block_and_mute_rule_agrees(cast: Any) -> None:
    people = [make_user("adopter").user for _ in range(6)]
    ids = [p.id for p in people]
    accounts.do_block(people[0], ids[1])
    accounts.do_block(people[2], ids[0])
    accounts.do_mute(people[0], ids[3])
    accounts.do_mute(people[4], ids[0])
    accounts.do_block(people[3], ids[4])
    accounts.do_mute(people[5], ids[4])
    accounts.do_block(people[5], ids[4])  # muted and blocked: still hidden once

    blocked = {(0, 1), (1, 0), (2, 0), (0, 2), (3, 4), (4, 3), (5, 4), (4, 5)}
    muted = {(0, 3), (4, 0), (5, 4)}  # (muter, muted)
    # The rule, written out: the reader does not see the author if either blocked the other, or the
    # reader muted the author.
    expected = {(r, a) for r in range(6) for a in range(6) if (r, a) in blocked or (r, a) in muted}
    assert len(expected) == 10

    for r, reader in enumerate(people):
        hidden = {ids[a] for a in range(6) if (r, a) in expected}
        assert accounts.hidden_user_ids(reader.id) == hidden, r
        in_sql = {
            other
            for other in ids
            if db.session.scalar(select(accounts.hidden_from(literal(other), literal(reader.id))))
        }
        assert in_sql == hidden, r
    for a, author in enumerate(people):
        hiding = {ids[r] for r in range(6) if (r, a) in expected}
        assert accounts.people_hiding(author.id) == hiding, a
        assert accounts.people_hiding_one(author.id) == hiding, a
    assert accounts.people_hiding(ids[0], ids[4]) == {ids[1], ids[2], ids[3], ids[5]}
    for a in range(6):
        for b in range(6):
            assert accounts.is_blocked(ids[a], ids[b]) == ((a, b) in blocked), (a, b)
