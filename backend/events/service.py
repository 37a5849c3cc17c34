"""Events: the facade other features import (``__all__`` is the contract).

- ``journey_suggestions(user, tags, limit)``: upcoming events this person may see about a life
  stage's tags, for their journey (``register`` gives it to ``backend/journeys``; the logic is in
  ``suggestions``).
"""

from __future__ import annotations

from backend.events.suggestions import journey_suggestions

__all__ = ["journey_suggestions"]
