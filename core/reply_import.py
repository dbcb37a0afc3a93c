"""Replies back in (issue 18, contract §3): a returned 反馈表 (core/packets.py reads it) is checked
row by row and stored all-or-nothing, every bad row named (第N行).

A lead unit's reply waits in reply_reviews as `pending` while `reply.review` is on (core/
reply_review.py accepts or returns it); supporting opinions go straight through core/replies.reply;
extension requests wait in extension_requests; contact records (三见面) are events. The unit's
contact is the actor. Checked and recorded in one write transaction, with its events.
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
from docket.core.errors import BadInput, DocketError
from docket.core.handling import item_event
from docket.core.records import Role
from docket.core.sheets.values import BadCell, is_blank, parse_cell_date, parse_flag, parse_number
from docket.core.text import refuse_controls
from docket.core.units import Directory, Unit
from docket.store import assignments as store_assignments
from docket.store import items as store_items
from docket.store import roundtrip as store
from docket.store.db import write

REPLY_FIELDS = ("replied_on", "class", "doc_no", "summary")
CONTACT_FIELDS = ("contact", "phone", "channel", "contacted_on")
SUPPORT_FIELDS = ("opinion", "countersign")


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
    for x in store_assignments.live_assignments(conn, a["item_id"]):
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
