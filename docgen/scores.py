"""考评结果通报 (handling-unit scores) and 评议结果通报 (department appraisal): 文件 format.

Pure builders: a record in, a Document out. Scores arrive rounded (2 places) and rates as exact
Fractions; nothing here names a proposer or a rater (背靠背, domain.md §10). docx is imported
inside page.new_document.
"""
from __future__ import annotations


from docket.docgen import page, wording
from docket.core.docdata import (  # noqa: F401  (the records live in core; re-exported)
    AppraisalReportData,
    DepartmentRow,
    GroupTally,
    ScoreReportData,
    ScoreRow,
    appraisal_report,
    score_report,
)
from docket.docgen.cells import DATE_MARGIN_TWIPS, label_cell, unit_cell
from docket.docgen.data import Letterhead
from docket.docgen.flow import Writer, _keep_next, tc_xml, tr_xml
from docket.docgen.letterhead import file_closing, file_opening, sign_off
from docket.docgen.ooxml import W, rpr_xml, twips_mm

SCORE_TITLE = "关于{year}年度{items}承办单位办理工作考评结果的通报"
SCORE_TO = "各承办单位："
SCORE_HEADINGS = ("一、考评情况", "二、考评结果", "三、有关要求")
SCORE_NEXT = (("各承办单位要对照考评结果，认真查找{items}办理工作中的薄弱环节，进一步健全办理责任制，"
               "加强与{member}的沟通联系，提高答复质量和办理实效。考评结果将作为年度目标考核的依据之一。"),)
SCORE_PRAISE = "{names}考评等次为{grade}，予以通报表扬。"
SCORE_BLAME = "{names}考评等次为{grade}，予以通报批评，请认真查找原因，切实加以改进。"
# the 办法 as a document, not as software: 《青禾县人大代表建议办理工作考评办法（2026年）》
METHOD_TITLE = "{place}{items}办理工作考评办法（{year}年）"
METHOD_ENDINGS = ("办法", "细则", "规定", "方案", "标准", "意见")
SCORE_ATTACHMENT = "{year}年度承办单位办理工作考评结果表"
APPRAISAL_TITLE = "关于{round}结果的通报"
APPRAISAL_TO = "各被评议单位："
APPRAISAL_HEADINGS = ("一、评议基本情况", "二、评议结果", "三、整改要求")
APPRAISAL_FIX = (("各被评议单位要认真对照评议中指出的问题，逐项制定整改方案，明确整改目标、措施、时限和"
                  "责任人，于本通报印发之日起3个月内将整改情况书面报告{signer}。整改情况将向社会公开，"
                  "接受人民群众监督。"),)
APPRAISAL_ATTACHMENTS = ("评议结果汇总表", "满意度测评情况统计表")
RANK_MM = 12
GROUP_MM = 20
UNRANKED = "—"
UNRANKED_GROUP = "未排名（主办件少于{n}件）"


def build(data: ScoreReportData | AppraisalReportData):
    """Either 通报, by its record."""
    return build_scores(data) if isinstance(data, ScoreReportData) else build_appraisal(data)


def kind(data: object) -> str:
    return "file"


def score_title(data: ScoreReportData) -> str:
    return SCORE_TITLE.format(year=data.year, items=wording.terms(data.letterhead.body)["items"])


def appraisal_title(data: AppraisalReportData) -> str:
    return APPRAISAL_TITLE.format(round=wording.user(data.round_name))


def file_name(data: ScoreReportData | AppraisalReportData) -> str:
    if isinstance(data, ScoreReportData):
        return f"考评结果通报-{data.year}-{data.issued_on.isoformat()}.docx"
    return f"评议结果通报-{data.round_name}-{data.issued_on.isoformat()}.docx"


def _num(x: float | None) -> str:
    return UNRANKED if x is None else f"{x:.2f}"


def _weight(w: float) -> str:
    return str(int(w)) if float(w).is_integer() else f"{w:g}"


def method_title(data: ScoreReportData) -> str:
    """The 考评办法 named as a document: the model's title when it reads as one (…办法, …细则),
    else 《青禾县人大代表建议办理工作考评办法（2026年）》 from the office's name and the year."""
    own = wording.user(data.model_title).strip("《》")
    if own.endswith(METHOD_ENDINGS):
        return f"《{own}》"
    return "《" + METHOD_TITLE.format(place=_place(data.letterhead), items=wording.terms(
        data.letterhead.body)["items"], year=data.year) + "》"


def _place(lh: Letterhead) -> str:
    """青禾县人大 / 青禾县政协 from the office's name (青禾县人大常委会办公室)."""
    name = wording.user(lh.org_name)
    for mark in ("人大", "政协"):
        i = name.find(mark)
        if i >= 0:
            return name[:i + len(mark)]
    return name


