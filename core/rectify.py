"""Rectification (整改, domain.md §12): rounds, the plan, progress, re-check, look-back, 问责,
the ledger (contract §3), its figures and the 未按时报送进度 reminders.

A round is a session of kind rectification, an item a problem (kind rectification) whose lead
assignment is the responsible unit; the plan is made by `assign` (core.assigning), 已整改 is the
unit's reply (core.replies, no class), so deadlines, colours, events and audit are the engine's.
Rules here, SQL in store/rectify.py and store/progress.py; every change is one write() with its
events. Never imports docgen.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from docket.core import lifecycle
from docket.core import messages as msg
from docket.core import progress as prog
from docket.core.dates import from_iso, iso, now_iso
from docket.core.deadlines import Deadlines
from docket.core.errors import BadInput, NotFound
from docket.core.handling import Outcome, item_event, item_for_write, not_future
from docket.core.records import Color, Kind, State, state_label
from docket.store import assignments as store_assignments
from docket.store import items as store_items
from docket.store import rectify as store
from docket.store.db import write

KIND = Kind.RECTIFICATION.value
DONE_STATES = (State.REPLIED.value, State.RECHECKED.value, State.CLOSED.value)
OPEN_STATES = (State.ASSIGNED.value, State.REHANDLING.value)


# -- rounds ------------------------------------------------------------------------------------

def round_of(conn: sqlite3.Connection, name: str | None = None) -> sqlite3.Row:
    """The named rectification round, or the newest; NotFound in Chinese."""
    row = store.round_by_name(conn, name) if name else store.newest_round(conn)
    if row is None:
        raise NotFound(msg.RECTIFY_ROUND_NOT_FOUND.format(name=name) if name else msg.RECTIFY_NO_ROUND)
    return row


def round_words(name: str) -> str:
    """How documents name a round's work: 2026年部门工作评议 -> 2026年部门工作评议整改; a name
    already ending in 整改 is kept (never 整改整改)."""
    return name if name.endswith("整改") else name + "整改"


def has_rounds(conn: sqlite3.Connection) -> bool:
    return store.newest_round(conn) is not None


def round_names(conn: sqlite3.Connection) -> list[str]:
    return [r["name"] for r in store.rounds(conn)]


def new_round(conn: sqlite3.Connection, name: str, *, actor: str, today: date,
              from_appraisal: str | None = None, bottom: int | None = None) -> dict:
    """A round; with an appraisal, one problem per department among its bottom K (by rank),
    its source (the appraisal, grade and rank) recorded. Read through core.appraisal_results."""
    from docket.core.appraisal_results import results, stored_result
    from docket.core.text import refuse_controls

    name = (name or "").strip()
    if not name:
        raise BadInput(msg.FIELD_EMPTY.format(field="整改名称"))
    refuse_controls({"整改名称": name})
    if (from_appraisal is None) != (bottom is None):
        raise BadInput(msg.RECTIFY_FROM_NEEDS_BOTTOM)
    picks: list[dict] = []
    warnings: list[str] = []
    appraisal_id = None
    if from_appraisal is not None:
        if bottom < 1:
            raise BadInput(msg.RECTIFY_BOTTOM_RANGE.format(k=bottom))
        res = stored_result(conn, from_appraisal) or results(conn, from_appraisal)
        ranked = [d for d in res["departments"] if d.get("rank") is not None]
        if not ranked:
            raise BadInput(msg.RECTIFY_APPRAISAL_EMPTY.format(round=from_appraisal))
        picks, warnings = _bottom(ranked, bottom, res["round"])
        from_appraisal = res["round"]
        appraisal_id = store.appraisal_round_id(conn, from_appraisal)
    out: list[int] = []
    with write(conn):
        if store.session_by_name(conn, name) is not None:
            raise BadInput(msg.RECTIFY_ROUND_EXISTS.format(name=name))
        sid = store.insert_round(conn, name=name, body=store.body_of_current_session(conn), today=today)
        from docket.store import events
        events.append(conn, by=actor, action="rectify.new", entity="session", entity_id=sid,
                      detail={"round": name, "from_appraisal": from_appraisal, "bottom": bottom},
                      today=today)
        for d in picks:
            score = "—" if d.get("score") is None else f"{d['score']:.2f}"
            problem = msg.RECTIFY_FROM_PROBLEM.format(round=from_appraisal, grade=d.get("grade") or "—",
                                                      score=score, rank=d["rank"], n=len(ranked))
            source = msg.RECTIFY_FROM_SOURCE.format(round=from_appraisal, grade=d.get("grade") or "—")
            out.append(_add(conn, name, problem=problem, unit=d["department"], source=source,
                            category=None, appraisal_round_id=appraisal_id, grade=d.get("grade"),
                            actor=actor, today=today))
    return {"round": name, "items": out, "warnings": warnings}


def _bottom(ranked: list[dict], k: int, appraisal: str) -> tuple[list[dict], list[str]]:
    """The departments among the bottom K by rank: every department tied with the K-th from the
    bottom is among them (a tie is never broken by the order of names), said in a warning; K over
    the departments ranked takes them all, said as well."""
    ordered = sorted(ranked, key=lambda d: (d["rank"], d["department"]))
    if k >= len(ordered):
        return ordered, ([msg.RECTIFY_BOTTOM_ALL.format(round=appraisal, n=len(ordered), k=k)]
                         if k > len(ordered) else [])
    cut = ordered[-k]["rank"]
    picks = [d for d in ordered if d["rank"] >= cut]
    if len(picks) == k:
        return picks, []
    tied = sum(d["rank"] == cut for d in picks)
    return picks, [msg.RECTIFY_BOTTOM_TIED.format(round=appraisal, rank=cut, tied=tied, k=k, n=len(picks))]


# -- items -------------------------------------------------------------------------------------

def add(conn: sqlite3.Connection, *, problem: str, unit: str | None, source: str | None = None,
        category: str | None = None, round_name: str | None = None, actor: str, today: date) -> int:
    """One problem (未启动) with its responsible unit; returns its number."""
    with write(conn):
        rnd = round_of(conn, round_name)
        return _add(conn, rnd["name"], problem=problem, unit=unit, source=source, category=category,
                    appraisal_round_id=None, grade=None, actor=actor, today=today)


def _add(conn, round_name: str, *, problem: str, unit: str | None, source: str | None,
         category: str | None, appraisal_round_id: int | None, grade: str | None, actor: str,
         today: date) -> int:
    from docket.core.cleaning import clean_text
    from docket.core.intake import NewItem, insert_item
    from docket.core.text import refuse_controls
    from docket.core.units import Directory

    refuse_controls({"问题": problem, "问题来源": source, "类别": category, "责任单位": unit})
    problem = clean_text(problem) if problem else ""
    if not problem:
        raise BadInput(msg.FIELD_EMPTY.format(field="问题"))
    if not (unit or "").strip():
        raise BadInput(msg.RECTIFY_NO_UNIT)
    lead = Directory.load(conn).resolve(unit.strip()).name
    sess = store_items.current_session(conn, round_name)
    number = store_items.next_number(conn, sess["id"])
    source = (source or "").strip() or None
    new = NewItem(title=problem, proposer=source or "—", category=(category or "").strip() or None,
                  received_on=today, lead=lead)
    item_id = insert_item(conn, sess, new, number, KIND, actor=actor, today=today)
    store.insert_rectification(conn, item_id=item_id, source=source, appraisal_round_id=appraisal_round_id,
                               grade=grade, by=actor, today=today)
    return number


def plan(conn: sqlite3.Connection, number: int, *, target: str, measures: str, person: str,
         due: date | None = None, unit: str | None = None, on: date | None = None,
         round_name: str | None = None, actor: str, today: date) -> Outcome:
    """一问题一方案: target, measures, person and due date. The first plan assigns the item to its
    responsible unit (整改中; due by `rectify.deadline` unless given); a later one revises it."""
    from docket.core import settings
    from docket.core.assigning import assign
    from docket.core.text import refuse_controls

    on = on or today
    not_future(on, today, "方案日期")
    fields = {"target": (target or "").strip(), "measures": (measures or "").strip(),
              "person": (person or "").strip()}
    refuse_controls({"整改目标": fields["target"], "整改措施": fields["measures"], "责任人": fields["person"]})
    for key, label in (("target", "整改目标"), ("measures", "整改措施"), ("person", "责任人")):
        if not fields[key]:
            raise BadInput(msg.FIELD_EMPTY.format(field=label))
    rnd = round_of(conn, round_name)
    with write(conn):
        item = item_for_write(conn, number, rnd["name"])
        _ours(item)
        before = store.rectification_of_item(conn, item["id"])
        if item["state"] in (State.REGISTERED.value, State.ACCEPTED.value):
            # --unit "" is no unit, not "the registered one": a plan names its responsible unit
            lead = unit.strip() if unit is not None else item["proposed_lead"]
            if not lead:
                raise BadInput(msg.RECTIFY_NO_UNIT)
            if on.isoformat() < item["received_on"]:  # said in the plan's words, before assign's
                raise BadInput(msg.RECTIFY_PLAN_BEFORE_ADDED.format(on=on.isoformat(), number=number,
                                                                    added=item["received_on"]))
            if due is None:
                dl = Deadlines(conn)
                due = dl.add(on, settings.get(conn, "rectify.deadline")).date
            elif due < on:
                raise BadInput(msg.RECTIFY_DUE_BEFORE.format(due=due.isoformat(), on=on.isoformat()))
            out = assign(conn, [number], lead=lead, on=on, due=due, actor=actor, today=today,
                         session=rnd["name"])[0]
            item = item_for_write(conn, number, rnd["name"])
        else:
            lifecycle.check("plan", item["state"], number, item["kind"])
            if unit or due:
                raise BadInput(msg.RECTIFY_REPLAN_UNIT_DUE)
            out = Outcome(number, item["state"], {})
            store_items.update_item(conn, item, today)
        store.update_rectification(conn, item["id"], by=actor, today=today, planned_on=on.isoformat(), **fields)
        item_event(conn, actor, today, item, "rectify.plan",
                   before={k: before[k] if before else None for k in fields}, after=fields)
    return Outcome(number, out.state, {**out.detail, **fields}, out.warnings)


def _ours(item: sqlite3.Row) -> None:
    if item["kind"] != KIND:
        raise BadInput(msg.RECTIFY_NOT_ITEM.format(number=item["number"]))


def _lead(conn, item) -> sqlite3.Row:
    """The item's current lead assignment (its round's), replied or not."""
    rows = [a for a in store_assignments.assignments(conn, item["id"])
            if a["role"] == "lead" and a["returned_on"] is None and a["round"] == item["round"]]
    if not rows:
        raise BadInput(msg.RECTIFY_NO_PLAN.format(number=item["number"]))
    return rows[-1]


def _round_since(round_: int, start: date) -> date | None:
    """The first day whose progress counts for the current round: a re-handling round's start
    day still belongs to the round before (the report that led to the failed check)."""
    return None if round_ <= 1 else start + timedelta(days=1)


def _counts(on: date | None, round_: int, start: date | None) -> bool:
    since = _round_since(round_, start) if start else None
    return on is not None and (since is None or on >= since)


def record_progress(conn: sqlite3.Connection, number: int, percent, *, note: str | None = None,
                    on: date | None = None, round_name: str | None = None, actor: str,
                    today: date) -> Outcome:
    """One progress report (周调度); 100 % is the unit's reply: 已整改."""
    from docket.core.replies import reply
    from docket.core.text import refuse_controls

    pct = prog.check_percent(percent)
    on = on or today
    not_future(on, today, "进度日期")
    note = (note or "").strip() or None
    refuse_controls({"说明": note})
    rnd = round_of(conn, round_name)
    with write(conn):
        item = item_for_write(conn, number, rnd["name"])
        _ours(item)
        lifecycle.check("progress", item["state"], number, item["kind"])
        a = _lead(conn, item)
        start = date.fromisoformat(a["assigned_on"])
        if on < start:
            raise BadInput(msg.RECTIFY_PROGRESS_BEFORE.format(on=on.isoformat(), start=a["assigned_on"]))
        prog.record(conn, item=item, percent=pct, on=on, note=note, actor=actor, today=today,
                    since=_round_since(item["round"], start))
        store_items.update_item(conn, item, today)
        if pct == 100:
            return reply(conn, number, unit=a["unit_name"], on=on, actor=actor, today=today,
                         session=rnd["name"], summary=note)
    return Outcome(number, item["state"], {"percent": pct, "on": on.isoformat(), "note": note})


