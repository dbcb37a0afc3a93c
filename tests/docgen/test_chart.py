"""The 简报's chart is a native Word chart (issue 11, issue 14 item 9): its data cached in the
chart part and in an embedded workbook, drawn by Word/WPS/LibreOffice in the document's fonts,
so the briefing is built on a machine without a single font."""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from docket.docgen import briefing, charts, save
from docket.docgen.data import ChartRow
from tests.docgen.charting import NS, A, C, read_chart, workbook_rows

LONG_SESSION = "县第十八届人民代表大会第五次会议暨第十八届人民代表大会常务委员会第二十次会议与专题询问会议"
TOP15 = "图1　交办件数前15位承办单位答复进度（截至2026年6月30日）"


def top(rows, n=15):
    return sorted(rows, key=lambda r: (-r.assigned, r.unit))[:n]


def build(data, tmp_path: Path, name: str = "b.docx") -> Path:
    return save.save(briefing.build(data), tmp_path / name)


def test_the_chart_is_a_chart_part_with_the_data_and_no_picture(make, tmp_path):
    data = make.brief()
    path = build(data, tmp_path)
    chart = read_chart(path)
    assert not [n for n in chart.names if n.startswith("word/media/")]
    assert [n for n in chart.names if n.startswith("word/embeddings/")] == [
        "word/embeddings/Microsoft_Excel_Worksheet1.xlsx"]
    shown = top(data.chart)
    assert chart.categories == [r.unit for r in shown]  # the largest first, as in the sheet
    assert chart.series == {"交办件数": [r.assigned for r in shown],
                            "已答复件数": [r.replied for r in shown]}
    # shown in the document through a c:chart in a wp:inline, inside the text block
    (inline,) = chart.document.iterfind(".//wp:inline", NS)
    assert inline.find("a:graphic/a:graphicData", NS).get("uri") == C[1:-1]
    assert inline.find("a:graphic/a:graphicData/c:chart", NS) is not None
    ext = inline.find("wp:extent", NS)
    assert int(ext.get("cx")) <= Mm(156) and Mm(45) <= int(ext.get("cy")) <= Mm(120)
    # clustered horizontal bars, no title inside (the caption names it), a legend
    bar = chart.root.find(".//c:barChart", NS)
    assert [bar.find(f"c:{k}", NS).get("val") for k in ("barDir", "grouping")] == ["bar", "clustered"]
    assert chart.root.find(".//c:autoTitleDeleted", NS).get("val") == "1"
    assert chart.root.find(".//c:title", NS) is None
    assert chart.root.find(".//c:legend/c:legendPos", NS) is not None
    assert [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "图注"] == [TOP15]


def test_labels_print_at_9_pt_or_more_in_the_documents_fonts(make, tmp_path):
    chart = read_chart(build(make.brief(), tmp_path))
    assert chart.sizes and min(chart.sizes) >= 900
    assert chart.fonts == {("仿宋_GB2312", "仿宋_GB2312"), ("黑体", "黑体")}
    # every text element names its fonts: axis names, value labels, legend
    for where in ("c:catAx", "c:ser/c:dLbls", "c:legend"):
        for el in chart.root.iterfind(f".//{where}", NS):
            assert el.find("c:txPr//a:defRPr/a:ea", NS) is not None, where
    # a Latin font set for documents (doc.font.latin) names the Latin slot only
    lh = make.LH
    latin = dataclasses.replace(lh, fonts=dataclasses.replace(lh.fonts, latin="Times New Roman"))
    chart = read_chart(build(dataclasses.replace(make.brief(), letterhead=latin), tmp_path, "t.docx"))
    assert chart.fonts == {("Times New Roman", "仿宋_GB2312"), ("Times New Roman", "黑体")}


def test_series_print_in_grey_one_dark_one_light_with_an_outline(make, tmp_path):
    chart = read_chart(build(make.brief(), tmp_path))
    fills = []
    for ser in chart.root.iter(C + "ser"):
        sp = ser.find(C + "spPr")
        fills.append(sp.find("a:solidFill/a:srgbClr", NS).get("val"))
        assert sp.find("a:ln//a:srgbClr", NS) is not None  # outlined: a light bar stays visible
    for colour in fills + [c.get("val") for c in chart.root.iter(A + "srgbClr")]:
        assert colour[0:2] == colour[2:4] == colour[4:6], colour  # grey only
    light, dark = (int(c[:2], 16) for c in fills)
    assert light >= 0xC0 and dark <= 0x50


def test_the_embedded_workbook_holds_the_same_data(make, tmp_path):
    data = make.brief()
    chart = read_chart(build(data, tmp_path))
    rows = workbook_rows(chart.workbook)
    assert rows[0] == ("承办单位", "交办件数", "已答复件数")
    assert rows[1:] == [(r.unit, r.assigned, r.replied) for r in top(data.chart)]
    # the chart's formulas point at those cells
    refs = [f.text for f in chart.root.iter(C + "f")]
    assert refs == ["Sheet1!$B$1", "Sheet1!$A$2:$A$16", "Sheet1!$B$2:$B$16",
                    "Sheet1!$C$1", "Sheet1!$A$2:$A$16", "Sheet1!$C$2:$C$16"]


