"""整改情况通报 (domain.md §12, the monthly 月通报): 文件 format like the 办理情况通报 (§3.3),
the round's figures as prose, two attachments. A sentence whose figure is missing is dropped.
"""
from __future__ import annotations

from docket.core.docdata import RectifyCircularData, RectifyUnitRow
from docket.docgen import page, wording
from docket.docgen.cells import date_cell, title_cell, unit_cell
from docket.docgen.flow import Writer
from docket.docgen.letterhead import file_closing, file_opening, sign_off

UNIT_WIDTHS = (11, 41, 15, 15, 22, 15, 19, 18)
UNIT_KINDS = ("num", "text", "num", "num", "num", "num", "num", "num")
# 整改时限 at 24 mm as in every date column: at 22 mm 12月31日 broke into 12月31 / 日 (rendered)
ITEM_WIDTHS = (11, 11, 34, 27, 24, 13, 16, 20)
ITEM_KINDS = ("num", "num", "text", "text", "date", "num", "num", "text")


def kind(data: RectifyCircularData) -> str:
    """The page kind: 文件."""
    return "file"


def title(data: RectifyCircularData) -> str:
    """关于2026年部门工作评议整改情况的通报 (a round named …整改 is not said twice)."""
    from docket.core.rectify import round_words

    return wording.RECTIFY_TITLE.format(round=round_words(wording.user(data.round_name)))


def file_name(data: RectifyCircularData) -> str:
    """整改情况通报-{YYYY-MM-DD}.docx."""
    return f"整改情况通报-{data.as_of.isoformat()}.docx"


def summary(data: RectifyCircularData) -> list[str]:
    """一、总体情况: the counts and the rates (整改完成率, 按期整改率, 复查通过率) and 问责."""
    out = []
    when = wording.cn_date(data.as_of)
    if not data.total:
        return [f"截至{when}，{wording.user(data.round_name)}尚未列入整改问题。"]
    first = f"截至{when}，{wording.user(data.round_name)}共列入整改问题{data.total}个，已整改{data.done}个"
    if data.closed:
        first += f"（其中已销号{data.closed}个）"
    if data.completion_rate is not None:
        first += f"，整改完成率{wording.percent(data.completion_rate)}"
    out.append(first + "。")
    rest = []
    if data.on_time_rate is not None:
        rest.append(f"按期整改{data.on_time}个，按期整改率{wording.percent(data.on_time_rate)}")
    if data.recheck_rate is not None:
        rest.append(f"已复查{data.rechecked}个，复查通过{data.recheck_passed}个，"
                    f"复查通过率{wording.percent(data.recheck_rate)}")
    if data.accountability:
        rest.append(f"启动问责{data.accountability}个")
    if rest:
        out.append("；".join(rest) + "。")
    return out


def build(data: RectifyCircularData):
    """A complete 整改情况通报."""
    return fill(page.new_document("file", data.letterhead), data)


def fill(doc, data: RectifyCircularData):
    """Write the 通报 into an empty 文件 skeleton."""
    lh = data.letterhead
    w = Writer(doc, lh)
    doc_title = title(data)
    file_opening(w, data.doc_seq, data.issued_on, doc_title, wording.RECTIFY_TO)
    h1, h2, h3 = wording.RECTIFY_HEADINGS
    w.p("Heading1CN", h1)
    for sentence in summary(data):
        w.p("BodyText", sentence)
    w.p("Heading1CN", h2)
    if data.behind:
        until = f"请于{wording.cn_date(data.fix_by)}前" if data.fix_by else "请尽快"
        w.p("BodyText", f"{wording.join_names([wording.user(u) for u in data.behind])}"
            f"有整改问题进度滞后或超过整改时限（见附件2），{until}加快整改并书面说明原因。")
    if data.late_units:
        every = f"每{data.update_every}" if data.update_every else "按时"
        w.p("BodyText", f"{wording.join_names([wording.user(u) for u in data.late_units])}"
            f"未按时报送整改进度，请{every}报送一次整改进度。")
    if not data.behind and not data.late_units:
        w.p("BodyText", wording.RECTIFY_ALL_ON_PLAN)
    w.p("Heading1CN", h3)
    for para in wording.RECTIFY_NEXT:
        w.p("BodyText", para)
    names = list(wording.RECTIFY_ATTACHMENTS)
    when = sign_off(w, names, data.issued_on)
    w.attachment("附件1", names[0])
    rows = [_unit_row(i, u) for i, u in enumerate(data.units, 1)]
    rows.append(_unit_row(None, _sum_row(data)))
    w.keep_rows(w.table(list(zip(wording.RECTIFY_UNIT_COLUMNS, UNIT_WIDTHS, UNIT_KINDS)), rows))
    w.attachment("附件2", names[1])
    items = [[str(i), str(o.number), title_cell(wording.user(o.problem), ITEM_WIDTHS[2]), unit_cell(wording.user(o.unit), ITEM_WIDTHS[3]),
              date_cell(wording.cn_date(o.due_on), ITEM_WIDTHS[4]),
              "—" if o.progress is None else f"{o.progress}%",
              "—" if o.planned is None else f"{o.planned:g}%", o.status]
             for i, o in enumerate(sorted(data.items, key=lambda o: o.number), 1)]
    if not items:
        items = [["", "", "无", "", "", "", "", ""]]
    w.keep_rows(w.table(list(zip(wording.RECTIFY_ITEM_COLUMNS, ITEM_WIDTHS, ITEM_KINDS)), items))
    return file_closing(doc, w, data.cc, when, doc_title, data.issued_on)


def _unit_row(i: int | None, u: RectifyUnitRow) -> list[object]:
    return [wording.TOTAL_LABEL if i is None else str(i),
            "" if i is None else unit_cell(wording.user(u.unit), UNIT_WIDTHS[1]), str(u.total), str(u.done),
            wording.percent(u.completion_rate), str(u.overdue), str(u.lagging), str(u.late_reports)]


def _sum_row(data: RectifyCircularData) -> RectifyUnitRow:
    units = data.units
    return RectifyUnitRow(unit=wording.TOTAL_LABEL, total=sum(u.total for u in units),
                          done=sum(u.done for u in units), completion_rate=data.completion_rate,
                          overdue=sum(u.overdue for u in units), lagging=sum(u.lagging for u in units),
                          late_reports=sum(u.late_reports for u in units))
