"""Handling-unit scores from the store: each unit's facts for the year, scored by a model.

Facts follow domain.md §8 (latest round for classes and results, the on-time yardstick, only
facts dated ≤ as_of) and §11 (timeliness counts decided lead replies and support opinions).
A unit's items of the year are those whose first lead assignment fell in that year.
Nothing here reads raters or notes: scores are unit-facing (背靠背, §10).
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from docket.core.dates import now_iso
from docket.core.errors import BadInput, IllegalTransition, NotFound
from docket.core.records import LEVEL_LABELS, Level, item_name
from docket.core.score_figures import (
    Absurd,
    check_year,
    exact,
    grade,
    parse_number,
    ranks,
    round2,
    shown,
)
from docket.core.score_model import METRICS, Model
from docket.core.score_model_versions import bands_for, load_model, min_items_for
from docket.core.scoring import LeafValue, evaluate, public
from docket.core.timeliness import on_time


@dataclass
class Facts:
    """One unit's counts over its items of the year."""
    unit: str
    lead_items: int = 0
    support_items: int = 0
    replied: int = 0
    lead_on: int = 0
    lead_decided: int = 0
    support_on: int = 0
    support_decided: int = 0
    contacted: int = 0
    contact_n: int = 0
    quality: list[Fraction] = field(default_factory=list)
    classes: dict[str, int] = field(default_factory=dict)
    outcome: list[Fraction] = field(default_factory=list)
    results: dict[str, int] = field(default_factory=dict)
    points: list[Fraction] = field(default_factory=list)
    entered: dict[str, Fraction] = field(default_factory=dict)
    sat_ok: int = 0  # 满意 (+ 基本满意 when stats.basic_is_satisfied)


def _pct(num: int, den: int) -> Fraction | None:
    return Fraction(100 * num, den) if den else None


def _mean(xs: list[Fraction]) -> Fraction | None:
    return sum(xs, Fraction(0)) / len(xs) if xs else None