def recheck(conn: sqlite3.Connection, number: int, *, passed: bool, note: str | None = None,
            on: date | None = None, round_name: str | None = None, actor: str, today: date) -> Outcome:
    """复查: pass → 复查通过 (a look-back to come, `rectify.lookback`) or 已销号 (no look-back);
    fail → 复查未通过, a new round due `deadline.rehandle` from that day."""
    from docket.core import settings

    return _check(conn, number, "recheck", passed, note, on, round_name, actor, today,
                  pass_to=State.RECHECKED if settings.get(conn, "rectify.lookback") else State.CLOSED)


def lookback(conn: sqlite3.Connection, number: int, *, passed: bool, note: str | None = None,
             on: date | None = None, round_name: str | None = None, actor: str, today: date) -> Outcome:
    """回头看 after a passed re-check: pass → 已销号; fail (问题反弹) → 复查未通过, a new round."""
    return _check(conn, number, "lookback", passed, note, on, round_name, actor, today,
                  pass_to=State.CLOSED)


def _check(conn, number, action, passed, note, on, round_name, actor, today, *, pass_to: State) -> Outcome:
    from docket.core.text import refuse_controls

    on = on or today
    not_future(on, today, "复查日期" if action == "recheck" else "回头看日期")
    note = (note or "").strip() or None
    refuse_controls({"说明": note})
    rnd = round_of(conn, round_name)
    warnings: list[str] = []
    with write(conn):
        item = item_for_write(conn, number, rnd["name"])
        _ours(item)
        lifecycle.check(action, item["state"], number, item["kind"])
        rect = store.rectification_of_item(conn, item["id"])
        a = _lead(conn, item)
        after_day = (rect["rechecked_on"] if action == "lookback" else a["replied_on"]) or a["assigned_on"]
        if on.isoformat() < after_day:
            raise BadInput((msg.RECTIFY_LOOKBACK_BEFORE if action == "lookback" else msg.RECTIFY_RECHECK_BEFORE)
                           .format(on=on.isoformat(), day=after_day))
        result = "pass" if passed else "fail"
        fields = ({"rechecked_on": on.isoformat(), "recheck_result": result, "recheck_note": note}
                  if action == "recheck" else
                  {"lookback_on": on.isoformat(), "lookback_result": result, "lookback_note": note})
        store.update_rectification(conn, item["id"], by=actor, today=today, **fields)
        if passed:
            target = pass_to.value
            changes = {"state": target}
            if target == State.CLOSED.value:
                changes.update(closed_on=on.isoformat(), close_reason=msg.RECTIFY_CLOSED_REASON)
            store_items.update_item(conn, item, today, **changes)
            item_event(conn, actor, today, item, f"rectify.{action}", result=result, on=on.isoformat(),
                       note=note, before={"state": item["state"]}, after={"state": target})
            return Outcome(number, target, {"result": result, "on": on.isoformat()})
        dl = Deadlines(conn)
        due = dl.rehandle_due(on)
        new_round = item["round"] + 1
        item_event(conn, actor, today, item, f"rectify.{action}", result=result, on=on.isoformat(), note=note)
        store_assignments.insert_assignment(
            conn, item_id=item["id"], unit_id=a["unit_id"], role="lead", round_=new_round,
            assigned_on=on.isoformat(), due_on=due.date.isoformat(), provisional=due.provisional,
            objection_until=None, created_at=now_iso(today))
        store_items.update_item(conn, item, today, state=State.REHANDLING.value, round=new_round,
                                round_start=on.isoformat())
        item_event(conn, actor, today, item, "rehandle", round=new_round, due_on=due.date.isoformat(),
                   unit=a["unit_name"], before={"state": item["state"]}, after={"state": State.REHANDLING.value})
        from docket.core import settings
        if action == "lookback" or item["round"] >= settings.get(conn, "evaluation.rounds"):
            warnings.append(msg.RECTIFY_SUGGEST_ACCOUNTABILITY.format(number=number))
        warnings += sorted(dl.warnings)
    return Outcome(number, State.REHANDLING.value, {"result": result, "on": on.isoformat(),
                                                    "due_on": due.date.isoformat()}, warnings)


