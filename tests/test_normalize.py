"""Stage 2, normalize: what is removed or replaced, and that every normalized position
maps back to the character it came from in the original line."""

from __future__ import annotations

import unicodedata

import opencc
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from conftest import lint_text, triples
from govlint.normalize import normalize
from govlint.positions import Span


def events(normalized, kind):
    return [e for e in normalized.events if e.kind == kind]


def original_text(lines, span: Span) -> str:
    assert span.end_line == span.line
    return lines[span.line - 1][span.column - 1: span.end_column - 1]


# --------------------------------------------------------------------------- removals

def test_gloss_is_removed_and_its_span_covers_exactly_the_gloss():
    lines = ["政府信息公開(kāi)工作"]
    result = normalize(lines)
    assert result.lines == ["政府信息公开工作"]
    (gloss,) = events(result, "gloss")
    assert gloss.span == Span(1, 7, 1, 12)
    assert original_text(lines, gloss.span) == "(kāi)"
    assert gloss.detail == "(kāi)"
    # the characters around the gloss map to themselves
    assert result.span(0, 5, 6) == Span(1, 6, 1, 7)  # 开 <- 開
    assert result.span(0, 6, 8) == Span(1, 12, 1, 14)  # 工作
    assert result.span(0, 4, 7) == Span(1, 5, 1, 13)  # 公开工 spans the removed gloss


def test_gl002_through_the_linter_covers_exactly_the_gloss():
    text = "某镇2024年政府信息公開(kāi)工作年度报告\n一、总体情况\n"
    (gl002,) = [d for d in lint_text(text) if d.code == "GL002"]
    assert original_text(text.split("\n"), gl002.span) == "(kāi)"
    assert (gl002.span.line, gl002.span.column, gl002.span.end_column) == (1, 14, 19)


@pytest.mark.parametrize("gloss", ["(kāi)", "（kāi）", "(gōng)", "(lǜ)", "(bào)"])
def test_full_and_half_width_glosses(gloss):
    lines = [f"信息公开{gloss}工作"]
    result = normalize(lines)
    assert result.lines == ["信息公开工作"]
    (event,) = events(result, "gloss")
    assert original_text(lines, event.span) == gloss


@pytest.mark.parametrize("text", ["(2024)", "(abc)", "(一)", "（三）不予公开", "(a)", "Ⅰ(i)"])
def test_brackets_that_are_not_glosses_are_kept(text):
    result = normalize([text])
    assert not events(result, "gloss")
    assert len(result.lines[0]) == len(text)
    assert result.maps == [None]


def test_glosses_are_counted_and_the_first_is_reported():
    lines = ["政府信息公开(kāi)工作", "年度报(bào)告"]
    result = normalize(lines)
    (event,) = events(result, "gloss")
    assert event.count == 2
    assert event.span == Span(1, 7, 1, 12)
    assert result.lines == ["政府信息公开工作", "年度报告"]
    assert result.span(1, 3, 4) == Span(2, 9, 2, 10)  # 告 after the removed (bào)


def test_conversion_residue_is_removed_with_positions():
    lines = ["本镇[image: abc]政府信息公开[bookmark: _Toc123]工作<br/>&nbsp;良好"]
    result = normalize(lines)
    assert result.lines == ["本镇政府信息公开工作良好"]
    (event,) = events(result, "residue")
    assert event.count == 4
    assert original_text(lines, event.span) == "[image: abc]"
    assert event.span == Span(1, 3, 1, 15)
    # 良 is the 11th kept character; in the original it follows "<br/>&nbsp;"
    col = lines[0].index("良")
    assert result.span(0, 10, 11) == Span(1, col + 1, 1, col + 2)
    assert result.span(0, 8, 10) == Span(1, lines[0].index("工作") + 1, 1, lines[0].index("工作") + 3)


def test_residue_at_end_of_line_maps_end_position_to_original_end():
    lines = ["主动公开政府信息12条。[image: 9867bd45b27742258e89304f9cda3da9]"]
    result = normalize(lines)
    assert result.lines == ["主动公开政府信息12条。"]
    end = len(result.lines[0])
    assert result.original_column(0, end) == len(lines[0])
    assert result.span(0, end - 1, end) == Span(1, end, 1, end + 1)


