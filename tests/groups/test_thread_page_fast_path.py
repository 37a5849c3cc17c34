"""The thread page's fast path (QUALITY.md B4): the route authenticates a principal instead of loading
the account, reads the page as tuples and writes the JSON itself. Each shortcut must give exactly
what the general path gives: the same bytes as ``jsonify(PostPage().dump(list_posts(...)))``, the
same wall for every persona, and the same refusals for every bad or withdrawn token.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import pytest
import time_machine
from flask import jsonify

from backend.accounts import authentication
from backend.accounts import service as accounts
from backend.auth import service as auth_service
from backend.auth import tokens
from backend.core import auth as core_auth
from backend.core.db import db
from backend.core.errors import NotFound, Unauthorized
from backend.groups import schemas, service, thread_page, views
from tests.factories import ALL_PERSONAS, make_user, signed_token, token_part
from tests.groups.conftest import World, join, reply

AWKWARD = 'Zoë "Z" \\ <b>&amp;</b> </script> \u202e\u00a0✓ 😀 \t tab'


def page_url(thread_id: int, limit: int = 20, cursor: str | None = None) -> str:
    return f"/api/v1/threads/{thread_id}/posts?limit={limit}" + (f"&cursor={cursor}" if cursor else "")


def schema_bytes(app: Any, user: Any, thread_id: int, **page: Any) -> bytes:
    """What the general path serves: the marshmallow schema's dump of ``list_posts``, jsonified."""
    with app.test_request_context("/"):
        data: bytes = jsonify(schemas.PostPage().dump(service.list_posts(user, thread_id, **page))).get_data()
    return data


def test_page_bytes_equal_the_schema_dump_on_awkward_content(
    app: Any, client: Any, cast: Any, world: World, screener: Any
) -> None:
    thread = world.adopters_thread
    cast.mentor.user.display_name = AWKWARD
    db.session.commit()
    reply(cast.mentor.user, thread, f"**{AWKWARD}** and `code` <script>alert(1)</script> \u2028 end")
    for kind in ("hug", "heart", "same_here", "idea", "thanks"):
        service.do_react(cast.adopter.user, world.adopters_reply.id, kind, True)
    service.do_react(cast.mentor.user, world.adopters_reply.id, "hug", True)
    service.do_edit_post(cast.mentor.user, world.adopters_reply.id, body="Edited *text* ✓")
    removed = reply(cast.mentor.user, thread, "To be removed")
    service.do_react(cast.adopter.user, removed.id, "hug", True)
    service.do_delete_post(cast.mentor.user, removed.id)
    screener.set("hold")
    reply(cast.adopter.user, thread, "Held, seen by its author and moderators only")
    screener.set("allow")
    gone = make_user("adopter")
    join(gone.user, world.open_adopters)
    reply(gone.user, thread, "From someone who then left")
    accounts.do_delete_account(gone.user)

    for persona in (cast.adopter, cast.mentor, cast.moderator):
        for limit in (2, 3, 50):
            served = client.get(page_url(thread.id, limit), headers=persona.headers)
            assert served.status_code == 200
            assert served.mimetype == "application/json"
            assert served.get_data() == schema_bytes(app, persona.user, thread.id, limit=limit)
            cursor = served.json["next_cursor"]
            if cursor:
                rest = client.get(page_url(thread.id, limit, cursor), headers=persona.headers)
                expected = schema_bytes(app, persona.user, thread.id, limit=limit, cursor=cursor)
                assert rest.get_data() == expected

    full = client.get(page_url(thread.id, 50), headers=cast.adopter.headers).json["items"]
    assert {p["status"] for p in full} == {"published", "removed", "pending"}
    assert any(p["author"] and p["author"]["display_name"] == AWKWARD for p in full)
    assert any(p["author"] and p["author"]["removed"] for p in full)
    mine = next(p for p in full if p["id"] == world.adopters_reply.id)
    assert [(r["kind"], r["count"], r["mine"]) for r in mine["reactions"]] == [
        ("heart", 1, True),
        ("hug", 2, True),
        ("thanks", 1, True),
        ("same_here", 1, True),
        ("idea", 1, True),
    ]
    assert next(p for p in full if p["id"] == removed.id)["reactions"] == []


def test_the_principal_reads_every_thread_as_the_account_does(app: Any, cast: Any, world: World) -> None:
    """The wall on a principal (the thread page) equals the wall on the account (every other route),
    for every persona and every thread, visible or not."""
    threads = [world.adopters_thread, world.held_thread, world.invite_thread, world.youth_thread]
    threads.append(world.adoptees_thread)
    accounts.do_block(cast.adopter2.user, cast.adopter.id)
    for name in (*ALL_PERSONAS, "adopter2"):
        persona = getattr(cast, name)
        principal = accounts.authenticate_principal(persona.token)
        assert (principal.id, principal.persona, principal.is_active) == (
            persona.id,
            persona.user.persona,
            True,
        )
        for thread in threads:
            outcomes: list[Any] = []
            for reader in (persona.user, principal):
                try:
                    outcomes.append(service.read_post_page(reader, thread.id, limit=50))
                except NotFound:
                    outcomes.append(None)
            assert outcomes[0] == outcomes[1], (name, thread.title)


