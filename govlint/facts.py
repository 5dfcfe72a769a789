"""What a batch run keeps of each report after linting it: who wrote it, for which year, in
which format version — a few hundred bytes, JSON-serialisable, cached with the result.

Across-years checks (pairing, carry-over, copied text), the supervisor's summary and the
table-data extract read these facts instead of keeping whole reports in memory.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

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


class ReportFacts:
    """A report's facts; the fingerprint is held packed (``Fingerprint.pack``, about 1 KiB)
    and decoded where it is compared: a run over an archive keeps every report's facts
    until pairing, and the decoded form takes twenty times the room. The cache stores the
    packed form too, so a cached result needs no fingerprint module until pairing."""

    __slots__ = ("agency", "year", "format_version", "digest", "packed_fingerprint")

    def __init__(self, agency: str, year: int | None, format_version: str, digest: str = "", fingerprint: Fingerprint | None = None):
        self.agency = agency
        """The agency as the title names it ("" when the title names none)."""
        self.year = year
        self.format_version = format_version
        """The format the report was checked against: "2021" or "2019"."""
        self.digest = digest
        """A hash of the report's normalized text: the same report in two files has one digest."""
        self.packed_fingerprint = None if fingerprint is None else fingerprint.pack()

    @property
    def fingerprint(self) -> Fingerprint | None:
        """What the across-years and across-agencies checks compare (``govlint.years``),
        decoded anew at each access."""
        if self.packed_fingerprint is None:
            return None
        from govlint.years.fingerprint import Fingerprint

        return Fingerprint.unpack(self.packed_fingerprint)

    @property
    def agency_key(self) -> str:
        return agency_key(self.agency)

    def __eq__(self, other) -> bool:
        return isinstance(other, ReportFacts) and self._fields() == other._fields()

    __hash__ = None

    def __repr__(self) -> str:
        return "ReportFacts({})".format(", ".join(map(repr, self._fields())))

    def _fields(self) -> tuple:
        return (self.agency, self.year, self.format_version, self.digest, self.packed_fingerprint)

    def to_json(self) -> dict:
        """The facts as the cache stores them, the fingerprint packed (base64)."""
        packed = self.packed_fingerprint
        return {"agency": self.agency, "year": self.year, "format_version": self.format_version, "digest": self.digest,
                "fingerprint": base64.b64encode(packed).decode("ascii") if packed is not None else None}

    @classmethod
    def from_json(cls, data: dict) -> ReportFacts:
        """What ``to_json`` wrote; ValueError (or KeyError, TypeError) when it is not that. A
        packed fingerprint is decoded only when compared (``Fingerprint.unpack``)."""
        year = data["year"] if isinstance(data["year"], int) else None
        facts = cls(str(data["agency"]), year, str(data["format_version"]), str(data.get("digest", "")))
        if data.get("fingerprint") is not None:
            facts.packed_fingerprint = base64.b64decode(data["fingerprint"].encode("ascii"), validate=True)
        return facts


def facts_of(report, place=None) -> ReportFacts:
    """The facts of a modelled report (``govlint.model.Report``); ``place``, for Word, HTML
    and PDF, moves the fingerprint's anchors back to the document (``Fingerprint.placed``)."""
    text = "\n".join(line.strip() for line in report.normalized.lines if line.strip())
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    from govlint.years.fingerprint import fingerprint_of

    fingerprint = fingerprint_of(report)
    if fingerprint is not None and place is not None:
        fingerprint = fingerprint.placed(place)
    return ReportFacts(report.title.agency if report.title else "", report.year, report.format.version, digest, fingerprint)


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
