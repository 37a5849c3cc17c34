"""Who may see and act on an application: one pure function, and the same 404 for missing and not
allowed (PRODUCT.md 3: "a worker acts only for families of their own agency"; QUALITY.md: no family
reaches another's application)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.applications.models import ActorRole, Application
from backend.core.db import db
from backend.core.errors import NotFound

Need = Literal["see", "family", "agency"]


@dataclass(frozen=True)
class ApplicationStanding:
    family: bool  # the applicant family's own carers, or the prospective adopter themself
    agency: bool  # an active agency worker of the owning agency

    @property
    def see(self) -> bool:
        return self.family or self.agency

    @property
    def role(self) -> ActorRole | None:
        return ActorRole.AGENCY if self.agency else ActorRole.FAMILY if self.family else None

    def allows(self, need: Need) -> bool:
        return {"see": self.see, "family": self.family, "agency": self.agency}[need]


def _standing(user: User, application: Application) -> ApplicationStanding:
    """Pure. Young people, moderators, the DSL, admins and other agencies' workers have no standing:
    an application is between a family and its agency."""
    if not user.is_active:
        return ApplicationStanding(family=False, agency=False)
    family = (
        user.persona in p.CARERS
        and application.family_id is not None
        and user.family_id == application.family_id
    ) or (application.applicant_id is not None and user.id == application.applicant_id)
    agency = user.persona == p.AGENCY_WORKER and bool(user.agency) and user.agency == application.agency
    return ApplicationStanding(family=family, agency=agency)


def standing(user: User, application: Application) -> ApplicationStanding:
    return _standing(user, application)


@dataclass(frozen=True)
class ApplicationAccess:
    """What ``access_application`` found: the application and the caller's standing on it."""

    application: Application
    standing: ApplicationStanding


def access_application(user: User, application_id: int, need: Need = "see") -> ApplicationAccess:
    """The application and the caller's standing; 404 when it is missing or not theirs to ``need``."""
    application = db.session.get(Application, application_id)
    if application is None:
        raise NotFound()
    found = _standing(user, application)
    if not found.allows(need):
        raise NotFound()
    return ApplicationAccess(application, found)
