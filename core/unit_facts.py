"""A handling unit's facts for a year, and each scoring leaf's value from them.

Facts follow domain.md §8 (latest round for classes and results, the on-time yardstick, only
facts dated ≤ as_of) and §11 (timeliness counts decided lead replies and support opinions).
A unit's items of the year are those whose first lead assignment fell in that year.
Nothing here reads raters or notes: scores are unit-facing (背靠背, §10).
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from docket.core.records import LEVEL_LABELS, Level
from docket.core.score_figures import exact, round2
from docket.core.score_model import Model
from docket.core.scoring import LeafValue
from docket.core.timeliness import on_time
from docket.store import scoring as store


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
    by_item: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for a in store.standing_assignments_until(conn, day):
        by_item[a["item_id"]].append(a)
    replies: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for r in store.lead_replies_until(conn, day):
        replies[r["item_id"]].append(r)
    evals: dict[int, list[sqlite3.Row]] = defaultdict(list)
    for e in store.decisive_evaluations_until(conn, day):
        evals[e["item_id"]].append(e)
    members: dict[int, list[int]] = defaultdict(list)
    if settings.get(conn, "stats.count_merged"):
        for m in store.merged_items(conn):
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
    for r in store.unit_entries(conn, year):
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

