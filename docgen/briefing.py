"""工作简报 (documents.md §3.4): red masthead, articles, a chart, the 报/送/发 block.

Article 1 is written from the figures (the 通报's sentences 1–3 and the classes), with the
reply-progress chart (a native Word chart, charts.py) on page 1; further articles come as data.
"""
from __future__ import annotations

import math
from datetime import datetime

from docket.docgen import charts, ooxml, page, wording
from docket.docgen.circular import class_sentence, summary
from docket.docgen.data import BriefData
from docket.docgen.flow import Writer, balance
from docket.docgen.ooxml import element


def kind(data: BriefData) -> str:
    """The page kind: no 版头 (the masthead is the 简报's own)."""
    return "plain"


def issue_text(data: BriefData) -> str:
    """第3期（总第27期）."""
    total = f"（总第{data.total_no}期）" if data.total_no else ""
    return f"第{data.issue_no}期{total}"


def title(data: BriefData) -> str:
    """The core-property title: the series name and the issue."""
    return f"{wording.user(data.name)}{issue_text(data)}"


def file_name(data: BriefData) -> str:
    """工作简报-第{N}期-{YYYY-MM-DD}.docx."""
    return f"工作简报-第{data.issue_no}期-{data.issued_on.isoformat()}.docx"


def build(data: BriefData):
    """A complete 简报."""
    return fill(page.new_document("plain", data.letterhead), data)


def fill(doc, data: BriefData):
    """Write the 简报 into an empty plain skeleton."""
    lh, fig = data.letterhead, data.figures
    t = wording.terms(lh.body)
    w = Writer(doc, lh)
    if data.internal:
        w.p("Internal", wording.BRIEF_INTERNAL)
    w.p("BriefName", wording.user(data.name))
    w.p("IssueNo", issue_text(data))
    w.p("BriefLine", "", segments=[(wording.user(data.unit), w.style_rpr["BriefLine"])])
    line = doc.element.body.findall(ooxml.W + "p")[-1]
    line.append(element("<w:r>" + w.style_rpr["BriefLine"] + "<w:tab/></w:r>"))
    w.runs(line, wording.cn_date(data.issued_on), w.style_rpr["BriefLine"])
    w.empty()
    session = wording.user(fig.session_short)
    w.title(wording.BRIEF_ARTICLE_TITLE.format(session=session, items=t["items"]))
    w.empty()
    sentences = summary(fig, lh.body)
    classes = class_sentence(fig)
    first = sentences[:1]
    rest = "".join(sentences[1:] + ([classes] if classes else []))
    # The chart stands on page 1 after the first sentence, sized to the room left there: the
    # body text then flows on below it and page 1 is full (a chart taller than the room would
    # move on and leave the page short). With less room it comes before that sentence, and
    # with less still it shows fewer units (the caption says how many).
    chart, chart_first = None, False
    room = _page1_room_mm(data, session, t["items"])
    if data.chart:
        chart = charts.top_units(data.chart)
        first_mm = sum(_lines(s) for s in first) * LINE_MM
        if room - first_mm >= chart.min_height_mm:
            room -= first_mm
        else:
            chart_first = True
            chart = charts.top_units(data.chart, charts.units_fitting(room))
    if chart is not None and chart_first:
        _figure(w, chart, data, room)
    for s in first:
        w.p("BodyText", s)
    if chart is not None and not chart_first:
        _figure(w, chart, data, room)
    if rest:
        w.p("BodyText", rest)
    for article in data.articles:
        w.empty()
        w.title(wording.user(article.title))
        w.empty()
        if wording.clean(article.editor_note):
            hei = w.rpr(lh.fonts.hei, 16)
            w.p("EditorNote", segments=[(wording.BRIEF_EDITOR, hei),
                                        (wording.user(article.editor_note),
                                         w.style_rpr["EditorNote"])])
        for para in article.paragraphs:
            for line_text in wording.clean_lines(para):
                w.p("BodyText", wording.punct(line_text))
    _tail(w, data)
    page.set_core(doc, title=title(data), author=lh.signer_name, on=data.issued_on)
    return doc


