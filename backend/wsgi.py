"""WSGI entry point for gunicorn: ``gunicorn -w 1 --threads 200 backend.wsgi:app`` (see deploy/)."""

import gc

from backend import create_app

app = create_app()
# As in backend/serve.py: what start-up loaded (the app, the screening rules and classifier) lives
# as long as the process; frozen, the cyclic GC stops re-scanning it, so a full collection does not
# pause every thread mid-traffic.
gc.collect()
gc.freeze()
