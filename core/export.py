"""The ledger export (contract `export`) and the xlsx form of the status report.

One row per item with the ISO date of every stage. `masked` applies domain.md §14: names keep
their first character, phones 3 + 4 digits, and addresses, notes, content and raters are left
out; in the texts that stay (titles, 办结理由) phone and ID numbers and every known person's name
are masked wherever they appear, and a phone field is masked whole, a name beside the digits too. Cells a spreadsheet would run as formulas are written as inert text. Files go to a temp name
beside the target and are renamed, so a reader never sees half a file.

openpyxl is imported inside the functions that write xlsx; no click, textual or rich.
"""
from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docket.core import messages as msg
from docket.core import privacy
from docket.core.errors import BadInput
from docket.core.files import replacing
from docket.core.records import COLOR_LABELS, LEVEL_LABELS, Level, kind_label
from docket.core.stats import Rate
from docket.core.text import clean, display_width
from docket.store import assignments as store_assignments
from docket.store import items as store

FORMATS = (".xlsx", ".csv")


def _levels(v: str | None) -> str:
    return LEVEL_LABELS[Level(v)] if v else ""


def ledger(conn: sqlite3.Connection, *, as_of: date, masked: bool = False,
           session: str | None = None) -> tuple[list[str], list[list]]:
    """(headers, rows) of the full ledger of the session, masked for publication if asked."""
    from docket.core import settings
    from docket.core.queue import list_items

    sess = store.current_session(conn, session)
    sid = sess["id"]
    mask_proposers = masked and settings.get(conn, "privacy.mask_proposers")
    mask = privacy.masker_for(conn) if masked else None
    listed = {r["number"]: r for r in list_items(conn, as_of=as_of, session=sess["name"])}
    items = store.items_of_session(conn, sid)

    def grouped(found: list[sqlite3.Row]) -> dict[int, list[sqlite3.Row]]:
        out: dict[int, list[sqlite3.Row]] = {}
        for r in found:
            out.setdefault(r["item_id"], []).append(r)
        return out

    replies = grouped(store_assignments.replies_of_session(conn, sid))
    evals = grouped(store_assignments.decisive_evaluations_of_session(conn, sid))
    rounds = max([1] + [it["round"] for it in items])
    headers = ["编号", "类型", "标题", "领衔人", "附议人", "类别", "代表团", "状态", "重点", "小微急",
               "提出日期", "交办日期", "主办单位", "协办单位", "办理期限", "协办意见"]
    for k in range(1, rounds + 1):
        headers += [f"第{k}轮答复日期", f"第{k}轮答复类别", f"第{k}轮评价日期", f"第{k}轮办理结果",
                    f"第{k}轮办理态度"]
    headers += ["答复类别", "满意度", "办结日期", "办结理由", "颜色", "剩余工作日", "联系电话",
                "答复联系人", "答复联系电话"]
    if not masked:
        headers += ["通讯地址", "评价人", "评价意见", "内容"]
    rows: list[list] = []
    for it in items:
        q = listed[it["number"]]
        reps = replies.get(it["id"], [])
        lead_reps = [r for r in reps if r["role"] == "lead"]
        evs = evals.get(it["id"], [])
        co = json.loads(it["co_proposers"])
        proposer = privacy.mask_name(it["proposer"]) if mask_proposers else it["proposer"]
        co = privacy.mask_names(co) if mask_proposers else co
        opinions = "；".join(f"{r['unit_name']} {r['replied_on']}" for r in reps if r["role"] == "support")
        title, close_reason = it["title"], it["close_reason"]
        if mask:
            title, close_reason = mask.text(title), mask.text(close_reason)
        row = [it["number"], kind_label(it["kind"]), title, proposer, "、".join(co), it["category"] or "",
               it["delegation"] or "", q["state_label"], "是" if it["key"] else "",
               "是" if it["fast"] else "", it["received_on"], q["assigned_on"] or "",
               q["lead_unit"] or "", "、".join(q["support_units"]), q["due_on"] or "", opinions]
        for k in range(1, rounds + 1):
            rep = next((r for r in reversed(lead_reps) if r["round"] == k), None)
            ev = next((e for e in evs if e["round"] == k), None)
            row += [rep["replied_on"] if rep else "", rep["class"] or "" if rep else "",
                    ev["evaluated_on"] if ev else "", _levels(ev["result"]) if ev else "",
                    _levels(ev["attitude"]) if ev else ""]
        last_rep = lead_reps[-1] if lead_reps else None
        contact = last_rep["contact"] if last_rep else None
        reply_phone = last_rep["phone"] if last_rep else None
        phone = it["phone"]
        if mask:
            contact, reply_phone, phone = mask.name(contact), mask.phone(reply_phone), mask.phone(phone)
        row += [q["reply_class"] or "", _levels(q["result"]), it["closed_on"] or "",
                close_reason or "", COLOR_LABELS.get(q["color"], ""),
                "" if q["days_left"] is None else q["days_left"], phone or "", contact or "",
                reply_phone or ""]
        if not masked:
            row += [it["address"] or "", "、".join(dict.fromkeys(e["rater"] or "" for e in evs)),
                    "；".join(e["note"] for e in evs if e["note"]), it["content"] or ""]
        rows.append(row)
    return headers, rows