def accountability(conn: sqlite3.Connection, number: int, *, reason: str, on: date | None = None,
                   round_name: str | None = None, actor: str, today: date) -> Outcome:
    """问责, in any state: its date and reason (a later one replaces it; the events keep both)."""
    from docket.core.text import refuse_controls

    reason = (reason or "").strip()
    if not reason:
        raise BadInput(msg.REASON_REQUIRED.format(action="问责"), hint=msg.HINT_REASON)
    refuse_controls({"理由": reason})
    on = on or today
    not_future(on, today, "问责日期")
    rnd = round_of(conn, round_name)
    with write(conn):
        item = item_for_write(conn, number, rnd["name"])
        _ours(item)
        lifecycle.check("accountability", item["state"], number, item["kind"])
        before = store.rectification_of_item(conn, item["id"])
        store.update_rectification(conn, item["id"], by=actor, today=today,
                                   accountability_on=on.isoformat(), accountability_reason=reason)
        store_items.update_item(conn, item, today)
        item_event(conn, actor, today, item, "rectify.accountability", on=on.isoformat(), reason=reason,
                   before={"accountability": before["accountability_reason"] if before else None},
                   after={"accountability": reason})
    return Outcome(number, item["state"], {"on": on.isoformat(), "reason": reason})


# -- the ledger --------------------------------------------------------------------------------

