"""The few WordprocessingML pokes python-docx has no API for (documents.md §1.6).

Elements are written as XML text in schema order and parsed once into cached prototypes;
callers get deep copies. Only lxml and docx.oxml are imported, inside functions or lazily.
"""
from __future__ import annotations

from copy import deepcopy
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from docket.core.text import strip_controls

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# rPr children that come after rFonts (insert_element_before needs them)
RPR_AFTER_RFONTS = (
    "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
    "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
    "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)

# pPr children in schema order (CT_PPrBase, then rPr/sectPr/pPrChange)
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)

TEXT_BLOCK_W = 8844  # 156 mm in twips
TEXT_BLOCK_H = 12756  # 225 mm in twips
LINE = 579  # 28.95 pt in twips


def twips_mm(mm: float) -> int:
    """Millimetres to twentieths of a point."""
    return round(mm * 1440 / 25.4)


def parse(xml: str):
    """Parse one element written with the w: prefix."""
    from docx.oxml import parse_xml

    head_end = xml.index(">")
    self_closing = xml[head_end - 1] == "/"
    cut = head_end - 1 if self_closing else head_end
    return parse_xml(xml[:cut] + f' xmlns:w="{W_NS}"' + xml[cut:])


@lru_cache(maxsize=512)
def _proto(xml: str):
    return parse(xml)


def element(xml: str):
    """A fresh copy of the element written in xml (parsed once)."""
    return deepcopy(_proto(xml))


def fonts_xml(name: str, latin: str = "") -> str:
    """rFonts naming all four slots, no theme attributes."""
    lat = latin or name
    return (f"<w:rFonts w:ascii={quoteattr(lat)} w:hAnsi={quoteattr(lat)} "
            f"w:eastAsia={quoteattr(name)} w:cs={quoteattr(name)}/>")


def rpr_xml(font: str, size: float, *, latin: str = "", bold: bool = False,
            color: str | None = None, condense: int | None = None, width: int | None = None,
            snap_off: bool = False) -> str:
    """A run's rPr in schema order; size in points."""
    parts = [fonts_xml(font, latin)]
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if snap_off:
        parts.append('<w:snapToGrid w:val="0"/>')
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if condense is not None:
        parts.append(f'<w:spacing w:val="{condense}"/>')
    if width is not None:
        parts.append(f'<w:w w:val="{width}"/>')
    hp = round(size * 2)
    parts.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def ppr_xml(style: str | None = None, **parts: str) -> str:
    """A pPr whose children (given as XML fragments by local name) come out in schema order."""
    if style:
        parts["pStyle"] = f'<w:pStyle w:val="{style}"/>'
    unknown = set(parts) - set(PPR_ORDER)
    if unknown:
        raise ValueError(f"unknown pPr parts {sorted(unknown)}")
    return "<w:pPr>" + "".join(parts[k] for k in PPR_ORDER if k in parts) + "</w:pPr>"


def border_xml(**sides: tuple[str, int, int, str]) -> str:
    """pBdr with sides given as (val, sz, space, color): top, bottom..."""
    order = ("top", "left", "bottom", "right", "between", "bar")
    inner = "".join(
        f'<w:{s} w:val="{v[0]}" w:sz="{v[1]}" w:space="{v[2]}" w:color="{v[3]}"/>'
        for s in order if s in sides for v in [sides[s]])
    return f"<w:pBdr>{inner}</w:pBdr>"


def frame_xml(lines_here: int, lines_from_bottom: int) -> str:
    """A framed paragraph at the foot of the text block (版记, 报尾): documents.md §1.3.9."""
    y = TEXT_BLOCK_H - lines_from_bottom * LINE
    # notBeside: LibreOffice 7.4 lets body text run under a full-width "around" frame
    return (f'<w:framePr w:w="{TEXT_BLOCK_W}" w:h="{lines_here * LINE}" w:hRule="exact" '
            f'w:hSpace="0" w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin" '
            f'w:xAlign="center" w:y="{y}"/>')


# A 1 pt empty paragraph: LibreOffice 7.4 anchors a framed paragraph to the next unframed one,
# and drops the frame when there is none (the 版记 at a body's end, the 函's footer line).
ANCHOR_P = ('<w:p><w:pPr><w:pStyle w:val="Normal"/><w:snapToGrid w:val="0"/>'
            '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def run(rpr, text: str):
    """A w:r with a copy of the rPr prototype and one w:t."""
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    r.append(deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = text = strip_controls(text)  # XML refuses ESC; no remnant such as [31m either
    if text[:1].isspace() or text[-1:].isspace():
        t.set(XML_SPACE, "preserve")
    r.append(t)
    return r


def page_field(p, rpr) -> None:
    """Append `— PAGE —` as runs in rpr: text, fldChar begin, instrText, separate, 1, end, text."""
    from docx.oxml import OxmlElement

    p.append(run(rpr, "— "))
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None),
                       ("text", "1"), ("end", None)):
        if kind == "text":
            p.append(run(rpr, text))
            continue
        r = OxmlElement("w:r")
        r.append(deepcopy(rpr))
        if kind == "instr":
            it = OxmlElement("w:instrText")
            it.set(XML_SPACE, "preserve")
            it.text = text
            r.append(it)
        else:
            fc = OxmlElement("w:fldChar")
            fc.set(W + "fldCharType", kind)
            r.append(fc)
        p.append(r)
    p.append(run(rpr, " —"))


def set_font(owner, name: str, latin: str | None = None) -> None:
    """Name all four rFonts slots on a run, style or docDefaults rPr parent; strip theme fonts."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = owner.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert_element_before(rf, *RPR_AFTER_RFONTS)
    for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rf.attrib.pop(qn(a), None)
    for a, v in (("w:ascii", latin or name), ("w:hAnsi", latin or name),
                 ("w:eastAsia", name), ("w:cs", name)):
        rf.set(qn(a), v)


def xml_text(text: str) -> str:
    """Escape text for an XML fragment."""
    return escape(text)
