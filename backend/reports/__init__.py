"""What users do with moderation: report content or people, appeal a removal, protect a family's names."""