LEDGER_KEYS = ("number", "problem", "unit", "person", "target", "measures", "assigned_on", "due_on",
               "progress", "planned", "lag", "color", "state", "state_label", "rechecked_on",
               "closed_on", "accountability")


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One problem as the ledger shows it on as_of (contract §3's JSON row, plus what the
    documents need)."""
    number: int
    problem: str
    source: str | None
    category: str | None
    unit: str | None
    person: str | None
    target: str | None
    measures: str | None
    assigned_on: date | None
    due_on: date | None
    progress: int | None
    planned: Fraction | None
    lag: Fraction | None
    color: str | None
    due_color: str | None       # the due date's own colour (colors.yellow), for the xlsx fill
    state: str
    rechecked_on: date | None
    recheck_result: str | None
    lookback_on: date | None
    lookback_result: str | None
    closed_on: date | None
    accountability_on: date | None
    accountability_reason: str | None
    late_report: date | None    # 未按时报送进度: the day the missing report was expected
    first_due_on: date | None
    first_replied_on: date | None

    @property
    def state_label(self) -> str:
        return state_label(self.state, KIND)

    def as_json(self) -> dict:
        return {"number": self.number, "problem": self.problem, "unit": self.unit, "person": self.person,
                "target": self.target, "measures": self.measures,
                "assigned_on": iso(self.assigned_on), "due_on": iso(self.due_on),
                "progress": self.progress,
                "planned": None if self.planned is None else prog.shown(self.planned),
                "lag": None if self.lag is None else prog.shown(self.lag),
                "color": self.color, "state": self.state, "state_label": self.state_label,
                "rechecked_on": iso(self.rechecked_on), "closed_on": iso(self.closed_on),
                "accountability": None if self.accountability_on is None else
                {"on": iso(self.accountability_on), "reason": self.accountability_reason},
                "source": self.source, "category": self.category,
                "late_report": self.late_report is not None}


def ledger(conn: sqlite3.Connection, *, as_of: date, round_name: str | None = None,
           number: int | None = None) -> list[LedgerRow]:
    """Every problem of the round (by number) on as_of: progress against plan, colour, state."""
    from docket.core import settings
    from docket.store import progress as store_progress

    rnd = round_of(conn, round_name)
    rows = store.ledger_rows(conn, rnd["id"], number)
    if number is not None and not rows:
        raise NotFound(msg.ITEM_NOT_FOUND.format(number=number, session=rnd["name"]))
    dl = Deadlines(conn)
    yellow, red = prog.thresholds(conn)
    every = settings.get(conn, "rectify.update_every")
    ids = [r["id"] for r in rows]
    latest = store_progress.latest_progress_of_items(conn, ids, upto=as_of)
    marks = store_progress.milestones_of_items(conn, ids)
    out = []
    for r in rows:
        assigned, due = from_iso(r["assigned_on"]), from_iso(r["due_on"])
        last = latest.get(r["id"])
        last_on = from_iso(last["on_date"]) if last else None
        if last and not _counts(last_on, r["round"], assigned):
            last_on, last = None, None  # an earlier round's report
        pct = last["percent"] if last else None
        planned_ = lag_ = color = due_color = late = None
        if assigned and due and r["state"] in OPEN_STATES + DONE_STATES:
            done = r["state"] in DONE_STATES
            ms = [prog.Milestone(from_iso(m["on_date"]), m["percent"]) for m in marks.get(r["id"], ())]
            st = prog.standing(assigned_on=assigned, due_on=due, as_of=as_of, latest=pct, last_report=last_on,
                               done=done, yellow=yellow, red=red, milestones=ms)
            pct, planned_, lag_ = st.progress, st.planned, st.lag
            c = st.color
            if not done:
                dc, _ = dl.color(due, as_of)
                due_color = dc.value
                c = prog.worse(c, dc)
                late = prog.late_report(last_on, assigned, as_of, every, dl)
            color = c.value
        out.append(LedgerRow(
            number=r["number"], problem=r["title"], source=r["source"], category=r["category"],
            unit=r["unit_name"] or r["proposed_lead"], person=r["person"], target=r["target"],
            measures=r["measures"], assigned_on=assigned, due_on=due, progress=pct, planned=planned_,
            lag=lag_, color=color, due_color=due_color, state=r["state"],
            rechecked_on=from_iso(r["rechecked_on"]), recheck_result=r["recheck_result"],
            lookback_on=from_iso(r["lookback_on"]), lookback_result=r["lookback_result"],
            closed_on=from_iso(r["closed_on"]), accountability_on=from_iso(r["accountability_on"]),
            accountability_reason=r["accountability_reason"], late_report=late,
            first_due_on=from_iso(r["first_due_on"]), first_replied_on=from_iso(r["first_replied_on"])))
    return out


# -- figures (report, the 通报, the dashboard) ---------------------------------------------------

@dataclass(frozen=True, slots=True)
class Figures:
    """整改完成率, 按期整改率, 复查通过率 and 问责 of one round on as_of."""
    round: str
    as_of: date
    total: int
    done: int                 # 已整改 + 复查通过 + 已销号
    closed: int
    on_time: int
    on_time_decided: int
    rechecked: int
    recheck_passed: int
    accountability: int
    red: int
    yellow: int
    late_reports: int

    def rate(self, num: int, den: int) -> Fraction | None:
        return Fraction(num, den) if den else None

    @property
    def completion_rate(self) -> Fraction | None:
        return self.rate(self.done, self.total)

    @property
    def on_time_rate(self) -> Fraction | None:
        return self.rate(self.on_time, self.on_time_decided)

    @property
    def recheck_rate(self) -> Fraction | None:
        return self.rate(self.recheck_passed, self.rechecked)

    def as_json(self) -> dict:
        from docket.core.numbers import round_half_up

        r4 = lambda x: None if x is None else round_half_up(x, 4)
        return {"round": self.round, "as_of": self.as_of.isoformat(), "total": self.total, "done": self.done,
                "closed": self.closed, "completion_rate": r4(self.completion_rate), "on_time": self.on_time,
                "on_time_rate": r4(self.on_time_rate), "rechecked": self.rechecked,
                "recheck_passed": self.recheck_passed, "recheck_rate": r4(self.recheck_rate),
                "accountability": self.accountability, "red": self.red, "yellow": self.yellow,
                "late_reports": self.late_reports}


def figures(rows: list[LedgerRow], *, round_name: str, as_of: date) -> Figures:
    """按期整改率 = first-round 已整改 by the first-round due date ÷ (those decided: done, or
    past that due date) — the on-time rule of core.timeliness."""
    from docket.core.timeliness import on_time

    day = as_of.isoformat()
    verdicts = [on_time(iso(r.first_replied_on), r.first_due_on.isoformat(), day)
                for r in rows if r.first_due_on]
    decided = [v for v in verdicts if v is not None]
    rechecked = [r for r in rows if r.recheck_result]
    return Figures(round=round_name, as_of=as_of, total=len(rows),
                   done=sum(r.state in DONE_STATES for r in rows),
                   closed=sum(r.state == State.CLOSED.value for r in rows),
                   on_time=sum(decided), on_time_decided=len(decided), rechecked=len(rechecked),
                   recheck_passed=sum(r.recheck_result == "pass" for r in rechecked),
                   accountability=sum(r.accountability_on is not None for r in rows),
                   red=sum(r.color == Color.RED.value for r in rows),
                   yellow=sum(r.color == Color.YELLOW.value for r in rows),
                   late_reports=sum(r.late_report is not None for r in rows))


def round_figures(conn: sqlite3.Connection, *, as_of: date, round_name: str | None = None) -> Figures:
    rnd = round_of(conn, round_name)
    return figures(ledger(conn, as_of=as_of, round_name=rnd["name"]), round_name=rnd["name"], as_of=as_of)


def newest_figures(conn: sqlite3.Connection, *, as_of: date) -> Figures | None:
    """The newest round's figures, or None when the database has no rectification round
    (`report` then shows nothing of it)."""
    return round_figures(conn, as_of=as_of) if has_rounds(conn) else None


# -- 未按时报送进度 (remind) ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LateReport:
    """A unit late with an item's progress report, as one `remind` run sends it."""
    item_id: int
    unit_id: int
    unit: str
    round: str
    number: int
    title: str
    expected_on: date
    n: int          # the n-th reminder for this missing report (one per `rectify.update_every`)
    kind: str = KIND  # the round's kind: rectification or project

    def as_json(self) -> dict:
        return {"unit": self.unit, "round": self.round, "number": self.number, "title": self.title,
                "expected_on": self.expected_on.isoformat(), "n": self.n, "reason": msg.PROGRESS_LATE}


