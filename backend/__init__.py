"""Backend of the kinship community app."""

from backend.app import create_app

__all__ = ["create_app"]
