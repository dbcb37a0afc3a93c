"""The xlsx stream reader against openpyxl, on files as Excel and WPS write them."""
from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from docket.core.importer import ImportRow, read_items
from docket.core.sheets.xlsx import fast_xlsx_grids as _fast_xlsx_grids
from docket.core.sheets.xlsx import openpyxl_grids as _xlsx_grids

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def excel_like(path: Path, *, date1904: bool = False) -> Path:
    """Shared strings (one with rich runs and a phonetic guide), a custom 年月日 date style,
    built-in style 14, a boolean, a formula's cached text, gaps between rows, a merged range."""
    strings = ["建议编号", "标题", "领衔代表", "提出日期", "交办日期", "是否重点",
               "关于加强农村道路建设的建议", "张三", ("<r><t>关于修缮</t></r><r><rPr><b/></rPr>"
                "<t>学校</t></r><r><t>的建议</t></r><rPh sb=\"0\" eb=\"1\"><t>かな</t></rPh>"), "李四",
               "全县建议汇总表"]
    si = "".join(f"<si>{s}</si>" if s.startswith("<r>") else f"<si><t>{s}</t></si>" for s in strings)
    serial = 46086 - (1462 if date1904 else 0)  # 2026-03-05 in either epoch
    sheet = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:A1"/><sheetData>
<row r="1"><c r="A1" t="s"><v>10</v></c></row>
<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c>
<c r="D3" t="s"><v>3</v></c><c r="E3" t="s"><v>4</v></c><c r="F3" t="s"><v>5</v></c></row>
<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>6</v></c><c r="C4" t="s"><v>7</v></c>
<c r="D4" s="1"><v>{serial}</v></c><c r="E4" s="2"><v>{serial + 1}.5</v></c><c r="F4" t="b"><v>1</v></c></row>
<row r="6"><c r="A6" t="str"><f>A4+1</f><v>2</v></c><c r="B6" t="s"><v>8</v></c><c r="C6" t="s"><v>9</v></c>
<c r="D6" s="1"><v>{serial}</v></c><c r="F6" t="b"><v>0</v></c><c r="G6" s="3"/></row>
<row r="40"><c r="A40" s="3"/><c r="B40" s="3"/></row>
</sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells></worksheet>"""
    styles = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>
<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="0" borderId="0"/></cellXfs></styleSheet>"""
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    parts = {
        "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>""",
        "_rels/.rels": f"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
        "xl/workbook.xml": f"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">
{pr}<bookViews><workbookView activeTab="0"/></bookViews>
<sheets><sheet name="汇总" sheetId="1" r:id="rId1"/></sheets></workbook>""",
        "xl/_rels/workbook.xml.rels": f"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>
<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>""",
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{si}</sst>',
        "xl/styles.xml": styles,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return path


EXPECTED = [
    ImportRow(row=4, number=1, title="关于加强农村道路建设的建议", proposer="张三",
              received_on=date(2026, 3, 5), assigned_on=date(2026, 3, 6), key=True),
    ImportRow(row=6, number=2, title="关于修缮学校的建议", proposer="李四",
              received_on=date(2026, 3, 5)),
]


def test_excel_written_file_reads_as_expected(tmp_path: Path) -> None:
    parsed = read_items(excel_like(tmp_path / "e.xlsx"))
    assert (parsed.errors, parsed.rows, parsed.sheet) == ([], EXPECTED, "汇总")


def test_1904_epoch(tmp_path: Path) -> None:
    assert read_items(excel_like(tmp_path / "m.xlsx", date1904=True)).rows == EXPECTED


def test_stream_reader_matches_openpyxl(tmp_path: Path) -> None:
    path = excel_like(tmp_path / "e.xlsx")
    [fast], [slow] = _fast_xlsx_grids(path, None), _xlsx_grids(path, None)
    assert (fast.rows, fast.merges, fast.epoch) == (slow.rows, slow.merges, slow.epoch)
    assert fast.rows[3] == (4, [1, "关于加强农村道路建设的建议", "张三", datetime(2026, 3, 5),
                                datetime(2026, 3, 6, 12, 0), True])


def test_reading_xlsx_does_not_need_openpyxl(tmp_path: Path) -> None:
    """The stream reader handles what Excel writes; openpyxl stays a fallback for odd files."""
    import subprocess
    import sys

    probe = ("import sys; from docket.core.importer import read_items; "
             f"n = len(read_items({str(excel_like(tmp_path / 'e.xlsx'))!r}).rows); "
             "print(n, 'openpyxl' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "2 False\n"
