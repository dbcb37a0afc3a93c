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

from docket.core.text import strip_controls
from docket.docgen import ooxml, page, wording
from docket.docgen.cells import (
    CELL_MARGIN_MM, DATE_MARGIN_MM, DATE_MARGIN_TWIPS, cell_width, label_cell,
)
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
        text = strip_controls(text)  # no ESC (XML refuses it) and no remnant such as [31m
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
    def signature(self, signer: str, when: str, remark: str = "", *,
                  whole_sentences: bool = False) -> None:
        """署名 centred over the 成文日期 (4 characters in from the right), then the 附注.
        whole_sentences: where the last 正文 paragraph is split into the 署名's chain, the
        split falls after a sentence (the 署名 page starts with one, not mid-name)."""
        tail = [self.make_p("Signature", signer), self.make_p("DocDate", when)]
        if remark:
            tail.append(self.make_p("Remark", remark))
        styles = _style_metrics(self.lh)
        self._keep_tail(sum(_height(p, styles) for p in tail), whole_sentences)
        indent = max(0.0, 4 + (wording.text_width(when) - wording.text_width(signer)) / 2)
        self.p("Signature", signer, ind=f'<w:ind w:right="{round(indent * 320)}"/>')
        date_p = self.p("DocDate", when)
        if remark:
            _keep_next(date_p)  # the 附注 never stands alone on the next page (rendered)
            self.p("Remark", remark)

    def _keep_tail(self, tail_h: int = 0, whole_sentences: bool = False) -> None:
        """Keep the empty lines and the last text (or last table row) with the 署名, so the
        署名 and date never stand alone on a page (GB/T 9704 §7.3.5). The 附件说明 is not
        正文: the body text before it comes along too, so the page holds some 正文, when it
        is short. LibreOffice moves a kept paragraph whole: a longer last paragraph in the
        chain left the page before it 5 lines short (rendered); it stays out of the chain,
        and the chain starts at the 附件说明 (not at the empty line before it). Where that
        chain (with the 署名's tail_h twips) has no room on the page the paragraph ends, the
        paragraph's last lines (at least 2) are split off into the chain, so the 署名 page
        carries 正文 (GB/T 9704; LibreOffice moves a kept paragraph whole, widow control or
        not: rendered)."""
        el = self.sect.getprevious()
        chain = []
        while el is not None:
            if el.tag == W + "tbl":
                rows = el.findall(W + "tr")
                chain.extend(rows[-1].iter(W + "p") if rows else ())
                break
            if el.tag != W + "p":
                break
            if el.find(f".//{W}t") is not None and _style_of(el) not in _NOT_BODY:
                _, lines = para_lines(el, ooxml.TEXT_BLOCK_W, _style_metrics(self.lh))
                if lines <= KEEP_LAST_LINES:
                    chain.append(el)
                elif (rest := self._split_tail(el, lines, chain, tail_h, whole_sentences)) is not None:
                    chain.append(rest)
                else:
                    while chain and chain[-1].find(f".//{W}t") is None:
                        chain.pop()  # the empty lines right after it
                break
            chain.append(el)
            el = el.getprevious()
        for p in chain:
            _keep_next(p)

    def _split_tail(self, p, lines: int, chain: list, tail_h: int, whole_sentences: bool = False):
        """Split p (a last 正文 paragraph of `lines` lines) where the chain after it (the
        paragraphs in `chain`, then tail_h) has no room on the page p ends on: its last
        lines, at least 2, go on as a paragraph without first-line indent that keeps with
        the chain (returned). None where p and the chain share a page, or p starts a page."""
        styles = _style_metrics(self.lh)
        _, used = estimate_pages(self.body, self.lh, until=p)
        m, _ = para_lines(p, ooxml.TEXT_BLOCK_W, styles)
        line = _line_height(m)
        room = (ooxml.TEXT_BLOCK_H - used - m.before) // line  # lines of p on this page
        after = sum(_height(q, styles) for q in chain) + tail_h
        over = used + m.before + lines * line + after - ooxml.TEXT_BLOCK_H
        if room < lines or over <= 0:  # p starts on, or runs over to, the next page (that
            return None  # page has 正文), or p and the chain share a page
        _tighten(chain, over)  # where that makes them share it, the split below is unseen
        starts = _line_starts(p, m)
        if len(starts) != lines:  # the wrap disagrees with the count: leave p whole
            return None
        cut = starts[lines - 2]
        if whole_sentences:
            cut = _sentence_start(p, cut, starts[max(0, lines - SENTENCE_LINES)])
            if cut == 0:  # one sentence: the paragraph goes on whole
                return p
        rest = _cut_runs(p, cut)
        ppr = rest.find(W + "pPr")
        if ppr.find(W + "ind") is None:
            ppr.insert(1, element('<w:ind w:firstLine="0"/>'))
        p.addnext(rest)
        return rest

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
        """附件N on a new page, the title on line 3; both keep with what follows (a table whose
        first row moved on left a page holding only 附件 and the title, rendered)."""
        _keep_next(self.p("AttachLabel", label))
        self.empty()
        _keep_next(self.sect.getprevious())
        _keep_next(self.p("DocTitle", title))
        self.empty()
        _keep_next(self.sect.getprevious())

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
        self._even_page(remaining)
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

    def _even_page(self, frame_lines: int) -> None:
        """The 版记 on the last page, an even one (GB/T 9704 §7.4, printed on both sides).

        It stays at the foot of the last page of text where that page is even and has room
        for the empty line and the 版记. Otherwise it gets a page of its own, the next even
        one, with a blank page between where the text ends on an even page. A page of its own
        and a blank page before it carry no page number (§7.5, issue 14): from the empty line
        before the 版记 on, they are a section of their own (page.unnumbered_from). The pages
        are estimated (estimate_pages)."""
        gap = self.sect.getprevious()  # the empty line before the 版记
        pages, used = estimate_pages(self.body, self.lh, until=gap)
        room = ooxml.TEXT_BLOCK_H - used - _height(gap, _style_metrics(self.lh))
        if pages % 2 == 0 and room >= frame_lines * ooxml.LINE:
            return
        page.unnumbered_from(self.doc, gap)
        if pages % 2 == 0:  # the gap's page stays blank, the 版记 goes on the one after
            self.empty()
            _break_before(self.sect.getprevious())

    def cc_foot(self, cc: tuple[str, ...]) -> None:
        """The 函's 版记: the 抄送 alone at the foot of the last page, no lines (§1.4).

        It never stands alone on a page: the 署名's keep-with-next chain runs on through the
        empty line and the 抄送, so where the 抄送 has no room under the 附注 the chain (with
        the table's last row) moves on with it (a page held only the 抄送, rendered)."""
        if not cc:
            return
        last = self.sect.getprevious()
        if last is not None and last.tag == W + "p":
            _keep_next(last)
        self.frame_gap()
        _keep_next(self.sect.getprevious())
        text = wording.cc_line(cc)
        k = max(1, math.ceil((1 + wording.text_width(text)) * 280 / ooxml.TEXT_BLOCK_W))
        p = self.make_p("Colophon", "", framePr=ooxml.frame_xml(k, k),
                        tabs='<w:tabs><w:tab w:val="left" w:pos="280"/></w:tabs>',
                        ind='<w:ind w:left="1120" w:hanging="1120"/>')
        self._tabbed_runs(p, "\t" + text, self.style_rpr["Colophon"])
        _keep_next(p)
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
        self.add(element(ooxml.ANCHOR_P))

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
            tall = row_height_pt(row, columns, size) > SPLIT_ROW_PT
            tr = element(_tr_xml(min_h, False, tall))
            for ci, ((_, _, kind), w, value) in enumerate(zip(columns, widths, row)):
                style = "TableText" if kind == "text" else "TableNum"
                side = DATE_MARGIN_TWIPS if kind == "date" else 0
                tc = element(_tc_xml(w, style, fills.get((ri, ci), ""), 1, side))
                self.cell_text(tc[-1], value, cell_rpr)
                tr.append(tc)
            tbl.append(tr)
        self.add(tbl)
        return tbl

    def keep_rows(self, tbl, last: int = 2, then: bool = False) -> None:
        """No row alone on a table's last page: its last `last` rows keep together (a table
        that runs over carries them, under the repeated header). then: the last row keeps with
        what follows (a 注 under the table). keepNext on a row's paragraphs keeps it with the
        next row in LibreOffice 7.4 (rendered; Word: [unconfirmed]). estimate_pages does not
        model it: the page count is the same, the last page holds one row more."""
        rows = [tr for tr in tbl.findall(W + "tr") if tr.find(f"{W}trPr/{W}tblHeader") is None]
        for tr in rows[-last:] if then else rows[-last:-1]:
            for p in tr.iter(W + "p"):
                _keep_next(p)

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
_NO_START = set("，。、；：？！）》」』”’…—%．,.;:?!)]")  # never starts a line


