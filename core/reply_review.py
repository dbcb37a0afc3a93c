"""Replies back in, reviewed before they count (issue 18, contract §3).

A returned 反馈表 (core/packets.py reads it) is checked row by row and stored all-or-nothing: a
lead unit's reply waits in reply_reviews as `pending` while `reply.review` is on; only
`review(..., accept=True)` applies it through core/replies.reply, so report, score and reminders,
which count the replies table, change on acceptance only. Supporting opinions go straight through
core/replies.reply; extension requests wait in extension_requests until `decide_extension`
applies them through core/return_extend.extend. Every write is one transaction with its events.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docket.core import messages as msg
from docket.core import packets
from docket.core.cleaning import clean_text, title_key
from docket.core.dates import now_iso
from docket.core.errors import BadInput, DocketError, NotFound
from docket.core.handling import Outcome, item_event
from docket.core.records import Role
from docket.core.sheets.values import BadCell, is_blank, parse_cell_date, parse_flag, parse_number
from docket.core.text import refuse_controls
from docket.core.units import Directory, Unit
from docket.store import items as store_items
from docket.store import roundtrip as store
from docket.store.db import write

REPLY_FIELDS = ("replied_on", "class", "doc_no", "summary")
CONTACT_FIELDS = ("contact", "phone", "channel", "contacted_on")
SUPPORT_FIELDS = ("opinion", "countersign")
TEXT_FIELDS = ("class", "doc_no", "summary", "contact", "phone", "channel", "extend_reason", "opinion")
DISCLOSURES = ("public", "private", "secret")


@dataclass
class Imported:
    """What one file recorded, by item number."""

    file: str
    unit: str
    serial: int
    pending: list[int] = field(default_factory=list)     # lead replies waiting for review
    recorded: list[int] = field(default_factory=list)    # lead replies counted at once (review off)
    opinions: list[int] = field(default_factory=list)
    extensions: list[int] = field(default_factory=list)
    contacts: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)   # already on record as sent (re-import)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Row:
    """One checked row: what to record for one assignment."""

    row: int
    a: sqlite3.Row
    reply: dict | None = None
    opinion: dict | None = None
    contact: dict | None = None
    extension: dict | None = None


# -- import ---------------------------------------------------------------------------------------

def import_replies(conn: sqlite3.Connection, path: str | Path, *, unit: str | None = None,
                   actor: str, today: date) -> Imported:
    """Check every row of one returned sheet, then record it in the same transaction; any bad
    row stores nothing and is named (第N行) with every other bad row in one BadInput."""
    from docket.core import settings

    ret = packets.read(path, limits=settings.import_limits(conn))
    with write(conn):  # checked and recorded under one lock: nothing changes in between
        packet, owner = _identify(conn, ret, unit)
        checked = _check_rows(conn, ret, packet, today)
        by = owner.contact if owner and owner.contact else packet["unit_name"]  # the unit's contact
        done = Imported(ret.file, packet["unit_name"], packet["id"])
        review_on = settings.get(conn, "reply.review")
        default_disclosure = settings.get(conn, "reply.public")
        session = store.session_name(conn, packet["session_id"])
        for r in checked:
            try:
                _record(conn, r, packet, owner, by, actor, today, session, review_on, default_disclosure, done)
            except DocketError as e:
                raise BadInput(msg.PACKET_BAD_ROWS.format(file=ret.file, count=1),
                               [f"第{r.row}行：{e.message}"]) from None
    return done


def _identify(conn, ret: packets.Returned, unit: str | None) -> tuple[sqlite3.Row, Unit | None]:
    """The packet the sheet says it is: known, unaltered, the unit's newest, from `unit` if named."""
    packet = store.packet_by_id(conn, ret.serial) if ret.serial else None
    if packet is None:
        raise BadInput(msg.PACKET_UNKNOWN.format(file=ret.file, serial=ret.serial or "（无）"))
    if ret.unit_id != packet["unit_id"] or ret.check != packets.checksum(packet["id"], packet["unit_id"],
                                                                          packet["token"]):
        raise BadInput(msg.PACKET_TAMPERED.format(file=ret.file))
    directory = Directory.load(conn)
    if unit is not None:
        sender = directory.resolve(unit)
        if sender.id != packet["unit_id"]:
            raise BadInput(msg.PACKET_WRONG_UNIT.format(file=ret.file, owner=packet["unit_name"], unit=sender.name))
    latest = store.latest_packet_of_unit(conn, packet["unit_id"])
    if latest["id"] != packet["id"]:
        raise BadInput(msg.PACKET_OLD.format(file=ret.file, unit=packet["unit_name"], serial=packet["id"],
                                             issued=packet["issued_on"], latest=latest["id"],
                                             latest_on=latest["issued_on"]))
    return packet, directory.by_id.get(packet["unit_id"])


