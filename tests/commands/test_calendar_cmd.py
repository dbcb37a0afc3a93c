from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.cli import cli
from tests.conftest import invoke, rows

WARN_2027 = "注意：2027年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。\n"


@pytest.fixture
def cal_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "docket.db"
    monkeypatch.setenv("DOCKET_DB", str(db))
    monkeypatch.setenv("DOCKET_TODAY", "2026-11-02")
    monkeypatch.setenv("DOCKET_USER", "王秘书")
    result = CliRunner().invoke(cli, ["init", "--org", "某县人大常委会"])
    assert result.exit_code == 0, result.output
    return db


def test_due_prints_the_iso_date(cal_db: Path) -> None:
    result = invoke("calendar", "due", "2026-03-20", "3个月")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "2026-06-22\n", "")


def test_due_explain_across_national_day(cal_db: Path) -> None:
    result = invoke("calendar", "due", "2026-09-29", "3 workdays", "--explain")
    assert result.exit_code == 0
    assert result.stdout == (
        "2026-10-09\n"
        "起算日：2026年9月29日（周二），当日不计入期限。\n"
        "期限3个工作日：自次日起逐日计算，只数工作日。\n"
        "计入 2026年9月30日（周三）：第1个工作日\n"
        "跳过 2026年10月1日（周四）至10月7日（周三）：国庆节，共7天\n"
        "计入 2026年10月8日（周四）至10月9日（周五）：第2–3个工作日\n"
        "到期日：2026年10月9日（周五）。\n")


def test_due_in_fallback_year_is_provisional(cal_db: Path) -> None:
    # 2027-02-04 Thu: 除夕 02-05 to 初三 02-08 off by the statutory fallback
    result = invoke("calendar", "due", "2027-02-04", "3 workdays")
    assert (result.exit_code, result.stdout) == (0, "2027-02-11\n")
    assert result.stderr == "2027-02-11（暂定）\n" + WARN_2027


def test_due_follows_the_roll_forward_setting(cal_db: Path) -> None:
    assert invoke("config", "set", "deadline.roll_forward", "false").exit_code == 0
    result = invoke("calendar", "due", "2026-03-20", "3 months")
    assert (result.exit_code, result.stdout) == (0, "2026-06-20\n")


def test_due_works_without_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKET_DB", str(tmp_path / "none.db"))
    result = invoke("calendar", "due", "2026-02-01", "15日")
    assert (result.exit_code, result.stdout) == (0, "2026-02-24\n")
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("args, message", [
    (["2026-02-30", "3 months"], "错误：起算日：2026-02-30 不是有效日期（该月没有这一天）\n"),
    (["2026-03-20", "3 fortnights"],
     ("错误：期限：无法识别的期限“3 fortnights”，应写作“3个月”“15日”“20个工作日”之类"
      "（也可写作 3 months、15 days、20 workdays）\n")),
])
def test_due_bad_input(cal_db: Path, args: list[str], message: str) -> None:
    result = invoke("calendar", "due", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)


def test_set_changes_a_due_date_and_records_an_event(cal_db: Path) -> None:
    before = len(rows(cal_db, "events"))
    result = invoke("calendar", "set", "2026-10-08", "holiday", "--note", "本县调整")
    assert (result.exit_code, result.stderr) == (0, "已将2026年10月8日（周四）设为放假（本县调整）。\n")
    # 09-30, then 10-08 is off: 10-09 and the Sat 10-10 make-up day
    assert invoke("calendar", "due", "2026-09-29", "3 workdays").stdout == "2026-10-10\n"
    events = rows(cal_db, "events")[before:]
    assert len(events) == 1
    with sqlite3.connect(cal_db) as conn:
        action, by, detail = conn.execute(
            "SELECT action, by, detail FROM events ORDER BY id DESC LIMIT 1").fetchone()
    assert (action, by) == ("calendar.set", "王秘书")
    assert json.loads(detail) == {"day": "2026-10-08", "before": None,
                                  "after": {"workday": False, "note": "本县调整", "source": "set"}}
    # the same again changes nothing and records nothing
    again = invoke("calendar", "set", "2026-10-08", "holiday", "--note", "本县调整")
    assert (again.exit_code, again.stderr) == (0, "2026年10月8日（周四）已设为放假，未改动。\n")
    assert len(rows(cal_db, "events")) == before + 1


