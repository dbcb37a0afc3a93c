"""征询意见表 (documents.md §3.5): one sheet, a 4-column table with tick boxes, a note.

No 版头, no 文号 and no page number: the unit prints it and sends it with its reply. The form
always fits one page (rendered with LibreOffice): a cell takes at most two lines of a 17 pt
pitch, which a 12 mm row holds (the title and the 协办单位 three); a long list or name is set
smaller (at a pitch in proportion), the 答复文号 is set on one line (smaller if need be, never broken), and a title over
three lines is cut with “……”.
"""
from __future__ import annotations

import math

from docket.docgen import page, wording
from docket.docgen.cells import cell_width, label_cell, list_cell, unit_cell
from docket.docgen.data import FormData
from docket.docgen.flow import Writer, tbl_xml, tc_xml, tr_xml
from docket.docgen.ooxml import W, element, rpr_xml, twips_mm

# label · value · label · value: the right labels are all 4 characters (联名代表, 答复文号),
# so their column gives room to the values (县财政局、县自然资源局 on two lines at most)
WIDTHS_MM = (32, 46, 24, 54)
BOX = "□"
GAP = "\u3000\u3000"
SIZE = 14
SIZES = (14, 13, 12, 11, 10.5)      # a cell too full for two lines is set smaller, to 五号
NUMBER_MIN = 10.5                   # the 答复文号's smallest size (五号)
LINE_TWIPS = 340                    # 17 pt at 14 pt (smaller type, a pitch in proportion)
CELL_PT = 34.0                      # what a 12 mm row holds: two lines of 14 pt
TALL_PT = 51.0                      # the title and the 协办单位: three lines of 14 pt
ROW_MM = 12
REMARKS_MM = 60
ELLIPSIS = "……"
# the page budget of remarks_mm, in points: the text block (225 mm), the title line (28.95) and
# the half line under it, a border a row, the note's space before, and one line kept spare
PAGE_PT = 225 * 72 / 25.4
TITLE_PT = 28.95
GAP_PT = 14.0
BORDER_PT = 1.0
NOTE_BEFORE_PT = 6.0
SPARE_PT = 28.95
TEXT_MM = 156
_SPACING = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact"/>'
_MARGIN_MM = 1.0                    # the table's side margins (cells.CELL_MARGIN_MM)


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


def _room(col_mm: float, size: float) -> float:
    """The width in em a column leaves for text at size."""
    return (col_mm - 2 * _MARGIN_MM) * 72 / 25.4 / size


def lines(value: object, col_mm: float, size: float) -> int:
    """How many lines a cell value takes (a tuple is broken already; text wraps)."""
    if isinstance(value, tuple):
        return sum(lines(v, col_mm, size) for v in value)
    return max(1, math.ceil(cell_width(str(value)) / _room(col_mm, size) - 1e-9))


def pitch_twips(size: float) -> int:
    """The line pitch of cell text at size: 17 pt at 14 pt, in proportion below."""
    return round(LINE_TWIPS * size / SIZE)


def height(value: object, col_mm: float, size: float) -> float:
    """The height in points a cell value takes."""
    return lines(value, col_mm, size) * pitch_twips(size) / 20


def fit(make, col_mm: float, room_pt: float = CELL_PT) -> tuple[object, float]:
    """(value, size): make(size) at the largest of SIZES whose lines take at most room_pt."""
    for size in SIZES:
        value = make(size)
        if height(value, col_mm, size) <= room_pt + 0.01:
            return value, size
    return value, size


def number_cell(text: str, col_mm: float) -> tuple[object, float]:
    """A 文号 never wraps (青建函〔2026〕/17号 read as two numbers): one run, at 14 pt or the
    size that fits the column, down to 五号. A prefix too long even then (a unit's full name)
    goes on a line of its own, and 函〔2026〕116号 stays whole on the next."""
    width = cell_width(text)
    room_pt = (col_mm - 2 * _MARGIN_MM) * 72 / 25.4
    if not width or width * SIZE <= room_pt:
        return text, SIZE
    size = math.floor(room_pt / width * 2) / 2
    if size >= NUMBER_MIN:
        return text, size
    i = text.find("〔")
    if i < 2:
        return text, NUMBER_MIN
    head, tail = text[:i - 1], text[i - 1:]
    size = math.floor(room_pt / max(cell_width(head), cell_width(tail)) * 2) / 2
    return (head, tail), max(NUMBER_MIN, min(SIZE, size))


