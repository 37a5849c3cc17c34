"""Mentoring: the facade other features import (``__all__`` is the contract).

- ``journey_suggestions(user, tags, limit)``: mentors the matching engine would offer this person
  whose lived experience speaks to a life stage's tags, for their journey (``register`` gives it to
  ``backend/journeys``; the logic is in ``suggestions``).
"""

from __future__ import annotations

from backend.mentoring.suggestions import journey_suggestions

__all__ = ["journey_suggestions"]
