"""Assigning items to units (domain.md §5): lead and support, from the command line or a plan,
and recomputing provisional due dates once a year's schedule is imported. One transaction each."""
from __future__ import annotations

import sqlite3
from datetime import date

from docket.core import lifecycle
from docket.core import messages as msg
from docket.core.calendar import Due
from docket.core.dates import now_iso
from docket.core.deadlines import Deadlines
from docket.core.errors import BadInput
from docket.core.records import State, item_name
from docket.core.units import Directory, Unit
from docket.store import assignments as store_assignments
from docket.store import events
from docket.store import items as store
from docket.store.db import write
from docket.core.handling import Outcome, item_event, item_for_write, not_future


def assign(conn: sqlite3.Connection, numbers: list[int], *, lead: str, support: tuple[str, ...] = (),
           on: date, due: date | None = None, actor: str, today: date, session: str | None = None,
           dry_run: bool = False, dl: Deadlines | None = None,
           directory: Directory | None = None,
           expect_versions: dict[int, int] | None = None) -> list[Outcome]:
    """Assign items to a lead and supporting units, computing each assignment's due date.

    `dl` and `directory` let a caller assigning thousands of rows (import) load them once."""
    if not numbers:
        raise BadInput(msg.NOTHING_SELECTED)
    not_future(on, today, "交办日期")
    directory = directory or Directory.load(conn)
    lead_unit = directory.resolve(lead)
    support_units: list[Unit] = []
    for s in support:
        u = directory.resolve(s)
        if u.id == lead_unit.id:
            raise BadInput(msg.LEAD_IN_SUPPORT.format(unit=u.name))
        if u.id not in [x.id for x in support_units]:
            support_units.append(u)
    dl = dl or Deadlines(conn)
    out: list[Outcome] = []
    with write(conn, dry_run=dry_run):
        for number in numbers:
            item = item_for_write(conn, number, session, (expect_versions or {}).get(number))
            if item["state"] == State.ASSIGNED.value:
                out.append(_add_support(conn, dl, item, lead_unit, support_units, on, actor, today))
            else:
                out.append(_assign_one(conn, dl, item, lead_unit, support_units, on, due, actor, today))
    if out:  # once per run, not under every item
        out[0].warnings += sorted(dl.warnings)
    return out


def assign_plan(conn: sqlite3.Connection, rows: list, *, on: date, due: date | None = None, actor: str,
                today: date, session: str | None = None, dry_run: bool = False) -> list[Outcome]:
    """`assign --plan`: every row of the plan assigned in one transaction, or none; every
    problem (unknown unit, unknown number, state) reported with its row."""
    from docket.core.errors import DocketError

    directory = Directory.load(conn)
    dl = Deadlines(conn)
    errors: list[tuple[int, str]] = []
    for r in rows:
        for name in (r.lead, *r.support):
            try:
                directory.resolve(name)
            except DocketError as e:
                errors.append((r.row, f"第{r.row}行 {e.message}"))
    bad_rows = {row for row, _ in errors}
    out: list[Outcome] = []
    with write(conn, dry_run=dry_run):  # an error raised inside rolls every row back
        for r in rows:
            if r.row not in bad_rows:
                try:
                    out += assign(conn, [r.number], lead=r.lead, support=r.support, on=on, due=due,
                                  actor=actor, today=today, session=session, dl=dl, directory=directory)
                except DocketError as e:
                    errors.append((r.row, f"第{r.row}行 {e.message}"))
        if errors:
            raise BadInput(f"交办方案有 {len(errors)} 处问题，未交办任何一件：",
                           [text for _, text in sorted(errors, key=lambda e: e[0])])
    return out


def _insert_assignment(conn, item, unit: Unit, role: str, on: date, due, objection: date | None,
                       round_: int, today: date) -> int:
    return store_assignments.insert_assignment(
        conn, item_id=item["id"], unit_id=unit.id, role=role, round_=round_,
        assigned_on=on.isoformat(), due_on=due.date.isoformat(), provisional=due.provisional,
        objection_until=objection.isoformat() if objection else None, created_at=now_iso(today))


