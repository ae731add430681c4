"""Support, My people, My plan, and the one country setting."""
