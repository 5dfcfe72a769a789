"""Which reports of a run are the same agency's, one year apart.

Agency names are compared by ``agency_key`` (spaces, widths, 人民政府/政府, 管理委员会/管委会);
a name matches a longer one it abbreviates — the same characters in order, ending alike
(``洪泽区人民政府`` and ``淮安市洪泽区人民政府``; ``市场监管局`` and ``市场监督管理局``) — when
nothing else in the run matches it too. A match that is not unique is ambiguous and not paired;
the same report twice in a run (same text, or same agency and year) is one report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govlint.facts import ReportFacts, duplicate_groups

MIN_ABBREVIATION = 3
"""An abbreviation keeps at least this many characters (``公安局``)."""


@dataclass
class Pairs:
    pairs: list[tuple[str, str]] = field(default_factory=list)
    """(last year's path, this year's path)."""
    unpaired: list[str] = field(default_factory=list)
    """Reports in no pair: no report of the same agency a year before or after (or no agency or year)."""
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)
    """(this year's path, the several reports of the year before that could be its predecessor)."""
    duplicates: list[list[str]] = field(default_factory=list)
    """Groups of paths holding one report; the first is the one compared."""
    facts: dict[str, ReportFacts] = field(default_factory=dict)
    """The facts of every report considered, by path."""


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with characters left out: the same characters in order,
    the same last character (the kind of body: 局, 府, 会, 处…)."""
    if len(short) >= len(long) or len(short) < MIN_ABBREVIATION or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(char in rest for char in short)


def same_agency(a: str, b: str) -> bool:
    """Whether two agency keys may name one agency (equal, or one abbreviates the other)."""
    return bool(a) and bool(b) and (a == b or abbreviates(a, b) or abbreviates(b, a))


class _Agencies:
    """One year's agency keys, indexed so that the keys a name may abbreviate, or be an
    abbreviation of, are found without comparing it with every key (a run of thousands of
    reports must not cost a comparison per pair): a key that ``q`` abbreviates holds every
    character of ``q`` (the sets of keys holding each are intersected); a key that
    abbreviates ``q`` has its two rarest characters in ``q``, and no character outside it."""

    def __init__(self, keys):
        self.keys = keys
        self.holding: dict[str, set[str]] = {}
        for key in keys:
            for char in set(key):
                self.holding.setdefault(char, set()).add(key)
        self.by_rarest: dict[str, dict[str, list[str]]] = {}
        """Keys by their rarest character, then their second rarest ("" for a key of one character)."""
        for key in keys:
            rarest = sorted(set(key), key=lambda c: (len(self.holding[c]), c))[:2]
            self.by_rarest.setdefault(rarest[0], {}).setdefault(rarest[1] if len(rarest) > 1 else "", []).append(key)

    def matching(self, key: str) -> list[str]:
        """The keys of this year that may name the agency ``key`` names (``same_agency``)."""
        if key in self.keys:
            return [key]
        characters = frozenset(key)
        holders = sorted((self.holding.get(char, set()) for char in characters), key=len)
        containing = holders[0].intersection(*holders[1:]) if holders else set()
        seconds = (*characters, "")
        buckets = [self.by_rarest[char] for char in characters if char in self.by_rarest]
        within = [other for bucket in buckets for second in seconds if second in bucket for other in bucket[second]
                  if characters.issuperset(other)]
        return [other for other in dict.fromkeys([*containing, *within]) if same_agency(key, other)]


def pair_reports(items: list[tuple[str, ReportFacts]], earlier: list[tuple[str, ReportFacts]] = ()) -> Pairs:
    """Pair the reports of a run, in the order given; ``earlier`` are reports from an archive
    of past years (``previous-dirs``), used only as last year's side of a pair."""
    result = Pairs(facts=dict(list(items) + list(earlier)))
    groups = duplicate_groups(list(items) + list(earlier))
    dropped = {path for group in groups for path in group[1:]}
    result.duplicates = groups
    run = [(path, facts) for path, facts in items if path not in dropped]
    candidates = run + [(path, facts) for path, facts in earlier if path not in dropped]
    by_year: dict[int, dict[str, list[str]]] = {}
    for path, facts in candidates:
        if facts.year and facts.agency_key:
            by_year.setdefault(facts.year, {}).setdefault(facts.agency_key, []).append(path)
    named_by_year: dict[int, list[tuple[str, str]]] = {}
    for path, facts in run:
        if facts.year and facts.agency_key and by_year.get(facts.year - 1):
            named_by_year.setdefault(facts.year, []).append((path, facts.agency_key))
    matches: dict[str, list[str]] = {}
    for year, named in named_by_year.items():  # one year's index at a time: an archive's years are never all indexed at once
        before = by_year[year - 1]
        index = _Agencies(before)
        for path, key in named:
            matches[path] = [p for other in index.matching(key) for p in before[other]]
    claimed: dict[str, list[str]] = {}
    for path, found in matches.items():
        if len(found) == 1:
            claimed.setdefault(found[0], []).append(path)
    earlier_side = {found[0] for path, found in matches.items() if len(found) == 1 and len(claimed[found[0]]) == 1}
    for path, _ in run:
        found = matches.get(path, [])
        if len(found) == 1 and len(claimed[found[0]]) == 1:
            result.pairs.append((found[0], path))
        elif len(found) == 1:  # 公安局 (last year) and 甲县公安局, 乙县公安局 (this year)
            result.ambiguous.append((path, found))
        elif found:
            result.ambiguous.append((path, sorted(found)))
        elif path not in earlier_side:
            result.unpaired.append(path)
    return result