def _assign_one(conn, dl: Deadlines, item, lead_unit: Unit, support_units: list[Unit], on: date,
                due: date | None, actor: str, today: date) -> Outcome:
    target = lifecycle.check("assign", item["state"], item["number"], item["kind"])
    if on.isoformat() < item["received_on"]:
        raise BadInput(f"交办日期 {on.isoformat()} 早于{item_name(item['number'], item['kind'])}的提出日期 {item['received_on']}")
    if due is not None:
        if due < on:
            raise BadInput(msg.DUE_BEFORE_ON.format(due=due.isoformat(), on=on.isoformat()))
        cap = dl.cap(on, item["kind"])
        if due > cap:
            raise BadInput(msg.DUE_AFTER_CAP.format(due=due.isoformat(), cap=cap.isoformat()))
        lead_due = Due(due)
    else:
        lead_due = dl.lead_due(on, bool(item["fast"]))
    objection = dl.objection_until(on)
    _insert_assignment(conn, item, lead_unit, "lead", on, lead_due, objection, 1, today)
    sup = []
    for u in support_units:
        d = dl.support_due(on, bool(item["fast"]), lead_due.date)
        _insert_assignment(conn, item, u, "support", on, d, objection, 1, today)
        sup.append({"unit": u.name, "due_on": d.date.isoformat(), "provisional": d.provisional})
    store.update_item(conn, item, today, state=target.value, round=1, round_start=on.isoformat())
    detail = {"lead": lead_unit.name, "assigned_on": on.isoformat(), "due_on": lead_due.date.isoformat(),
              "provisional": lead_due.provisional, "objection_until": objection.isoformat(), "support": sup,
              "before": {"state": item["state"]}, "after": {"state": target.value}}
    item_event(conn, actor, today, item, "assign", **detail)
    return Outcome(item["number"], target.value, detail)


def _add_support(conn, dl: Deadlines, item, lead_unit: Unit, support_units: list[Unit], on: date,
                 actor: str, today: date) -> Outcome:
    lifecycle.check("add_support", item["state"], item["number"], item["kind"])
    live = store_assignments.live_assignments(conn, item["id"])
    current = next((a for a in live if a["role"] == "lead"), None)
    if current is None or current["unit_id"] != lead_unit.id:
        raise BadInput(msg.LEAD_MISMATCH.format(number=item["number"], given=lead_unit.name,
                                                current=current["unit_name"] if current else "（无）"),
                       hint=msg.HINT_RETURN,
                       hint_args={"number": item["number"], "unit": current["unit_name"] if current else ""})
    have = {a["unit_id"] for a in live if a["role"] == "support"}
    sup = []
    objection = dl.objection_until(on)
    for u in support_units:
        if u.id in have:
            raise BadInput(msg.ALREADY_SUPPORT.format(unit=u.name, number=item["number"]))
        d = dl.support_due(on, bool(item["fast"]), date.fromisoformat(current["due_on"]))
        _insert_assignment(conn, item, u, "support", on, d, objection, 1, today)
        sup.append({"unit": u.name, "due_on": d.date.isoformat(), "provisional": d.provisional})
    if not sup:
        raise BadInput(f"{item_name(item['number'], item['kind'])}已交办给{lead_unit.name}", hint=msg.HINT_SUPPORT)
    store.update_item(conn, item, today)
    item_event(conn, actor, today, item, "assign.support", lead=lead_unit.name, support=sup,
           assigned_on=on.isoformat())
    return Outcome(item["number"], item["state"], {"lead": lead_unit.name, "support": sup})


def recompute_provisional(conn: sqlite3.Connection, calendar, actor: str, today: date) -> int:
    """After a year's schedule is imported: recompute provisional due dates, each with an event.

    The caller holds the write transaction (calendar import)."""
    dl = Deadlines(conn)
    dl.calendar = calendar
    changed = 0
    for a in store_assignments.open_provisional(conn):
        if a["due_on"] != a["first_due_on"]:
            continue  # extended by hand: keep the clerk's date
        on = date.fromisoformat(a["assigned_on"])
        if a["role"] == "lead":
            new = dl.rehandle_due(on) if a["round"] > 1 else dl.lead_due(on, bool(a["fast"]))
        else:
            lead_due = store_assignments.lead_due_on(conn, a["iid"], a["round"])
            new = dl.support_due(on, bool(a["fast"]), date.fromisoformat(lead_due))
        store_assignments.set_recomputed_due(conn, a["id"], new.date.isoformat(), new.provisional)
        events.append(conn, by=actor, action="due.recompute", entity="assignment", entity_id=a["id"],
                      item_id=a["iid"], detail={"number": a["number"], "unit": a["unit_name"],
                                                 "before": {"due_on": a["due_on"]},
                                                 "after": {"due_on": new.date.isoformat()}}, today=today)
        changed += 1
    return changed
