"""Reader for Word (.docx): a paragraph per line, a table row per line with cells separated
by tabs and merged cells as empty cells. ``line`` is the ordinal of the paragraph in the
document body (a table row counts as one); ``location`` says ``第 N 段`` or
``第 T 个表格第 R 行第 C 格``."""

from __future__ import annotations

from govlint.sources.base import MappedSource, Origin, UnreadableInput


def read_docx(data: bytes) -> MappedSource:
    try:
        from io import BytesIO

        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a corrupt file
        raise UnreadableInput(f"无法读取 Word 文件（{exc.__class__.__name__}）：文件损坏或不是 .docx") from None
    lines: list[str] = []
    origins: list[Origin] = []
    tables = 0
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text.replace("\n", " ").replace("\t", " "))
            origins.append(Origin(len(lines), f"第 {len(lines)} 段", False))
        elif tag == "tbl":
            tables += 1
            above: list = []
            for row_number, row in enumerate(Table(child, document).rows, start=1):
                cells, seen = [], []
                for index, cell in enumerate(row.cells):
                    merged = (seen and seen[-1] is cell._tc) or (index < len(above) and above[index] is cell._tc)
                    seen.append(cell._tc)
                    cells.append("" if merged else "".join(p.text for p in cell.paragraphs).replace("\t", " ").replace("\n", ""))
                above = seen
                lines.append("\t".join(cells) if len(cells) > 1 else "\t" + "".join(cells))
                origins.append(Origin(len(lines), f"第 {tables} 个表格第 {row_number} 行", True))
    return MappedSource("\n".join(lines), "docx", tuple(origins), tuple(lines))
