"""The 简报's chart as a native Word chart (documents.md §3.4): a DrawingML chart part with its
data cached in the XML and an embedded workbook.

Word, WPS and LibreOffice draw the chart themselves, in the document's own fonts (仿宋_GB2312
for labels, 黑体 for the legend, named like every run), so nothing is rendered here and no font
needs to be installed to build it; a clerk edits the figures in Word (编辑数据). The XML is
written here rather than by python-pptx: its writer leaves out everything this chart needs
(fills, fonts, legend, labels, the workbook link) and python-pptx requires XlsxWriter and Pillow.
Elements follow the schema order of CT_ChartSpace (Word refuses a chart out of order). The same
rows give the same bytes: no ids, times or random values in either part.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import quoteattr

from docket.core.files import stamped_ooxml
from docket.docgen import wording
from docket.docgen.data import ChartRow, Fonts
from docket.docgen.ooxml import xml_text

TOP_UNITS = 15
WIDTH_MM = 150
# height: the legend, then one band per unit (two bars and a gap), in mm. A unit's name is
# 五号 (10.5 pt) in a band of 5.6 mm, 小五 (9 pt, the least a copier keeps readable) down to
# 4.8 mm: a name must fit its band in any font (Noto CJK's line is 1.45 em) or LibreOffice
# drops every other one.
FRAME_MM, BAND_MM, MIN_BAND_MM, MIN_HEIGHT_MM = 10.0, 5.6, 4.8, 40.0
LABEL_PT, SMALL_PT = 10.5, 9
SHEET = "Sheet1"
BOOK_RID = "rId1"  # the chart part's relationship to its workbook
EMU_PER_MM = 36000

CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DML_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_REL = REL_NS + "/chart"
PACKAGE_REL = REL_NS + "/package"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Two series that print in grey (a black-and-white copier is the usual printer): 交办 a light
# bar with a dark outline, 已答复 a dark bar. The legend swatches are drawn from the same spPr.
DARK, LIGHT = "404040", "D9D9D9"


@dataclass(frozen=True, slots=True)
class Chart:
    """What the chart shows: the units (largest first) and whether they are all of them."""

    rows: tuple[ChartRow, ...]
    total_units: int

    @property
    def partial(self) -> bool:
        return len(self.rows) < self.total_units

    @property
    def height_mm(self) -> float:
        """The height the chart takes at ease."""
        return max(MIN_HEIGHT_MM, FRAME_MM + BAND_MM * len(self.rows))

    @property
    def min_height_mm(self) -> float:
        """The least height that keeps every name readable."""
        return max(MIN_HEIGHT_MM, FRAME_MM + MIN_BAND_MM * len(self.rows))


def top_units(rows: tuple[ChartRow, ...], n: int = TOP_UNITS) -> Chart:
    """The n units with the most items assigned (ties by name), largest first."""
    ranked = sorted(rows, key=lambda r: (-r.assigned, wording.user(r.unit)))
    return Chart(tuple(ranked[:n]), len(rows))


def units_fitting(room_mm: float) -> int:
    """How many units fit in room_mm at the least band (never fewer than 5, nor more than the
    usual TOP_UNITS)."""
    return max(5, min(TOP_UNITS, int((room_mm - FRAME_MM) // MIN_BAND_MM)))


def caption(chart: Chart, n: int, as_of: str) -> str:
    """图1　各承办单位答复进度（截至…）, naming the top N when not every unit is shown."""
    if chart.partial:
        return wording.CHART_CAPTION_TOP.format(n=n, k=len(chart.rows), as_of=as_of)
    return wording.CHART_CAPTION.format(n=n, as_of=as_of)


def _names(chart: Chart) -> list[str]:
    return [wording.user(r.unit) for r in chart.rows]


# -- the chart part -------------------------------------------------------------------------

def _txpr(font: str, latin: str, size: float, *, bold: bool = False) -> str:
    """Text properties: size in points, the font named for Latin and East Asian text."""
    return ("<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
            f'<a:defRPr sz="{round(size * 100)}" b="{int(bold)}">'
            '<a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            f'<a:latin typeface={quoteattr(latin or font)}/><a:ea typeface={quoteattr(font)}/>'
            '</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')


def _fill(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'


def _line(color: str, emu: int = 6350) -> str:
    return f'<a:ln w="{emu}">{_fill(color)}</a:ln>'


def _str_cache(values: list[str]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{xml_text(v)}</c:v></c:pt>'
                  for i, v in enumerate(values))
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{pts}</c:strCache>'


def _num_cache(values: list[int]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
    return (f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>'
            f"{pts}</c:numCache>")


def _series(idx: int, col: str, name: str, names: list[str], values: list[int], sppr: str,
            label_txpr: str) -> str:
    last = len(names) + 1
    return (f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/>'
            f"<c:tx><c:strRef><c:f>{SHEET}!${col}$1</c:f>{_str_cache([name])}</c:strRef></c:tx>"
            f'<c:spPr>{sppr}</c:spPr><c:invertIfNegative val="0"/>'
            f"<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{label_txpr}"
            '<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
            '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
            '<c:showBubbleSize val="0"/></c:dLbls>'
            f"<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${last}</c:f>{_str_cache(names)}"
            "</c:strRef></c:cat>"
            f"<c:val><c:numRef><c:f>{SHEET}!${col}$2:${col}${last}</c:f>{_num_cache(values)}"
            "</c:numRef></c:val></c:ser>")


def label_pt(chart: Chart, height_mm: float) -> float:
    """The size of the units' names at this height: 10.5 pt, or 9 pt in narrow bands."""
    band = (height_mm - FRAME_MM) / max(1, len(chart.rows))
    return LABEL_PT if band >= BAND_MM - 1e-6 else SMALL_PT


