"""A scoring model as data (domain.md §11): a versioned tree of indicators whose sibling weights
sum to 100, each leaf naming its source (computed, entered, or a vote); the built-in defaults;
reading and checking a model from JSON and writing it back; its rows for a table."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from docket.core.errors import BadInput
from docket.core.score_figures import BAD_NUMBER, NUMBER_CAP, Absurd, parse_number, shown

SOURCES = ("computed", "entered", "vote")
# computed metrics of a unit's items of the year, each a percentage or a mean of points
METRICS = {
    "timeliness": "按期办理率（主办答复与协办意见）",
    "on_time": "按期答复率（主办）",
    "reply_rate": "答复率",
    "contact": "办理前联系代表比例",
    "outcome": "办理成效分（按答复类别）",
    "satisfaction": "代表满意度分（按评价等次）",
    "satisfaction_rate": "满意率",
}
KINDS = ("unit", "appraisal")


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    weight: Fraction
    source: str | None = None          # leaves only
    metric: str | None = None          # computed leaves
    per: str = "unit"                  # entered leaves of a unit model: 'reply' (replies.quality) or 'unit'
    outcome: bool = False              # counts toward the model's outcome_min
    children: tuple[Indicator, ...] = ()

    @property
    def leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    title: str
    kind: str
    indicators: tuple[Indicator, ...]
    bands: tuple[tuple[str, Fraction], ...] | None = None   # None: setting score.bands
    min_items: int | None = None                            # None: setting score.min_items
    outcome_min: Fraction | None = None
    version: int = 1

    def leaves(self) -> list[Indicator]:
        out: list[Indicator] = []

        def walk(nodes: tuple[Indicator, ...]) -> None:
            for n in nodes:
                out.append(n) if n.leaf else walk(n.children)
        walk(self.indicators)
        return out

    def find(self, key: str) -> Indicator | None:
        """An indicator by id or by its Chinese name."""
        stack = list(self.indicators)
        while stack:
            n = stack.pop(0)
            if key in (n.id, n.name):
                return n
            stack.extend(n.children)
        return None


def _leaf(id_: str, name: str, w: int, source: str, **kw: Any) -> dict:
    return {"id": id_, "name": name, "weight": w, "source": source, **kw}


DEFAULTS: dict[str, dict] = {
    "unit": {"name": "unit", "title": "承办单位办理工作考评", "kind": "unit", "indicators": [
        _leaf("timeliness", "办理时效", 20, "computed", metric="timeliness"),
        _leaf("contact", "沟通联系", 10, "computed", metric="contact"),
        _leaf("quality", "答复质量", 20, "entered", per="reply"),
        _leaf("outcome", "办理成效", 20, "computed", metric="outcome"),
        _leaf("satisfaction", "代表满意度", 30, "computed", metric="satisfaction"),
    ]},
    "appraisal": {"name": "appraisal", "title": "部门工作评议", "kind": "appraisal", "outcome_min": 60,
                  "indicators": [
        _leaf("lawful", "依法履职", 25, "entered"),
        _leaf("policy", "政策落实", 30, "entered", outcome=True),
        _leaf("service", "服务效能", 25, "entered", outcome=True),
        _leaf("satisfaction", "群众满意度", 20, "vote", outcome=True),
    ]},
}


def _number(v: Any, where: str, errors: list[str]) -> Fraction | None:
    try:
        return parse_number(v)
    except Absurd:
        errors.append(BAD_NUMBER.format(what=where, text=shown(v)))
    except (ValueError, TypeError, ZeroDivisionError):
        errors.append(f"{where}：“{shown(v)}”不是数")
    return None


def parse_model(data: Any, *, version: int = 1) -> Model:
    """Check a model definition; every problem is reported at once, in Chinese."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise BadInput("评分模型应为 JSON 对象（含 name、title、kind、indicators）")
    name = str(data.get("name") or "").strip()
    kind = data.get("kind") or "unit"
    if not name:
        errors.append("模型名称 name 不能为空")
    if kind not in KINDS:
        errors.append(f"模型类型 kind “{kind}”应为 unit（承办单位）或 appraisal（部门评议）")
    seen: set[str] = set()
    unread: set[int] = set()  # id() of indicators whose weight was not a number: no sum check

    def node(d: Any, path: str) -> Indicator | None:
        if not isinstance(d, dict):
            errors.append(f"{path}：应为含 id、name、weight 的对象")
            return None
        nid = str(d.get("id") or "").strip()
        label = str(d.get("name") or nid).strip()
        where = f"指标“{label or path}”"
        if not nid:
            errors.append(f"{where}：编号 id 不能为空")
        elif nid in seen:
            errors.append(f"{where}：编号“{nid}”重复")
        seen.add(nid)
        w = _number(d.get("weight"), f"{where}的权重", errors)
        if w is not None and w <= 0:
            errors.append(f"{where}：权重应大于0，现为{_weight_text(w)}")
        kids = tuple(filter(None, (node(c, f"{path}.{i + 1}") for i, c in enumerate(d.get("children") or []))))
        if d.get("children"):
            _sum_check(kids, f"“{label}”的下级指标", errors, unread)
            return _read(Indicator(nid, label, w or Fraction(0), children=kids, outcome=bool(d.get("outcome"))),
                         w, unread)
        source = d.get("source")
        metric = d.get("metric")
        per = d.get("per") or ("reply" if nid == "quality" and kind == "unit" else "unit")
        if source not in SOURCES:
            errors.append(f"{where}：来源 source “{source}”应为 computed（计算）、entered（录入）或 vote（测评）")
        elif source == "computed" and metric not in METRICS:
            errors.append(f"{where}：计算指标的 metric “{metric}”应为 {'、'.join(METRICS)} 之一")
        elif source == "vote" and kind != "appraisal":
            errors.append(f"{where}：测评（vote）来源只能用于部门评议模型")
        elif source == "entered" and per not in ("reply", "unit"):
            errors.append(f"{where}：录入指标的 per “{per}”应为 reply（每件答复）或 unit（每个单位）")
        return _read(Indicator(nid, label, w or Fraction(0), source, metric if source == "computed" else None,
                               per, bool(d.get("outcome"))), w, unread)

    raw = data.get("indicators")
    if not isinstance(raw, list) or not raw:
        errors.append("指标 indicators 不能为空")
        raw = []
    top = tuple(filter(None, (node(d, str(i + 1)) for i, d in enumerate(raw))))
    if top:
        _sum_check(top, "一级指标", errors, unread)
    bands = None
    if data.get("bands") not in (None, "", {}):
        bands = _bands(data["bands"], errors)
    min_items = data.get("min_items")
    if min_items is not None and (not isinstance(min_items, int) or isinstance(min_items, bool)
                                  or not 0 <= min_items <= NUMBER_CAP):
        errors.append(f"最少主办件数 min_items “{shown(min_items)}”应为不小于0的整数")
    outcome_min = None
    if data.get("outcome_min") is not None:
        outcome_min = _number(data["outcome_min"], "结果指标最低权重 outcome_min", errors)
    model = Model(name, str(data.get("title") or name), kind, top, bands, min_items, outcome_min, version)
    if outcome_min is not None and top and not errors:
        share = _outcome_share(model.indicators, Fraction(1)) * 100
        if share < outcome_min:
            errors.append(f"结果指标（outcome）权重合计为{_weight_text(share)}，不得低于{_weight_text(outcome_min)}")
    if errors:
        raise BadInput(f"评分模型“{name or '?'}”有误，未保存：", errors)
    return model