def test_the_principal_has_what_the_wall_may_ask_of_an_account(cast: Any) -> None:
    for name in ("adopter", "unverified_adopter", "prospective", "agency_worker", "lapsed_moderator", "teen"):
        persona = getattr(cast, name)
        principal = accounts.authenticate_principal(persona.token)
        assert accounts.is_verified(principal) == accounts.is_verified(persona.user)  # type: ignore[arg-type]
        assert accounts.may_work_with_young_people(principal) == accounts.may_work_with_young_people(  # type: ignore[arg-type]
            persona.user
        )
        assert (principal.family is None) == (persona.user.family is None)


def test_a_principal_only_view_still_hands_out_the_account(app: Any, cast: Any, world: World) -> None:
    with app.test_request_context(page_url(world.adopters_thread.id), headers=cast.adopter.headers):
        assert app.preprocess_request() is None
        principal = core_auth.current_principal()
        assert isinstance(principal, accounts.Principal) and principal.id == cast.adopter.id
        assert core_auth.current_user().id == cast.adopter.id  # loaded on demand, checked again
    with app.test_request_context("/api/v1/me", headers=cast.adopter.headers):
        app.preprocess_request()
        assert core_auth.current_principal() is core_auth.current_user()


def test_bad_tokens_are_refused_on_the_thread_page_as_on_any_route(
    app: Any, client: Any, cast: Any, world: World
) -> None:
    url = page_url(world.adopters_thread.id)
    good = cast.adopter.token
    header, payload, signature = good.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    now = int(time.time())
    bad = {
        "alg none": f"{token_part({'alg': 'none', 'typ': 'at+jwt'})}.{payload}.",
        "alg HS512 header": f"{token_part({'alg': 'HS512', 'typ': 'at+jwt'})}.{payload}.{signature}",
        "header without typ": signed_token(app, {"alg": "HS256"}, claims),
        "header with a key id": signed_token(app, {"alg": "HS256", "typ": "at+jwt", "kid": "x"}, claims),
        "header not JSON": signed_token(app, b"{alg", claims),
        "payload not an object": signed_token(app, tokens.HEADER, [claims]),  # type: ignore[arg-type]
        "payload not JSON": signed_token(app, tokens.HEADER, b"\xff\xfe"),
        "deeply nested payload": signed_token(app, tokens.HEADER, b"[" * 100_000 + b"]" * 100_000),
        "wrong audience": signed_token(app, tokens.HEADER, {**claims, "aud": "someone-else"}),
        "wrong issuer": signed_token(app, tokens.HEADER, {**claims, "iss": "someone-else"}),
        "no subject": signed_token(app, tokens.HEADER, {k: v for k, v in claims.items() if k != "sub"}),
        "subject not a number": signed_token(app, tokens.HEADER, {**claims, "sub": "abc"}),
        "expired": signed_token(app, tokens.HEADER, {**claims, "exp": now - 1}),
        "expiry not a number": signed_token(app, tokens.HEADER, {**claims, "exp": "later"}),
        "not yet valid": signed_token(app, tokens.HEADER, {**claims, "nbf": now + 3600}),
        "issued in the future": signed_token(app, tokens.HEADER, {**claims, "iat": now + 3600}),
        "another user's family": signed_token(app, tokens.HEADER, {**claims, "sub": str(cast.mentor.id)}),
        "no family": signed_token(app, tokens.HEADER, {k: v for k, v in claims.items() if k != "fam"}),
        "tampered payload": f"{header}.{token_part({**claims, 'sub': str(cast.mentor.id)})}.{signature}",
        "other signature": f"{header}.{payload}.{token_part(b'x' * 32)}",
        "short signature": f"{header}.{payload}.{signature[:-4]}",
        "padded": f"{good}==",
        "extra part": f"{good}.{signature}",
        "two parts": f"{header}.{payload}",
        "non-ASCII": f"{header}.{payload}.{signature[:-1]}é",
        "not a token": "not-a-token",
    }
    # The forger signs as we do: its copy of a good token is accepted, so each refusal is its defect.
    forged = {"Authorization": f"Bearer {signed_token(app, tokens.HEADER, claims)}"}
    assert client.get(url, headers=forged).status_code == 200
    for why, token in bad.items():
        headers = {"Authorization": f"Bearer {token}"}
        for path in (url, "/api/v1/me"):
            response = client.get(path, headers=headers)
            assert response.status_code == 401, (why, path)
            assert response.json["code"] == 401
    assert client.get(url, headers=cast.adopter.headers).status_code == 200
    with time_machine.travel(time.time() + 16 * 60, tick=False):
        assert client.get(url, headers=cast.adopter.headers).status_code == 401


