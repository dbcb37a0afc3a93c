"""Scoring models as data, the score engine, and handling-unit scores (domain.md §11).

A model is a versioned tree of indicators whose sibling weights sum to 100; each leaf names its
source (computed from the store, entered by the secretariat, or a vote). Values are exact
`Fraction`s: rounding (half up, 2 places) happens only on output, and ranks use exact scores.
Outputs name units only: never proposers, raters or their notes (背靠背, §10).
No click, textual, rich or docx here.
"""
from __future__ import annotations

import itertools
import json
import re
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from typing import Any

from docket.core.dates import now_iso
from docket.core.errors import BadInput, NotFound
from docket.core.numbers import round_half_up

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


# -- numbers ------------------------------------------------------------------------------------

def exact(value: Any) -> Fraction:
    """A decimal as written (81.5 stays 163/2, not the float's binary neighbour)."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


# A figure typed by a person: a plain decimal, optionally with a small exponent. 1e400, inf,
# nan or a 400-digit weight is a slip, not a figure (and Fraction("1e999999999") would hang).
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?")
NUMBER_CAP = 10**6
YEARS = (2000, 2100)
BAD_NUMBER = "{what}“{text}”不是有效数字"
YEAR_RANGE = "年度“{year}”不在{lo}–{hi}之间，请写四位年份，例如 2026"


class Absurd(ValueError):
    """A number as written that nobody means: not finite, or beyond NUMBER_CAP."""


def shown(value: Any, cap: int = 20) -> str:
    """What the user typed, cut short for a message."""
    text = str(value).strip()
    return text if len(text) <= cap else text[:cap] + "…"


def parse_number(value: Any) -> Fraction:
    """A weight, score or band typed by a person, exactly. ValueError if it is not a number,
    Absurd (a ValueError) if it is not finite or its size is beyond NUMBER_CAP; TypeError for a
    yes/no."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, Fraction):
        x = value
    elif isinstance(value, int):
        if abs(value) > NUMBER_CAP:
            raise Absurd(value)
        x = Fraction(value)
    else:
        text = str(value).strip()
        m = _DECIMAL.fullmatch(text)
        if m is None:
            if text.lower().lstrip("+-") in ("inf", "infinity", "nan"):
                raise Absurd(text)
            raise ValueError(text)
        if m.group(1) is not None and abs(int(m.group(1))) > 30:
            raise Absurd(text)
        if len(text) > 40:  # 400 digits without an exponent
            raise Absurd(text)
        x = Fraction(text)
    if abs(x) > NUMBER_CAP:
        raise Absurd(value)
    return x


def check_year(year: int) -> int:
    """A scoring year between 2000 and 2100 (a typo like 0 or 20266 is refused, not guessed)."""
    lo, hi = YEARS
    if not lo <= year <= hi:
        raise BadInput(YEAR_RANGE.format(year=shown(year), lo=lo, hi=hi))
    return year


def r2(x: Fraction | None) -> float | None:
    """Half up to 2 places, for output only."""
    if x is None:
        return None
    return round_half_up(x, 2)


def fmt(x: Fraction | float | None) -> str:
    """81.00 / — : two decimals for tables and documents."""
    if x is None:
        return "—"
    return f"{r2(exact(x)) if isinstance(x, Fraction) else x:.2f}"


def ranks(scores: list[Fraction | None]) -> list[int | None]:
    """Competition ranks on exact scores: ties share, the next rank skips (1, 2, 2, 4)."""
    ranked = [s for s in scores if s is not None]
    return [None if s is None else 1 + sum(1 for o in ranked if o > s) for s in scores]


def grade(score: Fraction | None, bands: tuple[tuple[str, Fraction], ...]) -> str | None:
    if score is None:
        return None
    for label, floor_ in bands:
        if score >= floor_:
            return label
    return None


# -- model data <-> records, validation ---------------------------------------------------------

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
            errors.append(f"{where}：权重应大于0，现为{_show(w)}")
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
            errors.append(f"结果指标（outcome）权重合计为{_show(share)}，不得低于{_show(outcome_min)}")
    if errors:
        raise BadInput(f"评分模型“{name or '?'}”有误，未保存：", errors)
    return model


