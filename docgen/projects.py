"""民生实事项目票决和实施情况通报 (domain.md §13): 文件 format, as the 评议结果通报.

A pure builder: a core.docdata.ProjectReportData in, a Document out. Ballots and tests are
counts only (无记名); rates arrive as exact Fractions. docx is imported inside page.new_document.
"""
from __future__ import annotations

from docket.core.docdata import ProjectReportData, ProjectRow
from docket.core.numbers import half_up
from docket.docgen import page, wording
from docket.docgen.cells import date_cell, title_cell, unit_cell
from docket.docgen.flow import Writer
from docket.docgen.letterhead import file_closing, file_opening, sign_off
from docket.docgen.scores import headed_table

TITLE = "关于{round}票决和实施情况的通报"
TO = "各项目牵头单位："
HEADINGS = ("一、票决情况", "二、实施情况", "三、满意度测评情况", "四、有关要求")
BASE_WORDS = {"all": "全体代表", "present": "出席代表", "valid": "有效票"}
RESULT_WORDS = {"adopted": "入选", "not_adopted": "未入选", "revote": "待再次表决", None: "未表决"}
COLOR_WORDS = {"white": "正常", "yellow": "滞后", "red": "严重滞后"}
STAGE_WORDS = {"mid": "年中", "final": "年终"}
NEXT = (("各项目牵头单位要按照确定的目标、节点和时限，细化实施方案，每月报送项目进度；进度滞后的项目要"
         "查找原因，倒排工期，确保按期完成。{signer}将继续组织代表开展监督，测评结果向社会公开，"
         "接受人民群众监督。"),)
ATTACHMENTS = ("民生实事项目票决结果表", "民生实事项目实施和测评情况表")
NONE = "—"


def kind(data: object) -> str:
    return "file"


def title(data: ProjectReportData) -> str:
    return TITLE.format(round=wording.user(data.round_name))


def file_name(data: ProjectReportData) -> str:
    return f"民生实事项目通报-{data.round_name}-{data.issued_on.isoformat()}.docx"


def _count(x: int | None) -> str:
    return NONE if x is None else str(x)


def _money(x: float | None) -> str:
    return NONE if x is None else (str(int(x)) if float(x).is_integer() else f"{x:g}")


def _names(rows: list[ProjectRow]) -> str:
    return wording.join_names([f"“{wording.user(r.title)}”" for r in rows])


def _ballot_text(data: ProjectReportData) -> list[str]:
    out = []
    n = len(data.rows)
    for k, (members, present, valid, base, need) in enumerate(data.ballots):
        first = "对" + f"{n}个候选项目进行了无记名投票表决" if k == 0 else "对末位同票的项目再次进行了表决"
        out.append(f"{'' if k == 0 else '随后，'}{first}。应到代表{members}名，出席{present}名，收回有效票{valid}张；"
                   f"赞成票超过{BASE_WORDS.get(base, base)}的规定比例（{need}票）为通过。")
    adopted = [r for r in data.rows if r.result == "adopted"]
    tied = [r for r in data.rows if r.result == "revote"]
    said = f"名额{data.places}个，经票决，{_names(adopted)}共{len(adopted)}个项目入选" if adopted else \
        f"名额{data.places}个，经票决，没有项目入选"
    if len(adopted) < data.places and not tied:
        said += f"，尚有{data.places - len(adopted)}个名额空缺"
    out.append(said + "。")
    if tied:
        out.append(f"{_names(tied)}赞成票相同，并列末位，待再次表决。")
    return out


def _progress_text(data: ProjectReportData) -> list[str]:
    tracked = [r for r in data.rows if r.lead_unit]
    adopted = [r for r in data.rows if r.result == "adopted"]
    if not tracked:
        return [f"入选的{len(adopted)}个项目尚未交办。" if adopted else "暂无入选项目。"]
    when = wording.cn_date(data.issued_on)
    out = [f"截至{when}，入选的{len(adopted)}个项目中已交办{len(tracked)}个，各项目进度见附件2。"]
    for color in ("red", "yellow"):
        hit = [r for r in tracked if r.color == color]
        if hit:
            out.append(f"{_names(hit)}{COLOR_WORDS[color]}，请牵头单位抓紧推进。")
    if all(r.color == "white" for r in tracked):
        out.append("各项目均按计划推进。")
    return out


