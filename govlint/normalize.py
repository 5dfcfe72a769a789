"""Stage 2, normalize: make report text comparable, and remember where every character came from.

Each original line becomes exactly one normalized line (line numbers never move);
inside a line, characters are only replaced one-for-one or removed, so a column
map per changed line is enough to point any finding at the original text.

What is normalized, and reported as an ``Event`` for the input rules:
- conversion residue such as ``[image: …]``, ``[bookmark: …]``, HTML tags and comments
  (Word's ``<!--[if !supportLists]-->`` shown as text): removed;
- pinyin glosses after characters (``公開(kāi)``): removed;
- full-width digits, letters, brackets and dots: to ASCII; odd spaces to a space;
  zero-width characters: removed;
- traditional characters: converted to simplified (OpenCC) when the report is
  written in traditional script.
Mojibake and replacement characters cannot be repaired; they are only reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from govlint.positions import Span
from govlint.radicals import RADICALS

_RESIDUE = (r"(?P<residue>\[(?:image|bookmark|footnote|comment|img|图片)\s*[:：][^\]\n]{0,200}\]|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>"
            r"|<!--[^\n]{0,200}?-->|<!\[(?:if|endif)[^\]\n]{0,80}\]>"  # comments, Word's <!--[if !supportLists]-->
            r"|&(?:nbsp|amp|lt|gt|quot|emsp|ensp);)")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_GLOSS = rf"(?P<gloss>[(（][a-z]*[{_TONED}ü][a-zü{_TONED}]*[)）])"  # plain letters up to the first toned one: linear
_INVISIBLE = r"(?P<invisible>[\u200b-\u200d\u2060\ufeff\u00ad])"
_REMOVALS = re.compile(r"(?=[\[<&(（\u200b-\u200d\u2060\ufeff\u00ad])(?:" + "|".join((_RESIDUE, _GLOSS, _INVISIBLE)) + ")")
"""The lookahead names every branch's first character, so that most positions fail at once."""

_MOJIBAKE = (
    r"(?<=[\u4e00-\u9fff])\?[,.A-Za-z]{0,3}(?=[\u4e00-\u9fff])"  # a '?' left where a character was lost
    r"|(?:[\u00c0-\u00ff][\u0080-\u00bf\u0152-\u0192\u2013-\u203a]){2,}"  # UTF-8 read as Latin-1/cp1252
    r"|锟斤拷|烫烫烫|屯屯屯"
)
"""Compiled on first use (through ``re``'s cache), like ``_CJK``: character ranges this wide take
milliseconds to compile, and only a report with a suspect character needs it."""
_MOJIBAKE_START = re.compile(r"[?\u00c0-\u00ff锟烫屯]")
"""A character every mojibake match starts with: a text without any has none (one fast scan)."""
_REPLACEMENT = re.compile("\ufffd\ufffd*")  # a literal first character: searched as fast as str.find