def _height(p, styles) -> int:
    m, n = para_lines(p, ooxml.TEXT_BLOCK_W, styles)
    return m.before + m.after + n * _line_height(m)


def _line_starts(p, m) -> list[int]:
    """Character offsets where the lines of p begin, wrapped as para_lines counts them
    (a run of Latin letters or digits moves whole; closing punctuation never starts a
    line: the character before it goes along)."""
    text = "".join(t.text or "" for t in p.iter(W + "t"))
    char = max(1.0, (m.size - 0.25) * 20)
    room = max(char, ooxml.TEXT_BLOCK_W - m.left - m.right)
    starts, width, i = [0], m.first, 0
    while i < len(text):
        j = i + 1
        if text[i].isascii() and text[i].isalnum():
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in ".%"):
                j += 1
        w = wording.text_width(text[i:j]) * char
        if width + w > room + 1e-6 and i > starts[-1]:
            at = i
            while at - 1 > starts[-1] and text[at] in _NO_START:
                at -= 1
            starts.append(at)
            width = wording.text_width(text[at:i]) * char
        width += w
        i = j
    return starts


SENTENCE_LINES = 5  # a sentence split into the 署名's chain takes at most this many lines
_SENTENCE_END = set("。！？；")


def _sentence_start(p, cut: int, floor: int) -> int:
    """The start of the sentence that holds character `cut` of p (0: p's first), not before
    `floor` (a longer sentence is cut at `cut` as before)."""
    text = "".join(t.text or "" for t in p.iter(W + "t"))
    for i in range(cut, 0, -1):
        if text[i - 1] in _SENTENCE_END:
            return i if i >= floor else cut
    return 0 if floor == 0 else cut


