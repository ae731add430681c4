"""Ways through right now: each page, locked and open, at sizes for small and large
screens.

Called by render_screens.py for each theme. The comfort box lives in a vault of its
own in the scratch folder, filled with sample things.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZES = {"800x600": (600, 540), "1920x1080": (760, 760)}


class _Source:
    """The service's side of the window, over a real store (or locked, with none)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    @property
    def is_unlocked(self) -> bool:
        return self.store is not None

    def comfort(self) -> Any:
        return self.store

    def note_refused(self) -> None:
        """Nothing else writes the scratch vault."""


def _sample_store(folder: Path, passphrase: str) -> Any:
    from journal_app.journal.comfort import ComfortBox, ComfortItem, ComfortStore
    from journal_app.vault import KdfParams, Vault

    vault = Vault.create(folder / "comfort.tend", passphrase, KdfParams.fresh(64, 1, 1))
    store = ComfortStore(vault)
    items = (
        ComfortItem.new("words", "You have got through hard days before. This one will pass too."),
        ComfortItem.new("message", "Call me any time, even late. I mean it.", source="Maya"),
        ComfortItem.new("song", "Here Comes the Sun", link="https://example.org/sun"),
    )
    store.save(ComfortBox(items, "This will pass like weather."))
    return store


def render(
    shot: Callable[..., None],
    settle: Callable[..., None],
    theme: str,
    folder: Path,
    passphrase: str,
) -> None:
    """Every page open; the box and let it pass while locked; at both sizes."""
    from journal_app.ui.support.comfort_window import ComfortWindow

    store = _sample_store(folder, passphrase)
    for size, (width, height) in SIZES.items():
        for state, source in (("open", _Source(store)), ("locked", _Source(None))):
            window = ComfortWindow(source)
            window.resize(width, height)
            window.show()
            pages = (window.breathing, window.grounding, window.let_it_pass, window.things)
            for page in pages if state == "open" else pages[2:]:
                window.tabs.setCurrentWidget(page)
                settle(120)
                name = window.tabs.tabText(window.tabs.indexOf(page)).replace("&", "")
                slug = name.lower().replace(" ", "-")
                shot(window, f"70-ways-{slug}-{state}-{size}", theme)
            if state == "open":
                window.tabs.setCurrentWidget(window.let_it_pass)
                window.let_it_pass.start()
                shot(window, f"71-ways-let-it-pass-running-{size}", theme)
                window.let_it_pass.timer.timeout.emit()
                shot(window, f"71-ways-let-it-pass-ended-{size}", theme)
                window.let_it_pass.stop()
                window.tabs.setCurrentWidget(window.grounding)
                window.grounding.next()
                shot(window, f"71-ways-grounding-second-step-{size}", theme)
                window.breathing.still_box.setChecked(True)
                window.tabs.setCurrentWidget(window.breathing)
                shot(window, f"71-ways-breathing-still-{size}", theme)
            window.close()
            window.deleteLater()
    store.vault.close()
