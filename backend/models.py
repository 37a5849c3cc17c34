"""Imports every feature's models so ``Base.metadata`` is complete (for Alembic and create_all)."""

from backend.accounts import models as accounts_models
from backend.applications import models as applications_models
from backend.auth import models as auth_models
from backend.chat import models as chat_models
from backend.core.db import Base
from backend.events import models as events_models
from backend.groups import models as groups_models
from backend.insights import models as insights_models
from backend.journeys import models as journeys_models
from backend.mentoring import models as mentoring_models
from backend.moderation_link import models as moderation_link_models
from backend.notifications import models as notifications_models
from backend.playdates import models as playdates_models

__all__ = [
    "accounts_models",
    "applications_models",
    "auth_models",
    "chat_models",
    "events_models",
    "groups_models",
    "insights_models",
    "journeys_models",
    "mentoring_models",
    "metadata",
    "moderation_link_models",
    "notifications_models",
    "playdates_models",
]

metadata = Base.metadata