def _cut_runs(p, cut: int):
    """Keep the first `cut` characters in p; return a copy of p holding the rest."""
    rest = deepcopy(p)
    for para, keep_head in ((p, True), (rest, False)):
        seen = 0
        for t in list(para.iter(W + "t")):
            s = t.text or ""
            lo, hi = seen, seen + len(s)
            seen = hi
            part = s[:max(0, cut - lo)] if keep_head else s[max(0, cut - lo):]
            if part:
                t.text = part
            else:
                r = t.getparent()
                r.getparent().remove(r)
    return rest
KEEP_LAST_LINES = 2  # a last 正文 paragraph of up to 2 lines keeps with the 署名


def _style_of(p) -> str:
    st = p.find(f"{W}pPr/{W}pStyle")
    return "" if st is None else st.get(W + "val", "")


def _break_before(p) -> None:
    """Start a paragraph on a new page (pageBreakBefore at its schema position)."""
    ppr = p.find(W + "pPr")
    at = 1 if len(ppr) and ppr[0].tag == W + "pStyle" else 0
    ppr.insert(at, element("<w:pageBreakBefore/>"))


# GB/T 9704 §7.3.5.4: where the page leaves no room for the 署名 and date, the line spacing may
# be adjusted. An empty line of the 署名 chain (before the 附件说明, the seal's room before the
# 署名) may close up to 18 pt, so a chain over by up to about one line stays on the page (the
# 评议通报's page 2 ended 9 lines early for the want of one, rendered).
TIGHT_LINE = 360


