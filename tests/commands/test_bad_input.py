"""Every bad input of issue 4: a Chinese message naming the item, row or field, exit 1, no
traceback, nothing written. Click's own usage errors exit 2."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import invoke, ok
from tests.helpers import snapshot

SESSION = "县第十八届人民代表大会第五次会议"


def refused(db: Path, *args: str, message: str, details: tuple[str, ...] = (), today: str | None = None) -> None:
    before = snapshot(db)
    result = invoke(*args, today=today)
    expected = "".join(f"{line}\n" for line in (f"错误：{message}", *details))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", expected)
    assert snapshot(db) == before


@pytest.fixture
def assigned_item(office_db: Path) -> Path:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局", "--support", "农业农村局")
    return office_db


# -- unknown items and units ---------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("show", "99"), ("history", "99"), ("review", "99", "--accept"), ("assign", "99", "--lead", "水利局"),
    ("return", "99", "--unit", "水利局", "--reason", "x"), ("extend", "99", "--unit", "水利局", "--by", "1个月", "--reason", "x"),
    ("reply", "99", "--unit", "水利局", "--class", "A"), ("reply", "99", "--fix-class", "A", "--reason", "x"),
    ("evaluate", "99", "--result", "满意"), ("close", "99", "--reason", "x"),
])
def test_unknown_item_number(assigned_item: Path, args: tuple[str, ...]) -> None:
    refused(assigned_item, *args, message=f"第99号不存在（{SESSION}）。用 docket list 查看已有编号")


def test_unknown_unit_lists_close_matches(assigned_item: Path) -> None:
    refused(assigned_item, "reply", "1", "--unit", "县水力局", "--class", "A",
            message="单位“县水力局”不存在，相近的有：县水利局")
    refused(assigned_item, "list", "--unit", "县卫生局", message="单位“县卫生局”不存在，相近的有：县卫生健康局")
    refused(assigned_item, "assign", "1", "--lead", "市公安局", message="单位“市公安局”不存在。可用 docket unit add 添加")


def test_ambiguous_unit_lists_the_candidates(assigned_item: Path) -> None:
    ok("unit", "add", "县水务局")
    refused(assigned_item, "extend", "1", "--unit", "水", "--by", "1个月", "--reason", "x",
            message="单位“水”不明确，可能是：县水利局、县水务局。请写全称")
    ok("unit", "add", "县自然资源局")
    ok("unit", "add", "县水资源局")
    refused(assigned_item, "assign", "1", "--lead", "水利局", "--support", "资源局",
            message="单位“资源局”不明确，可能是：县自然资源局、县水资源局。请写全称")


def test_a_short_name_already_taken_is_refused(assigned_item: Path) -> None:
    """Two units sharing 水利局 would break every `--unit 水利局` in a cron line or a plan."""
    refused(assigned_item, "unit", "add", "县新局", "--short", "水利局",
            message="简称“水利局”已被县水利局使用（全称或简称），请换一个")
    refused(assigned_item, "unit", "add", "水利局",
            message="单位名称“水利局”已被县水利局使用（全称或简称），请换一个")


def test_a_misspelt_short_name_gets_close_matches(assigned_item: Path) -> None:
    refused(assigned_item, "assign", "1", "--lead", "水立局",
            message="单位“水立局”不存在，相近的有：县水利局")


# -- illegal transitions --------------------------------------------------------------------------

def test_illegal_transitions(assigned_item: Path) -> None:
    refused(assigned_item, "evaluate", "1", "--result", "满意", message="第1号建议办理中，不能评价")
    refused(assigned_item, "review", "1", "--accept", message="第1号建议办理中，不能立案")
    ok("review", "1", "--withdraw", "--reason", "代表撤回")
    refused(assigned_item, "reply", "1", "--unit", "水利局", "--class", "A", message="第1号建议已撤案，不能答复")
    refused(assigned_item, "close", "1", "--reason", "x", message="第1号建议已撤案，不能办结")


# -- dates and durations -------------------------------------------------------------------------

@pytest.mark.parametrize("args, field", [
    (("assign", "1", "--lead", "水利局", "--on", "2026-02-30"), "交办日期"),
    (("assign", "1", "--lead", "水利局", "--due", "2026-02-30"), "期限"),
    (("reply", "1", "--unit", "水利局", "--class", "A", "--on", "2026-02-30"), "答复日期"),
    (("evaluate", "1", "--result", "满意", "--on", "2026-02-30"), "评价日期"),
    (("return", "1", "--unit", "水利局", "--reason", "x", "--on", "2026-02-30"), "退回日期"),
    (("extend", "1", "--unit", "水利局", "--until", "2026-02-30", "--reason", "x"), "--until"),
    (("add", "--title", "标题", "--proposer", "张三", "--received", "2026-02-30"), "提出日期"),
    (("list", "--as-of", "2026-02-30"), "--as-of"),
    (("calendar", "due", "2026-02-30", "1个月"), None),
])
def test_impossible_date_names_its_field(office_db: Path, args: tuple[str, ...], field: str | None) -> None:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    before = snapshot(office_db)
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (1, "")
    if field:
        assert result.stderr == f"错误：{field}：2026-02-30 不是有效日期（该月没有这一天）\n"
    else:
        assert "2026-02-30 不是有效日期（该月没有这一天）" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(office_db) == before


def test_unreadable_date_form(office_db: Path) -> None:
    refused(office_db, "list", "--as-of", "3月5日",
            message="--as-of：无法识别的日期“3月5日”，请写作 2026-03-05 或 2026年3月5日")


def test_impossible_docket_today(office_db: Path) -> None:
    refused(office_db, "list", today="2026-13-01",
            message="DOCKET_TODAY：2026-13-01 不是有效日期（没有13月）")


def test_unknown_duration(assigned_item: Path) -> None:
    hint = "应写作“3个月”“15日”“20个工作日”之类（也可写作 3 months、15 days、20 workdays）"
    refused(assigned_item, "extend", "1", "--unit", "水利局", "--by", "3 fortnights", "--reason", "x",
            message=f"--by：无法识别的期限“3 fortnights”，{hint}")
    refused(assigned_item, "config", "set", "deadline.reply", "3 fortnights",
            message=f"设置 deadline.reply 取值：无法识别的期限“3 fortnights”，{hint}")
    result = invoke("calendar", "due", "2026-03-20", "3 fortnights")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "无法识别的期限“3 fortnights”" in result.stderr and result.stderr.startswith("错误：")


def test_due_earlier_than_the_assignment_date(office_db: Path) -> None:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    refused(office_db, "assign", "1", "--lead", "水利局", "--due", "2026-03-19",
            message="期限：2026-03-19 早于交办日期 2026-03-20")


# -- databases -----------------------------------------------------------------------------------

def test_missing_database_says_how_to_create_one(tmp_path: Path) -> None:
    db = tmp_path / "无此库.db"
    for args in (("list",), ("add", "--title", "标题", "--proposer", "张三"), ("config", "list")):
        result = invoke("--db", str(db), *args)
        assert (result.exit_code, result.stdout, result.stderr) == (
            1, "", f"错误：数据库 {db} 不存在。请先运行 docket init 创建（或用 docket demo 生成演示库）\n")
    assert not db.exists()


def test_newer_schema_is_refused(office_db: Path) -> None:
    conn = sqlite3.connect(office_db)
    conn.execute("INSERT INTO _docket_migrations (name, applied_at) VALUES ('m999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    from docket.store.migrations import MIGRATIONS
    for args in (("list", "--json"), ("add", "--title", "标题", "--proposer", "张三")):
        refused(office_db, *args, message=f"数据库 {office_db} 由更新版本的 docket 创建（结构版本 m999_future，"
                                          f"本程序只认识到 {MIGRATIONS[-1].__name__}），请升级 docket 后再打开")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "笔记.db"
    bogus.write_text("这不是数据库\n" * 200, encoding="utf-8")
    for args in (("list",), ("init",)):
        result = invoke("--db", str(bogus), *args)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"错误：{bogus} 不是 docket 数据库文件\n")
    assert bogus.read_text(encoding="utf-8") == "这不是数据库\n" * 200


def test_init_refuses_a_database_with_data(office_db: Path) -> None:
    refused(office_db, "init", "--org", "另一个办公室",
            message=f"数据库 {office_db} 已有数据，init 不会改动它。换一个 --db 路径，或先备份后另行处理")


# -- files ---------------------------------------------------------------------------------------

def test_a_file_that_is_not_a_spreadsheet(office_db: Path, tmp_path: Path) -> None:
    fake = tmp_path / "建议汇总.xlsx"
    fake.write_text("hello", encoding="utf-8")
    message = "文件“建议汇总.xlsx”不是有效的 Excel（.xlsx）文件，无法读取。请在 Excel 中打开后另存为 .xlsx 或 .csv"
    refused(office_db, "import", str(fake), message=message)
    refused(office_db, "unit", "import", str(fake), message=message)
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    refused(office_db, "assign", "--plan", str(fake), message=message)
    binary = tmp_path / "建议汇总.csv"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe garbage")
    refused(office_db, "import", str(binary), message="文件“建议汇总.csv”不是文本格式的 CSV 文件，无法读取。请使用 .xlsx 或 .csv 文件")
    missing = tmp_path / "无此文件.xlsx"
    refused(office_db, "import", str(missing), message=f"找不到文件“{missing}”，请检查路径")


# -- settings ------------------------------------------------------------------------------------

@pytest.mark.parametrize("key, value, message", [
    ("deadline.reply", "0 months", None),
    ("deadline.roll_forward", "maybe", "设置 deadline.roll_forward 取值：“maybe”应为 true 或 false"),
    ("evaluation.rounds", "9", "设置 evaluation.rounds 取值：9 超出范围（1–5）"),
    ("evaluation.rounds", "两轮", "设置 evaluation.rounds 取值：“两轮”应为整数"),
    ("evaluation.raters", "everyone", "设置 evaluation.raters 取值：“everyone”应为 lead、all 之一"),
    ("reply.classes", "A,,B", "设置 reply.classes 取值：类别代码用逗号分隔，不能有空代码，例如 A,B,C,D"),
    ("reply.classes", "A,B,A", "设置 reply.classes 取值：类别代码不能重复"),
    ("org.name", "  ", "设置 org.name 取值：不能为空"),
    ("no.such.key", "1", "设置项“no.such.key”不存在。用 docket config list 查看全部"),
])
def test_config_set_bad_values_are_never_stored(office_db: Path, key: str, value: str, message: str | None) -> None:
    before = snapshot(office_db)
    result = invoke("config", "set", key, value)
    assert (result.exit_code, result.stdout) == (1, "")
    if message:
        assert result.stderr == f"错误：{message}\n"
    else:
        assert result.stderr.startswith(f"错误：设置 {key} 取值：") and "\n" == result.stderr[-1]
    assert snapshot(office_db) == before


def test_removing_a_class_in_use_is_refused(office_db: Path) -> None:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")
    ok("reply", "1", "--unit", "水利局", "--class", "D")
    refused(office_db, "config", "set", "reply.classes", "A,B,C",
            message="设置 reply.classes：类别 D 已有答复使用，不能删除")


@pytest.mark.parametrize("args, message", [
    (("list", "--limit", "-1"), "--limit：“-1”应为正整数"),
    (("list", "--limit", "abc"), "--limit：“abc”应为正整数"),
    (("history", "--limit", "0"), "--limit：“0”应为正整数"),
    (("review", "1", "--merge-into", "第二号"), "--merge-into：“第二号”应为正整数"),
])
def test_a_bad_number_in_an_options_value_is_a_data_error(office_db: Path, args: tuple[str, ...], message: str) -> None:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    refused(office_db, *args, message=message)


@pytest.mark.parametrize("args, message", [
    (("add", "--title", "　 ", "--proposer", "张三"), "标题：不能为空"),
    (("add", "--title", "关于加固城东河堤的建议", "--proposer", " "), "领衔人：不能为空"),
    (("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三", "--kind", "proposal"), "类型：人大 不受理“提案”"),
    (("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三", "--kind", "bill"),
     "类型：未知的类型“bill”，应为 suggestion（建议）、motion（议案）或 proposal（提案）"),
    (("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三", "--received", "2026-03-21"),
     "提出日期：2026-03-21 晚于今天（2026-03-20），请核对"),
])
def test_bad_new_items(office_db: Path, args: tuple[str, ...], message: str) -> None:
    refused(office_db, *args, message=message)


# -- Click's own usage errors exit 2, said in Chinese (contract §1) ---------------------------------

@pytest.mark.parametrize("args, tail", [
    (("list", "--bogus"), "错误：未知选项 --bogus"),
    (("list", "--colr", "red"), "错误：未知选项 --colr（是否要用 --color、--sort？）"),
    (("show",), "错误：缺少参数 NUMBER"),
    (("show", "abc"), "错误：NUMBER：“abc”不是整数"),
    (("show", "1", "2", "3"), "错误：多余的参数：2 3"),
    (("evaluate", "1"), "错误：缺少选项 --result"),
    (("list", "--color", "green"), "错误：--color：“green”无效，应为 white、yellow、red 之一"),
    (("frobnicate",), "错误：没有命令 frobnicate"),
    (("--bogus", "list"), "错误：未知选项 --bogus"),
    (("project", "milestone", "1"), "错误：缺少参数 ON"),
    (("project", "test", "1"), "错误：缺少选项 --stage（可选：mid、final）"),
    (("rectify", "export"), "错误：缺少参数 PATH"),
])
def test_usage_errors_exit_2(office_db: Path, args: tuple[str, ...], tail: str) -> None:
    before = snapshot(office_db)
    result = invoke(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    lines = result.stderr.rstrip("\n").splitlines()
    assert lines[0].startswith("Usage: ")  # Click's, as in --help (CliRunner says "cli"; tests/e2e "docket")
    assert lines[1].startswith("运行 cli") and lines[1].endswith(" --help 查看帮助。")
    assert lines[-1] == tail
    assert not any(w in result.stderr for w in ("Error", "Missing", "No such", "Try "))
    assert snapshot(office_db) == before


def test_an_option_without_its_value_is_said_in_chinese(office_db: Path) -> None:
    result = invoke("list", "--color")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "错误：选项 --color 后面缺少值\n")


def test_a_plan_reports_every_bad_row_at_once_and_assigns_nothing(office_db: Path, tmp_path: Path) -> None:
    for title in ("建议一", "建议二", "建议三"):
        ok("add", "--title", title, "--proposer", "张三")
    ok("review", "3", "--withdraw", "--reason", "代表撤回")
    plan = tmp_path / "plan.csv"
    plan.write_text("编号,主办单位,协办单位\n1,水利局,农业农村局\n2,水立局,\n3,水利局,\n999,水利局,\n",
                    encoding="utf-8")
    refused(office_db, "assign", "--plan", str(plan),
            message="交办方案有 3 处问题，未交办任何一件：",
            details=("第3行 单位“水立局”不存在，相近的有：县水利局",
                     "第4行 第3号建议已撤案，不能交办",
                     "第5行 第999号不存在（县第十八届人民代表大会第五次会议）。用 docket list 查看已有编号"))
    plan.write_text("编号,主办单位,协办单位\n1,水利局,水利局\n", encoding="utf-8")
    refused(office_db, "assign", "--plan", str(plan), message="交办方案有 1 处错误，未交办任何建议：",
            details=("第2行 协办单位：主办单位“水利局”不能同时是协办单位",))


# -- issue 12, attack item 11: each used to end in 内部错误 (English) or Click's English exit 2 -------

@pytest.mark.parametrize(("args", "message"), [
    (("history", "--limit", "99999999999999999999"), "--limit：“99999999999999999999”过大"),
    (("list", "--limit", "99999999999999999999"), "--limit：“99999999999999999999”过大"),
    (("brief", "--issue", "99999999999999999999"), "--issue：“99999999999999999999”过大（最大 99999）"),
    # 0 is told the option's own example, as -1 and 三 are (it said only 应为正整数)
    (("brief", "--issue", "0"), "--issue：“0”应为正整数期号，例如 3"),
    (("score", "--year", "abc"), "--year：“abc”应为整数，例如 2026"),
    (("score", "publish", "--year", "二〇二六"), "--year：“二〇二六”应为整数，例如 2026"),
    (("report", "--out", ""), "--out：不能为空，请写输出文件或文件夹的名称"),
    (("report", "--format", "xlsx", "--out", "/proc/x.xlsx"),
     "--out：无法在“/proc”中创建文件（只读、无权限或不是普通文件夹），请换一个输出位置"),
    (("remind", "--out", "/proc"),
     "--out：无法在“/proc”中创建文件（只读、无权限或不是普通文件夹），请换一个输出位置"),
    (("score", "--out", "/proc/考评.xlsx"),
     "--out：无法在“/proc”中创建文件（只读、无权限或不是普通文件夹），请换一个输出位置"),
])
def test_bad_numbers_and_places_in_options_are_data_errors(assigned_item: Path, args, message) -> None:
    refused(assigned_item, *args, message=message)


def test_a_large_year_goes_to_the_core_range_check(assigned_item: Path) -> None:
    refused(assigned_item, "score", "--year", "9" * 5000,
            message=f"--year：“{'9' * 20}…”应为整数，例如 2026")
    refused(assigned_item, "score", "--year", "20266",
            message="年度“20266”不在2000–2100之间，请写四位年份，例如 2026")


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"PK\x03\x04" + b"\x00" * 64,
                                  b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"],
                         ids=["bytes", "zip", "png"])
def test_a_binary_content_file_is_refused(office_db: Path, tmp_path: Path, data: bytes) -> None:
    # was 内部错误（UnicodeDecodeError …）
    path = tmp_path / "正文.docx"
    path.write_bytes(data)
    refused(office_db, "add", "--title", "关于修缮河堤的建议", "--proposer", "张三",
            "--content-file", str(path),
            message="--content-file：文件“正文.docx”不是文本文件（应为 UTF-8 或 GBK 编码的 .txt），"
                    "Word 文档请先另存为纯文本")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_a_text_content_file_is_read_in_common_encodings(office_db: Path, tmp_path: Path,
                                                         encoding: str) -> None:
    path = tmp_path / "正文.txt"
    path.write_bytes("建议修缮城东河堤。\n共三处。".encode(encoding))
    assert ok("add", "--title", "关于修缮河堤的建议", "--proposer", "张三", "--content-file",
              str(path)) == "1\n"
    conn = sqlite3.connect(office_db)
    try:
        assert conn.execute("SELECT content FROM items").fetchall() == [("建议修缮城东河堤。\n共三处。",)]
    finally:
        conn.close()


def test_a_missing_content_file_is_a_data_error(office_db: Path, tmp_path: Path) -> None:
    refused(office_db, "add", "--title", "关于修缮河堤的建议", "--proposer", "张三",
            "--content-file", str(tmp_path / "无.txt"),
            message=f"--content-file：找不到文件“{tmp_path / '无.txt'}”")


def test_an_id_card_number_in_the_number_column_is_refused_by_row(office_db: Path,
                                                                 tmp_path: Path) -> None:
    # was accepted, and the next item was numbered 110101199001011235
    path = tmp_path / "n.csv"
    path.write_text("编号,标题,领衔代表\n110101199001011234,关于修缮河堤的建议,张三\n", encoding="utf-8")
    refused(office_db, "import", str(path),
            message="n.csv 有 1 处问题，未导入任何一行（改正后重新导入）：",
            details=("第2行 编号：“110101199001011234”不是有效编号（最大为 999999；这像是填错列的身份证号"
                     "或电话号码）",))