def gather(conn: sqlite3.Connection, year: int, as_of: date) -> dict[str, Facts]:
    """Every unit with an assignment on an item of the year, with its facts."""
    from docket.core import settings

    day = as_of.isoformat()
    points = {k: exact(v) for k, v in settings.get(conn, "vote.points").items()}
    outcome_pts = {k: exact(v) for k, v in settings.get(conn, "score.outcome_points").items()}
    buckets = settings.get(conn, "reply.buckets")
    basic_ok = settings.get(conn, "stats.basic_is_satisfied")
    rows = conn.execute(
        "SELECT a.item_id, a.role, a.round, a.assigned_on, a.yardstick_due_on, a.replied_on,"
        " a.ended_on, a.end_reason, u.name AS unit_name FROM assignments a JOIN items i ON i.id = a.item_id"
        " JOIN units u ON u.id = a.unit_id WHERE a.returned_on IS NULL AND a.assigned_on <= ?"
        " AND i.state NOT IN ('converted', 'withdrawn') ORDER BY a.item_id, a.round, a.id", (day,)).fetchall()
    by_item: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for a in rows:
        by_item[a["item_id"]].append(a)
    replies: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for r in conn.execute("SELECT item_id, round, class, replied_on, quality FROM replies WHERE role = 'lead'"
                          " AND replied_on <= ? ORDER BY item_id, round, replied_on, id", (day,)):
        replies[r["item_id"]].append(r)
    evals: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for e in conn.execute("SELECT item_id, round, result, contacted FROM evaluations WHERE decisive = 1"
                          " AND evaluated_on <= ? ORDER BY item_id, round, id", (day,)):
        evals[e["item_id"]].append(e)
    members: dict[int, list[int]] = defaultdict(list)
    if settings.get(conn, "stats.count_merged"):
        for m in conn.execute("SELECT id, merged_into FROM items WHERE state = 'merged'"):
            members[m["merged_into"]].append(m["id"])

    facts: dict[str, Facts] = {}
    for item_id, asg in by_item.items():
        leads = [a for a in asg if a["role"] == "lead"]
        first = next((a for a in leads if a["round"] == 1), None)
        if first is None or int(first["assigned_on"][:4]) != year:
            continue
        unit = leads[-1]["unit_name"]  # the unit now responsible (re-handling keeps the lead)
        f = facts.setdefault(unit, Facts(unit))
        for s in (a for a in asg if a["role"] == "support"):
            g = facts.setdefault(s["unit_name"], Facts(s["unit_name"]))
            g.support_items += 1
            ok = on_time(s["replied_on"], s["yardstick_due_on"], day, ended_on=s["ended_on"],
                         end_reason=s["end_reason"])
            if ok is not None:
                g.support_decided += 1
                g.support_on += ok
        master_replies = replies.get(item_id, [])
        for iid in (item_id, *members.get(item_id, [])):
            f.lead_items += 1
            first_reply = master_replies[0]["replied_on"] if master_replies else None
            ok = on_time(first_reply, first["yardstick_due_on"], day, ended_on=first["ended_on"])
            if ok is not None:
                f.lead_decided += 1
                f.lead_on += ok
            own = replies.get(iid, [])
            if own:
                f.replied += 1
                latest = own[-1]
                if latest["quality"] is not None:
                    f.quality.append(exact(latest["quality"]))
                code = latest["class"]
                f.classes[code] = f.classes.get(code, 0) + 1
                bucket = buckets.get(code)
                if bucket in outcome_pts:
                    f.outcome.append(outcome_pts[bucket])
            ev = evals.get(iid, [])
            if ev:
                label = LEVEL_LABELS[Level(ev[-1]["result"])]
                f.results[label] = f.results.get(label, 0) + 1
                if label in points:
                    f.points.append(points[label])
                said = [e["contacted"] for e in ev if e["contacted"] is not None]
                if said:
                    f.contact_n += 1
                    f.contacted += said[-1]
    sat_ok = ("满意", "基本满意") if basic_ok else ("满意",)
    for f in facts.values():
        f.results = {k: f.results.get(k, 0) for k in ("满意", "基本满意", "不满意")}
        f.sat_ok = sum(f.results[k] for k in sat_ok)
    for r in conn.execute("SELECT e.indicator, e.value, u.name FROM score_entries e JOIN units u"
                          " ON u.id = e.unit_id WHERE e.year = ?", (year,)):
        if r["name"] in facts:
            facts[r["name"]].entered[r["indicator"]] = exact(r["value"])
    return facts


def leaf_values(model: Model, f: Facts) -> dict[str, LeafValue]:
    """Each leaf's value for one unit, with its n and the inputs a leader asks about."""
    decided = f.lead_decided + f.support_decided
    on = f.lead_on + f.support_on
    evaluated = sum(f.results.values())
    metric = {
        "timeliness": LeafValue(_pct(on, decided), decided, {
            "on_time": on, "decided": decided, "lead_on_time": f.lead_on, "lead_decided": f.lead_decided,
            "support_on_time": f.support_on, "support_decided": f.support_decided}),
        "on_time": LeafValue(_pct(f.lead_on, f.lead_decided), f.lead_decided,
                             {"on_time": f.lead_on, "decided": f.lead_decided}),
        "reply_rate": LeafValue(_pct(f.replied, f.lead_items), f.lead_items,
                                {"replied": f.replied, "lead_items": f.lead_items}),
        "contact": LeafValue(_pct(f.contacted, f.contact_n), f.contact_n,
                             {"contacted": f.contacted, "evaluated": f.contact_n}),
        "outcome": LeafValue(_mean(f.outcome), len(f.outcome), {"classes": dict(sorted(f.classes.items()))}),
        "satisfaction": LeafValue(_mean(f.points), len(f.points), {"results": f.results}),
        "satisfaction_rate": LeafValue(_pct(f.sat_ok, evaluated), evaluated,
                                       {"satisfied": f.sat_ok, "evaluated": evaluated}),
    }
    out: dict[str, LeafValue] = {}
    for leaf in model.leaves():
        if leaf.source == "computed":
            out[leaf.id] = metric[leaf.metric]
        elif leaf.source == "entered" and leaf.per == "reply":
            out[leaf.id] = LeafValue(_mean(f.quality), len(f.quality),
                                     {"entered": len(f.quality), "replied": f.replied})
        elif leaf.source == "entered":
            v = f.entered.get(leaf.id)
            out[leaf.id] = LeafValue(v, int(v is not None), {"entered": round2(v)})
    return out


