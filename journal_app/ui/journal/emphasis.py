"""Bold and italic as a word processor does them, in plain Markdown text.

Kept apart from Qt so the rules can be read and tested as plain strings: given a
paragraph and the selection (or the cursor), :func:`plan_toggle` says what to
replace and where the cursor goes. The editor applies that as one undo step.

- With nothing selected, Ctrl+B starts bold typing (``**|**``); pressing it again
  right after typing ends it (the cursor steps past the closing ``**``), or, if
  nothing was typed, takes the empty pair away. A cursor inside a bold word (or a
  bold word selected) loses the bold; a word not bold gains it.
- Italic (``*``) works the same way, and the two nest (``***both***``).

Which marks belong together is worked out the way CommonMark pairs ``*`` runs
(simplified: no ``_``, no punctuation rules), so a cursor inside ``***a***`` can
end the bold and go on in italic (``***a**|*``), and the text stays Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = "*"
_CODE = re.compile(r"(`+).+?\1")


@dataclass(frozen=True)
class Span:
    """One emphasis: its opening marks ``[open_start, open_end)`` and closing
    marks ``[close_start, close_end)``; ``width`` 2 is bold, 1 italic."""

    open_start: int
    open_end: int
    close_start: int
    close_end: int

    @property
    def width(self) -> int:
        return self.open_end - self.open_start


@dataclass(frozen=True)
class Toggle:
    """What to do: put ``text`` in place of ``[start, end)``, then select
    ``[select_start, select_end)`` (positions in the text after the change).
    ``start == end`` with no text moves the cursor only."""

    start: int
    end: int
    text: str
    select_start: int
    select_end: int

    @property
    def edits(self) -> bool:
        return self.start != self.end or bool(self.text)


@dataclass
class _Run:
    pos: int
    length: int
    can_open: bool
    can_close: bool
    left: int = 0  # marks still free at the run's start (closing side) ...
    right: int = 0  # ... and at its end (opening side)
    active: bool = True


def _runs(text: str) -> list[_Run]:
    """The runs of ``*`` outside code, with whether each can open or close."""
    code = [False] * len(text)
    for match in _CODE.finditer(text):
        code[match.start() : match.end()] = [True] * (match.end() - match.start())
    runs = []
    pos = 0
    while pos < len(text):
        if text[pos] != MARK or code[pos]:
            pos += 1
            continue
        end = pos
        while end < len(text) and text[end] == MARK:
            end += 1
        before = text[pos - 1] if pos > 0 else " "
        after = text[end] if end < len(text) else " "
        length = end - pos
        runs.append(_Run(pos, length, not after.isspace(), not before.isspace(), length, length))
        pos = end
    return runs


def emphasis_spans(text: str) -> list[Span]:
    """Pair the ``*`` runs of a paragraph into bold and italic spans."""
    runs = _runs(text)
    spans: list[Span] = []
    for index, closer in enumerate(runs):
        if not closer.can_close:
            continue
        while closer.left > 0:
            opener_index = _opener_for(runs, index)
            if opener_index is None:
                break
            opener = runs[opener_index]
            use = 2 if opener.right >= 2 and closer.left >= 2 else 1
            open_end = opener.pos + opener.right
            close_start = closer.pos + (closer.length - closer.left)
            spans.append(Span(open_end - use, open_end, close_start, close_start + use))
            opener.right -= use
            closer.left -= use
            for between in runs[opener_index + 1 : index]:
                between.active = False
        closer.right = min(closer.right, closer.left)
    return spans


def _opener_for(runs: list[_Run], closer_index: int) -> int | None:
    closer = runs[closer_index]
    for index in range(closer_index - 1, -1, -1):
        opener = runs[index]
        if not (opener.active and opener.can_open and opener.right > 0):
            continue
        both = (opener.can_open and opener.can_close) or (closer.can_open and closer.can_close)
        threes = opener.length % 3 == 0 and closer.length % 3 == 0
        if both and (opener.length + closer.length) % 3 == 0 and not threes:
            continue  # CommonMark's "rule of three"
        return index
    return None


def _has(count: int, width: int) -> bool:
    """Whether a run of ``count`` marks holds a bold (2) or an italic (1) mark."""
    return count >= 2 if width == 2 else count in (1, 3)


def _run_around(text: str, pos: int) -> tuple[int, int]:
    """How many ``*`` sit just left and just right of ``pos``."""
    left = 0
    while pos - left > 0 and text[pos - left - 1] == MARK:
        left += 1
    right = 0
    while pos + right < len(text) and text[pos + right] == MARK:
        right += 1
    return left, right


def _word_at(text: str, pos: int) -> tuple[int, int]:
    start = end = pos
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "_'’-"):
        end += 1
    return start, end


def _move(pos: int) -> Toggle:
    return Toggle(pos, pos, "", pos, pos)


def plan_toggle(text: str, start: int, end: int, width: int) -> Toggle | None:
    """Bold (``width`` 2) or italic (1) on ``text[start:end]``, or at the cursor.

    None when there is nothing to do (a selection of spaces only).
    """
    if start == end:
        typed = _plan_typing(text, start, width)
        if typed is not None:
            return typed
        start, end = _word_at(text, start)
        if start == end:
            marks = MARK * width
            return Toggle(start, start, marks + marks, start + width, start + width)
    return _plan_selection(text, start, end, width)


def _plan_typing(text: str, pos: int, width: int) -> Toggle | None:
    """The cursor among marks: take away an empty pair, or end or resume typing."""
    left, right = _run_around(text, pos)
    if left == right and _has(left, width):
        return Toggle(pos - width, pos + width, "", pos - width, pos - width)
    run_start = pos - left
    closes = run_start > 0 and not text[run_start - 1].isspace()
    if not closes or not (left or right):
        return None
    run_end = pos + right
    if not any(run_start <= s.close_start < run_end for s in emphasis_spans(text)):
        return None
    if _has(right, width):
        return _move(pos + width)  # "**typed|**": step out of the bold
    if _has(left, width):
        return _move(pos - width)  # "**typed**|": go on in bold
    return None


def _plan_selection(text: str, start: int, end: int, width: int) -> Toggle | None:
    chosen = text[start:end]
    lead = len(chosen) - len(chosen.lstrip())
    trail = len(chosen) - len(chosen.rstrip())
    if lead + trail >= len(chosen):
        return None
    start, end = start + lead, end - trail  # "**word** ", never "**word **"
    chosen = text[start:end]
    marks = MARK * width
    inner = chosen[width:-width] if len(chosen) > 2 * width else ""
    marked = _has(_run_around(chosen, 0)[1], width) and _has(
        _run_around(chosen, len(chosen))[0], width
    )
    if marked and inner.strip():  # the marks were selected too: take them off
        return Toggle(start, end, inner, start, start + len(inner))
    around = [
        s
        for s in emphasis_spans(text)
        if s.width == width and s.open_end <= start and end <= s.close_start
    ]
    if around:
        return _unwrap(text, min(around, key=lambda s: s.close_start - s.open_end), start, end)
    return Toggle(start, end, marks + chosen + marks, start + width, end + width)


def _unwrap(text: str, span: Span, start: int, end: int) -> Toggle:
    """Take the emphasis off ``[start, end)`` only: what is before and after it in
    the span keeps it ("**soft day**", "soft" chosen: "soft **day**")."""
    marks = MARK * span.width

    def keep(part: str) -> str:
        core = part.strip()
        if not core:
            return part
        lead = part[: len(part) - len(part.lstrip())]
        trail = part[len(part.rstrip()) :]
        return f"{lead}{marks}{core}{marks}{trail}"

    before = keep(text[span.open_end : start])
    after = keep(text[end : span.close_start])
    middle = text[start:end]
    new_start = span.open_start + len(before)
    return Toggle(
        span.open_start,
        span.close_end,
        before + middle + after,
        new_start,
        new_start + len(middle),
    )


__all__ = ["Span", "Toggle", "emphasis_spans", "plan_toggle"]
