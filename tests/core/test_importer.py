"""Import of secretariat spreadsheets: real xlsx/csv files in every messy shape of domain.md §4."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from docket.core.errors import BadInput, NotFound
from docket.core.importer import (
    ImportRow,
    PlanRow,
    UnitRow,
    check_against,
    read_items,
    read_plan,
    read_units,
    row_of,
)
from docket.core.cleaning import clean_name, clean_text, title_key
from docket.core.sheets.header import normalise_header
from docket.core.sheets.xlsx import fast_xlsx_grids as _fast_xlsx_grids
from docket.core.sheets.xlsx import openpyxl_grids as _xlsx_grids


def xlsx(path: Path, rows: list[list[object]], merges: tuple[str, ...] = (),
         sheet: str = "Sheet", extra: dict[str, list[list[object]]] | None = None,
         bordered_to: int = 0) -> Path:
    """Write `rows` from A1 down; `bordered_to` adds empty bordered rows, as templates have."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    if bordered_to:
        thin = Side(style="thin")
        for r in range(len(rows) + 1, bordered_to + 1):
            for c in range(1, 8):
                ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for name, more in (extra or {}).items():
        other = wb.create_sheet(name)
        for row in more:
            other.append(row)
    wb.save(path)
    return path


def parse(path: Path, **kw):
    return read_items(path, **kw)


# ---------------------------------------------------------------- the messy sheet

MESSY_HEADER = ["序号", " 建议\n编号 ", "*标　题（必填）：", "领衔代表:", "附议\u3000代表",
                "承办单位", None, "协办单位2", "提出日期", "交办日期", "办理期限", "是否重点",
                "小微急", "代表团", "联系电话", "备注"]


def messy(tmp_path: Path) -> Path:
    rows = [
        ["某县第十八届人民代表大会第五次会议代表建议汇总表"],              # 1 merged title
        ["填报单位：县人大常委会代表工委"],                                 # 2 merged subtitle
        MESSY_HEADER,                                                       # 3 header
        [None, None, None, None, None, "主办", "协办"],                     # 4 sub-headers
        [1, "第12号", "关于加强\n农村道路\n建设的建议", "张　三等5人", "李四、王五，赵六,张三",
         "县交通局", "县财政局；县水利局", "县农业农村局", datetime(2026, 3, 5),
         46087, "2026年6月5日", "是", "否", "城关代表团", 13800000001, "x"],  # 5
        [2, 13.0, "关于修缮城南小学校舍的建议", "李四", "王五;赵六\n钱七",
         "县教育局", None, None, "２０２６年３月４日 10:30", None, None, "√", "", None, None],  # 6
        [],                                                                 # 7 empty in the middle
        [3, "014", "关于增设公交线路的建议", "王五", None,
         None, "县交通局", None, "2026/3/3", None, None, None, "Y", None, None],  # 8 lead merged from 6
        [None] * 16,                                                        # 9 empty again
        ["注：编号为会议期间登记编号。"],                                   # 10 note
        ["合计", None, None, None, None, None, None, None, None, None, None, None, None, None, 3],  # 11
    ]
    merges = ("A1:P1", "A2:P2", "F3:G3", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4",
              "H3:H4", "I3:I4", "J3:J4", "K3:K4", "L3:L4", "M3:M4", "N3:N4", "O3:O4", "P3:P4",
              "F6:F8", "A10:P10")
    return xlsx(tmp_path / "建议汇总.xlsx", rows, merges, bordered_to=60)