def chart_xml(chart: Chart, fonts: Fonts, height_mm: float) -> bytes:
    """The chart part: horizontal clustered bars, the largest unit at the top, legend above,
    each bar labelled with its number (so no value axis or grid)."""
    names = _names(chart)
    body = _txpr(fonts.body, fonts.latin, label_pt(chart, height_mm))
    small = _txpr(fonts.body, fonts.latin, SMALL_PT)
    legend = _txpr(fonts.hei, fonts.latin, LABEL_PT)
    assigned = _series(0, "B", wording.CHART_ASSIGNED, names, [r.assigned for r in chart.rows],
                       _fill(LIGHT) + _line(DARK), small)
    replied = _series(1, "C", wording.CHART_REPLIED, names, [r.replied for r in chart.rows],
                      _fill(DARK) + _line(DARK), small)
    no_line = "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
    axis_line = f"<c:spPr>{_line('808080')}</c:spPr>"
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<c:chartSpace xmlns:c="{CHART_NS}" xmlns:a="{DML_NS}" xmlns:r="{REL_NS}">'
        '<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f"{assigned}{replied}"
        '<c:gapWidth val="40"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>'
        # names top to bottom in the sheet's order; the numbers are on the bars, so the value
        # axis is deleted (kept as Word needs a pair of axes)
        '<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{axis_line}{body}<c:crossAx val="1002"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="1"/><c:axPos val="b"/>'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{axis_line}{small}'
        '<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>'
        f"{no_line}</c:plotArea>"
        f'<c:legend><c:legendPos val="t"/><c:overlay val="0"/>{no_line}{legend}</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{body}"
        f'<c:externalData r:id="{BOOK_RID}"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>")
    return xml.encode("utf-8")


# -- the embedded workbook ------------------------------------------------------------------

def workbook(chart: Chart, on: datetime) -> bytes:
    """The chart's data as an xlsx (承办单位, 交办件数, 已答复件数), for 编辑数据 in Word.

    openpyxl stamps the time of saving and zip entry times: both are fixed here (the created
    and modified properties are the issue date) so the same data gives the same bytes."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([wording.CHART_UNIT, wording.CHART_ASSIGNED, wording.CHART_REPLIED])
    for name, r in zip(_names(chart), chart.rows):
        ws.append([name, r.assigned, r.replied])
    ws.column_dimensions["A"].width = 28
    for col in ("B", "C"):
        ws.column_dimensions[col].width = 12
    wb.properties.creator = wb.properties.lastModifiedBy = "docket"
    wb.properties.created = wb.properties.modified = on
    raw = io.BytesIO()
    wb.save(raw)
    return stamped_ooxml(raw.getvalue(), on)


# -- into the document ----------------------------------------------------------------------

def add_chart(doc_part, chart: Chart, fonts: Fonts, on: datetime, height_mm: float):
    """Add the chart and workbook parts to the document; the wp:inline that shows the chart,
    WIDTH_MM wide and height_mm high."""
    from docx.opc.part import Part

    package = doc_part.package
    chart_part = Part(package.next_partname("/word/charts/chart%d.xml"), CHART_CT,
                      chart_xml(chart, fonts, height_mm), package)
    book = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                XLSX_CT, workbook(chart, on), package)
    book_rid = chart_part.relate_to(book, PACKAGE_REL)
    if book_rid != BOOK_RID:  # a new part's first relationship: never happens
        raise RuntimeError(f"chart workbook related as {book_rid}, not {BOOK_RID}")
    rid = doc_part.relate_to(chart_part, CHART_REL)
    return inline_xml(rid, doc_part.next_id, WIDTH_MM, height_mm)


def inline_xml(rid: str, shape_id: int, width_mm: float, height_mm: float) -> str:
    """A wp:inline holding a c:chart reference."""
    cx, cy = round(width_mm * EMU_PER_MM), round(height_mm * EMU_PER_MM)
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    return (f'<wp:inline xmlns:wp="{wp}" xmlns:a="{DML_NS}" xmlns:c="{CHART_NS}" '
            f'xmlns:r="{REL_NS}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{shape_id}" name="图表 {shape_id}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{CHART_NS}"><c:chart r:id="{rid}"/>'
            "</a:graphicData></a:graphic></wp:inline>")
