"""Reading reports as they are published: saved government web pages (article found, page
furniture dropped, inline tags joined inside cells, attachment-only pages, pictures,
publication date), Word 97/WPS through LibreOffice, formats told by their bytes, a
directory of PDFs and .doc files, UTF-8 with a few bad bytes, CJK radicals in text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REAL, lint_text, run_govlint
from docgen import to_docx, to_html
from govlint.lint import default_ruleset, lint_bytes, model
from govlint.sources import read_source, sniff

RULES = default_ruleset().select(None, None)
FAKE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024) + "WordDocument".encode("utf-16-le") + bytes(1024)
"""Shaped like a Word 97 file (an OLE header and a WordDocument stream name), not a real one."""
REPORT = REAL / "004_jiangsu_hongze_2023.txt"  # GL108, GL205, GL208, 2 × GL304
TEXT = REPORT.read_text(encoding="utf-8")
TITLE = "洪泽区人民政府2023年政府信息公开工作年度报告"


def article() -> str:
    """The report's body as a site's editor holds it (paragraphs and tables)."""
    page = to_html(TEXT, "utf-8").decode("utf-8")
    return page.split('<div class="article">', 1)[1].rsplit("</div>", 1)[0]


def government_page(body: str, published: str = "2024-02-26 10:30") -> str:
    """``body`` inside a government site's page: header and menu (whose items look like
    section headings), breadcrumb, side bar, page metadata, share bar, footer, scripts."""
    menu = "".join(f'<li><a href="/c{i}">{item}</a></li>' for i, item in enumerate(["首页", "一、机构概况", "二、政策文件", "三、公开指南", "四、公开年报", "五、依申请公开"]))
    side = "".join(f'<li><a href="/s{i}">{item}</a></li>' for i, item in enumerate(["一、总体情况", "2022年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告"]))
    related = "".join(f'<p><a href="/r{i}">洪泽区{year}年政府信息公开工作年度报告</a></p>' for i, year in enumerate((2020, 2021, 2022)))
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<meta name="PubDate" content="{published}">\n'
            f"<title>{TITLE}_洪泽区人民政府网</title>\n<script>var nav = '一、机构概况';</script>\n</head>\n<body>\n"
            f'<div class="header"><div class="logo">淮安市洪泽区人民政府</div>\n<ul class="nav">{menu}</ul></div>\n'
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/nb">政府信息公开年报</a></div>\n'
            f'<div class="wrap"><div class="left-side"><h3>栏目导航</h3><ul>{side}</ul></div>\n<div class="detail">\n'
            f'<div class="info">发布时间：{published[:10]}　来源：区政府办公室　浏览次数：<span>321</span></div>\n'
            f'<div class="TRS_Editor">\n{body}</div>\n<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ</a></div>\n'
            f"<div>{related}</div>\n</div></div>\n"
            '<div id="footer"><p>主办单位：淮安市洪泽区人民政府办公室　地址：洪泽湖大道90号</p>\n'
            "<p>网站标识码：3208290001　苏ICP备05009018号</p></div>\n<script>document.write('二、统计');</script>\n</body>\n</html>\n")


def findings(path: Path) -> list[tuple[str, str]]:
    result = run_govlint("--format", "json", "--no-cache", path.name, cwd=path.parent)
    assert result.returncode in (0, 1), result.stderr.decode()
    return [(d["code"], d["message"]) for d in json.loads(result.stdout)]


def bare_findings() -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in lint_bytes("report.txt", TEXT.encode("utf-8"), RULES).diagnostics]


# --------------------------------------------------------------------------- web pages

def test_saved_government_page_gives_the_findings_of_the_bare_report(tmp_path):
    page = tmp_path / "t20240226_1.html"
    page.write_text(government_page(article()), encoding="utf-8")
    assert sorted(findings(page)) == sorted(bare_findings())
    _, source = model(str(page), page.read_bytes())
    assert not any(word in source.text for word in ("机构概况", "当前位置", "ICP备", "分享到", "栏目导航", "浏览次数", "2022年政府信息公开"))
    assert str(source.published) == "2024-02-26"


def test_report_prose_naming_footer_words_is_kept():
    body = article().replace("<p>（三）政府信息管理情况。</p>", "<p>（三）政府信息管理情况。信息发布时间由承办单位登记，并由信息中心提供技术支持。</p>")
    assert "技术支持" in body
    _, source = model("page.html", government_page(body).encode("utf-8"))
    assert "（三）政府信息管理情况。信息发布时间由承办单位登记，并由信息中心提供技术支持。" in source.lines


def test_page_without_title_in_its_body_takes_the_page_title(tmp_path):
    body = article().replace("<p>洪泽区人民政府</p>\n<p>2023 年政府信息公开工作年度报告</p>\n", "")
    assert body != article()
    report, source = model("page.html", government_page(body).encode("utf-8"))
    assert source.lines[0] == TITLE and report.title.year == 2023


def test_page_laid_out_with_tables_reads_the_report_tables_inside(tmp_path):
    page = government_page(article())
    start, end = page.index('<div class="wrap">'), page.index('<div id="footer">')
    laid_out = (page[:start] + '<table width="1000"><tr><td width="200"><ul class="list">'
                + "".join(f'<li><a href="/l{i}">栏目{i}</a></li>' for i in range(6)) + "</ul></td>\n<td>"
                + page[start:end] + "</td></tr></table>\n" + page[end:])
    found = [(d.code, d.message) for d in lint_bytes("page.html", laid_out.encode("utf-8"), RULES).diagnostics]
    assert sorted(found) == sorted(bare_findings())


def test_article_header_with_the_title_is_kept():
    body = article().replace("<p>洪泽区人民政府</p>\n<p>2023 年政府信息公开工作年度报告</p>\n", "")
    page = government_page(body).replace('<div class="TRS_Editor">', f'<div class="article-header"><h1>{TITLE}</h1></div>\n<div class="TRS_Editor">')
    page = page.replace(f"<title>{TITLE}_洪泽区人民政府网</title>", "<title>洪泽区人民政府网</title>")
    report, source = model("page.html", page.encode("utf-8"))
    assert source.lines[0] == TITLE and report.title.agency == "洪泽区人民政府" and report.title.year == 2023


def test_inline_tags_inside_a_cell_join_and_cells_stay_apart(tmp_path):
    body = article().replace("<td>10</td>", "<td><span>1</span><span>0</span></td>", 1)
    assert "<span>1</span>" in body
    report, _ = model("page.html", government_page(body).encode("utf-8"))
    values = [c.text for c in next(iter(report.tables["t4"].rows.values())).values]
    assert values[:5] == ["10", "1", "0", "0", "0"]


def test_publication_date_after_the_deadline_is_gl405():
    late = [d for d in lint_bytes("page.html", government_page(article(), "2024-04-15 09:00").encode("utf-8"), RULES).diagnostics if d.code == "GL405"]
    assert [d.message for d in late] == ["网页的发布日期“2024年4月15日”晚于发布期限（2024年3月31日）"]
    text_date = government_page(article()).replace('<meta name="PubDate" content="2024-02-26 10:30">\n', "").replace("发布时间：2024-02-26", "发布时间：2024年2月1日")
    report, _ = model("page.html", text_date.encode("utf-8"))
    assert str(report.published) == "2024-02-01"


def test_table_shown_as_a_picture_in_a_page_is_gl006():
    body = article()
    start = body.index("<table", body.index("四、政府信息公开行政复议"))
    body = body[:start] + '<p><img src="/u/2024/t4.png" width="640" height="180"></p>' + body[body.index("</table>", start) + len("</table>"):]
    found = [(d.code, d.location) for d in lint_bytes("page.html", government_page(body).encode("utf-8"), RULES).diagnostics]
    assert [code for code, _ in found].count("GL006") == 1
    assert not [code for code, _ in found if code in ("GL201", "GL106", "GL304")]


def attachment_page(name: str) -> str:
    return government_page(f'<p>{TITLE}</p>\n<p>附件：<a href="/u/cms/2024/0226ndbg.pdf">{name}</a></p>\n')


def test_attachment_only_page_is_gl007_naming_the_attachment(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(attachment_page("洪泽区2023年政府信息公开工作年度报告.pdf"), encoding="utf-8")
    assert findings(page) == [("GL007", "本页只以附件形式提供报告（“洪泽区2023年政府信息公开工作年度报告.pdf”），页面本身没有可检查的内容；"
                                        "请检查附件本身（附件与本页在同一目录时 govlint 会一并检查）")]


def test_attachment_beside_the_page_is_linted_too(tmp_path):
    name = "洪泽区2023年政府信息公开工作年度报告.pdf"
    (tmp_path / "page.html").write_text(attachment_page(name), encoding="utf-8")
    shutil.copy(REAL / "004_jiangsu_hongze_2023.pdf", tmp_path / name)
    result = run_govlint("--format", "json", "--no-cache", "page.html", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    found = sorted((d["path"], d["code"]) for d in json.loads(result.stdout))
    assert found == sorted([("page.html", "GL007")] + [(name, code) for code in ("GL108", "GL205", "GL208", "GL304", "GL304")])


def test_one_line_table_row_points_at_the_cell_found(tmp_path):
    body = article().replace("\n<td", "<td")
    found = [d for d in lint_bytes("page.html", government_page(body).encode("utf-8"), RULES).diagnostics if d.code == "GL304"]
    page_lines = government_page(body).split("\n")
    for d in found:
        assert page_lines[d.span.line - 1][d.span.column - 1: d.span.end_column - 1] == "0"
    assert len({d.span.column for d in found}) == 2  # two different 总计 cells, not the row's first cell


# --------------------------------------------------------------------------- formats by content

def test_formats_are_told_by_their_bytes(tmp_path):
    pdf = (REAL / "004_jiangsu_hongze_2023.pdf").read_bytes()
    to_docx(TEXT, tmp_path / "r.docx")
    docx = (tmp_path / "r.docx").read_bytes()
    assert sniff("download.jsp", pdf) == "pdf" and sniff("report.htm", pdf) == "pdf"
    assert sniff("report.wps", docx) == "docx" and sniff("report.doc", docx) == "docx"
    assert sniff("report.doc", government_page(article()).encode("utf-8")) == "html"
    assert sniff("report.doc", FAKE_DOC) == "legacy" and sniff("report.doc", FAKE_DOC[:100]) == "text"  # an OLE header is 512 bytes
    assert sniff("report.txt", TEXT.encode("utf-8")) == "text"
    assert sniff("page.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n") == "mhtml"
    renamed = [(d.code, d.location) for d in lint_bytes("report.wps", docx, RULES).diagnostics]
    assert [code for code, _ in renamed] == ["GL108", "GL205", "GL208", "GL304", "GL304"]


def test_mht_saved_page_is_read_as_a_web_page():
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    message = MIMEMultipart("related")
    message.attach(MIMEText(government_page(article()), "html", "utf-8"))
    found = [(d.code, d.message) for d in lint_bytes("page.mht", message.as_bytes(), RULES).diagnostics]
    assert sorted(found) == sorted(bare_findings())


def test_ofd_is_gl001_with_advice_to_export_pdf(tmp_path):
    ofd = tmp_path / "report.ofd"
    with zipfile.ZipFile(ofd, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
    found = lint_bytes("report.ofd", ofd.read_bytes(), RULES).diagnostics
    assert [(d.code, d.span.line) for d in found] == [("GL001", 1)] and "导出为 PDF" in found[0].message


# --------------------------------------------------------------------------- Word 97 / WPS

@pytest.fixture(scope="module")
def doc_file(tmp_path_factory):
    """The report as a Word 97 .doc (made by LibreOffice from the .docx)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
    root = tmp_path_factory.mktemp("doc")
    to_docx(TEXT, root / "report.docx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(root / 'profile').as_uri()}", "--convert-to", "doc",
                    "--outdir", str(root / "out"), str(root / "report.docx")], capture_output=True, timeout=180, check=True)
    return root / "out" / "report.doc"


