"""Neither sign-in nor sign-up tells whether an email has an account: the same answer and the same
work (counted in argon2 operations, never timed) for a registered email and an unknown one."""

from __future__ import annotations

from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from backend.accounts import authentication, service
from backend.accounts.models import AccountEvent, User
from backend.auth import service as auth_service
from backend.core.db import db
from tests.accounts.test_accounts import STRONG, register
from tests.accounts.test_oauth import CLIENT, REDIRECT, authorize_url, pkce
from tests.chat.helpers import force_verdict
from tests.factories import PASSWORD


class Counted:
    """Counts argon2 verifications and hashes made through the accounts' hasher."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.verify = 0
        self.hash = 0
        real: PasswordHasher = authentication._hasher
        counts = self

        class CountingHasher:
            def verify(self, *args: Any, **kwargs: Any) -> Any:
                counts.verify += 1
                return real.verify(*args, **kwargs)

            def hash(self, *args: Any, **kwargs: Any) -> Any:
                counts.hash += 1
                return real.hash(*args, **kwargs)

        monkeypatch.setattr(authentication, "_hasher", CountingHasher())

    def take(self) -> tuple[int, int]:
        counts, self.verify, self.hash = (self.verify, self.hash), 0, 0
        return counts


def test_sign_in_verifies_one_hash_for_any_email(
    client: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    auth_service.do_register_client(CLIENT, "Demo", [REDIRECT])
    url = authorize_url(pkce()[1])
    email = cast.adopter.user.email
    counted = Counted(monkeypatch)

    def attempt(email: str, password: str) -> Any:
        return client.post(url, data={"email": email, "password": password})

    unknown = attempt("nobody@test.example", PASSWORD)
    assert counted.take() == (1, 0)
    wrong = attempt(email, "not the password")
    assert counted.take() == (1, 0)
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.get_data() == wrong.get_data()
    assert attempt(email, PASSWORD).status_code == 302
    assert counted.take() == (1, 0)
    for _ in range(5):
        attempt(email, "not the password")
    counted.take()
    locked = attempt(email, PASSWORD)  # locked out now: refused, after the same work
    assert locked.status_code == 401 and counted.take() == (1, 0)


def test_sign_up_answers_the_same_for_a_registered_email(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = Counted(monkeypatch)
    new = register(client)
    new_work = counted.take()
    taken = register(client, email="New@Test.Example", display_name="Someone else")
    assert (taken.status_code, taken.json) == (new.status_code, new.json) == (202, new.json)
    assert counted.take() == new_work == (0, 1)  # one password hash each
    assert db.session.scalar(select(func.count(User.id))) == 1
    owner = db.session.scalars(select(User).where(User.email == "new@test.example")).one()
    assert owner.display_name == "New person"
    events = db.session.scalars(select(AccountEvent).where(AccountEvent.user_id == owner.id)).all()
    assert [e.kind for e in events] == ["sign_up_attempted"]

    # The owner finds the notice in their own data.
    issued = auth_service.do_issue_tokens(owner, "test-client")
    export = client.get("/api/v1/me/export", headers={"Authorization": f"Bearer {issued.access_token}"})
    assert "sign_up_attempted" in [e["kind"] for e in export.json["account_events"]]


def test_sign_up_refusals_do_not_depend_on_the_email(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check runs for a registered email too, so a refusal cannot be used to probe one."""
    assert register(client).status_code == 202
    for overrides in (
        {"password": "short"},
        {"date_of_birth": "2020-01-01"},
        {"persona": "admin"},
    ):
        fresh = register(client, email="fresh@test.example", **overrides)
        taken = register(client, **overrides)
        assert fresh.status_code == 422
        assert (taken.status_code, taken.json) == (fresh.status_code, fresh.json), overrides
    force_verdict(monkeypatch, "block", reason="Not allowed here.")
    fresh = register(client, email="fresh@test.example", display_name="A refused name")
    taken = register(client, display_name="A refused name")
    assert fresh.status_code == 422
    assert (taken.status_code, taken.json) == (fresh.status_code, fresh.json)
    assert db.session.scalar(select(func.count(User.id))) == 1
    assert service.authenticate_password("new@test.example", STRONG) is not None
