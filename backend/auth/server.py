"""The Authlib OAuth 2.0 authorization server: authorization code + PKCE (S256), refresh rotation,
revocation (RFC 7009). No password grant and no implicit grant are registered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import InvalidGrantError, InvalidRequestError, grants
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask
from sqlalchemy import select

from backend.accounts.models import User
from backend.auth import service, tokens
from backend.auth.models import AuthorizationCode, OAuthClient, RefreshToken
from backend.core.db import db, utcnow

CODE_TTL = timedelta(minutes=5)


class Client:
    """Adapts an ``OAuthClient`` row to Authlib's ClientMixin."""

    def __init__(self, row: OAuthClient) -> None:
        self.row = row
        self.client_id = row.client_id

    def get_client_id(self) -> str:
        return self.row.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.row.redirect_uris[0] if self.row.redirect_uris else None

    def get_allowed_scope(self, scope: str | None) -> str:
        allowed = set(self.row.scope.split())
        requested = set((scope or self.row.scope).split())
        return " ".join(sorted(requested & allowed))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.row.redirect_uris  # exact match only

    def check_client_secret(self, client_secret: str) -> bool:
        return False  # public clients have no secret

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return self.row.is_public and method == "none"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token")


class StoredCode:
    def __init__(self, row: AuthorizationCode) -> None:
        self.row = row
        self.code_challenge = row.code_challenge
        self.code_challenge_method = row.code_challenge_method

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope

    def get_nonce(self) -> None:
        return None

    def get_auth_time(self) -> None:
        return None


class StoredRefresh:
    def __init__(self, row: RefreshToken) -> None:
        self.row = row

    def check_client(self, client: Client) -> bool:
        return self.row.client_id == client.get_client_id()

    def get_scope(self) -> str:
        return self.row.scope

    def get_expires_in(self) -> int:
        return int((self.row.expires_at - self.row.issued_at).total_seconds())

    def is_expired(self) -> bool:
        return self.row.expires_at <= utcnow()

    def is_revoked(self) -> bool:
        return self.row.spent_at is not None or not service.family_is_live(self.row.family_id)

    def get_user(self) -> User | None:
        return db.session.get(User, self.row.user_id)

    def get_client(self) -> Client | None:
        return query_client(self.row.client_id)


def query_client(client_id: str) -> Client | None:
    row = db.session.scalar(select(OAuthClient).where(OAuthClient.client_id == client_id))
    return Client(row) if row else None


def _token_response(issued: service.IssuedTokens, scope: str) -> dict[str, Any]:
    return {
        "token_type": "Bearer",
        "access_token": issued.access_token,
        "refresh_token": issued.refresh_token,
        "expires_in": issued.expires_in,
        "scope": scope,
    }


