"""Scoring packs: a supervisor's published scheme for the annual-report item of their
政务公开 assessment, as data — an item total, a floor, and deductions, each with the
source's own wording and what in govlint's findings it deducts for.

A deduction deducts for ``codes`` (rule codes or prefixes: any of them counts once),
for ``coverage: missing`` (the agency has no report for the year), or is ``manual``
(not visible in a report; listed for the supervisor). ``per: report`` deducts its points
once, ``per: finding`` once per matching finding up to ``cap``. ``advisory: true``
deductions are shown but not applied, as supervisors do with the ones they judge by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from govlint.resources import data_dir
from govlint.yamlload import DataFileError, line_of, load_yaml

PACK_FILE = "scoring.yaml"
_CODE = re.compile(r"^[A-Z]{2,}\d{0,3}$")
_FULL_CODE = re.compile(r"^[A-Z]{2,}\d{3}$")
_PACK_KEYS = {"name", "title", "item", "source", "total", "floor", "deductions", "note", "lint-pack"}
_DEDUCTION_KEYS = {"wording", "codes", "coverage", "manual", "points", "per", "cap", "advisory", "note"}


@dataclass(frozen=True)
class Deduction:
    wording: str
    points: float
    codes: tuple[str, ...] = ()
    coverage: str | None = None
    manual: bool = False
    per: str = "report"
    cap: float | None = None
    advisory: bool = False
    note: str = ""

    def matches(self, code: str) -> bool:
        return any(code == c or (not _FULL_CODE.match(c) and code.startswith(c)) for c in self.codes)

    def amount(self, codes: Counter) -> float:
        """Points this deduction takes from a report whose findings are counted in ``codes``."""
        if not self.codes:
            return 0.0
        hits = sum(count for code, count in codes.items() if self.matches(code))
        if not hits:
            return 0.0
        points = self.points if self.per == "report" else self.points * hits
        return min(points, self.cap) if self.cap is not None else points


@dataclass(frozen=True)
class Score:
    points: float
    applied: list[tuple[Deduction, float]] = field(default_factory=list)
    advisory: list[tuple[Deduction, float]] = field(default_factory=list)

    def explain(self) -> str:
        """The deductions in the source's words: ``未及时公开 −5；（仅提示）雷同 −5``."""
        parts = [f"{d.wording} −{_points(amount)}" for d, amount in self.applied]
        parts += [f"（仅提示）{d.wording} −{_points(amount)}" for d, amount in self.advisory]
        return "；".join(parts)


