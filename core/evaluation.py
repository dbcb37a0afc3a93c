"""The member evaluates the reply (domain.md §5), which closes the item or sends it back for
re-handling; and closing an item by hand. One transaction each."""
from __future__ import annotations

import sqlite3
from datetime import date

from docket.core import lifecycle
from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.deadlines import Deadlines
from docket.core.errors import BadInput, IllegalTransition
from docket.core.records import LEVEL_BY_TEXT, LEVEL_LABELS, Level, State
from docket.core.text import refuse_controls
from docket.store import assignments as store_assignments
from docket.store import items as store
from docket.store.db import write
from docket.core.handling import Outcome, end_assignments, item_event, item_for_write, not_future


def parse_level(text: str | None, field: str) -> Level | None:
    if text is None or text == "":
        return None
    try:
        return LEVEL_BY_TEXT[text.strip()]
    except KeyError:
        raise BadInput(msg.UNKNOWN_LEVEL.format(field=field, value=text)) from None


def evaluate(conn: sqlite3.Connection, number: int, *, result: str, on: date, attitude: str | None = None,
             rater: str | None = None, contacted: bool | None = None, note: str | None = None,
             actor: str, today: date, session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    from docket.core import settings

    refuse_controls({"评价人": rater, "评价意见": note})
    not_future(on, today, "评价日期")
    res = parse_level(result, "办理结果")
    att = parse_level(attitude, "办理态度")
    if settings.get(conn, "evaluation.attitude") == "required" and att is None:
        raise BadInput(msg.ATTITUDE_REQUIRED)
    rounds = settings.get(conn, "evaluation.rounds")
    rehandle_on = {Level.DISSATISFIED} | ({Level.BASIC} if settings.get(conn, "evaluation.rehandle_on") == "basic" else set())
    raters = settings.get(conn, "evaluation.raters")
    dl = Deadlines(conn)
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        master = store.item_by_id(conn, item["merged_into"]) if item["state"] == "merged" else item
        if master["state"] != State.REPLIED.value or not lifecycle.sources_for("evaluate", item["kind"]):
            lifecycle.check("evaluate", master["state"] if item is master else "merged", number, item["kind"])
        decisive = not (raters == "all" and rater and rater != item["proposer"])
        round_ = master["round"]
        done = [e for e in store_assignments.evaluations(conn, item["id"]) if e["round"] == round_ and e["decisive"]]
        if decisive and done:
            raise IllegalTransition(msg.ALREADY_EVALUATED.format(number=number))
        if decisive and round_ > 1:
            # in a re-handling round only those whose last rating sent it back rate again (§5)
            prev = [e for e in store_assignments.evaluations(conn, item["id"]) if e["round"] == round_ - 1 and e["decisive"]]
            if prev and Level(prev[-1]["result"]) not in rehandle_on:
                raise IllegalTransition(msg.NO_RATING_DUE.format(
                    number=number, level=LEVEL_LABELS[Level(prev[-1]["result"])]))
        last = [r for r in store_assignments.replies(conn, item["id"]) if r["role"] == "lead"]
        if last and on.isoformat() < last[-1]["replied_on"]:
            raise BadInput(msg.EVAL_BEFORE_REPLY.format(on=on.isoformat(), reply=last[-1]["replied_on"]))
        store_assignments.insert_evaluation(
            conn, item_id=item["id"], round_=round_, result=res.value,
            attitude=att.value if att else None, evaluated_on=on.isoformat(),
            rater=rater or item["proposer"], decisive=decisive, contacted=contacted, note=note,
            created_at=now_iso(today), by=actor)
        detail = {"round": round_, "result": res.value, "result_label": LEVEL_LABELS[res],
                  "attitude": att.value if att else None, "on": on.isoformat(), "decisive": decisive,
                  "rater": rater or item["proposer"], "contacted": contacted, "note": note}
        item_event(conn, actor, today, item, "evaluate", **detail)
        state = item["state"]
        if decisive:
            state = _after_evaluation(conn, dl, master, on, rounds, rehandle_on, actor, today)
            if item is not master:
                state = item["state"]
    return Outcome(number, state, detail, sorted(dl.warnings))


def _after_evaluation(conn, dl: Deadlines, master, on: date, rounds: int, rehandle_on: set,
                      actor: str, today: date) -> str:
    """Move the master (or lone item) on once every member still to rate has rated this round."""
    round_ = master["round"]
    group = [master, *store.members(conn, master["id"])]
    latest: dict[int, str] = {}
    for it in group:
        rated_rounds = {e["round"]: e["result"] for e in store_assignments.evaluations(conn, it["id"]) if e["decisive"]}
        if round_ in rated_rounds:
            latest[it["id"]] = rated_rounds[round_]
        elif round_ == 1 or (round_ - 1) in rated_rounds and rated_rounds[round_ - 1] in {l.value for l in rehandle_on}:
            return master["state"]  # someone still to rate this round
    unhappy = any(Level(v) in rehandle_on for v in latest.values())
    master = store.item_by_id(conn, master["id"])
    if unhappy and round_ < rounds:
        due = dl.rehandle_due(on)
        lead = next((a for a in store_assignments.assignments(conn, master["id"])
                     if a["role"] == "lead" and a["round"] == round_ and a["returned_on"] is None), None)
        store_assignments.insert_assignment(
            conn, item_id=master["id"], unit_id=lead["unit_id"], role="lead", round_=round_ + 1,
            assigned_on=on.isoformat(), due_on=due.date.isoformat(), provisional=due.provisional,
            objection_until=None, created_at=now_iso(today))
        store.update_item(conn, master, today, state=State.REHANDLING.value, round=round_ + 1,
                          round_start=on.isoformat())
        item_event(conn, actor, today, master, "rehandle", round=round_ + 1, due_on=due.date.isoformat(),
               unit=lead["unit_name"], before={"state": "replied"}, after={"state": "rehandling"})
        return State.REHANDLING.value
    store.update_item(conn, master, today, state=State.CLOSED.value, closed_on=on.isoformat())
    item_event(conn, actor, today, master, "close.evaluated", before={"state": "replied"},
           after={"state": "closed"}, round=round_)
    return State.CLOSED.value


def close(conn: sqlite3.Connection, number: int, *, reason: str, actor: str, today: date,
          session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    if not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action="办结"), hint=msg.HINT_REASON)
    refuse_controls({"理由": reason})
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        target = lifecycle.check("close", item["state"], number, item["kind"])
        ended = end_assignments(conn, item, today, reason)
        store.update_item(conn, item, today, state=target.value, closed_on=today.isoformat(),
                          close_reason=reason)
        detail = {"reason": reason, "ended_assignments": len(ended), "before": {"state": item["state"]},
                  "after": {"state": target.value}}
        item_event(conn, actor, today, item, "close", **detail)
    return Outcome(number, target.value, detail)