def _tighten(chain: list, over: int) -> bool:
    """Close up the empty lines in chain where that wins `over` twips; whether it did."""
    empties = [q for q in chain if q.tag == W + "p" and q.find(f".//{W}t") is None
               and q.find(f"{W}pPr/{W}framePr") is None]
    if not empties or over > len(empties) * (ooxml.LINE - TIGHT_LINE):
        return False
    for q in empties:
        ppr = q.find(W + "pPr")
        for old in ppr.findall(W + "snapToGrid") + ppr.findall(W + "spacing"):
            ppr.remove(old)
        ppr.append(element('<w:snapToGrid w:val="0"/>'))
        ppr.append(element(f'<w:spacing w:before="0" w:after="0" w:line="{TIGHT_LINE}" '
                           'w:lineRule="exact"/>'))
    return True


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
def _tr_xml(min_h: int, header: bool, may_split: bool = False) -> str:
    head = "<w:tblHeader/>" if header else ""
    cant = "" if may_split else "<w:cantSplit/>"
    return (f'<w:tr><w:trPr>{cant}<w:trHeight w:val="{min_h}" w:hRule="atLeast"/>'
            f"{head}</w:trPr></w:tr>")


# A row never splits (§1.5) unless it is taller than about half the text block (225 mm): a row
# taller than a page under cantSplit is cut off at the page foot and its end printed nowhere
# (a 324-character title lost its last 14 characters, rendered), and one taller than half a
# page leaves the page before it half empty.
SPLIT_ROW_PT = 225 / 2 * 72 / 25.4
TABLE_LINE_PT = 20  # exact line spacing of the table styles (page._TABLE_LINE)


def cell_lines(value: object, col_mm: float, size: float = 12,
               margin_mm: float = CELL_MARGIN_MM) -> int:
    """Lines a cell value (text, or a tuple of lines) takes in its column, on the wide side."""
    room = max(1.0, (col_mm - 2 * margin_mm) * 72 / 25.4 / size)
    parts = value if isinstance(value, tuple) else ("" if value is None else str(value),)
    return sum(max(1, math.ceil(cell_width(str(part)) / room)) for part in parts)


def row_height_pt(row: list[object], columns: list[tuple[str, float, str]],
                  size: float = 12) -> float:
    """The estimated height of a table row: its tallest cell's lines at the table line."""
    lines = max((cell_lines(value, mm, size, DATE_MARGIN_MM if kind == "date" else CELL_MARGIN_MM)
                 for (_, mm, kind), value in zip(columns, row)), default=1)
    return lines * TABLE_LINE_PT


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


def tr_xml(min_h: int, header: bool = False, may_split: bool = False) -> str:
    """A table row that never splits, unless may_split (see SPLIT_ROW_PT)."""
    return _tr_xml(min_h, header, may_split)


def tbl_xml(widths: tuple[int, ...]) -> str:
    """A fixed-layout centred table with its grid."""
    return _tbl_xml(widths)


def deepcopy_el(el):
    """A deep copy of an element (for skeleton reuse)."""
    return deepcopy(el)


# -- page estimate ----------------------------------------------------------------------------
# python-docx knows no page breaks. The estimate lays the body out as LibreOffice 7.4 does with
# the Noto stand-ins (checked against renders of every demo type): grid lines of 28.95 pt and
# 28 characters, exact table lines, rows that move whole unless they may split, keep-with-next
# chains that move whole, page breaks before 附件. It is an estimate: see estimate_pages.

_AUTO_LINE = 1.45  # a single line of Noto CJK is about 1.45 em (rendered)
_ROW_RULE = 10  # twips a table row's border adds
# the 函's first-page header (标志 and double line) reaches 8.5 mm into the text block: its
# body starts that much lower (rendered at 200 dpi)
_LETTER_HEAD = ooxml.twips_mm(8.5)


class _Metrics:
    __slots__ = ("line", "exact", "before", "after", "size", "left", "right", "first",
                 "break_before", "keep")

    def __init__(self) -> None:
        self.line, self.exact, self.before, self.after = ooxml.LINE, True, 0, 0
        self.size, self.left, self.right, self.first = 16.0, 0, 0, 0
        self.break_before = self.keep = False

    def copy(self) -> "_Metrics":
        m = _Metrics()
        for k in self.__slots__:
            setattr(m, k, getattr(self, k))
        return m

    def apply(self, ppr, rpr=None) -> "_Metrics":
        """Override with the spacing, indents, breaks and size of a pPr / rPr."""
        if ppr is not None:
            sp = ppr.find(W + "spacing")
            if sp is not None:
                if sp.get(W + "line") is not None:
                    self.line = int(sp.get(W + "line"))
                    self.exact = sp.get(W + "lineRule") in ("exact", "atLeast")
                self.before = int(sp.get(W + "before", self.before))
                self.after = int(sp.get(W + "after", self.after))
            ind = ppr.find(W + "ind")
            if ind is not None:
                self.left = int(ind.get(W + "left", self.left))
                self.right = int(ind.get(W + "right", self.right))
                if ind.get(W + "hanging") is not None:
                    self.first = -int(ind.get(W + "hanging"))
                elif ind.get(W + "firstLine") is not None:
                    self.first = int(ind.get(W + "firstLine"))
            if ppr.find(W + "pageBreakBefore") is not None:
                self.break_before = True
            if ppr.find(W + "keepNext") is not None:
                self.keep = True
        if rpr is not None:
            sz = rpr.find(W + "sz")
            if sz is not None:
                self.size = int(sz.get(W + "val")) / 2
        return self


