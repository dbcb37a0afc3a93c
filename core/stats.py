"""The status report (domain.md §8, contract §4 `report`): overall and per unit, as of a day.

Only facts dated on or before as_of count, so a past day's report is reproduced exactly: replies
and evaluations by their dates, returns, ends and closes by theirs, and due dates by replaying the
`extend` events dated up to as_of. Rates keep numerator and denominator (`Rate`); JSON rounds
half up to 4 places, `None` on a zero denominator.

Stdlib only; the 通报's record is a core.docdata record (docgen is never imported).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from docket.core.numbers import round_half_up
from docket.core.timeliness import on_time as timely
from docket.store import items as store
from docket.store import stats as store_stats

UNEVALUATED_CLOSE = "逾期未反馈评价"


@dataclass(frozen=True, slots=True)
class Rate:
    num: int
    den: int

    @property
    def fraction(self) -> Fraction | None:
        return Fraction(self.num, self.den) if self.den else None

    @property
    def text(self) -> str:
        """92.5% as every front end and document prints it."""
        from docket.core.numbers import percent

        return percent(self.fraction)

    @property
    def value(self) -> float | None:
        """Half up to 4 decimal places on the exact fraction (5/7 -> 0.7143, 1/8 -> 0.125)."""
        if not self.den:
            return None
        return round_half_up(Fraction(self.num, self.den), 4)


@dataclass(slots=True)
class _UnitCounts:
    """One unit's rate counts while report() walks the items (numerators and denominators)."""
    on_time: int = 0
    decided: int = 0
    satisfied: int = 0
    evaluated: int = 0
    support_on_time: int = 0
    support_decided: int = 0


@dataclass
class UnitFigures:
    unit_id: int
    unit: str
    lead: int = 0
    support: int = 0
    replied: int = 0
    overdue: int = 0
    evaluated: int = 0
    on_time: Rate = Rate(0, 0)
    satisfaction: Rate = Rate(0, 0)
    support_on_time: Rate = Rate(0, 0)

    def as_json(self) -> dict:
        return {"unit": self.unit, "lead": self.lead, "support": self.support, "replied": self.replied,
                "overdue": self.overdue, "on_time_rate": self.on_time.value,
                "satisfaction_rate": self.satisfaction.value, "evaluated": self.evaluated,
                "support_on_time_rate": self.support_on_time.value}


@dataclass(frozen=True, slots=True)
class OverdueLine:
    number: int
    title: str
    unit: str
    due_on: date
    days_overdue: int


@dataclass
class Report:
    as_of: date
    session: str
    basic_is_satisfied: bool
    total: int = 0
    assigned: int = 0
    replied: int = 0
    reply: Rate = Rate(0, 0)
    on_time: Rate = Rate(0, 0)
    overdue: int = 0
    evaluated: int = 0
    satisfied: int = 0
    basic: int = 0
    dissatisfied: int = 0
    satisfaction: Rate = Rate(0, 0)
    first_satisfaction: Rate = Rate(0, 0)
    classes: dict[str, int] = field(default_factory=dict)
    solved: Rate = Rate(0, 0)
    resolution: Rate = Rate(0, 0)
    completion: Rate = Rate(0, 0)
    closed_unreplied: int = 0
    units: list[UnitFigures] = field(default_factory=list)
    overdue_items: list[OverdueLine] = field(default_factory=list)

    def rates(self) -> list[tuple[str, str, Rate]]:
        """(key, Chinese name, rate) of every overall rate, in report order."""
        return [("reply_rate", "答复率", self.reply), ("on_time_rate", "按期答复率", self.on_time),
                ("satisfaction_rate", "满意率", self.satisfaction),
                ("first_satisfaction_rate", "初次满意率", self.first_satisfaction),
                ("solved_rate", "办成率", self.solved), ("resolution_rate", "解决率", self.resolution),
                ("completion_rate", "办结率", self.completion)]

    def as_json(self) -> dict:
        totals = {"assigned": self.assigned, "replied": self.replied, "reply_rate": self.reply.value,
                  "on_time_rate": self.on_time.value, "overdue": self.overdue,
                  "evaluated": self.evaluated, "satisfaction_rate": self.satisfaction.value,
                  "first_satisfaction_rate": self.first_satisfaction.value,
                  "classes": dict(self.classes), "solved_rate": self.solved.value,
                  "resolution_rate": self.resolution.value, "completion_rate": self.completion.value,
                  "closed_unreplied": self.closed_unreplied,
                  # beyond the contract's keys: the counts behind the rates
                  "total": self.total, "on_time": self.on_time.num,
                  "on_time_decided": self.on_time.den, "satisfied": self.satisfied,
                  "basic": self.basic, "dissatisfied": self.dissatisfied}
        return {"as_of": self.as_of.isoformat(), "session": self.session, "totals": totals,
                "units": [u.as_json() for u in self.units]}


