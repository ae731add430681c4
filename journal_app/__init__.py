"""Tend: a private, encrypted, reflective journal for the desktop.

Three layers, each importing only the ones below it:

``ui/``
    The window (the only code that imports Qt), in rooms: see ``ui/__init__.py``.
``journal/``
    Entries, search, prompts, My people and My plan, import and export, and the
    rule of when typed words are saved (``journal/edit_session.py``).
``vault/``
    The encrypted file: the cipher (``vault/crypto.py``), keys and header, sealed
    records and the manifest that notices a missing one.

The command line (``cli*.py``) stands on ``journal/`` and ``vault/`` beside the window.
"""

__version__ = "0.1.0"
APP_NAME = "Tend"
APP_ID = "org.tendjournal.Tend"
"""Reverse-DNS application id: the .desktop file's and AppStream's name, the icon's
name in the desktop's icon theme, and the macOS bundle identifier. Never changes."""
