"""Reading the 简报's native chart back out of a saved .docx (for the tests only)."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
NS = {"c": C[1:-1], "a": A[1:-1],
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@dataclass
class ReadChart:
    names: list[str]  # the package's part names
    root: etree._Element  # chartN.xml
    document: etree._Element  # word/document.xml
    workbook: bytes
    categories: list[str]
    series: dict[str, list[int]]  # series name -> values, in category order
    sizes: list[int]  # every a:defRPr sz, hundredths of a point
    fonts: set[tuple[str, str]]  # (latin, ea) of every defRPr


def read_chart(path: Path) -> ReadChart:
    """The one chart of a .docx: its cached categories and values, text sizes and fonts."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        (chart_name,) = [n for n in names if n.startswith("word/charts/chart")
                         and n.endswith(".xml")]
        root = etree.fromstring(z.read(chart_name))
        rels = etree.fromstring(z.read(chart_name.replace("charts/", "charts/_rels/") + ".rels"))
        (rel,) = rels
        book = z.read("word/" + rel.get("Target").removeprefix("../"))
        document = etree.fromstring(z.read("word/document.xml"))
    categories = None
    series = {}
    for ser in root.iter(C + "ser"):
        name = ser.findtext("c:tx//c:v", namespaces=NS)
        cats = [pt.findtext(C + "v") for pt in ser.find("c:cat//c:strCache", NS).iter(C + "pt")]
        assert categories in (None, cats)
        categories = cats
        series[name] = [int(float(pt.findtext(C + "v")))
                        for pt in ser.find("c:val//c:numCache", NS).iter(C + "pt")]
    sizes = [int(d.get("sz")) for d in root.iter(A + "defRPr")]
    fonts = {(d.find(A + "latin").get("typeface"), d.find(A + "ea").get("typeface"))
             for d in root.iter(A + "defRPr")}
    return ReadChart(names, root, document, book, categories or [], series, sizes, fonts)


def workbook_rows(blob: bytes) -> list[tuple]:
    """The embedded workbook's first sheet, opened with openpyxl."""
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(blob)).worksheets[0]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]
