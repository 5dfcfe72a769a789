"""Stage 4, model: from the parse tree to a typed report — title, sections, paragraphs and
tables whose every cell has a value and a position in the original file.

Sections are recognised by their headings (standard text, known variants, or a
near match in the expected place); table rows by their standard labels, whatever
the layout (pipe rows, tab rows, one cell per line, flattened ``cell |`` lines).
What cannot be placed is recorded on the model (unplaced rows, unknown labels,
label deviations), for the rules to report; nothing is guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from govlint._parser import Token, Tree
from govlint.memo import SHORT_TEXT, ByIdentity, memoised
from govlint.normalize import Event, Normalized
from govlint.parse import BLANK_MARKS, HEADING, NUMBER, VALUE_NOTE, looks_like_value, space_cells
from govlint.positions import Span
from govlint.schema import FormatSchema, RowSchema, SectionSchema, TableSchema, canonical


NEAR = 0.75
"""Similarity (difflib ratio of canonical labels) above which a label is a variant of a standard one."""
HEADING_NEAR = 0.6


@dataclass(slots=True)
class Cell:
    """A table cell: its text and where it is (0-based normalized line and columns; a label
    continued on later lines ends on ``end_line``). The original span is computed only
    when a finding needs it. Slotted: a report has a few hundred cells."""

    text: str
    line: int
    start: int
    end: int
    normalized: Normalized = field(repr=False, compare=False)
    end_line: int | None = None
    units: tuple[str, ...] = field(default=(), repr=False, compare=False)
    """Units its column may write after the number (the 2019 table 二: ``2笔``, ``18703元``);
    set while the model is built, before any value is read."""
    _number: object = field(default=None, init=False, repr=False, compare=False)
    """The value once read, as ``(value,)``: each cell's value is read by several rules."""

    @property
    def span(self) -> Span:
        return self.normalized.span(self.line, self.start, self.end, self.end_line)

    @property
    def empty(self) -> bool:
        return not self.text

    @property
    def blank(self) -> bool:
        """No usable count: empty, or a blank mark such as ``/`` or ``—``."""
        return not self.text or self.text in BLANK_MARKS

    @property
    def note(self) -> str | None:
        """The bracketed note after a number (``55（含自然失效29件）`` → ``含自然失效29件``)."""
        return _note_of(self.text)

    @property
    def value(self) -> Decimal | None:
        """The number in the cell; None when blank or not a number (``NaN``, ``1E5``,
        ``5件`` where the column has no unit, other scripts' digits)."""
        if self._number is None:
            self._number = (_value_of(self.text, self.units),)
        return self._number[0]


@memoised(maxsize=4096, longest=SHORT_TEXT)
def _note_of(text: str) -> str | None:
    """Memoised across cells and reports, like ``_value_of``: cell texts repeat."""
    match = VALUE_NOTE.match(text)
    return match.group("note").strip() if match else None


