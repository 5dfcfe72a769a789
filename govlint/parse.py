"""Stage 3, parse: classify each normalized line, then arrange the lines with the Lark
grammar in ``grammar/report.lark`` into preamble, sections, paragraphs and tables.

The lexer is line-based (one token per line), so parsing is linear in the number
of lines and never backtracks: LALR over a few hundred tokens per report.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from govlint._parser import Lark, Token, Tree
from govlint.chars import has_chinese
from govlint.memo import SHORT_TEXT, memoised
from govlint.resources import data_dir

HEADING = re.compile(r"^[ \t]*([一二三四五六七八九十]{1,3})(?:[ ]{0,4}[、,，.:：]|[ ]{1,4}(?=\S))[ ]{0,4}(\S.*)$")
"""``一、总体情况``, ``一．总体情况``, ``一 总体情况``: a numeral, a mark or spaces, the heading."""
NUMBER = re.compile(r"^[+\-−]?[0-9][0-9,]*(?:\.[0-9]+)?$")
"""A number as reports write it: ASCII digits (full-width ones are made ASCII by the
normalizer), thousands commas, a decimal part. ``NaN``, ``1E5``, ``1_000`` and other
scripts' digits are not numbers."""
VALUE_NOTE = re.compile(r"^(?P<number>[+\-−]?[0-9][0-9,]{0,24}(?:\.[0-9]{1,12})?)[ ]{0,4}\((?P<note>[^()]{1,80})\)$")
"""A number followed by a bracketed note: ``55（含自然失效29件）`` is 55 (FORMAT.md decision 9)."""
BLANK_MARKS = frozenset({"/", "-", "—", "——", "–", "无", "－", "／", "\\", "空"})
_PIPE_SEP = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_SENTENCE = re.compile(r"[。，；：,;:]")
_CONT_MAX = 12
"""A cell label broken across lines leaves short fragments (``企业``, ``审结``)."""

TABLE_LINES = frozenset({"PIPE_ROW", "PIPE_SEP", "PIPE_ONLY", "FLAT_CELL", "TAB_ROW", "TAB_CELL", "TAB_EMPTY", "CONT", "BARE_VALUE", "SPACE_ROW"})
_UNIT = re.compile(r"(?:件|个|条|项|次|人|笔|万元|元)$")
_TOKEN = re.compile(r"\S+")
_SPACE_LABEL_STOP = re.compile(r"[。；;：:]")
_SPACE_LABEL_MAX = 80


def is_value_text(text: str) -> bool:
    """A cell holding a number (with or without a note) or an explicit blank mark."""
    return bool(NUMBER.match(text)) or text in BLANK_MARKS or bool(VALUE_NOTE.match(text))


@memoised(maxsize=8192, longest=SHORT_TEXT)
def looks_like_value(text: str) -> bool:
    """A cell that stands where a value stands, good or bad — never a label: a number, a
    blank mark, a count with a unit (``2件``), or a short non-Chinese token with a digit
    or letters (``NaN``, ``1E999``, ``١٢``) for the value check to judge. Memoised: it is
    asked of every cell and token, and cell texts repeat across rows and reports."""
    if is_value_text(text):
        return True
    core = _UNIT.sub("", text).lstrip("+-−")
    return 0 < len(core) <= 24 and not has_chinese(core) and (any(ch.isdigit() for ch in core) or core.isalpha())


