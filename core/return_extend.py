"""A unit returns an assignment, or its due date is extended (domain.md §5). One transaction each."""
from __future__ import annotations

import sqlite3
from datetime import date

from docket.core import lifecycle
from docket.core import messages as msg
from docket.core.calendar import Due
from docket.core.deadlines import Deadlines
from docket.core.errors import BadInput, IllegalTransition
from docket.core.records import State
from docket.core.text import refuse_controls
from docket.core.units import Directory
from docket.store import assignments as store_assignments
from docket.store import items as store
from docket.store.db import write
from docket.core.handling import Outcome, end_assignments, item_event, item_for_write, not_future, unit_assignment


def return_assignment(conn: sqlite3.Connection, number: int, *, unit: str, reason: str, on: date,
                      force: bool = False, actor: str, today: date, session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    if not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action="退回"), hint=msg.HINT_REASON)
    refuse_controls({"理由": reason})
    not_future(on, today, "退回日期")
    u = Directory.load(conn).resolve(unit)
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        lifecycle.check("return", item["state"], number, item["kind"])
        live = [a for a in store_assignments.live_assignments(conn, item["id"]) if a["unit_id"] == u.id]
        if live and all(a["replied_on"] for a in live):
            raise IllegalTransition(msg.RETURN_REPLIED.format(unit=u.name, number=number))
        a = unit_assignment(conn, item, u)
        if a["objection_until"] and on.isoformat() > a["objection_until"] and not force:
            raise IllegalTransition(msg.RETURN_LATE.format(number=number, unit=u.name,
                                                           until=a["objection_until"]),
                                    hint=msg.HINT_FORCE)
        store_assignments.set_returned(conn, a["id"], on.isoformat(), reason)
        state = item["state"]
        if a["role"] == "lead":
            end_assignments(conn, item, on, "主办单位退回")
            state = State.ACCEPTED.value
        store.update_item(conn, item, today, state=state)
        detail = {"unit": u.name, "role": a["role"], "reason": reason, "on": on.isoformat(),
                  "forced": force and bool(a["objection_until"] and on.isoformat() > a["objection_until"]),
                  "before": {"state": item["state"]}, "after": {"state": state}}
        item_event(conn, actor, today, item, "return", **detail)
    return Outcome(number, state, detail, kind=item["kind"])


def extend(conn: sqlite3.Connection, number: int, *, unit: str, reason: str, until: date | None = None,
           by=None, actor: str, today: date, session: str | None = None,
        expect_version: int | None = None, dry_run: bool = False) -> Outcome:
    """The new due date of one unit's assignment. `dry_run`: every check, nothing kept (the
    TUI's preview)."""
    if not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action="延期"), hint=msg.HINT_REASON)
    refuse_controls({"理由": reason})
    u = Directory.load(conn).resolve(unit)
    dl = Deadlines(conn)
    with write(conn, dry_run=dry_run):
        item = item_for_write(conn, number, session, expect_version)
        lifecycle.check("extend", item["state"], number, item["kind"])
        a = unit_assignment(conn, item, u)
        current = date.fromisoformat(a["due_on"])
        if until is None:
            new = dl.add(current, by)
        else:
                new = Due(until)
        if new.date <= current:
            raise BadInput(msg.EXTEND_NOT_LATER.format(new=new.date.isoformat(), current=current.isoformat()))
        cap = dl.cap(date.fromisoformat(item["round_start"] or a["assigned_on"]), item["kind"])
        if new.date > cap:
            raise BadInput(msg.DUE_AFTER_CAP.format(due=new.date.isoformat(), cap=cap.isoformat()))
        if a["role"] == "support":
            lead = next((x for x in store_assignments.live_assignments(conn, item["id"])
                         if x["role"] == "lead" and x["round"] == item["round"]), None)
            if lead and new.date.isoformat() > lead["due_on"]:
                raise BadInput(msg.EXTEND_SUPPORT_AFTER_LEAD.format(new=new.date.isoformat(), lead=lead["due_on"]))
        # an extension granted before the due date moves the on-time yardstick too (§8)
        yardstick = new.date.isoformat() if today <= current else a["yardstick_due_on"]
        store_assignments.set_extended_due(conn, a["id"], new.date.isoformat(), new.provisional, yardstick)
        store.update_item(conn, item, today)
        detail = {"unit": u.name, "role": a["role"], "reason": reason,
                  "before": {"due_on": current.isoformat()}, "after": {"due_on": new.date.isoformat()}}
        item_event(conn, actor, today, item, "extend", **detail)
    return Outcome(number, item["state"], detail, sorted(dl.warnings))
