"""Support (help lines for the chosen country, shown first), My people and My plan."""
