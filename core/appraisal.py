"""Department appraisal (部门工作评议, domain.md §11): rounds, tallies, entered scores, results.

A tally is counts per department and voter group (满意, 基本满意, 不满意, 弃权, 不了解, with
members and present). Nothing here records who voted: there is no rater anywhere (背靠背, §10).
Group score = Σ count × vote.points ÷ (满意 + 基本满意 + 不满意); vote value = Σ group weight ×
score ÷ Σ weights; level by the majority rule over `vote.base`. No click, textual, rich or docx.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, Conflict, NotFound
from docket.core.numbers import percent, round_half_up
from docket.core.score_figures import (
    BAD_NUMBER,
    Absurd,
    check_year,
    exact,
    grade,
    parse_number,
    ranks,
    round2,
    shown,
)
from docket.core.score_model_versions import bands_for, load_model
from docket.core.scoring import LeafValue, evaluate, public
from docket.core.text import refuse_controls

LEVELS = ("满意", "基本满意", "不满意")
NO_DATA = "{department}尚无测评票数和指标评分，列出但不计分"
NO_VALID = "{department}各项指标均无有效数据，列出但不计分"
LACKS_TALLY = "{department}缺少{groups}的测评票数"
VOTE_FROM = "，{leaf}只按{groups}的票数计算"
LACKS_LEAF = "{department}缺少{leaves}，按其余指标折算"
MISSING_VOTES = "评议“{round}”的测评票数不全，{what}："
COUNT_LABELS = {"satisfied": "满意", "basic": "基本满意", "dissatisfied": "不满意", "abstain": "弃权",
                "unknown": "不了解"}
FIELD_LABELS = {"members": "应到人数", "present": "实到人数", **COUNT_LABELS}


@dataclass(frozen=True, slots=True)
class Tally:
    members: int
    present: int
    satisfied: int
    basic: int
    dissatisfied: int
    abstain: int = 0
    unknown: int = 0

    @property
    def valid(self) -> int:
        return self.satisfied + self.basic + self.dissatisfied

    def problems(self) -> list[tuple[str, str]]:
        """(field, what is wrong): counts ≤ present ≤ members, none negative. A total over the
        present is the field "votes" (every count together)."""
        errors = []
        for key in ("members", "present", *COUNT_LABELS):
            v = getattr(self, key)
            if v < 0:
                errors.append((key, f"{FIELD_LABELS[key]}为{v}，不能为负数"))
        if self.present > self.members:
            errors.append(("present", f"实到人数{self.present}超过应到人数{self.members}"))
        counted = self.valid + self.abstain + self.unknown
        if counted > self.present:
            errors.append(("votes", (f"满意{self.satisfied}、基本满意{self.basic}、不满意{self.dissatisfied}、"
                                     f"弃权{self.abstain}、不了解{self.unknown}合计{counted}票，"
                                     f"超过实到人数{self.present}")))
        return errors

    def check(self, where: str) -> None:
        """Counts ≤ present ≤ members, none negative; every problem at once."""
        errors = [text for _, text in self.problems()]
        if errors:
            raise BadInput(f"{where}的测评票数有误，未保存：", errors)


def group_score(t: Tally, points: dict[str, Fraction]) -> Fraction | None:
    """Σ count × points ÷ valid; 弃权 and 不了解 left out. 15/10/4 → 2100/29."""
    if not t.valid:
        return None
    return (t.satisfied * points["满意"] + t.basic * points["基本满意"]
            + t.dissatisfied * points["不满意"]) / t.valid


def rate(t: Tally) -> Fraction | None:
    return Fraction(t.satisfied + t.basic, t.valid) if t.valid else None


def level(t: Tally, base: str) -> str | None:
    """满意 if 满意 > ½ base, else 基本满意 if 满意 + 基本满意 > ½ base, else 不满意 (镇海)."""
    b = {"all": t.members, "present": t.present, "valid": t.valid}[base]
    if not b:
        return None
    half = Fraction(b, 2)
    if t.satisfied > half:
        return "满意"
    if t.satisfied + t.basic > half:
        return "基本满意"
    return "不满意"


def vote_value(groups: list[tuple[Fraction, Fraction | None]]) -> Fraction | None:
    """Σ weight × score ÷ Σ weight over the groups that have a score."""
    have = [(w, s) for w, s in groups if s is not None]
    if not have:
        return None
    return sum((w * s for w, s in have), Fraction(0)) / sum((w for w, _ in have), Fraction(0))


# -- rounds in the store --------------------------------------------------------------------------

def _round(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM appraisal_rounds WHERE name = ?", (name,)).fetchone()
    if row:
        return row
    if name.isdigit():
        row = conn.execute("SELECT * FROM appraisal_rounds WHERE id = ?", (int(name),)).fetchone()
        if row:
            return row
    known = "、".join(r[0] for r in conn.execute("SELECT name FROM appraisal_rounds ORDER BY id"))
    if known:
        raise NotFound(f"评议“{name}”不存在；已有：{known}")
    raise NotFound(f"评议“{name}”不存在", hint=msg.HINT_ROUND_NEW)


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
        if conn.execute("SELECT 1 FROM appraisal_rounds WHERE name = ?", (name,)).fetchone():
            raise Conflict(f"评议“{name}”已存在")
        rid = conn.execute("INSERT INTO appraisal_rounds (name, year, model_name, created_on, created_at, by)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           (name, year, model.name, today.isoformat(), now_iso(today), actor)).lastrowid
        for i, (g, w) in enumerate(parsed, 1):
            conn.execute("INSERT INTO appraisal_groups (round_id, name, weight, position) VALUES (?, ?, ?, ?)",
                         (rid, g, float(w), i))
        rnd = _round(conn, name)
        _event(conn, actor, today, "appraisal.new", rnd, year=year, model=model.name,
               groups={g: float(w) for g, w in parsed})
    return {"round": name, "year": year, "model": model.name, "groups": [g for g, _ in parsed]}


def set_group(conn: sqlite3.Connection, round_name: str, group: str, *, actor: str, today: date) -> dict:
    """Add a voter group or change its weight."""
    from docket.store.db import write

    g, w = parse_group(group)
    with write(conn):
        rnd = _round(conn, round_name)
        old = conn.execute("SELECT * FROM appraisal_groups WHERE round_id = ? AND name = ?", (rnd["id"], g)).fetchone()
        if old:
            conn.execute("UPDATE appraisal_groups SET weight = ? WHERE id = ?", (float(w), old["id"]))
        else:
            pos = conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM appraisal_groups WHERE round_id = ?",
                               (rnd["id"],)).fetchone()[0]
            conn.execute("INSERT INTO appraisal_groups (round_id, name, weight, position) VALUES (?, ?, ?, ?)",
                         (rnd["id"], g, float(w), pos))
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
        rnd = _round(conn, round_name)
        have = {r[0] for r in conn.execute("SELECT unit_id FROM appraisal_departments WHERE round_id = ?",
                                           (rnd["id"],))}
        pos = len(have)
        added = []
        for u in found:
            if u.id in have:
                continue
            pos += 1
            have.add(u.id)
            conn.execute("INSERT INTO appraisal_departments (round_id, unit_id, position) VALUES (?, ?, ?)",
                         (rnd["id"], u.id, pos))
            added.append(u.name)
        _event(conn, actor, today, "appraisal.departments", rnd, added=added)
    return added


def _department(conn, rnd, unit: str) -> sqlite3.Row:
    from docket.core.units import Directory

    u = Directory.load(conn).resolve(unit)
    row = conn.execute("SELECT d.*, u.name AS unit_name FROM appraisal_departments d JOIN units u ON u.id = d.unit_id"
                       " WHERE d.round_id = ? AND d.unit_id = ?", (rnd["id"], u.id)).fetchone()
    if not row:
        raise NotFound(f"{u.name}不在评议“{rnd['name']}”的被评议部门中", hint=msg.HINT_ROUND_DEPARTMENT)
    return row


def record_tally(conn: sqlite3.Connection, round_name: str, *, department: str, group: str, tally: Tally,
                 actor: str, today: date) -> dict:
    """Store (or replace) one department's counts for one voter group."""
    from docket.store.db import write

    with write(conn):
        rnd = _round(conn, round_name)
        dep = _department(conn, rnd, department)
        grp = conn.execute("SELECT * FROM appraisal_groups WHERE round_id = ? AND name = ?",
                           (rnd["id"], group.strip())).fetchone()
        if not grp:
            names = "、".join(r[0] for r in conn.execute(
                "SELECT name FROM appraisal_groups WHERE round_id = ? ORDER BY position", (rnd["id"],)))
            raise NotFound(f"测评组“{group}”不在评议“{rnd['name']}”中（已有：{names}）",
                           hint=msg.HINT_ROUND_GROUP)
        tally.check(f"{dep['unit_name']}（{grp['name']}）")
        old = conn.execute("SELECT * FROM appraisal_tallies WHERE department_id = ? AND group_id = ?",
                           (dep["id"], grp["id"])).fetchone()
        values = (tally.members, tally.present, tally.satisfied, tally.basic, tally.dissatisfied,
                  tally.abstain, tally.unknown)
        conn.execute(
            "INSERT INTO appraisal_tallies (department_id, group_id, members, present, satisfied, basic,"
            " dissatisfied, abstain, unknown, updated_at, by) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(department_id, group_id) DO UPDATE SET members = excluded.members,"
            " present = excluded.present, satisfied = excluded.satisfied, basic = excluded.basic,"
            " dissatisfied = excluded.dissatisfied, abstain = excluded.abstain, unknown = excluded.unknown,"
            " updated_at = excluded.updated_at, by = excluded.by",
            (dep["id"], grp["id"], *values, now_iso(today), actor))
        keys = ("members", "present", *COUNT_LABELS)
        _event(conn, actor, today, "appraisal.tally", rnd, department=dep["unit_name"], group=grp["name"],
               before=dict(zip(keys, (old[k] for k in keys))) if old else None, after=dict(zip(keys, values)))
    return {"department": dep["unit_name"], "group": grp["name"], **dict(zip(keys, values))}