def _points(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class ScoringPack:
    name: str
    title: str
    item: str
    source: str
    total: float
    floor: float
    deductions: tuple[Deduction, ...]
    path: Path
    lint_pack: Path | None = None
    """A rule pack beside the scoring pack that sets the rules the way the scheme reads them
    (宿迁 A1-4: GL405 with a 31 March deadline); applied whenever the scoring pack is."""

    def _score(self, amounts: list[tuple[Deduction, float]]) -> Score:
        applied = [(d, a) for d, a in amounts if a and not d.advisory]
        advisory = [(d, a) for d, a in amounts if a and d.advisory]
        points = max(self.floor, self.total - sum(a for _, a in applied))
        return Score(round(points, 4), applied, advisory)

    def score(self, codes: Counter) -> Score:
        """The item's score for one report, from its findings counted by code."""
        return self._score([(d, d.amount(codes)) for d in self.deductions])

    def score_missing(self) -> Score:
        """The item's score for an agency with no report for the year."""
        return self._score([(d, d.points) for d in self.deductions if d.coverage == "missing"])

    @property
    def manual(self) -> list[Deduction]:
        return [d for d in self.deductions if d.manual]


def shipped() -> dict[str, Path]:
    """The scoring packs that ship with govlint, by name."""
    rules = data_dir("rules")
    return {path.parent.name.removeprefix("scoring-"): path for path in sorted(rules.glob(f"scoring-*/{PACK_FILE}"))}


def resolve(name: str) -> Path | None:
    """A shipped pack's name (``licheng-2020``), a pack directory or a pack file; None when
    ``name`` is none of them."""
    packs = shipped()
    if name in packs:
        return packs[name]
    path = Path(name)
    if path.is_dir():
        path = path / PACK_FILE
    return path if path.is_file() else None


def _unknown_key(node, known: set[str], path: Path) -> None:
    """A misspelt key is an error naming it, with a hint and the keys there are."""
    from govlint.clitext import did_you_mean

    unknown = sorted(str(key) for key in set(node) - known)
    if unknown:
        raise DataFileError(path, line_of(node, unknown[0]),
                            f"未知的键“{unknown[0]}”{did_you_mean(unknown[0], sorted(known))}（可用：{'、'.join(sorted(known))}）")


def _number(node, key, path: Path, required: bool = True, default=None) -> float | None:
    if key not in node:
        if required:
            raise DataFileError(path, line_of(node), f"缺少键“{key}”")
        return default
    value = node[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise DataFileError(path, line_of(node, key), f"“{key}”应是不小于 0 的数，如 5 或 0.5")
    return float(value)


def _text(node, key, path: Path, required: bool = True) -> str:
    value = node.get(key, None)
    if value is None:
        if required:
            raise DataFileError(path, line_of(node), f"缺少键“{key}”")
        return ""
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, line_of(node, key), f"“{key}”应是非空的文字")
    return value.strip()


def _flag(node, key, path: Path) -> bool:
    value = node.get(key, False)
    if not isinstance(value, bool):
        raise DataFileError(path, line_of(node, key), f"“{key}”应是 true 或 false")
    return value


def _deduction(node, path: Path) -> Deduction:
    if not isinstance(node, dict):
        raise DataFileError(path, line_of(node), "扣分项应是映射，如 {wording: 未及时公开, codes: [GL405], points: 5}")
    _unknown_key(node, _DEDUCTION_KEYS, path)
    codes = node.get("codes", [])
    if isinstance(codes, str):
        codes = [codes]
    if not isinstance(codes, list):
        raise DataFileError(path, line_of(node, "codes"), "“codes”应是规则代码或前缀的列表，如 [GL405] 或 [GL3]")
    bad = next((c for c in codes if not (isinstance(c, str) and _CODE.match(c))), None)
    if bad is not None:
        raise DataFileError(path, line_of(node, "codes"), f"“codes”中的“{bad}”不是规则代码或前缀：应是大写字母加数字，如 GL405 或 GL3")
    coverage = node.get("coverage")
    if coverage is not None and coverage != "missing":
        raise DataFileError(path, line_of(node, "coverage"), "“coverage”只能是 missing（名单内的单位没有该年度的报告）")
    manual = _flag(node, "manual", path)
    if sum((bool(codes), coverage is not None, manual)) != 1:
        raise DataFileError(path, line_of(node), "扣分项应有且只有 codes、coverage: missing、manual: true 三者之一")
    per = node.get("per", "report")
    if per not in ("report", "finding"):
        raise DataFileError(path, line_of(node, "per"), "“per”应是 report（每份报告扣一次）或 finding（每个问题扣一次）")
    cap = _number(node, "cap", path, required=False)
    if per == "finding" and cap is None:
        raise DataFileError(path, line_of(node), "“per: finding”的扣分项需要“cap”（最多扣多少分）")
    return Deduction(_text(node, "wording", path), _number(node, "points", path), tuple(codes), coverage, manual, per, cap,
                     _flag(node, "advisory", path), _text(node, "note", path, required=False))


def load(path: Path) -> ScoringPack:
    """Load and validate a scoring pack (safe YAML loader; errors carry file and line)."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, 1, "评分方案应是映射，含 name、title、item、source、total、floor 和 deductions")
    _unknown_key(data, _PACK_KEYS, path)
    deductions = data.get("deductions")
    if not isinstance(deductions, list) or not deductions:
        raise DataFileError(path, line_of(data, "deductions") or line_of(data), "“deductions”应是扣分项的列表（至少一项）")
    total = _number(data, "total", path)
    floor = _number(data, "floor", path, required=False, default=0.0)
    if floor > total:
        raise DataFileError(path, line_of(data, "floor"), f"“floor”（最低分 {floor:g}）不能高于“total”（满分 {total:g}）")
    return ScoringPack(_text(data, "name", path), _text(data, "title", path), _text(data, "item", path), _text(data, "source", path),
                       total, floor, tuple(_deduction(node, path) for node in deductions), path, _lint_pack(data, path))


def _lint_pack(data, path: Path) -> Path | None:
    """The ``lint-pack`` directory, which must lie inside the scoring pack's own directory."""
    name = data.get("lint-pack")
    if name is None:
        return None
    directory = (path.parent / str(name)).resolve()
    if not isinstance(name, str) or not directory.is_relative_to(path.parent.resolve()) or not (directory / "pack.yaml").is_file():
        raise DataFileError(path, line_of(data, "lint-pack"), "“lint-pack”应是评分方案所在目录之内的规则包目录（含 pack.yaml）")
    return directory
