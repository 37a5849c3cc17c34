"""The backend's durable hand-over to moderation: the intake outbox and its reconciler."""
