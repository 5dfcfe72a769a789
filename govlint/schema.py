"""The report format as data: sections and tables with their standard labels.

Loaded from ``grammar/formats/<version>.yaml``; the model stage uses it to recognise
sections and table rows by their labels, never by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from govlint.memo import SHORT_TEXT, memoised
from govlint.resources import data_dir
from govlint.yamlload import DataFileError, line_of, load_plain

_CANON_DROP = re.compile(r"[\s“”\"‘’'「」『』]")
_CANON_MAP = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "；": ";", "、": ",", "．": ".", "〔": "[", "〕": "]", "【": "[", "】": "]", "·": ""})
_NUMBERED = re.compile(r"^(\d+)[,.]")


@memoised(maxsize=8192, longest=SHORT_TEXT)
def canonical(label: str) -> str:
    """A label reduced to what matters for matching: no spaces or quotes, ASCII
    brackets and commas, ``1、`` and ``1.`` alike. Memoised: the same labels come in
    every report."""
    text = _CANON_DROP.sub("", label).translate(_CANON_MAP)
    return _NUMBERED.sub(r"\1.", text)


@dataclass(frozen=True)
class SectionSchema:
    """One of the six sections: its numeral, standard heading and accepted variants."""

    id: str
    numeral: str
    heading: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowSchema:
    """A standard row of a table: its label and the columns it has values in."""

    id: str
    label: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """One of the three tables: its rows, columns and labels, as a format version lays them out."""

    id: str
    name: str
    title: str
    section: str
    columns: dict[str, str]  # column id -> label
    amount_columns: frozenset[str]
    signed_columns: frozenset[str]
    units: tuple[str, ...]
    """Units a value may carry after its number (the 2019 table 二); other tables have none."""
    rows: tuple[RowSchema, ...]
    unlabeled_row: RowSchema | None
    furniture: tuple[str, ...]
    other_version: str | None
    other_version_labels: tuple[str, ...]
    other_version_valued_labels: tuple[str, ...]
    row_by_id: dict[str, RowSchema] = field(init=False, compare=False, hash=False, default_factory=dict)

    def __post_init__(self):
        self.row_by_id.update({row.id: row for row in self.all_rows})

    @property
    def all_rows(self) -> tuple[RowSchema, ...]:
        return self.rows + ((self.unlabeled_row,) if self.unlabeled_row else ())


@dataclass(frozen=True)
class FormatSchema:
    """A format version (2021 or 2019): its sections and tables."""

    version: str
    name: str
    first_year: int
    sections: tuple[SectionSchema, ...]
    tables: tuple[TableSchema, ...]

    def section(self, section_id: str) -> SectionSchema:
        return next(s for s in self.sections if s.id == section_id)

    def table(self, table_id: str) -> TableSchema:
        return next(t for t in self.tables if t.id == table_id)


def _require(node, key, path: Path, kind=str):
    if not hasattr(node, "get") or key not in node:
        raise DataFileError(path, line_of(node), f"缺少“{key}”")
    value = node[key]
    if not isinstance(value, kind):
        raise DataFileError(path, line_of(node, key), f"“{key}”应是 {kind.__name__}")
    return value


def _row(node, default_columns, path: Path) -> RowSchema:
    columns = node.get("columns", default_columns)
    if not columns:
        raise DataFileError(path, line_of(node), f"行 {node.get('id')} 没有列（columns）")
    return RowSchema(_require(node, "id", path), _require(node, "label", path), tuple(columns))


FORMAT_YEARS = (("2019", 2019, 2020), ("2021", 2021, 9999))
"""Which format version applies to reports of which years (国办公开办函〔2019〕60号, 〔2021〕30号)."""


def format_for_year(year: int | None) -> str | None:
    for version, first, last in FORMAT_YEARS:
        if year is not None and first <= year <= last:
            return version
    return None


@lru_cache(maxsize=None)
def load_format(version: str = "2021") -> FormatSchema:
    path = data_dir("grammar") / "formats" / f"{version}.yaml"
    data = load_plain(path)
    sections = tuple(
        SectionSchema(_require(s, "id", path), _require(s, "numeral", path), _require(s, "heading", path), tuple(s.get("variants", ())))
        for s in _require(data, "sections", path, list)
    )
    tables = []
    for t in _require(data, "tables", path, list):
        columns = _require(t, "columns", path, dict)
        row_columns = tuple(t.get("row_columns", ()))
        other = t.get("other_version") or {}
        unlabeled = t.get("unlabeled_row")
        tables.append(
            TableSchema(
                id=_require(t, "id", path),
                name=_require(t, "name", path),
                title=_require(t, "title", path),
                section=_require(t, "section", path),
                columns={key: _require(value, "label", path) for key, value in columns.items()},
                amount_columns=frozenset(key for key, value in columns.items() if value.get("type") == "amount"),
                signed_columns=frozenset(key for key, value in columns.items() if value.get("type") == "signed"),
                units=tuple(t.get("units", ())),
                rows=tuple(_row(r, row_columns, path) for r in t.get("rows", ())),
                unlabeled_row=_row(unlabeled, row_columns, path) if unlabeled else None,
                furniture=tuple(t.get("furniture", ())),
                other_version=other.get("format"),
                other_version_labels=tuple(other.get("labels", ())),
                other_version_valued_labels=tuple(other.get("valued_labels", ())),
            )
        )
    return FormatSchema(str(_require(data, "format", path)), _require(data, "name", path), int(data.get("first_year", 0)), sections, tuple(tables))
