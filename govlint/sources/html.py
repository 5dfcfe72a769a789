"""Reader for web pages (.html, .htm, and saved pages): the article only — navigation,
breadcrumbs, side bars, footers, page metadata and scripts dropped — as paragraphs and
table rows, rowspan and colspan expanded, inline tags inside a cell joined
(``20</span><span>23``). ``line`` is the line of the HTML source where the paragraph or
table row starts; ``column`` is where its text appears in that source line when it does
(else 1). Pictures in the article and links to the report as an attachment are notices
(GL006, GL007); the page's publication date (``<meta name="PubDate">``, ``发布时间：``) is
kept for GL405."""

from __future__ import annotations

import re
from datetime import date

from govlint.sources.base import MappedSource, Notice, Origin, Source, UnreadableInput, checked_size
from govlint.sources.text import decode


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote", "pre",
           "header", "footer", "main", "dd", "dt", "center", "body", "ul", "ol", "dl", "form"}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}
_ENCODINGS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}

_FURNITURE_TAGS = {"nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form", "select",
                   "button", "iframe", "object", "embed", "map"}
_FURNITURE_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav\w*|menu\w*|bread\w*|crumbs?|side\w*|sidebar|aside|footer|foot|bottom|header|topbar|banner|"
    r"copyright|share\w*|toolbar|position|location|weizhi|dqwz|daohang|dh|related|relate|xgxx|xgwz|friendlink|links)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
"""Class or id of a page's furniture (navigation, breadcrumbs, side bars, footers)."""
_BOILERPLATE = re.compile(r"(?:发布时间|发布日期|信息来源|来源|浏览次数|访问次数|点击数|阅读次数|主办单位|承办单位|技术支持|网站标识码|字体|字号)\s*[:：]"
                          r"|版权所有|ICP备|公网安备|政府网站找错|网站地图|【\s*大\s*中\s*小\s*】|打印本页|关闭窗口|分享到|当前位置")
"""Phrases of a footer, of a page's metadata line or of a breadcrumb (labels with their colon,
so that report prose that mentions a 承办单位 is not taken for them); a short block holding
one is not the report."""
_BOILERPLATE_MAX = 300
_COUNTED = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_PUBLISHED_META = re.compile(r"^(?:pubdate|publishdate|firstpublishedtime|article:published_time|dc\.date|publish_time|releasedate)$", re.IGNORECASE)
_PUBLISHED_TEXT = re.compile(r"(?:发布时间|发布日期|发表时间|公开日期|发文日期)\s*[:：]?\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_ISO_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|wps|ofd|rtf|xlsx?|zip|rar)$", re.IGNORECASE)
_REPORT_NAME = re.compile(r"报告|年报")
MAX_GRID_CELLS = 200_000
"""Spanned cells one table may expand to; beyond it spans count as one cell (a crafted page)."""


def _decode_html(data: bytes) -> Source:
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii").lower()
        encoding = _ENCODINGS.get(declared, declared)
        try:
            return Source(data.decode(encoding), encoding)
        except (LookupError, ValueError):  # unknown or non-text codec (UnicodeError is a ValueError)
            pass
    return decode(data)


def _grid(table) -> list[tuple[int, list[str]]]:
    """Rows of a table with rowspan/colspan expanded; spanned positions are empty cells.
    Linear: each row takes only its own pending spans, and expansion is capped."""
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None and _owner(tr) is table]
    pending: dict[int, dict[int, str]] = {}
    budget = MAX_GRID_CELLS
    grid = []
    for r, tr in enumerate(rows):
        cells: dict[int, str] = pending.pop(r, {})
        column = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while column in cells:
                column += 1
            content = td.text_content()
            text = re.sub(r"\s+", "", content) if content else ""
            span_c = _int(td.get("colspan"))
            span_r = min(_int(td.get("rowspan")), len(rows) - r)
            if span_c * span_r > budget:
                span_c = span_r = 1
            budget -= span_c * span_r
            cells[column] = text
            for dc in range(1, span_c):
                cells[column + dc] = ""
            for dr in range(1, span_r):
                below = pending.setdefault(r + dr, {})
                for dc in range(span_c):
                    below[column + dc] = ""
            column += span_c
        width = max(cells) + 1 if cells else 0
        grid.append((tr.sourceline or 1, [cells.get(c, "") for c in range(width)]))
    return grid


