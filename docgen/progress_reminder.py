"""The notice to a unit late with its progress reports (未按时报送进度, domain.md §12 周调度 and
§13 每月一督查): 关于报送整改进度的通知 / 关于报送民生实事项目进度的通知.

In the 催办通知's frame (documents.md §3.2, docgen/reminder.py): no 版头, 文号 or 版记; title,
主送, body, table, 署名 and date; from an item's second reminder the escalation sentence.
"""
from __future__ import annotations

from docket.core.docdata import ProgressReminderData
from docket.docgen import page, wording
from docket.docgen.cells import date_cell, title_cell
from docket.docgen.flow import Writer
from docket.docgen.letterhead import remark

# the 催办通知's 156 mm: 逾期18天未报送 holds one line at 36 mm (at 30 it wrapped, rendered)
WIDTHS = (11, 11, 56, 24, 36, 18)
KINDS = ("num", "num", "text", "date", "num", "num")


def kind(data: ProgressReminderData) -> str:
    """A plain page, as the 催办通知."""
    return "plain"


def title(data: ProgressReminderData) -> str:
    """关于报送整改进度的通知 / 关于报送民生实事项目进度的通知 / both."""
    return wording.PROGRESS_REMIND_TITLE.format(
        what="和".join(wording.PROGRESS_REMIND_WHAT[k] for k in data.kinds))


def file_name(data: ProgressReminderData) -> str:
    """进度催报通知-{单位}-{date}.docx."""
    return wording.PROGRESS_REMIND_FILE.format(unit=wording.user(data.unit), date=data.issued_on.isoformat())


def build(data: ProgressReminderData):
    return fill(page.new_document(kind(data), data.letterhead), data)


def fill(doc, data: ProgressReminderData):
    """Write the notice into an empty skeleton of kind(data)."""
    lh = data.letterhead
    w = Writer(doc, lh)
    doc_title = title(data)
    items = sorted(data.items, key=lambda i: (data.kinds.index(i.kind), i.number))
    w.title(doc_title)
    w.empty()
    w.p("Addressee", wording.user(data.unit) + "：")
    dated = data.report_by is not None
    ask = wording.PROGRESS_REMIND_ASK[dated].format(
        report_by=wording.cn_date(data.report_by) if dated else "")
    body = wording.PROGRESS_REMIND_BODY.format(
        items="和".join(wording.TRACKED_TERMS[k]["items"] for k in data.kinds), ask=ask)
    w.p("BodyText", body)
    again = [i for i in items if i.times >= 2]
    if again:
        w.p("BodyText", _escalation(again))
    w.empty()
    name = wording.PROGRESS_REMIND_NAME.get(data.kinds, wording.PROGRESS_REMIND_NAME_BOTH)
    columns = [c.format(name=name) for c in wording.PROGRESS_REMIND_COLUMNS]
    rows = [[str(k), str(i.number), title_cell(wording.user(i.title), WIDTHS[2]),
             date_cell(wording.cn_date(i.expected_on), WIDTHS[3]),
             wording.PROGRESS_REMIND_STATUS.format(days=i.days_late),
             wording.PROGRESS_REMIND_TIMES.format(n=i.times)]
            for k, i in enumerate(items, start=1)]
    w.table(list(zip(columns, WIDTHS, KINDS)), rows)
    w.empty(2)
    w.signature(lh.signer_name, wording.cn_date(data.issued_on), remark(lh))
    page.set_core(doc, title=doc_title, author=lh.signer_name, on=data.issued_on)
    return doc


def _escalation(again) -> str:
    """第3号整改问题已第2次催报，第5、7号民生实事项目已第3次催报，请单位主要负责同志亲自过问。"""
    groups: dict[tuple[int, str], list[int]] = {}
    for i in sorted(again, key=lambda i: (i.times, i.kind, i.number)):
        groups.setdefault((i.times, i.kind), []).append(i.number)
    parts = [wording.PROGRESS_REMIND_AGAIN.format(numbers="、".join(str(n) for n in dict.fromkeys(nums)),
                                                  item=wording.TRACKED_TERMS[k]["items"], n=n)
             for (n, k), nums in groups.items()]
    return "，".join(parts) + wording.PROGRESS_REMIND_AGAIN_TAIL