def enter_scores(conn: sqlite3.Connection, round_name: str, *, department: str, values: dict[str, str],
                 actor: str, today: date) -> dict:
    """Entered indicator scores (0–100) for one department, by indicator id or name."""
    from docket.store.db import write

    rnd = _round(conn, round_name)
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
            conn.execute("INSERT INTO appraisal_scores (department_id, indicator, value, updated_at, by)"
                         " VALUES (?, ?, ?, ?, ?) ON CONFLICT(department_id, indicator) DO UPDATE SET"
                         " value = excluded.value, updated_at = excluded.updated_at, by = excluded.by",
                         (dep["id"], k, float(v), now_iso(today), actor))
        _event(conn, actor, today, "appraisal.enter", rnd, department=dep["unit_name"],
               values={k: float(v) for k, v in clean.items()})
    return {"department": dep["unit_name"], "values": {k: float(v) for k, v in clean.items()}}


# -- results --------------------------------------------------------------------------------------

def _tally_json(name: str, weight: float, t: Tally, points, base: str) -> dict:
    return {"group": name, "weight": weight, "members": t.members, "present": t.present,
            "satisfied": t.satisfied, "basic": t.basic, "dissatisfied": t.dissatisfied,
            "abstain": t.abstain, "unknown": t.unknown, "valid": t.valid,
            "score": round2(group_score(t, points)), "rate": _rate4(rate(t)), "level": level(t, base)}


