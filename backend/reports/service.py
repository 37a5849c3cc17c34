"""Reports, appeals and protected terms: the backend's side, talking to moderation through its API.

Features register a subject resolver per content type (``register_subject``): given the reporter
and an id, it applies the feature's own access rules (NotFound when the reporter may not see it)
and returns a copy of the content with its context for moderation's evidence snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend import safeguarding
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.errors import BadRequest, Conflict, NotFound
from backend.core.html import screening_text
from backend.core.pagination import page
from backend.core.schemas import ID_MAX
from backend.core.statuses import Saved
from backend.reports.subjects import REPORTABLE
from moderation import api as moderation

SubjectResolver = Callable[[User, Any], moderation.Subject]
_resolvers: dict[str, tuple[SubjectResolver, type]] = {}
MAX_KEY_LENGTH = 100


def register_subject(subject_type: str, resolver: SubjectResolver, *, id_type: type = int) -> None:
    """Make a content type reportable. ``resolver(user, subject_id)`` raises NotFound when the user
    may not see the subject; ids arrive converted to ``id_type`` (int unless the feature says)."""
    if subject_type not in REPORTABLE:
        raise ValueError(f"{subject_type!r} is not in backend.reports.subjects.REPORTABLE")
    _resolvers[subject_type] = (resolver, id_type)


def resolve_subject(user: User, subject_type: str, subject_id: int | str) -> moderation.Subject:
    """The subject as the reporter may see it; the same 404 for an unknown type, a malformed or
    missing id, and something the reporter may not see."""
    registered = _resolvers.get(subject_type)
    if registered is None:
        raise NotFound()
    resolver, id_type = registered
    try:
        typed_id = id_type(subject_id)
    except ValueError as exc:
        raise NotFound() from exc
    if isinstance(typed_id, int) and not 1 <= typed_id <= ID_MAX:
        raise NotFound()  # no such record, and too big for the database to look up
    return resolver(user, typed_id)


def subject_for_user(viewer: User, user_id: int) -> moderation.Subject:
    """Reporting a person: their profile as the reporter sees it (the audience wall applies)."""
    person = accounts.access_user(viewer, user_id)
    return safeguarding.subject(
        type="user",
        id=person.id,
        author=person,
        text=screening_text(plain=person.display_name, html=person.bio_html),
        youth_space=accounts.is_youth(person),
        space=f"profile:{person.id}",
    )


def receipt_view(receipt: moderation.ReportReceipt) -> dict[str, Any]:
    return {
        "id": receipt.report_id,
        "subject_type": receipt.subject_type,
        "subject_id": int(receipt.subject_id),  # moderation keeps ids as text
        "reason": receipt.reason,
        "status": receipt.status,
        "outcome": receipt.outcome,
        "created_at": receipt.created_at,
        "signposts": safeguarding.signposts_view(receipt),
    }


def do_report(
    user: User,
    *,
    key: str | None,
    subject_type: str,
    subject_id: int,
    reason: str,
    details: str | None = None,
) -> Saved[dict[str, Any]]:
    """Report something the user can see. Returns the report and whether it is new.

    Idempotent on the Idempotency-Key: a repeat returns the stored report (even if the content has
    gone since), so a client that lost the first answer can safely send again.
    """
    key = (key or "").strip()
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise BadRequest(
            "An Idempotency-Key header is required",
            {"Idempotency-Key": [f"1 to {MAX_KEY_LENGTH} characters."]},
        )
    existing = moderation.find_report(user.id, key)
    if existing is not None:
        if (existing.subject_type, existing.subject_id, existing.reason) != (
            subject_type,
            str(subject_id),
            reason,
        ):
            raise Conflict("This Idempotency-Key was used for a different report")
        return Saved(receipt_view(existing), False)
    subject = resolve_subject(user, subject_type, subject_id)
    receipt = moderation.report(
        subject, user.id, reason, key, details=details, reporter_verified=accounts.is_verified(user)
    )
    return Saved(receipt_view(receipt), receipt.created)


def my_reports(user: User, *, limit: int, cursor: tuple[int] | None = None) -> dict[str, Any]:
    """A page of the caller's reports, newest first."""
    rows = [receipt_view(r) for r in moderation.my_reports(user.id, cursor[0] if cursor else None, limit)]
    return page(rows, limit, _by_id)


def do_appeal(user: User, *, subject_type: str, subject_id: int, reason: str) -> dict[str, Any]:
    """Appeal the removal of one's own content (once). Moderation knows what was removed and whose
    it was, so this works even after the feature has withdrawn the content."""
    return moderation.appeal(user.id, subject_type, str(subject_id), reason)


def my_appeals(user: User, *, limit: int, cursor: tuple[int] | None = None) -> dict[str, Any]:
    """A page of the caller's appeals, newest first."""
    return page(moderation.my_appeals(user.id, cursor[0] if cursor else None, limit), limit, _by_id)


def _by_id(row: dict[str, Any]) -> tuple[int]:
    return (row["id"],)


# --- a family's protected terms ------------------------------------------------------------------


def _carer_family_key(user: User) -> str:
    """Only a family's carers set or read its protected names (a child's birth name, birth
    relatives' names): they are the family's to protect, and the secret is kept from everyone else."""
    if user.persona not in p.CARERS or user.family_id is None:
        raise NotFound()
    return f"family:{user.family_id}"


def protected_terms(user: User) -> list[dict[str, str]]:
    return [{"term": t} for t in moderation.protected_terms(_carer_family_key(user))]


def do_set_protected_terms(user: User, terms: list[str]) -> list[dict[str, str]]:
    key = _carer_family_key(user)
    stored = moderation.set_protected_terms(key, terms, actor=safeguarding.actor_for(user))
    return [{"term": t} for t in stored]
