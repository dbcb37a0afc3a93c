"""The cover letter of a unit's 办理情况反馈表 (issue 18, `docket packet --letter`): a 函 of the 函
series, with the letterhead, 文号, signature and contact line every 函 has (docgen/reminder.py's
督办函 is the model)."""
from __future__ import annotations

from docket.docgen import page, wording
from docket.core.docdata import PacketLetterData
from docket.docgen.flow import Writer
from docket.docgen.letterhead import letter_head, remark


def kind(data: PacketLetterData) -> str:
    """Always a 函 (the skeleton with the 标志 in the first-page header)."""
    return "letter"


def title(data: PacketLetterData) -> str:
    """关于填报代表建议办理情况反馈表的函."""
    return wording.PACKET_LETTER_TITLE.format(items=wording.terms(data.letterhead.body)["items"])


def file_name(data: PacketLetterData) -> str:
    """反馈表函-{单位}-{date}.docx."""
    return wording.PACKET_LETTER_FILE.format(unit=wording.user(data.unit), date=data.issued_on.isoformat())


def build(data: PacketLetterData):
    """A complete cover letter."""
    return fill(page.new_document(kind(data), data.letterhead), data)


def fill(doc, data: PacketLetterData):
    lh = data.letterhead
    t = wording.terms(lh.body)
    w = Writer(doc, lh)
    letter_head(w, wording.doc_number(lh.letter_series, data.issued_on.year, data.letter_seq))
    w.empty(2)
    doc_title = title(data)
    w.title(doc_title)
    w.empty()
    w.p("Addressee", wording.user(data.unit) + "：")
    split = "both" if data.leads and data.supports else "lead" if data.leads else "support"
    w.p("BodyText", wording.PACKET_LETTER_BODY.format(
        items=t["items"], serial=data.packet_serial, rows=data.leads + data.supports, member=t["member"],
        split=wording.PACKET_LETTER_SPLIT[split].format(leads=data.leads, supports=data.supports)))
    w.p("BodyText", wording.PACKET_LETTER_RETURN.format(file=wording.user(data.packet_file)))
    w.empty(2)
    w.signature(lh.signer_name, wording.cn_date(data.issued_on), remark(lh))
    page.set_core(doc, title=doc_title, author=lh.signer_name, on=data.issued_on)
    return doc
