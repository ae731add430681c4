"""The Settings dialog and the recovery code."""
