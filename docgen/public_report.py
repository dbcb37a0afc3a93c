"""向人民报告 (domain.md §14, issue 15): 文件 format like the other 通报 (documents.md §1.3), the
year's results as prose, the projects and the disclosed replies as attachments.

A pure builder: a core.docdata.PublicReportData in, a Document out. Counts and rates only; every
title arrives masked (§14); no person is named (no 附注 with a contact either). A sentence whose figure is missing is dropped.
"""
from __future__ import annotations

from docket.core.dates import from_iso
from docket.core.docdata import PublicReportData, terms
from docket.docgen import page, wording
from docket.docgen.cells import date_cell, title_cell, unit_cell
from docket.docgen.flow import Writer
from docket.docgen.letterhead import file_head

TITLE = "关于{year}年{items}办理、民生实事项目实施和整改工作情况的报告"
HEADINGS = ("一、{items}办理情况", "二、民生实事项目实施情况", "三、整改工作情况", "四、答复公开情况")
STAGE_WORDS = {"mid": "年中", "final": "年终"}
ATTACHMENTS = ("民生实事项目实施和测评情况表", "公开答复目录")
OPENING = ("现将{year}年{items}办理、民生实事项目实施和整改工作情况报告如下，接受人民群众监督。")
CLOSING = ("欢迎社会各界对上述工作提出意见和建议。{signer}将继续督促有关单位抓好落实，"
           "办理和测评结果按规定向社会公开。")
# 项目 at 38 mm: at 40 the wrap estimate (8 characters) and LibreOffice (9: …巩固提 / 升) disagreed
PROJECT_WIDTHS = (11, 38, 32, 27, 14, 17, 17)
PROJECT_KINDS = ("num", "text", "text", "date", "date", "date", "date")
# 类别 as its code (A, B, ...: the labels are sentences); 2026年 / 7月31日 at 27 mm
REPLY_WIDTHS = (11, 14, 62, 30, 12, 27)
REPLY_KINDS = ("num", "num", "text", "text", "text", "date")
NONE = "—"


def kind(data: object) -> str:
    return "file"


def title(data: PublicReportData) -> str:
    return TITLE.format(year=data.year, items=terms(data.letterhead.body)["items"])


def file_name(data: PublicReportData) -> str:
    """向人民报告-{YYYY}-{YYYY-MM-DD}.docx."""
    return f"向人民报告-{data.year}-{data.issued_on.isoformat()}.docx"


def items_text(data: PublicReportData) -> list[str]:
    t = terms(data.letterhead.body)
    when = wording.cn_date(data.as_of)
    if not data.assigned:
        return [f"截至{when}，{wording.user(data.session)}尚无交办的{t['items']}。"]
    first = f"截至{when}，{wording.user(data.session)}共交办{t['items']}{data.assigned}件，已答复{data.replied}件"
    if data.reply_rate is not None:
        first += f"，答复率{wording.percent(data.reply_rate)}"
    out = [first + "。"]
    if data.evaluated:
        said = (f"{t['member']}对{data.evaluated}件答复作出评价，满意{data.satisfied}件、基本满意{data.basic}件、"
                f"不满意{data.dissatisfied}件")
        if data.satisfaction_rate is not None:
            said += f"，满意率{wording.percent(data.satisfaction_rate)}"
        out.append(said + "。")
    if data.solved_rate is not None:
        out.append(f"所提问题已经解决或基本解决的（A类）{data.solved}件，占已答复件数的"
                   f"{wording.percent(data.solved_rate)}。")
    return out


def projects_text(data: PublicReportData) -> list[str]:
    if not data.project_round:
        return ["本年度尚未开展民生实事项目票决。"]
    n = len(data.projects)
    if not n:
        return [f"{wording.user(data.project_round)}尚无入选项目。"]
    # the public reads which projects were chosen and how many are done, not only a count
    names = wording.join_names([f"“{wording.user(p.title)}”" for p in data.projects])
    done = sum(p.progress == 100 for p in data.projects)
    out = [f"{wording.user(data.project_round)}经代表票决产生{n}个项目（名额{data.places}个）：{names}。"
           + (f"已完成{done}个，" if done else "") + "各项目实施进度和测评结果见附件1。"]
    tests = [(s, r, k) for s, r, k in data.project_tests if k and r is not None]
    for stage, rate, k in tests:
        out.append(f"{STAGE_WORDS[stage]}满意度测评{k}个项目，总体满意率（满意和基本满意票占有效票的比例）为"
                   f"{wording.percent(rate)}。")
    if not tests:
        out.append("满意度测评尚未开展。")
    return out


