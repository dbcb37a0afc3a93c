"""Department appraisal (部门工作评议, domain.md §11): new rounds, voter groups, departments,
tallies and entered scores, and computing (storing) a round's result.

The vote arithmetic is in appraisal_tally.py, the results read from the store in
appraisal_results.py, their table rows in score_tables.py; the names the CLI and the TUI use are
importable from here (their front door); core imports the others from their own modules. Nothing records who voted (背靠背, §10).
No click, textual, rich or docx.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from fractions import Fraction

from docket.core import messages as msg
from docket.core.appraisal_results import (
    check_votes,
    find_round,
    list_rounds,
    missing_votes,
    results,
)
from docket.core.appraisal_tally import (
    FIELD_LABELS,
    TALLY_FIELDS,
    Tally,
    group_rate,
    group_score,
    level,
    rate,
)
from docket.core.dates import now_iso
from docket.core.errors import BadInput, Conflict, NotFound
from docket.core.score_figures import (
    BAD_NUMBER,
    Absurd,
    check_year,
    parse_number,
    shown,
)
from docket.core.score_model_versions import load_model
from docket.core.score_tables import result_rows
from docket.core.text import refuse_controls
from docket.store import appraisal as store
from docket.store import scoring as scoring_store


def _event(conn, actor, today, action, rnd, **detail) -> None:
    from docket.store import events
    events.append(conn, by=actor, action=action, entity="appraisal_round", entity_id=rnd["id"],
                  detail={"round": rnd["name"], **detail}, today=today)


def parse_group(text: str) -> tuple[str, Fraction]:
    """代表=2 or 代表 (weight 1)."""
    refuse_controls({"测评组": text})
    name, _, w = text.replace("＝", "=").partition("=")
    name = name.strip()
    if not name:
        raise BadInput(f"测评组“{text}”：名称不能为空，写作 名称=权重，例如 代表=1")
    try:
        weight = parse_number(w) if w.strip() else Fraction(1)
    except Absurd:
        raise BadInput(BAD_NUMBER.format(what=f"测评组“{name}”的权重", text=shown(w))) from None
    except (ValueError, ZeroDivisionError):
        raise BadInput(f"测评组“{name}”的权重“{shown(w)}”不是数") from None
    if weight <= 0:
        raise BadInput(f"测评组“{name}”的权重应大于0")
    return name, weight


def new_round(conn: sqlite3.Connection, name: str, *, year: int, groups: list[str], actor: str,
              today: date, model_name: str = "appraisal") -> dict:
    from docket.store.db import write

    refuse_controls({"评议名称": name})
    name = name.strip()
    if not name:
        raise BadInput("评议名称不能为空，例如 2026年度部门工作评议")
    check_year(year)
    model = load_model(conn, model_name)
    if model.kind != "appraisal":
        raise BadInput(f"评分模型“{model_name}”是承办单位模型，部门评议请用 appraisal 类模型")
    parsed = [parse_group(g) for g in (groups or ["代表"])]
    if len({g for g, _ in parsed}) != len(parsed):
        raise BadInput("测评组名称重复")
    with write(conn):
        if store.round_by_name(conn, name):
            raise Conflict(f"评议“{name}”已存在")
        rid = store.insert_round(conn, name=name, year=year, model_name=model.name,
                                 created_on=today.isoformat(), created_at=now_iso(today), by=actor)
        for i, (g, w) in enumerate(parsed, 1):
            store.insert_group(conn, rid, g, float(w), i)
        rnd = find_round(conn, name)
        _event(conn, actor, today, "appraisal.new", rnd, year=year, model=model.name,
               groups={g: float(w) for g, w in parsed})
    return {"round": name, "year": year, "model": model.name, "groups": [g for g, _ in parsed]}


def set_group(conn: sqlite3.Connection, round_name: str, group: str, *, actor: str, today: date) -> dict:
    """Add a voter group or change its weight."""
    from docket.store.db import write

    g, w = parse_group(group)
    with write(conn):
        rnd = find_round(conn, round_name)
        old = store.group_by_name(conn, rnd["id"], g)
        if old:
            store.set_group_weight(conn, old["id"], float(w))
        else:
            store.insert_group(conn, rnd["id"], g, float(w), store.next_group_position(conn, rnd["id"]))
        _event(conn, actor, today, "appraisal.group", rnd, group=g,
               before={"weight": old["weight"] if old else None}, after={"weight": float(w)})
    return {"round": rnd["name"], "group": g, "weight": float(w)}


def add_departments(conn: sqlite3.Connection, round_name: str, units: list[str], *, actor: str,
                    today: date) -> list[str]:
    from docket.core.units import Directory
    from docket.store.db import write

    if not units:
        raise BadInput("请列出被评议的部门（单位全称或简称）")
    directory = Directory.load(conn)
    found = [directory.resolve(u) for u in units]  # every name checked before anything is written
    with write(conn):
        rnd = find_round(conn, round_name)
        have = store.department_unit_ids(conn, rnd["id"])
        pos = len(have)
        added = []
        for u in found:
            if u.id in have:
                continue
            pos += 1
            have.add(u.id)
            store.insert_department(conn, rnd["id"], u.id, pos)
            added.append(u.name)
        _event(conn, actor, today, "appraisal.departments", rnd, added=added)
    return added


def _department(conn, rnd, unit: str) -> sqlite3.Row:
    from docket.core.units import Directory

    u = Directory.load(conn).resolve(unit)
    row = store.department(conn, rnd["id"], u.id)
    if not row:
        raise NotFound(f"{u.name}不在评议“{rnd['name']}”的被评议部门中", hint=msg.HINT_ROUND_DEPARTMENT)
    return row


def record_tally(conn: sqlite3.Connection, round_name: str, *, department: str, group: str, tally: Tally,
                 actor: str, today: date) -> dict:
    """Store (or replace) one department's counts for one voter group."""
    from docket.store.db import write

    with write(conn):
        rnd = find_round(conn, round_name)
        dep = _department(conn, rnd, department)
        grp = store.group_by_name(conn, rnd["id"], group.strip())
        if not grp:
            names = "、".join(g["name"] for g in store.groups(conn, rnd["id"]))
            raise NotFound(f"测评组“{group}”不在评议“{rnd['name']}”中（已有：{names}）",
                           hint=msg.HINT_ROUND_GROUP)
        tally.check(f"{dep['unit_name']}（{grp['name']}）")
        old = store.tally(conn, dep["id"], grp["id"])
        counts = {k: getattr(tally, k) for k in TALLY_FIELDS}
        store.upsert_tally(conn, dep["id"], grp["id"], tuple(counts.values()), at=now_iso(today), by=actor)
        _event(conn, actor, today, "appraisal.tally", rnd, department=dep["unit_name"], group=grp["name"],
               before={k: old[k] for k in TALLY_FIELDS} if old else None, after=counts)
    return {"department": dep["unit_name"], "group": grp["name"], **counts}


