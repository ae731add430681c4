"""Search that forgives case, accents and width, and needs no word boundaries.

Text and query are folded the same way (compatibility decomposition, combining
marks dropped, case folded); a query's words must all appear as substrings.
Substring matching is what makes Chinese and Japanese work without a tokenizer.

Searching while typing, at 100,000 entries, rests on three things:

- The index is each entry's folded text, built once in memory (on a worker just
  after unlock, and again for an entry when it is saved) and never written
  anywhere: the journal keeps it beside the entry it came from. It is kept as
  its UTF-8 bytes, one character for each byte (:func:`fold_utf8`), and searched
  with the query's words made the same way: in UTF-8 one character's bytes never
  start inside another's, so a word is a substring of the bytes exactly when it
  is one of the text. A ``str`` holding a single character beyond Latin-1 spends
  two or four bytes on every character, so this holds the index of the journal
  in a quarter less memory. It stays a ``str`` (not ``bytes``) because ``in``
  between two strings is the quicker test.
- Narrowing. Whatever matches "quiet mo" matches "quiet m" too, so once "quiet m"
  was searched, "quiet mo" need only look at what "quiet m" found. The rule
  (:func:`refines`): every word of the earlier query lies inside some word of the
  new one. :class:`Narrowing` remembers the last few searches over the same list
  of entries, so a word typed one key at a time, or a key taken back, looks at a
  few results instead of the whole journal. It checks that the list is still the
  very same entries (any save makes new Entry objects), so an edit can never hide
  a match; after one, the next search looks at everything again.
- The scan stops between chunks when it is asked to (:class:`Cancelled`), so the
  window can run it on a worker thread and drop a query as soon as the next key
  makes it stale; the window's own thread only shows the last query's results.
"""

from __future__ import annotations

import codecs
import operator
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from journal_app.vault import Cancelled

_ERROR_HANDLER = "tend-fold"
# Entries looked at between two checks for a newer query: about a millisecond's work.
SCAN_CHUNK = 1024
REMEMBERED_SEARCHES = 8

T = TypeVar("T")


class _CombiningMarks(dict[int, int | None]):
    """A translation table that drops combining marks, filled as characters are met.

    Building it whole (every code point below U+20000) cost about 50 ms, paid by every
    ``tend search`` that folds one accented letter; each character is looked up once
    instead, the first time it is folded.
    """

    def __missing__(self, code_point: int) -> int | None:
        kept = None if unicodedata.combining(chr(code_point)) else code_point
        self[code_point] = kept
        return kept


_MARKS = _CombiningMarks()


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    """Fold one run of non-ASCII characters, as a codec error handler."""
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start : error.end]
    folded = unicodedata.normalize("NFKD", run).translate(_MARKS).casefold()
    return folded.encode("utf-8", "surrogatepass"), error.end


codecs.register_error(_ERROR_HANDLER, _fold_run)


def fold(text: str) -> str:
    """Fold text for comparison: compatibility forms, no accents, no case.

    Folding works character by character (decomposition, dropping marks and
    case folding need no context), so ASCII can take the short way: the ASCII
    codec passes it through and only the runs of other characters are folded
    in Python. Journal text is mostly ASCII, so this is many times faster than
    folding the whole string, and gives the same result. ``bytes.lower`` only
    touches ASCII letters, which UTF-8 never uses inside a longer character.
    """
    if text.isascii():
        return text.lower()
    return _folded_utf8(text).decode("utf-8", "surrogatepass")


def fold_utf8(text: str) -> str:
    """``fold(text)`` as its UTF-8 bytes (lone surrogates as they are), one
    character for each byte: what search keeps (see the module's docstring)."""
    if text.isascii():
        return text.lower()
    return _folded_utf8(text).decode("latin-1")


