"""The app's shared extension objects, bound to an app in ``create_app``."""

from flask_limiter.util import get_remote_address
from flask_socketio import SocketIO

from backend.core.json_input import SocketJson, SocketPacket
from backend.core.limits import Limiter

# Packets are decoded with bounds (nesting depth), like request bodies: see core.json_input.
socketio = SocketIO(json=SocketJson, serializer=SocketPacket)

# Storage comes from config (RATELIMIT_STORAGE_URI): memory:// embedded, Redis when REDIS_URL is set.
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)