def test_messy_sheet_reads_every_item(tmp_path: Path) -> None:
    parsed = parse(messy(tmp_path))
    assert parsed.errors == []
    assert parsed.duplicates == []
    assert parsed.ignored_headers == ["序号", "备注"]
    assert parsed.rows == [
        ImportRow(row=5, number=12, title="关于加强农村道路建设的建议", proposer="张三",
                  co_proposers=("李四", "王五", "赵六"), lead="县交通局",
                  support=("县财政局", "县水利局", "县农业农村局"),
                  received_on=date(2026, 3, 5), assigned_on=date(2026, 3, 6),
                  due_on=date(2026, 6, 5), delegation="城关代表团", phone="13800000001",
                  key=True, fast=False,
                  warnings=("第5行 领衔代表：已去掉姓名末尾的“等5人”：张三等5人 → 张三",)),
        ImportRow(row=6, number=13, title="关于修缮城南小学校舍的建议", proposer="李四",
                  co_proposers=("王五", "赵六", "钱七"), lead="县教育局",
                  received_on=date(2026, 3, 4), key=True),
        ImportRow(row=8, number=14, title="关于增设公交线路的建议", proposer="王五",
                  lead="县教育局", support=("县交通局",), received_on=date(2026, 3, 3),
                  fast=True),
    ]
    assert parsed.warnings == [
        "以下列未识别，已忽略：序号、备注",
        "第5行 领衔代表：已去掉姓名末尾的“等5人”：张三等5人 → 张三",
    ]


@pytest.mark.parametrize(("raw", "clean"), [
    ("标题", "标题"), (" 标 题 ", "标题"), ("标\u3000题", "标题"), ("领衔\n代表", "领衔代表"),
    ("*标题", "标题"), ("※标题", "标题"), ("＊标题", "标题"), ("标题：", "标题"), ("标题:", "标题"),
    ("标题（必填）", "标题"), ("标题(必填)", "标题"), ("标题【必填】", "标题"),
    ("*标题（必填）：", "标题"), ("协办单位2", "协办单位2"), ("提出日期\r\n（年月日）", "提出日期"),
])
def test_header_normalisation(raw: str, clean: str) -> None:
    assert normalise_header(raw) == clean


def test_synonyms_and_numbered_multi_columns(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "s.xlsx", [
        ["提案号", "案由", "第一提案人", "联名提案人", "牵头单位", "会办单位", "会办单位2",
         "提案类别", "案据", "界别", "通讯地址", "手机"],
        ["第7号", "关于发展县域经济的提案", "周八", "吴九", "县发改局", "县财政局", "县商务局",
         "经济建设", "第一段\n第二段", "经济界", "县城东路1号", "13900000000"],
    ])
    assert parse(path).rows == [ImportRow(
        row=2, number=7, title="关于发展县域经济的提案", proposer="周八", co_proposers=("吴九",),
        category="经济建设", content="第一段\n第二段", lead="县发改局",
        support=("县财政局", "县商务局"), delegation="经济界", phone="13900000000",
        address="县城东路1号")]


def test_serial_number_is_used_only_without_a_number_column(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "s.xlsx", [
        ["序号", "标题", "领衔代表"],
        [1, "关于甲的建议", "张三"],
        [2, "关于乙的建议", "李四"],
        [3], [4], [5],  # a template's pre-numbered blank rows
    ])
    parsed = parse(path)
    assert [(r.row, r.number) for r in parsed.rows] == [(2, 1), (3, 2)]
    assert parsed.ignored_headers == []


def test_no_number_column_leaves_numbers_to_the_session(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "s.xlsx", [["标题", "代表"], ["关于甲的建议", "张三"]])
    assert [r.number for r in parse(path).rows] == [None]


@pytest.mark.parametrize(("cell", "lead", "support"), [
    ("县水利局（协办）、县财政局（主办）", "县财政局", ("县水利局",)),
    ("县水利局(会办)\n县财政局(主办)、县交通局（配合）", "县财政局", ("县水利局", "县交通局")),
    ("县财政局、县水利局、县交通局", "县财政局", ("县水利局", "县交通局")),
    ("县 财政 局", "县财政局", ()),
])
def test_lone_unit_cell_with_role_tags(tmp_path: Path, cell: str, lead: str,
                                       support: tuple[str, ...]) -> None:
    path = xlsx(tmp_path / "s.xlsx", [["标题", "领衔代表", "承办单位"], ["关于甲的建议", "张三", cell]])
    [row] = parse(path).rows
    assert (row.lead, row.support) == (lead, support)


def test_two_tagged_leads_is_an_error(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "s.xlsx", [["标题", "领衔代表", "承办单位"],
                                      ["关于甲的建议", "张三", "县财政局（主办）、县水利局（主办）"]])
    assert parse(path).errors == ["第2行 承办单位：只能有一个主办单位（县财政局、县水利局）"]