def _test_text(data: ProjectReportData) -> list[str]:
    out = []
    for stage, rate, n in data.overall:
        if not n:
            continue
        rates = [getattr(r, stage) for r in data.rows if getattr(r, stage) is not None]
        low = min(rates) if rates else None
        out.append(f"{STAGE_WORDS[stage]}测评{n}个项目，总体满意率（满意和基本满意票占有效票的比例）为"
                   f"{wording.percent(rate)}，最低的项目为{wording.percent(low)}。")
    return out or ["满意度测评尚未开展。"]


def build(data: ProjectReportData):
    """A complete 通报 with the ballot table and the progress and test table."""
    lh = data.letterhead
    doc = page.new_document("file", lh)
    w = Writer(doc, lh)
    head = title(data)
    file_opening(w, data.doc_seq, data.issued_on, head, TO)
    h1, h2, h3, h4 = HEADINGS
    w.p("Heading1CN", h1)
    for para in _ballot_text(data):
        w.p("BodyText", para)
    w.p("Heading1CN", h2)
    for para in _progress_text(data):
        w.p("BodyText", para)
    w.p("Heading1CN", h3)
    for para in _test_text(data):
        w.p("BodyText", para)
    w.p("Heading1CN", h4)
    for para in NEXT:
        w.p("BodyText", para.format(signer=lh.signer_name))
    when = sign_off(w, list(ATTACHMENTS), data.issued_on)
    w.attachment("附件1", ATTACHMENTS[0])
    heads = [("编号",), ("项目",), ("牵头单位",), ("预算", "万元"), ("赞成",), ("反对",), ("弃权",), ("名次",),
             ("结果",)]
    # 结果 holds 待再次表决 on one line (at 13 mm 未入选 broke into 未入/选)
    widths = [11, 32, 26, 15, 12, 12, 12, 12, 24]
    kinds = ["num", "text", "text", "date", "date", "date", "date", "num", "num"]
    rows = [[str(r.number), title_cell(wording.user(r.title), widths[1]), unit_cell(wording.user(r.unit), widths[2]),
             _money(r.budget),
             _count(r.yes), _count(r.no), _count(r.abstain), _count(r.rank), RESULT_WORDS.get(r.result, NONE)]
            for r in data.rows]
    w.keep_rows(headed_table(w, heads, widths, kinds, rows))
    w.attachment("附件2", ATTACHMENTS[1])
    heads = [("编号",), ("项目",), ("牵头单位",), ("办理期限",), ("进度",), ("计划",), ("年中", "满意率"),
             ("年终", "满意率")]
    # 86.2% on one line (86.2/% at 14 mm); a date breaks after 年 as in every table (documents.md §1.5)
    widths = [11, 30, 26, 27, 14, 14, 17, 17]
    kinds = ["num", "text", "text", "date", "date", "date", "date", "date"]
    adopted = [r for r in data.rows if r.result == "adopted"]
    rows = [[str(r.number), title_cell(wording.user(r.title), widths[1]),
             unit_cell(wording.user(r.lead_unit or r.unit), widths[2]),
             date_cell(wording.cn_date(r.due_on), widths[3]) if r.due_on else NONE,
             f"{r.progress}%" if r.progress is not None else NONE,
             f"{half_up(r.planned, 1)}%" if r.planned is not None else NONE,
             wording.percent(r.mid), wording.percent(r.final)] for r in adopted]
    if not rows:
        rows = [["无", "", "", "", "", "", "", ""]]
    w.keep_rows(headed_table(w, heads, widths, kinds, rows), then=True)  # the 注 stays with it
    w.p("FormNote", "注：计划进度按交办日至办理期限（有节点的按节点）逐日推进；满意率=（满意票+基本满意票）÷有效票，"
        "弃权不计入有效票。测评以无记名方式进行，不记录投票人。")
    return file_closing(doc, w, data.cc, when, head, data.issued_on)
