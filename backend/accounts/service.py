"""Accounts: registration, sign-in checks, families, blocks, privacy, data rights.

Rules of one role live in their own modules: ``display_names`` (cleaning, no staff claims),
``vetting`` (DBS records), ``verification`` (families, adults, agency transfers), ``invitations``
(young people's accounts).

``access_*`` fetches what a caller may see (404 otherwise), ``check_*`` validates, ``do_*`` writes.
Every public function that writes commits exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import Integer, String, and_, bindparam, delete, or_, select, update

from backend.accounts import display_names
from backend.accounts import personas as p
from backend.accounts.models import (
    AccountEvent,
    Block,
    Child,
    Family,
    Invitation,
    Mute,
    PrivacySettings,
    StaffRecord,
    User,
    YouthLink,
)
from backend.auth import tokens
from backend.auth.models import TokenFamily
from backend.core.db import db, read_first, utcnow
from backend.core.errors import BadRequest, Conflict, Forbidden, NotFound, Unauthorized, Unprocessable

_hasher = PasswordHasher()
# Verified against when the email is unknown, so a miss costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-but-same-cost")

REMOVED_NAME = "Removed account"

# Later features plug into data rights and life events here, so accounts never imports them.
_exporters: dict[str, Callable[[User], Any]] = {}
_deletion_hooks: list[Callable[[User], None]] = []
_turned_18_hooks: list[Callable[[User], None]] = []
_suspension_hooks: list[Callable[[User], None]] = []
_rights_hooks: list[Callable[[User], None]] = []
_profile_text_hooks: list[Callable[[User, str], None]] = []


Hook = Callable[[User], None]


def register_exporter(name: str, fn: Callable[[User], Any]) -> None:
    _exporters[name] = fn


def on_account_deleted(fn: Hook) -> Hook:
    """Called inside the deletion transaction: anonymise the user's content, keep the content."""
    if fn not in _deletion_hooks:  # a feature's register(app) may run once per app
        _deletion_hooks.append(fn)
    return fn


def on_turned_18(fn: Hook) -> Hook:
    """Called inside the turning-18 job's transaction: end youth memberships, open adult spaces."""
    if fn not in _turned_18_hooks:  # a feature's register(app) may run once per app
        _turned_18_hooks.append(fn)
    return fn


def on_account_closed(fn: Hook) -> Hook:
    """Called inside the transaction when an account is suspended or deleted."""
    if fn not in _suspension_hooks:  # a feature's register(app) may run once per app
        _suspension_hooks.append(fn)
    return fn


def on_profile_text(fn: Callable[[User, str], None]) -> Callable[[User, str], None]:
    """Called with text others will see on a profile (the display name) before it is saved; the
    safeguarding side screens it and raises to refuse it."""
    if fn not in _profile_text_hooks:  # a feature's register(app) may run once per app
        _profile_text_hooks.append(fn)
    return fn


def _check_profile_text(user: User, text: str) -> None:
    for hook in _profile_text_hooks:
        hook(user, text)


def on_rights_changed(fn: Hook) -> Hook:
    """Called inside the transaction when what someone may see changes: their persona, their
    vetting (DBS check), or their account is closed."""
    if fn not in _rights_hooks:  # a feature's register(app) may run once per app
        _rights_hooks.append(fn)
    return fn


def _rights_changed(user: User) -> None:
    for hook in _rights_hooks:
        hook(user)


def today() -> date:
    return datetime.now(UTC).date()


def _row(obj: Any) -> dict[str, Any]:
    """A model row as plain JSON-ready values (for export and simple views)."""
    out = {}
    for column in obj.__table__.columns:
        value = getattr(obj, column.key)
        out[column.key] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return out


# --- passwords -------------------------------------------------------------------------------


@cache
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(
        line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")
    )