@pytest.mark.parametrize("cell", [
    "2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305", "２０２６－０３－０５",
    "２０２６年３月５日", "2026-03-05 00:00:00", "2026/3/5 9:30", "2026-03-05T09:30:00",
    46086, 46086.0, "46086", datetime(2026, 3, 5), datetime(2026, 3, 5, 14, 0), date(2026, 3, 5),
])
def test_date_forms(tmp_path: Path, cell: object) -> None:
    path = xlsx(tmp_path / "d.xlsx", [["标题", "领衔代表", "提出日期"], ["关于甲的建议", "张三", cell]])
    parsed = parse(path)
    assert (parsed.errors, [r.received_on for r in parsed.rows]) == ([], [date(2026, 3, 5)])


@pytest.mark.parametrize(("cell", "number"), [
    (12, 12), (12.0, 12), ("12", 12), ("12.0", 12), ("012", 12), ("第12号", 12), ("12号", 12),
    ("第１２号", 12), (" 12 ", 12),
])
def test_number_forms(tmp_path: Path, cell: object, number: int) -> None:
    path = xlsx(tmp_path / "n.xlsx", [["编号", "标题", "领衔代表"], [cell, "关于甲的建议", "张三"]])
    assert [r.number for r in parse(path).rows] == [number]


# ---------------------------------------------------------------- csv


ROWS_CSV = [
    ["建议编号", "标题", "领衔代表", "附议代表", "主办单位", "提出日期"],
    ["1", "关于加强农村道路建设的建议", "张三", "李四、王五", "县交通局", "2026年3月5日"],
    ["2", "关于修缮学校的建议", "李四", "", "县教育局", "2026/3/4"],
]
EXPECTED_CSV = [
    ImportRow(row=2, number=1, title="关于加强农村道路建设的建议", proposer="张三",
              co_proposers=("李四", "王五"), lead="县交通局", received_on=date(2026, 3, 5)),
    ImportRow(row=3, number=2, title="关于修缮学校的建议", proposer="李四", lead="县教育局",
              received_on=date(2026, 3, 4)),
]


@pytest.mark.parametrize(("encoding", "sep"), [
    ("utf-8", ","), ("utf-8-sig", ","), ("gb18030", ","), ("utf-8", "\t"), ("gb18030", "\t"),
])
def test_csv_encodings_and_separators(tmp_path: Path, encoding: str, sep: str) -> None:
    path = tmp_path / "items.csv"
    path.write_bytes("\r\n".join(sep.join(r) for r in ROWS_CSV).encode(encoding))
    assert parse(path).rows == EXPECTED_CSV


