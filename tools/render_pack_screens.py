"""The Prompt packs window with a sample pack turned on, and "Check a pack…" reports.

Called by render_screens.py for each theme, with an unlocked window whose journal
holds the example pack.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

DRAFT = """[pack]
name = "Draft for Jo"
author = "Sam Rivera"

[[prompts]]
id = "helped"
text = "What helped you this week, even a little?"

[[prompts]]
id = "last-time"
text = "Why did you feel so low on Tuesday?"

[[prompts]]
id = "scale"
text = "On a scale of 1 to 10, how calm did you feel?"
heavy = "yes"

[[prompts]]
id = "arm"
text = "Write about the feeling in your arm."
"""


def render(window: Any, theme: str, shot: Callable[..., None], root: Path) -> None:
    """Prompt packs with "Early days" on, then a check of a draft and of a good pack."""
    from PySide6.QtWidgets import QDialog

    from journal_app.journal.library import sample_packs
    from journal_app.journal.pack_check import check_pack_file
    from journal_app.ui.journal.pack_check_dialog import PackCheckDialog

    window.show_prompt_packs()
    packs = window.packs_dialog
    packs.samples.toggle(sample_packs()[0])
    shot(packs, "36-prompt-packs-with-a-sample-on", theme)
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / "draft-for-jo.toml"
        draft.write_text(DRAFT, encoding="utf-8")
        for name, path in (
            ("36-pack-check-problems", draft),
            ("36-pack-check-ready", root / "tests" / "data" / "example_pack.toml"),
        ):
            report = PackCheckDialog(path, check_pack_file(path), packs)
            report.show()
            shot(report, name, theme)
            report.done(QDialog.DialogCode.Rejected)
    packs.done(QDialog.DialogCode.Rejected)