def _by(rows, key: str = "item_id") -> dict[int, list[sqlite3.Row]]:
    out: dict[int, list[sqlite3.Row]] = {}
    for r in rows:
        out.setdefault(r[key], []).append(r)
    return out


class _Dues:
    """Due date and on-time yardstick of an assignment as they stood on as_of (§8)."""

    def __init__(self, conn: sqlite3.Connection, session_id: int, as_of: date) -> None:
        self.as_of = as_of.isoformat()
        self.events: dict[int, list[tuple[str, str, str, str, str]]] = {}
        for e in store_stats.extensions(conn, session_id):
            d = json.loads(e["detail"])
            self.events.setdefault(e["item_id"], []).append(
                (e["at"][:10], d.get("unit"), d.get("role"), d["before"]["due_on"], d["after"]["due_on"]))

    def of(self, a: sqlite3.Row, unit: str) -> tuple[str, str]:
        """(due_on, yardstick) on as_of: stored values unless an extension came after as_of."""
        evs = self.events.get(a["item_id"])
        if not evs:  # no extension of this item: the stored values (most items)
            return a["due_on"], a["yardstick_due_on"]
        evs = [e for e in evs if e[1] == unit and e[2] == a["role"]]
        if all(e[0] <= self.as_of for e in evs):
            return a["due_on"], a["yardstick_due_on"]
        due = yard = a["first_due_on"]
        for on, _, _, before, after in evs:
            if on > self.as_of:
                break
            if before != due:
                continue  # another round's assignment of the same unit
            if on <= due:  # granted before the due date then in force: moves the yardstick too
                yard = after
            due = after
        return due, yard


def session_items(conn: sqlite3.Connection, session: str | None = None) -> tuple[str, int]:
    """The session `report` counts and its number of items (two indexed reads): what a screen
    shows at once while the report is being made."""
    sess = store.current_session(conn, session)
    return sess["name"], store_stats.count_items(conn, sess["id"])


REPORT_PROGRESS_EVERY = 5000  # items between two progress(done, total) calls of report


