"""Reader for Word (.docx): a paragraph per line, a table row per line with cells separated
by tabs and merged cells as empty cells. ``line`` is the ordinal of the paragraph in the
document body (a table row counts as one); ``location`` says ``第 N 段`` or
``第 T 个表格第 R 行第 C 格``. A large picture (a table pasted as an image) is a notice."""

from __future__ import annotations

import io
import zipfile

from govlint.sources.base import MAX_UNCOMPRESSED_BYTES, MappedSource, Notice, Origin, UnreadableInput, checked_size

MAX_GRID_SPAN = 64
"""Word tables have at most 63 columns; a larger ``gridSpan`` is a crafted file."""
_IMAGE_MIN_EMU = (2_300_000, 900_000)
"""Width and height (EMU) from which a picture is big enough to be a table (about 6.4 × 2.5 cm)."""
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _check_archive(data: bytes) -> None:
    """Refuse an archive whose parts expand beyond ``MAX_UNCOMPRESSED_BYTES`` (a zip bomb)
    before anything is inflated."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except Exception as exc:  # zipfile raises many kinds on a damaged archive (BadZipFile, NotImplementedError, …)
        raise UnreadableInput(f"无法读取 Word 文件（{exc.__class__.__name__}）：文件损坏或不是 .docx；请用 Word 或 WPS 重新另存为 .docx") from None
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableInput(f"Word 文件解压后超过 {MAX_UNCOMPRESSED_BYTES // 1048576} MiB 的上限，不像年度报告，未检查")


def read_docx(data: bytes) -> MappedSource:
    checked_size(data, "Word 文件")
    _check_archive(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a corrupt file
        raise UnreadableInput(f"无法读取 Word 文件（{exc.__class__.__name__}）：文件损坏或不是 .docx；请用 Word 或 WPS 重新另存为 .docx") from None
    body = document.element.body
    for span in body.iter(f"{_W}gridSpan", f"{_W}gridBefore", f"{_W}gridAfter"):
        value = span.get(f"{_W}val", "1")
        if not value.isdigit() or int(value) > MAX_GRID_SPAN:
            span.set(f"{_W}val", str(MAX_GRID_SPAN))
    try:
        return _read_body(document, body)
    except Exception as exc:  # python-docx on a table or paragraph it cannot make sense of
        raise UnreadableInput(f"Word 文件的结构异常（{exc.__class__.__name__}），无法读取；请用 Word 或 WPS 打开后重新另存为 .docx") from None


def _read_body(document, body) -> MappedSource:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    origins: list[Origin] = []
    notices: list[Notice] = []
    tables = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            if _has_large_picture(child):
                notices.append(Notice("image", len(lines) + 1, "Word 文件中的图片"))
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
                origins.append(Origin(len(lines), f"第 {tables} 个表格", True, row=row_number))
    return MappedSource("\n".join(lines), "docx", tuple(notices), None, tuple(origins), tuple(lines))


def _has_large_picture(paragraph) -> bool:
    for extent in paragraph.iter(f"{_WP}extent"):
        try:
            if int(extent.get("cx", 0)) >= _IMAGE_MIN_EMU[0] and int(extent.get("cy", 0)) >= _IMAGE_MIN_EMU[1]:
                return True
        except ValueError:
            continue
    return False
