"""Coverage: which agencies of a supervisor's roster have no report for the year, and which
reports belong to no listed agency ("哪些部门25年的报告没有上传").

A roster is a text file with one agency per line, or a CSV/XLSX table with a column
``单位`` (optionally ``层级``/``级别`` and ``地区``/``区域``). Agencies are matched by
``facts.agency_key`` (the normalised name), and a roster name that is the end of exactly one
report's agency (``财政局`` in a roster of one county, ``某某县财政局`` in the title) matches too.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from govlint.facts import agency_key
from govlint.yamlload import DataFileError

NAME_COLUMNS = ("单位", "单位名称")
LEVEL_COLUMNS = ("层级", "级别")
REGION_COLUMNS = ("地区", "区域")
MAX_ROSTER_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Agency:
    name: str
    level: str = ""
    region: str = ""
    line: int = 0

    @property
    def key(self) -> str:
        return agency_key(self.name)


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFileError(path, None, "无法识别单位名单的编码：请另存为 UTF-8 或 GB18030 编码")


def _from_table(rows: list[list[str]], path: Path) -> list[Agency]:
    if not rows:
        raise DataFileError(path, 1, "单位名单是空的：第一行应是表头（含“单位”列），其后每行一个单位")
    header = [str(cell or "").strip() for cell in rows[0]]

    def column(names) -> int | None:
        return next((header.index(n) for n in names if n in header), None)

    name_at = column(NAME_COLUMNS)
    if name_at is None:
        raise DataFileError(path, 1, f"单位名单没有“单位”列：请在第一行表头写明“单位”或“单位名称”（现有的列：{'、'.join(h for h in header if h) or '无'}）")
    level_at, region_at = column(LEVEL_COLUMNS), column(REGION_COLUMNS)

    def cell(row, index) -> str:
        return str(row[index]).strip() if index is not None and index < len(row) and row[index] is not None else ""

    return [Agency(cell(row, name_at), cell(row, level_at), cell(row, region_at), number)
            for number, row in enumerate(rows[1:], start=2) if cell(row, name_at)]


def load(path: Path) -> list[Agency]:
    """The roster's agencies in file order (exit 2 with file and reason when it cannot be read)."""
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise DataFileError(path, None, "单位名单超过 20 MB：请只保留需要核对的单位")
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(path, None, f"无法读取单位名单：{exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        except Exception as exc:  # a corrupt workbook is a bad input file: exit 2, not a traceback
            raise DataFileError(path, None, f"无法读取单位名单工作簿（{exc.__class__.__name__}）：请确认是 .xlsx 文件，可用 Excel 或 WPS 打开后另存为 .xlsx 再试") from None
        return _from_table(rows, path)
    text = _decode(data, path)
    if suffix == ".csv":
        return _from_table(list(csv.reader(io.StringIO(text))), path)
    agencies = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.strip()
        if name and not name.startswith("#"):
            agencies.append(Agency(name, line=number))
    return agencies


@dataclass
class Coverage:
    year: int | None
    year_inferred: bool
    present: list[tuple[Agency, list[str]]] = field(default_factory=list)
    """Listed agencies with a report for the year, and its files."""
    missing: list[Agency] = field(default_factory=list)
    unlisted: list[tuple[str, str, int | None]] = field(default_factory=list)
    """(file, agency, year) of reports for the year that match no listed agency."""
    other_years: list[tuple[str, str, int | None]] = field(default_factory=list)
    """(file, agency, year) of reports for another year (or none)."""

    def to_json(self) -> dict:
        def agency(a: Agency) -> dict:
            return {"agency": a.name, "level": a.level, "region": a.region}

        return {"year": self.year, "year_inferred": self.year_inferred,
                "present": [{**agency(a), "files": files} for a, files in self.present],
                "missing": [agency(a) for a in self.missing],
                "unlisted": [{"file": f, "agency": name, "year": y} for f, name, y in self.unlisted],
                "other_years": [{"file": f, "agency": name, "year": y} for f, name, y in self.other_years]}


def report_year(reports: list[tuple[str, str, int | None]], year: int | None) -> tuple[int | None, bool]:
    """The year coverage is about: the one asked for, else the most frequent report year."""
    if year is not None:
        return year, False
    counts = Counter(y for _, _, y in reports if y)
    return (counts.most_common(1)[0][0], True) if counts else (None, True)


def coverage(roster: list[Agency], reports: list[tuple[str, str, int | None]], year: int | None) -> Coverage:
    """Match ``reports`` — (file, agency, year), one per distinct report — against the roster."""
    year, inferred = report_year(reports, year)
    result = Coverage(year, inferred)
    of_year = []
    for item in reports:
        (of_year if item[2] == year else result.other_years).append(item)
    by_key: dict[str, list[int]] = {}
    for index, (_, name, _) in enumerate(of_year):
        by_key.setdefault(agency_key(name), []).append(index)
    claimed: set[int] = set()
    for agency in roster:
        key = agency.key
        matched = by_key.get(key, []) if key else []
        if not matched and key:
            ends = [k for k in by_key if k and k != key and k.endswith(key)]
            if len(ends) == 1:
                matched = by_key[ends[0]]
        if matched:
            claimed.update(matched)
            result.present.append((agency, [of_year[i][0] for i in matched]))
        else:
            result.missing.append(agency)
    result.unlisted = [item for index, item in enumerate(of_year) if index not in claimed]
    return result