def test_all_units_shown_keep_the_plain_caption(make, tmp_path):
    rows = (ChartRow("县水利局", 9, 7), ChartRow("县交通运输局", 12, 5))
    path = build(dataclasses.replace(make.brief(), chart=rows), tmp_path)
    chart = read_chart(path)
    assert chart.categories == ["县交通运输局", "县水利局"]
    assert chart.series == {"交办件数": [12, 9], "已答复件数": [5, 7]}
    captions = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "图注"]
    assert captions == ["图1　各承办单位答复进度（截至2026年6月30日）"]
    assert min(chart.sizes) >= 900


def test_control_characters_never_reach_the_chart_or_workbook(make, tmp_path):
    rows = (ChartRow("县水利局\x1b[31m\x07\ud800\ufffe", 9, 7),)
    chart = read_chart(build(dataclasses.replace(make.brief(), chart=rows), tmp_path))
    assert chart.categories == ["县水利局[31m"] or chart.categories == ["县水利局"]
    for text in (chart.categories[0], workbook_rows(chart.workbook)[1][0]):
        assert not any(ord(c) < 32 or c in "\ufffe" or 0xD800 <= ord(c) <= 0xDFFF
                       for c in text), text


def _body_order(path: Path) -> list[str]:
    d = docx.Document(str(path))
    out = []
    for p in d.paragraphs:
        if p._p.find(f".//{qn('w:drawing')}") is not None:
            out.append("chart")
        elif p.style.name in ("正文", "图注"):
            out.append(p.style.name)
    return out


def test_chart_sits_on_page_one_sized_to_the_room_left(make, tmp_path):
    """Page 1 ends full: the chart comes after the first sentence and is no taller than the
    room there (a taller one would move on); with less room (the 内部资料 line) it comes before
    that sentence. The caption is kept with it."""
    data = dataclasses.replace(make.brief(), internal=False)
    path = build(data, tmp_path)
    assert _body_order(path)[:4] == ["正文", "chart", "图注", "正文"]
    d = docx.Document(str(path))
    fig = [p for p in d.paragraphs if p._p.find(f".//{qn('w:drawing')}") is not None][0]
    assert fig.style.paragraph_format.keep_with_next
    height = int(read_chart(path).document.find(".//wp:extent", NS).get("cy")) / 36000
    # masthead 59 mm; empty, title (2), empty, first sentence (2), caption: 7 lines of 10.21
    assert 80 <= height <= 225 - 59 - 7 * 10.21
    path = build(make.brief(), tmp_path, "internal.docx")
    assert _body_order(path)[:3] == ["chart", "图注", "正文"]
    assert read_chart(path).categories == [r.unit for r in top(data.chart)]
    # a three-line title as well: fewer units, and the caption says how many
    long = dataclasses.replace(make.brief(), figures=dataclasses.replace(
        data.figures, session_short=LONG_SESSION))
    path = build(long, tmp_path, "long.docx")
    assert _body_order(path)[:3] == ["chart", "图注", "正文"]
    n = len(read_chart(path).categories)
    assert 5 <= n < 15
    captions = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "图注"]
    assert captions == [f"图1　交办件数前{n}位承办单位答复进度（截至2026年6月30日）"]


def _page_one_bottom(pdf: Path) -> tuple[str, float]:
    """Page 1's text and the foot of its lowest line above the footer, in points."""
    import re

    xml = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    words = re.findall(r'yMax="([\d.]+)">([^<]*)<', xml)
    foot = (37 + 225) * 72 / 25.4  # the text block's foot: top margin 37 mm + 225 mm
    lowest = max(float(y) for y, w in words if float(y) < foot + 2)
    return "".join(w for _, w in words), foot - lowest


def _can_render_chinese() -> bool:
    """soffice and pdftotext installed, and a Chinese font for LibreOffice to draw with (the
    build needs none; a render of boxes would measure nothing)."""
    if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("fc-list")):
        return False
    return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True,
                               check=False).stdout.strip())


@pytest.mark.skipif(not _can_render_chinese(), reason="soffice, pdftotext or a CJK font missing")
@pytest.mark.parametrize(("internal", "session"), [
    (False, "县十八届人大五次会议"),  # after the first sentence, 15 units
    (True, LONG_SESSION)])  # before it, fewer units
def test_rendered_page_one_holds_the_chart_and_ends_full(make, tmp_path, internal, session):
    """LibreOffice draws the chart on page 1 with every name, and page 1 ends less than a line
    above the text block's foot (the issue: it ended 4 lines early when the chart moved on)."""
    data = make.brief()
    data = dataclasses.replace(data, internal=internal, figures=dataclasses.replace(
        data.figures, session_short=session))
    path = build(data, tmp_path)
    shown = read_chart(path).categories
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text, gap = _page_one_bottom(tmp_path / "b.pdf")
    caption = f"图1交办件数前{len(shown)}位承办单位答复进度（截至2026年6月30日）"
    assert caption in text.replace("\u3000", "")
    for unit in shown:
        assert unit in text, unit
    assert gap < 28.95, gap


