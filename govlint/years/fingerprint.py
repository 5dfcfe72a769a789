"""A report's fingerprint: the little a later run needs to compare it with another year's
report or another agency's — the carry-over row of table 三, the stock rows of table 二 with
any reason the report gives for them, and a text signature per section. Under 2 KiB of
JSON, computed once from the model and cached with the file's result."""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from govlint.positions import Span
from govlint.years.signature import Signature, masked, signatures

STOCK_ROWS = ("regulation", "normative")
STOCK_COLUMNS = ("issued", "repealed", "in_force")

_CLAUSE = re.compile(r"[^，,。；;！？!?\n]+")
_BOOK_TITLE = re.compile(r"《[^》]{0,80}》")
_CLEANUP = re.compile(r"清理|失效|废止|废除|修订|修改|调整|宣布无效")
_REGULATION = re.compile(r"(?<!法规)(?<!法律)规章")
_DOCUMENTS = re.compile(r"规范性文件|文件")
_STOCK = re.compile(r"现行有效")
REASON_CHARS = 80


@dataclass
class Anchor:
    """Where a finding about this report points: a span of the original file, and for Word
    and HTML the place in words."""

    span: Span
    location: str | None = None

    def to_json(self) -> list:
        span = self.span
        return [span.line, span.column, span.end_line, span.end_column] + ([self.location] if self.location else [])

    @classmethod
    def from_json(cls, data: list) -> Anchor:
        return cls(Span(*map(int, data[:4])), str(data[4]) if len(data) > 4 else None)


@dataclass
class StockRow:
    values: dict[str, str]
    """本年制发件数 / 本年废止件数 / 现行有效件数 by column key, as the report writes them."""
    anchor: Anchor
    """The 现行有效件数 cell."""
    reason: str | None = None
    """Why the stock does not follow from last year's, as the report says it (a note in
    the row's cells, or a sentence about cleaning up these documents)."""


@dataclass
class Fingerprint:
    carried_in: dict[str, str] = field(default_factory=dict)
    """Table 三 二、上年结转 by column."""
    carried_in_at: dict[str, Anchor] = field(default_factory=dict)
    carried_out: dict[str, str] = field(default_factory=dict)
    """Table 三 四、结转下年度继续办理 by column."""
    stock: dict[str, StockRow] = field(default_factory=dict)
    """Table 二 规章 and 行政规范性文件 (2021 format only: the 2019 table has no stock)."""
    sections: dict[str, tuple[Anchor, Signature]] = field(default_factory=dict)
    """Each section's heading and text signature (sections too short to compare left out)."""

    def to_json(self) -> dict:
        data: dict = {}
        if self.carried_in:
            data["in"] = {k: [v, self.carried_in_at[k].to_json()] for k, v in self.carried_in.items()}
        if self.carried_out:
            data["out"] = dict(self.carried_out)
        if self.stock:
            data["stock"] = {k: {"v": [row.values.get(c, "") for c in STOCK_COLUMNS], "at": row.anchor.to_json(),
                                 **({"why": row.reason} if row.reason else {})} for k, row in self.stock.items()}
        if self.sections:
            limit = next(iter(self.sections.values()))[1].limit
            data["text"] = {"limit": limit, **{k: [sig.size, sig.encode(), anchor.to_json()] for k, (anchor, sig) in self.sections.items()}}
        return data

    @classmethod
    def from_json(cls, data: dict) -> Fingerprint:
        """The fingerprint of a cached result; ValueError for a damaged entry."""
        found = cls._from_json(data)
        values = [*found.carried_in.values(), *found.carried_out.values(), *(v for r in found.stock.values() for v in r.values.values())]
        try:
            if not all(Decimal(value).is_finite() for value in values):
                raise InvalidOperation
        except InvalidOperation:
            raise ValueError("not a number in a cached fingerprint") from None
        return found

    def pack(self) -> bytes:
        """``to_json`` as compact JSON, compressed: the form a batch run keeps of every
        report until pairing (about 1 KiB)."""
        return zlib.compress(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)

    @classmethod
    def unpack(cls, packed: bytes) -> Fingerprint:
        """The fingerprint ``pack`` made (checked when it was made or read from the cache)."""
        return cls._from_json(unpacked_json(packed))

    @classmethod
    def _from_json(cls, data: dict) -> Fingerprint:
        found = cls()
        for key, (value, at) in data.get("in", {}).items():
            found.carried_in[key] = str(value)
            found.carried_in_at[key] = Anchor.from_json(at)
        found.carried_out = {str(k): str(v) for k, v in data.get("out", {}).items()}
        for key, row in data.get("stock", {}).items():
            values = {c: str(v) for c, v in zip(STOCK_COLUMNS, row["v"]) if v != ""}
            found.stock[key] = StockRow(values, Anchor.from_json(row["at"]), row.get("why"))
        found.sections = _sections(data)
        return found

    @staticmethod
    def unpack_sections(packed: bytes) -> dict[str, tuple[Anchor, Signature]]:
        """The ``sections`` of a packed fingerprint alone (what GL704 compares across a run)."""
        return _sections(unpacked_json(packed))

    def placed(self, place) -> Fingerprint:
        """The fingerprint with every anchor passed through ``place(span) -> (span, where)``
        (Word and HTML: from the synthesized text back to the document)."""

        def moved(anchor: Anchor) -> Anchor:
            span, where = place(anchor.span)
            return Anchor(span, where or None)

        return Fingerprint(dict(self.carried_in), {k: moved(a) for k, a in self.carried_in_at.items()}, dict(self.carried_out),
                           {k: StockRow(r.values, moved(r.anchor), r.reason) for k, r in self.stock.items()},
                           {k: (moved(a), sig) for k, (a, sig) in self.sections.items()})