def test_set_refuses_an_unknown_kind(cal_db: Path) -> None:
    result = invoke("calendar", "set", "2026-10-08", "maybe")
    assert (result.exit_code, result.stderr) == (1, "错误：类型：未知的类型“maybe”，应为 workday 或 holiday\n")
    assert rows(cal_db, "calendar_days") == []


def test_set_dry_run_writes_nothing(cal_db: Path) -> None:
    before = rows(cal_db, "events")
    result = invoke("calendar", "set", "2026-10-08", "holiday", "--dry-run")
    assert result.exit_code == 0
    assert (rows(cal_db, "calendar_days"), rows(cal_db, "events")) == ([], before)


def test_show_lists_holidays_and_make_up_days(cal_db: Path) -> None:
    result = invoke("calendar", "show", "--year", "2026", "--json")
    assert result.exit_code == 0
    days = json.loads(result.stdout)
    assert days[3] == {"date": "2026-01-04", "weekday": "周日", "workday": True, "type": "上班",
                       "name": "元旦调休上班", "source": "official", "source_label": "官方"}
    assert [d["date"] for d in days if d["workday"]] == [
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]


def test_show_fallback_year_warns(cal_db: Path) -> None:
    result = invoke("calendar", "show", "--year", "2027")
    assert result.exit_code == 0
    # the name column is as wide as 劳动节/中秋节
    assert result.stdout.splitlines()[:3] == ["日期        星期  类型  名称    来源",
                                              "2027-01-01  周五  放假  元旦    推算",
                                              "2027-02-05  周五  放假  春节    推算"]
    assert result.stderr == WARN_2027


CSV_2027 = """日期,类型,备注
2027-01-01,off,元旦
2027-02-05,off,春节
2027-02-06,off,春节
2027-02-07,off,春节
2027-02-08,off,春节
2027-02-09,off,春节
2027-02-10,off,春节
2027-02-11,off,春节
2027-02-20,on,春节调休上班
"""


def test_import_csv_loads_the_year(cal_db: Path, tmp_path: Path) -> None:
    f = tmp_path / "2027.csv"
    f.write_text(CSV_2027, encoding="utf-8-sig")
    result = invoke("calendar", "import", str(f))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "已导入2027年放假安排：共9天（放假8天，调休上班1天），其中9天有变动。\n"
    # no longer provisional: 02-05..11 off, so Thu 02-04 + 3 workdays = Fri 12, Mon 15, Tue 16
    due = invoke("calendar", "due", "2027-02-04", "3 workdays")
    assert (due.stdout, due.stderr) == ("2027-02-16\n", "")
    assert invoke("calendar", "due", "2027-02-19", "1 workdays").stdout == "2027-02-20\n"
    assert len(rows(cal_db, "calendar_days")) == 9


def test_import_json_of_a_public_holiday_dataset(cal_db: Path, tmp_path: Path) -> None:
    days = [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}]
    days += [{"name": "春节", "date": f"2027-02-{d:02d}", "isOffDay": True} for d in range(5, 12)]
    days += [{"name": "春节", "date": "2027-02-20", "isOffDay": False}]
    f = tmp_path / "2027.json"
    f.write_text(json.dumps({"year": 2027, "papers": [], "days": days}, ensure_ascii=False), encoding="utf-8")
    result = invoke("calendar", "import", str(f))
    assert result.exit_code == 0, result.stderr
    shown = json.loads(invoke("calendar", "show", "--year", "2027", "--json").stdout)
    assert shown[-1] == {"date": "2027-02-20", "weekday": "周六", "workday": True, "type": "上班",
                         "name": "春节", "source": "import", "source_label": "导入"}
    assert invoke("calendar", "due", "2027-02-04", "3 workdays").stdout == "2027-02-16\n"


