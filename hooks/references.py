"""References (work in progress)."""
