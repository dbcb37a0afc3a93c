"""征询意见表 (documents.md §3.5): one page, a 4-column table with tick boxes, a note.

No 版头 and no 文号; the unit prints it and sends it with its reply.
"""
from __future__ import annotations

from docket.docgen import page, wording
from docket.docgen.cells import label_cell, list_cell, split_after
from docket.docgen.data import FormData
from docket.docgen.flow import Writer, tbl_xml, tc_xml, tr_xml
from docket.docgen.ooxml import element, rpr_xml, twips_mm

WIDTHS_MM = (32, 46, 32, 46)
BOX = "□"
GAP = "\u3000\u3000"
SIZE = 14


def kind(data: FormData) -> str:
    """The page kind: plain."""
    return "plain"


def title(data: FormData) -> str:
    """代表建议办理情况征询意见表 / 提案办理情况征询意见表."""
    return wording.FORM_TITLE.get(data.letterhead.body, wording.FORM_TITLE["npc"])


def file_name(data: FormData) -> str:
    """征询意见表-{编号}-{姓名}.docx."""
    return f"征询意见表-{data.number}-{wording.user(data.rater or data.proposer)}.docx"


def boxes(levels: tuple[str, ...]) -> str:
    """□满意　　□基本满意　　□不满意."""
    return GAP.join(BOX + level for level in levels)


def build(data: FormData):
    """A complete form."""
    return fill(page.new_document("plain", data.letterhead), data)


def fill(doc, data: FormData):
    """Write the form into an empty plain skeleton."""
    lh = data.letterhead
    t = wording.terms(lh.body)
    w = Writer(doc, lh)
    doc_title = title(data)
    w.title(doc_title)
    w.empty()
    widths = [twips_mm(x) for x in WIDTHS_MM]
    widths[-1] += 8844 - sum(widths)
    tbl = element(tbl_xml(tuple(widths)))
    label_rpr = rpr_xml(lh.fonts.hei, SIZE, latin=lh.fonts.latin)
    value_rpr = rpr_xml(lh.fonts.body, SIZE, latin=lh.fonts.latin)
    levels = wording.FORM_LEVELS + tuple(wording.user(x) for x in data.extra_levels)
    item_label = t["item"]
    rows: list[tuple] = [
        ((f"{item_label}编号", f"第{data.number}号"), ("类别", wording.user(data.category))),
        ((f"{item_label}标题", wording.user(data.title)),),
        ((t["proposer"], wording.user(data.proposer)),
         (t["cosigners"], list_cell([wording.user(x) for x in data.co_signers], WIDTHS_MM[3],
                                    SIZE))),
        (("主办单位", wording.user(data.lead_unit)),
         ("协办单位", list_cell([wording.user(x) for x in data.support_units], WIDTHS_MM[3],
                               SIZE))),
        (("答复日期", wording.cn_date(data.replied_on) if data.replied_on else ""),
         ("答复文号", split_after(wording.user(data.reply_no), "〕", WIDTHS_MM[3], SIZE))),
    ]
    if data.contacted:
        rows.append((("办理前是否与您联系", boxes(("是", "否"))),))
    if data.dimensions >= 2:
        rows.append((("对办理态度的评价", boxes(levels)),))
        rows.append((("对办理结果的评价", boxes(levels)),))
    else:
        rows.append((("对办理情况的评价", boxes(levels)),))
    rows.append((("意见和建议", ""),))
    rows.append(((f"{t['member']}签名", ""), ("填表日期", "\u3000\u3000年\u3000\u3000月\u3000\u3000日")))
    for cells in rows:
        tall = cells[0][0] == "意见和建议"
        tr = element(tr_xml(twips_mm(60 if tall else 12)))
        col = 0
        for label, value in cells:
            lab = element(tc_xml(widths[col], "TableNum"))
            w.cell_text(lab[-1], label_cell(label, WIDTHS_MM[col], SIZE), label_rpr)
            tr.append(lab)
            span = 3 if len(cells) == 1 else 1
            width = sum(widths[col + 1:col + 1 + span])
            val = element(tc_xml(width, "TableText", span=span))
            w.cell_text(val[-1], value, value_rpr)
            tr.append(val)
            col += 1 + span
        tbl.append(tr)
    w.add(tbl)
    # a return date already past (a form printed late, or again) would ask the impossible
    when = (f"请于{wording.cn_date(data.return_by)}前"
            if data.return_by and data.return_by >= data.issued_on else "请于收到本表后及时")
    parts = [p for p in (f"联系人：{wording.user(lh.contact)}" if lh.contact else "",
                         f"电话：{wording.user(lh.phone)}" if lh.phone else "") if p]
    contact = "（" + "，".join(parts) + "）" if parts else ""
    w.p("FormNote", wording.FORM_NOTE.format(when=when, signer=lh.signer_name, contact=contact))
    page.set_core(doc, title=doc_title, author=lh.signer_name, on=data.issued_on)
    return doc

