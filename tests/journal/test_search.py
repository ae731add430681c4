"""Search forgives case, accents and width, works for Chinese, and shows where it matched."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from journal_app.journal.search import (
    SCAN_CHUNK,
    Narrowing,
    find_spans,
    fold,
    fold_utf8,
    matches,
    query_terms,
    refines,
    scan,
    utf8_terms,
)
from journal_app.vault import Cancelled
from tests.journal.test_entry import TEXT

# ------------------------------------------------------------ folding


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Café", "cafe"),
        ("CAFÉ", "cafe"),
        ("cafe\u0301", "cafe"),  # e + combining acute
        ("Ｃａｆé", "cafe"),  # fullwidth
        ("Straße", "strasse"),
        ("ﬁsh", "fish"),  # ligature
        ("Ångström", "angstrom"),
        ("我今天很开心", "我今天很开心"),
        ("ｶﾀｶﾅ", unicodedata.normalize("NFKD", "カタカナ")),  # halfwidth katakana
    ],
)
def test_fold_drops_case_accents_and_width(text, folded):
    assert fold(text) == folded


def test_query_is_split_into_folded_words():
    assert query_terms("  Café   NOIR ") == ("cafe", "noir")
    assert query_terms("   ") == ()


def test_every_word_must_match():
    haystack = fold("Un café noir au soleil")
    assert matches(haystack, query_terms("soleil CAFE"))
    assert not matches(haystack, query_terms("soleil thé"))
    assert matches(haystack, ())


# ------------------------------------------------------------ journal search


@pytest.fixture
def filled(journal):
    journal.add("Un café noir au soleil.", title="Matin", tags=["Paris"])
    journal.add("Wir gingen durch die Gärten.", title="Spaziergang", tags=["Natur"])
    journal.add("我今天很开心，因为天气很好。", title="日记", tags=["心情"])
    journal.add("Ｆｕｌｌｗｉｄｔｈ text here.", title="Width", tags=["Typing"])
    journal.add("Nothing special.", title="École", tags=["work", "Äpfel"])
    return journal


def titles(results) -> list[str]:
    return sorted(entry.title for entry in results)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("café", ["Matin"]),
        ("CAFE", ["Matin"]),
        ("cafe\u0301", ["Matin"]),
        ("Ｃａｆé", ["Matin"]),
        ("garten", ["Spaziergang"]),
        ("GÄRTEN", ["Spaziergang"]),
        ("fullwidth", ["Width"]),
        ("ecole", ["École"]),  # in the title
        ("paris", ["Matin"]),  # in a tag
        ("apfel", ["École"]),  # in a tag, accent folded
        ("开心", ["日记"]),  # Chinese: a substring, no word boundaries
        ("天气", ["日记"]),
        ("心情", ["日记"]),
        ("日记", ["日记"]),
        ("noir soleil", ["Matin"]),
        ("soleil MATIN paris", ["Matin"]),  # words may come from body, title and tags
        ("noir gärten", []),  # all words must match one entry
        ("zzz", []),
    ],
)
def test_search_finds_words_in_title_body_and_tags_however_they_are_typed(filled, query, expected):
    assert titles(filled.search(query)) == expected


def test_empty_query_lists_every_entry(filled):
    assert len(filled.search("")) == 5
    assert len(filled.search("   ")) == 5


def test_tag_filter_ignores_case_and_accents_and_combines_with_words(filled):
    assert titles(filled.search("", tag="paris")) == ["Matin"]
    assert titles(filled.search("", tag="APFEL")) == ["École"]
    assert titles(filled.search("nothing", tag="work")) == ["École"]
    assert titles(filled.search("café", tag="work")) == []
    assert titles(filled.search("", tag="wor")) == []  # a tag matches whole, not in part


def test_search_leaves_out_the_trash_unless_asked(filled):
    matin = filled.search("café")[0]
    filled.move_to_trash(matin.id)
    assert filled.search("café") == []
    assert titles(filled.search("café", include_trash=True)) == ["Matin"]


def test_search_sees_an_edit_at_once(filled):
    matin = filled.search("café")[0]
    filled.update(matin.id, body="Un thé vert.")
    assert filled.search("café") == []
    assert titles(filled.search("THE vert")) == ["Matin"]
    assert titles(filled.search("", tag="Paris")) == ["Matin"]


def test_search_results_are_newest_first(journal):
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for day in (2, 5, 1):
        journal.add(f"walk on day {day}", created=base + timedelta(days=day))
    assert [e.body for e in journal.search("walk")] == [
        "walk on day 5",
        "walk on day 2",
        "walk on day 1",
    ]


# ------------------------------------------------------------ highlighting


@pytest.mark.parametrize(
    ("text", "query", "spans"),
    [
        ("Un café noir", "cafe", [(3, 7)]),
        ("Un café noir", "CAFÉ", [(3, 7)]),
        ("Un cafe\u0301 noir", "cafe", [(3, 8)]),  # takes in the combining accent
        ("Ｃａｆé au lait", "cafe", [(0, 4)]),
        ("Straße", "strasse", [(0, 6)]),
        ("Straße", "ss", [(4, 5)]),  # half of ß still marks the ß
        ("我今天很开心", "开心", [(4, 6)]),
        ("noir, NOIR, Noir", "noir", [(0, 4), (6, 10), (12, 16)]),
        ("café noir", "noir café", [(0, 4), (5, 9)]),
        ("aaaa", "aa a", [(0, 4)]),  # overlapping matches merge
        ("nothing here", "absent", []),
        ("", "x", []),
        ("text", "  ", []),
    ],
)
def test_spans_are_offsets_into_the_original_text(text, query, spans):
    assert find_spans(text, query) == spans


def test_span_of_an_accented_match_covers_the_accent():
    text = "Un cafe\u0301 noir"
    ((start, end),) = find_spans(text, "café")
    assert text[start:end] == "cafe\u0301"
    assert unicodedata.normalize("NFC", text[start:end]) == "café"


@given(text=TEXT, start=st.integers(0, 200), length=st.integers(1, 20))
@settings(max_examples=300)
def test_any_piece_of_a_text_is_found_in_it(text, start, length):
    piece = text[start : start + length]
    terms = query_terms(piece)
    assume(terms)  # a lone accent or space folds to nothing: an empty query
    assert matches(fold(text), terms)
    spans = find_spans(text, piece)
    assert spans
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1))
    for term in terms:
        assert any(term in fold(text[a:b]) for a, b in spans)


_MARKS = {cp: None for cp in range(0x20000) if unicodedata.combining(chr(cp))}


def _fold_by_definition(text: str) -> str:
    return unicodedata.normalize("NFKD", text).translate(_MARKS).casefold()


@settings(max_examples=300)
@given(st.text())
def test_the_fast_fold_equals_folding_by_its_definition(text: str) -> None:
    assert fold(text) == _fold_by_definition(text)


@settings(max_examples=500)
@given(text=st.text(), query=st.text(), start=st.integers(0, 50), length=st.integers(0, 8))
def test_searching_folded_utf8_finds_what_searching_folded_text_finds(
    text: str, query: str, start: int, length: int
) -> None:
    """The journal keeps folded text as UTF-8 and looks for the words as UTF-8."""
    assert fold_utf8(text).encode("latin-1") == fold(text).encode("utf-8", "surrogatepass")
    for words in (query, text[start : start + length], f"{query} {text[start:]}"):
        terms = query_terms(words)
        assert matches(fold_utf8(text), utf8_terms(terms)) == matches(fold(text), terms)


# ------------------------------------------------------------ narrowing while typing

# Letters that fold into one another (case, accents, width, a combining mark, ß),
# Chinese, and spaces: enough to make words refine and stop refining each other.
_TYPED = st.sampled_from(list("aAáeéÉsßtＴ\u0301 咖啡心 "))
_HAYSTACKS = st.lists(st.text(_TYPED, max_size=12), max_size=25)
# A key is a character typed at the end, or None: the last character taken back.
_KEYS = st.lists(st.one_of(st.none(), _TYPED), min_size=1, max_size=25)


def _typed(keys: list[str | None]) -> list[str]:
    """The field's text after each key."""
    text, texts = "", []
    for key in keys:
        text = text[:-1] if key is None else text + key
        texts.append(text)
    return texts


