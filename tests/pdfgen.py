"""Build PDF versions of a text report for the PDF reader tests, laid out as agencies' PDFs
are: prose wrapped to the page with indented paragraphs, ruled tables whose labels wrap
inside their cells, a running header and ``- N -`` page numbers on every page, a table
that runs onto the next page with its header rows repeated there. Options replace
characters by CJK radical code points, draw one table as a picture, or draw only pictures
(a scan). Needs reportlab and a CJK TrueType font (Debian: fonts-wqy-zenhei)."""

from __future__ import annotations

from pathlib import Path

from docgen import blocks

FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 523.0, 770.0, 80.0
SIZE, CELL_SIZE = 12.0, 8.0
RUNNING_HEADER = "政府信息公开工作年度报告"


def font_path() -> str | None:
    return next((path for path in FONTS if Path(path).exists()), None)


class _Layout:
    def __init__(self, path, font: str, password: str | None = None, watermark: str = ""):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        if "CJK" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("CJK", font, subfontIndex=0) if font.endswith(".ttc") else TTFont("CJK", font))
        self.width_of = lambda text, size: pdfmetrics.stringWidth(text, "CJK", size)
        self.canvas = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT), encrypt=password)
        self.page = 0
        self.y = TOP
        self.watermark = watermark
        self.start_page()

    def start_page(self) -> None:
        self.page += 1
        if self.watermark:
            self.canvas.saveState()
            self.canvas.setFont("CJK", 40)
            self.canvas.setFillGray(0.85)
            self.canvas.translate(WIDTH / 2, HEIGHT / 2)
            self.canvas.rotate(45)
            self.canvas.drawCentredString(0, 0, self.watermark)
            self.canvas.restoreState()
        self.canvas.setFont("CJK", 9)
        self.canvas.drawCentredString(WIDTH / 2, HEIGHT - 40, RUNNING_HEADER)
        self.canvas.drawCentredString(WIDTH / 2, 40, f"- {self.page} -")
        self.y = TOP

    def new_page(self) -> None:
        self.canvas.showPage()
        self.start_page()

    def wrap(self, text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
        lines, current, room = [], "", width - indent
        for char in text:
            if current and self.width_of(current + char, size) > room:
                lines.append(current)
                current, room = "", width
            current += char
        return lines + [current] if current else lines or [""]

    def paragraph(self, text: str) -> None:
        indent = 2 * SIZE
        for index, line in enumerate(self.wrap(text, RIGHT - LEFT, SIZE, indent)):
            if self.y < BOTTOM + SIZE:
                self.new_page()
            self.canvas.setFont("CJK", SIZE)
            self.canvas.drawString(LEFT + (indent if index == 0 else 0), self.y, line)
            self.y -= SIZE * 1.6

    def _row_height(self, row: list[str], widths: list[float]) -> float:
        return max(len(self.wrap(cell, w - 4, CELL_SIZE)) for cell, w in zip(row, widths)) * CELL_SIZE * 1.3 + 6

    def _draw_row(self, row: list[str], widths: list[float], height: float) -> None:
        x = LEFT
        for cell, w in zip(row, widths):
            self.canvas.rect(x, self.y - height, w, height)
            self.canvas.setFont("CJK", CELL_SIZE)
            for index, line in enumerate(self.wrap(cell, w - 4, CELL_SIZE)):
                self.canvas.drawString(x + 2, self.y - 3 - CELL_SIZE * (1.3 * index + 1), line)
            x += w
        self.y -= height

    def table(self, rows: list[list[str]], header_rows: int, break_after: int | None = None) -> None:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        widths = [(RIGHT - LEFT) / width] * width
        self.y -= 6
        if self.y - sum(self._row_height(row, widths) for row in rows[:header_rows + 1]) < BOTTOM:
            self.new_page()  # the header rows stay with the first data row
        for index, row in enumerate(rows):
            height = self._row_height(row, widths)
            if self.y - height < BOTTOM or (break_after is not None and index == break_after):
                self.new_page()
                for header in rows[:header_rows]:  # the header repeated on the next page
                    self._draw_row(header, widths, self._row_height(header, widths))
            self._draw_row(row, widths, height)
        self.y -= 10

    def picture(self, rows: list[list[str]]) -> None:
        """The table as a picture (no text layer): a ruled grid with dark marks for text."""
        from PIL import Image, ImageDraw
        from reportlab.lib.utils import ImageReader

        image = Image.new("RGB", (900, 30 * len(rows)), "white")
        draw = ImageDraw.Draw(image)
        width = max(len(r) for r in rows)
        for r, row in enumerate(rows):
            for c in range(width):
                box = (c * 900 // width, r * 30, (c + 1) * 900 // width - 1, r * 30 + 29)
                draw.rectangle(box, outline="black")
                if c < len(row) and row[c]:
                    draw.rectangle((box[0] + 6, box[1] + 10, box[0] + 16, box[1] + 20), fill="black")
        height = (RIGHT - LEFT) * image.height / image.width
        if self.y - height < BOTTOM:
            self.new_page()
        self.canvas.drawImage(ImageReader(image), LEFT, self.y - height, RIGHT - LEFT, height)
        self.y -= height + 10

    def save(self) -> None:
        self.canvas.save()


def to_pdf(text: str, path, *, split_table: str | None = None, picture_table: str | None = None,
           radicals: dict[str, str] | None = None, password: str | None = None, watermark: str = "") -> None:
    """Lay ``text`` (paragraphs; pipe or tab rows as tables) out as a PDF. ``split_table``:
    the first label of a table to push onto a new page after its tenth row, header repeated;
    ``picture_table``: the first label of a table to draw as a picture; ``radicals``:
    characters to write as radical code points in the prose; ``watermark``: a text drawn at
    45° across every page."""
    layout = _Layout(path, font_path(), password, watermark)
    for kind, content in blocks(text):
        if kind == "p":
            for plain, radical in (radicals or {}).items():
                content = content.replace(plain, radical)
            layout.paragraph(content)
        elif picture_table and any(picture_table in cell for cell in content[0]):
            layout.picture(content)
        else:
            header = next((i for i, row in enumerate(content) if any(c.strip().isdigit() for c in row)), 1)
            split = split_table and any(split_table in cell for cell in content[0])
            layout.table(content, header, break_after=10 if split else None)
    layout.save()


def to_scan(path, pages: int = 2) -> None:
    """A scanned document: each page only a picture, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    sheet = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    for _ in range(pages):
        image = Image.new("L", (600, 850), 255)
        draw = ImageDraw.Draw(image)
        for line in range(60, 800, 24):
            draw.rectangle((60, line, 540, line + 10), fill=40)
        sheet.drawImage(ImageReader(image), 0, 0, WIDTH, HEIGHT)
        sheet.showPage()
    sheet.save()
