"""Handling: assign, return, extend, reply, evaluate, close (domain.md §5).

Each call is one BEGIN IMMEDIATE transaction that checks the transition table, writes, and
appends its events; a failure anywhere leaves the database as it was.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from docket.core import lifecycle
from docket.core import messages as msg
from docket.core.calendar import Due
from docket.core.dates import now_iso
from docket.core.deadlines import Deadlines
from docket.core.errors import BadInput, Conflict, IllegalTransition, NotFound
from docket.core.records import LEVEL_BY_TEXT, LEVEL_LABELS, Level, State, item_name, kind_label
from docket.core.text import refuse_controls
from docket.core.units import Directory, Unit
from docket.store import events
from docket.store import items as store
from docket.store.db import write


@dataclass
class Outcome:
    """What one action did to one item, for the CLI's output and the TUI's per-item report."""
    number: int
    state: str
    detail: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def item_for_write(conn: sqlite3.Connection, number: int, session: str | None,
          expect_version: int | None = None) -> sqlite3.Row:
    """The item, re-read under the write lock. With `expect_version` (the version the clerk's
    screen showed), a change made by someone else since is refused as a Conflict."""
    item = store.item_by_number(conn, store.current_session(conn, session), number)
    if expect_version is not None and item["version"] != expect_version:
        last = conn.execute("SELECT by FROM events WHERE item_id = ? ORDER BY id DESC LIMIT 1",
                            (item["id"],)).fetchone()
        raise Conflict(msg.STALE.format(number=number, kind=kind_label(item["kind"]),
                                        by=last[0] if last else "他人"))
    return item


def _event(conn, actor, today, item, action, **detail) -> None:
    events.append(conn, by=actor, action=action, entity="item", entity_id=item["id"],
                  item_id=item["id"], detail={"number": item["number"], **detail}, today=today)


def _not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise BadInput(msg.ON_FUTURE.format(field=field, day=day.isoformat(), today=today.isoformat()))


def end_assignments(conn: sqlite3.Connection, item: sqlite3.Row, on: date, reason: str) -> list[int]:
    rows = store.open_assignments(conn, item["id"])
    for a in rows:
        conn.execute("UPDATE assignments SET ended_on = ?, end_reason = ?, version = version + 1 "
                     "WHERE id = ?", (on.isoformat(), reason, a["id"]))
    return [a["id"] for a in rows]


# -- assign -----------------------------------------------------------------------------------

def assign(conn: sqlite3.Connection, numbers: list[int], *, lead: str, support: tuple[str, ...] = (),
           on: date, due: date | None = None, actor: str, today: date, session: str | None = None,
           dry_run: bool = False, dl: Deadlines | None = None,
           directory: Directory | None = None,
           expect_versions: dict[int, int] | None = None) -> list[Outcome]:
    """Assign items to a lead and supporting units, computing each assignment's due date.

    `dl` and `directory` let a caller assigning thousands of rows (import) load them once."""
    if not numbers:
        raise BadInput(msg.NOTHING_SELECTED)
    _not_future(on, today, "交办日期")
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
    cur = conn.execute(
        "INSERT INTO assignments (item_id, unit_id, role, round, assigned_on, due_on, first_due_on,"
        " yardstick_due_on, provisional, objection_until, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (item["id"], unit.id, role, round_, on.isoformat(), due.date.isoformat(), due.date.isoformat(),
         due.date.isoformat(), int(due.provisional), objection.isoformat() if objection else None,
         now_iso(today)))
    return int(cur.lastrowid)


def _assign_one(conn, dl: Deadlines, item, lead_unit: Unit, support_units: list[Unit], on: date,
                due: date | None, actor: str, today: date) -> Outcome:
    target = lifecycle.check("assign", item["state"], item["number"], item["kind"])
    if on.isoformat() < item["received_on"]:
        raise BadInput(f"交办日期 {on.isoformat()} 早于{item_name(item['number'], item['kind'])}的提出日期 {item['received_on']}")
    if due is not None:
        if due < on:
            raise BadInput(msg.DUE_BEFORE_ON.format(due=due.isoformat(), on=on.isoformat()))
        cap = dl.cap(on)
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
    _event(conn, actor, today, item, "assign", **detail)
    return Outcome(item["number"], target.value, detail)


def _add_support(conn, dl: Deadlines, item, lead_unit: Unit, support_units: list[Unit], on: date,
                 actor: str, today: date) -> Outcome:
    lifecycle.check("add_support", item["state"], item["number"], item["kind"])
    live = store.live_assignments(conn, item["id"])
    current = next((a for a in live if a["role"] == "lead"), None)
    if current is None or current["unit_id"] != lead_unit.id:
        raise BadInput(msg.LEAD_MISMATCH.format(number=item["number"], given=lead_unit.name,
                                                current=current["unit_name"] if current else "（无）"))
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
        raise BadInput(f"{item_name(item['number'], item['kind'])}已交办给{lead_unit.name}；增加协办单位请用 --support")
    store.update_item(conn, item, today)
    _event(conn, actor, today, item, "assign.support", lead=lead_unit.name, support=sup,
           assigned_on=on.isoformat())
    return Outcome(item["number"], item["state"], {"lead": lead_unit.name, "support": sup})


# -- return, extend ---------------------------------------------------------------------------

def _unit_assignment(conn, item, unit: Unit, *, open_only: bool = True) -> sqlite3.Row:
    rows = store.open_assignments(conn, item["id"]) if open_only else store.live_assignments(conn, item["id"])
    for a in rows:
        if a["unit_id"] == unit.id and (a["role"] == "support" or a["round"] == item["round"]):
            return a
    raise NotFound(msg.NOT_ASSIGNED_UNIT.format(number=item["number"], unit=unit.name))


def return_assignment(conn: sqlite3.Connection, number: int, *, unit: str, reason: str, on: date,
                      force: bool = False, actor: str, today: date, session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    if not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action="退回"))
    refuse_controls({"理由": reason})
    _not_future(on, today, "退回日期")
    u = Directory.load(conn).resolve(unit)
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        lifecycle.check("return", item["state"], number, item["kind"])
        live = [a for a in store.live_assignments(conn, item["id"]) if a["unit_id"] == u.id]
        if live and all(a["replied_on"] for a in live):
            raise IllegalTransition(msg.RETURN_REPLIED.format(unit=u.name, number=number))
        a = _unit_assignment(conn, item, u)
        if a["objection_until"] and on.isoformat() > a["objection_until"] and not force:
            raise IllegalTransition(msg.RETURN_LATE.format(number=number, unit=u.name,
                                                           until=a["objection_until"]))
        conn.execute("UPDATE assignments SET returned_on = ?, return_reason = ?, version = version + 1"
                     " WHERE id = ?", (on.isoformat(), reason, a["id"]))
        state = item["state"]
        if a["role"] == "lead":
            end_assignments(conn, item, on, "主办单位退回")
            state = State.ACCEPTED.value
        store.update_item(conn, item, today, state=state)
        detail = {"unit": u.name, "role": a["role"], "reason": reason, "on": on.isoformat(),
                  "forced": force and bool(a["objection_until"] and on.isoformat() > a["objection_until"]),
                  "before": {"state": item["state"]}, "after": {"state": state}}
        _event(conn, actor, today, item, "return", **detail)
    return Outcome(number, state, detail)


def extend(conn: sqlite3.Connection, number: int, *, unit: str, reason: str, until: date | None = None,
           by=None, actor: str, today: date, session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    if not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action="延期"))
    refuse_controls({"理由": reason})
    u = Directory.load(conn).resolve(unit)
    dl = Deadlines(conn)
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        lifecycle.check("extend", item["state"], number, item["kind"])
        a = _unit_assignment(conn, item, u)
        current = date.fromisoformat(a["due_on"])
        if until is None:
            new = dl.add(current, by)
        else:
                new = Due(until)
        if new.date <= current:
            raise BadInput(msg.EXTEND_NOT_LATER.format(new=new.date.isoformat(), current=current.isoformat()))
        cap = dl.cap(date.fromisoformat(item["round_start"] or a["assigned_on"]))
        if new.date > cap:
            raise BadInput(msg.DUE_AFTER_CAP.format(due=new.date.isoformat(), cap=cap.isoformat()))
        if a["role"] == "support":
            lead = next((x for x in store.live_assignments(conn, item["id"])
                         if x["role"] == "lead" and x["round"] == item["round"]), None)
            if lead and new.date.isoformat() > lead["due_on"]:
                raise BadInput(msg.EXTEND_SUPPORT_AFTER_LEAD.format(new=new.date.isoformat(), lead=lead["due_on"]))
        # an extension granted before the due date moves the on-time yardstick too (§8)
        yardstick = new.date.isoformat() if today <= current else a["yardstick_due_on"]
        conn.execute("UPDATE assignments SET due_on = ?, provisional = ?, yardstick_due_on = ?,"
                     " version = version + 1 WHERE id = ?",
                     (new.date.isoformat(), int(new.provisional), yardstick, a["id"]))
        store.update_item(conn, item, today)
        detail = {"unit": u.name, "role": a["role"], "reason": reason,
                  "before": {"due_on": current.isoformat()}, "after": {"due_on": new.date.isoformat()}}
        _event(conn, actor, today, item, "extend", **detail)
    return Outcome(number, item["state"], detail, sorted(dl.warnings))


# -- reply ------------------------------------------------------------------------------------

def reply(conn: sqlite3.Connection, number: int, *, unit: str, on: date, class_: str | None = None,
          doc_no: str | None = None, contact: str | None = None, phone: str | None = None,
          summary: str | None = None, actor: str, today: date, session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    """The lead unit's reply (with a class) or a supporting unit's opinion (without)."""
    from docket.core import settings

    refuse_controls({"文号": doc_no, "联系人": contact, "联系电话": phone, "答复摘要": summary})
    _not_future(on, today, "答复日期")
    u = Directory.load(conn).resolve(unit)
    codes = settings.get(conn, "reply.classes")
    require_support = settings.get(conn, "reply.require_support")
    warnings: list[str] = []
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        if item["state"] == State.MERGED.value and class_:
            return _reply_to_member(conn, item, u, class_, codes, on, {
                "doc_no": doc_no, "contact": contact, "phone": phone, "summary": summary}, actor, today)
        if item["state"] not in (State.ASSIGNED.value, State.REHANDLING.value):
            lifecycle.check("reply", item["state"], number, item["kind"])
        a = _unit_assignment(conn, item, u)
        if on.isoformat() < a["assigned_on"]:
            raise BadInput(msg.REPLY_BEFORE_ASSIGN.format(on=on.isoformat(), assigned=a["assigned_on"]))
        fields = {"doc_no": doc_no, "contact": contact, "phone": phone, "summary": summary}
        if a["role"] == "support":
            if class_:
                raise BadInput(msg.CLASS_FOR_SUPPORT.format(unit=u.name))
            lifecycle.check("opinion", item["state"], number, item["kind"])
            _insert_reply(conn, item, a, u, "support", None, on, fields, actor, today)
            conn.execute("UPDATE assignments SET replied_on = ?, version = version + 1 WHERE id = ?",
                         (on.isoformat(), a["id"]))
            store.update_item(conn, item, today)
            _event(conn, actor, today, item, "opinion", unit=u.name, on=on.isoformat())
            return Outcome(number, item["state"], {"unit": u.name, "role": "support", "on": on.isoformat()})
        target = lifecycle.check("reply", item["state"], number, item["kind"])
        if not class_:
            raise BadInput(msg.CLASS_REQUIRED.format(codes="、".join(codes)))
        if class_ not in codes:
            raise BadInput(msg.CLASS_UNKNOWN.format(code=class_, codes="、".join(codes)))
        missing = [x for x in store.open_assignments(conn, item["id"]) if x["role"] == "support"]
        if missing and item["round"] == 1:
            names = "、".join(x["unit_name"] for x in missing)
            if require_support:
                raise IllegalTransition(msg.REPLY_WAITING.format(units=names))
            for x in missing:
                conn.execute("UPDATE assignments SET ended_on = ?, end_reason = '未提供意见', "
                             "version = version + 1 WHERE id = ?", (on.isoformat(), x["id"]))
            warnings.append(msg.REPLY_MISSING_OPINIONS.format(units=names))
        rid = _insert_reply(conn, item, a, u, "lead", class_, on, fields, actor, today)
        conn.execute("UPDATE assignments SET replied_on = ?, version = version + 1 WHERE id = ?",
                     (on.isoformat(), a["id"]))
        store.update_item(conn, item, today, state=target.value)
        for m in store.members(conn, item["id"]):
            _insert_reply(conn, m, a, u, "lead", class_, on, fields, actor, today, copied_from=rid)
            _event(conn, actor, today, m, "reply.copy", unit=u.name, master=number, **{"class": class_})
        detail = {"unit": u.name, "role": "lead", "class": class_, "on": on.isoformat(),
                  "round": item["round"], "before": {"state": item["state"]}, "after": {"state": target.value}}
        _event(conn, actor, today, item, "reply", **detail)
    return Outcome(number, target.value, detail, warnings)


def _reply_to_member(conn, item, u: Unit, class_: str, codes: list[str], on: date, fields: dict,
                     actor: str, today: date) -> Outcome:
    """A lead reply naming a merged item replaces the copy of the master's reply that item got
    (domain.md §5): its proposer then rates this reply. The copy stays on record."""
    number = item["number"]
    copies = [r for r in store.replies(conn, item["id"]) if r["role"] == "lead" and r["copied_from"]]
    master = store.item_by_id(conn, item["merged_into"])
    if not copies or master["state"] != State.REPLIED.value:
        lifecycle.check("reply", item["state"], number, item["kind"])
    copy = copies[-1]
    if copy["unit_id"] != u.id:
        raise BadInput(msg.NOT_ASSIGNED_UNIT.format(number=number, unit=u.name))
    if class_ not in codes:
        raise BadInput(msg.CLASS_UNKNOWN.format(code=class_, codes="、".join(codes)))
    if on.isoformat() < copy["replied_on"]:
        raise BadInput(msg.REPLY_BEFORE_ASSIGN.format(on=on.isoformat(), assigned=copy["replied_on"]))
    if [e for e in store.evaluations(conn, item["id"]) if e["round"] == copy["round"] and e["decisive"]]:
        raise IllegalTransition(msg.ALREADY_EVALUATED.format(number=number))
    conn.execute(
        "INSERT INTO replies (item_id, assignment_id, unit_id, role, round, class, replied_on, doc_no,"
        " contact, phone, summary, created_at, by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (item["id"], copy["assignment_id"], u.id, "lead", copy["round"], class_, on.isoformat(),
         fields["doc_no"], fields["contact"], fields["phone"], fields["summary"], now_iso(today), actor))
    store.update_item(conn, item, today)
    detail = {"unit": u.name, "role": "lead", "class": class_, "on": on.isoformat(), "round": copy["round"],
              "replaces": {"class": copy["class"], "on": copy["replied_on"]}, "master": master["number"]}
    _event(conn, actor, today, item, "reply.member", **detail)
    return Outcome(number, item["state"], detail)


def _insert_reply(conn, item, a, u: Unit, role, class_, on: date, fields: dict, actor, today,
                  copied_from: int | None = None) -> int:
    cur = conn.execute(
        "INSERT INTO replies (item_id, assignment_id, unit_id, role, round, class, replied_on, doc_no,"
        " contact, phone, summary, copied_from, created_at, by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (item["id"], a["id"], u.id, role, item["round"] if not copied_from else a["round"], class_,
         on.isoformat(), fields["doc_no"], fields["contact"], fields["phone"], fields["summary"],
         copied_from, now_iso(today), actor))
    return int(cur.lastrowid)


def fix_class(conn: sqlite3.Connection, number: int, *, class_: str, reason: str, actor: str,
              today: date, session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    from docket.core import settings

    if not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action="更正答复类别"))
    refuse_controls({"理由": reason})
    codes = settings.get(conn, "reply.classes")
    if class_ not in codes:
        raise BadInput(msg.CLASS_UNKNOWN.format(code=class_, codes="、".join(codes)))
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        lead = [r for r in store.replies(conn, item["id"]) if r["role"] == "lead"]
        if not lead:
            raise IllegalTransition(msg.NO_REPLY_TO_FIX.format(number=number))
        lifecycle.check("fix_class", item["state"] if item["state"] != "merged" else "replied", number, item["kind"])
        latest = lead[-1]
        conn.execute("UPDATE replies SET class = ? WHERE id = ?", (class_, latest["id"]))
        store.update_item(conn, item, today)
        detail = {"reason": reason, "reply_id": latest["id"], "before": {"class": latest["class"]},
                  "after": {"class": class_}}
        _event(conn, actor, today, item, "reply.fix_class", **detail)
    return Outcome(number, item["state"], detail)


# -- evaluate, close --------------------------------------------------------------------------

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
    _not_future(on, today, "评价日期")
    res = parse_level(result, "办理结果")
    att = parse_level(attitude, "办理态度")
    if settings.get(conn, "evaluation.attitude") == "required" and att is None:
        raise BadInput("办理态度：不能为空（evaluation.attitude = required）")
    rounds = settings.get(conn, "evaluation.rounds")
    rehandle_on = {Level.DISSATISFIED} | ({Level.BASIC} if settings.get(conn, "evaluation.rehandle_on") == "basic" else set())
    raters = settings.get(conn, "evaluation.raters")
    dl = Deadlines(conn)
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        master = store.item_by_id(conn, item["merged_into"]) if item["state"] == "merged" else item
        if master["state"] != State.REPLIED.value:
            lifecycle.check("evaluate", master["state"] if item is master else "merged", number, item["kind"])
        decisive = not (raters == "all" and rater and rater != item["proposer"])
        round_ = master["round"]
        done = [e for e in store.evaluations(conn, item["id"]) if e["round"] == round_ and e["decisive"]]
        if decisive and done:
            raise IllegalTransition(msg.ALREADY_EVALUATED.format(number=number))
        if decisive and round_ > 1:
            # in a re-handling round only those whose last rating sent it back rate again (§5)
            prev = [e for e in store.evaluations(conn, item["id"]) if e["round"] == round_ - 1 and e["decisive"]]
            if prev and Level(prev[-1]["result"]) not in rehandle_on:
                raise IllegalTransition(msg.NO_RATING_DUE.format(
                    number=number, level=LEVEL_LABELS[Level(prev[-1]["result"])]))
        last = [r for r in store.replies(conn, item["id"]) if r["role"] == "lead"]
        if last and on.isoformat() < last[-1]["replied_on"]:
            raise BadInput(msg.EVAL_BEFORE_REPLY.format(on=on.isoformat(), reply=last[-1]["replied_on"]))
        conn.execute(
            "INSERT INTO evaluations (item_id, round, result, attitude, evaluated_on, rater, decisive,"
            " contacted, note, created_at, by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (item["id"], round_, res.value, att.value if att else None, on.isoformat(),
             rater or item["proposer"], int(decisive), None if contacted is None else int(contacted),
             note, now_iso(today), actor))
        detail = {"round": round_, "result": res.value, "result_label": LEVEL_LABELS[res],
                  "attitude": att.value if att else None, "on": on.isoformat(), "decisive": decisive,
                  "rater": rater or item["proposer"], "contacted": contacted, "note": note}
        _event(conn, actor, today, item, "evaluate", **detail)
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
        rated_rounds = {e["round"]: e["result"] for e in store.evaluations(conn, it["id"]) if e["decisive"]}
        if round_ in rated_rounds:
            latest[it["id"]] = rated_rounds[round_]
        elif round_ == 1 or (round_ - 1) in rated_rounds and rated_rounds[round_ - 1] in {l.value for l in rehandle_on}:
            return master["state"]  # someone still to rate this round
    unhappy = any(Level(v) in rehandle_on for v in latest.values())
    master = store.item_by_id(conn, master["id"])
    if unhappy and round_ < rounds:
        due = dl.rehandle_due(on)
        lead = next((a for a in store.assignments(conn, master["id"])
                     if a["role"] == "lead" and a["round"] == round_ and a["returned_on"] is None), None)
        conn.execute(
            "INSERT INTO assignments (item_id, unit_id, role, round, assigned_on, due_on, first_due_on,"
            " yardstick_due_on, provisional, created_at) VALUES (?, ?, 'lead', ?, ?, ?, ?, ?, ?, ?)",
            (master["id"], lead["unit_id"], round_ + 1, on.isoformat(), due.date.isoformat(),
             due.date.isoformat(), due.date.isoformat(), int(due.provisional), now_iso(today)))
        store.update_item(conn, master, today, state=State.REHANDLING.value, round=round_ + 1,
                          round_start=on.isoformat())
        _event(conn, actor, today, master, "rehandle", round=round_ + 1, due_on=due.date.isoformat(),
               unit=lead["unit_name"], before={"state": "replied"}, after={"state": "rehandling"})
        return State.REHANDLING.value
    store.update_item(conn, master, today, state=State.CLOSED.value, closed_on=on.isoformat())
    _event(conn, actor, today, master, "close.evaluated", before={"state": "replied"},
           after={"state": "closed"}, round=round_)
    return State.CLOSED.value


def close(conn: sqlite3.Connection, number: int, *, reason: str, actor: str, today: date,
          session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    if not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action="办结"))
    refuse_controls({"理由": reason})
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        target = lifecycle.check("close", item["state"], number, item["kind"])
        ended = end_assignments(conn, item, today, reason)
        store.update_item(conn, item, today, state=target.value, closed_on=today.isoformat(),
                          close_reason=reason)
        detail = {"reason": reason, "ended_assignments": len(ended), "before": {"state": item["state"]},
                  "after": {"state": target.value}}
        _event(conn, actor, today, item, "close", **detail)
    return Outcome(number, target.value, detail)


def recompute_provisional(conn: sqlite3.Connection, calendar, actor: str, today: date) -> int:
    """After a year's schedule is imported: recompute provisional due dates, each with an event.

    The caller holds the write transaction (calendar import)."""
    from docket.core import settings

    dl = Deadlines(conn)
    dl.calendar = calendar
    changed = 0
    rows = conn.execute(
        "SELECT a.*, i.fast, i.number, i.id AS iid, u.name AS unit_name FROM assignments a"
        " JOIN items i ON i.id = a.item_id JOIN units u ON u.id = a.unit_id WHERE a.provisional = 1"
        " AND a.returned_on IS NULL AND a.ended_on IS NULL AND a.replied_on IS NULL").fetchall()
    for a in rows:
        on = date.fromisoformat(a["assigned_on"])
        if a["role"] == "lead":
            new = dl.rehandle_due(on) if a["round"] > 1 else dl.lead_due(on, bool(a["fast"]))
        else:
            lead = conn.execute("SELECT due_on FROM assignments WHERE item_id = ? AND role = 'lead'"
                                " AND round = ? ORDER BY id DESC", (a["iid"], a["round"])).fetchone()
            new = dl.support_due(on, bool(a["fast"]), date.fromisoformat(lead[0]))
        if a["due_on"] != a["first_due_on"]:
            continue  # extended by hand: keep the clerk's date
        conn.execute("UPDATE assignments SET due_on = ?, first_due_on = ?, yardstick_due_on = ?,"
                     " provisional = ?, version = version + 1 WHERE id = ?",
                     (new.date.isoformat(), new.date.isoformat(), new.date.isoformat(),
                      int(new.provisional), a["id"]))
        events.append(conn, by=actor, action="due.recompute", entity="assignment", entity_id=a["id"],
                      item_id=a["iid"], detail={"number": a["number"], "unit": a["unit_name"],
                                                 "before": {"due_on": a["due_on"]},
                                                 "after": {"due_on": new.date.isoformat()}}, today=today)
        changed += 1
    _ = settings
    return changed
