"""Text signatures for copied-text checks: the text masked (years and digits, boilerplate
left out), cut into character shingles, and kept as a sample of the shingle hashes (those
below a limit), so two reports can be compared long after their text is gone.

Shingles two texts share are sampled alike in both, so the sampled share of this year's
shingles found in last year's estimates the share of the text repeated (what supervisors
call 重复率), whatever the length of either.
"""

from __future__ import annotations

import base64
import re
import sys
import zlib
from array import array
from heapq import nsmallest

SHINGLE = 8
"""Characters per shingle: long enough that common words of the field do not match by
themselves (unrelated reports share under 5 % of their 8-character runs)."""
BUDGET = 300
"""Hashes kept per report, over all its sections (3 bytes each: 1.2 KB of base64 at most)."""
MIN_SHINGLES = 40
"""Texts with fewer shingles (a line or two) are not compared: too short to call copied."""
FULL = 1 << 24
_ANCHOR_BYTES = bytes(b"1"[0] if zlib.crc32(bytes([b])) % 4 == 0 else b"0"[0] for b in range(256))
_ANCHOR = re.compile(b"1")

_SENTENCE = re.compile(r"[^。；;！？!?\n]*[。；;！？!?\n]?")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_SUBHEADING = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*[^。：:，,\n]{0,16}[。：:]", re.MULTILINE)
_BOILERPLATE = re.compile(
    r"处理费|收费|统计期限|统计时限|统计周期|统计时间|统计期"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。；]{0,12}(?:至|到|—|-|~)"
)
_CHINESE_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=\s*年)")
_DIGITS = re.compile(r"[\d０-９]+(?:[.．,，]\d+)*")
_NOT_TEXT = re.compile(r"[\W_]+")


def masked(paragraphs: list[str], table_section: bool = False) -> str:
    """The text as it is compared: standard sub-headings, period and fee sentences,
    headings, signatures and date lines left out; years and digits become ``#``;
    spaces and punctuation dropped. In a table section only sentences count (table rows
    that reached the text are labels, the same every year)."""
    kept = [p for p in paragraphs if _SENTENCE_END.search(p) or (not table_section and len(p) >= 40)]
    text = _SUBHEADING.sub("", "\n".join(kept))
    if _BOILERPLATE.search(text):
        text = "".join(s for s in _SENTENCE.findall(text) if s and not _BOILERPLATE.search(s))
    return _NOT_TEXT.sub("", _DIGITS.sub("#", _CHINESE_YEAR.sub("#", text)))


def _hashes(text: str) -> list[int]:
    """The hashes (24 bits) of the text's sampled shingles, once each. A shingle is sampled
    when the low byte of its first character's code point is one of a quarter of the byte
    values (chosen by hash): alike in every report, and found without hashing every shingle."""
    data = text.encode("utf-32-le")
    marks = data[0::4].translate(_ANCHOR_BYTES)[: len(text) - SHINGLE + 1]
    width = 4 * SHINGLE
    return [h >> 8 for h in set(map(zlib.crc32, [data[4 * m.start(): 4 * m.start() + width] for m in _ANCHOR.finditer(marks)]))]


class Signature:
    """A text's shingle count and its sampled shingle hashes below ``limit``."""

    __slots__ = ("size", "sketch", "limit")

    def __init__(self, size: int, sketch: tuple[int, ...], limit: int = FULL):
        self.size = size
        self.sketch = sketch
        self.limit = limit

    def __eq__(self, other) -> bool:  # a signature read back from the cache equals the one computed
        return isinstance(other, Signature) and (self.size, self.sketch, self.limit) == (other.size, other.sketch, other.limit)

    def __hash__(self) -> int:
        return hash((self.size, self.sketch, self.limit))

    def shared(self, other: Signature, ignored: frozenset[int] = frozenset()) -> tuple[int, int]:
        """(sampled shingles of this text that the other has too, sampled shingles of this
        text), both below the lower of the two limits; ``ignored`` hashes (text common to
        many reports of a run) count for neither. Their ratio estimates the share of this
        text found in the other one."""
        limit = min(self.limit, other.limit)
        theirs = frozenset(other.sketch)
        mine = [h for h in self.sketch if h < limit and h not in ignored]
        return sum(1 for h in mine if h in theirs), len(mine)

    def encode(self) -> str:
        """The sketch as base64 of 3 little-endian bytes per hash."""
        return base64.b64encode(_pack24(self.sketch)).decode("ascii")

    @classmethod
    def decode(cls, size: int, data: str, limit: int) -> Signature:
        return cls(int(size), _unpack24(base64.b64decode(data.encode("ascii"), validate=True)), int(limit))


def _pack24(hashes) -> bytes:
    """24-bit hashes as 3 little-endian bytes each, copied by slices (no Python step per hash:
    a batch run packs and unpacks every report's sketch)."""
    words = array("I", hashes)
    if sys.byteorder == "big":
        words.byteswap()
    wide = words.tobytes()
    packed = bytearray(3 * len(words))
    for byte in range(3):
        packed[byte::3] = wide[byte::4]
    return bytes(packed)


def _unpack24(packed: bytes) -> tuple[int, ...]:
    count = len(packed) // 3
    wide = bytearray(4 * count)
    for byte in range(3):
        wide[byte::4] = packed[byte: 3 * count: 3]
    words = array("I", bytes(wide))
    if sys.byteorder == "big":
        words.byteswap()
    return tuple(words)


def signatures(texts: dict[str, str], budget: int = BUDGET) -> dict[str, Signature]:
    """Signatures of a report's masked texts (by key), sampled at one limit so that all of
    them together keep at most ``budget`` hashes; texts too short to compare are left out."""
    hashed = {key: _hashes(text) for key, text in texts.items() if len(text) >= SHINGLE + MIN_SHINGLES - 1}
    every = [h for hashes in hashed.values() for h in hashes]
    limit = FULL if len(every) <= budget else nsmallest(budget + 1, every)[-1]
    return {key: Signature(len(texts[key]) - SHINGLE + 1, tuple(sorted(h for h in hashes if h < limit)), limit)
            for key, hashes in hashed.items()}