def test_csv_rows_are_numbered_by_each_records_first_line(tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text('标题,领衔代表,内容\n"关于甲的建议",张三,"第一段\n第二段"\n,李四,\n',
                    encoding="utf-8")
    parsed = parse(path)
    assert parsed.errors == ["第4行 标题：不能为空"]


# ---------------------------------------------------------------- bad rows and files


def test_every_bad_row_is_reported(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "bad.xlsx", [
        ["编号", "标题", "领衔代表", "提出日期", "交办日期", "办理期限"],
        [1, "关于甲的建议", "张三", "2026-02-30"],                 # 2 impossible day
        ["十二", "关于乙的建议", "李四", "26/3/5"],                 # 3 bad number, two-digit year
        [3, None, "王五", "3月5日"],                                 # 4 no title, no year
        [4, "关于丁的建议", None, "下周一"],                         # 5 no proposer, not a date
        [5, "关于戊的建议", "钱七", None, "2026-04-01", "2026-03-01"],  # 6 due before assigned
        [1, "关于己的建议", "孙八"],                                 # 7 number used by row 2
        [0, "关于庚的建议", "周九"],                                 # 8 zero
    ])
    assert parse(path).errors == [
        "第2行 提出日期：2026-02-30 不是有效日期（该月没有这一天）",
        "第3行 编号：“十二”不是有效编号（应为正整数，如 12 或 第12号）",
        "第3行 提出日期：“26/3/5”的年份只有两位，请写四位年份，如 2026-03-05",
        "第4行 标题：不能为空",
        "第4行 提出日期：“3月5日”缺少年份，请写作 2026-03-05",
        "第5行 领衔代表：不能为空",
        "第5行 提出日期：无法识别的日期“下周一”，请写作 2026-03-05 或 2026年3月5日",
        "第6行 办理期限：2026-03-01 早于交办日期 2026-04-01",
        "第7行 编号：1 与第2行重复",
        "第8行 编号：“0”不是有效编号（应为正整数）",
    ]


def test_missing_number_when_others_have_one(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "s.xlsx", [["编号", "标题", "领衔代表"], [1, "关于甲的建议", "张三"],
                                      [None, "关于乙的建议", "李四"]])
    assert parse(path).errors == ["第3行 编号：不能为空（本表其他行都有编号）"]


def test_duplicate_rows_in_the_file(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "dup.xlsx", [
        ["标题", "领衔代表"],
        ["关于加强农村道路建设的建议", "张三"],
        ["关于修缮学校的建议", "李四"],
        ["关于加强 农村道路建设的建议。", "张 三"],   # same after whitespace and punctuation
        ["关于加强农村道路建设的建议", "李四"],        # another proposer: not a duplicate
    ])
    parsed = parse(path)
    assert (parsed.errors, parsed.duplicates) == ([], ["第4行 与第2行重复（标题、领衔代表相同）"])
    checked = {"known_units": lambda n: n, "close_matches": lambda n: [], "session_keys": set(),
                   "session_numbers": set(), "create_units": False}
    assert check_against(parsed, allow_duplicates=False, **checked) == [
        "第4行 与第2行重复（标题、领衔代表相同）"]
    assert check_against(parsed, allow_duplicates=True, **checked) == []


def test_renamed_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "建议.xlsx"
    path.write_text("这不是表格", encoding="utf-8")
    with pytest.raises(BadInput) as e:
        parse(path)
    assert e.value.message == ("文件“建议.xlsx”不是有效的 Excel（.xlsx）文件，无法读取。"
                               "请在 Excel 中打开后另存为 .xlsx 或 .csv")


def test_broken_zip_and_old_xls_and_unknown_types_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04garbage")
    (tmp_path / "b.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    messages = []
    for name in ("a.xlsx", "b.xls", "c.pdf"):
        with pytest.raises(BadInput) as e:
            parse(tmp_path / name)
        messages.append(e.value.message)
    assert messages == [
        "文件“a.xlsx”不是有效的 Excel（.xlsx）文件，无法读取（BadZipFile）。请在 Excel 中打开后另存为 .xlsx 或 .csv",
        "文件“b.xls”是旧版 .xls 格式（或已加密），无法读取。请在 Excel 中另存为 .xlsx 或 .csv 后再导入",
        "不支持的文件类型“.pdf”：请使用 .xlsx 或 .csv 文件",
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFound) as e:
        parse(tmp_path / "无.xlsx")
    assert e.value.message == f"找不到文件“{tmp_path / '无.xlsx'}”，请检查路径"


def test_no_header_row(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "h.xlsx", [["名称", "人员"], ["关于甲的建议", "张三"]])
    with pytest.raises(BadInput) as e:
        parse(path)
    assert e.value.message == ("文件的前20行中没有找到表头：需要有一行同时含“标题”、“领衔代表”列"
                               "（或其同义词，如 案由、提案人）。请检查表头或用 --sheet 指定工作表")


def test_header_below_row_20_is_not_found(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "h.xlsx", [[f"说明{i}"] for i in range(20)] + [["标题", "代表"], ["甲", "乙"]])
    with pytest.raises(BadInput):
        parse(path)


def test_sheets_by_name_and_by_search(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "m.xlsx", [["封面"]], sheet="封面",
                extra={"汇总": [["标题", "领衔代表"], ["关于甲的建议", "张三"]]})
    assert [(r.row, r.title) for r in parse(path).rows] == [(2, "关于甲的建议")]
    assert parse(path).sheet == "汇总"
    assert [r.title for r in parse(path, sheet="汇总").rows] == ["关于甲的建议"]
    with pytest.raises(BadInput) as e:
        parse(path, sheet="附件")
    assert e.value.message == "工作表“附件”不存在，文件中有：封面、汇总"


# ---------------------------------------------------------------- against the session


def test_check_against_the_session(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "s.xlsx", [
        ["编号", "标题", "领衔代表", "主办单位", "协办单位"],
        [3, "关于甲的建议", "张三", "县水务局", "县财政局"],
        [4, "关于乙的建议", "李四", "县财政局", "县发改委、县水务局"],
        [5, "关于丙的建议", "王五", "县水务局", None],
    ])
    parsed = parse(path)
    units = {"县财政局": "县财政局", "财政局": "县财政局"}
    kwargs = {"known_units": units.get,
                  "close_matches": lambda n: ["县水利局", "县水产局", "县水文站", "县水库"]
                  if "水" in n else [],
                  "session_keys": {(title_key("关于乙的建议！"), "李四")}, "session_numbers": {5}}
    assert check_against(parsed, create_units=False, allow_duplicates=False, **kwargs) == [
        "第3行 与本届已有建议重复（标题、领衔代表相同），确需导入请加 --allow-duplicates",
        "第4行 编号：第5号已存在，请改用其他编号",
        ("单位“县水务局”不存在（第2、3、4行），相近的有：县水利局、县水产局、县水文站。"
        "可先用 docket unit add 添加，或加 --create-units"),
        "单位“县发改委”不存在（第3行）。可先用 docket unit add 添加，或加 --create-units",
    ]
    assert check_against(parsed, create_units=True, allow_duplicates=True, **kwargs) == [
        "第4行 编号：第5号已存在，请改用其他编号"]


def test_bad_rows_still_have_their_units_numbers_and_duplicates_checked(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "s.xlsx", [
        ["编号", "标题", "领衔代表", "主办单位", "提出日期"],
        [1, "关于甲的建议", "张三", "县水务局", "2026-02-30"],
        [2, None, "李四", "县水务局"],
        [3, "关于甲的建议", "张三", "县水利局"],
    ])
    parsed = parse(path)
    assert [r.row for r in parsed.rows] == [4]
    errors = parsed.errors + check_against(
        parsed, known_units={"县水利局": "县水利局"}.get, close_matches=lambda n: ["县水利局"],
        session_keys=set(), session_numbers={2}, create_units=False, allow_duplicates=False)
    assert sorted(errors, key=row_of) == [
        "第2行 提出日期：2026-02-30 不是有效日期（该月没有这一天）",
        "第3行 标题：不能为空",
        "第3行 编号：第2号已存在，请改用其他编号",
        "第4行 与第2行重复（标题、领衔代表相同）",
        "单位“县水务局”不存在（第2、3行），相近的有：县水利局。可先用 docket unit add 添加，或加 --create-units",
    ]


# ---------------------------------------------------------------- cleaning


@pytest.mark.parametrize(("raw", "name", "warned"), [
    ("张　三", "张三", False), (" 张 三 ", "张三", False), ("张三等", "张三", True),
    ("张三等5人", "张三", True), ("张三等５人", "张三", True), ("张三 等 五人", "张三", True),
    ("John  Smith", "John Smith", False), ("王等", "王等", False),
])
def test_clean_name(raw: str, name: str, warned: bool) -> None:
    cleaned, warning = clean_name(raw)
    assert (cleaned, warning is not None) == (name, warned)


def test_clean_name_warning_text() -> None:
    assert clean_name("张三等5人") == ("张三", "已去掉姓名末尾的“等5人”：张三等5人 → 张三")


def test_clean_text() -> None:
    assert clean_text("\u3000关于加强\r\n农村道路\u200b建设的建议\x07 ") == "关于加强农村道路建设的建议"
    assert clean_text("About\nroads") == "About roads"
    assert clean_text(" 第一段 \r\n\r\n 第二段\t末 ", multiline=True) == "第一段\n\n第二段 末"
    assert clean_text(None) == ""


def test_title_key_ignores_whitespace_punctuation_and_width() -> None:
    assert title_key("关于“加强” 农村道路，建设的建议。") == title_key("关于加强农村道路建设的建议")
    assert title_key("ＡＢＣ建议") == title_key("abc建议")


# ---------------------------------------------------------------- units and plans


def test_read_units(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "u.xlsx", [
        ["某县承办单位名录"],
        ["单位 名称", "简称", "联系人", "联系电话"],
        ["县 财政局", "财政局", "刘　一", 8881234],
        ["县水利局", None, None, None],
        [],
        ["注：以上单位为2026年承办单位"],
    ], merges=("A1:D1",))
    assert read_units(path) == [
        UnitRow(row=3, name="县财政局", short="财政局", contact="刘一", phone="8881234"),
        UnitRow(row=4, name="县水利局", short=None, contact=None, phone=None),
    ]


def test_read_units_english_headers_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("name,short\n县财政局,财政局\n,水利局\n县财政局,\n", encoding="utf-8")
    with pytest.raises(BadInput) as e:
        read_units(path)
    assert (e.value.message, e.value.details) == (
        "单位表有 2 处错误，未导入任何单位：",
        ["第3行 单位名称：不能为空", "第4行 单位名称：“县财政局”与第2行重复"])


def test_read_plan(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "p.xlsx", [
        ["建议编号", "主办单位", "协办单位"],
        ["第1号", "县交通局", "县财政局、县水利局"],
        [2, "县教育局（主办）、县财政局（协办）", None],
    ])
    assert read_plan(path) == [
        PlanRow(row=2, number=1, lead="县交通局", support=("县财政局", "县水利局")),
        PlanRow(row=3, number=2, lead="县教育局", support=("县财政局",)),
    ]


def test_read_plan_errors(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "p.xlsx", [
        ["编号", "主办单位", "协办单位"], ["一", "县交通局"], [2, None, "县财政局"], [2, "县教育局"]])
    with pytest.raises(BadInput) as e:
        read_plan(path)
    assert (e.value.message, e.value.details) == (
        "交办方案有 3 处错误，未交办任何建议：",
        ["第2行 编号：“一”不是有效编号（应为正整数，如 12 或 第12号）", "第3行 主办单位：不能为空",
         "第4行 编号：2 与第3行重复"])


# ---------------------------------------------------------------- the two xlsx readers


def test_stream_reader_matches_openpyxl_on_the_messy_sheet(tmp_path: Path) -> None:
    path = messy(tmp_path)
    [fast], [slow] = _fast_xlsx_grids(path, None), _xlsx_grids(path, None)
    assert (fast.rows, sorted(fast.merges)) == (slow.rows, sorted(slow.merges))


# ---------------------------------------------------------------- units split on spaces (issue 12)

@pytest.mark.parametrize(("cell", "lead", "support"), [
    ("县水利局 县农业农村局", "县水利局", ("县农业农村局",)),  # was one unit "县水利局县农业农村局"
    ("县水利局\u3000县农业农村局  县卫生健康局", "县水利局", ("县农业农村局", "县卫生健康局")),
    ("县水利局/县农业农村局", "县水利局", ("县农业农村局",)),
    ("县 水利局", "县水利局", ()),  # a space inside one name
    ("县委 宣传部、县水利局", "县委宣传部", ("县水利局",)),
    ("县农业农村局 县水利局 (主办)", "县水利局", ("县农业农村局",)),
])
def test_units_in_one_cell_split_on_spaces_between_full_names(tmp_path: Path, cell: str, lead: str,
                                                            support: tuple[str, ...]) -> None:
    from docket.core.importer import read_plan

    path = xlsx(tmp_path / "u.xlsx", [["标题", "领衔代表", "主办单位"], ["关于修缮河堤的建议", "张三", cell]])
    [row] = parse(path).rows
    assert (row.lead, row.support) == (lead, support)
    plan = xlsx(tmp_path / "p.xlsx", [["编号", "主办单位"], [1, cell]])
    [planned] = read_plan(plan)
    assert (planned.lead, planned.support) == (lead, support)


def test_space_separated_units_are_created_one_by_one(office_db: Path, tmp_path: Path) -> None:
    from tests.conftest import as_json, ok

    path = tmp_path / "u.csv"
    path.write_text("标题,领衔代表,主办单位\n关于修缮河堤的建议,张三,县应急管理局 县交通运输局\n",
                    encoding="utf-8")
    ok("import", str(path), "--create-units", "--assigned-on", "2026-03-20")
    names = [u["name"] for u in as_json("unit", "list")]
    assert names[-2:] == ["县应急管理局", "县交通运输局"]
