"""My plan as Markdown: the copy a person saves when they ask for one.

Plain Python: never imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable

from journal_app.journal.personal import (
    PLAN_TITLE,
    Person,
    PersonalTemplate,
    Plan,
    load_template,
    plan_sections,
)


def _markdown_line(line: str) -> str:
    """One line of the person's text, kept as written when the Markdown is rendered.

    A leading "#" would become a heading and a line of only "-" or "=" would turn
    the line above into one: both are escaped. Nothing else is changed.
    """
    stripped = line.lstrip()
    if stripped.startswith("#"):
        return line.replace("#", "\\#", 1)
    if stripped and set(stripped) <= {"-", "="}:
        return "\\" + line
    return line


def plan_to_markdown(
    plan: Plan,
    template: PersonalTemplate | None = None,
    *,
    people: Iterable[Person] = (),
    title: str = PLAN_TITLE,
    footer: Iterable[str] = (),
) -> str:
    """The plan as Markdown, every section with its heading; only the person's words.

    Their line breaks are kept (as Markdown hard breaks). Empty sections keep
    their heading and some room, so a printed copy leaves space to write by hand.
    Placeholders and example ideas are never included. ``footer`` lines (the
    emergency number, say) come last, after a rule.
    """
    template = template or load_template()
    lines = [f"# {title}", ""]
    for _section_id, heading, text in plan_sections(plan, template, people):
        lines += [f"## {heading}", ""]
        body = [_markdown_line(line.rstrip()) for line in text.strip("\n").splitlines()]
        if any(line.strip() for line in body):
            for index, line in enumerate(body):
                following = body[index + 1] if index + 1 < len(body) else ""
                hard_break = bool(line.strip() and following.strip())
                lines.append(line + ("  " if hard_break else ""))
            lines.append("")
        else:
            lines += ["", ""]
    footer = [footer] if isinstance(footer, str) else [line for line in footer if line.strip()]
    if footer:
        lines += ["---", ""]
        lines += [line + ("  " if i + 1 < len(footer) else "") for i, line in enumerate(footer)]
    return "\n".join(lines).rstrip("\n") + "\n"