@memoised(maxsize=8192, longest=SHORT_TEXT)
def _value_of(text: str, units: tuple[str, ...]) -> Decimal | None:
    """A cell's number, computed once per distinct text: a report has a few hundred value
    cells and nearly all of them are ``0``, ``1`` or another small count seen before."""
    if not text or text in BLANK_MARKS:
        return None
    match = VALUE_NOTE.match(text)
    if match:
        text = match.group("number")
    unit = next((u for u in sorted(units, key=len, reverse=True) if text.endswith(u)), None)
    if unit:
        text = text[: -len(unit)].rstrip()
    if not NUMBER.match(text):
        return None
    try:
        value = Decimal(text.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value.adjusted() < 100 else None  # NaN, Infinity, 1e999999 are text


@dataclass
class Row:
    """A table row: its standard row (None when unknown), its label cell and value cells."""

    schema: RowSchema | None
    label: Cell | None
    values: list[Cell]
    placed: bool
    """True when exactly one value per column was found, so columns are known."""

    def cell(self, column: str) -> Cell | None:
        if not self.placed or self.schema is None or column not in self.schema.columns:
            return None
        index = self.schema.columns.index(column)
        return self.values[index] if index < len(self.values) else None

    @property
    def anchor(self) -> Span:
        if self.label is not None:
            return self.label.span
        return self.values[0].span


@dataclass
class LabelDeviation:
    """A label that differs from the standard text it stands for."""

    cell: Cell
    standard: str


@dataclass
class Table:
    """A statistical table as found: its rows by id, and what could not be placed."""

    schema: TableSchema
    span: Span
    rows: dict[str, Row] = field(default_factory=dict)
    unknown_rows: list[Row] = field(default_factory=list)
    deviations: list[LabelDeviation] = field(default_factory=list)
    other_version_cells: list[Cell] = field(default_factory=list)
    header_columns: set[str] = field(default_factory=set)
    _values: dict[tuple[str, str], Decimal | None] | None = field(default=None, init=False, repr=False, compare=False)

    def cell(self, row: str, column: str) -> Cell | None:
        found = self.rows.get(row)
        return found.cell(column) if found else None

    def values(self) -> dict[tuple[str, str], Decimal | None]:
        """The value of every cell of a placed row by ``(row, column)``, built once per
        table: the sum identities look up each value several times."""
        if self._values is None:
            self._values = {(row_id, column): cell.value for row_id, row in self.rows.items() if row.placed and row.schema is not None
                            for column, cell in zip(row.schema.columns, row.values)}
        return self._values

    @property
    def unplaced_rows(self) -> list[Row]:
        return [row for row in self.rows.values() if not row.placed]


@dataclass
class Paragraph:
    """A line of prose: its text and where it starts in the normalized line."""

    text: str
    line: int  # 0-based normalized line
    span: Span
    start: int = 0  # 0-based column of the text in the normalized line


@dataclass
class Section:
    """One of the report's sections: its heading, how it was recognised, its text."""

    schema: SectionSchema
    numeral: str
    heading: str
    span: Span
    match: str  # exact | variant | near | position
    paragraphs: list[Paragraph] = field(default_factory=list)
    table_cells: list[list[tuple[Cell, bool]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Title:
    """The report's title, and the agency and year it names."""

    text: str
    span: Span
    agency: str
    year: int | None


@dataclass
class PeriodStatement:
    """A statistical period the text states."""

    span: Span
    start: date | None
    end: date | None
    text: str


@dataclass
class Report:
    """A report as the rules see it: title, sections, tables, with positions in the original file."""

    path: str
    format: FormatSchema
    normalized: Normalized
    events: list[Event]
    title: Title | None
    preamble: list[Paragraph]
    sections: list[Section]
    """Recognised sections in document order (duplicates included)."""
    tables: dict[str, Table]
    periods: list[PeriodStatement]
    other_sections: list[Section] = field(default_factory=list)
    """Top-level sections of the report's own scheme that are none of the six (a fee table
    as ``五、…收费…``): their text belongs to no required section."""
    published: date | None = None
    """When the report was published (a web page's date), if the source says."""

    @property
    def year(self) -> int | None:
        """The report year: from the title, else from a stated statistical period."""
        if self.title and self.title.year:
            return self.title.year
        for period in self.periods:
            if period.start:
                return period.start.year
        return None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.schema.id == section_id), None)

    def paragraphs(self, section_id: str | None = None) -> list[Paragraph]:
        """Paragraphs of one section, or of the whole report in document order (preamble
        and sections of the report's own scheme included)."""
        if section_id is not None:
            found = self.section(section_id)
            return found.paragraphs if found else []
        every = self.preamble + [p for s in (*self.sections, *self.other_sections) for p in s.paragraphs]
        return sorted(every, key=lambda p: (p.line, p.start)) if self.other_sections else every

    def quote(self, span: Span, fallback: str) -> str:
        """The text at ``span`` as the file has it (traditional script, full-width brackets),
        for messages; ``fallback`` when it spans lines or is not available."""
        original = self.normalized.original
        if span.line != span.end_line or not 0 < span.line <= len(original):
            return fallback
        return original[span.line - 1][span.column - 1: span.end_column - 1].strip() or fallback

    def locate(self, paragraph: Paragraph, start: int, end: int) -> Span:
        """Original span of ``paragraph.text[start:end]``."""
        return self.normalized.span(paragraph.line, start + paragraph.start, end + paragraph.start)

    @property
    def whole_file(self) -> Span:
        return Span.whole_file()

    @property
    def is_empty(self) -> bool:
        return not any(line.strip() for line in self.normalized.lines)


# --------------------------------------------------------------------------- sections

@memoised(maxsize=8192, longest=SHORT_TEXT)
def _similar(a: str, b: str) -> float:
    """difflib's ratio of two labels or headings (memoised: the same ones recur in every report)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    bound = matcher.real_quick_ratio()  # from the lengths alone: a 30,000-character line is no label, in linear time
    return matcher.ratio() if bound >= min(NEAR, HEADING_NEAR) else bound


def _heading_text(rest: str) -> str:
    return re.split(r"[：:。]", rest, maxsplit=1)[0].strip()


_CONJUNCTION = re.compile(r"[与和及,]")
_NUMERALS = "一二三四五六七八九十"


@memoised(maxsize=1024, longest=SHORT_TEXT)
def heading_key(text: str) -> str:
    """A heading reduced to its meaning (FORMAT.md decision 3): canonical, conjunctions
    (、与和及) alike, 的 and a trailing 情况 dropped."""
    key = _CONJUNCTION.sub(",", canonical(text)).replace("的", "")
    return key[:-2] if key.endswith("情况") else key


def _numeral_value(numeral: str) -> int:
    """一 … 十九 as a number (0 for anything else)."""
    if numeral.startswith("十"):
        return 10 + (_NUMERALS.index(numeral[1]) + 1 if len(numeral) > 1 and numeral[1] in _NUMERALS[:9] else 0)
    return _NUMERALS.index(numeral[0]) + 1 if len(numeral) == 1 and numeral in _NUMERALS else 0


def _match_text(numeral: str, text: str, schema: FormatSchema) -> tuple[SectionSchema, str] | None:
    """The section a heading names by its words: the standard text or a known variant
    (whatever its numeral: a renumbered section is still that section), or a near match
    under the section's own numeral (a misspelt heading)."""
    key = heading_key(text)
    for section in schema.sections:
        if key == heading_key(section.heading):
            return section, "exact"
        if any(key == heading_key(v) for v in section.variants):
            return section, "variant"
    best, score = None, 0.0
    for section in schema.sections:
        for candidate in (section.heading, *section.variants):
            ratio = _similar(key, heading_key(candidate))
            if ratio > score:
                best, score = section, ratio
    if best is not None and score >= HEADING_NEAR and best.numeral == numeral:
        return best, "near"
    return None


def _match_section(numeral: str, text: str, schema: FormatSchema, expected: int, report_like: bool,
                   named: frozenset[str], found: tuple[SectionSchema, str] | None) -> tuple[SectionSchema, str] | None:
    """Which section a ``X、heading`` line opens, if any, and how well it matches: ``found``
    by its words (``_match_text``), or by its numeral and place — only after a recognised
    section, or as the first one in a document whose other headings are the format's
    (``report_like``), and never for a section that another heading names by its words
    (``named``)."""
    if found is not None:
        return found
    if (0 < expected or report_like) and expected < len(schema.sections) and schema.sections[expected].numeral == numeral and len(text) <= 30 \
            and schema.sections[expected].id not in named and not _is_table_label(numeral, text, schema):
        return schema.sections[expected], "position"
    return None


def _is_table_label(numeral: str, text: str, schema: FormatSchema) -> bool:
    """``四、结转下年度继续办理`` that lost its table layout is a row label, not a heading."""
    key = canonical(f"{numeral}、{text}")
    return any(key == canonical(label) for table in schema.tables for label in (*(r.label for r in table.rows), *table.furniture))


# --------------------------------------------------------------------------- cells

def _split_cells(line: str, sep: str, line_no: int, normalized: Normalized, strip_outer: bool) -> list[Cell]:
    """Split a grid line into cells, each with its original span."""
    cells = []
    parts = line.split(sep)
    pos = 0
    for index, part in enumerate(parts):
        start = pos
        pos += len(part) + len(sep)
        if strip_outer and (index == 0 or index == len(parts) - 1) and not part.strip():
            continue
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        begin = start + lead
        cells.append(Cell(text, line_no, begin, begin + len(text), normalized))
    return cells


def _single_cell(token: Token, normalized: Normalized) -> Cell:
    line_no = token.line - 1
    raw = str(token)
    if token.type == "FLAT_CELL":
        raw = raw[: raw.rstrip().rfind("|")]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return Cell(text, line_no, lead, lead + len(text), normalized)


def _physical_rows(table: Tree, normalized: Normalized) -> list[tuple[list[Cell], bool]]:
    """The table's lines as rows of cells; ``True`` marks a grid row (pipes or tabs),
    whose cell positions are columns."""
    rows: list[tuple[list[Cell], bool]] = []
    stream: list[Cell] = []

    def flush():
        if stream:
            rows.append((list(stream), False))
            stream.clear()

    for token in table.children[0].rows:
        kind = token.type
        line_no = token.line - 1
        if kind == "PIPE_ROW":
            flush()
            rows.append((_split_cells(str(token), "|", line_no, normalized, strip_outer=True), True))
        elif kind == "TAB_ROW":
            flush()
            rows.append((_split_cells(str(token), "\t", line_no, normalized, strip_outer=False), True))
        elif kind == "SPACE_ROW":
            flush()
            text = str(token)
            rows.append(([Cell(text[a:b], line_no, a, b, normalized) for a, b in space_cells(text)], False))
        elif kind in ("TAB_CELL", "FLAT_CELL", "BARE_VALUE"):
            stream.append(_single_cell(token, normalized))
        elif kind in ("TAB_EMPTY", "PIPE_ONLY"):
            stream.append(Cell("", line_no, 0, 0, normalized))
        elif kind == "CONT" and stream:
            last = stream[-1]
            piece = str(token).strip()
            stream[-1] = Cell(last.text + piece, last.line, last.start, len(piece), normalized, line_no)
        elif kind == "ROWSEP":
            flush()
    flush()
    return rows


# --------------------------------------------------------------------------- tables

@dataclass
class _Vocabulary:
    """Every label a table may contain, canonicalised, with what it stands for."""

    rows: dict[str, RowSchema]
    columns: dict[str, str]
    furniture: set[str]
    other: set[str]
    other_valued: set[str]
    standard: dict[str, str]  # canonical -> standard text, for near matches
    known: dict[str, tuple[str, object, str | None]] = field(default_factory=dict)
    """Labels classified before, in this or an earlier report (bounded by ``_KNOWN_MAX`` and ``SHORT_TEXT``)."""

    @classmethod
    def of(cls, schema: TableSchema) -> "_Vocabulary":
        """The vocabulary of a table schema (built once: schemas are loaded once)."""
        return _VOCABULARIES.get((schema,), lambda: cls._build(schema))

    @classmethod
    def _build(cls, schema: TableSchema) -> "_Vocabulary":
        rows = {canonical(r.label): r for r in schema.rows}
        columns = {canonical(label.split("·")[-1]): key for key, label in schema.columns.items()}
        furniture = {canonical(f) for f in schema.furniture}
        standard = {canonical(r.label): r.label for r in schema.rows}
        standard.update({canonical(label): label for label in schema.columns.values() if "·" not in label})
        return cls(rows, columns, furniture, {canonical(x) for x in schema.other_version_labels},
                   {canonical(x) for x in schema.other_version_valued_labels}, standard)

    def classify(self, text: str) -> tuple[str, object, str | None]:
        """(kind, target, standard-if-near) for a label cell; kind is row, column,
        furniture, other, other_valued or unknown. Labels repeat from report to report, so
        each is classified once (a near match costs a string comparison per standard label)."""
        found = self.known.get(text)
        if found is None:
            found = self._classify(text)
            if len(text) <= SHORT_TEXT:
                if len(self.known) >= _KNOWN_MAX:
                    self.known.clear()
                self.known[text] = found
        return found

    def _classify(self, text: str) -> tuple[str, object, str | None]:
        key = canonical(text)
        if key in self.rows:
            return "row", self.rows[key], None
        if key in self.columns:
            return "column", self.columns[key], None
        if key in self.other_valued:  # before furniture: without values it is a group label
            return "other_valued", None, None
        if key in self.furniture:
            return "furniture", None, None
        if key in self.other:
            return "other", None, None
        for group in self.furniture:  # "（三）不予公开 1.属于国家秘密": a group label and the row's in one cell
            if len(key) > len(group) and key.startswith(group) and key[len(group):] in self.rows:
                return "row", self.rows[key[len(group):]], None
        best, score = None, 0.0
        for candidate in self.standard:
            if abs(len(candidate) - len(key)) > max(len(candidate), len(key)) // 2:
                continue
            ratio = _similar(key, candidate)
            if ratio > score:
                best, score = candidate, ratio
        if best is not None and score >= NEAR:
            if best in self.rows:
                return "row", self.rows[best], self.standard[best]
            return "column", self.columns[best], self.standard[best]
        shortened = [row for row in self.rows if row.startswith(key)] if len(key) >= _SHORT_LABEL_MIN else []
        if len(shortened) == 1:  # （二）部分公开 for （二）部分公开（区分处理的，…）: the row, its label deviates
            return "row", self.rows[shortened[0]], self.standard[shortened[0]]
        return "unknown", None, None


_KNOWN_MAX = 4096
_SHORT_LABEL_MIN = 5
"""A label this long that begins exactly one standard row label is that row, shortened."""

_VOCABULARIES = ByIdentity(maxsize=64)


_WORD = re.compile(r"\S+")
_SPACES = re.compile(r" +")
_LABEL_LINE_MAX = 200
_LABEL_LINE_WORDS = 20


def _fit(after: list[Cell], count: int, grid: bool, label: Cell) -> tuple[list[Cell], bool]:
    """Pick a row's values from the cells after its label when columns are not aligned.

    Numbers always count. In a grid row, empty cells right after the label are
    spanned label columns; in one-cell-per-line layouts they are blank values. A row
    with no value at all is a blank row (decision 12): every value blank, at the label's
    end where the layout gives no cell."""
    while after and after[-1].empty and len(after) > count:
        after = after[:-1]
    filled = [c for c in after if not c.empty]
    if not filled:
        missing = [Cell("", label.end_line if label.end_line is not None else label.line, label.end, label.end, label.normalized)
                   for _ in range(count - len(after))]
        return (after + missing)[-count:], True
    if len(filled) == count:
        return filled, True
    core = after
    if grid:
        while core and core[0].empty:
            core = core[1:]
    if len(core) >= count and all(c.empty for c in core[count:]):
        return core[:count], True  # trailing empty cells are blank values
    return filled, False


class _TableBuilder:
    def __init__(self, schema: TableSchema, span: Span):
        self.schema = schema
        self.vocab = _Vocabulary.of(schema)
        self.table = Table(schema, span)
        self.column_index: dict[str, int] = {}
        self.orphans: list[Cell] = []

    def _row_in_words(self, cell: Cell):
        """A label cell holding a group label and a row label separated by a space
        (``（四）无 1.本机关不掌握相关政府信息``, a table of single spaces): the row label's
        part of the cell and its classification, exact matches first; None if none."""
        starts = [m.end() for m in _SPACES.finditer(cell.text)]
        for exact in (True, False):
            for start in starts:
                found = self.vocab.classify(cell.text[start:])
                if found[0] == "row" and (found[2] is None) == exact:
                    part = Cell(cell.text[start:], cell.line, cell.start + start, cell.end, cell.normalized, cell.end_line)
                    return part, found
        return None

    def add_physical_row(self, cells: list[Cell], grid: bool) -> None:
        labels: list[tuple[int, str, object]] = []  # (index, kind, target)
        cells = list(cells)
        for index, cell in enumerate(cells):
            if cell.empty or looks_like_value(cell.text):
                continue  # "2件" or "NaN" is a (malformed) value, not a label
            kind, target, standard = self.vocab.classify(cell.text)
            if (kind == "unknown" or standard is not None) and " " in cell.text and cell.end_line is None:
                narrowed = self._row_in_words(cell)
                if narrowed is not None:
                    cell, (kind, target, standard) = narrowed
                    cells[index] = cell
            if standard is not None:
                self.table.deviations.append(LabelDeviation(cell, standard))
            if kind == "other":
                self.table.other_version_cells.append(cell)
            if kind == "column" and grid:
                self.column_index[target] = index
            if kind == "column":
                self.table.header_columns.add(target)
            labels.append((index, kind, target))

        starts = [(i, k, t) for i, k, t in labels if k in ("row", "other_valued", "unknown")]
        if not grid:
            self._stream(cells, labels)
            return
        if not starts:
            values = [c for c in cells if not c.empty] if not labels else []
            if values and self.schema.unlabeled_row:
                self.orphans.extend(cells if len(cells) == len(self.schema.unlabeled_row.columns) else values)
            return
        index, kind, target = starts[-1]
        known = [start for start in starts if start[1] != "unknown"]
        if kind == "unknown" and known:  # "| 规章 | 若干 | 0 | 0 |": text in a value cell of a known row
            index, kind, target = known[-1]
        label_cell = cells[index]
        label_kinds = {i: k for i, k, _ in labels}
        after = [c for i, c in enumerate(cells) if i > index and label_kinds.get(i, "unknown") == "unknown"]
        if kind in ("unknown", "other_valued") and not any(looks_like_value(c.text) for c in after):
            return  # a group or header label, or a fragment of one wrapped onto two rows
        self._add_row(kind, target, label_cell, after, grid=True, label_index=index, row_cells=cells)

    def _stream(self, cells: list[Cell], labels) -> None:
        label_at = {i: (k, t) for i, k, t in labels}
        current: tuple[str, object, Cell] | None = None
        after: list[Cell] = []
        for index, cell in enumerate(cells):
            if index in label_at:
                kind, target = label_at[index]
                if kind in ("row", "other_valued", "unknown"):
                    self._close(current, after)
                    current, after = (kind, target, cell), []
                elif current is not None and not any(not c.empty for c in after):
                    current = None  # a header or group label: the previous label held no values
                continue
            if current is None:
                if not cell.empty and self.schema.unlabeled_row:
                    self.orphans.append(cell)
                continue
            after.append(cell)
        self._close(current, after)

    def _close(self, current, after: list[Cell]) -> None:
        if current is None:
            return
        kind, target, cell = current
        if kind in ("unknown", "other_valued") and not any(not c.empty for c in after):
            return
        self._add_row(kind, target, cell, after, grid=False)

    def _add_row(self, kind, target, label: Cell, after: list[Cell], grid: bool, label_index: int = 0, row_cells=()) -> None:
        if kind == "other_valued":
            self.table.other_version_cells.append(label)
            return
        if kind == "unknown":
            self.table.unknown_rows.append(Row(None, label, [c for c in after if not c.empty], False))
            return
        schema: RowSchema = target
        count = len(schema.columns)
        values, placed = None, False
        if grid and all(col in self.column_index for col in schema.columns):
            indexes = [self.column_index[col] for col in schema.columns]
            if min(indexes) > label_index and max(indexes) < len(row_cells):
                outside = [c for i, c in enumerate(row_cells) if i > label_index and i not in indexes and not c.empty]
                if not outside:
                    values, placed = [row_cells[i] for i in indexes], True
        if values is None:
            values, placed = _fit(after, count, grid, label)
        if self.schema.units:
            for cell in values:
                cell.units = self.schema.units
        if schema.id in self.table.rows:
            self.table.unknown_rows.append(Row(schema, label, values, placed))
            return
        self.table.rows[schema.id] = Row(schema, label, values, placed)

    def finish(self) -> Table:
        unlabeled = self.schema.unlabeled_row
        if unlabeled and self.orphans:
            cells = self.orphans
            if len(cells) != len(unlabeled.columns):
                cells = [c for c in cells if not c.empty]
            self.table.rows[unlabeled.id] = Row(unlabeled, None, cells, len(cells) == len(unlabeled.columns))
        return self.table


# --------------------------------------------------------------------------- title, period

_TITLE_YEAR = re.compile(r"([0-9]{4})\s{0,3}年度?")
_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_CHINESE_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=\s*年)")
_PERIOD = re.compile(
    r"(?:统计|数据|报告)[^。；;\n]{0,24}?([0-9]{4})\s{0,3}年\s{0,3}([0-9]{1,2})\s{0,3}月\s{0,3}([0-9]{1,2})\s{0,3}日[^。；;0-9]{0,6}?"
    r"(?:至|到|—|-|~|－)\s{0,3}(?:([0-9]{4})\s{0,3}年\s{0,3})?([0-9]{1,2})\s{0,3}月\s{0,3}([0-9]{1,2})\s{0,3}日"
)
"""A stated statistical period (FORMAT.md, "Recognising statements in prose"): a date range
after 统计 (期限, 时限, 周期, 期, 时间), or after the report or its data (``本报告…涵盖…``)."""
_PERIOD_DOTTED = re.compile(
    r"(?:统计|数据|报告)[^。；;\n]{0,24}?([0-9]{4})[.．/]([0-9]{1,2})[.．/]([0-9]{1,2})日?\s{0,3}(?:至|到|—|-|~|－)\s{0,3}"
    r"(?:([0-9]{4})[.．/])?([0-9]{1,2})[.．/]([0-9]{1,2})(?![0-9])"
)
"""The same with dates written ``2024.1.1—2024.12.31``."""