def _no_font_env(tmp_path: Path) -> dict[str, str]:
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><cachedir>' + str(tmp_path / "fc")
                    + "</cachedir></fontconfig>", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FONTCONFIG", "MPL"))}
    env.update(FONTCONFIG_FILE=str(conf), FONTCONFIG_PATH=str(tmp_path), HOME=str(tmp_path),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), DOCKET_TODAY="2026-03-20",
               DOCKET_USER="测试员")
    return env


def test_brief_on_a_machine_without_any_font(tmp_path):
    """Every system font hidden and no warm cache: `docket brief` exits 0 with a chart of the
    data (Chinese names and both series), no picture, and records its 期号."""
    from docket.core import documents
    from docket.fixtures.demo import build_demo
    from docket.store.db import opened

    db = tmp_path / "demo.db"
    build_demo(db, n_items=80, today=date(2026, 3, 20), actor="测试员")
    env = _no_font_env(tmp_path)
    if shutil.which("fc-list"):  # the premise: fontconfig sees no font at all
        seen = subprocess.run(["fc-list"], env=env, capture_output=True, text=True)
        assert seen.stdout.strip() == ""
    out = tmp_path / "简报.docx"
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "docket", "--db", str(db),
                           "brief", "--out", str(out)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if not line.startswith("import time:")]
    assert said == ["已生成代表建议办理工作简报第1期。"]
    # nothing looks for a font (matplotlib scans /usr/share/fonts itself, past fontconfig)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert not {m for m in imported
                if m.split(".")[0] in ("matplotlib", "fontTools") or m == "PIL.ImageFont"}
    chart = read_chart(out)
    assert not [n for n in chart.names if n.startswith("word/media/")]
    with opened(db) as conn:
        expected = charts.top_units(documents.brief_data(conn, date(2026, 3, 20)).issues[0]
                                    .record.chart).rows
        recorded = conn.execute("SELECT serial FROM documents WHERE kind = 'brief'").fetchall()
    assert [tuple(r) for r in recorded] == [(1,)]
    assert chart.categories == [r.unit for r in expected]
    assert all("\u4e00" <= name[0] <= "\u9fff" for name in chart.categories)  # 县…局, 镇…
    assert chart.series == {"交办件数": [r.assigned for r in expected],
                            "已答复件数": [r.replied for r in expected]}
    assert workbook_rows(chart.workbook)[1:] == [(r.unit, r.assigned, r.replied)
                                                 for r in expected]


# the child order of ISO/IEC 29500-1 dml-chart.xsd for the elements written (Word refuses a
# chart part whose children are out of order; LibreOffice does not care, so a render proves
# nothing here)
SCHEMA_ORDER = {
    "chartSpace": "date1904 lang roundedCorners AlternateContent style clrMapOvr pivotSource "
                  "protection chart spPr txPr externalData printSettings userShapes extLst",
    "chart": "title autoTitleDeleted pivotFmts view3D floor sideWall backWall plotArea legend "
             "plotVisOnly dispBlanksAs showDLblsOverMax extLst",
    "plotArea": "layout barChart catAx valAx dTable spPr extLst",
    "barChart": "barDir grouping varyColors ser dLbls gapWidth overlap serLines axId extLst",
    "ser": "idx order tx spPr invertIfNegative pictureOptions dPt dLbls trendline errBars cat "
           "val shape extLst",
    "dLbls": "dLbl delete numFmt spPr txPr dLblPos showLegendKey showVal showCatName "
             "showSerName showPercent showBubbleSize separator showLeaderLines leaderLines extLst",
    "catAx": "axId scaling delete axPos majorGridlines minorGridlines title numFmt "
             "majorTickMark minorTickMark tickLblPos spPr txPr crossAx crosses crossesAt auto "
             "lblAlgn lblOffset tickLblSkip tickMarkSkip noMultiLvlLbl extLst",
    "valAx": "axId scaling delete axPos majorGridlines minorGridlines title numFmt "
             "majorTickMark minorTickMark tickLblPos spPr txPr crossAx crosses crossesAt "
             "crossBetween majorUnit minorUnit dispUnits extLst",
    "legend": "legendPos legendEntry layout overlay spPr txPr extLst",
    "strRef": "f strCache extLst", "numRef": "f numCache extLst",
    "numCache": "formatCode ptCount pt extLst", "strCache": "ptCount pt extLst",
}


def test_chart_children_in_schema_order(make, tmp_path):
    from lxml import etree

    root = read_chart(build(make.brief(), tmp_path)).root
    seen = set()
    for el in root.iter(C + "*"):
        name = etree.QName(el).localname
        if name not in SCHEMA_ORDER:
            continue
        seen.add(name)
        order = SCHEMA_ORDER[name].split()
        kids = [etree.QName(k).localname for k in el]
        assert all(k in order for k in kids), (name, kids)
        assert kids == sorted(kids, key=order.index), (name, kids)
    assert seen == set(SCHEMA_ORDER)
