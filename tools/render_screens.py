"""Render every screen of Tend, in light and dark, to PNG files for design review.

    QT_QPA_PLATFORM=offscreen python tools/render_screens.py OUTDIR [--font FAMILY]

Everything happens in a temporary folder with sample entries and a fast key
derivation; nothing of the real user's is read or written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE_PASSPHRASE = "quiet river lamp orange"

SAMPLE_ENTRIES = [
    (
        "A slow Sunday",
        "Slept late and made pancakes. The flat was quiet and I let it be quiet.\n\n"
        "In the afternoon I walked down to the river and sat on the bench by the "
        "willow for a while. Nothing much happened, and that was the nice part.",
        ["weekend", "walks"],
    ),
    (
        "What helped, even a little",
        "Putting on the old playlist while I cooked. Texting Maya back instead of "
        "waiting until I had the perfect reply. Going to bed before midnight.\n\n"
        "Small things, but they added up to a calmer evening.",
        ["what helps"],
    ),
    (
        "Coffee with Sam",
        "We talked for two hours. I had forgotten how easy it is with him: no need "
        "to explain everything first. We said we would do it every month.",
        ["people"],
    ),
    (
        "",
        "Rain all day. Read half of the library book and started a sketch of the "
        "view from the kitchen window.",
        ["drawing"],
    ),
    (
        "What matters to me",
        "Being someone my friends can call. Making things with my hands. Time "
        "outdoors, even ten minutes. I want more of my week to look like that.",
        ["values"],
    ),
    (
        "First day at the allotment",
        "Dug one bed and planted garlic. My back aches in the good, earned way.",
        ["outdoors"],
    ),
]


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--font", help="application font family (default: the system's)")
    parser.add_argument("--themes", default="light,dark")
    return parser.parse_args()


def main() -> int:
    args = _parse()
    args.outdir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="tend-screens-"))
    os.environ["TEND_CONFIG_DIR"] = str(scratch / "config")
    os.environ["TEND_DATA_DIR"] = str(scratch / "data")

    from PySide6.QtCore import QEventLoop, QLocale, QTimer
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from journal_app.journal import Journal
    from journal_app.ui.app import create_application
    from journal_app.ui.main_window import MainWindow
    from journal_app.ui.settings import AppSettings
    from journal_app.ui.settings_dialog import SettingsDialog
    from journal_app.ui.support import SupportDialog
    from journal_app.ui.theme import ThemeMode, apply_theme
    from journal_app.vault import KdfParams

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = create_application(["render_screens"])
    if args.font:
        font = QFont(args.font)
        font.setPointSizeF(app.font().pointSizeF())
        app.setFont(font)
    kdf = KdfParams.fresh(memory_kib=64, iterations=1, lanes=1)
    written: list[Path] = []

    def settle(ms: int = 60) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
        waited = 0
        while not condition():
            settle(20)
            waited += 20
            if waited > timeout_ms:
                raise TimeoutError("the screen did not get there in time")

    def shot(widget: QWidget, name: str, theme: str) -> None:
        settle()
        path = args.outdir / f"{theme}-{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    def make_journal(path: Path) -> None:
        with Journal.create(path, SAMPLE_PASSPHRASE, kdf) as journal:
            now = datetime.now().astimezone().replace(second=0, microsecond=0)
            for days, (title, body, tags) in enumerate(reversed(SAMPLE_ENTRIES)):
                created = now - timedelta(days=2 * (len(SAMPLE_ENTRIES) - days), hours=days)
                journal.add(body, title=title, tags=tags, created=created)
            journal.vault.new_recovery_code()

    def window_for(path: Path) -> MainWindow:
        window = MainWindow(AppSettings(), vault_path=path, kdf=kdf, watch_session_lock=False)
        window.resize(1100, 720)
        window.show()
        settle()
        return window

    for theme in args.themes.split(","):
        apply_theme(app, ThemeMode(theme))
        folder = scratch / theme
        folder.mkdir()

        # First run: welcome, passphrase (with feedback, and refused), recovery code.
        window = window_for(folder / "new.tend")
        shot(window, "01-welcome", theme)
        window.welcome_page.begin_button.click()
        page = window.create_page
        page.fields.first.setText("river lamp quietly")
        page.fields.second.setText("river lamp")
        shot(window, "02-create-passphrase-feedback", theme)
        page.fields.first.setText("password1")
        page.fields.second.setText("password1")
        page.submit()
        shot(window, "03-create-passphrase-refused", theme)
        page.fields.first.setText(SAMPLE_PASSPHRASE)
        page.fields.second.setText(SAMPLE_PASSPHRASE)
        page.submit()
        wait_for(lambda w=window: w.current_page() is w.recovery_code_page)
        shot(window, "04-recovery-code", theme)
        window.recovery_code_page.widget.kept.setChecked(True)
        window.recovery_code_page.widget.continue_button.click()
        shot(window, "05-journal-empty", theme)
        window.close()

        # An existing journal: unlock, a wrong passphrase, the journal, locked again.
        path = folder / "journal.tend"
        make_journal(path)
        window = window_for(path)
        shot(window, "06-unlock", theme)
        window.unlock_page.field.setText("not quite it")
        window.unlock_page.submit()
        wait_for(lambda w=window: w.unlock_page.inline_error.isVisible())
        shot(window, "07-unlock-wrong-passphrase", theme)
        window.unlock_page.field.setText(SAMPLE_PASSPHRASE)
        window.unlock_page.submit()
        wait_for(lambda w=window: w.current_page() is w.journal_page)
        entries = window.service.entries()
        window.journal_view.show_entry(entries[0].id)
        shot(window, "08-journal", theme)
        window.journal_view.focus_search()
        search = getattr(window.journal_view, "search", None)
        if search is not None:
            search.setText("walk")
            settle(400)
            shot(window, "09-journal-search", theme)
            search.setText("")

        # Settings, every page; then the recovery-code dialog made from it.
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog is not None
        for index, settings_page in enumerate(dialog.pages):
            dialog.show_page(settings_page)
            name = settings_page.title.lower().replace(" ", "-")
            shot(dialog, f"10-settings-{index + 1}-{name}", theme)
        dialog.done(QDialog.DialogCode.Rejected)

        window.lock()
        shot(window, "11-locked", theme)

        # The recovery path: code, then a new passphrase.
        window.unlock_page.recovery_button.click()
        window.recovery_unlock_page.field.setText("AAAAA-BBBBB")
        shot(window, "12-recovery-unlock", theme)
        window.recovery_unlock_page.submit()
        wait_for(lambda w=window: w.recovery_unlock_page.message.isVisible())
        shot(window, "13-recovery-unlock-wrong", theme)
        window.close()

        # Vault errors on the unlock page.
        stray = folder / "shopping.tend"
        stray.write_text("eggs, bread, tea", encoding="utf-8")
        window = window_for(stray)
        shot(window, "14-error-not-a-journal", theme)
        window.close()
        from journal_app.vault import Vault

        holder = Vault.open(path)
        window = window_for(path)
        shot(window, "15-error-in-use", theme)
        window.close()
        holder.close()

        # Support, for the UK and for a place with no checked lines yet.
        for country in ("GB", "US", ""):
            support = SupportDialog(country=country)
            support.resize(620, 760)
            support.show()
            shot(support, f"16-support-{country or 'other'}", theme)
            support.close()

        # A settings dialog on its own while locked (passphrase page quiet).
        window = window_for(path)
        standalone = SettingsDialog(window.settings, window.service, window)
        standalone.show()
        standalone.show_page(standalone.passphrase)
        shot(standalone, "17-settings-passphrase-locked", theme)
        standalone.done(QDialog.DialogCode.Rejected)
        window.close()

    for path in written:
        print(path)
    QApplication.closeAllWindows()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