def test_bad_csv_is_rejected_whole_naming_every_line(cal_db: Path, tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("date,type,note\n2027-01-01,off,元旦\n2027-02-30,off,春节\n2027-02-06,x,春节\n"
                 "2027-02-07,,春节\n2027-01-01,off,重复\n", encoding="utf-8")
    before = rows(cal_db, "events")
    result = invoke("calendar", "import", str(f))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "错误：日历文件 bad.csv 有 4 处错误，未导入任何一天：\n"
        "第3行 日期：2027-02-30 不是有效日期（该月没有这一天）\n"
        "第4行 类型：未知的类型“x”，应为 off 或 on\n"
        "第5行 类型：不能为空，应为 off 或 on\n"
        "第6行 日期：2027-01-01 与第2行重复\n")
    assert (rows(cal_db, "calendar_days"), rows(cal_db, "events")) == ([], before)


def test_bad_json_is_rejected_whole(cal_db: Path, tmp_path: Path) -> None:
    f = tmp_path / "2027.json"
    f.write_text('{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true},\n'
                 '{"name": "春节", "date": "2027年2月31日", "isOffDay": true}]}', encoding="utf-8")
    result = invoke("calendar", "import", str(f))
    assert (result.exit_code, result.stderr) == (
        1, "错误：日历文件 2027.json 有 1 处错误，未导入任何一天：\n第2项 日期：2027年2月31日 不是有效日期（该月没有这一天）\n")
    f.write_text('{"year": 2027, "days": [', encoding="utf-8")
    result = invoke("calendar", "import", str(f))
    assert result.stderr.startswith("错误：日历文件 2027.json 不是有效的 JSON（第1行：")
    assert rows(cal_db, "calendar_days") == []


def test_import_of_a_missing_file(cal_db: Path, tmp_path: Path) -> None:
    result = invoke("calendar", "import", str(tmp_path / "nope.csv"))
    assert (result.exit_code, result.stderr) == (1, "错误：日历文件 nope.csv 无法读取：No such file or directory\n")


def test_every_calendar_command_ends_its_help_with_an_example() -> None:
    for sub in ("due", "show", "set", "import"):
        result = invoke("calendar", sub, "--help")
        assert result.exit_code == 0
        assert "示例：docket calendar " + sub in result.stdout


def test_import_recomputes_provisional_due_dates(cal_db: Path, tmp_path: Path) -> None:
    env = {"DOCKET_TODAY": "2026-11-05"}
    runner = CliRunner()
    for args in (["unit", "add", "县水利局", "--short", "水利局"],
                 ["add", "--title", "关于修缮水渠的建议", "--proposer", "张三"],
                 ["assign", "1", "--lead", "水利局"]):
        assert runner.invoke(cli, args, env=env).exit_code == 0
    # 11-05 + 3 months = Fri 2027-02-05, 除夕 by the fallback (02-05..08 off) -> Tue 02-09, provisional
    lead = json.loads(runner.invoke(cli, ["show", "1", "--json"], env=env).stdout)["assignments"][0]
    assert (lead["due_on"], lead["provisional"]) == ("2027-02-09", True)
    f = tmp_path / "2027.csv"
    f.write_text(CSV_2027, encoding="utf-8")
    result = runner.invoke(cli, ["calendar", "import", str(f)], env=env)
    assert result.stderr.splitlines()[-1] == "已按新安排重算1个暂定期限。"
    # the imported schedule has 02-05..11 off -> Fri 02-12, no longer provisional
    lead = json.loads(runner.invoke(cli, ["show", "1", "--json"], env=env).stdout)["assignments"][0]
    assert (lead["due_on"], lead["provisional"]) == ("2027-02-12", False)
