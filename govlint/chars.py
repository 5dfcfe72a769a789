"""Chinese characters (U+3400–U+9FFF), tested without a regular expression: a character
class this wide takes milliseconds to compile, at every start of govlint."""

from __future__ import annotations

FIRST, LAST = "\u3400", "\u9fff"


def has_chinese(text: str) -> bool:
    return any(FIRST <= ch <= LAST for ch in text)


def chinese_only(text: str) -> str:
    """The text's Chinese characters, in order."""
    return "".join(ch for ch in text if FIRST <= ch <= LAST)
