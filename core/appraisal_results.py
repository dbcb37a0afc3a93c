"""A department appraisal's results (部门工作评议, domain.md §11), read from the store: every
department's tallies, vote value, entered scores, score, grade and rank; the gaps a result rests
on; the stored result of the latest compute; the rounds there are. Nobody is named (背靠背, §10).
"""
from __future__ import annotations

import json
import sqlite3
from fractions import Fraction

from docket.core import messages as msg
from docket.core.appraisal_tally import (
    TALLY_FIELDS,
    Tally,
    group_score,
    level,
    rate,
    vote_value,
)
from docket.core.errors import BadInput, NotFound
from docket.core.numbers import round_half_up
from docket.core.score_figures import exact, grade, ranks, round2
from docket.core.score_model_versions import bands_for, load_model
from docket.core.scoring import LeafValue, evaluate, public
from docket.store import appraisal as store
from docket.store import scoring as scoring_store

NO_DATA = "{department}尚无测评票数和指标评分，列出但不计分"
NO_VALID = "{department}各项指标均无有效数据，列出但不计分"
LACKS_TALLY = "{department}缺少{groups}的测评票数"
VOTE_FROM = "，{leaf}只按{groups}的票数计算"
LACKS_LEAF = "{department}缺少{leaves}，按其余指标折算"
MISSING_VOTES = "评议“{round}”的测评票数不全，{what}："


def find_round(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """A round by name (or by id when the name is a number); NotFound names the rounds there are."""
    row = store.round_by_name(conn, name)
    if row:
        return row
    if name.isdigit():
        row = store.round_by_id(conn, int(name))
        if row:
            return row
    known = "、".join(store.round_names(conn))
    if known:
        raise NotFound(msg.APPRAISAL_NOT_FOUND_KNOWN.format(name=name, known=known))
    raise NotFound(msg.APPRAISAL_NOT_FOUND.format(name=name), hint=msg.HINT_ROUND_NEW)



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

    rnd = find_round(conn, round_name)
    model = load_model(conn, rnd["model_name"])
    points = {k: exact(v) for k, v in settings.get(conn, "vote.points").items()}
    base = settings.get(conn, "vote.base")
    groups = store.groups(conn, rnd["id"])
    deps = store.departments(conn, rnd["id"])
    bands = bands_for(conn, model)
    rows, warnings = [], []
    for d in deps:
        tallies = {r["group_id"]: r for r in store.tallies(conn, d["id"])}
        entered = {r["indicator"]: exact(r["value"]) for r in store.scores(conn, d["id"])}
        gjson, pairs = [], []
        total = Tally(0, 0, 0, 0, 0, 0, 0)
        for g in groups:
            t = tallies.get(g["id"])
            if t is None:
                continue
            tl = Tally(*(t[k] for k in TALLY_FIELDS))
            total = Tally(*(getattr(total, k) + getattr(tl, k) for k in TALLY_FIELDS))
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



def stored_result(conn: sqlite3.Connection, round_name: str) -> dict | None:
    rnd = find_round(conn, round_name)
    row = scoring_store.latest_round_result(conn, rnd["id"])
    if not row:
        return None
    return {**json.loads(row["data"]), "result_id": row["id"], "computed_on": row["as_of"]}


def list_rounds(conn: sqlite3.Connection) -> list[dict]:
    return [{"round": r["name"], "year": r["year"], "model": r["model_name"], "created_on": r["created_on"],
             "departments": r["n"]} for r in store.rounds_with_department_counts(conn)]
