"""催办通知 (yellow) and 督办函 (red) for one unit (documents.md §3.2).

The unit's highest colour picks the form: a plain notice without 版头, or a 函 from the 函
series with the escalation wording from an item's second reminder on.
"""
from __future__ import annotations

from docket.core.records import ROLE_LABELS
from docket.docgen import page, wording
from docket.docgen.cells import date_cell, title_cell
from docket.docgen.data import ReminderData, ReminderItem
from docket.docgen.flow import Writer
from docket.docgen.letterhead import letter_head, remark

# documents.md §3.2 gives 承办方式 16, 办理状态 26 and 预警 18 mm; 剩余10个工作日 then wraps
# inside a word (剩余7个工 / 作日, rendered) while 主办/协办 and 红色 hold two characters, and
# the 承办/方式 header sets two a line. 8 mm move to 办理状态; 标题 keeps its 52. The 办理期限
# takes 2 of them back: at 22 mm 10月27日 printed as 10月27 / 日 (rendered; notice.WIDTHS).
WIDTHS = (11, 11, 52, 12, 24, 32, 14)
KINDS = ("num", "num", "text", "num", "date", "num", "num")
FILLS = {"red": "FFC7CE", "yellow": "FFEB9C"}
_COLOR_INDEX = {"white": 0, "yellow": 1, "red": 2}


def kind(data: ReminderData) -> str:
    """函 for a red unit, a plain page otherwise."""
    return "letter" if data.level == "red" else "plain"


def title(data: ReminderData) -> str:
    """关于抓紧办理代表建议的通知 / 关于督促办理逾期代表建议的函 / 关于督促加快整改问题进度的函
    (red by lag behind plan alone)."""
    t = wording.reminder_terms(data.letterhead.body, data.kind)
    if data.level != "red":
        pattern = wording.REMIND_TITLE_YELLOW
    elif any(i.color == "red" and i.lag is None for i in data.items):
        pattern = wording.REMIND_TITLE_RED
    else:
        pattern = wording.REMIND_TITLE_LAG
    return pattern.format(items=t["items"])


def file_name(data: ReminderData) -> str:
    """催办通知-{单位}-{date}.docx or 督办函-{单位}-{date}.docx; with the round's name before the
    date when the items are of another session than the run's (a unit may get two that day)."""
    form = "督办函" if data.level == "red" else "催办通知"
    where = f"-{wording.user(data.round)}" if data.round else ""
    return f"{form}-{wording.user(data.unit)}{where}-{data.issued_on.isoformat()}.docx"


def build(data: ReminderData):
    """A complete 催办通知 or 督办函."""
    return fill(page.new_document(kind(data), data.letterhead), data)


def fill(doc, data: ReminderData):
    """Write the reminder into an empty skeleton of kind(data)."""
    lh = data.letterhead
    t = wording.reminder_terms(lh.body, data.kind)
    if data.round:  # 下列整改问题（2026年部门工作评议整改）: which round's 第3号
        t = {**t, "items": wording.REMIND_ROUND_ITEMS.format(items=t["items"], round=wording.user(data.round))}
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
        w.p("BodyText", _red_body(data, items, t))
        if again:
            w.p("BodyText", _escalation(again, t))
    else:
        w.p("BodyText", _yellow_body(data, items, t))
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


def _roles(items) -> str:
    """lead, support or both: whom the unit answers (a supporter sends its opinion to the lead)."""
    roles = {i.role for i in items}
    return "both" if len(roles) > 1 else roles.pop() if roles else "lead"


def _red_body(data: ReminderData, items, t: dict[str, str]) -> str:
    """已超过规定办理期限: what the overdue rows ask, by the unit's role in them; then what the
    rows red by their lag behind plan ask (进度明显滞后于计划: catch up and report why)."""
    overdue = [i for i in items if i.color == "red" and i.lag is None]
    behind = [i for i in items if i.color == "red" and i.lag is not None]
    dated = data.reply_by is not None
    reply_by = wording.cn_date(data.reply_by) if dated else ""
    signer = data.letterhead.signer_name
    parts = []
    if overdue:
        role = _roles(overdue)
        if data.kind in wording.TRACKED_TERMS and role == "lead":  # no member to answer: done by then
            ask = wording.REMIND_RED_ASK_TRACKED[dated].format(reply_by=reply_by)
        else:
            asks = wording.REMIND_RED_ASK if dated else wording.REMIND_RED_ASK_NO_DATE
            ask = asks[role].format(member=t["member"], reply_by=reply_by)
        parts.append(wording.REMIND_BODY_RED_ROLES.format(items=t["items"], n=len(overdue), ask=ask,
                                                          signer=signer))
    if behind:
        by = wording.REMIND_LAG_BY[dated].format(reply_by=reply_by)
        pattern = wording.REMIND_BODY_RED_LAG_ALSO if overdue else wording.REMIND_BODY_RED_LAG
        parts.append(pattern.format(items=t["items"], n=len(behind), ask=by, signer=signer))
    return "".join(parts)


def _yellow_body(data: ReminderData, items, t: dict[str, str]) -> str:
    """办理期限即将届满 for the rows yellow by their due date, by the unit's role in them; 进度滞后
    于计划 for the rows yellow by their lag behind plan."""
    due = [i for i in items if i.lag is None]
    behind = [i for i in items if i.lag is not None]
    parts = []
    if due:
        role = _roles(due)
        if role == "support":
            parts.append(wording.REMIND_BODY_YELLOW_SUPPORT.format(items=t["items"]))
        elif role == "both":
            parts.append(wording.REMIND_BODY_YELLOW_BOTH.format(items=t["items"], member=t["member"]))
        else:
            parts.append(wording.REMIND_BODY_YELLOW.format(items=t["items"]))
    if behind:
        pattern = wording.REMIND_BODY_YELLOW_LAG_ALSO if due else wording.REMIND_BODY_YELLOW_LAG
        parts.append(pattern.format(items=t["items"], n=len(behind)))
    return "".join(parts)


def _escalation(again, t: dict[str, str]) -> str:
    """One sentence for the items reminded again: 第46、52号建议已第2次督办，第61号建议已第3次
    督办，请单位主要负责同志亲自过问。"""
    by_times: dict[int, list[int]] = {}
    for i in sorted(again, key=lambda i: (i.times, i.number)):
        by_times.setdefault(i.times, []).append(i.number)
    parts = [wording.REMIND_ESCALATE_PART.format(numbers="、".join(str(n) for n in dict.fromkeys(nums)),
                                                 item=t["item"], n=n) for n, nums in by_times.items()]
    return "，".join(parts) + wording.REMIND_ESCALATE_TAIL


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _order(item: ReminderItem) -> tuple[int, int]:
    return (-_COLOR_INDEX[item.color], item.number)


def _row(i: int, item: ReminderItem, labels: tuple[str, str, str]) -> list[object]:
    return [str(i), str(item.number), title_cell(wording.user(item.title), WIDTHS[2]),
            ROLE_LABELS[item.role],
            date_cell(wording.cn_date(item.due_on), WIDTHS[4]),
            wording.status_text(item.days_overdue, item.workdays_left, item.lag),
            labels[_COLOR_INDEX[item.color]]]
