"""The page, the grid, the named styles and the footers: the look, set once (documents.md §1).

`new_document(kind, letterhead)` returns an empty python-docx Document whose body holds only
the section properties. Builders add paragraphs with the named styles below (ids in English,
names in Chinese). docx is imported inside the functions.
"""
from __future__ import annotations

from copy import deepcopy
from datetime import date, datetime

from docket.core.text import strip_controls
from docket.docgen import ooxml
from docket.docgen.data import Letterhead
from docket.docgen.ooxml import LINE, border_xml, ppr_xml, rpr_xml

KINDS = ("file", "letter", "plain")  # 文件, 函, no 版头 (催办通知, 征询意见表)

# Styles that stay from python-docx's template; the rest carry theme fonts and are dropped.
_KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}

_SNAP_OFF = '<w:snapToGrid w:val="0"/>'
_SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_TABLE_LINE = '<w:spacing w:before="0" w:after="0" w:line="400" w:lineRule="exact"/>'
_FIRST2 = '<w:ind w:firstLine="640"/>'

# GB/T 9704 §7.2.4: the 标志's top 35 mm below the text block's top. Rendered at 200 dpi, a
# space before of 99 pt put the glyphs' top 39.7 mm down (the 42 pt line has ascent room above
# the glyphs): 4.7 mm (266 twips) less puts it at 35.0 mm.
MARK_BEFORE = 1980 - 266
# 函 (§10.1): the footer's red double line 20 mm above the paper edge. The footer distance
# (22 mm) is the page numbers'; the line is a frame placed from the page top instead.
# 函 (§10.1): the double line 4 mm below the 标志: a space of 11 pt measured 5.8 mm at 200 dpi
LETTER_LINE_SPACE = 6
_FOOT_LINE_H = 120  # twips: a 2 pt line box, 1 pt space and the 3 pt double line
_FOOT_LINE_Y = ooxml.twips_mm(297 - 20) - _FOOT_LINE_H


def _jc(v: str) -> str:
    return f'<w:jc w:val="{v}"/>'


