"""Screens of one journal on two computers, for tools/render_screens.py.

Import > Another Tend journal or backup (chosen, with a preview shown, done), and
the message shown when another program changed the journal's file (and what the
window says after "Not now", and on the unlock page after "Open it again"). Each
dialog is drawn alone, and over the window filling a screen of 800x600 and of
1920x1080, so that text cut off or a dialog taller than a small screen shows.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

SIZES = ((800, 600), (1920, 1080))


@dataclass
class Helpers:
    """What render_screens.py's main() lends: its own helpers, in its own run."""

    shot: Callable[[Any, str, str], None]
    settle: Callable[..., None]
    wait_for: Callable[..., None]
    window_for: Callable[[Path], Any]
    make_journal: Callable[[Path], None]
    outdir: Path
    written: list[Path]
    passphrase: str


def on_screen(helpers: Helpers, window: Any, dialog: Any, name: str, theme: str) -> None:
    """The window filling a screen of each size, the dialog centred over it."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter

    for width, height in SIZES:
        window.resize(width, height)
        helpers.settle(80)
        screen = window.grab()
        dialog_image = dialog.grab()
        painter = QPainter(screen)
        painter.fillRect(screen.rect(), QColor(0, 0, 0, 70))  # as a window manager dims
        x = max(0, (width - dialog_image.width()) // 2)
        y = max(0, (height - dialog_image.height()) // 2)
        painter.setPen(QColor(0, 0, 0, 120))
        painter.drawRect(x - 1, y - 1, dialog_image.width() + 1, dialog_image.height() + 1)
        painter.drawPixmap(QPoint(x, y), dialog_image)
        painter.end()
        path = helpers.outdir / f"{theme}-{name}-{width}x{height}.png"
        screen.save(str(path))
        helpers.written.append(path)


def render(helpers: Helpers, folder: Path, theme: str) -> None:
    from journal_app.journal import Journal
    from journal_app.journal.personal import Person
    from journal_app.ui.transfer.import_dialog import ImportDialog

    path = folder / "two-computers.tend"
    helpers.make_journal(path)
    laptop = folder / "laptop" / "journal.tend"
    laptop.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, laptop)
    with Journal.open(laptop, helpers.passphrase) as journal:
        moment = datetime.now().astimezone().replace(second=0, microsecond=0)
        journal.add(
            "Wrote this on the train home. The fields were golden and I did not look at "
            "my phone once.",
            title="On the train home",
            tags=["outdoors"],
            created=moment,
        )
        journal.add("Baked bread with Mum.", title="Sunday bread", created=moment)
        journal.personal.save_person(Person.new(name="Ana", reach="ana@example.org"))
        journal.personal.save_plan_text("calmer", "Tea on the back step.")
        first = journal.entries()[-1]
        journal.update(first.id, body=first.body + "\n\nAdded on the laptop later.")

    window = helpers.window_for(path)
    window.transfer.auto_backup.after_unlock_ms = 3_600_000  # not while taking pictures
    window.unlock_page.field.setText(helpers.passphrase)
    window.unlock_page.submit()
    helpers.wait_for(lambda: window.current_page() is window.journal_page)

    importer = window.transfer.import_entries()
    assert isinstance(importer, ImportDialog)
    importer.set_source(laptop)
    importer.passphrase.field.setText(helpers.passphrase)
    helpers.shot(importer, "70-merge-choose", theme)
    on_screen(helpers, window, importer, "70-merge-choose", theme)
    importer.passphrase.field.setText("not quite it")
    importer.preview()
    helpers.wait_for(lambda: importer.passphrase.problem.isVisible())
    helpers.shot(importer, "71-merge-wrong-passphrase", theme)
    importer.passphrase.field.setText(helpers.passphrase)
    importer.preview()
    helpers.wait_for(lambda: importer.pages.currentWidget() is importer.preview_page)
    helpers.shot(importer, "72-merge-preview", theme)
    on_screen(helpers, window, importer, "72-merge-preview", theme)
    importer.start_import()
    helpers.wait_for(lambda: importer.pages.currentWidget() is importer.done_page)
    helpers.shot(importer, "73-merge-done", theme)
    on_screen(helpers, window, importer, "73-merge-done", theme)
    importer.done(0)

    # Another program puts the laptop's copy in place while Tend has the file open.
    view = window.journal_view
    view.new_entry()
    view.editor.title.setText("Tuesday")
    view.editor.body.setPlainText("A slow start, then a good walk at lunch.")
    temp = path.with_name(".two-computers.synctemp")
    shutil.copyfile(laptop, temp)
    temp.replace(path)  # renamed over it, as a sync tool does
    window.service.check_file()
    dialog = window.changed_file.dialog
    assert dialog is not None
    helpers.shot(dialog, "74-file-changed", theme)
    on_screen(helpers, window, dialog, "74-file-changed", theme)
    dialog.reject()  # "Not now": the window says why it is not saving
    view.editor.flush()
    for width, height in SIZES:
        window.resize(width, height)
        helpers.shot(window, f"75-file-changed-not-saved-{width}x{height}", theme)
    window.changed_file.reopen()
    for width, height in SIZES:
        window.resize(width, height)
        helpers.shot(window, f"76-file-changed-unlock-{width}x{height}", theme)
    window.unlock_page.field.setText(helpers.passphrase)
    window.unlock_page.submit()
    helpers.wait_for(lambda: window.current_page() is window.journal_page)
    helpers.settle(200)
    for width, height in SIZES:
        window.resize(width, height)
        helpers.shot(window, f"77-file-changed-kept-{width}x{height}", theme)
    window.lock()
    window.close()


__all__ = ["Helpers", "render"]
