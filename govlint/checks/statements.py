"""Check kinds for statements a section must make (the 信息处理费 statement in 六).

A statement is recognised sentence by sentence, by family rather than by exact words
(FORMAT.md, "Recognising statements in prose"): a sentence states the subject when it
*names* it (one of ``names``) and *states a fact* about it (one of ``facts``), or states
the fact right after a sentence that names it (a sub-heading, then ``本年度未收取。``). A
sentence that only names it — a restated requirement, a sub-heading, a policy — is not
a statement. Titles in 《…》 are masked first: citing 《政府信息公开信息处理费管理办法》
does not name the fee; a masked title that matches ``cited`` becomes ``《办法》``, which
``names`` may use (``未依据《办法》收取费用``). Rules of packs may still give plain
``patterns`` (any match in the section's text counts).
"""

from __future__ import annotations

import re

from govlint import patterns as pack_patterns
from govlint.checks import Finding, check_kind
from govlint.memo import memoised

_ONLY_NONE = re.compile(r"^[无無没有暂。.\s]*$")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_TITLE = re.compile(r"《[^《》\n]{0,120}》")
_SPACE = re.compile(r"\s+")
_CELL_BREAK = re.compile(r"[ \u3000]{0,8}[\t|][\s|]{0,64}")
_SENTENCE_MAX = 400
"""Sentences up to this long have their reading remembered."""
CITED = "《办法》"
"""What a masked title matching ``cited`` becomes."""


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` (split at 。；！？ and line ends)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _masked(sentence: str, cited: str | None) -> str:
    compact = _SPACE.sub("", _CELL_BREAK.sub("|", sentence))  # table cells stay apart: 信息处理费|0|
    return _TITLE.sub(lambda m: CITED if cited is not None and pack_patterns.search(cited, m.group()) else "《》", compact)


@memoised(maxsize=4096, longest=_SENTENCE_MAX)
def _reading(sentence: str, names: tuple[str, ...], facts: tuple[str, ...], cited: str | None) -> tuple[bool, bool]:
    """(names the subject, states a fact) for one sentence. Memoised: the required- and the
    misplaced-statement rule read the same sentences, and boilerplate recurs across reports."""
    text = _masked(sentence, cited)
    return _says(text, names), _says(text, facts)


def statement(paragraphs, params) -> tuple[object, int, int] | None:
    """``(paragraph, start, end)`` of the first sentence of ``paragraphs`` that makes the
    statement: it names the subject and states a fact, or states a fact right after a
    sentence that only names it (a sub-heading ``（一）信息处理费收取情况`` and then
    ``本年度未收取。``). With plain ``patterns``: the first paragraph one matches."""
    if "names" not in params:
        return next(((p, 0, len(p.text)) for p in paragraphs if _says(_SPACE.sub("", p.text), params.get("patterns", ()))), None)
    subject = tuple(params["names"]), tuple(params["facts"]), params.get("cited")
    named_before = False
    for paragraph in paragraphs:
        for start, end in sentences(paragraph.text):
            names, fact = _reading(paragraph.text[start:end], *subject)
            if fact and (names or named_before):
                return paragraph, start, end
            named_before = names
    return None


def _says(text: str, patterns) -> bool:
    """Whether one of a pack's patterns (run on the linear-time engine) matches ``text``."""
    return pack_patterns.any_search(patterns, text)


def _applies(report, params) -> bool:
    since = params.get("since_year")
    return not (since and report.year is not None and report.year < since)


PREAMBLE = "preamble"
"""``section: preamble`` means the text before section 一 (title excluded)."""


def _place(report, section_id: str):
    """(paragraphs, anchor span, label) of a section or of the preamble; None if absent."""
    if section_id == PREAMBLE:
        if not report.sections:
            return None
        anchor = report.title.span if report.title else report.sections[0].span
        return report.preamble, anchor, "报告开头"
    section = report.section(section_id)
    if section is None:
        return None
    return section.paragraphs, section.span, f"{section.schema.numeral}、{section.schema.heading}"


def _absent_place(report, section_id: str):
    """Where a missing section belongs, for a statement it should have made: the heading
    of the next section present (or the last one before it), as missing-section says."""
    if section_id == PREAMBLE or not report.sections:
        return None
    order = [s.id for s in report.format.sections]
    if section_id not in order:
        return None
    index = order.index(section_id)
    present = {s.schema.id: s for s in report.sections}
    later = [present[i] for i in order[index + 1:] if i in present]
    earlier = [present[i] for i in order[:index] if i in present]
    anchor = later[0].span if later else earlier[-1].span
    schema = report.format.section(section_id)
    return [], anchor, f"{schema.numeral}、{schema.heading}"




_STATEMENT_PARAMS = dict(section=(str, True), patterns=(list, False), names=(list, False), facts=(list, False),
                         cited=(str, False), since_year=(int, False), subject=(str, True), unless_elsewhere=(bool, False))
_ONE_OF = (("patterns", "names"),)


@check_kind("required-statement", one_of=_ONE_OF, **_STATEMENT_PARAMS)
def required_statement(report, params):
    """The section (or ``preamble``) states the subject: a sentence names it and states a
    fact (``names`` and ``facts``), or one of ``patterns`` matches its text. A missing
    section lacks the statement too. With ``unless_elsewhere``, a statement made in
    another part is left to the misplaced-statement rule."""
    if not _applies(report, params):
        return
    place = _place(report, params["section"]) or _absent_place(report, params["section"])
    if place is None:
        return
    paragraphs, anchor, label = place
    if statement(paragraphs, params):
        return
    if params.get("unless_elsewhere") and statement(report.paragraphs(), params):
        return
    values = {"subject": params["subject"], "section": label}
    text = "\n".join(p.text for p in paragraphs)
    if paragraphs and _ONLY_NONE.match(text):
        yield Finding(paragraphs[0].span, {**values, "found": report.quote(paragraphs[0].span, paragraphs[0].text)}, "only_none")
    else:
        yield Finding(anchor, values)


@check_kind("misplaced-statement", one_of=_ONE_OF, **_STATEMENT_PARAMS)
def misplaced_statement(report, params):
    """The statement is missing from its section (or the section is missing) but made in
    another part of the report: reported at the sentence that makes it."""
    if not _applies(report, params):
        return
    place = _place(report, params["section"]) or _absent_place(report, params["section"])
    if place is None or statement(place[0], params):
        return
    found = statement(report.paragraphs(), params)
    if found is not None:
        paragraph, start, end = found
        start += len(paragraph.text[start:end]) - len(paragraph.text[start:end].lstrip())
        yield Finding(report.locate(paragraph, start, end), {"subject": params["subject"], "section": place[2]})
