"""The app's shared extension objects, bound to an app in ``create_app``."""

from flask_limiter.util import get_remote_address
from flask_socketio import SocketIO

from backend.core.limits import Limiter

socketio = SocketIO()

# Storage comes from config (RATELIMIT_STORAGE_URI): memory:// embedded, Redis when REDIS_URL is set.
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)