def _check_rows(conn, ret: packets.Returned, packet: sqlite3.Row, today: date) -> list[_Row]:
    """Every filled row checked; BadInput naming every problem (第N行) when there is any."""
    from docket.core import settings
    from docket.core.deadlines import Deadlines

    by_number = {a["number"]: a for a in store.assignments_by_ids(conn, json.loads(packet["assignment_ids"]))}
    codes = settings.get(conn, "reply.classes")
    dl = Deadlines(conn)
    problems: list[str] = []
    checked: list[_Row] = []
    seen: dict[int, int] = {}
    for row, cells in ret.rows:
        formulas = [msg.ROW_FORMULA.format(row=row, field=f) for f in ret.formulas.get(row, ())]
        problems += formulas
        if not formulas and all(is_blank(cells.get(f)) for f in packets.FILL_FIELDS):
            continue  # a blank row, or an item the unit has nothing to say about yet
        bad = _controls(row, cells)
        if bad:
            problems += bad
            continue
        try:
            number = parse_number(cells.get("number"))
        except BadCell as e:
            problems.append(msg.ROW_FIELD.format(row=row, field="编号", problem=e))
            continue
        if number is None:
            problems.append(msg.ROW_NUMBER_EMPTY.format(row=row))
            continue
        if number in seen:
            problems.append(msg.ROW_DUPLICATE.format(row=row, number=number, other=seen[number]))
            continue
        seen[number] = row
        a = by_number.get(number)
        if a is None:
            problems.append(msg.ROW_NOT_IN_PACKET.format(row=row, number=number))
            continue
        if a["returned_on"] or a["ended_on"]:
            problems.append(msg.ROW_NO_LONGER.format(row=row, number=number, unit=packet["unit_name"]))
            continue
        title = _text(cells, "title")
        if title is not None and title_key(title) != title_key(a["title"]):
            # a sort that moved some columns only: the row's number no longer matches its title
            problems.append(msg.ROW_TITLE_MISMATCH.format(row=row, number=number))
            continue
        problems += _check_row(conn, row, cells, a, codes, dl, today, ret.epoch, checked)
    if problems:
        raise BadInput(msg.PACKET_BAD_ROWS.format(file=ret.file, count=len(problems)), problems)
    return checked


def _controls(row: int, cells: dict) -> list[str]:
    out = []
    for f, value in cells.items():
        if isinstance(value, str):
            try:
                refuse_controls({packets.HEADERS.get(f, f): value.replace("\n", "").replace("\r", "").replace("\t", "")})
            except BadInput:
                out.append(msg.ROW_CONTROL.format(row=row, field=packets.HEADERS.get(f, f)))
    return out


def _text(cells: dict, f: str, multiline: bool = False) -> str | None:
    value = cells.get(f)
    return None if is_blank(value) else (clean_text(value, multiline=multiline) or None)


