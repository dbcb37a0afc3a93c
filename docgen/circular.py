"""办理情况通报 (documents.md §3.3): 文件 format, figures as prose, two attachments.

A sentence whose figure is missing (a rate over an empty denominator) is dropped.
"""
from __future__ import annotations

from fractions import Fraction

from docket.docgen import page, wording
from docket.docgen.cells import date_cell, title_cell, unit_cell
from docket.docgen.data import CircularData, Figures, UnitRow
from docket.docgen.flow import Writer
from docket.docgen.letterhead import file_closing, file_opening, sign_off

UNIT_WIDTHS = (11, 43, 15, 15, 15, 22, 20, 15)
UNIT_KINDS = ("num", "text", "num", "num", "num", "num", "num", "num")
OVERDUE_WIDTHS = (11, 11, 64, 30, 24, 16)
OVERDUE_KINDS = ("num", "num", "text", "text", "date", "num")


def kind(data: CircularData) -> str:
    """The page kind: 文件."""
    return "file"


def title(data: CircularData) -> str:
    """关于县十八届人大五次会议代表建议办理情况的通报."""
    t = wording.terms(data.letterhead.body)
    return wording.CIRCULAR_TITLE.format(session=wording.user(data.figures.session_short),
                                         items=t["items"])


def file_name(data: CircularData) -> str:
    """办理情况通报-{YYYY-MM-DD}.docx."""
    return f"办理情况通报-{data.figures.as_of.isoformat()}.docx"


def summary(fig: Figures, body: str) -> list[str]:
    """Sentences 1–3 (and 4, the classes) of §3.3; also article 1 of the 简报."""
    t = wording.terms(body)
    out = []
    session = wording.user(fig.session_short)
    when = wording.cn_date(fig.as_of)
    if fig.assigned >= fig.total and fig.total:
        out.append(f"截至{when}，{session}{t['items']}共{fig.total}件，已全部交由"
                   f"{fig.units_count}个单位办理。")
    elif fig.total:
        out.append(f"截至{when}，{session}{t['items']}共{fig.total}件，已交办{fig.assigned}件，"
                   f"由{fig.units_count}个单位办理。")
    if fig.reply_rate is not None:
        parts = [f"已答复{fig.replied}件，答复率{wording.percent(fig.reply_rate)}"]
        if fig.on_time_rate is not None:
            parts.append(f"按期答复{fig.on_time}件，按期答复率{wording.percent(fig.on_time_rate)}")
        parts.append(f"逾期未答复{fig.overdue}件")
        out.append("；".join(parts) + "。")
    if fig.evaluated and fig.satisfaction_rate is not None:
        basis = "（含基本满意）" if fig.basic_is_satisfied else "（不含基本满意）"
        out.append(f"{t['member']}已评价{fig.evaluated}件，满意{fig.satisfied}件、基本满意"
                   f"{fig.basic}件、不满意{fig.dissatisfied}件，满意率"
                   f"{wording.percent(fig.satisfaction_rate)}{basis}。")
    return out


def class_sentence(fig: Figures) -> str:
    """A类（…）48件，占33.8%；B类…。 over the replied items; '' without replies."""
    if not fig.classes or not fig.replied:
        return ""
    parts = []
    for c in fig.classes:
        label = wording.user(c.label) or wording.CLASS_LABELS.get(c.code, "")
        share = wording.percent(Fraction(c.count, fig.replied))
        parts.append(f"{wording.user(c.code)}类（{label}）{c.count}件，占{share}")
    return "；".join(parts) + "。"


def build(data: CircularData):
    """A complete 通报."""
    return fill(page.new_document("file", data.letterhead), data)


def fill(doc, data: CircularData):
    """Write the 通报 into an empty 文件 skeleton."""
    lh, fig = data.letterhead, data.figures
    t = wording.terms(lh.body)
    w = Writer(doc, lh)
    doc_title = title(data)
    file_opening(w, data.doc_seq, data.issued_on, doc_title, wording.CIRCULAR_TO)
    h1, h2, h3 = wording.CIRCULAR_HEADINGS
    w.p("Heading1CN", h1)
    first = summary(fig, lh.body)
    classes = class_sentence(fig)
    for sentence in first[:1]:
        w.p("BodyText", sentence)
    rest = "".join(first[1:] + ([classes] if classes else []))
    if rest:
        w.p("BodyText", rest)
    w.p("Heading1CN", h2)
    if data.praised:
        w.p("BodyText", wording.join_names(data.praised)
            + "按期答复率和满意率均达到100%，予以通报表扬。")
    if data.behind:
        until = f"请于{wording.cn_date(data.fix_by)}前" if data.fix_by else "请尽快"
        w.p("BodyText", f"{wording.join_names(data.behind)}尚有逾期未答复{t['item']}（见附件2），"
            f"{until}办结并书面说明原因。")
    else:
        w.p("BodyText", f"所有{t['item']}均在规定期限内答复。")
    w.p("Heading1CN", h3)
    for para in wording.CIRCULAR_NEXT:
        w.p("BodyText", para.format(items=t["items"], member=t["member"]))
    names = [wording.CIRCULAR_ATTACHMENTS[0],
             wording.CIRCULAR_ATTACHMENTS[1].format(items=t["items"])]
    when = sign_off(w, names, data.issued_on)
    w.attachment("附件1", names[0])
    rows = [_unit_row(i, u) for i, u in enumerate(data.units, 1)]
    total = data.total_row or _sum_row(data.units, fig)
    rows.append(_unit_row(None, total))
    w.table(list(zip(wording.UNIT_COLUMNS, UNIT_WIDTHS, UNIT_KINDS)), rows)
    w.attachment("附件2", names[1])
    over = [[str(i), str(o.number), title_cell(wording.user(o.title), OVERDUE_WIDTHS[2]),
             unit_cell(wording.user(o.lead_unit), OVERDUE_WIDTHS[3]),
             date_cell(wording.cn_date(o.due_on), OVERDUE_WIDTHS[4]), f"{o.days_overdue}天"]
            for i, o in enumerate(sorted(data.overdue_items, key=lambda o: o.number), 1)]
    if not over:
        over = [["", "", "无", "", "", ""]]
    w.table(list(zip(wording.OVERDUE_COLUMNS, OVERDUE_WIDTHS, OVERDUE_KINDS)), over)
    return file_closing(doc, w, data.cc, when, doc_title, data.issued_on)


def _unit_row(i: int | None, u: UnitRow) -> list[object]:
    return [wording.TOTAL_LABEL if i is None else str(i),
            "" if i is None else unit_cell(wording.user(u.unit), UNIT_WIDTHS[1]), str(u.lead), str(u.support),
            str(u.replied), wording.percent(u.on_time_rate), wording.percent(u.satisfaction_rate),
            str(u.overdue)]


def _sum_row(units: tuple[UnitRow, ...], fig: Figures) -> UnitRow:
    return UnitRow(unit=wording.TOTAL_LABEL, lead=sum(u.lead for u in units),
                   support=sum(u.support for u in units), replied=sum(u.replied for u in units),
                   on_time_rate=fig.on_time_rate, satisfaction_rate=fig.satisfaction_rate,
                   overdue=sum(u.overdue for u in units))