def _owner(tr):
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _int(value) -> int:
    try:
        return max(1, min(int(value), 100))
    except (TypeError, ValueError):
        return 1


def _published(root) -> date | None:
    """The page's publication date: a ``<meta>`` that names it, else a ``发布时间：`` line."""
    for meta in root.iter("meta"):
        if _PUBLISHED_META.match(meta.get("name") or meta.get("property") or ""):
            match = _ISO_DATE.search(meta.get("content") or "")
            if match:
                return _date(*match.groups())
    body = root.find("body")
    match = _PUBLISHED_TEXT.search(body.text_content() if body is not None else "")
    return _date(*match.groups()) if match else None


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _attachments(root) -> list[tuple[int, str]]:
    """(source line, file name) of each link to an attached report file."""
    found = []
    for link in root.iter("a"):
        href = (link.get("href") or "").split("?")[0].split("#")[0]
        text = re.sub(r"\s+", "", link.text_content() or "")
        name = text if _ATTACHMENT.search(text) else href.rsplit("/", 1)[-1] if _ATTACHMENT.search(href) else ""
        context = re.sub(r"\s+", "", (link.getparent().text_content() if link.getparent() is not None else ""))
        if name and (_REPORT_NAME.search(text) or _REPORT_NAME.search(name) or "附件" in context):
            found.append((link.sourceline or 1, name))
    return found


def _drop_furniture(body) -> None:
    """Remove what surrounds the article: furniture tags, elements named like navigation or
    footers, blocks that are mostly links (menus, breadcrumbs, lists of other pages), and
    short blocks of footer or page-metadata phrases. Counts are made in one pass."""
    elements = [e for e in body.iter() if isinstance(e.tag, str)]
    total: dict = {}
    linked: dict = {}
    links: dict = {}
    for element in reversed(elements):  # children before their parent
        own = len(_COUNTED.findall(element.text or ""))
        count, in_links, anchors = own, 0, 0
        for child in element:
            if isinstance(child.tag, str):
                count += total[child] + len(_COUNTED.findall(child.tail or ""))
                in_links += linked[child]
                anchors += links[child]
        if element.tag == "a":
            in_links, anchors = count, anchors + 1
        total[element], linked[element], links[element] = count, in_links, anchors
    doomed = []
    stack = [body]
    while stack:
        element = stack.pop()
        if element is not body and _is_furniture(element, total[element], linked[element], links[element]):
            doomed.append(element)
            continue
        stack.extend(child for child in element if isinstance(child.tag, str))
    for element in doomed:
        element.drop_tree()


def _is_furniture(element, count: int, in_links: int, anchors: int) -> bool:
    tag = element.tag
    if tag in _FURNITURE_TAGS:
        return True
    if tag in ("table", "tr", "td", "th", "tbody", "a", "span", "font", "b", "strong", "img", "br"):
        return anchors >= 3 and in_links >= 0.6 * count and tag == "table"
    name = f"{element.get('class') or ''} {element.get('id') or ''}"
    if _FURNITURE_NAME.search(name) and count < 2000 and not _holds_title(element):
        return True
    if anchors >= 3 and in_links >= 0.6 * count:
        return True
    if count >= _BOILERPLATE_MAX or any(child.tag in _BLOCKS or child.tag == "table" for child in element.iterdescendants() if isinstance(child.tag, str)):
        return False
    return _BOILERPLATE.search(element.text_content() or "") is not None


def _holds_title(element) -> bool:
    """An article's header (``class="article-header"``) holds the report's title: not furniture."""
    return any(_REPORT_NAME.search(h.text_content() or "") for h in element.iter("h1", "h2", "h3"))