def _date(year, month, day) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


_TITLE_WORD = re.compile(r"报告|年报")
_TITLE_SCAN = 6
"""How many paragraphs before section 一 may hold the title (web pages put a line or two above it)."""
_TITLE_FRAGMENT_MAX = 40
_NOT_TITLE = re.compile(r"[。，；;：:！？!?]|^(根据|按照|依据|本报告|现将|现公布)")
_TITLE_TAIL = re.compile(r"政府信息公开|信息公开|政务公开|年度报告|工作报告|年报|报告")
_COVER_LETTER = re.compile(r"关于(?:报送|印发|公布|上报|呈报|发布|提交)?")
_YEAR_GAP = re.compile(r"(?<=[0-9])\s{1,3}(?=[0-9年])")


def _title_like(paragraph: Paragraph) -> bool:
    """A short line with no sentence punctuation: a title or a piece of one."""
    return len(paragraph.text) <= _TITLE_FRAGMENT_MAX + 20 and not _NOT_TITLE.search(paragraph.text)


def read_title(text: str) -> tuple[str, int | None]:
    """(agency, year) of a title in any of its families (FORMAT.md, "Recognising statements
    in prose"): agency before or after the year, the year after 公开, 年 or 年度, with or
    without 工作, a cover letter ``…关于报送…年度报告的函``."""
    compact = _CHINESE_YEAR.sub(lambda m: m.group().translate(_CHINESE_DIGITS), _YEAR_GAP.sub("", text.strip()))
    match = _TITLE_YEAR.search(compact)
    year = int(match.group(1)) if match else None
    before, after = (compact[:match.start()], compact[match.end():]) if match else (compact, "")
    before = _COVER_LETTER.split(before, maxsplit=1)[0]
    agency = _before_tail(before)
    if not agency.strip() and after:  # 2019年上海市人民政府办公厅政府信息公开工作年度报告
        agency = _before_tail(after)
    return agency.strip(" \t-—_·|《》“”\"'"), year


