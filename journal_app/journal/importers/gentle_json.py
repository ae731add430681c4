"""JSON read in short steps, so an import never holds Python's lock for long.

An import is read on a worker thread while the window runs, but ``bytes.decode``
and ``json.loads`` are each one call into C that keeps Python's lock (the GIL)
from start to end: for the 15 MB export of 10,000 entries that is 100-300 ms in
which the window cannot move (joining decoded pieces into one string costs as
much). Here the bytes are decoded a megabyte at a time and read from a window of
text that moves along them; a list (the entries of every export format Tend
reads, at the top level or as a member of the top-level object) is read one
element at a time with ``json.JSONDecoder.raw_decode``. Between two steps
another thread may run.

A value is taken only once a few characters follow it in the window (a number
cut at the window's end might go on). The result is that of ``json.loads``; if the text
is not valid JSON, :class:`NotJson` is raised, and the caller asks ``json.loads``
for its exact error.
"""

from __future__ import annotations

import codecs
import json
import re

DECODE_BYTES = 1 << 20  # bytes decoded in one step
# A value is taken once this many characters follow it in the window: a number cut
# at the window's end ("1.5e" of "1.5e3") reads as a shorter number followed by at
# most two characters that would have been part of it.
_TAIL = 8

_DECODER = json.JSONDecoder()
WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's own four, as json.decoder has it
_SEPARATOR = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")


class NotJson(ValueError):
    """The text is not valid JSON (``json.loads`` says where and why)."""


class _Reader:
    """A window of decoded text over the bytes, moved along as values are read."""

    def __init__(self, data: bytes) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._data = memoryview(data)
        self._next = 0  # the first byte not decoded yet
        self.text = ""
        self.at = 0

    @property
    def more(self) -> bool:
        return self._next <= len(self._data)

    def extend(self) -> None:
        """Decode the next megabyte (or end the decoding) and drop what was read."""
        chunk = self._data[self._next : self._next + DECODE_BYTES]
        final = self._next + DECODE_BYTES >= len(self._data)
        self._next += DECODE_BYTES if not final else len(self._data) + 1 - self._next
        self.text = self.text[self.at :] + self._decoder.decode(chunk, final=final)
        self.at = 0

    def skip(self) -> str:
        """Move past whitespace; the next character, or "" at the end of the text."""
        while True:
            found = WHITESPACE.match(self.text, self.at)
            self.at = found.end() if found else self.at
            if self.at < len(self.text) or not self.more:
                return self.text[self.at : self.at + 1]
            self.extend()

    def expect(self, wanted: str) -> None:
        if self.skip() != wanted:
            raise NotJson(wanted)
        self.at += 1

    def value(self) -> object:
        """The next value, whole (the window is widened until something follows it)."""
        if self.at >= len(self.text) or self.text[self.at] in " \t\n\r":
            self.skip()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError:
                if not self.more:
                    raise NotJson() from None
                self.extend()
                continue
            if len(self.text) - end < _TAIL and self.more:
                self.extend()
                continue
            self.at = end
            return value


def _array(reader: _Reader) -> list[object]:
    """The list that begins here (its "[" is next), an element at a time."""
    reader.expect("[")
    items: list[object] = []
    if reader.skip() == "]":
        reader.at += 1
        return items
    while True:
        items.append(reader.value())
        # The usual case in one match: the comma (or the "]") and the space around it.
        found = _SEPARATOR.match(reader.text, reader.at)
        if found is not None and found.end() < len(reader.text):
            reader.at = found.end()
            if found.group(1) == "]":
                return items
            continue
        if reader.skip() == "]":
            reader.at += 1
            return items
        reader.expect(",")


def _object(reader: _Reader) -> dict[str, object]:
    """The object that begins here (its "{" is next), its lists read gently."""
    reader.expect("{")
    members: dict[str, object] = {}
    if reader.skip() == "}":
        reader.at += 1
        return members
    while True:
        if reader.skip() != '"':
            raise NotJson()
        key = reader.value()
        reader.expect(":")
        members[str(key)] = _array(reader) if reader.skip() == "[" else reader.value()
        if reader.skip() == "}":
            reader.at += 1
            return members
        reader.expect(",")


def loads_utf8(data: bytes) -> object:
    """``json.loads(data.decode("utf-8-sig"))``, read in short steps.

    Raises:
        UnicodeDecodeError: ``data`` is not UTF-8.
        NotJson: it is not valid JSON.
        RecursionError: it is nested too deeply.
    """
    reader = _Reader(data)
    start = reader.skip()
    value = _object(reader) if start == "{" else _array(reader) if start == "[" else reader.value()
    if reader.skip() != "":
        raise NotJson()
    return value


__all__ = ["DECODE_BYTES", "NotJson", "loads_utf8"]