# the rounds whose units report progress, and the setting that says how often (one mechanism:
# a rectification problem weekly, 周调度 §12; an adopted 民生实事 project monthly, 每月一督查 §13)
REPORT_EVERY = {KIND: "rectify.update_every", Kind.PROJECT.value: "project.update_every"}


def late_reports(conn: sqlite3.Connection, as_of: date, dl: Deadlines | None = None) -> list[LateReport]:
    """Every open rectification item and assigned 民生实事 project (any round) whose unit has not
    reported progress within its period (`rectify.update_every`, `project.update_every`) of its
    last report (or of the assignment), on as_of. A project reported at 100 % is done. n counts
    the periods missed, so a reminder repeats each period until a report comes."""
    from docket.core import settings
    from docket.store import progress as store_progress

    dl = dl or Deadlines(conn)
    every_of = {kind: settings.get(conn, key) for kind, key in REPORT_EVERY.items()}
    rows = store.open_items_of_rounds(conn, tuple(REPORT_EVERY))
    ids = [r["id"] for r in rows]
    last = store.last_progress_on(conn, ids, as_of)
    latest = store_progress.latest_progress_of_items(conn, ids, upto=as_of)
    out = []
    for r in rows:
        assigned = date.fromisoformat(r["assigned_on"])
        if assigned > as_of:
            continue
        every = every_of[r["round_kind"]]
        if r["round_kind"] != KIND and r["id"] in latest and latest[r["id"]]["percent"] == 100:
            continue  # a project reported complete (its reply may come later)
        lp = from_iso(last.get(r["id"]))
        lp = lp if _counts(lp, r["round"], assigned) else None
        expected = prog.late_report(lp, assigned, as_of, every, dl)
        if expected is None:
            continue
        n, nxt = 1, expected
        while True:  # the n-th period missed: one more reminder after each further period
            nxt = dl.add(nxt, every).date
            if as_of <= nxt:
                break
            n += 1
        out.append(LateReport(r["id"], r["unit_id"], r["unit_name"], r["round_name"], r["number"],
                              r["title"], expected, n, r["round_kind"]))
    return out