def test_withdrawn_access_ends_on_the_thread_page_at_once(
    app: Any, client: Any, cast: Any, world: World
) -> None:
    url = page_url(world.adopters_thread.id)
    assert client.get(url, headers=cast.adopter.headers).status_code == 200
    accounts.do_set_suspended(cast.admin.id, cast.adopter.id, True, "test")
    assert client.get(url, headers=cast.adopter.headers).status_code == 401
    accounts.do_set_suspended(cast.admin.id, cast.adopter.id, False, "test")

    assert client.get(url, headers=cast.mentor.headers).status_code == 200
    family_id = tokens.verify_access_token(cast.mentor.token).family_id
    assert family_id is not None
    auth_service.revoke_family(family_id, "signed_out")
    db.session.commit()
    assert client.get(url, headers=cast.mentor.headers).status_code == 401

    member = make_user("adopter")
    join(member.user, world.open_adopters)
    assert client.get(url, headers=member.headers).status_code == 200
    accounts.do_delete_account(member.user)
    assert client.get(url, headers=member.headers).status_code == 401
    with pytest.raises(Unauthorized):
        accounts.authenticate_principal(member.token)


def test_blocks_and_mutes_apply_to_the_principal_at_once(client: Any, cast: Any, world: World) -> None:
    url = page_url(world.adopters_thread.id)

    def authors() -> set[int]:
        items = client.get(url, headers=cast.adopter.headers).json["items"]
        return {p["author"]["id"] for p in items if p["author"]}

    assert cast.mentor.id in authors()
    accounts.do_mute(cast.adopter.user, cast.mentor.id)
    assert cast.mentor.id not in authors()
    accounts.do_unmute(cast.adopter.user, cast.mentor.id)
    assert cast.mentor.id in authors()
    accounts.do_block(cast.mentor.user, cast.adopter.id)
    assert cast.mentor.id not in authors()


def test_reaction_strings_parse_as_the_reactions_view(app: Any) -> None:
    counts = {"heart": 2, "hug": 0, "thanks": 1, "same_here": 3, "idea": 0}
    marked = "same_here,heart*,thanks,same_here*,heart,same_here"
    expected = views._reactions_view(counts, {"heart", "same_here"})
    parsed = thread_page._reactions_from(marked)
    assert [dict(zip(thread_page.REACTION_FIELDS, r, strict=True)) for r in parsed] == expected
    assert thread_page._reactions_from(None) == thread_page._reactions_from("") == ()


def test_packed_page_rows_equal_the_plain_select(cast: Any, world: World, screener: Any) -> None:
    """On SQLite the page's rows come packed as JSON in one row; unpacked, they are the plain select's."""
    thread = world.adopters_thread
    service.do_react(cast.adopter.user, world.adopters_reply.id, "hug", True)
    service.do_edit_post(cast.mentor.user, world.adopters_reply.id, body=f"Edited {AWKWARD}")
    removed = reply(cast.mentor.user, thread, "To be removed")
    service.do_delete_post(cast.mentor.user, removed.id)
    screener.set("hold")
    reply(cast.adopter.user, thread, "Held")
    screener.set("allow")
    for moderate, reader in ((False, cast.adopter), (True, cast.moderator)):
        # Opening post, the edited reply, a removed post, a held one (seen by its author and moderators).
        for after, limit, count in ((0, 51, 4), (0, 2, 2), (world.adopters_reply.id, 51, 2), (10**6, 51, 0)):
            params = {"thread_id": thread.id, "me": reader.id, "after": after, "limit": limit}
            conn = db.session.connection()
            plain = conn.execute(thread_page._page_statement(moderate, conn.dialect.name), params).all()
            packed = thread_page._page_rows(conn, moderate, params)
            assert [tuple(r) for r in packed] == [tuple(r) for r in plain]
            assert len(plain) == count


def test_packed_one_row_statements_equal_the_plain_select(cast: Any, world: World) -> None:
    """The caller's principal and the thread's facts are read packed on SQLite too (``read_first``):
    the same values as the plain select's row (booleans, timestamps and NULLs included)."""
    from backend.core.db import read_first

    accounts.do_block(cast.adopter2.user, cast.adopter.id)
    # A revoked sign-in: its family's revoked_at is a timestamp.
    auth_service.revoke_family(tokens.verify_access_token(cast.guardian.token).family_id or "", "test")
    db.session.commit()
    threads = [world.adopters_thread, world.held_thread, world.youth_thread, world.adoptees_thread]
    for name in (*ALL_PERSONAS, "adopter2"):
        persona = getattr(cast, name)
        claims = tokens.verify_access_token(persona.token)
        cases = [
            (authentication._principal_statement(), {"user_id": persona.id, "family_id": claims.family_id})
        ]
        cases += [
            (thread_page._thread_read_statement(), {"me": persona.id, "thread_id": t.id}) for t in threads
        ]
        cases += [(thread_page._thread_read_statement(), {"me": persona.id, "thread_id": 10**6})]  # no row
        conn = db.session.connection()  # personas are made on first use, committing
        for statement, params in cases:
            plain = conn.execute(statement, params).first()
            packed = read_first(conn, statement, params)
            assert (None if packed is None else tuple(packed)) == (None if plain is None else tuple(plain))