@lru_cache(maxsize=32)
def _style_metrics(lh: Letterhead) -> dict[str, _Metrics]:
    return {sid: _Metrics().apply(element(ppr), element(rpr))
            for sid, _name, ppr, rpr in page.style_table(lh)}


_PLAIN: dict[tuple, _Metrics] = {}  # (styles id, style, run size) -> metrics, for bare pPr


def _metrics(p, styles: dict[str, _Metrics]) -> _Metrics:
    ppr = p.find(W + "pPr")
    st = _style_of(p)
    r = p.find(f"{W}r/{W}rPr")
    if ppr is None or len(ppr) <= 1:  # only the pStyle (table cells, most paragraphs)
        sz = r.find(W + "sz") if r is not None else None
        key = (id(styles), st, None if sz is None else sz.get(W + "val"))
        hit = _PLAIN.get(key)
        if hit is None:
            if len(_PLAIN) > 4096:
                _PLAIN.clear()
            hit = _PLAIN[key] = (styles.get(st) or _Metrics()).copy().apply(ppr, r)
        return hit
    m = (styles.get(st) or _Metrics()).copy()
    return m.apply(ppr, r)


def _line_height(m: _Metrics) -> int:
    if m.exact:
        return m.line
    return round(m.size * 20 * _AUTO_LINE * m.line / 240)


def para_lines(p, width: int, styles: dict[str, _Metrics]) -> tuple[_Metrics, int]:
    """(metrics, lines) of a paragraph set in width twips: the text wraps at the condensed
    character width, the first line shortened by its indent; each w:br starts a line."""
    m = _metrics(p, styles)
    char = max(1.0, (m.size - 0.25) * 20)
    scale = p.find(f"{W}r/{W}rPr/{W}w")  # characters condensed to fit (the 标志)
    if scale is not None:
        char = char * int(scale.get(W + "val")) / 100
    room = max(char, width - m.left - m.right)
    segments, cur = [], []
    for el in p.iter(W + "t", W + "br", W + "tab"):
        if el.tag == W + "br":
            segments.append("".join(cur))
            cur = []
        elif el.tag == W + "tab":
            cur.append("  ")
        else:
            cur.append(el.text or "")
    segments.append("".join(cur))
    lines = 0
    for j, seg in enumerate(segments):
        w = wording.text_width(seg) * char + (m.first if j == 0 else 0)
        lines += max(1, math.ceil(w / room - 1e-9))
    return m, lines


def _row_height(tr, styles: dict[str, _Metrics]) -> int:
    tall = 0
    for tc in tr.findall(W + "tc"):
        w = tc.find(f"{W}tcPr/{W}tcW")
        width = (int(w.get(W + "w")) if w is not None else ooxml.TEXT_BLOCK_W) - _sides(tc)
        h = 0
        for p in tc.findall(W + "p"):
            m, n = para_lines(p, width, styles)
            h += m.before + m.after + n * _line_height(m)
        tall = max(tall, h)
    th = tr.find(f"{W}trPr/{W}trHeight")
    least = int(th.get(W + "val")) if th is not None else 0
    return max(tall, least) + _ROW_RULE


def _sides(tc) -> int:
    """A cell's left and right margins in twips: its own tcMar (the narrow counts and dates),
    else the table's 1 mm each side."""
    mar = tc.find(f"{W}tcPr/{W}tcMar")
    if mar is None:
        return 114
    return sum(int(el.get(W + "w", "57")) if el is not None else 57
               for el in (mar.find(W + "left"), mar.find(W + "right")))