def style_table(lh: Letterhead) -> list[tuple[str, str, str, str]]:
    """(style id, Chinese name, pPr xml, rPr xml) of every paragraph style builders use."""
    f, red = lh.fonts, lh.red
    lat = f.latin

    def r(font: str, size: float, **kw) -> str:
        return rpr_xml(font, size, latin=lat, **kw)

    return [
        ("Mark", "发文机关标志", ppr_xml(snapToGrid=_SNAP_OFF, spacing=(
            f'<w:spacing w:before="{MARK_BEFORE}" w:after="0" w:line="240" w:lineRule="auto"/>'),
            jc=_jc("center")), r(f.title, 42, color=red)),
        ("DocNo", "发文字号", ppr_xml(jc=_jc("center")), r(f.body, 16)),
        ("DocTitle", "标题", ppr_xml(snapToGrid=_SNAP_OFF, jc=_jc("center")), r(f.title, 22)),
        ("Addressee", "主送", ppr_xml(jc=_jc("left")), r(f.body, 16)),
        ("BodyText", "正文", ppr_xml(ind=_FIRST2, jc=_jc("both")), r(f.body, 16)),
        ("Heading1CN", "一级标题", ppr_xml(keepNext="<w:keepNext/>", ind=_FIRST2),
         r(f.hei, 16)),
        ("Heading2CN", "二级标题", ppr_xml(keepNext="<w:keepNext/>", ind=_FIRST2),
         r(f.kai, 16)),
        ("Heading3CN", "三级标题", ppr_xml(ind=_FIRST2), r(f.body, 16, bold=True)),
        ("AttachNote", "附件说明", ppr_xml(ind=_FIRST2), r(f.body, 16)),
        ("AttachNoteMore", "附件说明续行", ppr_xml(ind='<w:ind w:left="1600"/>'), r(f.body, 16)),
        ("Signature", "署名", ppr_xml(keepNext="<w:keepNext/>", jc=_jc("right")),
         r(f.body, 16)),
        ("DocDate", "成文日期", ppr_xml(ind='<w:ind w:right="1280"/>', jc=_jc("right")),
         r(f.body, 16)),
        ("Remark", "附注", ppr_xml(ind=_FIRST2), r(f.body, 16)),
        ("AttachLabel", "附件标记", ppr_xml(pageBreakBefore="<w:pageBreakBefore/>",
                                        jc=_jc("left")), r(f.hei, 16)),
        ("TableHead", "表头", ppr_xml(snapToGrid=_SNAP_OFF, spacing=_TABLE_LINE,
                                    jc=_jc("center")), r(f.hei, 12)),
        ("TableText", "表格文字", ppr_xml(snapToGrid=_SNAP_OFF, spacing=_TABLE_LINE,
                                      jc=_jc("left")), r(f.body, 12)),
        ("TableNum", "表格数字", ppr_xml(snapToGrid=_SNAP_OFF, spacing=_TABLE_LINE,
                                     jc=_jc("center")), r(f.body, 12)),
        # no indent: the borders must span the text block; tabs give the 1 character in
        ("Colophon", "版记", ppr_xml(snapToGrid=_SNAP_OFF, spacing=_SINGLE), r(f.body, 14)),
        ("PageNo", "页码", ppr_xml(snapToGrid=_SNAP_OFF, spacing=_SINGLE), r(f.song, 14)),
        ("Figure", "图", ppr_xml(keepNext="<w:keepNext/>", snapToGrid=_SNAP_OFF,
                                spacing=_SINGLE, jc=_jc("center")), r(f.body, 16)),
        ("Caption", "图注", ppr_xml(snapToGrid=_SNAP_OFF, jc=_jc("center")), r(f.body, 14)),
        ("BriefName", "简报名称", ppr_xml(snapToGrid=_SNAP_OFF, spacing=(
            '<w:spacing w:before="600" w:after="240" w:line="240" w:lineRule="auto"/>'),
            jc=_jc("center")), r(f.title, 36, color=red)),
        ("IssueNo", "期号", ppr_xml(jc=_jc("center")), r(f.body, 16)),
        ("BriefLine", "编印行", ppr_xml(
            pBdr=border_xml(bottom=("single", 18, 4, red)),
            tabs=f'<w:tabs><w:tab w:val="right" w:pos="{ooxml.TEXT_BLOCK_W}"/></w:tabs>',
            spacing='<w:spacing w:before="0" w:after="240" w:line="579" w:lineRule="exact"/>'),
            r(f.body, 16)),
        ("Internal", "内部资料", ppr_xml(jc=_jc("left")), r(f.hei, 16)),
        ("EditorNote", "编者按", ppr_xml(ind=_FIRST2, jc=_jc("both")), r(f.kai, 16)),
        ("LetterMark", "函标志", ppr_xml(
            pBdr=border_xml(bottom=("thickThinSmallGap", 24, LETTER_LINE_SPACE, red)),
            snapToGrid=_SNAP_OFF, spacing=_SINGLE,
            ind='<w:ind w:left="-397" w:right="-397"/>', jc=_jc("center")),
            r(f.title, 26, color=red)),
        ("LetterFoot", "函页脚线", ppr_xml(
            pBdr=border_xml(bottom=("thinThickSmallGap", 24, 1, red)),
            snapToGrid=_SNAP_OFF, spacing=_SINGLE, ind='<w:ind w:left="-397" w:right="-397"/>'),
            r(f.body, 10)),
        ("FormNote", "表注", ppr_xml(snapToGrid=_SNAP_OFF, spacing=(
            '<w:spacing w:before="120" w:after="0" w:line="400" w:lineRule="exact"/>'),
            jc=_jc("both")), r(f.body, 14)),
    ]


def _install_styles(doc, lh: Letterhead) -> None:
    from docx.oxml.ns import qn

    styles = doc.styles.element
    for st in list(styles.findall(qn("w:style"))):
        if st.get(qn("w:styleId")) not in _KEEP_STYLES:
            styles.remove(st)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    f = lh.fonts
    # docDefaults: no theme fonts, 三号, East-Asian language zh-CN. The Latin language stays
    # en-US as in Word's own Chinese documents: a Latin language of zh-CN makes LibreOffice
    # break inside numbers (33.8 / %, 1 / 9.2%) in justified text (checked by rendering).
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(0, ooxml.element(
        "<w:docDefaults><w:rPrDefault>"
        + rpr_xml(f.body, 16, latin=f.latin).replace(
            "</w:rPr>", '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>')
        + "</w:rPrDefault><w:pPrDefault><w:pPr>"
        + '<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>'
        + "</w:pPr></w:pPrDefault></w:docDefaults>"))
    normal = doc.styles["Normal"].element
    for child in list(normal):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            normal.remove(child)
    normal.append(ooxml.element(ppr_xml(
        widowControl='<w:widowControl w:val="0"/>',
        spacing='<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>',
        jc=_jc("both"))))
    normal.append(ooxml.element(rpr_xml(f.body, 16, latin=f.latin, color="000000",
                                        condense=-5)))
    for sid, name, ppr, rpr in style_table(lh):
        styles.append(ooxml.element(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
            f"{ppr}{rpr}</w:style>"))
    # Table Grid keeps its borders; strip any theme font it might carry
    for rf in styles.iter(qn("w:rFonts")):
        for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rf.attrib.pop(qn(a), None)


