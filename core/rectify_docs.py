"""The documents of a rectification round (domain.md §12): the 整改台账 xlsx (documents.md §3.6)
and the record of the (monthly) 整改情况通报, issued by docgen/issue.py like every 通报.

Never imports docgen; openpyxl only inside export_ledger.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from fractions import Fraction
from pathlib import Path

from docket.core import messages as msg
from docket.core import progress as prog
from docket.core.dates import format_cn
from docket.core.errors import BadInput
from docket.core.records import Color, State
from docket.core.rectify import (
    DONE_STATES,
    OPEN_STATES,
    LedgerRow,
    figures,
    ledger,
    round_of,
    round_words,
)


def _overdue(r: LedgerRow) -> bool:
    return r.state in OPEN_STATES and r.due_color == Color.RED.value


def _lagging(r: LedgerRow, yellow: int) -> bool:
    return r.state in OPEN_STATES and not _overdue(r) and r.lag is not None and r.lag >= yellow


def _unit_order(conn: sqlite3.Connection) -> dict[str, int]:
    from docket.core.units import all_units

    return {u.name: i for i, u in enumerate(all_units(conn))}


# -- 整改情况通报 -------------------------------------------------------------------------------------

def circular_data(conn: sqlite3.Connection, *, as_of: date, round_name: str | None, doc_seq: int,
                  issued_on: date):
    """The 通报's record: the round's figures, per unit rows, units behind, late reporters and
    the problems behind plan or past due (titles masked as in every published document, §14)."""
    from docket.core import docdata as d
    from docket.core import settings
    from docket.core.deadlines import Deadlines
    from docket.core.batches import cc, letterhead
    from docket.core.privacy import masker_for

    rnd = round_of(conn, round_name)
    rows = ledger(conn, as_of=as_of, round_name=rnd["name"])
    if not rows:  # nothing to report on: refused before a file is built or a 文号 recorded
        raise BadInput(msg.RECTIFY_CIRCULAR_EMPTY.format(round=rnd["name"]))
    fig = figures(rows, round_name=rnd["name"], as_of=as_of)
    yellow, _ = prog.thresholds(conn)
    order = _unit_order(conn)
    by_unit: dict[str, list[LedgerRow]] = {}
    for r in rows:
        if r.unit:
            by_unit.setdefault(r.unit, []).append(r)
    units = sorted(by_unit, key=lambda u: (order.get(u, len(order)), u))
    unit_rows = tuple(d.RectifyUnitRow(
        unit=u, total=len(by_unit[u]), done=sum(r.state in DONE_STATES for r in by_unit[u]),
        completion_rate=Fraction(sum(r.state in DONE_STATES for r in by_unit[u]), len(by_unit[u])),
        overdue=sum(_overdue(r) for r in by_unit[u]), lagging=sum(_lagging(r, yellow) for r in by_unit[u]),
        late_reports=sum(r.late_report is not None for r in by_unit[u])) for u in units)
    behind = tuple(u.unit for u in unit_rows if u.overdue or u.lagging)
    late = tuple(u.unit for u in unit_rows if u.late_reports)
    mask = masker_for(conn)
    items = tuple(d.RectifyItemRow(
        number=r.number, problem=mask.text(r.problem), unit=r.unit or "", due_on=r.due_on, progress=r.progress,
        planned=None if r.planned is None else prog.shown(r.planned), status="逾期" if _overdue(r) else "进度滞后")
        for r in rows if _overdue(r) or _lagging(r, yellow))
    dl = Deadlines(conn)
    return d.RectifyCircularData(
        letterhead=letterhead(conn), round_name=rnd["name"], as_of=as_of, doc_seq=doc_seq, issued_on=issued_on,
        total=fig.total, done=fig.done, closed=fig.closed, completion_rate=fig.completion_rate,
        on_time=fig.on_time, on_time_decided=fig.on_time_decided, on_time_rate=fig.on_time_rate,
        rechecked=fig.rechecked, recheck_passed=fig.recheck_passed, recheck_rate=fig.recheck_rate,
        accountability=fig.accountability, units=unit_rows, behind=behind, late_units=late, items=items,
        fix_by=dl.add(as_of, dl.repeat).date if behind else None,
        update_every=settings.get(conn, "rectify.update_every").label_cn(), cc=cc(conn, "circular"))


def circular_batch(conn: sqlite3.Connection, *, as_of: date, round_name: str | None = None):
    """The 通报 as a batch of one 文件 taking the next 文号 of `doc.prefix` (the same series as
    the 办理情况通报; issued by docgen/issue.py: the number is on record only if the file exists).
    A round without problems is refused (BadInput): no file, no 文号."""
    from docket.core.batches import letterhead, next_serial, numbered_file

    series = letterhead(conn).doc_prefix
    year = as_of.year
    seq = next_serial(conn, series, year)
    record = circular_data(conn, as_of=as_of, round_name=round_name, doc_seq=seq, issued_on=as_of)
    detail = {"round": record.round_name, "total": record.total, "done": record.done,
              "accountability": record.accountability}
    return numbered_file(conn, "rectify_circular", record, series=series, year=year, seq=seq,
                         issued_on=as_of, detail=detail, event_detail={"round": record.round_name})


# -- 整改台账 (documents.md §3.6) -------------------------------------------------------------------

LEDGER_SHEET = "整改台账"
LEDGER_COLUMNS = (("序号", 6), ("问题来源", 14), ("问题", 40), ("整改措施", 40), ("责任单位", 16),
                  ("责任人", 10), ("整改时限", 14), ("进度", 30), ("状态", 10), ("复查结果", 20),
                  ("销号日期", 14))
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
FILL_RED, FILL_YELLOW = "FFC7CE", "FFEB9C"
OVERDUE_LABEL = "逾期"


def ledger_state(r: LedgerRow) -> str:
    """状态 in the ledger: the label; 已销号 reads 复查通过 (with its 销号日期); past due reads 逾期."""
    if r.state == State.CLOSED.value:
        return "复查通过"
    if _overdue(r):
        return OVERDUE_LABEL
    return r.state_label


def _measures(r: LedgerRow) -> str:
    parts = []
    if r.target:
        parts.append(f"目标：{r.target}")
    if r.measures:
        parts.append(f"措施：{r.measures}")
    return "；".join(parts)


def _progress(r: LedgerRow) -> str:
    if r.state not in OPEN_STATES + DONE_STATES:
        return ""
    text = "未报送" if r.progress is None else f"{r.progress}%"
    if r.state in OPEN_STATES and r.planned is not None:
        text += f"（计划{prog.shown(r.planned):g}%）"
    if r.late_report is not None:
        text += "，未按时报送进度"
    return text


def _checks(r: LedgerRow) -> str:
    out = []
    if r.recheck_result:
        out.append(f"复查{'通过' if r.recheck_result == 'pass' else '未通过'}（{format_cn(r.rechecked_on)}）")
    if r.lookback_result:
        out.append(f"回头看{'通过' if r.lookback_result == 'pass' else '未通过'}（{format_cn(r.lookback_on)}）")
    return "；".join(out)


def ledger_cells(r: LedgerRow) -> list[object]:
    """One row of the ledger in the §3.6 columns (dates as dates)."""
    return [r.number, r.source or "", r.problem, _measures(r), r.unit or "", r.person or "", r.due_on,
            _progress(r), ledger_state(r), _checks(r), r.closed_on]


def export_ledger(conn: sqlite3.Connection, path: Path, *, as_of: date,
                  round_name: str | None = None) -> tuple[Path, int]:
    """Write the round's 整改台账 to path (.xlsx, documents.md §3.6); (path, number of problems)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from docket.core import privacy
    from docket.core.export import check_target, fit_rows, row_height, save_workbook
    from docket.core.text import clean

    path = check_target(Path(path), (".xlsx",))
    rnd = round_of(conn, round_name)
    rows = ledger(conn, as_of=as_of, round_name=rnd["name"])
    body_font = Font(name="仿宋_GB2312", size=11)
    wrap = Alignment(wrap_text=True, vertical="top")
    wb = Workbook()
    ws = wb.active
    ws.title = LEDGER_SHEET
    last = get_column_letter(len(LEDGER_COLUMNS))
    ws["A1"] = clean(f"{round_words(rnd['name'])}台账")
    ws["A1"].font = Font(name="黑体", size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = f"截至{format_cn(as_of)}"
    ws["A2"].font = body_font
    ws.merge_cells(f"A2:{last}2")
    for c, (head, width) in enumerate(LEDGER_COLUMNS, start=1):
        cell = ws.cell(row=3, column=c, value=head)
        cell.font = Font(name="黑体", size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = width
    yellow_fill, red_fill = (PatternFill("solid", fgColor=x) for x in (FILL_YELLOW, FILL_RED))
    for i, r in enumerate(rows, start=4):
        fill = red_fill if _overdue(r) else yellow_fill if (
            r.state in OPEN_STATES and r.due_color == Color.YELLOW.value) else None
        for c, value in enumerate(ledger_cells(r), start=1):
            cell = ws.cell(row=i, column=c)
            if isinstance(value, date):
                cell.value = value
                cell.number_format = DATE_FORMAT
            else:
                value = clean(value)  # no control character: openpyxl refuses them, terminals run them
                cell.value = value
                if privacy.is_formula_like(value):
                    cell.data_type = "s"     # inert text, never a formula (documents.md §3.6)
                    cell.quotePrefix = True
            cell.font = body_font
            cell.alignment = wrap
            if fill is not None:
                cell.fill = fill
    widths = [w for _, w in LEDGER_COLUMNS]
    fit_rows(ws, widths, 3, 3 + len(rows), size=11)   # the header and every problem: nothing cut
    ws.row_dimensions[1].height = row_height([ws["A1"].value], [sum(widths)], size=16)
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{last}{3 + max(len(rows), 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    wb.properties.title = f"{round_words(rnd['name'])}台账"
    save_workbook(wb, path, on=as_of)  # created = modified = as_of (documents.md §3.6)
    return path, len(rows)