# -- writing ----------------------------------------------------------------------------------

OUT_NOT_DIR = "输出目录 {folder} 不是目录（是一个文件），请换一个目录"


def check_target(path: Path, formats: Sequence[str] = FORMATS) -> Path:
    """The file's folder must exist and be writable, and its suffix known: checked before any work."""
    path = Path(path)
    if path.suffix.lower() not in formats:
        raise BadInput(msg.OUT_FORMAT.format(name=path.name, formats="、".join(formats)))
    folder = path.parent if str(path.parent) else Path(".")
    check_folder(folder)
    if path.is_dir():
        raise BadInput(msg.OUT_IS_DIR.format(path=path, example=path / ("台账" + formats[0])))
    return path


def check_folder(folder: Path) -> Path:
    """An output folder: it exists, is a folder (not a file of that name) and is writable."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BadInput(OUT_NOT_DIR.format(folder=folder))
    if not folder.is_dir():
        raise BadInput(msg.OUT_DIR_MISSING.format(folder=folder))
    if not os.access(folder, os.W_OK):
        raise BadInput(msg.OUT_DIR_READONLY.format(folder=folder))
    return folder


def write_text(path: Path, text: str) -> Path:
    """A text or JSON file (UTF-8), written to a temp name and renamed."""
    path = Path(path)
    with replacing(path, mode=0o600) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence]) -> Path:
    """UTF-8 with BOM (Excel opens it as UTF-8); formula-like cells get a leading '."""
    path = Path(path)
    with replacing(path, mode=0o600) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        for row in rows:
            w.writerow([privacy.neutralise_csv(clean(v)) for v in row])
        fh.flush()
        os.fsync(fh.fileno())
    return path


PERCENT = "0.0%"


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet: a header row (frozen, with a filter) over rows; optional caption row above it,
    columns shown as percentages (the cell keeps the exact fraction), and footer rows (合计)
    below the filtered range so sorting never moves them."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence]
    caption: str | None = None
    percent: frozenset[int] = frozenset()     # 0-based column indexes
    footer: Sequence[Sequence] = ()
    decimals: str | None = None               # number format of other float cells, e.g. "0.00"


