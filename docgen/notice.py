"""交办通知 with its 交办清单 (documents.md §3.1): 文件 format, one per unit.

Pure: NoticeData in, Document out. `fill(doc, data)` writes into a prepared skeleton so that a
batch reuses one (batch.py); `build(data)` makes its own.
"""
from __future__ import annotations

from docket.docgen import page, wording
from docket.docgen.cells import (
    CELL_MARGIN_MM, cell_width, date_cell, title_cell, unit_cell, unit_tokens,
)
from docket.docgen.data import NoticeData, NoticeItem
from docket.docgen.flow import Writer
from docket.docgen.letterhead import file_head, remark

KIND = "file"
# documents.md §3.1 gives 协办单位 26 and 办理期限 20 mm. 10月27日 needs more than the 21 mm a
# 22 mm column leaves with the narrow date margins (it printed as 10月27 / 日 in LibreOffice with
# the Noto stand-ins: the spaces between CJK and digits), and 协办单位 sets 5 characters a line
# at either 24 or 26 mm: the 标题 gives 2 mm to the 办理期限.
WIDTHS = (11, 11, 43, 19, 24, 24, 24)
KINDS = ("num", "num", "text", "text", "text", "text", "date")


def kind(data: NoticeData) -> str:
    """The page kind: 文件."""
    return KIND


def title(data: NoticeData) -> str:
    """关于交办县十八届人大五次会议代表建议的通知."""
    t = wording.terms(data.letterhead.body)
    return wording.NOTICE_TITLE.format(session=wording.user(data.session_short), items=t["items"])


def doc_no(data: NoticeData) -> str:
    """青禾人大办〔2026〕3号 (a 补发: the original's, as recorded)."""
    if data.doc_no:
        return wording.user(data.doc_no)
    return wording.doc_number(data.letterhead.doc_prefix, data.issued_on.year, data.doc_seq)


def file_name(data: NoticeData) -> str:
    """交办通知-{单位}-{YYYY-MM-DD}.docx (made safe by save.safe_name); a 补发 adds -补发 to
    the original's name, so it never replaces the original file."""
    if data.reissued_on is not None:
        return wording.NOTICE_REISSUE_FILE.format(unit=wording.user(data.unit),
                                                  date=data.issued_on.isoformat())
    return f"交办通知-{wording.user(data.unit)}-{data.issued_on.isoformat()}.docx"


def build(data: NoticeData):
    """A complete 交办通知."""
    doc = page.new_document(KIND, data.letterhead)
    return fill(doc, data)


def fill(doc, data: NoticeData):
    """Write the notice into an empty skeleton made by page.new_document('file', …)."""
    lh = data.letterhead
    t = wording.terms(lh.body)
    w = Writer(doc, lh)
    session = wording.user(data.session_short)
    doc_title = title(data)
    file_head(w, doc_no(data))
    w.empty(2)
    w.title(doc_title)
    if data.reissued_on is not None:
        w.p("DocNo", segments=[(wording.NOTICE_REISSUE_MARK, w.rpr(lh.fonts.kai, 16))])
    w.empty()
    w.p("Addressee", wording.user(data.unit) + "：")
    counts = "、".join(part for part in (
        f"主办{len(data.items_lead)}件" if data.items_lead else "",
        f"协办{len(data.items_support)}件" if data.items_support else "") if part)
    decider = wording.user(data.decided_by) or lh.org_short + t["decider"]
    w.p("BodyText", wording.NOTICE_OPENING.format(
        session=session, member=t["member"], item=t["item"], decider=decider,
        counts=counts or "无承办件"))
    objection = ""  # the window has closed: 二 is one of the NOTICE_DEADLINE_* sentences
    if data.objection_until is not None:
        objection = wording.NOTICE_OBJECTION.format(
            until=wording.cn_date(data.objection_until), period=wording.user(data.objection_period))
    for k, (heading, text) in enumerate(wording.NOTICE_POINTS):
        w.p("Heading1CN", heading)
        if k == 1 and data.objection_until is None:
            # the window has closed: a 补发 drops the objection; no 逾期不再调整 without a date
            text = (wording.NOTICE_DEADLINE_CLOSED if data.reissued_on is not None
                    else wording.NOTICE_DEADLINE_LATE)
        w.p("BodyText", text.format(item=t["item"], member=t["member"], objection=objection))
    w.empty()
    list_name = wording.NOTICE_LIST.format(session=session, items=t["items"])
    w.attachment_note([list_name])
    w.empty(2)
    when = wording.cn_date(data.issued_on)
    w.signature(lh.signer_name, when, remark(lh))
    w.attachment("附件", list_name)
    header = [h.format(proposer=wording.TABLE_PROPOSER[lh.body]) for h in wording.NOTICE_COLUMNS]
    items = sorted(data.items_lead, key=_num) + sorted(data.items_support, key=_num)
    rows = [_row(i, item) for i, item in enumerate(items, 1)]
    w.table(list(zip(header, WIDTHS, KINDS)), rows)
    printed = data.reissued_on or data.issued_on  # a 补发 is printed (印发) the day it is sent
    w.colophon(data.cc, lh.signer_name, wording.cn_date(printed))
    page.set_core(doc, title=doc_title, author=lh.signer_name, on=printed)
    return doc


def _num(item: NoticeItem) -> int:
    return item.number


def _row(i: int, item: NoticeItem) -> list[object]:
    return [str(i), str(item.number), title_cell(wording.user(item.title), WIDTHS[2]),
            wording.user(item.proposer),
            unit_cell(wording.user(item.lead_unit), WIDTHS[4]),
            units_cell([wording.user(u) for u in item.support_units], WIDTHS[5]),
            date_cell(wording.cn_date(item.due_on), WIDTHS[6])]


def units_cell(names: list[str], col_mm: float, size: float = 12) -> object:
    """Unit names joined with 、, a line break only between names; a name too long for a line
    breaks between its words. Every line fits *with* its 、: LibreOffice does not hang the 、
    past the edge, so 县住房和城乡建设局、 set as 县住房和 / 城乡建设局、 printed 局、 alone on a line
    (rendered); it is now 县住房和 / 城乡 / 建设局、."""
    text = "、".join(names)
    room = (col_mm - 2 * CELL_MARGIN_MM) * 72 / 25.4 / size
    if cell_width(text) <= room:
        return text
    lines, cur = [], ""
    for i, name in enumerate(names):
        piece = name + ("、" if i < len(names) - 1 else "")
        if cell_width(cur + piece) <= room:
            cur += piece
            continue
        if cur:
            lines.append(cur)
            cur = ""
        if cell_width(piece) <= room:
            cur = piece
            continue
        words = list(unit_tokens(name))
        words[-1] += piece[len(name):]
        for word in words:
            if cur and cell_width(cur + word) > room:
                lines.append(cur)
                cur = ""
            cur += word
    lines.append(cur)
    return tuple(lines) if len(lines) > 1 else text
