"""Memoised label and value functions: results kept only for short texts, and a bounded number."""

from __future__ import annotations

from govlint.memo import SHORT_TEXT, memoised
from govlint.model import _value_of
from govlint.parse import looks_like_value
from govlint.schema import canonical


def test_short_texts_are_remembered_long_ones_are_not():
    calls = []

    @memoised(maxsize=2, longest=5)
    def length(text, extra=0):
        calls.append(text)
        return len(text) + extra

    assert [length("abc"), length("abc"), length("abcdef"), length("abcdef"), length("abc", 1)] == [3, 3, 6, 6, 4]
    assert calls == ["abc", "abcdef", "abcdef", "abc"]  # the long text is computed each time
    length("x"), length("y"), length("abc")  # two places: ("abc",) was pushed out
    assert calls[-1] == "abc"


def test_memoised_functions_answer_as_before_for_any_length():
    long_number = "1" * (SHORT_TEXT + 5)
    assert looks_like_value(long_number) and looks_like_value("0") and not looks_like_value("规章")
    assert _value_of(long_number, ()) is None  # too large to be a count: text for GL204
    assert str(_value_of("1,234", ())) == "1234" and str(_value_of("2笔", ("笔",))) == "2" and _value_of("2笔", ()) is None
    label = "（一）予以公开" * 30
    assert canonical(label) == canonical(label) == "(一)予以公开" * 30


def test_chinese_characters_are_those_of_the_regular_expression_they_replace():
    import re

    from govlint.chars import chinese_only, has_chinese

    for text in ("规章 0", "0 1 2", "㐀", "\u9fff", "\u3400x", "\u33ff\ua000", "", "ＡＢ（一）", "𠀀"):
        assert has_chinese(text) == bool(re.search("[\u3400-\u9fff]", text)), text
        assert chinese_only(text) == "".join(re.findall("[\u3400-\u9fff]", text)), text


def test_results_by_identity_are_made_once_per_object_and_bounded():
    from govlint.memo import ByIdentity

    made = []
    kept = ByIdentity(maxsize=2)
    first, second, third = {"a": 1}, {"a": 1}, {"a": 1}  # equal, unhashable, distinct objects
    make = lambda obj: lambda: made.append(obj) or len(made)  # noqa: E731
    assert [kept.get((first,), make(first)), kept.get((first,), make(first)), kept.get((second,), make(second))] == [1, 1, 2]
    assert kept.get((third,), make(third)) == 3  # a third object: the two kept results were dropped
    assert kept.get((first,), make(first)) == 4 and len(made) == 4
