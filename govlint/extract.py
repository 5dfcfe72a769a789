"""Every table cell of a report as one row of data (long format), for researchers who study
thousands of reports without re-reading them, and for the 表格数据 sheet of the summary.

A cell is named the way a person names it: by its table, row and column labels in Chinese
(``表三“（七）总计”行“自然人”列``). Row and column keys are the stable ids of
``grammar/formats/<version>.yaml`` (documented in the README).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from govlint.locations import label_cell
from govlint.parse import BLANK_MARKS
from govlint.sources import MappedSource

COLUMNS = ("file", "agency", "year", "format_version", "table", "row_key", "row_label", "column_key", "column_label",
           "value", "blank_mark", "note", "raw", "line", "location")
"""The columns of the long format, in order (machine keys: English, as every machine format)."""

HEADERS_ZH = ("文件", "单位", "年度", "格式版本", "表格", "行键", "行标签", "列键", "列标签", "数值", "空白标记", "备注", "原文", "行号", "位置")
"""The same columns as a person reads them (XLSX, CSV headers stay English for programs)."""


def number(value: Decimal | None) -> int | float | None:
    """A cell's value as a JSON/Excel number: integral values as integers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class _Placer:
    """Original line and location of a span: for Word and HTML back through the source's map."""

    def __init__(self, source):
        self.mapped = source if isinstance(source, MappedSource) else None
        self.lines = source.lines if self.mapped else None

    def place(self, span, cell: str | None = None) -> tuple[int, int, str]:
        if self.mapped is None:
            return span.line, span.column, ""
        placed, where = self.mapped.place(span, self.lines, cell)
        return placed.line, placed.column, where


def joined(where: str, name: str) -> str:
    """A place in the document (``第 3 个表格``) and the name of what is there, once: a
    document's place of a table cell already ends with the cell's name."""
    if not where or name in where:
        return where or name
    return f"{where}，{name}" if name else where


def _rows(table):
    """(row key, row) for the table's rows in document order; rows the format does not
    have (or a second copy of a row) have no key."""
    for key, row in table.rows.items():
        yield key, row
    for row in table.unknown_rows:
        yield "", row


def table_cells(report, source, facts=None):
    """Every value cell of the report's tables as a tuple in ``COLUMNS`` order."""
    if source is None:
        return
    placer = _Placer(source)
    agency = facts.agency if facts else (report.title.agency if report.title else "")
    year = facts.year if facts else report.year
    version = report.format.version
    for table in report.tables.values():
        schema = table.schema
        for row_key, row in _rows(table):
            standard_label = row.schema.label if row.schema is not None and row_key and row.schema is not schema.unlabeled_row else ""
            printed = report.quote(row.label.span, row.label.text) if row.label is not None else ""
            keys = row.schema.columns if row.placed and row.schema is not None and row_key else ()
            for index, cell in enumerate(row.values):
                column_key = keys[index] if index < len(keys) else ""
                column_label = schema.columns.get(column_key, "") if column_key else ""
                name = label_cell(schema.name, standard_label or printed or None, column_label or (f"第 {index + 1} 个数值" if not column_key else None))
                line, _, where = placer.place(cell.span, name)
                text = report.quote(cell.span, cell.text)
                yield (report.path, agency, year, version, schema.name, row_key, printed, column_key, column_label,
                       number(cell.value), cell.text if cell.text in BLANK_MARKS else "", getattr(cell, "note", None) or "",
                       text, line, joined(where, name))


class Places:
    """Where things are in one report, for naming where a finding is: the cell, row label or
    table that starts at a position of the original file, else the table whose lines hold
    it, else the section."""

    def __init__(self, report, source):
        self.exact: dict[tuple[int, int], str] = {}
        self.tables: list[tuple[int, int, str]] = []
        self.sections: list[tuple[int, str]] = []
        if source is None:
            return
        placer = _Placer(source)
        for section in report.sections:
            self.sections.append((placer.place(section.span)[0], f"第{section.schema.numeral}部分“{section.schema.heading}”"))
        for table in report.tables.values():
            schema = table.schema
            first, column, _ = placer.place(table.span)
            last = first
            self.exact.setdefault((first, column), schema.name)
            for row_key, row in _rows(table):
                label = row.schema.label if row.schema is not None and row_key and row.schema is not schema.unlabeled_row else \
                    (row.label.text if row.label is not None else None)
                if row.label is not None:
                    line, column, _ = placer.place(row.label.span)
                    self.exact[(line, column)] = label_cell(schema.name, label)
                    last = max(last, line)
                keys = row.schema.columns if row.placed and row.schema is not None and row_key else ()
                for index, cell in enumerate(row.values):
                    if cell.empty:
                        continue
                    column_key = keys[index] if index < len(keys) else ""
                    line, column, _ = placer.place(cell.span)
                    last = max(last, line)
                    self.exact[(line, column)] = label_cell(schema.name, label, schema.columns.get(column_key) if column_key else f"第 {index + 1} 个数值")
            self.tables.append((first, last, schema.name))

    def name(self, line: int, column: int) -> str:
        """The name of what is at (line, column) of the original file, or "" (a whole-file finding)."""
        found = self.exact.get((line, column))
        if found:
            return found
        for first, last, name in self.tables:
            if first <= line <= last:
                return name
        section = ""
        for start, name in self.sections:
            if start <= line:
                section = name
        return section if line > 1 else ""


