"""Tend: a private, encrypted, reflective journal for the desktop."""

__version__ = "0.1.0"
APP_NAME = "Tend"
APP_ID = "org.tendjournal.Tend"
"""Reverse-DNS application id: the .desktop file's and AppStream's name, the icon's
name in the desktop's icon theme, and the macOS bundle identifier. Never changes."""
