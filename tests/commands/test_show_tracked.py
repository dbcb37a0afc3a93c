"""`show` and `list` of a rectification item (domain.md §12) and a 民生实事 project (§13): the plan
and progress sections, only the fields the kind has, the lead's colour as the list gives it
(the worse of lag and due date), the proposer column named for the kind, and `review`'s state
word in the kind's words."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from docket.core.rectify import LEDGER_KEYS
from tests.conftest import invoke, ok

ROUND = "2026年部门工作评议整改"
PROJECTS = "2027年民生实事项目"


@pytest.fixture
def lagging(office_db: Path) -> Path:
    """Problem 1 planned 2026-03-20, due 2026-05-19, 10 % reported on 03-26: on 04-20 it is
    planned 51.7 %, 41.7 points behind (red), though 19 workdays are left (white by due date)."""
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局", "--source", "2026年度部门工作评议")
    ok("rectify", "plan", "1", "--target", "汛前完成主河道清淤", "--measures", "分三段清淤；建立巡河制度",
       "--person", "李明", "--due", "2026-05-19")
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-03-26")
    return office_db


def show(*args: str, today: str) -> str:
    return ok("--session", args[0], "show", *args[1:], today=today)


def test_show_gives_a_rectification_items_plan_and_progress(lagging: Path) -> None:
    text = show(ROUND, "1", today="2026-04-20")
    head, rest = text.split("\n\n", 1)
    # no 附议 (co-proposers are deputies'); the source and the day it was registered
    assert head == ("第1号整改问题  河道清淤进展缓慢\n状态：整改中\n问题来源：2026年度部门工作评议\n"
                    "类别：—    登记日期：2026-03-20")
    assert rest.startswith(
        "整改方案：\n"
        "  整改目标：汛前完成主河道清淤\n"
        "  整改措施：分三段清淤；建立巡河制度\n"
        "  责任单位：县水利局\n"
        "  责任人：李明\n"
        "  整改时限：2026-05-19（2026-03-20 起）\n"
        "  进度 10%  计划 51.7%  滞后 41.7 个百分点  红\n"
        "  未按时报送进度（应于 2026-04-02 报送）\n"   # rectify.update_every: 7 days after the report
        "\n"
        "进度记录：\n"
        "  2026-03-26  10%  计划 10%  完成摸底\n"     # 6 of 60 days
        "\n"
        "交办：\n"
        "  主办 县水利局  交办 2026-03-20  期限 2026-05-19  红（进度滞后）\n"), rest


def test_show_json_has_the_ledger_row_plus_the_progress_log(lagging: Path) -> None:
    data = json.loads(show(ROUND, "1", "--json", today="2026-04-20"))
    plan = data["rectification"]
    assert list(plan)[:len(LEDGER_KEYS)] == list(LEDGER_KEYS)
    ledger = json.loads(ok("rectify", "list", "--json", today="2026-04-20"))[0]
    assert {k: plan[k] for k in LEDGER_KEYS} == {k: ledger[k] for k in LEDGER_KEYS}
    assert plan["progress_log"] == [{"on": "2026-03-26", "percent": 10, "planned": 10.0, "note": "完成摸底",
                                     "by": "测试员"}]
    # the lead's colour is the list's: red by lag, not white by due date
    listed = json.loads(ok("--session", ROUND, "list", "--json", today="2026-04-20"))[0]
    assert (listed["color"], data["color"], data["assignments"][0]["color"]) == ("red", "red", "red")
    assert data["assignments"][0]["behind_plan"] is True


def test_checks_and_accountability_are_shown(lagging: Path) -> None:
    ok("rectify", "progress", "1", "100", "--note", "清淤完成", today="2026-04-20")
    ok("rectify", "recheck", "1", "--fail", "--note", "下游段未清", today="2026-04-22")
    ok("rectify", "progress", "1", "100", today="2026-05-06")
    ok("rectify", "recheck", "1", "--pass", today="2026-05-08")
    ok("rectify", "accountability", "1", "--reason", "首次复查未通过", today="2026-05-09")
    text = show(ROUND, "1", today="2026-05-09")
    assert "  复查：2026-05-08 通过\n" in text
    assert "  问责：2026-05-09 首次复查未通过\n" in text
    # the first round's reports are logged without a plan of the new round's
    assert ("进度记录：\n  2026-03-26  10%  计划 —  完成摸底\n  2026-04-20  100%  计划 —  清淤完成\n"
            "  2026-05-06  100%  计划 46.7%\n") in text
    # a unit's report of a rectification item has no class
    assert "类别 None" not in text and "  2026-05-06  县水利局  答复\n" in text


def test_list_names_the_proposer_and_lead_columns_for_the_kind(lagging: Path) -> None:
    header = ok("--session", ROUND, "list", today="2026-04-20").splitlines()[0].split()
    assert header == ["编号", "标题", "问题来源", "责任单位", "状态", "期限", "剩余", "颜色"]
    ok("add", "--title", "关于加强河道治理的建议", "--proposer", "张三")
    header = ok("list").splitlines()[0].split()
    assert header == ["编号", "标题", "领衔人", "主办单位", "状态", "期限", "剩余", "颜色"]


def test_review_and_history_word_a_rectification_state_as_the_round_does(lagging: Path) -> None:
    ok("rectify", "add", "--problem", "窗口服务态度差", "--unit", "卫健局")
    # 立案 means nothing in a rectification round: refused, in the round's words (not 已登记)
    r = invoke("--session", ROUND, "review", "2", "--accept")
    assert (r.exit_code, r.stderr) == (1, "错误：第2号整改问题未启动，不能立案\n")
    last = json.loads(ok("history", "--json", "--limit", "1"))
    assert (last[0]["action"], last[0]["kind"]) == ("add", "rectification")


def _projects() -> None:
    ok("unit", "add", "县住建局", "--short", "住建局")
    ok("project", "new", PROJECTS, "--places", "3", today="2027-01-20")
    for title in ("城区老旧小区改造", "农村饮水安全巩固提升"):
        ok("project", "add", title, "--unit", "住建局", "--budget", "100", today="2027-01-20")
    ok("project", "vote", "--members", "100", "--present", "90", "--valid", "88", "1=80/5/3", "2=40/40/8",
       today="2027-01-20")
    ok("config", "set", "deadline.max", "12 months")
    ok("--session", PROJECTS, "assign", "1", "--lead", "住建局", "--due", "2027-12-31", today="2027-01-20")
    ok("project", "milestone", "1", "2027-06-30", "完成主体施工", "--percent", "60", today="2027-01-20")
    ok("project", "progress", "1", "20", "--note", "完成设计", today="2027-03-01")
    ok("project", "test", "--stage", "mid", "1", "--group", "代表", "--members", "31", "--present", "29",
       "--satisfied", "15", "--basic", "10", "--dissatisfied", "4", today="2027-07-01")


def test_show_gives_a_projects_ballot_milestones_progress_and_tests(office_db: Path) -> None:
    _projects()
    text = show(PROJECTS, "1", today="2027-07-01")
    head, rest = text.split("\n\n", 1)
    assert head == "第1号民生实事  城区老旧小区改造\n状态：实施中\n牵头单位：县住建局\n登记日期：2027-01-20"
    assert rest.startswith(
        "项目：\n"
        "  预算：100 万元\n"
        "  票决：赞成 80  反对 5  弃权 3  名次 1  入选\n"
        "  实施期限：2027-12-31（2027-01-20 起）\n"
        "  进度 20%  计划 60.2%  滞后 40.2 个百分点  红\n"   # a day past the 60 % milestone
        "\n节点：\n  2027-06-30  完成主体施工  60%\n"
        "\n进度记录：\n  2027-03-01  20%  计划 14.9%  完成设计\n"   # 40 of 161 days to 60 %
        "\n满意度测评：\n  年中（2027-07-01）：满意率 86.2%  基本满意  满意15、基本满意10、不满意4、弃权0，实到29/应到31\n"
        "\n交办：\n  主办 县住建局  交办 2027-01-20  期限 2027-12-31  红（进度滞后）\n"), rest
    data = json.loads(show(PROJECTS, "1", "--json", today="2027-07-01"))
    listed = json.loads(ok("project", "list", "--json", today="2027-07-01"))["projects"][0]
    assert {k: v for k, v in data["project"].items() if k != "progress_log"} == listed
    assert data["project"]["progress_log"] == [{"on": "2027-03-01", "percent": 20, "planned": 14.9,
                                                "note": "完成设计", "by": "测试员"}]
    assert (data["color"], data["assignments"][0]["color"]) == ("red", "red")
    # the list names the column by what it holds: the lead unit the candidates were put up by
    assert ok("--session", PROJECTS, "list", today="2027-07-01").splitlines()[0].split()[2] == "牵头单位"


def test_a_candidate_not_adopted_shows_its_ballot_only(office_db: Path) -> None:
    _projects()
    text = show(PROJECTS, "2", today="2027-07-01")
    assert "附议" not in text and "类别" not in text
    assert "\n项目：\n  预算：100 万元\n  票决：赞成 40  反对 40  弃权 8  名次 —  未入选\n\n历史：" in text


def test_a_candidate_before_the_ballot_has_no_empty_project_section(office_db: Path) -> None:
    ok("unit", "add", "县住建局", "--short", "住建局")
    ok("project", "new", PROJECTS, "--places", "3", today="2027-01-20")
    ok("project", "add", "城区老旧小区改造", "--unit", "住建局", today="2027-01-20")
    text = show(PROJECTS, "1", today="2027-01-20")
    assert text.startswith("第1号民生实事  城区老旧小区改造\n状态：候选\n牵头单位：县住建局\n登记日期：2027-01-20\n\n历史：\n")


def test_return_words_a_rectification_state_as_the_round_does(lagging: Path) -> None:
    r = invoke("--session", ROUND, "return", "1", "--unit", "水利局", "--reason", "不属于本单位", today="2026-03-21")
    assert (r.exit_code, r.stderr) == (0, "第1号：县水利局已退回，现为“未启动”。\n")