def test_doc_is_linted_through_libreoffice(doc_file):
    assert doc_file.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    found = lint_bytes("report.doc", doc_file.read_bytes(), RULES).diagnostics
    assert sorted(d.code for d in found) == ["GL108", "GL205", "GL208", "GL304", "GL304"]
    assert all(d.location for d in found)


def test_doc_without_libreoffice_is_gl001_with_word_advice(tmp_path):
    (tmp_path / "report.doc").write_bytes(FAKE_DOC)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent), NO_COLOR="1")
    from conftest import govlint_command

    result = subprocess.run(govlint_command() + ["--format", "json", "--no-cache", "report.doc"], cwd=tmp_path, capture_output=True, env=env, timeout=60)
    found = json.loads(result.stdout)
    assert [(d["code"], d["line"]) for d in found] == [("GL001", 1)]
    assert "请用 Word 或 WPS 另存为 .docx" in found[0]["message"] and "LibreOffice" in found[0]["message"]


def test_converter_over_its_time_limit_is_gl001(tmp_path, monkeypatch):
    from govlint.sources import legacy

    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(legacy, "CONVERT_SECONDS", 1)
    found = lint_bytes("report.doc", FAKE_DOC, RULES).diagnostics
    assert [d.code for d in found] == ["GL001"] and "1 秒" in found[0].message and "另存为 .docx" in found[0].message