def _rate4(x: Fraction | None) -> float | None:
    return None if x is None else round_half_up(x, 4)


def results(conn: sqlite3.Connection, round_name: str) -> dict:
    """Every department's tallies, vote value, entered scores, score, grade and rank (not stored)."""
    from docket.core import settings

    rnd = _round(conn, round_name)
    model = load_model(conn, rnd["model_name"])
    points = {k: exact(v) for k, v in settings.get(conn, "vote.points").items()}
    base = settings.get(conn, "vote.base")
    groups = conn.execute("SELECT * FROM appraisal_groups WHERE round_id = ? ORDER BY position",
                          (rnd["id"],)).fetchall()
    deps = conn.execute("SELECT d.*, u.name AS unit_name FROM appraisal_departments d JOIN units u"
                        " ON u.id = d.unit_id WHERE d.round_id = ? ORDER BY d.position", (rnd["id"],)).fetchall()
    bands = bands_for(conn, model)
    rows, warnings = [], []
    for d in deps:
        tallies = {r["group_id"]: r for r in conn.execute(
            "SELECT * FROM appraisal_tallies WHERE department_id = ?", (d["id"],))}
        entered = {r["indicator"]: exact(r["value"]) for r in conn.execute(
            "SELECT indicator, value FROM appraisal_scores WHERE department_id = ?", (d["id"],))}
        gjson, pairs = [], []
        total = Tally(0, 0, 0, 0, 0, 0, 0)
        for g in groups:
            t = tallies.get(g["id"])
            if t is None:
                continue
            tl = Tally(*(t[k] for k in ("members", "present", "satisfied", "basic", "dissatisfied",
                                        "abstain", "unknown")))
            total = Tally(*(getattr(total, k) + getattr(tl, k) for k in Tally.__slots__))
            gjson.append(_tally_json(g["name"], g["weight"], tl, points, base))
            pairs.append((exact(g["weight"]), group_score(tl, points)))
        vote = vote_value(pairs)
        values: dict[str, LeafValue] = {}
        for leaf in model.leaves():
            if leaf.source == "vote":
                values[leaf.id] = LeafValue(vote, total.valid, {"groups": len(gjson)})
            elif leaf.source == "entered":
                v = entered.get(leaf.id)
                values[leaf.id] = LeafValue(v, int(v is not None), {"entered": round2(v)})
        b = evaluate(model, values)
        warnings += _gaps(model, d["unit_name"], values, b.score, [g["name"] for g in groups],
                          [g["group"] for g in gjson], bool(entered))
        rows.append({"department": d["unit_name"], "_score": b.score, "score": round2(b.score),
                     "grade": grade(b.score, bands), "vote": {
                         "value": round2(vote), "rate": _rate4(rate(total)) if total.valid else None,
                         "level": level(total, base) if gjson else None, "groups": gjson},
                     "indicators": [public(i) for i in b.indicators]})
    for r, k in zip(rows, ranks([r["_score"] for r in rows])):
        r["rank"] = k
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0))
    return {"round": rnd["name"], "year": rnd["year"], "model": model.name, "model_title": model.title,
            "model_version": model.version, "vote_base": base,
            "bands": {k: float(v) for k, v in bands},
            "groups": [{"group": g["name"], "weight": g["weight"]} for g in groups],
            "departments": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
            "warnings": warnings}