def test_zero_width_characters_are_removed_silently():
    lines = ["信\u200b息\u200c公\u200d开\ufeff工\u2060作\u00ad"]
    result = normalize(lines)
    assert result.lines == ["信息公开工作"]
    assert result.events == []
    assert [result.original_column(0, c) for c in range(7)] == [0, 2, 4, 6, 8, 10, 12]


# --------------------------------------------------------------------------- one-for-one replacements

def test_full_width_digits_map_one_to_one():
    lines = ["某镇人民政府２０２４年政府信息公开工作年度报告"]
    result = normalize(lines)
    assert result.lines == ["某镇人民政府2024年政府信息公开工作年度报告"]
    assert result.maps == [None]
    assert result.span(0, 6, 10) == Span(1, 7, 1, 11)
    assert original_text(lines, result.span(0, 6, 10)) == "２０２４"
    assert result.events == []


def test_full_width_letters_brackets_and_signs():
    lines = ["（一）ＡＢＣａｂｃ１．５％＋－"]
    result = normalize(lines)
    assert result.lines == ["(一)ABCabc1.5%+-"]
    assert result.maps == [None]


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u202f", "\u205f", "\x0b", "\x0c"])
def test_odd_spaces_become_ascii_spaces_in_place(space):
    lines = [f"{space}{space}本年度{space}未收取信息处理费。"]
    result = normalize(lines)
    assert result.lines == ["  本年度 未收取信息处理费。"]
    assert result.maps == [None]
    assert result.span(0, 2, 5) == Span(1, 3, 1, 6)


def test_nbsp_and_ideographic_space_around_a_heading_keep_columns():
    text = "某镇人民政府2024年政府信息公开工作年度报告\n\u3000\u3000二、主动公开政府信息情况\n\u00a0本年度无。\n"
    lines = text.split("\n")
    gl201 = [d for d in lint_text(text, select=["GL201"])]
    assert triples(gl201) == [("GL201", 2, 3)]
    assert original_text(lines, gl201[0].span) == "二、主动公开政府信息情况"


def test_mojibake_and_replacement_characters_are_reported_not_changed():
    lines = ["信息公开\ufffd\ufffd工作", "政府?,F公开"]
    result = normalize(lines)
    assert result.lines == lines
    (replacement,) = events(result, "replacement-char")
    assert original_text(lines, replacement.span) == "\ufffd\ufffd"
    (mojibake,) = events(result, "mojibake")
    assert original_text(lines, mojibake.span) == "?,F"


def test_mojibake_after_a_removal_points_at_the_original_text():
    lines = ["[image: x]政府?,F公开"]
    result = normalize(lines)
    (mojibake,) = events(result, "mojibake")
    assert original_text(lines, mojibake.span) == "?,F"


# --------------------------------------------------------------------------- traditional script

def test_traditional_conversion_keeps_positions():
    lines = ["某鎮人民政府2024年政府資訊公開工作年度報告", "一、總體情況"]
    result = normalize(lines)
    assert result.lines == ["某镇人民政府2024年政府资讯公开工作年度报告", "一、总体情况"]
    assert result.maps == [None, None]
    (event,) = events(result, "traditional")
    assert event.span == Span(1, 2, 1, 3)  # 鎮
    assert event.count == 8  # 鎮 資 訊 開 報 總 體 況


def test_traditional_position_after_a_removal():
    lines = ["[image: x]政府資訊公開", "第二行"]
    result = normalize(lines)
    assert result.lines == ["政府资讯公开", "第二行"]
    (event,) = events(result, "traditional")
    assert original_text(lines, event.span) == "資"
    assert event.span == Span(1, 13, 1, 14)


