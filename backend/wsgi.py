"""WSGI entry point for gunicorn: ``gunicorn -w 1 --threads 200 backend.wsgi:app`` (see deploy/)."""

from backend import create_app

app = create_app()
