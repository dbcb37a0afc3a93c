"""The 版头 of the 文件 and 函 formats (documents.md §1.3–1.4) and the 附注 line."""
from __future__ import annotations

from datetime import date
from math import floor

from docket.docgen import page, wording
from docket.docgen.data import Letterhead
from docket.docgen.flow import Writer
from docket.docgen.ooxml import border_xml


RED_LINE_SPACE = 5  # pt between the 文号's line and the red line


def mark_scale(text: str, size: float = 42, room_pt: float = 440) -> int | None:
    """Character width % that fits the 标志 on one line: ⌊44000/(n×42)⌋, at least 60."""
    n = wording.text_width(text)
    if n * size <= room_pt:
        return None
    return max(60, floor(room_pt * 100 / (n * size)))


def file_head(w: Writer, doc_no: str) -> None:
    """标志 (red, 42 pt, condensed to fit), two empty lines, 发文字号 with the red rule."""
    lh = w.lh
    mark = wording.user(lh.mark_text)
    scale = mark_scale(mark)
    if scale is None:
        w.p("Mark", mark)
    else:
        rpr = w.rpr(lh.fonts.title, 42, color=lh.red, width=scale, snap_off=True)
        w.p("Mark", segments=[(mark, rpr)])
    w.empty(2)
    # the red line is that paragraph's bottom border, 4 mm below the 文号 (§7.2.7): a space of
    # 11 pt measured 6.2 mm at 200 dpi (the exact 28.95 pt line leaves room under the glyphs)
    w.p("DocNo", doc_no, pBdr=border_xml(bottom=("single", 12, RED_LINE_SPACE, lh.red)))


def letter_head(w: Writer, doc_no: str) -> None:
    """函: the 发文字号 flush right on body line 1 (the 标志 is in the first-page header)."""
    w.p("DocNo", doc_no, jc='<w:jc w:val="right"/>')


def remark(lh: Letterhead) -> str:
    """（联系人：李红，联系电话：0839-6212345）, or '' without either."""
    parts = []
    if lh.contact:
        parts.append("联系人：" + wording.user(lh.contact))
    if lh.phone:
        parts.append("联系电话：" + wording.user(lh.phone))
    return "（" + "，".join(parts) + "）" if parts else ""


# -- the frame every 文件-format 通报 shares (circular, rectify_circular, scores, projects) --------

def file_opening(w: Writer, doc_seq: int, issued_on: date, title: str, to: str) -> None:
    """版头 with the 文号 of `doc_seq`, the title and the 主送 line."""
    lh = w.lh
    file_head(w, wording.doc_number(lh.doc_prefix, issued_on.year, doc_seq))
    w.empty(2)
    w.title(title)
    w.empty()
    w.p("Addressee", to)


def sign_off(w: Writer, attachments: list[str], issued_on: date) -> str:
    """附件说明, the 落款 with the 附注; the date as written (the 版记 repeats it)."""
    w.empty()
    w.attachment_note(attachments)
    w.empty(2)
    when = wording.cn_date(issued_on)
    w.signature(w.lh.signer_name, when, remark(w.lh))
    return when


def file_closing(doc, w: Writer, cc: tuple[str, ...], when: str, title: str, issued_on: date):
    """The 版记 and the file's properties; the document."""
    w.colophon(cc, w.lh.signer_name, when)
    page.set_core(doc, title=title, author=w.lh.signer_name, on=issued_on)
    return doc