def _weight_text(x: Fraction) -> str:
    return str(int(x)) if x.denominator == 1 else f"{float(x):g}"


def _read(ind: Indicator, weight: Fraction | None, unread: set[int]) -> Indicator:
    if weight is None:
        unread.add(id(ind))
    return ind


def _sum_check(nodes: tuple[Indicator, ...], what: str, errors: list[str], unread: set[int]) -> None:
    if any(id(n) in unread for n in nodes):
        return  # the unreadable weight is already reported; a sum without it would mislead
    total = sum((n.weight for n in nodes), Fraction(0))
    if total != 100:
        parts = "、".join(f"{n.name}{_weight_text(n.weight)}" for n in nodes)
        errors.append(f"{what}权重合计为{_weight_text(total)}，应为100（{parts}）")


def _outcome_share(nodes: tuple[Indicator, ...], scale: Fraction) -> Fraction:
    out = Fraction(0)
    for n in nodes:
        s = scale * n.weight / 100
        out += s if n.outcome else _outcome_share(n.children, s)
    return out


def _bands(raw: Any, errors: list[str]) -> tuple[tuple[str, Fraction], ...] | None:
    if isinstance(raw, str):
        pairs = [p.split("=", 1) for p in raw.replace("；", ";").split(";") if p.strip()]
    elif isinstance(raw, dict):
        pairs = list(raw.items())
    else:
        pairs = [tuple(p) for p in raw]
    out = []
    for p in pairs:
        if len(p) != 2:
            errors.append(f"等次分数线“{p}”应写作 等次=分数")
            continue
        v = _number(str(p[1]).strip(), f"等次“{str(p[0]).strip()}”的分数线", errors)
        if v is not None:
            out.append((str(p[0]).strip(), v))
    if any(a[1] <= b[1] for a, b in itertools.pairwise(out)):
        errors.append("等次分数线应从高到低排列，例如 优秀=90;良好=80;一般=60;较差=0")
    if any(not 0 <= v <= 100 for _, v in out):
        errors.append("等次分数线应在0–100之间")
    return tuple(out) or None


