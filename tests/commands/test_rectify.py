"""Rectification (整改, domain.md §12; contract §3 `rectify`): a problem through plan, lagging
progress (yellow then red), re-check fail and pass, look-back; bad input refused with nothing
stored; 未按时报送进度 in `remind`; figures in `report`; the ledger xlsx and the 整改情况通报."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import as_json, invoke, ok, rows
from tests.helpers import snapshot

ROUND = "2026年部门工作评议整改"
EXTRA = ("rectifications", "progress", "milestones", "progress_reminders")


def everything(db: Path) -> dict:
    return {**snapshot(db), **{t: rows(db, t) for t in EXTRA}}


def ledger(today: str, *args: str) -> list[dict]:
    return json.loads(ok("rectify", "list", "--json", *args, today=today))


def refused(db: Path, *args: str, message: str, today: str | None = None) -> None:
    before = everything(db)
    result = invoke(*args, today=today)
    assert (result.exit_code, result.stderr) == (1, f"错误：{message}\n")
    assert everything(db) == before


@pytest.fixture
def planned(office_db: Path) -> Path:
    """A round with problem 1 planned on 2026-03-20, due 2026-05-19 (60 days)."""
    ok("rectify", "new", ROUND)
    assert ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局",
              "--source", "2026年度部门工作评议") == "1\n"
    ok("rectify", "plan", "1", "--target", "汛前完成主河道清淤", "--measures", "分三段清淤；建立巡河制度",
       "--person", "李明", "--due", "2026-05-19")
    return office_db


def test_an_item_through_plan_lag_recheck_fail_and_pass_and_lookback(planned: Path) -> None:
    row = ledger("2026-03-20")[0]
    assert list(row)[:17] == ["number", "problem", "unit", "person", "target", "measures", "assigned_on",
                              "due_on", "progress", "planned", "lag", "color", "state", "state_label",
                              "rechecked_on", "closed_on", "accountability"]
    assert (row["unit"], row["state"], row["state_label"], row["due_on"], row["color"]) == (
        "县水利局", "assigned", "整改中", "2026-05-19", "white")
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-03-26")
    # 2026-04-01: 12 of 60 days → planned 20, reported 10: lag 10 = progress.yellow
    row = ledger("2026-04-01")[0]
    assert (row["progress"], row["planned"], row["lag"], row["color"]) == (10, 20.0, 10.0, "yellow")
    # 2026-04-20: planned 51.7, lag 41.7 ≥ progress.red
    row = ledger("2026-04-20")[0]
    assert (row["planned"], row["lag"], row["color"]) == (51.7, 41.7, "red")
    ok("rectify", "progress", "1", "100", "--note", "清淤完成", today="2026-04-20")
    row = ledger("2026-04-20")[0]
    assert (row["state"], row["state_label"], row["progress"], row["color"]) == ("replied", "已整改", 100, "white")
    out = invoke("rectify", "recheck", "1", "--fail", "--note", "下游段未清", today="2026-04-22")
    assert out.exit_code == 0, out.stderr
    row = ledger("2026-04-22")[0]
    # a new round due deadline.rehandle (1 month) from the failed re-check; its progress starts over
    assert (row["state"], row["state_label"], row["due_on"], row["progress"]) == (
        "rehandling", "复查未通过", "2026-05-22", None)
    ok("rectify", "progress", "1", "100", today="2026-05-06")
    ok("rectify", "recheck", "1", "--pass", today="2026-05-08")
    row = ledger("2026-05-08")[0]
    assert (row["state"], row["state_label"], row["rechecked_on"]) == ("rechecked", "复查通过", "2026-05-08")
    ok("rectify", "lookback", "1", "--pass", today="2026-11-09")
    row = ledger("2026-11-09")[0]
    assert (row["state"], row["state_label"], row["closed_on"]) == ("closed", "已销号", "2026-11-09")
    ok("rectify", "accountability", "1", "--reason", "首次复查未通过", today="2026-11-10")
    assert ledger("2026-11-10")[0]["accountability"] == {"on": "2026-11-10", "reason": "首次复查未通过"}
    history = [e["action"] for e in as_json("--session", ROUND, "history", "1", today="2026-11-10")]
    assert history == ["add", "assign", "rectify.plan", "progress", "progress", "reply", "rectify.recheck",
                       "rehandle", "progress", "reply", "rectify.recheck", "rectify.lookback",
                       "rectify.accountability"]
    assert invoke("audit", "verify").exit_code == 0


def test_a_rectification_item_is_rechecked_not_evaluated(planned: Path) -> None:
    ok("rectify", "progress", "1", "100", today="2026-04-01")
    refused(planned, "--session", ROUND, "evaluate", "1", "--result", "满意", today="2026-04-02",
            message="第1号整改问题已整改，不能评价")
    refused(planned, "rectify", "progress", "1", "100", today="2026-04-02",
            message="第1号整改问题已整改，不能报送进度")


def test_without_lookback_a_passed_recheck_closes(planned: Path) -> None:
    ok("config", "set", "rectify.lookback", "off")
    ok("rectify", "progress", "1", "100", today="2026-04-01")
    ok("rectify", "recheck", "1", "--pass", today="2026-04-02")
    assert ledger("2026-04-02")[0]["state_label"] == "已销号"


def test_past_due_and_not_done_is_red_whatever_the_progress(planned: Path) -> None:
    ok("rectify", "progress", "1", "95", today="2026-05-18")
    row = ledger("2026-05-20")[0]
    assert (row["planned"], row["lag"], row["color"]) == (100.0, 5.0, "red")


@pytest.mark.parametrize("args,message", [
    (("rectify", "progress", "1", "101"), "进度：101 超出范围，应为 0 到 100 之间的整数"),
    (("rectify", "progress", "1", "-5"), "进度：-5 超出范围，应为 0 到 100 之间的整数"),
    (("rectify", "progress", "1", "很多"), "进度：“很多”不是数字，应为 0 到 100 之间的整数"),
    (("rectify", "progress", "1", "20"), "进度：20% 低于上次报送的 40%，进度回退须用 --note 写明原因"),
    (("rectify", "add", "--problem", "无人负责的问题"),
     "责任单位：不能为空（整改方案必须明确责任单位，用 --unit 指定）"),
    (("rectify", "lookback", "1", "--pass"), "第1号整改问题整改中，不能回头看"),
    (("rectify", "recheck", "1", "--pass"), "第1号整改问题整改中，不能复查"),
    (("review", "1", "--accept"), "第1号不存在（县第十八届人民代表大会第五次会议）。用 docket list 查看已有编号"),
])
def test_bad_input_is_refused_and_nothing_is_stored(planned: Path, args, message) -> None:
    ok("rectify", "progress", "1", "40", today="2026-03-25")
    refused(planned, *args, message=message, today="2026-03-26")


def test_a_plan_due_before_its_start_and_a_lookback_before_a_passed_recheck(planned: Path) -> None:
    ok("rectify", "add", "--problem", "窗口服务态度差", "--unit", "卫健局")
    refused(planned, "rectify", "plan", "2", "--target", "t", "--measures", "m", "--person", "p",
            "--due", "2026-03-01", message="整改时限：2026-03-01 早于方案日期 2026-03-20")
    refused(planned, "rectify", "plan", "2", "--target", "t", "--measures", "m", "--person", "p", "--unit", " ",
            message="责任单位：不能为空（整改方案必须明确责任单位，用 --unit 指定）")
    ok("rectify", "progress", "1", "100", today="2026-04-01")
    refused(planned, "rectify", "lookback", "1", "--pass", today="2026-04-02",
            message="第1号整改问题已整改，不能回头看")
    ok("rectify", "recheck", "1", "--pass", today="2026-04-03")
    refused(planned, "rectify", "lookback", "1", "--pass", "--on", "2026-04-02", today="2026-04-05",
            message="回头看日期：2026-04-02 早于复查通过日期 2026-04-03")


def test_a_round_from_the_bottom_two_of_an_appraisal(office_db: Path) -> None:
    from tests.tui.helpers import appraisal_round

    appraisal_round("2026年度部门工作评议")
    ranking = {d["department"]: (d["rank"], d["grade"])
               for d in as_json("appraisal", "show", "2026年度部门工作评议")["departments"]}
    bottom = sorted(ranking, key=lambda u: ranking[u][0])[-2:]
    result = invoke("rectify", "new", ROUND, "--from-appraisal", "2026年度部门工作评议", "--bottom", "2")
    assert result.exit_code == 0, result.stderr
    rows_ = ledger("2026-03-20")
    assert sorted(r["unit"] for r in rows_) == sorted(bottom)
    for r in rows_:
        rank, grade = ranking[r["unit"]]
        assert r["source"] == f"2026年度部门工作评议（{grade}）"
        assert f"共3个部门中列第{rank}名" in r["problem"]
        assert (r["state"], r["state_label"]) == ("registered", "未启动")
    # the proposals session stays the current one
    assert as_json("list") == []


def _late_reports(day: str) -> list[dict]:
    """remind's 未按时报送进度 rows (plain `remind` also reminds the item by its colour:
    test_remind_tracked.py)."""
    groups = [{**g, "items": [i for i in g["items"] if i["color"] == "late_report"]}
              for g in as_json("remind", today=day)]
    return [g for g in groups if g["items"]]


def test_remind_flags_a_unit_late_with_its_progress_once_per_period(planned: Path) -> None:
    ok("rectify", "progress", "1", "10", "--note", "摸底", today="2026-03-23")
    assert _late_reports("2026-03-30") == []          # within 7 days of the report
    first = _late_reports("2026-03-31")
    assert first == [{"unit": "县水利局", "items": [{
        "number": 1, "title": "河道清淤进展缓慢", "round": ROUND, "role": "lead", "due_on": "2026-03-30",
        "color": "late_report", "days_overdue": 1, "n": 1, "reason": "未按时报送进度"}]}]
    assert _late_reports("2026-03-31") == []          # cron-safe: sent once
    assert ledger("2026-03-31")[0]["late_report"] is True
    # one period on: 03-30 + 7 days = 04-06, in 清明 (04-04–06), rolls to 04-07
    assert _late_reports("2026-04-07") == []
    again = _late_reports("2026-04-08")
    assert again[0]["items"][0]["n"] == 2
    ok("rectify", "progress", "1", "30", today="2026-04-08")
    assert _late_reports("2026-04-09") == []
    assert len(rows(planned, "progress_reminders")) == 2


def test_report_shows_the_rectification_figures_only_with_a_round(office_db: Path) -> None:
    assert "rectification" not in as_json("report")
    ok("rectify", "new", ROUND)
    for problem, unit in (("问题甲", "水利局"), ("问题乙", "卫健局")):
        ok("rectify", "add", "--problem", problem, "--unit", unit)
        ok("rectify", "plan", str(1 if unit == "水利局" else 2), "--target", "t", "--measures", "m",
           "--person", "p", "--due", "2026-04-20")
    ok("rectify", "progress", "1", "100", today="2026-04-10")
    ok("rectify", "recheck", "1", "--fail", today="2026-04-11")
    ok("rectify", "progress", "1", "100", today="2026-04-15")
    ok("rectify", "recheck", "1", "--pass", today="2026-04-16")
    ok("rectify", "accountability", "2", "--reason", "逾期未整改", today="2026-04-30")
    fig = as_json("report", today="2026-04-30")["rectification"]
    assert {k: fig[k] for k in ("total", "done", "completion_rate", "on_time", "on_time_rate", "rechecked",
                                "recheck_passed", "recheck_rate", "accountability")} == {
        "total": 2, "done": 1, "completion_rate": 0.5, "on_time": 1, "on_time_rate": 0.5,
        "rechecked": 1, "recheck_passed": 1, "recheck_rate": 1.0, "accountability": 1}
    text = ok("report", today="2026-04-30")
    assert "整改完成率" in text and "50.0%" in text and "复查通过率" in text


def test_the_ledger_xlsx_reads_back_in_the_columns_of_documents_3_6(planned: Path, tmp_path: Path) -> None:
    import openpyxl

    ok("rectify", "add", "--problem", "=HYPERLINK(\"http://x\")食堂监管", "--unit", "卫健局")
    ok("rectify", "plan", "2", "--target", "规范", "--measures", "@检查", "--person", "王五", "--due", "2026-03-27")
    ok("rectify", "progress", "1", "20", today="2026-03-30")
    out = tmp_path / "台账.xlsx"
    assert ok("rectify", "export", str(out), "--as-of", "2026-03-30", today="2026-03-30") == f"{out}\n"
    wb = openpyxl.load_workbook(out)
    ws = wb["整改台账"]
    assert ws["A1"].value == f"{ROUND}台账" and ws["A2"].value == "截至2026年3月30日"
    assert [c.value for c in ws[3]] == ["序号", "问题来源", "问题", "整改措施", "责任单位", "责任人",
                                       "整改时限", "进度", "状态", "复查结果", "销号日期"]
    one, two = [[c.value for c in ws[r]] for r in (4, 5)]
    assert one[:9] == [1, "2026年度部门工作评议", "河道清淤进展缓慢", "目标：汛前完成主河道清淤；措施：分三段清淤；建立巡河制度",
                       "县水利局", "李明", one[6], "20%（计划16.7%）", "整改中"]
    assert one[6].date().isoformat() == "2026-05-19"
    assert ws["G4"].number_format == 'yyyy"年"m"月"d"日"'
    assert two[2] == "=HYPERLINK(\"http://x\")食堂监管" and ws["C5"].data_type == "s" and ws["C5"].quotePrefix
    assert two[8] == "逾期" and ws["A5"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.freeze_panes == "A4" and ws.page_setup.orientation == "landscape"
    assert [ws.column_dimensions[c].width for c in "ABCDEFGHIJK"] == [6, 14, 40, 40, 16, 10, 14, 30, 10, 20, 14]
    # workbook created = modified = as_of (documents.md §3.6), not the clock of the save
    assert (wb.properties.created.isoformat(), wb.properties.modified.isoformat()) == (
        "2026-03-30T00:00:00", "2026-03-30T00:00:00")


def test_the_monthly_circular_is_issued_with_the_next_document_number(planned: Path, tmp_path: Path) -> None:
    import docx

    ok("rectify", "add", "--problem", "窗口服务态度差", "--unit", "卫健局")
    ok("rectify", "plan", "2", "--target", "t", "--measures", "m", "--person", "p", "--due", "2026-04-10")
    ok("report", "--format", "docx", "--out", str(tmp_path / "tb.docx"), today="2026-04-20")
    out = tmp_path / "整改通报.docx"
    assert ok("rectify", "circular", "--out", str(out), today="2026-04-20") == f"{out}\n"
    doc = docx.Document(str(out))
    text = [p.text for p in doc.paragraphs]
    assert "青禾人大办〔2026〕2号" in text        # the 通报 series: 1号 went to the 办理情况通报
    assert f"关于{ROUND}情况的通报" in text
    assert "各责任单位：" in text
    assert any(t.startswith("截至2026年4月20日，") and "共列入整改问题2个，已整改0个" in t for t in text)
    assert any(t.startswith("县水利局、县卫生健康局有整改问题进度滞后或超过整改时限") for t in text)
    assert [c.text for c in doc.tables[0].rows[0].cells][:3] == ["序号", "责任单位", "问题数"]
    overdue = [[c.text for c in r.cells] for r in doc.tables[1].rows[1:]]
    assert [r[1] for r in overdue] == ["1", "2"] and overdue[1][-1] == "逾期"
    docs = rows(planned, "documents")
    assert [(d[1], d[5]) for d in docs] == [("circular", "青禾人大办〔2026〕1号"),
                                            ("rectify_circular", "青禾人大办〔2026〕2号")]


def test_the_ledger_as_of_a_day_counts_only_the_reports_made_by_then(planned: Path) -> None:
    ok("rectify", "progress", "1", "10", "--note", "摸底", today="2026-03-26")
    ok("rectify", "progress", "1", "60", "--note", "过半", today="2026-04-20")
    row = ledger("2026-04-20", "--as-of", "2026-04-01")[0]
    assert (row["progress"], row["color"], row["late_report"]) == (10, "yellow", False)
    assert ledger("2026-04-20", "--as-of", "2026-04-10")[0]["late_report"] is True


def test_the_text_ledger_names_the_colour_without_a_colour_terminal(planned: Path) -> None:
    """A clerk piping `rectify list` (or without colours) still sees yellow, then red."""
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-03-26")
    header, line = ok("rectify", "list", "--as-of", "2026-04-01", today="2026-04-01").splitlines()[:2]
    assert "颜色" in header.split() and "黄" in line.split()
    line = ok("rectify", "list", "--as-of", "2026-04-20", today="2026-04-20").splitlines()[1]
    assert "红" in line.split()


def test_the_rounds_queue_colours_by_lag_as_the_ledger_does(planned: Path) -> None:
    """`docket --session ROUND list` (the TUI's queue) shows the ledger's lag colour, not only the
    due date's: yellow on 04-01, red on 04-20, though the due date 05-19 is far."""
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-03-26")
    for day, colour in (("2026-03-26", "white"), ("2026-04-01", "yellow"), ("2026-04-20", "red")):
        (row,) = json.loads(ok("--session", ROUND, "list", "--json", today=day))
        assert (row["number"], row["color"]) == (1, colour) == (1, ledger(day)[0]["color"])
    assert [r["number"] for r in json.loads(ok("--session", ROUND, "list", "--color", "red", "--json",
                                               today="2026-04-20"))] == [1]


def test_the_history_names_the_plan_progress_and_accountability_fields_in_chinese(planned: Path) -> None:
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-03-26")
    ok("rectify", "accountability", "1", "--reason", "进度滞后", today="2026-03-27")
    lines = ok("--session", ROUND, "history", "1", today="2026-03-27").splitlines()
    assert any("整改目标：— → 汛前完成主河道清淤" in x and "责任人：— → 李明" in x and "整改措施：" in x for x in lines)
    assert any("进度：— → 10" in x for x in lines) and any("问责：— → 进度滞后" in x for x in lines)
    assert not [x for x in lines if re.search(r"[a-z]{3,}：", x)]  # no raw field names


def test_a_backdated_entry_may_not_leave_a_later_one_going_backwards(planned: Path) -> None:
    ok("rectify", "progress", "1", "30", today="2026-03-30")
    # 40 % on 03-25 would make the 30 % of 03-30 a step back that nobody explained
    refused(planned, "rectify", "progress", "1", "40", "--on", "2026-03-25", today="2026-04-01",
            message="进度：40% 高于 2026-03-30 报送的 30%，补登后其后的进度将回退；请核对日期和进度")
    # a late report that fits between is taken, and compared with the entry before it by date
    ok("rectify", "progress", "1", "20", "--on", "2026-03-25", today="2026-04-01")
    assert [(e["on"], e["percent"]) for e in json.loads(ok("--session", ROUND, "show", "1", "--json", today="2026-04-01"))
            ["rectification"]["progress_log"]] == [("2026-03-25", 20), ("2026-03-30", 30)]


def test_show_names_the_problems_source_not_a_deputy(planned: Path) -> None:
    """A rectification item's `proposer` holds its source (an appraisal and its grade): `show`
    labels it 问题来源, never 领衔人, which names a deputy."""
    out = ok("--session", ROUND, "show", "1")
    assert "问题来源：" in out and "领衔人" not in out
