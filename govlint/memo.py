"""Memoising pure functions of short texts across cells, lines and reports.

Labels, cell values and boilerplate sentences recur from report to report, so results are
kept — but only for texts up to ``longest`` characters, and at most ``maxsize`` of them:
a long-lived batch run over a large archive (or a file of endless lines) must not grow
its memory with what it has seen.
"""

from __future__ import annotations

from functools import lru_cache, wraps

SHORT_TEXT = 120
"""Texts up to this long are remembered by the label and value functions: every standard
label (the longest has 40 characters) and every real cell value."""


def memoised(maxsize: int, longest: int):
    """``function`` with its results kept for calls whose first argument, the text, is at
    most ``longest`` characters (the other arguments must be hashable, and short: a
    standard label, a rule's word lists)."""

    def wrap(function):
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text, *rest):
            return cached(text, *rest) if len(text) <= longest else function(text, *rest)

        call.cache_clear = cached.cache_clear
        return call

    return wrap