def model_to_dict(model: Model) -> dict:
    def node(n: Indicator) -> dict:
        d: dict[str, Any] = {"id": n.id, "name": n.name, "weight": json_number(n.weight)}
        if n.children:
            d["children"] = [node(c) for c in n.children]
        else:
            d["source"] = n.source
            if n.metric:
                d["metric"] = n.metric
            if n.source == "entered" and model.kind == "unit":
                d["per"] = n.per
        if n.outcome:
            d["outcome"] = True
        return d
    out: dict[str, Any] = {"name": model.name, "title": model.title, "kind": model.kind,
                           "version": model.version, "indicators": [node(n) for n in model.indicators]}
    if model.bands:
        out["bands"] = {k: json_number(v) for k, v in model.bands}
    if model.min_items is not None:
        out["min_items"] = model.min_items
    if model.outcome_min is not None:
        out["outcome_min"] = json_number(model.outcome_min)
    return out


def json_number(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


def walk_indicators(nodes: tuple[Indicator, ...]):
    for n in nodes:
        yield n
        yield from walk_indicators(n.children)


def model_rows(model: Model) -> list[dict]:
    """The indicator tree as table rows, indented by level, with each leaf's source in words."""
    rows: list[dict] = []

    def how(n: Indicator) -> str:
        if n.source == "computed":
            return f"计算：{METRICS.get(n.metric or '', '')}"
        if n.source == "vote":
            return "满意度测评"
        if n.source == "entered":
            return "录入（每件答复）" if n.per == "reply" and model.kind == "unit" else "录入"
        return "下级指标加权"

    def walk(nodes: tuple[Indicator, ...], depth: int) -> None:
        for n in nodes:
            rows.append({"id": n.id, "name": "　" * depth + n.name, "weight": _weight_text(n.weight),
                         "source": how(n) + ("，结果指标" if n.outcome else "")})
            walk(n.children, depth + 1)
    walk(model.indicators, 0)
    return rows
