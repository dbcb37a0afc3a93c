"""Reviewed before they count (issue 18, contract §3).

A lead reply sent back by a unit (core/reply_import.py) or typed in for review (`submit`) waits
in reply_reviews as `pending`; only `review(..., accept=True)` applies it through
core/replies.reply, so report, score and reminders, which count the replies table, change on
acceptance only. Extension requests wait in extension_requests until `decide_extension` applies
them through core/return_extend.extend. Every write is one transaction with its events.
"""
from __future__ import annotations

import sqlite3
from datetime import date

from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, NotFound
from docket.core.handling import Outcome, item_event
from docket.core.records import Role
from docket.core.text import refuse_controls
from docket.core.units import Directory
from docket.store import items as store_items
from docket.store import roundtrip as store
from docket.store.db import write

DISCLOSURES = ("public", "private", "secret")


# -- a reply typed in, for review -------------------------------------------------------------------

def submit(conn: sqlite3.Connection, number: int, *, unit: str, on: date, class_: str | None,
           doc_no: str | None = None, contact: str | None = None, phone: str | None = None,
           summary: str | None = None, actor: str, today: date, session: str | None = None) -> Outcome:
    """A lead reply the clerk types in from the unit's paper or OA copy, waiting for review as an
    imported one does (`docket reply N ... --for-review`)."""
    from docket.core import lifecycle, settings
    from docket.core.handling import item_for_write, not_future, unit_assignment

    refuse_controls({"文号": doc_no, "联系人": contact, "联系电话": phone, "答复摘要": summary})
    not_future(on, today, "答复日期")
    codes = settings.get(conn, "reply.classes")
    if not class_:
        raise BadInput(msg.CLASS_REQUIRED.format(codes="、".join(codes)))
    if class_ not in codes:
        raise BadInput(msg.CLASS_UNKNOWN.format(code=class_, codes="、".join(codes)))
    u = Directory.load(conn).resolve(unit)
    with write(conn):
        item = item_for_write(conn, number, session)
        lifecycle.check("reply", item["state"], number, item["kind"])
        a = unit_assignment(conn, item, u)
        if a["role"] != Role.LEAD.value:
            raise BadInput(msg.REVIEW_LEAD_ONLY.format(unit=u.name, number=number))
        if on.isoformat() < a["assigned_on"]:
            raise BadInput(msg.REPLY_BEFORE_ASSIGN.format(on=on.isoformat(), assigned=a["assigned_on"]))
        waiting = [v for v in store.reviews_of_assignment(conn, a["id"]) if v["state"] == "pending"]
        if waiting:
            raise BadInput(msg.REVIEW_PENDING.format(number=number, on=waiting[-1]["replied_on"]))
        rid = store.insert_review(conn, item_id=item["id"], assignment_id=a["id"], unit_id=u.id, round=a["round"],
                                  replied_on=on.isoformat(), doc_no=doc_no, summary=summary, contact=contact,
                                  phone=phone, state="pending", submitted_by=actor, created_at=now_iso(today),
                                  **{"class": class_})
        detail = {"unit": u.name, "class": class_, "on": on.isoformat(), "review_id": rid}
        item_event(conn, actor, today, item, "reply.submit", **detail)
    return Outcome(number, item["state"], {**detail, "review": "pending"})


# -- review ---------------------------------------------------------------------------------------

def review(conn: sqlite3.Connection, number: int, *, accept: bool, class_: str | None = None,
           reason: str | None = None, disclosure: str | None = None, actor: str, today: date,
           session: str | None = None) -> Outcome:
    """Accept the reply waiting for review (it then counts: core/replies.reply records it, with
    the class corrected when `class_` is given) or return it to the unit with a reason (the
    assignment stays open and its clock keeps running)."""
    from docket.core import replies, settings

    refuse_controls({"理由": reason})
    if not accept and not (reason or "").strip():
        raise BadInput(msg.REVIEW_RETURN_REASON, hint=msg.HINT_REASON)
    if disclosure is not None and disclosure not in DISCLOSURES:
        raise BadInput(f"公开属性：“{disclosure}”应为 {'、'.join(DISCLOSURES)} 之一")
    codes = settings.get(conn, "reply.classes")
    if class_ is not None and class_ not in codes:
        raise BadInput(msg.CLASS_UNKNOWN.format(code=class_, codes="、".join(codes)))
    sess = store_items.current_session(conn, session)
    with write(conn):
        item = store_items.item_by_number(conn, sess, number)
        waiting = [r for r in store.reviews_of_item(conn, item["id"]) if r["state"] == "pending"]
        if not waiting:
            raise NotFound(msg.REVIEW_NONE.format(number=number))
        r = waiting[-1]
        detail = {"unit": r["unit_name"], "review_id": r["id"], "on": r["replied_on"]}
        warnings: list[str] = []
        if accept:
            chosen = class_ or r["class"]
            o = replies.reply(conn, number, unit=r["unit_name"], on=date.fromisoformat(r["replied_on"]),
                              class_=chosen, doc_no=r["doc_no"], contact=r["contact"], phone=r["phone"],
                              summary=r["summary"], actor=r["submitted_by"], today=today, session=sess["name"])
            warnings = o.warnings
            shown = disclosure or settings.get(conn, "reply.public")
            store.set_review(conn, r["id"], state="accepted", reviewer=actor, reviewed_on=today.isoformat(),
                             class_=chosen, disclosure=shown,
                             reply_id=store.last_reply_of_assignment(conn, r["assignment_id"]))
            detail |= {"disclosure": shown, "before": {"class": r["class"]}, "after": {"class": chosen}}
            if chosen == r["class"]:
                detail["class"] = chosen
            action, state = "reply.accept", o.state
        else:
            store.set_review(conn, r["id"], state="returned", reviewer=actor, reviewed_on=today.isoformat(),
                             reason=reason)
            detail |= {"reason": reason}
            action, state = "reply.return", item["state"]
        item_event(conn, actor, today, store_items.item_by_id(conn, item["id"]), action, **detail)
    return Outcome(number, state, {**detail, "review": "accepted" if accept else "returned"}, warnings)