def score_units(conn: sqlite3.Connection, *, year: int, as_of: date, model_name: str = "unit",
                unit: str | None = None) -> dict:
    """The contract's score JSON: per unit the score, each indicator with value, n and points,
    grade, rank (exact scores; ties share; under min_items listed, not ranked)."""
    check_year(year)
    model = load_model(conn, model_name)
    if model.kind != "unit":
        raise BadInput(f"评分模型“{model_name}”是部门评议模型，不能用于承办单位计分；请用 docket appraisal")
    facts = gather(conn, year, as_of)
    order = {r[0]: r[1] for r in conn.execute("SELECT name, id FROM units")}
    if unit is not None:
        from docket.core.units import Directory
        name = Directory.load(conn).resolve(unit).name
        if name not in facts:
            raise NotFound(f"{name}在{year}年没有承办（主办或协办）的交办件，无法计分")
    least = min_items_for(conn, model)
    bands = bands_for(conn, model)
    rows = []
    for f in sorted(facts.values(), key=lambda f: order.get(f.unit, 0)):
        b = evaluate(model, leaf_values(model, f))
        rows.append({"unit": f.unit, "lead_items": f.lead_items, "support_items": f.support_items,
                     "_score": b.score, "score": round2(b.score), "grade": grade(b.score, bands),
                     "ranked": f.lead_items >= least and b.score is not None,
                     "indicators": [public(i) for i in b.indicators]})
    rk = ranks([r["_score"] if r["ranked"] else None for r in rows])
    for r, k in zip(rows, rk):
        r["rank"] = k
    rows.sort(key=lambda r: (not r["ranked"], -(r["_score"] if r["_score"] is not None else -1)))
    if unit is not None:  # ranked among all units, shown alone
        rows = [r for r in rows if r["unit"] == name]
    return {"year": year, "as_of": as_of.isoformat(), "model": model.name, "model_title": model.title,
            "model_version": model.version, "min_items": least,
            "bands": {k: float(v) for k, v in bands},
            "units": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]}


def enter_quality(conn: sqlite3.Connection, number: int, value: str | float, *, actor: str,
                  today: date, session: str | None = None) -> dict:
    """The secretariat's review score (0–100) of an item's latest lead reply."""
    from docket.store import events
    from docket.store import items as store
    from docket.store.db import write

    v = _points(value, f"第{number}号的答复质量评分")
    with write(conn):
        item = store.item_by_number(conn, store.current_session(conn, session), number)
        lead = [r for r in store.replies(conn, item["id"]) if r["role"] == "lead"]
        if not lead:
            raise IllegalTransition(f"{item_name(number, item['kind'])}尚无主办单位答复，不能录入答复质量评分")
        latest = max(lead, key=lambda r: (r["round"], r["replied_on"], r["id"]))
        conn.execute("UPDATE replies SET quality = ? WHERE id = ?", (float(v), latest["id"]))
        detail = {"number": number, "reply_id": latest["id"], "round": latest["round"],
                  "before": {"quality": latest["quality"]}, "after": {"quality": float(v)}}
        events.append(conn, by=actor, action="score.quality", entity="reply", entity_id=latest["id"],
                      item_id=item["id"], detail=detail, today=today)
    return {"number": number, "unit": latest["unit_name"], "round": latest["round"], "quality": float(v)}


