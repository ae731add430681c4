"""JSON read in short steps: the same values as json.loads, never one long call."""

from __future__ import annotations

import json

import pytest

from journal_app.journal.importers import base, gentle_json
from journal_app.journal.importers.base import ImportFormatError, load_json

VALID = [
    "{}",
    "[]",
    ' {"a": [1, 2, {"b": []}], "c": {"d": [1]}} ',
    "[1,2,3]",
    '"x"',
    "  7  ",
    '{"a":1,"a":2}',
    '[12345, 678, true, null, "é中🙂"]',
    '\ufeff{"x": [1.5e3, -2, 1.5e+3, 12.25, 1.5E-3]}',
    "[[1, 2], [3], {}]",
    '{"tags": {"@a": 2}, "entries": [{"title": "t", "body": "b\\nc"}, {"body": ""}]}',
]
INVALID = [
    "",
    " ",
    "{",
    "[1,",
    "[1 2]",
    '{"a" 1}',
    '{"a":1,}',
    "[1,]",
    "[,1]",
    "[1,,2]",
    "{a:1}",
    "[1] x",
    "[1]]",
    '{"a":[1}',
    '{"a":1 "b":2}',
    '["abc',
    "[tru]",
    "1.",
    "[1.5e]",
]


@pytest.mark.parametrize("step", [1, 2, 3, 7, 1 << 20])
def test_the_same_values_as_json_loads_wherever_the_text_is_cut(monkeypatch, step):
    monkeypatch.setattr(gentle_json, "DECODE_BYTES", step)
    for text in VALID:
        data = text.encode("utf-8")
        assert gentle_json.loads_utf8(data) == json.loads(data.decode("utf-8-sig")), text
    for text in INVALID:
        with pytest.raises(gentle_json.NotJson):
            gentle_json.loads_utf8(text.encode("utf-8"))


def test_a_large_export_is_never_decoded_or_parsed_in_one_call(monkeypatch):
    """json.loads over the decoded text held Python's lock, and the window, for
    100-300 ms at 10,000 entries; now no call sees more than a megabyte, and one
    entry is parsed at a time."""
    entries = [{"title": f"Day {n}", "body": "words " * 300, "tags": ["@a"]} for n in range(3000)]
    data = json.dumps({"tags": {"@a": 3000}, "entries": entries}, indent=1).encode("utf-8")
    assert len(data) > 4 * gentle_json.DECODE_BYTES

    def whole_loads(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("the whole text was handed to json.loads")

    monkeypatch.setattr(base.json, "loads", whole_loads)
    longest: list[int] = []
    raw_decode = gentle_json._DECODER.raw_decode

    def measured(text: str, index: int = 0) -> tuple[object, int]:
        value, end = raw_decode(text, index)
        longest.append(end - index)
        return value, end

    monkeypatch.setattr(gentle_json._DECODER, "raw_decode", measured)
    assert load_json(data, "export.json") == {"tags": {"@a": 3000}, "entries": entries}
    assert max(longest) < 4000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"entries": [', r"is not valid JSON \(line 1, column 14\)"),
        (b'{"entries": [1 2]}', r"is not valid JSON \(line 1, column 16\)"),
        (b"\xff\xfe", "is not UTF-8 text"),
        (b"\xef", "is not UTF-8 text"),  # the start of a byte-order mark, no more
        (b"\xef\xbb", "is not UTF-8 text"),
    ],
)
def test_what_is_not_json_is_still_said_exactly(data, message):
    with pytest.raises(ImportFormatError, match=message):
        load_json(data, "export.json")
