"""Packets out and back (issue 18, contract §3): the 办理情况反馈表 a unit fills, one xlsx per unit.

The sheet's layout lives here once: the columns, which are locked, the hidden identity (the unit
and the packet's serial with a checksum made with a secret kept in the database), and how a
returned sheet is read back (core/sheets reads the cells; this module finds the columns, the
identity and any formula). What the rows mean for the database is core/reply_review.py.

openpyxl is imported inside the writer only.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, Conflict
from docket.core.files import WRITE_FAILED, os_reason, temp_name
from docket.core.records import COLOR_LABELS, ROLE_LABELS, Color, Role
from docket.core.sheets.header import find_header
from docket.core.sheets.values import WINDOWS_EPOCH
from docket.core.units import Directory, Unit
from docket.store import events
from docket.store import items as store_items
from docket.store import roundtrip as store
from docket.store.db import write

IDENTITY_SHEET = "_docket"
IDENTITY_MARK = "docket-packet"

# (field, header, locked): the locked columns describe the assignment, the rest the unit fills
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("number", "编号", True), ("title", "标题", True), ("role", "角色", True),
    ("due_on", "办理期限", True), ("days_left", "剩余天数", True), ("color", "颜色", True),
    ("replied_on", "答复日期", False), ("class", "类别", False), ("doc_no", "答复文号", False),
    ("summary", "摘要", False), ("contact", "联系人", False), ("phone", "联系电话", False),
    ("channel", "沟通方式", False), ("contacted_on", "沟通日期", False),
    ("extend_until", "申请延期至", False), ("extend_reason", "延期理由", False),
    ("opinion", "协办意见", False), ("countersign", "会签", False),
)
FILL_FIELDS = tuple(f for f, _h, locked in COLUMNS if not locked)
HEADERS = {f: h for f, h, _l in COLUMNS}
# headers a unit may have retyped
SYNONYMS = {**{h: f for f, h, _l in COLUMNS}, "序号": "number", "建议编号": "number", "电话": "phone",
            "答复类别": "class", "文号": "doc_no", "答复摘要": "summary", "延期至": "extend_until"}
WIDTHS = {"title": 36, "summary": 30, "extend_reason": 20, "opinion": 30, "doc_no": 18}
HEADER_ROW = 4
GREY, FILLS = "D9D9D9", {Color.YELLOW: "FFFF00", Color.RED: "FF6666"}


def file_name(unit: str, day: date) -> str:
    """办理情况反馈表-{单位}-{YYYY-MM-DD}.xlsx (contract §3)."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unit)
    return f"{msg.PACKET_TITLE}-{safe}-{day.isoformat()}.xlsx"