def enter_unit_scores(conn: sqlite3.Connection, year: int, unit: str, values: dict[str, str], *,
                      actor: str, today: date, model_name: str = "unit") -> dict:
    """Entered per-unit indicator scores (leaves with source entered, per unit) for a year."""
    from docket.core.units import Directory
    from docket.store import events
    from docket.store.db import write

    check_year(year)
    model = load_model(conn, model_name)
    u = Directory.load(conn).resolve(unit)
    errors, clean = [], {}
    for key, raw in values.items():
        leaf = model.find(key)
        if leaf is None or not leaf.leaf or leaf.source != "entered" or leaf.per != "unit":
            ok = "、".join(f"{x.id}（{x.name}）" for x in model.leaves() if x.source == "entered" and x.per == "unit")
            errors.append(f"“{key}”不是模型“{model.name}”中按单位录入的指标；可录入：{ok or '无'}")
            continue
        try:
            clean[leaf.id] = _points(raw, f"{leaf.name}")
        except BadInput as e:
            errors.append(e.message)
    if errors:
        raise BadInput(f"{u.name}的评分未保存：", errors)
    with write(conn):
        for key, v in clean.items():
            conn.execute("INSERT INTO score_entries (year, unit_id, indicator, value, updated_at, by)"
                         " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(year, unit_id, indicator) DO UPDATE SET"
                         " value = excluded.value, updated_at = excluded.updated_at, by = excluded.by",
                         (year, u.id, key, float(v), now_iso(today), actor))
        events.append(conn, by=actor, action="score.enter", entity="unit", entity_id=u.id,
                      detail={"year": year, "unit": u.name, "values": {k: float(v) for k, v in clean.items()}},
                      today=today)
    return {"unit": u.name, "year": year, "values": {k: float(v) for k, v in clean.items()}}


def _points(value: str | float, what: str) -> Fraction:
    try:
        v = parse_number(value)
    except Absurd:
        raise BadInput(f"{what}：“{shown(value)}”不是有效数字，应为0–100") from None
    except (ValueError, TypeError, ZeroDivisionError):
        raise BadInput(f"{what}：“{shown(value)}”不是数，应为0–100") from None
    if not 0 <= v <= 100:
        raise BadInput(f"{what}：{value}超出0–100")
    return v


def publish(conn: sqlite3.Connection, *, year: int, as_of: date, actor: str, today: date,
            model_name: str = "unit") -> dict:
    """Store the year's result with the model version it used; later model edits leave it be."""
    from docket.store import events
    from docket.store.db import write

    result = score_units(conn, year=year, as_of=as_of, model_name=model_name)
    if not result["units"]:
        raise BadInput(f"{year}年没有交办给承办单位的件，无法公布考评结果")
    with write(conn):
        rid = conn.execute(
            "INSERT INTO score_results (kind, year, model_name, model_version, as_of, data, created_at, by)"
            " VALUES ('unit', ?, ?, ?, ?, ?, ?, ?)",
            (year, result["model"], result["model_version"], as_of.isoformat(),
             json.dumps(result, ensure_ascii=False), now_iso(today), actor)).lastrowid
        events.append(conn, by=actor, action="score.publish", entity="score_result", entity_id=rid,
                      detail={"year": year, "model": result["model"], "model_version": result["model_version"],
                              "units": len(result["units"])}, today=today)
    return {**result, "result_id": rid}