def rectify_text(data: PublicReportData) -> list[str]:
    if not data.rectify_round:
        return ["本年度未开展整改工作。"]
    name = wording.user(data.rectify_round)
    if not data.rectify_total:
        return [f"{name}尚未列入整改问题。"]
    first = f"{name}共列入整改问题{data.rectify_total}个，已整改{data.rectify_done}个"
    if data.rectify_completion is not None:
        first += f"，整改完成率{wording.percent(data.rectify_completion)}"
    rest = []
    if data.rectify_on_time is not None:  # counts beside every rate (documents.md §4)
        rest.append(f"按期整改{data.rectify_on_time_count}个，按期整改率{wording.percent(data.rectify_on_time)}")
    if data.rectify_recheck is not None:
        rest.append(f"已复查{data.rectify_rechecked}个，复查通过{data.rectify_recheck_passed}个，"
                    f"复查通过率{wording.percent(data.rectify_recheck)}")
    if data.rectify_accountability:
        rest.append(f"启动问责{data.rectify_accountability}个")
    return [first + ("；" + "；".join(rest) if rest else "") + "。"]


def replies_text(data: PublicReportData) -> list[str]:
    t = terms(data.letterhead.body)
    if not data.replies:
        return [f"本年度暂无公开的{t['item']}答复。"]
    out = [f"经审核，{len(data.replies)}件{t['items']}的答复依法向社会公开，目录见附件2；"
           f"涉及个人信息的内容已作脱敏处理。"]
    labels = dict.fromkeys((r.class_code, r.class_label) for r in data.replies if r.class_code and r.class_label)
    if labels:
        out.append("答复类别：" + "；".join(f"{c}类为{wording.user(lb)}" for c, lb in sorted(labels)) + "。")
    return out


def _date(iso: str | None, col_mm: float) -> object:
    """2026年3月9日 (documents.md §4: never 2026-03-09), broken after 年 where narrow."""
    return date_cell(wording.cn_date(from_iso(iso)), col_mm) if iso else NONE


def build(data: PublicReportData):
    """A complete 向人民报告."""
    lh = data.letterhead
    doc = page.new_document("file", lh)
    w = Writer(doc, lh)
    t = terms(lh.body)
    head = title(data)
    file_head(w, wording.doc_number(lh.doc_prefix, data.issued_on.year, data.doc_seq))
    w.empty(2)
    w.title(head)
    w.empty()
    w.p("BodyText", OPENING.format(year=data.year, items=t["items"]))
    h1, h2, h3, h4 = (h.format(items=t["items"]) for h in HEADINGS)
    for heading, paras in ((h1, items_text(data)), (h2, projects_text(data)), (h3, rectify_text(data)),
                           (h4, replies_text(data))):
        w.p("Heading1CN", heading)
        for para in paras:
            w.p("BodyText", para)
    w.p("BodyText", CLOSING.format(signer=lh.signer_name))
    w.empty()
    w.attachment_note(list(ATTACHMENTS))
    w.empty(2)
    when = wording.cn_date(data.issued_on)
    # no 附注: a clerk's name and phone are personal data (domain.md §14), and the public writes
    # to the office; the 署名 page starts with a sentence, not mid-name (…人大常 / 委会…: rendered)
    w.signature(lh.signer_name, when, whole_sentences=True)
    w.attachment("附件1", ATTACHMENTS[0])
    heads = ("编号", "项目", "牵头单位", "办理期限", "进度", "年中满意率", "年终满意率")
    rows = [[str(p.number), title_cell(wording.user(p.title), PROJECT_WIDTHS[1]), unit_cell(wording.user(p.lead_unit), PROJECT_WIDTHS[2]),
             date_cell(wording.cn_date(p.due_on), PROJECT_WIDTHS[3]) if p.due_on else NONE,
             NONE if p.progress is None else f"{p.progress}%",
             wording.percent(p.mid) if p.mid is not None else NONE,
             wording.percent(p.final) if p.final is not None else NONE] for p in data.projects]
    w.keep_rows(w.table(list(zip(heads, PROJECT_WIDTHS, PROJECT_KINDS)), rows or [["", "无", "", "", "", "", ""]]))
    w.attachment("附件2", ATTACHMENTS[1])
    heads = ("序号", "编号", "标题", "主办单位", "类别", "答复日期")
    rows = [[str(i), str(r.number), title_cell(wording.user(r.title), REPLY_WIDTHS[2]), unit_cell(wording.user(r.unit), REPLY_WIDTHS[3]),
             wording.user(r.class_code), _date(r.replied_on, REPLY_WIDTHS[5])]
            for i, r in enumerate(data.replies, 1)]
    w.keep_rows(w.table(list(zip(heads, REPLY_WIDTHS, REPLY_KINDS)), rows or [["", "", "无", "", "", ""]]))
    w.colophon(data.cc, lh.signer_name, when)
    page.set_core(doc, title=head, author=lh.signer_name, on=data.issued_on)
    return doc