def checksum(serial: int, unit_id: int, token: str) -> str:
    return hashlib.sha256(f"{IDENTITY_MARK}|{serial}|{unit_id}|{token}".encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class PacketRow:
    assignment_id: int
    number: int
    title: str
    role: str
    due_on: date
    days_left: int
    color: Color


@dataclass(slots=True)
class Packet:
    unit: Unit
    rows: list[PacketRow]
    serial: int = 0
    token: str = ""
    path: Path | None = None


def plan(conn: sqlite3.Connection, *, units: list[str] | tuple[str, ...] = (), today: date,
         session: str | None = None) -> list[Packet]:
    """One packet per unit (those named, else every unit) with open assignments in the session."""
    from docket.core.deadlines import Deadlines

    sess = store_items.current_session(conn, session)
    directory = Directory.load(conn)
    if units:
        wanted = list(dict.fromkeys(directory.resolve(u).id for u in units))
    else:
        wanted = store.units_with_open_assignments(conn, sess["id"])
    dl = Deadlines(conn)
    packets = []
    for unit_id in wanted:
        rows = []
        for a in store.open_assignments_of_unit(conn, sess["id"], unit_id):
            due = date.fromisoformat(a["due_on"])
            color, left = dl.color(due, today)
            rows.append(PacketRow(a["id"], a["number"], a["title"], a["role"], due, left, color))
        if rows:
            packets.append(Packet(directory.by_id[unit_id], rows))
    return packets


def issue(conn: sqlite3.Connection, folder: Path, *, units: list[str] | tuple[str, ...] = (),
          actor: str, today: date, session: str | None = None) -> list[Packet]:
    """Write each unit's packet: serials reserved from the table, workbooks built to temporary
    files outside the write lock, then recorded in one write (a packet row and an event each)
    and renamed. Nothing is recorded when a file cannot be built, and no file stays half-made.
    A unit without open assignments gets no packet; none at all: [] (nothing to do)."""
    from docket.core import settings

    sess = store_items.current_session(conn, session)
    packets = plan(conn, units=units, today=today, session=session)
    if not packets:  # nothing to do: no file, no folder, nothing recorded
        return []
    codes = settings.get(conn, "reply.classes")
    first = store.next_packet_serial(conn)
    temps: list[tuple[Path, Path]] = []
    try:
        for k, p in enumerate(packets):
            p.serial, p.token = first + k, secrets.token_hex(16)
            p.path = folder / file_name(p.unit.name, today)
            tmp = temp_name(p.path)
            data = build(p, codes, today)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                temps.append((tmp, p.path))
                with open(tmp, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, 0o600)  # personal data: owner only
            except OSError as e:
                raise BadInput(WRITE_FAILED.format(path=p.path, reason=os_reason(e))) from None
        with write(conn):
            if store.next_packet_serial(conn) != first:  # another clerk issued packets meanwhile
                raise Conflict(msg.DATABASE_BUSY)
            for p in packets:
                pid = store.insert_packet(
                    conn, serial=p.serial, unit_id=p.unit.id, session_id=sess["id"], token=p.token,
                    issued_on=today.isoformat(), file_name=p.path.name,
                    assignment_ids=[r.assignment_id for r in p.rows], created_at=now_iso(today), by=actor)
                events.append(conn, by=actor, action="packet.issue", entity="packet", entity_id=pid,
                              detail={"unit": p.unit.name, "serial": pid, "items": [r.number for r in p.rows],
                                      "file": p.path.name}, today=today)
            for tmp, final in temps:  # inside the transaction: a failed rename records nothing
                try:
                    os.replace(tmp, final)
                except OSError as e:
                    raise BadInput(WRITE_FAILED.format(path=final, reason=os_reason(e))) from None
    finally:
        for tmp, _final in temps:
            tmp.unlink(missing_ok=True)
    return packets


def letter_batch(conn: sqlite3.Connection, packets: list[Packet], *, today: date, session: str | None = None):
    """The cover letters of packets just issued (`packet --letter`): one 函 per unit, consecutive
    numbers of the 函 series, issued through docgen/issue.py like every other document."""
    from docket.core import docdata as d
    from docket.core.batches import Batch, Issue, letterhead, next_serial

    lh = letterhead(conn, session)
    series, year = lh.letter_series, today.year
    first = next_serial(conn, series, year)
    issues = []
    for k, p in enumerate(packets):
        leads = sum(1 for r in p.rows if r.role == Role.LEAD.value)
        record = d.PacketLetterData(lh, p.unit.name, p.serial, p.path.name if p.path else "", leads,
                                    len(p.rows) - leads, first + k, today)
        numbers = tuple(dict.fromkeys(r.number for r in p.rows))
        issues.append(Issue(record=record, kind="packet_letter", doc_no=d.doc_number(series, year, first + k),
                            unit_id=p.unit.id, numbers=numbers, seq=first + k, serial=first + k,
                            series=series, year=year, detail={"packet": p.serial}))
    return Batch(kind="packet_letter", issues=tuple(issues), series=series, year=year, serial=first,
                 issued_on=today, counter="year")


def build(p: Packet, codes: list[str], today: date) -> bytes:
    """The workbook's bytes: the visible 反馈表 (locked and fill columns, drop-downs, protection)
    and the very hidden identity sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from docket.core.privacy import is_formula_like
    from docket.core.text import clean

    wb = Workbook()
    ws = wb.active
    ws.title = msg.PACKET_TITLE
    last = get_column_letter(len(COLUMNS))
    ws["A1"] = msg.PACKET_TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = msg.PACKET_HEAD.format(unit=p.unit.name, serial=p.serial, sent=today.isoformat())
    ws.merge_cells(f"A2:{last}2")
    ws["A3"] = msg.PACKET_NOTE.format(codes="、".join(codes))
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[3].height = 45
    ws.merge_cells(f"A3:{last}3")
    grey = PatternFill("solid", fgColor=GREY)
    unlocked = Protection(locked=False)
    for c, (f, header, locked) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if locked:
            cell.fill = grey
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(f, 12)
    classes = DataValidation(type="list", formula1='"' + ",".join(codes) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="类别", error="请从下拉列表中选择类别")
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(classes)
    ws.add_data_validation(yes_no)
    col = {f: c for c, (f, _h, _l) in enumerate(COLUMNS, start=1)}
    for r, row in enumerate(p.rows, start=HEADER_ROW + 1):
        values = {"number": row.number, "title": clean(row.title), "role": ROLE_LABELS[Role(row.role)],
                  "due_on": row.due_on, "days_left": row.days_left, "color": COLOR_LABELS[row.color]}
        for f, c in col.items():
            cell = ws.cell(row=r, column=c)
            if f in values:
                cell.value = values[f]
                if is_formula_like(cell.value):
                    cell.data_type, cell.quotePrefix = "s", True
                cell.fill = PatternFill("solid", fgColor=FILLS.get(row.color, GREY)) if f == "color" else grey
                if f == "due_on":
                    cell.number_format = "yyyy-mm-dd"
            else:
                cell.protection = unlocked
                if f in ("replied_on", "contacted_on", "extend_until"):
                    cell.number_format = "yyyy-mm-dd"
        if row.role == Role.LEAD.value:
            classes.add(ws.cell(row=r, column=col["class"]))
        else:
            yes_no.add(ws.cell(row=r, column=col["countersign"]))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=col["replied_on"])
    ws.protection.sheet = True
    for allowed in ("sort", "autoFilter", "formatColumns", "formatRows", "insertRows"):
        setattr(ws.protection, allowed, False)   # False: the unit may still do this
    ident = wb.create_sheet(IDENTITY_SHEET)
    for r, (k, v) in enumerate((("mark", IDENTITY_MARK), ("serial", p.serial), ("unit", p.unit.id),
                                ("unit_name", p.unit.name), ("check", checksum(p.serial, p.unit.id, p.token))),
                               start=1):
        ident.cell(row=r, column=1, value=k)
        ident.cell(row=r, column=2, value=v)
    ident.sheet_state = "veryHidden"
    ident.protection.sheet = True
    from docket.core.export import xlsx_bytes

    return xlsx_bytes(wb, on=today)  # created = modified = the day it was made


# -- reading a returned sheet ----------------------------------------------------------------------

@dataclass(slots=True)
class Returned:
    """A returned sheet as read: its identity, and each data row's cells by field."""

    file: str
    serial: int | None
    unit_id: int | None
    check: str | None
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    formulas: dict[int, list[str]] = field(default_factory=dict)  # sheet row -> fields
    epoch: date = WINDOWS_EPOCH  # for date serials typed as numbers


def read(path: str | Path, limits=None) -> Returned:
    """Read a returned 反馈表 (rows re-sorted, blank rows added, columns moved: all fine)."""
    from docket.core.sheets.read import load_grids

    p = Path(path)
    grids = load_grids(p, limits=limits)
    ident = next((g for g in grids if g.name == IDENTITY_SHEET), None)
    values = {}
    if ident is not None:
        values = {str(cells[0]): cells[1] for _n, cells in ident.rows if len(cells) >= 2}
    if values.get("mark") != IDENTITY_MARK:
        raise BadInput(msg.PACKET_NOT_OURS.format(file=p.name))
    out = Returned(p.name, _int(values.get("serial")), _int(values.get("unit")),
                   str(values.get("check") or ""))
    sheet = next((g for g in grids if g.name != IDENTITY_SHEET
                  and find_header(g, SYNONYMS, frozenset(), ("number", "replied_on"))), None)
    if sheet is None:
        raise BadInput(msg.PACKET_NO_HEADER.format(file=p.name))
    header = find_header(sheet, SYNONYMS, frozenset(), ("number", "replied_on"))
    out.epoch = sheet.epoch
    cols = {f: cs[0] for f, cs in header.columns.items()}
    for number, cells in sheet.rows[header.data_start:]:
        row = {f: (cells[c] if c < len(cells) else None) for f, c in cols.items()}
        out.rows.append((number, row))
    by_col = {c: f for f, c in cols.items()}
    for row_number, c in formula_cells(p, sheet.name):
        if c in by_col:
            out.formulas.setdefault(row_number, []).append(HEADERS[by_col[c]])
    return out


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formula_cells(path: Path, sheet: str) -> list[tuple[int, int]]:
    """(row, 0-based column) of every formula cell of the named sheet: the cell readers give a
    formula's cached value (or nothing), so a formula is found in the sheet's XML itself."""
    from xml.etree.ElementTree import fromstring

    try:
        with zipfile.ZipFile(path) as z:
            book = fromstring(z.read("xl/workbook.xml"))
            ns = book.tag[: book.tag.index("}") + 1]
            rels = {r.get("Id"): r.get("Target", "") for r in fromstring(z.read("xl/_rels/workbook.xml.rels"))}
            rid = next(k for k in (e.attrib for e in book.iter(f"{ns}sheet")) if k.get("name") == sheet)
            rel = next(v for k, v in rid.items() if k.endswith("}id"))
            target = rels[rel]
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            xml = z.read(part)
    except (zipfile.BadZipFile, KeyError, StopIteration, ValueError):
        return []  # a csv, or a workbook the readers already took apart
    found = []
    for m in _CELL.finditer(xml):
        if _FORMULA.search(m.group(3)):
            letters, row = m.group(1).decode(), int(m.group(2))
            col = 0
            for ch in letters:
                col = col * 26 + ord(ch) - 64
            found.append((row, col - 1))
    return found