def test_ole_file_that_is_not_a_text_document_is_gl001_without_conversion():
    workbook = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024) + "Workbook".encode("utf-16-le") + bytes(1024)
    found = lint_bytes("report.doc", workbook, RULES).diagnostics
    assert [d.code for d in found] == ["GL001"] and "不是 Word 或 WPS 文字文档" in found[0].message


def test_directory_of_only_pdf_and_doc_files_is_checked(tmp_path):
    shutil.copy(REAL / "004_jiangsu_hongze_2023.pdf", tmp_path / "a.pdf")
    (tmp_path / "b.doc").write_bytes(FAKE_DOC)
    result = run_govlint("--format", "json", "--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    paths = {d["path"] for d in json.loads(result.stdout)}
    assert paths == {"a.pdf", "b.doc"}


# --------------------------------------------------------------------------- text input

def test_utf8_with_a_truncated_last_character_is_read_with_gl002():
    data = TEXT.encode("utf-8") + "。".encode("utf-8")[:2]
    found = [(d.code, d.span.line) for d in lint_text(data) if d.code.startswith("GL0")]
    last = len(TEXT.split("\n"))
    assert found == [("GL002", last)]
    assert sorted(d.code for d in lint_text(data) if not d.code.startswith("GL0")) == ["GL108", "GL205", "GL208", "GL304", "GL304"]


def test_utf8_with_a_gbk_sentence_pasted_in_is_gl002_at_the_bad_bytes():
    lines = TEXT.split("\n")
    data = "\n".join(lines[:5]).encode("utf-8") + "\n".encode() + "本段从旧稿粘贴。".encode("gbk") + b"\n" + "\n".join(lines[5:]).encode("utf-8")
    found = [(d.code, d.span.line, d.span.column) for d in lint_text(data) if d.code.startswith("GL0")]
    assert found == [("GL002", 6, 1)]


def test_mostly_gbk_file_is_still_read_as_gbk():
    assert [d.code for d in lint_text(TEXT.encode("gbk")) if d.code.startswith("GL0")] == []


def test_radical_code_points_in_text_are_read_as_ideographs():
    text = TEXT.replace("一、总体情况", "⼀、总体情况").replace("人民政府", "人⺠政府")
    assert sorted(d.code for d in lint_text(text)) == sorted(d.code for d in lint_text(TEXT))
    assert read_source("r.txt", text.encode("utf-8")).text == text  # positions: the file is not rewritten


def test_word_table_pasted_as_a_picture_is_gl006(tmp_path):
    import docx
    from docx.shared import Cm
    from PIL import Image

    lines = TEXT.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    to_docx("\n".join(lines[: heading + 1] + lines[heading + 5:]), tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    following = next(p for p in document.paragraphs if p.text.startswith("五、"))
    picture = tmp_path / "t4.png"
    Image.new("RGB", (900, 200), "white").save(picture)
    following.insert_paragraph_before().add_run().add_picture(str(picture), width=Cm(15))
    document.save(str(tmp_path / "r.docx"))
    found = [(d.code, d.location) for d in lint_bytes("r.docx", (tmp_path / "r.docx").read_bytes(), RULES).diagnostics]
    assert sorted(code for code, _ in found) == ["GL006", "GL108", "GL205", "GL208"]
    assert [location for code, location in found if code == "GL006"] == [f"第 {heading + 1} 段"]  # at the heading of 四


# --------------------------------------------------------------------------- govlint show, hook

def test_show_numbers_web_page_lines_by_the_page_source(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(government_page(article()), encoding="utf-8")
    result = run_govlint("show", "page.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    source = page.read_text(encoding="utf-8").split("\n")
    gl205 = next(d for d in lint_bytes("page.html", page.read_bytes(), RULES).diagnostics if d.code == "GL205")
    shown = [line for line in out.splitlines() if line.lstrip().startswith(f"{gl205.span.line} │")]
    assert len(shown) == 1 and "2.其他法律行政止公开" in shown[0] and "2.其他法律行政止公开" in source[gl205.span.line - 1]
    assert "# 网页发布日期：2024-02-26" in out and "表三（收到和处理政府信息公开申请情况）" in out


def test_show_of_a_text_file_and_of_a_missing_one(tmp_path):
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    result = run_govlint("show", "r.txt", cwd=tmp_path)
    lines = result.stdout.decode("utf-8").splitlines()
    assert result.returncode == 0 and lines[0].startswith("# r.txt：文本（utf-8）")
    assert lines[4] == f"{4:>2} │ 一、总体情况"
    missing = run_govlint("show", "nothing.pdf", cwd=tmp_path)
    assert missing.returncode == 2 and "没有这个文件" in missing.stderr.decode("utf-8") and not missing.stdout


def test_precommit_hook_runs_on_every_format_govlint_reads():
    import re

    from ruamel.yaml import YAML

    hook = YAML(typ="safe", pure=True).load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    from govlint.cli import EXTENSIONS  # what a directory walk picks up

    for extension in EXTENSIONS:
        assert re.search(hook["files"], f"reports/2024{extension}") and re.search(hook["files"], f"reports/2024{extension.upper()}")
    assert not re.search(hook["files"], "photo.png")