def _gaps(model, name: str, values: dict[str, LeafValue], score: Fraction | None, groups: list[str],
          tallied: list[str], entered: bool) -> list[str]:
    """What a department's result rests without: a department with nothing is listed unscored."""
    if not tallied and not entered:
        return [NO_DATA.format(department=name)]
    if score is None:
        return [NO_VALID.format(department=name)]
    out = []
    votes = [x.name for x in model.leaves() if x.source == "vote"]
    lacking = [g for g in groups if g not in tallied]
    if votes and lacking:
        out.append(LACKS_TALLY.format(department=name, groups="、".join(lacking))
                   + (VOTE_FROM.format(leaf="、".join(votes), groups="、".join(tallied)) if tallied else ""))
    missing = [x.name for x in model.leaves() if values.get(x.id, LeafValue(None)).value is None]
    if missing:
        out.append(LACKS_LEAF.format(department=name, leaves="、".join(missing)))
    return out


def missing_votes(res: dict) -> list[str]:
    """'县公安局缺少代表的测评票数' for each department without a tally of some voter group, when
    the model has a vote indicator; read from a result, so a stored one is checked alike."""
    out = []
    for d in res["departments"]:
        if not any(i.get("source") == "vote" for i in d["indicators"]):
            continue
        have = {g["group"] for g in d["vote"]["groups"]}
        lacking = [g["group"] for g in res["groups"] if g["group"] not in have]
        if lacking:
            out.append(LACKS_TALLY.format(department=d["department"], groups="、".join(lacking)))
    return out


