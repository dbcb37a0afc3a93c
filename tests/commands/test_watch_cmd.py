"""remind, report, export through the CLI: streams, exit codes, files read back with openpyxl."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import invoke, ok, rows
from tests.helpers import build_worked_dataset

WARN_2027 = "注意：2027年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。\n"


@pytest.fixture
def worked(office_db: Path) -> Path:
    build_worked_dataset()
    return office_db


# -- remind -----------------------------------------------------------------------------------

def test_remind_piped_prints_only_the_table(worked: Path) -> None:
    result = invoke("remind", today="2026-07-31")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "单位          编号  标题                 承办方式  办理期限    办理状态       预警",
        "县农业农村局  5     关于第5项工作的建议  主办      2026-08-06  剩余4个工作日  催办",
        "县卫生健康局  6     关于第6项工作的建议  主办      2026-06-22  逾期39天       督办",
        "县卫生健康局  8     关于第8项工作的建议  主办      2026-08-11  剩余7个工作日  催办",
    ]
    again = invoke("remind", today="2026-07-31")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


def test_remind_says_due_today_as_the_reminder_document_does(worked: Path) -> None:
    """办理状态 is docgen.wording.status_text, the words of the 催办通知 (one place)."""
    from docket.docgen.wording import status_text

    result = invoke("remind", "--dry-run", today="2026-08-06")
    assert result.exit_code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "关于第5项工作的建议" in line)
    assert status_text(0, 0) == "今日到期" and "2026-08-06  今日到期" in row


def test_remind_out_creates_a_missing_folder_only_when_there_is_something_to_write(
        worked: Path, tmp_path: Path) -> None:
    """One folder policy for every document (docgen.issue.output_folder), as notice --out."""
    quiet = invoke("remind", "--out", str(tmp_path / "周六"), today="2026-08-01")  # a Saturday
    assert quiet.exit_code == 0 and not (tmp_path / "周六").exists()
    result = invoke("remind", "--out", str(tmp_path / "新目录"), today="2026-07-31")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "新目录").iterdir())
    assert written and all(n.endswith(".docx") and not n.startswith(".") for n in written)
    assert len(rows(worked, "documents")) == len(written)


def test_remind_out_that_is_a_file_says_so(worked: Path, tmp_path: Path) -> None:
    before = rows(worked, "reminders")
    (tmp_path / "催办").write_text("")
    result = invoke("remind", "--out", str(tmp_path / "催办"), today="2026-07-31")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"错误：输出目录 {tmp_path / '催办'} 不是目录（是一个文件），请换一个目录\n"
    assert rows(worked, "reminders") == before


def test_remind_bad_as_of_is_a_data_error(worked: Path) -> None:
    result = invoke("remind", "--as-of", "下周一")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "错误：--as-of：无法识别的日期“下周一”，请写作 2026-03-05 或 2026年3月5日\n"


def test_remind_warns_once_from_october_when_next_year_is_missing(office_db: Path) -> None:
    result = invoke("remind", "--json", today="2026-10-09")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", WARN_2027)
    early = invoke("remind", "--json", today="2026-09-30")
    assert early.stderr == ""


def test_remind_out_writes_one_document_per_unit(worked: Path, tmp_path: Path) -> None:
    out = tmp_path / "催办"
    out.mkdir()
    result = invoke("remind", "--out", str(out), "--json", today="2026-07-31")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["催办通知-县农业农村局-2026-07-31.docx",
                                                      "督办函-县卫生健康局-2026-07-31.docx"]
    docs = [(r[1], r[3], r[4], r[5]) for r in rows(worked, "documents")]
    assert docs == [("reminder", None, None, None), ("supervision", 2026, 1, "青禾人大办函〔2026〕1号")]
    # (level, n, due_on, document id): each reminder points at the document that carried it
    assert [(r[5], r[6], r[7], r[9]) for r in rows(worked, "reminders")] == [
        ("yellow", 1, "2026-08-06", 1), ("red", 1, "2026-06-22", 2), ("yellow", 1, "2026-08-11", 2)]


# -- report -----------------------------------------------------------------------------------

def test_report_json_is_the_worked_example(worked: Path) -> None:
    got = json.loads(ok("report", "--as-of", "2026-07-31", "--format", "json"))
    assert {k: got["totals"][k] for k in ("assigned", "replied", "reply_rate", "on_time_rate", "overdue",
                                           "evaluated", "satisfaction_rate", "completion_rate")} == {
        "assigned": 8, "replied": 6, "reply_rate": 0.75, "on_time_rate": 0.7143, "overdue": 1,
        "evaluated": 5, "satisfaction_rate": 0.8, "completion_rate": 0.5}
    assert json.loads(ok("report", "--as-of", "2026-07-31", "--json")) == got


def test_report_text_in_a_pipe(worked: Path) -> None:
    out = ok("report", "--as-of", "2026-07-31").splitlines()
    assert out[:2] == ["指标        数值                计算", "交办件数    8"]
    assert "按期答复率  71.4%               5/7" in out
    assert out[-3:] == [
        "县水利局      3     0     3       0     66.7%       100%",
        "县农业农村局  2     1     2       0     100%        50.0%",
        "县卫生健康局  3     1     1       1     50.0%       100%",
    ]


def test_report_xlsx_states_numerators_and_denominators(worked: Path, tmp_path: Path) -> None:
    target = tmp_path / "统计.xlsx"
    result = invoke("report", "--as-of", "2026-07-31", "--format", "xlsx", "--out", str(target))
    assert (result.exit_code, result.stdout) == (0, f"{target}\n")
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["总体情况", "各单位", "答复类别", "逾期未答复"]
    caption = "县第十八届人民代表大会第五次会议 办理情况统计（报告日期：2026-07-31）"
    assert [p.value for p in wb.custom_doc_props if p.name == "报告日期"] == ["2026-07-31"]
    for ws in wb:                                   # the date above, the header frozen and filterable
        assert (ws["A1"].value, ws.freeze_panes, ws["A2"].font.b) == (caption, "A3", True)
    ws = wb["总体情况"]
    assert [c.value for c in ws[2]] == ["指标", "件数", "比率", "分子含义", "分子（件）", "分母含义", "分母（件）"]
    assert ws.auto_filter.ref == "A2:G14"
    table = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    assert [c.value for c in table["交办件数"]] == ["交办件数", 8, None, None, None, None, None]
    on_time = table["按期答复率"]
    assert [c.value for c in on_time] == ["按期答复率", None, 5 / 7, "按期答复", 5, "已答复+逾期未答复", 7]
    assert (on_time[2].number_format, on_time[4].data_type, on_time[6].data_type) == ("0.0%", "n", "n")
    assert [c.value for c in table["满意率"]] == ["满意率", None, 0.8, "满意（含基本满意）", 4, "已评价", 5]
    units = wb["各单位"]
    body = [[c.value for c in r] for r in units.iter_rows(min_row=3)]
    assert body[0] == ["县水利局", 3, 0, 3, 0, 2 / 3, 2, 3, 1, 2, 2]
    assert body[-1] == ["合计", 8, 2, 6, 1, 5 / 7, 5, 7, 0.8, 4, 5]
    assert [units.cell(row=6, column=c).number_format for c in (6, 9)] == ["0.0%", "0.0%"]
    assert units.auto_filter.ref == "A2:K5"            # the 合计 row stays out of sorting
    classes = wb["答复类别"]
    assert [[c.value for c in r] for r in classes.iter_rows(min_row=3)][0] == ["A", 2, 2 / 6, 2, 6]
    assert classes["C3"].number_format == "0.0%"
    assert [[c.value for c in r] for r in wb["逾期未答复"].iter_rows(min_row=3)] == [
        [6, "关于第6项工作的建议", "县卫生健康局", "2026-06-22", 39]]
    assert units.column_dimensions["A"].width >= 14   # 县农业农村局: 12 columns wide + margin


def test_report_xlsx_default_name_carries_the_as_of_date(worked: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("report", "--as-of", "2026-07-31", "--format", "xlsx", today="2026-08-03")
    assert (result.exit_code, result.stdout) == (0, "办理情况统计-2026-07-31.xlsx\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["办理情况统计-2026-07-31.xlsx"]


@pytest.mark.parametrize(("fmt", "name"), [("json", "统计.json"), ("text", "统计.txt")])
def test_report_text_and_json_out_write_the_file(worked: Path, tmp_path: Path, fmt: str, name: str) -> None:
    piped = ok("report", "--as-of", "2026-07-31", "--format", fmt)
    target = tmp_path / "报表" / name
    target.parent.mkdir()
    result = invoke("report", "--as-of", "2026-07-31", "--format", fmt, "--out", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"已写入 {target}\n")
    assert target.read_text(encoding="utf-8") == piped
    assert [p.name for p in target.parent.iterdir()] == [name]      # no temp file left behind


def test_report_out_suffix_of_another_format(worked: Path, tmp_path: Path) -> None:
    result = invoke("report", "--out", str(tmp_path / "统计.xlsx"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("错误：输出文件 统计.xlsx 是 .xlsx 文件，而输出格式是 text：请加 --format xlsx，"
                             "或改用 .txt 扩展名\n")
    assert not (tmp_path / "统计.xlsx").exists()


def test_report_out_under_a_file(worked: Path, tmp_path: Path) -> None:
    (tmp_path / "报表").write_text("")
    result = invoke("report", "--format", "xlsx", "--out", str(tmp_path / "报表" / "a.xlsx"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"错误：输出目录 {tmp_path / '报表'} 不是目录（是一个文件），请换一个目录\n"


def test_report_help_says_as_of_uses_todays_settings() -> None:
    text = ok("report", "--help")
    assert "注意：设置不保留历史，过去某一天的报表也按今天的设置计算。" in text
    assert "重现当天的办理事实；期限、口径等设置用的是现在的设置。" in "".join(text.split())


def test_report_out_in_a_missing_folder(worked: Path, tmp_path: Path) -> None:
    result = invoke("report", "--format", "xlsx", "--out", str(tmp_path / "无" / "a.xlsx"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"错误：输出目录 {tmp_path / '无'} 不存在，请先创建或换一个目录\n"


# -- export -----------------------------------------------------------------------------------

@pytest.fixture
def private(office_db: Path) -> Path:
    ok("add", "--title", "=HYPERLINK(\"http://example.com\",\"点我\")", "--proposer", "欧阳明远",
       "--co", "柯明", "--co", "黎文秀", "--content", "住在青禾路8号的群众反映……")
    ok("add", "--title", "关于加强校园安全的建议", "--proposer", "县政协教育界别", "--category", "+教科文卫")
    ok("assign", "1", "2", "--lead", "水利局")
    ok("reply", "1", "--unit", "水利局", "--class", "A", "--contact", "李红", "--phone", "0839-6212345",
       today="2026-04-01")
    ok("evaluate", "1", "--result", "满意", "--note", "@张三 很满意", today="2026-04-02")
    return office_db


def test_masked_export_csv(private: Path, tmp_path: Path) -> None:
    target = tmp_path / "公开.csv"
    result = invoke("export", str(target), "--masked", today="2026-04-02")
    assert (result.exit_code, result.stdout) == (0, f"{target}\n")
    text = target.read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(text.splitlines()))
    one, two = table
    assert (one["领衔人"], one["附议人"], one["答复联系人"], one["答复联系电话"]) == (
        "欧***", "柯*、黎**", "李*", "083*-***2345")
    assert two["领衔人"] == "县政协教育界别"                    # a collective proposer is kept
    assert one["标题"] == "'=HYPERLINK(\"http://example.com\",\"点我\")"
    assert two["类别"] == "'+教科文卫"
    assert (one["第1轮答复日期"], one["第1轮答复类别"], one["第1轮评价日期"], one["第1轮办理结果"]) == (
        "2026-04-01", "A", "2026-04-02", "满意")
    for gone in ("通讯地址", "评价人", "评价意见", "内容"):
        assert gone not in one
    for secret in ("欧阳明远", "青禾路8号", "张三", "0839-6212345", "李红"):
        assert secret not in text


@pytest.mark.parametrize(("name", "masked"), [
    ("柯明", "柯*"), ("黎文秀", "黎**"), ("欧阳明远", "欧***"),
    ("阿依古丽·买买提", "阿***·***"), ("热合曼·阿不都", "热**·***"),   # long names are people too
    ("党国英", "党**"), ("王组", "王*"), ("民建国", "民**"), ("李文联", "李**"),  # 党/组/民建/文联 inside a name
    ("@欧阳明远", "@欧***"), ("=柯明", "=柯*"),                           # the formula mark is not the surname
    ("县政协教育界别", "县政协教育界别"), ("青禾镇代表团", "青禾镇代表团"), ("第三小组", "第三小组"),
    ("政协青禾县委员会", "政协青禾县委员会"), ("民盟", "民盟"), ("民盟青禾县委", "民盟青禾县委"),
    ("民进县支部", "民进县支部"), ("农工党县委", "农工党县委"), ("致公党", "致公党"),
    ("九三学社青禾支社", "九三学社青禾支社"), ("台盟", "台盟"), ("县工商联", "县工商联"), ("县总工会", "县总工会"),
    ("共青团青禾县委", "共青团青禾县委"), ("青禾县妇联", "青禾县妇联"), ("县科协", "县科协"), ("侨联", "侨联"),
])
def test_mask_name(name: str, masked: str) -> None:
    from docket.core.privacy import mask_name

    assert mask_name(name) == masked


def test_masked_export_masks_every_person(office_db: Path, tmp_path: Path) -> None:
    ok("add", "--title", "关于甲的建议", "--proposer", "阿依古丽·买买提", "--co", "热合曼·阿不都", "--co", "党国英")
    ok("add", "--title", "关于乙的建议", "--proposer", "@欧阳明远", "--co", "王组")
    ok("add", "--title", "关于丙的建议", "--proposer", "民盟青禾县委")
    csv_target, xlsx_target = tmp_path / "公开.csv", tmp_path / "公开.xlsx"
    ok("export", str(csv_target), "--masked")
    ok("export", str(xlsx_target), "--masked")
    text = csv_target.read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(text.splitlines()))
    assert [(r["领衔人"], r["附议人"]) for r in table] == [
        ("阿***·***", "热**·***、党**"), ("'@欧***", "王*"), ("民盟青禾县委", "")]
    for secret in ("阿依古丽", "买买提", "热合曼", "阿不都", "党国英", "欧阳明远", "王组"):
        assert secret not in text
    ws = openpyxl.load_workbook(xlsx_target)["公开台账"]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row[3:5]}
    assert set(cells) == {"阿***·***", "热**·***、党**", "@欧***", "王*", "民盟青禾县委", None}
    assert (cells["@欧***"].data_type, cells["@欧***"].quotePrefix) == ("s", True)


def test_export_xlsx_neutralises_formulas(private: Path, tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    assert ok("export", str(target), today="2026-04-02") == f"{target}\n"
    ws = openpyxl.load_workbook(target)["台账"]
    header = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(header, ws[2])}
    title = row["标题"]
    assert (title.value, title.data_type, title.quotePrefix) == (
        "=HYPERLINK(\"http://example.com\",\"点我\")", "s", True)
    note = row["评价意见"]
    assert (note.value, note.data_type, note.quotePrefix) == ("@张三 很满意", "s", True)
    assert (row["领衔人"].value, row["内容"].value) == ("欧阳明远", "住在青禾路8号的群众反映……")
    assert ws.freeze_panes == "A2"
    assert not list(target.parent.glob(".*tmp*"))          # the temp file was renamed


def test_export_unknown_format(office_db: Path, tmp_path: Path) -> None:
    result = invoke("export", str(tmp_path / "台账.pdf"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "错误：输出文件 台账.pdf：格式应为 .xlsx、.csv，请改用这些扩展名\n"


def test_report_docx_is_the_circular_with_its_number(worked: Path, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "通报.docx"
    result = invoke("report", "--as-of", "2026-07-31", "--format", "docx", "--out", str(target))
    assert (result.exit_code, result.stdout) == (0, f"{target}\n")
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "青禾人大办〔2026〕1号" in text
    assert "已答复6件，答复率75.0%；按期答复5件，按期答复率71.4%；逾期未答复1件。" in text
    assert [(r[1], r[5], r[7]) for r in rows(worked, "documents")] == [
        ("circular", "青禾人大办〔2026〕1号", str(target))]


PROBE = """import sys; from docket.cli import cli
try:
    cli.main(sys.argv[1:], standalone_mode=False)
finally:
    heavy = {"textual", "docx", "openpyxl", "matplotlib", "sqlite_utils"}
    print(sorted(heavy & set(sys.modules)), file=sys.stderr)"""


@pytest.mark.parametrize("args", [["remind", "--dry-run"], ["remind", "--json"], ["report", "--json"]])
def test_watch_paths_stay_light(worked: Path, args: list[str]) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "DOCKET_TODAY": "2026-07-31"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env)
    assert done.stderr.splitlines()[-1] == "[]"
