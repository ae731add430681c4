"""The editor, for tools/render_screens.py (``--only-editor`` draws just these).

At 800x600 and 1920x1080: an entry with its tags as chips, a new page begun at
its title with bold typed, many tags (the oldest folded into "+N", one chip in
focus), and "Another prompt" offered for a new entry once words are written.
"""

from __future__ import annotations

from pathlib import Path

from tools.render_sync_screens import SIZES, Helpers

__all__ = ["render"]

MANY_TAGS = ["weekend", "walks", "river", "family", "sleep", "music", "cooking", "Maya"]


def render(helpers: Helpers, folder: Path, theme: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    path = folder / "editor" / "journal.tend"
    path.parent.mkdir(parents=True, exist_ok=True)
    helpers.make_journal(path)
    window = helpers.window_for(path)
    window.unlock_page.field.setText(helpers.passphrase)
    window.unlock_page.submit()
    helpers.wait_for(lambda: window.current_page() is window.journal_page)
    view = window.journal_view
    editor = view.editor
    entries = {entry.title: entry for entry in window.service.entries()}
    for width, height in SIZES:
        size = f"{width}x{height}"
        window.resize(width, height)
        view.show_entry(entries["A slow Sunday"].id)
        helpers.shot(window, f"40-editor-tags-{size}", theme)

        view.new_entry()
        editor.focus_start()
        QTest.keyClicks(editor.title, "Evening")
        QTest.keyClick(editor.title, Qt.Key.Key_Tab)
        QTest.keyClicks(editor.body, "A ")
        editor.make_bold()
        QTest.keyClicks(editor.body, "calm")
        editor.make_bold()
        QTest.keyClicks(editor.body, " walk after dinner.")
        editor.tags.setFocus()
        QTest.keyClicks(editor.tags, "walks, evening, wal")
        helpers.shot(window, f"41-editor-new-entry-{size}", theme)

        editor.tags.set_tags(MANY_TAGS)
        editor.tags.setFocus()
        QTest.keyClick(editor.tags, Qt.Key.Key_Left)
        helpers.shot(window, f"42-editor-many-tags-{size}", theme)
        editor.focus_body()

        view.start_prompted_entry("coping")
        editor.body.setFocus()
        QTest.keyClicks(editor.body, "Music, mostly. And the walk.")
        editor.prompt_card.another_button.setFocus()
        editor.another_prompt()
        helpers.shot(window, f"43-prompt-offered-for-a-new-entry-{size}", theme)
        editor.dismiss_offer()
    window.lock()
    window.close()