def check_password_policy(password: str) -> None:
    if len(password) < 10:
        raise Unprocessable("Password too short", {"password": ["Use at least 10 characters."]})
    if password.lower() in _common_passwords():
        raise Unprocessable(
            "Password too common", {"password": ["This password is too common; choose another."]}
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(stored: str | None, password: str) -> bool:
    """One argon2 verification, against the dummy hash when there is no stored one."""
    return _password_matches(stored, password)


def _password_matches(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


# --- people ----------------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _privacy_defaults(user: User) -> PrivacySettings:
    # High privacy for everyone; adults may receive connection requests from other adults (that is
    # how peer support starts), young people may not (Ofcom children's codes).
    adult = user.persona != p.YOUNG_PERSON
    return PrivacySettings(user_id=user.id, allow_connection_requests=adult)


def _new_user(
    *, email: str, password: str, display_name: str, persona: str, date_of_birth: date, region: str | None
) -> User:
    check_password_policy(password)
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict("An account with this email already exists", {"email": ["Already registered."]})
    user = User(
        email=email,
        password_hash=hash_password(password),
        display_name=display_names.check_display_name(display_name),
        persona=persona,
        date_of_birth=date_of_birth,
        region=region,
    )
    db.session.add(user)
    db.session.flush()
    _check_profile_text(user, user.display_name)
    db.session.add(_privacy_defaults(user))
    return user


def do_register_adult(
    *,
    email: str,
    password: str,
    display_name: str,
    date_of_birth: date,
    persona: str,
    region: str | None = None,
) -> User:
    """Self-service registration for adults (the route goes through ``sign_up.do_sign_up``, which
    answers the same whether or not the email is taken)."""
    user = register_adult(
        email=email,
        password=password,
        display_name=display_name,
        date_of_birth=date_of_birth,
        persona=persona,
        region=region,
    )
    db.session.commit()
    return user


def register_adult(
    *,
    email: str,
    password: str,
    display_name: str,
    date_of_birth: date,
    persona: str,
    region: str | None = None,
) -> User:
    """Every check and write of an adult's registration, flushed, not committed. Age comes from the
    date of birth, never from the client."""
    if persona not in p.SELF_SERVICE:
        raise Unprocessable(
            "Persona not available", {"persona": ["Choose one of: " + ", ".join(p.SELF_SERVICE)]}
        )
    band = p.age_band(date_of_birth, today())
    if band is None:
        raise Unprocessable(
            "Too young for an account", {"date_of_birth": ["Accounts are for people aged 13 and over."]}
        )
    if band == p.YOUTH_BAND:
        raise Unprocessable(
            "Young people join by invitation",
            {"date_of_birth": ["Under-18s join from an invitation by their parent, carer or agency worker."]},
        )
    user = _new_user(
        email=email,
        password=password,
        display_name=display_name,
        persona=persona,
        date_of_birth=date_of_birth,
        region=region,
    )
    if persona in p.CARERS:
        family = Family(region=region)
        db.session.add(family)
        db.session.flush()
        user.family_id = family.id
    db.session.flush()
    return user


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def access_user(viewer: User, user_id: int) -> User:
    """Another account as the viewer may see it: the audience wall applies to people too.

    Young people and adults (other than staff cleared to work with young people) cannot see each
    other's accounts; removed accounts are not found.
    """
    user = db.session.get(User, user_id)
    if user is None or user.status == "deleted":
        raise NotFound()
    if user.id != viewer.id and not same_side_of_the_wall(viewer, user):
        raise NotFound()
    return user


def is_youth(user: User) -> bool:
    return user.persona == p.YOUNG_PERSON


def same_side_of_the_wall(a: User, b: User) -> bool:
    if is_youth(a) == is_youth(b):
        return True
    staff = b if is_youth(a) else a
    return may_work_with_young_people(staff)


def authenticate_password(email: str, password: str) -> User | None:
    """Sign-in check with lock-out after repeated failures. Commits the counter either way.

    Exactly one argon2 verification whatever the email: an unknown email and a locked account are
    checked against a dummy hash, so the time taken does not tell whether an account exists."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    now = utcnow()
    locked = user is not None and user.locked_until is not None and user.locked_until > now
    matches = _password_matches(None if user is None or locked else user.password_hash, password)
    if locked:
        return None
    if user is None or not matches or not user.is_active:
        if user is not None and user.status != "deleted":
            user.failed_logins += 1
            if user.failed_logins >= current_app.config["LOGIN_LOCKOUT_THRESHOLD"]:
                user.locked_until = now + timedelta(seconds=current_app.config["LOGIN_LOCKOUT_SECONDS"])
                user.failed_logins = 0
            db.session.commit()
        return None
    user.failed_logins = 0
    user.locked_until = None
    db.session.commit()
    return user


def authenticate_access_token(token: str) -> User:
    """Bearer token to active user, or 401. Checked on every request and socket connect."""
    claims = _access_claims(token)
    row = db.session.execute(
        _access_token_statement(), {"user_id": claims.user_id, "family_id": claims.family_id}
    ).first()
    if row is None:
        raise Unauthorized("Invalid or expired token")
    user, family_id, family_revoked_at = row
    _check_access(user.status, family_id, family_revoked_at)
    return user


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling, from a bearer token checked exactly as ``authenticate_access_token`` checks it,
    without loading the account object: the account's columns the walls read (``is_active``,
    ``persona``, ``verified_at``, ``family``), for read routes that need nothing else (the thread
    page, QUALITY.md B4). ``family`` is loaded on use, as ``User.family`` is."""

    id: int
    persona: str
    status: str
    family_id: int | None
    verified_at: datetime | None

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def family(self) -> Family | None:
        return db.session.get(Family, self.family_id) if self.family_id is not None else None


def authenticate_principal(token: str) -> Principal:
    """Bearer token to the active caller as a ``Principal``, or 401: the same checks as
    ``authenticate_access_token`` (signature, issuer, audience, expiry, an active account, the
    account's own unrevoked token family) in one Core statement, with no ORM object built."""
    claims = _access_claims(token)
    row = read_first(
        db.session.connection(),
        _principal_statement(),
        {"user_id": claims.user_id, "family_id": claims.family_id},
    )
    if row is None:
        raise Unauthorized("Invalid or expired token")
    user_id, persona, status, family_id, verified_at, token_family_id, token_family_revoked_at = row
    _check_access(status, token_family_id, token_family_revoked_at)
    return Principal(user_id, persona, status, family_id, verified_at)


def _access_claims(token: str) -> tokens.AccessClaims:
    try:
        return tokens.verify_access_token(token)
    except tokens.InvalidToken as exc:
        raise Unauthorized("Invalid or expired token") from exc


def _check_access(status: str, family_id: str | None, family_revoked_at: datetime | None) -> None:
    # A token naming no family (or one we never issued) is not ours; a revoked family is signed out;
    # a suspended or deleted account is not active.
    if status != "active" or family_id is None or family_revoked_at is not None:
        raise Unauthorized("Invalid or expired token")


def _token_family_join(user_id: Any) -> Any:
    """The sign-in's token family, which must be the account's own."""
    families = TokenFamily.__table__
    return and_(families.c.id == bindparam("family_id", type_=String), families.c.user_id == user_id)


@cache
def _access_token_statement() -> Any:
    """The account and its sign-in's token family, built once with bound parameters: it runs on
    every request."""
    return (
        select(User, TokenFamily.id, TokenFamily.revoked_at)
        .outerjoin(TokenFamily.__table__, _token_family_join(User.id))
        .where(User.id == bindparam("user_id", type_=Integer))
    )


@cache
def _principal_statement() -> Any:
    """``_access_token_statement`` for a ``Principal``: the account's columns, not the entity (a
    table-level select, so no ORM loading runs)."""
    users, families = User.__table__, TokenFamily.__table__
    return (
        select(
            users.c.id,
            users.c.persona,
            users.c.status,
            users.c.family_id,
            users.c.verified_at,
            families.c.id,
            families.c.revoked_at,
        )
        .select_from(users)
        .outerjoin(families, _token_family_join(users.c.id))
        .where(users.c.id == bindparam("user_id", type_=Integer))
    )


# --- profile and capabilities --------------------------------------------------------------------


def staff_record(user: User) -> StaffRecord | None:
    return db.session.get(StaffRecord, user.id)


def may_work_with_young_people(user: User, on: date | None = None) -> bool:
    """Only staff, and only with a recorded, in-date enhanced DBS check (PRODUCT.md section 3)."""
    if user.persona not in p.STAFF:
        return False
    record = staff_record(user)
    if record is None or record.dbs_checked_on is None or record.dbs_renewal_due is None:
        return False
    on = on or today()
    return record.dbs_checked_on <= on < record.dbs_renewal_due and user.is_active


def is_verified(user: User) -> bool:
    if user.persona in p.CARERS:
        return user.family is not None and user.family.verified_at is not None
    return user.verified_at is not None


def capabilities(user: User) -> list[str]:
    caps: list[str] = []
    record = staff_record(user)
    if record is not None and record.is_mentor and record.training_completed_on is not None:
        caps.append("mentor")
    if user.persona in p.MODERATION_STAFF:
        caps.append("moderate")
    if user.persona in (p.SAFEGUARDING_LEAD, p.ADMIN):
        caps.append("safeguarding_cases")
    if user.persona in (p.AGENCY_WORKER, p.ADMIN):
        caps.append("verify_families")
    if may_work_with_young_people(user):
        caps.append("work_with_young_people")
    return caps


def profile(user: User) -> dict[str, Any]:
    """The caller's own profile. The date of birth is never returned, only the age band."""
    link = db.session.get(YouthLink, user.id)
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "persona": user.persona,
        "age_band": p.age_band(user.date_of_birth, today()) if user.date_of_birth else None,
        "region": user.region,
        "bio_html": user.bio_html,
        "verified": is_verified(user),
        "capabilities": capabilities(user),
        "family_id": user.family_id,
        "linked_family_id": link.family_id if link else None,
        "link_notice": (
            "Your account is linked to your family's account so they know you are here. "
            "They cannot read your messages."
            if link
            else None
        ),
        "created_at": user.created_at,
    }


def public_profile(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "display_name": user.display_name if user.status != "deleted" else REMOVED_NAME,
        "persona": user.persona,
        # Staff are marked here, by the server, never by their name (accounts/display_names.py).
        "role": user.persona if user.persona in p.STAFF and user.status != "deleted" else None,
        "removed": user.status == "deleted",
    }


def do_update_profile(user: User, *, display_name: str | None = None, region: str | None = None) -> User:
    if display_name is not None:
        display_name = display_names.check_display_name(display_name)
        _check_profile_text(user, display_name)
        user.display_name = display_name
    if region is not None:
        user.region = region or None
    db.session.commit()
    return user


# --- families and children -------------------------------------------------------------------


def access_family(viewer: User, family_id: int) -> Family:
    """A family's details (children included) for its own carers and its agency's workers only."""
    family = db.session.get(Family, family_id)
    if family is None:
        raise NotFound()
    if viewer.family_id == family.id and viewer.persona in p.CARERS:
        return family
    if viewer.persona == p.AGENCY_WORKER and viewer.agency and family.agency == viewer.agency:
        return family
    if viewer.persona == p.ADMIN:
        return family
    raise NotFound()


def own_family(user: User) -> Family:
    if user.family_id is None or user.persona not in p.CARERS:
        raise NotFound("You have no family record")
    return access_family(user, user.family_id)


def do_update_family(user: User, *, agency: str | None, region: str | None) -> Family:
    family = own_family(user)
    if family.verified_at is not None and agency is not None and agency != family.agency:
        raise Conflict("A verified family moves to another agency only by an admin's transfer")
    if agency is not None:
        family.agency = agency
    if region is not None:
        family.region = region
    db.session.commit()
    return family


def do_add_child(
    user: User,
    *,
    birth_month: int,
    birth_year: int,
    legal_route: str,
    placement_date: date | None = None,
    needs: Iterable[str] = (),
) -> Child:
    family = own_family(user)
    if date(birth_year, birth_month, 1) > today():
        raise Unprocessable("Birth date is in the future", {"birth_year": ["Not in the future."]})
    child = Child(
        family_id=family.id,
        birth_month=birth_month,
        birth_year=birth_year,
        legal_route=legal_route,
        placement_date=placement_date,
        needs=sorted(set(needs)),
    )
    db.session.add(child)
    db.session.commit()
    return child


def access_child(viewer: User, child_id: int) -> Child:
    child = db.session.get(Child, child_id)
    if child is None:
        raise NotFound()
    access_family(viewer, child.family_id)
    return child


def do_remove_child(user: User, child_id: int) -> None:
    child = access_child(user, child_id)
    if child.family_id != user.family_id:
        raise NotFound()
    if db.session.scalar(select(YouthLink.user_id).where(YouthLink.child_id == child.id)):
        raise Conflict("This child has a linked young person's account")
    db.session.delete(child)
    db.session.commit()


# --- account events and personas -----------------------------------------------------------------


def _event(user_id: int, kind: str, actor: User | None = None, **detail: Any) -> None:
    db.session.add(
        AccountEvent(user_id=user_id, kind=kind, actor_id=actor.id if actor else None, detail=detail)
    )


def do_grant_persona(admin: User, user_id: int, persona: str) -> User:
    """Staff personas are granted only by an admin; never to or from a young person's account."""
    if admin.persona != p.ADMIN:
        raise NotFound()
    user = db.session.get(User, user_id)
    if user is None or user.status == "deleted":
        raise NotFound()
    if persona not in p.PERSONAS or persona == p.YOUNG_PERSON or user.persona == p.YOUNG_PERSON:
        raise Unprocessable("Persona cannot be granted", {"persona": ["Not allowed for this account."]})
    previous, user.persona = user.persona, persona
    _event(user.id, "persona_changed", admin, previous=previous, persona=persona)
    _rights_changed(user)
    db.session.commit()
    return user


def _close_sessions(user: User, reason: str) -> None:
    db.session.execute(
        update(TokenFamily)
        .where(TokenFamily.user_id == user.id, TokenFamily.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )
    for hook in _suspension_hooks:
        hook(user)
    _rights_changed(user)


def do_admin_set_suspended(admin: User, user_id: int, suspended: bool, reason: str) -> User:
    if admin.persona != p.ADMIN or admin.id == user_id:
        raise NotFound()
    return do_set_suspended(admin.id, user_id, suspended, reason)


def do_set_suspended(actor_id: int | None, user_id: int, suspended: bool, reason: str) -> User:
    """Used by moderation decisions and admins. A suspended account is signed out everywhere."""
    user = db.session.get(User, user_id)
    if user is None or user.status == "deleted":
        raise NotFound()
    user.status = "suspended" if suspended else "active"
    if suspended:
        _close_sessions(user, "suspended")
    db.session.add(
        AccountEvent(
            user_id=user.id,
            kind="suspended" if suspended else "reinstated",
            actor_id=actor_id,
            detail={"reason": reason},
        )
    )
    db.session.commit()
    return user


# --- turning 18 --------------------------------------------------------------------------------


def do_turning_18(on: date | None = None) -> list[int]:
    """Daily job: young people who have turned 18 become adult adoptees. Safe to run twice, and in
    several server processes at once."""
    on = on or today()
    moved = [user.id for user in turning_18_candidates(on) if _move_to_adult(user, on)]
    db.session.commit()
    return moved


def turning_18_candidates(on: date) -> list[User]:
    young = db.session.scalars(select(User).where(User.persona == p.YOUNG_PERSON, User.status == "active"))
    return [u for u in young if u.date_of_birth and p.eighteenth_birthday(u.date_of_birth) <= on]


def _move_to_adult(user: User, on: date) -> bool:
    # A conditional write: when two processes run the job at once each person moves (and the hooks
    # run) exactly once, in whichever process updates the row first.
    claimed = db.session.execute(
        update(User)
        .where(User.id == user.id, User.persona == p.YOUNG_PERSON)
        .values(persona=p.ADULT_ADOPTEE)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    user.persona = p.ADULT_ADOPTEE
    # Adults can receive connection requests from adults; nothing else about privacy changes.
    settings = db.session.get(PrivacySettings, user.id)
    if settings is not None:
        settings.youth_dms_enabled = False
    _event(user.id, "turned_18", None, on=on.isoformat())
    for hook in _turned_18_hooks:
        hook(user)
    return True


# --- blocks and mutes ----------------------------------------------------------------------------


def is_blocked(a_id: int, b_id: int) -> bool:
    """True if either has blocked the other. Every feature that connects two people calls this."""
    return (
        db.session.scalar(
            select(Block.id).where(
                or_(
                    (Block.blocker_id == a_id) & (Block.blocked_id == b_id),
                    (Block.blocker_id == b_id) & (Block.blocked_id == a_id),
                )
            )
        )
        is not None
    )


def hidden_user_ids(user_id: int) -> set[int]:
    """People whose content this user should not see: blocked either way, or muted by them."""
    rows = db.session.execute(
        select(Block.blocker_id, Block.blocked_id).where(
            or_(Block.blocker_id == user_id, Block.blocked_id == user_id)
        )
    ).all()
    hidden = {b if a == user_id else a for a, b in rows}
    hidden.update(db.session.scalars(select(Mute.muted_id).where(Mute.muter_id == user_id)))
    return hidden


def people_hiding(*author_ids: int) -> set[int]:
    """People who must not receive these authors' content: blocked either way, or who muted them.
    (``hidden_user_ids`` answers the reader's side; this is the author's side.)"""
    ids = set(author_ids)
    rows = db.session.execute(
        select(Block.blocker_id, Block.blocked_id).where(
            or_(Block.blocker_id.in_(ids), Block.blocked_id.in_(ids))
        )
    ).all()
    hiding = {b if a in ids else a for a, b in rows}
    hiding.update(db.session.scalars(select(Mute.muter_id).where(Mute.muted_id.in_(ids))))
    return hiding - ids


def do_block(user: User, other_id: int) -> tuple[dict[str, Any], bool]:
    """Block someone: the block, and whether it is new (False: it was already there)."""
    if other_id == user.id:
        raise BadRequest("You cannot block yourself")
    access_user(user, other_id)  # the audience wall: a hidden account answers as a missing one
    block = db.session.scalar(select(Block).where(Block.blocker_id == user.id, Block.blocked_id == other_id))
    created = block is None
    if block is None:
        block = Block(blocker_id=user.id, blocked_id=other_id)
        db.session.add(block)
    db.session.commit()
    return _person_listed(block.blocked_id, block.created_at), created


def do_unblock(user: User, other_id: int) -> None:
    block = db.session.scalar(select(Block).where(Block.blocker_id == user.id, Block.blocked_id == other_id))
    if block is None:
        raise NotFound()
    db.session.delete(block)
    db.session.commit()


def do_mute(user: User, other_id: int) -> tuple[dict[str, Any], bool]:
    """Mute someone: the mute, and whether it is new (False: it was already there)."""
    if other_id == user.id:
        raise BadRequest("You cannot mute yourself")
    access_user(user, other_id)  # the audience wall: a hidden account answers as a missing one
    mute = db.session.scalar(select(Mute).where(Mute.muter_id == user.id, Mute.muted_id == other_id))
    created = mute is None
    if mute is None:
        mute = Mute(muter_id=user.id, muted_id=other_id)
        db.session.add(mute)
    db.session.commit()
    return _person_listed(mute.muted_id, mute.created_at), created


def do_unmute(user: User, other_id: int) -> None:
    mute = db.session.scalar(select(Mute).where(Mute.muter_id == user.id, Mute.muted_id == other_id))
    if mute is None:
        raise NotFound()
    db.session.delete(mute)
    db.session.commit()


def _person_listed(user_id: int, created_at: datetime) -> dict[str, Any]:
    return {"user_id": user_id, "created_at": created_at}


def blocked_page(user: User, limit: int, after: int | None) -> list[dict[str, Any]]:
    """The people I have blocked, by id, after ``after``: ``limit + 1`` rows (the page's envelope
    is made by ``pagination.page``)."""
    query = select(Block.blocked_id, Block.created_at).where(Block.blocker_id == user.id)
    if after is not None:
        query = query.where(Block.blocked_id > after)
    rows = db.session.execute(query.order_by(Block.blocked_id).limit(limit + 1))
    return [_person_listed(uid, at) for uid, at in rows]


def muted_page(user: User, limit: int, after: int | None) -> list[dict[str, Any]]:
    """The people I have muted, by id, after ``after`` (as ``blocked_page``)."""
    query = select(Mute.muted_id, Mute.created_at).where(Mute.muter_id == user.id)
    if after is not None:
        query = query.where(Mute.muted_id > after)
    rows = db.session.execute(query.order_by(Mute.muted_id).limit(limit + 1))
    return [_person_listed(uid, at) for uid, at in rows]


# --- privacy -------------------------------------------------------------------------------------

# For each setting, the value that is more private. Moving away from it lowers privacy.
_PRIVATE_VALUE: dict[str, Any] = {
    "allow_connection_requests": False,
    "youth_dms_enabled": False,
    "show_presence": False,
    "show_region": False,
    "playdate_profile_enabled": False,
    "location_enabled": False,
    "personalised_suggestions": False,
    "nudges_enabled": False,
}
_YOUTH_LOCKED = {
    "allow_connection_requests",
    "playdate_profile_enabled",
    "location_enabled",
    "personalised_suggestions",
}


def privacy(user: User) -> PrivacySettings:
    settings = db.session.get(PrivacySettings, user.id)
    if settings is None:
        settings = _privacy_defaults(user)
        db.session.add(settings)
        db.session.flush()
    return settings


def do_update_privacy(user: User, changes: dict[str, Any], confirm: bool) -> PrivacySettings:
    """Any change that lowers privacy needs an explicit confirmation (PRODUCT.md section 3)."""
    settings = privacy(user)
    lowering = [
        name
        for name, value in changes.items()
        if name in _PRIVATE_VALUE and value != _PRIVATE_VALUE[name] and getattr(settings, name) != value
    ]
    if is_youth(user):
        locked = sorted(set(lowering) & _YOUTH_LOCKED)
        if locked:
            raise Unprocessable(
                "Not available for young people's accounts", {name: ["Not available."] for name in locked}
            )
    if lowering and not confirm:
        raise Unprocessable(
            "Confirm to reduce your privacy",
            {"confirm": [f"Set confirm to true to turn on: {', '.join(sorted(lowering))}."]},
        )
    for name, value in changes.items():
        setattr(settings, name, value)
    db.session.commit()
    return settings


# --- data rights ---------------------------------------------------------------------------------


def export(user: User) -> dict[str, Any]:
    """Everything stored about the caller, as JSON (UK GDPR right of access)."""
    session = db.session
    user_row = _row(user)
    user_row.pop("password_hash", None)
    data: dict[str, Any] = {
        "exported_at": utcnow().isoformat(),
        "user": user_row,
        "privacy_settings": _row(privacy(user)),
        "staff_record": _row(record) if (record := staff_record(user)) else None,
        "youth_link": _row(link) if (link := session.get(YouthLink, user.id)) else None,
        "blocks": [_row(b) for b in session.scalars(select(Block).where(Block.blocker_id == user.id))],
        "mutes": [_row(m) for m in session.scalars(select(Mute).where(Mute.muter_id == user.id))],
        "account_events": [
            _row(e) for e in session.scalars(select(AccountEvent).where(AccountEvent.user_id == user.id))
        ],
        "invitations_created": [
            {k: v for k, v in _row(i).items() if k != "token_hash"}
            for i in session.scalars(select(Invitation).where(Invitation.created_by_id == user.id))
        ],
        "sign_in_sessions": [
            {k: v for k, v in _row(f).items()}
            for f in session.scalars(select(TokenFamily).where(TokenFamily.user_id == user.id))
        ],
    }
    if user.family_id is not None and user.persona in p.CARERS:
        family = session.get(Family, user.family_id)
        assert family is not None
        data["family"] = _row(family)
        data["children"] = [_row(c) for c in family.children]
    for name, exporter in _exporters.items():
        data[name] = exporter(user)
    return data


def do_delete_account(user: User) -> None:
    """Remove the account: sign-in closed, identity erased, content kept but anonymised.

    Moderation's records (reports, evidence, cases) are not touched here: they live in the
    moderation database under its own retention policy, so nothing a moderator needs is lost.
    """
    _close_sessions(user, "account_deleted")
    for hook in _deletion_hooks:
        hook(user)
    user.status = "deleted"
    user.email = None
    user.password_hash = None
    user.display_name = REMOVED_NAME
    user.bio_html = ""
    user.date_of_birth = None
    user.region = None
    user.deleted_at = utcnow()
    db.session.execute(delete(Block).where(Block.blocker_id == user.id))
    db.session.execute(delete(Mute).where(Mute.muter_id == user.id))
    _event(user.id, "account_deleted", user)
    db.session.commit()


# --- posting sanctions ---------------------------------------------------------------------------


def check_can_post(user: User) -> None:
    """Every feature that accepts content calls this: suspended or muted people may not post."""
    if not user.is_active:
        raise Unauthorized()
    if user.posting_muted_until is not None and user.posting_muted_until > utcnow():
        raise Forbidden(
            "You cannot post right now",
            {"posting_muted_until": [user.posting_muted_until.isoformat()]},
        )


def do_mute_posting(actor_id: int | None, user_id: int, hours: int, reason: str) -> User:
    """A moderator's mute: the person may read but not post for a while."""
    user = db.session.get(User, user_id)
    if user is None or user.status == "deleted":
        raise NotFound()
    user.posting_muted_until = utcnow() + timedelta(hours=hours)
    db.session.add(
        AccountEvent(
            user_id=user.id,
            kind="posting_muted",
            actor_id=actor_id,
            detail={"hours": hours, "reason": reason},
        )
    )
    db.session.commit()
    return user


def do_record_warning(actor_id: int | None, user_id: int, reason: str) -> None:
    db.session.add(AccountEvent(user_id=user_id, kind="warned", actor_id=actor_id, detail={"reason": reason}))
    db.session.commit()


def linked_family_id(user: User) -> int | None:
    link = db.session.get(YouthLink, user.id)
    return link.family_id if link else None


def account_age_days(user: User) -> float:
    return max(0.0, (utcnow() - user.created_at).total_seconds() / 86400)