@settings(max_examples=300)
@given(texts=_HAYSTACKS, keys=_KEYS)
def test_narrowing_finds_what_a_full_scan_finds_at_every_key(
    texts: list[str], keys: list[str | None]
) -> None:
    folded = {index: fold(text) for index, text in enumerate(texts)}
    items = list(folded)
    narrowing = Narrowing()
    for text in _typed(keys):
        terms = query_terms(text)
        expected = [item for item in items if matches(folded[item], terms)]
        assert narrowing.search(items, folded.__getitem__, terms) == expected, text


def test_refines_when_every_earlier_word_lies_inside_a_new_one() -> None:
    assert refines(("quiet", "mo"), ("quiet", "m"))
    assert refines(("quiet", "m"), ("quiet",))
    assert refines(("bquiet",), ("quiet",))  # a key typed at the front
    assert not refines(("quiet",), ("quiet", "m"))  # a word taken back
    assert not refines(("qui",), ("quiet",))  # keys taken back
    assert refines(("a",), ())


def test_a_query_that_does_not_refine_looks_at_everything_again() -> None:
    folded = {"a": "quiet morning", "b": "quick"}
    narrowing = Narrowing()
    haystack = folded.__getitem__
    assert narrowing.search(["a", "b"], haystack, ("quiet",)) == ["a"]
    assert narrowing.search(["a", "b"], haystack, ("qui",)) == ["a", "b"]


def test_a_stale_scan_stops_between_chunks() -> None:
    looked: list[int] = []

    def haystack(item: int) -> str:
        looked.append(item)
        return "x"

    asked = iter([False, True])
    with pytest.raises(Cancelled):
        scan(list(range(3 * SCAN_CHUNK)), haystack, ("x",), lambda: next(asked))
    assert len(looked) == SCAN_CHUNK


def test_narrowing_sees_an_entry_saved_between_two_keys(filled) -> None:
    narrowing = Narrowing()
    assert titles(filled.search("caf", narrowing=narrowing)) == ["Matin"]
    (ecole,) = filled.search("ecole")
    filled.update(ecole.id, body="Un café crème.")
    assert titles(filled.search("cafe", narrowing=narrowing)) == ["Matin", "École"]
    filled.move_to_trash(ecole.id)
    assert titles(filled.search("cafe ", narrowing=narrowing)) == ["Matin"]
    assert titles(filled.search("cafe", narrowing=narrowing, include_trash=True)) == [
        "Matin",
        "École",
    ]
    filled.restore(ecole.id)
    assert titles(filled.search("café crè", narrowing=narrowing)) == ["École"]


def test_a_search_running_when_the_journal_locks_keeps_nothing(filled) -> None:
    def lock_now() -> bool:
        filled.lock()
        return False

    filled.search("café", cancelled=lock_now)
    assert filled._folded == {}
