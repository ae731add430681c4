"""Tend's window: the only part of Tend that imports Qt.

The folders are the parts of the window a person sees, stacked so that each one
only looks down:

``window/``
    The top floor, which wires the parts together: the application and its start-up,
    the main window and its menus, the first-run and unlock pages, locking (idle,
    the desktop's own lock), one window per journal, About, and what happens when
    the journal's file is changed by another computer.
``journal/``
    Writing and browsing: the entry list (model, delegate, view), the editor and its
    Markdown helpers, prompts, prompt packs and the "next session" marks. The rule
    of when typed words are saved lives below Qt, in ``journal_app.journal.edit_session``.
``support/``
    Support (help lines for the chosen country), My people and My plan.
``transfer/``
    Export, print, import, backup and restore, and their progress dialogs.
``settings/``
    The Settings dialog and its pages, and the recovery-code dialog.

Beneath every part:

``services/``
    The window's one door to the journal: ``JournalService`` (the unlocked journal,
    its workers and file watching) and the transfer service (export, import, backup
    and the PDF writer, off the GUI thread). Parts reach the journal only through it.
``common/``
    What several parts share: theme, small widget helpers, error words, workers and
    tasks, the preferences kept in QSettings, the country list.

A part never imports a part above it or beside it; ``tests/test_layers.py`` holds
the house to that.
"""
