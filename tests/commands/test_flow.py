"""The whole flow of contract §2 from the CLI, with DOCKET_TODAY moving forward:
add → assign → opinion → reply → 不满意 → re-handling → reply → 满意 → closed."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import as_json, invoke, ok


def run(today: str, *args: str) -> tuple[str, str]:
    result = invoke(*args, today=today)
    assert result.exit_code == 0, result.stderr
    return result.stdout, result.stderr


def listed(today: str) -> dict:
    (row,) = as_json("list", today=today)
    return {k: row[k] for k in ("state", "lead_unit", "support_units", "assigned_on", "due_on",
                                "replied_on", "reply_class", "color", "days_left", "result", "attitude")}


def test_contract_flow_with_due_dates_colours_and_history(office_db: Path) -> None:
    out, err = run("2026-03-20", "add", "--title", "关于加固城东河堤的建议", "--proposer", "张三",
                   "--co", "李四、王五", "--category", "农业农村")
    assert (out, err) == ("1\n", "")
    assert listed("2026-03-20") == {
        "state": "registered", "lead_unit": None, "support_units": [], "assigned_on": None, "due_on": None,
        "replied_on": None, "reply_class": None, "color": None, "days_left": None, "result": None,
        "attitude": None}

    out, err = run("2026-03-20", "assign", "1", "--lead", "水利局", "--support", "农业农村局")
    # lead: 03-20 + 3 months = 06-20, a Saturday inside 端午 06-19–21 → Monday 06-22;
    # support: 03-20 + 1 month = Monday 04-20
    assert (out, err) == ("第1号  主办 县水利局  期限 2026-06-22  协办 县农业农村局 期限 2026-04-20\n", "")
    # 62 working days from 03-23 to 06-22 (04-06 清明, 05-01–05 劳动节, 06-19 端午 skipped; Sat 05-09 counted)
    assert listed("2026-03-20") == {
        "state": "assigned", "lead_unit": "县水利局", "support_units": ["县农业农村局"],
        "assigned_on": "2026-03-20", "due_on": "2026-06-22", "replied_on": None, "reply_class": None,
        "color": "white", "days_left": 62, "result": None, "attitude": None}

    # 04-07: the supporter is 9 working days from its due date (yellow), the lead still white
    item = as_json("show", "1", today="2026-04-07")
    assert [(a["unit"], a["role"], a["color"]) for a in item["assignments"]] == [
        ("县水利局", "lead", "white"), ("县农业农村局", "support", "yellow")]

    assert run("2026-04-10", "reply", "1", "--unit", "农业农村局") == (
        "", "第1号：已登记县农业农村局的协办意见。\n")
    assert run("2026-05-11", "reply", "1", "--unit", "水利局", "--class", "C", "--doc-no", "青水函〔2026〕21号") == (
        "", "第1号：已登记县水利局的答复（C类）。\n")
    assert listed("2026-05-11")["state"] == "replied"
    assert listed("2026-05-11")["color"] is None

    assert run("2026-05-25", "evaluate", "1", "--result", "不满意", "--note", "未到现场查看") == (
        "", "第1号：评价“不满意”，现为“重新办理”。\n")
    # re-handling: 05-25 + 1 month = Thursday 06-25; on 06-10 it is 10 working days away: yellow
    assert listed("2026-06-10") == {
        "state": "rehandling", "lead_unit": "县水利局", "support_units": ["县农业农村局"],
        "assigned_on": "2026-03-20", "due_on": "2026-06-25", "replied_on": "2026-05-11", "reply_class": "C",
        "color": "yellow", "days_left": 10, "result": "dissatisfied", "attitude": None}
    assert listed("2026-06-09")["color"] == "white"

    assert run("2026-06-18", "reply", "1", "--unit", "水利局", "--class", "B") == (
        "", "第1号：已登记县水利局的答复（B类）。\n")
    assert run("2026-07-01", "evaluate", "1", "--result", "满意", "--attitude", "满意", "--contacted", "yes") == (
        "", "第1号：评价“满意”，现为“已办结”。\n")

    item = as_json("show", "1", today="2026-07-01")
    assert {k: item[k] for k in ("state", "state_label", "round", "closed_on", "reply_class", "result",
                                 "attitude", "color", "days_left", "co_proposers", "category")} == {
        "state": "closed", "state_label": "已办结", "round": 2, "closed_on": "2026-07-01", "reply_class": "B",
        "result": "satisfied", "attitude": "satisfied", "color": None, "days_left": None,
        "co_proposers": ["李四", "王五"], "category": "农业农村"}
    assert [(a["unit"], a["role"], a["round"], a["assigned_on"], a["due_on"], a["replied_on"], a["returned"])
            for a in item["assignments"]] == [
        ("县水利局", "lead", 1, "2026-03-20", "2026-06-22", "2026-05-11", False),
        ("县农业农村局", "support", 1, "2026-03-20", "2026-04-20", "2026-04-10", False),
        ("县水利局", "lead", 2, "2026-05-25", "2026-06-25", "2026-06-18", False)]
    assert [(r["unit"], r["role"], r["round"], r["class"], r["on"], r["doc_no"]) for r in item["replies"]] == [
        ("县农业农村局", "support", 1, None, "2026-04-10", None),
        ("县水利局", "lead", 1, "C", "2026-05-11", "青水函〔2026〕21号"),
        ("县水利局", "lead", 2, "B", "2026-06-18", None)]
    assert item["evaluations"] == [
        {"round": 1, "result": "dissatisfied", "attitude": None, "on": "2026-05-25", "rater": "张三",
         "decisive": True, "contacted": None, "note": "未到现场查看"},
        {"round": 2, "result": "satisfied", "attitude": "satisfied", "on": "2026-07-01", "rater": "张三",
         "decisive": True, "contacted": True, "note": None}]

    history = as_json("history", "1", today="2026-07-01")
    assert history == item["events"]
    assert [(e["at"][:10], e["by"], e["action"]) for e in history] == [
        ("2026-03-20", "测试员", "add"), ("2026-03-20", "测试员", "assign"), ("2026-04-10", "测试员", "opinion"),
        ("2026-05-11", "测试员", "reply"), ("2026-05-25", "测试员", "evaluate"),
        ("2026-05-25", "测试员", "rehandle"), ("2026-06-18", "测试员", "reply"),
        ("2026-07-01", "测试员", "evaluate"), ("2026-07-01", "测试员", "close.evaluated")]
    assert [e["detail"] for e in history] == [
        {"number": 1, "after": {"state": "registered", "title": "关于加固城东河堤的建议", "proposer": "张三"}},
        {"number": 1, "lead": "县水利局", "assigned_on": "2026-03-20", "due_on": "2026-06-22", "provisional": False,
         "objection_until": "2026-03-27", "support": [{"unit": "县农业农村局", "due_on": "2026-04-20", "provisional": False}],
         "before": {"state": "registered"}, "after": {"state": "assigned"}},
        {"number": 1, "unit": "县农业农村局", "on": "2026-04-10"},
        {"number": 1, "unit": "县水利局", "role": "lead", "class": "C", "on": "2026-05-11", "round": 1,
         "before": {"state": "assigned"}, "after": {"state": "replied"}},
        {"number": 1, "round": 1, "result": "dissatisfied", "result_label": "不满意", "attitude": None,
         "on": "2026-05-25", "decisive": True, "rater": "张三", "contacted": None, "note": "未到现场查看"},
        {"number": 1, "round": 2, "due_on": "2026-06-25", "unit": "县水利局", "before": {"state": "replied"},
         "after": {"state": "rehandling"}},
        {"number": 1, "unit": "县水利局", "role": "lead", "class": "B", "on": "2026-06-18", "round": 2,
         "before": {"state": "rehandling"}, "after": {"state": "replied"}},
        {"number": 1, "round": 2, "result": "satisfied", "result_label": "满意", "attitude": "satisfied",
         "on": "2026-07-01", "decisive": True, "rater": "张三", "contacted": True, "note": None},
        {"number": 1, "round": 2, "before": {"state": "replied"}, "after": {"state": "closed"}}]

    text = ok("history", "1", today="2026-07-01").splitlines()
    assert [line[18:] for line in text] == [
        "测试员  登记  第1号",
        "测试员  交办  第1号；状态：已登记 → 办理中；主办：县水利局；期限：2026-06-22",
        "测试员  协办意见  第1号；单位：县农业农村局",
        "测试员  答复  第1号；状态：办理中 → 已答复；单位：县水利局；类别：C",
        "测试员  评价  第1号；结果：不满意",
        "测试员  重新办理  第1号；状态：已答复 → 重新办理；单位：县水利局；期限：2026-06-25",
        "测试员  答复  第1号；状态：重新办理 → 已答复；单位：县水利局；类别：B",
        "测试员  评价  第1号；结果：满意",
        "测试员  办结  第1号；状态：已答复 → 已办结"]
    assert ok("audit", "verify") == ""


def test_unreplied_assignment_turns_red_the_day_after_its_due_date(office_db: Path) -> None:
    ok("add", "--title", "关于整治农村饮水的建议", "--proposer", "李四")
    ok("assign", "1", "--lead", "农业农村局")
    assert listed("2026-06-22")["color"] == "yellow"   # the due day: 0 working days left
    assert listed("2026-06-22")["days_left"] == 0
    red = listed("2026-06-23")
    assert (red["color"], red["days_left"]) == ("red", -1)
    assert listed("2026-07-31")["days_left"] == -39    # domain.md §8 item 6: red, 39 days
    assert [r["number"] for r in as_json("list", "--overdue", today="2026-07-31")] == [1]
    assert as_json("list", "--color", "white", today="2026-07-31") == []