def report(conn: sqlite3.Connection, *, as_of: date, session: str | None = None,
           progress: Callable[[int, int], None] | None = None) -> Report:
    """Every figure of §8 for the session, overall and per unit, as of as_of. progress(done,
    total) is called every few thousand items (a screen's 已统计 line); it changes nothing."""
    from docket.core import settings

    sess = store.current_session(conn, session)
    sid, day = sess["id"], as_of.isoformat()
    basic_ok = settings.get(conn, "stats.basic_is_satisfied")
    count_merged = settings.get(conn, "stats.count_merged")
    completion_replied = settings.get(conn, "stats.completion") == "replied"
    unevaluated_ok = settings.get(conn, "stats.unevaluated") == "satisfied"
    codes = settings.get(conn, "reply.classes")
    buckets = settings.get(conn, "reply.buckets")

    items = store_stats.items(conn, sid)
    by_id = {it["id"]: it for it in items}
    gone = store_stats.left_on(conn, sid)
    assigns = _by(store_stats.assignments_as_of(conn, sid, day))
    replies = _by(store_stats.lead_replies_as_of(conn, sid, day))
    evals = _by(store_stats.decisive_evaluations_as_of(conn, sid, day))
    dues = _Dues(conn, sid, as_of)
    units: dict[int, UnitFigures] = {}
    unit_rates: dict[int, _UnitCounts] = {}

    def unit(a: sqlite3.Row) -> UnitFigures:
        if a["unit_id"] not in units:
            units[a["unit_id"]] = UnitFigures(a["unit_id"], a["unit_name"])
            unit_rates[a["unit_id"]] = _UnitCounts()
        return units[a["unit_id"]]

    rep = Report(as_of, sess["name"], basic_ok, classes={c: 0 for c in codes})
    on_time = decided = sat = first_sat = first_eval = solved = planned = completed = 0
    for k, it in enumerate(items):
        if progress is not None and k % REPORT_PROGRESS_EVERY == 0:
            progress(k, len(items))
        if it["state"] in ("converted", "withdrawn") and gone.get(it["id"], "") <= day:
            continue
        owner = it
        if it["state"] == "merged" and it["merged_into"]:
            if not count_merged:
                continue
            owner = by_id.get(it["merged_into"], it)
        rep.total += 1
        rows = assigns.get(owner["id"], [])
        leads = [a for a in rows if a["role"] == "lead"]
        for a in rows:
            if a["role"] == "support":
                _support(unit(a), unit_rates[a["unit_id"]], a, dues, day)
        if not leads:
            continue
        lead = leads[-1]
        u = unit(lead)
        ur = unit_rates[lead["unit_id"]]
        rep.assigned += 1
        u.lead += 1
        reps = replies.get(it["id"], [])
        closed = owner["state"] == "closed" and owner["closed_on"] is not None and owner["closed_on"] <= day
        # on time: the first lead reply against round 1's yardstick (§8)
        first = next((a for a in leads if a["round"] == 1), leads[0])
        _, yard = dues.of(first, first["unit_name"])
        if reps:
            rep.replied += 1
            u.replied += 1
            latest = reps[-1]["class"]
            if latest in rep.classes:
                rep.classes[latest] += 1
            bucket = buckets.get(latest)
            solved += bucket == "solved"
            planned += bucket == "planned"
        elif closed:
            rep.closed_unreplied += 1
        verdict = timely(reps[0]["replied_on"] if reps else None, yard, day,
                         ended_on=owner["closed_on"] if closed else None)
        if verdict is not None:
            decided += 1
            on_time += verdict
            ur.decided += 1
            ur.on_time += verdict
        # overdue: the latest lead assignment still open on as_of and past its due date then
        open_ = (not closed and (lead["ended_on"] is None or lead["ended_on"] > day)
                 and (lead["replied_on"] is None or lead["replied_on"] > day))
        due, _ = dues.of(lead, lead["unit_name"]) if open_ else (day, day)
        if open_ and day > due:
            rep.overdue += 1
            u.overdue += 1
            rep.overdue_items.append(OverdueLine(it["number"], it["title"], lead["unit_name"],
                                                 date.fromisoformat(due),
                                                 (as_of - date.fromisoformat(due)).days))
        if closed or (completion_replied and reps):
            completed += 1
        # evaluations: the latest decisive one; round 1 for the first-time rate
        evs = evals.get(it["id"], [])
        results = [e["result"] for e in evs]
        r1 = next((e["result"] for e in evs if e["round"] == 1), None)
        if not evs and unevaluated_ok and closed and owner["close_reason"] == UNEVALUATED_CLOSE:
            results, r1 = ["satisfied"], "satisfied"
        if results:
            rep.evaluated += 1
            u.evaluated += 1
            last = results[-1]
            rep.satisfied += last == "satisfied"
            rep.basic += last == "basic"
            rep.dissatisfied += last == "dissatisfied"
            ok = last == "satisfied" or (basic_ok and last == "basic")
            sat += ok
            ur.satisfied += ok
            ur.evaluated += 1
        if r1 is not None:
            first_eval += 1
            first_sat += r1 == "satisfied" or (basic_ok and r1 == "basic")
    rep.reply = Rate(rep.replied, rep.assigned)
    rep.on_time = Rate(on_time, decided)
    rep.satisfaction = Rate(sat, rep.evaluated)
    rep.first_satisfaction = Rate(first_sat, first_eval)
    rep.solved = Rate(solved, rep.replied)
    rep.resolution = Rate(solved + planned, rep.replied)
    rep.completion = Rate(completed, rep.assigned)
    for uid in sorted(units):
        u, ur = units[uid], unit_rates[uid]
        u.on_time, u.satisfaction = Rate(ur.on_time, ur.decided), Rate(ur.satisfied, ur.evaluated)
        u.support_on_time = Rate(ur.support_on_time, ur.support_decided)
        rep.units.append(u)
    rep.overdue_items.sort(key=lambda o: o.number)
    return rep