def remind_late(conn: sqlite3.Connection, *, as_of: date, actor: str, dry_run: bool = False,
                dl: Deadlines | None = None) -> list[LateReport]:
    """The 未按时报送进度 reminders this run sends (cron-safe: a key (item, expected day, n) is sent
    once; `dry_run` lists what would be sent). The caller holds the write transaction (remind's)."""
    with write(conn, dry_run=dry_run):  # remind's own transaction when it holds one
        todo = late_todo(conn, as_of, dl)
        if dry_run or not todo:
            return todo
        return record_late(conn, todo, as_of=as_of, actor=actor)


def late_todo(conn: sqlite3.Connection, as_of: date, dl: Deadlines | None = None) -> list[LateReport]:
    """The 未按时报送进度 reminders not yet sent (late_reports less those on record)."""
    todo = late_reports(conn, as_of, dl)
    sent_before = store.progress_reminders_sent(conn, [t.item_id for t in todo])
    return [t for t in todo if (t.item_id, t.expected_on.isoformat(), t.n) not in sent_before]


def record_late(conn: sqlite3.Connection, todo: list[LateReport], *, as_of: date, actor: str) -> list[LateReport]:
    """Record each reminder (one event per unit); keep those this run inserted (another run may
    have sent some meanwhile). The caller holds the write transaction."""
    from docket.store import events

    sent = [t for t in todo if store.insert_progress_reminder(
        conn, item_id=t.item_id, unit_id=t.unit_id, expected_on=t.expected_on, n=t.n, sent_on=as_of,
        by=actor)]
    for group in late_grouped(sent):
        events.append(conn, by=actor, action="rectify.remind", entity="unit", entity_id=group[0].unit_id,
                      today=as_of, detail={"unit": group[0].unit, "on": as_of.isoformat(),
                                           "sent": [[t.round, t.number, t.expected_on.isoformat(), t.n]
                                                    for t in group]})
    return sent