def space_cells(line: str) -> list[tuple[int, int]] | None:
    """The cells of a row whose cells are separated by spaces (a flattened web page:
    ``规章 0 0 0``, ``（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0``, ``0 1 0 0 1``), as
    ``(start, end)`` columns: the label (everything before the values, spaces inside it
    kept) and each value. None when the line is not such a row."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
    count = 0
    while count < len(tokens) and looks_like_value(line[slice(*tokens[-1 - count])]):
        count += 1
    if count == 0 or (count == 1 and len(tokens) == 1):
        return None  # no values, or one lone value (BARE_VALUE)
    values = tokens[len(tokens) - count:]
    if count == len(tokens):  # a row without a label (table 四); "- 3 -" is a page number
        return values if sum(any(ch.isdigit() for ch in line[a:b]) for a, b in values) >= 2 else None
    label = (tokens[0][0], tokens[len(tokens) - count - 1][1])
    text = line[label[0]:label[1]]
    if len(text) > _SPACE_LABEL_MAX or _SPACE_LABEL_STOP.search(text) or not has_chinese(text):
        return None
    return [label, *values]


def _kind(line: str) -> str:
    stripped = line.strip()
    if not stripped:
        return "TAB_EMPTY" if "\t" in line else "BLANK"
    if stripped.startswith("|"):
        if _PIPE_SEP.match(stripped):
            return "PIPE_SEP"
        if not stripped.strip("|").strip():
            return "PIPE_ONLY"
        return "PIPE_ROW"
    if stripped.endswith("|"):
        return "FLAT_CELL"
    if "\t" in line:
        if line.startswith("\t") and "\t" not in line.lstrip("\t").rstrip():
            return "TAB_CELL"
        return "TAB_ROW"
    if " " not in stripped and looks_like_value(stripped):
        return "BARE_VALUE"
    cells = space_cells(line) if " " in stripped else None
    if HEADING.match(line) and (cells is None or sum(any(ch.isdigit() for ch in line[a:b]) for a, b in cells[1:]) < 2):
        return "HEADING"  # 六、其他需要报告的事项 无 is a heading; 四、结转下年度继续办理 0 0 0 0 0 0 0 a row
    if cells is not None:
        return "SPACE_ROW"
    return "TEXT"


def classify(lines: list[str]) -> list[Token]:
    """One token per non-blank line (1-based ``line``), with the context rules that need
    neighbours: continuation fragments of a broken cell label, and blank lines inside a
    table (ROWSEP). Other blank lines carry no structure and are left out."""
    kinds = [_kind(line) for line in lines]
    for i, kind in enumerate(kinds):
        if kind == "TEXT" and i and kinds[i - 1] in ("TAB_CELL", "CONT"):  # a number is never a label's tail
            stripped = lines[i].strip()
            following = kinds[i + 1] if i + 1 < len(kinds) else "BLANK"
            if len(stripped) <= _CONT_MAX and not _SENTENCE.search(stripped) and following in ("TAB_CELL", "TAB_EMPTY", "BLANK", "CONT", "TEXT"):
                kinds[i] = "CONT"
    last_table = False
    following = -1  # index of the first non-blank line after the current run of blanks: each run scanned once
    for i, kind in enumerate(kinds):
        if kind == "BLANK":
            if last_table:
                if following <= i:
                    following = i + 1
                    while following < len(kinds) and kinds[following] == "BLANK":
                        following += 1
                if following < len(kinds) and kinds[following] in TABLE_LINES:
                    kinds[i] = "ROWSEP"
            continue
        last_table = kind in TABLE_LINES or kind == "ROWSEP"
    return [Token(kind, line, line=i + 1) for i, (kind, line) in enumerate(zip(kinds, lines)) if kind != "BLANK"]


class TableBlock(Token):
    """A run of table lines (with the ROWSEP blank lines between them) handed to the grammar
    as one ``TABLE`` token: Lark's work is per token, and a report's lines are mostly table
    lines whose order inside the table is the model's business. ``rows`` are the run's line
    tokens, as ``classify`` made them."""

    __slots__ = ("rows",)


def blocks(tokens: list[Token]) -> list[Token]:
    """The line tokens with each run of table lines made one ``TableBlock``."""
    grouped: list[Token] = []
    block = None
    for token in tokens:
        if token.type in TABLE_LINES or token.type == "ROWSEP":
            if block is None:
                block = TableBlock("TABLE", token.value, line=token.line)
                block.rows = []
                grouped.append(block)
            block.rows.append(token)
        else:
            block = None
            grouped.append(token)
    return grouped


PARSER_MODULE = Path(__file__).with_name("_parser.py")
"""Lark's standalone LALR runtime with the tables of ``report.lark`` and the line lexer,
generated by ``python -m govlint.parse``: a run imports it instead of Lark and its grammar compiler."""
LINE_LEXER = '''

class LineLexer(Lexer):
    """Hands Lark the tokens that ``govlint.parse`` made (``classify``, ``blocks``): the input to parse() is that list."""

    def __init__(self, lexer_conf):  # noqa: D107 - Lark's custom-lexer protocol
        pass

    def lex(self, tokens):
        yield from tokens

'''


def _grammar() -> str:
    return (data_dir("grammar") / "report.lark").read_text(encoding="utf-8")


def _build(grammar: str):
    """Lark's LALR parser of ``grammar``, built from scratch by Lark itself (its custom lexer a
    stand-in: the runtime's ``LineLexer`` is not a subclass of Lark's own lexer class)."""
    from lark import Lark as FullLark
    from lark.lexer import Lexer as FullLexer

    class StandIn(FullLexer):
        def __init__(self, lexer_conf):  # noqa: D107 - Lark's custom-lexer protocol
            pass

        def lex(self, tokens):
            yield from tokens

    return FullLark(grammar, parser="lalr", lexer=StandIn, maybe_placeholders=False)


def _tables(grammar: str, lexer) -> tuple[dict, dict]:
    """Lark's serialisation of the LALR parser of ``grammar`` (what its standalone generator
    embeds), naming ``lexer`` as its lexer."""
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    built = _build(grammar)
    return _swap(built.memo_serialize([TerminalDef, Rule]), built.options.lexer, lexer)


def _swap(node, old, new):
    """``node`` (Lark's serialised parser: dicts, lists, scalars) with ``old`` replaced by ``new``."""
    if node is old:
        return new
    if isinstance(node, dict):
        return {key: _swap(value, old, new) for key, value in node.items()}
    if isinstance(node, (list, tuple)):
        return [_swap(value, old, new) for value in node]
    return node


SILENT_LOGGER = '''

class _SilentLogger:
    """Lark's logger, which Lark sets to CRITICAL: nothing its runtime logs is ever shown, so
    a logger that drops everything spares a run importing logging."""

    def _drop(self, *args, **kwargs):
        pass

    debug = info = warning = error = exception = critical = setLevel = addHandler = _drop


logger = _SilentLogger()
'''
LARK_LOGGER = ("import logging\n", 'logger: logging.Logger = logging.getLogger("lark")\nlogger.addHandler(logging.StreamHandler())\n',
               "logger.setLevel(logging.CRITICAL)\n")
"""Where Lark's standalone runtime makes its logger, replaced by ``SILENT_LOGGER``."""


def _silenced(runtime: str) -> str:
    """The runtime with its logger replaced by ``SILENT_LOGGER``; an error where Lark's code
    no longer reads as ``LARK_LOGGER`` expects."""
    for index, line in enumerate(LARK_LOGGER):
        if line not in runtime:
            raise RuntimeError(f"Lark's standalone runtime no longer holds {line!r}: update govlint.parse.LARK_LOGGER")
        runtime = runtime.replace(line, "\0" if index == 1 else "")
    if "logging" in runtime:
        raise RuntimeError("Lark's standalone runtime uses logging beyond its logger: update govlint.parse.LARK_LOGGER")
    return runtime.replace("\0", SILENT_LOGGER)


class _Name:
    """Written into the generated module as the bare name it holds."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


def parser_module_text(grammar: str) -> str:
    """The source of ``govlint/_parser.py``: a header, Lark's standalone runtime (as its
    ``lark.tools.standalone`` extracts it), the line lexer, the grammar's hash and its tables."""
    import hashlib
    import pprint

    from lark import __version__ as lark_version
    from lark.tools.standalone import EXTRACT_STANDALONE_FILES, _larkdir, extract_sections, strip_docstrings

    runtime = []
    for index, name in enumerate(EXTRACT_STANDALONE_FILES):
        with open(Path(_larkdir) / name, encoding="utf-8") as handle:
            code = extract_sections(handle)["standalone"]
        runtime.append(strip_docstrings(iter(code.splitlines(True)).__next__) if index else code)
    data, memo = _tables(grammar, _Name("LineLexer"))
    header = f'''"""The LALR parser of ``grammar/report.lark``: Lark's standalone runtime, a lexer that hands it
the lines ``govlint.parse`` classified, and the grammar's tables.

Generated by ``python -m govlint.parse`` with Lark {lark_version}: do not edit; regenerate after editing
the grammar (tests/test_hardening_cache.py checks that GRAMMAR_SHA256 is the grammar's). A run
imports this module instead of Lark and its grammar compiler. The runtime below is Lark's
standalone parser code, under the Mozilla Public License 2.0 (its notice follows), its
annotations left unevaluated.
"""

from __future__ import annotations

GRAMMAR_SHA256 = "{hashlib.sha256(grammar.encode()).hexdigest()}"
'''
    tables = f"DATA = {pprint.pformat(data, width=120, sort_dicts=False)}\nMEMO = {pprint.pformat(memo, width=120, sort_dicts=False)}\n"
    return header + _silenced("".join(runtime)) + LINE_LEXER + tables


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """The LALR parser, from the tables generated into ``govlint/_parser.py`` (code shipped
    with govlint: nothing is read from a writable place and nothing is unpickled). Where the
    grammar changed since (an edited checkout, not yet regenerated), the tables are built in
    memory by Lark, as the generator builds them, and loaded into the same runtime."""
    import hashlib

    from govlint import _parser as generated

    grammar = _grammar()
    if generated.GRAMMAR_SHA256 == hashlib.sha256(grammar.encode()).hexdigest():
        return Lark._load_from_dict(generated.DATA, generated.MEMO)
    return Lark._load_from_dict(*_tables(grammar, generated.LineLexer))


def parse(lines: list[str]) -> Tree:
    """Parse normalized lines into a tree: ``start -> preamble, section*``; every leaf is
    a line token whose ``line`` attribute is its 1-based line number; a table holds one
    ``TableBlock`` whose ``rows`` are its line tokens."""
    return _parser().parse(blocks(classify(lines)))


if __name__ == "__main__":  # regenerate govlint/_parser.py after editing the grammar
    PARSER_MODULE.write_text(parser_module_text(_grammar()), encoding="utf-8")