def _support(u: UnitFigures, ur: _UnitCounts, a: sqlite3.Row, dues: _Dues, day: str) -> None:
    """A support assignment: counted, and decided on time or late once its fate is known."""
    u.support += 1
    _, yard = dues.of(a, a["unit_name"])
    verdict = timely(a["replied_on"], yard, day, ended_on=a["ended_on"], end_reason=a["end_reason"])
    if verdict is not None:
        ur.support_decided += 1
        ur.support_on_time += verdict


# -- the 办理情况通报 (core.docdata.CircularData) ------------------------------------------------

def circular_data(conn: sqlite3.Connection, rep: Report, *, doc_seq: int, issued_on: date):
    """The 通报's record: figures, per-unit rows, praised and behind units, overdue items."""
    from docket.core import docdata as d
    from docket.core import settings
    from docket.core.deadlines import Deadlines
    from docket.core.batches import letterhead, session_short

    labels = settings.get(conn, "reply.labels")
    dl = Deadlines(conn)
    figures = d.Figures(
        as_of=rep.as_of, session_short=session_short(rep.session), total=rep.total, assigned=rep.assigned,
        units_count=sum(1 for u in rep.units if u.lead or u.support), replied=rep.replied,
        reply_rate=rep.reply.fraction, on_time=rep.on_time.num, on_time_rate=rep.on_time.fraction,
        overdue=rep.overdue, evaluated=rep.evaluated, satisfied=rep.satisfied, basic=rep.basic,
        dissatisfied=rep.dissatisfied, satisfaction_rate=rep.satisfaction.fraction,
        basic_is_satisfied=rep.basic_is_satisfied,
        classes=tuple(d.ClassCount(code, labels.get(code, ""), n) for code, n in rep.classes.items()))
    rows = tuple(d.UnitRow(u.unit, u.lead, u.support, u.replied, u.on_time.fraction,
                           u.satisfaction.fraction, u.overdue) for u in rep.units)
    praised = tuple(u.unit for u in rep.units
                    if u.lead and u.on_time.fraction == 1 and u.satisfaction.fraction == 1)
    behind = tuple(u.unit for u in rep.units if u.overdue)
    from docket.core.privacy import masker_for

    mask = masker_for(conn)  # a published document: no phone, ID number or name in a title (§14)
    overdue = tuple(d.OverdueItem(o.number, mask.text(o.title), o.unit, o.due_on, o.days_overdue)
                    for o in rep.overdue_items)
    cc = tuple(settings.get(conn, "doc.cc") or ())
    return d.CircularData(letterhead=letterhead(conn), figures=figures, doc_seq=doc_seq,
                          issued_on=issued_on, units=rows, praised=praised, behind=behind,
                          overdue_items=overdue, fix_by=dl.add(rep.as_of, dl.repeat).date if overdue else None,
                          cc=cc)


def circular_batch(conn: sqlite3.Connection, rep: Report):
    """The 通报 as a batch of one document taking the next 文号 of `doc.prefix` (issued by
    docgen/issue.py: the number is on record only if the file exists)."""
    from docket.core.batches import letterhead, next_serial, numbered_file

    series = letterhead(conn).doc_prefix
    year = rep.as_of.year
    seq = next_serial(conn, series, year)
    record = circular_data(conn, rep, doc_seq=seq, issued_on=rep.as_of)
    return numbered_file(conn, "circular", record, series=series, year=year, seq=seq,
                         issued_on=rep.as_of, detail=rep.as_json()["totals"])