def utf8_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Folded words made as :func:`fold_utf8` makes text, to look for in it."""
    return tuple(term.encode("utf-8", "surrogatepass").decode("latin-1") for term in terms)


def _folded_utf8(text: str) -> bytes:
    return text.encode("ascii", _ERROR_HANDLER).lower()


@lru_cache(maxsize=256)
def query_terms(query: str) -> tuple[str, ...]:
    return tuple(term for term in fold(query).split() if term)


def matches(haystack_folded: str, terms: tuple[str, ...]) -> bool:
    return all(term in haystack_folded for term in terms)


def refines(terms: tuple[str, ...], earlier: tuple[str, ...]) -> bool:
    """Whether everything ``terms`` matches is matched by ``earlier`` too.

    True when each earlier word lies inside some word of the new query: a text
    holding that word holds the earlier one. A query with a key taken back does
    not refine the one before it, but it may refine one searched earlier still.
    """
    return all(any(old in new for new in terms) for old in earlier)


def scan(
    items: Sequence[T],
    haystack: Callable[[T], str],
    terms: tuple[str, ...],
    cancelled: Callable[[], bool] | None = None,
) -> list[T]:
    """The items whose folded text holds every term, in their order.

    ``cancelled`` is asked between chunks; when it says yes, :class:`Cancelled`
    is raised, so a query made stale by the next key stops within a millisecond.
    """
    found: list[T] = []
    for start in range(0, len(items), SCAN_CHUNK):
        if cancelled is not None and cancelled():
            raise Cancelled()
        chunk = items[start : start + SCAN_CHUNK]
        if len(terms) == 1:
            (term,) = terms
            found.extend(item for item in chunk if term in haystack(item))
        else:
            found.extend(item for item in chunk if matches(haystack(item), terms))
    return found


class Narrowing:
    """The results of the last few searches over one list of entries, to narrow from.

    One object serves one caller at a time (the window's search worker, or a
    benchmark); it holds references to entries already in memory, nothing more.
    """

    def __init__(self, keep: int = REMEMBERED_SEARCHES) -> None:
        self._keep = keep
        self._items: Sequence[object] = ()
        # Each a subsequence of ``_items``, of whatever the caller searches.
        self._found: OrderedDict[tuple[Any, ...], Sequence[Any]] = OrderedDict()

    def forget(self) -> None:
        self._items = ()
        self._found.clear()

    def search(
        self,
        items: Sequence[T],
        haystack: Callable[[T], str],
        terms: tuple[str, ...],
        cancelled: Callable[[], bool] | None = None,
    ) -> list[T]:
        """As :func:`scan`, looking only at an earlier result when the query refines it."""
        if not self._same_items(items):
            self.forget()
            self._items = items
        found = scan(self._candidates(terms, items), haystack, terms, cancelled)
        self._found[terms] = found
        self._found.move_to_end(terms)
        while len(self._found) > self._keep:
            self._found.popitem(last=False)
        return found

    def _same_items(self, items: Sequence[object]) -> bool:
        """The very same entry objects, in the same order (a save makes a new object)."""
        known = self._items
        return items is known or (len(items) == len(known) and all(map(operator.is_, items, known)))

    def _candidates(self, terms: tuple[str, ...], items: Sequence[T]) -> Sequence[T]:
        """The smallest remembered result that ``terms`` refines, else every item."""
        best: Sequence[T] = items
        for earlier, found in self._found.items():
            if len(found) < len(best) and refines(terms, earlier):
                best = found
        return best


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words occur in ``text``, as (start, end) offsets into it.

    Used to highlight matches in the open entry. Folding can change a string's
    length, so each original character is folded alone and offsets mapped back.
    """
    terms = query_terms(query)
    if not terms or not text:
        return []
    folded_parts: list[str] = []
    owner: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char)
        folded_parts.append(piece)
        owner.extend([index] * len(piece))
    folded = "".join(folded_parts)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            stop = owner[end - 1] + 1
            # A mark that folds to nothing (an accent typed as its own character)
            # belongs to the letter before it, so the span takes it in.
            while stop < len(text) and not folded_parts[stop]:
                stop += 1
            spans.append((owner[start], stop))
            start = folded.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