def _is_layout(table) -> bool:
    """A table that lays out a page (a table inside it, or a cell holding long prose), not
    a table of the report: its cells are read as blocks."""
    for element in table.iterdescendants():
        if element.tag == "table":
            return True
        if element.tag in ("td", "th") and len(_COUNTED.findall(element.text_content() or "")) > 300:
            return True
    return False


def _page_title(root) -> tuple[str, int] | None:
    """The ``<title>`` of the page without the site's name (``…年度报告_某某政府网``)."""
    title = root.find(".//title")
    if title is None or not (title.text or "").strip():
        return None
    text = re.split(r"\s*[_|｜—–-]{1,2}\s*(?=[^_|｜—–-]*(?:网|门户|政府|平台)[^_|｜—–-]*$)", title.text.strip(), maxsplit=1)[0]
    return (text, title.sourceline or 1) if _REPORT_NAME.search(text) else None


def read_html(data: bytes) -> MappedSource:
    checked_size(data, "网页文件")
    source = _decode_html(data)
    try:
        import lxml.html

        root = lxml.html.document_fromstring(source.text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception as exc:  # lxml raises ParserError on an empty or hopeless page
        raise UnreadableInput(f"无法解析 HTML（{exc.__class__.__name__}）；请在浏览器中打开后另存为“网页，仅 HTML”，或复制正文另存为 .txt") from None
    published = _published(root)
    attached = _attachments(root)
    body = root.find("body")
    if body is not None:
        _drop_furniture(body)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines: list[str] = []
    origins: list[Origin] = []
    notices: list[Notice] = []
    tables = [0]

    def emit(text: str, line: int, where: str, row: int = 0):
        for piece in text.split("\n"):
            piece = re.sub(r"[ \t\r\f\v]+", " ", piece).strip() if not row else piece
            if piece:
                lines.append(piece)
                origins.append(Origin(line, where, row > 0, row=row))

    def pictures(element):
        for image in element.iter("img"):
            if not any(a.tag == "a" for a in image.iterancestors()) and not _small(image):
                name = (image.get("src") or "").split("?")[0].rsplit("/", 1)[-1]
                notices.append(Notice("image", len(lines) + 1, f"网页中的图片 {name}".strip()))

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "table" and _is_layout(element):
            for cell in (c for row in element.iter("tr") for c in row if isinstance(c.tag, str) and c.tag in ("td", "th") and _owner(row) is element):
                walk(cell)
            return
        if tag == "table":
            tables[0] += 1
            for row_number, (line, cells) in enumerate(_grid(element), start=1):
                if any(cells):
                    emit("\t".join(cells) if len(cells) > 1 else "\t" + "".join(cells), line, f"第 {tables[0]} 个表格", row_number)
            return
        if tag == "img":
            pictures(element)
            return
        children = [c for c in element if isinstance(c.tag, str)]
        nested = any(c.tag in _BLOCKS or c.tag == "table" for c in element.iter() if c is not element and isinstance(c.tag, str))
        if not nested:
            pictures(element)
            emit(element.text_content(), element.sourceline or 1, f"第 {len(lines) + 1} 段")
            return
        if element.text and element.text.strip():
            emit(element.text, element.sourceline or 1, f"第 {len(lines) + 1} 段")
        for child in children:
            walk(child)
            if child.tail and child.tail.strip():
                emit(child.tail, child.sourceline or 1, f"第 {len(lines) + 1} 段")

    walk(body if body is not None else root)
    title = _page_title(root)
    if title and not any(_REPORT_NAME.search(line) and len(line) <= 60 for line in lines[:5]):  # the title only in <title>
        lines.insert(0, title[0])
        origins.insert(0, Origin(title[1], "网页标题", False))
        notices = [Notice(n.kind, n.line + 1, n.detail) for n in notices]
    notices += [Notice("attachment", 1, name) for _, name in attached]
    return MappedSource("\n".join(lines), source.encoding, tuple(notices), published, tuple(origins), tuple(source.lines))


def _small(image) -> bool:
    """An icon or a spacer: declared smaller than 100 pixels either way."""
    for attribute in ("width", "height"):
        value = (image.get(attribute) or "").rstrip("px")
        if value.isdigit() and int(value) < 100:
            return True
    return False
