"""The terminal summary of a story (rich)."""
