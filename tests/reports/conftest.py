from tests.moderation.conftest import fresh_flood_counts, no_stale_message_queue

__all__ = ["fresh_flood_counts", "no_stale_message_queue"]
