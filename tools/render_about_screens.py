"""Help > About Tend, for tools/render_screens.py (``--only-about`` draws just these).

The dialog alone, and centred over the window filling a screen of 800x600 and of
1920x1080: once over a journal not yet created (its folder button waits), once over
an open journal (a long folder name, to see how a real path wraps), and locked.
"""

from __future__ import annotations

from pathlib import Path

from tools.render_sync_screens import SIZES, Helpers, on_screen

__all__ = ["SIZES", "render"]


def render(helpers: Helpers, folder: Path, theme: str) -> None:
    from journal_app.ui.window.about import AboutDialog

    window = helpers.window_for(folder / "about-new" / "journal.tend")
    about = AboutDialog(window, window.service)
    about.show()
    helpers.shot(about, "37-about-before-the-journal", theme)
    about.done(0)
    window.close()

    path = folder / "Documents" / "Journals kept on this laptop" / "journal.tend"
    path.parent.mkdir(parents=True, exist_ok=True)
    helpers.make_journal(path)
    window = helpers.window_for(path)
    window.unlock_page.field.setText(helpers.passphrase)
    window.unlock_page.submit()
    helpers.wait_for(lambda: window.current_page() is window.journal_page)
    window.about_action.trigger()
    about = window.about_dialog
    assert about is not None
    helpers.shot(about, "37-about", theme)
    on_screen(helpers, window, about, "37-about", theme)
    about.done(0)
    window.lock()
    window.about_action.trigger()
    on_screen(helpers, window, about, "37-about-locked", theme)
    about.done(0)
    window.close()