class CodeGrant(grants.AuthorizationCodeGrant):
    """Authorization code exchange. The code is spent (conditionally) in the same transaction that
    issues the tokens and records the sign-in the code started; Authlib's own order (save the token,
    then "delete" the code) would let a code be exchanged again until that second step commits."""

    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

    def save_authorization_code(self, code: str, request: Any) -> None:
        payload = request.payload
        db.session.add(
            AuthorizationCode(
                code_hash=tokens.hash_secret(code),
                client_id=request.client.get_client_id(),
                user_id=request.user.id,
                redirect_uri=payload.redirect_uri,
                scope=payload.scope or "api",
                code_challenge=payload.data.get("code_challenge"),
                code_challenge_method=payload.data.get("code_challenge_method"),
                expires_at=utcnow() + CODE_TTL,
            )
        )
        db.session.commit()

    def query_authorization_code(self, code: str, client: Client) -> StoredCode | None:
        row = db.session.scalar(
            select(AuthorizationCode).where(
                AuthorizationCode.code_hash == tokens.hash_secret(code),
                AuthorizationCode.client_id == client.get_client_id(),
            )
        )
        if row is None:
            return None
        if row.used_at is not None:
            service.do_refuse_replayed_code(row.id)
            return None
        if row.expires_at <= utcnow():
            return None
        return StoredCode(row)

    def authenticate_user(self, authorization_code: StoredCode) -> User | None:
        # Runs after every check of the request (redirect URI, PKCE verifier): a request that fails
        # them does not spend the code.
        if not service.claim_code(authorization_code.row):
            # Another exchange of this code won the race: this one is a replay.
            service.do_refuse_replayed_code(authorization_code.row.id)
            raise InvalidGrantError("Invalid 'code' in request.")
        user = db.session.get(User, authorization_code.row.user_id)
        return user if user is not None and user.is_active else None

    def generate_token(
        self,
        user: User | None = None,
        scope: str | None = None,
        grant_type: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        assert user is not None
        issued = service.issue_tokens(user, self.request.client.get_client_id(), scope or "api")
        # The code remembers its sign-in, so a replay can end it.
        self.request.authorization_code.row.family_id = issued.family_id
        return _token_response(issued, scope or "api")

    def delete_authorization_code(self, authorization_code: StoredCode) -> None:
        pass  # spent by claim_code, in the transaction that issued the tokens; kept for audit


class RefreshGrant(grants.RefreshTokenGrant):
    """Refresh with rotation: the old token is spent (conditionally) in the transaction that issues
    its successor, in the same family; a spent token presented again revokes the family."""

    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotate on every use

    def authenticate_refresh_token(self, refresh_token: str) -> StoredRefresh | None:
        row = service.find_refresh_token(refresh_token)
        if row is None:
            return None
        if row.spent_at is not None:
            service.do_refuse_reused_refresh_token(row.family_id)
            return None
        stored = StoredRefresh(row)
        if stored.is_expired() or stored.is_revoked():
            return None
        return stored

    def authenticate_user(self, refresh_token: StoredRefresh) -> User | None:
        if not service.claim_refresh_token(refresh_token.row):
            # A concurrent refresh with the same token rotated it first: this one is a reuse.
            service.do_refuse_reused_refresh_token(refresh_token.row.family_id)
            raise InvalidGrantError("Invalid 'refresh_token' in request.")
        user = refresh_token.get_user()
        return user if user is not None and user.is_active else None

    def generate_token(
        self,
        user: User | None = None,
        scope: str | None = None,
        grant_type: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        assert user is not None
        family_id = self.request.refresh_token.row.family_id  # rotation keeps the sign-in
        issued = service.issue_tokens(user, self.request.client.get_client_id(), scope or "api", family_id)
        return _token_response(issued, scope or "api")

    def revoke_old_credential(self, refresh_token: StoredRefresh) -> None:
        pass  # spent by claim_refresh_token, in the transaction that issued its successor


class RevokedAccess:
    """An access token presented for revocation (a signed JWT naming its sign-in)."""

    def __init__(self, claims: tokens.AccessClaims) -> None:
        self.claims = claims

    def check_client(self, client: Client) -> bool:
        return self.claims.client_id == client.get_client_id()


class Revocation(RevocationEndpoint):
    """RFC 7009. Either token ends the sign-in it belongs to: a refresh token, or an access token
    (which RFC 7009 2.1 lets the server treat as revoking "the underlying authorization grant"). An
    access token is a self-contained JWT with no row of its own, so revoking its family is what stops
    it working everywhere (every request checks the family) and ends its sockets."""

    CLIENT_AUTH_METHODS = ["none"]

    def query_token(
        self, token_string: str, token_type_hint: str | None
    ) -> StoredRefresh | RevokedAccess | None:
        if token_type_hint != "refresh_token":
            try:
                claims = tokens.verify_access_token(token_string)
            except tokens.InvalidToken:
                claims = None
            if claims is not None and claims.family_id is not None:
                return RevokedAccess(claims)
        row = service.find_refresh_token(token_string)
        return StoredRefresh(row) if row else None

    def revoke_token(self, token: StoredRefresh | RevokedAccess, request: Any) -> None:
        if isinstance(token, RevokedAccess):
            family_id = token.claims.family_id
            assert family_id is not None
        else:
            family_id = token.row.family_id
        service.revoke_family(family_id, "revoked_by_client")
        db.session.commit()


def _no_tokens_outside_a_sign_in(*args: Any, **kwargs: Any) -> dict[str, Any]:
    # Each grant issues its tokens in a token family (its generate_token); nothing else may mint.
    raise RuntimeError("tokens are issued only by the grants, in a token family")


def _save_token(token: dict[str, Any], request: Any) -> None:
    db.session.commit()


class S256Only(CodeChallenge):
    """PKCE with S256 only: the "plain" method gives no protection if the request is seen."""

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        # Refuse at the sign-in page already, not only at the token endpoint: a request without a
        # challenge can never succeed, so the person should not be asked for their password.
        if not grant.request.payload.data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge'")
        super().validate_code_challenge(grant, redirect_uri)


def init_app(app: Flask) -> None:
    server = AuthorizationServer()
    server.init_app(app, query_client=query_client, save_token=_save_token)
    server.register_token_generator("default", _no_tokens_outside_a_sign_in)
    server.register_grant(CodeGrant, [S256Only(required=True)])
    server.register_grant(RefreshGrant)
    server.register_endpoint(Revocation)
    app.extensions["oauth_server"] = server


def server() -> AuthorizationServer:
    from flask import current_app

    return current_app.extensions["oauth_server"]