def check_votes(res: dict, what: str, allow_missing: bool) -> list[str]:
    """Refuse (BadInput naming each department and group) a result resting on missing tallies,
    unless allowed; then the gaps come back as warnings."""
    gaps = missing_votes(res)
    if gaps and not allow_missing:
        raise BadInput(MISSING_VOTES.format(round=res["round"], what=what), gaps, hint=msg.HINT_ALLOW_MISSING)
    return gaps


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
        rnd = _round(conn, round_name)
        rid = conn.execute(
            "INSERT INTO score_results (kind, year, round_id, model_name, model_version, as_of, data,"
            " created_at, by) VALUES ('appraisal', ?, ?, ?, ?, ?, ?, ?, ?)",
            (rnd["year"], rnd["id"], res["model"], res["model_version"], today.isoformat(),
             json.dumps(res, ensure_ascii=False), now_iso(today), actor)).lastrowid
        _event(conn, actor, today, "appraisal.compute", rnd, result_id=rid, model=res["model"],
               model_version=res["model_version"],
               ranking=[(d["department"], d["score"], d["rank"]) for d in res["departments"]])
    return {**res, "result_id": None if dry_run else rid, "computed_on": today.isoformat()}


def stored_result(conn: sqlite3.Connection, round_name: str) -> dict | None:
    rnd = _round(conn, round_name)
    row = conn.execute("SELECT * FROM score_results WHERE kind = 'appraisal' AND round_id = ?"
                       " ORDER BY id DESC LIMIT 1", (rnd["id"],)).fetchone()
    if not row:
        return None
    return {**json.loads(row["data"]), "result_id": row["id"], "computed_on": row["as_of"]}


def list_rounds(conn: sqlite3.Connection) -> list[dict]:
    return [{"round": r["name"], "year": r["year"], "model": r["model_name"], "created_on": r["created_on"],
             "departments": r["n"]} for r in conn.execute(
        "SELECT r.*, (SELECT COUNT(*) FROM appraisal_departments d WHERE d.round_id = r.id) AS n"
        " FROM appraisal_rounds r ORDER BY r.id")]


def result_rows(res: dict) -> tuple[list[dict], list[tuple[str, str]]]:
    """Flat rows and columns for a terminal table (counts and scores; nobody is named)."""
    deps = res["departments"]
    tops = [i for i in deps[0]["indicators"] if i["level"] == 1] if deps else []
    columns = [("rank", "名次"), ("department", "被评议部门")]
    columns += [(f"i.{i['id']}", f"{i['name']}{i['weight']:g}") for i in tops]
    columns += [("rate", "满意率"), ("level", "测评等次"), ("score", "综合得分"), ("grade", "等次")]
    rows = []
    for d in deps:
        row = {"rank": d["rank"], "department": d["department"], "score": _two(d["score"]),
               "grade": d["grade"], "level": d["vote"]["level"],
               "rate": None if d["vote"]["rate"] is None else percent(vote_rate(d))}
        row.update({f"i.{i['id']}": _two(i["value"]) for i in d["indicators"] if i["level"] == 1})
        rows.append(row)
    return rows, columns


def _two(x: float | None) -> str | None:
    return None if x is None else f"{x:.2f}"


# -- rates as printed (issue 13 item 4): exact from the counts, printed by core.numbers.percent --

def group_rate(group: dict) -> Fraction | None:
    """One voter group's 满意率 from its counts as `results` lists them: exact (the listed "rate"
    is rounded to four places), for `percent`, as the documents print it."""
    return rate(Tally(*(group[k] for k in Tally.__slots__)))


def vote_rate(department: dict) -> Fraction | None:
    """A department's 满意率 over the counts of all its tallied groups, exact (as `results`)."""
    groups = department["vote"]["groups"]
    return rate(Tally(*(sum(g[k] for g in groups) for k in Tally.__slots__)))


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
