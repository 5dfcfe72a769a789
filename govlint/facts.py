"""What a batch run keeps of each report after linting it: who wrote it, for which year, in
which format version — a few hundred bytes, JSON-serialisable, cached with the result.

Across-years checks (pairing, carry-over, copied text), the supervisor's summary and the
table-data extract read these facts instead of keeping whole reports in memory.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

_SPACES = re.compile(r"\s+")
_EQUIVALENT_ENDINGS = (("管理委员会", "管委会"), ("人民政府", "政府"))


def agency_key(name: str | None) -> str:
    """A name normalised so that spellings of one agency compare equal: widths folded,
    spaces dropped, 人民政府/政府 and 管理委员会/管委会 made one."""
    if not name:
        return ""
    key = _SPACES.sub("", unicodedata.normalize("NFKC", name))
    for long, short in _EQUIVALENT_ENDINGS:
        key = key.replace(long, short)
    return key


@dataclass
class ReportFacts:
    agency: str
    """The agency as the title names it ("" when the title names none)."""
    year: int | None
    format_version: str
    """The format the report was checked against: "2021" or "2019"."""

    @property
    def agency_key(self) -> str:
        return agency_key(self.agency)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ReportFacts:
        return cls(str(data["agency"]), data["year"] if isinstance(data["year"], int) else None, str(data["format_version"]))


def facts_of(report) -> ReportFacts:
    """The facts of a modelled report (``govlint.model.Report``)."""
    return ReportFacts(report.title.agency if report.title else "", report.year, report.format.version)