def progress_reminders_of(conn: sqlite3.Connection, item_id: int) -> list[dict]:
    """The 未按时报送进度 reminders sent for one item of a round (a rectification problem or a
    民生实事 project), shaped as show_item's reminders: level `progress_late`, due_on the day the
    missing report was expected (the TUI's item screen lists them under 催办督办)."""
    return [{"unit": r["unit_name"], "role": "lead", "level": "progress_late", "n": r["n"],
             "due_on": r["expected_on"], "sent_on": r["sent_on"]}
            for r in store.progress_reminders_of_item(conn, item_id)]


def late_grouped(late: list[LateReport]) -> list[list[LateReport]]:
    """By unit (in the order units first appear), each unit's items as they came."""
    by_unit: dict[int, list[LateReport]] = {}
    for t in late:
        by_unit.setdefault(t.unit_id, []).append(t)
    return list(by_unit.values())


def late_by_unit(groups: list[dict], late: list[LateReport], as_of: date) -> list[dict]:
    """remind's JSON groups with the 未按时报送进度 items added under their units: {number,
    title, round, role: lead, due_on: the day the report was expected, color: late_report,
    days_overdue, n, reason}."""
    out = [dict(g, items=list(g["items"])) for g in groups]
    index = {g["unit"]: g for g in out}
    for t in late:
        g = index.get(t.unit)
        if g is None:
            g = index[t.unit] = {"unit": t.unit, "items": []}
            out.append(g)
        g["items"].append({"number": t.number, "title": t.title, "round": t.round, "role": "lead",
                           "due_on": t.expected_on.isoformat(), "color": "late_report",
                           "days_overdue": (as_of - t.expected_on).days, "n": t.n, "reason": msg.PROGRESS_LATE})
    return out


# -- one item (the TUI's item screen) ------------------------------------------------------------

def item_detail(conn: sqlite3.Connection, item: sqlite3.Row, round_name: str, as_of: date) -> dict:
    """A rectification item's plan, checks, 问责 and progress log (with the planned % of each
    report's day): `show`'s "rectification" (the ledger's JSON row plus these) and the TUI's item
    screen."""
    row = ledger(conn, as_of=as_of, round_name=round_name, number=item["number"])[0]
    rect = store.rectification_of_item(conn, item["id"])
    return {**row.as_json(), "recheck_result": row.recheck_result,
            "recheck_note": rect["recheck_note"] if rect else None, "lookback_on": iso(row.lookback_on),
            "lookback_result": row.lookback_result, "lookback_note": rect["lookback_note"] if rect else None,
            "late_report_on": iso(row.late_report),
            "progress_log": prog.progress_log(conn, item["id"], assigned_on=row.assigned_on, due_on=row.due_on)}