def test_traditional_position_on_a_later_line_with_a_gloss():
    lines = ["第一行简体", "政府資訊公開（gōng）報告"]
    result = normalize(lines)
    assert result.lines == ["第一行简体", "政府资讯公开报告"]
    (event,) = events(result, "traditional")
    assert original_text(lines, event.span) == "資"
    assert result.span(1, 6, 8) == Span(2, 13, 2, 15)
    assert original_text(lines, result.span(1, 6, 8)) == "報告"


def test_a_few_traditional_characters_in_a_simplified_report_are_left_alone():
    lines = ["某镇人民政府2024年政府信息公开工作年度报告"] * 5 + ["後"]
    result = normalize(lines)
    assert result.lines == lines
    assert not events(result, "traditional")


def test_gl003_through_the_linter_points_at_the_first_traditional_character():
    text = "[image: logo]某鎮人民政府2024年政府資訊公開工作年度報告\n一、總體情況\n"
    (gl003,) = [d for d in lint_text(text) if d.code == "GL003"]
    assert original_text(text.split("\n"), gl003.span) == "鎮"


# --------------------------------------------------------------------------- properties

SIMPLIFIED = "某镇人民政府年度报告信息公开工作总体情况主动申请处理本未收取费一二三四五六七八九十"
TRADITIONAL = "開報資訊處體總況鎮關於書為與發條"
FULL_WIDTH = "０１２３４５６７８９（）．＋－％ＡＢＺａｂｚ"
SPACES = "\u00a0\u3000\u2002\u2003\u202f\x0b\x0c "
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
ASCII = "abcxyzABC0123456789.,;:-/()[]<>&?"
REMOVABLE = ["(kāi)", "（bào）", "(gōng)", "(lǜ)", "[image: x]", "[image: 9867bd45]", "[bookmark: _Toc1]",
             "<p>", "</span>", "<br/>", '<td colspan="2">', "&nbsp;", "&amp;"]
NEAR_MISSES = ["(kai)", "(2024)", "[image x]", "[image: ", "<", ">", "&nbsp", "(", ")", "（", "）", "[", "]", ":", "：", "ā", "ǜ"]
GARBLE = ["\ufffd", "?,F", "锟斤拷", "Ã©Ã©", "é©"]


def _atoms(*groups):
    return st.one_of(*[st.sampled_from(list(g)) for g in groups])


plain_atom = _atoms(SIMPLIFIED, FULL_WIDTH, SPACES, ASCII, "\t|", NEAR_MISSES, GARBLE)
any_atom = st.one_of(
    plain_atom,
    _atoms(REMOVABLE, INVISIBLE, TRADITIONAL),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=3),
)
simplified_atom = st.one_of(plain_atom, _atoms(REMOVABLE, INVISIBLE))


def lines_of(atom, max_lines=8, max_atoms=25):
    line = st.lists(atom, max_size=max_atoms).map("".join)
    return st.lists(line, min_size=1, max_size=max_lines)


# Deterministic: the same examples every run, so a result never flips between runs.
PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def test_the_simplified_alphabet_is_not_converted():
    """Guard for the round-trip property: OpenCC leaves these characters alone."""
    converter = opencc.OpenCC("t2s")
    assert converter.convert(SIMPLIFIED) == SIMPLIFIED
    assert all(converter.convert(ch) != ch for ch in TRADITIONAL)


def _check_maps(lines, result):
    assert len(result.lines) == len(lines)
    assert len(result.maps) == len(lines)
    for index, (original, normalized) in enumerate(zip(lines, result.lines)):
        colmap = result.maps[index]
        if colmap is None:
            assert len(normalized) == len(original)
        else:
            assert len(colmap) == len(normalized) + 1
            assert len(normalized) < len(original)  # a map exists only where something was removed
            assert colmap[-1] == len(original)
        previous = -1
        for column in range(len(normalized) + 1):
            mapped = result.original_column(index, column)
            assert 0 <= mapped <= len(original)
            if column < len(normalized):
                assert mapped < len(original)
            assert mapped > previous  # strictly increasing: characters are kept in order
            previous = mapped
        if colmap is None:
            assert all(result.original_column(index, c) == c for c in range(len(normalized) + 1))