def add_sheet(wb, sheet: Sheet) -> None:
    """A sheet with a styled, frozen, filterable header row and column widths that fit Chinese text."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sheet.title)
    headers = list(sheet.headers)
    last_col = get_column_letter(max(len(headers), 1))
    top = 1
    if sheet.caption:
        ws.append([sheet.caption])
        ws["A1"].font = Font(bold=True, size=12)
        ws["A1"].alignment = Alignment(horizontal="left", vertical="center")
        if len(headers) > 1:
            ws.merge_cells(f"A1:{last_col}1")
        top = 2
    ws.append(headers)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in ws[top]:
        cell.font, cell.fill, cell.alignment = bold, fill, centre
    widths = [display_width(str(h)) for h in headers]
    body = list(sheet.rows) + list(sheet.footer)
    for r, row in enumerate(body, start=top + 1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            value = clean(value)  # no control character: openpyxl refuses them, terminals run them
            if privacy.is_formula_like(value):
                # inert text: openpyxl would store "=..." as a formula; quotePrefix marks it as text
                cell.value = value
                cell.data_type = "s"
                cell.quotePrefix = True
            else:
                cell.value = value
            if c - 1 in sheet.percent:
                cell.number_format = PERCENT
                shown = "100.0%" if isinstance(value, (int, float)) else ""
            elif sheet.decimals and isinstance(value, float):
                cell.number_format = sheet.decimals
                shown = str(value)
            else:
                shown = "" if value is None else str(value)
            if r > top + len(sheet.rows):
                cell.font = bold
            widths[c - 1] = max(widths[c - 1], display_width(shown))
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(w + 2, 6), 60)
    ws.freeze_panes = f"A{top + 1}"
    ws.auto_filter.ref = f"A{top}:{last_col}{top + max(len(sheet.rows), 1)}"


# Column widths are in Excel's unit, one digit of the default 11 pt font; a CJK character of an
# 11 pt font takes about 2.1 of them (display_width 2), a Latin one about 1.05. A wrapped line is
# about 1.4 times the font size tall (Noto / SimSun metrics as LibreOffice and Excel lay them).
CHAR_UNITS = 1.05       # units per display column at 11 pt
LINE_HEIGHT = 1.4       # points per point of font size
ROW_PAD = 4.0           # points above and below the text


def wrapped_lines(text: object, width: float, *, size: float = 11) -> int:
    """How many lines `text` takes in a wrapped cell `width` units wide, in a `size` pt font:
    each paragraph's display width (CJK two columns) over the column's, rounded up."""
    from math import ceil

    if text is None or text == "":
        return 1
    usable = max(width - 1, 1)        # the cell's inner margins
    scale = CHAR_UNITS * size / 11
    return sum(max(1, ceil(display_width(part) * scale / usable)) for part in str(text).split("\n"))


def row_height(cells: Sequence[object], widths: Sequence[float], *, size: float = 11) -> float:
    """The height in points a row of wrapped cells needs so that none is cut when printed."""
    lines = max((wrapped_lines(v, w, size=size) for v, w in zip(cells, widths)), default=1)
    return round(lines * size * LINE_HEIGHT + ROW_PAD, 1)


def fit_rows(ws, widths: Sequence[float], first: int, last: int, *, size: float = 11) -> None:
    """Set the height of rows first..last of an openpyxl sheet from their wrapped text
    (Excel and LibreOffice do not grow rows of a file they open; a printed or PDF ledger
    would cut every long cell at one line). Dates and numbers count as one line."""
    from datetime import date as _date

    for r in range(first, last + 1):
        cells = [None if isinstance(c.value, (_date, int, float)) else c.value
                 for c in ws[r][:len(widths)]]
        ws.row_dimensions[r].height = row_height(cells, widths, size=size)


def write_xlsx(path: Path, sheets: Sequence[Sheet], *, on: date, title: str | None = None,
               as_of: date | None = None) -> Path:
    """Each Sheet becomes a sheet; saved to a temp file and renamed, stamped with the day `on`
    (`save_workbook`). as_of (the report date) is also kept as the workbook's 报告日期 property,
    for a reader that files workbooks by date."""
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        add_sheet(wb, sheet)
    if title:
        wb.properties.title = title
    if as_of is not None:
        from openpyxl.packaging.custom import StringProperty

        wb.properties.subject = f"报告日期 {as_of.isoformat()}"
        wb.custom_doc_props.append(StringProperty(name="报告日期", value=as_of.isoformat()))
    return save_workbook(wb, path, on=on)


def xlsx_bytes(wb, *, on: date) -> bytes:
    """The workbook as xlsx bytes whose created and modified properties are the day `on` (the
    as-of day, documents.md §3.6), never the wall clock openpyxl stamps, with fixed zip entry
    times: the one stamping of every xlsx docket writes (ledgers, exports, reports, packets)."""
    import io
    from datetime import datetime

    from docket.core.files import stamped_ooxml

    stamp = datetime(on.year, on.month, on.day)
    wb.properties.created = wb.properties.modified = stamp
    buf = io.BytesIO()  # built in memory: a full disk then fails one plain write, not openpyxl's
    wb.save(buf)        # zip writer, whose unclosed ZipFile prints a traceback when collected
    return stamped_ooxml(buf.getvalue(), stamp)


def save_workbook(wb, path: Path, *, on: date) -> Path:
    """Write the workbook (xlsx_bytes) to a temp file beside path, fsync, rename; owner only
    (personal data: README 数据安全)."""
    blob = xlsx_bytes(wb, on=on)
    with replacing(path, mode=0o600) as tmp, open(tmp, "wb") as fh:
        fh.write(blob)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def export_ledger(conn: sqlite3.Connection, path: Path, *, as_of: date, masked: bool = False,
                  session: str | None = None) -> tuple[Path, int]:
    """Write the ledger to path (.xlsx or .csv); returns the path and the number of items."""
    path = check_target(path)
    headers, rows = ledger(conn, as_of=as_of, masked=masked, session=session)
    if path.suffix.lower() == ".csv":
        write_csv(path, headers, rows)
    else:
        write_xlsx(path, [Sheet("公开台账" if masked else "台账", headers, rows)], on=as_of)
    return path, len(rows)


# -- the status report as xlsx ----------------------------------------------------------------

def _exact(rate: Rate) -> float | None:
    """The rate's exact fraction as a number; the cell's 0.0% format does the rounding for show."""
    return float(rate.fraction) if rate.den else None


def report_sheets(rep) -> list[Sheet]:
    """The report's tables: overall figures, per unit, classes, overdue items. Every rate is a
    number shown as a percentage, with its numerator and denominator as numbers beside it and
    what each counts in the column before it; each sheet's caption names the report date."""
    caption = f"{rep.session} 办理情况统计（报告日期：{rep.as_of.isoformat()}）"
    counts = [["交办件数", rep.assigned], ["已答复", rep.replied], ["逾期未答复", rep.overdue],
              ["已评价", rep.evaluated], ["办结未答复", rep.closed_unreplied]]
    # counts and rates in columns of their own: every column holds one kind of number
    overall = [[name, value, None, None, None, None, None] for name, value in counts]
    dens = {"reply_rate": ("已答复", "交办件数"), "on_time_rate": ("按期答复", "已答复+逾期未答复"),
            "satisfaction_rate": ("满意" + ("（含基本满意）" if rep.basic_is_satisfied else ""), "已评价"),
            "first_satisfaction_rate": ("初次满意", "初次评价"), "solved_rate": ("办成", "已答复"),
            "resolution_rate": ("解决或计划解决", "已答复"), "completion_rate": ("办结", "交办件数")}
    for key, name, rate in rep.rates():
        num_name, den_name = dens[key]
        overall.append([name, None, _exact(rate), num_name, rate.num, den_name, rate.den])
    units = [[u.unit, u.lead, u.support, u.replied, u.overdue, _exact(u.on_time), u.on_time.num,
              u.on_time.den, _exact(u.satisfaction), u.satisfaction.num, u.satisfaction.den]
             for u in rep.units]
    total = []
    if rep.units:
        total = [["合计", sum(u.lead for u in rep.units), sum(u.support for u in rep.units),
                  rep.replied, rep.overdue, _exact(rep.on_time), rep.on_time.num, rep.on_time.den,
                  _exact(rep.satisfaction), rep.satisfaction.num, rep.satisfaction.den]]
    classes = [[code, count, _exact(Rate(count, rep.replied)), count, rep.replied]
               for code, count in rep.classes.items()]
    overdue = [[o.number, o.title, o.unit, o.due_on.isoformat(), o.days_overdue] for o in rep.overdue_items]
    return [
        Sheet("总体情况", ["指标", "件数", "比率", "分子含义", "分子（件）", "分母含义", "分母（件）"], overall,
              caption, frozenset({2})),
        Sheet("各单位", ["承办单位", "主办件数", "协办件数", "已答复", "逾期件数", "按期答复率", "按期答复数",
                      "应按期答复数", "满意率", "满意数", "已评价数"], units, caption,
              frozenset({5, 8}), total),
        Sheet("答复类别", ["类别", "件数", "占已答复比例", "该类件数（分子）", "已答复件数（分母）"], classes,
              caption, frozenset({2})),
        Sheet("逾期未答复", ["编号", "标题", "主办单位", "办理期限", "逾期天数"], overdue, caption),
    ]


def export_report(rep, path: Path) -> Path:
    path = check_target(path, (".xlsx",))
    return write_xlsx(path, report_sheets(rep), title=f"{rep.session} 办理情况统计",
                      as_of=rep.as_of, on=rep.as_of)