def _setup_section(doc, kind: str) -> None:
    from docx.shared import Mm

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    # 函: the 标志's top 30 mm below the paper edge (§10.1); its 26 pt line has 2.9 mm above the
    # glyphs (rendered at 200 dpi: 32.9 mm with a 30 mm header distance)
    sec.header_distance = Mm(27.1 if kind == "letter" else 15)
    sec.footer_distance = Mm(22)
    sect = sec._sectPr
    from docx.oxml.ns import qn

    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = ooxml.element(f'<w:docGrid w:type="lines" w:linePitch="{LINE}"/>')
    # docGrid is the last but one child family of sectPr; after pgMar/cols
    sect.append(grid)


def _fill_footer(part_el, lh: Letterhead, side: str) -> None:
    """One page-number paragraph: odd pages right with 1 character in, even pages left."""
    from docx.oxml.ns import qn

    for child in list(part_el):
        part_el.remove(child)
    ind = ('<w:ind w:right="280"/>' if side == "odd" else '<w:ind w:left="280"/>')
    jc = _jc("right" if side == "odd" else "left")
    p = ooxml.element("<w:p>" + ppr_xml("PageNo", ind=ind, jc=jc) + "</w:p>")
    ooxml.page_field(p, ooxml.element(rpr_xml(lh.fonts.song, 14, latin=lh.fonts.latin,
                                              snap_off=True)))
    part_el.append(p)
    assert p.tag == qn("w:p")


def _setup_footers(doc, lh: Letterhead, kind: str) -> None:
    sec = doc.sections[0]
    doc.settings.odd_and_even_pages_header_footer = True
    _fill_footer(sec.footer._element, lh, "odd")
    _fill_footer(sec.even_page_footer._element, lh, "even")
    if kind != "letter":
        return
    # 函 (§1.4): its own first page, the 标志 and a red double line in the header,
    # a red double line and no page number in the footer
    sec.different_first_page_header_footer = True
    hdr = sec.first_page_header._element
    for child in list(hdr):
        hdr.remove(child)
    p = ooxml.element("<w:p>" + ppr_xml("LetterMark") + "</w:p>")
    p.append(ooxml.run(ooxml.element(rpr_xml(lh.fonts.title, 26, latin=lh.fonts.latin,
                                             color=lh.red, snap_off=True)), lh.signer_name))
    hdr.append(p)
    ftr = sec.first_page_footer._element
    for child in list(ftr):
        ftr.remove(child)
    ftr.append(ooxml.element("<w:p>" + ppr_xml(
        "LetterFoot", framePr=(
            f'<w:framePr w:w="{ooxml.twips_mm(170)}" w:h="{_FOOT_LINE_H}" w:hRule="exact" '
            'w:hSpace="0" w:wrap="notBeside" w:vAnchor="page" w:hAnchor="page" '
            f'w:xAlign="center" w:y="{_FOOT_LINE_Y}"/>'),
        spacing='<w:spacing w:before="0" w:after="0" w:line="40" w:lineRule="exact"/>',
        ind='<w:ind w:left="0" w:right="0"/>') + "</w:p>"))
    ftr.append(ooxml.element(ooxml.ANCHOR_P))