def names_cell(names: list[str], col_mm: float, measure: str,
               room_pt: float = CELL_PT) -> tuple[object, float]:
    """A list of names in room_pt: set smaller first; only then the first names and 等N人 /
    等N个单位."""
    value, size = fit(lambda s: list_cell(names, col_mm, s), col_mm, room_pt)
    if height(value, col_mm, size) <= room_pt + 0.01:
        return value, size
    for k in range(len(names) - 1, 0, -1):
        tail = f"等{len(names)}{measure}"
        value = list_cell(names[:k - 1] + [names[k - 1] + tail], col_mm, size)
        if height(value, col_mm, size) <= room_pt + 0.01:
            return value, size
    return value, size


def cut_title(text: str, col_mm: float, size: float = SIZE, room_pt: float = TALL_PT) -> str:
    """The title whole if it fits room_pt (three lines); else its head, “……” and its ending
    (…的建议), to fit: the form names the item, its number says which."""
    most = int(room_pt * 20 // pitch_twips(size))
    # a line is seldom filled to the last em (no punctuation may start one): keep 1 em spare
    room = (_room(col_mm, size) - 1) * most
    if cell_width(text) <= room:
        return text
    cut = text.rfind("的")
    tail = text[cut:] if 0 < cut and len(text) - cut <= 6 else ""
    budget = room - cell_width(ELLIPSIS + tail)
    head = text[:len(text) - len(tail)]
    while head and cell_width(head) > budget:
        head = head[:-1]
    return head.rstrip("，、；：,;: ") + ELLIPSIS + tail


def build(data: FormData):
    """A complete form."""
    return fill(page.new_document("plain", data.letterhead), data)


def fill(doc, data: FormData):
    """Write the form into an empty plain skeleton."""
    lh = data.letterhead
    t = wording.terms(lh.body)
    _no_page_number(doc)
    w = Writer(doc, lh)
    doc_title = title(data)
    w.title(doc_title)
    # half a line between the title and the table (a whole empty line cost the sheet)
    w.add(element('<w:p><w:pPr><w:pStyle w:val="Normal"/><w:snapToGrid w:val="0"/>'
                  f'<w:spacing w:before="0" w:after="0" w:line="{round(GAP_PT * 20)}" w:lineRule="exact"/>'
                  '</w:pPr></w:p>'))
    widths = [twips_mm(x) for x in WIDTHS_MM]
    widths[-1] += 8844 - sum(widths)
    tbl = element(tbl_xml(tuple(widths)))
    label_rpr = rpr_xml(lh.fonts.hei, SIZE, latin=lh.fonts.latin)
    levels = wording.FORM_LEVELS + tuple(wording.user(x) for x in data.extra_levels)
    item_label = t["item"]
    wide = sum(WIDTHS_MM[1:])
    left, right = WIDTHS_MM[1], WIDTHS_MM[3]
    plain = (lambda text, col: fit(lambda s: text, col))
    rows: list[tuple] = [
        ((f"{item_label}编号", (f"第{data.number}号", SIZE)),
         ("类别", plain(wording.user(data.category), right))),
        # the title at 14 pt, cut if need be (not shrunk): the first size always fits
        ((f"{item_label}标题", (cut_title(wording.user(data.title), wide), SIZE)),),
        ((t["proposer"], plain(wording.user(data.proposer), left)),
         (t["cosigners"], names_cell([wording.user(x) for x in data.co_signers if wording.user(x)],
                                     right, "人"))),
        (("主办单位", fit(lambda s: unit_cell(wording.user(data.lead_unit), left, s), left)),
         # the units asked to act are named in full: their cell may take a third line
         ("协办单位", names_cell([wording.user(x) for x in data.support_units if wording.user(x)],
                                right, "个单位", TALL_PT))),
        (("答复日期", (wording.cn_date(data.replied_on) if data.replied_on else "", SIZE)),
         ("答复文号", number_cell(wording.user(data.reply_no), right))),
    ]
    if data.contacted:
        rows.append((("办理前是否与您联系", (boxes(("是", "否")), SIZE)),))
    if data.dimensions >= 2:
        rows.append((("对办理态度的评价", (boxes(levels), SIZE)),))
        rows.append((("对办理结果的评价", (boxes(levels), SIZE)),))
    else:
        rows.append((("对办理情况的评价", (boxes(levels), SIZE)),))
    rows.append((("意见和建议", ("", SIZE)),))
    rows.append(((f"{t['member']}签名", ("", SIZE)),
                 ("填表日期", ("\u3000\u3000年\u3000\u3000月\u3000\u3000日", SIZE))))
    # a return date already past (a form printed late, or again) would ask the impossible
    when = (f"请于{wording.cn_date(data.return_by)}前"
            if data.return_by and data.return_by >= data.issued_on else "请于收到本表后及时")
    parts = [p for p in (f"联系人：{wording.user(lh.contact)}" if lh.contact else "",
                         f"电话：{wording.user(lh.phone)}" if lh.phone else "") if p]
    contact = "（" + "，".join(parts) + "）" if parts else ""
    note = wording.FORM_NOTE.format(when=when, signer=lh.signer_name, contact=contact)
    remarks = remarks_mm(rows, note)
    for cells in rows:
        tall = cells[0][0] == "意见和建议"
        tr = element(tr_xml(twips_mm(remarks if tall else ROW_MM)))
        col = 0
        for label, (value, size) in cells:
            lab = element(tc_xml(widths[col], "TableNum"))
            w.cell_text(lab[-1], label_cell(label, WIDTHS_MM[col], SIZE), label_rpr)
            _pitch(lab[-1], SIZE)
            tr.append(lab)
            span = 3 if len(cells) == 1 else 1
            width = sum(widths[col + 1:col + 1 + span])
            val = element(tc_xml(width, "TableText", span=span))
            w.cell_text(val[-1], value, rpr_xml(lh.fonts.body, size, latin=lh.fonts.latin))
            _pitch(val[-1], size)
            tr.append(val)
            col += 1 + span
        tbl.append(tr)
    w.add(tbl)
    w.p("FormNote", note, spacing=_SPACING.replace('w:before="0"', 'w:before="120"'))
    page.set_core(doc, title=doc_title, author=lh.signer_name, on=data.issued_on)
    return doc


def remarks_mm(rows: list[tuple], note: str) -> float:
    """The 意见和建议 row's height: what the sheet leaves once the other rows, the title and the
    note are set, less a line kept spare (renderers differ); at least REMARKS_MM."""
    used = TITLE_PT + GAP_PT
    for cells in rows:
        if cells[0][0] == "意见和建议":
            continue
        col, tallest = 0, CELL_PT
        for label, (value, size) in cells:
            span = 3 if len(cells) == 1 else 1
            tallest = max(tallest, height(label_cell(label, WIDTHS_MM[col], SIZE), WIDTHS_MM[col], SIZE),
                          height(value, sum(WIDTHS_MM[col + 1:col + 1 + span]), size))
            col += 1 + span
        used += tallest + BORDER_PT
    used += NOTE_BEFORE_PT + height(note, TEXT_MM + 2 * _MARGIN_MM, SIZE)
    left = (PAGE_PT - used - SPARE_PT) * 25.4 / 72
    return max(REMARKS_MM, math.floor(left))


def _pitch(p, size: float) -> None:
    """A cell paragraph at the form's 17 pt pitch, in proportion for smaller type (the table
    styles' 20 pt made a two-line cell taller than its 12 mm row: the sheet ran onto a second
    page)."""
    ppr = p.find(W + "pPr")
    ppr.append(element(_SPACING.replace(f'w:line="{LINE_TWIPS}"', f'w:line="{pitch_twips(size)}"')))


def _no_page_number(doc) -> None:
    """A one-sheet form carries no page number: its footers hold one empty paragraph."""
    sec = doc.sections[0]
    for footer in (sec.footer, sec.even_page_footer):
        el = footer._element
        for child in list(el):
            el.remove(child)
        el.append(element('<w:p><w:pPr><w:pStyle w:val="PageNo"/></w:pPr></w:p>'))