def _sections(data: dict) -> dict[str, tuple[Anchor, Signature]]:
    text = dict(data.get("text", {}))
    limit = int(text.pop("limit", 0))
    return {key: (Anchor.from_json(at), Signature.decode(size, sketch, limit)) for key, (size, sketch, at) in text.items()}


UNPACKED_MAX = 1 << 20
"""Bytes a packed fingerprint may expand to (real ones: a few KiB): one read from a cache
entry is data from a writable place, and must not expand without bound."""


def unpacked_json(packed: bytes) -> dict:
    """``Fingerprint.to_json`` of a packed fingerprint; ValueError (or zlib.error) when it is
    not one."""
    inflater = zlib.decompressobj()
    text = inflater.decompress(packed, UNPACKED_MAX)
    if inflater.unconsumed_tail:
        raise ValueError("a packed fingerprint expands beyond its limit")
    return json.loads(text)


def _row_values(table, row_id: str, columns) -> dict[str, tuple[str, object]]:
    """(value as written, cell) of each cell of a placed row that holds a number, by column."""
    row = table.rows.get(row_id) if table else None
    if row is None or not row.placed:
        return {}
    cells = ((c, row.cell(c)) for c in columns)
    return {c: (str(cell.value), cell) for c, cell in cells if cell is not None and cell.value is not None and cell.value.is_finite()}


def stock_reasons(report) -> dict[str, str]:
    """Per stock row, the first clause of the report that speaks of cleaning up, repealing
    or revising those documents (``对行政规范性文件进行了集中清理``; ``现行有效件数根据清理结果
    进行了调整`` for both rows). A clause about something else — 修订…指南, 新修订的《条例》,
    法规规章的修订 by others — is no reason."""
    reasons: dict[str, str] = {}
    for paragraph in report.paragraphs():
        if not _CLEANUP.search(paragraph.text):
            continue
        for match in _CLAUSE.finditer(paragraph.text):
            clause = match.group().strip()
            bare = _BOOK_TITLE.sub("", clause)
            if not _CLEANUP.search(bare):
                continue
            rows = []
            if _REGULATION.search(bare) or _STOCK.search(bare):
                rows.append("regulation")
            if _DOCUMENTS.search(bare) or _STOCK.search(bare):
                rows.append("normative")
            for row in rows:
                reasons.setdefault(row, clause[:REASON_CHARS])
    return reasons


def fingerprint_of(report) -> Fingerprint:
    found = Fingerprint()
    t3 = report.tables.get("t3")
    if t3 is not None:
        columns = t3.schema.rows[0].columns
        carried_in = _row_values(t3, "r2", columns)
        found.carried_in = {c: value for c, (value, _) in carried_in.items()}
        found.carried_in_at = {c: Anchor(cell.span) for c, (_, cell) in carried_in.items()}
        found.carried_out = {c: value for c, (value, _) in _row_values(t3, "r4", columns).items()}
    t2 = report.tables.get("t2")
    if t2 is not None and report.format.version != "2019":
        reasons = None
        for row_id in STOCK_ROWS:
            cells = _row_values(t2, row_id, STOCK_COLUMNS)
            if "in_force" not in cells:
                continue
            if reasons is None:
                reasons = stock_reasons(report)
            note = next((n for n in (getattr(cell, "note", None) for _, cell in cells.values()) if n), None)
            found.stock[row_id] = StockRow({c: value for c, (value, _) in cells.items()}, Anchor(cells["in_force"][1].span),
                                           (note[:REASON_CHARS] if note else None) or reasons.get(row_id))
    table_sections = {t.section for t in report.format.tables}
    texts, anchors = {}, {}
    for section in report.sections:
        if section.schema.id in texts:
            continue  # a duplicated section: the first one counts
        texts[section.schema.id] = masked([p.text for p in section.paragraphs], section.schema.id in table_sections)
        anchors[section.schema.id] = Anchor(section.span)
    found.sections = {k: (anchors[k], sig) for k, sig in signatures(texts).items()}
    return found
