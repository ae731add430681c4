"""Writing prompts: the four recovery themes, their built-in prompts, and the choice.

The themes and prompts are data (``resources/prompts/*.toml``), one file per
theme, drawn from Hudson, Hartley & Taylor (2025). A therapist's packs add
prompts of their own (see ``packs.py``). The picker never repeats a prompt of a
pool until every prompt of that pool has been offered, and avoids the ones
offered most recently across cycles.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from journal_app.assets import resource

STUDY_CREDIT = (
    "Tend's prompts are drawn from the four themes of naturalistic recovery found by "
    "Hudson, Hartley & Taylor, Psychology and Psychotherapy 2025;98(1):133-148, "
    "doi:10.1111/papt.12567."
)
STUDY_DOI_URL = "https://doi.org/10.1111/papt.12567"
BUILTIN_SOURCE = "tend"
# How many of the most recently offered prompts to keep clear of, where possible.
RECENT_WINDOW = 6
HISTORY_LIMIT = 400


class PromptDataError(ValueError):
    """A built-in prompt file is malformed: a packaging mistake, named precisely."""


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Prompt:
    """One invitation to write. ``theme`` is None for a pack prompt without one."""

    id: str
    text: str
    theme: str | None = None
    facet: str = ""
    follow_up: str = ""
    heavy: bool = False
    source: str = BUILTIN_SOURCE


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Themes and every prompt available now (built-in plus enabled packs)."""

    themes: tuple[Theme, ...]
    prompts: tuple[Prompt, ...]

    def theme(self, theme_id: str) -> Theme | None:
        return next((theme for theme in self.themes if theme.id == theme_id), None)

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((prompt for prompt in self.prompts if prompt.id == prompt_id), None)

    def pool(self, theme_id: str | None) -> list[Prompt]:
        """The prompts of one theme, or of every theme (and untagged pack prompts)."""
        if theme_id is None:
            return list(self.prompts)
        return [prompt for prompt in self.prompts if prompt.theme == theme_id]

    def with_prompts(self, extra: Iterable[Prompt]) -> Catalogue:
        return Catalogue(self.themes, self.prompts + tuple(extra))


THEME_ORDER = ("understanding", "people", "coping", "values")


def _require_str(
    table: Mapping[str, object], key: str, where: str, *, optional: bool = False
) -> str:
    value = table.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise PromptDataError(f"{where}: '{key}' must be non-empty text")
    return value.strip()


def parse_theme_file(text: str, name: str) -> tuple[Theme, list[Prompt]]:
    """Read one theme's TOML; raise PromptDataError naming the file and field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PromptDataError(f"{name}: {exc}") from None
    table = data.get("theme")
    if not isinstance(table, dict):
        raise PromptDataError(f"{name}: missing [theme] table")
    theme = Theme(
        id=_require_str(table, "id", f"{name} [theme]"),
        name=_require_str(table, "name", f"{name} [theme]"),
        description=_require_str(table, "description", f"{name} [theme]"),
    )
    prompts = []
    for index, item in enumerate(data.get("prompts", [])):
        where = f"{name} prompts[{index}]"
        heavy = item.get("heavy", False)
        if not isinstance(heavy, bool):
            raise PromptDataError(f"{where}: 'heavy' must be true or false")
        prompts.append(
            Prompt(
                id=_require_str(item, "id", where),
                text=_require_str(item, "text", where),
                theme=theme.id,
                facet=_require_str(item, "facet", where),
                follow_up=_require_str(item, "follow_up", where, optional=True),
                heavy=heavy,
            )
        )
    return theme, prompts


@lru_cache(maxsize=1)
def builtin_catalogue() -> Catalogue:
    """The four themes and their prompts, in the order the app presents them."""
    folder = resource("prompts")
    parsed = {}
    for item in folder.iterdir():
        if item.name.endswith(".toml"):
            theme, theme_prompts = parse_theme_file(item.read_text(encoding="utf-8"), item.name)
            parsed[theme.id] = (theme, theme_prompts)
    order = [tid for tid in THEME_ORDER if tid in parsed] + sorted(set(parsed) - set(THEME_ORDER))
    themes = tuple(parsed[tid][0] for tid in order)
    prompts = tuple(prompt for tid in order for prompt in parsed[tid][1])
    ids = [prompt.id for prompt in prompts]
    duplicates = sorted({pid for pid in ids if ids.count(pid) > 1})
    if duplicates:
        raise PromptDataError(f"duplicate prompt ids: {', '.join(duplicates)}")
    return Catalogue(themes, prompts)


def _current_cycle(pool_ids: set[str], history: Sequence[str]) -> set[str]:
    """Ids of the pool offered since the pool was last offered in full."""
    cycle: set[str] = set()
    for prompt_id in history:
        if prompt_id in pool_ids:
            cycle.add(prompt_id)
            if cycle >= pool_ids:
                cycle = set()
    return cycle


def choose_prompt(
    catalogue: Catalogue,
    theme_id: str | None,
    history: Sequence[str],
    rng: random.Random | None = None,
) -> Prompt | None:
    """Pick the next prompt for a theme (None: any theme).

    Every prompt of the pool is offered once before any is offered again, and the
    last few offered (from any theme) are avoided where there is a choice.
    """
    pool = catalogue.pool(theme_id)
    if not pool:
        return None
    pool_ids = {prompt.id for prompt in pool}
    seen = _current_cycle(pool_ids, history)
    fresh = [prompt for prompt in pool if prompt.id not in seen]
    recent = set(history[-min(RECENT_WINDOW, max(1, len(pool) // 2)) :])
    rested = [prompt for prompt in fresh if prompt.id not in recent]
    return (rng or random.Random()).choice(rested or fresh or pool)


def remember(history: Sequence[str], prompt_id: str) -> list[str]:
    """History with one more offer, trimmed to a bounded length."""
    return [*history, prompt_id][-HISTORY_LIMIT:]
