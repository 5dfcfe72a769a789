"""Regular expressions that come from rule packs, run on a linear-time engine (RE2).

A pack is data anyone can write; Python's backtracking ``re`` takes exponential time on
patterns such as ``(\\d+)+$`` and polynomial time on adjacent unbounded quantifiers
(``\\s*(?:案件)?\\s*``) over a long run of spaces. RE2 matches in time linear in the text
whatever the pattern, at the price of no look-around and no back-references: a pattern
that needs them is rejected when its pack loads (``problem``), with the file and line.
govlint's own fixed patterns stay on ``re``; they are written without ambiguous repeats.
"""

from __future__ import annotations

from functools import lru_cache

MAX_PATTERN = 2000
"""Characters in one pack pattern; RE2's program size is bounded too (its max_mem)."""


def _re2():
    import re2  # imported on first use: most runs match only a few pack patterns

    return re2


def _options():
    options = _re2().Options()
    options.log_errors = False  # RE2 would write its own line on stderr for a bad pattern
    return options


def problem(pattern) -> str | None:
    """Why ``pattern`` cannot be a pack pattern, or None."""
    if not isinstance(pattern, str):
        return f"正则表达式应是字符串，不是 {type(pattern).__name__}（请加引号）"
    if len(pattern) > MAX_PATTERN:
        return f"正则表达式超过 {MAX_PATTERN} 个字符"
    try:
        compiled(pattern)
    except Exception as exc:  # re2.error, and ValueError/TypeError from its wrapper
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        hint = "；不支持环视（look-around）和反向引用（govlint 以线性时间运行规则包的正则表达式），请改写" if "(?" in pattern or "\\" in pattern else ""
        return f"正则表达式 {pattern!r} 无法编译：{reason}{hint}"
    return None


@lru_cache(maxsize=1024)
def compiled(pattern: str):
    return _re2().compile(pattern, _options())


class PatternMatch:
    """A match with ``re``'s interface for what checks use: ``group``, ``start`` and
    ``end`` by group number or name (RE2's wrapper takes numbers only for the latter)."""

    __slots__ = ("_match", "_names")

    def __init__(self, match, names: dict):
        self._match, self._names = match, names

    def _index(self, group):
        return self._names[group] if isinstance(group, str) else group

    def group(self, group=0):
        return self._match.group(self._index(group))

    def start(self, group=0) -> int:
        return self._match.start(self._index(group))

    def end(self, group=0) -> int:
        return self._match.end(self._index(group))

    def span(self, group=0) -> tuple[int, int]:
        return self.start(group), self.end(group)


def search(pattern: str, text: str) -> PatternMatch | None:
    regexp = compiled(pattern)
    match = regexp.search(text)
    return PatternMatch(match, regexp.groupindex) if match is not None else None


def finditer(pattern: str, text: str):
    regexp = compiled(pattern)
    return (PatternMatch(match, regexp.groupindex) for match in regexp.finditer(text))


@lru_cache(maxsize=256)
def _alternation(patterns: tuple[str, ...]):
    """The patterns as one RE2 program (one pass over the text instead of one per pattern),
    or None where they do not combine (a group name used twice)."""
    try:
        return _re2().compile("|".join(f"(?:{p})" for p in patterns), _options())
    except Exception:  # re2.error and its wrapper's ValueError/TypeError
        return None


def any_search(patterns, text: str) -> bool:
    """Whether one of ``patterns`` matches ``text``."""
    patterns = tuple(patterns)
    if not patterns:
        return False
    combined = _alternation(patterns)
    if combined is None:
        return any(search(p, text) is not None for p in patterns)
    return combined.search(text) is not None