def published(conn: sqlite3.Connection, result_id: int | None = None) -> list[dict]:
    """Published results, newest first; each keeps the model version it was computed with."""
    rows = conn.execute("SELECT * FROM score_results WHERE kind = 'unit' AND (? IS NULL OR id = ?)"
                        " ORDER BY id DESC", (result_id, result_id)).fetchall()
    if result_id is not None and not rows:
        raise NotFound(f"考评结果 {result_id} 不存在；用 docket score published 查看已公布的结果")
    return [{"id": r["id"], "year": r["year"], "model": r["model_name"], "model_version": r["model_version"],
             "as_of": r["as_of"], "created_at": r["created_at"], "by": r["by"],
             "data": json.loads(r["data"])} for r in rows]


# -- presentation helpers shared by the CLI, the TUI and the documents ---------------------------

def describe(ind: dict) -> str:
    """How an indicator's value was made, in words a leader reads (no person is named)."""
    i, src = ind.get("inputs") or {}, ind.get("source")
    if "decided" in i and "support_decided" in i:
        return (f"按期{i['on_time']}件/应计{i['decided']}件（主办{i['lead_on_time']}/{i['lead_decided']}，"
                f"协办意见{i['support_on_time']}/{i['support_decided']}）")
    if "decided" in i:
        return f"按期{i['on_time']}件/应计{i['decided']}件"
    if "lead_items" in i:
        return f"已答复{i['replied']}件/主办{i['lead_items']}件"
    if "contacted" in i:
        return f"办理前联系{i['contacted']}件/已评价{i['evaluated']}件"
    if "classes" in i:
        return "、".join(f"{k}类{v}件" for k, v in i["classes"].items()) or "无答复"
    if "results" in i:
        return "、".join(f"{k}{v}件" for k, v in i["results"].items())
    if "satisfied" in i:
        return f"满意{i['satisfied']}件/已评价{i['evaluated']}件"
    if "replied" in i and "entered" in i:
        return f"已评分{i['entered']}件/已答复{i['replied']}件"
    if "groups" in i:
        return f"{i['groups']}个测评组，有效票{ind.get('n') or 0}张"
    if src == "entered":
        return "录入" if i.get("entered") is not None else "未录入"
    return ""


def table(result: dict) -> tuple[list[dict], list[tuple[str, str]]]:
    """Flat rows and columns for a terminal table: one column per top-level indicator."""
    tops = [i for i in (result["units"][0]["indicators"] if result["units"] else []) if i["level"] == 1]
    columns = [("rank", "名次"), ("unit", "承办单位"), ("lead_items", "主办"), ("support_items", "协办")]
    columns += [(f"i.{i['id']}", f"{i['name']}{i['weight']:g}") for i in tops]
    columns += [("score", "总分"), ("grade", "等次")]
    rows = []
    for u in result["units"]:
        row = {"rank": u["rank"] if u["ranked"] else "不排名", "unit": u["unit"], "lead_items": u["lead_items"],
               "support_items": u["support_items"], "score": _two(u["score"]), "grade": u["grade"]}
        row.update({f"i.{i['id']}": _two(i["value"]) for i in u["indicators"] if i["level"] == 1})
        rows.append(row)
    return rows, columns


def breakdown(indicators: list[dict]) -> list[dict]:
    """One unit's indicators as table rows: weight, value, n, points and how it was made."""
    # with no data anywhere there is nothing to rescale from: the unit is listed without a score
    gap = "（无数据，未计分）" if all(i["value"] is None for i in indicators) else "（无数据，未计入，其余指标按权重折算）"
    return [{"indicator": "　" * (i["level"] - 1) + i["name"], "id": i["id"], "weight": f"{i['weight']:g}",
             "value": _two(i["value"]), "n": i["n"], "points": _two(i["points"]),
             "how": describe(i) + (gap if i["value"] is None
                                   else "（按有数据的指标折算）" if i.get("rescaled") else "")}
            for i in indicators]


def _two(x: float | None) -> str | None:
    return None if x is None else f"{x:.2f}"


__all__ = [
    "METRICS",
    "Facts",
    "enter_quality",
    "enter_unit_scores",
    "gather",
    "leaf_values",
    "publish",
    "published",
    "score_units",
]