_NAVIGATION = re.compile(r"[>›»/|]|首页|当前位置|发布时间|来源|索引号|浏览")


def _joins_title(above: Paragraph, below: Paragraph, text: str) -> bool:
    """Whether ``above`` is the first piece of a title whose rest (``text``) starts on
    ``below``: the next line, short, no sentence punctuation, no 报告, not a navigation
    line, and holding no year unless the rest lacks one (a title broken after the year)."""
    return (below.line - above.line == 1 and _title_like(above) and len(above.text) <= _TITLE_FRAGMENT_MAX
            and not _TITLE_WORD.search(above.text) and not _NAVIGATION.search(above.text)
            and (read_title(above.text)[1] is None or read_title(text)[1] is None))


def _before_tail(text: str) -> str:
    """The part of a title before its report words; ``某县人民政府信息公开…`` shares 政府."""
    tail = _TITLE_TAIL.search(text)
    if tail is None:
        return text
    agency = text[:tail.start()]
    return agency + "政府" if agency.endswith("人民") and tail.group().startswith("政府") else agency


def _year_below(title: Paragraph, below: Paragraph) -> bool:
    """The line under a title that gives its year alone (``（2024年度）``)."""
    return below.line - title.line == 1 and len(below.text) <= 16 and _TITLE_YEAR.search(below.text) is not None \
        and not _NOT_TITLE.search(below.text) and not read_title(below.text)[0].strip("()（）")