class _Pages:
    """A running page count and the height used on the last page."""

    def __init__(self, trace: list | None = None) -> None:
        self.pages, self.used = 1, 0
        self.trace = trace

    def new_page(self, carry: int = 0) -> None:
        if self.trace is not None:
            self.trace.append((self.pages, self.used))
        self.pages += 1
        self.used = carry

    def fits(self, h: int) -> bool:
        return self.used + h <= ooxml.TEXT_BLOCK_H

    def place(self, h: int, carry: int = 0) -> None:
        if not self.fits(h) and self.used > carry:
            self.new_page(carry)
        self.used += h


def _first_height(el, styles: dict[str, _Metrics]) -> int:
    """The height that must come along with a keep-with-next paragraph before el."""
    if el is None:
        return 0
    if el.tag == W + "tbl":
        rows = el.findall(W + "tr")
        return sum(_row_height(tr, styles) for tr in rows[:2])
    if el.find(f"{W}pPr/{W}framePr") is not None:
        return 0
    m, _ = para_lines(el, ooxml.TEXT_BLOCK_W, styles)
    return m.before + _line_height(m)


def estimate_pages(body, lh: Letterhead, trace: list | None = None,
                   until=None) -> tuple[int, int]:
    """(pages, twips used on the last page) of a body as LibreOffice lays it out, estimated.
    Framed paragraphs (the 版记) take no room in the flow but must fit at the last page's foot.

    Checked against LibreOffice 7.4 renders (Noto stand-ins) of every demo type and the long
    cases; Word, or other fonts, may break a line or a row differently: an estimate."""
    styles = _style_metrics(lh)
    pg = _Pages(trace)
    if next(body.iter(W + "sectPr")).find(W + "titlePg") is not None:  # the first section's
        pg.used = _LETTER_HEAD
    els = [el for el in body if el.tag in (W + "p", W + "tbl")]
    if until is not None:  # the layout up to (not including) this element
        els = els[:els.index(until)]
    frames = 0
    in_chain = False
    section_break = False  # a paragraph ended a section: the next starts a page
    for i, el in enumerate(els):
        if section_break:
            pg.new_page()
            section_break = False
        if el.tag == W + "tbl":
            in_chain = False
            rows = el.findall(W + "tr")
            heads = [tr for tr in rows if tr.find(f"{W}trPr/{W}tblHeader") is not None]
            head = sum(_row_height(tr, styles) for tr in heads)
            for tr in rows:
                h = _row_height(tr, styles)
                if tr in heads or tr.find(f"{W}trPr/{W}cantSplit") is not None:
                    pg.place(h, head)
                    continue
                while h > 0:  # a row that may split: line by line
                    if not pg.fits(TABLE_LINE_PT * 20):
                        pg.new_page(head)
                    step = min(h, ooxml.TEXT_BLOCK_H - pg.used)
                    pg.used += step
                    h -= step
            continue
        frame = el.find(f"{W}pPr/{W}framePr")
        if frame is not None:
            frames += int(frame.get(W + "h", "0"))
            continue
        m, n = para_lines(el, ooxml.TEXT_BLOCK_W, styles)
        line = _line_height(m)
        section_break = el.find(f"{W}pPr/{W}sectPr") is not None
        if m.break_before and pg.used > 0:
            pg.new_page()
        if m.keep and not in_chain:  # a keep-with-next chain moves whole, with what follows
            chain, j = 0, i
            while j < len(els) and els[j].tag == W + "p":
                mj, nj = para_lines(els[j], ooxml.TEXT_BLOCK_W, styles)
                if not mj.keep:
                    break
                chain += mj.before + mj.after + nj * _line_height(mj)
                j += 1
            chain += _first_height(els[j] if j < len(els) else None, styles)
            if not pg.fits(chain) and chain <= ooxml.TEXT_BLOCK_H and pg.used > 0:
                pg.new_page()
        in_chain = m.keep
        pg.place(m.before + line)
        for _ in range(n - 1):
            pg.place(line)
        pg.used = min(ooxml.TEXT_BLOCK_H, pg.used + m.after)
    if frames and not pg.fits(frames):  # the 版记 sits at the foot: no room, the next page
        pg.new_page(frames)
    return pg.pages, pg.used
