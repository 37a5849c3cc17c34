"""The playdate finder's facade for other features (``__all__`` is the contract)."""

from __future__ import annotations

from backend.playdates.hiding import kept_apart
from backend.playdates.invitations import linked
from backend.playdates.walls import standing

__all__ = ["kept_apart", "linked", "standing"]
