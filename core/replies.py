"""Units reply (domain.md §5): lead and support replies, a reply to a member, fixing a reply's
class. One transaction each."""
from __future__ import annotations

import sqlite3
from datetime import date

from docket.core import lifecycle
from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, IllegalTransition
from docket.core.records import Kind, State
from docket.core.text import refuse_controls
from docket.core.timeliness import NO_OPINION
from docket.core.units import Directory, Unit
from docket.store import assignments as store_assignments
from docket.store import items as store
from docket.store.db import write
from docket.core.handling import Outcome, item_event, item_for_write, not_future, unit_assignment


def reply(conn: sqlite3.Connection, number: int, *, unit: str, on: date, class_: str | None = None,
          doc_no: str | None = None, contact: str | None = None, phone: str | None = None,
          summary: str | None = None, actor: str, today: date, session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    """The lead unit's reply (with a class) or a supporting unit's opinion (without)."""
    from docket.core import settings

    refuse_controls({"文号": doc_no, "联系人": contact, "联系电话": phone, "答复摘要": summary})
    not_future(on, today, "答复日期")
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
        a = unit_assignment(conn, item, u)
        if on.isoformat() < a["assigned_on"]:
            raise BadInput(msg.REPLY_BEFORE_ASSIGN.format(on=on.isoformat(), assigned=a["assigned_on"]))
        fields = {"doc_no": doc_no, "contact": contact, "phone": phone, "summary": summary}
        if a["role"] == "support":
            if class_:
                raise BadInput(msg.CLASS_FOR_SUPPORT.format(unit=u.name))
            lifecycle.check("opinion", item["state"], number, item["kind"])
            _insert_reply(conn, item, a, u, "support", None, on, fields, actor, today)
            store_assignments.set_replied(conn, a["id"], on.isoformat())
            store.update_item(conn, item, today)
            item_event(conn, actor, today, item, "opinion", unit=u.name, on=on.isoformat())
            return Outcome(number, item["state"], {"unit": u.name, "role": "support", "on": on.isoformat()})
        target = lifecycle.check("reply", item["state"], number, item["kind"])
        if not class_ and item["kind"] != Kind.RECTIFICATION.value:  # 已整改 takes no class (§12)
            raise BadInput(msg.CLASS_REQUIRED.format(codes="、".join(codes)))
        if class_ and class_ not in codes:
            raise BadInput(msg.CLASS_UNKNOWN.format(code=class_, codes="、".join(codes)))
        missing = [x for x in store_assignments.open_assignments(conn, item["id"]) if x["role"] == "support"]
        if missing and item["round"] == 1:
            names = "、".join(x["unit_name"] for x in missing)
            if require_support:
                raise IllegalTransition(msg.REPLY_WAITING.format(units=names))
            for x in missing:
                store_assignments.set_ended(conn, x["id"], on.isoformat(), NO_OPINION)
            warnings.append(msg.REPLY_MISSING_OPINIONS.format(units=names))
        rid = _insert_reply(conn, item, a, u, "lead", class_, on, fields, actor, today)
        store_assignments.set_replied(conn, a["id"], on.isoformat())
        store.update_item(conn, item, today, state=target.value)
        for m in store.members(conn, item["id"]):
            _insert_reply(conn, m, a, u, "lead", class_, on, fields, actor, today, copied_from=rid)
            item_event(conn, actor, today, m, "reply.copy", unit=u.name, master=number, **{"class": class_})
        detail = {"unit": u.name, "role": "lead", "class": class_, "on": on.isoformat(),
                  "round": item["round"], "before": {"state": item["state"]}, "after": {"state": target.value}}
        item_event(conn, actor, today, item, "reply", **detail)
    return Outcome(number, target.value, detail, warnings)


def _reply_to_member(conn, item, u: Unit, class_: str, codes: list[str], on: date, fields: dict,
                     actor: str, today: date) -> Outcome:
    """A lead reply naming a merged item replaces the copy of the master's reply that item got
    (domain.md §5): its proposer then rates this reply. The copy stays on record."""
    number = item["number"]
    copies = [r for r in store_assignments.replies(conn, item["id"]) if r["role"] == "lead" and r["copied_from"]]
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
    if [e for e in store_assignments.evaluations(conn, item["id"]) if e["round"] == copy["round"] and e["decisive"]]:
        raise IllegalTransition(msg.ALREADY_EVALUATED.format(number=number))
    store_assignments.insert_reply(
        conn, item_id=item["id"], assignment_id=copy["assignment_id"], unit_id=u.id, role="lead",
        round_=copy["round"], class_=class_, replied_on=on.isoformat(), **fields, copied_from=None,
        created_at=now_iso(today), by=actor)
    store.update_item(conn, item, today)
    detail = {"unit": u.name, "role": "lead", "class": class_, "on": on.isoformat(), "round": copy["round"],
              "replaces": {"class": copy["class"], "on": copy["replied_on"]}, "master": master["number"]}
    item_event(conn, actor, today, item, "reply.member", **detail)
    return Outcome(number, item["state"], detail)


def _insert_reply(conn, item, a, u: Unit, role, class_, on: date, fields: dict, actor, today,
                  copied_from: int | None = None) -> int:
    return store_assignments.insert_reply(
        conn, item_id=item["id"], assignment_id=a["id"], unit_id=u.id, role=role,
        round_=item["round"] if not copied_from else a["round"], class_=class_,
        replied_on=on.isoformat(), **fields, copied_from=copied_from, created_at=now_iso(today),
        by=actor)


def fix_class(conn: sqlite3.Connection, number: int, *, class_: str, reason: str, actor: str,
              today: date, session: str | None = None,
        expect_version: int | None = None) -> Outcome:
    from docket.core import settings

    if not (reason or "").strip():
        raise BadInput(msg.REASON_REQUIRED.format(action="更正答复类别"), hint=msg.HINT_REASON)
    refuse_controls({"理由": reason})
    codes = settings.get(conn, "reply.classes")
    if class_ not in codes:
        raise BadInput(msg.CLASS_UNKNOWN.format(code=class_, codes="、".join(codes)))
    with write(conn):
        item = item_for_write(conn, number, session, expect_version)
        lead = [r for r in store_assignments.replies(conn, item["id"]) if r["role"] == "lead"]
        if not lead:
            raise IllegalTransition(msg.NO_REPLY_TO_FIX.format(number=number))
        lifecycle.check("fix_class", item["state"] if item["state"] != "merged" else "replied", number, item["kind"])
        latest = lead[-1]
        store_assignments.set_reply_class(conn, latest["id"], class_)
        store.update_item(conn, item, today)
        detail = {"reason": reason, "reply_id": latest["id"], "before": {"class": latest["class"]},
                  "after": {"class": class_}}
        item_event(conn, actor, today, item, "reply.fix_class", **detail)
    return Outcome(number, item["state"], detail)