def _check_row(conn, row: int, cells: dict, a: sqlite3.Row, codes: list[str], dl, today: date,
               epoch: date, checked: list[_Row]) -> list[str]:
    problems: list[str] = []
    assigned = date.fromisoformat(a["assigned_on"])

    def day(f: str) -> date | None:
        label = packets.HEADERS[f]
        try:
            d = parse_cell_date(cells.get(f), epoch, label)
        except BadCell as e:
            problems.append(msg.ROW_FIELD.format(row=row, field=label, problem=e))
            return None
        if d is None:
            return None
        if f != "extend_until" and d < assigned:
            problems.append(msg.ROW_DATE_EARLY.format(row=row, field=label, day=d.isoformat(),
                                                      assigned=a["assigned_on"]))
        if f != "extend_until" and d > today:
            problems.append(msg.ROW_DATE_FUTURE.format(row=row, field=label, day=d.isoformat(),
                                                       today=today.isoformat()))
        return d

    out = _Row(row, a)
    lead = a["role"] == Role.LEAD.value
    given = lambda fields: [f for f in fields if not is_blank(cells.get(f))]  # noqa: E731
    replied_on, contacted_on, until = day("replied_on"), day("contacted_on"), day("extend_until")
    contact = {"contact": _text(cells, "contact"), "phone": _text(cells, "phone"),
               "channel": _text(cells, "channel"), "contacted_on": contacted_on}
    if lead:
        for f in given(SUPPORT_FIELDS):
            problems.append(msg.ROW_SUPPORT_ONLY.format(row=row, field=packets.HEADERS[f]))
        if given(REPLY_FIELDS):
            code = _text(cells, "class")
            if code is not None:
                code = code.upper() if code.upper() in codes else code
            if not given(("replied_on",)):
                problems.append(msg.ROW_DATE_MISSING.format(row=row))
            if code is None:
                problems.append(msg.ROW_CLASS_MISSING.format(row=row, codes="、".join(codes)))
            elif code not in codes:
                problems.append(msg.ROW_CLASS_UNKNOWN.format(row=row, code=code, codes="、".join(codes)))
            out.reply = {"on": replied_on, "class": code, "doc_no": _text(cells, "doc_no"),
                         "summary": _text(cells, "summary", multiline=True), **contact}
        elif given(CONTACT_FIELDS):
            out.contact = contact
    else:
        if given(("class",)):
            problems.append(msg.ROW_CLASS_SUPPORT.format(row=row))
        if given(SUPPORT_FIELDS + REPLY_FIELDS):
            sign = parse_flag(cells.get("countersign")) if given(("countersign",)) else None
            opinion = _text(cells, "opinion", multiline=True) or _text(cells, "summary", multiline=True)
            if sign:
                opinion = "（已会签）" + (opinion or "")
            out.opinion = {"on": replied_on or today, "summary": opinion, "doc_no": _text(cells, "doc_no"),
                           "contact": contact["contact"], "phone": contact["phone"], "countersign": sign}
    reason = _text(cells, "extend_reason", multiline=True)
    if until is not None:
        due = date.fromisoformat(a["due_on"])
        cap = dl.cap(date.fromisoformat(a["round_start"] or a["assigned_on"]))
        if not reason:
            problems.append(msg.ROW_EXTEND_REASON.format(row=row))
        if until <= due:
            problems.append(msg.ROW_EXTEND_NOT_LATER.format(row=row, day=until.isoformat(), due=a["due_on"]))
        elif until > cap:
            problems.append(msg.ROW_EXTEND_CAP.format(row=row, day=until.isoformat(), cap=cap.isoformat()))
        elif not lead:
            lead_due = _lead_due(conn, a)
            if lead_due and until.isoformat() > lead_due:
                problems.append(msg.ROW_EXTEND_SUPPORT.format(row=row, day=until.isoformat(), lead=lead_due))
        out.extension = {"until": until, "reason": reason}
    elif reason:
        problems.append(msg.ROW_FIELD.format(row=row, field="申请延期至", problem="写了延期理由，但没有写延期到哪一天"))
    if not problems:
        problems += _against_record(conn, out)
    if not problems:
        checked.append(out)
    return problems


def _lead_due(conn, a: sqlite3.Row) -> str | None:
    for x in store_items.live_assignments(conn, a["item_id"]):
        if x["role"] == Role.LEAD.value and x["round"] == a["item_round"]:
            return x["due_on"]
    return None