_WIDTH = {i: i - 0xFEE0 for i in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({i: i - 0xFEE0 for i in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({i: i - 0xFEE0 for i in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({0xFF08: "(", 0xFF09: ")", 0xFF0E: ".", 0xFF0B: "+", 0xFF0D: "-", 0xFF05: "%"})
_WIDTH.update({c: " " for c in (0x00A0, 0x3000, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F)})
_WIDTH[0x0B] = " "
_WIDTH[0x0C] = " "
_WIDTH.update(RADICALS)  # ⼀ U+2F00 → 一, ⺠ U+2EA0 → 民: radicals that PDF text layers carry, one for one
_WIDTH_RUN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_WIDTH)) + "]+")


def _narrow(text: str) -> str:
    """``text`` translated by ``_WIDTH``, run by run: str.translate looks up every character
    in the table, and a report has a few dozen characters to change among thousands."""
    return _WIDTH_RUN.sub(lambda run: run.group().translate(_WIDTH), text)


_CJK = "[\u4e00-\u9fff]"
_TRADITIONAL_HINT = re.compile(
    "[開關門體況務報條辦處資訊網機構經濟發於與為個們國會來時說這對從應當現實際區縣鎮鄉請訴議複審責檢單項數據"
    "統計結轉總價費號標準範類頁權級護視聽後進過還讓讀寫長東車書買賣問題萬億員領導勞動違規調節點擊屬續]"
)
"""Frequent characters that exist only in traditional script: a text without any is simplified."""

TRADITIONAL_THRESHOLD = 0.02
"""Share of CJK characters that OpenCC changes above which a report counts as traditional."""


@dataclass(frozen=True)
class Event:
    """Something the read or normalize stage noticed, for the input rules to report."""

    kind: str
    span: Span
    count: int = 1
    detail: str = ""


@dataclass
class Normalized:
    """Normalized lines plus, for each changed line, a map back to original columns."""

    lines: list[str]
    maps: list[list[int] | None]
    events: list[Event] = field(default_factory=list)
    original: list[str] = field(default_factory=list, repr=False)
    """The lines as they were, to quote in messages."""

    def original_column(self, line: int, column: int) -> int:
        """0-based original column of 0-based ``column`` in 0-based normalized ``line``."""
        colmap = self.maps[line]
        if colmap is None:
            return column
        return colmap[min(column, len(colmap) - 1)]

    def span(self, line: int, start: int, end: int, end_line: int | None = None) -> Span:
        """The original span of normalized text ``[start, end)`` (0-based lines and columns)."""
        last = line if end_line is None else end_line
        if end > start or last != line:
            end_col = self.original_column(last, end - 1) + 2 if end > 0 else 1
        else:
            end_col = self.original_column(line, start) + 1
        return Span(line + 1, self.original_column(line, start) + 1, last + 1, end_col)


def normalize(lines: list[str]) -> Normalized:
    """Normalize the original lines of a report (see the module docstring)."""
    counters: dict[str, list] = {}

    def note(kind: str, line: int, start: int, end: int, detail: str) -> None:
        entry = counters.get(kind)
        if entry is None:
            counters[kind] = [Span(line + 1, start + 1, line + 1, end + 1), 1, detail]
        else:
            entry[1] += 1

    whole = "\n".join(lines)
    out = _narrow(whole).split("\n")  # one-for-one: columns do not move
    maps: list[list[int] | None] = [None] * len(out)
    if _REMOVALS.search(whole):
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        by_line: dict[int, list] = {}
        for match in _REMOVALS.finditer(whole):
            by_line.setdefault(bisect_right(starts, match.start()) - 1, []).append(match)
        for index, matches in by_line.items():
            line, offset = lines[index], starts[index]
            kept: list[str] = []
            colmap: list[int] = []
            pos = 0
            for match in matches:
                begin, finish = match.start() - offset, match.end() - offset
                kept.append(line[pos:begin])
                colmap.extend(range(pos, begin))
                if match.lastgroup != "invisible":
                    note(match.lastgroup, index, begin, finish, match.group())
                pos = finish
            kept.append(line[pos:])
            colmap.extend(range(pos, len(line) + 1))  # +1: the end-of-line position
            out[index] = _narrow("".join(kept))
            maps[index] = colmap
    cleaned = "\n".join(out) if any(maps) else whole  # a removed gloss can leave mojibake behind: "?,F(xiàn)將"
    for first, pattern, kind in ((_MOJIBAKE_START, _MOJIBAKE, "mojibake"), (_REPLACEMENT, _REPLACEMENT, "replacement-char")):
        if not first.search(cleaned) or not re.search(pattern, cleaned):
            continue
        for index, line in enumerate(out):
            colmap = maps[index]
            for match in re.finditer(pattern, line):
                begin = colmap[match.start()] if colmap else match.start()
                finish = colmap[match.end() - 1] + 1 if colmap else match.end()
                note(kind, index, begin, finish, match.group())

    normalized = Normalized(out, maps, original=list(lines))
    for kind, (span, count, detail) in counters.items():
        normalized.events.append(Event(kind, span, count, detail))
    traditional = _to_simplified(normalized)
    if traditional is not None:
        normalized.events.append(traditional)
    normalized.events.sort(key=lambda event: (event.span, event.kind))
    return normalized


_converter = None


def _to_simplified(normalized: Normalized) -> Event | None:
    """Convert traditional script in place when the report is written in it."""
    global _converter
    text = "\n".join(normalized.lines)
    if not _TRADITIONAL_HINT.search(text):
        return None  # none of the commonest traditional-only characters: not worth loading OpenCC
    cjk = len(re.findall(_CJK, text))
    if _converter is None:
        import opencc  # loaded on first use: simplified reports never need it

        _converter = opencc.OpenCC("t2s")
    converted = [_converter.convert(line) for line in normalized.lines]
    changed = 0
    first = None
    for index, (old, new) in enumerate(zip(normalized.lines, converted)):
        if old == new:
            continue
        if len(old) != len(new):  # a phrase rule changed the length: fall back to characters
            new = "".join(_converter.convert(ch) if len(_converter.convert(ch)) == 1 else ch for ch in old)
            converted[index] = new
        diffs = [col for col, (a, b) in enumerate(zip(old, new)) if a != b]
        changed += len(diffs)
        if diffs and first is None:
            first = (index, diffs[0])
    if first is None or changed / cjk < TRADITIONAL_THRESHOLD:
        return None
    normalized.lines = converted
    line, col = first
    return Event("traditional", normalized.span(line, col, col + 1), changed)
