"""``govlint pack check DIR``: a rule pack validated (every file, with the packs it extends)
and each of its rules run on its own ``examples``: a ``fail`` example must make the rule
report, a ``pass`` example must not."""

from __future__ import annotations

from pathlib import Path


def example_problems(rule) -> tuple[int, list[str]]:
    """(examples run, what went wrong with them) for one rule."""
    from govlint.lint import lint_bytes

    problems, count = [], 0
    for kind, label in (("fail", "不合格示例"), ("pass", "合格示例")):
        for index, text in enumerate(rule.examples.get(kind) or [], start=1):
            count += 1
            found = [d for d in lint_bytes("example.txt", text.encode("utf-8"), [rule]).diagnostics if d.code == rule.code]
            if kind == "fail" and not found:
                problems.append(f"{label} {index} 没有报出 {rule.code}")
            elif kind == "pass" and found:
                problems.append(f"{label} {index} 报出了 {rule.code}（第 {found[0].span.line} 行：{found[0].message}）")
    return count, problems


def check_pack(directory: Path) -> tuple[int, str]:
    """(number of misbehaving examples, the report in Chinese). A malformed pack raises
    DataFileError (file, line, reason: exit 2)."""
    from govlint.lint import NATIONAL, register_pack_directory, ruleset

    name = register_pack_directory(directory)
    rules = ruleset(tuple(dict.fromkeys((NATIONAL, name))))
    pack = rules.packs[name]
    codes = [r.code for r in pack.rules] + [o.code for o in pack.overrides]
    lines, failures = [], 0
    for code in codes:
        rule = rules.get(code)
        count, problems = example_problems(rule)
        failures += len(problems)
        if not count:
            lines.append(f"{code} {rule.name}：没有示例（建议至少写一个 fail 示例和一个 pass 示例）")
        elif problems:
            lines += [f"{code} {rule.name}：{problem}" for problem in problems]
        else:
            lines.append(f"{code} {rule.name}：{count} 个示例，全部符合")
    verdict = f"{failures} 个示例不符合" if failures else "格式正确，示例全部符合"
    lines.append(f"规则包 {pack.name}（{directory}）：{len(pack.rules)} 条新规则，{len(pack.overrides)} 条覆盖；{verdict}。")
    return failures, "\n".join(lines) + "\n"
