"""Handling-unit scores (domain.md §11): each unit's facts for the year (unit_facts.py) scored by
a model, ranked and graded; entered scores (答复质量, per-unit indicators); published results.
The rows a table shows are made in score_tables.py.
Nothing here reads raters or notes: scores are unit-facing (背靠背, §10).
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from fractions import Fraction

from docket.core.dates import now_iso
from docket.core.errors import BadInput, IllegalTransition, NotFound
from docket.core.records import item_name
from docket.core.score_figures import (
    Absurd,
    check_year,
    grade,
    parse_number,
    ranks,
    round2,
    shown,
)
from docket.core.score_model_versions import bands_for, load_model, min_items_for
from docket.core.score_tables import breakdown, table
from docket.core.scoring import evaluate, public
from docket.core.unit_facts import gather, leaf_values
from docket.store import scoring as store


def score_units(conn: sqlite3.Connection, *, year: int, as_of: date, model_name: str = "unit",
                unit: str | None = None) -> dict:
    """The contract's score JSON: per unit the score, each indicator with value, n and points,
    grade, rank (exact scores; ties share; under min_items listed, not ranked)."""
    check_year(year)
    model = load_model(conn, model_name)
    if model.kind != "unit":
        raise BadInput(f"评分模型“{model_name}”是部门评议模型，不能用于承办单位计分；请用 docket appraisal")
    facts = gather(conn, year, as_of)
    order = store.unit_ids_by_name(conn)
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
    from docket.store import assignments as store_assignments
    from docket.store import events, items
    from docket.store.db import write

    v = _points(value, f"第{number}号的答复质量评分")
    with write(conn):
        item = items.item_by_number(conn, items.current_session(conn, session), number)
        lead = [r for r in store_assignments.replies(conn, item["id"]) if r["role"] == "lead"]
        if not lead:
            raise IllegalTransition(f"{item_name(number, item['kind'])}尚无主办单位答复，不能录入答复质量评分")
        latest = max(lead, key=lambda r: (r["round"], r["replied_on"], r["id"]))
        store.set_reply_quality(conn, latest["id"], float(v))
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
            store.upsert_unit_entry(conn, year=year, unit_id=u.id, indicator=key, value=float(v),
                                    at=now_iso(today), by=actor)
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
        rid = store.insert_result(conn, kind="unit", year=year, round_id=None, model_name=result["model"],
                                  model_version=result["model_version"], as_of=as_of.isoformat(),
                                  data=json.dumps(result, ensure_ascii=False), created_at=now_iso(today),
                                  by=actor)
        events.append(conn, by=actor, action="score.publish", entity="score_result", entity_id=rid,
                      detail={"year": year, "model": result["model"], "model_version": result["model_version"],
                              "units": len(result["units"])}, today=today)
    return {**result, "result_id": rid}


def published(conn: sqlite3.Connection, result_id: int | None = None) -> list[dict]:
    """Published results, newest first; each keeps the model version it was computed with."""
    rows = store.unit_results(conn, result_id)
    if result_id is not None and not rows:
        raise NotFound(f"考评结果 {result_id} 不存在；用 docket score published 查看已公布的结果")
    return [{"id": r["id"], "year": r["year"], "model": r["model_name"], "model_version": r["model_version"],
             "as_of": r["as_of"], "created_at": r["created_at"], "by": r["by"],
             "data": json.loads(r["data"])} for r in rows]


__all__ = [
    "breakdown",
    "enter_quality",
    "enter_unit_scores",
    "publish",
    "published",
    "score_units",
    "table",
]