def _find_title(preamble: list[Paragraph]) -> tuple[Title | None, list[Paragraph]]:
    """The title among the first paragraphs: a line holding 报告 or 年报, with the one or
    two lines above it when the title is broken over lines (the agency alone on the line
    above, or a break anywhere). Of several candidates, the first naming both an agency
    and a year wins."""
    head = preamble[:_TITLE_SCAN]
    best = None
    for end, paragraph in enumerate(head):
        if not _title_like(paragraph) or not _TITLE_WORD.search(paragraph.text.replace(" ", "")):
            continue
        start, text = end, paragraph.text
        while start > 0 and end - start < 2 and _joins_title(head[start - 1], head[start], text):
            start -= 1
            text = head[start].text + text
        last = end
        if read_title(text)[1] is None and end + 1 < len(head) and _year_below(head[end], head[end + 1]):
            last = end + 1  # 政府信息公开工作年度报告 / （2024年度）
            text += head[last].text
        agency, year = read_title(text)
        score = bool(agency) + bool(year)
        if best is None or score > best[0]:
            best = (score, start, last, text, agency, year)
    if best is None:
        return None, preamble
    _, start, end, text, agency, year = best
    span = head[start].span.to(head[end].span)
    return Title(text, span, agency, year), preamble[:start] + preamble[end + 1:]