def _setup_settings(doc) -> None:
    from docx.oxml.ns import qn

    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        # themeFontLang sits late in CT_Settings; before clrSchemeMapping when present
        lang = ooxml.element('<w:themeFontLang w:val="en-US"/>')
        anchor = settings.find(qn("w:clrSchemeMapping"))
        if anchor is not None:
            anchor.addprevious(lang)
        else:
            settings.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def new_document(kind: str, lh: Letterhead):
    """An empty Document with the page, grid, styles, settings and footers of this kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    import docx

    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != ooxml.W + "sectPr":
            body.remove(child)
    _install_styles(doc, lh)
    _setup_section(doc, kind)
    _setup_settings(doc)
    _setup_footers(doc, lh, kind)
    if kind == "file":  # the kind with a 版记: its blank page and 版记 page have no number
        _add_blank_footer(doc)
    _setup_package(doc, lh)
    return doc


_BLANK_FOOTER_P = '<w:p><w:pPr><w:pStyle w:val="PageNo"/></w:pPr></w:p>'


def _add_blank_footer(doc) -> None:
    """A footer part holding one empty paragraph, for the pages that carry no page number.

    Made with the skeleton, so a batch's documents share it (and a document's bytes do not
    depend on what was built before it in the batch)."""
    part, _rid = doc.part.add_footer_part()
    el = part.element
    for child in list(el):
        el.remove(child)
    el.append(ooxml.element(_BLANK_FOOTER_P))


def _blank_footer_rid(doc) -> str:
    """The relationship id of the skeleton's blank footer (a footer with no runs)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rid, rel in sorted(doc.part.rels.items()):
        if (rel.reltype == RT.FOOTER and not rel.is_external
                and rel.target_part.element.find(f".//{ooxml.W}r") is None):
            return rid
    raise ValueError("this kind of document has no blank footer")


def unnumbered_from(doc, first) -> None:
    """The pages from paragraph `first` on carry no page number (GB/T 9704 §7.5: where a blank
    page comes before the 版记 page, neither is numbered).

    The body's one section is split: the section so far ends right before `first` (its
    properties, footers and all, move into the pPr of the paragraph before, or of a 1 pt
    paragraph after a table), and the last section (the body's sectPr) starts on the next page
    with the blank footer on odd and even pages and no first-page footer of its own."""
    from docx.oxml.ns import qn

    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    prev = first.getprevious()
    if (prev is None or prev.tag != qn("w:p") or prev.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
            is not None or prev.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None):
        prev = ooxml.element(ooxml.ANCHOR_P)
        first.addprevious(prev)
    ppr = prev.find(qn("w:pPr"))
    if ppr is None:
        ppr = ooxml.element("<w:pPr/>")
        prev.insert(0, ppr)
    ppr.append(deepcopy(sect))  # sectPr is pPr's last child but pPrChange (never written)
    rid = _blank_footer_rid(doc)
    for old in sect.findall(qn("w:footerReference")) + sect.findall(qn("w:titlePg")):
        sect.remove(old)
    for old in sect.findall(qn("w:type")):
        sect.remove(old)
    # schema order: header/footer references first, then footnotePr, endnotePr, type, pgSz
    at = len(sect.findall(qn("w:headerReference")))
    refs = [ooxml.element(f'<w:footerReference xmlns:r="{_R_NS}" w:type="{t}" r:id="{rid}"/>')
            for t in ("default", "even")]
    for i, el in enumerate(refs + [ooxml.element('<w:type w:val="nextPage"/>')]):
        sect.insert(at + i, el)


_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_RT_APP = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "extended-properties")


def _setup_package(doc, lh: Letterhead) -> None:
    """No leftovers from python-docx's template: docProps/app.xml names docket and the office
    (it said "Microsoft Macintosh Word"), and the blank thumbnail.jpeg and its relationship go."""
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == _RT_THUMBNAIL:
            pkg.rels.pop(rid)
        elif rel.reltype == _RT_APP:
            rel.target_part._blob = app_xml(lh.org_name)


def app_xml(company: str) -> bytes:
    """The extended properties of a docket document: application and company only."""
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><Application>docket</Application><DocSecurity>0</DocSecurity>'
            f"<Company>{ooxml.xml_text(strip_controls(company))}</Company></Properties>").encode("utf-8")


def set_core(doc, *, title: str, author: str, on: date) -> None:
    """Core properties from the data, never the clock (documents.md §5)."""
    cp = doc.core_properties
    stamp = datetime(on.year, on.month, on.day)
    cp.created = cp.modified = cp.last_printed = stamp
    cp.author = cp.last_modified_by = author
    cp.title = title
    cp.revision = 1
    cp.comments = ""
    cp.subject = ""
    cp.keywords = ""
    cp.category = ""
    cp.language = "zh-CN"
