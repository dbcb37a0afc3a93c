"""工作简报 (documents.md §3.4): red masthead, articles, a chart, the 报/送/发 block.

Article 1 is written from the figures (the 通报's sentences 1–3 and the classes), followed by
the reply-progress chart; further articles come as data.
"""
from __future__ import annotations

import io
import math

from docket.docgen import charts, ooxml, page, wording
from docket.docgen.circular import class_sentence, summary
from docket.docgen.data import BriefData
from docket.docgen.flow import Writer
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
    for s in sentences[:1]:
        w.p("BodyText", s)
    rest = "".join(sentences[1:] + ([classes] if classes else []))
    if rest:
        w.p("BodyText", rest)
    if data.chart:
        as_of = wording.cn_date(fig.as_of)
        png = charts.progress_chart(data.chart, data.chart_fonts)
        _picture(w, png)
        w.p("Caption", wording.CHART_CAPTION.format(n=1, as_of=as_of))
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


def _picture(w: Writer, png: bytes) -> None:
    """The chart, 150 mm wide, in a centred single-spaced paragraph (no exact spacing)."""
    from docx.shared import Mm

    inline = w.doc.part.new_pic_inline(io.BytesIO(png), Mm(charts.WIDTH_MM),
                                       Mm(charts.HEIGHT_MM))
    p = w.make_p("Figure")
    r = element("<w:r><w:drawing/></w:r>")
    r[0].append(inline)
    p.append(r)
    w.add(p)


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