def _praise_and_blame(ranked, bands: tuple[str, ...]) -> list[str]:
    """甲、乙考评等次为优秀，予以通报表扬。 / 丙考评等次为较差，予以通报批评…: every unit named."""
    out = []
    if not bands:
        return out
    best = [r.unit for r in ranked if r.grade == bands[0]]
    if best:
        out.append(SCORE_PRAISE.format(names=wording.join_names(best), grade=bands[0]))
    worst = [r.unit for r in ranked if r.grade == bands[-1]] if len(bands) > 1 else []
    if worst:
        out.append(SCORE_BLAME.format(names=wording.join_names(worst), grade=bands[-1]))
    return out


def _by_grade(rows, bands: tuple[str, ...], name) -> list[str]:
    """优秀的有甲、乙；良好的有丙 …, by rank within each grade."""
    parts = []
    for label in bands:
        names = [name(r) for r in rows if r.grade == label]
        if names:
            parts.append(f"{label}的有{wording.join_names(names)}")
    return parts


def _two_lines(name: str) -> tuple[str, ...]:
    """A header of 4–5 characters in two lines (办理 / 时效), shorter ones as they are."""
    if len(name) <= 3:
        return (name,)
    return (name[:len(name) // 2], name[len(name) // 2:])


def _header_lines(w: Writer, tbl, heads: list[tuple[str, ...]], kinds: list[str],
                  size: float = 12) -> None:
    """Rewrite the header cells with explicit line breaks (narrow score columns); a column of
    narrow side margins has them in its header too (应到 on one line in 10 mm, not 应/到)."""
    from docket.docgen.ooxml import element

    rpr = rpr_xml(w.lh.fonts.hei, size, latin=w.lh.fonts.latin)
    tr = tbl.find(W + "tr")
    for tc, lines, kind in zip(tr.findall(W + "tc"), heads, kinds):
        p = tc.findall(W + "p")[-1]
        for r in p.findall(W + "r"):
            p.remove(r)
        w.cell_text(p, lines, rpr)
        if kind == "date":
            side = DATE_MARGIN_TWIPS
            tc.find(W + "tcPr").find(W + "vAlign").addprevious(element(
                f'<w:tcMar><w:left w:w="{side}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/>'
                "</w:tcMar>"))


def headed_table(w: Writer, heads: list[tuple[str, ...]], widths: list[float], kinds: list[str],
           rows: list[list[object]]):
    cols = [("".join(h), wd, k) for h, wd, k in zip(heads, widths, kinds)]
    tbl = w.table(cols, rows)
    _header_lines(w, tbl, heads, kinds)
    return tbl


def _group_row(w: Writer, tbl, before: int, text: str) -> None:
    """A full-width row over a group of rows (未排名（主办件少于3件）), before row `before`."""
    from docket.docgen.ooxml import element

    rows = tbl.findall(W + "tr")
    width = sum(int(g.get(W + "w")) for g in tbl.find(W + "tblGrid").findall(W + "gridCol"))
    tr = element(tr_xml(twips_mm(8)))
    tc = element(tc_xml(width, "TableText", span=len(tbl.find(W + "tblGrid"))))
    w.cell_text(tc[-1], text, rpr_xml(w.lh.fonts.hei, 12, latin=w.lh.fonts.latin))
    tr.append(tc)
    rows[before].addprevious(tr)


def _merge_down(tbl, spans: list[tuple[int, int]]) -> None:
    """The first column's cell merged down over each (first row, row count) span (vMerge), and
    the span's rows kept on one page: a department's name stands beside all its voter groups."""
    from docket.docgen.ooxml import element

    rows = tbl.findall(W + "tr")
    for first, n in spans:
        if n < 2:
            continue
        for k in range(first, first + n):
            tc = rows[k].find(W + "tc")
            tcw = tc.find(W + "tcPr").find(W + "tcW")
            tcw.addnext(element('<w:vMerge w:val="restart"/>' if k == first else "<w:vMerge/>"))
            if k < first + n - 1:
                for p in rows[k].iter(W + "p"):
                    _keep_next(p)


def build_scores(data: ScoreReportData):
    """A complete 考评结果通报."""
    lh = data.letterhead
    t = wording.terms(lh.body)
    doc = page.new_document("file", lh)
    w = Writer(doc, lh)
    title = score_title(data)
    file_opening(w, data.doc_seq, data.issued_on, title, SCORE_TO)
    h1, h2, h3 = SCORE_HEADINGS
    w.p("Heading1CN", h1)
    weights = "、".join(f"{wording.user(n)}{_weight(wt)}分" for n, wt in data.indicators)
    w.p("BodyText", f"根据{method_title(data)}，对{data.year}年度承办{t['items']}的{len(data.rows)}个单位"
        f"进行了考评。考评指标及分值为：{weights}；某项指标无数据的，按其余指标分值折算。")
    w.p("Heading1CN", h2)
    ranked = [r for r in data.rows if r.rank is not None]
    # unranked: those with a few lead items (by score) before those with none (no score)
    unranked = sorted((r for r in data.rows if r.rank is None), key=lambda r: not r.lead_items)
    # the scores themselves are in the 附件: the body counts the grades and names the units
    # praised (the best grade) and criticised (the worst), as a clerk writes it
    if ranked:
        counts = [(b, sum(r.grade == b for r in ranked)) for b in data.bands]
        spread = "、".join(f"{b}{n}个" for b, n in counts if n)
        w.p("BodyText", f"参与排名的{len(ranked)}个单位中，{spread}，各单位得分、名次和等次见附件。"
            if spread else f"参与排名的{len(ranked)}个单位的得分和名次见附件。")
        for sentence in _praise_and_blame(ranked, data.bands):
            w.p("BodyText", sentence)
    few = [r.unit for r in unranked if r.lead_items]
    none = [r.unit for r in unranked if not r.lead_items]
    if few or none:
        said = []
        if few:
            said.append(f"{wording.join_names(few)}主办{t['item']}少于{data.min_items}件，列出得分，"
                        "不参与排名，不评定等次")
        if none:
            said.append(f"{wording.join_names(none)}没有主办{t['item']}，只承担协办，不计综合得分")
        w.p("BodyText", "；".join(said) + "。")
    if not ranked:
        w.p("BodyText", "各单位得分详见附件。")
    w.p("Heading1CN", h3)
    for para in SCORE_NEXT:
        w.p("BodyText", para.format(items=t["items"], member=t["member"]))
    attachment = SCORE_ATTACHMENT.format(year=data.year)
    when = sign_off(w, [attachment], data.issued_on)
    w.attachment("附件", attachment)
    k = max(1, len(data.indicators))
    heads = [("名次",), ("承办单位",), ("主办", "件数")]
    heads += [_two_lines(wording.user(n)) + (f"{_weight(wt)}分",) for n, wt in data.indicators]
    heads += [("总分",), ("等次",)]
    # 名次 needs 11 mm to keep its two characters on one line (rendered: 名/次 at 10)
    # a score of 100.00 on one line (rendered: 100.0/0 in a 15 mm column): the score columns
    # take narrow side margins (the 'date' cell kind: centred, 0.5 mm) and 16.5 mm for 总分
    widths = [11, 28, 12] + [(156 - 11 - 28 - 12 - 16.5 - 11) / k] * len(data.indicators) + [16.5, 11]
    kinds = ["num", "text", "num"] + ["date"] * len(data.indicators) + ["num", "num"]
    rows = [[str(r.rank) if r.rank else UNRANKED, unit_cell(wording.user(r.unit), widths[1]),
             str(r.lead_items), *(_num(v) for v in r.values), _num(r.score), r.grade or UNRANKED]
            for r in ranked + unranked]
    tbl = headed_table(w, heads, widths, kinds, rows)
    if unranked:
        _group_row(w, tbl, len(ranked) + 1, UNRANKED_GROUP.format(n=data.min_items))
        w.p("FormNote", f"注：主办件少于{data.min_items}件的单位列在“未排名”之下，不参与排名，不评定等次；"
            f"没有主办件的单位不计总分。指标栏“{UNRANKED}”表示该项无数据。")
    return file_closing(doc, w, data.cc, when, title, data.issued_on)


def build_appraisal(data: AppraisalReportData):
    """A complete 评议结果通报 with the summary table and the tally table."""
    lh = data.letterhead
    doc = page.new_document("file", lh)
    w = Writer(doc, lh)
    title = appraisal_title(data)
    file_opening(w, data.doc_seq, data.issued_on, title, APPRAISAL_TO)
    h1, h2, h3 = APPRAISAL_HEADINGS
    w.p("Heading1CN", h1)
    names = [r.department for r in data.rows]
    weights = "、".join(f"{wording.user(n)}占{_weight(wt)}%" for n, wt in data.indicators)
    groups = "、".join(wording.user(g) for g, _ in data.groups)
    equal = len({wt for _, wt in data.groups}) <= 1
    gw = "各组权重相同" if equal else "权重分别为" + "、".join(
        f"{wording.user(g)}{_weight(wt)}" for g, wt in data.groups)
    # who was appraised is a neutral list (each is graded by name below)
    listed = wording.join_some(names, "个部门")
    if len(names) <= wording.NEUTRAL_MAX:
        listed += f"（共{len(names)}个部门）"
    w.p("BodyText", f"根据工作安排，对{listed}开展了"
        f"{wording.user(data.round_name)}。评议采取指标评分与满意度测评相结合的方式，{weights}。"
        f"满意度测评分{groups}{len(data.groups)}组以无记名方式进行，{gw}。")
    w.p("Heading1CN", h2)
    ranked = [r for r in data.rows if r.rank is not None]
    if ranked:
        order = "、".join(f"{wording.user(r.department)}（{_num(r.score)}分）" for r in ranked)
        w.p("BodyText", f"经综合评定，各部门综合得分依次为：{order}。")
    parts = _by_grade(data.rows, data.bands, lambda r: r.department)
    if parts:
        w.p("BodyText", "评定等次为" + "；".join(parts) + "。")
    levels = []
    for lv in ("满意", "基本满意", "不满意"):
        hit = [r.department for r in data.rows if r.level == lv]
        if hit:
            levels.append(f"{lv}的有{wording.join_names(hit)}")
    if levels:
        w.p("BodyText", "满意度测评结果为" + "；".join(levels) + "。各部门得分及测评票数详见附件。")
    w.p("Heading1CN", h3)
    for para in APPRAISAL_FIX:
        w.p("BodyText", para.format(signer=lh.signer_name))
    when = sign_off(w, list(APPRAISAL_ATTACHMENTS), data.issued_on)
    w.attachment("附件1", APPRAISAL_ATTACHMENTS[0])
    k = max(1, len(data.indicators))
    heads = [("名次",), ("被评议部门",)]
    heads += [_two_lines(wording.user(n)) + (f"{_weight(wt)}%",) for n, wt in data.indicators]
    heads += [("综合", "得分"), ("等次",)]
    # 名次 on one line (two characters and the cell margins: 12 mm; stacked 名/次 at 10 mm)
    widths = [RANK_MM, 36] + [(156 - RANK_MM - 36 - 16 - 14) / k] * len(data.indicators) + [16, 14]
    kinds = ["num", "text"] + ["num"] * len(data.indicators) + ["num", "num"]
    rows = [[str(r.rank) if r.rank else UNRANKED, unit_cell(wording.user(r.department), widths[1]),
             *(_num(v) for v in r.values), _num(r.score), r.grade or UNRANKED] for r in data.rows]
    headed_table(w, heads, widths, kinds, rows)
    w.attachment("附件2", APPRAISAL_ATTACHMENTS[1])
    heads = [("被评议部门",), ("测评组",), ("应到",), ("实到",), ("满意",), ("基本", "满意"),
             ("不满意",), ("弃权",), ("得分",), ("满意率",), ("等次",)]
    # the group column takes 常委会/组成人员 on two lines (17 mm gave 常委会/组成人/员); the
    # count and rate columns take narrow side margins (the 'date' cell kind: centred, 0.5 mm),
    # so that the 等次 column holds 基本满意 on one line (at 11 mm every row was 基本/满意)
    widths = [25, GROUP_MM, 10, 10, 10, 10, 14, 10, 13, 14.5, 19.5]
    kinds = ["text", "text"] + ["date"] * 8 + ["num"]
    tallies = []
    spans = []
    for r in data.rows:
        if r.tallies:
            spans.append((len(tallies) + 1, len(r.tallies)))
        for j, g in enumerate(r.tallies):
            tallies.append([unit_cell(wording.user(r.department), widths[0]) if j == 0 else "",
                            label_cell(wording.user(g.group), widths[1]),
                            str(g.members), str(g.present), str(g.satisfied), str(g.basic),
                            str(g.dissatisfied), str(g.abstain), _num(g.score), wording.percent(g.rate),
                            g.level or UNRANKED])
    if not tallies:
        tallies = [["无", "", "", "", "", "", "", "", "", "", ""]]
    tbl = headed_table(w, heads, widths, kinds, tallies)
    _merge_down(tbl, spans)
    w.p("FormNote", "注：得分=（满意票×满意分值+基本满意票×基本满意分值+不满意票×不满意分值）÷有效票；"
        "弃权（含不了解）不计入有效票。测评以无记名方式进行，不记录投票人。")
    return file_closing(doc, w, data.cc, when, title, data.issued_on)


__all__ = [
    "AppraisalReportData",
    "DepartmentRow",
    "GroupTally",
    "ScoreReportData",
    "ScoreRow",
    "appraisal_report",
    "build_appraisal",
    "build_scores",
    "file_name",
    "score_report",
]
