"""Check kinds for the report year, the statistical period, stale years and the report date."""

from __future__ import annotations

import re
from datetime import date

from govlint.checks import Finding, agency_matches, check_kind

_NARRATIVE_YEAR = re.compile(
    r"(?<![较比与同自从于至截\d〔\[(])(\d{4})\s{0,3}年度?(?=\s{0,3}[，,]|政府信息公开工作(?!年度报告|报告|年报)"
    r"|\s{0,3}全(?:年|区|市|县|镇|乡|街道)|\s{0,3}[,，]?\s{0,3}(?:我|本)(?:镇|乡|区|县|市|局|单位|机关|街道))"
)
_DATE_LINE = re.compile(r"^[^。，,；;：:！？!?\d]{0,40}?([0-9〇零○一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日$")
"""The date under a report, alone or after the agency's name (``某局2025年1月7日``), in
Arabic or Chinese numerals (``二〇二五年一月二十日``)."""
_CHINESE_NUMBER = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


def _number(text: str) -> int:
    """``2025``, ``二〇二五``, ``十二``, ``二十一`` as a number."""
    if text.isdigit() and text.isascii():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CHINESE_NUMBER.get(tens, 1) if tens else 1) * 10 + (_CHINESE_NUMBER.get(ones, 0) if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CHINESE_NUMBER.get(ch, 0)
    return value


def _fmt(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（无法识别的日期）"


@check_kind("report-year")
def report_year(report, params):
    """The report year must be known: from the title, or from a stated statistical period."""
    if report.year is None and (report.sections or report.title):
        yield Finding(report.title.span if report.title else report.whole_file, {})


@check_kind("period-statement")
def period_statement(report, params):
    """Some sentence states the statistical period of the data."""
    if not report.periods and report.sections:
        yield Finding(report.title.span if report.title else report.whole_file, {"year": report.year or "20XX"})


@check_kind("period-mismatch")
def period_mismatch(report, params):
    """A stated statistical period must be 1 January – 31 December of the report year."""
    year = report.year
    if year is None:
        return
    for period in report.periods:
        if period.start != date(year, 1, 1) or period.end != date(year, 12, 31):
            yield Finding(period.span, {"found": f"{_fmt(period.start)}至{_fmt(period.end)}", "year": year})


@check_kind("stale-year", lookback=(int, False))
def stale_year(report, params):
    """An earlier year written where the report year belongs (``2023年，我镇…`` in a 2024
    report): the mark of last year's text copied forward. Comparisons (``较2023年``),
    ranges (``2023年以来``), document numbers (``〔2023〕``) and later years are not findings."""
    year = report.year
    if year is None:
        return
    lookback = params.get("lookback", 3)
    for paragraph in report.paragraphs():
        for match in _NARRATIVE_YEAR.finditer(paragraph.text):
            found = int(match.group(1))
            if year - lookback <= found < year:
                yield Finding(report.locate(paragraph, match.start(1), match.end()), {"found": found, "year": year})


@check_kind("report-date", deadline=(str, True), government_deadline=(str, False), government=(dict, False))
def report_date(report, params):
    """The date under the report (a line of its own near the end) lies after the period
    and by the deadline: ``deadline`` (MM-DD of the next year), or ``government_deadline``
    for a government's own report (agency matching ``government``)."""
    year = report.year
    if year is None or not report.sections:
        return
    published = report.published  # a web page's publication date: the deadline is about publishing
    if published is not None:
        last = _deadline(report, params, year)
        values = {"found": _fmt(published), "year": year, "deadline": _fmt(last)}
        if published > last or published <= date(year, 12, 31):
            yield Finding(report.title.span if report.title else report.whole_file, values, "published-late" if published > last else "published-early")
    last_section = max((*report.sections, *report.other_sections), key=lambda s: s.span.line)
    tail = last_section.paragraphs[-3:]
    for paragraph in reversed(tail):
        match = _DATE_LINE.match(paragraph.text.replace(" ", ""))
        if not match:
            continue
        try:
            signed = date(*(_number(group) for group in match.groups()))
        except ValueError:
            return
        last = _deadline(report, params, year)
        values = {"found": _fmt(signed), "year": year, "deadline": _fmt(last)}
        if signed <= date(year, 12, 31):
            yield Finding(paragraph.span, values, "early")
        elif signed > last and published is None:
            yield Finding(paragraph.span, values, "late")
        return


def _deadline(report, params, year: int) -> date:
    """The last day to publish: ``deadline`` (MM-DD of the next year), or
    ``government_deadline`` for a government's own report."""
    deadline = params["deadline"]
    if params.get("government") and params.get("government_deadline") and agency_matches(report, params["government"]):
        deadline = params["government_deadline"]
    month, day = (int(x) for x in deadline.split("-"))
    return date(year + 1, month, day)