def _show(x: Fraction) -> str:
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
        parts = "、".join(f"{n.name}{_show(n.weight)}" for n in nodes)
        errors.append(f"{what}权重合计为{_show(total)}，应为100（{parts}）")


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
        d: dict[str, Any] = {"id": n.id, "name": n.name, "weight": _num(n.weight)}
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
        out["bands"] = {k: _num(v) for k, v in model.bands}
    if model.min_items is not None:
        out["min_items"] = model.min_items
    if model.outcome_min is not None:
        out["outcome_min"] = _num(model.outcome_min)
    return out


def _num(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


# -- models in the store --------------------------------------------------------------------------

def model_names(conn: sqlite3.Connection) -> list[str]:
    stored = [r[0] for r in conn.execute("SELECT name FROM score_models ORDER BY id")]
    return list(dict.fromkeys([*DEFAULTS, *stored]))


def load_model(conn: sqlite3.Connection, name: str = "unit", version: int | None = None) -> Model:
    """The current (or a given) version; the built-in defaults are version 1 until edited."""
    row = conn.execute(
        "SELECT v.definition, v.version FROM score_model_versions v JOIN score_models m ON m.id = v.model_id"
        " WHERE m.name = ? AND (? IS NULL OR v.version = ?) ORDER BY v.version DESC LIMIT 1",
        (name, version, version)).fetchone()
    if row:
        return parse_model(json.loads(row[0]), version=row[1])
    if name in DEFAULTS and version in (None, 1):
        return parse_model(DEFAULTS[name])
    known = "、".join(model_names(conn))
    what = f"第{version}版" if version else ""
    raise NotFound(f"评分模型“{name}”{what}不存在；已有：{known}")


def save_model(conn: sqlite3.Connection, data: dict, *, actor: str, today: date, note: str = "") -> Model:
    """Validate and store a new version; the old versions stay for the results that used them."""
    from docket.store import events
    from docket.store.db import write

    model = parse_model(data)
    with write(conn):
        current = None
        try:
            current = load_model(conn, model.name)
        except NotFound:
            pass
        if current and current.kind != model.kind:
            raise BadInput(f"评分模型“{model.name}”的类型是 {current.kind}，不能改为 {model.kind}")
        mrow = conn.execute("SELECT id FROM score_models WHERE name = ?", (model.name,)).fetchone()
        if mrow:
            mid = mrow[0]
        else:
            mid = conn.execute("INSERT INTO score_models (name, kind, created_at) VALUES (?, ?, ?)",
                               (model.name, model.kind, now_iso(today))).lastrowid
            if model.name in DEFAULTS:  # keep the built-in as version 1 for results made with it
                conn.execute("INSERT INTO score_model_versions (model_id, version, definition, note,"
                             " created_at, by) VALUES (?, 1, ?, '内置默认模型', ?, 'docket')",
                             (mid, json.dumps(DEFAULTS[model.name], ensure_ascii=False), now_iso(today)))
        top = conn.execute("SELECT MAX(version) FROM score_model_versions WHERE model_id = ?", (mid,)).fetchone()[0]
        version = (top or 0) + 1
        definition = {k: v for k, v in model_to_dict(model).items() if k != "version"}
        conn.execute("INSERT INTO score_model_versions (model_id, version, definition, note, created_at, by)"
                     " VALUES (?, ?, ?, ?, ?, ?)",
                     (mid, version, json.dumps(definition, ensure_ascii=False), note, now_iso(today), actor))
        events.append(conn, by=actor, action="score.model", entity="score_model", entity_id=mid,
                      detail={"name": model.name, "version": version, "note": note,
                              "before": model_to_dict(current) if current else None, "after": definition},
                      today=today)
    return replace(model, version=version)


def set_fields(conn: sqlite3.Connection, name: str, changes: dict[str, str], *, actor: str,
               today: date) -> Model:
    """Change weights (by indicator id or name) and title/min_items/bands/outcome_min at once."""
    model = load_model(conn, name)
    data = model_to_dict(model)
    errors: list[str] = []

    def apply(nodes: list[dict], key: str, value: str) -> bool:
        for n in nodes:
            if key in (n["id"], n["name"]):
                n["weight"] = value
                return True
            if apply(n.get("children", []), key, value):
                return True
        return False

    for key, value in changes.items():
        if key in ("title",):
            data["title"] = value
        elif key == "min_items":
            try:
                data["min_items"] = int(value)
            except ValueError:
                errors.append(f"min_items：“{value}”应为整数")
        elif key in ("bands", "outcome_min"):
            data[key] = value
        elif not apply(data["indicators"], key, value):
            ids = "、".join(f"{n.id}（{n.name}）" for n in _walk(model.indicators))
            errors.append(f"指标“{key}”不在模型“{name}”中；可用：{ids}")
    if errors:
        raise BadInput(f"评分模型“{name}”未修改：", errors)
    return save_model(conn, data, actor=actor, today=today,
                      note="；".join(f"{k}={v}" for k, v in changes.items()))


def _walk(nodes: tuple[Indicator, ...]):
    for n in nodes:
        yield n
        yield from _walk(n.children)


def model_versions(conn: sqlite3.Connection, name: str) -> list[dict]:
    return [{"version": r[0], "note": r[1], "created_at": r[2], "by": r[3]} for r in conn.execute(
        "SELECT v.version, v.note, v.created_at, v.by FROM score_model_versions v"
        " JOIN score_models m ON m.id = v.model_id WHERE m.name = ? ORDER BY v.version", (name,))]


# -- the engine -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LeafValue:
    """What a leaf's source gave for one unit: the value (None: no data), its n and inputs."""
    value: Fraction | None
    n: int = 0
    inputs: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Breakdown:
    score: Fraction | None
    indicators: tuple[dict, ...]      # flat, tree order; exact values under "_value"/"_points"


def evaluate(model: Model, values: dict[str, LeafValue]) -> Breakdown:
    """Σ wᵢvᵢ / Σ wᵢ over the siblings that have data; points = each leaf's share of the score."""
    rows: list[dict] = []

    def walk(nodes: tuple[Indicator, ...], depth: int, parent: str | None) -> Fraction | None:
        vals: list[tuple[Indicator, Fraction | None, int]] = []
        for n in nodes:
            i = len(rows)
            rows.append({})
            if n.leaf:
                lv = values.get(n.id, LeafValue(None))
                v, row = lv.value, {"n": lv.n, "inputs": lv.inputs, "source": n.source}
            else:
                v = walk(n.children, depth + 1, n.id)
                row = {"n": None, "inputs": {}, "source": None}
            rows[i] = {"id": n.id, "name": n.name, "weight": _num(n.weight), "parent": parent,
                       "level": depth, "_value": v, **row}
            vals.append((n, v, i))
        present = sum((n.weight for n, v, _ in vals if v is not None), Fraction(0))
        for n, v, i in vals:
            rows[i]["_share"] = n.weight / present if v is not None else None
            rows[i]["rescaled"] = v is not None and present != 100
        if not present:
            return None
        return sum((n.weight * v for n, v, _ in vals if v is not None), Fraction(0)) / present

    score = walk(model.indicators, 1, None)
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        share, p = r["_share"], r["parent"]
        while share is not None and p is not None:
            share *= by_id[p]["_share"]
            p = by_id[p]["parent"]
        r["_points"] = share * r["_value"] if share is not None else None
        r["value"] = r2(r["_value"])
        r["points"] = r2(r["_points"])
        r["effective_weight"] = r2(share * 100) if share is not None else None
    return Breakdown(score, tuple(rows))


def public(ind: dict) -> dict:
    """An indicator row without the exact-value helpers, for JSON."""
    return {k: v for k, v in ind.items() if not k.startswith("_")}


def bands_for(conn: sqlite3.Connection, model: Model) -> tuple[tuple[str, Fraction], ...]:
    from docket.core import settings

    if model.bands:
        return model.bands
    raw = settings.get(conn, "score.bands")
    return tuple((k, exact(v)) for k, v in sorted(raw.items(), key=lambda kv: -kv[1]))


def min_items_for(conn: sqlite3.Connection, model: Model) -> int:
    from docket.core import settings

    return model.min_items if model.min_items is not None else settings.get(conn, "score.min_items")


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
            rows.append({"id": n.id, "name": "　" * depth + n.name, "weight": _show(n.weight),
                         "source": how(n) + ("，结果指标" if n.outcome else "")})
            walk(n.children, depth + 1)
    walk(model.indicators, 0)
    return rows