def decide_extension(conn: sqlite3.Connection, number: int, *, approve: bool, unit: str | None = None,
                     reason: str | None = None, actor: str, today: date,
                     session: str | None = None) -> Outcome:
    """Approve a unit's extension request (core/return_extend.extend moves the due date, within
    deadline.max) or refuse it (with an optional reason)."""
    from docket.core.return_extend import extend

    refuse_controls({"理由": reason})
    sess = store_items.current_session(conn, session)
    with write(conn):
        item = store_items.item_by_number(conn, sess, number)
        asked = [e for e in store.extension_requests_of_item(conn, item["id"]) if e["state"] == "pending"]
        if unit is not None:
            u = Directory.load(conn).resolve(unit)
            asked = [e for e in asked if e["unit_id"] == u.id]
        if not asked:
            raise NotFound(msg.EXTENSION_NONE.format(number=number))
        if len({e["unit_id"] for e in asked}) > 1:
            raise BadInput(msg.EXTENSION_WHICH.format(number=number,
                                                      units="、".join(e["unit_name"] for e in asked)))
        e = asked[-1]
        detail = {"unit": e["unit_name"], "request_id": e["id"], "until": e["until"], "reason": reason or e["reason"]}
        warnings: list[str] = []
        if approve:
            try:
                o = extend(conn, number, unit=e["unit_name"], reason=e["reason"],
                           until=date.fromisoformat(e["until"]), actor=actor, today=today, session=sess["name"])
            except BadInput as err:
                raise BadInput(msg.EXTENSION_STALE.format(unit=e["unit_name"], number=number, until=e["until"],
                                                          problem=err.message)) from None
            warnings = o.warnings
            detail |= {"before": o.detail["before"], "after": o.detail["after"]}
        store.decide_extension_request(conn, e["id"], state="approved" if approve else "refused",
                                       reason=reason, by=actor, on=today.isoformat())
        item_event(conn, actor, today, store_items.item_by_id(conn, item["id"]),
                   "extension.approve" if approve else "extension.refuse", **detail)
    return Outcome(number, item["state"], {**detail, "state": "approved" if approve else "refused"}, warnings)


# -- reading --------------------------------------------------------------------------------------

def for_show(conn: sqlite3.Connection, item_id: int, data: dict) -> dict:
    """`show` with the review of each reply (contract §3: replies[].review) and the item's
    extension requests: recorded replies are accepted; a reply waiting for review or returned is
    listed after them with its state."""
    for r in data["replies"]:
        r.setdefault("review", "accepted")
    for v in store.reviews_of_item(conn, item_id):
        if v["state"] != "accepted":
            data["replies"].append({"unit": v["unit_name"], "role": "lead", "round": v["round"],
                                    "class": v["class"], "on": v["replied_on"], "doc_no": v["doc_no"],
                                    "contact": v["contact"], "phone": v["phone"], "summary": v["summary"],
                                    "copied": False, "review": v["state"], "review_reason": v["reason"]})
    data["extension_requests"] = [
        {"unit": e["unit_name"], "until": e["until"], "reason": e["reason"], "state": e["state"],
         "decided_on": e["decided_on"], "decision_reason": e["decision_reason"]}
        for e in store.extension_requests_of_item(conn, item_id)]
    return data


def waiting(conn: sqlite3.Connection, session: str | None = None) -> dict[str, list[dict]]:
    """What waits for the secretariat: replies to review and extension requests (the TUI view)."""
    sess = store_items.current_session(conn, session)
    return {
        "replies": [{"number": r["number"], "title": r["title"], "unit": r["unit_name"], "class": r["class"],
                     "on": r["replied_on"], "doc_no": r["doc_no"], "summary": r["summary"]}
                    for r in store.pending_reviews(conn, sess["id"])],
        "extensions": [{"number": e["number"], "title": e["title"], "unit": e["unit_name"], "due_on": e["due_on"],
                        "until": e["until"], "reason": e["reason"]}
                       for e in store.pending_extension_requests(conn, sess["id"])],
    }