def _against_record(conn, r: _Row) -> list[str]:
    """A row already on record as sent (the same file imported again) is left as it is; one that
    differs from a reply waiting for review, or comes after the reply, is refused."""
    a, problems = r.a, []
    number = a["number"]
    sent = r.reply or r.opinion
    if sent is not None:
        if a["replied_on"]:
            if a["replied_on"] == sent["on"].isoformat():
                r.reply = r.opinion = None
            else:
                problems.append(msg.ROW_REPLIED.format(row=r.row, number=number, on=a["replied_on"]))
        elif r.reply is not None:
            waiting = [v for v in store.reviews_of_assignment(conn, a["id"]) if v["state"] == "pending"]
            if waiting:
                w = waiting[-1]
                if (w["replied_on"], w["class"], w["doc_no"], w["summary"]) == (
                        r.reply["on"].isoformat(), r.reply["class"], r.reply["doc_no"], r.reply["summary"]):
                    r.reply = None
                else:
                    problems.append(msg.ROW_PENDING.format(row=r.row, number=number, on=w["replied_on"]))
    if r.extension is not None:
        asked = [e for e in store.extension_requests_of_assignment(conn, a["id"]) if e["state"] == "pending"]
        if asked:
            if asked[-1]["until"] == r.extension["until"].isoformat():
                r.extension = None
            else:
                problems.append(msg.ROW_EXTEND_PENDING.format(row=r.row, number=number, until=asked[-1]["until"]))
        elif a["replied_on"]:
            r.extension = None  # replied since: nothing to extend
    return problems


def _record(conn, r: _Row, packet, owner: Unit | None, by: str, actor: str, today: date, session: str,
            review_on: bool, disclosure: str, done: Imported) -> None:
    from docket.core import replies

    a, number = r.a, r.a["number"]
    item = store_items.item_by_id(conn, a["item_id"])
    unit = packet["unit_name"]
    recorded = False
    if r.reply is not None:
        x = r.reply
        fields = dict(item_id=a["item_id"], assignment_id=a["id"], unit_id=a["unit_id"], packet_id=packet["id"],
                      round=a["round"], replied_on=x["on"].isoformat(), class_=x["class"], doc_no=x["doc_no"],
                      summary=x["summary"], contact=x["contact"], phone=x["phone"], channel=x["channel"],
                      contacted_on=x["contacted_on"].isoformat() if x["contacted_on"] else None,
                      submitted_by=by, created_at=now_iso(today))
        fields["class"] = fields.pop("class_")
        if review_on:
            rid = store.insert_review(conn, state="pending", **fields)
            item_event(conn, by, today, item, "reply.submit", unit=unit, **{"class": x["class"]},
                       on=x["on"].isoformat(), review_id=rid, packet=packet["id"], imported_by=actor)
            done.pending.append(number)
        else:
            o = replies.reply(conn, number, unit=unit, on=x["on"], class_=x["class"], doc_no=x["doc_no"],
                              contact=x["contact"], phone=x["phone"], summary=x["summary"], actor=by,
                              today=today, session=session)
            done.warnings += o.warnings
            store.insert_review(conn, state="accepted", reviewed_on=today.isoformat(), disclosure=disclosure,
                                reply_id=store.last_reply_of_assignment(conn, a["id"]), **fields)
            done.recorded.append(number)
        recorded = True
    if r.opinion is not None:
        x = r.opinion
        o = replies.reply(conn, number, unit=unit, on=x["on"], doc_no=x["doc_no"], contact=x["contact"],
                          phone=x["phone"], summary=x["summary"], actor=by, today=today, session=session)
        done.warnings += o.warnings
        done.opinions.append(number)
        recorded = True
    if r.contact is not None and any(v for v in r.contact.values()):
        x = r.contact
        item = store_items.item_by_id(conn, a["item_id"])
        item_event(conn, by, today, item, "contact.record", unit=unit, contact=x["contact"],
                   channel=x["channel"], on=x["contacted_on"].isoformat() if x["contacted_on"] else None,
                   packet=packet["id"], imported_by=actor)
        done.contacts.append(number)
        recorded = True
    if r.extension is not None:
        x = r.extension
        eid = store.insert_extension_request(
            conn, item_id=a["item_id"], assignment_id=a["id"], unit_id=a["unit_id"], packet_id=packet["id"],
            until=x["until"].isoformat(), reason=x["reason"], state="pending", requested_by=by,
            created_at=now_iso(today))
        item = store_items.item_by_id(conn, a["item_id"])
        item_event(conn, by, today, item, "extension.request", unit=unit, until=x["until"].isoformat(),
                   reason=x["reason"], request_id=eid, packet=packet["id"], imported_by=actor)
        done.extensions.append(number)
        recorded = True
    if not recorded:
        done.unchanged.append(number)


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
