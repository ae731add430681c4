"""My plan's newer parts: signs, people picked from My people, the country's lines,
making a space safer; and the whole plan filled in, as it prints on one page.

Called by render_screens.py for each theme, with the plan dialog open over an
unlocked sample journal whose My people is already filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MORE_PLAN = {
    "signs": "Sleeping badly for a few nights in a row.\nWanting to cancel everything.\n"
    "Being very hard on myself.",
    "helpers": "Text first if calling feels like too much.",
    "space": "Ask Mum to come over.\nStay in the living room with the lights on.",
}


def _scroll_to(dialog: Any, section_id: str) -> None:
    editor = dialog.editors[section_id]
    dialog.scroll_area.ensureWidgetVisible(editor, 0, 0)
    bar = dialog.scroll_area.verticalScrollBar()
    bar.setValue(min(bar.maximum(), editor.y()))


def render(
    dialog: Any,
    theme: str,
    shot: Callable[[Any, str, str], None],
    page_image: Callable[[Any, str], None] | None,
) -> None:
    """Shots of the plan's newer parts; ``page_image`` is given once, for paper."""
    service = dialog.service
    plan = service.plan()
    for section_id, text in MORE_PLAN.items():
        plan = plan.with_text(section_id, text)
    people = service.people()
    service.save_plan(plan.with_people(person.id for person in people[:3]))
    dialog.reload()
    for section_id, name in (
        ("signs", "24b-my-plan-signs"),
        ("helpers", "24c-my-plan-people-to-ask"),
        ("professionals", "24d-my-plan-professionals-and-lines"),
        ("space", "24e-my-plan-space"),
    ):
        _scroll_to(dialog, section_id)
        shot(dialog, name, theme)
    if page_image is not None:
        page_image(dialog.document(), "paper-26b-my-plan-all-parts-printed.png")
