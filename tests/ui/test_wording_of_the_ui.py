"""Every word of the interface passes the wording rules of CONTENT.md.

Two ways, so that neither can miss what the other sees:

(a) the source: every string literal in ``journal_app/ui/*.py`` that a person
    could read. "Could read" is decided by a rule, not a list: a literal (or an
    f-string's template) with a space and a letter in it, that is not a
    docstring, not an argument of a call that only names or styles things
    (``setStyleSheet``, ``setObjectName``, ``setProperty``, ``QSettings``,
    ``QKeySequence``, ``setDisplayFormat``...), and not a stylesheet (CSS
    ``property: value;`` or braces). Nothing is exempt but the exact desktop
    words in ``resources/content/wording.toml``'s ``allowed_ui_strings``.
(b) the running app: every text, tooltip, accessible name, placeholder and window
    title of every screen and dialog, as ``tests/ui/screens.py`` visits them.

Every built-in prompt, and every pack the tests import, goes through
``check_prompt`` (the stricter rules for prompts).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal_app.journal.packs import parse_pack
from journal_app.journal.prompts import builtin_catalogue
from journal_app.journal.wording import check_prompt, check_text, rules
from journal_app.ui.journal import prompt_chooser
from journal_app.ui.journal import prompts as prompt_ui
from tests.ui.screens import EXAMPLE_PACK, visit_every_screen, words_of

UI = Path(__file__).resolve().parents[2] / "journal_app" / "ui"

# Calls whose string arguments name, style or key things, and are never shown.
NOT_SHOWN_CALLS = {
    "setStyleSheet",
    "setObjectName",
    "setProperty",
    "property",
    "QSettings",
    "QKeySequence",
    "setDisplayFormat",
    "findChild",
    "findChildren",
    "setValue",
    "value",
    "remove",
    "Signal",
    "Property",
    "getattr",
    "hasattr",
    "setattr",
    "QFont",
    "setFamily",
    "setFamilies",
}
CSS = re.compile(r"[\w-]+\s*:\s*[^;{}\n]*;|\{\s*$|^\s*\}|^\s*[\w#\[\]=\"*:. ,>-]+\{\s", re.M)


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _template(node: ast.JoinedStr) -> str:
    return "".join(
        part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
        for part in node.values
    )


def shown_literals(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each literal in a module that a person could read."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and _call_name(node) in NOT_SHOWN_CALLS:
            skip.update(id(sub) for sub in ast.walk(node))
        if isinstance(node, ast.JoinedStr):
            # An f-string is read as a whole; its pieces are not read again alone.
            skip.update(id(sub) for sub in ast.walk(node) if sub is not node)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = _template(node)
        else:
            continue
        if " " in text and re.search(r"[A-Za-z]", text) and not CSS.search(text):
            yield node.lineno, text


def all_shown_literals() -> list[tuple[str, int, str]]:
    return [
        (str(path.relative_to(UI)), line, text)
        for path in sorted(UI.rglob("*.py"))
        for line, text in shown_literals(path)
    ]


def test_every_ui_string_in_the_source_follows_the_wording_rules() -> None:
    found = all_shown_literals()
    texts = {text for _name, _line, text in found}
    # The rule finds what people read (so it cannot quietly skip everything)…
    for expected in (
        prompt_ui.TEXT_HEAVY_NOTE,
        prompt_chooser.TEXT_CHOOSER_LEAD,
        prompt_ui.TEXT_WRITE_FREELY,
        "Search your journal",
    ):
        assert expected in texts, expected
    assert len(found) > 300
    # …and leaves out what they do not.
    assert not any("border-radius" in text for text in texts)
    problems = [
        f"{name}:{line}: {text!r}: {', '.join(map(str, check_text(text)))}"
        for name, line, text in found
        if check_text(text)
    ]
    assert not problems, "\n".join(problems)


def test_the_allow_list_holds_only_standard_desktop_words() -> None:
    allowed = rules().allowed_ui_strings
    assert allowed <= {"Cu&t", "Cut"}, "allow only Qt's own words (the Cut of Cut/Copy/Paste)"


def test_the_scan_would_catch_a_forbidden_word(tmp_path) -> None:
    source = (
        'label = QLabel("Your streak is safe")\n'
        'widget.setObjectName("no words here")\n'
        'tip = f"You have been clean for {days} days"\n'
        'def f():\n    """A docstring may say streak."""\n'
    )
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    texts = [text for _line, text in shown_literals(path)]
    assert sorted(texts) == ["You have been clean for {} days", "Your streak is safe"]
    assert all(check_text(text) for text in texts)


@pytest.fixture
def every_screen(qtbot, tmp_path, monkeypatch):
    return visit_every_screen(qtbot, tmp_path, monkeypatch)


def test_every_word_on_every_screen_follows_the_wording_rules(every_screen) -> None:
    problems: dict[str, dict[str, list[str]]] = {}
    seen: dict[str, list[str]] = {}
    for name, root in every_screen:
        texts = words_of(root)
        seen[name] = texts
        bad = {text: [str(v) for v in check_text(text)] for text in texts if check_text(text)}
        if bad:
            problems[name] = bad
    assert not problems, problems
    # Each screen was really there, showing what it should.
    assert prompt_ui.TEXT_HEAVY_NOTE in seen["heavy prompt note"]
    assert "Any theme" in seen["prompt chooser"]
    assert "Between our sessions" in seen["pack preview"]
    assert any("doi:10.1111/papt.12567" in text for text in seen["about"])
    assert "Suggest a prompt when I start a new entry" in seen["settings: Prompts"]
    assert len(seen) >= 25


def test_every_prompt_follows_the_rules_for_prompts() -> None:
    for prompt in builtin_catalogue().prompts:
        assert check_prompt(prompt.text) == [], prompt.id
        assert check_text(prompt.follow_up) == [], prompt.id
    for theme in builtin_catalogue().themes:
        assert check_text(theme.name) == [] and check_text(theme.description) == []


def test_every_pack_the_tests_import_follows_the_rules_for_prompts() -> None:
    tests = Path(__file__).resolve().parent.parent
    packs = [EXAMPLE_PACK.read_bytes()]
    for path in tests.rglob("test_*.py"):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r'b"""(\[pack\].*?)"""', source, re.S):
            packs.append(match.group(1).encode("utf-8"))
    assert len(packs) >= 2
    for raw in packs:
        pack = parse_pack(raw)  # parse_pack itself refuses a pack that breaks the rules
        for prompt in pack.prompts:
            assert check_prompt(prompt.text) == [], prompt.text
            assert check_text(prompt.follow_up) == []
        assert check_text(pack.name) == [] and check_text(pack.description) == []
