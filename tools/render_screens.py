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


SAMPLE_PEOPLE = [
    {
        "name": "Maya",
        "relationship": "friend",
        "reach": "07700 900 123",
        "note": "Evenings are best. She said any time, and she means it.",
    },
    {"name": "Mum", "relationship": "family", "reach": "0161 496 0000"},
    {
        "name": "Dr Okafor",
        "relationship": "gp",
        "reach": "Surgery: 0161 496 0111",
        "note": "The surgery opens at 8.",
    },
    {"name": "Jo, my counsellor", "relationship": "therapist", "reach": "jo@example.org"},
]

SAMPLE_PLAN = {
    "calmer": "Tea on the back step, with both hands round the mug.\n"
    "The rain playlist.\nSlow breathing: in for four, out for six",
    "places": "The bench by the willow on the river path.\n"
    "The library on a Saturday morning.\nSketching the view from the kitchen window.",
    "people": "Maya: she said any time, and she means it.\n"
    "Sitting in the kitchen with Mum while she cooks.",
    "matters": "My friends, and being someone they can call.\n"
    "The allotment in spring.\nFinishing the sketchbook.",
    "professionals": "Dr Okafor at the surgery (it opens at 8).\nJo, my counsellor, on Wednesdays.",
}


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--font", help="application font family (default: the system's)")
    parser.add_argument("--themes", default="light,dark")
    parser.add_argument(
        "--only-country", action="store_true", help="only the country-or-region screens"
    )
    parser.add_argument("--only-sync", action="store_true", help="only two computers' screens")
    parser.add_argument("--only-about", action="store_true", help="only About, at two sizes")
    parser.add_argument("--only-dialogs", action="store_true", help="only the calm dialogs")
    parser.add_argument("--only-editor", action="store_true", help="only the editor, two sizes")
    parser.add_argument("--only-comfort", action="store_true", help="only Ways through right now")
    return parser.parse_args()


def main() -> int:
    args = _parse()
    args.outdir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="tend-screens-"))
    os.environ["TEND_CONFIG_DIR"] = str(scratch / "config")
    os.environ["TEND_DATA_DIR"] = str(scratch / "data")

    from PySide6.QtCore import QEventLoop, QLocale, QRectF, QSizeF, QTimer
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextDocument
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from journal_app.journal import Journal
    from journal_app.journal.personal import Person, Plan
    from journal_app.ui.common.preferences import AppSettings
    from journal_app.ui.common.theme import ThemeMode, apply_theme
    from journal_app.ui.settings.dialog import SettingsDialog
    from journal_app.ui.support.support import SupportDialog
    from journal_app.ui.window.app import create_application
    from journal_app.ui.window.main_window import MainWindow
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

    def page_image(document: QTextDocument, path: Path) -> None:
        """The first page of a document as it prints (A4, 20 mm margins, 96 dpi)."""
        width, height, margin = 794, 1123, 76
        document.setPageSize(QSizeF(width - 2 * margin, height - 2 * margin))
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(margin, margin)
        document.drawContents(painter, QRectF(0, 0, width - 2 * margin, height - 2 * margin))
        painter.end()
        image.save(str(path))
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

    def render_prompt_screens(folder: Path, theme: str) -> None:
        from journal_app.journal.packs import parse_pack
        from journal_app.journal.prompts import builtin_catalogue
        from journal_app.ui.journal.packs import PackPreviewDialog
        from journal_app.ui.journal.prompt_chooser import PromptChooserDialog

        catalogue = builtin_catalogue()
        pack_file = ROOT / "tests" / "data" / "example_pack.toml"
        path = folder / "prompts.tend"
        prompted = {
            "Coffee with Sam": catalogue.prompt("people-safe-person")
            or catalogue.pool("people")[0],
            "What helped, even a little": catalogue.prompt("coping-time-to-pass"),
            "What matters to me": catalogue.pool("values")[0],
        }
        with Journal.create(path, SAMPLE_PASSPHRASE, kdf) as journal:
            pack = journal.prompts.import_pack(parse_pack(pack_file.read_bytes()))
            now = datetime.now().astimezone().replace(second=0, microsecond=0)
            for days, (title, body, tags) in enumerate(reversed(SAMPLE_ENTRIES)):
                created = now - timedelta(days=2 * (len(SAMPLE_ENTRIES) - days), hours=days)
                prompt = prompted.get(title)
                if title == "First day at the allotment":
                    prompt = pack.prompts[1]
                journal.add(body, title=title, tags=tags, created=created, prompt=prompt)
        window = window_for(path)
        window.unlock_page.field.setText(SAMPLE_PASSPHRASE)
        window.unlock_page.submit()
        wait_for(lambda w=window: w.current_page() is w.journal_page)
        view = window.journal_view

        chooser = PromptChooserDialog(window.service.prompt_themes(), parent=window)
        chooser.list.setCurrentRow(1)
        chooser.show()
        shot(chooser, "30-prompt-chooser", theme)
        chooser.done(QDialog.DialogCode.Rejected)

        view.start_prompted_entry("understanding")
        view.editor.show_prompt(catalogue.prompt("understanding-friend-words"))
        view.editor.body.setFocus()
        shot(window, "31-prompt-card", theme)
        view.editor.body.setPlainText("I would tell her she is doing better than she thinks. ")
        shot(window, "31-prompt-card-writing", theme)
        view.editor.body.setPlainText("")
        view.editor.show_prompt(catalogue.prompt("understanding-gave-and-cost"))
        shot(window, "32-prompt-heavy-note", theme)
        view.editor.reveal_prompt()
        shot(window, "32-prompt-heavy-shown", theme)
        view.editor.write_freely()

        entry = next(e for e in window.service.entries() if e.title == "What helped, even a little")
        view.show_entry(entry.id)
        shot(window, "33-entry-with-its-prompt", theme)
        allotment = next(e for e in window.service.entries() if e.title.startswith("First day"))
        view.show_entry(allotment.id)
        shot(window, "33-entry-with-a-pack-prompt", theme)
        view.set_theme_filter("people")
        settle(100)
        shot(window, "34-theme-filter", theme)
        view.set_theme_filter(None)

        names = {t.id: t.name for t in window.service.prompt_themes()}
        preview = PackPreviewDialog(parse_pack(pack_file.read_bytes()), names, window)
        preview.show()
        shot(preview, "35-pack-preview", theme)
        preview.done(QDialog.DialogCode.Rejected)
        window.show_prompt_packs()
        assert window.packs_dialog is not None
        window.service.set_pack_enabled(pack.id, True)
        shot(window.packs_dialog, "36-prompt-packs", theme)
        window.packs_dialog.done(QDialog.DialogCode.Rejected)
        from tools import render_pack_screens

        render_pack_screens.render(window, theme, shot, ROOT)  # samples, Check a pack…
        window.lock()
        window.close()

    def render_transfer_screens(folder: Path, theme: str) -> None:
        """Export and print, import, backups and restore (issue 6), and the flag."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from journal_app.journal.backup import BackupFrequency, BackupPolicy
        from journal_app.ui.common.questions import question_dialog
        from journal_app.ui.common.tasks import Task
        from journal_app.ui.services import pdf
        from journal_app.ui.transfer.export_dialog import NOT_ENCRYPTED_QUESTION
        from journal_app.ui.transfer.progress import TaskDialog
        from journal_app.ui.transfer.restore_dialog import RestoreDialog
        from journal_app.vault import WrongPassphrase

        path = folder / "transfer.tend"
        make_journal(path)
        with Journal.open(path, SAMPLE_PASSPHRASE) as journal:
            for entry in journal.entries():
                if entry.title in ("What helped, even a little", "Coffee with Sam"):
                    journal.set_flagged(entry.id, True)
        settings = AppSettings()
        settings.backup_policy = BackupPolicy(BackupFrequency.WEEKLY, 8, folder / "Backups")
        window = window_for(path)
        window.transfer.auto_backup.after_unlock_ms = 3_600_000  # not while taking pictures
        window.unlock_page.field.setText(SAMPLE_PASSPHRASE)
        window.unlock_page.submit()
        wait_for(lambda w=window: w.current_page() is w.journal_page)
        view = window.journal_view
        marked = next(e for e in window.service.entries() if e.flagged)
        view.show_entry(marked.id)
        settle(100)
        shot(window, "40-journal-marked-for-next-session", theme)
        view.flag_filter.setChecked(True)
        settle(100)
        shot(window, "40-journal-marked-filter", theme)
        view.flag_filter.setChecked(False)

        dialog = window.transfer.export()
        assert dialog is not None
        shot(dialog, "41-export-dialog", theme)
        dialog.set_choice("dates")
        shot(dialog, "41-export-dialog-dates", theme)
        dialog.set_choice("marked")
        dialog.note.edit.setPlainText("Sleep, and the new job.\nWhat to say to my sister.")
        shot(dialog, "41-export-dialog-note", theme)
        box = question_dialog(dialog, NOT_ENCRYPTED_QUESTION)
        box.show()
        shot(box, "42-not-encrypted-notice", theme)
        box.done(0)
        fake = Task("export")
        dialog.progress.follow(fake, "Writing 2 entries…")
        dialog._set_busy(True)
        fake.report(420, 1000)
        shot(dialog, "43-export-progress", theme)
        fake._succeed(None)
        dialog._set_busy(False)

        document = pdf.build_document(window.service.select_entries(dialog.selection()))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(pdf.default_page_layout())
        preview = QPrintPreviewDialog(printer, dialog)
        preview.setWindowTitle("Print preview")
        preview.paintRequested.connect(lambda device: pdf.render(document, device))
        preview.resize(900, 760)
        preview.show()
        settle(300)
        shot(preview, "44-print-preview", theme)
        preview.done(0)
        if theme == "light":  # paper is white whatever the theme
            every = pdf.build_document(sorted(window.service.entries(), key=lambda e: e.created))
            for page in range(min(every.pageCount(), 2)):
                image = pdf.page_image(every, page, pdf.default_page_layout(), dpi=110)
                image.save(str(args.outdir / f"paper-45-pdf-page-{page + 1}.png"))
                written.append(args.outdir / f"paper-45-pdf-page-{page + 1}.png")
        dialog.done(0)

        importer = window.transfer.import_entries()
        assert importer is not None
        shot(importer, "46-import-choose", theme)
        importer.set_source(ROOT / "tests" / "data" / "jrnl_export.json")
        importer.preview()
        wait_for(lambda d=importer: d.pages.currentWidget() is d.preview_page)
        shot(importer, "47-import-preview", theme)
        plan = importer.plan
        fake = Task("import")
        importer.progress.follow(fake, "Adding 6 entries to your journal…")
        fake.report(2, 12)
        shot(importer, "48-import-progress", theme)
        fake._succeed(None)
        importer.plan = plan
        importer.start_import()
        wait_for(lambda d=importer: d.pages.currentWidget() is d.done_page)
        shot(importer, "49-import-done", theme)
        importer.done(0)
        broken = folder / "export.json"
        broken.write_text('{"entries": [ {"date": "2024-01-01", ', encoding="utf-8")
        importer = window.transfer.import_entries()
        assert importer is not None
        importer.set_source(broken)
        importer.set_format("jrnl")
        importer.preview()
        wait_for(lambda d=importer: d.message.isVisible())
        shot(importer, "50-import-error", theme)
        importer.done(0)

        window.open_settings()
        settings_dialog = window.settings_dialog
        assert settings_dialog is not None
        settings_dialog.show_page(settings_dialog.backups)
        shot(settings_dialog, "51-settings-backups", theme)
        settings_dialog.done(0)
        fake = Task("backup")
        progress = TaskDialog(
            "Backing up",
            "Making an encrypted copy of your journal, then checking it…",
            fake,
            window,
        )
        progress.show()
        fake.report(3, 10)
        shot(progress, "52-backup-progress", theme)
        fake._succeed(None)

        backup = folder / "Backups" / "journal-backup.tend"
        backup.parent.mkdir(exist_ok=True)
        task = window.service.transfer.backup_to(backup)
        wait_for(lambda t=task: not t.running)
        restore = window.transfer.restore()
        assert isinstance(restore, RestoreDialog)
        shot(restore, "53-restore-empty", theme)
        restore.set_backup(backup)
        restore.passphrase.setText("not the one")
        restore.set_target(folder / "restored-journal.tend")
        shot(restore, "54-restore-filled", theme)
        restore._on_failed(WrongPassphrase())
        shot(restore, "55-restore-wrong-passphrase", theme)
        restore.passphrase.setText(SAMPLE_PASSPHRASE)
        restore.restore()
        wait_for(lambda d=restore: d.pages.currentWidget() is d.done_page)
        shot(restore, "56-restore-done", theme)
        restore.done(0)
        window.close()

    def render_country_screens(folder: Path, theme: str) -> None:
        """Where the country or region is chosen (issue 9, defect 11), at two sizes."""
        for width, height in ((800, 600), (1920, 1080)):
            size = f"{width}x{height}"
            window = window_for(folder / f"first-run-{size}.tend")
            window.resize(width, height)
            shot(window, f"60-welcome-country-{size}", theme)
            window.show_support()
            support = window.support_dialog
            assert support is not None
            support.resize(width, height)
            shot(support, f"61-support-country-{size}", theme)
            support.close()
            window.open_settings()
            dialog = window.settings_dialog
            assert dialog is not None
            dialog.resize(width, height)
            dialog.show_page(dialog.country)
            shot(dialog, f"62-settings-country-{size}", theme)
            dialog.done(QDialog.DialogCode.Rejected)
            window.close()

    def render_sized_screens(folder: Path, theme: str) -> None:
        """The journal (list, a search) and a refused passphrase, at the two sizes."""
        for width, height in ((800, 600), (1920, 1080)):
            size = f"{width}x{height}"
            new = window_for(folder / f"new-{size}.tend")
            new.resize(width, height)
            new.welcome_page.begin_button.click()
            new.create_page.fields.first.setText("password1")
            new.create_page.fields.second.setText("password1")
            new.create_page.submit()
            shot(new, f"03-create-passphrase-refused-{size}", theme)
            new.close()
            path = folder / f"journal-{size}.tend"
            make_journal(path)
            window = window_for(path)
            window.resize(width, height)
            window.unlock_page.field.setText(SAMPLE_PASSPHRASE)
            window.unlock_page.submit()
            wait_for(lambda w=window: w.current_page() is w.journal_page)
            shot(window, f"08-journal-{size}", theme)
            window.journal_view.search.setText("river")
            wait_for(lambda w=window: w.journal_view.model.rowCount() < len(SAMPLE_ENTRIES))
            shot(window, f"09-journal-search-{size}", theme)
            window.journal_view.search.setText("")
            render_menu_screens.render(window, size, theme, shot, settle)
            window.close()

    for theme in args.themes.split(","):
        apply_theme(app, ThemeMode(theme))
        folder = scratch / theme
        folder.mkdir()
        from tools import (
            render_about_screens,
            render_dialog_screens,
            render_menu_screens,
            render_sync_screens,
        )

        render_dialog_screens.render(shot, settle, theme)  # notices and questions
        if args.only_dialogs:
            continue
        from tools import render_comfort_screens

        render_comfort_screens.render(shot, settle, theme, folder, SAMPLE_PASSPHRASE)
        if args.only_comfort:
            continue

        lent = (shot, settle, wait_for, window_for, make_journal, args.outdir, written)
        helpers = render_sync_screens.Helpers(*lent, SAMPLE_PASSPHRASE)
        from tools import render_editor_screens

        render_editor_screens.render(helpers, folder, theme)  # tags, bold, another prompt
        if args.only_editor:
            continue
        if not (args.only_sync or args.only_country):
            render_about_screens.render(helpers, folder, theme)  # Help > About, two sizes
        if args.only_about:
            continue
        if not args.only_sync:
            render_country_screens(folder, theme)
        if not (args.only_sync or args.only_country):
            render_sized_screens(folder, theme)
        if not args.only_country:  # one journal on two computers: merge, file changed
            render_sync_screens.render(helpers, folder, theme)
        if args.only_country or args.only_sync:
            continue

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

        # Writing with a prompt: the chooser, the card (and a heavy prompt's note),
        # an entry opened with its prompt, the theme filter, packs and About.
        render_prompt_screens(folder, theme)

        # Export and print, import, backups and restore, and the session mark.
        render_transfer_screens(folder, theme)

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
            if country == "GB":
                bar = support.scroll_area.verticalScrollBar()
                bar.setValue(bar.maximum())
                shot(support, "16-support-GB-end", theme)
            support.close()

        # Support while locked, then My people and My plan, and Support with the
        # person's own people at the top.
        window = window_for(path)
        window.show_support()
        support = window.support_dialog
        assert support is not None
        support.set_country("GB")
        shot(support, "18-support-locked", theme)
        support.close()
        window.unlock_page.field.setText(SAMPLE_PASSPHRASE)
        window.unlock_page.submit()
        wait_for(lambda w=window: w.current_page() is w.journal_page)
        shot(window, "19-journal-with-personal-buttons", theme)
        window.show_people()
        assert window.people_dialog is not None
        shot(window.people_dialog, "20-my-people-empty", theme)
        for person in SAMPLE_PEOPLE:
            window.service.save_person(Person.new(**person))
        window.people_dialog.reload()
        shot(window.people_dialog, "21-my-people", theme)
        window.people_dialog.close()
        window.show_support()
        support.set_country("GB")
        support.scroll_area.verticalScrollBar().setValue(0)
        shot(support, "22-support-with-my-people", theme)
        support.close()
        window.show_plan()
        plan_dialog = window.plan_dialog
        assert plan_dialog is not None
        shot(plan_dialog, "23-my-plan-empty", theme)
        window.service.save_plan(Plan(SAMPLE_PLAN))
        plan_dialog.reload()
        settle(100)
        shot(plan_dialog, "24-my-plan-filled", theme)
        bar = plan_dialog.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())
        shot(plan_dialog, "25-my-plan-filled-end", theme)
        if theme == "light":  # paper is white whatever the theme
            page_image(plan_dialog.document(), args.outdir / "paper-26-my-plan-printed.png")
        from tools import render_plan_screens

        render_plan_screens.render(  # signs, people to ask, lines, a safer space
            plan_dialog,
            theme,
            shot,
            (lambda doc, name: page_image(doc, args.outdir / name)) if theme == "light" else None,
        )
        window.lock()
        window.close()

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
