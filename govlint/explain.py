"""Rules and check kinds explained to a person, in Chinese: ``govlint rule CODE`` (what,
why, a failing and a passing example with the difference marked, how to fix) and
``govlint rule --kinds`` (every check kind and its parameters, for writing a local pack)."""

from __future__ import annotations

import difflib
import re

from govlint.output import SEVERITY_ZH

CONTEXT = 1
"""Unchanged lines shown around each difference between the failing and the passing example."""


def _width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _caret(old: str, new: str) -> str:
    """Spaces and ``^`` under the characters of ``new`` that differ from ``old``."""
    marks = []
    for tag, _, _, start, end in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("replace", "insert"):
            marks.append((start, max(end, start + 1)))
        elif tag == "delete":
            marks.append((start, start + 1))
    line = ""
    for start, end in marks:
        line += " " * (_width(new[:start]) - _width(line)) + "^" * max(1, _width(new[start:end]))
    return line.rstrip()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _visible(text: str) -> str:
    """Control characters (a binary example's NULs) written as ``\\x00``, never sent to the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def example_diff(failing: str, passing: str) -> list[str]:
    """The two examples as one listing: unchanged lines once, the failing line marked ``-``,
    the passing one ``+`` with ``^`` under what changed (when the two lines are alike);
    long unchanged runs elided."""
    old, new = _visible(failing.rstrip("\n")).split("\n"), _visible(passing.rstrip("\n")).split("\n")
    out: list[str] = []
    for group in difflib.SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(CONTEXT):
        first = group[0]
        if first[1] > 0 or first[3] > 0:
            out.append(f"  …（省略 {first[1]} 行相同的内容）" if first[1] else "  …")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(f"  {line}" for line in old[i1:i2])
                continue
            removed, added = old[i1:i2], new[j1:j2]
            for index in range(max(len(removed), len(added))):
                if index < len(removed):
                    out.append(f"- {removed[index]}")
                if index < len(added):
                    out.append(f"+ {added[index]}")
                    alike = index < len(removed) and difflib.SequenceMatcher(None, removed[index], added[index]).ratio() >= 0.5
                    if alike:
                        out.append(f"  {_caret(removed[index], added[index])}")
        last = group[-1]
        if last[2] < len(old):
            out.append(f"  …（省略 {len(old) - last[2]} 行相同的内容）")
    return out


def rule_text(rule) -> str:
    """One rule explained: what, why (with its source), the examples' difference, how to fix."""
    lines = [f"{rule.code}（{rule.name}）",
             f"严重程度：{SEVERITY_ZH.get(rule.severity, rule.severity)}{'' if rule.enabled else '（默认关闭，用 --extend-select 或规则包启用）'}"
             f"    规则包：{rule.pack}"]
    lines += ["", f"检查什么：{rule.summary}"]
    if rule.why:
        lines += ["", f"为什么：{rule.why}"]
    failing, passing = rule.examples.get("fail") or [], rule.examples.get("pass") or []
    if failing and passing:
        lines += ["", "示例（“-”行不合格，“+”行合格，^ 标出改动之处，其余行两者相同）："]
        lines += [f"    {line}" for line in example_diff(failing[0], passing[0])]
    elif failing:
        lines += ["", "不合格的示例："] + [f"    {line}" for line in _visible(failing[0].rstrip("\n")).split("\n")]
    if rule.fix:
        lines += ["", f"怎么改：{rule.fix}"]
    return "\n".join(lines) + "\n"


def _param_docs() -> dict[str, str]:
    """What each parameter name means, with the values the format schema defines."""
    from govlint.schema import load_format

    schema = load_format("2021")
    sections = "、".join(f"{s.id}（{s.numeral}、{s.heading}）" for s in schema.sections)
    tables = "；".join(f"{t.id}（{t.name}）列 {', '.join(t.columns)}" for t in schema.tables)
    return {
        "section": f"报告的哪一部分：{sections}，或 preamble（标题之后、第一部分之前的开头）",
        "sections": f"部分的列表，取值同 section：{', '.join(s.id for s in schema.sections)}",
        "tables": f"表格的列表：{', '.join(t.id for t in schema.tables)}",
        "table": f"一个表格：{tables}（行的 id 见 grammar/formats/2021.yaml）",
        "for_each": "row（每行核对一次，identities 写列 id）或 column（每列核对一次，identities 写行 id）",
        "identities": "等式列表 {left: [id...], right: [id...], label: 名称}：left 之和应等于 right 之和",
        "only": "只核对这些行（for_each: row 时）或列的 id",
        "patterns": "正则表达式列表（去掉空白后匹配），任一匹配即视为已写明",
        "names": "正则表达式列表：一句话里出现其中之一，才算说到了这项内容（如“处理费”）",
        "facts": "正则表达式列表：同一句话里还须出现其中之一，才算说明了事实（否定，如“未收取”；或金额，如“0元”）",
        "cited": "书名号中匹配此正则的文件名在匹配前替换为《办法》，其他书名号中的文字替换为《》",
        "subject": "消息中称呼的内容，如“信息处理费的收取情况”（消息模板里的 {subject}）",
        "since_year": "只检查该年度及以后的报告（整数，如 2021）",
        "unless_elsewhere": "true：若在其他部分写明则不报告（交给 misplaced-statement 规则）",
        "topics": "要点列表 {name: 名称, words: [关键词...]}，某要点的关键词都未出现时报告",
        "applies_to": "只检查标题中机关名称匹配的报告：{agency: 正则, not_agency: 正则}",
        "events": "读取和规范化阶段记录的事件：unreadable、gloss、mojibake、replacement-char、traditional、residue",
        "lookback": "往前看几年（整数，默认 3）",
        "deadline": "报告落款日期的最晚月日（MM-DD，次年）",
        "government_deadline": "政府本级报告的最晚月日（MM-DD，次年）",
        "government": "哪些报告算政府本级报告：{agency: 正则, not_agency: 正则}",
        "figures": "正文数字与表格的对应：[{name, pattern（含命名组 n 的正则）, cells: 表.行.列}]",
        "same_as": "沿用另一条规则的全部参数（规则代码），再逐项覆盖",
    }