@PROPERTY
@given(lines_of(any_atom))
@example([""])
@example(["(kāi)"])
@example(["[image: x](kāi)\u200b"])
@example(["\u200b"] * 3)
def test_normalize_never_raises_and_maps_every_column_back(lines):
    result = normalize(lines)
    _check_maps(lines, result)


@PROPERTY
@given(lines_of(_atoms(SIMPLIFIED, FULL_WIDTH, SPACES, "abc123.,\t|")))
def test_lines_without_removals_have_the_identity_map(lines):
    result = normalize(lines)
    assert result.maps == [None] * len(lines)
    for index, line in enumerate(lines):
        assert len(result.lines[index]) == len(line)
        for column in range(len(line) + 1):
            assert result.original_column(index, column) == column
        for before, after in zip(line, result.lines[index]):
            if before in FULL_WIDTH:
                assert after == unicodedata.normalize("NFKC", before)
            elif before in SPACES:
                assert after == " "
            else:
                assert after == before
        if line:
            assert result.span(index, 0, len(line)) == Span(index + 1, 1, index + 1, len(line) + 1)


@PROPERTY
@given(lines_of(any_atom), st.data())
def test_spans_stay_inside_the_original_line(lines, data):
    result = normalize(lines)
    index = data.draw(st.integers(0, len(lines) - 1))
    length = len(result.lines[index])
    start = data.draw(st.integers(0, length))
    end = data.draw(st.integers(start, length))
    span = result.span(index, start, end)
    original = lines[index]
    assert span.line == span.end_line == index + 1
    assert 1 <= span.column <= span.end_column <= len(original) + 1
    if end > start:
        assert span.end_column - span.column >= end - start


@PROPERTY
@given(lines_of(any_atom))
def test_every_event_points_inside_its_line(lines):
    result = normalize(lines)
    for event in result.events:
        assert 1 <= event.span.line <= len(lines)
        assert event.span.end_line == event.span.line
        original = lines[event.span.line - 1]
        assert 1 <= event.span.column < event.span.end_column <= len(original) + 1
        if event.kind in ("gloss", "residue"):
            assert original_text(lines, event.span) == event.detail
        if event.kind == "traditional":
            # the flagged character is one the conversion changed
            line = event.span.line - 1
            column = next((c for c in range(len(result.lines[line])) if result.original_column(line, c) == event.span.column - 1), None)
            assert column is not None, "the flagged character was removed"
            assert result.lines[line][column] != original[event.span.column - 1]


@PROPERTY
@given(lines_of(simplified_atom), st.data())
def test_mapped_back_text_normalizes_to_the_same_text(lines, data):
    """Where no removal happened inside a normalized span, the original text it maps to
    normalizes, on its own, to exactly that span's text."""
    result = normalize(lines)
    index = data.draw(st.integers(0, len(lines) - 1))
    normalized = result.lines[index]
    assume(normalized)
    start = data.draw(st.integers(0, len(normalized) - 1))
    end = data.draw(st.integers(start + 1, len(normalized)))
    first, last = result.original_column(index, start), result.original_column(index, end - 1)
    assume(last - first == end - 1 - start)  # no removal inside the span
    span = result.span(index, start, end)
    piece = original_text(lines, span)
    assert piece == lines[index][first: last + 1]
    assert normalize([piece]).lines == [normalized[start:end]]


@PROPERTY
@given(lines_of(_atoms(SIMPLIFIED, TRADITIONAL, FULL_WIDTH, REMOVABLE, SPACES, "ab1|\t")))
def test_traditional_conversion_is_one_for_one(lines):
    result = normalize(lines)
    _check_maps(lines, result)
    for index, original in enumerate(lines):
        normalized = result.lines[index]
        for column, ch in enumerate(normalized):
            source = original[result.original_column(index, column)]
            if source in SIMPLIFIED:
                assert ch == source


@PROPERTY
@given(lines_of(any_atom))
def test_normalize_is_deterministic_and_does_not_touch_its_input(lines):
    copy = list(lines)
    first = normalize(lines)
    second = normalize(lines)
    assert lines == copy
    assert first.lines == second.lines and first.maps == second.maps and first.events == second.events
