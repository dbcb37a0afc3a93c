"""Writing paragraphs, runs and tables into a body fast, from cached prototypes.

python-docx's add_paragraph/add_run/add_row with per-run font calls cost most of a notice's
build time (documents.md §5), so the Writer clones pre-parsed pPr/rPr/tc prototypes and sets
the text. Every run names its fonts (run-level names survive copy and paste), and characters
outside GB2312 get their own run in the *_ext font (§2).
"""
from __future__ import annotations

import math
from copy import deepcopy
from functools import lru_cache
from xml.sax.saxutils import quoteattr

from docket.docgen import ooxml, page, wording
from docket.docgen.data import Letterhead
from docket.docgen.ooxml import W, element, ppr_xml, rpr_xml, twips_mm

Segment = tuple[str, str]  # (text, rPr xml)


@lru_cache(maxsize=32)
def _style_rpr(lh: Letterhead) -> dict[str, str]:
    return {sid: rpr for sid, _name, _ppr, rpr in page.style_table(lh)}


def _gb2312_ok(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


class Writer:
    """Appends to a document body before its sectPr."""

    def __init__(self, doc, lh: Letterhead) -> None:
        self.doc = doc
        self.lh = lh
        self.body = doc.element.body
        self.sect = self.body.find(W + "sectPr")
        self.style_rpr = _style_rpr(lh)
        f = lh.fonts
        self._ext = {f.body: f.body_ext, f.kai: f.kai_ext}

    # -- runs -------------------------------------------------------------------------------
    def rpr(self, font: str, size: float, *, bold: bool = False, color: str | None = None,
            width: int | None = None, snap_off: bool = False) -> str:
        """An rPr for an explicit role (the style's own is `style_rpr[sid]`)."""
        return rpr_xml(font, size, latin=self.lh.fonts.latin, bold=bold, color=color,
                       width=width, snap_off=snap_off)

    def runs(self, parent, text: str, rpr: str) -> None:
        """Append text as runs in rpr, splitting off characters GB2312 fonts lack."""
        if not text:
            return
        alt_rpr = _ext_rpr(rpr, self.lh.fonts.body, self.lh.fonts.body_ext,
                           self.lh.fonts.kai, self.lh.fonts.kai_ext, bool(self.lh.fonts.latin))
        if alt_rpr is None or _all_gb2312(text):
            parent.append(_run(rpr, text))
            return
        start, cur = 0, _gb2312_ok(text[0])
        for i in range(1, len(text) + 1):
            ok = _gb2312_ok(text[i]) if i < len(text) else None
            if ok != cur:
                parent.append(_run(rpr if cur else alt_rpr, text[start:i]))
                start, cur = i, ok

    # -- paragraphs ---------------------------------------------------------------------------
    def add(self, el) -> None:
        """Put an element at the end of the body, before sectPr."""
        self.sect.addprevious(el)

    def make_p(self, style: str, text: str = "", *, segments: list[Segment] | None = None,
               **ppr: str):
        """A paragraph in style; text in the style's run format, or explicit segments."""
        p = element("<w:p>" + ppr_xml(style, **ppr) + "</w:p>")
        if segments is None:
            self.runs(p, text, self.style_rpr[style])
        else:
            for seg_text, seg_rpr in segments:
                self.runs(p, seg_text, seg_rpr)
        return p

    def title(self, text: str, style: str = "DocTitle", size: float = 22) -> None:
        """A centred title, broken into balanced lines when it takes 2 or 3."""
        lines = balance(text, size)
        p = self.make_p(style, "")
        rpr = self.style_rpr[style]
        for j, line in enumerate(lines):
            if j:
                p.append(element("<w:r>" + rpr + "<w:br/></w:r>"))
            self.runs(p, line, rpr)
        self.add(p)

    def p(self, style: str, text: str = "", *, segments: list[Segment] | None = None,
          **ppr: str):
        """Append a paragraph (see make_p)."""
        p = self.make_p(style, text, segments=segments, **ppr)
        self.add(p)
        return p

    def empty(self, n: int = 1, style: str = "Normal") -> None:
        """n empty lines of the grid."""
        for _ in range(n):
            self.add(element(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>'))

    # -- the common blocks ----------------------------------------------------------------------
    def signature(self, signer: str, when: str, remark: str = "") -> None:
        """署名 centred over the 成文日期 (4 characters in from the right), then the 附注."""
        self._keep_tail()
        indent = max(0.0, 4 + (wording.text_width(when) - wording.text_width(signer)) / 2)
        self.p("Signature", signer, ind=f'<w:ind w:right="{round(indent * 320)}"/>')
        date_p = self.p("DocDate", when)
        if remark:
            _keep_next(date_p)  # the 附注 never stands alone on the next page (rendered)
            self.p("Remark", remark)

    def _keep_tail(self) -> None:
        """Keep the empty lines and the last text (or last table row) with the 署名, so the
        署名 and date never stand alone on a page (GB/T 9704 §7.3.5). The 附件说明 is not
        正文: the body text before it comes along too, so the page holds some 正文."""
        el = self.sect.getprevious()
        while el is not None:
            if el.tag == W + "tbl":
                rows = el.findall(W + "tr")
                for p in rows[-1].iter(W + "p") if rows else ():
                    _keep_next(p)
                return
            if el.tag != W + "p":
                return
            _keep_next(el)
            if el.find(f".//{W}t") is not None and _style_of(el) not in _NOT_BODY:
                return
            el = el.getprevious()

    def attachment_note(self, names: list[str]) -> None:
        """附件：交办清单, or 附件：1.×× with the further names on their own lines."""
        if len(names) == 1:
            self.p("AttachNote", "附件：" + names[0])
            return
        for i, name in enumerate(names, 1):
            if i == 1:
                p = self.p("AttachNote", f"附件：{i}.{name}")
            else:
                p = self.p("AttachNoteMore", f"{i}.{name}")
            if i < len(names):
                _keep_next(p)  # the lines of one 附件说明 never part across a page

    def attachment(self, label: str, title: str) -> None:
        """附件N on a new page, the title on line 3."""
        self.p("AttachLabel", label)
        self.empty()
        self.p("DocTitle", title)
        self.empty()

    def colophon(self, cc: tuple[str, ...], signer: str | None, when: str | None) -> None:
        """版记 at the foot of the last page: 抄送 and 印发 between full-width lines (§1.3.9)."""
        size_twips = 280
        usable = ooxml.TEXT_BLOCK_W
        frames: list[tuple[str, dict, int]] = []
        tabs_cc = '<w:tabs><w:tab w:val="left" w:pos="280"/></w:tabs>'
        if cc:
            text = wording.cc_line(cc)
            width = (1 + wording.text_width(text)) * size_twips
            k = max(1, math.ceil(width / usable))
            frames.append((text, {"tabs": tabs_cc,
                                  "ind": '<w:ind w:left="1120" w:hanging="1120"/>'}, k))
        if signer is not None and when is not None:
            frames.append((f"{signer}\t{when}印发", {"tabs": (
                '<w:tabs><w:tab w:val="left" w:pos="280"/>'
                f'<w:tab w:val="right" w:pos="{usable - 280}"/></w:tabs>')}, 1))
        if not frames:
            return
        self.frame_gap()
        red = None  # 版记 lines are black
        remaining = sum(k for _, _, k in frames)
        for i, (text, ppr, k) in enumerate(frames):
            top = ("single", 8, 1, "000000") if i == 0 else None
            if i == len(frames) - 1:
                bottom = ("single", 8, 1, "000000")
            else:
                bottom = ("single", 6, 1, "000000")
            sides = {"bottom": bottom}
            if top:
                sides["top"] = top
            p = self.make_p("Colophon", "", framePr=ooxml.frame_xml(k, remaining),
                            pBdr=ooxml.border_xml(**sides), **ppr)
            self._tabbed_runs(p, "\t" + text, self.style_rpr["Colophon"])
            self.add(p)
            remaining -= k
        del red
        self.frame_anchor()

    def cc_foot(self, cc: tuple[str, ...]) -> None:
        """The 函's 版记: the 抄送 alone at the foot of the last page, no lines (§1.4)."""
        if not cc:
            return
        self.frame_gap()
        text = wording.cc_line(cc)
        k = max(1, math.ceil((1 + wording.text_width(text)) * 280 / ooxml.TEXT_BLOCK_W))
        p = self.make_p("Colophon", "", framePr=ooxml.frame_xml(k, k),
                        tabs='<w:tabs><w:tab w:val="left" w:pos="280"/></w:tabs>',
                        ind='<w:ind w:left="1120" w:hanging="1120"/>')
        self._tabbed_runs(p, "\t" + text, self.style_rpr["Colophon"])
        self.add(p)
        self.frame_anchor()

    def frame_gap(self) -> None:
        """An empty line before the frames: without it LibreOffice moves a whole table that
        ends the body to the next page, rather than the frames (checked by rendering)."""
        self.empty()

    def frame_anchor(self) -> None:
        """A 1 pt empty paragraph after the last frames.

        LibreOffice 7.4 anchors a framed paragraph to the next unframed one; the frames at the
        very end of a body otherwise fall back into the text flow (checked by rendering).
        """
        self.add(element(
            '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:snapToGrid w:val="0"/>'
            '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'))

    def _tabbed_runs(self, p, text: str, rpr: str) -> None:
        """Runs with w:tab elements for the tab characters."""
        for j, piece in enumerate(text.split("\t")):
            if j:
                r = element("<w:r>" + rpr + "<w:tab/></w:r>")
                p.append(r)
            self.runs(p, piece, rpr)

    # -- tables -------------------------------------------------------------------------------
    def table(self, columns: list[tuple[str, float, str]], rows: list[list[object]], *,
              size: float = 12, min_row_mm: float = 8, fills: dict[tuple[int, int], str] | None
              = None):
        """A fixed 156 mm table: columns are (header, width mm, 'num'|'text'|'date'); header
        repeats. 'date' cells are centred with narrow side margins (DATE_MARGIN_MM), so that
        10月22日 keeps one line under 2026年 in wide fallback fonts too.

        A cell is a str, or a tuple of lines joined by line breaks (dates after 年).
        """
        widths = [twips_mm(w) for _, w, _ in columns]
        widths[-1] += ooxml.TEXT_BLOCK_W - sum(widths)  # rounding lands on the last column
        tbl = element(_tbl_xml(tuple(widths)))
        head_rpr = rpr_xml(self.lh.fonts.hei, size, latin=self.lh.fonts.latin)
        cell_rpr = rpr_xml(self.lh.fonts.body, size, latin=self.lh.fonts.latin)
        min_h = twips_mm(min_row_mm)
        tr = element(_tr_xml(min_h, True))
        for (head, mm, _), w in zip(columns, widths):
            tc = element(_tc_xml(w, "TableHead"))
            self.cell_text(tc[-1], label_cell(head, mm, size), head_rpr)
            tr.append(tc)
        tbl.append(tr)
        fills = fills or {}
        for ri, row in enumerate(rows):
            tr = element(_tr_xml(min_h, False))
            for ci, ((_, _, kind), w, value) in enumerate(zip(columns, widths, row)):
                style = "TableText" if kind == "text" else "TableNum"
                side = _DATE_MARGIN if kind == "date" else 0
                tc = element(_tc_xml(w, style, fills.get((ri, ci), ""), 1, side))
                self.cell_text(tc[-1], value, cell_rpr)
                tr.append(tc)
            tbl.append(tr)
        self.add(tbl)
        return tbl

    def cell_text(self, p, value: object, rpr: str) -> None:
        """Text or lines into a cell paragraph."""
        if isinstance(value, tuple):
            for j, line in enumerate(value):
                if j:
                    p.append(element("<w:r>" + rpr + "<w:br/></w:r>"))
                self.runs(p, str(line), rpr)
        else:
            self.runs(p, "" if value is None else str(value), rpr)


_STRONG_BREAK = set("议的")  # after 会议 / 建议 / …的: the natural places
_BREAK_AFTER = set("于和与及、，）")


def balance(text: str, size: float = 22, room_pt: float = 442) -> list[str]:
    """Split a title of 2–3 lines into lines of about equal width, preferring a break after
    的/于/议…; a longer title is left to wrap by itself (never truncated)."""
    full = wording.text_width(text) * size
    n = math.ceil(full / room_pt) if full > room_pt else 1
    if n == 1 or n > 3:
        return [text]
    lines, rest = [], text
    for k in range(n, 1, -1):
        target = len(rest) / k
        best, best_cost = round(target), None
        for cut in range(max(1, round(target) - 4), min(len(rest) - 1, round(target) + 4) + 1):
            bonus = 4 if rest[cut - 1] in _STRONG_BREAK else 1 if rest[cut - 1] in _BREAK_AFTER else 0
            cost = abs(cut - target) - bonus
            if wording.text_width(rest[:cut]) * size > room_pt:
                continue
            if best_cost is None or cost < best_cost:
                best, best_cost = cut, cost
        lines.append(rest[:best])
        rest = rest[best:]
    lines.append(rest)
    return lines


_NOT_BODY = {"AttachNote", "AttachNoteMore"}


def _style_of(p) -> str:
    st = p.find(f"{W}pPr/{W}pStyle")
    return "" if st is None else st.get(W + "val", "")


def _keep_next(p) -> None:
    """Add keepNext to a paragraph's pPr at its schema position (after pStyle)."""
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = element("<w:pPr/>")
        p.insert(0, ppr)
    if ppr.find(W + "keepNext") is not None:
        return
    at = 1 if len(ppr) and ppr[0].tag == W + "pStyle" else 0
    ppr.insert(at, element("<w:keepNext/>"))


@lru_cache(maxsize=256)
def _ext_rpr(rpr: str, body: str, body_ext: str, kai: str, kai_ext: str,
             has_latin: bool) -> str | None:
    """The rPr for characters outside GB2312, or None when rpr is not a *_GB2312 font."""
    for font, alt in ((body, body_ext), (kai, kai_ext)):
        if f"w:eastAsia={quoteattr(font)}" in rpr:
            out = rpr.replace(f"w:eastAsia={quoteattr(font)}", f"w:eastAsia={quoteattr(alt)}")
            out = out.replace(f"w:cs={quoteattr(font)}", f"w:cs={quoteattr(alt)}")
            if not has_latin:
                out = out.replace(f"={quoteattr(font)}", f"={quoteattr(alt)}")
            return out
    return None


def _run(rpr: str, text: str):
    """A run cloned from a cached prototype, with its text set."""
    r = element("<w:r>" + rpr + "<w:t/></w:r>")
    t = r[-1]
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(ooxml.XML_SPACE, "preserve")
    return r


def _all_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


@lru_cache(maxsize=64)
def _tbl_xml(widths: tuple[int, ...]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
            '<w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid></w:tbl>")


@lru_cache(maxsize=16)
def _tr_xml(min_h: int, header: bool) -> str:
    head = "<w:tblHeader/>" if header else ""
    return (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{min_h}" w:hRule="atLeast"/>'
            f"{head}</w:trPr></w:tr>")


@lru_cache(maxsize=256)
def _tc_xml(width: int, style: str, fill: str = "", span: int = 1, side: int = 0) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    # tcMar overrides the table's 1 mm side margins for this cell (schema: after shd)
    mar = (f'<w:tcMar><w:left w:w="{side}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/>'
           '</w:tcMar>') if side else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}{shd}{mar}'
            f'<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p></w:tc>')


def tc_xml(width: int, style: str, fill: str = "", span: int = 1) -> str:
    """A table cell with one empty paragraph in style (for hand-made tables)."""
    return _tc_xml(width, style, fill, span)


def tr_xml(min_h: int, header: bool = False) -> str:
    """A table row that never splits."""
    return _tr_xml(min_h, header)


def tbl_xml(widths: tuple[int, ...]) -> str:
    """A fixed-layout centred table with its grid."""
    return _tbl_xml(widths)


def label_cell(text: str, col_mm: float, size: float = 12) -> object:
    """A label too wide for its column on two balanced lines, as a clerk would set it:
    承办/方式, 按期/答复率, 对办理态度/的评价 (not 承办方/式); one that fits stays whole."""
    avail_pt = (col_mm - 2) * 72 / 25.4
    n = len(text)
    if wording.text_width(text) * size <= avail_pt or n < 2:
        return text
    best, best_cost = n // 2, None
    for cut in range(1, n):
        head, tail = text[:cut], text[cut:]
        if max(wording.text_width(head), wording.text_width(tail)) * size > avail_pt:
            continue
        # even halves, the first no longer; a break before 的 or after 否 reads naturally
        cost = abs(cut - n / 2) + (0.1 if cut > n / 2 else 0)
        if tail[0] == "的" or head[-1] == "否":
            cost -= 1.5
        if best_cost is None or cost < best_cost:
            best, best_cost = cut, cost
    return (text[:best], text[best:])


# Widths in a table cell are estimated on the wide side: the fallback fonts a PC may use
# (Noto CJK) have 0.56 em digits, and LibreOffice and Word put about 0.2 em between Chinese
# characters and digits or Latin letters (rendered: 2026 年 10 月 22 日).
_HALF = 0.56
_GAP = 0.2
CELL_MARGIN_MM = 1.0      # the table's side margins (tblCellMar 57 twips)
DATE_MARGIN_MM = 0.5      # a date cell's side margins (tcMar)
_DATE_MARGIN = 28         # twips


@lru_cache(maxsize=4096)
def cell_width(text: str) -> float:
    """Width in em of text set in a cell, on the wide side (see _HALF, _GAP)."""
    width, prev = 0.0, None
    for ch in text:
        full = wording.text_width(ch) == 1
        width += 1.0 if full else _HALF
        if prev is not None and prev != full and not ch.isspace():
            width += _GAP
        prev = full
    return width


def _room(col_mm: float, size: float, margin_mm: float = CELL_MARGIN_MM) -> float:
    """The width in em a column leaves for text."""
    return (col_mm - 2 * margin_mm) * 72 / 25.4 / size


_UNIT_SUFFIXES = ("人民政府", "有限公司", "分公司", "委员会", "办公室", "服务中心", "中心", "公司")
_JOINERS = set("和与及")


@lru_cache(maxsize=512)
def unit_tokens(name: str) -> tuple[str, ...]:
    """A unit name in the pieces it may break between: 县/交通/运输局, 梅山镇/人民政府,
    县/人力/资源/和/社会/保障局, 中国/移动/青禾/分公司. Names are mostly two-character words
    after a place prefix, with a one-character ending (局) that never stands alone."""
    rest, head, tail = name, [], []
    i = rest.find("县")
    if 0 <= i <= 4 and i < len(rest) - 1:
        head, rest = [rest[:i + 1]], rest[i + 1:]
    else:
        for j, ch in enumerate(rest[:4]):
            if ch in "镇乡" and rest[j + 1:].startswith(("人民政府", "政府")):
                head, rest = [rest[:j + 1]], rest[j + 1:]
                break
    for suffix in _UNIT_SUFFIXES:
        if rest.endswith(suffix) and (len(rest) > len(suffix) or head):
            tail, rest = [suffix], rest[:-len(suffix)]
            break
    words: list[str] = []
    k = 0
    while k < len(rest):
        if rest[k] in _JOINERS and words:
            words.append(rest[k])
            k += 1
            continue
        words.append(rest[k:k + 2])
        k += 2
    # a lone last character (局, 水) joins the word before it
    if len(words) > 1 and len(words[-1]) == 1 and words[-1] not in _JOINERS:
        words[-2:] = [words[-2] + words[-1]]
    return tuple(t for t in head + words + tail if t)


def _unit_lines(name: str, room: float) -> tuple[str, ...] | None:
    """The fewest balanced lines of whole pieces that fit room (em); None if a piece is too wide."""
    tokens = unit_tokens(name)
    if any(cell_width(t) > room for t in tokens):
        return None
    n = len(tokens)
    best, best_key = None, None
    for mask in range(1 << (n - 1)):  # every way to cut between pieces (names are short)
        lines, cur = [], tokens[0]
        for j in range(1, n):
            if mask >> (j - 1) & 1:
                lines.append(cur)
                cur = tokens[j]
            else:
                cur += tokens[j]
        lines.append(cur)
        widths = [cell_width(line) for line in lines]
        if max(widths) > room:
            continue
        # fewest lines, then the most even, then the longer line first (县交通/运输局)
        key = (len(lines), max(widths) - min(widths), -widths[0])
        if best_key is None or key < best_key:
            best, best_key = tuple(lines), key
    return best


@lru_cache(maxsize=2048)
def unit_cell(name: str, col_mm: float, size: float = 12) -> object:
    """A unit name whole if it fits, else broken between its words on balanced lines:
    县交通/运输局, 梅山镇/人民政府 (not 县交通运输/局, 梅山镇人民政/府)."""
    room = _room(col_mm, size)
    if cell_width(name) <= room:
        return name
    lines = _unit_lines(name, room)
    return lines if lines and len(lines) > 1 else name


def list_cell(names: list[str] | tuple[str, ...], col_mm: float, size: float = 12) -> object:
    """Names joined with 、, wrapped after a 、 rather than inside a name (冯玉/兰) when the
    list does not fit on one line; a name too long for a line breaks between its words
    (县应急/管理局、)."""
    return _list_cell(tuple(names), col_mm, size)


@lru_cache(maxsize=2048)
def _list_cell(names: tuple[str, ...], col_mm: float, size: float) -> object:
    text = "、".join(names)
    room = _room(col_mm, size)
    if cell_width(text) <= room:
        return text
    lines, cur = [], ""
    for i, name in enumerate(names):
        mark = "、" if i < len(names) - 1 else ""
        piece = name + mark
        if cell_width(cur + piece) <= room:
            cur += piece
            continue
        if cur:
            lines.append(cur)
        # the 、 may hang at the line end (it never starts a line)
        if cell_width(name) <= room:
            cur = piece
            continue
        parts = _unit_lines(name, room) or (name,)
        lines.extend(parts[:-1])
        cur = parts[-1] + mark
    lines.append(cur)
    return tuple(lines) if len(lines) > 1 else text


@lru_cache(maxsize=2048)
def date_cell(text: str, col_mm: float, size: float = 12) -> object:
    """A date that does not fit its column breaks after 年 (§1.5); for a 'date' column
    (narrow margins) of the table."""
    room = _room(col_mm, size, DATE_MARGIN_MM)
    if cell_width(text) <= room or "年" not in text.rstrip("年"):
        return text
    head, tail = text.split("年", 1)
    return (head + "年", tail)


def split_after(text: str, mark: str, col_mm: float, size: float = 12) -> object:
    """Text too wide for its column breaks after the first mark: 2026年 / 6月5日,
    青移函〔2026〕 / 17号 (not 青移函〔2026〕17 / 号)."""
    avail_pt = (col_mm - 2) * 72 / 25.4
    if wording.text_width(text) * size <= avail_pt or mark not in text.rstrip(mark):
        return text
    head, tail = text.split(mark, 1)
    return (head + mark, tail)


def deepcopy_el(el):
    """A deep copy of an element (for skeleton reuse)."""
    return deepcopy(el)
