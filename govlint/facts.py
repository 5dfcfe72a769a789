"""What a batch run keeps of each report after linting it: who wrote it, for which year, in
which format version — a few hundred bytes, JSON-serialisable, cached with the result.

Across-years checks (pairing, carry-over, copied text), the supervisor's summary and the
table-data extract read these facts instead of keeping whole reports in memory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, replace

TYPE_CHECKING = False
if TYPE_CHECKING:  # imported where used: facts read from the cache need no fingerprint module until pairing
    from govlint.years.fingerprint import Fingerprint

_SPACES = re.compile(r"\s+")
_EQUIVALENT_ENDINGS = (("管理委员会", "管委会"), ("人民政府", "政府"), ("办公室", "办"), ("委员会", "委"))


def agency_key(name: str | None) -> str:
    """A name normalised so that spellings of one agency compare equal: widths folded,
    spaces dropped, 人民政府/政府, 管理委员会/管委会, 办公室/办 and 委员会/委 made one."""
    if not name:
        return ""
    key = _SPACES.sub("", unicodedata.normalize("NFKC", name))
    for long, short in _EQUIVALENT_ENDINGS:
        key = key.replace(long, short)
    return key


@dataclass
class ReportFacts:
    """What a batch keeps of a report after linting it: for summaries, pairing and copy checks."""

    agency: str
    """The agency as the title names it ("" when the title names none)."""
    year: int | None
    format_version: str
    """The format the report was checked against: "2021" or "2019"."""
    digest: str = ""
    """A hash of the report's normalized text: the same report in two files has one digest."""
    fingerprint: Fingerprint | None = None
    """What the across-years and across-agencies checks compare (``govlint.years``)."""

    @property
    def agency_key(self) -> str:
        return agency_key(self.agency)

    def to_json(self) -> dict:
        data = asdict(replace(self, fingerprint=None))
        data["fingerprint"] = self.fingerprint.to_json() if self.fingerprint is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> ReportFacts:
        year = data["year"] if isinstance(data["year"], int) else None
        fingerprint = None
        if data.get("fingerprint") is not None:
            from govlint.years.fingerprint import Fingerprint

            fingerprint = Fingerprint.from_json(data["fingerprint"])
        return cls(str(data["agency"]), year, str(data["format_version"]), str(data.get("digest", "")), fingerprint)


def facts_of(report) -> ReportFacts:
    """The facts of a modelled report (``govlint.model.Report``)."""
    from govlint.years.fingerprint import fingerprint_of

    text = "\n".join(line.strip() for line in report.normalized.lines if line.strip())
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return ReportFacts(report.title.agency if report.title else "", report.year, report.format.version, digest, fingerprint_of(report))


def duplicate_groups(items: list[tuple[str, ReportFacts]]) -> list[list[str]]:
    """Paths that hold the same report: the same text, or the same agency and year (a
    ``.pdf`` and its ``.txt``). Each group lists its paths in the order given; the first is
    the one to keep."""
    parent = {path: path for path, _ in items}

    def root(path: str) -> str:
        while parent[path] != path:
            parent[path] = parent[parent[path]]
            path = parent[path]
        return path

    first: dict[tuple, str] = {}
    for path, facts in items:
        keys = [("digest", facts.digest)] if facts.digest else []
        if facts.agency_key and facts.year:
            keys.append(("agency-year", facts.agency_key, facts.year))
        for key in keys:
            if key in first:
                a, b = root(first[key]), root(path)
                if a != b:
                    parent[b] = a
            else:
                first[key] = path
    groups: dict[str, list[str]] = {}
    for path, _ in items:
        groups.setdefault(root(path), []).append(path)
    return [group for group in groups.values() if len(group) > 1]