KIND_ZH = {
    "blank-cells": "应填数字的单元格为空或填了“/”“-”“无”等：每个表报告一次，指向第一个",
    "duplicate-section": "同一部分的标题出现了不止一次",
    "empty-section": "部分只有标题，后面没有文字也没有表格",
    "format-version": "表格采用了另一版格式（与报告年度或配置指定的格式不同）",
    "input-event": "读取和规范化阶段记录的事件（无法读取、拼音注音、繁体、转换残留……），每类报告一次",
    "invalid-value": "单元格是文字、负数，或在要求件数的地方填了小数",
    "label-mismatch": "行或列的标签与标准文字不同（空格、全半角括号、编号写法的差别不算）",
    "misplaced-statement": "某项说明不在规定的部分，而写在了报告的其他地方",
    "missing-row": "表格缺少标准行（每个表报告一次，列出缺少的行）",
    "not-a-report": "文件没有可识别的标题、部分或表格",
    "period-mismatch": "写明的统计期限不是报告年度的 1 月 1 日至 12 月 31 日",
    "period-statement": "报告中没有任何一句写明数据的统计期限",
    "report-date": "报告落款日期早于统计期限结束，或晚于 deadline（政府本级报告用 government_deadline）",
    "report-year": "无法从标题或统计期限确定报告年度",
    "required-sections": "列出的各部分都必须有；缺少的部分报告在它应在的位置",
    "required-statement": "指定部分（或 preamble 开头）必须写明某项内容：有一句话既点名（names）又说明事实（facts），或 patterns 中任一正则匹配该部分的文字",
    "required-tables": "第二、三、四部分各有自己的统计表",
    "required-topics": "部分的文字必须涉及每个要点（要点的任一关键词出现即可），缺少的要点一次列出",
    "row-shape": "某行的数值个数与列数不同：无法放入各列，不参与勾稽检查；每个表报告一次",
    "section-heading": "按相近文字或序号位置识别出的部分，标题既不是标准文字也不是已知变体",
    "section-order": "各部分应按一至六的顺序排列",
    "stale-year": "正文把更早的年份当作报告年度来写（比较、区间、文号和以后的年份不算）",
    "sum-identity": "勾稽关系：left 之和等于 right 之和，按行（for_each: row，写列 id）或按列（for_each: column，写行 id）逐一核对",
    "text-figures": "正文中的数字（由正则的命名组 n 取出）应等于表格中对应单元格之和",
    "title": "标题应写明机关名称和报告年度：<机关名称>20XX年政府信息公开工作年度报告",
    "unknown-row": "表中有格式没有的行（或同一标准行出现两次）",
}
"""What each built-in check kind checks, in Chinese; a plugin's kind shows its docstring."""


def _type_name(kind) -> str:
    names = {str: "文本", int: "整数", bool: "true/false", list: "列表", dict: "映射"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return "或".join(names.get(k, k.__name__) for k in kinds)


def _placeholders(rules) -> dict[str, list[str]]:
    """The message placeholders the shipped rules of each kind use: what a new rule may use."""
    import string

    found: dict[str, dict] = {}
    for rule in rules:
        for template in rule.messages.values():
            for _, name, _, _ in string.Formatter().parse(template):
                if name:
                    found.setdefault(rule.kind, {})[name] = None
    return {kind: list(names) for kind, names in found.items()}


def kinds_text(kinds: dict, rules=()) -> str:
    """Every check kind with its description and parameters (type, required, meaning, values),
    and the message placeholders the shipped ``rules`` of that kind use."""
    docs = _param_docs()
    placeholders = _placeholders(rules)
    out = ["规则文件的字段：code（2–4 个大写字母加 3 位数字，用规则包的 prefix）、name（小写连字符）、"
           "severity（error、warning、info）、kind（下列检查类型之一）、summary、message（可用 {占位符}）、"
           "params（检查类型的参数）、why（依据和来源）、fix（怎么改）、enabled、examples {fail: [...], pass: [...]}。"
           "覆盖继承的规则：override: 代码，可改 severity、enabled、message、params、why、fix、examples。"
           "params 里写 same_as: 规则代码，可沿用另一条规则的参数再逐项覆盖。", ""]
    for name in sorted(kinds):
        kind = kinds[name]
        doc = KIND_ZH.get(name) or (" ".join(kind.doc.split()) if kind.doc else "")
        out.append(f"{name}：{doc}" if doc else name)
        if not kind.params:
            out.append("    （无参数）")
        for param, (ptype, required) in kind.params.items():
            meaning = docs.get(param, "")
            out.append(f"    {param}（{_type_name(ptype)}，{'必填' if required else '可选'}）{'：' + meaning if meaning else ''}")
        for group in getattr(kind, "one_of", ()):
            out.append(f"    （{'、'.join(group)} 至少写一个）")
        if placeholders.get(name):
            out.append(f"    message 可用的占位符：{'、'.join('{' + p + '}' for p in placeholders[name])}")
        out.append("")
    return "\n".join(out)
