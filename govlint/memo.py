"""Memoising what recurs across cells, lines and reports.

Labels, cell values and boilerplate sentences recur from report to report, so results are
kept — but only for texts up to ``longest`` characters, and at most ``maxsize`` of them:
a long-lived batch run over a large archive (or a file of endless lines) must not grow
its memory with what it has seen. What is worked out from a schema or a rule's parameters
(unhashable, loaded once) is kept per object (``ByIdentity``).
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

        return call

    return wrap


class ByIdentity:
    """Results worked out from objects that are not hashable (a table schema, a rule's
    parameters, a list of rules), kept per object: the objects are held with their result,
    so their ids are not reused while it is kept; at most ``maxsize`` results (a process
    that loads rule sets again and again starts over)."""

    def __init__(self, maxsize: int):
        self._found: dict[tuple[int, ...], tuple[tuple, object]] = {}
        self._maxsize = maxsize

    def get(self, objects: tuple, make):
        """The result for ``objects``, made by ``make()`` the first time."""
        key = tuple(map(id, objects))
        found = self._found.get(key)
        if found is None or any(held is not given for held, given in zip(found[0], objects)):
            if len(self._found) >= self._maxsize:
                self._found.clear()
            found = self._found[key] = (objects, make())
        return found[1]
