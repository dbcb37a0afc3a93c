"""Hostile files (issue 12): crafted, huge, truncated or mis-encoded spreadsheets are refused
quickly with a Chinese message naming the file, never a traceback, a long wait or a MemoryError;
an import refused this way stores nothing."""
from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from docket.core.errors import BadInput
from docket.core.importer import read_items, read_plan
from docket.core.sheets.grid import Limits
from docket.core.sheets.read import load_grids
from docket.core.sheets.xlsx import openpyxl_grids as _xlsx_grids
from tests.conftest import invoke, ok
from tests.helpers import snapshot


def book(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def patched(src: Path, dst: Path, fn, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """A copy of `src` with one part rewritten by `fn(bytes) -> bytes`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, fn(data) if info.filename == member else data)
    return dst


def ok_sheet(tmp_path: Path) -> Path:
    return book(tmp_path / "ok.xlsx", [["标题", "领衔代表"], ["关于修缮河堤的建议", "张三"]])


def refused_fast(fn, pattern: str) -> float:
    start = time.perf_counter()
    with pytest.raises(BadInput) as e:
        fn()
    took = time.perf_counter() - start
    assert re.search(pattern, e.value.message), e.value.message
    return took


# -- crafted xlsx (attack item 11) ------------------------------------------------------------------

def test_a_merge_across_millions_of_columns_is_refused_at_once(tmp_path: Path) -> None:
    # was 81 s, then MemoryError: the header's merged span was expanded column by column
    def merge(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                           b'<mergeCell ref="A1:ZZZZZZ1"/></mergeCells>')
    path = patched(ok_sheet(tmp_path), tmp_path / "merge.xlsx", merge)
    took = refused_fast(lambda: read_items(path), r"^文件“merge.xlsx”中有超出 Excel 范围的单元格引用")
    assert took < 5
    # the openpyxl path (used when the fast reader gives up) refuses it the same way
    refused_fast(lambda: _xlsx_grids(path, None), "超出 Excel 范围|无法读取")


def test_a_merge_as_wide_as_excel_allows_is_read(tmp_path: Path) -> None:
    def merge(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                           b'<mergeCell ref="A5:XFD5"/></mergeCells>')
    path = patched(ok_sheet(tmp_path), tmp_path / "wide.xlsx", merge)
    assert [r.title for r in read_items(path).rows] == ["关于修缮河堤的建议"]


def test_a_row_two_hundred_million_down_is_refused_at_once(tmp_path: Path) -> None:
    # was 60 s, then a traceback: every missing row up to it was filled in
    def far(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="200000000"><c r="A200000000" t="inlineStr">'
                           b"<is><t>x</t></is></c></row></sheetData>")
    path = patched(ok_sheet(tmp_path), tmp_path / "far.xlsx", far)
    took = refused_fast(lambda: read_items(path), "超出 Excel 范围|超过 50000 行")
    assert took < 5
    refused_fast(lambda: _xlsx_grids(path, None), "超出 Excel 范围|超过 50000 行")


def test_a_row_past_the_row_limit_is_refused_naming_the_setting(tmp_path: Path) -> None:
    def far(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="900000"><c r="A900000" t="inlineStr">'
                           b"<is><t>x</t></is></c></row></sheetData>")
    path = patched(ok_sheet(tmp_path), tmp_path / "far.xlsx", far)
    with pytest.raises(BadInput) as e:
        read_items(path)
    assert e.value.message == ("文件“far.xlsx”超过 50000 行（设置 import.max_rows），未导入。"
                               "请分成几个文件导入，或调大上限：docket config set import.max_rows 100000")


def test_a_cell_far_to_the_right_is_refused(tmp_path: Path) -> None:
    def wide(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="3"><c r="ZZ3" t="inlineStr">'
                           b"<is><t>x</t></is></c></row></sheetData>")
    path = patched(ok_sheet(tmp_path), tmp_path / "wide.xlsx", wide)
    with pytest.raises(BadInput) as e:
        read_items(path)
    assert e.value.message.startswith("文件“wide.xlsx”第3行有超过 500 列的内容，未导入")


def test_an_xlsx_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    # a sheet of 120 MB of blanks zips to ~120 KB; inflating it would take seconds and memory
    src = ok_sheet(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED,
                                                       compresslevel=1) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info.filename, zin.read(info.filename))
                continue
            xml = zin.read(info.filename)
            head, tail = xml.split(b"</sheetData>")
            with zout.open(info.filename, "w", force_zip64=True) as f:
                f.write(head)
                chunk = b" " * (1 << 20)
                for _ in range(120):
                    f.write(chunk)
                f.write(b"</sheetData>" + tail)
    assert bomb.stat().st_size < 2 << 20
    took = refused_fast(lambda: read_items(bomb), r"^文件“bomb.xlsx”解压后有 120 MB，超过上限 100 MB")
    assert took < 5


def test_a_truncated_xlsx_is_refused(tmp_path: Path) -> None:
    data = ok_sheet(tmp_path).read_bytes()
    for cut in (10, len(data) // 3, len(data) - 30):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(data[:cut])
        with pytest.raises(BadInput) as e:
            read_items(path)
        assert "不是有效的 Excel" in e.value.message or "无法读取" in e.value.message


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("标题,领衔代表\n" + "关于修缮河堤的建议,张三\n" * 40_000, encoding="utf-8")
    with pytest.raises(BadInput) as e:
        load_grids(path, limits=Limits(max_mb=1))
    assert e.value.message == ("文件“big.csv”有 1.3 MB，超过导入上限 1 MB（设置 import.max_mb），未导入。"
                               "请分成几个文件导入，或调大上限：docket config set import.max_mb 50")


# -- csv ------------------------------------------------------------------------------------------

def test_a_million_row_csv_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("标题,领衔代表\n" + "".join(f"题{i},张\n" for i in range(1_000_000)))
    took = refused_fast(lambda: read_items(path), r"^文件“m.csv”超过 50000 行（设置 import.max_rows）")
    assert took < 10


def test_a_csv_field_over_128_kb_is_read(tmp_path: Path) -> None:
    # was: 无法按 CSV 读取：field larger than field limit (131072)
    content = "内容" * 100_000
    path = tmp_path / "long.csv"
    path.write_text(f"标题,领衔代表,内容\n关于修缮河堤的建议,张三,{content}\n", encoding="utf-8")
    [row] = read_items(path).rows
    assert row.content == content


def test_utf16_with_an_odd_byte_count_is_refused_in_chinese(tmp_path: Path) -> None:
    # was 内部错误（UnicodeDecodeError …）
    path = tmp_path / "u16.csv"
    path.write_bytes("标题,领衔代表\n关于修缮河堤的建议,张三\n".encode("utf-16") + b"\x00")
    with pytest.raises(BadInput) as e:
        read_items(path)
    assert e.value.message == ("文件“u16.csv”是 UTF-16 编码，但内容不完整（可能被截断），无法读取。"
                               "请重新另存为 UTF-8 编码的 CSV")


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030", "utf-8-sig"])
def test_a_whole_csv_in_other_encodings_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("标题,领衔代表\n关于修缮河堤的建议,张三\n".encode(encoding))
    assert [(r.title, r.proposer) for r in read_items(path).rows] == [("关于修缮河堤的建议", "张三")]


@pytest.mark.parametrize("data", [
    b"\xff\xfe\x00",  # a BOM and half a character
    bytes(range(256)) * 20,  # binary
    "标题,领衔代表\n".encode() + b"\x81\x30" * 5 + b"\xff" * 9,  # GB18030 cut mid-character
    "标题,领衔代表\n关于修缮河堤的建议,张三\x00\x00\n".encode(),  # NUL bytes in a cell
    b'"\xe6\xa0\x87\xe9\xa2\x98,\n' * 3,  # an unclosed quote
])
def test_broken_csv_bytes_are_refused_or_read_never_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    try:
        parsed = read_items(path)
    except BadInput as e:
        assert e.message.startswith(("文件“t.csv”", "文件的前20行"))
        return
    assert all("\x00" not in r.title for r in parsed.rows)


def test_formulas_are_text_never_live(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text('标题,领衔代表\n"=HYPERLINK(""http://x"",""y"")",张三\n', encoding="utf-8")
    [row] = read_items(path).rows
    assert row.title == '=HYPERLINK("http://x","y")'


# -- item numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["110101199001011234", "13800138000", 1000000, "第1000000号"])
def test_an_id_card_number_in_the_number_column_is_refused(tmp_path: Path, cell) -> None:
    # was accepted, and every later item was numbered after it
    path = book(tmp_path / "n.xlsx", [["编号", "标题", "领衔代表"], [cell, "关于修缮河堤的建议", "张三"]])
    parsed = read_items(path)
    assert parsed.rows == []
    assert parsed.errors == [f"第2行 编号：“{cell}”不是有效编号（最大为 999999；这像是填错列的身份证号"
                             "或电话号码）"]


def test_an_id_card_number_in_a_plan_is_refused(tmp_path: Path) -> None:
    path = book(tmp_path / "p.xlsx", [["编号", "主办单位"], ["110101199001011234", "县水利局"]])
    with pytest.raises(BadInput) as e:
        read_plan(path)
    assert e.value.details == ["第2行 编号：“110101199001011234”不是有效编号（最大为 999999；"
                               "这像是填错列的身份证号或电话号码）"]


# -- through the command: refused up front, nothing stored -------------------------------------------

def test_the_size_limit_is_a_setting_and_nothing_is_stored(office_db: Path, tmp_path: Path) -> None:
    ok("config", "set", "import.max_rows", "3")
    path = tmp_path / "four.csv"
    path.write_text("标题,领衔代表\n" + "".join(f"关于第{i}条河的建议,张三\n" for i in range(5)))
    before = snapshot(office_db)
    result = invoke("import", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("错误：文件“four.csv”超过 3 行（设置 import.max_rows），未导入。"
                             "请分成几个文件导入，或调大上限：docket config set import.max_rows 100000\n")
    assert snapshot(office_db) == before
    ok("config", "set", "import.max_rows", "10")
    assert ok("import", str(path)).split() == ["1", "2", "3", "4", "5"]


def test_the_size_settings_refuse_bad_values(office_db: Path) -> None:
    for key, value in (("import.max_mb", "0"), ("import.max_mb", "abc"), ("import.max_rows", "0")):
        result = invoke("config", "set", key, value)
        assert result.exit_code == 1 and result.stderr.startswith(f"错误：设置 {key} 取值：")


def test_every_row_assigned_before_it_was_proposed_is_named_by_row(office_db: Path,
                                                                   tmp_path: Path) -> None:
    # was: 交办日期 … 早于第361号建议的提出日期 (a number never created), and only the first row
    path = tmp_path / "dates.csv"
    path.write_text("标题,领衔代表,主办单位,提出日期\n"
                    "关于修缮河堤的建议,张三,水利局,2026-03-01\n"
                    "关于疏浚水渠的建议,李四,水利局,2026-03-12\n"
                    "关于改造农田的建议,王五,农业农村局,2026-03-15\n"
                    "关于建设水库的建议,赵六,,2026-03-15\n", encoding="utf-8")
    before = snapshot(office_db)
    result = invoke("import", str(path), "--assigned-on", "2026-03-10")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "错误：dates.csv 有 2 处问题，未导入任何一行（改正后重新导入）：",
        "第3行 交办日期：2026-03-10 早于提出日期 2026-03-12",
        "第4行 交办日期：2026-03-10 早于提出日期 2026-03-15",
    ]
    assert snapshot(office_db) == before