# Page 1's geometry in mm, for sizing the chart (the masthead is measured on a render with
# Noto CJK stand-ins, whose 36 pt line is the tallest of the fonts tried).
LINE_MM = ooxml.LINE / 20 * 25.4 / 72  # one line of the grid, 10.2 mm
TEXT_H_MM = ooxml.TEXT_BLOCK_H / 20 * 25.4 / 72  # 225 mm
MASTHEAD_MM = 59.0  # 简报名称 (36 pt, 30 pt before, 12 pt after), 期号, 编印行 with its 12 pt
SLACK_MM = 6.0  # the figure line's own depth and the error of the line estimates
PER_LINE = 27  # characters of 正文 in a line (28 fit; one less for the spaces around digits)


def _lines(text: str, indent: float = 2) -> int:
    """Lines of 正文 a paragraph takes (an estimate that errs long)."""
    return max(1, math.ceil((indent + wording.text_width(text)) / PER_LINE))


def _page1_room_mm(data: BriefData, session: str, items: str) -> float:
    """Height left on page 1 after the masthead and article 1's title, less the caption."""
    title_text = wording.BRIEF_ARTICLE_TITLE.format(session=session, items=items)
    # each of the balanced lines wraps again if it is still wider than the text block
    title_lines = sum(max(1, math.ceil(wording.text_width(line) * 22 / 442))
                      for line in balance(title_text, 22))
    used = MASTHEAD_MM + (LINE_MM if data.internal else 0) + LINE_MM  # the empty line
    used += (title_lines + 1) * LINE_MM  # the title and the empty line after it
    return TEXT_H_MM - used - LINE_MM - SLACK_MM  # the caption's line


def _figure(w: Writer, chart: charts.Chart, data: BriefData, room_mm: float) -> None:
    """The chart, as tall as it needs and no taller than the room, then its caption."""
    height = max(chart.min_height_mm, min(chart.height_mm, room_mm))
    on = datetime(data.issued_on.year, data.issued_on.month, data.issued_on.day)
    inline = charts.add_chart(w.doc.part, chart, data.letterhead.fonts, on, height)
    p = w.make_p("Figure")  # single-spaced (no exact spacing), kept with its caption
    r = element("<w:r><w:drawing/></w:r>")
    r[0].append(element(inline))
    p.append(r)
    w.add(p)
    w.p("Caption", charts.caption(chart, 1, wording.cn_date(data.figures.as_of)))


def _tail(w: Writer, data: BriefData) -> None:
    """报/送/发 at the foot of the last page between two thick lines; 共印N份 on the right."""
    lines = []
    for label, names in (("报：", data.report_to), ("送：", data.send_to), ("发：", data.issue_to)):
        names = tuple(n for n in (wording.user(x) for x in names) if n)
        if names:
            lines.append(label + "，".join(names) + "。")
    copies = f"（共印{data.copies}份）" if data.copies else ""
    if not lines and not copies:
        return
    if not lines:
        lines = [""]
    w.frame_gap()
    rpr = w.style_rpr["Colophon"]
    usable = ooxml.TEXT_BLOCK_W
    ks = [max(1, math.ceil((1 + wording.text_width(t) + wording.text_width(copies)) * 280
                           / usable)) for t in lines]
    remaining = sum(ks)
    thick = ("single", 8, 1, "000000")
    for i, (text, k) in enumerate(zip(lines, ks)):
        sides = {}
        if i == 0:
            sides["top"] = thick
        if i == len(lines) - 1:
            sides["bottom"] = thick
        extra = {"pBdr": ooxml.border_xml(**sides)} if sides else {}
        last = i == len(lines) - 1
        tabs = '<w:tab w:val="left" w:pos="280"/>'
        if last and copies:
            tabs += f'<w:tab w:val="right" w:pos="{usable - 280}"/>'
        p = w.make_p("Colophon", "", framePr=ooxml.frame_xml(k, remaining),
                     tabs=f"<w:tabs>{tabs}</w:tabs>",
                     ind='<w:ind w:left="1120" w:hanging="1120"/>', **extra)
        w._tabbed_runs(p, "\t" + text + (("\t" + copies) if last and copies else ""), rpr)
        w.add(p)
        remaining -= k
    w.frame_anchor()
