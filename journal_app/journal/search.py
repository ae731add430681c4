"""Search that forgives case, accents and width, and needs no word boundaries.

Text and query are folded the same way (compatibility decomposition, combining
marks dropped, case folded); a query's words must all appear as substrings.
Substring matching is what makes Chinese and Japanese work without a tokenizer.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache

# Every character with a non-zero combining class lies below U+20000.
_COMBINING_LIMIT = 0x20000
_ERROR_HANDLER = "tend-fold"


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    return {cp: None for cp in range(_COMBINING_LIMIT) if unicodedata.combining(chr(cp))}


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    """Fold one run of non-ASCII characters, as a codec error handler."""
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start : error.end]
    folded = unicodedata.normalize("NFKD", run).translate(_combining_marks()).casefold()
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
    return text.encode("ascii", _ERROR_HANDLER).lower().decode("utf-8", "surrogatepass")


@lru_cache(maxsize=256)
def query_terms(query: str) -> tuple[str, ...]:
    return tuple(term for term in fold(query).split() if term)


def matches(haystack_folded: str, terms: tuple[str, ...]) -> bool:
    return all(term in haystack_folded for term in terms)


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