# --------------------------------------------------------------------------- writers

class CsvWriter:
    """CSV with a UTF-8 byte-order mark, so Excel and WPS open the Chinese text correctly."""

    def __init__(self, path: Path):
        import csv

        self.handle = open(path, "w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.handle)
        self.writer.writerow(COLUMNS)

    def write(self, rows) -> None:
        self.writer.writerows(("" if v is None else v for v in row) for row in rows)

    def close(self) -> None:
        self.handle.close()


class JsonLinesWriter:
    def __init__(self, path: Path):
        self.handle = open(path, "w", encoding="utf-8")

    def write(self, rows) -> None:
        import json

        for row in rows:
            self.handle.write(json.dumps(dict(zip(COLUMNS, row)), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.handle.close()


class XlsxWriter:
    """One sheet 表格数据, rows streamed to disk (XlsxWriter's constant-memory mode)."""

    def __init__(self, path: Path):
        self.book = workbook(path)
        self.sheet = table_sheet(self.book)

    def write(self, rows) -> None:
        self.sheet.add_rows(rows)

    def close(self) -> None:
        self.sheet.finish()
        self.book.close()


def workbook(path: Path):
    """An XlsxWriter workbook that streams rows to disk and never reinterprets text."""
    import xlsxwriter

    return xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False, "strings_to_urls": False,
                                           "strings_to_formulas": False})


class Sheet:
    """A worksheet written row by row: header row frozen, filter on, numbers as numeric cells.
    Rows beyond Excel's limit continue on a sheet of the same name numbered 2, 3, …"""

    MAX_ROWS = 1_048_576

    def __init__(self, book, name: str, headers, widths):
        self.book, self.name, self.headers, self.widths = book, name, list(headers), list(widths)
        self.header_format = book.add_format({"bold": True, "bg_color": "#E8EEF5"})
        self.parts = 0
        self._start()

    def _start(self) -> None:
        self.parts += 1
        self.sheet = self.book.add_worksheet(self.name if self.parts == 1 else f"{self.name}{self.parts}")
        self.sheet.write_row(0, 0, self.headers, self.header_format)
        self.sheet.freeze_panes(1, 0)
        for index, width in enumerate(self.widths):
            self.sheet.set_column(index, index, width)
        self.row = 1

    def add_rows(self, rows) -> None:
        for values in rows:
            if self.row >= self.MAX_ROWS:
                self.finish()
                self._start()
            sheet, row = self.sheet, self.row
            for column, value in enumerate(values):
                if value is None or value == "":
                    continue
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(row, column, value)
                else:
                    sheet.write_string(row, column, str(value))
            self.row += 1

    def add(self, values) -> None:
        self.add_rows((values,))

    def finish(self) -> None:
        self.sheet.autofilter(0, 0, max(self.row - 1, 0), len(self.headers) - 1)


def table_sheet(book) -> Sheet:
    """The 表格数据 sheet (shared by ``extract`` and the summary workbook)."""
    return Sheet(book, "表格数据", HEADERS_ZH, (28, 20, 6, 8, 6, 8, 28, 6, 22, 8, 6, 16, 10, 6, 36))


class ParquetWriter:
    """Apache Parquet through pyarrow (the ``parquet`` extra), written in batches."""

    BATCH = 50_000

    def __init__(self, path: Path):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        types = {"year": pa.int32(), "value": pa.float64(), "line": pa.int32()}
        self.schema = pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.pending: list[tuple] = []

    def write(self, rows) -> None:
        self.pending.extend(rows)
        if len(self.pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        columns = list(zip(*self.pending))
        arrays = []
        for index, name in enumerate(COLUMNS):
            values = columns[index]
            if name == "value":
                values = [None if v is None else float(v) for v in values]
            arrays.append(self.pa.array(values, type=self.schema.field(name).type))
        self.writer.write_table(self.pa.Table.from_arrays(arrays, schema=self.schema))
        self.pending = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


WRITERS = {"csv": CsvWriter, "jsonl": JsonLinesWriter, "xlsx": XlsxWriter, "parquet": ParquetWriter}
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".xlsx": "xlsx", ".parquet": "parquet"}
