"""催办通知 (yellow) and 督办函 (red) for one unit (documents.md §3.2).

The unit's highest colour picks the form: a plain notice without 版头, or a 函 from the 函
series with the escalation wording from an item's second reminder on.
"""
from __future__ import annotations

from docket.docgen import page, wording
from docket.docgen.cells import date_cell
from docket.docgen.data import ReminderData, ReminderItem
from docket.docgen.flow import Writer
from docket.docgen.letterhead import letter_head, remark

# documents.md §3.2 gives 承办方式 16, 办理状态 26 and 预警 18 mm; 剩余10个工作日 then wraps
# inside a word (剩余7个工 / 作日, rendered) while 主办/协办 and 红色 hold two characters, and
# the 承办/方式 header sets two a line. 8 mm move to 办理状态; 标题 keeps its 52.
WIDTHS = (11, 11, 52, 12, 22, 34, 14)
KINDS = ("num", "num", "text", "num", "date", "num", "num")
FILLS = {"red": "FFC7CE", "yellow": "FFEB9C"}
_COLOR_INDEX = {"white": 0, "yellow": 1, "red": 2}


def kind(data: ReminderData) -> str:
    """函 for a red unit, a plain page otherwise."""
    return "letter" if data.level == "red" else "plain"


def title(data: ReminderData) -> str:
    """关于抓紧办理代表建议的通知 / 关于督促办理逾期代表建议的函."""
    t = wording.terms(data.letterhead.body)
    pattern = wording.REMIND_TITLE_RED if data.level == "red" else wording.REMIND_TITLE_YELLOW
    return pattern.format(items=t["items"])


def file_name(data: ReminderData) -> str:
    """催办通知-{单位}-{date}.docx or 督办函-{单位}-{date}.docx."""
    form = "督办函" if data.level == "red" else "催办通知"
    return f"{form}-{wording.user(data.unit)}-{data.issued_on.isoformat()}.docx"


def build(data: ReminderData):
    """A complete 催办通知 or 督办函."""
    return fill(page.new_document(kind(data), data.letterhead), data)


def fill(doc, data: ReminderData):
    """Write the reminder into an empty skeleton of kind(data)."""
    lh = data.letterhead
    t = wording.terms(lh.body)
    w = Writer(doc, lh)
    red = data.level == "red"
    doc_title = title(data)
    items = sorted((i for i in data.items if i.color != "white"), key=_order)
    if red:
        seq = data.letter_seq or 1
        letter_head(w, wording.doc_number(lh.letter_series, data.issued_on.year, seq))
        w.empty(2)
    w.title(doc_title)
    w.empty()
    w.p("Addressee", wording.user(data.unit) + "：")
    again = [i for i in items if i.times >= 2]
    if red:
        overdue = sum(1 for i in items if i.color == "red")
        pattern = wording.REMIND_BODY_RED if data.reply_by else wording.REMIND_BODY_RED_NO_DATE
        w.p("BodyText", pattern.format(
            items=t["items"], n=overdue, member=t["member"], signer=lh.signer_name,
            reply_by=wording.cn_date(data.reply_by) if data.reply_by else ""))
        for item in again:
            w.p("BodyText", wording.REMIND_ESCALATE.format(number=item.number, item=t["item"],
                                                           n=item.times))
    else:
        w.p("BodyText", wording.REMIND_BODY_YELLOW.format(items=t["items"]))
        if again:
            numbers = "、".join(f"第{i.number}号" for i in again)
            w.p("BodyText", wording.REMIND_AGAIN_YELLOW.format(numbers=numbers))
    w.empty()
    fills = {}
    rows = []
    for ri, item in enumerate(items):
        rows.append(_row(ri + 1, item, data.color_labels))
        fills[(ri, 6)] = FILLS[item.color]
    w.table(list(zip(wording.REMIND_COLUMNS, WIDTHS, KINDS)), rows, fills=fills)
    w.empty(2)
    when = wording.cn_date(data.issued_on)
    w.signature(lh.signer_name, when, remark(lh))
    if red:
        cc = tuple(data.cc) + (tuple(data.cc_escalate) if again else ())
        # the 函's 版记 is the 抄送 alone, with no lines and no 印发 (§1.4)
        w.cc_foot(_unique(cc))
    page.set_core(doc, title=doc_title, author=lh.signer_name, on=data.issued_on)
    return doc


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _order(item: ReminderItem) -> tuple[int, int]:
    return (-_COLOR_INDEX[item.color], item.number)


def _row(i: int, item: ReminderItem, labels: tuple[str, str, str]) -> list[object]:
    return [str(i), str(item.number), wording.user(item.title), wording.ROLE_LABELS[item.role],
            date_cell(wording.cn_date(item.due_on), WIDTHS[4]),
            wording.status_text(item.days_overdue, item.workdays_left),
            labels[_COLOR_INDEX[item.color]]]