def enter_scores(conn: sqlite3.Connection, round_name: str, *, department: str, values: dict[str, str],
                 actor: str, today: date) -> dict:
    """Entered indicator scores (0–100) for one department, by indicator id or name."""
    from docket.store.db import write

    rnd = find_round(conn, round_name)
    model = load_model(conn, rnd["model_name"])
    errors, clean = [], {}
    for key, raw in values.items():
        leaf = model.find(key)
        if leaf is None or not leaf.leaf or leaf.source != "entered":
            ok = "、".join(f"{x.id}（{x.name}）" for x in model.leaves() if x.source == "entered")
            errors.append(f"“{key}”不是可录入的指标；可录入：{ok}")
            continue
        try:
            v = parse_number(raw)
        except Absurd:
            errors.append(f"{leaf.name}：“{shown(raw)}”不是有效数字，应为0–100")
            continue
        except (ValueError, TypeError, ZeroDivisionError):
            errors.append(f"{leaf.name}：“{shown(raw)}”不是数，应为0–100")
            continue
        if not 0 <= v <= 100:
            errors.append(f"{leaf.name}：{raw}超出0–100")
            continue
        clean[leaf.id] = v
    if errors or not clean:
        raise BadInput("评分未保存：", errors or ["请写作 指标=分数，例如 lawful=88"])
    with write(conn):
        dep = _department(conn, rnd, department)
        for k, v in clean.items():
            store.upsert_score(conn, dep["id"], k, float(v), at=now_iso(today), by=actor)
        _event(conn, actor, today, "appraisal.enter", rnd, department=dep["unit_name"],
               values={k: float(v) for k, v in clean.items()})
    return {"department": dep["unit_name"], "values": {k: float(v) for k, v in clean.items()}}


def compute(conn: sqlite3.Connection, round_name: str, *, actor: str, today: date,
            dry_run: bool = False, allow_missing: bool = False) -> dict:
    """Compute and store the round's result with the model version it used. A department
    without a tally of some voter group is refused unless allow_missing (then it is a warning)."""
    from docket.store.db import write

    res = results(conn, round_name)
    if not res["departments"]:
        raise BadInput(f"评议“{res['round']}”还没有被评议部门", hint=msg.HINT_ROUND_DEPARTMENT)
    check_votes(res, "未计算", allow_missing)
    with write(conn, dry_run=dry_run):
        rnd = find_round(conn, round_name)
        rid = scoring_store.insert_result(conn, kind="appraisal", year=rnd["year"], round_id=rnd["id"],
                                          model_name=res["model"], model_version=res["model_version"],
                                          as_of=today.isoformat(), data=json.dumps(res, ensure_ascii=False),
                                          created_at=now_iso(today), by=actor)
        _event(conn, actor, today, "appraisal.compute", rnd, result_id=rid, model=res["model"],
               model_version=res["model_version"],
               ranking=[(d["department"], d["score"], d["rank"]) for d in res["departments"]])
    return {**res, "result_id": None if dry_run else rid, "computed_on": today.isoformat()}


# -- a round's set-up in one transaction (the TUI's 新建评议 and 添加部门 forms) ------------------

def new_round_with_departments(conn: sqlite3.Connection, name: str, *, year: int, groups: list[str],
                               departments: list[str], actor: str,
                               today: date) -> tuple[dict, list[str]]:
    """`new_round` and `add_departments` together: the round and its departments, or neither."""
    from docket.store.db import write

    with write(conn):
        done = new_round(conn, name, year=year, groups=groups, actor=actor, today=today)
        added = add_departments(conn, done["round"], departments, actor=actor, today=today)
    return done, added


def add_to_round(conn: sqlite3.Connection, round_name: str, *, departments: list[str],
                 groups: list[str], actor: str, today: date) -> tuple[list[str] | None, list[dict]]:
    """More departments (None when none were named) and voter groups added or reweighted
    (`set_group` each), all of it or nothing."""
    from docket.store.db import write

    with write(conn):
        added = (add_departments(conn, round_name, departments, actor=actor, today=today)
                 if departments else None)
        done = [set_group(conn, round_name, g, actor=actor, today=today) for g in groups]
    return added, done


__all__ = [
    "FIELD_LABELS", "Tally", "add_departments", "add_to_round", "compute", "enter_scores", "group_rate",
    "group_score", "level", "list_rounds", "missing_votes", "new_round", "new_round_with_departments",
    "parse_group", "rate", "record_tally", "result_rows", "results", "set_group",
]