def _find_periods(report_paragraphs: list[Paragraph], locate) -> list[PeriodStatement]:
    periods = []
    for paragraph in report_paragraphs:
        for match in (*_PERIOD.finditer(paragraph.text), *_PERIOD_DOTTED.finditer(paragraph.text)):
            y1, m1, d1, y2, m2, d2 = match.groups()
            start = match.start() + max(match.group().find("统计"), 0)  # the statement starts at 统计 when it has it
            periods.append(PeriodStatement(locate(paragraph, start, match.end()), _date(y1, m1, d1), _date(y2 or y1, m2, d2),
                                           paragraph.text[start:match.end()]))
    return periods


# --------------------------------------------------------------------------- build

def build(path: str, tree: Tree, normalized: Normalized, schema: FormatSchema, events: list[Event]) -> Report:
    """Build the typed report from the parse tree."""
    preamble: list[Paragraph] = []
    sections: list[Section] = []
    current: Section | None = None

    def paragraph(token: Token) -> Paragraph:
        line_no = token.line - 1
        raw = str(token)
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        return Paragraph(text, line_no, normalized.span(line_no, lead, lead + len(text)), lead)

    table_sections = {t.section for t in schema.tables}
    vocabularies = {t.section: _Vocabulary.of(t) for t in schema.tables}
    glue: list = [None]
    """The loose label last added (section, its row of cells), to glue to the values that follow."""

    def loose_label(token: Token, section: Section | None) -> bool:
        """A row label that lost its leading tab in a one-cell-per-line table (a bare
        ``一、本年新收…`` line): a cell of the table, glued to the values that follow."""
        vocabulary = vocabularies.get(section.schema.id) if section is not None else None
        if vocabulary is None or canonical(str(token).strip()) not in vocabulary.rows:
            return False
        row = ([_single_cell(token, normalized)], False)
        section.table_cells.append(row)
        glue[0] = (section, row)
        return True

    def label_line(token: Token, section: Section | None) -> bool:
        """A header line of a table whose cells are separated by spaces (``自然人 法人或其他组织
        总计``), or a lone header or group label (``第二十条第（一）项``): every word a label
        of the section's table. Its cells join the table."""
        text = str(token)
        vocabulary = vocabularies.get(section.schema.id) if section is not None else None
        if vocabulary is None or len(text) > _LABEL_LINE_MAX:
            return False
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        if not 1 <= len(words) <= _LABEL_LINE_WORDS:
            return False
        kinds = [vocabulary.classify(text[a:b])[0] for a, b in words]
        if "unknown" in kinds or (len(words) == 1 and kinds[0] not in ("column", "furniture", "other")):
            return False  # a lone row label is loose_label's
        line_no = token.line - 1
        section.table_cells.append(([Cell(text[a:b], line_no, a, b, normalized) for a, b in words], False))
        return True

    def add_blocks(blocks, section: Section | None):
        for block in blocks:
            if block.data == "paragraph":
                if not loose_label(block.children[0], section) and not label_line(block.children[0], section):
                    (section.paragraphs if section else preamble).append(paragraph(block.children[0]))
            elif section is not None and section.schema.id in table_sections:
                rows = _physical_rows(block, normalized)
                if rows and not rows[0][1] and glue[0] is not None and glue[0][0] is section and section.table_cells[-1] is glue[0][1]:
                    label, _ = section.table_cells.pop()  # the label is still the section's last row: no other section or row came between
                    rows[0] = (label + rows[0][0], False)
                glue[0] = None
                section.table_cells.extend(rows)
            else:  # table-like lines outside a table section (tab-indented prose): text, line by line
                for token in block.children[0].rows:
                    if str(token).strip() and token.type != "ROWSEP":
                        (section.paragraphs if section else preamble).append(paragraph(token))

    headings = [HEADING.match(str(child.children[0])) for child in tree.children if child.data == "section"]
    by_text = [_match_text(m.group(1), _heading_text(m.group(2).rstrip()), schema) for m in headings]
    named = frozenset(found[0].id for found in by_text if found is not None)
    report_like = any(m.group(1) != "一" and found is not None for m, found in zip(headings, by_text))
    others: list[Section] = []
    last_numeral = 0  # the numeral of the last top-level heading, as written
    text_matches = iter(by_text)
    for child in tree.children:
        if child.data == "preamble":
            add_blocks(child.children, None)
            continue
        heading_token, *blocks = child.children
        match = HEADING.match(str(heading_token))
        numeral, rest = match.group(1), match.group(2).rstrip()
        expected = _expected_index(sections, schema)
        found = _match_section(numeral, _heading_text(rest), schema, expected, report_like, named, next(text_matches))
        if found is None and current is not None and last_numeral and _numeral_value(numeral) == last_numeral + 1 \
                and len(_heading_text(rest)) <= 30 and not _is_table_label(numeral, _heading_text(rest), schema):
            # the next top-level heading of the report's own scheme, but none of the six
            # sections: its text belongs to no required section (FORMAT.md decision 4)
            heading_only = _heading_text(rest)
            current = Section(SectionSchema("other", numeral, heading_only), numeral, heading_only,
                              paragraph(heading_token).span, "other")
            others.append(current)
            last_numeral += 1
            add_blocks(blocks, current)
            continue
        if found is None:
            # not one of the six sections: a numbered paragraph (or a table row label that
            # lost its layout) inside the current one
            if not loose_label(heading_token, current):
                (current.paragraphs if current else preamble).append(paragraph(heading_token))
            add_blocks(blocks, current)
            continue
        last_numeral = _numeral_value(numeral)
        line_no = heading_token.line - 1
        raw = str(heading_token)
        lead = len(raw) - len(raw.lstrip())
        head_text = raw.strip()
        heading_only = _heading_text(rest)
        end = lead + len(head_text) - len(rest) + len(heading_only)
        current = Section(found[0], numeral, heading_only, normalized.span(line_no, lead, end), found[1])
        tail = rest[len(heading_only):].lstrip("：:。 ")
        if tail:  # "一、总体情况。2024年，…" keeps its text as the section's first paragraph
            start = len(raw.rstrip()) - len(tail)
            current.paragraphs.append(Paragraph(tail, line_no, normalized.span(line_no, start, len(raw.rstrip())), start))
        sections.append(current)
        add_blocks(blocks, current)

    title, preamble = _find_title(preamble)
    tables = _build_tables(sections, schema)
    report = Report(path, schema, normalized, events, title, preamble, sections, tables, [], others)
    report.periods = _find_periods(report.paragraphs(), report.locate)
    return report


def _expected_index(sections: list[Section], schema: FormatSchema) -> int:
    if not sections:
        return 0
    ids = [s.id for s in schema.sections]
    return ids.index(sections[-1].schema.id) + 1


def _build_tables(sections: list[Section], schema: FormatSchema) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for table_schema in schema.tables:
        section = next((s for s in sections if s.schema.id == table_schema.section), None)
        if section is None or not section.table_cells:
            continue
        first = next((c for cells, _ in section.table_cells for c in cells), None)
        span = first.span if first else section.span
        builder = _TableBuilder(table_schema, span)
        for cells, grid in section.table_cells:
            builder.add_physical_row(cells, grid)
        table = builder.finish()
        if table.rows or table.unknown_rows or table.other_version_cells:
            tables[table_schema.id] = table
    return tables
