"""Peer groups (forums): audiences, membership, threads, posts, reactions, live updates."""
